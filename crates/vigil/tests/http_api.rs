//! The HTTP service end to end: the real `vigil serve` on 127.0.0.1, spoken to over HTTP.
//! Uses the project's own small list fixtures, so it needs no shared data.

mod common;

use common::{fixture, vigil};

use common::{agent, new_key, serve, Server};
use serde_json::{json, Value};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

fn get(server: &Server, path: &str, key: Option<&str>) -> (u16, String) {
    let mut req = agent().get(format!("{}{path}", server.base));
    if let Some(key) = key {
        req = req.header("Authorization", format!("Bearer {key}"));
    }
    let mut resp = req.call().unwrap();
    (
        resp.status().as_u16(),
        resp.body_mut().read_to_string().unwrap(),
    )
}

fn post(server: &Server, path: &str, auth: Option<&str>, body: &str) -> (u16, Value) {
    let mut req = agent()
        .post(format!("{}{path}", server.base))
        .header("Content-Type", "application/json");
    if let Some(auth) = auth {
        req = req.header("Authorization", auth);
    }
    let mut resp = req.send(body).unwrap();
    let status = resp.status().as_u16();
    let text = resp.body_mut().read_to_string().unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

fn bearer(key: &str) -> String {
    format!("Bearer {key}")
}

fn setup() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let v1 = fixture("own-list-v1.csv");
    vigil(
        dir.path(),
        &[
            "lists",
            "import",
            "--source",
            "own",
            "--format",
            "csv",
            v1.to_str().unwrap(),
        ],
    );
    let screener = new_key(dir.path(), "bank-ops", "screener");
    let admin = new_key(dir.path(), "list-admin", "admin");
    (dir, screener, admin)
}

