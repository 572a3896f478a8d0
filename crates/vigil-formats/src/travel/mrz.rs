//! ICAO Doc 9303 machine-readable zones: TD1 (3×30), TD2 (2×36), TD3 passports (2×44) and
//! visas MRV-A (2×44) and MRV-B (2×36), with every check digit verified.

use super::dates::{self, Century, Day};
use super::traveller::{travel_country, Role, TravelDocument, Traveller};
use serde::Serialize;
use vigil_core::{Country, PartialDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MrzFormat {
    Td1,
    Td2,
    Td3,
    MrvA,
    MrvB,
}

impl MrzFormat {
    pub fn name(self) -> &'static str {
        match self {
            MrzFormat::Td1 => "TD1",
            MrzFormat::Td2 => "TD2",
            MrzFormat::Td3 => "TD3",
            MrzFormat::MrvA => "MRV-A",
            MrzFormat::MrvB => "MRV-B",
        }
    }
}

/// One check digit: the field it protects, what the MRZ says and what the field computes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckDigit {
    pub field: &'static str,
    pub found: char,
    pub computed: char,
    pub valid: bool,
}

/// A read MRZ. Fields are filled even when check digits fail, so an analyst sees both.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mrz {
    pub format: MrzFormat,
    /// `P` passport, `I`/`A`/`C` identity cards, `V` visa (second letter kept: `PD`, `ID`).
    pub document_code: String,
    /// The issuing state as written (`UTO`), with its ISO alpha-2 code when it has one.
    pub issuing_state: Option<Country>,
    pub surname: String,
    pub given_names: String,
    pub document_number: String,
    pub nationality: Option<Country>,
    pub birth_date: Option<PartialDate>,
    /// `M`, `F` or `X`; `None` for `<` (unspecified).
    pub sex: Option<String>,
    pub expiry_date: Option<PartialDate>,
    /// Personal number (TD3) or optional data, fillers removed.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub optional_data: String,
    pub checks: Vec<CheckDigit>,
    /// Other defects: a date that is no calendar date, a sex code that is none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
}

impl Mrz {
    /// True when every check digit holds and nothing else is wrong.
    pub fn is_valid(&self) -> bool {
        self.checks.iter().all(|c| c.valid) && self.problems.is_empty()
    }

    /// The failed check digits and other problems, one sentence each.
    pub fn failures(&self) -> Vec<String> {
        let checks = self.checks.iter().filter(|c| !c.valid).map(|c| {
            format!(
                "check digit for {} is {:?}, expected {:?}",
                c.field, c.found, c.computed
            )
        });
        checks.chain(self.problems.iter().cloned()).collect()
    }

    /// The holder as a traveller to screen.
    pub fn traveller(&self) -> Traveller {
        let mut t = Traveller::new(Role::Passenger);
        t.surname = self.surname.clone();
        t.given_names = self.given_names.clone();
        t.gender = self.sex.clone();
        t.birth_date = self.birth_date;
        t.nationality = self.nationality.clone();
        if !self.document_number.is_empty() {
            t.documents.push(self.document());
        }
        t
    }

