//! `vigil-bench accuracy`, `vigil-bench speed` and `vigil-bench split`: see the crate docs
//! and docs/benchmarks.md.

use anyhow::{bail, Context as _};
use clap::{Parser, Subcommand};
use std::io::Write as _;
use std::path::PathBuf;
use std::time::Instant;
use vigil_bench::accuracy::{self, AccuracyReport};
use vigil_bench::baseline::JwBaseline;
use vigil_bench::cases::{self, Config};
use vigil_bench::rng::Rng;
use vigil_bench::split::{self, Part};
use vigil_bench::{data, floors, pairs, report, speed, synthetic};
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
    /// Recall per category and script at 1% and 0.1% false alerts and at the default
    /// threshold, pair F1, vs a baseline; on the held-out part of the split by default.
    Accuracy {
        /// The part of the committed split the cases come from.
        #[arg(long, value_enum, default_value_t = Part::Heldout)]
        split: Part,
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
        /// CI guard: measure the frozen held-out sample (`floors::CHECK_CONFIG`, engine only)
        /// and exit non-zero when recall falls below a floor of `floors::FLOORS`.
        #[arg(long, conflicts_with_all = ["sample", "negatives", "split", "quick"])]
        check: bool,
        /// Blend every engine score with this share (0-1) of seeded noise: a deliberately
        /// broken scorer, to show that `--check` fails.
        #[arg(long, hide = true, value_parser = share)]
        degrade: Option<f64>,
    },
    /// Labelled name pairs from real variation (names of one party vs hard negatives the
    /// candidate generator finds): recall at 1% false alerts, F1 and AUC, vs the baseline.
    Pairs {
        /// The part of the committed split the parties come from.
        #[arg(long, value_enum, default_value_t = Part::Heldout)]
        split: Part,
        /// Positive pairs per kind (default 1000; 100 with --quick); twice as many negatives.
        #[arg(long)]
        sample: Option<usize>,
    },
    /// Write the split file (held-out entity ids) drawn from the lists by the rule of
    /// `split.rs`; CI's test checks that the committed one equals it.
    Split {
        /// Where to write it (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
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
            split,
            sample,
            negatives,
            misses,
            no_baseline,
            check,
            degrade,
        } => {
            if *check {
                if cli.seed != floors::CHECK_CONFIG.seed {
                    bail!("--check measures its own frozen sample: drop --seed");
                }
                return run_check(&cli, *degrade);
            }
            let config = Config {
                seed: cli.seed,
                per_category: sample.unwrap_or(if cli.quick { 25 } else { 400 }),
                negatives: negatives.unwrap_or(if cli.quick { 300 } else { 4000 }),
                part: *split,
            };
            let options = RunOptions {
                with_baseline: !no_baseline,
                degrade: *degrade,
            };
            let run = run_accuracy(&cli, &config, &options)?;
            if let Some(path) = misses {
                write_misses(&run, path)?;
            }
            print_report(&cli, &run.report)
        }
        Command::Pairs { split, sample } => {
            let per_kind = sample.unwrap_or(if cli.quick { 100 } else { 1000 });
            run_pairs(&cli, *split, per_kind)
        }
        Command::Split { out } => {
            let text = split::draw(&data::load_lists(&data_dir(&cli)?)?);
            match out {
                Some(path) => std::fs::write(path, text)
                    .with_context(|| format!("writing {}", path.display())),
                None => {
                    print!("{text}");
                    Ok(())
                }
            }
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

fn share(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("expected a number from 0 to 1, got {text:?}")),
    }
}

struct RunOptions {
    with_baseline: bool,
    degrade: Option<f64>,
}

/// A finished accuracy run: the benchmark, the index and the engine's outcomes (for
/// `--misses`) and the report.
struct Run {
    bench: cases::Benchmark,
    index: MatchIndex,
    engine_pos: Vec<accuracy::Outcome>,
    engine_neg: Vec<accuracy::Outcome>,
    report: AccuracyReport,
}

