//! Intelligence sharing between partner agencies (issue 9): STIX 2.1 designations and
//! sightings, a TAXII 2.1 server (an axum `Router` that `vigil serve` mounts under
//! `/taxii2/`), a TAXII 2.1 client for pulling from partners, and TLP enforcement.
//!
//! - [`stix`]: entities ↔ STIX objects; validation of posted objects.
//! - [`server`]: the TAXII server; partners authenticate with HTTP Basic or `Bearer`.
//! - [`publish`]: this node's lists and confirmed alerts into its collections.
//! - [`pull`] and [`client`]: a partner's collection into the list `partner:NAME`.
//! - [`partners`]: creating partners (hashed passwords) and granting collections.
//! - [`tlp`]: levels and marking definitions.

pub mod client;
pub mod credentials;
pub mod ids;
pub mod partners;
pub mod publish;
pub mod pull;
pub mod server;
pub mod stix;
pub mod time;
pub mod tlp;

pub use server::{taxii_router, TaxiiConfig};
pub use tlp::Tlp;

/// Why a sharing operation failed; messages name the partner, URL, object or field.
#[derive(Debug, thiserror::Error)]
pub enum ShareError {
    #[error(transparent)]
    Store(#[from] vigil_store::StoreError),
    #[error("{0}")]
    Invalid(String),
    #[error("{url}: {message}")]
    Http { url: String, message: String },
    #[error("stored sharing data is damaged: {0}")]
    Corrupt(String),
}
