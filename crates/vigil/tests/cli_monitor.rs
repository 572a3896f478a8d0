//! Ongoing monitoring through the built binary: `vigil subjects import`, list imports that
//! re-screen affected subjects, `vigil alerts` (list, decide, webhook). Small CSV lists
//! written here; no shared data needed.

mod common;

use common::{new_key, serve, Server};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::mpsc;
use std::time::Duration;

fn vigil(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vigil"))
        .env_remove("VIGIL_DATA_DIR")
        .env("USER", "tester")
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .expect("run vigil")
}

fn ok(data_dir: &Path, args: &[&str]) -> String {
    let out = vigil(data_dir, args);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "vigil {args:?} failed: {text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

fn fails(data_dir: &Path, args: &[&str]) -> String {
    let out = vigil(data_dir, args);
    assert_eq!(out.status.code(), Some(1), "vigil {args:?} should fail");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!err.contains("panicked"), "{err}");
    err
}

fn alerts(data_dir: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["alerts", "--json"];
    args.extend_from_slice(extra);
    let text = ok(data_dir, &args);
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    v.as_array().unwrap().clone()
}

const HEADER: &str = "id,schema,name,birth_date,remarks\n";
const IVAN: &str = "A-1,person,Ivan Ivanovich Petrov,,\n";
const MUHAMMAD: &str = "A-2,person,Muhammad Yousef Kareem,1975,\n";

/// Writes a list CSV and imports it as a new version of `own`; returns stdout.
fn import_list(data: &Path, rows: &[&str]) -> String {
    let path = data.join("list.csv");
    std::fs::write(&path, format!("{HEADER}{}", rows.concat())).unwrap();
    ok(
        data,
        &[
            "lists",
            "import",
            "--source",
            "own",
            "--format",
            "csv",
            // The scenarios reshape a three-entity list on purpose.
            "--allow-shrink",
            path.to_str().unwrap(),
        ],
    )
}

fn import_subjects(data: &Path, text: &str) -> Output {
    let path = data.join("customers.csv");
    std::fs::write(&path, text).unwrap();
    vigil(
        data,
        &[
            "subjects",
            "import",
            path.to_str().unwrap(),
            "--set",
            "retail",
        ],
    )
}

const CUSTOMERS: &str = "id,name,schema,birth_date,nationality,id_number
c1,Jane Doe,person,1980,GB,
c2,Mohammed Yusuf Karim,person,1975-03-02,,
c3,Peter Olsen,person,,,
";

#[test]
fn list_changes_raise_decide_and_delist_alerts() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    import_list(data, &[IVAN]);
    let out = import_subjects(data, CUSTOMERS);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("3 subjects imported; 0 new alerts"));
    assert!(alerts(data, &[]).is_empty());

    // Version 2 adds an entity matching c2: only that subject is re-screened.
    let out = import_list(data, &[IVAN, MUHAMMAD]);
    assert!(
        out.contains("monitoring: 1 of 3 subjects re-screened after own version 2; 1 new alerts"),
        "{out}"
    );
    let open = alerts(data, &["--status", "open"]);
    assert_eq!(open.len(), 1);
    let a = &open[0];
    assert_eq!(a["subject_id"], "c2");
    assert_eq!(a["set"], "retail");
    assert_eq!(a["subject_name"], "Mohammed Yusuf Karim");
    assert_eq!(a["entity_id"], "own:A-2");
    assert_eq!(a["matched_name"], "Muhammad Yousef Kareem");
    assert_eq!(a["list_source"], "own");
    assert_eq!(a["list_version"], 2);
    assert_eq!(a["status"], "open");
    assert!(a["score"].as_f64().unwrap() >= 0.8);
    assert!(a["created_at"].is_string());
    let id = a["id"].as_i64().unwrap().to_string();

    // A false positive, decided with a reason by a named analyst.
    ok(
        data,
        &[
            "alerts",
            "decide",
            &id,
            "--decision",
            "false-positive",
            "--reason",
            "different birth date",
            "--analyst",
            "ann",
        ],
    );
    let fp = alerts(data, &["--status", "false-positive"]);
    assert_eq!(fp.len(), 1);
    assert_eq!(fp[0]["decided_by"], "ann");
    assert_eq!(fp[0]["reason"], "different birth date");
    assert!(fp[0]["decided_at"].is_string());
    let err = fails(
        data,
        &[
            "alerts",
            "decide",
            &id,
            "--decision",
            "confirmed",
            "--reason",
            "x",
        ],
    );
    assert!(err.contains("only open alerts"), "{err}");

    // Same content for A-2 (another entity added): not raised again.
    let out = import_list(data, &[IVAN, MUHAMMAD, "A-3,person,Olga Ivanova,,\n"]);
    assert!(out.contains("0 new alerts"), "{out}");
    assert_eq!(alerts(data, &[]).len(), 1);

    // A-2's record changes: raised again, as a new open alert on version 4.
    let out = import_list(
        data,
        &[IVAN, "A-2,person,Muhammad Yousef Kareem,1975,new remarks\n"],
    );
    assert!(out.contains("1 new alerts"), "{out}");
    let open = alerts(data, &["--status", "open"]);
    assert_eq!(open.len(), 1);
    assert_eq!(open[0]["list_version"], 4);

    // A-2 removed: its open alert is delisted.
    let out = import_list(data, &[IVAN]);
    assert!(out.contains("1 delisted"), "{out}");
    assert!(alerts(data, &["--status", "open"]).is_empty());
    assert_eq!(alerts(data, &["--status", "delisted"]).len(), 1);

    // Everything is audited.
    let audit = ok(data, &["audit", "export", "--since", "2000-01-01"]);
    for action in ["subjects_import", "monitor_rescreen", "alert_decision"] {
        assert!(
            audit.contains(action),
            "{action} missing from the audit trail"
        );
    }
    let decision: Value = audit
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|r| r["action"] == "alert_decision")
        .unwrap();
    assert_eq!(decision["actor"], "ann");
}

