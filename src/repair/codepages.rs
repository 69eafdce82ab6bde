//! The single-byte code pages that UTF-8 text is wrongly read with, as byte ↔ character tables.
//!
//! windows-125x and ISO-8859-2 come from encoding_rs. The "sloppy" windows code pages map their
//! undefined bytes to the C1 control of the same value (as Windows and browsers do) and byte
//! 0x1A to U+FFFD, so that text where bytes were lost to U+FFFD can still be encoded. Latin-1
//! proper, MacRoman and cp437 are not in encoding_rs: their tables are data files
//! (`data/codepage-*.txt`) generated from Python's codecs by `scripts/gen_repair_data.py`.

use std::collections::HashMap;
use std::sync::OnceLock;

/// One single-byte code page.
pub struct CodePage {
    /// Its name in plans and reports, e.g. `windows-1252`.
    pub name: &'static str,
    /// Undefined bytes pass through as C1 controls and U+FFFD encodes as 0x1A.
    pub sloppy: bool,
    /// The characters of bytes 0x80–0xFF.
    pub high: [char; 128],
    /// Byte of each code point below [`DIRECT`] (0: not in the code page; an array, so that
    /// a look-up of a code point known to be below `DIRECT` needs no bounds check).
    direct: Box<[u8; DIRECT as usize]>,
    /// Bytes of the characters at or above [`DIRECT`].
    encode: HashMap<char, u8>,
}

/// Code points below this are encoded through a direct table.
const DIRECT: u32 = 0x2600;

impl CodePage {
    fn new(name: &'static str, sloppy: bool, high: [char; 128]) -> CodePage {
        let mut encode = HashMap::new();
        let mut direct = Box::new([0u8; DIRECT as usize]);
        for b in 0..0x80u8 {
            direct[b as usize] = b;
        }
        for (i, &c) in high.iter().enumerate() {
            let b = 0x80 + i as u8;
            if (c as u32) < DIRECT {
                if direct[c as usize] == 0 || (c as u32) < 0x80 {
                    direct[c as usize] = b;
                }
            } else {
                encode.entry(c).or_insert(b);
            }
        }
        if sloppy {
            encode.insert('\u{FFFD}', 0x1A);
        }
        CodePage {
            name,
            sloppy,
            high,
            direct,
            encode,
        }
    }

    /// The byte `c` is encoded as, if the code page has it (ASCII except 0x1A maps to itself).
    ///
    /// ```
    /// use textmend::repair::codepages::code_page;
    /// let cp = code_page("windows-1252").unwrap();
    /// assert_eq!(cp.byte('€'), Some(0x80));
    /// assert_eq!(cp.byte('\u{81}'), Some(0x81)); // undefined byte, sloppy
    /// assert_eq!(cp.byte('中'), None);
    /// ```
    #[inline]
    pub fn byte(&self, c: char) -> Option<u8> {
        let cp = c as u32;
        if cp < 0x80 {
            return (c != '\u{1A}').then_some(c as u8);
        }
        Some(self.high_byte(cp)).filter(|&b| b != 0)
    }

    /// True when `text` encoded in this code page is valid UTF-8 with at least one multi-byte
    /// sequence (a quick check, without allocating, before a full decoding).
    pub fn reads_as_utf8(&self, text: &str) -> bool {
        self.reads_as_utf8_with::<false>(text, &mut false)
    }

    /// [`CodePage::reads_as_utf8`], and else whether it would with each space where a
    /// continuation byte is due taken for an A0 byte (a no-break space made plain: what
    /// ftfy's `restore_byte_a0` needs to find before it can make the bytes UTF-8), in one walk:
    /// `Some(false)` when the text reads plainly, `Some(true)` when only so, `None` when not.
    ///
    /// ```
    /// use textmend::repair::codepages::code_page;
    /// let cp = code_page("windows-1251").unwrap();
    /// assert_eq!(cp.reads_as_utf8_how("sur le mГ©dicament"), Some(false));
    /// assert_eq!(cp.reads_as_utf8_how("allГ© Г la plage"), Some(true));
    /// assert_eq!(cp.reads_as_utf8_how("Привет Г мир"), None);
    /// ```
    pub fn reads_as_utf8_how(&self, text: &str) -> Option<bool> {
        let mut spaces = false;
        self.reads_as_utf8_with::<true>(text, &mut spaces)
            .then_some(spaces)
    }

