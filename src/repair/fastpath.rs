//! Byte-level scans that let clean text through without looking at it character by character.
//!
//! ASCII is skipped eight bytes at a time; of the other characters, only those that can start a
//! suspicious pair (Latin-1, Latin Extended, Greek, Cyrillic, punctuation, box drawing...) are
//! looked up. CJK, Indic, Thai, Hebrew, Arabic text and emoji are skipped by their lead byte.

use super::badness::{Pairs, TABLE_END};
use super::codepages::{page_sets, pages_having};
use super::legacy::gate::{Gate, GateQuiet, Roles, SKIPPED, compute_class, roles};
#[cfg(target_arch = "x86_64")]
use super::quiet::Block;
use super::quiet::{Marks, Quiet, is_quiet_kind};

const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Skip whole 8-byte words of ASCII from `i`: the position of the first word holding a
/// non-ASCII byte (or of the last partial word).
pub(crate) fn skip_ascii_words(bytes: &[u8], mut i: usize) -> usize {
    while i + 8 <= bytes.len() {
        let w = u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap());
        if w & HIGH_BITS != 0 {
            break;
        }
        i += 8;
    }
    i
}

/// The position of the first byte of `bytes` outside ASCII from `from` on (`bytes.len()` for
/// none): whole eight-byte words of ASCII skipped at once, and the byte found in its word by
/// its high bit (the lowest set: the words are read little-endian).
pub(crate) fn next_non_ascii(bytes: &[u8], from: usize) -> usize {
    let mut i = from.min(bytes.len());
    while i + 8 <= bytes.len() {
        let w = u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap());
        let high = w & HIGH_BITS;
        if high != 0 {
            return i + (high.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i] < 0x80 {
        i += 1;
    }
    i
}

/// The position of the first ASCII byte of `bytes` from `from` on (`bytes.len()` for none):
/// [`next_non_ascii`] with the high bits turned over, for the end of a run of characters
/// outside ASCII.
pub(crate) fn next_ascii(bytes: &[u8], from: usize) -> usize {
    let mut i = from.min(bytes.len());
    while i + 8 <= bytes.len() {
        let w = u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap());
        let low = !w & HIGH_BITS;
        if low != 0 {
            return i + (low.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i] >= 0x80 {
        i += 1;
    }
    i
}

/// Decode the character at `i` of valid UTF-8 `b`: its code point and length.
#[inline(always)]
pub(crate) fn decode(b: &[u8], i: usize) -> (u32, usize) {
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
            i = skip_ascii_words(bytes, i + 1);
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

/// [`pair_masks`] up to the first pair with a bit of `stop` or the first C1 control: the union
/// so far, whether a C1 control was seen, whether the walk reached the end (then the
/// union is [`pair_masks`]'s; else it is that of a prefix of `bytes`, which has a bit of
/// `stop` or a C1 control), and the code pages that have every character outside ASCII of
/// what was walked ([`pair_masks_and_pages`]).
// (Kept out of line: inlined into `Pairs::matched_until_bad`, its walk took about 2 M
// instructions more on the bench's clean corpus, the same source with other registers.)
#[inline(never)]
pub(crate) fn pair_masks_until(bytes: &[u8], pairs: &Pairs, stop: u64) -> (u64, bool, bool, u32) {
    pair_walk::<true>(bytes, pairs, stop)
}

/// The union of the masks of every adjacent pair of characters of `bytes` (valid UTF-8), and
/// whether it holds a C1 control: what [`Pairs::matched`] reports, at the scan's speed.
#[cfg(test)]
pub(crate) fn pair_masks(bytes: &[u8], pairs: &Pairs) -> (u64, bool) {
    let (found, c1, _) = pair_masks_and_pages(bytes, pairs);
    (found, c1)
}

/// [`pair_masks`], and the code pages that have every character of `bytes` outside ASCII
/// (bit `i`: the page at index `i` of [`code_pages`](super::codepages::code_pages); with no
/// byte 0x1A, the pages that can encode the text), found in the same walk.
pub(crate) fn pair_masks_and_pages(bytes: &[u8], pairs: &Pairs) -> (u64, bool, u32) {
    let (found, c1, _, pages) = pair_walk::<false>(bytes, pairs, 0);
    (found, c1, pages)
}

/// The walk of [`pair_masks`] (`UNTIL` false: to the end) and [`pair_masks_until`] (`UNTIL`
/// true: up to the first pair with a bit of `stop` or the first C1 control): the union of the
/// pairs' masks, whether a C1 control was seen, whether the walk reached the end, and the
/// pages that have every character outside ASCII walked (looked up while some are left).
#[inline(always)]
fn pair_walk<const UNTIL: bool>(bytes: &[u8], pairs: &Pairs, stop: u64) -> (u64, bool, bool, u32) {
    let t = tables();
    let two = two_byte_roles_and_pages();
    let sets = page_sets();
    let n = bytes.len();
    let mut i = 0;
    let mut prev_first = 0u64;
    let mut found = 0u64;
    let mut c1 = false;
    let mut pages = u16::MAX;
    let quiet = quiet_letters();
    while i < n {
        let b = bytes[i];
        if b < 0x80 {
            found |= prev_first & pairs.second_ascii(b);
            if UNTIL && found & stop != 0 {
                return (found, c1, false, u32::from(pages));
            }
            prev_first = 0;
            i = skip_ascii_words(bytes, i + 1);
            while i < n && bytes[i] < 0x80 {
                i += 1;
            }
            continue;
        }
        let (cp, len) = decode(bytes, i);
        i += len;
        if cp < 0x800 {
            // (Two-byte characters, U+0080 and above: one look-up.)
            let [first, second, set] = two[(cp as usize).wrapping_sub(0x80) & 0x7FF];
            pages &= set as u16;
            found |= prev_first & second;
            if cp < 0xA0 {
                if UNTIL {
                    return (found, true, false, u32::from(pages));
                }
                c1 = true;
            }
            prev_first = first;
            if cp.wrapping_sub(quiet.start) < quiet.len {
                // (A run of quiet letters adds no pair and no page after its first letter: only
                // its last letter's first role is carried on.)
                let end = quiet_run_end(bytes, i, quiet);
                if end != i {
                    prev_first = if bytes[end - 1] < 0x80 {
                        0
                    } else {
                        let (last, _) = decode(bytes, end - 2);
                        two[(last as usize).wrapping_sub(0x80) & 0x7FF][0]
                    };
                    i = end;
                }
            }
        } else {
            if pages != 0 {
                pages &= pages_having(sets, cp);
            }
            if cp < 0x10000 {
                let k = t.kind_of(cp);
                found |= prev_first & k.second;
                prev_first = k.first & !MARKS;
            } else {
                found |= prev_first & pairs.second_cp(cp);
                prev_first = pairs.first_cp(cp);
            }
        }
        if UNTIL && found & stop != 0 {
            return (found, c1, false, u32::from(pages));
        }
    }
    (found, c1, true, u32::from(pages))
}

/// A range of two-byte letters that the pair walk passes over in runs, with the ASCII
/// characters between them: no pair of two of the letters has a mask (no letter's first role
/// meets any letter's second role), no letter's first role meets the second role of one of the
/// ASCII characters, and every letter is in the same code pages. So after a run's first letter
/// the rest of the run changes nothing but the first role carried on (its last character's).
/// The basic Cyrillic letters (U+0410–U+044F), when the tables give them that property (else an
/// empty range).
#[derive(Clone, Copy)]
struct QuietLetters {
    /// The first code point.
    start: u32,
    /// How many (0: none).
    len: u32,
    /// The ASCII characters that may stand between the letters (bit `b` of word `b / 64`).
    ascii: [u64; 2],
    /// Whether runs may be looked at 16 bytes at a time ([`loud_in_block`]): the letters are
    /// U+0410–U+044F and every ASCII character may stand between them.
    blocks: bool,
}

/// The [`QuietLetters`] of the shared tables, checked once.
fn quiet_letters() -> QuietLetters {
    static QUIET: std::sync::OnceLock<QuietLetters> = std::sync::OnceLock::new();
    *QUIET.get_or_init(|| {
        let two = two_byte_roles_and_pages();
        let pairs = Pairs::get();
        let range = 0x410usize..0x450;
        let entries = || range.clone().map(|cp| two[cp - 0x80]);
        let firsts = entries().fold(0, |u, [first, _, _]| u | first);
        let seconds = entries().fold(0, |u, [_, second, _]| u | second);
        let set = two[range.start - 0x80][2];
        let quiet = firsts & seconds == 0 && entries().all(|[_, _, s]| s == set);
        let mut ascii = [0u64; 2];
        for b in 0..0x80u8 {
            if pairs.second_ascii(b) & firsts == 0 {
                ascii[usize::from(b >> 6)] |= 1 << (b & 63);
            }
        }
        QuietLetters {
            start: range.start as u32,
            len: if quiet { range.len() as u32 } else { 0 },
            ascii,
            blocks: quiet && ascii == [u64::MAX; 2],
        }
    })
}

/// Where the run of [`QuietLetters`] and the ASCII characters between them that starts at byte
/// `i` of `bytes` (valid UTF-8, `i` at a character's start) ends.
#[inline(always)]
fn quiet_run_end(bytes: &[u8], mut i: usize, quiet: QuietLetters) -> usize {
    #[cfg(target_arch = "x86_64")]
    if quiet.blocks {
        while i + 17 <= bytes.len() {
            let loud = loud_in_block(&bytes[i..i + 17]);
            if loud != 0 {
                // (A character that is not quiet starts there: every byte before it is
                // ASCII or part of a quiet letter.)
                return i + loud.trailing_zeros() as usize;
            }
            // (A lead byte last: its continuation byte, the seventeenth, is the letter's.)
            i += if bytes[i + 15] >= 0xC0 { 17 } else { 16 };
        }
    }
    while i < bytes.len() {
        let b0 = bytes[i];
        if b0 < 0x80 {
            if quiet.ascii[usize::from(b0 >> 6)] & (1 << (b0 & 63)) == 0 {
                break;
            }
            i += 1;
            continue;
        }
        if b0 & 0xE0 != 0xC0 {
            break;
        }
        let cp = ((u32::from(b0) & 0x1F) << 6) | (u32::from(bytes[i + 1]) & 0x3F);
        if cp.wrapping_sub(quiet.start) >= quiet.len {
            break;
        }
        i += 2;
    }
    i
}

/// Of the first 16 bytes of `block` (17 bytes of valid UTF-8, the first at a character's
/// start), the lead bytes of characters other than ASCII and the letters U+0410–U+044F
/// (`D0 90`–`D0 BF`, `D1 80`–`D1 8F`; bit `j`: byte `j`). (Continuation bytes are never set:
/// a lead byte of another character is.)
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn loud_in_block(block: &[u8]) -> u32 {
    use std::arch::x86_64::*;
    assert!(block.len() >= 17);
    // SAFETY: `block` holds 17 bytes or more: 16 are read from its first byte, 16 from its
    // second. (SSE2 is part of x86-64.)
    unsafe {
        let here = _mm_loadu_si128(block.as_ptr().cast());
        let next = _mm_loadu_si128(block.as_ptr().add(1).cast());
        // (Bytes as signed: 0x80 is -128, 0x8F -113, 0x90 -112, 0xBF -65.)
        let continuation = _mm_cmplt_epi8(here, _mm_set1_epi8(-64));
        let d0 = _mm_cmpeq_epi8(here, _mm_set1_epi8(0xD0u8 as i8));
        let d1 = _mm_cmpeq_epi8(here, _mm_set1_epi8(0xD1u8 as i8));
        let next_low = _mm_cmplt_epi8(next, _mm_set1_epi8(-112));
        let next_high = _mm_and_si128(
            _mm_cmpgt_epi8(next, _mm_set1_epi8(-113)),
            _mm_cmplt_epi8(next, _mm_set1_epi8(-64)),
        );
        let quiet = _mm_or_si128(
            continuation,
            _mm_or_si128(_mm_and_si128(d0, next_high), _mm_and_si128(d1, next_low)),
        );
        let high = _mm_movemask_epi8(here) as u32;
        high & !(_mm_movemask_epi8(quiet) as u32)
    }
}

/// The role masks of characters, as [`pair_masks`] looks them up, for a walk that has the
/// characters decoded already ([`PairWalk`]).
#[derive(Clone, Copy)]
pub(crate) struct PairRoles {
    pairs: &'static Pairs,
    tables: &'static Tables,
    two: &'static [[u64; 2]; 0x800],
}

impl PairRoles {
    /// The shared tables.
    pub(crate) fn get() -> PairRoles {
        PairRoles {
            pairs: Pairs::get(),
            tables: tables(),
            two: two_byte_roles(),
        }
    }
}

/// [`pair_masks`] of a text walked one character at a time by a caller that decodes it anyway:
/// the union of the masks of its adjacent pairs and whether it holds a C1 control.
#[derive(Default)]
pub(crate) struct PairWalk {
    prev_first: u64,
    found: u64,
    c1: bool,
}

impl PairWalk {
    /// The next character is ASCII byte `b`.
    #[inline(always)]
    pub(crate) fn ascii(&mut self, b: u8, r: PairRoles) {
        if self.prev_first != 0 {
            self.found |= self.prev_first & r.pairs.second_ascii(b);
            self.prev_first = 0;
        }
    }

    /// The next character is `cp`, outside ASCII.
    #[inline(always)]
    pub(crate) fn char(&mut self, cp: u32, r: PairRoles) {
        if cp < 0x800 {
            let [first, second] = r.two[(cp as usize).wrapping_sub(0x80) & 0x7FF];
            self.found |= self.prev_first & second;
            self.c1 |= cp < 0xA0;
            self.prev_first = first;
        } else if cp < 0x10000 {
            let k = r.tables.kind_of(cp);
            self.found |= self.prev_first & k.second;
            self.prev_first = k.first & !MARKS;
        } else {
            self.found |= self.prev_first & r.pairs.second_cp(cp);
            self.prev_first = r.pairs.first_cp(cp);
        }
    }

    /// True when the text walked holds no anchor pair and no C1 control (what
    /// [`Matched::is_empty`](super::badness::Matched::is_empty) says of it).
    pub(crate) fn is_empty(&self) -> bool {
        self.found == 0 && !self.c1
    }
}

/// The first-role and second-role masks of the two-byte characters (U+0080–U+07FF, from
/// U+0080 on; 2,048 entries, the last 128 unused), taken from the scan's kinds once.
fn two_byte_roles() -> &'static [[u64; 2]; 0x800] {
    static TWO: std::sync::OnceLock<Box<[[u64; 2]; 0x800]>> = std::sync::OnceLock::new();
    TWO.get_or_init(|| {
        let t = tables();
        let mut two = Box::new([[0u64; 2]; 0x800]);
        for cp in 0x80..0x800u32 {
            let k = t.kind_of(cp);
            two[cp as usize - 0x80] = [k.first & !MARKS, k.second & !MARKS];
        }
        two
    })
}

/// [`two_byte_roles`] with each character's [`page_sets`] entry as a third value, for
/// [`pair_walk`], which looks up all three of each character.
fn two_byte_roles_and_pages() -> &'static [[u64; 3]; 0x800] {
    static TWO: std::sync::OnceLock<Box<[[u64; 3]; 0x800]>> = std::sync::OnceLock::new();
    TWO.get_or_init(|| {
        let (two, sets) = (two_byte_roles(), page_sets());
        let mut three = Box::new([[0u64; 3]; 0x800]);
        for cp in 0x80..0x800usize {
            let [first, second] = two[cp - 0x80];
            three[cp - 0x80] = [first, second, u64::from(sets[cp])];
        }
        three
    })
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

/// What a quick look at a line found: which kinds of repair may have work to do in it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scan(u16);

impl Scan {
    /// An `&` (HTML character references may need decoding).
    pub const AMPERSAND: Scan = Scan(1);
    /// An ESC byte (terminal escapes).
    pub const ESCAPE: Scan = Scan(2);
    /// A pair of characters that a mojibake rule may match, or a C1 control.
    pub const MOJIBAKE: Scan = Scan(4);
    /// A C1 control.
    pub const C1: Scan = Scan(8);
    /// A control character that is removed (C0 other than tab/LF/FF/CR, DEL, U+206A–U+206F,
    /// U+FEFF, U+FFF9–U+FFFC).
    pub const CONTROL: Scan = Scan(16);
    /// A line break other than `\n` (CR, U+0085, U+2028, U+2029).
    pub const LINE_BREAK: Scan = Scan(32);
    /// A curly quote.
    pub const QUOTE: Scan = Scan(64);
    /// A Latin ligature or digraph character.
    pub const LIGATURE: Scan = Scan(128);
    /// A fullwidth or halfwidth form, or U+3000.
    pub const WIDTH: Scan = Scan(256);
    /// A character whose NFC quick check is not "yes", or two adjacent characters that may be
    /// out of canonical order (a mark after a character whose decomposition ends in a mark;
    /// see [`MARK_LO`]).
    pub const NFC: Scan = Scan(512);
    /// A sign of legacy mojibake ([`Signs`](crate::repair::legacy::gate::Signs); a line flagged
    /// may still have none, as the scan does not read CJK characters inside a run).
    pub const LEGACY: Scan = Scan(1024);
    /// Everything: used for passes without a quick check of their own.
    pub const ALL: Scan = Scan(0x7FF);

    /// True when any flag of `other` is set in `self`.
    pub fn has(self, other: Scan) -> bool {
        self.0 & other.0 != 0
    }

    /// The flags of all of `text`.
    ///
    /// ```
    /// use textmend::repair::fastpath::Scan;
    /// assert_eq!(Scan::of("Ελληνικά, русский, 中文, café, 😀"), Scan::default());
    /// assert!(Scan::of("cafÃ©").has(Scan::MOJIBAKE));
    /// assert!(Scan::of("cafe\u{301}").has(Scan::NFC));
    /// assert!(Scan::of("a &amp; b").has(Scan::AMPERSAND));
    /// assert!(Scan::of("“q”").has(Scan::QUOTE));
    /// ```
    pub fn of(text: &str) -> Scan {
        Scan(lines(text).iter().fold(0, |acc, (_, s)| acc | s.0))
    }
}

/// The lines of `text` (each with its `\n`) in which something may need repair, with what.
/// Lines with nothing to repair are not listed. One pass over the bytes: ASCII eight bytes at a
/// time, other characters by one table lookup, whole blocks of scripts that never need repair
/// (CJK ideographs, Hangul syllables, most emoji) by their lead byte.
///
/// ```
/// use textmend::repair::fastpath::{Scan, lines};
/// let found = lines("clean\ncafÃ©\n中文\n");
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].0, 6..14);
/// assert!(found[0].1.has(Scan::MOJIBAKE));
/// ```
pub fn lines(text: &str) -> Vec<(std::ops::Range<usize>, Scan)> {
    scan_legacy(text)
}

