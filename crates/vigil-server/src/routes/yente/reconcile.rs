//! The W3C Reconciliation API 0.2 as yente serves it (`/reconcile/{dataset}`), for
//! OpenRefine: `GET` is the service manifest, `POST` with a form field `queries` (JSON)
//! reconciles a batch with the same matching as `/match`. Suggest and extend services
//! are not served, so the manifest does not announce them.

use super::matching::match_one;
use super::params::{check_algorithm, MatchParams};
use super::request::EntityExample;
use super::scope::Scope;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::routes::{audit, served};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

const TYPES: [(&str, &str); 5] = [
    ("Person", "People"),
    ("Organization", "Organizations"),
    ("LegalEntity", "Legal entities"),
    ("Vessel", "Vessels"),
    ("Airplane", "Airplanes"),
];

pub async fn manifest(
    State(state): State<AppState>,
    Path(dataset): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let served = served(&state)?;
    Scope::new(&served, &dataset, &Default::default())?;
    let types: Vec<Value> = TYPES
        .iter()
        .map(|(id, name)| json!({"id": id, "name": name}))
        .collect();
    Ok(Json(json!({
        "versions": ["0.2"],
        "name": format!("{dataset} (Vigil)"),
        "identifierSpace": "https://followthemoney.tech/explorer/schemata/",
        "schemaSpace": "https://followthemoney.tech/explorer/schemata/",
        "batchSize": 10,
        "defaultTypes": types,
    })))
}

/// One reconciliation query (the spec's 0.2 structure, as yente reads it).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReconQuery {
    #[serde(default)]
    query: Option<String>,
    #[serde(default)]
    r#type: Option<TypeNames>,
    #[serde(default = "default_limit")]
    limit: usize,
    #[serde(default)]
    properties: Vec<PropertyValue>,
    /// OpenRefine sends it; `should` is what yente does anyway.
    #[serde(default)]
    #[allow(dead_code)]
    type_strict: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum TypeNames {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
struct PropertyValue {
    pid: String,
    v: Value,
}

fn default_limit() -> usize {
    5
}

pub async fn reconcile(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(dataset): Path<String>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Result<Response, ApiError> {
    let mut params = MatchParams::parse(None)?;
    params.cutoff = 0.0;
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match key.as_ref() {
            "algorithm" => check_algorithm(&value)?,
            "changed_since" => params.filters.set(&key, value.into_owned())?,
            other => {
                return Err(super::params::invalid(
                    other,
                    "not a parameter of /reconcile".into(),
                ))
            }
        }
    }
    let form: BTreeMap<String, String> = form_urlencoded::parse(&body).into_owned().collect();
    if form.get("extend").is_some_and(|e| !e.trim().is_empty()) {
        return Err(ApiError::bad_request(
            "data extension is not served by Vigil",
        ));
    }
    let queries = form.get("queries").ok_or_else(|| {
        ApiError::new(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            "form field `queries` is required",
        )
    })?;
    let batch: BTreeMap<String, ReconQuery> = super::parse_body(queries.as_bytes())?;
    if batch.len() > state.limits.max_batch {
        let message = format!(
            "Too many queries in one batch (limit: {})",
            state.limits.max_batch
        );
        return Err(ApiError::bad_request(message));
    }
    let served = served(&state)?;
    let scope = Scope::new(&served, &dataset, &params.filters)?;
    let mut answers = serde_json::Map::new();
    for (key, recon) in &batch {
        let example = to_example(recon);
        let queries = example.to_queries(key)?;
        let limited = MatchParams {
            limit: recon.limit.min(super::params::MAX_LIMIT),
            ..params.clone()
        };
        let (_, results) = match_one(&served, &queries, &limited, &scope);
        let result: Vec<Value> = results.iter().map(freebase_entity).collect();
        answers.insert(key.clone(), json!({ "result": result }));
    }
    state.metrics.screened_queries.inc_by(batch.len() as u64);
    let answer = Value::Object(answers);
    audit(
        &state,
        &caller,
        "reconcile",
        &served,
        json!(queries),
        &answer,
    );
    Ok(([("x-batch-size", batch.len().to_string())], Json(answer)).into_response())
}

/// yente's reading: `query` is the name, `type` the schema, each property by FtM name.
fn to_example(recon: &ReconQuery) -> EntityExample {
    let schema = match &recon.r#type {
        Some(TypeNames::One(s)) => s.clone(),
        Some(TypeNames::Many(many)) => many.first().cloned().unwrap_or_else(|| "Thing".into()),
        None => "Thing".into(),
    };
    let mut properties: BTreeMap<String, Vec<String>> = BTreeMap::new();
    if let Some(name) = recon.query.as_ref().filter(|q| !q.trim().is_empty()) {
        properties
            .entry("name".into())
            .or_default()
            .push(name.clone());
    }
    for p in &recon.properties {
        // `Person:birthDate` is a qualified name; the property is the part after `:`.
        let name = p.pid.rsplit(':').next().unwrap_or(&p.pid).to_owned();
        let values = match &p.v {
            Value::Array(items) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            Value::String(s) => vec![s.clone()],
            other => vec![other.to_string()],
        };
        properties.entry(name).or_default().extend(values);
    }
    EntityExample {
        id: None,
        schema,
        properties,
    }
}

/// yente's `FreebaseScoredEntity`, from a `/match` result.
fn freebase_entity(result: &Value) -> Value {
    let schema = result["schema"].as_str().unwrap_or("Thing");
    json!({
        "id": result["id"],
        "name": result["caption"],
        "description": schema,
        "type": [{"id": schema, "name": schema}],
        "score": result["score"],
        "match": result["match"],
    })
}
