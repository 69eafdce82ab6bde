//! The one record of what the pipeline changed, where, and why.
//!
//! Every stage works the same way: it looks at its input text, proposes a list of [`Edit`]s
//! (a byte range of that text, its replacement, and a [`Reason`]), and [`Changes::apply`] applies
//! them as one *pass*. The record is the mechanism, not a story told afterwards: replaying the
//! passes on the input with [`Changes::replay`] reproduces the output exactly, and the diff and
//! JSON reports are built from it.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use compact_str::CompactString;
use serde::Serialize;

/// The pipeline stage that made a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Bytes to text: BOMs, invalid sequences.
    Decode,
    /// Mojibake and character-level damage.
    Repair,
    /// Page chrome removal.
    Strip,
    /// Whitespace, line endings, Unicode normalization.
    Normalize,
}

/// Why a change was made. Each variant has a stable snake_case [`name`](Reason::name) that the
/// JSON report and `textmend check` print; see the README for the full list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "name", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Reason {
    /// The span was text in `encoding` whose bytes were decoded as `read_as` (one layer), or a
    /// chain of such layers; `plan` lists the steps that undo it, outermost first, e.g.
    /// `["encode windows-1252", "decode utf-8"]`.
    ///
    /// The names and steps are [`Cow`]s so that the common plans can be shared static data
    /// rather than strings allocated for each of thousands of spans; they compare, print and
    /// serialize as the strings they hold.
    Mojibake {
        /// The true encoding of the text.
        encoding: Cow<'static, str>,
        /// The encoding it was wrongly read as.
        read_as: Cow<'static, str>,
        /// How many layers of damage were undone.
        layers: u8,
        /// The steps that undo it, in order.
        plan: Steps,
    },
    /// An HTML character reference (`&amp;`, `&#8217;`) in text that is not HTML.
    HtmlEntity,
    /// A C1 control character (U+0080–U+009F) that stood for a windows-1252 character.
    C1Control,
    /// A control character with no meaning in text, removed.
    ControlChar,
    /// A terminal escape sequence (ANSI colour codes), removed.
    TerminalEscape,
    /// A UTF-16 surrogate pair encoded as two 3-byte sequences (CESU-8, Java's modified UTF-8).
    Surrogates,
    /// A broken byte sequence: several replacement characters or fragments folded into one U+FFFD.
    BrokenSequence,
    /// A byte order mark inside or at the start of the text, removed.
    ByteOrderMark,
    /// A byte sequence that was not valid in the input's encoding, replaced by U+FFFD when decoding.
    InvalidBytes,
    /// A line break other than `\n` (CRLF, CR, U+2028, U+2029, U+0085) made `\n`.
    LineBreak,
    /// A curly quote made straight (optional).
    UncurlQuotes,
    /// A Latin ligature (ﬁ) split into its letters (optional).
    Ligature,
    /// A fullwidth Latin letter, digit or sign made ASCII (optional).
    FullwidthLatin,
    /// Unicode normalization (NFC by default).
    UnicodeNormalization {
        /// The normalization form, e.g. `NFC`.
        form: String,
    },
    /// A line or block of page chrome removed; `rule` names the rule that classified it.
    Chrome {
        /// The stable name of the strip rule, e.g. `breadcrumb`, `menu`, `copyright`.
        rule: String,
    },
    /// A run of spaces, tabs or no-break spaces made one space, or a line trimmed.
    Whitespace,
    /// A run of blank lines collapsed, or leading/trailing blank lines removed.
    BlankLines,
    /// The text made to end in exactly one newline.
    FinalNewline,
}

