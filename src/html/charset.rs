//! Decoding an HTML page: what the general decode stage does, plus the page's own `<meta>`
//! declaration.
//!
//! Order of evidence: a BOM; `--encoding`; bytes that are valid UTF-8 (a legacy declaration
//! on valid non-ASCII UTF-8 is almost always stale, left over from a re-encoded page); the
//! `<meta charset>` or `<meta http-equiv=content-type>` declaration in the first 8 KiB;
//! detection. This is a deliberately small prescan: the decode stage's full WHATWG prescan
//! supersedes it when merged.

use encoding_rs::Encoding;

use crate::config::DecodeConfig;
use crate::decode::{DecodeError, Decoded, decode_with};

/// How far into the page the `<meta>` prescan looks.
const PRESCAN: usize = 8192;

/// The encoding a page declares in a `<meta>` tag within its first bytes, if any (UTF-16
/// declarations mean UTF-8 and `x-user-defined` means windows-1252, as in browsers).
///
/// ```
/// use textmend::html::charset::declared;
/// assert_eq!(declared(b"<meta charset=gbk><p>").map(|e| e.name()), Some("GBK"));
/// assert_eq!(declared(b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=Shift_JIS'>")
///     .map(|e| e.name()), Some("Shift_JIS"));
/// assert_eq!(declared(b"<p>charset=gbk</p>"), None);
/// ```
pub fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let mut pos = 0;
    while let Some(off) = memchr::memmem::find(&head[pos..], b"<") {
        let start = pos + off;
        pos = start + 1;
        let rest = &head[start..];
        if rest.len() < 6 || !rest[..5].eq_ignore_ascii_case(b"<meta") {
            continue;
        }
        if !matches!(rest[5], b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'\x0c') {
            continue;
        }
        let end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
        let tag = rest[..end].to_ascii_lowercase();
        let Some(i) = memchr::memmem::find(&tag, b"charset") else {
            continue;
        };
        let after = &tag[i + 7..];
        let after = after.trim_ascii_start();
        let Some(after) = after.strip_prefix(b"=") else {
            continue;
        };
        let after = after.trim_ascii_start();
        let after = after
            .strip_prefix(b"\"")
            .or_else(|| after.strip_prefix(b"'"))
            .unwrap_or(after);
        let label_end = after
            .iter()
            .position(|c| matches!(c, b'"' | b'\'' | b';' | b' ' | b'\t' | b'\n' | b'/' | b'>'))
            .unwrap_or(after.len());
        let Some(enc) = Encoding::for_label(&after[..label_end]) else {
            continue;
        };
        return Some(
            if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                encoding_rs::UTF_8
            } else if enc == encoding_rs::X_USER_DEFINED {
                encoding_rs::WINDOWS_1252
            } else {
                enc
            },
        );
    }
    None
}

/// Decode an HTML page (see the module documentation for the order of evidence).
pub fn decode(bytes: &[u8], config: &DecodeConfig) -> Result<Decoded, DecodeError> {
    if config.encoding.is_some()
        || Encoding::for_bom(bytes).is_some()
        || std::str::from_utf8(bytes).is_ok()
    {
        return decode_with(bytes, config);
    }
    match declared(bytes) {
        Some(enc) => {
            let mut c = config.clone();
            c.encoding = Some(enc.name().to_string());
            decode_with(bytes, &c)
        }
        None => decode_with(bytes, config),
    }
}
