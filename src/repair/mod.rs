//! Repair stage: undo mojibake and character-level damage.
//!
//! The stage is a list of passes run in order. Each pass looks at the current text and proposes
//! [`Edit`]s; [`Changes::apply`] applies them and records them. A pass never knows about the
//! others, and each can be switched off in [`RepairConfig`].

mod altered;
pub mod badness;
pub mod chars;
pub mod codepage;
pub mod codepages;
pub mod fastpath;
pub mod legacy;
pub mod linebreaks;
pub mod mojibake;
mod quiet;
pub mod unicode;

use crate::changes::{Changes, Edit, Mark, Stage};
use crate::config::RepairConfig;
use fastpath::Scan;
use std::ops::Range;

/// One repair pass: proposes edits to `text`.
type Pass = fn(&str, &RepairConfig) -> Vec<Edit>;

/// The switch in [`RepairConfig`] that enables a pass.
type Switch = fn(&RepairConfig) -> bool;

/// Terminal escapes removed (a pass run first and last, see [`PASSES`]).
const ESCAPES: (Switch, Scan, Pass) = (
    |c| c.remove_terminal_escapes,
    Scan::ESCAPE,
    chars::remove_terminal_escapes,
);
/// Control characters removed (first and last).
const CONTROLS: (Switch, Scan, Pass) = (
    |c| c.remove_control_chars,
    Scan::CONTROL,
    chars::remove_control_chars,
);
/// Unicode normalization (first and last).
const NORMALIZE: (Switch, Scan, Pass) =
    (|c| c.normalization.is_some(), Scan::NFC, unicode::normalize);

/// The passes, in the order they run (legacy mojibake, then ftfy's order: references, mojibake, C1 controls, the
/// optional cleanups, line breaks, escapes and controls, normalization), each with the switch
/// that enables it and the [`Scan`] flags without which it has nothing to do
/// ([`Scan::ALL`] for a pass that always looks).
const PASSES: &[(Switch, Scan, Pass)] = &[
    // Legacy mojibake first: the UTF-8 pass would take pieces of a line of GBK or cp1251 read
    // as Latin-1 for UTF-8 mojibake, and a byte 0x85 read as Latin-1 is U+0085, which the
    // line-break pass would make `\n`. The legacy judge declines UTF-8 mojibake itself.
    // Unicode normalization first as well as last: the judges below must see the text as
    // normalization will leave it (`ˇ¨e\u{301}` is `ˇ¨é` once composed, which the legacy judge
    // reads differently), or a second run would judge what the first run's last pass made.
    // Terminal escapes and control characters first as well as last, for the same reason: a
    // badness rule must not see a control between two characters (`a\u{e} Â `) that the
    // control pass removes, nor normalization an accent it cannot compose (`e\0\u{301}`).
    ESCAPES,
    CONTROLS,
    NORMALIZE,
    (|c| c.fix_legacy, Scan::LEGACY, legacy::fix_legacy_mojibake),
    (|c| c.unescape_html, Scan::AMPERSAND, chars::unescape_html),
    (|c| c.fix_encoding, Scan::MOJIBAKE, mojibake::fix_mojibake),
    (|c| c.fix_c1_controls, Scan::C1, chars::fix_c1_controls),
    (
        |c| c.fix_latin_ligatures,
        Scan::LIGATURE,
        chars::fix_latin_ligatures,
    ),
    (|c| c.fix_fullwidth_latin, Scan::WIDTH, chars::fix_fullwidth),
    (|c| c.uncurl_quotes, Scan::QUOTE, chars::uncurl_quotes),
    (
        |c| c.fix_line_breaks,
        Scan::LINE_BREAK,
        linebreaks::fix_line_breaks,
    ),
    ESCAPES,
    CONTROLS,
    NORMALIZE,
];

/// How many rounds of the [`PASSES`] [`repair`] runs at most over the lines a round changed.
pub const MAX_ROUNDS: usize = 4;

