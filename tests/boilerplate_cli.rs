//! Batch boilerplate learning on the command line: `boilerplate count` output of parts of a
//! batch, concatenated, cleans exactly as the counts of the whole batch do (what a cluster run
//! relies on), and the learnt lines are removed with their reason. Counting repairs the text
//! first and uses the strip stage's line fingerprint, as `clean DIR` does.

use std::process::Output;

mod common;

fn textmend(args: &[&str], input: &str) -> Output {
    let out = common::run(None, args, Some(input.as_bytes()));
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

/// The article line of record `i`: different words on every record (numbers alone would not
/// do: a line's fingerprint counts every number as 0).
fn article(i: usize) -> String {
    const WHO: [&str; 6] = [
        "The river",
        "The mayor",
        "A ferry",
        "The council",
        "Our reporter",
        "A storm",
    ];
    const WHAT: [&str; 5] = [
        "rose two metres overnight",
        "closed the old bridge",
        "crossed the bay at dawn",
        "voted on the budget",
        "reached the northern coast",
    ];
    format!(
        "{} {} on the day that we had all been told about in the news.\n",
        WHO[i % 6],
        WHAT[i / 6 % 5]
    )
}

/// Pages of two sites, each with its own menu and footer on most pages.
fn records() -> Vec<String> {
    (0..30)
        .map(|i| {
            let (site, menu, footer) = if i % 3 == 0 {
                (
                    "b.example",
                    "Start · Politik · Wirtschaft",
                    "The editors thank all of our readers for their support throughout this long year.",
                )
            } else {
                (
                    "a.example",
                    "Home | World | Sport",
                    "Our newsroom is funded by readers like you, and every story here is free to read.",
                )
            };
            let mut text = String::new();
            if i % 5 != 1 {
                text += menu;
                text += "\n";
            }
            text += &article(i);
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

    // The footers read like prose: the per-page rules keep them, the learnt counts do not.
    let footers = ["Our newsroom is funded", "The editors thank"];
    let alone = stdout(textmend(&["clean", "--jsonl", "-q"], &all));
    assert!(footers.iter().all(|f| alone.contains(f)));
    let mut learnt = 0;
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = v["text"].as_str().unwrap();
        let id = v["id"].as_u64().unwrap();
        assert_eq!(text, article(id as usize));
        let removed = v["textmend"]["removed_lines"].to_string();
        if footers.iter().any(|f| removed.contains(f)) {
            assert!(
                v["textmend"]["reasons"]["chrome(boilerplate)"]
                    .as_u64()
                    .is_some_and(|n| n >= 1),
                "{line}"
            );
            learnt += 1;
        }
    }
    // Every record but those without a footer (i % 4 == 2).
    assert_eq!(learnt, (0..30).filter(|i| i % 4 != 2).count());
}

#[test]
fn bad_counts_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "not json\n").unwrap();
    let out = common::run(
        None,
        &[
            "clean",
            "--jsonl",
            "--boilerplate-in",
            bad.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not boilerplate counts"));
}
