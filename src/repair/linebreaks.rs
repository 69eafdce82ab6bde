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
    // Candidates by their first byte: CR, U+0085 (C2 85), U+2028/U+2029 (E2 80 A8/A9).
    for i in memchr::memchr3_iter(b'\r', 0xC2, 0xE2, bytes) {
        let len = match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
            b'\r' => 1,
            0xC2 if bytes.get(i + 1) == Some(&0x85) => 2,
            0xE2 if bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
            {
                3
            }
            _ => continue,
        };
        edits.push(Edit::new(i..i + len, "\n", Reason::LineBreak));
    }
    edits
}