#[test]
fn screening_auth_errors_and_audit() {
    let (dir, screener, admin) = setup();
    let server = serve(dir.path(), &[]);
    let auth = bearer(&screener);

    let (status, body) = post(
        &server,
        "/v1/screen",
        Some(&auth),
        r#"{"name": "Lashkar-e-Taiba"}"#,
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["results"][0]["entity_id"], "own:OWN-2");
    assert!(body["results"][0]["score"].as_f64().unwrap() >= 0.8);

    // yente clients send `ApiKey KEY`.
    let apikey = format!("ApiKey {screener}");
    let batch = json!({"queries": [
        {"id": "a", "name": "Hafiz Saeed", "birth_date": "1950", "nationality": "PK"},
        {"id": "b", "name": "Jane Doe"}
    ]});
    let (status, body) = post(&server, "/v1/screen", Some(&apikey), &batch.to_string());
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["responses"][0]["query_id"], "a");
    assert_eq!(body["responses"][0]["results"][0]["entity_id"], "own:OWN-1");
    assert_eq!(body["responses"][1]["results"], json!([]));

    // Auth: missing, wrong, wrong role.
    assert_eq!(post(&server, "/v1/screen", None, r#"{"name": "x"}"#).0, 401);
    assert_eq!(
        post(
            &server,
            "/v1/screen",
            Some("Bearer nope"),
            r#"{"name": "x"}"#
        )
        .0,
        401
    );
    let (status, _) = post(
        &server,
        "/v1/lists/own/import?format=csv",
        Some(&auth),
        "id,schema,name\n",
    );
    assert_eq!(status, 403);

    // Bad input: a 400 naming the field, never a 500.
    let (status, body) = post(
        &server,
        "/v1/screen",
        Some(&auth),
        r#"{"name": "x", "colour": 1}"#,
    );
    assert_eq!(status, 400);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("colour"),
        "{body}"
    );
    let (status, body) = post(&server, "/v1/screen", Some(&auth), r#"{"name": 42}"#);
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (400, Some("name")),
        "{body}"
    );
    let (status, body) = post(
        &server,
        "/v1/screen",
        Some(&auth),
        r#"{"name": "A", "birth_date": "1950-13"}"#,
    );
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (400, Some("birth_date")),
        "{body}"
    );
    assert_eq!(
        post(&server, "/v1/screen", Some(&auth), r#"{"name": "#).0,
        400
    );
    assert_eq!(
        post(&server, "/v1/screen", Some(&auth), r#"{"name": "?!"}"#).0,
        400
    );
    let too_many = json!({"queries": vec![json!({"name": "A"}); 1001]});
    let (status, body) = post(&server, "/v1/screen", Some(&auth), &too_many.to_string());
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (400, Some("queries")),
        "{body}"
    );

    // yente-compatible /match.
    let yente = json!({"queries": {"q1": {"schema": "Person", "properties": {
        "name": ["Hafez Mohammad Saeed"], "birthDate": ["1950-06-05"], "nationality": ["pk"]}}}});
    let (status, body) = post(
        &server,
        "/match/default?threshold=0.7",
        Some(&apikey),
        &yente.to_string(),
    );
    assert_eq!(status, 200, "{body}");
    let top = &body["responses"]["q1"]["results"][0];
    assert_eq!(top["id"], "own-OWN-1");
    assert_eq!(top["schema"], "Person");
    assert_eq!(top["match"], true);
    assert_eq!(top["properties"]["birthDate"], json!(["1950-06-05"]));
    assert_eq!(
        post(&server, "/match/nosuch", Some(&apikey), &yente.to_string()).0,
        404
    );

    // Entities, lists, compare.
    let (status, text) = get(&server, "/v1/entities/own:OWN-3", Some(&screener));
    assert_eq!(status, 200);
    assert!(text.contains("Zaki-ur-Rehman Lakhvi"));
    assert_eq!(
        get(&server, "/v1/entities/own:NOPE", Some(&screener)).0,
        404
    );
    let (status, text) = get(&server, "/v1/lists", Some(&admin));
    assert_eq!(status, 200);
    assert!(text.contains("\"source\":\"own\""), "{text}");
    let (status, body) = post(
        &server,
        "/v1/compare",
        Some(&auth),
        r#"{"name1": "Usama bin Ladin", "name2": "Osama bin Laden", "schema": "person"}"#,
    );
    assert_eq!(status, 200);
    assert!(body["score"].as_f64().unwrap() > 0.85, "{body}");

    // Operations endpoints.
    assert_eq!(get(&server, "/healthz", None).0, 200);
    let (_, metrics) = get(&server, "/metrics", None);
    assert!(metrics.contains("vigil_http_requests_total"), "{metrics}");
    assert!(metrics.contains("vigil_index_entities 4"), "{metrics}");
    let (status, spec) = get(&server, "/openapi.json", None);
    assert_eq!(status, 200);
    assert!(serde_json::from_str::<Value>(&spec).unwrap()["paths"]["/v1/screen"].is_object());

    // The audit trail has the screening, who asked and the list version that answered.
    server.stop();
    let audit = vigil(dir.path(), &["audit", "export", "--since", "2000-01-01"]);
    let records: Vec<Value> = audit
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let screen = records
        .iter()
        .find(|r| r["action"] == "screen")
        .expect("a screen record");
    assert_eq!(screen["actor"], "bank-ops");
    assert_eq!(screen["list_versions"][0]["source"], "own");
    assert_eq!(screen["list_versions"][0]["version"], 1);
    assert!(audit.contains("Lashkar-e-Taiba"));
    assert!(records.iter().any(|r| r["action"] == "match"));
}

