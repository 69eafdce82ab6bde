//! Latin-script text written in windows-1251 and read as KOI8 or IBM866: the only bytes of the
//! upper half such text holds are the code page's punctuation (`’ – “ ” «»`, no-break space),
//! and the wrong reading makes box drawing, mathematical signs or Cyrillic letters of them
//! (`D▓Alia`, `Hubli√Dharwad` in KOI8-R; `DТAlia`, `HubliЦDharwad` in IBM866).
//!
//! Such a line has no Cyrillic word to judge, so the Cyrillic explanations (which take only
//! letters as evidence) never see it. It is explained here, as a whole: every character
//! outside ASCII must be the reading of a windows-1251 sign that is not a letter; one of them
//! must be a *cue*, an apostrophe or dash of windows-1251 read as a sign or a lone capital
//! between two ASCII letters (where real box drawing, mathematics or Cyrillic hardly ever
//! stand); and the judge must find the repaired text clearly more natural, as for the other
//! explanations ([`MARGIN`], [`STRONG_GROUP`]), with no word made worse.

use std::ops::Range;

use encoding_rs::Encoding;

use super::candidates::Reading;
use super::judge;
use super::quick::high_char;
use super::tables::Bits;
use super::{MARGIN, STRONG_GROUP, window_group_of};

/// The windows-1251 bytes of the cues: `‘ ’` (0x91, 0x92) and `– —` (0x96, 0x97).
const APOSTROPHES: [u8; 2] = [0x91, 0x92];
const DASHES: [u8; 2] = [0x96, 0x97];

