//! Entity: every field of a listed party (names by kind and script, dates, documents,
//! addresses, links as links) and its history across the versions of its list. Reads what
//! `GET /v1/entities/{id}` reads.

use crate::error::PageError;
use crate::layout::{self, Nav};
use crate::pages::{db, values};
use crate::session::Signed;
use crate::Console;
use axum::extract::{Path, State};
use axum::response::Html;
use maud::{html, Markup};
use vigil_core::Entity;
use vigil_store::{EntityRecord, FieldChange, Permission, Store, StoreError};

/// Fields shown in their own sections rather than in the field list.
const OWN_SECTIONS: [&str; 4] = ["id", "name", "names", "links"];

/// What one list version did to the entity.
enum Event {
    Added,
    Removed,
    Changed(Vec<FieldChange>),
}

pub async fn entity(
    State(console): State<Console>,
    signed: Signed,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    signed.require(Permission::ReadLists)?;
    let lookup = id.clone();
    let found = db(&console, move |store| -> Result<_, PageError> {
        let Some(record) = store.entity(&lookup)? else {
            return Ok(None);
        };
        let history = history(store, &record.entity)?;
        Ok(Some((record, history)))
    })
    .await?;
    let Some((record, history)) = found else {
        return Err(PageError::NotFound(format!(
            "No listed entity has the id {id}."
        )));
    };
    let body = html! {
        (heading(&record))
        section.card aria-labelledby="names" {
            h2 #names { "Names" }
            (names(&record.entity))
        }
        section.card aria-labelledby="fields" {
            h2 #fields { "Details" }
            (fields(&record.entity))
        }
        @if !record.entity.links.is_empty() {
            section.card aria-labelledby="links" {
                h2 #links { "Links" }
                ul { @for link in &record.entity.links {
                    li {
                        (values::label(&link.relation)) ": "
                        @match &link.entity_id {
                            Some(other) => a href=(format!("/entity/{other}")) { (link.name) },
                            None => (link.name),
                        }
                    }
                } }
            }
        }
        section.card aria-labelledby="history" {
            h2 #history { "History across list versions" }
            (history_table(&record.entity, &history))
        }
    };
    Ok(layout::page(&signed, Nav::Lists, &record.entity.name, body))
}

fn heading(record: &EntityRecord) -> Markup {
    let e = &record.entity;
    html! {
        h1 { (e.name) }
        p.muted {
            code { (e.id) } " · " (e.schema.as_str()) " · in version " (record.version)
            " of " (crate::pages::screen::list_of(&e.id))
            @match record.removed_in {
                Some(v) => { " · " span.tag.confirmed { "removed in version " (v) } },
                None => { " · " span.tag { "listed" } },
            }
        }
    }
}

fn names(e: &Entity) -> Markup {
    html! {
        table.data {
            thead { tr { th scope="col" { "Name" } th scope="col" { "Kind" } th scope="col" { "Script" } } }
            tbody { @for name in &e.names {
                tr {
                    td { (name.full) }
                    td { (format!("{:?}", name.kind).to_lowercase()) }
                    td { @if name.original_script { "original script" } @else { "Latin" } }
                }
            } }
        }
    }
}

fn fields(e: &Entity) -> Markup {
    let json = serde_json::to_value(e).unwrap_or_default();
    let fields: Vec<_> = json
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(k, _)| !OWN_SECTIONS.contains(&k.as_str()))
        .collect();
    html! {
        dl.fields { @for (k, v) in fields { dt { (values::label(k)) } dd { (values::value(v)) } } }
    }
}

/// Each version of the entity's list that added, removed or changed it.
fn history(store: &Store, e: &Entity) -> Result<Vec<(u32, String, Event)>, StoreError> {
    let source = crate::pages::screen::list_of(&e.id).to_owned();
    let mut events = Vec::new();
    for version in store.versions(&source)? {
        let diff = store.diff(&source, Some(version.version))?;
        let event = if diff.added.iter().any(|a| a.id == e.id) {
            Some(Event::Added)
        } else if diff.removed.iter().any(|r| r.id == e.id) {
            Some(Event::Removed)
        } else {
            let changed = diff.changed.into_iter().find(|c| c.id == e.id);
            changed.map(|c| Event::Changed(c.fields))
        };
        if let Some(event) = event {
            events.push((version.version, version.imported_at, event));
        }
    }
    Ok(events)
}

fn history_table(e: &Entity, history: &[(u32, String, Event)]) -> Markup {
    let source = crate::pages::screen::list_of(&e.id);
    html! {
        table.data {
            thead { tr { th scope="col" { "Version" } th scope="col" { "Imported" } th scope="col" { "What changed" } } }
            tbody { @for (version, at, event) in history {
                tr {
                    td { a href=(format!("/lists/{source}/diff?version={version}")) { (version) } }
                    td { (at.get(..16).unwrap_or(at)) }
                    td { @match event {
                        Event::Added => span.added { "added" },
                        Event::Removed => span.removed { "removed" },
                        Event::Changed(fields) => (changes(fields)),
                    } }
                }
            } }
        }
    }
}

/// Field-by-field changes, old and new side by side.
pub fn changes(fields: &[FieldChange]) -> Markup {
    html! {
        table.changes {
            thead { tr { th scope="col" { "Field" } th scope="col" { "Before" } th scope="col" { "After" } } }
            tbody { @for f in fields {
                tr {
                    td { (values::label(&f.field)) }
                    td.removed { @if let Some(old) = &f.old { (values::value(old)) } @else { "–" } }
                    td.added { @if let Some(new) = &f.new { (values::value(new)) } @else { "–" } }
                }
            } }
        }
    }
}
