//! Importing a parsed list as a new version: one transaction, all or nothing.

use crate::read::{latest_version_row, membership, VersionRow};
use crate::record::{changed_fields, value_from_json, Record};
use crate::{guard, ImportOutcome, ImportPolicy, Store, StoreError, UnchangedReason};
use rayon::prelude::*;
use rusqlite::{params, ErrorCode, OptionalExtension, Transaction, TransactionBehavior};
use std::collections::{HashMap, HashSet};
use vigil_lists::ParsedList;

impl Store {
    /// Stores `list` as the next version of its source, with its diff against the previous
    /// version, under the default [`ImportPolicy`] (no large shrink, no older file).
    pub fn import(&mut self, list: &ParsedList) -> Result<ImportOutcome, StoreError> {
        self.import_with(list, ImportPolicy::default())
    }

    /// Stores `list` as the next version of its source, with its diff against the previous
    /// version. Identical content (same file hash, or the same entities) stores nothing and
    /// reports `Unchanged`; a version the import guard refuses under `policy`
    /// is an error. On any error nothing is stored.
    pub fn import_with(
        &mut self,
        list: &ParsedList,
        policy: ImportPolicy,
    ) -> Result<ImportOutcome, StoreError> {
        let source = list.source.as_str();
        vigil_core::check_stored_source_name(source)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
        if list.entities.is_empty() {
            return Err(StoreError::EmptyList {
                list: source.to_owned(),
            });
        }
        // Serialising and hashing is pure CPU work: spread it over the cores, before taking
        // the write lock.
        let records = list
            .entities
            .par_iter()
            .map(Record::of)
            .collect::<Result<Vec<_>, _>>()?;

        // IMMEDIATE takes the write lock now, so a concurrent import waits (busy timeout)
        // instead of failing when its read turns into a write.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let latest = latest_version_row(&tx, source)?;
        let previous = match &latest {
            Some(row) => membership(&tx, row.id)?,
            None => HashMap::new(),
        };
        if let Some(row) = latest {
            if let Some(reason) = unchanged_reason(&row, list, &records, &previous) {
                return Ok(ImportOutcome::Unchanged {
                    version: row.version,
                    reason,
                });
            }
            guard::check(policy, &row, list, &records, &previous)?;
        }
        let version = insert_version(tx, list, &records, &previous)?;
        Ok(ImportOutcome::Imported { version })
    }
}

fn insert_version(
    tx: Transaction<'_>,
    list: &ParsedList,
    records: &[Record],
    previous: &HashMap<String, String>,
) -> Result<crate::ListVersion, StoreError> {
    let source = list.source.as_str();
    let number: u32 = tx.query_row(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM list_versions WHERE source = ?1",
        [source],
        |row| row.get(0),
    )?;
    // Counts are filled in once the diff is known, still inside the transaction.
    tx.execute(
        "INSERT INTO list_versions (source, version, sha256, file_date, imported_at,
                 entity_count, added, removed, changed, warnings)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, 0, 0, ?7)",
        params![
            source,
            number,
            list.sha256,
            list.file_date,
            chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            records.len() as i64,
            list.warnings.len() as i64,
        ],
    )?;
    let version_id = tx.last_insert_rowid();
    insert_members(&tx, source, version_id, records)?;
    let (added, removed, changed) = insert_changes(&tx, version_id, records, previous)?;
    tx.execute(
        "UPDATE list_versions SET added = ?1, removed = ?2, changed = ?3 WHERE id = ?4",
        params![added, removed, changed, version_id],
    )?;
    let row = crate::read::version_row(&tx, version_id)?;
    tx.commit()?;
    Ok(row.version)
}

fn unchanged_reason(
    latest: &VersionRow,
    list: &ParsedList,
    records: &[Record],
    previous: &HashMap<String, String>,
) -> Option<UnchangedReason> {
    if latest.version.sha256 == list.sha256 {
        return Some(UnchangedReason::SameFile);
    }
    // Equal lengths and every id mapping to the same hash means equal sets, unless the new
    // list repeats an id; that case falls through and fails on insert.
    let same = records.len() == previous.len()
        && records.iter().all(|r| previous.get(&r.id) == Some(&r.hash))
        && records.iter().map(|r| &r.id).collect::<HashSet<_>>().len() == records.len();
    same.then_some(UnchangedReason::SameEntities)
}

