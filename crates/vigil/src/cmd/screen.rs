//! `vigil screen`: screen one name given on the command line, or a CSV of names in batch.
//!
//! The exit status is the screening commands' one convention (`crate::outcome`): 0 clear,
//! 3 review, 4 hit, 1 error (bad values, empty name, unreadable file, no lists; clap's own
//! usage errors exit 2). In batch mode a bad row does not stop the batch: it yields an
//! error line in the output and is counted on stderr, and the batch exits 1 unless a row
//! is a hit.
//!
//! The batch plumbing here (`run_batch`) is shared with `vigil compare --input`.

use crate::context::Context;
use crate::outcome::{finish, Thresholds, Verdict, EXIT_STATUS_HELP};
use anyhow::{bail, Context as _};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vigil_core::Query;
use vigil_match::{Match, MatchIndex, ScreenOptions};

#[derive(clap::Args)]
#[command(after_help = EXIT_STATUS_HELP)]
pub struct ScreenArgs {
    /// The name to screen, in any script. Omit it when screening a CSV with --input.
    #[arg(required_unless_present = "input", conflicts_with = "input")]
    name: Option<String>,
    /// person, organization, vessel or aircraft (default: any).
    #[arg(long)]
    schema: Option<String>,
    /// YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long)]
    birth_date: Option<String>,
    /// ISO code or country name.
    #[arg(long)]
    nationality: Option<String>,
    /// A passport or national id number.
    #[arg(long)]
    id_number: Option<String>,
    /// Print the results as JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Show why each result scored as it did.
    #[arg(long)]
    explain: bool,
    #[command(flatten)]
    thresholds: Thresholds,
    /// At most this many results per name, best first.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// CSV to screen: header with `id,name`, optionally `schema,birth_date,nationality,id_number`.
    #[arg(long)]
    input: Option<PathBuf>,
    /// Where batch results go, one JSON line per input row ("-" or absent: stdout).
    #[arg(long, requires = "input")]
    output: Option<PathBuf>,
    /// Worker threads for batch screening (default: all cores).
    #[arg(long, requires = "input")]
    workers: Option<usize>,
}

pub fn run(ctx: &Context, args: ScreenArgs) -> anyhow::Result<ExitCode> {
    let options = screen_options(&args.thresholds, args.limit)?;
    if let Some(input) = &args.input {
        let index = load_nonempty_index(ctx)?;
        let summary = run_batch(
            input,
            args.output.as_deref(),
            args.workers,
            &["id", "name"],
            |row| screen_row(&index, &options, &args.thresholds, row),
        )?;
        summary.report("screened");
        return Ok(summary.finish(ctx, input, args.output.as_deref()));
    }
    let name = args.name.as_deref().unwrap_or_default();
    let query = Query::from_fields(
        name,
        args.schema.as_deref(),
        args.birth_date.as_deref(),
        args.nationality.as_deref(),
        args.id_number.as_deref(),
    )
    .map_err(|e| match e {
        // On the command line a field is a flag: name the flag the user typed.
        vigil_core::QueryError::Field { field, message } => {
            anyhow::anyhow!("--{}: {message}", field.replace('_', "-"))
        }
        other => other.into(),
    })?;
    let index = load_nonempty_index(ctx)?;
    let matches = index.screen(&query, &options);
    let verdict = args.thresholds.verdict(matches.first().map(|m| m.score));
    if args.json {
        println!("{}", serde_json::to_string_pretty(&matches)?);
    } else {
        print_table(&query, &options, index.len(), &matches, args.explain);
    }
    let results: Vec<Value> = matches
        .iter()
        .map(|m| json!({"entity_id": m.entity_id, "name": m.matched_name, "score": m.score}))
        .collect();
    Ok(finish(ctx, verdict, false, json!({ "results": results })))
}

fn screen_options(thresholds: &Thresholds, limit: usize) -> anyhow::Result<ScreenOptions> {
    thresholds.check()?;
    if limit == 0 {
        bail!("--limit must be at least 1");
    }
    Ok(ScreenOptions {
        threshold: thresholds.threshold,
        limit,
    })
}

