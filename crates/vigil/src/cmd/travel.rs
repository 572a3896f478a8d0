//! `vigil travel`: screen passenger and crew manifests (PAXLST, CSV) and passport MRZs.

use crate::context::Context;
use crate::outcome::{finish, EXIT_STATUS_HELP};
use anyhow::{bail, Context as _};
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use vigil_formats::travel::mrz::{self, Mrz};
use vigil_formats::travel::traveller::special_country_note;
use vigil_formats::travel::{DocumentStatus, DocumentValidity};
use vigil_formats::travel::{
    ScreenedTraveller, TravelOptions, TravelReport, TravelScreener, Verdict,
};
use vigil_match::{MatchIndex, DEFAULT_THRESHOLD};

#[derive(clap::Args)]
#[command(after_help = EXIT_STATUS_HELP)]
pub struct TravelArgs {
    #[command(subcommand)]
    command: TravelCommand,
}

#[derive(clap::Subcommand)]
enum TravelCommand {
    /// Screen a manifest: UN/EDIFACT PAXLST (D02B, D05B) or CSV.
    ///
    /// A CSV manifest has a header row: name,birth_date,nationality,document_number,role,gender
    /// (or surname,given_names instead of name; document_type, document_country,
    /// document_expiry optional; other columns ignored). Dates YYYY-MM-DD; nationality as
    /// ISO alpha-3/alpha-2 code or name; role passenger, crew, transit or crew_transit.
    #[command(after_help = EXIT_STATUS_HELP)]
    Screen(ManifestArgs),
    /// Read a passport, ID card or visa MRZ (TD1, TD2, TD3, MRV-A, MRV-B), verify every
    /// check digit, and screen the holder.
    #[command(after_help = EXIT_STATUS_HELP)]
    Mrz(MrzArgs),
}

#[derive(clap::Args)]
struct Thresholds {
    /// A match score at or above this makes a traveller a hit.
    #[arg(long, default_value_t = 0.90)]
    hit_threshold: f64,
    /// A match score at or above this (below the hit threshold) makes a traveller need review.
    #[arg(long, default_value_t = DEFAULT_THRESHOLD)]
    threshold: f64,
    /// At most this many matches per traveller.
    #[arg(long, default_value_t = 5)]
    limit: usize,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

impl Thresholds {
    fn options(&self) -> anyhow::Result<TravelOptions> {
        for (name, value) in [
            ("--hit-threshold", self.hit_threshold),
            ("--threshold", self.threshold),
        ] {
            if !(0.0..=1.0).contains(&value) {
                bail!("{name} must be between 0 and 1, got {value}");
            }
        }
        if self.threshold > self.hit_threshold {
            bail!(
                "--threshold ({}) must not exceed --hit-threshold ({})",
                self.threshold,
                self.hit_threshold
            );
        }
        Ok(TravelOptions {
            hit_threshold: self.hit_threshold,
            review_threshold: self.threshold,
            limit: self.limit.max(1),
            ..TravelOptions::default()
        })
    }
}

#[derive(clap::Args)]
struct ManifestArgs {
    /// The manifest file ("-" reads standard input).
    file: PathBuf,
    #[command(flatten)]
    thresholds: Thresholds,
}

#[derive(clap::Args)]
struct MrzArgs {
    /// The MRZ lines (2 or 3), or all of them in one argument.
    #[arg(required = true, num_args = 1..=3)]
    lines: Vec<String>,
    #[command(flatten)]
    thresholds: Thresholds,
}

pub fn run(ctx: &Context, args: TravelArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        TravelCommand::Screen(a) => screen(ctx, a),
        TravelCommand::Mrz(a) => mrz(ctx, a),
    }
}

fn load_index(ctx: &Context) -> anyhow::Result<MatchIndex> {
    let index = ctx.load_index()?;
    if index.is_empty() {
        bail!(
            "no lists in {}: import one first with `vigil lists import`",
            ctx.data_dir.display()
        );
    }
    Ok(index)
}

fn screen(ctx: &Context, args: ManifestArgs) -> anyhow::Result<ExitCode> {
    let options = args.thresholds.options()?;
    let bytes = if args.file.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .context("reading standard input")?;
        buf
    } else {
        std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?
    };
    let index = load_index(ctx)?;
    let report = TravelScreener::new(&index)
        .screen_manifest(&bytes, &options)
        .with_context(|| format!("{}", args.file.display()))?;
    if args.thresholds.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_report(&report);
    }
    let summary = flagged(&report.travellers.iter().collect::<Vec<_>>());
    Ok(finish(
        ctx,
        report.verdict().into(),
        report.has_errors(),
        summary,
    ))
}

fn mrz(ctx: &Context, args: MrzArgs) -> anyhow::Result<ExitCode> {
    let options = args.thresholds.options()?;
    let parsed = mrz::parse(&args.lines)?;
    // The fields are shown even when screening cannot run: the reading is useful alone.
    let index = match load_index(ctx) {
        Ok(index) => index,
        Err(e) => {
            if args.thresholds.json {
                println!("{}", serde_json::to_string_pretty(&parsed)?);
            } else {
                print_mrz(&parsed);
            }
            return Err(e);
        }
    };
    let valid = parsed.is_valid();
    let report = TravelScreener::new(&index).screen_mrz(parsed, &options);
    if args.thresholds.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_mrz(&report.mrz);
        print_document(&report.document);
        println!();
        print_traveller(&report.holder);
    }
    // Sound check digits on an expired document are no reason to let it pass.
    let unusable = report.document.is_unusable();
    let summary = flagged(&[&report.holder]);
    Ok(finish(
        ctx,
        report.holder.verdict.into(),
        !valid || unusable,
        summary,
    ))
}

