//! The searchable index: per-name token data precomputed at build time, a token dictionary
//! (hash maps for exact token / key / skeleton / join lookup, a deletion index for typos)
//! with postings to names, and candidate generation.
//!
//! Candidate generation looks up every query token through every channel (exact, phonetic
//! key, joined pairs, and - when neither the token nor its key is in the dictionary - typo
//! lookup within 1-2 edits and consonant skeletons) and sums, per name, the best hit weight
//! of each query token. A token that hits exactly never stops another token's fuzzy lookup, so a typo in the
//! one rare token still finds the entity. Only the best `CANDIDATES` names are scored fully.

use crate::charsig::CharSig;
use crate::fuzzy::DeletionIndex;
use crate::normalize::{self, Token, TokenClass};
use crate::phonetic::{name_key, skeleton};
use rustc_hash::FxHashMap;
use vigil_core::{Entity, NameKind, Schema};

/// Names scored fully per query: generous, so ranking by hit weight loses nothing.
pub const CANDIDATES: usize = 160;
/// Names scored for each further romanisation of a non-Latin query (one that splits or
/// joins words differently from the first; the others are folded into it as alternatives):
/// such a reading finds its entity near the top of its hits, or not at all.
pub const CANDIDATES_OTHER_READINGS: usize = 20;

/// One indexed reading of a name (a name with several romanisations has several).
pub(crate) struct IndexedName {
    pub entity: u32,
    /// Index into the entity's `names`.
    pub name: u32,
    pub kind: NameKind,
    pub translit: bool,
    pub start: u32,
    pub len: u8,
    /// Joins of adjacent tokens start here in `name_joins` (len - 1 of them).
    pub join_start: u32,
    /// Tokens that are middle names by the written structure ([`middle_names`]).
    pub middle: u16,
    /// Tokens that are titles ([`crate::normalize::title_mask`]).
    pub titles: u16,
}

pub(crate) struct Vocab {
    pub texts: Vec<Box<str>>,
    pub key_of: Vec<u32>,
    pub class_of: Vec<TokenClass>,
    /// Each token's [`crate::cognates`] group (0: none).
    pub group_of: Vec<u16>,
    pub by_text: FxHashMap<Box<str>, u32>,
    pub keys: Vec<Box<str>>,
    pub by_key: FxHashMap<Box<str>, u32>,
    pub key_idf: Vec<f32>,
    pub by_skel: FxHashMap<Box<str>, u32>,
    /// Each token's [`CharSig`] (the scorer's similarity bound).
    pub sigs: Vec<CharSig>,
    /// Each token's weight (`weight`).
    pub weights: Vec<f32>,
    /// Joined adjacent tokens: text and key.
    pub joins: Vec<(Box<str>, Box<str>)>,
    /// Each join's [`CharSig`].
    pub join_sigs: Vec<CharSig>,
    pub by_join: FxHashMap<Box<str>, u32>,
    /// Weight of a query token the lists never use (typical, not maximal, rarity).
    pub unknown_idf: f32,
    /// Matched weight at which a match counts as fully informative (see `score`).
    pub full_info: f32,
}

impl Vocab {
    /// A token's weight: its key's IDF times its class factor (precomputed: `weights`).
    pub fn weight(&self, tid: u32) -> f32 {
        self.weights[tid as usize]
    }
}

pub(crate) struct Index {
    pub vocab: Vocab,
    pub names: Vec<IndexedName>,
    pub name_tokens: Vec<u32>,
    pub name_joins: Vec<u32>,
    pub token_post: Vec<Vec<u32>>,
    pub key_post: Vec<Vec<u32>>,
    /// The phonetic keys (ids) of the listed spellings of each [`crate::cognates`] group
    /// (index = group id): a query token of the group walks those keys' postings.
    pub group_keys: Vec<Vec<u32>>,
    pub skel_post: Vec<Vec<u32>>,
    pub join_post: Vec<Vec<u32>>,
    pub join_key_post: FxHashMap<Box<str>, Vec<u32>>,
    pub typos: DeletionIndex,
    pub by_id_number: FxHashMap<String, Vec<u32>>,
    pub schemas: Vec<Schema>,
}

