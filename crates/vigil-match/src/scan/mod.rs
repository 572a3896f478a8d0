//! Text scanning: finds listed people and organisations mentioned in free text (news
//! articles, reports), with character offsets.
//!
//! How: the text is tokenised with offsets through the one normaliser ([`tokens`]); every
//! capitalised word whose phonetic key belongs to a listed name is an anchor, and anchors of
//! one name lying close together inside one phrase form a candidate span ([`find`]). Each
//! candidate span is scored against the name with the engine's own scorer, so a spelling
//! variant (`Lashkar-e-Taiba` / `Lashkar-e-Tayyiba`) scores as it would in `screen`. Then
//! acronyms the text defines (`Lashkar-e-Taiba (LeT)`) and surnames of people already named
//! in full are followed through the rest of the text ([`refs`]).
//!
//! What keeps false alerts down: text case is evidence (an all-lower-case word is never an
//! anchor, except in a text written all in lower case); a mention must cover the informative
//! part of a listed name (the scorer charges every listed word it lacks); a one-word listed
//! name matches alone only when it is an organisation's distinctive word or an acronym
//! written in capitals, never a lone given name; person names made only of common tokens
//! (`Mohammed Ali`) are discounted by how little they identify.
//!
//! Vessels and aircraft are not scanned: their names are mostly ordinary words.

mod find;
mod refs;
mod tokens;

use crate::MatchIndex;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use vigil_core::Schema;

/// Options for [`MatchIndex::scan`].
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// Mentions scoring below this are dropped. Candidate spans are found for thresholds
    /// down to [`MIN_THRESHOLD`]; lower ones only lower the cut among those.
    pub threshold: f64,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            threshold: crate::DEFAULT_THRESHOLD,
        }
    }
}

/// How a mention was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// The text writes a listed name (or a spelling variant of it).
    Name,
    /// An acronym the text defined in parentheses after a listed name.
    Acronym,
    /// The surname of a person the text named in full earlier.
    Surname,
}

/// One mention of a listed entity in the text.
#[derive(Debug, Clone, Serialize)]
pub struct Mention {
    /// Unicode scalar offsets into the scanned text: `text` is chars `start..end`.
    pub start: usize,
    pub end: usize,
    /// The mention as the text writes it.
    pub text: String,
    pub entity_id: String,
    pub caption: String,
    pub schema: Schema,
    pub score: f64,
    /// The listed name the mention matched.
    pub matched_name: String,
    /// The mention with some context around it, on one line.
    pub snippet: String,
    pub kind: MentionKind,
}

/// What scanning keeps per indexed name, built once with the index.
pub(crate) struct Scanner {
    names: Vec<NameInfo>,
    /// Trigger key → the names it can start a mention of: each name is filed under its
    /// rarest word keys, enough of them that a span lacking all of them could not reach
    /// `MIN_THRESHOLD` (so common tokens like `Mohammed` trigger few names).
    triggers: FxHashMap<u32, Vec<u32>>,
    /// Distinct word keys of each name: `keys[key_start[n]..key_start[n + 1]]`.
    keys: Vec<u32>,
    key_start: Vec<u32>,
    /// The IDF of a token only one entity uses.
    max_idf: f32,
}

#[derive(Debug, Clone, Copy, Default)]
struct NameInfo {
    /// Person or organisation: only those are scanned.
    scannable: bool,
    person: bool,
    /// Summed IDF of the titles that double as names (Hafiz): they count as information.
    title_weight: f32,
    /// Summed weight of the name's ordinary words (distinct keys).
    word_weight: f32,
    /// Number of ordinary words and titles that double as names.
    words: u8,
    /// A one-word organisation name short enough to be an acronym (AQI, JUD, ISIS).
    acronym: bool,
    /// A one-word organisation name distinctive enough to match alone (Taliban, Daesh).
    distinctive: bool,
}

