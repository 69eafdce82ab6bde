//! How many clean lines the legacy-mojibake pass looks at, and what they cost: for each line of
//! the intact corpora (tests/data/legacy/intact.jsonl, tests/data/corpus/intact.jsonl, and any
//! text files given), whether the scan flags it, whether the pass's cheap checks let it reach
//! the judge, and the CPU time of the pass on it (best of several runs), by the gate's sign.
//!
//! `cargo run --release --example legacy_judged [-- FILE...]`; `-v` lists the lines with a
//! sign (time, whether judged, the signs); `--loop` runs the pass over the lines with a sign
//! 2,000 times and prints nothing (for `perf record` or `/usr/bin/time`), `--files` with it
//! only over the files given, `--times N` N times instead of 2,000 (for valgrind).

use std::time::Instant;

use textmend::config::RepairConfig;
use textmend::repair::fastpath::Scan;
use textmend::repair::legacy::{fix_legacy_mojibake, gate::Signs, reaches_judge};

fn field(line: &str, key: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
    v[key].as_str().expect("a string").to_string()
}

/// Microseconds of the pass on `line`, best of five runs of 20 calls.
fn micros(line: &str, config: &RepairConfig) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        for _ in 0..20 {
            std::hint::black_box(fix_legacy_mojibake(std::hint::black_box(line), config));
        }
        best = best.min(t.elapsed().as_secs_f64() * 1e6 / 20.0);
    }
    best
}

fn main() {
    let verbose = std::env::args().any(|a| a == "-v");
    let mut corpora: Vec<(String, Vec<String>)> = vec![
        (
            "legacy intact".into(),
            include_str!("../tests/data/legacy/intact.jsonl")
                .lines()
                .map(|l| field(l, "text"))
                .collect(),
        ),
        (
            "mojibake intact".into(),
            include_str!("../tests/data/corpus/intact.jsonl")
                .lines()
                .map(|l| field(l, "text"))
                .collect(),
        ),
    ];
    let files: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-') && a.parse::<usize>().is_err())
        .collect();
    if !files.is_empty() {
        let mut lines = Vec::new();
        for f in &files {
            match std::fs::read(f) {
                Ok(b) => lines.extend(
                    String::from_utf8_lossy(&b)
                        .lines()
                        .map(str::to_string)
                        .collect::<Vec<_>>(),
                ),
                Err(e) => eprintln!("{f}: cannot read ({e}): is the shared eval data present?"),
            }
        }
        corpora.push((format!("{} files", files.len()), lines));
    }
    let config = RepairConfig::default();
    if std::env::args().any(|a| a == "--loop") {
        // For a profiler or a timer: the pass over the lines with a sign, again and again.
        let only_files = std::env::args().any(|a| a == "--files");
        let judged: Vec<&String> = corpora
            .iter()
            .filter(|(n, _)| !only_files || n.ends_with("files"))
            .flat_map(|(_, l)| l)
            .filter(|l| !Signs::of(l).none())
            .collect();
        let times = std::env::args()
            .skip_while(|a| a != "--times")
            .nth(1)
            .map_or(2000, |n| n.parse().expect("--times N"));
        for _ in 0..times {
            for l in &judged {
                std::hint::black_box(fix_legacy_mojibake(std::hint::black_box(l), &config));
            }
        }
        return;
    }
    println!(
        "| corpus | lines | flagged by the scan | with a sign | judged | µs in lines with a sign |"
    );
    println!("|---|---|---|---|---|---|");
    for (name, lines) in &corpora {
        let (mut flagged, mut signed, mut judged, mut us) = (0, 0, 0, 0.0);
        for line in lines {
            if !Scan::of(line).has(Scan::LEGACY) {
                continue;
            }
            flagged += 1;
            if Signs::of(line).none() {
                continue;
            }
            signed += 1;
            let t = micros(line, &config);
            us += t;
            let judge = reaches_judge(line);
            judged += judge as usize;
            if verbose {
                let mark = if judge { "judged" } else { "      " };
                println!("{t:8.1} µs {mark} {:?} {line}", Signs::of(line));
            }
        }
        println!(
            "| {name} | {} | {flagged} | {signed} | {judged} | {us:.0} |",
            lines.len()
        );
    }
}
