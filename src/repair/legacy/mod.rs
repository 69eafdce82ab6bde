//! Legacy mojibake that no single rule can repair safely: multi-byte East Asian encodings
//! (GBK, Big5, Shift_JIS, EUC-JP, EUC-KR) read as Latin-1 or windows-1252, UTF-8 read as GBK,
//! Big5, Shift_JIS or EUC-KR, mix-ups between the Cyrillic code pages (windows-1251, KOI8-R,
//! KOI8-U, IBM866), and Cyrillic, Greek and Central European code pages read as windows-1252.
//!
//! For each line with characters outside ASCII, a quick scan ([`gate`]) says which families of
//! explanations could apply. The pass then tries each allowed *reading* (the encoding the text
//! was wrongly decoded with, [`candidates::readings`]): where the line's characters give back
//! bytes under that reading, it cuts the bytes into spans that a true encoding would decode
//! differently, decodes each span without loss, and asks the [`judge`] how natural the text is
//! before and after, word by word. The explanation (reading, true encoding) that lowers the
//! cost the most wins the line, and only by a clear margin ([`MARGIN`], [`STRONG_GROUP`]) and
//! when fewer of the line's words refuse it than accept it; its spans that do not make the text
//! much worse ([`TOLERANCE`]) become the edits. Spans that are UTF-8 mojibake under a single-byte
//! reading (`Ã©`) never decide a line: they are left to the UTF-8 pass.

pub mod candidates;
pub mod gate;
pub mod judge;
pub mod latin_words;
pub mod punctuation;
pub mod quick;
pub mod tables;

use std::ops::Range;

use encoding_rs::Encoding;

use crate::changes::{Edit, Reason};
use crate::config::RepairConfig;
use candidates::{
    Reading, encoding_name, is_utf8_mojibake, latin_byte_quick, multi_byte_of, readings, spans,
};
use gate::Signs;
use judge::Langs;
use quick::is_alphabetic;
use tables::Bits;

/// How much more natural (in bits) a line's repaired spans must be, in total, than the text
/// they replace.
pub const MARGIN: Bits = 10.0;
/// And at least one group of words of the line must gain this much on its own: many small
/// gains (a sign here and there that another code page reads as a letter) are no evidence.
pub const STRONG_GROUP: Bits = 8.0;
/// A span of an accepted explanation is repaired unless it makes its words this much worse.
pub const TOLERANCE: Bits = 8.0;

/// What an explanation must reach to be taken.
#[derive(Clone, Copy)]
struct Bar {
    /// The gain of its spans together (on top of any price `judge_units` sets).
    margin: Bits,
    /// The gain of its strongest group.
    strong: Bits,
    /// Only CJK encodings read as Latin-1 or windows-1252 are tried.
    cjk_only: bool,
    /// Only this explanation is tried (the one the document's other lines chose, see
    /// [`Document`]).
    only: Option<Family>,
    /// Of windows-1250 and ISO-8859-2, only this one is tried (the one a Central European
    /// document's lines chose, see [`document_sibling`]).
    sibling: Option<&'static Encoding>,
}

/// The bar of a repair: [`MARGIN`] and [`STRONG_GROUP`].
const REPAIR: Bar = Bar {
    margin: MARGIN,
    strong: STRONG_GROUP,
    cjk_only: false,
    only: None,
    sibling: None,
};

/// The bar of a CJK reading that is at least as natural as the text it replaces: too little
/// to repair, enough to say that the bytes may be CJK (see [`c1_held`]).
const PLAUSIBLE_CJK: Bar = Bar {
    margin: 0.0,
    strong: 0.0,
    cjk_only: true,
    only: None,
    sibling: None,
};

/// Propose edits that undo legacy mojibake. The lines of `text` are one document
/// ([`Document`]): they choose their explanation together.
///
/// ```
/// use textmend::repair::legacy::fix_legacy_mojibake;
/// use textmend::config::RepairConfig;
/// let edits = fix_legacy_mojibake("People\u{a1}\u{af}s Forum", &RepairConfig::default());
/// assert_eq!(edits[0].after, "\u{2019}");
/// let edits = fix_legacy_mojibake("Ïðèâåò, ìèð!", &RepairConfig::default());
/// assert_eq!(edits.len(), 2);
/// assert_eq!(edits[0].after, "Привет");
/// ```
pub fn fix_legacy_mojibake(text: &str, config: &RepairConfig) -> Vec<Edit> {
    Document::default()
        .fix_lines(text, std::iter::once(0..text.len()), config)
        .into_iter()
        .flatten()
        .collect()
}

/// An explanation as a document chooses it: the reading and the true encoding, with the
/// encodings that read the same bytes alike taken as one (KOI8-U as KOI8-R, ISO-8859-2 as
/// windows-1250).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Family {
    reading: Reading,
    enc: &'static Encoding,
}

impl Family {
    /// The family of the explanation (`reading`, `enc`).
    fn of(reading: Reading, enc: &'static Encoding) -> Family {
        let twin = |e: &'static Encoding| {
            if e == encoding_rs::KOI8_U {
                encoding_rs::KOI8_R
            } else if e == encoding_rs::ISO_8859_2 {
                encoding_rs::WINDOWS_1250
            } else {
                e
            }
        };
        let reading = match reading {
            Reading::SingleByte(r) => Reading::SingleByte(twin(r)),
            other => other,
        };
        Family {
            reading,
            enc: twin(enc),
        }
    }
}

/// Lines of one document won by the same explanation before the document holds its other
/// lines to it ([`Document`]).
pub const DOCUMENT_LINES: usize = 2;

/// The legacy pass over the lines of one document, which keeps what its lines say of the
/// whole: text that went through one wrong decoding went through it everywhere.
///
/// Each line is judged on its own first. The explanation that gains the most over the
/// document's lines is the document's when it repaired (alone, or alike with the one that won
/// the line) [`DOCUMENT_LINES`] lines or more, more than [`DOCUMENT_SHARE`] of the lines any
/// explanation repaired and [`DOCUMENT_LINE_SHARE`] of the lines outside ASCII the pass
/// looked at; the document is then taken to be damaged that way, for this round and the later
/// rounds of the repair:
/// - a line that this explanation also explains (it reached the bar) is repaired its way,
///   whichever explanation won the line alone or when a rival came too near for any to win
///   (a GBK page's `¡ö` is `■`, not EUC-KR's `⊆`, though the line alone would not say);
/// - a line that another explanation won is repaired this way instead where it reaches the
///   lower bar below (the CJK encodings share rows of signs at different places);
/// - a line that no explanation reached is repaired this way when that gains
///   [`DOCUMENT_BAR`] (`3¡½4 items`), for a multi-byte encoding: a single-byte one swaps
///   letters for letters, which intact text of another language can gain by; but for the
///   Central European encodings read as windows-1252 when the repair makes a sign a letter
///   (`¹ifrovanie`) or swaps letters the document's lines swapped on their own (`siê`), and
///   changes every occurrence in the line of what it changes;
/// - a Central European document reads the lines windows-1250 and ISO-8859-2 read differently
///   as the one its lines choose together ([`document_sibling`]).
///
/// A text of many sources, whose lines were damaged in several ways (or one false repair
/// among many intact lines), has no such choice, and each line stands alone.
#[derive(Default)]
pub struct Document {
    /// The explanation the document was found to be damaged by.
    prior: Option<Family>,
}

/// What the judge made of one line of a document: its repairs, the explanation that made
/// them, and every explanation that reached the bar.
struct Verdict {
    edits: Vec<Edit>,
    by: Option<Family>,
    taken: Vec<Taken>,
}

/// An explanation of a line that reached the bar: its family, its gain and a hash of its
/// repairs (two explanations with the same hash repair the line alike).
struct Taken {
    family: Family,
    /// The true encoding (windows-1250 and ISO-8859-2 are one family).
    enc: &'static Encoding,
    gain: Bits,
    picks: u64,
}

impl Verdict {
    /// The explanation of `family` among those taken, if any.
    fn taken_by(&self, family: Family) -> Option<&Taken> {
        self.taken.iter().find(|t| t.family == family)
    }

    /// The gains of the windows-1250 and the ISO-8859-2 explanations, when both reached the
    /// bar and repair the line differently.
    fn siblings_differ(&self) -> Option<(Bits, Bits)> {
        let a = self.taken_with(encoding_rs::WINDOWS_1250)?;
        let b = self.taken_with(encoding_rs::ISO_8859_2)?;
        (a.picks != b.picks).then_some((a.gain, b.gain))
    }

    /// The explanation of the true encoding `enc` among those taken, if any.
    fn taken_with(&self, enc: &'static Encoding) -> Option<&Taken> {
        self.taken.iter().find(|t| t.enc == enc)
    }

    /// True when the explanation of `family` repairs the line as its winner does.
    fn reads_as_winner(&self, family: Family) -> bool {
        let winner = self.by.and_then(|by| self.taken_by(by));
        winner.is_some_and(|w| self.taken_by(family).is_some_and(|t| t.picks == w.picks))
    }
}

impl Document {
    /// Propose the legacy repairs of the `lines` (ranges of `text`, in order, each ending
    /// with its `\n` or at the end of the text): one list of edits (offsets in `text`) for
    /// each range.
    pub fn fix_lines(
        &mut self,
        text: &str,
        lines: impl Iterator<Item = Range<usize>>,
        config: &RepairConfig,
    ) -> Vec<Vec<Edit>> {
        // Lines end where the line-break pass will end them (CR, U+2028, U+2029 too; not
        // U+0085, a byte of the readings), or a second run would judge other lines.
        let breaks = ['\n', '\r', '\u{2028}', '\u{2029}'];
        let mut out = Vec::new();
        // The pieces judged: the index of their range in `out`, their place in `text`, their
        // verdict.
        let mut judged: Vec<(usize, Range<usize>, Verdict)> = Vec::new();
        // The pieces that no explanation reached, the same way.
        let mut quiet: Vec<(usize, Range<usize>)> = Vec::new();
        for (index, range) in lines.enumerate() {
            out.push(Vec::new());
            // (An ASCII text is cut into lines, each found to be ASCII: no look at the whole
            // text first, which would read again the line the pass is most often given alone.)
            let mut offset = range.start;
            for line in inclusive_lines(&text[range]) {
                // The rare line with another break is cut again (a scan by bytes first:
                // splitting every line at four characters is slow).
                let other = has_other_break(line.as_bytes());
                let cut = other.then(|| line.split_inclusive(breaks));
                let whole = (!other).then_some(line);
                for piece in cut.into_iter().flatten().chain(whole) {
                    if !piece.is_ascii() {
                        let verdict = line_verdict(piece, offset, REPAIR, config);
                        let place = offset..offset + piece.len();
                        if verdict.by.is_some() || !verdict.taken.is_empty() {
                            judged.push((index, place, verdict));
                        } else {
                            quiet.push((index, place));
                        }
                    }
                    offset += piece.len();
                }
            }
        }
        if self.prior.is_none() {
            let pieces = judged.len() + quiet.len();
            self.prior = document_choice(judged.iter().map(|(_, _, v)| v), pieces);
        }
        if let Some(family) = self.prior {
            let bar = Bar {
                only: Some(family),
                ..REPAIR
            };
            // The bar of a line this explanation did not reach on its own: lower for the
            // multi-byte encodings, whose readings of intact text are strings of CJK
            // characters and signs; none for a single-byte one, which swaps letters for
            // letters, which intact text of another language can gain by (Portuguese `ecrã`
            // as windows-1250 `ecră`, `БМП` as KOI8-R's `ало`).
            let low = (!quick::is_single_byte(family.enc)).then_some(Bar {
                margin: DOCUMENT_BAR,
                strong: DOCUMENT_BAR,
                ..bar
            });
            for (_, piece, verdict) in &mut judged {
                // (A line the document's explanation repairs as its winner does keeps its
                // repairs and their explanation.)
                if verdict.by == Some(family) || verdict.reads_as_winner(family) {
                    continue;
                }
                let line = &text[piece.clone()];
                if verdict.taken_by(family).is_some() {
                    // (A line no explanation won, as a rival came near, is won by this one
                    // alone: the document has told them apart.)
                    *verdict = line_verdict(line, piece.start, bar, config);
                } else if let Some(low) = low {
                    // Another explanation won the line, and this one did not reach the bar:
                    // this one's repair is taken where it reaches the lower bar (`709 藤井
                    // Street` in a Big5 document is not windows-1251's `Гд«`). (Where it has
                    // none, the other stays: the same text alone, as a second run sees it once
                    // the document is repaired, gets it.)
                    let ours = line_verdict(line, piece.start, low, config);
                    if ours.by.is_some() {
                        *verdict = ours;
                    }
                }
            }
            // Where windows-1250 and ISO-8859-2 read a line's bytes as different letters
            // (`¾`: `ľ` or `ž`) the letter pairs of one line often cannot tell which; the
            // document's lines together can, and each such line is read the document's way.
            let central = family.reading == Reading::Latin && latin_to_latin(family.enc);
            let sibling = if central {
                document_sibling(judged.iter().map(|(_, piece, v)| (&text[piece.clone()], v)))
            } else {
                None
            };
            if let Some(sibling) = sibling {
                let ours_only = Bar {
                    sibling: Some(sibling),
                    ..bar
                };
                for (_, piece, verdict) in &mut judged {
                    if verdict.by == Some(family)
                        && verdict.siblings_differ().is_some()
                        && let Some(ours) = won_verdict(text, piece, ours_only, config)
                    {
                        *verdict = ours;
                    }
                }
            }
            // A Central European document (letters read as signs and letters of
            // windows-1252) repairs its lines that no explanation reached with the lower bar
            // too, under the conditions below: a line of a UI catalogue is often one word of
            // evidence (`(len na ¹ifrovanie)`, `nie pasuj± do`), too little alone, and the
            // document has shown how it was damaged.
            let quiet_low = low.or_else(|| {
                central.then_some(Bar {
                    margin: DOCUMENT_BAR,
                    strong: DOCUMENT_BAR,
                    ..bar
                })
            });
            // The letters the document's lines repaired on their own, and how often.
            let mut swaps: Vec<((char, char), usize)> = Vec::new();
            if central {
                for (_, _, v) in &judged {
                    if v.by == Some(family) {
                        for (a, b) in edit_swaps(text, &v.edits) {
                            match swaps.iter_mut().find(|(p, _)| *p == (a, b)) {
                                Some((_, n)) => *n += 1,
                                None => swaps.push(((a, b), 1)),
                            }
                        }
                    }
                }
            }
            let seen =
                |pair: (char, char)| swaps.iter().any(|&(p, n)| p == pair && n >= DOCUMENT_SWAPS);
            if let Some(low) = quiet_low {
                for (index, piece) in quiet {
                    let mut verdict = line_verdict(&text[piece.clone()], piece.start, low, config);
                    // (Read the document's way where the two Central European encodings
                    // read it differently, as above.)
                    if let Some(sibling) = sibling
                        && verdict.siblings_differ().is_some()
                        && let Some(ours) = won_verdict(
                            text,
                            &piece,
                            Bar {
                                sibling: Some(sibling),
                                ..low
                            },
                            config,
                        )
                    {
                        verdict = ours;
                    }
                    // (A Central European repair must make a sign a letter, which is damage
                    // whatever the language, or swap only letters for letters that the
                    // document's lines swapped on their own, [`DOCUMENT_SWAPS`] lines each
                    // (`siê` for `się` in a Polish document): any letter read as a letter,
                    // Portuguese `ecrã` as `ecră`, is what intact lines of other languages in
                    // the document gain by. And it must change every occurrence in the line of
                    // the characters it changes, or it is no reading of the line's bytes:
                    // `Bøe` made `Bře` beside `Sønner` is a Norwegian line as it was written.)
                    if verdict.by.is_some()
                        && (!central
                            || ((makes_signs_letters(text, &verdict.edits)
                                || edit_swaps(text, &verdict.edits).all(seen))
                                && changes_every_one(text, &piece, &verdict.edits)))
                    {
                        judged.push((index, piece, verdict));
                    }
                }
            }
            // (In order of position again, for the lines' edits.)
            judged.sort_by_key(|(_, piece, _)| piece.start);
        }
        for (index, _, verdict) in judged {
            out[index].extend(verdict.edits);
        }
        out
    }
}

/// The verdict on the line `piece` of `text` under `bar`, if some explanation won it.
fn won_verdict(
    text: &str,
    piece: &Range<usize>,
    bar: Bar,
    config: &RepairConfig,
) -> Option<Verdict> {
    let verdict = line_verdict(&text[piece.clone()], piece.start, bar, config);
    verdict.by.is_some().then_some(verdict)
}

/// The one of windows-1250 and ISO-8859-2 that a Central European document's lines choose:
/// the sum of what one gains over the other must reach [`MARGIN`] (a few lines that say much,
/// or many that say little), over the lines both explain, each its own way, and the lines
/// that the two read differently and only one explains (a Polish `godnoœci`: `œ` is `ś` in
/// windows-1250, a C1 control in ISO-8859-2), which count that one's whole gain.
fn document_sibling<'v>(
    lines: impl Iterator<Item = (&'v str, &'v Verdict)>,
) -> Option<&'static Encoding> {
    use encoding_rs::{ISO_8859_2, WINDOWS_1250};
    let lead: Bits = lines
        .map(|(line, v)| {
            if let Some((windows, iso)) = v.siblings_differ() {
                return iso - windows;
            }
            match (v.taken_with(WINDOWS_1250), v.taken_with(ISO_8859_2)) {
                (Some(windows), None)
                    if !latin_words::line_readings_agree(line, WINDOWS_1250, ISO_8859_2) =>
                {
                    -windows.gain
                }
                (None, Some(iso))
                    if !latin_words::line_readings_agree(line, WINDOWS_1250, ISO_8859_2) =>
                {
                    iso.gain
                }
                _ => 0.0,
            }
        })
        .sum();
    if lead >= MARGIN {
        Some(encoding_rs::ISO_8859_2)
    } else if lead <= -MARGIN {
        Some(encoding_rs::WINDOWS_1250)
    } else {
        None
    }
}

/// How many of a Central European document's lines must have swapped a letter for another
/// on their own before a line of the lower bar may swap them with nothing else.
const DOCUMENT_SWAPS: usize = 3;

/// The characters the `edits` (ranges of `text`) change, each with what it becomes.
fn edit_swaps<'a>(text: &'a str, edits: &'a [Edit]) -> impl Iterator<Item = (char, char)> + 'a {
    edits
        .iter()
        .flat_map(move |e| swaps(&text[e.range.clone()], &e.after))
}

/// The characters of `before` that its repair `after` changes (paired in order), each with
/// what it becomes.
fn swaps<'a>(before: &'a str, after: &'a str) -> impl Iterator<Item = (char, char)> + 'a {
    before.chars().zip(after.chars()).filter(|(a, b)| a != b)
}

/// True when some of the `edits` (ranges of `text`) makes a sign a letter: a character
/// without case (`³`, `¹`, `»`, and `º`, `ª`, letters by Unicode's class, signs in use) a
/// letter (`ł`, `š`, `ť`, `ş`).
fn makes_signs_letters(text: &str, edits: &[Edit]) -> bool {
    edit_swaps(text, edits).any(|(a, b)| !is_cased(a) && is_alphabetic(b))
}

/// True for a letter with two cases (`º` and `ª` are not: letters by Unicode's class, signs
/// in use).
fn is_cased(c: char) -> bool {
    c.to_lowercase().ne(std::iter::once(c)) || c.to_uppercase().ne(std::iter::once(c))
}

/// True when the `edits` (ranges of `text`) of the line `piece` change every occurrence in
/// the line of each character they change.
fn changes_every_one(text: &str, piece: &Range<usize>, edits: &[Edit]) -> bool {
    let changed: Vec<char> = edit_swaps(text, edits).map(|(a, _)| a).collect();
    let mut ranges: Vec<&Range<usize>> = edits.iter().map(|e| &e.range).collect();
    ranges.sort_by_key(|r| r.start);
    // The text between the edits, and after the last.
    let mut pos = piece.start;
    let mut gaps = Vec::with_capacity(ranges.len() + 1);
    for r in ranges {
        gaps.push(pos..r.start.max(pos));
        pos = pos.max(r.end);
    }
    gaps.push(pos..piece.end.max(pos));
    !gaps
        .into_iter()
        .any(|g| text[g].chars().any(|c| changed.contains(&c)))
}

/// Of the lines of a document that some explanation repairs, the share one explanation must
/// have repaired before the document is taken to be damaged its way ([`Document`]): a text
/// that mixes lines of several kinds of damage (a file of many sources) has no such choice.
pub const DOCUMENT_SHARE: f32 = 0.5;

/// And of the document's lines outside ASCII that the pass looked at, the share that
/// explanation must have repaired: damage changes most such lines of a document, where a
/// false repair of two lines among thousands of intact ones is no sign of it (Portuguese
/// `nºlin` read as windows-1250 `nşlin` must not make every `ecrã` an `ecră`).
pub const DOCUMENT_LINE_SHARE: f32 = 0.5;

/// What the repair of a line must gain (in bits, its total and its strongest group) under the
/// explanation its document was found to be damaged by, where no explanation reached the
/// line's own bar ([`MARGIN`], [`STRONG_GROUP`]).
pub const DOCUMENT_BAR: Bits = 3.0;

/// The explanation a document's line verdicts choose ([`Document`]), if any.
///
/// `pieces`: how many lines outside ASCII the pass looked at.
fn document_choice<'v>(
    verdicts: impl Iterator<Item = &'v Verdict>,
    pieces: usize,
) -> Option<Family> {
    let mut families: Vec<(Family, usize, Bits)> = Vec::new();
    let mut lines_won = 0;
    for v in verdicts {
        lines_won += usize::from(v.by.is_some());
        for t in &v.taken {
            match families.iter_mut().find(|(f, _, _)| *f == t.family) {
                Some(entry) => entry.2 += t.gain,
                None => families.push((t.family, 0, t.gain)),
            }
        }
        if let Some(by) = v.by {
            // A line goes to every explanation that repairs it as the one that won it: those
            // read it alike (GBK and EUC-KR share their quotes), and the first of equals wins
            // a line only by the order they are tried in.
            if !families.iter().any(|(f, _, _)| *f == by) {
                families.push((by, 0, 0.0));
            }
            for (f, wins, _) in &mut families {
                if *f == by || v.reads_as_winner(*f) {
                    *wins += 1;
                }
            }
        }
    }
    // (The most gained over the document, the first tried of equals: how much an
    // explanation gains in a line says more than which one gains most there.)
    let (best, wins, _) = families
        .iter()
        .copied()
        .reduce(|best, f| if f.2 > best.2 { f } else { best })?;
    (wins >= DOCUMENT_LINES
        && wins as f32 > DOCUMENT_SHARE * lines_won as f32
        && wins as f32 >= DOCUMENT_LINE_SHARE * pieces as f32)
        .then_some(best)
}