/// Repair `text` according to `config`, recording every change in `changes`.
///
/// The [`PASSES`] run in rounds until they reach a fixed point, so that repairing the output
/// again changes nothing: one pass's repair can leave a line that an earlier pass (or the same
/// one) now reads differently. A round after the first looks only at the lines the round
/// before changed (the others had every pass find nothing), and a round that changes nothing
/// ends the repair: text the first round leaves unchanged costs what one round costs.
///
/// Two things end the rounds early or at a bound, each with a text that a further repair
/// leaves as it is, as far as it can be:
/// - a round whose result is the text an earlier round reached (passes that undo each other,
///   `A → B → A`): that text is kept, and the rounds after it are dropped from the record;
/// - [`MAX_ROUNDS`] rounds: the last round's text is kept (a further repair may still change it;
///   it takes text of no language, read as one code page and then as another, to get there).
///
/// Each round's passes are recorded like the first round's, so [`Changes::replay`] reproduces
/// the output.
///
/// ```
/// use textmend::{changes::Changes, config::RepairConfig, repair::repair};
/// let mut changes = Changes::new();
/// // GBK curly quotes read as Latin-1:
/// let out = repair("It\u{a1}\u{af}s".to_string(), &RepairConfig::default(), &mut changes);
/// assert_eq!(out, "It\u{2019}s");
/// assert_eq!(changes.iter().next().unwrap().reason.name(), "mojibake");
/// ```
pub fn repair(text: String, config: &RepairConfig, changes: &mut Changes) -> String {
    if is_plain_ascii(&text) {
        return text;
    }
    // The lines that may need a pass, found in one scan; a pass with a quick check looks only
    // at those lines (as ftfy, it works line by line); a pass without one sees the whole text.
    let dirty = tagged(fastpath::lines_for(&text, config.fix_legacy), EVERY_PASS);
    rounds(text, dirty, config, changes)
}

/// Repair `text` again where the passes recorded in `changes` after `since` changed it (e.g.
/// the strip and normalize stages of `clean`, whose trimming and folding of white space can
/// change what the repair judges see). The other lines are left to the repair that came
/// before: a line the passes found nothing in, they find nothing in again. Rounds as in
/// [`repair`].
///
/// ```
/// use textmend::{changes::{Changes, Edit, Reason, Stage}, config::RepairConfig};
/// use textmend::repair::{repair, repair_since};
/// let config = RepairConfig::default();
/// let mut changes = Changes::new();
/// let text = repair("caf\u{c3}\u{a9}\nIt\u{a1}\u{af}s".to_string(), &config, &mut changes);
/// let mark = changes.mark();
/// assert_eq!(text, "café\nIt\u{2019}s");
/// // A later stage (here made up) changes the second line into UTF-8 mojibake.
/// let text = changes.apply(Stage::Normalize, text, vec![Edit::new(8..11, "â€™", Reason::Whitespace)]);
/// let text = repair_since(text, &config, &mut changes, mark);
/// assert_eq!(text, "café\nIt\u{2019}s");
/// assert_eq!(changes.replay("caf\u{c3}\u{a9}\nIt\u{a1}\u{af}s"), text);
/// ```
pub fn repair_since(
    text: String,
    config: &RepairConfig,
    changes: &mut Changes,
    since: Mark,
) -> String {
    // Strip and normalize are no pass of repair: every pass looks at what they changed.
    let mut touched = Vec::new();
    let mut shifts: Vec<(usize, usize, isize)> = Vec::new();
    let mut pass = None;
    for c in changes.iter().skip(since.len()) {
        if pass != Some(c.pass) && !shifts.is_empty() {
            touched = carry(&touched, &shifts, EVERY_PASS);
            shifts.clear();
        }
        pass = Some(c.pass);
        shifts.push((
            c.range.start,
            c.range.end,
            c.after.len() as isize - c.range.len() as isize,
        ));
    }
    if shifts.is_empty() {
        return text;
    }
    touched = carry(&touched, &shifts, EVERY_PASS);
    let dirty = touched_lines(&text, &touched, config.fix_legacy);
    rounds(text, dirty, config, changes)
}

/// A line to look at: its range, what [`fastpath::lines_for`] found in it, and the index in
/// [`PASSES`] of the last pass that must look at it ([`EVERY_PASS`] for all). A pass that ran
/// after the last change to a line in a round saw the line as the round left it and found
/// nothing in it, so the next round need not ask it again.
type Line = (Range<usize>, Scan, usize);

