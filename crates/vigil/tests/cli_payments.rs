//! `vigil payments screen`, run as a user runs it: the built binary on a temporary data
//! folder where the real UN list was imported with `vigil lists import`.

mod common;

use serde_json::Value;
use std::path::Path;
use std::process::Output;
use tempfile::TempDir;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../vigil-formats/tests/fixtures/payments")
        .join(name)
        .to_str()
        .unwrap()
        .to_owned()
}

fn vigil(data_dir: &Path, args: &[&str]) -> Output {
    common::run(data_dir, args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh data folder with the UN 2026 list imported, or `None` without shared data.
fn imported() -> Option<TempDir> {
    common::with_un_list()
}

fn screen(dir: &Path, file: &str, json: bool) -> Output {
    let path = fixture(file);
    let mut args = vec!["payments", "screen", path.as_str()];
    if json {
        args.push("--json");
    }
    vigil(dir, &args)
}

fn decisions(out: &Output) -> Vec<String> {
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", text(&out.stdout)));
    report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["decision"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn hold_exits_3_and_pass_exits_0() {
    let Some(dir) = imported() else { return };

    let out = screen(dir.path(), "pacs008_001_08_listed_creditor.xml", false);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let human = text(&out.stdout);
    assert!(
        human.starts_with("HOLD  pacs.008.001.08  NWBK20260302-0001/E2E-2026-03-0117"),
        "{human}"
    );
    assert!(human.contains("creditor: Hafiz Mohammed Saeed"), "{human}");
    assert!(human.contains("un-sc:QDi.263"), "{human}");

    let out = screen(dir.path(), "pacs008_001_08_listed_creditor.xml", true);
    assert_eq!(out.status.code(), Some(3));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let m = &report["messages"][0];
    assert_eq!(m["type"], "pacs.008.001.08");
    assert_eq!(m["decision"], "hold");
    let creditor = &m["parties"][1];
    assert_eq!(creditor["role"], "creditor");
    assert_eq!(creditor["matches"][0]["entity_id"], "un-sc:QDi.263");
    assert!(creditor["matches"][0]["score"].as_f64().unwrap() >= vigil_match::DEFAULT_THRESHOLD);

    let out = screen(dir.path(), "mt103_clean.txt", false);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("PASS  MT103  COBA-2026-0302-17"));

    let out = screen(dir.path(), "pacs008_001_08_clean_multi.xml", true);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(decisions(&out), ["pass", "pass"]);

    let out = screen(dir.path(), "mt103_multi_lf.txt", true);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(decisions(&out), ["pass", "hold", "hold"]);

    let out = screen(dir.path(), "mt103_50f_listed.txt", true);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(decisions(&out), ["hold"]);
}

#[test]
fn bad_files_exit_1_with_the_file_and_place() {
    let Some(dir) = imported() else { return };
    let cases = [
        ("bad_not_well_formed.xml", "line 12"),
        ("bad_long_name.xml", "the limit is 140"),
        ("bad_count_mismatch.xml", "NbOfTxs is 3 but there are 2"),
        ("bad_ctrlsum.xml", "CtrlSum is 1520.70"),
        (
            "bad_camt053.xml",
            "unsupported message type camt.053.001.08",
        ),
        ("bad_mt202.txt", "unsupported message type MT202"),
        ("bad_mt103_long_line.txt", "line 7: 50K"),
    ];
    for (file, expected) in cases {
        let out = screen(dir.path(), file, true);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{file}: {err}");
        assert!(out.stdout.is_empty(), "{file}: printed a report");
        assert!(err.contains(file), "{file}: {err}");
        assert!(err.contains(expected), "{file}: {err}");
    }
    let out = vigil(
        dir.path(),
        &["payments", "screen", "/nonexistent/payments.xml"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("/nonexistent/payments.xml"));
}
