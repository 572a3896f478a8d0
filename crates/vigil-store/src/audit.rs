//! The audit trail: who screened what, when, with which results, against which list versions.

use crate::{Store, StoreError};
use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AuditRecord {
    pub at: DateTime<Utc>,
    /// The API key's name (or the CLI user).
    pub actor: String,
    /// `screen`, `match`, `import`, `scan`, ...
    pub action: String,
    pub request: Value,
    /// The top results with their scores.
    pub response: Value,
    /// The list versions (source, version, sha256) that answered.
    pub list_versions: Value,
}

impl Store {
    /// Appends records in one transaction.
    pub fn append_audit(&mut self, records: &[AuditRecord]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO audit_log (at, actor, action, request, response, list_versions)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for r in records {
                stmt.execute(params![
                    r.at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
                    r.actor,
                    r.action,
                    r.request.to_string(),
                    r.response.to_string(),
                    r.list_versions.to_string(),
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Calls `each` for every record at or after `since`, oldest first (streams: the log
    /// may be large).
    pub fn audit_since(
        &self,
        since: DateTime<Utc>,
        mut each: impl FnMut(AuditRecord) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT at, actor, action, request, response, list_versions FROM audit_log
             WHERE at >= ?1 ORDER BY id",
        )?;
        let since = since.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        let mut rows = stmt.query([since])?;
        while let Some(row) = rows.next()? {
            let json = |i: usize| -> Result<Value, StoreError> {
                let text: String = row.get(i)?;
                serde_json::from_str(&text).map_err(|e| StoreError::Invalid(e.to_string()))
            };
            let at: String = row.get(0)?;
            let at = DateTime::parse_from_rfc3339(&at)
                .map_err(|e| StoreError::Invalid(format!("bad audit time {at:?}: {e}")))?
                .with_timezone(&Utc);
            each(AuditRecord {
                at,
                actor: row.get(1)?,
                action: row.get(2)?,
                request: json(3)?,
                response: json(4)?,
                list_versions: json(5)?,
            })?;
        }
        Ok(())
    }
}
