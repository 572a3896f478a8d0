//! The body of yente's `POST /match`: `EntityMatchQuery` (`queries`, `weights`, `config`)
//! with FtM example entities, read as leniently as yente reads them, and turned into
//! Vigil queries (one per name, sharing dates, countries and identifiers).

use crate::error::ApiError;
use axum::http::StatusCode;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use vigil_core::{lookup_country, PartialDate, Query, Schema};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchRequest {
    pub queries: BTreeMap<String, EntityExample>,
    #[serde(default)]
    pub weights: BTreeMap<String, f64>,
    #[serde(default)]
    pub config: BTreeMap<String, Value>,
}

/// yente's `EntityExample`: an optional caller id, a schema, and properties whose values
/// may be one string or number, or a list of them.
#[derive(Debug, Deserialize, Serialize)]
pub struct EntityExample {
    #[serde(default)]
    pub id: Option<String>,
    pub schema: String,
    #[serde(deserialize_with = "lenient_properties")]
    pub properties: BTreeMap<String, Vec<String>>,
}

fn lenient_properties<'de, D: Deserializer<'de>>(
    de: D,
) -> Result<BTreeMap<String, Vec<String>>, D::Error> {
    let raw = BTreeMap::<String, Value>::deserialize(de)?;
    Ok(raw
        .into_iter()
        .map(|(key, value)| {
            let values = match value {
                Value::Array(items) => items.into_iter().filter_map(scalar).collect(),
                other => scalar(other).into_iter().collect(),
            };
            (key, values)
        })
        .collect())
}

/// A string or number as text; nested entities and nulls carry nothing to screen.
fn scalar(value: Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The properties that carry identifiers, screened as id numbers.
const ID_PROPERTIES: [&str; 13] = [
    "idNumber",
    "passportNumber",
    "registrationNumber",
    "imoNumber",
    "mmsi",
    "leiCode",
    "swiftBic",
    "taxNumber",
    "innCode",
    "ogrnCode",
    "vatCode",
    "icaoCode",
    "callSign",
];

/// A Person's name parts, in the order they are written.
const NAME_PARTS: [&str; 5] = [
    "firstName",
    "secondName",
    "middleName",
    "fatherName",
    "lastName",
];

impl EntityExample {
    fn values(&self, name: &str) -> &[String] {
        self.properties
            .get(name)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// One Vigil query per name; a Person given only by name parts gets them joined.
    pub fn to_queries(&self, key: &str) -> Result<Vec<Query>, ApiError> {
        let invalid = |m: String| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                format!("Cannot parse example entity {key:?}: {m}"),
            )
        };
        let schema = example_schema(&self.schema).map_err(invalid)?;
        vigil_core::ftm::check_properties(&self.schema, self.properties.keys()).map_err(invalid)?;
        let birth_date = self
            .values("birthDate")
            .iter()
            .find_map(|d| lenient_date(d));
        // yente drops values it cannot clean; an unknown country is no evidence either way.
        let nationalities: Vec<String> = ["nationality", "country", "citizenship", "jurisdiction"]
            .iter()
            .flat_map(|p| self.values(p))
            .filter_map(|c| lookup_country(c).map(str::to_owned))
            .collect();
        let id_numbers: Vec<String> = ID_PROPERTIES
            .iter()
            .flat_map(|p| self.values(p).iter().cloned())
            .collect();
        let mut names: Vec<String> = ["name", "alias", "previousName"]
            .iter()
            .flat_map(|p| self.values(p).iter().cloned())
            .collect();
        if names.is_empty() {
            let parts: Vec<&str> = NAME_PARTS
                .iter()
                .filter_map(|p| self.values(p).first().map(String::as_str))
                .collect();
            names.extend((!parts.is_empty()).then(|| parts.join(" ")));
        }
        if names.is_empty() && !id_numbers.is_empty() {
            names.extend(id_numbers.first().cloned());
        }
        if names.is_empty() {
            return Err(invalid("no name, name parts or identifier to match".into()));
        }
        names
            .into_iter()
            .map(|name| {
                let query = Query {
                    name,
                    schema,
                    birth_date,
                    nationalities: nationalities.clone(),
                    id_numbers: id_numbers.clone(),
                };
                query.validate().map_err(|e| invalid(e.to_string()))?;
                Ok(query)
            })
            .collect()
    }
}

/// The Vigil schema an FtM example schema screens against: `None` (all) for the abstract
/// `Thing` and `LegalEntity`.
fn example_schema(name: &str) -> Result<Option<Schema>, String> {
    match name {
        "Thing" | "LegalEntity" => Ok(None),
        "Person" | "Organization" | "Company" | "PublicBody" | "Vessel" | "Airplane" => {
            name.parse().map(Some)
        }
        other => Err(format!(
            "schema {other:?} is not matchable: use Person, Organization, Company, \
             PublicBody, LegalEntity, Vessel, Airplane or Thing"
        )),
    }
}

/// yente clients send full timestamps or dates; keep the most precise valid date part.
fn lenient_date(text: &str) -> Option<PartialDate> {
    [10, 7, 4]
        .iter()
        .find_map(|&len| text.get(..len.min(text.len()))?.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn example(value: Value) -> EntityExample {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn bare_values_and_name_parts() {
        let e = example(json!({"schema": "Person", "properties": {
            "firstName": "Hafiz", "lastName": ["Saeed"], "birthDate": [1950],
            "country": "Atlantis", "nationality": "Pakistan"}}));
        let queries = e.to_queries("q").unwrap();
        assert_eq!(queries.len(), 1);
        assert_eq!(queries[0].name, "Hafiz Saeed");
        assert_eq!(queries[0].birth_date, Some(PartialDate::year(1950)));
        assert_eq!(queries[0].nationalities, vec!["PK"]);
    }

    #[test]
    fn refuses_what_yente_refuses() {
        let no_name = example(json!({"schema": "Person", "properties": {"gender": "male"}}));
        assert!(no_name.to_queries("q").is_err());
        let address = example(json!({"schema": "Address", "properties": {"full": "x"}}));
        assert!(address.to_queries("q").is_err());
        let unknown =
            example(json!({"schema": "Person", "properties": {"name": "A", "colour": "red"}}));
        assert!(unknown.to_queries("q").is_err());
    }

    #[test]
    fn timestamps_keep_their_date() {
        assert_eq!(
            lenient_date("1950-03-04T00:00:00").unwrap().to_string(),
            "1950-03-04"
        );
        assert_eq!(lenient_date("1950-03").unwrap().to_string(), "1950-03");
        assert!(lenient_date("yesterday").is_none());
    }
}
