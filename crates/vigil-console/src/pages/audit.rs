//! Audit: search the trail by user, action and date. Reads what `vigil audit export` reads;
//! needs the permission to read the audit trail.

use crate::error::PageError;
use crate::layout::{self, Nav};
use crate::pages::db;
use crate::session::Signed;
use crate::Console;
use axum::extract::{Query, State};
use axum::response::Html;
use chrono::{DateTime, NaiveDate, Utc};
use maud::html;
use serde::Deserialize;
use vigil_store::{AuditRecord, Permission};

/// The most records one search shows (newest first).
const MAX_SHOWN: usize = 500;

#[derive(Deserialize, Default)]
pub struct Search {
    #[serde(default)]
    user: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

fn day(text: &str, field: &str) -> Result<Option<NaiveDate>, PageError> {
    match text.trim() {
        "" => Ok(None),
        t => NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                PageError::BadRequest(format!("{field}: expected a date such as 2026-01-31"))
            }),
    }
}

pub async fn audit(
    State(console): State<Console>,
    signed: Signed,
    Query(search): Query<Search>,
) -> Result<Html<String>, PageError> {
    signed.require(Permission::ReadAudit)?;
    let from = day(&search.from, "from")?;
    let to = day(&search.to, "to")?;
    let since: DateTime<Utc> = from
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    let (user, action) = (
        search.user.trim().to_owned(),
        search.action.trim().to_owned(),
    );
    let mut records = db(&console, move |store| {
        let mut found = Vec::new();
        store.audit_since(since, |r| {
            let keep = (user.is_empty() || r.actor == user)
                && (action.is_empty() || r.action == action)
                && to.is_none_or(|to| r.at.date_naive() <= to);
            if keep {
                found.push(r);
            }
            Ok(())
        })?;
        Ok::<_, PageError>(found)
    })
    .await?;
    records.reverse();
    let total = records.len();
    records.truncate(MAX_SHOWN);
    let body = html! {
        h1 { "Audit trail" }
        form.card.filters method="get" action="/audit" {
            div { label for="user" { "User or key" } input #user name="user" type="text" value=(search.user); }
            div { label for="action" { "Action" } input #action name="action" type="text" value=(search.action) placeholder="screen, alert_decision, …"; }
            div { label for="from" { "From" } input #from name="from" type="date" value=(search.from); }
            div { label for="to" { "To" } input #to name="to" type="date" value=(search.to); }
            div.actions { button.primary type="submit" { "Search" } }
        }
        p.muted { (total) " record(s)" @if total > MAX_SHOWN { ", the newest " (MAX_SHOWN) " shown" } }
        table.data #audit-records {
            thead { tr { th scope="col" { "When (UTC)" } th scope="col" { "Who" } th scope="col" { "Action" } th scope="col" { "Request" } th scope="col" { "Outcome" } } }
            tbody { @for r in &records { (row(r)) } }
        }
    };
    Ok(layout::page(&signed, Nav::Audit, "Audit", body))
}

fn row(r: &AuditRecord) -> maud::Markup {
    let short = |v: &serde_json::Value| {
        let text = v.to_string();
        match text.char_indices().nth(240) {
            Some((i, _)) => format!("{}…", &text[..i]),
            None => text,
        }
    };
    html! {
        tr {
            td { (r.at.format("%Y-%m-%d %H:%M:%S")) }
            td { (r.actor) }
            td { span.tag { (r.action) } }
            td { code { (short(&r.request)) } }
            td { code { (short(&r.response)) } }
        }
    }
}
