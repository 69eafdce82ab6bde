//! Re-encoding text in the single-byte code page it was wrongly decoded with.
//!
//! Mojibake is undone in two steps: encode the damaged span back to the bytes it was read from
//! (this module), then decode those bytes with the true encoding.

use std::sync::OnceLock;

/// The single-byte reading a span came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SingleByte {
    /// windows-1252: Latin-1 with printable characters in 0x80–0x9F.
    Windows1252,
    /// ISO-8859-1 proper: 0x80–0x9F are C1 controls.
    Latin1,
}

impl SingleByte {
    /// Its name in reports.
    pub fn name(self) -> &'static str {
        match self {
            SingleByte::Windows1252 => "windows-1252",
            SingleByte::Latin1 => "latin-1",
        }
    }
}

/// The windows-1252 characters of bytes 0x80–0x9F (U+FFFD where the byte is undefined).
fn cp1252_high() -> &'static [char; 32] {
    static TABLE: OnceLock<[char; 32]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = ['\u{FFFD}'; 32];
        for (i, slot) in t.iter_mut().enumerate() {
            let byte = [0x80 + i as u8];
            let (s, _, had_errors) = encoding_rs::WINDOWS_1252.decode(&byte);
            if !had_errors {
                *slot = s.chars().next().unwrap_or('\u{FFFD}');
            }
        }
        t
    })
}

/// The byte `c` was decoded from if it came from windows-1252 or Latin-1 (C1 controls map to
/// their own byte value, as in Latin-1 and in browsers' windows-1252 for undefined bytes).
///
/// ```
/// use textmend::repair::codepage::latin_byte;
/// assert_eq!(latin_byte('¡'), Some(0xA1));
/// assert_eq!(latin_byte('€'), Some(0x80));
/// assert_eq!(latin_byte('\u{8d}'), Some(0x8D));
/// assert_eq!(latin_byte('中'), None);
/// ```
pub fn latin_byte(c: char) -> Option<u8> {
    let cp = c as u32;
    if cp < 0x100 {
        return Some(cp as u8);
    }
    cp1252_high()
        .iter()
        .position(|&h| h == c)
        .map(|i| 0x80 + i as u8)
}

/// Which single-byte reading explains `span`: Latin-1 when it holds C1 controls, windows-1252
/// otherwise.
pub fn reading_of(span: &str) -> SingleByte {
    if span.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)) {
        SingleByte::Latin1
    } else {
        SingleByte::Windows1252
    }
}
