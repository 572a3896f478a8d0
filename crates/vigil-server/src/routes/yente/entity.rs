//! yente's `EntityResponse`: a listed entity as FtM, with the dates yente reports.

use crate::state::Served;
use serde_json::{json, Value};
use vigil_core::ftm::FtmEntity;
use vigil_core::{Entity, PartialDate};

/// The entity as yente returns it. `first_seen` is the date the list gives for the
/// listing; `last_change` the list's last-updated date (else the listing date);
/// `last_seen` the import of the list version being served (also `last_change` when the
/// list gives no dates: the entity may have changed then).
pub fn entity_response(entity: &Entity, served: &Served) -> Value {
    let dates = Dates::of(entity, served);
    let mut response = json!(FtmEntity::from(entity));
    response["target"] = json!(true);
    response["first_seen"] = json!(dates.first_seen);
    response["last_seen"] = json!(dates.last_seen);
    response["last_change"] = json!(dates.last_change);
    response
}

/// yente's timestamps: ISO 8601 to the second, without a zone (UTC).
pub struct Dates {
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub last_change: Option<String>,
}

impl Dates {
    pub fn of(entity: &Entity, served: &Served) -> Dates {
        let imported = served
            .list(entity.source())
            .map(|l| l.imported_at.trim_end_matches('Z').to_owned());
        let first_seen = entity.listed_on.map(timestamp);
        let last_change = entity
            .last_updated
            .map(timestamp)
            .or_else(|| first_seen.clone())
            .or_else(|| imported.clone());
        Dates {
            first_seen,
            last_seen: imported,
            last_change,
        }
    }
}

/// A partial date as the first second it covers.
fn timestamp(date: PartialDate) -> String {
    let ((year, month, day), _) = date.bounds();
    format!("{year:04}-{month:02}-{day:02}T00:00:00")
}
