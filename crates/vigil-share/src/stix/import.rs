//! Partner STIX objects back in as Vigil entities, so partner designations are screened
//! like any list.
//!
//! Accepted as designations: `threat-actor` (a person when `resource_level` is
//! `individual` or OpenCTI's `x_opencti_type` is `Threat-Actor-Individual`, else an
//! organisation), OpenCTI's `threat-actor-individual`, and `identity` objects carrying
//! Vigil's extension. Plain identities are authors and publishers, not designations.
//! A designation that is `revoked` or flagged `delisted` leaves the list. Relationships
//! between designations become links; `national-of` / `citizen-of` a `location` become
//! nationalities / citizenships. Everything else is kept as an opaque object by the caller.

use super::{OPENCTI_INDIVIDUAL_EXTENSION, VIGIL_EXTENSION};
use serde_json::Value;
use std::collections::BTreeMap;
use vigil_core::{
    Country, DateSpec, Entity, Gender, Identifier, IdentifierKind, Link, Name, NameKind,
    PartialDate, Schema, PARTNER_ENTITY_ID,
};

/// Designations of one partner, merged across pulls and keyed by STIX id.
#[derive(Debug, Default)]
pub struct PartnerDesignations {
    /// `partner:NAME`.
    source: String,
    entities: BTreeMap<String, Entity>,
    /// Country codes of `location` objects seen, for nationality relationships.
    locations: BTreeMap<String, Country>,
}

/// What one object did to the designations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    Designation,
    Removed,
    Relationship,
    /// Not a designation: kept only as an opaque object.
    Other,
}

impl PartnerDesignations {
    /// Starts from the partner's current list (`partner:NAME` entities).
    pub fn new(source: &str, current: Vec<Entity>) -> PartnerDesignations {
        let prefix = format!("{source}:");
        let entities = current
            .into_iter()
            .filter_map(|e| Some((e.id.strip_prefix(&prefix)?.to_owned(), e)))
            .collect();
        PartnerDesignations {
            source: source.to_owned(),
            entities,
            locations: BTreeMap::new(),
        }
    }

    pub fn into_entities(self) -> Vec<Entity> {
        self.entities.into_values().collect()
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// Applies one object (the latest version of it). Objects are applied in the order
    /// the partner added them; a relationship naming a designation not yet seen is
    /// skipped. Errors name the object and the field.
    pub fn apply(&mut self, object: &Value) -> Result<Applied, String> {
        let Some(stix_id) = object.get("id").and_then(Value::as_str) else {
            return Err("an object has no `id`".into());
        };
        let object_type = object.get("type").and_then(Value::as_str).unwrap_or("");
        match object_type {
            "location" => {
                if let Some(code) = object.get("country").and_then(Value::as_str) {
                    self.locations
                        .insert(stix_id.to_owned(), Country::parse(code));
                }
                Ok(Applied::Other)
            }
            "relationship" => Ok(self.apply_relationship(object)),
            "threat-actor" | "threat-actor-individual" | "identity" => {
                let Some(schema) = designation_schema(object) else {
                    return Ok(Applied::Other);
                };
                let withdrawn = object.get("revoked") == Some(&Value::Bool(true))
                    || object
                        .pointer(&format!("/extensions/{VIGIL_EXTENSION}/delisted"))
                        .and_then(Value::as_bool)
                        .unwrap_or(false);
                if withdrawn {
                    self.entities.remove(stix_id);
                    return Ok(Applied::Removed);
                }
                let mut entity = self.entity_of(stix_id, schema, object)?;
                // Links come from relationships; keep those already known.
                if let Some(old) = self.entities.get(stix_id) {
                    entity.links = old.links.clone();
                }
                self.entities.insert(stix_id.to_owned(), entity);
                Ok(Applied::Designation)
            }
            _ => Ok(Applied::Other),
        }
    }

    fn entity_of(&self, stix_id: &str, schema: Schema, object: &Value) -> Result<Entity, String> {
        let name = object
            .get("name")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .ok_or_else(|| format!("{stix_id}: field `name` is missing or empty"))?;
        let mut entity = match object.pointer(&format!("/extensions/{VIGIL_EXTENSION}")) {
            Some(ext) => from_vigil_extension(&self.source, stix_id, name, ext)?,
            None => Entity::new(&self.source, stix_id, schema, name),
        };
        let aliases = ["aliases", "x_opencti_aliases"]
            .iter()
            .filter_map(|key| object.get(*key)?.as_array())
            .flatten()
            .filter_map(Value::as_str);
        for alias in aliases {
            entity.add_name(Name::new(alias.trim(), NameKind::Alias));
        }
        if entity.remarks.is_none() {
            entity.remarks = object
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_owned);
        }
        if let Some(ext) = object.pointer(&format!("/extensions/{OPENCTI_INDIVIDUAL_EXTENSION}")) {
            apply_opencti_individual(&mut entity, ext);
        }
        Ok(entity)
    }

