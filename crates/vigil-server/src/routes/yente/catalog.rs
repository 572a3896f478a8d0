//! yente's `GET /catalog` (the served datasets, as `DataCatalogModel`) and
//! `GET /algorithms` (the one scorer, as `AlgorithmResponse`).

use crate::error::ApiError;
use crate::routes::served;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use vigil_core::ftm_dataset_name;

/// Every served list as a dataset, plus yente's `default` collection holding them all;
/// the index is always current (an import swaps it at once).
pub async fn catalog(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let served = served(&state)?;
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for entity in served.index.entities() {
        *counts.entry(ftm_dataset_name(entity.source())).or_default() += 1;
    }
    let mut datasets: Vec<Value> = served
        .lists
        .iter()
        .map(|list| {
            let name = ftm_dataset_name(&list.source);
            let version = format!("{}-v{}", list.source, list.version);
            json!({
                "name": name,
                "title": list.source,
                "version": version,
                "updated_at": list.imported_at,
                "entity_count": counts.get(&name).copied().unwrap_or_default(),
                "children": [],
                "load": true,
                "namespace": false,
                "entities_url": null,
                "delta_url": null,
                "index_version": version,
                "index_current": true,
            })
        })
        .collect();
    let names: Vec<String> = served
        .lists
        .iter()
        .map(|l| ftm_dataset_name(&l.source))
        .collect();
    datasets.push(json!({
        "name": "default",
        "title": "All served lists",
        "version": served.lists.iter().map(|l| format!("{}-v{}", l.source, l.version)).collect::<Vec<_>>().join("+"),
        "entity_count": served.index.len(),
        "children": names,
        "load": true,
        "namespace": false,
        "index_current": true,
    }));
    let mut current = names;
    current.push("default".into());
    Ok(Json(json!({
        "datasets": datasets,
        "current": current,
        "outdated": [],
        "index_stale": false,
    })))
}

/// The features of Vigil's scorer as nomenklatura documents an algorithm's.
const FEATURES: [(&str, &str); 5] = [
    (
        "name",
        "Name similarity after normalisation and romanisation: the base score",
    ),
    (
        "birth_date",
        "Birth dates that agree lift the score, dates that conflict lower it",
    ),
    (
        "nationality",
        "Countries that agree lift the score, countries that conflict lower it",
    ),
    (
        "id_number",
        "A shared identifier lifts the score to a floor",
    ),
    ("weak_alias", "A match on a weak alias only is marked down"),
];

pub async fn algorithms() -> Json<Value> {
    let features: serde_json::Map<String, Value> = FEATURES
        .iter()
        .map(|(name, description)| {
            let coefficient = if *name == "name" { 1.0 } else { 0.0 };
            let doc = json!({"description": description, "coefficient": coefficient, "url": "docs/yente.md"});
            ((*name).to_owned(), doc)
        })
        .collect();
    let description = "Vigil's name matcher with evidence from dates, countries and identifiers; \
                       the same scorer as /v1/screen";
    let docs =
        json!({"name": "vigil", "description": description, "config": {}, "features": features});
    Json(json!({
        "algorithms": [{"name": "vigil", "description": description, "features": features, "docs": docs}],
        "default": "vigil",
        "best": "vigil",
    }))
}
