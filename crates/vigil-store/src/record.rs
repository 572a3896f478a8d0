//! Entity records: canonical JSON, its content hash, and field-by-field comparison.

use crate::StoreError;
use serde_json::Value;
use sha2::{Digest, Sha256};
use vigil_core::Entity;

/// An entity ready to store: its id, caption, canonical JSON and that JSON's SHA-256.
pub(crate) struct Record {
    pub id: String,
    pub name: String,
    pub json: String,
    pub hash: String,
}

impl Record {
    pub fn of(entity: &Entity) -> Result<Record, StoreError> {
        let value = serde_json::to_value(entity).map_err(|e| StoreError::Corrupt {
            what: format!("entity {}", entity.id),
            message: e.to_string(),
        })?;
        let json = canonical_json(&value);
        let hash = hex::encode(Sha256::digest(json.as_bytes()));
        Ok(Record {
            id: entity.id.clone(),
            name: entity.name.clone(),
            json,
            hash,
        })
    }
}

/// JSON with object keys sorted at every level and no whitespace, so equal entities give
/// equal bytes (and equal hashes) whatever the struct's field order or serde features.
pub(crate) fn canonical_json(value: &Value) -> String {
    let mut out = Vec::with_capacity(1024);
    write_canonical(value, &mut out);
    // Only valid UTF-8 was written: JSON text from serde_json and ASCII punctuation.
    String::from_utf8(out).unwrap_or_default()
}

fn write_canonical(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            out.push(b'{');
            for (i, (key, value)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_scalar(key, out);
                out.push(b':');
                write_canonical(value, out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(item, out);
            }
            out.push(b']');
        }
        scalar => write_scalar(scalar, out),
    }
}

fn write_scalar<T: serde::Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) {
    // Writing strings, numbers and booleans into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, value);
}

/// One top-level field of an entity that differs between two versions. `None` means the
/// field is absent (empty) on that side.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

/// Compares two entity JSON objects field by field, in field-name order.
pub(crate) fn changed_fields(old: &Value, new: &Value) -> Vec<FieldChange> {
    let empty = serde_json::Map::new();
    let old = old.as_object().unwrap_or(&empty);
    let new = new.as_object().unwrap_or(&empty);
    let mut fields: Vec<&String> = old.keys().chain(new.keys()).collect();
    fields.sort();
    fields.dedup();
    fields
        .into_iter()
        .filter(|f| old.get(*f) != new.get(*f))
        .map(|f| FieldChange {
            field: f.clone(),
            old: old.get(f).cloned(),
            new: new.get(f).cloned(),
        })
        .collect()
}

/// Parses stored JSON back into an entity.
pub(crate) fn entity_from_json(json: &str, what: &str) -> Result<Entity, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt {
        what: what.to_owned(),
        message: e.to_string(),
    })
}

pub(crate) fn value_from_json(json: &str, what: &str) -> Result<Value, StoreError> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt {
        what: what.to_owned(),
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;
    use vigil_core::Schema;

    #[test]
    fn canonical_json_sorts_keys_at_every_level() {
        let a = json!({"b": 1, "a": {"z": [1, {"y": 2, "x": 3}], "c": "é\"q"}});
        assert_eq!(
            canonical_json(&a),
            r#"{"a":{"c":"é\"q","z":[1,{"x":3,"y":2}]},"b":1}"#
        );
    }

    #[test]
    fn hash_depends_on_content_only() {
        let e = Entity::new("t", "1", Schema::Person, "John Smith");
        let r1 = Record::of(&e).unwrap();
        let r2 = Record::of(&e.clone()).unwrap();
        assert_eq!(r1.hash, r2.hash);
        let mut f = e.clone();
        f.remarks = Some("x".into());
        assert_ne!(Record::of(&f).unwrap().hash, r1.hash);
        let back = entity_from_json(&r1.json, "t:1").unwrap();
        assert_eq!(back, e);
    }

    fn arbitrary_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| json!(n)),
            "\\PC{0,8}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 40, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::btree_map("\\PC{0,6}", inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn canonical_json_is_valid_and_stable(value in arbitrary_json()) {
            let text = canonical_json(&value);
            let back: Value = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(&back, &value);
            prop_assert_eq!(canonical_json(&back), text);
        }

        #[test]
        fn changed_fields_is_empty_exactly_for_equal_objects(
            a in prop::collection::btree_map("[a-c]", arbitrary_json(), 0..4),
            b in prop::collection::btree_map("[a-c]", arbitrary_json(), 0..4),
        ) {
            let (a, b) = (json!(a), json!(b));
            prop_assert_eq!(changed_fields(&a, &b).is_empty(), a == b);
            prop_assert!(changed_fields(&a, &a).is_empty());
        }
    }

    #[test]
    fn changed_fields_names_each_difference() {
        let old = json!({"id": "t:1", "name": "A", "remarks": "r", "titles": ["x"]});
        let new = json!({"id": "t:1", "name": "B", "titles": ["x"], "gender": "male"});
        let changes = changed_fields(&old, &new);
        let names: Vec<_> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(names, ["gender", "name", "remarks"]);
        assert_eq!(changes[0].old, None);
        assert_eq!(changes[0].new, Some(json!("male")));
        assert_eq!(changes[2].new, None);
    }
}
