//! Byte-level scans that let clean text through without looking at it character by character.
//!
//! ASCII is skipped eight bytes at a time; of the other characters, only those that can start a
//! suspicious pair (Latin-1, Latin Extended, Greek, Cyrillic, punctuation, box drawing...) are
//! looked up. CJK, Indic, Thai, Hebrew, Arabic text and emoji are skipped by their lead byte.

use super::badness::{Pairs, TABLE_END};

const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Decode the character at `i` of valid UTF-8 `b`: its code point and length.
#[inline(always)]
fn decode(b: &[u8], i: usize) -> (u32, usize) {
    let b0 = b[i] as u32;
    if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F), 2)
    } else if b0 < 0xF0 {
        (
            ((b0 & 0x0F) << 12) | ((b[i + 1] as u32 & 0x3F) << 6) | (b[i + 2] as u32 & 0x3F),
            3,
        )
    } else {
        (
            ((b0 & 0x07) << 18)
                | ((b[i + 1] as u32 & 0x3F) << 12)
                | ((b[i + 2] as u32 & 0x3F) << 6)
                | (b[i + 3] as u32 & 0x3F),
            4,
        )
    }
}

/// The byte offset of the first character of `bytes` (valid UTF-8) that starts a suspicious
/// pair or is a C1 control, or `None` when the text cannot match any badness rule.
///
/// ```
/// use textmend::repair::{badness::Pairs, fastpath::first_suspicious};
/// let p = Pairs::get();
/// assert_eq!(first_suspicious("中文 русский café".as_bytes(), p), None);
/// assert_eq!(first_suspicious("ok cafÃ©".as_bytes(), p), Some(6));
/// ```
pub fn first_suspicious(bytes: &[u8], pairs: &Pairs) -> Option<usize> {
    let n = bytes.len();
    let mut i = 0;
    let mut prev_first = 0u64;
    let mut prev_pos = 0;
    while i < n {
        let b = bytes[i];
        if b < 0x80 {
            if prev_first != 0 && prev_first & pairs.second_ascii(b) != 0 {
                return Some(prev_pos);
            }
            prev_first = 0;
            i += 1;
            while i + 8 <= n {
                let w = u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap());
                if w & HIGH_BITS != 0 {
                    break;
                }
                i += 8;
            }
            while i < n && bytes[i] < 0x80 {
                i += 1;
            }
            continue;
        }
        if prev_first == 0 && (0xE3..=0xEE).contains(&b) {
            // U+3000–U+EFFF: CJK, Hangul... neither start nor first of a pair.
            i += 3;
            continue;
        }
        if prev_first == 0 && b >= 0xF0 {
            i += 4;
            continue;
        }
        let (cp, len) = decode(bytes, i);
        if prev_first != 0 && prev_first & pairs.second_cp(cp) != 0 {
            return Some(prev_pos);
        }
        if (0x80..0xA0).contains(&cp) {
            return Some(i);
        }
        prev_first = pairs.first_cp(cp);
        prev_pos = i;
        i += len;
    }
    None
}

/// True when `bytes` holds one of the byte strings of `needles` (a small set of UTF-8
/// sequences of non-ASCII characters) or one of the ASCII bytes in `ascii`.
pub fn contains_any(bytes: &[u8], ascii: &[u8], needles: &[&str]) -> bool {
    if !ascii.is_empty() && bytes.iter().any(|b| ascii.contains(b)) {
        return true;
    }
    needles
        .iter()
        .any(|n| memchr::memmem::find(bytes, n.as_bytes()).is_some())
}

impl Pairs {
    /// First-role mask of code point `cp`.
    #[inline(always)]
    pub fn first_cp(&self, cp: u32) -> u64 {
        if cp < TABLE_END {
            self.first_table(cp)
        } else if cp < 0xF8FF {
            0
        } else {
            char::from_u32(cp).map_or(0, |c| self.first(c))
        }
    }

    /// Second-role mask of code point `cp`.
    #[inline(always)]
    pub fn second_cp(&self, cp: u32) -> u64 {
        if cp < TABLE_END {
            self.second_table(cp)
        } else {
            char::from_u32(cp).map_or(0, |c| self.second(c))
        }
    }

    /// Second-role mask of ASCII byte `b`.
    #[inline(always)]
    pub fn second_ascii(&self, b: u8) -> u64 {
        self.second_table(b as u32)
    }
}

/// What a quick look at a text found: which kinds of repair may have work to do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scan(u8);

impl Scan {
    /// An `&` (HTML character references may need decoding).
    pub const AMPERSAND: Scan = Scan(1);
    /// An ESC byte (terminal escapes).
    pub const ESCAPE: Scan = Scan(2);
    /// A pair of characters that a mojibake rule may match, or a C1 control.
    pub const MOJIBAKE: Scan = Scan(4);
    /// A C1 control.
    pub const C1: Scan = Scan(8);
    /// A control character, line break other than `\n`, ligature, fullwidth form, curly quote
    /// or a character that is not NFC-stable on its own.
    pub const SPECIAL: Scan = Scan(16);
    /// Everything: used for passes without a quick check of their own.
    pub const ALL: Scan = Scan(31);

