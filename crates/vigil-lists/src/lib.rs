//! Designation lists in, entities out: one module per source format, plus fetching.
//!
//! Every parser is all-or-nothing: it returns the whole list or an error naming the file,
//! the line (and column, for XML) and what was expected. Nothing is half-parsed.
//!
//! Entry points: [`parse_path`] for files on disk, [`parse_bytes`] / [`parse_files`] for
//! uploads held in memory, [`fetch::fetch`] to download and validate an official list.

pub mod csv_list;
mod error;
pub mod fetch;
mod fields;
mod format;
pub mod ftm;
pub mod ofac_sdn;
pub mod un_sc;

pub use error::ListError;
pub use format::ListFormat;

use std::collections::BTreeMap;
use std::path::Path;
use vigil_core::limits::{check_size, MAX_LIST_BYTES};
use vigil_core::Entity;

/// A parsed list, ready to be stored as a new version.
#[derive(Debug, Clone)]
pub struct ParsedList {
    /// The source name, e.g. `un-sc`; entity ids are `<source>:<source id>`.
    pub source: String,
    pub entities: Vec<Entity>,
    /// The file's own date (UN `dateGenerated`; OFAC has none in the CSV), as written.
    pub file_date: Option<String>,
    /// SHA-256 of the raw input bytes (all files, in a fixed order, for a folder).
    pub sha256: String,
    /// Things kept but worth a look: unknown country names, unparsed remarks.
    pub warnings: Vec<String>,
}

/// Parses the list at `path` (a file, or for OFAC a folder) as `format`, naming its
/// entities `<source>:<id>`. The official lists fix their source names (`un-sc`,
/// `ofac-sdn`); asking for one with another format is an error, not a guess.
pub fn parse_path(source: &str, format: ListFormat, path: &Path) -> Result<ParsedList, ListError> {
    let invalid = |message: String| ListError::Invalid {
        path: path.to_owned(),
        message,
    };
    format::check_source(source, format).map_err(invalid)?;
    let metadata = std::fs::metadata(path).map_err(|source| ListError::Io {
        path: path.to_owned(),
        source,
    })?;
    if format == ListFormat::OfacSdn {
        // Accept the folder or any file in it (users point at sdn.csv).
        let dir = if metadata.is_dir() {
            path
        } else {
            path.parent().unwrap_or(Path::new("."))
        };
        return ofac_sdn::parse_dir(dir);
    }
    if metadata.is_dir() {
        return Err(invalid(format!(
            "is a folder; the {format} format reads one file{}",
            match ListFormat::detect(path) {
                Some(ListFormat::OfacSdn) => " (this folder holds an OFAC SDN set: use ofac-sdn)",
                _ => "",
            }
        )));
    }
    if metadata.len() == 0 {
        return Err(invalid("empty file".into()));
    }
    let bytes = read_file(path)?;
    parse_one(source, format, path, &bytes)
}

/// Parses one file held in memory (an upload), `name` naming it in messages. OFAC SDN
/// comes as several files: use [`parse_files`] for it.
pub fn parse_bytes(
    source: &str,
    format: ListFormat,
    name: &str,
    bytes: &[u8],
) -> Result<ParsedList, ListError> {
    let path = Path::new(name);
    format::check_source(source, format).map_err(|message| ListError::Invalid {
        path: path.to_owned(),
        message,
    })?;
    if format == ListFormat::OfacSdn {
        let mut files = BTreeMap::new();
        files.insert(file_name(name), bytes.to_vec());
        return parse_files(source, format, &files);
    }
    parse_one(source, format, path, bytes)
}

/// Parses a set of files held in memory, keyed by file name: the OFAC SDN set
/// (`sdn.csv`, `alt.csv`, `add.csv`, `sdn_comments.csv`, all required), or a
/// single file of any other format.
pub fn parse_files(
    source: &str,
    format: ListFormat,
    files: &BTreeMap<String, Vec<u8>>,
) -> Result<ParsedList, ListError> {
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    let invalid = |message: String| ListError::Invalid {
        path: names.join(", ").into(),
        message,
    };
    format::check_source(source, format).map_err(invalid)?;
    if format == ListFormat::OfacSdn {
        return ofac_upload(files);
    }
    match files.iter().next() {
        Some((name, bytes)) if files.len() == 1 => parse_bytes(source, format, name, bytes),
        _ => Err(invalid(format!(
            "the {format} format reads exactly one file, got {}",
            files.len()
        ))),
    }
}

/// An OFAC set held in memory, matched to its file names case-insensitively.
fn ofac_upload(files: &BTreeMap<String, Vec<u8>>) -> Result<ParsedList, ListError> {
    let mut set: BTreeMap<&str, ofac_sdn::OfacFile> = BTreeMap::new();
    for (name, bytes) in files {
        let lower = file_name(name).to_ascii_lowercase();
        let Some(known) = fetch::OFAC_SDN_FILES.iter().find(|f| **f == lower) else {
            return Err(ListError::Invalid {
                path: name.into(),
                message: format!(
                    "not part of an OFAC SDN set (expected {})",
                    fetch::OFAC_SDN_FILES.join(", ")
                ),
            });
        };
        let file = ofac_sdn::OfacFile {
            path: name.into(),
            bytes: bytes.clone(),
        };
        set.insert(known, file);
    }
    let Some(sdn) = set.remove("sdn.csv") else {
        return Err(ListError::Invalid {
            path: files.keys().cloned().collect::<Vec<_>>().join(", ").into(),
            message: "an OFAC SDN set needs sdn.csv".into(),
        });
    };
    ofac_sdn::parse_files(&ofac_sdn::OfacFiles {
        sdn,
        alt: set.remove("alt.csv"),
        add: set.remove("add.csv"),
        comments: set.remove("sdn_comments.csv"),
    })
}

/// Reads a list file, refusing one larger than [`MAX_LIST_BYTES`] before reading it.
pub(crate) fn read_file(path: &Path) -> Result<Vec<u8>, ListError> {
    use std::io::Read;
    let io = |source| ListError::Io {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    check_size(
        "the file",
        usize::try_from(len).unwrap_or(usize::MAX),
        MAX_LIST_BYTES,
    )
    .map_err(|message| ListError::Invalid {
        path: path.to_owned(),
        message,
    })?;
    let mut bytes = Vec::new();
    // A file growing while it is read: one byte past the limit is enough to know.
    file.take(MAX_LIST_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    check_size("the file", bytes.len(), MAX_LIST_BYTES).map_err(|message| ListError::Invalid {
        path: path.to_owned(),
        message,
    })?;
    Ok(bytes)
}

fn file_name(name: &str) -> String {
    Path::new(name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_owned())
}

fn parse_one(
    source: &str,
    format: ListFormat,
    path: &Path,
    bytes: &[u8],
) -> Result<ParsedList, ListError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ListError::Invalid {
            path: path.to_owned(),
            message: "empty file".into(),
        });
    }
    check_size("the file", bytes.len(), MAX_LIST_BYTES).map_err(|message| ListError::Invalid {
        path: path.to_owned(),
        message,
    })?;
    format::check_content(format, bytes).map_err(|message| ListError::Invalid {
        path: path.to_owned(),
        message,
    })?;
    match format {
        ListFormat::UnSc => un_sc::parse_bytes(path, bytes),
        ListFormat::Ftm => ftm::parse_bytes(source, path, bytes),
        ListFormat::Csv => csv_list::parse_bytes(source, path, bytes),
        ListFormat::OfacSdn => parse_bytes(source, format, &path.to_string_lossy(), bytes),
    }
}
