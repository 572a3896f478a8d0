//! Screening payments: decisions against hand-made entities (BICs, errors) and against the
//! real UN and OFAC lists (shared data).

use std::path::PathBuf;
use std::sync::OnceLock;
use vigil_core::{Entity, Identifier, IdentifierKind, Schema};
use vigil_formats::payments::{
    screen_bytes, Decision, MessageReport, PartyRole, PaymentsError, PaymentsOptions,
    PaymentsReport,
};
use vigil_lists::ListFormat;
use vigil_match::MatchIndex;
use vigil_testkit::shared_data;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/payments")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// UN consolidated list and OFAC SDN, parsed once for all tests.
fn real_index() -> Option<&'static MatchIndex> {
    static INDEX: OnceLock<Option<MatchIndex>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let data = shared_data()?;
            let un = vigil_lists::parse_path(
                "un-sc",
                ListFormat::UnSc,
                &data.join("lists/un/consolidated-2026-02-27.xml"),
            )
            .expect("UN list parses");
            let ofac =
                vigil_lists::parse_path("ofac-sdn", ListFormat::OfacSdn, &data.join("lists/ofac"))
                    .expect("OFAC list parses");
            let mut entities = un.entities;
            entities.extend(ofac.entities);
            Some(MatchIndex::build(entities))
        })
        .as_ref()
}

fn screen(index: &MatchIndex, bytes: &[u8]) -> PaymentsReport {
    screen_bytes(index, bytes, &PaymentsOptions::default()).unwrap()
}

fn party_hits(m: &MessageReport, role: PartyRole) -> Vec<&str> {
    m.parties
        .iter()
        .filter(|p| p.role == role)
        .flat_map(|p| p.matches.iter().map(|h| h.entity_id.as_str()))
        .collect()
}

fn listed_bank() -> Entity {
    let mut bank = Entity::new(
        "test",
        "bank-1",
        Schema::Organization,
        "Foreign Trade Bank of the DPRK",
    );
    bank.identifiers.push(Identifier {
        kind: IdentifierKind::Bic,
        value: "FTBDKPPY".into(),
        note: None,
    });
    bank
}

#[test]
fn a_listed_banks_bic_holds_the_payment_at_any_branch() {
    let index = MatchIndex::build(vec![listed_bank()]);
    let xml = String::from_utf8(fixture("pacs008_001_08_clean_multi.xml"))
        .unwrap()
        .replace("<BICFI>INGBNL2A</BICFI>", "<BICFI>FTBDKPPYXXX</BICFI>");
    let report = screen(&index, xml.as_bytes());
    let decisions: Vec<Decision> = report.messages.iter().map(|m| m.decision).collect();
    assert_eq!(decisions, [Decision::Pass, Decision::Hold]);
    let agent = report.messages[1]
        .agents
        .iter()
        .find(|a| !a.matches.is_empty())
        .unwrap();
    assert_eq!(agent.bic.as_deref(), Some("FTBDKPPYXXX"));
    assert_eq!(agent.matches[0].entity_id, "test:bank-1");
    assert_eq!(report.holds(), 1);

    // MT103: the sender's BIC from block 1.
    let mt = String::from_utf8(fixture("mt103_clean.txt"))
        .unwrap()
        .replace("{1:F01COBADEFFAXXX", "{1:F01FTBDKPPYAXXX");
    let report = screen(&index, mt.as_bytes());
    assert_eq!(report.messages[0].decision, Decision::Hold);
}

#[test]
fn errors_are_never_a_pass() {
    let index = MatchIndex::build(vec![listed_bank()]);
    for bad in [
        "bad_not_well_formed.xml",
        "bad_long_name.xml",
        "bad_count_mismatch.xml",
        "bad_ctrlsum.xml",
        "bad_camt053.xml",
        "bad_mt202.txt",
        "bad_mt103_long_line.txt",
        "bad_mt103_five_lines.txt",
    ] {
        let result = screen_bytes(&index, &fixture(bad), &PaymentsOptions::default());
        assert!(result.is_err(), "{bad} screened: {result:?}");
    }
    let empty = MatchIndex::build(Vec::new());
    let result = screen_bytes(
        &empty,
        &fixture("mt103_clean.txt"),
        &PaymentsOptions::default(),
    );
    assert!(matches!(result, Err(PaymentsError::NoLists)), "{result:?}");
}

#[test]
fn report_json_has_the_documented_shape() {
    let index = MatchIndex::build(vec![listed_bank()]);
    let report = screen(&index, &fixture("pacs008_001_08_listed_creditor.xml"));
    let json = serde_json::to_value(&report).unwrap();
    let m = &json["messages"][0];
    assert_eq!(m["id"], "NWBK20260302-0001/E2E-2026-03-0117");
    assert_eq!(m["type"], "pacs.008.001.08");
    assert!(m["decision"] == "pass" || m["decision"] == "hold");
    assert_eq!(m["parties"][0]["role"], "debtor");
    assert_eq!(m["parties"][1]["role"], "creditor");
    assert_eq!(m["parties"][1]["name"], "Hafiz Mohammed Saeed");
    assert!(m["parties"][1]["matches"].is_array());
    assert!(m["remittance_matches"].is_array());
    // The creditor is screened as a person with the birth date; the address and residence
    // country (PK) are not passed as a nationality.
    let query = &m["parties"][1]["query"];
    assert_eq!(query["schema"], "person");
    assert_eq!(query["birth_date"], "1950-06-05");
    assert!(query.get("nationalities").is_none(), "{query}");
}