    /// The walk of [`CodePage::reads_as_utf8`]; with `A0`, a space where a continuation byte is
    /// due counts as A0 and sets `spaces`.
    fn reads_as_utf8_with<const A0: bool>(&self, text: &str, spaces: &mut bool) -> bool {
        // (Walked by bytes: each character outside ASCII decoded here and looked up in the
        // direct table, without going through `chars` and `byte`.)
        let bytes = text.as_bytes();
        let mut need = 0u8; // continuation bytes still expected
        let mut sequences = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = if bytes[i] < 0x80 {
                let b = bytes[i];
                i += 1;
                if b == 0x1A {
                    return false;
                }
                if A0 && b == b' ' && need > 0 {
                    *spaces = true;
                    0xA0
                } else {
                    b
                }
            } else {
                let (b, len) = self.byte_at(text, i);
                i += len;
                if b == 0 {
                    return false;
                }
                b
            };
            if !utf8_step(&mut need, &mut sequences, b) {
                return false;
            }
        }
        need == 0 && sequences > 0
    }

    /// [`CodePage::reads_as_utf8`] of the run of characters outside ASCII that starts at byte
    /// `start` of `text` (the run found as it is walked): the offset where the run ends when it
    /// reads as UTF-8, else `None`.
    ///
    /// ```
    /// use textmend::repair::codepages::code_page;
    /// let cp = code_page("windows-1252").unwrap();
    /// assert_eq!(cp.run_reads_as_utf8("caf\u{c3}\u{a9} au lait", 3), Some(7));
    /// assert_eq!(cp.run_reads_as_utf8("cr\u{e8}me", 2), None); // one byte, no sequence
    /// ```
    pub fn run_reads_as_utf8(&self, text: &str, start: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        let mut need = 0u8;
        let mut sequences = 0;
        let mut i = start;
        while i < bytes.len() && bytes[i] >= 0x80 {
            let (b, len) = self.byte_at(text, i);
            i += len;
            if b == 0 || !utf8_step(&mut need, &mut sequences, b) {
                return None;
            }
        }
        (need == 0 && sequences > 0).then_some(i)
    }

    /// The byte of code point `cp` (outside ASCII), or 0 when the page lacks it.
    #[inline]
    fn high_byte(&self, cp: u32) -> u8 {
        if cp < DIRECT {
            self.direct[cp as usize]
        } else {
            char::from_u32(cp)
                .and_then(|c| self.encode.get(&c).copied())
                .unwrap_or(0)
        }
    }

    /// The character of byte `b`.
    #[inline]
    pub fn char(&self, b: u8) -> char {
        if b < 0x80 {
            if b == 0x1A && self.sloppy {
                '\u{FFFD}'
            } else {
                b as char
            }
        } else {
            self.high[(b - 0x80) as usize]
        }
    }

    /// Encode `text`, or `None` if a character is not in the code page.
    pub fn encode(&self, text: &str) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(text.len());
        self.encode_into(text, &mut out).then_some(out)
    }

    /// Encode `text` into `out` (cleared first); false if a character is not in the code page.
    ///
    /// Runs of ASCII are copied as they are, and each other character is one table lookup
    /// (every character takes at most the bytes it had in UTF-8, so `out` is sized once).
    pub fn encode_into(&self, text: &str, out: &mut Vec<u8>) -> bool {
        let bytes = text.as_bytes();
        out.clear();
        out.reserve(bytes.len());
        // (`n <= i < bytes.len()`: each character gives one byte and takes at least one; the
        // slice's length is known to the loop, so the writes need no checks. The room is
        // written, not zeroed first.)
        let buf = &mut out.spare_capacity_mut()[..bytes.len()];
        let mut n = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if b == 0x1A {
                    return false;
                }
                // The run of ASCII characters from `i` (each its own byte), copied as it is.
                let end = plain_ascii_end(bytes, i);
                buf[n..n + (end - i)].write_copy_of_slice(&bytes[i..end]);
                n += end - i;
                i = end;
                continue;
            }
            let (byte, len) = self.byte_at(text, i);
            if byte == 0 {
                return false;
            }
            buf[n.min(i)].write(byte);
            n += 1;
            i += len;
        }
        // SAFETY: the first `n` bytes of the room were written above, in order.
        unsafe { out.set_len(n) };
        true
    }
}

