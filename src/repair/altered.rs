//! ftfy's `ALTERED_UTF8_RE` as a test at the spaces of a byte string: sequences that would be
//! UTF-8 if a byte A0 had not become a space.
//!
//! Every branch of the expression holds exactly one space, at a fixed place, right after a
//! byte at or above 0x80; so a match exists exactly when one of the branches fits around one
//! of the spaces that follow such a byte. Looking only there is much cheaper than running the
//! expression over every byte of an encoded line (the mojibake engine asks this of most lines
//! that hold a space after an accented letter).

/// A continuation byte that an A0 byte may stand beside in the expression's three-byte
/// branches: 0x80–0x84, 0x86–0x9F, 0xA1–0xBF (not 0x85, not 0xA0).
#[inline]
fn middle(b: u8) -> bool {
    (0x80..=0xBF).contains(&b) && b != 0x85 && b != 0xA0
}

/// Any continuation byte, 0x80–0xBF.
#[inline]
fn cont(b: u8) -> bool {
    (0x80..=0xBF).contains(&b)
}

/// True when a branch of ftfy's `ALTERED_UTF8_RE` fits with its space at `s` of `bytes`
/// (`bytes[s]` is a space):
/// `[\xc2\xc3\xc5\xce\xd0\xd9][ ]`, `[\xe2\xe3][ ][\x80-\x84\x86-\x9f\xa1-\xbf]`,
/// `[\xe0-\xe3][\x80-\x84\x86-\x9f\xa1-\xbf][ ]`, `[\xf0][ ][\x80-\xbf][\x80-\xbf]`,
/// `[\xf0][\x80-\xbf][ ][\x80-\xbf]`, `[\xf0][\x80-\xbf][\x80-\xbf][ ]`.
#[inline]
fn fits_at(bytes: &[u8], s: usize) -> bool {
    if s >= 3 && s + 2 < bytes.len() {
        // (Away from the ends, the five bytes read without a check each.)
        let (p1, p2, p3) = (bytes[s - 1], bytes[s - 2], bytes[s - 3]);
        return fits_around(p1, p2, p3, bytes[s + 1], bytes[s + 2]);
    }
    let at = |k: isize| {
        s.checked_add_signed(k)
            .and_then(|i| bytes.get(i))
            .copied()
            .unwrap_or(0)
    };
    fits_around(at(-1), at(-2), at(-3), at(1), at(2))
}

/// [`fits_at`] of the bytes around the space: the three before it (`p1` next to it) and the
/// two after it (`n1` next to it), 0 past either end.
#[inline(always)]
fn fits_around(p1: u8, p2: u8, p3: u8, n1: u8, n2: u8) -> bool {
    matches!(p1, 0xC2 | 0xC3 | 0xC5 | 0xCE | 0xD0 | 0xD9)
        || (matches!(p1, 0xE2 | 0xE3) && middle(n1))
        || ((0xE0..=0xE3).contains(&p2) && middle(p1))
        || (p1 == 0xF0 && cont(n1) && cont(n2))
        || (p2 == 0xF0 && cont(p1) && cont(n1))
        || (p3 == 0xF0 && cont(p2) && cont(p1))
}

/// True when `bytes` holds a sequence of ftfy's `ALTERED_UTF8_RE` (what
/// `Regex::is_match` of that expression answers), looking only at the spaces that follow a
/// byte at or above 0x80 (`caf\xc3 au lait` holds one: `é` whose A0 byte became a space).
pub(crate) fn has_altered_utf8(bytes: &[u8]) -> bool {
    // (Each branch's space follows a byte at or above 0x80.)
    SpacesAfterHigh::new(bytes).any(|s| fits_at(bytes, s))
}

/// True when a byte at or above 0x80 of `bytes` is followed by a space: where a byte A0 may
/// have become a space (the first check of the A0 transcoder).
pub(crate) fn space_after_high(bytes: &[u8]) -> bool {
    SpacesAfterHigh::new(bytes).next().is_some()
}

/// The positions of the spaces of a byte string that follow a byte at or above 0x80, in
/// order, found eight bytes at a time.
pub(crate) struct SpacesAfterHigh<'a> {
    bytes: &'a [u8],
    /// The start of the next word to look at.
    at: usize,
    /// The spaces found in the word before `at` and not yet given (bit 7 of each byte).
    found: u64,
    /// The bit 7 of the last byte of the word before `at`, as bit 7 of a word's first byte.
    carry: u64,
}

const HIGH: u64 = 0x8080_8080_8080_8080;

impl<'a> SpacesAfterHigh<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        SpacesAfterHigh {
            bytes,
            at: 0,
            found: 0,
            carry: 0,
        }
    }
}

