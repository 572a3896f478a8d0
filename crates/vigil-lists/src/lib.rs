//! Designation lists in, entities out: one module per source format, plus fetching.
//!
//! Every parser is all-or-nothing: it returns the whole list or an error naming the file,
//! the line (and column, for XML) and what was expected. Nothing is half-parsed.

mod error;
pub mod ofac_sdn;
pub mod un_sc;

pub use error::ListError;

use vigil_core::Entity;

/// The formats Vigil reads lists in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    /// UN Security Council Consolidated List XML.
    UnSc,
    /// OFAC SDN CSV set: a folder with sdn.csv, alt.csv, add.csv, sdn_comments.csv.
    OfacSdn,
    /// FollowTheMoney JSON lines (OpenSanctions `entities.ftm.json`).
    Ftm,
    /// Vigil's simple CSV (`id,schema,name,aliases,birth_date,nationality,id_number,...`).
    Csv,
}

/// A parsed list, ready to be stored as a new version.
#[derive(Debug, Clone)]
pub struct ParsedList {
    /// The source name, e.g. `un-sc`; entity ids are `<source>:<source id>`.
    pub source: String,
    pub entities: Vec<Entity>,
    /// The file's own date (UN `dateGenerated`; OFAC has none in the CSV), as written.
    pub file_date: Option<String>,
    /// SHA-256 of the raw input bytes (all files, in a fixed order, for a folder).
    pub sha256: String,
    /// Things kept but worth a look: unknown country names, unparsed remarks.
    pub warnings: Vec<String>,
}
