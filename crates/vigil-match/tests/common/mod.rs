//! What the real-data tests share: one index of UN 2026 + OFAC, built once per test binary.

use std::sync::OnceLock;
use vigil_match::MatchIndex;
use vigil_testkit::shared_data;

/// The UN 2026 + OFAC index, or `None` when the shared data is absent (said visibly, or a
/// failure under `VIGIL_REQUIRE_SHARED_DATA=1`).
pub fn real_index() -> Option<&'static MatchIndex> {
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
