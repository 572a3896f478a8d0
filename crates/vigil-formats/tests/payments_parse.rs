//! Reading ISO 20022 and MT103 payments: what is extracted, and which inputs are refused.

use proptest::prelude::*;
use std::path::PathBuf;
use vigil_core::PartialDate;
use vigil_formats::payments::{parse_bytes, AgentRole, PartyRole, PaymentMessage, PaymentsError};

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/payments")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parse(name: &str) -> Vec<PaymentMessage> {
    parse_bytes(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn party(m: &PaymentMessage, role: PartyRole) -> &vigil_formats::payments::Party {
    m.parties
        .iter()
        .find(|p| p.role == role)
        .unwrap_or_else(|| panic!("{}: no {role:?}", m.id))
}

fn agent_bic(m: &PaymentMessage, role: AgentRole) -> Option<&str> {
    m.agents
        .iter()
        .find(|a| a.role == role)
        .and_then(|a| a.bic.as_deref())
}

#[test]
fn pacs008_v08_reads_parties_agents_and_remittance() {
    let messages = parse("pacs008_001_08_listed_creditor.xml");
    assert_eq!(messages.len(), 1);
    let m = &messages[0];
    assert_eq!(m.id, "NWBK20260302-0001/E2E-2026-03-0117");
    assert_eq!(m.message_type, "pacs.008.001.08");
    assert_eq!(
        m.uetr.as_deref(),
        Some("4f1c2a6e-8d2b-4e55-9a0f-2b7d3c9e1a40")
    );
    let amount = m.amount.as_ref().unwrap();
    assert_eq!(
        (amount.value.as_str(), amount.currency.as_str()),
        ("48500", "EUR")
    );

    let creditor = party(m, PartyRole::Creditor);
    assert_eq!(creditor.name.as_deref(), Some("Hafiz Mohammed Saeed"));
    assert!(creditor.is_person);
    let birth = creditor.birth.as_ref().unwrap();
    assert_eq!(
        birth.date,
        Some("1950-06-05".parse::<PartialDate>().unwrap())
    );
    assert_eq!(birth.city.as_deref(), Some("Sargodha"));
    assert_eq!(birth.country.as_deref(), Some("PK"));
    assert_eq!(creditor.address.town.as_deref(), Some("Lahore"));
    assert_eq!(creditor.address.lines, vec!["House 116E, Mohalla Johar"]);
    assert_eq!(creditor.country_of_residence.as_deref(), Some("PK"));
    assert_eq!(
        creditor.account.as_deref(),
        Some("PK36SCBL0000001123456702")
    );

    let debtor = party(m, PartyRole::Debtor);
    assert!(debtor.is_organisation);
    assert_eq!(debtor.lei.as_deref(), Some("529900T8BM49AURSDO55"));
    assert_eq!(debtor.address.street.as_deref(), Some("Hafenstrasse"));
    assert_eq!(debtor.account.as_deref(), Some("DE89370400440532013000"));

    assert_eq!(agent_bic(m, AgentRole::DebtorAgent), Some("COBADEFFXXX"));
    assert_eq!(agent_bic(m, AgentRole::CreditorAgent), Some("HABBPKKA"));
    assert_eq!(agent_bic(m, AgentRole::InstructingAgent), Some("NWBKGB2L"));
    assert_eq!(agent_bic(m, AgentRole::InstructedAgent), Some("DEUTDEFF"));
    assert_eq!(m.remittance.len(), 1);
    assert_eq!(m.remittance[0].text, "INVOICE 2026-0117 CONSULTING");
}

#[test]
fn pacs008_several_transactions_are_several_messages() {
    let messages = parse("pacs008_001_08_clean_multi.xml");
    let ids: Vec<&str> = messages.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "COBA20260302-7781/RENT-2026-03",
            "COBA20260302-7781/INV-88412"
        ]
    );
    // `&amp;` is unescaped.
    let creditor = party(&messages[0], PartyRole::Creditor);
    assert_eq!(
        creditor.name.as_deref(),
        Some("Immobilien Weber & Partner KG")
    );
    let org = party(&messages[1], PartyRole::Creditor);
    assert!(org.is_organisation);
    assert_eq!(org.organisation_ids[0].id, "NL853746291B01");
    assert_eq!(org.organisation_ids[0].scheme.as_deref(), Some("TXID"));
}

