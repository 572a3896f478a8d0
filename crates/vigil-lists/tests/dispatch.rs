//! Choosing the parser: formats by name, by path, and by source; wrong-kind files.

mod shared_data;

use shared_data::shared_file;
use std::collections::BTreeMap;
use std::path::Path;
use vigil_lists::{parse_bytes, parse_files, parse_path, ListError, ListFormat};

fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"))
}

#[test]
fn detects_formats_by_path() {
    let f = fixtures();
    assert_eq!(
        ListFormat::detect(&f.join("ftm/entities.ftm.json")),
        Some(ListFormat::Ftm)
    );
    assert_eq!(
        ListFormat::detect(&f.join("csv/list.csv")),
        Some(ListFormat::Csv)
    );
    assert_eq!(
        ListFormat::detect(&f.join("ofac/small")),
        Some(ListFormat::OfacSdn)
    );
    assert_eq!(
        ListFormat::detect(&f.join("ofac/small/sdn.csv")),
        Some(ListFormat::OfacSdn)
    );
    assert_eq!(ListFormat::detect(&f.join("csv")), None);
    if let Some(un) = shared_file("lists/un/consolidated-2026-02-27.xml") {
        assert_eq!(ListFormat::detect(&un), Some(ListFormat::UnSc));
    }
}

#[test]
fn parses_by_format() {
    let list = parse_path(
        "partner-a",
        ListFormat::Csv,
        &fixtures().join("csv/list.csv"),
    )
    .unwrap();
    assert_eq!(list.entities.len(), 3);
    let list = parse_path(
        "opensanctions",
        ListFormat::Ftm,
        &fixtures().join("ftm/entities.ftm.json"),
    )
    .unwrap();
    assert_eq!(list.source, "opensanctions");
    if let Some(un) = shared_file("lists/un/consolidated-2026-02-27.xml") {
        let list = parse_path("un-sc", ListFormat::UnSc, &un).unwrap();
        assert_eq!(list.entities.len(), 1003);
    }
}

#[test]
fn wrong_kind_of_file_is_a_clear_error() {
    let err = parse_path("un-sc", ListFormat::UnSc, &fixtures().join("csv/list.csv")).unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, ListError::Invalid { .. }), "{text}");
    assert!(text.contains("looks like CSV"), "{text}");
    assert!(
        text.contains("un-sc expects the UN consolidated list"),
        "{text}"
    );
    let err = parse_path("un-sc", ListFormat::Csv, &fixtures().join("csv/list.csv")).unwrap_err();
    assert!(
        err.to_string()
            .contains("source un-sc is read with format un-sc"),
        "{err}"
    );
    let err = parse_path("un-sc", ListFormat::UnSc, &fixtures().join("ofac/small")).unwrap_err();
    assert!(err.to_string().contains("use ofac-sdn"), "{err}");
    let err = parse_path("partner", ListFormat::Csv, &fixtures().join("nope.csv")).unwrap_err();
    assert!(matches!(err, ListError::Io { .. }), "{err}");
}

#[test]
fn empty_files_are_invalid() {
    let dir = tempfile::tempdir().unwrap();
    for (name, format, source) in [
        ("empty.xml", ListFormat::UnSc, "un-sc"),
        ("empty.json", ListFormat::Ftm, "s"),
        ("empty.csv", ListFormat::Csv, "s"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, b"").unwrap();
        let err = parse_path(source, format, &path).unwrap_err();
        assert!(err.to_string().ends_with("empty file"), "{err}");
    }
}

#[test]
fn uploads_in_memory() {
    let bytes = std::fs::read(fixtures().join("csv/list.csv")).unwrap();
    let list = parse_bytes("partner-a", ListFormat::Csv, "upload.csv", &bytes).unwrap();
    assert_eq!(list.entities.len(), 3);
    let err = parse_bytes("partner-a", ListFormat::Ftm, "upload.csv", &bytes).unwrap_err();
    assert!(err.to_string().starts_with("upload.csv: "), "{err}");
    let mut files = BTreeMap::new();
    files.insert("a.csv".to_owned(), bytes.clone());
    assert!(parse_files("partner-a", ListFormat::Csv, &files).is_ok());
    files.insert("b.csv".to_owned(), bytes);
    let err = parse_files("partner-a", ListFormat::Csv, &files).unwrap_err();
    assert!(err.to_string().contains("exactly one file"), "{err}");
}

#[test]
fn ofac_uploads_by_file_name() {
    let dir = fixtures().join("ofac/small");
    let mut files = BTreeMap::new();
    for name in ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"] {
        files.insert(name.to_uppercase(), std::fs::read(dir.join(name)).unwrap());
    }
    let from_memory = parse_files("ofac-sdn", ListFormat::OfacSdn, &files).unwrap();
    let from_disk = parse_path("ofac-sdn", ListFormat::OfacSdn, &dir).unwrap();
    assert_eq!(from_memory.entities, from_disk.entities);
    files.insert("readme.txt".into(), b"x".to_vec());
    let err = parse_files("ofac-sdn", ListFormat::OfacSdn, &files).unwrap_err();
    assert!(
        err.to_string().contains("not part of an OFAC SDN set"),
        "{err}"
    );
    files.clear();
    files.insert("alt.csv".into(), b"x".to_vec());
    let err = parse_files("ofac-sdn", ListFormat::OfacSdn, &files).unwrap_err();
    assert!(err.to_string().contains("needs sdn.csv"), "{err}");
}
