//! API errors: every failure is a JSON body `{"error": {"status", "message", "field"?}}`
//! with a 4xx for bad input and a 5xx only for faults of the service itself.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    pub field: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            field: None,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn field(field: impl Into<String>, message: impl Into<String>) -> ApiError {
        let field = field.into();
        let message = format!("field `{field}`: {}", message.into());
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message,
            field: Some(field),
        }
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    pub fn unavailable(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, message)
    }

    pub fn internal(err: impl std::fmt::Display) -> ApiError {
        tracing::error!("internal error: {err}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error; see the server log",
        )
    }
}

impl From<vigil_core::QueryError> for ApiError {
    fn from(err: vigil_core::QueryError) -> ApiError {
        match &err {
            vigil_core::QueryError::Field { field, .. } => ApiError {
                status: StatusCode::BAD_REQUEST,
                message: err.to_string(),
                field: Some((*field).to_owned()),
            },
            _ => ApiError {
                status: StatusCode::BAD_REQUEST,
                message: err.to_string(),
                field: Some("name".into()),
            },
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({"status": self.status.as_u16(), "message": self.message});
        if let Some(field) = self.field {
            body["field"] = json!(field);
        }
        (self.status, Json(json!({ "error": body }))).into_response()
    }
}

/// Rejections produced outside the handlers (axum's path and query extractors, 405s, the
/// body-size limit) come as plain text or empty bodies; this rewrites every error response
/// that is not JSON into the service's JSON error shape, keeping status and message, so
/// clients can parse every error the same way.
pub async fn json_errors(response: Response) -> Response {
    let status = response.status();
    // The console's pages are HTML on purpose, errors included.
    let is_json_or_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("json") || v.starts_with("text/html"));
    if !(status.is_client_error() || status.is_server_error()) || is_json_or_page {
        return response;
    }
    let (parts, body) = response.into_parts();
    // These bodies are short messages; a longer one is cut rather than read whole.
    let text = axum::body::to_bytes(body, 4096).await.unwrap_or_default();
    let text = String::from_utf8_lossy(&text);
    let message = match text.trim() {
        "" => status.canonical_reason().unwrap_or("error").to_owned(),
        text => text.to_owned(),
    };
    let mut rewritten = ApiError::new(status, message).into_response();
    // Keep headers such as `Allow` on a 405.
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            rewritten.headers_mut().append(name, value.clone());
        }
    }
    rewritten
}