/// The romanised readings of a name, best first (the text itself when already Latin).
fn readings(text: &str, original_script: bool) -> Vec<(String, bool)> {
    if original_script || normalize::needs_latinizing(text) {
        let mut out: Vec<(String, bool)> = crate::translit::latinize_variants(text)
            .into_iter()
            .filter(|r| !r.trim().is_empty())
            .map(|r| (r, true))
            .collect();
        if out.is_empty() {
            out.push((text.to_owned(), true));
        }
        out
    } else {
        vec![(text.to_owned(), false)]
    }
}

/// The readings of a name, listed or queried. A closing parenthesis is no part of the name:
/// an acronym there is an alias of its own ("HAQQANI NETWORK (HQN)": HAQQANI NETWORK and
/// HQN), anything else a remark ("(LEBANON BRANCH)", "(OFF-SHORE)") that would cost every
/// query the weight of words it never holds.
pub(crate) fn name_readings(text: &str, original_script: bool) -> Vec<(String, bool)> {
    let Some((bare, inside)) = closing_parenthesis(text) else {
        return readings(text, original_script);
    };
    let mut out = readings(bare, original_script);
    if is_acronym(inside) {
        out.push((inside.to_owned(), false));
    }
    out
}

/// The name before a parenthesis that ends it, and what the parenthesis holds.
fn closing_parenthesis(text: &str) -> Option<(&str, &str)> {
    let body = text.trim_end().strip_suffix(')')?;
    let open = body.rfind('(')?;
    let bare = body[..open].trim_end();
    let has_letters = bare.chars().any(char::is_alphabetic);
    has_letters.then(|| (bare, body[open + 1..].trim()))
}

/// Two to eight capital letters or digits, two letters at least (AQAP, JNIM, HQN).
fn is_acronym(s: &str) -> bool {
    (2..=8).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && s.bytes().filter(u8::is_ascii_uppercase).count() >= 2
}

/// Tokens that are middle names by the name's written structure: in "FAMILY NAMES, Given
/// names" form, the family names after the first and the given names after the first (a
/// second surname, a patronymic, a second given name), which queries often leave out.
/// Names without a comma have no structure to read (0).
pub(crate) fn middle_names(text: &str, toks: &[Token]) -> u16 {
    let Some((family, _)) = text.split_once(',') else {
        return 0;
    };
    let family = normalize::tokens_of_latin(family);
    // Initials run together across the comma ("SMITH J, A") blur the parts: no structure.
    if family.is_empty() || family.len() >= toks.len() || toks[..family.len()] != family[..] {
        return 0;
    }
    let mut mask = 0u16;
    for part in [0..family.len(), family.len()..toks.len()] {
        let mut words = part.filter(|&i| toks[i].class == TokenClass::Word).skip(1);
        for i in words.by_ref() {
            mask |= 1 << i;
        }
    }
    mask
}

fn intern(map: &mut FxHashMap<Box<str>, u32>, list_len: &mut usize, s: &str) -> (u32, bool) {
    if let Some(&id) = map.get(s) {
        return (id, false);
    }
    let id = *list_len as u32;
    map.insert(s.into(), id);
    *list_len += 1;
    (id, true)
}

fn push_posting(list: &mut Vec<u32>, name: u32) {
    if list.last() != Some(&name) {
        list.push(name);
    }
}

