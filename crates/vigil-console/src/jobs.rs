//! Batch screening jobs: a CSV's queries screened on a blocking thread while the page polls
//! its progress; results kept in memory for their owner to download. The most recent
//! [`MAX_JOBS`] are kept.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use vigil_match::Match;
use vigil_server::ScreenQuery;

const MAX_JOBS: usize = 50;

pub struct Job {
    pub id: String,
    pub owner: String,
    pub file_name: String,
    pub queries: Vec<ScreenQuery>,
    pub done: AtomicUsize,
    pub finished: AtomicBool,
    /// One entry per query, in input order, once finished.
    pub results: Mutex<Vec<Vec<Match>>>,
}

impl Job {
    pub fn total(&self) -> usize {
        self.queries.len()
    }

    pub fn is_finished(&self) -> bool {
        self.finished.load(Ordering::Acquire)
    }

    /// The query id a hit row carries: the CSV's `id` column, else the 1-based row number.
    pub fn query_id(&self, index: usize) -> String {
        self.queries[index]
            .id
            .clone()
            .unwrap_or_else(|| (index + 1).to_string())
    }
}

#[derive(Default)]
pub struct Jobs {
    jobs: Mutex<VecDeque<Arc<Job>>>,
}

impl Jobs {
    pub fn add(&self, job: Job) -> Arc<Job> {
        let job = Arc::new(job);
        let mut jobs = self.jobs.lock().unwrap_or_else(|e| e.into_inner());
        if jobs.len() >= MAX_JOBS {
            jobs.pop_front();
        }
        jobs.push_back(job.clone());
        job
    }

    /// The job with this id, only for its owner.
    pub fn get(&self, id: &str, owner: &str) -> Option<Arc<Job>> {
        let jobs = self.jobs.lock().unwrap_or_else(|e| e.into_inner());
        jobs.iter()
            .find(|j| j.id == id && j.owner == owner)
            .cloned()
    }

    pub fn of(&self, owner: &str) -> Vec<Arc<Job>> {
        let jobs = self.jobs.lock().unwrap_or_else(|e| e.into_inner());
        jobs.iter()
            .rev()
            .filter(|j| j.owner == owner)
            .cloned()
            .collect()
    }
}
