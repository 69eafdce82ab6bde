//! How plausible a decoding looks as natural-language text. A wrong single-byte decoding
//! scatters symbols, box-drawing characters and controls inside words, switches script in
//! mid-word and puts capitals after small letters; a right one does not. The measure knows no
//! language, only Unicode properties, so it works for any text.

/// The average penalty per non-ASCII character of `text`: 0 when every non-ASCII character sits
/// where text puts such characters, higher for each sign of a wrong decoding. Text without
/// non-ASCII characters scores 0.
///
/// ```
/// use textmend::decode::plausible::implausibility;
/// assert_eq!(implausibility("Příliš žluťoučký kůň"), 0.0);
/// assert!(implausibility("P\u{f8}\u{ed}li\u{161} \u{17e}lu\u{165}ou\u{10d}k\u{fd}") == 0.0);
/// assert!(implausibility("PýŘliÜ ×luŁouŔk∞") > 2.0);
/// ```
pub fn implausibility(text: &str) -> f64 {
    let (penalty, non_ascii) = penalty(text);
    penalty as f64 / non_ascii.max(1) as f64
}

/// The total penalty of `text` and its number of non-ASCII characters (see
/// [`implausibility`]).
pub fn penalty(text: &str) -> (u64, u64) {
    let mut penalty = 0u64;
    let mut non_ascii = 0u64;
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        if c.is_ascii() {
            if let Some(p) = prev.filter(|p| !p.is_ascii()) {
                penalty += pair(p, c);
            }
        } else {
            non_ascii += 1;
            let letter_before = prev.is_some_and(is_letter);
            let letter_after = next.is_some_and(is_letter);
            penalty += match class(c) {
                Class::Bad => 10,
                Class::Mark if letter_before || prev.is_some_and(is_mark) => 0,
                Class::Mark => 3,
                Class::Letter => prev.map_or(0, |p| pair(p, c)),
                Class::Box if letter_before && letter_after => 6,
                Class::Box => 2,
                Class::Symbol if letter_before && letter_after && !inside_word(c) => 5,
                Class::Symbol if next.is_some_and(char::is_lowercase) && !opening(c) => 3,
                Class::Symbol if rare_symbol(c) => 2,
                Class::Symbol => 0,
            };
        }
        prev = Some(c);
    }
    (penalty, non_ascii)
}

/// Punctuation that opens a word or phrase, and so may stand right before a small letter.
fn opening(c: char) -> bool {
    inside_word(c)
        || matches!(
            c,
            '«' | '‹'
                | '¿'
                | '¡'
                | '“'
                | '‘'
                | '„'
                | '‚'
                | '—'
                | '–'
                | '…'
                | '•'
                | '·'
                | '¬'
        )
}

/// Latin-1 symbols text hardly ever uses, that stand where other ISO-8859 parts have letters or
/// the euro sign: the generic currency sign, broken bar, spacing diaeresis and cedilla.
fn rare_symbol(c: char) -> bool {
    matches!(c, '\u{A4}' | '\u{A6}' | '\u{A8}' | '\u{B8}')
}

/// Penalty for two adjacent characters: letters of different scripts, or a capital right after
/// a small letter.
fn pair(p: char, c: char) -> u64 {
    if !is_letter(p) || !is_letter(c) {
        return 0;
    }
    let mut x = 0;
    let (sp, sc) = (script(p), script(c));
    if sp != sc && sp != Script::Other && sc != Script::Other {
        x += 4;
    }
    if p.is_lowercase() && c.is_uppercase() {
        x += 3;
    }
    x
}

#[derive(Debug, PartialEq, Eq)]
enum Class {
    /// Replacement character, control or private use: never in good text.
    Bad,
    /// A combining mark: belongs after a letter.
    Mark,
    /// A letter of any script.
    Letter,
    /// Box drawing and block elements: DOS code pages' upper half read the wrong way.
    Box,
    /// Punctuation, symbols, spaces.
    Symbol,
}

fn class(c: char) -> Class {
    let u = c as u32;
    if c == '\u{FFFD}' || c.is_control() || (0xE000..=0xF8FF).contains(&u) {
        Class::Bad
    } else if is_mark(c) {
        Class::Mark
    } else if c.is_alphabetic() {
        Class::Letter
    } else if (0x2500..=0x25A0).contains(&u) || (0x2320..=0x2321).contains(&u) {
        Class::Box
    } else {
        Class::Symbol
    }
}

fn is_letter(c: char) -> bool {
    c.is_alphabetic() && !is_mark(c)
}

/// Punctuation that is at home between two letters: apostrophes, hyphens, the Catalan middle
/// dot, joiners, no-break spaces.
fn inside_word(c: char) -> bool {
    matches!(
        c,
        '\u{2019}'
            | '\u{2018}'
            | '\u{00B4}'
            | '\u{02BC}'
            | '\u{00B7}'
            | '\u{2010}'
            | '\u{2011}'
            | '\u{00AD}'
            | '\u{200C}'
            | '\u{200D}'
            | '\u{0387}'
            | '\u{05F3}'
            | '\u{05F4}'
    ) || c.is_whitespace()
}

/// Combining marks of the scripts single-byte code pages carry.
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0E31 | 0x0E34..=0x0E3A
        | 0x0E47..=0x0E4E | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF
        | 0xFE20..=0xFE2F)
}

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    Armenian,
    Hebrew,
    Arabic,
    Indic,
    Thai,
    Georgian,
    Cjk,
    Other,
}

fn script(c: char) -> Script {
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Script::Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F => Script::Cyrillic,
        0x530..=0x58F => Script::Armenian,
        0x590..=0x5FF | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x600..=0x6FF | 0x750..=0x77F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
        0x900..=0xDFF => Script::Indic,
        0xE00..=0xE7F => Script::Thai,
        0x10A0..=0x10FF | 0x2D00..=0x2D2F => Script::Georgian,
        0x1100..=0x11FF
        | 0x3040..=0x30FF
        | 0x3130..=0x318F
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF
        | 0xFF66..=0xFF9F => Script::Cjk,
        _ => Script::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_text_in_many_scripts_scores_zero() {
        for s in [
            "Ελληνικά κείμενα",
            "Русский текст, ПРОПИСНЫЕ буквы",
            "עברית טובה",
            "العربية الفصحى",
            "ภาษาไทยที่ดี",
            "Tiếng Việt có dấu",
            "ქართული ენა",
            "日本語のテキスト",
            "l’homme, col·lecció",
        ] {
            assert_eq!(implausibility(s), 0.0, "{s}");
        }
    }

    #[test]
    fn wrong_decodings_score_high() {
        // Russian windows-1251 read as KOI8-R: case flips inside words.
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Привет, как дела");
        let (koi, _, _) = encoding_rs::KOI8_R.decode(&bytes);
        assert!(implausibility(&koi) > 0.2, "{koi}");
        assert_eq!(implausibility("Привет, как дела"), 0.0);
        // Controls are the worst sign.
        assert!(implausibility("a\u{81}b") >= 10.0);
    }

    #[test]
    fn ascii_only_is_neutral() {
        assert_eq!(implausibility("plain ASCII"), 0.0);
        assert_eq!(implausibility(""), 0.0);
    }
}
