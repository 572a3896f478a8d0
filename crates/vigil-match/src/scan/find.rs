//! Finds listed names written in the text: anchors → candidate spans → scorer.

use super::tokens::{Case, TextToken};
use super::{MentionKind, NameInfo};
use crate::normalize::TokenClass;
use crate::score::{self, NameScore, Side, Tok, NO_ID};
use crate::MatchIndex;
use rustc_hash::FxHashMap;
use vigil_core::Schema;

/// One mention before it is rendered: a token range and what it resolved to.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub first: usize,
    pub last: usize,
    pub entity: u32,
    /// Indexed name id.
    pub name: u32,
    pub score: f64,
    pub kind: MentionKind,
}

/// Anchors of one name further apart than this (in tokens) are not one mention; it leaves
/// room for particles and a middle name between them.
const GAP: usize = 3;

/// A person name identifies someone only if its matched words weigh at least this many times
/// the largest possible token weight (summed IDF of their keys); below it the score is scaled
/// by the square of the shortfall. Measured on UN + OFAC (where the bar is 9.2): Mohammed
/// 2.7, Ali 3.2, Hussain 3.5, Saeed 4.0, Omar 4.1, Khalid 5.4, Hafiz 6.1, Baghdadi 7.6: two
/// common tokens (`Omar Hassan` 7.7, `Mohammed Ali` 5.9) fall short, `Hafiz Saeed` (10.1)
/// does not.
pub(super) const PERSON_MIN_INFO: f32 = 1.0;

/// Least score of a one-word listed name matched alone.
const ONE_WORD_MIN: f64 = 0.95;

/// The engine's name score of a text span against one indexed name, without the engine's
/// informativeness cut: scanning has its own rules for that (one-word names must be
/// distinctive, person names informative), made for text, where `Taliban` alone is a name.
fn name_score(ix: &MatchIndex, q: &Side, nid: u32, ns: &mut NameScore) -> f64 {
    let name = &ix.index.names[nid as usize];
    let mut nbuf = crate::NameSide::default();
    let nside = ix.name_side(name, &mut nbuf);
    score::score(q, &nside, &mut score::NoCache, None, ns);
    let s = f64::from(ns.score);
    if name.kind == vigil_core::NameKind::Weak {
        s * crate::evidence::WEAK_ALIAS_FACTOR
    } else {
        s
    }
}

/// Mentions of listed names at or above `threshold`, overlaps resolved.
pub(crate) fn find(ix: &MatchIndex, toks: &[TextToken], threshold: f64) -> Vec<Found> {
    let lower_text = written_in_lower_case(toks);
    let upper_text = written_in_upper_case(toks);
    let cands = candidates(ix, toks, threshold, lower_text);
    let mut best: FxHashMap<(usize, usize, u32), Found> = FxHashMap::default();
    let mut ns = NameScore::default();
    for (nid, first, last) in cands {
        let text_case = (lower_text, upper_text);
        let Some(f) = score_span(ix, toks, nid, (first, last), text_case, &mut ns) else {
            continue;
        };
        if f.score < threshold {
            continue;
        }
        let slot = best
            .entry((f.first, f.last, f.entity))
            .or_insert_with(|| f.clone());
        let latin = |f: &Found| !ix.index.names[f.name as usize].translit;
        if f.score > slot.score || (f.score == slot.score && latin(&f) && !latin(slot)) {
            *slot = f;
        }
    }
    resolve_overlaps(best.into_values().collect())
}

/// True for a text with (almost) no capitals, where case says nothing.
fn written_in_lower_case(toks: &[TextToken]) -> bool {
    let letters = toks.iter().filter(|t| t.case != Case::Other).count();
    let named = toks.iter().filter(|t| t.is_named()).count();
    letters >= 8 && named * 50 < letters
}

/// True for a text mostly in capitals, where capitals do not mark acronyms.
fn written_in_upper_case(toks: &[TextToken]) -> bool {
    let letters = toks.iter().filter(|t| t.case != Case::Other).count();
    let upper = toks.iter().filter(|t| t.case == Case::Upper).count();
    upper * 2 > letters
}

