//! OFAC SDN CSV parser: small fixtures for every rule, and facts checked by reading the
//! real 2026 snapshot in the shared data folder.

mod shared_data;

use std::path::{Path, PathBuf};
use std::time::Instant;
use vigil_core::{
    DateSpec, DocumentKind, Entity, Gender, IdentifierKind, NameKind, NamePartKind, PartialDate,
    Schema,
};
use vigil_lists::ofac_sdn::{parse_dir, parse_files, OfacFile, OfacFiles};
use vigil_lists::{ListError, ParsedList};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ofac")
        .join(name)
}

/// The shared data folder (the crate's test helper says "skipping" or panics when absent).
fn shared_data() -> Option<PathBuf> {
    let sdn = shared_data::shared_file("lists/ofac/sdn.csv")?;
    sdn.ancestors().nth(3).map(Path::to_path_buf)
}

fn entity<'a>(list: &'a ParsedList, id: &str) -> &'a Entity {
    list.entities
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("{id} not found"))
}

fn date(y: u16, m: u8, d: u8) -> PartialDate {
    PartialDate::new(y, Some(m), Some(d)).unwrap()
}

fn identifier(e: &Entity, kind: IdentifierKind) -> Vec<&str> {
    e.identifiers
        .iter()
        .filter(|i| i.kind == kind)
        .map(|i| i.value.as_str())
        .collect()
}

fn names(e: &Entity, kind: NameKind) -> Vec<&str> {
    e.names
        .iter()
        .filter(|n| n.kind == kind)
        .map(|n| n.full.as_str())
        .collect()
}

fn property<'a>(e: &'a Entity, key: &str) -> Vec<&'a str> {
    e.properties
        .get(key)
        .map(|v| v.iter().map(String::as_str).collect())
        .unwrap_or_default()
}

#[test]
fn fixture_person() {
    let list = parse_dir(&fixture("small")).unwrap();
    assert_eq!(list.source, "ofac-sdn");
    assert_eq!(list.entities.len(), 5);
    assert_eq!(list.file_date, None);
    let doe = entity(&list, "ofac-sdn:100");
    assert_eq!(doe.schema, Schema::Person);
    assert_eq!(doe.name, "DOE, John Michael");
    let parts: Vec<_> = doe.names[0]
        .parts
        .iter()
        .map(|p| (p.kind, p.value.as_str()))
        .collect();
    assert_eq!(
        parts,
        vec![
            (NamePartKind::Last, "DOE"),
            (NamePartKind::Given, "John Michael")
        ]
    );
    assert_eq!(doe.programs, vec!["SDGT", "SYRIA"]);
    assert_eq!(doe.titles, vec!["Commander"]);
    assert_eq!(
        doe.birth_dates,
        vec![
            DateSpec::on(date(1970, 2, 2)),
            DateSpec::Circa {
                date: PartialDate::year(1968)
            },
            DateSpec::Between {
                from: PartialDate::year(1960),
                to: PartialDate::year(1962)
            },
        ]
    );
    assert_eq!(doe.birth_places, vec!["Giza, Egypt"]);
    assert_eq!(doe.nationalities[0].code.as_deref(), Some("EG"));
    assert_eq!(doe.citizenships[0].code, None);
    assert_eq!(doe.citizenships[0].text, "Atlantis");
    assert_eq!(doe.gender, Some(Gender::Male));
    let passport = &doe.documents[0];
    assert_eq!(passport.kind, DocumentKind::Passport);
    assert_eq!(passport.number, "A123");
    assert_eq!(
        passport.country.as_ref().unwrap().code.as_deref(),
        Some("EG")
    );
    assert_eq!(passport.issued, Some(date(2010, 1, 1)));
    assert_eq!(passport.expires, Some(date(2019, 12, 31)));
    assert_eq!(doe.documents[1].kind, DocumentKind::NationalId);
    assert_eq!(doe.documents[1].type_text, "Cedula No.");
    assert_eq!(names(doe, NameKind::Alias), vec!["DOE, Johnny"]);
    assert_eq!(names(doe, NameKind::Weak), vec!["JD"]);
    // The last remark's full stop is dropped but the linked name's own is restored.
    assert_eq!(doe.links[0].name, "ACME TRADING S.A.");
    assert_eq!(doe.links[0].entity_id.as_deref(), Some("ofac-sdn:200"));
    // The whole remarks text is kept, including the parts not turned into fields.
    let remarks = doe.remarks.as_deref().unwrap();
    assert!(remarks.contains("Secretary of the Example Front (Operations; Finance)"));
    // Unknown countries are kept and reported.
    assert!(list.warnings.iter().any(|w| w.contains("\"Atlantis\"")));
    assert!(list.warnings.iter().any(|w| w.contains("\"Narnia\"")));
}

