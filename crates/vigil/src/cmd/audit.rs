//! `vigil audit export`: the audit trail as JSON lines.

use crate::context::Context;
use anyhow::Context as _;
use chrono::{DateTime, NaiveDate, Utc};
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(after_help = crate::trail::exempt_help())]
pub struct AuditArgs {
    #[command(subcommand)]
    command: AuditCommand,
}

#[derive(clap::Subcommand)]
enum AuditCommand {
    /// Write every audit record since a date (YYYY-MM-DD, UTC) or time (RFC 3339) as JSON lines.
    Export {
        /// The earliest record: YYYY-MM-DD (UTC midnight) or an RFC 3339 time.
        #[arg(long, value_parser = parse_since)]
        since: DateTime<Utc>,
    },
}

fn parse_since(text: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(|d| d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc())
        .map_err(|_| format!("expected YYYY-MM-DD or an RFC 3339 time, got {text:?}"))
}

pub fn run(ctx: &Context, args: AuditArgs) -> anyhow::Result<ExitCode> {
    let AuditCommand::Export { since } = args.command;
    let store = ctx.open_store()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = None;
    store.audit_since(since, |record| {
        let line = serde_json::to_string(&record).unwrap_or_default();
        if let Err(e) = writeln!(out, "{line}") {
            failed = Some(e);
        }
        Ok(())
    })?;
    if let Some(e) = failed {
        return Err(e).context("writing the audit export");
    }
    out.flush().context("writing the audit export")?;
    Ok(ExitCode::SUCCESS)
}
