//! Decode stage: bytes in any encoding to text, saying which encoding was used and how it was
//! chosen.
//!
//! Order of evidence: a byte order mark; an encoding given by the user; valid UTF-8; detection
//! with chardetng. Binary input (NUL bytes outside UTF-16/32, known magic numbers) is refused.

use encoding_rs::Encoding;
use serde::Serialize;

use crate::changes::{Changes, Reason, Stage};
use crate::config::DecodeConfig;

/// How the encoding of a document was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A byte order mark at the start of the input.
    Bom,
    /// Declared by the document (HTML `<meta>`, XML declaration) or given by the user.
    Declared,
    /// Guessed from the bytes.
    Detected,
    /// Nothing to go on (empty or pure ASCII input): UTF-8 assumed.
    Assumed,
}

impl Source {
    /// `bom`, `declared`, `detected` or `assumed`.
    pub fn name(self) -> &'static str {
        match self {
            Source::Bom => "bom",
            Source::Declared => "declared",
            Source::Detected => "detected",
            Source::Assumed => "assumed",
        }
    }
}

/// Errors that stop a document from being decoded.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DecodeError {
    /// The input looks like a binary file, not text.
    #[error("binary file ({0}), not text")]
    Binary(&'static str),
    /// The encoding label given is not known.
    #[error("unknown encoding label {0:?}")]
    UnknownEncoding(String),
    /// Invalid byte sequences were found and strict decoding was asked for.
    #[error("invalid {encoding} byte sequence at byte offset {offset}")]
    Invalid {
        /// The encoding the bytes were decoded as.
        encoding: String,
        /// Offset of the first invalid byte.
        offset: usize,
    },
}

/// The result of decoding: text plus how it was obtained.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The decoded text (BOM removed).
    pub text: String,
    /// The encoding used, as a WHATWG name (e.g. `UTF-8`, `GBK`, `windows-1252`).
    pub encoding: &'static str,
    /// How it was chosen.
    pub source: Source,
    /// Byte offsets in the input of invalid sequences that became U+FFFD.
    pub invalid_offsets: Vec<usize>,
    /// Decode-stage changes (BOM, invalid bytes), with ranges in the decoded text.
    pub changes: Changes,
}

/// Decode `bytes` with the default configuration.
///
/// ```
/// let d = textmend::decode(b"caf\xc3\xa9").unwrap();
/// assert_eq!(d.text, "café");
/// assert_eq!(d.encoding, "UTF-8");
/// ```
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_with(bytes, &DecodeConfig::default())
}

/// Decode `bytes` according to `config`.
pub fn decode_with(bytes: &[u8], config: &DecodeConfig) -> Result<Decoded, DecodeError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(&bytes[bom_len..], enc, Source::Bom, config, true);
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(DecodeError::Binary(kind));
    }
    if let Some(label) = &config.encoding {
        let enc = Encoding::for_label(label.as_bytes())
            .ok_or_else(|| DecodeError::UnknownEncoding(label.clone()))?;
        return finish(bytes, enc, Source::Declared, config, false);
    }
    if bytes.is_ascii() {
        return finish(bytes, encoding_rs::UTF_8, Source::Assumed, config, false);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return finish(bytes, encoding_rs::UTF_8, Source::Detected, config, false);
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
    det.feed(bytes, true);
    let enc = det.guess(
        config.tld.as_deref().map(str::as_bytes),
        chardetng::Utf8Detection::Allow,
    );
    finish(bytes, enc, Source::Detected, config, false)
}

fn finish(
    bytes: &[u8],
    enc: &'static Encoding,
    source: Source,
    config: &DecodeConfig,
    had_bom: bool,
) -> Result<Decoded, DecodeError> {
    let mut changes = Changes::new();
    let mut invalid_offsets = Vec::new();
    let text = if enc == encoding_rs::UTF_8 {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => decode_lossy(bytes, enc, &mut invalid_offsets, &mut changes),
        }
    } else {
        decode_lossy(bytes, enc, &mut invalid_offsets, &mut changes)
    };
    if config.strict
        && let Some(&offset) = invalid_offsets.first()
    {
        return Err(DecodeError::Invalid {
            encoding: enc.name().to_string(),
            offset,
        });
    }
    let _ = had_bom;
    Ok(Decoded {
        text,
        encoding: enc.name(),
        source,
        invalid_offsets,
        changes,
    })
}

/// Decode with replacement, noting where each invalid sequence was.
fn decode_lossy(
    bytes: &[u8],
    enc: &'static Encoding,
    invalid: &mut Vec<usize>,
    changes: &mut Changes,
) -> String {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len() * 3),
    );
    let mut notes = Vec::new();
    let mut pos = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[pos..], &mut out, true);
        pos += read;
        match result {
            encoding_rs::DecoderResult::InputEmpty => break,
            encoding_rs::DecoderResult::OutputFull => {
                out.reserve(bytes.len() - pos + 16);
            }
            encoding_rs::DecoderResult::Malformed(bad, _) => {
                let start = pos.saturating_sub(bad as usize);
                invalid.push(start);
                let at = out.len();
                out.push('\u{FFFD}');
                let shown: String = bytes[start..pos]
                    .iter()
                    .map(|b| format!("\\x{b:02X}"))
                    .collect();
                notes.push((at..at + 3, shown));
            }
        }
    }
    // Invalid bytes are recorded as notes on the decoded text, so reports can point at them;
    // replaying them changes nothing.
    changes.note(Stage::Decode, &out, notes, Reason::InvalidBytes);
    out
}

/// Recognise binary content: known magic numbers, or NUL bytes in the first 8 KiB.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"%PDF-", "PDF document"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x1f\x8b", "gzip data"),
        (b"\x7fELF", "ELF executable"),
        (b"BZh", "bzip2 data"),
        (b"\xfd7zXZ\x00", "xz data"),
        (b"7z\xbc\xaf\x27\x1c", "7-zip archive"),
        (b"\x28\xb5\x2f\xfd", "zstd data"),
        (b"RIFF", "RIFF media"),
        (b"OggS", "Ogg media"),
        (b"\x00\x00\x01\x00", "icon"),
        (b"wOFF", "web font"),
        (b"wOF2", "web font"),
        (b"SQLite format 3\x00", "SQLite database"),
    ];
    for (magic, kind) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(kind);
        }
    }
    let head = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, head).is_some() {
        return Some("contains NUL bytes");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_removed_and_named() {
        let d = decode(b"\xef\xbb\xbfhi").unwrap();
        assert_eq!(d.text, "hi");
        assert_eq!(d.source, Source::Bom);
    }

    #[test]
    fn png_is_binary() {
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(DecodeError::Binary("PNG image"))
        ));
    }

    #[test]
    fn invalid_utf8_becomes_replacement_and_is_counted() {
        let d = decode_with(
            b"ok \xff ok",
            &DecodeConfig {
                encoding: Some("utf-8".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(d.text, "ok \u{FFFD} ok");
        assert_eq!(d.invalid_offsets, vec![3]);
        let strict = DecodeConfig {
            encoding: Some("utf-8".into()),
            strict: true,
            ..Default::default()
        };
        assert!(matches!(
            decode_with(b"ok \xff ok", &strict),
            Err(DecodeError::Invalid { offset: 3, .. })
        ));
    }

    #[test]
    fn gbk_bytes_are_detected() {
        let (bytes, _, _) =
            encoding_rs::GBK.encode("这是一个用中文写的句子，用来测试编码检测是否正确。");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "GBK");
        assert_eq!(d.source, Source::Detected);
    }
}