    /// True when any flag of `other` is set in `self`.
    pub fn has(self, other: Scan) -> bool {
        self.0 & other.0 != 0
    }

    /// Look at `text` once, at byte speed for ASCII and table speed for the rest.
    ///
    /// ```
    /// use textmend::repair::fastpath::Scan;
    /// assert_eq!(Scan::of("Ελληνικά, русский, 中文, café, 😀"), Scan::default());
    /// assert!(Scan::of("cafÃ©").has(Scan::MOJIBAKE));
    /// assert!(Scan::of("cafe\u{301}").has(Scan::SPECIAL));
    /// assert!(Scan::of("a &amp; b").has(Scan::AMPERSAND));
    /// ```
    pub fn of(text: &str) -> Scan {
        let bytes = text.as_bytes();
        let pairs = Pairs::get();
        let special = special_bitmap();
        let n = bytes.len();
        let mut flags = 0u8;
        let mut i = 0;
        let mut prev_first = 0u64;
        while i < n {
            let b = bytes[i];
            if b < 0x80 {
                if prev_first != 0 && prev_first & pairs.second_ascii(b) != 0 {
                    flags |= Scan::MOJIBAKE.0;
                }
                prev_first = 0;
                flags |= ASCII_FLAGS[b as usize];
                i += 1;
                // Eight bytes at a time while they are ASCII without controls, `&` or DEL.
                while i + 8 <= n {
                    let w = u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap());
                    let control = w.wrapping_sub(0x2020_2020_2020_2020) & !w & HIGH_BITS;
                    let amp = (w ^ 0x2626_2626_2626_2626).wrapping_sub(0x0101_0101_0101_0101)
                        & !(w ^ 0x2626_2626_2626_2626)
                        & HIGH_BITS;
                    let del = (w ^ 0x7F7F_7F7F_7F7F_7F7F).wrapping_sub(0x0101_0101_0101_0101)
                        & !(w ^ 0x7F7F_7F7F_7F7F_7F7F)
                        & HIGH_BITS;
                    if (w & HIGH_BITS) | control | amp | del != 0 {
                        break;
                    }
                    i += 8;
                }
                continue;
            }
            let (cp, len) = decode(bytes, i);
            if prev_first != 0 && prev_first & pairs.second_cp(cp) != 0 {
                flags |= Scan::MOJIBAKE.0;
            }
            if cp < 0x10000 {
                if special[(cp >> 6) as usize] & (1 << (cp & 63)) != 0 {
                    flags |= Scan::SPECIAL.0;
                    if (0x80..0xA0).contains(&cp) {
                        flags |= Scan::C1.0 | Scan::MOJIBAKE.0;
                    }
                }
            } else if !is_nfc_stable(cp) {
                flags |= Scan::SPECIAL.0;
            }
            prev_first = pairs.first_cp(cp);
            i += len;
        }
        Scan(flags)
    }
}

/// Flags of each ASCII byte: controls other than tab and line feed, DEL, `&`, ESC.
const ASCII_FLAGS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 0x20 {
        if b != b'\t' as usize && b != b'\n' as usize {
            t[b] = Scan::SPECIAL.0;
        }
        b += 1;
    }
    t[0x1B] = Scan::SPECIAL.0 | Scan::ESCAPE.0;
    t[0x7F] = Scan::SPECIAL.0;
    t[b'&' as usize] = Scan::AMPERSAND.0;
    t
};

fn is_nfc_stable(cp: u32) -> bool {
    char::from_u32(cp).is_none_or(|c| {
        unicode_normalization::is_nfc_quick(std::iter::once(c))
            == unicode_normalization::IsNormalized::Yes
    })
}

/// One bit per BMP code point: C1 controls, line and paragraph separators, format controls
/// that are removed, ligatures, fullwidth and halfwidth forms, curly quotes, and characters
/// whose NFC quick check is not "yes".
fn special_bitmap() -> &'static [u64; 1024] {
    static MAP: std::sync::OnceLock<Box<[u64; 1024]>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = Box::new([0u64; 1024]);
        for cp in 0x80u32..0x10000 {
            let special = matches!(cp,
                0x80..=0x9F | 0x2028 | 0x2029 | 0x206A..=0x206F | 0xFEFF | 0xFFF9..=0xFFFC
                | 0x132 | 0x133 | 0x149 | 0x1C4..=0x1CC | 0x1F1..=0x1F3 | 0xFB00..=0xFB06
                | 0x3000 | 0xFF01..=0xFFEF | 0x2BC | 0x2018..=0x201F)
                || !is_nfc_stable(cp);
            if special {
                map[(cp >> 6) as usize] |= 1 << (cp & 63);
            }
        }
        map
    })
}
