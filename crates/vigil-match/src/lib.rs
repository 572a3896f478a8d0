//! The screening engine: normalise → transliterate → index (candidates) → score.
//!
//! - [`normalize`]: the one name normaliser in Vigil (scripts, diacritics, punctuation,
//!   particles, titles, legal forms).
//! - [`phonetic`]: name keys and consonant skeletons for transliteration variants.
//! - `index`: token dictionary (hash maps), postings, candidate generation; `fuzzy`: typo
//!   lookup by deletion neighbourhoods.
//! - `score`: token alignment and the graded name score.
//! - [`evidence`]: birth date, nationality, id numbers, alias quality.
//! - [`explain`]: the serialisable account of each score.
//!
//! PUBLIC API (stable: the CLI, the server, the message readers and the benchmarks use it).

mod charsig;
mod cognates;
pub mod evidence;
pub mod explain;
mod fuzzy;
mod index;
pub mod normalize;
pub mod phonetic;
pub mod scan;
mod score;
pub mod translit;

use charsig::CharSig;
use explain::{EvidenceStep, Explanation, Method, TokenPair};
use index::{Index, QueryToken, Scratch};
use rustc_hash::FxHashMap;
use score::{NameScore, Side, SimCache, Tok, NO_ID};
use serde::Serialize;
use std::borrow::Cow;
use std::cell::RefCell;
use vigil_core::{Entity, NameKind, Query, Schema};

pub use scan::{Mention, MentionKind, ScanOptions};
pub use score::jaro_winkler;

/// Scores at or above this mean "alert" unless the caller sets another threshold.
///
/// Meaning of the scale: 1.0 is the same normalised name; ~0.9-0.99 a transliteration
/// variant of every informative token; 0.8 roughly one informative token misspelled beyond
/// its phonetic key, or a missing minor token; below 0.7 a different person in all
/// likelihood. Evidence (birth date, nationality) moves a score by up to ±0.15.
pub const DEFAULT_THRESHOLD: f64 = 0.80;

#[derive(Debug, Clone)]
pub struct ScreenOptions {
    /// Results below this score are dropped (0 keeps every candidate).
    pub threshold: f64,
    /// At most this many results, best first.
    pub limit: usize,
}

impl Default for ScreenOptions {
    fn default() -> Self {
        ScreenOptions {
            threshold: DEFAULT_THRESHOLD,
            limit: 10,
        }
    }
}

/// One screening result.
#[derive(Debug, Clone, Serialize)]
pub struct Match {
    pub entity_id: String,
    pub score: f64,
    pub matched_name: String,
    pub schema: Schema,
    pub caption: String,
    /// Aligned tokens, name score, evidence steps.
    pub explanation: Explanation,
}

/// The outcome of comparing two names.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub score: f64,
    pub explanation: Explanation,
}

/// The loaded, searchable set of listed entities. `Send + Sync`: share it across threads.
pub struct MatchIndex {
    entities: Vec<Entity>,
    by_id: FxHashMap<String, u32>,
    index: Index,
    /// Text scanning's per-name data, built with the index.
    scanner: scan::Scanner,
}

thread_local! {
    static SCRATCH: RefCell<ScreenScratch> = RefCell::new(ScreenScratch::default());
}

/// Per-thread buffers of `screen`, so that a query allocates little beyond its results.
#[derive(Default)]
struct ScreenScratch {
    /// Candidate generation's per-name accumulators.
    hits: Scratch,
    /// Candidate names (hit weight, name id) of the current reading.
    cands: Vec<(f32, u32)>,
    /// Token similarities of the current query, by cache slot (`Prepared::units`).
    sims: HashCache,
    /// The best name of each candidate entity.
    best: FxHashMap<u32, Best>,
}

/// Per-query cache of token similarities: (query unit, vocabulary token id) → similarity.
///
/// An open-addressing table (linear probing, at most half full) whose slots carry the
/// generation of the query that wrote them: clearing for the next query is one increment,
/// and a lookup is a multiply, a mask and usually one compare. Nothing is ever evicted, so
/// it answers exactly as a map would.
#[derive(Default)]
struct HashCache {
    slots: Vec<CacheSlot>,
    /// Live entries of the current generation.
    len: usize,
    generation: u32,
}

#[derive(Clone, Copy)]
struct CacheSlot {
    key: u64,
    /// The slot holds an entry of the current query when this equals `HashCache::generation`.
    generation: u32,
    value: (f32, Method),
}

