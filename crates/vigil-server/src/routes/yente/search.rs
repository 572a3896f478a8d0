//! yente's `GET /search/{dataset}`: text search with schema, country, topic and dataset
//! filters, paging and facets. The text is scored by the same `MatchIndex::screen` as
//! `/match` (a name search, from a low cutoff); without text every entity in scope is
//! listed, in index order. Every parameter is applied or refused.

use super::entity::{entity_response, Dates};
use super::params::{boolean, invalid, Filters};
use super::scope::Scope;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::routes::{audit, served};
use crate::state::{AppState, Served};
use axum::extract::{Path, RawQuery, State};
use axum::{Extension, Json};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use vigil_core::{Entity, Query, Schema};
use vigil_match::ScreenOptions;

/// Text search reaches further down the ranking than `/match` does.
const SEARCH_CUTOFF: f64 = 0.5;
const DEFAULT_LIMIT: usize = 10;
const MAX_LIMIT: usize = 500;
const MAX_OFFSET: usize = 9500;
const FACETS: [&str; 6] = [
    "datasets",
    "schema",
    "countries",
    "identifiers",
    "topics",
    "genders",
];

struct SearchParams {
    q: String,
    schemas: Vec<Schema>,
    filters: Filters,
    /// `countries`, `topics`, `datasets` and `filter` (`property:value`) selections.
    selections: Vec<(String, String)>,
    all_selections: bool,
    target: Option<bool>,
    limit: usize,
    offset: usize,
    facets: Vec<String>,
}

impl SearchParams {
    fn parse(query: Option<&str>) -> Result<SearchParams, ApiError> {
        let mut p = SearchParams {
            q: String::new(),
            schemas: Schema::ALL.to_vec(),
            filters: Filters::default(),
            selections: Vec::new(),
            all_selections: false,
            target: None,
            limit: DEFAULT_LIMIT,
            offset: 0,
            facets: Vec::new(),
        };
        let mut facets_given = false;
        for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
            let value = value.into_owned();
            match key.as_ref() {
                "q" => p.q = value,
                "schema" => p.schemas = searched_schemas(&value)?,
                "countries" | "topics" | "datasets" => p.selections.push((key.into(), value)),
                "filter" => p.selections.push(property_filter(&value)?),
                "filter_op" => p.all_selections = operator(&value)?,
                "target" => p.target = Some(boolean("target", &value)?),
                "limit" => p.limit = bounded(&key, &value, MAX_LIMIT)?,
                "offset" => p.offset = bounded(&key, &value, MAX_OFFSET)?,
                "facets" => {
                    facets_given = true;
                    p.facets.push(facet(value)?);
                }
                // Vigil's name matching is always fuzzy and takes plain text.
                "fuzzy" | "simple" => boolean(&key, &value).map(drop)?,
                "sort" => return Err(invalid("sort", "Vigil ranks by score only".into())),
                other => p.filters.set(other, value)?,
            }
        }
        if !facets_given {
            p.facets = ["countries", "topics", "datasets"]
                .map(String::from)
                .to_vec();
        }
        Ok(p)
    }
}

pub async fn search(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(dataset): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let params = SearchParams::parse(query.as_deref())?;
    let served = served(&state)?;
    let scope = Scope::new(&served, &dataset, &params.filters)?;
    let found = find(&served, &params, &scope)?;
    let facets = facets(&found, &params.facets, &served);
    let results: Vec<Value> = found
        .iter()
        .skip(params.offset)
        .take(params.limit)
        .map(|e| entity_response(e, &served))
        .collect();
    // A text search screens a name: counted and audited as every screening is.
    if !params.q.trim().is_empty() {
        state.metrics.screened_queries.inc();
        let page: Vec<&str> = found
            .iter()
            .skip(params.offset)
            .take(params.limit)
            .map(|e| e.id.as_str())
            .collect();
        let request = json!({ "dataset": dataset, "q": params.q });
        let answer = json!({ "total": found.len(), "results": page });
        audit(&state, &caller, "search", &served, request, &answer);
    }
    Ok(Json(json!({
        "limit": params.limit,
        "offset": params.offset,
        "total": {"value": found.len(), "relation": "eq"},
        "results": results,
        "facets": facets,
    })))
}

/// Every entity in scope that the text finds, best first.
fn find<'a>(
    served: &'a Served,
    params: &SearchParams,
    scope: &Scope,
) -> Result<Vec<&'a Entity>, ApiError> {
    let candidates: Vec<&Entity> = if params.q.trim().is_empty() {
        served.index.entities().iter().collect()
    } else {
        let query = Query::name(params.q.clone());
        query.validate().map_err(|e| invalid("q", e.to_string()))?;
        let opts = ScreenOptions {
            threshold: SEARCH_CUTOFF,
            limit: served.index.len().max(1),
        };
        let mut seen = std::collections::HashSet::new();
        served
            .index
            .screen(&query, &opts)
            .iter()
            .filter(|m| seen.insert(m.entity_id.clone()))
            .filter_map(|m| served.index.entity(&m.entity_id))
            .collect()
    };
    Ok(candidates
        .into_iter()
        .filter(|e| params.schemas.contains(&e.schema))
        .filter(|_| params.target != Some(false))
        .filter(|e| scope.keeps(e, Dates::of(e, served).last_change.as_deref()))
        .filter(|e| selected(e, params))
        .collect())
}