#[test]
fn pain001_v03_inherits_group_and_payment_block_parties() {
    // The file starts with a byte-order mark.
    assert!(fixture("pain001_001_03_ultimate_debtor.xml").starts_with(b"\xEF\xBB\xBF"));
    let messages = parse("pain001_001_03_ultimate_debtor.xml");
    assert_eq!(messages.len(), 3);
    assert!(messages.iter().all(|m| m.message_type == "pain.001.001.03"));
    assert_eq!(messages[1].id, "ACME-PAY-20260227-01/ACME-SUP-0417");

    for m in &messages {
        let initiating = party(m, PartyRole::InitiatingParty);
        assert_eq!(
            initiating.name.as_deref(),
            Some("Acme Payroll Services Ltd")
        );
        assert_eq!(initiating.bic.as_deref(), Some("ACMEGB21"));
        assert_eq!(
            party(m, PartyRole::Debtor).name.as_deref(),
            Some("Acme Trading Ltd")
        );
        assert_eq!(agent_bic(m, AgentRole::DebtorAgent), Some("NWBKGB2L"));
    }
    // Ultimate debtor at transaction level, with birth data and a passport.
    let ultimate = party(&messages[1], PartyRole::UltimateDebtor);
    assert_eq!(ultimate.name.as_deref(), Some("Abdul Rahman Yaseen"));
    assert_eq!(
        ultimate.birth.as_ref().unwrap().date,
        Some("1960-04-10".parse().unwrap())
    );
    assert_eq!(ultimate.private_ids[0].id, "MO887925");
    assert_eq!(ultimate.private_ids[0].scheme.as_deref(), Some("CCPT"));
    assert_eq!(ultimate.private_ids[0].issuer.as_deref(), Some("IQ"));
    // Ultimate debtor at payment-information level applies to its transactions only.
    assert!(!messages[0]
        .parties
        .iter()
        .any(|p| p.role == PartyRole::UltimateDebtor));
    assert_eq!(
        party(&messages[2], PartyRole::UltimateDebtor)
            .name
            .as_deref(),
        Some("Acme Holdings plc")
    );
    assert_eq!(
        party(&messages[2], PartyRole::Creditor).account.as_deref(),
        Some("90112233")
    );
    assert_eq!(messages[2].amount.as_ref().unwrap().value, "1250");
}

#[test]
fn pacs008_v02_in_an_envelope_with_prefixes() {
    let messages = parse("pacs008_001_02_apphdr_prefixed.xml");
    assert_eq!(messages.len(), 1);
    let m = &messages[0];
    assert_eq!(m.message_type, "pacs.008.001.02");
    assert_eq!(m.id, "UBS-20181030-55/SMITH-DON-2018-10");
    assert_eq!(
        party(m, PartyRole::Creditor).name.as_deref(),
        Some("AL RASHEED TRUST")
    );
    assert_eq!(
        party(m, PartyRole::Debtor).name.as_deref(),
        Some("Smith & Sons Trading AG")
    );
    // BIC (version 02) in the group header and the transaction.
    assert_eq!(
        agent_bic(m, AgentRole::InstructingAgent),
        Some("UBSWCHZH80A")
    );
    assert_eq!(
        agent_bic(m, AgentRole::IntermediaryAgent1),
        Some("RZBAATWW")
    );
    assert_eq!(agent_bic(m, AgentRole::CreditorAgent), Some("MEZNPKKA"));
}

#[test]
fn mt103_with_50f_birth_date_and_passport() {
    let messages = parse("mt103_50f_listed.txt");
    assert_eq!(messages.len(), 1);
    let m = &messages[0];
    assert_eq!(m.id, "EBIL-REM-55810");
    assert_eq!(m.message_type, "MT103");
    assert_eq!(
        m.uetr.as_deref(),
        Some("c2b7e1d4-5f6a-4b3c-8d9e-0f1a2b3c4d5e")
    );
    let amount = m.amount.as_ref().unwrap();
    assert_eq!(
        (amount.value.as_str(), amount.currency.as_str()),
        ("9800", "USD")
    );
    let debtor = party(m, PartyRole::Debtor);
    assert_eq!(debtor.name.as_deref(), Some("DAWOOD EBRAHIM KASKAR"));
    assert!(debtor.is_person);
    let birth = debtor.birth.as_ref().unwrap();
    assert_eq!(birth.date, Some("1955-12-26".parse().unwrap()));
    assert_eq!(birth.country.as_deref(), Some("IN"));
    assert_eq!(birth.city.as_deref(), Some("RATNAGIRI"));
    assert_eq!(debtor.address.country.as_deref(), Some("AE"));
    assert_eq!(debtor.address.town.as_deref(), Some("DUBAI"));
    let passport = &debtor.private_ids[0];
    assert_eq!(
        (
            passport.scheme.as_deref(),
            passport.issuer.as_deref(),
            passport.id.as_str()
        ),
        (Some("CCPT"), Some("IN"), "A333602")
    );
    let creditor = party(m, PartyRole::Creditor);
    assert_eq!(creditor.name.as_deref(), Some("NOORABAD TRADING COMPANY"));
    assert_eq!(
        creditor.account.as_deref(),
        Some("PK36SCBL0000001123456702")
    );
    assert_eq!(creditor.address.lines, vec!["CLIFTON BLOCK 5", "KARACHI"]);
    assert_eq!(
        agent_bic(m, AgentRole::InstructingAgent),
        Some("EBILAEADXXX")
    );
    assert_eq!(
        agent_bic(m, AgentRole::InstructedAgent),
        Some("HABBPKKAXXX")
    );
    assert_eq!(agent_bic(m, AgentRole::DebtorAgent), Some("EBILAEAD"));
    assert_eq!(agent_bic(m, AgentRole::CreditorAgent), Some("HABBPKKA"));
    assert_eq!(m.remittance[0].text, "/INV/2026-118 TEXTILES");
}

