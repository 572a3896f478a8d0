//! Measures parsing and importing UN SC 2026 and OFAC SDN into a fresh store.
//!
//! cargo run --release -p vigil-store --example import_lists -- [SHARED_DATA_DIR]
//!
//! SHARED_DATA_DIR defaults to `$VIGIL_SHARED_DATA`, then `/work/shared/data`.

use std::path::PathBuf;
use std::time::Instant;
use vigil_lists::{parse_path, ListFormat};
use vigil_store::Store;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("VIGIL_SHARED_DATA").ok())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/data"));
    let lists = [
        (
            "un-sc",
            ListFormat::UnSc,
            data.join("lists/un/consolidated-2026-02-27.xml"),
        ),
        ("ofac-sdn", ListFormat::OfacSdn, data.join("lists/ofac")),
    ];
    let dir = tempfile::tempdir()?;
    let total = Instant::now();
    let mut store = Store::open(dir.path())?;
    for (source, format, path) in lists {
        let start = Instant::now();
        let list = parse_path(source, format, &path)?;
        let parsed = start.elapsed();
        let outcome = store.import(&list)?;
        println!(
            "{source}: {} entities, parse {:.0} ms, store {:.0} ms",
            outcome.version().entity_count,
            parsed.as_secs_f64() * 1e3,
            (start.elapsed() - parsed).as_secs_f64() * 1e3
        );
    }
    println!(
        "total (open + parse + store, both lists): {:.0} ms",
        total.elapsed().as_secs_f64() * 1e3
    );
    Ok(())
}