/// An empty index would answer "no match" to everything: refuse instead of misleading.
fn load_nonempty_index(ctx: &Context) -> anyhow::Result<MatchIndex> {
    let index = ctx.load_index()?;
    if index.is_empty() {
        bail!(
            "no lists in {}: import one first with `vigil lists import`",
            ctx.data_dir.display()
        );
    }
    Ok(index)
}

fn screen_row(
    index: &MatchIndex,
    options: &ScreenOptions,
    thresholds: &Thresholds,
    row: &CsvRow,
) -> Result<(Value, Verdict), String> {
    let query = Query::from_fields(
        row.field("name")?.unwrap_or_default(),
        row.field("schema")?,
        row.field("birth_date")?,
        row.field("nationality")?,
        row.field("id_number")?,
    )
    .map_err(|e| match e {
        vigil_core::QueryError::Field { .. } => e.to_string(),
        other => format!("field `name`: {other}"),
    })?;
    let matches = index.screen(&query, options);
    let verdict = thresholds.verdict(matches.first().map(|m| m.score));
    let line = json!({
        "query_id": row.field("id")?.unwrap_or_default(),
        "line": row.line,
        "verdict": verdict.name(),
        "results": matches,
    });
    Ok((line, verdict))
}

fn print_table(
    query: &Query,
    options: &ScreenOptions,
    indexed: usize,
    matches: &[Match],
    explain: bool,
) {
    if matches.is_empty() {
        println!(
            "No match for {:?} at or above {:.2} among {indexed} listed entities.",
            query.name, options.threshold
        );
        return;
    }
    println!(
        "{} match{} for {:?} (threshold {:.2}, {indexed} listed entities):",
        matches.len(),
        if matches.len() == 1 { "" } else { "es" },
        query.name,
        options.threshold
    );
    let rows: Vec<[String; 5]> = matches
        .iter()
        .map(|m| {
            [
                format!("{:.3}", m.score),
                m.entity_id.clone(),
                m.schema.to_string(),
                m.matched_name.clone(),
                m.caption.clone(),
            ]
        })
        .collect();
    let header = ["SCORE", "ENTITY", "SCHEMA", "MATCHED NAME", "CAPTION"].map(str::to_owned);
    let widths: Vec<usize> = (0..5)
        .map(|i| {
            std::iter::once(&header)
                .chain(&rows)
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for (n, row) in std::iter::once(&header).chain(&rows).enumerate() {
        println!("{}", pad_row(row, &widths));
        if explain && n > 0 {
            print_explanation(&json!(matches[n - 1].explanation), 1);
            println!();
        }
    }
}

fn pad_row(row: &[String; 5], widths: &[usize]) -> String {
    let cells: Vec<String> = row
        .iter()
        .zip(widths)
        .map(|(cell, &w)| format!("{cell}{}", " ".repeat(w - cell.chars().count())))
        .collect();
    cells.join("  ").trim_end().to_owned()
}

/// Prints an explanation (whatever shape the engine gives it) as an indented outline:
/// scalars as `key: value`, lists of flat records one per line, nested values indented.
pub(crate) fn print_explanation(value: &Value, depth: usize) {
    let indent = "  ".repeat(depth);
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                if is_flat(v) {
                    println!("{indent}{key}: {}", flat_text(v));
                } else {
                    println!("{indent}{key}:");
                    print_explanation(v, depth + 1);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                if is_flat(item) {
                    println!("{indent}- {}", flat_text(item));
                } else {
                    println!("{indent}-");
                    print_explanation(item, depth + 1);
                }
            }
        }
        Value::Null => println!("{indent}(no explanation)"),
        scalar => println!("{indent}{}", flat_text(scalar)),
    }
}

/// A value that fits on one line: a scalar, a list of scalars, or a record of scalars.
fn is_flat(value: &Value) -> bool {
    let scalar = |v: &Value| !matches!(v, Value::Object(_) | Value::Array(_));
    match value {
        Value::Array(items) => items.iter().all(scalar),
        Value::Object(map) => map.values().all(scalar),
        _ => true,
    }
}