/// The readings tried, with the name reports give them.
fn readings() -> [(Reading, &'static Encoding); 2] {
    [
        (
            Reading::SingleByte(encoding_rs::KOI8_R),
            encoding_rs::KOI8_R,
        ),
        (
            Reading::SingleByte(encoding_rs::IBM866),
            encoding_rs::IBM866,
        ),
    ]
}

/// True for a character that KOI8-R, KOI8-U or IBM866 make of a windows-1251 apostrophe or
/// dash (`▒ ▓ √ ≈`, `С Т Ц Ч`): the gate's sign of this explanation, when an ASCII letter
/// follows it.
///
/// ```
/// use textmend::repair::legacy::punctuation::is_cue_sign;
/// assert!(is_cue_sign('▓') && is_cue_sign('√') && is_cue_sign('Т'));
/// assert!(!is_cue_sign('’') && !is_cue_sign('─') && !is_cue_sign('Ж'));
/// ```
pub fn is_cue_sign(c: char) -> bool {
    readings().iter().any(|&(reading, _)| {
        reading
            .byte(c)
            .is_some_and(|b| APOSTROPHES.contains(&b) || DASHES.contains(&b))
    })
}

/// Repairs of single characters: byte ranges in the line and the sign each becomes.
pub(super) type SignEdits = Vec<(Range<usize>, char)>;

/// The edits of a line of Latin-script windows-1251 text read as KOI8 or IBM866, with the
/// reading, when that explains it clearly.
pub(super) fn explain(line: &str) -> Option<(SignEdits, &'static Encoding)> {
    readings().into_iter().find_map(|(reading, enc)| {
        let edits = explain_as(line, reading)?;
        // KOI8-R and KOI8-U are read as one family: the name is KOI8-U's where a character
        // is one of its own letters (`є`).
        let koi8_u = enc == encoding_rs::KOI8_R
            && edits.iter().any(|(r, _)| {
                let c = line[r.clone()].chars().next().expect("a character");
                reading
                    .byte(c)
                    .and_then(|b| high_char(encoding_rs::KOI8_R, b))
                    != Some(c)
            });
        Some((edits, if koi8_u { encoding_rs::KOI8_U } else { enc }))
    })
}

/// [`explain`] under one reading.
fn explain_as(line: &str, reading: Reading) -> Option<SignEdits> {
    let mut edits = SignEdits::new();
    let mut cue = false;
    for (i, c) in line.char_indices() {
        if c.is_ascii() {
            continue;
        }
        // Every character outside ASCII is a sign of windows-1251 read wrongly.
        let b = reading.byte(c)?;
        let sign = high_char(encoding_rs::WINDOWS_1251, b).filter(|s| !s.is_alphabetic())?;
        let range = i..i + c.len_utf8();
        cue |= is_cue(line, &range, b);
        edits.push((range, sign));
    }
    if !cue || edits.is_empty() {
        return None;
    }
    judged_better(line, &edits).then_some(edits)
}

/// True when the character at `range`, byte `b` under the reading, is a windows-1251
/// apostrophe or dash between two ASCII letters: of a word not all in capitals (`SТOP` may be
/// a Cyrillic homoglyph), and for a dash between words of two letters or more (`x≈y` is
/// mathematics).
fn is_cue(line: &str, range: &Range<usize>, b: u8) -> bool {
    let dash = DASHES.contains(&b);
    if !dash && !APOSTROPHES.contains(&b) {
        return false;
    }
    let before = ascii_letters_before(line, range.start);
    let after = ascii_letters_after(line, range.end);
    let least = if dash { 2 } else { 1 };
    before.len() >= least
        && after.len() >= least
        && (before.bytes().chain(after.bytes())).any(|c| c.is_ascii_lowercase())
}

/// The ASCII letters just before byte `at` of `line`.
fn ascii_letters_before(line: &str, at: usize) -> &str {
    let head = &line[..at];
    let n = head
        .bytes()
        .rev()
        .take_while(u8::is_ascii_alphabetic)
        .count();
    &head[at - n..]
}

/// The ASCII letters just after byte `at` of `line`.
fn ascii_letters_after(line: &str, at: usize) -> &str {
    let tail = &line[at..];
    let n = tail.bytes().take_while(u8::is_ascii_alphabetic).count();
    &tail[..n]
}

/// True when the judge finds the line repaired by `edits` (in order) clearly more natural: the
/// words around the edits (grouped where their windows touch) gain [`MARGIN`] bits together
/// and one group [`STRONG_GROUP`], and no group gets worse.
fn judged_better(line: &str, edits: &[(Range<usize>, char)]) -> bool {
    let mut gain = 0.0;
    let mut strongest: Bits = 0.0;
    let mut i = 0;
    while i < edits.len() {
        let (ws, we, j) = window_group_of(line, edits, |(range, _)| range, i);
        let mut after = String::with_capacity(we - ws);
        let mut pos = ws;
        for (range, sign) in &edits[i..j] {
            after.push_str(&line[pos..range.start]);
            after.push(*sign);
            pos = range.end;
        }
        after.push_str(&line[pos..we]);
        let delta = judge::cost(&line[ws..we]) - judge::cost(&after);
        if delta < 0.0 {
            return false;
        }
        gain += delta;
        strongest = strongest.max(delta);
        i = j;
    }
    gain >= MARGIN && strongest >= STRONG_GROUP
}

#[cfg(test)]
mod tests {
    use crate::config::RepairConfig;
    use crate::repair::legacy::fix_legacy_mojibake;
    use crate::repair::legacy::tests::fix;

    /// `text` written in windows-1251, read as `read_as`.
    fn misread(text: &str, read_as: &'static encoding_rs::Encoding) -> String {
        let (bytes, _, unmapped) = encoding_rs::WINDOWS_1251.encode(text);
        assert!(!unmapped, "{text}");
        read_as.decode_without_bom_handling(&bytes).0.into_owned()
    }

    #[test]
    fn english_in_windows_1251_read_as_koi8_or_ibm866() {
        for text in [
            "Patel and D’Alia; Risk analyst; H.No. 710, Varma Nagar",
            "19/06, Aggarwal Path, Hubli–Dharwad-808501; Salvi-Dhingra",
            "We didn’t say “never” — we said the Paris–Roubaix race was «hard»",
            "O’Brien’s team won\u{a0}the cup; it wasn’t close.",
        ] {
            for read_as in [
                encoding_rs::KOI8_R,
                encoding_rs::KOI8_U,
                encoding_rs::IBM866,
            ] {
                let damaged = misread(text, read_as);
                assert_ne!(damaged, text);
                assert_eq!(fix(&damaged), text, "read as {}", read_as.name());
            }
        }
    }

    #[test]
    fn the_reason_names_windows_1251_and_the_reading() {
        let damaged = misread("Patel and D’Alia; Risk analyst", encoding_rs::IBM866);
        let edits = fix_legacy_mojibake(&damaged, &RepairConfig::default());
        assert_eq!(edits.len(), 1);
        assert_eq!(
            edits[0].reason,
            crate::changes::Reason::mojibake("windows-1251", "ibm866")
        );
    }

    #[test]
    fn box_drawing_mathematics_and_mixed_scripts_stay() {
        for s in [
            // Mathematics between letters and between spaces.
            "if x≈y then √x is close to √y",
            "The mean is ≈ 5 and the root √2 is irrational",
            "a√b and c≈d hold",
            // Bullets and tables of box drawing beside English words.
            "■ Item one ■ Item two ▓▓▓ progress ▒▒ left",
            "╔═══╗ Menu ║ Settings ╚═══╝",
            "▓Loading▓ please wait",
            // Cyrillic capitals among Latin letters: homoglyphs in capitals, real words.
            "SТOP and PАY NOW",
            "Москва и Санкт-Петербург: Moscow and Saint Petersburg",
            "Т-shirt of the ЦСКА team, size XL",
        ] {
            assert_eq!(fix(s), s);
        }
    }
}
