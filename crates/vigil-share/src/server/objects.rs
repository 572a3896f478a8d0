//! Objects, manifests, single objects, versions, deletes and adds. Reads never return an
//! object whose latest version is above the partner's maximum TLP, not even its older
//! versions: an object re-marked at a higher TLP disappears whole for partners below it.
//! Partners write only objects they created, at most at their TLP (see [`ownership`]),
//! and delete only those.

use super::error::TaxiiError;
use super::filters::{self, Filters};
use super::{check_root, media, ownership, run, Call, Reply, Request, TaxiiState};
use crate::ids::random_uuid;
use crate::stix::validate::{check, Checked};
use crate::stix::STIX_MEDIA_TYPE;
use crate::time;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderName, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};
use vigil_store::{NewObject, ObjectQuery, StoredObject, VersionMatch};

const DATE_ADDED_FIRST: &str = "x-taxii-date-added-first";
const DATE_ADDED_LAST: &str = "x-taxii-date-added-last";

/// One page of rows for the partner, and whether more follow.
fn page(
    call: &Call<'_>,
    collection: &str,
    f: &Filters,
) -> Result<(Vec<StoredObject>, bool), TaxiiError> {
    let mut rows = call.store.query_objects(&ObjectQuery {
        collection: collection.to_owned(),
        max_tlp: call.partner.max_tlp,
        after_row: f.after_row,
        added_after: f.added_after.clone(),
        ids: f.ids.clone(),
        types: f.types.clone(),
        spec_versions: f.spec_versions.clone(),
        versions: f.versions.clone(),
        limit: f.limit,
    })?;
    let more = rows.len() > f.limit;
    rows.truncate(f.limit);
    Ok((rows, more))
}

/// The envelope-style reply: `more`, `next` when more follow, the items, and the
/// date-added headers.
fn paged_reply(
    rows: &[StoredObject],
    more: bool,
    f: &Filters,
    key: &str,
    items: Vec<Value>,
) -> Reply {
    let ids: Vec<&str> = rows.iter().map(|r| r.stix_id.as_str()).collect();
    let mut body = json!({});
    if !items.is_empty() {
        body = json!({ "more": more, key: items });
        if more {
            if let Some(last) = rows.last() {
                body["next"] = json!(f.next_token(last.row));
            }
        }
    }
    let mut reply = Reply::ok(body, json!({ "count": rows.len(), "ids": ids }));
    if let (Some(first), Some(last)) = (rows.first(), rows.last()) {
        reply.headers.push((
            HeaderName::from_static(DATE_ADDED_FIRST),
            first.date_added.clone(),
        ));
        reply.headers.push((
            HeaderName::from_static(DATE_ADDED_LAST),
            last.date_added.clone(),
        ));
    }
    reply
}

fn parse_json(row: &StoredObject) -> Result<Value, TaxiiError> {
    serde_json::from_str(&row.json)
        .map_err(|e| TaxiiError::internal(format!("stored object {}: {e}", row.stix_id)))
}

pub async fn get_objects(
    State(state): State<TaxiiState>,
    Path((root, id)): Path<(String, String)>,
    req: Request,
) -> Response {
    run(state, req, "get_objects", move |call, req| {
        check_root(&root)?;
        let (collection, _) = call.collection(&id, true, false)?;
        let f = filters::parse(&req.query()?)?;
        let (rows, more) = page(call, &collection.id, &f)?;
        let objects = rows.iter().map(parse_json).collect::<Result<Vec<_>, _>>()?;
        Ok(paged_reply(&rows, more, &f, "objects", objects))
    })
    .await
}

pub async fn manifest(
    State(state): State<TaxiiState>,
    Path((root, id)): Path<(String, String)>,
    req: Request,
) -> Response {
    run(state, req, "manifest", move |call, req| {
        check_root(&root)?;
        let (collection, _) = call.collection(&id, true, false)?;
        let f = filters::parse(&req.query()?)?;
        let (rows, more) = page(call, &collection.id, &f)?;
        let records = rows
            .iter()
            .map(|r| json!({"id": r.stix_id, "date_added": r.date_added, "version": r.version, "media_type": STIX_MEDIA_TYPE}))
            .collect();
        Ok(paged_reply(&rows, more, &f, "objects", records))
    })
    .await
}

