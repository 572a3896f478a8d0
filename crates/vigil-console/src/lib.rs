//! Vigil's analyst web console, served by `vigil serve` at `/` beside the JSON API.
//!
//! Pages are rendered on the server (maud) from the same library calls as the API handlers:
//! `MatchIndex::screen`, `vigil_monitor::decide`, the store's readers, and the same audit
//! trail. People sign in as console users (`vigil users add`); sessions live in the store and
//! are checked on every request, every form carries the session's CSRF token, and every page
//! checks the same [`vigil_store::Permission`] as its JSON counterpart.

mod assets;
mod error;
mod jobs;
mod layout;
mod pages;
mod password;
mod rate_limit;
mod session;
mod upload;

pub use password::hash_password;

use axum::Router;
use std::sync::Arc;
use std::time::Duration;
use vigil_server::AppState;

/// How the console treats sessions and uploads; `vigil serve` flags set these.
#[derive(Debug, Clone)]
pub struct ConsoleConfig {
    /// Mark the session cookie `Secure` (the console is behind TLS). A request arriving with
    /// `X-Forwarded-Proto: https` gets a `Secure` cookie either way.
    pub cookie_secure: bool,
    /// A session unused this long is over.
    pub idle_timeout: Duration,
    /// A session is over this long after sign-in, however busy.
    pub absolute_timeout: Duration,
    /// The largest CSV a page accepts (batch screening, subject imports).
    pub max_upload_bytes: usize,
}

impl Default for ConsoleConfig {
    fn default() -> Self {
        ConsoleConfig {
            cookie_secure: false,
            idle_timeout: Duration::from_secs(30 * 60),
            absolute_timeout: Duration::from_secs(12 * 3600),
            max_upload_bytes: 8 * 1024 * 1024,
        }
    }
}

pub(crate) struct Inner {
    pub app: AppState,
    pub config: ConsoleConfig,
    pub logins: rate_limit::LoginLimiter,
    pub jobs: jobs::Jobs,
}

/// The console's state: the service's state plus its own configuration.
#[derive(Clone)]
pub(crate) struct Console(Arc<Inner>);

impl std::ops::Deref for Console {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

/// The console's routes, to merge beside the API.
pub fn router(app: AppState, config: ConsoleConfig) -> Router {
    let max_upload_bytes = config.max_upload_bytes;
    let console = Console(Arc::new(Inner {
        app,
        config,
        logins: rate_limit::LoginLimiter::default(),
        jobs: jobs::Jobs::default(),
    }));
    pages::routes(max_upload_bytes)
        .merge(assets::routes())
        .layer(axum::middleware::map_response(layout::security_headers))
        .with_state(console)
}