/// A range of text a round changed, and the index in [`PASSES`] of the last pass that did.
type Touched = (Range<usize>, usize);

/// The tag of a line every pass must look at.
const EVERY_PASS: usize = usize::MAX;

/// Tag each line found by [`fastpath::lines_for`] with `until`.
fn tagged(lines: Vec<(Range<usize>, Scan)>, until: usize) -> Vec<Line> {
    lines.into_iter().map(|(r, f)| (r, f, until)).collect()
}

/// Changes reserved for each line the mojibake pass will look at (see [`run_passes`]).
const CHANGES_PER_DAMAGED_LINE: usize = 8;

/// Most changes reserved ahead of a pass (160 MB of record); a record that needs more grows.
const MOST_RESERVED_CHANGES: usize = 1 << 20;

/// Run rounds of the [`PASSES`], the first over the `dirty` lines, each later one over the
/// lines the round before changed, until a round changes nothing (see [`repair`]).
fn rounds(
    mut text: String,
    mut dirty: Vec<Line>,
    config: &RepairConfig,
    changes: &mut Changes,
) -> String {
    // The length and hash of each round's result, and the record's mark after it. (The first
    // round's is taken only when the second round changes that text: a text whose second round
    // changes nothing, as most do, is not hashed at all.)
    let mut reached: Vec<((usize, u64), Mark)> = Vec::new();
    // What the legacy pass's lines say of the whole text, kept from round to round.
    let mut document = legacy::Document::default();
    for round in 1..=MAX_ROUNDS {
        let mark = changes.mark();
        let mut touched = Vec::new();
        let (scanned, first_hash);
        (text, scanned, first_hash) = run_passes(
            text,
            dirty,
            config,
            changes,
            &mut touched,
            round == 2,
            &mut document,
        );
        if changes.len() == mark.len() {
            break;
        }
        if round == 1 {
            // (No earlier round to have reached the same text.)
            dirty = touched_lines_known(&text, &touched, config.fix_legacy, &scanned);
            continue;
        }
        if let Some(hash) = first_hash {
            reached.push((hash, mark));
        }
        let hash = (text.len(), hash_of(&text));
        if let Some(&(_, back)) = reached.iter().find(|(h, _)| *h == hash) {
            changes.rollback(back);
            break;
        }
        if round == MAX_ROUNDS {
            break;
        }
        reached.push((hash, changes.mark()));
        dirty = touched_lines_known(&text, &touched, config.fix_legacy, &scanned);
    }
    text
}

