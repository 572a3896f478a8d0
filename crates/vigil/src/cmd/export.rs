//! `vigil export --format ftm`: the store's current entities as FollowTheMoney JSON lines,
//! FtM-clean (see `vigil_core::ftm`), with each resolved link between two entities as one
//! `UnknownLink` entity, so OpenSanctions and FtM tools read Vigil's lists directly.

use crate::context::Context;
use anyhow::Context as _;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use vigil_core::ftm::FtmEntity;
use vigil_core::{ftm_dataset_name, ftm_id, Entity};

#[derive(clap::Args)]
pub struct ExportArgs {
    /// The output format (FollowTheMoney JSON lines).
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Only this list (its source name, e.g. `un-sc`).
    #[arg(long)]
    source: Option<String>,
    /// Write here instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    Ftm,
}

pub fn run(ctx: &Context, args: ExportArgs) -> anyhow::Result<ExitCode> {
    let store = ctx.open_store()?;
    let entities = match &args.source {
        Some(source) => store.current_entities_of(source)?,
        None => store.current_entities()?,
    };
    if let Some(source) = &args.source {
        anyhow::ensure!(!entities.is_empty(), "no list {source:?} in the store");
    }
    let ExportFormat::Ftm = args.format;
    match &args.output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("creating {}", path.display()))?;
            write_ftm(&entities, std::io::BufWriter::new(file))
        }
        None => write_ftm(&entities, std::io::BufWriter::new(std::io::stdout().lock())),
    }
    .context("writing the FtM export")?;
    Ok(ExitCode::SUCCESS)
}

fn write_ftm(entities: &[Entity], mut out: impl Write) -> std::io::Result<()> {
    let ids: BTreeSet<&str> = entities.iter().map(|e| e.id.as_str()).collect();
    let mut links = BTreeSet::new();
    for entity in entities {
        serde_json::to_writer(&mut out, &FtmEntity::from(entity))?;
        writeln!(out)?;
        for link in &entity.links {
            let Some(other) = link.entity_id.as_deref().filter(|id| ids.contains(id)) else {
                continue;
            };
            // Links are held at both ends; one FtM link per pair.
            let pair = if entity.id.as_str() < other {
                (entity.id.as_str(), other)
            } else {
                (other, entity.id.as_str())
            };
            if links.insert(pair) {
                let dataset = ftm_dataset_name(entity.source());
                serde_json::to_writer(&mut out, &link_entity(pair, &link.relation, &dataset))?;
                writeln!(out)?;
            }
        }
    }
    out.flush()
}

fn link_entity(
    (subject, object): (&str, &str),
    relation: &str,
    dataset: &str,
) -> serde_json::Value {
    let (subject, object) = (ftm_id(subject), ftm_id(object));
    serde_json::json!({
        "id": format!("{subject}-link-{object}"),
        "caption": relation,
        "schema": "UnknownLink",
        "properties": {"subject": [subject], "object": [object], "role": [relation]},
        "datasets": [dataset],
        "referents": [],
    })
}
