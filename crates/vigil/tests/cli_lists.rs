//! `vigil lists` and `vigil entity` run as the built binary against a temporary store.

use serde_json::Value;
use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use vigil_testkit::shared_data;

fn vigil(data_dir: &Path, args: &[&str]) -> Output {
    vigil_env(data_dir, args, &[])
}

fn vigil_env(data_dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vigil"));
    cmd.env_remove("VIGIL_DATA_DIR")
        .arg("--data-dir")
        .arg(data_dir)
        .args(args);
    for (key, value) in env {
        cmd.env(key, value);
    }
    cmd.output().expect("run vigil")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs vigil, insists on success, returns stdout.
fn ok(data_dir: &Path, args: &[&str]) -> String {
    let out = vigil(data_dir, args);
    assert!(
        out.status.success(),
        "vigil {args:?} failed: {}{}",
        stdout(&out),
        stderr(&out)
    );
    stdout(&out)
}

/// Runs vigil, insists on exit code 1, returns stderr.
fn fails(data_dir: &Path, args: &[&str]) -> String {
    let out = vigil(data_dir, args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "vigil {args:?}: {}",
        stdout(&out)
    );
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    err
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// REFERENCE_NUMBERs of a UN XML file, found by plain text search (independent of the
/// parser under test).
fn reference_numbers(path: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(path).unwrap();
    text.split("<REFERENCE_NUMBER>")
        .skip(1)
        .map(|rest| rest.split('<').next().unwrap().trim().to_owned())
        .collect()
}

fn ids(diff: &Value, key: &str) -> BTreeSet<String> {
    diff[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_owned())
        .collect()
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn un_2018_then_2026_diff_matches_an_independent_count() {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let old = data.join("lists/un/consolidated-2018-10-29.xml");
    let new = data.join("lists/un/consolidated-2026-02-27.xml");

    let out = ok(
        dir.path(),
        &["lists", "import", "--source", "un-sc", path_str(&old)],
    );
    assert!(out.contains("un-sc: new version 1 (1093 entities"), "{out}");
    // Eight years of delistings are more than 5%: refused unless confirmed.
    let refused = vigil(
        dir.path(),
        &["lists", "import", "--source", "un-sc", path_str(&new)],
    );
    assert!(!refused.status.success());
    let err = stderr(&refused);
    assert!(
        err.contains("removes 201 of the 1093 entities") && err.contains("--allow-shrink"),
        "{err}"
    );
    let out = ok(
        dir.path(),
        &[
            "lists",
            "import",
            "--source",
            "un-sc",
            "--allow-shrink",
            path_str(&new),
        ],
    );
    assert!(out.contains("un-sc: new version 2 (1003 entities"), "{out}");

    let (old_refs, new_refs) = (reference_numbers(&old), reference_numbers(&new));
    let prefixed = |refs: BTreeSet<&String>| -> BTreeSet<String> {
        refs.into_iter().map(|r| format!("un-sc:{r}")).collect()
    };
    let expected_added = prefixed(new_refs.difference(&old_refs).collect());
    let expected_removed = prefixed(old_refs.difference(&new_refs).collect());

    let diff = json(&ok(dir.path(), &["lists", "diff", "un-sc", "--json"]));
    assert_eq!(
        (diff["version"].as_u64(), diff["previous_version"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(ids(&diff, "added"), expected_added);
    assert_eq!(ids(&diff, "removed"), expected_removed);
    let changed = diff["changed"].as_array().unwrap();
    assert!(!changed.is_empty());
    assert!(changed
        .iter()
        .all(|c| !c["fields"].as_array().unwrap().is_empty()));

    let human = ok(dir.path(), &["lists", "diff", "un-sc"]);
    let first = human.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "un-sc version 2 against version 1: +{} added, -{} removed, ~{} changed",
            expected_added.len(),
            expected_removed.len(),
            changed.len()
        )
    );
    // Version 1's diff is kept: everything added.
    let first_diff = json(&ok(
        dir.path(),
        &["lists", "diff", "un-sc", "--version", "1", "--json"],
    ));
    assert_eq!(
        ids(&first_diff, "added"),
        prefixed(old_refs.iter().collect())
    );

    let again = ok(
        dir.path(),
        &["lists", "import", "--source", "un-sc", path_str(&new)],
    );
    assert!(
        again.contains("un-sc: unchanged (same file as version 2"),
        "{again}"
    );
    let err = fails(dir.path(), &["lists", "diff", "un-sc", "--version", "9"]);
    assert!(err.contains("un-sc has no version 9"), "{err}");
}

#[test]
fn both_lists_listed_and_entity_shown() {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let un = data.join("lists/un/consolidated-2026-02-27.xml");
    let ofac = data.join("lists/ofac");
    ok(
        dir.path(),
        &["lists", "import", "--source", "un-sc", path_str(&un)],
    );
    let out = ok(
        dir.path(),
        &["lists", "import", "--source", "ofac-sdn", path_str(&ofac)],
    );
    // Every sdn.csv record starts its line with its numeric ent_num.
    let sdn = std::fs::read(ofac.join("sdn.csv")).unwrap();
    let records = sdn
        .split(|b| *b == b'\n')
        .filter(|line| {
            let first = line.split(|b| *b == b',').next().unwrap_or(&[]);
            !first.is_empty() && first.iter().all(u8::is_ascii_digit)
        })
        .count();
    assert!(
        out.contains(&format!("ofac-sdn: new version 1 ({records} entities")),
        "{out}"
    );

    let lists = json(&ok(dir.path(), &["lists", "--json"]));
    let lists = lists.as_array().unwrap();
    let sources: Vec<_> = lists
        .iter()
        .map(|l| l["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["ofac-sdn", "un-sc"]);
    assert_eq!(lists[1]["entity_count"], 1003);
    assert_eq!(lists[1]["version"], 1);
    assert_eq!(lists[1]["file_date"], "2026-02-27T00:00:09.554Z");
    let sha = lists[1]["sha256"].as_str().unwrap();
    assert_eq!(sha.len(), 64);

    let table = ok(dir.path(), &["lists"]);
    assert!(table.starts_with("SOURCE"), "{table}");
    let un_row = table.lines().find(|l| l.starts_with("un-sc")).unwrap();
    assert!(
        un_row.contains(&sha[..12]) && !un_row.contains(sha),
        "{un_row}"
    );

    let entity = json(&ok(dir.path(), &["entity", "un-sc:QDe.118", "--json"]));
    assert_eq!(entity["entity"]["id"], "un-sc:QDe.118");
    assert_eq!(entity["removed_in"], Value::Null);
    let names: Vec<_> = entity["entity"]["names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["full"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Lashkar-e-Toiba"), "{names:?}");

    let human = ok(dir.path(), &["entity", "UN-SC:qde.118"]);
    assert!(human.starts_with("un-sc:QDe.118  "), "{human}");
    assert!(human.contains("Lashkar-e-Toiba"), "{human}");
    assert!(human.contains("Listed: yes, in un-sc version 1"), "{human}");

    let err = fails(dir.path(), &["entity", "un-sc:QDe.999999"]);
    assert!(err.contains("no entity \"un-sc:QDe.999999\""), "{err}");
}

#[test]
fn truncated_xml_fails_with_position_and_changes_nothing() {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let un = data.join("lists/un/consolidated-2018-10-29.xml");
    ok(
        dir.path(),
        &["lists", "import", "--source", "un-sc", path_str(&un)],
    );
    let before = ok(dir.path(), &["lists", "--json"]);

    let bytes = std::fs::read(data.join("lists/un/consolidated-2026-02-27.xml")).unwrap();
    let truncated = dir.path().join("truncated.xml");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let err = fails(
        dir.path(),
        &["lists", "import", "--source", "un-sc", path_str(&truncated)],
    );
    assert!(err.contains("truncated.xml:"), "{err}");
    let position = err.split("truncated.xml:").nth(1).and_then(|rest| {
        rest.split(':')
            .take(2)
            .map(|n| n.parse::<u64>().ok())
            .collect::<Option<Vec<_>>>()
    });
    assert!(
        matches!(position.as_deref(), Some([_, _])),
        "no line:column in {err}"
    );

    assert_eq!(ok(dir.path(), &["lists", "--json"]), before);
}

#[test]
fn empty_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.xml");
    std::fs::write(&empty, "").unwrap();
    let err = fails(
        dir.path(),
        &["lists", "import", "--source", "un-sc", path_str(&empty)],
    );
    assert!(err.contains("empty.xml") && err.contains("empty"), "{err}");
    assert_eq!(
        json(&ok(dir.path(), &["lists", "--json"])),
        Value::Array(Vec::new())
    );
}

#[test]
fn wrong_kind_of_file_for_the_source_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("people.csv");
    std::fs::write(&csv, "id,schema,name\n1,person,John Smith\n").unwrap();
    let err = fails(
        dir.path(),
        &["lists", "import", "--source", "un-sc", path_str(&csv)],
    );
    assert!(err.contains("people.csv"), "{err}");

    let xml = dir.path().join("list.xml");
    std::fs::write(
        &xml,
        "<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST></CONSOLIDATED_LIST>\n",
    )
    .unwrap();
    let err = fails(
        dir.path(),
        &[
            "lists",
            "import",
            "--source",
            "un-sc",
            "--format",
            "ofac-sdn",
            path_str(&xml),
        ],
    );
    assert!(err.contains("un-sc") || err.contains("ofac-sdn"), "{err}");

    let unknown = dir.path().join("list.dat");
    std::fs::write(&unknown, "something").unwrap();
    let err = fails(
        dir.path(),
        &["lists", "import", "--source", "mine", path_str(&unknown)],
    );
    assert!(
        err.contains("list.dat") && err.contains("--format"),
        "{err}"
    );
    assert_eq!(
        json(&ok(dir.path(), &["lists", "--json"])),
        Value::Array(Vec::new())
    );
}

#[test]
fn bare_lists_on_an_empty_store_says_how_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let out = ok(dir.path(), &["lists"]);
    assert!(out.contains("No lists yet"), "{out}");
    let err = fails(dir.path(), &["lists", "diff", "un-sc"]);
    assert!(err.contains("no list named \"un-sc\""), "{err}");
}

/// Serves `body` to each of up to `requests` connections on a loopback port.
fn serve(body: Vec<u8>, requests: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/consolidated.xml", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let Ok(mut stream) = stream else { continue };
            let mut request = Vec::new();
            let mut buf = [0; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    url
}

#[test]
fn fetch_downloads_validates_and_imports() {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let body = std::fs::read(data.join("lists/un/consolidated-2026-02-27.xml")).unwrap();
    let url = serve(body, 2);
    let env = [("VIGIL_UN_SC_URL", url.as_str())];
    let out = vigil_env(dir.path(), &["lists", "fetch", "--source", "un-sc"], &env);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("un-sc: new version 1 (1003 entities"),
        "{}",
        stdout(&out)
    );
    let again = vigil_env(dir.path(), &["lists", "fetch", "--source", "un-sc"], &env);
    assert!(
        stdout(&again).contains("un-sc: unchanged"),
        "{}",
        stdout(&again)
    );
}

#[test]
fn failed_fetch_says_how_to_import_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    // A port nobody listens on: bind, note it, close.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/consolidated.xml");
    let out = vigil_env(
        dir.path(),
        &["lists", "fetch", "--source", "un-sc"],
        &[("VIGIL_UN_SC_URL", url.as_str())],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains(&url), "{err}");
    assert!(err.contains("vigil lists import --source un-sc"), "{err}");
    assert_eq!(
        json(&ok(dir.path(), &["lists", "--json"])),
        Value::Array(Vec::new())
    );
}

/// `dir/ofac` holding the shared OFAC set, with `sdn.csv` replaced by `sdn` and the file
/// named `drop` left out.
fn ofac_copy(dir: &Path, ofac: &Path, sdn: Option<&[u8]>, drop: Option<&str>) -> PathBuf {
    let copy = dir.join("ofac");
    let _ = std::fs::remove_dir_all(&copy);
    std::fs::create_dir_all(&copy).unwrap();
    for name in ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"] {
        if Some(name) == drop {
            continue;
        }
        let bytes = match (name, sdn) {
            ("sdn.csv", Some(sdn)) => sdn.to_vec(),
            _ => std::fs::read(ofac.join(name)).unwrap(),
        };
        std::fs::write(copy.join(name), bytes).unwrap();
    }
    copy
}

