//! The one entity model shared by every part of Vigil.
//!
//! Parsers (`vigil-lists`) produce [`Entity`] values, the store keeps them, the matcher
//! indexes them, and message readers (`vigil-formats`) produce [`Query`] values screened
//! against them. Nothing here does I/O.

mod country;
mod country_table;
mod date;
mod entity;
mod ftm;
mod query;

pub use country::{country_by_alpha3, country_name, lookup_country, Country};
pub use date::{DateError, DateSpec, PartialDate};
pub use entity::{
    Address, Document, DocumentKind, Entity, Gender, Identifier, IdentifierKind, Link, Name,
    NameKind, NamePart, NamePartKind, Schema, PARTNER_ENTITY_ID,
};
pub use query::{Query, QueryError};