/// [`lines`], with [`Scan::LEGACY`] looked for only when `legacy` is true (the look costs a
/// little on text dense in letters outside ASCII).
pub fn lines_for(text: &str, legacy: bool) -> Vec<(std::ops::Range<usize>, Scan)> {
    if legacy {
        scan_legacy(text)
    } else {
        scan_plain(text)
    }
}

/// [`lines_for`] of a line that the UTF-8 mojibake pass left at a fixed point of its own
/// (`fix_line` of it proposes nothing), scanned again after the pass changed it: the flags of
/// `lines_for` with [`Scan::MOJIBAKE`] set in the first line whether it has a pair or not
/// (held by `settled_scan_is_the_scan_with_mojibake_set`). The pass is the only one that
/// looks for that flag, and it finds nothing in the line as it is; so the scan need not look
/// at pairs, and the characters it knows to have no flag are skipped 32 bytes at a time from
/// the start of the line ([`scan_quiet`] once a line has the flag). Without [`Scan::LEGACY`]
/// only, where the CPU can (else, and for short texts, `lines_for` itself).
pub(crate) fn lines_for_settled(text: &str, legacy: bool) -> Vec<(std::ops::Range<usize>, Scan)> {
    #[cfg(target_arch = "x86_64")]
    if let Some(q) = quiet().filter(|_| !legacy && text.len() >= 64) {
        // SAFETY: `quiet` is `Some` only when the CPU supports AVX2.
        return unsafe { scan_quiet_from(text, q, Scan::MOJIBAKE.0) };
    }
    lines_for(text, legacy)
}

/// The scan without [`Scan::LEGACY`]: runs of quiet characters ([`super::quiet`]) skipped 32
/// bytes at a time where the CPU can, else (and for short texts, such as the lines scanned
/// again after a pass) [`scan`] character by character. The flags found are the same either
/// way.
fn scan_plain(text: &str) -> Vec<(std::ops::Range<usize>, Scan)> {
    #[cfg(target_arch = "x86_64")]
    if let Some(q) = quiet().filter(|_| text.len() >= 64) {
        // SAFETY: `quiet` is `Some` only when the CPU supports AVX2.
        return unsafe { scan_quiet(text, q) };
    }
    scan::<false>(text)
}

/// The scan with [`Scan::LEGACY`]: runs of characters quiet both to the scan and to the
/// legacy gate skipped 32 bytes at a time where the CPU can ([`scan_gated`]), else [`scan`]
/// character by character. The flags found are the same either way.
fn scan_legacy(text: &str) -> Vec<(std::ops::Range<usize>, Scan)> {
    #[cfg(target_arch = "x86_64")]
    if let Some(g) = gated().filter(|_| text.len() >= 64) {
        // SAFETY: `gated` is `Some` only when the CPU supports AVX2.
        return unsafe { scan_gated(text, g) };
    }
    scan::<true>(text)
}

/// The gated scan's tables: the block test's groups of the characters that are quiet to the
/// scan and to the gate (`quiet` without [`S_OUTSIDE_1252`](super::legacy::gate) in the
/// line, `silent` with it), and the gate's own; `None` when the CPU cannot run it.
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
fn gated() -> Option<&'static Gated> {
    static GATED: std::sync::OnceLock<Option<Gated>> = std::sync::OnceLock::new();
    GATED
        .get_or_init(|| super::quiet::simd_available().then(gated_tables))
        .as_ref()
}

