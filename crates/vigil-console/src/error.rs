//! What a page answers when it cannot do what was asked: sign in first, not your role, a
//! forged form, bad input, or a fault of the service. Always an HTML page, never a panic.

use crate::layout;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use vigil_store::Permission;

#[derive(Debug)]
pub enum PageError {
    /// No valid session: go to the sign-in page, then back to this path.
    SignIn(String),
    Forbidden(Permission),
    Csrf,
    NotFound(String),
    BadRequest(String),
    TooLarge(usize),
    Unavailable(String),
    Internal,
}

impl PageError {
    pub fn internal(err: impl std::fmt::Display) -> PageError {
        tracing::error!("console: internal error: {err}");
        PageError::Internal
    }
}

impl From<vigil_store::StoreError> for PageError {
    fn from(err: vigil_store::StoreError) -> PageError {
        match err {
            vigil_store::StoreError::Invalid(message) => PageError::BadRequest(message),
            other => PageError::internal(other),
        }
    }
}

impl From<vigil_monitor::MonitorError> for PageError {
    fn from(err: vigil_monitor::MonitorError) -> PageError {
        match err {
            vigil_monitor::MonitorError::Store(e) => PageError::from(e),
            other => PageError::BadRequest(other.to_string()),
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (status, title, message) = match self {
            PageError::SignIn(next) => {
                let target = format!("/login?next={}", encode_component(&next));
                return Redirect::to(&target).into_response();
            }
            PageError::Forbidden(p) => (
                StatusCode::FORBIDDEN,
                "Not allowed",
                format!(
                    "To {} you need the {} role or above. Ask an administrator.",
                    p.as_str(),
                    p.least_role()
                ),
            ),
            PageError::Csrf => (
                StatusCode::FORBIDDEN,
                "Form expired",
                "This form is no longer valid (its security token is missing or wrong). \
                 Go back, reload the page and try again."
                    .into(),
            ),
            PageError::NotFound(m) => (StatusCode::NOT_FOUND, "Not found", m),
            PageError::BadRequest(m) => (StatusCode::BAD_REQUEST, "Cannot do that", m),
            PageError::TooLarge(limit) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "File too large",
                format!(
                    "The upload is larger than the {:.1} MiB this console accepts; split the file.",
                    limit as f64 / (1024.0 * 1024.0)
                ),
            ),
            PageError::Unavailable(m) => (StatusCode::SERVICE_UNAVAILABLE, "Not ready", m),
            PageError::Internal => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong",
                "The service hit an internal error; it is in the server log.".into(),
            ),
        };
        let body = html! {
            h1 { (title) }
            p.notice.error role="alert" { (message) }
            p { a href="/screen" { "Back to the console" } }
        };
        let mut response = (status, layout::bare(title, body)).into_response();
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, "no-store".parse().expect("static"));
        response
    }
}

/// Percent-encodes a query-string component.
pub fn encode_component(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
