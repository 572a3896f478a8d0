//! References the text makes back to a name it already wrote: acronyms it defines in
//! parentheses (`Lashkar-e-Taiba (LeT)` ... `LeT`) and surnames of people it named in full
//! (`Hafiz Saeed` ... `Saeed’s`).
//!
//! An acronym defined after a name that is not listed (`Anti-Terrorist Assistance (ATA)`)
//! means that thing for the whole text, so a listed acronym with the same letters is not a
//! mention there.

use super::find::Found;
use super::tokens::{Case, TextToken};
use super::MentionKind;
use crate::normalize::TokenClass;
use crate::MatchIndex;
use rustc_hash::{FxHashMap, FxHashSet};
use vigil_core::Schema;

/// At most this many words before the parenthesis are read as the defined name.
const DEFINITION_WORDS: usize = 8;

/// Adds acronym and surname references to `found` (which holds the name mentions at or
/// above the threshold) and drops listed acronyms the text defines as something else.
pub(crate) fn follow(ix: &MatchIndex, toks: &[TextToken], found: &mut Vec<Found>, text: &str) {
    acronyms(ix, toks, found, text);
    surnames(ix, toks, found);
}

/// True for a token written like an acronym: 2-6 letters or digits, starting with a capital,
/// at least two capitals (`LeT`, `JeM`, `ISIS`, `TTP`).
pub(crate) fn looks_like_acronym(written: &str) -> bool {
    let n = written.chars().count();
    (2..=6).contains(&n)
        && written.chars().all(char::is_alphanumeric)
        && written.chars().next().is_some_and(char::is_uppercase)
        && written.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// True when the acronym's letters are the initials of `words` in order (some initials may
/// be skipped, as particles often are: `TTP` for `Tehrik-e Taliban Pakistan`), starting with
/// the first word's.
pub(crate) fn initials_fit(acronym: &str, words: &[&str]) -> bool {
    let initials: Vec<char> = words
        .iter()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect();
    let letters: Vec<char> = acronym.chars().flat_map(char::to_lowercase).collect();
    if initials.first() != letters.first() {
        return false;
    }
    let mut it = initials.iter();
    letters.iter().all(|l| it.any(|i| i == l))
}

fn written<'t>(text: &'t str, t: &TextToken) -> &'t str {
    &text[t.start..t.end]
}

fn acronyms(ix: &MatchIndex, toks: &[TextToken], found: &mut Vec<Found>, text: &str) {
    // Acronym as written → (token where it is defined, the mentions it stands for).
    let mut defined: FxHashMap<&str, (usize, Vec<Found>)> = FxHashMap::default();
    let mut shadowed: FxHashSet<String> = FxHashSet::default();
    let mut ending_at: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (k, f) in found.iter().enumerate() {
        if f.kind == MentionKind::Name {
            ending_at.entry(f.last).or_default().push(k);
        }
    }
    for (i, t) in toks.iter().enumerate() {
        let acr = written(text, t);
        if !t.parenthesised || i == 0 || !looks_like_acronym(acr) || defined.contains_key(acr) {
            continue;
        }
        let before: Vec<&Found> = ending_at
            .get(&(i - 1))
            .map(|ids| ids.iter().map(|&k| &found[k]).collect())
            .unwrap_or_default();
        let named: Vec<Found> = before
            .iter()
            .filter(|f| {
                let words: Vec<&str> = toks[f.first..=f.last]
                    .iter()
                    .map(|t| written(text, t))
                    .collect();
                initials_fit(acr, &words)
            })
            .map(|&f| f.clone())
            .collect();
        if !named.is_empty() {
            defined.insert(acr, (i, named));
            continue;
        }
        // Not a listed name: does the acronym abbreviate the words before it?
        let from = (0..i)
            .rev()
            .take(DEFINITION_WORDS)
            .take_while(|&j| j + 1 == i || !toks[j + 1].break_before)
            .last()
            .unwrap_or(i);
        let fits = (from..i).any(|s| {
            let words: Vec<&str> = toks[s..i].iter().map(|t| written(text, t)).collect();
            toks[s].is_named() && initials_fit(acr, &words)
        });
        if fits {
            shadowed.insert(acr.to_uppercase());
        }
    }
    if !shadowed.is_empty() {
        found.retain(|f| {
            let single_acronym = f.first == f.last && ix.scanner.names[f.name as usize].acronym;
            !(single_acronym && shadowed.contains(&written(text, &toks[f.first]).to_uppercase()))
        });
    }
    if defined.is_empty() {
        return;
    }
    // (entity, token) pairs already part of a mention.
    let covered: FxHashSet<(u32, usize)> = found
        .iter()
        .flat_map(|f| (f.first..=f.last).map(move |j| (f.entity, j)))
        .collect();
    let mut added = Vec::new();
    for (j, t) in toks.iter().enumerate() {
        let Some((at, named)) = defined.get(written(text, t)) else {
            continue;
        };
        if j < *at {
            continue;
        }
        for n in named {
            if !covered.contains(&(n.entity, j)) {
                added.push(Found {
                    first: j,
                    last: j,
                    kind: MentionKind::Acronym,
                    ..n.clone()
                });
            }
        }
    }
    found.extend(added);
}

