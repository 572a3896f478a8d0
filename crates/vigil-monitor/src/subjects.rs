//! Subject sets: parsing (CSV or JSON), validation, storing and the first screening.
//!
//! CSV columns (header required, any order, names case-insensitive):
//! `id,name,schema,birth_date,nationality,id_number`; `id` and `name` are required.

use crate::rescreen::{load_lists, screen_and_raise, MonitorOptions};
use crate::MonitorError;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::HashMap;
use std::io::Read;
use vigil_core::{Query, QueryError};
use vigil_match::MatchIndex;
use vigil_store::{Alert, AuditRecord, Store, SubjectFields};

/// One subject as a caller gives it (a CSV row or a JSON object).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubjectInput {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub schema: Option<String>,
    #[serde(default)]
    pub birth_date: Option<String>,
    #[serde(default)]
    pub nationality: Option<String>,
    #[serde(default)]
    pub id_number: Option<String>,
}

const COLUMNS: [&str; 6] = [
    "id",
    "name",
    "schema",
    "birth_date",
    "nationality",
    "id_number",
];

/// Longest subject id or set name accepted: ids are keys, not documents.
const MAX_ID_BYTES: usize = 200;

/// What a subjects import did.
#[derive(Debug, Clone, Serialize)]
pub struct SubjectsReport {
    pub set: String,
    pub imported: usize,
    /// Alerts raised by screening the imported subjects.
    pub new_alerts: Vec<Alert>,
}

/// Checks one subject: `Query::from_fields` validates the screening fields; the id must be
/// present. Returns the field at fault and why.
pub fn validate(input: &SubjectInput) -> Result<SubjectFields, (&'static str, String)> {
    let id = input.id.trim();
    if id.is_empty() {
        return Err(("id", "is empty".into()));
    }
    if id.len() > MAX_ID_BYTES {
        return Err(("id", format!("is longer than {MAX_ID_BYTES} bytes")));
    }
    Query::from_fields(
        &input.name,
        input.schema.as_deref(),
        input.birth_date.as_deref(),
        input.nationality.as_deref(),
        input.id_number.as_deref(),
    )
    .map_err(|e| match e {
        QueryError::Field { field, message } => (field, message),
        other => ("name", other.to_string()),
    })?;
    let given = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    Ok(SubjectFields {
        id: id.to_owned(),
        name: input.name.trim().to_owned(),
        schema: given(&input.schema),
        birth_date: given(&input.birth_date),
        nationality: given(&input.nationality),
        id_number: given(&input.id_number),
    })
}

/// Validates every subject, naming each by `location(i)` (e.g. `[3]` or `line 5`), and
/// refuses an id given twice. All or nothing: the first bad subject is the error.
pub fn validate_all(
    inputs: &[SubjectInput],
    location: impl Fn(usize) -> String,
) -> Result<Vec<SubjectFields>, MonitorError> {
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(inputs.len());
    let mut out = Vec::with_capacity(inputs.len());
    for (i, input) in inputs.iter().enumerate() {
        let fields = validate(input).map_err(|(field, message)| MonitorError::Subject {
            location: location(i),
            message: format!("field `{field}`: {message}"),
        })?;
        if let Some(first) = seen.insert(input.id.trim(), i) {
            return Err(MonitorError::Subject {
                location: location(i),
                message: format!(
                    "field `id`: {:?} is given twice (first at {})",
                    input.id.trim(),
                    location(first)
                ),
            });
        }
        out.push(fields);
    }
    Ok(out)
}

/// Reads and validates a subjects CSV; errors name `origin` and the line.
pub fn parse_csv(reader: impl Read, origin: &str) -> Result<Vec<SubjectFields>, MonitorError> {
    let at = |line: u64, message: String| MonitorError::Subject {
        location: format!("{origin}: line {line}"),
        message,
    };
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(reader);
    let header = csv.headers().map_err(|e| at(1, e.to_string()))?.clone();
    let mut column = [None; 6];
    for (i, name) in header.iter().enumerate() {
        let name = name
            .trim()
            .trim_start_matches('\u{feff}')
            .to_ascii_lowercase();
        match COLUMNS.iter().position(|c| *c == name) {
            Some(c) if column[c].is_none() => column[c] = Some(i),
            Some(_) => return Err(at(1, format!("column {name:?} appears twice"))),
            None => {
                return Err(at(
                    1,
                    format!("unknown column {name:?}: expected {}", COLUMNS.join(",")),
                ))
            }
        }
    }
    for required in [0, 1] {
        if column[required].is_none() {
            return Err(at(
                1,
                format!("the header has no {:?} column", COLUMNS[required]),
            ));
        }
    }
    let mut inputs = Vec::new();
    let mut lines = Vec::new();
    for record in csv.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            at(line, e.to_string())
        })?;
        let get = |c: usize| column[c].and_then(|i| record.get(i)).map(str::to_owned);
        inputs.push(SubjectInput {
            id: get(0).unwrap_or_default(),
            name: get(1).unwrap_or_default(),
            schema: get(2),
            birth_date: get(3),
            nationality: get(4),
            id_number: get(5),
        });
        lines.push(record.position().map_or(0, |p| p.line()));
    }
    if inputs.is_empty() {
        return Err(at(1, "no subjects below the header".into()));
    }
    validate_all(&inputs, |i| format!("{origin}: line {}", lines[i]))
}

