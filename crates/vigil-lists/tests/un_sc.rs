//! The UN parser against the real consolidated lists (facts checked by reading the files),
//! and against broken copies of them.

mod shared_data;

use shared_data::shared_file;
use std::path::Path;
use vigil_core::{DateSpec, DocumentKind, Entity, NameKind, PartialDate, Schema};
use vigil_lists::{un_sc, ListError, ParsedList};

const UN_2026: &str = "lists/un/consolidated-2026-02-27.xml";
const UN_2018: &str = "lists/un/consolidated-2018-10-29.xml";

fn parse(relative: &str) -> Option<ParsedList> {
    let path = shared_file(relative)?;
    Some(un_sc::parse(&path).unwrap_or_else(|e| panic!("{e}")))
}

fn entity<'a>(list: &'a ParsedList, id: &str) -> &'a Entity {
    list.entities
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("{id} not in the list"))
}

fn date(s: &str) -> PartialDate {
    s.parse().unwrap()
}

fn count(list: &ParsedList, schema: Schema) -> usize {
    list.entities.iter().filter(|e| e.schema == schema).count()
}

#[test]
fn counts_and_file_facts_2026() {
    let Some(list) = parse(UN_2026) else { return };
    assert_eq!(count(&list, Schema::Person), 730);
    assert_eq!(count(&list, Schema::Organization), 273);
    assert_eq!(list.source, "un-sc");
    assert_eq!(list.file_date.as_deref(), Some("2026-02-27T00:00:09.554Z"));
    assert_eq!(list.sha256.len(), 64);
}

#[test]
fn counts_2018() {
    let Some(list) = parse(UN_2018) else { return };
    assert_eq!(list.entities.len(), 1093);
    assert_eq!(count(&list, Schema::Person), 703);
    assert_eq!(count(&list, Schema::Organization), 390);
    assert_eq!(
        list.file_date.as_deref(),
        Some("2018-10-29T19:09:49.856-04:00")
    );
}

#[test]
fn lashkar_e_tayyiba() {
    let Some(list) = parse(UN_2026) else { return };
    let e = entity(&list, "un-sc:QDe.118");
    assert_eq!(e.schema, Schema::Organization);
    assert_eq!(e.name, "LASHKAR-E-TAYYIBA");
    assert!(e
        .names
        .iter()
        .any(|n| n.full == "Lashkar-e-Toiba" && n.kind == NameKind::Alias));
    assert!(e.names.iter().any(|n| n.full == "Army of the Pure"));
    assert_eq!(e.programs, ["Al-Qaida"]);
    assert_eq!(e.listed_on, Some(date("2005-05-02")));
    // The latest of its LAST_DAY_UPDATED values.
    assert_eq!(e.last_updated, Some(date("2023-10-30")));
    // "Associated with Hafiz Muhammad Saeed (QDi.263)" in its comments.
    let link = e
        .links
        .iter()
        .find(|l| l.entity_id.as_deref() == Some("un-sc:QDi.263"))
        .expect("link to QDi.263");
    assert_eq!(link.relation, "related");
    assert_eq!(link.name, "HAFIZ MUHAMMAD SAEED");
}

#[test]
fn hafiz_muhammad_saeed() {
    let Some(list) = parse(UN_2026) else { return };
    let e = entity(&list, "un-sc:QDi.263");
    assert_eq!(e.schema, Schema::Person);
    assert_eq!(e.name, "HAFIZ MUHAMMAD SAEED");
    assert_eq!(e.names[0].parts.len(), 3);
    assert_eq!(e.birth_dates, [DateSpec::on(date("1950-06-05"))]);
    assert_eq!(e.birth_places, ["Sargodha, Punjab, Pakistan"]);
    assert_eq!(e.nationalities.len(), 1);
    assert_eq!(e.nationalities[0].code.as_deref(), Some("PK"));
    let weak: Vec<_> = e
        .names
        .iter()
        .filter(|n| n.kind == NameKind::Weak)
        .collect();
    assert_eq!(weak.len(), 1);
    assert_eq!(weak[0].full, "Hafiz Ji");
    let id = &e.documents[0];
    assert_eq!(id.kind, DocumentKind::NationalId);
    assert_eq!(id.number, "3520025509842-7");
    assert_eq!(id.country.as_ref().unwrap().code.as_deref(), Some("PK"));
    let address = &e.addresses[0];
    assert_eq!(address.city.as_deref(), Some("Lahore City"));
    assert_eq!(address.note.as_deref(), Some("location as of May 2008"));
    assert!(e.links.iter().any(|l| l.name == "LASHKAR-E-TAYYIBA"));
}

