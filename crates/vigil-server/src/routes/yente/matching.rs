//! yente's `POST /match/{dataset}`: FtM example entities in, `EntityMatchResponse` out.
//! Scored by the same `MatchIndex::screen` as every other screening path.

use super::entity::{entity_response, Dates};
use super::params::MatchParams;
use super::request::MatchRequest;
use super::scope::Scope;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::json::JsonBody;
use crate::routes::{audit, served};
use crate::state::{AppState, Served};
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::{json, Value};
use std::collections::HashMap;
use vigil_core::Query;
use vigil_match::{Match, ScreenOptions};

/// Most names and aliases screened in one request, over all its queries.
const MAX_NAMES: usize = 10_000;

pub async fn match_entities(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(dataset): Path<String>,
    RawQuery(query): RawQuery,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    let params = MatchParams::parse(query.as_deref())?;
    let req: MatchRequest = super::parse_body(&body)?;
    check_request(&req, state.limits.max_batch)?;
    let served = served(&state)?;
    let scope = Scope::new(&served, &dataset, &params.filters)?;
    let mut parsed = Vec::with_capacity(req.queries.len());
    for (key, example) in &req.queries {
        parsed.push((key.clone(), example.to_queries(key)?));
    }
    // Each name is one engine query: bound the work one request may ask for.
    let names: usize = parsed.iter().map(|(_, queries)| queries.len()).sum();
    if names > MAX_NAMES {
        let message = format!("{names} names and aliases in all; the limit is {MAX_NAMES}");
        return Err(ApiError::bad_request(message));
    }
    let run = {
        let (served, params) = (served.clone(), params.clone());
        move || {
            parsed
                .into_iter()
                .map(|(key, queries)| (key, match_one(&served, &queries, &params, &scope)))
                .collect::<Vec<_>>()
        }
    };
    // Like /v1/screen: large requests leave the async workers free for other requests.
    let found = if names > 16 {
        tokio::task::spawn_blocking(run)
            .await
            .map_err(ApiError::internal)?
    } else {
        run()
    };
    state.metrics.screened_queries.inc_by(found.len() as u64);
    let mut responses = serde_json::Map::new();
    for (key, (total, results)) in found {
        let example = &req.queries[&key];
        let query =
            json!({"id": example.id, "schema": example.schema, "properties": example.properties});
        let matches = json!({
            "status": 200,
            "results": results,
            "total": {"value": total, "relation": "eq"},
            "query": query,
        });
        responses.insert(key, matches);
    }
    let batch = responses.len();
    let answer = json!({"responses": responses, "limit": params.limit});
    audit(
        &state,
        &caller,
        "match",
        &served,
        json!(req.queries),
        &answer,
    );
    Ok(([("x-batch-size", batch.to_string())], Json(answer)).into_response())
}

/// What yente refuses before matching: no queries, too many, and tuning Vigil's scorer
/// does not have (it has no feature weights or configuration parameters to set).
fn check_request(req: &MatchRequest, max_batch: usize) -> Result<(), ApiError> {
    if req.queries.is_empty() {
        return Err(ApiError::bad_request("No queries provided."));
    }
    if req.queries.len() > max_batch {
        let message = format!("Too many queries in one batch (limit: {max_batch})");
        return Err(ApiError::bad_request(message));
    }
    if let Some(key) = req.config.keys().next() {
        let message = format!("Invalid configuration parameter: {key} for algorithm vigil");
        return Err(ApiError::bad_request(message));
    }
    if let Some(key) = req.weights.keys().next() {
        let message = format!("Invalid weight: {key}; the vigil algorithm has no feature weights");
        return Err(ApiError::new(StatusCode::BAD_REQUEST, message));
    }
    Ok(())
}

/// One example's answer: how many candidates reach the threshold (before `limit`), and the
/// best candidates above the cutoff, best first, at most `limit`.
pub(super) fn match_one(
    served: &Served,
    queries: &[Query],
    params: &MatchParams,
    scope: &Scope,
) -> (usize, Vec<Value>) {
    // Every candidate above the cutoff: `total` counts matches before `limit` applies.
    let wide = ScreenOptions {
        threshold: params.cutoff,
        limit: served.index.len().max(1),
    };
    let mut best: HashMap<&str, Match> = HashMap::new();
    for query in queries {
        for m in served.index.screen(query, &wide) {
            let Some(entity) = served.index.entity(&m.entity_id) else {
                continue;
            };
            let dates = Dates::of(entity, served);
            let keep = m.score > params.cutoff
                && scope.keeps(entity, dates.last_change.as_deref())
                && best
                    .get(entity.id.as_str())
                    .is_none_or(|b| b.score < m.score);
            if keep {
                best.insert(entity.id.as_str(), m);
            }
        }
    }
    let mut ranked: Vec<Match> = best.into_values().collect();
    ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.entity_id.cmp(&b.entity_id))
    });
    let total = ranked
        .iter()
        .filter(|m| m.score >= params.threshold)
        .count();
    let results = ranked
        .iter()
        .take(params.limit)
        .filter_map(|m| {
            Some(scored(
                served.index.entity(&m.entity_id)?,
                m,
                params,
                served,
            ))
        })
        .collect();
    (total, results)
}

/// yente's `ScoredEntityResponse`: the entity, its score, `match` and per-feature
/// explanations (nomenklatura's `FeatureResult`: detail, score, query, candidate).
fn scored(entity: &vigil_core::Entity, m: &Match, params: &MatchParams, served: &Served) -> Value {
    let e = &m.explanation;
    let mut explanations = serde_json::Map::new();
    explanations.insert(
        "name".into(),
        json!({
            "detail": format!("{:?} against {:?}", e.query_normalized, e.name_normalized),
            "score": e.name_score,
            "query": e.query_normalized,
            "candidate": m.matched_name,
        }),
    );
    for step in &e.evidence {
        explanations.insert(
            step.kind.into(),
            json!({"detail": step.detail, "score": step.delta, "query": null, "candidate": null}),
        );
    }
    let mut response = entity_response(entity, served);
    response["score"] = json!(m.score);
    response["match"] = json!(m.score >= params.threshold);
    response["explanations"] = Value::Object(explanations);
    response
}