impl HashCache {
    const FIRST_CAPACITY: usize = 1024;

    /// Forgets every entry (the next query's similarities are its own).
    fn clear(&mut self) {
        self.len = 0;
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            // Wrapped: old slots could look current. Start the generations over.
            self.slots.iter_mut().for_each(|s| s.generation = 0);
            self.generation = 1;
        }
    }

    fn slot_of(key: u64, mask: usize) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask
    }

    /// Doubles the table (or makes the first one), keeping the current entries.
    fn grow(&mut self) {
        let capacity = (self.slots.len() * 2).max(Self::FIRST_CAPACITY);
        let empty = CacheSlot {
            key: 0,
            generation: 0,
            value: (0.0, Method::Exact),
        };
        let old = std::mem::replace(&mut self.slots, vec![empty; capacity]);
        if self.generation == 0 {
            self.generation = 1;
        }
        let mask = capacity - 1;
        for s in old.into_iter().filter(|s| s.generation == self.generation) {
            let mut i = Self::slot_of(s.key, mask);
            while self.slots[i].generation == self.generation {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }
}

/// Calls `f` out of line: a similarity computed on a cache miss is long and rare next to the
/// lookups, which stay small enough to inline into the scorer's loops.
#[inline(never)]
fn computed<R>(f: impl FnOnce() -> R) -> R {
    f()
}

impl SimCache for HashCache {
    #[inline]
    fn get_or(
        &mut self,
        qunit: usize,
        nid: u32,
        f: impl FnOnce() -> (f32, Method),
    ) -> (f32, Method) {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let key = ((qunit as u64) << 32) | u64::from(nid);
        let mask = self.slots.len() - 1;
        let mut i = Self::slot_of(key, mask);
        loop {
            let s = &self.slots[i];
            if s.generation != self.generation {
                break;
            }
            if s.key == key {
                return s.value;
            }
            i = (i + 1) & mask;
        }
        let value = computed(f);
        self.slots[i] = CacheSlot {
            key,
            generation: self.generation,
            value,
        };
        self.len += 1;
        value
    }
}

/// One romanised reading of a query, ready to score.
struct Prepared {
    toks: Vec<QueryToken>,
    /// Adjacent tokens joined: (text, key).
    joins: Vec<(String, String)>,
    /// The reading came through `translit`.
    translit: bool,
    /// Middle names by the written structure ([`index::middle_names`]).
    middle: u32,
    /// Titles ([`normalize::title_mask`]).
    titles: u32,
    /// Similarity-cache slots of the tokens, then the joins (`score::Side::units`).
    units: Vec<u32>,
    /// [`CharSig`]s of the joins.
    join_sigs: Vec<CharSig>,
}

impl Prepared {
    fn new(
        text: &str,
        translit: bool,
        make: impl FnOnce(Vec<normalize::Token>) -> Vec<QueryToken>,
    ) -> Prepared {
        let tokens = normalize::tokens_of_latin(text);
        let middle = u32::from(index::middle_names(text, &tokens));
        let titles = normalize::title_mask(&tokens);
        let toks = make(tokens);
        let joins = query_joins(&toks);
        Prepared {
            toks,
            translit,
            middle,
            titles,
            units: Vec::new(),
            join_sigs: joins.iter().map(|(t, _)| CharSig::of(t)).collect(),
            joins,
        }
    }
}

/// Buffers for the listed-name side of a comparison: refilled for every candidate name
/// (up to `index::CANDIDATES` per reading) and allocated once per query.
#[derive(Default)]
struct NameSide<'a> {
    toks: Vec<Tok<'a>>,
    joins: Vec<(&'a str, &'a str)>,
    join_sigs: Vec<&'a CharSig>,
}

/// The best name of one candidate entity.
struct Best {
    name_score: f64,
    name: u32,
    reading: usize,
}