#[test]
fn mt103_crlf_50k_and_59() {
    let m = &parse("mt103_clean.txt")[0];
    assert_eq!(m.id, "COBA-2026-0302-17");
    let debtor = party(m, PartyRole::Debtor);
    assert_eq!(debtor.name.as_deref(), Some("ANNA SCHMIDT"));
    assert_eq!(debtor.account.as_deref(), Some("DE89370400440532013000"));
    assert!(!debtor.is_person && !debtor.is_organisation);
    assert_eq!(
        debtor.address.lines,
        vec!["KASTANIENALLEE 12", "10435 BERLIN"]
    );
    assert_eq!(m.amount.as_ref().unwrap().value, "1250");
}

#[test]
fn mt103_several_messages_separated_by_dollar_with_lf() {
    let messages = parse("mt103_multi_lf.txt");
    let ids: Vec<&str> = messages.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["BARC-0001", "BARC-0002", "BARC-0003"]);
    assert_eq!(
        messages[1].remittance[0].text,
        "DONATION FOR JAMAAT UD DAWA"
    );
    assert_eq!(
        party(&messages[2], PartyRole::Creditor).name.as_deref(),
        Some("LASHKAR E TAYYABA")
    );
    assert_eq!(messages[2].amount.as_ref().unwrap().value, "750.5");
}

#[test]
fn mt103_messages_concatenated_without_separator() {
    let one = fixture("mt103_clean.txt");
    let two = fixture("mt103_50f_listed.txt");
    let joined = [one, two].concat();
    let messages = parse_bytes(&joined).unwrap();
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[1].id, "EBIL-REM-55810");
}

fn error_of(name: &str) -> PaymentsError {
    match parse_bytes(&fixture(name)) {
        Ok(m) => panic!("{name}: expected an error, read {} messages", m.len()),
        Err(e) => e,
    }
}

#[test]
fn malformed_xml_names_line_and_column() {
    let e = error_of("bad_not_well_formed.xml");
    let text = e.to_string();
    assert!(
        matches!(e, PaymentsError::Xml { at, .. } if at.line == 12),
        "{text}"
    );
    assert!(text.contains("not well-formed"), "{text}");
}

#[test]
fn over_long_name_is_refused() {
    let e = error_of("bad_long_name.xml");
    assert!(
        matches!(&e, PaymentsError::TooLong { field, limit: 140, at, .. } if field == "Nm" && at.line == 21),
        "{e}"
    );
}

#[test]
fn count_and_control_sum_mismatches_are_refused() {
    let e = error_of("bad_count_mismatch.xml");
    assert!(matches!(e, PaymentsError::Inconsistent { .. }), "{e}");
    assert!(
        e.to_string().contains("NbOfTxs is 3 but there are 2"),
        "{e}"
    );
    let e = error_of("bad_ctrlsum.xml");
    assert!(
        e.to_string()
            .contains("CtrlSum is 1520.70 but the amounts add up to 1520.75"),
        "{e}"
    );
}

#[test]
fn unsupported_message_types_are_named() {
    let e = error_of("bad_camt053.xml");
    assert!(
        matches!(&e, PaymentsError::Unsupported { found, .. } if found == "camt.053.001.08"),
        "{e}"
    );
    assert!(e.to_string().contains("unsupported message type"), "{e}");
    let e = error_of("bad_mt202.txt");
    assert!(
        matches!(&e, PaymentsError::Unsupported { found, .. } if found == "MT202"),
        "{e}"
    );
    let v14 = String::from_utf8(fixture("pacs008_001_08_clean_multi.xml"))
        .unwrap()
        .replace("pacs.008.001.08", "pacs.008.001.14");
    let e = parse_bytes(v14.as_bytes()).unwrap_err();
    assert!(e.to_string().contains("pacs.008.001.14"), "{e}");
}