fn flat_text(value: &Value) -> String {
    match value {
        Value::String(s) if s.is_empty() => "-".to_owned(),
        Value::Array(items) if items.is_empty() => "-".to_owned(),
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() => format!("{f:.3}"),
            _ => n.to_string(),
        },
        Value::Array(items) => items.iter().map(flat_text).collect::<Vec<_>>().join(", "),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| format!("{k}={}", flat_text(v)))
            .collect::<Vec<_>>()
            .join("  "),
        other => other.to_string(),
    }
}

/// One data row of a batch CSV, with access to its cells by header name.
pub(crate) struct CsvRow<'a> {
    /// 1-based line in the input file where the row starts.
    pub line: u64,
    columns: &'a HashMap<String, usize>,
    record: csv::ByteRecord,
}

impl CsvRow<'_> {
    /// The trimmed cell under `column`; `None` when the column or the cell is absent or blank.
    pub fn field(&self, column: &str) -> Result<Option<&str>, String> {
        let Some(bytes) = self.columns.get(column).and_then(|&i| self.record.get(i)) else {
            return Ok(None);
        };
        let text = std::str::from_utf8(bytes)
            .map_err(|_| format!("field `{column}`: not valid UTF-8"))?
            .trim();
        Ok((!text.is_empty()).then_some(text))
    }
}

/// What a batch did, for the closing line on stderr and the audit record.
#[derive(Default)]
pub(crate) struct BatchSummary {
    pub rows: u64,
    pub errors: u64,
    pub reviews: u64,
    pub hits: u64,
}

impl BatchSummary {
    pub fn report(&self, verb: &str) {
        let plural = |n: u64| if n == 1 { "" } else { "s" };
        eprintln!(
            "{verb} {} row{}: {} hit{}, {} to review; {} row{} with errors (see their \"error\" lines)",
            self.rows,
            plural(self.rows),
            self.hits,
            plural(self.hits),
            self.reviews,
            self.errors,
            plural(self.errors)
        );
    }

    fn add(&mut self, verdict: Option<Verdict>) {
        self.rows += 1;
        match verdict {
            None => self.errors += 1,
            Some(Verdict::Hit) => self.hits += 1,
            Some(Verdict::Review) => self.reviews += 1,
            Some(Verdict::Clear) => {}
        }
    }

    fn verdict(&self) -> Verdict {
        if self.hits > 0 {
            Verdict::Hit
        } else if self.reviews > 0 {
            Verdict::Review
        } else {
            Verdict::Clear
        }
    }

    /// Notes the batch for the audit trail and gives its exit status.
    pub fn finish(&self, ctx: &Context, input: &Path, output: Option<&Path>) -> ExitCode {
        let summary = json!({
            "input": input.display().to_string(),
            "output": output.map_or("-".to_owned(), |p| p.display().to_string()),
            "rows": self.rows,
            "hits": self.hits,
            "reviews": self.reviews,
            "error_rows": self.errors,
        });
        finish(ctx, self.verdict(), self.errors > 0, summary)
    }
}

/// Rows handed to the workers at once: large enough to keep every core busy, small enough
/// that memory stays flat however long the input is.
const CHUNK_ROWS: usize = 4096;