#[test]
fn fixture_organisation_vessel_aircraft() {
    let list = parse_dir(&fixture("small")).unwrap();
    let acme = entity(&list, "ofac-sdn:200");
    assert_eq!(acme.schema, Schema::Organization);
    assert_eq!(names(acme, NameKind::Former), vec!["ACME OLD CO."]);
    assert_eq!(identifier(acme, IdentifierKind::Bic), vec!["ACMEXX22"]);
    assert_eq!(
        identifier(acme, IdentifierKind::Registration),
        vec!["12345"]
    );
    let wallet = &acme.identifiers[2];
    assert_eq!(wallet.kind, IdentifierKind::DigitalCurrency);
    assert_eq!(
        (wallet.value.as_str(), wallet.note.as_deref()),
        ("1AbcDEF", Some("XBT"))
    );
    assert_eq!(property(acme, "website"), vec!["www.acme.example"]);
    assert_eq!(acme.links[0].entity_id.as_deref(), Some("ofac-sdn:100"));
    assert_eq!(acme.links[1].name, "NOBODY LTD");
    assert_eq!(acme.links[1].entity_id, None);
    let address = &acme.addresses[0];
    assert_eq!(address.street.as_deref(), Some("1 Nile St"));
    assert_eq!(address.city.as_deref(), Some("Cairo"));
    assert_eq!(
        address.country.as_ref().unwrap().code.as_deref(),
        Some("EG")
    );

    let ship = entity(&list, "ofac-sdn:300");
    assert_eq!(ship.schema, Schema::Vessel);
    assert_eq!(identifier(ship, IdentifierKind::Imo), vec!["9187629"]);
    assert_eq!(identifier(ship, IdentifierKind::Mmsi), vec!["572469210"]);
    assert_eq!(identifier(ship, IdentifierKind::CallSign), vec!["9HAB1"]);
    assert_eq!(property(ship, "type"), vec!["Crude Oil Tanker"]);
    assert_eq!(property(ship, "tonnage"), vec!["1,000"]);
    assert_eq!(property(ship, "grossRegisteredTonnage"), vec!["500"]);
    assert_eq!(property(ship, "flag"), vec!["Malta"]);
    assert_eq!(ship.countries[0].code.as_deref(), Some("MT"));
    assert_eq!(property(ship, "pastFlags"), vec!["Panama"]);
    assert_eq!(names(ship, NameKind::Former), vec!["OLD STAR"]);
    // The remarks continue in sdn_comments.csv, cut mid-word.
    assert!(ship
        .remarks
        .as_deref()
        .unwrap()
        .ends_with("Linked To: ACME TRADING S.A."));
    assert_eq!(ship.links[0].entity_id.as_deref(), Some("ofac-sdn:200"));

    let plane = entity(&list, "ofac-sdn:400");
    assert_eq!(plane.schema, Schema::Aircraft);
    assert_eq!(
        identifier(plane, IdentifierKind::TailNumber),
        vec!["EP-ABC"]
    );
    assert_eq!(identifier(plane, IdentifierKind::Other), vec!["1023409321"]);
    assert_eq!(property(plane, "model"), vec!["IL76-TD"]);
    assert_eq!(property(plane, "buildDate"), vec!["1984-09"]);
    // Windows-1252 É decoded.
    assert_eq!(property(plane, "operator"), vec!["CAFÉ AIR"]);
    assert_eq!(entity(&list, "ofac-sdn:500").name, "CAFÉ DU NORD");
    // alt.csv row 3 points at an ent_num sdn.csv does not have.
    assert!(list
        .warnings
        .iter()
        .any(|w| w.contains("alt.csv line 3") && w.contains("999")));
}

#[test]
fn same_bytes_from_memory_and_checksum_is_stable() {
    let dir = fixture("small");
    let file = |name: &str| OfacFile {
        path: PathBuf::from(name),
        bytes: std::fs::read(dir.join(name)).unwrap(),
    };
    let files = OfacFiles {
        sdn: file("sdn.csv"),
        alt: Some(file("alt.csv")),
        add: Some(file("add.csv")),
        comments: Some(file("sdn_comments.csv")),
    };
    let from_memory = parse_files(&files).unwrap();
    let from_dir = parse_dir(&dir).unwrap();
    assert_eq!(from_memory.entities, from_dir.entities);
    assert_eq!(from_memory.sha256, from_dir.sha256);
    assert_eq!(from_memory.sha256.len(), 64);
}

