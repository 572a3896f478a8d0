//! `vigil lists`: show the stored lists, import a file as a new version, diff versions,
//! fetch the official lists.

mod diff;
pub mod fetch;

use crate::context::Context;
use anyhow::{bail, Context as _};
use clap::Subcommand;
use std::path::PathBuf;
use std::process::ExitCode;
use vigil_lists::ListFormat;
use vigil_store::{ImportOutcome, ImportPolicy, UnchangedReason};

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ListsArgs {
    #[command(subcommand)]
    command: Option<ListsCommand>,
    /// Print the lists as JSON (full SHA-256) instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum ListsCommand {
    /// Import a list file (or OFAC folder) as a new version of a source.
    Import(ImportArgs),
    /// Show what a version changed against the version before it.
    Diff(diff::DiffArgs),
    /// Download the official lists and import them.
    Fetch(fetch::FetchArgs),
}

#[derive(clap::Args)]
struct ImportArgs {
    /// The list's name in Vigil, e.g. un-sc, ofac-sdn, or your own (entity ids are
    /// SOURCE:ID): a-z, 0-9, '-' and '_', at most 64 characters.
    #[arg(long, value_parser = source_name)]
    source: String,
    /// un-sc, ofac-sdn, ftm or csv. Default: from the source name (un-sc, ofac-sdn), else
    /// detected from the file.
    #[arg(long)]
    format: Option<String>,
    /// Print every parser warning, not only their count.
    #[arg(long)]
    show_warnings: bool,
    /// Import even if the new version removes more than 5% of the list's entities or is
    /// dated before the stored version (refused by default: the sign of a broken file).
    #[arg(long)]
    allow_shrink: bool,
    /// The file (an OFAC SDN list is a folder holding sdn.csv, alt.csv, add.csv,
    /// sdn_comments.csv).
    path: PathBuf,
}

pub fn run(ctx: &Context, args: ListsArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        None => show(ctx, args.json),
        Some(ListsCommand::Import(import_args)) => import(ctx, import_args),
        Some(ListsCommand::Diff(diff_args)) => diff::run(ctx, diff_args),
        Some(ListsCommand::Fetch(fetch_args)) => fetch::run(ctx, fetch_args),
    }
}

fn show(ctx: &Context, json: bool) -> anyhow::Result<ExitCode> {
    let lists = ctx.open_store()?.lists()?;
    if json {
        println!("{}", serde_json::to_string_pretty(&lists)?);
        return Ok(ExitCode::SUCCESS);
    }
    if lists.is_empty() {
        println!(
            "No lists yet. Run `vigil lists fetch`, or `vigil lists import --source NAME PATH`."
        );
        return Ok(ExitCode::SUCCESS);
    }
    let header = [
        "SOURCE",
        "VERSION",
        "ENTITIES",
        "FILE DATE",
        "IMPORTED AT",
        "SHA-256",
    ];
    let rows: Vec<[String; 6]> = lists
        .iter()
        .map(|l| {
            [
                l.source.clone(),
                l.version.to_string(),
                l.entity_count.to_string(),
                l.file_date.clone().unwrap_or_else(|| "-".to_owned()),
                l.imported_at.clone(),
                l.sha256.chars().take(12).collect(),
            ]
        })
        .collect();
    print_table(&header, &rows);
    Ok(ExitCode::SUCCESS)
}

/// Prints left-aligned columns separated by two spaces.
fn print_table<const N: usize>(header: &[&str; N], rows: &[[String; N]]) {
    let mut widths = header.map(|h| h.chars().count());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        println!("{}", padded.join("  ").trim_end());
    };
    line(header.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}

fn import(ctx: &Context, args: ImportArgs) -> anyhow::Result<ExitCode> {
    let format = resolve_format(&args)?;
    let list = vigil_lists::parse_path(&args.source, format, &args.path)?;
    let mut store = ctx.open_store()?;
    let outcome = store
        .import_with(
            &list,
            ImportPolicy {
                allow_shrink: args.allow_shrink,
            },
        )
        .with_context(|| format!("importing {}", args.path.display()))?;
    let summary = describe_import(&outcome);
    println!("{summary}");
    ctx.note(serde_json::json!({ "import": summary, "warnings": list.warnings.len() }));
    for line in describe_warnings(&list.warnings, args.show_warnings) {
        println!("{line}");
    }
    crate::cmd::alerts::after_import(&mut store, &outcome, &mut |line| println!("{line}"));
    Ok(ExitCode::SUCCESS)
}

fn resolve_format(args: &ImportArgs) -> anyhow::Result<ListFormat> {
    if let Some(format) = &args.format {
        return format
            .parse::<ListFormat>()
            .map_err(|e| anyhow::anyhow!("--format {format:?}: {e}"));
    }
    if let Some(format) = ListFormat::for_source(&args.source) {
        return Ok(format);
    }
    match ListFormat::detect(&args.path) {
        Some(format) => Ok(format),
        None => bail!(
            "{}: cannot tell the list format from the file; give --format \
             (un-sc, ofac-sdn, ftm or csv)",
            args.path.display()
        ),
    }
}

/// One line saying what an import did, e.g. "un-sc: new version 2 (1003 entities: +12
/// added, -102 removed, ~310 changed)".
fn describe_import(outcome: &ImportOutcome) -> String {
    match outcome {
        ImportOutcome::Imported { version: v } => format!(
            "{}: new version {} ({} entities: +{} added, -{} removed, ~{} changed)",
            v.source, v.version, v.entity_count, v.added, v.removed, v.changed
        ),
        ImportOutcome::Unchanged { version: v, reason } => {
            let why = match reason {
                UnchangedReason::SameFile => "same file",
                UnchangedReason::SameEntities => "same entities",
            };
            format!(
                "{}: unchanged ({why} as version {}, {} entities); no new version",
                v.source, v.version, v.entity_count
            )
        }
    }
}

/// The warnings' count, or each warning when asked for.
fn describe_warnings(warnings: &[String], show: bool) -> Vec<String> {
    match (warnings.len(), show) {
        (0, _) => Vec::new(),
        (n, false) => vec![format!("{n} warnings (see them with --show-warnings)")],
        (n, true) => std::iter::once(format!("{n} warnings:"))
            .chain(warnings.iter().map(|w| format!("  {w}")))
            .collect(),
    }
}

/// Refuses a list name outside the documented character set, naming the rule.
pub(crate) fn source_name(text: &str) -> Result<String, String> {
    vigil_core::check_source_name(text)
        .map(|()| text.to_owned())
        .map_err(|e| e.to_string())
}
