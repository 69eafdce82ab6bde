//! Every fixture: `fixtures/<mode>/<name>.in.<ext>` run through `<mode>` (`fix` or `clean`)
//! must give `fixtures/<mode>/<name>.out.<ext>` exactly. Adding a case means adding two files.

use std::fs;
use std::path::Path;

use textmend::{Config, Mode};

fn run_mode(dir: &str, mode: Mode) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(dir);
    let mut count = 0;
    let mut failures = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for input in entries {
        let name = input.file_name().unwrap().to_string_lossy().to_string();
        let Some((stem, ext)) = name.split_once(".in.") else {
            continue;
        };
        let expected_path = dir.join(format!("{stem}.out.{ext}"));
        let expected = fs::read_to_string(&expected_path)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        let bytes = fs::read(&input).unwrap();
        let doc = textmend::process(&bytes, mode, &Config::default()).unwrap();
        count += 1;
        if doc.output != expected {
            failures.push(format!(
                "{name}: output differs from {stem}.out.{ext}\n--- got ---\n{}\n--- want ---\n{}",
                doc.output, expected
            ));
        }
        // The record of changes is the mechanism: replaying it gives the output.
        assert_eq!(doc.changes.replay(&doc.input), doc.output, "{name}: replay");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    count
}

#[test]
fn clean_fixtures() {
    assert!(run_mode("clean", Mode::Clean) >= 1);
}

#[test]
fn fix_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fix");
    if dir.exists() {
        run_mode("fix", Mode::Fix);
    }
}
