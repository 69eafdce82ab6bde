//! Normalize stage of `clean`: runs of spaces, tabs and no-break spaces become one space, lines
//! are trimmed, runs of blank lines collapse to one, and the text ends with exactly one newline.
//! (Unicode normalization is part of repair, so that `fix` applies it too.)

use crate::changes::{Changes, Edit, Reason, Stage};
use crate::config::NormalizeConfig;

/// Normalize whitespace in `text`, recording each change in `changes`.
///
/// ```
/// use textmend::{changes::Changes, config::NormalizeConfig, normalize::normalize};
/// let mut changes = Changes::new();
/// let out = normalize("  I.\u{a0}\u{a0} Two  words \n\n\n\nEnd".to_string(),
///     &NormalizeConfig::default(), &mut changes);
/// assert_eq!(out, "I. Two words\n\nEnd\n");
/// ```
pub fn normalize(text: String, config: &NormalizeConfig, changes: &mut Changes) -> String {
    if !config.whitespace {
        return text;
    }
    let edits = whitespace_edits(&text);
    let text = changes.apply(Stage::Normalize, text, edits);
    let edits = blank_line_edits(&text);
    changes.apply(Stage::Normalize, text, edits)
}

/// Horizontal white space as this stage sees it (folded into one space, trimmed at line ends).
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{a0}' | '\u{202f}' | '\u{2007}' | '\u{3000}' | '\u{feff}'
    ) || c.is_whitespace() && c != '\n'
}

/// The length of the horizontal space character that starts at byte `i` of `s`, if one does
/// (`None` too inside a character). ASCII, almost every byte of most text, is decided from the
/// byte alone, and so is every other byte that cannot start a space character.
///
/// ```
/// # use textmend::normalize::space_len_at;
/// let s = "a\u{a0}é\u{3000} ";
/// let lens: Vec<_> = (0..s.len()).map(|i| space_len_at(s, i)).collect();
/// assert_eq!(lens, [None, Some(2), None, None, None, Some(3), None, None, Some(1)]);
/// ```
#[inline]
pub fn space_len_at(s: &str, i: usize) -> Option<usize> {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        return matches!(b, b' ' | b'\t' | 0x0b | 0x0c | b'\r').then_some(1);
    }
    // The first bytes of the other spaces: U+0085 and U+00A0 (C2), U+1680 (E1), U+2000..U+205F
    // (E2), U+3000 (E3), U+FEFF (EF).
    if !matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF) {
        return None;
    }
    let c = s[i..].chars().next()?;
    is_space(c).then(|| c.len_utf8())
}

/// The bytes that may start a horizontal space character (see [`space_len_at`]).
const MAY_START_SPACE: [bool; 256] = {
    let mut t = [false; 256];
    let starts: [u8; 10] = [b' ', b'\t', 0x0b, 0x0c, b'\r', 0xC2, 0xE1, 0xE2, 0xE3, 0xEF];
    let mut k = 0;
    while k < starts.len() {
        t[starts[k] as usize] = true;
        k += 1;
    }
    t
};

/// Trim each line and fold inner runs of horizontal space into one space.
fn whitespace_edits(text: &str) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let bytes = body.as_bytes();
        let mut i = 0;
        while i < body.len() {
            // Most bytes cannot start a space: step over them with one table look-up each.
            if !MAY_START_SPACE[usize::from(bytes[i])] {
                i += 1;
                continue;
            }
            let Some(len) = space_len_at(body, i) else {
                i += 1;
                continue;
            };
            let mut end = i + len;
            while end < body.len() {
                match space_len_at(body, end) {
                    Some(len) => end += len,
                    None => break,
                }
            }
            let at_edge = i == 0 || end == body.len();
            let after = if at_edge { "" } else { " " };
            if &body[i..end] != after {
                edits.push(Edit::new(
                    line_start + i..line_start + end,
                    after,
                    Reason::Whitespace,
                ));
            }
            i = end;
        }
        line_start += line.len();
    }
    edits
}

/// Collapse runs of blank lines to one, drop leading blank lines, end with one newline.
fn blank_line_edits(text: &str) -> Vec<Edit> {
    let mut edits = Vec::new();
    let content_start = text.len() - text.trim_start_matches('\n').len();
    if content_start == text.len() {
        // Nothing but newlines (or nothing at all).
        if !text.is_empty() {
            edits.push(Edit::new(0..text.len(), "", Reason::BlankLines));
        }
        return edits;
    }
    if content_start > 0 {
        edits.push(Edit::new(0..content_start, "", Reason::BlankLines));
    }
    let content_end = text.trim_end_matches('\n').len();
    let bytes = text.as_bytes();
    let mut i = content_start;
    while i < content_end {
        // Jump to the next line break.
        i = text[i..content_end]
            .find('\n')
            .map_or(content_end, |k| i + k);
        if i < content_end {
            let mut j = i;
            while j < content_end && bytes[j] == b'\n' {
                j += 1;
            }
            if j - i > 2 {
                edits.push(Edit::new(i..j, "\n\n", Reason::BlankLines));
            }
            i = j;
        }
    }
    let tail = &text[content_end..];
    if tail != "\n" {
        edits.push(Edit::new(
            content_end..text.len(),
            "\n",
            Reason::FinalNewline,
        ));
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(
            s.to_string(),
            &NormalizeConfig::default(),
            &mut Changes::new(),
        )
    }

    #[test]
    fn every_space_starts_with_a_byte_space_len_at_decodes() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = c.to_string();
            let expected = is_space(c).then_some(s.len());
            assert_eq!(space_len_at(&s, 0), expected, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn folds_every_kind_of_horizontal_space() {
        assert_eq!(norm("a \u{3000}\u{a0} b\t\r\n"), "a b\n");
        assert_eq!(
            norm("中文\u{3000}文字\u{202f}\u{2007}é\u{feff}"),
            "中文 文字 é\n"
        );
        assert_eq!(norm("\u{b}x\u{c}\u{2028}y \u{85}"), "x y\n");
        assert_eq!(norm("ünï  cödé  "), "ünï cödé\n");
    }

    #[test]
    fn one_space_stays_and_records_nothing() {
        let mut changes = Changes::new();
        let out = normalize(
            "Два слова и 三个字 here.\n".to_string(),
            &NormalizeConfig::default(),
            &mut changes,
        );
        assert_eq!(out, "Два слова и 三个字 here.\n");
        assert!(changes.is_empty());
    }
}
