//! What the FtM schema allows: schema names, each schema's properties and their types, and
//! the value checks FtM's validators apply to the types Vigil writes.

use super::schema_table::{PROPERTIES, SCHEMAS};

/// Whether `name` is an FtM schema (`Person`, `Vessel`, `Address`, ...).
pub fn is_ftm_schema(name: &str) -> bool {
    SCHEMAS.binary_search(&name).is_ok()
}

/// The FtM type (`name`, `date`, `country`, `url`, ...) of `property` on `schema`, for the
/// schemas Vigil reads and writes; `None` when the schema has no such property.
pub fn property_type(schema: &str, property: &str) -> Option<&'static str> {
    let index = PROPERTIES.binary_search_by(|(s, _)| s.cmp(&schema)).ok()?;
    let props = PROPERTIES[index].1;
    let at = props.binary_search_by(|(p, _)| p.cmp(&property)).ok()?;
    Some(props[at].1)
}

/// Checks that every property name is defined by `schema`, as FtM does when it reads an
/// example entity.
pub fn check_properties<'a>(
    schema: &str,
    mut names: impl Iterator<Item = &'a String>,
) -> Result<(), String> {
    match names.find(|n| property_type(schema, n).is_none()) {
        Some(name) => Err(format!("schema {schema} has no property {name:?}")),
        None => Ok(()),
    }
}

/// The longest value FtM accepts for a type, in characters (followthemoney 4.11).
pub fn max_length(ftm_type: &str) -> usize {
    match ftm_type {
        "name" => 384,
        "identifier" | "phone" | "topic" => 64,
        "date" => 32,
        "country" | "gender" | "language" => 16,
        "string" => 1024,
        "text" | "html" => 65_000,
        "url" => 4096,
        "entity" => 200,
        _ => 250,
    }
}

/// Whether a value passes FtM's validator for its type: its length, and its shape for the
/// types whose validator checks one.
pub fn valid_value(ftm_type: &str, value: &str) -> bool {
    let value = value.trim();
    !value.is_empty()
        && value.chars().count() <= max_length(ftm_type)
        && match ftm_type {
            "date" => is_date(value),
            "country" => {
                crate::lookup_country(value).is_some_and(|code| code.eq_ignore_ascii_case(value))
            }
            "url" => is_url(value),
            "phone" => is_phone(value),
            "email" => is_email(value),
            "gender" => matches!(value, "male" | "female" | "other"),
            "topic" => super::TOPICS.contains(&value),
            "number" => value.replace([',', ' '], "").parse::<f64>().is_ok(),
            "entity" => super::is_ftm_id(value),
            _ => true,
        }
}

/// FtM dates are ISO 8601 prefixes: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a full timestamp.
fn is_date(value: &str) -> bool {
    let date = value.get(..10.min(value.len())).unwrap_or_default();
    let shaped = date.parse::<crate::PartialDate>().is_ok() && [4, 7, 10].contains(&date.len());
    shaped && (value.len() == date.len() || value.as_bytes()[10] == b'T')
}

fn is_url(value: &str) -> bool {
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or_default();
        host.contains('.') && !r.contains(char::is_whitespace)
    })
}

/// E.164: `+`, then 7 to 15 digits.
fn is_phone(value: &str) -> bool {
    value.strip_prefix('+').is_some_and(|digits| {
        (7..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
    })
}

fn is_email(value: &str) -> bool {
    value.split_once('@').is_some_and(|(user, domain)| {
        !user.is_empty() && domain.contains('.') && !value.contains(char::is_whitespace)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_schemas_and_properties() {
        assert!(is_ftm_schema("Person") && is_ftm_schema("Address"));
        assert!(!is_ftm_schema("person"));
        assert_eq!(property_type("Person", "nationality"), Some("country"));
        assert_eq!(property_type("Vessel", "flag"), Some("country"));
        assert_eq!(property_type("Vessel", "nationality"), None);
        let names = ["name".to_owned(), "colour".to_owned()];
        assert!(check_properties("Person", names.iter()).is_err());
    }

    #[test]
    fn validates_like_ftm() {
        assert!(valid_value("date", "1970") && valid_value("date", "1970-01-02T10:00:00"));
        assert!(!valid_value("date", "circa 1970") && !valid_value("date", "1970-13"));
        assert!(valid_value("country", "pk") && !valid_value("country", "Pakistan"));
        assert!(valid_value("url", "https://example.org/x") && !valid_value("url", "example"));
        assert!(valid_value("phone", "+442071234567") && !valid_value("phone", "020 7123"));
        assert!(valid_value("identifier", &"1".repeat(64)));
        assert!(!valid_value("identifier", &"1".repeat(65)));
    }
}
