//! Real clients: nomenklatura's yente enricher against a live `vigil serve`, and the
//! `followthemoney` validators on every entity Vigil returns or exports
//! (`tests/yente_client.py`). Skips (visibly) when python3 with `nomenklatura` and
//! `followthemoney` is missing, unless `VIGIL_REQUIRE_PYTHON_FTM=1` (as in CI).

mod common;

use common::fixture;

use std::path::Path;
use std::process::Command;

fn has_python_ftm() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import nomenklatura.enrich.yente, followthemoney"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        if std::env::var("VIGIL_REQUIRE_PYTHON_FTM").as_deref() == Ok("1") {
            panic!("python3 with nomenklatura and followthemoney not found and VIGIL_REQUIRE_PYTHON_FTM=1");
        }
        eprintln!("skipping: python3 with nomenklatura and followthemoney not found (pip install nomenklatura)");
    }
    found
}

fn import(data: &Path, source: &str, format: &str, path: &Path) {
    let args = [
        "lists",
        "import",
        "--source",
        source,
        "--format",
        format,
        path.to_str().unwrap(),
    ];
    let out = common::run(data, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn client(args: &[&str]) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/yente_client.py");
    let out = Command::new("python3")
        .arg(&script)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "yente_client.py {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("all checks passed"));
}

/// A data folder with the fixture lists, plus the real UN list when the shared data is there.
fn lists() -> tempfile::TempDir {
    let dir = common::with_un_list().unwrap_or_else(|| tempfile::tempdir().unwrap());
    import(dir.path(), "own", "csv", &fixture("own-list-v1.csv"));
    import(dir.path(), "watch", "ftm", &fixture("yente/watch.ftm.json"));
    dir
}

/// One data folder for both clients: the UN list import is the slow part.
#[test]
fn real_ftm_clients_accept_vigil() {
    if !has_python_ftm() {
        return;
    }
    let dir = lists();
    // Every exported entity passes FtM's validators.
    let file = dir.path().join("export.ftm.json");
    let out = common::run(
        dir.path(),
        &["export", "--format", "ftm", "-o", file.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    client(&["validate", file.to_str().unwrap()]);
    // nomenklatura's enricher matches and expands; what the yente routes return validates.
    let key = common::new_key(dir.path(), "enricher", "screener");
    let server = common::serve(dir.path(), &[]);
    client(&["enrich", &server.base, &key]);
}
