//! Vigil's simple CSV list format, for lists kept by hand or exported from other systems.
//!
//! UTF-8 (a byte-order mark is allowed), comma-separated, fields quoted as usual for CSV
//! when they hold commas, quotes or line breaks. The first line is a header naming the
//! columns, in any order:
//!
//! | column | required | content |
//! |---|---|---|
//! | `id` | yes | the list's own id; the entity id becomes `<source>:<id>`; unique |
//! | `schema` | yes | `person`, `organization` (also `company`, `entity`), `vessel`, `aircraft` |
//! | `name` | yes | the primary name |
//! | `aliases` | no | strong a.k.a.s, separated by `;` |
//! | `weak_aliases` | no | weak (low-quality) a.k.a.s, separated by `;` |
//! | `birth_date` | no | `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, several separated by `;` |
//! | `birth_place` | no | free text |
//! | `nationality` | no | country codes (`PK`, `PAK`) or names, separated by `;` |
//! | `id_number` | no | passport or identity numbers, separated by `;` |
//! | `gender` | no | `male`, `female`, `other` (or `m`, `f`), or empty |
//! | `program` | no | sanctions programmes, separated by `;` |
//! | `listed_on` | no | `YYYY`, `YYYY-MM` or `YYYY-MM-DD` |
//! | `remarks` | no | free text |
//! | `address` | no | free text |
//!
//! Unknown columns are an error (so a typo such as `nationalty` is caught rather than
//! silently dropped), as is a row with a bad value: the message names the file, the line,
//! and the column. Unknown country names are kept as text with a warning.

use crate::fields::{country, iso_date, push_unique};
use crate::{ListError, ParsedList};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;
use vigil_core::{
    Address, DateSpec, Document, DocumentKind, Entity, Gender, Name, NameKind, PartialDate, Schema,
};

/// Every column the format knows, in the order the documentation lists them.
pub const COLUMNS: [&str; 14] = [
    "id",
    "schema",
    "name",
    "aliases",
    "weak_aliases",
    "birth_date",
    "birth_place",
    "nationality",
    "id_number",
    "gender",
    "program",
    "listed_on",
    "remarks",
    "address",
];

const REQUIRED: [&str; 3] = ["id", "schema", "name"];

/// Reads a Vigil CSV list; entity ids are `<source>:<id>`.
pub fn parse(source: &str, path: &Path) -> Result<ParsedList, ListError> {
    let bytes = crate::read_file(path)?;
    parse_bytes(source, path, &bytes)
}

/// Reads a Vigil CSV list held in memory; `path` names it in messages.
pub fn parse_bytes(source: &str, path: &Path, bytes: &[u8]) -> Result<ParsedList, ListError> {
    let invalid = |message: String| ListError::Invalid {
        path: path.to_owned(),
        message,
    };
    let record_error = |line: u64, message: String| ListError::Record {
        path: path.to_owned(),
        line,
        message,
    };
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(invalid("empty file".into()));
    }
    vigil_core::limits::check_csv(body).map_err(|fault| record_error(fault.line, fault.message))?;
    let mut reader = csv::ReaderBuilder::new().from_reader(body);
    let header = reader
        .headers()
        .map_err(|e| record_error(1, csv_message(&e)))?
        .clone();
    let columns = columns(&header).map_err(invalid)?;

    let mut entities: Vec<Entity> = Vec::new();
    let mut lines_by_id: HashMap<String, u64> = HashMap::new();
    let mut warnings = Vec::new();
    let mut row = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(record_error(line, csv_message(&e)));
            }
        }
        let line = row.position().map_or(0, |p| p.line());
        let cells = Cells {
            row: &row,
            columns: &columns,
        };
        let mut warn = |w: String| warnings.push(format!("line {line}: {w}"));
        let entity = entity(source, &cells, &mut warn).map_err(|(column, message)| {
            record_error(line, cell_message(&columns, column, message))
        })?;
        if let Some(first) = lines_by_id.insert(entity.id.clone(), line) {
            let message = format!("id {:?} is already used on line {first}", cells.get("id"));
            return Err(record_error(line, cell_message(&columns, "id", message)));
        }
        entities.push(entity);
    }
    if entities.is_empty() {
        return Err(invalid("no rows after the header".into()));
    }
    Ok(ParsedList {
        source: source.to_owned(),
        entities,
        file_date: None,
        sha256: hex::encode(Sha256::digest(bytes)),
        warnings,
    })
}

