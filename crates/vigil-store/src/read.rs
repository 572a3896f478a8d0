//! Reading lists, versions, diffs and entities back out of the store.

use crate::record::entity_from_json;
use crate::{ChangedEntity, EntityRecord, EntitySummary, ListDiff, ListVersion, Store, StoreError};
use rusqlite::{Connection, OptionalExtension, Row};
use std::collections::HashMap;
use vigil_core::Entity;

/// A version with its internal row id.
pub(crate) struct VersionRow {
    pub id: i64,
    pub version: ListVersion,
}

const VERSION_COLUMNS: &str = "id, source, version, sha256, file_date, imported_at, \
     entity_count, added, removed, changed, warnings";

fn version_from_row(row: &Row<'_>) -> rusqlite::Result<VersionRow> {
    Ok(VersionRow {
        id: row.get(0)?,
        version: ListVersion {
            source: row.get(1)?,
            version: row.get(2)?,
            sha256: row.get(3)?,
            file_date: row.get(4)?,
            imported_at: row.get(5)?,
            entity_count: row.get(6)?,
            added: row.get(7)?,
            removed: row.get(8)?,
            changed: row.get(9)?,
            warnings: row.get(10)?,
        },
    })
}

pub(crate) fn version_row(conn: &Connection, id: i64) -> Result<VersionRow, StoreError> {
    let sql = format!("SELECT {VERSION_COLUMNS} FROM list_versions WHERE id = ?1");
    Ok(conn.query_row(&sql, [id], version_from_row)?)
}

pub(crate) fn latest_version_row(
    conn: &Connection,
    source: &str,
) -> Result<Option<VersionRow>, StoreError> {
    let sql = format!(
        "SELECT {VERSION_COLUMNS} FROM list_versions WHERE source = ?1
         ORDER BY version DESC LIMIT 1"
    );
    Ok(conn
        .query_row(&sql, [source], version_from_row)
        .optional()?)
}