/// The lines of `text`, each with its `\n` (the last without one when the text does not end
/// with it): `text.split_inclusive('\n')`, with the `\n` found by the `memchr` crate (the
/// standard library's search costs more than the pass on most of the short lines it cuts).
fn inclusive_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || {
        if start == text.len() {
            return None;
        }
        let end = ends.next().map_or(text.len(), |e| e + 1);
        let line = &text[start..end];
        start = end;
        Some(line)
    })
}

/// True when `line` holds a line break other than `\n` that [`fix_legacy_mojibake`] cuts at
/// (`\r`, U+2028, U+2029). One search for `\r` and the byte 0xE2 that U+2028 and U+2029 begin
/// with ends most lines; from the first 0xE2 on, each break is looked for on its own, by the
/// `memchr` crate's searches for the whole sequence: the search for 0xE2 would stop again at
/// every `’`, `“` and `–` of the line, and at every `‡`, `‰` and `€` of UTF-8 read as
/// windows-1252.
fn has_other_break(line: &[u8]) -> bool {
    static SEPARATORS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 2]> =
        std::sync::LazyLock::new(|| {
            ["\u{2028}", "\u{2029}"].map(|s| memchr::memmem::Finder::new(s.as_bytes()))
        });
    match memchr::memchr2(b'\r', 0xE2, line) {
        None => false,
        Some(i) if line[i] == b'\r' => true,
        Some(i) => {
            let rest = &line[i..];
            memchr::memchr(b'\r', rest).is_some()
                || SEPARATORS.iter().any(|f| f.find(rest).is_some())
        }
    }
}

/// True when the judge finds nothing more to repair in `line` once `fixes` (absolute offsets,
/// the line starting at `offset`) and the UTF-8 pass's repairs `utf8` that they leave alone
/// (offsets in the line) are applied.
fn stable(line: &str, offset: usize, fixes: &[Edit], utf8: &[Edit], bar: Bar) -> bool {
    let mut pieces: Vec<(Range<usize>, &str)> = fixes
        .iter()
        .map(|e| {
            (
                e.range.start - offset..e.range.end - offset,
                e.after.as_str(),
            )
        })
        .chain(utf8.iter().map(|e| (e.range.clone(), e.after.as_str())))
        .collect();
    pieces.sort_by_key(|(r, _)| r.start);
    let repaired = crate::changes::splice(line, pieces);
    judge_line(&repaired, 0, bar, &mut Vec::new()).0.is_empty()
}

/// The legacy repairs of one line at `offset` in the text, under `bar`: [`judge_line`]'s,
/// less those the UTF-8 pass explains better, and none when the judge would repair the result
/// again.
fn line_verdict(line: &str, offset: usize, bar: Bar, config: &RepairConfig) -> Verdict {
    let mut taken = Vec::new();
    let (mut fixes, by) = judge_line(line, offset, bar, &mut taken);
    if !fixes.is_empty() {
        let mut rival = Vec::new();
        if let Some((utf8, by_utf8)) = utf8_rival(line, offset, &fixes, config) {
            // The UTF-8 pass explains the line better: keep only the legacy fixes of spans it
            // leaves alone (a line can hold both kinds of damage).
            let mut spans: Vec<Range<usize>> = utf8
                .iter()
                .map(|u| u.range.start + offset..u.range.end + offset)
                .collect();
            spans.sort_by_key(|r| (r.start, r.end));
            let spans = InOrder::new(&spans, |r| r);
            fixes.retain(|e| spans.overlapping(&e.range).is_empty());
            // The fixes kept must stand on their own: the judge must find legacy damage in
            // the line once the UTF-8 pass has repaired its spans, or they rode on the gain of
            // those spans (`ªº` as `Єє` beside `â‚¬`).
            if !fixes.is_empty() && judge_line(&by_utf8, 0, bar, &mut Vec::new()).0.is_empty() {
                fixes.clear();
            }
            rival = utf8;
        }
        // A repair that the judge would repair again (with the UTF-8 pass's repairs) is not
        // understood (text that is no language, read as one code page and then as another):
        // declined.
        if !fixes.is_empty() && !stable(line, offset, &fixes, &rival, bar) {
            fixes.clear();
        }
    }
    Verdict {
        by: by.filter(|_| !fixes.is_empty()),
        edits: fixes,
        taken,
    }
}

/// [`fix_line`] on `line` with its C1 controls as their windows-1252 characters (`\u{96}` as
/// `–`), which the readings take as the same bytes: the judge must see the line as it will
/// be once the C1 pass has run, or a second run would judge it anew.
///
/// Under `bar`; the explanation that made the repairs, and every explanation that reached the
/// bar with its gain added to `taken`.
fn judge_line(
    line: &str,
    offset: usize,
    bar: Bar,
    taken: &mut Vec<Taken>,
) -> (Vec<Edit>, Option<Family>) {
    // A line that UTF-8 read as single-byte code pages explains whole is the UTF-8 pass's
    // (asked first: most damaged lines end here, with C1 controls or not). With C1 controls
    // (that code page's undefined bytes), the view would mix in windows-1252's characters and
    // hide the explanation.
    // (Unless the UTF-8 pass holds its decodings as unnatural: `utf8_unnatural`, asked only
    // of lines with few bytes outside ASCII.)
    if let Some(held) = utf8_explained_bytes(line)
        && (held > UNNATURAL_BYTES || !utf8_unnatural(line))
    {
        return (Vec::new(), None);
    }
    if !has_c1(line) {
        return fix_line(line, offset, bar, taken, false);
    }
    let (view, at) = c1_view(line);
    if utf8_explains(&view) {
        return (Vec::new(), None);
    }
    let (edits, by) = fix_line(&view, 0, bar, taken, true);
    let edits = edits
        .into_iter()
        .map(|mut e| {
            e.range = offset + at[e.range.start]..offset + at[e.range.end];
            e
        })
        .collect();
    (edits, by)
}

/// True when the range `r` lies inside one of the ranges `held` (as [`c1_held`] gives them):
/// a C1 control the C1 pass leaves alone.
pub(crate) fn is_held(held: &[Range<usize>], r: &Range<usize>) -> bool {
    held.iter().any(|h| h.start <= r.start && r.end <= h.end)
}

/// [`c1_held`] of each line of `text` (cut as [`fix_legacy_mojibake`] cuts them) that holds a
/// C1 control, as byte ranges in `text`.
pub fn c1_held_in(text: &str) -> Vec<Range<usize>> {
    let mut held = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive(['\n', '\r', '\u{2028}', '\u{2029}']) {
        held.extend(
            c1_held(line)
                .into_iter()
                .map(|r| offset + r.start..offset + r.end),
        );
        offset += line.len();
    }
    held
}

/// True when `line` holds a C1 control (U+0080–U+009F).
fn has_c1(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr_iter(0xC2, b).any(|i| matches!(b.get(i + 1), Some(0x80..=0x9F)))
}

/// The judge's cost of `text` as the C1 pass will leave it (its C1 controls as their
/// windows-1252 characters: `\u{93}` costs what `“` does).
pub(crate) fn cost_after_c1_pass(text: &str) -> Bits {
    if has_c1(text) {
        judge::cost(&c1_view(text).0)
    } else {
        judge::cost(text)
    }
}

/// `line` with its C1 controls as their windows-1252 characters (`\u{96}` as `–`), and for
/// each char boundary of the view its offset in `line` (`usize::MAX` inside a character).
fn c1_view(line: &str) -> (String, Vec<usize>) {
    let cp1252 = crate::repair::codepages::code_page("windows-1252").expect("a code page");
    let mut view = String::with_capacity(line.len() + 8);
    let mut at: Vec<usize> = Vec::with_capacity(line.len() + 9);
    for (i, c) in line.char_indices() {
        let d = if ('\u{80}'..='\u{9f}').contains(&c) {
            cp1252.char(c as u32 as u8)
        } else {
            c
        };
        at.resize(view.len(), usize::MAX);
        at.push(i);
        view.push(d);
    }
    at.resize(view.len(), usize::MAX);
    at.push(line.len());
    (view, at)
}

/// The byte ranges of `line` (one line) whose C1 controls the C1 pass leaves alone: spans that
/// no letter touches and that a CJK encoding read as Latin-1 explains at least as naturally as
/// windows-1252 does ([`PLAUSIBLE_CJK`]), where the legacy pass found no clear repair. C1 controls in text are
/// damage, but which damage is not clear: windows-1252 read as Latin-1 (`\u{93}` as `“`), or
/// Shift_JIS (`\u{8e}R` as `山`). A name too short to tell is left as it is, not made into
/// windows-1252 signs (`ŽR`) that no later reading can take back.
///
/// ```
/// # use textmend::repair::legacy::c1_held;
/// // windows-1252 quotes read as Latin-1:
/// assert!(c1_held("Jos\u{e9} said \u{93}hello\u{94}").is_empty());
/// // Shift_JIS 山本 read as Latin-1:
/// assert_eq!(c1_held("4 \u{8e}R\u{96}{ St"), [2..8]);
/// ```
pub fn c1_held(line: &str) -> Vec<Range<usize>> {
    if !has_c1(line) || utf8_explains(line) {
        return Vec::new();
    }
    let (view, at) = c1_view(line);
    // (CJK characters inside a Latin word are no plausible reading: `dojœæ` is Polish `dojść`
    // in windows-1250, not `doj` and a kanji.)
    explanations(&view, &Signs::of(&view), PLAUSIBLE_CJK, true)
        .into_iter()
        .flat_map(|b| b.picks)
        .filter(|(r, _)| whole_word(&view, r))
        .map(|(r, _)| at[r.start]..at[r.end])
        .collect()
}

/// The UTF-8 mojibake pass's edits of `line` (it runs after this one), when it also explains
/// the line and its result is at least as natural as the legacy explanation `fixes` (absolute
/// offsets, the line starting at `offset`): the spans it repairs are then left to it. UTF-8 read as a Cyrillic, Mac or DOS
/// code page can also look like KOI8 or IBM866 text read the wrong way. With the edits, the
/// line as they repair it.
fn utf8_rival(
    line: &str,
    offset: usize,
    fixes: &[Edit],
    config: &RepairConfig,
) -> Option<(Vec<Edit>, String)> {
    if !config.fix_encoding {
        return None;
    }
    let utf8 = super::mojibake::fix_mojibake(line, config);
    if utf8.is_empty() {
        return None;
    }
    let legacy = crate::changes::splice(
        line,
        fixes.iter().map(|e| {
            (
                e.range.start - offset..e.range.end - offset,
                e.after.as_str(),
            )
        }),
    );
    let mut sorted: Vec<&Edit> = utf8.iter().collect();
    sorted.sort_by_key(|e| e.range.start);
    let by_utf8 = crate::changes::splice(
        line,
        sorted.iter().map(|e| (e.range.clone(), e.after.as_str())),
    );
    (judge::cost(&by_utf8) <= judge::cost(&legacy)).then_some((utf8, by_utf8))
}

/// True when every run of characters outside ASCII in `line` is UTF-8 read as one of the
/// single-byte code pages of the UTF-8 pass (its bytes in that code page are valid UTF-8 with
/// a multi-byte character): that pass explains the whole line, and the legacy judge is not
/// asked. A lossless round trip of every run is strong evidence (text in a legacy encoding
/// read as a code page almost never gives valid UTF-8 in every run), and far cheaper than
/// judging the line.
///
/// ```
/// # use textmend::repair::legacy::utf8_explains;
/// assert!(utf8_explains("cafÃ© and Ã¼ber")); // UTF-8 read as windows-1252
/// assert!(utf8_explains("disvasti─¥i")); // UTF-8 read as cp437
/// assert!(!utf8_explains("Ïðèâåò")); // windows-1251 read as windows-1252
/// assert!(!utf8_explains("cafÃ© and crème")); // one run is not UTF-8
/// ```
pub fn utf8_explains(line: &str) -> bool {
    utf8_explained_bytes(line).is_some()
}

/// [`utf8_explains`], with the bytes of `line` outside ASCII that its runs hold (`None`: not
/// explained).
fn utf8_explained_bytes(line: &str) -> Option<usize> {
    let pages = crate::repair::codepages::code_pages();
    let bytes = line.as_bytes();
    let mut runs = 0;
    let mut held = 0;
    // The code page that explained the last run, asked first of the next (the runs of a line
    // are most often one code page's), in a walk that also finds where the run ends.
    let mut last = 0;
    let mut start = crate::repair::fastpath::next_non_ascii(bytes, 0);
    while start < bytes.len() {
        // A run of one character is one byte under every code page: no multi-byte sequence
        // (most runs of clean Latin text: `é` between ASCII letters), asked before any page.
        let first_len = usize::from(crate::repair::fastpath::UTF8_LEN[usize::from(bytes[start])]);
        if bytes.get(start + first_len).is_none_or(|&b| b < 0x80) {
            return None;
        }
        // (The other pages walk the run as the last one did, each until it fails: the run
        // reads as UTF-8 in a page exactly when its walk ends at the run's end.)
        let by_last = if last == LATIN_1 {
            latin1_run_reads_as_utf8(bytes, start)
        } else {
            pages[last].run_reads_as_utf8(line, start)
        };
        let end = match by_last {
            Some(end) => end,
            None => {
                let other = (0..pages.len())
                    .filter(|&p| p != last)
                    .find_map(|p| pages[p].run_reads_as_utf8(line, start).map(|end| (p, end)));
                match other {
                    Some((page, end)) => {
                        last = page;
                        end
                    }
                    None => return None,
                }
            }
        };
        runs += 1;
        held += end - start;
        start = crate::repair::fastpath::next_non_ascii(bytes, end);
    }
    (runs > 0).then_some(held)
}

/// The most bytes outside ASCII a line may hold for [`utf8_unnatural`] to be asked: a decoded
/// character takes at most four characters of the line, each at most three bytes, and the
/// UTF-8 pass holds at most `FEW_DECODED` of them (most lines it explains hold more).
const UNNATURAL_BYTES: usize = crate::repair::mojibake::FEW_DECODED * 4 * 3;

/// True when `line`, which [`utf8_explains`], is one the UTF-8 pass leaves as it is: under
/// every code page that reads all its runs as UTF-8, the decodings are too few and unnatural
/// to take (`mojibake::unnatural_decodings`: one or two signs or letters of other scripts,
/// each a word of its own, that the judge finds dearer than the text, or a combining mark with
/// nothing to sit on). The legacy readings then judge the line (`710 ÃæÀî Street` is EUC-JP
/// `中川` read as Latin-1, and in MacRoman UTF-8's `̾˔`).
fn utf8_unnatural(line: &str) -> bool {
    let bytes = line.as_bytes();
    // The runs outside ASCII, the same under every code page (each decodes to one character
    // or more): what no page changes is asked first, that they are few and none touches an
    // ASCII letter, but where it ends a word of them (see `mojibake::ends_latin_word`).
    let letter_at = |i: Option<usize>| {
        i.and_then(|i| bytes.get(i))
            .is_some_and(u8::is_ascii_alphabetic)
    };
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut start = crate::repair::fastpath::next_non_ascii(bytes, 0);
    while start < bytes.len() {
        let end = bytes[start..]
            .iter()
            .position(u8::is_ascii)
            .map_or(bytes.len(), |p| start + p);
        if runs.len() == crate::repair::mojibake::FEW_DECODED
            || letter_at(Some(end))
            || (letter_at(start.checked_sub(1))
                && !crate::repair::mojibake::ends_latin_word_head(bytes, start))
        {
            return false;
        }
        runs.push(start..end);
        start = crate::repair::fastpath::next_non_ascii(bytes, end);
    }
    // The decodings already found unnatural under an earlier code page (most pages that read
    // a line's runs read them alike: the judge is asked once).
    let mut seen: Vec<Vec<(Range<usize>, String)>> = Vec::new();
    for page in crate::repair::codepages::code_pages() {
        // (A page's walk of a run ends at the run's end when the run reads as UTF-8.)
        let Some(pieces) = runs
            .iter()
            .map(|r| {
                page.run_reads_as_utf8(line, r.start)?;
                let after = String::from_utf8(page.encode(&line[r.clone()])?).ok()?;
                Some((r.clone(), after))
            })
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        if pieces.is_empty() || seen.contains(&pieces) {
            continue;
        }
        let borrowed: Vec<(Range<usize>, &str)> = pieces
            .iter()
            .map(|(r, a)| (r.clone(), a.as_str()))
            .collect();
        if !crate::repair::mojibake::unnatural_decodings(line, &borrowed) {
            return false;
        }
        seen.push(pieces);
    }
    !seen.is_empty()
}

/// The index of Latin-1 among [`crate::repair::codepages::code_pages`] (the first, where
/// `utf8_explains` starts).
const LATIN_1: usize = 0;

/// [`crate::repair::codepages::CodePage::run_reads_as_utf8`] for Latin-1, whose byte of each
/// character U+0080–U+00FF is its code point and which has no other character outside ASCII:
/// a run reads as UTF-8 when its characters are all two bytes `C2 xx` or `C3 xx` (the
/// Latin-1 byte is `xx`, or `xx + 0x40`) and those bytes are UTF-8. No table: most runs of
/// UTF-8 read as Latin-1 (the lines with C1 controls of damaged text) are walked here.
fn latin1_run_reads_as_utf8(bytes: &[u8], start: usize) -> Option<usize> {
    let mut need = 0u8;
    let mut i = start;
    while i < bytes.len() && bytes[i] >= 0x80 {
        let lead = bytes[i];
        if lead & 0xFE != 0xC2 {
            return None;
        }
        let b = bytes[i + 1] + ((lead & 1) << 6);
        i += 2;
        // (`codepages::utf8_step` without its count of sequences, which a run of bytes from
        // 0x80 ending with none open always has: sharing that step costs 4 M instructions
        // of a damaged run.)
        if need > 0 {
            if b >= 0xC0 {
                return None;
            }
            need -= 1;
        } else {
            need = match b {
                0xC2..=0xDF => 1,
                0xE0..=0xEF => 2,
                0xF0..=0xF4 => 3,
                _ => return None,
            };
        }
    }
    // (Every byte is from 0x80: a run that ends with no sequence open holds one.)
    (need == 0 && i > start).then_some(i)
}

/// How many whitespace-separated tokens of `line` look like words made of non-ASCII signs and no
/// letter: at least three signs, no one sign making up half or more (table rules like `══════` repeat
/// one sign; words of text read in the wrong code page do not), each a sign that `reading` has
/// (emoji are no word of a code page).
fn word_like_tokens(line: &str, reading: Reading) -> usize {
    word_like_tokens_of(line, |c| match reading {
        Reading::MultiByte(enc) => multi_byte_of(enc, c).is_some(),
        _ => reading.byte(c).is_some(),
    })
}

/// [`word_like_tokens`] counting only tokens whose signs all pass `held`; with every sign held,
/// a bound for every reading.
fn word_like_tokens_of(line: &str, held: impl Fn(char) -> bool) -> usize {
    line.split_whitespace()
        .filter(|token| {
            // No letter, and every sign held (either failing refuses the token).
            let mut count = 0;
            for c in token.chars() {
                if is_alphabetic(c) {
                    return false;
                }
                if !c.is_ascii() {
                    if !held(c) {
                        return false;
                    }
                    count += 1;
                }
            }
            if count < 3 {
                return false;
            }
            // How often the commonest sign occurs: the signs sorted (on the stack for a short
            // token).
            let signs = token.chars().filter(|c| !c.is_ascii());
            let mut short = ['\0'; 32];
            let mut long = Vec::new();
            let sorted = if count <= short.len() {
                short.iter_mut().zip(signs).for_each(|(slot, c)| *slot = c);
                &mut short[..count]
            } else {
                long.extend(signs);
                &mut long[..]
            };
            sorted.sort_unstable();
            let most = sorted
                .chunk_by(|a, b| a == b)
                .map(<[char]>::len)
                .max()
                .unwrap_or(0);
            most * 2 < count
        })
        .count()
}

/// [`word_like_tokens_of`] as it was first written (its reference in the tests).
#[cfg(test)]
fn word_like_tokens_of_reference(line: &str, held: impl Fn(char) -> bool) -> usize {
    line.split_whitespace()
        .filter(|token| {
            if token.chars().any(is_alphabetic) {
                return false;
            }
            let signs: Vec<char> = token.chars().filter(|c| !c.is_ascii()).collect();
            if signs.len() < 3 || !signs.iter().all(|&c| held(c)) {
                return false;
            }
            let mut distinct = signs.clone();
            distinct.sort_unstable();
            distinct.dedup();
            let most = distinct
                .iter()
                .map(|d| signs.iter().filter(|c| *c == d).count())
                .max()
                .unwrap_or(0);
            most * 2 < signs.len()
        })
        .count()
}

/// One span of a line and the text a true encoding gives for it.
#[derive(PartialEq)]
struct Unit {
    /// Byte range in the line.
    range: Range<usize>,
    /// The decoded text.
    after: String,
    /// The span is no evidence on its own (UTF-8 read as a single-byte code page, box drawing
    /// read as letters, a lone letter between Latin code pages): it is repaired only along
    /// with others that decide the explanation, and adds nothing to its gain.
    follower: bool,
    /// The span could also be UTF-8 read as a single-byte code page (or C1 controls that the
    /// C1 pass repairs alike): inside a Latin word (`cafÃ©`) it is left to those passes.
    utf8_like: bool,
}

/// An explanation of one line that clearly wins: its total gain and the spans it repairs
/// (byte ranges in the line, and their text).
struct Explanation<'u> {
    gain: Bits,
    picks: Vec<(Range<usize>, &'u str)>,
}

/// An explanation of a line that was taken, with its own copy of the repairs.
struct Best {
    gain: Bits,
    reading: Reading,
    enc: &'static Encoding,
    picks: Vec<(Range<usize>, String)>,
}

