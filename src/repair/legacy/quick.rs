//! Look-up tables for the hot path of the legacy pass, each built once from the slower
//! question it answers (encoding_rs, Unicode's alphabetic table) and giving the same answer:
//! the byte of a character under a single-byte Cyrillic reading, the character of a byte in a
//! single-byte true encoding, and whether a character is alphabetic.

use std::sync::OnceLock;

use encoding_rs::Encoding;

/// Code points below this have their [`is_alphabetic`] answer in a bit table: Latin, Greek,
/// Cyrillic and the signs, arrows, mathematics and box drawing the readings give.
const ALPHA_END: usize = 0x2600;

/// `c.is_alphabetic()`, by a bit table below U+2600 (Unicode's alphabetic table is a search:
/// the pass asks it of every character of a span, for every explanation).
///
/// ```
/// use textmend::repair::legacy::quick::is_alphabetic;
/// for c in ['a', 'Ж', 'ª', '─', '€', '你', '1', 'µ'] {
///     assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c}");
/// }
/// ```
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    static BITS: OnceLock<Vec<u64>> = OnceLock::new();
    let n = c as usize;
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    if n >= ALPHA_END {
        return c.is_alphabetic();
    }
    let bits = BITS.get_or_init(|| {
        let mut bits = vec![0u64; ALPHA_END / 64];
        for n in 0..ALPHA_END as u32 {
            if char::from_u32(n).is_some_and(char::is_alphabetic) {
                bits[n as usize / 64] |= 1 << (n % 64);
            }
        }
        bits
    });
    bits[n / 64] & (1 << (n % 64)) != 0
}

/// The single-byte encodings the pass decodes or reads with.
const SINGLE: [&Encoding; 8] = [
    encoding_rs::WINDOWS_1250,
    encoding_rs::WINDOWS_1251,
    encoding_rs::WINDOWS_1252,
    encoding_rs::WINDOWS_1253,
    encoding_rs::ISO_8859_2,
    encoding_rs::KOI8_R,
    encoding_rs::KOI8_U,
    encoding_rs::IBM866,
];

