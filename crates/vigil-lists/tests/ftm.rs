//! FtM JSON lines: a hand-written fixture in OpenSanctions' shape, and broken input.

use std::path::{Path, PathBuf};
use vigil_core::{DateSpec, DocumentKind, IdentifierKind, NameKind, NamePartKind, Schema};
use vigil_lists::{ftm, ListError, ParsedList};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ftm/entities.ftm.json")
}

fn parsed() -> ParsedList {
    ftm::parse("opensanctions", &fixture()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn imports_main_schemas_only() {
    let list = parsed();
    let ids: Vec<_> = list.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "opensanctions:p-1",
            "opensanctions:o-1",
            "opensanctions:c-1",
            "opensanctions:v-1",
            "opensanctions:a-1"
        ]
    );
    let schemas: Vec<_> = list.entities.iter().map(|e| e.schema).collect();
    assert_eq!(
        schemas,
        [
            Schema::Person,
            Schema::Organization,
            Schema::Organization,
            Schema::Vessel,
            Schema::Aircraft
        ]
    );
    let warnings = list.warnings.join("\n");
    assert!(
        warnings.contains("1 Article record(s) skipped"),
        "{warnings}"
    );
    assert!(
        warnings.contains("line 12: Person \"x-1\" has no name"),
        "{warnings}"
    );
}

#[test]
fn person_properties_and_supporting_records() {
    let list = parsed();
    let p = &list.entities[0];
    assert_eq!(p.name, "Hafiz Muhammad Saeed");
    let kinds: Vec<_> = p.names.iter().map(|n| (n.full.as_str(), n.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("Hafiz Muhammad Saeed", NameKind::Primary),
            ("Hafiz Saeed", NameKind::Alias),
            ("Hafez Mohammad Saeed", NameKind::Alias),
            ("Hafiz Ji", NameKind::Weak)
        ]
    );
    assert_eq!(p.names[0].parts[0].kind, NamePartKind::Given);
    assert_eq!(p.birth_dates, [DateSpec::on("1950-06-05".parse().unwrap())]);
    assert_eq!(p.nationalities[0].code.as_deref(), Some("PK"));
    assert_eq!(p.titles, ["Leader"]);
    // From the Sanction record, which comes before the person in the file.
    assert_eq!(p.programs, ["UN 1267"]);
    assert_eq!(p.listed_on, "2008-12-10".parse().ok());
    assert_eq!(p.properties["sanctionReason"], ["Leader of a listed group"]);
    // idNumber property and Passport record.
    let docs: Vec<_> = p
        .documents
        .iter()
        .map(|d| (d.kind, d.number.as_str()))
        .collect();
    assert_eq!(
        docs,
        [
            (DocumentKind::NationalId, "3520025509842-7"),
            (DocumentKind::Passport, "AB1234567")
        ]
    );
    assert_eq!(p.documents[1].expires, "2015-01-01".parse().ok());
    // Address record via addressEntity.
    assert_eq!(p.addresses[0].city.as_deref(), Some("Lahore"));
    assert!(!p.properties.contains_key("addressEntity"));
    // Associate record: a link on both ends.
    assert_eq!(p.links[0].entity_id.as_deref(), Some("opensanctions:o-1"));
    assert_eq!(list.entities[1].links[0].name, "Hafiz Muhammad Saeed");
    // Unknown properties are kept.
    assert_eq!(p.properties["topics"], ["sanction", "role.terror"]);
    assert_eq!(p.properties["religion"], ["unknown to the model"]);
    assert_eq!(p.remarks.as_deref(), Some("Test fixture written by hand."));
}

#[test]
fn organisation_vessel_and_aircraft_identifiers() {
    let list = parsed();
    let org = &list.entities[1];
    assert!(org
        .names
        .iter()
        .any(|n| n.full == "Markaz-ud-Dawa-wal-Irshad" && n.kind == NameKind::Former));
    assert_eq!(org.countries[0].code.as_deref(), Some("PK"));
    let company = &list.entities[2];
    let kinds: Vec<_> = company.identifiers.iter().map(|i| i.kind.clone()).collect();
    assert_eq!(
        kinds,
        [
            IdentifierKind::Lei,
            IdentifierKind::Registration,
            IdentifierKind::Bic
        ]
    );
    assert_eq!(company.countries[0].code.as_deref(), Some("AE"));
    let vessel = &list.entities[3];
    let imo = vessel
        .identifiers
        .iter()
        .find(|i| i.kind == IdentifierKind::Imo);
    assert_eq!(imo.unwrap().value, "9187629");
    assert_eq!(vessel.properties["flag"], ["Tuvalu"]);
    assert_eq!(vessel.properties["tonnage"], ["1200"]);
    let plane = &list.entities[4];
    assert_eq!(plane.identifiers[0].kind, IdentifierKind::TailNumber);
}

#[test]
fn bad_json_line_names_its_line() {
    let text = "{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A\"]}}\n\n{\"id\": oops}\n";
    match ftm::parse_bytes("src", Path::new("bad.json"), text.as_bytes()) {
        Err(ListError::Record { line, message, .. }) => {
            assert_eq!(line, 3);
            assert!(message.contains("not an FtM entity"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let missing_schema = "{\"id\":\"a\",\"properties\":{}}";
    let err = ftm::parse_bytes("src", Path::new("x.json"), missing_schema.as_bytes()).unwrap_err();
    assert!(err.to_string().contains("line 1"), "{err}");
}

#[test]
fn empty_and_entity_free_files_are_invalid() {
    let err = ftm::parse_bytes("src", Path::new("x.json"), b"\n \n").unwrap_err();
    assert!(err.to_string().contains("empty file"), "{err}");
    let only_addresses = "{\"id\":\"a\",\"schema\":\"Address\",\"properties\":{}}";
    let err = ftm::parse_bytes("src", Path::new("x.json"), only_addresses.as_bytes()).unwrap_err();
    assert!(matches!(err, ListError::Invalid { .. }), "{err}");
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = ftm::parse_bytes("src", Path::new("fuzz.json"), &bytes);
        }

        #[test]
        fn on_property_values(key in "[a-zA-Z]{1,12}", value in "\\PC{0,20}") {
            let line = serde_json::json!({
                "id": "x", "schema": "Person",
                "properties": {"name": ["N"], key: [value]}
            });
            let parsed = ftm::parse_bytes("src", Path::new("fuzz.json"), line.to_string().as_bytes());
            prop_assert!(parsed.is_ok());
        }
    }
}
