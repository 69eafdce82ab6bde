//! Default output is NFC even where the only departure from NFC is two combining marks out of
//! canonical order (each mark NFC-stable on its own), and NFC text is left as it is. The
//! reference is `unicode-normalization`'s NFC. See docs/nfc-marks.md.

use textmend::{Config, fix_text};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// The languages whose sentences carry combining marks (or are next to texts that do).
const LANGS: &[&str] = &[
    "he", "ar", "fa", "ur", "th", "vi", "vi-caps", "hi", "bn", "ta", "yo", "el", "ru", "ka", "ko",
    "ja",
];

/// The intact corpus sentences of [`LANGS`] and the UDHR lines, as NFC.
fn sentences() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus");
    let mut out = Vec::new();
    for line in std::fs::read_to_string(dir.join("intact.jsonl"))
        .unwrap()
        .lines()
    {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if LANGS.contains(&v["lang"].as_str().unwrap_or("")) {
            out.push(v["text"].as_str().unwrap().nfc().collect());
        }
    }
    for line in std::fs::read_to_string(dir.join("udhr-article1.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
    {
        let text = line.split_once('\t').map_or(line, |(_, t)| t);
        out.push(text.nfc().collect());
    }
    out
}

/// Pairs of marks that NFC orders the other way (second class lower than the first), each
/// mark NFC-stable on its own, with a base letter of its script: qamats before patah, shadda
/// before fatha, mai ek before sara u, virama before a Bengali nukta, a circumflex before a dot
/// below on a Vietnamese vowel, Hebrew dagesh before a vowel, Arabic shadda before kasra.
const REVERSED: &[(&str, char, char)] = &[
    ("\u{5d0}", '\u{5b8}', '\u{5b7}'),
    ("\u{5d1}", '\u{5bc}', '\u{5b8}'),
    ("\u{644}", '\u{651}', '\u{64e}'),
    ("\u{628}", '\u{651}', '\u{650}'),
    ("\u{e01}", '\u{e48}', '\u{e38}'),
    ("\u{e1c}", '\u{e49}', '\u{e39}'),
    ("\u{995}", '\u{9cd}', '\u{9bc}'),
    ("\u{915}", '\u{94d}', '\u{93c}'),
    ("\u{1ea1}", '\u{302}', '\u{316}'),
    ("\u{1eb9}", '\u{301}', '\u{329}'),
    ("\u{e9}", '\u{5b7}', '\u{5b0}'),
    ("\u{304c}", '\u{e48}', '\u{e38}'),
];

/// Marks of many classes and scripts (all NFC-stable alone but a few), for random sequences.
const MARKS: &[char] = &[
    '\u{300}',
    '\u{301}',
    '\u{305}',
    '\u{316}',
    '\u{31b}',
    '\u{323}',
    '\u{329}',
    '\u{334}',
    '\u{345}',
    '\u{35c}',
    '\u{483}',
    '\u{591}',
    '\u{5b0}',
    '\u{5b7}',
    '\u{5b8}',
    '\u{5bc}',
    '\u{5c1}',
    '\u{610}',
    '\u{64b}',
    '\u{64e}',
    '\u{650}',
    '\u{651}',
    '\u{652}',
    '\u{670}',
    '\u{6e7}',
    '\u{711}',
    '\u{730}',
    '\u{7eb}',
    '\u{93c}',
    '\u{94d}',
    '\u{951}',
    '\u{9bc}',
    '\u{9cd}',
    '\u{a3c}',
    '\u{bcd}',
    '\u{e38}',
    '\u{e3a}',
    '\u{e48}',
    '\u{e4b}',
    '\u{eb8}',
    '\u{ec8}',
    '\u{f71}',
    '\u{f72}',
    '\u{1037}',
    '\u{1039}',
    '\u{17d2}',
    '\u{1ab0}',
    '\u{1cd4}',
    '\u{1ce2}',
    '\u{1dc0}',
    '\u{20d0}',
    '\u{20d2}',
    '\u{2de0}',
    '\u{302a}',
    '\u{3099}',
    '\u{a66f}',
    '\u{a8e0}',
    '\u{fb1e}',
    '\u{fe20}',
    '\u{101fd}',
    '\u{1d165}',
    '\u{1e000}',
];

/// Base characters for random sequences: letters of several scripts, precomposed letters whose
/// decomposition ends in a mark, ASCII, a CJK ideograph, Hangul.
const BASES: &[char] = &[
    'a',
    ' ',
    'é',
    'ḍ',
    'ệ',
    'й',
    'ά',
    'ǖ',
    'à',
    'ă',
    '\u{5d0}',
    '\u{644}',
    '\u{627}',
    '\u{622}',
    '\u{e01}',
    '\u{915}',
    '\u{929}',
    '\u{995}',
    '\u{304c}',
    '中',
    '한',
    '가',
    '\u{1f600}',
];

/// A small deterministic generator (xorshift), so that the test reads the same texts each run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// `text` with `marks` put after the character that starts at byte `at`.
fn insert_after_char(text: &str, at: usize, marks: &str) -> String {
    let end = at + text[at..].chars().next().map_or(0, char::len_utf8);
    format!("{}{marks}{}", &text[..end], &text[end..])
}

/// `text` with each pair of adjacent marks of different classes swapped (so out of order where
/// they were in order); `None` when it has no such pair.
fn swap_mark_pairs(text: &str) -> Option<String> {
    let mut chars: Vec<char> = text.chars().collect();
    let mut swapped = false;
    let mut i = 0;
    while i + 1 < chars.len() {
        let (a, b) = (
            canonical_combining_class(chars[i]),
            canonical_combining_class(chars[i + 1]),
        );
        if a != 0 && b != 0 && a != b {
            chars.swap(i, i + 1);
            swapped = true;
            i += 2;
        } else {
            i += 1;
        }
    }
    swapped.then(|| chars.into_iter().collect())
}

/// Repair with the default configuration.
fn fixed(text: &str) -> String {
    fix_text(text, &Config::default()).text
}

/// True when the default repair of `text` normalizes something.
fn normalizes(text: &str) -> bool {
    fix_text(text, &Config::default())
        .changes
        .iter()
        .any(|c| c.reason.name() == "unicode_normalization")
}

/// What the repair of `text` must give: the repair of its NFC (the same, unless something
/// other than the order of marks needs repair: a random base next to Arabic marks can read as
/// mojibake), which must be NFC itself.
fn expected(text: &str) -> String {
    let want = fixed(&text.nfc().collect::<String>());
    assert!(unicode_normalization::is_nfc(&want), "{want:?}");
    want
}

/// The texts to check, each with its expected output: lines alone and joined into one text
/// (long enough for the scan's 32-byte blocks, with lines of other scripts around them).
fn check_all(cases: &[String]) {
    let mut failures = Vec::new();
    let mut strict = 0;
    for text in cases {
        let want = expected(text);
        strict += usize::from(want == text.nfc().collect::<String>());
        if fixed(text) != want {
            failures.push(text.clone());
        }
    }
    // Most texts need nothing but NFC.
    assert!(strict * 5 >= cases.len() * 4, "{strict} of {}", cases.len());
    for chunk in cases.chunks(7) {
        let text = chunk.join("\n") + "\n";
        if fixed(&text) != expected(&text) {
            failures.push(text);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} texts are not NFC after repair, e.g. {:?}",
        failures.len(),
        cases.len(),
        failures.iter().take(3).collect::<Vec<_>>()
    );
}

/// Out-of-order pairs put into real sentences, at the start, in the middle and at the end of
/// each, are put in order; the same sentences with the pairs in order are left as they are.
#[test]
fn reversed_mark_pairs_in_sentences_come_out_as_nfc() {
    let sentences = sentences();
    assert!(sentences.len() > 100, "{}", sentences.len());
    let mut cases = Vec::new();
    let mut in_order = Vec::new();
    for (k, s) in sentences.iter().enumerate() {
        let (base, m1, m2) = REVERSED[k % REVERSED.len()];
        assert!(canonical_combining_class(m1) > canonical_combining_class(m2));
        let starts: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
        for at in [0, starts[starts.len() / 2], starts[starts.len() - 1]] {
            let reversed = format!("{base}{m1}{m2}");
            cases.push(insert_after_char(s, at, &reversed));
            in_order.push(
                insert_after_char(s, at, &reversed)
                    .nfc()
                    .collect::<String>(),
            );
        }
        // A pair on the sentence's own letter (not a base of the mark's script).
        cases.push(insert_after_char(
            s,
            starts[starts.len() / 3],
            &format!("{m1}{m2}"),
        ));
    }
    check_all(&cases);
    for text in &in_order {
        assert!(!normalizes(text), "{text:?}");
    }
}

/// The sentences' own marks (pointed Hebrew, Arabic harakat, Thai tone marks and vowels,
/// Vietnamese and Yoruba tone marks once decomposed) with each adjacent pair swapped come out
/// as NFC.
#[test]
fn sentences_with_their_marks_reordered_come_out_as_nfc() {
    let mut cases = Vec::new();
    for s in sentences() {
        let nfd: String = s.nfd().collect();
        for text in [&s, &nfd] {
            if let Some(swapped) = swap_mark_pairs(text) {
                cases.push(swapped);
            }
        }
    }
    assert!(cases.len() >= 10, "{}", cases.len());
    check_all(&cases);
}

/// Random sequences of bases and marks of many classes and scripts, alone and inside
/// sentences, come out as NFC.
#[test]
fn random_mark_sequences_come_out_as_nfc() {
    let sentences = sentences();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut cases = Vec::new();
    for _ in 0..3000 {
        let mut seq = String::new();
        for _ in 0..1 + rng.below(12) {
            seq.push(BASES[rng.below(BASES.len())]);
            for _ in 0..rng.below(4) {
                seq.push(MARKS[rng.below(MARKS.len())]);
            }
        }
        let s = &sentences[rng.below(sentences.len())];
        let starts: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
        cases.push(seq.clone());
        cases.push(insert_after_char(s, starts[rng.below(starts.len())], &seq));
    }
    check_all(&cases);
}

/// NFC sentences (all of them, and joined) are left as they are by the default repair.
#[test]
fn nfc_sentences_are_left_as_they_are() {
    let sentences = sentences();
    for s in &sentences {
        assert_eq!(&fixed(s), s);
    }
    let joined = sentences.join("\n") + "\n";
    assert_eq!(fixed(&joined), joined);
    let decomposed: String = joined.nfd().collect();
    assert!(normalizes(&decomposed));
}
