//! OFAC SDN list, CSV edition: a folder with `sdn.csv` (one row per entry), `alt.csv`
//! (aliases), `add.csv` (addresses) and `sdn_comments.csv` (the end of remarks too long
//! for `sdn.csv`). Entity ids are `ofac-sdn:<ent_num>`.
//!
//! Facts OFAC packs into the remarks (dates and places of birth, documents, weak akas,
//! links, vessel and aircraft identifiers) are extracted in [`remarks`]; the whole remarks
//! text is kept as well.

mod dates;
mod remarks;
mod rows;

use crate::{ListError, ParsedList};
use rows::{ent_num, read_rows, Row};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use vigil_core::{
    lookup_country, Address, Country, Entity, Identifier, IdentifierKind, Name, NameKind, NamePart,
    NamePartKind, Schema,
};

/// The source name: entity ids are `ofac-sdn:<ent_num>`.
pub const SOURCE: &str = "ofac-sdn";

const SDN_COLUMNS: [&str; 12] = [
    "ent_num",
    "SDN_Name",
    "SDN_Type",
    "Program",
    "Title",
    "Call_Sign",
    "Vess_type",
    "Tonnage",
    "GRT",
    "Vess_flag",
    "Vess_owner",
    "Remarks",
];
const ALT_COLUMNS: [&str; 5] = ["ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks"];
const ADD_COLUMNS: [&str; 6] = [
    "ent_num",
    "add_num",
    "address",
    "city/state/postal code",
    "country",
    "add_remarks",
];
const COMMENT_COLUMNS: [&str; 2] = ["ent_num", "remarks (continued)"];

/// One file of the set: its bytes and the path to name in errors (an upload's file name
/// will do; nothing is read from it).
#[derive(Debug, Clone)]
pub struct OfacFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// The raw SDN CSV set. All four files are required ([`parse_files`] refuses a set with
/// one missing); they are `Option`s so a caller can hand over what it found.
#[derive(Debug, Clone)]
pub struct OfacFiles {
    pub sdn: OfacFile,
    pub alt: Option<OfacFile>,
    pub add: Option<OfacFile>,
    pub comments: Option<OfacFile>,
}

impl OfacFiles {
    /// Reads `sdn.csv`, `alt.csv`, `add.csv` and `sdn_comments.csv` from `dir` (file names
    /// matched case-insensitively).
    pub fn read_dir(dir: &Path) -> Result<OfacFiles, ListError> {
        let invalid = |message: String| ListError::Invalid {
            path: dir.to_owned(),
            message,
        };
        if !dir.is_dir() {
            return Err(invalid(format!(
                "not a folder: the OFAC SDN list is read from a folder holding sdn.csv, \
                 alt.csv, add.csv and sdn_comments.csv{}",
                wrong_source_hint(&[dir.to_owned()])
            )));
        }
        let entries = std::fs::read_dir(dir).map_err(|source| ListError::Io {
            path: dir.to_owned(),
            source,
        })?;
        let files: Vec<PathBuf> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
        let find = |name: &str| {
            files.iter().find(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.eq_ignore_ascii_case(name))
            })
        };
        let read = |name: &str| -> Result<Option<OfacFile>, ListError> {
            let Some(path) = find(name) else {
                return Ok(None);
            };
            let bytes = crate::read_file(path)?;
            Ok(Some(OfacFile {
                path: path.clone(),
                bytes,
            }))
        };
        let sdn = read("sdn.csv")?.ok_or_else(|| {
            invalid(format!(
                "no sdn.csv in this folder, so it is not an OFAC SDN list{}",
                wrong_source_hint(&files)
            ))
        })?;
        Ok(OfacFiles {
            sdn,
            alt: read("alt.csv")?,
            add: read("add.csv")?,
            comments: read("sdn_comments.csv")?,
        })
    }

    /// Every file present, in the fixed order the checksum uses.
    fn present(&self) -> impl Iterator<Item = &OfacFile> {
        std::iter::once(&self.sdn)
            .chain(self.alt.as_ref())
            .chain(self.add.as_ref())
            .chain(self.comments.as_ref())
    }
}