/// Candidate spans: (indexed name, first token, last token).
fn candidates(
    ix: &MatchIndex,
    toks: &[TextToken],
    threshold: f64,
    lower_text: bool,
) -> Vec<(u32, usize, usize)> {
    let index = &ix.index;
    let scanner = &ix.scanner;
    let min_frac = super::min_cover(threshold);
    let max_idf = scanner.max_idf;
    let anchor = |t: &TextToken| {
        t.class == TokenClass::Word && t.kid != NO_ID && (t.is_named() || lower_text)
    };
    // Phrase bounds per token: [start, end).
    let mut bounds = vec![(0usize, 0usize); toks.len()];
    let mut start = 0;
    for i in 0..=toks.len() {
        if i == toks.len() || (i > 0 && toks[i].break_before) {
            for b in &mut bounds[start..i] {
                *b = (start, i);
            }
            start = i;
        }
    }
    let mut out = Vec::new();
    // Per name, the last token of the run already looked at (u32::MAX: none), in a reused
    // per-thread table: a later trigger inside that run adds nothing.
    DONE.with(|cell| {
        let (done, touched) = &mut *cell.borrow_mut();
        if done.len() < index.names.len() {
            done.resize(index.names.len(), u32::MAX);
        }
        for (i, t) in toks.iter().enumerate() {
            if !anchor(t) {
                continue;
            }
            let Some(names) = scanner.triggers.get(&t.kid) else {
                continue;
            };
            let (lo, hi) = bounds[i];
            for &nid in names {
                let d = done[nid as usize];
                if d != u32::MAX && i <= d as usize {
                    continue;
                }
                let info = &scanner.names[nid as usize];
                let keys = scanner.keys_of(nid);
                let has = |j: usize| anchor(&toks[j]) && keys.contains(&toks[j].kid);
                // The run of this name's anchors around i, gaps of at most GAP tokens.
                let (mut first, mut last) = (i, i);
                let mut j = i;
                while j > lo && j - lo > 0 {
                    let from = j.saturating_sub(GAP).max(lo);
                    match (from..j).rev().find(|&k| has(k)) {
                        Some(k) => {
                            first = k;
                            j = k;
                        }
                        None => break,
                    }
                }
                j = i;
                while j + 1 < hi {
                    let to = (j + GAP + 1).min(hi);
                    match (j + 1..to).find(|&k| has(k)) {
                        Some(k) => {
                            last = k;
                            j = k;
                        }
                        None => break,
                    }
                }
                if d == u32::MAX {
                    touched.push(nid);
                }
                done[nid as usize] = last as u32;
                let mut hit: u64 = 0;
                let mut weight = 0.0f32;
                for (k, tk) in toks.iter().enumerate().take(last + 1).skip(first) {
                    if has(k) {
                        let pos = keys.iter().position(|&x| x == tk.kid).unwrap_or(0);
                        if hit & (1 << pos) == 0 {
                            hit |= 1 << pos;
                            weight += index.vocab.key_idf[tk.kid as usize];
                        }
                    }
                }
                let informative = !info.person
                    || f64::from(
                        ((weight + info.title_weight) / (PERSON_MIN_INFO * max_idf)).min(1.0),
                    )
                    .powi(2)
                        >= threshold;
                if informative && weight + 1e-4 >= min_frac * info.word_weight {
                    out.push((nid, first, last));
                }
            }
        }
        for &nid in touched.iter() {
            done[nid as usize] = u32::MAX;
        }
        touched.clear();
    });
    out
}

thread_local! {
    /// See `candidates`.
    static DONE: std::cell::RefCell<(Vec<u32>, Vec<u32>)> = const {
        std::cell::RefCell::new((Vec::new(), Vec::new()))
    };
}

/// True when text token `t` is spelled like some token of the name (same text or key).
fn in_name(ix: &MatchIndex, nid: u32, t: &TextToken) -> bool {
    let v = &ix.index.vocab;
    let name = &ix.index.names[nid as usize];
    ix.index.tokens_of(name).iter().any(|&n| {
        (t.tid != NO_ID && n == t.tid) || (t.kid != NO_ID && v.key_of[n as usize] == t.kid)
    })
}

