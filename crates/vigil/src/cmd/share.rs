//! `vigil share`: publish this node's lists and confirmed alerts to its TAXII collections,
//! and pull partners' collections in as lists.
//!
//! ```text
//! vigil share publish --source un-sc --collection designations --tlp clear
//! vigil share sighting 42 --collection sightings --tlp amber [--include-subject]
//! vigil share pull https://partner-a.example/taxii2/ --collection designations \
//!     --as partner-a --user U --password P
//! ```

use crate::context::Context;
use serde_json::json;
use std::process::ExitCode;
use vigil_share::pull::{pull, PullOptions};
use vigil_share::{publish, Tlp};
use vigil_store::ImportOutcome;

#[derive(clap::Args)]
pub struct ShareArgs {
    #[command(subcommand)]
    command: ShareCommand,
}

#[derive(clap::Subcommand)]
enum ShareCommand {
    /// Publish the latest version of a list into a collection as STIX 2.1 designations.
    Publish {
        /// The list to publish, e.g. un-sc or your own.
        #[arg(long, value_parser = super::lists::source_name)]
        source: String,
        /// The TAXII collection's alias (created when missing).
        #[arg(long)]
        collection: String,
        /// clear, green, amber, amber+strict or red.
        #[arg(long, value_parser = parse_tlp)]
        tlp: Tlp,
        /// Publish only these entities (repeatable); nothing is delisted then.
        #[arg(long = "entity")]
        entities: Vec<String>,
        /// This agency's name, as partners see it (`created_by_ref`).
        #[arg(long, env = "VIGIL_PUBLISHER", default_value = "Vigil")]
        publisher: String,
    },
    /// Share a confirmed alert as a STIX sighting of the designation it hit.
    Sighting {
        /// The confirmed alert's id (see `vigil alerts --status confirmed`).
        alert_id: i64,
        /// The TAXII collection's alias (created when missing).
        #[arg(long)]
        collection: String,
        /// clear, green, amber, amber+strict or red.
        #[arg(long, value_parser = parse_tlp)]
        tlp: Tlp,
        /// Also share the screened subject's name, birth date and nationality.
        #[arg(long)]
        include_subject: bool,
        /// This agency's name, as partners see it (`created_by_ref`).
        #[arg(long, env = "VIGIL_PUBLISHER", default_value = "Vigil")]
        publisher: String,
    },
    /// Pull a partner's collection and import it as the list `partner:NAME`.
    Pull {
        /// The partner's TAXII discovery (or API root) URL.
        url: String,
        /// The partner's collection: its id, alias or title.
        #[arg(long)]
        collection: String,
        /// The partner's name here.
        #[arg(long = "as")]
        partner: String,
        /// HTTP Basic user; without it the password is sent as a Bearer token.
        #[arg(long)]
        user: Option<String>,
        /// The password (or token) the partner gave this agency; never stored or audited.
        #[arg(long, env = "VIGIL_PARTNER_PASSWORD")]
        password: String,
        /// Objects asked for per request.
        #[arg(long, default_value_t = 500)]
        page_size: usize,
    },
}

fn parse_tlp(text: &str) -> Result<Tlp, String> {
    text.parse()
}

pub fn run(ctx: &Context, args: ShareArgs) -> anyhow::Result<ExitCode> {
    let mut store = ctx.open_store()?;
    match args.command {
        ShareCommand::Publish {
            source,
            collection,
            tlp,
            entities,
            publisher,
        } => {
            let r = publish::publish_list(
                &mut store,
                &source,
                &entities,
                &collection,
                tlp,
                &publisher,
            )?;
            println!(
                "Published {source} to {} at {tlp}: {} objects, {} new or changed, {} delisted.",
                r.collection, r.objects, r.new_versions, r.delisted
            );
            ctx.note(json!({
                "objects": r.objects, "new_versions": r.new_versions, "delisted": r.delisted,
            }));
        }
        ShareCommand::Sighting {
            alert_id,
            collection,
            tlp,
            include_subject,
            publisher,
        } => {
            let r = publish::publish_sighting(
                &mut store,
                alert_id,
                &collection,
                tlp,
                include_subject,
                &publisher,
            )?;
            let what = if include_subject {
                "with the subject's details"
            } else {
                "without the subject's details"
            };
            println!(
                "Shared alert {alert_id} as a sighting in {} at {tlp} ({what}); {} new objects.",
                r.collection, r.new_versions
            );
            ctx.note(json!({ "new_versions": r.new_versions }));
        }
        ShareCommand::Pull {
            url,
            collection,
            partner,
            user,
            password,
            page_size,
        } => {
            let r = pull(
                &mut store,
                &PullOptions {
                    url: &url,
                    collection: &collection,
                    partner: &partner,
                    user: user.as_deref(),
                    password: &password,
                    page_size,
                },
            )?;
            for warning in &r.warnings {
                eprintln!("warning: {warning}");
            }
            let since = r
                .resumed_from
                .as_deref()
                .map_or(String::new(), |s| format!(" (added after {s})"));
            println!(
                "Pulled {} objects in {} pages from {collection}{since}: {} designations, {} withdrawn, {} other.",
                r.objects, r.pages, r.designations, r.removed, r.other
            );
            ctx.note(json!({
                "objects": r.objects, "designations": r.designations, "withdrawn": r.removed,
                "warnings": r.warnings.len(),
            }));
            match &r.outcome {
                Some(ImportOutcome::Imported { version }) => println!(
                    "{} version {}: {} entities (+{} -{} ~{}).",
                    version.source,
                    version.version,
                    version.entity_count,
                    version.added,
                    version.removed,
                    version.changed
                ),
                Some(ImportOutcome::Unchanged { version, .. }) => {
                    println!(
                        "{} unchanged at version {}.",
                        version.source, version.version
                    )
                }
                None => println!("{}: nothing to import.", r.list),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
