use std::path::PathBuf;

/// Why a store operation failed. Messages name the list, entity or file concerned.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store {path}: {message}")]
    Open { path: PathBuf, message: String },
    #[error(
        "store {path}: its schema is at migration {found}, newer than this Vigil knows \
         ({known}); use a newer Vigil or another --data-dir"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error(
        "list {list}: refusing to import a list with no entities \
         (it would remove every entity of the list)"
    )]
    EmptyList { list: String },
    #[error(
        "list {list}: refusing to import: the new version removes {removed} of the {stored} \
         entities of version {version} (more than {max}%), leaving {remaining}; a truncated \
         or partial file? Check it, or pass --allow-shrink if the removals are real",
        max = crate::MAX_REMOVED_PERCENT
    )]
    Shrink {
        list: String,
        version: u32,
        stored: u64,
        removed: u64,
        remaining: u64,
    },
    #[error(
        "list {list}: refusing to import: the file is dated {new}, before version \
         {version} ({stored}); an old copy? Pass --allow-shrink to import it anyway"
    )]
    DateBackwards {
        list: String,
        version: u32,
        stored: String,
        new: String,
    },
    #[error("list {list}: entity {entity_id} appears more than once")]
    DuplicateEntity { list: String, entity_id: String },
    #[error("list {list}: entity id {entity_id:?} does not start with \"{list}:\"")]
    ForeignEntity { list: String, entity_id: String },
    #[error("no list named {0:?} in the store (see `vigil lists`)")]
    UnknownSource(String),
    #[error("list {list} has no version {version} (versions 1 to {latest} exist)")]
    UnknownVersion {
        list: String,
        version: u32,
        latest: u32,
    },
    #[error("{0}")]
    Invalid(String),
    #[error("store: record {what} is damaged: {message}")]
    Corrupt { what: String, message: String },
}
