//! Readers that fail closed and stay bounded: what cannot be read is an error (never
//! "clear" or "pass"), hostile inputs are refused quickly, names split over lines are
//! screened whole, and an expired document is reported as such.

use std::time::{Duration, Instant};
use vigil_core::{Entity, Schema};
use vigil_formats::payments::{self, screen_bytes, Decision, PaymentsOptions};
use vigil_formats::travel::{mrz, DocumentStatus, TravelError, TravelOptions, TravelScreener};
use vigil_match::MatchIndex;

fn index() -> MatchIndex {
    MatchIndex::build(vec![
        Entity::new(
            "test",
            "hks",
            Schema::Organization,
            "HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE",
        ),
        Entity::new("test", "p1", Schema::Person, "Jane Doe"),
    ])
}

/// Parses `bytes` as a payment file; it must fail within a few seconds.
fn payment_error(bytes: &[u8]) -> String {
    let started = Instant::now();
    let result = payments::parse_bytes(bytes);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    match result {
        Err(e) => e.to_string(),
        Ok(m) => panic!("accepted {} payments", m.len()),
    }
}

const PACS: &str = r#"<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf><GrpHdr><MsgId>M1</MsgId><NbOfTxs>1</NbOfTxs></GrpHdr><CdtTrfTxInf><PmtId><EndToEndId>E1</EndToEndId></PmtId><IntrBkSttlmAmt Ccy="EUR">10.00</IntrBkSttlmAmt><Dbtr><Nm>ANNA SCHMIDT</Nm></Dbtr><Cdtr><Nm>BOB</Nm></Cdtr></CdtTrfTxInf></FIToFICstmrCdtTrf></Document>"#;

#[test]
fn a_hundred_thousand_attributes_are_refused_in_linear_time() {
    let attributes: String = (0..100_000).map(|i| format!(" a{i}=\"{i}\"")).collect();
    let xml = PACS.replace("<MsgId>", &format!("<MsgId{attributes}>"));
    assert!(xml.len() > 1_000_000);
    let message = payment_error(xml.as_bytes());
    assert!(message.contains("100000 attributes"), "{message}");
}

#[test]
fn deep_nesting_and_entity_bombs_are_refused() {
    let deep = format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
    let message = payment_error(deep.as_bytes());
    assert!(message.contains("deeper than 64 levels"), "{message}");
    let bomb = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>{}",
        PACS.replace("BOB", "&b;")
    );
    let message = payment_error(bomb.as_bytes());
    assert!(message.contains("b"), "{message}");
}

#[test]
fn two_documents_glued_together_are_refused() {
    let message = payment_error(format!("{PACS}\n{PACS}").as_bytes());
    assert!(message.contains("second root element"), "{message}");
}

const MT103: &str = "{1:F01COBADEFFAXXX0388123456}{2:I103BNPAFRPPXXXXN}{4:\n:20:REF-1\n:23B:CRED\n:32A:260302EUR1250,00\n:50K:/DE89370400440532013000\nANNA SCHMIDT\nKASTANIENALLEE 12\n:59:/FR1420041010050500013M02606\nCREDITOR\n:71A:SHA\n-}";

#[test]
fn an_mt103_with_a_repeated_field_is_refused() {
    let twice = MT103.replace(":23B:", ":20:REF-2\n:23B:");
    let message = payment_error(twice.as_bytes());
    assert!(
        message.contains("field 20 appears more than once"),
        "{message}"
    );
    let two_debtors = MT103.replace(":59:", ":50F:/12345\n1/JANE DOE\n:59:");
    let message = payment_error(two_debtors.as_bytes());
    assert!(
        message.contains("field 50 appears more than once"),
        "{message}"
    );
}

#[test]
fn a_name_continued_on_the_next_line_is_screened_whole() {
    let index = index();
    let screen = |creditor: &str| {
        let mt = MT103.replace("CREDITOR", creditor);
        screen_bytes(&index, mt.as_bytes(), &PaymentsOptions::default()).unwrap()
    };
    let report = screen("HAJI KHAIRULA HAJI SATAR\nMONEY EXCHANGE");
    let message = &report.messages[0];
    assert_eq!(message.decision, Decision::Hold);
    let creditor = message
        .parties
        .iter()
        .find(|p| !p.matches.is_empty())
        .unwrap();
    assert_eq!(creditor.matches[0].entity_id, "test:hks");
    assert_eq!(
        creditor.continued_name.as_deref(),
        Some("HAJI KHAIRULA HAJI SATAR MONEY EXCHANGE")
    );
    // Line 1 alone does not reach the listed name: the join is what finds it. An address
    // on line 2 is not taken for the name.
    let report = screen("HAJI KHAIRULA HAJI SATAR\n12 HIGH STREET");
    assert_eq!(report.messages[0].decision, Decision::Pass);
    assert!(report.messages[0]
        .parties
        .iter()
        .all(|p| p.continued_name.is_none()));
}

