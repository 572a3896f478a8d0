//! API errors: every failure is a JSON body `{"error": {"status", "message", "field"?}}`
//! with a 4xx for bad input and a 5xx only for faults of the service itself.

use axum::http::StatusCode;
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
        ApiError { status, message: message.into(), field: None }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn field(field: impl Into<String>, message: impl Into<String>) -> ApiError {
        let field = field.into();
        let message = format!("field `{field}`: {}", message.into());
        ApiError { status: StatusCode::BAD_REQUEST, message, field: Some(field) }
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    pub fn unavailable(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, message)
    }

    pub fn internal(err: impl std::fmt::Display) -> ApiError {
        tracing::error!("internal error: {err}");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error; see the server log")
    }
}

impl From<vigil_core::QueryError> for ApiError {
    fn from(err: vigil_core::QueryError) -> ApiError {
        match &err {
            vigil_core::QueryError::Field { field, .. } => {
                ApiError { status: StatusCode::BAD_REQUEST, message: err.to_string(), field: Some((*field).to_owned()) }
            }
            _ => ApiError { status: StatusCode::BAD_REQUEST, message: err.to_string(), field: Some("name".into()) },
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
