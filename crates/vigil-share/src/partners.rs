//! Partner agencies: created with a generated password (shown once, stored hashed) and a
//! maximum TLP, then granted read and/or write per collection.

use crate::publish::ensure_collection;
use crate::{credentials, ShareError, Tlp};
use vigil_store::{Partner, Store};

/// A new partner and the credentials to hand to it (the password cannot be shown again).
pub struct CreatedPartner {
    pub partner: Partner,
    pub user: String,
    pub password: String,
}

/// Creates a partner whose HTTP Basic user is its name. With an `identity` (a STIX
/// `identity--UUID`), every object the partner posts must name it as `created_by_ref`.
pub fn add_partner(
    store: &mut Store,
    name: &str,
    max_tlp: Tlp,
    identity: Option<&str>,
) -> Result<CreatedPartner, ShareError> {
    let name = name.trim();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
    {
        return Err(ShareError::Invalid(format!(
            "partner name {name:?}: use letters, digits, '-', '_' or '.'"
        )));
    }
    if let Some(identity) = identity {
        if !crate::ids::is_valid_stix_id(identity, "identity") {
            return Err(ShareError::Invalid(format!(
                "--identity {identity:?}: expected a STIX identity id, identity--UUID"
            )));
        }
        if store.identity_taken(identity, name)? {
            return Err(ShareError::Invalid(format!(
                "--identity {identity}: this agency or another partner already writes as it"
            )));
        }
    }
    let creds = credentials::generate().map_err(ShareError::Invalid)?;
    let partner = store.add_partner(&vigil_store::NewPartner {
        name: name.to_owned(),
        user: name.to_owned(),
        key_id: creds.key_id,
        password_hash: creds.password_hash,
        max_tlp: max_tlp.rank(),
        identity: identity.map(str::to_owned),
    })?;
    Ok(CreatedPartner {
        user: partner.user.clone(),
        partner,
        password: creds.password,
    })
}

/// Lets a partner read and/or write a collection (created empty when missing); a grant
/// with neither removes access.
pub fn grant(
    store: &mut Store,
    partner: &str,
    collection: &str,
    can_read: bool,
    can_write: bool,
) -> Result<(), ShareError> {
    if store.partner(partner)?.is_none() {
        return Err(ShareError::Invalid(format!(
            "no partner named {partner:?} (see `vigil partners list`)"
        )));
    }
    let collection = ensure_collection(store, collection)?;
    store.grant(partner, &collection.id, can_read, can_write)?;
    Ok(())
}
