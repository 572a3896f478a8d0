//! FollowTheMoney (FtM) JSON lines → entities: OpenSanctions `entities.ftm.json` and any
//! export in the same shape, one `{"id", "schema", "properties": {name: [values]}}` per line.
//!
//! `Person`, `Organization`, `Company`, `LegalEntity`, `PublicBody`, `Vessel` and `Airplane`
//! become entities (id `<source>:<FtM id>`). Supporting records are folded into the entity
//! they point at: `Sanction` (programme, listing date), `Passport` / `Identification`
//! (documents), `Address` (via `addressEntity`), and relationships (`Associate`, `Family`,
//! `Ownership`, `UnknownLink`, ...) as links on both ends. Other schemas are skipped with
//! one warning per schema. Properties the model has no field for are kept in
//! `Entity.properties` under their FtM name.

use crate::fields::{country, document_kind, iso_date, push_property, push_unique};
use crate::{ListError, ParsedList};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use vigil_core::limits::MAX_RECORD_BYTES;
use vigil_core::{
    Address, DateSpec, Document, DocumentKind, Entity, Gender, Identifier, IdentifierKind, Link,
    Name, NameKind, NamePart, NamePartKind, Schema,
};

/// Reads an FtM JSON lines file; entity ids are `<source>:<FtM id>`.
pub fn parse(source: &str, path: &Path) -> Result<ParsedList, ListError> {
    let bytes = crate::read_file(path)?;
    parse_bytes(source, path, &bytes)
}

/// Reads FtM JSON lines held in memory; `path` names them in messages.
pub fn parse_bytes(source: &str, path: &Path, bytes: &[u8]) -> Result<ParsedList, ListError> {
    let record_error = |line: usize, message: String| ListError::Record {
        path: path.to_owned(),
        line: line as u64,
        message,
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ListError::Invalid {
            path: path.to_owned(),
            message: "empty file".into(),
        });
    }
    let mut list = Builder::new(source);
    for (index, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let line = index + 1;
        if raw.len() > MAX_RECORD_BYTES {
            let message = format!("a line longer than {MAX_RECORD_BYTES} bytes");
            return Err(record_error(line, message));
        }
        let text = std::str::from_utf8(raw)
            .map_err(|e| record_error(line, format!("not UTF-8 text: {e}")))?
            .trim();
        if text.is_empty() {
            continue;
        }
        let record: Record = serde_json::from_str(text)
            .map_err(|e| record_error(line, format!("not an FtM entity JSON object: {e}")))?;
        if record.id.trim().is_empty() {
            return Err(record_error(line, "entity with an empty \"id\"".into()));
        }
        list.add(record, line);
    }
    let (entities, warnings) = list.finish();
    if entities.is_empty() {
        return Err(ListError::Invalid {
            path: path.to_owned(),
            message: "no Person, Organization, Company, LegalEntity, Vessel or Airplane \
                      entities in the file"
                .into(),
        });
    }
    Ok(ParsedList {
        source: source.to_owned(),
        entities,
        file_date: None,
        sha256: hex::encode(Sha256::digest(bytes)),
        warnings,
    })
}

/// One line as FtM writes it. Values are strings; nested entities (some exports inline
/// them) count by their id.
#[derive(Deserialize)]
struct Record {
    id: String,
    schema: String,
    #[serde(default)]
    properties: BTreeMap<String, Vec<serde_json::Value>>,
}

type Props = BTreeMap<String, Vec<String>>;

fn strings(properties: BTreeMap<String, Vec<serde_json::Value>>) -> Props {
    properties
        .into_iter()
        .map(|(key, values)| {
            let values = values
                .into_iter()
                .filter_map(|v| match v {
                    serde_json::Value::String(s) => Some(s.trim().to_owned()),
                    serde_json::Value::Number(n) => Some(n.to_string()),
                    serde_json::Value::Object(o) => {
                        o.get("id").and_then(|id| id.as_str()).map(str::to_owned)
                    }
                    _ => None,
                })
                .filter(|s| !s.is_empty())
                .collect();
            (key, values)
        })
        .collect()
}

