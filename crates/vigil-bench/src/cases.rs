//! Building the accuracy benchmark from the real lists: positive cases (a listed entity
//! written another way, expected to be found) and negative cases (people and firms on no
//! list), plus the entities to index, with every held-out name removed from them.

use crate::names::{self, normalise, sorted_key, variant_key};
use crate::perturb;
use crate::rng::Rng;
use crate::split::Part;
use serde::Serialize;
use std::collections::HashMap;
use std::collections::HashSet;
use vigil_core::{Entity, NameKind, Query, Schema};

/// What a case tests. Negative kinds end in `Negative`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// A real strong alias, removed from the index, used as the query.
    HeldOutAlias,
    /// A real original-script (e.g. Arabic) name, removed from the index, used as the query.
    OriginalScript,
    Typo1,
    Typo2,
    /// "LAST, First" or family name first.
    Reorder,
    DroppedMiddle,
    Transliteration,
    Honorific,
    LegalForm,
    PersonNegative,
    /// Common Muslim given names with common family names.
    HardPersonNegative,
    CompanyNegative,
}

impl Category {
    pub const POSITIVE: [Category; 9] = [
        Category::HeldOutAlias,
        Category::OriginalScript,
        Category::Typo1,
        Category::Typo2,
        Category::Reorder,
        Category::DroppedMiddle,
        Category::Transliteration,
        Category::Honorific,
        Category::LegalForm,
    ];
    pub const NEGATIVE: [Category; 3] = [
        Category::PersonNegative,
        Category::HardPersonNegative,
        Category::CompanyNegative,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::HeldOutAlias => "held_out_alias",
            Category::OriginalScript => "original_script",
            Category::Typo1 => "typo_1",
            Category::Typo2 => "typo_2",
            Category::Reorder => "reorder",
            Category::DroppedMiddle => "dropped_middle",
            Category::Transliteration => "transliteration",
            Category::Honorific => "honorific",
            Category::LegalForm => "legal_form",
            Category::PersonNegative => "person_negative",
            Category::HardPersonNegative => "hard_person_negative",
            Category::CompanyNegative => "company_negative",
        }
    }

    pub fn is_negative(self) -> bool {
        Category::NEGATIVE.contains(&self)
    }
}

#[derive(Debug, Clone)]
pub struct Case {
    pub category: Category,
    pub query: Query,
    /// The entities that count as found: the case's own entity first, then the same party
    /// as listed by another source (UN and OFAC both list many). Empty for negatives.
    pub expected: Vec<String>,
}

#[derive(Debug, Clone, Copy)]
pub struct Config {
    pub seed: u64,
    /// Positive cases per category (fewer where the lists have fewer).
    pub per_category: usize,
    pub negatives: usize,
    /// The part of the committed split whose entities (and generated names) the cases come
    /// from; the index always holds every listed entity.
    pub part: Part,
}

pub struct Benchmark {
    /// The lists with the held-out names removed: what the engine and the baseline index.
    pub entities: Vec<Entity>,
    pub positives: Vec<Case>,
    pub negatives: Vec<Case>,
}

/// Names shorter than this (in letters) are skipped as bases: "ISIL" typo'd is not a fair test.
const MIN_LETTERS: usize = 5;

pub fn build(mut entities: Vec<Entity>, config: &Config) -> Benchmark {
    let mut rng = Rng::new(config.seed);
    let listed = owners_by_key(&entities);
    let mut positives = Vec::new();
    let mut used = vec![false; entities.len()];
    positives.extend(hold_out_aliases(
        &mut entities,
        &listed,
        &mut used,
        config,
        &mut rng,
    ));
    positives.extend(hold_out_original_script(
        &mut entities,
        &mut used,
        config,
        &mut rng,
    ));
    for category in &Category::POSITIVE[2..] {
        positives.extend(perturbed(&entities, &listed, *category, config, &mut rng));
    }
    // A negative may not be a listed name, nor one of them without a middle name: the
    // `dropped_middle` positives are exactly those.
    let variants: HashSet<String> = entities
        .iter()
        .flat_map(|e| &e.names)
        .flat_map(|n| std::iter::once(n.full.clone()).chain(perturb::middle_drops(&n.full)))
        .map(|n| variant_key(&n))
        .collect();
    let negatives = negatives(&listed, &variants, config, &mut rng);
    add_same_parties(&mut positives, &entities);
    Benchmark {
        entities,
        positives,
        negatives,
    }
}

