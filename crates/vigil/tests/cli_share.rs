//! Intelligence sharing end to end: two `vigil serve` nodes on 127.0.0.1 with separate
//! data folders. Node A publishes the UN list at TLP:CLEAR (a fixture list without the
//! shared data), its own list at TLP:AMBER and one designation at TLP:RED; node B pulls
//! as partner with maximum TLP:AMBER and screens a name only A's own list holds. Also:
//! TAXII's error statuses, idempotent posts, audit, and the OASIS Python client.

mod common;

use common::{serve, Server};
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;
use vigil_testkit::shared_data;

const VIGIL: &str = env!("CARGO_BIN_EXE_vigil");
const TAXII: &str = "application/taxii+json;version=2.1";
const RED_MARKING: &str = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
const AMBER_MARKING: &str = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    path.to_str().unwrap().to_owned()
}

fn vigil(data: &Path, args: &[&str]) -> String {
    let out = Command::new(VIGIL)
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "vigil {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn vigil_fails(data: &Path, args: &[&str]) -> String {
    let out = Command::new(VIGIL)
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .unwrap();
    assert!(!out.status.success(), "vigil {args:?} should fail");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

struct Answer(u16, Value, ureq::http::HeaderMap);

fn call(
    server: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Answer {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent();
    let url = format!("{}{path}", server.base);
    let mut req = ureq::http::Request::builder().method(method).uri(&url);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let mut resp = match body {
        Some(body) => agent.run(req.body(body.to_owned()).unwrap()),
        None => agent.run(req.body(()).unwrap()),
    }
    .unwrap();
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let text = resp.body_mut().read_to_string().unwrap();
    let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Answer(status, value, headers)
}

fn basic(user: &str, password: &str) -> String {
    use base64::Engine;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
    )
}

/// Creates a partner and returns (user, password) from the last line printed.
fn add_partner(data: &Path, args: &[&str]) -> (String, String) {
    let mut full = vec!["partners", "add"];
    full.extend_from_slice(args);
    let out = vigil(data, &full);
    let last = out.lines().last().unwrap().trim().to_owned();
    let (user, password) = last.split_once(':').unwrap();
    (user.to_owned(), password.to_owned())
}

fn import(data: &Path, source: &str, file: &str) {
    vigil(
        data,
        &[
            // The scenarios reshape small lists on purpose.
            "lists",
            "import",
            "--source",
            source,
            "--format",
            "csv",
            "--allow-shrink",
            file,
        ],
    );
}

/// Node A's data: the UN list (or a fixture), its own list and a one-entry red list,
/// published to `designations`; returns how many UN (or fixture) designations it has.
fn node_a(data: &Path) -> usize {
    let base_source = match shared_data() {
        Some(shared) => {
            let un = shared.join("lists/un/consolidated-2026-02-27.xml");
            vigil(
                data,
                &["lists", "import", "--source", "un-sc", un.to_str().unwrap()],
            );
            "un-sc"
        }
        None => {
            import(data, "own", &fixture("own-list-v1.csv"));
            "own"
        }
    };
    import(data, "own-list", &fixture("share-own-list.csv"));
    import(data, "own-red", &fixture("share-red-list.csv"));
    let published = vigil(
        data,
        &[
            "share",
            "publish",
            "--source",
            base_source,
            "--collection",
            "designations",
            "--tlp",
            "clear",
            "--publisher",
            "Agency A",
        ],
    );
    assert!(published.contains("at TLP:CLEAR"), "{published}");
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
            "amber",
            "--publisher",
            "Agency A",
        ],
    );
    vigil(
        data,
        &[
            "share",
            "publish",
            "--source",
            "own-red",
            "--collection",
            "designations",
            "--tlp",
            "red",
            "--publisher",
            "Agency A",
        ],
    );
    let lists = vigil(data, &["lists", "--json"]);
    let lists: Value = serde_json::from_str(&lists).unwrap_or(json!([]));
    lists
        .as_array()
        .and_then(|l| l.iter().find(|v| v["source"] == base_source))
        .and_then(|v| v["entity_count"].as_u64())
        .map(|n| n as usize)
        .unwrap_or(if base_source == "un-sc" { 1003 } else { 4 })
}