/// Imports a new list version over HTTP while clients screen without pause: no request
/// fails, and answers switch to the new version.
#[test]
fn hot_swap_under_load_drops_no_request() {
    let (dir, screener, admin) = setup();
    let server = Arc::new(serve(dir.path(), &[]));
    let stop = Arc::new(AtomicBool::new(false));
    let ok = Arc::new(AtomicUsize::new(0));
    let failed = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let (server, stop, ok, failed) =
                (server.clone(), stop.clone(), ok.clone(), failed.clone());
            let auth = bearer(&screener);
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let (status, _) = post(
                        &server,
                        "/v1/screen",
                        Some(&auth),
                        r#"{"name": "Hafiz Saeed"}"#,
                    );
                    let counter = if status == 200 { &ok } else { &failed };
                    counter.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let v2 = std::fs::read(fixture("own-list-v2.csv")).unwrap();
    // v2 removes one of four entities: the import guard wants it confirmed.
    let mut refused = agent()
        .post(format!("{}/v1/lists/own/import?format=csv", server.base))
        .header("Authorization", bearer(&admin))
        .header("Content-Type", "text/csv")
        .send(&v2[..])
        .unwrap();
    let text = refused.body_mut().read_to_string().unwrap();
    assert_eq!(refused.status().as_u16(), 409, "{text}");
    assert!(text.contains("removes 1 of the 4 entities"), "{text}");
    let mut resp = agent()
        .post(format!(
            "{}/v1/lists/own/import?format=csv&allow_shrink=true",
            server.base
        ))
        .header("Authorization", bearer(&admin))
        .header("Content-Type", "text/csv")
        .send(&v2[..])
        .unwrap();
    let text = resp.body_mut().read_to_string().unwrap();
    assert_eq!(resp.status().as_u16(), 200, "{text}");
    std::thread::sleep(Duration::from_millis(300));
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        w.join().unwrap();
    }
    assert_eq!(failed.load(Ordering::Relaxed), 0);
    assert!(ok.load(Ordering::Relaxed) > 10);

    let auth = bearer(&screener);
    let (_, body) = post(
        &server,
        "/v1/screen",
        Some(&auth),
        r#"{"name": "Abdul Rauf Azhar"}"#,
    );
    assert_eq!(body["results"][0]["entity_id"], "own:OWN-5", "{body}");
    let (status, text) = get(&server, "/v1/lists/own/diff", Some(&screener));
    assert_eq!(status, 200);
    let diff: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(diff["added"][0]["id"], "own:OWN-5");
    assert_eq!(diff["removed"][0]["id"], "own:OWN-3");
    assert_eq!(diff["changed"][0]["id"], "own:OWN-4");

    // An invalid upload is refused and changes nothing.
    let mut resp = agent()
        .post(format!("{}/v1/lists/own/import?format=csv", server.base))
        .header("Authorization", bearer(&admin))
        .send("id,schema,name\nX,starship,Enterprise\n")
        .unwrap();
    assert_eq!(
        resp.status().as_u16(),
        422,
        "{}",
        resp.body_mut().read_to_string().unwrap()
    );
    let (_, text) = get(&server, "/v1/lists", Some(&screener));
    assert!(text.contains("\"version\":2"), "{text}");
}

#[test]
fn no_auth_mode_serves_without_keys() {
    let (dir, _, _) = setup();
    let server = serve(dir.path(), &["--no-auth"]);
    let (status, body) = post(
        &server,
        "/v1/screen",
        None,
        r#"{"name": "Jaish-e-Mohammad"}"#,
    );
    assert_eq!(status, 200);
    assert_eq!(body["results"][0]["entity_id"], "own:OWN-4");
}

fn payment_fixture(name: &str) -> Vec<u8> {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../vigil-formats/tests/fixtures/payments");
    std::fs::read(dir.join(name)).unwrap()
}

