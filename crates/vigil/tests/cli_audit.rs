//! The audit trail is complete: every CLI command (found by walking clap's command tree
//! through `--help`, so a new command is covered without editing this file) and every API
//! route (from `/openapi.json`) leaves its record, unless it is in the one list of
//! read-only exemptions; secrets never enter the trail.

mod common;

use common::{agent, new_key, run, serve};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

const PASSWORD: &str = "hunter2-partner-password";
const SECRET: &str = "hunter2-webhook-secret";

fn help(path: &[&str]) -> String {
    let out = Command::new(common::VIGIL)
        .args(path)
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success(), "vigil {path:?} --help");
    String::from_utf8(out.stdout).unwrap()
}

/// Every command path a user can run, from clap's help: leaves, and commands that also
/// run without a subcommand (`vigil lists`, `vigil alerts`).
fn command_paths(path: Vec<String>, found: &mut BTreeSet<String>) {
    let args: Vec<&str> = path.iter().map(String::as_str).collect();
    let text = help(&args);
    let subcommands: Vec<String> = text
        .lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .filter(|name| name != "help")
        .collect();
    let usage = text.lines().find(|l| l.starts_with("Usage:")).unwrap_or("");
    // `Usage: vigil keys [OPTIONS] <COMMAND>` needs a subcommand; `vigil lists [OPTIONS]`
    // (then `vigil lists <COMMAND>`) runs alone too.
    if !usage.contains("<COMMAND>") {
        found.insert(path.join(" "));
    }
    for sub in subcommands {
        let mut longer = path.clone();
        longer.push(sub);
        command_paths(longer, found);
    }
}

/// The exemptions, as `vigil audit --help` states them.
fn exempt() -> BTreeSet<String> {
    help(&["audit"])
        .lines()
        .filter_map(|l| l.trim().strip_prefix("vigil "))
        .filter_map(|l| l.split_once(':').map(|(path, _)| path.to_owned()))
        .collect()
}

