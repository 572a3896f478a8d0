//! Travel screening (UN Security Council resolution 2396): passenger and crew manifests in
//! UN/EDIFACT PAXLST or CSV, and passport/ID/visa machine-readable zones, screened traveller
//! by traveller with a verdict: `hit`, `review` or `clear`.
//!
//! Layers: `edifact` (syntax) → `envelope` (UNB/UNG/UNH counts) → `paxlst` (flight and
//! travellers); `manifest_csv`; `mrz`; then `screen` turns travellers into queries.

pub mod dates;
pub mod edifact;
pub mod envelope;
pub mod issue;
pub mod manifest_csv;
pub mod mrz;
pub mod paxlst;
pub mod screen;
pub mod traveller;
pub mod validity;

pub use issue::{Issue, Severity};
pub use screen::{
    screen_manifest, MrzReport, ScreenedTraveller, Summary, TravelError, TravelMatch,
    TravelOptions, TravelReport, TravelScreener, Verdict,
};
pub use traveller::{Flight, Reference, Role, TravelDocument, Traveller};
pub use validity::{DocumentStatus, DocumentValidity};