/// The travellers who are not clear, as the audit trail keeps them.
fn flagged(travellers: &[&ScreenedTraveller]) -> serde_json::Value {
    let flagged: Vec<_> = travellers
        .iter()
        .filter(|t| t.verdict != Verdict::Clear)
        .map(|t| {
            let ids: Vec<&str> = t.matches.iter().map(|m| m.entity_id.as_str()).collect();
            serde_json::json!({ "name": t.name, "verdict": t.verdict, "entities": ids })
        })
        .collect();
    serde_json::json!({ "flagged": flagged })
}

fn print_report(report: &TravelReport) {
    let f = &report.flight;
    let mut head = vec![report.format.to_uppercase()];
    if !f.number.is_empty() {
        head.push(format!("flight {}", f.number));
    }
    if !f.departure_airport.is_empty() || !f.arrival_airport.is_empty() {
        head.push(format!(
            "{} {} -> {} {}",
            f.departure_airport, f.departure, f.arrival_airport, f.arrival
        ));
    }
    if !f.list.is_empty() {
        head.push(format!("{} list", f.list));
    }
    println!("{}", head.join("  "));
    let s = &report.summary;
    println!(
        "{} travellers ({} passengers, {} crew): {} hit, {} review, {} clear; {} errors, {} warnings",
        s.travellers, s.passengers, s.crew, s.hit, s.review, s.clear, s.errors, s.warnings
    );
    println!();
    for t in &report.travellers {
        print_traveller(t);
    }
    if !report.errors.is_empty() {
        println!();
        for e in &report.errors {
            println!("{e}");
        }
    }
}

fn print_traveller(t: &ScreenedTraveller) {
    let p = &t.traveller;
    let verdict = match t.verdict {
        Verdict::Hit => "HIT",
        Verdict::Review => "REVIEW",
        Verdict::Clear => "CLEAR",
    };
    let mut line = format!(
        "{verdict:<7} {:<9} {}",
        format!("{:?}", p.role).to_lowercase(),
        t.name
    );
    if p.in_transit {
        line.push_str("  (transit)");
    }
    if let Some(d) = p.birth_date {
        line.push_str(&format!("  born {d}"));
    }
    if let Some(n) = &p.nationality {
        line.push_str(&format!("  {}", n.code.as_deref().unwrap_or(&n.text)));
    }
    for d in &p.documents {
        line.push_str(&format!("  {} {}", d.kind, d.number));
    }
    if let Some(seg) = p.segment {
        line.push_str(&format!("  [segment {seg}]"));
    } else if let Some(l) = p.line {
        line.push_str(&format!("  [line {l}]"));
    }
    println!("{line}");
    for m in &t.matches {
        println!(
            "        {}  {:.2}  {}: {}",
            m.entity_id,
            m.score,
            m.caption,
            m.reasons.join("; ")
        );
    }
}

/// The document's validity, a fact apart from the MRZ's check digits.
fn print_document(v: &DocumentValidity) {
    let status = match v.status {
        DocumentStatus::Valid => "valid",
        DocumentStatus::Expired => "EXPIRED",
        DocumentStatus::ExpiresBeforeTravel => "EXPIRES BEFORE TRAVEL",
        DocumentStatus::NoExpiryDate => "unknown",
    };
    println!("document valid  {status}: {}", v.message);
    if v.is_unusable() {
        eprintln!("error: document {} {}", v.number, v.message);
    }
}

fn print_mrz(m: &Mrz) {
    let country = |c: &Option<vigil_core::Country>| {
        c.as_ref()
            .map(|c| match (&c.code, special_country_note(&c.text)) {
                (Some(code), _) if *code != c.text => format!("{} ({code})", c.text),
                (None, Some(note)) => format!("{} ({note})", c.text),
                _ => c.text.clone(),
            })
            .unwrap_or_default()
    };
    let date = |d: Option<vigil_core::PartialDate>| d.map(|d| d.to_string()).unwrap_or_default();
    println!("format          {}", m.format.name());
    println!("document        {} {}", m.document_code, m.document_number);
    println!("issuing state   {}", country(&m.issuing_state));
    println!("surname         {}", m.surname);
    println!("given names     {}", m.given_names);
    println!("nationality     {}", country(&m.nationality));
    println!("birth date      {}", date(m.birth_date));
    println!("sex             {}", m.sex.as_deref().unwrap_or("<"));
    println!("expiry date     {}", date(m.expiry_date));
    if !m.optional_data.is_empty() {
        println!("optional data   {}", m.optional_data);
    }
    for c in &m.checks {
        let status = if c.valid { "ok" } else { "FAILED" };
        println!(
            "check {:<24} {} (computed {}) {status}",
            c.field, c.found, c.computed
        );
    }
    for p in &m.problems {
        println!("problem         {p}");
    }
    println!(
        "check digits    {}",
        if m.is_valid() { "valid" } else { "INVALID" }
    );
    if !m.is_valid() {
        for f in m.failures() {
            eprintln!("error: {f}");
        }
    }
}