/// Points at the UN list when an XML file was given instead of the OFAC CSV set.
fn wrong_source_hint(paths: &[PathBuf]) -> String {
    let xml = paths
        .iter()
        .find(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml")));
    match xml {
        Some(p) => format!(
            " ({} is XML: is this the UN SC consolidated list? read it with the UN SC format)",
            p.display()
        ),
        None => String::new(),
    }
}

/// Parses the SDN CSV set in `dir`.
pub fn parse_dir(dir: &Path) -> Result<ParsedList, ListError> {
    parse_files(&OfacFiles::read_dir(dir)?)
}

/// Parses an SDN CSV set held in memory (e.g. an upload). All four files are required and
/// none may be empty: a set missing `alt.csv` would silently drop every alias.
pub fn parse_files(files: &OfacFiles) -> Result<ParsedList, ListError> {
    reject_non_csv(&files.sdn)?;
    let sdn_rows = read_rows(&files.sdn, SDN_COLUMNS.len(), &SDN_COLUMNS)?;
    let (alt, add, comments) = complete_set(files)?;
    let mut warnings = Vec::new();
    let continuations = read_continuations(comments)?;
    let mut entities = Vec::with_capacity(sdn_rows.len());
    let mut index: HashMap<u64, usize> = HashMap::with_capacity(sdn_rows.len());
    let mut lines: HashMap<u64, u64> = HashMap::with_capacity(sdn_rows.len());
    let mut unrecognised = 0;
    for row in &sdn_rows {
        let num = ent_num(&files.sdn, row)?;
        if let Some(first) = lines.insert(num, row.line) {
            return Err(ListError::Record {
                path: files.sdn.path.clone(),
                line: row.line,
                message: format!("ent_num {num} appears twice (first on line {first})"),
            });
        }
        let continuation = continuations.get(&num).map(|(_, text)| text.as_str());
        let (entity, skipped) = sdn_entity(&files.sdn, row, num, continuation, &mut warnings)?;
        unrecognised += skipped;
        index.insert(num, entities.len());
        entities.push(entity);
    }
    for (num, (line, _)) in &continuations {
        if !index.contains_key(num) {
            warnings.push(format!(
                "{} line {line}: ent_num {num} is not in sdn.csv; remarks ignored",
                comments.path.display()
            ));
        }
    }
    add_aliases(alt, &index, &mut entities, &mut warnings)?;
    add_addresses(add, &index, &mut entities, &mut warnings)?;
    resolve_links(&mut entities, &mut warnings);
    if unrecognised > 0 {
        warnings.push(format!(
            "{unrecognised} remark parts (titles, sanctions notes and the like) were not \
             turned into fields; they are kept in the remarks text"
        ));
    }
    let mut hasher = Sha256::new();
    for file in files.present() {
        hasher.update(&file.bytes);
    }
    Ok(ParsedList {
        source: SOURCE.to_owned(),
        entities,
        file_date: None,
        sha256: hex::encode(hasher.finalize()),
        warnings,
    })
}

/// `alt.csv`, `add.csv` and `sdn_comments.csv`, each present and holding at least one
/// record (a download cut short leaves a file empty or missing).
fn complete_set(files: &OfacFiles) -> Result<(&OfacFile, &OfacFile, &OfacFile), ListError> {
    if !has_content(&files.sdn.bytes) {
        return Err(ListError::Invalid {
            path: files.sdn.path.clone(),
            message: "the file is empty: an SDN list has at least one entry".to_owned(),
        });
    }
    let sdn = files.sdn.path.as_path();
    Ok((
        required(&files.alt, "alt.csv", sdn)?,
        required(&files.add, "add.csv", sdn)?,
        required(&files.comments, "sdn_comments.csv", sdn)?,
    ))
}

fn required<'a>(
    file: &'a Option<OfacFile>,
    name: &str,
    sdn: &Path,
) -> Result<&'a OfacFile, ListError> {
    let whole = "an OFAC SDN set (sdn.csv, alt.csv, add.csv, sdn_comments.csv) is imported \
                 whole or not at all";
    match file {
        Some(file) if has_content(&file.bytes) => Ok(file),
        Some(file) => Err(ListError::Invalid {
            path: file.path.clone(),
            message: format!("{name} is empty: {whole}"),
        }),
        None => Err(ListError::Invalid {
            path: sdn.with_file_name(name),
            message: format!("{name} is missing: {whole}"),
        }),
    }
}

