//! Throughput of `fix_text` on ≥ 10 MB of clean multilingual text and ≥ 10 MB of damaged text,
//! both built from the false-fix corpus (tests/data/corpus), and on ≥ 10 MB of clean prose
//! (`prose`: the UTF-8 texts of tests/data/uchardet, Wikipedia pages in 41 languages). The
//! false-fix corpus is dense with traps (all-caps accented lines, lines of signs); the prose is
//! what clean text usually looks like. Prints MB/s per corpus and config.
//!
//! ```text
//! cargo bench --bench throughput                 # measure
//! cargo bench --bench throughput -- --data DIR   # also write clean.txt, prose.txt, damaged.txt to DIR
//! cargo bench --bench throughput -- --only damaged --only encoding-only --runs 3
//! ```
//! `--only WORD` keeps the rows whose corpus or config name is WORD; `--runs N` makes exactly N
//! runs of each (for counting instructions with `perf stat`, which a loaded machine does not
//! change as it changes time).
//! `benches/ftfy_compare.py` runs this and ftfy on the same files and prints the ratio.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use textmend::{Config, fix_text};

mod common;
use common::cpu_time;

/// The allocator of the `textmend` binary (`src/main.rs`), so that the bench measures what the
/// command runs; a program that embeds the library uses its own.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: textmend::alloc::Mimalloc = textmend::alloc::Mimalloc;

const TARGET: usize = 10 * 1024 * 1024;

fn corpus_lines(file: &str, field: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/corpus")
        .join(file);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v[field].as_str().unwrap().to_string()
        })
        .collect()
}

/// The UTF-8 texts of the uchardet corpus (`tests/data/uchardet/<lang>/utf-8.txt`), in the
/// order of their language codes, one line each (a text's own line breaks kept).
fn prose_lines() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/uchardet");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path().join("utf-8.txt"))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap().trim_end().to_string())
        .collect()
}

/// Repeat `lines` (one per line) until the text holds at least `TARGET` bytes.
fn build(lines: &[String]) -> String {
    let mut out = String::with_capacity(TARGET + 4096);
    while out.len() < TARGET {
        for l in lines {
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}

/// Best throughput of `fix_text(text)` in MB/s (10^6 bytes) of CPU time, over runs of at
/// least 2 s of wall time (3 to 50 runs), or exactly `runs` runs.
fn measure(text: &str, config: &Config, runs_wanted: Option<usize>) -> (f64, usize) {
    let origin = Instant::now();
    let mut best = f64::MAX;
    let mut changes = 0;
    let start = Instant::now();
    let mut runs = 0;
    while runs_wanted.map_or(runs < 3 || start.elapsed() < Duration::from_secs(2), |n| {
        runs < n
    }) {
        let t = cpu_time(origin);
        let out = black_box(fix_text(black_box(text), config));
        best = best.min(cpu_time(origin) - t);
        changes = out.changes.len();
        drop(out);
        runs += 1;
        if runs_wanted.is_none() && runs >= 50 {
            break;
        }
    }
    (text.len() as f64 / best / 1e6, changes)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let data_dir: Option<PathBuf> = args
        .iter()
        .position(|a| a == "--data")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let clean = build(&corpus_lines("intact.jsonl", "text"));
    let prose = build(&prose_lines());
    let damaged = build(&corpus_lines("damaged.jsonl", "damaged"));
    if let Some(dir) = &data_dir {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("clean.txt"), &clean).unwrap();
        std::fs::write(dir.join("prose.txt"), &prose).unwrap();
        std::fs::write(dir.join("damaged.txt"), &damaged).unwrap();
    }
    let default = Config::default();
    let mut no_legacy = Config::default();
    no_legacy.repair.fix_legacy = false;
    let ftfy = Config::ftfy_compatible();
    let encoding_only = Config {
        repair: textmend::config::RepairConfig::encoding_only(),
        ..Config::default()
    };
    // `--only WORD`: run only the measurements whose corpus or config name contains WORD.
    let only: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, _)| *i > 0 && args[i - 1] == "--only")
        .map(|(_, a)| a)
        .collect();
    let runs_wanted: Option<usize> = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1)?.parse().ok());
    for (name, text) in [("clean", &clean), ("prose", &prose), ("damaged", &damaged)] {
        for (cname, config) in [
            ("default", &default),
            ("default-no-legacy", &no_legacy),
            ("ftfy-preset", &ftfy),
            ("encoding-only", &encoding_only),
        ] {
            let label = format!("{name} {cname}");
            if !only
                .iter()
                .all(|w| label.split(' ').any(|p| p == w.as_str()))
            {
                continue;
            }
            let (mbs, changes) = measure(text, config, runs_wanted);
            println!(
                "textmend {name:<8} {cname:<18} {:>6.1} MB  {mbs:>9.1} MB/s (CPU)  {changes} changes",
                text.len() as f64 / 1e6
            );
        }
    }
}
