//! `vigil entity ID`: everything the store knows about one listed entity.

use crate::context::Context;
use anyhow::bail;
use std::process::ExitCode;
use vigil_core::{Address, Country, Document, Entity, NameKind};
use vigil_store::EntityRecord;

#[derive(clap::Args)]
pub struct EntityArgs {
    /// The entity id, SOURCE:ID, e.g. un-sc:QDe.118 or ofac-sdn:7140 (case does not
    /// matter), or a partner's own id for an entity pulled from it.
    id: String,
    /// Print the stored entity as JSON, with its list version and status.
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: EntityArgs) -> anyhow::Result<ExitCode> {
    let store = ctx.open_store()?;
    let record = match store.entity(&args.id)? {
        Some(record) => Some(record),
        None => store.entity_by_partner_id(&args.id)?,
    };
    let Some(record) = record else {
        if !args.id.contains(':') {
            bail!(
                "no entity {:?}: ids are SOURCE:ID, e.g. un-sc:QDe.118 or ofac-sdn:7140",
                args.id
            );
        }
        bail!("no entity {:?} in any stored version of any list", args.id);
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&record)?);
    } else {
        print!("{}", render(&record));
    }
    Ok(ExitCode::SUCCESS)
}

/// The human view: a heading, the list status, then one section per kind of fact, with
/// empty sections left out.
fn render(record: &EntityRecord) -> String {
    let e = &record.entity;
    let mut out = format!("{}  {}  ({})\n", e.id, e.name, e.schema);
    let source = e.source();
    out += &match record.removed_in {
        None => format!(
            "Listed: yes, in {source} version {}\n",
            record.latest_version
        ),
        Some(removed) => format!(
            "Listed: NO, removed from {source} in version {removed} \
             (shown as in version {})\n",
            record.version
        ),
    };
    let mut section = |title: &str, lines: Vec<String>| {
        if !lines.is_empty() {
            out += &format!("\n{title}:\n");
            for line in lines {
                out += &format!("  {line}\n");
            }
        }
    };
    section("Names", names(e));
    section(
        "Birth dates",
        e.birth_dates.iter().map(|d| d.to_string()).collect(),
    );
    section("Birth places", e.birth_places.clone());
    section(
        "Gender",
        e.gender
            .iter()
            .map(|g| format!("{g:?}").to_lowercase())
            .collect(),
    );
    section(
        "Nationalities",
        e.nationalities.iter().map(country).collect(),
    );
    section("Citizenships", e.citizenships.iter().map(country).collect());
    section("Countries", e.countries.iter().map(country).collect());
    section("Titles", e.titles.clone());
    section("Documents", e.documents.iter().map(document).collect());
    section("Addresses", e.addresses.iter().map(address).collect());
    section(
        "Identifiers",
        e.identifiers
            .iter()
            .map(|i| {
                let kind = format!("{:?}", i.kind).to_lowercase();
                with_note(format!("{kind} {}", i.value), i.note.as_deref())
            })
            .collect(),
    );
    section(
        "Links",
        e.links
            .iter()
            .map(|l| match &l.entity_id {
                Some(id) => format!("{}: {} ({id})", l.relation, l.name),
                None => format!("{}: {}", l.relation, l.name),
            })
            .collect(),
    );
    section("Programs", e.programs.clone());
    section(
        "Listed on",
        e.listed_on.iter().map(|d| d.to_string()).collect(),
    );
    section(
        "Last updated",
        e.last_updated.iter().map(|d| d.to_string()).collect(),
    );
    section(
        "Remarks",
        e.remarks.iter().flat_map(|r| wrap(r, WRAP_WIDTH)).collect(),
    );
    section(
        "Other properties",
        e.properties
            .iter()
            .map(|(key, values)| format!("{key}: {}", values.join("; ")))
            .collect(),
    );
    out
}

/// Names grouped by kind, primary first; original-script names marked.
fn names(e: &Entity) -> Vec<String> {
    let groups = [
        (NameKind::Primary, "name"),
        (NameKind::Alias, "alias"),
        (NameKind::Weak, "weak alias"),
        (NameKind::Former, "former name"),
    ];
    let mut lines = Vec::new();
    for (kind, label) in groups {
        for name in e.names.iter().filter(|n| n.kind == kind) {
            let script = if name.original_script {
                "  (original script)"
            } else {
                ""
            };
            lines.push(format!("{label:<12} {}{script}", name.full));
        }
    }
    lines
}

fn country(c: &Country) -> String {
    match &c.code {
        Some(code) if !code.eq_ignore_ascii_case(&c.text) => format!("{} ({code})", c.text),
        _ => c.text.clone(),
    }
}

fn document(d: &Document) -> String {
    let kind = if d.type_text.is_empty() {
        format!("{:?}", d.kind).to_lowercase()
    } else {
        d.type_text.clone()
    };
    let mut line = format!("{kind} {}", d.number);
    if let Some(c) = &d.country {
        line += &format!(", {}", country(c));
    }
    if let Some(date) = &d.issued {
        line += &format!(", issued {date}");
    }
    if let Some(date) = &d.expires {
        line += &format!(", expires {date}");
    }
    with_note(line, d.note.as_deref())
}

fn address(a: &Address) -> String {
    let parts: Vec<String> = [&a.street, &a.city, &a.region, &a.postal_code]
        .into_iter()
        .flatten()
        .cloned()
        .chain(a.country.as_ref().map(country))
        .collect();
    let line = if parts.is_empty() {
        "(no details)".to_owned()
    } else {
        parts.join(", ")
    };
    with_note(line, a.note.as_deref())
}

/// Remarks run to a thousand characters; wrapped, they stay readable in a terminal.
const WRAP_WIDTH: usize = 96;

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn with_note(line: String, note: Option<&str>) -> String {
    match note {
        Some(note) if !note.trim().is_empty() => format!("{line} ({})", note.trim()),
        _ => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigil_core::{Name, PartialDate, Schema};

    #[test]
    fn wraps_long_text_at_word_boundaries() {
        assert_eq!(wrap("aa bb  cc\ndd", 5), ["aa bb", "cc dd"]);
        assert_eq!(
            wrap("averyveryverylongword x", 5),
            ["averyveryverylongword", "x"]
        );
        assert!(wrap("  ", 5).is_empty());
    }

    #[test]
    fn renders_sections_and_removal() {
        let mut e = Entity::new(
            "un-sc",
            "QDe.118",
            Schema::Organization,
            "LASHKAR-E-TAYYIBA",
        );
        e.add_name(Name::new("Lashkar-e-Toiba", NameKind::Alias));
        e.add_name(Name::new("LeT", NameKind::Weak));
        e.countries.push(Country::parse("Pakistan"));
        e.listed_on = Some(PartialDate::new(2005, Some(5), Some(2)).unwrap());
        let record = EntityRecord {
            entity: e,
            version: 1,
            latest_version: 2,
            removed_in: Some(2),
        };
        let text = render(&record);
        assert!(text.starts_with("un-sc:QDe.118  LASHKAR-E-TAYYIBA  (organization)\n"));
        assert!(text.contains("removed from un-sc in version 2"), "{text}");
        assert!(text.contains("  alias        Lashkar-e-Toiba\n"), "{text}");
        assert!(text.contains("  weak alias   LeT\n"), "{text}");
        assert!(text.contains("Countries:\n  Pakistan (PK)\n"), "{text}");
        assert!(text.contains("Listed on:\n  2005-05-02\n"), "{text}");
        assert!(
            !text.contains("Documents"),
            "empty sections are left out: {text}"
        );
    }
}
