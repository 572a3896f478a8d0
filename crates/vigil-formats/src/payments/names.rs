//! A party's name as the message writes it, which may run past its first line: MT103
//! field 59 (no option letter) and 50K are up to four free lines of name and address, and
//! a name too long for one line goes on ("HAJI KHAIRULA HAJI SATAR" / "MONEY EXCHANGE").
//! ISO 20022 data migrated from MT does the same with `Nm` and the first `AdrLine`.
//!
//! As SWIFT screening engines do, the first line is screened alone and, when the next line
//! does not look like an address, the two lines joined as well.

use super::model::Party;

/// Words that start or mark an address line rather than a name.
const ADDRESS_WORDS: &[&str] = &[
    "AVE", "AVENUE", "BLDG", "BLOCK", "BLVD", "BOX", "BUILDING", "FLAT", "FLOOR", "HOUSE", "LANE",
    "NO", "PO", "P.O.", "POB", "RD", "ROAD", "SECTOR", "ST", "ST.", "STR", "STREET", "SUITE",
    "TOWER", "UNIT", "STRASSE", "RUE", "CALLE", "VIA",
];

/// The first name line joined with the next one, when that line reads as the name's
/// continuation rather than an address.
pub fn continued_name(party: &Party) -> Option<String> {
    let name = party.name.as_deref()?.trim();
    let next = party.address.lines.first()?.trim();
    if name.is_empty() || next.is_empty() || looks_like_address(next) {
        return None;
    }
    Some(format!("{name} {next}"))
}

/// A digit (house number, post code), a country/town line (`PK/LAHORE`) or an address word.
fn looks_like_address(line: &str) -> bool {
    if line.chars().any(|c| c.is_ascii_digit()) || line.contains('/') || line.contains(',') {
        return true;
    }
    line.split_whitespace()
        .any(|w| ADDRESS_WORDS.contains(&w.to_ascii_uppercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::payments::PartyRole;

    fn party(lines: &[&str]) -> Party {
        let mut party = Party::new(PartyRole::Creditor);
        party.name = Some(lines[0].to_owned());
        party.address.lines = lines[1..].iter().map(|l| l.to_string()).collect();
        party
    }

    #[test]
    fn a_second_name_line_is_joined_and_an_address_is_not() {
        assert_eq!(
            continued_name(&party(&["HAJI KHAIRULA HAJI SATAR", "MONEY EXCHANGE"])).as_deref(),
            Some("HAJI KHAIRULA HAJI SATAR MONEY EXCHANGE")
        );
        assert_eq!(
            continued_name(&party(&["JOHN SMITH", "12 HIGH STREET"])),
            None
        );
        assert_eq!(continued_name(&party(&["JOHN SMITH", "MAIN ROAD"])), None);
        assert_eq!(continued_name(&party(&["ACME", "PK/LAHORE"])), None);
        assert_eq!(continued_name(&party(&["JOHN SMITH"])), None);
    }
}
