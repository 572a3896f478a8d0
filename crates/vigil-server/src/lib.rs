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

pub use auth::Caller;
pub use routes::screen::{
    options as screen_options, summary as screen_summary, to_query, QueryResults, ScreenQuery,
};
pub use routes::{audit_summary, router};
pub use serve::{app, app_with, serve, spawn_loader, Mount};
pub use state::{AppState, Limits, Served, ServedList};
