//! One module per page. Handlers are thin: check the session's role (and the CSRF token on
//! posts), call the library functions the JSON API calls, render.

mod entity;
mod lists;
mod login;
mod screen;
mod values;

use crate::error::PageError;
use crate::Console;
use axum::response::Redirect;
use axum::routing::get;
use axum::Router;
use vigil_store::{Store, StoreError};

pub fn routes() -> Router<Console> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/screen") }))
        .route("/login", get(login::form).post(login::sign_in))
        .route("/logout", axum::routing::post(login::sign_out))
        .route("/screen", get(screen::form).post(screen::screen))
        .route("/entities/{id}", get(entity::entity))
        .route("/lists", get(lists::lists))
        .route("/lists/{source}/diff", get(lists::diff))
}

/// Runs a store operation on a blocking thread (SQLite is synchronous).
pub async fn db<T: Send + 'static>(
    console: &Console,
    work: impl FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, PageError> {
    let data_dir = console.app.data_dir.clone();
    tokio::task::spawn_blocking(move || {
        let mut store = Store::open(&data_dir)?;
        work(&mut store)
    })
    .await
    .map_err(PageError::internal)?
    .map_err(PageError::from)
}