/// Adds to each positive case the entities of other sources that list the same party: the
/// same schema, a name in common (in any word order) and, for people, birth dates that
/// overlap. A hit on OFAC's record of a UN-listed person finds that person.
fn add_same_parties(cases: &mut [Case], entities: &[Entity]) {
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        for n in &e.names {
            let list = by_name.entry(sorted_key(&n.full)).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let position: HashMap<&str, usize> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    for case in cases {
        let Some(&own) = case
            .expected
            .first()
            .and_then(|id| position.get(id.as_str()))
        else {
            continue;
        };
        let a = &entities[own];
        let mut same: Vec<String> = a
            .names
            .iter()
            .filter_map(|n| by_name.get(&sorted_key(&n.full)))
            .flatten()
            .map(|&j| &entities[j])
            .filter(|b| source(&b.id) != source(&a.id) && is_same_party(a, b))
            .map(|b| b.id.clone())
            .collect();
        same.sort();
        same.dedup();
        case.expected.extend(same);
    }
}

fn source(id: &str) -> &str {
    id.split_once(':').map_or(id, |(s, _)| s)
}

/// Two records sharing a name are one party when their schemas agree and, for people, their
/// birth dates overlap (namesakes are common; a person without dates is never merged).
pub(crate) fn is_same_party(a: &Entity, b: &Entity) -> bool {
    if a.schema != b.schema {
        return false;
    }
    if a.schema != Schema::Person {
        return true;
    }
    a.birth_dates.iter().any(|x| {
        b.birth_dates.iter().any(|y| {
            let ((xl, xh), (yl, yh)) = (x.bounds(), y.bounds());
            xl <= yh && yl <= xh
        })
    })
}

/// Marks a name borne by more than one entity.
const SHARED: usize = usize::MAX;

/// Every listed name (as a [`sorted_key`]) and the one entity bearing it, or [`SHARED`].
fn owners_by_key(entities: &[Entity]) -> HashMap<String, usize> {
    let mut owners = HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        for n in &e.names {
            let owner = owners.entry(sorted_key(&n.full)).or_insert(i);
            if *owner != i {
                *owner = SHARED;
            }
        }
    }
    owners
}