/// 404 for an object the partner cannot see, whether absent or above its TLP: which
/// objects exist at a higher TLP is not revealed.
fn not_found(object: &str) -> TaxiiError {
    TaxiiError::not_found(format!("no object {object} in this collection"))
}

pub async fn get_object(
    State(state): State<TaxiiState>,
    Path((root, id, object)): Path<(String, String, String)>,
    req: Request,
) -> Response {
    run(state, req, "get_object", move |call, req| {
        check_root(&root)?;
        let (collection, _) = call.collection(&id, true, false)?;
        let mut f = filters::parse(&req.query()?)?;
        f.ids = vec![object.clone()];
        let (rows, more) = page(call, &collection.id, &f)?;
        if rows.is_empty() && f.after_row == 0 {
            return Err(not_found(&object));
        }
        let objects = rows.iter().map(parse_json).collect::<Result<Vec<_>, _>>()?;
        Ok(paged_reply(&rows, more, &f, "objects", objects))
    })
    .await
}

pub async fn versions(
    State(state): State<TaxiiState>,
    Path((root, id, object)): Path<(String, String, String)>,
    req: Request,
) -> Response {
    run(state, req, "versions", move |call, req| {
        check_root(&root)?;
        let (collection, _) = call.collection(&id, true, false)?;
        let mut f = filters::parse(&req.query()?)?;
        f.ids = vec![object.clone()];
        f.versions = vec![VersionMatch::All];
        let (rows, more) = page(call, &collection.id, &f)?;
        if rows.is_empty() && f.after_row == 0 {
            return Err(not_found(&object));
        }
        let versions = rows.iter().map(|r| json!(r.version)).collect();
        Ok(paged_reply(&rows, more, &f, "versions", versions))
    })
    .await
}

pub async fn delete_object(
    State(state): State<TaxiiState>,
    Path((root, id, object)): Path<(String, String, String)>,
    req: Request,
) -> Response {
    run(state, req, "delete_object", move |call, req| {
        check_root(&root)?;
        let (collection, _) = call.collection(&id, true, true)?;
        let f = filters::parse(&req.query()?)?;
        check_delete(call, &collection.id, &object)?;
        let deleted =
            call.store
                .delete_object(&collection.id, &object, call.partner.max_tlp, &f.versions)?;
        if deleted == 0 {
            return Err(not_found(&object));
        }
        Ok(Reply {
            status: StatusCode::OK,
            body: None,
            headers: Vec::new(),
            audit: json!({ "deleted": object, "versions": deleted }),
        })
    })
    .await
}

/// 403 when the partner sees the object but did not create it (404 when it cannot see
/// it, as for reads).
fn check_delete(call: &Call<'_>, collection: &str, object: &str) -> Result<(), TaxiiError> {
    let Some(owner) = call.store.contributor_of(object)? else {
        return Ok(());
    };
    if owner.is_partner(&call.partner.name) {
        return Ok(());
    }
    let f = Filters {
        ids: vec![object.to_owned()],
        versions: vec![VersionMatch::All],
        limit: 1,
        ..Filters::default()
    };
    if page(call, collection, &f)?.0.is_empty() {
        return Err(not_found(object));
    }
    Err(TaxiiError::forbidden(format!(
        "{object} was created by {owner}; only its creator may delete it"
    )))
}

/// Adds objects. The envelope must be TAXII JSON within `max_content_length` (415, 413),
/// a JSON object with an `objects` list (400); an invalid STIX object rejects the whole
/// request (422, `details` naming each object and field) and nothing is stored. Valid
/// objects without a TLP marking fail individually (the status says why); an object
/// already stored with the same id and version succeeds again without a new copy.
pub async fn add_objects(
    State(state): State<TaxiiState>,
    Path((root, id)): Path<(String, String)>,
    req: Request,
    body: Body,
) -> Response {
    let limit = state.0.config.max_content_length;
    // Over the limit is refused, but the body is still read (the service-wide body limit
    // bounds it): a client that writes its whole request before reading the answer would
    // otherwise see a broken pipe instead of the 413.
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) if bytes.len() <= limit => Ok(bytes),
        _ => Err(()),
    };
    run(state, req, "add_objects", move |call, req| {
        check_root(&root)?;
        let (collection, _) = call.collection(&id, false, true)?;
        media::check_content_type(&req.headers)?;
        let body = body.map_err(|_| {
            TaxiiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "Request too large",
                format!("the body exceeds max_content_length ({limit} bytes); send fewer objects per request"),
            )
        })?;
        let envelope: Value = serde_json::from_slice(&body)
            .map_err(|e| TaxiiError::bad_request(format!("the body is not JSON: {e}")))?;
        let objects = envelope
            .get("objects")
            .and_then(Value::as_array)
            .ok_or_else(|| TaxiiError::bad_request("the body must be an envelope: {\"objects\": [...]}"))?;
        let checked = validate_all(objects)?;
        ownership::check_writes(call, &collection.id, objects, &checked)?;
        store_objects(call, &collection.id, objects, checked)
    })
    .await
}

