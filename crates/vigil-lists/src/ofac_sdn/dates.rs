//! OFAC writes dates as `31 Aug 1960`, `Aug 1960` or `1960`, and date specifications as
//! `circa 1960`, `1960 to 1965` (and once `circa 1979-1982`).

use vigil_core::{DateSpec, PartialDate};

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// `31 Aug 1960`, `Aug 1960`, `1960`. Month names may be abbreviated or written out.
pub(super) fn parse_date(text: &str) -> Option<PartialDate> {
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.as_slice() {
        [year] => PartialDate::new(year_of(year)?, None, None).ok(),
        [month, year] => PartialDate::new(year_of(year)?, Some(month_of(month)?), None).ok(),
        [day, month, year] => {
            let day = day.parse::<u8>().ok()?;
            PartialDate::new(year_of(year)?, Some(month_of(month)?), Some(day)).ok()
        }
        _ => None,
    }
}

/// A date specification as it follows `DOB`: a date, `circa <date>` or `<date> to <date>`.
pub(super) fn parse_spec(text: &str) -> Option<DateSpec> {
    let text = text.trim();
    if let Some(rest) = text.strip_prefix("circa ") {
        // `circa 1979-1982`: a range the source was unsure about; the range already
        // expresses the uncertainty.
        if let Some(range) = year_range(rest) {
            return Some(range);
        }
        return parse_date(rest).map(|date| DateSpec::Circa { date });
    }
    if let Some((from, to)) = text.split_once(" to ") {
        let (from, to) = (parse_date(from)?, parse_date(to)?);
        return (from <= to).then_some(DateSpec::Between { from, to });
    }
    parse_date(text)
        .map(DateSpec::on)
        .or_else(|| year_range(text))
}

fn year_range(text: &str) -> Option<DateSpec> {
    let (from, to) = text.trim().split_once('-')?;
    let from = PartialDate::new(year_of(from)?, None, None).ok()?;
    let to = PartialDate::new(year_of(to)?, None, None).ok()?;
    (from <= to).then_some(DateSpec::Between { from, to })
}

fn year_of(word: &str) -> Option<u16> {
    if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) {
        word.parse().ok()
    } else {
        None
    }
}

fn month_of(word: &str) -> Option<u8> {
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| word.starts_with(m) && full_month_name(m).starts_with(&word))
        .map(|i| i as u8 + 1)
}

fn full_month_name(abbrev: &str) -> &'static str {
    match abbrev {
        "jan" => "january",
        "feb" => "february",
        "mar" => "march",
        "apr" => "april",
        "may" => "may",
        "jun" => "june",
        "jul" => "july",
        "aug" => "august",
        "sep" => "september",
        "oct" => "october",
        "nov" => "november",
        _ => "december",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: u16, m: Option<u8>, d: Option<u8>) -> PartialDate {
        PartialDate::new(y, m, d).unwrap()
    }

    #[test]
    fn parses_ofac_dates() {
        assert_eq!(
            parse_date("31 Aug 1960"),
            Some(date(1960, Some(8), Some(31)))
        );
        assert_eq!(parse_date("Aug 1960"), Some(date(1960, Some(8), None)));
        assert_eq!(parse_date("1960"), Some(date(1960, None, None)));
        assert_eq!(
            parse_date("10 October 1969"),
            Some(date(1969, Some(10), Some(10)))
        );
        assert_eq!(parse_date("31 Feb 1960"), None);
        assert_eq!(parse_date("Augx 1960"), None);
        assert_eq!(parse_date("60"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn parses_specs() {
        assert_eq!(
            parse_spec("circa 1960"),
            Some(DateSpec::Circa {
                date: date(1960, None, None)
            })
        );
        assert_eq!(
            parse_spec("1960 to 1965"),
            Some(DateSpec::Between {
                from: date(1960, None, None),
                to: date(1965, None, None)
            })
        );
        assert_eq!(
            parse_spec("circa 1979-1982"),
            Some(DateSpec::Between {
                from: date(1979, None, None),
                to: date(1982, None, None)
            })
        );
        assert_eq!(parse_spec("1965 to 1960"), None);
        assert_eq!(
            parse_spec("01 Jan 1958"),
            Some(DateSpec::on(date(1958, Some(1), Some(1))))
        );
    }
}