/// True unless the file holds only whitespace and the DOS end-of-file byte.
fn has_content(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .any(|b| !(b.is_ascii_whitespace() || *b == 0x1a))
}

/// A clear error for the likeliest mix-ups: the UN XML (or some JSON) given as sdn.csv.
fn reject_non_csv(file: &OfacFile) -> Result<(), ListError> {
    let first = file.bytes.iter().find(|b| !b.is_ascii_whitespace());
    let what = match first {
        Some(b'<') => "XML (is this the UN SC list? read it with the UN SC format)",
        Some(b'{') | Some(b'[') => "JSON",
        _ => return Ok(()),
    };
    Err(ListError::Invalid {
        path: file.path.clone(),
        message: format!("this is {what}, not the OFAC SDN CSV"),
    })
}

/// `sdn_comments.csv`: ent_num → (line, text to append to that entry's remarks). OFAC
/// cuts the remarks mid-word, so the pieces are joined as they are, with no separator.
fn read_continuations(file: &OfacFile) -> Result<HashMap<u64, (u64, String)>, ListError> {
    let mut map: HashMap<u64, (u64, String)> = HashMap::new();
    for row in read_rows(file, COMMENT_COLUMNS.len(), &COMMENT_COLUMNS)? {
        let num = ent_num(file, &row)?;
        let text = row.raw(1).unwrap_or("");
        map.entry(num)
            .or_insert_with(|| (row.line, String::new()))
            .1
            .push_str(text);
    }
    Ok(map)
}

/// Builds the entity of one `sdn.csv` row; returns it with the number of remark parts
/// that were not recognised.
fn sdn_entity(
    file: &OfacFile,
    row: &Row,
    num: u64,
    continuation: Option<&str>,
    warnings: &mut Vec<String>,
) -> Result<(Entity, usize), ListError> {
    let record_error = |message: String| ListError::Record {
        path: file.path.clone(),
        line: row.line,
        message,
    };
    let name = row
        .get(1)
        .ok_or_else(|| record_error("field SDN_Name is empty".to_owned()))?;
    let schema = match row.get(2).map(str::to_ascii_lowercase).as_deref() {
        None => Schema::Organization,
        Some("individual") => Schema::Person,
        Some("vessel") => Schema::Vessel,
        Some("aircraft") => Schema::Aircraft,
        Some(other) => {
            return Err(record_error(format!(
                "field SDN_Type: unknown type {other:?}; expected individual, vessel, \
                 aircraft or -0- (an organisation)"
            )))
        }
    };
    let mut entity = Entity::new(SOURCE, &num.to_string(), schema, name);
    entity.names[0] = person_name(name, NameKind::Primary, schema);
    let place = format!("{} line {} ({})", file.path.display(), row.line, entity.id);
    if let Some(programs) = row.get(3) {
        entity.programs = programs
            .split("] [")
            .map(|p| p.trim_matches(|c: char| c == '[' || c == ']' || c.is_whitespace()))
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect();
    }
    if let Some(title) = row.get(4) {
        entity.titles.push(title.to_owned());
    }
    add_vessel_columns(&mut entity, row, &place, warnings);
    // OFAC names aircraft by their registration mark (`EP-GOM`), or `MSN 391` when the
    // mark is unknown: a mark is one word.
    if schema == Schema::Aircraft && !name.contains(char::is_whitespace) {
        entity.identifiers.push(Identifier {
            kind: IdentifierKind::TailNumber,
            value: name.to_owned(),
            note: None,
        });
    }
    let mut text = row.raw(11).unwrap_or("").to_owned();
    text.push_str(continuation.unwrap_or(""));
    let text = text.trim();
    let mut unrecognised = 0;
    if !text.is_empty() {
        unrecognised = remarks::apply(&mut entity, text, &place, warnings);
        entity.remarks = Some(text.to_owned());
    }
    Ok((entity, unrecognised))
}

