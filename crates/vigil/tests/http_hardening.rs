//! Hardening of the HTTP service, for bugs found by schema-based fuzzing (bench/fuzz_api.sh):
//! every error is a JSON body, whichever layer rejects the request, and the yente endpoint
//! bounds the work one request may ask for. Uses the small fixture list; no shared data.

mod common;

use common::fixture;

use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// A running server on the fixture list with an admin key. Fields drop in order: the server
/// is stopped before its data folder is removed.
struct Server {
    _process: common::Server,
    base: String,
    key: String,
    dir: tempfile::TempDir,
}

/// A server on the fixture list with an admin key, started with `extra` flags.
fn serve(extra: &[&str]) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let list = fixture("own-list-v1.csv");
    let list = list.to_str().unwrap();
    let args = [
        "lists", "import", "--source", "own", "--format", "csv", list,
    ];
    assert!(common::run(dir.path(), &args).status.success());
    let key = common::new_key(dir.path(), "hardening", "admin");
    let process = common::serve(dir.path(), extra);
    let base = process.base.clone();
    Server {
        _process: process,
        base,
        key,
        dir,
    }
}

struct Reply {
    status: u16,
    content_type: String,
    allow: Option<String>,
    body: Value,
}

/// Sends a request with the admin key; `content_type` `None` sends none.
fn call(
    server: &Server,
    method: &str,
    path: &str,
    content_type: Option<&str>,
    body: &str,
) -> Reply {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();
    let mut request = http_request(method, &format!("{}{path}", server.base));
    request.headers_mut().insert(
        "Authorization",
        format!("Bearer {}", server.key).parse().unwrap(),
    );
    if let Some(content_type) = content_type {
        request
            .headers_mut()
            .insert("Content-Type", content_type.parse().unwrap());
    }
    let request = request.map(|()| body.to_owned());
    let mut response = agent.run(request).unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let content_type = header("content-type").unwrap_or_default();
    let allow = header("allow");
    let text = response.body_mut().read_to_string().unwrap();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Reply {
        status: response.status().as_u16(),
        content_type,
        allow,
        body,
    }
}

fn http_request(method: &str, url: &str) -> ureq::http::Request<()> {
    ureq::http::Request::builder()
        .method(method)
        .uri(url)
        .body(())
        .unwrap()
}

/// The service's error shape, with the status repeated in the body.
fn assert_json_error(reply: &Reply, status: u16) {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert!(
        reply.content_type.starts_with("application/json"),
        "{}",
        reply.content_type
    );
    assert_eq!(reply.body["error"]["status"], status, "{}", reply.body);
    let message = reply.body["error"]["message"].as_str().unwrap_or_default();
    assert!(!message.is_empty(), "{}", reply.body);
}

#[test]
fn every_rejection_is_a_json_error() {
    let server = serve(&["--max-body-bytes", "4096"]);
    let json = Some("application/json");

    // Path and query parameters that do not parse (axum answered these in plain text).
    let reply = call(&server, "GET", "/v1/alerts/not-a-number", None, "");
    assert_json_error(&reply, 400);
    assert!(reply.body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("not-a-number"));
    let reply = call(
        &server,
        "GET",
        "/v1/lists/own/diff?version=latest",
        None,
        "",
    );
    assert_json_error(&reply, 400);
    assert!(reply.body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("version"));
    assert_json_error(
        &call(
            &server,
            "GET",
            "/v1/alerts?status=open&status=open",
            None,
            "",
        ),
        400,
    );
    // yente's routes answer in yente's shape: `{"detail": ...}`, 422 for bad parameters.
    let reply = call(&server, "POST", "/match/default?threshold=high", json, "{}");
    assert_eq!(reply.status, 422);
    assert!(reply.body["detail"].as_str().unwrap().contains("threshold"));
    assert_json_error(
        &call(&server, "POST", "/v1/subjects?colour=red", json, "[]"),
        400,
    );

    // A method the route does not serve: 405 (it had an empty body), keeping `Allow`.
    let reply = call(&server, "GET", "/v1/screen", None, "");
    assert_json_error(&reply, 405);
    assert_eq!(reply.allow.as_deref(), Some("POST"));

    // A body over --max-body-bytes (the limit layer answered in plain text).
    let name = "a".repeat(5000);
    let reply = call(
        &server,
        "POST",
        "/v1/screen",
        json,
        &json!({ "name": name }).to_string(),
    );
    assert_json_error(&reply, 413);

    // Handlers' own errors are unchanged.
    assert_json_error(&call(&server, "POST", "/v1/compare", None, "{}"), 415);
    assert_json_error(&call(&server, "GET", "/v1/nothing-here", None, ""), 404);
    let reply = call(
        &server,
        "POST",
        "/v1/screen",
        json,
        r#"{"name": "A", "birth_date": "1950-13"}"#,
    );
    assert_json_error(&reply, 400);
    assert_eq!(reply.body["error"]["field"], "birth_date");

    // Successful plain-text answers stay plain text.
    let metrics = call(&server, "GET", "/metrics", None, "");
    assert_eq!(metrics.status, 200);
    assert!(metrics
        .content_type
        .starts_with("application/openmetrics-text"));
}

