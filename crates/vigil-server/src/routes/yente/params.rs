//! The query string of yente's `/match`: repeated keys (`include_dataset=a&include_dataset=b`)
//! as FastAPI reads them, every parameter either applied or refused. Unknown parameters
//! are refused too, so a client never believes a filter ran that did not.

use crate::error::ApiError;
use axum::http::StatusCode;
use vigil_core::Entity;

/// yente's documented defaults: 5 results, 0.7 for both threshold and cutoff.
pub const DEFAULT_LIMIT: usize = 5;
pub const MAX_LIMIT: usize = 500;
pub const DEFAULT_THRESHOLD: f64 = 0.7;
/// yente accepts at most this many `exclude_entity_ids`.
const MAX_EXCLUDED: usize = 50;
/// The algorithm names `/match` accepts: Vigil has one scorer, which is also the best.
pub const ALGORITHMS: [&str; 2] = ["vigil", "best"];

#[derive(Debug, Clone)]
pub struct MatchParams {
    pub limit: usize,
    pub threshold: f64,
    /// Candidates scoring at or below this are not returned at all (never above threshold).
    pub cutoff: f64,
    pub filters: Filters,
}

/// Which listed entities a request may return.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub include_dataset: Vec<String>,
    pub exclude_dataset: Vec<String>,
    pub exclude_schema: Vec<String>,
    pub topics: Vec<String>,
    pub exclude_entity_ids: Vec<String>,
    /// `YYYY-MM-DD[THH[:MM[:SS]]]`, compared as text against an entity's last change.
    pub changed_since: Option<String>,
}

impl MatchParams {
    pub fn parse(query: Option<&str>) -> Result<MatchParams, ApiError> {
        let mut params = MatchParams {
            limit: DEFAULT_LIMIT,
            threshold: DEFAULT_THRESHOLD,
            cutoff: DEFAULT_THRESHOLD,
            filters: Filters::default(),
        };
        let pairs = form_urlencoded::parse(query.unwrap_or_default().as_bytes());
        for (key, value) in pairs {
            params.set(&key, value.into_owned())?;
        }
        params.cutoff = params.cutoff.min(params.threshold);
        Ok(params)
    }

    fn set(&mut self, key: &str, value: String) -> Result<(), ApiError> {
        match key {
            "limit" => self.limit = number(key, &value, 0.0, MAX_LIMIT as f64)? as usize,
            "threshold" => self.threshold = number(key, &value, 0.0, 1.0)?,
            "cutoff" => self.cutoff = number(key, &value, 0.0, 1.0)?,
            "algorithm" => check_algorithm(&value)?,
            // yente's match ignores `fuzzy` (it belongs to /search); Vigil's matching is
            // always fuzzy, so either value asks for what runs.
            "fuzzy" => boolean(key, &value).map(drop)?,
            other => self.filters.set(other, value)?,
        }
        Ok(())
    }
}

/// yente answers bad query parameters with FastAPI's 422.
pub fn invalid(key: &str, message: String) -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        format!("query parameter `{key}`: {message}"),
    )
}

fn number(key: &str, value: &str, min: f64, max: f64) -> Result<f64, ApiError> {
    value
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| {
            invalid(
                key,
                format!("expected a number in [{min}, {max}], got {value:?}"),
            )
        })
}

pub fn boolean(key: &str, value: &str) -> Result<bool, ApiError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Ok(true),
        "false" | "0" | "no" | "off" => Ok(false),
        _ => Err(invalid(
            key,
            format!("expected true or false, got {value:?}"),
        )),
    }
}

pub fn check_algorithm(name: &str) -> Result<(), ApiError> {
    if ALGORITHMS.contains(&name.trim().to_ascii_lowercase().as_str()) {
        Ok(())
    } else {
        let known = ALGORITHMS.join(", ");
        Err(ApiError::bad_request(format!(
            "Invalid algorithm: {name} (Vigil offers {known})"
        )))
    }
}

fn check_schema(name: String) -> Result<String, ApiError> {
    if vigil_core::is_ftm_schema(&name) {
        Ok(name)
    } else {
        Err(invalid(
            "exclude_schema",
            format!("unknown FtM schema {name:?}"),
        ))
    }
}

