//! Resource bounds (issue 9): inputs built to be huge or slow go through the pipeline and come
//! out right. These assert behaviour only; the time and memory figures are measured by
//! `benches/bounds.sh` and written in docs/hardening.md.

use textmend::batch::jsonl::{JsonlOptions, run};
use textmend::{Config, Mode};

/// `<div>` nested `depth` levels around one paragraph.
fn nested_html(depth: usize) -> String {
    let p = "<p>The river rose two metres overnight, flooding the lower town.</p>";
    format!(
        "<!doctype html><html><body>{}{p}{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    )
}

#[test]
fn html_nested_100000_levels_deep_keeps_its_text() {
    let page = nested_html(100_000);
    let doc = textmend::process(page.as_bytes(), Mode::Clean, &Config::default()).unwrap();
    assert_eq!(
        doc.output,
        "The river rose two metres overnight, flooding the lower town.\n"
    );
}

#[test]
fn a_long_run_of_a_tilde_comes_back_replayable_and_stable() {
    let text = "Ã".repeat(200_000);
    let config = Config::default();
    let once = textmend::fix_text(&text, &config);
    assert_eq!(once.changes.replay(&text), once.text);
    assert_eq!(textmend::fix_text(&once.text, &config).text, once.text);
    let clean = textmend::clean(&text, &config);
    assert_eq!(clean.changes.replay(&text), clean.text);
}

#[test]
fn a_long_line_of_mojibake_is_repaired_whole() {
    let line = "The cafÃ© opened at nine â€” she said. ".repeat(20_000);
    let fixed = textmend::fix_text(&line, &Config::default()).text;
    assert_eq!(fixed, "The café opened at nine — she said. ".repeat(20_000));
}

#[test]
fn thousands_of_references_on_one_line_are_decoded() {
    let text = format!("{}\n", "&amp;".repeat(100_000));
    let fixed = textmend::fix_text(&text, &Config::default()).text;
    assert_eq!(fixed, format!("{}\n", "&".repeat(100_000)));
}

#[test]
fn a_long_menu_line_without_a_newline_is_stripped() {
    let line = "Home | News | Sport | Weather | ".repeat(50_000);
    let text = format!(
        "{}\n\nThe council approved the plan on Tuesday, after a debate that lasted well into \
         the night, according to the chair of the meeting.\n{}",
        line.trim_end(),
        line.trim_end()
    );
    let out = textmend::clean(&text, &Config::default()).text;
    assert!(
        out.starts_with("The council approved the plan"),
        "{}",
        &out[..80]
    );
    assert!(!out.contains("Home | News"));
}

#[test]
fn lines_of_separators_are_stripped() {
    let bars = "----------------------------------------\n| Home | News | Sport |\n".repeat(20_000);
    let prose = "The council approved the plan on Tuesday, after a debate that lasted well \
                 into the night, according to the chair of the meeting.\n";
    let text = format!("{bars}{prose}{bars}");
    assert_eq!(textmend::clean(&text, &Config::default()).text, prose);
}

#[test]
fn deep_json_in_json_lines_is_one_malformed_record() {
    let depth = 100_000;
    let input = format!(
        "{{\"text\": \"caf\u{c3}\u{a9}\"}}\n{{\"text\": {}{}}}\n{{\"text\": \"ok\"}}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let mut out = Vec::new();
    let options = JsonlOptions::default();
    let summary = run(
        input.as_bytes(),
        &mut out,
        &options,
        &Config::default(),
        &|| true,
    )
    .unwrap();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{summary:?}");
    assert!(lines[0].contains("café"), "{}", lines[0]);
    assert!(lines[1].contains("textmend_error"), "{}", &lines[1][..60]);
    assert!(lines[2].starts_with("{\"text\":\"ok"), "{}", lines[2]);
}
