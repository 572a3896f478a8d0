//! Travel screening: being written.
