//! Labelled name pairs from real variation in the lists, no generator involved: two names
//! of one party (its aliases, its records in UN and OFAC, its original-script names) are a
//! positive pair; a party's name and the closest name of another party that the candidate
//! generator brings back (`MatchIndex::screen`) a hard negative. Both systems score every
//! pair the same way, the engine with `vigil_match::compare`, the baseline with
//! Jaro-Winkler on the lower-cased names; the report gives recall at 1% false alerts per kind
//! of pair, best-threshold F1 and ranking AUC. Pairs come from one part of the split.

use crate::accuracy::{best_pair_f1, threshold_at_fpr, PairF1, TARGET_FPR};
use crate::cases::related;
use crate::names::sorted_key;
use crate::rng::Rng;
use crate::split::{parties, Part};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write as _;
use vigil_core::{Entity, Query, Schema};
use vigil_match::{compare, MatchIndex, ScreenOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PairKind {
    /// Two Latin-script names of one party.
    LatinAlias,
    /// An original-script name and a Latin name of one party.
    CrossScript,
    /// A party's name and another party's name the candidate generator ranks first.
    HardNegative,
}

impl PairKind {
    pub const ALL: [PairKind; 3] = [
        PairKind::LatinAlias,
        PairKind::CrossScript,
        PairKind::HardNegative,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PairKind::LatinAlias => "latin_alias",
            PairKind::CrossScript => "cross_script",
            PairKind::HardNegative => "hard_negative",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub kind: PairKind,
    pub a: String,
    pub b: String,
    pub schema: Schema,
}

/// One party's names: Latin ones (distinct by their sorted words) and original-script ones.
struct PartyNames {
    schema: Schema,
    primary: String,
    latin: Vec<String>,
    original: Vec<String>,
}

/// Up to `per_kind` positive pairs of each kind and `2 · per_kind` hard negatives, from the
/// parties of `part` (a party counts when all its records are in it), seeded.
pub fn build(index: &MatchIndex, part: Part, per_kind: usize, seed: u64) -> Vec<Pair> {
    let entities = index.entities();
    let party = parties(entities);
    let mut names: HashMap<usize, PartyNames> = HashMap::new();
    for (e, &p) in entities.iter().zip(&party) {
        let entry = names.entry(p).or_insert_with(|| PartyNames {
            schema: e.schema,
            primary: e.name.clone(),
            latin: Vec::new(),
            original: Vec::new(),
        });
        add_names(entry, e);
    }
    for (e, p) in entities.iter().zip(&party) {
        if !part.has_entity(&e.id) {
            names.remove(p);
        }
    }
    let mut order: Vec<usize> = names.keys().copied().collect();
    order.sort_unstable();
    let mut rng = Rng::new(seed);
    rng.shuffle(&mut order);
    let positions: HashMap<&str, usize> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let limit = |kind: PairKind| match kind {
        PairKind::HardNegative => 2 * per_kind,
        _ => per_kind,
    };
    let mut count = HashMap::<PairKind, usize>::new();
    let mut pairs = Vec::new();
    let full = |count: &HashMap<PairKind, usize>, kind| count.get(&kind) == Some(&limit(kind));
    for p in &order {
        let party_names = &names[p];
        // Screening is the costly part: only while negatives are wanted.
        let negative = (!full(&count, PairKind::HardNegative))
            .then(|| hard_negative(index, &positions, &party, *p, party_names))
            .flatten();
        for pair in positive(party_names, &mut rng).into_iter().chain(negative) {
            let n = count.entry(pair.kind).or_default();
            if *n < limit(pair.kind) {
                *n += 1;
                pairs.push(pair);
            }
        }
        if PairKind::ALL.iter().all(|&kind| full(&count, kind)) {
            break;
        }
    }
    pairs
}

fn add_names(party: &mut PartyNames, e: &Entity) {
    for n in &e.names {
        let list = if n.original_script {
            &mut party.original
        } else {
            &mut party.latin
        };
        let key = sorted_key(&n.full);
        if key.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && list.iter().all(|m| sorted_key(m) != key)
        {
            list.push(n.full.clone());
        }
    }
}

/// A cross-script pair (an original-script name and the party's primary name, which the
/// lists write from it; another alias may be a nom de guerre) when the party has one, else
/// two Latin names that resemble each other (`cases::related`: a nom de guerre unlike every other name
/// measures nothing a name matcher can do).
fn positive(party: &PartyNames, rng: &mut Rng) -> Option<Pair> {
    let pair = |kind, a: &String, b: &String| Pair {
        kind,
        a: a.clone(),
        b: b.clone(),
        schema: party.schema,
    };
    if !party.original.is_empty() {
        let a = rng.pick(&party.original);
        return Some(pair(PairKind::CrossScript, a, &party.primary));
    }
    let latin = &party.latin;
    let related: Vec<(usize, usize)> = (0..latin.len())
        .flat_map(|i| (i + 1..latin.len()).map(move |j| (i, j)))
        .filter(|&(i, j)| related(&latin[i], &latin[j]))
        .collect();
    if related.is_empty() {
        return None;
    }
    let &(i, j) = rng.pick(&related);
    Some(pair(PairKind::LatinAlias, &latin[i], &latin[j]))
}

/// The party's primary name and the best-ranked name of another party that is none of the
/// party's own names (two parties bearing one name are namesakes: no name matcher can tell
/// them apart).
fn hard_negative(
    index: &MatchIndex,
    positions: &HashMap<&str, usize>,
    party: &[usize],
    own: usize,
    names: &PartyNames,
) -> Option<Pair> {
    let query = Query {
        name: names.primary.clone(),
        schema: Some(names.schema),
        ..Query::default()
    };
    let options = ScreenOptions {
        threshold: 0.0,
        limit: 10,
    };
    let own_name = |name: &str| {
        let key = sorted_key(name);
        names
            .latin
            .iter()
            .chain(&names.original)
            .any(|n| sorted_key(n) == key)
    };
    let hit = index.screen(&query, &options).into_iter().find(|m| {
        positions
            .get(m.entity_id.as_str())
            .is_some_and(|&i| party[i] != own)
            && !own_name(&m.matched_name)
    })?;
    Some(Pair {
        kind: PairKind::HardNegative,
        a: names.primary.clone(),
        b: hit.matched_name,
        schema: names.schema,
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct KindRecall {
    pub kind: &'static str,
    pub pairs: usize,
    pub recall_at_target_fpr: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct PairSystem {
    pub system: &'static str,
    pub threshold_at_target_fpr: f64,
    pub kinds: Vec<KindRecall>,
    pub f1: PairF1,
    /// The chance that a random positive pair outscores a random negative one (ties half).
    pub auc: f64,
}

/// One system's figures from its scores of `pairs` (in order).
pub fn summarise(system: &'static str, pairs: &[Pair], scores: &[f64]) -> PairSystem {
    let of = |positive: bool| -> Vec<f64> {
        pairs
            .iter()
            .zip(scores)
            .filter(|(p, _)| (p.kind != PairKind::HardNegative) == positive)
            .map(|(_, &s)| s)
            .collect()
    };
    let (pos, neg) = (of(true), of(false));
    let threshold = threshold_at_fpr(&neg, TARGET_FPR);
    let kinds = [PairKind::LatinAlias, PairKind::CrossScript]
        .into_iter()
        .map(|kind| {
            let mine: Vec<f64> = pairs
                .iter()
                .zip(scores)
                .filter(|(p, _)| p.kind == kind)
                .map(|(_, &s)| s)
                .collect();
            let above = mine.iter().filter(|&&s| s > threshold).count();
            KindRecall {
                kind: kind.as_str(),
                pairs: mine.len(),
                recall_at_target_fpr: above as f64 / mine.len().max(1) as f64,
            }
        })
        .collect();
    PairSystem {
        system,
        threshold_at_target_fpr: threshold,
        kinds,
        f1: best_pair_f1(&pos, &neg),
        auc: auc(&pos, &neg),
    }
}

/// Ranking AUC by counting, over every (positive, negative) pair, wins and half ties.
pub fn auc(positives: &[f64], negatives: &[f64]) -> f64 {
    if positives.is_empty() || negatives.is_empty() {
        return 0.0;
    }
    let mut neg = negatives.to_vec();
    neg.sort_by(f64::total_cmp);
    let mut wins = 0.0;
    for &p in positives {
        let below = neg.partition_point(|&n| n < p);
        let equal = neg[below..].partition_point(|&n| n == p);
        wins += below as f64 + 0.5 * equal as f64;
    }
    wins / (positives.len() as f64 * negatives.len() as f64)
}

/// The engine's and the baseline's scores of every pair, in order.
pub fn score(pairs: &[Pair]) -> (Vec<f64>, Vec<f64>) {
    let engine = pairs
        .iter()
        .map(|p| compare(&p.a, &p.b, Some(p.schema)).score)
        .collect();
    let baseline = pairs
        .iter()
        .map(|p| strsim::jaro_winkler(&p.a.to_lowercase(), &p.b.to_lowercase()))
        .collect();
    (engine, baseline)
}

pub fn markdown(part: Part, systems: &[PairSystem]) -> String {
    let mut out = format!("Name pairs from split part `{}`.\n\n", part.as_str());
    let heads: Vec<String> = systems
        .iter()
        .map(|s| format!("{} recall @1% FPR", s.system))
        .collect();
    let _ = writeln!(out, "| pairs | count | {} |", heads.join(" | "));
    let _ = writeln!(out, "|---|---:|{}", "---:|".repeat(systems.len()));
    for (k, kind) in systems[0].kinds.iter().enumerate() {
        let cells: Vec<String> = systems
            .iter()
            .map(|s| format!("{:.3}", s.kinds[k].recall_at_target_fpr))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            kind.kind,
            kind.pairs,
            cells.join(" | ")
        );
    }
    for s in systems {
        let _ = writeln!(
            out,
            "\n{}: 1% of hard negatives score above {:.3}; best-threshold F1 {:.3} at {:.3} (precision {:.3}, recall {:.3}); AUC {:.3}.",
            s.system, s.threshold_at_target_fpr, s.f1.f1, s.f1.threshold, s.f1.precision, s.f1.recall, s.auc
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_counts_wins_and_half_ties() {
        assert_eq!(auc(&[0.9, 0.8], &[0.1, 0.2]), 1.0);
        assert_eq!(auc(&[0.1], &[0.9]), 0.0);
        assert_eq!(auc(&[0.5], &[0.5]), 0.5);
        assert!((auc(&[0.9, 0.3], &[0.5, 0.1]) - 0.75).abs() < 1e-12);
        assert_eq!(auc(&[], &[0.5]), 0.0);
    }
}
