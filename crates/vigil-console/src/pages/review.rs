//! One alert: the subject beside the listed entity, the explanation, and the decision
//! (confirmed / false positive, with a reason). With the four-eyes rule on, a confirmation
//! closes the alert only when a second, different user with the second-review permission
//! confirms it; both steps are in the audit trail under the users' names. Decisions go
//! through `vigil_monitor::decide`, as `POST /v1/alerts/{id}/decision` does.

use crate::error::PageError;
use crate::layout::{self, csrf_field, Nav};
use crate::pages::{alerts::status_tag, db, screen, values};
use crate::session::Signed;
use crate::Console;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use maud::{html, Markup};
use serde::Deserialize;
use serde_json::json;
use vigil_store::{Alert, AlertStatus, AuditRecord, PendingReview, Permission, Store, Subject};

const FOUR_EYES: &str = "four_eyes";

pub fn four_eyes(store: &Store) -> Result<bool, vigil_store::StoreError> {
    Ok(store.setting(FOUR_EYES)?.as_deref() == Some("on"))
}

/// An alert id from the path; anything else is a page that does not exist.
fn alert_id(text: &str) -> Result<i64, PageError> {
    text.parse()
        .map_err(|_| PageError::NotFound(format!("There is no alert {text}.")))
}

struct Detail {
    alert: Alert,
    subject: Option<Subject>,
    entity: Option<vigil_core::Entity>,
    pending: Option<PendingReview>,
}

