//! The HTML report: one self-contained page (inline CSS, no scripts, no external resources)
//! listing the documents that changed, each with a side-by-side diff and the reasons.

use std::fmt::Write;

use similar::{ChangeTag, TextDiff};

use super::{escape, located};
use crate::Document;

/// One changed document's part of the HTML report, rendered where the document is (e.g. on
/// a worker thread): its path, its number of changes, and its section of the page (encoding,
/// side-by-side diff, reasons) without the heading, which carries the document's number.
#[derive(Debug, Clone)]
pub struct HtmlEntry {
    /// The path as given.
    pub path: String,
    /// How many changes the document had.
    pub changes: usize,
    body: String,
}

impl HtmlEntry {
    /// Render the report's section of `doc`, named `path`.
    pub fn new(path: &str, doc: &Document) -> HtmlEntry {
        let reasons: Vec<String> = located(doc)
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
        let encoding = format!("{} ({})", doc.encoding, doc.source.name());
        HtmlEntry::from_parts(path, &encoding, &doc.input, &doc.output, &reasons)
    }

    /// Render a section from its parts: the encoding and how it was chosen, the decoded input,
    /// the output, and `line:col reason: before -> after` for each change.
    pub fn from_parts(
        path: &str,
        encoding: &str,
        input: &str,
        output: &str,
        reasons: &[String],
    ) -> HtmlEntry {
        let mut body = String::new();
        let _ = writeln!(body, "<p class=\"meta\">encoding: {}</p>", esc(encoding));
        body.push_str("<table class=\"diff\"><colgroup><col style=\"width:3em\"><col><col style=\"width:3em\"><col></colgroup>\n");
        side_by_side(&mut body, input, output);
        body.push_str("</table>\n<ul class=\"why\">\n");
        for r in reasons {
            let _ = writeln!(body, "<li>{}</li>", esc(r));
        }
        body.push_str("</ul>\n");
        HtmlEntry {
            path: path.to_string(),
            changes: reasons.len(),
            body,
        }
    }
}

/// The report page of a batch, written document by document so that memory does not grow
/// with the batch: each section goes to an unnamed temporary file as it comes, and only the
/// table of contents (path and number of changes) stays in memory until
/// [`finish`](HtmlReport::finish) writes the page. The same page as [`render`].
pub struct HtmlReport {
    spool: std::io::BufWriter<std::fs::File>,
    contents: Vec<(String, usize)>,
}

impl HtmlReport {
    /// Start a report (creates its temporary file).
    pub fn new() -> std::io::Result<HtmlReport> {
        Ok(HtmlReport {
            spool: std::io::BufWriter::new(tempfile::tempfile()?),
            contents: Vec::new(),
        })
    }

    /// Add the section of one changed document.
    pub fn push(&mut self, entry: HtmlEntry) -> std::io::Result<()> {
        use std::io::Write as _;
        let mut heading = String::new();
        section_heading(&mut heading, self.contents.len(), &entry.path);
        self.spool.write_all(heading.as_bytes())?;
        self.spool.write_all(entry.body.as_bytes())?;
        self.contents.push((entry.path, entry.changes));
        Ok(())
    }

    /// Write the page to `out`: `total` documents were processed.
    pub fn finish(self, total: usize, out: &mut impl std::io::Write) -> std::io::Result<()> {
        use std::io::Seek as _;
        let mut head = String::new();
        page_head(&mut head, &self.contents, total);
        out.write_all(head.as_bytes())?;
        let mut spool = self.spool.into_inner().map_err(|e| e.into_error())?;
        spool.rewind()?;
        std::io::copy(&mut spool, out)?;
        out.write_all(PAGE_END.as_bytes())
    }
}

/// The start of the page, up to and with the table of contents.
fn page_head(out: &mut String, contents: &[(String, usize)], total: usize) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>textmend report</title><style>{STYLE}</style></head><body>\n<h1>textmend report</h1>\n<p class=\"meta\">{} of {} documents changed.</p>\n",
        contents.len(),
        total
    );
    if !contents.is_empty() {
        out.push_str("<ol>\n");
        for (i, (path, changes)) in contents.iter().enumerate() {
            let _ = writeln!(
                out,
                "<li><a href=\"#doc{i}\">{}</a> ({changes} changes)</li>",
                esc(path)
            );
        }
        out.push_str("</ol>\n");
    }
}

/// The heading of the section of changed document number `i`.
fn section_heading(out: &mut String, i: usize, path: &str) {
    let _ = writeln!(out, "<h2 id=\"doc{i}\">{}</h2>", esc(path));
}

const PAGE_END: &str = "</body></html>\n";

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
    let contents: Vec<(String, usize)> = entries
        .iter()
        .map(|e| (e.path.clone(), e.changes))
        .collect();
    let mut out = String::new();
    page_head(&mut out, &contents, total);
    for (i, e) in entries.iter().enumerate() {
        section_heading(&mut out, i, &e.path);
        out.push_str(&e.body);
    }
    out.push_str(PAGE_END);
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
        let e = HtmlEntry::from_parts(
            "<a>.txt",
            "UTF-8 (detected)",
            "keep\nX<b>\n",
            "keep\nY\n",
            &["2:1 test: X -> Y".into()],
        );
        let page = render(&[e], 3);
        assert!(page.contains("1 of 3 documents changed"));
        assert!(page.contains("&lt;a&gt;.txt"));
        assert!(page.contains("<td class=\"del\">X&lt;b&gt;</td>"));
        assert!(page.contains("<td class=\"ins\">Y</td>"));
        assert!(!page.contains("<script") && !page.contains("http://") && !page.contains("src="));
    }

    /// The page written section by section equals the page rendered at once, for no document,
    /// one and several (the changed fixtures, cleaned).
    #[test]
    fn the_streamed_page_is_the_rendered_page() {
        let mut entries = Vec::new();
        for (name, doc) in super::super::cleaned_fixtures() {
            assert!(doc.changed());
            entries.push(HtmlEntry::new(name, &doc));
        }
        for n in 0..=entries.len() {
            let mut report = HtmlReport::new().unwrap();
            for e in &entries[..n] {
                report.push(e.clone()).unwrap();
            }
            let mut page = Vec::new();
            report.finish(7, &mut page).unwrap();
            assert_eq!(String::from_utf8(page).unwrap(), render(&entries[..n], 7));
        }
    }
}
