//! yente fidelity: request fixtures written from yente's documented API
//! (`fixtures/yente/match-cases.json`) sent to a live `vigil serve`, each answer checked
//! against its expectations and read into yente's response models (below, mirroring
//! yente's pydantic models field for field). Uses the project's own fixture lists.

mod common;

use common::fixture;

use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// yente's `ErrorResponse`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct ErrorResponse {
    detail: String,
}

/// yente's `EntityResponse`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct EntityResponse {
    id: String,
    caption: String,
    schema: String,
    properties: BTreeMap<String, Vec<Value>>,
    datasets: Vec<String>,
    referents: Vec<String>,
    target: bool,
    first_seen: Option<String>,
    last_seen: Option<String>,
    last_change: Option<String>,
}

/// yente's `SearchResponse` (facets as `SearchFacet`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct SearchResponse {
    limit: u64,
    offset: u64,
    total: TotalSpec,
    results: Vec<EntityResponse>,
    facets: BTreeMap<String, SearchFacet>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct SearchFacet {
    label: String,
    values: Vec<SearchFacetItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct SearchFacetItem {
    name: String,
    label: String,
    count: u64,
}

/// yente's `EntityMatchResponse`, `EntityMatches`, `ScoredEntityResponse` and friends.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct EntityMatchResponse {
    responses: BTreeMap<String, EntityMatches>,
    limit: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct EntityMatches {
    status: u16,
    results: Vec<ScoredEntityResponse>,
    total: TotalSpec,
    query: EntityExample,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct TotalSpec {
    value: u64,
    relation: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct EntityExample {
    id: Option<String>,
    schema: String,
    properties: BTreeMap<String, Vec<Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct ScoredEntityResponse {
    id: String,
    caption: String,
    schema: String,
    properties: BTreeMap<String, Vec<String>>,
    datasets: Vec<String>,
    referents: Vec<String>,
    target: bool,
    first_seen: Option<String>,
    last_seen: Option<String>,
    last_change: Option<String>,
    score: f64,
    explanations: BTreeMap<String, FeatureResult>,
    #[serde(rename = "match")]
    is_match: bool,
}

/// nomenklatura's `FeatureResult`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct FeatureResult {
    detail: Option<String>,
    score: f64,
    query: Option<String>,
    candidate: Option<String>,
}

fn check_model(model: &str, body: &Value) -> Result<(), String> {
    let value = body.clone();
    match model {
        "EntityMatchResponse" => serde_json::from_value::<EntityMatchResponse>(value).map(drop),
        "ErrorResponse" => serde_json::from_value::<ErrorResponse>(value).map(drop),
        "EntityResponse" => serde_json::from_value::<EntityResponse>(value).map(drop),
        "SearchResponse" => serde_json::from_value::<SearchResponse>(value).map(drop),
        other => panic!("no model {other}"),
    }
    .map_err(|e| e.to_string())
}

/// A server on the CSV fixture (source `own`) and an FtM fixture (source `watch`).
fn serve() -> (common::Server, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    for (source, format, file) in [
        ("own", "csv", "own-list-v1.csv"),
        ("watch", "ftm", "yente/watch.ftm.json"),
    ] {
        let path = fixture(file);
        let args = [
            "lists",
            "import",
            "--source",
            source,
            "--format",
            format,
            path.to_str().unwrap(),
        ];
        let out = common::run(dir.path(), &args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let key = common::new_key(dir.path(), "yente", "screener");
    (common::serve(dir.path(), &[]), key, dir)
}

fn pointer<'a>(body: &'a Value, at: &str) -> &'a Value {
    body.pointer(at)
        .unwrap_or_else(|| panic!("no {at} in {body}"))
}

fn check_case(case: &Value, status: u16, headers: &BTreeMap<String, String>, body: &Value) {
    let name = case["name"].as_str().unwrap();
    assert_eq!(u64::from(status), case["status"], "{name}: {body}");
    if let Some(model) = case["model"].as_str() {
        check_model(model, body).unwrap_or_else(|e| panic!("{name}: not a {model}: {e}\n{body}"));
    }
    for (at, want) in case["expect"].as_object().into_iter().flatten() {
        assert_eq!(pointer(body, at), want, "{name}: {at} in {body}");
    }
    for (at, want) in case["count"].as_object().into_iter().flatten() {
        let items = pointer(body, at).as_array().unwrap();
        assert_eq!(items.len() as u64, *want, "{name}: {at} in {body}");
    }
    for (at, least) in case["min"].as_object().into_iter().flatten() {
        assert!(
            pointer(body, at).as_u64() >= least.as_u64(),
            "{name}: {at} in {body}"
        );
    }
    for (at, fields) in case["each"].as_object().into_iter().flatten() {
        for item in pointer(body, at).as_array().unwrap() {
            for (field, want) in fields.as_object().unwrap() {
                assert_eq!(pointer(item, field), want, "{name}: {at}{field} in {body}");
            }
        }
    }
    for (header, want) in case["header"].as_object().into_iter().flatten() {
        assert_eq!(
            headers.get(header).map(String::as_str),
            want.as_str(),
            "{name}"
        );
    }
}

/// A form body: each field's JSON value, percent-encoded.
fn form_body(form: &serde_json::Map<String, Value>) -> String {
    let encode = |text: &str| -> String {
        text.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    let fields: Vec<String> = form
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(&v.to_string())))
        .collect();
    fields.join("&")
}

#[test]
fn yente_match_fixtures() {
    let (server, key, _dir) = serve();
    let cases: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(fixture("yente/match-cases.json")).unwrap())
            .unwrap();
    let many: Vec<String> = (0..51)
        .map(|i| format!("exclude_entity_ids=e{i}"))
        .collect();
    for case in &cases {
        let path = case["path"]
            .as_str()
            .unwrap()
            .replace("EXCLUDE51", &many.join("&"));
        let url = format!("{}{path}", server.base);
        let auth = (case["auth"] != json!(false)).then(|| format!("ApiKey {key}"));
        let mut response = if case["method"] == "GET" {
            let mut request = common::agent().get(url);
            if let Some(auth) = &auth {
                request = request.header("Authorization", auth);
            }
            request.call().unwrap()
        } else {
            let (content_type, body) = match case["form"].as_object() {
                Some(form) => ("application/x-www-form-urlencoded", form_body(form)),
                None => ("application/json", case["body"].to_string()),
            };
            let mut request = common::agent()
                .post(url)
                .header("Content-Type", content_type);
            if let Some(auth) = &auth {
                request = request.header("Authorization", auth);
            }
            request.send(body).unwrap()
        };
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_owned()))
            .collect();
        let text = response.body_mut().read_to_string().unwrap();
        let body: Value = serde_json::from_str(&text).unwrap_or_else(|_| panic!("{text}"));
        check_case(case, response.status().as_u16(), &headers, &body);
    }
}

#[test]
fn export_refuses_an_unknown_source_and_writes_ftm_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture("yente/watch.ftm.json");
    let args = [
        "lists",
        "import",
        "--source",
        "watch",
        path.to_str().unwrap(),
    ];
    assert!(common::run(dir.path(), &args).status.success());
    let out = common::run(
        dir.path(),
        &["export", "--format", "ftm", "--source", "nosuch"],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nosuch"));
    let out = common::run(dir.path(), &["export", "--format", "ftm"]);
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    let p2 = lines.iter().find(|l| l["id"] == "watch-p2").unwrap();
    // Outside the Person schema, or not a country FtM knows: left out.
    assert_eq!(p2["properties"].get("colour"), None);
    assert_eq!(p2["properties"].get("nationality"), None);
    let o1 = lines.iter().find(|l| l["id"] == "watch-o1").unwrap();
    assert_eq!(o1["properties"]["phone"], json!(["+35722123456"]));
    assert_eq!(o1["datasets"], json!(["watch"]));
}
