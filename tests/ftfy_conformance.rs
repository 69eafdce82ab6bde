//! ftfy's own test cases (tests/data/ftfy/*.json, copied unmodified from
//! https://github.com/rspeer/python-ftfy, by Robyn Speer, Apache-2.0): every case marked `pass`
//! must come out as ftfy's `fixed` with the ftfy preset, as `fixed-encoding` (or `fixed`) with
//! encoding repair only, and as `fixed` after one more layer of damage (the original's UTF-8
//! bytes read as Latin-1). Known failures are counted, not asserted.

use std::fs;
use std::path::Path;

use serde_json::Value;
use textmend::config::RepairConfig;
use textmend::{Config, fix_text};

fn cases() -> Vec<(String, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ftfy");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let v: Value = serde_json::from_str(&fs::read_to_string(&f).unwrap()).unwrap();
        for case in v.as_array().unwrap() {
            out.push((name.clone(), case.clone()));
        }
    }
    out
}

fn ftfy_preset(s: &str) -> String {
    let fixed = fix_text(s, &Config::ftfy_compatible());
    assert_eq!(
        fixed.changes.replay(s),
        fixed.text,
        "the record replays {s:?}"
    );
    fixed.text
}

fn encoding_only(s: &str) -> String {
    let config = Config {
        repair: RepairConfig::encoding_only(),
        ..Config::default()
    };
    fix_text(s, &config).text
}

fn latin1_layer(s: &str) -> String {
    s.bytes().map(|b| b as char).collect()
}

/// (variant name, failures) for the cases with `expect` == `want`.
fn run(want: &str) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    let mut count = 0;
    for (file, case) in cases() {
        if case["expect"] != want {
            continue;
        }
        count += 1;
        let original = case["original"].as_str().unwrap();
        let fixed = case["fixed"].as_str().unwrap();
        let fixed_encoding = case
            .get("fixed-encoding")
            .and_then(Value::as_str)
            .unwrap_or(fixed);
        let label = format!("{file}: {}", case["label"]);
        let got = ftfy_preset(original);
        if got != fixed {
            failures.push(format!(
                "{label}\n  preset:   {got:?}\n  want:     {fixed:?}"
            ));
        }
        let got = encoding_only(original);
        if got != fixed_encoding {
            failures.push(format!(
                "{label}\n  encoding: {got:?}\n  want:     {fixed_encoding:?}"
            ));
        }
        let got = ftfy_preset(&latin1_layer(original));
        if got != fixed {
            failures.push(format!(
                "{label}\n  +layer:   {got:?}\n  want:     {fixed:?}"
            ));
        }
    }
    (count, failures)
}

#[test]
fn every_pass_case_passes_in_all_three_variants() {
    let (count, failures) = run("pass");
    assert_eq!(count, 151, "the copied files hold 151 pass cases");
    assert!(
        failures.is_empty(),
        "{} of {} variants fail:\n{}",
        failures.len(),
        count * 3,
        failures.join("\n")
    );
}

#[test]
fn known_failures_are_counted() {
    let mut fixed = 0;
    let mut total = 0;
    for (_, case) in cases() {
        if case["expect"] != "fail" {
            continue;
        }
        total += 1;
        if ftfy_preset(case["original"].as_str().unwrap()) == case["fixed"].as_str().unwrap() {
            fixed += 1;
        }
    }
    assert_eq!(total, 10);
    println!("known ftfy failures fixed by textmend: {fixed} of {total}");
}
