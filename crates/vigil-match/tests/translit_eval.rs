//! Measures the Arabic romanisation on real data (numbers go to docs/benchmarks.md):
//! - the held-out tenth of ar2en.txt (line index % 10 == 0, never seen by
//!   tools/learn_arabic.py): rules only vs learned model vs the full pipeline;
//! - the UN list's original-script names against the same records' Latin names.
//!
//! Run: cargo test -p vigil-match --test translit_eval -- --nocapture

use strsim::jaro_winkler;
use vigil_match::translit::{arabic, latinize, latinize_variants};
use vigil_testkit::shared_data;

/// Lower-case letters and single spaces: punctuation and hyphens (al-) become spaces.
fn norm(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_lowercase() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Letters only (ar2en spells single words, sometimes with an apostrophe for ع).
fn letters(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .filter(char::is_ascii_lowercase)
        .collect()
}

#[derive(Default)]
struct Score {
    n: usize,
    jw_best: f64,
    exact_best: usize,
    jw_any: f64,
    exact_any: usize,
}

impl Score {
    fn add(&mut self, truth: &str, readings: &[String]) {
        let jws: Vec<f64> = readings.iter().map(|r| jaro_winkler(r, truth)).collect();
        self.n += 1;
        self.jw_best += jws.first().copied().unwrap_or(0.0);
        self.exact_best += usize::from(readings.first().is_some_and(|r| r == truth));
        self.jw_any += jws.iter().copied().fold(0.0, f64::max);
        self.exact_any += usize::from(readings.iter().any(|r| r == truth));
    }

    fn mean_best(&self) -> f64 {
        self.jw_best / self.n.max(1) as f64
    }

    fn mean_any(&self) -> f64 {
        self.jw_any / self.n.max(1) as f64
    }

    fn report(&self, label: &str) {
        let n = self.n.max(1) as f64;
        println!(
            "| {label} | {:.3} | {:.1}% | {:.3} | {:.1}% |",
            self.mean_best(),
            100.0 * self.exact_best as f64 / n,
            self.mean_any(),
            100.0 * self.exact_any as f64 / n
        );
    }
}

#[test]
fn ar2en_held_out_split() {
    let Some(dir) = shared_data() else { return };
    let text = std::fs::read_to_string(dir.join("translit/ar2en.txt")).expect("read ar2en.txt");
    // [all words, Arabic-origin words] for each method.
    let mut plain: [Score; 2] = Default::default();
    let mut rules: [Score; 2] = Default::default();
    let mut model: [Score; 2] = Default::default();
    let mut full: [Score; 2] = Default::default();
    for (i, line) in text.lines().enumerate() {
        if i % 10 != 0 {
            continue;
        }
        let Some((ar, en)) = line.split_once('\t') else {
            continue;
        };
        let truth = letters(en);
        if truth.is_empty() || !en.chars().all(|c| c.is_ascii_alphabetic() || c == '\'') {
            continue;
        }
        let one = |s: String| vec![letters(&s)];
        let many = |v: Vec<String>| v.iter().map(|s| letters(s)).collect::<Vec<_>>();
        // Letters Western names rarely need mark a probably Arabic-origin name.
        let native = ar.chars().any(|c| "حخعغقصضطظثذةءؤئ".contains(c));
        let sets: &[usize] = if native { &[0, 1] } else { &[0] };
        let readings = [
            one(any_ascii::any_ascii(ar)),
            one(arabic::romanize_rules_only(ar)),
            many(arabic::romanize_model_only(ar, 4)),
            many(latinize_variants(ar)),
        ];
        for &k in sets {
            plain[k].add(&truth, &readings[0]);
            rules[k].add(&truth, &readings[1]);
            model[k].add(&truth, &readings[2]);
            full[k].add(&truth, &readings[3]);
        }
    }
    for (k, label) in ["all held-out words", "Arabic-origin held-out words"]
        .iter()
        .enumerate()
    {
        println!("ar2en, {label}: {}", full[k].n);
        println!("| method | JW best | exact best | JW any of 4 | exact any of 4 |");
        println!("|---|---|---|---|---|");
        plain[k].report("any_ascii");
        rules[k].report("rules only (no learned vowels)");
        model[k].report("learned model");
        full[k].report("full pipeline (model + names + compounds)");
    }
    assert!(full[0].n > 1400, "held-out split too small: {}", full[0].n);
    for k in 0..2 {
        assert!(model[k].mean_best() > rules[k].mean_best() + 0.03);
        assert!(model[k].mean_any() > rules[k].mean_best() + 0.07);
        assert!(
            full[k].mean_any() > 0.88,
            "any-of-4 JW {}",
            full[k].mean_any()
        );
    }
}

/// (original-script name, Latin names) of every UN record that has one.
fn un_records(xml: &str) -> Vec<(String, Vec<String>)> {
    let tag = |block: &str, name: &str| -> Vec<String> {
        let open = format!("<{name}>");
        let close = format!("</{name}>");
        let mut out = Vec::new();
        let mut rest = block;
        while let Some(a) = rest.find(&open) {
            let after = &rest[a + open.len()..];
            let Some(b) = after.find(&close) else { break };
            out.push(
                after[..b]
                    .replace("&amp;", "&")
                    .replace("&apos;", "'")
                    .replace("&quot;", "\""),
            );
            rest = &after[b..];
        }
        out
    };
    let mut records = Vec::new();
    for block in xml
        .split("<INDIVIDUAL>")
        .skip(1)
        .chain(xml.split("<ENTITY>").skip(1))
    {
        let end = block
            .find("</INDIVIDUAL>")
            .or_else(|| block.find("</ENTITY>"))
            .unwrap_or(block.len());
        let block = &block[..end];
        let Some(original) = tag(block, "NAME_ORIGINAL_SCRIPT").into_iter().next() else {
            continue;
        };
        let parts: Vec<String> = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"]
            .iter()
            .filter_map(|t| tag(block, t).into_iter().next())
            .collect();
        let mut names = vec![parts.join(" ")];
        names.extend(tag(block, "ALIAS_NAME"));
        names.retain(|n| !n.trim().is_empty());
        records.push((original, names));
    }
    records
}

#[test]
fn un_original_script_names_meet_their_latin_names() {
    let Some(dir) = shared_data() else { return };
    let xml = std::fs::read_to_string(dir.join("lists/un/consolidated-2026-02-27.xml"))
        .expect("read UN list");
    let records = un_records(&xml);
    let is_arabic = |s: &str| s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
    let best_jw = |readings: &[String], names: &[String]| -> f64 {
        readings
            .iter()
            .flat_map(|r| names.iter().map(move |n| jaro_winkler(&norm(r), &norm(n))))
            .fold(0.0, f64::max)
    };
    let (mut n, mut plain, mut best, mut any, mut above_09) = (0usize, 0.0, 0.0, 0.0, 0usize);
    let (mut cyr_n, mut cyr) = (0usize, 0.0);
    for (original, names) in &records {
        if is_arabic(original) {
            n += 1;
            plain += best_jw(&[any_ascii::any_ascii(original)], names);
            best += best_jw(&[latinize(original)], names);
            let a = best_jw(&latinize_variants(original), names);
            any += a;
            above_09 += usize::from(a >= 0.9);
        } else if original
            .chars()
            .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
        {
            cyr_n += 1;
            cyr += best_jw(&latinize_variants(original), names);
        }
    }
    let nf = n.max(1) as f64;
    println!("UN 2026 Arabic-script records: {n}");
    println!("| method | mean best JW vs Latin names |");
    println!("|---|---|");
    println!("| any_ascii | {:.3} |", plain / nf);
    println!("| latinize (best reading) | {:.3} |", best / nf);
    println!(
        "| latinize_variants (any of 4) | {:.3} ({:.0}% of records >= 0.9) |",
        any / nf,
        100.0 * above_09 as f64 / nf
    );
    println!(
        "UN Cyrillic records: {cyr_n}, mean {:.3}",
        cyr / cyr_n.max(1) as f64
    );
    // Speed: every Arabic-script name, read 20 times (build with --release for real numbers).
    let names: Vec<&str> = records
        .iter()
        .map(|r| r.0.as_str())
        .filter(|s| is_arabic(s))
        .collect();
    let start = std::time::Instant::now();
    for _ in 0..20 {
        for s in &names {
            std::hint::black_box(latinize(s));
        }
    }
    let one = start.elapsed().as_secs_f64() * 1e6 / (20 * names.len()) as f64;
    let start = std::time::Instant::now();
    for _ in 0..20 {
        for s in &names {
            std::hint::black_box(latinize_variants(s));
        }
    }
    let four = start.elapsed().as_secs_f64() * 1e6 / (20 * names.len()) as f64;
    println!("speed: latinize {one:.1} us/name, latinize_variants {four:.1} us/name");
    assert!(
        n > 300,
        "expected the UN list's Arabic-script names, found {n}"
    );
    assert!(any / nf > 0.85, "mean {:.3}", any / nf);
    assert!(any / nf > plain / nf + 0.05);
}