impl CodePage {
    /// The byte of the character outside ASCII that starts at byte `i` of `text` (0 when the
    /// code page lacks it), and the character's length: one step of
    /// [`CodePage::encode_into`], for a walk that encodes as it goes.
    #[inline(always)]
    pub(crate) fn byte_at(&self, text: &str, i: usize) -> (u8, usize) {
        let (c, len) = decode_at(text, i);
        (self.high_byte(c), len)
    }
}

fn from_encoding_rs(enc: &'static encoding_rs::Encoding) -> [char; 128] {
    let mut high = ['\0'; 128];
    for (i, slot) in high.iter_mut().enumerate() {
        let b = 0x80 + i as u8;
        let buf = [b];
        let (s, bad) = enc.decode_without_bom_handling(&buf);
        *slot = if bad {
            // Undefined: the C1 control of the same value, as Windows and browsers decode it.
            char::from_u32(b as u32).unwrap()
        } else {
            s.chars().next().unwrap()
        };
    }
    high
}

fn from_data(text: &str) -> [char; 128] {
    let mut high = ['\0'; 128];
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let (b, c) = line.split_once('\t').expect("codepage table: tab");
        let b = u8::from_str_radix(b, 16).expect("codepage table: byte");
        let c = char::from_u32(u32::from_str_radix(c, 16).expect("codepage table: char")).unwrap();
        high[(b - 0x80) as usize] = c;
    }
    high
}

/// The code pages tried, in order (ftfy's order: the most common mix-ups first).
pub fn code_pages() -> &'static [CodePage] {
    static PAGES: OnceLock<Vec<CodePage>> = OnceLock::new();
    PAGES.get_or_init(|| {
        use encoding_rs::*;
        vec![
            CodePage::new(
                "latin-1",
                false,
                from_data(include_str!("../../data/codepage-latin-1.txt")),
            ),
            CodePage::new("windows-1252", true, from_encoding_rs(WINDOWS_1252)),
            CodePage::new("windows-1251", true, from_encoding_rs(WINDOWS_1251)),
            CodePage::new("windows-1250", true, from_encoding_rs(WINDOWS_1250)),
            CodePage::new("windows-1253", true, from_encoding_rs(WINDOWS_1253)),
            CodePage::new("windows-1254", true, from_encoding_rs(WINDOWS_1254)),
            CodePage::new("windows-1257", true, from_encoding_rs(WINDOWS_1257)),
            CodePage::new("iso-8859-2", false, from_encoding_rs(ISO_8859_2)),
            CodePage::new(
                "macroman",
                false,
                from_data(include_str!("../../data/codepage-macroman.txt")),
            ),
            CodePage::new(
                "cp437",
                false,
                from_data(include_str!("../../data/codepage-cp437.txt")),
            ),
        ]
    })
}

/// The code pages that can encode every character of `text`, as a bit set (bit `i`: the page
/// at index `i` of [`code_pages`]), found in one pass over the text instead of one per page.
///
/// ```
/// use textmend::repair::codepages::{code_pages, encodable};
/// let set = encodable("cafÃ©");
/// for (i, cp) in code_pages().iter().enumerate() {
///     assert_eq!(set & (1 << i) != 0, cp.encode("cafÃ©").is_some(), "{}", cp.name);
/// }
/// ```
pub fn encodable(text: &str) -> u32 {
    alike(text).set
}

/// The code pages that can encode every character of `text` ([`encodable`]'s set), and which
/// of them encode it to the same bytes: bit `i` of field `j` (10 bits each, see
/// [`Alike::same`]) is set when page `i` gives every character the byte page `j` gives it. Found
/// in the same one pass, so that a page whose bytes an earlier page gave already need not
/// encode the text again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alike {
    /// Bit `i`: the page at index `i` of [`code_pages`] can encode the text.
    pub set: u32,
    /// Field `j` (bits `10 * j..10 * j + 10`): the pages with page `j`'s bytes.
    fields: u128,
}

