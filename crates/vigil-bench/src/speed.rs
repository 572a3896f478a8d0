//! The speed benchmark: index build time, memory, single-query latency and batch throughput,
//! all in process and warm.

use rayon::prelude::*;
use serde::Serialize;
use std::fmt::Write as _;
use std::time::{Duration, Instant};
use vigil_core::{Entity, Query};
use vigil_match::{MatchIndex, ScreenOptions};

#[derive(Debug, Clone, Serialize)]
pub struct SpeedReport {
    pub corpus: String,
    pub entities: usize,
    pub names: usize,
    pub index_build_ms: f64,
    /// Resident memory before the index was built (entities loaded), in MiB.
    pub rss_before_build_mib: f64,
    /// Resident memory with the index built (the entities are moved into it), in MiB.
    pub rss_after_build_mib: f64,
    /// The process's peak resident memory (VmHWM) after the build, in MiB.
    pub peak_rss_mib: f64,
    pub queries: usize,
    pub latency_p50_ms: f64,
    pub latency_p90_ms: f64,
    pub latency_p99_ms: f64,
    pub latency_max_ms: f64,
    /// Wall-clock throughput of the one-thread batch (summed per-query latencies).
    pub queries_per_s_one_thread: f64,
    /// The same batch over the benchmark thread's own on-CPU time (`None` off Linux): on a
    /// shared machine wall-clock time counts the time other processes held the core, CPU
    /// time does not, so this is the steadier per-core figure.
    pub queries_per_cpu_s_one_thread: Option<f64>,
    pub threads: usize,
    pub queries_per_s_all_threads: f64,
}

/// A field of /proc/self/status in MiB (`None` off Linux).
pub fn proc_status_mib(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// On-CPU time of the calling thread so far: the first field of Linux's
/// `/proc/thread-self/schedstat`, in nanoseconds (`None` where that file does not exist).
/// The kernel brings it up to date at scheduler ticks and switches, so time a batch of at
/// least a few hundred milliseconds for a figure within a few percent.
pub fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1e3
}

/// Builds the index from `entities` and measures it on `queries` (screened with the default
/// options, as the CLI does). Every query runs once to warm up before anything is timed.
pub fn measure(corpus: &str, entities: Vec<Entity>, queries: &[Query]) -> SpeedReport {
    let names = entities.iter().map(|e| e.names.len()).sum();
    let count = entities.len();
    let rss_before = proc_status_mib("VmRSS:").unwrap_or(0.0);
    let started = Instant::now();
    let index = MatchIndex::build(entities);
    let build = started.elapsed();
    let rss_after = proc_status_mib("VmRSS:").unwrap_or(0.0);
    let peak = proc_status_mib("VmHWM:").unwrap_or(0.0);
    let options = ScreenOptions::default();

    for q in queries {
        std::hint::black_box(index.screen(q, &options));
    }
    let cpu_start = thread_cpu_time();
    let mut latencies: Vec<Duration> = queries
        .iter()
        .map(|q| {
            let t = Instant::now();
            std::hint::black_box(index.screen(q, &options));
            t.elapsed()
        })
        .collect();
    let single_cpu = thread_cpu_time()
        .zip(cpu_start)
        .map(|(end, start)| end.saturating_sub(start));
    let single_total: Duration = latencies.iter().sum();
    latencies.sort();

    let t = Instant::now();
    queries.par_iter().for_each(|q| {
        std::hint::black_box(index.screen(q, &options));
    });
    let parallel = t.elapsed();

    let per_s = |n: usize, d: Duration| n as f64 / d.as_secs_f64().max(1e-9);
    SpeedReport {
        corpus: corpus.to_owned(),
        entities: count,
        names,
        index_build_ms: build.as_secs_f64() * 1e3,
        rss_before_build_mib: rss_before,
        rss_after_build_mib: rss_after,
        peak_rss_mib: peak,
        queries: queries.len(),
        latency_p50_ms: percentile(&latencies, 0.50),
        latency_p90_ms: percentile(&latencies, 0.90),
        latency_p99_ms: percentile(&latencies, 0.99),
        latency_max_ms: latencies.last().map_or(0.0, |d| d.as_secs_f64() * 1e3),
        queries_per_s_one_thread: per_s(queries.len(), single_total),
        queries_per_cpu_s_one_thread: single_cpu.map(|d| per_s(queries.len(), d)),
        threads: rayon::current_num_threads(),
        queries_per_s_all_threads: per_s(queries.len(), parallel),
    }
}

pub fn markdown(reports: &[SpeedReport]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| corpus | entities | names | build | RSS before → after build | peak RSS | queries | p50 | p90 | p99 | max | q/s 1 thread | q/s per CPU-second (1 thread) | q/s all ({}) |",
        reports.first().map_or(0, |r| r.threads)
    );
    let _ = writeln!(
        out,
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for r in reports {
        let per_cpu = r
            .queries_per_cpu_s_one_thread
            .map_or_else(|| "n/a".to_owned(), |q| format!("{q:.0}"));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.0} ms | {:.0} → {:.0} MiB | {:.0} MiB | {} | {:.3} ms | {:.3} ms | {:.3} ms | {:.3} ms | {:.0} | {} | {:.0} |",
            r.corpus, r.entities, r.names, r.index_build_ms, r.rss_before_build_mib,
            r.rss_after_build_mib, r.peak_rss_mib, r.queries, r.latency_p50_ms, r.latency_p90_ms,
            r.latency_p99_ms, r.latency_max_ms, r.queries_per_s_one_thread, per_cpu,
            r.queries_per_s_all_threads
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_pick_the_right_rank() {
        let d: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&d, 0.5), 50.0);
        assert_eq!(percentile(&d, 0.99), 99.0);
        assert_eq!(percentile(&d[..1], 0.99), 1.0);
    }

    #[test]
    fn own_cpu_time_grows_with_work() {
        let Some(start) = thread_cpu_time() else {
            return; // not Linux
        };
        let t = Instant::now();
        let mut x = 0u64;
        while t.elapsed() < Duration::from_millis(30) {
            x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(7));
        }
        assert!(thread_cpu_time().unwrap() > start);
    }

    #[test]
    fn reads_own_memory() {
        assert!(proc_status_mib("VmHWM:").unwrap() > 0.0);
    }
}