impl MatchIndex {
    pub fn build(entities: Vec<Entity>) -> MatchIndex {
        let index = Index::build(&entities);
        let scanner = scan::Scanner::build(&index);
        let by_id = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i as u32))
            .collect();
        MatchIndex {
            entities,
            by_id,
            index,
            scanner,
        }
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i as usize])
    }

    /// Indexed name readings (names × romanisations, duplicates folded).
    pub fn name_count(&self) -> usize {
        self.index.names.len()
    }

    /// Approximate heap bytes of the search structures (entities not included).
    pub fn index_heap_bytes(&self) -> usize {
        self.index.heap_bytes()
    }

    /// Screens one query; results best first, at or above the threshold, at most `limit`.
    pub fn screen(&self, query: &Query, options: &ScreenOptions) -> Vec<Match> {
        SCRATCH.with(|s| self.screen_with(query, options, &mut s.borrow_mut()))
    }

    fn screen_with(
        &self,
        query: &Query,
        options: &ScreenOptions,
        scratch: &mut ScreenScratch,
    ) -> Vec<Match> {
        let ScreenScratch {
            hits,
            cands,
            sims,
            best,
        } = scratch;
        let qids = evidence::query_ids(query);
        let forced = self.index.entities_with_ids(&qids);
        let readings = index::name_readings(query.name.trim(), false);
        let prepared: Vec<Prepared> = readings
            .iter()
            .map(|(text, translit)| {
                Prepared::new(text, *translit, |toks| {
                    index::query_tokens(&self.index, toks)
                })
            })
            .collect();
        let mut prepared = merge_alike_readings(prepared);
        assign_units(&mut prepared);
        sims.clear();
        let allowed = |s: Schema| query.schema.is_none_or(|q| q == s);
        best.clear();
        let mut ns = NameScore::default();
        let mut nbuf = NameSide::default();
        for (ri, p) in prepared.iter().enumerate() {
            let qt = &p.toks;
            if qt.is_empty() && forced.is_empty() {
                continue;
            }
            let limit = if ri == 0 {
                index::CANDIDATES
            } else {
                index::CANDIDATES_OTHER_READINGS
            };
            let min_hit =
                min_hit_fraction(options.threshold) * qt.iter().map(|t| t.weight).sum::<f32>();
            self.index
                .candidates(qt, &p.joins, hits, allowed, &forced, min_hit, limit, cands);
            let qtoks = query_side_toks(qt);
            let qjoins = join_refs(&p.joins);
            let qjsigs: Vec<&CharSig> = p.join_sigs.iter().collect();
            let qside = Side {
                toks: &qtoks,
                joins: &qjoins,
                join_ids: &[],
                translit: p.translit,
                middle: p.middle,
                titles: p.titles,
                firm: false,
                units: &p.units,
                join_sigs: &qjsigs,
            };
            for &(_, nid) in cands.iter() {
                let s = self.score_name(&qside, nid, sims, &mut ns, &mut nbuf);
                let entity = self.index.names[nid as usize].entity;
                let slot = best.entry(entity).or_insert(Best {
                    name_score: -1.0,
                    name: nid,
                    reading: ri,
                });
                if s > slot.name_score {
                    *slot = Best {
                        name_score: s,
                        name: nid,
                        reading: ri,
                    };
                }
            }
        }
        let mut results: Vec<(f64, u32, &Best)> = Vec::new();
        let mut steps = Vec::new();
        for (&entity, b) in best.iter() {
            let is_forced = forced.binary_search(&entity).is_ok();
            if !is_forced && b.name_score + MAX_LIFT < options.threshold {
                continue;
            }
            steps.clear();
            let e = &self.entities[entity as usize];
            let score = evidence::apply(query, &qids, e, b.name_score, &mut steps);
            if score >= options.threshold {
                results.push((score, entity, b));
            }
        }
        results.sort_unstable_by(|a, b| {
            b.0.total_cmp(&a.0).then_with(|| {
                self.entities[a.1 as usize]
                    .id
                    .cmp(&self.entities[b.1 as usize].id)
            })
        });
        results.truncate(options.limit);
        results
            .into_iter()
            .map(|(score, entity, b)| {
                let e = &self.entities[entity as usize];
                let explanation =
                    self.explain(query, &qids, &prepared[b.reading], b.name, score, sims);
                Match {
                    entity_id: e.id.clone(),
                    score,
                    matched_name: e.names[self.index.names[b.name as usize].name as usize]
                        .full
                        .clone(),
                    schema: e.schema,
                    caption: e.name.clone(),
                    explanation,
                }
            })
            .collect()
    }

    /// Name score of one indexed name, weak aliases discounted. `buf` holds the name's side.
    fn score_name<'a>(
        &'a self,
        q: &Side,
        nid: u32,
        cache: &mut impl SimCache,
        ns: &mut NameScore,
        buf: &mut NameSide<'a>,
    ) -> f64 {
        let name = &self.index.names[nid as usize];
        let nside = self.name_side(name, buf);
        // Namesakes are a person problem: organisation names of common words are already
        // weighed down by their legal-form and IDF weights.
        let full_info = (self.index.schemas[name.entity as usize] == Schema::Person)
            .then_some(self.index.vocab.full_info);
        score::score(q, &nside, cache, full_info, ns);
        let s = f64::from(ns.score);
        if name.kind == NameKind::Weak {
            s * evidence::WEAK_ALIAS_FACTOR
        } else {
            s
        }
    }

    /// The scorer's view of an indexed name, built in `buf`.
    fn name_side<'a, 'b>(
        &'a self,
        name: &index::IndexedName,
        buf: &'b mut NameSide<'a>,
    ) -> Side<'b> {
        let v = &self.index.vocab;
        buf.toks.clear();
        buf.toks
            .extend(self.index.tokens_of(name).iter().map(|&tid| Tok {
                text: &v.texts[tid as usize],
                key: &v.keys[v.key_of[tid as usize] as usize],
                id: tid,
                weight: v.weight(tid),
                group: v.group_of[tid as usize],
                alts: &[],
                sig: &v.sigs[tid as usize],
            }));
        buf.joins.clear();
        buf.joins.extend(self.index.joins_of(name).iter().map(|&j| {
            let (t, k) = &v.joins[j as usize];
            (&**t, &**k)
        }));
        buf.join_sigs.clear();
        buf.join_sigs.extend(
            self.index
                .joins_of(name)
                .iter()
                .map(|&j| &v.join_sigs[j as usize]),
        );
        Side {
            toks: &buf.toks,
            joins: &buf.joins,
            join_ids: self.index.joins_of(name),
            translit: name.translit,
            middle: u32::from(name.middle),
            titles: u32::from(name.titles),
            firm: self.index.schemas[name.entity as usize] != Schema::Person,
            units: &[],
            join_sigs: &buf.join_sigs,
        }
    }

    /// The explanation of one result: its best name scored again with the pairs kept.
    /// `cache` may hold the similarities screening computed for this query's readings: their
    /// slots (`Prepared::units`) name the query words they belong to.
    fn explain(
        &self,
        query: &Query,
        qids: &[String],
        p: &Prepared,
        nid: u32,
        score: f64,
        cache: &mut impl SimCache,
    ) -> Explanation {
        let qtoks = query_side_toks(&p.toks);
        let qjoins = join_refs(&p.joins);
        let qjsigs: Vec<&CharSig> = p.join_sigs.iter().collect();
        let qside = Side {
            toks: &qtoks,
            joins: &qjoins,
            join_ids: &[],
            translit: p.translit,
            middle: p.middle,
            titles: p.titles,
            firm: false,
            units: &p.units,
            join_sigs: &qjsigs,
        };
        let name = &self.index.names[nid as usize];
        let mut ns = NameScore::default();
        let mut nbuf = NameSide::default();
        let name_score = self.score_name(&qside, nid, cache, &mut ns, &mut nbuf);
        let ntoks = nbuf.toks;
        let mut steps = Vec::new();
        if name.kind == NameKind::Weak {
            steps.push(EvidenceStep {
                kind: "weak_alias",
                detail: format!(
                    "matched a weak (low-quality) alias: name score x{}",
                    evidence::WEAK_ALIAS_FACTOR
                ),
                delta: name_score - f64::from(ns.score),
            });
        }
        let e = &self.entities[name.entity as usize];
        evidence::apply(query, qids, e, name_score, &mut steps);
        build_explanation(&qtoks, &ntoks, &ns, name_score, steps, score)
    }
}