    fn apply_relationship(&mut self, object: &Value) -> Applied {
        let field = |k: &str| object.get(k).and_then(Value::as_str).unwrap_or("");
        let (source_ref, target_ref) = (field("source_ref"), field("target_ref"));
        let kind = field("relationship_type");
        let ended =
            object.get("stop_time").is_some() || object.get("revoked") == Some(&Value::Bool(true));
        if let Some(country) = self.locations.get(target_ref).cloned() {
            if let Some(entity) = self.entities.get_mut(source_ref) {
                let list = match kind {
                    "citizen-of" => &mut entity.citizenships,
                    "national-of" | "nationality" => &mut entity.nationalities,
                    _ => return Applied::Other,
                };
                if !ended && !list.contains(&country) {
                    list.push(country);
                }
                return Applied::Relationship;
            }
            return Applied::Other;
        }
        let Some(target) = self.entities.get(target_ref) else {
            return Applied::Other;
        };
        let target_name = target.name.clone();
        let target_id = target.id.clone();
        let Some(entity) = self.entities.get_mut(source_ref) else {
            return Applied::Other;
        };
        let relation = object
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or(kind)
            .to_owned();
        entity
            .links
            .retain(|l| l.entity_id.as_deref() != Some(target_id.as_str()));
        if !ended {
            entity.links.push(Link {
                relation,
                name: target_name,
                entity_id: Some(target_id),
            });
        }
        Applied::Relationship
    }
}

/// The schema of a designation object, or `None` when it is not one.
fn designation_schema(object: &Value) -> Option<Schema> {
    if let Some(schema) = object
        .pointer(&format!("/extensions/{VIGIL_EXTENSION}/schema"))
        .and_then(Value::as_str)
    {
        return schema.parse().ok();
    }
    let field = |k: &str| object.get(k).and_then(Value::as_str).unwrap_or("");
    match field("type") {
        "threat-actor-individual" => Some(Schema::Person),
        "threat-actor"
            if field("resource_level") == "individual"
                || field("x_opencti_type").eq_ignore_ascii_case("threat-actor-individual") =>
        {
            Some(Schema::Person)
        }
        "threat-actor" => Some(Schema::Organization),
        // Only identities published as designations (with Vigil's extension) count.
        _ => None,
    }
}

/// Rebuilds an entity from Vigil's extension; its id becomes `partner:NAME:<stix id>`, and
/// the partner's own id (`entity_id`) is kept as an identifier, shown and searchable.
fn from_vigil_extension(
    source: &str,
    stix_id: &str,
    name: &str,
    ext: &Value,
) -> Result<Entity, String> {
    let mut value = ext.clone();
    let map = value
        .as_object_mut()
        .ok_or_else(|| format!("{stix_id}: extension {VIGIL_EXTENSION} is not an object"))?;
    map.insert("id".into(), Value::String(format!("{source}:{stix_id}")));
    map.insert("name".into(), Value::String(name.to_owned()));
    if !map.contains_key("names") {
        map.insert(
            "names".into(),
            serde_json::json!([{ "full": name, "kind": "primary" }]),
        );
    }
    let mut entity: Entity = serde_json::from_value(value)
        .map_err(|e| format!("{stix_id}: extension {VIGIL_EXTENSION}: {e}"))?;
    let partner_id = ext.get("entity_id").and_then(Value::as_str).map(str::trim);
    if let Some(partner_id) = partner_id.filter(|id| !id.is_empty()) {
        let already = entity.identifiers.iter().any(|i| i.value == partner_id);
        if !already {
            entity.identifiers.push(Identifier {
                kind: IdentifierKind::Other,
                value: partner_id.to_owned(),
                note: Some(PARTNER_ENTITY_ID.to_owned()),
            });
        }
    }
    Ok(entity)
}

