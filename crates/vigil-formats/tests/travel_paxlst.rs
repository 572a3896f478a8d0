//! PAXLST fixtures written to the D02B/D05B implementation guides: flight context,
//! travellers, service characters, multi-part lists and the errors senders make.

use vigil_formats::travel::paxlst::{self, Manifest};
use vigil_formats::travel::{Role, Severity};

const TODAY: (u16, u8, u8) = (2026, 3, 27);

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/travel/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(name: &str) -> Manifest {
    paxlst::parse(&fixture(name), TODAY).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn d05b_passenger_list() {
    let m = read("paxlst_d05b_passengers.edi");
    let f = &m.flight;
    assert_eq!((f.number.as_str(), f.carrier.as_str()), ("TK1979", "TK"));
    assert_eq!(
        (f.departure_airport.as_str(), f.departure.as_str()),
        ("IST", "2026-03-01T12:30")
    );
    assert_eq!(
        (f.arrival_airport.as_str(), f.arrival.as_str()),
        ("LHR", "2026-03-01T14:55")
    );
    assert_eq!(f.list, "passengers");
    assert_eq!(f.reporting_party, "TK API OPERATIONS");
    assert_eq!(f.interchange_reference, "IC260301001");
    assert!(m.issues.is_empty(), "{:?}", m.issues);

    let names: Vec<String> = m.travellers.iter().map(|t| t.name()).collect();
    assert_eq!(
        names,
        [
            "TARIQ BIN HABIB BIN AL TOUMI AL MAROUFI",
            "SEAN PATRICK O'NEIL",
            "ANNA MARIA ERIKSSON",
            "HIROSHI TANAKA"
        ]
    );
    let t = &m.travellers[0];
    assert_eq!(t.role, Role::Passenger);
    assert_eq!(t.gender.as_deref(), Some("M"));
    assert_eq!(t.birth_date.unwrap().to_string(), "1965-11-23");
    assert_eq!(t.nationality.as_ref().unwrap().code.as_deref(), Some("TN"));
    assert_eq!(t.residence.as_ref().unwrap().code.as_deref(), Some("BE"));
    assert_eq!(t.birth_place.as_deref(), Some("GHARDIMAOU"));
    assert_eq!(
        (t.embarkation.as_deref(), t.debarkation.as_deref()),
        (Some("IST"), Some("LHR"))
    );
    assert_eq!(t.references.len(), 2);
    assert_eq!(
        (
            t.references[1].qualifier.as_str(),
            t.references[1].value.as_str()
        ),
        ("SEA", "14C")
    );
    let doc = &t.documents[0];
    assert_eq!((doc.kind.as_str(), doc.number.as_str()), ("P", "Z7730412"));
    assert_eq!(doc.expires.unwrap().to_string(), "2029-06-14");
    assert_eq!(
        doc.issuing_country.as_ref().unwrap().code.as_deref(),
        Some("TN")
    );
    assert_eq!((t.segment, t.line), (Some(12), Some(13)));
    // CCYYMMDD with format 102.
    assert_eq!(
        m.travellers[1].birth_date.unwrap().to_string(),
        "1988-03-04"
    );
    // 02 resolves to 2002: before the flight.
    let transit = &m.travellers[3];
    assert!(transit.in_transit);
    assert_eq!(transit.birth_date.unwrap().to_string(), "2002-05-17");
}

#[test]
fn d02b_crew_list_with_custom_service_characters_and_latin1() {
    let m = read("paxlst_d02b_crew_una.edi");
    assert_eq!(m.flight.list, "crew");
    assert_eq!(m.flight.number, "LH400");
    assert_eq!(m.flight.departure, "2026-03-02T09:55");
    assert!(m.issues.is_empty(), "{:?}", m.issues);
    assert_eq!(m.travellers.len(), 3);
    assert!(m.travellers.iter().all(|t| t.role == Role::Crew));
    assert_eq!(m.travellers[0].name(), "JÖRG MÜLLER");
    assert_eq!(
        m.travellers[0]
            .nationality
            .as_ref()
            .unwrap()
            .code
            .as_deref(),
        Some("DE")
    );
    // `?$` releases the terminator `$` inside the name.
    assert_eq!(m.travellers[1].given_names, "CLAIRE$ANNE");
    assert!(m.travellers[2].in_transit);
    assert_eq!(
        (m.travellers[0].segment, m.travellers[0].line),
        (Some(10), Some(10))
    );
}

#[test]
fn multi_part_list_counts_and_bad_traveller() {
    let m = read("paxlst_multipart.edi");
    assert_eq!(m.flight.number, "MS777");
    assert_eq!(
        m.travellers.len(),
        4,
        "the traveller with a bad birth date is kept"
    );
    let novak = &m.travellers[3];
    assert_eq!(novak.name(), "PETRA NOVAK");
    assert_eq!(novak.birth_date, None);
    // The final part's CNT+42:4 counts the whole list: no count error.
    assert_eq!(m.issues.len(), 1, "{:?}", m.issues);
    let issue = &m.issues[0];
    assert_eq!(issue.severity, Severity::Error);
    assert_eq!(issue.segment, Some(43));
    assert!(
        issue.message.contains("PETRA NOVAK") && issue.message.contains("921331"),
        "{issue}"
    );
}

#[test]
fn wrong_unt_count_names_the_segment() {
    let e = paxlst::parse(&fixture("paxlst_wrong_unt.edi"), TODAY).unwrap_err();
    assert_eq!(e.segment, 52);
    assert_eq!(e.to_string(), "segment 52 (line 53): UNT: control count says 49 segments in the message (UNH and UNT included), found 50");
}

#[test]
fn unescaped_apostrophe_is_a_malformed_segment() {
    let e = paxlst::parse(&fixture("paxlst_malformed.edi"), TODAY).unwrap_err();
    assert_eq!(e.segment, 26);
    assert!(
        e.to_string()
            .contains("malformed segment: tag \"NEIL:SEAN:PATRICK\""),
        "{e}"
    );
}

#[test]
fn unknown_character_set_is_an_error() {
    let e = paxlst::parse(&fixture("paxlst_unknown_charset.edi"), TODAY).unwrap_err();
    assert_eq!(e.segment, 1);
    assert!(
        e.to_string().contains("unknown character set \"UNOX\""),
        "{e}"
    );
}

#[test]
fn count_mismatch_is_reported() {
    let text = String::from_utf8(fixture("paxlst_d05b_passengers.edi"))
        .unwrap()
        .replace("CNT+42:4", "CNT+42:5");
    let m = paxlst::parse(text.as_bytes(), TODAY).unwrap();
    assert_eq!(m.issues.len(), 1);
    assert!(
        m.issues[0]
            .message
            .contains("CNT+42 says 5 passengers, the message has 4"),
        "{}",
        m.issues[0]
    );
}

#[test]
fn not_paxlst_is_an_error() {
    let text = String::from_utf8(fixture("paxlst_d05b_passengers.edi"))
        .unwrap()
        .replace("PAXLST:D:05B", "CUSRES:D:05B");
    let e = paxlst::parse(text.as_bytes(), TODAY).unwrap_err();
    assert!(e.to_string().contains("not PAXLST"), "{e}");
}
