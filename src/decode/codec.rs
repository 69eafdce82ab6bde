//! The encodings textmend can decode, behind one type: encoding_rs's WHATWG encodings, the code
//! pages of `data/codepages.txt`, UTF-32 and ISO-2022-KR. Each gives an incremental
//! [`Decoder`], so a document can be decoded whole or in chunks with the same code.

use encoding_rs::Encoding;

use super::codepage::CodePage;

/// An encoding textmend can decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    /// A WHATWG encoding, decoded by encoding_rs.
    Whatwg(&'static Encoding),
    /// A single-byte code page from `data/codepages.txt`.
    Table(&'static CodePage),
    /// UTF-32, little-endian.
    Utf32Le,
    /// UTF-32, big-endian.
    Utf32Be,
    /// ISO-2022-KR (RFC 1557): KS X 1001 shifted in with SO/SI.
    Iso2022Kr,
}

/// UTF-8, the default.
pub const UTF_8: Codec = Codec::Whatwg(encoding_rs::UTF_8);

impl Codec {
    /// The name reported for this encoding (WHATWG name where there is one).
    ///
    /// ```
    /// use textmend::decode::{labels, Codec};
    /// assert_eq!(labels::lookup("cp936").unwrap().name(), "GBK");
    /// assert_eq!(labels::lookup("cp852").unwrap().name(), "IBM852");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Codec::Whatwg(e) => e.name(),
            Codec::Table(t) => t.name,
            Codec::Utf32Le => "UTF-32LE",
            Codec::Utf32Be => "UTF-32BE",
            Codec::Iso2022Kr => "ISO-2022-KR",
        }
    }

    /// True for encodings where every byte is one character.
    pub fn is_single_byte(self) -> bool {
        match self {
            Codec::Whatwg(e) => e.is_single_byte(),
            Codec::Table(_) => true,
            _ => false,
        }
    }

    /// A fresh incremental decoder (no BOM handling: the caller removes a BOM).
    pub fn new_decoder(self) -> Decoder {
        let kind = match self {
            Codec::Whatwg(e) => Kind::Rs(e.new_decoder_without_bom_handling()),
            Codec::Table(t) => Kind::Table(t),
            Codec::Utf32Le => Kind::Utf32 { big_endian: false },
            Codec::Utf32Be => Kind::Utf32 { big_endian: true },
            Codec::Iso2022Kr => Kind::Iso2022Kr { shifted: false },
        };
        Decoder {
            kind,
            consumed: 0,
            pending: Vec::new(),
        }
    }

    /// Decode all of `bytes`, replacing invalid sequences with U+FFFD; returns the text and the
    /// byte offsets of the invalid sequences.
    ///
    /// ```
    /// use textmend::decode::labels;
    /// let (text, bad) = labels::lookup("ibm850").unwrap().decode_all(b"caf\x82 \xff");
    /// assert_eq!(text, "café \u{a0}");
    /// assert!(bad.is_empty());
    /// ```
    pub fn decode_all(self, bytes: &[u8]) -> (String, Vec<usize>) {
        let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
        let mut bad = Vec::new();
        self.new_decoder()
            .decode(bytes, true, &mut out, &mut |inv| bad.push(inv.offset));
        (out, bad)
    }

    /// True when `bytes` decode without any invalid sequence.
    pub fn decodes_cleanly(self, bytes: &[u8]) -> bool {
        match self {
            Codec::Whatwg(e) => e
                .decode_without_bom_handling_and_without_replacement(bytes)
                .is_some(),
            _ => self.decode_all(bytes).1.is_empty(),
        }
    }
}

/// One invalid sequence met while decoding.
#[derive(Debug, Clone)]
pub struct Invalid<'a> {
    /// Offset of its first byte in the whole input (counting every chunk fed so far).
    pub offset: usize,
    /// Its bytes, as far as they are in the current chunk.
    pub bytes: &'a [u8],
    /// Where its U+FFFD starts in the output string.
    pub at: usize,
}

/// An incremental decoder: feed it the input in pieces, in order.
pub struct Decoder {
    kind: Kind,
    /// Bytes fed before the current call.
    consumed: usize,
    /// Bytes of an incomplete unit carried to the next call (UTF-32, ISO-2022-KR).
    pending: Vec<u8>,
}