impl Best {
    /// True when `other` reads most of the words this explanation repairs as words of another
    /// script: more of its spans that stand as whole words (no letter of the line touches
    /// them) and that it repairs into letters are repaired by `other` into a clean word of
    /// another script (letters or CJK characters only, see [`clean_word_script`]) than alike.
    /// (Signs are judged by their category alone: a quote is no word to dispute.) A span inside a word
    /// (`D¡¦Alia`) is judged with the letters around it, which speak for one reading; a span
    /// that is a whole word has only its own characters, and a short one (`ÍÔÎé`: `高橋` in
    /// EUC-KR, `НФОй` in windows-1251) says little. Explanations that agree where both
    /// repair (GBK and GB18030, Latin-1 and windows-1252), differ in a letter here and there
    /// (KOI8-R and KOI8-U), leave signs in the word (`»іЛЬ`: a reading of part of the bytes)
    /// or read it in the same script (two CJK encodings: the character statistics do tell
    /// them apart more often than not) are no rivals.
    fn disputes(&self, other: &Best, line: &str) -> bool {
        let (mut otherwise, mut alike) = (0, 0);
        // (The other's picks in order of position, for the search of those that overlap.)
        let mut theirs: Vec<&(Range<usize>, String)> = other.picks.iter().collect();
        theirs.sort_by_key(|(q, _)| (q.start, q.end));
        let theirs = InOrder::new(&theirs, |(q, _)| q);
        for (r, a) in &self.picks {
            let overlapping = theirs.overlapping(r);
            if overlapping.is_empty() {
                continue;
            }
            if overlapping.iter().all(|(q, b)| q == r && a == b) {
                alike += 1;
            } else if whole_word(line, r)
                && overlapping.iter().any(|(_, b)| {
                    letters_script(a)
                        .is_some_and(|sa| clean_word_script(b).is_some_and(|sb| sb != sa))
                })
            {
                otherwise += 1;
            }
        }
        otherwise > alike
    }
}

/// Items with byte ranges, in order of their starts, for finding those that overlap a range.
struct InOrder<'t, T, F> {
    items: &'t [T],
    range_of: F,
    /// True when the ends rise too (spans that do not overlap one another, as a pass's
    /// repairs): those that overlap a range are then the items between two searches.
    ends_rise: bool,
}

impl<'t, T: Clone, F: Fn(&T) -> &Range<usize>> InOrder<'t, T, F> {
    /// `items`, sorted by the starts of their ranges (`range_of`).
    fn new(items: &'t [T], range_of: F) -> Self {
        debug_assert!(items.is_sorted_by_key(|t| range_of(t).start));
        let ends_rise = items.is_sorted_by_key(|t| range_of(t).end);
        InOrder {
            items,
            range_of,
            ends_rise,
        }
    }

    /// The items whose ranges overlap `r` (share a byte with it, or hold an empty `r`
    /// strictly inside), in order: found by two searches, not by a walk over a long line's
    /// repairs, unless some range is nested in another.
    fn overlapping(&self, r: &Range<usize>) -> std::borrow::Cow<'t, [T]> {
        let range_of = &self.range_of;
        if self.ends_rise {
            let first = self.items.partition_point(|t| range_of(t).end <= r.start);
            let last = self.items.partition_point(|t| range_of(t).start < r.end);
            std::borrow::Cow::Borrowed(&self.items[first..last.max(first)])
        } else {
            let hits = |q: &Range<usize>| r.start < q.end && q.start < r.end;
            std::borrow::Cow::Owned(
                self.items
                    .iter()
                    .filter(|t| hits(range_of(t)))
                    .cloned()
                    .collect(),
            )
        }
    }
}

/// True when no letter of `line` touches the span `r` (a word of its own, or a run of them).
fn whole_word(line: &str, r: &Range<usize>) -> bool {
    !line[..r.start]
        .chars()
        .next_back()
        .is_some_and(judge::is_word_char)
        && !line[r.end..]
            .chars()
            .next()
            .is_some_and(judge::is_word_char)
}

/// The script family of `text` when it is one word of letters or CJK characters and nothing
/// else (`Some(0)` CJK: Han, kana and Hangul, jamo too; `Some(1)` Latin, `Some(2)` Cyrillic,
/// `Some(3)` Greek, `Some(4)` another); `None` for text with a sign, a digit or two scripts
/// (`»іЛЬ`, `№в¶¶`: signs left by a reading that explains only part of the bytes).
fn clean_word_script(text: &str) -> Option<u8> {
    let mut chars = text.chars();
    let first = script_family(chars.next()?)?;
    chars
        .all(|c| script_family(c) == Some(first))
        .then_some(first)
}

/// The script family (see [`clean_word_script`]) of the first letter or CJK character of
/// `text`, if any.
fn letters_script(text: &str) -> Option<u8> {
    text.chars().find_map(script_family)
}

/// The script family of `c` (see [`clean_word_script`]), `None` for a character that is no
/// letter and no CJK character.
pub(crate) fn script_family(c: char) -> Option<u8> {
    if judge::is_ideograph(c)
        || ('\u{1100}'..='\u{11FF}').contains(&c)
        || ('\u{3130}'..='\u{318F}').contains(&c)
    {
        Some(0)
    } else if !is_alphabetic(c) {
        None
    } else if judge::is_latin_letter(c) {
        Some(1)
    } else if judge::is_cyrillic_letter(c) {
        Some(2)
    } else if ('\u{370}'..='\u{3FF}').contains(&c) {
        Some(3)
    } else {
        Some(4)
    }
}

/// The explanation that gains the most among those taken (the first of equals), unless
/// another that reads its words in another script ([`Best::disputes`]) gains nearly as much
/// (less than [`MARGIN`] below it): the bytes are then no evidence for either, and the line is
/// left as it is.
fn clear_winner(taken: Vec<Best>, line: &str) -> Option<Best> {
    let mut best: Option<Best> = None;
    let mut rest = Vec::with_capacity(taken.len());
    for b in taken {
        match best {
            Some(ref x) if b.gain <= x.gain => rest.push(b),
            _ => rest.extend(best.replace(b)),
        }
    }
    let best = best?;
    let rival = rest
        .iter()
        .filter(|r| best.disputes(r, line))
        .map(|r| r.gain)
        .fold(Bits::NEG_INFINITY, Bits::max);
    (best.gain - rival >= MARGIN).then_some(best)
}

/// The legacy repairs of `line` (at `offset` in the text), a line that UTF-8 read as
/// single-byte code pages does not explain whole ([`utf8_explains`], asked by [`judge_line`]
/// before the gate's walk of the line).
///
/// `had_c1`: the line held C1 controls (`line` is the view of it with their windows-1252
/// characters): damage for sure, which the Latin readings are asked to explain whatever the
/// gate's signs (`\x8eR\x93c`, Shift_JIS `山田` read as Latin-1, is `ŽR“c` in the view, a
/// letter before a capital and an opening quote, which clean text has too).
fn fix_line(
    line: &str,
    offset: usize,
    bar: Bar,
    taken: &mut Vec<Taken>,
    had_c1: bool,
) -> (Vec<Edit>, Option<Family>) {
    let mut signs = Signs::of(line);
    signs.latin_runs |= had_c1;
    if signs.none() {
        return (Vec::new(), None);
    }
    // Latin-script text in windows-1251 read as KOI8 or IBM866 (`D▓Alia`): no Cyrillic word
    // to judge, explained whole on its own terms.
    if signs.latin_cue
        && let Some((edits, read_as)) = punctuation::explain(line)
    {
        let family = Family::of(Reading::SingleByte(read_as), encoding_rs::WINDOWS_1251);
        if bar.only.is_none_or(|f| f == family) {
            let reason = Reason::mojibake("windows-1251", &encoding_name(read_as));
            let edits = edits
                .into_iter()
                .map(|(r, sign)| {
                    Edit::new(
                        offset + r.start..offset + r.end,
                        sign.to_string(),
                        reason.clone(),
                    )
                })
                .collect();
            return (edits, Some(family));
        }
    }
    let all = explanations(line, &signs, bar, had_c1);
    taken.extend(all.iter().map(|b| Taken {
        family: Family::of(b.reading, b.enc),
        enc: b.enc,
        gain: b.gain,
        picks: picks_hash(&b.picks),
    }));
    let Some(best) = clear_winner(all, line) else {
        return (Vec::new(), None);
    };
    // (Asked only of a line some explanation wins: most lines have none.)
    if is_letter_list(line) {
        return (Vec::new(), None);
    }
    if matches!(best.reading, Reading::SingleByte(_))
        && (leaves_capital_words(line, &best.picks) || capitalizes_beside_small(line, &best.picks))
    {
        return (Vec::new(), None);
    }
    let encoding = encoding_name(best.enc);
    let edits = best
        .picks
        .into_iter()
        .map(|(r, after)| {
            let read_as = best.reading.name(&line[r.clone()]);
            Edit::new(
                offset + r.start..offset + r.end,
                after,
                Reason::mojibake(&encoding, &read_as),
            )
        })
        .collect();
    (edits, Some(Family::of(best.reading, best.enc)))
}

/// A hash of an explanation's repairs (ranges and text), to tell those that repair a line
/// alike.
fn picks_hash(picks: &[(Range<usize>, String)]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    picks.hash(&mut h);
    h.finish()
}

/// True when `line` lists letters rather than writing words: each of its runs of letters with
/// letters outside ASCII is nothing but letters each followed by its other case (`çÇ`, the
/// answers `^[nNнНхХ]` of a yes/no question) or by itself (`ÅÅ`), or stands beside the same
/// run in capitals or in small letters (`àèìòù ÀÈÌÒÙ`, `äöüß ÄÖÜ`). The judge's letter pairs
/// are those of words; a list of letters costs much in every language, and another code
/// page's reading of it (`аимтщ АИМТЩ`, `褘` for `çÇ`) is then cheaper for no reason that
/// damage would give. The
/// same text damaged is a list too (a single-byte code page keeps each letter's case partner
/// one bit away), so nothing is lost that the judge could tell.
fn is_letter_list(line: &str) -> bool {
    let mut runs: Vec<&str> = Vec::new();
    let mut start = None;
    // Whether the character before the run is a sign outside ASCII.
    let mut after_sign = false;
    let mut prev_sign = false;
    for (i, c) in line
        .char_indices()
        .chain(std::iter::once((line.len(), ' ')))
    {
        let letter = is_alphabetic(c) && i < line.len();
        match (letter, start) {
            (true, None) => {
                start = Some(i);
                after_sign = prev_sign;
            }
            (false, Some(s)) => {
                // A run glued to a sign outside ASCII is no item of a list but a piece of a
                // run of damage (`ÃÃ¤«`, Big5 `藤井` read as Latin-1): a list sets its letters
                // apart with spaces and ASCII punctuation.
                if (after_sign || sign_outside_ascii(c)) && !line[s..i].is_ascii() {
                    return false;
                }
                runs.push(&line[s..i]);
                start = None;
            }
            _ => {}
        }
        prev_sign = !letter && sign_outside_ascii(c);
    }
    let listed = |i: usize| {
        let run = runs[i];
        is_case_pairs(run)
            || (run.chars().nth(1).is_some()
                && runs.iter().enumerate().any(|(j, other)| {
                    j != i && (is_capitals_of(other, run) || is_capitals_of(run, other))
                }))
    };
    let mut outside_ascii = (0..runs.len()).filter(|&i| !runs[i].is_ascii()).peekable();
    outside_ascii.peek().is_some() && outside_ascii.all(listed)
}

/// True for a character outside ASCII that is no letter and no space (`¤`, `«`, `’`).
fn sign_outside_ascii(c: char) -> bool {
    !c.is_ascii() && !is_alphabetic(c) && !c.is_whitespace()
}

/// True when `run` is two or more letters, each followed by its other case or by itself
/// (`çÇ`, `nNнН`, `ÅÅ`, the Swedish year `[[ÅÅ]ÅÅ]`).
fn is_case_pairs(run: &str) -> bool {
    let chars: Vec<char> = run.chars().collect();
    chars.len() >= 2
        && chars.len().is_multiple_of(2)
        && chars.chunks(2).all(|p| {
            p[0] == p[1] || single_upper(p[0]) == Some(p[1]) || single_upper(p[1]) == Some(p[0])
        })
}

/// True when `capitals` is `run` (two letters or more) in capitals, leaving out `ß`, which has
/// no capital of its own in use: `ÄÖÜ` of `äöüß`. (Not the same run twice: damage repeats
/// itself, `ªÑ` for each Irish `Ó` in EUC-JP read as Latin-1.)
fn is_capitals_of(capitals: &str, run: &str) -> bool {
    capitals != run
        && capitals.chars().nth(1).is_some()
        && run
            .chars()
            .filter(|&c| c != 'ß')
            .map(|c| single_upper(c).filter(|_| c.is_lowercase()).unwrap_or(c))
            .eq(capitals.chars())
}

/// The capital of `c` when it is one character other than `c`.
fn single_upper(c: char) -> Option<char> {
    let mut up = c.to_uppercase();
    match (up.next(), up.next()) {
        (Some(u), None) if u != c => Some(u),
        _ => None,
    }
}

/// True when some of `picks` turn a word of small letters into one of capitals (`энэ` into
/// `ЬОЬ`) while the line keeps some Cyrillic word of three small letters or more out of
/// `picks`. One Cyrillic code page read as another swaps the case of every letter alike
/// (KOI8-R and windows-1251), or of none: damage that made some words of small letters out of
/// capitals would have made the words left alone out of capitals too. Words of a language the
/// models do not know (Mongolian `Хэрвээ ... хэмжээ`, of which the Russian model likes a few
/// words better as capital garbage) are what such a repair is.
fn capitalizes_beside_small(line: &str, picks: &[(Range<usize>, String)]) -> bool {
    let mostly_small = |t: &str| {
        let (small, capitals) = case_counts(t);
        small >= 2 && small > capitals
    };
    let capitalizes = picks.iter().any(|(r, after)| {
        let (small, capitals) = case_counts(after);
        mostly_small(&line[r.clone()]) && capitals >= 2 && capitals > small
    });
    // (Words of three letters or more: a short one, `ца` for `ГБ`, may be left alone because
    // its repair does not read better, as in any damaged line.)
    capitalizes
        && cyrillic_words(line).any(|w| {
            line[w.clone()].chars().nth(2).is_some()
                && mostly_small(&line[w.clone()])
                && untouched(&w, picks)
        })
}

/// True when `window` holds two Cyrillic capitals or more: a word of it may be an
/// abbreviation (see [`line_may_hold_abbreviations`]).
fn window_has_capitals(window: &str) -> bool {
    // (Cyrillic's letters begin with the bytes 0xD0..=0xD4: a window without them has none.)
    window.bytes().any(|b| (0xD0..=0xD4).contains(&b)) && case_counts(window).1 >= 2
}

/// True when short capital Cyrillic words of `line`, as written, may be taken for
/// abbreviations ([`judge::cost_as_written_in`]): the line is Cyrillic text in small letters
/// (`у РФЦ 3339 запису`), or no word of it in capitals is longer than an abbreviation
/// (`ХТТПС (ССЛ/ТЛС) опције`). Not a line mostly in capitals with longer words in capitals
/// (but perhaps their first letter, `лНЛОХКХПНБЮРЭ` for `Компилировать`): that is what
/// windows-1251 text read as KOI8-R looks like (`пЮГЛЕП ЯЕЦЛЕМРЮ ... ла ДН 1 ца` is `Размер
/// сегмента ... МБ до 1 ГБ`), whose short words would be let off their letter pairs.
fn line_may_hold_abbreviations(line: &str) -> bool {
    let (small, capitals) = case_counts(line);
    small > capitals
        || !cyrillic_words(line).any(|w| {
            let (small, capitals) = case_counts(&line[w]);
            small <= 1 && capitals > judge::ABBREVIATION_MAX_LETTERS as usize
        })
}

/// The small and capital Cyrillic letters of `text`.
fn case_counts(text: &str) -> (usize, usize) {
    let cyrillic = |c: &char| ('\u{400}'..='\u{52F}').contains(c);
    text.chars().filter(cyrillic).fold((0, 0), |(s, k), c| {
        (
            s + usize::from(c.is_lowercase()),
            k + usize::from(c.is_uppercase()),
        )
    })
}

/// The byte ranges of the runs of Cyrillic letters of `line`.
fn cyrillic_words(line: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let cyrillic = |c: char| ('\u{400}'..='\u{52F}').contains(&c) && c.is_alphabetic();
    let mut chars = line.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.find(|&(_, c)| cyrillic(c))?;
        let mut end = line.len();
        while let Some(&(i, c)) = chars.peek() {
            if !cyrillic(c) {
                end = i;
                break;
            }
            chars.next();
        }
        Some(start..end)
    })
}

/// True when every Cyrillic letter of `line` is a capital and some Cyrillic word is left out of
/// `picks`. An all-capital line is what a line in small letters looks like in one Cyrillic
/// code page read as another (windows-1251 read as KOI8-R): such damage reaches every word
/// alike, so a repair of only some words of the line (`ОЮУН УХААН, НАНДИН ЧАНАР…`, all-capital
/// Mongolian, of which the Russian model likes a few words better in small garbage) is words
/// that happen to read better, not damage.
fn leaves_capital_words(line: &str, picks: &[(Range<usize>, String)]) -> bool {
    case_counts(line).0 == 0 && cyrillic_words(line).any(|w| untouched(&w, picks))
}

/// True when none of `picks` overlaps the byte range `word`.
fn untouched(word: &Range<usize>, picks: &[(Range<usize>, String)]) -> bool {
    !picks
        .iter()
        .any(|(r, _)| r.start < word.end && word.start < r.end)
}

