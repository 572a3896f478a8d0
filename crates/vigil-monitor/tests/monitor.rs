//! Monitoring end to end on a temporary store: list versions imported as the CLI and the
//! server do, then `after_import`; alerts, decisions, delisting and webhooks checked.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::Duration;
use vigil_core::{Entity, Schema};
use vigil_lists::ParsedList;
use vigil_monitor::{
    after_import, decide, deliver_pending, import_subjects, parse_csv, sign, MonitorOptions,
    MonitorReport, RetryPolicy, SubjectCache,
};
use vigil_store::{AlertStatus, ImportPolicy, Store};

fn person(id: &str, name: &str, birth: Option<&str>) -> Entity {
    let mut e = Entity::new("own", id, Schema::Person, name);
    if let Some(b) = birth {
        e.birth_dates
            .push(vigil_core::DateSpec::on(b.parse().unwrap()));
    }
    e
}

fn list(sha: &str, entities: Vec<Entity>) -> ParsedList {
    ParsedList {
        source: "own".into(),
        entities,
        file_date: None,
        sha256: sha.into(),
        warnings: Vec::new(),
    }
}

fn import(store: &mut Store, cache: &SubjectCache, l: ParsedList) -> Option<MonitorReport> {
    // The scenarios delist entities from two-entity lists on purpose.
    let outcome = store
        .import_with(&l, ImportPolicy { allow_shrink: true })
        .unwrap();
    after_import(
        store,
        &outcome,
        None,
        cache,
        &MonitorOptions::default(),
        "test",
    )
    .unwrap()
}

const SUBJECTS: &str = "id,name,schema,birth_date,nationality,id_number
c1,Jane Doe,person,1980,GB,
c2,Mohammed Yusuf Karim,person,1975-03-02,,
c3,Peter Olsen,person,,,
c4,Abu Bakr Ba'asyir,person,,,
";

fn setup() -> (tempfile::TempDir, Store, SubjectCache) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let cache = SubjectCache::new();
    import(
        &mut store,
        &cache,
        list("v1", vec![person("1", "Ivan Ivanovich Petrov", None)]),
    );
    let subjects = parse_csv(SUBJECTS.as_bytes(), "customers.csv").unwrap();
    let report = import_subjects(
        &mut store,
        "retail",
        &subjects,
        None,
        &MonitorOptions::default(),
        "test",
    )
    .unwrap();
    assert_eq!(report.imported, 4);
    assert!(report.new_alerts.is_empty(), "{:?}", report.new_alerts);
    (dir, store, cache)
}

#[test]
fn added_entity_alerts_only_its_subject_and_removal_delists() {
    let (_dir, mut store, cache) = setup();
    let v2 = vec![
        person("1", "Ivan Ivanovich Petrov", None),
        person("2", "Muhammad Yousef Kareem", Some("1975")),
    ];
    let report = import(&mut store, &cache, list("v2", v2)).unwrap();
    assert_eq!((report.added, report.changed, report.removed), (1, 0, 0));
    // Only the one subject the added entity could affect is re-screened, not all four.
    assert_eq!(report.rescreened, 1, "{report:?}");
    assert_eq!(report.new_alerts.len(), 1);
    let alert = &report.new_alerts[0];
    assert_eq!(
        (alert.subject_id.as_str(), alert.entity_id.as_str()),
        ("c2", "own:2")
    );
    assert_eq!((alert.list_source.as_str(), alert.list_version), ("own", 2));
    assert_eq!(alert.status, AlertStatus::Open);
    assert!(alert.score >= 0.8, "{}", alert.score);

    // Removing the entity delists its open alert.
    let report = import(
        &mut store,
        &cache,
        list("v3", vec![person("1", "Ivan Ivanovich Petrov", None)]),
    )
    .unwrap();
    assert_eq!(report.delisted, 1);
    let alerts = store.alerts(None).unwrap();
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].status, AlertStatus::Delisted);
}

