//! Evidence beyond the name: birth date, nationality, identity numbers, alias quality.
//! Each step adds a signed delta to the name score and says why.
//!
//! Sizes follow common screening practice (OpenSanctions' qualifiers): a birth year clearly
//! outside what the list states costs 0.15, a known year with a conflicting day 0.10, a
//! nationality the entity has no tie to 0.15. Agreement adds less (birth year or range 0.05,
//! full date 0.08, nationality 0.03): on its own it is weak evidence, but it is what lifts a
//! listed person with a common name (Hafiz Muhammad Saeed, PK, 1950) over a namesake. An identity number that equals a
//! listed document or identifier lifts the score to at least [`ID_MATCH_FLOOR`] whatever the name.

use crate::explain::EvidenceStep;
use vigil_core::{DateSpec, Entity, PartialDate, Query};

/// The score an exact identity-number hit guarantees.
pub const ID_MATCH_FLOOR: f64 = 0.95;
/// Multiplier on the name score when the matched name is a weak (low-quality) alias.
pub const WEAK_ALIAS_FACTOR: f64 = 0.85;
/// The most the agreement steps can add together.
pub const MAX_AGREEMENT_LIFT: f64 = 0.08 + 0.03;
/// Ids shorter than this are too generic to trust ("123").
const MIN_ID_LEN: usize = 5;

/// Uppercase letters and digits only: `AB 123-456` → `AB123456`.
pub fn normalize_id(id: &str) -> String {
    id.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Every identity value of an entity worth matching on, normalised.
/// IMO numbers are also given bare ("IMO 9187629" and "9187629" are the same ship).
pub fn entity_ids(entity: &Entity) -> impl Iterator<Item = String> + '_ {
    entity
        .documents
        .iter()
        .map(|d| d.number.as_str())
        .chain(entity.identifiers.iter().map(|i| i.value.as_str()))
        .map(normalize_id)
        .flat_map(|id| {
            let bare = id
                .strip_prefix("IMO")
                .filter(|rest| rest.bytes().all(|b| b.is_ascii_digit()))
                .map(str::to_owned);
            std::iter::once(id).chain(bare)
        })
        .filter(|id| id.len() >= MIN_ID_LEN)
}

/// The query's id numbers, normalised, usable ones only.
pub fn query_ids(query: &Query) -> Vec<String> {
    query
        .id_numbers
        .iter()
        .map(|i| normalize_id(i))
        .filter(|id| id.len() >= MIN_ID_LEN)
        .collect()
}

/// Applies every evidence step to `name_score`; returns the final score in [0, 1].
pub fn apply(
    query: &Query,
    query_ids: &[String],
    entity: &Entity,
    name_score: f64,
    steps: &mut Vec<EvidenceStep>,
) -> f64 {
    let mut score = name_score;
    if let Some(date) = &query.birth_date {
        if let Some((delta, detail)) = birth_date(date, &entity.birth_dates) {
            score += delta;
            steps.push(EvidenceStep {
                kind: "birth_date",
                detail,
                delta,
            });
        }
    }
    if !query.nationalities.is_empty() {
        if let Some((delta, detail)) = nationality(&query.nationalities, entity) {
            score += delta;
            steps.push(EvidenceStep {
                kind: "nationality",
                detail,
                delta,
            });
        }
    }
    let score = score.clamp(0.0, 1.0);
    if let Some(id) = query_ids
        .iter()
        .find(|q| entity_ids(entity).any(|e| &e == *q))
    {
        let lifted = score.max(ID_MATCH_FLOOR).max((score + 0.1).min(1.0));
        steps.push(EvidenceStep {
            kind: "id_number",
            detail: format!("{id} equals a listed document or identifier"),
            delta: lifted - score,
        });
        return lifted;
    }
    score
}

/// Compares a query birth date with the entity's stated birth dates.
fn birth_date(date: &PartialDate, specs: &[DateSpec]) -> Option<(f64, String)> {
    if specs.is_empty() {
        return None;
    }
    let (qlo, qhi) = date.bounds();
    let overlaps = |s: &DateSpec| {
        let (lo, hi) = s.bounds();
        qlo <= hi && lo <= qhi
    };
    if let Some(spec) = specs.iter().find(|s| overlaps(s)) {
        // Agreement on a full day is worth more than on a year or a range.
        let precise =
            date.day.is_some() && matches!(spec, DateSpec::On { date } if date.day.is_some());
        let delta = if precise { 0.08 } else { 0.05 };
        return Some((delta, format!("{date} agrees with listed {spec}")));
    }
    let years_overlap = specs.iter().any(|s| {
        let (lo, hi) = s.bounds();
        date.year >= lo.0 && date.year <= hi.0
    });
    let listed = specs
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    if years_overlap {
        // Same year, other month/day: often a data-entry slip, so a smaller penalty; day and
        // month swapped (05-06 vs 06-05) is the commonest slip of all.
        let swapped = specs.iter().any(|s| match s {
            DateSpec::On { date: l } => {
                l.year == date.year
                    && l.month.is_some()
                    && l.month == date.day
                    && l.day == date.month
            }
            _ => false,
        });
        let delta = if swapped { -0.05 } else { -0.10 };
        return Some((
            delta,
            format!("{date} conflicts with listed {listed} within the year"),
        ));
    }
    Some((-0.15, format!("{date} is outside listed {listed}")))
}

