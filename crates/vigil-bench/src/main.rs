//! `vigil-bench accuracy` and `vigil-bench speed`: see the crate docs and docs/benchmarks.md.

use anyhow::{bail, Context as _};
use clap::{Parser, Subcommand};
use std::io::Write as _;
use std::path::PathBuf;
use std::time::Instant;
use vigil_bench::accuracy::{self, AccuracyReport};
use vigil_bench::baseline::JwBaseline;
use vigil_bench::cases::{self, Config};
use vigil_bench::{data, speed, synthetic};
use vigil_match::{MatchIndex, DEFAULT_THRESHOLD};

#[derive(Parser)]
#[command(name = "vigil-bench", about = "Vigil's accuracy and speed benchmarks")]
struct Cli {
    /// The shared data folder (default: $VIGIL_SHARED_DATA or ../shared/data).
    #[arg(long, global = true)]
    data: Option<PathBuf>,
    /// Seed of every random choice: the same seed gives the same benchmark.
    #[arg(long, global = true, default_value_t = 42)]
    seed: u64,
    /// Print JSON instead of Markdown.
    #[arg(long, global = true)]
    json: bool,
    /// A small, fast run for CI smoke tests.
    #[arg(long, global = true)]
    quick: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Recall per category at 1% false alerts and at the default threshold, vs a baseline.
    Accuracy {
        /// Positive queries per category (default 400; 25 with --quick).
        #[arg(long)]
        sample: Option<usize>,
        /// Negative queries (default 4000; 300 with --quick).
        #[arg(long)]
        negatives: Option<usize>,
        /// Write missed positives, false alerts and near alerts, with the top results, as JSON lines.
        #[arg(long)]
        misses: Option<PathBuf>,
        /// Skip the brute-force baseline: seconds instead of minutes, for tuning the engine.
        #[arg(long)]
        no_baseline: bool,
    },
    /// Index build time, memory, latency and throughput.
    Speed {
        /// Queries to time (default 3000; 300 with --quick).
        #[arg(long)]
        queries: Option<usize>,
        /// Measure a synthetic corpus of this many entities instead of UN + OFAC.
        #[arg(long)]
        synthetic: Option<usize>,
    },
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match &cli.command {
        Command::Accuracy {
            sample,
            negatives,
            misses,
            no_baseline,
        } => {
            let config = Config {
                seed: cli.seed,
                per_category: sample.unwrap_or(if cli.quick { 25 } else { 400 }),
                negatives: negatives.unwrap_or(if cli.quick { 300 } else { 4000 }),
            };
            run_accuracy(&cli, &config, misses.as_ref(), !no_baseline)
        }
        Command::Speed { queries, synthetic } => {
            let queries = queries.unwrap_or(if cli.quick { 300 } else { 3000 });
            run_speed(&cli, queries, *synthetic)
        }
    }
}

fn data_dir(cli: &Cli) -> anyhow::Result<PathBuf> {
    match &cli.data {
        Some(d) => Ok(d.clone()),
        None => data::shared_data_dir()
            .context("shared data not found: pass --data DIR or set VIGIL_SHARED_DATA"),
    }
}

fn run_accuracy(
    cli: &Cli,
    config: &Config,
    misses: Option<&PathBuf>,
    with_baseline: bool,
) -> anyhow::Result<()> {
    let started = Instant::now();
    let entities = data::load_lists(&data_dir(cli)?)?;
    if entities.is_empty() {
        bail!("the lists parsed to no entities");
    }
    let bench = cases::build(entities, config);
    let index = MatchIndex::build(bench.entities.clone());
    eprintln!(
        "built the benchmark ({} positives, {} negatives) in {:.1} s",
        bench.positives.len(),
        bench.negatives.len(),
        started.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let engine_pos = accuracy::run_engine(&index, &bench.positives);
    let engine_neg = accuracy::run_engine(&index, &bench.negatives);
    eprintln!("engine: {:.1} s", t.elapsed().as_secs_f64());
    let baseline = with_baseline.then(|| {
        let t = Instant::now();
        let baseline = JwBaseline::build(&bench.entities);
        let base_pos = accuracy::run_baseline(&baseline, &bench.positives);
        let base_neg = accuracy::run_baseline(&baseline, &bench.negatives);
        eprintln!("baseline: {:.1} s", t.elapsed().as_secs_f64());
        accuracy::summarise("jaro_winkler", &bench, &base_pos, &base_neg)
    });

    let scores = |o: &[accuracy::Outcome]| o.iter().map(|o| o.score).collect::<Vec<f64>>();
    let engine = accuracy::summarise("vigil", &bench, &scores(&engine_pos), &scores(&engine_neg));
    let report = AccuracyReport {
        seed: config.seed,
        indexed_entities: bench.entities.len(),
        positives: bench.positives.len(),
        negatives: bench.negatives.len(),
        default_threshold: DEFAULT_THRESHOLD,
        target_fpr: accuracy::TARGET_FPR,
        baseline,
        engine,
    };
    if let Some(path) = misses {
        let lines = accuracy::misses(
            &bench,
            &index,
            &engine_pos,
            &engine_neg,
            report.engine.threshold_at_target_fpr,
        );
        let mut file = std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        );
        for line in &lines {
            writeln!(file, "{line}").with_context(|| format!("writing {}", path.display()))?;
        }
        file.flush()?;
        eprintln!(
            "wrote {} misses and false alerts to {}",
            lines.len(),
            path.display()
        );
    }
    if cli.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", accuracy::markdown(&report));
    }
    Ok(())
}

fn run_speed(cli: &Cli, queries: usize, synthetic_size: Option<usize>) -> anyhow::Result<()> {
    let report = match synthetic_size {
        Some(n) => {
            let t = Instant::now();
            let corpus = synthetic::corpus(n, cli.seed);
            let qs = synthetic::queries(&corpus, queries, cli.seed);
            eprintln!(
                "generated {n} entities in {:.1} s",
                t.elapsed().as_secs_f64()
            );
            speed::measure(&format!("synthetic {n}"), corpus, &qs)
        }
        None => {
            let entities = data::load_lists(&data_dir(cli)?)?;
            // Realistic queries: the accuracy benchmark's, positives and negatives alike.
            let config = Config {
                seed: cli.seed,
                per_category: queries / 18 + 1,
                negatives: queries / 2,
            };
            let bench = cases::build(entities.clone(), &config);
            let qs: Vec<_> = bench
                .positives
                .iter()
                .chain(&bench.negatives)
                .map(|c| c.query.clone())
                .take(queries)
                .collect();
            drop(bench);
            speed::measure("UN 2026 + OFAC", entities, &qs)
        }
    };
    if cli.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", speed::markdown(std::slice::from_ref(&report)));
    }
    Ok(())
}