/// The tables of [`scan_gated`].
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
struct Gated {
    /// The letters' family: `quiet` for a line without the gate's sign of letters outside
    /// windows-1252, `silent` with it.
    letters: Quiet,
    /// The odd signs' family (in `quiet`).
    odd: Quiet,
    /// The odd signs' family with the characters passed unread inside a run, for a line
    /// with the gate's sign of a CJK character already (in `quiet`).
    odd_cjk: Quiet,
    /// The scan's own quiet and silent characters ([`scan_quiet`]), for a line whose gate
    /// has a sign it cannot take back.
    plain: Quiet,
    /// The gate's side.
    gate: GateQuiet,
}

/// The gated scan's tables: each kind judged once, from the scan's tables and the gate's
/// roles. Characters of the lead bytes the scan skips unread inside a run (where the gate
/// sees [`SKIPPED`] roles, not the character's) are left out.
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
fn gated_tables() -> Gated {
    let pairs = Pairs::get();
    let t = tables();
    let s_bits = (0u8..0x80).fold(0, |acc, b| acc | pairs.second_ascii(b));
    let mut skipped_kind = [false; 256];
    for cp in 0x80u32..0x10000 {
        if let Some(c) = char::from_u32(cp) {
            let mut buf = [0u8; 4];
            if t.boring_lead[c.encode_utf8(&mut buf).as_bytes()[0] as usize] != 0 {
                skipped_kind[t.kind[cp as usize] as usize] = true;
            }
        }
    }
    // (Judged with the mark roles aside: the block test finds marks itself.)
    let roles: [Option<Roles>; 256] = std::array::from_fn(|i| {
        let k = &t.kinds[i];
        is_quiet_kind(k.first & !MARKS, k.second & !MARKS, k.flags, s_bits).then_some(k.gate)
    });
    let gate = GateQuiet::build(&roles, &skipped_kind);
    let [none, outside, odd, odd_cjk] = gate.kinds;
    let marks = marks();
    let lead = |known: &[bool; 256], lead: u8| {
        let from = u32::from(lead & 0x0F) << 12;
        (from..from + 0x1000)
            .filter(|cp| !(0xD800..0xE000).contains(cp) && *cp >= 0x800)
            .all(|cp| {
                let k = t.kind[cp as usize] as usize;
                known[k] && !marks.kinds[k]
            })
    };
    let skipped = |l: u8| t.boring_lead[l as usize] != 0;
    Gated {
        letters: Quiet::build(s_bits, t.kind, none, outside, |l| lead(&none, l), &marks)
            .without_leads(skipped),
        odd: Quiet::build(s_bits, t.kind, odd, odd, |l| lead(&odd, l), &marks)
            .without_leads(skipped),
        odd_cjk: Quiet::build(
            s_bits,
            t.kind,
            odd_cjk,
            odd_cjk,
            |l| lead(&odd_cjk, l),
            &marks,
        ),
        plain: quiet_tables(),
        gate,
    }
}

/// [`scan::<true>`](scan) with the block test of the characters quiet to both the scan and
/// the legacy gate ([`gated`]): as [`scan_quiet`], where the character before is not the
/// first of a pair (of the scan's, or of the gate's) that the run could end, the quiet
/// characters of each block of 32 bytes are skipped whole. A `\n` always ends a run (the
/// gate's line ends there); so does a character the test does not know.
///
/// # Safety
/// The CPU must support AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn scan_gated(text: &str, g: &Gated) -> Vec<(std::ops::Range<usize>, Scan)> {
    let bytes = text.as_bytes();
    let pairs = Pairs::get();
    let t = tables();
    let n = bytes.len();
    let mut out = Vec::new();
    let mut flags = 0u16;
    let mut line_start = 0;
    let mut i = 0;
    let mut prev_first = 0u64;
    let mut gate = Gate::default();
    // The last block the test classified: it covers `base..base + 32`, by the groups of
    // `block_mode`.
    let mut base = usize::MAX / 2;
    let mut block = Block::default();
    let mut block_mode = 0;
    let q = &g.letters;
    // The family tried: the letters' (false) or the odd signs' (true); it changes where a
    // run of one ends at a character the other knows.
    let mut odd = false;
    while i < n {
        // A line with a sign the gate cannot take back is scanned as by `scan_quiet`
        // (modes 4 and 5: quiet, and silent once the line has `MOJIBAKE`).
        let decided = gate.decided();
        let silent = decided && flags & Scan::MOJIBAKE.0 != 0;
        let mode = if decided {
            4 + usize::from(silent)
        } else {
            gate.quiet_mode(odd)
        };
        let may_skip = if decided {
            silent || prev_first & q.s_bits == 0
        } else {
            prev_first & q.s_bits == 0 && gate.may_skip(&g.gate, mode)
        };
        if may_skip {
            let start = i;
            // The character outside ASCII that ended the run, decoded.
            let mut loud_char = None;
            let groups = match mode {
                0 => &q.quiet,
                1 => &q.silent,
                2 => &g.odd.quiet,
                3 => &g.odd_cjk.quiet,
                4 => &g.plain.quiet,
                _ => &g.plain.silent,
            };
            loop {
                if !(base..base + 32).contains(&i) || block_mode != mode {
                    if i + 34 > n {
                        break;
                    }
                    // SAFETY: AVX2 is enabled in this function; `i + 34 <= n`.
                    block = unsafe { q.block(groups, bytes, i) };
                    base = i;
                    block_mode = mode;
                }
                let from = !0u32 << (i - base);
                let loud = from & (block.loud | block.newlines);
                if loud != 0 {
                    i = base + loud.trailing_zeros() as usize;
                    // A character of a group with a loud member may be quiet itself.
                    if (0xC2..0xF0).contains(&bytes[i]) {
                        let (cp, len) = decode(bytes, i);
                        let skipped = mode < 3 && t.boring_lead[bytes[i] as usize] != 0;
                        if !skipped && q.knows(groups, cp) {
                            i += len;
                            continue;
                        }
                        if decided {
                            // (In a line with `MOJIBAKE` too, a character whose flags the
                            // line has changes nothing, as in `scan_quiet`.)
                            if silent && is_silent_in(t.kind_of(cp), flags) {
                                i += len;
                                continue;
                            }
                            loud_char = Some((cp, len));
                            break;
                        }
                        loud_char = Some((cp, len));
                        // (The odd signs' family with CJK, kana and Hangul, which it passes
                        // once the line has a CJK character.)
                        let other = if odd { &q.silent } else { &g.odd_cjk.quiet };
                        if q.knows(other, cp) {
                            odd = !odd;
                        }
                    }
                    break;
                }
                i = char_start_from(bytes, base + 32);
            }
            if i > start {
                if bytes[i - 1] < 0x80 {
                    // After ASCII: no pair to carry; the gate is after ASCII too.
                    prev_first = 0;
                    gate.ascii(bytes[i - 1]);
                } else {
                    // Back to the last quiet character, for its roles: the pair checks
                    // below find nothing new for it with the masks from before the run,
                    // as they found nothing with the true ones.
                    i = char_start_before(bytes, i);
                    // (Nor does a mark's: a mark the block test passed ends no pair, or it
                    // would have found it; its pair is not looked at again.)
                    prev_first &= !MARKS;
                    if i > start && t.boring_lead[bytes[i] as usize] != 0 {
                        // A CJK character (mode 3) is read or passed unread as the
                        // character before it decides (see `scan`): the state is set as
                        // after that one, inside the run.
                        let before = char_start_before(bytes, i);
                        if bytes[before] < 0x80 {
                            prev_first = 0;
                            gate.ascii(bytes[before]);
                        } else {
                            prev_first = t.kind_of(decode(bytes, before).0).first;
                            gate.after_unread();
                        }
                    }
                    if loud_char.is_some() {
                        // (Read here, then the loud character, without a turn of the loop.)
                        i = gated_char(t, pairs, bytes, i, &mut flags, &mut prev_first, &mut gate);
                    }
                }
            }
            if let Some((cp, len)) = loud_char {
                i = gated_decoded(
                    t,
                    pairs,
                    bytes,
                    i,
                    (cp, len),
                    &mut flags,
                    &mut prev_first,
                    &mut gate,
                );
                continue;
            }
            if i >= n {
                break;
            }
        }
        let b = bytes[i];
        if b < 0x80 {
            ascii_step(pairs, b, &mut flags, &mut prev_first);
            if gate.in_run() {
                gate.ascii(b);
            }
            i += 1;
            if b == b'\n' {
                if !gate.none() {
                    flags |= Scan::LEGACY.0;
                }
                gate = Gate::default();
                end_line::<true>(&mut out, &mut line_start, &mut flags, i);
            }
            if i + 34 > n {
                i = skip_plain_ascii(bytes, i);
            }
            continue;
        }
        i = gated_char(t, pairs, bytes, i, &mut flags, &mut prev_first, &mut gate);
    }
    if !gate.none() {
        flags |= Scan::LEGACY.0;
    }
    if flags != 0 {
        out.push((line_start..n, Scan(flags)));
    }
    out
}

/// The step of [`scan::<true>`](scan) for the character outside ASCII at `i` of `bytes`: a
/// CJK character inside a run is passed unread, any other read (its pairs, flags and the
/// gate's roles). Returns the position after it.
#[inline(always)]
fn gated_char(
    t: &Tables,
    pairs: &Pairs,
    bytes: &[u8],
    i: usize,
    flags: &mut u16,
    prev_first: &mut u64,
    gate: &mut Gate,
) -> usize {
    if passed_unread(t, bytes[i], *prev_first, gate) {
        return pass_boring(t, pairs, bytes, i, flags, prev_first);
    }
    let (cp, len) = decode(bytes, i);
    read_decoded(t, pairs, cp, flags, prev_first, gate);
    i + len
}

/// Whether the gated scan passes the character of lead byte `b` unread (a CJK character
/// inside a run, after a character that pairs with nothing): then the gate takes it with
/// `SKIPPED`'s roles, here.
#[inline(always)]
fn passed_unread(t: &Tables, b: u8, prev_first: u64, gate: &mut Gate) -> bool {
    if prev_first & !MARKS == 0 && t.boring_lead[b as usize] != 0 && gate.in_run() {
        gate.char_quick(SKIPPED);
        return true;
    }
    false
}

/// The step of the scans for the character at `i` of `bytes`, of a lead byte that
/// [`Tables::boring_lead`] names, after a character that is the first of no suspicious pair
/// (its mark roles aside): what [`step`] finds for it, without its look-ups where its lead
/// byte has no mark. Returns the position after it.
#[inline(always)]
fn pass_boring(
    t: &Tables,
    pairs: &Pairs,
    bytes: &[u8],
    i: usize,
    flags: &mut u16,
    prev_first: &mut u64,
) -> usize {
    let b = bytes[i];
    if t.boring_lead[b as usize] == BORING_WITH_MARKS {
        let (cp, len) = decode(bytes, i);
        step::<false>(t, pairs, cp, flags, prev_first);
        return i + len;
    }
    *prev_first = 0;
    i + UTF8_LEN[b as usize] as usize
}

/// [`gated_char`] for the character at `i`, decoded already (`cp`, `len`).
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn gated_decoded(
    t: &Tables,
    pairs: &Pairs,
    bytes: &[u8],
    i: usize,
    (cp, len): (u32, usize),
    flags: &mut u16,
    prev_first: &mut u64,
    gate: &mut Gate,
) -> usize {
    if passed_unread(t, bytes[i], *prev_first, gate) {
        return pass_boring(t, pairs, bytes, i, flags, prev_first);
    }
    read_decoded(t, pairs, cp, flags, prev_first, gate);
    i + len
}

