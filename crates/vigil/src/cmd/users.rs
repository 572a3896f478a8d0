//! `vigil users`: people who sign in to the web console (API keys stay for machines).

use crate::context::Context;
use anyhow::Context as _;
use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;
use vigil_store::Role;

#[derive(clap::Args)]
pub struct UsersArgs {
    #[command(subcommand)]
    command: UsersCommand,
}

#[derive(clap::Subcommand)]
enum UsersCommand {
    /// Add a user. The password is read from stdin (`--password-stdin`, one line) or asked
    /// for at a prompt; it is stored only as an argon2id hash.
    Add {
        /// The user's sign-in name (recorded as the actor in the audit trail).
        #[arg(long)]
        name: String,
        /// analyst (screen, read and decide alerts), supervisor (also subjects, second
        /// review, audit trail), admin (everything); screener may only screen and read lists.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// Read the password from the first line of stdin instead of prompting.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List users with role and state.
    List,
    /// Disable a user: its sessions end at once and it can no longer sign in.
    Disable {
        /// The user's sign-in name, as `vigil users list` shows it.
        name: String,
    },
}

fn parse_role(text: &str) -> Result<Role, String> {
    text.parse()
}

pub fn run(ctx: &Context, args: UsersArgs) -> anyhow::Result<ExitCode> {
    let mut store = ctx.open_store()?;
    match args.command {
        UsersCommand::Add {
            name,
            role,
            password_stdin,
        } => {
            let password = read_password(password_stdin)?;
            let hash = vigil_console::hash_password(&password).map_err(anyhow::Error::msg)?;
            let user = store.create_user(&name, role, &hash)?;
            println!("Added {} user {:?}.", user.role, user.name);
        }
        UsersCommand::List => {
            for user in store.users()? {
                let state = if user.disabled { "disabled" } else { "active" };
                println!(
                    "{:<24} {:<10} {:<8} created {}",
                    user.name, user.role, state, user.created_at
                );
            }
        }
        UsersCommand::Disable { name } => {
            if !store.disable_user(&name)? {
                anyhow::bail!("no active user named {name:?}");
            }
            println!("Disabled user {name:?}; its sessions have ended.");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One line from stdin: with `--password-stdin`, or at a prompt when stdin is a terminal
/// (the terminal echoes it; pipe it in to keep it off the screen).
fn read_password(from_stdin: bool) -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    if !from_stdin {
        if !stdin.is_terminal() {
            anyhow::bail!("give the password with --password-stdin or at a terminal prompt");
        }
        eprint!("Password (at least 12 characters): ");
        std::io::stderr().flush()?;
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .context("reading the password")?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    if password.is_empty() {
        anyhow::bail!("no password given");
    }
    Ok(password)
}
