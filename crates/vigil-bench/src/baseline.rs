//! The baseline the engine must beat: the best Jaro-Winkler similarity between the
//! lower-cased query and every indexed name (brute force), as a naive screening tool does.

use std::collections::HashMap;
use vigil_core::{Entity, Query, Schema};

pub struct JwBaseline {
    /// Lower-cased names and the index of the entity each belongs to.
    names: Vec<(String, usize)>,
    schemas: Vec<Schema>,
    positions: HashMap<String, usize>,
}

/// The baseline's answer for one query.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BaselineScore {
    /// The best score over all names (of the query's schema, when it has one).
    pub top: f64,
    pub top_entity: Option<usize>,
    /// The best score over the expected entities' names (0 when none is expected).
    pub expected: f64,
}

impl JwBaseline {
    pub fn build(entities: &[Entity]) -> JwBaseline {
        JwBaseline {
            names: entities
                .iter()
                .enumerate()
                .flat_map(|(i, e)| e.names.iter().map(move |n| (n.full.to_lowercase(), i)))
                .collect(),
            schemas: entities.iter().map(|e| e.schema).collect(),
            positions: entities
                .iter()
                .enumerate()
                .map(|(i, e)| (e.id.clone(), i))
                .collect(),
        }
    }

    pub fn score(&self, query: &Query, expected: &[String]) -> BaselineScore {
        let q = query.name.to_lowercase();
        let expected: Vec<usize> = expected
            .iter()
            .filter_map(|id| self.positions.get(id).copied())
            .collect();
        let mut result = BaselineScore {
            top: 0.0,
            top_entity: None,
            expected: 0.0,
        };
        for (name, owner) in &self.names {
            if query.schema.is_some_and(|s| s != self.schemas[*owner]) {
                continue;
            }
            let score = strsim::jaro_winkler(&q, name);
            if score > result.top {
                result.top = score;
                result.top_entity = Some(*owner);
            }
            if expected.contains(owner) && score > result.expected {
                result.expected = score;
            }
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigil_core::{Name, NameKind};

    #[test]
    fn best_name_wins_and_schema_filters() {
        let mut ubl = Entity::new("un-sc", "QDi.1", Schema::Person, "Usama bin Laden");
        ubl.add_name(Name::new("Osama bin Laden", NameKind::Alias));
        let org = Entity::new(
            "un-sc",
            "QDe.1",
            Schema::Organization,
            "Osama bin Laden Ltd",
        );
        let b = JwBaseline::build(&[ubl, org]);
        let mut q = Query::name("OSAMA BIN LADEN");
        let s = b.score(&q, &["un-sc:QDi.1".to_owned()]);
        assert_eq!((s.top, s.top_entity, s.expected), (1.0, Some(0), 1.0));
        q.schema = Some(Schema::Organization);
        let s = b.score(&q, &["un-sc:QDi.1".to_owned()]);
        assert_eq!(s.top_entity, Some(1));
        assert_eq!(s.expected, 0.0);
    }
}
