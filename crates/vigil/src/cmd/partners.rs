//! `vigil partners`: partner agencies for the TAXII server (`/taxii2/` in `vigil serve`).
//!
//! A partner gets a generated password, shown once as `user:password` on the last line
//! (stored only as an argon2id hash), a maximum TLP (it never receives anything above
//! it), and per-collection read/write grants:
//!
//! ```text
//! vigil partners add --name partner-b --max-tlp amber --collection designations --read
//! vigil partners grant partner-b --collection sightings --read --write
//! ```
//!
//! A grant with neither `--read` nor `--write` removes access to that collection.

use crate::context::Context;
use std::process::ExitCode;
use vigil_share::{partners, Tlp};

#[derive(clap::Args)]
pub struct PartnersArgs {
    #[command(subcommand)]
    command: PartnersCommand,
}

#[derive(clap::Subcommand)]
enum PartnersCommand {
    /// Create a partner; prints `user:password` once, alone on the last line.
    Add {
        /// The partner's name; also its TAXII user name.
        #[arg(long)]
        name: String,
        /// The highest TLP the partner may receive: clear, green, amber, amber+strict, red.
        #[arg(long, value_parser = parse_tlp)]
        max_tlp: Tlp,
        /// Grant this collection right away (with --read and/or --write).
        #[arg(long)]
        collection: Option<String>,
        /// Let the partner read the collection.
        #[arg(long)]
        read: bool,
        /// Let the partner add objects to the collection.
        #[arg(long)]
        write: bool,
        /// The partner's STIX identity (identity--UUID): every object it posts must name
        /// it as `created_by_ref`. Without it, a partner may not claim an identity this
        /// agency or another partner writes as.
        #[arg(long)]
        identity: Option<String>,
    },
    /// Set what a partner may do with a collection (created empty when missing).
    Grant {
        /// The partner's name.
        name: String,
        /// The collection's alias, e.g. designations.
        #[arg(long)]
        collection: String,
        /// Let the partner read the collection.
        #[arg(long)]
        read: bool,
        /// Let the partner add objects to the collection.
        #[arg(long)]
        write: bool,
    },
    /// List partners, their maximum TLP and grants.
    List,
    /// Remove a partner and its grants.
    Remove {
        /// The partner's name.
        name: String,
    },
}

fn parse_tlp(text: &str) -> Result<Tlp, String> {
    text.parse()
}

pub fn run(ctx: &Context, args: PartnersArgs) -> anyhow::Result<ExitCode> {
    let mut store = ctx.open_store()?;
    match args.command {
        PartnersCommand::Add {
            name,
            max_tlp,
            collection,
            read,
            write,
            identity,
        } => {
            if collection.is_none() && (read || write) {
                anyhow::bail!("--read / --write need --collection NAME");
            }
            let created = partners::add_partner(&mut store, &name, max_tlp, identity.as_deref())?;
            if let Some(collection) = &collection {
                partners::grant(&mut store, &name, collection, read, write)?;
            }
            println!(
                "Created partner {name:?} (max {max_tlp}). Hand over these credentials now: \
                 they cannot be shown again. TAXII discovery is at /taxii2/ on `vigil serve`."
            );
            println!("{}:{}", created.user, created.password);
        }
        PartnersCommand::Grant {
            name,
            collection,
            read,
            write,
        } => {
            partners::grant(&mut store, &name, &collection, read, write)?;
            println!("Partner {name:?} on collection {collection:?}: read {read}, write {write}.");
        }
        PartnersCommand::List => {
            for p in store.partners()? {
                let tlp = Tlp::from_rank(p.max_tlp).map_or("?".to_owned(), |t| t.to_string());
                let grants: Vec<String> = store
                    .grants(p.id)?
                    .into_iter()
                    .map(|g| {
                        let rights = match (g.can_read, g.can_write) {
                            (true, true) => "rw",
                            (true, false) => "r",
                            (false, true) => "w",
                            (false, false) => "-",
                        };
                        format!("{}:{rights}", g.collection.alias)
                    })
                    .collect();
                println!("{:<20} max {:<18} {}", p.name, tlp, grants.join(" "));
            }
        }
        PartnersCommand::Remove { name } => {
            if !store.remove_partner(&name)? {
                anyhow::bail!("no partner named {name:?}");
            }
            println!("Removed partner {name:?}.");
        }
    }
    Ok(ExitCode::SUCCESS)
}
