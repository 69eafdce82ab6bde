//! The built binary on inputs in many encodings, binary files and invalid bytes.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;

fn textmend(args: &[&str]) -> Output {
    common::run(None, args, None)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

const CHINESE: &str = "这是一个用中文写的句子，用来测试编码检测是否正确。\n";

#[test]
fn detect_names_encoding_and_source() {
    let dir = tempfile::tempdir().unwrap();
    let bom = write(dir.path(), "bom.txt", "\u{feff}héllo\n".as_bytes());
    let gbk = write(dir.path(), "gbk.txt", &encoding_rs::GBK.encode(CHINESE).0);
    let ascii = write(dir.path(), "ascii.txt", b"plain\n");
    let utf16: Vec<u8> = "no BOM here, UTF-16LE\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let wide = write(dir.path(), "wide.txt", &utf16);
    let mut page = b"<meta charset=\"utf-8\"><p>".to_vec();
    page.extend_from_slice(&encoding_rs::GBK.encode(CHINESE).0);
    let page = write(dir.path(), "page.html", &page);
    let out = textmend(&["detect", s(&bom), s(&gbk), s(&ascii), s(&wide), s(&page)]);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], format!("{}: UTF-8 (bom)", s(&bom)));
    assert_eq!(lines[1], format!("{}: GBK (detected)", s(&gbk)));
    assert_eq!(lines[2], format!("{}: UTF-8 (assumed)", s(&ascii)));
    assert_eq!(lines[3], format!("{}: UTF-16LE (detected)", s(&wide)));
    assert_eq!(
        lines[4],
        format!(
            "{}: GBK (detected; declared UTF-8, contradicted by the bytes)",
            s(&page)
        )
    );
}

#[test]
fn detect_json_one_object_per_file() {
    let dir = tempfile::tempdir().unwrap();
    let dos = write(dir.path(), "dos.txt", b"<meta charset=cp850>caf\x82\n");
    let png = write(dir.path(), "img.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let out = textmend(&["detect", "--json", s(&dos), s(&png)]);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    let objs: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objs[0]["encoding"], "IBM850");
    assert_eq!(objs[0]["source"], "declared");
    assert_eq!(objs[1]["binary"], "PNG image");
}

#[test]
fn fix_and_clean_write_utf8_from_legacy_encodings() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, Vec<u8>, &str)] = &[
        (
            "gbk.txt",
            encoding_rs::GBK.encode(CHINESE).0.into_owned(),
            CHINESE,
        ),
        (
            "sjis.txt",
            encoding_rs::SHIFT_JIS
                .encode("日本語の文章です。文字コードを判定します。\n")
                .0
                .into_owned(),
            "日本語の文章です。文字コードを判定します。\n",
        ),
        (
            "utf32.txt",
            b"\xff\xfe\x00\x00"
                .iter()
                .copied()
                .chain("Grüße\n".chars().flat_map(|c| (c as u32).to_le_bytes()))
                .collect(),
            "Grüße\n",
        ),
    ];
    for (name, bytes, want) in cases {
        let p = write(dir.path(), name, bytes);
        for mode in ["fix", "clean"] {
            let out = textmend(&[mode, s(&p)]);
            assert!(out.status.success(), "{mode} {name}: {out:?}");
            assert_eq!(
                String::from_utf8(out.stdout).unwrap(),
                *want,
                "{mode} {name}"
            );
        }
    }
}

#[test]
fn binary_files_are_skipped_and_never_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0some text".to_vec();
    let p = write(dir.path(), "prog", &bytes);
    for args in [
        vec!["fix", s(&p)],
        vec!["fix", "--in-place", s(&p)],
        vec!["clean", s(&p)],
    ] {
        let out = textmend(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("binary file (ELF executable)"), "{err}");
    }
    assert_eq!(fs::read(&p).unwrap(), bytes);
    // NUL bytes in what is not UTF-16/32 also mean binary.
    let nul = write(
        dir.path(),
        "nul.dat",
        b"abc\0\x01\x02\x03\xff\x10\x20\x30 text",
    );
    let out = textmend(&["check", s(&nul)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("NUL"));
}

#[test]
fn invalid_bytes_become_replacement_counted_or_fail_with_strict() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "bad.txt", b"ok \xff ok\n");
    let report = dir.path().join("report.json");
    let out = textmend(&["fix", "--encoding", "utf-8", "--report", s(&report), s(&p)]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "ok \u{FFFD} ok\n");
    let json: serde_json::Value = serde_json::from_slice(&fs::read(&report).unwrap()).unwrap();
    let doc = &json["documents"][0];
    assert_eq!(doc["encoding"], "UTF-8");
    assert_eq!(doc["encoding_source"], "declared");
    let change = &doc["changes"][0];
    assert_eq!(
        change["reason"]["name"]
            .as_str()
            .or(change["reason"].as_str()),
        Some("invalid_bytes")
    );
    assert_eq!(change["before"], "\\xFF");
    // The streaming path counts them the same way and writes the same text.
    let out = textmend(&["fix", "--encoding", "utf-8", s(&p)]);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "ok \u{FFFD} ok\n");
    let out = textmend(&["fix", "--encoding", "utf-8", "--strict", s(&p)]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("invalid UTF-8 byte sequence at byte offset 3"),
        "{err}"
    );
}

#[test]
fn check_names_the_encoding_of_non_utf8_files() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "cp1251.txt",
        &encoding_rs::WINDOWS_1251
            .encode("Привет, мир! Как дела?\n")
            .0,
    );
    let out = textmend(&["check", s(&p)]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(&format!("{}: windows-1251 (detected)", s(&p))),
        "{text}"
    );
}

#[test]
fn tld_hint_decides_between_equally_plausible_readings() {
    // Four bytes that are both GBK (这是) and EUC-JP: the site's country decides.
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "short.txt", b"\xd5\xe2\xca\xc7");
    let cn = String::from_utf8(textmend(&["detect", "--tld", "cn", s(&f)]).stdout).unwrap();
    let jp = String::from_utf8(textmend(&["detect", "--tld", "jp", s(&f)]).stdout).unwrap();
    assert!(cn.trim_end().ends_with(": GBK (detected)"), "{cn}");
    assert!(jp.trim_end().ends_with(": EUC-JP (detected)"), "{jp}");
    let fixed = textmend(&["fix", "--tld", "cn", s(&f)]);
    assert_eq!(String::from_utf8(fixed.stdout).unwrap(), "这是");
}
