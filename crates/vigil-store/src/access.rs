//! The access version: a counter the store bumps (by trigger, in the same transaction) on
//! every change to API keys, partners and grants. Servers cache verified credentials only
//! while it stands still, so a revocation takes effect on the next request, on every
//! process sharing the store, without a time-to-live.

use crate::{Store, StoreError};
use std::collections::HashMap;
use std::sync::RwLock;

impl Store {
    /// The current access version (one primary-key read).
    pub fn access_version(&self) -> Result<i64, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT version FROM access_version WHERE id = 1")?;
        Ok(stmt.query_row([], |row| row.get(0))?)
    }
}

/// Verified credentials, valid for one access version: looking up under a newer version
/// empties the cache first.
pub struct AccessCache<T> {
    inner: RwLock<Entries<T>>,
}

struct Entries<T> {
    version: i64,
    by_key: HashMap<String, T>,
}

impl<T: Clone> Default for AccessCache<T> {
    fn default() -> Self {
        AccessCache {
            inner: RwLock::new(Entries {
                version: i64::MIN,
                by_key: HashMap::new(),
            }),
        }
    }
}

impl<T: Clone> AccessCache<T> {
    /// The entry cached for `key`, if it was verified at `version`.
    pub fn get(&self, version: i64, key: &str) -> Option<T> {
        let entries = self.inner.read().ok()?;
        (entries.version == version)
            .then(|| entries.by_key.get(key).cloned())
            .flatten()
    }

    /// Caches an entry verified at `version` (read before the verification, so a change
    /// committed in between moves the version and drops the entry again).
    pub fn insert(&self, version: i64, key: String, value: T) {
        let Ok(mut entries) = self.inner.write() else {
            return;
        };
        if version > entries.version {
            entries.version = version;
            entries.by_key.clear();
        }
        if version == entries.version {
            entries.by_key.insert(key, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Role;

    #[test]
    fn every_key_change_moves_the_version_and_empties_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let v0 = store.access_version().unwrap();
        store.create_api_key("a", Role::Screener).unwrap();
        let v1 = store.access_version().unwrap();
        assert!(v1 > v0);
        let cache = AccessCache::default();
        cache.insert(v1, "h".into(), 1);
        assert_eq!(cache.get(v1, "h"), Some(1));
        store.set_api_key_role("a", Role::Analyst).unwrap();
        let v2 = store.access_version().unwrap();
        assert!(v2 > v1);
        assert_eq!(cache.get(v2, "h"), None);
        cache.insert(v2, "h".into(), 2);
        // A late insert from a request that read the old version is not kept.
        cache.insert(v1, "h".into(), 1);
        assert_eq!(cache.get(v2, "h"), Some(2));
        store.revoke_api_key("a").unwrap();
        assert!(store.access_version().unwrap() > v2);
    }
}
