//! Per-query latency percentiles and single-thread throughput on the real lists:
//! `cargo run --release -p vigil-match --example latency`.

use std::path::PathBuf;
use std::time::Instant;
use vigil_core::Query;
use vigil_match::{MatchIndex, ScreenOptions};

fn main() {
    let dir = std::env::var_os("VIGIL_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/data"));
    let un = dir.join("lists/un/consolidated-2026-02-27.xml");
    let Ok(un) = vigil_lists::un_sc::parse(&un) else {
        eprintln!("skipping: shared data not found at {}", dir.display());
        return;
    };
    let mut all = un.entities;
    all.extend(
        vigil_lists::ofac_sdn::parse_dir(&dir.join("lists/ofac"))
            .expect("OFAC parses")
            .entities,
    );
    let t = Instant::now();
    let index = MatchIndex::build(all);
    println!(
        "build: {:?} for {} entities, {} names, ~{} MB",
        t.elapsed(),
        index.len(),
        index.name_count(),
        index.index_heap_bytes() / 1_000_000
    );
    // Queries: every listed name, perturbed (one letter dropped mid-word) - hard cases.
    let queries: Vec<Query> = index
        .entities()
        .iter()
        .flat_map(|e| e.names.iter().take(3))
        .map(|n| {
            let mut s: Vec<char> = n.full.chars().collect();
            if s.len() > 6 {
                s.remove(s.len() / 2);
            }
            Query::name(s.into_iter().collect::<String>())
        })
        .collect();
    let options = ScreenOptions::default();
    let mut times = Vec::with_capacity(queries.len());
    let start = Instant::now();
    let mut hits = 0usize;
    for q in &queries {
        let t = Instant::now();
        hits += usize::from(!index.screen(q, &options).is_empty());
        times.push(t.elapsed().as_nanos() as u64);
    }
    let total = start.elapsed();
    times.sort_unstable();
    let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)] / 1000;
    println!(
        "{} queries ({} with alerts): p50 {} µs, p90 {} µs, p99 {} µs, max {} µs; {:.0} queries/s on one thread",
        queries.len(),
        hits,
        pct(0.5),
        pct(0.9),
        pct(0.99),
        pct(1.0),
        queries.len() as f64 / total.as_secs_f64()
    );
}
