//! Inputs built to hurt a reader: deep nesting, huge element headers, entity bombs, glued
//! documents, endless lines. Each is refused quickly with an error naming the limit, and
//! never overflows the stack or runs for long.

use std::time::{Duration, Instant};
use vigil_lists::{parse_bytes, ListError, ListFormat};

/// Parses `bytes` as `format`, failing the test if it takes longer than a few seconds
/// (debug build on a loaded shared machine: the bound is loose; quadratic work takes minutes).
fn refused(format: ListFormat, source: &str, bytes: &[u8]) -> String {
    let started = Instant::now();
    let result = parse_bytes(source, format, "hostile", bytes);
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(20), "took {elapsed:?}");
    match result {
        Err(err) => err.to_string(),
        Ok(list) => panic!("accepted {} entities", list.entities.len()),
    }
}

const RECORD: &str = "<INDIVIDUAL><FIRST_NAME>A</FIRST_NAME>\
                      <REFERENCE_NUMBER>QDi.001</REFERENCE_NUMBER></INDIVIDUAL>";

#[test]
fn sixty_thousand_nested_records_are_refused_not_a_stack_overflow() {
    let depth = 60_000;
    let mut xml = String::from("<CONSOLIDATED_LIST><INDIVIDUALS>");
    xml.push_str(&"<INDIVIDUAL>".repeat(depth));
    xml.push_str(&"</INDIVIDUAL>".repeat(depth));
    xml.push_str("</INDIVIDUALS></CONSOLIDATED_LIST>");
    assert!(xml.len() > 1_400_000);
    let message = refused(ListFormat::UnSc, "un-sc", xml.as_bytes());
    assert!(message.contains("deeper than 64 levels"), "{message}");
    assert!(message.starts_with("hostile:1:"), "{message}");
}

#[test]
fn an_element_with_a_hundred_thousand_attributes_is_refused_in_linear_time() {
    let attributes: String = (0..100_000).map(|i| format!(" a{i}=\"{i}\"")).collect();
    let xml = format!(
        "<CONSOLIDATED_LIST dateGenerated=\"2026-01-01\"{attributes}><INDIVIDUALS>{RECORD}\
         </INDIVIDUALS></CONSOLIDATED_LIST>"
    );
    let message = refused(ListFormat::UnSc, "un-sc", xml.as_bytes());
    assert!(message.contains("100001 attributes"), "{message}");
}

#[test]
fn entities_are_never_expanded() {
    let mut doctype = String::from("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", i - 1)
        };
        doctype.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
    }
    doctype.push(']');
    doctype.push('>');
    let xml = format!(
        "<?xml version=\"1.0\"?>{doctype}<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>\
         <FIRST_NAME>&lol9;</FIRST_NAME><REFERENCE_NUMBER>QDi.001</REFERENCE_NUMBER>\
         </INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"
    );
    let message = refused(ListFormat::UnSc, "un-sc", xml.as_bytes());
    assert!(message.contains("lol9"), "{message}");
}

#[test]
fn a_second_document_after_the_first_is_refused() {
    let one =
        format!("<CONSOLIDATED_LIST><INDIVIDUALS>{RECORD}</INDIVIDUALS></CONSOLIDATED_LIST>\n");
    let two = format!("{one}<?xml version=\"1.0\"?>\n{one}");
    let message = refused(ListFormat::UnSc, "un-sc", two.as_bytes());
    assert!(message.contains("second root element"), "{message}");
}

/// `start` followed by `x` up to 100 MB.
fn long_line(start: &[u8]) -> Vec<u8> {
    let mut bytes = vec![b'x'; 100 << 20];
    bytes[..start.len()].copy_from_slice(start);
    bytes
}

/// 100 MB with no line break, in each line-oriented list format.
#[test]
fn a_hundred_megabyte_line_is_refused() {
    let csv = long_line(b"id,schema,name\n1,person,\"");
    let message = refused(ListFormat::Csv, "mine", &csv);
    assert!(message.contains("longer than 1048576 bytes"), "{message}");
    assert!(message.contains("line 2"), "{message}");

    let ftm = long_line(br#"{"id": "x", "schema": "Person", "properties": {"name": [""#);
    let message = refused(ListFormat::Ftm, "mine", &ftm);
    assert!(message.contains("longer than 1048576 bytes"), "{message}");
}

#[test]
fn deeply_nested_json_is_refused() {
    let line = format!(
        "{{\"id\": \"x\", \"schema\": \"Person\", \"properties\": {}{}}}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let message = refused(ListFormat::Ftm, "mine", line.as_bytes());
    assert!(message.contains("line 1"), "{message}");
}

#[test]
fn binary_rows_in_a_csv_list_are_refused() {
    let csv = b"id,schema,name\n1,person,Jane Doe\n\x00\x01\x02\x7f\xfe\n";
    let message = refused(ListFormat::Csv, "mine", csv);
    assert!(
        message.contains("line 3") && message.contains("0x00"),
        "{message}"
    );
}

#[test]
fn an_oversized_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.csv");
    let file = std::fs::File::create(&path).unwrap();
    // Sparse: no disk is used for the hole.
    file.set_len(vigil_core::limits::MAX_LIST_BYTES as u64 + 1)
        .unwrap();
    let err = vigil_lists::parse_path("mine", ListFormat::Csv, &path).unwrap_err();
    assert!(matches!(err, ListError::Invalid { .. }), "{err}");
    assert!(err.to_string().contains("the limit is"), "{err}");
}
