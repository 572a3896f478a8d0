//! What every command shares: where the store is, and how to load the match index from it.

use anyhow::Context as _;
use std::path::PathBuf;
use vigil_match::MatchIndex;
use vigil_store::Store;

pub struct Context {
    pub data_dir: PathBuf,
}

impl Context {
    pub fn new(data_dir: PathBuf) -> Context {
        Context { data_dir }
    }

    pub fn open_store(&self) -> anyhow::Result<Store> {
        Store::open(&self.data_dir)
            .with_context(|| format!("opening the store in {}", self.data_dir.display()))
    }

    /// Loads the latest version of every list into a match index.
    pub fn load_index(&self) -> anyhow::Result<MatchIndex> {
        let entities = self.open_store()?.current_entities()?;
        Ok(MatchIndex::build(entities))
    }
}
