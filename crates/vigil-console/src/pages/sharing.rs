//! Sharing: partner agencies with their TLP ceiling and grants, the TAXII collections, and
//! what was published into each at which TLP. Reads the store tables `vigil partners` and
//! `vigil share publish` write; managing sharing is an admin's permission.

use crate::error::PageError;
use crate::layout::{self, Nav};
use crate::pages::db;
use crate::session::Signed;
use crate::Console;
use axum::extract::State;
use axum::response::Html;
use maud::html;
use std::collections::BTreeMap;
use vigil_share::Tlp;
use vigil_store::Permission;

fn tlp(rank: u8) -> &'static str {
    Tlp::from_rank(rank).map_or("unknown", Tlp::as_str)
}

pub async fn page(
    State(console): State<Console>,
    signed: Signed,
) -> Result<Html<String>, PageError> {
    signed.require(Permission::ManageSharing)?;
    let (partners, collections) = db(&console, |store| {
        let mut partners = Vec::new();
        for p in store.partners()? {
            let grants = store.grants(p.id)?;
            partners.push((p, grants));
        }
        let mut collections = Vec::new();
        for c in store.collections()? {
            let mut by_tlp: BTreeMap<(u8, String), usize> = BTreeMap::new();
            for p in store.published(&c.id, None)? {
                *by_tlp.entry((p.tlp, p.source)).or_default() += 1;
            }
            collections.push((c, by_tlp));
        }
        Ok((partners, collections))
    })
    .await?;
    let body = html! {
        h1 { "Sharing" }
        section.card aria-labelledby="partners" {
            h2 #partners { "Partners" }
            @if partners.is_empty() { p.muted { "No partner yet: " code { "vigil partners add" } "." } }
            @else { table.data {
                thead { tr { th scope="col" { "Partner" } th scope="col" { "User" } th scope="col" { "Highest TLP" } th scope="col" { "Grants" } th scope="col" { "Since" } } }
                tbody { @for (p, grants) in &partners {
                    tr {
                        td { (p.name) } td { code { (p.user) } }
                        td { span.tag { (tlp(p.max_tlp)) } }
                        td { @for g in grants {
                            div { (g.collection.alias) ": "
                                (match (g.can_read, g.can_write) { (true, true) => "read, write", (true, false) => "read", (false, true) => "write", _ => "none" }) }
                        } }
                        td { (p.created_at.get(..10).unwrap_or(&p.created_at)) }
                    }
                } }
            } }
        }
        section.card aria-labelledby="collections" {
            h2 #collections { "Collections and what was published" }
            @if collections.is_empty() { p.muted { "No collection yet: " code { "vigil share publish" } "." } }
            @else { table.data {
                thead { tr { th scope="col" { "Collection" } th scope="col" { "Id" } th scope="col" { "Published (source · TLP · objects)" } } }
                tbody { @for (c, by_tlp) in &collections {
                    tr {
                        td { strong { (c.title) } br; span.muted { (c.alias) } }
                        td { code { (c.id) } }
                        td { @if by_tlp.is_empty() { "nothing yet" }
                            @for ((rank, source), n) in by_tlp { div { (source) " · " span.tag { (tlp(*rank)) } " · " (n) } } }
                    }
                } }
            } }
        }
    };
    Ok(layout::page(&signed, Nav::Sharing, "Sharing", body))
}
