//! `vigil screen` and `vigil compare`, run as a user runs them: the built binary, on a
//! temporary data folder where the real UN list was imported with `vigil lists import`.

mod common;

use serde_json::Value;
use std::path::Path;
use std::process::Output;
use tempfile::TempDir;

fn vigil(data_dir: &Path, args: &[&str]) -> Output {
    common::run(data_dir, args)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh data folder with the UN 2026 list imported, or `None` without shared data.
fn imported() -> Option<TempDir> {
    common::with_un_list()
}

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

const REVIEW: i32 = 3;
const HIT: i32 = 4;

/// The screening ran: clear, review or hit.
fn screened(out: &Output) -> bool {
    matches!(out.status.code(), Some(0 | 3 | 4))
}

fn result_ids(results: &Value) -> Vec<&str> {
    results
        .as_array()
        .expect("results are an array")
        .iter()
        .map(|r| r["entity_id"].as_str().unwrap())
        .collect()
}

#[test]
fn lashkar_e_taiba_finds_qde_118() {
    let Some(dir) = imported() else { return };
    let out = vigil(dir.path(), &["screen", "Lashkar e Taiba", "--json"]);
    assert_eq!(out.status.code(), Some(HIT), "{}", stderr(&out));
    let results: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(result_ids(&results).first(), Some(&"un-sc:QDe.118"));
    let best = &results[0];
    assert!(best["score"].as_f64().unwrap() >= vigil_match::DEFAULT_THRESHOLD);
    assert_eq!(best["schema"], "organization");
    assert_eq!(best["caption"], "LASHKAR-E-TAYYIBA");

    // The name in Arabic script (as a user may paste it) finds the same organisation.
    let out = vigil(dir.path(), &["screen", "لشكر طيبة", "--json"]);
    assert!(screened(&out), "{}", stderr(&out));
    let results: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(result_ids(&results).contains(&"un-sc:QDe.118"), "{results}");

    // The human table shows the same hit, and --explain adds the explanation under it.
    let plain = stdout(&vigil(dir.path(), &["screen", "Lashkar e Taiba"]));
    let out = vigil(dir.path(), &["screen", "Lashkar e Taiba", "--explain"]);
    assert_eq!(out.status.code(), Some(HIT));
    let text = stdout(&out);
    for table in [&plain, &text] {
        assert!(table.contains("un-sc:QDe.118"), "{table}");
        assert!(table.contains("SCORE"), "{table}");
    }
    assert!(text.lines().count() > plain.lines().count() + 2, "{text}");
}

#[test]
fn person_with_evidence_finds_hafiz_saeed() {
    let Some(dir) = imported() else { return };
    let out = vigil(
        dir.path(),
        &[
            "screen",
            "Hafiz Mohammad Sayeed",
            "--schema",
            "person",
            "--birth-date",
            "1950",
            "--nationality",
            "PK",
            "--json",
        ],
    );
    assert!(screened(&out), "{}", stderr(&out));
    let results: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(result_ids(&results).first(), Some(&"un-sc:QDi.263"));
}

#[test]
fn threshold_zero_returns_the_limit() {
    let Some(dir) = imported() else { return };
    let args = [
        "screen",
        "Maria Gonzalez",
        "--threshold",
        "0",
        "--limit",
        "7",
    ];
    let out = vigil(dir.path(), &[&args[..], &["--json"]].concat());
    // Every candidate is shown, so the best of them needs review.
    assert_eq!(out.status.code(), Some(REVIEW), "{}", stderr(&out));
    let results: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let scores: Vec<f64> = results
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["score"].as_f64().unwrap())
        .collect();
    assert_eq!(scores.len(), 7);
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scores:?}"
    );
}

