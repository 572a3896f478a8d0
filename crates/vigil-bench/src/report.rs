//! The accuracy report as Markdown, the form docs/benchmarks.md quotes.

use crate::accuracy::{AccuracyReport, Recall, SystemResult};
use crate::cases::Category;
use std::fmt::Write as _;

/// Targets the engine is measured against (from the project brief).
pub const TARGET_OVERALL_RECALL: f64 = 0.92;
pub const TARGET_ORIGINAL_SCRIPT_RECALL: f64 = 0.85;

/// A baseline figure, or a dash when the run skipped the baseline.
fn base(v: Option<f64>) -> String {
    v.map_or("–".to_owned(), |v| format!("{v:.3}"))
}

pub fn markdown(report: &AccuracyReport) -> String {
    let e = &report.engine;
    let b = report.baseline.as_ref();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Seed {}; split part `{}`; {} indexed entities; {} positive and {} negative queries.\n",
        report.seed,
        report.part.as_str(),
        report.indexed_entities,
        report.positives,
        report.negatives
    );
    recall_table(&mut out, report, "category", |s| &s.categories);
    let _ = writeln!(out, "Positives by the script of the query:\n");
    recall_table(&mut out, report, "script", |s| &s.scripts);
    negatives_table(&mut out, report);
    let _ = writeln!(
        out,
        "1% of negatives score above {:.3} (Vigil) and {} (baseline); 0.1% above {:.3} (Vigil) and {} (baseline).",
        e.threshold_at_target_fpr,
        base(b.map(|b| b.threshold_at_target_fpr)),
        e.threshold_at_strict_fpr,
        base(b.map(|b| b.threshold_at_strict_fpr)),
    );
    let _ = writeln!(
        out,
        "Pairs, best-threshold F1: {:.3} at {:.3} (precision {:.3}, recall {:.3}) (Vigil); {} (baseline).",
        e.pair_f1.f1,
        e.pair_f1.threshold,
        e.pair_f1.precision,
        e.pair_f1.recall,
        base(b.map(|b| b.pair_f1.f1)),
    );
    let _ = writeln!(
        out,
        "Without the hard negatives, 1% of negatives score above {:.3} (Vigil) and {} (baseline), and overall recall there is {:.3} (Vigil) and {} (baseline).",
        e.threshold_at_target_fpr_ordinary,
        base(b.map(|b| b.threshold_at_target_fpr_ordinary)),
        e.recall_at_target_fpr_ordinary,
        base(b.map(|b| b.recall_at_target_fpr_ordinary))
    );
    targets(&mut out, e);
    out
}

/// One row per group (category or script), then the overall row.
fn recall_table(
    out: &mut String,
    report: &AccuracyReport,
    what: &str,
    groups: impl Fn(&SystemResult) -> &Vec<Recall>,
) {
    let d = report.default_threshold;
    let _ = writeln!(
        out,
        "| {what} | cases | Vigil @1% FPR | Vigil @0.1% FPR | Vigil @{d:.2} | baseline @1% FPR | baseline @0.1% FPR | baseline @{d:.2} |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|");
    let baseline = report.baseline.as_ref();
    let row = |out: &mut String, e: &Recall, b: Option<&Recall>, bold: bool| {
        let star = if bold { "**" } else { "" };
        let _ = writeln!(
            out,
            "| {star}{}{star} | {} | {star}{:.3}{star} | {star}{:.3}{star} | {:.3} | {} | {} | {} |",
            e.group,
            e.cases,
            e.at_target_fpr,
            e.at_strict_fpr,
            e.at_default,
            base(b.map(|b| b.at_target_fpr)),
            base(b.map(|b| b.at_strict_fpr)),
            base(b.map(|b| b.at_default)),
        );
    };
    for e in groups(&report.engine) {
        let b = baseline.and_then(|b| groups(b).iter().find(|r| r.group == e.group));
        row(out, e, b, false);
    }
    row(
        out,
        &report.engine.overall,
        baseline.map(|b| &b.overall),
        true,
    );
    out.push('\n');
}

fn negatives_table(out: &mut String, report: &AccuracyReport) {
    let (e, b) = (&report.engine, report.baseline.as_ref());
    let d = report.default_threshold;
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
}

fn targets(out: &mut String, e: &SystemResult) {
    let original = e
        .categories
        .iter()
        .find(|c| c.group == Category::OriginalScript.as_str())
        .map_or(0.0, |c| c.at_target_fpr);
    let verdict = |ok: bool| if ok { "met" } else { "NOT met" };
    let _ = writeln!(
        out,
        "Targets: overall recall @1% FPR ≥ {TARGET_OVERALL_RECALL}: {}; original-script ≥ {TARGET_ORIGINAL_SCRIPT_RECALL}: {}.",
        verdict(e.overall.at_target_fpr >= TARGET_OVERALL_RECALL),
        verdict(original >= TARGET_ORIGINAL_SCRIPT_RECALL)
    );
}
