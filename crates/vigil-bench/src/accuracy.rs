//! Running the accuracy benchmark: score every case with the engine and the baseline, then
//! report recall per category at the threshold where 1% of negatives alert, and at the
//! engine's default threshold.

use crate::baseline::JwBaseline;
use crate::cases::{Benchmark, Case, Category};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;
use std::fmt::Write as _;
use vigil_match::{Match, MatchIndex, ScreenOptions, DEFAULT_THRESHOLD};

/// The false-alert rate the headline recall is measured at.
pub const TARGET_FPR: f64 = 0.01;
/// How many engine results each case looks at: an expected entity ranked below this counts
/// as not found (an analyst would not see it either).
const LIMIT: usize = 10;

/// One case's outcome for one system: the expected entity's score (positives) or the top
/// score (negatives), in `score`.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub score: f64,
    pub top: Vec<Match>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryResult {
    pub category: &'static str,
    pub cases: usize,
    pub recall_at_target_fpr: f64,
    pub recall_at_default: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct NegativeResult {
    pub category: &'static str,
    pub cases: usize,
    pub fpr_at_default: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SystemResult {
    pub system: &'static str,
    /// Scores strictly above this alert at most 1% of the negatives.
    pub threshold_at_target_fpr: f64,
    pub recall_at_target_fpr: f64,
    /// The same two figures with the hard negatives left out (they are spelling variants of
    /// listed names as often as not, which no name matcher can tell apart without evidence).
    pub threshold_at_target_fpr_ordinary: f64,
    pub recall_at_target_fpr_ordinary: f64,
    pub recall_at_default: f64,
    pub fpr_at_default: f64,
    pub categories: Vec<CategoryResult>,
    pub negatives: Vec<NegativeResult>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AccuracyReport {
    pub seed: u64,
    pub indexed_entities: usize,
    pub positives: usize,
    pub negatives: usize,
    pub default_threshold: f64,
    pub target_fpr: f64,
    pub engine: SystemResult,
    /// None when the run skipped the baseline (`--no-baseline`).
    pub baseline: Option<SystemResult>,
}

/// Engine outcomes for every case, in case order.
pub fn run_engine(index: &MatchIndex, cases: &[Case]) -> Vec<Outcome> {
    let options = ScreenOptions {
        threshold: 0.0,
        limit: LIMIT,
    };
    cases
        .par_iter()
        .map(|case| {
            let top = index.screen(&case.query, &options);
            let score = if case.expected.is_empty() {
                top.first().map_or(0.0, |m| m.score)
            } else {
                top.iter()
                    .find(|m| case.expected.contains(&m.entity_id))
                    .map_or(0.0, |m| m.score)
            };
            Outcome { score, top }
        })
        .collect()
}

/// Baseline scores for every case, in case order.
pub fn run_baseline(baseline: &JwBaseline, cases: &[Case]) -> Vec<f64> {
    cases
        .par_iter()
        .map(|case| {
            let s = baseline.score(&case.query, &case.expected);
            if !case.expected.is_empty() {
                s.expected
            } else {
                s.top
            }
        })
        .collect()
}

/// The score that at most `fpr` of the negatives exceed: with the negatives' top scores
/// sorted high to low, the one at position ⌊fpr·n⌋. Alerting on scores strictly above it
/// keeps false alerts within `fpr`.
pub fn threshold_at_fpr(negative_scores: &[f64], fpr: f64) -> f64 {
    if negative_scores.is_empty() {
        return 0.0;
    }
    let mut sorted = negative_scores.to_vec();
    sorted.sort_by(|a, b| b.total_cmp(a));
    let k = ((fpr * sorted.len() as f64).floor() as usize).min(sorted.len() - 1);
    sorted[k]
}

fn fraction(scores: impl Iterator<Item = f64>, alert: impl Fn(f64) -> bool) -> (usize, f64) {
    let (mut n, mut hits) = (0usize, 0usize);
    for s in scores {
        n += 1;
        hits += usize::from(alert(s));
    }
    (n, if n == 0 { 0.0 } else { hits as f64 / n as f64 })
}

/// Summarises one system from per-case scores (positives then negatives, as in `bench`).
pub fn summarise(
    system: &'static str,
    bench: &Benchmark,
    positive_scores: &[f64],
    negative_scores: &[f64],
) -> SystemResult {
    let threshold = threshold_at_fpr(negative_scores, TARGET_FPR);
    let above = |s: f64| s > threshold;
    let at_default = |s: f64| s >= DEFAULT_THRESHOLD;
    let categories = Category::POSITIVE
        .iter()
        .map(|&category| {
            let scores = || {
                bench
                    .positives
                    .iter()
                    .zip(positive_scores)
                    .filter(move |(c, _)| c.category == category)
                    .map(|(_, &s)| s)
            };
            let (cases, recall_at_target_fpr) = fraction(scores(), above);
            CategoryResult {
                category: category.as_str(),
                cases,
                recall_at_target_fpr,
                recall_at_default: fraction(scores(), at_default).1,
            }
        })
        .collect();
    let negatives = Category::NEGATIVE
        .iter()
        .map(|&category| {
            let scores = bench
                .negatives
                .iter()
                .zip(negative_scores)
                .filter(|(c, _)| c.category == category)
                .map(|(_, &s)| s);
            let (cases, fpr_at_default) = fraction(scores, at_default);
            NegativeResult {
                category: category.as_str(),
                cases,
                fpr_at_default,
            }
        })
        .collect();
    let ordinary: Vec<f64> = bench
        .negatives
        .iter()
        .zip(negative_scores)
        .filter(|(c, _)| c.category != Category::HardPersonNegative)
        .map(|(_, &s)| s)
        .collect();
    let ordinary_threshold = threshold_at_fpr(&ordinary, TARGET_FPR);
    SystemResult {
        system,
        threshold_at_target_fpr: threshold,
        recall_at_target_fpr: fraction(positive_scores.iter().copied(), above).1,
        threshold_at_target_fpr_ordinary: ordinary_threshold,
        recall_at_target_fpr_ordinary: fraction(positive_scores.iter().copied(), |s| {
            s > ordinary_threshold
        })
        .1,
        recall_at_default: fraction(positive_scores.iter().copied(), at_default).1,
        fpr_at_default: fraction(negative_scores.iter().copied(), at_default).1,
        categories,
        negatives,
    }
}

/// Targets the engine is measured against (from the project brief).
pub const TARGET_OVERALL_RECALL: f64 = 0.92;
pub const TARGET_ORIGINAL_SCRIPT_RECALL: f64 = 0.85;

pub fn markdown(report: &AccuracyReport) -> String {
    let e = &report.engine;
    let b = report.baseline.as_ref();
    // A baseline figure, or a dash when the run skipped the baseline.
    let base = |v: Option<f64>| v.map_or("–".to_owned(), |v| format!("{v:.3}"));
    let d = report.default_threshold;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Seed {}; {} indexed entities; {} positive and {} negative queries.\n",
        report.seed, report.indexed_entities, report.positives, report.negatives
    );
    let _ = writeln!(
        out,
        "| category | cases | Vigil recall @1% FPR | Vigil recall @{d:.2} | baseline recall @1% FPR | baseline recall @{d:.2} |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|");
    for (i, ec) in e.categories.iter().enumerate() {
        let bc = b.map(|b| &b.categories[i]);
        let _ = writeln!(
            out,
            "| {} | {} | {:.3} | {:.3} | {} | {} |",
            ec.category,
            ec.cases,
            ec.recall_at_target_fpr,
            ec.recall_at_default,
            base(bc.map(|c| c.recall_at_target_fpr)),
            base(bc.map(|c| c.recall_at_default))
        );
    }
    let _ = writeln!(
        out,
        "| **overall** | {} | **{:.3}** | **{:.3}** | **{}** | **{}** |\n",
        report.positives,
        e.recall_at_target_fpr,
        e.recall_at_default,
        base(b.map(|b| b.recall_at_target_fpr)),
        base(b.map(|b| b.recall_at_default))
    );
    let _ = writeln!(
        out,
        "| negatives | cases | Vigil FPR @{d:.2} | baseline FPR @{d:.2} |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|");
    for (i, en) in e.negatives.iter().enumerate() {
        let bn = base(b.map(|b| b.negatives[i].fpr_at_default));
        let _ = writeln!(
            out,
            "| {} | {} | {:.3} | {} |",
            en.category, en.cases, en.fpr_at_default, bn
        );
    }
    let _ = writeln!(
        out,
        "| **all** | {} | **{:.3}** | **{}** |\n",
        report.negatives,
        e.fpr_at_default,
        base(b.map(|b| b.fpr_at_default))
    );
    let _ = writeln!(
        out,
        "1% of negatives score above {:.3} (Vigil) and {} (baseline): recall @1% FPR counts positives above that.",
        e.threshold_at_target_fpr,
        base(b.map(|b| b.threshold_at_target_fpr))
    );
    let _ = writeln!(
        out,
        "Without the hard negatives, 1% of negatives score above {:.3} (Vigil) and {} (baseline), and overall recall there is {:.3} (Vigil) and {} (baseline).",
        e.threshold_at_target_fpr_ordinary,
        base(b.map(|b| b.threshold_at_target_fpr_ordinary)),
        e.recall_at_target_fpr_ordinary,
        base(b.map(|b| b.recall_at_target_fpr_ordinary))
    );
    let original = e
        .categories
        .iter()
        .find(|c| c.category == Category::OriginalScript.as_str())
        .map_or(0.0, |c| c.recall_at_target_fpr);
    let verdict = |ok: bool| if ok { "met" } else { "NOT met" };
    let _ = writeln!(
        out,
        "Targets: overall recall @1% FPR ≥ {TARGET_OVERALL_RECALL}: {}; original-script ≥ {TARGET_ORIGINAL_SCRIPT_RECALL}: {}.",
        verdict(e.recall_at_target_fpr >= TARGET_OVERALL_RECALL),
        verdict(original >= TARGET_ORIGINAL_SCRIPT_RECALL)
    );
    out
}

/// Negatives this close below the alert threshold are written too (`near_alert`): they
/// decide where the 1%-false-alert threshold lands once the false alerts are fixed.
const NEAR_ALERT_MARGIN: f64 = 0.05;

/// JSON lines for analysis: every positive the engine did not alert on (at the 1%-FPR
/// threshold or at the default), every negative it alerted on at the default, and every
/// negative within NEAR_ALERT_MARGIN below it, each with the engine's top results.
pub fn misses(
    bench: &Benchmark,
    index: &MatchIndex,
    positives: &[Outcome],
    negatives: &[Outcome],
    threshold: f64,
) -> Vec<serde_json::Value> {
    let top = |o: &Outcome| {
        o.top
            .iter()
            .take(5)
            .map(|m| json!({"entity_id": m.entity_id, "score": m.score, "matched_name": m.matched_name}))
            .collect::<Vec<_>>()
    };
    let mut out = Vec::new();
    for (case, o) in bench.positives.iter().zip(positives) {
        if o.score > threshold && o.score >= DEFAULT_THRESHOLD {
            continue;
        }
        let expected = case.expected.first().map_or("", String::as_str);
        out.push(json!({
            "kind": "miss",
            "category": case.category.as_str(),
            "query": case.query.name,
            "expected_id": expected,
            "expected_caption": index.entity(expected).map(|e| e.name.as_str()),
            "expected_score": o.score,
            "top": top(o),
        }));
    }
    for (case, o) in bench.negatives.iter().zip(negatives) {
        let kind = if o.score >= DEFAULT_THRESHOLD {
            "false_alert"
        } else if o.score >= DEFAULT_THRESHOLD - NEAR_ALERT_MARGIN {
            "near_alert"
        } else {
            continue;
        };
        {
            out.push(json!({
                "kind": kind,
                "category": case.category.as_str(),
                "query": case.query.name,
                "top_score": o.score,
                "top": top(o),
            }));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threshold_keeps_false_alerts_within_target() {
        let negatives: Vec<f64> = (0..200).map(|i| i as f64 / 200.0).collect();
        let t = threshold_at_fpr(&negatives, 0.01);
        let alerts = negatives.iter().filter(|&&s| s > t).count();
        assert_eq!(alerts, 2);
        assert_eq!(t, 197.0 / 200.0);
        // Ties at the top: nothing above the tied score may alert beyond the budget.
        let tied = vec![1.0; 50];
        let t = threshold_at_fpr(&tied, 0.01);
        assert_eq!(tied.iter().filter(|&&s| s > t).count(), 0);
    }
}
