//! The one name scorer: aligns query tokens to name tokens one-to-one and turns the
//! alignment into a graded score in [0, 1].
//!
//! Each side is a list of tokens with an informativeness weight (IDF of the token's phonetic
//! key times its class factor). Candidate pairs are token/token, and token/joined-pair in
//! either direction (split/join: Abdulrahman vs Abdul Rahman). Pairs are chosen greedily,
//! most similar first, each token used once. The score is
//!
//! ```text
//!   Σ sim·w(pair) / ( Σ w(pair) + ALPHA·Σ w(unmatched query) + BETA·Σ w(unmatched name) )
//! ```
//!
//! with w(pair) the mean of both sides' weights, times an informativeness factor: a match of
//! only common tokens ("Mohammed Hassan") is weaker evidence than one of rare tokens, so the
//! score is cut by up to INFO_CUT when the matched weight is below a full-information level. (Only with
//! corpus IDF weights: a one-off `compare` has none and skips the factor.)
//!
//! Unmatched tokens are asymmetric: queries that omit a listed middle name are common and
//! should still alert, while an extra informative token in the query is what most often
//! separates a namesake from the listed person ("Mehdi Amir Najafi" vs "Najafi, Mehdi"). So
//! extra query tokens cost ALPHA and missing list tokens BETA. A missing list token that is a
//! middle name costs BETA_INTERIOR: by the name's structure when it has one ("FAMILY NAMES,
//! Given names": a second family name, a patronymic, a later given name: "TERENTIEV,
//! Vladimir" for "TERENTIEV, Vladimir Nikolaevich"), else when it lies between matched
//! tokens ("ABDUL ZAKIR" for "ABDUL RAUF ZAKIR"; people's names only: a firm's every word is
//! its name). How each constant was chosen, and what was tried: docs/tuning.md.
//!
//! Typos: a one-edit slip in a token of five letters or more, or two edits in eight or more,
//! scores 0.75-0.9 whatever Jaro-Winkler says (0.8 for one edit in four letters). A given
//! name in another language (Joseph / Yusif: `cognates`) scores 0.9. Romanised (original-script) queries also
//! accept equal consonant skeletons, since Arabic script leaves short vowels unwritten.

use crate::charsig::CharSig;
use crate::explain::Method;
use crate::fuzzy::within;
use crate::phonetic::arabic_skeleton;

/// Weight of unmatched query tokens relative to matched ones.
pub const ALPHA: f32 = 0.8;
/// Weight of an unmatched query token that is a middle name by the query's written structure
/// ("USACHEV, Oleg Leonidovich" for "USACHEV, Oleg").
pub const ALPHA_MIDDLE: f32 = 0.5;
/// Weight of unmatched list-name tokens.
pub const BETA: f32 = 0.6;
/// Weight of an unmatched list-name token that is a middle name: by the written structure
/// (`Side::middle`), else lying between matched tokens.
pub const BETA_INTERIOR: f32 = 0.15;
/// Matched informativeness (summed pair weights, i.e. IDF) at which a match counts fully,
/// in units of the rarest token's IDF: about two rare tokens, or one rare and two common
/// ones (16 on UN + OFAC).
pub const FULL_INFO_IN_RARE_TOKENS: f32 = 1.75;
/// Largest cut for a match made only of uninformative tokens.
const INFO_CUT: f32 = 0.4;
/// A full match whose loosest pair is this close or less gets the informativeness cut in
/// full; closer ones ever less of it, none from an exact pair, so one letter ("SOE, Aaung"
/// for "SOE, Aung") does not drop a listed name of common words from 1.0 to 0.79.
const FULL_MATCH_FROM: f32 = 0.8;
/// One given name in another language (Joseph / Yusuf): as strong as a spelling variant.
const COGNATE_SIM: f32 = 0.9;
/// Shortest tokens whose phonetic keys are trusted (keys of two-letter syllables collide:
/// Xu and He share one).
const KEY_MIN_LEN: usize = 3;
/// The most a query word the lists know as a name gets for a spelling near another one
/// (Khalid / Khalil, Rami / Ramzi): two listed names a letter apart are two names, while a
/// slip of the keyboard seldom lands on a listed name. Transliteration variants (a shared
/// key) and cognates are not capped.
const KNOWN_FUZZY_CAP: f32 = 0.75;
/// A token id meaning "not in the index vocabulary".
pub const NO_ID: u32 = u32::MAX;

