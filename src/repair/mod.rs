//! Repair stage: undo mojibake and character-level damage.
//!
//! The stage is a list of passes run in order. Each pass looks at the current text and proposes
//! [`Edit`]s; [`Changes::apply`] applies them and records them. A pass never knows about the
//! others, and each can be switched off in [`RepairConfig`].

pub mod badness;
pub mod chars;
pub mod codepage;
pub mod codepages;
pub mod fastpath;
pub mod legacy;
pub mod linebreaks;
pub mod mojibake;
pub mod unicode;

use crate::changes::{Changes, Edit, Stage};
use crate::config::RepairConfig;
use fastpath::Scan;

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

/// Repair `text` according to `config`, recording every change in `changes`.
///
/// ```
/// use textmend::{changes::Changes, config::RepairConfig, repair::repair};
/// let mut changes = Changes::new();
/// // GBK curly quotes read as Latin-1:
/// let out = repair("It\u{a1}\u{af}s".to_string(), &RepairConfig::default(), &mut changes);
/// assert_eq!(out, "It\u{2019}s");
/// assert_eq!(changes.iter().next().unwrap().reason.name(), "mojibake");
/// ```
pub fn repair(mut text: String, config: &RepairConfig, changes: &mut Changes) -> String {
    if is_plain_ascii(&text) {
        return text;
    }
    // The lines that may need a pass, found in one scan; a pass with a quick check looks only
    // at those lines (as ftfy, it works line by line); a pass without one sees the whole text.
    let mut dirty = fastpath::lines_for(&text, config.fix_legacy);
    for (enabled, needs, pass) in PASSES {
        if !enabled(config) {
            continue;
        }
        // The scan's normalization flag is NFC's quick check: other forms look at every line.
        let whole = *needs == Scan::ALL
            || (*needs == Scan::NFC
                && config.normalization != Some(crate::config::NormalForm::Nfc));
        let before = changes.len();
        if whole {
            let edits = pass(&text, config);
            if edits.is_empty() {
                continue;
            }
            text = changes.apply(Stage::Repair, text, edits);
        } else {
            // Line by line, each line's edits applied as they come (lines are in order).
            let lines = dirty
                .iter()
                .filter(|(_, flags)| flags.has(*needs))
                .map(|(range, _)| {
                    let mut edits = pass(&text[range.clone()], config);
                    for e in &mut edits {
                        e.range = e.range.start + range.start..e.range.end + range.start;
                    }
                    edits
                });
            if let Some(new) = changes.apply_groups(Stage::Repair, &text, lines) {
                text = new;
            }
        }
        if changes.len() == before {
            continue;
        }
        if whole {
            dirty = fastpath::lines_for(&text, config.fix_legacy);
        } else {
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
            dirty = rescan(&text, &dirty, &shifts, config.fix_legacy);
        }
    }
    text
}

/// Move the dirty line ranges past the edits of a pass (`(start, end, length change)`, sorted)
/// and scan those lines again.
fn rescan(
    text: &str,
    dirty: &[(std::ops::Range<usize>, Scan)],
    shifts: &[(usize, usize, isize)],
    legacy: bool,
) -> Vec<(std::ops::Range<usize>, Scan)> {
    let mut out = Vec::with_capacity(dirty.len());
    let mut delta = 0isize;
    let mut k = 0;
    for (range, _) in dirty {
        while k < shifts.len() && shifts[k].1 <= range.start {
            delta += shifts[k].2;
            k += 1;
        }
        let start = (range.start as isize + delta) as usize;
        while k < shifts.len() && shifts[k].0 < range.end {
            delta += shifts[k].2;
            k += 1;
        }
        let end = (range.end as isize + delta) as usize;
        let line = &text[start..end];
        for (r, flags) in fastpath::lines_for(line, legacy) {
            out.push((r.start + start..r.end + start, flags));
        }
    }
    out
}

/// Fast path: printable ASCII with `\n` and `\t` only needs no repair at all.
fn is_plain_ascii(text: &str) -> bool {
    text.bytes()
        .all(|b| (0x20..0x7f).contains(&b) && b != b'&' || b == b'\n' || b == b'\t')
}
