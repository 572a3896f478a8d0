//! Text scanning throughput on the real UN + OFAC lists (skipped, with a message, when the
//! shared data is absent): about 6 MB of news-like text, made of the US-India joint
//! statement repeated and generated sentences full of capitalised words, common Muslim
//! given names, places and organisation words (the costly case: many anchors, few hits).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;
use vigil_match::{MatchIndex, ScanOptions};

fn shared_data() -> Option<PathBuf> {
    let dir = std::env::var_os("VIGIL_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    if dir.join("lists/un/consolidated-2026-02-27.xml").is_file() {
        Some(dir)
    } else {
        eprintln!("skipping: shared data not found at {}", dir.display());
        None
    }
}

/// Deterministic news-like sentences (a small linear congruential generator: no rand).
fn generated(bytes: usize) -> String {
    const PEOPLE: &[&str] = &[
        "Mohammed", "Ali", "Ahmed", "Hassan", "Omar", "Khalid", "Fatima", "Imran", "Tariq",
        "Abdullah", "Yusuf", "Ibrahim", "Karim", "Saeed", "Rashid", "Hussain",
    ];
    const PLACES: &[&str] = &[
        "Kabul",
        "Lahore",
        "Mosul",
        "Mogadishu",
        "Islamabad",
        "New Delhi",
        "Washington",
        "Baghdad",
        "Damascus",
        "Karachi",
        "Peshawar",
        "Kandahar",
    ];
    const ORGS: &[&str] = &[
        "the Ministry of Interior",
        "the Central Bank",
        "Islamic Relief",
        "the Red Crescent",
        "the United Nations",
        "the National Security Council",
        "Reuters",
        "the State Bank",
    ];
    const VERBS: &[&str] = &[
        "said on Tuesday that",
        "told reporters that",
        "denied claims that",
        "confirmed that",
    ];
    const CLAUSES: &[&str] = &[
        "security forces had arrested several suspects near the border.",
        "the talks would resume after the holiday.",
        "funding for the programme had been frozen.",
        "the Taliban had seized two districts overnight.",
        "an attack claimed by Lashkar-e-Taiba killed four soldiers.",
    ];
    let mut seed: u64 = 42;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    let mut out = String::with_capacity(bytes + 200);
    while out.len() < bytes {
        let sentence = format!(
            "{} {}, an official with {} in {}, {} {}",
            PEOPLE[next(PEOPLE.len())],
            PEOPLE[next(PEOPLE.len())],
            ORGS[next(ORGS.len())],
            PLACES[next(PLACES.len())],
            VERBS[next(VERBS.len())],
            CLAUSES[next(CLAUSES.len())]
        );
        out.push_str(&sentence);
        out.push_str(if next(4) == 0 { "\n\n" } else { " " });
    }
    out
}

/// CPU time this thread has run (Linux `/proc/thread-self/schedstat`, first field in ns).
fn thread_cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    let ns = stat
        .split_whitespace()
        .next()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    Duration::from_nanos(ns)
}

fn bench(c: &mut Criterion) {
    let Some(dir) = shared_data() else { return };
    let mut entities = vigil_lists::un_sc::parse(&dir.join("lists/un/consolidated-2026-02-27.xml"))
        .expect("UN list parses")
        .entities;
    entities.extend(
        vigil_lists::ofac_sdn::parse_dir(&dir.join("lists/ofac"))
            .expect("OFAC list parses")
            .entities,
    );
    let index = MatchIndex::build(entities);
    let article = std::fs::read_to_string(dir.join("text/us-india-ct-joint-statement.txt"))
        .expect("article reads");
    let mut text = article.repeat(900); // ~3 MB
    text.push_str(&generated(3_000_000));
    let options = ScanOptions::default();
    let mut group = c.benchmark_group("scan");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("news_6mb", |b| {
        b.iter(|| black_box(index.scan(black_box(&text), &options)).len())
    });
    // The same, timed by the thread's CPU time: on a shared machine (2 cores, many builds)
    // wall time mostly measures the other processes.
    group.bench_function("news_6mb_cpu_time", |b| {
        b.iter_custom(|iters| {
            let start = thread_cpu_time();
            for _ in 0..iters {
                black_box(index.scan(black_box(&text), &options).len());
            }
            thread_cpu_time().saturating_sub(start)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
