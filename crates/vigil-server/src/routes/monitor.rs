//! Ongoing monitoring over HTTP: `POST /v1/subjects?set=` (JSON array or CSV body),
//! `GET /v1/alerts?status=`, `GET /v1/alerts/{id}`, `POST /v1/alerts/{id}/decision`,
//! `GET|POST /v1/webhooks` (admin); the hook list imports call; the webhook worker.

use crate::auth::Caller;
use crate::error::ApiError;
use crate::json::{is_json, media_type, parse, unsupported_media_type, StrictJson};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use vigil_monitor::{MonitorError, MonitorOptions, RetryPolicy, SubjectCache, SubjectInput};
use vigil_store::{AlertStatus, ImportOutcome, Store, StoreError};

/// The subject index, kept across list imports for the server's lifetime (rebuilt when
/// subjects change).
fn subject_cache() -> &'static SubjectCache {
    static CACHE: OnceLock<SubjectCache> = OnceLock::new();
    CACHE.get_or_init(SubjectCache::new)
}

/// How often the worker looks for due webhook notifications.
const WEBHOOK_POLL: Duration = Duration::from_secs(2);

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubjectsParams {
    set: Option<String>,
}

/// Imports subjects into `?set=`: a JSON array of `{id, name, schema?, birth_date?,
/// nationality?, id_number?}`, or a CSV (`Content-Type: text/csv`) with those columns.
/// All or nothing; the imported subjects are screened and new hits returned as alerts.
pub async fn import_subjects(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(params): Query<SubjectsParams>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let set = params
        .set
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| ApiError::field("set", "give the subject set, e.g. ?set=retail"))?;
    vigil_monitor::validate_set(&set).map_err(|e| ApiError::field("set", e.to_string()))?;
    let is_csv = media_type(&headers).as_deref() == Some("text/csv");
    if !is_csv && !is_json(&headers) {
        return Err(unsupported_media_type(&["application/json", "text/csv"]));
    }
    let subjects = if is_csv {
        vigil_monitor::parse_csv(&body[..], "body").map_err(monitor_error)?
    } else {
        let inputs: Vec<SubjectInput> = parse(&body)?;
        if inputs.is_empty() {
            return Err(ApiError::bad_request("the body holds no subjects"));
        }
        vigil_monitor::validate_all(&inputs, |i| format!("[{i}]")).map_err(monitor_error)?
    };
    let served = state.served();
    let report = blocking(&state, move |store| {
        let lists = served.as_ref().map(|s| &s.index);
        vigil_monitor::import_subjects(
            store,
            &set,
            &subjects,
            lists,
            &MonitorOptions::default(),
            &caller.name,
        )
    })
    .await?;
    Ok(Json(
        serde_json::to_value(report).map_err(ApiError::internal)?,
    ))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertsParams {
    status: Option<String>,
}

pub async fn alerts(
    State(state): State<AppState>,
    Query(params): Query<AlertsParams>,
) -> Result<Json<Value>, ApiError> {
    let status = params
        .status
        .as_deref()
        .map(str::parse::<AlertStatus>)
        .transpose()
        .map_err(|e| ApiError::field("status", e))?;
    let alerts = blocking(&state, move |store| Ok(store.alerts(status)?)).await?;
    Ok(Json(json!({ "alerts": alerts })))
}

