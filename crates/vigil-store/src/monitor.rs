//! Monitoring persistence: subjects, alerts and decisions, webhooks and their outbox. The
//! logic (what to re-screen, when to raise an alert) lives in `vigil-monitor`.

use crate::{Store, StoreError};
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

/// A subject as imported (fields validated by the caller).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectFields {
    pub id: String,
    pub name: String,
    pub schema: Option<String>,
    pub birth_date: Option<String>,
    pub nationality: Option<String>,
    pub id_number: Option<String>,
}

/// A stored subject. `row` is the store's own key; (`set`, `id`) is the caller's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subject {
    #[serde(skip)]
    pub row: i64,
    pub set: String,
    pub id: String,
    pub name: String,
    pub schema: Option<String>,
    pub birth_date: Option<String>,
    pub nationality: Option<String>,
    pub id_number: Option<String>,
    pub updated_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertStatus {
    Open,
    Confirmed,
    FalsePositive,
    /// The entity was removed from its list while the alert was open.
    Delisted,
}

impl AlertStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AlertStatus::Open => "open",
            AlertStatus::Confirmed => "confirmed",
            AlertStatus::FalsePositive => "false_positive",
            AlertStatus::Delisted => "delisted",
        }
    }
}

impl fmt::Display for AlertStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for AlertStatus {
    type Err = String;
    /// Accepts `false-positive` as well as `false_positive`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "open" => Ok(AlertStatus::Open),
            "confirmed" => Ok(AlertStatus::Confirmed),
            "false_positive" => Ok(AlertStatus::FalsePositive),
            "delisted" => Ok(AlertStatus::Delisted),
            _ => Err(format!(
                "unknown alert status {s:?}: expected open, confirmed, false-positive or delisted"
            )),
        }
    }
}

/// An alert to raise: a subject hit an entity of a list version.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAlert {
    pub subject: i64,
    pub entity_id: String,
    pub record_hash: String,
    pub score: f64,
    pub entity_name: String,
    pub matched_name: String,
    pub explanation: serde_json::Value,
    pub list_source: String,
    pub list_version: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alert {
    pub id: i64,
    pub set: String,
    pub subject_id: String,
    pub subject_name: String,
    pub entity_id: String,
    pub entity_name: String,
    pub matched_name: String,
    pub status: AlertStatus,
    pub score: f64,
    pub list_source: String,
    pub list_version: u32,
    pub created_at: String,
    pub decided_by: Option<String>,
    pub reason: Option<String>,
    pub decided_at: Option<String>,
    pub explanation: serde_json::Value,
    #[serde(skip)]
    pub record_hash: String,
}

/// The latest alert on one (subject, entity) pair: what decides whether a hit is new.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairState {
    pub status: AlertStatus,
    pub record_hash: String,
}

/// Where an entity currently stands: its record hash and the list version holding it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentRecord {
    pub record_hash: String,
    pub source: String,
    pub version: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Webhook {
    pub id: i64,
    pub url: String,
    #[serde(skip)]
    pub secret: String,
    pub created_at: String,
}

/// A notification due for delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub id: i64,
    pub url: String,
    pub secret: String,
    pub body: String,
    pub attempts: u32,
}

const ALERT_SELECT: &str = "SELECT a.id, s.set_name, s.subject_id, s.name, a.entity_id,
        a.entity_name, a.matched_name, a.status, a.score, a.list_source, a.list_version,
        a.created_at, a.decided_by, a.reason, a.decided_at, a.explanation, a.record_hash
     FROM alerts a JOIN subjects s ON s.id = a.subject";

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn subject_from_row(row: &Row<'_>) -> rusqlite::Result<Subject> {
    Ok(Subject {
        row: row.get(0)?,
        set: row.get(1)?,
        id: row.get(2)?,
        name: row.get(3)?,
        schema: row.get(4)?,
        birth_date: row.get(5)?,
        nationality: row.get(6)?,
        id_number: row.get(7)?,
        updated_at: row.get(8)?,
    })
}

