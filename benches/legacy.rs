//! Throughput of the repair stage with and without the legacy-mojibake pass, on clean text
//! (the intact corpus of tests/data/legacy/) and on damaged text (its damaged sentences).
//!
//! Run: `cargo bench --bench legacy` (or `-- clean`, `-- damaged` for one of them). Prints MB/s
//! of CPU time for each case and the cost ratio.

use std::hint::black_box;
use std::time::Instant;

use textmend::changes::Changes;
use textmend::config::RepairConfig;
use textmend::repair::repair;

mod common;
use common::cpu_time;

fn field(line: &str, key: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
    v[key].as_str().expect("a string").to_string()
}

/// Documents of about 4 KB made of the corpus lines, repeated to about `total` bytes.
fn documents(lines: &[String], total: usize) -> Vec<String> {
    let mut docs = Vec::new();
    let mut doc = String::new();
    let mut size = 0;
    while size < total {
        for l in lines {
            doc.push_str(l);
            doc.push('\n');
            if doc.len() > 4096 {
                size += doc.len();
                docs.push(std::mem::take(&mut doc));
            }
        }
    }
    docs
}

/// CPU seconds per pass over `docs`, best of several runs of at least 0.3 s of wall time each
/// (the kernel's CPU-time counter is not fine enough for one pass over clean text).
fn time(docs: &[String], config: &RepairConfig) -> f64 {
    let origin = Instant::now();
    let mut best = f64::MAX;
    for _ in 0..5 {
        let (wall, start) = (Instant::now(), cpu_time(origin));
        let mut passes = 0;
        while passes == 0 || wall.elapsed().as_secs_f64() < 0.3 {
            for d in docs {
                let mut changes = Changes::new();
                black_box(repair(black_box(d.clone()), config, &mut changes));
            }
            passes += 1;
        }
        best = best.min((cpu_time(origin) - start) / passes as f64);
    }
    best
}

fn main() {
    let intact: Vec<String> = include_str!("../tests/data/legacy/intact.jsonl")
        .lines()
        .map(|l| field(l, "text"))
        .collect();
    let damaged: Vec<String> = include_str!("../tests/data/legacy/damaged.jsonl")
        .lines()
        .map(|l| field(l, "damaged"))
        .collect();
    // An English page as scraped (mostly ASCII, some curly quotes): the common case.
    let page: Vec<String> = include_str!("../fixtures/clean/seed-gbk-as-latin1.out.txt")
        .lines()
        .map(str::to_string)
        .collect();
    let on = RepairConfig::default();
    let off = RepairConfig {
        fix_legacy: false,
        ..RepairConfig::default()
    };
    println!("| text | MB | without legacy pass | with legacy pass | ratio |");
    println!("|---|---|---|---|---|");
    let only: Option<String> = std::env::args().nth(1).filter(|a| !a.starts_with('-'));
    for (name, lines) in [
        ("clean English page", &page),
        ("clean (intact corpus)", &intact),
        ("damaged", &damaged),
    ] {
        if only.as_ref().is_some_and(|o| !name.starts_with(o.as_str())) {
            continue;
        }
        let docs = documents(lines, 2_000_000);
        let mb = docs.iter().map(|d| d.len()).sum::<usize>() as f64 / 1e6;
        let (t_off, t_on) = (time(&docs, &off), time(&docs, &on));
        println!(
            "| {name} | {mb:.1} | {:.1} MB/s | {:.1} MB/s | {:.2}x |",
            mb / t_off,
            mb / t_on,
            t_on / t_off
        );
    }
}
