//! The screening engine: normalise → transliterate → index (candidates) → score.
//!
//! PUBLIC API (stable: the CLI, the server, the message readers and the benchmarks use it).
//! The bodies below are placeholders until the engine lands.

pub mod translit;

use serde::Serialize;
use vigil_core::{Entity, Query, Schema};

/// Scores at or above this mean "alert" unless the caller sets another threshold.
pub const DEFAULT_THRESHOLD: f64 = 0.80;

#[derive(Debug, Clone)]
pub struct ScreenOptions {
    /// Results below this score are dropped (0 keeps every candidate).
    pub threshold: f64,
    /// At most this many results, best first.
    pub limit: usize,
}

impl Default for ScreenOptions {
    fn default() -> Self {
        ScreenOptions {
            threshold: DEFAULT_THRESHOLD,
            limit: 10,
        }
    }
}

/// One screening result.
#[derive(Debug, Clone, Serialize)]
pub struct Match {
    pub entity_id: String,
    pub score: f64,
    pub matched_name: String,
    pub schema: Schema,
    pub caption: String,
    pub explanation: serde_json::Value,
}

/// The outcome of comparing two names.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub score: f64,
    pub explanation: serde_json::Value,
}

/// The loaded, searchable set of listed entities.
pub struct MatchIndex {
    entities: Vec<Entity>,
}

impl MatchIndex {
    pub fn build(entities: Vec<Entity>) -> MatchIndex {
        MatchIndex { entities }
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// Screens one query; results best first, at or above the threshold, at most `limit`.
    pub fn screen(&self, _query: &Query, _options: &ScreenOptions) -> Vec<Match> {
        Vec::new()
    }
}

/// Compares two names (as a screening analyst would compare a query with a listed name).
pub fn compare(_a: &str, _b: &str, _schema: Option<Schema>) -> Comparison {
    Comparison {
        score: 0.0,
        explanation: serde_json::Value::Null,
    }
}
