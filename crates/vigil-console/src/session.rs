//! Who is signed in: the session cookie, checked against the store on every request (a
//! disabled user or an expired session is refused at once), the session's CSRF token, and
//! the role checks pages share with the API.

use crate::error::PageError;
use crate::Console;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue};
use sha2::{Digest, Sha256};
use vigil_server::Caller;
use vigil_store::{session_time, Permission, SessionCutoffs, Store, User};

pub const COOKIE: &str = "vigil_session";

/// A signed-in user on this request.
#[derive(Debug, Clone)]
pub struct Signed {
    pub user: User,
    pub csrf: String,
    id_hash: String,
}

impl Signed {
    /// 403 unless the user's role has the permission.
    pub fn require(&self, permission: Permission) -> Result<(), PageError> {
        if self.user.role.allows(permission) {
            Ok(())
        } else {
            Err(PageError::Forbidden(permission))
        }
    }

    pub fn may(&self, permission: Permission) -> bool {
        self.user.role.allows(permission)
    }

    /// 403 unless `token` is this session's CSRF token.
    pub fn check_csrf(&self, token: &str) -> Result<(), PageError> {
        if constant_time_eq(token.as_bytes(), self.csrf.as_bytes()) {
            Ok(())
        } else {
            Err(PageError::Csrf)
        }
    }

    /// The user as the audit trail and the library calls name callers.
    pub fn caller(&self) -> Caller {
        Caller {
            name: self.user.name.clone(),
            role: self.user.role,
        }
    }

    pub fn id_hash(&self) -> &str {
        &self.id_hash
    }
}

impl FromRequestParts<Console> for Signed {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, console: &Console) -> Result<Self, PageError> {
        let next = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default();
        let Some(id) = cookie(&parts.headers, COOKIE) else {
            return Err(PageError::SignIn(next));
        };
        let id_hash = hash_session_id(&id);
        let now = chrono::Utc::now();
        let age = |d: std::time::Duration| {
            session_time(now - chrono::Duration::from_std(d).unwrap_or(chrono::Duration::zero()))
        };
        let created_after = age(console.config.absolute_timeout);
        let seen_after = age(console.config.idle_timeout);
        let lookup = id_hash.clone();
        let session = crate::pages::db(console, move |store| {
            let cutoffs = SessionCutoffs {
                created_after: &created_after,
                seen_after: &seen_after,
            };
            Ok(store.live_session(&lookup, cutoffs)?)
        })
        .await?;
        match session {
            Some(s) => Ok(Signed {
                user: s.user,
                csrf: s.csrf_token,
                id_hash,
            }),
            None => Err(PageError::SignIn(next)),
        }
    }
}

/// Starts a session for `user`: returns the `Set-Cookie` value.
pub fn start(
    store: &mut Store,
    user: &User,
    secure: bool,
) -> Result<HeaderValue, vigil_store::StoreError> {
    let id = random_token()?;
    let csrf = random_token()?;
    store.create_session(user.id, &hash_session_id(&id), &csrf)?;
    Ok(set_cookie(COOKIE, &id, secure, None))
}

/// A cookie the browser keeps from script and from other sites; `max_age` 0 deletes it.
pub fn set_cookie(name: &str, value: &str, secure: bool, max_age: Option<u64>) -> HeaderValue {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict");
    if secure {
        cookie.push_str("; Secure");
    }
    if let Some(age) = max_age {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Whether cookies must be `Secure`: configured so, or a proxy says the client used TLS.
pub fn secure(console: &Console, headers: &HeaderMap) -> bool {
    console.config.cookie_secure
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"))
}

pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
        .filter(|v| !v.is_empty())
}

pub fn hash_session_id(id: &str) -> String {
    hex::encode(Sha256::digest(id.as_bytes()))
}

/// 256 random bits, hex.
pub fn random_token() -> Result<String, vigil_store::StoreError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| vigil_store::StoreError::Invalid(format!("no randomness: {e}")))?;
    Ok(hex::encode(bytes))
}

pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
