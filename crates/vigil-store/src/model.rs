//! What the store reports: list versions, import outcomes, diffs and entity records.

use crate::FieldChange;
use serde::Serialize;
use vigil_core::Entity;

/// One imported version of one list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListVersion {
    pub source: String,
    /// 1, 2, 3, ... per source.
    pub version: u32,
    /// SHA-256 of the raw input file(s).
    pub sha256: String,
    /// The file's own date, as written (UN `dateGenerated`), when it has one.
    pub file_date: Option<String>,
    /// RFC 3339, UTC.
    pub imported_at: String,
    pub entity_count: u64,
    /// Counts against the previous version of the same source (all added for version 1).
    pub added: u64,
    pub removed: u64,
    pub changed: u64,
    /// Parser warnings at import time.
    pub warnings: u64,
}

/// Why an import created no new version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnchangedReason {
    /// The input file(s) have the same SHA-256 as the latest version.
    SameFile,
    /// A different file, but every entity is identical to the latest version.
    SameEntities,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ImportOutcome {
    /// A new version was stored.
    Imported { version: ListVersion },
    /// Nothing was stored; `version` is the latest version, which the input equals.
    Unchanged {
        version: ListVersion,
        reason: UnchangedReason,
    },
}

impl ImportOutcome {
    pub fn version(&self) -> &ListVersion {
        match self {
            ImportOutcome::Imported { version } | ImportOutcome::Unchanged { version, .. } => {
                version
            }
        }
    }
}

/// An entity named in a diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntitySummary {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangedEntity {
    pub id: String,
    pub name: String,
    /// Every top-level field that differs, with old and new values.
    pub fields: Vec<FieldChange>,
}

/// What one version changed against the previous version of the same source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListDiff {
    pub source: String,
    pub version: u32,
    /// `None` for a source's first version (everything is added).
    pub previous_version: Option<u32>,
    pub added: Vec<EntitySummary>,
    pub removed: Vec<EntitySummary>,
    pub changed: Vec<ChangedEntity>,
}

/// An entity as last stored, and whether it is still on its list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityRecord {
    pub entity: Entity,
    /// The latest version of its list that contains it.
    pub version: u32,
    /// The latest version of its list.
    pub latest_version: u32,
    /// The version that removed it, when it is no longer listed.
    pub removed_in: Option<u32>,
}
