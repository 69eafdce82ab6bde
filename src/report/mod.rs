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
    let mut out: Vec<Finding> = ranges
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
