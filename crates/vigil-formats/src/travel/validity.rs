//! Whether a travel document can be used, as a fact apart from whether its MRZ check
//! digits hold: a specimen passport that expired in 2012 has perfect check digits.
//!
//! Only the expiry date is known (neither an MRZ nor a PAXLST `DOC` carries an issue or
//! valid-from date), so "not yet valid" cannot be told and is not claimed.

use super::dates::Day;
use super::traveller::TravelDocument;
use serde::Serialize;
use vigil_core::PartialDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentStatus {
    /// Not expired today, nor before the travel date when one is known.
    Valid,
    /// Expired before today.
    Expired,
    /// Valid today but expired on the travel date (the flight's departure).
    ExpiresBeforeTravel,
    /// The document gives no expiry date: its validity is unknown.
    NoExpiryDate,
}

/// One document's validity, with a sentence saying why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentValidity {
    pub number: String,
    pub status: DocumentStatus,
    pub message: String,
}

impl DocumentValidity {
    /// True when the document cannot be used for the trip.
    pub fn is_unusable(&self) -> bool {
        matches!(
            self.status,
            DocumentStatus::Expired | DocumentStatus::ExpiresBeforeTravel
        )
    }
}

/// The validity of `document` on `today` and, when known, on the `travel` day.
pub fn assess(document: &TravelDocument, today: Day, travel: Option<Day>) -> DocumentValidity {
    let (status, message) = match document.expires {
        None => (
            DocumentStatus::NoExpiryDate,
            "no expiry date: validity unknown".to_owned(),
        ),
        Some(expiry) if last_day(expiry) < today => {
            (DocumentStatus::Expired, format!("expired on {expiry}"))
        }
        Some(expiry) if travel.is_some_and(|t| last_day(expiry) < t) => (
            DocumentStatus::ExpiresBeforeTravel,
            format!("expires on {expiry}, before the travel date"),
        ),
        Some(expiry) => (DocumentStatus::Valid, format!("valid until {expiry}")),
    };
    DocumentValidity {
        number: document.number.clone(),
        status,
        message,
    }
}

/// The last day a partial date covers (a document "expiring 2030" is valid all of 2030).
fn last_day(date: PartialDate) -> Day {
    (date.year, date.month.unwrap_or(12), date.day.unwrap_or(31))
}

/// The day of an ISO 8601 date or date-time as sent (`2026-03-01T12:30`).
pub fn day_of(text: &str) -> Option<Day> {
    let date: PartialDate = text.get(..10)?.parse().ok()?;
    Some((date.year, date.month?, date.day?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(expires: Option<&str>) -> TravelDocument {
        TravelDocument {
            kind: "P".into(),
            number: "L898902C3".into(),
            expires: expires.map(|e| e.parse().unwrap()),
            issuing_country: None,
        }
    }

    #[test]
    fn expired_expiring_before_travel_and_valid() {
        let today = (2026, 3, 1);
        let status = |e, travel| assess(&document(e), today, travel).status;
        assert_eq!(status(Some("2012-04-15"), None), DocumentStatus::Expired);
        assert_eq!(status(Some("2026-03-01"), None), DocumentStatus::Valid);
        assert_eq!(
            status(Some("2026-03-10"), Some((2026, 3, 11))),
            DocumentStatus::ExpiresBeforeTravel
        );
        assert_eq!(
            status(Some("2026"), Some((2026, 12, 31))),
            DocumentStatus::Valid
        );
        assert_eq!(status(None, None), DocumentStatus::NoExpiryDate);
        let expired = assess(&document(Some("2012-04-15")), today, None);
        assert!(expired.is_unusable());
        assert_eq!(expired.message, "expired on 2012-04-15");
        assert_eq!(day_of("2026-03-01T12:30"), Some((2026, 3, 1)));
        assert_eq!(day_of("soon"), None);
    }
}