/// The `countries`/`topics`/`datasets`/`filter` selections: any of them (yente's `OR`) or
/// all (`AND`).
fn selected(entity: &Entity, params: &SearchParams) -> bool {
    if params.selections.is_empty() {
        return true;
    }
    let values = facet_values(entity);
    let hit = |(field, value): &(String, String)| {
        values
            .get(field.as_str())
            .is_some_and(|vs| vs.iter().any(|v| v == value))
    };
    if params.all_selections {
        params.selections.iter().all(hit)
    } else {
        params.selections.iter().any(hit)
    }
}

/// The values an entity has per facet and filter field: the facets, and each FtM property.
fn facet_values(entity: &Entity) -> BTreeMap<String, Vec<String>> {
    let props = entity.ftm_properties();
    let schema = entity.schema.ftm_name();
    let of_type = |t: &str| -> Vec<String> {
        props
            .iter()
            .filter(|(k, _)| vigil_core::ftm::property_type(schema, k) == Some(t))
            .flat_map(|(_, vs)| vs.iter().cloned())
            .collect()
    };
    let mut values = BTreeMap::new();
    values.insert("countries".into(), of_type("country"));
    values.insert("identifiers".into(), of_type("identifier"));
    values.insert("genders".into(), of_type("gender"));
    values.insert("topics".into(), vigil_core::ftm::topics(entity));
    values.insert(
        "datasets".into(),
        vec![vigil_core::ftm_dataset_name(entity.source())],
    );
    values.insert("schema".into(), vec![schema.to_owned()]);
    for (key, vs) in props {
        values.insert(format!("properties.{key}"), vs);
    }
    values
}

/// yente's `SearchFacet`s: per facet, each value's label and count over all results.
fn facets(found: &[&Entity], wanted: &[String], served: &Served) -> Value {
    let mut counts: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
    for entity in found {
        let values = facet_values(entity);
        for facet in wanted {
            let counted = counts.entry(facet.as_str()).or_default();
            for value in values.get(facet.as_str()).into_iter().flatten() {
                *counted.entry(value.clone()).or_default() += 1;
            }
        }
    }
    let mut out = Map::new();
    for facet in wanted {
        let values: Vec<Value> = counts
            .get(facet.as_str())
            .into_iter()
            .flatten()
            .map(|(name, count)| json!({"name": name, "label": label(facet, name, served), "count": count}))
            .collect();
        out.insert(
            facet.clone(),
            json!({"label": facet_label(facet), "values": values}),
        );
    }
    Value::Object(out)
}

fn label(facet: &str, name: &str, served: &Served) -> String {
    match facet {
        "countries" => vigil_core::country_name(name).unwrap_or(name).to_owned(),
        "datasets" => served
            .list(name)
            .map_or_else(|| name.to_owned(), |l| l.source.clone()),
        _ => name.to_owned(),
    }
}

fn facet_label(facet: &str) -> &'static str {
    match facet {
        "countries" => "Countries",
        "topics" => "Topics",
        "datasets" => "Data sources",
        "schema" => "Entity types",
        "identifiers" => "Identifiers",
        _ => "Genders",
    }
}

/// The Vigil schemas a search for FtM schema `name` covers (the schema and its descendants).
fn searched_schemas(name: &str) -> Result<Vec<Schema>, ApiError> {
    let schemas = match name {
        "Thing" => Schema::ALL.to_vec(),
        "LegalEntity" => vec![Schema::Person, Schema::Organization],
        "Person" | "Organization" | "Company" | "PublicBody" | "Vessel" | "Airplane" => {
            vec![name.parse().map_err(ApiError::bad_request)?]
        }
        other if vigil_core::is_ftm_schema(other) => Vec::new(),
        _ => return Err(ApiError::bad_request("Invalid schema")),
    };
    Ok(schemas)
}

fn property_filter(value: &str) -> Result<(String, String), ApiError> {
    let (field, wanted) = value
        .split_once(':')
        .ok_or_else(|| ApiError::bad_request(format!("Invalid filter: {value:?}")))?;
    let field = if field.starts_with("properties.") || FACETS.contains(&field) {
        field.to_owned()
    } else {
        format!("properties.{field}")
    };
    Ok((field, wanted.to_owned()))
}

fn operator(value: &str) -> Result<bool, ApiError> {
    match value.to_ascii_uppercase().as_str() {
        "OR" => Ok(false),
        "AND" => Ok(true),
        _ => Err(invalid(
            "filter_op",
            format!("expected OR or AND, got {value:?}"),
        )),
    }
}

fn facet(value: String) -> Result<String, ApiError> {
    if FACETS.contains(&value.as_str()) {
        Ok(value)
    } else {
        let known = FACETS.join(", ");
        Err(invalid(
            "facets",
            format!("expected one of {known}, got {value:?}"),
        ))
    }
}

fn bounded(key: &str, value: &str, max: usize) -> Result<usize, ApiError> {
    value
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|n| *n <= max)
        .ok_or_else(|| invalid(key, format!("expected 0..={max}, got {value:?}")))
}
