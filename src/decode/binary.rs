//! Binary input: known magic numbers, and NUL bytes in what is not UTF-16/32 text.

/// Magic numbers of common binary formats, with a name for messages.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"\x7fELF", "ELF executable"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7-zip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"RIFF", "RIFF media"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x01\x00", "icon"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
    (b"\x00asm", "WebAssembly module"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O binary"),
    (b"\xcf\xfa\xed\xfe", "Mach-O binary"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "OLE document (old Office)",
    ),
    (b"SQLite format 3\x00", "SQLite database"),
];

/// How much of the input is looked at for NUL bytes.
pub const HEAD: usize = 8192;

/// The kind of binary file `bytes` starts like, if a known magic number is there.
///
/// ```
/// assert_eq!(textmend::decode::binary::magic(b"%PDF-1.7\n"), Some("PDF document"));
/// assert_eq!(textmend::decode::binary::magic(b"plain text"), None);
/// ```
pub fn magic(bytes: &[u8]) -> Option<&'static str> {
    MAGIC
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|&(_, kind)| kind)
}

/// True when the first [`HEAD`] bytes hold a NUL byte (call this only once UTF-16/32 has been
/// ruled out).
pub fn has_nul(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(HEAD)]).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_numbers() {
        assert_eq!(magic(b"\x89PNG\r\n\x1a\n\0\0"), Some("PNG image"));
        assert_eq!(magic(b"PK\x03\x04rest"), Some("ZIP archive"));
        assert_eq!(magic(b"Once upon a time"), None);
    }

    #[test]
    fn nul_bytes() {
        assert!(has_nul(b"abc\0def"));
        assert!(!has_nul(b"abcdef"));
    }
}
