//! Vigil's HTTP service. `router` builds the axum app from explicit state; `serve` runs it.

mod access;
mod audit;
mod auth;
mod error;
mod json;
mod metrics;
mod openapi;
mod routes;
mod serve;
mod state;

pub use routes::router;
pub use serve::{app, serve, spawn_loader};
pub use state::{AppState, Limits};