fn run_accuracy(cli: &Cli, config: &Config, options: &RunOptions) -> anyhow::Result<Run> {
    let started = Instant::now();
    let entities = data::load_lists(&data_dir(cli)?)?;
    if entities.is_empty() {
        bail!("the lists parsed to no entities");
    }
    let bench = cases::build(entities, config);
    let index = MatchIndex::build(bench.entities.clone());
    eprintln!(
        "built the benchmark ({} positives, {} negatives, split part {}) in {:.1} s",
        bench.positives.len(),
        bench.negatives.len(),
        config.part.as_str(),
        started.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let mut engine_pos = accuracy::run_engine(&index, &bench.positives);
    let mut engine_neg = accuracy::run_engine(&index, &bench.negatives);
    eprintln!("engine: {:.1} s", t.elapsed().as_secs_f64());
    if let Some(noise) = options.degrade {
        degrade(&mut engine_pos, &mut engine_neg, noise, config.seed);
    }
    let baseline = options.with_baseline.then(|| {
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
        part: config.part,
        indexed_entities: bench.entities.len(),
        positives: bench.positives.len(),
        negatives: bench.negatives.len(),
        default_threshold: DEFAULT_THRESHOLD,
        target_fpr: accuracy::TARGET_FPR,
        strict_fpr: accuracy::STRICT_FPR,
        baseline,
        engine,
    };
    Ok(Run {
        bench,
        index,
        engine_pos,
        engine_neg,
        report,
    })
}

/// Replaces each score s by (1 - noise)·s + noise·u, u seeded uniform in [0, 1).
fn degrade(
    positives: &mut [accuracy::Outcome],
    negatives: &mut [accuracy::Outcome],
    noise: f64,
    seed: u64,
) {
    let mut rng = Rng::new(seed);
    for o in positives.iter_mut().chain(negatives) {
        let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        o.score = (1.0 - noise) * o.score + noise * u;
    }
    eprintln!("scores degraded with {noise} noise");
}

/// The CI guard: the frozen held-out sample against the floors.
fn run_check(cli: &Cli, degrade: Option<f64>) -> anyhow::Result<()> {
    let options = RunOptions {
        with_baseline: false,
        degrade,
    };
    let run = run_accuracy(cli, &floors::CHECK_CONFIG, &options)?;
    print_report(cli, &run.report)?;
    let shortfalls = floors::shortfalls(&run.report.engine);
    if shortfalls.is_empty() {
        eprintln!(
            "accuracy check: every floor of {} held",
            floors::FLOORS.len()
        );
        return Ok(());
    }
    for s in &shortfalls {
        eprintln!("below floor: {s}");
    }
    bail!(
        "accuracy check failed: {} floors not held",
        shortfalls.len()
    )
}

fn write_misses(run: &Run, path: &PathBuf) -> anyhow::Result<()> {
    let lines = accuracy::misses(
        &run.bench,
        &run.index,
        &run.engine_pos,
        &run.engine_neg,
        run.report.engine.threshold_at_target_fpr,
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
    Ok(())
}

fn print_report(cli: &Cli, report: &AccuracyReport) -> anyhow::Result<()> {
    if cli.json {
        println!("{}", serde_json::to_string_pretty(report)?);
    } else {
        print!("{}", report::markdown(report));
    }
    Ok(())
}

fn run_pairs(cli: &Cli, part: Part, per_kind: usize) -> anyhow::Result<()> {
    let index = MatchIndex::build(data::load_lists(&data_dir(cli)?)?);
    let pairs = pairs::build(&index, part, per_kind, cli.seed);
    let (engine, baseline) = pairs::score(&pairs);
    let systems = [
        pairs::summarise("vigil", &pairs, &engine),
        pairs::summarise("jaro_winkler", &pairs, &baseline),
    ];
    if cli.json {
        println!("{}", serde_json::to_string_pretty(&systems)?);
    } else {
        print!("{}", pairs::markdown(part, &systems));
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
                part: Part::All,
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
