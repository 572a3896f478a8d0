//! `vigil`: the thin command-line front of Vigil. Each subcommand lives in `cmd/`.

mod cmd;
mod context;
mod outcome;
mod pipe;
mod trail;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use context::Context;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "vigil",
    version,
    about = "Counter-terrorism screening and intelligence sharing"
)]
struct Cli {
    /// Where Vigil keeps its store.
    #[arg(
        long,
        global = true,
        env = "VIGIL_DATA_DIR",
        default_value = "./vigil-data"
    )]
    data_dir: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import, list, diff and fetch designation lists.
    Lists(cmd::lists::ListsArgs),
    /// Show everything known about one listed entity.
    Entity(cmd::entity::EntityArgs),
    /// Screen a name (or a CSV of names) against the lists.
    Screen(cmd::screen::ScreenArgs),
    /// Compare two names (or a CSV of pairs) and explain the score.
    Compare(cmd::compare::CompareArgs),
    /// Screen travellers: PAXLST or CSV manifests, passport MRZ.
    Travel(cmd::travel::TravelArgs),
    /// Screen payment messages: ISO 20022 pacs.008 / pain.001, SWIFT MT103.
    Payments(cmd::payments::PaymentsArgs),
    /// Find listed people and organisations mentioned in an article (text or HTML).
    Scan(cmd::scan::ScanArgs),
    /// Run the HTTP API and the web console.
    Serve(cmd::serve::ServeArgs),
    /// Manage API keys for the HTTP API.
    Keys(cmd::keys::KeysArgs),
    /// Export the audit trail.
    Audit(cmd::audit::AuditArgs),
    /// Partner agencies allowed to use the TAXII server.
    Partners(cmd::partners::PartnersArgs),
    /// Share designations and sightings with partners (STIX 2.1 / TAXII 2.1).
    Share(cmd::share::ShareArgs),
    /// Subjects under ongoing monitoring: import a set (customers, crew).
    Subjects(cmd::subjects::SubjectsArgs),
    /// Monitoring alerts: list, decide, webhooks.
    Alerts(cmd::alerts::AlertsArgs),
    /// People who sign in to the web console.
    Users(cmd::users::UsersArgs),
    /// Export the store's lists (FollowTheMoney JSON lines).
    Export(cmd::export::ExportArgs),
}

fn main() -> ExitCode {
    pipe::quiet_on_closed_pipe();
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let ctx = Context::new(cli.data_dir);
    let invocation = trail::Invocation::from_matches(&matches);
    let result = pipe::until_closed(|| dispatch(&ctx, cli.command));
    let result = match result {
        Some(result) => result,
        None => return pipe::CLOSED_PIPE_EXIT.into(),
    };
    if !invocation.is_exempt() {
        if let Err(e) = trail::record(&ctx, invocation, result.as_ref().err()) {
            eprintln!("error: writing the audit record: {e:#}");
            return ExitCode::FAILURE;
        }
    }
    match result {
        Ok(code) => code,
        Err(err) if pipe::is_closed_pipe(&err) => pipe::CLOSED_PIPE_EXIT.into(),
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch(ctx: &Context, command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Lists(args) => cmd::lists::run(ctx, args),
        Command::Entity(args) => cmd::entity::run(ctx, args),
        Command::Screen(args) => cmd::screen::run(ctx, args),
        Command::Compare(args) => cmd::compare::run(ctx, args),
        Command::Travel(args) => cmd::travel::run(ctx, args),
        Command::Payments(args) => cmd::payments::run(ctx, args),
        Command::Scan(args) => cmd::scan::run(ctx, args),
        Command::Serve(args) => cmd::serve::run(ctx, args),
        Command::Keys(args) => cmd::keys::run(ctx, args),
        Command::Audit(args) => cmd::audit::run(ctx, args),
        Command::Partners(args) => cmd::partners::run(ctx, args),
        Command::Share(args) => cmd::share::run(ctx, args),
        Command::Subjects(args) => cmd::subjects::run(ctx, args),
        Command::Alerts(args) => cmd::alerts::run(ctx, args),
        Command::Users(args) => cmd::users::run(ctx, args),
        Command::Export(args) => cmd::export::run(ctx, args),
    }
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    /// Every argument of every command, with its command path, e.g. `share pull --password`.
    fn arguments(cmd: &clap::Command, path: &str, out: &mut Vec<(String, bool)>) {
        for arg in cmd.get_arguments() {
            let name = arg
                .get_long()
                .map_or(arg.get_id().to_string(), |l| format!("--{l}"));
            out.push((format!("{path} {name}"), arg.get_help().is_some()));
        }
        for sub in cmd.get_subcommands() {
            arguments(sub, &format!("{path} {}", sub.get_name()), out);
        }
    }

    #[test]
    fn every_argument_of_every_command_has_help() {
        let mut found = Vec::new();
        arguments(&Cli::command(), "vigil", &mut found);
        assert!(found.len() > 60, "found only {}", found.len());
        let missing: Vec<&str> = found
            .iter()
            .filter(|(_, has_help)| !has_help)
            .map(|(name, _)| name.as_str())
            .collect();
        assert!(missing.is_empty(), "arguments without help: {missing:?}");
    }

    #[test]
    fn every_command_has_help() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for sub in cmd.get_subcommands() {
                let path = format!("{path} {}", sub.get_name());
                if sub.get_about().is_none() {
                    missing.push(path.clone());
                }
                walk(sub, &path, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "vigil", &mut missing);
        assert!(missing.is_empty(), "commands without help: {missing:?}");
    }
}
