//! `GET /openapi.json`: the API description, kept beside the routes it describes.

use axum::http::header;
use axum::response::IntoResponse;

const SPEC: &str = include_str!("openapi.json");

pub async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], SPEC)
}

#[cfg(test)]
mod tests {
    use super::SPEC;
    use serde_json::Value;

    /// Every `.route(PATH, METHOD(...))` of the router, read from its source so a new route
    /// without documentation fails here rather than in a fuzzing run.
    fn routes() -> Vec<(String, String)> {
        // Whitespace folded, so a call rustfmt splits over lines reads like any other.
        let source = [
            include_str!("routes/mod.rs"),
            include_str!("routes/yente/mod.rs"),
        ]
        .concat()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
        let mut found = Vec::new();
        for chunk in source.split(".route(").skip(1) {
            let Some(quoted) = chunk.trim_start().strip_prefix('"') else {
                continue;
            };
            let (path, rest) = quoted
                .split_once('"')
                .expect("route path is a string literal");
            let call = &rest[..rest.find("))").unwrap_or(rest.len())];
            for method in ["get", "post", "put", "delete", "patch"] {
                if call.contains(&format!(" {method}(")) || call.contains(&format!(".{method}(")) {
                    found.push((path.to_owned(), method.to_owned()));
                }
            }
        }
        found
    }

    #[test]
    fn documents_every_route() {
        let spec: Value = serde_json::from_str(SPEC).expect("openapi.json is valid JSON");
        let routes = routes();
        assert!(routes.len() >= 19, "found only {routes:?}");
        for (path, method) in &routes {
            assert!(
                spec["paths"][path][method].is_object(),
                "{method} {path} is served but not in openapi.json"
            );
        }
        // And nothing documented that is not served.
        for (path, item) in spec["paths"].as_object().unwrap() {
            for method in item.as_object().unwrap().keys() {
                assert!(
                    routes.iter().any(|(p, m)| p == path && m == method),
                    "{method} {path} is documented but not served"
                );
            }
        }
    }

    #[test]
    fn every_reference_resolves() {
        let spec: Value = serde_json::from_str(SPEC).unwrap();
        let mut refs = Vec::new();
        collect_refs(&spec, &mut refs);
        assert!(!refs.is_empty());
        for reference in refs {
            let name = reference
                .strip_prefix("#/components/schemas/")
                .expect("local schema ref");
            assert!(
                spec["components"]["schemas"][name].is_object(),
                "dangling {reference}"
            );
        }
    }

    fn collect_refs(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("$ref") {
                    out.push(r.clone());
                }
                map.values().for_each(|v| collect_refs(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
            _ => {}
        }
    }
}
