//! The JSON body extractors every JSON endpoint uses: one Content-Type rule (415 unless
//! JSON), and malformed JSON, wrong types and unknown fields are a 400 naming the field
//! (axum's own `Json` answers 422 without the path).

use crate::error::ApiError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

pub struct StrictJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for StrictJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let JsonBody(bytes) = JsonBody::from_request(req, state).await?;
        parse(&bytes).map(StrictJson)
    }
}

/// The raw body of a JSON request, for handlers that look at the JSON before choosing its
/// shape (`/v1/screen`: one query or a batch). 415 unless the Content-Type is JSON.
pub struct JsonBody(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(req.headers()) {
            return Err(unsupported_media_type(&["application/json"]));
        }
        read_body(req, state).await.map(JsonBody)
    }
}

/// The one Content-Type rule of the JSON endpoints: `application/json` or any
/// `application/*+json`, parameters (`; charset=utf-8`) allowed, case ignored.
pub fn is_json(headers: &HeaderMap) -> bool {
    media_type(headers).is_some_and(|media| {
        media == "application/json"
            || media
                .strip_prefix("application/")
                .is_some_and(|sub| sub.ends_with("+json") && sub.len() > "+json".len())
    })
}

/// The request's media type without parameters, lowercased; `None` without a header.
pub fn media_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(CONTENT_TYPE)?.to_str().ok()?;
    let media = value.split(';').next().unwrap_or_default().trim();
    Some(media.to_ascii_lowercase())
}

/// 415 naming what the endpoint takes.
pub fn unsupported_media_type(accepted: &[&str]) -> ApiError {
    ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        format!("expected Content-Type: {}", accepted.join(" or ")),
    )
}

/// The whole body, within the route's body limit (413 above it).
pub async fn read_body<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, ApiError> {
    Bytes::from_request(req, state)
        .await
        .map_err(|e| ApiError::new(e.status(), format!("could not read the request body: {e}")))
}

/// Deserialises JSON, naming the path of the first offending field on error.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            ApiError::bad_request(format!("invalid JSON body: {inner}"))
        } else if path == "." {
            // Top-level problems (unknown field, missing field) name the field in the message.
            ApiError::bad_request(inner.to_string())
        } else {
            ApiError::field(path, inner.to_string())
        }
    })
}
