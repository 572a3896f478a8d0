//! `POST /v1/scan`: listed entities mentioned in a text. The body is the text itself
//! (`text/plain` or `text/html`) or JSON `{"text": "...", "threshold": 0.8}`.

use crate::auth::Caller;
use crate::error::ApiError;
use crate::json::{is_json, media_type, parse, unsupported_media_type};
use crate::routes::{audit, served};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use vigil_match::ScanOptions;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScanRequest {
    text: String,
    #[serde(default)]
    threshold: Option<f64>,
}

pub async fn scan(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let media = media_type(&headers).unwrap_or_default();
    let (text, threshold) = if is_json(&headers) {
        let req: ScanRequest = parse(&body)?;
        (req.text, req.threshold)
    } else if media == "text/plain" || media == "text/html" {
        let text = String::from_utf8(body.to_vec())
            .map_err(|e| ApiError::bad_request(format!("the text is not UTF-8: {e}")))?;
        (text, None)
    } else {
        return Err(unsupported_media_type(&[
            "text/plain",
            "text/html",
            "application/json",
        ]));
    };
    let threshold = threshold.unwrap_or(vigil_match::DEFAULT_THRESHOLD);
    if !(0.0..=1.0).contains(&threshold) {
        return Err(ApiError::field("threshold", "must lie in [0, 1]"));
    }
    let is_html = media == "text/html" || vigil_formats::text::looks_like_html(&text);
    let text = if is_html {
        vigil_formats::text::html_to_text(&text)
    } else {
        text
    };
    let served = served(&state)?;
    let index = served.clone();
    // The audit keeps the text's hash, not the text: enough to prove which document was
    // scanned without copying every article into the log.
    let (mentions, chars, sha256) = tokio::task::spawn_blocking(move || {
        let mentions = index.index.scan(&text, &ScanOptions { threshold });
        (
            mentions,
            text.chars().count(),
            hex::encode(Sha256::digest(text.as_bytes())),
        )
    })
    .await
    .map_err(ApiError::internal)?;
    let answer = json!({ "mentions": mentions });
    let request =
        json!({ "chars": chars, "sha256": sha256, "html": is_html, "threshold": threshold });
    audit(&state, &caller, "scan", &served, request, &answer);
    Ok(Json(answer))
}
