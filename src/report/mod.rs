//! Reports built from the [`Changes`](crate::Changes) record: findings with line and column
//! (`textmend check`), the JSON report, and the unified diff with reasons.

pub mod check;
pub mod diff;
pub mod html;
pub mod json;

use serde::Serialize;

use crate::Document;

/// One change located in the decoded input: 1-based line, 1-based column in characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// 1-based line of the start of the change in the input.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// Byte range in the input text.
    pub input_range: std::ops::Range<usize>,
    /// Index of the change in the record.
    pub change: usize,
}

/// Locate every change of `doc` in its input, in order of position.
pub fn findings(doc: &Document) -> Vec<Finding> {
    let ranges = doc.changes.input_ranges();
    let index = LineIndex::new(&doc.input);
    let mut order: Vec<usize> = (0..ranges.len()).collect();
    order.sort_by_key(|&i| (ranges[i].start, i));
    // In order of position, each column counted on from the last change's on the same line:
    // a line of many changes (a whole page on one line) is walked once, not once a change.
    let mut last: Option<(usize, usize, usize)> = None; // (line, offset, column)
    order
        .into_iter()
        .map(|i| {
            let r = ranges[i].clone();
            let (line, column) = match last {
                // (In order of position: `offset` is not after `r.start`.)
                Some((line, offset, column)) if index.line_of(r.start) + 1 == line => {
                    match doc.input.get(offset..r.start) {
                        Some(s) => (line, column + s.chars().count()),
                        None => index.locate(&doc.input, r.start),
                    }
                }
                _ => index.locate(&doc.input, r.start),
            };
            if doc.input.is_char_boundary(r.start) {
                last = Some((line, r.start, column));
            }
            Finding {
                line,
                column,
                input_range: r,
                change: i,
            }
        })
        .collect()
}

/// Every change of `doc` with its place in the input, in order of position.
pub fn located(doc: &Document) -> Vec<(Finding, &crate::Change)> {
    let changes: Vec<_> = doc.changes.iter().collect();
    findings(doc)
        .into_iter()
        .map(|f| {
            let c = changes[f.change];
            (f, c)
        })
        .collect()
}

/// Start offsets of lines, for turning byte offsets into line and column.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Index the lines of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and 1-based character column of byte `offset` in `text`.
    pub fn locate(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        (line, column + 1)
    }

    /// The 0-based line that contains byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }
}

/// Show a piece of text on one line: control characters and line breaks escaped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{a0}' | '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                out.push_str(&format!("\\u{{{:04x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// Documents for the reports' tests: three changed fixtures (the seed page among them), each
/// cleaned with the default configuration, with their names.
#[cfg(test)]
pub(crate) fn cleaned_fixtures() -> Vec<(&'static str, crate::Document)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/clean");
    let config = crate::Config::default();
    [
        "seed-gbk-as-latin1.in.txt",
        "ru-news-crlf.in.txt",
        "html-zh-gbk.in.html",
    ]
    .into_iter()
    .map(|name| {
        let bytes = std::fs::read(root.join(name)).unwrap();
        (
            name,
            crate::process(&bytes, crate::Mode::Clean, &config).unwrap(),
        )
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each change located on its own (the first writing of [`findings`]), in the same order.
    fn findings_reference(doc: &Document) -> Vec<Finding> {
        let index = LineIndex::new(&doc.input);
        let mut out: Vec<Finding> = doc
            .changes
            .input_ranges()
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let (line, column) = index.locate(&doc.input, r.start);
                Finding {
                    line,
                    column,
                    input_range: r,
                    change: i,
                }
            })
            .collect();
        out.sort_by_key(|f| (f.input_range.start, f.change));
        out
    }

    #[test]
    fn findings_count_columns_as_each_change_alone() {
        // The fixtures (several passes: entities, mojibake, chrome, whitespace), a page whose
        // damaged words share one long line with intact ones, and the same words one a line.
        let words = [
            "cafÃ©",
            "rÃ©sumÃ©",
            "hello",
            "naÃ¯ve",
            "&amp;",
            "â€™s",
            "日本",
            "ok\t",
        ];
        let long: Vec<&str> = (0..3_000).map(|i| words[i * 7 % words.len()]).collect();
        let mut docs: Vec<Document> = cleaned_fixtures().into_iter().map(|(_, d)| d).collect();
        for text in [long.join(" "), long.join("\n"), long.join(" \r\n ")] {
            for mode in [crate::Mode::Fix, crate::Mode::Clean] {
                let doc = crate::process(text.as_bytes(), mode, &crate::Config::default()).unwrap();
                assert!(doc.changes.len() > 1_000);
                docs.push(doc);
            }
        }
        for doc in &docs {
            assert_eq!(findings(doc), findings_reference(doc));
        }
    }
}
