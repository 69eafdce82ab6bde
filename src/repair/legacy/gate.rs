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
        let mut prev_high = false;
        let mut prev_class = 0u16;
        let mut caps = 0; // capitals in a row in the current Cyrillic word
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] < 0x80 {
                // ASCII only matters after a sign of the upper half (a Big5 or Shift_JIS
                // trail byte), and ends runs of capitals.
                let c = bytes[i] as char;
                if prev_high && c.is_ascii_alphabetic() && prev_class & ODD != 0 {
                    s.latin_runs = true;
                }
                // Skip the rest of the ASCII run: nothing in it matters.
                i += 1;
                while i < bytes.len() && bytes[i] < 0x80 {
                    i += 1;
                }
                caps = 0;
                prev_high = false;
                prev_class = 0;
                continue;
            }
            let c = line[i..].chars().next().expect("a character");
            i += c.len_utf8();
            let class = class_of(c);
            let high = class & HIGH != 0;
            if class & CENTRAL != 0 {
                s.latin_letters = true;
            }
            if high && prev_high {
                s.latin_runs = true;
            }
            if class & OUTSIDE_1252 != 0 {
                outside_1252 = true;
            }
            if class & CYRILLIC != 0 {
                if class & UPPER != 0 {
                    caps += 1;
                    if caps >= 3 || prev_class & (CYRILLIC | LOWER) == CYRILLIC | LOWER {
                        s.cyrillic = true;
                    }
                } else {
                    caps = 0;
                }
                if prev_class & ODD != 0 {
                    s.cyrillic = true;
                }
            } else {
                caps = 0;
                if class & ODD != 0 && prev_class & CYRILLIC != 0 {
                    s.cyrillic = true;
                }
            }
            if class & BOX != 0 {
                s.cyrillic = true; // box drawing: Cyrillic read as IBM866 or KOI8
            }
            if class & IDEOGRAPH != 0 {
                s.cjk = true;
            }
            prev_high = high;
            prev_class = class;
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

/// A character of the upper half of windows-1252 (not the no-break space).
const HIGH: u16 = 1;
/// ... that stands for a different letter in windows-1250 or ISO-8859-2.
const CENTRAL: u16 = 2;
/// A letter of the judge's words that windows-1252 lacks.
const OUTSIDE_1252: u16 = 4;
/// A Cyrillic letter.
const CYRILLIC: u16 = 8;
/// An upper-case letter.
const UPPER: u16 = 16;
/// A sign that is not common punctuation ([`odd_sign`]).
const ODD: u16 = 32;
/// Box drawing and blocks.
const BOX: u16 = 64;
/// A CJK character.
const IDEOGRAPH: u16 = 128;
/// A lower-case letter.
const LOWER: u16 = 256;

/// Code points below this have their class in a table.
const TABLE_END: u32 = 0x2600;

/// What the gate needs to know of `c`, as bits.
fn class_of(c: char) -> u16 {
    static TABLE: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    if (c as u32) < TABLE_END {
        let table = TABLE.get_or_init(|| {
            (0..TABLE_END)
                .map(|n| char::from_u32(n).map_or(0, compute_class))
                .collect()
        });
        table[c as usize]
    } else {
        compute_class(c)
    }
}

fn compute_class(c: char) -> u16 {
    if c.is_ascii() {
        return 0;
    }
    let mut class = 0;
    let byte = latin_byte_quick(c);
    if c != '\u{A0}' && byte.is_some() {
        class |= HIGH;
        if central_differs(c) {
            class |= CENTRAL;
        }
    }
    if byte.is_none() && is_word_char(c) {
        class |= OUTSIDE_1252;
    }
    if is_cyrillic_letter(c) {
        class |= CYRILLIC;
    }
    if c.is_uppercase() {
        class |= UPPER;
    }
    if c.is_lowercase() {
        class |= LOWER;
    }
    if odd_sign(c) {
        class |= ODD;
    }
    if ('\u{2500}'..='\u{25A0}').contains(&c) {
        class |= BOX;
    }
    if is_ideograph(c) {
        class |= IDEOGRAPH;
    }
    class
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