fn screen_ids(server: &Server, key: &str, name: &str) -> Vec<String> {
    let auth = format!("Bearer {key}");
    let body = json!({ "name": name }).to_string();
    let Answer(status, body, _) = call(
        server,
        "POST",
        "/v1/screen",
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
        ],
        Some(&body),
    );
    assert_eq!(status, 200, "{body}");
    body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["entity_id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn partner_b_pulls_amber_designations_and_never_sees_red() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let base_count = node_a(a.path());
    let (user, password) = add_partner(
        a.path(),
        &[
            "--name",
            "partner-b",
            "--max-tlp",
            "amber",
            "--collection",
            "designations",
            "--read",
        ],
    );
    assert_eq!(user, "partner-b");
    let node_a = serve(a.path(), &[]);

    // Node B has a list of its own, so it never tries to download the official lists.
    import(b.path(), "own", &fixture("own-list-v1.csv"));
    let url = format!("{}/taxii2/", node_a.base);
    let pulled = vigil(
        b.path(),
        &[
            "share",
            "pull",
            &url,
            "--collection",
            "designations",
            "--as",
            "partner-a",
            "--user",
            &user,
            "--password",
            &password,
            "--page-size",
            "100",
        ],
    );
    assert!(pulled.contains("partner:partner-a version 1"), "{pulled}");
    let partner_list = vigil(b.path(), &["lists", "--json"]);
    let lists: Value = serde_json::from_str(&partner_list).unwrap();
    let partner = lists
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["source"] == "partner:partner-a")
        .unwrap();
    // Every CLEAR and AMBER designation, not the RED one.
    assert_eq!(
        partner["entity_count"].as_u64().unwrap() as usize,
        base_count + 3,
        "{partner}"
    );

    let key = vigil(
        b.path(),
        &["keys", "create", "--name", "analyst", "--role", "screener"],
    );
    let key = key.lines().last().unwrap().trim().to_owned();
    let node_b = serve(b.path(), &[]);
    let hits = screen_ids(&node_b, &key, "Tarek Vossberg Almandine");
    assert!(
        hits.first()
            .is_some_and(|id| id.starts_with("partner:partner-a:identity--")),
        "A's own designation is a hit on B: {hits:?}"
    );
    // A's own id for it is shown, and finds it, on the CLI and over the API.
    let shown = vigil(b.path(), &["entity", "own-list:AGY-1"]);
    assert!(
        shown.contains(hits[0].as_str())
            && shown.contains("own-list:AGY-1")
            && shown.contains(vigil_core::PARTNER_ENTITY_ID),
        "{shown}"
    );
    let auth = format!("Bearer {key}");
    let Answer(status, body, _) = call(
        &node_b,
        "GET",
        "/v1/entities/own-list:AGY-1",
        &[("Authorization", &auth)],
        None,
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["entity"]["id"], hits[0].as_str(), "{body}");
    let red = screen_ids(&node_b, &key, "Casimir Ondrejka Vantablack");
    assert!(
        red.iter().all(|id| !id.starts_with("partner:")),
        "the RED item reached B: {red:?}"
    );

    // Pulling again resumes after the last object: nothing new, no new version.
    let again = vigil(
        b.path(),
        &[
            "share",
            "pull",
            &url,
            "--collection",
            "designations",
            "--as",
            "partner-a",
            "--user",
            &user,
            "--password",
            &password,
        ],
    );
    assert!(again.contains("Pulled 0 objects"), "{again}");

    // Re-publishing unchanged content adds nothing; a change and a removal become new
    // versions of the same objects, which the next pull applies.
    let same = vigil(
        a.path(),
        &[
            "share",
            "publish",
            "--source",
            "own-list",
            "--collection",
            "designations",
            "--tlp",
            "amber",
            "--publisher",
            "Agency A",
        ],
    );
    assert!(same.contains("0 new or changed, 0 delisted"), "{same}");
    import(a.path(), "own-list", &fixture("share-own-list-v2.csv"));
    let changed = vigil(
        a.path(),
        &[
            "share",
            "publish",
            "--source",
            "own-list",
            "--collection",
            "designations",
            "--tlp",
            "amber",
            "--publisher",
            "Agency A",
        ],
    );
    assert!(
        changed.contains("2 new or changed, 1 delisted"),
        "{changed}"
    );
    let third = vigil(
        b.path(),
        &[
            "share",
            "pull",
            &url,
            "--collection",
            "designations",
            "--as",
            "partner-a",
            "--user",
            &user,
            "--password",
            &password,
        ],
    );
    assert!(third.contains("Pulled 2 objects"), "{third}");
    assert!(
        third.contains("partner:partner-a version 2") && third.contains("(+0 -1 ~1)"),
        "{third}"
    );

    // Every partner read is in node A's audit trail.
    drop(node_a);
    let audit = vigil(a.path(), &["audit", "export", "--since", "2000-01-01"]);
    let reads = audit
        .lines()
        .filter(|l| {
            l.contains("\"actor\":\"partner:partner-b\"") && l.contains("taxii.get_objects")
        })
        .count();
    assert!(reads >= 3, "partner reads audited: {reads}");
}