#[test]
fn passport_with_issue_date_and_city() {
    let Some(list) = parse(UN_2026) else { return };
    let e = entity(&list, "un-sc:LYi.006");
    let passport = e
        .documents
        .iter()
        .find(|d| d.kind == DocumentKind::Passport)
        .expect("passport");
    assert_eq!(passport.number, "FK117RK0");
    assert_eq!(
        passport.country.as_ref().unwrap().code.as_deref(),
        Some("LY")
    );
    assert_eq!(passport.issued, Some(date("2018-11-25")));
    assert_eq!(
        passport.note.as_deref(),
        Some("Date of expiration: 24 Nov 2026; issued in Tripoli")
    );
    assert_eq!(e.birth_dates, [DateSpec::on(date("1944-04-04"))]);
}

#[test]
fn between_and_approximate_birth_dates() {
    let Some(list) = parse(UN_2026) else { return };
    let between = entity(&list, "un-sc:CDi.030");
    assert!(between.birth_dates.contains(&DateSpec::Between {
        from: date("1973"),
        to: date("1974")
    }));
    // TAi.002: "BETWEEN 1955 and 1958, Approximately" widens by a year each side.
    let akhund = entity(&list, "un-sc:TAi.002");
    assert_eq!(
        akhund.birth_dates,
        [
            DateSpec::Between {
                from: date("1954"),
                to: date("1959")
            },
            DateSpec::Between {
                from: date("1944"),
                to: date("1951")
            },
        ]
    );
    assert_eq!(akhund.titles[..2], ["Mullah", "Haji"]);
    assert!(akhund
        .titles
        .contains(&"Foreign Minister under the Taliban regime".to_owned()));
    let circa = list
        .entities
        .iter()
        .flat_map(|e| &e.birth_dates)
        .filter(|d| matches!(d, DateSpec::Circa { .. }))
        .count();
    // 116 APPROXIMATELY blocks with a YEAR, some repeated within a record.
    assert!((100..=117).contains(&circa), "{circa} circa dates");
    // "Nov. 1973" given only as a note (CDi.004).
    assert!(entity(&list, "un-sc:CDi.004")
        .birth_dates
        .contains(&DateSpec::on(date("1973-11"))));
}

#[test]
fn original_script_names() {
    let Some(list) = parse(UN_2026) else { return };
    let saddam = entity(&list, "un-sc:IQi.001");
    let original = saddam
        .names
        .iter()
        .find(|n| n.original_script)
        .expect("original-script name");
    assert_eq!(original.full, "صدام حسين التكريتي");
    assert_eq!(original.kind, NameKind::Alias);
    let with_script = list
        .entities
        .iter()
        .filter(|e| e.names.iter().any(|n| n.original_script))
        .count();
    // 336 individuals and 42 entities carry NAME_ORIGINAL_SCRIPT (one may repeat the
    // primary name, and an alias note adds one); a few more have aliases written in Arabic
    // or Cyrillic script.
    assert!((380..=392).contains(&with_script), "{with_script}");
}

#[test]
fn entity_former_names_and_unknown_countries_warned() {
    let Some(list) = parse(UN_2026) else { return };
    let former = list
        .entities
        .iter()
        .flat_map(|e| &e.names)
        .filter(|n| n.kind == NameKind::Former)
        .count();
    // 19 f.k.a. aliases, one of which (QDe.168) repeats the primary name.
    assert_eq!(former, 18, "f.k.a. entity aliases");
    // "former Soviet Union" is a nationality no country code covers: kept and reported.
    assert!(
        list.warnings
            .iter()
            .any(|w| w.contains("former Soviet Union")),
        "{:#?}",
        list.warnings
    );
}