/// Call_Sign, Vess_type, Tonnage, GRT, Vess_flag and Vess_owner.
fn add_vessel_columns(entity: &mut Entity, row: &Row, place: &str, warnings: &mut Vec<String>) {
    if let Some(call_sign) = row.get(5) {
        entity.identifiers.push(Identifier {
            kind: IdentifierKind::CallSign,
            value: call_sign.to_owned(),
            note: None,
        });
    }
    for (column, key) in [
        (6, "type"),
        (7, "tonnage"),
        (8, "grossRegisteredTonnage"),
        (10, "owner"),
    ] {
        if let Some(value) = row.get(column) {
            remarks::push_property(entity, key, value.to_owned());
        }
    }
    // "None Identified" records that OFAC found no flag, not a country.
    if let Some(flag) = row.get(9).filter(|f| *f != "None Identified") {
        remarks::push_property(entity, "flag", flag.to_owned());
        let country = country(flag, "vessel flag", place, warnings);
        entity.countries.push(country);
    }
}

/// `alt.csv`: aka → alias, fka → former name, nka (now known as) → alias.
fn add_aliases(
    file: &OfacFile,
    index: &HashMap<u64, usize>,
    entities: &mut [Entity],
    warnings: &mut Vec<String>,
) -> Result<(), ListError> {
    for row in read_rows(file, ALT_COLUMNS.len(), &ALT_COLUMNS)? {
        let num = ent_num(file, &row)?;
        let place = format!("{} line {}", file.path.display(), row.line);
        let Some(&i) = index.get(&num) else {
            warnings.push(format!(
                "{place}: ent_num {num} is not in sdn.csv; alias skipped"
            ));
            continue;
        };
        let Some(name) = row.get(3) else {
            warnings.push(format!("{place}: alt_name is empty; alias skipped"));
            continue;
        };
        let kind = match row.get(2).map(str::to_ascii_lowercase).as_deref() {
            Some("fka") => NameKind::Former,
            Some("aka") | Some("nka") | None => NameKind::Alias,
            Some(other) => {
                warnings.push(format!(
                    "{place}: unknown alt_type {other:?}, read as an aka"
                ));
                NameKind::Alias
            }
        };
        let entity = &mut entities[i];
        let name = person_name(name, kind, entity.schema);
        entity.add_name(name);
    }
    Ok(())
}

/// `add.csv`: OFAC gives street, one "city, state/province, postal code" column and country.
/// That column cannot be split reliably, so it is kept whole in `city`.
fn add_addresses(
    file: &OfacFile,
    index: &HashMap<u64, usize>,
    entities: &mut [Entity],
    warnings: &mut Vec<String>,
) -> Result<(), ListError> {
    for row in read_rows(file, ADD_COLUMNS.len(), &ADD_COLUMNS)? {
        let num = ent_num(file, &row)?;
        let place = format!("{} line {}", file.path.display(), row.line);
        let Some(&i) = index.get(&num) else {
            warnings.push(format!(
                "{place}: ent_num {num} is not in sdn.csv; address skipped"
            ));
            continue;
        };
        let owned = |column: usize| row.get(column).map(str::to_owned);
        let address = Address {
            street: owned(2),
            city: owned(3),
            region: None,
            postal_code: None,
            // OFAC writes "undetermined" when it does not know the country.
            country: row
                .get(4)
                .filter(|c| !c.eq_ignore_ascii_case("undetermined"))
                .map(|c| country(c, "address country", &place, warnings)),
            note: owned(5),
        };
        if address != Address::default() && !entities[i].addresses.contains(&address) {
            entities[i].addresses.push(address);
        }
    }
    Ok(())
}