#[test]
fn broken_or_shrunk_lists_delist_nothing() {
    let Some(data) = shared_data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let ofac = data.join("lists/ofac");
    let un = data.join("lists/un/consolidated-2026-02-27.xml");
    ok(
        dir.path(),
        &["lists", "import", "--source", "ofac-sdn", path_str(&ofac)],
    );
    ok(
        dir.path(),
        &["lists", "import", "--source", "un-sc", path_str(&un)],
    );
    let before = ok(dir.path(), &["lists", "--json"]);
    let import = |path: &Path, source: &str| {
        fails(
            dir.path(),
            &["lists", "import", "--source", source, path_str(path)],
        )
    };

    // sdn.csv cut in half, inside a quoted field.
    let sdn = std::fs::read(ofac.join("sdn.csv")).unwrap();
    let half = sdn.len() / 2;
    let cut = half + sdn[half..].windows(2).position(|w| w == b",\"").unwrap() + 4;
    let err = import(
        &ofac_copy(dir.path(), &ofac, Some(&sdn[..cut]), None),
        "ofac-sdn",
    );
    assert!(
        err.contains("sdn.csv") && err.contains("truncated"),
        "{err}"
    );
    // A set without alt.csv, or with an empty one.
    let err = import(
        &ofac_copy(dir.path(), &ofac, None, Some("alt.csv")),
        "ofac-sdn",
    );
    assert!(err.contains("alt.csv is missing"), "{err}");
    let empty_alt = ofac_copy(dir.path(), &ofac, None, None);
    std::fs::write(empty_alt.join("alt.csv"), b"\r\n\x1a").unwrap();
    let err = import(&empty_alt, "ofac-sdn");
    assert!(err.contains("alt.csv is empty"), "{err}");

    // A well-formed UN file holding only the first 33 individuals.
    let xml = std::fs::read_to_string(&un).unwrap();
    let end = xml.match_indices("</INDIVIDUAL>").nth(32).unwrap().0;
    let small = format!(
        "{}</INDIVIDUAL></INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>\n",
        &xml[..end]
    );
    let small_path = dir.path().join("small.xml");
    std::fs::write(&small_path, small).unwrap();
    let err = import(&small_path, "un-sc");
    assert!(
        err.contains("removes 970 of the 1003 entities") && err.contains("--allow-shrink"),
        "{err}"
    );

    assert_eq!(ok(dir.path(), &["lists", "--json"]), before);
    let saeed = json(&ok(dir.path(), &["entity", "ofac-sdn:10689", "--json"]));
    assert!(
        saeed["entity"]["names"].as_array().unwrap().len() > 3,
        "{saeed}"
    );
}
