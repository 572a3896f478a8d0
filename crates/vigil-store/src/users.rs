//! Console users and their sessions. Passwords arrive already hashed (argon2id, by the
//! console crate); session ids are stored only as SHA-256 hashes, so a copy of the database
//! cannot be used to sign in.

use crate::{Role, Store, StoreError};
use rusqlite::{params, OptionalExtension};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub created_at: String,
    pub disabled: bool,
}

/// A live session with its user, as checked on every console request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user: User,
    pub csrf_token: String,
    pub created_at: String,
    pub last_seen_at: String,
}

/// The oldest creation and last-use times a session may have and still be valid
/// (RFC 3339 UTC strings of one fixed width, so they compare as text).
#[derive(Debug, Clone, Copy)]
pub struct SessionCutoffs<'a> {
    pub created_after: &'a str,
    pub seen_after: &'a str,
}

/// The longest user name accepted.
const MAX_NAME_CHARS: usize = 64;

fn validate_name(name: &str) -> Result<&str, StoreError> {
    let name = name.trim();
    let ok = !name.is_empty()
        && name.chars().count() <= MAX_NAME_CHARS
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '@'));
    if ok {
        Ok(name)
    } else {
        Err(StoreError::Invalid(format!(
            "user name {name:?}: use 1 to {MAX_NAME_CHARS} letters, digits or . - _ @"
        )))
    }
}

fn user_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, String, String, String, bool)> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
    ))
}

fn to_user(
    (id, name, role, created_at, disabled): (i64, String, String, String, bool),
) -> Result<User, StoreError> {
    Ok(User {
        id,
        name,
        role: role.parse().map_err(StoreError::Invalid)?,
        created_at,
        disabled,
    })
}

const USER_COLUMNS: &str = "u.id, u.name, u.role, u.created_at, u.disabled_at IS NOT NULL";

impl Store {
    pub fn create_user(
        &mut self,
        name: &str,
        role: Role,
        password_hash: &str,
    ) -> Result<User, StoreError> {
        let name = validate_name(name)?;
        let inserted = self.conn.execute(
            "INSERT INTO users (name, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (name) DO NOTHING",
            params![name, role.as_str(), password_hash, now()],
        )?;
        if inserted == 0 {
            return Err(StoreError::Invalid(format!(
                "a user named {name:?} already exists"
            )));
        }
        self.user(name)?
            .ok_or_else(|| StoreError::Invalid(format!("user {name:?} vanished")))
    }

    pub fn users(&self) -> Result<Vec<User>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users u ORDER BY u.name");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], user_from_row)?;
        rows.map(|row| to_user(row?)).collect()
    }

    pub fn user(&self, name: &str) -> Result<Option<User>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.name = ?1");
        let row = self
            .conn
            .query_row(&sql, [name.trim()], user_from_row)
            .optional()?;
        row.map(to_user).transpose()
    }

    /// An enabled user and its password hash, for signing in.
    pub fn user_credentials(&self, name: &str) -> Result<Option<(User, String)>, StoreError> {
        let sql = format!(
            "SELECT {USER_COLUMNS}, u.password_hash FROM users u
             WHERE u.name = ?1 AND u.disabled_at IS NULL"
        );
        let row = self
            .conn
            .query_row(&sql, [name.trim()], |r| Ok((user_from_row(r)?, r.get(5)?)))
            .optional()?;
        row.map(|(user, hash)| Ok((to_user(user)?, hash)))
            .transpose()
    }

    /// Disables a user and ends all its sessions at once; false when no enabled user has
    /// that name.
    pub fn disable_user(&mut self, name: &str) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        let n = tx.execute(
            "UPDATE users SET disabled_at = ?2 WHERE name = ?1 AND disabled_at IS NULL",
            params![name.trim(), now()],
        )?;
        tx.execute(
            "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE name = ?1)",
            [name.trim()],
        )?;
        tx.commit()?;
        Ok(n > 0)
    }

    pub fn create_session(
        &mut self,
        user_id: i64,
        id_hash: &str,
        csrf_token: &str,
    ) -> Result<(), StoreError> {
        let at = now();
        self.conn.execute(
            "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at)
             VALUES (?1, ?2, ?3, ?4, ?4)",
            params![id_hash, user_id, csrf_token, at],
        )?;
        Ok(())
    }

    /// The session with this id hash if it is still valid (its user enabled, created and
    /// last used after the cutoffs), marking it used now. Expired sessions are deleted.
    pub fn live_session(
        &mut self,
        id_hash: &str,
        cutoffs: SessionCutoffs<'_>,
    ) -> Result<Option<Session>, StoreError> {
        self.conn.execute(
            "DELETE FROM sessions WHERE created_at <= ?1 OR last_seen_at <= ?2",
            params![cutoffs.created_after, cutoffs.seen_after],
        )?;
        let sql = format!(
            "SELECT {USER_COLUMNS}, s.csrf_token, s.created_at, s.last_seen_at
             FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.id_hash = ?1 AND u.disabled_at IS NULL"
        );
        let row = self
            .conn
            .query_row(&sql, [id_hash], |r| {
                Ok((user_from_row(r)?, r.get(5)?, r.get(6)?, r.get(7)?))
            })
            .optional()?;
        let Some((user, csrf_token, created_at, last_seen_at)) = row else {
            return Ok(None);
        };
        self.conn.execute(
            "UPDATE sessions SET last_seen_at = ?2 WHERE id_hash = ?1",
            params![id_hash, now()],
        )?;
        Ok(Some(Session {
            user: to_user(user)?,
            csrf_token,
            created_at,
            last_seen_at,
        }))
    }

    pub fn end_session(&mut self, id_hash: &str) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM sessions WHERE id_hash = ?1", [id_hash])?;
        Ok(())
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT value FROM console_settings WHERE key = ?1",
                [key],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO console_settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }
}

