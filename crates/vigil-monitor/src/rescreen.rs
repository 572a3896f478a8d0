//! Re-screening after a list import, and raising alerts for new hits.

use crate::{MonitorError, SubjectCache};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;
use std::collections::HashSet;
use std::time::Instant;
use vigil_core::{Entity, Query};
use vigil_match::{Match, MatchIndex, ScreenOptions, DEFAULT_THRESHOLD};
use vigil_store::{
    Alert, AlertStatus, AuditRecord, ImportOutcome, NewAlert, PairState, Store, Subject,
};

#[derive(Debug, Clone)]
pub struct MonitorOptions {
    /// A subject's hit at or above this raises an alert.
    pub threshold: f64,
    /// The generous threshold for finding candidate subjects of a changed entity.
    pub candidate_threshold: f64,
    /// At most this many hits per subject.
    pub limit: usize,
}

impl Default for MonitorOptions {
    fn default() -> Self {
        MonitorOptions {
            threshold: DEFAULT_THRESHOLD,
            // Below the alert threshold by the matcher's whole evidence lift and more: the
            // candidate search sees names only.
            candidate_threshold: 0.6,
            limit: 25,
        }
    }
}

/// What monitoring did after one list import.
#[derive(Debug, Clone, Serialize)]
pub struct MonitorReport {
    pub source: String,
    pub version: u32,
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    /// Subjects in the store.
    pub subjects: u64,
    /// Subjects re-screened: those the changed entities could affect.
    pub rescreened: usize,
    pub delisted: u64,
    pub new_alerts: Vec<Alert>,
    pub seconds: f64,
}

impl MonitorReport {
    /// One line for people, e.g. "monitoring: 3 of 1000000 subjects re-screened, ...".
    pub fn summary(&self) -> String {
        format!(
            "monitoring: {} of {} subjects re-screened after {} version {}; {} new alerts, \
             {} delisted ({:.1} s)",
            self.rescreened,
            self.subjects,
            self.source,
            self.version,
            self.new_alerts.len(),
            self.delisted,
            self.seconds
        )
    }
}

/// The hook every list import calls. For a new version: open alerts on removed entities
/// become `delisted`; subjects the added and changed entities could affect (and subjects
/// with open alerts on changed or removed entities) are re-screened against the current
/// lists (`lists`, or loaded from the store when `None`); new hits become alerts. Returns
/// `None` when the import stored nothing. Audited as `monitor_rescreen` by `actor`.
pub fn after_import(
    store: &mut Store,
    outcome: &ImportOutcome,
    lists: Option<&MatchIndex>,
    cache: &SubjectCache,
    options: &MonitorOptions,
    actor: &str,
) -> Result<Option<MonitorReport>, MonitorError> {
    let ImportOutcome::Imported { version } = outcome else {
        return Ok(None);
    };
    let started = Instant::now();
    let diff = store.diff(&version.source, Some(version.version))?;
    let removed: Vec<&str> = diff.removed.iter().map(|e| e.id.as_str()).collect();
    let changed: Vec<&str> = diff.changed.iter().map(|e| e.id.as_str()).collect();
    let touched: Vec<&str> = changed.iter().chain(&removed).copied().collect();
    let mut report = MonitorReport {
        source: version.source.clone(),
        version: version.version,
        added: diff.added.len(),
        changed: changed.len(),
        removed: removed.len(),
        subjects: store.subject_count()?,
        rescreened: 0,
        delisted: 0,
        new_alerts: Vec::new(),
        seconds: 0.0,
    };
    let with_open_alerts = store.subjects_with_open_alerts(&touched)?;
    report.delisted = store.delist_alerts(&removed)?;
    if report.subjects > 0 {
        let owned;
        let lists = match lists {
            Some(lists) => lists,
            None => {
                owned = load_lists(store)?;
                &owned
            }
        };
        let entities: Vec<&Entity> = diff
            .added
            .iter()
            .map(|e| e.id.as_str())
            .chain(changed.iter().copied())
            .filter_map(|id| lists.entity(id))
            .collect();
        let mut rows = if entities.is_empty() {
            Vec::new()
        } else {
            cache
                .get(store)?
                .affected(&entities, options.candidate_threshold)
        };
        rows.extend(with_open_alerts);
        rows.sort_unstable();
        rows.dedup();
        let subjects = store.subjects_by_rows(&rows)?;
        report.rescreened = subjects.len();
        report.new_alerts = screen_and_raise(store, lists, &subjects, options)?;
    }
    report.seconds = started.elapsed().as_secs_f64();
    store.append_audit(&[AuditRecord {
        at: chrono::Utc::now(),
        actor: actor.to_owned(),
        action: "monitor_rescreen".into(),
        request: json!({ "source": report.source, "version": report.version }),
        response: json!({
            "rescreened": report.rescreened,
            "delisted": report.delisted,
            "new_alerts": report.new_alerts.iter().map(|a| a.id).collect::<Vec<_>>(),
        }),
        list_versions: serde_json::to_value(store.lists()?).unwrap_or_default(),
    }])?;
    Ok(Some(report))
}

