//! The committed split and the CI accuracy floors, on the real lists: the split file is what
//! its rule draws, held-out cases come only from held-out parties, and a broken scorer makes
//! `vigil-bench accuracy --check` exit non-zero.

use std::collections::HashSet;
use std::process::Command;
use vigil_bench::cases::{self, Config};
use vigil_bench::data;
use vigil_bench::names::sorted_key;
use vigil_bench::split::{self, Part};
use vigil_testkit::shared_data;

#[test]
fn committed_split_is_what_the_rule_draws() {
    let Some(dir) = shared_data() else { return };
    let entities = data::load_lists(&dir).unwrap();
    assert!(
        split::draw(&entities) == split::committed(),
        "crates/vigil-bench/data/heldout.txt is stale: run `vigil-bench split --out` on it"
    );
    let held = split::held_out(&entities);
    let share = held.len() as f64 / entities.len() as f64;
    assert!((0.28..0.32).contains(&share), "{share}");
    for source in ["un-sc:", "ofac-sdn:"] {
        let all = entities.iter().filter(|e| e.id.starts_with(source)).count();
        let out = held.iter().filter(|id| id.starts_with(source)).count();
        let share = out as f64 / all as f64;
        assert!((0.25..0.35).contains(&share), "{source} {share}");
    }
}

#[test]
fn held_out_cases_come_from_held_out_parties_only() {
    let Some(dir) = shared_data() else { return };
    let entities = data::load_lists(&dir).unwrap();
    let config = |part| Config {
        seed: 3,
        per_category: 20,
        negatives: 300,
        part,
    };
    let held = cases::build(entities.clone(), &config(Part::Heldout));
    let train = cases::build(entities, &config(Part::Train));
    for case in &held.positives {
        // Every entity that counts as found, the other list's record of the party included.
        for id in &case.expected {
            assert!(Part::Heldout.has_entity(id), "{id} for {}", case.query.name);
        }
    }
    assert!(train
        .positives
        .iter()
        .all(|c| c.expected.iter().all(|id| Part::Train.has_entity(id))));
    let keys = |b: &cases::Benchmark| -> HashSet<String> {
        b.negatives
            .iter()
            .map(|c| sorted_key(&c.query.name))
            .collect()
    };
    assert_eq!(held.negatives.len(), 300);
    assert!(keys(&held).is_disjoint(&keys(&train)));
    // The index holds every listed entity, whichever part the cases come from.
    assert_eq!(held.entities.len(), train.entities.len());
}

#[test]
fn a_broken_scorer_fails_the_accuracy_check() {
    let Some(dir) = shared_data() else { return };
    let output = Command::new(env!("CARGO_BIN_EXE_vigil-bench"))
        .args(["accuracy", "--check", "--degrade", "0.5", "--data"])
        .arg(&dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains("below floor: overall: recall @1% FPR"),
        "{stderr}"
    );
    assert!(stderr.contains("accuracy check failed"), "{stderr}");
}
