//! UN SC consolidated list: being written.
