//! `vigil payments screen FILE [--json]`: screen ISO 20022 (pacs.008, pain.001) or SWIFT
//! MT103 payments, one decision per credit transfer.
//!
//! The exit status is the screening commands' convention (`crate::outcome`): 0 when every
//! message passes; 3 (review) when any message is held for an analyst; 1 when the file
//! cannot be screened (unreadable, malformed, unsupported type, inconsistent totals, no
//! lists): an error is never reported as a pass.

use crate::context::Context;
use crate::outcome::{finish, Verdict, EXIT_STATUS_HELP};
use anyhow::{bail, Context as _};
use clap::Subcommand;
use serde_json::json;
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use vigil_formats::payments::{screen_bytes, Decision, Hit, PaymentsOptions, PaymentsReport};
use vigil_match::DEFAULT_THRESHOLD;

#[derive(clap::Args)]
pub struct PaymentsArgs {
    #[command(subcommand)]
    command: PaymentsCommand,
}

#[derive(Subcommand)]
enum PaymentsCommand {
    /// Screen a file of payment messages; exit 0 if all pass, 3 if any is held, 1 on error.
    #[command(after_help = EXIT_STATUS_HELP)]
    Screen(ScreenArgs),
}

#[derive(clap::Args)]
struct ScreenArgs {
    /// ISO 20022 XML or SWIFT MT103 file (format detected from the content); "-" for stdin.
    file: PathBuf,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// Hold when a party, bank or remittance text matches at or above this score.
    #[arg(long, default_value_t = DEFAULT_THRESHOLD)]
    threshold: f64,
    /// At most this many matches per party.
    #[arg(long, default_value_t = 5)]
    limit: usize,
}

pub fn run(ctx: &Context, args: PaymentsArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        PaymentsCommand::Screen(args) => screen(ctx, args),
    }
}

fn screen(ctx: &Context, args: ScreenArgs) -> anyhow::Result<ExitCode> {
    if !(0.0..=1.0).contains(&args.threshold) {
        bail!(
            "--threshold must be between 0 and 1, got {}",
            args.threshold
        );
    }
    if args.limit == 0 {
        bail!("--limit must be at least 1");
    }
    let name = args.file.display().to_string();
    let bytes = if name == "-" {
        let mut buf = Vec::new();
        io::stdin().read_to_end(&mut buf).context("reading stdin")?;
        buf
    } else {
        std::fs::read(&args.file).with_context(|| format!("reading {name}"))?
    };
    let index = ctx.load_index()?;
    let options = PaymentsOptions {
        threshold: args.threshold,
        limit: args.limit,
    };
    let report = screen_bytes(&index, &bytes, &options).with_context(|| name.clone())?;
    let mut out = io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        print_human(&mut out, &report)?;
    }
    let holds = report.holds();
    eprintln!(
        "{name}: {} message(s): {holds} held, {} passed",
        report.messages.len(),
        report.messages.len() - holds
    );
    let verdict = if holds > 0 {
        Verdict::Review
    } else {
        Verdict::Clear
    };
    let summary = json!({ "file": name, "messages": report.messages.len(), "held": holds });
    Ok(finish(ctx, verdict, false, summary))
}

/// One block per message, decision first; for held messages, what matched and why.
fn print_human(out: &mut impl Write, report: &PaymentsReport) -> io::Result<()> {
    for m in &report.messages {
        let decision = match m.decision {
            Decision::Pass => "PASS",
            Decision::Hold => "HOLD",
        };
        write!(out, "{decision}  {}  {}", m.message_type, m.id)?;
        if let Some(uetr) = &m.uetr {
            write!(out, "  uetr {uetr}")?;
        }
        writeln!(out)?;
        for p in m.parties.iter().filter(|p| !p.matches.is_empty()) {
            let who = p
                .name
                .as_deref()
                .or(p.bic.as_deref())
                .unwrap_or("(no name)");
            writeln!(out, "  {}: {who}", p.role.as_str())?;
            print_hits(out, &p.matches)?;
        }
        for a in m.agents.iter().filter(|a| !a.matches.is_empty()) {
            let who = a.bic.as_deref().or(a.name.as_deref()).unwrap_or("(no BIC)");
            writeln!(out, "  {}: {who}", a.role.as_str())?;
            print_hits(out, &a.matches)?;
        }
        for t in &m.remittance_matches {
            writeln!(out, "  remittance ({}): {:?}", t.source, t.fragment)?;
            print_hits(out, std::slice::from_ref(&t.hit))?;
        }
    }
    Ok(())
}

fn print_hits(out: &mut impl Write, hits: &[Hit]) -> io::Result<()> {
    for h in hits {
        writeln!(
            out,
            "    {:.2}  {}  {} (matched {:?})",
            h.score, h.entity_id, h.caption, h.matched_name
        )?;
    }
    Ok(())
}
