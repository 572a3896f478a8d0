//! The UN/EDIFACT syntax layer (ISO 9735): service string advice (UNA), separators, the
//! release character, and splitting an interchange into segments, elements and components.
//! Nothing here knows about PAXLST; envelopes are checked in `envelope.rs`.

use super::issue::Issue;
use std::fmt;

/// The service characters of an interchange, from `UNA` or the syntax defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Separators {
    pub component: u8,
    pub element: u8,
    pub decimal: u8,
    /// `None` when UNA gives a space: no release character in use.
    pub release: Option<u8>,
    pub terminator: u8,
}

impl Default for Separators {
    /// `UNA:+.? '`, what applies when an interchange has no UNA.
    fn default() -> Self {
        Separators {
            component: b':',
            element: b'+',
            decimal: b'.',
            release: Some(b'?'),
            terminator: b'\'',
        }
    }
}

/// The character sets PAXLST senders declare in UNB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Charset {
    /// Upper-case letters, digits and some punctuation (ISO 646 subset).
    Unoa,
    /// UNOA plus lower case.
    Unob,
    /// ISO 8859-1 (Latin-1).
    Unoc,
    /// ISO 10646 in UTF-8.
    Unoy,
}

impl Charset {
    fn from_code(code: &str) -> Option<Charset> {
        match code {
            "UNOA" => Some(Charset::Unoa),
            "UNOB" => Some(Charset::Unob),
            "UNOC" => Some(Charset::Unoc),
            "UNOY" => Some(Charset::Unoy),
            _ => None,
        }
    }
}

/// One segment: its tag and its data elements (each a list of components), text decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Position in the interchange, counting UNB as 1 (UNA is not a segment).
    pub number: usize,
    /// The line the segment starts on (1-based), for people reading the file.
    pub line: usize,
    pub tag: String,
    /// Data elements after the tag; each holds its components.
    pub elements: Vec<Vec<String>>,
}

impl Segment {
    /// Component `c` of element `e` (both 0-based, the tag excluded); "" when absent.
    pub fn value(&self, e: usize, c: usize) -> &str {
        self.elements
            .get(e)
            .and_then(|el| el.get(c))
            .map(String::as_str)
            .unwrap_or("")
    }

    /// Where this segment is, for messages: "segment 12 (line 12, NAD)".
    pub fn location(&self) -> String {
        format!("segment {} (line {}, {})", self.number, self.line, self.tag)
    }
}

/// A syntax error that makes the interchange unreadable, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct EdifactError {
    /// Segment number (UNB = 1); 0 for the service string advice or an empty file.
    pub segment: usize,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for EdifactError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.segment == 0 {
            write!(f, "line {}: {}", self.line, self.message)
        } else {
            write!(
                f,
                "segment {} (line {}): {}",
                self.segment, self.line, self.message
            )
        }
    }
}

impl EdifactError {
    pub(crate) fn at(segment: &Segment, message: impl Into<String>) -> EdifactError {
        EdifactError {
            segment: segment.number,
            line: segment.line,
            message: format!("{}: {}", segment.tag, message.into()),
        }
    }
}

/// A tokenised interchange: service characters, character set and every segment in order.
#[derive(Debug, Clone)]
pub struct Interchange {
    pub separators: Separators,
    pub charset: Charset,
    pub segments: Vec<Segment>,
    /// Problems that do not stop reading (text outside the declared character set).
    pub warnings: Vec<Issue>,
}

/// Does this look like EDIFACT (starts with UNA or UNB once a BOM and blanks are skipped)?
pub fn looks_like_edifact(bytes: &[u8]) -> bool {
    let start = skip_preamble(bytes);
    start.starts_with(b"UNA") || start.starts_with(b"UNB")
}

fn skip_preamble(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let blank = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[blank..]
}

/// Splits an interchange into segments. The character set comes from UNB, which must be
/// the first segment; an unknown one is an error naming it.
pub fn parse(bytes: &[u8]) -> Result<Interchange, EdifactError> {
    let skipped_lines = count_lines(&bytes[..bytes.len() - skip_preamble(bytes).len()]);
    let body = skip_preamble(bytes);
    let (separators, body, una_lines) = read_una(body, skipped_lines)?;
    let raw = tokenise(body, &separators, skipped_lines + una_lines)?;
    let first = raw.first().ok_or_else(|| EdifactError {
        segment: 0,
        line: skipped_lines + una_lines,
        message: "no segments: expected an interchange starting with UNB".into(),
    })?;
    let charset = read_charset(first)?;
    let mut warnings = Vec::new();
    let mut segments = Vec::with_capacity(raw.len());
    for seg in raw {
        segments.push(decode_segment(seg, charset, &mut warnings)?);
    }
    Ok(Interchange {
        separators,
        charset,
        segments,
        warnings,
    })
}

fn count_lines(bytes: &[u8]) -> usize {
    1 + bytes.iter().filter(|&&b| b == b'\n').count()
}

