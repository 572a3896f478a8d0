//! One fuzz target per parser: `fn(&[u8])` that feeds the bytes to the parser and checks
//! what must hold whatever the input (no panic; a successful read upholds the reader's
//! promises). The mutational runner in `tests/fuzz.rs` drives them on stable Rust, from
//! seed corpora built out of the project's own fixtures; the same functions fit any
//! coverage-guided driver (see docs/fuzzing.md).

use std::collections::BTreeMap;
use std::path::Path;
use vigil_formats::travel::{manifest_csv, mrz, paxlst};
use vigil_lists::ListFormat;

/// A named fuzz target and the fixtures (relative to `crates/`) seeding its corpus.
pub struct Target {
    pub name: &'static str,
    pub run: fn(&[u8]),
    pub seeds: &'static [&'static str],
}

/// Every target, one per parser.
pub const TARGETS: &[Target] = &[
    Target {
        name: "un_sc_xml",
        run: un_sc_xml,
        seeds: &[],
    },
    Target {
        name: "ofac_sdn_set",
        run: ofac_sdn_set,
        seeds: &[
            "vigil-lists/tests/fixtures/ofac/small/sdn.csv",
            "vigil-lists/tests/fixtures/ofac/small/alt.csv",
        ],
    },
    Target {
        name: "ftm_json",
        run: ftm_json,
        seeds: &["vigil-lists/tests/fixtures/ftm/entities.ftm.json"],
    },
    Target {
        name: "vigil_csv",
        run: vigil_csv,
        seeds: &[
            "vigil-lists/tests/fixtures/csv/list.csv",
            "vigil-lists/tests/fixtures/csv/minimal-with-bom.csv",
        ],
    },
    Target {
        name: "paxlst",
        run: paxlst_edifact,
        seeds: &[
            "vigil-formats/tests/fixtures/travel/paxlst_d05b_passengers.edi",
            "vigil-formats/tests/fixtures/travel/paxlst_d02b_crew_una.edi",
            "vigil-formats/tests/fixtures/travel/paxlst_multipart.edi",
        ],
    },
    Target {
        name: "manifest_csv",
        run: manifest,
        seeds: &["vigil-formats/tests/fixtures/travel/manifest.csv"],
    },
    Target {
        name: "mrz",
        run: mrz_lines,
        seeds: &[],
    },
    Target {
        name: "iso20022",
        run: payments,
        seeds: &[
            "vigil-formats/tests/fixtures/payments/pacs008_001_08_clean_multi.xml",
            "vigil-formats/tests/fixtures/payments/pain001_001_03_ultimate_debtor.xml",
            "vigil-formats/tests/fixtures/payments/pacs008_001_02_apphdr_prefixed.xml",
        ],
    },
    Target {
        name: "mt103",
        run: payments,
        seeds: &[
            "vigil-formats/tests/fixtures/payments/mt103_clean.txt",
            "vigil-formats/tests/fixtures/payments/mt103_50f_listed.txt",
            "vigil-formats/tests/fixtures/payments/mt103_multi_lf.txt",
        ],
    },
    Target {
        name: "html_text",
        run: html_text,
        seeds: &["vigil-match/tests/fixtures/scan/sahel_report.html"],
    },
    Target {
        name: "api_query_json",
        run: api_query_json,
        seeds: &[],
    },
];

/// Seeds written here rather than read from fixtures (the UN fixture tests use the shared
/// data, which is never copied into the repository).
pub fn inline_seeds(target: &str) -> Vec<Vec<u8>> {
    let seeds: &[&str] = match target {
        "un_sc_xml" => &[concat!(
            "<?xml version=\"1.0\"?><CONSOLIDATED_LIST dateGenerated=\"2026-02-27T00:00:09.554Z\">",
            "<INDIVIDUALS><INDIVIDUAL><FIRST_NAME>HAFIZ</FIRST_NAME><SECOND_NAME>MUHAMMAD",
            "</SECOND_NAME><REFERENCE_NUMBER>QDi.263</REFERENCE_NUMBER><UN_LIST_TYPE>Al-Qaida",
            "</UN_LIST_TYPE><INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Hafiz Saeed",
            "</ALIAS_NAME></INDIVIDUAL_ALIAS><INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT",
            "</TYPE_OF_DATE><DATE>1950-06-05</DATE></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL>",
            "</INDIVIDUALS><ENTITIES><ENTITY><FIRST_NAME>LASHKAR-E-TAYYIBA</FIRST_NAME>",
            "<REFERENCE_NUMBER>QDe.118</REFERENCE_NUMBER><COMMENTS1>Associated with (QDi.263)",
            "</COMMENTS1></ENTITY></ENTITIES></CONSOLIDATED_LIST>"
        )],
        "mrz" => &[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
            "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<",
        ],
        "api_query_json" => &[
            r#"{"name": "Hafiz Saeed", "schema": "Person", "birth_date": "1950", "nationalities": ["PK"], "id_numbers": ["A1"]}"#,
        ],
        _ => &[],
    };
    seeds.iter().map(|s| s.as_bytes().to_vec()).collect()
}