/// yente's `^\d{4}-\d{2}-\d{2}(T\d{2}(:\d{2}(:\d{2})?)?)?$`.
fn check_timestamp(value: String) -> Result<String, ApiError> {
    let shape = value.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        10 => b == b'T',
        13 | 16 => b == b':',
        _ => b.is_ascii_digit(),
    });
    if shape && [10, 13, 16, 19].contains(&value.len()) {
        Ok(value)
    } else {
        Err(invalid(
            "changed_since",
            format!("expected YYYY-MM-DD[THH[:MM[:SS]]], got {value:?}"),
        ))
    }
}

impl Filters {
    /// Takes one filter parameter; anything else is not a parameter of the route.
    pub fn set(&mut self, key: &str, value: String) -> Result<(), ApiError> {
        match key {
            "include_dataset" => self.include_dataset.push(value),
            "exclude_dataset" => self.exclude_dataset.push(value),
            "exclude_schema" => self.exclude_schema.push(check_schema(value)?),
            "topics" => self.topics.push(value),
            "exclude_entity_ids" => {
                self.exclude_entity_ids.push(value);
                if self.exclude_entity_ids.len() > MAX_EXCLUDED {
                    return Err(invalid(key, format!("at most {MAX_EXCLUDED} ids")));
                }
            }
            "changed_since" => self.changed_since = Some(check_timestamp(value)?),
            other => return Err(invalid(other, "not a parameter of this route".into())),
        }
        Ok(())
    }
    /// Whether `entity`, of FtM dataset `dataset` and last changed at `last_change` (yente's
    /// timestamp text), may be returned. Excluded ids may be Vigil or FtM ids.
    pub fn keeps(&self, entity: &Entity, dataset: &str, last_change: Option<&str>) -> bool {
        let schema = entity.schema.ftm_name();
        let ftm_id = vigil_core::ftm_id(&entity.id);
        let named = |list: &[String]| list.iter().any(|d| d == dataset);
        (self.include_dataset.is_empty() || named(&self.include_dataset))
            && !named(&self.exclude_dataset)
            && !self.exclude_schema.iter().any(|s| s == schema)
            && !self
                .exclude_entity_ids
                .iter()
                .any(|id| *id == entity.id || *id == ftm_id)
            && (self.topics.is_empty()
                || vigil_core::ftm::topics(entity)
                    .iter()
                    .any(|t| self.topics.iter().any(|want| want == t)))
            && self
                .changed_since
                .as_deref()
                .is_none_or(|since| last_change.is_some_and(|c| c >= since))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_yentes() {
        let p = MatchParams::parse(None).unwrap();
        assert_eq!((p.limit, p.threshold, p.cutoff), (5, 0.7, 0.7));
        let p = MatchParams::parse(Some("threshold=0.9&cutoff=0.95&limit=500")).unwrap();
        assert_eq!((p.limit, p.threshold, p.cutoff), (500, 0.9, 0.9));
    }

    #[test]
    fn repeated_filters_accumulate() {
        let q = "include_dataset=un_sc&include_dataset=ofac_sdn&exclude_schema=Vessel&changed_since=2024-01-01T10";
        let p = MatchParams::parse(Some(q)).unwrap();
        assert_eq!(p.filters.include_dataset, ["un_sc", "ofac_sdn"]);
        assert_eq!(p.filters.exclude_schema, ["Vessel"]);
        assert_eq!(p.filters.changed_since.as_deref(), Some("2024-01-01T10"));
    }

    #[test]
    fn bad_values_are_refused() {
        for q in [
            "changed_since=yesterday",
            "changed_since=2024-1-01",
            "algorithm=logic-v9",
            "limit=501",
            "threshold=high",
            "exclude_schema=Banana",
            "colour=red",
            "fuzzy=maybe",
        ] {
            assert!(MatchParams::parse(Some(q)).is_err(), "{q}");
        }
        let many: Vec<String> = (0..51)
            .map(|i| format!("exclude_entity_ids=e{i}"))
            .collect();
        assert!(MatchParams::parse(Some(&many.join("&"))).is_err());
    }
}
