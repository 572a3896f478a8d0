//! Fetching against a small HTTP server on 127.0.0.1 that serves the real UN file, broken
//! copies of it, failures and oversize bodies. No internet is used.

mod shared_data;

use shared_data::shared_file;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use vigil_lists::fetch::{fetch, fetch_with_progress, FetchConfig, FetchError};
use vigil_lists::ListError;

/// What the server sends for one request.
enum Reply {
    Ok(Vec<u8>),
    Status(u16),
    /// Announces the full length, sends only part, closes.
    CutShort {
        body: Vec<u8>,
        sent: usize,
    },
    /// No Content-Length: the body ends when the connection closes.
    Unsized(Vec<u8>),
    /// Announces a huge length and sends nothing.
    Announce(u64),
    /// Accepts and never answers.
    Silent,
}

type Route = Box<dyn Fn(usize) -> Reply + Send + Sync>;

/// Serves `routes` (path → reply for the n-th request to that path, from 1) and counts hits.
struct Server {
    base: String,
    hits: Arc<Mutex<HashMap<String, usize>>>,
}

impl Server {
    fn start(routes: Vec<(&str, Route)>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let routes: HashMap<String, Route> =
            routes.into_iter().map(|(p, r)| (p.to_owned(), r)).collect();
        let routes = Arc::new(routes);
        let hits = Arc::new(Mutex::new(HashMap::new()));
        let counter = hits.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let routes = routes.clone();
                let counter = counter.clone();
                std::thread::spawn(move || serve(stream, &routes, &counter));
            }
        });
        Server { base, hits }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }
}

fn serve(
    mut stream: TcpStream,
    routes: &HashMap<String, Route>,
    hits: &Mutex<HashMap<String, usize>>,
) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte).unwrap_or(0) == 0 {
            return;
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head);
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let n = {
        let mut hits = hits.lock().unwrap();
        let n = hits.entry(path.clone()).or_insert(0);
        *n += 1;
        *n
    };
    let reply = routes.get(&path).map_or(Reply::Status(404), |r| r(n));
    let header = |status: &str, length: Option<u64>| {
        let length = length.map_or(String::new(), |l| format!("Content-Length: {l}\r\n"));
        format!("HTTP/1.1 {status}\r\n{length}Connection: close\r\n\r\n")
    };
    let _ = match reply {
        Reply::Ok(body) => stream
            .write_all(header("200 OK", Some(body.len() as u64)).as_bytes())
            .and_then(|_| stream.write_all(&body)),
        Reply::Status(code) => {
            stream.write_all(header(&format!("{code} Nope"), Some(0)).as_bytes())
        }
        Reply::CutShort { body, sent } => stream
            .write_all(header("200 OK", Some(body.len() as u64)).as_bytes())
            .and_then(|_| stream.write_all(&body[..sent])),
        Reply::Unsized(body) => stream
            .write_all(header("200 OK", None).as_bytes())
            .and_then(|_| stream.write_all(&body)),
        Reply::Announce(length) => stream.write_all(header("200 OK", Some(length)).as_bytes()),
        Reply::Silent => {
            std::thread::sleep(Duration::from_secs(3));
            Ok(())
        }
    };
}

fn config(un_url: String) -> FetchConfig {
    FetchConfig {
        un_sc_url: un_url,
        ofac_sdn_base_url: "http://127.0.0.1:9/unused".into(),
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_secs(2),
        attempts: 3,
        backoff: Duration::from_millis(10),
        max_bytes: 50 * 1024 * 1024,
    }
}

fn un_bytes() -> Option<Vec<u8>> {
    shared_file("lists/un/consolidated-2026-02-27.xml").map(|p| std::fs::read(p).unwrap())
}

#[test]
fn downloads_parses_and_reports_progress() {
    let Some(bytes) = un_bytes() else { return };
    let len = bytes.len() as u64;
    let server = Server::start(vec![(
        "/un.xml",
        Box::new(move |_| Reply::Ok(bytes.clone())),
    )]);
    let mut seen = Vec::new();
    let list = fetch_with_progress("un-sc", &config(server.url("/un.xml")), &mut |p| {
        seen.push((p.bytes, p.total))
    })
    .unwrap();
    assert_eq!(list.entities.len(), 1003);
    assert_eq!(list.file_date.as_deref(), Some("2026-02-27T00:00:09.554Z"));
    assert!(seen.len() > 1, "progress reported in chunks");
    assert_eq!(seen.last(), Some(&(len, Some(len))));
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0));
}

#[test]
fn retries_a_server_error_then_succeeds() {
    let Some(bytes) = un_bytes() else { return };
    let server = Server::start(vec![(
        "/un.xml",
        Box::new(move |n| match n {
            1 => Reply::Status(500),
            _ => Reply::Ok(bytes.clone()),
        }),
    )]);
    let list = fetch("un-sc", &config(server.url("/un.xml"))).unwrap();
    assert_eq!(list.entities.len(), 1003);
    assert_eq!(server.hits("/un.xml"), 2);
}

#[test]
fn gives_up_after_the_configured_attempts() {
    let server = Server::start(vec![("/un.xml", Box::new(|_| Reply::Status(503)))]);
    let err = fetch("un-sc", &config(server.url("/un.xml"))).unwrap_err();
    assert!(
        matches!(err, FetchError::Status { status: 503, .. }),
        "{err}"
    );
    assert_eq!(server.hits("/un.xml"), 3);
}

