//! Countries as ISO 3166-1 alpha-2 codes, mapped from the many ways lists write them.

use crate::country_table::{ALIASES, COUNTRIES};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::LazyLock;

/// A country as a list or query gives it: an ISO 3166-1 alpha-2 code when the text could be
/// mapped, and always the text as written (so nothing the source said is lost).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code (`XK` for Kosovo), `None` when the text names no known country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The text as the source wrote it.
    pub text: String,
}

impl Country {
    /// Maps free text ("Iran (Islamic Republic of)", "PAK", "pk", "Pakistani") to a country.
    /// Unknown text is kept with `code: None`; callers decide whether to warn.
    pub fn parse(text: &str) -> Country {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        Country {
            code: lookup_country(&text).map(str::to_owned),
            text,
        }
    }

    /// A country known by its code (e.g. from an MRZ or a validated query).
    pub fn from_code(code: &str) -> Option<Country> {
        let code = lookup_country(code)?;
        Some(Country {
            code: Some(code.to_owned()),
            text: code.to_owned(),
        })
    }

    pub fn is_known(&self) -> bool {
        self.code.is_some()
    }
}

fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    let out = out.trim_end();
    out.strip_prefix("the ").unwrap_or(out).to_owned()
}

static BY_NAME: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for &(name, a2) in ALIASES {
        map.insert(fold(name), a2);
    }
    for &(a2, a3, _) in COUNTRIES {
        map.insert(a2.to_ascii_lowercase(), a2);
        map.insert(a3.to_ascii_lowercase(), a2);
    }
    map
});

/// Looks up an ISO alpha-2 code for a name, alias, demonym, alpha-2 or alpha-3 code.
/// Parenthesised remarks are tried without their parentheses ("Indonesia (as at Dec. 2003)").
pub fn lookup_country(text: &str) -> Option<&'static str> {
    let folded = fold(text);
    if let Some(code) = BY_NAME.get(&folded) {
        return Some(code);
    }
    let before_paren = text.split('(').next().unwrap_or("");
    if before_paren.len() < text.len() {
        if let Some(code) = BY_NAME.get(&fold(before_paren)) {
            return Some(code);
        }
    }
    None
}

/// The alpha-2 code for an ISO alpha-3 code (MRZ and PAXLST use alpha-3; `D` is Germany).
pub fn country_by_alpha3(alpha3: &str) -> Option<&'static str> {
    if alpha3 == "D" || alpha3 == "D<<" {
        return Some("DE");
    }
    COUNTRIES
        .iter()
        .find(|(_, a3, _)| a3.eq_ignore_ascii_case(alpha3))
        .map(|(a2, _, _)| *a2)
}

/// The English short name of a country code.
pub fn country_name(alpha2: &str) -> Option<&'static str> {
    COUNTRIES
        .iter()
        .find(|(a2, _, _)| a2.eq_ignore_ascii_case(alpha2))
        .map(|(_, _, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_list_spellings() {
        assert_eq!(
            lookup_country("Democratic Republic of the Congo"),
            Some("CD")
        );
        assert_eq!(lookup_country("Iran (Islamic Republic of)"), Some("IR"));
        assert_eq!(lookup_country("Korea, North"), Some("KP"));
        assert_eq!(lookup_country("Pakistani"), Some("PK"));
        assert_eq!(lookup_country("PAK"), Some("PK"));
        assert_eq!(lookup_country("pk"), Some("PK"));
        assert_eq!(lookup_country("Indonesia (as at Dec. 2003)"), Some("ID"));
        assert_eq!(
            lookup_country("United Kingdom of Great Britain and Northern\n   Ireland"),
            Some("GB")
        );
        assert_eq!(lookup_country("Sudan/South Sudan"), None);
        assert_eq!(lookup_country(""), None);
    }

    #[test]
    fn unknown_text_is_kept() {
        let c = Country::parse("Region: Kafia Kingi");
        assert_eq!(c.code, None);
        assert_eq!(c.text, "Region: Kafia Kingi");
    }

    #[test]
    fn alpha3_and_names() {
        assert_eq!(country_by_alpha3("UTO"), None);
        assert_eq!(country_by_alpha3("IND"), Some("IN"));
        assert_eq!(country_by_alpha3("D"), Some("DE"));
        assert_eq!(country_name("PK"), Some("Pakistan"));
    }
}
