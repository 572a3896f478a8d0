//! Splits free text into word tokens with their offsets, normalised through the one name
//! normaliser and looked up in the index vocabulary.
//!
//! Offsets are kept both in bytes (to slice the text) and in Unicode scalar values (what
//! callers get). Punctuation that ends a phrase (`. , ; : ! ? ( ) / "`, a dash between spaces,
//! a blank line) sets `break_before` on the next token: a name never spans such a break.
//! Two text conventions are undone here: a possessive `'s` / `’s` is left out of the token
//! (`Saeed’s` → `Saeed`), and a word hyphenated across a line end (`Moham-\nmad`) is one token
//! when the part after the break starts in lower case (a capital there means a real hyphen,
//! as in `Lashkar-e-\nTaiba`).

use crate::index::Index;
use crate::normalize::{self, TokenClass};
use crate::phonetic::name_key;
use crate::score::NO_ID;

/// How a word is written: case is evidence (names are capitalised, acronyms upper case).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// No upper-case letter: an ordinary word in ordinary text.
    Lower,
    /// Starts with a capital (`Taiba`, `LeT`, `McDonald`).
    Capital,
    /// Two or more letters, all upper case (`ISIS`, `LASHKAR`).
    Upper,
    /// No letters (numbers) or starts with a lower-case letter but has capitals (`al-Qaida`
    /// is split before this, so this is rare: `iPhone`).
    Other,
}

pub(crate) struct TextToken {
    /// Byte range in the text (possessive ending excluded).
    pub start: usize,
    pub end: usize,
    /// The same range in Unicode scalar values.
    pub cstart: usize,
    pub cend: usize,
    /// Normalised text, its class, vocabulary token id and key id (NO_ID when unknown).
    pub norm: String,
    pub key: String,
    pub class: TokenClass,
    pub tid: u32,
    pub kid: u32,
    pub case: Case,
    /// A phrase break (punctuation, blank line) separates this token from the previous one.
    pub break_before: bool,
    /// Written as `(TOKEN)`: the candidate of an acronym definition.
    pub parenthesised: bool,
}

impl TextToken {
    pub fn is_named(&self) -> bool {
        matches!(self.case, Case::Capital | Case::Upper)
    }
}