/// Compares query nationalities with the entity's nationalities, citizenships and countries
/// (address countries do not count against: people live abroad, but they don't add either).
fn nationality(codes: &[String], entity: &Entity) -> Option<(f64, String)> {
    let known: Vec<&str> = entity.country_codes().collect();
    let shared = codes
        .iter()
        .find(|c| known.iter().any(|k| k.eq_ignore_ascii_case(c)));
    if let Some(c) = shared {
        return Some((0.03, format!("{c} is a listed nationality or country")));
    }
    if known.is_empty() {
        return None;
    }
    let lives_there = entity.addresses.iter().any(|a| {
        a.country
            .as_ref()
            .and_then(|c| c.code.as_deref())
            .is_some_and(|k| codes.iter().any(|c| c.eq_ignore_ascii_case(k)))
    });
    if lives_there {
        return Some((
            0.0,
            format!("{} matches only an address country", codes.join(",")),
        ));
    }
    Some((
        -0.15,
        format!(
            "{} is not among listed {}",
            codes.join(","),
            known.join(",")
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigil_core::{Country, Document, DocumentKind, Schema};

    fn person() -> Entity {
        let mut e = Entity::new("t", "1", Schema::Person, "Hafiz Muhammad Saeed");
        e.birth_dates = vec![DateSpec::on("1950-06-05".parse().unwrap())];
        e.nationalities = vec![Country::parse("Pakistan")];
        e.documents = vec![Document {
            kind: DocumentKind::Passport,
            type_text: "Passport".into(),
            number: "AB 123-4567".into(),
            country: None,
            issued: None,
            expires: None,
            note: None,
        }];
        e
    }

    fn run(q: &Query, name_score: f64) -> (f64, Vec<EvidenceStep>) {
        let mut steps = Vec::new();
        let ids = query_ids(q);
        let s = apply(q, &ids, &person(), name_score, &mut steps);
        (s, steps)
    }

    #[test]
    fn birth_year_agreement_and_disjoint() {
        let mut q = Query::name("x");
        q.birth_date = Some(PartialDate::year(1950));
        let (s, steps) = run(&q, 0.8);
        assert!((s - 0.85).abs() < 1e-9);
        assert_eq!(steps[0].kind, "birth_date");
        q.birth_date = Some(PartialDate::year(1972));
        let (s, _) = run(&q, 0.8);
        assert!((s - 0.65).abs() < 1e-9);
        q.birth_date = Some("1950-05-06".parse().unwrap());
        assert!((run(&q, 0.8).0 - 0.75).abs() < 1e-9, "day/month swapped");
        q.birth_date = Some("1950-01-20".parse().unwrap());
        assert!((run(&q, 0.8).0 - 0.70).abs() < 1e-9);
    }

    #[test]
    fn ranges_and_circa_are_respected() {
        let specs = [DateSpec::Between {
            from: PartialDate::year(1964),
            to: PartialDate::year(1966),
        }];
        assert!(birth_date(&PartialDate::year(1965), &specs).unwrap().0 > 0.0);
        assert!(birth_date(&PartialDate::year(1967), &specs).unwrap().0 < 0.0);
        let circa = [DateSpec::Circa {
            date: PartialDate::year(1970),
        }];
        assert!(birth_date(&PartialDate::year(1971), &circa).unwrap().0 > 0.0);
        assert!(birth_date(&PartialDate::year(1950), &[]).is_none());
    }

    #[test]
    fn nationality_mismatch_lowers() {
        let mut q = Query::name("x");
        q.nationalities = vec!["PK".into()];
        assert!((run(&q, 0.8).0 - 0.83).abs() < 1e-9);
        q.nationalities = vec!["FR".into()];
        assert!((run(&q, 0.8).0 - 0.65).abs() < 1e-9);
    }

    #[test]
    fn id_number_hit_is_strong_even_with_a_weak_name() {
        let mut q = Query::name("x");
        q.id_numbers = vec!["ab1234567".into()];
        let (s, steps) = run(&q, 0.3);
        assert!(s >= ID_MATCH_FLOOR);
        assert_eq!(steps.last().unwrap().kind, "id_number");
        q.id_numbers = vec!["ZZ9999999".into()];
        assert!((run(&q, 0.3).0 - 0.3).abs() < 1e-9);
        q.id_numbers = vec!["123".into()];
        assert!(query_ids(&q).is_empty());
    }
}
