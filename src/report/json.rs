//! The machine-readable report: one object per document. The schema is documented in the
//! README ("Report schema").

use serde::Serialize;

use super::{Finding, findings};
use crate::Document;

/// The report of one document.
#[derive(Debug, Serialize)]
pub struct DocumentReport<'a> {
    /// The path as given on the command line (`-` for standard input).
    pub path: &'a str,
    /// The encoding the input was decoded with.
    pub encoding: &'a str,
    /// How the encoding was chosen: `bom`, `declared`, `detected` or `assumed`.
    pub encoding_source: &'a str,
    /// The encoding the document declared (or the user gave), when there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared_encoding: Option<&'a str>,
    /// True when the declared encoding was contradicted by the bytes and another was used.
    pub encoding_overridden: bool,
    /// Whether the output differs from the decoded input.
    pub changed: bool,
    /// Every change, in the order made.
    pub changes: Vec<ChangeReport<'a>>,
    /// For HTML input: the main containers kept and the elements dropped, with reasons
    /// (absent for other input).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extraction: Option<&'a crate::html::Extraction>,
}

/// One change in the report.
#[derive(Debug, Serialize)]
pub struct ChangeReport<'a> {
    /// `decode`, `repair`, `strip` or `normalize`.
    pub stage: crate::Stage,
    /// The pass number (changes of one pass share the same input text).
    pub pass: usize,
    /// `[start, end)` byte range in the input of the pass.
    pub range: [usize; 2],
    /// `[start, end)` byte range in the decoded document.
    pub input_range: [usize; 2],
    /// 1-based line in the decoded document.
    pub line: usize,
    /// 1-based column (characters) in the decoded document.
    pub column: usize,
    /// The text replaced.
    pub before: &'a str,
    /// The replacement.
    pub after: &'a str,
    /// The reason's stable name and its details.
    pub reason: &'a crate::Reason,
}

/// Build the report of `doc`, named `path`.
pub fn document_report<'a>(path: &'a str, doc: &'a Document) -> DocumentReport<'a> {
    let mut located: Vec<Finding> = findings(doc);
    located.sort_by_key(|f| f.change);
    let changes = doc
        .changes
        .iter()
        .zip(located)
        .map(|(c, f)| ChangeReport {
            stage: c.stage,
            pass: c.pass,
            range: [c.range.start, c.range.end],
            input_range: [f.input_range.start, f.input_range.end],
            line: f.line,
            column: f.column,
            before: &c.before,
            after: &c.after,
            reason: &c.reason,
        })
        .collect();
    DocumentReport {
        path,
        encoding: doc.encoding,
        encoding_source: doc.source.name(),
        declared_encoding: doc.declared,
        encoding_overridden: doc.overridden,
        changed: doc.changed(),
        changes,
        extraction: doc.extraction.as_ref(),
    }
}
