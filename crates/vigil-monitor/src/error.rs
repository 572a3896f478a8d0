use vigil_store::StoreError;

/// Why a monitoring operation failed; messages name the file, line or field concerned.
#[derive(Debug, thiserror::Error)]
pub enum MonitorError {
    /// A subject row or object is invalid: `location` is e.g. `customers.csv: line 4` or
    /// `[3]`.
    #[error("{location}: {message}")]
    Subject { location: String, message: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Invalid(String),
}
