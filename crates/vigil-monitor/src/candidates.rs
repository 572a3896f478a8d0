//! Which subjects a changed entity could affect.
//!
//! Two channels, unioned, over an index of the subjects (each subject as an entity):
//! - the matcher's own index, searched with each of the entity's names at a low threshold:
//!   it finds spelling, transliteration and typo variants, but scores only the best
//!   `vigil_match`'s candidate cap per query;
//! - phonetic-key blocking: a subject sharing the phonetic keys of at least two of a
//!   name's words (one for a one-word name) is a candidate. It has no cap, so a common
//!   name listed anew ("Muhammad Khan") reaches every subject who bears it.
//!
//! Candidates are then re-screened against the full list index; this step only has to be
//! generous, never exact.

use crate::MonitorError;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use vigil_core::{Document, DocumentKind, Entity, NameKind, Query, Schema};
use vigil_match::normalize::{self, TokenClass};
use vigil_match::{evidence, phonetic, translit, MatchIndex, ScreenOptions};
use vigil_store::{Store, Subject};

/// Entity ids of subjects in the subject index are `subject:<row>`.
const SUBJECT_SOURCE: &str = "subject";

/// Searchable subjects, built from one store at one subjects generation.
pub struct SubjectIndex {
    store: PathBuf,
    generation: i64,
    index: MatchIndex,
    /// Phonetic key → positions in `rows`.
    keys: FxHashMap<Box<str>, Vec<u32>>,
    rows: Vec<i64>,
}