/// The explanations of `line` (with the gate's `signs`) that reach `bar`, in the order they
/// were judged. A bar of CJK readings only ([`Bar::cjk_only`]) tries them whatever the
/// gate's sign of runs says (a Shift_JIS character may end in an ASCII byte: `ŽR` is `山`).
/// `had_c1`: `line` is the view of a line that held C1 controls (see [`fix_line`]): its runs are
/// not taken for the letters of Latin words.
fn explanations(line: &str, signs: &Signs, bar: Bar, had_c1: bool) -> Vec<Best> {
    // The explanations taken.
    let mut taken: Vec<Best> = Vec::new();
    // The bytes of the line under the reading last used, the same with 0 for none, and
    // whether those are UTF-8 (`runs_are_utf8`).
    type Bytes = (Reading, Vec<Option<u8>>, Vec<u8>, bool);
    let mut bytes: Option<Bytes> = None;
    type Key = (Reading, bool, usize);
    let mut last: Option<(Key, Vec<Unit>)> = None;
    // The reading whose bytes `probe_cut` was last asked about, and its answer.
    let mut probe: Option<(Reading, Option<usize>)> = None;
    // The cost of each window of the line as it is, shared by all explanations.
    let mut before_costs = BeforeCosts::default();
    // A single-byte reading repairs only characters outside ASCII: in a line without letters
    // among them (box drawing, a table) it can only change signs, which is taken only from a
    // line that reads like words (see `letterless` below; no reading makes more word-like
    // tokens than there are with every sign held): the same verdict, unjudged.
    // (No reading makes more word-like tokens than there are with every sign held: where
    // those are fewer than three, so are every reading's, counted once for the line.)
    let wordy_bound = std::cell::LazyCell::new(|| word_like_tokens_of(line, |_| true));
    let letterless_line = std::cell::LazyCell::new(|| {
        !line.chars().any(|c| !c.is_ascii() && is_alphabetic(c)) && *wordy_bound < 3
    });
    // How many tokens of the line look like words of signs in `reading`, or a number below
    // three when that is sure (the only question asked of it).
    let wordy_in = |reading: Reading| {
        if *wordy_bound < 3 {
            *wordy_bound
        } else {
            word_like_tokens(line, reading)
        }
    };
    // The runs of the Latin reading are letters inside Latin words (see `latin_words`).
    // (Not in a line that held C1 controls: those are damage, not the letters of words.)
    let inside_words =
        std::cell::LazyCell::new(|| !had_c1 && latin_words::runs_inside_latin_words(line));
    // The Central European readings, each refused or left open by one walk of the line
    // (`latin_words::central_refuses`: the checks the judge would make first, and its first
    // look at the words they change).
    let central_open = if signs.latin_letters {
        latin_words::central_open(line)
    } else {
        [false; 2]
    };
    // No explanation is wanted (the conditions of `wanted` below, for every reading): nothing
    // to build (a German or Turkish line whose runs are letters inside words; a French line
    // that no Central European reading explains).
    if !(bar.cjk_only
        || central_open[0]
        || central_open[1]
        || signs.cjk
        || (signs.latin_runs && !*inside_words)
        || (signs.cyrillic && !*letterless_line))
    {
        return Vec::new();
    }
    // The characters of the line, for the single-byte readings (built when first needed: a
    // line of CJK signs alone is judged on its runs).
    // (Room for every character at once: collected from `char_indices`, the vector would grow
    // from a quarter of the line's bytes.)
    let chars = std::cell::LazyCell::new(|| {
        let mut chars: Vec<(usize, char)> = Vec::with_capacity(line.len());
        chars.extend(line.char_indices());
        chars
    });
    // The runs that UTF-8 read as a multi-byte encoding could make, shared by those readings.
    let utf8_runs = std::cell::LazyCell::new(|| utf8_run_candidates(line));
    for &(reading, trues) in readings() {
        // How many tokens of the line look like words of signs in this reading (counted when
        // first needed).
        let mut wordy: Option<usize> = None;
        // Whether a character this reading gives a byte from 0x80 is a letter (found when first
        // needed).
        let mut high_letters: Option<bool> = None;
        for (k, &enc) in trues.iter().enumerate() {
            let wanted = match reading {
                Reading::Latin if latin_to_latin(enc) => {
                    central_open[usize::from(enc == encoding_rs::ISO_8859_2)]
                }
                _ if bar.cjk_only => true,
                // Runs of upper-half letters inside Latin words: the letters of clean text.
                Reading::Latin => signs.latin_runs && !*inside_words,
                Reading::SingleByte(_) => signs.cyrillic && !*letterless_line,
                Reading::MultiByte(_) => signs.cjk,
            };
            if !wanted
                || bar.only.is_some_and(|f| f != Family::of(reading, enc))
                || bar.sibling.is_some_and(|s| latin_to_latin(enc) && enc != s)
                || tried_by_twin(reading, enc)
                || (bar.cjk_only && (reading != Reading::Latin || quick::is_single_byte(enc)))
            {
                continue;
            }
            let (mut units, refused) = match reading {
                Reading::MultiByte(read_as) => {
                    let mut units = utf8_units(line, &utf8_runs, read_as);
                    for u in &mut units {
                        u.follower =
                            lone_two_byte(line, u) || lone_three_byte(&line[u.range.clone()], u);
                    }
                    (units, 0)
                }
                _ => {
                    // The bytes of the line under this reading, shared by its true encodings.
                    if bytes.as_ref().is_none_or(|(r, _, _, _)| *r != reading) {
                        // Into the buffers of the last reading; ASCII is its own byte under
                        // every single-byte reading.
                        let (mut of_line, mut flat) = match bytes.take() {
                            Some((_, mut o, mut f, _)) => {
                                o.clear();
                                f.clear();
                                (o, f)
                            }
                            None => (
                                Vec::with_capacity(chars.len()),
                                Vec::with_capacity(chars.len()),
                            ),
                        };
                        // (Extended from slices: no check of the room at each character.)
                        of_line.extend(chars.iter().map(|&(_, c)| match c {
                            '\n' => None,
                            _ if c.is_ascii() => Some(c as u8),
                            _ => reading.byte(c),
                        }));
                        flat.extend(of_line.iter().map(|b| b.unwrap_or(0)));
                        let all_utf8 = runs_are_utf8(&flat);
                        bytes = Some((reading, of_line, flat, all_utf8));
                    }
                    let (_, of_line, flat, all_utf8) =
                        bytes.as_ref().expect("bytes of the reading");
                    // No character the reading gives a byte from 0x80 is a letter, in a line
                    // that does not read like words in this reading: every unit of every true
                    // encoding is box drawing or signs alone, a follower (below), and each
                    // explanation is skipped unjudged. Known before the spans are decoded, once
                    // a reading.
                    if matches!(reading, Reading::SingleByte(_))
                        && !*high_letters.get_or_insert_with(|| has_high_letter(&chars, of_line))
                        && *wordy.get_or_insert_with(|| wordy_in(reading)) < 3
                    {
                        continue;
                    }
                    // Every run of the line's bytes from 0x80 under this reading is UTF-8 (the
                    // bytes are UTF-8 as a whole, with the ASCII and the zeros between the runs):
                    // every span this true encoding decodes lies in such runs, so each of its
                    // units is UTF-8 read as a single-byte code page, a follower, and none is
                    // refused. Such an explanation is skipped below unjudged (`all` followers),
                    // for every true encoding of the reading: skipped before its units are built.
                    if *all_utf8 {
                        continue;
                    }
                    // The true encoding just before this one (the same reading, the same
                    // rules) reads this line alike (both Central European encodings, KOI8-R
                    // and KOI8-U): this one is judged as it was, and cannot beat it (the best
                    // explanation is replaced only by a strictly greater gain).
                    if let Some(&prev) = k.checked_sub(1).and_then(|p| trues.get(p))
                        && latin_to_latin(prev) == latin_to_latin(enc)
                        && bar.sibling.is_none_or(|s| s == prev)
                        && latin_words::readings_agree(of_line, prev, enc)
                    {
                        continue;
                    }
                    // A true encoding that reads every byte of the line as the character the
                    // line holds, or not at all (`© ± ° µ` in windows-1251 as in
                    // windows-1252), changes nothing: no unit to judge (`score_groups` gives
                    // it up, `units.len() <= refused`).
                    if !latin_to_latin(enc) && !latin_words::changes_some(&chars, of_line, enc) {
                        continue;
                    }
                    // Every character of the line this true encoding reads anew is a letter it
                    // makes a sign or box drawing, or a byte it cannot decode: each of its units
                    // changes only letters into signs, a follower (below), and the explanation
                    // is skipped unjudged. Known before its spans are decoded.
                    if matches!(reading, Reading::SingleByte(_))
                        && letters_only_made_signs(&chars, of_line, enc)
                    {
                        continue;
                    }
                    // A long line is first judged on its first spans alone: an explanation
                    // that most of them refuse is given up there, as the judge would give it
                    // up, without decoding the rest of the line.
                    // (The cut depends on the reading's bytes alone: found once a reading.)
                    if !latin_to_latin(enc)
                        && quick::is_single_byte(enc)
                        && let Some(cut) = {
                            if probe.is_none_or(|(r, _)| r != reading) {
                                probe = Some((reading, probe_cut(of_line)));
                            }
                            probe.expect("the cut of the reading").1
                        }
                    {
                        let (head, _) = single_byte_units(
                            line,
                            &chars[..=cut],
                            &of_line[..cut],
                            &flat[..cut],
                            enc,
                        );
                        let head: Vec<&Unit> = head
                            .iter()
                            .filter(|u| line[u.range.clone()] != u.after)
                            .collect();
                        if head_refutes(line, &head, &mut before_costs) {
                            continue;
                        }
                    }
                    // (An explanation whose spans that cannot decode outnumber, or equal, those
                    // that change the line is given up as soon as that is so.)
                    match units_unless_refused(line, &chars, of_line, flat, enc) {
                        Some(found) => found,
                        None => continue,
                    }
                }
            };
            // Between Latin code pages a letter alone (`Ÿ` as `ź`, `£` as `Ł`) is no word to
            // judge: it goes along with the spans that change words.
            if latin_to_latin(enc) {
                for u in &mut units {
                    if word_letters(line, u) < 2 {
                        u.follower = true;
                    }
                }
            }
            // A double-byte character whose second byte is the first letter of a Latin word
            // (`Vanek ©ebo`: `©e` is GBK `〆`, leaving `bo`) cuts the word in two: it is no
            // evidence on its own, and goes along with the spans that decide.
            if reading == Reading::Latin && !latin_to_latin(enc) && !quick::is_single_byte(enc) {
                for u in &mut units {
                    if takes_word_head(line, u) {
                        u.follower = true;
                    }
                }
            }
            // Box drawing, blocks and signs read as letters of another Cyrillic code page
            // (`┌──┐` as `ВААГ`) are no evidence on their own, unless the line reads like
            // words (KOI8 lower case read as IBM866): they go along with the spans that
            // change letters (`Р ┌──┐` is not IBM866 read as KOI8-R for its box drawing).
            if matches!(reading, Reading::SingleByte(_))
                && *wordy.get_or_insert_with(|| wordy_in(reading)) < 3
            {
                for u in &mut units {
                    if !line[u.range.clone()].chars().any(is_alphabetic) {
                        u.follower = true;
                    }
                }
            }
            // And the other way round: letters that another Cyrillic code page reads as signs
            // or box drawing alone (Belarusian `ў` as KOI8-U `╝`, an abbreviation `ЦСС` as
            // `–‘‘`) are no evidence on their own either: signs cost little beside letters the
            // models seldom see, and a sign read as a letter is what damage looks like, not a
            // letter read as a sign. They go along with the spans that change letters into
            // letters (the dash between two damaged words). Only the characters the span changes
            // count: `выкарыстоўваць` in KOI8-R is `выкарысто╝ваць`.
            if matches!(reading, Reading::SingleByte(_)) {
                for u in &mut units {
                    if only_letters_made_signs(&line[u.range.clone()], &u.after) {
                        u.follower = true;
                    }
                }
            }
            // Spans that are all UTF-8 read as a single-byte code page add nothing to an
            // explanation's gain (see `Unit::follower`): it cannot win, so it is not judged.
            if units.iter().all(|u| u.follower) {
                continue;
            }
            // The same spans as the explanation judged just before, under the same reading and
            // the same rules (windows-1250 and ISO-8859-2 differ in a few bytes only): the
            // same verdict, which cannot beat it.
            let key = (reading, latin_to_latin(enc), refused);
            if last.as_ref().is_some_and(|(k, u)| *k == key && *u == units) {
                continue;
            }
            // An explanation that changes only box drawing, blocks or signs, no letter, is not
            // taken (a table, ASCII art) unless the line reads like words: KOI8 lower case read
            // as IBM866 is nothing but box drawing, in varied "words".
            let letterless = |picks: &[(Range<usize>, &str)]| {
                !picks
                    .iter()
                    .any(|(r, _)| line[r.clone()].chars().any(is_alphabetic))
            };
            let judged = judge_units(line, &units, refused, enc, &mut before_costs, bar);
            if let Some(ex) = judged
                && !(!matches!(reading, Reading::Latin)
                    && letterless(&ex.picks)
                    && *wordy.get_or_insert_with(|| wordy_in(reading)) < 3)
            {
                taken.push(Best {
                    gain: ex.gain,
                    reading,
                    enc,
                    picks: ex
                        .picks
                        .into_iter()
                        .map(|(r, after)| (r, after.to_string()))
                        .collect(),
                });
            }
            last = Some((key, units));
        }
    }
    taken
}

/// True when the characters that a single-byte repair of `before` into `after` changes (one
/// character for one) are all letters made signs or box drawing, and there is one.
fn only_letters_made_signs(before: &str, after: &str) -> bool {
    let mut changed = swaps(before, after);
    changed
        .next()
        .is_some_and(|(b, a)| is_alphabetic(b) && !is_alphabetic(a))
        && changed.all(|(b, a)| is_alphabetic(b) && !is_alphabetic(a))
}

/// True when the single-byte true encoding `enc` reads every byte from 0x80 of a line (`bytes`:
/// the byte of each of `chars` under a single-byte reading) as a character that is no letter
/// (a sign, box drawing) where the line holds a letter, or not at all. Then each span it
/// decodes changes every character it holds from 0x80, each a letter made a sign, with ASCII
/// between them unchanged: every unit it makes is a follower (`only_letters_made_signs`), and
/// the explanation cannot win (a span it cannot decode makes no unit). False for an encoding
/// the pass does not decode by table.
fn letters_only_made_signs(
    chars: &[(usize, char)],
    bytes: &[Option<u8>],
    enc: &'static Encoding,
) -> bool {
    let Some(table) = quick::high_chars(enc) else {
        return false;
    };
    chars.iter().zip(bytes).all(|(&(_, c), b)| match *b {
        Some(b) if b >= 0x80 => {
            table[usize::from(b - 0x80)].is_none_or(|d| is_alphabetic(c) && !is_alphabetic(d))
        }
        _ => true,
    })
}

/// True when some character of `chars` that a single-byte reading gives a byte from 0x80
/// (`bytes`) is a letter: each unit of its true encodings lies in a run of such characters.
fn has_high_letter(chars: &[(usize, char)], bytes: &[Option<u8>]) -> bool {
    chars
        .iter()
        .zip(bytes)
        .any(|(&(_, c), b)| matches!(b, Some(b) if *b >= 0x80) && is_alphabetic(c))
}

/// True when every run of bytes from 0x80 of `flat` (a line's bytes under a reading, 0 for a
/// character it has no byte for) is UTF-8: `flat` is UTF-8 as a whole, since ASCII and zeros
/// are, and no multi-byte sequence takes a byte below 0x80. Every span that a true encoding
/// decodes starts at such a byte, and its run of bytes from 0x80 (with any ASCII trail bytes
/// of a multi-byte encoding inside it) is then UTF-8 with a multi-byte character: each of its
/// units is UTF-8 read as a single-byte code page (`Unit::follower`), and none is refused.
fn runs_are_utf8(flat: &[u8]) -> bool {
    std::str::from_utf8(flat).is_ok()
}

/// True when the explanation (`reading`, `enc`) was tried already under an earlier reading that
/// gives every character the same byte: KOI8-U is read with the KOI8 family's one byte map, as
/// KOI8-R is (`candidates::byte_map`), so windows-1251 or IBM866 read as KOI8-U makes the same
/// bytes, units and verdict as read as KOI8-R, judged just before; it cannot beat it (the best
/// explanation is replaced only by a strictly greater gain).
fn tried_by_twin(reading: Reading, enc: &'static Encoding) -> bool {
    reading == Reading::SingleByte(encoding_rs::KOI8_U)
        && (enc == encoding_rs::WINDOWS_1251 || enc == encoding_rs::IBM866)
}

/// Spans of a line read with a single-byte reading (`bytes`: the byte of each character under
/// it; `flat`: the same with 0 for none) that the true encoding `enc` decodes, and how many
/// spans it refuses (bytes it has no character for).
fn single_byte_units(
    line: &str,
    chars: &[(usize, char)],
    bytes: &[Option<u8>],
    flat: &[u8],
    enc: &'static Encoding,
) -> (Vec<Unit>, usize) {
    units_of::<false>(line, chars, bytes, flat, enc).expect("every span decoded")
}

/// [`single_byte_units`], or `None` as soon as the explanation is sure to be refused: for a
/// true encoding other than the Central European ones, when the spans refused so far are at
/// least as many as the units that change the line plus the spans left. `score_groups` gives
/// such an explanation up before it looks (`units.len() <= refused`, on the units that change
/// the line): the same verdict, without decoding the rest of the line's spans.
fn units_unless_refused(
    line: &str,
    chars: &[(usize, char)],
    bytes: &[Option<u8>],
    flat: &[u8],
    enc: &'static Encoding,
) -> Option<(Vec<Unit>, usize)> {
    units_of::<true>(line, chars, bytes, flat, enc)
}

/// [`single_byte_units`], given up (`None`) as [`units_unless_refused`] says when `GIVE_UP`.
fn units_of<const GIVE_UP: bool>(
    line: &str,
    chars: &[(usize, char)],
    bytes: &[Option<u8>],
    flat: &[u8],
    enc: &'static Encoding,
) -> Option<(Vec<Unit>, usize)> {
    if !bytes.iter().any(|b| matches!(b, Some(b) if *b >= 0x80)) {
        return Some((Vec::new(), 0));
    }
    let mut refused = 0;
    let end_of = |i: usize| chars.get(i).map_or(line.len(), |&(p, _)| p);
    let spans = spans(enc, bytes, flat);
    let mut units = Vec::with_capacity(spans.len());
    // Units that change the line, so far.
    let mut changing = 0;
    let give_up = GIVE_UP && !latin_to_latin(enc);
    for (k, span) in spans.iter().enumerate() {
        if give_up && changing + (spans.len() - k) <= refused {
            return None;
        }
        let span = span.clone();
        let raw = &flat[span.clone()];
        // Between Latin code pages a span that the true encoding decodes into the very
        // characters it holds (`é` in windows-1250 as in windows-1252) is no repair: the judge
        // drops such units before it looks (`judge_units`), and a line whose other units all
        // follow has no group that decides, judged or not. Not built.
        if latin_to_latin(enc)
            && chars[span.clone()].iter().zip(raw).all(|(&(_, c), &b)| {
                quick::high_char(enc, b) == Some(c) && !judge::is_impossible(c)
            })
        {
            continue;
        }
        // The whole run of high bytes around the span: UTF-8 there is the UTF-8 pass's job.
        let mut lo = span.start;
        while lo > 0 && matches!(bytes[lo - 1], Some(b) if b >= 0x80) {
            lo -= 1;
        }
        let mut hi = span.end;
        while hi < bytes.len() && matches!(bytes[hi], Some(b) if b >= 0x80) {
            hi += 1;
        }
        let run = &flat[lo..hi];
        let range = end_of(span.start)..end_of(span.end);
        // Between Latin code pages a letter stays a letter: `ÿ` is not `˙` (windows-1250 and
        // ISO-8859-2 put spacing accents where windows-1252 has letters, which text seldom
        // holds).
        let unletters = |after: &str| {
            latin_to_latin(enc)
                && line[range.clone()]
                    .chars()
                    .zip(after.chars())
                    .any(|(a, b)| is_alphabetic(a) && !is_alphabetic(b))
        };
        if let Some(after) = quick::decode(enc, raw)
            && !after.chars().any(judge::is_impossible)
            && !unletters(&after)
        {
            // C1 controls (bytes read as Latin-1) that the true encoding decodes as
            // windows-1252 does (`\u{85}` is `…` in both) say nothing about it: the C1 pass
            // repairs them the same way.
            let c1 = line[range.clone()]
                .chars()
                .all(|c| ('\u{80}'..='\u{9f}').contains(&c))
                && quick::decode(encoding_rs::WINDOWS_1252, raw).as_ref() == Some(&after);
            changing += usize::from(line[range.clone()] != after);
            let utf8_like = c1 || is_utf8_mojibake(run);
            units.push(Unit {
                range,
                after,
                follower: utf8_like,
                utf8_like,
            });
        } else if !is_utf8_mojibake(run) {
            // UTF-8 mojibake is the UTF-8 pass's to repair, not a word that refuses.
            refused += 1;
        }
    }
    if give_up && changing <= refused {
        return None;
    }
    Some((units, refused))
}

/// Into `out`, the line of `chars` with every span repaired that [`single_byte_units`] makes a unit of, for
/// the single-byte true encoding `enc` (`bytes`: the byte of each character under the reading):
/// what `judge_units` calls the repaired line, found character by character without decoding
/// each span into a string of its own. (The reference of `latin_words::central_refused`.)
#[cfg(test)]
fn repaired_latin(
    chars: &[(usize, char)],
    bytes: &[Option<u8>],
    enc: &'static Encoding,
    out: &mut String,
) {
    out.clear();
    let high = |i: usize| matches!(bytes[i], Some(b) if b >= 0x80);
    let mut i = 0;
    while i < chars.len() {
        if !high(i) {
            out.push(chars[i].1);
            i += 1;
            continue;
        }
        // A span: the run of characters with bytes of the upper half (one byte a character).
        let start = i;
        while i < chars.len() && high(i) {
            i += 1;
        }
        let decoded = |k: usize| quick::high_char(enc, bytes[k].expect("a byte"));
        // A letter must stay a letter (`unletters` in `single_byte_units`).
        let unit = (start..i).all(|k| {
            decoded(k).is_some_and(|d| {
                !judge::is_impossible(d) && (!is_alphabetic(chars[k].1) || is_alphabetic(d))
            })
        });
        for (k, &(_, c)) in chars.iter().enumerate().take(i).skip(start) {
            out.push(if unit {
                decoded(k).expect("decoded")
            } else {
                c
            });
        }
    }
}

/// The runs of characters outside ASCII of `line` (byte ranges) that [`utf8_units`] looks at
/// under every multi-byte reading: those whose first character some sequence of a CJK
/// encoding that begins UTF-8 decodes to (`gate::starts_utf8`, a bit). The others are refused
/// by its first look at their first character under each reading (the reading's bytes of
/// it are such a sequence when they begin UTF-8), so they are left out once for all readings.
fn utf8_run_candidates(line: &str) -> Vec<Range<usize>> {
    use crate::repair::fastpath::{decode, next_ascii, next_non_ascii};
    let bytes = line.as_bytes();
    let mut runs = Vec::new();
    let mut i = next_non_ascii(bytes, 0);
    while i < bytes.len() {
        let start = i;
        // (A character outside ASCII is all bytes from 0x80: the run ends at the next ASCII
        // byte.)
        i = next_ascii(bytes, i);
        let first = char::from_u32(decode(bytes, start).0).expect("a character");
        if gate::starts_utf8(first) {
            runs.push(start..i);
        }
        i = next_non_ascii(bytes, i);
    }
    runs
}

/// Spans of a line that are UTF-8 bytes read as the multi-byte encoding `read_as`: runs of
/// characters outside ASCII that `read_as` encodes into valid UTF-8 with a multi-byte character,
/// among the line's `runs` ([`utf8_run_candidates`]).
fn utf8_units(line: &str, runs: &[Range<usize>], read_as: &'static Encoding) -> Vec<Unit> {
    let mut units = Vec::new();
    for range in runs {
        let range = range.clone();
        let span = &line[range.clone()];
        // Cheap first look: the first few characters must have one- or two-byte sequences
        // that begin valid UTF-8.
        // (On the stack: at most two bytes for each of four characters.)
        let mut head = [0u8; 8];
        let mut len = 0;
        let mut possible = true;
        for c in span.chars().take(4) {
            match multi_byte_of(read_as, c) {
                Some([b, 0]) => {
                    head[len] = b;
                    len += 1;
                }
                Some(pair) => {
                    head[len..len + 2].copy_from_slice(&pair);
                    len += 2;
                }
                None => possible = false,
            }
            if !possible
                || std::str::from_utf8(&head[..len]).is_err_and(|e| e.error_len().is_some())
            {
                possible = false;
                break;
            }
        }
        if !possible {
            continue;
        }
        let (bytes, _, had_errors) = read_as.encode(span);
        if had_errors {
            continue;
        }
        if let Ok(after) = std::str::from_utf8(&bytes)
            && !after.is_ascii()
            && !after
                .chars()
                .any(|c| judge::is_impossible(c) || unjudged_two_byte(c))
        {
            let after = after.to_string();
            // The read must give back exactly this span (no other reading of the bytes).
            if read_as.decode_without_bom_handling_and_without_replacement(&bytes)
                == Some(span.into())
            {
                units.push(Unit {
                    range,
                    after,
                    follower: false,
                    utf8_like: false,
                });
            }
        }
    }
    units
}

/// The cost of each window of a line as it is, by its byte range. (A list searched from the
/// start was quadratic on a line of millions of windows: 25 s for a streamed 20 MB line.)
#[derive(Default)]
struct BeforeCosts {
    /// The cost of each window (byte range) judged so far.
    windows: std::collections::HashMap<
        (usize, usize),
        Bits,
        std::hash::BuildHasherDefault<WindowHasher>,
    >,
    /// [`line_may_hold_abbreviations`] of the line, once asked.
    abbreviations: Option<bool>,
}

/// The hasher of [`BeforeCosts`]: a window is two offsets in one line, mixed by a multiply
/// (SipHash, the default, costs more than the look-up it guards on a short line).
#[derive(Default)]
struct WindowHasher(u64);

impl std::hash::Hasher for WindowHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(26) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// True for a character of two UTF-8 bytes that no model of the judge covers: IPA, spacing
/// modifiers (but the apostrophes `ʼ ʻ ʹ`, signs of the judge), Syriac, Thaana, NKo (the
/// Armenian, Hebrew and Arabic blocks have models: their punctuation and digits go with their
/// letters, `։` ends an Armenian sentence). One character of a two-byte encoding is
/// valid two-byte UTF-8 by chance often enough (`丝` in GBK is `˿`), and the judge gives
/// such characters a flat cost, lower than a rare ideograph's: a decoding into them cannot
/// be weighed, so it is declined.
fn unjudged_two_byte(c: char) -> bool {
    ('\u{250}'..='\u{7FF}').contains(&c)
        && !('\u{530}'..='\u{6FF}').contains(&c)
        && !matches!(c, 'ʹ' | 'ʻ' | 'ʼ')
        && !judge::is_word_char(c)
}