#[test]
fn yente_match_bounds_queries_and_names() {
    let server = serve(&["--max-batch", "3"]);
    let json = Some("application/json");
    let query = |name: &str| json!({"schema": "Person", "properties": {"name": [name]}});

    let ok = json!({"queries": {"a": query("Hafiz Saeed"), "b": query("Jane Doe")}});
    let reply = call(&server, "POST", "/match/default", json, &ok.to_string());
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        reply.body["responses"]["a"]["results"][0]["id"],
        "own-OWN-1"
    );
    assert_eq!(reply.body["responses"]["b"]["total"]["value"], 0);
    assert_eq!(reply.body["responses"]["a"]["query"]["schema"], "Person");

    // More queries than --max-batch.
    let queries: serde_json::Map<String, Value> = (0..4)
        .map(|i| (format!("q{i}"), query("Hafiz Saeed")))
        .collect();
    let reply = call(
        &server,
        "POST",
        "/match/default",
        json,
        &json!({ "queries": queries }).to_string(),
    );
    assert_eq!(reply.status, 400, "{}", reply.body);
    assert!(reply.body["detail"]
        .as_str()
        .unwrap()
        .contains("Too many queries"));

    // One query carrying more names and aliases than the service screens per request.
    let aliases: Vec<String> = (0..10_001).map(|i| format!("Alias {i}")).collect();
    let many = json!({"queries": {"q": {"schema": "Person", "properties": {"alias": aliases}}}});
    let reply = call(&server, "POST", "/match/default", json, &many.to_string());
    assert_eq!(reply.status, 400, "{}", reply.body);
    assert!(
        reply.body["detail"]
            .as_str()
            .unwrap()
            .contains("10001 names"),
        "{}",
        reply.body
    );
}

/// The screen response is serialised straight from the results (explanations included),
/// and the audit trail keeps the results without their explanations.
#[test]
fn screen_answers_with_explanations_and_audits_without() {
    let server = serve(&[]);
    let json = Some("application/json");
    let reply = call(
        &server,
        "POST",
        "/v1/screen",
        json,
        r#"{"name": "Lashkar-e-Taiba"}"#,
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["query_id"], "0");
    let top = &reply.body["results"][0];
    assert_eq!(top["entity_id"], "own:OWN-2");
    assert!(top["explanation"].is_object(), "{top}");
    let batch = json!({"queries": [{"id": "x", "name": "Zaki-ur-Rehman Lakhvi"}]});
    let reply = call(&server, "POST", "/v1/screen", json, &batch.to_string());
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["responses"][0]["query_id"], "x");
    assert_eq!(
        reply.body["responses"][0]["results"][0]["entity_id"],
        "own:OWN-3"
    );

    let dir = server.dir.path().to_owned();
    // Stopping the server (SIGKILL) may lose queued records; wait until both are written.
    let deadline = Instant::now() + Duration::from_secs(10);
    let records = loop {
        let out = common::run(&dir, &["audit", "export", "--since", "2000-01-01"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let records: Vec<Value> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .filter(|r| r["action"] == "screen")
            .collect();
        if records.len() == 2 || Instant::now() > deadline {
            break records;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(records.len(), 2);
    let single = &records[0]["response"][0];
    assert_eq!(single["query_id"], "0");
    assert_eq!(single["results"][0]["entity_id"], "own:OWN-2");
    assert!(single["results"][0]["score"].as_f64().unwrap() >= 0.8);
    assert!(
        single["results"][0].get("explanation").is_none(),
        "{single}"
    );
    assert_eq!(records[1]["response"][0]["query_id"], "x");
    assert_eq!(records[1]["request"][0]["name"], "Zaki-ur-Rehman Lakhvi");
}
