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

/// The passes, in the order they run (ftfy's order: references, mojibake, C1 controls, the
/// optional cleanups, line breaks, escapes and controls, normalization), each with the switch
/// that enables it and the [`Scan`] flags without which it has nothing to do
/// ([`Scan::ALL`] for a pass that always looks).
const PASSES: &[(Switch, Scan, Pass)] = &[
    (|c| c.unescape_html, Scan::AMPERSAND, chars::unescape_html),
    (|c| c.fix_encoding, Scan::MOJIBAKE, mojibake::fix_mojibake),
    (|c| c.fix_c1_controls, Scan::C1, chars::fix_c1_controls),
    (|c| c.fix_legacy, Scan::ALL, legacy::fix_legacy_mojibake),
    (
        |c| c.fix_latin_ligatures,
        Scan::SPECIAL,
        chars::fix_latin_ligatures,
    ),
    (
        |c| c.fix_fullwidth_latin,
        Scan::SPECIAL,
        chars::fix_fullwidth,
    ),
    (|c| c.uncurl_quotes, Scan::SPECIAL, chars::uncurl_quotes),
    (
        |c| c.fix_line_breaks,
        Scan::SPECIAL,
        linebreaks::fix_line_breaks,
    ),
    (
        |c| c.remove_terminal_escapes,
        Scan::ESCAPE,
        chars::remove_terminal_escapes,
    ),
    (
        |c| c.remove_control_chars,
        Scan::SPECIAL,
        chars::remove_control_chars,
    ),
    (
        |c| c.normalization.is_some(),
        Scan::SPECIAL,
        unicode::normalize,
    ),
];

/// Rounds of all passes at most: a later pass can expose damage to an earlier one (an HTML
/// reference that decodes to mojibake).
const MAX_ROUNDS: usize = 3;

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
    for _ in 0..MAX_ROUNDS {
        let mut scan = Scan::of(&text);
        let mut changed = false;
        for (enabled, needs, pass) in PASSES {
            if enabled(config) && scan.has(*needs) {
                let before = changes.len();
                let edits = pass(&text, config);
                text = changes.apply(Stage::Repair, text, edits);
                if changes.len() != before {
                    changed = true;
                    scan = Scan::of(&text);
                }
            }
        }
        if !changed {
            break;
        }
    }
    text
}

/// Fast path: printable ASCII with `\n` and `\t` only needs no repair at all.
fn is_plain_ascii(text: &str) -> bool {
    text.bytes()
        .all(|b| (0x20..0x7f).contains(&b) && b != b'&' || b == b'\n' || b == b'\t')
}
