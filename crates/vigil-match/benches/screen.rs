//! Micro-benchmarks of the engine on the real UN + OFAC lists (skipped, with a message, when
//! the shared data is absent): index build, one query (mixed: exact, variants, typos, misses),
//! and one name comparison.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use vigil_core::{Entity, Query};
use vigil_match::{compare, MatchIndex, ScreenOptions};

fn entities() -> Option<Vec<Entity>> {
    let dir = std::env::var_os("VIGIL_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    let un = dir.join("lists/un/consolidated-2026-02-27.xml");
    if !un.is_file() {
        eprintln!("skipping: shared data not found at {}", dir.display());
        return None;
    }
    let mut all = vigil_lists::un_sc::parse(&un).ok()?.entities;
    all.extend(
        vigil_lists::ofac_sdn::parse_dir(&dir.join("lists/ofac"))
            .ok()?
            .entities,
    );
    Some(all)
}

/// A mix like real traffic: mostly names not on any list, some near hits.
const QUERIES: &[&str] = &[
    "John Smith",
    "Maria Garcia Lopez",
    "Hafiz Mohammad Sayeed",
    "Usama bin Ladin",
    "Lashkar e Toiba",
    "Zaki ur Rehman Lakvhi",
    "Mohammed Ali",
    "Acme Trading Company Limited",
    "Ayman al Zawahri",
    "Wei Zhang",
    "Abdulrahman Yasin",
    "Sand Swan",
];

fn bench(c: &mut Criterion) {
    let Some(all) = entities() else { return };
    let index = MatchIndex::build(all.clone());
    eprintln!(
        "{} entities, {} indexed names, ~{} MB of search structures",
        index.len(),
        index.name_count(),
        index.index_heap_bytes() / 1_000_000
    );
    let options = ScreenOptions::default();
    let queries: Vec<Query> = QUERIES.iter().map(|n| Query::name(*n)).collect();
    c.bench_function("screen_mixed_query", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % queries.len();
            black_box(index.screen(&queries[i], &options))
        })
    });
    c.bench_function("compare_pair", |b| {
        b.iter(|| black_box(compare("Usama bin Ladin", "Osama bin Laden", None)))
    });
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    group.bench_function("index_build", |b| {
        b.iter_batched(|| all.clone(), MatchIndex::build, BatchSize::LargeInput)
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