#[test]
fn taxii_errors_statuses_and_idempotent_posts() {
    let a = tempfile::tempdir().unwrap();
    import(a.path(), "own-list", &fixture("share-own-list.csv"));
    import(a.path(), "own-red", &fixture("share-red-list.csv"));
    vigil(
        a.path(),
        &[
            "share",
            "publish",
            "--source",
            "own-list",
            "--collection",
            "designations",
            "--tlp",
            "amber",
        ],
    );
    vigil(
        a.path(),
        &[
            "share",
            "publish",
            "--source",
            "own-red",
            "--collection",
            "designations",
            "--tlp",
            "red",
        ],
    );
    let (user, password) = add_partner(
        a.path(),
        &[
            "--name",
            "writer",
            "--max-tlp",
            "amber",
            "--collection",
            "inbox",
            "--read",
            "--write",
        ],
    );
    vigil(
        a.path(),
        &[
            "partners",
            "grant",
            "writer",
            "--collection",
            "designations",
            "--read",
        ],
    );
    let (other, other_password) = add_partner(
        a.path(),
        &[
            "--name",
            "other",
            "--max-tlp",
            "red",
            "--collection",
            "inbox",
            "--read",
        ],
    );
    vigil(
        a.path(),
        &["partners", "grant", "other", "--collection", "restricted"],
    );
    assert!(vigil_fails(
        a.path(),
        &["partners", "add", "--name", "writer", "--max-tlp", "red"]
    )
    .contains("already exists"));
    assert!(vigil_fails(
        a.path(),
        &["partners", "add", "--name", "x", "--max-tlp", "purple"]
    )
    .contains("unknown TLP"));
    let node = serve(a.path(), &["--max-body-bytes", "200000"]);
    let auth = basic(&user, &password);
    let get = |path: &str, auth: &str| {
        let mut headers: Vec<(&str, &str)> = vec![("Accept", TAXII)];
        headers.push(("Authorization", auth));
        call(&node, "GET", path, &headers, None)
    };
    let root = "/taxii2/vigil";

    // 401 with WWW-Authenticate for wrong or missing credentials.
    let Answer(status, body, headers) =
        get(&format!("{root}/collections/"), &basic(&user, "wrong"));
    assert_eq!(status, 401);
    assert!(headers
        .get("www-authenticate")
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("Basic"));
    assert_eq!(body["http_status"], "401");
    assert!(body["title"].is_string());
    assert_eq!(headers.get("content-type").unwrap(), TAXII);
    assert_eq!(call(&node, "GET", "/taxii2/", &[], None).0, 401);

    // Bearer with the password alone works too; discovery points at the API root.
    let Answer(status, body, headers) = get("/taxii2", &format!("Bearer {password}"));
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["default"], "/taxii2/vigil/");
    assert_eq!(headers.get("content-type").unwrap(), TAXII);

    // Collections list only the caller's grants; a collection without a grant is 403.
    let Answer(_, body, _) = get(&format!("{root}/collections"), &auth);
    let aliases: Vec<&str> = body["collections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["alias"].as_str().unwrap())
        .collect();
    assert_eq!(aliases, ["designations", "inbox"]);
    let Answer(status, body, _) = get(&format!("{root}/collections/restricted/objects/"), &auth);
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["http_status"], "403");
    assert_eq!(
        get(&format!("{root}/collections/nope/objects/"), &auth).0,
        404
    );

    // 406 for an Accept the server cannot answer.
    let Answer(status, body, _) = call(
        &node,
        "GET",
        &format!("{root}/"),
        &[("Accept", "application/json"), ("Authorization", &auth)],
        None,
    );
    assert_eq!(status, 406, "{body}");
    assert_eq!(body["http_status"], "406");

    // 400 for limit=0 and for a `next` reused with other filters.
    let Answer(status, body, _) = get(
        &format!("{root}/collections/designations/objects/?limit=0"),
        &auth,
    );
    assert_eq!(status, 400, "{body}");
    let Answer(status, page, headers) = get(
        &format!("{root}/collections/designations/objects/?limit=2"),
        &auth,
    );
    assert_eq!(status, 200);
    assert_eq!(page["more"], true);
    assert!(
        headers.contains_key("x-taxii-date-added-first")
            && headers.contains_key("x-taxii-date-added-last")
    );
    let next = page["next"].as_str().unwrap();
    let Answer(status, _, _) = get(
        &format!(
            "{root}/collections/designations/objects/?limit=2&match[type]=identity&next={next}"
        ),
        &auth,
    );
    assert_eq!(status, 400);

    // The amber reader never sees the red designation, on any endpoint.
    let Answer(_, all, _) = get(
        &format!("{root}/collections/designations/objects/?match[version]=all"),
        &auth,
    );
    let text = all.to_string();
    assert!(
        !text.contains("Vantablack") && !text.contains(RED_MARKING),
        "red leaked in objects"
    );
    let Answer(_, manifest, _) = get(&format!("{root}/collections/designations/manifest/"), &auth);
    assert!(!manifest.to_string().contains(RED_MARKING));
    let Answer(status, _, _) = get(
        &format!("{root}/collections/designations/objects/"),
        &basic(&other, &other_password),
    );
    assert_eq!(status, 403, "other has no grant on designations");
    assert_eq!(
        manifest["objects"].as_array().unwrap().len(),
        all["objects"].as_array().unwrap().len()
    );

    // POSTs: 415 for a wrong Content-Type, 422 for invalid STIX, 413 over the limit,
    // 202 with a status otherwise, idempotent.
    let indicator = json!({
        "type": "indicator", "spec_version": "2.1",
        "id": "indicator--0b2a3c4d-5e6f-4a1b-8c9d-0e1f2a3b4c5d",
        "created": "2026-01-01T00:00:00.000Z", "modified": "2026-01-01T00:00:00.000Z",
        "pattern": "[ipv4-addr:value = '192.0.2.1']", "pattern_type": "stix",
        "valid_from": "2026-01-01T00:00:00Z", "object_marking_refs": [AMBER_MARKING]
    });
    let envelope = json!({ "objects": [indicator] }).to_string();
    let objects_path = format!("{root}/collections/inbox/objects/");
    let post = |content_type: &str, body: &str, auth: &str| {
        call(
            &node,
            "POST",
            &objects_path,
            &[
                ("Accept", TAXII),
                ("Content-Type", content_type),
                ("Authorization", auth),
            ],
            Some(body),
        )
    };
    let Answer(status, body, _) = post("application/json", &envelope, &auth);
    assert_eq!(status, 415, "{body}");
    let mut bad = indicator.clone();
    bad["id"] = json!("indicator--not-a-uuid");
    let Answer(status, body, _) = post(TAXII, &json!({ "objects": [bad] }).to_string(), &auth);
    assert_eq!(status, 422, "{body}");
    assert!(
        body["details"]["invalid"][0]["message"]
            .as_str()
            .unwrap()
            .contains("`id`"),
        "{body}"
    );
    let Answer(status, _, _) = post(TAXII, "not json", &auth);
    assert_eq!(status, 400);
    let huge = format!("{{\"objects\": [], \"pad\": \"{}\"}}", "x".repeat(150_000));
    let Answer(status, body, _) = post(TAXII, &huge, &auth);
    assert_eq!(status, 413, "{body}");
    assert_eq!(body["http_status"], "413");
    // A read-only partner may not write.
    assert_eq!(
        post(TAXII, &envelope, &basic(&other, &other_password)).0,
        403
    );

    let Answer(status, first, _) = post(TAXII, &envelope, &auth);
    assert_eq!(status, 202, "{first}");
    assert_eq!(
        (
            first["success_count"].as_u64(),
            first["total_count"].as_u64()
        ),
        (Some(1), Some(1))
    );
    let Answer(_, second, _) = post(TAXII, &envelope, &auth);
    assert_eq!(second["success_count"], 1, "re-posting succeeds: {second}");
    let id = indicator["id"].as_str().unwrap();
    let Answer(_, versions, _) = get(&format!("{objects_path}{id}/versions"), &auth);
    assert_eq!(
        versions["versions"].as_array().unwrap().len(),
        1,
        "{versions}"
    );

    // Status records: readable by their poster (with and without the slash), not others.
    let status_id = first["id"].as_str().unwrap();
    assert_eq!(get(&format!("{root}/status/{status_id}"), &auth).0, 200);
    assert_eq!(
        get(
            &format!("{root}/status/{status_id}/"),
            &basic(&other, &other_password)
        )
        .0,
        404
    );

    // An amber writer may not post a red object: 403, and nothing is stored.
    let mut red = indicator.clone();
    red["id"] = json!("indicator--1b2a3c4d-5e6f-4a1b-8c9d-0e1f2a3b4c5d");
    red["object_marking_refs"] = json!([RED_MARKING]);
    let Answer(status, body, _) = post(TAXII, &json!({ "objects": [red] }).to_string(), &auth);
    assert_eq!(status, 403, "{body}");
    let Answer(status, body, _) = get(
        &format!("{objects_path}indicator--1b2a3c4d-5e6f-4a1b-8c9d-0e1f2a3b4c5d/"),
        &basic(&other, &other_password),
    );
    assert_eq!(status, 404, "the refused red object was stored: {body}");

    // DELETE removes the object.
    let Answer(status, _, _) = call(
        &node,
        "DELETE",
        &format!("{objects_path}{id}/"),
        &[("Accept", TAXII), ("Authorization", &auth)],
        None,
    );
    assert_eq!(status, 200);
    assert_eq!(get(&format!("{objects_path}{id}/"), &auth).0, 404);
}