/// Column name → position, checking the header against the format.
fn columns(header: &csv::StringRecord) -> Result<HashMap<&'static str, usize>, String> {
    let mut found = HashMap::new();
    let mut unknown = Vec::new();
    for (i, name) in header.iter().enumerate() {
        let name = name.trim();
        match COLUMNS.iter().find(|c| **c == name) {
            Some(&known) => {
                if found.insert(known, i).is_some() {
                    return Err(format!("header names column {known:?} twice"));
                }
            }
            None => unknown.push(format!("{name:?}")),
        }
    }
    if !unknown.is_empty() {
        return Err(format!(
            "header has unknown column(s) {}; the columns are: {}",
            unknown.join(", "),
            COLUMNS.join(", ")
        ));
    }
    let missing: Vec<_> = REQUIRED
        .iter()
        .filter(|c| !found.contains_key(*c))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "header lacks required column(s) {missing:?} (first line must be a header \
             such as \"id,schema,name,aliases\")"
        ));
    }
    Ok(found)
}

fn cell_message(columns: &HashMap<&str, usize>, column: &str, message: String) -> String {
    match columns.get(column) {
        Some(i) => format!("column {} ({column}): {message}", i + 1),
        None => message,
    }
}

fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("row has {len} fields but the header has {expected_len}"),
        csv::ErrorKind::Utf8 { err, .. } => format!("field {} is not UTF-8 text", err.field() + 1),
        _ => e.to_string(),
    }
}

struct Cells<'a> {
    row: &'a csv::StringRecord,
    columns: &'a HashMap<&'static str, usize>,
}

impl Cells<'_> {
    fn get(&self, column: &str) -> &str {
        self.columns
            .get(column)
            .and_then(|&i| self.row.get(i))
            .unwrap_or("")
            .trim()
    }

    /// The `;`-separated values of a cell, trimmed, blanks dropped.
    fn list(&self, column: &str) -> impl Iterator<Item = &str> {
        self.get(column)
            .split(';')
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }
}

type CellError = (&'static str, String);

fn entity(source: &str, cells: &Cells, warn: &mut dyn FnMut(String)) -> Result<Entity, CellError> {
    let id = cells.get("id");
    if id.is_empty() {
        return Err(("id", "empty id".into()));
    }
    let schema: Schema = cells.get("schema").parse().map_err(|e| ("schema", e))?;
    let name = cells.get("name");
    if name.is_empty() {
        return Err(("name", "empty name".into()));
    }
    let mut e = Entity::new(source, id, schema, name);
    for alias in cells.list("aliases") {
        e.add_name(Name::new(alias, NameKind::Alias));
    }
    for alias in cells.list("weak_aliases") {
        e.add_name(Name::new(alias, NameKind::Weak));
    }
    for text in cells.list("birth_date") {
        let date = date(text).map_err(|m| ("birth_date", m))?;
        push_unique(&mut e.birth_dates, DateSpec::On { date });
    }
    let place = cells.get("birth_place");
    if !place.is_empty() {
        e.birth_places.push(place.to_owned());
    }
    for text in cells.list("nationality") {
        if let Some(c) = country(text, "nationality", warn) {
            push_unique(&mut e.nationalities, c);
        }
    }
    for number in cells.list("id_number") {
        let document = Document {
            kind: DocumentKind::Other,
            type_text: String::new(),
            number: number.to_owned(),
            country: None,
            issued: None,
            expires: None,
            note: None,
        };
        push_unique(&mut e.documents, document);
    }
    e.gender = match cells.get("gender").to_ascii_lowercase().as_str() {
        "" => None,
        "male" | "m" => Some(Gender::Male),
        "female" | "f" => Some(Gender::Female),
        "other" => Some(Gender::Other),
        other => {
            return Err((
                "gender",
                format!("{other:?}: expected male, female or other"),
            ))
        }
    };
    for program in cells.list("program") {
        push_unique(&mut e.programs, program.to_owned());
    }
    let listed_on = cells.get("listed_on");
    if !listed_on.is_empty() {
        e.listed_on = Some(date(listed_on).map_err(|m| ("listed_on", m))?);
    }
    let remarks = cells.get("remarks");
    if !remarks.is_empty() {
        e.remarks = Some(remarks.to_owned());
    }
    let address = cells.get("address");
    if !address.is_empty() {
        e.addresses.push(Address {
            street: Some(address.to_owned()),
            ..Address::default()
        });
    }
    Ok(e)
}

/// Strict dates: the format promises `YYYY[-MM[-DD]]`, so timestamps are not accepted.
fn date(text: &str) -> Result<PartialDate, String> {
    match text.parse::<PartialDate>() {
        Ok(date) => Ok(date),
        Err(e) if iso_date(text).is_some() => Err(format!("{e}; write only the date part")),
        Err(e) => Err(e.to_string()),
    }
}