fn audit(data: &Path) -> Vec<Value> {
    let out = run(data, &["audit", "export", "--since", "2000-01-01"]);
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn fixture(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(path)
        .to_str()
        .unwrap()
        .to_owned()
}

/// One run of each audited command, in an order that gives each what it needs (an alert to
/// decide, a partner to grant). Failing runs (an unreachable partner) are audited too.
fn invocations(dir: &Path) -> Vec<Vec<String>> {
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let names = write("names.csv", "id,name\nc1,Hafiz Saeed\nc2,Maria Lopez\n");
    let pairs = write("pairs.csv", "id,name1,name2\np1,Hafiz Saeed,Hafez Said\n");
    let subjects = write("subjects.csv", "id,name\ns1,Hafiz Muhammad Saeed\n");
    let text = write("article.txt", "Police said Hafiz Saeed was behind it.\n");
    let out = dir.join("out.jsonl").to_str().unwrap().to_owned();
    let ftm = dir.join("export.ftm.json").to_str().unwrap().to_owned();
    let own = fixture("tests/fixtures/own-list-v1.csv");
    let manifest = fixture("../vigil-formats/tests/fixtures/travel/manifest.csv");
    let payment = fixture("../vigil-formats/tests/fixtures/payments/mt103_clean.txt");
    let taxii = "http://127.0.0.1:9/taxii2/";
    let table: Vec<Vec<&str>> = vec![
        vec![
            "lists", "import", "--source", "own", "--format", "csv", &own,
        ],
        vec!["lists", "fetch", "--source", "un-sc"],
        vec!["screen", "Hafiz Saeed"],
        vec!["screen", "--input", &names, "--output", &out],
        vec!["compare", "Hafiz Saeed", "Hafez Said"],
        vec!["compare", "--input", &pairs, "--output", &out],
        vec!["travel", "screen", &manifest],
        vec![
            "travel",
            "mrz",
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        ],
        vec!["payments", "screen", &payment],
        vec!["scan", &text],
        vec!["keys", "create", "--name", "k1", "--role", "screener"],
        vec!["keys", "role", "k1", "--role", "analyst"],
        vec!["keys", "revoke", "k1"],
        // No password on stdin: refused, and the refusal is recorded.
        vec![
            "users",
            "add",
            "--name",
            "u1",
            "--role",
            "analyst",
            "--password-stdin",
        ],
        vec!["users", "disable", "u1"],
        vec!["export", "--format", "ftm", "-o", &ftm],
        vec!["partners", "add", "--name", "p1", "--max-tlp", "amber"],
        vec![
            "partners",
            "grant",
            "p1",
            "--collection",
            "designations",
            "--read",
        ],
        vec![
            "share",
            "publish",
            "--source",
            "own",
            "--collection",
            "designations",
            "--tlp",
            "clear",
        ],
        vec!["subjects", "import", &subjects, "--set", "retail"],
        vec![
            "alerts",
            "decide",
            "1",
            "--decision",
            "confirmed",
            "--reason",
            "same person",
        ],
        vec![
            "share",
            "sighting",
            "1",
            "--collection",
            "sightings",
            "--tlp",
            "amber",
        ],
        vec![
            "share",
            "pull",
            taxii,
            "--collection",
            "designations",
            "--as",
            "p1",
            "--password",
            PASSWORD,
        ],
        vec![
            "alerts",
            "webhook",
            "add",
            "http://127.0.0.1:9/hook",
            "--secret",
            SECRET,
        ],
        vec!["alerts", "webhook", "remove", "http://127.0.0.1:9/hook"],
        vec!["partners", "remove", "p1"],
    ];
    let table = table.into_iter();
    table
        .map(|args| args.into_iter().map(str::to_owned).collect())
        .collect()
}

/// The command path of an argument list: its leading words that are commands.
fn path_of(args: &[String], paths: &BTreeSet<String>) -> String {
    (1..=args.len())
        .rev()
        .map(|n| args[..n].join(" "))
        .find(|p| paths.contains(p))
        .unwrap_or_else(|| panic!("{args:?} is no known command"))
}

#[test]
fn every_cli_command_leaves_an_audit_record() {
    let mut paths = BTreeSet::new();
    command_paths(Vec::new(), &mut paths);
    assert!(paths.len() > 25, "found only {paths:?}");
    let exempt = exempt();
    assert!(exempt.contains("audit export") && exempt.contains("entity"));
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let user = std::env::var("USER").unwrap_or_else(|_| "unknown".into());
    let mut covered = BTreeSet::new();
    for args in invocations(dir.path()) {
        let path = path_of(&args, &paths);
        let before = audit(&data).len();
        let out = Command::new(common::VIGIL)
            .env_remove("VIGIL_DATA_DIR")
            .env("VIGIL_UN_SC_URL", "http://127.0.0.1:9/consolidated.xml")
            .arg("--data-dir")
            .arg(&data)
            .args(&args)
            .output()
            .unwrap();
        let records = audit(&data);
        let new = &records[before..];
        let record = new
            .iter()
            .find(|r| r["action"] == path)
            .unwrap_or_else(|| panic!("vigil {args:?} left no `{path}` record: {new:?}"));
        assert_eq!(record["actor"], format!("cli:{user}").as_str(), "{record}");
        // A failure is recorded as one; a screening that read only part of its input
        // records its verdict with `errors: true`.
        let response = &record["response"];
        let failed = response["outcome"] == "error" || response["errors"] == true;
        let exit = out.status.code();
        assert_eq!(
            failed,
            exit == Some(1),
            "vigil {args:?} exit {exit:?}: {record}"
        );
        assert!(record["at"].is_string());
        covered.insert(path);
    }
    let all: BTreeSet<String> = covered.union(&exempt).cloned().collect();
    assert_eq!(all, paths, "a command is neither audited here nor exempt");
    assert!(covered.is_disjoint(&exempt));
    let trail = serde_json::to_string(&audit(&data)).unwrap();
    assert!(!trail.contains(PASSWORD) && !trail.contains(SECRET));
    // A screening records what it answered.
    let records = audit(&data);
    let screen = records.iter().find(|r| r["action"] == "screen").unwrap();
    assert_eq!(screen["request"]["name"], "Hafiz Saeed");
    assert_eq!(screen["response"]["results"][0]["entity_id"], "own:OWN-1");
    assert_eq!(screen["list_versions"][0]["source"], "own");
}

/// The API routes that change nothing and screen nothing; every other route is audited.
const API_EXEMPT: &[(&str, &str)] = &[
    ("get /healthz", "liveness probe"),
    ("get /readyz", "readiness probe"),
    ("get /metrics", "counters only"),
    ("get /openapi.json", "the API description"),
    ("get /v1/entities/{id}", "reads a stored entity"),
    ("get /v1/lists", "reads the list versions"),
    ("get /v1/lists/{source}/diff", "reads a version's changes"),
    ("get /v1/alerts", "reads the alert queue"),
    ("get /v1/alerts/{id}", "reads one alert"),
    ("get /v1/webhooks", "reads the webhook URLs"),
    ("get /entities/{id}", "yente: reads a stored entity"),
    ("get /catalog", "yente: the datasets served"),
    ("get /algorithms", "yente: the scoring algorithms offered"),
    (
        "get /reconcile/{dataset}",
        "the reconciliation service's manifest",
    ),
];

/// The server writes its trail in batches: waits for a record of `action` after `before`.
fn wait_for_record(data: &Path, before: usize, action: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !audit(data)[before..].iter().any(|r| r["action"] == action) {
        assert!(std::time::Instant::now() < deadline, "no `{action}` record");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn every_api_route_leaves_an_audit_record() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let own = fixture("tests/fixtures/own-list-v1.csv");
    let imported = run(
        data,
        &[
            "lists", "import", "--source", "own", "--format", "csv", &own,
        ],
    );
    assert!(imported.status.success());
    let admin = new_key(data, "api-admin", "admin");
    let server = serve(data, &[]);
    let spec: Value = agent()
        .get(format!("{}/openapi.json", server.base))
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .map(|text| serde_json::from_str(&text).unwrap())
        .unwrap();
    let manifest = std::fs::read(fixture(
        "../vigil-formats/tests/fixtures/travel/manifest.csv",
    ))
    .unwrap();
    let payment = std::fs::read(fixture(
        "../vigil-formats/tests/fixtures/payments/pacs008_001_08_listed_creditor.xml",
    ))
    .unwrap();
    let json = "application/json";
    // (method path, request path, content type, body, the action it records)
    let requests: Vec<(&str, &str, &str, Vec<u8>, &str)> = vec![
        (
            "post /v1/screen",
            "/v1/screen",
            json,
            br#"{"name": "Hafiz Saeed"}"#.to_vec(),
            "screen",
        ),
        (
            "post /v1/compare",
            "/v1/compare",
            json,
            br#"{"name1": "Hafiz Saeed", "name2": "Hafez Said"}"#.to_vec(),
            "compare",
        ),
        (
            "post /match/{dataset}",
            "/match/default",
            json,
            br#"{"queries": {"q": {"schema": "Person", "properties": {"name": ["Hafiz Saeed"]}}}}"#
                .to_vec(),
            "match",
        ),
        (
            "post /reconcile/{dataset}",
            "/reconcile/default",
            "application/x-www-form-urlencoded",
            br#"queries={"q0": {"query": "Hafiz Saeed"}}"#.to_vec(),
            "reconcile",
        ),
        (
            "post /v1/payments/screen",
            "/v1/payments/screen",
            "application/xml",
            payment,
            "payments_screen",
        ),
        (
            "post /v1/travel/screen",
            "/v1/travel/screen",
            "text/csv",
            manifest,
            "travel_screen",
        ),
        (
            "post /v1/scan",
            "/v1/scan",
            json,
            br#"{"text": "Police said Hafiz Saeed was behind it."}"#.to_vec(),
            "scan",
        ),
        (
            "post /v1/lists/{source}/import",
            "/v1/lists/own/import?format=csv",
            "text/csv",
            std::fs::read(&own).unwrap(),
            "import",
        ),
        (
            "post /v1/subjects",
            "/v1/subjects?set=retail",
            json,
            br#"[{"id": "s1", "name": "Hafiz Muhammad Saeed"}]"#.to_vec(),
            "subjects_import",
        ),
        (
            "post /v1/alerts/{id}/decision",
            "/v1/alerts/1/decision",
            json,
            br#"{"decision": "confirmed", "reason": "same person"}"#.to_vec(),
            "alert_decision",
        ),
        (
            "post /v1/webhooks",
            "/v1/webhooks",
            json,
            format!(r#"{{"url": "http://127.0.0.1:9/h", "secret": "{SECRET}"}}"#).into_bytes(),
            "webhook_add",
        ),
    ];
    let mut routes = BTreeSet::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            routes.insert(format!("{method} {path}"));
        }
    }
    let mut covered: BTreeSet<String> = API_EXEMPT.iter().map(|(r, _)| r.to_string()).collect();
    for (route, uri, content_type, body, action) in requests {
        let before = audit(data).len();
        let mut resp = agent()
            .post(format!("{}{uri}", server.base))
            .header("Authorization", format!("Bearer {admin}"))
            .header("Content-Type", content_type)
            .send(&body[..])
            .unwrap();
        let status = resp.status().as_u16();
        let text = resp.body_mut().read_to_string().unwrap();
        assert_eq!(status, 200, "{route}: {text}");
        wait_for_record(data, before, action);
        covered.insert(route.to_owned());
    }
    // yente's text search is a GET that screens a name.
    let before = audit(data).len();
    let resp = agent()
        .get(format!("{}/search/default?q=Hafiz%20Saeed", server.base))
        .header("Authorization", format!("Bearer {admin}"))
        .call()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    wait_for_record(data, before, "search");
    covered.insert("get /search/{dataset}".to_owned());
    assert_eq!(
        covered, routes,
        "a route is neither audited here nor exempt"
    );
    let trail = serde_json::to_string(&audit(data)).unwrap();
    assert!(!trail.contains(SECRET));
    server.stop();
}
