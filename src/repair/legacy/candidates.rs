//! Candidate explanations of a span: which reading (the encoding the text was wrongly decoded
//! with) can give back the bytes, and which true encodings decode those bytes without loss.

use std::collections::HashMap;
use std::sync::OnceLock;

use encoding_rs::Encoding;

use super::quick::ByteMap;
use crate::repair::codepage::reading_of;
use crate::repair::codepages::{CodePage, code_page};

/// The encoding a text was wrongly read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// windows-1252 or Latin-1: one byte per character, see [`latin_byte_quick`].
    Latin,
    /// A single-byte code page of encoding_rs (windows-1251, KOI8-R, KOI8-U, IBM866).
    SingleByte(&'static Encoding),
    /// A multi-byte legacy encoding (GBK, Big5, Shift_JIS, EUC-KR) that UTF-8 bytes were read as.
    MultiByte(&'static Encoding),
}

/// Every reading tried, each with the true encodings it is tried against.
pub fn readings() -> &'static [(Reading, &'static [&'static Encoding])] {
    use encoding_rs::*;
    const LATIN_TRUE: &[&Encoding] = &[
        GBK,
        BIG5,
        SHIFT_JIS,
        EUC_JP,
        EUC_KR,
        WINDOWS_1251,
        WINDOWS_1253,
        WINDOWS_1250,
        ISO_8859_2,
    ];
    const CYRILLIC: [&Encoding; 4] = [WINDOWS_1251, KOI8_R, KOI8_U, IBM866];
    const NOT_1251: &[&Encoding] = &[KOI8_R, KOI8_U, IBM866];
    const NOT_KOI8R: &[&Encoding] = &[WINDOWS_1251, KOI8_U, IBM866];
    const NOT_KOI8U: &[&Encoding] = &[WINDOWS_1251, KOI8_R, IBM866];
    const NOT_866: &[&Encoding] = &[WINDOWS_1251, KOI8_R, KOI8_U];
    const UTF8: &[&Encoding] = &[UTF_8];
    static ALL: OnceLock<Vec<(Reading, &'static [&'static Encoding])>> = OnceLock::new();
    ALL.get_or_init(|| {
        vec![
            (Reading::Latin, LATIN_TRUE),
            (Reading::SingleByte(CYRILLIC[0]), NOT_1251),
            (Reading::SingleByte(CYRILLIC[1]), NOT_KOI8R),
            (Reading::SingleByte(CYRILLIC[2]), NOT_KOI8U),
            (Reading::SingleByte(CYRILLIC[3]), NOT_866),
            (Reading::MultiByte(GBK), UTF8),
            (Reading::MultiByte(BIG5), UTF8),
            (Reading::MultiByte(SHIFT_JIS), UTF8),
            (Reading::MultiByte(EUC_KR), UTF8),
        ]
    })
}

impl Reading {
    /// The byte `c` was decoded from under a single-byte reading (`None` for multi-byte
    /// readings and for characters the code page lacks).
    pub fn byte(self, c: char) -> Option<u8> {
        match self {
            Reading::Latin => latin_byte_quick(c),
            Reading::SingleByte(enc) => {
                if c.is_ascii() {
                    Some(c as u8)
                } else {
                    byte_map(enc).get(c)
                }
            }
            Reading::MultiByte(_) => None,
        }
    }

    /// Its name in reports, for the span `span` it explains.
    pub fn name(self, span: &str) -> String {
        match self {
            Reading::Latin => reading_of(span).name().to_string(),
            Reading::SingleByte(enc) | Reading::MultiByte(enc) => encoding_name(enc),
        }
    }
}

/// [`latin_byte`](crate::repair::codepage::latin_byte) by table look-up: the byte `c` was
/// decoded from under windows-1252 or Latin-1 (C1 controls are their own byte).
///
/// ```
/// use textmend::repair::legacy::candidates::latin_byte_quick;
/// assert_eq!(latin_byte_quick('€'), Some(0x80));
/// assert_eq!(latin_byte_quick('\u{8d}'), Some(0x8D));
/// assert_eq!(latin_byte_quick('Ж'), None);
/// ```
pub fn latin_byte_quick(c: char) -> Option<u8> {
    static WINDOWS_1252: OnceLock<&'static CodePage> = OnceLock::new();
    match c as u32 {
        0..=0xFF => Some(c as u8),
        0x100..=0x2122 => WINDOWS_1252
            .get_or_init(|| code_page("windows-1252").expect("windows-1252 table"))
            .byte(c),
        _ => None,
    }
}