#[test]
fn a_set_with_a_missing_or_empty_file_is_refused() {
    let dir = fixture("small");
    let file = |name: &str| OfacFile {
        path: dir.join(name),
        bytes: std::fs::read(dir.join(name)).unwrap(),
    };
    let empty = |name: &str| OfacFile {
        path: dir.join(name),
        bytes: b"\r\n\x1a".to_vec(),
    };
    let without_alt = parse_files(&OfacFiles {
        sdn: file("sdn.csv"),
        alt: None,
        add: Some(file("add.csv")),
        comments: Some(file("sdn_comments.csv")),
    })
    .unwrap_err()
    .to_string();
    assert!(
        without_alt.contains("alt.csv is missing") && without_alt.contains("whole"),
        "{without_alt}"
    );
    for name in ["alt.csv", "add.csv", "sdn_comments.csv"] {
        let pick = |n: &str| Some(if n == name { empty(n) } else { file(n) });
        let err = parse_files(&OfacFiles {
            sdn: file("sdn.csv"),
            alt: pick("alt.csv"),
            add: pick("add.csv"),
            comments: pick("sdn_comments.csv"),
        })
        .unwrap_err()
        .to_string();
        assert!(err.contains(&format!("{name} is empty")), "{err}");
    }
}

#[test]
fn a_file_cut_inside_a_quoted_field_is_refused() {
    let dir = fixture("small");
    let sdn = std::fs::read(dir.join("sdn.csv")).unwrap();
    // Cut inside the first quoted field of the second record.
    let second = sdn.iter().position(|&b| b == b'\n').unwrap() + 1;
    let quote = second + sdn[second..].iter().position(|&b| b == b'"').unwrap();
    let err = with_small_set(&sdn[..quote + 3]).unwrap_err();
    match &err {
        ListError::Record { line, message, .. } => {
            assert_eq!(*line, 2, "{err}");
            assert!(message.contains("truncated"), "{message}");
        }
        other => panic!("expected a record error, got {other:?}"),
    }
}

#[test]
fn missing_column_names_file_and_line() {
    let err = parse_dir(&fixture("missing_column")).unwrap_err();
    match &err {
        ListError::Record {
            path,
            line,
            message,
        } => {
            assert!(path.ends_with("missing_column/sdn.csv"));
            assert_eq!(*line, 2);
            assert!(message.contains("expected 12 columns"), "{message}");
            assert!(message.contains("found 11"), "{message}");
        }
        other => panic!("expected a record error, got {other:?}"),
    }
}

/// `bytes` as sdn.csv with the small fixture's other three files.
fn with_small_set(bytes: &[u8]) -> Result<ParsedList, ListError> {
    let other = |name: &str| {
        Some(OfacFile {
            path: PathBuf::from(name),
            bytes: std::fs::read(fixture("small").join(name)).unwrap(),
        })
    };
    parse_files(&OfacFiles {
        sdn: OfacFile {
            path: PathBuf::from("upload/sdn.csv"),
            bytes: bytes.to_vec(),
        },
        alt: other("alt.csv"),
        add: other("add.csv"),
        comments: other("sdn_comments.csv"),
    })
}

#[test]
fn clear_errors_for_bad_input() {
    let empty = with_small_set(b"\x1a").unwrap_err();
    assert!(matches!(empty, ListError::Invalid { .. }));
    assert!(empty.to_string().contains("empty"), "{empty}");

    let xml = with_small_set(b"<?xml version=\"1.0\"?><CONSOLIDATED_LIST/>").unwrap_err();
    assert!(xml.to_string().contains("UN SC"), "{xml}");

    let row = b"1,\"A\",\"spaceship\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
    let err = with_small_set(row).unwrap_err().to_string();
    assert!(err.contains("line 1") && err.contains("SDN_Type"), "{err}");

    let row = b"x1,\"A\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
    let err = with_small_set(row).unwrap_err().to_string();
    assert!(err.contains("ent_num"), "{err}");

    let twice = b"1,\"A\",-0- ,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\
1,\"B\",-0- ,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
    let err = with_small_set(twice).unwrap_err().to_string();
    assert!(err.contains("line 2") && err.contains("twice"), "{err}");

    let missing = parse_dir(&fixture("does-not-exist")).unwrap_err();
    assert!(missing.to_string().contains("not a folder"), "{missing}");
    let no_sdn = parse_dir(&fixture("")).unwrap_err();
    assert!(no_sdn.to_string().contains("no sdn.csv"), "{no_sdn}");
}