#[test]
fn client_errors_are_not_retried() {
    let server = Server::start(vec![]);
    let err = fetch("un-sc", &config(server.url("/missing.xml"))).unwrap_err();
    assert!(
        matches!(err, FetchError::Status { status: 404, .. }),
        "{err}"
    );
    assert_eq!(server.hits("/missing.xml"), 1);
}

#[test]
fn body_cut_short_of_its_length_is_retried_then_fails() {
    let Some(bytes) = un_bytes() else { return };
    let sent = bytes.len() / 2;
    let server = Server::start(vec![(
        "/un.xml",
        Box::new(move |_| Reply::CutShort {
            body: bytes.clone(),
            sent,
        }),
    )]);
    let err = fetch("un-sc", &config(server.url("/un.xml"))).unwrap_err();
    assert!(matches!(err, FetchError::Transport { .. }), "{err}");
    assert_eq!(server.hits("/un.xml"), 3);
}

#[test]
fn truncated_file_without_length_fails_validation() {
    let Some(bytes) = un_bytes() else { return };
    let half = bytes[..bytes.len() / 2].to_vec();
    let server = Server::start(vec![(
        "/un.xml",
        Box::new(move |_| Reply::Unsized(half.clone())),
    )]);
    let err = fetch("un-sc", &config(server.url("/un.xml"))).unwrap_err();
    match err {
        FetchError::Parse(ListError::Syntax { line, column, .. }) => {
            assert!(line > 1000 && column >= 1, "{line}:{column}");
        }
        other => panic!("expected a syntax error, got {other}"),
    }
}

#[test]
fn oversize_bodies_are_refused() {
    let server = Server::start(vec![
        (
            "/announced.xml",
            Box::new(|_| Reply::Announce(300 * 1024 * 1024)),
        ),
        (
            "/streamed.xml",
            Box::new(|_| Reply::Unsized(vec![b' '; 64 * 1024])),
        ),
    ]);
    let err = fetch("un-sc", &config(server.url("/announced.xml"))).unwrap_err();
    assert!(matches!(err, FetchError::TooLarge { .. }), "{err}");
    assert_eq!(server.hits("/announced.xml"), 1);
    let small_limit = FetchConfig {
        max_bytes: 1000,
        ..config(server.url("/streamed.xml"))
    };
    let err = fetch("un-sc", &small_limit).unwrap_err();
    assert!(
        matches!(err, FetchError::TooLarge { limit: 1000, .. }),
        "{err}"
    );
}

#[test]
fn silent_server_times_out() {
    let server = Server::start(vec![("/un.xml", Box::new(|_| Reply::Silent))]);
    let quick = FetchConfig {
        read_timeout: Duration::from_millis(200),
        attempts: 1,
        ..config(server.url("/un.xml"))
    };
    let started = std::time::Instant::now();
    let err = fetch("un-sc", &quick).unwrap_err();
    assert!(matches!(err, FetchError::Transport { .. }), "{err}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[test]
fn unknown_source_is_refused() {
    let err = fetch("partner-a", &config("http://127.0.0.1:9/x".into())).unwrap_err();
    assert!(matches!(err, FetchError::UnknownSource(_)), "{err}");
}

#[test]
fn fetches_the_ofac_set_from_a_base_url() {
    let Some(dir) = shared_file("lists/ofac") else {
        return;
    };
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
    let (sdn, alt, add) = (read("sdn.csv"), read("alt.csv"), read("add.csv"));
    let comments = read("sdn_comments.csv");
    let serve = |with_comments: bool| {
        let (sdn, alt, add, comments) = (sdn.clone(), alt.clone(), add.clone(), comments.clone());
        let mut routes: Vec<(&str, Route)> = vec![
            ("/ofac/sdn.csv", Box::new(move |_| Reply::Ok(sdn.clone()))),
            ("/ofac/alt.csv", Box::new(move |_| Reply::Ok(alt.clone()))),
            ("/ofac/add.csv", Box::new(move |_| Reply::Ok(add.clone()))),
        ];
        if with_comments {
            routes.push((
                "/ofac/sdn_comments.csv",
                Box::new(move |_| Reply::Ok(comments.clone())),
            ));
        }
        Server::start(routes)
    };
    let server = serve(true);
    let ofac = FetchConfig {
        ofac_sdn_base_url: server.url("/ofac/"),
        ..config(String::new())
    };
    let list = fetch("ofac-sdn", &ofac).unwrap();
    assert_eq!(list.source, "ofac-sdn");
    assert_eq!(list.entities.len(), 8976);
    assert_eq!(server.hits("/ofac/sdn_comments.csv"), 1);

    // A set with a file missing (a 404) is refused whole, not imported without it.
    let server = serve(false);
    let partial = FetchConfig {
        ofac_sdn_base_url: server.url("/ofac/"),
        ..config(String::new())
    };
    let err = fetch("ofac-sdn", &partial).unwrap_err();
    assert!(
        matches!(err, FetchError::Status { status: 404, .. }),
        "{err}"
    );
}