/// A lone capitalised word equal to the surname (last word) of a person named in full
/// earlier is that person again, until another person with that surname is named in full;
/// not when it stands next to other capitalised words (then it is part of another name).
fn surnames(ix: &MatchIndex, toks: &[TextToken], found: &mut Vec<Found>) {
    let mut people: Vec<(&str, &Found)> = found
        .iter()
        .filter(|f| {
            f.kind == MentionKind::Name
                && ix.entities[f.entity as usize].schema == Schema::Person
                && toks[f.first..=f.last]
                    .iter()
                    .filter(|t| matches!(t.class, TokenClass::Word | TokenClass::AmbiguousTitle))
                    .count()
                    >= 2
        })
        .filter_map(|f| {
            let surname = toks[f.first..=f.last]
                .iter()
                .rev()
                .find(|t| t.class == TokenClass::Word && t.case != Case::Lower)?;
            Some((surname.norm.as_str(), f))
        })
        .collect();
    if people.is_empty() {
        return;
    }
    people.sort_by_key(|(_, f)| (f.last, f.first));
    let covered: FxHashSet<usize> = found.iter().flat_map(|f| f.first..=f.last).collect();
    let named_word = |j: usize| toks[j].class == TokenClass::Word && toks[j].is_named();
    // Surname → the mentions (one per entity) of the person it currently stands for.
    let mut owners: FxHashMap<&str, Vec<&Found>> = FxHashMap::default();
    let mut next = 0;
    let mut added = Vec::new();
    for (j, t) in toks.iter().enumerate() {
        while next < people.len() && people[next].1.last < j {
            let (surname, f) = people[next];
            let list = owners.entry(surname).or_default();
            if list
                .first()
                .is_some_and(|o| (o.first, o.last) != (f.first, f.last))
            {
                list.clear();
            }
            list.push(f);
            next += 1;
        }
        if !named_word(j) || covered.contains(&j) {
            continue;
        }
        let Some(list) = owners.get(t.norm.as_str()) else {
            continue;
        };
        let joined_left = j > 0 && !t.break_before && named_word(j - 1);
        let joined_right = j + 1 < toks.len() && !toks[j + 1].break_before && named_word(j + 1);
        if joined_left || joined_right {
            continue;
        }
        for p in list {
            added.push(Found {
                first: j,
                last: j,
                kind: MentionKind::Surname,
                ..(*p).clone()
            });
        }
    }
    found.extend(added);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronym_shapes() {
        for a in ["LeT", "JeM", "ISIS", "TTP", "AQI"] {
            assert!(looks_like_acronym(a), "{a}");
        }
        for a in ["Let", "the", "I", "Taliban", "L-T", "U.S"] {
            assert!(!looks_like_acronym(a), "{a}");
        }
    }

    #[test]
    fn initials_fit_with_skipped_particles() {
        assert!(initials_fit("LeT", &["Lashkar", "e", "Taiba"]));
        assert!(initials_fit("TTP", &["Tehrik", "e", "Taliban", "Pakistan"]));
        assert!(initials_fit(
            "ISIS",
            &["Islamic", "State", "of", "Iraq", "and", "Syria"]
        ));
        assert!(!initials_fit("JeM", &["Lashkar", "e", "Taiba"]));
        assert!(!initials_fit("ATA", &["Taliban"]));
        assert!(!initials_fit("LTT", &["Lashkar", "e", "Taiba"]));
    }
}