impl Iterator for SpacesAfterHigh<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        loop {
            if self.found != 0 {
                let k = self.found.trailing_zeros() as usize / 8;
                self.found &= self.found - 1;
                return Some(self.at - 8 + k);
            }
            let rest = self.bytes.len().checked_sub(self.at)?;
            if rest == 0 {
                return None;
            }
            // The next eight bytes (a last, shorter word padded with zero bytes, which are
            // neither spaces nor high).
            let word = if rest >= 8 {
                u64::from_le_bytes(self.bytes[self.at..self.at + 8].try_into().unwrap())
            } else {
                let mut w = [0u8; 8];
                w[..rest].copy_from_slice(&self.bytes[self.at..]);
                u64::from_le_bytes(w)
            };
            let high = word & HIGH;
            // Bit 7 of each byte that is a space: the bytes of `x` that are zero (exact: no
            // carry crosses bytes, as each byte's low seven bits are added to 0x7F alone).
            let x = word ^ 0x2020_2020_2020_2020;
            let nonzero = (((x & !HIGH) + !HIGH) | x) & HIGH;
            let spaces = !nonzero & HIGH;
            self.found = spaces & ((high << 8) | self.carry);
            self.carry = high >> 56;
            self.at += 8;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::bytes::Regex;

    fn expression() -> Regex {
        Regex::new(
            r"(?-u)[\xc2\xc3\xc5\xce\xd0\xd9][ ]|[\xe2\xe3][ ][\x80-\x84\x86-\x9f\xa1-\xbf]|[\xe0-\xe3][\x80-\x84\x86-\x9f\xa1-\xbf][ ]|[\xf0][ ][\x80-\xbf][\x80-\xbf]|[\xf0][\x80-\xbf][ ][\x80-\xbf]|[\xf0][\x80-\xbf][\x80-\xbf][ ]",
        )
        .unwrap()
    }

    #[test]
    fn spaces_answer_as_the_expression_does() {
        let re = expression();
        // The bytes at every edge of the expression's classes, and some others.
        let alphabet: [u8; 22] = [
            b' ', b'a', 0x7F, 0x80, 0x84, 0x85, 0x86, 0x9F, 0xA0, 0xA1, 0xBF, 0xC0, 0xC2, 0xC3,
            0xC4, 0xC5, 0xCE, 0xD0, 0xD9, 0xE0, 0xE2, 0xE3,
        ];
        let alphabet: Vec<u8> = alphabet.into_iter().chain([0xE4, 0xF0, 0xF1]).collect();
        let n = alphabet.len();
        // Every string of up to four of them.
        let mut count = 0;
        for len in 1..=4u32 {
            for mut k in 0..n.pow(len) {
                let mut s = Vec::with_capacity(len as usize);
                for _ in 0..len {
                    s.push(alphabet[k % n]);
                    k /= n;
                }
                assert_eq!(has_altered_utf8(&s), re.is_match(&s), "{s:02X?}");
                count += 1;
            }
        }
        assert!(count > 400_000);
        // Longer strings, pseudo-random over the same bytes.
        let mut next = xorshift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..200_000 {
            let len = 5 + (next() % 36) as usize;
            let s: Vec<u8> = (0..len)
                .map(|_| alphabet[(next() % n as u64) as usize])
                .collect();
            assert_eq!(has_altered_utf8(&s), re.is_match(&s), "{s:02X?}");
        }
    }

    /// A pseudo-random sequence (xorshift) from `seed`, for drawing test strings.
    fn xorshift(seed: u64) -> impl FnMut() -> u64 {
        let mut rng = crate::test_rng::Rng::new(seed);
        move || rng.next_u64()
    }

    #[test]
    fn spaces_after_high_are_the_pairs_of_a_high_byte_and_a_space() {
        let alphabet = [b' ', b'a', 0x00, 0x7F, 0x80, 0xA0, 0xC3, 0xFF, 0x20 | 0x80];
        let n = alphabet.len() as u64;
        let mut next = xorshift(0x2545_F491_4F6C_DD1D);
        for _ in 0..200_000 {
            let len = (next() % 40) as usize;
            let s: Vec<u8> = (0..len).map(|_| alphabet[(next() % n) as usize]).collect();
            let expect: Vec<usize> = (1..s.len())
                .filter(|&i| s[i] == b' ' && s[i - 1] >= 0x80)
                .collect();
            assert_eq!(
                SpacesAfterHigh::new(&s).collect::<Vec<_>>(),
                expect,
                "{s:02X?}"
            );
            assert_eq!(space_after_high(&s), !expect.is_empty());
        }
    }

    #[test]
    fn a_lost_a0_after_an_accented_letter_is_found() {
        assert!(has_altered_utf8(b"caf\xc3 au lait"));
        assert!(has_altered_utf8(b"\xe2\x80 ")); // U+2020 with its last byte lost
        assert!(!has_altered_utf8(b"caf\xc3\xa9 au lait"));
        assert!(!has_altered_utf8(b" \xc3"));
    }
}
