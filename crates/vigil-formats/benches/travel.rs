//! Screening a generated 500-traveller PAXLST (D05B) against the UN consolidated list.
//! Run: `cargo bench -p vigil-formats --bench travel` (needs the shared data; see
//! docs/benchmarks.md).

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::PathBuf;
use vigil_formats::travel::{screen_manifest, TravelOptions};
use vigil_match::MatchIndex;

const GIVEN: &[&str] = &[
    "JOHN",
    "MARIA",
    "AHMED",
    "LI",
    "SOFIA",
    "OLEKSANDR",
    "FATIMA",
    "DAVID",
    "AIKO",
    "PEDRO",
];
const SURNAMES: &[&str] = &[
    "SMITH",
    "GARCIA",
    "KHAN",
    "WANG",
    "ROSSI",
    "KOVALENKO",
    "HASSAN",
    "COHEN",
    "SATO",
    "SILVA",
];

/// A PAXLST with `n` passengers, two of them UN-listed persons under variant spellings.
fn manifest(n: usize) -> String {
    let mut body = String::from(
        "BGM+745'NAD+MS+++BENCH OPS'TDT+20+TK1980+++TK'LOC+125+IST'DTM+189:2603011230:201'LOC+87+LHR'DTM+232:2603011500:201'",
    );
    let mut segments = 7;
    for i in 0..n {
        let (surname, given) = match i {
            100 => (
                "AL MAROUFI".to_owned(),
                "TARIQ:BIN HABIB BIN AL TOUMI".to_owned(),
            ),
            400 => ("TANTOUCHE".to_owned(), "IBRAHIM:ALI".to_owned()),
            _ => (
                format!(
                    "{}{}",
                    SURNAMES[i % 10],
                    ["", "SON", "OV", "ER"][i / 10 % 4]
                ),
                format!("{}:{}", GIVEN[i / 40 % 10], GIVEN[(i + 3) % 10]),
            ),
        };
        body.push_str(&format!(
            "NAD+FL+++{surname}:{given}'ATT+2++M'DTM+329:{:02}{:02}{:02}'NAT+2+GBR'DOC+P:110:111+X{i:08}'DTM+36:300101'LOC+91+GBR'",
            50 + i % 50,
            1 + i % 12,
            1 + i % 28
        ));
        segments += 7;
    }
    body.push_str(&format!("CNT+42:{n}'"));
    segments += 1;
    format!(
        "UNA:+.? 'UNB+UNOA:4+BENCH+VIGIL+260301:1200+1'UNH+1+PAXLST:D:05B:UN:IATA+B1+01:F'{body}UNT+{}+1'UNZ+1+1'",
        segments + 2
    )
}

fn shared_un_list() -> Option<PathBuf> {
    let dir = std::env::var_os("VIGIL_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    let path = dir.join("lists/un/consolidated-2026-02-27.xml");
    path.exists().then_some(path)
}

fn bench(c: &mut Criterion) {
    let entities = match shared_un_list() {
        Some(path) => {
            vigil_lists::un_sc::parse(&path)
                .expect("UN list parses")
                .entities
        }
        None => {
            eprintln!("skipping: shared data not found (set VIGIL_SHARED_DATA); benchmarking against an empty index");
            Vec::new()
        }
    };
    let index = MatchIndex::build(entities);
    let bytes = manifest(500).into_bytes();
    let options = TravelOptions::default();
    let report = screen_manifest(&index, &bytes, &options).expect("generated manifest is valid");
    assert_eq!(report.travellers.len(), 500);
    assert!(!report.has_errors(), "{:?}", report.errors);
    c.bench_function("travel screen_manifest 500 travellers (UN list)", |b| {
        b.iter(|| screen_manifest(&index, &bytes, &options).unwrap())
    });
    // The engine alone on the same queries, to tell parsing and verdict overhead from
    // name matching.
    let queries: Vec<_> = report
        .travellers
        .iter()
        .map(|t| t.traveller.query())
        .collect();
    let screen_options = vigil_match::ScreenOptions {
        threshold: options.corroborated_threshold,
        limit: options.limit,
    };
    c.bench_function("travel engine alone, the same 500 queries", |b| {
        b.iter(|| {
            queries
                .iter()
                .map(|q| index.screen(q, &screen_options).len())
                .sum::<usize>()
        })
    });
    c.bench_function("travel parse PAXLST 500 travellers", |b| {
        b.iter(|| vigil_formats::travel::paxlst::parse(&bytes, (2026, 3, 1)).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
