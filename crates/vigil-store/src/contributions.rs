//! Who wrote which shared objects: the agency (its publications and pulls) or a partner
//! (TAXII posts). Only an object's contributor may add or delete versions of it, and an
//! identity one contributor writes under cannot be claimed by another.

use crate::{Store, StoreError};
use rusqlite::{params, OptionalExtension};

/// Who wrote an object's versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contributor {
    /// This node's agency (`vigil share publish`, pulled objects).
    Agency,
    /// The partner of that name (TAXII `POST .../objects/`).
    Partner(String),
}

impl Contributor {
    pub fn is_partner(&self, name: &str) -> bool {
        matches!(self, Contributor::Partner(p) if p == name)
    }
}

impl std::fmt::Display for Contributor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Contributor::Agency => f.write_str("this agency"),
            Contributor::Partner(name) => write!(f, "partner {name}"),
        }
    }
}

impl Store {
    /// Who wrote the first stored version of this STIX id, in any collection; `None`
    /// when no version is stored.
    pub fn contributor_of(&self, stix_id: &str) -> Result<Option<Contributor>, StoreError> {
        let row: Option<Option<String>> = self
            .conn
            .prepare_cached(
                "SELECT contributor FROM taxii_objects WHERE stix_id = ?1 ORDER BY id LIMIT 1",
            )?
            .query_row([stix_id], |r| r.get(0))
            .optional()?;
        Ok(row.map(|c| c.map_or(Contributor::Agency, Contributor::Partner)))
    }

    /// Whether anyone but `partner` writes as `identity`: objects of the agency or another
    /// partner carry it as `created_by_ref`, or another partner has it on record.
    pub fn identity_taken(&self, identity: &str, partner: &str) -> Result<bool, StoreError> {
        let by_objects = self
            .conn
            .prepare_cached(
                "SELECT 1 FROM taxii_objects WHERE created_by = ?1 AND contributor IS NOT ?2",
            )?
            .exists(params![identity, partner])?;
        let by_partners = self
            .conn
            .prepare_cached("SELECT 1 FROM partners WHERE identity = ?1 AND name IS NOT ?2")?
            .exists(params![identity, partner])?;
        Ok(by_objects || by_partners)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NewObject;

    fn object(version: &str, created_by: &str) -> NewObject {
        NewObject {
            stix_id: "indicator--a".into(),
            object_type: "indicator".into(),
            spec_version: "2.1".into(),
            version: version.into(),
            tlp: 0,
            json: format!(r#"{{"id":"indicator--a","created_by_ref":"{created_by}"}}"#),
        }
    }

    #[test]
    fn contributors_identities_and_the_agency_replacing_a_squatter() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        store.ensure_collection("c1", "inbox", "I").unwrap();
        assert_eq!(store.contributor_of("indicator--a").unwrap(), None);
        let v1 = "2024-01-01T00:00:00.000000Z";
        store
            .add_objects("c1", &[object(v1, "identity--p")], Some("p"))
            .unwrap();
        let owner = store.contributor_of("indicator--a").unwrap().unwrap();
        assert!(owner.is_partner("p") && !owner.is_partner("q"));
        assert!(!store.identity_taken("identity--p", "p").unwrap());
        assert!(store.identity_taken("identity--p", "q").unwrap());
        // The agency publishing the same id drops the partner's versions.
        let v2 = "2024-02-01T00:00:00.000000Z";
        store
            .add_objects("c1", &[object(v2, "identity--agency")], None)
            .unwrap();
        assert_eq!(
            store.contributor_of("indicator--a").unwrap(),
            Some(Contributor::Agency)
        );
        assert!(store.identity_taken("identity--agency", "p").unwrap());
    }
}
