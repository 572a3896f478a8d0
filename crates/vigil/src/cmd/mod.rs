//! One module per subcommand; each parses its flags and calls the library crates.

pub mod alerts;
pub mod audit;
pub mod compare;
pub mod entity;
pub mod export;
pub mod keys;
pub mod lists;
pub mod partners;
pub mod payments;
pub mod scan;
pub mod screen;
pub mod serve;
pub mod share;
pub mod subjects;
pub mod travel;
pub mod users;
