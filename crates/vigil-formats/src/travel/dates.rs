//! Travel dates: EDIFACT DTM values (YYMMDD, CCYYMMDD, with or without a time) and MRZ
//! YYMMDD, whose two-digit years are resolved against a reference day.

use chrono::Datelike;
use vigil_core::PartialDate;

/// A full calendar day as (year, month, day): orders chronologically.
pub type Day = (u16, u8, u8);

/// Today's date (UTC): the reference when a manifest gives no flight date.
pub fn today() -> Day {
    let now = chrono::Utc::now().date_naive();
    (now.year() as u16, now.month() as u8, now.day() as u8)
}

/// How to choose the century of a two-digit year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Century {
    /// Birth dates: the latest century that does not put the date after the reference day.
    Past,
    /// Expiry dates: 20YY unless that is more than 50 years after the reference day.
    Expiry,
    /// Flight dates: always 20YY.
    Recent,
}

/// A date and the time of day when the value had one (`HHMM`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    pub date: PartialDate,
    pub time: Option<(u8, u8)>,
}

/// Parses a DTM value with its format code (101 YYMMDD, 102 CCYYMMDD, 201 YYMMDDHHMM,
/// 203 CCYYMMDDHHMM); without a code the length decides.
pub fn parse_dtm(
    value: &str,
    format: &str,
    century: Century,
    reference: Day,
) -> Result<DateTime, String> {
    let value = value.trim();
    if !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("date {value:?} has characters other than digits"));
    }
    let (four_digit_year, with_time) = match (format, value.len()) {
        ("101", 6) | ("", 6) => (false, false),
        ("102", 8) | ("", 8) => (true, false),
        ("201", 10) | ("", 10) => (false, true),
        ("203", 12) | ("", 12) => (true, true),
        _ => {
            return Err(format!(
                "date {value:?} does not fit format {:?} (YYMMDD, CCYYMMDD, YYMMDDHHMM or CCYYMMDDHHMM)",
                if format.is_empty() { "by length" } else { format }
            ))
        }
    };
    let year_len = if four_digit_year { 4 } else { 2 };
    let date = if four_digit_year {
        full_date(num(&value[..4]), num(&value[4..6]), num(&value[6..8]))?
    } else {
        yymmdd(&value[..6], century, reference)?
    };
    let time = if with_time {
        let rest = &value[year_len + 4..];
        let (h, m) = (num(&rest[..2]) as u8, num(&rest[2..4]) as u8);
        if h > 23 || m > 59 {
            return Err(format!("time {rest:?} in {value:?} is not a time of day"));
        }
        Some((h, m))
    } else {
        None
    };
    Ok(DateTime { date, time })
}

/// Resolves `YYMMDD` (six ASCII digits) to a full date.
pub fn yymmdd(value: &str, century: Century, reference: Day) -> Result<PartialDate, String> {
    if value.len() != 6 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("date {value:?} is not YYMMDD"));
    }
    let (yy, month, day) = (num(&value[..2]), num(&value[2..4]), num(&value[4..6]));
    let year = match century {
        Century::Recent => 2000 + yy,
        Century::Past => {
            if (2000 + yy as u16, month as u8, day as u8) <= reference {
                2000 + yy
            } else {
                1900 + yy
            }
        }
        Century::Expiry => {
            if 2000 + yy > u32::from(reference.0) + 50 {
                1900 + yy
            } else {
                2000 + yy
            }
        }
    };
    full_date(year, month, day).map_err(|e| format!("date {value:?}: {e}"))
}

fn full_date(year: u32, month: u32, day: u32) -> Result<PartialDate, String> {
    PartialDate::new(year as u16, Some(month as u8), Some(day as u8)).map_err(|e| {
        format!(
            "{year:04}-{month:02}-{day:02} is not a calendar date ({})",
            e.reason
        )
    })
}

/// The day of a full date, for comparisons.
pub fn day_of(date: &PartialDate) -> Option<Day> {
    Some((date.year, date.month?, date.day?))
}

/// Callers pass only ASCII digits.
fn num(digits: &str) -> u32 {
    digits.bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FLIGHT: Day = (2026, 3, 1);

    #[test]
    fn birth_years_never_after_the_flight() {
        let d = yymmdd("651123", Century::Past, FLIGHT).unwrap();
        assert_eq!(d.to_string(), "1965-11-23");
        assert_eq!(yymmdd("260301", Century::Past, FLIGHT).unwrap().year, 2026);
        assert_eq!(yymmdd("260302", Century::Past, FLIGHT).unwrap().year, 1926);
        assert_eq!(yymmdd("051231", Century::Past, FLIGHT).unwrap().year, 2005);
    }

    #[test]
    fn expiry_window() {
        assert_eq!(
            yymmdd("120415", Century::Expiry, FLIGHT).unwrap().year,
            2012
        );
        assert_eq!(
            yymmdd("750101", Century::Expiry, FLIGHT).unwrap().year,
            2075
        );
        assert_eq!(
            yymmdd("990101", Century::Expiry, FLIGHT).unwrap().year,
            1999
        );
    }

    #[test]
    fn dtm_formats() {
        let dt = parse_dtm("2603011230", "201", Century::Recent, FLIGHT).unwrap();
        assert_eq!(dt.date.to_string(), "2026-03-01");
        assert_eq!(dt.time, Some((12, 30)));
        let dt = parse_dtm("19651123", "102", Century::Past, FLIGHT).unwrap();
        assert_eq!(dt.date.to_string(), "1965-11-23");
        assert!(parse_dtm("651323", "", Century::Past, FLIGHT).is_err());
        assert!(parse_dtm("6511", "", Century::Past, FLIGHT).is_err());
        assert!(parse_dtm("19651123", "101", Century::Past, FLIGHT).is_err());
        assert!(parse_dtm("2603012560", "201", Century::Recent, FLIGHT).is_err());
        assert!(parse_dtm("65-1-23", "", Century::Past, FLIGHT).is_err());
    }
}
