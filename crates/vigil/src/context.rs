//! What every command shares: where the store is, and how to load the match index from it.

use crate::cmd::lists::fetch::{fetch_and_import, OFFICIAL_SOURCES};
use anyhow::Context as _;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Mutex;
use vigil_match::MatchIndex;
use vigil_store::Store;

pub struct Context {
    pub data_dir: PathBuf,
    /// What the running command adds to its audit record (see `trail`).
    note: Mutex<Option<Value>>,
}

impl Context {
    pub fn new(data_dir: PathBuf) -> Context {
        Context {
            data_dir,
            note: Mutex::new(None),
        }
    }

    /// Sets the summary the command's audit record carries (its results, counts).
    pub fn note(&self, summary: Value) {
        *self.note.lock().unwrap_or_else(|e| e.into_inner()) = Some(summary);
    }

    pub fn take_note(&self) -> Option<Value> {
        self.note.lock().unwrap_or_else(|e| e.into_inner()).take()
    }

    pub fn open_store(&self) -> anyhow::Result<Store> {
        Store::open(&self.data_dir)
            .with_context(|| format!("opening the store in {}", self.data_dir.display()))
    }

    /// Loads the latest version of every list into a match index, after
    /// [`Context::ensure_lists`].
    pub fn load_index(&self) -> anyhow::Result<MatchIndex> {
        let store = self.ensure_lists()?;
        Ok(MatchIndex::build(store.current_entities()?))
    }

    /// Opens the store; a store with no lists at all (a fresh machine) first gets the
    /// official lists downloaded into it, so `vigil screen` or `vigil serve` works as the
    /// first command. A store holding any list is used as is.
    pub fn ensure_lists(&self) -> anyhow::Result<Store> {
        let mut store = self.open_store()?;
        if store.lists()?.is_empty() {
            eprintln!(
                "No lists in {} yet: downloading the official lists ({}) first.",
                self.data_dir.display(),
                OFFICIAL_SOURCES.join(", ")
            );
            fetch_and_import(
                &mut store,
                &OFFICIAL_SOURCES,
                &mut |line| eprintln!("{line}"),
                false,
                vigil_store::ImportPolicy::default(),
            )
            .context("fetching the official lists into an empty store")?;
        }
        Ok(store)
    }
}
