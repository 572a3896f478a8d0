//! Listed names inside free remittance text (`Ustrd`, MT103 70/72).
//!
//! Until `vigil_match` has a text scanner, this screens short runs of capitalised words
//! ("payment to Hafiz Saeed for rent" → "Hafiz Saeed"). It is the one place to switch to
//! the scanner. False alerts are kept down by never screening windows that start or end
//! with payment vocabulary, by accepting a one-word fragment only when it matches a listed
//! organisation by a one-word name ("HIZBALLAH", not a lone given name), and by ignoring
//! matches on weak aliases (the lists' own "too generic" names).

use std::collections::HashMap;
use vigil_core::{NameKind, Query, Schema};
use vigil_match::{Match, MatchIndex, ScreenOptions};

/// Windows of at most this many words: listed names are rarely longer.
const MAX_WINDOW: usize = 5;
/// A bound on the work per text (an over-long text is cut, not ignored: earlier words are
/// still screened).
const MAX_WINDOWS: usize = 64;
/// One-word fragments shorter than this are never screened alone.
const MIN_SINGLE_WORD: usize = 5;

/// Remittance and payment vocabulary that never starts or ends a listed name.
#[rustfmt::skip]
const STOPWORDS: &[&str] = &[
    "a", "acc", "account", "acct", "and", "april", "as", "at", "august", "bank", "bill", "by",
    "charges", "consulting", "contract", "date", "dated", "december", "donation", "dr",
    "february", "fee", "fees", "for", "from", "gift", "goods", "in", "inv", "invoice",
    "january", "july", "june", "loan", "march", "may", "monthly", "mr", "mrs", "ms", "no",
    "november", "nr", "october", "of", "on", "order", "our", "pay", "payment", "po", "purchase",
    "re", "ref", "reference", "rent", "salary", "school", "september", "service", "services",
    "support", "the", "to", "transfer", "tuition", "via", "with", "your",
];

/// Lower-case words that may sit inside a name ("Army of the Pure", "Abu Bakr al Baghdadi").
#[rustfmt::skip]
const PARTICLES: &[&str] = &[
    "al", "bin", "bint", "ibn", "el", "ul", "ud", "e", "i", "of", "the", "de", "da", "la",
    "van", "von", "abu",
];

/// Listed entities named in `text`, best score per entity, with the words that matched.
pub fn remittance_matches(
    index: &MatchIndex,
    text: &str,
    options: &ScreenOptions,
) -> Vec<(String, Match)> {
    let mut best: HashMap<String, (String, Match)> = HashMap::new();
    for fragment in fragments(text) {
        let single_word = !fragment.contains(' ');
        let query = Query::name(fragment.clone());
        for m in index.screen(&query, options) {
            if m.score < options.threshold || is_weak_alias(index, &m) {
                continue;
            }
            if single_word && (m.schema == Schema::Person || m.matched_name.contains(' ')) {
                continue;
            }
            let better = best
                .get(&m.entity_id)
                .is_none_or(|(_, old)| m.score > old.score);
            if better {
                best.insert(m.entity_id.clone(), (fragment.clone(), m));
            }
        }
    }
    let mut found: Vec<(String, Match)> = best.into_values().collect();
    found.sort_by(|a, b| b.1.score.total_cmp(&a.1.score));
    found
}

fn is_weak_alias(index: &MatchIndex, m: &Match) -> bool {
    index.entity(&m.entity_id).is_some_and(|e| {
        e.names
            .iter()
            .any(|n| n.full == m.matched_name && n.kind == NameKind::Weak)
    })
}

struct Word<'a> {
    text: &'a str,
    capitalised: bool,
}

/// The fragments of `text` worth screening as names.
pub fn fragments(text: &str) -> Vec<String> {
    // Text with no capitals at all gives no case signal: treat every word as a candidate.
    let no_capitals = !text.chars().any(char::is_uppercase);
    let words: Vec<Word> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .map(|w| Word {
            text: w,
            capitalised: !w.chars().any(|c| c.is_ascii_digit())
                && (no_capitals || w.chars().next().is_some_and(char::is_uppercase)),
        })
        .collect();
    let mut out: Vec<String> = Vec::new();
    for run in runs(&words) {
        for len in (1..=MAX_WINDOW.min(run.len())).rev() {
            for window in run.windows(len) {
                if out.len() >= MAX_WINDOWS {
                    return out;
                }
                let (first, last) = (window[0], window[len - 1]);
                if is_boundary_stopword(first) || is_boundary_stopword(last) {
                    continue;
                }
                if len == 1 && first.chars().count() < MIN_SINGLE_WORD {
                    continue;
                }
                let fragment = window.join(" ");
                if !out.contains(&fragment) {
                    out.push(fragment);
                }
            }
        }
    }
    out
}

/// Maximal runs of capitalised words, allowing lower-case particles inside a run.
fn runs<'a>(words: &[Word<'a>]) -> Vec<Vec<&'a str>> {
    let mut runs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let particle_inside = !current.is_empty()
            && is_particle(word.text)
            && words[i + 1..]
                .iter()
                .find(|next| !is_particle(next.text))
                .is_some_and(|next| next.capitalised);
        if word.capitalised || particle_inside {
            current.push(word.text);
        } else if !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

fn is_boundary_stopword(word: &str) -> bool {
    let lower = word.to_lowercase();
    STOPWORDS.contains(&lower.as_str()) || PARTICLES.contains(&lower.as_str()) && lower != "abu"
}

fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_capitalised_names_out_of_prose() {
        let f = fragments("Payment to Hafiz Saeed for rent, invoice 2024-118");
        assert!(f.contains(&"Hafiz Saeed".to_owned()), "{f:?}");
        assert!(!f.iter().any(|x| x.starts_with("Payment")), "{f:?}");
        assert!(!f.iter().any(|x| x.contains("2024")), "{f:?}");
    }

    #[test]
    fn keeps_particles_inside_names() {
        let f = fragments("donation to Army of the Pure");
        assert!(f.contains(&"Army of the Pure".to_owned()), "{f:?}");
        assert!(!f.contains(&"of the Pure".to_owned()), "{f:?}");
    }

    #[test]
    fn all_capitals_and_no_capitals() {
        let f = fragments("INVOICE 77 PAYMENT FOR HAFIZ SAEED");
        assert!(f.contains(&"HAFIZ SAEED".to_owned()), "{f:?}");
        assert!(!f.contains(&"PAYMENT FOR HAFIZ".to_owned()), "{f:?}");
        let f = fragments("gift for hafiz saeed");
        assert!(f.contains(&"hafiz saeed".to_owned()), "{f:?}");
    }

    #[test]
    fn short_lone_words_are_not_screened() {
        let f = fragments("Ali");
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn work_is_bounded() {
        let text = "Abc ".repeat(10_000);
        assert!(fragments(&text).len() <= MAX_WINDOWS);
    }
}
