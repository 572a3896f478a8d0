//! The service's explicit state: the served index (swapped atomically on list imports),
//! the data directory, metrics, auth and the audit sink.

use crate::audit::AuditSink;
use crate::auth::Auth;
use crate::metrics::{ListLabels, Metrics};
use arc_swap::ArcSwapOption;
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use vigil_core::Entity;
use vigil_match::MatchIndex;
use vigil_store::Store;

/// One list version in the served index, as recorded in audit records.
#[derive(Debug, Clone, Serialize)]
pub struct ServedList {
    pub source: String,
    pub version: u32,
    pub sha256: String,
    /// RFC 3339, UTC (kept out of audit records, which name versions by number and hash).
    #[serde(skip)]
    pub imported_at: String,
}

/// An index and the list versions it was built from; replaced whole, never mutated.
pub struct Served {
    pub index: MatchIndex,
    pub lists: Vec<ServedList>,
    /// FtM id to Vigil id, for the yente routes (`vigil_core::ftm_id` is one-way).
    ftm_ids: HashMap<String, String>,
}

impl Served {
    pub fn new(index: MatchIndex, lists: Vec<ServedList>) -> Served {
        let ftm_ids = index
            .entities()
            .iter()
            .map(|e| (vigil_core::ftm_id(&e.id), e.id.clone()))
            .collect();
        Served {
            index,
            lists,
            ftm_ids,
        }
    }

    /// The entity with this Vigil id or FtM id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.index
            .entity(id)
            .or_else(|| self.index.entity(self.ftm_ids.get(id)?))
    }

    /// The served list whose source or FtM dataset name is `name`.
    pub fn list(&self, name: &str) -> Option<&ServedList> {
        self.lists
            .iter()
            .find(|l| l.source == name || vigil_core::ftm_dataset_name(&l.source) == name)
    }
}

/// Request limits, all configurable from `vigil serve`.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest body of every route but list imports (JSON, messages, text, TAXII posts).
    pub max_body_bytes: usize,
    /// Largest body of `POST /v1/lists/{source}/import` (a whole list, or the OFAC set).
    pub max_import_bytes: usize,
    pub max_batch: usize,
    pub request_timeout: Duration,
    pub max_concurrency: usize,
    /// Browser origins allowed to call the API (CORS); empty: none.
    pub cors_origins: Vec<String>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 8 << 20,
            max_import_bytes: 256 << 20,
            max_batch: 1000,
            request_timeout: Duration::from_secs(30),
            max_concurrency: 512,
            cors_origins: Vec::new(),
        }
    }
}

pub struct Inner {
    pub data_dir: PathBuf,
    pub limits: Limits,
    pub metrics: Metrics,
    pub auth: Auth,
    pub audit: AuditSink,
    served: ArcSwapOption<Served>,
}

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(data_dir: PathBuf, limits: Limits, no_auth: bool) -> anyhow::Result<AppState> {
        let audit = AuditSink::start(&data_dir)?;
        let auth = Auth::new(data_dir.clone(), no_auth);
        Ok(AppState(Arc::new(Inner {
            data_dir,
            limits,
            metrics: Metrics::new(),
            auth,
            audit,
            served: ArcSwapOption::empty(),
        })))
    }

    /// The index being served, or `None` until the first load finishes. Callers keep the
    /// `Arc` for the whole request, so an index swap never affects a request in flight.
    pub fn served(&self) -> Option<Arc<Served>> {
        self.served.load_full()
    }

    /// What identifies the store's current lists: (source, version) pairs. A change means
    /// another process imported a list.
    pub fn store_signature(&self) -> Result<Vec<(String, u32)>, vigil_store::StoreError> {
        let store = Store::open(&self.data_dir)?;
        Ok(store
            .lists()?
            .into_iter()
            .map(|l| (l.source, l.version))
            .collect())
    }

    /// The (source, version) pairs of the index being served.
    pub fn served_signature(&self) -> Option<Vec<(String, u32)>> {
        let served = self.served()?;
        Some(
            served
                .lists
                .iter()
                .map(|l| (l.source.clone(), l.version))
                .collect(),
        )
    }

    /// Loads the latest list versions from the store, builds an index and swaps it in.
    /// Blocking: call from a blocking thread.
    pub fn reload(&self) -> Result<(), vigil_store::StoreError> {
        let store = Store::open(&self.data_dir)?;
        let lists = store
            .lists()?
            .into_iter()
            .map(|l| ServedList {
                source: l.source,
                version: l.version,
                sha256: l.sha256,
                imported_at: l.imported_at,
            })
            .collect::<Vec<_>>();
        let index = MatchIndex::build(store.current_entities()?);
        self.metrics.index_entities.set(index.len() as i64);
        self.metrics.list_version.clear();
        for list in &lists {
            let labels = ListLabels {
                source: list.source.clone(),
                sha256: list.sha256.clone(),
            };
            self.metrics
                .list_version
                .get_or_create(&labels)
                .set(i64::from(list.version));
        }
        self.served.store(Some(Arc::new(Served::new(index, lists))));
        self.metrics.index_swaps.inc();
        Ok(())
    }
}
