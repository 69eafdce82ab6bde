//! Guessing the encoding from the bytes alone: UTF-16/32 without a BOM from where the NUL bytes
//! fall; chardetng for the web's encodings; and, where chardetng's answer reads implausibly,
//! the DOS and Mac code pages it does not know (IBM437/850/852/855/862/865/737, MacRoman,
//! Mac Central European...), judged by [`super::plausible::penalty`] and [`super::letters::language_fit`].

use encoding_rs::Encoding;

use super::codec::{Codec, UTF_8};
use super::codepage;
use super::letters::language_fit;
use super::plausible::penalty;

/// How many leading bytes the NUL-pattern test looks at.
pub const SAMPLE: usize = 256 * 1024;
/// How many leading bytes the readings weighed by [`refine`] are made of.
pub const REFINE_SAMPLE: usize = 16 * 1024;

/// UTF-16 or UTF-32 without a BOM, recognised from the pattern of NUL bytes (text mostly in
/// the first 256 or 65,536 code points has NUL bytes in fixed lanes) and checked by decoding.
///
/// ```
/// use textmend::decode::detect::utf16_32;
/// let le: Vec<u8> = "Hello, world".encode_utf16().flat_map(u16::to_le_bytes).collect();
/// assert_eq!(utf16_32(&le).unwrap().name(), "UTF-16LE");
/// assert_eq!(utf16_32(b"plain bytes\0\0\xff"), None);
/// ```
pub fn utf16_32(bytes: &[u8]) -> Option<Codec> {
    let n = bytes.len().min(4096) / 4 * 4;
    let head = &bytes[..n];
    if n < 4 || memchr::memchr(0, head).is_none() {
        return None;
    }
    let mut zeros = [0usize; 4];
    for (i, &b) in head.iter().enumerate() {
        if b == 0 {
            zeros[i % 4] += 1;
        }
    }
    let units = n / 4;
    let sample = &bytes[..bytes.len().min(SAMPLE) / 4 * 4];
    let lanes = |hi: usize, mid: usize| {
        zeros[hi] == units && head.iter().skip(mid).step_by(4).all(|&b| b <= 0x10)
    };
    if lanes(3, 2) && looks_like_text(Codec::Utf32Le, sample) {
        return Some(Codec::Utf32Le);
    }
    if lanes(0, 1) && looks_like_text(Codec::Utf32Be, sample) {
        return Some(Codec::Utf32Be);
    }
    let even = zeros[0] + zeros[2];
    let odd = zeros[1] + zeros[3];
    // At least one 16-bit unit in 16 must show its NUL byte.
    let enough = (n / 32).max(2);
    let candidate = if odd > 4 * even && odd >= enough {
        encoding_rs::UTF_16LE
    } else if even > 4 * odd && even >= enough {
        encoding_rs::UTF_16BE
    } else {
        return None;
    };
    let codec = Codec::Whatwg(candidate);
    let sample = &bytes[..bytes.len().min(SAMPLE) / 2 * 2];
    looks_like_text(codec, sample).then_some(codec)
}

/// True when `bytes` decode under `codec` without errors (a cut surrogate pair at the end of a
/// sample aside) and hold no NUL and almost no other control characters.
fn looks_like_text(codec: Codec, bytes: &[u8]) -> bool {
    let (text, bad) = codec.decode_all(bytes);
    if bad.len() > 1 {
        return false;
    }
    let mut chars = 0usize;
    let mut controls = 0usize;
    for c in text.chars() {
        chars += 1;
        if c == '\0' {
            return false;
        }
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c') {
            controls += 1;
        }
    }
    chars > 0 && controls * 100 <= chars
}

/// Single-byte encodings weighed against chardetng's guess, each with a log prior (how common
/// it is, in nats): chardetng's own single-byte encodings, the ISO-8859 parts it does not guess
/// (3, 10, 15, 16), and the DOS and Mac code pages it does not know. Where two read the same
/// bytes alike the first wins. (VISCII, the Georgian code pages and the rarer Mac code pages are
/// read when declared, not guessed: the letter model lacks Georgian and most Vietnamese letters,
/// and Mac Greek or Turkish would be taken for MacRoman text more often than found.)
const ALTERNATIVES: &[(&str, f64)] = &[
    ("windows-1252", COMMON),
    ("windows-1250", COMMON),
    ("windows-1251", COMMON),
    ("windows-1253", COMMON),
    ("windows-1254", COMMON),
    ("windows-1257", COMMON),
    ("ISO-8859-2", COMMON),
    ("ISO-8859-4", COMMON),
    ("ISO-8859-13", COMMON),
    ("ISO-8859-15", COMMON),
    ("ISO-8859-16", COMMON),
    ("ISO-8859-3", COMMON),
    ("ISO-8859-10", COMMON),
    ("KOI8-R", COMMON),
    ("IBM866", RARE),
    ("IBM437", RARE),
    ("IBM850", RARE),
    ("IBM852", RARE),
    ("IBM865", RARE),
    ("IBM855", RARE),
    ("IBM862", RARE),
    ("IBM737", RARE),
    ("IBM775", RARE),
    ("IBM857", RARE),
    ("macintosh", RARE),
    ("x-mac-ce", RARE),
    ("x-mac-cyrillic", RARE),
];

