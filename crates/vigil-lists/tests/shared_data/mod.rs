//! Finds the shared real data (`$VIGIL_SHARED_DATA`, or `<workspace>/../shared/data`).
//!
//! Without it a test prints a visible "skipping" line and returns, unless
//! `VIGIL_REQUIRE_SHARED_DATA=1` (as CI sets), which makes a missing file a failure.

use std::path::PathBuf;

/// The path of `relative` under the shared data folder, or `None` (after saying so) when
/// it is absent and not required.
pub fn shared_file(relative: &str) -> Option<PathBuf> {
    let root = std::env::var_os("VIGIL_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    let path = root.join(relative);
    if path.exists() {
        return Some(path);
    }
    if std::env::var("VIGIL_REQUIRE_SHARED_DATA").is_ok_and(|v| v == "1") {
        panic!(
            "shared data not found: {} (VIGIL_REQUIRE_SHARED_DATA=1)",
            path.display()
        );
    }
    eprintln!("skipping: shared data not found: {}", path.display());
    None
}
