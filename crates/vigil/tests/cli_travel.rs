//! `vigil travel`, run as a user runs it: the built binary on a temporary data folder where
//! the real UN list was imported with `vigil lists import`.

mod common;

use serde_json::Value;
use std::path::Path;
use std::process::Output;
use tempfile::TempDir;

fn vigil(data_dir: &Path, args: &[&str]) -> Output {
    common::run(data_dir, args)
}

fn imported() -> Option<TempDir> {
    common::with_un_list()
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../vigil-formats/tests/fixtures/travel")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

const TD3: [&str; 2] = [
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
];

#[test]
fn screen_paxlst_listed_person_is_a_hit() {
    let Some(dir) = imported() else { return };
    let out = vigil(
        dir.path(),
        &[
            "travel",
            "screen",
            &fixture("paxlst_d05b_passengers.edi"),
            "--json",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    assert_eq!(report["flight"]["number"], "TK1979");
    let travellers = report["travellers"].as_array().unwrap();
    assert_eq!(travellers.len(), 4);
    assert_eq!(
        travellers[0]["name"],
        "TARIQ BIN HABIB BIN AL TOUMI AL MAROUFI"
    );
    assert_eq!(travellers[0]["role"], "passenger");
    assert_eq!(travellers[0]["verdict"], "hit");
    assert_eq!(travellers[0]["matches"][0]["entity_id"], "un-sc:QDi.074");
    assert!(travellers[0]["matches"][0]["score"].as_f64().unwrap() >= 0.9);
    assert_eq!(travellers[1]["name"], "SEAN PATRICK O'NEIL");
    assert_eq!(travellers[1]["verdict"], "clear");
    assert_eq!(report["errors"].as_array().unwrap().len(), 0);

    // The text form says the same.
    let out = vigil(
        dir.path(),
        &["travel", "screen", &fixture("paxlst_d05b_passengers.edi")],
    );
    assert_eq!(out.status.code(), Some(4));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("HIT     passenger TARIQ BIN HABIB BIN AL TOUMI AL MAROUFI"),
        "{text}"
    );
    assert!(text.contains("un-sc:QDi.074"), "{text}");
    assert!(
        text.contains("CLEAR   passenger ANNA MARIA ERIKSSON"),
        "{text}"
    );
}

#[test]
fn screen_clear_crew_list_exits_0() {
    let Some(dir) = imported() else { return };
    let out = vigil(
        dir.path(),
        &[
            "travel",
            "screen",
            &fixture("paxlst_d02b_crew_una.edi"),
            "--json",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    assert_eq!(report["flight"]["list"], "crew");
    assert!(report["travellers"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["role"] == "crew" && t["verdict"] == "clear"));
}

#[test]
fn bad_manifests_exit_1_naming_the_segment() {
    let Some(dir) = imported() else { return };
    let out = vigil(
        dir.path(),
        &["travel", "screen", &fixture("paxlst_wrong_unt.edi")],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("segment 52 (line 53): UNT: control count says 49"),
        "{err}"
    );
    let out = vigil(
        dir.path(),
        &["travel", "screen", &fixture("paxlst_unknown_charset.edi")],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown character set \"UNOX\""));
}

#[test]
fn csv_manifest_with_a_bad_row_still_reports_the_hits() {
    let Some(dir) = imported() else { return };
    let out = vigil(
        dir.path(),
        &["travel", "screen", &fixture("manifest.csv"), "--json"],
    );
    // A hit outranks the bad row in the exit status; the row is in `errors`.
    assert_eq!(out.status.code(), Some(4));
    let report = json(&out);
    assert_eq!(report["errors"][0]["line"], 6);
    assert_eq!(report["summary"]["hit"], 2);
}

#[test]
fn mrz_specimen_has_sound_check_digits_but_is_expired() {
    let Some(dir) = imported() else { return };
    let out = vigil(dir.path(), &["travel", "mrz", TD3[0], TD3[1], "--json"]);
    // The ICAO specimen expired in 2012: an error status, not a clear pass.
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    assert_eq!(report["valid"], true);
    assert_eq!(report["document"]["status"], "expired");
    assert_eq!(report["document"]["message"], "expired on 2012-04-15");
    assert_eq!(report["mrz"]["surname"], "ERIKSSON");
    assert_eq!(report["mrz"]["birth_date"], "1974-08-12");
    assert_eq!(report["holder"]["verdict"], "clear");
}

#[test]
fn mrz_broken_check_digit_exits_1_naming_the_field() {
    let Some(dir) = imported() else { return };
    let broken = TD3[1].replace("7408122F", "7408123F");
    let out = vigil(dir.path(), &["travel", "mrz", TD3[0], &broken]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("surname         ERIKSSON"),
        "fields are printed anyway: {text}"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("check digit for birth date is '3', expected '2'"),
        "{err}"
    );
}

#[test]
fn mrz_of_a_listed_passport_is_a_hit() {
    let Some(dir) = imported() else { return };
    let out = vigil(
        dir.path(),
        &[
            "travel",
            "mrz",
            "P<TUNAL<MAAROUFI<<TAREK<BEN<HABIB<BEN<AL<TOU",
            "E590976<<8TUN6511234M9206182<<<<<<<<<<<<<<<4",
        ],
    );
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stdout).contains("un-sc:QDi.074"));
}

#[test]
fn mrz_without_lists_still_prints_the_fields() {
    // An empty store: whether the lists can then be fetched depends on the network, so
    // only the reading, printed either way, is checked.
    let dir = tempfile::tempdir().unwrap();
    let out = vigil(dir.path(), &["travel", "mrz", TD3[0], TD3[1]]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("given names     ANNA MARIA"), "{text}");
    assert!(text.contains("check digits    valid"), "{text}");
}
