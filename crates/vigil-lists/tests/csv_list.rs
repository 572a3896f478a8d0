//! Vigil's CSV list format: the documented columns, and strict errors.

use std::path::{Path, PathBuf};
use vigil_core::{DateSpec, Gender, NameKind, Schema};
use vigil_lists::{csv_list, ListError};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/csv")
        .join(name)
}

fn parse_text(text: &str) -> Result<vigil_lists::ParsedList, ListError> {
    csv_list::parse_bytes("partner-a", Path::new("list.csv"), text.as_bytes())
}

#[test]
fn reads_every_column() {
    let list = csv_list::parse("partner-a", &fixture("list.csv")).unwrap();
    assert_eq!(list.entities.len(), 3);
    let a = &list.entities[0];
    assert_eq!(a.id, "partner-a:A-1");
    assert_eq!(a.schema, Schema::Person);
    let names: Vec<_> = a.names.iter().map(|n| (n.full.as_str(), n.kind)).collect();
    assert_eq!(
        names,
        [
            ("Hafiz Muhammad Saeed", NameKind::Primary),
            ("Hafiz Saeed", NameKind::Alias),
            ("Hafez Mohammad Saeed", NameKind::Alias),
            ("Hafiz Ji", NameKind::Weak)
        ]
    );
    assert_eq!(
        a.birth_dates,
        [
            DateSpec::on("1950-06-05".parse().unwrap()),
            DateSpec::on("1950".parse().unwrap())
        ]
    );
    assert_eq!(a.birth_places, ["Sargodha, Punjab, Pakistan"]);
    // "PK" and "Pakistani" are the same country, kept as written.
    let codes: Vec<_> = a.nationalities.iter().map(|c| c.code.as_deref()).collect();
    assert_eq!(codes, [Some("PK"), Some("PK")]);
    assert_eq!(a.documents[0].number, "3520025509842-7");
    assert_eq!(a.gender, Some(Gender::Male));
    assert_eq!(a.programs, ["TERROR"]);
    assert_eq!(a.listed_on, "2008-12-10".parse().ok());
    assert_eq!(a.remarks.as_deref(), Some("Leader, \"quoted\" remark"));
    assert_eq!(a.addresses[0].street.as_deref(), Some("Lahore"));
    let b = &list.entities[1];
    assert_eq!(b.programs, ["TERROR", "CT"]);
    assert_eq!(b.nationalities[0].code.as_deref(), Some("PK"));
    assert_eq!(list.entities[2].schema, Schema::Vessel);
    assert_eq!(list.warnings.len(), 1, "{:?}", list.warnings);
    assert!(list.warnings[0].contains("\"Atlantis\" is not a known country"));
}

#[test]
fn minimal_columns_and_byte_order_mark() {
    let list = csv_list::parse("partner-b", &fixture("minimal-with-bom.csv")).unwrap();
    assert_eq!(list.entities[0].id, "partner-b:Z-9");
    assert_eq!(list.entities[0].schema, Schema::Organization);
}

#[test]
fn unknown_and_missing_columns_are_named() {
    let err = parse_text("id,schema,name,nationalty\n1,person,A,PK\n").unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, ListError::Invalid { .. }));
    assert!(text.contains("unknown column(s) \"nationalty\""), "{text}");
    let err = parse_text("id,name\n1,A\n").unwrap_err();
    assert!(err.to_string().contains("\"schema\""), "{err}");
    let err = parse_text("id,schema,name,name\n1,person,A,B\n").unwrap_err();
    assert!(err.to_string().contains("twice"), "{err}");
}

#[test]
fn bad_cells_name_line_and_column() {
    let err = parse_text("id,schema,name,birth_date\n1,person,A,1950\n2,person,B,05/06/1950\n")
        .unwrap_err();
    match &err {
        ListError::Record {
            path,
            line,
            message,
        } => {
            assert_eq!(path, Path::new("list.csv"));
            assert_eq!(*line, 3);
            assert!(message.starts_with("column 4 (birth_date):"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let err = parse_text("id,schema,name\n1,ship,A\n").unwrap_err();
    assert!(err.to_string().contains("column 2 (schema)"), "{err}");
    let err = parse_text("id,schema,name\n1,person,\n").unwrap_err();
    assert!(
        err.to_string().contains("column 3 (name): empty name"),
        "{err}"
    );
    let err = parse_text("id,schema,name,gender\n1,person,A,x\n").unwrap_err();
    assert!(err.to_string().contains("gender"), "{err}");
    let err = parse_text("id,schema,name\n1,person,A\n1,person,B\n").unwrap_err();
    assert!(err.to_string().contains("already used on line 2"), "{err}");
    let err = parse_text("id,schema,name\n1,person,A,extra\n").unwrap_err();
    assert!(err.to_string().contains("line 2"), "{err}");
    assert!(err.to_string().contains("3"), "{err}");
}

#[test]
fn empty_inputs_are_invalid() {
    assert!(parse_text("")
        .unwrap_err()
        .to_string()
        .contains("empty file"));
    let err = parse_text("id,schema,name\n").unwrap_err();
    assert!(err.to_string().contains("no rows"), "{err}");
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = csv_list::parse_bytes("s", Path::new("fuzz.csv"), &bytes);
        }

        #[test]
        fn on_arbitrary_cells(cells in proptest::collection::vec("[^\\n\"]{0,12}", 11)) {
            let text = format!(
                "id,schema,name,aliases,birth_date,nationality,id_number,gender,program,listed_on,remarks\n\"{}\"\n",
                cells.join("\",\"")
            );
            let _ = csv_list::parse_bytes("s", Path::new("fuzz.csv"), text.as_bytes());
        }
    }
}