/// Scores the span against one name after moving each edge while that helps: outwards
/// over adjacent tokens spelled like the name's (particles, titles such as `Hafiz`) unless
/// that lowers the score, inwards when that raises it. Without the score as the judge, a
/// word sharing only a phonetic key with the name (`said` or `Sad` before `Saeed`) joins the
/// span and spoils the score of the name written right after it. `None` when no span
/// around this one is a mention.
fn score_span(
    ix: &MatchIndex,
    toks: &[TextToken],
    nid: u32,
    (mut first, mut last): (usize, usize),
    text_case: (bool, bool),
    ns: &mut NameScore,
) -> Option<Found> {
    let mut score = |first, last| score_bounds(ix, toks, nid, (first, last), text_case, ns);
    let joins =
        |i: usize, next: usize| !toks[i.max(next)].break_before && in_name(ix, nid, &toks[next]);
    let mut best = score(first, last);
    loop {
        if first > 0 && joins(first, first - 1) {
            let wider = score(first - 1, last);
            if no_worse(&wider, &best) {
                (first, best) = (first - 1, wider);
                continue;
            }
        }
        if first < last {
            let narrower = score(first + 1, last);
            if !no_worse(&best, &narrower) {
                (first, best) = (first + 1, narrower);
                continue;
            }
        }
        break;
    }
    loop {
        if last + 1 < toks.len() && joins(last, last + 1) {
            let wider = score(first, last + 1);
            if no_worse(&wider, &best) {
                (last, best) = (last + 1, wider);
                continue;
            }
        }
        if first < last {
            let narrower = score(first, last - 1);
            if !no_worse(&best, &narrower) {
                (last, best) = (last - 1, narrower);
                continue;
            }
        }
        break;
    }
    best
}

/// Whether span `a` scores at least as well as `b` (any mention beats none; two misses tie,
/// so a span too short to be a mention may still grow into one).
fn no_worse(a: &Option<Found>, b: &Option<Found>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.score >= b.score,
        (None, Some(_)) => false,
        (_, None) => true,
    }
}

/// Scores exactly the tokens `first..=last` against one name; `None` when the span breaks
/// a rule that no score can make up for.
fn score_bounds(
    ix: &MatchIndex,
    toks: &[TextToken],
    nid: u32,
    (first, last): (usize, usize),
    (lower_text, upper_text): (bool, bool),
    ns: &mut NameScore,
) -> Option<Found> {
    let span = &toks[first..=last];
    if span.len() > crate::normalize::MAX_TOKENS {
        return None;
    }
    // An ordinary lower-case word inside the span that the name lacks makes it a sentence,
    // not a name (`Saeed said Hafiz`); one the name has is a connector (`wal-Muslimin`).
    let prose = |t: &TextToken| {
        t.class == TokenClass::Word && t.case == Case::Lower && !in_name(ix, nid, t)
    };
    if !lower_text && span.iter().any(prose) {
        return None;
    }
    let info: &NameInfo = &ix.scanner.names[nid as usize];
    let name = &ix.index.names[nid as usize];
    if info.words == 1 && info.acronym {
        // Acronyms only as written: one token, all capitals, the same letters.
        let t = &toks[first];
        let listed = ix
            .index
            .tokens_of(name)
            .iter()
            .any(|&n| *ix.index.vocab.texts[n as usize] == *t.norm);
        if first != last || t.case != Case::Upper || !listed || upper_text {
            return None;
        }
    }
    let v = &ix.index.vocab;
    let idf = |t: &TextToken| {
        if t.kid == NO_ID {
            v.unknown_idf
        } else {
            v.key_idf[t.kid as usize]
        }
    };
    let weight_of = |t: &TextToken| idf(t) * t.class.weight_factor();
    let qtoks: Vec<Tok> = span
        .iter()
        .map(|t| Tok {
            text: &t.norm,
            key: &t.key,
            id: t.tid,
            weight: weight_of(t),
            group: crate::cognates::group_of(&t.norm),
            alts: &[],
            sig: &crate::charsig::CharSig::UNKNOWN,
        })
        .collect();
    let joins = crate::adjacent_joins(span.iter().map(|t| &*t.norm));
    let qjoins = crate::join_refs(&joins);
    let qside = Side {
        toks: &qtoks,
        joins: &qjoins,
        join_ids: &[],
        translit: false,
        middle: 0,
        titles: 0,
        firm: false,
        units: &[],
        join_sigs: &[],
    };
    let mut s = name_score(ix, &qside, nid, ns);
    // One word alone is a mention only when spelled (nearly) as listed: a shared phonetic
    // key between two short words (Sony / Sinie) is chance.
    if info.words == 1 && s < ONE_WORD_MIN {
        return None;
    }
    if ix.index.schemas[name.entity as usize] == Schema::Person {
        // A title that is also a given name (Hafiz) identifies as much as a name here.
        let named: Vec<&TextToken> = span
            .iter()
            .enumerate()
            .filter(|(i, t)| {
                ns.qmatched & (1 << i) != 0
                    && matches!(t.class, TokenClass::Word | TokenClass::AmbiguousTitle)
            })
            .map(|(_, t)| t)
            .collect();
        // One name alone (`Saeed`, `Mohammed`) is never a person: the surname pass follows
        // a person the text named in full.
        if named.len() < 2 {
            return None;
        }
        let matched: f32 = named.iter().map(|t| idf(t)).sum();
        s *= f64::from(
            (matched / (PERSON_MIN_INFO * ix.scanner.max_idf))
                .min(1.0)
                .powi(2),
        );
    }
    Some(Found {
        first,
        last,
        entity: name.entity,
        name: nid,
        score: s,
        kind: MentionKind::Name,
    })
}