/// Points each `Linked To:` at the entity with that primary name, falling back to aliases.
/// A name shared by several entries (OFAC lists some organisations once per country) is
/// left unresolved rather than guessed.
fn resolve_links(entities: &mut [Entity], warnings: &mut Vec<String>) {
    let mut primary: HashMap<String, Vec<usize>> = HashMap::new();
    let mut other: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, entity) in entities.iter().enumerate() {
        for name in &entity.names {
            let map = match name.kind {
                NameKind::Primary => &mut primary,
                _ => &mut other,
            };
            let ids = map.entry(link_key(&name.full)).or_default();
            if ids.last() != Some(&i) {
                ids.push(i);
            }
        }
    }
    let (mut unresolved, mut ambiguous) = (Vec::new(), 0usize);
    let ids: Vec<String> = entities.iter().map(|e| e.id.clone()).collect();
    for entity in entities.iter_mut() {
        for link in &mut entity.links {
            match find_link_target(&link.name, &primary, &other) {
                LinkMatch::One { index, dotted } => {
                    link.entity_id = Some(ids[index].clone());
                    if dotted {
                        link.name.push('.');
                    }
                }
                LinkMatch::Many => ambiguous += 1,
                LinkMatch::None => unresolved.push(link.name.clone()),
            }
        }
    }
    if !unresolved.is_empty() || ambiguous > 0 {
        unresolved.sort();
        unresolved.dedup();
        let examples: Vec<&str> = unresolved.iter().take(5).map(String::as_str).collect();
        warnings.push(format!(
            "{} \"Linked To\" names match no entry and {ambiguous} match several; they are \
             kept unresolved (e.g. {examples:?})",
            unresolved.len()
        ));
    }
}

enum LinkMatch {
    /// Exactly one entry has the name; `dotted` when it matched with a full stop added.
    One {
        index: usize,
        dotted: bool,
    },
    Many,
    None,
}

/// The last remark's full stop was dropped, which also drops the one ending a name like
/// `ACME S.A.`, so the name is tried with a full stop too.
fn find_link_target(
    name: &str,
    primary: &HashMap<String, Vec<usize>>,
    other: &HashMap<String, Vec<usize>>,
) -> LinkMatch {
    let key = link_key(name);
    let keys = [(key.clone(), false), (format!("{key}."), true)];
    for map in [primary, other] {
        for (key, dotted) in &keys {
            match map.get(key).map(Vec::as_slice) {
                Some([index]) => {
                    return LinkMatch::One {
                        index: *index,
                        dotted: *dotted,
                    }
                }
                Some([_, _, ..]) => return LinkMatch::Many,
                _ => {}
            }
        }
    }
    LinkMatch::None
}

fn link_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

/// A name as written; a person's `LAST, First Middle` also gets its last and given parts
/// (the matcher handles word order, so no reordered variant is added).
fn person_name(full: &str, kind: NameKind, schema: Schema) -> Name {
    let mut name = Name::new(full, kind);
    if schema == Schema::Person {
        if let Some((last, given)) = full.split_once(',') {
            let (last, given) = (last.trim(), given.trim());
            if !last.is_empty() && !given.is_empty() {
                name.parts = vec![
                    NamePart {
                        kind: NamePartKind::Last,
                        value: last.to_owned(),
                    },
                    NamePart {
                        kind: NamePartKind::Given,
                        value: given.to_owned(),
                    },
                ];
            }
        }
    }
    name
}

/// A country from OFAC's text; unknown text is kept and warned about.
fn country(text: &str, what: &str, place: &str, warnings: &mut Vec<String>) -> Country {
    let mut country = Country::parse(text);
    if !country.is_known() {
        // "possibly Palestinian", "Cabo Verde.  Previously Cape Verde.": the country is
        // in the first words (OFAC ends a sentence with two spaces; one would cut
        // "St. Kitts"); the text is kept whole.
        let core = text.strip_prefix("possibly ").unwrap_or(text);
        let core = core.split(".  ").next().unwrap_or(core);
        country.code = lookup_country(core).map(str::to_owned);
    }
    if !country.is_known() {
        warnings.push(format!("{place}: unknown country {text:?} in {what}"));
    }
    country
}
