//! Strip stage: remove page chrome (menus, breadcrumbs, control bars, copyright lines) from
//! plain text, keeping every line of the main content.
//!
//! Each line is classified by the rules in [`rules`]; a line that a rule calls chrome is
//! removed with that rule's name as its reason.

pub mod rules;

use crate::changes::{Changes, Edit, Reason, Stage};
use crate::config::StripConfig;

/// Remove chrome lines from `text`, recording each removal in `changes`.
///
/// ```
/// use textmend::{changes::Changes, config::StripConfig, strip::strip};
/// let mut changes = Changes::new();
/// let text = "Home > News > World\nThe river rose two metres overnight.\nBack Print Close\n";
/// let out = strip(text.to_string(), &StripConfig::default(), &mut changes);
/// assert_eq!(out, "The river rose two metres overnight.\n");
/// ```
pub fn strip(text: String, config: &StripConfig, changes: &mut Changes) -> String {
    if !config.enabled {
        return text;
    }
    let mut edits = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let range = start..start + line.len();
        start = range.end;
        if let Some(rule) = rules::classify(line.trim_end_matches(['\n', '\r'])) {
            edits.push(Edit::new(range, "", Reason::chrome(rule)));
        }
    }
    changes.apply(Stage::Strip, text, edits)
}