/// Reads `UNA:+.? '` (exactly six service characters after the tag) when present.
/// Returns the separators, the rest of the input, and the line the rest starts on.
fn read_una(body: &[u8], line: usize) -> Result<(Separators, &[u8], usize), EdifactError> {
    if !body.starts_with(b"UNA") {
        return Ok((Separators::default(), body, 0));
    }
    let err = |message: String| EdifactError {
        segment: 0,
        line,
        message,
    };
    let chars = body
        .get(3..9)
        .ok_or_else(|| err("UNA service string advice is cut short: it needs six characters after UNA (e.g. `UNA:+.? '`)".into()))?;
    if let Some(bad) = chars
        .iter()
        .find(|b| !b.is_ascii() || **b == b'\n' || **b == b'\r')
    {
        return Err(err(format!(
            "UNA service characters must be printable ASCII; found byte 0x{bad:02X}"
        )));
    }
    let separators = Separators {
        component: chars[0],
        element: chars[1],
        decimal: chars[2],
        release: (chars[3] != b' ').then_some(chars[3]),
        terminator: chars[5],
    };
    let mut service = vec![
        separators.component,
        separators.element,
        separators.terminator,
    ];
    service.extend(separators.release);
    service.sort_unstable();
    if service.windows(2).any(|w| w[0] == w[1]) {
        return Err(err(format!(
            "UNA {:?} uses the same character for two purposes (component, element, release, terminator must differ)",
            String::from_utf8_lossy(&body[..9])
        )));
    }
    Ok((separators, &body[9..], 0))
}

/// A segment before decoding: components as raw bytes, release characters removed.
struct RawSegment {
    number: usize,
    line: usize,
    elements: Vec<Vec<Vec<u8>>>,
}

fn tokenise(
    body: &[u8],
    sep: &Separators,
    first_line: usize,
) -> Result<Vec<RawSegment>, EdifactError> {
    let mut segments = Vec::new();
    let mut line = first_line.max(1);
    let mut start_line = line;
    let mut elements: Vec<Vec<Vec<u8>>> = Vec::new();
    let mut components: Vec<Vec<u8>> = Vec::new();
    let mut current: Vec<u8> = Vec::new();
    let mut empty = true;
    let mut i = 0;
    while i < body.len() {
        let b = body[i];
        i += 1;
        // Line breaks are not part of the syntax: senders wrap segments and whole files.
        if b == b'\n' || b == b'\r' {
            if b == b'\n' {
                line += 1;
            }
            continue;
        }
        if empty {
            start_line = line;
            empty = false;
        }
        if Some(b) == sep.release {
            match body.get(i) {
                Some(&next) if next != b'\n' && next != b'\r' => {
                    current.push(next);
                    i += 1;
                }
                _ => {
                    return Err(EdifactError {
                        segment: segments.len() + 1,
                        line,
                        message: "release character with nothing to release after it".into(),
                    })
                }
            }
        } else if b == sep.terminator {
            components.push(std::mem::take(&mut current));
            elements.push(std::mem::take(&mut components));
            segments.push(RawSegment {
                number: segments.len() + 1,
                line: start_line,
                elements: std::mem::take(&mut elements),
            });
            empty = true;
        } else if b == sep.element {
            components.push(std::mem::take(&mut current));
            elements.push(std::mem::take(&mut components));
        } else if b == sep.component {
            components.push(std::mem::take(&mut current));
        } else {
            current.push(b);
        }
    }
    if !empty {
        let text: Vec<u8> = elements
            .iter()
            .flatten()
            .flatten()
            .copied()
            .chain(current.iter().copied())
            .take(20)
            .collect();
        if !text.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(EdifactError {
                segment: segments.len() + 1,
                line: start_line,
                message: format!(
                    "data after the last segment terminator {:?} (starting {:?}): missing terminator or text after UNZ",
                    sep.terminator as char,
                    String::from_utf8_lossy(&text)
                ),
            });
        }
    }
    Ok(segments)
}

fn read_charset(first: &RawSegment) -> Result<Charset, EdifactError> {
    let err = |message: String| EdifactError {
        segment: first.number,
        line: first.line,
        message,
    };
    let tag = first.elements.first().and_then(|e| e.first());
    if tag.map(Vec::as_slice) != Some(b"UNB".as_slice()) {
        return Err(err(format!(
            "expected the interchange header UNB, found {:?}",
            String::from_utf8_lossy(tag.map(Vec::as_slice).unwrap_or(b""))
        )));
    }
    let code = first
        .elements
        .get(1)
        .and_then(|e| e.first())
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .unwrap_or_default();
    Charset::from_code(code.trim()).ok_or_else(|| {
        err(format!(
            "UNB: unknown character set {code:?}: Vigil reads UNOA, UNOB, UNOC (Latin-1) and UNOY (UTF-8)"
        ))
    })
}