/// Runs `process` over every row of the CSV `input` ("-" = stdin) on `workers` threads and
/// writes one JSON line per row to `output`, in input order, counting each row's verdict.
/// A row `process` rejects becomes `{"query_id"?, "line", "error"}` (`query_id` when the
/// input has an `id` column).
pub(crate) fn run_batch<F>(
    input: &Path,
    output: Option<&Path>,
    workers: Option<usize>,
    required_columns: &[&str],
    process: F,
) -> anyhow::Result<BatchSummary>
where
    F: Fn(&CsvRow) -> Result<(Value, Verdict), String> + Sync,
{
    let (reader, input_len) = open_input(input)?;
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let columns: HashMap<String, usize> = csv
        .byte_headers()
        .with_context(|| format!("{}: reading the CSV header", input.display()))?
        .iter()
        .enumerate()
        .map(|(i, h)| (String::from_utf8_lossy(h).trim().to_ascii_lowercase(), i))
        .collect();
    for column in required_columns {
        if !columns.contains_key(*column) {
            bail!(
                "{}: the header has no `{column}` column (required: {})",
                input.display(),
                required_columns.join(", ")
            );
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers.unwrap_or(0))
        .build()
        .context("starting the worker threads")?;
    let mut out = open_output(output)?;
    let progress = progress_bar(input_len);
    let mut summary = BatchSummary::default();
    let mut chunk: Vec<CsvRow> = Vec::with_capacity(CHUNK_ROWS);
    let mut records = csv.byte_records();
    loop {
        chunk.clear();
        for record in records.by_ref().take(CHUNK_ROWS) {
            let record = record.with_context(|| format!("{}: reading the CSV", input.display()))?;
            let line = record.position().map_or(0, |p| p.line());
            chunk.push(CsvRow {
                line,
                columns: &columns,
                record,
            });
        }
        if chunk.is_empty() {
            break;
        }
        let lines: Vec<(String, Option<Verdict>)> = pool.install(|| {
            chunk
                .par_iter()
                .map(|row| result_line(row, &process))
                .collect()
        });
        for (line, verdict) in lines {
            writeln!(out, "{line}").context("writing the results")?;
            summary.add(verdict);
        }
        progress.set_position(records.reader().position().byte());
    }
    out.flush().context("writing the results")?;
    progress.finish_and_clear();
    Ok(summary)
}

/// The output line for one row, and its verdict (`None`: an error line).
fn result_line<F>(row: &CsvRow, process: &F) -> (String, Option<Verdict>)
where
    F: Fn(&CsvRow) -> Result<(Value, Verdict), String>,
{
    let (value, verdict) = match process(row) {
        Ok((value, verdict)) => (value, Some(verdict)),
        Err(error) => {
            let mut value = json!({ "line": row.line, "error": error });
            if row.columns.contains_key("id") {
                let id = row.field("id").ok().flatten().unwrap_or_default();
                value["query_id"] = Value::from(id);
            }
            (value, None)
        }
    };
    (value.to_string(), verdict)
}

fn open_input(path: &Path) -> anyhow::Result<(Box<dyn Read + Send>, Option<u64>)> {
    if path == Path::new("-") {
        return Ok((Box::new(io::stdin()), None));
    }
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let len = file.metadata().ok().map(|m| m.len());
    Ok((Box::new(io::BufReader::new(file)), len))
}

fn open_output(path: Option<&Path>) -> anyhow::Result<Box<dyn Write>> {
    match path {
        None => Ok(Box::new(BufWriter::new(io::stdout().lock()))),
        Some(p) if p == Path::new("-") => Ok(Box::new(BufWriter::new(io::stdout().lock()))),
        Some(p) => {
            let file = File::create(p).with_context(|| format!("creating {}", p.display()))?;
            Ok(Box::new(BufWriter::new(file)))
        }
    }
}

/// A byte-based bar when the input size is known, a counter otherwise; drawn only when
/// stderr is a terminal so logs and pipes stay clean.
fn progress_bar(input_len: Option<u64>) -> ProgressBar {
    let bar = match input_len {
        Some(len) => ProgressBar::new(len).with_style(
            ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {elapsed} (eta {eta})")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner(),
    };
    if !io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_values_render_on_one_line() {
        let pair = json!({"query": "usama", "similarity": 0.93, "weight": 1});
        assert_eq!(flat_text(&pair), "query=usama  similarity=0.930  weight=1");
        assert_eq!(flat_text(&json!([])), "-");
        assert_eq!(flat_text(&json!(["a", "b"])), "a, b");
        assert!(is_flat(&pair));
        assert!(!is_flat(&json!({"pairs": [pair]})));
    }

    #[test]
    fn csv_cells_by_header_name() {
        let columns = HashMap::from([("name".to_owned(), 0), ("id".to_owned(), 1)]);
        let row = CsvRow {
            line: 2,
            columns: &columns,
            record: csv::ByteRecord::from(vec![&b"  Ali "[..], &b"\xff"[..]]),
        };
        assert_eq!(row.field("name"), Ok(Some("Ali")));
        assert_eq!(row.field("schema"), Ok(None));
        assert!(row.field("id").unwrap_err().starts_with("field `id`"));
    }
}