impl Alike {
    /// True when pages `i` and `j` (both in [`Alike::set`]) encode the text to the same bytes.
    ///
    /// ```
    /// use textmend::repair::codepages::{alike, code_pages};
    /// let a = alike("cafÃ©");
    /// let pages = code_pages();
    /// for i in 0..pages.len() {
    ///     for j in 0..pages.len() {
    ///         if a.set & (1 << i) != 0 && a.set & (1 << j) != 0 {
    ///             assert_eq!(a.same(i, j), pages[i].encode("cafÃ©") == pages[j].encode("cafÃ©"));
    ///         }
    ///     }
    /// }
    /// ```
    pub fn same(&self, i: usize, j: usize) -> bool {
        self.fields >> (10 * j + i) & 1 != 0
    }
}

/// The [`Alike`] of `text`: [`encodable`], and which pages encode it alike.
///
/// One table gives each character's fields and set together: the fields take bits 0–99, the
/// set of pages that have the character bits 100–109 ([`SET_SHIFT`]), so that one AND a
/// character does the work of both. A set that became empty stays empty, so the walk looks
/// for it only at the end of each run of characters outside ASCII and at the end of the text.
pub fn alike(text: &str) -> Alike {
    alike_walk(text, false)
}

/// [`alike`], except that once the pages left after a run of characters outside ASCII are one
/// page or none, the walk stops there: a set that holds every page that can encode `text`,
/// and exactly those when it holds two or more; a single page it holds may fail to encode the
/// rest of the text. For a caller that encodes the pages of the set in turn (an encoding that
/// fails tells it the rest), and asks [`Alike::same`] only of two pages of the set, this is
/// `alike`, without the walk over the rest of a line that one page alone can still explain.
pub(crate) fn alike_or_one(text: &str) -> Alike {
    alike_walk(text, true)
}

/// [`alike`], or with `one_is_enough` [`alike_or_one`].
#[inline(always)]
fn alike_walk(text: &str, one_is_enough: bool) -> Alike {
    // (The table is an array over the code points below `DIRECT`, so that a look-up of one
    // known to be below it needs no bounds check; the entries of ASCII are not used.)
    static TABLE: OnceLock<Box<[u128; DIRECT as usize]>> = OnceLock::new();
    let pages = code_pages();
    let fields_of = |byte: &dyn Fn(&CodePage) -> Option<u8>| {
        let mut fields = 0u128;
        for (j, pj) in pages.iter().enumerate() {
            let Some(bj) = byte(pj) else { continue };
            for (i, pi) in pages.iter().enumerate() {
                if byte(pi) == Some(bj) {
                    fields |= 1 << (10 * j + i);
                }
            }
        }
        fields
    };
    // The set of the pages that have code point `cp` ([`pages_having`]), in the entry's set
    // bits.
    let sets = page_sets();
    let set_of = |cp: u32| u128::from(pages_having(sets, cp)) << SET_SHIFT;
    let table = TABLE.get_or_init(|| {
        // (Ten bits a page: `same` would need wider fields for more pages.)
        assert!(pages.len() <= 10, "Alike holds ten code pages");
        let mut table = Box::new([0u128; DIRECT as usize]);
        for c in 0x80..DIRECT {
            let byte = |p: &CodePage| Some(p.direct[c as usize]).filter(|&b| b != 0);
            table[c as usize] = fields_of(&byte) | set_of(c);
        }
        table
    });
    const NONE: Alike = Alike { set: 0, fields: 0 };
    // The fields and the set, ANDed over the characters outside ASCII (all ones before the
    // first).
    let mut both = !0u128;
    let no_set = |both: u128| both >> SET_SHIFT & ((1 << pages.len()) - 1) == 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b == 0x1A || no_set(both) {
                return NONE;
            }
            if one_is_enough && both != !0 {
                let set = (both >> SET_SHIFT) as u32 & ((1 << pages.len()) - 1);
                if set & (set - 1) == 0 {
                    // One page left (the set is not empty here).
                    return Alike {
                        set,
                        fields: both & ((1 << SET_SHIFT) - 1),
                    };
                }
            }
            i = plain_ascii_end(bytes, i);
            continue;
        }
        let (cp, len) = decode_at(text, i);
        if cp < DIRECT {
            both &= table[cp as usize];
        } else {
            let c = text[i..].chars().next().expect("a character");
            let byte = |p: &CodePage| p.encode.get(&c).copied();
            both &= fields_of(&byte) | set_of(c as u32);
        }
        i += len;
    }
    if no_set(both) {
        return NONE;
    }
    Alike {
        set: (both >> SET_SHIFT) as u32 & ((1 << pages.len()) - 1),
        // (As the fields alone were: all ones for a text of ASCII, else the fields' bits.)
        fields: if both == !0 {
            !0
        } else {
            both & ((1 << SET_SHIFT) - 1)
        },
    }
}

