//! Field rules shared by the readers: lengths, BICs, country codes.

/// Maximum lengths of the ISO 20022 text elements Vigil reads (`Max140Text`, ...), by
/// local name. Longer values break the schema and are rejected rather than truncated.
pub fn iso_max_length(element: &str) -> Option<usize> {
    Some(match element {
        "Nm" | "Ustrd" => 140,
        "AdrLine" | "StrtNm" => 70,
        "TwnNm" | "CtrySubDvsn" | "CityOfBirth" | "PrvcOfBirth" => 35,
        "MsgId" | "PmtInfId" | "EndToEndId" | "TxId" | "InstrId" => 35,
        "BldgNb" | "PstCd" => 16,
        _ => return None,
    })
}

/// A BIC (ISO 9362): 4 letters or digits (institution), 2 letters (country), 2 letters or
/// digits (location), optionally 3 letters or digits (branch).
pub fn is_bic(text: &str) -> bool {
    let b = text.as_bytes();
    let alnum = |c: &u8| c.is_ascii_uppercase() || c.is_ascii_digit();
    (b.len() == 8 || b.len() == 11)
        && b[..4].iter().all(alnum)
        && b[4..6].iter().all(u8::is_ascii_uppercase)
        && b[6..].iter().all(alnum)
}

/// The first 8 characters (institution, country, location): a listed bank's branches are
/// the listed bank.
pub fn bic8(bic: &str) -> &str {
    bic.get(..8).unwrap_or(bic)
}

/// Two upper-case letters, as ISO 20022 `CountryCode` requires.
pub fn is_country_code(text: &str) -> bool {
    text.len() == 2 && text.bytes().all(|b| b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bics() {
        assert!(is_bic("DEUTDEFF"));
        assert!(is_bic("DEUTDEFF500"));
        assert!(is_bic("FTBDKPPY"));
        assert!(!is_bic("DEUTDEF"));
        assert!(!is_bic("deutdeff"));
        assert!(!is_bic("DEUT1EFF"));
        assert!(!is_bic("DEUTDEFF50"));
        assert_eq!(bic8("DEUTDEFF500"), "DEUTDEFF");
    }
}
