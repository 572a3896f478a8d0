//! The shared real data, found by `vigil_testkit::shared_data` (which skips visibly, or fails
//! when `VIGIL_REQUIRE_SHARED_DATA=1`).

use std::path::PathBuf;

/// The path of `relative` under the shared data folder, or `None` when it is absent.
pub fn shared_file(relative: &str) -> Option<PathBuf> {
    vigil_testkit::shared_data().map(|root| root.join(relative))
}
