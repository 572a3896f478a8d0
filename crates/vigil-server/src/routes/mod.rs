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
use axum::extract::DefaultBodyLimit;
use axum::extract::{MatchedPath, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use serde::Serialize;
use std::sync::Arc;
use std::time::Instant;
use tower_http::limit::RequestBodyLimitLayer;
use vigil_store::{AuditRecord, Permission};

pub fn router(state: AppState) -> Router {
    use Permission::*;
    let api = Router::new()
        .route("/v1/screen", needs(Screen, post(screen::screen)))
        .route("/v1/compare", needs(Screen, post(screen::compare)))
        .route("/v1/entities/{id}", needs(ReadLists, get(lists::entity)))
        .route("/v1/lists", needs(ReadLists, get(lists::lists)))
        .route(
            "/v1/lists/{source}/diff",
            needs(ReadLists, get(lists::diff)),
        )
        .route(
            "/v1/payments/screen",
            needs(Screen, post(messages::payments)),
        )
        .route("/v1/travel/screen", needs(Screen, post(messages::travel)))
        .route("/v1/scan", needs(Screen, post(scan::scan)))
        .route(
            "/v1/subjects",
            needs(ManageSubjects, post(monitor::import_subjects)),
        )
        .route("/v1/alerts", needs(ReadAlerts, get(monitor::alerts)))
        .route("/v1/alerts/{id}", needs(ReadAlerts, get(monitor::alert)))
        .route(
            "/v1/alerts/{id}/decision",
            needs(DecideAlerts, post(monitor::decide)),
        )
        .route(
            "/v1/webhooks",
            needs(
                ManageWebhooks,
                get(monitor::webhooks).post(monitor::add_webhook),
            ),
        )
        .layer(DefaultBodyLimit::max(state.limits.max_body_bytes))
        .layer(RequestBodyLimitLayer::new(state.limits.max_body_bytes));
    // List files (the OFAC set is ~20 MB) have their own, larger limit.
    let imports = Router::new()
        .route(
            "/v1/lists/{source}/import",
            needs(ImportLists, post(lists::import)),
        )
        .layer(DefaultBodyLimit::max(state.limits.max_import_bytes))
        .layer(RequestBodyLimitLayer::new(state.limits.max_import_bytes));
    let screener = api
        .merge(imports)
        .route_layer(middleware::from_fn_with_state(state.clone(), authenticate));
    // yente's API: authenticated and checked like the rest, its errors in yente's shape.
    let yente = yente::router()
        .route_layer(middleware::from_fn_with_state(Screen, check_permission))
        .route_layer(middleware::from_fn_with_state(state.clone(), authenticate))
        .layer(middleware::map_response(yente::detail_errors));
    Router::new()
        .merge(screener)
        .merge(yente)
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(health::metrics))
        .route("/openapi.json", get(crate::openapi::openapi))
        .fallback(not_found)
        .with_state(state.clone())
        // TAXII 2.1 for partner agencies (vigil-share), with its own partner auth.
        .merge(
            vigil_share::taxii_router(vigil_share::TaxiiConfig {
                data_dir: state.data_dir.clone(),
                title: "Vigil TAXII 2.1".into(),
                // Half the body limit (at most 10 MiB): oversized posts get TAXII's own 413.
                max_content_length: (state.limits.max_body_bytes / 2).min(10 << 20),
            })
            .layer(RequestBodyLimitLayer::new(state.limits.max_body_bytes)),
        )
        // Outermost, so TAXII requests are counted and logged too.
        .layer(middleware::from_fn_with_state(state.clone(), observe))
}

/// Authenticates every API request and passes the caller on to the route's permission
/// check ([`needs`]) and handler.
async fn authenticate(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let caller = state.auth.authenticate(req.headers())?;
    req.extensions_mut().insert(caller);
    Ok(next.run(req).await)
}

/// The route, answered only for callers whose role has `permission` (403 otherwise).
/// Every API route is declared through this, so the table above is the whole policy.
fn needs(permission: Permission, route: MethodRouter<AppState>) -> MethodRouter<AppState> {
    route.route_layer(middleware::from_fn_with_state(permission, check_permission))
}

/// The check behind [`needs`]: the authenticated caller's role must have the permission.
async fn check_permission(
    State(permission): State<Permission>,
    req: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let caller = req
        .extensions()
        .get::<Caller>()
        .ok_or_else(|| ApiError::internal("a route was reached without authentication"))?;
    auth::require(caller, permission)?;
    Ok(next.run(req).await)
}

/// Counts requests, records their latency by route, and writes the access log with the
/// request id, which the response echoes.
async fn observe(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".into());
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let request_id = crate::access::request_id(req.headers());
    let started = Instant::now();
    let mut response = next.run(req).await;
    crate::access::log(&crate::access::AccessRecord {
        request_id: &request_id,
        method: &method,
        path: &path,
        route: &route,
        status: response.status(),
        elapsed: started.elapsed(),
    });
    response
        .headers_mut()
        .insert(crate::access::REQUEST_ID, request_id);
    let method = method.to_string();
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
pub fn audit_summary(
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