#[test]
fn real_lists_hold_listed_parties_under_other_spellings() {
    let Some(index) = real_index() else { return };
    let report = screen(index, &fixture("pacs008_001_08_listed_creditor.xml"));
    let m = &report.messages[0];
    assert_eq!(m.decision, Decision::Hold);
    assert!(
        party_hits(m, PartyRole::Creditor).contains(&"un-sc:QDi.263"),
        "{:#?}",
        m.parties
    );
    assert!(party_hits(m, PartyRole::Debtor).is_empty());

    let report = screen(index, &fixture("pacs008_001_02_apphdr_prefixed.xml"));
    let m = &report.messages[0];
    assert_eq!(m.decision, Decision::Hold);
    assert!(
        party_hits(m, PartyRole::Creditor).contains(&"un-sc:QDe.005"),
        "{:#?}",
        m.parties
    );

    let report = screen(index, &fixture("mt103_50f_listed.txt"));
    let m = &report.messages[0];
    assert_eq!(m.decision, Decision::Hold);
    assert!(
        party_hits(m, PartyRole::Debtor).contains(&"un-sc:QDi.135"),
        "{:#?}",
        m.parties
    );
}

#[test]
fn real_lists_pain001_holds_only_the_transaction_with_the_listed_ultimate_debtor() {
    let Some(index) = real_index() else { return };
    let report = screen(index, &fixture("pain001_001_03_ultimate_debtor.xml"));
    let decisions: Vec<Decision> = report.messages.iter().map(|m| m.decision).collect();
    assert_eq!(
        decisions,
        [Decision::Pass, Decision::Hold, Decision::Pass],
        "{report:#?}"
    );
    assert!(party_hits(&report.messages[1], PartyRole::UltimateDebtor).contains(&"un-sc:QDi.037"));
}

#[test]
fn real_lists_clean_payments_pass() {
    let Some(index) = real_index() else { return };
    for clean in ["pacs008_001_08_clean_multi.xml", "mt103_clean.txt"] {
        let report = screen(index, &fixture(clean));
        for m in &report.messages {
            assert_eq!(m.decision, Decision::Pass, "{clean}: {m:#?}");
        }
    }
}

#[test]
fn real_lists_multi_mt103_remittance_and_beneficiary() {
    let Some(index) = real_index() else { return };
    let report = screen(index, &fixture("mt103_multi_lf.txt"));
    let decisions: Vec<Decision> = report.messages.iter().map(|m| m.decision).collect();
    assert_eq!(
        decisions,
        [Decision::Pass, Decision::Hold, Decision::Hold],
        "{report:#?}"
    );
    let text = &report.messages[1].remittance_matches;
    assert!(
        text.iter()
            .any(|t| t.hit.entity_id == "un-sc:QDe.118" && t.source == "70"),
        "{text:#?}"
    );
    assert!(party_hits(&report.messages[2], PartyRole::Creditor).contains(&"un-sc:QDe.118"));
}

#[test]
fn real_lists_ofac_bic_of_a_listed_bank() {
    let Some(index) = real_index() else { return };
    let xml = String::from_utf8(fixture("pacs008_001_08_clean_multi.xml"))
        .unwrap()
        .replace("<BICFI>BNPAFRPP</BICFI>", "<BICFI>DCBKKPPYXXX</BICFI>");
    let report = screen(index, xml.as_bytes());
    assert_eq!(report.messages[0].decision, Decision::Hold);
    let hits: Vec<&str> = report.messages[0]
        .agents
        .iter()
        .flat_map(|a| a.matches.iter().map(|h| h.entity_id.as_str()))
        .collect();
    assert!(hits.contains(&"ofac-sdn:16085"), "{hits:?}");
}

#[test]
fn real_lists_common_given_names_in_remittance_do_not_alert() {
    let Some(index) = real_index() else { return };
    let texts = [
        "Payment to Mohammed for rent",
        "Gift for Ali",
        "SALARY MARCH MOHAMMAD",
        "School fees Ahmed and Fatima",
        "INVOICE 4471 PRINTER PAPER",
    ];
    for text in texts {
        let xml = String::from_utf8(fixture("pacs008_001_08_clean_multi.xml"))
            .unwrap()
            .replace("Rent March 2026, flat 4B", text);
        let report = screen(index, xml.as_bytes());
        let m = &report.messages[0];
        assert!(
            m.remittance_matches.is_empty(),
            "{text}: {:#?}",
            m.remittance_matches
        );
    }
}