/// Relationship schemas: (schema, property naming one end, property naming the other,
/// relation written on the links).
const RELATIONS: [(&str, &str, &str, &str); 9] = [
    ("Associate", "person", "associate", "associate"),
    ("Family", "person", "relative", "family"),
    ("UnknownLink", "subject", "object", "linked_to"),
    ("Ownership", "owner", "asset", "ownership"),
    ("Directorship", "director", "organization", "directorship"),
    ("Membership", "member", "organization", "membership"),
    ("Employment", "employee", "employer", "employment"),
    ("Representation", "agent", "client", "representation"),
    ("Succession", "predecessor", "successor", "succession"),
];

/// A `Sanction`, `Passport`, `Address`, relationship, ... record, and its line.
struct Supporting {
    schema: String,
    id: String,
    props: Props,
    line: usize,
}

/// Collects entities and the supporting records that refer to them, then joins them.
struct Builder<'a> {
    source: &'a str,
    entities: Vec<Entity>,
    index: HashMap<String, usize>,
    /// Supporting records, resolved once every entity is known (they may come first).
    supporting: Vec<Supporting>,
    address_refs: Vec<(usize, Vec<String>)>,
    skipped: BTreeMap<String, usize>,
    warnings: Vec<String>,
}

impl<'a> Builder<'a> {
    fn new(source: &'a str) -> Self {
        Builder {
            source,
            entities: Vec::new(),
            index: HashMap::new(),
            supporting: Vec::new(),
            address_refs: Vec::new(),
            skipped: BTreeMap::new(),
            warnings: Vec::new(),
        }
    }

    fn add(&mut self, record: Record, line: usize) {
        let props = strings(record.properties);
        let Ok(schema) = main_schema(&record.schema) else {
            let known = ["Sanction", "Passport", "Identification", "Address"];
            if known.contains(&record.schema.as_str())
                || RELATIONS.iter().any(|r| r.0 == record.schema)
            {
                self.supporting.push(Supporting {
                    schema: record.schema,
                    id: record.id,
                    props,
                    line,
                });
            } else {
                *self.skipped.entry(record.schema).or_default() += 1;
            }
            return;
        };
        if self.index.contains_key(&record.id) {
            self.warnings.push(format!(
                "line {line}: entity {:?} appears again; the first is kept",
                record.id
            ));
            return;
        }
        let mut warn = |w: String| self.warnings.push(format!("line {line}: {w}"));
        let Some(mut entity) = entity(self.source, &record.id, schema, &props, &mut warn) else {
            self.warnings.push(format!(
                "line {line}: {} {:?} has no name; skipped",
                record.schema, record.id
            ));
            return;
        };
        if let Some(ids) = props.get("addressEntity") {
            self.address_refs.push((self.entities.len(), ids.clone()));
        }
        entity.properties.remove("addressEntity");
        self.index.insert(record.id, self.entities.len());
        self.entities.push(entity);
    }

    fn finish(mut self) -> (Vec<Entity>, Vec<String>) {
        let supporting = std::mem::take(&mut self.supporting);
        let mut addresses = HashMap::new();
        for s in &supporting {
            let line = s.line;
            match s.schema.as_str() {
                "Sanction" => self.sanction(&s.props, line),
                "Passport" | "Identification" => self.document(&s.schema, &s.props, line),
                "Address" => {
                    let mut warn = |w: String| self.warnings.push(format!("line {line}: {w}"));
                    addresses.insert(s.id.as_str(), address(&s.props, &mut warn));
                }
                _ => self.relation(&s.schema, &s.props, line),
            }
        }
        for (i, ids) in std::mem::take(&mut self.address_refs) {
            for id in ids {
                match addresses.get(id.as_str()) {
                    Some(a) => push_unique(&mut self.entities[i].addresses, a.clone()),
                    None => self.warnings.push(format!(
                        "{}: addressEntity {id:?} is not in the file",
                        self.entities[i].id
                    )),
                }
            }
        }
        for (schema, count) in &self.skipped {
            self.warnings.push(format!(
                "{count} {schema} record(s) skipped: schema not imported"
            ));
        }
        (self.entities, self.warnings)
    }

    /// The entity a supporting record points at through `property`, if it was imported.
    fn target(&mut self, props: &Props, property: &str, line: usize) -> Option<usize> {
        let id = props.get(property)?.first()?;
        let found = self.index.get(id).copied();
        if found.is_none() {
            self.warnings.push(format!(
                "line {line}: {property} {id:?} is not an imported entity"
            ));
        }
        found
    }

