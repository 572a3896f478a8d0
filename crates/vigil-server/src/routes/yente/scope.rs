//! Which served entities a yente request may return: the dataset in the path (`default`
//! for all) and the query's filters, with dataset names resolved against the served lists.

use super::params::Filters;
use crate::error::ApiError;
use crate::state::Served;
use vigil_core::{ftm_dataset_name, Entity};

pub struct Scope {
    /// The path's dataset, `None` for `default`.
    dataset: Option<String>,
    filters: Filters,
}

impl Scope {
    /// Refuses an unknown path dataset (404, as yente) and unknown dataset names in the
    /// filters (400: a filter naming nothing served would silently filter nothing).
    pub fn new(served: &Served, dataset: &str, filters: &Filters) -> Result<Scope, ApiError> {
        let dataset = match dataset {
            "default" => None,
            name => {
                Some(resolve(served, name).ok_or_else(|| ApiError::not_found("No such dataset."))?)
            }
        };
        let mut filters = filters.clone();
        for names in [&mut filters.include_dataset, &mut filters.exclude_dataset] {
            for name in names.iter_mut() {
                *name = resolve(served, name).ok_or_else(|| {
                    let known: Vec<String> = served
                        .lists
                        .iter()
                        .map(|l| ftm_dataset_name(&l.source))
                        .collect();
                    ApiError::bad_request(format!(
                        "unknown dataset {name:?}; served: {}",
                        known.join(", ")
                    ))
                })?;
            }
        }
        Ok(Scope { dataset, filters })
    }

    pub fn keeps(&self, entity: &Entity, last_change: Option<&str>) -> bool {
        let dataset = ftm_dataset_name(entity.source());
        self.dataset.as_ref().is_none_or(|d| *d == dataset)
            && self.filters.keeps(entity, &dataset, last_change)
    }
}

/// The FtM dataset name of the served list called `name` (by source or dataset name).
fn resolve(served: &Served, name: &str) -> Option<String> {
    served.list(name).map(|l| ftm_dataset_name(&l.source))
}
