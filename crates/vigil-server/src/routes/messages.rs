//! Message screening over HTTP: `POST /v1/payments/screen` (ISO 20022 or MT103 in the body)
//! and `POST /v1/travel/screen` (a PAXLST or CSV manifest in the body).
//! The same library calls as the CLI; unreadable messages are a 422, never a pass.

use crate::auth::Caller;
use crate::error::ApiError;
use crate::routes::{audit, served};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::{json, Value};
use vigil_formats::payments::{PaymentsError, PaymentsOptions};
use vigil_formats::travel::TravelOptions;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageParams {
    threshold: Option<f64>,
}

fn threshold(params: &MessageParams) -> Result<f64, ApiError> {
    let t = params.threshold.unwrap_or(vigil_match::DEFAULT_THRESHOLD);
    if (0.0..=1.0).contains(&t) {
        Ok(t)
    } else {
        Err(ApiError::field("threshold", "must lie in [0, 1]"))
    }
}

pub async fn payments(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(params): Query<MessageParams>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let options = PaymentsOptions {
        threshold: threshold(&params)?,
        ..PaymentsOptions::default()
    };
    let served = served(&state)?;
    let index = served.clone();
    let bytes = body.clone();
    let report = tokio::task::spawn_blocking(move || {
        vigil_formats::payments::screen_bytes(&index.index, &bytes, &options)
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(|e| match e {
        PaymentsError::NoLists => ApiError::unavailable(e.to_string()),
        other => ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, other.to_string()),
    })?;
    let request = json!({ "bytes": body.len(), "message": String::from_utf8_lossy(&body) });
    audit(
        &state,
        &caller,
        "payments_screen",
        &served,
        request,
        &report,
    );
    Ok(Json(
        serde_json::to_value(&report).map_err(ApiError::internal)?,
    ))
}

pub async fn travel(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(params): Query<MessageParams>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let options = TravelOptions {
        review_threshold: threshold(&params)?,
        ..TravelOptions::default()
    };
    let served = served(&state)?;
    let index = served.clone();
    let bytes = body.clone();
    let report = tokio::task::spawn_blocking(move || {
        vigil_formats::travel::screen_manifest(&index.index, &bytes, &options)
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
    let request = json!({ "bytes": body.len(), "manifest": String::from_utf8_lossy(&body) });
    audit(&state, &caller, "travel_screen", &served, request, &report);
    Ok(Json(
        serde_json::to_value(&report).map_err(ApiError::internal)?,
    ))
}
