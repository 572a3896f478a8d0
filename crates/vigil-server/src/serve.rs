//! Running the service: runtime, limits, background index loading, list-change watching,
//! graceful shutdown.

use crate::state::{AppState, Limits};
use axum::error_handling::HandleErrorLayer;
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::IntoResponse;
use axum::BoxError;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;
use tower::ServiceBuilder;
use tower_http::cors::{AllowOrigin, CorsLayer};

/// How often the service looks for list versions imported by another process (the CLI).
const WATCH_INTERVAL: Duration = Duration::from_secs(5);

/// Builds routes served beside the API on the same port (the web console), from the state.
pub type Mount = Box<dyn FnOnce(AppState) -> axum::Router + Send>;

/// Serves until Ctrl-C or SIGTERM; `mount` adds routes beside the API (the web console).
pub fn serve(
    addr: SocketAddr,
    data_dir: PathBuf,
    limits: Limits,
    no_auth: bool,
    mount: Mount,
) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    cors(&limits.cors_origins)?;
    runtime.block_on(async move {
        let state = AppState::new(data_dir, limits, no_auth)?;
        if no_auth {
            tracing::warn!("AUTHENTICATION IS OFF (--no-auth): anyone who can reach {addr} may screen, read and import lists. For local demos only.");
            eprintln!("WARNING: authentication is off (--no-auth). For local demos only.");
        }
        let listener = tokio::net::TcpListener::bind(addr).await?;
        eprintln!("vigil serving on http://{}", listener.local_addr()?);
        spawn_loader(state.clone());
        crate::routes::monitor::spawn_webhook_worker(state.clone());
        axum::serve(listener, app_with(state.clone(), mount)).with_graceful_shutdown(shutdown()).await?;
        state.audit.flush();
        eprintln!("vigil stopped; audit trail flushed");
        Ok(())
    })
}

/// The router with the service's limits (and CORS, when origins are allowed) applied;
/// body limits are set per route.
pub fn app(state: AppState) -> axum::Router {
    app_with(state, Box::new(|_| axum::Router::new()))
}

/// The API and the mounted routes, with the service's limits applied to both.
pub fn app_with(state: AppState, mount: Mount) -> axum::Router {
    let limits = state.limits.clone();
    let router = crate::router(state.clone()).merge(mount(state));
    let router = match cors(&limits.cors_origins) {
        Ok(Some(layer)) => router.layer(layer),
        _ => router,
    };
    router
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(overloaded))
                .load_shed()
                .concurrency_limit(limits.max_concurrency)
                .timeout(limits.request_timeout),
        )
        .layer(axum::middleware::map_response(crate::error::json_errors))
}

/// The CORS layer for the allowed origins (`None` when there are none); an origin that is
/// not `http(s)://host[:port]` is an error at startup.
fn cors(origins: &[String]) -> anyhow::Result<Option<CorsLayer>> {
    if origins.is_empty() {
        return Ok(None);
    }
    let mut allowed = Vec::with_capacity(origins.len());
    for origin in origins {
        let origin = origin.trim();
        let shaped = (origin.starts_with("https://") || origin.starts_with("http://"))
            && !origin
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .contains('/');
        anyhow::ensure!(
            shaped,
            "CORS origin {origin:?}: expected scheme://host[:port], no path"
        );
        allowed.push(HeaderValue::from_str(origin)?);
    }
    let request_id = HeaderName::from_static("x-request-id");
    Ok(Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(allowed))
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([
                header::AUTHORIZATION,
                header::CONTENT_TYPE,
                request_id.clone(),
            ])
            .expose_headers([request_id, HeaderName::from_static("x-batch-size")]),
    ))
}

async fn overloaded(err: BoxError) -> impl IntoResponse {
    let (status, message) = if err.is::<tower::timeout::error::Elapsed>() {
        (StatusCode::GATEWAY_TIMEOUT, "the request took too long")
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "the service is at capacity; retry shortly",
        )
    };
    crate::error::ApiError::new(status, message).into_response()
}

/// Loads the index in the background (readyz says "loading" until then), then keeps
/// watching the store for versions imported by other processes.
pub fn spawn_loader(state: AppState) {
    tokio::spawn(async move {
        loop {
            let s = state.clone();
            match tokio::task::spawn_blocking(move || s.store_signature()).await {
                Ok(Ok(signature)) if state.served_signature().as_ref() != Some(&signature) => {
                    let s = state.clone();
                    match tokio::task::spawn_blocking(move || s.reload()).await {
                        Ok(Ok(())) => {}
                        Ok(Err(e)) => tracing::error!("loading the lists failed: {e}"),
                        Err(e) => tracing::error!("loading the lists panicked: {e}"),
                    }
                }
                Ok(Ok(_)) => {}
                Ok(Err(e)) => tracing::error!("reading the store failed: {e}"),
                Err(e) => tracing::error!("reading the store panicked: {e}"),
            }
            tokio::time::sleep(WATCH_INTERVAL).await;
        }
    });
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
