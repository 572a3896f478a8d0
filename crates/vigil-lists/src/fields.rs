//! Field helpers shared by the parsers, so every list maps documents, countries and
//! multi-valued fields the same way.

use vigil_core::{Country, DocumentKind, Entity, PartialDate};

/// Document kind from the type as a list words it (English, French, Spanish).
pub(crate) fn document_kind(type_text: &str) -> DocumentKind {
    let t = type_text.to_lowercase();
    if t.contains("passport") || t.contains("passeport") || t.contains("pasaporte") {
        DocumentKind::Passport
    } else if t.contains("fiscal") || t.contains("tax") {
        DocumentKind::TaxId
    } else if t.contains("driv") {
        DocumentKind::DrivingLicence
    } else if t.contains("identi") || t.contains("tazkira") || t.contains("social security") {
        DocumentKind::NationalId
    } else {
        DocumentKind::Other
    }
}

/// A country from list text. Blank text and "na" (not available) give `None`; unknown
/// text is kept as text and reported through `warn`.
pub(crate) fn country(text: &str, field: &str, warn: &mut dyn FnMut(String)) -> Option<Country> {
    let text = text.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("na") || text.eq_ignore_ascii_case("n/a") {
        return None;
    }
    let country = Country::parse(text);
    if !country.is_known() {
        warn(format!(
            "{field} {text:?} is not a known country; kept as text"
        ));
    }
    Some(country)
}

/// A date written `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a longer ISO timestamp / zoned date
/// whose first ten characters are a date (`2001-10-06-04:00`, `2020-01-01T00:00:00`).
pub(crate) fn iso_date(text: &str) -> Option<PartialDate> {
    let text = text.trim();
    if let Ok(date) = text.parse() {
        return Some(date);
    }
    text.get(..10).and_then(|day| day.parse().ok())
}

pub(crate) fn push_unique<T: PartialEq>(values: &mut Vec<T>, value: T) {
    if !values.contains(&value) {
        values.push(value);
    }
}

/// Keeps a value the entity model has no field for, under its FtM property name.
pub(crate) fn push_property(e: &mut Entity, key: &str, value: &str) {
    let value = value.trim();
    if !value.is_empty() {
        let values = e.properties.entry(key.to_owned()).or_default();
        if !values.iter().any(|v| v == value) {
            values.push(value.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_kinds_from_list_wording() {
        assert_eq!(document_kind("Numéro de passeport"), DocumentKind::Passport);
        assert_eq!(
            document_kind("National Identification Number"),
            DocumentKind::NationalId
        );
        assert_eq!(document_kind("Italian Fiscal Code:"), DocumentKind::TaxId);
        assert_eq!(document_kind("Birth certificate"), DocumentKind::Other);
    }

    #[test]
    fn dates_with_suffixes() {
        assert_eq!(iso_date("2001-10-06-04:00"), "2001-10-06".parse().ok());
        assert_eq!(iso_date("2020-01-01T00:00:00"), "2020-01-01".parse().ok());
        assert_eq!(iso_date("1970-05"), "1970-05".parse().ok());
        assert_eq!(iso_date("circa 1970"), None);
    }
}
