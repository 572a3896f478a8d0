//! Intelligence-sharing persistence: partners and their grants, TAXII collections, STIX
//! object versions, POST status records, what this node published, and pull progress.
//! The STIX and TAXII logic (TLP, mapping, HTTP) lives in `vigil-share`; this module only
//! stores and selects. TLP levels are ranks here: 0 clear, 1 green, 2 amber,
//! 3 amber+strict, 4 red.

use crate::{Store, StoreError};
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, TransactionBehavior};

/// A partner agency allowed to use this node's TAXII server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partner {
    pub id: i64,
    pub name: String,
    pub user: String,
    /// The public part of the partner's password (see `vigil-share`'s credentials).
    pub key_id: String,
    /// PHC string of the password hash.
    pub password_hash: String,
    pub max_tlp: u8,
    pub created_at: String,
    /// The STIX identity the partner writes as; when set, its posts must carry it as
    /// `created_by_ref`.
    pub identity: Option<String>,
}

/// A partner to create; the password is already hashed.
#[derive(Debug, Clone)]
pub struct NewPartner {
    pub name: String,
    pub user: String,
    pub key_id: String,
    pub password_hash: String,
    pub max_tlp: u8,
    pub identity: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxiiCollection {
    pub id: String,
    pub alias: String,
    pub title: String,
    pub description: Option<String>,
    pub created_at: String,
}

/// What one partner may do with one collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub collection: TaxiiCollection,
    pub can_read: bool,
    pub can_write: bool,
}

/// One stored version of a STIX object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredObject {
    /// Row id: increases with `date_added`, used for paging.
    pub row: i64,
    pub stix_id: String,
    pub object_type: String,
    pub spec_version: String,
    /// Normalised `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
    pub version: String,
    pub date_added: String,
    pub tlp: u8,
    pub json: String,
}

/// An object version to add to a collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewObject {
    pub stix_id: String,
    pub object_type: String,
    pub spec_version: String,
    pub version: String,
    pub tlp: u8,
    pub json: String,
}

/// Which versions of each object a query selects (TAXII `match[version]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionMatch {
    Last,
    First,
    All,
    /// A normalised version timestamp.
    At(String),
}

/// A page query over one collection. Every filter is ANDed; values inside one filter are
/// ORed. Objects above `max_tlp` are never returned.
#[derive(Debug, Clone)]
pub struct ObjectQuery {
    pub collection: String,
    pub max_tlp: u8,
    /// Only rows after this row id (the paging cursor).
    pub after_row: i64,
    /// Only versions added after this normalised timestamp.
    pub added_after: Option<String>,
    pub ids: Vec<String>,
    pub types: Vec<String>,
    pub spec_versions: Vec<String>,
    /// Empty means `Last`.
    pub versions: Vec<VersionMatch>,
    pub limit: usize,
}

/// The content last published for one object of this node's own lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub stix_id: String,
    pub source: String,
    pub entity_id: Option<String>,
    pub content_hash: String,
    pub created: String,
    pub modified: String,
    pub json: String,
    pub tlp: u8,
}

/// Status records are kept a week (TAXII asks for at least 24 hours).
const STATUS_KEEP_DAYS: i64 = 7;

fn now_micros() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.6fZ")
        .to_string()
}

fn partner_from_row(row: &Row<'_>) -> rusqlite::Result<Partner> {
    Ok(Partner {
        id: row.get(0)?,
        name: row.get(1)?,
        user: row.get(2)?,
        key_id: row.get(3)?,
        password_hash: row.get(4)?,
        max_tlp: row.get(5)?,
        created_at: row.get(6)?,
        identity: row.get(7)?,
    })
}

const PARTNER_SELECT: &str =
    "SELECT id, name, user_name, key_id, password_hash, max_tlp, created_at, identity FROM partners";