fn write_temp(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("consolidated.xml");
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

#[test]
fn truncated_file_reports_line_and_column() {
    let Some(path) = shared_file(UN_2026) else {
        return;
    };
    let bytes = std::fs::read(path).unwrap();
    // Cut inside a start tag half way through.
    let cut = bytes.len() / 2;
    let cut = cut + bytes[cut..].iter().position(|&b| b == b'<').unwrap() + 3;
    let (_dir, path) = write_temp(&bytes[..cut]);
    let expected_line = bytes[..cut].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    match un_sc::parse(&path) {
        Err(ListError::Syntax {
            path: p,
            line,
            column,
            message,
        }) => {
            assert_eq!(p, path);
            assert_eq!(line, expected_line, "{message}");
            assert!(column > 1, "{message}");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
    // Cut between elements: well-formed so far but not closed.
    let cut = bytes.len() / 3;
    let cut = cut + bytes[cut..].iter().position(|&b| b == b'\n').unwrap();
    let (_dir, path) = write_temp(&bytes[..cut]);
    let err = un_sc::parse(&path).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("is not closed"), "{text}");
    assert!(matches!(err, ListError::Syntax { .. }), "{text}");
}

#[test]
fn mismatched_tag_reports_its_position() {
    let xml = "<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST>\n  <INDIVIDUALS>\n    \
               <INDIVIDUAL><FIRST_NAME>A</SECOND_NAME>\n";
    let err = un_sc::parse_bytes(Path::new("bad.xml"), xml.as_bytes()).unwrap_err();
    match err {
        ListError::Syntax { line, column, .. } => {
            assert_eq!(line, 4);
            assert!(column > 20, "column {column}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn wrong_root_and_empty_lists_are_invalid() {
    let err = un_sc::parse_bytes(Path::new("x.xml"), b"<?xml version=\"1.0\"?><foo/>").unwrap_err();
    assert!(matches!(err, ListError::Invalid { .. }));
    assert!(
        err.to_string()
            .contains("not a UN consolidated list: root element is <foo>"),
        "{err}"
    );
    let empty =
        "<CONSOLIDATED_LIST dateGenerated=\"x\"><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>";
    let err = un_sc::parse_bytes(Path::new("x.xml"), empty.as_bytes()).unwrap_err();
    assert!(err.to_string().contains("no INDIVIDUAL or ENTITY"), "{err}");
    let err = un_sc::parse_bytes(Path::new("x.xml"), b"  \n").unwrap_err();
    assert!(err.to_string().contains("empty file"), "{err}");
}

#[test]
fn record_without_reference_names_its_line() {
    let xml = "<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n<INDIVIDUAL>\n<FIRST_NAME>A</FIRST_NAME>\n\
               </INDIVIDUAL>\n</INDIVIDUALS>\n</CONSOLIDATED_LIST>\n";
    match un_sc::parse_bytes(Path::new("x.xml"), xml.as_bytes()) {
        Err(ListError::Record { line, message, .. }) => {
            assert_eq!(line, 3);
            assert!(message.contains("REFERENCE_NUMBER"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn entities_and_values_spanning_lines_are_normalised() {
    let xml =
        "<CONSOLIDATED_LIST><ENTITIES><ENTITY><FIRST_NAME>AL &amp;\n   BARAKAT\n</FIRST_NAME>\
               <REFERENCE_NUMBER>QDe.999 </REFERENCE_NUMBER><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>\
               <NEW_FIELD>kept</NEW_FIELD></ENTITY></ENTITIES></CONSOLIDATED_LIST>";
    let list = un_sc::parse_bytes(Path::new("x.xml"), xml.as_bytes()).unwrap();
    let e = &list.entities[0];
    assert_eq!(e.id, "un-sc:QDe.999");
    assert_eq!(e.name, "AL & BARAKAT");
    assert_eq!(e.properties["new_field"], ["kept"]);
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = un_sc::parse_bytes(Path::new("fuzz.xml"), &bytes);
        }

        #[test]
        fn on_xml_like_text(body in "(<[A-Z_]{1,12}>|</[A-Z_]{1,12}>|[a-z &;<>]{0,8}){0,40}") {
            let xml = format!("<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>{body}");
            let _ = un_sc::parse_bytes(Path::new("fuzz.xml"), xml.as_bytes());
        }
    }
}
