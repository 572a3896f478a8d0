//! UN Security Council Consolidated List (XML) → entities.
//!
//! The file (`https://scsanctions.un.org/resources/xml/en/consolidated.xml`) is
//! `<CONSOLIDATED_LIST dateGenerated=..>` holding `<INDIVIDUALS>` and `<ENTITIES>`, one
//! `<INDIVIDUAL>` / `<ENTITY>` per designation, keyed by `REFERENCE_NUMBER` (`QDe.118`).
//! It is streamed: each record is read into a small tree ([`tree::Node`]) and mapped to an
//! [`Entity`] ([`record`]), so memory stays flat however large the list grows.
//!
//! Ids are `un-sc:<REFERENCE_NUMBER>`. References to other designations written in the
//! comments ("Associated with Hafiz Muhammad Saeed (QDi.263)") become `related` links.

mod dates;
mod record;
mod tree;

use crate::{ListError, ParsedList};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use tree::Node;
use vigil_core::limits::check_xml_element;
use vigil_core::{Entity, Link};

/// The source name of the UN list; entity ids are `un-sc:<REFERENCE_NUMBER>`.
pub const SOURCE: &str = "un-sc";

const ROOT: &str = "CONSOLIDATED_LIST";

/// Reads a UN consolidated list file.
pub fn parse(path: &Path) -> Result<ParsedList, ListError> {
    let bytes = crate::read_file(path)?;
    parse_bytes(path, &bytes)
}