/// OpenCTI's individual extension: `date_of_birth` (a timestamp) and `gender`.
fn apply_opencti_individual(entity: &mut Entity, ext: &Value) {
    if let Some(born) = ext.get("date_of_birth").and_then(Value::as_str) {
        if let Ok(date) = born.get(..10).unwrap_or(born).parse::<PartialDate>() {
            let spec = DateSpec::on(date);
            if !entity.birth_dates.contains(&spec) {
                entity.birth_dates.push(spec);
            }
        }
    }
    entity.gender = entity
        .gender
        .or(match ext.get("gender").and_then(Value::as_str) {
            Some(g) if g.eq_ignore_ascii_case("male") => Some(Gender::Male),
            Some(g) if g.eq_ignore_ascii_case("female") => Some(Gender::Female),
            _ => None,
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stix::export::{entity_objects, publisher_identity};
    use serde_json::json;
    use std::collections::HashMap;

    #[test]
    fn vigil_designations_round_trip() {
        let mut person = Entity::new("own", "OWN-1", Schema::Person, "Hafiz Muhammad Saeed");
        person.add_name(Name::new("Hafiz Saeed", NameKind::Alias));
        person
            .birth_dates
            .push(DateSpec::on("1950-06-05".parse().unwrap()));
        person.nationalities.push(Country::parse("PK"));
        let group = Entity::new("own", "OWN-2", Schema::Organization, "Lashkar-e-Tayyiba");
        person.links.push(Link {
            relation: "associate".into(),
            name: group.name.clone(),
            entity_id: Some(group.id.clone()),
        });
        let schemas: HashMap<_, _> = [
            (person.id.clone(), person.schema),
            (group.id.clone(), group.schema),
        ]
        .into();
        let publisher = publisher_identity("A")["id"].as_str().unwrap().to_owned();

        let mut designations = PartnerDesignations::new("partner:a", Vec::new());
        assert_eq!(
            designations.apply(&publisher_identity("A")).unwrap(),
            Applied::Other
        );
        for o in entity_objects(&group, &schemas, &publisher) {
            designations.apply(&o).unwrap();
        }
        let person_objects = entity_objects(&person, &schemas, &publisher);
        for o in &person_objects {
            designations.apply(o).unwrap();
        }
        let entities = designations.into_entities();
        assert_eq!(entities.len(), 2);
        let p = entities
            .iter()
            .find(|e| e.schema == Schema::Person)
            .unwrap();
        assert_eq!(
            p.id,
            format!("partner:a:{}", person_objects[0]["id"].as_str().unwrap())
        );
        assert_eq!(p.source(), "partner:a");
        assert_eq!(p.names, person.names);
        assert_eq!(p.birth_dates, person.birth_dates);
        assert_eq!(p.nationalities, person.nationalities);
        assert_eq!(p.links.len(), 1);
        assert_eq!(p.links[0].name, "Lashkar-e-Tayyiba");
    }

    #[test]
    fn opencti_individuals_and_delistings() {
        let actor = json!({
            "type": "threat-actor", "spec_version": "2.1",
            "id": "threat-actor--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
            "name": "Zaki-ur-Rehman Lakhvi", "x_opencti_type": "Threat-Actor-Individual",
            "x_opencti_aliases": ["Zakir Rehman Lakvi"],
            "extensions": { OPENCTI_INDIVIDUAL_EXTENSION: {
                "extension_type": "property-extension",
                "date_of_birth": "1960-12-30T00:00:00.000Z", "gender": "male" } }
        });
        let mut d = PartnerDesignations::new("partner:b", Vec::new());
        assert_eq!(d.apply(&actor).unwrap(), Applied::Designation);
        let e = d.entities.values().next().unwrap().clone();
        assert_eq!(e.schema, Schema::Person);
        assert_eq!(e.names.len(), 2);
        assert_eq!(e.birth_dates[0].to_string(), "1960-12-30");
        assert_eq!(e.gender, Some(Gender::Male));

        let mut revoked = actor.clone();
        revoked["revoked"] = json!(true);
        assert_eq!(d.apply(&revoked).unwrap(), Applied::Removed);
        assert!(d.is_empty());
        // An unnamed designation is an error naming the object and field.
        let err = d
            .apply(&json!({"type": "threat-actor", "id": "threat-actor--x"}))
            .unwrap_err();
        assert!(
            err.contains("threat-actor--x") && err.contains("name"),
            "{err}"
        );
        assert_eq!(
            d.apply(&json!({"type": "malware", "id": "malware--x"}))
                .unwrap(),
            Applied::Other
        );
    }
}
