//! The bounds every reader of untrusted input applies, in one place.
//!
//! A designation list or a message comes from outside (a download, an upload, a partner):
//! a reader must finish in time linear in its input, with bounded nesting, and refuse
//! what exceeds a bound with an error naming the bound and where it was crossed.

/// Deepest element nesting an XML reader accepts (UN records nest 4 deep, ISO 20022
/// messages about 12; the schemas never go past 30).
pub const MAX_XML_DEPTH: usize = 64;

/// Most attributes one XML element may carry (ISO 20022 and UN elements carry a few).
pub const MAX_XML_ATTRIBUTES: usize = 32;

/// Longest CSV record, text line or EDIFACT segment: the longest real OFAC record is
/// under 2 KB, a manifest row under 1 KB.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// Largest designation list file (the UN list is 2 MB, OFAC's `sdn.csv` 5 MB).
pub const MAX_LIST_BYTES: usize = 256 << 20;

/// Largest message file: a payment batch, a passenger manifest, an MRZ.
pub const MAX_MESSAGE_BYTES: usize = 64 << 20;

/// `Err` with a message naming the limit when `len` bytes of `what` exceed `limit`.
pub fn check_size(what: &str, len: usize, limit: usize) -> Result<(), String> {
    if len > limit {
        return Err(format!(
            "{what} is {len} bytes; the limit is {limit} bytes ({} MiB)",
            limit >> 20
        ));
    }
    Ok(())
}

/// Checks an XML start tag against [`MAX_XML_DEPTH`] (`depth` counts the elements already
/// open) and [`MAX_XML_ATTRIBUTES`]. `raw_attributes` is the tag's text after its name;
/// counting `=` outside quoted values is linear, unlike a parser's duplicate check.
pub fn check_xml_element(depth: usize, raw_attributes: &[u8]) -> Result<(), String> {
    if depth >= MAX_XML_DEPTH {
        return Err(format!(
            "elements nest deeper than {MAX_XML_DEPTH} levels; no list or message does"
        ));
    }
    let mut quote = None;
    let mut count = 0;
    for &byte in raw_attributes {
        match (quote, byte) {
            (None, b'"' | b'\'') => quote = Some(byte),
            (Some(open), _) if open == byte => quote = None,
            (None, b'=') => count += 1,
            _ => {}
        }
    }
    if count > MAX_XML_ATTRIBUTES {
        return Err(format!(
            "an element with {count} attributes; the limit is {MAX_XML_ATTRIBUTES}"
        ));
    }
    Ok(())
}

/// A structural fault found by [`check_csv`], with the 1-based line it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvFault {
    pub line: u64,
    pub message: String,
}

/// Checks CSV text before it is parsed, in one linear pass: the file must not end inside a
/// quoted field (a truncated download), no record may exceed [`MAX_RECORD_BYTES`], and no
/// control byte other than tab, CR, LF (and a final DOS end-of-file byte) may appear (a
/// binary file is not a list). The `csv` crate accepts all three silently.
pub fn check_csv(bytes: &[u8]) -> Result<(), CsvFault> {
    let body = bytes.strip_suffix(b"\x1a").unwrap_or(bytes);
    let mut scan = CsvScan::default();
    for (offset, &byte) in body.iter().enumerate() {
        scan.step(offset, byte)?;
    }
    // A quote still pending at the end closed the field.
    if scan.quoted && !scan.quote_pending {
        return Err(CsvFault {
            line: scan.quote_line,
            message: "the file ends inside a quoted field opened on this line (truncated file?)"
                .into(),
        });
    }
    Ok(())
}

#[derive(Default)]
struct CsvScan {
    line0: u64,
    quoted: bool,
    /// The previous byte was a quote inside a quoted field: either its end or half of `""`.
    quote_pending: bool,
    at_field_start: bool,
    quote_line: u64,
    record_start: usize,
    started: bool,
}

impl CsvScan {
    fn step(&mut self, offset: usize, byte: u8) -> Result<(), CsvFault> {
        if !self.started {
            self.started = true;
            self.at_field_start = true;
        }
        let line = self.line0 + 1;
        if byte < 0x20 && !matches!(byte, b'\t' | b'\r' | b'\n') {
            return Err(CsvFault {
                line,
                message: format!("control byte 0x{byte:02X}: this is not CSV text"),
            });
        }
        if offset - self.record_start > MAX_RECORD_BYTES {
            return Err(CsvFault {
                line: if self.quoted { self.quote_line } else { line },
                message: format!("a record longer than {MAX_RECORD_BYTES} bytes"),
            });
        }
        if self.quote_pending {
            self.quote_pending = false;
            if byte == b'"' {
                return self.next_line(byte); // `""`: an escaped quote, still quoted
            }
            self.quoted = false;
        }
        if self.quoted {
            self.quote_pending = byte == b'"';
        } else if byte == b'"' && self.at_field_start {
            self.quoted = true;
            self.quote_line = line;
        } else if byte == b'\n' {
            self.record_start = offset + 1;
        }
        self.at_field_start = !self.quoted && matches!(byte, b',' | b'\n' | b'\r');
        self.next_line(byte)
    }

    fn next_line(&mut self, byte: u8) -> Result<(), CsvFault> {
        if byte == b'\n' {
            self.line0 += 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_csv_passes() {
        assert_eq!(
            check_csv(b"a,\"b,\"\"c\"\"\"\r\n1,\"x\ny\"\r\n\x1a"),
            Ok(())
        );
        assert_eq!(check_csv(b"a,b\"c,d\n"), Ok(()));
        assert_eq!(check_csv(b""), Ok(()));
    }

    #[test]
    fn a_file_cut_inside_quotes_names_the_line() {
        let fault = check_csv(b"1,\"a\"\n2,\"cut he").unwrap_err();
        assert_eq!(fault.line, 2);
        assert!(fault.message.contains("truncated"), "{}", fault.message);
        // An escaped quote at the cut keeps the field open.
        assert!(check_csv(b"1,\"a\"\"").is_err());
        assert!(check_csv(b"1,\"a\"\"\"").is_ok());
    }

    #[test]
    fn binary_and_overlong_records_are_refused() {
        assert!(check_csv(b"a,b\n\x00\x01\x02")
            .unwrap_err()
            .message
            .contains("0x00"));
        let long = vec![b'x'; MAX_RECORD_BYTES + 2];
        assert!(check_csv(&long).unwrap_err().message.contains("longer"));
        let mut rows = Vec::new();
        for _ in 0..(MAX_RECORD_BYTES / 100) * 3 {
            rows.extend_from_slice(&[b'y'; 99]);
            rows.push(b'\n');
        }
        assert_eq!(check_csv(&rows), Ok(()));
    }

    #[test]
    fn xml_depth_and_attribute_counts_are_bounded() {
        assert!(check_xml_element(MAX_XML_DEPTH - 1, b" a='=' b=\"x=y\"").is_ok());
        assert!(check_xml_element(MAX_XML_DEPTH, b"")
            .unwrap_err()
            .contains("64 levels"));
        let many: String = (0..=MAX_XML_ATTRIBUTES)
            .map(|i| format!(" a{i}=\"v\""))
            .collect();
        let message = check_xml_element(0, many.as_bytes()).unwrap_err();
        assert!(message.contains("33 attributes"), "{message}");
    }

    #[test]
    fn size_limits_name_the_limit() {
        assert!(check_size("the file", 10, 10).is_ok());
        let message = check_size("the file", MAX_LIST_BYTES + 1, MAX_LIST_BYTES).unwrap_err();
        assert!(message.contains("256 MiB"), "{message}");
    }
}
