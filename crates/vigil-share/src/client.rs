//! A small TAXII 2.1 client (ureq): discovery, collections, and paging through objects.

use crate::server::TAXII_MEDIA_TYPE;
use crate::ShareError;
use base64::Engine;
use serde_json::Value;
use std::time::Duration;

pub struct TaxiiClient {
    agent: ureq::Agent,
    authorization: String,
}

/// One page of objects.
#[derive(Debug, Default)]
pub struct Page {
    pub objects: Vec<Value>,
    pub more: bool,
    pub next: Option<String>,
    /// `X-TAXII-Date-Added-Last`: where the next pull resumes.
    pub date_added_last: Option<String>,
}

/// `reference` resolved against `base` (absolute URLs, absolute paths, relative paths).
pub fn resolve(base: &str, reference: &str) -> String {
    if reference.starts_with("http://") || reference.starts_with("https://") {
        return reference.to_owned();
    }
    if let Some(path) = reference.strip_prefix('/') {
        let origin_end = base
            .find("://")
            .and_then(|i| base[i + 3..].find('/').map(|j| i + 3 + j))
            .unwrap_or(base.len());
        return format!("{}/{path}", &base[..origin_end]);
    }
    format!("{}/{reference}", base.trim_end_matches('/'))
}

fn with_slash(url: &str) -> String {
    format!("{}/", url.trim_end_matches('/'))
}

impl TaxiiClient {
    /// HTTP Basic with `user`, or `Bearer PASSWORD` without one.
    pub fn new(user: Option<&str>, password: &str) -> TaxiiClient {
        let authorization = match user {
            Some(user) => format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
            ),
            None => format!("Bearer {password}"),
        };
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build()
            .new_agent();
        TaxiiClient {
            agent,
            authorization,
        }
    }

    fn get(
        &self,
        url: &str,
        query: &[(&str, &str)],
    ) -> Result<(Value, Option<String>), ShareError> {
        let http = |message: String| ShareError::Http {
            url: url.to_owned(),
            message,
        };
        let mut request = self
            .agent
            .get(url)
            .header("Accept", TAXII_MEDIA_TYPE)
            .header("Authorization", &self.authorization);
        for (k, v) in query {
            request = request.query(*k, *v);
        }
        let mut response = request.call().map_err(|e| http(e.to_string()))?;
        let status = response.status().as_u16();
        let date_added_last = response
            .headers()
            .get("X-TAXII-Date-Added-Last")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let text = response
            .body_mut()
            .with_config()
            .limit(256 * 1024 * 1024)
            .read_to_string()
            .map_err(|e| http(format!("reading the answer: {e}")))?;
        let body: Value = if text.trim().is_empty() {
            Value::Object(Default::default())
        } else {
            serde_json::from_str(&text)
                .map_err(|e| http(format!("HTTP {status}: the answer is not JSON: {e}")))?
        };
        if !(200..300).contains(&status) {
            let title = body.get("title").and_then(Value::as_str).unwrap_or("error");
            let description = body
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or("");
            return Err(http(format!("HTTP {status}: {title}: {description}")));
        }
        Ok((body, date_added_last))
    }

    /// The default API root announced at a discovery URL (`https://host/taxii2/`); a URL
    /// that is itself an API root is returned as is.
    pub fn api_root(&self, url: &str) -> Result<String, ShareError> {
        let url = with_slash(url);
        let (body, _) = self.get(&url, &[])?;
        if body.get("versions").is_some() {
            return Ok(url);
        }
        let root = body
            .get("default")
            .and_then(Value::as_str)
            .or_else(|| body.get("api_roots")?.as_array()?.first()?.as_str())
            .ok_or_else(|| ShareError::Http {
                url: url.clone(),
                message: "discovery names no API root".into(),
            })?;
        Ok(with_slash(&resolve(&url, root)))
    }

    /// The URL of the collection whose id, alias or title is `name`.
    pub fn collection_url(&self, api_root: &str, name: &str) -> Result<String, ShareError> {
        let url = format!("{api_root}collections/");
        let (body, _) = self.get(&url, &[])?;
        let collections = body
            .get("collections")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let field = |c: &Value, k: &str| c.get(k).and_then(Value::as_str).map(str::to_owned);
        let found = collections
            .iter()
            .find(|c| field(c, "id").as_deref() == Some(name))
            .or_else(|| {
                collections
                    .iter()
                    .find(|c| field(c, "alias").as_deref() == Some(name))
            })
            .or_else(|| {
                collections
                    .iter()
                    .find(|c| field(c, "title").as_deref() == Some(name))
            });
        let Some(found) = found else {
            let names: Vec<String> = collections
                .iter()
                .filter_map(|c| field(c, "alias").or(field(c, "title")))
                .collect();
            return Err(ShareError::Http {
                url,
                message: format!(
                    "no collection {name:?} readable with these credentials (readable: {names:?})"
                ),
            });
        };
        if found.get("can_read") != Some(&Value::Bool(true)) {
            return Err(ShareError::Http {
                url,
                message: format!("collection {name:?} is not readable with these credentials"),
            });
        }
        Ok(format!("{url}{}/", field(found, "id").unwrap_or_default()))
    }

    /// One page of a collection's objects.
    pub fn objects(
        &self,
        collection_url: &str,
        added_after: Option<&str>,
        next: Option<&str>,
        limit: usize,
    ) -> Result<Page, ShareError> {
        let limit = limit.to_string();
        let mut query = vec![("limit", limit.as_str())];
        if let Some(after) = added_after {
            query.push(("added_after", after));
        }
        if let Some(next) = next {
            query.push(("next", next));
        }
        let (body, date_added_last) = self.get(&format!("{collection_url}objects/"), &query)?;
        Ok(Page {
            objects: body
                .get("objects")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
            more: body.get("more").and_then(Value::as_bool).unwrap_or(false),
            next: body.get("next").and_then(Value::as_str).map(str::to_owned),
            date_added_last,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_references_like_a_browser() {
        let base = "https://partner-a.example/taxii2/";
        assert_eq!(
            resolve(base, "/taxii2/vigil/"),
            "https://partner-a.example/taxii2/vigil/"
        );
        assert_eq!(
            resolve(base, "vigil/"),
            "https://partner-a.example/taxii2/vigil/"
        );
        assert_eq!(resolve(base, "http://other/x/"), "http://other/x/");
    }
}