/// Ordinary words that lists use as whole one-word names (see the file's header).
fn common_words() -> FxHashSet<&'static str> {
    include_str!("common_words.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Longest one-word name treated as an acronym (4: ISIS, FARC; 5-letter words like DAESH or
/// HAMAS are read as words).
const ACRONYM_MAX: usize = 4;
/// Shortest one-word name that may match alone as a word.
const WORD_NAME_MIN: usize = 5;
/// A span must hit at least this share of a listed name's word weight to be scored: it must
/// cover the informative part of the name (with the engine's penalty for missing tokens a
/// span hitting less scores below 0.75 anyway).
const MIN_COVER: f32 = 0.6;

/// The share of a name's word weight a span must hit at this threshold.
fn min_cover(threshold: f64) -> f32 {
    crate::min_hit_fraction(threshold).max(MIN_COVER)
}

/// The lowest threshold candidate finding is built for: below it, mentions that only a
/// common token would start are not looked for.
pub const MIN_THRESHOLD: f64 = 0.5;

impl Scanner {
    pub(crate) fn build(index: &crate::index::Index) -> Scanner {
        use crate::normalize::TokenClass;
        let common = common_words();
        let v = &index.vocab;
        let names = index
            .names
            .iter()
            .map(|n| {
                let schema = index.schemas[n.entity as usize];
                let scannable = matches!(schema, Schema::Person | Schema::Organization);
                let mut keys: Vec<u32> = index
                    .tokens_of(n)
                    .iter()
                    .filter(|&&t| v.class_of[t as usize] == TokenClass::Word)
                    .map(|&t| v.key_of[t as usize])
                    .collect();
                keys.sort_unstable();
                keys.dedup();
                let word_weight = keys.iter().map(|&k| v.key_idf[k as usize]).sum();
                // A title that is also a name (Hafiz) counts: `Hafiz Saeed` is two words.
                let words = index
                    .tokens_of(n)
                    .iter()
                    .filter(|&&t| {
                        matches!(
                            v.class_of[t as usize],
                            TokenClass::Word | TokenClass::AmbiguousTitle
                        )
                    })
                    .count() as u8;
                let single = (words == 1 && schema == Schema::Organization)
                    .then(|| {
                        index
                            .tokens_of(n)
                            .iter()
                            .find(|&&t| v.class_of[t as usize] == TokenClass::Word)
                            .map(|&t| &*v.texts[t as usize])
                    })
                    .flatten();
                let acronym = single.is_some_and(|w| {
                    (2..=ACRONYM_MAX).contains(&w.len())
                        && w.chars().all(|c| c.is_ascii_alphanumeric())
                });
                let distinctive = single.is_some_and(|w| {
                    w.chars().count() >= WORD_NAME_MIN
                        && !common.contains(w)
                        && vigil_core::lookup_country(w).is_none()
                });
                let title_weight = index
                    .tokens_of(n)
                    .iter()
                    .filter(|&&t| v.class_of[t as usize] == TokenClass::AmbiguousTitle)
                    .map(|&t| v.key_idf[v.key_of[t as usize] as usize])
                    .sum();
                NameInfo {
                    scannable,
                    person: schema == Schema::Person,
                    title_weight,
                    word_weight,
                    words,
                    acronym,
                    distinctive,
                }
            })
            .collect();
        let max_idf = (1.0 + index.schemas.len().max(1) as f32).ln();
        let names: Vec<NameInfo> = names;
        let mut keys = Vec::new();
        let mut key_start = Vec::with_capacity(names.len() + 1);
        let mut triggers: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        let min_frac = min_cover(MIN_THRESHOLD);
        let min_person_info = (MIN_THRESHOLD.sqrt() as f32) * find::PERSON_MIN_INFO * max_idf;
        for (nid, n) in index.names.iter().enumerate() {
            key_start.push(keys.len() as u32);
            let mut own: Vec<u32> = index
                .tokens_of(n)
                .iter()
                .filter(|&&t| v.class_of[t as usize] == TokenClass::Word)
                .map(|&t| v.key_of[t as usize])
                .collect();
            own.sort_unstable();
            own.dedup();
            keys.extend_from_slice(&own);
            let info = &names[nid];
            let shape_ok = info.words >= 2 || info.acronym || info.distinctive;
            let informative =
                !info.person || info.word_weight + info.title_weight >= min_person_info;
            if !info.scannable || !shape_ok || !informative {
                continue;
            }
            own.sort_by(|a, b| v.key_idf[*b as usize].total_cmp(&v.key_idf[*a as usize]));
            let mut rest = info.word_weight;
            for k in own {
                triggers.entry(k).or_default().push(nid as u32);
                rest -= v.key_idf[k as usize];
                if rest < min_frac * info.word_weight {
                    break;
                }
            }
        }
        key_start.push(keys.len() as u32);
        Scanner {
            names,
            triggers,
            keys,
            key_start,
            max_idf,
        }
    }
}

impl Scanner {
    fn keys_of(&self, nid: u32) -> &[u32] {
        let n = nid as usize;
        &self.keys[self.key_start[n] as usize..self.key_start[n + 1] as usize]
    }
}

impl MatchIndex {
    /// Finds mentions of listed people and organisations in `text` (plain text: extract
    /// HTML first). Mentions come in text order; the same entity named five times is five
    /// mentions.
    pub fn scan(&self, text: &str, options: &ScanOptions) -> Vec<Mention> {
        let toks = tokens::tokenize(text, &self.index);
        let mut found = find::find(self, &toks, options.threshold);
        refs::follow(self, &toks, &mut found, text);
        found.retain(|f| f.score >= options.threshold);
        found.sort_by(|a, b| {
            (a.first, a.last, &self.entities[a.entity as usize].id).cmp(&(
                b.first,
                b.last,
                &self.entities[b.entity as usize].id,
            ))
        });
        found
            .into_iter()
            .map(|f| self.mention(text, &toks, &f))
            .collect()
    }

    fn mention(&self, text: &str, toks: &[tokens::TextToken], f: &find::Found) -> Mention {
        let (a, b) = (&toks[f.first], &toks[f.last]);
        let e = &self.entities[f.entity as usize];
        let name = &self.index.names[f.name as usize];
        Mention {
            start: a.cstart,
            end: b.cend,
            text: text[a.start..b.end].to_owned(),
            entity_id: e.id.clone(),
            caption: e.name.clone(),
            schema: e.schema,
            score: (f.score * 1000.0).round() / 1000.0,
            matched_name: e.names[name.name as usize].full.clone(),
            snippet: snippet(text, a.start, b.end),
            kind: f.kind,
        }
    }
}

/// About this many characters of context on each side of a mention.
const CONTEXT: usize = 50;

/// The mention with up to `CONTEXT` characters either side, whitespace folded to one line.
fn snippet(text: &str, start: usize, end: usize) -> String {
    let before: Vec<(usize, char)> = text[..start].char_indices().rev().take(CONTEXT).collect();
    let from = before.last().map_or(start, |&(i, _)| i);
    let to = text[end..]
        .char_indices()
        .nth(CONTEXT)
        .map_or(text.len(), |(i, _)| end + i);
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut space = false;
    for c in text[from..to].chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() && !out.ends_with('…') {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    if to < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_folds_whitespace_and_marks_cuts() {
        let text = format!("{}Hafiz\nSaeed’s men{}", "x ".repeat(40), " y".repeat(40));
        let start = text.find("Hafiz").unwrap();
        let s = snippet(&text, start, start + "Hafiz\nSaeed".len());
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("Hafiz Saeed’s men"), "{s}");
        assert_eq!(snippet("Taliban", 0, 7), "Taliban");
    }
}