#[test]
fn un_list_given_instead() {
    let Some(data) = shared_data() else { return };
    let un = data.join("lists/un/consolidated-2026-02-27.xml");
    let err = parse_dir(&un).unwrap_err().to_string();
    assert!(
        err.contains("not a folder") && err.contains("UN SC"),
        "{err}"
    );
    let err = parse_dir(&data.join("lists/un")).unwrap_err().to_string();
    assert!(err.contains("no sdn.csv") && err.contains("UN SC"), "{err}");
}

mod real_snapshot {
    use super::*;
    use std::sync::OnceLock;

    fn list() -> Option<&'static ParsedList> {
        static LIST: OnceLock<Option<ParsedList>> = OnceLock::new();
        LIST.get_or_init(|| {
            let dir = shared_data()?.join("lists/ofac");
            let start = Instant::now();
            let list = parse_dir(&dir).unwrap();
            eprintln!(
                "parsed {} OFAC SDN entries in {:?}",
                list.entities.len(),
                start.elapsed()
            );
            Some(list)
        })
        .as_ref()
    }

    #[test]
    fn counts() {
        let Some(list) = list() else { return };
        assert_eq!(list.entities.len(), 8976);
        // alt.csv has 11,910 rows (11,523 aka, 369 fka, 18 nka); 6 repeat a name the entry
        // already has and are not added twice. The remarks add 24 f.k.a. names.
        let alt_names: usize = list
            .entities
            .iter()
            .flat_map(|e| &e.names)
            .filter(|n| matches!(n.kind, NameKind::Alias | NameKind::Former))
            .count();
        assert_eq!(alt_names, 11_910 - 6 + 24);
        let schemas = |s: Schema| list.entities.iter().filter(|e| e.schema == s).count();
        assert_eq!(schemas(Schema::Person), 4620);
        assert_eq!(schemas(Schema::Organization), 3673);
        assert_eq!(schemas(Schema::Vessel), 406);
        assert_eq!(schemas(Schema::Aircraft), 277);
    }

    #[test]
    fn nasrallah() {
        let Some(list) = list() else { return };
        let e = entity(list, "ofac-sdn:2686");
        assert_eq!(e.name, "NASRALLAH, Hasan");
        assert_eq!(e.schema, Schema::Person);
        assert_eq!(e.programs, vec!["SDGT", "SYRIA"]);
        assert_eq!(e.titles, vec!["Secretary General of Hizballah"]);
        assert_eq!(
            e.birth_dates,
            [1960, 1953, 1955, 1958].map(|y| DateSpec::on(date(y, 8, 31)))
        );
        assert_eq!(e.birth_places, vec!["Al Basuriyah, Lebanon"]);
        assert_eq!(e.gender, Some(Gender::Male));
        let passport = &e.documents[0];
        assert_eq!(passport.kind, DocumentKind::Passport);
        assert_eq!(passport.number, "042833");
        assert_eq!(
            passport.country.as_ref().unwrap().code.as_deref(),
            Some("LB")
        );
        assert_eq!(
            names(e, NameKind::Alias),
            vec!["NASRALLAH, Hasan Abd-al-Karim"]
        );
        assert_eq!(e.links.len(), 1);
        assert_eq!(e.links[0].name, "HIZBALLAH");
        assert_eq!(e.links[0].entity_id.as_deref(), Some("ofac-sdn:4697"));
        assert_eq!(entity(list, "ofac-sdn:4697").name, "HIZBALLAH");
        let address = &e.addresses[0];
        assert_eq!(
            address.country.as_ref().unwrap().code.as_deref(),
            Some("LB")
        );
    }

    #[test]
    fn uncertain_nationality_keeps_text() {
        let Some(list) = list() else { return };
        // "nationality possibly Palestinian"
        let n = &entity(list, "ofac-sdn:7940").nationalities[0];
        assert_eq!(
            (n.code.as_deref(), n.text.as_str()),
            (Some("PS"), "possibly Palestinian")
        );
    }

    #[test]
    fn vessel_artavil() {
        let Some(list) = list() else { return };
        let e = entity(list, "ofac-sdn:15036");
        assert_eq!(e.name, "ARTAVIL");
        assert_eq!(e.schema, Schema::Vessel);
        assert_eq!(identifier(e, IdentifierKind::Imo), vec!["9187629"]);
        assert_eq!(identifier(e, IdentifierKind::Mmsi), vec!["572469210"]);
        assert_eq!(identifier(e, IdentifierKind::CallSign), vec!["T2EU4"]);
        assert_eq!(property(e, "flag"), vec!["Iran"]);
        assert_eq!(property(e, "type"), vec!["Crude/Oil Products Tanker"]);
        assert_eq!(property(e, "tonnage"), vec!["99,144"]);
        assert_eq!(property(e, "grossRegisteredTonnage"), vec!["56,068"]);
        assert_eq!(
            property(e, "pastFlags"),
            vec!["Malta", "Tuvalu", "Tanzania"]
        );
        // f.k.a. ALPHA in the remarks, ABADAN and SHONA as fka in alt.csv.
        assert_eq!(names(e, NameKind::Former), vec!["ALPHA", "ABADAN", "SHONA"]);
        assert_eq!(
            e.links[0].entity_id.as_deref(),
            Some(entity_id_named(list, "NATIONAL IRANIAN TANKER COMPANY"))
        );
    }

    fn entity_id_named<'a>(list: &'a ParsedList, name: &str) -> &'a str {
        let found: Vec<_> = list.entities.iter().filter(|e| e.name == name).collect();
        assert_eq!(found.len(), 1, "{name}");
        &found[0].id
    }

    #[test]
    fn aircraft() {
        let Some(list) = list() else { return };
        let e = entity(list, "ofac-sdn:15431");
        assert_eq!(e.name, "EP-GOM");
        assert_eq!(identifier(e, IdentifierKind::TailNumber), vec!["EP-GOM"]);
        assert_eq!(
            identifier(e, IdentifierKind::Other),
            vec!["8401", "1023409321"]
        );
        assert_eq!(property(e, "model"), vec!["IL76-TD"]);
        assert_eq!(property(e, "buildDate"), vec!["1992"]);
        assert_eq!(property(e, "operator"), vec!["YAS AIR"]);
    }

    /// Entry 29703's remarks are cut in sdn.csv ("...; Digital Currency Addres") and go on
    /// in sdn_comments.csv ("s - ETH 0x8576...; ...; Passport 4005504207 (Russia).").
    #[test]
    fn remarks_continued_in_comments() {
        let Some(list) = list() else { return };
        let e = entity(list, "ofac-sdn:29703");
        let wallets: Vec<_> = e
            .identifiers
            .iter()
            .filter(|i| i.kind == IdentifierKind::DigitalCurrency)
            .map(|i| (i.note.as_deref().unwrap(), i.value.as_str()))
            .collect();
        assert!(wallets.contains(&("ETH", "0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c")));
        assert!(wallets.contains(&("LTC", "LWnbjLYUfqeokfbWM4FcU7uk2FP2DSxuWS")));
        assert!(wallets.contains(&("ZEC", "t1WSKwCDL1QYRRUrCCknEs5tDLhtGVYu9KM")));
        let passport = e
            .documents
            .iter()
            .find(|d| d.number == "4005504207")
            .unwrap();
        assert_eq!(
            passport.country.as_ref().unwrap().code.as_deref(),
            Some("RU")
        );
        // 28263 is cut inside a weak aka: 'snowsjo' + 'hn'.
        let e = entity(list, "ofac-sdn:28263");
        assert!(names(e, NameKind::Weak).contains(&"snowsjohn"));
        // 12300 is cut inside a linked name: "PROMO RAI" + "Z S.A.S.".
        let e = entity(list, "ofac-sdn:12300");
        assert!(e.links.iter().any(|l| l.name == "PROMO RAIZ S.A.S."));
        assert!(e.links.iter().any(|l| l.name == "R D I S.A."));
    }

    #[test]
    fn weak_akas_and_links_overall() {
        let Some(list) = list() else { return };
        let weak = list
            .entities
            .iter()
            .flat_map(|e| &e.names)
            .filter(|n| n.kind == NameKind::Weak)
            .count();
        // 2,414 `a.k.a. '...'` in sdn.csv remarks, 3 more in sdn_comments.csv.
        assert_eq!(weak, 2_417);
        let links: Vec<_> = list.entities.iter().flat_map(|e| &e.links).collect();
        assert_eq!(links.len(), 3408);
        let resolved = links.iter().filter(|l| l.entity_id.is_some()).count();
        assert!(
            resolved >= 3390,
            "{resolved} of {} links resolved",
            links.len()
        );
        for w in &list.warnings {
            eprintln!("warning: {w}");
        }
    }
}
