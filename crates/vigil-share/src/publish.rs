//! Publishing this node's lists (and confirmed alerts, as sightings) into a collection.
//!
//! Objects are stable: an entity keeps its STIX id (UUIDv5 of its Vigil id) on every
//! publication; content that changed (or a changed TLP) becomes a new version with the
//! same `created` and a later `modified`; unchanged content adds nothing; an entity gone
//! from its list is re-published flagged `delisted` (relationships get a `stop_time`).

use crate::ids::stable_id;
use crate::stix::export::{self, designation_id, entity_objects, publisher_identity};
use crate::time;
use crate::tlp::Tlp;
use crate::ShareError;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use vigil_core::Schema;
use vigil_store::{AlertStatus, NewObject, Published, Store, TaxiiCollection};

/// What a publication did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct PublishReport {
    pub collection: String,
    /// Objects considered (designations, relationships and the shared definitions).
    pub objects: usize,
    /// New objects or new versions stored.
    pub new_versions: usize,
    /// Designations re-published as delisted.
    pub delisted: usize,
}

/// One object to publish, before it is stamped with dates and markings.
struct Item {
    content: Value,
    /// The list it comes from; "" for shared definitions.
    source: String,
    entity_id: Option<String>,
    tlp: Tlp,
}

/// The collection with this name, created (empty) when missing.
pub fn ensure_collection(store: &mut Store, alias: &str) -> Result<TaxiiCollection, ShareError> {
    let id = uuid_of(&format!("collection:{alias}"));
    Ok(store.ensure_collection(&id, alias, alias)?)
}

fn uuid_of(name: &str) -> String {
    let id = stable_id("x", name);
    id.trim_start_matches("x--").to_owned()
}

/// Publishes the latest version of list `source` into `collection` at `tlp`. With
/// `only` (entity ids), publishes just those entities and delists nothing.
pub fn publish_list(
    store: &mut Store,
    source: &str,
    only: &[String],
    collection: &str,
    tlp: Tlp,
    publisher: &str,
) -> Result<PublishReport, ShareError> {
    let entities = store.current_entities_of(source)?;
    if entities.is_empty() {
        return Err(ShareError::Invalid(format!(
            "no list named {source:?} in the store (see `vigil lists`)"
        )));
    }
    for id in only {
        if !entities.iter().any(|e| &e.id == id) {
            return Err(ShareError::Invalid(format!(
                "list {source} has no entity {id:?} in its latest version"
            )));
        }
    }
    let schemas: HashMap<String, Schema> =
        entities.iter().map(|e| (e.id.clone(), e.schema)).collect();
    let publisher_id = publisher_id(publisher);
    let mut items = shared_items(publisher, tlp);
    let selected = entities
        .iter()
        .filter(|e| only.is_empty() || only.contains(&e.id));
    for entity in selected {
        for content in entity_objects(entity, &schemas, &publisher_id) {
            items.push(Item {
                content,
                source: source.to_owned(),
                entity_id: Some(entity.id.clone()),
                tlp,
            });
        }
    }
    let stale_source = only.is_empty().then_some(source);
    publish_items(store, collection, items, stale_source)
}

/// Shares a confirmed alert as a `sighting` of the designation it hit, seen by this
/// node. The screened subject's name, birth date and nationality go out only with
/// `include_subject`.
pub fn publish_sighting(
    store: &mut Store,
    alert_id: i64,
    collection: &str,
    tlp: Tlp,
    include_subject: bool,
    publisher: &str,
) -> Result<PublishReport, ShareError> {
    let alert = store
        .alert(alert_id)?
        .ok_or_else(|| ShareError::Invalid(format!("no alert {alert_id} (see `vigil alerts`)")))?;
    if alert.status != AlertStatus::Confirmed {
        return Err(ShareError::Invalid(format!(
            "alert {alert_id} is {}: only confirmed alerts can be shared as sightings",
            alert.status
        )));
    }
    let record = store.entity(&alert.entity_id)?.ok_or_else(|| {
        ShareError::Invalid(format!(
            "alert {alert_id}: entity {} is not in the store",
            alert.entity_id
        ))
    })?;
    let publisher_id = publisher_id(publisher);
    let seen = time::normalise(&alert.created_at).unwrap_or_else(|_| time::now());
    let mut sighting = json!({
        "type": "sighting",
        "spec_version": "2.1",
        "id": stable_id("sighting", &format!("{publisher}|alert:{alert_id}")),
        "created_by_ref": publisher_id,
        "sighting_of_ref": designation_id(&alert.entity_id, record.entity.schema),
        "where_sighted_refs": [publisher_id],
        "count": 1,
        "first_seen": seen,
        "last_seen": seen,
        "summary": false,
    });
    let mut items = shared_items(publisher, tlp);
    if include_subject {
        let subject = store
            .subjects()?
            .into_iter()
            .find(|s| s.set == alert.set && s.id == alert.subject_id);
        sighting["extensions"] = json!({ crate::stix::VIGIL_EXTENSION: {
            "extension_type": "property-extension",
            "subject": {
                "name": alert.subject_name,
                "birth_date": subject.as_ref().and_then(|s| s.birth_date.clone()),
                "nationality": subject.as_ref().and_then(|s| s.nationality.clone()),
            }
        }});
    }
    items.push(Item {
        content: sighting,
        source: format!("alert:{alert_id}"),
        entity_id: Some(alert.entity_id.clone()),
        tlp,
    });
    publish_items(store, collection, items, None)
}