/// One token as the scorer sees it.
#[derive(Debug, Clone, Copy)]
pub struct Tok<'a> {
    pub text: &'a str,
    pub key: &'a str,
    /// Vocabulary id (NO_ID when unknown); equal ids mean equal text.
    pub id: u32,
    pub weight: f32,
    /// The token's [`crate::cognates`] group (0: none).
    pub group: u16,
    /// Other readings of the same query word (text, key); a pair scores its best reading.
    pub alts: &'a [(String, String)],
    /// The spelling's [`CharSig`] ([`CharSig::UNKNOWN`]: computed from the text as needed).
    pub sig: &'a CharSig,
}

/// One side of a comparison: its tokens and the joins of adjacent tokens (text, key).
pub struct Side<'a> {
    pub toks: &'a [Tok<'a>],
    /// `joins[i]` is tokens i and i+1 written together.
    pub joins: &'a [(&'a str, &'a str)],
    /// Vocabulary ids of the joins (empty when unknown: no caching).
    pub join_ids: &'a [u32],
    /// The side came through romanisation.
    pub translit: bool,
    /// Tokens that are middle names by the written structure (`index::middle_names`): left
    /// out of the query they cost BETA_INTERIOR, extra in the query ALPHA_MIDDLE.
    pub middle: u32,
    /// Tokens that are titles (Haji, Sheikh): a full match may leave them out.
    pub titles: u32,
    /// A firm's, vessel's or aircraft's name: a word missing between matched ones is no
    /// middle name but part of the name ("HONG PANG IMPORT EXPORT" is not "HONG IMPORT
    /// EXPORT"), so it costs BETA.
    pub firm: bool,
    /// Similarity-cache slot of each query token, then of each join (empty: positions).
    /// Readings of one query give equal words one slot, so they share similarities.
    pub units: &'a [u32],
    /// [`CharSig`]s of the joins (empty: computed from the text as needed).
    pub join_sigs: &'a [&'a CharSig],
}

impl Side<'_> {
    /// The cache slot of query token `k` (joins follow the tokens).
    fn unit(&self, k: usize) -> usize {
        self.units.get(k).map_or(k, |&u| u as usize)
    }
}

/// One chosen alignment pair: unit masks over each side's tokens.
#[derive(Debug, Clone, Copy)]
pub struct Aligned {
    pub qmask: u32,
    pub nmask: u32,
    pub sim: f32,
    pub method: Method,
    pub weight: f32,
}

/// The outcome for one query/name pair.
#[derive(Debug, Clone, Default)]
pub struct NameScore {
    pub score: f32,
    pub pairs: Vec<Aligned>,
    pub qmatched: u32,
    pub nmatched: u32,
    /// Candidate pairs of the last comparison: kept so that scoring a query against many
    /// names allocates this once.
    edges: Vec<Aligned>,
}

/// Similarity of two token spellings and how it was established.
pub fn token_sim(a_text: &str, a_key: &str, b_text: &str, b_key: &str) -> (f32, Method) {
    token_sim_sig((a_text, a_key, None), (b_text, b_key, None))
}

/// [`token_sim`], with the spellings' [`CharSig`]s where known.
fn token_sim_sig(
    (a_text, a_key, a_sig): (&str, &str, Option<&CharSig>),
    (b_text, b_key, b_sig): (&str, &str, Option<&CharSig>),
) -> (f32, Method) {
    if a_text == b_text {
        return (1.0, Method::Exact);
    }
    let (short, long) = (
        a_text.len().min(b_text.len()),
        a_text.len().max(b_text.len()),
    );
    let reachable = a_sig
        .zip(b_sig)
        .and_then(|(a, b)| a.may_reach(b))
        .unwrap_or_else(|| may_reach(a_text.as_bytes(), b_text.as_bytes()));
    // Spelling variants differ by a doubled letter or a vowel digraph or two; three letters
    // more is another name whose vowels and y/w folded alike (Khalid / Khuwaylid).
    if a_key == b_key && short >= KEY_MIN_LEN && long - short <= 2 {
        let jw = jaro_winkler(a_text.as_bytes(), b_text.as_bytes());
        if has_several_syllables(a_key) {
            if reachable {
                // A shared key is a transliteration variant; closer spellings score higher.
                return (0.9 + 0.09 * ((jw - 0.8) / 0.2).clamp(0.0, 1.0), Method::Key);
            }
        } else if long - short <= 1 && vowels_agree(a_text, b_text) {
            // One syllable: its vowel decides, and Jaro-Winkler's bound may miss a variant
            // of a short name (Keem / Kim). Two letters more is a syllable more whose
            // vowels ran together in the key (Qiang / Cui-ying).
            return (0.9 + 0.09 * ((jw - 0.8) / 0.2).clamp(0.0, 1.0), Method::Key);
        } else {
            // One syllable with a vowel of another class: another name, not a typo.
            return (fuzzy_curve(jw), Method::Fuzzy);
        }
    }
    // Keys of one length first: most pairs end there, before any call.
    if short >= KEY_MIN_LEN
        && a_key.len() == b_key.len()
        && a_key != b_key
        && (dh_reads_z(a_text, a_key, b_key) || dh_reads_z(b_text, b_key, a_key))
    {
        return (DH_AS_Z_SIM, Method::Key);
    }
    if !reachable {
        return (0.0, Method::Fuzzy);
    }
    let jw = jaro_winkler(a_text.as_bytes(), b_text.as_bytes());
    // Not JW on the keys: with every vowel folded to `a` unrelated names look alike there
    // (Ahmad/Hamid keys score 0.93).
    // Nor JW of a short token against one twice as long: its prefix bonus makes "kara" a
    // close spelling of "karayilan". Nor of a token against one it ends: with a letter or
    // two before it, it is another name (Yong / Byong, Dogan / Erdogan).
    let (shorter, longer) = if a_text.len() < b_text.len() {
        (a_text, b_text)
    } else {
        (b_text, a_text)
    };
    let jw = if 2 * short < long || (short < long && longer.ends_with(shorter)) {
        0.0
    } else {
        jw
    };
    let fuzzy = fuzzy_curve(jw).max(edit_sim(a_text.as_bytes(), b_text.as_bytes()));
    (fuzzy, Method::Fuzzy)
}

