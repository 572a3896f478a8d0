//! Fault test: a list import killed (SIGKILL) at random points leaves a store that opens,
//! holds only whole versions, and takes the next import; two imports started at once
//! either serialise or one fails cleanly.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use vigil_store::Store;

const VIGIL: &str = env!("CARGO_BIN_EXE_vigil");
const ENTITIES: usize = 2_000;

/// A CSV list of `ENTITIES` people whose names carry `tag`, so each file is a new version
/// of the same entities (no shrink).
fn write_list(dir: &Path, tag: &str) -> PathBuf {
    let mut csv = String::from("id,schema,name,birth_date\n");
    for i in 0..ENTITIES {
        csv.push_str(&format!(
            "P{i},person,Person {tag} Number {i},19{:02}\n",
            i % 100
        ));
    }
    let path = dir.join(format!("list-{tag}.csv"));
    std::fs::write(&path, csv).unwrap();
    path
}

fn start_import(data: &Path, list: &Path) -> Child {
    Command::new(VIGIL)
        .arg("--data-dir")
        .arg(data)
        .args(["lists", "import", "--source", "big", "--format", "csv"])
        .arg(list)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Every stored version is whole: numbered 1..n without gaps, each with every entity,
/// and the latest one readable in full.
fn assert_whole(data: &Path) -> usize {
    let store = Store::open(data).expect("the store opens");
    let versions = store.versions("big").unwrap_or_default();
    for (i, v) in versions.iter().enumerate() {
        assert_eq!(v.version as usize, i + 1, "{versions:?}");
        assert_eq!(v.entity_count as usize, ENTITIES, "{v:?}");
    }
    if !versions.is_empty() {
        assert_eq!(store.current_entities_of("big").unwrap().len(), ENTITIES);
    }
    versions.len()
}

/// A small xorshift generator seeded from the clock; the seed is printed to replay a run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

#[test]
fn imports_killed_at_random_points_leave_only_whole_versions() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let lists = [write_list(dir.path(), "A"), write_list(dir.path(), "B")];
    // One whole import first, to time it.
    let started = Instant::now();
    let out = start_import(&data, &lists[0]).wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let full = started.elapsed().as_millis() as u64;
    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    println!("seed {seed}, a whole import takes {full} ms");
    let mut rng = Rng(seed);
    let mut killed = 0;
    for round in 0..20 {
        let before = assert_whole(&data);
        let mut child = start_import(&data, &lists[(round + 1) % 2]);
        std::thread::sleep(Duration::from_millis(rng.below(full + full / 4)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap(); // SIGKILL
            killed += 1;
        }
        child.wait().unwrap();
        let after = assert_whole(&data);
        assert!(
            after == before || after == before + 1,
            "{before} -> {after}"
        );
    }
    println!("{killed} of 20 imports killed mid-way");
    // The next import works, whatever state the kills left.
    let versions = assert_whole(&data);
    let latest = Store::open(&data).unwrap().versions("big").unwrap();
    let next = if latest.last().map(|v| v.sha256.clone()) == Some(sha_of(&lists[0])) {
        &lists[1]
    } else {
        &lists[0]
    };
    let out = start_import(&data, next).wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(assert_whole(&data), versions + 1);
}

fn sha_of(path: &Path) -> String {
    vigil_lists::parse_path("big", vigil_lists::ListFormat::Csv, path)
        .unwrap()
        .sha256
}

#[test]
fn two_imports_at_once_serialise_or_one_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let seed = write_list(dir.path(), "S");
    assert!(start_import(&data, &seed).wait().unwrap().success());
    let (a, b) = (write_list(dir.path(), "A"), write_list(dir.path(), "B"));
    let first = start_import(&data, &a);
    let second = start_import(&data, &b);
    let mut succeeded = 0;
    for child in [first, second] {
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{err}");
        if out.status.success() {
            succeeded += 1;
        } else {
            assert_eq!(out.status.code(), Some(1), "{err}");
            assert!(err.contains("error"), "{err}");
        }
    }
    assert!(succeeded >= 1);
    assert_eq!(assert_whole(&data), 1 + succeeded);
}
