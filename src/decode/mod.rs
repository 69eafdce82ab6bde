//! Decode stage: bytes in any encoding to text, saying which encoding was used and how it was
//! chosen.
//!
//! Order of evidence ([`choose`]):
//! 1. a byte order mark ([`bom`]; UTF-32 before UTF-16);
//! 2. known magic numbers of binary formats are refused ([`binary`]);
//! 3. an encoding given by the user (`--encoding`, with the aliases of [`labels`]);
//! 4. UTF-16/32 without a BOM, from the pattern of NUL bytes ([`detect::utf16_32`]); other NUL
//!    bytes mean binary;
//! 5. a declaration in the document ([`declared`]: HTML `<meta>`, XML declaration), unless the
//!    bytes contradict it, when the evidence wins and [`Decoded::overridden`] says so;
//! 6. pure ASCII: UTF-8 assumed; valid UTF-8: UTF-8;
//! 7. detection ([`detect::guess`]): chardetng, then DOS/Mac code pages where they read better.
//!
//! Invalid sequences become U+FFFD and are recorded with their byte offsets; strict decoding
//! makes them an error. [`stream`] decodes and repairs large inputs in bounded memory.

pub mod binary;
pub mod bom;
pub mod codec;
pub mod codepage;
pub mod declared;
pub mod detect;
pub mod labels;
pub mod letters;
pub mod plausible;
pub mod stream;

use serde::Serialize;

pub use codec::{Codec, UTF_8};

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
    #[error("binary file ({0}), not text: skipped")]
    Binary(&'static str),
    /// The encoding label given is not known.
    #[error("unknown encoding label {0:?} (see data/encoding-labels.txt for the names known)")]
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
    /// The encoding used, as a WHATWG name where there is one (e.g. `UTF-8`, `GBK`,
    /// `windows-1252`), else textmend's name (`IBM852`, `x-mac-ce`, `UTF-32LE`...).
    pub encoding: &'static str,
    /// How it was chosen.
    pub source: Source,
    /// The encoding the document declared (or the user gave), if any, even when not used.
    pub declared: Option<&'static str>,
    /// True when the document declared an encoding that its bytes contradict, and another was
    /// used.
    pub overridden: bool,
    /// Byte offsets in the input of invalid sequences that became U+FFFD.
    pub invalid_offsets: Vec<usize>,
    /// Decode-stage changes (invalid bytes), with ranges in the decoded text.
    pub changes: Changes,
}

/// The decision of [`choose`]: which encoding, why, and where the text starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// The encoding to decode with.
    pub codec: Codec,
    /// How it was chosen.
    pub source: Source,
    /// Length of the byte order mark to skip.
    pub bom_len: usize,
    /// The encoding declared by the document or the user, if any.
    pub declared: Option<Codec>,
    /// True when the declaration was contradicted by the bytes and not followed.
    pub overridden: bool,
}

impl Choice {
    fn new(codec: Codec, source: Source) -> Choice {
        Choice {
            codec,
            source,
            bom_len: 0,
            declared: None,
            overridden: false,
        }
    }
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
///
/// ```
/// use textmend::{decode_with, config::DecodeConfig, Source};
/// // Declared UTF-8, but the bytes are GBK: the evidence wins and the result says so.
/// let mut page = b"<meta charset=utf-8><p>".to_vec();
/// page.extend_from_slice(&encoding_rs::GBK.encode("中文网页的内容，用来测试声明与实际不符的情况。").0);
/// let d = decode_with(&page, &DecodeConfig::default()).unwrap();
/// assert_eq!((d.encoding, d.declared, d.overridden), ("GBK", Some("UTF-8"), true));
/// ```
pub fn decode_with(bytes: &[u8], config: &DecodeConfig) -> Result<Decoded, DecodeError> {
    let choice = choose(bytes, config)?;
    let mut changes = Changes::new();
    let mut invalid_offsets = Vec::new();
    let body = &bytes[choice.bom_len..];
    // Valid UTF-8 is copied as it is (validated once, not once to test and once to decode).
    let valid = match choice.codec {
        Codec::Whatwg(e) if e == encoding_rs::UTF_8 => std::str::from_utf8(body).ok(),
        _ => None,
    };
    let text = match (valid, choice.codec) {
        (Some(text), _) => text.to_owned(),
        (None, codec) => {
            let mut out = String::with_capacity(body.len() + body.len() / 2);
            let mut notes = Vec::new();
            codec
                .new_decoder()
                .decode(body, true, &mut out, &mut |inv: codec::Invalid<'_>| {
                    invalid_offsets.push(choice.bom_len + inv.offset);
                    notes.push((inv.at..inv.at + 3, show_bytes(inv.bytes)));
                });
            // Invalid bytes are recorded as notes on the decoded text, so reports can point at
            // them; replaying them changes nothing.
            changes.note(Stage::Decode, &out, notes, Reason::InvalidBytes);
            out
        }
    };
    if config.strict
        && let Some(&offset) = invalid_offsets.first()
    {
        return Err(DecodeError::Invalid {
            encoding: choice.codec.name().to_string(),
            offset,
        });
    }
    Ok(Decoded {
        text,
        encoding: choice.codec.name(),
        source: choice.source,
        declared: choice.declared.map(Codec::name),
        overridden: choice.overridden,
        invalid_offsets,
        changes,
    })
}