/// The character `cp` read by [`gated_char`]: its pairs, flags and the gate's roles.
#[inline(always)]
fn read_decoded(
    t: &Tables,
    pairs: &Pairs,
    cp: u32,
    flags: &mut u16,
    prev_first: &mut u64,
    gate: &mut Gate,
) {
    let k = step::<false>(t, pairs, cp, flags, prev_first);
    gate.char_quick(match k {
        Some(k) => k.gate,
        None => roles(char::from_u32(cp).map_or(0, compute_class)),
    });
}

/// What the block tests need to know of marks ([`Marks`]), from the scan's kinds.
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
fn marks() -> Marks<impl Fn(u32) -> bool, impl Fn(u32) -> bool> {
    // (Marks of U+1000–U+1FFF, Myanmar, Khmer, Vedic..., are left loud: the blocks of
    // Vietnamese and Georgian, in those lead bytes, then need no look at marks.)
    let t = tables();
    let low = |cp: u32| (0x800..0x2000).contains(&cp);
    Marks {
        kinds: std::array::from_fn(|i| t.kinds[i].second & MARKS != 0),
        first: move |cp| low(cp) && t.kind_of(cp).first & MARK_HI != 0,
        second: move |cp| (0x800..0x1000).contains(&cp) && t.kind_of(cp).second & MARK_HI != 0,
    }
}

/// The quiet test's tables, built from the scan's; `None` when the CPU cannot run it.
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
fn quiet() -> Option<&'static Quiet> {
    static QUIET: std::sync::OnceLock<Option<Quiet>> = std::sync::OnceLock::new();
    QUIET
        .get_or_init(|| super::quiet::simd_available().then(quiet_tables))
        .as_ref()
}

/// The quiet test's tables: each kind of character judged once, then each code point by its
/// kind.
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
fn quiet_tables() -> Quiet {
    let pairs = Pairs::get();
    let t = tables();
    let s_bits = (0u8..0x80).fold(0, |acc, b| acc | pairs.second_ascii(b));
    // (Judged with the mark roles aside: the block test finds marks itself.)
    let quiet_kind: [bool; 256] = std::array::from_fn(|i| {
        let k = &t.kinds[i];
        is_quiet_kind(k.first & !MARKS, k.second & !MARKS, k.flags, s_bits)
    });
    let silent_kind: [bool; 256] = std::array::from_fn(|i| t.kinds[i].flags == 0);
    // A lead byte whose characters are all skipped by the scan unread (no flag, no first
    // role, the second role of U+4E00) is quiet when U+4E00 is.
    let ideograph_quiet = quiet_kind[t.kind[0x4E00] as usize];
    Quiet::build(
        s_bits,
        t.kind,
        quiet_kind,
        silent_kind,
        |lead| ideograph_quiet && t.boring_lead[lead as usize] == BORING,
        &marks(),
    )
}

/// [`scan::<false>`](scan) with the quiet test: where the character before is not the first of
/// a pair that ASCII could end, the quiet characters of each block of 32 bytes are skipped
/// whole. A run of them ends at a character the test does not know as quiet (or at a `\n`
/// when the line has a flag already); the loop below then takes over from the last quiet
/// character, whose first-role mask the next character's pair needs, and looks at the loud
/// character; the rest of the block is known already.
///
/// # Safety
/// The CPU must support AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn scan_quiet(text: &str, q: &Quiet) -> Vec<(std::ops::Range<usize>, Scan)> {
    // SAFETY: as this function's.
    unsafe { scan_quiet_from(text, q, 0) }
}

/// [`scan_quiet`], with the first line's flags starting as `first_flags` (see
/// [`lines_for_settled`]).
///
/// # Safety
/// The CPU must support AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn scan_quiet_from(
    text: &str,
    q: &Quiet,
    first_flags: u16,
) -> Vec<(std::ops::Range<usize>, Scan)> {
    let bytes = text.as_bytes();
    let pairs = Pairs::get();
    let t = tables();
    let n = bytes.len();
    let mut out = Vec::new();
    let mut flags = first_flags;
    let mut line_start = 0;
    let mut i = 0;
    let mut prev_first = 0u64;
    // The last block the quiet test classified: it covers `base..base + 32`, by the groups
    // of `silent` (else `quiet`).
    let mut base = usize::MAX / 2;
    let mut block = Block::default();
    let mut block_silent = false;
    while i < n {
        // In a line flagged with `MOJIBAKE` already, pairs need no looking at: only the
        // characters with flags of their own (and `prev_first` matters no more in the line).
        let silent = flags & Scan::MOJIBAKE.0 != 0;
        if silent || prev_first & q.s_bits == 0 {
            let start = i;
            let groups = if silent { &q.silent } else { &q.quiet };
            loop {
                if !(base..base + 32).contains(&i) || block_silent != silent {
                    if i + 34 > n {
                        break;
                    }
                    // SAFETY: AVX2 is enabled in this function; `i + 34 <= n`.
                    block = unsafe { q.block(groups, bytes, i) };
                    base = i;
                    block_silent = silent;
                }
                // The characters from `i` on (a `\n` ends a line that has flags).
                let from = !0u32 << (i - base);
                let loud = from
                    & if flags != 0 {
                        block.loud | block.newlines
                    } else {
                        block.loud
                    };
                let end = if loud == 0 {
                    32
                } else {
                    loud.trailing_zeros() as usize
                };
                let newlines = block.newlines & from & (!0u32).unbounded_shr(32 - end as u32);
                if newlines != 0 {
                    line_start = base + 32 - newlines.leading_zeros() as usize;
                }
                if loud != 0 {
                    i = base + end;
                    // A character of a group with a loud member may be quiet itself; in a
                    // line with `MOJIBAKE`, one whose flags the line has already (a second
                    // curly quote) changes nothing either (its pairs matter no more).
                    if (0xC2..0xF0).contains(&bytes[i]) {
                        let (cp, len) = decode(bytes, i);
                        if q.knows(groups, cp) || silent && is_silent_in(t.kind_of(cp), flags) {
                            i += len;
                            continue;
                        }
                    }
                    break;
                }
                i = char_start_from(bytes, base + 32);
            }
            // (In a line with `MOJIBAKE` too: a mark after the run needs the roles of the
            // character before it.)
            if i > start {
                if bytes[i - 1] < 0x80 {
                    // After ASCII: no pair to carry.
                    prev_first = 0;
                } else {
                    // Back to the last quiet character, for its first-role mask: the pair
                    // check below finds nothing for it (its second-role mask holds only
                    // `s_bits`, which `prev_first` lacks), as it would have found nothing
                    // with the true one.
                    i = char_start_before(bytes, i);
                    // (Nor does a mark's: a mark the block test passed ends no pair, or it
                    // would have found it; its pair is not looked at again.)
                    prev_first &= !MARKS;
                }
            }
            if i >= n {
                break;
            }
        }
        let b = bytes[i];
        if b < 0x80 {
            ascii_step(pairs, b, &mut flags, &mut prev_first);
            i += 1;
            if b == b'\n' {
                end_line::<true>(&mut out, &mut line_start, &mut flags, i);
            }
            if i + 34 > n {
                // Past the last whole block: eight bytes at a time, as `scan`.
                i = skip_plain_ascii(bytes, i);
            }
            continue;
        }
        if prev_first & !MARKS == 0 && t.boring_lead[b as usize] != 0 {
            i = pass_boring(t, pairs, bytes, i, &mut flags, &mut prev_first);
            continue;
        }
        let (cp, len) = decode(bytes, i);
        i += len;
        step::<true>(t, pairs, cp, &mut flags, &mut prev_first);
    }
    if flags != 0 {
        out.push((line_start..n, Scan(flags)));
    }
    out
}

fn scan<const LEGACY: bool>(text: &str) -> Vec<(std::ops::Range<usize>, Scan)> {
    let bytes = text.as_bytes();
    let pairs = Pairs::get();
    let t = tables();
    let n = bytes.len();
    let mut out = Vec::new();
    let mut flags = 0u16;
    let mut line_start = 0;
    let mut i = 0;
    let mut prev_first = 0u64;
    let mut gate = Gate::default();
    while i < n {
        let b = bytes[i];
        if b < 0x80 {
            ascii_step(pairs, b, &mut flags, &mut prev_first);
            if LEGACY && gate.in_run() {
                gate.ascii(b);
            }
            i += 1;
            if b == b'\n' {
                if LEGACY && !gate.none() {
                    flags |= Scan::LEGACY.0;
                }
                gate = Gate::default();
                end_line::<false>(&mut out, &mut line_start, &mut flags, i);
            }
            // Eight bytes at a time while they are ASCII without controls, `&` or DEL.
            i = skip_plain_ascii(bytes, i);
            continue;
        }
        // A CJK character inside a run is skipped unread (the first of a run matters to the
        // legacy gate).
        if prev_first & !MARKS == 0 && t.boring_lead[b as usize] != 0 && (!LEGACY || gate.in_run())
        {
            if LEGACY {
                gate.char_quick(SKIPPED);
            }
            i = pass_boring(t, pairs, bytes, i, &mut flags, &mut prev_first);
            continue;
        }
        let (cp, len) = decode(bytes, i);
        i += len;
        let k = step::<false>(t, pairs, cp, &mut flags, &mut prev_first);
        if LEGACY {
            gate.char_quick(match k {
                Some(k) => k.gate,
                None => roles(char::from_u32(cp).map_or(0, compute_class)),
            });
        }
    }
    if LEGACY && !gate.none() {
        flags |= Scan::LEGACY.0;
    }
    if flags != 0 {
        out.push((line_start..n, Scan(flags)));
    }
    out
}

/// The scan of one ASCII byte `b`: the pair it may end with the character before
/// (`prev_first`, cleared: ASCII starts no pair), and its flags. ([`step`] for the others.)
#[inline(always)]
fn ascii_step(pairs: &Pairs, b: u8, flags: &mut u16, prev_first: &mut u64) {
    if *prev_first != 0 && *prev_first & pairs.second_ascii(b) != 0 {
        *flags |= Scan::MOJIBAKE.0;
    }
    *prev_first = 0;
    *flags |= ASCII_FLAGS[b as usize];
}

/// End the line that started at `line_start` at `end` (just after its `\n`): record it if it
/// has flags, and start the next one there. With `COLD_PUSH` the record is made out of line
/// ([`record_line`]; the quiet and gated scans, whose loops it cost registers).
#[inline(always)]
fn end_line<const COLD_PUSH: bool>(
    out: &mut Vec<(std::ops::Range<usize>, Scan)>,
    line_start: &mut usize,
    flags: &mut u16,
    end: usize,
) {
    if *flags != 0 {
        if COLD_PUSH {
            record_line(out, *line_start..end, *flags);
        } else {
            out.push((*line_start..end, Scan(*flags)));
        }
        *flags = 0;
    }
    *line_start = end;
}

