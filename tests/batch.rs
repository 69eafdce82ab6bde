//! Batch modes end to end: directory trees, --out-dir, --in-place with backups, JSON Lines,
//! WARC, check formats and settings, and bad input met during a walk.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod common;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn textmend_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    common::run(Some(dir), args, stdin)
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

/// A small tree of pages: the seed (damaged), a clean page, a nested damaged page, a PNG,
/// a hidden file and an ignored file.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("pages/news")).unwrap();
    fs::copy(
        root().join("fixtures/clean/seed-gbk-as-latin1.in.txt"),
        d.join("pages/seed.txt"),
    )
    .unwrap();
    fs::write(d.join("pages/ok.txt"), "Nothing to do here.\n").unwrap();
    fs::write(
        d.join("pages/news/story.txt"),
        "Home > News > Story\nThe mayor\u{a1}\u{af}s plan passed.\n",
    )
    .unwrap();
    fs::write(
        d.join("pages/news/logo.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .unwrap();
    fs::write(d.join("pages/.draft.txt"), "Draft\u{a1}\u{af}s\n").unwrap();
    fs::write(d.join("pages/.gitignore"), "ignored.txt\n").unwrap();
    fs::write(d.join("pages/ignored.txt"), "It\u{a1}\u{af}s ignored\n").unwrap();
    dir
}

#[test]
fn out_dir_mirrors_the_tree_skipping_binary_hidden_and_ignored() {
    let dir = tree();
    let out = textmend_in(
        dir.path(),
        &["clean", "--out-dir", "out", "-j", "2", "pages"],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let o = dir.path().join("out");
    assert_eq!(
        fs::read_to_string(o.join("seed.txt")).unwrap(),
        fs::read_to_string(root().join("fixtures/clean/seed-gbk-as-latin1.out.txt")).unwrap()
    );
    assert_eq!(
        fs::read_to_string(o.join("news/story.txt")).unwrap(),
        "The mayor\u{2019}s plan passed.\n"
    );
    assert_eq!(
        fs::read_to_string(o.join("ok.txt")).unwrap(),
        "Nothing to do here.\n"
    );
    assert!(!o.join("news/logo.png").exists());
    assert!(!o.join(".draft.txt").exists());
    assert!(!o.join("ignored.txt").exists());
    let err = text(&out.stderr);
    assert!(
        err.contains("logo.png: binary file (PNG image), not text: skipped\n"),
        "{err}"
    );
    assert!(
        err.contains("4 documents") && err.contains("2 changed") && err.contains("1 skipped"),
        "{err}"
    );
}

#[test]
fn glob_and_hidden_select_files() {
    let dir = tree();
    let out = textmend_in(
        dir.path(),
        &[
            "fix",
            "--out-dir",
            "out",
            "--hidden",
            "-g",
            "*.txt",
            "-g",
            "!news/**",
            "pages",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let o = dir.path().join("out");
    assert_eq!(
        fs::read_to_string(o.join(".draft.txt")).unwrap(),
        "Draft\u{2019}s\n"
    );
    assert!(o.join("seed.txt").exists());
    assert!(!o.join("news").exists());
}

#[test]
fn in_place_over_a_tree_rewrites_only_changed_files_with_backups() {
    let dir = tree();
    let ok = dir.path().join("pages/ok.txt");
    let mtime = fs::metadata(&ok).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let out = textmend_in(
        dir.path(),
        &["fix", "--in-place", "--backup", ".orig", "pages"],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let p = dir.path().join("pages");
    assert_eq!(
        fs::read_to_string(p.join("news/story.txt")).unwrap(),
        "Home > News > Story\nThe mayor\u{2019}s plan passed.\n"
    );
    assert!(
        fs::read_to_string(p.join("news/story.txt.orig"))
            .unwrap()
            .contains('\u{a1}')
    );
    assert_eq!(fs::metadata(&ok).unwrap().modified().unwrap(), mtime);
    assert!(!p.join("ok.txt.orig").exists());
    assert_eq!(
        fs::read(p.join("news/logo.png")).unwrap(),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"
    );
}

#[cfg(unix)]
#[test]
fn broken_symlinks_and_odd_names_are_reported_and_the_run_goes_on() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tree();
    let p = dir.path().join("pages");
    std::os::unix::fs::symlink(p.join("nowhere.txt"), p.join("dangling.txt")).unwrap();
    let odd = p.join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"));
    fs::write(&odd, "Caf\u{a1}\u{af}s menu\n").unwrap();
    let out = textmend_in(dir.path(), &["fix", "--out-dir", "out", "pages"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("dangling.txt: broken symbolic link"), "{err}");
    let fixed = dir
        .path()
        .join("out")
        .join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"));
    assert_eq!(fs::read_to_string(fixed).unwrap(), "Caf\u{2019}s menu\n");
    assert!(dir.path().join("out/seed.txt").exists());
}

#[test]
fn jsonl_filter_keeps_order_and_fields_and_flags_bad_records() {
    let dir = tempfile::tempdir().unwrap();
    let input = "{\"id\":1,\"text\":\"Home > News > A\\nIt\u{a1}\u{af}s fine.\"}\n{broken\n{\"id\":3,\"text\":\"ok\"}\n";
    let out = textmend_in(
        dir.path(),
        &["clean", "--jsonl", "--annotate"],
        Some(input.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[0]["text"], "It\u{2019}s fine.\n");
    assert_eq!(lines[0]["textmend"]["removed_lines"][0], "Home > News > A");
    assert!(lines[1]["textmend_error"].is_string());
    assert_eq!(lines[2]["id"], 3);
    // Passed through, and said on stderr.
    assert!(
        text(&out.stderr).contains("-: 1 malformed record passed through"),
        "{}",
        text(&out.stderr)
    );
    let strict = textmend_in(
        dir.path(),
        &["clean", "--jsonl", "--strict"],
        Some(input.as_bytes()),
    );
    assert_eq!(strict.status.code(), Some(2));
    assert!(text(&strict.stderr).contains("line 2"));
}

/// Build a WARC file with one GBK HTML-less text response and one image.
fn warc_bytes() -> Vec<u8> {
    let mut out = Vec::new();
    let (body, _, _) =
        encoding_rs::GBK.encode("首页 > 新闻 > 科技\n研究人员发现了一种“高效”的新型催化剂。\n");
    let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=GBK\r\n\r\n".to_vec();
    http.extend_from_slice(&body);
    for (url, http) in [
        ("http://news.example.cn/a", http),
        (
            "http://news.example.cn/logo.png",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG".to_vec(),
        ),
    ] {
        out.extend(
            format!(
                "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2024-05-06T07:08:09Z\r\nContent-Length: {}\r\n\r\n",
                http.len()
            )
            .into_bytes(),
        );
        out.extend(http);
        out.extend(b"\r\n\r\n");
    }
    out
}

#[test]
fn warc_and_warc_gz_become_jsonl() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("crawl.warc"), warc_bytes()).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&warc_bytes()).unwrap();
    fs::write(dir.path().join("crawl.warc.gz"), gz.finish().unwrap()).unwrap();
    for name in ["crawl.warc", "crawl.warc.gz"] {
        let out = textmend_in(dir.path(), &["clean", name], None);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let lines: Vec<serde_json::Value> = text(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 1, "{name}");
        assert_eq!(lines[0]["url"], "http://news.example.cn/a");
        assert_eq!(lines[0]["date"], "2024-05-06T07:08:09Z");
        assert_eq!(lines[0]["encoding"], "GBK");
        assert_eq!(lines[0]["text"], "研究人员发现了一种“高效”的新型催化剂。\n");
    }
}

#[test]
fn check_formats_and_settings() {
    let dir = tree();
    let d = dir.path();
    // human
    let out = textmend_in(d, &["check", "pages"], None);
    assert_eq!(out.status.code(), Some(1));
    let human = text(&out.stdout);
    assert!(
        human.contains("pages/news/story.txt:2:10: mojibake(gbk read as windows-1252): ¡¯ -> ’"),
        "{human}"
    );
    // github
    let out = textmend_in(d, &["check", "--format", "github", "pages"], None);
    let gh = text(&out.stdout);
    assert!(
        gh.lines().all(|l| l.starts_with("::warning file=pages/")),
        "{gh}"
    );
    assert!(gh.contains("file=pages/news/story.txt,line=2,col=10,title=textmend mojibake::"));
    // json
    let out = textmend_in(d, &["check", "--format", "json", "pages"], None);
    let first: serde_json::Value =
        serde_json::from_str(text(&out.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(first["name"], "mojibake");
    // sarif
    let out = textmend_in(d, &["check", "--format", "sarif", "pages"], None);
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), human.lines().count());
    let first_loc = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(first_loc["artifactLocation"]["uri"], "pages/news/story.txt");
    assert_eq!(first_loc["region"]["startLine"], 2);
    // settings: exclude the damaged files, allow only UTF-8
    fs::write(
        d.join("pages/textmend.toml"),
        "exclude = [\"seed.txt\", \"news/**\"]\n",
    )
    .unwrap();
    let out = textmend_in(d, &["check", "pages"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    fs::write(
        d.join("pages/textmend.toml"),
        "include = [\"news/*.txt\"]\nignore = [\"mojibake\"]\n",
    )
    .unwrap();
    let out = textmend_in(d, &["check", "pages"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let (gbk, _, _) = encoding_rs::GBK.encode("这是一个用中文写的句子，用来测试编码设置是否有效。");
    fs::write(d.join("pages/news/gbk.txt"), &gbk).unwrap();
    fs::write(
        d.join("pages/textmend.toml"),
        "include = [\"news/gbk.txt\"]\nencodings = [\"utf-8\"]\n",
    )
    .unwrap();
    let out = textmend_in(d, &["check", "pages"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("encoding_not_allowed(GBK detected)"));
}

#[test]
fn json_and_html_reports_for_a_batch() {
    let dir = tree();
    let out = textmend_in(
        dir.path(),
        &["clean", "--out-dir", "out", "--report", "r.json", "pages"],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let r: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(r["documents"].as_array().unwrap().len(), 3);
    let out = textmend_in(
        dir.path(),
        &["clean", "--out-dir", "out2", "--report", "r.html", "pages"],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let html = fs::read_to_string(dir.path().join("r.html")).unwrap();
    assert!(html.contains("2 of 4 documents changed"), "{html}");
    assert!(html.contains("chrome(breadcrumb)"));
}

#[cfg(unix)]
#[test]
fn ctrl_c_leaves_no_partial_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let big: String = "It\u{a1}\u{af}s a line of text with a quote.\n".repeat(100_000);
    let records: String = (0..100_000)
        .map(|i| format!("{{\"id\":{i},\"text\":\"It\u{a1}\u{af}s record {i}.\"}}\n"))
        .collect();
    fs::write(dir.path().join("big.jsonl"), records).unwrap();
    fs::write(dir.path().join("big.txt"), big).unwrap();
    for args in [
        &[
            "clean",
            "--jsonl",
            "-o",
            "out.jsonl",
            "big.jsonl",
            "big.jsonl",
            "big.jsonl",
        ][..],
        &[
            "fix", "-o", "out.txt", "big.txt", "big.txt", "big.txt", "big.txt",
        ][..],
        &[
            "fix", "--report", "out.json", "big.txt", "big.txt", "big.txt", "big.txt",
        ][..],
        &[
            "fix", "--report", "out.html", "big.txt", "big.txt", "big.txt", "big.txt",
        ][..],
    ] {
        let child = Command::new(env!("CARGO_BIN_EXE_textmend"))
            .args(args)
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(150));
        let _ = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status();
        let out = child.wait_with_output().unwrap();
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        match out.status.code() {
            // Interrupted: no output file, no temporary file.
            Some(130) => assert!(
                names
                    .iter()
                    .all(|n| !n.starts_with("out") && !n.starts_with(".textmend")),
                "{names:?}"
            ),
            // Finished before the signal: the whole output is there.
            Some(0) => assert!(names.iter().any(|n| n.starts_with("out"))),
            other => panic!("exit {other:?}: {}", text(&out.stderr)),
        }
    }
}