#[test]
fn mt_line_and_line_count_limits() {
    let e = error_of("bad_mt103_long_line.txt");
    assert!(
        matches!(&e, PaymentsError::Mt { line: 7, field, .. } if field == "50K"),
        "{e}"
    );
    assert!(e.to_string().contains("the limit is 35"), "{e}");
    let e = error_of("bad_mt103_five_lines.txt");
    assert!(
        matches!(&e, PaymentsError::Mt { field, .. } if field == "59"),
        "{e}"
    );
    assert!(e.to_string().contains("5 name and address lines"), "{e}");
}

#[test]
fn header_and_document_versions_must_agree() {
    let text = String::from_utf8(fixture("pacs008_001_02_apphdr_prefixed.xml"))
        .unwrap()
        .replace(
            "<head:MsgDefIdr>pacs.008.001.02",
            "<head:MsgDefIdr>pacs.008.001.08",
        );
    let e = parse_bytes(text.as_bytes()).unwrap_err();
    assert!(
        e.to_string()
            .contains("AppHdr/MsgDefIdr says pacs.008.001.08"),
        "{e}"
    );
}

#[test]
fn other_bad_inputs() {
    assert_eq!(parse_bytes(b"").unwrap_err(), PaymentsError::Empty);
    assert_eq!(parse_bytes(b"  \r\n").unwrap_err(), PaymentsError::Empty);
    assert_eq!(
        parse_bytes(b"hello").unwrap_err(),
        PaymentsError::UnknownFormat
    );
    let e = parse_bytes(b"<html><body/></html>").unwrap_err();
    assert!(e.to_string().contains("root element <html>"), "{e}");
    let e = parse_bytes(b"<Document><FIToFICstmrCdtTrf><GrpHdr>").unwrap_err();
    assert!(e.to_string().contains("ends inside"), "{e}");
    let no_end = String::from_utf8(fixture("mt103_clean.txt"))
        .unwrap()
        .replace("-}", "");
    let e = parse_bytes(no_end.as_bytes()).unwrap_err();
    assert!(e.to_string().contains("-}"), "{e}");
    let no_59 = String::from_utf8(fixture("mt103_clean.txt"))
        .unwrap()
        .replace(":59:", ":58:");
    let e = parse_bytes(no_59.as_bytes()).unwrap_err();
    assert!(e.to_string().contains("59a is missing"), "{e}");
    let bad_birth = String::from_utf8(fixture("mt103_50f_listed.txt"))
        .unwrap()
        .replace("4/19551226", "4/19551332");
    let e = parse_bytes(bad_birth.as_bytes()).unwrap_err();
    assert!(e.to_string().contains("50F"), "{e}");
    let no_creditor = String::from_utf8(fixture("pacs008_001_08_listed_creditor.xml"))
        .unwrap()
        .replace("<Nm>Hafiz Mohammed Saeed</Nm>", "");
    let e = parse_bytes(no_creditor.as_bytes()).unwrap_err();
    assert!(
        e.to_string().contains("no Cdtr with a Nm, BIC or Id"),
        "{e}"
    );
    let no_tx = b"<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\">\
        <FIToFICstmrCdtTrf><GrpHdr><MsgId>M</MsgId></GrpHdr></FIToFICstmrCdtTrf></Document>";
    let e = parse_bytes(no_tx).unwrap_err();
    assert!(e.to_string().contains("nothing to screen"), "{e}");
    let bad_bic = String::from_utf8(fixture("pacs008_001_08_listed_creditor.xml"))
        .unwrap()
        .replace("<BICFI>HABBPKKA</BICFI>", "<BICFI>HAB-PKKA</BICFI>");
    let e = parse_bytes(bad_bic.as_bytes()).unwrap_err();
    assert!(e.to_string().contains("not a BIC"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_bytes(&bytes);
    }

    #[test]
    fn mangled_fixtures_never_panic(cut in 0usize..4000, insert in "\\PC{0,8}", which in 0usize..4) {
        let name = ["pacs008_001_08_listed_creditor.xml", "pain001_001_03_ultimate_debtor.xml",
                    "mt103_50f_listed.txt", "mt103_multi_lf.txt"][which];
        let mut bytes = fixture(name);
        let at = cut.min(bytes.len());
        bytes.splice(at..at, insert.bytes());
        let _ = parse_bytes(&bytes);
        bytes.truncate(at);
        let _ = parse_bytes(&bytes);
    }
}