fn insert_members(
    tx: &Transaction<'_>,
    source: &str,
    version_id: i64,
    records: &[Record],
) -> Result<(), StoreError> {
    let mut insert_record =
        tx.prepare("INSERT OR IGNORE INTO entity_records (hash, json) VALUES (?1, ?2)")?;
    let mut insert_member = tx.prepare(
        "INSERT INTO version_entities (version_id, entity_id, record_hash) VALUES (?1, ?2, ?3)",
    )?;
    let prefix = format!("{source}:");
    for record in records {
        let source_id = record.id.strip_prefix(&prefix).unwrap_or("");
        if source_id.is_empty() {
            return Err(StoreError::ForeignEntity {
                list: source.to_owned(),
                entity_id: record.id.clone(),
            });
        }
        insert_record.execute(params![record.hash, record.json])?;
        insert_member
            .execute(params![version_id, record.id, record.hash])
            .map_err(|e| match e.sqlite_error_code() {
                Some(ErrorCode::ConstraintViolation) => StoreError::DuplicateEntity {
                    list: source.to_owned(),
                    entity_id: record.id.clone(),
                },
                _ => e.into(),
            })?;
    }
    Ok(())
}

/// Records added, removed and changed entities against `previous` (entity id → hash) and
/// returns their counts.
fn insert_changes(
    tx: &Transaction<'_>,
    version_id: i64,
    records: &[Record],
    previous: &HashMap<String, String>,
) -> Result<(i64, i64, i64), StoreError> {
    let mut insert = tx.prepare(
        "INSERT INTO version_changes (version_id, entity_id, change, name, fields)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut old_json = tx.prepare("SELECT json FROM entity_records WHERE hash = ?1")?;
    let mut load_old = |hash: &str, id: &str| -> Result<serde_json::Value, StoreError> {
        let json: Option<String> = old_json.query_row([hash], |row| row.get(0)).optional()?;
        let json = json.ok_or_else(|| StoreError::Corrupt {
            what: format!("entity {id}"),
            message: format!("record {hash} is missing"),
        })?;
        value_from_json(&json, id)
    };
    let (mut added, mut removed, mut changed) = (0, 0, 0);
    let mut current = HashSet::with_capacity(records.len());
    for record in records {
        current.insert(record.id.as_str());
        match previous.get(&record.id) {
            None => {
                insert.execute(params![
                    version_id,
                    record.id,
                    "added",
                    record.name,
                    None::<String>
                ])?;
                added += 1;
            }
            Some(old_hash) if *old_hash != record.hash => {
                let old = load_old(old_hash, &record.id)?;
                let new = value_from_json(&record.json, &record.id)?;
                let fields = changed_fields(&old, &new);
                // Same content stored under another hash (records from an older Vigil).
                if fields.is_empty() {
                    continue;
                }
                let fields = serde_json::to_string(&fields).map_err(|e| StoreError::Corrupt {
                    what: format!("entity {}", record.id),
                    message: e.to_string(),
                })?;
                insert.execute(params![
                    version_id,
                    record.id,
                    "changed",
                    record.name,
                    fields
                ])?;
                changed += 1;
            }
            Some(_) => {}
        }
    }
    let mut gone: Vec<(&String, &String)> = previous
        .iter()
        .filter(|(id, _)| !current.contains(id.as_str()))
        .collect();
    gone.sort();
    for (id, hash) in gone {
        let old = load_old(hash, id)?;
        let name = old.get("name").and_then(|n| n.as_str()).unwrap_or(id);
        insert.execute(params![version_id, id, "removed", name, None::<String>])?;
        removed += 1;
    }
    Ok((added, removed, changed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigil_core::{Entity, Schema};

    fn list(sha: &str, names: &[(&str, &str)]) -> ParsedList {
        ParsedList {
            source: "t".to_owned(),
            entities: names
                .iter()
                .map(|(id, name)| Entity::new("t", id, Schema::Person, name))
                .collect(),
            file_date: None,
            sha256: sha.to_owned(),
            warnings: Vec::new(),
        }
    }

    #[test]
    fn unchanged_entities_are_stored_once_across_versions() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        store
            .import(&list("1", &[("A", "Alpha"), ("B", "Bravo")]))
            .unwrap();
        store
            .import(&list("2", &[("A", "Alpha"), ("B", "Bravo 2")]))
            .unwrap();
        let count = |table: &str| -> i64 {
            store
                .conn
                .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
                .unwrap()
        };
        // A once, B twice (two contents); two memberships per version.
        assert_eq!(count("entity_records"), 3);
        assert_eq!(count("version_entities"), 4);
    }
}