/// A first "confirmed" review waiting for a second reviewer (four-eyes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingReview {
    pub alert_id: i64,
    pub reviewer: String,
    pub reason: String,
    pub reviewed_at: String,
}

impl Store {
    pub fn pending_review(&self, alert_id: i64) -> Result<Option<PendingReview>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT alert_id, reviewer, reason, reviewed_at FROM alert_reviews
                 WHERE alert_id = ?1",
                [alert_id],
                |r| {
                    Ok(PendingReview {
                        alert_id: r.get(0)?,
                        reviewer: r.get(1)?,
                        reason: r.get(2)?,
                        reviewed_at: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// The ids of all alerts awaiting a second review.
    pub fn pending_reviews(&self) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT alert_id FROM alert_reviews")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn add_pending_review(
        &mut self,
        alert_id: i64,
        reviewer: &str,
        reason: &str,
    ) -> Result<(), StoreError> {
        let inserted = self.conn.execute(
            "INSERT INTO alert_reviews (alert_id, reviewer, reason, reviewed_at)
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT (alert_id) DO NOTHING",
            params![alert_id, reviewer, reason, now()],
        )?;
        if inserted == 0 {
            return Err(StoreError::Invalid(format!(
                "alert {alert_id} already awaits a second review"
            )));
        }
        Ok(())
    }

    pub fn clear_pending_review(&mut self, alert_id: i64) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM alert_reviews WHERE alert_id = ?1", [alert_id])?;
        Ok(())
    }
}

/// Now as the fixed-width RFC 3339 UTC text the session cutoffs compare against.
fn now() -> String {
    session_time(chrono::Utc::now())
}

pub fn session_time(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        (dir, store)
    }

    fn cutoffs_far_past() -> (String, String) {
        let past = session_time(chrono::Utc::now() - chrono::Duration::hours(1));
        (past.clone(), past)
    }

    #[test]
    fn user_names_are_unique_and_validated() {
        let (_dir, mut store) = store();
        store.create_user("ana", Role::Analyst, "h").unwrap();
        assert!(store.create_user("ana", Role::Admin, "h").is_err());
        assert!(store.create_user("<script>", Role::Admin, "h").is_err());
        assert!(store.create_user(" ", Role::Admin, "h").is_err());
        assert_eq!(store.users().unwrap()[0].role, Role::Analyst);
    }

    #[test]
    fn disabling_a_user_ends_its_sessions_at_once() {
        let (_dir, mut store) = store();
        let user = store.create_user("ana", Role::Analyst, "h").unwrap();
        store.create_session(user.id, "hash1", "csrf").unwrap();
        let (created, seen) = cutoffs_far_past();
        let cutoffs = SessionCutoffs {
            created_after: &created,
            seen_after: &seen,
        };
        assert!(store.live_session("hash1", cutoffs).unwrap().is_some());
        assert!(store.disable_user("ana").unwrap());
        assert!(store.live_session("hash1", cutoffs).unwrap().is_none());
        assert!(store.user_credentials("ana").unwrap().is_none());
        assert!(!store.disable_user("ana").unwrap());
    }

    #[test]
    fn expired_sessions_are_refused_and_deleted() {
        let (_dir, mut store) = store();
        let user = store.create_user("ana", Role::Analyst, "h").unwrap();
        store.create_session(user.id, "hash1", "csrf").unwrap();
        let future = session_time(chrono::Utc::now() + chrono::Duration::seconds(5));
        let (past, _) = cutoffs_far_past();
        let idle_expired = SessionCutoffs {
            created_after: &past,
            seen_after: &future,
        };
        assert!(store.live_session("hash1", idle_expired).unwrap().is_none());
        let (created, seen) = cutoffs_far_past();
        let ok = SessionCutoffs {
            created_after: &created,
            seen_after: &seen,
        };
        assert!(
            store.live_session("hash1", ok).unwrap().is_none(),
            "deleted"
        );
    }
}
