//! Checks on objects partners post: enough STIX 2.1 to store, version and mark them.

use crate::ids::{is_valid_stix_id, is_valid_type};
use crate::time::normalise;
use crate::tlp::Tlp;
use serde_json::Value;

/// Types that must have `created` and `modified` (STIX domain and relationship objects,
/// and the meta objects that version).
const VERSIONED_TYPES: &[&str] = &[
    "attack-pattern",
    "campaign",
    "course-of-action",
    "extension-definition",
    "grouping",
    "identity",
    "incident",
    "indicator",
    "infrastructure",
    "intrusion-set",
    "language-content",
    "location",
    "malware",
    "malware-analysis",
    "note",
    "observed-data",
    "opinion",
    "relationship",
    "report",
    "sighting",
    "threat-actor",
    "tool",
    "vulnerability",
];

/// What the server needs of a valid object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub id: String,
    pub object_type: String,
    pub spec_version: String,
    /// Normalised `modified`, else `created`; `None` for objects without either.
    pub version: Option<String>,
    /// The object's TLP; definitions (markings, extension definitions) are TLP:CLEAR.
    pub tlp: Option<Tlp>,
}

/// Validates one object; the error names the field and what is wrong.
pub fn check(object: &Value) -> Result<Checked, String> {
    let map = object.as_object().ok_or("is not a JSON object")?;
    let text = |key: &str| -> Result<Option<&str>, String> {
        match map.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(_) => Err(format!("field `{key}` must be a string")),
        }
    };
    let object_type = text("type")?.ok_or("field `type` is missing")?;
    if !is_valid_type(object_type) {
        return Err(format!(
            "field `type`: {object_type:?} is not a STIX type name"
        ));
    }
    let id = text("id")?.ok_or("field `id` is missing")?;
    if !is_valid_stix_id(id, object_type) {
        return Err(format!("field `id`: {id:?} is not `{object_type}--<UUID>`"));
    }
    let spec_version = text("spec_version")?.ok_or("field `spec_version` is missing")?;
    if spec_version != "2.1" {
        return Err(format!(
            "field `spec_version`: {spec_version:?} is not supported (2.1 only)"
        ));
    }
    let created = text("created")?
        .map(|t| normalise(t).map_err(|e| format!("field `created`: {e}")))
        .transpose()?;
    let modified = text("modified")?
        .map(|t| normalise(t).map_err(|e| format!("field `modified`: {e}")))
        .transpose()?;
    if VERSIONED_TYPES.contains(&object_type) {
        let created = created.as_ref().ok_or("field `created` is missing")?;
        let modified = modified.as_ref().ok_or("field `modified` is missing")?;
        if modified < created {
            return Err("field `modified` is earlier than `created`".into());
        }
    }
    if object_type == "marking-definition" && created.is_none() {
        return Err("field `created` is missing".into());
    }
    let required: &[&str] = match object_type {
        "relationship" => &["relationship_type", "source_ref", "target_ref"],
        "sighting" => &["sighting_of_ref"],
        "identity" | "threat-actor" | "malware" | "intrusion-set" | "campaign" | "tool" => {
            &["name"]
        }
        _ => &[],
    };
    for key in required {
        if text(key)?.is_none_or(str::is_empty) {
            return Err(format!("field `{key}` is missing"));
        }
    }
    if let Some(refs) = map.get("object_marking_refs") {
        let ok = refs.as_array().is_some_and(|a| {
            a.iter().all(|r| {
                r.as_str()
                    .is_some_and(|r| is_valid_stix_id(r, "marking-definition"))
            })
        });
        if !ok {
            return Err(
                "field `object_marking_refs` must be a list of marking-definition ids".into(),
            );
        }
    }
    let definition = matches!(object_type, "marking-definition" | "extension-definition");
    Ok(Checked {
        id: id.to_owned(),
        object_type: object_type.to_owned(),
        spec_version: spec_version.to_owned(),
        version: modified.or(created),
        tlp: if definition {
            Some(Tlp::Clear)
        } else {
            Tlp::of_object(object)
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn indicator() -> Value {
        json!({
            "type": "indicator", "spec_version": "2.1",
            "id": "indicator--c410e480-e42b-47d1-9476-85307c12bcbf",
            "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-02T00:00:00Z",
            "object_marking_refs": [Tlp::Amber.marking_id()]
        })
    }

    #[test]
    fn a_valid_object_yields_version_and_tlp() {
        let c = check(&indicator()).unwrap();
        assert_eq!(c.version.as_deref(), Some("2024-01-02T00:00:00.000000Z"));
        assert_eq!(c.tlp, Some(Tlp::Amber));
        assert_eq!(
            check(&Tlp::Red.marking_definition()).unwrap().tlp,
            Some(Tlp::Clear)
        );
    }

    #[test]
    fn invalid_objects_name_the_field() {
        let cases = [
            ("id", json!("indicator--123"), "`id`"),
            ("type", json!("Indicator"), "`type`"),
            ("spec_version", json!("2.0"), "`spec_version`"),
            ("modified", json!("2023-01-01T00:00:00Z"), "earlier"),
            ("created", json!(12), "`created` must be a string"),
            (
                "object_marking_refs",
                json!(["tlp:red"]),
                "`object_marking_refs`",
            ),
        ];
        for (key, value, expected) in cases {
            let mut o = indicator();
            o[key] = value;
            let err = check(&o).unwrap_err();
            assert!(err.contains(expected), "{key}: {err}");
        }
        let mut o = indicator();
        o.as_object_mut().unwrap().remove("created");
        assert!(check(&o).unwrap_err().contains("`created` is missing"));
        assert!(check(&json!([1])).is_err());
    }

    proptest! {
        #[test]
        fn check_never_panics(key in "[a-z_]{1,12}", value in "\\PC{0,30}") {
            let mut o = indicator();
            o[key.as_str()] = json!(value);
            let _ = check(&o);
        }
    }
}