/// Record a line with flags (out of line: most lines have none, and the push's growth kept
/// inside [`scan_quiet_from`]'s loop cost it registers).
#[cold]
#[inline(never)]
fn record_line(
    out: &mut Vec<(std::ops::Range<usize>, Scan)>,
    line: std::ops::Range<usize>,
    flags: u16,
) {
    out.push((line, Scan(flags)));
}

/// True when a character of kind `k` changes nothing in a line with `flags` that has
/// [`Scan::MOJIBAKE`]: it has no flag the line lacks, and is no mark (whose pair with the
/// character before it the scan looks at in every line).
#[inline(always)]
fn is_silent_in(k: &Kind, flags: u16) -> bool {
    k.flags & !flags == 0 && k.second & MARKS == 0
}

/// The first character boundary of `bytes` (valid UTF-8) at `i` or after it (a block's end
/// may fall inside a character).
#[inline(always)]
fn char_start_from(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i] & 0xC0 == 0x80 {
        i += 1;
    }
    i
}

/// The start of the character that ends just before `i` in `bytes` (valid UTF-8).
#[inline(always)]
fn char_start_before(bytes: &[u8], mut i: usize) -> usize {
    i -= 1;
    while bytes[i] & 0xC0 == 0x80 {
        i -= 1;
    }
    i
}

/// The scan of one character `cp` outside ASCII: the pair it ends with the character before
/// (`prev_first`, the first-role mask of that one, becomes its own), and its flags. Returns its
/// kind for a BMP character (`None` above the BMP).
///
/// With `COLD_ASTRAL` a character above the BMP is taken out of line ([`astral_step`]; the
/// quiet scan, whose loop its look-ups cost registers).
#[inline(always)]
fn step<'t, const COLD_ASTRAL: bool>(
    t: &'t Tables,
    pairs: &Pairs,
    cp: u32,
    flags: &mut u16,
    prev_first: &mut u64,
) -> Option<&'t Kind> {
    if cp < 0x10000 {
        let k = t.kind_of(cp);
        let hit = *prev_first & k.second;
        if hit != 0 {
            *flags |= pair_flags(hit);
        }
        *flags |= k.flags;
        *prev_first = k.first;
        return Some(k);
    }
    if COLD_ASTRAL {
        astral_step(pairs, cp, flags, prev_first);
    } else {
        astral_step_inline(pairs, cp, flags, prev_first);
    }
    None
}

/// [`step`] for a character above the BMP, out of line (rare, and its look-ups kept inside
/// [`scan_quiet_from`]'s loop cost it registers).
#[cold]
#[inline(never)]
fn astral_step(pairs: &Pairs, cp: u32, flags: &mut u16, prev_first: &mut u64) {
    astral_step_inline(pairs, cp, flags, prev_first);
}

/// [`step`] for a character above the BMP.
#[inline(always)]
fn astral_step_inline(pairs: &Pairs, cp: u32, flags: &mut u16, prev_first: &mut u64) {
    let (mut first, mut second) = (pairs.first_cp(cp), pairs.second_cp(cp));
    if cp < ASTRAL_MARKS_END {
        let (f, s) = astral_mark_roles(cp);
        first |= f;
        second |= s;
    }
    let hit = *prev_first & second;
    if hit != 0 {
        *flags |= pair_flags(hit);
    }
    if !is_nfc_stable(cp) {
        *flags |= Scan::NFC.0;
    }
    *prev_first = first;
}

/// Above the BMP, combining marks and characters that decompose to one are all below this
/// (held by `mark_roles_meet_for_every_pair_out_of_order`): emoji need no look-up.
const ASTRAL_MARKS_END: u32 = 0x1F000;

/// [`mark_roles`] of a character above the BMP, from the normalization properties.
#[cold]
#[inline(never)]
fn astral_mark_roles(cp: u32) -> (u64, u64) {
    char::from_u32(cp).map_or((0, 0), |c| {
        let (ccc, tail) = classes(c);
        mark_roles(ccc, tail, is_nfc_stable(cp))
    })
}

/// The canonical combining class of `c` and that of the last character of its canonical
/// decomposition.
fn classes(c: char) -> (u8, u8) {
    use unicode_normalization::char::{canonical_combining_class, decompose_canonical};
    let ccc = canonical_combining_class(c);
    let mut tail = ccc;
    decompose_canonical(c, |d| tail = canonical_combining_class(d));
    (ccc, tail)
}

/// From `i`, past whole 8-byte words of ASCII without controls, `&` or DEL.
#[inline(always)]
fn skip_plain_ascii(bytes: &[u8], mut i: usize) -> usize {
    while i + 8 <= bytes.len() {
        let w = u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap());
        let control = w.wrapping_sub(0x2020_2020_2020_2020) & !w & HIGH_BITS;
        let x = w ^ 0x2626_2626_2626_2626;
        let amp = x.wrapping_sub(0x0101_0101_0101_0101) & !x & HIGH_BITS;
        let y = w ^ 0x7F7F_7F7F_7F7F_7F7F;
        let del = y.wrapping_sub(0x0101_0101_0101_0101) & !y & HIGH_BITS;
        if (w & HIGH_BITS) | control | amp | del != 0 {
            break;
        }
        i += 8;
    }
    i
}

/// Length of a UTF-8 sequence by its lead byte (0 for continuation bytes).
pub(crate) const UTF8_LEN: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b {
            0x00..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// Flags of each ASCII byte: controls, CR, DEL, `&`, ESC.
const ASCII_FLAGS: [u16; 128] = {
    let mut t = [0u16; 128];
    let mut b = 0;
    while b < 0x20 {
        t[b] = match b {
            0x09 | 0x0A | 0x0C => 0,
            0x0D => Scan::LINE_BREAK.0,
            _ => Scan::CONTROL.0,
        };
        b += 1;
    }
    t[0x1B] = Scan::CONTROL.0 | Scan::ESCAPE.0;
    t[0x7F] = Scan::CONTROL.0;
    t[b'&' as usize] = Scan::AMPERSAND.0;
    t
};

/// A lead byte whose characters have no flag, no role in a suspicious pair and no mark role.
const BORING: u8 = 1;
/// A lead byte whose characters have no flag and no role in a suspicious pair, some of them a
/// mark role ([`MARK_LO`]): the legacy gate passes them unread as [`BORING`] ones, but the
/// scan looks at their marks.
const BORING_WITH_MARKS: u8 = 2;

/// The BMP class table stores flags shifted right by this (the ASCII-only flags are not
/// stored), so that they fit a byte.
const CLASS_UNIT: u16 = 8;

/// The scan's own pair roles for combining marks, in bits of the first-role and second-role
/// masks that no badness rule uses ([`Pairs`] holds fewer than 62 rules). Two adjacent marks
/// are the only way a text whose every character is NFC-stable on its own can fail to be NFC:
/// a character whose canonical decomposition ends in a mark of class `a` (its *tail* class),
/// followed by a mark of class `b` with `0 < b < a`. A character stable alone has the first
/// role of `MARK_LO` when its tail class is 2 or more and that of `MARK_HI` when it is 8 or
/// more; a mark stable alone has the second role of `MARK_LO` for classes 1–6 and of
/// `MARK_HI` for 7 and above. Every such pair out of order meets in one of the two bits (a
/// tail of 7 or less can only be out of order before a class of 6 or less), so the scan
/// flags it with [`Scan::NFC`]; a pair in order may be flagged too, and the normalization pass
/// tells them apart. (The split at 7 keeps the Indic letters with a nukta, tail class 7, from
/// pairing with the virama, class 9, that follows them in most words.)
pub(crate) const MARK_LO: u64 = 1 << 62;
/// See [`MARK_LO`].
pub(crate) const MARK_HI: u64 = 1 << 63;
/// Both mark bits.
pub(crate) const MARKS: u64 = MARK_LO | MARK_HI;

/// The scan's mark roles ([`MARK_LO`]) of a character of canonical combining class `ccc`,
/// whose decomposition ends in class `tail`, NFC-stable alone or not (`stable`): its
/// first-role and second-role bits.
fn mark_roles(ccc: u8, tail: u8, stable: bool) -> (u64, u64) {
    if !stable {
        // (The character flags its line on its own.)
        return (0, 0);
    }
    let first = if tail >= 8 {
        MARKS
    } else if tail >= 2 {
        MARK_LO
    } else {
        0
    };
    let second = match ccc {
        0 => 0,
        1..=6 => MARK_LO,
        _ => MARK_HI,
    };
    (first, second)
}

/// The flags a pair of adjacent characters with roles in common `hit` (nonzero) sets: a
/// badness rule's pair, or two marks that may be out of order.
#[cold]
#[inline(never)]
fn pair_flags(hit: u64) -> u16 {
    let mut f = 0;
    if hit & !MARKS != 0 {
        f |= Scan::MOJIBAKE.0;
    }
    if hit & MARKS != 0 {
        f |= Scan::NFC.0;
    }
    f
}

fn is_nfc_stable(cp: u32) -> bool {
    char::from_u32(cp).is_none_or(|c| {
        unicode_normalization::is_nfc_quick(std::iter::once(c))
            == unicode_normalization::IsNormalized::Yes
    })
}

/// What the scan needs to know of a BMP character: its roles in suspicious pairs (masks of
/// [`Pairs`]) and its flags (including [`Scan::MOJIBAKE`] for a C1 control).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Kind {
    first: u64,
    second: u64,
    flags: u16,
    /// The legacy gate's roles of the character.
    gate: Roles,
}

impl Kind {
    /// Bytes of one kind in `scan-kinds.bin`: `first`, `second` (u64), `flags`, gate roles
    /// `first`, `second` (u16), little-endian.
    const BYTES: usize = 22;
}

/// Per-character tables of the scan: computed by [`compute_tables`], shipped in
/// `data/generated/scan-*.bin` and read in place.
struct Tables {
    /// The index in `kinds` of each BMP code point (one small table instead of three large).
    kind: &'static [u8; 0x10000],
    /// The distinct kinds of BMP characters (unused entries are empty).
    kinds: [Kind; 256],
    /// Lead bytes whose every character has no flag and no role in a suspicious pair
    /// ([`BORING`], or [`BORING_WITH_MARKS`] when some of them have mark roles, see
    /// [`MARK_LO`]) or not (0).
    boring_lead: &'static [u8; 256],
    /// Plain starters: NFC quick check "yes", combining class 0, and so is the last character
    /// of the canonical decomposition; one bit per BMP code point (bit `cp % 8` of byte
    /// `cp / 8`).
    plain: &'static [u8; 0x2000],
    /// For each BMP code point: its canonical combining class, the class of the last character
    /// of its canonical decomposition, and its NFC quick check (0 yes, 1 maybe, 2 no).
    normal: &'static [[u8; 3]; 0x10000],
}

impl Tables {
    /// The kind of BMP code point `cp` (the indexes need no bounds checks).
    #[inline(always)]
    fn kind_of(&self, cp: u32) -> &Kind {
        &self.kinds[self.kind[cp as u16 as usize] as usize]
    }
}

/// Bit `cp` of a bit set over the BMP.
#[inline(always)]
fn bit(set: &[u8; 0x2000], cp: u32) -> bool {
    set[(cp as u16 >> 3) as usize] & (1 << (cp & 7)) != 0
}

