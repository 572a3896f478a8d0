//! Payment screening throughput: parse + screen typical pacs.008 transfers against the UN
//! and OFAC lists (shared data), single thread.
//!
//! `cargo bench -p vigil-formats --bench payments`; results in docs/benchmarks.md.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::path::PathBuf;
use vigil_formats::payments::{parse_bytes, PaymentScreener, PaymentsOptions};
use vigil_lists::ListFormat;
use vigil_match::MatchIndex;

const GIVEN: &[&str] = &[
    "Anna", "Oliver", "Mohammed", "Fatima", "Lukas", "Sofia", "Ahmed", "Chen", "Maria", "John",
    "Priya", "Omar", "Elena", "Hassan", "Yuki", "Carlos", "Aisha", "Pierre", "Olga", "Ibrahim",
];
const FAMILY: &[&str] = &[
    "Schmidt", "Bennett", "Khan", "Rossi", "Novak", "Garcia", "Haddad", "Wang", "Kowalski",
    "Smith", "Sharma", "Farouk", "Petrov", "Tanaka", "Silva", "Dubois", "Yilmaz", "Jensen",
    "Okafor", "Martin",
];
const FIRMS: &[&str] = &[
    "Nordwind Logistik GmbH",
    "Thames Office Supplies Ltd",
    "Van der Berg Fietsen B.V.",
    "Atlas Textile Trading LLC",
    "Blue Harbour Shipping SA",
    "Sunrise Foods Pvt Ltd",
    "Alpine Precision Tools AG",
    "Golden Crescent Exports",
    "Maple Leaf Consulting Inc",
    "Baltic Amber Furniture OU",
];
const REMITTANCE: &[&str] = &[
    "INVOICE 2026-0117 CONSULTING",
    "Rent March 2026, flat 4B",
    "Order 4471 printer paper",
    "Salary February 2026",
    "Payment for services rendered per contract 88/2025",
];

/// A pacs.008.001.08 with `n` transactions, each debtor a firm and creditor a person,
/// four agents and one line of remittance text: the shape of a CBPR+ customer transfer.
fn pacs008(n: usize) -> Vec<u8> {
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FIToFICstmrCdtTrf><GrpHdr><MsgId>BENCH-1</MsgId><CreDtTm>2026-03-02T09:15:00</CreDtTm><NbOfTxs>{n}</NbOfTxs><SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf></GrpHdr>"
    );
    for i in 0..n {
        // Distinct for every transaction, so the per-call cache does not flatter the result.
        let person = format!(
            "{} {}-{}",
            GIVEN[i % GIVEN.len()],
            FAMILY[(i / GIVEN.len()) % FAMILY.len()],
            FAMILY[(i / (GIVEN.len() * FAMILY.len()) + i) % FAMILY.len()]
        );
        let firm = FIRMS[i % FIRMS.len()];
        let text = REMITTANCE[i % REMITTANCE.len()];
        xml.push_str(&format!(
            "<CdtTrfTxInf><PmtId><InstrId>I{i}</InstrId><EndToEndId>E2E-{i}</EndToEndId><UETR>4f1c2a6e-8d2b-4e55-9a0f-{i:012}</UETR></PmtId>\
             <IntrBkSttlmAmt Ccy=\"EUR\">{}.50</IntrBkSttlmAmt><IntrBkSttlmDt>2026-03-02</IntrBkSttlmDt><ChrgBr>SHAR</ChrgBr>\
             <InstgAgt><FinInstnId><BICFI>NWBKGB2L</BICFI></FinInstnId></InstgAgt><InstdAgt><FinInstnId><BICFI>DEUTDEFF</BICFI></FinInstnId></InstdAgt>\
             <Dbtr><Nm>{firm}</Nm><PstlAdr><StrtNm>Hafenstrasse</StrtNm><BldgNb>12</BldgNb><PstCd>20457</PstCd><TwnNm>Hamburg</TwnNm><Ctry>DE</Ctry></PstlAdr></Dbtr>\
             <DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct><DbtrAgt><FinInstnId><BICFI>COBADEFFXXX</BICFI></FinInstnId></DbtrAgt>\
             <CdtrAgt><FinInstnId><BICFI>BNPAFRPP</BICFI></FinInstnId></CdtrAgt>\
             <Cdtr><Nm>{person}</Nm><PstlAdr><TwnNm>Paris</TwnNm><Ctry>FR</Ctry></PstlAdr></Cdtr>\
             <CdtrAcct><Id><IBAN>FR1420041010050500013M02606</IBAN></Id></CdtrAcct>\
             <RmtInf><Ustrd>{text}</Ustrd></RmtInf></CdtTrfTxInf>",
            100 + i
        ));
    }
    xml.push_str("</FIToFICstmrCdtTrf></Document>\n");
    xml.into_bytes()
}

fn real_index() -> Option<MatchIndex> {
    let data = std::env::var_os("VIGIL_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    if !data.join("lists").is_dir() {
        eprintln!("skipping screening benchmarks: shared data not found");
        return None;
    }
    let un = vigil_lists::parse_path(
        "un-sc",
        ListFormat::UnSc,
        &data.join("lists/un/consolidated-2026-02-27.xml"),
    )
    .expect("UN list parses");
    let ofac = vigil_lists::parse_path("ofac-sdn", ListFormat::OfacSdn, &data.join("lists/ofac"))
        .expect("OFAC list parses");
    let mut entities = un.entities;
    entities.extend(ofac.entities);
    Some(MatchIndex::build(entities))
}

/// On-CPU time of the current thread (Linux `schedstat`, nanoseconds).
fn thread_cpu_time() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(std::time::Duration::from_nanos(ns))
}

fn payments(c: &mut Criterion) {
    const N: usize = 1000;
    let file = pacs008(N);
    let mut group = c.benchmark_group("payments");
    group.throughput(Throughput::Elements(N as u64));
    group.bench_function(BenchmarkId::new("parse_pacs008", N), |b| {
        b.iter(|| parse_bytes(&file).unwrap())
    });
    if let Some(index) = real_index() {
        let options = PaymentsOptions::default();
        let screener = PaymentScreener::new(&index);
        group.sample_size(20);
        group.bench_function(BenchmarkId::new("parse_and_screen_pacs008", N), |b| {
            b.iter(|| screener.screen_bytes(&file, &options).unwrap())
        });
        // CPU time of this thread rather than wall time: the per-core cost, unaffected by
        // other processes competing for the cores.
        group.throughput(Throughput::Elements(N as u64));
        group.bench_function(
            BenchmarkId::new("parse_and_screen_pacs008_cpu_time", N),
            |b| {
                b.iter_custom(|iters| {
                    let start = thread_cpu_time();
                    let wall = std::time::Instant::now();
                    for _ in 0..iters {
                        criterion::black_box(screener.screen_bytes(&file, &options).unwrap());
                    }
                    match (start, thread_cpu_time()) {
                        (Some(a), Some(b)) => b - a,
                        _ => wall.elapsed(),
                    }
                })
            },
        );
        // One message per call, as the HTTP service sees them (includes the BIC table).
        let one = pacs008(1);
        group.throughput(Throughput::Elements(1));
        group.bench_function("screen_bytes_single_pacs008", |b| {
            b.iter(|| vigil_formats::payments::screen_bytes(&index, &one, &options).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, payments);
criterion_main!(benches);
