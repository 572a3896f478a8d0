//! Payment screening: being written.
