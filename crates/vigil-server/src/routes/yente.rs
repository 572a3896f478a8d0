//! yente-compatible `POST /match/{dataset}`: FollowTheMoney queries in, yente's response
//! shape out, so existing yente clients work unchanged.

use crate::auth::Caller;
use crate::error::ApiError;
use crate::json::StrictJson;
use crate::routes::{audit, screen::options, served};
use crate::state::AppState;
use axum::extract::{Path, Query as UrlQuery, State};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use vigil_core::{lookup_country, Entity, PartialDate, Query, Schema};
use vigil_match::{Match, ScreenOptions};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchRequest {
    queries: BTreeMap<String, FtmQuery>,
    /// yente accepts weights and an algorithm name; Vigil has one matcher and ignores them.
    #[serde(default)]
    #[allow(dead_code)]
    weights: Option<Value>,
}

#[derive(Debug, Deserialize, serde::Serialize)]
pub struct FtmQuery {
    schema: String,
    #[serde(default)]
    properties: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
pub struct MatchParams {
    threshold: Option<f64>,
    limit: Option<usize>,
    /// Accepted for compatibility; Vigil has one algorithm.
    #[allow(dead_code)]
    algorithm: Option<String>,
}

/// Most names and aliases screened in one request, over all its queries.
const MAX_NAMES: usize = 10_000;

pub async fn match_entities(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(dataset): Path<String>,
    UrlQuery(params): UrlQuery<MatchParams>,
    StrictJson(req): StrictJson<MatchRequest>,
) -> Result<Json<Value>, ApiError> {
    let served = served(&state)?;
    let source = (dataset != "default").then_some(dataset.as_str());
    if let Some(source) = source {
        if !served.lists.iter().any(|l| l.source == source) {
            return Err(ApiError::not_found(format!(
                "no dataset {source:?}; try `default`"
            )));
        }
    }
    let opts = options(params.threshold, params.limit.or(Some(5)))?;
    if req.queries.len() > state.limits.max_batch {
        let message = format!("at most {} queries per request", state.limits.max_batch);
        return Err(ApiError::field("queries", message));
    }
    let mut parsed = Vec::with_capacity(req.queries.len());
    for (key, ftm) in &req.queries {
        parsed.push((key.clone(), to_queries(key, ftm)?));
    }
    // Each name is one engine query: bound the work one request may ask for.
    let names: usize = parsed.iter().map(|(_, queries)| queries.len()).sum();
    if names > MAX_NAMES {
        let message = format!("{names} names and aliases in all; the limit is {MAX_NAMES}");
        return Err(ApiError::field("queries", message));
    }
    let limit = opts.limit;
    let index = served.clone();
    let source_owned = source.map(str::to_owned);
    let run = move || {
        parsed
            .into_iter()
            .map(|(key, queries)| {
                let found = best_per_entity(&index.index, &queries, &opts, source_owned.as_deref());
                let results: Vec<Value> = found
                    .iter()
                    .filter_map(|m| {
                        index
                            .index
                            .entity(&m.entity_id)
                            .map(|e| result(e, m, opts.threshold))
                    })
                    .collect();
                (key, results)
            })
            .collect::<Vec<_>>()
    };
    // Like /v1/screen: large requests leave the async workers free for other requests.
    let found = if names > 16 {
        tokio::task::spawn_blocking(run)
            .await
            .map_err(ApiError::internal)?
    } else {
        run()
    };
    let mut responses = serde_json::Map::new();
    for (key, results) in found {
        let query = json!(req.queries[&key]);
        responses.insert(
            key,
            json!({
                "status": 200,
                "total": {"value": results.len(), "relation": "eq"},
                "results": results,
                "query": query,
            }),
        );
    }
    let answer = json!({
        "responses": responses,
        "matcher": {"name": "vigil", "version": env!("CARGO_PKG_VERSION")},
        "limit": limit,
    });
    audit(
        &state,
        &caller,
        "match",
        &served,
        json!(req.queries),
        &answer,
    );
    Ok(Json(answer))
}

/// One Vigil query per name; birth dates, nationalities and ids shared between them.
fn to_queries(key: &str, ftm: &FtmQuery) -> Result<Vec<Query>, ApiError> {
    let field = |name: &str| format!("queries.{key}.properties.{name}");
    let schema = match ftm.schema.as_str() {
        "Thing" | "LegalEntity" => None,
        other => Some(
            other
                .parse::<Schema>()
                .map_err(|e| ApiError::field(format!("queries.{key}.schema"), e))?,
        ),
    };
    let values = |name: &str| {
        ftm.properties
            .get(name)
            .map(Vec::as_slice)
            .unwrap_or_default()
    };
    let birth_date = values("birthDate")
        .first()
        .map(|d| {
            lenient_date(d).ok_or_else(|| {
                ApiError::field(field("birthDate"), "expected YYYY, YYYY-MM or YYYY-MM-DD")
            })
        })
        .transpose()?;
    let mut nationalities = Vec::new();
    for n in values("nationality")
        .iter()
        .chain(values("country"))
        .chain(values("citizenship"))
    {
        match lookup_country(n) {
            Some(code) => nationalities.push(code.to_owned()),
            None => {
                return Err(ApiError::field(
                    field("nationality"),
                    format!("unknown country {n:?}"),
                ))
            }
        }
    }
    let id_numbers: Vec<String> = [
        "idNumber",
        "passportNumber",
        "registrationNumber",
        "imoNumber",
        "leiCode",
        "swiftBic",
        "taxNumber",
    ]
    .iter()
    .flat_map(|p| values(p).iter().cloned())
    .collect();
    let names: Vec<&String> = values("name").iter().chain(values("alias")).collect();
    if names.is_empty() {
        return Err(ApiError::field(
            field("name"),
            "at least one name is required",
        ));
    }
    names
        .into_iter()
        .map(|name| {
            let query = Query {
                name: name.clone(),
                schema,
                birth_date,
                nationalities: nationalities.clone(),
                id_numbers: id_numbers.clone(),
            };
            query
                .validate()
                .map_err(|e| ApiError::field(field("name"), e.to_string()))?;
            Ok(query)
        })
        .collect()
}

/// yente clients send full timestamps or dates; keep the date part.
fn lenient_date(text: &str) -> Option<PartialDate> {
    let date = text.get(..10.min(text.len()))?;
    date.parse()
        .ok()
        .or_else(|| text.get(..7)?.parse().ok())
        .or_else(|| text.get(..4)?.parse().ok())
}

fn best_per_entity(
    index: &vigil_match::MatchIndex,
    queries: &[Query],
    opts: &ScreenOptions,
    source: Option<&str>,
) -> Vec<Match> {
    // A dataset filter is applied after screening, so look further down the ranking.
    let wide = ScreenOptions {
        threshold: opts.threshold,
        limit: if source.is_some() {
            opts.limit * 10
        } else {
            opts.limit
        },
    };
    let mut best: HashMap<String, Match> = HashMap::new();
    for query in queries {
        for m in index.screen(query, &wide) {
            let keep = source.is_none_or(|s| {
                m.entity_id
                    .rsplit_once(':')
                    .is_some_and(|(src, _)| src == s)
            });
            if keep && best.get(&m.entity_id).is_none_or(|b| b.score < m.score) {
                best.insert(m.entity_id.clone(), m);
            }
        }
    }
    let mut results: Vec<Match> = best.into_values().collect();
    results.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.entity_id.cmp(&b.entity_id))
    });
    results.truncate(opts.limit);
    results
}

fn result(entity: &Entity, m: &Match, threshold: f64) -> Value {
    json!({
        "id": entity.id,
        "caption": entity.name,
        "schema": entity.schema.ftm_name(),
        "properties": entity.ftm_properties(),
        "datasets": [entity.source()],
        "referents": [],
        "target": true,
        "score": m.score,
        "match": m.score >= threshold,
        "features": {"name": m.score},
        "explanation": m.explanation,
    })
}
