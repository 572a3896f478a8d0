//! `POST /v1/screen` (one query or `{"queries": [...]}`) and `POST /v1/compare`.

use crate::auth::Caller;
use crate::error::ApiError;
use crate::json::{parse, JsonBody, StrictJson};
use crate::routes::{audit_action, audit_summary, served};
use crate::state::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use vigil_core::{Query, Schema};
use vigil_match::{Match, ScreenOptions, DEFAULT_THRESHOLD};

/// One query as the CLI's batch CSV has it.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScreenQuery {
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub schema: Option<String>,
    #[serde(default)]
    pub birth_date: Option<String>,
    #[serde(default)]
    pub nationality: Option<String>,
    #[serde(default)]
    pub id_number: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Batch {
    queries: Vec<ScreenQuery>,
    #[serde(default)]
    threshold: Option<f64>,
    #[serde(default)]
    limit: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct QueryResults {
    pub query_id: String,
    pub results: Vec<Match>,
}

pub fn to_query(q: &ScreenQuery) -> Result<Query, vigil_core::QueryError> {
    Query::from_fields(
        &q.name,
        q.schema.as_deref(),
        q.birth_date.as_deref(),
        q.nationality.as_deref(),
        q.id_number.as_deref(),
    )
}

pub fn options(threshold: Option<f64>, limit: Option<usize>) -> Result<ScreenOptions, ApiError> {
    let threshold = threshold.unwrap_or(DEFAULT_THRESHOLD);
    if !(0.0..=1.0).contains(&threshold) {
        return Err(ApiError::field("threshold", "must lie in [0, 1]"));
    }
    let limit = limit.unwrap_or(10);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::field("limit", "must lie in 1..=100"));
    }
    Ok(ScreenOptions { threshold, limit })
}

/// A single query object, or `{"queries": [...], "threshold"?, "limit"?}` with up to the
/// configured batch size. The response has the CLI's shape: `{query_id, results}` per query.
pub async fn screen(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    let value: Value = parse(&body)?;
    let is_batch = value.get("queries").is_some();
    let (queries, opts) = if is_batch {
        let batch: Batch = parse(&body)?;
        if batch.queries.len() > state.limits.max_batch {
            return Err(ApiError::field(
                "queries",
                format!("at most {} queries per request", state.limits.max_batch),
            ));
        }
        (batch.queries, options(batch.threshold, batch.limit)?)
    } else {
        let single: ScreenQuery = parse(&body)?;
        (vec![single], options(None, None)?)
    };
    let parsed = queries
        .iter()
        .enumerate()
        .map(|(i, q)| {
            to_query(q).map_err(|e| {
                // `ApiError::field` names the field itself: the message only, said once.
                let (field, e) = match e {
                    vigil_core::QueryError::Field { field, message } => (field, message),
                    other => ("name", other.to_string()),
                };
                let path = if is_batch {
                    format!("queries[{i}].{field}")
                } else {
                    field.into()
                };
                ApiError::field(path, e)
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let served = served(&state)?;
    let ids = queries
        .iter()
        .enumerate()
        .map(|(i, q)| q.id.clone().unwrap_or_else(|| i.to_string()));
    let ids: Vec<String> = ids.collect();
    let run = {
        let served = served.clone();
        move || {
            ids.into_iter()
                .zip(&parsed)
                .map(|(query_id, query)| QueryResults {
                    query_id,
                    results: served.index.screen(query, &opts),
                })
                .collect::<Vec<_>>()
        }
    };
    // Large batches leave the async workers free for other requests.
    let responses = if queries.len() > 16 {
        tokio::task::spawn_blocking(run)
            .await
            .map_err(ApiError::internal)?
    } else {
        run()
    };
    state
        .metrics
        .screened_queries
        .inc_by(responses.len() as u64);
    audit_summary(
        &state,
        &caller,
        "screen",
        &served,
        json!(queries),
        summary(&responses),
    );
    // Serialised straight from the results: going through a `Value` would copy every
    // explanation tree once more per request.
    Ok(if is_batch {
        Json(BatchResults { responses }).into_response()
    } else {
        let single = responses
            .into_iter()
            .next()
            .ok_or_else(|| ApiError::internal("no result"))?;
        Json(single).into_response()
    })
}

#[derive(Serialize)]
struct BatchResults {
    responses: Vec<QueryResults>,
}

/// What the audit trail keeps of an answer: each result's id, name and score, built
/// directly rather than by serialising the explanations and then dropping them.
pub fn summary(responses: &[QueryResults]) -> Value {
    let summary = |m: &Match| {
        json!({
            "entity_id": m.entity_id,
            "caption": m.caption,
            "matched_name": m.matched_name,
            "schema": m.schema,
            "score": m.score,
        })
    };
    let queries = responses.iter().map(|r| {
        json!({ "query_id": r.query_id, "results": r.results.iter().map(summary).collect::<Vec<_>>() })
    });
    Value::Array(queries.collect())
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CompareRequest {
    pub name1: String,
    pub name2: String,
    #[serde(default)]
    pub schema: Option<String>,
}

pub async fn compare(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    StrictJson(req): StrictJson<CompareRequest>,
) -> Result<Json<Value>, ApiError> {
    let schema = req
        .schema
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.parse::<Schema>())
        .transpose()
        .map_err(|e| ApiError::field("schema", e))?;
    for (field, name) in [("name1", &req.name1), ("name2", &req.name2)] {
        Query::name(name.as_str())
            .validate()
            .map_err(|e| ApiError::field(field, e.to_string()))?;
    }
    let comparison = vigil_match::compare(&req.name1, &req.name2, schema);
    let request = json!({ "name1": req.name1, "name2": req.name2, "schema": req.schema });
    let response = json!({ "score": comparison.score });
    audit_action(&state, &caller, "compare", request, response);
    Ok(Json(
        serde_json::to_value(comparison).map_err(ApiError::internal)?,
    ))
}