/// The set of the code pages that have each character below [`DIRECT`] (outside ASCII; the
/// entries of ASCII are not used): bit `i` for the page at index `i` of [`code_pages`], as
/// [`CodePage::encode_into`] finds it. For a walk over a text's characters that already looks
/// each one up, so that the pages able to encode the whole text come without encoding it.
pub(crate) fn page_sets() -> &'static [u16; DIRECT as usize] {
    static TABLE: OnceLock<Box<[u16; DIRECT as usize]>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let pages = code_pages();
        assert!(pages.len() <= 16, "a page set holds sixteen code pages");
        let mut table = Box::new([0u16; DIRECT as usize]);
        for (c, set) in table.iter_mut().enumerate().skip(0x80) {
            for (i, p) in pages.iter().enumerate() {
                if p.direct[c] != 0 {
                    *set |= 1 << i;
                }
            }
        }
        table
    })
}

/// [`page_sets`]'s entry of any character outside ASCII: the pages that have code point `cp`
/// (looked up page by page at or above [`DIRECT`], where few characters are in any page).
#[inline(always)]
pub(crate) fn pages_having(sets: &[u16; DIRECT as usize], cp: u32) -> u16 {
    if cp < DIRECT {
        sets[cp as usize]
    } else {
        pages_having_rare(cp)
    }
}

/// [`pages_having`] of a code point at or above [`DIRECT`].
#[cold]
fn pages_having_rare(cp: u32) -> u16 {
    let Some(c) = char::from_u32(cp) else {
        return 0;
    };
    code_pages()
        .iter()
        .enumerate()
        .filter(|(_, p)| p.encode.contains_key(&c))
        .fold(0, |set, (i, _)| set | 1 << i)
}

/// Where an entry of [`alike`]'s table holds the set of the pages that have its character:
/// above the ten fields of ten bits.
const SET_SHIFT: u32 = 100;

/// One byte of [`CodePage::reads_as_utf8`]'s check: `need` continuation bytes are still
/// expected and `sequences` multi-byte sequences have begun; false when `b` cannot come next in
/// UTF-8 (that check's loose form: lead bytes C2–F4, any continuation byte after them).
#[inline]
fn utf8_step(need: &mut u8, sequences: &mut usize, b: u8) -> bool {
    if *need > 0 {
        *need -= 1;
        return (0x80..=0xBF).contains(&b);
    }
    *need = match b {
        0x00..=0x7F => 0,
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => return false,
    };
    *sequences += usize::from(*need > 0);
    true
}

/// The character at byte `i` of `text`, a character boundary where a character outside ASCII
/// starts: its code point and length. (`fastpath::decode` for `str`s: the string's bytes are
/// UTF-8, so the sequence's continuation bytes are there and are read without bounds checks,
/// which the two walks over every character of a damaged line, [`alike`] and
/// [`CodePage::encode_into`], pay for each.)
#[inline(always)]
fn decode_at(text: &str, i: usize) -> (u32, usize) {
    let b = text.as_bytes();
    debug_assert!(text.is_char_boundary(i) && b[i] >= 0x80);
    // SAFETY: `text` is UTF-8 and a character of two, three or four bytes (lead byte 0xC2–0xDF,
    // 0xE0–0xEF, 0xF0–0xF4) starts at `i`, so `i + 1`, `i + 2`, `i + 3` are inside `b` where
    // they are read.
    unsafe {
        let b0 = u32::from(*b.get_unchecked(i));
        let b1 = u32::from(*b.get_unchecked(i + 1)) & 0x3F;
        if b0 < 0xE0 {
            (((b0 & 0x1F) << 6) | b1, 2)
        } else if b0 < 0xF0 {
            let b2 = u32::from(*b.get_unchecked(i + 2)) & 0x3F;
            (((b0 & 0x0F) << 12) | (b1 << 6) | b2, 3)
        } else {
            let b2 = u32::from(*b.get_unchecked(i + 2)) & 0x3F;
            let b3 = u32::from(*b.get_unchecked(i + 3)) & 0x3F;
            (((b0 & 0x07) << 18) | (b1 << 12) | (b2 << 6) | b3, 4)
        }
    }
}

