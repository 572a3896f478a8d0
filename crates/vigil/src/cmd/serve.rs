//! `vigil serve`: the HTTP API, and the web console at `/` on the same port.

use crate::context::Context;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;
use vigil_server::Limits;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "VIGIL_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Serve without API keys. For local demos only: anyone who can reach the port may
    /// screen, read and import lists.
    #[arg(long, env = "VIGIL_NO_AUTH")]
    no_auth: bool,
    /// Largest request body accepted, in bytes, on every route but list imports (screening
    /// batches, payment and travel messages, texts, subjects, TAXII posts); 413 above it.
    #[arg(long, env = "VIGIL_MAX_BODY_BYTES", default_value_t = 8 << 20)]
    max_body_bytes: usize,
    /// Largest list upload accepted by `POST /v1/lists/{source}/import`, in bytes (the whole
    /// OFAC set is about 20 MB); 413 above it.
    #[arg(long, env = "VIGIL_MAX_IMPORT_BYTES", default_value_t = 256 << 20)]
    max_import_bytes: usize,
    /// Most queries in one batch request.
    #[arg(long, env = "VIGIL_MAX_BATCH", default_value_t = 1000)]
    max_batch: usize,
    /// Per-request timeout, in seconds.
    #[arg(long, env = "VIGIL_TIMEOUT_SECS", default_value_t = 30)]
    timeout_secs: u64,
    /// Requests processed at once; further requests wait.
    #[arg(long, env = "VIGIL_MAX_CONCURRENCY", default_value_t = 1024)]
    max_concurrency: usize,
    /// Mark console session cookies `Secure` (set when TLS fronts the service; requests
    /// with `X-Forwarded-Proto: https` get them anyway).
    #[arg(long, env = "VIGIL_COOKIE_SECURE")]
    cookie_secure: bool,
    /// Minutes a console session may stay unused.
    #[arg(long, env = "VIGIL_SESSION_IDLE_MINUTES", default_value_t = 30)]
    session_idle_minutes: u64,
    /// Hours a console session lasts after sign-in at most.
    #[arg(long, env = "VIGIL_SESSION_MAX_HOURS", default_value_t = 12)]
    session_max_hours: u64,
    /// Largest CSV the console accepts for batch screening and subject imports, in bytes.
    #[arg(long, env = "VIGIL_MAX_UPLOAD_BYTES", default_value_t = 8 * 1024 * 1024)]
    max_upload_bytes: usize,
    /// Browser origins allowed to call the API (CORS), e.g. `https://console.example.org`;
    /// repeat the flag or separate with commas. None by default: no cross-origin access.
    #[arg(
        long = "cors-origin",
        env = "VIGIL_CORS_ORIGINS",
        value_delimiter = ','
    )]
    cors_origins: Vec<String>,
    /// Log lines as plain text or as JSON objects (one per line, for log collectors).
    #[arg(long, value_enum, env = "VIGIL_LOG_FORMAT", default_value = "text")]
    log_format: LogFormat,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

pub fn run(ctx: &Context, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let filter = tracing_subscriber::EnvFilter::try_from_env("VIGIL_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match args.log_format {
        LogFormat::Text => logs.init(),
        LogFormat::Json => logs.json().flatten_event(true).init(),
    }
    // On a fresh machine the first start fetches the official lists.
    ctx.ensure_lists()?;
    let limits = Limits {
        max_body_bytes: args.max_body_bytes,
        max_import_bytes: args.max_import_bytes,
        max_batch: args.max_batch,
        request_timeout: Duration::from_secs(args.timeout_secs),
        max_concurrency: args.max_concurrency,
        cors_origins: args.cors_origins,
    };
    let console = vigil_console::ConsoleConfig {
        cookie_secure: args.cookie_secure,
        idle_timeout: Duration::from_secs(args.session_idle_minutes * 60),
        absolute_timeout: Duration::from_secs(args.session_max_hours * 3600),
        max_upload_bytes: args.max_upload_bytes,
    };
    let mount: vigil_server::Mount = Box::new(move |app| vigil_console::router(app, console));
    vigil_server::serve(args.addr, ctx.data_dir.clone(), limits, args.no_auth, mount)?;
    Ok(ExitCode::SUCCESS)
}