enum Kind {
    Rs(encoding_rs::Decoder),
    Table(&'static CodePage),
    Utf32 { big_endian: bool },
    Iso2022Kr { shifted: bool },
}

impl Decoder {
    /// Decode `bytes`, the next piece of the input, appending to `out`. Each invalid sequence
    /// becomes U+FFFD and is passed to `on_invalid`. `last` marks the end of the input, where an
    /// incomplete sequence is invalid.
    pub fn decode(
        &mut self,
        bytes: &[u8],
        last: bool,
        out: &mut String,
        on_invalid: &mut dyn FnMut(Invalid<'_>),
    ) {
        let base = self.consumed;
        match &mut self.kind {
            Kind::Rs(d) => decode_rs(d, base, bytes, last, out, on_invalid),
            Kind::Table(t) => {
                out.reserve(bytes.len());
                for (i, &b) in bytes.iter().enumerate() {
                    match t.char_of(b) {
                        Some(c) => out.push(c),
                        None => {
                            on_invalid(Invalid {
                                offset: base + i,
                                bytes: &bytes[i..i + 1],
                                at: out.len(),
                            });
                            out.push('\u{FFFD}');
                        }
                    }
                }
            }
            Kind::Utf32 { big_endian } => {
                let be = *big_endian;
                decode_utf32(be, &mut self.pending, base, bytes, last, out, on_invalid)
            }
            Kind::Iso2022Kr { shifted } => decode_iso2022kr(
                shifted,
                &mut self.pending,
                base,
                bytes,
                last,
                out,
                on_invalid,
            ),
        }
        self.consumed += bytes.len();
    }
}

fn decode_rs(
    d: &mut encoding_rs::Decoder,
    base: usize,
    bytes: &[u8],
    last: bool,
    out: &mut String,
    on_invalid: &mut dyn FnMut(Invalid<'_>),
) {
    let mut pos = 0;
    loop {
        if let Some(need) = d.max_utf8_buffer_length_without_replacement(bytes.len() - pos) {
            out.reserve(need);
        }
        let (result, read) = d.decode_to_string_without_replacement(&bytes[pos..], out, last);
        pos += read;
        match result {
            encoding_rs::DecoderResult::InputEmpty => break,
            encoding_rs::DecoderResult::OutputFull => out.reserve(bytes.len() - pos + 16),
            encoding_rs::DecoderResult::Malformed(bad, extra) => {
                let end = pos.saturating_sub(extra as usize);
                let start = end.saturating_sub(bad as usize);
                // A malformed sequence that began in an earlier chunk is reported at this
                // chunk's start.
                on_invalid(Invalid {
                    offset: (base + pos).saturating_sub(extra as usize + bad as usize),
                    bytes: &bytes[start..end],
                    at: out.len(),
                });
                out.push('\u{FFFD}');
            }
        }
    }
}

fn decode_utf32(
    big_endian: bool,
    pending: &mut Vec<u8>,
    base: usize,
    bytes: &[u8],
    last: bool,
    out: &mut String,
    on_invalid: &mut dyn FnMut(Invalid<'_>),
) {
    let start = base - pending.len();
    let mut buf = std::mem::take(pending);
    buf.extend_from_slice(bytes);
    let whole = buf.len() / 4 * 4;
    out.reserve(whole / 4);
    for (i, unit) in buf[..whole].chunks_exact(4).enumerate() {
        let arr = [unit[0], unit[1], unit[2], unit[3]];
        let v = if big_endian {
            u32::from_be_bytes(arr)
        } else {
            u32::from_le_bytes(arr)
        };
        match char::from_u32(v) {
            Some(c) => out.push(c),
            None => {
                on_invalid(Invalid {
                    offset: start + i * 4,
                    bytes: &[],
                    at: out.len(),
                });
                out.push('\u{FFFD}');
            }
        }
    }
    if whole < buf.len() {
        if last {
            on_invalid(Invalid {
                offset: start + whole,
                bytes: &[],
                at: out.len(),
            });
            out.push('\u{FFFD}');
        } else {
            pending.extend_from_slice(&buf[whole..]);
        }
    }
}

fn decode_iso2022kr(
    shifted: &mut bool,
    pending: &mut Vec<u8>,
    base: usize,
    bytes: &[u8],
    last: bool,
    out: &mut String,
    on_invalid: &mut dyn FnMut(Invalid<'_>),
) {
    const DESIGNATOR: &[u8] = b"\x1b$)C";
    let start = base - pending.len();
    let mut buf = std::mem::take(pending);
    buf.extend_from_slice(bytes);
    let mut i = 0;
    while i < buf.len() {
        let b = buf[i];
        let rest = &buf[i..];
        if b == 0x1b {
            if rest.starts_with(DESIGNATOR) {
                i += DESIGNATOR.len();
                continue;
            }
            if !last && DESIGNATOR.starts_with(rest) {
                break;
            }
        }
        match b {
            0x0e => *shifted = true,
            0x0f => *shifted = false,
            b'\n' | b'\r' => {
                *shifted = false;
                out.push(b as char);
            }
            0x21..=0x7e if *shifted => {
                if rest.len() < 2 {
                    if !last {
                        break;
                    }
                } else if let Some(s) = encoding_rs::EUC_KR
                    .decode_without_bom_handling_and_without_replacement(&[
                        rest[0] | 0x80,
                        rest[1] | 0x80,
                    ])
                {
                    out.push_str(&s);
                    i += 2;
                    continue;
                }
                on_invalid(Invalid {
                    offset: start + i,
                    bytes: &[],
                    at: out.len(),
                });
                out.push('\u{FFFD}');
                i += rest.len().min(2);
                continue;
            }
            0x00..=0x7f => out.push(b as char),
            _ => {
                on_invalid(Invalid {
                    offset: start + i,
                    bytes: &[],
                    at: out.len(),
                });
                out.push('\u{FFFD}');
            }
        }
        i += 1;
    }
    if i < buf.len() {
        pending.extend_from_slice(&buf[i..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf32_both_orders_and_split_input() {
        let le: Vec<u8> = "héllo 😀"
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect();
        assert_eq!(Codec::Utf32Le.decode_all(&le).0, "héllo 😀");
        let be: Vec<u8> = "héllo"
            .chars()
            .flat_map(|c| (c as u32).to_be_bytes())
            .collect();
        assert_eq!(Codec::Utf32Be.decode_all(&be).0, "héllo");
        // Fed one byte at a time, the result is the same.
        let mut d = Codec::Utf32Le.new_decoder();
        let mut out = String::new();
        for (i, b) in le.iter().enumerate() {
            d.decode(&[*b], i + 1 == le.len(), &mut out, &mut |_| panic!());
        }
        assert_eq!(out, "héllo 😀");
    }

    #[test]
    fn utf32_bad_units_are_replaced_and_located() {
        let bytes = [0x41, 0, 0, 0, 0, 0xD8, 0, 0, 0x42, 0];
        let (text, bad) = Codec::Utf32Le.decode_all(&bytes);
        assert_eq!(text, "A\u{FFFD}\u{FFFD}");
        assert_eq!(bad, vec![4, 8]);
    }

    #[test]
    fn iso2022kr_shifts_into_korean() {
        let (euc, _, _) = encoding_rs::EUC_KR.encode("한국어");
        let mut bytes = b"\x1b$)C a \x0e".to_vec();
        bytes.extend(euc.iter().map(|b| b & 0x7f));
        bytes.extend_from_slice(b"\x0f b\n");
        let (text, bad) = Codec::Iso2022Kr.decode_all(&bytes);
        assert_eq!(text, " a 한국어 b\n");
        assert!(bad.is_empty());
    }

    #[test]
    fn split_multibyte_sequence_across_chunks() {
        let mut d = UTF_8.new_decoder();
        let mut out = String::new();
        d.decode(b"caf\xc3", false, &mut out, &mut |_| panic!());
        d.decode(b"\xa9 \xff", true, &mut out, &mut |inv| {
            assert_eq!(inv.offset, 6)
        });
        assert_eq!(out, "café \u{FFFD}");
    }
}
