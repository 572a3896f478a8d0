//! The list formats: their names, how a file's format is recognised, and the checks that
//! turn "wrong kind of file" into a clear message instead of a parser's syntax error.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// The formats Vigil reads lists in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListFormat {
    /// UN Security Council Consolidated List XML.
    UnSc,
    /// OFAC SDN CSV set: a folder with sdn.csv, alt.csv, add.csv, sdn_comments.csv.
    OfacSdn,
    /// FollowTheMoney JSON lines (OpenSanctions `entities.ftm.json`).
    Ftm,
    /// Vigil's simple CSV (`id,schema,name,aliases,birth_date,nationality,id_number,...`).
    Csv,
}

impl ListFormat {
    pub const ALL: [ListFormat; 4] = [
        ListFormat::UnSc,
        ListFormat::OfacSdn,
        ListFormat::Ftm,
        ListFormat::Csv,
    ];

    /// The name used on the command line (`--format`) and in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            ListFormat::UnSc => "un-sc",
            ListFormat::OfacSdn => "ofac-sdn",
            ListFormat::Ftm => "ftm",
            ListFormat::Csv => "csv",
        }
    }

    /// The format of an official source, whose name fixes it: `un-sc`, `ofac-sdn`.
    pub fn for_source(source: &str) -> Option<ListFormat> {
        match source {
            "un-sc" => Some(ListFormat::UnSc),
            "ofac-sdn" => Some(ListFormat::OfacSdn),
            _ => None,
        }
    }

    /// Recognises a list by its path: a folder holding `sdn.csv` (or that file itself) is
    /// OFAC; `.xml` with a `<CONSOLIDATED_LIST` root near the top is the UN list;
    /// `.json`, `.jsonl`, `.ndjson` (`entities.ftm.json`) are FtM; other `.csv` files are
    /// Vigil CSV. `None` when unsure: ask the user for `--format`.
    pub fn detect(path: &Path) -> Option<ListFormat> {
        if path.is_dir() {
            return has_sdn_csv(path).then_some(ListFormat::OfacSdn);
        }
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        if name == "sdn.csv" {
            return Some(ListFormat::OfacSdn);
        }
        let extension = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        match extension {
            "xml" => head(path)
                .is_some_and(|h| contains(&h, b"<CONSOLIDATED_LIST"))
                .then_some(ListFormat::UnSc),
            "json" | "jsonl" | "ndjson" => Some(ListFormat::Ftm),
            "csv" => Some(ListFormat::Csv),
            _ => None,
        }
    }
}

impl fmt::Display for ListFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ListFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_ascii_lowercase();
        ListFormat::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| {
                format!("unknown list format {s:?}: expected un-sc, ofac-sdn, ftm or csv")
            })
    }
}

/// The official sources have fixed formats (their ids depend on it); other sources may
/// use FtM or CSV.
pub(crate) fn check_source(source: &str, format: ListFormat) -> Result<(), String> {
    if source.trim().is_empty() || source.contains(char::is_whitespace) {
        return Err(format!(
            "source name {source:?} must be non-empty and without spaces"
        ));
    }
    match ListFormat::for_source(source) {
        Some(expected) if expected != format => Err(format!(
            "source {source} is read with format {expected}, not {format}"
        )),
        None if matches!(format, ListFormat::UnSc | ListFormat::OfacSdn) => Err(format!(
            "format {format} is the official list of source {format}, not {source:?}"
        )),
        _ => Ok(()),
    }
}

/// A quick look at the first bytes, so that e.g. a CSV file given as the UN list says so
/// rather than failing with an XML syntax error at line 1.
pub(crate) fn check_content(format: ListFormat, bytes: &[u8]) -> Result<(), String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace()).copied();
    let looks_like = match first {
        Some(b'<') => "XML",
        Some(b'{') => "JSON",
        _ => "CSV or plain text",
    };
    let expected = match format {
        ListFormat::UnSc => "XML",
        ListFormat::Ftm => "JSON",
        ListFormat::Csv if looks_like == "CSV or plain text" => return Ok(()),
        ListFormat::Csv => "CSV",
        ListFormat::OfacSdn => return Ok(()),
    };
    if looks_like == expected {
        return Ok(());
    }
    let what = match format {
        ListFormat::UnSc => "the UN consolidated list (XML)",
        ListFormat::Ftm => "FtM JSON lines (one JSON object per line)",
        _ => "a CSV list with a header line",
    };
    Err(format!(
        "this file looks like {looks_like}, but format {format} expects {what}"
    ))
}

fn has_sdn_csv(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            e.file_name()
                .to_string_lossy()
                .eq_ignore_ascii_case("sdn.csv")
        })
    })
}

fn head(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut buf = vec![0; 4096];
    let n = std::fs::File::open(path).ok()?.read(&mut buf).ok()?;
    buf.truncate(n);
    Some(buf)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for f in ListFormat::ALL {
            assert_eq!(f.as_str().parse::<ListFormat>(), Ok(f));
        }
        assert!("xml".parse::<ListFormat>().is_err());
        assert_eq!(ListFormat::for_source("un-sc"), Some(ListFormat::UnSc));
        assert_eq!(ListFormat::for_source("partner-a"), None);
    }

    #[test]
    fn official_sources_fix_their_format() {
        assert!(check_source("un-sc", ListFormat::UnSc).is_ok());
        assert!(check_source("un-sc", ListFormat::Csv).is_err());
        assert!(check_source("my-list", ListFormat::UnSc).is_err());
        assert!(check_source("my-list", ListFormat::Ftm).is_ok());
        assert!(check_source("", ListFormat::Ftm).is_err());
    }

    #[test]
    fn content_sniffing() {
        assert!(check_content(ListFormat::UnSc, b"\xEF\xBB\xBF <?xml").is_ok());
        let err = check_content(ListFormat::UnSc, b"id,schema,name\n").unwrap_err();
        assert!(err.contains("looks like CSV"), "{err}");
        assert!(check_content(ListFormat::Ftm, b"{\"id\":1}").is_ok());
        assert!(check_content(ListFormat::Csv, b"<x/>").is_err());
    }
}