/// One raw word: byte range, char range, and what the gap before it held.
struct Word {
    start: usize,
    end: usize,
    cstart: usize,
    cend: usize,
    break_before: bool,
    /// The gap before is a hyphen at a line end.
    line_hyphen_before: bool,
    open_paren_before: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`' | '´')
}

fn is_break_char(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '"'
            | '“'
            | '”'
            | '„'
            | '«'
            | '»'
            | '/'
            | '|'
            | '\\'
            | '•'
            | '·'
            | '<'
            | '>'
            | '='
            | '+'
            | '*'
            | '#'
            | '@'
            | '…'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‐' | '‑' | '−')
}

/// Splits the text into words and classifies the gaps between them.
fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut cpos = 0usize;
    // Gap state since the previous word.
    let mut gap_break = true;
    let mut gap_newlines = 0u32;
    let mut gap_dash_spaced = false;
    let mut gap_space_before_dash = false;
    let mut gap_dash = false;
    let mut gap_dash_then_newline = false;
    let mut gap_open_paren = false;
    let mut gap_only_dot_after_short = false;
    while let Some((b, c)) = chars.next() {
        if is_word_char(c) {
            let (start, cstart) = (b, cpos);
            let mut end = b + c.len_utf8();
            cpos += 1;
            while let Some(&(b2, c2)) = chars.peek() {
                if is_word_char(c2) {
                    end = b2 + c2.len_utf8();
                    cpos += 1;
                    chars.next();
                } else if is_apostrophe(c2) {
                    // An apostrophe inside a word (Jama'at, Saeed's) belongs to it.
                    let after = text[b2 + c2.len_utf8()..].chars().next();
                    if after.is_some_and(is_word_char) {
                        end = b2 + c2.len_utf8();
                        cpos += 1;
                        chars.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            let blank_line = gap_newlines >= 2;
            let dot_ok = gap_only_dot_after_short;
            out.push(Word {
                start,
                end,
                cstart,
                cend: cpos,
                break_before: (gap_break && !dot_ok) || blank_line || gap_dash_spaced,
                line_hyphen_before: gap_dash_then_newline && gap_newlines == 1 && !gap_break,
                open_paren_before: gap_open_paren,
            });
            gap_break = false;
            gap_newlines = 0;
            gap_dash_spaced = false;
            gap_space_before_dash = false;
            gap_dash = false;
            gap_dash_then_newline = false;
            gap_open_paren = false;
            gap_only_dot_after_short = false;
            continue;
        }
        cpos += 1;
        if c == '\n' {
            gap_newlines += 1;
            if gap_dash {
                gap_dash_then_newline = true;
            }
        } else if c.is_whitespace() {
            if !gap_dash {
                gap_space_before_dash = true;
            }
        } else if is_dash(c) {
            // "word - word": a dash after a space separates phrases.
            if gap_space_before_dash && gap_newlines == 0 {
                gap_dash_spaced = true;
            }
            gap_dash = true;
        } else if is_break_char(c) {
            // A full stop after a short capitalised word is an abbreviation (Dr., M., Gen.),
            // not the end of a phrase.
            let short_abbrev = c == '.'
                && !gap_break
                && gap_newlines == 0
                && out.last().is_some_and(|w| {
                    let word = &text[w.start..w.end];
                    b == w.end
                        && word.chars().count() <= 3
                        && word.chars().next().is_some_and(char::is_uppercase)
                });
            gap_only_dot_after_short = short_abbrev;
            gap_break = true;
            if c == '(' || c == '[' {
                gap_open_paren = true;
            }
        } else {
            // Other symbols (& % $ ' ...) join phrases without breaking them.
        }
    }
    out
}

fn case_of(word: &str) -> Case {
    let mut letters = 0;
    let mut upper = 0;
    let mut first_upper = None;
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if c.is_uppercase() {
            upper += 1;
        }
        if first_upper.is_none() {
            first_upper = Some(c.is_uppercase());
        }
    }
    match first_upper {
        None => Case::Other,
        Some(_) if upper >= 2 && upper == letters => Case::Upper,
        Some(true) => Case::Capital,
        Some(false) if upper == 0 => Case::Lower,
        Some(false) => Case::Other,
    }
}

/// Drops a final possessive `'s` (also `’s`, `'S`): returns the byte length kept.
fn strip_possessive(word: &str) -> usize {
    let mut it = word.char_indices().rev();
    match (it.next(), it.next()) {
        (Some((_, s)), Some((a, ap))) if (s == 's' || s == 'S') && is_apostrophe(ap) && a > 0 => a,
        _ => word.len(),
    }
}

/// Tokenises `text` against the index vocabulary.
pub(crate) fn tokenize(text: &str, index: &Index) -> Vec<TextToken> {
    let raw = words(text);
    let mut out: Vec<TextToken> = Vec::with_capacity(raw.len());
    let mut lower = String::new();
    let mut i = 0;
    while i < raw.len() {
        let w = &raw[i];
        let (mut end, mut cend) = (w.end, w.cend);
        // A word hyphenated across a line end continues in lower case.
        let mut joined: Option<String> = None;
        if let Some(next) = raw.get(i + 1) {
            let next_text = &text[next.start..next.end];
            if next.line_hyphen_before && next_text.chars().next().is_some_and(char::is_lowercase) {
                joined = Some(format!("{}{}", &text[w.start..w.end], next_text));
                end = next.end;
                cend = next.cend;
                i += 1;
            }
        }
        let written: &str = joined.as_deref().unwrap_or(&text[w.start..end]);
        let kept = strip_possessive(written);
        let core = &written[..kept];
        if joined.is_none() && kept < written.len() {
            end = w.start + kept;
            cend -= written[kept..].chars().count();
        }
        let case = case_of(core);
        let parenthesised = w.open_paren_before
            && text[end..]
                .trim_start_matches(|c: char| is_apostrophe(c) || c == 's')
                .starts_with([')', ']']);
        let push = |norm: String, class: TokenClass, tid: u32, out: &mut Vec<TextToken>| {
            let (key, kid) = match tid {
                NO_ID => {
                    let key = name_key(&norm);
                    let kid = index
                        .vocab
                        .by_key
                        .get(key.as_str())
                        .copied()
                        .unwrap_or(NO_ID);
                    (key, kid)
                }
                t => {
                    let kid = index.vocab.key_of[t as usize];
                    (index.vocab.keys[kid as usize].to_string(), kid)
                }
            };
            out.push(TextToken {
                start: w.start,
                end,
                cstart: w.cstart,
                cend,
                norm,
                key,
                class,
                tid,
                kid,
                case,
                break_before: w.break_before,
                parenthesised,
            });
        };
        // Fast path: a plain ASCII word the lists use as it is.
        lower.clear();
        if core.is_ascii() {
            lower.extend(
                core.bytes()
                    .filter(|&b| b != b'\'' && b != b'`')
                    .map(|b| b.to_ascii_lowercase() as char),
            );
        }
        match index
            .vocab
            .by_text
            .get(lower.as_str())
            .filter(|_| !lower.is_empty())
        {
            Some(&tid) => {
                let class = index.vocab.class_of[tid as usize];
                push(lower.clone(), class, tid, &mut out);
            }
            None => {
                for t in normalize::tokens(core) {
                    let tid = index
                        .vocab
                        .by_text
                        .get(t.text.as_str())
                        .copied()
                        .unwrap_or(NO_ID);
                    push(t.text, t.class, tid, &mut out);
                }
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(&str, bool)> {
        words(text)
            .iter()
            .map(|w| (&text[w.start..w.end], w.break_before))
            .collect()
    }

    #[test]
    fn breaks_at_phrase_punctuation_not_at_hyphens_or_initials() {
        let s = spans("al-Qaida, ISIS/Daesh and Dr. Ayman - the end");
        assert_eq!(
            s,
            [
                ("al", true),
                ("Qaida", false),
                ("ISIS", true),
                ("Daesh", true),
                ("and", false),
                ("Dr", false),
                ("Ayman", false),
                ("the", true),
                ("end", false)
            ]
        );
    }

    #[test]
    fn blank_lines_break_single_newlines_do_not() {
        let s = spans("Hafiz\nSaeed\n\nLater");
        assert_eq!(s, [("Hafiz", true), ("Saeed", false), ("Later", true)]);
    }

    #[test]
    fn apostrophes_inside_words_and_possessives() {
        let s = spans("Jama'at Saeed’s men");
        assert_eq!(s[0].0, "Jama'at");
        assert_eq!(s[1].0, "Saeed’s");
        assert_eq!(strip_possessive("Saeed’s"), "Saeed".len());
        assert_eq!(strip_possessive("Saeed's"), 5);
        assert_eq!(strip_possessive("Jama'at"), 7);
        assert_eq!(strip_possessive("'s"), 2);
    }

    #[test]
    fn case_classes() {
        assert_eq!(case_of("ISIS"), Case::Upper);
        assert_eq!(case_of("LeT"), Case::Capital);
        assert_eq!(case_of("said"), Case::Lower);
        assert_eq!(case_of("2021"), Case::Other);
        assert_eq!(case_of("A"), Case::Capital);
    }
}
