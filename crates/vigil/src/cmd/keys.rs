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
        /// A unique name for the key (who or what uses it); recorded as the actor in the
        /// audit trail.
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = parse_role, help = ROLE_HELP)]
        role: Role,
    },
    /// List keys (names and roles; keys themselves cannot be shown).
    List,
    /// Give a key another role; a running server applies it to the key's next request.
    Role {
        /// The key's name.
        name: String,
        #[arg(long, value_parser = parse_role, help = ROLE_HELP)]
        role: Role,
    },
    /// Revoke a key by name; a running server refuses it from the next request on.
    Revoke {
        /// The key's name.
        name: String,
    },
}

/// What each role may do: the API checks exactly this (`Permission::least_role`).
const ROLE_HELP: &str = "screener (screen names, travellers, payments and text, compare \
names, read lists and entities), analyst (also read and decide alerts), supervisor (also \
import and manage monitored subjects, give second reviews, read the audit trail) or admin \
(everything: import lists, manage webhooks, sharing, keys and users)";

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
        KeysCommand::Role { name, role } => {
            if !store.set_api_key_role(&name, role)? {
                anyhow::bail!("no active key named {name:?}");
            }
            println!("Key {name:?} now has the {role} role.");
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
