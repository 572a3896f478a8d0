//! `vigil compare`: score two names against each other and explain the score, or a CSV of
//! pairs in batch. Needs no imported list.
//!
//! The exit status is the screening commands' convention (`crate::outcome`): 0 when the
//! score is below `--threshold`, 3 at or above it, 4 at or above `--hit-threshold`, 1 on
//! unusable input; in batch mode the most serious row wins and bad rows become error lines.

use super::screen::{print_explanation, run_batch, CsvRow};
use crate::context::Context;
use crate::outcome::{finish, Thresholds, Verdict, EXIT_STATUS_HELP};
use anyhow::bail;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::ExitCode;
use vigil_core::Schema;

#[derive(clap::Args)]
#[command(after_help = EXIT_STATUS_HELP)]
pub struct CompareArgs {
    /// The first name (omit with --input).
    #[arg(
        requires = "name2",
        required_unless_present = "input",
        conflicts_with = "input"
    )]
    name1: Option<String>,
    /// The second name.
    name2: Option<String>,
    /// person, organization, vessel or aircraft (default: any).
    #[arg(long)]
    schema: Option<String>,
    /// Show why the pair scored as it did (in batch: add the explanation to each line).
    #[arg(long)]
    explain: bool,
    /// Print the comparison as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    thresholds: Thresholds,
    /// CSV of pairs: header with `name1,name2`, optionally `id` and `schema`.
    #[arg(long)]
    input: Option<PathBuf>,
    /// Where batch scores go, one JSON line per input row ("-" or absent: stdout).
    #[arg(long, requires = "input")]
    output: Option<PathBuf>,
    /// Worker threads for batch comparison (default: all cores).
    #[arg(long, requires = "input")]
    workers: Option<usize>,
}

pub fn run(ctx: &Context, args: CompareArgs) -> anyhow::Result<ExitCode> {
    let thresholds = args.thresholds;
    thresholds.check()?;
    if let Some(input) = &args.input {
        let explain = args.explain;
        let summary = run_batch(
            input,
            args.output.as_deref(),
            args.workers,
            &["name1", "name2"],
            |row| compare_row(row, explain, &thresholds),
        )?;
        summary.report("compared");
        return Ok(summary.finish(ctx, input, args.output.as_deref()));
    }
    let (a, b) = (
        args.name1.as_deref().unwrap_or_default(),
        args.name2.as_deref().unwrap_or_default(),
    );
    let schema = parse_schema(args.schema.as_deref()).map_err(anyhow::Error::msg)?;
    for (flag, name) in [("first name", a), ("second name", b)] {
        if !name.chars().any(char::is_alphanumeric) {
            bail!("the {flag} is empty or has no letters or digits");
        }
    }
    let comparison = vigil_match::compare(a, b, schema);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&comparison)?);
    } else {
        println!("{:.3}  {a}  ~  {b}", comparison.score);
        if args.explain {
            print_explanation(&json!(comparison.explanation), 1);
        }
    }
    let verdict = thresholds.verdict(Some(comparison.score));
    Ok(finish(
        ctx,
        verdict,
        false,
        json!({ "score": comparison.score }),
    ))
}

fn parse_schema(text: Option<&str>) -> Result<Option<Schema>, String> {
    text.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<Schema>())
        .transpose()
        .map_err(|e| format!("field `schema`: {e}"))
}

/// One output line: the row's id (when the input has an `id` column) and line, the two
/// names, the score and its verdict, and the explanation when asked for.
fn compare_row(
    row: &CsvRow,
    explain: bool,
    thresholds: &Thresholds,
) -> Result<(Value, Verdict), String> {
    let mut names = [""; 2];
    for (slot, column) in names.iter_mut().zip(["name1", "name2"]) {
        *slot = row
            .field(column)?
            .filter(|n| n.chars().any(char::is_alphanumeric))
            .ok_or_else(|| format!("field `{column}`: empty or has no letters or digits"))?;
    }
    let schema = parse_schema(row.field("schema")?)?;
    let comparison = vigil_match::compare(names[0], names[1], schema);
    let verdict = thresholds.verdict(Some(comparison.score));
    let mut line = json!({
        "line": row.line,
        "name1": names[0],
        "name2": names[1],
        "score": comparison.score,
        "verdict": verdict.name(),
    });
    if let Some(id) = row.field("id")? {
        line["query_id"] = Value::from(id);
    }
    if explain {
        line["explanation"] = json!(comparison.explanation);
    }
    Ok((line, verdict))
}
