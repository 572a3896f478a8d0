//! TAXII error messages: `{title, description, http_status, ...}` with the TAXII media
//! type, and `WWW-Authenticate` on 401.

use super::media::TAXII_MEDIA_TYPE;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

#[derive(Debug)]
pub struct TaxiiError {
    pub status: StatusCode,
    pub title: String,
    pub description: String,
    pub details: Option<Value>,
}

impl TaxiiError {
    pub fn new(status: StatusCode, title: &str, description: impl Into<String>) -> TaxiiError {
        TaxiiError {
            status,
            title: title.to_owned(),
            description: description.into(),
            details: None,
        }
    }

    pub fn bad_request(description: impl Into<String>) -> TaxiiError {
        TaxiiError::new(StatusCode::BAD_REQUEST, "Bad request", description)
    }

    pub fn unauthorized(description: impl Into<String>) -> TaxiiError {
        TaxiiError::new(StatusCode::UNAUTHORIZED, "Unauthorized", description)
    }

    pub fn forbidden(description: impl Into<String>) -> TaxiiError {
        TaxiiError::new(StatusCode::FORBIDDEN, "Forbidden", description)
    }

    pub fn not_found(description: impl Into<String>) -> TaxiiError {
        TaxiiError::new(StatusCode::NOT_FOUND, "Not found", description)
    }

    pub fn internal(err: impl std::fmt::Display) -> TaxiiError {
        tracing::error!("TAXII internal error: {err}");
        TaxiiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal error",
            "internal error; see the server log",
        )
    }

    pub fn with_details(mut self, details: Value) -> TaxiiError {
        self.details = Some(details);
        self
    }

    pub fn body(&self) -> Value {
        let mut body = json!({
            "title": self.title,
            "description": self.description,
            "http_status": self.status.as_u16().to_string(),
        });
        if let Some(details) = &self.details {
            body["details"] = details.clone();
        }
        body
    }
}

impl From<vigil_store::StoreError> for TaxiiError {
    fn from(err: vigil_store::StoreError) -> TaxiiError {
        TaxiiError::internal(err)
    }
}

impl IntoResponse for TaxiiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, self.body().to_string()).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(TAXII_MEDIA_TYPE),
        );
        if self.status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"vigil-taxii\", charset=\"UTF-8\""),
            );
        }
        response
    }
}
