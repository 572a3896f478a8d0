//! Vigil's embedded SQLite store (`<data dir>/vigil.db`).
//!
//! Lists are kept as numbered versions per source. Entity records are content-addressed
//! (SHA-256 of canonical JSON), so a version only adds the entities that changed; each
//! version also keeps its diff against the previous one. Later features add their tables
//! through numbered migrations (see `migrations.rs`).

mod access;
mod audit;
mod contributions;
mod error;
mod guard;
mod import;
mod keys;
mod migrations;
mod model;
mod monitor;
mod read;
mod record;
mod sharing;
mod users;

pub use access::AccessCache;
pub use audit::AuditRecord;
pub use contributions::Contributor;
pub use error::StoreError;
pub use guard::{ImportPolicy, MAX_REMOVED_PERCENT};
pub use keys::{hash_api_key, ApiKey, Permission, Role};
pub use model::{
    ChangedEntity, EntityRecord, EntitySummary, ImportOutcome, ListDiff, ListVersion,
    UnchangedReason,
};
pub use monitor::{
    Alert, AlertStatus, CurrentRecord, Delivery, NewAlert, PairState, Subject, SubjectFields,
    Webhook,
};
pub use record::FieldChange;
pub use sharing::{
    Grant, NewObject, NewPartner, ObjectQuery, Partner, Published, StoredObject, TaxiiCollection,
    VersionMatch,
};
pub use users::{session_time, PendingReview, Session, SessionCutoffs, User};

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// The store's file name inside the data directory.
    pub const FILE_NAME: &'static str = "vigil.db";

    /// Opens (creating and migrating) the store in `data_dir`.
    pub fn open(data_dir: &Path) -> Result<Store, StoreError> {
        let path = data_dir.join(Self::FILE_NAME);
        let open_error = |message: String| StoreError::Open {
            path: path.clone(),
            message,
        };
        std::fs::create_dir_all(data_dir)
            .map_err(|e| open_error(format!("cannot create {}: {e}", data_dir.display())))?;
        let mut conn = Connection::open(&path).map_err(|e| open_error(e.to_string()))?;
        // Another process (the server, a second CLI) may hold the write lock briefly.
        conn.busy_timeout(Duration::from_secs(10))
            .map_err(|e| open_error(e.to_string()))?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| open_error(format!("cannot enable WAL: {e}")))?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| open_error(e.to_string()))?;
        // Imports touch tens of MB of pages; a 64 MiB cache keeps them from spilling.
        conn.pragma_update(None, "cache_size", -65536)
            .map_err(|e| open_error(e.to_string()))?;
        // Safe with WAL: a crash may lose the last commit but never corrupts the file.
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| open_error(e.to_string()))?;
        migrations::migrate(&mut conn, &path).map_err(|e| match e {
            StoreError::Sqlite(e) => open_error(format!("cannot migrate the schema: {e}")),
            other => other,
        })?;
        Ok(Store { conn, path })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}