/// The OASIS Python client against a live node. Skips (visibly) when python3 or
/// taxii2-client is missing, unless `VIGIL_REQUIRE_PYTHON_TAXII=1` (as in CI).
#[test]
fn python_taxii2_client_talks_to_vigil() {
    let has_client = Command::new("python3")
        .args(["-c", "import taxii2client"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_client {
        if std::env::var("VIGIL_REQUIRE_PYTHON_TAXII").as_deref() == Ok("1") {
            panic!("python3 with taxii2-client not found and VIGIL_REQUIRE_PYTHON_TAXII=1");
        }
        eprintln!("skipping: python3 with taxii2-client not found (pip install taxii2-client)");
        return;
    }
    let a = tempfile::tempdir().unwrap();
    import(a.path(), "own", &fixture("own-list-v1.csv"));
    import(a.path(), "own-list", &fixture("share-own-list.csv"));
    import(a.path(), "own-red", &fixture("share-red-list.csv"));
    vigil(
        a.path(),
        &[
            "share",
            "publish",
            "--source",
            "own",
            "--collection",
            "designations",
            "--tlp",
            "clear",
        ],
    );
    vigil(
        a.path(),
        &[
            "share",
            "publish",
            "--source",
            "own-list",
            "--collection",
            "designations",
            "--tlp",
            "amber",
        ],
    );
    vigil(
        a.path(),
        &[
            "share",
            "publish",
            "--source",
            "own-red",
            "--collection",
            "designations",
            "--tlp",
            "red",
        ],
    );
    let (user, password) = add_partner(
        a.path(),
        &[
            "--name",
            "py",
            "--max-tlp",
            "amber",
            "--collection",
            "designations",
            "--read",
        ],
    );
    vigil(
        a.path(),
        &[
            "partners",
            "grant",
            "py",
            "--collection",
            "inbox",
            "--read",
            "--write",
        ],
    );
    let node = serve(a.path(), &[]);
    // 4 + 3 designations, the publisher identity, the extension-definition, and the CLEAR
    // and AMBER marking definitions (the RED one is itself served at RED).
    let expected = 4 + 3 + 1 + 1 + 2;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/taxii_client.py");
    let out = Command::new("python3")
        .arg(&script)
        .args([&node.base, &user, &password, &expected.to_string()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "taxii_client.py failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("all checks passed"));
}

/// A confirmed monitoring alert shared as a STIX sighting of the designation: a partner
/// reads it over TAXII, and the screened subject's personal data is not in it unless the
/// publisher asks.
#[test]
fn confirmed_alert_is_shared_as_a_sighting_without_the_subject() {
    let a = tempfile::tempdir().unwrap();
    import(a.path(), "own", &fixture("own-list-v1.csv"));
    let subjects = a.path().join("customers.csv");
    std::fs::write(
        &subjects,
        "id,name,schema,birth_date,nationality,id_number\n\
         cust-77,Hafiz Mohamad Saeed,person,1950-06-05,PK,\n",
    )
    .unwrap();
    let path = subjects.to_str().unwrap();
    vigil(a.path(), &["subjects", "import", path, "--set", "retail"]);
    let alerts: Value = serde_json::from_str(&vigil(a.path(), &["alerts", "--json"])).unwrap();
    let alert = alerts
        .as_array()
        .unwrap()
        .iter()
        .find(|al| al["entity_id"] == "own:OWN-1")
        .unwrap_or_else(|| panic!("an alert on own:OWN-1: {alerts}"));
    let id = alert["id"].to_string();
    vigil(
        a.path(),
        &[
            "alerts",
            "decide",
            &id,
            "--decision",
            "confirmed",
            "--reason",
            "same person",
            "--analyst",
            "ana",
        ],
    );
    vigil(
        a.path(),
        &[
            "share",
            "publish",
            "--source",
            "own",
            "--collection",
            "designations",
            "--tlp",
            "amber",
        ],
    );
    vigil(
        a.path(),
        &[
            "share",
            "sighting",
            &id,
            "--collection",
            "sightings",
            "--tlp",
            "amber",
        ],
    );
    let (user, password) = add_partner(
        a.path(),
        &[
            "--name",
            "partner-b",
            "--max-tlp",
            "amber",
            "--collection",
            "sightings",
            "--read",
        ],
    );

    let node = serve(a.path(), &[]);
    let auth = basic(&user, &password);
    let headers = [("Accept", TAXII), ("Authorization", auth.as_str())];
    let Answer(status, body, _) = call(
        &node,
        "GET",
        "/taxii2/vigil/collections/sightings/objects/?match[type]=sighting",
        &headers,
        None,
    );
    assert_eq!(status, 200, "{body}");
    let sightings = body["objects"].as_array().unwrap();
    assert_eq!(sightings.len(), 1, "{body}");
    let sighting = &sightings[0];
    assert!(
        sighting["sighting_of_ref"]
            .as_str()
            .unwrap()
            .starts_with("identity--"),
        "{sighting}"
    );
    assert!(
        sighting["object_marking_refs"]
            .to_string()
            .contains(AMBER_MARKING),
        "{sighting}"
    );
    let text = body.to_string();
    assert!(
        !text.contains("Mohamad") && !text.contains("cust-77"),
        "subject data leaked: {text}"
    );
}
