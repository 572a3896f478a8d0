//! API keys: created with a role, stored only as a SHA-256 hash, revocable.

use crate::{Store, StoreError};
use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};
use std::fmt;
use std::str::FromStr;

/// Who a caller (an API key or a console user) is: each role may do what the roles before it
/// may, and more. What each may do is [`Permission::least_role`], the one table of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// May screen (names, travellers, payments, text), compare names and read lists and
    /// entities; nothing else.
    Screener,
    /// May also read and decide alerts.
    Analyst,
    /// May also import and manage monitored subjects, give the second review of a
    /// confirmed alert and read the audit trail.
    Supervisor,
    /// May do everything: import lists, manage webhooks, sharing, keys and users.
    Admin,
}

/// One thing a caller may be allowed to do. Every route and page checks one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    Screen,
    ReadLists,
    ReadAlerts,
    DecideAlerts,
    ManageSubjects,
    SecondReview,
    ReadAudit,
    ImportLists,
    ManageWebhooks,
    ManageSharing,
    ManageAccess,
}

impl Permission {
    /// The least role that has this permission.
    pub fn least_role(self) -> Role {
        match self {
            Permission::Screen | Permission::ReadLists => Role::Screener,
            Permission::ReadAlerts | Permission::DecideAlerts => Role::Analyst,
            Permission::ManageSubjects | Permission::SecondReview | Permission::ReadAudit => {
                Role::Supervisor
            }
            Permission::ImportLists
            | Permission::ManageWebhooks
            | Permission::ManageSharing
            | Permission::ManageAccess => Role::Admin,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Permission::Screen => "screen",
            Permission::ReadLists => "read lists",
            Permission::ReadAlerts => "read alerts",
            Permission::DecideAlerts => "decide alerts",
            Permission::ManageSubjects => "manage subjects",
            Permission::SecondReview => "second review",
            Permission::ReadAudit => "read the audit trail",
            Permission::ImportLists => "import lists",
            Permission::ManageWebhooks => "manage webhooks",
            Permission::ManageSharing => "manage sharing",
            Permission::ManageAccess => "manage keys and users",
        }
    }
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Screener, Role::Analyst, Role::Supervisor, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Screener => "screener",
            Role::Analyst => "analyst",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }

    pub fn allows(self, permission: Permission) -> bool {
        self >= permission.least_role()
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == s)
            .ok_or_else(|| {
                format!("unknown role {s:?}: expected screener, analyst, supervisor or admin")
            })
    }
}

#[derive(Debug, Clone)]
pub struct ApiKey {
    pub name: String,
    pub role: Role,
    pub created_at: String,
    pub revoked: bool,
}

/// The hash under which a key is stored and looked up.
pub fn hash_api_key(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

impl Store {
    /// Creates a key and returns it; only its hash is stored, so it cannot be shown again.
    pub fn create_api_key(&mut self, name: &str, role: Role) -> Result<String, StoreError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("a key needs a non-empty name".into()));
        }
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret)
            .map_err(|e| StoreError::Invalid(format!("no randomness for a key: {e}")))?;
        let key = format!("vgl_{}", hex::encode(secret));
        let inserted = self.conn.execute(
            "INSERT INTO api_keys (name, role, key_hash, created_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (name) DO NOTHING",
            params![
                name,
                role.as_str(),
                hash_api_key(&key),
                chrono::Utc::now().to_rfc3339()
            ],
        )?;
        if inserted == 0 {
            return Err(StoreError::Invalid(format!(
                "a key named {name:?} already exists"
            )));
        }
        Ok(key)
    }

    /// The live (not revoked) key with this hash.
    pub fn find_api_key(&self, key_hash: &str) -> Result<Option<ApiKey>, StoreError> {
        let row = self
            .conn
            .query_row(
                "SELECT name, role, created_at FROM api_keys
                 WHERE key_hash = ?1 AND revoked_at IS NULL",
                [key_hash],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?)),
            )
            .optional()?;
        Ok(row.and_then(|(name, role, created_at)| {
            Some(ApiKey {
                name,
                role: role.parse().ok()?,
                created_at,
                revoked: false,
            })
        }))
    }

    pub fn api_keys(&self) -> Result<Vec<ApiKey>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT name, role, created_at, revoked_at IS NOT NULL FROM api_keys ORDER BY name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get(2)?,
                r.get(3)?,
            ))
        })?;
        let mut keys = Vec::new();
        for row in rows {
            let (name, role, created_at, revoked) = row?;
            let role = role.parse().map_err(StoreError::Invalid)?;
            keys.push(ApiKey {
                name,
                role,
                created_at,
                revoked,
            });
        }
        Ok(keys)
    }

    /// Gives a live key another role; false when there is no live key of that name.
    pub fn set_api_key_role(&mut self, name: &str, role: Role) -> Result<bool, StoreError> {
        let n = self.conn.execute(
            "UPDATE api_keys SET role = ?2 WHERE name = ?1 AND revoked_at IS NULL",
            params![name, role.as_str()],
        )?;
        Ok(n > 0)
    }

    /// Revokes a key by name; false when there is no live key of that name.
    pub fn revoke_api_key(&mut self, name: &str) -> Result<bool, StoreError> {
        let n = self.conn.execute(
            "UPDATE api_keys SET revoked_at = ?2 WHERE name = ?1 AND revoked_at IS NULL",
            params![name, chrono::Utc::now().to_rfc3339()],
        )?;
        Ok(n > 0)
    }
}

#[cfg(test)]
mod role_tests {
    use super::*;

    #[test]
    fn each_role_allows_what_the_roles_below_it_allow() {
        assert!(Role::Screener.allows(Permission::Screen));
        assert!(!Role::Screener.allows(Permission::DecideAlerts));
        assert!(Role::Analyst.allows(Permission::DecideAlerts));
        assert!(!Role::Analyst.allows(Permission::ManageSubjects));
        assert!(Role::Supervisor.allows(Permission::SecondReview));
        assert!(!Role::Supervisor.allows(Permission::ImportLists));
        assert!(Role::Admin.allows(Permission::ManageAccess));
    }

    #[test]
    fn roles_read_back_from_their_names() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!("root"
            .parse::<Role>()
            .unwrap_err()
            .contains("expected screener"));
    }
}