/// Choose the encoding of `bytes` (the whole input, or its first part when streaming), in the
/// order of evidence described in the [module documentation](self).
pub fn choose(bytes: &[u8], config: &DecodeConfig) -> Result<Choice, DecodeError> {
    if let Some((codec, bom_len)) = bom::sniff(bytes) {
        return Ok(Choice {
            bom_len,
            ..Choice::new(codec, Source::Bom)
        });
    }
    if let Some(kind) = binary::magic(bytes) {
        return Err(DecodeError::Binary(kind));
    }
    if let Some(label) = &config.encoding {
        let codec =
            labels::lookup(label).ok_or_else(|| DecodeError::UnknownEncoding(label.clone()))?;
        if !is_wide(codec) && binary::has_nul(bytes) {
            return Err(DecodeError::Binary("contains NUL bytes"));
        }
        return Ok(Choice {
            declared: Some(codec),
            ..Choice::new(codec, Source::Declared)
        });
    }
    if let Some(codec) = detect::utf16_32(bytes) {
        return Ok(Choice::new(codec, Source::Detected));
    }
    if binary::has_nul(bytes) {
        return Err(DecodeError::Binary("contains NUL bytes"));
    }
    let tld = config.tld.as_deref();
    if let Some(declared) = declared::sniff(bytes) {
        let mut choice = Choice {
            declared: Some(declared),
            ..Choice::new(declared, Source::Declared)
        };
        if contradicts(declared, bytes) {
            let evidence = detect::guess_any(bytes, tld);
            if evidence != declared && evidence.decodes_cleanly(bytes) {
                choice.codec = evidence;
                choice.source = Source::Detected;
                choice.overridden = true;
            }
        }
        return Ok(choice);
    }
    if let Some(codec) = detect::escaped(bytes) {
        return Ok(Choice::new(codec, Source::Detected));
    }
    if bytes.is_ascii() {
        return Ok(Choice::new(UTF_8, Source::Assumed));
    }
    Ok(Choice::new(detect::guess_any(bytes, tld), Source::Detected))
}

/// True when the bytes contradict a declared encoding: invalid under it, or valid non-ASCII
/// UTF-8 declared as something else.
fn contradicts(declared: Codec, bytes: &[u8]) -> bool {
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    if declared == UTF_8 {
        return !valid_utf8;
    }
    (valid_utf8 && !bytes.is_ascii()) || !declared.decodes_cleanly(bytes)
}

fn is_wide(codec: Codec) -> bool {
    matches!(
        codec.name(),
        "UTF-16LE" | "UTF-16BE" | "UTF-32LE" | "UTF-32BE"
    )
}

fn show_bytes(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("\\x{b:02X}")).collect()
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
    fn utf32_bom_before_utf16() {
        let d = decode(b"\xff\xfe\x00\x00h\x00\x00\x00i\x00\x00\x00").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("hi", "UTF-32LE"));
    }

    #[test]
    fn png_is_binary() {
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(DecodeError::Binary("PNG image"))
        ));
    }

    #[test]
    fn nul_bytes_outside_utf16_are_binary() {
        assert!(matches!(
            decode(b"abc\0\x01\x02\x03\xff\xfe\0\0\0\x10\x20"),
            Err(DecodeError::Binary(_))
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
    fn short_utf8_with_a_stray_byte_is_read_as_utf8() {
        // Two valid sequences and one stray byte: UTF-8 with a replacement, not a code page
        // that would turn `ç` into `Ã§` (windows-1252) or `√ß` (MacRoman).
        let d =
            decode(b"Une phrase en fran\xc3\xa7ais avec un octet \xff cass\xc3\xa9 ici.").unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(
            d.text,
            "Une phrase en français avec un octet \u{FFFD} cassé ici."
        );
        assert_eq!(d.invalid_offsets, vec![38]);
    }

    #[test]
    fn gbk_bytes_are_detected() {
        let (bytes, _, _) =
            encoding_rs::GBK.encode("这是一个用中文写的句子，用来测试编码检测是否正确。");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "GBK");
        assert_eq!(d.source, Source::Detected);
    }

    #[test]
    fn declaration_is_followed_when_the_bytes_agree() {
        let mut page = b"<meta charset=windows-1251><p>".to_vec();
        page.extend_from_slice(&encoding_rs::WINDOWS_1251.encode("Привет").0);
        let d = decode(&page).unwrap();
        assert_eq!(
            (d.encoding, d.source, d.overridden),
            ("windows-1251", Source::Declared, false)
        );
    }

    #[test]
    fn utf8_bytes_declared_latin1_are_read_as_utf8() {
        let d = decode("<meta charset=iso-8859-1><p>café</p>".as_bytes()).unwrap();
        assert_eq!(d.text, "<meta charset=iso-8859-1><p>café</p>");
        assert_eq!(
            (d.encoding, d.declared, d.overridden),
            ("UTF-8", Some("windows-1252"), true)
        );
    }

    #[test]
    fn user_label_aliases() {
        let config = DecodeConfig {
            encoding: Some("cp437".into()),
            ..Default::default()
        };
        let d = decode_with(b"caf\x82", &config).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("café", "IBM437"));
        let bad = DecodeConfig {
            encoding: Some("no-such".into()),
            ..Default::default()
        };
        assert!(matches!(
            decode_with(b"x", &bad),
            Err(DecodeError::UnknownEncoding(_))
        ));
    }
}