/// True when detection can arrive at `codec` without a declaration: every encoding but the code
/// pages of `data/codepages.txt` outside the alternatives [`refine`] weighs (VISCII, Georgian, IBM860/861/863/869,
/// the Mac Greek, Turkish, Icelandic, Croatian and Romanian pages), which are read only when
/// declared or given.
///
/// ```
/// use textmend::decode::{detect::guessable, labels::lookup};
/// assert!(guessable(lookup("ibm852").unwrap()));
/// assert!(!guessable(lookup("viscii").unwrap()));
/// ```
pub fn guessable(codec: Codec) -> bool {
    match codec {
        Codec::Table(t) => ALTERNATIVES.iter().any(|(n, _)| *n == t.name),
        _ => true,
    }
}

/// Log prior of a web encoding other than chardetng's guess (which has 0).
const COMMON: f64 = -5.0;
/// Log prior of a DOS or Mac code page.
const RARE: f64 = -10.0;

/// A fit (log-likelihood plus prior) better than this, in nats, is needed to leave the current
/// choice for a reading that is as clean.
const FIT_MARGIN: f64 = 0.5;

/// The encoding of `bytes` (not valid UTF-8, no BOM), guessed: chardetng's choice (with the
/// top-level domain `tld` as a hint when known), weighed against other single-byte readings
/// (see [`refine`]).
///
/// ```
/// use textmend::decode::detect::guess;
/// let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("これは日本語の文章です。文字コードを判定します。");
/// assert_eq!(guess(&bytes, None).name(), "Shift_JIS");
/// ```
pub fn guess(bytes: &[u8], tld: Option<&str>) -> Codec {
    if let Some(codec) = escaped(bytes) {
        return codec;
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
    det.feed(bytes, true);
    let enc = det.guess(tld.map(str::as_bytes), chardetng::Utf8Detection::Allow);
    refine(Codec::Whatwg(enc), &bytes[..bytes.len().min(REFINE_SAMPLE)])
}

/// Weigh `base` against other single-byte readings: chardetng's own windows-125x, ISO-8859
/// and KOI8-R encodings, ISO-8859-3/10/15/16, IBM437/737/775/850/852/855/857/862/865/866,
/// MacRoman, Mac CE and Mac Cyrillic. A single-byte reading wins when it has the least
/// [`penalty`] (symbols inside words, controls, case and script breaks) and, among equally
/// clean readings, fits a language's letters best ([`language_fit`]); the current choice is kept
/// unless another fits better by a margin, with a log prior that favours chardetng's guess (0)
/// over other web encodings (−5 nats) and those over DOS and Mac code pages (−10). A multi-byte guess is kept unless it reads
/// implausibly and a single-byte reading has less than half its penalty.
pub fn refine(base: Codec, sample: &[u8]) -> Codec {
    let base_text = base.decode_all(sample).0;
    let (base_penalty, base_chars) = penalty(&base_text);
    let multibyte = !base.is_single_byte();
    if multibyte && (base_penalty as f64) < 0.05 * base_chars.max(1) as f64 {
        return base;
    }
    let mut best = (base_penalty, language_fit(&base_text).0, base);
    if multibyte {
        best = (u64::MAX, f64::NEG_INFINITY, base);
    }
    for &(name, prior) in ALTERNATIVES {
        let Some(codec) = alternative(name) else {
            continue;
        };
        if codec == base {
            continue;
        }
        let text = codec.decode_all(sample).0;
        let (p, _) = penalty(&text);
        if p > best.0 {
            continue;
        }
        let fit = language_fit(&text).0 + prior;
        if p < best.0 || fit > best.1 + FIT_MARGIN {
            best = (p, fit, codec);
        }
    }
    if multibyte && best.0.saturating_mul(2) >= base_penalty {
        return base;
    }
    best.2
}

fn alternative(name: &str) -> Option<Codec> {
    if let Some(cp) = codepage::by_name(name) {
        return Some(Codec::Table(cp));
    }
    Encoding::for_label(name.as_bytes()).map(Codec::Whatwg)
}

/// The 7-bit encodings that switch character sets with escape sequences: ISO-2022-KR (its
/// designator `ESC $ ) C`) and ISO-2022-JP (`ESC $ B`, `ESC $ @`, `ESC ( J`), when the bytes
/// are 7-bit and decode cleanly.
///
/// ```
/// use textmend::decode::detect::escaped;
/// let (bytes, _, _) = encoding_rs::ISO_2022_JP.encode("日本語");
/// assert_eq!(escaped(&bytes).unwrap().name(), "ISO-2022-JP");
/// assert_eq!(escaped(b"plain"), None);
/// ```
pub fn escaped(bytes: &[u8]) -> Option<Codec> {
    if !bytes.is_ascii() || memchr::memchr(0x1b, bytes).is_none() {
        return None;
    }
    let has = |seq: &[u8]| memchr::memmem::find(bytes, seq).is_some();
    if has(b"\x1b$)C") && Codec::Iso2022Kr.decodes_cleanly(bytes) {
        return Some(Codec::Iso2022Kr);
    }
    let jp = Codec::Whatwg(encoding_rs::ISO_2022_JP);
    if (has(b"\x1b$B") || has(b"\x1b$@") || has(b"\x1b(J")) && jp.decodes_cleanly(bytes) {
        return Some(jp);
    }
    None
}

/// True when `bytes` are UTF-8 with a few invalid sequences: at least two valid multi-byte
/// sequences, and twice as many as invalid ones. Text in a legacy encoding forms valid
/// sequences only by chance: at most about one for three invalid ones in the uchardet corpus
/// (EUC-JP, IBM855, TIS-620; Latin code pages far fewer), so the bar stands well above it,
/// while a short UTF-8 text with one stray byte (`français … \xFF … cassé`) is read as UTF-8,
/// not as a code page that turns its `ç` into `Ã§` or `√ß`.
///
/// ```
/// use textmend::decode::detect::mostly_utf8;
/// let mut bytes = "čeština, Ελληνικά, русский ".repeat(3).into_bytes();
/// bytes.push(0xff);
/// assert!(mostly_utf8(&bytes));
/// assert!(!mostly_utf8(b"caf\xe9 cr\xe8me"));
/// assert!(mostly_utf8(b"fran\xc3\xa7ais \xff cass\xc3\xa9"));
/// assert!(!mostly_utf8(b"caf\xc3\xa9 \xff\xfe"));
/// ```
pub fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                valid += std::str::from_utf8(good)
                    .map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                invalid += 1;
                match e.error_len() {
                    Some(n) => rest = &bad[n..],
                    None => break,
                }
            }
        }
    }
    valid >= 2 && valid >= 2 * invalid.max(1)
}