impl SubjectIndex {
    /// Indexes `subjects`, read from the store at `store` at subjects `generation`.
    pub fn build(subjects: &[Subject], store: &Path, generation: i64) -> SubjectIndex {
        let entities: Vec<Entity> = subjects.par_iter().map(as_entity).collect();
        let key_sets: Vec<Vec<String>> =
            subjects.par_iter().map(|s| name_keys(&s.name).0).collect();
        let mut keys: FxHashMap<Box<str>, Vec<u32>> = FxHashMap::default();
        for (i, set) in key_sets.into_iter().enumerate() {
            for key in set {
                keys.entry(key.into_boxed_str()).or_default().push(i as u32);
            }
        }
        SubjectIndex {
            store: store.to_owned(),
            generation,
            index: MatchIndex::build(entities),
            keys,
            rows: subjects.iter().map(|s| s.row).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Row keys of the subjects these entities could match, sorted.
    pub fn affected(&self, entities: &[&Entity], threshold: f64) -> Vec<i64> {
        let options = ScreenOptions {
            threshold,
            limit: usize::MAX,
        };
        let names: Vec<(&Entity, &vigil_core::Name)> = entities
            .iter()
            .flat_map(|e| e.names.iter().map(move |n| (*e, n)))
            .collect();
        let mut rows: Vec<i64> = names
            .par_iter()
            .flat_map_iter(|(entity, name)| {
                let mut found = self.by_matcher(entity, &name.full, &options);
                if name.kind != NameKind::Weak {
                    found.extend(self.by_keys(&name.full));
                }
                found
            })
            .collect();
        rows.sort_unstable();
        rows.dedup();
        rows
    }

    fn by_matcher(&self, entity: &Entity, name: &str, options: &ScreenOptions) -> Vec<i64> {
        // Only the name and the entity's document numbers: evidence that could lower the
        // score (birth dates) is for the real screening.
        let query = Query {
            name: name.to_owned(),
            id_numbers: evidence::entity_ids(entity).collect(),
            ..Query::default()
        };
        self.index
            .screen(&query, options)
            .into_iter()
            .filter_map(|m| subject_row(&m.entity_id))
            .collect()
    }

    fn by_keys(&self, name: &str) -> Vec<i64> {
        let (keys, words) = name_keys(name);
        let needed = words.min(2);
        if needed == 0 {
            return Vec::new();
        }
        let mut hits: FxHashMap<u32, usize> = FxHashMap::default();
        for key in &keys {
            for &i in self.keys.get(key.as_str()).map_or(&[][..], Vec::as_slice) {
                *hits.entry(i).or_default() += 1;
            }
        }
        hits.into_iter()
            .filter(|(_, n)| *n >= needed)
            .map(|(i, _)| self.rows[i as usize])
            .collect()
    }
}

fn subject_row(entity_id: &str) -> Option<i64> {
    entity_id
        .strip_prefix(SUBJECT_SOURCE)?
        .strip_prefix(':')?
        .parse()
        .ok()
}

/// A subject as an entity of the subject index: its name and id number are what the
/// candidate search looks at.
fn as_entity(subject: &Subject) -> Entity {
    let schema = subject
        .schema
        .as_deref()
        .and_then(|s| s.parse().ok())
        .unwrap_or(Schema::Person);
    let mut entity = Entity::new(
        SUBJECT_SOURCE,
        &subject.row.to_string(),
        schema,
        &subject.name,
    );
    if let Some(number) = &subject.id_number {
        entity.documents.push(Document {
            kind: DocumentKind::Other,
            type_text: String::new(),
            number: number.clone(),
            country: None,
            issued: None,
            expires: None,
            note: None,
        });
    }
    entity
}

/// The phonetic keys of a name's informative words and of adjacent word pairs written
/// together ("Abdul Rahman" / "Abdulrahman"), over every romanised reading; and the word
/// count of its first reading.
fn name_keys(name: &str) -> (Vec<String>, usize) {
    let readings = if normalize::needs_latinizing(name) {
        translit::latinize_variants(name)
    } else {
        vec![name.to_owned()]
    };
    let mut keys = FxHashSet::default();
    let mut words = None;
    for reading in readings {
        let tokens: Vec<String> = normalize::tokens_of_latin(&reading)
            .into_iter()
            .filter(|t| t.class == TokenClass::Word)
            .map(|t| t.text)
            .collect();
        words.get_or_insert(tokens.len());
        for t in &tokens {
            keys.insert(phonetic::name_key(t));
        }
        for pair in tokens.windows(2) {
            keys.insert(phonetic::name_key(&format!("{}{}", pair[0], pair[1])));
        }
    }
    keys.remove("");
    (keys.into_iter().collect(), words.unwrap_or(0))
}

/// Keeps the subject index between list imports (the server holds one for its lifetime);
/// rebuilt for another store, or when a subjects import has changed the store since.
#[derive(Default)]
pub struct SubjectCache {
    cached: Mutex<Option<Arc<SubjectIndex>>>,
}

impl SubjectCache {
    pub fn new() -> SubjectCache {
        SubjectCache::default()
    }

    /// The subject index for the store's current subjects.
    pub fn get(&self, store: &Store) -> Result<Arc<SubjectIndex>, MonitorError> {
        let generation = store.subjects_generation()?;
        let mut cached = self
            .cached
            .lock()
            .map_err(|_| MonitorError::Invalid("the subject index cache is poisoned".into()))?;
        let current =
            |i: &&Arc<SubjectIndex>| i.generation == generation && i.store == store.path();
        if let Some(index) = cached.as_ref().filter(current) {
            return Ok(index.clone());
        }
        let index = Arc::new(SubjectIndex::build(
            &store.subjects()?,
            store.path(),
            generation,
        ));
        *cached = Some(index.clone());
        Ok(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(row: i64, name: &str) -> Subject {
        Subject {
            row,
            set: "t".into(),
            id: format!("s{row}"),
            name: name.into(),
            schema: None,
            birth_date: None,
            nationality: None,
            id_number: None,
            updated_at: String::new(),
        }
    }

    #[test]
    fn finds_variants_and_ignores_strangers() {
        let subjects = [
            subject(1, "Mohammed Yusuf Karim"),
            subject(2, "Abdulrahman Yasin"),
            subject(3, "Jane Doe"),
            subject(4, "Ivan Petrov"),
        ];
        let index = SubjectIndex::build(&subjects, Path::new("t"), 0);
        let listed = Entity::new("t", "1", Schema::Person, "Muhammad Yousef Kareem");
        assert_eq!(index.affected(&[&listed], 0.6), vec![1]);
        let listed = Entity::new("t", "2", Schema::Person, "Abdul Rahman Yasin");
        assert_eq!(index.affected(&[&listed], 0.6), vec![2]);
    }

    #[test]
    fn key_blocking_has_no_candidate_cap() {
        let subjects: Vec<Subject> = (1..=400).map(|i| subject(i, "Muhammad Khan")).collect();
        let index = SubjectIndex::build(&subjects, Path::new("t"), 0);
        let listed = Entity::new("t", "1", Schema::Person, "Mohammad Khan");
        assert_eq!(index.affected(&[&listed], 0.6).len(), 400);
    }

    #[test]
    fn subject_rows_round_trip_through_entity_ids() {
        assert_eq!(subject_row(&as_entity(&subject(42, "A B")).id), Some(42));
        assert_eq!(subject_row("un-sc:QDi.1"), None);
    }
}