impl Index {
    pub fn build(entities: &[Entity]) -> Index {
        let mut v = Vocab {
            texts: Vec::new(),
            key_of: Vec::new(),
            class_of: Vec::new(),
            group_of: Vec::new(),
            by_text: FxHashMap::default(),
            keys: Vec::new(),
            by_key: FxHashMap::default(),
            key_idf: Vec::new(),
            by_skel: FxHashMap::default(),
            sigs: Vec::new(),
            weights: Vec::new(),
            joins: Vec::new(),
            join_sigs: Vec::new(),
            by_join: FxHashMap::default(),
            unknown_idf: 0.0,
            full_info: 0.0,
        };
        let mut names = Vec::new();
        let mut name_tokens = Vec::new();
        let mut name_joins = Vec::new();
        let mut token_post: Vec<Vec<u32>> = Vec::new();
        let mut key_post: Vec<Vec<u32>> = Vec::new();
        let mut group_keys: Vec<Vec<u32>> = vec![Vec::new(); crate::cognates::group_count() + 1];
        let mut skel_post: Vec<Vec<u32>> = Vec::new();
        let mut join_post: Vec<Vec<u32>> = Vec::new();
        let mut join_key_post: FxHashMap<Box<str>, Vec<u32>> = FxHashMap::default();
        let mut key_df: Vec<u32> = Vec::new();
        let mut key_last_entity: Vec<u32> = Vec::new();
        let mut by_id_number: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        let mut seen_seqs: Vec<Vec<u32>> = Vec::new();

        for (ei, entity) in entities.iter().enumerate() {
            let ei = ei as u32;
            seen_seqs.clear();
            for id in crate::evidence::entity_ids(entity) {
                let list = by_id_number.entry(id).or_default();
                if list.last() != Some(&ei) {
                    list.push(ei);
                }
            }
            for (ni, name) in entity.names.iter().enumerate() {
                for (text, translit) in name_readings(&name.full, name.original_script) {
                    let toks = normalize::tokens_of_latin(&text);
                    if toks.is_empty() {
                        continue;
                    }
                    let mut seq = Vec::with_capacity(toks.len());
                    for t in &toks {
                        let mut n_texts = v.texts.len();
                        let (tid, new) = intern(&mut v.by_text, &mut n_texts, &t.text);
                        if new {
                            let key = name_key(&t.text);
                            let skel = skeleton(&key);
                            let mut n_keys = v.keys.len();
                            let (kid, knew) = intern(&mut v.by_key, &mut n_keys, &key);
                            if knew {
                                v.keys.push(key.into());
                                key_df.push(0);
                                key_last_entity.push(u32::MAX);
                                key_post.push(Vec::new());
                            }
                            let mut n_skels = skel_post.len();
                            let (_, snew) = intern(&mut v.by_skel, &mut n_skels, &skel);
                            if snew {
                                skel_post.push(Vec::new());
                            }
                            v.texts.push(t.text.as_str().into());
                            v.key_of.push(kid);
                            v.class_of.push(t.class);
                            let group = crate::cognates::group_of(&t.text);
                            v.group_of.push(group);
                            let keys = &mut group_keys[group as usize];
                            if group != 0 && !keys.contains(&kid) {
                                keys.push(kid);
                            }
                            token_post.push(Vec::new());
                        }
                        seq.push(tid);
                    }
                    // The same tokens twice (primary and an identical alias) are scored once.
                    if seen_seqs.contains(&seq) {
                        continue;
                    }
                    seen_seqs.push(seq.clone());
                    let nid = names.len() as u32;
                    for &tid in &seq {
                        let t = tid as usize;
                        push_posting(&mut token_post[t], nid);
                        let kid = v.key_of[t] as usize;
                        push_posting(&mut key_post[kid], nid);
                        let skel = skeleton(&v.keys[kid]);
                        let sid = v.by_skel[skel.as_str()] as usize;
                        push_posting(&mut skel_post[sid], nid);
                        if key_last_entity[kid] != ei {
                            key_last_entity[kid] = ei;
                            key_df[kid] += 1;
                        }
                    }
                    let join_start = name_joins.len() as u32;
                    for w in toks.windows(2) {
                        let joined = format!("{}{}", w[0].text, w[1].text);
                        let mut n_joins = v.joins.len();
                        let (jid, jnew) = intern(&mut v.by_join, &mut n_joins, &joined);
                        if jnew {
                            let key = name_key(&joined);
                            v.joins.push((joined.into(), key.into()));
                            join_post.push(Vec::new());
                        }
                        push_posting(&mut join_post[jid as usize], nid);
                        let jkey = v.joins[jid as usize].1.clone();
                        push_posting(join_key_post.entry(jkey).or_default(), nid);
                        name_joins.push(jid);
                    }
                    names.push(IndexedName {
                        entity: ei,
                        name: ni as u32,
                        kind: name.kind,
                        translit,
                        start: name_tokens.len() as u32,
                        len: seq.len() as u8,
                        join_start,
                        middle: middle_names(&text, &toks),
                        titles: crate::normalize::title_mask(&toks) as u16,
                    });
                    name_tokens.extend_from_slice(&seq);
                }
            }
        }
        let n = entities.len().max(1) as f32;
        v.key_idf = key_df
            .iter()
            .map(|&df| (1.0 + n / df.max(1) as f32).ln())
            .collect();
        v.unknown_idf = (1.0 + n / 20.0).ln().max(1.0);
        v.full_info = crate::score::FULL_INFO_IN_RARE_TOKENS * (1.0 + n).ln();
        v.sigs = v.texts.iter().map(|t| CharSig::of(t)).collect();
        v.weights = (0..v.texts.len())
            .map(|t| v.key_idf[v.key_of[t] as usize] * v.class_of[t].weight_factor())
            .collect();
        v.join_sigs = v.joins.iter().map(|(t, _)| CharSig::of(t)).collect();
        let typos = DeletionIndex::build(
            v.texts
                .iter()
                .enumerate()
                .filter(|(i, _)| v.class_of[*i] == TokenClass::Word)
                .map(|(i, t)| (i as u32, &**t)),
        );
        Index {
            vocab: v,
            names,
            name_tokens,
            name_joins,
            token_post,
            key_post,
            group_keys,
            skel_post,
            join_post,
            join_key_post,
            typos,
            by_id_number,
            schemas: entities.iter().map(|e| e.schema).collect(),
        }
    }

