//! The name-pair benchmark on the real lists: pairs of one party and hard negatives of two,
//! from the held-out part only, scored by the engine and the baseline.

use vigil_bench::data;
use vigil_bench::names::sorted_key;
use vigil_bench::pairs::{self, PairKind};
use vigil_bench::split::Part;
use vigil_match::MatchIndex;
use vigil_testkit::shared_data;

#[test]
fn pairs_from_real_variation_are_scored_by_both_systems() {
    let Some(dir) = shared_data() else { return };
    let index = MatchIndex::build(data::load_lists(&dir).unwrap());
    let pairs = pairs::build(&index, Part::Heldout, 30, 5);
    let count = |kind| pairs.iter().filter(|p| p.kind == kind).count();
    assert_eq!(count(PairKind::LatinAlias), 30);
    assert_eq!(count(PairKind::CrossScript), 30);
    assert_eq!(count(PairKind::HardNegative), 60);
    assert_eq!(pairs, pairs::build(&index, Part::Heldout, 30, 5), "seeded");
    for p in &pairs {
        // No pair is one name written twice, and a hard negative is never a shared name.
        assert_ne!(sorted_key(&p.a), sorted_key(&p.b), "{p:?}");
    }
    let (engine, baseline) = pairs::score(&pairs);
    assert!(engine
        .iter()
        .chain(&baseline)
        .all(|s| (0.0..=1.0).contains(s)));
    let vigil = pairs::summarise("vigil", &pairs, &engine);
    let jw = pairs::summarise("jaro_winkler", &pairs, &baseline);
    let cross = |s: &pairs::PairSystem| s.kinds[1].recall_at_target_fpr;
    // Jaro-Winkler cannot read another script; the engine romanises it.
    assert_eq!(cross(&jw), 0.0);
    assert!(cross(&vigil) > 0.0);
    assert!(vigil.auc > jw.auc, "{} vs {}", vigil.auc, jw.auc);
}