/// Whether some word of `alias` (three letters or more) resembles some word of `other`.
/// An alias sharing nothing with the entity's other names (a nom de guerre) is beyond any
/// name matcher, so it measures nothing.
pub(crate) fn related(alias: &str, other: &str) -> bool {
    let words = |s: &str| {
        normalise(s)
            .split(' ')
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let theirs = words(other);
    words(alias)
        .iter()
        .any(|a| theirs.iter().any(|b| strsim::jaro_winkler(a, b) >= 0.85))
}

/// The positions of the entities of `part`, in a seeded random order. (Every position is
/// shuffled before filtering, so `Part::All` draws what the benchmark drew before the split.)
fn shuffled_indices(entities: &[Entity], part: Part, rng: &mut Rng) -> Vec<usize> {
    let mut order: Vec<usize> = (0..entities.len()).collect();
    rng.shuffle(&mut order);
    order.retain(|&i| part.has_entity(&entities[i].id));
    order
}

fn letters(name: &str) -> usize {
    name.chars().filter(|c| c.is_alphabetic()).count()
}

fn case(category: Category, name: String, entity: &Entity) -> Case {
    Case {
        category,
        query: Query {
            name,
            schema: Some(entity.schema),
            ..Query::default()
        },
        expected: vec![entity.id.clone()],
    }
}

/// For entities with a strong Latin alias that differs from their other names, resembles one
/// of them and is borne by no other entity: remove the alias (and any copy of it in another
/// word order) from the index and query with it.
fn hold_out_aliases(
    entities: &mut [Entity],
    listed: &HashMap<String, usize>,
    used: &mut [bool],
    config: &Config,
    rng: &mut Rng,
) -> Vec<Case> {
    let mut cases = Vec::new();
    for i in shuffled_indices(entities, config.part, rng) {
        if cases.len() == config.per_category {
            break;
        }
        let entity = &entities[i];
        let primary = sorted_key(&entity.name);
        let aliases: Vec<&str> = entity
            .names
            .iter()
            .filter(|n| n.kind == NameKind::Alias && !n.original_script)
            .map(|n| n.full.as_str())
            .filter(|a| letters(a) >= MIN_LETTERS && sorted_key(a) != primary)
            .filter(|a| listed.get(&sorted_key(a)) == Some(&i))
            .filter(|a| {
                entity
                    .names
                    .iter()
                    .any(|n| sorted_key(&n.full) != sorted_key(a) && related(a, &n.full))
            })
            .collect();
        if aliases.is_empty() {
            continue;
        }
        let alias = rng.pick(&aliases).to_string();
        let key = sorted_key(&alias);
        let entity = &mut entities[i];
        entity.names.retain(|n| sorted_key(&n.full) != key);
        if entity.names.is_empty() {
            continue;
        }
        used[i] = true;
        cases.push(case(Category::HeldOutAlias, alias, entity));
    }
    cases
}

/// For entities with original-script names: remove them all and query with one of them.
fn hold_out_original_script(
    entities: &mut [Entity],
    used: &mut [bool],
    config: &Config,
    rng: &mut Rng,
) -> Vec<Case> {
    let mut cases = Vec::new();
    for i in shuffled_indices(entities, config.part, rng) {
        if cases.len() == config.per_category {
            break;
        }
        let originals: Vec<String> = entities[i]
            .names
            .iter()
            .filter(|n| n.original_script && letters(&n.full) >= 2)
            .map(|n| n.full.clone())
            .collect();
        if used[i] || originals.is_empty() {
            continue;
        }
        let query = rng.pick(&originals).clone();
        let entity = &mut entities[i];
        entity.names.retain(|n| !n.original_script);
        if entity.names.is_empty() {
            continue;
        }
        used[i] = true;
        cases.push(case(Category::OriginalScript, query, entity));
    }
    cases
}

/// Seeded perturbations of primary names, for the entities the perturbation suits. A variant
/// that is another entity's listed name (dropping "Uday" from "AL-TIKRITI, Uday Saddam
/// Hussein" gives another listed person) is skipped: it has no single right answer.
fn perturbed(
    entities: &[Entity],
    listed: &HashMap<String, usize>,
    category: Category,
    config: &Config,
    rng: &mut Rng,
) -> Vec<Case> {
    let mut cases = Vec::new();
    for i in shuffled_indices(entities, config.part, rng) {
        if cases.len() == config.per_category {
            break;
        }
        let entity = &entities[i];
        let name = entity.name.as_str();
        if letters(name) < MIN_LETTERS {
            continue;
        }
        let person = entity.schema == Schema::Person;
        let varied = match category {
            Category::Typo1 => perturb::typos(name, 1, rng),
            // Two edits in a short name leave little of it ("VIANA" → "VIAbwA").
            Category::Typo2 if letters(name) >= 2 * MIN_LETTERS => perturb::typos(name, 2, rng),
            Category::Reorder if person => perturb::reorder(name, rng),
            Category::DroppedMiddle if person => perturb::drop_middle(name, rng),
            Category::Transliteration => perturb::transliterate(name, rng),
            Category::Honorific if person => perturb::honorific(name, rng),
            Category::LegalForm if entity.schema == Schema::Organization => {
                perturb::legal_form(name, rng)
            }
            _ => None,
        };
        if let Some(varied) = varied.filter(|v| listed.get(&sorted_key(v)).is_none_or(|&o| o == i))
        {
            cases.push(case(category, varied, entity));
        }
    }
    cases
}

/// Generated people and firms, none a listed name (after normalising, in any word order, nor
/// a spelling of one: see [`variant_key`], nor one without a middle name), no repeats:
/// 40% people from many cultures, 30% hard Muslim-name combinations, 30% firms.
fn negatives(
    listed: &HashMap<String, usize>,
    variants: &HashSet<String>,
    config: &Config,
    rng: &mut Rng,
) -> Vec<Case> {
    let mut seen = HashSet::new();
    let mut cases = Vec::new();
    let quotas = [
        (Category::PersonNegative, config.negatives * 4 / 10),
        (Category::HardPersonNegative, config.negatives * 3 / 10),
        (
            Category::CompanyNegative,
            config.negatives - config.negatives * 4 / 10 - config.negatives * 3 / 10,
        ),
    ];
    for (category, quota) in quotas {
        let mut made = 0;
        // The generators can produce far more distinct names than any quota, but bound the
        // attempts so a tiny vocabulary can never loop forever.
        for _ in 0..quota * 50 {
            if made == quota {
                break;
            }
            let (name, schema) = match category {
                Category::PersonNegative => (names::person(rng), Schema::Person),
                Category::HardPersonNegative => (names::hard_person(rng), Schema::Person),
                _ => (names::company(rng), Schema::Organization),
            };
            let key = sorted_key(&name);
            if !config.part.has_generated(&name)
                || listed.contains_key(&key)
                || variants.contains(&variant_key(&name))
                || !seen.insert(key)
            {
                continue;
            }
            made += 1;
            cases.push(Case {
                category,
                query: Query {
                    name,
                    schema: Some(schema),
                    ..Query::default()
                },
                expected: Vec::new(),
            });
        }
    }
    cases
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigil_core::Name;

    fn sample_entities() -> Vec<Entity> {
        let mut lt = Entity::new(
            "un-sc",
            "QDe.118",
            Schema::Organization,
            "LASHKAR-E-TAYYIBA",
        );
        lt.add_name(Name::new("Lashkar-e-Toiba", NameKind::Alias));
        lt.add_name(Name::new("LeT", NameKind::Weak));
        lt.add_name(Name {
            original_script: true,
            ..Name::new("لشكر طيبة", NameKind::Alias)
        });
        let hs = Entity::new("un-sc", "QDi.263", Schema::Person, "HAFIZ MUHAMMAD SAEED");
        vec![lt, hs]
    }

    #[test]
    fn held_out_names_leave_the_index() {
        let config = Config {
            seed: 1,
            per_category: 5,
            negatives: 20,
            part: Part::All,
        };
        let b = build(sample_entities(), &config);
        let lt = &b.entities[0];
        let held: Vec<&Case> = b
            .positives
            .iter()
            .filter(|c| c.category == Category::HeldOutAlias)
            .collect();
        assert_eq!(held.len(), 1);
        assert_eq!(held[0].query.name, "Lashkar-e-Toiba");
        assert_eq!(held[0].expected, ["un-sc:QDe.118"]);
        assert!(lt.names.iter().all(|n| n.full != "Lashkar-e-Toiba"));
        // The entity used for the alias is not reused for original script.
        assert!(b
            .positives
            .iter()
            .all(|c| c.category != Category::OriginalScript));
        let dropped: Vec<&Case> = b
            .positives
            .iter()
            .filter(|c| c.category == Category::DroppedMiddle)
            .collect();
        assert_eq!(dropped.len(), 1);
        assert_eq!(dropped[0].expected, ["un-sc:QDi.263"]);
        assert_eq!(b.negatives.len(), 20);
    }

    #[test]
    fn another_lists_record_of_the_same_party_counts_as_found() {
        use vigil_core::{DateSpec, PartialDate};
        let person = |id: &str, name: &str, year: u16| {
            let (source, local) = id.split_once(':').unwrap();
            let mut e = Entity::new(source, local, Schema::Person, name);
            e.birth_dates.push(DateSpec::on(PartialDate::year(year)));
            e
        };
        let entities = vec![
            person("un-sc:QDi.1", "Abdul Haq", 1970),
            person("ofac-sdn:1", "HAQ, Abdul", 1970),
            // A namesake born elsewhen, and a record of the same list: neither is the party.
            person("ofac-sdn:2", "HAQ, Abdul", 1955),
            person("un-sc:QDi.2", "Abdul Haq", 1970),
        ];
        let mut cases = vec![case(Category::Typo1, "Abdul Haqq".into(), &entities[0])];
        add_same_parties(&mut cases, &entities);
        assert_eq!(cases[0].expected, ["un-sc:QDi.1", "ofac-sdn:1"]);
    }

    #[test]
    fn negatives_exclude_listed_names() {
        let mut listed = HashMap::new();
        let mut probe = Rng::new(9);
        // Everything the first 200 draws would produce is "listed": none may come out.
        for _ in 0..200 {
            listed.insert(sorted_key(&names::person(&mut probe)), 0);
        }
        let config = Config {
            seed: 9,
            per_category: 0,
            negatives: 100,
            part: Part::All,
        };
        let variants: HashSet<String> = ["Bilal Hossain".to_owned()]
            .iter()
            .map(|n| variant_key(n))
            .collect();
        let cases = negatives(&listed, &variants, &config, &mut Rng::new(9));
        assert!(cases
            .iter()
            .all(|c| !listed.contains_key(&sorted_key(&c.query.name))));
        assert!(cases
            .iter()
            .all(|c| !variants.contains(&variant_key(&c.query.name))));
        let distinct: HashSet<_> = cases.iter().map(|c| normalise(&c.query.name)).collect();
        assert_eq!(distinct.len(), cases.len());
    }
}
