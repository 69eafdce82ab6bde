//! Unified diff of input against output, each hunk followed by the reasons of the changes that
//! fall in it.

use std::collections::BTreeMap;
use std::fmt::Write;

use similar::TextDiff;

use super::LineIndex;
use crate::Document;

/// A unified diff of `doc`'s input against its output, labelled `path`, with a `# why:` block
/// after each hunk listing the reasons (and how many changes each) of the changes in it.
pub fn unified(path: &str, doc: &Document) -> String {
    let diff = TextDiff::from_lines(&doc.input, &doc.output);
    let index = LineIndex::new(&doc.input);
    let ranges = doc.changes.input_ranges();
    let mut out = String::new();
    let _ = writeln!(out, "--- {path}\n+++ {path} (textmend)");
    for hunk in diff.unified_diff().context_radius(1).iter_hunks() {
        let _ = write!(out, "{hunk}");
        let ops = hunk.ops();
        let old_start = ops.iter().map(|op| op.old_range().start).min().unwrap_or(0);
        let old_end = ops.iter().map(|op| op.old_range().end).max().unwrap_or(0);
        let old = old_start..old_end;
        let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
        for (c, r) in doc.changes.iter().zip(&ranges) {
            let line = index.line_of(r.start.min(doc.input.len().saturating_sub(1)));
            let in_hunk = old.contains(&line) || (old.is_empty() && line == old.start);
            if in_hunk {
                *reasons.entry(c.reason.to_string()).or_default() += 1;
            }
        }
        for (reason, n) in reasons {
            let _ = writeln!(out, "# why: {reason} ×{n}");
        }
    }
    out
}
