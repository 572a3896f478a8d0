//! `vigil subjects import FILE --set SET`: store a subject set (customers, crew) for
//! ongoing monitoring and screen it against the current lists.

use crate::cmd::alerts::{analyst_or_user, deliver_webhooks, print_alerts};
use crate::context::Context;
use anyhow::Context as _;
use std::fs::File;
use std::path::PathBuf;
use std::process::ExitCode;
use vigil_monitor::MonitorOptions;

#[derive(clap::Args)]
pub struct SubjectsArgs {
    #[command(subcommand)]
    command: SubjectsCommand,
}

#[derive(clap::Subcommand)]
enum SubjectsCommand {
    /// Import (or update, by set and id) subjects from a CSV with the columns
    /// id,name,schema,birth_date,nationality,id_number (id and name required). All or
    /// nothing; the imported subjects are screened at once and hits become alerts.
    Import(ImportArgs),
}

#[derive(clap::Args)]
struct ImportArgs {
    /// The CSV file.
    path: PathBuf,
    /// The subject set, e.g. retail; subjects are keyed by set and id.
    #[arg(long)]
    set: String,
    /// Recorded in the audit trail as who imported (default: $USER).
    #[arg(long)]
    analyst: Option<String>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: SubjectsArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        SubjectsCommand::Import(args) => import(ctx, args),
    }
}

fn import(ctx: &Context, args: ImportArgs) -> anyhow::Result<ExitCode> {
    let file =
        File::open(&args.path).with_context(|| format!("opening {}", args.path.display()))?;
    let subjects = vigil_monitor::parse_csv(file, &args.path.display().to_string())?;
    let mut store = ctx.open_store()?;
    let actor = analyst_or_user(args.analyst);
    let report = vigil_monitor::import_subjects(
        &mut store,
        &args.set,
        &subjects,
        None,
        &MonitorOptions::default(),
        &actor,
    )?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!(
            "{}: {} subjects imported; {} new alerts",
            report.set,
            report.imported,
            report.new_alerts.len()
        );
        if !report.new_alerts.is_empty() {
            print_alerts(&report.new_alerts);
        }
    }
    deliver_webhooks(&mut store);
    Ok(ExitCode::SUCCESS)
}
