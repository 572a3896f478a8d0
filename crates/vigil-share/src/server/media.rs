//! Media types: every response is `application/taxii+json;version=2.1`; requests must
//! accept it (406 otherwise) and POST bodies must be it (415 otherwise).

use super::error::TaxiiError;
use axum::http::{header, HeaderMap, StatusCode};

pub const TAXII_MEDIA_TYPE: &str = "application/taxii+json;version=2.1";

/// Splits `type/subtype; k=v; ...` into the lowercased type and its `version` parameter.
fn parse(media: &str) -> (String, Option<String>) {
    let mut parts = media.split(';');
    let kind = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let version = parts
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("version"))
        .map(|(_, v)| v.trim().trim_matches('"').to_owned());
    (kind, version)
}

/// True for TAXII JSON at version 2.1 (no version means the latest, 2.1).
fn is_taxii21(media: &str) -> bool {
    let (kind, version) = parse(media);
    kind == "application/taxii+json" && version.is_none_or(|v| v == "2.1")
}

/// 406 unless the `Accept` header (when sent) admits TAXII 2.1 JSON.
pub fn check_accept(headers: &HeaderMap) -> Result<(), TaxiiError> {
    let Some(accept) = headers.get(header::ACCEPT) else {
        return Ok(());
    };
    let accept = accept.to_str().unwrap_or("");
    let ok = accept.split(',').any(|range| {
        let (kind, _) = parse(range);
        is_taxii21(range) || kind == "*/*" || kind == "application/*"
    });
    if ok {
        Ok(())
    } else {
        Err(TaxiiError::new(
            StatusCode::NOT_ACCEPTABLE,
            "Not acceptable",
            format!("this server answers only {TAXII_MEDIA_TYPE}; the request accepts {accept:?}"),
        ))
    }
}

/// 415 unless a POST body is TAXII 2.1 JSON.
pub fn check_content_type(headers: &HeaderMap) -> Result<(), TaxiiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if is_taxii21(content_type) {
        Ok(())
    } else {
        Err(TaxiiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Unsupported media type",
            format!("send objects as {TAXII_MEDIA_TYPE}, not {content_type:?}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> Result<(), TaxiiError> {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT, value.parse().unwrap());
        check_accept(&h)
    }

    #[test]
    fn accepts_taxii_21_and_wildcards_only() {
        assert!(accept("application/taxii+json;version=2.1").is_ok());
        assert!(accept("application/taxii+json; version=2.1").is_ok());
        assert!(accept("application/taxii+json").is_ok());
        assert!(accept("text/html, */*;q=0.1").is_ok());
        assert_eq!(
            accept("application/taxii+json;version=2.0")
                .unwrap_err()
                .status,
            406
        );
        assert_eq!(accept("application/json").unwrap_err().status, 406);
        assert!(check_accept(&HeaderMap::new()).is_ok());
    }
}
