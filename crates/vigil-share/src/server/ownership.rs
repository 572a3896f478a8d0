//! What a partner may write: only objects it created (by `created_by_ref` and by who
//! stored the first version), never above its maximum TLP. Checked for the whole request
//! before anything is stored: one refused object refuses the request (403), so a partner
//! never gets half a bundle in.

use super::error::TaxiiError;
use super::Call;
use crate::stix::validate::Checked;
use crate::Tlp;
use serde_json::{json, Value};
use vigil_store::{ObjectQuery, VersionMatch};

/// 403 listing every object the partner may not write, unless there is none.
pub fn check_writes(
    call: &Call<'_>,
    collection: &str,
    objects: &[Value],
    checked: &[Checked],
) -> Result<(), TaxiiError> {
    let mut refused = Vec::new();
    for (index, (object, c)) in objects.iter().zip(checked).enumerate() {
        if let Some(reason) = refusal(call, collection, object, c)? {
            refused.push(json!({ "index": index, "id": c.id, "message": reason }));
        }
    }
    let Some(first) = refused.first() else {
        return Ok(());
    };
    let message = first["message"].as_str().unwrap_or_default().to_owned();
    Err(TaxiiError::forbidden(format!(
        "partner {} may not write {} of {} objects (first: {message}); nothing was stored",
        call.partner.name,
        refused.len(),
        objects.len()
    ))
    .with_details(json!({ "refused": refused })))
}

/// Why this partner may not write this object, if it may not.
fn refusal(
    call: &Call<'_>,
    collection: &str,
    object: &Value,
    c: &Checked,
) -> Result<Option<String>, TaxiiError> {
    let partner = &call.partner;
    if let Some(tlp) = c.tlp.filter(|t| t.rank() > partner.max_tlp) {
        let max = Tlp::from_rank(partner.max_tlp).map_or("?".to_owned(), |t| t.to_string());
        return Ok(Some(format!(
            "{} is marked {tlp}, above the partner's maximum {max}",
            c.id
        )));
    }
    // Re-posting a version exactly as stored changes nothing, whoever wrote it (clients
    // send the TLP marking definitions along with their objects).
    if is_stored_as_is(call, collection, object, c)? {
        return Ok(None);
    }
    if let Some(owner) = call.store.contributor_of(&c.id)? {
        if !owner.is_partner(&partner.name) {
            return Ok(Some(format!(
                "{} was created by {owner}; only its creator may add versions of it",
                c.id
            )));
        }
    }
    let created_by = object.get("created_by_ref").and_then(Value::as_str);
    match (&partner.identity, created_by) {
        (Some(own), Some(claimed)) if own == claimed => Ok(None),
        (Some(own), _) => Ok(Some(format!(
            "{}: created_by_ref must be the partner's identity {own}",
            c.id
        ))),
        (None, Some(claimed)) if call.store.identity_taken(claimed, &partner.name)? => {
            Ok(Some(format!(
                "{}: created_by_ref {claimed} is an identity this agency or another partner \
                 writes as",
                c.id
            )))
        }
        (None, _) => Ok(None),
    }
}

fn is_stored_as_is(
    call: &Call<'_>,
    collection: &str,
    object: &Value,
    c: &Checked,
) -> Result<bool, TaxiiError> {
    let Some(version) = &c.version else {
        return Ok(false);
    };
    let rows = call.store.query_objects(&ObjectQuery {
        collection: collection.to_owned(),
        max_tlp: Tlp::Red.rank(),
        after_row: 0,
        added_after: None,
        ids: vec![c.id.clone()],
        types: Vec::new(),
        spec_versions: Vec::new(),
        versions: vec![VersionMatch::At(version.clone())],
        limit: 1,
    })?;
    Ok(rows
        .iter()
        .any(|row| serde_json::from_str::<Value>(&row.json).ok().as_ref() == Some(object)))
}