impl Reason {
    /// The stable snake_case name of this reason.
    pub fn name(&self) -> &'static str {
        match self {
            Reason::Mojibake { .. } => "mojibake",
            Reason::HtmlEntity => "html_entity",
            Reason::C1Control => "c1_control",
            Reason::ControlChar => "control_char",
            Reason::TerminalEscape => "terminal_escape",
            Reason::Surrogates => "surrogates",
            Reason::BrokenSequence => "broken_sequence",
            Reason::ByteOrderMark => "byte_order_mark",
            Reason::InvalidBytes => "invalid_bytes",
            Reason::LineBreak => "line_break",
            Reason::UncurlQuotes => "uncurl_quotes",
            Reason::Ligature => "ligature",
            Reason::FullwidthLatin => "fullwidth_latin",
            Reason::UnicodeNormalization { .. } => "unicode_normalization",
            Reason::Chrome { .. } => "chrome",
            Reason::Whitespace => "whitespace",
            Reason::BlankLines => "blank_lines",
            Reason::FinalNewline => "final_newline",
        }
    }

    /// Build a one-layer mojibake reason: `encoding` text read as `read_as`.
    ///
    /// ```
    /// use textmend::Reason;
    /// let r = Reason::mojibake("gbk", "windows-1252");
    /// assert_eq!(r.to_string(), "mojibake(gbk read as windows-1252)");
    /// ```
    pub fn mojibake(encoding: &str, read_as: &str) -> Reason {
        Reason::Mojibake {
            encoding: Cow::Owned(encoding.to_string()),
            read_as: Cow::Owned(read_as.to_string()),
            layers: 1,
            plan: Cow::Owned(vec![
                Cow::Owned(format!("encode {read_as}")),
                Cow::Owned(format!("decode {encoding}")),
            ]),
        }
    }

    /// Build a chrome reason for the strip rule `rule`.
    pub fn chrome(rule: &str) -> Reason {
        Reason::Chrome {
            rule: rule.to_string(),
        }
    }
}

impl fmt::Display for Reason {
    /// `name` alone, or `name(detail)` where the reason has details, e.g.
    /// `mojibake(gbk read as windows-1252)` or `chrome(breadcrumb)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Mojibake {
                encoding,
                read_as,
                layers,
                ..
            } => {
                if *layers > 1 {
                    write!(f, "mojibake({encoding} read as {read_as}, {layers} layers)")
                } else {
                    write!(f, "mojibake({encoding} read as {read_as})")
                }
            }
            Reason::Chrome { rule } => write!(f, "chrome({rule})"),
            Reason::UnicodeNormalization { form } => write!(f, "unicode_normalization({form})"),
            other => f.write_str(other.name()),
        }
    }
}

/// The steps of a mojibake plan, e.g. `["encode windows-1252", "decode utf-8"]`: a list shared
/// as static data (`Cow::Borrowed`) for the plans that recur, or owned.
pub type Steps = Cow<'static, [Cow<'static, str>]>;

/// One proposed replacement: `range` (bytes of the text the pass looked at) becomes `after`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Byte range in the pass's input.
    pub range: Range<usize>,
    /// The replacement text.
    pub after: CompactString,
    /// Why.
    pub reason: Reason,
}

impl Edit {
    /// A new edit replacing `range` with `after`.
    pub fn new(range: Range<usize>, after: impl Into<CompactString>, reason: Reason) -> Edit {
        Edit {
            range,
            after: after.into(),
            reason,
        }
    }
}

/// One change made: where (byte range in the input of its pass), what it replaced, with what, why.
///
/// `before` and `after` are [`CompactString`]s (they deref to `&str`): most changes replace a
/// few bytes, which such a string holds inline (up to 24 bytes) rather than in an allocation
/// of its own, and damaged text can record hundreds of thousands of changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The stage that made it.
    pub stage: Stage,
    /// The pass it belongs to (passes are numbered from 0 in the order they ran).
    pub pass: usize,
    /// Byte range in the text the pass received.
    pub range: Range<usize>,
    /// The text that was replaced.
    pub before: CompactString,
    /// Its replacement.
    pub after: CompactString,
    /// Why.
    pub reason: Reason,
}

/// A point in a [`Changes`] record ([`Changes::mark`]): how many changes and passes it held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    changes: usize,
    passes: usize,
}

impl Mark {
    /// The number of changes the record held at this point.
    pub fn len(&self) -> usize {
        self.changes
    }

    /// True when the record was empty at this point.
    pub fn is_empty(&self) -> bool {
        self.changes == 0
    }
}

/// Every change the pipeline made to one document, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Changes {
    changes: Vec<Change>,
    #[serde(skip)]
    passes: usize,
}

impl Changes {
    /// An empty record.
    pub fn new() -> Changes {
        Changes::default()
    }