fn publisher_id(publisher: &str) -> String {
    publisher_identity(publisher)["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The publisher identity and Vigil's extension-definition (TLP:CLEAR: every partner may
/// read them), and the TLP marking definition, served at its own level so a partner
/// below it does not even learn that level is in use.
fn shared_items(publisher: &str, tlp: Tlp) -> Vec<Item> {
    let publisher_id = publisher_id(publisher);
    let item = |content, tlp| Item {
        content,
        source: String::new(),
        entity_id: None,
        tlp,
    };
    vec![
        item(publisher_identity(publisher), Tlp::Clear),
        item(export::extension_definition(&publisher_id), Tlp::Clear),
        item(tlp.marking_definition(), tlp),
    ]
}

fn content_hash(content: &Value, tlp: Tlp) -> String {
    // serde_json's maps are sorted, so equal content gives equal text.
    let mut h = Sha256::new();
    h.update(content.to_string().as_bytes());
    h.update([tlp.rank()]);
    hex::encode(h.finalize())
}

/// A `modified` later than `previous` (publications within one microsecond).
fn later_than(now: &str, previous: Option<&str>) -> String {
    match previous {
        Some(p) if p >= now => chrono::DateTime::parse_from_rfc3339(p)
            .map(|t| {
                time::format_micros(
                    t.with_timezone(&chrono::Utc) + chrono::Duration::microseconds(1),
                )
            })
            .unwrap_or_else(|_| now.to_owned()),
        _ => now.to_owned(),
    }
}

fn stamp(content: &Value, created: &str, modified: &str, tlp: Tlp) -> Value {
    let mut object = content.clone();
    object["created"] = json!(created);
    if object["type"] != "marking-definition" {
        object["modified"] = json!(modified);
        object["object_marking_refs"] = json!([tlp.marking_id()]);
    } else {
        // Marking definitions are fixed objects with their own `created`.
        object["created"] = content["created"].clone();
    }
    object
}

fn publish_items(
    store: &mut Store,
    collection: &str,
    items: Vec<Item>,
    stale_source: Option<&str>,
) -> Result<PublishReport, ShareError> {
    let collection = ensure_collection(store, collection)?;
    let previous: HashMap<String, Published> = store
        .published(&collection.id, None)?
        .into_iter()
        .map(|p| (p.stix_id.clone(), p))
        .collect();
    let now = time::now();
    let mut report = PublishReport {
        collection: collection.alias.clone(),
        objects: items.len(),
        ..PublishReport::default()
    };
    let mut objects = Vec::new();
    let mut published = Vec::new();
    let mut seen = HashSet::new();
    let mut add = |content: &Value, item_source: &str, entity_id: Option<String>, tlp: Tlp| {
        let stix_id = content["id"].as_str().unwrap_or_default().to_owned();
        let hash = content_hash(content, tlp);
        let prev = previous.get(&stix_id);
        if prev.is_some_and(|p| p.content_hash == hash) {
            return Ok::<(), ShareError>(());
        }
        let created = prev.map_or(now.clone(), |p| p.created.clone());
        let modified = later_than(&now, prev.map(|p| p.modified.as_str()));
        let object = stamp(content, &created, &modified, tlp);
        let version = time::normalise(object["modified"].as_str().unwrap_or(&created))
            .map_err(ShareError::Invalid)?;
        objects.push(NewObject {
            stix_id: stix_id.clone(),
            object_type: content["type"].as_str().unwrap_or_default().to_owned(),
            spec_version: "2.1".to_owned(),
            version,
            tlp: tlp.rank(),
            json: object.to_string(),
        });
        published.push(Published {
            stix_id,
            source: item_source.to_owned(),
            entity_id,
            content_hash: hash,
            created,
            modified,
            json: content.to_string(),
            tlp: tlp.rank(),
        });
        Ok(())
    };
    for item in &items {
        seen.insert(item.content["id"].as_str().unwrap_or_default().to_owned());
        add(
            &item.content,
            &item.source,
            item.entity_id.clone(),
            item.tlp,
        )?;
    }
    if let Some(source) = stale_source {
        let mut gone: Vec<&Published> = previous
            .values()
            .filter(|p| p.source == source && !seen.contains(&p.stix_id))
            .collect();
        gone.sort_by(|a, b| a.stix_id.cmp(&b.stix_id));
        for p in gone {
            let last: Value = serde_json::from_str(&p.json)
                .map_err(|e| ShareError::Corrupt(format!("published {}: {e}", p.stix_id)))?;
            let flagged = export::delisted(&last, &now);
            if flagged == last || already_delisted(&last) {
                continue;
            }
            let tlp = Tlp::from_rank(p.tlp).unwrap_or(Tlp::Red);
            if flagged["type"] != "relationship" {
                report.delisted += 1;
            }
            add(&flagged, source, p.entity_id.clone(), tlp)?;
        }
    }
    report.new_versions = store.publish(&collection.id, &objects, &published)?;
    Ok(report)
}

fn already_delisted(last: &Value) -> bool {
    last.get("stop_time").is_some()
        || last
            .pointer(&format!(
                "/extensions/{}/delisted",
                crate::stix::VIGIL_EXTENSION
            ))
            .and_then(Value::as_bool)
            .unwrap_or(false)
}