/// True for a span of UTF-8 read as a multi-byte encoding that gives two-byte characters only
/// (Latin, Greek, Cyrillic letters, Latin-1 signs), one per character read, and makes a word
/// of fewer than three letters with its neighbours (`懈` alone is `и` in GBK, `剋剋` is `лл`
/// in EUC-KR): a character of a two-byte encoding is valid two-byte UTF-8 by chance often
/// enough that so little says nothing. It is repaired only along with spans that decide
/// (`caf茅` is `café`: the word's letters are its context).
///
/// Not a span of CJK characters glued to an ASCII letter or digit in a line with no other
/// CJK character, that decodes into Latin letters and signs (`N簞 962` is `N° 962` in Big5,
/// `4ﾂｪ` is `4ª` in Shift_JIS, `tﾃｺ` is `tú`): such a character stands out of its line as no
/// chance reading of it does, and the judge weighs it like any other span. (Not into Greek,
/// Cyrillic or other letters: `Room 3芯` is no `Room 3о`.)
fn lone_two_byte(line: &str, unit: &Unit) -> bool {
    if unit.after.chars().any(|c| c as u32 >= 0x800) {
        return false;
    }
    word_letters(line, unit) < 3
        && !(unit
            .after
            .chars()
            .all(|c| c.is_ascii() || ('\u{A0}'..='\u{24F}').contains(&c))
            && stands_out(line, &unit.range))
}

/// True when `range` of `line` is CJK characters (ideographs, kana, Hangul: see
/// [`script_family`]) next to an ASCII letter or digit, and the rest of the line has none.
fn stands_out(line: &str, range: &Range<usize>) -> bool {
    let cjk = |c: char| script_family(c) == Some(0);
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    line[range.clone()].chars().all(cjk)
        && (glued(line[..range.start].chars().next_back())
            || glued(line[range.end..].chars().next()))
        && !line[..range.start].chars().any(cjk)
        && !line[range.end..].chars().any(cjk)
}

/// True for a span of UTF-8 read as a multi-byte encoding that gives one character of three
/// bytes or more and nothing else outside ASCII (`遞降` in Shift_JIS is `稍~`, `篩選` is
/// `⿑I`): the judge prices CJK characters one by one, so a decoding into fewer of them is
/// cheaper for that alone, and one character in four bytes is valid UTF-8 by chance often
/// enough. It is repaired only along with spans that decide. (Not the punctuation of Latin
/// text, `’ – “ ”`: `D鈥橝lia` in GBK is `D’Alia`, a word around it. Nor a span with a
/// halfwidth katakana, which text written today hardly holds and UTF-8 read as Shift_JIS
/// makes of most kana: `縺ｨ` is `と`, often the one span of a lossy line that decodes.)
fn lone_three_byte(before: &str, unit: &Unit) -> bool {
    if before
        .chars()
        .any(|c| ('\u{FF61}'..='\u{FF9F}').contains(&c))
    {
        return false;
    }
    let mut outside = unit.after.chars().filter(|c| !c.is_ascii());
    matches!((outside.next(), outside.next()),
        (Some(c), None) if c as u32 >= 0x800 && !is_general_punctuation(c))
}

/// True for a character of Unicode's General Punctuation block (`’ – “ ” …`), the punctuation
/// of Latin text that CJK encodings also hold.
fn is_general_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206F}').contains(&c)
}

/// True for a span of a double-byte encoding read as Latin that decodes into one character
/// whose second byte is an ASCII letter followed by another (`©e` of `©ebo`, GBK `〆`): the
/// decoding takes the first letter of a Latin word and leaves the rest of it. (Not the
/// punctuation of Latin text: `Sa\u{81}fidu` is Shift_JIS `Sa’idu`, an apostrophe inside a
/// word.)
fn takes_word_head(line: &str, unit: &Unit) -> bool {
    let bytes = line.as_bytes();
    let mut after = unit.after.chars();
    after.next().is_some_and(|c| !is_general_punctuation(c))
        && after.next().is_none()
        && unit.range.end >= 1
        && bytes[unit.range.end - 1].is_ascii_alphabetic()
        && bytes
            .get(unit.range.end)
            .is_some_and(u8::is_ascii_alphabetic)
}

/// How many letters the word of `unit` has once it is repaired (with its neighbours).
fn word_letters(line: &str, unit: &Unit) -> usize {
    let (ws, we) = window(line, &unit.range);
    let letters = |s: &str| s.chars().filter(|&c| judge::is_word_char(c)).count();
    letters(&line[ws..unit.range.start]) + letters(&unit.after) + letters(&line[unit.range.end..we])
}

thread_local! {
    /// How many explanations [`judge_units`] has judged on this thread (see [`reaches_judge`]).
    static JUDGED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// True when the pass asks the judge about `line` at all (some explanation passes every
/// cheaper check): what the cost of the pass on clean text comes down to. For measurements
/// (`examples/legacy_judged.rs`).
///
/// ```
/// use textmend::repair::legacy::reaches_judge;
/// assert!(!reaches_judge("plain café text"));
/// assert!(reaches_judge("Ïðèâåò, ìèð!"));
/// ```
pub fn reaches_judge(line: &str) -> bool {
    let before = JUDGED.get();
    fix_legacy_mojibake(line, &RepairConfig::default());
    JUDGED.get() != before
}

/// Judge the units of one explanation of a line; `None` when it does not clearly win.
fn judge_units<'u>(
    line: &str,
    units: &'u [Unit],
    refused: usize,
    enc: &'static Encoding,
    before_costs: &mut BeforeCosts,
    bar: Bar,
) -> Option<Explanation<'u>> {
    JUDGED.set(JUDGED.get() + 1);
    // Latin text read as Latin text (windows-1250 as windows-1252) changes a few letters in
    // words that stay Latin: those words are judged in the language that explains the line
    // best, on both sides; and a line that already holds letters of the true code page that
    // windows-1252 lacks (ł, ő, ř..., or any letter it lacks: 顨) was not read with windows-1252. Other explanations change
    // the script, and each word gets the language that explains it best.
    let latin_to_latin = latin_to_latin(enc);
    if latin_to_latin
        && line
            .chars()
            .any(|c| latin_byte_quick(c).is_none() && is_alphabetic(c))
    {
        return None;
    }
    let mut changing: Vec<&Unit> = Vec::with_capacity(units.len());
    changing.extend(units.iter().filter(|u| line[u.range.clone()] != u.after));
    let units = changing;
    let (before_langs, langs, price) = if latin_to_latin {
        // Cheap first look, every word in the language that explains it best.
        let (_, strongest, _) = score_groups(
            line,
            &units,
            enc,
            (&Langs::default(), &Langs::default()),
            before_costs,
            refused,
            (Bits::NEG_INFINITY, bar.strong / 2.0),
        );
        if strongest < bar.strong / 2.0 {
            return None;
        }
        let mut repaired = String::with_capacity(line.len());
        let mut pos = 0;
        for u in &units {
            repaired.push_str(&line[pos..u.range.start]);
            repaired.push_str(&u.after);
            pos = u.range.end;
        }
        repaired.push_str(&line[pos..]);
        // (`fix_line` has checked that some language writes every letter of `repaired`.)
        // The repaired line is judged in one language, which must write every letter of the
        // repair. Where the words the repair leaves alone can tell languages apart, taking
        // them for another language than the one that explains them best has a price: their
        // extra cost in that language, which the repair must gain on top of `MARGIN`
        // (Portuguese "Milhão" is not Romanian "Milhăo"; an Estonian line with one `õ` is
        // not Hungarian for a `ő`). Czech words that Slovak explains a little better, or a
        // Slovak address beside a sentence of Latin, pay little against the repair of many
        // words.
        let context = context_of(line, units.iter().map(|u| &u.range));
        // (Words of ASCII letters alone do not tell one Latin language from another: an
        // English address says nothing against a Croatian job title beside it, nor a sentence
        // of Latin against the Slovak address before it. Only the words with letters outside
        // ASCII are weighed.)
        let context_excess = if context.is_ascii() {
            None
        } else {
            Langs::latin_excess(&accented_words(&context))
        };
        // The language is the repaired line's; but where the words left alone are ASCII (they
        // cannot tell) and no language writes the changed words as they are (`Izraðivaè`:
        // `ð` and `è`, which no language writes together), the repaired words choose it when
        // they have letters enough: an English line does not choose for a Croatian job title
        // in it. (`São` in an English line is written by Portuguese: the line chooses.)
        let words_langs = if context.is_ascii() {
            let (before, after) = changed_words(line, &units);
            if Langs::none_writes_letters(&before) {
                Langs::best_for(&after)
            } else {
                Langs::default()
            }
        } else {
            Langs::default()
        };
        let langs = if words_langs.is_default() {
            Langs::best_for(&repaired)
        } else {
            words_langs
        };
        // One letter read as another (`õ` as `ő`: an Estonian name is not
        // Hungarian) is little to go on where the words left alone cannot tell the language:
        // it is judged against the word at its cheapest reading, not in the language its
        // repair chose (which lacks the letter it replaces); and where the line's language
        // cannot write it either (below), it must gain what two would. (Two letters, or a sign
        // read as a letter, `¹` as `š` or `º` as `ş`, need only the margin: `º` and `ª` are
        // letters by Unicode's class, signs in use, as the judge counts them.) A letter that
        // no language writes beside the line's other letters is not the line's own (no
        // language writes `õ` beside `é` and `ö`): that is not one letter that may be right.
        let mut changed = changed_chars(line, &units);
        let lone_letter = match (changed.next(), changed.next()) {
            (Some(c), None) => judge::is_word_char(c) && !Langs::none_writes_letters(line),
            (first, _) => first.is_none(),
        };
        if langs.writes_all_letters(&repaired) {
            match &context_excess {
                Some(excess) => (langs, langs, langs.latin_excess_of(excess)),
                None if lone_letter => (Langs::default(), langs, 0.0),
                // Letters read as letters, in words some language writes as they are
                // (Portuguese `A irmã e o irmão`, where Romanian reads `irmă`, `irmăo`): the
                // words as they are must be judged in that language, not only in the one
                // their repair chose, which lacks their letters. (A sign read as a letter,
                // `®upaniæ`, is damage whatever the language.)
                None if changed_chars(line, &units).all(is_alphabetic) => {
                    let own = Langs::best_writing(&accented_words(line)).unwrap_or(langs);
                    (own, langs, 0.0)
                }
                None => (langs, langs, 0.0),
            }
        } else {
            // The line chose a language that cannot write the repair: English for
            // `Naoèalni optièar` in an English address, Latin (or what explains it best) for a
            // Slovak address beside a sentence of Latin. The repaired line's words that can
            // tell (those with letters outside ASCII) choose, among the languages that write
            // them all; the repair is judged in that language against the words as they are,
            // each in the language that explains it best (their cheapest reading: `crème`
            // stays French), and pays the price of the words left alone as above, and of a
            // lone letter.
            let chosen = Langs::best_writing(&accented_words(&repaired))?;
            let price = context_excess.map_or(0.0, |excess| chosen.latin_excess_of(&excess))
                + if lone_letter { MARGIN } else { 0.0 };
            (Langs::default(), chosen, price)
        }
    } else {
        (Langs::default(), Langs::default(), 0.0)
    };
    let (gain, strongest, picks) = score_groups(
        line,
        &units,
        enc,
        (&before_langs, &langs),
        before_costs,
        refused,
        (bar.margin + price, bar.strong),
    );
    (gain >= bar.margin + price
        && strongest >= bar.strong
        && !picks.is_empty()
        && !(latin_to_latin && letters_swapped_into_odd_words(line, &picks)))
    .then_some(Explanation { gain, picks })
}

/// Bits a letter of the words a Latin-to-Latin repair makes may cost at most when it only
/// swaps letters for letters in a line that some language writes as it is. Words of Central
/// European names and places repaired in Faker's lines cost 3.6–5.6 (median 4.3), the
/// repairs such a line of Gaelic, Sardinian, Breton or Kurdish got 3.9–8.3 (median 5.8):
/// docs/unmodelled-latin.md.
const UNWRITTEN_WORD_BITS: Bits = 5.0;

/// True when the repairs `picks` of a Latin-to-Latin explanation only swap letters for
/// letters in a line some language writes as it is, and make words that read poorly (more
/// than [`UNWRITTEN_WORD_BITS`] a letter in the language that explains them best). Such a
/// line is more likely written in a language the models lack (Scottish Gaelic `dhèanamh`,
/// Sardinian `Repùblica`, Breton `staliañ`, Kurdish `zêde`) than damaged: the repair only
/// seems better because the words as they are read worse still. The words the repairs leave
/// alone speak for damage when their language lacks the swapped letters (Hungarian words
/// around `Gyõr`); a sign read as a letter (`¹` as `ą`, `º` as `ş`) always does.
fn letters_swapped_into_odd_words(line: &str, picks: &[(Range<usize>, &str)]) -> bool {
    // A sign read as a letter inside a word (`¹` as `ą`) is damage; one that makes a word of
    // one letter (`«` as `Ť` before a space) says nothing either way.
    let sign_in_word = picks.iter().any(|(r, after)| {
        let signs = swaps(&line[r.clone()], after).any(|(a, _)| !is_cased(a));
        let letters = after.chars().filter(|&c| is_alphabetic(c)).count()
            + usize::from(
                line[..r.start]
                    .chars()
                    .next_back()
                    .is_some_and(is_alphabetic),
            )
            + usize::from(line[r.end..].chars().next().is_some_and(is_alphabetic));
        signs && letters >= 2
    });
    if sign_in_word || Langs::none_writes_letters(line) {
        return false;
    }
    let context = context_of(line, picks.iter().map(|(r, _)| r));
    let langs = Langs::best_for(&accented_words(&context));
    let swapped: String = picks
        .iter()
        .flat_map(|(r, after)| swaps(&line[r.clone()], after))
        .filter(|&(a, _)| is_cased(a))
        .map(|(a, _)| a)
        .collect();
    if !(langs.is_default() || langs.writes_all_letters(&swapped)) {
        return false;
    }
    let (bits, letters) = picked_word_bits(line, picks);
    letters > 0 && bits > UNWRITTEN_WORD_BITS * letters as Bits
}

/// The cost of the words the repairs `picks` touch, as repaired (each between spaces, in the
/// model that explains it best), and how many letters they hold.
fn picked_word_bits(line: &str, picks: &[(Range<usize>, &str)]) -> (Bits, usize) {
    let mut repaired = String::with_capacity(line.len() + 8);
    let mut spans = Vec::with_capacity(picks.len());
    let mut pos = 0;
    for (r, after) in picks {
        repaired.push_str(&line[pos..r.start]);
        let start = repaired.len();
        repaired.push_str(after);
        spans.push(start..repaired.len());
        pos = r.end;
    }
    repaired.push_str(&line[pos..]);
    let (mut bits, mut letters) = (0.0, 0);
    let mut start = None;
    for (i, c) in repaired
        .char_indices()
        .chain(std::iter::once((repaired.len(), ' ')))
    {
        if is_alphabetic(c) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take()
            && spans.iter().any(|sp| sp.start < i && s < sp.end)
        {
            let word = &repaired[s..i];
            bits += judge::cost(&format!(" {word} "));
            letters += word.chars().count();
        }
    }
    (bits, letters)
}

/// The characters of `line` that the repairs of `units` change, as they are (each unit's
/// characters and its repair's, paired in order).
fn changed_chars<'a>(line: &'a str, units: &'a [&Unit]) -> impl Iterator<Item = char> + 'a {
    units
        .iter()
        .flat_map(move |u| swaps(&line[u.range.clone()], &u.after).map(|(a, _)| a))
}

/// The words of `line` that the repairs of `units` (in order) change, as they are and as
/// repaired: the word window of each group of units (see [`window_group`]), a space after each.
fn changed_words(line: &str, units: &[&Unit]) -> (String, String) {
    let mut before = String::new();
    let mut after = String::new();
    let mut i = 0;
    while i < units.len() {
        let (ws, we, j) = window_group(line, units, i);
        before.push_str(&line[ws..we]);
        before.push(' ');
        repaired_window(line, &units[i..j], (ws, we)).for_each(|p| after.push_str(p));
        after.push(' ');
        i = j;
    }
    (before, after)
}

/// The words of `line` that the repairs of `ranges` (in order) leave alone: the line without
/// the word windows of those ranges, a space in place of each.
fn context_of<'r>(line: &str, ranges: impl Iterator<Item = &'r Range<usize>>) -> String {
    let mut context = String::with_capacity(line.len());
    let mut pos = 0;
    for range in ranges {
        let (ws, we) = window(line, range);
        if ws >= pos {
            context.push_str(&line[pos..ws]);
            context.push(' ');
        }
        pos = pos.max(we);
    }
    context.push_str(&line[pos.min(line.len())..]);
    context
}

/// The words of `text` that hold a letter outside ASCII, a space after each: the words that can
/// tell one Latin language from another (`Hlohová`, not the Latin `maxime` beside it).
fn accented_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| !judge::is_word_char(c)) {
        if !word.is_ascii() {
            out.push_str(word);
            out.push(' ');
        }
    }
    out
}

/// One group of units whose word windows touch: judged as one piece of text.
struct Group {
    /// The units of the group: `units[i..j]`.
    i: usize,
    j: usize,
    /// The text of the window after the repair (empty when `bound` refuses the group: it is
    /// not judged).
    after: String,
    /// The cost of the window before the repair.
    before: Bits,
    /// The most the repair can gain: `before` less a floor of the cost after.
    bound: Bits,
}

/// A line with more runs of upper-half bytes than this is first judged on its first
/// [`PROBE_RUNS`] runs (see [`probe_cut`]).
const PROBE_LINE_RUNS: usize = 2 * PREVIEW_UNITS;
/// How many runs the first look at a long line takes.
const PROBE_RUNS: usize = 16;

/// For a line with more than [`PROBE_LINE_RUNS`] runs of upper-half bytes (`bytes`: the byte
/// of each character under the reading), the index of the first character after the first
/// [`PROBE_RUNS`] runs (a character outside any run, so that the spans of a single-byte
/// encoding before it are those of the whole line); `None` for a shorter line.
fn probe_cut(bytes: &[Option<u8>]) -> Option<usize> {
    let high = |b: &Option<u8>| matches!(b, Some(b) if *b >= 0x80);
    let starts = |i: usize| high(&bytes[i]) && (i == 0 || !high(&bytes[i - 1]));
    let runs = (0..bytes.len()).filter(|&i| starts(i)).count();
    if runs <= PROBE_LINE_RUNS {
        return None;
    }
    let start = (0..bytes.len()).filter(|&i| starts(i)).nth(PROBE_RUNS)?;
    // The character before the next run's start is outside any run.
    Some(start - 1)
}

/// True when judging the groups of `head` (the changed units of the first runs of a line, in
/// order) in the order of [`score_groups`] meets its first early exit (most groups refused)
/// before the last of them, which alone may take more units of the rest of the line: the
/// explanation is then refused whatever the rest holds.
fn head_refutes(line: &str, head: &[&Unit], before_costs: &mut BeforeCosts) -> bool {
    let langs = Langs::default();
    let (mut accepted, mut rejected) = (0usize, 0usize);
    let mut i = 0;
    while i < head.len() {
        if accepted + rejected >= 6 && rejected > 4 * (accepted + 1) {
            return true;
        }
        let g = group_at(line, head, i, &langs, before_costs);
        if g.j == head.len() {
            return false; // the last group: it may differ in the whole line
        }
        i = g.j;
        if g.bound <= -TOLERANCE || g.before - judge::cost_in(&g.after, &langs) <= -TOLERANCE {
            rejected += 1;
        } else {
            accepted += 1;
        }
    }
    false
}

/// Up to this many units, an explanation's groups are all bounded before any is judged.
const PREVIEW_UNITS: usize = 24;

/// The word window of `units[i]` (see [`window`]) grown over the units after it whose
/// windows touch it: the window's byte range, and the end `j` of the units it holds
/// (`units[i..j]`).
fn window_group(line: &str, units: &[&Unit], i: usize) -> (usize, usize, usize) {
    window_group_of(line, units, |u| &u.range, i)
}

/// [`window_group`] of any repairs in order, each with its byte range in `line` (`range_of`).
pub(super) fn window_group_of<T>(
    line: &str,
    repairs: &[T],
    range_of: impl Fn(&T) -> &Range<usize>,
    i: usize,
) -> (usize, usize, usize) {
    let (ws, mut we) = window(line, range_of(&repairs[i]));
    let mut j = i + 1;
    while j < repairs.len() && range_of(&repairs[j]).start < we {
        we = window(line, range_of(&repairs[j])).1;
        j += 1;
    }
    (ws, we, j)
}

/// The window `ws..we` of `group` (from [`window_group`]) repaired, as pieces: the text before
/// each unit, the unit's repair, and the text after the last up to `we`.
fn repaired_window<'a>(
    line: &'a str,
    group: &'a [&Unit],
    (ws, we): (usize, usize),
) -> impl Iterator<Item = &'a str> {
    let mut pos = ws;
    group
        .iter()
        .flat_map(move |u| {
            let gap = &line[pos..u.range.start];
            pos = u.range.end;
            [gap, u.after.as_str()]
        })
        .chain(std::iter::once(&line[group[group.len() - 1].range.end..we]))
}

/// The group of units that starts with `units[i]`: it takes the units whose word windows
/// touch, and its cost before the repair (under `langs`; with every model allowed, from
/// `before_costs` or into it).
fn group_at(
    line: &str,
    units: &[&Unit],
    i: usize,
    langs: &Langs,
    before_costs: &mut BeforeCosts,
) -> Group {
    let (ws, we, j) = window_group(line, units, i);
    let before = &line[ws..we];
    let pieces = || repaired_window(line, &units[i..j], (ws, we));
    let as_written = |before_costs: &mut BeforeCosts| {
        !window_has_capitals(before)
            || *before_costs
                .abbreviations
                .get_or_insert_with(|| line_may_hold_abbreviations(line))
    };
    let cb = match before_costs.windows.get(&(ws, we)) {
        Some(&cost) if langs.is_default() => cost,
        _ => {
            let cost = if as_written(before_costs) {
                judge::cost_as_written_in(before, langs)
            } else {
                judge::cost_in(before, langs)
            };
            if langs.is_default() {
                before_costs.windows.insert((ws, we), cost);
            }
            cost
        }
    };
    let bound = cb - judge::cost_floor_of_chars(pieces().flat_map(str::chars));
    // A group its bound refuses is refused without its text (`score_groups`, `head_refutes`).
    let after = if bound <= -TOLERANCE {
        String::new()
    } else {
        let mut after = String::with_capacity(before.len() + 8);
        pieces().for_each(|p| after.push_str(p));
        after
    };
    Group {
        i,
        j,
        after,
        before: cb,
        bound,
    }
}