/// A spelling variant through dh read as z: ذ, ظ and ض are dh or d in Arabic spellings but
/// z in Persian, Urdu and Turkish ones (Nadhir / Nazir, Ramadhan / Ramazan), while the key
/// folds dh to d (Ramadhan / Ramadan).
const DH_AS_Z_SIM: f32 = 0.88;

/// `text` (with `key`) holds a dh that, read as z, gives `other_key`, a key of the same
/// length: the keys differ only where `key` has d and `other_key` z.
fn dh_reads_z(text: &str, key: &str, other_key: &str) -> bool {
    key.bytes()
        .zip(other_key.bytes())
        .all(|(x, y)| x == y || (x == b'd' && y == b'z'))
        && text.contains("dh")
}

/// The key has more than one vowel slot.
fn has_several_syllables(key: &str) -> bool {
    key.bytes().filter(|&c| c == b'a').nth(1).is_some()
}

/// Whether two spellings of one syllable could write the same vowel. Transliterations
/// alternate within a vowel's class: a/e (Ahmad/Ahmed), i/e/ee (Din/Deen), u/o/ou (Gul/Gol,
/// Nur/Nour), and e stands for any. Across classes a one-syllable name is another name:
/// Jing/Jong, Yang/Yong, Hasan/Husain in Chinese and Korean names, where the syllable is
/// the whole name. (Longer names keep their key: unstressed vowels do cross classes, as in
/// Yusuf/Yousif and Yunus/Younis.)
fn vowels_agree(a: &str, b: &str) -> bool {
    let class = |s: &str| {
        let s = s.as_bytes();
        s.iter().enumerate().fold(0u8, |m, (i, &c)| {
            m | match c {
                b'a' => 1,
                b'i' => 2,
                // y is a vowel inside a syllable (Jyn), not at its start (Yang, Ryu).
                b'y' if i > 0 && !s.get(i + 1).is_some_and(|n| b"aeiou".contains(n)) => 2,
                b'o' | b'u' => 4,
                b'e' => 7,
                _ => 0,
            }
        })
    };
    let (ca, cb) = (class(a), class(b));
    // Written without vowels (MCS, RFK): nothing to disagree on.
    ca == 0 || cb == 0 || ca & cb != 0
}

/// Similarity of a keyboard or OCR slip: Jaro-Winkler punishes one wrong letter in a short
/// token hard ("maute"/"mfute" 0.88, mapped to 0.56), yet one edit in a name of five or more
/// letters, or two in one of eight or more, is what typing errors look like. Counted as
/// optimal string alignment (a swap of neighbours is one edit). Four-letter tokens get a
/// lower 0.8 for one edit after an intact first letter (Aziz / Azig; the first letter is the
/// one people rarely mistype, and 0.8 alone stays below an alert). Shorter tokens get
/// nothing here: one letter changes most three-letter names into other real names.
fn edit_sim(a: &[u8], b: &[u8]) -> f32 {
    let shorter = a.len().min(b.len());
    if shorter < 4 || a.len().abs_diff(b.len()) > 2 {
        return 0.0;
    }
    if within(a, b, 1) {
        if shorter >= 7 {
            0.9
        } else if shorter >= 5 {
            0.88
        } else if a[0] == b[0] {
            0.8
        } else {
            0.0
        }
    } else if shorter >= 8 && within(a, b, 2) {
        if shorter >= 10 {
            0.8
        } else {
            0.75
        }
    } else {
        0.0
    }
}