/// One round: run the [`PASSES`] over `text`, the line passes over the `dirty` lines that
/// they must look at. Adds the ranges of the result that the round changed to `touched`
/// (sorted and merged), each with the last pass that changed it. A pass that already ran in
/// the round on the same text is not run again ([`ran_on_this_text`]). Returns the result, its
/// dirty lines as scanned after the last pass, and with `hash_input`, the length and
/// [`hash_of`] `text` as it came, taken before a pass first changed it (`None` when no pass
/// did).
fn run_passes(
    mut text: String,
    mut dirty: Vec<Line>,
    config: &RepairConfig,
    changes: &mut Changes,
    touched: &mut Vec<Touched>,
    hash_input: bool,
    document: &mut legacy::Document,
) -> (String, Vec<Line>, Option<(usize, u64)>) {
    let mut input_hash = None;
    let mut hash_before_change = |text: &str| {
        if hash_input && input_hash.is_none() {
            input_hash = Some((text.len(), hash_of(text)));
        }
    };
    // The length of the record when each pass of the round started.
    let mut started = [usize::MAX; PASSES.len()];
    for (index, (enabled, needs, pass)) in PASSES.iter().enumerate() {
        if !enabled(config) {
            continue;
        }
        if ran_on_this_text(index, &started, changes.len()) {
            continue;
        }
        started[index] = changes.len();
        // The scan's normalization flag is NFC's quick check: other forms look at every line.
        let whole = *needs == Scan::ALL
            || (*needs == Scan::NFC
                && config.normalization != Some(crate::config::NormalForm::Nfc));
        let before = changes.len();
        // The lines the mojibake pass left at a fixed point of its own (ranges of `text`):
        // their changes are tagged as if made by the pass before it, so that the next round
        // does not ask it again about them (see `mojibake::fix_mojibake_line_settled`).
        let mut settled: Vec<Range<usize>> = Vec::new();
        let mojibake = std::ptr::fn_addr_eq(*pass, mojibake::fix_mojibake as Pass);
        let legacy = std::ptr::fn_addr_eq(*pass, legacy::fix_legacy_mojibake as Pass);
        if whole {
            let edits = pass(&text, config);
            if edits.is_empty() {
                continue;
            }
            hash_before_change(&text);
            text = changes.apply(Stage::Repair, text, edits);
        } else {
            // Line by line, each line's edits applied as they come (lines are in order).
            // (The lines the pass looks at: those with its flag, and not left settled by it in
            // an earlier round, see `until`.)
            let looked_at = |(_, flags, until): &&Line| flags.has(*needs) && index <= *until;
            if mojibake {
                // Room for the changes to come, so that the record (160 bytes a change) is not
                // copied as it doubles: damaged lines make about eight changes each (the
                // damaged bench corpus: 7.6), counted over the lines it will look at. Capped,
                // as it is reserved before it is known.
                let n = dirty.iter().filter(looked_at).count();
                changes.reserve((n * CHANGES_PER_DAMAGED_LINE).min(MOST_RESERVED_CHANGES));
            }
            let lines = dirty
                .iter()
                .filter(looked_at)
                .map(|(range, _, _)| range.clone());
            let applied = if legacy {
                // The legacy pass judges its lines as one document (see `legacy::Document`).
                let groups = document.fix_lines(&text, lines, config);
                changes.apply_groups(Stage::Repair, &text, groups)
            } else {
                let groups = lines.map(|range| {
                    let line = &text[range.clone()];
                    if mojibake {
                        // (Its edits are made with the line's place in the text.)
                        let (edits, fixed) =
                            mojibake::fix_mojibake_line_settled(line, range.start, config);
                        if fixed && !edits.is_empty() {
                            settled.push(range);
                        }
                        return edits;
                    }
                    let mut edits = pass(line, config);
                    for e in &mut edits {
                        e.range = e.range.start + range.start..e.range.end + range.start;
                    }
                    edits
                });
                changes.apply_groups(Stage::Repair, &text, groups)
            };
            if let Some(new) = applied {
                hash_before_change(&text);
                text = new;
            }
        }
        if changes.len() == before {
            continue;
        }
        // The pass's changes, in order of position.
        let shifts: Vec<(usize, usize, isize)> = changes
            .iter()
            .skip(before)
            .map(|c| {
                (
                    c.range.start,
                    c.range.end,
                    c.after.len() as isize - c.range.len() as isize,
                )
            })
            .collect();
        *touched = if settled.is_empty() {
            carry(touched, &shifts, index)
        } else {
            // (Both lists are in order of position.)
            let mut k = 0;
            let tags: Vec<usize> = shifts
                .iter()
                .map(|&(start, _, _)| {
                    while k < settled.len() && settled[k].end <= start {
                        k += 1;
                    }
                    if k < settled.len() && settled[k].start <= start {
                        index - 1
                    } else {
                        index
                    }
                })
                .collect();
            carry_tagged(touched, &shifts, |i| tags[i])
        };
        if whole {
            dirty = tagged(fastpath::lines_for(&text, config.fix_legacy), EVERY_PASS);
        } else {
            dirty = rescan(&text, &dirty, &shifts, &settled, config.fix_legacy);
        }
    }
    (text, dirty, input_hash)
}

/// True when the pass at `index` of [`PASSES`] ran earlier in the round (the same function:
/// escapes, controls and normalization run first and last) on the text as it is now: when it
/// started there, the record had `len` changes as it has now, so neither it nor any pass after
/// it changed anything, and it would find nothing again. `started` holds the record's length
/// when each pass of the round started (`usize::MAX` for a pass that has not run).
fn ran_on_this_text(index: usize, started: &[usize], len: usize) -> bool {
    (0..index).any(|earlier| {
        started[earlier] == len && std::ptr::fn_addr_eq(PASSES[earlier].2, PASSES[index].2)
    })
}

