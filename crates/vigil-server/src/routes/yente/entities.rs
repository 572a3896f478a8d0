//! yente's `GET /entities/{id}`: one entity by FtM or Vigil id. With `nested` (yente's
//! default), the entities it is linked to come inside, each link as an FtM `UnknownLink`
//! under the entity's `unknownLinkTo` property, as yente nests related entities.

use super::entity::entity_response;
use super::params::{boolean, invalid};
use crate::error::ApiError;
use crate::routes::served;
use crate::state::{AppState, Served};
use axum::extract::{Path, RawQuery, State};
use axum::Json;
use serde_json::{json, Value};
use vigil_core::{ftm_id, Entity};

pub async fn entity(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let nested = nested_param(query.as_deref())?;
    let served = served(&state)?;
    let entity = served
        .entity(&id)
        .ok_or_else(|| ApiError::not_found("No such entity!"))?;
    let mut response = entity_response(entity, &served);
    if nested {
        let links = links(entity, &served);
        if !links.is_empty() {
            response["properties"]["unknownLinkTo"] = Value::Array(links);
        }
    }
    Ok(Json(response))
}

fn nested_param(query: Option<&str>) -> Result<bool, ApiError> {
    let mut nested = true;
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match key.as_ref() {
            "nested" => nested = boolean("nested", &value)?,
            other => return Err(invalid(other, "not a parameter of /entities".into())),
        }
    }
    Ok(nested)
}

/// The entity's resolved links as `UnknownLink` entities holding the other entity.
fn links(entity: &Entity, served: &Served) -> Vec<Value> {
    let own_id = ftm_id(&entity.id);
    entity
        .links
        .iter()
        .filter_map(|link| {
            let other = served.entity(link.entity_id.as_deref()?)?;
            let other_id = ftm_id(&other.id);
            Some(json!({
                "id": format!("{own_id}-link-{other_id}"),
                "caption": link.relation,
                "schema": "UnknownLink",
                "properties": {
                    "subject": [own_id],
                    "object": [entity_response(other, served)],
                    "role": [link.relation],
                },
                "datasets": [vigil_core::ftm_dataset_name(entity.source())],
                "referents": [],
                "target": false,
            }))
        })
        .collect()
}