fn validate_all(objects: &[Value]) -> Result<Vec<Checked>, TaxiiError> {
    let mut checked = Vec::with_capacity(objects.len());
    let mut invalid = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        match check(object) {
            Ok(c) => checked.push(c),
            Err(message) => invalid.push(json!({
                "index": index,
                "id": object.get("id"),
                "message": message,
            })),
        }
    }
    if invalid.is_empty() {
        return Ok(checked);
    }
    let first = invalid[0]["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    Err(TaxiiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "Invalid STIX",
        format!(
            "{} of {} objects are not valid STIX 2.1 (first: {first}); nothing was stored",
            invalid.len(),
            objects.len()
        ),
    )
    .with_details(json!({ "invalid": invalid })))
}

fn store_objects(
    call: &mut Call<'_>,
    collection: &str,
    objects: &[Value],
    checked: Vec<Checked>,
) -> Result<Reply, TaxiiError> {
    let request_timestamp = time::now();
    let mut successes = Vec::new();
    let mut failures = Vec::new();
    let mut new_objects = Vec::new();
    for (object, c) in objects.iter().zip(checked) {
        let Some(tlp) = c.tlp else {
            failures.push(json!({
                "id": c.id, "version": c.version,
                "message": "no TLP marking in object_marking_refs: every shared object needs one",
            }));
            continue;
        };
        let version = match c.version {
            Some(v) => v,
            // Objects without timestamps: identical content is the same version.
            None => match latest_with_same_content(call, collection, &c.id, object)? {
                Some(version) => {
                    successes.push(json!({"id": c.id, "version": version}));
                    continue;
                }
                None => request_timestamp.clone(),
            },
        };
        successes.push(json!({"id": c.id, "version": version}));
        new_objects.push(NewObject {
            stix_id: c.id,
            object_type: c.object_type,
            spec_version: c.spec_version,
            version,
            tlp: tlp.rank(),
            json: object.to_string(),
        });
    }
    let contributor = call.partner.name.clone();
    call.store
        .add_objects(collection, &new_objects, Some(&contributor))?;
    let status_id = random_uuid();
    let status = json!({
        "id": status_id,
        "status": "complete",
        "request_timestamp": request_timestamp,
        "total_count": objects.len(),
        "success_count": successes.len(),
        "successes": successes,
        "failure_count": failures.len(),
        "failures": failures,
        "pending_count": 0,
        "pendings": [],
    });
    call.store
        .put_taxii_status(&status_id, call.partner.id, &status.to_string())?;
    let audit = json!({
        "status_id": status_id,
        "added": new_objects.iter().map(|o| o.stix_id.as_str()).collect::<Vec<_>>(),
        "failures": status["failure_count"],
    });
    Ok(Reply {
        status: StatusCode::ACCEPTED,
        body: Some(status),
        headers: Vec::new(),
        audit,
    })
}

fn latest_with_same_content(
    call: &Call<'_>,
    collection: &str,
    id: &str,
    object: &Value,
) -> Result<Option<String>, TaxiiError> {
    let latest = call.store.query_objects(&ObjectQuery {
        collection: collection.to_owned(),
        max_tlp: crate::Tlp::Red.rank(),
        after_row: 0,
        added_after: None,
        ids: vec![id.to_owned()],
        types: Vec::new(),
        spec_versions: Vec::new(),
        versions: vec![VersionMatch::Last],
        limit: 1,
    })?;
    Ok(latest
        .into_iter()
        .find(|row| serde_json::from_str::<Value>(&row.json).ok().as_ref() == Some(object))
        .map(|row| row.version))
}
