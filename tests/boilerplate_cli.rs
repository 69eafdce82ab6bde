//! Batch boilerplate learning on the command line: `boilerplate count` output of parts of a
//! batch, concatenated, cleans exactly as the counts of the whole batch do (what a cluster run
//! relies on), and the learnt lines are removed with their reason.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn textmend(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_textmend"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run textmend");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stdout(o: Output) -> String {
    String::from_utf8(o.stdout).unwrap()
}

/// Pages of two sites, each with its own menu and footer on most pages.
fn records() -> Vec<String> {
    (0..30)
        .map(|i| {
            let (site, menu, footer) = if i % 3 == 0 {
                (
                    "b.example",
                    "Start · Politik · Wirtschaft",
                    "Impressum und Datenschutz",
                )
            } else {
                (
                    "a.example",
                    "Home | World | Sport",
                    "Subscribe to the A newsletter",
                )
            };
            let mut text = String::new();
            if i % 5 != 1 {
                text += menu;
                text += "\n";
            }
            text += &format!("Report {i}: the river rose two metres overnight.\n");
            if i % 4 != 2 {
                text += footer;
                text += "\n";
            }
            serde_json::json!({"id": i, "url": format!("https://{site}/p/{i}"), "text": text})
                .to_string()
        })
        .collect()
}

#[test]
fn counts_of_parts_clean_like_counts_of_the_whole() {
    let lines = records();
    let all = lines.join("\n") + "\n";
    let dir = tempfile::tempdir().unwrap();
    let whole = stdout(textmend(&["boilerplate", "count", "--jsonl"], &all));
    let parts: String = lines
        .chunks(7)
        .map(|p| {
            stdout(textmend(
                &["boilerplate", "count", "--jsonl"],
                &(p.join("\n") + "\n"),
            ))
        })
        .collect();
    assert_ne!(whole, parts, "parts must really be unmerged");
    let (w, p) = (
        dir.path().join("whole.jsonl"),
        dir.path().join("parts.jsonl"),
    );
    std::fs::write(&w, &whole).unwrap();
    std::fs::write(&p, &parts).unwrap();
    let clean = |counts: &std::path::Path| {
        let path = counts.to_str().unwrap();
        stdout(textmend(
            &[
                "clean",
                "--jsonl",
                "-q",
                "--boilerplate-in",
                path,
                "--annotate",
            ],
            &all,
        ))
    };
    let out = clean(&w);
    assert_eq!(out, clean(&p));

    let mut learnt = 0;
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = v["text"].as_str().unwrap();
        let id = v["id"].as_u64().unwrap();
        assert_eq!(
            text,
            format!("Report {id}: the river rose two metres overnight.\n")
        );
        // The per-page rules may catch these lines too; the learnt counts remove them first,
        // each with its own reason.
        if v["textmend"]["reasons"]["chrome(boilerplate)"]
            .as_u64()
            .is_some_and(|n| n >= 1)
        {
            learnt += 1;
        }
    }
    assert!(
        learnt > 10,
        "boilerplate learning removed lines of {learnt} records"
    );
}

#[test]
fn bad_counts_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "not json\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_textmend"))
        .args([
            "clean",
            "--jsonl",
            "--boilerplate-in",
            bad.to_str().unwrap(),
        ])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not boilerplate counts"));
}
