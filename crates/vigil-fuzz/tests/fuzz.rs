//! The short fuzz run CI does: every target gets random and mutated inputs (from its seed
//! corpus) for `VIGIL_FUZZ_SECONDS` seconds (default 4), with a fresh seed each run
//! (printed; `VIGIL_FUZZ_SEED` replays one). A panic or an input taking over two seconds
//! fails the test and writes the input to `target/fuzz-failures/`.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use vigil_fuzz::{corpus, Target, TARGETS};

/// Bytes that matter to the formats: markup, quotes, separators, EDIFACT and MT syntax.
const TOKENS: &[&[u8]] = &[
    b"<",
    b">",
    b"</",
    b"/>",
    b"\"",
    b"'",
    b",",
    b"\n",
    b"\r\n",
    b"&amp;",
    b"&x;",
    b"<![CDATA[",
    b"<!DOCTYPE a [<!ENTITY x \"y\">]>",
    b"+",
    b":",
    b"'",
    b"?",
    b"UNH+",
    b"UNT+",
    b"{4:",
    b"-}",
    b":20:",
    b":59:",
    b"{",
    b"}",
    b"[",
    b"]",
    b"\x00",
    b"\xff",
    b"\xc3",
    b"-0- ",
    b"\x1a",
    b"<<<<",
    b"9999",
    b"0",
    b"1970-01-01",
    b"\\u0000",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One to four random edits of a corpus entry (or random bytes).
fn mutate(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    if corpus.is_empty() || rng.below(10) == 0 {
        return (0..rng.below(256)).map(|_| rng.next() as u8).collect();
    }
    let mut input = corpus[rng.below(corpus.len())].clone();
    for _ in 0..=rng.below(4) {
        let at = rng.below(input.len() + 1);
        match rng.below(7) {
            0 if !input.is_empty() => {
                let i = at.min(input.len() - 1);
                input[i] ^= 1 << rng.below(8);
            }
            1 => input.insert(at, rng.next() as u8),
            2 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                input.splice(at..at, token.iter().copied());
            }
            3 => {
                let end = (at + rng.below(64)).min(input.len());
                input.drain(at..end);
            }
            4 => {
                let end = (at + rng.below(64)).min(input.len());
                let copy = input[at..end].to_vec();
                input.splice(at..at, copy);
            }
            5 => input.truncate(at),
            _ => {
                let other = &corpus[rng.below(corpus.len())];
                let from = rng.below(other.len() + 1);
                input.truncate(at);
                input.extend_from_slice(&other[from..]);
            }
        }
    }
    input
}

fn save_failure(target: &str, input: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-failures");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{target}-{}.bin", input.len()));
    std::fs::write(&path, input).unwrap();
    path
}

/// Runs `target` for `budget`; returns the number of inputs tried.
fn fuzz(target: &Target, seed: u64, budget: Duration) -> usize {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let corpus = corpus(target, &crates);
    let mut rng = Rng(seed ^ (target.name.len() as u64) << 32 | 1);
    let started = Instant::now();
    let mut runs = 0;
    // The seeds themselves first, then mutations until the budget is spent.
    let mut seeds = corpus.clone().into_iter();
    while started.elapsed() < budget {
        let input = seeds.next().unwrap_or_else(|| mutate(&mut rng, &corpus));
        let one = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| (target.run)(&input)));
        let took = one.elapsed();
        if outcome.is_err() || took > Duration::from_secs(2) {
            let path = save_failure(target.name, &input);
            panic!(
                "{}: {} on the input saved in {} (seed {seed})",
                target.name,
                if outcome.is_err() { "panic" } else { "hang" },
                path.display()
            );
        }
        runs += 1;
    }
    runs
}

#[test]
fn every_target_survives_random_and_mutated_inputs() {
    let seed = std::env::var("VIGIL_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    let seconds: u64 = std::env::var("VIGIL_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4);
    println!("fuzz seed {seed}, {seconds} s per target");
    // Panics are caught and reported with their input; keep the default hook quiet.
    std::panic::set_hook(Box::new(|_| {}));
    for target in TARGETS {
        let runs = fuzz(target, seed, Duration::from_secs(seconds));
        println!("{:<16} {runs} inputs", target.name);
        assert!(runs > 0);
    }
    let _ = std::panic::take_hook();
}