/// A cheap upper bound on Jaro-Winkler: Jaro needs matching characters, at most as many as
/// the characters of each string that occur at all in the other (c). JW < 0.84, which maps
/// below MIN_PAIR_SIM, needs Jaro < 0.73, guaranteed when c/|a| + c/|b| < 1.2.
pub(crate) fn may_reach(a: &[u8], b: &[u8]) -> bool {
    let mask = |s: &[u8]| s.iter().fold(0u64, |m, &c| m | 1 << (c & 63));
    let (ma, mb) = (mask(a), mask(b));
    let in_other = |s: &[u8], m: u64| s.iter().filter(|&&c| m & (1 << (c & 63)) != 0).count();
    let c = in_other(a, mb).min(in_other(b, ma)) as f32;
    c / a.len() as f32 + c / b.len() as f32 >= 1.2
}

/// Maps a raw Jaro-Winkler similarity to match strength: below 0.8 tokens are different
/// words (JW of unrelated names is often 0.6-0.75), 0.9 is a plausible variant, 1.0 is equal.
fn fuzzy_curve(s: f32) -> f32 {
    if s >= 0.9 {
        0.7 + (s - 0.9) * 2.5
    } else if s >= 0.8 {
        (s - 0.8) * 7.0
    } else {
        0.0
    }
}

