//! The import guard: a new version that delists much of a list, or is older than the one
//! stored, is far likelier a broken download than a real change, and importing it would
//! silently stop screening against the entities it drops. Such a version is refused
//! unless the caller says the shrink is intended (`--allow-shrink`, `allow_shrink=true`).

use crate::read::VersionRow;
use crate::record::Record;
use crate::StoreError;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use std::collections::{HashMap, HashSet};
use vigil_lists::ParsedList;

/// The largest share of the stored list a new version may remove without
/// [`ImportPolicy::allow_shrink`]: 5 %.
pub const MAX_REMOVED_PERCENT: u64 = 5;

/// What an import may do beyond adding and changing entities.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportPolicy {
    /// Accept a version that removes more than [`MAX_REMOVED_PERCENT`] of the list or
    /// whose file date is earlier than the stored version's.
    pub allow_shrink: bool,
}

/// Refuses `list` against the latest stored version unless the policy allows it.
pub(crate) fn check(
    policy: ImportPolicy,
    latest: &VersionRow,
    list: &ParsedList,
    records: &[Record],
    previous: &HashMap<String, String>,
) -> Result<(), StoreError> {
    if policy.allow_shrink {
        return Ok(());
    }
    let source = list.source.clone();
    let current: HashSet<&str> = records.iter().map(|r| r.id.as_str()).collect();
    let removed = previous
        .keys()
        .filter(|id| !current.contains(id.as_str()))
        .count() as u64;
    let stored = previous.len() as u64;
    if removed * 100 > stored * MAX_REMOVED_PERCENT {
        return Err(StoreError::Shrink {
            list: source,
            version: latest.version.version,
            stored,
            removed,
            remaining: records.len() as u64,
        });
    }
    let stored_date = latest.version.file_date.as_deref();
    if let (Some(old), Some(new)) = (stored_date, list.file_date.as_deref()) {
        if let (Some(old_at), Some(new_at)) = (instant(old), instant(new)) {
            if new_at < old_at {
                return Err(StoreError::DateBackwards {
                    list: source,
                    version: latest.version.version,
                    stored: old.to_owned(),
                    new: new.to_owned(),
                });
            }
        }
    }
    Ok(())
}

/// A file date as written (`2026-02-27T00:00:09.554Z`, `2018-10-29T19:09:49.856-04:00`,
/// `2026-02-27`) as an instant; `None` when it cannot be read, so no order is claimed.
fn instant(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&Utc));
    }
    if let Ok(at) = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(at.and_utc());
    }
    let date = NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_dates_compare_as_instants() {
        let utc = instant("2026-02-27T00:00:09.554Z").unwrap();
        let offset = instant("2018-10-29T19:09:49.856-04:00").unwrap();
        assert!(offset < utc);
        assert!(instant("2026-02-27").unwrap() < utc);
        assert!(instant("2026-02-27T10:00:00").unwrap() > utc);
        assert_eq!(instant("last Tuesday"), None);
    }
}
