//! The one entity model shared by every part of Vigil.
//!
//! Parsers (`vigil-lists`) produce [`Entity`] values, the store keeps them, the matcher
//! indexes them, and message readers (`vigil-formats`) produce [`Query`] values screened
//! against them. Nothing here does I/O.

mod country;
mod country_table;
mod date;
mod entity;
pub mod ftm;
pub mod limits;
mod query;
mod source;

pub use country::{country_by_alpha3, country_name, lookup_country, Country};
pub use date::{DateError, DateSpec, PartialDate};
pub use entity::{
    Address, Document, DocumentKind, Entity, Gender, Identifier, IdentifierKind, Link, Name,
    NameKind, NamePart, NamePartKind, Schema, PARTNER_ENTITY_ID,
};
pub use ftm::{dataset_name as ftm_dataset_name, ftm_id, is_ftm_id, is_ftm_schema};
pub use query::{Query, QueryError};
pub use source::{
    check_source_name, check_stored_source_name, SourceNameError, PARTNER_SOURCE_PREFIX,
    SOURCE_NAME_RULE,
};
