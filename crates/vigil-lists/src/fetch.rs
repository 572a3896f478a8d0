//! Downloading the official lists, then parsing them before anyone imports them.
//!
//! A download is retried on network errors, server errors (5xx, 429) and bodies cut short,
//! with exponential backoff; it fails at once on other HTTP errors and on a body over the
//! size limit. The bytes are then parsed: a file that does not parse (a truncated XML, an
//! HTML error page served with status 200) is an error, never an empty import.

use crate::{ListError, ListFormat, ParsedList};
use std::collections::BTreeMap;
use std::io::Read;
use std::time::Duration;

/// The UN Security Council Consolidated List.
pub const UN_SC_URL: &str = "https://scsanctions.un.org/resources/xml/en/consolidated.xml";
/// The folder holding the OFAC SDN CSV files.
pub const OFAC_SDN_BASE_URL: &str = "https://www.treasury.gov/ofac/downloads";
/// The OFAC files fetched from [`FetchConfig::ofac_sdn_base_url`], all required.
pub const OFAC_SDN_FILES: [&str; 4] = ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"];

/// Where and how to download.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    pub un_sc_url: String,
    /// Base URL; the files are `<base>/sdn.csv` etc.
    pub ofac_sdn_base_url: String,
    pub connect_timeout: Duration,
    /// Longest wait for the response to start and for each read of the body.
    pub read_timeout: Duration,
    /// Attempts per file, the first included.
    pub attempts: u32,
    /// Wait before the second attempt; doubled for each further one.
    pub backoff: Duration,
    /// Largest body accepted, in bytes.
    pub max_bytes: u64,
}

impl Default for FetchConfig {
    /// The official URLs, unless `VIGIL_UN_SC_URL` / `VIGIL_OFAC_SDN_URL` (a base URL)
    /// override them (mirrors, tests). 30 s timeouts, 3 attempts, 200 MB limit.
    fn default() -> Self {
        let env = |key: &str, default: &str| {
            std::env::var(key)
                .ok()
                .filter(|v| !v.trim().is_empty())
                .unwrap_or_else(|| default.to_owned())
        };
        FetchConfig {
            un_sc_url: env("VIGIL_UN_SC_URL", UN_SC_URL),
            ofac_sdn_base_url: env("VIGIL_OFAC_SDN_URL", OFAC_SDN_BASE_URL),
            connect_timeout: Duration::from_secs(30),
            read_timeout: Duration::from_secs(30),
            attempts: 3,
            backoff: Duration::from_secs(1),
            max_bytes: 200 * 1024 * 1024,
        }
    }
}

/// Download progress, reported as bytes arrive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress<'a> {
    /// The URL being downloaded.
    pub url: &'a str,
    /// Bytes received so far (restarting from 0 on a retry).
    pub bytes: u64,
    /// The size the server announced, when it did.
    pub total: Option<u64>,
}

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("no download is known for source {0:?}: fetch supports un-sc and ofac-sdn")]
    UnknownSource(String),
    #[error("{url}: HTTP status {status}")]
    Status { url: String, status: u16 },
    #[error("{url}: {message}")]
    Transport { url: String, message: String },
    #[error("{url}: larger than the {limit}-byte limit")]
    TooLarge { url: String, limit: u64 },
    #[error("downloaded list is not valid: {0}")]
    Parse(#[from] ListError),
}

impl FetchError {
    /// Worth another attempt: the network, the server's load, not the request or the file.
    fn is_transient(&self) -> bool {
        match self {
            FetchError::Transport { .. } => true,
            FetchError::Status { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }
}

/// Downloads and parses an official list (`un-sc` or `ofac-sdn`). The result is validated
/// but not stored: the caller imports it.
pub fn fetch(source: &str, config: &FetchConfig) -> Result<ParsedList, FetchError> {
    fetch_with_progress(source, config, &mut |_| {})
}

/// [`fetch`], reporting download progress (for a progress bar).
pub fn fetch_with_progress(
    source: &str,
    config: &FetchConfig,
    progress: &mut dyn FnMut(Progress),
) -> Result<ParsedList, FetchError> {
    let agent = agent(config);
    match ListFormat::for_source(source) {
        Some(ListFormat::UnSc) => {
            let url = &config.un_sc_url;
            let bytes = download(&agent, url, config, progress)?;
            Ok(crate::parse_bytes(source, ListFormat::UnSc, url, &bytes)?)
        }
        Some(ListFormat::OfacSdn) => {
            let base = config.ofac_sdn_base_url.trim_end_matches('/');
            let mut files = BTreeMap::new();
            for name in OFAC_SDN_FILES {
                let url = format!("{base}/{name}");
                // Every file is required: a set without alt.csv would drop every alias.
                let bytes = download(&agent, &url, config, progress)?;
                files.insert(name.to_owned(), bytes);
            }
            Ok(crate::parse_files(source, ListFormat::OfacSdn, &files)?)
        }
        _ => Err(FetchError::UnknownSource(source.to_owned())),
    }
}

fn agent(config: &FetchConfig) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_connect(Some(config.connect_timeout))
        .timeout_recv_response(Some(config.read_timeout))
        .timeout_per_read(Some(config.read_timeout))
        // Statuses are handled here, to tell retryable ones apart.
        .http_status_as_error(false)
        .build()
        .into()
}

/// Downloads one URL with retries, returning its body.
fn download(
    agent: &ureq::Agent,
    url: &str,
    config: &FetchConfig,
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<u8>, FetchError> {
    let mut wait = config.backoff;
    let mut attempt = 1;
    loop {
        match download_once(agent, url, config, progress) {
            Err(e) if e.is_transient() && attempt < config.attempts.max(1) => {
                std::thread::sleep(wait);
                wait = wait.saturating_mul(2);
                attempt += 1;
            }
            result => return result,
        }
    }
}

fn download_once(
    agent: &ureq::Agent,
    url: &str,
    config: &FetchConfig,
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<u8>, FetchError> {
    let transport = |e: &dyn std::fmt::Display| FetchError::Transport {
        url: url.to_owned(),
        message: e.to_string(),
    };
    let too_large = || FetchError::TooLarge {
        url: url.to_owned(),
        limit: config.max_bytes,
    };
    let mut response = agent.get(url).call().map_err(|e| transport(&e))?;
    let status = response.status().as_u16();
    if status != 200 {
        return Err(FetchError::Status {
            url: url.to_owned(),
            status,
        });
    }
    let total = response.body().content_length();
    if total.is_some_and(|t| t > config.max_bytes) {
        return Err(too_large());
    }
    let mut reader = response.body_mut().as_reader();
    let mut bytes = Vec::with_capacity(total.unwrap_or(0).min(config.max_bytes) as usize);
    let mut chunk = vec![0; 64 * 1024];
    loop {
        // A body cut short of its Content-Length is an error here, and retried.
        let n = reader.read(&mut chunk).map_err(|e| transport(&e))?;
        if n == 0 {
            break;
        }
        if bytes.len() as u64 + n as u64 > config.max_bytes {
            return Err(too_large());
        }
        bytes.extend_from_slice(&chunk[..n]);
        progress(Progress {
            url,
            bytes: bytes.len() as u64,
            total,
        });
    }
    Ok(bytes)
}