/// Folds readings of a non-Latin query that have as many tokens as an earlier one into it,
/// word by word: each differing token becomes an alternative of the earlier reading's token
/// (`QueryToken::alts`). Romanisations that differ in a vowel or a letter here and there
/// then cost one candidate and scoring pass instead of one each, and every combination of
/// the words' readings is tried, not only the few whole readings.
fn merge_alike_readings(readings: Vec<Prepared>) -> Vec<Prepared> {
    let mut out: Vec<Prepared> = Vec::with_capacity(readings.len());
    for r in readings {
        let Some(base) = out.iter_mut().find(|b| b.toks.len() == r.toks.len()) else {
            out.push(r);
            continue;
        };
        for (bt, rt) in base.toks.iter_mut().zip(r.toks) {
            if bt.text != rt.text && !bt.alts.iter().any(|(t, _)| *t == rt.text) {
                bt.alts.push((rt.text, rt.key));
            }
        }
    }
    out
}

/// Gives each distinct query token of all readings one similarity-cache slot, and each
/// distinct join another (a join is compared without the token-only rules, so it must not
/// share a token's slot): readings differ in a word or two, and share the rest's work.
fn assign_units(prepared: &mut [Prepared]) {
    // Slot i is the i-th distinct (is a join, text) met. A query has a few dozen at most,
    // so a list searched in order beats a map of owned strings.
    let mut slots: Vec<(bool, Cow<str>)> = Vec::new();
    for p in prepared.iter_mut() {
        // A token's alternatives are part of what it is compared as.
        let toks = p.toks.iter().map(|t| {
            let text = if t.alts.is_empty() {
                Cow::Borrowed(t.text.as_str())
            } else {
                let alts = t.alts.iter().map(|(a, _)| a.as_str());
                Cow::Owned(
                    std::iter::once(t.text.as_str())
                        .chain(alts)
                        .collect::<Vec<_>>()
                        .join("|"),
                )
            };
            (false, text)
        });
        let joins = p
            .joins
            .iter()
            .map(|(text, _)| (true, Cow::Borrowed(text.as_str())));
        let units = toks
            .chain(joins)
            .map(|k| match slots.iter().position(|s| *s == k) {
                Some(i) => i as u32,
                None => {
                    slots.push(k);
                    (slots.len() - 1) as u32
                }
            })
            .collect();
        p.units = units;
    }
}