fn un_sc_xml(bytes: &[u8]) {
    if let Ok(list) = vigil_lists::parse_bytes("un-sc", ListFormat::UnSc, "fuzz.xml", bytes) {
        assert!(!list.entities.is_empty(), "a read list has entities");
        assert!(list.entities.iter().all(|e| e.id.starts_with("un-sc:")));
    }
}

/// The input is split at the first 0xFF byte into sdn.csv and alt.csv; add.csv and
/// sdn_comments.csv get fixed rows, so the parser gets past the completeness check.
fn ofac_sdn_set(bytes: &[u8]) {
    let (sdn, alt) = match bytes.iter().position(|&b| b == 0xFF) {
        Some(i) => (&bytes[..i], &bytes[i + 1..]),
        None => (bytes, &b"1,1,\"aka\",\"X\",-0- \r\n"[..]),
    };
    let mut files = BTreeMap::new();
    files.insert("sdn.csv".to_owned(), sdn.to_vec());
    files.insert("alt.csv".to_owned(), alt.to_vec());
    files.insert(
        "add.csv".to_owned(),
        b"1,1,-0- ,-0- ,\"Iran\",-0- \r\n".to_vec(),
    );
    files.insert("sdn_comments.csv".to_owned(), b"1,\"more\"\r\n".to_vec());
    if let Ok(list) = vigil_lists::parse_files("ofac-sdn", ListFormat::OfacSdn, &files) {
        assert!(!list.entities.is_empty());
    }
}

fn ftm_json(bytes: &[u8]) {
    let _ = vigil_lists::parse_bytes("fuzz", ListFormat::Ftm, "fuzz.json", bytes);
}

fn vigil_csv(bytes: &[u8]) {
    if let Ok(list) = vigil_lists::parse_bytes("fuzz", ListFormat::Csv, "fuzz.csv", bytes) {
        assert!(list.entities.iter().all(|e| e.id.starts_with("fuzz:")));
    }
}

fn paxlst_edifact(bytes: &[u8]) {
    let _ = paxlst::parse(bytes, (2026, 3, 1));
}

fn manifest(bytes: &[u8]) {
    let _ = manifest_csv::parse(bytes, (2026, 3, 1));
}

fn mrz_lines(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Ok(read) = mrz::parse_at(&[text.as_ref()], (2026, 3, 1)) {
        // Nothing unreadable is clear: a read MRZ always names its holder.
        assert!(!(read.surname.is_empty() && read.given_names.is_empty()));
    }
}

fn payments(bytes: &[u8]) {
    if let Ok(messages) = vigil_formats::payments::parse_bytes(bytes) {
        assert!(!messages.is_empty(), "a read payment file holds a payment");
    }
}

fn html_text(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let visible = vigil_formats::text::html_to_text(&text);
    assert!(
        visible.len() <= text.len() * 4 + 16,
        "text grows without bound"
    );
}

fn api_query_json(bytes: &[u8]) {
    if let Ok(query) = serde_json::from_slice::<vigil_core::Query>(bytes) {
        let _ = query.validate();
    }
}

/// The seed corpus of `target`: its fixture files and inline seeds.
pub fn corpus(target: &Target, crates_dir: &Path) -> Vec<Vec<u8>> {
    let mut corpus = inline_seeds(target.name);
    for seed in target.seeds {
        let path = crates_dir.join(seed);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        corpus.push(bytes);
    }
    corpus
}