fn decode_segment(
    raw: RawSegment,
    charset: Charset,
    warnings: &mut Vec<Issue>,
) -> Result<Segment, EdifactError> {
    let mut warn = |message: String| {
        // One warning per segment is enough to point an analyst at the bad bytes.
        if warnings.last().and_then(|w| w.segment) != Some(raw.number) {
            warnings.push(Issue::warning(Some(raw.number), Some(raw.line), message));
        }
    };
    let mut elements: Vec<Vec<String>> = raw
        .elements
        .iter()
        .map(|e| e.iter().map(|c| decode(c, charset, &mut warn)).collect())
        .collect();
    let head = elements.remove(0);
    let tag = head.first().cloned().unwrap_or_default();
    if head.len() != 1
        || tag.len() != 3
        || !tag
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Err(EdifactError {
            segment: raw.number,
            line: raw.line,
            message: format!(
                "malformed segment: tag {:?} is not three upper-case letters (an unescaped separator or apostrophe in the previous segment's data? escape it with the release character)",
                head.join(":")
            ),
        });
    }
    Ok(Segment {
        number: raw.number,
        line: raw.line,
        tag,
        elements,
    })
}

/// Decodes one component. Bytes outside the declared set are still read (UTF-8 if valid,
/// else Latin-1) so every traveller gets screened, with a warning naming the segment.
fn decode(bytes: &[u8], charset: Charset, warn: &mut impl FnMut(String)) -> String {
    match charset {
        Charset::Unoc => bytes.iter().map(|&b| b as char).collect(),
        Charset::Unoy => match std::str::from_utf8(bytes) {
            Ok(s) => s.to_owned(),
            Err(_) => {
                warn("bytes that are not UTF-8 under UNOY; read as Latin-1".into());
                bytes.iter().map(|&b| b as char).collect()
            }
        },
        Charset::Unoa | Charset::Unob => {
            if bytes.is_ascii() {
                if charset == Charset::Unoa && bytes.iter().any(u8::is_ascii_lowercase) {
                    warn("lower-case letters under UNOA (upper case only)".into());
                }
                // ASCII bytes are valid UTF-8 and map one to one.
                return bytes.iter().map(|&b| b as char).collect();
            }
            warn(format!(
                "bytes outside the declared character set {charset:?}"
            ));
            match std::str::from_utf8(bytes) {
                Ok(s) => s.to_owned(),
                Err(_) => bytes.iter().map(|&b| b as char).collect(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_separators_and_release() {
        let ic = parse(b"UNB+UNOA:4+S+R+260301:1200+1'\nNAD+FL+++O?'NEIL:SEAN?+?:?? X'UNZ+0+1'")
            .unwrap();
        assert_eq!(ic.segments.len(), 3);
        let nad = &ic.segments[1];
        assert_eq!((nad.number, nad.line, nad.tag.as_str()), (2, 2, "NAD"));
        assert_eq!(nad.value(3, 0), "O'NEIL");
        assert_eq!(nad.value(3, 1), "SEAN+:? X");
        assert_eq!(nad.value(9, 9), "");
    }

    #[test]
    fn custom_una() {
        let ic = parse(b"UNA:*.? $UNB*UNOC:3*S*R$\r\nNAD*FL***M\xdcLLER:J?$RG$").unwrap();
        assert_eq!(ic.separators.element, b'*');
        assert_eq!(ic.charset, Charset::Unoc);
        assert_eq!(ic.segments[1].value(3, 0), "MÜLLER");
        assert_eq!(ic.segments[1].value(3, 1), "J$RG");
    }

    #[test]
    fn unknown_charset_is_named() {
        let e = parse(b"UNB+UNOX:4+S+R'").unwrap_err();
        assert_eq!(e.segment, 1);
        assert!(
            e.to_string().contains("unknown character set \"UNOX\""),
            "{e}"
        );
    }

    #[test]
    fn unescaped_apostrophe_is_a_malformed_segment() {
        let e = parse(b"UNB+UNOA:4+S+R'NAD+FL+++O'NEIL:SEAN'").unwrap_err();
        assert_eq!(e.segment, 3);
        assert!(e.to_string().contains("malformed segment"), "{e}");
    }

    #[test]
    fn missing_terminator_and_trailing_text() {
        let e = parse(b"UNB+UNOA:4+S+R'UNZ+0+1").unwrap_err();
        assert_eq!(e.segment, 2);
        assert!(parse(b"UNB+UNOA:4+S+R'UNZ+0+1'\r\n\n").is_ok());
        assert!(parse(b"UNA:+.").is_err());
        assert!(parse(b"UNA:::? 'UNB'").is_err());
        assert!(parse(b"").is_err());
        assert!(parse(b"UNB+UNOA:4+S+R'X?").is_err());
    }

    #[test]
    fn charset_warnings() {
        let ic = parse("UNB+UNOA:4+S+R'NAD+FL+++Doe:Jos\u{e9}'".as_bytes()).unwrap();
        assert_eq!(ic.segments[1].value(3, 1), "Jos\u{e9}");
        assert_eq!(ic.warnings.len(), 1);
        assert_eq!(ic.warnings[0].segment, Some(2));
        let ic = parse("UNB+UNOY:4+S+R'NAD+FL+++D\u{f6}e'".as_bytes()).unwrap();
        assert_eq!(ic.segments[1].value(3, 0), "D\u{f6}e");
        assert!(ic.warnings.is_empty());
    }
}
