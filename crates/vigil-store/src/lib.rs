//! Embedded SQLite store (placeholder API until the store lands).

use std::path::Path;
use vigil_core::Entity;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

pub struct Store {
    _conn: rusqlite::Connection,
}

impl Store {
    /// Opens (creating and migrating) the store in `data_dir`.
    pub fn open(data_dir: &Path) -> Result<Store, StoreError> {
        let _ = std::fs::create_dir_all(data_dir);
        Ok(Store {
            _conn: rusqlite::Connection::open(data_dir.join("vigil.db"))?,
        })
    }

    /// Every entity of the latest version of every list.
    pub fn current_entities(&self) -> Result<Vec<Entity>, StoreError> {
        Ok(Vec::new())
    }
}
