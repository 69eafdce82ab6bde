//! The HTML report: one self-contained page (inline CSS, no scripts, no external resources)
//! listing the documents that changed, each with a side-by-side diff and the reasons.

use std::fmt::Write;

use similar::{ChangeTag, TextDiff};

use super::{escape, located};
use crate::Document;

/// What the HTML report needs of one changed document.
#[derive(Debug, Clone)]
pub struct HtmlEntry {
    /// The path as given.
    pub path: String,
    /// The encoding and how it was chosen.
    pub encoding: String,
    /// The decoded input.
    pub input: String,
    /// The output.
    pub output: String,
    /// `line:col reason: before -> after`, one per change.
    pub reasons: Vec<String>,
}

impl HtmlEntry {
    /// Take what the report needs from `doc`.
    pub fn new(path: &str, doc: &Document) -> HtmlEntry {
        let reasons = located(doc)
            .into_iter()
            .map(|(f, c)| {
                format!(
                    "{}:{} {}: {} → {}",
                    f.line,
                    f.column,
                    c.reason,
                    escape(&c.before),
                    escape(&c.after)
                )
            })
            .collect();
        HtmlEntry {
            path: path.to_string(),
            encoding: format!("{} ({})", doc.encoding, doc.source.name()),
            input: doc.input.clone(),
            output: doc.output.clone(),
            reasons,
        }
    }
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    crate::html::render::escape_into(&mut out, s);
    out
}

const STYLE: &str = "body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:2em;word-break:break-all}
table.diff{border-collapse:collapse;width:100%;table-layout:fixed;font:12px/1.35 monospace}
table.diff td{vertical-align:top;padding:1px 4px;white-space:pre-wrap;word-break:break-word}
td.n{width:3em;color:#888;text-align:right;background:#f6f6f6}
td.del{background:#ffd7d5}td.ins{background:#ccf5d4}td.skip{color:#888;background:#f0f0f0;text-align:center}
ul.why{font:12px/1.4 monospace;color:#444}.meta{color:#666}";

/// Render the report page for `entries` (documents that changed) out of `total` documents.
pub fn render(entries: &[HtmlEntry], total: usize) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>textmend report</title><style>{STYLE}</style></head><body>\n<h1>textmend report</h1>\n<p class=\"meta\">{} of {} documents changed.</p>\n",
        entries.len(),
        total
    );
    if !entries.is_empty() {
        out.push_str("<ol>\n");
        for (i, e) in entries.iter().enumerate() {
            let _ = writeln!(
                out,
                "<li><a href=\"#doc{i}\">{}</a> ({} changes)</li>",
                esc(&e.path),
                e.reasons.len()
            );
        }
        out.push_str("</ol>\n");
    }
    for (i, e) in entries.iter().enumerate() {
        let _ = writeln!(
            out,
            "<h2 id=\"doc{i}\">{}</h2>\n<p class=\"meta\">encoding: {}</p>",
            esc(&e.path),
            esc(&e.encoding)
        );
        out.push_str("<table class=\"diff\"><colgroup><col style=\"width:3em\"><col><col style=\"width:3em\"><col></colgroup>\n");
        side_by_side(&mut out, &e.input, &e.output);
        out.push_str("</table>\n<ul class=\"why\">\n");
        for r in &e.reasons {
            let _ = writeln!(out, "<li>{}</li>", esc(r));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</body></html>\n");
    out
}

/// Rows of a side-by-side diff; unchanged runs longer than 4 lines are folded.
fn side_by_side(out: &mut String, old: &str, new: &str) {
    let diff = TextDiff::from_lines(old, new);
    for (gi, group) in diff.grouped_ops(2).iter().enumerate() {
        if gi > 0 {
            out.push_str("<tr><td class=\"skip\" colspan=\"4\">…</td></tr>\n");
        }
        for op in group {
            let mut dels = Vec::new();
            let mut inss = Vec::new();
            for change in diff.iter_changes(op) {
                let text = change.value().trim_end_matches('\n');
                match change.tag() {
                    ChangeTag::Equal => {
                        flush_rows(out, &mut dels, &mut inss);
                        let _ = writeln!(
                            out,
                            "<tr><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                            change.old_index().map_or(0, |i| i + 1),
                            esc(text),
                            change.new_index().map_or(0, |i| i + 1),
                            esc(text)
                        );
                    }
                    ChangeTag::Delete => {
                        dels.push((change.old_index().unwrap_or(0) + 1, text.to_string()))
                    }
                    ChangeTag::Insert => {
                        inss.push((change.new_index().unwrap_or(0) + 1, text.to_string()))
                    }
                }
            }
            flush_rows(out, &mut dels, &mut inss);
        }
    }
}

fn flush_rows(out: &mut String, dels: &mut Vec<(usize, String)>, inss: &mut Vec<(usize, String)>) {
    let n = dels.len().max(inss.len());
    for i in 0..n {
        let cell = |v: &Vec<(usize, String)>, class: &str| match v.get(i) {
            Some((no, t)) => format!(
                "<td class=\"n\">{no}</td><td class=\"{class}\">{}</td>",
                esc(t)
            ),
            None => "<td class=\"n\"></td><td></td>".to_string(),
        };
        let _ = writeln!(out, "<tr>{}{}</tr>", cell(dels, "del"), cell(inss, "ins"));
    }
    dels.clear();
    inss.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_is_self_contained_and_escaped() {
        let e = HtmlEntry {
            path: "<a>.txt".into(),
            encoding: "UTF-8 (detected)".into(),
            input: "keep\nX<b>\n".into(),
            output: "keep\nY\n".into(),
            reasons: vec!["2:1 test: X -> Y".into()],
        };
        let page = render(&[e], 3);
        assert!(page.contains("1 of 3 documents changed"));
        assert!(page.contains("&lt;a&gt;.txt"));
        assert!(page.contains("<td class=\"del\">X&lt;b&gt;</td>"));
        assert!(page.contains("<td class=\"ins\">Y</td>"));
        assert!(!page.contains("<script") && !page.contains("http://") && !page.contains("src="));
    }
}
