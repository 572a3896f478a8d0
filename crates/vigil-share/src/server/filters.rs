//! TAXII query parameters: `added_after`, `limit`, `next` and `match[...]` filters, and
//! the opaque paging token. A token carries the last row served and a hash of the
//! filters it was issued for, so a `next` sent with other filters is refused (400).
//! `limit` is not part of the hash: clients (taxii2-client's `as_pages`) change it
//! between pages.

use super::error::TaxiiError;
use crate::time::normalise;
use sha2::{Digest, Sha256};
use vigil_store::VersionMatch;

/// The largest page served, whatever `limit` asks.
pub const MAX_PAGE: usize = 1000;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub added_after: Option<String>,
    pub limit: usize,
    pub after_row: i64,
    pub ids: Vec<String>,
    pub types: Vec<String>,
    pub versions: Vec<VersionMatch>,
    pub spec_versions: Vec<String>,
    /// Hash of the filters, carried in the paging token.
    pub fingerprint: String,
}

impl Filters {
    /// The token for the page after `row`.
    pub fn next_token(&self, row: i64) -> String {
        hex::encode(format!("{row}:{}", self.fingerprint))
    }
}

fn list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Parses the query parameters (pairs as sent). Unknown parameters are ignored, as
/// TAXII asks of filters a server does not support.
pub fn parse(pairs: &[(String, String)]) -> Result<Filters, TaxiiError> {
    let mut f = Filters {
        limit: MAX_PAGE,
        ..Filters::default()
    };
    let mut token = None;
    let mut fingerprint = Sha256::new();
    let mut sorted: Vec<&(String, String)> = pairs.iter().collect();
    sorted.sort();
    for (key, value) in sorted {
        match key.as_str() {
            "limit" => {
                let n: i64 = value.trim().parse().map_err(|_| {
                    TaxiiError::bad_request(format!(
                        "`limit` must be a positive integer, not {value:?}"
                    ))
                })?;
                if n <= 0 {
                    return Err(TaxiiError::bad_request(format!(
                        "`limit` must be at least 1, not {n}"
                    )));
                }
                f.limit = (n as usize).min(MAX_PAGE);
                continue;
            }
            "next" => {
                token = Some(value.clone());
                continue;
            }
            "added_after" => {
                f.added_after = Some(
                    normalise(value)
                        .map_err(|e| TaxiiError::bad_request(format!("`added_after`: {e}")))?,
                );
            }
            "match[id]" => f.ids = list(value),
            "match[type]" => f.types = list(value),
            "match[spec_version]" => f.spec_versions = list(value),
            "match[version]" => {
                f.versions = list(value)
                    .iter()
                    .map(|v| match v.as_str() {
                        "last" => Ok(VersionMatch::Last),
                        "first" => Ok(VersionMatch::First),
                        "all" => Ok(VersionMatch::All),
                        at => normalise(at).map(VersionMatch::At).map_err(|e| {
                            TaxiiError::bad_request(format!(
                                "`match[version]`: expected last, first, all or a timestamp: {e}"
                            ))
                        }),
                    })
                    .collect::<Result<_, _>>()?;
            }
            _ => continue,
        }
        fingerprint.update(key.as_bytes());
        fingerprint.update([0]);
        fingerprint.update(value.as_bytes());
        fingerprint.update([0]);
    }
    let fingerprint = hex::encode(&fingerprint.finalize()[..8]);
    if let Some(token) = token {
        let (row, issued_for) = decode_token(&token).ok_or_else(|| {
            TaxiiError::bad_request(format!(
                "`next` token {token:?} is not one this server issued"
            ))
        })?;
        if issued_for != fingerprint {
            return Err(TaxiiError::bad_request(
                "`next` was issued for other filters: repeat the request's filters unchanged, or start again without `next`",
            ));
        }
        f.after_row = row;
    }
    f.ids.sort();
    f.ids.dedup();
    f.fingerprint = fingerprint;
    Ok(f)
}

fn decode_token(token: &str) -> Option<(i64, String)> {
    let text = String::from_utf8(hex::decode(token.trim()).ok()?).ok()?;
    let (row, fingerprint) = text.split_once(':')?;
    Some((
        row.parse().ok().filter(|r: &i64| *r >= 0)?,
        fingerprint.to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn tokens_resume_only_with_the_same_filters() {
        let first = parse(&pairs(&[("match[type]", "identity"), ("limit", "2")])).unwrap();
        let token = first.next_token(42);
        let next = parse(&pairs(&[
            ("match[type]", "identity"),
            ("limit", "5"),
            ("next", &token),
        ]))
        .unwrap();
        assert_eq!(next.after_row, 42);
        assert_eq!(next.limit, 5);
        let err = parse(&pairs(&[("match[type]", "threat-actor"), ("next", &token)])).unwrap_err();
        assert_eq!(err.status, 400);
        assert_eq!(parse(&pairs(&[("next", "zz")])).unwrap_err().status, 400);
    }

    #[test]
    fn limits_and_versions() {
        assert_eq!(parse(&pairs(&[("limit", "0")])).unwrap_err().status, 400);
        assert_eq!(parse(&pairs(&[("limit", "-3")])).unwrap_err().status, 400);
        assert_eq!(parse(&pairs(&[("limit", "5000")])).unwrap().limit, MAX_PAGE);
        let f = parse(&pairs(&[("match[version]", "first,2024-01-01T00:00:00Z")])).unwrap();
        assert_eq!(
            f.versions,
            vec![
                VersionMatch::First,
                VersionMatch::At("2024-01-01T00:00:00.000000Z".into())
            ]
        );
        assert_eq!(
            parse(&pairs(&[("match[version]", "newest")]))
                .unwrap_err()
                .status,
            400
        );
        assert_eq!(
            parse(&pairs(&[("added_after", "today")]))
                .unwrap_err()
                .status,
            400
        );
    }

    proptest! {
        #[test]
        fn parse_never_panics(k in "(limit|next|added_after|match\\[version\\]|x)", v in "\\PC{0,30}") {
            let _ = parse(&[(k, v)]);
        }
    }
}
