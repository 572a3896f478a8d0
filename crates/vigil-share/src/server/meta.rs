//! Discovery, the API root, collections and status resources.

use super::error::TaxiiError;
use super::{check_root, run, Reply, Request, TaxiiState, API_ROOT, TAXII_MEDIA_TYPE};
use crate::stix::STIX_MEDIA_TYPE;
use axum::extract::{Path, State};
use axum::response::Response;
use serde_json::{json, Value};
use vigil_store::Grant;

pub async fn discovery(State(state): State<TaxiiState>, req: Request) -> Response {
    run(state, req, "discovery", |call, _| {
        let root = format!("/taxii2/{API_ROOT}/");
        Ok(Reply::ok(
            json!({
                "title": call.config.title,
                "description": "Vigil designations and sightings shared with partner agencies",
                "default": root,
                "api_roots": [root],
            }),
            json!({}),
        ))
    })
    .await
}

pub async fn api_root(
    State(state): State<TaxiiState>,
    Path(root): Path<String>,
    req: Request,
) -> Response {
    run(state, req, "api_root", move |call, _| {
        check_root(&root)?;
        Ok(Reply::ok(
            json!({
                "title": call.config.title,
                "versions": [TAXII_MEDIA_TYPE],
                "max_content_length": call.config.max_content_length,
            }),
            json!({}),
        ))
    })
    .await
}

fn collection_resource(grant: &Grant) -> Value {
    let c = &grant.collection;
    let mut body = json!({
        "id": c.id,
        "title": c.title,
        "alias": c.alias,
        "can_read": grant.can_read,
        "can_write": grant.can_write,
        "media_types": [STIX_MEDIA_TYPE],
    });
    if let Some(description) = &c.description {
        body["description"] = json!(description);
    }
    body
}

/// Only the collections the caller holds a grant on: others' grants stay private.
pub async fn collections(
    State(state): State<TaxiiState>,
    Path(root): Path<String>,
    req: Request,
) -> Response {
    run(state, req, "collections", move |call, _| {
        check_root(&root)?;
        let grants: Vec<Grant> = call
            .store
            .grants(call.partner.id)?
            .into_iter()
            .filter(|g| g.can_read || g.can_write)
            .collect();
        let ids: Vec<&str> = grants.iter().map(|g| g.collection.id.as_str()).collect();
        Ok(Reply::ok(
            json!({ "collections": grants.iter().map(collection_resource).collect::<Vec<_>>() }),
            json!({ "collections": ids }),
        ))
    })
    .await
}

pub async fn collection(
    State(state): State<TaxiiState>,
    Path((root, id)): Path<(String, String)>,
    req: Request,
) -> Response {
    run(state, req, "collection", move |call, _| {
        check_root(&root)?;
        let (collection, grant) = call.collection(&id, false, false)?;
        if !grant.can_read && !grant.can_write {
            return Err(TaxiiError::forbidden(format!(
                "partner {} has no access to collection {id:?}",
                call.partner.name
            )));
        }
        Ok(Reply::ok(
            collection_resource(&grant),
            json!({ "collection": collection.id }),
        ))
    })
    .await
}

/// A status resource; only the partner that posted may read it.
pub async fn status(
    State(state): State<TaxiiState>,
    Path((root, id)): Path<(String, String)>,
    req: Request,
) -> Response {
    run(state, req, "status", move |call, _| {
        check_root(&root)?;
        let json = call
            .store
            .taxii_status(&id, call.partner.id)?
            .ok_or_else(|| TaxiiError::not_found(format!("no status {id:?}")))?;
        let body: Value = serde_json::from_str(&json).map_err(TaxiiError::internal)?;
        Ok(Reply::ok(body, json!({ "status": id })))
    })
    .await
}
