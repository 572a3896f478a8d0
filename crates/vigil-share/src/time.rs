//! STIX and TAXII timestamps: RFC 3339 in UTC with a `Z`. Versions and dates added are
//! compared as text, so they are normalised to one fixed precision first.

use chrono::{DateTime, SecondsFormat, Utc};

/// `YYYY-MM-DDTHH:MM:SS.ssssssZ`: how TAXII dates added and object versions are kept.
pub fn normalise(text: &str) -> Result<String, String> {
    let parsed = DateTime::parse_from_rfc3339(text.trim())
        .map_err(|e| format!("{text:?} is not an RFC 3339 timestamp ({e})"))?;
    if !text.trim().ends_with(['Z', 'z']) {
        return Err(format!("{text:?} must be in UTC and end in Z"));
    }
    Ok(format_micros(parsed.with_timezone(&Utc)))
}

pub fn format_micros(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Now, as a STIX timestamp.
pub fn now() -> String {
    format_micros(Utc::now())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn precisions_normalise_to_micros() {
        assert_eq!(
            normalise("2024-01-02T03:04:05Z").unwrap(),
            "2024-01-02T03:04:05.000000Z"
        );
        assert_eq!(
            normalise("2024-01-02T03:04:05.12Z").unwrap(),
            "2024-01-02T03:04:05.120000Z"
        );
        assert!(normalise("2024-01-02T03:04:05+01:00").is_err());
        assert!(normalise("yesterday").is_err());
    }

    proptest! {
        #[test]
        fn normalise_never_panics(s in "\\PC{0,40}") {
            let _ = normalise(&s);
        }

        #[test]
        fn normalised_text_orders_like_time(a in 0i64..4_000_000_000, b in 0i64..4_000_000_000) {
            let fmt = |s: i64| normalise(&DateTime::from_timestamp(s, 0).unwrap().to_rfc3339_opts(SecondsFormat::Secs, true)).unwrap();
            prop_assert_eq!(fmt(a).cmp(&fmt(b)), a.cmp(&b));
        }
    }
}
