//! Access control from outside, as an attacker would try it: key revocation, role changes
//! and partner removal apply to the very next request of a running `vigil serve`; every
//! route checks its permission; JSON endpoints share one Content-Type rule. Uses the small
//! fixture list; no shared data.

mod common;

use common::{fixture, vigil};

use serde_json::Value;

/// A data folder with the fixture list imported.
fn data_with_list() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let list = fixture("own-list-v1.csv");
    let list = list.to_str().unwrap();
    vigil(
        dir.path(),
        &[
            "lists", "import", "--source", "own", "--format", "csv", list,
        ],
    );
    dir
}

/// Status and JSON body (or the text as a JSON string) of one request.
fn call(
    server: &common::Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, Value) {
    try_call(server, method, path, headers, body).unwrap()
}

/// As [`call`], but a connection the server closed while the body was still being sent
/// (as it may after answering 413 from the Content-Length) is an error, not a panic.
fn try_call(
    server: &common::Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Result<(u16, Value), ureq::Error> {
    let mut request = ureq::http::Request::builder()
        .method(method)
        .uri(format!("{}{path}", server.base));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut response = common::agent().run(request.body(body.to_owned()).unwrap())?;
    let text = response.body_mut().read_to_string()?;
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Ok((response.status().as_u16(), body))
}

/// 413, or the connection closed after the server refused the body.
fn assert_too_large(reply: Result<(u16, Value), ureq::Error>) {
    match reply {
        Ok((status, body)) => assert_eq!(status, 413, "{body}"),
        Err(ureq::Error::Io(e)) => assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe),
        Err(e) => panic!("{e}"),
    }
}

fn get(server: &common::Server, path: &str, key: &str) -> (u16, Value) {
    call(server, "GET", path, &[("Authorization", &bearer(key))], "")
}

fn bearer(key: &str) -> String {
    format!("Bearer {key}")
}

#[test]
fn revoked_key_is_refused_on_the_very_next_request() {
    let data = data_with_list();
    let key = common::new_key(data.path(), "leaver", "screener");
    let server = common::serve(data.path(), &[]);
    // Twice, so the second answer comes from the server's key cache.
    assert_eq!(get(&server, "/v1/lists", &key).0, 200);
    assert_eq!(get(&server, "/v1/lists", &key).0, 200);
    vigil(data.path(), &["keys", "revoke", "leaver"]);
    let (status, body) = get(&server, "/v1/lists", &key);
    assert_eq!(status, 401, "a revoked key still works: {body}");
}

#[test]
fn role_change_applies_on_the_very_next_request() {
    let data = data_with_list();
    let key = common::new_key(data.path(), "desk", "analyst");
    let server = common::serve(data.path(), &[]);
    assert_eq!(get(&server, "/v1/alerts", &key).0, 200);
    assert_eq!(get(&server, "/v1/alerts", &key).0, 200);
    vigil(data.path(), &["keys", "role", "desk", "--role", "screener"]);
    let (status, body) = get(&server, "/v1/alerts", &key);
    assert_eq!(status, 403, "a demoted key keeps its old role: {body}");
    // And back up: a promotion is as immediate.
    vigil(data.path(), &["keys", "role", "desk", "--role", "analyst"]);
    assert_eq!(get(&server, "/v1/alerts", &key).0, 200);
}

#[test]
fn removed_partner_is_refused_on_the_very_next_request() {
    use base64::Engine;
    let data = data_with_list();
    let out = vigil(
        data.path(),
        &[
            "partners",
            "add",
            "--name",
            "gone",
            "--max-tlp",
            "amber",
            "--collection",
            "designations",
            "--read",
        ],
    );
    let credentials = out.lines().last().unwrap().trim();
    let basic = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(credentials)
    );
    let server = common::serve(data.path(), &[]);
    let headers = [
        ("Authorization", basic.as_str()),
        ("Accept", "application/taxii+json;version=2.1"),
    ];
    let path = "/taxii2/vigil/collections/";
    assert_eq!(call(&server, "GET", path, &headers, "").0, 200);
    assert_eq!(call(&server, "GET", path, &headers, "").0, 200);
    vigil(data.path(), &["partners", "remove", "gone"]);
    let (status, body) = call(&server, "GET", path, &headers, "");
    assert_eq!(status, 401, "a removed partner still gets in: {body}");
}

