//! `vigil compare`: score two names against each other and explain the score, or a CSV of
//! pairs in batch. Needs no imported list.
//!
//! Exit codes as for `vigil screen`: 0 when the comparison ran (whatever the score), 1 on
//! unusable input; in batch mode bad rows become error lines and the exit code stays 0.

use super::screen::{print_explanation, run_batch, CsvRow};
use crate::context::Context;
use anyhow::bail;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::ExitCode;
use vigil_core::Schema;

#[derive(clap::Args)]
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
    /// CSV of pairs: header with `name1,name2`, optionally `schema`.
    #[arg(long)]
    input: Option<PathBuf>,
    /// Where batch scores go, one JSON line per input row ("-" or absent: stdout).
    #[arg(long, requires = "input")]
    output: Option<PathBuf>,
    /// Worker threads for batch comparison (default: all cores).
    #[arg(long, requires = "input")]
    workers: Option<usize>,
}

pub fn run(_ctx: &Context, args: CompareArgs) -> anyhow::Result<ExitCode> {
    if let Some(input) = &args.input {
        let explain = args.explain;
        let summary = run_batch(
            input,
            args.output.as_deref(),
            args.workers,
            &["name1", "name2"],
            |row| compare_row(row, explain),
        )?;
        summary.report("compared");
        return Ok(ExitCode::SUCCESS);
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
    Ok(ExitCode::SUCCESS)
}

fn parse_schema(text: Option<&str>) -> Result<Option<Schema>, String> {
    text.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<Schema>())
        .transpose()
        .map_err(|e| format!("field `schema`: {e}"))
}

fn compare_row(row: &CsvRow, explain: bool) -> Result<Value, String> {
    let mut names = [""; 2];
    for (slot, column) in names.iter_mut().zip(["name1", "name2"]) {
        *slot = row
            .field(column)?
            .filter(|n| n.chars().any(char::is_alphanumeric))
            .ok_or_else(|| format!("field `{column}`: empty or has no letters or digits"))?;
    }
    let schema = parse_schema(row.field("schema")?)?;
    let comparison = vigil_match::compare(names[0], names[1], schema);
    Ok(if explain {
        json!({ "score": comparison.score, "explanation": comparison.explanation })
    } else {
        json!({ "score": comparison.score })
    })
}
