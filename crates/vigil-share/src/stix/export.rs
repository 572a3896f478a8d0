//! Entities as STIX 2.1 designation objects.
//!
//! - an organisation becomes a `threat-actor` (`threat_actor_types: ["terrorist"]`,
//!   `aliases`, an external reference to the list and its reference number);
//! - a person becomes an `identity` (`identity_class: "individual"`); vessels and aircraft
//!   an `identity` with `identity_class: "unknown"` (STIX has no better fit), their kind
//!   in the extension;
//! - every designation carries Vigil's property extension: the entity's names (with their
//!   kinds), birth dates, places of birth, nationalities, documents, identifiers,
//!   programmes and designation basis, in Vigil's own JSON shapes (vigil-core);
//! - a resolved link becomes a `related-to` `relationship` whose description is the
//!   list's relation ("linked_to", "associate").
//!
//! Objects here have no `created`, `modified` or markings: publishing stamps those, so
//! unchanged content can be recognised and not re-published.

use super::VIGIL_EXTENSION;
use crate::ids::stable_id;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use vigil_core::{Entity, Schema};

/// The STIX type a designation of this schema is published as.
pub fn designation_type(schema: Schema) -> &'static str {
    match schema {
        Schema::Organization => "threat-actor",
        Schema::Person | Schema::Vessel | Schema::Aircraft => "identity",
    }
}

/// The STIX id of an entity. A partner entity (`partner:NAME:<stix id>`) keeps the id its
/// partner gave it, so sightings point at the partner's object.
pub fn designation_id(entity_id: &str, schema: Schema) -> String {
    let (_, local) = entity_id.rsplit_once(':').unwrap_or(("", entity_id));
    if entity_id.starts_with("partner:") && local.contains("--") {
        return local.to_owned();
    }
    stable_id(designation_type(schema), entity_id)
}

/// The publishing node's `identity` (the `created_by_ref` of everything it publishes).
pub fn publisher_identity(name: &str) -> Value {
    json!({
        "type": "identity",
        "spec_version": "2.1",
        "id": stable_id("identity", &format!("vigil-publisher:{name}")),
        "name": name,
        "identity_class": "organization",
    })
}

/// The extension-definition of Vigil's designation extension.
pub fn extension_definition(publisher_id: &str) -> Value {
    json!({
        "type": "extension-definition",
        "spec_version": "2.1",
        "id": VIGIL_EXTENSION,
        "created_by_ref": publisher_id,
        "name": "Vigil designation",
        "description": "Designation details of a listed person, organisation, vessel or \
            aircraft, as Vigil (an open-source counter-terrorism screening service) keeps \
            them: schema, entity_id (the list's own id), names [{full, kind: primary|alias|\
            weak|former, parts, original_script}], birth_dates [{type: on|circa|between, \
            date|from,to}], birth_places, nationalities / citizenships / countries \
            [{code (ISO 3166-1 alpha-2), text}], gender, titles, documents [{kind, \
            type_text, number, country, issued, expires, note}], addresses, identifiers, \
            programs, listed_on, remarks (the designation basis), properties, and \
            delisted / delisted_on once the entity has left its list. Sightings carry \
            subject {name, birth_date, nationality} only when the publisher chose to share it.",
        "schema": "https://github.com/vigil-screening/vigil/blob/main/docs/sharing.md",
        "version": "1.0.0",
        "extension_types": ["property-extension"],
    })
}

/// A readable name for a list, for external references.
pub fn list_title(source: &str) -> String {
    match source {
        "un-sc" => "UN SC Consolidated List".to_owned(),
        "ofac-sdn" => "OFAC SDN List".to_owned(),
        other => other.to_owned(),
    }
}

/// The designation object of one entity and one `relationship` per link resolved in
/// `schemas` (entity id → schema of every entity published with it).
pub fn entity_objects(
    entity: &Entity,
    schemas: &HashMap<String, Schema>,
    publisher_id: &str,
) -> Vec<Value> {
    let object_type = designation_type(entity.schema);
    let id = designation_id(&entity.id, entity.schema);
    let source = entity.source();
    let source_id = entity
        .id
        .strip_prefix(source)
        .and_then(|s| s.strip_prefix(':'))
        .unwrap_or(&entity.id);
    let mut object = Map::new();
    object.insert("type".into(), json!(object_type));
    object.insert("spec_version".into(), json!("2.1"));
    object.insert("id".into(), json!(id));
    object.insert("created_by_ref".into(), json!(publisher_id));
    object.insert("name".into(), json!(entity.name));
    if let Some(remarks) = &entity.remarks {
        object.insert("description".into(), json!(remarks));
    }
    match entity.schema {
        Schema::Organization => {
            object.insert("threat_actor_types".into(), json!(["terrorist"]));
            let aliases: Vec<&str> = entity
                .names
                .iter()
                .filter(|n| n.full != entity.name)
                .map(|n| n.full.as_str())
                .collect();
            if !aliases.is_empty() {
                object.insert("aliases".into(), json!(aliases));
            }
        }
        Schema::Person => {
            object.insert("identity_class".into(), json!("individual"));
        }
        Schema::Vessel | Schema::Aircraft => {
            object.insert("identity_class".into(), json!("unknown"));
        }
    }
    object.insert(
        "external_references".into(),
        json!([{ "source_name": list_title(source), "external_id": source_id }]),
    );
    object.insert(
        "extensions".into(),
        json!({ VIGIL_EXTENSION: designation_extension(entity) }),
    );
    let mut objects = vec![Value::Object(object)];
    for link in &entity.links {
        let Some(target) = link.entity_id.as_deref() else {
            continue;
        };
        let Some(target_schema) = schemas.get(target) else {
            continue;
        };
        objects.push(json!({
            "type": "relationship",
            "spec_version": "2.1",
            "id": stable_id("relationship", &format!("{}|{}|{target}", entity.id, link.relation)),
            "created_by_ref": publisher_id,
            "relationship_type": "related-to",
            "description": link.relation,
            "source_ref": id,
            "target_ref": designation_id(target, *target_schema),
        }));
    }
    objects
}