/// Evidence can add at most this much to a name score without an id hit.
const MAX_LIFT: f64 = evidence::MAX_AGREEMENT_LIFT;

/// The share of the query's token weight a candidate must hit in candidate generation to be
/// scored at all. A name hitting a fraction f of it scores at most f / (f + ALPHA (1 - f));
/// the bound is loosened by a margin because candidate hits are approximate (a spelling that
/// only Jaro-Winkler finds adds nothing there).
fn min_hit_fraction(threshold: f64) -> f32 {
    const MARGIN: f64 = 0.15;
    let s = (threshold - MAX_LIFT - MARGIN).clamp(0.0, 0.95);
    let a = f64::from(score::ALPHA);
    (s * a / (1.0 - s + s * a)) as f32
}

fn query_side_toks(qt: &[QueryToken]) -> Vec<Tok<'_>> {
    qt.iter()
        .map(|t| Tok {
            text: &t.text,
            key: &t.key,
            id: t.tid,
            weight: t.weight,
            group: t.group,
            alts: &t.alts,
            sig: &t.sig,
        })
        .collect()
}

fn query_joins(qt: &[QueryToken]) -> Vec<(String, String)> {
    adjacent_joins(qt.iter().map(|t| t.text.as_str()))
}

/// Each pair of adjacent tokens written together, with its phonetic key: the query side's
/// joins (the index has the listed names' joins precomputed).
pub(crate) fn adjacent_joins<'t>(texts: impl Iterator<Item = &'t str>) -> Vec<(String, String)> {
    let texts: Vec<&str> = texts.collect();
    texts
        .windows(2)
        .map(|w| {
            let mut text = String::with_capacity(w[0].len() + w[1].len());
            text.push_str(w[0]);
            text.push_str(w[1]);
            let key = phonetic::name_key(&text);
            (text, key)
        })
        .collect()
}

/// Joins as the scorer's `Side` borrows them.
pub(crate) fn join_refs(joins: &[(String, String)]) -> Vec<(&str, &str)> {
    joins
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect()
}

fn unit_text(toks: &[Tok], mask: u32) -> String {
    if mask.count_ones() == 1 {
        // One token (most pairs): its text, as the join below would give it.
        if let Some(t) = toks.get(mask.trailing_zeros() as usize) {
            return t.text.to_owned();
        }
    }
    let parts: Vec<&str> = toks
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, t)| t.text)
        .collect();
    parts.join("+")
}

/// The query side of an aligned pair as it matched: for a word read several ways, the
/// reading closest to the name token.
fn query_unit_text(q: &[Tok], n: &[Tok], p: &score::Aligned) -> String {
    let single = |m: u32| (m.count_ones() == 1).then(|| m.trailing_zeros() as usize);
    if let (Some(i), Some(j)) = (single(p.qmask), single(p.nmask)) {
        let (a, b) = (&q[i], &n[j]);
        if a.alts.is_empty() {
            // One reading: the closest is that one.
            return a.text.to_owned();
        }
        let sim = |(text, key): &(&str, &str)| score::token_sim(text, key, b.text, b.key).0;
        let readings = std::iter::once((a.text, a.key))
            .chain(a.alts.iter().map(|(t, k)| (t.as_str(), k.as_str())));
        if let Some((text, _)) = readings.max_by(|x, y| sim(x).total_cmp(&sim(y))) {
            return text.to_owned();
        }
    }
    unit_text(q, p.qmask)
}