/// The end of the run of ASCII bytes other than 0x1A (which no code page here encodes as
/// itself) that starts at `i` of `bytes`: the index of the first byte at or above 0x80, or
/// 0x1A, or `bytes.len()`. Eight bytes at a time where it can.
#[inline(always)]
pub(crate) fn plain_ascii_end(bytes: &[u8], mut i: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    while i + 8 <= bytes.len() {
        let word = u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap());
        // A byte 0x1A in the word is a zero byte of `word ^ 0x1A1A..` (the classic test,
        // exact when no byte of `word` is 0x80 or above, checked together).
        let sub = word ^ (0x1A * ONES);
        if (word | (sub.wrapping_sub(ONES) & !sub)) & HIGH != 0 {
            break;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i] < 0x80 && bytes[i] != 0x1A {
        i += 1;
    }
    i
}

/// The code page called `name`.
pub fn code_page(name: &str) -> Option<&'static CodePage> {
    code_pages().iter().find(|c| c.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`CodePage::reads_as_utf8`] as first written: each character through `chars` and `byte`.
    fn reads_as_utf8_reference(cp: &CodePage, text: &str) -> bool {
        let mut need = 0u8;
        let mut sequences = 0;
        for c in text.chars() {
            let Some(b) = cp.byte(c) else {
                return false;
            };
            if !utf8_step(&mut need, &mut sequences, b) {
                return false;
            }
        }
        need == 0 && sequences > 0
    }

    /// The walk by bytes answers as the walk by characters, for every code page, on the
    /// corpus's intact and damaged fields (each also read once more as windows-1252), their
    /// runs of characters outside ASCII (what the legacy pass asks about), and strings made of
    /// the code pages' own characters, ASCII, U+001A, U+FFFD and characters of no page.
    #[test]
    fn reads_as_utf8_answers_as_first_written() {
        let mut texts: Vec<String> = Vec::new();
        for file in ["intact.jsonl", "damaged.jsonl"] {
            let path = format!("{}/tests/data/corpus/{file}", env!("CARGO_MANIFEST_DIR"));
            for line in std::fs::read_to_string(path).unwrap().lines() {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                for field in v.as_object().unwrap().values() {
                    if let Some(t) = field.as_str() {
                        texts.push(t.to_string());
                        let (again, _) =
                            encoding_rs::WINDOWS_1252.decode_without_bom_handling(t.as_bytes());
                        texts.push(again.into_owned());
                    }
                }
            }
        }
        let runs: Vec<String> = texts
            .iter()
            .flat_map(|t| t.split(|c: char| c.is_ascii()).filter(|r| !r.is_empty()))
            .map(str::to_string)
            .collect();
        texts.extend(runs);
        let mut pool: Vec<char> = code_pages().iter().flat_map(|p| p.high).collect();
        pool.extend(['a', ' ', '\u{1A}', '\u{FFFD}', '中', '😀', '\u{2603}']);
        let mut rng = crate::test_rng::Rng::new(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let seed = rng.next_u64();
            let len = (seed % 9) as usize;
            texts.push(
                (0..len)
                    .map(|k| pool[(seed >> (8 + 5 * k)) as usize % pool.len()])
                    .collect(),
            );
        }
        let mut yes = 0;
        for cp in code_pages() {
            for t in &texts {
                let answer = cp.reads_as_utf8(t);
                assert_eq!(answer, reads_as_utf8_reference(cp, t), "{} {t:?}", cp.name);
                yes += usize::from(answer);
            }
        }
        assert!(yes > 10_000, "too few texts read as UTF-8: {yes}");
    }

    #[test]
    fn every_code_page_round_trips_its_bytes() {
        for cp in code_pages() {
            for b in 0x80..=0xFFu8 {
                assert_eq!(cp.byte(cp.char(b)), Some(b), "{} {b:02X}", cp.name);
            }
        }
    }

    #[test]
    fn encodable_and_encode_agree_with_the_byte_table() {
        // ASCII runs of every length, with 0x1A and other characters at every offset.
        let base = "The quick brown fox jumps over the lazy dog, 0123456789.";
        for cut in 0..base.len() {
            for insert in ["", "\u{1A}", "é", "€", "中", "\u{FFFD}"] {
                let text = format!("{}{insert}{}", &base[..cut], &base[cut..]);
                let expect_set = code_pages()
                    .iter()
                    .enumerate()
                    .filter(|(_, cp)| text.chars().all(|c| cp.byte(c).is_some()))
                    .fold(0, |m, (i, _)| m | 1 << i);
                assert_eq!(encodable(&text), expect_set, "{text:?}");
                for cp in code_pages() {
                    let expect: Option<Vec<u8>> = text.chars().map(|c| cp.byte(c)).collect();
                    assert_eq!(cp.encode(&text), expect, "{} {text:?}", cp.name);
                }
            }
        }
    }

    /// Every character of the code pages' upper halves, and three that no page has (one
    /// above the direct table): the characters the `alike` tests pair.
    fn upper_halves_and_beyond() -> Vec<char> {
        let mut chars: Vec<char> = code_pages().iter().flat_map(|cp| cp.high).collect();
        chars.extend(['\u{FFFD}', '\u{FB01}', '中']);
        chars.sort_unstable();
        chars.dedup();
        chars
    }

    #[test]
    fn alike_pages_encode_to_the_same_bytes() {
        // Every pair of characters of the code pages' upper halves (and one above the direct
        // table), with ASCII around: `same` must say exactly which pages give equal bytes.
        let chars = upper_halves_and_beyond();
        for (k, &a) in chars.iter().enumerate() {
            for &b in chars.iter().skip(k % 7).step_by(7) {
                let text = format!("x{a} {b}y");
                let got = alike(&text);
                assert_eq!(got.set, encodable(&text));
                let encoded: Vec<Option<Vec<u8>>> =
                    code_pages().iter().map(|cp| cp.encode(&text)).collect();
                for i in 0..encoded.len() {
                    assert_eq!(got.set & (1 << i) != 0, encoded[i].is_some(), "{text:?}");
                    for j in 0..encoded.len() {
                        if encoded[i].is_some() && encoded[j].is_some() {
                            assert_eq!(
                                got.same(i, j),
                                encoded[i] == encoded[j],
                                "{text:?} {i} {j}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn alike_or_one_is_alike_until_one_page_is_left() {
        // Pairs of characters of the code pages' upper halves in two words, with ASCII after:
        // the set is `alike`'s where it holds two pages or more (and then the same pages give
        // the same bytes), else at most one page, one that `alike`'s set is part of.
        let chars = upper_halves_and_beyond();
        let mut stopped = 0;
        for (k, &a) in chars.iter().enumerate() {
            for &b in chars.iter().skip(k % 5).step_by(5) {
                for text in [format!("x{a} {b}y"), format!("{a}{b} {a} z\u{1A}")] {
                    let (full, quick) = (alike(&text), alike_or_one(&text));
                    if full.set.count_ones() >= 2 {
                        assert_eq!(quick, full, "{text:?}");
                    } else {
                        assert!(quick.set.count_ones() <= 1, "{text:?}");
                        assert_eq!(quick.set & full.set, full.set, "{text:?}");
                        stopped += usize::from(quick != full);
                    }
                }
            }
        }
        // (The walk does stop early: a page that has `a` but not `b`.)
        assert!(stopped > 1000, "{stopped}");
    }

    #[test]
    fn tables_match_known_characters() {
        assert_eq!(code_page("macroman").unwrap().char(0x8E), 'é');
        assert_eq!(code_page("cp437").unwrap().char(0xC9), '╔');
        assert_eq!(code_page("windows-1251").unwrap().char(0xD0), 'Р');
        assert_eq!(code_page("latin-1").unwrap().char(0x85), '\u{85}');
        assert_eq!(code_page("iso-8859-2").unwrap().char(0xA1), 'Ą');
    }
}