    fn sanction(&mut self, props: &Props, line: usize) {
        let Some(i) = self.target(props, "entity", line) else {
            return;
        };
        let e = &mut self.entities[i];
        let programs = props.get("program").or_else(|| props.get("authority"));
        for program in programs.into_iter().flatten() {
            push_unique(&mut e.programs, program.clone());
        }
        let dates = ["listingDate", "startDate"]
            .iter()
            .flat_map(|k| props.get(*k));
        if let Some(first) = dates.flatten().filter_map(|d| iso_date(d)).min() {
            e.listed_on = Some(e.listed_on.map_or(first, |d| d.min(first)));
        }
        for reason in props.get("reason").into_iter().flatten() {
            push_property(e, "sanctionReason", reason);
        }
    }

    fn document(&mut self, schema: &str, props: &Props, line: usize) {
        let Some(i) = self.target(props, "holder", line) else {
            return;
        };
        let first = |k: &str| props.get(k).and_then(|v| v.first()).cloned();
        let Some(number) = first("number") else {
            return;
        };
        let type_text = first("type").unwrap_or_default();
        let kind = match (schema, document_kind(&type_text)) {
            ("Passport", _) => DocumentKind::Passport,
            (_, DocumentKind::Other) => DocumentKind::NationalId,
            (_, kind) => kind,
        };
        let mut warn = |w: String| self.warnings.push(format!("line {line}: {w}"));
        let document = Document {
            kind,
            type_text,
            number,
            country: first("country").and_then(|c| country(&c, "document country", &mut warn)),
            issued: first("startDate").and_then(|d| iso_date(&d)),
            expires: first("endDate").and_then(|d| iso_date(&d)),
            note: first("summary"),
        };
        push_unique(&mut self.entities[i].documents, document);
    }

    fn relation(&mut self, schema: &str, props: &Props, line: usize) {
        let Some(&(_, from, to, relation)) = RELATIONS.iter().find(|r| r.0 == schema) else {
            return;
        };
        let (Some(a), Some(b)) = (self.target(props, from, line), self.target(props, to, line))
        else {
            return;
        };
        for (here, there) in [(a, b), (b, a)] {
            let link = Link {
                relation: relation.to_owned(),
                name: self.entities[there].name.clone(),
                entity_id: Some(self.entities[there].id.clone()),
            };
            push_unique(&mut self.entities[here].links, link);
        }
    }
}

fn main_schema(name: &str) -> Result<Schema, ()> {
    match name {
        "Person" => Ok(Schema::Person),
        "Organization" | "Company" | "LegalEntity" | "PublicBody" => Ok(Schema::Organization),
        "Vessel" => Ok(Schema::Vessel),
        "Airplane" => Ok(Schema::Aircraft),
        _ => Err(()),
    }
}

/// An FtM `Address` record. A free-text `full` address stands in for the street when the
/// parts are not given.
fn address(props: &Props, warn: &mut dyn FnMut(String)) -> Address {
    let first = |k: &str| props.get(k).and_then(|v| v.first()).cloned();
    Address {
        street: first("street").or_else(|| first("full")),
        city: first("city"),
        region: first("region").or_else(|| first("state")),
        postal_code: first("postalCode"),
        country: first("country").and_then(|c| country(&c, "address country", warn)),
        note: first("remarks").or_else(|| first("summary")),
    }
}

