//! Reading one OFAC CSV file into rows: Windows-1252 text, no header, a trailing 0x1A
//! (DOS end-of-file) byte, and `-0-` (usually followed by a space) for an empty field.

use super::OfacFile;
use crate::ListError;

/// One CSV record with the line it starts on (1-based) and its fields as written.
#[derive(Debug)]
pub(super) struct Row {
    pub line: u64,
    fields: Vec<String>,
}

impl Row {
    /// The field trimmed, `None` when empty or `-0-`.
    pub fn get(&self, column: usize) -> Option<&str> {
        let value = self.fields.get(column)?.trim();
        (!value.is_empty() && value != "-0-").then_some(value)
    }

    /// The field untrimmed (but `None` for `-0-`), for remarks split across two files
    /// where a space at the cut matters.
    pub fn raw(&self, column: usize) -> Option<&str> {
        self.get(column)?;
        self.fields.get(column).map(String::as_str)
    }
}

/// Decodes and splits `file`, checking every record has exactly `columns` fields.
pub(super) fn read_rows(
    file: &OfacFile,
    columns: usize,
    names: &[&str],
) -> Result<Vec<Row>, ListError> {
    use vigil_core::limits::{check_csv, check_size, MAX_LIST_BYTES};
    check_size("the file", file.bytes.len(), MAX_LIST_BYTES).map_err(|message| {
        ListError::Invalid {
            path: file.path.clone(),
            message,
        }
    })?;
    check_csv(&file.bytes).map_err(|fault| ListError::Record {
        path: file.path.clone(),
        line: fault.line,
        message: fault.message,
    })?;
    // Windows-1252 maps every byte to a character, so decoding cannot fail.
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&file.bytes);
    let text = text.trim_end_matches(|c: char| c == '\u{1a}' || c.is_whitespace());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    // The csv crate's own line numbers lag behind with CRLF line ends (OFAC's), so lines
    // are counted here from each record's byte offset.
    let mut lines = LineCounter::new(text.as_bytes());
    loop {
        let offset = reader.position().byte();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(err) => {
                let at = err.position().map_or(offset, |p| p.byte());
                return Err(ListError::Record {
                    path: file.path.clone(),
                    line: lines.line_at(at),
                    message: format!("unreadable CSV record: {err}"),
                });
            }
        }
        let line = lines.line_at(record.position().map_or(offset, |p| p.byte()));
        if record.len() != columns {
            return Err(ListError::Record {
                path: file.path.clone(),
                line,
                message: format!(
                    "expected {columns} columns ({}), found {}",
                    names.join(", "),
                    record.len()
                ),
            });
        }
        let fields = record.iter().map(str::to_owned).collect();
        rows.push(Row { line, fields });
    }
    Ok(rows)
}

/// Turns increasing byte offsets into 1-based line numbers.
struct LineCounter<'a> {
    text: &'a [u8],
    counted_to: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a [u8]) -> Self {
        LineCounter {
            text,
            counted_to: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, offset: u64) -> u64 {
        let mut offset =
            usize::try_from(offset).map_or(self.text.len(), |o| o.min(self.text.len()));
        // A record never starts with a line end: the reported offset may sit on the `\n` of
        // the previous record's `\r\n`.
        while self
            .text
            .get(offset)
            .is_some_and(|b| matches!(b, b'\r' | b'\n'))
        {
            offset += 1;
        }
        if offset > self.counted_to {
            let newlines = self.text[self.counted_to..offset]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            self.line += newlines as u64;
            self.counted_to = offset;
        }
        self.line
    }
}

/// The `ent_num` in the first column: a positive whole number.
pub(super) fn ent_num(file: &OfacFile, row: &Row) -> Result<u64, ListError> {
    let raw = row.get(0).unwrap_or("");
    raw.parse::<u64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| ListError::Record {
            path: file.path.clone(),
            line: row.line,
            message: format!("field ent_num: expected a positive number, found {raw:?}"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(bytes: &[u8]) -> OfacFile {
        OfacFile {
            path: PathBuf::from("t.csv"),
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn lines_empty_fields_and_eof_byte() {
        let rows = read_rows(
            &file(b"1,\"a\",-0- \r\n2,\"b;\r\nc\",x\r\n3,-0-,\"\"\r\n\x1a"),
            3,
            &[],
        )
        .unwrap();
        let lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 2, 4]);
        assert_eq!(rows[0].get(2), None);
        assert_eq!(rows[1].get(1), Some("b;\r\nc"));
        assert_eq!((rows[2].get(1), rows[2].get(2)), (None, None));
        assert_eq!(rows[2].raw(1), None);
    }

    #[test]
    fn wrong_column_count_names_the_line() {
        let err = read_rows(&file(b"1,2\n3\n"), 2, &["a", "b"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.csv: line 2: expected 2 columns (a, b), found 1"
        );
    }
}
