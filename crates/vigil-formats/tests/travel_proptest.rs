//! Arbitrary input never panics the EDIFACT layer, the PAXLST reader, the MRZ parser or the
//! CSV reader; and what the EDIFACT layer escapes it reads back.

use proptest::prelude::*;
use vigil_formats::travel::{edifact, manifest_csv, mrz, paxlst};

const TODAY: (u16, u8, u8) = (2026, 3, 27);

/// Escapes data for the default service characters.
fn escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| match c {
            '?' | '\'' | '+' | ':' => vec!['?', c],
            c => vec![c],
        })
        .collect()
}

proptest! {
    #[test]
    fn edifact_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = edifact::parse(&bytes);
        let _ = paxlst::parse(&bytes, TODAY);
    }

    #[test]
    fn edifact_like_text_never_panics(text in "(UNA:\\+\\.\\? '|UNB\\+UNO[ABCYX]:4\\+S\\+R\\+1\\+1'|UNH\\+1\\+PAXLST:D:05B:UN:IATA\\+X\\+01:F'|UNT\\+[0-9]\\+1'|UNZ\\+1\\+1'|NAD\\+F[LM]\\+\\+\\+[A-Z?']{0,6}'|DTM\\+(329|36|189):[0-9]{0,12}(:10[12])?'|CNT\\+4[12]:[0-9]'|DOC\\+P\\+[A-Z0-9]{0,9}'|LOC\\+91'|\r\n){0,30}") {
        let _ = paxlst::parse(text.as_bytes(), TODAY);
    }

    #[test]
    fn released_data_round_trips(surname in "[A-Za-z' +:?]{1,20}", given in "[A-Za-z' +:?]{0,20}") {
        let text = format!("UNB+UNOB:4+S+R+1+1'NAD+FL+++{}:{}'", escape(&surname), escape(&given));
        let ic = edifact::parse(text.as_bytes()).unwrap();
        prop_assert_eq!(ic.segments[1].value(3, 0), surname.as_str());
        prop_assert_eq!(ic.segments[1].value(3, 1), given.as_str());
    }

    #[test]
    fn mrz_never_panics(lines in proptest::collection::vec("[A-Z0-9<]{28,46}", 1..4)) {
        if let Ok(m) = mrz::parse_at(&lines, TODAY) {
            let _ = m.failures();
            let _ = m.traveller().query();
        }
    }

    #[test]
    fn mrz_arbitrary_text_never_panics(lines in proptest::collection::vec("\\PC{0,50}", 0..4)) {
        let _ = mrz::parse_at(&lines, TODAY);
    }

    #[test]
    fn csv_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let mut input = b"name,birth_date,nationality,document_number,role\n".to_vec();
        input.extend(bytes);
        let _ = manifest_csv::parse(&input, TODAY);
    }
}
