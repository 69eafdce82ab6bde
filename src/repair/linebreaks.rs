//! Line breaks: CRLF, CR, U+2028, U+2029 and U+0085 become `\n`.

use crate::changes::{Edit, Reason};
use crate::config::RepairConfig;

/// Propose edits that make every line break `\n`.
///
/// ```
/// use textmend::repair::linebreaks::fix_line_breaks;
/// use textmend::config::RepairConfig;
/// let edits = fix_line_breaks("a\r\nb\rc\u{2028}d", &RepairConfig::default());
/// assert_eq!(edits.len(), 3);
/// assert!(edits.iter().all(|e| e.after == "\n"));
/// ```
pub fn fix_line_breaks(text: &str, _config: &RepairConfig) -> Vec<Edit> {
    let mut edits = Vec::new();
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let len = match c {
            '\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
            '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' => c.len_utf8(),
            _ => continue,
        };
        edits.push(Edit::new(i..i + len, "\n", Reason::LineBreak));
    }
    edits
}
