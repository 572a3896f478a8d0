//! Why a payment file could not be screened. Every error names where (line and column, or
//! line and field) so an operator can find the fault; callers add the file name.

/// A position in the input, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The line and column of a byte offset (columns count characters, not bytes).
    pub fn of_offset(bytes: &[u8], offset: usize) -> Position {
        let before = &bytes[..offset.min(bytes.len())];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        Position { line, column }
    }
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PaymentsError {
    #[error("the input is empty")]
    Empty,
    #[error("{0}")]
    TooLarge(String),
    #[error(
        "unrecognised input: expected ISO 20022 XML (starting with '<') or SWIFT MT \
         (starting with '{{1:')"
    )]
    UnknownFormat,
    #[error("{at}: XML is not well-formed: {message}")]
    Xml { at: Position, message: String },
    #[error(
        "{at}: unsupported message type {found}: expected pacs.008.001.02 to .13, \
         pain.001.001.03 to .11 or MT103"
    )]
    Unsupported { at: Position, found: String },
    #[error("{at}: <{field}> is {length} characters long; the limit is {limit}")]
    TooLong {
        at: Position,
        field: String,
        length: usize,
        limit: usize,
    },
    /// A value that breaks the standard (bad BIC, date, amount, missing mandatory element).
    #[error("{at}: <{field}>: {message}")]
    Invalid {
        at: Position,
        field: String,
        message: String,
    },
    /// Declared totals that do not match the content (`NbOfTxs`, `CtrlSum`).
    #[error("{at}: {message}")]
    Inconsistent { at: Position, message: String },
    /// An MT message fault: `line` is the line in the file, `field` the MT tag or block.
    #[error("line {line}: {field}: {message}")]
    Mt {
        line: usize,
        field: String,
        message: String,
    },
    #[error("no lists are loaded: import a designation list before screening payments")]
    NoLists,
}