fn collection_from_row(row: &Row<'_>) -> rusqlite::Result<TaxiiCollection> {
    Ok(TaxiiCollection {
        id: row.get(0)?,
        alias: row.get(1)?,
        title: row.get(2)?,
        description: row.get(3)?,
        created_at: row.get(4)?,
    })
}

fn object_from_row(row: &Row<'_>) -> rusqlite::Result<StoredObject> {
    Ok(StoredObject {
        row: row.get(0)?,
        stix_id: row.get(1)?,
        object_type: row.get(2)?,
        spec_version: row.get(3)?,
        version: row.get(4)?,
        date_added: row.get(5)?,
        tlp: row.get(6)?,
        json: row.get(7)?,
    })
}

/// A `date_added` later than every stored one: now, or 1 µs after the latest when the
/// clock has not moved on. Unique dates keep `added_after` resumption exact.
fn next_date_added(conn: &Connection) -> Result<String, StoreError> {
    let last: Option<String> =
        conn.query_row("SELECT MAX(date_added) FROM taxii_objects", [], |r| {
            r.get(0)
        })?;
    let now = now_micros();
    let Some(last) = last.filter(|last| *last >= now) else {
        return Ok(now);
    };
    let parsed = chrono::DateTime::parse_from_rfc3339(&last).map_err(|e| StoreError::Corrupt {
        what: "taxii_objects.date_added".into(),
        message: format!("{last:?}: {e}"),
    })?;
    let next = parsed.with_timezone(&chrono::Utc) + chrono::Duration::microseconds(1);
    Ok(next.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string())
}

/// Adds object versions written by `contributor` (`None`: this agency). The agency's
/// versions of an id replace any a partner wrote under it, so a partner that guessed an id
/// before the agency published it cannot keep a version the agency's readers would get.
fn add_objects_in(
    conn: &Connection,
    collection: &str,
    objects: &[NewObject],
    contributor: Option<&str>,
) -> Result<Vec<bool>, StoreError> {
    let mut drop_partner_versions = conn.prepare_cached(
        "DELETE FROM taxii_objects WHERE stix_id = ?1 AND contributor IS NOT NULL",
    )?;
    let mut exists = conn.prepare_cached(
        "SELECT 1 FROM taxii_objects WHERE collection = ?1 AND stix_id = ?2 AND version = ?3",
    )?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO taxii_objects (collection, stix_id, type, spec_version, version,
             date_added, tlp, json, contributor, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, json_extract(?8, '$.created_by_ref'))",
    )?;
    let mut added = Vec::with_capacity(objects.len());
    for o in objects {
        if contributor.is_none() {
            drop_partner_versions.execute([&o.stix_id])?;
        }
        if exists.exists(params![collection, o.stix_id, o.version])? {
            added.push(false);
            continue;
        }
        let date_added = next_date_added(conn)?;
        insert.execute(params![
            collection,
            o.stix_id,
            o.object_type,
            o.spec_version,
            o.version,
            date_added,
            o.tlp,
            o.json,
            contributor
        ])?;
        added.push(true);
    }
    Ok(added)
}

