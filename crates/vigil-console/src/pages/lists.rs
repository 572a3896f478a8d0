//! Lists: every version of every list with dates and counts, and a version's diff (added,
//! removed, changed field by field). Reads what `GET /v1/lists` and `/v1/lists/{source}/diff`
//! read.

use crate::error::PageError;
use crate::layout::{self, Nav};
use crate::pages::db;
use crate::pages::entity::changes;
use crate::session::Signed;
use crate::Console;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use maud::html;
use serde::Deserialize;
use vigil_store::{EntitySummary, Permission};

pub async fn lists(
    State(console): State<Console>,
    signed: Signed,
) -> Result<Html<String>, PageError> {
    signed.require(Permission::ReadLists)?;
    let versions = db(&console, |store| {
        let mut all = Vec::new();
        for list in store.lists()? {
            let mut versions = store.versions(&list.source)?;
            versions.reverse();
            all.push((list.source, versions));
        }
        Ok(all)
    })
    .await?;
    let body = html! {
        h1 { "Lists" }
        @if versions.is_empty() { p.notice { "No list imported yet: " code { "vigil lists import" } "." } }
        @for (source, versions) in &versions {
            section.card aria-labelledby=(format!("list-{source}")) {
                h2 id=(format!("list-{source}")) { (source) }
                table.data {
                    thead { tr {
                        th scope="col" { "Version" } th scope="col" { "File date" } th scope="col" { "Imported" }
                        th.num scope="col" { "Entities" } th.num scope="col" { "Added" }
                        th.num scope="col" { "Removed" } th.num scope="col" { "Changed" } th scope="col" { "SHA-256" }
                    } }
                    tbody { @for v in versions {
                        tr {
                            td { a href=(format!("/lists/{source}/diff?version={}", v.version)) { "version " (v.version) } }
                            td { (v.file_date.as_deref().unwrap_or("–")) }
                            td { (v.imported_at.get(..16).unwrap_or(&v.imported_at)) }
                            td.num { (v.entity_count) } td.num.added { (v.added) }
                            td.num.removed { (v.removed) } td.num { (v.changed) }
                            td { code title=(v.sha256) { (v.sha256.get(..12).unwrap_or(&v.sha256)) "…" } }
                        }
                    } }
                }
            }
        }
    };
    Ok(layout::page(&signed, Nav::Lists, "Lists", body))
}

#[derive(Deserialize)]
pub struct DiffParams {
    version: Option<u32>,
}

pub async fn diff(
    State(console): State<Console>,
    signed: Signed,
    Path(source): Path<String>,
    Query(params): Query<DiffParams>,
) -> Result<Html<String>, PageError> {
    signed.require(Permission::ReadLists)?;
    let wanted = source.clone();
    let diff = db(&console, move |store| {
        if store.versions(&wanted)?.is_empty() {
            return Ok(None);
        }
        Ok(Some(store.diff(&wanted, params.version)?))
    })
    .await?
    .ok_or_else(|| PageError::NotFound(format!("No list is called {source}.")))?;
    let title = format!("{} version {}", diff.source, diff.version);
    let body = html! {
        h1 { (title) }
        p.muted {
            @match diff.previous_version {
                Some(p) => { "Against version " (p) ": " },
                None => { "The first version: everything is added. " },
            }
            span.added { (diff.added.len()) " added" } ", "
            span.removed { (diff.removed.len()) " removed" } ", "
            (diff.changed.len()) " changed."
        }
        section.card aria-labelledby="added" { h2 #added { "Added" } (summaries(&diff.added)) }
        section.card aria-labelledby="removed" { h2 #removed { "Removed" } (summaries(&diff.removed)) }
        section.card aria-labelledby="changed" {
            h2 #changed { "Changed" }
            @for c in &diff.changed {
                details.change {
                    summary { (c.name) " " code { (c.id) } " · " (c.fields.len()) " field(s)" }
                    p { a href=(format!("/entity/{}", c.id)) { "Open the entity" } }
                    (changes(&c.fields))
                }
            }
        }
    };
    Ok(layout::page(&signed, Nav::Lists, &title, body))
}

fn summaries(entities: &[EntitySummary]) -> maud::Markup {
    html! {
        @if entities.is_empty() { p.muted { "None." } }
        @else { ul.columns { @for e in entities {
            li { a href=(format!("/entity/{}", e.id)) { (e.name) } " " code { (e.id) } }
        } } }
    }
}
