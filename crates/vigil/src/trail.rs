//! The CLI's audit trail. Every command that screens or changes state leaves one record:
//! who (`cli:$USER`), what (the command path and the arguments given, secrets masked),
//! when, and the outcome (`ok`, `error` with its message, or a screening verdict with the
//! command's summary). The dispatcher in `main` writes it for every command not in
//! [`EXEMPT`], so a new command is audited without doing anything; commands only add
//! their summary with [`Context::note`](crate::context::Context::note).

use crate::context::Context;
use clap::parser::ValueSource;
use clap::ArgMatches;
use serde_json::{json, Map, Value};
use vigil_store::AuditRecord;

/// Commands that leave no record, each with the reason: they only read, and never screen.
pub const EXEMPT: &[(&str, &str)] = &[
    ("lists", "read-only: shows the stored list versions"),
    (
        "lists diff",
        "read-only: shows what a stored version changed",
    ),
    ("entity", "read-only: shows a stored entity"),
    ("audit export", "read-only: reads the audit trail itself"),
    ("keys list", "read-only: names and roles of keys"),
    ("partners list", "read-only: partners and their grants"),
    ("users list", "read-only: console users and their roles"),
    ("alerts", "read-only: lists alerts"),
    ("alerts webhook list", "read-only: lists webhook URLs"),
    (
        "serve",
        "the server audits every request it answers, with the caller's key",
    ),
];

/// The exempt commands, as `vigil audit --help` shows them.
pub fn exempt_help() -> String {
    let lines: Vec<String> = EXEMPT
        .iter()
        .map(|(action, why)| format!("  vigil {action}: {why}"))
        .collect();
    format!(
        "Every command is audited (who, what, when, outcome) except these:\n{}",
        lines.join("\n")
    )
}

/// Arguments whose values never enter the trail.
const SECRET_ARGS: &[&str] = &["password", "secret"];

/// What was asked: the command path (`share pull`) and the arguments given.
pub struct Invocation {
    pub action: String,
    pub request: Value,
}

impl Invocation {
    pub fn from_matches(matches: &ArgMatches) -> Invocation {
        let mut path = Vec::new();
        let mut leaf = matches;
        while let Some((name, sub)) = leaf.subcommand() {
            path.push(name.to_owned());
            leaf = sub;
        }
        Invocation {
            action: path.join(" "),
            request: Value::Object(given_arguments(leaf)),
        }
    }

    pub fn is_exempt(&self) -> bool {
        EXEMPT.iter().any(|(action, _)| *action == self.action)
    }
}

/// The arguments given on the command line or by environment (not defaults).
fn given_arguments(matches: &ArgMatches) -> Map<String, Value> {
    let mut args = Map::new();
    for id in matches.ids() {
        let id = id.as_str();
        let given = matches!(
            matches.value_source(id),
            Some(ValueSource::CommandLine | ValueSource::EnvVariable)
        );
        let Some(raw) = given.then(|| matches.get_raw(id)).flatten() else {
            continue;
        };
        let values: Vec<Value> = if SECRET_ARGS.contains(&id) {
            vec![Value::from("***")]
        } else {
            raw.map(|v| Value::from(v.to_string_lossy().into_owned()))
                .collect()
        };
        let value = match <[Value; 1]>::try_from(values) {
            Ok([one]) => one,
            Err(many) => Value::Array(many),
        };
        args.insert(id.to_owned(), value);
    }
    args
}

/// Who runs the CLI: `cli:$USER` (or `$LOGNAME`).
pub fn actor() -> String {
    let user = ["USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|u| !u.trim().is_empty()))
        .unwrap_or_else(|| "unknown".to_owned());
    format!("cli:{user}")
}

/// Writes the record of a finished command; `error` is its failure, if it failed.
pub fn record(
    ctx: &Context,
    invocation: Invocation,
    error: Option<&anyhow::Error>,
) -> anyhow::Result<()> {
    let mut response = match ctx.take_note() {
        Some(Value::Object(map)) => map,
        Some(other) => Map::from_iter([("summary".to_owned(), other)]),
        None => Map::new(),
    };
    match error {
        Some(e) => {
            response.insert("outcome".into(), "error".into());
            response.insert("error".into(), format!("{e:#}").into());
        }
        None => {
            response.entry("outcome").or_insert_with(|| "ok".into());
        }
    }
    let mut store = ctx.open_store()?;
    let list_versions: Vec<Value> = store
        .lists()?
        .iter()
        .map(|l| json!({"source": l.source, "version": l.version, "sha256": l.sha256}))
        .collect();
    store.append_audit(&[AuditRecord {
        at: chrono::Utc::now(),
        actor: actor(),
        action: invocation.action,
        request: invocation.request,
        response: Value::Object(response),
        list_versions: Value::Array(list_versions),
    }])?;
    Ok(())
}
