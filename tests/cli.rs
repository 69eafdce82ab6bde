//! The command line end to end: the seed page, `--diff`, `check`, `--report`, `--in-place`, and
//! bad input (missing paths, directories, binary files).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;

const SEED: &str = "fixtures/clean/seed-gbk-as-latin1.in.txt";
const SEED_OUT: &str = "fixtures/clean/seed-gbk-as-latin1.out.txt";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn textmend(args: &[&str]) -> Output {
    common::run(Some(&root()), args, None)
}

fn textmend_stdin(args: &[&str], input: &[u8]) -> Output {
    common::run(None, args, Some(input))
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

#[test]
fn clean_seed_gives_the_expected_text() {
    let out = textmend(&["clean", SEED]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        fs::read_to_string(root().join(SEED_OUT)).unwrap()
    );
}

#[test]
fn clean_reads_stdin() {
    let input = fs::read(root().join(SEED)).unwrap();
    let out = textmend_stdin(&["clean"], &input);
    assert_eq!(
        stdout(&out),
        fs::read_to_string(root().join(SEED_OUT)).unwrap()
    );
    let out = textmend_stdin(&["clean", "-"], &input);
    assert_eq!(
        stdout(&out),
        fs::read_to_string(root().join(SEED_OUT)).unwrap()
    );
}

#[test]
fn diff_shows_chrome_removed_and_quotes_repaired_with_reasons() {
    let out = textmend(&["clean", "--diff", SEED]);
    assert_eq!(out.status.code(), Some(0));
    let diff = stdout(&out);
    for removed in [
        "-Add to Favorites",
        "-\u{a0}\u{a0}\u{a0} Current Position >> News >> CNIE Activities",
        "-Back Print Close",
        "-Copyright 2014 China NGO Network",
    ] {
        assert!(diff.contains(removed), "diff lacks {removed:?}:\n{diff}");
    }
    assert!(diff.contains("+Xi\u{2019}an Declaration"));
    for why in [
        "chrome(menu)",
        "chrome(breadcrumb)",
        "chrome(controls)",
        "chrome(copyright)",
        "mojibake(gbk read as windows-1252)",
    ] {
        assert!(
            diff.contains(&format!("# why: {why}")),
            "diff lacks {why}:\n{diff}"
        );
    }
}

#[test]
fn check_reports_line_3_column_3_first_and_exits_1() {
    let out = textmend(&["check", SEED]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        format!("{SEED}:3:3: mojibake(gbk read as windows-1252): \u{a1}\u{af} -> \u{2019}")
    );
    // Nine damaged spans on the page, each reported once.
    assert_eq!(text.lines().count(), 9);
}

#[test]
fn check_cuts_a_long_span_in_its_human_output_but_not_in_json() {
    // Thai, written without spaces, read as windows-1252: the whole paragraph is one span.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    let thai = "ภาษาไทยเขียนติดกันโดยไม่เว้นวรรคระหว่างคำ".repeat(10);
    let (damaged, _, _) = encoding_rs::WINDOWS_1252.decode(thai.as_bytes());
    fs::write(&path, format!("{damaged}\n")).unwrap();
    let path = path.to_str().unwrap();
    let out = textmend(&["check", path]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let first = text
        .lines()
        .find(|l| l.contains("mojibake"))
        .expect("a finding");
    assert!(first.chars().count() < 300, "{first}");
    assert!(first.contains("… (+"), "{first}");
    let json = textmend(&["check", "--format", "json", path]);
    let finding: serde_json::Value = serde_json::from_str(
        stdout(&json)
            .lines()
            .find(|l| l.contains("mojibake"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(finding["after"].as_str().unwrap(), thai);
}

#[test]
fn check_on_clean_output_exits_0() {
    let out = textmend(&["check", SEED_OUT]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn report_json_lists_every_change_with_reason_and_position() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.json");
    let out = textmend(&["clean", "--report", report.to_str().unwrap(), SEED]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&fs::read(&report).unwrap()).unwrap();
    let doc = &json["documents"][0];
    assert_eq!(doc["path"], SEED);
    assert_eq!(doc["encoding"], "UTF-8");
    assert_eq!(doc["changed"], true);
    let changes = doc["changes"].as_array().unwrap();
    let first = &changes[0];
    assert_eq!(first["reason"]["name"], "mojibake");
    assert_eq!(first["reason"]["encoding"], "gbk");
    assert_eq!(first["line"], 3);
    assert_eq!(first["column"], 3);
    assert_eq!(first["before"], "\u{a1}\u{af}");
    assert_eq!(first["after"], "\u{2019}");
    let rules: Vec<&str> = changes
        .iter()
        .filter(|c| c["reason"]["name"] == "chrome")
        .map(|c| c["reason"]["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["menu", "breadcrumb", "controls", "copyright"]);
}

#[test]
fn missing_path_is_an_error_but_other_paths_still_run() {
    let out = textmend(&["clean", "no/such/file.txt", SEED]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no/such/file.txt"), "{err}");
    assert_eq!(
        stdout(&out),
        fs::read_to_string(root().join(SEED_OUT)).unwrap()
    );
}

#[test]
fn binary_files_are_errors_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("image.png");
    fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01").unwrap();
    let zip = dir.path().join("data.bin");
    fs::write(&zip, b"text\0with NUL bytes").unwrap();
    for (path, what) in [(&png, "binary file (PNG image)"), (&zip, "binary")] {
        let out = textmend(&["fix", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains(path.to_str().unwrap()) && err.contains(what),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
    let out = textmend(&["check", png.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("secret.txt");
    fs::write(&f, "text").unwrap();
    fs::set_permissions(&f, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&f).is_ok() {
        // Running as root: permissions do not stop reads. A dangling symlink is unreadable
        // for everyone.
        fs::remove_file(&f).unwrap();
        std::os::unix::fs::symlink(dir.path().join("gone"), &f).unwrap();
    }
    let out = textmend(&["fix", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("secret.txt"));
}

fn copy_to(dir: &Path, name: &str, from: &str) -> PathBuf {
    let p = dir.join(name);
    fs::copy(root().join(from), &p).unwrap();
    p
}

#[cfg(unix)]
#[test]
fn in_place_rewrites_atomically_keeping_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let f = copy_to(dir.path(), "page.txt", SEED);
    fs::set_permissions(&f, fs::Permissions::from_mode(0o640)).unwrap();
    let out = textmend(&["clean", "--in-place", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert_eq!(
        fs::read_to_string(&f).unwrap(),
        fs::read_to_string(root().join(SEED_OUT)).unwrap()
    );
    assert_eq!(
        fs::metadata(&f).unwrap().permissions().mode() & 0o777,
        0o640
    );
    // No temporary file is left behind.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn in_place_leaves_unchanged_and_failing_files_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let clean = copy_to(dir.path(), "clean.txt", SEED_OUT);
    let before = fs::metadata(&clean).unwrap().modified().unwrap();
    let png = dir.path().join("x.png");
    let png_bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    fs::write(&png, &png_bytes).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let out = textmend(&[
        "clean",
        "--in-place",
        clean.to_str().unwrap(),
        png.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::metadata(&clean).unwrap().modified().unwrap(), before);
    assert_eq!(fs::read(&png).unwrap(), png_bytes);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn output_file_option_writes_there() {
    let dir = tempfile::tempdir().unwrap();
    let o = dir.path().join("out.txt");
    let out = textmend(&["clean", "-o", o.to_str().unwrap(), SEED]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert_eq!(
        fs::read_to_string(&o).unwrap(),
        fs::read_to_string(root().join(SEED_OUT)).unwrap()
    );
}

#[test]
fn help_shows_examples_for_each_subcommand() {
    for sub in [
        &["--help"][..],
        &["fix", "--help"],
        &["clean", "--help"],
        &["check", "--help"],
    ] {
        let out = textmend(sub);
        assert_eq!(out.status.code(), Some(0));
        assert!(stdout(&out).contains("Examples:"), "{sub:?}");
    }
}