/// The ranges `touched` of a pass's input carried into its output past the pass's edits
/// (`(start, end, length change)`, sorted), with the edits' own results added, tagged with
/// the pass's `index`; sorted and merged (a merged range keeps the latest pass). A range's
/// end inside an edit moves to the end of that edit's result.
fn carry(touched: &[Touched], shifts: &[(usize, usize, isize)], index: usize) -> Vec<Touched> {
    carry_tagged(touched, shifts, |_| index)
}

/// [`carry`], with the result of edit `i` (of `shifts`) tagged `tag(i)` instead of one index
/// for all.
fn carry_tagged(
    touched: &[Touched],
    shifts: &[(usize, usize, isize)],
    tag: impl Fn(usize) -> usize,
) -> Vec<Touched> {
    // Where each edit's result lies in the output.
    let mut results = Vec::with_capacity(shifts.len());
    let mut delta = 0isize;
    for &(start, end, d) in shifts {
        results.push((start as isize + delta) as usize..(end as isize + delta + d) as usize);
        delta += d;
    }
    // An offset `p` of the input in the output: inside an edit, the start (or with `hi`, the
    // end) of its result; else moved as the last edit before it moved its end.
    let forward = |p: usize, hi: bool| {
        let i = shifts.partition_point(|s| s.0 < p);
        match i.checked_sub(1) {
            None => p,
            Some(k) if p < shifts[k].1 => {
                if hi {
                    results[k].end
                } else {
                    results[k].start
                }
            }
            Some(k) => p - shifts[k].1 + results[k].end,
        }
    };
    // Both lists are in order (carrying keeps the order): merge them.
    let mut carried = touched
        .iter()
        .map(|(r, by)| (forward(r.start, false)..forward(r.end, true), *by))
        .peekable();
    let mut made = results
        .iter()
        .enumerate()
        .map(|(i, r)| (r.clone(), tag(i)))
        .peekable();
    let mut merged: Vec<Touched> = Vec::with_capacity(touched.len() + shifts.len());
    loop {
        let next = match (carried.peek(), made.peek()) {
            (Some(a), Some(b)) if a.0.start <= b.0.start => carried.next(),
            (Some(_), Some(_)) | (None, Some(_)) => made.next(),
            (Some(_), None) => carried.next(),
            (None, None) => break,
        };
        let Some((r, by)) = next else { break };
        match merged.last_mut() {
            Some((last, last_by)) if r.start <= last.end => {
                last.end = last.end.max(r.end);
                *last_by = (*last_by).max(by);
            }
            _ => merged.push((r, by)),
        }
    }
    merged
}

/// The lines of `text` that hold a `touched` range (sorted), scanned for the next round, each
/// tagged with the last pass that changed it.
fn touched_lines(text: &str, touched: &[Touched], legacy: bool) -> Vec<Line> {
    touched_lines_known(text, touched, legacy, &[])
}