/// The shipped tables (see [`crate::generated`]), by file name.
const SHIPPED: [(&str, &[u8]); 5] = [
    (
        "scan-kind.bin",
        include_bytes!("../../data/generated/scan-kind.bin"),
    ),
    (
        "scan-kinds.bin",
        include_bytes!("../../data/generated/scan-kinds.bin"),
    ),
    (
        "scan-boring-lead.bin",
        include_bytes!("../../data/generated/scan-boring-lead.bin"),
    ),
    (
        "scan-plain.bin",
        include_bytes!("../../data/generated/scan-plain.bin"),
    ),
    (
        "scan-normal.bin",
        include_bytes!("../../data/generated/scan-normal.bin"),
    ),
];

fn tables() -> &'static Tables {
    use crate::generated::{exact, le_u16, le_u64};
    static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let [kind, kinds, boring_lead, plain, normal] = SHIPPED.map(|(_, b)| b);
        let kinds = exact::<{ 256 * Kind::BYTES }>(kinds, "scan-kinds.bin");
        let kinds = std::array::from_fn(|i| {
            let at = i * Kind::BYTES;
            Kind {
                first: le_u64(kinds, at),
                second: le_u64(kinds, at + 8),
                flags: le_u16(kinds, at + 16),
                gate: Roles {
                    first: le_u16(kinds, at + 18),
                    second: le_u16(kinds, at + 20),
                },
            }
        });
        let normal = exact::<{ 3 * 0x10000 }>(normal, "scan-normal.bin");
        Tables {
            kind: exact(kind, "scan-kind.bin"),
            kinds,
            boring_lead: exact(boring_lead, "scan-boring-lead.bin"),
            plain: exact(plain, "scan-plain.bin"),
            normal: normal
                .as_chunks::<3>()
                .0
                .try_into()
                .expect("3 bytes a code point"),
        }
    })
}

/// The scan's tables computed from their definitions ([`Pairs`], the legacy gate's classes,
/// Unicode normalization properties), as the bytes of the files in `SHIPPED` order.
fn compute_tables() -> [Vec<u8>; 5] {
    let pairs = &Pairs::computed();
    // Each code point's normalization properties are looked up once: its canonical
    // combining class, the class of the last character of its canonical decomposition,
    // and its NFC quick check.
    let mut normal = vec![[0u8; 3]; 0x10000];
    for cp in 0x80u32..0x10000 {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        let (ccc, tail) = classes(c);
        let qc = match is_nfc_quick(std::iter::once(c)) {
            IsNormalized::Yes => 0,
            IsNormalized::Maybe => 1,
            IsNormalized::No => 2,
        };
        normal[cp as usize] = [ccc, tail, qc];
    }
    // The scan's mark roles of each code point.
    let cp_marks = |cp: u32| {
        let [ccc, tail, qc] = normal[cp as usize];
        mark_roles(ccc, tail, char::from_u32(cp).is_some() && qc == 0)
    };
    let mut class = vec![0u8; 0x10000];
    let mut plain = vec![0u8; 0x2000];
    for cp in 0x80u32..0x10000 {
        let mut f = match cp {
            0x80..=0x9F => Scan::C1.0,
            0x2028 | 0x2029 => Scan::LINE_BREAK.0,
            0x206A..=0x206F | 0xFEFF | 0xFFF9..=0xFFFC => Scan::CONTROL.0,
            0x132 | 0x133 | 0x149 | 0x1C4..=0x1CC | 0x1F1..=0x1F3 | 0xFB00..=0xFB06 => {
                Scan::LIGATURE.0
            }
            0x3000 | 0xFF01..=0xFFEF => Scan::WIDTH.0,
            0x2BC | 0x2018..=0x201F => Scan::QUOTE.0,
            _ => 0,
        };
        if cp == 0x85 {
            f |= Scan::LINE_BREAK.0;
        }
        // Surrogates are not characters: NFC-stable, and not plain starters.
        let [ccc, tail, qc] = normal[cp as usize];
        let is_char = char::from_u32(cp).is_some();
        if is_char && qc != 0 {
            f |= Scan::NFC.0;
        } else if is_char && ccc == 0 && tail == 0 {
            plain[(cp >> 3) as usize] |= 1 << (cp & 7);
        }
        class[cp as usize] = (f / CLASS_UNIT) as u8;
    }
    let mut boring_lead = vec![0u8; 256];
    for lead in 0xC2u32..=0xF4 {
        let range = match lead {
            0xC2..=0xDF => ((lead & 0x1F) << 6)..((lead & 0x1F) << 6) + 64,
            0xE0..=0xEF => ((lead & 0x0F) << 12)..((lead & 0x0F) << 12) + 4096,
            // Only U+1F000–U+1FFFF (emoji, symbols) is known to need nothing.
            _ => continue,
        };
        let boring = range.clone().all(|cp| {
            (0xD800..0xE000).contains(&cp)
                || class[cp as usize] == 0
                    && pairs.first_cp(cp) == 0
                    && pairs.second_cp(cp) == pairs.second_cp(0x4E00)
        });
        let marks = range.clone().any(|cp| cp_marks(cp) != (0, 0));
        boring_lead[lead as usize] = match (boring, marks) {
            (false, _) => 0,
            (true, false) => BORING,
            (true, true) => BORING_WITH_MARKS,
        };
    }
    let mut kind = vec![0u8; 0x10000];
    let mut kinds: Vec<Kind> = Vec::new();
    let mut index: std::collections::HashMap<Kind, u8> = std::collections::HashMap::new();
    for cp in 0u32..0x10000 {
        let mut flags = class[cp as usize] as u16 * CLASS_UNIT;
        if (0x80..0xA0).contains(&cp) {
            flags |= Scan::MOJIBAKE.0;
        }
        assert_eq!(
            (pairs.first_cp(cp) | pairs.second_cp(cp)) & MARKS,
            0,
            "the mark bits are the scan's own"
        );
        let (mark_first, mark_second) = if cp < 0x80 { (0, 0) } else { cp_marks(cp) };
        let k = Kind {
            first: if cp < 0x80 {
                0
            } else {
                pairs.first_cp(cp) | mark_first
            },
            second: pairs.second_cp(cp) | mark_second,
            flags,
            gate: roles(char::from_u32(cp).map_or(0, compute_class)),
        };
        // Neighbouring code points are mostly of one kind: try the previous one first.
        if cp > 0 && kinds[kind[cp as usize - 1] as usize] == k {
            kind[cp as usize] = kind[cp as usize - 1];
            continue;
        }
        kind[cp as usize] = *index.entry(k).or_insert_with(|| {
            kinds.push(k);
            u8::try_from(kinds.len() - 1).expect("at most 256 kinds of BMP characters")
        });
    }
    let mut kind_bytes = Vec::with_capacity(256 * Kind::BYTES);
    for i in 0..256 {
        let k = kinds.get(i).copied().unwrap_or(Kind {
            first: 0,
            second: 0,
            flags: 0,
            gate: Roles::default(),
        });
        kind_bytes.extend(k.first.to_le_bytes());
        kind_bytes.extend(k.second.to_le_bytes());
        kind_bytes.extend(k.flags.to_le_bytes());
        kind_bytes.extend(k.gate.first.to_le_bytes());
        kind_bytes.extend(k.gate.second.to_le_bytes());
    }
    [kind, kind_bytes, boring_lead, plain, normal.concat()]
}

/// The scan's tables, computed and shipped, for [`crate::generated::files`].
pub(crate) fn generated_files() -> Vec<crate::generated::File> {
    crate::generated::paired(compute_tables(), &SHIPPED)
}

