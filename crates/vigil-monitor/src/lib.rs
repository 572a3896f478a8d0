//! Ongoing monitoring (issue 8): subjects (customers, passengers) are kept in the store and
//! re-screened whenever a list changes; hits become alerts that analysts decide; new alerts
//! are notified to webhooks.
//!
//! - [`subjects`]: importing subject sets from CSV or JSON, all or nothing, validated with
//!   `Query::from_fields`; imported subjects are screened at once.
//! - [`candidates`]: which subjects a changed entity could affect, found through an index
//!   over the subjects (the matcher's own index plus phonetic-key blocking), so a daily list
//!   change re-screens a few subjects, not the whole base.
//! - [`rescreen`]: [`after_import`], the hook every list import calls, and alert raising
//!   (a false positive is not raised again until the entity's record changes).
//! - [`decide`]: the analyst workflow open → confirmed / false positive.
//! - [`webhook`]: signed (HMAC-SHA256) notifications from a durable outbox, with retries
//!   and exponential backoff.

pub mod candidates;
pub mod decide;
mod error;
pub mod rescreen;
pub mod subjects;
pub mod webhook;

pub use candidates::{SubjectCache, SubjectIndex};
pub use decide::{decide, parse_decision};
pub use error::MonitorError;
pub use rescreen::{after_import, MonitorOptions, MonitorReport};
pub use subjects::{
    import_subjects, parse_csv, validate, validate_all, validate_set, SubjectInput, SubjectsReport,
};
pub use webhook::{
    deliver_due, deliver_pending, sign, DeliveryReport, RetryPolicy, SIGNATURE_HEADER,
};