/// Jaro-Winkler similarity over bytes (names are ASCII after normalisation; other text is
/// compared bytewise, which is still deterministic). Inputs longer than 64 bytes are cut.
pub fn jaro_winkler(a: &[u8], b: &[u8]) -> f32 {
    let a = &a[..a.len().min(64)];
    let b = &b[..b.len().min(64)];
    if a.is_empty() || b.is_empty() {
        return if a == b { 1.0 } else { 0.0 };
    }
    if a == b {
        return 1.0;
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut b_used = 0u64;
    let mut a_hits = 0u64;
    let mut matches = 0usize;
    for (i, &ca) in a.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        for (j, &cb) in b.iter().enumerate().take(hi).skip(lo) {
            if b_used & (1 << j) == 0 && cb == ca {
                b_used |= 1 << j;
                a_hits |= 1 << i;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let mut transpositions = 0usize;
    let mut j = 0usize;
    for (i, &ca) in a.iter().enumerate() {
        if a_hits & (1 << i) == 0 {
            continue;
        }
        while b_used & (1 << j) == 0 {
            j += 1;
        }
        if ca != b[j] {
            transpositions += 1;
        }
        j += 1;
    }
    let m = matches as f32;
    let jaro =
        (m / a.len() as f32 + m / b.len() as f32 + (m - (transpositions / 2) as f32) / m) / 3.0;
    let prefix = a.iter().zip(b).take(4).take_while(|(x, y)| x == y).count() as f32;
    jaro + prefix * 0.1 * (1.0 - jaro)
}

/// Cache of token-pair similarities for one query, keyed by (query unit, name token id).
pub trait SimCache {
    fn get_or(
        &mut self,
        qunit: usize,
        nid: u32,
        f: impl FnOnce() -> (f32, Method),
    ) -> (f32, Method);
}

/// No caching (one-off comparisons).
pub struct NoCache;

impl SimCache for NoCache {
    fn get_or(&mut self, _: usize, _: u32, f: impl FnOnce() -> (f32, Method)) -> (f32, Method) {
        f()
    }
}

/// Below this a pair is not considered at all.
const MIN_PAIR_SIM: f32 = 0.3;

/// Scores a query side against a name side.
/// `full_info`: the matched weight at which the informativeness factor stops cutting
/// (`None`: no factor, for weights that are not corpus IDF).
pub fn score(
    q: &Side,
    n: &Side,
    cache: &mut impl SimCache,
    full_info: Option<f32>,
    out: &mut NameScore,
) {
    out.pairs.clear();
    out.qmatched = 0;
    out.nmatched = 0;
    out.score = 0.0;
    let (qt, nt) = (q.toks, n.toks);
    if qt.is_empty() || nt.is_empty() {
        return;
    }
    let translit = q.translit || n.translit;
    let mut edges = std::mem::take(&mut out.edges);
    edges.clear();
    for (i, a) in qt.iter().enumerate() {
        for (j, b) in nt.iter().enumerate() {
            // One spelling of the query word against the name token.
            let spelling_sim = |text: &str, key: &str, sig: Option<&CharSig>| {
                let st = token_sim_sig((text, key, sig), (b.text, b.key, Some(b.sig)));
                if q.translit {
                    skeleton_floor(st, text, key, b)
                } else {
                    st
                }
            };
            let sim_of = || {
                let st = spelling_sim(a.text, a.key, Some(a.sig));
                let st = if a.id != NO_ID && st.1 == Method::Fuzzy {
                    (st.0.min(KNOWN_FUZZY_CAP), st.1)
                } else {
                    st
                };
                let st = if a.group != 0 && a.group == b.group && st.0 < COGNATE_SIM {
                    (COGNATE_SIM, Method::Cognate)
                } else {
                    st
                };
                a.alts.iter().fold(st, |best, (text, key)| {
                    let alt = spelling_sim(text, key, None);
                    if alt.0 > best.0 {
                        alt
                    } else {
                        best
                    }
                })
            };
            let (sim, method) = if b.id != NO_ID && a.id == b.id {
                // Equal ids are equal text: skip the cache lookup for the commonest pair.
                (1.0, Method::Exact)
            } else if b.id != NO_ID {
                cache.get_or(q.unit(i), b.id, sim_of)
            } else {
                sim_of()
            };
            if sim >= MIN_PAIR_SIM {
                edges.push(Aligned {
                    qmask: 1 << i,
                    nmask: 1 << j,
                    sim,
                    method: if translit && method != Method::Exact {
                        Method::Translit
                    } else {
                        method
                    },
                    weight: (a.weight + b.weight) * 0.5,
                });
            }
        }
    }
    // Joins: one token against two adjacent tokens written together, both directions.
    // Cache slots: query joins after the query tokens; name joins flagged by the top bit.
    for (i, &(jt, jk)) in q.joins.iter().enumerate() {
        let j_sig = q.join_sigs.get(i).copied();
        for (j, b) in nt.iter().enumerate() {
            // `push_join`'s length rule first: most pairs end here.
            if jt.len().abs_diff(b.text.len()) > JOIN_MAX_LEN_DIFF {
                continue;
            }
            let w = (qt[i].weight + qt[i + 1].weight + b.weight) * 0.5;
            let id = b.id;
            push_join(
                &mut edges,
                cache,
                (q.unit(qt.len() + i), id),
                (jt, jk, j_sig),
                (b.text, b.key, Some(b.sig)),
                (3 << i, 1 << j),
                w,
            );
        }
    }
    for (j, &(jt, jk)) in n.joins.iter().enumerate() {
        let id = n.join_ids.get(j).map_or(NO_ID, |&id| id | JOIN_FLAG);
        let j_sig = n.join_sigs.get(j).copied();
        for (i, a) in qt.iter().enumerate() {
            if jt.len().abs_diff(a.text.len()) > JOIN_MAX_LEN_DIFF {
                continue;
            }
            let w = (a.weight + nt[j].weight + nt[j + 1].weight) * 0.5;
            push_join(
                &mut edges,
                cache,
                (q.unit(i), id),
                (a.text, a.key, Some(a.sig)),
                (jt, jk, j_sig),
                (1 << i, 3 << j),
                w,
            );
        }
    }
    edges.sort_unstable_by(|x, y| y.sim.total_cmp(&x.sim).then(y.weight.total_cmp(&x.weight)));
    finish(&edges, (q, n), full_info, false, out);
    // Greedy one-to-one choice can spend a token on a plain pair that a split/join pair
    // needed ("arif allah arif" vs "arefullah aref": the first arif takes aref). When a
    // close split/join pair exists, also try it first and keep the better alignment.
    let chosen = |e: &Aligned| {
        out.pairs
            .iter()
            .any(|p| p.qmask == e.qmask && p.nmask == e.nmask)
    };
    if edges
        .iter()
        .any(|e| e.sim >= JOIN_FIRST_MIN && is_join(e) && !chosen(e))
    {
        let mut alt = NameScore::default();
        finish(&edges, (q, n), full_info, true, &mut alt);
        if alt.score > out.score {
            *out = alt;
        }
    }
    out.edges = edges;
}

/// Split/join pairs at least this close are tried before plain pairs in the second pass.
const JOIN_FIRST_MIN: f32 = 0.85;

fn is_join(e: &Aligned) -> bool {
    e.qmask.count_ones() + e.nmask.count_ones() > 2
}

/// Chooses pairs greedily from `edges` (best first; with `joins_first`, close split/join
/// pairs before all others) and computes the score.
fn finish(
    edges: &[Aligned],
    (q, n): (&Side, &Side),
    full_info: Option<f32>,
    joins_first: bool,
    out: &mut NameScore,
) {
    out.pairs.clear();
    out.qmatched = 0;
    out.nmatched = 0;
    let first_pass = edges
        .iter()
        .filter(|e| joins_first && e.sim >= JOIN_FIRST_MIN && is_join(e));
    let (mut num, mut den) = (0.0f32, 0.0f32);
    for e in first_pass.chain(edges.iter()) {
        if e.qmask & out.qmatched != 0 || e.nmask & out.nmatched != 0 {
            continue;
        }
        out.qmatched |= e.qmask;
        out.nmatched |= e.nmask;
        num += e.sim * e.weight;
        den += e.weight;
        out.pairs.push(*e);
    }
    let (qt, nt) = (q.toks, n.toks);
    for (i, a) in qt.iter().enumerate() {
        if out.qmatched & (1 << i) == 0 {
            let alpha = if q.middle & (1 << i) != 0 {
                ALPHA_MIDDLE
            } else {
                ALPHA
            };
            den += alpha * a.weight;
        }
    }
    // A list token missing between matched ones, or a middle name by the name's structure,
    // is what a query leaves out most often; missing ones at either end cost more.
    let first = out.nmatched.trailing_zeros();
    let last = 31u32.saturating_sub(out.nmatched.leading_zeros());
    for (j, b) in nt.iter().enumerate() {
        if out.nmatched & (1 << j) == 0 {
            let interior = if n.middle != 0 {
                n.middle & (1 << j) != 0
            } else {
                !n.firm && (j as u32) > first && (j as u32) < last
            };
            let beta = if interior { BETA_INTERIOR } else { BETA };
            den += beta * b.weight;
        }
    }
    let matched: f32 = out.pairs.iter().map(|p| p.weight).sum();
    let info = match full_info {
        Some(full) if full > 0.0 => {
            let cut = 1.0 - INFO_CUT * (1.0 - matched / full).max(0.0);
            // The query is the listed name itself, every token of both sides: however common
            // its words, that is the designated person's name and must alert; birth date and
            // nationality then tell the namesake apart.
            let full_match = full_match_closeness(out, q, n);
            cut + (1.0 - cut) * full_match
        }
        _ => 1.0,
    };
    out.score = if den > 0.0 {
        (info * num / den).clamp(0.0, 1.0)
    } else {
        0.0
    };
}

/// How nearly the pairs are the listed name itself (1: every token on both sides paired but
/// titles, "AZAM, Mawlawi Amir" is "AZAM, Amir", each pair exact or nearly so; 0: not every
/// token paired, or a pair no closer than FULL_MATCH_FROM). For a query romanised from
/// another script a transliteration variant is as exact as its reading can be: محمد احمدی is
/// Mohammad Ahmadi.
fn full_match_closeness(out: &NameScore, q: &Side, n: &Side) -> f32 {
    let exact = if q.translit { 0.9 } else { 0.97 };
    let from = FULL_MATCH_FROM.min(exact - 0.01);
    let all = |len: usize| {
        if len >= 32 {
            u32::MAX
        } else {
            (1u32 << len) - 1
        }
    };
    if out.pairs.is_empty()
        || (out.qmatched | q.titles) & all(q.toks.len()) != all(q.toks.len())
        || (out.nmatched | n.titles) & all(n.toks.len()) != all(n.toks.len())
    {
        return 0.0;
    }
    let min_sim = out.pairs.iter().map(|p| p.sim).fold(1.0f32, f32::min);
    ((min_sim - from) / (exact - from)).clamp(0.0, 1.0)
}

/// A query romanised from Arabic script has no short vowels to go by: the reading guesses
/// them ("mhmd" → Muhammad or Mahmud), nor the letters Arabic writes alike (Fadl / Fazl), so
/// equal [`arabic_skeleton`]s of three or more consonants count as a variant, a little below
/// a shared phonetic key. (Only for the query
/// side: the per-query similarity cache is keyed by query token and name token.)
fn skeleton_floor(st: (f32, Method), a_text: &str, a_key: &str, b: &Tok) -> (f32, Method) {
    const SKELETON_SIM: f32 = 0.85;
    if st.0 >= SKELETON_SIM || a_text.len().min(b.text.len()) < 4 {
        return st;
    }
    let mut consonants = 0;
    let mut sb = arabic_skeleton(b.key);
    let same = arabic_skeleton(a_key).all(|c| {
        consonants += 1;
        sb.next() == Some(c)
    }) && sb.next().is_none();
    if same && consonants >= 3 {
        (SKELETON_SIM, Method::Key)
    } else {
        st
    }
}

/// Least similarity of a split/join pair whose lengths differ by two or three letters.
const JOIN_ACROSS_GAP_MIN: f32 = 0.95;

/// Marks a name-side join id in the cache key (token ids never reach it).
const JOIN_FLAG: u32 = 1 << 31;

/// A token and a joined pair whose lengths differ by more are not compared.
const JOIN_MAX_LEN_DIFF: usize = 3;

/// Adds a token/joined-pair edge when the two spellings are close enough.
fn push_join(
    edges: &mut Vec<Aligned>,
    cache: &mut impl SimCache,
    slot: (usize, u32),
    a: (&str, &str, Option<&CharSig>),
    b: (&str, &str, Option<&CharSig>),
    masks: (u32, u32),
    weight: f32,
) {
    // Lengths far apart cannot be the same name written split or joined.
    if a.0.len().abs_diff(b.0.len()) > JOIN_MAX_LEN_DIFF {
        return;
    }
    let compute = || token_sim_sig(a, b);
    let (sim, method) = if slot.1 == NO_ID {
        compute()
    } else {
        cache.get_or(slot.0, slot.1, compute)
    };
    // Across a length gap a shared key or a Jaro-Winkler prefix says little: vowels and
    // y/w fold into the key, so "cho young" and "chung" share one. Only a near-equal
    // spelling counts there.
    let too_loose = a.0.len().abs_diff(b.0.len()) > 1 && sim < JOIN_ACROSS_GAP_MIN;
    if sim >= 0.7 && !too_loose {
        edges.push(Aligned {
            qmask: masks.0,
            nmask: masks.1,
            // Slightly below a plain match so a one-to-one alignment wins ties.
            sim: sim * 0.98,
            method: if method == Method::Fuzzy {
                method
            } else {
                Method::Join
            },
            weight,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::phonetic::name_key;

    #[test]
    fn jaro_winkler_known_values() {
        assert!((jaro_winkler(b"martha", b"marhta") - 0.961).abs() < 0.002);
        assert!((jaro_winkler(b"dixon", b"dicksonx") - 0.813).abs() < 0.002);
        assert_eq!(jaro_winkler(b"abc", b"abc"), 1.0);
        assert_eq!(jaro_winkler(b"abc", b"xyz"), 0.0);
        assert_eq!(jaro_winkler(b"", b"a"), 0.0);
    }

    fn sim(a: &str, b: &str) -> (f32, Method) {
        token_sim(a, &name_key(a), b, &name_key(b))
    }

    #[test]
    fn token_similarity_is_graded() {
        assert_eq!(sim("laden", "laden"), (1.0, Method::Exact));
        let (s, m) = sim("mohammed", "muhammad");
        assert_eq!(m, Method::Key);
        assert!((0.9..1.0).contains(&s), "{s}");
        let (s, m) = sim("lakhvi", "lakvhi");
        assert_eq!(m, Method::Fuzzy);
        assert!((0.6..0.9).contains(&s), "typo {s}");
        assert!(sim("ahmad", "hamid").0 < 0.4, "different names");
        assert!(sim("zawahiri", "zawahri").0 > 0.8);
        // Another name that contains this one is no spelling of it.
        assert!(sim("yong", "byong").0 < 0.5);
        assert!(sim("erdogan", "dogan").0 < 0.5);
        assert!(sim("kara", "karayilan").0 < 0.5);
    }

    #[test]
    fn dh_reads_z_as_persian_spellings_write_it() {
        for (a, b) in [
            ("nadhir", "nazir"),
            ("ramazan", "ramadhan"),
            ("behdhad", "behzad"),
        ] {
            let (s, m) = sim(a, b);
            assert!(s >= 0.85 && m == Method::Key, "{a} / {b}: {s} {m:?}");
        }
        // A d written without h stays a d (a one-letter slip at most).
        assert_eq!(sim("nadir", "nazir").1, Method::Fuzzy);
    }

    #[test]
    fn typos_in_longer_tokens_stay_close() {
        // One wrong letter in five: JW alone gives 0.56.
        assert_eq!(sim("mfute", "maute"), (0.88, Method::Fuzzy));
        assert_eq!(sim("marketnig", "marketing"), (0.9, Method::Fuzzy));
        // Two edits need eight letters or more.
        assert_eq!(edit_sim(b"electronci", b"electronics"), 0.8);
        assert_eq!(edit_sim(b"karim", b"kasem"), 0.0);
        assert_eq!(edit_sim(b"omar", b"amar"), 0.0);
        assert_eq!(edit_sim(b"aziz", b"azig"), 0.8);
        assert_eq!(edit_sim(b"ali", b"alo"), 0.0);
    }

    fn toks<'a>(s: &'a str, keys: &'a [String]) -> Vec<Tok<'a>> {
        s.split(' ')
            .zip(keys)
            .map(|(text, key)| Tok {
                text,
                key,
                id: NO_ID,
                weight: 1.0,
                group: 0,
                alts: &[],
                sig: &CharSig::UNKNOWN,
            })
            .collect()
    }

    /// Score of two space-separated names, every token weighing the same.
    fn side_score(q: &str, n: &str, q_translit: bool) -> f32 {
        let keys = |s: &str| s.split(' ').map(name_key).collect::<Vec<String>>();
        let (qk, nk) = (keys(q), keys(n));
        let (qt, nt) = (toks(q, &qk), toks(n, &nk));
        let side = |t, translit| Side {
            toks: t,
            joins: &[],
            join_ids: &[],
            translit,
            middle: 0,
            titles: 0,
            firm: false,
            units: &[],
            join_sigs: &[],
        };
        let mut out = NameScore::default();
        score(
            &side(&qt, q_translit),
            &side(&nt, false),
            &mut NoCache,
            None,
            &mut out,
        );
        out.score
    }

    #[test]
    fn an_exact_listed_name_of_common_words_is_not_cut() {
        let keys = |s: &str| s.split(' ').map(name_key).collect::<Vec<String>>();
        let score_with_info = |q: &str, n: &str| {
            let (qk, nk) = (keys(q), keys(n));
            let (qt, nt) = (toks(q, &qk), toks(n, &nk));
            let side = |t| Side {
                toks: t,
                joins: &[],
                join_ids: &[],
                translit: false,
                middle: 0,
                titles: 0,
                firm: false,
                units: &[],
                join_sigs: &[],
            };
            let mut out = NameScore::default();
            // Every token weighs 1 against a full-information level of 10: all common.
            score(&side(&qt), &side(&nt), &mut NoCache, Some(10.0), &mut out);
            out.score
        };
        assert_eq!(
            score_with_info("hafiz muhammad saeed", "hafiz muhammad saeed"),
            1.0
        );
        // A spelling variant of the whole name is nearly as strong (no cliff at one letter)...
        let variant = score_with_info("hafiz muhamad saeed", "hafiz muhammad saeed");
        assert!(variant > 0.9, "{variant}");
        // ...while a partial match of common words is still cut.
        assert!(score_with_info("hafiz saeed", "hafiz muhammad saeed") < 0.7);
    }

    #[test]
    fn a_missing_middle_name_costs_less_than_a_missing_end() {
        let middle = side_score("najjar amin", "najjar muhammad amin", false);
        let end = side_score("najjar muhammad", "najjar muhammad amin", false);
        assert!(
            (middle - 2.0 / (2.0 + BETA_INTERIOR)).abs() < 1e-4,
            "{middle}"
        );
        assert!((end - 2.0 / (2.0 + BETA)).abs() < 1e-4, "{end}");
    }

    #[test]
    fn romanised_queries_match_on_consonant_skeletons() {
        // Read from Arabic script without vowels: only a romanised query gets credit.
        assert!(side_score("mhmd abdlrhmn", "muhammad abdulrahman", true) > 0.8);
        assert!(side_score("mhmd abdlrhmn", "muhammad abdulrahman", false) < 0.5);
    }

    #[test]
    fn a_split_name_is_not_lost_to_a_greedy_pair() {
        // The first "arif" would take "aref", leaving "arif allah" no partner.
        let qk: Vec<String> = ["arif", "allah", "arif", "ghazi"]
            .iter()
            .map(|t| name_key(t))
            .collect();
        let nk: Vec<String> = ["arefullah", "aref", "ghazi"]
            .iter()
            .map(|t| name_key(t))
            .collect();
        let (qt, nt) = (
            toks("arif allah arif ghazi", &qk),
            toks("arefullah aref ghazi", &nk),
        );
        let jk = name_key("arifallah");
        let qj = [("arifallah", jk.as_str())];
        let q = Side {
            toks: &qt,
            joins: &qj,
            join_ids: &[],
            translit: false,
            middle: 0,
            titles: 0,
            firm: false,
            units: &[],
            join_sigs: &[],
        };
        let n = Side {
            toks: &nt,
            joins: &[],
            join_ids: &[],
            translit: false,
            middle: 0,
            titles: 0,
            firm: false,
            units: &[],
            join_sigs: &[],
        };
        let mut out = NameScore::default();
        score(&q, &n, &mut NoCache, None, &mut out);
        assert!(out.score > 0.9, "{out:?}");
        assert_eq!(out.qmatched, 0b1111);
    }
}