impl Store {
    pub fn add_partner(&mut self, partner: &NewPartner) -> Result<Partner, StoreError> {
        let name = partner.name.trim();
        if name.is_empty() || name.contains(':') {
            return Err(StoreError::Invalid(format!(
                "partner name {name:?}: must be non-empty and contain no ':'"
            )));
        }
        let inserted = self.conn.execute(
            "INSERT INTO partners (name, user_name, key_id, password_hash, max_tlp, created_at,
                 identity) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
            params![
                name,
                partner.user,
                partner.key_id,
                partner.password_hash,
                partner.max_tlp,
                chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                partner.identity
            ],
        )?;
        if inserted == 0 {
            return Err(StoreError::Invalid(format!(
                "a partner named {name:?} (or with user {:?}) already exists",
                partner.user
            )));
        }
        self.partner(name)?
            .ok_or_else(|| StoreError::Invalid(format!("partner {name:?} vanished")))
    }

    pub fn partner(&self, name: &str) -> Result<Option<Partner>, StoreError> {
        let sql = format!("{PARTNER_SELECT} WHERE name = ?1");
        Ok(self
            .conn
            .query_row(&sql, [name], partner_from_row)
            .optional()?)
    }

    pub fn partner_by_user(&self, user: &str) -> Result<Option<Partner>, StoreError> {
        let sql = format!("{PARTNER_SELECT} WHERE user_name = ?1");
        Ok(self
            .conn
            .query_row(&sql, [user], partner_from_row)
            .optional()?)
    }

    pub fn partner_by_key_id(&self, key_id: &str) -> Result<Option<Partner>, StoreError> {
        let sql = format!("{PARTNER_SELECT} WHERE key_id = ?1");
        Ok(self
            .conn
            .query_row(&sql, [key_id], partner_from_row)
            .optional()?)
    }

    pub fn partners(&self) -> Result<Vec<Partner>, StoreError> {
        let sql = format!("{PARTNER_SELECT} ORDER BY name");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], partner_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Removes a partner and its grants; false when there is none of that name.
    pub fn remove_partner(&mut self, name: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .execute("DELETE FROM partners WHERE name = ?1", [name])?
            > 0)
    }

    /// The collection with this alias, created with `id` and `title` when missing.
    pub fn ensure_collection(
        &mut self,
        id: &str,
        alias: &str,
        title: &str,
    ) -> Result<TaxiiCollection, StoreError> {
        if alias.trim().is_empty() {
            return Err(StoreError::Invalid(
                "a collection needs a non-empty name".into(),
            ));
        }
        self.conn.execute(
            "INSERT INTO taxii_collections (id, alias, title, created_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT DO NOTHING",
            params![
                id,
                alias,
                title,
                chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            ],
        )?;
        self.collection(alias)?.ok_or_else(|| {
            StoreError::Invalid(format!(
                "collection {alias:?}: its id {id} is taken by another collection"
            ))
        })
    }

    /// The collection with this id or alias.
    pub fn collection(&self, id_or_alias: &str) -> Result<Option<TaxiiCollection>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, alias, title, description, created_at FROM taxii_collections
                 WHERE id = ?1 OR alias = ?1 ORDER BY id = ?1 DESC LIMIT 1",
                [id_or_alias],
                collection_from_row,
            )
            .optional()?)
    }

    pub fn collections(&self) -> Result<Vec<TaxiiCollection>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, alias, title, description, created_at FROM taxii_collections
             ORDER BY alias",
        )?;
        let rows = stmt.query_map([], collection_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Sets what a partner may do with a collection (replacing an earlier grant).
    pub fn grant(
        &mut self,
        partner: &str,
        collection_id: &str,
        can_read: bool,
        can_write: bool,
    ) -> Result<(), StoreError> {
        let partner = self
            .partner(partner)?
            .ok_or_else(|| StoreError::Invalid(format!("no partner named {partner:?}")))?;
        self.conn.execute(
            "INSERT INTO partner_grants (partner, collection, can_read, can_write)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (partner, collection) DO UPDATE SET
                 can_read = excluded.can_read, can_write = excluded.can_write",
            params![partner.id, collection_id, can_read, can_write],
        )?;
        Ok(())
    }

    /// Every grant a partner holds, by collection alias.
    pub fn grants(&self, partner_id: i64) -> Result<Vec<Grant>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.alias, c.title, c.description, c.created_at, g.can_read, g.can_write
             FROM partner_grants g JOIN taxii_collections c ON c.id = g.collection
             WHERE g.partner = ?1 ORDER BY c.alias",
        )?;
        let rows = stmt.query_map([partner_id], |row| {
            Ok(Grant {
                collection: collection_from_row(row)?,
                can_read: row.get(5)?,
                can_write: row.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds object versions in one transaction, written by `contributor` (a partner's
    /// name; `None` for this agency). An (id, version) already in the collection is left
    /// as is (re-posting is idempotent). Returns, per object, whether it was new. Who may
    /// write which ids is the caller's check ([`Store::contributor_of`]).
    pub fn add_objects(
        &mut self,
        collection: &str,
        objects: &[NewObject],
        contributor: Option<&str>,
    ) -> Result<Vec<bool>, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let added = add_objects_in(&tx, collection, objects, contributor)?;
        tx.commit()?;
        Ok(added)
    }

    /// One page of object versions, oldest added first; at most `limit + 1` rows so the
    /// caller can tell whether more follow.
    pub fn query_objects(&self, q: &ObjectQuery) -> Result<Vec<StoredObject>, StoreError> {
        let mut args: Vec<SqlValue> = vec![SqlValue::Text(q.collection.clone())];
        let mut inner = String::from("collection = ?1");
        let mut push_in = |column: &str, values: &[String], clause: &mut String| {
            if values.is_empty() {
                return;
            }
            let start = args.len() + 1;
            let marks: Vec<String> = (0..values.len())
                .map(|i| format!("?{}", start + i))
                .collect();
            clause.push_str(&format!(" AND {column} IN ({})", marks.join(",")));
            args.extend(values.iter().cloned().map(SqlValue::Text));
        };
        // Filtering by id and type inside the window keeps every version of each selected
        // object, so first/last stay right.
        push_in("stix_id", &q.ids, &mut inner);
        push_in("type", &q.types, &mut inner);
        // An object whose latest version is above the reader's TLP is hidden whole: its
        // older, lower-marked versions too (docs/sharing.md).
        let mut outer = String::from("tlp <= ? AND tlp_last <= ?");
        let mut outer_args = vec![
            SqlValue::Integer(i64::from(q.max_tlp)),
            SqlValue::Integer(i64::from(q.max_tlp)),
            SqlValue::Integer(q.after_row),
        ];
        outer.push_str(" AND id > ?");
        if let Some(after) = &q.added_after {
            outer.push_str(" AND date_added > ?");
            outer_args.push(SqlValue::Text(after.clone()));
        }
        if !q.spec_versions.is_empty() {
            let marks = vec!["?"; q.spec_versions.len()].join(",");
            outer.push_str(&format!(" AND spec_version IN ({marks})"));
            outer_args.extend(q.spec_versions.iter().cloned().map(SqlValue::Text));
        }
        let versions = if q.versions.is_empty() {
            &[VersionMatch::Last][..]
        } else {
            &q.versions[..]
        };
        if !versions.contains(&VersionMatch::All) {
            let mut alternatives = Vec::new();
            for v in versions {
                match v {
                    VersionMatch::Last => alternatives.push("rn_last = 1".to_owned()),
                    VersionMatch::First => alternatives.push("rn_first = 1".to_owned()),
                    VersionMatch::At(at) => {
                        alternatives.push("version = ?".to_owned());
                        outer_args.push(SqlValue::Text(at.clone()));
                    }
                    VersionMatch::All => {}
                }
            }
            outer.push_str(&format!(" AND ({})", alternatives.join(" OR ")));
        }
        // Positional `?` after numbered ones continue from the highest number used.
        args.extend(outer_args);
        args.push(SqlValue::Integer(q.limit as i64 + 1));
        let sql = format!(
            "SELECT id, stix_id, type, spec_version, version, date_added, tlp, json FROM (
                 SELECT *,
                     ROW_NUMBER() OVER (PARTITION BY stix_id ORDER BY version DESC) AS rn_last,
                     ROW_NUMBER() OVER (PARTITION BY stix_id ORDER BY version ASC) AS rn_first,
                     FIRST_VALUE(tlp) OVER (PARTITION BY stix_id ORDER BY version DESC)
                         AS tlp_last
                 FROM taxii_objects WHERE {inner}
             ) WHERE {outer} ORDER BY id LIMIT ?"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), object_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Deletes the given versions of one object (every version when `versions` is empty)
    /// at or below `max_tlp`; returns how many were deleted.
    pub fn delete_object(
        &mut self,
        collection: &str,
        stix_id: &str,
        max_tlp: u8,
        versions: &[VersionMatch],
    ) -> Result<usize, StoreError> {
        let selected = self.query_objects(&ObjectQuery {
            collection: collection.to_owned(),
            max_tlp,
            after_row: 0,
            added_after: None,
            ids: vec![stix_id.to_owned()],
            types: Vec::new(),
            spec_versions: Vec::new(),
            versions: if versions.is_empty() {
                vec![VersionMatch::All]
            } else {
                versions.to_vec()
            },
            limit: usize::MAX >> 2,
        })?;
        let tx = self.conn.transaction()?;
        for o in &selected {
            tx.execute("DELETE FROM taxii_objects WHERE id = ?1", [o.row])?;
        }
        tx.commit()?;
        Ok(selected.len())
    }

    /// Stores a status resource for the partner that posted, dropping expired ones.
    pub fn put_taxii_status(
        &mut self,
        id: &str,
        partner_id: i64,
        json: &str,
    ) -> Result<(), StoreError> {
        let cutoff = (chrono::Utc::now() - chrono::Duration::days(STATUS_KEEP_DAYS))
            .format("%Y-%m-%dT%H:%M:%S%.6fZ")
            .to_string();
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM taxii_status WHERE created_at < ?1", [cutoff])?;
        tx.execute(
            "INSERT INTO taxii_status (id, partner, created_at, json) VALUES (?1, ?2, ?3, ?4)",
            params![id, partner_id, now_micros(), json],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// A status resource, only for the partner that created it.
    pub fn taxii_status(&self, id: &str, partner_id: i64) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT json FROM taxii_status WHERE id = ?1 AND partner = ?2",
                params![id, partner_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// What was last published into a collection from `source` (every source when `None`).
    pub fn published(
        &self,
        collection: &str,
        source: Option<&str>,
    ) -> Result<Vec<Published>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT stix_id, source, entity_id, content_hash, created, modified, json, tlp
             FROM share_published WHERE collection = ?1 AND (?2 IS NULL OR source = ?2)
             ORDER BY stix_id",
        )?;
        let rows = stmt.query_map(params![collection, source], |row| {
            Ok(Published {
                stix_id: row.get(0)?,
                source: row.get(1)?,
                entity_id: row.get(2)?,
                content_hash: row.get(3)?,
                created: row.get(4)?,
                modified: row.get(5)?,
                json: row.get(6)?,
                tlp: row.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Publishes new object versions and records them as published, in one transaction.
    /// `objects[i]` is the served version of `published[i]`. Returns how many were new.
    pub fn publish(
        &mut self,
        collection: &str,
        objects: &[NewObject],
        published: &[Published],
    ) -> Result<usize, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let added = add_objects_in(&tx, collection, objects, None)?;
        {
            let mut upsert = tx.prepare(
                "INSERT INTO share_published (collection, stix_id, source, entity_id,
                     content_hash, created, modified, json, tlp)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (collection, stix_id) DO UPDATE SET
                     source = excluded.source, entity_id = excluded.entity_id,
                     content_hash = excluded.content_hash, modified = excluded.modified,
                     json = excluded.json, tlp = excluded.tlp",
            )?;
            for p in published {
                upsert.execute(params![
                    collection,
                    p.stix_id,
                    p.source,
                    p.entity_id,
                    p.content_hash,
                    p.created,
                    p.modified,
                    p.json,
                    p.tlp
                ])?;
            }
        }
        tx.commit()?;
        Ok(added.into_iter().filter(|a| *a).count())
    }

    /// Where the last pull of a partner's collection stopped.
    pub fn pull_state(
        &self,
        partner: &str,
        collection: &str,
    ) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT added_after FROM share_pull_state WHERE partner = ?1 AND collection = ?2",
                params![partner, collection],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub fn set_pull_state(
        &mut self,
        partner: &str,
        collection: &str,
        added_after: &str,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO share_pull_state (partner, collection, added_after, pulled_at)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (partner, collection) DO UPDATE SET
                 added_after = excluded.added_after, pulled_at = excluded.pulled_at",
            params![partner, collection, added_after, now_micros()],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(id: &str, version: &str, tlp: u8) -> NewObject {
        NewObject {
            stix_id: id.to_owned(),
            object_type: "identity".to_owned(),
            spec_version: "2.1".to_owned(),
            version: version.to_owned(),
            tlp,
            json: format!(r#"{{"id":"{id}","modified":"{version}"}}"#),
        }
    }

    fn query(max_tlp: u8, versions: Vec<VersionMatch>) -> ObjectQuery {
        ObjectQuery {
            collection: "c1".into(),
            max_tlp,
            after_row: 0,
            added_after: None,
            ids: Vec::new(),
            types: Vec::new(),
            spec_versions: Vec::new(),
            versions,
            limit: 100,
        }
    }

    #[test]
    fn versions_tlp_and_idempotent_adds() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        store.ensure_collection("c1", "designations", "D").unwrap();
        let v1 = "2024-01-01T00:00:00.000000Z";
        let v2 = "2024-02-01T00:00:00.000000Z";
        let added = store
            .add_objects(
                "c1",
                &[
                    object("identity--a", v1, 0),
                    object("identity--a", v2, 0),
                    object("identity--r", v1, 4),
                ],
                None,
            )
            .unwrap();
        assert_eq!(added, vec![true, true, true]);
        // Re-posting the same id and version stores nothing.
        assert_eq!(
            store
                .add_objects("c1", &[object("identity--a", v1, 0)], None)
                .unwrap(),
            vec![false]
        );

        let last = store.query_objects(&query(2, vec![])).unwrap();
        assert_eq!(
            last.len(),
            1,
            "the red object is hidden from an amber reader"
        );
        assert_eq!(last[0].version, v2);
        let first = store
            .query_objects(&query(2, vec![VersionMatch::First]))
            .unwrap();
        assert_eq!(first[0].version, v1);
        assert_eq!(
            store
                .query_objects(&query(4, vec![VersionMatch::All]))
                .unwrap()
                .len(),
            3
        );
        // Dates added are unique and increase with the row id.
        let all = store
            .query_objects(&query(4, vec![VersionMatch::All]))
            .unwrap();
        assert!(all.windows(2).all(|w| w[0].date_added < w[1].date_added));

        assert_eq!(store.delete_object("c1", "identity--r", 2, &[]).unwrap(), 0);
        assert_eq!(store.delete_object("c1", "identity--r", 4, &[]).unwrap(), 1);
    }

    #[test]
    fn partners_grants_and_status_privacy() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let new = |name: &str| NewPartner {
            name: name.into(),
            user: format!("{name}-user"),
            key_id: format!("{name}-key"),
            password_hash: "$argon2id$fake".into(),
            max_tlp: 2,
            identity: None,
        };
        let a = store.add_partner(&new("a")).unwrap();
        let b = store.add_partner(&new("b")).unwrap();
        assert!(store.add_partner(&new("a")).is_err());
        assert!(store.add_partner(&new("x:y")).is_err());
        let c = store.ensure_collection("c1", "designations", "D").unwrap();
        store.grant("a", &c.id, true, false).unwrap();
        assert_eq!(store.grants(a.id).unwrap().len(), 1);
        assert!(store.grants(b.id).unwrap().is_empty());
        store.put_taxii_status("s1", a.id, "{}").unwrap();
        assert!(store.taxii_status("s1", a.id).unwrap().is_some());
        assert!(store.taxii_status("s1", b.id).unwrap().is_none());
        assert!(store.remove_partner("a").unwrap());
        assert!(store.partner_by_user("a-user").unwrap().is_none());
    }
}
