//! The accuracy floors CI enforces (`vigil-bench accuracy --check`): the engine's recall on
//! a frozen sample of the held-out split may not fall below these. They sit about 0.03 below
//! what the engine measured when they were set (docs/benchmarks.md, "CI floors"); raise them
//! when the engine improves, never lower them to let a regression through.

use crate::accuracy::{Recall, SystemResult};
use crate::cases::Config;
use crate::split::Part;

/// The frozen sample the floors are measured on: seed, part and sizes are fixed, so the
/// check is deterministic and moves only when the engine does.
pub const CHECK_CONFIG: Config = Config {
    seed: 42,
    per_category: 150,
    negatives: 2000,
    part: Part::Heldout,
};

/// The least recall allowed for one group of positives (a category, a script or
/// "overall"), at 1% and 0.1% false alerts and at the default threshold.
#[derive(Debug, Clone, Copy)]
pub struct Floor {
    pub group: &'static str,
    pub at_target_fpr: f64,
    pub at_strict_fpr: f64,
    pub at_default: f64,
}

const fn floor(group: &'static str, target: f64, strict: f64, default: f64) -> Floor {
    Floor {
        group,
        at_target_fpr: target,
        at_strict_fpr: strict,
        at_default: default,
    }
}

/// Today's engine measured 2026-12-04 on `CHECK_CONFIG` minus 0.03, rounded down to two
/// places (scripts with a handful of cases, Cyrillic and Han, have no floor of their own).
pub const FLOORS: &[Floor] = &[
    floor("overall", 0.91, 0.87, 0.90),
    floor("held_out_alias", 0.69, 0.63, 0.67),
    floor("original_script", 0.92, 0.91, 0.92),
    floor("typo_1", 0.93, 0.89, 0.92),
    floor("typo_2", 0.93, 0.83, 0.92),
    floor("reorder", 0.97, 0.97, 0.97),
    floor("dropped_middle", 0.93, 0.81, 0.89),
    floor("transliteration", 0.93, 0.91, 0.93),
    floor("honorific", 0.97, 0.97, 0.97),
    floor("legal_form", 0.95, 0.93, 0.94),
    floor("latin", 0.91, 0.87, 0.90),
    floor("arabic", 0.93, 0.92, 0.93),
];

/// Every floor the result falls below, as "group: measure value < floor"; empty when the
/// engine holds them all. A group the result does not contain is a shortfall too.
pub fn shortfalls(result: &SystemResult) -> Vec<String> {
    let mut out = Vec::new();
    for f in FLOORS {
        let Some(r) = find(result, f.group) else {
            out.push(format!("{}: not measured", f.group));
            continue;
        };
        let measures = [
            ("recall @1% FPR", r.at_target_fpr, f.at_target_fpr),
            ("recall @0.1% FPR", r.at_strict_fpr, f.at_strict_fpr),
            ("recall @default threshold", r.at_default, f.at_default),
        ];
        for (what, value, least) in measures {
            if value < least {
                out.push(format!("{}: {what} {value:.3} < floor {least:.3}", f.group));
            }
        }
    }
    out
}

fn find<'a>(result: &'a SystemResult, group: &str) -> Option<&'a Recall> {
    std::iter::once(&result.overall)
        .chain(&result.categories)
        .chain(&result.scripts)
        .find(|r| r.group == group)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accuracy::{PairF1, SystemResult};

    fn recall(group: &str, value: f64) -> Recall {
        Recall {
            group: group.into(),
            cases: 100,
            at_target_fpr: value,
            at_strict_fpr: value,
            at_default: value,
        }
    }

    /// A result with every floored group at `value`.
    fn result(value: f64) -> SystemResult {
        let groups = |r: std::ops::Range<usize>| -> Vec<Recall> {
            FLOORS[r].iter().map(|f| recall(f.group, value)).collect()
        };
        SystemResult {
            system: "test",
            threshold_at_target_fpr: 0.8,
            threshold_at_strict_fpr: 0.9,
            threshold_at_target_fpr_ordinary: 0.8,
            recall_at_target_fpr_ordinary: value,
            overall: recall("overall", value),
            fpr_at_default: 0.01,
            pair_f1: PairF1 {
                f1: value,
                precision: value,
                recall: value,
                threshold: 0.8,
            },
            categories: groups(1..10),
            scripts: groups(10..FLOORS.len()),
            negatives: Vec::new(),
        }
    }

    #[test]
    fn todays_engine_holds_and_a_regression_fails() {
        assert_eq!(shortfalls(&result(0.99)), Vec::<String>::new());
        // A scorer regressing to 0.5 recall fails every floor, three measures each.
        assert_eq!(shortfalls(&result(0.5)).len(), FLOORS.len() * 3);
        // One category a little under its floor is enough.
        let mut r = result(0.99);
        r.categories[0].at_strict_fpr = 0.60;
        assert_eq!(
            shortfalls(&r),
            ["held_out_alias: recall @0.1% FPR 0.600 < floor 0.630"]
        );
        r.scripts.clear();
        assert!(shortfalls(&r).contains(&"arabic: not measured".to_owned()));
    }
}
