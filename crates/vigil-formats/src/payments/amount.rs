//! Exact decimal amounts for control sums: floating point would call equal sums unequal.

/// ISO 20022 amounts have at most 5 fraction digits (`ActiveCurrencyAndAmount`), MT at most
/// the currency's; scaling by 10^5 keeps every valid amount exact.
const SCALE_DIGITS: usize = 5;

/// Parses `123`, `123.45`, `0.5` (and MT's `123,45` / `15000,`) into units of 10^-5.
/// Returns `None` for anything else (signs, exponents, more than 5 decimals, > 18 digits).
pub fn parse_scaled(text: &str) -> Option<i128> {
    let text = text.trim();
    let (int, frac) = match text.find(['.', ',']) {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => (text, ""),
    };
    let digits_ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty()
        || !digits_ok(int)
        || !digits_ok(frac)
        || frac.len() > SCALE_DIGITS
        || int.len() + frac.len() > 18
    {
        return None;
    }
    let mut value: i128 = 0;
    for b in int.bytes().chain(frac.bytes()) {
        value = value * 10 + i128::from(b - b'0');
    }
    Some(value * 10i128.pow((SCALE_DIGITS - frac.len()) as u32))
}

/// Formats a scaled amount back, without trailing zeros in the fraction.
pub fn format_scaled(value: i128) -> String {
    let scale = 10i128.pow(SCALE_DIGITS as u32);
    let int = value / scale;
    let frac = value % scale;
    if frac == 0 {
        return int.to_string();
    }
    let frac = format!("{frac:0width$}", width = SCALE_DIGITS);
    format!("{int}.{}", frac.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_iso_and_mt_forms() {
        assert_eq!(parse_scaled("123.45"), Some(12_345_000));
        assert_eq!(parse_scaled("15000,"), Some(1_500_000_000));
        assert_eq!(parse_scaled("0.00001"), Some(1));
        assert_eq!(parse_scaled("-1"), None);
        assert_eq!(parse_scaled("1e5"), None);
        assert_eq!(parse_scaled(".5"), None);
        assert_eq!(parse_scaled("1.000001"), None);
        assert_eq!(format_scaled(12_345_000), "123.45");
        assert_eq!(format_scaled(1_500_000_000), "15000");
    }

    proptest! {
        #[test]
        fn round_trips(int in 0u64..1_000_000_000_000, frac in 0u32..100_000) {
            let text = format!("{int}.{frac:05}");
            let v = parse_scaled(&text).unwrap();
            prop_assert_eq!(parse_scaled(&format_scaled(v)), Some(v));
        }

        #[test]
        fn never_panics(s in "\\PC{0,30}") {
            let _ = parse_scaled(&s);
        }
    }
}
