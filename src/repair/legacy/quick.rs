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
        return super::candidates::decode_exact(enc, bytes);
    };
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        if b < 0x80 {
            out.push(b as char);
        } else {
            out.push(table[b as usize - 0x80]?);
        }
    }
    Some(out)
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