    pub fn tokens_of(&self, name: &IndexedName) -> &[u32] {
        &self.name_tokens[name.start as usize..name.start as usize + name.len as usize]
    }

    pub fn joins_of(&self, name: &IndexedName) -> &[u32] {
        let n = (name.len as usize).saturating_sub(1);
        &self.name_joins[name.join_start as usize..name.join_start as usize + n]
    }

    /// Approximate heap bytes held (for the size budget).
    pub fn heap_bytes(&self) -> usize {
        let posts = |p: &Vec<Vec<u32>>| p.iter().map(|l| l.capacity() * 4 + 24).sum::<usize>();
        let strs = |s: &[Box<str>]| s.iter().map(|t| t.len() + 16).sum::<usize>();
        posts(&self.token_post)
            + posts(&self.group_keys)
            + posts(&self.key_post)
            + posts(&self.skel_post)
            + posts(&self.join_post)
            + self
                .join_key_post
                .values()
                .map(|l| l.capacity() * 4 + 40)
                .sum::<usize>()
            + strs(&self.vocab.texts) * 2
            + strs(&self.vocab.keys) * 2
            + self
                .vocab
                .joins
                .iter()
                .map(|(a, b)| a.len() + b.len() + 32)
                .sum::<usize>()
                * 2
            + self.names.len() * std::mem::size_of::<IndexedName>()
            + (self.name_tokens.len() + self.name_joins.len()) * 4
            + self.typos.heap_bytes()
            + (self.vocab.sigs.capacity() + self.vocab.join_sigs.capacity())
                * std::mem::size_of::<CharSig>()
            + self.vocab.weights.capacity() * 4
    }
}

/// A query token with what the index knows of it.
pub(crate) struct QueryToken {
    pub text: String,
    pub key: String,
    /// Other readings of the same word (text, key): romanisations of a non-Latin query
    /// that differ only here (Arabic leaves vowels unwritten: Muhammad / Mahmud).
    pub alts: Vec<(String, String)>,
    pub class: TokenClass,
    /// The token's [`crate::cognates`] group (0: none).
    pub group: u16,
    pub tid: u32,
    pub weight: f32,
    /// The text's [`CharSig`].
    pub sig: CharSig,
}

