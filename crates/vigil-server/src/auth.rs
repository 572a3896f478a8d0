//! API-key authentication. Keys are stored hashed (SHA-256 of a 256-bit random key) with a
//! role; clients send `Authorization: Bearer KEY` or, as yente clients do, `ApiKey KEY`.

use crate::error::ApiError;
use axum::http::{HeaderMap, StatusCode};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::RwLock;
use std::time::{Duration, Instant};
use vigil_store::{Permission, Role, Store};

/// Who made a request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub name: String,
    pub role: Role,
}

pub struct Auth {
    data_dir: PathBuf,
    no_auth: bool,
    /// Verified keys by hash. Entries expire so a revoked key stops working within a minute
    /// without a database read on every request.
    cache: RwLock<HashMap<String, (Caller, Instant)>>,
}

const CACHE_TTL: Duration = Duration::from_secs(60);

impl Auth {
    pub fn new(data_dir: PathBuf, no_auth: bool) -> Auth {
        Auth {
            data_dir,
            no_auth,
            cache: RwLock::default(),
        }
    }

    pub fn is_disabled(&self) -> bool {
        self.no_auth
    }

    /// Identifies the caller from the `Authorization` header; 401 when missing or wrong.
    /// Blocking on a cache miss (one SQLite read): call from a blocking-friendly context.
    pub fn authenticate(&self, headers: &HeaderMap) -> Result<Caller, ApiError> {
        if self.no_auth {
            return Ok(Caller {
                name: "anonymous (--no-auth)".into(),
                role: Role::Admin,
            });
        }
        let key = bearer_key(headers).ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "missing API key: send `Authorization: Bearer KEY`",
            )
        })?;
        let hash = hash_key(key);
        if let Some((caller, at)) = self.cache.read().ok().and_then(|c| c.get(&hash).cloned()) {
            if at.elapsed() < CACHE_TTL {
                return Ok(caller);
            }
        }
        let found = Store::open(&self.data_dir)
            .and_then(|store| store.find_api_key(&hash))
            .map_err(ApiError::internal)?;
        let Some(key) = found else {
            return Err(ApiError::new(StatusCode::UNAUTHORIZED, "invalid API key"));
        };
        let caller = Caller {
            name: key.name,
            role: key.role,
        };
        if let Ok(mut cache) = self.cache.write() {
            cache.insert(hash, (caller.clone(), Instant::now()));
        }
        Ok(caller)
    }
}

/// 403 unless the caller's role has the permission.
pub fn require(caller: &Caller, permission: Permission) -> Result<(), ApiError> {
    if caller.role.allows(permission) {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!(
                "this needs the {} role or above (to {}); key `{}` has {}",
                permission.least_role(),
                permission.as_str(),
                caller.name,
                caller.role
            ),
        ))
    }
}

fn bearer_key(headers: &HeaderMap) -> Option<&str> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, key) = value.trim().split_once(' ')?;
    let scheme_ok = scheme.eq_ignore_ascii_case("bearer") || scheme.eq_ignore_ascii_case("apikey");
    (scheme_ok && !key.trim().is_empty()).then(|| key.trim())
}

pub fn hash_key(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}
