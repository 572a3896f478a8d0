//! Operations conventions from outside: request ids echoed, the access log, metrics in the
//! Prometheus text format on request, every screening path and TAXII counted, build info
//! and list age. Uses the project's own fixture list.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn metrics(base: &str, accept: &str) -> (String, String) {
    let mut resp = common::agent()
        .get(format!("{base}/metrics"))
        .header("Accept", accept)
        .call()
        .unwrap();
    let content_type = resp.headers()["content-type"].to_str().unwrap().to_owned();
    (content_type, resp.body_mut().read_to_string().unwrap())
}

fn sample(text: &str, name: &str) -> f64 {
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or_else(|| panic!("no {name} in\n{text}"))
}

#[test]
fn request_ids_metrics_and_screening_counts() {
    let dir = tempfile::tempdir().unwrap();
    let list = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/own-list-v1.csv");
    let args = ["lists", "import", "--source", "own", list.to_str().unwrap()];
    assert!(common::run(dir.path(), &args).status.success());
    let key = common::new_key(dir.path(), "ops", "screener");
    let server = common::serve(dir.path(), &[]);
    let base = &server.base;

    // The caller's id is echoed; a hostile one is replaced by a fresh UUID.
    let resp = common::agent()
        .get(format!("{base}/healthz"))
        .header("X-Request-Id", "trace-42")
        .call()
        .unwrap();
    assert_eq!(resp.headers()["x-request-id"], "trace-42");
    let resp = common::agent()
        .get(format!("{base}/healthz"))
        .header("X-Request-Id", "a b<c>")
        .call()
        .unwrap();
    assert_eq!(resp.headers()["x-request-id"].len(), 36);

    // /match and /v1/screen both count as screened queries; TAXII requests are counted.
    let body =
        r#"{"queries": {"a": {"schema": "Person", "properties": {"name": ["Hafiz Saeed"]}}}}"#;
    let resp = common::agent()
        .post(format!("{base}/match/default"))
        .header("Authorization", format!("ApiKey {key}"))
        .header("Content-Type", "application/json")
        .send(body)
        .unwrap();
    assert_eq!(resp.status(), 200);
    let resp = common::agent()
        .post(format!("{base}/v1/screen"))
        .header("Authorization", format!("Bearer {key}"))
        .header("Content-Type", "application/json")
        .send(r#"{"name": "Hafiz Saeed"}"#)
        .unwrap();
    assert_eq!(resp.status(), 200);
    let taxii = common::agent()
        .get(format!("{base}/taxii2/"))
        .call()
        .unwrap();
    assert!(taxii.status().is_client_error() || taxii.status().is_success());

    let (content_type, text) = metrics(base, "text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
    assert!(
        content_type.starts_with("text/plain; version=0.0.4"),
        "{content_type}"
    );
    assert!(!text.contains("# EOF"));
    assert!(
        text.contains("# TYPE vigil_screened_queries_total counter"),
        "{text}"
    );
    assert_eq!(sample(&text, "vigil_screened_queries_total"), 2.0);
    assert!(text.contains("route=\"/taxii2/\""), "{text}");
    assert!(text.contains("vigil_build_info{version=\""), "{text}");
    let age = text
        .lines()
        .find(|l| l.starts_with("vigil_list_age_seconds{source=\"own\"}"))
        .unwrap_or_else(|| panic!("no list age in\n{text}"));
    assert!(age.rsplit(' ').next().unwrap().parse::<f64>().unwrap() >= 0.0);
    let (content_type, text) = metrics(base, "application/openmetrics-text; version=1.0.0");
    assert!(content_type.starts_with("application/openmetrics-text"));
    assert!(text.ends_with("# EOF\n"));
}

#[test]
fn json_logs_carry_the_access_log() {
    let dir = tempfile::tempdir().unwrap();
    let list = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/own-list-v1.csv");
    let args = ["lists", "import", "--source", "own", list.to_str().unwrap()];
    assert!(common::run(dir.path(), &args).status.success());
    let mut child = Command::new(common::VIGIL)
        .env_remove("VIGIL_DATA_DIR")
        .env("VIGIL_LOG_FORMAT", "json")
        .arg("--data-dir")
        .arg(dir.path())
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let base = loop {
        let line = lines.next().expect("server exited").unwrap();
        if let Some(addr) = line.strip_prefix("vigil serving on ") {
            break addr.trim().to_owned();
        }
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut answered = false;
    while !answered && Instant::now() < deadline {
        answered = common::agent()
            .get(format!("{base}/healthz?secret=name"))
            .header("X-Request-Id", "log-me-7")
            .call()
            .is_ok_and(|r| r.status() == 200);
    }
    // Read the log on a thread, so a missing line fails the test instead of hanging it.
    let (sender, found) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let access = lines
            .map_while(Result::ok)
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(&l).ok())
            .find(|l| l["request_id"] == "log-me-7");
        let _ = sender.send(access);
    });
    let access = found.recv_timeout(Duration::from_secs(30)).ok().flatten();
    let _ = child.kill();
    let _ = child.wait();
    let access = access.expect("an access log line in JSON");
    assert_eq!(access["target"], "vigil::access");
    assert_eq!(access["path"], "/healthz");
    assert_eq!(access["status"], 200);
    assert!(!access.to_string().contains("secret"), "{access}");
}

fn preflight(base: &str, origin: &str) -> Option<String> {
    let request = cors_preflight_request("OPTIONS", &format!("{base}/v1/screen"), origin);
    let resp = common::agent().run(request).unwrap();
    resp.headers()
        .get("access-control-allow-origin")
        .map(|v| v.to_str().unwrap().to_owned())
}

fn cors_preflight_request(method: &str, url: &str, origin: &str) -> ureq::http::Request<()> {
    ureq::http::Request::builder()
        .method(method)
        .uri(url)
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header(
            "Access-Control-Request-Headers",
            "authorization,content-type",
        )
        .body(())
        .unwrap()
}

#[test]
fn cors_is_opt_in_per_origin() {
    let dir = tempfile::tempdir().unwrap();
    let list = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/own-list-v1.csv");
    let args = ["lists", "import", "--source", "own", list.to_str().unwrap()];
    assert!(common::run(dir.path(), &args).status.success());
    let console = "https://console.example.org";
    {
        let server = common::serve(dir.path(), &[]);
        assert_eq!(preflight(&server.base, console), None);
    }
    let server = common::serve(dir.path(), &["--cors-origin", console]);
    assert_eq!(preflight(&server.base, console).as_deref(), Some(console));
    assert_eq!(preflight(&server.base, "https://evil.example.com"), None);
    drop(server);
    // A malformed origin stops the server at startup.
    let out = common::run(
        dir.path(),
        &[
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--cors-origin",
            "console.example.org/x",
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("CORS origin"));
}
