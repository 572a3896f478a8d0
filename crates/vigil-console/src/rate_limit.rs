//! Sign-in throttling: after [`MAX_FAILURES`] wrong attempts for one user name within
//! [`WINDOW`], further attempts for that name are refused until the window has passed,
//! whether or not the name exists (so the answer tells nothing about which names do).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const MAX_FAILURES: usize = 5;
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Names tracked at most; beyond it the oldest failures are forgotten first.
const MAX_TRACKED: usize = 10_000;

#[derive(Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

impl LoginLimiter {
    /// `Err(wait)` while the name is locked out.
    pub fn check(&self, name: &str) -> Result<(), Duration> {
        let map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let recent: Vec<&Instant> = map
            .get(&key(name))
            .map(|times| times.iter().filter(|t| t.elapsed() < WINDOW).collect())
            .unwrap_or_default();
        match recent.first() {
            Some(oldest) if recent.len() >= MAX_FAILURES => Err(WINDOW - oldest.elapsed()),
            _ => Ok(()),
        }
    }

    pub fn failed(&self, name: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= MAX_TRACKED {
            map.retain(|_, times| times.iter().any(|t| t.elapsed() < WINDOW));
        }
        if map.len() >= MAX_TRACKED {
            map.clear();
        }
        let times = map.entry(key(name)).or_default();
        times.retain(|t| t.elapsed() < WINDOW);
        times.push(Instant::now());
    }

    pub fn succeeded(&self, name: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(&key(name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_a_name_after_repeated_failures() {
        let limiter = LoginLimiter::default();
        for _ in 0..MAX_FAILURES {
            assert!(limiter.check("Ana").is_ok());
            limiter.failed("ana ");
        }
        assert!(limiter.check("ANA").is_err());
        assert!(limiter.check("bob").is_ok());
        limiter.succeeded("ana");
        assert!(limiter.check("ana").is_ok());
    }
}
