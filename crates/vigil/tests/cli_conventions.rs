//! What every command shares: one exit-status convention for every screening command
//! (0 clear, 3 review, 4 hit, 1 error, 2 usage), batch lines that say which row they
//! answer, and a closed output pipe ending any command quietly.

mod common;

use serde_json::Value;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

fn with_own_list() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let own = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/own-list-v1.csv");
    let out = common::run(
        dir.path(),
        &["lists", "import", "--source", "own", "--format", "csv"],
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "a missing path is a usage error"
    );
    let out = common::run(
        dir.path(),
        &[
            "lists",
            "import",
            "--source",
            "own",
            "--format",
            "csv",
            own.to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
    dir
}

fn code(data: &Path, args: &[&str]) -> Option<i32> {
    common::run(data, args).status.code()
}

#[test]
fn every_screening_command_exits_by_one_convention() {
    let dir = with_own_list();
    let data = dir.path();
    let write = |name: &str, text: &str| {
        let path = data.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    };
    // screen: hit, review (below a raised hit threshold), clear, error.
    assert_eq!(code(data, &["screen", "Hafiz Muhammad Saeed"]), Some(4));
    let strict = ["--hit-threshold", "1.0"];
    assert_eq!(
        code(
            data,
            &[&["screen", "Hafiz Muhamad Saeed"][..], &strict].concat()
        ),
        Some(3)
    );
    assert_eq!(code(data, &["screen", "Maria Lopez Garcia"]), Some(0));
    assert_eq!(
        code(data, &["screen", "Ali", "--birth-date", "19-50"]),
        Some(1)
    );
    assert_eq!(code(data, &["screen", "Ali", "--no-such-flag"]), Some(2));
    assert_eq!(
        code(
            data,
            &[
                "screen",
                "Ali",
                "--threshold",
                "0.95",
                "--hit-threshold",
                "0.9"
            ]
        ),
        Some(1)
    );
    // Batch: the most serious row wins; an unreadable row is an error unless a row is a hit.
    let hit = write(
        "hit.csv",
        "id,name\n1,Maria Lopez\n2,Hafiz Muhammad Saeed\n3,\n",
    );
    let clear = write("clear.csv", "id,name\n1,Maria Lopez Garcia\n");
    let broken = write("broken.csv", "id,name\n1,Maria Lopez Garcia\n2,\n");
    assert_eq!(code(data, &["screen", "--input", &hit]), Some(4));
    assert_eq!(code(data, &["screen", "--input", &clear]), Some(0));
    assert_eq!(code(data, &["screen", "--input", &broken]), Some(1));
    // compare, scan, payments, travel: the same numbers.
    assert_eq!(code(data, &["compare", "Ali Khan", "Ali Khan"]), Some(4));
    assert_eq!(
        code(data, &["compare", "Ali Khan", "Maria Gonzalez"]),
        Some(0)
    );
    let article = write(
        "a.txt",
        "Police named Hafiz Muhammad Saeed as the organiser.\n",
    );
    let dull = write("b.txt", "The weather was fine all week in the valley.\n");
    assert_eq!(code(data, &["scan", &article]), Some(4));
    assert_eq!(code(data, &["scan", &dull]), Some(0));
    let manifest = write(
        "m.csv",
        "name,birth_date,nationality,document_number,role\n\
         Hafiz Muhammad Saeed,1950-06-05,PAK,X1,passenger\n",
    );
    assert_eq!(code(data, &["travel", "screen", &manifest]), Some(4));
    // Every screening command documents the convention in its help.
    for command in [
        &["screen"][..],
        &["compare"],
        &["scan"],
        &["travel", "screen"],
        &["payments", "screen"],
    ] {
        let out = Command::new(common::VIGIL)
            .args(command)
            .arg("--help")
            .output()
            .unwrap();
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(
            help.contains("Exit status") && help.contains("4  hit") && help.contains("3  review"),
            "{command:?}: {help}"
        );
    }
}

#[test]
fn batch_compare_lines_name_their_row() {
    let dir = tempfile::tempdir().unwrap();
    let pairs = dir.path().join("pairs.csv");
    std::fs::write(
        &pairs,
        "id,name1,name2\np1,Usama bin Ladin,Osama bin Laden\np2,Ali Khan,\n",
    )
    .unwrap();
    let out = common::run(dir.path(), &["compare", "--input", pairs.to_str().unwrap()]);
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["query_id"], "p1");
    assert_eq!(lines[0]["line"], 2);
    assert_eq!(lines[0]["name1"], "Usama bin Ladin");
    assert_eq!(lines[0]["name2"], "Osama bin Laden");
    assert!(lines[0]["score"].as_f64().unwrap() > 0.8);
    assert_eq!(lines[1]["query_id"], "p2");
    assert_eq!(lines[1]["line"], 3);
    assert!(lines[1]["error"].is_string());
}