/// Makes query tokens: vocabulary ids where known, weights from the index's IDF.
pub(crate) fn query_tokens(index: &Index, toks: Vec<Token>) -> Vec<QueryToken> {
    let v = &index.vocab;
    toks.into_iter()
        .map(|t| {
            let key = name_key(&t.text);
            let tid = v
                .by_text
                .get(t.text.as_str())
                .copied()
                .unwrap_or(crate::score::NO_ID);
            let idf = match v.by_key.get(key.as_str()) {
                Some(&kid) => v.key_idf[kid as usize],
                None => v.unknown_idf,
            };
            QueryToken {
                key,
                alts: Vec::new(),
                class: t.class,
                group: crate::cognates::group_of(&t.text),
                tid,
                weight: idf * t.class.weight_factor(),
                sig: CharSig::of(&t.text),
                text: t.text,
            }
        })
        .collect()
}

/// Per-thread buffers for candidate generation, reused across queries.
///
/// The lists of touched names are buffers one longer than the index has names, of which the
/// first `n_touched` / `n_cur` are in use: a name enters a list only while its weight is
/// still 0 and leaves it with a positive one, so it is there at most once and the count
/// never passes the number of names. Every name hit is written at the count, which moves
/// only for a new one (hence the one spare slot, written when every name is in already):
/// that spares the walk over a posting list a branch and a capacity check per name.
#[derive(Default)]
pub(crate) struct Scratch {
    /// Summed hit weight per name for the whole query.
    acc: Vec<f32>,
    /// Best hit weight per name for the current query token.
    cur: Vec<f32>,
    /// Names with `acc` > 0, in the order first hit.
    touched: Vec<u32>,
    n_touched: usize,
    /// Names with `cur` > 0, in the order first hit.
    cur_touched: Vec<u32>,
    n_cur: usize,
    typo_ids: Vec<u32>,
}

impl Scratch {
    /// Makes room for an index of `n` names.
    fn fit(&mut self, n: usize) {
        if self.acc.len() < n {
            self.acc.resize(n, 0.0);
            self.cur.resize(n, 0.0);
        }
        if self.touched.len() < n + 1 {
            self.touched.resize(n + 1, 0);
            self.cur_touched.resize(n + 1, 0);
        }
    }

    /// Records a hit of weight `w` on each of `names` (a posting list) for the current
    /// query token, keeping each name's best.
    fn hits(&mut self, names: &[u32], w: f32) {
        // Hit weights are positive (a query token weighs at least 1e-3); the floor only
        // keeps the touched list's bound (see the struct) whatever a caller passes.
        let w = w.max(f32::MIN_POSITIVE);
        // Borrowing the fields apart lets the loop keep the buffers in registers.
        let Scratch {
            cur,
            cur_touched,
            n_cur,
            ..
        } = self;
        let mut k = *n_cur;
        for &name in names {
            let c = &mut cur[name as usize];
            let old = *c;
            cur_touched[k] = name;
            k += usize::from(old == 0.0);
            *c = if w > old { w } else { old };
        }
        *n_cur = k;
    }

    /// Adds this query token's best hit per name to the running totals.
    fn flush_token(&mut self) {
        let Scratch {
            acc,
            cur,
            touched,
            n_touched,
            cur_touched,
            n_cur,
            ..
        } = self;
        let mut k = *n_touched;
        for &name in &cur_touched[..*n_cur] {
            let n = name as usize;
            let old = acc[n];
            touched[k] = name;
            k += usize::from(old == 0.0);
            acc[n] = old + cur[n];
            cur[n] = 0.0;
        }
        *n_touched = k;
        *n_cur = 0;
    }
}

/// Channel weights relative to an exact token hit.
const KEY_HIT: f32 = 0.95;
const JOIN_HIT: f32 = 0.95;
const FUZZY_HIT: f32 = 0.8;
const SKEL_HIT: f32 = 0.6;

