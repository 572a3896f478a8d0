//! Finding and loading the real lists the benchmarks run on (read in place, never copied).

use anyhow::Context as _;
use std::path::{Path, PathBuf};
use vigil_core::Entity;

/// The UN list the benchmark uses (the current one), relative to the shared data folder.
pub const UN_LIST: &str = "lists/un/consolidated-2026-02-27.xml";
/// The OFAC SDN CSV folder, relative to the shared data folder.
pub const OFAC_DIR: &str = "lists/ofac";

/// The shared data folder: `$VIGIL_SHARED_DATA`, else `<workspace>/../shared/data`, else
/// `../shared/data` from the current directory. `None` when none exists.
pub fn shared_data_dir() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("VIGIL_SHARED_DATA").map(PathBuf::from),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")),
        Some(PathBuf::from("../shared/data")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|p| p.join(UN_LIST).is_file())
}

/// Every entity of the UN 2026 list and the OFAC SDN list, UN first.
pub fn load_lists(data: &Path) -> anyhow::Result<Vec<Entity>> {
    let un_path = data.join(UN_LIST);
    let un = vigil_lists::un_sc::parse(&un_path)
        .with_context(|| format!("parsing {}", un_path.display()))?;
    let ofac_path = data.join(OFAC_DIR);
    let ofac = vigil_lists::ofac_sdn::parse_dir(&ofac_path)
        .with_context(|| format!("parsing {}", ofac_path.display()))?;
    let mut entities = un.entities;
    entities.extend(ofac.entities);
    Ok(entities)
}