/// UTF-8 when `bytes` are valid UTF-8 or [mostly](mostly_utf8) so, else [`guess`].
pub fn guess_any(bytes: &[u8], tld: Option<&str>) -> Codec {
    if std::str::from_utf8(bytes).is_ok() || mostly_utf8(bytes) {
        UTF_8
    } else {
        guess(bytes, tld)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(label: &str, text: &str) -> Vec<u8> {
        let codec = super::super::labels::lookup(label).unwrap();
        match codec {
            Codec::Whatwg(e) => e.encode(text).0.into_owned(),
            Codec::Table(t) => text
                .chars()
                .map(|c| (0..=255u8).find(|&b| t.char_of(b) == Some(c)).unwrap())
                .collect(),
            _ => unreachable!(),
        }
    }

    const CZECH: &str = "Příliš žluťoučký kůň úpěl ďábelské ódy. Věta obsahuje všechna písmena \
                         české abecedy, a proto se používá k testování písem a klávesnic.";

    #[test]
    fn dos_czech_is_ibm852() {
        assert_eq!(guess(&enc("ibm852", CZECH), None).name(), "IBM852");
    }

    #[test]
    fn mac_czech_is_mac_ce() {
        assert_eq!(guess(&enc("x-mac-ce", CZECH), None).name(), "x-mac-ce");
    }

    #[test]
    fn windows_czech_stays_windows() {
        let name = guess(&enc("windows-1250", CZECH), None).name();
        assert!(name == "windows-1250" || name == "ISO-8859-2", "{name}");
    }

    #[test]
    fn utf32_without_bom() {
        let be: Vec<u8> = "Grüße aus Köln"
            .chars()
            .flat_map(|c| (c as u32).to_be_bytes())
            .collect();
        assert_eq!(utf16_32(&be), Some(Codec::Utf32Be));
        let le: Vec<u8> = "Grüße"
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect();
        assert_eq!(utf16_32(&le), Some(Codec::Utf32Le));
    }

    #[test]
    fn utf16be_japanese_without_bom() {
        let be: Vec<u8> = "日本語のテキスト (UTF-16) です。\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(utf16_32(&be).unwrap().name(), "UTF-16BE");
    }
}
