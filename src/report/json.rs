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
/// never holds memory: `{"version": 1, "documents": [...]}`, laid out by [`Layout`] (each
/// change on a line of its own, and a final newline).
///
/// ```
/// use textmend::report::json::{BatchReport, entry};
/// let doc = textmend::process("It¡¯s".as_bytes(), textmend::Mode::Fix, &Default::default()).unwrap();
/// let mut report = BatchReport::new(Vec::new()).unwrap();
/// report.push(&entry("a.txt", &doc)).unwrap();
/// let text = String::from_utf8(report.finish().unwrap()).unwrap();
/// let whole = serde_json::json!({ "version": 1, "documents": [
///     serde_json::to_value(textmend::report::json::document_report("a.txt", &doc)).unwrap()
/// ]});
/// assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), whole);
/// assert!(text.contains("\n        {\"stage\":\""));
/// ```
pub struct BatchReport<W: std::io::Write> {
    out: W,
    documents: usize,
}

/// How deep a document's object sits in the batch report (object, then array).
const ENTRY_DEPTH: usize = 2;

/// List elements this deep (a change in a document's `changes`, an element dropped from an
/// HTML page in its `extraction`) are written on one line each.
const FLAT_DEPTH: usize = 4;

/// The report's layout: `serde_json`'s pretty layout (two spaces a level), except that each
/// list element at [`FLAT_DEPTH`] or deeper is written whole on its line, without spaces. A report is mostly changes: one to a line is what a reader scans and what
/// `grep` finds, at less than half the bytes of the pretty layout (which gives each change
/// twenty lines).
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// The depth of the current pretty level.
    depth: usize,
    /// How many levels deep the writer is inside a one-line value (0: not in one).
    flat: usize,
    /// Whether the current pretty level has a value yet.
    has_value: bool,
    /// Whether the value about to begin is a list element (not an object's field).
    element: bool,
}

impl Layout {
    /// The layout of a value that starts at `depth` levels in.
    pub fn at(depth: usize) -> Layout {
        Layout {
            depth,
            flat: 0,
            has_value: false,
            element: false,
        }
    }

    fn begin<W: ?Sized + std::io::Write>(&mut self, w: &mut W, open: &[u8]) -> std::io::Result<()> {
        if self.flat > 0 || (self.element && self.depth >= FLAT_DEPTH) {
            self.flat += 1;
        } else {
            self.depth += 1;
            self.has_value = false;
        }
        w.write_all(open)
    }

    fn end<W: ?Sized + std::io::Write>(&mut self, w: &mut W, close: &[u8]) -> std::io::Result<()> {
        if self.flat > 0 {
            self.flat -= 1;
        } else {
            self.depth -= 1;
            if self.has_value {
                w.write_all(b"\n")?;
                self.indent(w)?;
            }
        }
        w.write_all(close)
    }

    fn item<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if self.flat > 0 {
            return if first { Ok(()) } else { w.write_all(b",") };
        }
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }

    fn indent<W: ?Sized + std::io::Write>(&self, w: &mut W) -> std::io::Result<()> {
        for _ in 0..self.depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Layout {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.begin(w, b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.end(w, b"]")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.element = true;
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        if self.flat == 0 {
            self.has_value = true;
        }
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.begin(w, b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.end(w, b"}")
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.element = false;
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(if self.flat > 0 { b":" } else { b": " })
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        if self.flat == 0 {
            self.has_value = true;
        }
        Ok(())
    }
}

/// `value` laid out by [`Layout`] at `depth`, after that depth's indentation.
fn laid_out<T: Serialize + ?Sized>(value: &T, depth: usize) -> serde_json::Result<String> {
    let mut out = "  ".repeat(depth).into_bytes();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Layout::at(depth));
    value.serialize(&mut ser)?;
    // serde_json writes only UTF-8 (strings come from `str`, everything else is ASCII).
    Ok(String::from_utf8(out).expect("serde_json writes UTF-8"))
}

/// One document's object for a [`BatchReport`], already laid out at its depth (built where
/// the document is, e.g. on a worker thread).
pub fn entry(path: &str, doc: &Document) -> String {
    laid_out(&document_report(path, doc), ENTRY_DEPTH).unwrap_or_else(|e| {
        laid_out(
            &serde_json::json!({ "path": path, "error": e.to_string() }),
            ENTRY_DEPTH,
        )
        .expect("a JSON object of two strings")
    })
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

    /// The streamed report holds the whole object (for no document, one, and several with
    /// changes of every stage: the seed page is cleaned), and each change is one line of it
    /// that reads as that change alone.
    #[test]
    fn the_streamed_report_is_the_whole_one_change_a_line() {
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
            let read: serde_json::Value = serde_json::from_str(&streamed).unwrap();
            assert_eq!(read, whole);
            assert!(streamed.ends_with("}\n"));
            let changes: Vec<&serde_json::Value> = values
                .iter()
                .flat_map(|d| d["changes"].as_array().unwrap())
                .collect();
            let lines: Vec<serde_json::Value> = streamed
                .lines()
                .filter(|l| l.starts_with("        {"))
                .map(|l| serde_json::from_str(l.trim().trim_end_matches(',')).unwrap())
                .collect();
            assert_eq!(lines.iter().collect::<Vec<_>>(), changes);
        }
    }

    /// An HTML page's extraction keeps its fields pretty and writes each dropped element on
    /// a line of its own.
    #[test]
    fn dropped_elements_are_one_a_line() {
        let page = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("fixtures/clean/html-ja-shift-jis.in.html"),
        )
        .unwrap();
        let doc = crate::process(&page, crate::Mode::Clean, &Default::default()).unwrap();
        let dropped = doc.extraction.as_ref().unwrap().dropped.len();
        assert!(dropped > 0);
        let text = entry("page.html", &doc);
        let read: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            read,
            serde_json::to_value(document_report("page.html", &doc)).unwrap()
        );
        assert!(text.contains("\n      \"extraction\": {\n        \"title\": "));
        let one_a_line = text
            .lines()
            .filter(|l| l.starts_with("          {\"element\":"))
            .count();
        assert_eq!(one_a_line, dropped);
    }
}
