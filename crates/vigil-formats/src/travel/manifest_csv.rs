//! CSV passenger manifests, for carriers and operators without PAXLST.
//!
//! The first row is a header; columns are matched by name (case and spaces ignored), in any
//! order, and unknown columns are ignored:
//!
//! | column | meaning |
//! |---|---|
//! | `name` | full name, "GIVEN SURNAME" or "SURNAME, GIVEN" |
//! | `surname`, `given_names` | instead of `name` |
//! | `birth_date` | `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`, `YYMMDD`, `YYYYMMDD`) |
//! | `nationality` | ISO alpha-3 or alpha-2 code, or a country name |
//! | `document_number` | passport or identity card number |
//! | `document_type` | `P`, `I`, `V`, ... (optional) |
//! | `document_country` | issuing country (optional) |
//! | `document_expiry` | as `birth_date` (optional) |
//! | `role` | `passenger` (default) or `crew`; `transit` / `crew_transit` for travellers in transit |
//! | `gender` | `M`, `F`, `X` or `U` |
//!
//! A row that cannot be fully read is kept with what could be read and reported as an error
//! naming its line; a row with neither a name nor a document number is only reported.

use super::dates::{self, Century, Day};
use super::issue::Issue;
use super::traveller::{travel_country, Role, TravelDocument, Traveller};
use vigil_core::PartialDate;

/// Travellers read from a CSV manifest, and the problems found in its rows.
#[derive(Debug, Clone)]
pub struct CsvManifest {
    pub travellers: Vec<Traveller>,
    pub issues: Vec<Issue>,
}

const COLUMNS: &[(&str, &[&str])] = &[
    ("name", &["name", "full_name", "fullname"]),
    ("surname", &["surname", "last_name", "family_name"]),
    (
        "given_names",
        &["given_names", "given_name", "first_name", "given"],
    ),
    ("birth_date", &["birth_date", "date_of_birth", "dob"]),
    ("nationality", &["nationality"]),
    (
        "document_number",
        &["document_number", "passport_number", "document"],
    ),
    ("document_type", &["document_type"]),
    ("document_country", &["document_country", "issuing_country"]),
    ("document_expiry", &["document_expiry", "expiry_date"]),
    ("role", &["role"]),
    ("gender", &["gender", "sex"]),
];

/// Reads a CSV manifest (UTF-8, a byte-order mark allowed; other bytes read as Latin-1).
pub fn parse(bytes: &[u8], reference: Day) -> Result<CsvManifest, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    vigil_core::limits::check_csv(bytes)
        .map_err(|f| format!("CSV line {}: {}", f.line, f.message))?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let header = reader
        .byte_headers()
        .map_err(|e| format!("CSV header: {e}"))?
        .clone();
    let positions: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|(_, names)| {
            header.iter().position(|h| {
                let h = decode(h).to_ascii_lowercase().replace([' ', '-'], "_");
                names.contains(&h.as_str())
            })
        })
        .collect();
    let col = |key: &str| {
        COLUMNS
            .iter()
            .position(|(k, _)| *k == key)
            .and_then(|i| positions[i])
    };
    if col("name").is_none() && col("surname").is_none() {
        return Err(format!(
            "CSV header {:?} has no `name` column (nor `surname` and `given_names`): expected name,birth_date,nationality,document_number,role,gender",
            header.iter().map(decode).collect::<Vec<_>>().join(",")
        ));
    }
    let mut out = CsvManifest {
        travellers: Vec::new(),
        issues: Vec::new(),
    };
    for record in reader.byte_records() {
        let record = record.map_err(|e| format!("CSV: {e}"))?;
        let line = record.position().map(|p| p.line() as usize);
        let field = |key: &str| {
            col(key)
                .and_then(|i| record.get(i))
                .map(decode)
                .unwrap_or_default()
        };
        if record.iter().all(|f| f.is_empty()) {
            continue;
        }
        let mut errors = Vec::new();
        let t = read_row(&field, reference, line, &mut errors);
        let keep = t.name().chars().any(char::is_alphanumeric) || !t.documents.is_empty();
        if !keep {
            errors.push("no name and no document number: cannot be screened".to_owned());
        }
        out.issues.extend(errors.into_iter().map(|e| {
            let who = if keep {
                format!("traveller {:?}: ", t.name())
            } else {
                String::new()
            };
            Issue::error(None, line, format!("{who}{e}"))
        }));
        if keep {
            out.travellers.push(t);
        }
    }
    Ok(out)
}

