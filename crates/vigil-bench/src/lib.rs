//! Vigil's benchmarks: accuracy (recall at 1% and 0.1% false alerts, per kind of name
//! variation and per script, against a Jaro-Winkler baseline, on the held-out part of a
//! frozen split by party: `split`), name pairs from real variation (`pairs`), the floors
//! CI enforces (`floors`), and speed (latency, throughput, memory), on the real UN and OFAC
//! lists or a synthetic corpus. Everything is seeded and reproducible.
//!
//! The `vigil-bench` binary runs them; `cargo bench -p vigil-bench` runs the micro-benches.

pub mod accuracy;
pub mod baseline;
pub mod cases;
pub mod data;
pub mod floors;
pub mod names;
pub mod pairs;
pub mod perturb;
pub mod report;
pub mod rng;
pub mod speed;
pub mod split;
pub mod synthetic;