/// [`touched_lines`], taking the flags of a line from `known` (whole lines of `text` as
/// [`fastpath::lines_for`] scanned them, sorted, some perhaps without flags) when it is there,
/// instead of scanning it again, and its ends too, instead of searching the text for its line
/// breaks.
fn touched_lines_known(text: &str, touched: &[Touched], legacy: bool, known: &[Line]) -> Vec<Line> {
    let bytes = text.as_bytes();
    // Whole lines, merged: (start, end, last pass).
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    // The first line of `known` that does not end at or before the offset at hand (the
    // offsets asked for rise).
    let mut at_known = 0;
    // The line of `known` that holds byte `p` of `text` (`p < text.len()`), if it is there.
    let mut known_line = |p: usize| {
        while at_known < known.len() && known[at_known].0.end <= p {
            at_known += 1;
        }
        known
            .get(at_known)
            .map(|(r, _, _)| r.clone())
            .filter(|r| r.start <= p)
    };
    for (r, by) in touched {
        if let Some(last) = spans.last_mut() {
            // (A range that ends before the lines taken end lies in them.)
            if r.end < last.1 {
                last.2 = last.2.max(*by);
                continue;
            }
        }
        // The lines of `known` are whole lines, so the line that holds an offset is read there
        // when it is listed; else the text is searched for its line breaks.
        let done = spans.last().map_or(0, |s| s.1);
        let start = match known_line(r.start).filter(|_| r.start < bytes.len()) {
            // (An offset in the lines taken: merged below whatever the start.)
            Some(line) => line.start.max(done.min(r.start)),
            None => {
                let from = done.min(r.start);
                memchr::memrchr(b'\n', &bytes[from..r.start]).map_or(from, |i| from + i + 1)
            }
        };
        // To the end of the line the range ends in; a range that ends with a line break takes
        // the line after it too (a break a pass made starts a new line, judged alone now).
        let end = match known_line(r.end).filter(|_| r.end < bytes.len()) {
            Some(line) => line.end,
            None => memchr::memchr(b'\n', &bytes[r.end..]).map_or(bytes.len(), |i| r.end + i + 1),
        };
        match spans.last_mut() {
            Some(last) if start < last.1 => {
                last.1 = end;
                last.2 = last.2.max(*by);
            }
            _ => spans.push((start, end, *by)),
        }
    }
    // (At least one line a span.)
    let mut out = Vec::with_capacity(spans.len());
    let mut k = 0;
    for (start, end, by) in spans {
        let mut at = start;
        while at < end {
            k += known[k..].partition_point(|(r, _, _)| r.start < at);
            let line_end = match known.get(k) {
                // (A whole line that starts at `at`: the line there.)
                Some((r, flags, _)) if r.start == at && r.end <= end => {
                    if *flags != Scan::default() {
                        out.push((r.clone(), *flags, by));
                    }
                    r.end
                }
                _ => {
                    let line_end =
                        memchr::memchr(b'\n', &bytes[at..end]).map_or(end, |i| at + i + 1);
                    for (line, flags) in fastpath::lines_for(&text[at..line_end], legacy) {
                        out.push((line.start + at..line.end + at, flags, by));
                    }
                    line_end
                }
            };
            at = line_end;
        }
    }
    out
}

