//! Partial dates (year, year-month, full date) and the date specifications lists give:
//! exact, "circa", and ranges ("between 1964 and 1966").

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date {input:?}: expected YYYY, YYYY-MM or YYYY-MM-DD ({reason})")]
pub struct DateError {
    pub input: String,
    pub reason: &'static str,
}

impl PartialDate {
    pub fn year(year: u16) -> PartialDate {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    /// Builds a date, checking month and day ranges (including leap years).
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Result<PartialDate, DateError> {
        let err = |reason| DateError {
            input: format!("{year}-{month:?}-{day:?}"),
            reason,
        };
        if !(1000..=2999).contains(&year) {
            return Err(err("year out of range 1000-2999"));
        }
        if day.is_some() && month.is_none() {
            return Err(err("a day needs a month"));
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(err("month out of range"));
            }
            if let Some(d) = day {
                if d == 0 || d > days_in_month(year, m) {
                    return Err(err("day out of range for the month"));
                }
            }
        }
        Ok(PartialDate { year, month, day })
    }

    /// The first and last full dates this partial date may stand for, as (y, m, d) tuples.
    pub fn bounds(&self) -> ((u16, u8, u8), (u16, u8, u8)) {
        match (self.month, self.day) {
            (Some(m), Some(d)) => ((self.year, m, d), (self.year, m, d)),
            (Some(m), None) => (
                (self.year, m, 1),
                (self.year, m, days_in_month(self.year, m)),
            ),
            _ => ((self.year, 1, 1), (self.year, 12, 31)),
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = |reason| DateError {
            input: s.to_owned(),
            reason,
        };
        let s = s.trim();
        let mut parts = s.split('-');
        let mut number = |len: usize, what: &'static str| -> Result<Option<u32>, DateError> {
            match parts.next() {
                None => Ok(None),
                Some(p) if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) => {
                    Ok(Some(p.parse().map_err(|_| err(what))?))
                }
                Some(_) => Err(err(what)),
            }
        };
        let year = number(4, "year must be four digits")?.ok_or_else(|| err("empty"))?;
        let month = number(2, "month must be two digits")?;
        let day = number(2, "day must be two digits")?;
        if parts.next().is_some() {
            return Err(err("too many parts"));
        }
        PartialDate::new(year as u16, month.map(|m| m as u8), day.map(|d| d as u8)).map_err(|e| {
            DateError {
                input: s.to_owned(),
                reason: e.reason,
            }
        })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A date as a list states it: on a (partial) date, about a date, or within a range.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DateSpec {
    On { date: PartialDate },
    Circa { date: PartialDate },
    Between { from: PartialDate, to: PartialDate },
}

impl DateSpec {
    pub fn on(date: PartialDate) -> DateSpec {
        DateSpec::On { date }
    }

    /// Earliest and latest full dates the specification allows. "Circa" widens by a year
    /// on each side, the usual reading of "approximately" in sanctions lists.
    pub fn bounds(&self) -> ((u16, u8, u8), (u16, u8, u8)) {
        match self {
            DateSpec::On { date } => date.bounds(),
            DateSpec::Circa { date } => {
                let (lo, hi) = date.bounds();
                ((lo.0.saturating_sub(1), lo.1, lo.2), (hi.0 + 1, hi.1, hi.2))
            }
            DateSpec::Between { from, to } => (from.bounds().0, to.bounds().1),
        }
    }
}

impl fmt::Display for DateSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateSpec::On { date } => write!(f, "{date}"),
            DateSpec::Circa { date } => write!(f, "circa {date}"),
            DateSpec::Between { from, to } => write!(f, "{from} to {to}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_partial_forms() {
        assert_eq!(
            "1950".parse::<PartialDate>().unwrap(),
            PartialDate::year(1950)
        );
        let d: PartialDate = "1950-06-05".parse().unwrap();
        assert_eq!((d.year, d.month, d.day), (1950, Some(6), Some(5)));
        assert!("1950-02-30".parse::<PartialDate>().is_err());
        assert!("2000-02-29".parse::<PartialDate>().is_ok());
        assert!("1900-02-29".parse::<PartialDate>().is_err());
        assert!("50".parse::<PartialDate>().is_err());
        assert!("1950-6".parse::<PartialDate>().is_err());
        assert!("".parse::<PartialDate>().is_err());
    }

    #[test]
    fn circa_widens_bounds() {
        let spec = DateSpec::Circa {
            date: PartialDate::year(1970),
        };
        assert_eq!(spec.bounds(), ((1969, 1, 1), (1971, 12, 31)));
        let json = serde_json::to_string(&spec).unwrap();
        assert_eq!(json, r#"{"type":"circa","date":"1970"}"#);
    }

    proptest! {
        #[test]
        fn display_round_trips(y in 1000u16..2999, m in 1u8..=12, d in 1u8..=28) {
            let date = PartialDate::new(y, Some(m), Some(d)).unwrap();
            prop_assert_eq!(date.to_string().parse::<PartialDate>().unwrap(), date);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,20}") {
            let _ = s.parse::<PartialDate>();
        }
    }
}