    /// All changes, in the order they were made.
    pub fn iter(&self) -> std::slice::Iter<'_, Change> {
        self.changes.iter()
    }

    /// Number of changes.
    pub fn len(&self) -> usize {
        self.changes.len()
    }

    /// True when nothing was changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Apply `edits` to `text` as one pass of `stage`, record them, and return the new text.
    ///
    /// Edits may come in any order; they must not overlap (an overlapping edit is a bug in the
    /// rule that made it, and panics in debug builds; in release it is dropped). Edits whose
    /// replacement equals the text they replace are dropped. When no edit remains, `text` is
    /// returned as it was and no pass is recorded.
    ///
    /// ```
    /// use textmend::changes::{Changes, Edit, Reason, Stage};
    /// let mut changes = Changes::new();
    /// let out = changes.apply(Stage::Repair, "a &amp; b".to_string(),
    ///     vec![Edit::new(2..7, "&", Reason::HtmlEntity)]);
    /// assert_eq!(out, "a & b");
    /// assert_eq!(changes.replay("a &amp; b"), "a & b");
    /// ```
    pub fn apply(&mut self, stage: Stage, text: String, edits: Vec<Edit>) -> String {
        self.apply_groups(stage, &text, [edits]).unwrap_or(text)
    }

    /// Like [`apply`](Changes::apply) for edits that come in groups in order of position (each
    /// group's edits lie after every earlier group's, e.g. one group per line, lines in order),
    /// without collecting them all first: each group is checked and applied as it comes. The
    /// same pass and changes as `apply` with the groups concatenated; `None` when no edit
    /// remains (no pass is recorded).
    ///
    /// ```
    /// use textmend::changes::{Changes, Edit, Reason, Stage};
    /// let mut changes = Changes::new();
    /// let groups = vec![vec![Edit::new(2..7, "&", Reason::HtmlEntity)], vec![],
    ///     vec![Edit::new(12..16, ">", Reason::HtmlEntity), Edit::new(10..11, "C", Reason::Ligature)]];
    /// let out = changes.apply_groups(Stage::Repair, "a &amp; b\nc &gt;", groups);
    /// assert_eq!(out.as_deref(), Some("a & b\nC >"));
    /// assert_eq!(changes.len(), 3);
    /// assert_eq!(changes.replay("a &amp; b\nc &gt;"), "a & b\nC >");
    /// ```
    pub fn apply_groups(
        &mut self,
        stage: Stage,
        text: &str,
        groups: impl IntoIterator<Item = Vec<Edit>>,
    ) -> Option<String> {
        let mut out: Option<String> = None;
        let mut pos = 0;
        let pass = self.passes;
        for mut edits in groups {
            // (An edit of another length changes its text: no look at the text needed, and
            // when every edit is one, none to drop.)
            if edits.iter().any(|e| e.range.len() == e.after.len()) {
                edits.retain(|e| {
                    e.range.len() != e.after.len()
                        || text.get(e.range.clone()) != Some(e.after.as_str())
                });
            }
            if edits.is_empty() {
                continue;
            }
            if !edits.is_sorted_by_key(|e| (e.range.start, e.range.end)) {
                edits.sort_by_key(|e| (e.range.start, e.range.end));
            }
            let out = out.get_or_insert_with(|| {
                self.passes += 1;
                String::with_capacity(text.len())
            });
            self.changes.reserve(edits.len());
            for edit in edits {
                debug_assert!(
                    edit.range.start >= pos,
                    "overlapping edits at {:?}",
                    edit.range
                );
                if edit.range.start < pos || edit.range.end > text.len() {
                    continue;
                }
                out.push_str(&text[pos..edit.range.start]);
                out.push_str(&edit.after);
                pos = edit.range.end;
                self.changes.push(Change {
                    stage,
                    pass,
                    before: CompactString::from(&text[edit.range.clone()]),
                    range: edit.range,
                    after: edit.after,
                    reason: edit.reason,
                });
            }
        }
        let mut out = out?;
        out.push_str(&text[pos..]);
        Some(out)
    }

    /// Room for `n` more changes.
    pub fn reserve(&mut self, n: usize) {
        self.changes.reserve(n);
    }

    /// The point the record has reached, to come back to with [`rollback`](Changes::rollback).
    pub fn mark(&self) -> Mark {
        Mark {
            changes: self.changes.len(),
            passes: self.passes,
        }
    }

    /// Forget every pass recorded after `mark` (taken from this record), e.g. passes that led
    /// back to a text the record had already reached.
    ///
    /// ```
    /// use textmend::changes::{Changes, Edit, Reason, Stage};
    /// let mut changes = Changes::new();
    /// let a = changes.apply(Stage::Repair, "a &amp; b".into(), vec![Edit::new(2..7, "&", Reason::HtmlEntity)]);
    /// let mark = changes.mark();
    /// let b = changes.apply(Stage::Repair, a.clone(), vec![Edit::new(2..3, "+", Reason::HtmlEntity)]);
    /// let _ = changes.apply(Stage::Repair, b, vec![Edit::new(2..3, "&", Reason::HtmlEntity)]);
    /// changes.rollback(mark);
    /// assert_eq!(changes.len(), 1);
    /// assert_eq!(changes.replay("a &amp; b"), a);
    /// ```
    pub fn rollback(&mut self, mark: Mark) {
        self.changes.truncate(mark.changes);
        self.passes = mark.passes.min(self.passes);
    }

    /// Record changes that were made before `text` existed (e.g. invalid bytes replaced while
    /// decoding): each note is a range of `text` and a description of what stood there. The
    /// notes form one pass whose replay leaves `text` as it is.
    pub fn note(
        &mut self,
        stage: Stage,
        text: &str,
        notes: Vec<(Range<usize>, String)>,
        reason: Reason,
    ) {
        if notes.is_empty() {
            return;
        }
        let pass = self.passes;
        self.passes += 1;
        for (range, before) in notes {
            self.changes.push(Change {
                stage,
                pass,
                after: CompactString::from(&text[range.clone()]),
                range,
                before: before.into(),
                reason: reason.clone(),
            });
        }
    }

    /// Append the changes of `other` (a record made on this record's output) after ours.
    pub fn extend(&mut self, other: Changes) {
        let base = self.passes;
        for mut c in other.changes {
            c.pass += base;
            self.changes.push(c);
        }
        self.passes += other.passes;
    }

    /// Replay the record on `input` (the text the first pass received): gives the output.
    pub fn replay(&self, input: &str) -> String {
        let mut text = input.to_string();
        for group in self.pass_groups() {
            text = splice(
                &text,
                group.iter().map(|c| (c.range.clone(), c.after.as_str())),
            );
        }
        text
    }

    /// Map each change's range back to byte offsets in the original input (the text the first
    /// pass received). A change inside text that an earlier pass inserted maps to the range of
    /// that earlier replacement.
    ///
    /// One walk of each earlier pass per pass (a pass's changes are in order, and so are their
    /// offsets mapped back), not one per change: a record of many passes of many changes (a
    /// page of HTML entities and mojibake) maps in time linear in its changes.
    pub fn input_ranges(&self) -> Vec<Range<usize>> {
        let groups = self.pass_groups();
        let mut result = Vec::with_capacity(self.changes.len());
        for (gi, group) in groups.iter().enumerate() {
            // A cursor for the starts and one for the ends through each earlier pass, latest
            // first.
            let mut starts: Vec<MapBack> = groups[..gi]
                .iter()
                .rev()
                .map(|g| MapBack::new(g, false))
                .collect();
            let mut ends: Vec<MapBack> = groups[..gi]
                .iter()
                .rev()
                .map(|g| MapBack::new(g, true))
                .collect();
            for c in *group {
                let start = starts.iter_mut().fold(c.range.start, |o, m| m.map(o));
                let end = ends.iter_mut().fold(c.range.end, |o, m| m.map(o));
                result.push(start..end.max(start));
            }
        }
        result
    }

    fn pass_groups(&self) -> Vec<&[Change]> {
        let mut groups = Vec::new();
        let mut start = 0;
        for i in 1..=self.changes.len() {
            if i == self.changes.len() || self.changes[i].pass != self.changes[start].pass {
                if start < i {
                    groups.push(&self.changes[start..i]);
                }
                start = i;
            }
        }
        groups
    }
}

