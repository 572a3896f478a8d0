//! Numbered schema migrations. Each later feature (API keys, audit log, subjects, alerts,
//! partners) adds a `migrations/NNNN_name.sql` file and one line to [`MIGRATIONS`]; applied
//! migrations are recorded in `schema_migrations` and never run twice.

use crate::StoreError;
use rusqlite::{params, Connection};
use std::path::Path;

pub(crate) struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

/// In order; versions are 1, 2, 3, ... with no gaps. Never edit a released migration:
/// add a new one.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "lists",
        sql: include_str!("../migrations/0001_lists.sql"),
    },
    Migration {
        version: 2,
        name: "keys_audit",
        sql: include_str!("../migrations/0002_keys_audit.sql"),
    },
    Migration {
        version: 3,
        name: "monitoring",
        sql: include_str!("../migrations/0003_monitoring.sql"),
    },
    Migration {
        version: 4,
        name: "sharing",
        sql: include_str!("../migrations/0004_sharing.sql"),
    },
    Migration {
        version: 5,
        name: "roles",
        sql: include_str!("../migrations/0005_roles.sql"),
    },
    Migration {
        version: 6,
        name: "access_and_ownership",
        sql: include_str!("../migrations/0006_access_and_ownership.sql"),
    },
    Migration {
        version: 7,
        name: "console_users",
        sql: include_str!("../migrations/0007_console_users.sql"),
    },
];

/// Brings the schema up to date, each migration in its own transaction.
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version    INTEGER PRIMARY KEY,
             name       TEXT NOT NULL,
             applied_at TEXT NOT NULL
         )",
    )?;
    let current: i64 = conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
        [],
        |row| row.get(0),
    )?;
    let known = MIGRATIONS.last().map_or(0, |m| m.version);
    if current > known {
        return Err(StoreError::TooNew {
            path: path.to_owned(),
            found: current,
            known,
        });
    }
    for migration in MIGRATIONS.iter().filter(|m| m.version > current) {
        let tx = conn.transaction()?;
        tx.execute_batch(migration.sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            params![
                migration.version,
                migration.name,
                chrono::Utc::now().to_rfc3339()
            ],
        )?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_consecutive_from_one() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version, i as i64 + 1, "migration {}", m.name);
        }
    }
}
