//! Romanisation of non-Latin scripts: being written.

/// The Latin rendering of a name written in any script (placeholder: returns the input).
pub fn latinize(text: &str) -> String {
    text.to_owned()
}