#[test]
fn bad_subject_rows_are_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    import_list(data, &[IVAN]);
    let out = import_subjects(
        data,
        "id,name,birth_date\nc1,Ivan Ivanovich Petrov,\nc2,Jane Doe,05/06/1950\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("customers.csv: line 3: field `birth_date`"),
        "{err}"
    );
    // Nothing stored: the valid first row raised no alert.
    assert!(alerts(data, &[]).is_empty());
    let out = import_subjects(data, "id,name,birth_date\nc1,Ivan Ivanovich Petrov,\n");
    assert!(out.status.success());
    assert_eq!(alerts(data, &[]).len(), 1);
}

/// A receiver on 127.0.0.1 answering 503 to its first request and 204 after; sends each
/// (signature, body) to the test.
fn receiver() -> (String, mpsc::Receiver<(String, Vec<u8>)>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/vigil", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for (n, stream) in listener.incoming().enumerate() {
            let Ok(mut stream) = stream else { return };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let (mut signature, mut length) = (String::new(), 0usize);
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                let lower = line.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("x-vigil-signature:") {
                    signature = v.trim().to_owned();
                }
                if let Some(v) = lower.strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let status = if n == 0 { "503 Busy" } else { "204 No Content" };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
            );
            let _ = tx.send((signature, body));
        }
    });
    (url, rx)
}

#[test]
fn new_alerts_reach_a_webhook_signed_after_a_retry() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    import_list(data, &[IVAN]);
    assert!(import_subjects(data, CUSTOMERS).status.success());
    let (url, rx) = receiver();
    ok(data, &["alerts", "webhook", "add", &url, "--secret", "k3y"]);
    import_list(data, &[IVAN, MUHAMMAD]);
    // Both attempts happened before the command returned.
    let (_, first) = rx.recv_timeout(Duration::from_secs(1)).unwrap();
    let (signature, body) = rx.recv_timeout(Duration::from_secs(1)).unwrap();
    assert_eq!(first, body);
    assert_eq!(signature, vigil_monitor::sign("k3y", &body));
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["event"], "alert.created");
    assert_eq!(v["alert"]["subject_id"], "c2");
}

fn call(
    server: &Server,
    method: &str,
    path: &str,
    key: Option<&str>,
    content_type: &str,
    body: &str,
) -> (u16, Value) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let url = format!("{}{path}", server.base);
    let auth = key.map(|k| format!("Bearer {k}"));
    let mut resp = if method == "GET" {
        let mut req = agent.get(&url);
        if let Some(auth) = &auth {
            req = req.header("Authorization", auth);
        }
        req.call().unwrap()
    } else {
        let mut req = agent.post(&url).header("Content-Type", content_type);
        if let Some(auth) = &auth {
            req = req.header("Authorization", auth);
        }
        req.send(body).unwrap()
    };
    let status = resp.status().as_u16();
    let text = resp.body_mut().read_to_string().unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