fn build_explanation(
    q: &[Tok],
    n: &[Tok],
    ns: &NameScore,
    name_score: f64,
    evidence: Vec<EvidenceStep>,
    score: f64,
) -> Explanation {
    let texts = |t: &[Tok]| t.iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
    let unmatched = |t: &[Tok], mask: u32| {
        t.iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) == 0)
            .map(|(_, t)| t.text.to_owned())
            .collect()
    };
    Explanation {
        query_normalized: texts(q),
        name_normalized: texts(n),
        pairs: ns
            .pairs
            .iter()
            .map(|p| TokenPair {
                query: query_unit_text(q, n, p),
                name: unit_text(n, p.nmask),
                similarity: round3(f64::from(p.sim)),
                method: p.method,
                weight: round3(f64::from(p.weight)),
            })
            .collect(),
        unmatched_query: unmatched(q, ns.qmatched),
        unmatched_name: unmatched(n, ns.nmatched),
        name_score: round3(name_score),
        evidence,
        score: round3(score),
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// A name for a one-off comparison: uniform rarity (no index to count from), so only the
/// token class sets the weight.
fn standalone(text: &str) -> Prepared {
    let (reading, translit) = index::name_readings(text.trim(), false)
        .into_iter()
        .next()
        .unwrap_or_default();
    Prepared::new(&reading, translit, |tokens| {
        tokens
            .into_iter()
            .map(|t| QueryToken {
                key: phonetic::name_key(&t.text),
                weight: t.class.weight_factor(),
                class: t.class,
                group: cognates::group_of(&t.text),
                alts: Vec::new(),
                sig: CharSig::of(&t.text),
                text: t.text,
                tid: NO_ID,
            })
            .collect()
    })
}

/// Compares two names (as a screening analyst would compare a query with a listed name).
/// `a` plays the query, `b` the listed name. The schema only decides whether a word missing
/// between matched ones may be a middle name (people's names only); legal forms are weighed
/// lightly for every schema.
pub fn compare(a: &str, b: &str, schema: Option<Schema>) -> Comparison {
    let (a, b) = (standalone(a), standalone(b));
    let (qtoks, ntoks) = (query_side_toks(&a.toks), query_side_toks(&b.toks));
    let (qj, nj) = (join_refs(&a.joins), join_refs(&b.joins));
    let q = Side {
        toks: &qtoks,
        joins: &qj,
        join_ids: &[],
        translit: a.translit,
        middle: a.middle,
        titles: a.titles,
        firm: false,
        units: &[],
        join_sigs: &[],
    };
    let n = Side {
        toks: &ntoks,
        joins: &nj,
        join_ids: &[],
        translit: b.translit,
        middle: b.middle,
        titles: b.titles,
        firm: schema.is_some_and(|s| s != Schema::Person),
        units: &[],
        join_sigs: &[],
    };
    let mut ns = NameScore::default();
    score::score(&q, &n, &mut score::NoCache, None, &mut ns);
    let s = f64::from(ns.score);
    let explanation = build_explanation(&qtoks, &ntoks, &ns, s, Vec::new(), s);
    Comparison {
        score: s,
        explanation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_similarity_cache_answers_as_a_map_across_growth_and_queries() {
        let mut cache = HashCache::default();
        let mut calls = 0;
        let value = |u: usize, n: u32| (u as f32 + n as f32 / 1000.0, Method::Fuzzy);
        for query in 0..3 {
            cache.clear();
            // Enough keys to grow the table several times; each asked twice.
            for round in 0..2 {
                for u in 0..40usize {
                    for n in 0..100u32 {
                        let got = cache.get_or(u, n * 7 + query, || {
                            calls += 1;
                            value(u, n * 7 + query)
                        });
                        assert_eq!(got, value(u, n * 7 + query), "round {round}");
                    }
                }
            }
        }
        // Computed once per key and query, never again within a query.
        assert_eq!(calls, 3 * 40 * 100);
    }
}
