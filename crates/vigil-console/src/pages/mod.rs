//! One module per page. Handlers are thin: check the session's role (and the CSRF token on
//! posts), call the library functions the JSON API calls, render.

mod alerts;
mod audit;
mod entity;
mod lists;
mod login;
mod review;
mod screen;
mod values;

use crate::error::PageError;
use crate::Console;
use axum::response::Redirect;
use axum::routing::get;
use axum::Router;
use vigil_store::Store;

pub fn routes() -> Router<Console> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/screen") }))
        .route("/login", get(login::form).post(login::sign_in))
        .route("/logout", axum::routing::post(login::sign_out))
        .route("/screen", get(screen::form).post(screen::screen))
        .route("/alerts", get(alerts::queue))
        .route("/alerts/settings", axum::routing::post(review::settings))
        .route("/alerts/{id}", get(review::alert))
        .route("/alerts/{id}/decision", axum::routing::post(review::decide))
        .route("/audit", get(audit::audit))
        .route("/entities/{id}", get(entity::entity))
        .route("/lists", get(lists::lists))
        .route("/lists/{source}/diff", get(lists::diff))
}

/// Runs a store operation on a blocking thread (SQLite is synchronous).
pub async fn db<T: Send + 'static>(
    console: &Console,
    work: impl FnOnce(&mut Store) -> Result<T, PageError> + Send + 'static,
) -> Result<T, PageError> {
    let data_dir = console.app.data_dir.clone();
    tokio::task::spawn_blocking(move || {
        let mut store = Store::open(&data_dir).map_err(PageError::from)?;
        work(&mut store)
    })
    .await
    .map_err(PageError::internal)?
}