/// Entity id → record hash for one version.
pub(crate) fn membership(
    conn: &Connection,
    version_id: i64,
) -> Result<HashMap<String, String>, StoreError> {
    let mut stmt =
        conn.prepare("SELECT entity_id, record_hash FROM version_entities WHERE version_id = ?1")?;
    let rows = stmt.query_map([version_id], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Row ids of the latest version of every source (versions only ever grow, so the
/// highest id per source is its latest version).
const LATEST_IDS: &str = "SELECT MAX(id) FROM list_versions GROUP BY source";

impl Store {
    /// The latest version of every list, by source name.
    pub fn lists(&self) -> Result<Vec<ListVersion>, StoreError> {
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM list_versions WHERE id IN ({LATEST_IDS})
             ORDER BY source"
        );
        self.collect_versions(&sql, [])
    }

    /// Every version of one list, oldest first; empty when the list was never imported.
    pub fn versions(&self, source: &str) -> Result<Vec<ListVersion>, StoreError> {
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM list_versions WHERE source = ?1 ORDER BY version"
        );
        self.collect_versions(&sql, [source])
    }

    fn collect_versions<P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
    ) -> Result<Vec<ListVersion>, StoreError> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map(params, version_from_row)?;
        Ok(rows
            .map(|r| r.map(|row| row.version))
            .collect::<Result<_, _>>()?)
    }

    /// What `version` (the latest when `None`) of `source` changed against the version
    /// before it.
    pub fn diff(&self, source: &str, version: Option<u32>) -> Result<ListDiff, StoreError> {
        let latest = latest_version_row(&self.conn, source)?
            .ok_or_else(|| StoreError::UnknownSource(source.to_owned()))?;
        let row = match version {
            None => latest,
            Some(v) => {
                let sql = format!(
                    "SELECT {VERSION_COLUMNS} FROM list_versions WHERE source = ?1 AND version = ?2"
                );
                self.conn
                    .query_row(&sql, rusqlite::params![source, v], version_from_row)
                    .optional()?
                    .ok_or(StoreError::UnknownVersion {
                        list: source.to_owned(),
                        version: v,
                        latest: latest.version.version,
                    })?
            }
        };
        let mut diff = ListDiff {
            source: source.to_owned(),
            version: row.version.version,
            previous_version: row.version.version.checked_sub(1).filter(|v| *v > 0),
            added: Vec::new(),
            removed: Vec::new(),
            changed: Vec::new(),
        };
        let mut stmt = self.conn.prepare(
            "SELECT entity_id, change, name, fields FROM version_changes
             WHERE version_id = ?1 ORDER BY entity_id",
        )?;
        let mut rows = stmt.query([row.id])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let change: String = r.get(1)?;
            let name: String = r.get(2)?;
            match change.as_str() {
                "added" => diff.added.push(EntitySummary { id, name }),
                "removed" => diff.removed.push(EntitySummary { id, name }),
                _ => {
                    let fields: Option<String> = r.get(3)?;
                    let fields =
                        serde_json::from_str(fields.as_deref().unwrap_or("[]")).map_err(|e| {
                            StoreError::Corrupt {
                                what: format!(
                                    "change of {id} in {source} version {}",
                                    diff.version
                                ),
                                message: e.to_string(),
                            }
                        })?;
                    diff.changed.push(ChangedEntity { id, name, fields });
                }
            }
        }
        Ok(diff)
    }

    /// The entity with this id (case-insensitive; an exact-case match wins) as the latest
    /// version of its list that contains it stores it, and whether it has been removed.
    pub fn entity(&self, id: &str) -> Result<Option<EntityRecord>, StoreError> {
        let found = self
            .conn
            .query_row(
                "SELECT r.json, v.source, v.version
                 FROM version_entities ve
                 JOIN list_versions v ON v.id = ve.version_id
                 JOIN entity_records r ON r.hash = ve.record_hash
                 WHERE ve.entity_id = ?1 COLLATE NOCASE
                 ORDER BY ve.entity_id = ?1 DESC, ve.version_id DESC
                 LIMIT 1",
                [id],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, u32>(2)?,
                    ))
                },
            )
            .optional()?;
        let Some((json, source, version)) = found else {
            return Ok(None);
        };
        let entity = entity_from_json(&json, id)?;
        let latest_version =
            latest_version_row(&self.conn, &source)?.map_or(version, |row| row.version.version);
        Ok(Some(EntityRecord {
            entity,
            version,
            latest_version,
            // Absent from every version after `version`, so the next one removed it.
            removed_in: (version < latest_version).then_some(version + 1),
        }))
    }

    /// The entity pulled from a partner (a `partner:` list) that the partner calls `id`
    /// (see [`vigil_core::PARTNER_ENTITY_ID`]), as [`Store::entity`] gives it.
    pub fn entity_by_partner_id(&self, id: &str) -> Result<Option<EntityRecord>, StoreError> {
        let quoted =
            serde_json::to_string(id.trim()).map_err(|e| StoreError::Invalid(e.to_string()))?;
        let mut stmt = self.conn.prepare(
            "SELECT ve.entity_id, r.json FROM version_entities ve
             JOIN list_versions v ON v.id = ve.version_id
             JOIN entity_records r ON r.hash = ve.record_hash
             WHERE v.source LIKE 'partner:%' AND instr(r.json, ?1) > 0
             ORDER BY ve.version_id DESC",
        )?;
        let mut rows = stmt.query([&quoted])?;
        while let Some(row) = rows.next()? {
            let entity_id: String = row.get(0)?;
            let entity = entity_from_json(&row.get::<_, String>(1)?, &entity_id)?;
            let named = entity.identifiers.iter().any(|i| {
                i.note.as_deref() == Some(vigil_core::PARTNER_ENTITY_ID)
                    && i.value.eq_ignore_ascii_case(id.trim())
            });
            if named {
                return self.entity(&entity_id);
            }
        }
        Ok(None)
    }

    /// Every entity of the latest version of every list.
    pub fn current_entities(&self) -> Result<Vec<Entity>, StoreError> {
        self.collect_entities(
            &format!(
                "SELECT ve.entity_id, r.json FROM version_entities ve
                 JOIN entity_records r ON r.hash = ve.record_hash
                 WHERE ve.version_id IN ({LATEST_IDS})
                 ORDER BY ve.version_id, ve.entity_id"
            ),
            [],
        )
    }

    /// Every entity of the latest version of one list; empty when it was never imported.
    pub fn current_entities_of(&self, source: &str) -> Result<Vec<Entity>, StoreError> {
        self.collect_entities(
            "SELECT ve.entity_id, r.json FROM version_entities ve
             JOIN entity_records r ON r.hash = ve.record_hash
             WHERE ve.version_id =
                 (SELECT MAX(id) FROM list_versions WHERE source = ?1)
             ORDER BY ve.entity_id",
            [source],
        )
    }

    fn collect_entities<P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
    ) -> Result<Vec<Entity>, StoreError> {
        let mut stmt = self.conn.prepare(sql)?;
        let mut rows = stmt.query(params)?;
        let mut entities = Vec::new();
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            let json: String = row.get(1)?;
            entities.push(entity_from_json(&json, &id)?);
        }
        Ok(entities)
    }
}
