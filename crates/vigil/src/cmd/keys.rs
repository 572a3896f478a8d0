//! `vigil keys`: API keys for the HTTP service.

use crate::context::Context;
use std::process::ExitCode;
use vigil_store::Role;

#[derive(clap::Args)]
pub struct KeysArgs {
    #[command(subcommand)]
    command: KeysCommand,
}

#[derive(clap::Subcommand)]
enum KeysCommand {
    /// Create a key; it is printed once, alone on the last line, and stored only hashed.
    Create {
        /// The key's name: who uses it (recorded in the audit trail as the caller).
        #[arg(long)]
        name: String,
        /// screener (screen, compare, read lists), analyst (also read and decide alerts),
        /// supervisor (also manage subjects, second review, read the audit trail) or admin
        /// (everything: lists, webhooks, sharing, keys).
        #[arg(long, value_parser = parse_role)]
        role: Role,
    },
    /// List keys (names and roles; keys themselves cannot be shown).
    List,
    /// Revoke a key by name.
    Revoke {
        /// The key's name, as `vigil keys list` shows it.
        name: String,
    },
}

fn parse_role(text: &str) -> Result<Role, String> {
    text.parse()
}

pub fn run(ctx: &Context, args: KeysArgs) -> anyhow::Result<ExitCode> {
    let mut store = ctx.open_store()?;
    match args.command {
        KeysCommand::Create { name, role } => {
            let key = store.create_api_key(&name, role)?;
            println!("Created {role} key {name:?}. Store it now: it cannot be shown again.");
            println!("{key}");
        }
        KeysCommand::List => {
            for key in store.api_keys()? {
                let state = if key.revoked { "revoked" } else { "active" };
                println!(
                    "{:<24} {:<9} {:<8} created {}",
                    key.name, key.role, state, key.created_at
                );
            }
        }
        KeysCommand::Revoke { name } => {
            if !store.revoke_api_key(&name)? {
                anyhow::bail!("no active key named {name:?}");
            }
            println!("Revoked key {name:?}.");
        }
    }
    Ok(ExitCode::SUCCESS)
}
