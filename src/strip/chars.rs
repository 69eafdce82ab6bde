//! The Unicode properties the strip stage asks of nearly every character (is it a letter, a
//! digit), remembered for the Basic Multilingual Plane.
//!
//! The standard library answers `char::is_alphabetic` for a character outside ASCII by a
//! search through its Unicode tables; text in Cyrillic, Greek or Chinese asks that of every
//! character, several times over. The answers are the standard library's, worked out the
//! first time a character is asked about and kept for the process.

use std::sync::atomic::{AtomicU8, Ordering};

/// Per BMP code point: 0 when not yet asked, else [`KNOWN`] and the property bits.
static CLASS: [AtomicU8; 0x10000] = [const { AtomicU8::new(0) }; 0x10000];

const KNOWN: u8 = 0x80;
const ALPHABETIC: u8 = 1;
const NUMERIC: u8 = 2;

/// The property bits of `c` (not ASCII).
#[inline]
fn class(c: char) -> u8 {
    let cp = c as u32;
    if cp >= 0x10000 {
        return compute(c);
    }
    let slot = &CLASS[cp as usize];
    let known = slot.load(Ordering::Relaxed);
    if known != 0 {
        return known;
    }
    let class = compute(c);
    slot.store(class, Ordering::Relaxed);
    class
}

#[cold]
fn compute(c: char) -> u8 {
    let mut class = KNOWN;
    if c.is_alphabetic() {
        class |= ALPHABETIC;
    }
    if c.is_numeric() {
        class |= NUMERIC;
    }
    class
}

/// `c.is_alphabetic()`.
///
/// ```
/// use textmend::strip::chars::is_alphabetic;
/// assert!(is_alphabetic('ж') && is_alphabetic('中') && !is_alphabetic('7') && !is_alphabetic('—'));
/// ```
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    class(c) & ALPHABETIC != 0
}

/// `c.is_numeric()`.
///
/// ```
/// use textmend::strip::chars::is_numeric;
/// assert!(is_numeric('7') && is_numeric('٣') && is_numeric('½') && !is_numeric('x'));
/// ```
#[inline]
pub fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    class(c) & NUMERIC != 0
}

/// `c.is_alphanumeric()`.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    class(c) & (ALPHABETIC | NUMERIC) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_agrees_with_the_standard_library() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "U+{:04X}", c as u32);
            assert_eq!(is_numeric(c), c.is_numeric(), "U+{:04X}", c as u32);
            assert_eq!(
                is_alphanumeric(c),
                c.is_alphanumeric(),
                "U+{:04X}",
                c as u32
            );
        }
    }
}
