//! The OFAC SDN parser never panics, whatever bytes it is given.

use proptest::prelude::*;
use std::path::PathBuf;
use vigil_lists::ofac_sdn::{parse_files, OfacFile, OfacFiles};

fn file(name: &str, bytes: Vec<u8>) -> OfacFile {
    OfacFile {
        path: PathBuf::from(name),
        bytes,
    }
}

/// A plausible sdn.csv row with an arbitrary remarks text, so the remarks parser is reached.
fn sdn_row(remarks: &str) -> Vec<u8> {
    let remarks = remarks.replace('"', "'");
    format!(
        "7,\"DOE, Jane\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"{remarks}\"\r\n\
         8,\"X\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"Linked To: DOE, Jane.\"\r\n\x1a"
    )
    .into_bytes()
}

const ALT: &[u8] = b"7,1,\"aka\",\"DOE, J.\",-0- \r\n";
const ADD: &[u8] = b"7,1,-0- ,\"Lahore\",\"Pakistan\",-0- \r\n";

const FRAGMENTS: &[&str] = &[
    "DOB ",
    "alt. ",
    "circa ",
    " to ",
    "31 Aug 1960",
    "Feb 30 2000",
    "POB ",
    "nationality ",
    "citizen ",
    "Gender ",
    "Passport ",
    "(",
    ")",
    ";",
    "'",
    ".",
    " issued ",
    " expires ",
    "a.k.a. ",
    "f.k.a. ",
    "Linked To: ",
    "Digital Currency Address - ",
    "IMO ",
    "MMSI ",
    "NIT #",
    "Organization Type:",
    "Former Vessel Flag ",
    "9999",
    "-",
    " ",
];

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(
        sdn in proptest::collection::vec(any::<u8>(), 0..400),
        alt in proptest::collection::vec(any::<u8>(), 0..200),
        add in proptest::collection::vec(any::<u8>(), 0..200),
        comments in proptest::collection::vec(any::<u8>(), 0..100),
    ) {
        let _ = parse_files(&OfacFiles {
            sdn: file("sdn.csv", sdn),
            alt: Some(file("alt.csv", alt)),
            add: Some(file("add.csv", add)),
            comments: Some(file("sdn_comments.csv", comments)),
        });
    }

    #[test]
    fn arbitrary_remarks_never_panic(
        parts in proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..40),
        tail in "\\PC{0,40}",
        comment in "\\PC{0,40}",
    ) {
        let remarks = parts.concat() + &tail;
        let comments = format!("7,\"{}\"\r\n", comment.replace('"', "'")).into_bytes();
        let list = parse_files(&OfacFiles {
            sdn: file("sdn.csv", sdn_row(&remarks)),
            alt: Some(file("alt.csv", ALT.to_vec())),
            add: Some(file("add.csv", ADD.to_vec())),
            comments: Some(file("sdn_comments.csv", comments)),
        });
        // A well-formed row stays importable whatever its remarks say.
        prop_assert_eq!(list.map(|l| l.entities.len()).ok(), Some(2));
    }
}
