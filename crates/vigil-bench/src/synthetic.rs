//! A synthetic corpus of any size for the speed benchmark: people and firms from the same
//! name generators as the negatives, plus syllable-built family names so a million entities
//! are not a few thousand names repeated (which would flatter or punish an index unfairly).

use crate::names;
use crate::perturb;
use crate::rng::Rng;
use vigil_core::{Entity, Name, NameKind, Query, Schema};

const SYLLABLES: &[&str] = &[
    "ka", "ri", "mo", "ta", "ne", "sa", "lu", "ba", "do", "fi", "ga", "ho", "ji", "ke", "la", "mi",
    "no", "pa", "qu", "ro", "su", "te", "vo", "wa", "ya", "zu", "char", "bel", "dar", "kor", "man",
    "sel", "tor", "vin",
];
const ENDINGS: &[&str] = &[
    "", "n", "r", "v", "ov", "ani", "ez", "son", "i", "ski", "berg", "oglu", "zadeh", "ullah",
];

fn coined_family(rng: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..2 + rng.below(2) {
        s.push_str(rng.pick::<&str>(SYLLABLES));
    }
    s.push_str(rng.pick::<&str>(ENDINGS));
    let mut cs = s.chars();
    cs.next()
        .map(|c| c.to_uppercase().chain(cs).collect())
        .unwrap_or_default()
}

fn person_name(rng: &mut Rng) -> String {
    let base = if rng.chance(0.2) {
        names::hard_person(rng)
    } else {
        names::person(rng)
    };
    if rng.chance(0.5) {
        // Swap the family name for a coined one.
        let given = base.rsplit_once(' ').map_or(base.as_str(), |(g, _)| g);
        format!("{given} {}", coined_family(rng))
    } else {
        base
    }
}

/// `count` entities, 70% people and 30% firms; a third carry an alias.
pub fn corpus(count: usize, seed: u64) -> Vec<Entity> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|i| {
            let person = rng.chance(0.7);
            let (schema, name) = if person {
                (Schema::Person, person_name(&mut rng))
            } else {
                let firm = names::company(&mut rng);
                let firm = if rng.chance(0.5) {
                    format!("{} {firm}", coined_family(&mut rng))
                } else {
                    firm
                };
                (Schema::Organization, firm)
            };
            let mut entity = Entity::new("synthetic", &i.to_string(), schema, &name);
            if rng.chance(0.33) {
                if let Some(alias) = perturb::transliterate(&name, &mut rng) {
                    entity.add_name(Name::new(alias, NameKind::Alias));
                }
            }
            entity
        })
        .collect()
}

/// `count` queries against a corpus: half listed names with a typo (or the name itself when
/// no typo applies), half fresh names that are probably on no list.
pub fn queries(corpus: &[Entity], count: usize, seed: u64) -> Vec<Query> {
    let mut rng = Rng::new(seed ^ 0x5EED);
    (0..count)
        .map(|_| {
            if rng.chance(0.5) && !corpus.is_empty() {
                let e = rng.pick(corpus);
                let name = perturb::typos(&e.name, 1, &mut rng).unwrap_or_else(|| e.name.clone());
                Query::name(name)
            } else {
                Query::name(person_name(&mut rng))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn corpus_is_seeded_and_mostly_distinct() {
        let a = corpus(2000, 5);
        let b = corpus(2000, 5);
        assert_eq!(a, b);
        let distinct: HashSet<&str> = a.iter().map(|e| e.name.as_str()).collect();
        assert!(distinct.len() > 1800, "{} distinct", distinct.len());
        assert_eq!(queries(&a, 100, 5).len(), 100);
    }
}
