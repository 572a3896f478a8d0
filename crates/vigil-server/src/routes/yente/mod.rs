//! The yente API (OpenSanctions' matching service), so yente clients work against Vigil
//! unchanged: its routes, request models and response models, with errors as yente's
//! `{"detail": ...}`. One file per endpoint; `params`, `request`, `scope` and `entity`
//! hold what they share.

mod catalog;
mod entities;
mod entity;
mod matching;
mod params;
mod reconcile;
mod request;
mod scope;
mod search;

use crate::error::ApiError;
use crate::state::AppState;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

/// The yente routes; the caller adds authentication.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/match/{dataset}", post(matching::match_entities))
        .route("/entities/{id}", get(entities::entity))
        .route("/search/{dataset}", get(search::search))
        .route("/catalog", get(catalog::catalog))
        .route("/algorithms", get(catalog::algorithms))
        .route(
            "/reconcile/{dataset}",
            get(reconcile::manifest).post(reconcile::reconcile),
        )
}

/// Reads a JSON body as FastAPI does: a body that does not fit the model is a 422.
fn parse_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    crate::json::parse(body).map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.message))
}

/// Rewrites error bodies on the yente routes into yente's `{"detail": message}`, whichever
/// layer produced them: Vigil's `{"error": {"message", ...}}` (auth, handlers) or the plain
/// text of axum's extractors and the body-size limit.
pub async fn detail_errors(response: Response) -> Response {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 64 << 10)
        .await
        .unwrap_or_default();
    let parsed: Value = serde_json::from_slice(&bytes).unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes);
    let detail = match (parsed["error"]["message"].as_str(), text.trim()) {
        (Some(message), _) => message.to_owned(),
        (None, "") => status.canonical_reason().unwrap_or("error").to_owned(),
        (None, text) => text.to_owned(),
    };
    let mut rewritten = (status, Json(json!({ "detail": detail }))).into_response();
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            rewritten.headers_mut().append(name, value.clone());
        }
    }
    rewritten
}