/// The character of each byte 0x80–0xFF in `enc` (`None` for a byte it leaves undefined), or
/// `None` when `enc` is not one of the single-byte encodings of the pass.
pub(crate) fn high_chars(enc: &'static Encoding) -> Option<&'static [Option<char>; 128]> {
    static TABLES: OnceLock<Vec<[Option<char>; 128]>> = OnceLock::new();
    let i = SINGLE.iter().position(|&e| e == enc)?;
    let tables = TABLES.get_or_init(|| {
        SINGLE
            .iter()
            .map(|e| {
                let mut t = [None; 128];
                for (b, slot) in (0x80..=0xFFu8).zip(t.iter_mut()) {
                    let byte = [b];
                    let s = e.decode_without_bom_handling_and_without_replacement(&byte);
                    let mut chars = s.as_deref().unwrap_or("").chars();
                    if let (Some(c), None) = (chars.next(), chars.next()) {
                        *slot = Some(c);
                    }
                }
                t
            })
            .collect()
    });
    Some(&tables[i])
}

/// True for the single-byte encodings whose bytes the pass decodes by table (one byte, one
/// character).
pub fn is_single_byte(enc: &'static Encoding) -> bool {
    SINGLE.contains(&enc)
}

/// The character of the byte `b` (0x80–0xFF) in the single-byte encoding `enc`, if defined.
///
/// ```
/// use textmend::repair::legacy::quick::high_char;
/// assert_eq!(high_char(encoding_rs::WINDOWS_1250, 0xE8), Some('č'));
/// assert_eq!(high_char(encoding_rs::WINDOWS_1253, 0xAA), None); // undefined
/// ```
pub fn high_char(enc: &'static Encoding, b: u8) -> Option<char> {
    let table = high_chars(enc).expect("a single-byte encoding of the pass");
    table[(b as usize).checked_sub(0x80)?]
}

/// `bytes` decoded with `enc` without replacement (as
/// [`decode_exact`](super::candidates::decode_exact)), by table for the single-byte
/// encodings; `None` if a byte is undefined.
///
/// ```
/// use textmend::repair::legacy::quick::decode;
/// assert_eq!(decode(encoding_rs::WINDOWS_1251, b"\xcf\xf0\xe8 x").as_deref(), Some("При x"));
/// assert_eq!(decode(encoding_rs::WINDOWS_1253, b"\xaa"), None); // undefined
/// assert_eq!(decode(encoding_rs::GBK, b"\xc4\xe3").as_deref(), Some("你"));
/// ```
pub fn decode(enc: &'static Encoding, bytes: &[u8]) -> Option<String> {
    let Some(table) = high_chars(enc) else {
        // (Bytes that cannot be a character of a multi-byte encoding are refused before the
        // decoder is set up: most spans of signs read as Latin-1 are such.)
        if surely_malformed(enc, bytes) {
            return None;
        }
        return super::candidates::decode_exact(enc, bytes);
    };
    // (Room for three bytes a character: box drawing and signs of the upper half are three
    // bytes in UTF-8.)
    let mut out = String::with_capacity(bytes.len() * 3);
    for &b in bytes {
        if b < 0x80 {
            out.push(b as char);
        } else {
            out.push(table[b as usize - 0x80]?);
        }
    }
    Some(out)
}

/// True when `bytes` cannot be decoded by the multi-byte encoding `enc` (GBK, Big5,
/// Shift_JIS, EUC-JP or EUC-KR; false for any other): cut into characters as
/// [`char_len`](super::candidates::char_len) cuts them, one of them is a byte that starts no
/// character, a lead byte without its trail, or a lead byte with a trail byte outside the
/// encoding's trail range (the WHATWG decoders refuse all of these; a sequence in range may
/// still be unmapped, which this does not look up). Three- and four-byte sequences are not
/// looked at. A test checks every one- and two-byte sequence against encoding_rs.
pub(crate) fn surely_malformed(enc: &'static Encoding, bytes: &[u8]) -> bool {
    use encoding_rs::{BIG5, EUC_JP, EUC_KR, GBK, SHIFT_JIS};
    // Whether a byte >= 0x80 starting no multi-byte character is refused alone, and whether
    // the trail byte `t` of a two-byte character led by `l` is out of range.
    type Rules = (fn(u8) -> bool, fn(u8, u8) -> bool);
    let (single_bad, trail_bad): Rules = if enc == GBK {
        (
            |b| b == 0xFF,
            |_, t| !matches!(t, 0x40..=0x7E | 0x80..=0xFE),
        )
    } else if enc == BIG5 {
        (
            |b| matches!(b, 0x80 | 0xFF),
            |_, t| !matches!(t, 0x40..=0x7E | 0xA1..=0xFE),
        )
    } else if enc == EUC_KR {
        (
            |b| matches!(b, 0x80 | 0xFF),
            |_, t| !matches!(t, 0x41..=0xFE),
        )
    } else if enc == SHIFT_JIS {
        (
            |b| matches!(b, 0xA0 | 0xFD..=0xFF),
            |_, t| !matches!(t, 0x40..=0x7E | 0x80..=0xFC),
        )
    } else if enc == EUC_JP {
        (
            |b| matches!(b, 0x80..=0x8D | 0x90..=0xA0 | 0xFF),
            |l, t| match l {
                0x8E => !matches!(t, 0xA1..=0xDF),
                _ => !matches!(t, 0xA1..=0xFE),
            },
        )
    } else {
        return false;
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let len = super::candidates::char_len(enc, bytes, i);
        if b >= 0x80 {
            match len {
                1 if single_bad(b) => return true,
                2 => match bytes.get(i + 1) {
                    None => return true,
                    Some(&t) if trail_bad(b, t) => return true,
                    _ => {}
                },
                _ => {}
            }
        }
        i += len;
    }
    false
}

/// The byte each BMP character was decoded from under a single-byte reading of encoding_rs
/// (0 for none; ASCII is not in the table): one array per reading instead of a hash map.
pub(crate) struct ByteMap(Vec<u8>);

impl ByteMap {
    /// The table of the character-to-byte maps `maps`, the first map that has a character
    /// giving its byte (every character must be in the BMP and every byte >= 0x80).
    pub(crate) fn build(maps: &[&std::collections::HashMap<char, u8>]) -> ByteMap {
        let mut map = vec![0u8; 0x10000];
        for m in maps.iter().rev() {
            for (&c, &b) in m.iter() {
                assert!(b >= 0x80, "a byte of the upper half");
                map[c as usize] = b;
            }
        }
        ByteMap(map)
    }

    /// The byte of `c` (not ASCII), if any.
    #[inline]
    pub(crate) fn get(&self, c: char) -> Option<u8> {
        match self.0.get(c as usize) {
            Some(0) | None => None,
            Some(&b) => Some(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_matches_encoding_rs_for_every_byte() {
        for enc in SINGLE {
            for b in 0x80..=0xFFu8 {
                let bytes = [b'a', b, b'z'];
                assert_eq!(
                    decode(enc, &bytes),
                    super::super::candidates::decode_exact(enc, &bytes),
                    "{} {b:#x}",
                    enc.name()
                );
            }
        }
    }

    /// Every one- and two-byte sequence (alone, and before an ASCII letter) that
    /// `surely_malformed` refuses, encoding_rs refuses too, for each multi-byte encoding of
    /// the pass; and it refuses most of those that encoding_rs refuses.
    #[test]
    fn surely_malformed_bytes_are_malformed() {
        use super::super::candidates::decode_exact;
        for enc in [
            encoding_rs::GBK,
            encoding_rs::BIG5,
            encoding_rs::SHIFT_JIS,
            encoding_rs::EUC_JP,
            encoding_rs::EUC_KR,
        ] {
            let (mut said, mut malformed) = (0, 0);
            for a in 0x80..=0xFFu8 {
                let mut seqs = vec![vec![a], vec![a, b'a']];
                seqs.extend((0..=0xFFu8).map(|b| vec![a, b]));
                seqs.extend((0..=0xFFu8).map(|b| vec![a, b, b'a']));
                for seq in seqs {
                    let refused = decode_exact(enc, &seq).is_none();
                    malformed += usize::from(refused);
                    if surely_malformed(enc, &seq) {
                        said += 1;
                        assert!(refused, "{} {seq:x?}", enc.name());
                        assert_eq!(decode(enc, &seq), None);
                    }
                }
            }
            assert!(said * 2 > malformed, "{} {said} {malformed}", enc.name());
        }
        assert!(!surely_malformed(encoding_rs::WINDOWS_1252, b"\xff"));
    }

    #[test]
    fn is_alphabetic_matches_unicode() {
        for n in 0..0x3000u32 {
            if let Some(c) = char::from_u32(n) {
                assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{n:#x}");
            }
        }
    }

    #[test]
    fn byte_maps_give_the_first_map_that_has_a_character() {
        use std::collections::HashMap;
        let first: HashMap<char, u8> = [('Ж', 0xB6), ('─', 0x80)].into();
        let second: HashMap<char, u8> = [('Ж', 0xF6), ('ж', 0xD6)].into();
        let map = ByteMap::build(&[&first, &second]);
        assert_eq!(map.get('Ж'), Some(0xB6));
        assert_eq!(map.get('ж'), Some(0xD6));
        assert_eq!(map.get('─'), Some(0x80));
        assert_eq!(map.get('я'), None);
        assert_eq!(map.get('\u{1F600}'), None);
    }
}
