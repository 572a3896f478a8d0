//! TAXII write isolation, tried as a hostile partner would: overwriting the agency's
//! objects (same id, later version), claiming its identity, deleting its objects, posting
//! above the partner's TLP; and what partners see of an object the agency re-marks at a
//! higher TLP. One node on 127.0.0.1 with a fixture list; no shared data.

mod common;

use common::{fixture, vigil};

use base64::Engine;
use serde_json::{json, Value};
use std::path::Path;

const TAXII: &str = "application/taxii+json;version=2.1";
const AMBER_MARKING: &str = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
const RED_MARKING: &str = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
const OBJECTS: &str = "/taxii2/vigil/collections/designations/objects/";
const LISTED: &str = "Tarek Vossberg Almandine";

fn publish(data: &Path, tlp: &str) {
    vigil(
        data,
        &[
            "share",
            "publish",
            "--source",
            "own-list",
            "--collection",
            "designations",
            "--tlp",
            tlp,
            "--publisher",
            "Agency A",
        ],
    );
}

/// A partner on the designations collection; its HTTP Basic header.
fn partner(data: &Path, name: &str, max_tlp: &str, write: bool) -> String {
    let mut args = vec![
        "partners",
        "add",
        "--name",
        name,
        "--max-tlp",
        max_tlp,
        "--collection",
        "designations",
        "--read",
    ];
    if write {
        args.push("--write");
    }
    let out = vigil(data, &args);
    let credentials = out.lines().last().unwrap().trim();
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(credentials)
    )
}

fn call(
    server: &common::Server,
    method: &str,
    path: &str,
    auth: &str,
    body: Option<&Value>,
) -> (u16, Value) {
    let mut request = ureq::http::Request::builder()
        .method(method)
        .uri(format!("{}{path}", server.base))
        .header("Accept", TAXII)
        .header("Authorization", auth);
    if body.is_some() {
        request = request.header("Content-Type", TAXII);
    }
    let body = body.map(Value::to_string).unwrap_or_default();
    let mut response = common::agent().run(request.body(body).unwrap()).unwrap();
    let text = response.body_mut().read_to_string().unwrap();
    let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (response.status().as_u16(), value)
}

fn post(server: &common::Server, auth: &str, objects: &[Value]) -> (u16, Value) {
    call(
        server,
        "POST",
        OBJECTS,
        auth,
        Some(&json!({ "objects": objects })),
    )
}

/// Every version of one object the partner sees (empty when it sees none).
fn versions_seen(server: &common::Server, auth: &str, id: &str) -> Vec<Value> {
    let path = format!("{OBJECTS}{id}/?match[version]=all");
    match call(server, "GET", &path, auth, None) {
        (200, body) => body["objects"].as_array().cloned().unwrap_or_default(),
        (404, _) => Vec::new(),
        (status, body) => panic!("{status}: {body}"),
    }
}

