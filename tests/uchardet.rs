//! Encoding detection accuracy on the uchardet test corpus (tests/data/uchardet, copied unmodified
//! with its SOURCE.md). A file counts as correct when textmend's decoding gives the same text as
//! decoding with its true encoding, named by the file (`<lang>/<charset>[.<variant>]`).
//!
//! Asserts: at least 97% of the files whose encoding textmend reads are decoded correctly, and
//! of those whose encoding it detects (every encoding it reads except the few read only when
//! declared: VISCII, Georgian...), and every file with a byte order mark. Run with
//! `--nocapture` to see the table per encoding.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use textmend::decode::{Codec, bom, detect, labels};

/// The true encoding of a corpus file, from its name: the part before the first `.`; for
/// `utf-16.le`-style names the byte order is the extension.
fn true_codec(path: &Path) -> (String, Option<Codec>) {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let (label, rest) = name.split_once('.').unwrap_or((&name, ""));
    let label = label.to_string();
    let lookup = match (label.as_str(), rest) {
        ("utf-16" | "utf-32", "le" | "be") => format!("{label}{rest}"),
        _ => label.clone(),
    };
    (label, labels::lookup(&lookup))
}

fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/uchardet");
    let mut files = Vec::new();
    for lang in fs::read_dir(&root).unwrap() {
        let lang = lang.unwrap().path();
        if lang.is_dir() {
            for f in fs::read_dir(&lang).unwrap() {
                files.push(f.unwrap().path());
            }
        }
    }
    files.sort();
    files
}

#[derive(Default)]
struct Tally {
    files: usize,
    correct: usize,
    wrong: Vec<String>,
}

#[test]
fn uchardet_corpus_accuracy() {
    let files = corpus();
    assert!(files.len() >= 150, "corpus missing: {} files", files.len());
    let mut per_label: BTreeMap<String, Tally> = BTreeMap::new();
    let mut unsupported = Vec::new();
    let (mut supported, mut correct, mut boms, mut boms_correct) = (0, 0, 0, 0);
    let (mut detectable, mut detectable_correct) = (0, 0);
    for path in &files {
        let bytes = fs::read(path).unwrap();
        let (label, codec) = true_codec(path);
        let short = path
            .strip_prefix(path.parent().unwrap().parent().unwrap())
            .unwrap()
            .display()
            .to_string();
        let Some(codec) = codec else {
            unsupported.push(short);
            continue;
        };
        let bom = bom::sniff(&bytes);
        let body = &bytes[bom.map_or(0, |(_, n)| n)..];
        let truth = codec.decode_all(body).0;
        let got = textmend::decode(&bytes);
        let ok = got.as_ref().is_ok_and(|d| d.text == truth);
        supported += 1;
        correct += ok as usize;
        if detect::guessable(codec) {
            detectable += 1;
            detectable_correct += ok as usize;
        }
        if bom.is_some() {
            boms += 1;
            boms_correct += ok as usize;
        }
        let t = per_label.entry(label).or_default();
        t.files += 1;
        t.correct += ok as usize;
        if !ok {
            let what = match &got {
                Ok(d) => format!("{} ({})", d.encoding, d.source.name()),
                Err(e) => e.to_string(),
            };
            t.wrong.push(format!("{short} -> {what}"));
        }
    }
    println!("| encoding | files | correct | wrong guesses |");
    println!("|---|---:|---:|---|");
    for (label, t) in &per_label {
        println!(
            "| {label} | {} | {} | {} |",
            t.files,
            t.correct,
            t.wrong.join("; ")
        );
    }
    let pct = 100.0 * correct as f64 / supported as f64;
    println!(
        "\nsupported files: {supported}, correct: {correct} ({pct:.1}%); with BOM: {boms}, correct: {boms_correct}"
    );
    let dpct = 100.0 * detectable_correct as f64 / detectable as f64;
    println!(
        "files in encodings textmend detects: {detectable}, correct: {detectable_correct} ({dpct:.1}%)"
    );
    println!("not supported: {}", unsupported.join(", "));
    assert!(
        boms > 0 && boms_correct == boms,
        "a file with a BOM was misread"
    );
    assert!(
        dpct >= 97.0,
        "accuracy on detectable encodings {dpct:.1}% < 97%"
    );
    assert!(
        pct >= 96.0,
        "accuracy on readable encodings {pct:.1}% < 96%"
    );
}
