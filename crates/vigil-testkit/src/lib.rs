//! Test support shared by every Vigil crate, so each idea lives in one place.

use std::path::{Path, PathBuf};

/// The shared data folder (`$VIGIL_SHARED_DATA`, else `../shared/data` beside the workspace),
/// or `None` after saying "skipping: shared data not found" on stderr. With
/// `VIGIL_REQUIRE_SHARED_DATA=1` (as in CI) an absent folder fails the test instead, so CI
/// never skips silently.
pub fn shared_data() -> Option<PathBuf> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let candidates = [
        std::env::var_os("VIGIL_SHARED_DATA").map(PathBuf::from),
        Some(workspace.join("../shared/data")),
    ];
    let found = candidates
        .into_iter()
        .flatten()
        .find(|p| p.join("lists/un/consolidated-2026-02-27.xml").is_file());
    if found.is_none() {
        if std::env::var("VIGIL_REQUIRE_SHARED_DATA").as_deref() == Ok("1") {
            panic!("shared data not found and VIGIL_REQUIRE_SHARED_DATA=1");
        }
        eprintln!("skipping: shared data not found");
    }
    found
}
