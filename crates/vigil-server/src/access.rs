//! Request ids and the access log: every request gets an id (the caller's `X-Request-Id`
//! when it is a sensible token, else a new UUID), echoed in the response and written with
//! one access log line per request (target `vigil::access`). The log has the path but not
//! the query string, which may carry the names being screened.

use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use std::time::Duration;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The caller's request id if it is 1 to 128 characters of `[A-Za-z0-9._:-]`, else a new
/// one: an id from outside ends up in logs, so anything else is not trusted.
pub fn request_id(headers: &HeaderMap) -> HeaderValue {
    let given = headers
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|id| (1..=128).contains(&id.len()) && id.bytes().all(is_id_byte));
    match given.and_then(|id| HeaderValue::from_str(id).ok()) {
        Some(id) => id,
        None => HeaderValue::from_str(&uuid::Uuid::new_v4().to_string())
            .unwrap_or(HeaderValue::from_static("unknown")),
    }
}

fn is_id_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-')
}

pub struct AccessRecord<'a> {
    pub request_id: &'a HeaderValue,
    pub method: &'a Method,
    pub path: &'a str,
    pub route: &'a str,
    pub status: StatusCode,
    pub elapsed: Duration,
}

pub fn log(record: &AccessRecord<'_>) {
    tracing::info!(
        target: "vigil::access",
        request_id = record.request_id.to_str().unwrap_or_default(),
        method = %record.method,
        path = record.path,
        route = record.route,
        status = record.status.as_u16(),
        duration_ms = record.elapsed.as_secs_f64() * 1000.0,
        "request"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_sensible_ids_and_replaces_others() {
        let mut headers = HeaderMap::new();
        headers.insert(&REQUEST_ID, HeaderValue::from_static("abc-123:x"));
        assert_eq!(request_id(&headers), "abc-123:x");
        headers.insert(&REQUEST_ID, HeaderValue::from_static("bad id\"<script>"));
        let fresh = request_id(&headers);
        assert_eq!(fresh.len(), 36);
        headers.insert(
            &REQUEST_ID,
            HeaderValue::from_str(&"a".repeat(129)).unwrap(),
        );
        assert_eq!(request_id(&headers).len(), 36);
    }
}