#[test]
fn batch_keeps_order_and_reports_bad_rows() {
    let Some(dir) = imported() else { return };
    let csv = dir.path().join("customers.csv");
    std::fs::write(
        &csv,
        "id,name,schema,birth_date,nationality\n\
         c1,Lashkar-e-Taiba,,,\n\
         c2,Hafiz Saeed,person,19-50,\n\
         c3,Hafiz Muhammad Saeed,person,1950,Pakistan\n\
         c4,,,,\n\
         c5,Ivan Petrov,person,,Atlantis\n\
         c6,Lashkar i Taiba,organization,,\n",
    )
    .unwrap();
    let hits = dir.path().join("hits.jsonl");
    let out = vigil(
        dir.path(),
        &[
            "screen",
            "--input",
            csv.to_str().unwrap(),
            "--output",
            hits.to_str().unwrap(),
            "--workers",
            "2",
        ],
    );
    // Rows with errors, but a hit: the hit wins.
    assert_eq!(out.status.code(), Some(HIT), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("3 rows with errors"),
        "{}",
        stderr(&out)
    );
    let lines = json_lines(&std::fs::read_to_string(&hits).unwrap());
    let ids: Vec<&str> = lines
        .iter()
        .map(|l| l["query_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["c1", "c2", "c3", "c4", "c5", "c6"]);
    assert_eq!(
        result_ids(&lines[0]["results"]).first(),
        Some(&"un-sc:QDe.118")
    );
    assert_eq!(lines[1]["line"], 3);
    assert!(lines[1]["error"]
        .as_str()
        .unwrap()
        .starts_with("field `birth_date`"));
    assert_eq!(
        result_ids(&lines[2]["results"]).first(),
        Some(&"un-sc:QDi.263")
    );
    assert!(lines[3]["error"].as_str().unwrap().contains("`name`"));
    assert!(lines[4]["error"]
        .as_str()
        .unwrap()
        .contains("`nationality`"));
    assert_eq!(
        result_ids(&lines[5]["results"]).first(),
        Some(&"un-sc:QDe.118")
    );
}

#[test]
fn batch_without_a_name_column_is_refused() {
    let Some(dir) = imported() else { return };
    let csv = dir.path().join("bad.csv");
    std::fs::write(&csv, "id,full_name\n1,Someone\n").unwrap();
    let out = vigil(dir.path(), &["screen", "--input", csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no `name` column"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_single_input_exits_1_naming_the_field() {
    // Checked before any list is needed, so this runs without shared data.
    let dir = tempfile::tempdir().unwrap();
    for (args, expected) in [
        (&["screen", "  "][..], "name is empty"),
        (
            &["screen", "Ali", "--birth-date", "19-50"][..],
            "--birth-date",
        ),
        (
            &["screen", "Ali", "--nationality", "Atlantis"][..],
            "--nationality",
        ),
        (&["screen", "Ali", "--schema", "ship"][..], "--schema"),
        (&["screen", "Ali", "--threshold", "2"][..], "--threshold"),
    ] {
        let out = vigil(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn compare_scores_spelling_variants_high_and_strangers_low() {
    let dir = tempfile::tempdir().unwrap();
    let score = |a: &str, b: &str| {
        let out = vigil(
            dir.path(),
            &["compare", a, b, "--schema", "person", "--json"],
        );
        assert!(screened(&out), "{}", stderr(&out));
        let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
        v["score"].as_f64().unwrap()
    };
    let same = score("Usama bin Ladin", "Osama bin Laden");
    let different = score("Usama bin Ladin", "Maria Gonzalez");
    assert!(same >= vigil_match::DEFAULT_THRESHOLD, "{same}");
    assert!(different < 0.5, "{different}");
}

#[test]
fn compare_batch_keeps_order_and_reports_bad_rows() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("pairs.csv");
    std::fs::write(
        &csv,
        "name1,name2,schema\n\
         Usama bin Ladin,Osama bin Laden,person\n\
         Lashkar-e-Taiba,,organization\n\
         Ali Khan,Ali Khan,spaceship\n\
         Maria Gonzalez,Usama bin Ladin,\n",
    )
    .unwrap();
    let out = vigil(
        dir.path(),
        &["compare", "--input", csv.to_str().unwrap(), "--explain"],
    );
    assert!(matches!(out.status.code(), Some(1 | 4)), "{}", stderr(&out));
    let lines = json_lines(&stdout(&out));
    assert_eq!(lines.len(), 4);
    let first = lines[0]["score"].as_f64().unwrap();
    let last = lines[3]["score"].as_f64().unwrap();
    assert!(first > last, "{first} vs {last}");
    assert!(lines[0].get("explanation").is_some());
    assert_eq!(lines[1]["line"], 3);
    assert!(lines[1]["error"].as_str().unwrap().contains("`name2`"));
    assert!(lines[2]["error"].as_str().unwrap().contains("`schema`"));
}
