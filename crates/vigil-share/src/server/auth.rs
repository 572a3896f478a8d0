//! Partner authentication: HTTP Basic (user and password), or the password alone as
//! `Authorization: Bearer PASSWORD` (or `Token PASSWORD`, as some clients send). The
//! argon2 check is slow by design, so verified credentials are cached (keyed by a SHA-256 of
//! the header, never the password itself) while the store's access version stands still:
//! removing a partner or changing its TLP moves it, so the change applies to the very next
//! request.

use super::error::TaxiiError;
use crate::credentials;
use axum::http::{header, HeaderMap};
use base64::Engine;
use sha2::{Digest, Sha256};
use vigil_store::{AccessCache, Partner, Store};

#[derive(Default)]
pub struct PartnerAuth {
    cache: AccessCache<Partner>,
}

enum Credentials {
    Basic { user: String, password: String },
    Password(String),
}

fn credentials(headers: &HeaderMap) -> Result<Credentials, TaxiiError> {
    let value = headers
        .get(header::AUTHORIZATION)
        .ok_or_else(|| {
            TaxiiError::unauthorized(
                "send the partner credentials: HTTP Basic (user:password) or `Bearer PASSWORD`",
            )
        })?
        .to_str()
        .map_err(|_| TaxiiError::unauthorized("the Authorization header is not text"))?;
    let (scheme, rest) = value.trim().split_once(' ').unwrap_or((value, ""));
    let rest = rest.trim();
    if scheme.eq_ignore_ascii_case("basic") {
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(rest)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .ok_or_else(|| TaxiiError::unauthorized("malformed HTTP Basic credentials"))?;
        let (user, password) = decoded
            .split_once(':')
            .ok_or_else(|| TaxiiError::unauthorized("malformed HTTP Basic credentials"))?;
        return Ok(Credentials::Basic {
            user: user.to_owned(),
            password: password.to_owned(),
        });
    }
    if (scheme.eq_ignore_ascii_case("bearer") || scheme.eq_ignore_ascii_case("token"))
        && !rest.is_empty()
    {
        return Ok(Credentials::Password(rest.to_owned()));
    }
    Err(TaxiiError::unauthorized(format!(
        "unsupported Authorization scheme {scheme:?}: use Basic or Bearer"
    )))
}

impl PartnerAuth {
    /// The partner the request's credentials belong to; 401 when missing or wrong (the
    /// message never says whether the user exists).
    pub fn authenticate(&self, store: &Store, headers: &HeaderMap) -> Result<Partner, TaxiiError> {
        let creds = credentials(headers)?;
        let cache_key = headers
            .get(header::AUTHORIZATION)
            .map(|v| hex::encode(Sha256::digest(v.as_bytes())))
            .unwrap_or_default();
        let version = store.access_version()?;
        if let Some(partner) = self.cache.get(version, &cache_key) {
            return Ok(partner);
        }
        let (partner, password) = match creds {
            Credentials::Basic { user, password } => (store.partner_by_user(&user)?, password),
            Credentials::Password(password) => {
                let partner = match credentials::key_id(&password) {
                    Some(key_id) => store.partner_by_key_id(key_id)?,
                    None => None,
                };
                (partner, password)
            }
        };
        let partner = partner
            .filter(|p| credentials::verify(&password, &p.password_hash))
            .ok_or_else(|| TaxiiError::unauthorized("wrong partner credentials"))?;
        self.cache.insert(version, cache_key, partner.clone());
        Ok(partner)
    }
}
