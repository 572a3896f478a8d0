//! The accuracy benchmark on the real lists, small: it builds, is reproducible, and every
//! category is populated and scored.

use vigil_bench::accuracy;
use vigil_bench::baseline::JwBaseline;
use vigil_bench::cases::{self, Category, Config};
use vigil_bench::data;
use vigil_bench::split::Part;
use vigil_match::MatchIndex;
use vigil_testkit::shared_data;

#[test]
fn quick_benchmark_on_the_real_lists() {
    let Some(dir) = shared_data() else { return };
    let entities = data::load_lists(&dir).unwrap();
    // UN 2026: 730 individuals + 273 entities; OFAC snapshot: 8,976 entries.
    assert_eq!(entities.len(), 1003 + 8976);
    let config = Config {
        seed: 7,
        per_category: 15,
        negatives: 200,
        part: Part::All,
    };
    let bench = cases::build(entities.clone(), &config);
    let again = cases::build(entities, &config);
    let queries = |b: &cases::Benchmark| -> Vec<String> {
        b.positives
            .iter()
            .chain(&b.negatives)
            .map(|c| c.query.name.clone())
            .collect()
    };
    assert_eq!(
        queries(&bench),
        queries(&again),
        "same seed, same benchmark"
    );
    for category in Category::POSITIVE {
        let n = bench
            .positives
            .iter()
            .filter(|c| c.category == category)
            .count();
        assert_eq!(n, 15, "{category:?}");
    }
    assert_eq!(bench.negatives.len(), 200);

    // A held-out alias really is gone from its entity.
    let held = bench
        .positives
        .iter()
        .find(|c| c.category == Category::HeldOutAlias)
        .unwrap();
    let owner = bench
        .entities
        .iter()
        .find(|e| held.expected.first() == Some(&e.id))
        .unwrap();
    assert!(owner.names.iter().all(|n| n.full != held.query.name));

    let baseline = JwBaseline::build(&bench.entities);
    let index = MatchIndex::build(bench.entities.clone());
    let engine_pos = accuracy::run_engine(&index, &bench.positives);
    let engine_neg = accuracy::run_engine(&index, &bench.negatives);
    let scores = |o: &[accuracy::Outcome]| o.iter().map(|o| o.score).collect::<Vec<_>>();
    let engine = accuracy::summarise("vigil", &bench, &scores(&engine_pos), &scores(&engine_neg));
    let base = accuracy::summarise(
        "jaro_winkler",
        &bench,
        &accuracy::run_baseline(&baseline, &bench.positives),
        &accuracy::run_baseline(&baseline, &bench.negatives),
    );
    // Jaro-Winkler forgives one typo in a long name: measured 1.000 on the full run.
    let typo = |r: &accuracy::SystemResult| {
        r.categories
            .iter()
            .find(|c| c.group == "typo_1")
            .unwrap()
            .at_default
    };
    assert!(typo(&base) >= 0.9, "{}", typo(&base));
    // Jaro-Winkler cannot read Arabic script at all; the engine transliterates it.
    let original = |r: &accuracy::SystemResult| {
        r.categories
            .iter()
            .find(|c| c.group == "original_script")
            .unwrap()
            .at_default
    };
    assert!(original(&base) < 0.1, "{}", original(&base));
    assert!(original(&engine) > original(&base));
    assert!((0.0..=1.0).contains(&engine.overall.at_target_fpr));
}