#[test]
fn the_api_imports_subjects_and_decides_alerts_under_auth() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    import_list(data, &[IVAN]);
    // Subjects need a supervisor, alerts an analyst: a supervisor does both.
    let supervisor = new_key(data, "bank-ops", "supervisor");
    let screener = new_key(data, "teller", "screener");
    let admin = new_key(data, "list-admin", "admin");
    let server = serve(data, &[]);
    let json = "application/json";
    let subjects = r#"[{"id": "c2", "name": "Mohammed Yusuf Karim", "birth_date": "1975"},
                       {"id": "c3", "name": "Peter Olsen"}]"#;

    // 401 without a key, 403 for a screener on admin routes.
    let (status, _) = call(
        &server,
        "POST",
        "/v1/subjects?set=retail",
        None,
        json,
        subjects,
    );
    assert_eq!(status, 401);
    let (status, _) = call(&server, "GET", "/v1/alerts", Some("wrong"), "", "");
    assert_eq!(status, 401);
    let hook = r#"{"url": "http://127.0.0.1:9/x", "secret": "s"}"#;
    let (status, _) = call(&server, "POST", "/v1/webhooks", Some(&screener), json, hook);
    assert_eq!(status, 403);
    let (status, _) = call(
        &server,
        "POST",
        "/v1/subjects?set=retail",
        Some(&screener),
        json,
        subjects,
    );
    assert_eq!(status, 403, "a screener may not import subjects");
    let (status, _) = call(&server, "POST", "/v1/webhooks", Some(&admin), json, hook);
    assert_eq!(status, 200);

    // Bad subjects: 400 naming the element and field; nothing stored.
    let bad =
        r#"[{"id": "c1", "name": "A B"}, {"id": "c2", "name": "C D", "birth_date": "19-75"}]"#;
    let (status, body) = call(
        &server,
        "POST",
        "/v1/subjects?set=retail",
        Some(&supervisor),
        json,
        bad,
    );
    assert_eq!(status, 400, "{body}");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("[1]") && message.contains("birth_date"),
        "{message}"
    );
    let (status, body) = call(
        &server,
        "POST",
        "/v1/subjects",
        Some(&supervisor),
        json,
        subjects,
    );
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (400, Some("set"))
    );

    // JSON and CSV bodies.
    let (status, body) = call(
        &server,
        "POST",
        "/v1/subjects?set=retail",
        Some(&supervisor),
        json,
        subjects,
    );
    assert_eq!(
        (status, body["imported"].as_u64()),
        (200, Some(2)),
        "{body}"
    );
    let csv = "id,name\nc9,Jane Doe\n";
    let (status, body) = call(
        &server,
        "POST",
        "/v1/subjects?set=crew",
        Some(&supervisor),
        "text/csv",
        csv,
    );
    assert_eq!(
        (status, body["imported"].as_u64()),
        (200, Some(1)),
        "{body}"
    );

    // An admin's list upload re-screens the affected subject and reports it.
    let list = format!("{HEADER}{IVAN}{MUHAMMAD}");
    let (status, body) = call(
        &server,
        "POST",
        "/v1/lists/own/import?format=csv",
        Some(&admin),
        "text/csv",
        &list,
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["monitoring"]["rescreened"], 1, "{body}");
    assert_eq!(body["monitoring"]["new_alerts"][0]["subject_id"], "c2");

    let (status, body) = call(
        &server,
        "GET",
        "/v1/alerts?status=open",
        Some(&supervisor),
        "",
        "",
    );
    assert_eq!(status, 200);
    let alerts = body["alerts"].as_array().unwrap();
    assert_eq!(alerts.len(), 1);
    let id = alerts[0]["id"].as_i64().unwrap();
    let (status, body) = call(
        &server,
        "GET",
        "/v1/alerts?status=maybe",
        Some(&supervisor),
        "",
        "",
    );
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (400, Some("status"))
    );

    // Decisions: the key's name is who decided; bad input names the field; twice is 409.
    let path = format!("/v1/alerts/{id}/decision");
    let (status, body) = call(
        &server,
        "POST",
        &path,
        Some(&supervisor),
        json,
        r#"{"decision": "maybe", "reason": "x"}"#,
    );
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (400, Some("decision"))
    );
    let (status, body) = call(
        &server,
        "POST",
        &path,
        Some(&supervisor),
        json,
        r#"{"decision": "confirmed", "reason": "same passport", "extra": 1}"#,
    );
    assert_eq!(status, 400, "{body}");
    let (status, body) = call(
        &server,
        "POST",
        &path,
        Some(&supervisor),
        json,
        r#"{"decision": "confirmed", "reason": "same passport"}"#,
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "confirmed");
    assert_eq!(body["decided_by"], "bank-ops");
    let (status, _) = call(
        &server,
        "POST",
        &path,
        Some(&supervisor),
        json,
        r#"{"decision": "confirmed", "reason": "again"}"#,
    );
    assert_eq!(status, 409);
    let (status, _) = call(
        &server,
        "POST",
        "/v1/alerts/999/decision",
        Some(&supervisor),
        json,
        r#"{"decision": "confirmed", "reason": "x"}"#,
    );
    assert_eq!(status, 404);
}
