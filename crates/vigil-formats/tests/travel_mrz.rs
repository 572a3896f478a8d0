//! MRZ: ICAO Doc 9303 specimens of every format, and broken check digits.

use vigil_formats::travel::mrz::{parse_at, MrzFormat};

const TODAY: (u16, u8, u8) = (2026, 3, 27);

#[test]
fn td1_specimen() {
    let m = parse_at(
        &[
            "I<UTOD231458907<<<<<<<<<<<<<<<",
            "7408122F1204159UTO<<<<<<<<<<<6",
            "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
        ],
        TODAY,
    )
    .unwrap();
    assert_eq!(m.format, MrzFormat::Td1);
    assert!(m.is_valid(), "{:?}", m.failures());
    assert_eq!(m.document_code, "I");
    assert_eq!(m.document_number, "D23145890");
    assert_eq!(
        (m.surname.as_str(), m.given_names.as_str()),
        ("ERIKSSON", "ANNA MARIA")
    );
    assert_eq!(m.birth_date.unwrap().to_string(), "1974-08-12");
    assert_eq!(m.expiry_date.unwrap().to_string(), "2012-04-15");
    assert_eq!(m.nationality.as_ref().unwrap().text, "UTO");
    assert_eq!(m.checks.len(), 4);
}

#[test]
fn td1_long_document_number() {
    // Doc 9303 part 5: a 12-character number continues in the optional data, its check
    // digit after it, `<` in the usual check digit position.
    let m = parse_at(
        &[
            "I<UTOD23145890<7349<<<<<<<<<<<",
            "3407127M9507122UTO<<<<<<<<<<<2",
            "STEVENSON<<PETER<JOHN<<<<<<<<<",
        ],
        TODAY,
    )
    .unwrap();
    assert_eq!(m.document_number, "D23145890734");
    assert_eq!(m.checks[0].field, "document number");
    assert!(m.checks[0].valid, "{:?}", m.checks[0]);
    assert_eq!(m.birth_date.unwrap().to_string(), "1934-07-12");
}

#[test]
fn td2_specimen() {
    let m = parse_at(
        &[
            "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
            "D231458907UTO7408122F1204159<<<<<<<6",
        ],
        TODAY,
    )
    .unwrap();
    assert_eq!(m.format, MrzFormat::Td2);
    assert!(m.is_valid(), "{:?}", m.failures());
    assert_eq!(m.document_number, "D23145890");
}

#[test]
fn visas() {
    let a = parse_at(
        &[
            "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L8988901C4XXX4009078F96121096ZE184226B<<<<<<",
        ],
        TODAY,
    )
    .unwrap();
    assert_eq!(a.format, MrzFormat::MrvA);
    assert!(a.is_valid(), "{:?}", a.failures());
    assert_eq!(a.checks.len(), 3, "visas have no composite check digit");
    assert_eq!(a.nationality.as_ref().unwrap().text, "XXX");
    let b = parse_at(
        &[
            "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
            "L8988901C4XXX4009078F9612109<<<<<<<<",
        ],
        TODAY,
    )
    .unwrap();
    assert_eq!(b.format, MrzFormat::MrvB);
    assert!(b.is_valid(), "{:?}", b.failures());
}

#[test]
fn broken_check_digit_names_the_field() {
    // Birth date check digit changed from 2 to 3.
    let m = parse_at(
        &[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408123F1204159ZE184226B<<<<<10",
        ],
        TODAY,
    )
    .unwrap();
    assert!(!m.is_valid());
    let failures = m.failures();
    assert_eq!(failures.len(), 2, "{failures:?}");
    assert_eq!(
        failures[0],
        "check digit for birth date is '3', expected '2'"
    );
    assert!(
        failures[1].starts_with("check digit for composite"),
        "{failures:?}"
    );
    // The fields are still read.
    assert_eq!(m.birth_date.unwrap().to_string(), "1974-08-12");
}

#[test]
fn impossible_date_is_a_problem() {
    let m = parse_at(
        &[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7413122F1204159ZE184226B<<<<<10",
        ],
        TODAY,
    )
    .unwrap();
    assert!(!m.is_valid());
    assert!(
        m.failures().iter().any(|f| f.starts_with("birth date: ")),
        "{:?}",
        m.failures()
    );
    assert_eq!(m.birth_date, None);
}

#[test]
fn germany_is_d() {
    let m = parse_at(
        &[
            "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<",
            "C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4",
        ],
        TODAY,
    )
    .unwrap();
    assert_eq!(
        m.issuing_state.as_ref().unwrap().code.as_deref(),
        Some("DE")
    );
    assert_eq!(m.nationality.as_ref().unwrap().code.as_deref(), Some("DE"));
    assert!(m.is_valid(), "{:?}", m.failures());
}