pub async fn alert(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<Value>, ApiError> {
    match blocking(&state, move |store| Ok(store.alert(id)?)).await? {
        Some(alert) => Ok(Json(
            serde_json::to_value(alert).map_err(ApiError::internal)?,
        )),
        None => Err(ApiError::not_found(format!("no alert {id}"))),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    decision: String,
    reason: String,
}

/// Decides an open alert; the API key's name is recorded as who decided.
pub async fn decide(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    StrictJson(req): StrictJson<DecisionRequest>,
) -> Result<Json<Value>, ApiError> {
    vigil_monitor::parse_decision(&req.decision)
        .map_err(|e| ApiError::field("decision", e.to_string()))?;
    if req.reason.trim().is_empty() {
        return Err(ApiError::field(
            "reason",
            "say why, e.g. \"different birth date\"",
        ));
    }
    let alert = blocking(&state, move |store| {
        if store.alert(id)?.is_none() {
            return Err(MonitorError::Invalid(format!("no alert {id}")));
        }
        vigil_monitor::decide(store, id, &req.decision, &req.reason, &caller.name)
    })
    .await
    .map_err(|e| match e.status {
        StatusCode::BAD_REQUEST if e.message.starts_with("no alert") => {
            ApiError::not_found(e.message)
        }
        _ => e,
    })?;
    Ok(Json(
        serde_json::to_value(alert).map_err(ApiError::internal)?,
    ))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookRequest {
    url: String,
    secret: String,
}

/// Adds a webhook (admin): new alerts are POSTed to it, signed with the secret.
pub async fn add_webhook(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    StrictJson(req): StrictJson<WebhookRequest>,
) -> Result<Json<Value>, ApiError> {
    if !(req.url.starts_with("http://") || req.url.starts_with("https://")) {
        return Err(ApiError::field(
            "url",
            "must start with http:// or https://",
        ));
    }
    if req.secret.trim().is_empty() {
        return Err(ApiError::field("secret", "must not be empty"));
    }
    let url = req.url.clone();
    let hook = blocking(&state, move |store| {
        Ok(store.add_webhook(&req.url, &req.secret)?)
    })
    .await?;
    // The secret never enters the trail.
    let response = json!({ "id": hook.id });
    crate::routes::audit_action(
        &state,
        &caller,
        "webhook_add",
        json!({ "url": url }),
        response,
    );
    Ok(Json(
        serde_json::to_value(hook).map_err(ApiError::internal)?,
    ))
}

pub async fn webhooks(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let hooks = blocking(&state, |store| Ok(store.webhooks()?)).await?;
    Ok(Json(json!({ "webhooks": hooks })))
}

/// The list-import hook: re-screens the subjects the new version could affect against the
/// freshly served index. Blocking: call from a blocking thread.
pub(crate) fn after_import(
    state: &AppState,
    outcome: &ImportOutcome,
    actor: &str,
) -> Result<Value, ApiError> {
    let mut store = Store::open(&state.data_dir).map_err(ApiError::internal)?;
    let served = state.served();
    let lists = served.as_ref().map(|s| &s.index);
    let report = vigil_monitor::after_import(
        &mut store,
        outcome,
        lists,
        subject_cache(),
        &MonitorOptions::default(),
        actor,
    )
    .map_err(ApiError::internal)?;
    serde_json::to_value(report).map_err(ApiError::internal)
}

/// Delivers webhook notifications from the outbox as they fall due, for the server's
/// lifetime (also those queued by CLI imports).
pub fn spawn_webhook_worker(state: AppState) {
    let state = Arc::new(state);
    tokio::spawn(async move {
        let policy = RetryPolicy::default();
        loop {
            let (s, p) = (state.clone(), policy.clone());
            let round = tokio::task::spawn_blocking(move || {
                let mut store = Store::open(&s.data_dir)?;
                vigil_monitor::deliver_due(&mut store, &p)
            })
            .await;
            match round {
                Ok(Ok(r)) if r.retrying + r.failed > 0 => tracing::warn!(
                    "webhooks: {} delivered, {} to retry, {} given up",
                    r.delivered,
                    r.retrying,
                    r.failed
                ),
                Ok(Ok(_)) => {}
                Ok(Err(e)) => tracing::error!("webhook delivery failed: {e}"),
                Err(e) => tracing::error!("webhook delivery panicked: {e}"),
            }
            tokio::time::sleep(WEBHOOK_POLL).await;
        }
    });
}

async fn blocking<T: Send + 'static>(
    state: &AppState,
    op: impl FnOnce(&mut Store) -> Result<T, MonitorError> + Send + 'static,
) -> Result<T, ApiError> {
    let dir = state.data_dir.clone();
    tokio::task::spawn_blocking(move || {
        let mut store = Store::open(&dir).map_err(MonitorError::from)?;
        op(&mut store)
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(monitor_error)
}

fn monitor_error(err: MonitorError) -> ApiError {
    match err {
        MonitorError::Subject { .. } | MonitorError::Invalid(_) => {
            ApiError::bad_request(err.to_string())
        }
        // The store refuses a decision on an alert that is not open.
        MonitorError::Store(StoreError::Invalid(message)) => {
            ApiError::new(StatusCode::CONFLICT, message)
        }
        MonitorError::Store(other) => ApiError::internal(other),
    }
}
