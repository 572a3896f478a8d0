//! `vigil scan`, run as a user runs it: the built binary, on a temporary data folder where
//! the real UN and OFAC lists were imported with `vigil lists import`.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use tempfile::TempDir;
use vigil_testkit::shared_data;

fn vigil(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vigil"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .expect("the vigil binary runs")
}

/// A data folder with UN 2026 and OFAC imported, or `None` without shared data.
fn imported() -> Option<(PathBuf, TempDir)> {
    let data = shared_data()?;
    let dir = tempfile::tempdir().unwrap();
    let un = data.join("lists/un/consolidated-2026-02-27.xml");
    let ofac = data.join("lists/ofac");
    for (source, path) in [("un-sc", un), ("ofac-sdn", ofac)] {
        let out = vigil(
            dir.path(),
            &[
                "lists",
                "import",
                "--source",
                source,
                path.to_str().unwrap(),
            ],
        );
        assert!(
            out.status.success(),
            "import {source}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Some((data, dir))
}

fn ids(json: &Value) -> Vec<String> {
    let mut ids: Vec<String> = json["mentions"]
        .as_array()
        .expect("mentions is an array")
        .iter()
        .map(|m| m["entity_id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn scans_text_html_and_stdin() {
    let Some((data, dir)) = imported() else {
        return;
    };
    let article = data.join("text/us-india-ct-joint-statement.txt");

    // JSON, from a file.
    let out = vigil(dir.path(), &["scan", "--json", article.to_str().unwrap()]);
    // Listed groups are named: a hit.
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        ids(&json),
        [
            "ofac-sdn:6366",
            "ofac-sdn:6636",
            "ofac-sdn:6935",
            "ofac-sdn:7140",
            "ofac-sdn:8759",
            "un-sc:QDe.004",
            "un-sc:QDe.019",
            "un-sc:QDe.118"
        ]
    );
    let isis = json["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["text"] == "ISIS")
        .expect("ISIS is a mention");
    assert_eq!(
        (isis["start"].as_u64(), isis["end"].as_u64()),
        (Some(1399), Some(1403))
    );
    assert_eq!(isis["entity_id"], "ofac-sdn:8759");
    assert_eq!(isis["matched_name"], "ISIS");
    assert!(isis["snippet"].as_str().unwrap().contains("ISIS/Daesh"));

    // Human format, from stdin: one line per mention, then the summary per entity.
    let mut child = Command::new(env!("CARGO_BIN_EXE_vigil"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["scan", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let text = std::fs::read(&article).unwrap();
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let out = child.wait_with_output().unwrap();
    let human = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(4));
    assert!(
        human.contains("ofac-sdn:6636") && human.contains("TALIBAN"),
        "{human}"
    );
    assert!(
        human
            .lines()
            .any(|l| l.contains("ofac-sdn:6636") && l.contains("x6")),
        "{human}"
    );

    // HTML: scripts and styles are not text, offsets refer to the visible text.
    let html = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../vigil-match/tests/fixtures/scan/sahel_report.html");
    let out = vigil(dir.path(), &["scan", "--json", html.to_str().unwrap()]);
    assert!(
        matches!(out.status.code(), Some(3 | 4)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found = ids(&json);
    for id in [
        "ofac-sdn:10761",
        "un-sc:SOe.001",
        "ofac-sdn:24879",
        "un-sc:QDe.138",
    ] {
        assert!(found.contains(&id.to_owned()), "{id} missing: {found:?}");
    }
    let texts: Vec<&str> = json["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    // Once per list (UN and OFAC): the script names al-Shabaab too, but it is not text.
    assert_eq!(
        texts.iter().filter(|t| **t == "al-Shabaab").count(),
        2,
        "{texts:?}"
    );
    for bystander in [
        "Amadou Diallo",
        "Ibrahim Moussa",
        "Red Cross",
        "Mali",
        "Gao",
    ] {
        assert!(!texts.contains(&bystander), "{bystander}: {texts:?}");
    }
}

#[test]
fn bad_input_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = vigil(dir.path(), &["scan", "/nonexistent/article.txt"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/article.txt"));
    let out = vigil(dir.path(), &["scan", "--threshold", "2", "-"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--threshold"));
}
