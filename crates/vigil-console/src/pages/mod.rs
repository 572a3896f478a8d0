//! One module per page. Handlers are thin: check the session's role (and the CSRF token on
//! posts), call the library functions the JSON API calls, render.

mod alerts;
mod audit;
mod batch;
mod entity;
mod lists;
mod login;
mod review;
mod screen;
mod sharing;
mod subjects;
mod values;

use crate::error::PageError;
use crate::Console;
use axum::response::Redirect;
use axum::routing::get;
use axum::Router;
use vigil_store::Store;

pub fn routes(max_upload_bytes: usize) -> Router<Console> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/screen") }))
        .route("/login", get(login::form).post(login::sign_in))
        .route("/logout", axum::routing::post(login::sign_out))
        .route("/screen", get(screen::form).post(screen::screen))
        .route("/batch", get(batch::form).post(batch::upload))
        .route("/batch/{id}", get(batch::show))
        .route("/batch/{id}/status", get(batch::status))
        .route("/batch/{id}/hits.csv", get(batch::hits_csv))
        .route("/batch/{id}/hits.jsonl", get(batch::hits_jsonl))
        .route("/alerts", get(alerts::queue))
        .route("/alerts/settings", axum::routing::post(review::settings))
        .route("/alerts/{id}", get(review::alert))
        .route("/alerts/{id}/decision", axum::routing::post(review::decide))
        .route("/audit", get(audit::audit))
        .route("/subjects", get(subjects::page).post(subjects::import))
        .route("/sharing", get(sharing::page))
        .route("/entity/{id}", get(entity::entity))
        .route("/lists", get(lists::lists))
        .route("/lists/{source}/diff", get(lists::diff))
        // Multipart uploads may reach the configured size plus the form's own overhead;
        // the upload reader gives the clear error at the exact limit.
        .layer(axum::extract::DefaultBodyLimit::max(
            max_upload_bytes + 64 * 1024,
        ))
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