fn alert_from_row(row: &Row<'_>) -> rusqlite::Result<Alert> {
    let status: String = row.get(7)?;
    let explanation: String = row.get(15)?;
    Ok(Alert {
        id: row.get(0)?,
        set: row.get(1)?,
        subject_id: row.get(2)?,
        subject_name: row.get(3)?,
        entity_id: row.get(4)?,
        entity_name: row.get(5)?,
        matched_name: row.get(6)?,
        // The CHECK constraint admits only known statuses.
        status: status.parse().unwrap_or(AlertStatus::Open),
        score: row.get(8)?,
        list_source: row.get(9)?,
        list_version: row.get(10)?,
        created_at: row.get(11)?,
        decided_by: row.get(12)?,
        reason: row.get(13)?,
        decided_at: row.get(14)?,
        explanation: serde_json::from_str(&explanation).unwrap_or(serde_json::Value::Null),
        record_hash: row.get(16)?,
    })
}

fn alert_by_id(conn: &Connection, id: i64) -> Result<Option<Alert>, StoreError> {
    let sql = format!("{ALERT_SELECT} WHERE a.id = ?1");
    Ok(conn.query_row(&sql, [id], alert_from_row).optional()?)
}

impl Store {
    /// Inserts or updates (same set and id) subjects in one transaction and returns their
    /// row keys, in input order.
    pub fn upsert_subjects(
        &mut self,
        set: &str,
        subjects: &[SubjectFields],
    ) -> Result<Vec<i64>, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut rows = Vec::with_capacity(subjects.len());
        {
            let mut stmt = tx.prepare(
                "INSERT INTO subjects (set_name, subject_id, name, schema, birth_date,
                         nationality, id_number, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (set_name, subject_id) DO UPDATE SET
                     name = excluded.name, schema = excluded.schema,
                     birth_date = excluded.birth_date, nationality = excluded.nationality,
                     id_number = excluded.id_number, updated_at = excluded.updated_at
                 RETURNING id",
            )?;
            let at = now();
            for s in subjects {
                rows.push(stmt.query_row(
                    params![
                        set,
                        s.id,
                        s.name,
                        s.schema,
                        s.birth_date,
                        s.nationality,
                        s.id_number,
                        at
                    ],
                    |row| row.get(0),
                )?);
            }
        }
        tx.execute(
            "UPDATE monitor_meta SET value = value + 1 WHERE key = 'subjects_generation'",
            [],
        )?;
        tx.commit()?;
        Ok(rows)
    }

    /// Changes with every subjects import: a subject index built at one generation is
    /// stale at another.
    pub fn subjects_generation(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT value FROM monitor_meta WHERE key = 'subjects_generation'",
            [],
            |row| row.get(0),
        )?)
    }

    pub fn subject_count(&self) -> Result<u64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM subjects", [], |row| row.get(0))?)
    }

    /// Every subject, by row key.
    pub fn subjects(&self) -> Result<Vec<Subject>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, set_name, subject_id, name, schema, birth_date, nationality,
                    id_number, updated_at FROM subjects ORDER BY id",
        )?;
        let rows = stmt.query_map([], subject_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The subjects with these row keys (unknown keys are skipped).
    pub fn subjects_by_rows(&self, rows: &[i64]) -> Result<Vec<Subject>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, set_name, subject_id, name, schema, birth_date, nationality,
                    id_number, updated_at FROM subjects WHERE id = ?1",
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for &row in rows {
            if let Some(s) = stmt.query_row([row], subject_from_row).optional()? {
                out.push(s);
            }
        }
        Ok(out)
    }

    /// The current record of each listed entity (absent ids are not in any latest version).
    pub fn current_records(
        &self,
        entity_ids: &[&str],
    ) -> Result<HashMap<String, CurrentRecord>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT ve.record_hash, v.source, v.version FROM version_entities ve
             JOIN list_versions v ON v.id = ve.version_id
             WHERE ve.entity_id = ?1
               AND ve.version_id IN (SELECT MAX(id) FROM list_versions GROUP BY source)",
        )?;
        let mut out = HashMap::with_capacity(entity_ids.len());
        for &id in entity_ids {
            let found = stmt
                .query_row([id], |row| {
                    Ok(CurrentRecord {
                        record_hash: row.get(0)?,
                        source: row.get(1)?,
                        version: row.get(2)?,
                    })
                })
                .optional()?;
            if let Some(record) = found {
                out.insert(id.to_owned(), record);
            }
        }
        Ok(out)
    }

    /// The latest alert on a (subject, entity) pair, if any.
    pub fn pair_state(
        &self,
        subject: i64,
        entity_id: &str,
    ) -> Result<Option<PairState>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT status, record_hash FROM alerts WHERE subject = ?1 AND entity_id = ?2
             ORDER BY id DESC LIMIT 1",
        )?;
        Ok(stmt
            .query_row(params![subject, entity_id], |row| {
                let status: String = row.get(0)?;
                Ok(PairState {
                    status: status.parse().unwrap_or(AlertStatus::Open),
                    record_hash: row.get(1)?,
                })
            })
            .optional()?)
    }

    /// Stores new alerts and, in the same transaction, queues an `alert.created`
    /// notification for every configured webhook. Returns the stored alerts.
    pub fn insert_alerts(&mut self, alerts: &[NewAlert]) -> Result<Vec<Alert>, StoreError> {
        if alerts.is_empty() {
            return Ok(Vec::new());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let at = now();
        let mut ids = Vec::with_capacity(alerts.len());
        {
            let mut stmt = tx.prepare(
                "INSERT INTO alerts (subject, entity_id, record_hash, status, score,
                     entity_name, matched_name, explanation, list_source, list_version,
                     created_at)
                 VALUES (?1, ?2, ?3, 'open', ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for a in alerts {
                stmt.execute(params![
                    a.subject,
                    a.entity_id,
                    a.record_hash,
                    a.score,
                    a.entity_name,
                    a.matched_name,
                    a.explanation.to_string(),
                    a.list_source,
                    a.list_version,
                    at
                ])?;
                ids.push(tx.last_insert_rowid());
            }
        }
        let webhooks: Vec<i64> = {
            let mut stmt = tx.prepare("SELECT id FROM webhooks ORDER BY id")?;
            let rows = stmt.query_map([], |row| row.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        let mut stored = Vec::with_capacity(ids.len());
        {
            let mut enqueue = tx.prepare(
                "INSERT INTO webhook_outbox (webhook, body, next_attempt_at, created_at)
                 VALUES (?1, ?2, ?3, ?3)",
            )?;
            for id in ids {
                let alert = alert_by_id(&tx, id)?.ok_or_else(|| StoreError::Corrupt {
                    what: format!("alert {id}"),
                    message: "missing right after insert".into(),
                })?;
                if !webhooks.is_empty() {
                    let body = serde_json::json!({ "event": "alert.created", "alert": alert });
                    for webhook in &webhooks {
                        enqueue.execute(params![webhook, body.to_string(), at])?;
                    }
                }
                stored.push(alert);
            }
        }
        tx.commit()?;
        Ok(stored)
    }

    /// Marks open alerts on these entities `delisted`; returns how many.
    pub fn delist_alerts(&mut self, entity_ids: &[&str]) -> Result<u64, StoreError> {
        let tx = self.conn.transaction()?;
        let mut count = 0;
        {
            let mut stmt = tx.prepare(
                "UPDATE alerts SET status = 'delisted', decided_at = ?2
                 WHERE entity_id = ?1 AND status = 'open'",
            )?;
            let at = now();
            for id in entity_ids {
                count += stmt.execute(params![id, at])? as u64;
            }
        }
        tx.commit()?;
        Ok(count)
    }

    /// Row keys of subjects with an open alert on any of these entities.
    pub fn subjects_with_open_alerts(&self, entity_ids: &[&str]) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT subject FROM alerts WHERE entity_id = ?1 AND status = 'open'",
        )?;
        let mut out = Vec::new();
        for id in entity_ids {
            let rows = stmt.query_map([id], |row| row.get(0))?;
            for row in rows {
                out.push(row?);
            }
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    /// Alerts, newest first, optionally of one status.
    pub fn alerts(&self, status: Option<AlertStatus>) -> Result<Vec<Alert>, StoreError> {
        let sql = format!("{ALERT_SELECT} WHERE ?1 IS NULL OR a.status = ?1 ORDER BY a.id DESC");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([status.map(AlertStatus::as_str)], alert_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn alert(&self, id: i64) -> Result<Option<Alert>, StoreError> {
        alert_by_id(&self.conn, id)
    }

    /// Records an analyst's decision on an open alert. Deciding an alert that is not open
    /// (already decided, or delisted) is refused.
    pub fn decide_alert(
        &mut self,
        id: i64,
        decision: AlertStatus,
        reason: &str,
        decided_by: &str,
    ) -> Result<Alert, StoreError> {
        if !matches!(
            decision,
            AlertStatus::Confirmed | AlertStatus::FalsePositive
        ) {
            return Err(StoreError::Invalid(format!(
                "decision must be confirmed or false-positive, not {decision}"
            )));
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let alert =
            alert_by_id(&tx, id)?.ok_or_else(|| StoreError::Invalid(format!("no alert {id}")))?;
        if alert.status != AlertStatus::Open {
            return Err(StoreError::Invalid(format!(
                "alert {id} is {} (decided by {} at {}); only open alerts can be decided",
                alert.status,
                alert.decided_by.as_deref().unwrap_or("nobody"),
                alert.decided_at.as_deref().unwrap_or("-"),
            )));
        }
        tx.execute(
            "UPDATE alerts SET status = ?2, reason = ?3, decided_by = ?4, decided_at = ?5
             WHERE id = ?1",
            params![id, decision.as_str(), reason, decided_by, now()],
        )?;
        let alert = alert_by_id(&tx, id)?.ok_or_else(|| StoreError::Corrupt {
            what: format!("alert {id}"),
            message: "vanished during its decision".into(),
        })?;
        tx.commit()?;
        Ok(alert)
    }

    /// Adds (or, for a known URL, re-keys) a webhook.
    pub fn add_webhook(&mut self, url: &str, secret: &str) -> Result<Webhook, StoreError> {
        self.conn.execute(
            "INSERT INTO webhooks (url, secret, created_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (url) DO UPDATE SET secret = excluded.secret",
            params![url, secret, now()],
        )?;
        Ok(self.conn.query_row(
            "SELECT id, url, secret, created_at FROM webhooks WHERE url = ?1",
            [url],
            |row| {
                Ok(Webhook {
                    id: row.get(0)?,
                    url: row.get(1)?,
                    secret: row.get(2)?,
                    created_at: row.get(3)?,
                })
            },
        )?)
    }

    pub fn webhooks(&self) -> Result<Vec<Webhook>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, url, secret, created_at FROM webhooks ORDER BY id")?;
        let rows = stmt.query_map([], |row| {
            Ok(Webhook {
                id: row.get(0)?,
                url: row.get(1)?,
                secret: row.get(2)?,
                created_at: row.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Removes a webhook and its undelivered notifications; false when there was none.
    pub fn remove_webhook(&mut self, url: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .execute("DELETE FROM webhooks WHERE url = ?1", [url])?
            > 0)
    }

    /// Pending notifications whose next attempt is due at `now` (RFC 3339), oldest first.
    pub fn due_deliveries(&self, now: &str, limit: usize) -> Result<Vec<Delivery>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.id, w.url, w.secret, o.body, o.attempts FROM webhook_outbox o
             JOIN webhooks w ON w.id = o.webhook
             WHERE o.status = 'pending' AND o.next_attempt_at <= ?1
             ORDER BY o.id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![now, limit as i64], |row| {
            Ok(Delivery {
                id: row.get(0)?,
                url: row.get(1)?,
                secret: row.get(2)?,
                body: row.get(3)?,
                attempts: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The earliest next attempt among pending notifications (RFC 3339), if any.
    pub fn next_delivery_at(&self) -> Result<Option<String>, StoreError> {
        Ok(self.conn.query_row(
            "SELECT MIN(next_attempt_at) FROM webhook_outbox WHERE status = 'pending'",
            [],
            |row| row.get(0),
        )?)
    }

    pub fn mark_delivered(&mut self, id: i64) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE webhook_outbox SET status = 'delivered', attempts = attempts + 1,
                 delivered_at = ?2, last_error = NULL WHERE id = ?1",
            params![id, now()],
        )?;
        Ok(())
    }

    /// Records a failed attempt: retried at `next_attempt_at`, or given up (`failed`)
    /// when that is `None`.
    pub fn mark_attempt_failed(
        &mut self,
        id: i64,
        error: &str,
        next_attempt_at: Option<&str>,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE webhook_outbox SET attempts = attempts + 1, last_error = ?2,
                 status = CASE WHEN ?3 IS NULL THEN 'failed' ELSE 'pending' END,
                 next_attempt_at = COALESCE(?3, next_attempt_at)
             WHERE id = ?1",
            params![id, error, next_attempt_at],
        )?;
        Ok(())
    }

    /// Outbox counts by status: (pending, delivered, failed).
    pub fn outbox_counts(&self) -> Result<(u64, u64, u64), StoreError> {
        Ok(self.conn.query_row(
            "SELECT COALESCE(SUM(status = 'pending'), 0), COALESCE(SUM(status = 'delivered'), 0),
                    COALESCE(SUM(status = 'failed'), 0) FROM webhook_outbox",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )?)
    }
}
