//! `vigil lists fetch`: download the official lists, validate them, import them.

use super::{describe_import, describe_warnings};
use crate::context::Context;
use anyhow::{anyhow, bail};
use indicatif::{ProgressBar, ProgressStyle};
use std::process::ExitCode;
use vigil_lists::fetch::{fetch_with_progress, FetchConfig, Progress};
use vigil_store::{ImportPolicy, Store};

/// The lists Vigil knows how to download.
pub const OFFICIAL_SOURCES: [&str; 2] = ["un-sc", "ofac-sdn"];

#[derive(clap::Args)]
pub struct FetchArgs {
    /// Fetch only this list (default: both).
    #[arg(long, value_parser = OFFICIAL_SOURCES)]
    source: Option<String>,
    /// Print every parser warning, not only their count.
    #[arg(long)]
    show_warnings: bool,
    /// Import even if a downloaded version removes more than 5% of the list's entities or
    /// is dated before the stored version (refused by default: the sign of a broken file).
    #[arg(long)]
    allow_shrink: bool,
}

pub fn run(ctx: &Context, args: FetchArgs) -> anyhow::Result<ExitCode> {
    let sources: Vec<&str> = match &args.source {
        Some(source) => vec![source.as_str()],
        None => OFFICIAL_SOURCES.to_vec(),
    };
    let mut store = ctx.open_store()?;
    fetch_and_import(
        &mut store,
        &sources,
        &mut |line| println!("{line}"),
        args.show_warnings,
        ImportPolicy {
            allow_shrink: args.allow_shrink,
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Downloads, validates and imports each source in turn, telling `say` what happened. A
/// source that fails does not stop the others; the error lists every failure and how to
/// import the files by hand instead.
pub fn fetch_and_import(
    store: &mut Store,
    sources: &[&str],
    say: &mut dyn FnMut(String),
    show_warnings: bool,
    policy: ImportPolicy,
) -> anyhow::Result<()> {
    let config = FetchConfig::default();
    let mut failures = Vec::new();
    for &source in sources {
        match fetch_one(source, &config) {
            Ok(list) => match store.import_with(&list, policy) {
                Ok(outcome) => {
                    say(describe_import(&outcome));
                    describe_warnings(&list.warnings, show_warnings)
                        .into_iter()
                        .for_each(&mut *say);
                    crate::cmd::alerts::after_import(store, &outcome, &mut *say);
                }
                Err(e) => failures.push(format!("{source}: importing: {e}")),
            },
            Err(e) => failures.push(format!("{source}: {e}")),
        }
    }
    if failures.is_empty() {
        return Ok(());
    }
    bail!(
        "could not fetch {} of {} lists:\n  {}\n{IMPORT_BY_HAND}",
        failures.len(),
        sources.len(),
        failures.join("\n  ")
    )
}

const IMPORT_BY_HAND: &str = "To import the lists from files instead, download them by \
     other means, then run\n  \
     vigil lists import --source un-sc consolidated.xml\n  \
     vigil lists import --source ofac-sdn FOLDER  (holding sdn.csv, alt.csv, add.csv, \
     sdn_comments.csv)";

/// One download with a progress bar on stderr (drawn only when stderr is a terminal).
fn fetch_one(source: &str, config: &FetchConfig) -> anyhow::Result<vigil_lists::ParsedList> {
    let mut bar: Option<(String, ProgressBar)> = None;
    let mut on_progress = |p: Progress| {
        if bar.as_ref().is_none_or(|(url, _)| url != p.url) {
            if let Some((_, done)) = bar.take() {
                done.finish();
            }
            bar = Some((p.url.to_owned(), new_bar(source, p.url, p.total)));
        }
        if let Some((_, b)) = &bar {
            b.set_position(p.bytes);
        }
    };
    let result = fetch_with_progress(source, config, &mut on_progress);
    if let Some((_, b)) = bar {
        b.finish();
    }
    result.map_err(|e| anyhow!("downloading the official list failed: {e}"))
}

fn new_bar(source: &str, url: &str, total: Option<u64>) -> ProgressBar {
    let file = url.rsplit('/').next().unwrap_or(url);
    let (bar, template) = match total {
        Some(total) => (
            ProgressBar::new(total),
            "{prefix} {bar:30} {bytes}/{total_bytes} ({bytes_per_sec})",
        ),
        None => (
            ProgressBar::no_length(),
            "{prefix} {spinner} {bytes} ({bytes_per_sec})",
        ),
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar.set_prefix(format!("{source} {file}"));
    bar
}
