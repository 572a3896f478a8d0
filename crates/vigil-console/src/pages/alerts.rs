//! The alerts queue: filter by status, set, list, score and age; sort; paginate. Reads what
//! `GET /v1/alerts` reads.

use crate::error::PageError;
use crate::layout::{self, csrf_field, Nav};
use crate::pages::{db, review};
use crate::session::Signed;
use crate::Console;
use axum::extract::{Query, State};
use axum::response::Html;
use maud::{html, Markup};
use serde::Deserialize;
use vigil_store::{Alert, AlertStatus, Permission};

const PAGE_SIZE: usize = 25;

#[derive(Deserialize, Default, Clone)]
pub struct Filters {
    #[serde(default)]
    status: String,
    #[serde(default)]
    set: String,
    #[serde(default)]
    list: String,
    #[serde(default)]
    subject: String,
    min_score: Option<f64>,
    max_age_days: Option<i64>,
    #[serde(default)]
    sort: String,
    page: Option<usize>,
}

impl Filters {
    fn keeps(&self, alert: &Alert, now: chrono::DateTime<chrono::Utc>) -> bool {
        let text = |want: &str, have: &str| want.trim().is_empty() || want.trim() == have;
        let young = self.max_age_days.is_none_or(|days| {
            chrono::DateTime::parse_from_rfc3339(&alert.created_at)
                .is_ok_and(|at| (now - at.with_timezone(&chrono::Utc)).num_days() <= days)
        });
        text(&self.set, &alert.set)
            && text(&self.list, &alert.list_source)
            && text(&self.subject, &alert.subject_id)
            && self.min_score.is_none_or(|min| alert.score >= min)
            && young
    }

    fn sort(&self, alerts: &mut [Alert]) {
        match self.sort.as_str() {
            "score" => alerts.sort_by(|a, b| b.score.total_cmp(&a.score)),
            "oldest" => alerts.sort_by(|a, b| a.created_at.cmp(&b.created_at)),
            _ => alerts.sort_by(|a, b| b.created_at.cmp(&a.created_at)),
        }
    }

    /// This query string with another page number.
    fn page_link(&self, page: usize) -> String {
        let enc = crate::error::encode_component;
        let mut q = format!(
            "/alerts?status={}&set={}&list={}&subject={}&sort={}&page={page}",
            enc(&self.status),
            enc(&self.set),
            enc(&self.list),
            enc(&self.subject),
            enc(&self.sort)
        );
        if let Some(min) = self.min_score {
            q.push_str(&format!("&min_score={min}"));
        }
        if let Some(days) = self.max_age_days {
            q.push_str(&format!("&max_age_days={days}"));
        }
        q
    }
}

pub async fn queue(
    State(console): State<Console>,
    signed: Signed,
    Query(filters): Query<Filters>,
) -> Result<Html<String>, PageError> {
    signed.require(Permission::ReadAlerts)?;
    let status = match filters.status.trim() {
        "" | "all" => None,
        s => Some(s.parse::<AlertStatus>().map_err(PageError::BadRequest)?),
    };
    let (alerts, pending, four_eyes) = db(&console, move |store| {
        let four_eyes = review::four_eyes(store)?;
        Ok::<_, PageError>((store.alerts(status)?, store.pending_reviews()?, four_eyes))
    })
    .await?;
    let now = chrono::Utc::now();
    let mut alerts: Vec<Alert> = alerts
        .into_iter()
        .filter(|a| filters.keeps(a, now))
        .collect();
    filters.sort(&mut alerts);
    let pages = alerts.len().div_ceil(PAGE_SIZE).max(1);
    let page = filters.page.unwrap_or(1).clamp(1, pages);
    let shown = alerts.iter().skip((page - 1) * PAGE_SIZE).take(PAGE_SIZE);
    let body = html! {
        h1 { "Alerts" }
        (filter_form(&filters))
        p.muted { (alerts.len()) " alert(s) · page " (page) " of " (pages) }
        table.data {
            thead { tr {
                th scope="col" { "#" } th scope="col" { "Subject" } th scope="col" { "Set" }
                th scope="col" { "Listed entity" } th scope="col" { "List" } th scope="col" { "Score" }
                th scope="col" { "Status" } th scope="col" { "Raised" }
            } }
            tbody { @for a in shown {
                tr {
                    td { a href=(format!("/alerts/{}", a.id)) { (a.id) } }
                    td { a href=(format!("/alerts/{}", a.id)) { (a.subject_name) } br; code { (a.subject_id) } }
                    td { (a.set) }
                    td { (a.entity_name) br; code { (a.entity_id) } }
                    td { (a.list_source) " v" (a.list_version) }
                    td { (layout::score(a.score)) }
                    td { (status_tag(a.status, pending.contains(&a.id))) }
                    td { (a.created_at.get(..16).unwrap_or(&a.created_at)) }
                }
            } }
        }
        nav.pager aria-label="Pages" {
            @if page > 1 { a href=(filters.page_link(page - 1)) { "← Previous" } }
            @if page < pages { a href=(filters.page_link(page + 1)) { "Next →" } }
        }
        @if signed.may(Permission::SecondReview) { (four_eyes_form(&signed, four_eyes)) }
    };
    Ok(layout::page(&signed, Nav::Alerts, "Alerts", body))
}

pub fn status_tag(status: AlertStatus, awaiting_second: bool) -> Markup {
    html! {
        @if awaiting_second && status == AlertStatus::Open {
            span.tag.pending { "awaiting second review" }
        } @else {
            span class=(format!("tag {}", status.as_str())) { (status.as_str().replace('_', " ")) }
        }
    }
}

fn filter_form(f: &Filters) -> Markup {
    let statuses = ["open", "confirmed", "false_positive", "delisted", "all"];
    html! {
        form.card.filters method="get" action="/alerts" {
            div {
                label for="status" { "Status" }
                select #status name="status" {
                    option value="" selected[f.status.is_empty()] { "any" }
                    @for s in statuses { option value=(s) selected[f.status == s] { (s.replace('_', " ")) } }
                }
            }
            div { label for="set" { "Set" } input #set name="set" type="text" value=(f.set); }
            input type="hidden" name="subject" value=(f.subject);
            div { label for="list" { "List" } input #list name="list" type="text" value=(f.list) placeholder="un-sc"; }
            div {
                label for="min_score" { "Score at least" }
                input #min_score name="min_score" type="number" step="0.01" min="0" max="1"
                    value=[f.min_score];
            }
            div {
                label for="max_age_days" { "Raised within (days)" }
                input #max_age_days name="max_age_days" type="number" min="0" value=[f.max_age_days];
            }
            div {
                label for="sort" { "Sort" }
                select #sort name="sort" {
                    option value="newest" selected[f.sort != "score" && f.sort != "oldest"] { "newest first" }
                    option value="oldest" selected[f.sort == "oldest"] { "oldest first" }
                    option value="score" selected[f.sort == "score"] { "highest score" }
                }
            }
            div.actions { button.primary type="submit" { "Filter" } }
        }
    }
}

fn four_eyes_form(signed: &Signed, on: bool) -> Markup {
    html! {
        form.card method="post" action="/alerts/settings" {
            (csrf_field(signed))
            h2 { "Four-eyes rule" }
            p {
                @if on { "On: a confirmed alert is closed only when a second reviewer (a different supervisor or admin) confirms it too." }
                @else { "Off: one analyst's decision closes an alert." }
            }
            input type="hidden" name="four_eyes" value=(if on { "off" } else { "on" });
            button.secondary type="submit" { @if on { "Turn off" } @else { "Require a second reviewer" } }
        }
    }
}
