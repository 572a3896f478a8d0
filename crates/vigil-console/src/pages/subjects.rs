//! Subjects: the monitored sets, a CSV import into a set (screened at once, as
//! `POST /v1/subjects` does through `vigil_monitor::import_subjects`), and each subject's
//! alerts.

use crate::error::PageError;
use crate::layout::{self, csrf_field, Nav};
use crate::pages::db;
use crate::session::Signed;
use crate::Console;
use axum::extract::{Multipart, State};
use axum::response::Html;
use maud::{html, Markup};
use std::collections::BTreeMap;
use vigil_monitor::MonitorOptions;
use vigil_store::{Permission, Subject};

/// Subjects listed per set; the rest are counted (their alerts are in the queue).
const SHOWN_PER_SET: usize = 200;

pub async fn page(
    State(console): State<Console>,
    signed: Signed,
) -> Result<Html<String>, PageError> {
    signed.require(Permission::ManageSubjects)?;
    render(&console, &signed, None).await
}

async fn render(
    console: &Console,
    signed: &Signed,
    notice: Option<Markup>,
) -> Result<Html<String>, PageError> {
    let (subjects, alerts) = db(console, |store| {
        Ok((store.subjects()?, store.alerts(None)?))
    })
    .await?;
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for a in &alerts {
        *counts
            .entry((a.set.clone(), a.subject_id.clone()))
            .or_default() += 1;
    }
    let mut sets: BTreeMap<&str, Vec<&Subject>> = BTreeMap::new();
    for s in &subjects {
        sets.entry(s.set.as_str()).or_default().push(s);
    }
    let body = html! {
        h1 { "Monitored subjects" }
        @if let Some(notice) = notice { (notice) }
        form.card method="post" action="/subjects" enctype="multipart/form-data" {
            (csrf_field(signed))
            h2 { "Import a CSV" }
            label for="set" { "Set" }
            input #set name="set" type="text" required placeholder="e.g. retail";
            label for="file" { "CSV file (id, name, schema, birth_date, nationality, id_number)" }
            input #file name="file" type="file" accept=".csv,text/csv" required;
            button.primary type="submit" { "Import and screen" }
        }
        @if sets.is_empty() { p.muted { "No subjects under monitoring yet." } }
        @for (set, members) in &sets {
            section.card {
                h2 { (set) " " span.muted { "(" (members.len()) " subjects)" } }
                @if members.len() > SHOWN_PER_SET {
                    p.muted { "The first " (SHOWN_PER_SET) " are listed; filter the alerts queue by set for the rest." }
                }
                table.data {
                    thead { tr { th scope="col" { "Id" } th scope="col" { "Name" } th scope="col" { "Birth date" } th scope="col" { "Nationality" } th scope="col" { "Alerts" } } }
                    tbody { @for s in members.iter().take(SHOWN_PER_SET) {
                        @let n = counts.get(&(s.set.clone(), s.id.clone())).copied().unwrap_or(0);
                        tr {
                            td { code { (s.id) } } td { (s.name) }
                            td { (s.birth_date.as_deref().unwrap_or("–")) }
                            td { (s.nationality.as_deref().unwrap_or("–")) }
                            td { @if n > 0 {
                                a href=(format!("/alerts?set={}&subject={}", enc(&s.set), enc(&s.id))) { (n) " alert(s)" }
                            } @else { "none" } }
                        }
                    } }
                }
            }
        }
    };
    Ok(layout::page(signed, Nav::Subjects, "Subjects", body))
}

fn enc(text: &str) -> String {
    crate::error::encode_component(text)
}

pub async fn import(
    State(console): State<Console>,
    signed: Signed,
    form: Multipart,
) -> Result<Html<String>, PageError> {
    signed.require(Permission::ManageSubjects)?;
    let upload = crate::upload::read(form, &signed, console.config.max_upload_bytes).await?;
    let set = upload.field("set").trim().to_owned();
    vigil_monitor::validate_set(&set)?;
    let subjects = vigil_monitor::parse_csv(upload.text.as_bytes(), &upload.file_name)?;
    let served = console.app.served();
    let actor = signed.user.name.clone();
    let report = db(&console, move |store| {
        let lists = served.as_ref().map(|s| &s.index);
        Ok(vigil_monitor::import_subjects(
            store,
            &set,
            &subjects,
            lists,
            &MonitorOptions::default(),
            &actor,
        )?)
    })
    .await?;
    let notice = html! {
        p.notice.ok role="status" { "Imported " (report.imported) " subject(s) into " (report.set) "; "
            (report.new_alerts.len()) " new alert(s)." }
    };
    render(&console, &signed, Some(notice)).await
}