pub async fn alert(
    State(console): State<Console>,
    signed: Signed,
    Path(id): Path<String>,
) -> Result<Html<String>, PageError> {
    signed.require(Permission::ReadAlerts)?;
    let id = alert_id(&id)?;
    let detail = db(&console, move |store| load(store, id)).await?;
    let Some(d) = detail else {
        return Err(PageError::NotFound(format!("There is no alert {id}.")));
    };
    let title = format!("Alert {}", d.alert.id);
    let body = html! {
        h1 { (title) " " (status_tag(d.alert.status, d.pending.is_some())) }
        p.muted { "Raised " (d.alert.created_at) " by " (d.alert.list_source) " version " (d.alert.list_version) " · score " (format!("{:.3}", d.alert.score)) }
        div.side {
            section.card aria-labelledby="subject" { h2 #subject { "Subject" } (subject_fields(&d)) }
            section.card aria-labelledby="listed" { h2 #listed { "Listed entity" } (entity_fields(&d)) }
        }
        section.card aria-labelledby="why" {
            h2 #why { "Why it alerted" }
            (screen::explanation(&d.alert.explanation))
        }
        (decision_section(&signed, &d))
    };
    Ok(layout::page(&signed, Nav::Alerts, &title, body))
}

fn load(store: &mut Store, id: i64) -> Result<Option<Detail>, PageError> {
    let Some(alert) = store.alert(id)? else {
        return Ok(None);
    };
    let subject = store
        .subjects()?
        .into_iter()
        .find(|s| s.set == alert.set && s.id == alert.subject_id);
    let entity = store.entity(&alert.entity_id)?.map(|r| r.entity);
    let pending = store.pending_review(id)?;
    Ok(Some(Detail {
        alert,
        subject,
        entity,
        pending,
    }))
}

fn subject_fields(d: &Detail) -> Markup {
    let s = d.subject.as_ref();
    let opt = |v: Option<&Option<String>>| v.and_then(|v| v.clone()).unwrap_or_else(|| "–".into());
    html! {
        dl.fields {
            dt { "Name" } dd { strong { (d.alert.subject_name) } }
            dt { "Id" } dd { code { (d.alert.subject_id) } " in set " (d.alert.set) }
            dt { "Kind" } dd { (opt(s.map(|s| &s.schema))) }
            dt { "Birth date" } dd { (opt(s.map(|s| &s.birth_date))) }
            dt { "Nationality" } dd { (opt(s.map(|s| &s.nationality))) }
            dt { "Document" } dd { (opt(s.map(|s| &s.id_number))) }
        }
    }
}

fn entity_fields(d: &Detail) -> Markup {
    let e = d.entity.as_ref();
    let json = |f: fn(&vigil_core::Entity) -> serde_json::Value| {
        e.map(f)
            .map(|v| values::value(&v))
            .unwrap_or_else(|| html! { "–" })
    };
    html! {
        dl.fields {
            dt { "Name" } dd { strong { a href=(format!("/entity/{}", d.alert.entity_id)) { (d.alert.entity_name) } } }
            dt { "Matched name" } dd { (d.alert.matched_name) }
            dt { "Kind" } dd { (e.map(|e| e.schema.as_str()).unwrap_or("–")) }
            dt { "Birth dates" } dd { (json(|e| json!(e.birth_dates))) }
            dt { "Nationalities" } dd { (json(|e| json!(e.nationalities))) }
            dt { "Documents" } dd { (json(|e| json!(e.documents))) }
            dt { "List" } dd { span.tag { (screen::list_of(&d.alert.entity_id)) } " " code { (d.alert.entity_id) } }
        }
    }
}

fn decision_section(signed: &Signed, d: &Detail) -> Markup {
    let a = &d.alert;
    html! {
        section.card aria-labelledby="decision" {
            h2 #decision { "Decision" }
            @if a.status != AlertStatus::Open {
                p { (a.status.as_str().replace('_', " ")) " by " strong { (a.decided_by.as_deref().unwrap_or("–")) }
                    " on " (a.decided_at.as_deref().unwrap_or("–")) ": " (a.reason.as_deref().unwrap_or("")) }
            } @else if !signed.may(Permission::DecideAlerts) {
                p.muted { "Your role may read alerts but not decide them." }
            } @else {
                @if let Some(p) = &d.pending {
                    p.notice { "Confirmed by " strong { (p.reviewer) } " (" (p.reason) "); a second reviewer must confirm." }
                }
                form method="post" action=(format!("/alerts/{}/decision", a.id)) {
                    (csrf_field(signed))
                    fieldset {
                        legend { "Outcome" }
                        label { input type="radio" name="decision" value="confirmed" required; " Confirmed: this is the listed party" }
                        label { input type="radio" name="decision" value="false-positive"; " False positive: not the listed party" }
                    }
                    label for="reason" { "Reason" }
                    textarea #reason name="reason" required maxlength="2000" placeholder="e.g. different birth date and nationality" {}
                    button.primary type="submit" { "Record decision" }
                }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
}

pub async fn decide(
    State(console): State<Console>,
    signed: Signed,
    Path(id): Path<String>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, PageError> {
    signed.require(Permission::DecideAlerts)?;
    let id = alert_id(&id)?;
    signed.check_csrf(&form.csrf)?;
    let status = vigil_monitor::parse_decision(&form.decision)?;
    let user = signed.clone();
    db(&console, move |store| {
        decide_in_store(store, id, status, &form.decision, &form.reason, &user)
    })
    .await?;
    Ok(Redirect::to(&format!("/alerts/{id}")).into_response())
}

fn decide_in_store(
    store: &mut Store,
    id: i64,
    status: AlertStatus,
    decision: &str,
    reason: &str,
    user: &Signed,
) -> Result<(), PageError> {
    let alert = store
        .alert(id)?
        .ok_or_else(|| PageError::NotFound(format!("There is no alert {id}.")))?;
    if alert.status != AlertStatus::Open {
        return Err(PageError::BadRequest(format!(
            "Alert {id} is already decided."
        )));
    }
    let name = &user.user.name;
    if status == AlertStatus::Confirmed && four_eyes(store)? {
        let Some(first) = store.pending_review(id)? else {
            return first_review(store, id, reason, name);
        };
        user.require(Permission::SecondReview)?;
        if &first.reviewer == name {
            return Err(PageError::BadRequest(
                "The second review must come from a different user.".into(),
            ));
        }
        let reason = format!(
            "{} (first review by {}: {})",
            reason.trim(),
            first.reviewer,
            first.reason
        );
        vigil_monitor::decide(store, id, decision, &reason, name)?;
    } else {
        vigil_monitor::decide(store, id, decision, reason, name)?;
    }
    store.clear_pending_review(id)?;
    Ok(())
}

fn first_review(store: &mut Store, id: i64, reason: &str, name: &str) -> Result<(), PageError> {
    if reason.trim().is_empty() {
        return Err(PageError::BadRequest(
            "Say why (the reason is required).".into(),
        ));
    }
    store.add_pending_review(id, name, reason.trim())?;
    store.append_audit(&[AuditRecord {
        at: chrono::Utc::now(),
        actor: name.to_owned(),
        action: "alert_first_review".into(),
        request: json!({ "alert": id, "decision": "confirmed", "reason": reason.trim() }),
        response: json!({ "status": "awaiting second review" }),
        list_versions: json!([]),
    }])?;
    Ok(())
}

#[derive(Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    four_eyes: String,
}

pub async fn settings(
    State(console): State<Console>,
    signed: Signed,
    Form(form): Form<SettingsForm>,
) -> Result<Response, PageError> {
    signed.require(Permission::SecondReview)?;
    signed.check_csrf(&form.csrf)?;
    let value = if form.four_eyes == "on" { "on" } else { "off" };
    let actor = signed.user.name.clone();
    db(&console, move |store| {
        store.set_setting(FOUR_EYES, value)?;
        store.append_audit(&[AuditRecord {
            at: chrono::Utc::now(),
            actor,
            action: "four_eyes_setting".into(),
            request: json!({ "four_eyes": value }),
            response: json!({}),
            list_versions: json!([]),
        }])?;
        Ok(())
    })
    .await?;
    Ok(Redirect::to("/alerts").into_response())
}
