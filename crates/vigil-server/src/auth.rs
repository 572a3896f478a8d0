//! API-key authentication. Keys are stored hashed (SHA-256 of a 256-bit random key) with a
//! role; clients send `Authorization: Bearer KEY` or, as yente clients do, `ApiKey KEY`.

use crate::error::ApiError;
use axum::http::{HeaderMap, StatusCode};
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::sync::Mutex;
use vigil_store::{AccessCache, Permission, Role, Store, StoreError};

/// Who made a request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub name: String,
    pub role: Role,
}

pub struct Auth {
    data_dir: PathBuf,
    no_auth: bool,
    /// A connection kept open for the access-version read every request makes.
    store: Mutex<Option<Store>>,
    /// Verified keys by hash, valid while the store's access version stands still: a
    /// revocation or role change (from the CLI, another replica, anywhere) applies to the
    /// very next request.
    cache: AccessCache<Caller>,
}

impl Auth {
    pub fn new(data_dir: PathBuf, no_auth: bool) -> Auth {
        Auth {
            data_dir,
            no_auth,
            store: Mutex::default(),
            cache: AccessCache::default(),
        }
    }

    pub fn is_disabled(&self) -> bool {
        self.no_auth
    }

    /// Identifies the caller from the `Authorization` header; 401 when missing or wrong.
    /// Blocking (one indexed SQLite read, two on a cache miss): call from a
    /// blocking-friendly context.
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
        let version = self.with_store(|store| store.access_version())?;
        if let Some(caller) = self.cache.get(version, &hash) {
            return Ok(caller);
        }
        let Some(key) = self.with_store(|store| store.find_api_key(&hash))? else {
            return Err(ApiError::new(StatusCode::UNAUTHORIZED, "invalid API key"));
        };
        let caller = Caller {
            name: key.name,
            role: key.role,
        };
        self.cache.insert(version, hash, caller.clone());
        Ok(caller)
    }

    /// Runs `op` on the kept connection, opening it first when needed (and again after
    /// an error, in case the connection is what failed).
    fn with_store<T>(
        &self,
        op: impl FnOnce(&Store) -> Result<T, StoreError>,
    ) -> Result<T, ApiError> {
        let mut slot = self
            .store
            .lock()
            .map_err(|_| ApiError::internal("the key store lock is poisoned"))?;
        let store = match slot.take() {
            Some(store) => store,
            None => Store::open(&self.data_dir).map_err(ApiError::internal)?,
        };
        let result = op(&store);
        if result.is_ok() {
            *slot = Some(store);
        }
        result.map_err(ApiError::internal)
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
