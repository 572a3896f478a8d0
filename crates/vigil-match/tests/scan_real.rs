//! Text scanning against the real UN 2026 and OFAC lists (read in place from shared data).

mod common;

use std::path::Path;
use vigil_match::{MatchIndex, Mention, ScanOptions};
use vigil_testkit::shared_data;

fn index() -> Option<&'static MatchIndex> {
    common::real_index()
}

fn scan(ix: &MatchIndex, text: &str) -> Vec<Mention> {
    ix.scan(text, &ScanOptions::default())
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/scan")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Distinct entity ids mentioned, sorted.
fn entities(ms: &[Mention]) -> Vec<&str> {
    let mut ids: Vec<&str> = ms.iter().map(|m| m.entity_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Every mention's text is the text at its char offsets.
fn offsets_agree(text: &str, ms: &[Mention]) {
    for m in ms {
        let at: String = text.chars().skip(m.start).take(m.end - m.start).collect();
        assert_eq!(at, m.text, "{m:?}");
    }
}

fn texts_of<'a>(ms: &'a [Mention], id: &str) -> Vec<&'a str> {
    ms.iter()
        .filter(|m| m.entity_id == id)
        .map(|m| m.text.as_str())
        .collect()
}

#[test]
fn joint_statement_yields_the_five_groups_and_nothing_else() {
    let Some(ix) = index() else { return };
    let dir = shared_data().unwrap();
    let text = std::fs::read_to_string(dir.join("text/us-india-ct-joint-statement.txt")).unwrap();
    let ms = scan(ix, &text);
    offsets_agree(&text, &ms);
    assert_eq!(
        entities(&ms),
        [
            "ofac-sdn:6366", // AL QA'IDA
            "ofac-sdn:6636", // TALIBAN
            "ofac-sdn:6935", // JAISH-I-MOHAMMED
            "ofac-sdn:7140", // LASHKAR E-TAYYIBA
            "ofac-sdn:8759", // ISLAMIC STATE OF IRAQ AND THE LEVANT (aka ISIS, DAESH)
            "un-sc:QDe.004", // AL-QAIDA
            "un-sc:QDe.019", // JAISH-I-MOHAMMED
            "un-sc:QDe.118", // LASHKAR-E-TAYYIBA
        ],
        "{}",
        show(&ms)
    );
    assert_eq!(texts_of(&ms, "ofac-sdn:8759"), ["ISIS", "Daesh"]);
    assert_eq!(texts_of(&ms, "un-sc:QDe.118"), ["Lashkar-e-Taiba", "LeT"]);
    assert_eq!(texts_of(&ms, "un-sc:QDe.019"), ["Jaish-e-Mohammad", "JeM"]);
    assert_eq!(texts_of(&ms, "un-sc:QDe.004"), ["al-Qaida"]);
    // Taliban: three in duplicated headlines, three in the body.
    assert_eq!(texts_of(&ms, "ofac-sdn:6636").len(), 6);
    let isis = ms.iter().find(|m| m.text == "ISIS").unwrap();
    assert_eq!((isis.start, isis.end), (1399, 1403));
    assert!(
        isis.snippet.contains("al-Qaida, ISIS/Daesh"),
        "{}",
        isis.snippet
    );
}

#[test]
fn court_report_finds_saeed_in_every_form_and_not_the_bystanders() {
    let Some(ix) = index() else { return };
    let text = fixture("lahore_court.txt");
    let ms = scan(ix, &text);
    offsets_agree(&text, &ms);
    // Full name broken across a line, then the possessive and a later lone surname.
    assert_eq!(
        texts_of(&ms, "un-sc:QDi.263"),
        ["Hafiz Saeed", "Hafiz Muhammad\nSaeed", "Saeed", "Saeed"],
        "{}",
        show(&ms)
    );
    // Lashkar-e-Toiba (a listed spelling) and Jamaat-ud-Dawa (JuD) are the same entity.
    assert_eq!(
        texts_of(&ms, "un-sc:QDe.118"),
        ["Lashkar-e-Toiba", "Jamaat-ud-Dawa", "JuD", "JuD"]
    );
    for m in &ms {
        // OFAC 18619 (KHAN, Hafiz Saeed) has the alias "SAEED, Hafiz": the short form is
        // his name too, and only the short form may name him.
        let other_hafiz = m.entity_id == "ofac-sdn:18619" && m.text == "Hafiz Saeed";
        assert!(
            other_hafiz
                || [
                    "un-sc:QDi.263",
                    "ofac-sdn:10689",
                    "un-sc:QDe.118",
                    "ofac-sdn:7140"
                ]
                .contains(&m.entity_id.as_str()),
            "unexpected {m:?}"
        );
    }
}

#[test]
fn profile_finds_groups_and_people_but_not_common_names_or_places() {
    let Some(ix) = index() else { return };
    let text = fixture("syria_profile.txt");
    let ms = scan(ix, &text);
    offsets_agree(&text, &ms);
    let ids = entities(&ms);
    for id in [
        "ofac-sdn:8759",  // the Islamic State (full name and the headline's short form)
        "un-sc:QDe.115",  // AL-QAIDA IN IRAQ, and its acronym AQI
        "un-sc:QDi.325",  // Abu Mohammed al-Adnani
        "ofac-sdn:16937", // Hay'at Tahrir al-Sham
    ] {
        assert!(ids.contains(&id), "{id} missing: {}", show(&ms));
    }
    let aqi: Vec<&str> = texts_of(&ms, "un-sc:QDe.115");
    assert!(aqi.contains(&"AQI"), "{aqi:?}");
    for m in &ms {
        for bystander in [
            "Omar Hassan",
            "Karim Haddad",
            "Mohammed",
            "Ali",
            "Erbil",
            "Mosul",
            "Turkey",
            "SDF",
        ] {
            assert_ne!(m.text, bystander, "{m:?}");
        }
    }
}

fn show(ms: &[Mention]) -> String {
    ms.iter()
        .map(|m| {
            format!(
                "{}..{} {:?} {} {} ({}) {:?}\n",
                m.start, m.end, m.text, m.entity_id, m.score, m.matched_name, m.kind
            )
        })
        .collect()
}
