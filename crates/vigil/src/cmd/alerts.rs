//! `vigil alerts`: monitoring alerts, analyst decisions and webhooks; and the hook list
//! imports call so every new list version re-screens the affected subjects.

use crate::context::Context;
use clap::Subcommand;
use std::process::ExitCode;
use std::time::Duration;
use vigil_monitor::{MonitorOptions, RetryPolicy, SubjectCache};
use vigil_store::{Alert, AlertStatus, ImportOutcome, Store};

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AlertsArgs {
    #[command(subcommand)]
    command: Option<AlertsCommand>,
    /// Only alerts of this status: open, confirmed, false-positive, delisted.
    #[arg(long, value_parser = parse_status)]
    status: Option<AlertStatus>,
    /// Print a JSON array instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum AlertsCommand {
    /// Decide an open alert.
    Decide {
        /// The alert's id (see `vigil alerts`).
        id: i64,
        /// confirmed or false-positive.
        #[arg(long)]
        decision: String,
        /// Why, e.g. "different birth date".
        #[arg(long)]
        reason: String,
        /// Who decides (default: $USER).
        #[arg(long)]
        analyst: Option<String>,
    },
    /// Webhooks notified (signed, with retries) of every new alert.
    #[command(subcommand)]
    Webhook(WebhookCommand),
}

#[derive(Subcommand)]
enum WebhookCommand {
    /// Add a URL; each notification carries `X-Vigil-Signature: sha256=<hex HMAC-SHA256
    /// of the body>` keyed by the secret.
    Add {
        /// Where notifications are POSTed (http:// or https://).
        url: String,
        /// The HMAC-SHA256 key the receiver checks signatures with; never shown again.
        #[arg(long)]
        secret: String,
    },
    /// Remove a URL and its undelivered notifications.
    Remove {
        /// The URL, as `vigil alerts webhook list` shows it.
        url: String,
    },
    /// List the URLs.
    List,
}

fn parse_status(text: &str) -> Result<AlertStatus, String> {
    text.parse()
}

pub fn run(ctx: &Context, args: AlertsArgs) -> anyhow::Result<ExitCode> {
    let mut store = ctx.open_store()?;
    match args.command {
        None => {
            let alerts = store.alerts(args.status)?;
            if args.json {
                println!("{}", serde_json::to_string_pretty(&alerts)?);
            } else if alerts.is_empty() {
                println!("No alerts.");
            } else {
                print_alerts(&alerts);
            }
        }
        Some(AlertsCommand::Decide {
            id,
            decision,
            reason,
            analyst,
        }) => {
            let analyst = analyst_or_user(analyst);
            let alert = vigil_monitor::decide(&mut store, id, &decision, &reason, &analyst)?;
            println!(
                "alert {}: {} by {} ({})",
                alert.id,
                alert.status,
                analyst,
                alert.reason.as_deref().unwrap_or("")
            );
        }
        Some(AlertsCommand::Webhook(command)) => webhook(&mut store, command)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn webhook(store: &mut Store, command: WebhookCommand) -> anyhow::Result<()> {
    match command {
        WebhookCommand::Add { url, secret } => {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                anyhow::bail!("webhook URL {url:?}: must start with http:// or https://");
            }
            if secret.trim().is_empty() {
                anyhow::bail!("--secret: must not be empty");
            }
            let hook = store.add_webhook(&url, &secret)?;
            println!("webhook {} added: {}", hook.id, hook.url);
        }
        WebhookCommand::Remove { url } => {
            if !store.remove_webhook(&url)? {
                anyhow::bail!("no webhook {url:?} (see `vigil alerts webhook list`)");
            }
            println!("webhook removed: {url}");
        }
        WebhookCommand::List => {
            for hook in store.webhooks()? {
                println!("{}  {}  (added {})", hook.id, hook.url, hook.created_at);
            }
        }
    }
    Ok(())
}

/// `--analyst`, else $USER, else "cli".
pub fn analyst_or_user(analyst: Option<String>) -> String {
    analyst
        .or_else(|| std::env::var("USER").ok())
        .filter(|a| !a.trim().is_empty())
        .unwrap_or_else(|| "cli".to_owned())
}

pub fn print_alerts(alerts: &[Alert]) {
    println!("ID  STATUS  SCORE  SET/SUBJECT  SUBJECT NAME  ENTITY  MATCHED NAME  LIST");
    for a in alerts {
        println!(
            "{}  {}  {:.2}  {}/{}  {}  {}  {}  {} v{}",
            a.id,
            a.status,
            a.score,
            a.set,
            a.subject_id,
            a.subject_name,
            a.entity_id,
            a.matched_name,
            a.list_source,
            a.list_version
        );
    }
}

/// Runs monitoring after a list import (the hook of `lists import` / `lists fetch`), says
/// what it did, and delivers webhook notifications. Monitoring failures are reported
/// after the import, which stays stored.
pub fn after_import(store: &mut Store, outcome: &ImportOutcome, say: &mut dyn FnMut(String)) {
    let actor = analyst_or_user(None);
    let cache = SubjectCache::new();
    let options = MonitorOptions::default();
    match vigil_monitor::after_import(store, outcome, None, &cache, &options, &actor) {
        Ok(Some(report)) if report.subjects > 0 => {
            say(report.summary());
            deliver_webhooks(store);
        }
        Ok(_) => {}
        Err(e) => say(format!("monitoring failed (the list is imported): {e}")),
    }
}

/// Delivers pending webhook notifications, retrying for a few seconds at most; the rest
/// stay queued for `vigil serve` or the next command.
pub fn deliver_webhooks(store: &mut Store) {
    let policy = RetryPolicy {
        base_delay: Duration::from_millis(500),
        ..RetryPolicy::default()
    };
    match vigil_monitor::deliver_pending(store, &policy, Duration::from_secs(5)) {
        Ok(r) if r.retrying > 0 || r.failed > 0 => eprintln!(
            "webhooks: {} delivered, {} failed attempts to retry later, {} given up",
            r.delivered, r.retrying, r.failed
        ),
        Ok(_) => {}
        Err(e) => eprintln!("webhooks: delivery failed: {e}"),
    }
}