/// The legacy gate's roles of the characters of a text, from the scan's table (fetched once).
pub(crate) struct GateRoles(&'static Tables);

impl GateRoles {
    /// The table.
    pub(crate) fn get() -> GateRoles {
        GateRoles(tables())
    }

    /// The roles of the character outside ASCII at `i` of `bytes` (valid UTF-8), and its
    /// length: a table look-up in the BMP.
    #[inline(always)]
    pub(crate) fn at(&self, bytes: &[u8], i: usize) -> (Roles, usize) {
        let (cp, len) = decode(bytes, i);
        let r = if cp < 0x10000 {
            self.0.kind_of(cp).gate
        } else {
            roles(char::from_u32(cp).map_or(0, compute_class))
        };
        (r, len)
    }
}

/// False when every character of `text` is NFC-stable on its own and no two adjacent ones
/// may be out of canonical order (so the text is NFC); true when the text needs a closer look.
/// Byte speed on ASCII, one table lookup per other character.
///
/// ```
/// use textmend::repair::fastpath::may_need_nfc;
/// assert!(!may_need_nfc("café 中文 Ελλάδα"));
/// assert!(may_need_nfc("cafe\u{301}"));
/// // Qamats (class 18) before patah (class 17): each NFC-stable, the pair not.
/// assert!(may_need_nfc("\u{5d0}\u{5b8}\u{5b7}"));
/// assert!(!may_need_nfc("\u{5d0}\u{5b7}\u{5b8}"));
/// ```
pub fn may_need_nfc(text: &str) -> bool {
    let bytes = text.as_bytes();
    let t = tables();
    let n = bytes.len();
    let mut i = 0;
    // The class of the last character of the decomposition of the character before.
    let mut tail = 0u8;
    while i < n {
        let b = bytes[i];
        if b < 0x80 {
            i = skip_ascii_words(bytes, i + 1);
            tail = 0;
            continue;
        }
        let (cp, len) = decode(bytes, i);
        let (ccc, last) = if cp < 0x10000 {
            let [ccc, last, qc] = t.normal[cp as usize];
            if qc != 0 {
                return true;
            }
            (ccc, last)
        } else {
            if !is_nfc_stable(cp) {
                return true;
            }
            char::from_u32(cp).map_or((0, 0), classes)
        };
        if ccc != 0 && tail > ccc {
            return true;
        }
        tail = last;
        i += len;
    }
    false
}

/// True when `text` is certainly in NFC, decided without normalizing it: no character is
/// NFC_QC=No, combining marks (including those inside precomposed characters) are in canonical
/// order, and no NFC_QC=Maybe character would compose with the starter before it (UAX #15's
/// quick check, finished for the "maybe" case). False means "normalize to find out".
///
/// ```
/// use textmend::repair::fastpath::is_nfc_verified;
/// assert!(is_nfc_verified("ẹ̀ and \u{1100}x"));
/// assert!(!is_nfc_verified("e\u{301}"));
/// assert!(!is_nfc_verified("a\u{302}\u{323}"));
/// ```
pub fn is_nfc_verified(text: &str) -> bool {
    use unicode_normalization::char::{canonical_combining_class, compose, decompose_canonical};
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    let mut last_starter: Option<char> = None;
    let mut last_ccc = 0u8;
    let mut prev_is_starter = false;
    let t = tables();
    let plain = t.plain;
    for c in text.chars() {
        let cp = c as u32;
        if c.is_ascii() || cp < 0x10000 && bit(plain, cp) {
            // What the general case below concludes for a plain starter, without the lookups.
            last_starter = Some(c);
            last_ccc = 0;
            prev_is_starter = true;
            continue;
        }
        let (ccc, tail_ccc, qc) = if cp < 0x10000 {
            let [ccc, tail, qc] = t.normal[cp as u16 as usize];
            let qc = match qc {
                0 => IsNormalized::Yes,
                1 => IsNormalized::Maybe,
                _ => IsNormalized::No,
            };
            (ccc, tail, qc)
        } else {
            let ccc = canonical_combining_class(c);
            // A precomposed character counts with the class of the last character of its
            // decomposition (ḋ ends in a mark of class 230, so a following class-220 mark
            // reorders).
            let mut tail = ccc;
            decompose_canonical(c, |d| tail = canonical_combining_class(d));
            (ccc, tail, is_nfc_quick(std::iter::once(c)))
        };
        if qc == IsNormalized::No || ccc != 0 && last_ccc > ccc {
            return false;
        }
        if qc == IsNormalized::Maybe
            && let Some(starter) = last_starter
        {
            let blocked = !prev_is_starter && (last_ccc == 0 || last_ccc >= ccc);
            if !blocked && compose(starter, c).is_some() {
                return false;
            }
        }
        last_ccc = tail_ccc;
        if ccc == 0 {
            last_starter = Some(c);
            prev_is_starter = true;
        } else {
            prev_is_starter = false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Characters of the kinds the scan tells apart: ASCII (controls, `&`, `\n`), C1, Latin-1,
    /// Cyrillic, Greek, Indic, Thai, CJK, Hangul, punctuation, box drawing, emoji, and any.
    fn scan_char() -> impl Strategy<Value = char> {
        let range = |a: u32, b: u32| (a..=b).prop_map(|c| char::from_u32(c).unwrap_or('?'));
        prop_oneof![
            4 => range(0x20, 0x7E),
            1 => proptest::sample::select(vec!['\n', '\t', '\r', '&', '\u{1b}', '\u{7f}', '\0', '\u{c}']),
            1 => range(0x80, 0xFF),
            3 => range(0x400, 0x4FF),
            1 => range(0x370, 0x3FF),
            1 => range(0x100, 0x7FF),
            2 => range(0x900, 0xDFF),
            1 => range(0xE00, 0x1FFF),
            1 => range(0x2000, 0x2BFF),
            1 => range(0x3000, 0xD7FF),
            1 => range(0xF900, 0xFFFF),
            1 => range(0x1F000, 0x1FAFF),
            1 => any::<char>(),
        ]
    }

    /// Runs of one kind of character (as text has them), long enough for whole blocks.
    fn scan_text() -> impl Strategy<Value = String> {
        let run = (
            scan_char(),
            proptest::collection::vec(scan_char(), 0..6),
            1usize..40,
        )
            .prop_map(|(a, rest, len)| {
                // Mostly neighbours of `a`, so that runs stay in one script.
                let mut out = String::new();
                for k in 0..len {
                    let c = match rest.get(k % 7) {
                        Some(&c) if k % 3 == 0 => c,
                        _ => char::from_u32(a as u32 + (k as u32 * 7) % 48).unwrap_or(a),
                    };
                    out.push(c);
                }
                out
            });
        proptest::collection::vec(run, 0..16).prop_map(|v| v.concat())
    }

    /// [`scan_quiet`] of any text, where the CPU runs it (else the plain scan).
    fn quiet_scan(text: &str) -> Vec<(std::ops::Range<usize>, Scan)> {
        #[cfg(target_arch = "x86_64")]
        if let Some(q) = quiet() {
            // SAFETY: `quiet` is `Some` only with AVX2.
            return unsafe { scan_quiet(text, q) };
        }
        scan::<false>(text)
    }

    /// [`scan_gated`] of any text, where the CPU runs it (else the legacy scan).
    fn gated_scan(text: &str) -> Vec<(std::ops::Range<usize>, Scan)> {
        #[cfg(target_arch = "x86_64")]
        if let Some(g) = gated() {
            // SAFETY: `gated` is `Some` only with AVX2.
            return unsafe { scan_gated(text, g) };
        }
        scan::<true>(text)
    }

    fn scan_config() -> ProptestConfig {
        ProptestConfig {
            cases: 3000,
            rng_seed: proptest::test_runner::RngSeed::Fixed(3),
            ..ProptestConfig::default()
        }
    }

    proptest! {
        #![proptest_config(scan_config())]

        /// The next byte outside ASCII, found a word at a time, is the first such byte from
        /// every position (and past the end, the end).
        #[test]
        fn next_non_ascii_is_the_first_high_byte(text in scan_text()) {
            let bytes = text.as_bytes();
            for from in 0..=bytes.len() + 1 {
                let want = bytes
                    .get(from..)
                    .and_then(|rest| rest.iter().position(|&b| b >= 0x80))
                    .map_or(bytes.len(), |k| from + k);
                prop_assert_eq!(next_non_ascii(bytes, from), want);
            }
        }

        /// `next_ascii` finds the first byte below 0x80 from every position.
        #[test]
        fn next_ascii_is_the_first_low_byte(text in scan_text()) {
            let bytes = text.as_bytes();
            for from in 0..=bytes.len() {
                let want = (from..bytes.len()).find(|&i| bytes[i] < 0x80).unwrap_or(bytes.len());
                prop_assert_eq!(next_ascii(bytes, from), want);
            }
        }

        /// The pair walk finds what the walk character by character finds in Cyrillic text
        /// with the characters that make pairs with its letters (`ј`, `ё`, `Ђ`, a no-break
        /// space...), ASCII, C1 controls and characters of other lengths.
        #[test]
        fn pair_walk_is_one_by_one_on_cyrillic(
            text in proptest::collection::vec(
                prop_oneof![
                    4 => (0x400u32..0x460).prop_map(|cp| char::from_u32(cp).unwrap()),
                    2 => proptest::sample::select(
                        " a.,9\u{a0}ёіјўђЂЁРСВГвƒ«»—\u{85}Ð中😀\u{301}".chars().collect::<Vec<_>>()
                    ),
                    1 => (0x80u32..0x800).prop_map(|cp| char::from_u32(cp).unwrap()),
                ],
                0..80,
            )
        ) {
            assert_walk_is_one_by_one(&text.into_iter().collect::<String>());
        }

        /// The walk that stops at a pair of a rule finds the pairs of the whole text when it
        /// does not stop, and stops only where the whole text has such a pair or a C1
        /// control.
        #[test]
        fn pair_masks_until_is_pair_masks_or_a_prefix_that_stops(text in scan_text()) {
            let pairs = Pairs::get();
            let full = pair_masks(text.as_bytes(), pairs);
            for stop in [0u64, 1, 0xFFFF, !0] {
                let (found, c1, whole, _) = pair_masks_until(text.as_bytes(), pairs, stop);
                if whole {
                    prop_assert_eq!((found, c1), full);
                } else {
                    prop_assert!(found & stop != 0 || c1);
                    prop_assert!(found & !full.0 == 0 && (!c1 || full.1));
                }
            }
        }

        /// The scan with the quiet test finds exactly what the scan character by character
        /// finds.
        #[test]
        fn quiet_scan_finds_what_the_plain_scan_finds(text in scan_text()) {
            prop_assert_eq!(quiet_scan(&text), scan::<false>(&text));
            prop_assert_eq!(scan_plain(&text), scan::<false>(&text));
        }

        /// The scan of a line the mojibake pass settled finds what the scan finds, with
        /// `MOJIBAKE` set in the first line.
        #[test]
        fn settled_scan_is_the_scan_with_mojibake_set(text in scan_text()) {
            prop_assert_eq!(lines_for_settled(&text, true), lines_for(&text, true));
            let mut expect = scan::<false>(&text);
            let first_end = memchr::memchr(b'\n', text.as_bytes()).map_or(text.len(), |i| i + 1);
            if !text.is_empty() {
                match expect.first_mut() {
                    Some((r, flags)) if r.start == 0 => flags.0 |= Scan::MOJIBAKE.0,
                    _ => expect.insert(0, (0..first_end, Scan::MOJIBAKE)),
                }
            }
            let got = lines_for_settled(&text, false);
            if text.len() >= 64 && quiet().is_some() {
                prop_assert_eq!(got, expect);
            } else {
                prop_assert_eq!(got, scan::<false>(&text));
            }
        }

        /// The scan with the gated block test finds exactly what the gated scan character
        /// by character finds, legacy flags included.
        #[test]
        fn gated_scan_finds_what_the_legacy_scan_finds(text in scan_text()) {
            prop_assert_eq!(gated_scan(&text), scan::<true>(&text));
            prop_assert_eq!(lines_for(&text, true), scan::<true>(&text));
        }

        /// The same on texts made of the characters the gated test knows, with signs of
        /// the gate (capitals, odd signs, Latin-1 letters, CJK) dropped in.
        #[test]
        fn gated_scan_finds_what_the_legacy_scan_finds_near_signs(
            parts in proptest::collection::vec(
                (proptest::sample::select(vec![
                    "Привет мир, это текст. ", "Ελληνικά κείμενα ", "กรุงเทพ ", "ქართული ",
                    "עברית ", "हिन्दी ", "العربية ", "\n", "ok ", "中文", "한국어 ",
                    "日本語のテキストです", "ひらがな、カタカナ。", "漢字", "a中", "한국 어",
                ]), proptest::sample::select(vec![
                    "", "", "Ж", "ВОЛГА", "©", "é", "±µ", "╔", "浣犲ソ", "ß", "ї", "€", "\r",
                    "ж", "ウ", "\u{3000}", "ー", "Жж", "中", "x", " ",
                ])),
                0..24,
            )
        ) {
            let text: String = parts.iter().flat_map(|(a, b)| [*a, *b]).collect();
            prop_assert_eq!(gated_scan(&text), scan::<true>(&text));
        }

        /// The SIMD block test flags a character start exactly when the rule it implements
        /// ([`Quiet::recognises`]) does not know the character as quiet.
        #[test]
        fn quiet_block_follows_its_rule(text in scan_text()) {
            let Some(q) = quiet() else { return Ok(()) };
            let bytes = text.as_bytes();
            for (at, _) in text.char_indices().filter(|&(at, _)| at + 34 <= bytes.len()) {
                // SAFETY: `quiet` is `Some` only with AVX2.
                for groups in [&q.quiet, &q.silent] {
                    let block = unsafe { q.block(groups, bytes, at) };
                    let mut before = None;
                    for (j, c) in text[at..].char_indices().take_while(|&(j, _)| j < 32) {
                        let here = &bytes[at + j..];
                        let known = c == '\n'
                            || q.recognises(groups, here)
                                && !q.may_end_mark_pair(groups, before, here);
                        prop_assert_eq!(block.loud >> j & 1 == 0, known, "{:?} at {}", c, at + j);
                        before = Some(here);
                        prop_assert_eq!(block.newlines >> j & 1 == 1, c == '\n');
                    }
                }
            }
        }
    }

    /// The gated test knows the letters of the common scripts that are not capitals (and not
    /// CJK, Hebrew or most of Arabic, which the scan passes over by lead byte already).
    #[test]
    fn the_gated_test_knows_the_common_scripts() {
        let Some(g) = gated() else { return };
        let q = &g.letters;
        let mut missed = String::new();
        for text in ["привет мир", "ελληνικά", "กรุงเทพ", "ქართული", "हिन्दी"]
        {
            for c in text.chars() {
                let bytes = c.to_string();
                let lead_read = tables().boring_lead[bytes.as_bytes()[0] as usize] == 0;
                let known = |groups| {
                    q.recognises(groups, bytes.as_bytes()) || lead_read && q.knows(groups, c as u32)
                };
                if !known(&q.silent) && !known(&g.odd.quiet) {
                    missed.push(c);
                }
            }
        }
        assert_eq!(missed, "");
    }

    /// Every character the quiet test recognises is quiet: no flag, and its pair roles meet
    /// no other quiet character's or ASCII's.
    #[test]
    fn the_quiet_test_recognises_only_quiet_characters() {
        let (t, pairs) = (tables(), Pairs::get());
        let q = quiet_tables();
        let mut quiet_first = 0u64;
        let mut quiet_second = 0u64;
        for cp in 0u32..0x10000 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let flags = if cp < 0x80 {
                ASCII_FLAGS[cp as usize]
            } else {
                t.kind_of(cp).flags
            };
            if q.recognises(&q.silent, bytes) {
                assert_eq!(flags, 0, "silent U+{cp:04X}");
            }
            if !q.recognises(&q.quiet, bytes) {
                continue;
            }
            assert_eq!(flags, 0, "U+{cp:04X}");
            assert!(q.recognises(&q.silent, bytes), "U+{cp:04X}");
            if cp < 0x80 {
                quiet_second |= pairs.second_ascii(cp as u8);
                continue;
            }
            let k = t.kind_of(cp);
            assert_eq!(k.first & !MARKS, pairs.first_cp(cp), "U+{cp:04X}");
            assert_eq!(k.second & !MARKS, pairs.second_cp(cp), "U+{cp:04X}");
            // (A mark recognised, of U+0800–U+1FFF, is found by the block test where it may
            // end a pair: held by `quiet_block_follows_its_rule`.)
            quiet_first |= k.first & !MARKS;
            quiet_second |= k.second & !MARKS;
        }
        assert_eq!(quiet_first & quiet_second, 0);
        // The common scripts are recognised (but the Hangul syllables of U+AC00–U+AFFF,
        // whose lead byte has marks too: known exactly).
        for text in ["Привет мир", "กรุงเทพ", "ქართული", "中文한어"]
        {
            assert!(
                text.chars()
                    .all(|c| q.recognises(&q.quiet, c.to_string().as_bytes())),
                "{text}"
            );
        }
        for text in ["Українська", "Ελληνικά", "café Ñoño", "cafÃ© Ð¿Ñ"] {
            assert!(
                text.chars()
                    .all(|c| q.recognises(&q.silent, c.to_string().as_bytes())),
                "{text}"
            );
        }
    }

    /// The quiet scan on the repository's corpora, line by line and whole.
    #[test]
    fn quiet_scan_finds_what_the_plain_scan_finds_in_the_corpora() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
        let mut texts = Vec::new();
        for file in [
            "corpus/intact.jsonl",
            "corpus/damaged.jsonl",
            "legacy/intact.jsonl",
            "legacy/damaged.jsonl",
        ] {
            texts.push(std::fs::read_to_string(dir.join(file)).unwrap());
        }
        for file in ["corpus/traps.txt", "corpus/udhr-article1.txt"] {
            texts.push(std::fs::read_to_string(dir.join(file)).unwrap());
        }
        for text in &texts {
            // JSON escapes aside, the raw lines are text too; and the unescaped fields.
            assert_eq!(quiet_scan(text), scan::<false>(text));
            assert_eq!(gated_scan(text), scan::<true>(text));
            let mut joined = String::new();
            for line in text.lines() {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                    for field in v.as_object().into_iter().flat_map(|o| o.values()) {
                        if let Some(s) = field.as_str() {
                            assert_eq!(quiet_scan(s), scan::<false>(s), "{s:?}");
                            assert_eq!(gated_scan(s), scan::<true>(s), "{s:?}");
                            joined.push_str(s);
                            joined.push('\n');
                        }
                    }
                }
            }
            assert_eq!(quiet_scan(&joined), scan::<false>(&joined));
            assert_eq!(gated_scan(&joined), scan::<true>(&joined));
        }
    }

    /// What [`pair_masks_and_pages`] finds, character by character from the pairs' own masks and
    /// the code pages' sets: the union of the pairs' masks, whether a C1 control is there, and
    /// the pages that have every character outside ASCII.
    fn pairs_and_pages_one_by_one(text: &str) -> (u64, bool, u32) {
        let pairs = Pairs::get();
        let (mut found, mut prev, mut c1, mut pages) = (0u64, 0u64, false, u16::MAX);
        for c in text.chars() {
            found |= prev & pairs.second(c);
            c1 |= ('\u{80}'..='\u{9f}').contains(&c);
            if !c.is_ascii() {
                pages &= pages_having(page_sets(), c as u32);
            }
            prev = if c.is_ascii() { 0 } else { pairs.first(c) };
        }
        (found, c1, u32::from(pages))
    }

    /// The pair walk (which passes over runs of quiet letters, [`QuietLetters`], 16 bytes at a
    /// time where it can) finds what the walk character by character finds in `text`, to the
    /// end and up to a stop (with the stops of the rules' bits and of every bit); so do its
    /// suffixes from each of the first 17 characters (runs meet the 16-byte blocks at every
    /// offset).
    fn assert_walk_is_one_by_one(text: &str) {
        let pairs = Pairs::get();
        let rules = pairs.rule_bits();
        for (k, (at, _)) in text.char_indices().take(17).enumerate() {
            if k > 0 && at + 17 > text.len() {
                break;
            }
            let text = &text[at..];
            let want = pairs_and_pages_one_by_one(text);
            assert_eq!(
                pair_masks_and_pages(text.as_bytes(), pairs),
                want,
                "{text:?}"
            );
            for stop in [rules, !0] {
                let got = pair_masks_until(text.as_bytes(), pairs, stop);
                if want.0 & stop == 0 && !want.1 {
                    assert_eq!(got, (want.0, false, true, want.2), "{text:?}");
                } else {
                    assert!(!got.2, "{text:?}");
                }
            }
        }
    }

    /// Every line of the test data (the corpora, the legacy and uchardet files read as UTF-8
    /// and as windows-1251, the ftfy cases), walked by the pair walk, gives what the walk
    /// character by character gives; more than 200 of the lines hold a block of 16 bytes of
    /// quiet letters and ASCII.
    #[test]
    fn the_pair_walk_is_the_walk_one_by_one_on_the_test_data() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
        let cp1251 = super::super::codepages::code_page("windows-1251").unwrap();
        let mut files = Vec::new();
        let mut dirs = vec![dir];
        while let Some(d) = dirs.pop() {
            for entry in std::fs::read_dir(d).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        let mut lines = 0;
        // Lines with a block of 16 bytes of quiet letters and ASCII, letters among them.
        let mut quiet_lines = 0;
        let quiet = quiet_letters();
        assert!(quiet.len > 0 && quiet.blocks);
        for file in files {
            let bytes = std::fs::read(&file).unwrap();
            let texts = [
                String::from_utf8_lossy(&bytes).into_owned(),
                bytes.iter().map(|&b| cp1251.char(b)).collect(),
            ];
            for text in &texts {
                for line in text.lines() {
                    assert_walk_is_one_by_one(line);
                    lines += 1;
                    let b = line.as_bytes();
                    let quiet_block = |(i, _): (usize, char)| {
                        i + 17 <= b.len()
                            && loud_in_block(&b[i..i + 17]) == 0
                            && b[i..i + 16].iter().any(|&x| x >= 0xC0)
                    };
                    quiet_lines += usize::from(line.char_indices().any(quiet_block));
                }
            }
        }
        assert!(lines > 10_000, "{lines}");
        assert!(quiet_lines > 200, "{quiet_lines}");
    }

    /// The scan's normalization tables, built in one pass over the code points, hold what the
    /// straightforward definitions give for every BMP code point.
    #[test]
    fn pair_masks_are_the_union_of_every_pair() {
        // Each two-byte character (the one table look-up) next to characters of every length,
        // on both sides, against the pairs' own masks character by character.
        let pairs = Pairs::get();
        let reference = |text: &str| {
            let (mut found, mut prev, mut c1) = (0u64, 0u64, false);
            for c in text.chars() {
                found |= prev & pairs.second(c);
                c1 |= ('\u{80}'..='\u{9f}').contains(&c);
                prev = if c.is_ascii() { 0 } else { pairs.first(c) };
            }
            (found, c1)
        };
        let others: Vec<char> = "a ?\u{85}\u{a0}©Ã©ÂâÐÑØÙΩ€‚™“”•–ą中😀\u{2028}﻿"
            .chars()
            .chain((0x80..0x800).step_by(37).filter_map(char::from_u32))
            .collect();
        for a in (0x80..0x800).filter_map(char::from_u32) {
            for &b in &others {
                for text in [format!("{a}{b}"), format!("{b}{a}"), format!("x{a}{b}{a}y")] {
                    assert_eq!(
                        pair_masks(text.as_bytes(), pairs),
                        reference(&text),
                        "{text:?}"
                    );
                }
            }
        }
    }

    /// Every pair of characters NFC-stable alone whose order NFC changes (a mark of class `b`
    /// after a character whose decomposition ends in class `a > b`) meets in a mark bit of
    /// their roles, and the roles are those of the scan's tables in the BMP.
    #[test]
    fn mark_roles_meet_for_every_pair_out_of_order() {
        let t = tables();
        let mut tails = std::collections::BTreeSet::new();
        let mut classes_seen = std::collections::BTreeSet::new();
        for c in (0x80..0x110000).filter_map(char::from_u32) {
            let (ccc, tail) = classes(c);
            let stable = is_nfc_stable(c as u32);
            let (first, second) = mark_roles(ccc, tail, stable);
            if (c as u32) < 0x10000 {
                let k = t.kind_of(c as u32);
                assert_eq!(
                    (k.first & MARKS, k.second & MARKS),
                    (first, second),
                    "{c:?}"
                );
            } else if c as u32 >= ASTRAL_MARKS_END {
                assert_eq!((ccc, tail), (0, 0), "{c:?}");
            }
            if stable {
                tails.insert((tail, first));
                classes_seen.insert((ccc, second));
            }
        }
        for &(a, first) in &tails {
            for &(b, second) in &classes_seen {
                if b != 0 && a > b {
                    assert_ne!(first & second, 0, "tail {a} before class {b}");
                }
            }
        }
    }

    #[test]
    fn normalization_tables_match_their_definitions() {
        use unicode_normalization::char::{canonical_combining_class, decompose_canonical};
        let t = tables();
        for cp in 0x80u32..0x10000 {
            assert_eq!(
                t.normal[cp as usize][2] != 0,
                !is_nfc_stable(cp),
                "QC of U+{cp:04X}"
            );
            let plain = char::from_u32(cp).is_some_and(|c| {
                let mut tail = 0;
                decompose_canonical(c, |d| tail = canonical_combining_class(d));
                is_nfc_stable(cp) && canonical_combining_class(c) == 0 && tail == 0
            });
            assert_eq!(bit(t.plain, cp), plain, "plain bit of U+{cp:04X}");
            assert_eq!(
                t.kind_of(cp).flags & Scan::NFC.0 != 0,
                !is_nfc_stable(cp),
                "NFC flag of U+{cp:04X}"
            );
        }
    }
}