/// Checks a set name: it is part of every subject's key.
pub fn validate_set(set: &str) -> Result<(), MonitorError> {
    let ok = !set.trim().is_empty()
        && set.len() <= MAX_ID_BYTES
        && set
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(MonitorError::Invalid(format!(
            "set {set:?}: give a name of letters, digits, '-', '_' or '.'"
        )))
    }
}

/// Stores validated subjects into `set` (same set and id: updated) in one transaction, then
/// screens them against the current lists (`lists`, or the store's lists loaded now) and
/// raises alerts for new hits. Audited as `subjects_import` by `actor`.
pub fn import_subjects(
    store: &mut Store,
    set: &str,
    subjects: &[SubjectFields],
    lists: Option<&MatchIndex>,
    options: &MonitorOptions,
    actor: &str,
) -> Result<SubjectsReport, MonitorError> {
    validate_set(set)?;
    if subjects.is_empty() {
        return Err(MonitorError::Invalid("no subjects to import".into()));
    }
    let rows = store.upsert_subjects(set, subjects)?;
    let stored = store.subjects_by_rows(&rows)?;
    let owned;
    let lists = match lists {
        Some(lists) => lists,
        None => {
            owned = load_lists(store)?;
            &owned
        }
    };
    let new_alerts = screen_and_raise(store, lists, &stored, options)?;
    let report = SubjectsReport {
        set: set.to_owned(),
        imported: rows.len(),
        new_alerts,
    };
    store.append_audit(&[AuditRecord {
        at: chrono::Utc::now(),
        actor: actor.to_owned(),
        action: "subjects_import".into(),
        request: json!({ "set": set, "subjects": subjects.len() }),
        response: json!({
            "imported": report.imported,
            "new_alerts": report.new_alerts.iter().map(|a| a.id).collect::<Vec<_>>(),
        }),
        list_versions: serde_json::to_value(store.lists()?).unwrap_or_default(),
    }])?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<SubjectFields>, MonitorError> {
        parse_csv(text.as_bytes(), "customers.csv")
    }

    #[test]
    fn reads_columns_in_any_order() {
        let got = parse("name,id,nationality\nJohn Smith,c1,GB\n\"Doe, Jane\",c2,\n").unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].nationality.as_deref(), Some("GB"));
        assert_eq!(got[1].name, "Doe, Jane");
        assert_eq!(got[1].nationality, None);
    }

    #[test]
    fn bad_rows_name_line_and_field() {
        let e = parse("id,name,birth_date\nc1,A B,1970\nc2,C D,19-70\n").unwrap_err();
        let text = e.to_string();
        assert!(
            text.starts_with("customers.csv: line 3: field `birth_date`"),
            "{text}"
        );
        let e = parse("id,name\nc1,A\nc1,B\n").unwrap_err().to_string();
        assert!(
            e.contains("line 3") && e.contains("given twice") && e.contains("line 2"),
            "{e}"
        );
        let e = parse("id,name,colour\n").unwrap_err().to_string();
        assert!(e.contains("line 1") && e.contains("colour"), "{e}");
        let e = parse("id,schema\nc1,person\n").unwrap_err().to_string();
        assert!(e.contains("no \"name\" column"), "{e}");
        let e = parse("id,name\nc1,A,extra\n").unwrap_err().to_string();
        assert!(e.contains("line 2"), "{e}");
        let e = parse("id,name,nationality\nc1,A,Atlantis\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2: field `nationality`"), "{e}");
        let e = parse("id,name\n,A\n").unwrap_err().to_string();
        assert!(e.contains("line 2: field `id`"), "{e}");
    }

    #[test]
    fn set_names_are_checked() {
        assert!(validate_set("retail-2026_a.b").is_ok());
        assert!(validate_set("").is_err());
        assert!(validate_set("a b").is_err());
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_csv_never_panics(text in "\\PC{0,200}") {
            let _ = parse(&text);
        }

        #[test]
        fn valid_rows_round_trip(names in proptest::collection::vec("[A-Za-z]{1,10} [A-Za-z]{1,10}", 1..20)) {
            let mut text = String::from("id,name\n");
            for (i, n) in names.iter().enumerate() {
                text.push_str(&format!("s{i},{n}\n"));
            }
            let got = parse(&text).unwrap();
            proptest::prop_assert_eq!(got.len(), names.len());
            for (g, n) in got.iter().zip(&names) {
                proptest::prop_assert_eq!(&g.name, n);
            }
        }
    }
}
