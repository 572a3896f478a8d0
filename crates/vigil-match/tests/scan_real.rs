//! Text scanning against the real UN 2026 and OFAC lists (read in place from shared data).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use vigil_match::{MatchIndex, Mention, ScanOptions};

/// The shared data folder, or `None` (with a visible message) when it is absent and not
/// required; CI sets `VIGIL_REQUIRE_SHARED_DATA=1` to make absence a failure.
fn shared_data() -> Option<PathBuf> {
    let dir = std::env::var_os("VIGIL_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    if dir.join("lists/un/consolidated-2026-02-27.xml").is_file() {
        return Some(dir);
    }
    if std::env::var("VIGIL_REQUIRE_SHARED_DATA").as_deref() == Ok("1") {
        panic!("shared data not found at {}", dir.display());
    }
    eprintln!("skipping: shared data not found at {}", dir.display());
    None
}

fn index() -> Option<&'static MatchIndex> {
    static INDEX: OnceLock<Option<MatchIndex>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let dir = shared_data()?;
            let un = vigil_lists::un_sc::parse(&dir.join("lists/un/consolidated-2026-02-27.xml"))
                .expect("UN list parses");
            let ofac = vigil_lists::ofac_sdn::parse_dir(&dir.join("lists/ofac"))
                .expect("OFAC list parses");
            let mut entities = un.entities;
            entities.extend(ofac.entities);
            Some(MatchIndex::build(entities))
        })
        .as_ref()
}

fn scan(ix: &MatchIndex, text: &str) -> Vec<Mention> {
    ix.scan(text, &ScanOptions::default())
}

fn show(ms: &[Mention]) -> String {
    ms.iter()
        .map(|m| format!("{}..{} {:?} {} {} ({}) {:?}\n", m.start, m.end, m.text, m.entity_id, m.score, m.matched_name, m.kind))
        .collect()
}

#[test]
fn explore() {
    let Some(ix) = index() else { return };
    let dir = shared_data().unwrap();
    let text = std::fs::read_to_string(dir.join("text/us-india-ct-joint-statement.txt")).unwrap();
    let ms = scan(ix, &text);
    eprintln!("{}", show(&ms));
    let low = ix.scan(&text, &ScanOptions { threshold: 0.5 });
    eprintln!("--- at 0.5\n{}", show(&low));
}

#[test]
fn explore_fixtures() {
    let Some(ix) = index() else { return };
    for f in ["lahore_court.txt", "syria_profile.txt"] {
        let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scan").join(f)).unwrap();
        eprintln!("=== {f}\n{}", show(&scan(ix, &text)));
        eprintln!("--- at 0.6\n{}", show(&ix.scan(&text, &ScanOptions { threshold: 0.6 })));
    }
}
