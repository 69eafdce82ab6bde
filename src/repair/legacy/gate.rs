//! The fast exit: one scan of a line tells which families of explanations could apply, so
//! that clean text costs little more than the scan.

use super::candidates::latin_byte_quick;
use super::judge::{is_cyrillic_letter, is_ideograph, is_word_char, symbol_cost};

/// Which explanations a line may need, from the characters it holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Signs {
    /// Two characters of the upper half of windows-1252 in a row, or such a sign (other than
    /// common punctuation) before an ASCII letter: what multi-byte text (or Cyrillic, Greek) read as windows-1252 looks like.
    pub latin_runs: bool,
    /// Some character of the upper half of windows-1252 and no letter outside windows-1252:
    /// what Central European text read as windows-1252 looks like.
    pub latin_letters: bool,
    /// A Cyrillic word with a capital after a small letter, a Cyrillic word of three or more
    /// capitals, or an odd sign touching a Cyrillic letter: Cyrillic read with the wrong
    /// Cyrillic code page.
    pub cyrillic: bool,
    /// A CJK character: UTF-8 read as a CJK encoding gives nothing else.
    pub cjk: bool,
}

impl Signs {
    /// Scan `line`.
    ///
    /// ```
    /// use textmend::repair::legacy::gate::Signs;
    /// assert!(Signs::of("plain café text").none());
    /// assert!(Signs::of("People’s “Forum” — here").none());
    /// assert_eq!(Signs::of("crème"), Signs { latin_letters: true, ..Signs::default() });
    /// assert!(Signs::of("Xi¡¯an").latin_runs);
    /// assert!(Signs::of("вОЛГА").cyrillic);
    /// assert!(!Signs::of("Волга — река").cyrillic);
    /// ```
    pub fn of(line: &str) -> Signs {
        let mut s = Signs::default();
        let mut outside_1252 = false;
        let mut prev: Option<char> = None;
        let mut prev_high = false;
        let mut caps = 0; // capitals in a row in the current Cyrillic word
        for c in line.chars() {
            if c.is_ascii() {
                // ASCII only matters after a sign of the upper half (a Big5 or Shift_JIS
                // trail byte), and ends runs of capitals.
                if prev_high
                    && c.is_ascii_alphabetic()
                    && prev.is_some_and(|p| !is_word_char(p) && symbol_cost(p) >= 8.0)
                {
                    s.latin_runs = true;
                }
                caps = 0;
                prev = Some(c);
                prev_high = false;
                continue;
            }
            let high = c != '\u{A0}' && latin_byte_quick(c).is_some();
            if high && central_differs(c) {
                s.latin_letters = true;
            }
            if high {
                if prev_high {
                    s.latin_runs = true;
                }
            } else if prev_high
                && c.is_ascii_alphabetic()
                && prev.is_some_and(|p| !is_word_char(p) && symbol_cost(p) >= 8.0)
            {
                s.latin_runs = true;
            }
            if !c.is_ascii() && latin_byte_quick(c).is_none() && is_word_char(c) {
                outside_1252 = true;
            }
            if is_cyrillic_letter(c) {
                if c.is_uppercase() {
                    caps += 1;
                    if caps >= 3 || prev.is_some_and(|p| is_cyrillic_letter(p) && p.is_lowercase())
                    {
                        s.cyrillic = true;
                    }
                } else {
                    caps = 0;
                }
                if prev.is_some_and(odd_sign) {
                    s.cyrillic = true;
                }
            } else {
                caps = 0;
                if odd_sign(c) && prev.is_some_and(is_cyrillic_letter) {
                    s.cyrillic = true;
                }
            }
            if ('\u{2500}'..='\u{25A0}').contains(&c) {
                s.cyrillic = true; // box drawing: Cyrillic read as IBM866 or KOI8
            }
            if is_ideograph(c) {
                s.cjk = true;
            }
            prev = Some(c);
            prev_high = high;
        }
        if outside_1252 {
            s.latin_letters = false;
        }
        s
    }

    /// True when no explanation applies.
    pub fn none(self) -> bool {
        self == Signs::default()
    }
}

/// True when the windows-1252 character `c` stands for a different letter in windows-1250 or
/// ISO-8859-2 (è for č, õ for ő, ³ for ł...).
fn central_differs(c: char) -> bool {
    static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = Vec::new();
        for b in 0x80..=0xFFu8 {
            let byte = [b];
            let first = |enc: &'static encoding_rs::Encoding| {
                enc.decode_without_bom_handling_and_without_replacement(&byte)
                    .and_then(|s| s.chars().next())
            };
            // The characters a windows-1252 or Latin-1 reading gives for this byte.
            let readings = [Some(b as char), first(encoding_rs::WINDOWS_1252)];
            for enc in [encoding_rs::WINDOWS_1250, encoding_rs::ISO_8859_2] {
                if let Some(d) = first(enc).filter(|d| d.is_alphabetic()) {
                    t.extend(readings.iter().flatten().filter(|&&r| r != d));
                }
            }
        }
        t.sort_unstable();
        t.dedup();
        t
    });
    table.binary_search(&c).is_ok()
}

/// A sign that is not common punctuation, and not ASCII.
fn odd_sign(c: char) -> bool {
    !c.is_ascii() && !is_word_char(c) && !is_ideograph(c) && symbol_cost(c) >= 8.0
}
