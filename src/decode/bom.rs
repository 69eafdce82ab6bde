//! Byte order marks. UTF-32LE's BOM (`FF FE 00 00`) begins with UTF-16LE's (`FF FE`), so it is
//! tested first.

use super::codec::{Codec, UTF_8};

/// The encoding a byte order mark at the start of `bytes` names, and the mark's length.
///
/// ```
/// use textmend::decode::{bom, Codec};
/// assert_eq!(bom::sniff(b"\xff\xfe\x00\x00A\x00\x00\x00"), Some((Codec::Utf32Le, 4)));
/// assert_eq!(bom::sniff(b"\xff\xfeA\x00").unwrap().0.name(), "UTF-16LE");
/// assert_eq!(bom::sniff(b"plain"), None);
/// ```
pub fn sniff(bytes: &[u8]) -> Option<(Codec, usize)> {
    if bytes.starts_with(b"\xff\xfe\x00\x00") {
        return Some((Codec::Utf32Le, 4));
    }
    if bytes.starts_with(b"\x00\x00\xfe\xff") {
        return Some((Codec::Utf32Be, 4));
    }
    if bytes.starts_with(b"\xef\xbb\xbf") {
        return Some((UTF_8, 3));
    }
    if bytes.starts_with(b"\xff\xfe") {
        return Some((Codec::Whatwg(encoding_rs::UTF_16LE), 2));
    }
    if bytes.starts_with(b"\xfe\xff") {
        return Some((Codec::Whatwg(encoding_rs::UTF_16BE), 2));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_bom() {
        assert_eq!(
            sniff(b"\x00\x00\xfe\xff\x00\x00\x00A"),
            Some((Codec::Utf32Be, 4))
        );
        assert_eq!(sniff(b"\xef\xbb\xbfx"), Some((UTF_8, 3)));
        assert_eq!(sniff(b"\xfe\xff\x00A").unwrap().0.name(), "UTF-16BE");
        // UTF-16LE text whose first character is U+0000 is rare; FF FE 00 00 is read as UTF-32LE.
        assert_eq!(sniff(b"\xff\xfe\x00\x00").unwrap().0, Codec::Utf32Le);
    }
}