/// Group units whose word windows touch and judge each group, its text as it is in the first
/// of `langs` and as repaired in the second: the total gain, the largest gain of a group that
/// decides, and the edits of the groups that do not make the text worse.
/// The caller takes the result only with a gain of `need_gain` and a group gaining
/// `need_strongest`: an explanation that cannot reach them is given up before its repairs are
/// judged (nothing, as when judged).
fn score_groups<'u>(
    line: &str,
    units: &[&'u Unit],
    enc: &'static Encoding,
    langs: (&Langs, &Langs),
    before_costs: &mut BeforeCosts,
    refused: usize,
    (need_gain, need_strongest): (Bits, Bits),
) -> (Bits, Bits, Vec<(Range<usize>, &'u str)>) {
    let nothing = || (0.0, 0.0, Vec::new());
    // First, on a line of few groups, every group's text, its cost before and a bound of its
    // gain (a floor of the cost after: no letter pairs): what the bounds allow at best
    // decides whether to judge at all. A line of many groups is judged group by group (the
    // early exits below seldom need more than a few).
    let mut groups = Vec::with_capacity(if units.len() <= PREVIEW_UNITS {
        units.len()
    } else {
        0
    });
    // (The groups left cannot outnumber the words that refuse: see the loop below.)
    if !latin_to_latin(enc) && units.len() <= refused {
        return nothing();
    }
    if units.len() <= PREVIEW_UNITS {
        // (Groups whose bound refuses them, so far.)
        let mut bound_refused = 0;
        let mut i = 0;
        while i < units.len() {
            let g = group_at(line, units, i, langs.0, before_costs);
            i = g.j;
            bound_refused += usize::from(g.bound <= -TOLERANCE);
            groups.push(g);
            // The check below on every group refuses the explanation once its bounds refuse
            // as many groups, with the refused spans, as the others can ever be (there are no
            // more groups than units): no need to bound the rest.
            if !latin_to_latin(enc) && units.len() <= 2 * bound_refused + refused {
                return nothing();
            }
        }
        // A group is refused when its repair costs TOLERANCE more than its text (below): a
        // group whose bound says so is refused whatever its words cost; only the others can
        // be accepted, and only those that decide (not all followers) add to the gain and
        // the strongest group.
        let open = |g: &&Group| g.bound > -TOLERANCE;
        let deciding = |g: &&Group| !units[g.i..g.j].iter().all(|u| u.follower);
        let could_accept = groups.iter().filter(open).count();
        let most_gain: Bits = groups
            .iter()
            .filter(open)
            .filter(deciding)
            .map(|g| g.bound.max(0.0))
            .sum();
        let most_strongest = groups
            .iter()
            .filter(open)
            .filter(deciding)
            .map(|g| g.bound)
            .fold(0.0, Bits::max);
        if most_gain < need_gain
            || most_strongest < need_strongest
            || (!latin_to_latin(enc) && could_accept <= groups.len() - could_accept + refused)
        {
            return nothing();
        }
    }
    let mut groups = groups.into_iter();
    let mut gain = 0.0;
    let mut strongest: Bits = 0.0;
    let mut picks = Vec::new();
    let (mut accepted, mut rejected) = (0, 0);
    // The most letters one accepted group changes.
    let mut most_changed = 0;
    let mut i = 0;
    while i < units.len() {
        // An explanation that makes most words worse is wrong: stop judging it early; and
        // stop as soon as the groups left cannot outnumber the words that refuse it (below).
        if (accepted + rejected >= 6 && rejected > 4 * (accepted + 1))
            || (!latin_to_latin(enc) && accepted + (units.len() - i) <= rejected + refused)
        {
            return nothing();
        }
        let g = match groups.next() {
            Some(g) => g,
            None => group_at(line, units, i, langs.0, before_costs),
        };
        let j = g.j;
        i = j;
        let group = &units[g.i..j];
        let (after, cb) = (&g.after, g.before);
        // A group whose repair costs more than the text it replaces by TOLERANCE even before
        // its words are counted is refused without counting them (CJK characters inside Latin
        // words, mostly): the same verdict as below, at a fraction of the cost.
        if g.bound <= -TOLERANCE {
            rejected += 1;
            continue;
        }
        let ca = judge::cost_in(after, langs.1) + kana_price(enc, after);
        let delta = cb - ca;
        if delta <= -TOLERANCE {
            rejected += 1;
        } else {
            accepted += 1;
            let changed = changed_chars(line, group).count();
            most_changed = most_changed.max(changed);
            if group.iter().all(|u| u.follower) {
                gain += delta.min(0.0);
            } else {
                gain += delta;
                strongest = strongest.max(delta);
            }
            for u in group {
                // A span that is also UTF-8 mojibake and sits inside a Latin word (`cafÃ©`) is
                // the UTF-8 pass's to repair, whatever explains the rest of the line. (Not so
                // box drawing that the explanation reads as letters: `·╠┴╘╧╟╧╥borough` is a
                // KOI8-R word read as IBM866, glued to an English one.)
                let in_latin_word = line[..u.range.start]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                    || line[u.range.end..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphabetic());
                // (A CJK character that UTF-8 read as GBK, Big5, Shift_JIS or EUC-KR made of a
                // two-byte character is no such span: `N簞` is `N°` read as Big5.)
                if u.utf8_like && in_latin_word && enc != encoding_rs::UTF_8 {
                    continue;
                }
                picks.push((u.range.clone(), u.after.as_str()));
            }
        }
    }
    // A code page misread damages every word it touches: an explanation that as many words of
    // the line refuse (or cannot even decode) as accept is not the line's story.
    if !latin_to_latin(enc) && rejected + refused >= accepted {
        return (0.0, 0.0, Vec::new());
    }
    // Between two Latin code pages one changed letter with hardly any words around it is no
    // evidence: `õ` (Estonian) and `ő` (Hungarian) are the same byte in Latin-1 and ISO-8859-2,
    // and only the language of the rest of the line can tell them apart. A word with two
    // repaired letters (`ledòáèkovitých`) speaks for itself. Words hold letters: `Ÿ A ,` is
    // not three words around `Ÿ` (it is not `ź`).
    if latin_to_latin(enc)
        && accepted < 2
        && most_changed < 2
        && line
            .split_whitespace()
            .filter(|w| w.chars().any(is_alphabetic))
            .take(3) // (only whether there are three)
            .count()
            < 3
    {
        return (0.0, 0.0, Vec::new());
    }
    (gain, strongest, picks)
}

/// What kana in a group of words cost beyond the judge's price when a Chinese encoding made
/// them: once a group, as a switch into Japanese (see [`kana_price`]).
const KANA_IN_CHINESE: Bits = 6.0;

/// The extra cost of a repaired group `after` that holds kana when the true encoding `enc` is
/// a Chinese one (GBK, GB18030, Big5): the judge prices each CJK character by the language
/// that uses it most, and kana are cheap in Japanese, but Chinese text seldom holds them
/// (`«C¤ì` is Big5 `青木`, not GBK `獵れ`). Once a group, not once a kana: Japanese written in
/// GBK is all kana and kanji, which EUC-JP reads as the same kana and other kanji
/// (`明日会い` as `苧晩氏い`); its kanji must still decide.
fn kana_price(enc: &'static Encoding, after: &str) -> Bits {
    let chinese =
        enc == encoding_rs::GBK || enc == encoding_rs::GB18030 || enc == encoding_rs::BIG5;
    if chinese
        && after
            .chars()
            .any(|c| ('\u{3041}'..='\u{30FA}').contains(&c))
    {
        KANA_IN_CHINESE
    } else {
        0.0
    }
}

/// True for Latin code pages read as windows-1252: the words stay Latin, and are judged in
/// the language of their line (which words that do not change may well decide).
fn latin_to_latin(enc: &'static Encoding) -> bool {
    enc == encoding_rs::WINDOWS_1250 || enc == encoding_rs::ISO_8859_2
}

/// The words around `range`: extended over letters on both sides, plus one character more.
fn window(line: &str, range: &Range<usize>) -> (usize, usize) {
    let word_start = letters_back(line, range.start, judge::is_word_char);
    let start = line[..word_start]
        .chars()
        .next_back()
        .map_or(word_start, |c| word_start - c.len_utf8());
    let word_end = letters_ahead(line, range.end, judge::is_word_char);
    let end = line[word_end..]
        .chars()
        .next()
        .map_or(word_end, |c| word_end + c.len_utf8());
    (start, end)
}

/// Where the characters just before `end` of `line` that `letter` takes begin (`end` when it
/// takes none). `letter` must take exactly the ASCII letters among ASCII characters (as
/// [`judge::is_word_char`] and [`judge::is_latin_letter`] do): ASCII is tested by the byte,
/// without decoding it.
#[inline]
fn letters_back(line: &str, end: usize, letter: impl Fn(char) -> bool) -> usize {
    let bytes = line.as_bytes();
    let mut j = end;
    loop {
        while j > 0 && bytes[j - 1].is_ascii_alphabetic() {
            j -= 1;
        }
        if j == 0 || bytes[j - 1] < 0x80 {
            return j;
        }
        match line[..j].chars().next_back() {
            Some(c) if letter(c) => j -= c.len_utf8(),
            _ => return j,
        }
    }
}

/// Where the characters from `start` of `line` that `letter` takes end (`start` when it takes
/// none), with the same rule as [`letters_back`].
#[inline]
fn letters_ahead(line: &str, start: usize, letter: impl Fn(char) -> bool) -> usize {
    let bytes = line.as_bytes();
    let mut j = start;
    loop {
        while j < bytes.len() && bytes[j].is_ascii_alphabetic() {
            j += 1;
        }
        if j == bytes.len() || bytes[j] < 0x80 {
            return j;
        }
        match line[j..].chars().next() {
            Some(c) if letter(c) => j += c.len_utf8(),
            _ => return j,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `letters_only_made_signs` and `has_high_letter` skip a single-byte Cyrillic explanation
    /// before its units are built only where every unit it would build is a follower, which `explanations` skips
    /// unjudged (`units.iter().all(|u| u.follower)`): over every line of the test data and
    /// of the gate's corpus, and random lines of Cyrillic capitals and small letters, box
    /// drawing, signs and ASCII, under every single-byte reading and true encoding.
    #[test]
    fn letters_made_signs_skip_only_followers() {
        let mut lines = gate::tests::corpus_and_test_data_lines();
        let pool: Vec<char> = "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюяЁёЄєІіЇїЎўЂђЈјЉљЊњЋћЏџҐґ─│┌┐└┘├┤┬┴┼═║╒╓╔╕╖╗╘╙╚╛╜╝╞╟╠╡╢╣╤╥╦╧╨╩╪╫╬▀▄█▌▐░▒▓■·√№¤°±µ¶«»—–‚„…†‡€‰‹›‘’“”•™ ,.-ABCxyz1"
            .chars()
            .collect();
        let mut rng = crate::test_rng::Rng::new(0x9e37_79b9_7f4a_7c15u64);
        let mut next = |n: usize| rng.below(n);
        for k in 0..20_000 {
            // Half the lines drawn from capitals and signs alone (the all-capital line).
            let from = if k % 2 == 0 { 32 } else { pool.len() };
            let line: String = (0..1 + next(40))
                .map(|_| {
                    let i = next(from);
                    if k % 2 == 0 && next(3) == 0 {
                        pool[pool.len() - 1 - next(12)]
                    } else {
                        pool[i]
                    }
                })
                .collect();
            lines.push(line);
        }
        let (mut skipped, mut lines_skipped, mut signs_skipped) = (0usize, 0usize, 0usize);
        for line in &lines {
            let chars: Vec<(usize, char)> = line.char_indices().collect();
            let mut any = false;
            for &(reading, trues) in readings() {
                if !matches!(reading, Reading::SingleByte(_)) {
                    continue;
                }
                let of_line: Vec<Option<u8>> = chars
                    .iter()
                    .map(|&(_, c)| match c {
                        '\n' => None,
                        _ if c.is_ascii() => Some(c as u8),
                        _ => reading.byte(c),
                    })
                    .collect();
                let flat: Vec<u8> = of_line.iter().map(|b| b.unwrap_or(0)).collect();
                let bound = word_like_tokens_of(line, |_| true);
                let wordy = if bound < 3 {
                    bound
                } else {
                    word_like_tokens(line, reading)
                };
                let signs_only = !has_high_letter(&chars, &of_line) && wordy < 3;
                for &enc in trues {
                    let made_signs = letters_only_made_signs(&chars, &of_line, enc);
                    if !made_signs && !signs_only {
                        continue;
                    }
                    signs_skipped += usize::from(signs_only && !made_signs);
                    let (units, _) = single_byte_units(line, &chars, &of_line, &flat, enc);
                    for u in &units {
                        let before = &line[u.range.clone()];
                        assert!(
                            u.follower
                                || (made_signs && only_letters_made_signs(before, &u.after))
                                || (signs_only && !before.chars().any(is_alphabetic)),
                            "{line:?} read as {reading:?}, {}: {:?} -> {:?} is no follower",
                            enc.name(),
                            &line[u.range.clone()],
                            u.after
                        );
                    }
                    skipped += 1;
                    any |= !units.is_empty();
                }
            }
            lines_skipped += usize::from(any);
        }
        // (The skip must be met, on lines with units: `МОСКВА` as windows-1251 read as IBM866.)
        assert!(skipped > 1_000, "{skipped} explanations skipped");
        assert!(
            lines_skipped > 500,
            "{lines_skipped} lines with units skipped"
        );
        assert!(
            signs_skipped > 1_000,
            "{signs_skipped} skipped for their signs"
        );
    }

    /// Lines of letters listed beside their capitals, from real translations (Italian and
    /// Icelandic font samples), are not repaired; the same letters in words are judged as
    /// before (`Ïðèâåò` is windows-1251 read as windows-1252), and repeated damage is no list
    /// (`ªÑ` for each `Ó` of Irish names in EUC-JP read as Latin-1), nor are letters glued
    /// to signs outside ASCII.
    #[test]
    fn letter_lists_are_left_and_words_are_judged() {
        let config = RepairConfig::default();
        for list in [
            "abcde ABCDE àèìòù ÀÈÌÒÙ €",
            "abcdefghijk áéýúíóþæðö ABCDEFGHIJK ÁÉÝÚÍÓÞÆÐÖ",
            "Deutsch: äöüß ÄÖÜ",
            "^[yYдДщЩ]",
        ] {
            assert!(is_letter_list(list), "{list}");
            assert!(fix_legacy_mojibake(list, &config).is_empty(), "{list}");
        }
        for words in [
            "Ïðèâåò, ìèð",
            "Karl ªÑ Hic; ªÑ Coiglightown",
            "ÀÈÌÒÙ ÀÈÌÒÙ",
            "Santa L¨²cia, S¨®cioeducador",
            // (Big5 `藤井` read as Latin-1: a run glued to signs is damage, not a list.)
            "709 ÃÃ¤« Street",
        ] {
            assert!(!is_letter_list(words), "{words}");
        }
        assert!(!fix_legacy_mojibake("Ïðèâåò, ìèð", &config).is_empty());
    }

    #[test]
    fn in_order_finds_what_a_walk_finds() {
        // Random lists of ranges in order of their starts (empty ones, ranges side by side,
        // and lists with ranges nested in others), each asked about random ranges: the items
        // that overlap are those a walk over the list keeps.
        let mut rng = crate::test_rng::Rng::new(0x2545_f491_4f6c_dd1du64);
        let mut next = |n: usize| rng.below(n);
        let (mut windows, mut walks) = (0, 0);
        for _ in 0..5_000 {
            let nested = next(4) == 0;
            let mut items: Vec<Range<usize>> = Vec::new();
            let mut at = 0;
            for _ in 0..next(12) {
                at += next(4);
                let len = if nested { next(12) } else { next(4) };
                items.push(at..at + len);
                if !nested {
                    at += len;
                }
            }
            items.sort_by_key(|r| (r.start, r.end));
            let in_order = InOrder::new(&items, |r| r);
            if in_order.ends_rise {
                windows += 1;
            } else {
                walks += 1;
            }
            for _ in 0..20 {
                let start = next(at + 4);
                let r = start..start + next(5);
                let walked: Vec<Range<usize>> = items
                    .iter()
                    .filter(|q| r.start < q.end && q.start < r.end)
                    .cloned()
                    .collect();
                assert_eq!(in_order.overlapping(&r).to_vec(), walked, "{items:?} {r:?}");
            }
        }
        assert!(windows > 1_000 && walks > 100, "{windows} {walks}");
    }

    /// [`utf8_explains`] as first written: each run cut out, then asked of every code page.
    fn utf8_explains_reference(line: &str) -> bool {
        let pages = crate::repair::codepages::code_pages();
        let mut runs = 0;
        let mut rest = line;
        loop {
            let start = crate::repair::fastpath::next_non_ascii(rest.as_bytes(), 0);
            if start == rest.len() {
                break;
            }
            let run = &rest[start..];
            let end = run.bytes().position(|b| b < 0x80).unwrap_or(run.len());
            let (run, tail) = run.split_at(end);
            if run.chars().nth(1).is_none() || !pages.iter().any(|p| p.reads_as_utf8(run)) {
                return false;
            }
            runs += 1;
            rest = tail;
        }
        runs > 0
    }

    /// The walk that finds each run as it asks the last run's code page answers as the
    /// reference, on the four corpora's lines, each also read once more as windows-1252 and
    /// as windows-1251, and on lines that mix runs of different code pages' damage with clean runs.
    #[test]
    fn utf8_explains_answers_as_first_written() {
        let mut lines = gate::tests::corpus_lines();
        for line in lines.clone() {
            for enc in [encoding_rs::WINDOWS_1252, encoding_rs::WINDOWS_1251] {
                lines.push(
                    enc.decode_without_bom_handling(line.as_bytes())
                        .0
                        .into_owned(),
                );
            }
        }
        let pieces: Vec<String> = lines
            .iter()
            .flat_map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
            .collect();
        for (k, w) in pieces.windows(3).enumerate().step_by(7) {
            lines.push(format!("{} {} x{}", w[0], w[(k % 2) + 1], w[2]));
        }
        let mut yes = 0;
        for line in &lines {
            let answer = utf8_explains(line);
            assert_eq!(answer, utf8_explains_reference(line), "{line:?}");
            yes += usize::from(answer);
        }
        let no = lines.len() - yes;
        assert!(yes > 10_000 && no > 10_000, "{yes} yes, {no} no");
    }

    /// The bytes of a line's characters under `reading` (`None` for a line break and for a
    /// character the reading has no byte for), and the same with 0 for `None`.
    fn line_bytes(reading: Reading, chars: &[(usize, char)]) -> (Vec<Option<u8>>, Vec<u8>) {
        let bytes: Vec<Option<u8>> = chars
            .iter()
            .map(|&(_, c)| if c == '\n' { None } else { reading.byte(c) })
            .collect();
        let flat = bytes.iter().map(|b| b.unwrap_or(0)).collect();
        (bytes, flat)
    }

    /// Calls `f` for every line of the four corpora under every single-byte reading: the line,
    /// its characters, the reading's true encodings, and the line's bytes under the reading
    /// (`line_bytes`).
    fn each_single_byte_reading(
        mut f: impl FnMut(&str, &[(usize, char)], &[&'static Encoding], &[Option<u8>], &[u8]),
    ) {
        for line in gate::tests::corpus_lines() {
            let chars: Vec<(usize, char)> = line.char_indices().collect();
            for &(reading, trues) in readings() {
                if matches!(reading, Reading::MultiByte(_)) {
                    continue;
                }
                let (bytes, flat) = line_bytes(reading, &chars);
                f(&line, &chars, trues, &bytes, &flat);
            }
        }
    }

    /// Where a line's bytes under a reading are UTF-8 (`runs_are_utf8`), every true encoding of
    /// the reading makes only followers of its spans and refuses none, so the explanation is
    /// skipped unjudged: on every line of the four corpora, each also read once more as
    /// windows-1252 and as windows-1251 (UTF-8 damage), and lines of clean text (also CJK,
    /// which no single-byte reading has bytes for) with a damaged half.
    #[test]
    fn lines_whose_runs_are_utf8_make_only_followers() {
        let mut lines = gate::tests::corpus_lines();
        let n = lines.len();
        for k in 0..n {
            for enc in [encoding_rs::WINDOWS_1252, encoding_rs::WINDOWS_1251] {
                let damaged = enc
                    .decode_without_bom_handling(lines[k].as_bytes())
                    .0
                    .into_owned();
                let mixed = format!("{} {damaged}", lines[(k * 7 + 3) % n]);
                lines.extend([damaged, mixed]);
            }
        }
        let (mut skipped, mut units_seen) = (0, 0);
        for line in &lines {
            let chars: Vec<(usize, char)> = line.char_indices().collect();
            for &(reading, trues) in readings() {
                if matches!(reading, Reading::MultiByte(_)) {
                    continue;
                }
                let (bytes, flat) = line_bytes(reading, &chars);
                if !runs_are_utf8(&flat) {
                    continue;
                }
                skipped += 1;
                for &enc in trues {
                    let (units, refused) = single_byte_units(line, &chars, &bytes, &flat, enc);
                    assert_eq!(refused, 0, "{} {line:?}", enc.name());
                    assert!(units.iter().all(|u| u.follower), "{} {line:?}", enc.name());
                    units_seen += units.len();
                }
            }
        }
        assert!(
            skipped > 1000 && units_seen > 10_000,
            "{skipped} {units_seen}"
        );
    }

    /// `repaired_latin` builds, character by character, the line that `judge_units` builds
    /// from the units of `single_byte_units` (the check that relies on it is exact).
    #[test]
    fn repaired_latin_equals_the_line_repaired_by_its_units() {
        for line in gate::tests::corpus_lines() {
            let chars: Vec<(usize, char)> = line.char_indices().collect();
            let (bytes, flat) = line_bytes(Reading::Latin, &chars);
            for enc in [encoding_rs::WINDOWS_1250, encoding_rs::ISO_8859_2] {
                let (units, _) = single_byte_units(&line, &chars, &bytes, &flat, enc);
                let want = crate::changes::splice(
                    &line,
                    units.iter().map(|u| (u.range.clone(), u.after.as_str())),
                );
                let mut got = String::new();
                repaired_latin(&chars, &bytes, enc, &mut got);
                assert_eq!(got, want, "{} {line:?}", enc.name());
            }
        }
    }

    /// `latin_words::central_refused` (one walk) says what its reference says on every line of
    /// the four corpora, under both Central European true encodings: the changes are lone, or
    /// no language writes every letter of the line that `repaired_latin` builds.
    #[test]
    fn central_refused_is_lone_changes_or_letters_no_language_writes() {
        let (mut refused, mut kept) = (0, 0);
        for line in gate::tests::corpus_lines() {
            let chars: Vec<(usize, char)> = line.char_indices().collect();
            let (bytes, _) = line_bytes(Reading::Latin, &chars);
            for enc in [encoding_rs::WINDOWS_1250, encoding_rs::ISO_8859_2] {
                let mut repaired = String::new();
                repaired_latin(&chars, &bytes, enc, &mut repaired);
                let want = latin_words::central_changes_are_lone(&chars, &bytes, enc)
                    || !Langs::some_writes_all_letters(&repaired);
                let got = latin_words::central_refused(&chars, &bytes, enc);
                assert_eq!(got, want, "{} {line:?}", enc.name());
                if got { refused += 1 } else { kept += 1 }
            }
        }
        assert!(refused > 100 && kept > 100, "{refused} {kept}");
    }

    /// Whether the judge takes the Central European explanation `enc` of `line` read as
    /// windows-1252, by the full path of `fix_line` without its walk (units, followers,
    /// `judge_units`).
    fn central_taken(line: &str, enc: &'static Encoding) -> bool {
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let (bytes, flat) = line_bytes(Reading::Latin, &chars);
        let (mut units, refused) = single_byte_units(line, &chars, &bytes, &flat, enc);
        for u in &mut units {
            if word_letters(line, u) < 2 {
                u.follower = true;
            }
        }
        if units.iter().all(|u| u.follower) {
            return false;
        }
        judge_units(
            line,
            &units,
            refused,
            enc,
            &mut BeforeCosts::default(),
            REPAIR,
        )
        .is_some()
    }

    /// `utf8_units` skips a run whose first character fails `gate::starts_utf8`: for every
    /// character outside ASCII and each CJK encoding, where the first look of `utf8_units`
    /// would not refuse the character's bytes (they begin UTF-8), `starts_utf8` holds.
    #[test]
    fn characters_whose_bytes_begin_utf8_start_utf8() {
        let mut begin = 0;
        for cp in 0x80..=0x10FFFFu32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            for enc in [
                encoding_rs::GBK,
                encoding_rs::BIG5,
                encoding_rs::SHIFT_JIS,
                encoding_rs::EUC_KR,
            ] {
                let Some(bytes) = multi_byte_of(enc, c) else {
                    continue;
                };
                let head: &[u8] = match bytes {
                    [b, 0] => &[b],
                    ref pair => pair,
                };
                if !std::str::from_utf8(head).is_err_and(|e| e.error_len().is_some()) {
                    assert!(gate::starts_utf8(c), "{c:?} {}", enc.name());
                    begin += 1;
                }
            }
        }
        assert!(begin > 5_000, "{begin}");
    }

    /// `latin_words::central_refuses` (one walk of the line) refuses only explanations that the
    /// full path refuses, on every line of the four corpora (intact and damaged) and both
    /// Central European true encodings; it refuses at least what `central_refused` did; and
    /// where its look at the changed words refuses, every group of the judge's first look
    /// gains less than the 4 bits that look asks of one group.
    #[test]
    fn central_refuses_only_what_the_judge_refuses() {
        let (mut refused, mut by_words, mut taken, mut lone_groups) = (0, 0, 0, 0);
        for line in gate::tests::corpus_lines() {
            let chars: Vec<(usize, char)> = line.char_indices().collect();
            let (bytes, _) = line_bytes(Reading::Latin, &chars);
            let open = latin_words::central_open(&line);
            let agree = latin_words::central_readings_agree(&bytes);
            for (k, enc) in [encoding_rs::WINDOWS_1250, encoding_rs::ISO_8859_2]
                .into_iter()
                .enumerate()
            {
                let got = latin_words::central_refuses(&line, enc);
                let is_taken = central_taken(&line, enc);
                assert!(!(got && is_taken), "{} {line:?}", enc.name());
                // Both as `fix_line` asks (ISO-8859-2 is skipped where it reads as
                // windows-1250 does).
                assert_eq!(open[k], !(got || (k == 1 && agree)), "{line:?}");
                if latin_words::central_refused(&chars, &bytes, enc) {
                    assert!(got, "{} {line:?}", enc.name());
                } else if got
                    && !line
                        .chars()
                        .any(|c| latin_byte_quick(c).is_none() && is_alphabetic(c))
                {
                    // Refused by the look at the changed words: the first look's deciding
                    // groups (not lone runs only, which follow: `word_letters` < 2).
                    by_words += 1;
                    let (bytes, flat) = line_bytes(Reading::Latin, &chars);
                    let (units, _) = single_byte_units(&line, &chars, &bytes, &flat, enc);
                    let units: Vec<&Unit> = units
                        .iter()
                        .filter(|u| line[u.range.clone()] != u.after)
                        .collect();
                    let langs = Langs::default();
                    let mut costs = BeforeCosts::default();
                    let mut i = 0;
                    while i < units.len() {
                        let g = group_at(&line, &units, i, &langs, &mut costs);
                        if units[g.i..g.j].iter().all(|u| word_letters(&line, u) < 2) {
                            lone_groups += 1;
                            i = g.j;
                            continue;
                        }
                        let gain = if g.bound <= -TOLERANCE {
                            g.bound
                        } else {
                            g.before - judge::cost_in(&g.after, &langs)
                        };
                        assert!(gain < STRONG_GROUP / 2.0, "{gain} {} {line:?}", enc.name());
                        i = g.j;
                    }
                }
                refused += usize::from(got);
                taken += usize::from(is_taken);
            }
        }
        assert!(
            refused > 1000 && by_words > 50 && taken > 50 && lone_groups > 10,
            "{refused} {by_words} {taken} {lone_groups}"
        );
    }

    /// Where `changes_some` says a single-byte true encoding changes nothing, no unit of
    /// `single_byte_units` changes the line: every line of the four corpora, every
    /// single-byte reading and true encoding.
    #[test]
    fn changes_some_is_a_changed_unit() {
        let (mut none, mut some) = (0, 0);
        each_single_byte_reading(|line, chars, trues, bytes, flat| {
            for &enc in trues {
                if latin_words::changes_some(chars, bytes, enc) {
                    some += 1;
                    continue;
                }
                none += 1;
                let (units, _) = single_byte_units(line, chars, bytes, flat, enc);
                assert!(
                    units.iter().all(|u| line[u.range.clone()] == u.after),
                    "{} {line:?}",
                    enc.name()
                );
            }
        });
        assert!(none > 1000 && some > 1000, "{none} {some}");
    }

    /// `word_like_tokens_of` counts as its reference on every line of the four corpora and
    /// on texts of long and short tokens of signs, with every sign held and with each
    /// reading's; and no reading's count is above the count with every sign held.
    #[test]
    fn word_like_tokens_count_as_their_reference() {
        let mut lines = gate::tests::corpus_lines();
        lines.extend(
            [
                "══════ ╔═╗╚═╝ ©®°±µ· ¿¡¬¦ ªº ×÷‰†‡ ¤£¥¢ ÏðèâåòÏðèâåò",
                "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ¡¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿ x",
                "──────────────────────────────────────────┐ ─┐─┐─┐─┐─┐─┐─┐─┐─┐─┐─┐─┐─┐─┐─┐─┐─┐─┐─┐─┐",
                "👨‍👩‍👧‍👦👨‍👩‍👧‍👦 ☃☃☃ ☃★☆ ab©®°",
            ]
            .map(str::to_string),
        );
        let mut some = 0;
        for line in &lines {
            let all = word_like_tokens_of(line, |_| true);
            assert_eq!(
                all,
                word_like_tokens_of_reference(line, |_| true),
                "{line:?}"
            );
            some += usize::from(all > 0);
            for &(reading, _) in readings() {
                let held = |c: char| match reading {
                    Reading::MultiByte(enc) => multi_byte_of(enc, c).is_some(),
                    _ => reading.byte(c).is_some(),
                };
                let got = word_like_tokens_of(line, held);
                assert_eq!(got, word_like_tokens_of_reference(line, held), "{line:?}");
                assert!(got <= all, "{line:?}");
            }
        }
        assert!(some > 20, "{some}");
    }

    /// The twin readings of `tried_by_twin`: on every line of the four corpora, KOI8-R and
    /// KOI8-U give every character the same byte, and windows-1251 and IBM866 are tried under
    /// KOI8-R, before KOI8-U.
    #[test]
    fn twin_readings_give_the_same_bytes() {
        let koi8r = Reading::SingleByte(encoding_rs::KOI8_R);
        let koi8u = Reading::SingleByte(encoding_rs::KOI8_U);
        let at = |r: Reading| {
            readings()
                .iter()
                .position(|&(x, _)| x == r)
                .expect("a reading")
        };
        assert!(at(koi8r) < at(koi8u));
        for enc in [encoding_rs::WINDOWS_1251, encoding_rs::IBM866] {
            assert!(tried_by_twin(koi8u, enc));
            assert!(readings()[at(koi8r)].1.contains(&enc));
            assert!(!tried_by_twin(koi8r, enc));
        }
        assert!(!tried_by_twin(koi8u, encoding_rs::KOI8_R));
        let mut seen = 0;
        for line in gate::tests::corpus_lines() {
            let chars: Vec<(usize, char)> = line.char_indices().collect();
            assert!(
                line_bytes(koi8r, &chars) == line_bytes(koi8u, &chars),
                "{line:?}"
            );
            assert_eq!(
                word_like_tokens(&line, koi8r),
                word_like_tokens(&line, koi8u)
            );
            seen += usize::from(
                line.chars()
                    .any(|c| !c.is_ascii() && koi8r.byte(c).is_some()),
            );
        }
        assert!(seen > 100, "{seen}");
    }

    /// `units_unless_refused` on every line of the four corpora, under every single-byte
    /// reading and each of its true encodings: where it gives the explanation up, the full
    /// units change the line in no more spans than are refused (what `score_groups` refuses
    /// first) and the encoding is not a Central European one; elsewhere it gives the same
    /// units as `single_byte_units`.
    #[test]
    fn units_are_given_up_only_where_score_groups_refuses() {
        let (mut given_up, mut kept) = (0, 0);
        each_single_byte_reading(|line, chars, trues, bytes, flat| {
            for &enc in trues {
                let full = single_byte_units(line, chars, bytes, flat, enc);
                match units_unless_refused(line, chars, bytes, flat, enc) {
                    Some(found) => {
                        kept += 1;
                        assert!(found == full, "{} {line:?}", enc.name());
                    }
                    None => {
                        given_up += 1;
                        let changing = full
                            .0
                            .iter()
                            .filter(|u| line[u.range.clone()] != u.after)
                            .count();
                        assert!(!latin_to_latin(enc), "{line:?}");
                        assert!(changing <= full.1, "{} {line:?}", enc.name());
                    }
                }
            }
        });
        assert!(given_up > 1000 && kept > 1000, "{given_up} {kept}");
    }

    /// The floor of a text given as characters is the floor of the text, and the floor is
    /// below the cost of every window of the four corpora as the readings repair it: each
    /// line under every single-byte reading and true encoding, its units' windows repaired.
    #[test]
    fn the_cost_floor_is_below_the_cost_of_repaired_windows() {
        let mut seen = 0;
        each_single_byte_reading(|line, chars, trues, bytes, flat| {
            for &enc in trues {
                let (units, _) = single_byte_units(line, chars, bytes, flat, enc);
                for u in &units {
                    let (ws, we) = window(line, &u.range);
                    let after = format!(
                        "{}{}{}",
                        &line[ws..u.range.start],
                        u.after,
                        &line[u.range.end..we]
                    );
                    let floor = judge::cost_floor(&after);
                    assert_eq!(floor, judge::cost_floor_of_chars(after.chars()));
                    assert!(floor <= judge::cost(&after), "{after:?}");
                    seen += 1;
                }
            }
        });
        assert!(seen > 10_000, "{seen}");
    }

    /// `letters_back` and `letters_ahead` (ASCII tested by the byte) take the characters that
    /// `is_word_char` and `is_latin_letter` take, one by one, and `window` is the window of
    /// the word characters around a range with the character on each side: at every character
    /// boundary of every line of the four corpora. (An ASCII byte is a letter to both exactly
    /// when it is an ASCII letter.)
    #[test]
    fn letters_are_taken_back_and_ahead_as_one_by_one() {
        for b in 0u8..0x80 {
            let c = char::from(b);
            assert_eq!(judge::is_word_char(c), b.is_ascii_alphabetic(), "{b:#x}");
            assert_eq!(judge::is_latin_letter(c), b.is_ascii_alphabetic(), "{b:#x}");
        }
        fn back(line: &str, end: usize, letter: fn(char) -> bool) -> usize {
            end - line[..end]
                .chars()
                .rev()
                .take_while(|&c| letter(c))
                .map(char::len_utf8)
                .sum::<usize>()
        }
        fn ahead(line: &str, start: usize, letter: fn(char) -> bool) -> usize {
            start
                + line[start..]
                    .chars()
                    .take_while(|&c| letter(c))
                    .map(char::len_utf8)
                    .sum::<usize>()
        }
        fn window_by_chars(line: &str, range: &Range<usize>) -> (usize, usize) {
            let mut start = range.start;
            for c in line[..start].chars().rev() {
                start -= c.len_utf8();
                if !judge::is_word_char(c) {
                    break;
                }
            }
            let mut end = range.end;
            for c in line[end..].chars() {
                end += c.len_utf8();
                if !judge::is_word_char(c) {
                    break;
                }
            }
            (start, end)
        }
        let mut moved = 0;
        for line in gate::tests::corpus_lines() {
            let bounds: Vec<usize> = line
                .char_indices()
                .map(|(i, _)| i)
                .chain([line.len()])
                .collect();
            for &at in &bounds {
                for letter in [
                    judge::is_word_char as fn(char) -> bool,
                    judge::is_latin_letter,
                ] {
                    let want = back(&line, at, letter);
                    assert_eq!(letters_back(&line, at, letter), want, "{line:?} {at}");
                    assert_eq!(letters_ahead(&line, at, letter), ahead(&line, at, letter));
                    moved += usize::from(want < at);
                }
            }
            for pair in bounds.windows(2) {
                let range = pair[0]..pair[1];
                assert_eq!(
                    window(&line, &range),
                    window_by_chars(&line, &range),
                    "{line:?}"
                );
            }
        }
        assert!(moved > 100_000, "{moved}");
    }

    /// `utf8_run_candidates` (runs found by bytes) gives the runs of characters outside ASCII
    /// whose first character passes `gate::starts_utf8`, as the walk over the line's characters
    /// that `utf8_units` made before found them for each reading: on every line of the four
    /// corpora, and on each of them with CJK text and `\n` inside.
    #[test]
    fn utf8_run_candidates_are_the_runs_by_characters() {
        fn by_chars(line: &str) -> Vec<Range<usize>> {
            let chars: Vec<(usize, char)> = line.char_indices().collect();
            let mut runs = Vec::new();
            let mut i = 0;
            while i < chars.len() {
                if chars[i].1.is_ascii() {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < chars.len() && !chars[i].1.is_ascii() {
                    i += 1;
                }
                if gate::starts_utf8(chars[start].1) {
                    runs.push(chars[start].0..chars.get(i).map_or(line.len(), |&(p, _)| p));
                }
            }
            runs
        }
        let mut runs = 0;
        for line in gate::tests::corpus_lines() {
            for line in [line.clone(), format!("浣犲ソ{line}\n鍙戝竷 x")] {
                let want = by_chars(&line);
                assert_eq!(utf8_run_candidates(&line), want, "{line:?}");
                runs += want.len();
            }
        }
        assert!(runs > 1_000, "{runs}");
    }

    /// `inclusive_lines` cuts as `split_inclusive('\n')`: texts with and without a last `\n`,
    /// empty lines, and the empty text.
    #[test]
    fn inclusive_lines_are_split_inclusive() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\nb",
            "a\n\nb\n",
            "é\r\n中\u{2028}x\n\n",
        ] {
            let want: Vec<&str> = text.split_inclusive('\n').collect();
            assert_eq!(inclusive_lines(text).collect::<Vec<_>>(), want, "{text:?}");
        }
        let all = gate::tests::corpus_lines().join("\n");
        let want: Vec<&str> = all.split_inclusive('\n').collect();
        assert_eq!(inclusive_lines(&all).collect::<Vec<_>>(), want);
    }

    /// `latin1_run_reads_as_utf8` answers as Latin-1's `run_reads_as_utf8`, from every character
    /// outside ASCII of the corpus lines, each also read as Latin-1, windows-1252 and
    /// windows-1251, and of random strings of characters around U+0080–U+00FF.
    #[test]
    fn latin1_runs_read_as_the_code_page_walks_them() {
        let latin1 = &crate::repair::codepages::code_pages()[LATIN_1];
        assert_eq!(latin1.name, "latin-1");
        let mut lines = gate::tests::corpus_lines();
        for k in 0..lines.len() {
            for enc in [encoding_rs::WINDOWS_1252, encoding_rs::WINDOWS_1251] {
                let read = enc
                    .decode_without_bom_handling(lines[k].as_bytes())
                    .0
                    .into_owned();
                lines.push(read);
            }
            let read: String = lines[k].bytes().map(char::from).collect();
            lines.push(read);
        }
        let pool: Vec<char> = (0x60..0x180u32)
            .filter_map(char::from_u32)
            .chain(['€', '中', '😀'])
            .collect();
        let mut rng = crate::test_rng::Rng::new(0x1234_5678_9ABC_DEF1);
        for _ in 0..50_000 {
            let seed = rng.next_u64();
            let len = 1 + (seed % 7) as usize;
            lines.push(
                (0..len)
                    .map(|k| pool[(seed >> (8 + 7 * k)) as usize % pool.len()])
                    .collect(),
            );
        }
        let mut yes = 0;
        for line in &lines {
            let bytes = line.as_bytes();
            for (start, _) in line.char_indices().filter(|(_, c)| !c.is_ascii()) {
                let want = latin1.run_reads_as_utf8(line, start);
                assert_eq!(
                    latin1_run_reads_as_utf8(bytes, start),
                    want,
                    "{line:?} {start}"
                );
                yes += usize::from(want.is_some());
            }
        }
        assert!(yes > 10_000, "{yes}");
    }

    /// `has_other_break` finds `\r`, U+2028 and U+2029 as a search by characters does: at every
    /// place of lines full of their near misses (`’`, `‡`, `€`, `\u{2027}`, `\u{202a}`, U+0085,
    /// bytes 0xA8 and 0xA9 after other leads), and on every line of the four corpora.
    #[test]
    fn other_breaks_are_found_as_by_characters() {
        let by_chars = |t: &str| t.contains(['\r', '\u{2028}', '\u{2029}']);
        let misses = [
            "’", "‡", "€", "\u{2027}", "\u{202a}", "\u{85}", "è", "©", "Щ", "a",
        ];
        let mut found = 0;
        for n in 1..=40 {
            let filler: String = (0..n).map(|k| misses[k * 7 % misses.len()]).collect();
            assert!(!has_other_break(filler.as_bytes()), "{filler:?}");
            for (at, _) in filler.char_indices().chain([(filler.len(), ' ')]) {
                for brk in ["\r", "\u{2028}", "\u{2029}"] {
                    let text = format!("{}{brk}{}", &filler[..at], &filler[at..]);
                    assert!(has_other_break(text.as_bytes()), "{text:?}");
                    found += 1;
                }
            }
        }
        for line in gate::tests::corpus_lines() {
            assert_eq!(
                has_other_break(line.as_bytes()),
                by_chars(&line),
                "{line:?}"
            );
        }
        assert!(found > 1000);
    }

    /// `runs_inside_latin_words` (from one character outside ASCII to the next) says what its
    /// reference (character by character) says on every line of the four corpora.
    #[test]
    fn runs_inside_latin_words_walks_as_its_reference() {
        let mut inside = 0;
        for line in gate::tests::corpus_lines() {
            let want = latin_words::runs_inside_latin_words_by_chars(&line);
            assert_eq!(
                latin_words::runs_inside_latin_words(&line),
                want,
                "{line:?}"
            );
            inside += usize::from(want);
        }
        assert!(inside > 100, "{inside}");
    }

    /// `readings_agree` on every line of the four corpora, under every single-byte reading: where
    /// two neighbouring true encodings of the reading agree on a line's bytes, they make the
    /// same units and refuse as many spans (what lets `fix_line` skip the second).
    #[test]
    fn neighbouring_readings_that_agree_make_the_same_units() {
        let mut agree = 0;
        each_single_byte_reading(|line, chars, trues, bytes, flat| {
            for pair in trues.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                if latin_to_latin(a) == latin_to_latin(b)
                    && latin_words::readings_agree(bytes, a, b)
                {
                    agree += 1;
                    assert!(
                        single_byte_units(line, chars, bytes, flat, a)
                            == single_byte_units(line, chars, bytes, flat, b),
                        "{} {} {line:?}",
                        a.name(),
                        b.name()
                    );
                }
            }
        });
        assert!(agree > 100, "{agree}");
    }

    /// The two exact shortcuts of `latin_words` on every line of the four corpora: where
    /// windows-1250 and ISO-8859-2 agree on a line's bytes, they make the same units; where a
    /// Central European repair is said to change no word, every unit it changes follows.
    #[test]
    fn central_shortcuts_agree_with_the_units() {
        let (mut agree, mut lone) = (0, 0);
        for line in gate::tests::corpus_lines() {
            let chars: Vec<(usize, char)> = line.char_indices().collect();
            let (bytes, flat) = line_bytes(Reading::Latin, &chars);
            let units = |enc| single_byte_units(&line, &chars, &bytes, &flat, enc);
            if latin_words::central_readings_agree(&bytes) {
                agree += 1;
                assert!(
                    units(encoding_rs::WINDOWS_1250) == units(encoding_rs::ISO_8859_2),
                    "{line:?}"
                );
            }
            for enc in [encoding_rs::WINDOWS_1250, encoding_rs::ISO_8859_2] {
                if latin_words::central_changes_are_lone(&chars, &bytes, enc) {
                    lone += 1;
                    for u in units(enc).0 {
                        if line[u.range.clone()] != u.after {
                            assert!(word_letters(&line, &u) < 2, "{} {line:?}", enc.name());
                        }
                    }
                }
            }
        }
        assert!(agree > 100 && lone > 100, "{agree} {lone}");
    }

    /// No damaged sentence of the seven non-Latin true encodings read as windows-1252 or
    /// Latin-1 looks like letters inside Latin words (the check that skips them).
    #[test]
    fn damaged_sentences_are_not_letters_inside_latin_words() {
        let mut seen = 0;
        for l in include_str!("../../../tests/data/legacy/damaged.jsonl").lines() {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            let (read_as, true_enc) = (v["read_as"].as_str(), v["true"].as_str());
            if !matches!(read_as, Some("latin-1" | "windows-1252"))
                || matches!(true_enc, Some("windows-1250" | "iso-8859-2"))
            {
                continue;
            }
            seen += 1;
            let damaged = v["damaged"].as_str().expect("a string");
            assert!(
                !latin_words::runs_inside_latin_words(damaged),
                "{damaged:?}"
            );
        }
        assert!(seen > 300, "{seen}");
    }

    /// The floor is below the cost of every window the judge scores (the bounds rely on it).
    #[test]
    fn the_cost_floor_is_below_the_cost() {
        for line in gate::tests::corpus_lines() {
            for word in line.split_whitespace() {
                assert!(judge::cost_floor(word) <= judge::cost(word), "{word:?}");
            }
            assert!(judge::cost_floor(&line) <= judge::cost(&line), "{line:?}");
        }
    }

    /// The units of the first runs of a long line, as `head_refutes` sees them, are the
    /// first units of the whole line.
    #[test]
    fn the_head_of_a_long_line_has_the_first_units_of_the_line() {
        let sentence = "Съешь же ещё этих мягких французских булок, да выпей чаю. ";
        for line in [sentence.repeat(8), format!("a {}", sentence.repeat(8))] {
            let chars: Vec<(usize, char)> = line.char_indices().collect();
            for (reading, enc) in [
                (
                    Reading::SingleByte(encoding_rs::WINDOWS_1251),
                    encoding_rs::KOI8_R,
                ),
                (
                    Reading::SingleByte(encoding_rs::KOI8_R),
                    encoding_rs::IBM866,
                ),
            ] {
                let bytes: Vec<Option<u8>> = chars.iter().map(|&(_, c)| reading.byte(c)).collect();
                let flat: Vec<u8> = bytes.iter().map(|b| b.unwrap_or(0)).collect();
                let cut = probe_cut(&bytes).expect("a long line");
                let (head, _) =
                    single_byte_units(&line, &chars[..=cut], &bytes[..cut], &flat[..cut], enc);
                let (all, _) = single_byte_units(&line, &chars, &bytes, &flat, enc);
                assert_eq!(head.len(), PROBE_RUNS);
                assert!(head == all[..head.len()]);
            }
        }
    }

    /// `s` with the edits of [`fix_legacy_mojibake`] applied (also the tests of the
    /// submodules).
    pub(super) fn fix(s: &str) -> String {
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

    /// Damage `text`: encode it with `enc`, read the bytes as Latin-1.
    fn as_latin1(text: &str, enc: &'static Encoding) -> String {
        let (bytes, _, _) = enc.encode(text);
        bytes.iter().map(|&b| b as char).collect()
    }

    /// The whole repair (every pass, default config) of `text`.
    fn repaired(text: &str) -> String {
        crate::fix_text(text, &crate::config::Config::default()).text
    }

    /// A line whose runs read as UTF-8 in some code page, but whose decodings the UTF-8 pass
    /// holds as unnatural, is judged by the legacy readings: EUC-JP `中川` read as Latin-1 is
    /// `ÃæÀî`, in MacRoman UTF-8's combining mark with nothing to sit on and a modifier letter.
    #[test]
    fn lines_the_utf8_pass_holds_are_judged_by_the_legacy_readings() {
        for text in ["710 中川 Street", "Mr 中川 and his son"] {
            let damaged = as_latin1(text, encoding_rs::EUC_JP);
            assert!(
                utf8_explains(&damaged) && utf8_unnatural(&damaged),
                "{damaged:?}"
            );
            assert_eq!(repaired(&damaged), text, "{damaged:?}");
        }
        // Real UTF-8 mojibake of a word stays the UTF-8 pass's.
        assert!(!utf8_unnatural("caf\u{c3}\u{a9} and \u{c3}\u{bc}ber"));
    }

    /// Short Japanese surnames in Shift_JIS read as Latin-1, in English lines: C1 controls
    /// with a trail byte each (`\u{8e}R` is `山`). The judge cannot tell two characters from
    /// windows-1252 signs by enough to repair them, but the C1 pass must not make them
    /// windows-1252 signs either (`ŽR–{`): each line comes back repaired or as it was.
    #[test]
    fn short_shift_jis_names_are_repaired_or_left_as_they_are() {
        for name in ["山本", "山田", "藤井", "林", "高橋"] {
            let text = format!("We met {name} at the station on Friday.");
            let damaged = as_latin1(&text, encoding_rs::SHIFT_JIS);
            assert!(has_c1(&damaged), "{damaged:?}");
            let got = repaired(&damaged);
            assert!(got == text || got == damaged, "{damaged:?} -> {got:?}");
        }
        // windows-1252 quotes read as Latin-1 are still the C1 pass's.
        assert_eq!(
            repaired("She said \u{93}see you\u{94} and left."),
            "She said “see you” and left."
        );
    }

    /// A short word that EUC-KR (`高橋`) and windows-1251 (`НФОй`) both read as a clean word,
    /// with gains a few bits apart: no evidence for either, left as it is; a sentence in
    /// EUC-KR is still repaired.
    #[test]
    fn a_short_word_two_scripts_explain_alike_is_left_alone() {
        for text in [
            "Mr. 高橋 called the office twice today.",
            "A letter from 高橋 arrived.",
        ] {
            let damaged = as_latin1(text, encoding_rs::EUC_KR);
            assert_eq!(fix(&damaged), damaged);
        }
        let text = "오늘 날씨가 정말 좋네요. 내일 만나요.";
        assert_eq!(fix(&as_latin1(text, encoding_rs::EUC_KR)), text);
    }

    /// `青木` in Big5 read as Latin-1 is `獵れ` in GBK, which the judge prices a little lower
    /// (`れ` is cheap in Japanese); kana cost more in a Chinese encoding, and Big5 wins.
    #[test]
    fn kana_are_dear_in_a_chinese_encoding() {
        for text in [
            "Mr. 青木 sent the report on Monday.",
            "Dinner with 青木 and friends.",
        ] {
            assert_eq!(fix(&as_latin1(text, encoding_rs::BIG5)), text);
        }
        // Japanese in GBK still reads as itself: its kana are many, its kanji right.
        let text = "これはテストです。明日会いましょう。";
        assert_eq!(fix(&as_latin1(text, encoding_rs::GBK)), text);
    }

    #[test]
    fn each_east_asian_encoding_read_as_latin1() {
        for (text, enc) in [
            ("这是一个测试，我们明天见。", encoding_rs::GBK),
            ("這是一個測試，我們明天見。", encoding_rs::BIG5),
            (
                "これはテストです。明日会いましょう。",
                encoding_rs::SHIFT_JIS,
            ),
            ("これはテストです。明日会いましょう。", encoding_rs::EUC_JP),
            ("이것은 시험입니다. 내일 만나요.", encoding_rs::EUC_KR),
        ] {
            assert_eq!(fix(&as_latin1(text, enc)), text, "{}", enc.name());
        }
    }

    #[test]
    fn byte_0x85_read_as_latin1_survives_the_whole_repair() {
        // Shift_JIS "ｅ" is 0x82 0x85: read as Latin-1, U+0085 is also a line break.
        let text = "全角のｅを含む日本語の文章です。";
        let damaged = as_latin1(text, encoding_rs::SHIFT_JIS);
        assert!(damaged.contains('\u{85}'));
        let mut changes = crate::changes::Changes::new();
        let out = crate::repair::repair(damaged, &RepairConfig::default(), &mut changes);
        assert_eq!(out, text);
    }

    #[test]
    fn utf8_read_as_east_asian_encodings() {
        assert_eq!(fix("I said 浣犲ソ to him"), "I said 你好 to him");
        assert_eq!(fix("袩褉懈胁械褌, 屑懈褉!"), "Привет, мир!");
        assert_eq!(fix("縺ゅ≠"), "ああ");
    }

    /// A two-byte UTF-8 character read as one CJK character next to a Latin letter (`N°` as
    /// `N簞` in Big5) is repaired with the rest of its line, not left for the UTF-8 pass (which
    /// cannot read CJK characters back).
    /// Every Arabic, Persian, Urdu, Hebrew and Armenian sentence of the intact corpus, its UTF-8
    /// read as GBK (賲乇丨亘丕 for مرحبا, 圆崭宅崭謤 for Բոլոր), comes back, with the Armenian
    /// full stop `։`: the judge has letter-pair models of these scripts.
    #[test]
    fn utf8_arabic_hebrew_and_armenian_read_as_gbk() {
        let corpus = include_str!("../../../tests/data/corpus/intact.jsonl");
        let mut restored = 0;
        let mut damaged = 0;
        for l in corpus.lines() {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            if !matches!(v["lang"].as_str(), Some("ar" | "fa" | "ur" | "he" | "hy")) {
                continue;
            }
            let text = v["text"].as_str().expect("a string");
            let Some(read) = encoding_rs::GBK
                .decode_without_bom_handling_and_without_replacement(text.as_bytes())
            else {
                continue;
            };
            if read == text || read.contains(['\n', '\r']) {
                continue;
            }
            damaged += 1;
            let got = fix(&read);
            if got == text {
                restored += 1;
            } else {
                eprintln!("{text}\n  {read}\n  {got}");
            }
        }
        assert!(damaged >= 8, "{damaged} damaged sentences");
        assert_eq!(restored, damaged);
    }

    /// Two-byte characters that the judge once declined as letters of no model come back
    /// read as GBK with their lines: IPA letters are Latin letters of its words (Azerbaijani
    /// `ə`, `蓹`), and with the Azerbaijani model an initial `Ə.` alone (`茝.`, a word of one
    /// letter that only a model of the language makes likely); Ukrainian's apostrophe written
    /// as a modifier letter (`ʼ`, U+02BC, `始`) is judged as the apostrophe it is.
    #[test]
    fn letters_once_declined_read_as_gbk() {
        for (text, read_as) in [
            // Article 1 of the Universal Declaration of Human Rights in Azerbaijani.
            (
                "Bütün insanlar ləyaqət və hüquqlarına görə azad və bərabər doğulurlar.",
                '蓹',
            ),
            ("Müəllif: Ə.Ə. Əlizadə, Bakı, 2019", '茝'),
            (
                "Мʼята росте в саду, а пʼять курчат бігають на подвірʼї біля хати.",
                '始',
            ),
        ] {
            let read = encoding_rs::GBK
                .decode_without_bom_handling_and_without_replacement(text.as_bytes())
                .expect("GBK reads it");
            assert!(read.contains(read_as));
            assert_eq!(fix(&read), text);
        }
    }

    #[test]
    fn utf8_read_as_east_asian_encodings_next_to_latin_letters() {
        let text = "Av. Mitre N° 5137 Local 8, Río Gallegos 9400; Jogi asszisztens és Kovács";
        for read_as in [
            encoding_rs::BIG5,
            encoding_rs::SHIFT_JIS,
            encoding_rs::EUC_KR,
        ] {
            let (damaged, _, lossy) = read_as.decode(text.as_bytes());
            assert!(!lossy && damaged != text);
            let mut changes = crate::changes::Changes::new();
            let out =
                crate::repair::repair(damaged.to_string(), &RepairConfig::default(), &mut changes);
            assert_eq!(out, text, "{}: {damaged}", read_as.name());
        }
    }

    /// Words of ASCII letters around a Central European repair say nothing against it (an
    /// English address beside a Croatian job title); words with letters of their own still
    /// choose the language (`tests/legacy.rs`: `NÃO` is not Romanian).
    #[test]
    fn central_european_words_inside_an_english_line() {
        // The second line has English enough to choose English as the line's language, which
        // writes no `đ`: the changed words choose theirs (no language writes `ð` and `è`).
        for text in [
            "West and Sons; Izrađivač posebnih koža; Schneiderville, AP 73808",
            "Adrian Ortiz; West and Sons; Izrađivač posebnih koža; Schneiderville; the workshop \
             makes leather goods for the shops of the north and sells them by mail.",
        ] {
            let (bytes, _, lossy) = encoding_rs::ISO_8859_2.encode(text);
            assert!(!lossy);
            // Read as windows-1252 and as Latin-1 (the bytes are all outside 0x80-0x9F).
            let latin1: String = bytes.iter().map(|&b| b as char).collect();
            for (read_as, damaged) in [
                (
                    "windows-1252",
                    encoding_rs::WINDOWS_1252.decode(&bytes).0.into_owned(),
                ),
                ("latin-1", latin1),
            ] {
                let mut changes = crate::changes::Changes::new();
                let out =
                    crate::repair::repair(damaged.clone(), &RepairConfig::default(), &mut changes);
                assert_eq!(out, text, "{read_as}: {damaged}");
            }
        }
    }

    /// French words in an English line read as ISO-8859-2 would be (`crčme`, `trčs`) are not
    /// "repaired": French writes them as they are, so the line chooses its language.
    #[test]
    fn french_words_in_an_english_line_stay() {
        for text in [
            "We ordered the crème brûlée and it was très chère, said the critic at the table.",
            "The menu lists crème fraîche, a pièce montée and a tarte à la crème for dessert.",
        ] {
            assert_eq!(fix(text), text);
        }
    }

    /// Czech words that Slovak explains a little better, left alone by the repair, do not
    /// refuse a Czech repair (`ř`, `ě`, `ů`: Slovak lacks them); they only cost the
    /// repair the bits by which Slovak explains them better. An Estonian line whose words
    /// left alone are explained almost as well by Hungarian is not taken for Hungarian for one
    /// `õ` (`ő`): that gain does not pay the price.
    #[test]
    fn the_words_left_alone_put_a_price_on_another_language() {
        let czech = "Podrobný Itálie dřívější chata hokejový lůžko skoro.";
        let (bytes, _, _) = encoding_rs::ISO_8859_2.encode(czech);
        let damaged = encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(&bytes)
            .0
            .into_owned();
        assert_ne!(damaged, czech);
        assert_eq!(fix(&damaged), czech);
        let estonian = "Neile on antud mõistus ja südametunnistus ja nende suhtumist \
                        üksteisesse peab kandma vendluse vaim.";
        assert_eq!(fix(estonian), estonian);
    }

    /// Where the line chooses a language that cannot write a Central European repair (English
    /// for a Croatian job title in an English address; whatever explains a sentence of Latin
    /// best, for the Slovak address before it), the repaired words choose among the
    /// languages that write them, and only the words left alone that hold letters outside
    /// ASCII set the price. One letter read as another (`õ` as `ő`) is weighed against the
    /// word at its cheapest reading where those words cannot tell, and must gain what two
    /// would where the line's language cannot write it: an Estonian name in an English line
    /// stays.
    #[test]
    fn repaired_words_choose_where_the_line_cannot() {
        use encoding_rs::{ISO_8859_2, WINDOWS_1250, WINDOWS_1252};
        for (text, enc) in [
            (
                "Andrew Moore, 56 Lauren Fork, New Coreymouth, FL 32637; Williams and Butler; \
                 inženjer unutrašnje plovidbe; Port Brett",
                ISO_8859_2,
            ),
            (
                "Mary Smith, 12 Harbour Street, Portsmouth; Clark and Sons; naočalni optičar; \
                 Lake Street, Southampton",
                WINDOWS_1250,
            ),
            (
                "Peška Tomašková s.r.o., Hlohová 463, Gemerská Ves; fugit maxime perferendis \
                 quaerat, iste asperiores adipisci nostrum sequi doloremque qui repellat",
                ISO_8859_2,
            ),
        ] {
            let (bytes, _, _) = enc.encode(text);
            let damaged = WINDOWS_1252
                .decode_without_bom_handling(&bytes)
                .0
                .into_owned();
            assert_ne!(damaged, text);
            assert_eq!(fix(&damaged), text, "{} read as windows-1252", enc.name());
        }
        for intact in [
            "Meeting notes from Tõnis Kask, 14 Harbour Street, Portsmouth, on the new budget",
            "Ivan Krõlov; 61 Ivan Lodge, North Ivanshire, TX 47370; Hansen-Roos; Risk analyst",
            "We ordered the crème brûlée and two coffees at the corner café near the station",
        ] {
            assert_eq!(fix(intact), intact);
        }
    }

    /// Estonian names and places inside lines of other languages stay as they are: the
    /// Estonian letter-pair model (built from lingua's letter statistics, wordfreq has no
    /// Estonian) explains `õ` where Hungarian would read `ő`. Without it the first three lines
    /// below came out as `Sőrmus`, `Pőld, Kőrvemaa`, `Tőnu Kőiv`.
    #[test]
    fn estonian_names_in_other_lines_stay() {
        for intact in [
            "South Harbour; Mari Sõrmus",
            "Peeter Põld, Kõrvemaa and Partners",
            "Contact: Tõnu Kõiv, tel. 5551234",
            "Meeting notes; Jaan Tõnisson; Tartu",
            "The Rõuge valley; Urvaste",
            "Visit Hiiumaa: Kõpu lighthouse",
            "Kristjan Jõe; Alice Müller; Otepää",
            "Tõnis Mägi sings in Tallinn tonight",
            "Kõik inimesed sünnivad vabadena ja võrdsetena oma väärikuselt ja õigustelt.",
        ] {
            assert_eq!(fix(intact), intact);
        }
    }

    #[test]
    fn cyrillic_code_pages_read_as_each_other() {
        let text = "Съешь же ещё этих мягких французских булок, да выпей чаю.";
        let encs = [
            encoding_rs::WINDOWS_1251,
            encoding_rs::KOI8_R,
            encoding_rs::IBM866,
        ];
        for t in encs {
            for r in encs {
                if t == r {
                    continue;
                }
                let (bytes, _, _) = t.encode(text);
                let damaged = r.decode_without_bom_handling(&bytes).0.into_owned();
                assert_eq!(fix(&damaged), text, "{} read as {}", t.name(), r.name());
            }
        }
    }

    /// Damage `text`: encode it with `true_enc`, decode the bytes with `read_as`.
    fn misread(text: &str, true_enc: &'static Encoding, read_as: &'static Encoding) -> String {
        let (bytes, _, _) = true_enc.encode(text);
        read_as.decode_without_bom_handling(&bytes).0.into_owned()
    }

    #[test]
    fn cyrillic_glued_to_latin_letters_is_repaired_with_its_line() {
        // A Bulgarian place name glued to an English suffix (addresses of a fake-data
        // generator): the KOI8-R lower case read as IBM866 is all box drawing, and the span
        // inside the Latin word is repaired with the rest of the line.
        let text = "Иванов Тумангелов ЕАД; Nurse; North Златогорborough; 0954 Симеонов Club";
        let damaged = misread(text, encoding_rs::KOI8_R, encoding_rs::IBM866);
        assert!(damaged.contains("╠┴╘╧╟╧╥borough"), "{damaged}");
        assert_eq!(fix(&damaged), text);
        let text = "Джогов Братухчев SD; New Радкаton, PA 52426; Лянка Hill";
        let damaged = misread(text, encoding_rs::IBM866, encoding_rs::KOI8_R);
        assert_eq!(fix(&damaged), text);
        // Real box drawing glued to Latin letters beside Russian words stays.
        for s in ["Меню ╠═Settings═╣ и ╚══╝end", "Итог: ┌──┐Total└──┘"]
        {
            assert_eq!(fix(s), s);
        }
    }

    #[test]
    fn a_run_of_signs_inside_a_word_is_no_repair() {
        // Azerbaijani UTF-8 read as windows-1251 (`Й™` is `ə`) beside intact Azerbaijani:
        // windows-1251 read as IBM866 would make `Й™` `‰™`, two signs inside a word, which the
        // judge counts as odd as one. The line is the UTF-8 pass's.
        let line = "Flora NЙ™sirli; SЙ™dЙ™rЙ™k rayonu, 8 MART prospekti; ЖЏlЙ™kbЙ™rli QSC; \
                    Müstəntiq; Naftalan; Etmək böyük hissə böyük.";
        assert!(fix_legacy_mojibake(line, &RepairConfig::default()).is_empty());
    }

    #[test]
    fn reason_names_both_encodings() {
        let edits = fix_legacy_mojibake("Ïðèâåò, ìèð!", &RepairConfig::default());
        assert_eq!(
            edits[0].reason,
            Reason::mojibake("windows-1251", "windows-1252")
        );
    }

    #[test]
    fn box_drawing_beside_a_letter_is_left_alone() {
        // IBM866 read as KOI8-R would make `┌──┐` `ВААГ`: a table is no evidence of it.
        for s in ["Р ┌──┐ │ └──┘", "Р你好，世界。 ┌──┐ │ └──┘"]
        {
            assert_eq!(fix(s), s);
        }
    }

    #[test]
    fn c1_controls_are_no_evidence_of_a_code_page() {
        // `\u{85}` is `…` in windows-1251 as in windows-1252: the UTF-8 mojibake beside it
        // is not windows-1251 read as windows-1252.
        let s = "Ελληνικά Î•Î»Î»Î·Î½Î¹ÎºÎ¬ \u{85}";
        let config = RepairConfig {
            fix_encoding: false,
            ..RepairConfig::default()
        };
        assert!(fix_legacy_mojibake(s, &config).is_empty());
    }

    #[test]
    fn utf8_mojibake_is_declined() {
        for s in ["cafÃ© au lait", "Ã¼ber alles", "РџСЂРёРІРµС‚"] {
            assert_eq!(fix(s), s);
        }
    }
}
