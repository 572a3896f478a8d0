//! The HTTP routes. Handlers are thin: parse, call the library crates, shape the answer.

mod health;
mod lists;
mod messages;
pub mod monitor;
mod scan;
pub mod screen;
mod yente;

use crate::auth::{self, Caller};
use crate::error::ApiError;
use crate::state::{AppState, Served};
use axum::extract::{MatchedPath, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Serialize;
use std::sync::Arc;
use std::time::Instant;
use vigil_store::{AuditRecord, Permission};

pub fn router(state: AppState) -> Router {
    let screener = Router::new()
        .route("/v1/screen", post(screen::screen))
        .route("/v1/compare", post(screen::compare))
        .route("/v1/entities/{id}", get(lists::entity))
        .route("/v1/lists", get(lists::lists))
        .route("/v1/lists/{source}/diff", get(lists::diff))
        .route("/match/{dataset}", post(yente::match_entities))
        .route("/v1/payments/screen", post(messages::payments))
        .route("/v1/travel/screen", post(messages::travel))
        .route("/v1/scan", post(scan::scan))
        .route("/v1/lists/{source}/import", post(lists::import))
        .route("/v1/subjects", post(monitor::import_subjects))
        .route("/v1/alerts", get(monitor::alerts))
        .route("/v1/alerts/{id}", get(monitor::alert))
        .route("/v1/alerts/{id}/decision", post(monitor::decide))
        .route(
            "/v1/webhooks",
            get(monitor::webhooks).post(monitor::add_webhook),
        )
        .route_layer(middleware::from_fn_with_state(state.clone(), authenticate));
    Router::new()
        .merge(screener)
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(health::metrics))
        .route("/openapi.json", get(crate::openapi::openapi))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), observe))
        .with_state(state.clone())
        // TAXII 2.1 for partner agencies (vigil-share), with its own partner auth.
        .merge(vigil_share::taxii_router(vigil_share::TaxiiConfig {
            data_dir: state.data_dir.clone(),
            title: "Vigil TAXII 2.1".into(),
            // Half the body limit (at most 10 MiB): oversized posts get TAXII's own 413.
            max_content_length: (state.limits.max_body_bytes / 2).min(10 << 20),
        }))
}

/// Authenticates every API request and passes the caller on; screeners may do everything
/// but imports, which check for admin themselves.
async fn authenticate(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let caller = state.auth.authenticate(req.headers())?;
    auth::require(&caller, Permission::Screen)?;
    req.extensions_mut().insert(caller);
    Ok(next.run(req).await)
}

/// Counts requests and records their latency by route.
async fn observe(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".into());
    let method = req.method().to_string();
    let started = Instant::now();
    let response = next.run(req).await;
    let labels = crate::metrics::RouteLabels {
        route: route.clone(),
    };
    state
        .metrics
        .latency
        .get_or_create(&labels)
        .observe(started.elapsed().as_secs_f64());
    let status = response.status().as_u16();
    let labels = crate::metrics::RequestLabels {
        route,
        method,
        status,
    };
    state.metrics.requests.get_or_create(&labels).inc();
    response
}

async fn not_found() -> Response {
    ApiError::new(StatusCode::NOT_FOUND, "no such endpoint; see /openapi.json").into_response()
}

/// The served index, or 503 while the first load is still running.
pub(crate) fn served(state: &AppState) -> Result<Arc<Served>, ApiError> {
    state
        .served()
        .ok_or_else(|| ApiError::unavailable("the index is still loading; retry shortly"))
}

/// Records a screening request in the audit trail with the list versions that answered.
/// Results are kept as id, name and score: enough to prove what was answered, without the
/// explanations' bulk.
pub(crate) fn audit(
    state: &AppState,
    caller: &Caller,
    action: &str,
    served: &Served,
    request: serde_json::Value,
    response: &impl Serialize,
) {
    let mut response = serde_json::to_value(response).unwrap_or_default();
    strip_explanations(&mut response);
    audit_summary(state, caller, action, served, request, response);
}

/// Records a screening request whose response the handler already summarised as the trail
/// keeps it (no explanations): no copy of the answer to convert and strip.
pub(crate) fn audit_summary(
    state: &AppState,
    caller: &Caller,
    action: &str,
    served: &Served,
    request: serde_json::Value,
    response: serde_json::Value,
) {
    let record = AuditRecord {
        at: chrono::Utc::now(),
        actor: caller.name.clone(),
        action: action.to_owned(),
        request,
        response,
        list_versions: serde_json::to_value(&served.lists).unwrap_or_default(),
    };
    state.audit.record(record);
}

/// Records a request that needs no served index (a comparison, a change of settings),
/// with the list versions being served at the time, if any.
pub(crate) fn audit_action(
    state: &AppState,
    caller: &Caller,
    action: &str,
    request: serde_json::Value,
    response: serde_json::Value,
) {
    let lists = state.served().map(|s| s.lists.clone()).unwrap_or_default();
    state.audit.record(AuditRecord {
        at: chrono::Utc::now(),
        actor: caller.name.clone(),
        action: action.to_owned(),
        request,
        response,
        list_versions: serde_json::to_value(lists).unwrap_or_default(),
    });
}

fn strip_explanations(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.remove("explanation");
            map.remove("properties");
            map.values_mut().for_each(strip_explanations);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_explanations),
        _ => {}
    }
}
