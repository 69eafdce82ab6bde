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

/// The batch report (`--report FILE.json`), written document by document so that its size
/// never holds memory: `{"version": 1, "documents": [...]}`, laid out as
/// `serde_json::to_string_pretty` lays out the whole object (and a final newline).
///
/// ```
/// use textmend::report::json::{BatchReport, entry};
/// let doc = textmend::process(b"It\xa1\xafs", textmend::Mode::Fix, &Default::default()).unwrap();
/// let mut report = BatchReport::new(Vec::new()).unwrap();
/// report.push(&entry("a.txt", &doc)).unwrap();
/// let text = String::from_utf8(report.finish().unwrap()).unwrap();
/// let whole = serde_json::json!({ "version": 1, "documents": [
///     serde_json::to_value(textmend::report::json::document_report("a.txt", &doc)).unwrap()
/// ]});
/// assert_eq!(text, serde_json::to_string_pretty(&whole).unwrap() + "\n");
/// ```
pub struct BatchReport<W: std::io::Write> {
    out: W,
    documents: usize,
}

/// How deep a document's object sits in the batch report (object, then array).
const ENTRY_INDENT: &str = "    ";

/// One document's object for a [`BatchReport`], already laid out at its depth (built where
/// the document is, e.g. on a worker thread).
pub fn entry(path: &str, doc: &Document) -> String {
    let pretty = serde_json::to_string_pretty(&document_report(path, doc)).unwrap_or_else(|e| {
        serde_json::to_string_pretty(&serde_json::json!({ "path": path, "error": e.to_string() }))
            .expect("a JSON object of two strings")
    });
    // A JSON text holds no raw line break inside its strings: each line is one token or more.
    let mut out = String::with_capacity(pretty.len() + pretty.len() / 8);
    for (i, line) in pretty.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(ENTRY_INDENT);
        out.push_str(line);
    }
    out
}

impl<W: std::io::Write> BatchReport<W> {
    /// Start the report on `out`.
    pub fn new(mut out: W) -> std::io::Result<BatchReport<W>> {
        out.write_all(b"{\n  \"version\": 1,\n  \"documents\": [")?;
        Ok(BatchReport { out, documents: 0 })
    }

    /// Add one document's object, made by [`entry`].
    pub fn push(&mut self, entry: &str) -> std::io::Result<()> {
        let sep: &[u8] = if self.documents == 0 { b"\n" } else { b",\n" };
        self.out.write_all(sep)?;
        self.out.write_all(entry.as_bytes())?;
        self.documents += 1;
        Ok(())
    }

    /// End the report and give back its writer.
    pub fn finish(mut self) -> std::io::Result<W> {
        let end: &[u8] = if self.documents == 0 {
            b"]\n}\n"
        } else {
            b"\n  ]\n}\n"
        };
        self.out.write_all(end)?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The streamed report equals the whole object laid out at once, for no document, one,
    /// and several with changes of every stage (the seed page is cleaned).
    #[test]
    fn the_streamed_report_is_the_pretty_whole() {
        let docs = super::super::cleaned_fixtures();
        for n in 0..=docs.len() {
            let mut report = BatchReport::new(Vec::new()).unwrap();
            let mut values = Vec::new();
            for (name, doc) in &docs[..n] {
                report.push(&entry(name, doc)).unwrap();
                values.push(serde_json::to_value(document_report(name, doc)).unwrap());
            }
            let whole = serde_json::json!({ "version": 1, "documents": values });
            let streamed = String::from_utf8(report.finish().unwrap()).unwrap();
            assert_eq!(
                streamed,
                serde_json::to_string_pretty(&whole).unwrap() + "\n"
            );
        }
    }
}