/// Each route with a body it accepts, and the least role allowed to call it.
const ROUTES: &[(&str, &str, &str, &str, &str)] = &[
    // (method, path, content type, body, least role)
    (
        "POST",
        "/v1/screen",
        "application/json",
        r#"{"name":"x"}"#,
        "screener",
    ),
    (
        "POST",
        "/v1/compare",
        "application/json",
        r#"{"a":"x","b":"y"}"#,
        "screener",
    ),
    ("GET", "/v1/lists", "", "", "screener"),
    ("GET", "/v1/lists/own/diff", "", "", "screener"),
    ("GET", "/v1/entities/own:nobody", "", "", "screener"),
    ("POST", "/v1/scan", "text/plain", "nothing here", "screener"),
    ("GET", "/v1/alerts", "", "", "analyst"),
    ("GET", "/v1/alerts/999", "", "", "analyst"),
    (
        "POST",
        "/v1/alerts/999/decision",
        "application/json",
        r#"{"decision":"false_positive","reason":"other person"}"#,
        "analyst",
    ),
    (
        "POST",
        "/v1/subjects?set=retail",
        "application/json",
        r#"[{"id":"c1","name":"Jane Roe"}]"#,
        "supervisor",
    ),
    ("GET", "/v1/webhooks", "", "", "admin"),
    (
        "POST",
        "/v1/webhooks",
        "application/json",
        r#"{"url":"http://127.0.0.1:9/hook","secret":"s"}"#,
        "admin",
    ),
    (
        "POST",
        "/v1/lists/own/import?format=csv",
        "text/csv",
        "id,schema,name\nOWN-9,person,Someone Else\n",
        "admin",
    ),
];

const ROLES: [&str; 4] = ["screener", "analyst", "supervisor", "admin"];

#[test]
fn every_route_checks_its_role() {
    let data = data_with_list();
    let keys: Vec<String> = ROLES
        .iter()
        .map(|role| common::new_key(data.path(), role, role))
        .collect();
    let server = common::serve(data.path(), &[]);
    for &(method, path, content_type, body, least) in ROUTES {
        let least_rank = ROLES.iter().position(|r| *r == least).unwrap();
        for (rank, key) in keys.iter().enumerate() {
            let auth = bearer(key);
            let mut headers = vec![("Authorization", auth.as_str())];
            if !content_type.is_empty() {
                headers.push(("Content-Type", content_type));
            }
            let (status, reply) = call(&server, method, path, &headers, body);
            let role = ROLES[rank];
            if rank < least_rank {
                assert_eq!(status, 403, "{role} may not {method} {path}: {reply}");
                let message = reply["error"]["message"].as_str().unwrap_or_default();
                assert!(
                    message.contains(&format!("needs the {least} role")) && message.contains(role),
                    "{method} {path}: {message}"
                );
            } else {
                assert_ne!(status, 403, "{role} may {method} {path}: {reply}");
                assert_ne!(status, 401, "{role} {method} {path}: {reply}");
            }
        }
    }
}

