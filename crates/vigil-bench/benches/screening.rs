//! Micro-benchmarks: screening one name against UN + OFAC (a synthetic corpus of the same
//! size when the shared data is absent), and comparing one pair of names.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use vigil_bench::{data, synthetic};
use vigil_core::{Query, Schema};
use vigil_match::{MatchIndex, ScreenOptions};

fn screen_one(c: &mut Criterion) {
    let entities = match data::shared_data_dir() {
        Some(dir) => data::load_lists(&dir).expect("the shared lists parse"),
        None => {
            eprintln!("shared data not found: benchmarking a synthetic corpus of 10,000 entities");
            synthetic::corpus(10_000, 42)
        }
    };
    let index = MatchIndex::build(entities);
    let options = ScreenOptions::default();
    let queries = [
        ("screen_latin_org", Query::name("Lashkar e Taiba")),
        (
            "screen_person_with_schema",
            Query {
                schema: Some(Schema::Person),
                ..Query::name("Hafiz Mohammad Sayeed")
            },
        ),
        ("screen_arabic", Query::name("لشكر طيبة")),
        ("screen_negative", Query::name("Maria Gonzalez Lopez")),
    ];
    for (label, query) in &queries {
        c.bench_function(label, |b| {
            b.iter(|| index.screen(black_box(query), &options))
        });
    }
}

fn compare_one(c: &mut Criterion) {
    c.bench_function("compare_pair", |b| {
        b.iter(|| {
            vigil_match::compare(
                black_box("Usama bin Ladin"),
                black_box("Osama bin Laden"),
                Some(Schema::Person),
            )
        })
    });
}

criterion_group!(benches, screen_one, compare_one);
criterion_main!(benches);