/// A hash of `text`, to know a text a round reached before.
fn hash_of(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// Move the dirty line ranges past the edits of a pass (`(start, end, length change)`, sorted)
/// and scan again the lines an edit touched, tagged [`EVERY_PASS`]; a line no edit touched
/// keeps its flags (the scan reads each line on its own, so the same bytes give the same
/// flags).
///
/// The lines of `settled` (dirty lines, in order, that the mojibake pass left at a fixed point
/// of its own) are scanned by [`fastpath::lines_for_settled`], which may flag
/// [`Scan::MOJIBAKE`] where the scan would not. The flag matters to that pass alone, and only
/// in a later round; there the line either is as the pass left it (and the pass finds nothing
/// in it, flagged or not) or was changed after it, by a later pass of this round or an earlier
/// pass of that one, whose rescan reads it again in full. The output and the record are the
/// same either way.
fn rescan(
    text: &str,
    dirty: &[Line],
    shifts: &[(usize, usize, isize)],
    settled: &[Range<usize>],
    legacy: bool,
) -> Vec<Line> {
    let mut out = Vec::with_capacity(dirty.len());
    let mut delta = 0isize;
    let mut k = 0;
    // The first line of `settled` not before the dirty line at hand (both are in order).
    let mut s = 0;
    for (range, flags, until) in dirty {
        let mut changed = false;
        while k < shifts.len() && shifts[k].1 <= range.start {
            // An edit that ends where the line starts changed it too (a break before it).
            changed |= shifts[k].1 == range.start;
            delta += shifts[k].2;
            k += 1;
        }
        let start = (range.start as isize + delta) as usize;
        while k < shifts.len() && shifts[k].0 < range.end {
            changed = true;
            delta += shifts[k].2;
            k += 1;
        }
        let end = (range.end as isize + delta) as usize;
        if !changed {
            // The same bytes as before: the scan would find what it found then.
            out.push((start..end, *flags, *until));
            continue;
        }
        // The lines in which the scan found nothing are kept too, with no flags (no pass looks
        // at them), so that `touched_lines_known` need not scan them again.
        while s < settled.len() && settled[s].start < range.start {
            s += 1;
        }
        let lines = if settled.get(s) == Some(range) {
            fastpath::lines_for_settled(&text[start..end], legacy)
        } else {
            fastpath::lines_for(&text[start..end], legacy)
        };
        let mut at = start;
        for (r, flags) in lines {
            let r = r.start + start..r.end + start;
            push_unflagged(text, at..r.start, &mut out);
            at = r.end;
            out.push((r, flags, EVERY_PASS));
        }
        push_unflagged(text, at..end, &mut out);
    }
    out
}

/// Add each line of `range` of `text` (a run of lines the scan found nothing in) to `out`,
/// without flags.
fn push_unflagged(text: &str, range: Range<usize>, out: &mut Vec<Line>) {
    let mut at = range.start;
    while at < range.end {
        let end = memchr::memchr(b'\n', &text.as_bytes()[at..range.end])
            .map_or(range.end, |i| at + i + 1);
        out.push((at..end, Scan::default(), EVERY_PASS));
        at = end;
    }
}

/// Fast path: printable ASCII with `\n` and `\t` only needs no repair at all.
fn is_plain_ascii(text: &str) -> bool {
    text.bytes()
        .all(|b| (0x20..0x7f).contains(&b) && b != b'&' || b == b'\n' || b == b'\t')
}

#[cfg(test)]
// One range in a list of ranges is what these functions take, not a mistake for a range.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    #[test]
    fn carry_moves_ranges_past_edits_and_adds_their_results() {
        // Input "ab cdef gh": `cd` (3..5) becomes `X` and `h` (9..10) becomes `HHH`.
        let shifts = [(3, 5, -1), (9, 10, 2)];
        // A range before the edits stays; one after the first moves by -1; one starting
        // inside an edit starts at its result's start, one ending at an edit's end ends at
        // its result's end. Merged ranges keep the latest pass.
        let touched = [(0..1, 2), (6..7, 2), (8..10, 2)];
        assert_eq!(
            carry(&touched, &shifts, 4),
            vec![(0..1, 2), (3..4, 4), (5..6, 2), (7..11, 4)]
        );
        assert_eq!(carry(&[(4..6, 7)], &shifts, 4), vec![(3..5, 7), (8..11, 4)]);
        // Nothing touched before: the edits' results alone.
        assert_eq!(carry(&[], &shifts, 4), vec![(3..4, 4), (8..11, 4)]);
    }

    #[test]
    fn a_round_hashes_its_input_when_asked_and_a_pass_changes_it() {
        let config = RepairConfig::default();
        let round = |text: &str, hash_input: bool| {
            let dirty = tagged(fastpath::lines_for(text, config.fix_legacy), EVERY_PASS);
            let mut changes = Changes::new();
            let (out, _, hash) = run_passes(
                text.to_string(),
                dirty,
                &config,
                &mut changes,
                &mut Vec::new(),
                hash_input,
                &mut legacy::Document::default(),
            );
            (out, hash)
        };
        // Damage the passes repair: the input as it came, hashed before the first change.
        let damaged = "caf\u{c3}\u{a9}\nIt\u{a1}\u{af}s \u{2028}";
        let (out, hash) = round(damaged, true);
        assert_ne!(out, damaged);
        assert_eq!(hash, Some((damaged.len(), hash_of(damaged))));
        assert_eq!(round(damaged, false), (out, None));
        // Text no pass changes: nothing hashed.
        assert_eq!(round("café\n", true), ("café\n".to_string(), None));
    }

    #[test]
    fn touched_lines_are_whole_lines_and_the_line_after_a_break() {
        let text = "é one\nÃ© two\nÃ© three\nÃ© four\n";
        let lines = |touched: &[Touched]| -> Vec<(&str, usize)> {
            touched_lines(text, touched, true)
                .into_iter()
                .map(|(r, _, by)| (&text[r], by))
                .collect()
        };
        assert_eq!(lines(&[(8..9, 3)]), [("Ã© two\n", 3)]);
        // A range ending with a line break takes the next line too.
        assert_eq!(
            lines(&[(15..16, 10)]),
            [("Ã© two\n", 10), ("Ã© three\n", 10)]
        );
        // Also when an earlier range took the line the break ends; the lines keep the latest pass.
        assert_eq!(
            lines(&[(8..9, 3), (12..16, 10)]),
            [("Ã© two\n", 10), ("Ã© three\n", 10)]
        );
    }

    #[test]
    fn touched_lines_take_known_flags_as_a_scan_would_find_them() {
        let text = "é one\nÃ© two\nplain\nÃ© three\r\nÃ© four";
        let known = tagged(fastpath::lines_for(text, true), 0);
        let mut all = Vec::new();
        let mut at = 0;
        for (r, f, u) in &known {
            push_unflagged(text, at..r.start, &mut all);
            all.push((r.clone(), *f, *u));
            at = r.end;
        }
        push_unflagged(text, at..text.len(), &mut all);
        assert!(all.len() > known.len());
        for touched in [
            vec![(8..9, 3)],
            vec![(0..1, 2), (15..16, 10)],
            vec![(8..9, 3), (12..27, 10), (33..34, 5)],
            vec![(0..text.len(), 1)],
            // Ranges in one line, to its end, and at the end of the text.
            vec![
                (1..2, 1),
                (3..4, 2),
                (9..14, 3),
                (text.len() - 1..text.len(), 4),
            ],
            vec![(text.len()..text.len(), 5)],
        ] {
            // All lines known (with the unflagged ones or without), some of them, none: the
            // same lines and flags.
            for known in [&all[..], &known[..], &known[1..2], &[]] {
                assert_eq!(
                    touched_lines_known(text, &touched, true, known),
                    touched_lines(text, &touched, true),
                    "{touched:?}"
                );
            }
        }
    }

    #[test]
    fn rescan_finds_what_a_scan_of_the_new_text_finds() {
        let text = "Ã© one\nÃ© two\nplain\nÃ© three\nÃ© four";
        let dirty = tagged(fastpath::lines_for(text, true), 3);
        // `Ã©` of the second line becomes `é`, the fourth line gets a break, the last a `Ã©`.
        let at = |s: &str| text.find(s).unwrap();
        let edits = [
            (at("Ã© two"), at(" two"), "é"),
            (at("three"), at("three") + 1, "Ã©\nx"),
            (at("four"), at("four") + 1, "Ã©"),
        ];
        let new = splice_for_test(text, &edits);
        let shifts: Vec<_> = edits
            .iter()
            .map(|&(a, b, s)| (a, b, s.len() as isize - (b - a) as isize))
            .collect();
        let got = rescan(&new, &dirty, &shifts, &[], true);
        let flagged: Vec<_> = got
            .iter()
            .filter(|(_, f, _)| *f != Scan::default())
            .map(|(r, f, _)| (r.clone(), *f))
            .collect();
        assert_eq!(flagged, fastpath::lines_for(&new, true));
        // Unflagged lines are listed too, and every line is whole.
        assert!(got.len() > flagged.len());
        for (r, _, until) in &got {
            assert!(r.start == 0 || new.as_bytes()[r.start - 1] == b'\n');
            assert!(r.end == new.len() || new.as_bytes()[r.end - 1] == b'\n');
            // Only the first line was not touched.
            assert_eq!(*until == 3, r.start == 0, "{r:?}");
        }
    }

    fn splice_for_test(text: &str, edits: &[(usize, usize, &str)]) -> String {
        crate::changes::splice(text, edits.iter().map(|&(a, b, s)| (a..b, s)))
    }

    #[test]
    fn a_line_split_by_the_line_break_pass_is_judged_again_alone() {
        // U+2028 becomes `\n`; the line after it reads differently on its own, and the next
        // round repairs it as a second run would.
        for s in [
            "Ŝ/é\u{2028}œë",
            "Ł9_\u{2028}»å",
            "£ï2\u{9a}\u{87}\u{2029}aŽ«Q",
        ] {
            let config = RepairConfig::default();
            let once = repair(s.to_string(), &config, &mut Changes::new());
            let twice = repair(once.clone(), &config, &mut Changes::new());
            assert_eq!(twice, once, "{s:?}");
        }
    }
}