fn read_row(
    field: &dyn Fn(&str) -> String,
    reference: Day,
    line: Option<usize>,
    errors: &mut Vec<String>,
) -> Traveller {
    let (role, in_transit) = match field("role").to_ascii_lowercase().as_str() {
        "" | "passenger" | "pax" | "p" | "fl" => (Role::Passenger, false),
        "crew" | "c" | "fm" => (Role::Crew, false),
        "transit" | "ddu" => (Role::Passenger, true),
        "crew_transit" | "ddt" => (Role::Crew, true),
        other => {
            errors.push(format!("role {other:?} is not passenger, crew, transit or crew_transit; screened as a passenger"));
            (Role::Passenger, false)
        }
    };
    let mut t = Traveller::new(role);
    t.in_transit = in_transit;
    t.line = line;
    let name = field("name");
    match name.split_once(',') {
        Some((surname, given)) => {
            t.surname = surname.trim().to_owned();
            t.given_names = given.trim().to_owned();
        }
        None if !name.is_empty() => t.given_names = name,
        None => {
            t.surname = field("surname");
            t.given_names = field("given_names");
        }
    }
    t.gender = Some(field("gender").to_ascii_uppercase()).filter(|g| !g.is_empty());
    t.birth_date = date(
        &field("birth_date"),
        "birth_date",
        Century::Past,
        reference,
        errors,
    );
    let nationality = field("nationality");
    t.nationality = travel_country(&nationality);
    if t.nationality.as_ref().is_some_and(|c| c.code.is_none()) {
        errors.push(format!(
            "nationality {nationality:?} is not a known country code or name"
        ));
    }
    let number = field("document_number");
    if !number.is_empty() {
        t.documents.push(TravelDocument {
            kind: field("document_type"),
            number,
            expires: date(
                &field("document_expiry"),
                "document_expiry",
                Century::Expiry,
                reference,
                errors,
            ),
            issuing_country: travel_country(&field("document_country")),
        });
    }
    t
}

fn date(
    value: &str,
    column: &str,
    century: Century,
    reference: Day,
    errors: &mut Vec<String>,
) -> Option<PartialDate> {
    if value.is_empty() {
        return None;
    }
    let parsed = if value.contains('-') || value.len() == 4 {
        value.parse::<PartialDate>().map_err(|e| e.to_string())
    } else {
        dates::parse_dtm(value, "", century, reference).map(|d| d.date)
    };
    match parsed {
        Ok(d) => Some(d),
        Err(e) => {
            errors.push(format!("{column}: {e}"));
            None
        }
    }
}

fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.trim().to_owned(),
        // Spreadsheets still export Windows-1252/Latin-1; read it rather than refuse.
        Err(_) => bytes
            .iter()
            .map(|&b| b as char)
            .collect::<String>()
            .trim()
            .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Day = (2026, 3, 1);

    #[test]
    fn reads_rows_and_reports_bad_ones() {
        let csv = "name,birth_date,nationality,document_number,role,gender\n\
                   Anna Maria Eriksson,1974-08-12,SWE,L898902C3,passenger,F\n\
                   \"Doe, John\",1999-02-30,GBR,,crew,M\n\
                   ,,,,,\n\
                   ,1980-01-01,FRA,,,\n";
        let m = parse(csv.as_bytes(), TODAY).unwrap();
        assert_eq!(m.travellers.len(), 2);
        assert_eq!(m.travellers[0].query().name, "Anna Maria Eriksson");
        assert_eq!(m.travellers[0].query().nationalities, vec!["SE".to_owned()]);
        assert_eq!(m.travellers[1].name(), "John Doe");
        assert_eq!(m.travellers[1].role, Role::Crew);
        assert_eq!(m.issues.len(), 2);
        assert_eq!(m.issues[0].line, Some(3));
        assert!(
            m.issues[0].message.contains("birth_date"),
            "{}",
            m.issues[0]
        );
        assert_eq!(m.issues[1].line, Some(5));
    }

    #[test]
    fn surname_columns_and_missing_name_column() {
        let csv = "Surname,Given Names,DOB\nERIKSSON,ANNA MARIA,740812\n";
        let m = parse(csv.as_bytes(), TODAY).unwrap();
        assert_eq!(m.travellers[0].name(), "ANNA MARIA ERIKSSON");
        assert_eq!(
            m.travellers[0].birth_date.unwrap().to_string(),
            "1974-08-12"
        );
        assert!(parse(b"passport,dob\nX,1970\n", TODAY)
            .unwrap_err()
            .contains("no `name` column"));
    }
}
