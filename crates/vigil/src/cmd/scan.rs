//! `vigil scan`: find listed people and organisations mentioned in an article or report
//! (plain text or HTML, a file or stdin with "-").
//!
//! Offsets are Unicode scalar offsets into the text as scanned: for HTML input, the visible
//! text after extraction. The exit status is the screening commands' convention
//! (`crate::outcome`): 0 nothing mentioned, 3 a mention to review, 4 a hit, 1 an error.

use crate::context::Context;
use crate::outcome::{finish, Thresholds, EXIT_STATUS_HELP};
use anyhow::{bail, Context as _};
use serde_json::json;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use vigil_formats::text::{html_to_text, looks_like_html};
use vigil_match::{Mention, ScanOptions};

/// Larger inputs are refused: no article is this long, and it bounds memory.
const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

#[derive(clap::Args)]
#[command(after_help = EXIT_STATUS_HELP)]
pub struct ScanArgs {
    /// The text or HTML file to scan ("-" reads stdin).
    file: PathBuf,
    /// Print the mentions as JSON: {"mentions": [...]}.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    thresholds: Thresholds,
    /// Treat the input as HTML (default: detected from its start).
    #[arg(long)]
    html: bool,
}

pub fn run(ctx: &Context, args: ScanArgs) -> anyhow::Result<ExitCode> {
    args.thresholds.check()?;
    let raw = read_input(&args.file)?;
    let text = if args.html || looks_like_html(&raw) {
        html_to_text(&raw)
    } else {
        raw
    };
    let index = ctx.load_index()?;
    if index.is_empty() {
        bail!(
            "no lists in {}: import one first with `vigil lists import`",
            ctx.data_dir.display()
        );
    }
    let mentions = index.scan(
        &text,
        &ScanOptions {
            threshold: args.thresholds.threshold,
        },
    );
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({ "mentions": mentions }))?
        );
    } else {
        print_human(&mentions);
    }
    let best = mentions.iter().map(|m| m.score).max_by(f64::total_cmp);
    let found: Vec<_> = mentions
        .iter()
        .map(|m| json!({"entity_id": m.entity_id, "text": m.text, "start": m.start, "score": m.score}))
        .collect();
    let summary = json!({ "mentions": found });
    Ok(finish(ctx, args.thresholds.verdict(best), false, summary))
}

fn read_input(file: &PathBuf) -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    if file.as_os_str() == "-" {
        std::io::stdin()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .context("reading stdin")?;
    } else {
        std::fs::File::open(file)
            .with_context(|| format!("opening {}", file.display()))?
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .with_context(|| format!("reading {}", file.display()))?;
    }
    let name = if file.as_os_str() == "-" {
        "stdin".to_owned()
    } else {
        file.display().to_string()
    };
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        bail!("{name}: larger than {} MiB", MAX_INPUT_BYTES >> 20);
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{name}: not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

fn print_human(mentions: &[Mention]) {
    if mentions.is_empty() {
        println!("No listed person or organisation mentioned.");
        return;
    }
    for m in mentions {
        println!(
            "{:>6}-{:<6} {:<28} {:<22} {:.3}  {}",
            m.start,
            m.end,
            format!("{:?}", m.text),
            m.entity_id,
            m.score,
            m.snippet
        );
    }
    // entity id → (caption, count, best score)
    let mut summary: BTreeMap<&str, (&str, usize, f64)> = BTreeMap::new();
    for m in mentions {
        let s = summary.entry(&m.entity_id).or_insert((&m.caption, 0, 0.0));
        s.1 += 1;
        s.2 = s.2.max(m.score);
    }
    let mut rows: Vec<_> = summary.into_iter().collect();
    rows.sort_by(|a, b| b.1 .2.total_cmp(&a.1 .2).then(a.0.cmp(b.0)));
    println!();
    println!(
        "{} mention(s) of {} listed entit{}:",
        mentions.len(),
        rows.len(),
        if rows.len() == 1 { "y" } else { "ies" }
    );
    for (id, (caption, count, best)) in rows {
        println!("  {id:<22} {caption:<40} x{count:<3} best {best:.3}");
    }
}