/// The latest version of every list as a match index.
pub(crate) fn load_lists(store: &Store) -> Result<MatchIndex, MonitorError> {
    Ok(MatchIndex::build(store.current_entities()?))
}

/// Screens subjects against the lists and stores an alert for every new hit.
pub(crate) fn screen_and_raise(
    store: &mut Store,
    lists: &MatchIndex,
    subjects: &[Subject],
    options: &MonitorOptions,
) -> Result<Vec<Alert>, MonitorError> {
    if lists.is_empty() || subjects.is_empty() {
        return Ok(Vec::new());
    }
    let screen = ScreenOptions {
        threshold: options.threshold,
        limit: options.limit,
    };
    let hits: Vec<(i64, Match)> = subjects
        .par_iter()
        .map(|s| -> Result<Vec<(i64, Match)>, MonitorError> {
            let query = query_of(s)?;
            Ok(lists
                .screen(&query, &screen)
                .into_iter()
                .map(|m| (s.row, m))
                .collect())
        })
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .collect();
    let ids: Vec<&str> = hits
        .iter()
        .map(|(_, m)| m.entity_id.as_str())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let records = store.current_records(&ids)?;
    let mut new = Vec::new();
    for (subject, m) in hits {
        let Some(record) = records.get(&m.entity_id) else {
            continue;
        };
        let state = store.pair_state(subject, &m.entity_id)?;
        if !is_new_hit(state.as_ref(), &record.record_hash) {
            continue;
        }
        new.push(NewAlert {
            subject,
            entity_id: m.entity_id,
            record_hash: record.record_hash.clone(),
            score: m.score,
            entity_name: m.caption,
            matched_name: m.matched_name,
            // Stored as JSON with the alert (the store knows nothing of the engine's types).
            explanation: serde_json::to_value(&m.explanation).unwrap_or_default(),
            list_source: record.source.clone(),
            list_version: record.version,
        });
    }
    Ok(store.insert_alerts(&new)?)
}

/// Whether a hit deserves a new alert given the latest alert on the same pair: not while
/// one is open or confirmed; not after a false positive on the same entity record; again
/// after a delisting (the entity is listed anew).
fn is_new_hit(latest: Option<&PairState>, record_hash: &str) -> bool {
    match latest {
        None => true,
        Some(state) => match state.status {
            AlertStatus::Open | AlertStatus::Confirmed => false,
            AlertStatus::FalsePositive => state.record_hash != record_hash,
            AlertStatus::Delisted => true,
        },
    }
}

fn query_of(subject: &Subject) -> Result<Query, MonitorError> {
    Query::from_fields(
        &subject.name,
        subject.schema.as_deref(),
        subject.birth_date.as_deref(),
        subject.nationality.as_deref(),
        subject.id_number.as_deref(),
    )
    .map_err(|e| MonitorError::Invalid(format!("subject {}/{}: {e}", subject.set, subject.id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn false_positives_return_only_on_a_changed_record() {
        let state = |status| PairState {
            status,
            record_hash: "h1".into(),
        };
        assert!(is_new_hit(None, "h1"));
        assert!(!is_new_hit(Some(&state(AlertStatus::Open)), "h2"));
        assert!(!is_new_hit(Some(&state(AlertStatus::Confirmed)), "h2"));
        assert!(!is_new_hit(Some(&state(AlertStatus::FalsePositive)), "h1"));
        assert!(is_new_hit(Some(&state(AlertStatus::FalsePositive)), "h2"));
        assert!(is_new_hit(Some(&state(AlertStatus::Delisted)), "h1"));
    }
}
