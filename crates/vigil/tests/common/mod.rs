//! What the CLI and HTTP integration tests share: running the built `vigil` binary and
//! starting `vigil serve` on 127.0.0.1.
// Each test binary uses a different part of this module.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const VIGIL: &str = env!("CARGO_BIN_EXE_vigil");

/// A file under this crate's `tests/fixtures`.
pub fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs `vigil --data-dir DATA ARGS`, insists it succeeds, and returns what it printed.
pub fn vigil(data: &Path, args: &[&str]) -> String {
    let out = run(data, args);
    assert!(
        out.status.success(),
        "vigil {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `vigil users add` with the password on stdin, insisting it succeeds.
pub fn add_user(data: &Path, name: &str, role: &str, password: &str) {
    use std::io::Write;
    let mut child = Command::new(VIGIL)
        .env_remove("VIGIL_DATA_DIR")
        .arg("--data-dir")
        .arg(data)
        .args(["users", "add", "--name", name, "--role", role])
        .arg("--password-stdin")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(format!("{password}\n").as_bytes()).unwrap();
    drop(stdin);
    assert!(child.wait().unwrap().success(), "users add {name}");
}

/// Runs `vigil --data-dir DATA ARGS` (ignoring any `VIGIL_DATA_DIR` of the caller).
pub fn run(data: &Path, args: &[&str]) -> Output {
    Command::new(VIGIL)
        .env_remove("VIGIL_DATA_DIR")
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .expect("the vigil binary runs")
}

/// A new API key, printed alone on the last line by `vigil keys create`.
pub fn new_key(data: &Path, name: &str, role: &str) -> String {
    let out = run(data, &["keys", "create", "--name", name, "--role", role]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    stdout.lines().last().unwrap().trim().to_owned()
}

/// `vigil serve` on an ephemeral port of 127.0.0.1, killed on drop.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    /// Stops the server as an operator would (SIGTERM) and waits: a graceful stop flushes
    /// the audit trail.
    pub fn stop(mut self) {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status();
        if sent.is_ok_and(|s| s.success()) {
            let deadline = Instant::now() + Duration::from_secs(20);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = self.child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the server and waits until `/readyz` answers 200.
pub fn serve(data: &Path, extra: &[&str]) -> Server {
    let mut child = Command::new(VIGIL)
        .env_remove("VIGIL_DATA_DIR")
        .arg("--data-dir")
        .arg(data)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(extra)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let base = loop {
        let line = lines
            .next()
            .expect("server exited before listening")
            .unwrap();
        if let Some(addr) = line.strip_prefix("vigil serving on ") {
            break addr.trim().to_owned();
        }
    };
    // Keep draining the log so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    let server = Server { child, base };
    let deadline = Instant::now() + Duration::from_secs(60);
    let ready = || {
        agent()
            .get(format!("{}/readyz", server.base))
            .call()
            .is_ok_and(|r| r.status() == 200)
    };
    while !ready() {
        assert!(Instant::now() < deadline, "server not ready in time");
        std::thread::sleep(Duration::from_millis(50));
    }
    server
}

/// An HTTP client that returns 4xx and 5xx answers instead of failing on them.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent()
}

/// A temporary data folder with the real UN 2026 list imported, or `None` when the shared
/// data is absent (see `vigil_testkit::shared_data`).
pub fn with_un_list() -> Option<tempfile::TempDir> {
    let data = vigil_testkit::shared_data()?;
    let dir = tempfile::tempdir().unwrap();
    let list = data.join("lists/un/consolidated-2026-02-27.xml");
    let out = run(
        dir.path(),
        &[
            "lists",
            "import",
            "--source",
            "un-sc",
            list.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "import failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(dir)
}
