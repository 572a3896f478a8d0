//! UN date fields: `YYYY-MM-DD` (sometimes with a zone suffix, `2001-10-06-04:00`), and the
//! birth-date blocks with their `TYPE_OF_DATE` variants and free-text notes.

use super::tree::Node;
use vigil_core::{DateSpec, PartialDate};

pub(crate) use crate::fields::iso_date as parse_date;

/// The birth date a `<INDIVIDUAL_DATE_OF_BIRTH>` block states.
///
/// `Ok(None)` for an empty block (`<TYPE_OF_DATE/>` alone, common in the files);
/// `Err` with the text when the block says something that is not a date we can read
/// (e.g. "30-35 years old", a Hijri date), so the caller can warn and keep the note.
pub(crate) fn birth_date(block: &Node) -> Result<Option<DateSpec>, String> {
    let kind = block.get("TYPE_OF_DATE").unwrap_or("").to_ascii_uppercase();
    let note = block.get("NOTE").unwrap_or("");
    let approximate = kind == "APPROXIMATELY" || note.eq_ignore_ascii_case("approximately");
    let year = |name: &str| -> Result<Option<PartialDate>, String> {
        match block.get(name) {
            None => Ok(None),
            Some(text) => parse_date(text)
                .map(Some)
                .ok_or_else(|| format!("{name} {text:?} is not a year")),
        }
    };

    if kind == "BETWEEN" {
        let (Some(from), Some(to)) = (year("FROM_YEAR")?, year("TO_YEAR")?) else {
            return Err("BETWEEN date without FROM_YEAR and TO_YEAR".into());
        };
        let (from, to) = if from <= to { (from, to) } else { (to, from) };
        // "Between 1955 and 1958, approximately": widen by a year each side, as Circa does.
        if approximate {
            let from = PartialDate::year(from.year.saturating_sub(1).max(1000));
            let to = PartialDate::year((to.year + 1).min(2999));
            return Ok(Some(DateSpec::Between { from, to }));
        }
        return Ok(Some(DateSpec::Between { from, to }));
    }

    let date = match (block.get("DATE"), year("YEAR")?) {
        (Some(text), _) => {
            Some(parse_date(text).ok_or_else(|| format!("DATE {text:?} is not a date"))?)
        }
        // `<YEAR>1958</YEAR><NOTE>Sep.</NOTE>`: the note names the month.
        (None, Some(year)) => Some(match month_of(note) {
            Some(m) => PartialDate::new(year.year, Some(m), None).unwrap_or(year),
            None => year,
        }),
        (None, None) => None,
    };
    let spec = match date {
        Some(date) => DateSpec::On { date },
        None if note.is_empty() => return Ok(None),
        None => from_note(note).ok_or_else(|| format!("birth date note {note:?}"))?,
    };
    Ok(Some(match spec {
        DateSpec::On { date } if approximate => DateSpec::Circa { date },
        other => other,
    }))
}

/// Dates the files give only as a note: "Nov. 1973", "August 1961",
/// "Between Aug. and Sep. 1977".
fn from_note(note: &str) -> Option<DateSpec> {
    let words: Vec<&str> = note.split_whitespace().collect();
    let year = parse_year(words.last()?)?;
    match words.as_slice() {
        [month, _] => Some(DateSpec::On {
            date: PartialDate::new(year, Some(month_of(month)?), None).ok()?,
        }),
        [between, from, and, to, _]
            if between.eq_ignore_ascii_case("between") && and.eq_ignore_ascii_case("and") =>
        {
            Some(DateSpec::Between {
                from: PartialDate::new(year, Some(month_of(from)?), None).ok()?,
                to: PartialDate::new(year, Some(month_of(to)?), None).ok()?,
            })
        }
        _ => None,
    }
}

fn parse_year(word: &str) -> Option<u16> {
    let date: PartialDate = word.parse().ok()?;
    (date.month.is_none()).then_some(date.year)
}

/// "Sep.", "Sept", "September", "sep" → 9.
fn month_of(word: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.trim().trim_end_matches('.').to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&word))
        .map(|i| i as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(fields: &[(&str, &str)]) -> Node {
        let mut node = Node::new("INDIVIDUAL_DATE_OF_BIRTH".into());
        for (name, text) in fields {
            let mut child = Node::new((*name).into());
            child.text = (*text).into();
            node.children.push(child);
        }
        node
    }

    fn date(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    #[test]
    fn reads_every_type_of_date() {
        let on = block(&[("TYPE_OF_DATE", "EXACT"), ("DATE", "1978-04-01")]);
        assert_eq!(birth_date(&on), Ok(Some(DateSpec::on(date("1978-04-01")))));
        let circa = block(&[("TYPE_OF_DATE", "APPROXIMATELY"), ("YEAR", "1971")]);
        assert_eq!(
            birth_date(&circa),
            Ok(Some(DateSpec::Circa { date: date("1971") }))
        );
        let between = block(&[
            ("TYPE_OF_DATE", "BETWEEN"),
            ("FROM_YEAR", "1960"),
            ("TO_YEAR", "1962"),
        ]);
        assert_eq!(
            birth_date(&between),
            Ok(Some(DateSpec::Between {
                from: date("1960"),
                to: date("1962")
            }))
        );
        assert_eq!(birth_date(&block(&[("TYPE_OF_DATE", "")])), Ok(None));
    }

    #[test]
    fn approximate_between_widens_by_a_year() {
        let b = block(&[
            ("TYPE_OF_DATE", "BETWEEN"),
            ("FROM_YEAR", "1955"),
            ("TO_YEAR", "1958"),
            ("NOTE", "Approximately"),
        ]);
        assert_eq!(
            birth_date(&b),
            Ok(Some(DateSpec::Between {
                from: date("1954"),
                to: date("1959")
            }))
        );
    }

    #[test]
    fn reads_month_notes() {
        let b = block(&[("TYPE_OF_DATE", "EXACT"), ("NOTE", "Nov. 1973")]);
        assert_eq!(birth_date(&b), Ok(Some(DateSpec::on(date("1973-11")))));
        let b = block(&[
            ("TYPE_OF_DATE", "EXACT"),
            ("YEAR", "1958"),
            ("NOTE", "Sep."),
        ]);
        assert_eq!(birth_date(&b), Ok(Some(DateSpec::on(date("1958-09")))));
        let b = block(&[
            ("TYPE_OF_DATE", "EXACT"),
            ("NOTE", "Between Aug. and Sep. 1977"),
        ]);
        assert_eq!(
            birth_date(&b),
            Ok(Some(DateSpec::Between {
                from: date("1977-08"),
                to: date("1977-09")
            }))
        );
        let b = block(&[
            ("TYPE_OF_DATE", "APPROXIMATELY"),
            ("NOTE", "30-35 years old"),
        ]);
        assert!(birth_date(&b).is_err());
    }

    #[test]
    fn dates_with_zone_suffix() {
        assert_eq!(parse_date("2001-10-06-04:00"), Some(date("2001-10-06")));
        assert_eq!(parse_date("not a date"), None);
        assert_eq!(month_of("Sept."), Some(9));
        assert_eq!(month_of("Ma"), None);
        assert_eq!(month_of("May"), Some(5));
    }
}
