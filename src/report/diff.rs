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
    // Each change's input line, in order of lines, so that each hunk finds its changes by
    // two searches rather than by a walk over every change.
    let mut lines: Vec<(usize, &crate::Change)> = doc
        .changes
        .iter()
        .zip(&ranges)
        .map(|(c, r)| {
            let line = index.line_of(r.start.min(doc.input.len().saturating_sub(1)));
            (line, c)
        })
        .collect();
    lines.sort_by_key(|&(line, _)| line);
    let mut out = String::new();
    let _ = writeln!(out, "--- {path}\n+++ {path} (textmend)");
    for hunk in diff.unified_diff().context_radius(1).iter_hunks() {
        let _ = write!(out, "{hunk}");
        let ops = hunk.ops();
        let old_start = ops.iter().map(|op| op.old_range().start).min().unwrap_or(0);
        let old_end = ops.iter().map(|op| op.old_range().end).max().unwrap_or(0);
        // The hunk's lines of the input; a hunk that only adds lines holds the changes of
        // the line where it adds them.
        let (from, to) = (old_start, old_end.max(old_start + 1));
        let first = lines.partition_point(|&(line, _)| line < from);
        let last = lines.partition_point(|&(line, _)| line < to);
        let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
        for (_, c) in &lines[first..last] {
            *reasons.entry(c.reason.to_string()).or_default() += 1;
        }
        for (reason, n) in reasons {
            let _ = writeln!(out, "# why: {reason} ×{n}");
        }
    }
    out
}
