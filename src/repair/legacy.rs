//! Multi-byte legacy encodings (GBK, Big5, Shift_JIS, EUC-KR, EUC-JP) read as Latin-1 or
//! windows-1252.
//!
//! A page served in GBK and read as Latin-1 turns each two-byte GBK character into two Latin-1
//! characters: `’` (GBK `A1 AF`) becomes `¡¯`. This pass finds runs of characters that
//! windows-1252 or Latin-1 can encode and that hold at least one non-ASCII character, re-encodes
//! each run to bytes, decodes the bytes with each candidate encoding, and keeps the decoding
//! only when it is clearly better text: every character of it is a common East Asian character
//! or punctuation, and the run it replaces is not natural Latin text.
//!
//! All runs of a document are judged together: the candidate encoding that explains the most
//! runs wins, so one document gets one explanation.

use encoding_rs::Encoding;

use super::codepage::{latin_byte, reading_of};
use crate::changes::{Edit, Reason};
use crate::config::RepairConfig;

/// The multi-byte encodings tried, in order of preference when several explain a span equally.
const CANDIDATES: &[&Encoding] = &[
    encoding_rs::GBK,
    encoding_rs::BIG5,
    encoding_rs::SHIFT_JIS,
    encoding_rs::EUC_KR,
    encoding_rs::EUC_JP,
];

/// Propose edits that undo multi-byte legacy text read as a single-byte code page.
///
/// ```
/// use textmend::repair::legacy::fix_legacy_mojibake;
/// use textmend::config::RepairConfig;
/// let edits = fix_legacy_mojibake("People\u{a1}\u{af}s Forum", &RepairConfig::default());
/// assert_eq!(edits[0].after, "\u{2019}");
/// ```
pub fn fix_legacy_mojibake(text: &str, _config: &RepairConfig) -> Vec<Edit> {
    let runs = latin_runs(text);
    if runs.is_empty() {
        return Vec::new();
    }
    let mut best: Option<(usize, Vec<Edit>)> = None;
    for enc in CANDIDATES {
        let edits: Vec<Edit> = runs
            .iter()
            .filter_map(|(range, bytes)| {
                let span = &text[range.clone()];
                let decoded = decode_exact(enc, bytes)?;
                if !is_clearly_better(span, &decoded) {
                    return None;
                }
                let reason =
                    Reason::mojibake(&enc.name().to_ascii_lowercase(), reading_of(span).name());
                Some(Edit::new(range.clone(), decoded, reason))
            })
            .collect();
        if !edits.is_empty() && best.as_ref().is_none_or(|(n, _)| edits.len() > *n) {
            best = Some((edits.len(), edits));
        }
    }
    best.map(|(_, e)| e).unwrap_or_default()
}

/// Maximal runs of characters with a windows-1252/Latin-1 byte, at least two of them non-ASCII
/// and not spaces, trimmed of ASCII at both ends, with their bytes.
fn latin_runs(text: &str) -> Vec<(std::ops::Range<usize>, Vec<u8>)> {
    let mut runs = Vec::new();
    let mut start = None;
    let mut end = 0;
    let mut bytes = Vec::new();
    let mut flush = |start: &mut Option<usize>, end: usize, bytes: &mut Vec<u8>| {
        if let Some(s) = start.take() {
            let high = bytes.iter().filter(|&&b| b >= 0x80).count();
            if high >= 2 {
                runs.push((s..end, std::mem::take(bytes)));
            }
        }
        bytes.clear();
    };
    for (i, c) in text.char_indices() {
        match latin_byte(c) {
            Some(b) if b >= 0x80 && b != 0xA0 => {
                if start.is_none() {
                    start = Some(i);
                }
                bytes.push(b);
                end = i + c.len_utf8();
            }
            _ => flush(&mut start, end, &mut bytes),
        }
    }
    flush(&mut start, end, &mut bytes);
    runs
}

/// Decode `bytes` with `enc`, or `None` if any byte sequence is invalid.
fn decode_exact(enc: &'static Encoding, bytes: &[u8]) -> Option<String> {
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
}

/// True when `decoded` is plausible East Asian text or punctuation and `span` is not plausible
/// Latin text (it holds symbols that do not occur between letters in any language).
fn is_clearly_better(span: &str, decoded: &str) -> bool {
    let all_common = decoded.chars().all(is_common_east_asian);
    let has_symbol = span
        .chars()
        .any(|c| matches!(c, '\u{A1}'..='\u{BF}' | '\u{D7}' | '\u{F7}'));
    all_common && has_symbol
}

/// Common characters of East Asian text: CJK ideographs, kana, Hangul, CJK and general
/// punctuation, fullwidth forms.
fn is_common_east_asian(c: char) -> bool {
    matches!(c,
        '\u{2010}'..='\u{2027}' // dashes, quotes, ellipsis
        | '\u{3000}'..='\u{303F}' // CJK punctuation
        | '\u{3041}'..='\u{30FF}' // kana
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{AC00}'..='\u{D7A3}' // Hangul syllables
        | '\u{FF01}'..='\u{FF5E}' // fullwidth ASCII
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        let mut ch = crate::changes::Changes::new();
        ch.apply(
            crate::changes::Stage::Repair,
            s.to_string(),
            fix_legacy_mojibake(s, &RepairConfig::default()),
        )
    }

    #[test]
    fn gbk_quotes_in_english() {
        let (bytes, _, _) = encoding_rs::GBK.encode("the “theme” of People’s Forum");
        let damaged: String = bytes.iter().map(|&b| b as char).collect();
        assert_eq!(fix(&damaged), "the “theme” of People’s Forum");
    }

    #[test]
    fn intact_latin_text_is_left_alone() {
        for s in [
            "Größe und Weiß",
            "Ça coûte 5 € — d’accord ?",
            "NÃO SÃO",
            "¿Qué tal? ¡Hola!",
        ] {
            assert_eq!(fix(s), s);
        }
    }
}
