//! The console's stylesheet and script, embedded in the binary (no CDN: the console works on
//! an air-gapped network).

use crate::Console;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

const CSS: &str = include_str!("../assets/console.css");
const JS: &str = include_str!("../assets/console.js");

pub fn routes() -> Router<Console> {
    Router::new()
        .route("/assets/console.css", get(css))
        .route("/assets/console.js", get(js))
}

async fn css() -> impl IntoResponse {
    asset("text/css; charset=utf-8", CSS)
}

async fn js() -> impl IntoResponse {
    asset("text/javascript; charset=utf-8", JS)
}

fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
}
