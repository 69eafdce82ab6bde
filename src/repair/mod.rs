//! Repair stage: undo mojibake and character-level damage.
//!
//! The stage is a list of passes run in order. Each pass looks at the current text and proposes
//! [`Edit`]s; [`Changes::apply`] applies them and records them. A pass never knows about the
//! others, and each can be switched off in [`RepairConfig`].

pub mod codepage;
pub mod legacy;
pub mod linebreaks;
pub mod unicode;

use crate::changes::{Changes, Edit, Stage};
use crate::config::RepairConfig;

/// One repair pass: proposes edits to `text`.
type Pass = fn(&str, &RepairConfig) -> Vec<Edit>;

/// The switch in [`RepairConfig`] that enables a pass.
type Switch = fn(&RepairConfig) -> bool;

/// The passes, in the order they run, each with the switch that enables it.
const PASSES: &[(Switch, Pass)] = &[
    // Legacy mojibake first: a byte 0x85 read as Latin-1 is U+0085, which is also a line break.
    (|c| c.fix_legacy, legacy::fix_legacy_mojibake),
    (|c| c.fix_line_breaks, linebreaks::fix_line_breaks),
    (|c| c.normalization.is_some(), unicode::normalize),
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
    for (enabled, pass) in PASSES {
        if enabled(config) {
            let edits = pass(&text, config);
            text = changes.apply(Stage::Repair, text, edits);
        }
    }
    text
}

/// Fast path: printable ASCII with `\n` and `\t` only needs no repair at all.
fn is_plain_ascii(text: &str) -> bool {
    text.bytes()
        .all(|b| (0x20..0x7f).contains(&b) && b != b'&' || b == b'\n' || b == b'\t')
}