/// How much lower a longer mention of the same entity may score and still win.
const LONGER_SLACK: f64 = 0.03;

/// One mention per entity per place: of overlapping mentions of one entity the best stays;
/// a mention inside a longer one of another entity that scores as well goes (the text names
/// the more specific group: `Islamic State of Iraq and the Levant - Khorasan Province`).
fn resolve_overlaps(mut found: Vec<Found>) -> Vec<Found> {
    // Overlaps only happen inside a cluster of overlapping spans: resolve each on its own
    // (a long text holds many mentions; comparing all pairs would be quadratic).
    found.sort_by_key(|f| (f.first, f.last));
    let mut out = Vec::with_capacity(found.len());
    let mut cluster: Vec<Found> = Vec::new();
    let mut reach = 0;
    for f in found {
        if !cluster.is_empty() && f.first > reach {
            resolve_cluster(std::mem::take(&mut cluster), &mut out);
        }
        reach = if cluster.is_empty() {
            f.last
        } else {
            reach.max(f.last)
        };
        cluster.push(f);
    }
    resolve_cluster(cluster, &mut out);
    out
}

fn resolve_cluster(mut found: Vec<Found>, out: &mut Vec<Found>) {
    found.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then((b.last - b.first).cmp(&(a.last - a.first)))
            .then(a.first.cmp(&b.first))
            .then(a.entity.cmp(&b.entity))
    });
    let mut kept: Vec<Found> = Vec::with_capacity(found.len());
    for f in found {
        let overlaps = |k: &Found| f.first <= k.last && k.first <= f.last;
        let inside = |k: &Found, f: &Found| {
            k.first <= f.first && f.last <= k.last && (k.first, k.last) != (f.first, f.last)
        };
        // The whole name written out beats a shorter alias inside it scoring a bit better
        // (`The Islamic State of Iraq and the Levant` vs `Islamic State of Iraq`).
        if let Some(k) = kept
            .iter_mut()
            .find(|k| k.entity == f.entity && inside(&f, k) && f.score + LONGER_SLACK >= k.score)
        {
            *k = f;
            continue;
        }
        let drop = kept.iter().any(|k| {
            (k.entity == f.entity && overlaps(k)) || (k.entity != f.entity && inside(k, &f))
        });
        if !drop {
            kept.push(f);
        }
    }
    out.extend(kept);
}
