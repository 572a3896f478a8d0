//! Running the accuracy benchmark: score every case with the engine and the baseline, then
//! report recall per category at the threshold where 1% of negatives alert, and at the
//! engine's default threshold.

use crate::baseline::JwBaseline;
use crate::cases::{Benchmark, Case, Category};
use crate::split::Part;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;
use vigil_match::translit::script_name;
use vigil_match::{Match, MatchIndex, ScreenOptions, DEFAULT_THRESHOLD};

/// The false-alert rate the headline recall is measured at.
pub const TARGET_FPR: f64 = 0.01;
/// The strict false-alert rate (payment screening).
pub const STRICT_FPR: f64 = 0.001;
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

/// Recall of one group of positives at the three thresholds reported.
#[derive(Debug, Clone, Serialize)]
pub struct Recall {
    /// Category or script name ("overall" for all positives).
    pub group: String,
    pub cases: usize,
    /// Alerting at most 1% of the negatives.
    pub at_target_fpr: f64,
    /// Alerting at most 0.1% of the negatives (banks screen payments this strictly).
    pub at_strict_fpr: f64,
    /// At the engine's default threshold.
    pub at_default: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct NegativeResult {
    pub category: &'static str,
    pub cases: usize,
    pub fpr_at_default: f64,
}

/// Cases as labelled pairs (a positive's query and its expected entity, a negative's query
/// and its top hit), alerting at the score that maximises F1.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct PairF1 {
    pub f1: f64,
    pub precision: f64,
    pub recall: f64,
    /// Pairs scoring this or more alert.
    pub threshold: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SystemResult {
    pub system: &'static str,
    /// Scores strictly above this alert at most 1% of the negatives.
    pub threshold_at_target_fpr: f64,
    /// Scores strictly above this alert at most 0.1% of the negatives.
    pub threshold_at_strict_fpr: f64,
    /// The 1% threshold with the hard negatives left out (they are spelling variants of
    /// listed names as often as not, which no name matcher can tell apart without evidence),
    /// and the overall recall there.
    pub threshold_at_target_fpr_ordinary: f64,
    pub recall_at_target_fpr_ordinary: f64,
    pub overall: Recall,
    pub fpr_at_default: f64,
    pub pair_f1: PairF1,
    pub categories: Vec<Recall>,
    /// Positives by the script of the query ([`vigil_match::translit::script_name`]).
    pub scripts: Vec<Recall>,
    pub negatives: Vec<NegativeResult>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AccuracyReport {
    pub seed: u64,
    /// The part of the committed split the cases come from.
    pub part: Part,
    pub indexed_entities: usize,
    pub positives: usize,
    pub negatives: usize,
    pub default_threshold: f64,
    pub target_fpr: f64,
    pub strict_fpr: f64,
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

/// The alert thresholds one system is measured at.
struct Thresholds {
    target: f64,
    strict: f64,
}

impl Thresholds {
    /// The recall of a group of positive scores.
    fn recall(&self, group: impl Into<String>, scores: impl Iterator<Item = f64>) -> Recall {
        let (mut n, mut target, mut strict, mut default) = (0usize, 0usize, 0usize, 0usize);
        for s in scores {
            n += 1;
            target += usize::from(s > self.target);
            strict += usize::from(s > self.strict);
            default += usize::from(s >= DEFAULT_THRESHOLD);
        }
        let share = |k: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
        Recall {
            group: group.into(),
            cases: n,
            at_target_fpr: share(target),
            at_strict_fpr: share(strict),
            at_default: share(default),
        }
    }
}

/// The share of scores at or above the default threshold.
fn share_alerting(scores: impl Iterator<Item = f64>) -> f64 {
    let (mut n, mut hits) = (0usize, 0usize);
    for s in scores {
        n += 1;
        hits += usize::from(s >= DEFAULT_THRESHOLD);
    }
    if n == 0 {
        0.0
    } else {
        hits as f64 / n as f64
    }
}

/// The best F1 over every alert threshold, positives and negatives as labelled pairs.
pub fn best_pair_f1(positive_scores: &[f64], negative_scores: &[f64]) -> PairF1 {
    let mut pairs: Vec<(f64, bool)> = positive_scores
        .iter()
        .map(|&s| (s, true))
        .chain(negative_scores.iter().map(|&s| (s, false)))
        .collect();
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let positives = positive_scores.len() as f64;
    let mut best = PairF1 {
        f1: 0.0,
        precision: 0.0,
        recall: 0.0,
        threshold: 1.0,
    };
    let (mut tp, mut fp) = (0.0, 0.0);
    for (k, &(score, positive)) in pairs.iter().enumerate() {
        if positive {
            tp += 1.0;
        } else {
            fp += 1.0;
        }
        // Only between distinct scores: a threshold alerts on every pair of equal score.
        if pairs.get(k + 1).is_some_and(|next| next.0 == score) || tp == 0.0 {
            continue;
        }
        let f1 = 2.0 * tp / (2.0 * tp + fp + (positives - tp));
        if f1 > best.f1 {
            best = PairF1 {
                f1,
                precision: tp / (tp + fp),
                recall: tp / positives,
                threshold: score,
            };
        }
    }
    best
}

/// Summarises one system from per-case scores (positives then negatives, as in `bench`).
pub fn summarise(
    system: &'static str,
    bench: &Benchmark,
    positive_scores: &[f64],
    negative_scores: &[f64],
) -> SystemResult {
    let thresholds = Thresholds {
        target: threshold_at_fpr(negative_scores, TARGET_FPR),
        strict: threshold_at_fpr(negative_scores, STRICT_FPR),
    };
    let positives = || bench.positives.iter().zip(positive_scores.iter().copied());
    let categories = Category::POSITIVE
        .iter()
        .map(|&category| {
            let scores = positives().filter(|(c, _)| c.category == category);
            thresholds.recall(category.as_str(), scores.map(|(_, s)| s))
        })
        .collect();
    let mut script_names: Vec<&str> = bench
        .positives
        .iter()
        .map(|c| script_name(&c.query.name))
        .collect();
    script_names.sort_unstable();
    script_names.dedup();
    let scripts = script_names
        .into_iter()
        .map(|script| {
            let scores = positives().filter(|(c, _)| script_name(&c.query.name) == script);
            thresholds.recall(script, scores.map(|(_, s)| s))
        })
        .collect();
    let negatives_of = |category: Category| {
        let scores = bench.negatives.iter().zip(negative_scores);
        let scores: Vec<f64> = scores
            .filter(|(c, _)| c.category == category)
            .map(|(_, &s)| s)
            .collect();
        NegativeResult {
            category: category.as_str(),
            cases: scores.len(),
            fpr_at_default: share_alerting(scores.into_iter()),
        }
    };
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
        threshold_at_target_fpr: thresholds.target,
        threshold_at_strict_fpr: thresholds.strict,
        threshold_at_target_fpr_ordinary: ordinary_threshold,
        recall_at_target_fpr_ordinary: positive_scores
            .iter()
            .filter(|&&s| s > ordinary_threshold)
            .count() as f64
            / positive_scores.len().max(1) as f64,
        overall: thresholds.recall("overall", positive_scores.iter().copied()),
        fpr_at_default: share_alerting(negative_scores.iter().copied()),
        pair_f1: best_pair_f1(positive_scores, negative_scores),
        categories,
        scripts,
        negatives: Category::NEGATIVE
            .iter()
            .map(|&c| negatives_of(c))
            .collect(),
    }
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
    fn pair_f1_is_the_best_over_thresholds() {
        // Alerting at 0.7: 3 true of 4 positives, 1 false: F1 = 6 / (6 + 1 + 1) = 0.75.
        let f = best_pair_f1(&[0.9, 0.8, 0.7, 0.1], &[0.75, 0.2, 0.15, 0.05]);
        assert_eq!(f.threshold, 0.7);
        assert!((f.f1 - 0.75).abs() < 1e-9, "{f:?}");
        assert!((f.precision - 0.75).abs() < 1e-9 && (f.recall - 0.75).abs() < 1e-9);
        // A tie between a positive and a negative cannot be split by a threshold.
        let tied = best_pair_f1(&[0.8], &[0.8]);
        assert!((tied.f1 - 2.0 / 3.0).abs() < 1e-9, "{tied:?}");
        assert_eq!(best_pair_f1(&[], &[0.5]).f1, 0.0);
    }

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
