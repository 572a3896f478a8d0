//! Liveness, readiness and Prometheus metrics.

use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde_json::json;

pub async fn healthz() -> impl IntoResponse {
    Json(json!({"status": "ok"}))
}

/// Ready once an index is loaded; reports its size and list versions.
pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match state.served() {
        Some(served) => (
            StatusCode::OK,
            Json(json!({"status": "ready", "entities": served.index.len(), "lists": served.lists})),
        ),
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"status": "loading"})),
        ),
    }
}

/// OpenMetrics by default; the Prometheus text format when the scraper's `Accept` asks
/// for `text/plain` and not for OpenMetrics.
pub async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> impl IntoResponse {
    set_list_ages(&state);
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if accept.contains("text/plain") && !accept.contains("application/openmetrics-text") {
        let content_type = "text/plain; version=0.0.4; charset=utf-8";
        return (
            [(header::CONTENT_TYPE, content_type)],
            state.metrics.render_prometheus(),
        );
    }
    let content_type = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    (
        [(header::CONTENT_TYPE, content_type)],
        state.metrics.render(),
    )
}

fn set_list_ages(state: &AppState) {
    let Some(served) = state.served() else {
        return;
    };
    let now = chrono::Utc::now();
    state.metrics.list_age.clear();
    for list in &served.lists {
        if let Ok(at) = chrono::DateTime::parse_from_rfc3339(&list.imported_at) {
            let age = (now - at.with_timezone(&chrono::Utc)).num_milliseconds() as f64 / 1000.0;
            let labels = crate::metrics::SourceLabels {
                source: list.source.clone(),
            };
            state
                .metrics
                .list_age
                .get_or_create(&labels)
                .set(age.max(0.0));
        }
    }
}