#[test]
fn bodies_are_capped_by_the_configured_limits_per_route() {
    let data = data_with_list();
    let key = common::new_key(data.path(), "admin", "admin");
    // Bodies above axum's default 2 MiB but within the configured limits are accepted.
    let server = common::serve(
        data.path(),
        &[
            "--max-body-bytes",
            "2500000",
            "--max-import-bytes",
            "3500000",
        ],
    );
    let auth = bearer(&key);
    let json = [
        ("Authorization", auth.as_str()),
        ("Content-Type", "application/json"),
    ];
    // The body is read whole (and then refused for its unknown field), not cut at 2 MiB.
    let padded = format!(r#"{{"name": "x", "pad": "{}"}}"#, "x".repeat(2_200_000));
    let (status, body) = call(&server, "POST", "/v1/screen", &json, &padded);
    assert_eq!(status, 400, "a 2.2 MB body under --max-body-bytes: {body}");
    assert!(body.to_string().contains("pad"), "{body}");
    let too_big = format!(r#"{{"name": "x", "pad": "{}"}}"#, "x".repeat(2_600_000));
    assert_too_large(try_call(&server, "POST", "/v1/screen", &json, &too_big));
    // A 3 MB upload is read whole under --max-import-bytes although it exceeds the body
    // limit: the parser answers (a CSV without the `schema` column), not the 413.
    let csv = format!(
        "id,name\n{}",
        "OWN-1,Listed Person Of The Big Fixture\n".repeat(80_000)
    );
    assert!(csv.len() > 3_000_000);
    let csv_headers = [
        ("Authorization", auth.as_str()),
        ("Content-Type", "text/csv"),
    ];
    let path = "/v1/lists/own/import?format=csv";
    let (status, body) = call(&server, "POST", path, &csv_headers, &csv);
    assert_eq!(status, 422, "a 3 MB list under --max-import-bytes: {body}");
    assert!(body.to_string().contains("schema"), "{body}");
    let bigger = csv.repeat(2);
    assert_too_large(try_call(&server, "POST", path, &csv_headers, &bigger));
}

#[test]
fn list_names_outside_the_documented_set_are_refused() {
    let data = data_with_list();
    let key = common::new_key(data.path(), "admin", "admin");
    let list = fixture("own-list-v1.csv");
    for bad in ["../../etc/passwd", "a/b", "x%00", "Own"] {
        let out = common::run(
            data.path(),
            &[
                "lists",
                "import",
                "--source",
                bad,
                "--format",
                "csv",
                list.to_str().unwrap(),
            ],
        );
        assert!(!out.status.success(), "{bad} imported");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("a-z, 0-9"), "{bad}: {stderr}");
    }
    let server = common::serve(data.path(), &[]);
    let auth = bearer(&key);
    let headers = [
        ("Authorization", auth.as_str()),
        ("Content-Type", "text/csv"),
    ];
    for bad in ["..%2F..%2Fetc%2Fpasswd", "x%2500", "x%00", "Own"] {
        let path = format!("/v1/lists/{bad}/import?format=csv");
        let (status, body) = call(&server, "POST", &path, &headers, "id,name\nx:1,A B\n");
        assert_eq!(status, 400, "{bad}: {body}");
        assert!(body.to_string().contains("a-z, 0-9"), "{bad}: {body}");
    }
    let (_, lists) = get(&server, "/v1/lists", &key);
    assert_eq!(lists["lists"].as_array().unwrap().len(), 1, "{lists}");
}

#[test]
fn json_endpoints_share_one_content_type_rule() {
    let data = data_with_list();
    let key = common::new_key(data.path(), "admin", "admin");
    let server = common::serve(data.path(), &[]);
    let auth = bearer(&key);
    let json_routes = [
        ("/v1/screen", r#"{"name":"x"}"#),
        ("/v1/compare", r#"{"a":"x","b":"y"}"#),
        (
            "/v1/alerts/1/decision",
            r#"{"decision":"false_positive","reason":"r"}"#,
        ),
        (
            "/v1/webhooks",
            r#"{"url":"http://127.0.0.1:9/","secret":"s"}"#,
        ),
        ("/match/default", r#"{"queries":{}}"#),
    ];
    for (path, body) in json_routes {
        for wrong in [
            None,
            Some("text/plain"),
            Some("application/xml"),
            Some("multipart/form-data; boundary=x"),
            Some("application/jsonx"),
            Some("text/json+xml"),
        ] {
            let mut headers = vec![("Authorization", auth.as_str())];
            if let Some(wrong) = wrong {
                headers.push(("Content-Type", wrong));
            }
            let (status, reply) = call(&server, "POST", path, &headers, body);
            assert_eq!(status, 415, "{path} with {wrong:?}: {reply}");
        }
        for right in [
            "application/json",
            "application/json; charset=utf-8",
            "Application/JSON",
        ] {
            let headers = [("Authorization", auth.as_str()), ("Content-Type", right)];
            let (status, reply) = call(&server, "POST", path, &headers, body);
            assert_ne!(status, 415, "{path} with {right}: {reply}");
        }
    }
    // Endpoints that take files or text keep their documented types, and refuse others.
    let subjects = [
        ("Authorization", auth.as_str()),
        ("Content-Type", "application/xml"),
    ];
    let (status, _) = call(&server, "POST", "/v1/subjects?set=s", &subjects, "<x/>");
    assert_eq!(status, 415);
    let scan = [
        ("Authorization", auth.as_str()),
        ("Content-Type", "application/xml"),
    ];
    assert_eq!(call(&server, "POST", "/v1/scan", &scan, "<x/>").0, 415);
    let scan = [
        ("Authorization", auth.as_str()),
        ("Content-Type", "text/html"),
    ];
    assert_eq!(call(&server, "POST", "/v1/scan", &scan, "<p>hi</p>").0, 200);
}
