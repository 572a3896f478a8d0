//! The exit status of every screening command (`screen`, `compare`, `travel`, `payments`,
//! `scan`), defined once so scripts can branch on it. The most serious outcome wins.

use anyhow::bail;
use serde_json::Value;
use std::process::ExitCode;
use vigil_match::DEFAULT_THRESHOLD;

/// The text `--help` of each screening command ends with.
pub const EXIT_STATUS_HELP: &str = "\
Exit status (the most serious outcome wins, in this order):
  4  hit: a match at or above the hit threshold (or a listed document number)
  1  error: the input, or part of it, could not be read or screened (nothing unread is clear)
  3  review: a match at or above the alert threshold, below the hit threshold
  0  clear: nothing at or above the alert threshold
  2  usage error: an unknown flag or a missing argument";

/// The hit threshold of every screening command unless `--hit-threshold` says otherwise.
pub const DEFAULT_HIT_THRESHOLD: f64 = 0.90;

/// The two thresholds of `screen`, `compare` and `scan`.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct Thresholds {
    /// A match scoring at or above this needs review (lower-scoring results are not shown;
    /// 0 shows every candidate).
    #[arg(long, default_value_t = DEFAULT_THRESHOLD)]
    pub threshold: f64,
    /// A match scoring at or above this is a hit.
    #[arg(long, default_value_t = DEFAULT_HIT_THRESHOLD)]
    pub hit_threshold: f64,
}

impl Thresholds {
    pub fn check(&self) -> anyhow::Result<()> {
        for (flag, value) in [
            ("--threshold", self.threshold),
            ("--hit-threshold", self.hit_threshold),
        ] {
            if !(0.0..=1.0).contains(&value) {
                bail!("{flag} must be between 0 and 1, got {value}");
            }
        }
        if self.threshold > self.hit_threshold {
            bail!(
                "--threshold ({}) must not exceed --hit-threshold ({})",
                self.threshold,
                self.hit_threshold
            );
        }
        Ok(())
    }

    /// The verdict of a best score (`None`: nothing found).
    pub fn verdict(&self, best: Option<f64>) -> Verdict {
        match best {
            Some(s) if s >= self.hit_threshold => Verdict::Hit,
            Some(s) if s >= self.threshold => Verdict::Review,
            _ => Verdict::Clear,
        }
    }
}

/// A screening's verdict, in increasing seriousness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    Clear,
    Review,
    Hit,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Clear => "clear",
            Verdict::Review => "review",
            Verdict::Hit => "hit",
        }
    }

    /// The exit status; `errors` says some of the input could not be screened.
    pub fn exit_code(self, errors: bool) -> ExitCode {
        match (self, errors) {
            (Verdict::Hit, _) => ExitCode::from(4),
            (_, true) => ExitCode::FAILURE,
            (Verdict::Review, false) => ExitCode::from(3),
            (Verdict::Clear, false) => ExitCode::SUCCESS,
        }
    }
}

impl From<vigil_formats::travel::Verdict> for Verdict {
    fn from(v: vigil_formats::travel::Verdict) -> Verdict {
        match v {
            vigil_formats::travel::Verdict::Clear => Verdict::Clear,
            vigil_formats::travel::Verdict::Review => Verdict::Review,
            vigil_formats::travel::Verdict::Hit => Verdict::Hit,
        }
    }
}

/// Notes a screening's verdict and summary for the audit trail and gives its exit status.
pub fn finish(
    ctx: &crate::context::Context,
    verdict: Verdict,
    errors: bool,
    mut summary: Value,
) -> ExitCode {
    if let Value::Object(map) = &mut summary {
        map.insert("outcome".into(), verdict.name().into());
        map.insert("errors".into(), errors.into());
    }
    ctx.note(summary);
    verdict.exit_code(errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_serious_outcome_wins() {
        assert_eq!(Verdict::Hit.exit_code(true), ExitCode::from(4));
        assert_eq!(Verdict::Review.exit_code(true), ExitCode::FAILURE);
        assert_eq!(Verdict::Review.exit_code(false), ExitCode::from(3));
        assert_eq!(Verdict::Clear.exit_code(false), ExitCode::SUCCESS);
        let t = Thresholds {
            threshold: 0.8,
            hit_threshold: 0.9,
        };
        assert_eq!(t.verdict(Some(0.95)), Verdict::Hit);
        assert_eq!(t.verdict(Some(0.85)), Verdict::Review);
        assert_eq!(t.verdict(Some(0.5)), Verdict::Clear);
        assert_eq!(t.verdict(None), Verdict::Clear);
        assert!(t.check().is_ok());
        let backwards = Thresholds {
            threshold: 0.95,
            hit_threshold: 0.9,
        };
        assert!(backwards.check().is_err());
        assert!(Verdict::Hit > Verdict::Review && Verdict::Review > Verdict::Clear);
    }
}