/// The entity in Vigil's own shape, minus what the STIX object itself says (`name`) and
/// what relationships carry (`links`).
fn designation_extension(entity: &Entity) -> Value {
    let mut value = serde_json::to_value(entity).unwrap_or_else(|_| json!({}));
    if let Some(map) = value.as_object_mut() {
        map.remove("links");
        map.remove("name");
        let id = map.remove("id").unwrap_or(Value::Null);
        map.insert("entity_id".into(), id);
        map.insert("extension_type".into(), json!("property-extension"));
    }
    value
}

/// A delisted designation: the last published version, flagged in the extension (a new
/// version, not `revoked`: STIX keeps `revoked` for objects published in error).
/// Relationships of a delisted entity end instead (`stop_time`).
pub fn delisted(last: &Value, on: &str) -> Value {
    let mut object = last.clone();
    if object["type"] == "relationship" {
        object["stop_time"] = json!(on);
    } else if let Some(ext) = object
        .get_mut("extensions")
        .and_then(|e| e.get_mut(VIGIL_EXTENSION))
        .and_then(Value::as_object_mut)
    {
        ext.insert("delisted".into(), json!(true));
        ext.insert("delisted_on".into(), json!(on));
    }
    object
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigil_core::{Country, DateSpec, Link, Name, NameKind, PartialDate};

    #[test]
    fn a_group_is_a_threat_actor_and_a_person_an_identity() {
        let mut group = Entity::new(
            "un-sc",
            "QDe.118",
            Schema::Organization,
            "LASHKAR-E-TAYYIBA",
        );
        group.add_name(Name::new("Lashkar-e-Toiba", NameKind::Alias));
        let mut person = Entity::new("un-sc", "QDi.263", Schema::Person, "HAFIZ MUHAMMAD SAEED");
        person.birth_dates.push(DateSpec::on(
            PartialDate::new(1950, Some(6), Some(5)).unwrap(),
        ));
        person.nationalities.push(Country::parse("Pakistan"));
        person.links.push(Link {
            relation: "associate".into(),
            name: "LASHKAR-E-TAYYIBA".into(),
            entity_id: Some(group.id.clone()),
        });
        let schemas: HashMap<String, Schema> = [
            (group.id.clone(), group.schema),
            (person.id.clone(), person.schema),
        ]
        .into();
        let publisher = publisher_identity("Agency A")["id"]
            .as_str()
            .unwrap()
            .to_owned();

        let g = entity_objects(&group, &schemas, &publisher);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0]["type"], "threat-actor");
        assert_eq!(g[0]["threat_actor_types"], json!(["terrorist"]));
        assert_eq!(g[0]["aliases"], json!(["Lashkar-e-Toiba"]));
        assert_eq!(g[0]["external_references"][0]["external_id"], "QDe.118");
        assert_eq!(
            g[0]["external_references"][0]["source_name"],
            "UN SC Consolidated List"
        );

        let p = entity_objects(&person, &schemas, &publisher);
        assert_eq!(p.len(), 2, "the person and its relationship");
        assert_eq!(p[0]["identity_class"], "individual");
        let ext = &p[0]["extensions"][VIGIL_EXTENSION];
        assert_eq!(ext["birth_dates"][0]["date"], "1950-06-05");
        assert_eq!(ext["nationalities"][0]["code"], "PK");
        assert_eq!(ext["entity_id"], "un-sc:QDi.263");
        assert_eq!(p[1]["source_ref"], p[0]["id"]);
        assert_eq!(p[1]["target_ref"], g[0]["id"]);
        // Same entity, same id, on every publication.
        assert_eq!(
            entity_objects(&person, &schemas, &publisher)[0]["id"],
            p[0]["id"]
        );
    }

    #[test]
    fn partner_entities_keep_their_partners_ids() {
        let id = "partner:agency-a:identity--6ba7b810-9dad-11d1-80b4-00c04fd430c8";
        assert_eq!(
            designation_id(id, Schema::Person),
            "identity--6ba7b810-9dad-11d1-80b4-00c04fd430c8"
        );
    }
}