impl Index {
    /// The best `limit` candidate names for the query tokens (ids into `names`), best
    /// first. `joins[i]` is tokens i and i+1 written together, with its phonetic key
    /// (`crate::adjacent_joins`). `allowed` filters by entity schema; names whose summed
    /// hit weight is below `min_hit` are dropped; `forced` entities (id-number hits)
    /// always come.
    #[allow(clippy::too_many_arguments)]
    pub fn candidates(
        &self,
        q: &[QueryToken],
        joins: &[(String, String)],
        scratch: &mut Scratch,
        allowed: impl Fn(Schema) -> bool,
        forced: &[u32],
        min_hit: f32,
        limit: usize,
        out: &mut Vec<(f32, u32)>,
    ) {
        out.clear();
        scratch.fit(self.names.len());
        let v = &self.vocab;
        // Particles, titles and legal forms weigh next to nothing but have the longest
        // postings ("al", "co"): they only generate candidates when nothing else can.
        // (Hafiz, Sayed: titles that are also names, count as names here.)
        let minor = |t: &QueryToken| {
            matches!(
                t.class,
                TokenClass::Particle | TokenClass::Title | TokenClass::LegalForm
            )
        };
        let only_minor = q.iter().all(minor);
        for (i, t) in q.iter().enumerate() {
            let w = t.weight.max(1e-3);
            if !minor(t) || only_minor {
                self.token_hits(t, w, scratch);
                for (text, key) in &t.alts {
                    self.token_hits(&self.alternative(t, text, key), w, scratch);
                }
            }
            // Two query tokens = one list token (Bin Laden / Binladen).
            if let (Some(next), Some((joined, joined_key))) = (q.get(i + 1), joins.get(i)) {
                let jw = (w + next.weight) * 0.5 * JOIN_HIT;
                if let Some(&tid) = v.by_text.get(joined.as_str()) {
                    scratch.hits(&self.token_post[tid as usize], jw);
                } else if let Some(&kid) = v.by_key.get(joined_key.as_str()) {
                    scratch.hits(&self.key_post[kid as usize], jw * KEY_HIT);
                }
            }
            scratch.flush_token();
        }
        for &e in forced {
            // Id-number hits: every name of the entity is a candidate, ranked first. Names
            // are stored in entity order, so the entity's names are one contiguous range.
            let lo = self.names.partition_point(|n| n.entity < e);
            let hi = self.names.partition_point(|n| n.entity <= e);
            for nid in lo..hi {
                if scratch.acc[nid] == 0.0 {
                    scratch.touched[scratch.n_touched] = nid as u32;
                    scratch.n_touched += 1;
                }
                scratch.acc[nid] += 1e6;
            }
        }
        for &name in &scratch.touched[..scratch.n_touched] {
            let s = scratch.acc[name as usize];
            scratch.acc[name as usize] = 0.0;
            if s >= min_hit && allowed(self.schemas[self.names[name as usize].entity as usize]) {
                out.push((s, name));
            }
        }
        scratch.n_touched = 0;
        if out.len() > limit {
            out.select_nth_unstable_by(limit, |a, b| b.0.total_cmp(&a.0));
            out.truncate(limit);
        }
        out.sort_unstable_by(|a, b| b.0.total_cmp(&a.0));
    }

    /// An alternative reading of a query token, as a token of its own for candidate lookup.
    fn alternative(&self, t: &QueryToken, text: &str, key: &str) -> QueryToken {
        QueryToken {
            text: text.to_owned(),
            key: key.to_owned(),
            alts: Vec::new(),
            class: t.class,
            group: 0,
            tid: self
                .vocab
                .by_text
                .get(text)
                .copied()
                .unwrap_or(crate::score::NO_ID),
            weight: t.weight,
            sig: CharSig::UNKNOWN,
        }
    }

