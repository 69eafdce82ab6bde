//! What the strip stage measures on a line: length, function-word share, end punctuation,
//! separators, title case. All signals work in any language.

use super::chars::is_numeric;
use super::stoplists::{Language, Stoplists, is_cjk, words};

/// Measurements of one (trimmed, non-empty) line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineFeatures {
    /// Bytes in the line.
    pub bytes: usize,
    /// Words, or for Chinese and Japanese half the Han/kana characters plus the other words.
    pub words: f32,
    /// Share of function words (0..=1) in the text's language; 0 when the language is unknown.
    pub function_share: f32,
    /// The line ends like a sentence (`.`, `!`, `?`, `。`, `！`, `？`, `…`, `:` or a closing
    /// quote after one of them).
    pub sentence_end: bool,
    /// Separator characters between items: `|`, `·`, `•`, `»`, `>>`.
    pub separators: usize,
    /// The line has at most [`TITLE_CASE_WORDS`] words and every word starts with an upper-case
    /// letter or a digit, or is a short function word (a heading or menu item in scripts with
    /// case).
    pub title_case: bool,
}

/// Most words of a line that can count as title case.
pub const TITLE_CASE_WORDS: f32 = 8.0;

/// Measure `line` (already trimmed) in `lang`.
///
/// ```
/// use textmend::strip::{features::measure, stoplists::stoplists};
/// let s = stoplists();
/// let en = s.detect("This is the way of the world and we are in it.");
/// let f = measure("This is the way of the world.", en, s);
/// assert!(f.sentence_end && f.function_share > 0.5 && f.words == 7.0);
/// assert!(measure("News | Sport | Weather", en, s).separators == 2);
/// ```
pub fn measure(line: &str, lang: Language, lists: &Stoplists) -> LineFeatures {
    let (func, n) = lists.counts(line, lang);
    LineFeatures {
        bytes: line.len(),
        words: n,
        function_share: if n > 0.0 { func / n } else { 0.0 },
        sentence_end: sentence_end(line),
        separators: separators(line),
        // Only short lines can be items of a title-case run.
        title_case: n <= TITLE_CASE_WORDS && title_case(line),
    }
}

/// True when the line ends like a sentence.
pub fn sentence_end(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['"', '\'', '”', '’', '»', ')', '」', '』', '）', ' ']);
    trimmed.ends_with([
        '.', '!', '?', '。', '！', '？', '…', ':', '：', ';', '；', '؟', '।', '۔',
    ])
}

/// Separator characters in the line: `|`, `·`, `•`, `»`, `>>`, `/` between spaces.
pub fn separators(line: &str) -> usize {
    // One pass over the bytes: `|`, `>>`, and the UTF-8 of `·` `»` `¦` (C2 B7, C2 BB, C2 A6)
    // and `•` (E2 80 A2).
    let b = line.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'|' => n += 1,
            b'>' if b.get(i + 1) == Some(&b'>') => {
                n += 1;
                i += 1;
            }
            0xC2 if matches!(b.get(i + 1), Some(0xB7 | 0xBB | 0xA6)) => n += 1,
            0xE2 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0xA2) => n += 1,
            _ => {}
        }
        i += 1;
    }
    n
}

/// True when every word of the line starts upper case or with a digit, allowing lower-case
/// words of up to three letters (of, and, de, la). Lines in scripts without case (CJK, Arabic)
/// are not title case.
pub fn title_case(line: &str) -> bool {
    let mut any_upper = false;
    for w in words(line) {
        let first = w.chars().next().unwrap_or(' ');
        if is_cjk(first) {
            return false;
        }
        if first.is_uppercase() {
            any_upper = true;
        } else if first.is_lowercase() {
            if w.chars().count() > 3 {
                return false;
            }
        } else if !is_numeric(first) {
            return false;
        }
    }
    any_upper
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends() {
        assert!(sentence_end("Он сказал: «Нет.»"));
        assert!(sentence_end("这是一个问题。"));
        assert!(!sentence_end("Home"));
    }

    #[test]
    fn separators_count_each_kind() {
        assert_eq!(separators("A | B · C • D » E ¦ F >> G"), 6);
        assert_eq!(separators(">>> a > b"), 1);
        assert_eq!(separators("» Über uns · Kontakt"), 2);
        assert_eq!(separators("No separators here – ‰ ·"), 1);
    }

    #[test]
    fn title_case_lines() {
        assert!(title_case("Terms of Use"));
        assert!(title_case("Политика и Общество"));
        assert!(!title_case("We went home early"));
        assert!(!title_case("新闻中心"));
    }
}