/// The agency's published object for the listed person, as a partner receives it.
fn listed_object(server: &common::Server, auth: &str) -> Value {
    let (status, body) = call(server, "GET", OBJECTS, auth, None);
    assert_eq!(status, 200, "{body}");
    body["objects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == LISTED)
        .cloned()
        .unwrap_or_else(|| panic!("{LISTED} not published: {body}"))
}

fn indicator(id_suffix: &str, marking: &str) -> Value {
    json!({
        "type": "indicator", "spec_version": "2.1",
        "id": format!("indicator--0b2a3c4d-5e6f-4a1b-8c9d-0e1f2a3b{id_suffix}"),
        "created": "2026-01-01T00:00:00.000Z", "modified": "2026-01-01T00:00:00.000Z",
        "name": "Courier phone", "pattern": "[phone-number:value = '+00-0000']",
        "pattern_type": "stix", "valid_from": "2026-01-01T00:00:00Z",
        "object_marking_refs": [marking]
    })
}

#[test]
fn a_partner_cannot_overwrite_delete_or_impersonate_the_agency() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let list = fixture("share-own-list.csv");
    vigil(
        data,
        &[
            "lists",
            "import",
            "--source",
            "own-list",
            "--format",
            "csv",
            list.to_str().unwrap(),
        ],
    );
    publish(data, "amber");
    let writer = partner(data, "writer", "amber", true);
    let reader = partner(data, "reader", "amber", false);
    let clear = partner(data, "clear-writer", "clear", true);
    let rival = partner(data, "rival", "amber", true);
    let server = common::serve(data, &[]);
    let original = listed_object(&server, &reader);
    let id = original["id"].as_str().unwrap().to_owned();

    // A newer version of the agency's object (same id) is refused; readers keep its text.
    let mut forged = original.clone();
    forged["name"] = json!("Someone Harmless");
    forged["modified"] = json!("2099-01-01T00:00:00.000Z");
    let (status, body) = post(&server, &writer, &[forged.clone()]);
    assert_eq!(status, 403, "{body}");
    assert!(body.to_string().contains("only its creator"), "{body}");
    let seen = versions_seen(&server, &reader, &id);
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(seen[0]["name"], LISTED);
    // Also not with a valid object of the writer's own in the same request.
    let own = indicator("4c5d", AMBER_MARKING);
    assert_eq!(post(&server, &writer, &[own.clone(), forged]).0, 403);
    assert!(versions_seen(&server, &reader, own["id"].as_str().unwrap()).is_empty());

    // A new object claiming the agency's identity as its creator is refused.
    let mut claimed = indicator("4c5e", AMBER_MARKING);
    claimed["created_by_ref"] = original["created_by_ref"].clone();
    let (status, body) = post(&server, &writer, &[claimed]);
    assert_eq!(status, 403, "{body}");

    // DELETE of the agency's object is refused, and it stays.
    let (status, body) = call(&server, "DELETE", &format!("{OBJECTS}{id}/"), &writer, None);
    assert_eq!(status, 403, "{body}");
    assert_eq!(versions_seen(&server, &reader, &id).len(), 1);

    // A CLEAR partner may post neither AMBER nor RED.
    for marking in [AMBER_MARKING, RED_MARKING] {
        let (status, body) = post(&server, &clear, &[indicator("4c5f", marking)]);
        assert_eq!(status, 403, "{body}");
    }

    // A partner's own object: written, versioned and deleted by it, not by others.
    let (status, body) = post(&server, &writer, std::slice::from_ref(&own));
    assert_eq!(status, 202, "{body}");
    let mut newer = own.clone();
    newer["modified"] = json!("2026-02-01T00:00:00.000Z");
    assert_eq!(post(&server, &writer, &[newer]).0, 202);
    let own_id = own["id"].as_str().unwrap();
    assert_eq!(versions_seen(&server, &reader, own_id).len(), 2);
    let mut hijack = own.clone();
    hijack["object_marking_refs"] =
        json!(["marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"]);
    hijack["modified"] = json!("2026-03-01T00:00:00.000Z");
    let (status, body) = post(&server, &clear, &[hijack]);
    assert_eq!(
        status, 403,
        "a partner added a version of another's object: {body}"
    );
    let path = format!("{OBJECTS}{own_id}/");
    // 404 for one that cannot see it (above its TLP), 403 for one that can.
    assert_eq!(call(&server, "DELETE", &path, &clear, None).0, 404);
    assert_eq!(call(&server, "DELETE", &path, &rival, None).0, 403);
    let mut rewrite = own.clone();
    rewrite["modified"] = json!("2026-04-01T00:00:00.000Z");
    assert_eq!(post(&server, &rival, &[rewrite]).0, 403);
    assert_eq!(versions_seen(&server, &reader, own_id).len(), 2);
    assert_eq!(call(&server, "DELETE", &path, &writer, None).0, 200);
    assert!(versions_seen(&server, &reader, own_id).is_empty());
}

#[test]
fn an_object_re_marked_above_a_partners_tlp_disappears_whole() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let list = fixture("share-own-list.csv");
    vigil(
        data,
        &[
            "lists",
            "import",
            "--source",
            "own-list",
            "--format",
            "csv",
            list.to_str().unwrap(),
        ],
    );
    publish(data, "amber");
    let amber = partner(data, "amber-reader", "amber", false);
    let red = partner(data, "red-reader", "red", false);
    let server = common::serve(data, &[]);
    let id = listed_object(&server, &amber)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    publish(data, "red");

    // The amber reader sees no version at all: not the old amber one either.
    assert!(versions_seen(&server, &amber, &id).is_empty());
    for query in ["", "?match[version]=first", "?match[version]=all"] {
        let path = format!("{OBJECTS}{id}/{query}");
        assert_eq!(call(&server, "GET", &path, &amber, None).0, 404, "{query}");
    }
    let path = format!("{OBJECTS}{id}/versions/");
    assert_eq!(call(&server, "GET", &path, &amber, None).0, 404);
    let (_, all) = call(
        &server,
        "GET",
        &format!("{OBJECTS}?match[version]=all"),
        &amber,
        None,
    );
    assert!(!all.to_string().contains(LISTED), "{all}");
    // The red reader sees both versions.
    assert_eq!(versions_seen(&server, &red, &id).len(), 2);
}