    /// Hits of one query token through the exact, key, join, typo and skeleton channels.
    fn token_hits(&self, t: &QueryToken, w: f32, scratch: &mut Scratch) {
        let v = &self.vocab;
        let own_key = v.by_key.get(t.key.as_str()).copied();
        let exact = (t.tid != crate::score::NO_ID).then(|| &self.token_post[t.tid as usize]);
        if let Some(names) = exact {
            scratch.hits(names, w);
        }
        if let Some(kid) = own_key {
            let names = &self.key_post[kid as usize];
            // The key's names include the token's; when they are no more (no other listed
            // spelling has the key), each already has the exact hit, which a key hit never
            // beats: the walk would change nothing.
            if exact.is_none_or(|e| e.len() != names.len()) {
                scratch.hits(names, w * KEY_HIT);
            }
        }
        // Cognates (Joseph / Yusif): the group's other keys; its own the key channel walked.
        if t.group != 0 {
            for &kid in &self.group_keys[usize::from(t.group)] {
                if Some(kid) != own_key {
                    scratch.hits(&self.key_post[kid as usize], w * KEY_HIT);
                }
            }
        }
        // Query token = two list tokens written together (Binladen / Bin Laden).
        if let Some(&jid) = v.by_join.get(t.text.as_str()) {
            scratch.hits(&self.join_post[jid as usize], w * JOIN_HIT);
        } else if let Some(list) = self.join_key_post.get(t.key.as_str()) {
            scratch.hits(list, w * JOIN_HIT * KEY_HIT);
        }
        // Typo and skeleton lookups only for spellings the lists never use: they are the
        // costly channels, and a known spelling already reaches its names. A known key is not
        // enough to skip the typo lookup: "Orien" shares its key with "Iran" but is a typo of
        // "Orient".
        if t.tid != crate::score::NO_ID || t.class != TokenClass::Word {
            return;
        }
        self.fuzzy_hits(&t.text, w, scratch);
        if own_key.is_none() {
            if let Some(&sid) = v.by_skel.get(skeleton(&t.key).as_str()) {
                scratch.hits(&self.skel_post[sid as usize], w * SKEL_HIT);
            }
        }
    }

    fn fuzzy_hits(&self, text: &str, w: f32, scratch: &mut Scratch) {
        let mut found = std::mem::take(&mut scratch.typo_ids);
        self.typos.lookup(text, &self.vocab.texts, &mut found);
        for &tid in &found {
            scratch.hits(&self.token_post[tid as usize], w * FUZZY_HIT);
        }
        scratch.typo_ids = found;
    }

    /// Entities holding a document or identifier equal to one of the (normalised) ids.
    pub fn entities_with_ids(&self, ids: &[String]) -> Vec<u32> {
        let mut out: Vec<u32> = ids
            .iter()
            .filter_map(|id| self.by_id_number.get(id))
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closing_parenthesis_is_an_acronym_or_a_remark() {
        let texts =
            |t: &str| -> Vec<String> { name_readings(t, false).into_iter().map(|r| r.0).collect() };
        assert_eq!(texts("HAQQANI NETWORK (HQN)"), ["HAQQANI NETWORK", "HQN"]);
        assert_eq!(
            texts("IMAM KHOMEINI RELIEF COMMITTEE (LEBANON BRANCH)"),
            ["IMAM KHOMEINI RELIEF COMMITTEE"]
        );
        // Inside the name, or the whole name: left as written.
        assert_eq!(texts("HUAXIN (HK) SHIPPING"), ["HUAXIN (HK) SHIPPING"]);
        assert_eq!(texts("(AQAP)"), ["(AQAP)"]);
    }

    #[test]
    fn touched_lists_take_every_name_hit_again_and_again() {
        // Every name of the index hit, then hit again: the writes at the count must fit.
        let mut s = Scratch::default();
        s.fit(2);
        s.hits(&[0, 1], 1.0);
        s.hits(&[1, 0, 1], 2.0);
        s.flush_token();
        s.hits(&[1, 1, 0], 0.5);
        s.flush_token();
        assert_eq!(&s.touched[..s.n_touched], &[0, 1]);
        assert_eq!(&s.acc[..2], &[2.5, 2.5]);
        assert_eq!(s.n_cur, 0);
    }
}