#[test]
fn payments_screen_holds_listed_creditor_and_rejects_bad_xml() {
    let (dir, screener, _) = setup();
    let server = serve(dir.path(), &[]);
    let send = |bytes: Vec<u8>| {
        let mut resp = agent()
            .post(format!("{}/v1/payments/screen", server.base))
            .header("Authorization", bearer(&screener))
            .header("Content-Type", "application/xml")
            .send(&bytes[..])
            .unwrap();
        let text = resp.body_mut().read_to_string().unwrap();
        (
            resp.status().as_u16(),
            serde_json::from_str::<Value>(&text).unwrap(),
        )
    };
    let (status, body) = send(payment_fixture("pacs008_001_08_listed_creditor.xml"));
    assert_eq!(status, 200, "{body}");
    let held: Vec<&Value> = body["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["decision"] == "hold")
        .collect();
    assert!(!held.is_empty(), "{body}");
    assert!(body.to_string().contains("own:OWN-1"), "{body}");
    let (status, body) = send(payment_fixture("bad_not_well_formed.xml"));
    assert_eq!(status, 422, "{body}");
    assert!(
        body["error"]["message"].as_str().unwrap().contains("line"),
        "{body}"
    );
}

#[test]
fn travel_screen_flags_listed_traveller() {
    let (dir, screener, _) = setup();
    let server = serve(dir.path(), &[]);
    let manifest = "name,birth_date,nationality,document_number,role\n\
                    Hafez Mohammad Saeed,1950-06-05,PAK,X1234567,passenger\n\
                    Maria Lopez Garcia,1984-02-11,ESP,PAE123456,crew\n";
    let mut resp = agent()
        .post(format!("{}/v1/travel/screen", server.base))
        .header("Authorization", bearer(&screener))
        .header("Content-Type", "text/csv")
        .send(manifest)
        .unwrap();
    let text = resp.body_mut().read_to_string().unwrap();
    assert_eq!(resp.status().as_u16(), 200, "{text}");
    let body: Value = serde_json::from_str(&text).unwrap();
    let travellers = body["travellers"].as_array().unwrap();
    assert_eq!(travellers.len(), 2, "{body}");
    assert_ne!(travellers[0]["verdict"], "clear", "{body}");
    assert_eq!(travellers[0]["matches"][0]["entity_id"], "own:OWN-1");
    assert_eq!(travellers[1]["verdict"], "clear", "{body}");
    let mut resp = agent()
        .post(format!("{}/v1/travel/screen", server.base))
        .header("Authorization", bearer(&screener))
        .send("UNA:+.? 'UNB+UNOX:4+A+B+210101:1200+1'")
        .unwrap();
    assert_eq!(
        resp.status().as_u16(),
        422,
        "{}",
        resp.body_mut().read_to_string().unwrap()
    );
}

#[test]
fn scan_finds_mentions_in_text_and_html() {
    let (dir, screener, _) = setup();
    let server = serve(dir.path(), &[]);
    let text = "Officials named Lashkar-e-Taiba (LeT) and its founder Hafiz Saeed. LeT denied it.";
    let (status, body) = post(
        &server,
        "/v1/scan",
        Some(&bearer(&screener)),
        &json!({"text": text}).to_string(),
    );
    assert_eq!(status, 200, "{body}");
    let ids: Vec<&str> = body["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["entity_id"].as_str().unwrap())
        .collect();
    assert!(
        ids.iter().filter(|id| **id == "own:OWN-2").count() >= 2,
        "{body}"
    );
    assert!(ids.contains(&"own:OWN-1"), "{body}");
    let first = &body["mentions"][0];
    let (start, end) = (
        first["start"].as_u64().unwrap() as usize,
        first["end"].as_u64().unwrap() as usize,
    );
    let written: String = text.chars().skip(start).take(end - start).collect();
    assert_eq!(written, first["text"].as_str().unwrap());

    let html = "<html><body><p>The <b>Jaish-e-Mohammad</b> group.</p></body></html>";
    let mut resp = agent()
        .post(format!("{}/v1/scan", server.base))
        .header("Authorization", bearer(&screener))
        .header("Content-Type", "text/html")
        .send(html)
        .unwrap();
    let body: Value = serde_json::from_str(&resp.body_mut().read_to_string().unwrap()).unwrap();
    assert_eq!(body["mentions"][0]["entity_id"], "own:OWN-4", "{body}");
}

/// Hostile uploads from outside: a 60,000-deep UN file used to overflow a worker's stack
/// and abort the whole server; a pacs.008 with 100,000 attributes kept a core busy 16 s.
/// Both are refused quickly and the server keeps serving.
#[test]
fn hostile_bodies_are_refused_and_the_server_survives() {
    let (dir, screener, admin) = setup();
    let server = serve(dir.path(), &[]);
    let send = |path: &str, key: &str, body: Vec<u8>| {
        let started = std::time::Instant::now();
        let mut resp = agent()
            .post(format!("{}{path}", server.base))
            .header("Authorization", bearer(key))
            .header("Content-Type", "application/xml")
            .send(&body[..])
            .unwrap();
        let text = resp.body_mut().read_to_string().unwrap();
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{path}: {text}"
        );
        (resp.status().as_u16(), text)
    };
    let depth = 60_000;
    let nested = format!(
        "<CONSOLIDATED_LIST><INDIVIDUALS>{}{}</INDIVIDUALS></CONSOLIDATED_LIST>",
        "<INDIVIDUAL>".repeat(depth),
        "</INDIVIDUAL>".repeat(depth)
    );
    let (status, text) = send("/v1/lists/un-sc/import", &admin, nested.into_bytes());
    assert_eq!(status, 422, "{text}");
    assert!(text.contains("deeper than 64 levels"), "{text}");

    let attributes: String = (0..100_000).map(|i| format!(" a{i}=\"{i}\"")).collect();
    let pacs = String::from_utf8(payment_fixture("pacs008_001_08_listed_creditor.xml"))
        .unwrap()
        .replacen("<MsgId>", &format!("<MsgId{attributes}>"), 1);
    let (status, text) = send("/v1/payments/screen", &screener, pacs.into_bytes());
    assert_eq!(status, 422, "{text}");
    assert!(text.contains("100000 attributes"), "{text}");

    let (status, body) = post(
        &server,
        "/v1/screen",
        Some(&bearer(&screener)),
        r#"{"name": "Hafiz Saeed"}"#,
    );
    assert_eq!(status, 200, "{body}");
}