/// The lower-case WHATWG name of an encoding, as reports print it.
pub fn encoding_name(enc: &'static Encoding) -> String {
    enc.name().to_ascii_lowercase()
}

/// The bytes of the characters of a single-byte reading, as an array over the BMP (see
/// [`Reading::byte`]). The KOI8 family: KOI8-R, KOI8-U and KOI8-RU (encoding_rs's KOI8-U)
/// differ in a few box-drawing places; a text read with one of them may have been read with
/// another, so both read with KOI8-U's bytes first, then KOI8-R's.
fn byte_map(enc: &'static Encoding) -> &'static ByteMap {
    use encoding_rs::{IBM866, KOI8_R, KOI8_U, WINDOWS_1251};
    static MAPS: [OnceLock<ByteMap>; 3] = [const { OnceLock::new() }; 3];
    let (i, maps): (usize, &[&'static Encoding]) = if enc == KOI8_U || enc == KOI8_R {
        (0, &[KOI8_U, KOI8_R])
    } else if enc == WINDOWS_1251 {
        (1, &[WINDOWS_1251])
    } else {
        assert!(enc == IBM866, "single-byte reading without a table");
        (2, &[IBM866])
    };
    MAPS[i].get_or_init(|| ByteMap::build(&maps.iter().map(|&e| high_half(e)).collect::<Vec<_>>()))
}

/// The characters of bytes 0x80–0xFF of a single-byte encoding, with their bytes.
fn high_half(enc: &'static Encoding) -> &'static HashMap<char, u8> {
    static TABLES: OnceLock<Vec<(&'static Encoding, HashMap<char, u8>)>> = OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        use encoding_rs::*;
        [WINDOWS_1251, KOI8_R, KOI8_U, IBM866]
            .into_iter()
            .map(|e| {
                let map = (0x80..=0xFFu8)
                    .filter_map(|b| {
                        let byte = [b];
                        let s = e.decode_without_bom_handling_and_without_replacement(&byte)?;
                        let c = s.chars().next()?;
                        Some((c, b))
                    })
                    .collect();
                (e, map)
            })
            .collect()
    });
    tables
        .iter()
        .find(|(e, _)| *e == enc)
        .map(|(_, m)| m)
        .expect("single-byte reading without a table")
}

/// How many bytes the character starting at `bytes[i]` takes in the multi-byte encoding `enc`
/// (1 for single-byte encodings and for bytes that start no multi-byte character).
pub fn char_len(enc: &'static Encoding, bytes: &[u8], i: usize) -> usize {
    use encoding_rs::*;
    let b = bytes[i];
    let next = bytes.get(i + 1).copied();
    if enc == GBK || enc == GB18030 {
        match (b, next) {
            (0x81..=0xFE, Some(0x30..=0x39)) => 4,
            (0x81..=0xFE, _) => 2,
            _ => 1,
        }
    } else if enc == BIG5 || enc == EUC_KR {
        if (0x81..=0xFE).contains(&b) { 2 } else { 1 }
    } else if enc == SHIFT_JIS {
        if matches!(b, 0x81..=0x9F | 0xE0..=0xFC) {
            2
        } else {
            1
        }
    } else if enc == EUC_JP {
        match b {
            0x8F => 3,
            0x8E | 0xA1..=0xFE => 2,
            _ => 1,
        }
    } else {
        1
    }
}

/// The spans of a line that `enc` would decode differently from ASCII, as ranges of byte
/// positions (one byte per character of the line): each starts at a byte >= 0x80 and takes
/// whole characters of `enc` (a multi-byte character may take an ASCII byte as its trail),
/// while bytes >= 0x80 follow. `bytes` holds `None` where a character has no byte; `flat` is
/// `bytes` with 0 for `None`.
pub fn spans(
    enc: &'static Encoding,
    bytes: &[Option<u8>],
    flat: &[u8],
) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::with_capacity(16);
    let high = |b: &Option<u8>| matches!(b, Some(b) if *b >= 0x80);
    if super::quick::is_single_byte(enc) {
        // A single-byte encoding: every character is one byte, so a span is a run of bytes
        // >= 0x80 (what the loop below finds, without asking each byte its length).
        let mut i = 0;
        while i < bytes.len() {
            if !high(&bytes[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && high(&bytes[i]) {
                i += 1;
            }
            out.push(start..i);
        }
        return out;
    }
    spans_by_char_len(enc, bytes, flat, out)
}

/// [`spans`] with each character's length asked of [`char_len`] (into `out`): the multi-byte
/// encodings, and the reference of the single-byte path in the tests.
fn spans_by_char_len(
    enc: &'static Encoding,
    bytes: &[Option<u8>],
    flat: &[u8],
    mut out: Vec<std::ops::Range<usize>>,
) -> Vec<std::ops::Range<usize>> {
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            Some(b) if b >= 0x80 => {
                let start = i;
                while i < bytes.len() && matches!(bytes[i], Some(b) if b >= 0x80) {
                    let len = char_len(enc, flat, i);
                    if bytes[i..].len() < len || bytes[i..i + len].iter().any(|b| b.is_none()) {
                        i += 1; // a lead byte without its trail: the decoder will refuse it
                        break;
                    }
                    i += len;
                }
                out.push(start..i);
            }
            _ => i += 1,
        }
    }
    out
}

/// Decode `bytes` with `enc`, or `None` if any sequence is invalid.
pub fn decode_exact(enc: &'static Encoding, bytes: &[u8]) -> Option<String> {
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
}

/// True when `bytes` hold UTF-8 text with at least one multi-byte character: text read with a
/// single-byte code page from such bytes is UTF-8 mojibake, which the UTF-8 pass repairs.
pub fn is_utf8_mojibake(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

/// The bytes of `c` in the multi-byte encoding `enc` (a second byte 0 means one byte), from a
/// table of every one- and two-byte sequence decoded (encoding_rs's Big5 encoder searches its
/// index for each character, far too slow for the first look at every run of CJK text).
/// `None` when `c` has no such sequence. The tables are computed by `multi_byte_table` and
/// shipped in `data/generated/multibyte-*.bin`.
pub fn multi_byte_of(enc: &'static Encoding, c: char) -> Option<[u8; 2]> {
    static TABLES: OnceLock<[MultiByteTable; 4]> = OnceLock::new();
    let i = MULTI_BYTE.iter().position(|&(e, _, _)| e == enc)?;
    TABLES
        .get_or_init(|| MULTI_BYTE.map(|(_, name, bytes)| MultiByteTable::load(bytes, name)))
        .get(i)?
        .get(c)
}

/// The encodings of [`multi_byte_of`], with the names and bytes of their shipped tables.
const MULTI_BYTE: [(&Encoding, &str, &[u8]); 4] = [
    (
        encoding_rs::GBK,
        "multibyte-gbk.bin",
        include_bytes!("../../../data/generated/multibyte-gbk.bin"),
    ),
    (
        encoding_rs::BIG5,
        "multibyte-big5.bin",
        include_bytes!("../../../data/generated/multibyte-big5.bin"),
    ),
    (
        encoding_rs::SHIFT_JIS,
        "multibyte-shift_jis.bin",
        include_bytes!("../../../data/generated/multibyte-shift_jis.bin"),
    ),
    (
        encoding_rs::EUC_KR,
        "multibyte-euc-kr.bin",
        include_bytes!("../../../data/generated/multibyte-euc-kr.bin"),
    ),
];

/// The bytes of each character in one multi-byte encoding, read in place from its shipped
/// file: the BMP in blocks of 256 code points (a block index per high byte, block 0 empty;
/// `[0, 0]` for none, as no sequence starts with byte 0), and a sorted list for the few
/// characters beyond it.
///
/// File layout: 256 block indexes (one byte each), the number of characters beyond the BMP
/// (u32, little-endian), those characters (code point as u32 little-endian, then its two
/// bytes; sorted by code point), then the blocks (256 × 2 bytes each).
struct MultiByteTable {
    pages: &'static [u8; 256],
    astral: &'static [[u8; 6]],
    blocks: &'static [[[u8; 2]; 256]],
}

impl MultiByteTable {
    /// The table in `bytes` (the file `name`), checked for size.
    fn load(bytes: &'static [u8], name: &str) -> MultiByteTable {
        let stale = || -> ! {
            panic!(
                "data/generated/{name} is malformed: run `cargo run --release --example gen_tables`"
            )
        };
        if bytes.len() < 260 {
            stale()
        }
        let (pages, rest) = bytes.split_at(256);
        let (count, rest) = rest.split_at(4);
        let count = u32::from_le_bytes(count.try_into().expect("four bytes")) as usize;
        let Some((astral, blocks)) = rest.split_at_checked(count * 6) else {
            stale()
        };
        let (blocks, []) = blocks.as_chunks::<2>() else {
            stale()
        };
        let (blocks, []) = blocks.as_chunks::<256>() else {
            stale()
        };
        let pages: &[u8; 256] = pages.try_into().expect("256 bytes");
        if pages.iter().any(|&p| p as usize >= blocks.len()) {
            stale()
        }
        MultiByteTable {
            pages,
            astral: astral.as_chunks::<6>().0,
            blocks,
        }
    }

    fn get(&self, c: char) -> Option<[u8; 2]> {
        let cp = c as u32;
        let bytes = if cp < 0x10000 {
            self.blocks[self.pages[(cp >> 8) as usize] as usize][(cp & 0xFF) as usize]
        } else {
            let at = self
                .astral
                .binary_search_by_key(&cp, |e| u32::from_le_bytes([e[0], e[1], e[2], e[3]]))
                .ok()?;
            [self.astral[at][4], self.astral[at][5]]
        };
        (bytes != [0, 0]).then_some(bytes)
    }

    /// How many characters have a sequence.
    #[cfg(test)]
    fn len(&self) -> usize {
        let bmp: usize = self
            .pages
            .iter()
            .map(|&p| {
                self.blocks[p as usize]
                    .iter()
                    .filter(|b| **b != [0, 0])
                    .count()
            })
            .sum();
        bmp + self.astral.len()
    }
}

/// The table of [`multi_byte_of`] for `enc`, as the bytes of its file (see
/// [`MultiByteTable`]): every character a one- or two-byte sequence decodes to (the first
/// sequence wins), decoded without allocating.
fn multi_byte_table(enc: &'static Encoding) -> Vec<u8> {
    let mut bmp = vec![[0u8, 0u8]; 0x10000];
    let mut astral: Vec<(u32, [u8; 2])> = Vec::new();
    // Record `bytes` for `c` unless it has a sequence already (the first one wins).
    let mut offer = |c: char, bytes: [u8; 2]| match bmp.get_mut(c as usize) {
        Some(slot) if *slot == [0, 0] => *slot = bytes,
        Some(_) => {}
        None => {
            if !astral.iter().any(|&(a, _)| a == c as u32) {
                astral.push((c as u32, bytes));
            }
        }
    };
    let mut out = [0u8; 16];
    // The one character `bytes` decode to, if they are exactly one character.
    let mut one_char = |bytes: &[u8]| -> Option<char> {
        let mut decoder = enc.new_decoder_without_bom_handling();
        let (result, read, written) =
            decoder.decode_to_utf8_without_replacement(bytes, &mut out, true);
        if result != encoding_rs::DecoderResult::InputEmpty || read != bytes.len() {
            return None;
        }
        let s = std::str::from_utf8(&out[..written]).ok()?;
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (Some(ch), None) => Some(ch),
            _ => None,
        }
    };
    for single in 0x80..=0xFFu8 {
        if let Some(ch) = one_char(&[single]) {
            offer(ch, [single, 0]);
        }
    }
    for lead in 0x81..=0xFEu8 {
        for trail in 0x40..=0xFEu8 {
            if let Some(ch) = one_char(&[lead, trail]) {
                offer(ch, [lead, trail]);
            }
        }
    }
    astral.sort_unstable();
    // Blocks of 256 code points, each distinct one stored once; block 0 is the empty one.
    let (mut file, blocks) = crate::generated::dedup_blocks(&bmp, &[[0, 0]; 256]);
    file.extend((astral.len() as u32).to_le_bytes());
    for (cp, bytes) in astral {
        file.extend(cp.to_le_bytes());
        file.extend(bytes);
    }
    for block in blocks {
        file.extend(block.concat());
    }
    file
}

/// The multi-byte tables, computed and shipped, for [`crate::generated::files`].
pub(crate) fn generated_files() -> Vec<crate::generated::File> {
    MULTI_BYTE
        .iter()
        .map(|&(enc, name, shipped)| crate::generated::File {
            name,
            computed: multi_byte_table(enc),
            shipped,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The spans of a single-byte encoding, found as runs of upper-half bytes, are those that
    /// asking each byte its length finds: on every line of the four corpora under every
    /// single-byte reading, for every single-byte true encoding of the pass.
    #[test]
    fn single_byte_spans_are_runs_of_upper_half_bytes() {
        let lines = super::super::gate::tests::corpus_lines();
        let mut spans_seen = 0;
        for &(reading, _) in readings() {
            if matches!(reading, Reading::MultiByte(_)) {
                continue;
            }
            for line in &lines {
                let bytes: Vec<Option<u8>> = line
                    .chars()
                    .map(|c| {
                        if c.is_ascii() {
                            Some(c as u8)
                        } else {
                            reading.byte(c)
                        }
                    })
                    .collect();
                let flat: Vec<u8> = bytes.iter().map(|b| b.unwrap_or(0)).collect();
                for enc in [
                    encoding_rs::WINDOWS_1250,
                    encoding_rs::WINDOWS_1251,
                    encoding_rs::WINDOWS_1253,
                    encoding_rs::ISO_8859_2,
                    encoding_rs::KOI8_R,
                    encoding_rs::KOI8_U,
                    encoding_rs::IBM866,
                ] {
                    let got = spans(enc, &bytes, &flat);
                    assert_eq!(
                        got,
                        spans_by_char_len(enc, &bytes, &flat, Vec::new()),
                        "{} {line:?}",
                        enc.name()
                    );
                    spans_seen += got.len();
                }
            }
        }
        assert!(spans_seen > 10_000, "{spans_seen}");
    }

    /// The table equals what encoding_rs's one-shot decoder gives for every sequence.
    #[test]
    fn multi_byte_table_matches_one_shot_decoding() {
        use encoding_rs::{BIG5, EUC_KR, GBK, SHIFT_JIS};
        for enc in [GBK, BIG5, SHIFT_JIS, EUC_KR] {
            let mut want: HashMap<char, [u8; 2]> = HashMap::new();
            for single in 0x80..=0xFFu8 {
                if let Some(s) = enc.decode_without_bom_handling_and_without_replacement(&[single])
                    && let Some(ch) = s.chars().next()
                {
                    want.insert(ch, [single, 0]);
                }
            }
            for lead in 0x81..=0xFEu8 {
                for trail in 0x40..=0xFEu8 {
                    let pair = [lead, trail];
                    if let Some(s) = enc.decode_without_bom_handling_and_without_replacement(&pair)
                    {
                        let mut chars = s.chars();
                        if let (Some(ch), None) = (chars.next(), chars.next()) {
                            want.entry(ch).or_insert(pair);
                        }
                    }
                }
            }
            let &(_, name, bytes) = MULTI_BYTE.iter().find(|&&(e, _, _)| e == enc).unwrap();
            let table = MultiByteTable::load(bytes, name);
            assert_eq!(table.len(), want.len(), "{}", enc.name());
            for (&ch, &bytes) in &want {
                assert_eq!(table.get(ch), Some(bytes), "{} {ch}", enc.name());
            }
        }
        assert_eq!(multi_byte_of(GBK, '你'), Some([0xC4, 0xE3]));
        assert_eq!(multi_byte_of(encoding_rs::UTF_8, '你'), None);
    }
}