/// Reads a UN consolidated list held in memory; `path` names it in messages.
pub fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<ParsedList, ListError> {
    let invalid = |message: String| ListError::Invalid {
        path: path.to_owned(),
        message,
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(invalid("empty file".into()));
    }
    let mut lines = LineCounter::new(bytes);
    let syntax = |lines: &mut LineCounter, offset: u64, message: String| {
        let (line, column) = lines.position(offset as usize);
        ListError::Syntax {
            path: path.to_owned(),
            line,
            column,
            message,
        }
    };

    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().expand_empty_elements = true;
    let mut open: Vec<String> = Vec::new();
    let mut record: Vec<Node> = Vec::new();
    let mut record_line = 0;
    let mut root_seen = false;
    let mut file_date = None;
    let mut entities: Vec<Entity> = Vec::new();
    let mut seen_ids = HashSet::new();
    let mut warnings = Vec::new();

    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => return Err(syntax(&mut lines, reader.error_position(), e.to_string())),
        };
        let here = reader.buffer_position();
        match event {
            Event::Start(start) => {
                check_xml_element(open.len(), start.attributes_raw())
                    .map_err(|message| syntax(&mut lines, here, message))?;
                let name = element_name(&start)
                    .ok_or_else(|| syntax(&mut lines, here, "element name is not UTF-8".into()))?;
                if open.is_empty() {
                    if root_seen {
                        let msg = format!("a second root element <{name}> after </{ROOT}>");
                        return Err(syntax(&mut lines, here, msg));
                    }
                    if name != ROOT {
                        return Err(invalid(format!(
                            "not a UN consolidated list: root element is <{name}>, expected <{ROOT}>"
                        )));
                    }
                    root_seen = true;
                    file_date = attribute(&start, "dateGenerated");
                } else if !record.is_empty()
                    || (open.len() == 2 && (name == "INDIVIDUAL" || name == "ENTITY"))
                {
                    if record.is_empty() {
                        record_line = lines.position(here as usize).0;
                    }
                    record.push(Node::new(name.clone()));
                }
                open.push(name);
            }
            Event::End(_) => {
                open.pop();
                let Some(mut node) = record.pop() else {
                    continue;
                };
                node.finish_text();
                if let Some(parent) = record.last_mut() {
                    parent.children.push(node);
                    continue;
                }
                let mut warn = |w: String| warnings.push(w);
                let entity =
                    record::entity(&node, &mut warn).map_err(|message| ListError::Record {
                        path: path.to_owned(),
                        line: record_line,
                        message,
                    })?;
                if seen_ids.insert(entity.id.clone()) {
                    entities.push(entity);
                } else {
                    warnings.push(format!(
                        "{}: listed twice (second at line {record_line}); the first is kept",
                        entity.id
                    ));
                }
            }
            Event::Text(text) => {
                if let Some(node) = record.last_mut() {
                    let text = text
                        .unescape()
                        .map_err(|e| syntax(&mut lines, here, e.to_string()))?;
                    node.text.push_str(&text);
                }
            }
            Event::CData(data) => {
                if let Some(node) = record.last_mut() {
                    let text = std::str::from_utf8(&data)
                        .map_err(|_| syntax(&mut lines, here, "CDATA is not UTF-8".into()))?;
                    node.text.push_str(text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(name) = open.last() {
        let msg = format!("unexpected end of file: <{name}> is not closed (truncated file?)");
        return Err(syntax(&mut lines, bytes.len() as u64, msg));
    }
    if !root_seen {
        return Err(invalid(format!(
            "not a UN consolidated list: no <{ROOT}> element"
        )));
    }
    if entities.is_empty() {
        return Err(invalid(
            "the UN consolidated list has no INDIVIDUAL or ENTITY records".into(),
        ));
    }
    link_references(&mut entities);
    Ok(ParsedList {
        source: SOURCE.to_owned(),
        entities,
        file_date,
        sha256: hex::encode(Sha256::digest(bytes)),
        warnings,
    })
}

fn element_name(start: &BytesStart) -> Option<String> {
    std::str::from_utf8(start.name().as_ref())
        .ok()
        .map(str::to_owned)
}

fn attribute(start: &BytesStart, name: &str) -> Option<String> {
    start
        .attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name.as_bytes())
        .and_then(|a| a.unescape_value().ok())
        .map(|v| v.trim().to_owned())
}

/// Turns reference numbers mentioned in each record's comments ("(QDi.263)") into
/// `related` links, named after the referenced record when it is in the same list.
fn link_references(entities: &mut [Entity]) {
    let captions: HashMap<String, String> = entities
        .iter()
        .map(|e| (e.id.clone(), e.name.clone()))
        .collect();
    for entity in entities.iter_mut() {
        let Some(remarks) = &entity.remarks else {
            continue;
        };
        for reference in references(remarks) {
            let id = format!("{SOURCE}:{reference}");
            if id == entity.id || entity.links.iter().any(|l| l.name == reference) {
                continue;
            }
            let known = captions.get(&id);
            entity.links.push(Link {
                relation: "related".into(),
                name: known.cloned().unwrap_or_else(|| reference.to_owned()),
                entity_id: known.map(|_| id),
            });
        }
    }
}

/// UN reference numbers in free text: two capitals, `i` (individual) or `e` (entity),
/// a dot and three digits, e.g. `QDi.263`, `TAe.012`.
fn references(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(6)).filter_map(move |i| {
        let candidate = &bytes[i..i + 7];
        let shaped = candidate[0].is_ascii_uppercase()
            && candidate[1].is_ascii_uppercase()
            && matches!(candidate[2], b'i' | b'e')
            && candidate[3] == b'.'
            && candidate[4..].iter().all(u8::is_ascii_digit);
        let starts_word = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let ends_word = bytes.get(i + 7).is_none_or(|b| !b.is_ascii_digit());
        (shaped && starts_word && ends_word).then(|| &text[i..i + 7])
    })
}

/// Line and column (1-based, column in characters) for byte offsets, scanning forward
/// only once over the file however many records ask.
struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: u64,
    line_start: usize,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        LineCounter {
            bytes,
            offset: 0,
            line: 1,
            line_start: 0,
        }
    }

    fn position(&mut self, offset: usize) -> (u64, u64) {
        let offset = offset.min(self.bytes.len());
        if offset < self.offset {
            *self = LineCounter::new(self.bytes);
        }
        for (i, &b) in self.bytes[self.offset..offset].iter().enumerate() {
            if b == b'\n' {
                self.line += 1;
                self.line_start = self.offset + i + 1;
            }
        }
        self.offset = offset;
        let line_so_far = &self.bytes[self.line_start..offset];
        // Count characters, not bytes: UTF-8 continuation bytes do not start one.
        let column = line_so_far.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u64 + 1;
        (self.line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_reference_numbers_in_text() {
        let text = "Associated with Hafiz Muhammad Saeed (QDi.263) and QDe.118. Not XQDi.263 \
                    nor QDi.2634; TAe.012";
        assert_eq!(
            references(text).collect::<Vec<_>>(),
            ["QDi.263", "QDe.118", "TAe.012"]
        );
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let bytes = "ab\nçd\nef".as_bytes();
        let mut lines = LineCounter::new(bytes);
        assert_eq!(lines.position(0), (1, 1));
        assert_eq!(lines.position(6), (2, 3));
        assert_eq!(lines.position(bytes.len()), (3, 3));
        assert_eq!(lines.position(1), (1, 2));
    }
}
