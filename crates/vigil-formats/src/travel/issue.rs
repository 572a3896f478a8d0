//! Problems found while reading a manifest that do not stop it being screened: a traveller
//! that cannot be read, totals that disagree, text outside the declared character set.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something was not screened or the manifest is inconsistent: needs a person.
    Error,
    /// Read anyway; worth telling the sender.
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub severity: Severity,
    /// EDIFACT segment number (UNB = 1), when the issue is in a PAXLST.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment: Option<usize>,
    /// Line in the file (1-based): the segment's first line, or the CSV record's line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub message: String,
}

impl Issue {
    pub fn error(segment: Option<usize>, line: Option<usize>, message: impl Into<String>) -> Issue {
        Issue {
            severity: Severity::Error,
            segment,
            line,
            message: message.into(),
        }
    }

    pub fn warning(
        segment: Option<usize>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Issue {
        Issue {
            severity: Severity::Warning,
            segment,
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}")?;
        match (self.segment, self.line) {
            (Some(s), Some(l)) => write!(f, " (segment {s}, line {l})")?,
            (Some(s), None) => write!(f, " (segment {s})")?,
            (None, Some(l)) => write!(f, " (line {l})")?,
            (None, None) => {}
        }
        write!(f, ": {}", self.message)
    }
}