#[test]
fn an_iso_name_continued_in_the_first_address_line_is_screened_whole() {
    let index = index();
    let xml = PACS.replace(
        "<Cdtr><Nm>BOB</Nm></Cdtr>",
        "<Cdtr><Nm>HAJI KHAIRULA HAJI SATAR</Nm><PstlAdr><AdrLine>MONEY EXCHANGE</AdrLine>\
         <AdrLine>CHAMAN</AdrLine></PstlAdr></Cdtr>",
    );
    let report = screen_bytes(&index, xml.as_bytes(), &PaymentsOptions::default()).unwrap();
    assert_eq!(report.messages[0].decision, Decision::Hold);
}

#[test]
fn an_mrz_of_fillers_is_an_error_not_a_clear_traveller() {
    let fillers = ["<".repeat(44), "<".repeat(44)];
    let err = mrz::parse(&fillers).unwrap_err();
    assert!(err.to_string().contains("no holder"), "{err}");
    // A name but no document number nor expiry: read, but not valid.
    let line1 = format!("P<UTOERIKSSON<<ANNA{}", "<".repeat(25));
    let blank = mrz::parse(&[line1, "<".repeat(44)]).unwrap();
    assert!(!blank.is_valid());
    assert!(blank.failures().iter().any(|f| f == "no document number"));
}

#[test]
fn the_expired_icao_specimen_is_reported_expired() {
    let specimen = [
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ];
    let parsed = mrz::parse_at(&specimen, (2026, 3, 1)).unwrap();
    assert!(parsed.is_valid(), "{:?}", parsed.failures());
    let options = TravelOptions {
        reference_date: Some((2026, 3, 1)),
        ..TravelOptions::default()
    };
    let report = TravelScreener::new(&index()).screen_mrz(parsed, &options);
    assert!(report.valid);
    assert_eq!(report.document.status, DocumentStatus::Expired);
    assert_eq!(report.document.message, "expired on 2012-04-15");
}

fn manifest(bytes: &[u8]) -> Result<vigil_formats::travel::TravelReport, TravelError> {
    let options = TravelOptions {
        reference_date: Some((2026, 3, 1)),
        ..TravelOptions::default()
    };
    TravelScreener::new(&index()).screen_manifest(bytes, &options)
}

#[test]
fn a_manifest_with_no_readable_traveller_is_an_error() {
    let header_only = manifest(b"name,birth_date,nationality,document_number\n").unwrap_err();
    assert!(
        matches!(header_only, TravelError::NoTravellers { .. }),
        "{header_only}"
    );
    let unreadable = manifest(b"name,birth_date\n,1980-01-01\n,\n").unwrap_err();
    assert!(
        unreadable.to_string().contains("nothing is clear"),
        "{unreadable}"
    );
    let binary = manifest(b"name,birth_date\nJane Doe,1980\n\x00\x01\xff\xfe,\x02\n").unwrap_err();
    assert!(binary.to_string().contains("0x00"), "{binary}");
    for (size, expected) in [
        (100 << 20, "the limit is 67108864 bytes"),
        (2 << 20, "longer than"),
    ] {
        let mut long = b"name,birth_date\nJane Doe,1980\n".to_vec();
        long.resize(size, b'x');
        let started = Instant::now();
        let err = manifest(&long).unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(20));
        assert!(err.to_string().contains(expected), "{err}");
    }
}

#[test]
fn an_expired_document_on_a_manifest_is_a_warning() {
    let csv = b"name,birth_date,nationality,document_number,document_expiry\n\
                Anna Eriksson,1974-08-12,SWE,L898902C3,2012-04-15\n\
                Jane Roe,1980-01-01,GBR,X1234567,2030-01-01\n";
    let report = manifest(csv).unwrap();
    let statuses: Vec<DocumentStatus> = report
        .travellers
        .iter()
        .map(|t| t.document_validity[0].status)
        .collect();
    assert_eq!(statuses, [DocumentStatus::Expired, DocumentStatus::Valid]);
    assert!(report
        .errors
        .iter()
        .any(|i| i.message.contains("L898902C3 expired on 2012-04-15")));
}
