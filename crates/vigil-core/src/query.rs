//! A screening query: what is known about the person or party being checked.

use crate::{lookup_country, PartialDate, Schema};
use serde::{Deserialize, Serialize};

/// What a caller screens: a name and whatever evidence comes with it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Query {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Schema>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<PartialDate>,
    /// ISO 3166-1 alpha-2 codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nationalities: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub id_numbers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("name is empty or has no letters or digits")]
    EmptyName,
    #[error("name is {0} bytes long; the limit is {limit}", limit = Query::MAX_NAME_BYTES)]
    NameTooLong(usize),
    #[error("field `{field}`: {message}")]
    Field {
        field: &'static str,
        message: String,
    },
}

impl Query {
    /// Longer names are rejected: no real name is this long, and it bounds the work per query.
    pub const MAX_NAME_BYTES: usize = 1024;

    pub fn name(name: impl Into<String>) -> Query {
        Query {
            name: name.into(),
            ..Query::default()
        }
    }

    /// Builds a query from the loosely typed fields of a CSV row, API body or CLI flags,
    /// validating each and naming the field that is wrong.
    pub fn from_fields(
        name: &str,
        schema: Option<&str>,
        birth_date: Option<&str>,
        nationality: Option<&str>,
        id_number: Option<&str>,
    ) -> Result<Query, QueryError> {
        let schema = present(schema)
            .map(|s| s.parse::<Schema>())
            .transpose()
            .map_err(|message| QueryError::Field {
                field: "schema",
                message,
            })?;
        let birth_date = present(birth_date)
            .map(|d| d.parse::<PartialDate>())
            .transpose()
            .map_err(|e| QueryError::Field {
                field: "birth_date",
                message: e.to_string(),
            })?;
        let nationalities = match present(nationality) {
            None => Vec::new(),
            Some(n) => {
                vec![lookup_country(n)
                    .map(str::to_owned)
                    .ok_or_else(|| QueryError::Field {
                        field: "nationality",
                        message: format!(
                            "unknown country {n:?}: give an ISO code or a country name"
                        ),
                    })?]
            }
        };
        let id_numbers = present(id_number)
            .map(|i| vec![i.to_owned()])
            .unwrap_or_default();
        let query = Query {
            name: name.trim().to_owned(),
            schema,
            birth_date,
            nationalities,
            id_numbers,
        };
        query.validate()?;
        Ok(query)
    }

    /// Checks the name is usable: not empty, not only punctuation, not absurdly long.
    pub fn validate(&self) -> Result<(), QueryError> {
        if self.name.len() > Self::MAX_NAME_BYTES {
            return Err(QueryError::NameTooLong(self.name.len()));
        }
        if !self.name.chars().any(char::is_alphanumeric) && self.id_numbers.is_empty() {
            return Err(QueryError::EmptyName);
        }
        Ok(())
    }
}

fn present(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_from_fields() {
        let q = Query::from_fields(
            " Hafiz Saeed ",
            Some("person"),
            Some("1950"),
            Some("PK"),
            None,
        )
        .unwrap();
        assert_eq!(q.name, "Hafiz Saeed");
        assert_eq!(q.schema, Some(Schema::Person));
        assert_eq!(q.birth_date, Some(PartialDate::year(1950)));
        assert_eq!(q.nationalities, vec!["PK".to_owned()]);
    }

    #[test]
    fn names_the_bad_field() {
        let e = Query::from_fields("A", None, Some("19-50"), None, None).unwrap_err();
        assert!(matches!(
            e,
            QueryError::Field {
                field: "birth_date",
                ..
            }
        ));
        let e = Query::from_fields("A", None, None, Some("Atlantis"), None).unwrap_err();
        assert!(e.to_string().contains("nationality"));
        assert_eq!(
            Query::from_fields("?!", None, None, None, None),
            Err(QueryError::EmptyName)
        );
        let long = "a".repeat(10_000);
        assert!(matches!(
            Query::from_fields(&long, None, None, None, None),
            Err(QueryError::NameTooLong(10_000))
        ));
    }
}