/// Runs a command whose reader has already gone away.
fn into_closed_pipe(data: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(common::VIGIL)
        .env_remove("VIGIL_DATA_DIR")
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (child.wait().unwrap().code(), stderr)
}

#[test]
fn a_closed_pipe_ends_every_printing_command_quietly() {
    let dir = with_own_list();
    let data = dir.path();
    for args in [
        &["lists", "diff", "own"][..],
        &["lists"],
        &["lists", "--json"],
        &["entity", "own:OWN-1"],
        &["screen", "Hafiz Saeed"],
        &["screen", "Hafiz Saeed", "--json"],
        &["compare", "Ali Khan", "Ali Kahn"],
        &["audit", "export", "--since", "2000-01-01"],
        &["alerts"],
    ] {
        let (code, stderr) = into_closed_pipe(data, args);
        assert_eq!(code, Some(141), "vigil {args:?}: {stderr}");
        assert!(stderr.is_empty(), "vigil {args:?} complained: {stderr}");
    }
}

/// No part of an error message is said twice ("no alert 99: no alert 99").
fn said_once(message: &str) -> bool {
    let parts: Vec<&str> = message.split(": ").map(str::trim).collect();
    parts.windows(2).all(|w| w[0] != w[1])
        && !parts
            .iter()
            .any(|p| message.matches(p).count() > 1 && p.len() > 12)
}

#[test]
fn errors_say_a_thing_once_and_name_the_flag() {
    let dir = with_own_list();
    let data = dir.path();
    let subjects = data.join("subjects.csv");
    std::fs::write(&subjects, "id,name,birth_date\n1,Ali Khan,19-50\n").unwrap();
    let subjects = subjects.to_str().unwrap();
    for (args, expected) in [
        (
            &[
                "alerts",
                "decide",
                "99",
                "--decision",
                "confirmed",
                "--reason",
                "x",
            ][..],
            "no alert 99",
        ),
        (
            &[
                "share",
                "sighting",
                "99",
                "--collection",
                "c",
                "--tlp",
                "clear",
            ],
            "no alert 99",
        ),
        (
            &["screen", "Ali", "--birth-date", "19-50"],
            "--birth-date: invalid date",
        ),
        (
            &["screen", "Ali", "--nationality", "Atlantis"],
            "--nationality: unknown country",
        ),
        (
            &["screen", "Ali", "--schema", "ship"],
            "--schema: unknown schema",
        ),
        (
            &["subjects", "import", subjects, "--set", "r"],
            "field `birth_date`: invalid date",
        ),
        (&["keys", "revoke", "nobody"], "no active key"),
        (&["entity", "own:NOPE"], "own:NOPE"),
    ] {
        let out = common::run(data, args);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(1), "vigil {args:?}: {stderr}");
        assert!(stderr.contains(expected), "vigil {args:?}: {stderr}");
        assert!(
            said_once(stderr.trim()),
            "vigil {args:?} repeats itself: {stderr}"
        );
    }
}

/// Every `"VIGIL_..."` variable the sources name is documented in the README.
#[test]
fn the_readme_lists_every_environment_variable() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let mut found = std::collections::BTreeSet::new();
    let mut stack = vec![root.join("crates")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() && !path.ends_with("target") {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let source = std::fs::read_to_string(&path).unwrap();
                for chunk in source.split("\"VIGIL_").skip(1) {
                    let name: String = chunk
                        .chars()
                        .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')
                        .collect();
                    if chunk[name.len()..].starts_with('"')
                        && !path.to_string_lossy().contains("/tests/")
                    {
                        found.insert(format!("VIGIL_{name}"));
                    }
                }
            }
        }
    }
    assert!(
        found.contains("VIGIL_LOG") && found.contains("VIGIL_UN_SC_URL"),
        "{found:?}"
    );
    for name in found {
        assert!(
            readme.contains(&format!("`{name}`")),
            "{name} is read but not in the README"
        );
    }
}