    /// The document this MRZ is printed on.
    pub fn document(&self) -> TravelDocument {
        TravelDocument {
            kind: self.document_code.clone(),
            number: self.document_number.clone(),
            expires: self.expiry_date,
            issuing_country: self.issuing_state.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MrzError {
    #[error("an MRZ has 2 lines of 44 (passport, MRV-A) or 36 (TD2, MRV-B) characters, or 3 lines of 30 (TD1); got {0}")]
    Shape(String),
    #[error("the name field holds only fillers (<): no holder to screen")]
    NoName,
    #[error("line {line}, column {column}: {found:?} is not an MRZ character (A-Z, 0-9, <)")]
    Character {
        line: usize,
        column: usize,
        found: char,
    },
}

/// Reads an MRZ given as lines (or one string with line breaks), resolving two-digit years
/// against today.
pub fn parse<S: AsRef<str>>(lines: &[S]) -> Result<Mrz, MrzError> {
    parse_at(lines, dates::today())
}

/// As [`parse`], with birth dates resolved into the past and expiry dates into a window
/// around `today`.
pub fn parse_at<S: AsRef<str>>(lines: &[S], today: Day) -> Result<Mrz, MrzError> {
    let lines = normalise(lines)?;
    let lens: Vec<usize> = lines.iter().map(|l| l.len()).collect();
    let first = lines[0].as_bytes()[0];
    let format = match lens.as_slice() {
        [30, 30, 30] => MrzFormat::Td1,
        [44, 44] if first == b'V' => MrzFormat::MrvA,
        [44, 44] => MrzFormat::Td3,
        [36, 36] if first == b'V' => MrzFormat::MrvB,
        [36, 36] => MrzFormat::Td2,
        _ => {
            return Err(MrzError::Shape(format!(
                "{} line(s) of {}",
                lines.len(),
                lens.iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            )))
        }
    };
    let mut r = Reader {
        checks: Vec::new(),
        problems: Vec::new(),
    };
    let l1 = lines[0].as_str();
    let l2 = lines[1].as_str();
    let (name_field, number, nationality, birth, sex, expiry, optional) = match format {
        MrzFormat::Td1 => {
            let l3 = lines[2].as_str();
            let number = r.td1_document_number(l1);
            r.check("birth date", &l2[0..6], l2.as_bytes()[6]);
            r.check("expiry date", &l2[8..14], l2.as_bytes()[14]);
            let composite = format!("{}{}{}{}", &l1[5..30], &l2[0..7], &l2[8..15], &l2[18..29]);
            r.check("composite (whole zone)", &composite, l2.as_bytes()[29]);
            let optional = format!("{}{}", &l1[15..30], &l2[18..29]);
            (
                l3,
                number,
                &l2[15..18],
                &l2[0..6],
                l2.as_bytes()[7],
                &l2[8..14],
                optional,
            )
        }
        _ => {
            let len = l2.len();
            r.check("document number", &l2[0..9], l2.as_bytes()[9]);
            r.check("birth date", &l2[13..19], l2.as_bytes()[19]);
            r.check("expiry date", &l2[21..27], l2.as_bytes()[27]);
            let optional = match format {
                MrzFormat::Td3 => {
                    r.check("personal number", &l2[28..42], l2.as_bytes()[42]);
                    let composite = format!("{}{}{}", &l2[0..10], &l2[13..20], &l2[21..43]);
                    r.check("composite (whole zone)", &composite, l2.as_bytes()[43]);
                    &l2[28..42]
                }
                MrzFormat::Td2 => {
                    let composite = format!("{}{}{}", &l2[0..10], &l2[13..20], &l2[21..35]);
                    r.check("composite (whole zone)", &composite, l2.as_bytes()[35]);
                    &l2[28..35]
                }
                // Visas carry no composite check digit.
                _ => &l2[28..len],
            };
            (
                &l1[5..],
                unfill(&l2[0..9]),
                &l2[10..13],
                &l2[13..19],
                l2.as_bytes()[20],
                &l2[21..27],
                optional.to_owned(),
            )
        }
    };
    let (surname, given_names) = split_name(name_field);
    if surname.is_empty() && given_names.is_empty() {
        return Err(MrzError::NoName);
    }
    let birth_date = r.date("birth date", birth, Century::Past, today);
    let expiry_date = r.date("expiry date", expiry, Century::Expiry, today);
    // Both are mandatory (ICAO 9303); a zone of fillers there is unreadable, not valid.
    if number.is_empty() {
        r.problems.push("no document number".into());
    }
    if expiry.bytes().all(|b| b == b'<') {
        r.problems.push("no expiry date".into());
    }
    let sex = match sex {
        b'M' | b'F' | b'X' => Some((sex as char).to_string()),
        b'<' => None,
        other => {
            r.problems
                .push(format!("sex {:?} is not M, F, X or <", other as char));
            None
        }
    };
    Ok(Mrz {
        format,
        document_code: unfill(&l1[0..2]),
        issuing_state: travel_country(&l1[2..5]),
        surname,
        given_names,
        document_number: number,
        nationality: travel_country(nationality),
        birth_date,
        sex,
        expiry_date,
        optional_data: optional
            .replace('<', " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        checks: r.checks,
        problems: r.problems,
    })
}

/// Upper-cases, trims and checks the characters; accepts the lines joined into one string
/// (the MRZ length then tells where they break).
fn normalise<S: AsRef<str>>(lines: &[S]) -> Result<Vec<String>, MrzError> {
    let mut out: Vec<String> = lines
        .iter()
        .flat_map(|l| {
            l.as_ref()
                .lines()
                .map(|s| s.trim().to_ascii_uppercase())
                .collect::<Vec<_>>()
        })
        .filter(|l| !l.is_empty())
        .collect();
    if out.len() == 1 {
        let width = match out[0].len() {
            90 => 30,
            88 => 44,
            72 => 36,
            _ => 0,
        };
        if width > 0 {
            let joined = std::mem::take(&mut out[0]);
            out = joined
                .as_bytes()
                .chunks(width)
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect();
        }
    }
    if out.is_empty() {
        return Err(MrzError::Shape("nothing".into()));
    }
    for (i, line) in out.iter().enumerate() {
        if let Some((col, found)) = line
            .chars()
            .enumerate()
            .find(|(_, c)| !(c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '<'))
        {
            return Err(MrzError::Character {
                line: i + 1,
                column: col + 1,
                found,
            });
        }
    }
    Ok(out)
}

struct Reader {
    checks: Vec<CheckDigit>,
    problems: Vec<String>,
}

impl Reader {
    fn check(&mut self, field: &'static str, data: &str, found: u8) {
        let computed = (b'0' + check_digit(data)) as char;
        // An empty optional field may carry `<` as its check digit.
        let valid = found as char == computed || (found == b'<' && data.bytes().all(|b| b == b'<'));
        self.checks.push(CheckDigit {
            field,
            found: found as char,
            computed,
            valid,
        });
    }

    /// TD1 document number: 9 characters and a check digit, or, when longer, the first 9,
    /// `<` in the check position, and the rest plus its check digit in the optional data.
    fn td1_document_number(&mut self, l1: &str) -> String {
        let b = l1.as_bytes();
        if b[14] == b'<' && b[15] != b'<' {
            let extra = &l1[15..30];
            let end = extra.find('<').unwrap_or(extra.len());
            if end >= 2 {
                let number = format!("{}{}", &l1[5..14], &extra[..end - 1]);
                self.check("document number", &number, extra.as_bytes()[end - 1]);
                return number;
            }
        }
        self.check("document number", &l1[5..14], b[14]);
        unfill(&l1[5..14])
    }

    fn date(
        &mut self,
        field: &str,
        value: &str,
        century: Century,
        today: Day,
    ) -> Option<PartialDate> {
        if value.bytes().all(|b| b == b'<') {
            return None;
        }
        match dates::yymmdd(value, century, today) {
            Ok(d) => Some(d),
            Err(e) => {
                self.problems.push(format!("{field}: {e}"));
                None
            }
        }
    }
}

/// ICAO 9303 check digit: values (0-9, A=10..Z=35, `<`=0) weighted 7, 3, 1, sum mod 10.
pub fn check_digit(data: &str) -> u8 {
    let sum: u32 = data
        .bytes()
        .zip([7u32, 3, 1].iter().cycle())
        .map(|(b, w)| {
            let v = match b {
                b'0'..=b'9' => u32::from(b - b'0'),
                b'A'..=b'Z' => u32::from(b - b'A') + 10,
                _ => 0,
            };
            v * w
        })
        .sum();
    (sum % 10) as u8
}

fn unfill(s: &str) -> String {
    s.trim_end_matches('<').replace('<', " ")
}

/// `ERIKSSON<<ANNA<MARIA<<<` → ("ERIKSSON", "ANNA MARIA").
fn split_name(field: &str) -> (String, String) {
    let words = |s: &str| {
        s.split('<')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    match field.split_once("<<") {
        Some((surname, given)) => (words(surname), words(given)),
        None => (words(field), String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Day = (2026, 3, 1);

    #[test]
    fn check_digits_of_the_specimen() {
        assert_eq!(check_digit("L898902C3"), 6);
        assert_eq!(check_digit("740812"), 2);
        assert_eq!(check_digit("120415"), 9);
        assert_eq!(check_digit("ZE184226B<<<<<"), 1);
    }

    #[test]
    fn td3_specimen() {
        let m = parse_at(
            &[
                "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
            ],
            TODAY,
        )
        .unwrap();
        assert_eq!(m.format, MrzFormat::Td3);
        assert!(m.is_valid(), "{:?}", m.failures());
        assert_eq!(
            (m.surname.as_str(), m.given_names.as_str()),
            ("ERIKSSON", "ANNA MARIA")
        );
        assert_eq!(m.document_number, "L898902C3");
        assert_eq!(m.birth_date.unwrap().to_string(), "1974-08-12");
        assert_eq!(m.expiry_date.unwrap().to_string(), "2012-04-15");
        assert_eq!(m.optional_data, "ZE184226B");
        assert_eq!(m.issuing_state.as_ref().unwrap().text, "UTO");
        assert_eq!(m.sex.as_deref(), Some("F"));
    }

    #[test]
    fn joined_lines_and_lower_case() {
        let joined = "p<utoeriksson<<anna<maria<<<<<<<<<<<<<<<<<<<L898902C36UTO7408122F1204159ZE184226B<<<<<10";
        assert!(parse_at(&[joined], TODAY).unwrap().is_valid());
    }

    #[test]
    fn shape_and_character_errors() {
        assert!(matches!(
            parse_at(&["P<UTO"], TODAY),
            Err(MrzError::Shape(_))
        ));
        let e = parse_at(
            &[
                "P<UTOERIKSSON<<ANNA MARIA<<<<<<<<<<<<<<<<<<<",
                "x".repeat(44).as_str(),
            ],
            TODAY,
        )
        .unwrap_err();
        assert_eq!(
            e,
            MrzError::Character {
                line: 1,
                column: 20,
                found: ' '
            }
        );
        assert!(parse_at::<&str>(&[], TODAY).is_err());
    }
}