/// Builds an entity from its properties; `None` when it has no name at all.
fn entity(
    source: &str,
    id: &str,
    schema: Schema,
    props: &Props,
    warn: &mut dyn FnMut(String),
) -> Option<Entity> {
    let values = |k: &str| props.get(k).map(Vec::as_slice).unwrap_or_default();
    let parts = name_parts(props);
    let primary = match values("name").first() {
        Some(name) => name.clone(),
        None if !parts.is_empty() => parts
            .iter()
            .map(|p| p.value.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        None => return None,
    };
    let mut e = Entity::new(source, id, schema, &primary);
    e.names[0].parts = parts;
    for (key, kind) in [
        ("name", NameKind::Alias),
        ("alias", NameKind::Alias),
        ("weakAlias", NameKind::Weak),
        ("previousName", NameKind::Former),
    ] {
        for name in values(key) {
            e.add_name(Name::new(name.clone(), kind));
        }
    }

    for (key, values) in props {
        for value in values {
            apply(&mut e, key, value, warn);
        }
    }
    Some(e)
}

fn name_parts(props: &Props) -> Vec<NamePart> {
    [
        ("firstName", NamePartKind::Given),
        ("secondName", NamePartKind::Second),
        ("middleName", NamePartKind::Middle),
        ("fatherName", NamePartKind::Father),
        ("lastName", NamePartKind::Last),
    ]
    .into_iter()
    .filter_map(|(key, kind)| {
        let value = props.get(key)?.first()?.clone();
        Some(NamePart { kind, value })
    })
    .collect()
}

/// Maps one property value onto the entity model, or keeps it in `properties`.
fn apply(e: &mut Entity, key: &str, value: &str, warn: &mut dyn FnMut(String)) {
    let identifier = |kind| Identifier {
        kind,
        value: value.to_owned(),
        note: None,
    };
    let document = |kind, type_text: &str| Document {
        kind,
        type_text: type_text.to_owned(),
        number: value.to_owned(),
        country: None,
        issued: None,
        expires: None,
        note: None,
    };
    match key {
        // Names are handled by the caller.
        "name" | "alias" | "weakAlias" | "previousName" | "firstName" | "secondName"
        | "middleName" | "fatherName" | "lastName" | "addressEntity" => {}
        "birthDate" => match iso_date(value) {
            Some(date) => push_unique(&mut e.birth_dates, DateSpec::On { date }),
            None => {
                warn(format!("{}: birthDate {value:?} is not a date", e.id));
                push_property(e, key, value);
            }
        },
        "birthPlace" => push_unique(&mut e.birth_places, value.to_owned()),
        "nationality" => {
            if let Some(c) = country(value, "nationality", warn) {
                push_unique(&mut e.nationalities, c);
            }
        }
        "citizenship" => {
            if let Some(c) = country(value, "citizenship", warn) {
                push_unique(&mut e.citizenships, c);
            }
        }
        "country" | "jurisdiction" | "mainCountry" | "flag" => {
            if let Some(c) = country(value, key, warn) {
                push_unique(&mut e.countries, c);
            }
            if key == "flag" {
                push_property(e, key, value);
            }
        }
        "gender" => {
            e.gender = match value.to_ascii_lowercase().as_str() {
                "male" | "m" => Some(Gender::Male),
                "female" | "f" => Some(Gender::Female),
                "other" => Some(Gender::Other),
                _ => e.gender,
            }
        }
        "position" | "title" => push_unique(&mut e.titles, value.to_owned()),
        "passportNumber" => push_unique(&mut e.documents, document(DocumentKind::Passport, "")),
        "idNumber" => push_unique(&mut e.documents, document(DocumentKind::NationalId, "")),
        "taxNumber" | "innCode" => push_unique(&mut e.documents, document(DocumentKind::TaxId, "")),
        "imoNumber" => push_unique(&mut e.identifiers, identifier(IdentifierKind::Imo)),
        "mmsi" => push_unique(&mut e.identifiers, identifier(IdentifierKind::Mmsi)),
        "callSign" => push_unique(&mut e.identifiers, identifier(IdentifierKind::CallSign)),
        "leiCode" => push_unique(&mut e.identifiers, identifier(IdentifierKind::Lei)),
        "swiftBic" | "bicCode" => push_unique(&mut e.identifiers, identifier(IdentifierKind::Bic)),
        "registrationNumber" | "ogrnCode" | "vatCode" => {
            let kind = match e.schema {
                Schema::Aircraft => IdentifierKind::TailNumber,
                _ => IdentifierKind::Registration,
            };
            push_unique(&mut e.identifiers, identifier(kind));
        }
        "address" => push_unique(
            &mut e.addresses,
            Address {
                street: Some(value.to_owned()),
                ..Address::default()
            },
        ),
        "program" | "programId" => push_unique(&mut e.programs, value.to_owned()),
        "notes" | "summary" | "description" => {
            e.remarks = Some(match e.remarks.take() {
                Some(r) if !r.contains(value) => format!("{r}\n{value}"),
                Some(r) => r,
                None => value.to_owned(),
            })
        }
        "createdAt" => {
            if let Some(d) = iso_date(value) {
                e.listed_on = Some(e.listed_on.map_or(d, |l| l.min(d)));
            }
        }
        "modifiedAt" => {
            if let Some(d) = iso_date(value) {
                e.last_updated = e.last_updated.max(Some(d));
            }
        }
        _ => push_property(e, key, value),
    }
}