#[test]
fn false_positive_returns_only_when_the_record_changes() {
    let (_dir, mut store, cache) = setup();
    let listed = person("2", "Peter Olsen", None);
    let report = import(
        &mut store,
        &cache,
        list("v2", vec![person("1", "Ivan Petrov", None), listed.clone()]),
    )
    .unwrap();
    assert_eq!(report.new_alerts.len(), 1);
    let id = report.new_alerts[0].id;
    let decided = decide(&mut store, id, "false-positive", "different person", "ann").unwrap();
    assert_eq!(decided.status, AlertStatus::FalsePositive);
    assert_eq!(decided.decided_by.as_deref(), Some("ann"));
    assert!(decided.decided_at.is_some());
    // Deciding twice is refused.
    assert!(decide(&mut store, id, "confirmed", "x", "bob").is_err());

    // Another entity changes; the false positive's entity is the same record: no alert,
    // even for subjects re-screened for other reasons.
    let report = import(
        &mut store,
        &cache,
        list(
            "v3",
            vec![person("1", "Ivan Petrov Olsen", None), listed.clone()],
        ),
    )
    .unwrap();
    assert!(report.new_alerts.iter().all(|a| a.entity_id != "own:2"));

    // The entity's record changes: raised again.
    let mut changed = listed;
    changed.remarks = Some("new information".into());
    let report = import(
        &mut store,
        &cache,
        list("v4", vec![person("1", "Ivan Petrov Olsen", None), changed]),
    )
    .unwrap();
    let again: Vec<_> = report
        .new_alerts
        .iter()
        .filter(|a| a.entity_id == "own:2")
        .collect();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].subject_id, "c3");
    assert_eq!(again[0].list_version, 4);
}

#[test]
fn unchanged_import_does_not_monitor() {
    let (_dir, mut store, cache) = setup();
    let same = list("v1", vec![person("1", "Ivan Ivanovich Petrov", None)]);
    assert!(import(&mut store, &cache, same).is_none());
}

/// A receiver on 127.0.0.1 that answers 500 to the first request and 200 after, and sends
/// each request's (signature header, body) to the test.
fn receiver() -> (String, mpsc::Receiver<(String, String, u16)>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
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
            let status = if n == 0 { 500 } else { 200 };
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
            );
            let _ = tx.send((signature, String::from_utf8(body).unwrap(), status));
        }
    });
    (url, rx)
}

#[test]
fn webhook_is_signed_and_retried_after_a_failure() {
    let (_dir, mut store, cache) = setup();
    let (url, rx) = receiver();
    store.add_webhook(&url, "s3cret").unwrap();
    let report = import(
        &mut store,
        &cache,
        list(
            "v2",
            vec![
                person("1", "Ivan Petrov", None),
                person("2", "Jane Doe", None),
            ],
        ),
    )
    .unwrap();
    assert_eq!(report.new_alerts.len(), 1);
    let policy = RetryPolicy {
        base_delay: Duration::from_millis(100),
        ..RetryPolicy::default()
    };
    let delivered = deliver_pending(&mut store, &policy, Duration::from_secs(5)).unwrap();
    assert_eq!((delivered.delivered, delivered.retrying), (1, 1));
    let (first_sig, first_body, first_status) = rx.recv_timeout(Duration::from_secs(5)).unwrap();
    let (sig, body, status) = rx.recv_timeout(Duration::from_secs(5)).unwrap();
    assert_eq!((first_status, status), (500, 200));
    assert_eq!(first_body, body);
    // The receiver's check: HMAC-SHA256 of the body with the shared secret.
    assert_eq!(sig, sign("s3cret", body.as_bytes()));
    assert_eq!(first_sig, sig);
    assert_ne!(sig, sign("wrong", body.as_bytes()));
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["event"], "alert.created");
    assert_eq!(json["alert"]["subject_id"], "c1");
    assert_eq!(json["alert"]["entity_id"], "own:2");
    assert_eq!(store.outbox_counts().unwrap(), (0, 1, 0));
}