/// Maps offsets of a pass's output back to its input. Offsets inside a replacement map to
/// the start (or, with `is_end`, the end) of the replaced range. Offsets asked in rising order
/// cost one walk of the pass in all: the cursor stays at the first change the last offset did
/// not pass (an offset that passes a change is not before it, so a later one passes it too).
struct MapBack<'a> {
    pass: &'a [Change],
    is_end: bool,
    /// The first change not passed, and how much longer the output is than the input before it.
    next: usize,
    delta: isize,
    /// The last offset asked (an offset below it starts the walk again).
    last: usize,
}

impl<'a> MapBack<'a> {
    fn new(pass: &'a [Change], is_end: bool) -> MapBack<'a> {
        MapBack {
            pass,
            is_end,
            next: 0,
            delta: 0,
            last: 0,
        }
    }

    /// `offset` (of the pass's output) in the pass's input.
    fn map(&mut self, offset: usize) -> usize {
        if offset < self.last {
            (self.next, self.delta) = (0, 0);
        }
        self.last = offset;
        while let Some(c) = self.pass.get(self.next) {
            let out_start = (c.range.start as isize + self.delta) as usize;
            let out_end = out_start + c.after.len();
            if offset < out_start || (offset == out_start && !self.is_end) {
                break;
            }
            if offset < out_end || (offset == out_end && self.is_end) {
                return if self.is_end {
                    c.range.end
                } else {
                    c.range.start
                };
            }
            self.delta += c.after.len() as isize - (c.range.end - c.range.start) as isize;
            self.next += 1;
        }
        (offset as isize - self.delta) as usize
    }
}

impl<'a> IntoIterator for &'a Changes {
    type Item = &'a Change;
    type IntoIter = std::slice::Iter<'a, Change>;
    fn into_iter(self) -> Self::IntoIter {
        self.changes.iter()
    }
}

/// `text` with each `(range, replacement)` of `pieces` (in order of position) spliced in; a
/// piece that starts inside the previous one is skipped.
///
/// ```
/// use textmend::changes::splice;
/// assert_eq!(splice("a &amp; b", [(2..7, "&")]), "a & b");
/// ```
pub fn splice<'a>(text: &str, pieces: impl IntoIterator<Item = (Range<usize>, &'a str)>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for (range, after) in pieces {
        if range.start < pos {
            continue;
        }
        out.push_str(&text[pos..range.start]);
        out.push_str(after);
        pos = range.end;
    }
    out.push_str(&text[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Map an offset in a pass's output back to its input, walking the pass from its start
    /// (the first writing of [`MapBack::map`], kept as the reference).
    fn map_back(pass: &[Change], offset: usize, is_end: bool) -> usize {
        let mut delta: isize = 0; // output offset - input offset, before the current change
        for c in pass {
            let out_start = (c.range.start as isize + delta) as usize;
            let out_end = out_start + c.after.len();
            if offset < out_start || (offset == out_start && !is_end) {
                break;
            }
            if offset < out_end || (offset == out_end && is_end && c.after.is_empty()) {
                return if is_end { c.range.end } else { c.range.start };
            }
            delta += c.after.len() as isize - (c.range.end - c.range.start) as isize;
            if offset == out_end && is_end {
                return c.range.end;
            }
        }
        (offset as isize - delta) as usize
    }

    /// The first writing of [`Changes::input_ranges`]: each change mapped through every
    /// earlier pass, each pass walked from its start.
    fn input_ranges_reference(ch: &Changes) -> Vec<Range<usize>> {
        let groups = ch.pass_groups();
        let mut result = Vec::new();
        for (gi, group) in groups.iter().enumerate() {
            for c in *group {
                let (mut start, mut end) = (c.range.start, c.range.end);
                for earlier in groups[..gi].iter().rev() {
                    start = map_back(earlier, start, false);
                    end = map_back(earlier, end, true);
                }
                result.push(start..end.max(start));
            }
        }
        result
    }

    #[test]
    fn input_ranges_answer_as_first_written() {
        // Records of one to six passes over random texts, each pass random edits (deletions,
        // insertions, longer and shorter replacements, edits side by side), mapped back by the
        // cursors and by the walk from each pass's start.
        let mut rng = crate::test_rng::Rng::new(0x9e37_79b9_7f4a_7c15u64);
        let mut next = |n: usize| rng.below(n);
        let pieces = ["", "x", "yz", "&amp;", "é", "€€€"];
        for _ in 0..3_000 {
            let mut text: String = (0..next(40)).map(|_| ['a', 'b', ' '][next(3)]).collect();
            let mut ch = Changes::new();
            for _ in 0..1 + next(6) {
                let mut edits = Vec::new();
                let mut at = 0;
                while at < text.len() {
                    at += next(6);
                    if at > text.len() {
                        break;
                    }
                    let end = (at + next(4)).min(text.len());
                    edits.push(Edit::new(
                        at..end,
                        pieces[next(pieces.len())],
                        Reason::HtmlEntity,
                    ));
                    at = end;
                }
                // (An edit must not cut a character an earlier pass put in.)
                edits.retain(|e| {
                    text.is_char_boundary(e.range.start) && text.is_char_boundary(e.range.end)
                });
                text = ch.apply(Stage::Repair, text, edits);
            }
            assert_eq!(ch.input_ranges(), input_ranges_reference(&ch), "{ch:?}");
        }
    }

    #[test]
    fn replay_reproduces_two_passes() {
        let mut ch = Changes::new();
        let t = ch.apply(
            Stage::Repair,
            "x &amp; y &lt; z".into(),
            vec![
                Edit::new(10..14, "<", Reason::HtmlEntity),
                Edit::new(2..7, "&", Reason::HtmlEntity),
            ],
        );
        assert_eq!(t, "x & y < z");
        let t = ch.apply(
            Stage::Normalize,
            t,
            vec![Edit::new(5..6, "", Reason::Whitespace)],
        );
        assert_eq!(t, "x & y< z");
        assert_eq!(ch.replay("x &amp; y &lt; z"), t);
        assert_eq!(ch.len(), 3);
    }

    #[test]
    fn input_ranges_map_through_earlier_passes() {
        let mut ch = Changes::new();
        let input = "ab &amp; cd ef";
        let t = ch.apply(
            Stage::Repair,
            input.into(),
            vec![Edit::new(3..8, "&", Reason::HtmlEntity)],
        );
        // "ab & cd ef": remove "ef" at 8..10
        let _ = ch.apply(
            Stage::Strip,
            t,
            vec![Edit::new(8..10, "", Reason::chrome("test"))],
        );
        let r = ch.input_ranges();
        assert_eq!(r[0], 3..8);
        assert_eq!(&input[r[1].clone()], "ef");
    }

    #[test]
    fn apply_groups_records_what_apply_records() {
        let text = "x &amp; y\nno-op &lt; z\n&gt;";
        let groups = vec![
            vec![Edit::new(2..7, "&", Reason::HtmlEntity)],
            vec![],
            // Out of order within the group, and one edit that changes nothing.
            vec![
                Edit::new(16..20, "<", Reason::HtmlEntity),
                Edit::new(10..15, "no-op", Reason::HtmlEntity),
            ],
            vec![Edit::new(23..27, ">", Reason::HtmlEntity)],
        ];
        let mut one = Changes::new();
        let expected = one.apply(Stage::Repair, text.into(), groups.concat());
        let mut grouped = Changes::new();
        let out = grouped.apply_groups(Stage::Repair, text, groups);
        assert_eq!(out.as_deref(), Some(expected.as_str()));
        assert_eq!(grouped, one);
        assert_eq!(grouped.replay(text), expected);
        // Nothing left to do: no text and no pass.
        let none = vec![vec![Edit::new(0..1, "x", Reason::HtmlEntity)]];
        assert_eq!(grouped.apply_groups(Stage::Repair, text, none), None);
        assert_eq!(grouped.len(), 3);
    }

    #[test]
    fn no_op_edits_are_dropped() {
        let mut ch = Changes::new();
        let t = ch.apply(
            Stage::Repair,
            "abc".into(),
            vec![Edit::new(0..1, "a", Reason::HtmlEntity)],
        );
        assert_eq!(t, "abc");
        assert!(ch.is_empty());
    }
}
