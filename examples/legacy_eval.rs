//! Held-out check of the legacy-mojibake pass: run it on text files that are known to be
//! intact and print every change it would make (a false fix), then a summary line.
//!
//! `cargo run --release --example legacy_eval -- FILE...`, e.g. the pages of
//! /work/shared/eval/aeb/text/ (not part of the repository: the command says so when a file
//! is missing). Also prints what it does with each argument that is not a file, to explain a
//! repair: `cargo run --release --example legacy_eval -- "Ïðèâåò"`.

use textmend::changes::{Changes, Stage};
use textmend::config::RepairConfig;
use textmend::repair::legacy::fix_legacy_mojibake;

fn main() {
    let (mut files, mut chars, mut fixes) = (0, 0, 0);
    for arg in std::env::args().skip(1) {
        let path = std::path::Path::new(&arg);
        let text = if path.is_file() {
            files += 1;
            match std::fs::read(path) {
                Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                Err(e) => {
                    eprintln!("{arg}: cannot read: {e}");
                    continue;
                }
            }
        } else if arg.contains('/') {
            eprintln!("{arg}: no such file (is the shared eval data present?)");
            continue;
        } else {
            arg.clone()
        };
        chars += text.chars().count();
        let edits = fix_legacy_mojibake(&text, &RepairConfig::default());
        fixes += edits.len();
        let mut changes = Changes::new();
        changes.apply(Stage::Repair, text, edits);
        for c in changes.iter() {
            println!("{arg}: {:?} -> {:?} ({})", c.before, c.after, c.reason);
        }
    }
    println!("{files} files, {chars} characters, {fixes} changes");
}
