//! The fast exit: one scan of a line tells which families of explanations could apply, so
//! that clean text costs little more than the scan.

use super::candidates::latin_byte_quick;
use super::judge::{symbol_cost, word_cyrillic_ideograph};

/// Which explanations a line may need, from the characters it holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Signs {
    /// Two characters of the upper half of windows-1252 in a row, or such a sign (other than
    /// common punctuation) before an ASCII letter: what multi-byte text (or Cyrillic, Greek) read as windows-1252 looks like.
    pub latin_runs: bool,
    /// Some character of the upper half of windows-1252 and no letter outside windows-1252:
    /// what Central European text read as windows-1252 looks like.
    pub latin_letters: bool,
    /// A Cyrillic word with a capital after a small letter, a Cyrillic word of three or more
    /// capitals, or an odd sign touching a Cyrillic letter: Cyrillic read with the wrong
    /// Cyrillic code page.
    pub cyrillic: bool,
    /// A CJK character: UTF-8 read as a CJK encoding gives nothing else.
    pub cjk: bool,
    /// A sign or capital that KOI8 or IBM866 make of a windows-1251 apostrophe or dash, then
    /// an ASCII letter (`D▓Alia`, `DТAlia`): Latin-script windows-1251 text read as those
    /// ([`super::punctuation`]).
    pub latin_cue: bool,
}

impl Signs {
    /// Scan `line`.
    ///
    /// ```
    /// use textmend::repair::legacy::gate::Signs;
    /// assert!(Signs::of("plain café text").none());
    /// assert!(Signs::of("People’s “Forum” — here").none());
    /// assert_eq!(Signs::of("crème"), Signs { latin_letters: true, ..Signs::default() });
    /// assert!(Signs::of("Xi¡¯an").latin_runs);
    /// assert!(Signs::of("вОЛГА").cyrillic);
    /// assert!(!Signs::of("Волга — река").cyrillic);
    /// assert!(Signs::of("I said 浣犲ソ").cjk); // UTF-8 read as GBK
    /// assert!(!Signs::of("你好，这是日本語").cjk); // 你 is 0xC4 0xE3 in GBK: no UTF-8 starts so
    /// ```
    pub fn of(line: &str) -> Signs {
        let mut gate = Gate::default();
        let bytes = line.as_bytes();
        let roles = crate::repair::fastpath::GateRoles::get();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] < 0x80 {
                gate.ascii(bytes[i]);
                // Skip the rest of the ASCII run: nothing in it matters (eight bytes at a
                // time).
                i = crate::repair::fastpath::next_non_ascii(bytes, i + 1);
                continue;
            }
            let (r, len) = roles.at(bytes, i);
            i += len;
            gate.char(r);
        }
        gate.signs()
    }

    /// True when no explanation applies.
    pub fn none(self) -> bool {
        self == Signs::default()
    }
}

/// The state of the gate's scan of one line, fed one character at a time: what [`Signs::of`]
/// computes, and what [`crate::repair::fastpath::lines`] computes inside its own scan (there
/// with [`SKIPPED`] for the characters it skips unread, which can only add signs).
///
/// Every sign is a pair (or triple) of neighbours, so each character carries two masks
/// ([`Roles`]): its role as the earlier character of a pair and as the later one, and a pair
/// is found where the earlier one's first mask meets the later one's second. Three bit
/// operations a character, no branch: the scan of clean text does this for every character
/// outside ASCII.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Gate {
    /// Pair bits found, and the [`SEEN`] bits of every character.
    found: u16,
    /// The earlier-role masks of the last two characters.
    prev: u16,
    prev2: u16,
}

impl Default for Gate {
    fn default() -> Self {
        Gate {
            found: 0,
            prev: A_ASCII,
            prev2: 0,
        }
    }
}

/// A character's masks for the gate: as the earlier character of a pair, as the later one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(crate) struct Roles {
    pub(crate) first: u16,
    pub(crate) second: u16,
}

// Pair bits: `first` of the earlier character & `second` of the later one.
/// Two characters of the upper half of windows-1252.
const P_HIGH: u16 = 1;
/// A small Cyrillic letter, then a capital.
const P_CASE: u16 = 2;
/// An odd sign, then a Cyrillic letter.
const P_ODD_CYRILLIC: u16 = 4;
/// A Cyrillic letter, then an odd sign.
const P_CYRILLIC_ODD: u16 = 8;
/// Two Cyrillic capitals (three in a row when the one before is one too).
const P_CAPS: u16 = 16;
/// ASCII (or the line start), then a [`UTF8_START`] character: a run starts with it.
const P_RUN_START: u16 = 32;
/// An odd sign of the upper half of windows-1252, then an ASCII letter.
const P_ODD_LETTER: u16 = 64;
/// A [`CUE`] character, then an ASCII letter.
const P_CUE_LETTER: u16 = 128;
/// Bits of single characters ([`CENTRAL`], [`OUTSIDE_1252`], [`IDEOGRAPH`], [`BOX`]), in the
/// `second` mask of the character and in the `first` mask of every character and of ASCII:
/// the same `and` gathers them.
const S_CENTRAL: u16 = 1 << 8;
const S_OUTSIDE_1252: u16 = 2 << 8;
const S_IDEOGRAPH: u16 = 4 << 8;
const S_BOX: u16 = 8 << 8;
const SEEN: u16 = S_CENTRAL | S_OUTSIDE_1252 | S_IDEOGRAPH | S_BOX;
/// The `first` mask of ASCII (and of the line start).
const A_ASCII: u16 = P_RUN_START | SEEN;

/// The [`Roles`] of a character of class `class` ([`compute_class`]).
pub(crate) fn roles(class: u16) -> Roles {
    let has = |bits: u16| class & bits == bits;
    let bit = |cond: bool, b: u16| if cond { b } else { 0 };
    let cyrillic = has(CYRILLIC);
    let capital = has(CYRILLIC | UPPER);
    Roles {
        first: SEEN
            | bit(has(HIGH), P_HIGH)
            | bit(has(CYRILLIC | LOWER), P_CASE)
            | bit(has(ODD), P_ODD_CYRILLIC)
            | bit(cyrillic, P_CYRILLIC_ODD)
            | bit(capital, P_CAPS)
            | bit(has(HIGH | ODD), P_ODD_LETTER)
            | bit(has(CUE), P_CUE_LETTER),
        second: bit(has(HIGH), P_HIGH)
            | bit(capital, P_CASE)
            | bit(cyrillic, P_ODD_CYRILLIC)
            | bit(has(ODD), P_CYRILLIC_ODD)
            | bit(capital, P_CAPS)
            | bit(has(UTF8_START), P_RUN_START)
            | bit(has(CENTRAL), S_CENTRAL)
            | bit(has(OUTSIDE_1252), S_OUTSIDE_1252)
            | bit(has(IDEOGRAPH), S_IDEOGRAPH)
            | bit(has(BOX), S_BOX),
    }
}

/// The `second` mask of each ASCII byte: letters end a [`P_ODD_LETTER`] and a
/// [`P_CUE_LETTER`] pair.
const fn ascii_second(b: u8) -> u16 {
    if b.is_ascii_alphabetic() {
        P_ODD_LETTER | P_CUE_LETTER
    } else {
        0
    }
}

impl Gate {
    /// An ASCII byte: only matters after a sign of the upper half (a Big5 or Shift_JIS trail
    /// byte), and ends runs of capitals and of characters outside ASCII.
    #[inline(always)]
    pub(crate) fn ascii(&mut self, b: u8) {
        self.found |= self.prev & ascii_second(b);
        self.prev = A_ASCII;
        self.prev2 = 0;
    }

    /// A character outside ASCII with roles `r`.
    #[inline(always)]
    pub(crate) fn char(&mut self, r: Roles) {
        let pair = self.prev & r.second;
        // Two capitals count only after a third.
        self.found |= pair & (self.prev2 | !P_CAPS);
        self.prev2 = self.prev;
        self.prev = r.first;
    }

    /// [`Gate::char`] for the scan of all text: two Cyrillic capitals in a row count as a
    /// sign already (the line is then looked at again with [`Signs::of`]).
    #[inline(always)]
    pub(crate) fn char_quick(&mut self, r: Roles) {
        self.found |= self.prev & r.second;
        self.prev = r.first;
    }

    /// True when the scan so far has started a run of characters outside ASCII.
    #[inline(always)]
    pub(crate) fn in_run(&self) -> bool {
        self.prev != A_ASCII
    }

    /// True when the line scanned has no sign (as [`Signs::none`]; after
    /// [`Gate::char_quick`], two Cyrillic capitals in a row are a sign).
    #[inline(always)]
    pub(crate) fn none(&self) -> bool {
        self.signs().none()
    }

    /// The signs of the line scanned.
    #[inline(always)]
    pub(crate) fn signs(&self) -> Signs {
        let f = self.found;
        Signs {
            latin_runs: f & (P_HIGH | P_ODD_LETTER) != 0,
            latin_letters: f & (S_CENTRAL | S_OUTSIDE_1252) == S_CENTRAL,
            // Box drawing: Cyrillic read as IBM866 or KOI8.
            cyrillic: f & (P_CASE | P_ODD_CYRILLIC | P_CYRILLIC_ODD | P_CAPS | S_BOX) != 0,
            // UTF-8 read as a CJK encoding gives CJK characters, and each run of them starts
            // with a character whose bytes there start a UTF-8 sequence.
            cjk: f & S_IDEOGRAPH != 0 && f & P_RUN_START != 0,
            latin_cue: f & P_CUE_LETTER != 0,
        }
    }
}

/// The characters the gate can pass over unread, in runs with ASCII (no `\n`): the kinds
/// whose [`Roles`] (`roles[k]`, `None` for a kind the caller rules out) add nothing to the
/// gate's signs next to each other or to ASCII. Two families, as a Cyrillic letter next to an
/// odd sign is a sign: the letters (mode 0: nothing at all; mode 1: at most
/// [`S_OUTSIDE_1252`], used where the line has it already), and the odd signs, Thai,
/// Devanagari, Georgian... (mode 2: nothing at all; mode 3: at most [`S_IDEOGRAPH`], where
/// the line has it already, and with the characters the scan passes unread inside a run,
/// whose [`SKIPPED`] roles are the odd signs' and that bit). A kind is ruled out of a mode
/// when its earlier role pairs with ASCII letters or marks what the other family is, when its
/// later role holds another bit of a single character, or when its later role meets the
/// earlier role of ASCII or of any candidate of the mode.
pub(crate) struct GateQuiet {
    /// The kinds known in each mode.
    pub(crate) kinds: [[bool; 256]; 4],
    /// Earlier-role bits after which a run of the kinds of each mode may not start.
    entry: [u16; 4],
}

impl GateQuiet {
    /// The quiet kinds of the gate among `roles` (see [`GateQuiet`]); `skipped[k]` when
    /// some character of kind `k` is passed unread by the scan inside a run.
    pub(crate) fn build(roles: &[Option<Roles>; 256], skipped: &[bool; 256]) -> GateQuiet {
        let mut kinds = [[false; 256]; 4];
        let mut entry = [0u16; 4];
        let modes = [
            (P_ODD_CYRILLIC, S_OUTSIDE_1252, 0),
            (P_ODD_CYRILLIC, S_OUTSIDE_1252, S_OUTSIDE_1252),
            (P_CYRILLIC_ODD, 0, 0),
            (P_CYRILLIC_ODD, S_IDEOGRAPH, S_IDEOGRAPH),
        ];
        for (mode, (other, seen, allowed)) in modes.into_iter().enumerate() {
            let cand = |r: &Roles| {
                r.first & (P_ODD_LETTER | P_CUE_LETTER | other) == 0 && r.second & SEEN & !seen == 0
            };
            let with_skipped = mode == 3;
            let firsts = roles.iter().flatten().filter(|r| cand(r)).fold(
                A_ASCII | if with_skipped { SKIPPED.first } else { 0 },
                |acc, r| acc | r.first,
            );
            let mut seconds = 0;
            for (k, r) in roles.iter().enumerate() {
                let Some(r) = r.filter(|r| cand(r) && r.second & firsts & !allowed == 0) else {
                    continue;
                };
                if skipped[k] && with_skipped {
                    // Read or passed unread (with [`SKIPPED`] roles), the character adds
                    // nothing the mode does not allow; which of the two earlier roles it
                    // leaves, the scan tells from its neighbour when a run ends at it
                    // ([`Gate::after_unread`]).
                    if SKIPPED.second & firsts & !allowed != 0 {
                        continue;
                    }
                    seconds |= SKIPPED.second;
                }
                kinds[mode][k] = true;
                seconds |= r.second;
            }
            entry[mode] = (seconds | P_ODD_LETTER | P_CUE_LETTER) & !allowed;
        }
        GateQuiet { kinds, entry }
    }
}

impl Gate {
    /// Which kinds of [`GateQuiet`] apply to the line so far, in the letters' family or the
    /// odd signs' (`odd`).
    #[inline(always)]
    pub(crate) fn quiet_mode(&self, odd: bool) -> usize {
        if odd {
            2 + usize::from(self.found & S_IDEOGRAPH != 0)
        } else {
            usize::from(self.found & S_OUTSIDE_1252 != 0)
        }
    }

    /// True when the line has a sign that no later character can take back (all but
    /// [`Signs::latin_letters`]): the rest of the line does not matter to the gate.
    #[inline(always)]
    pub(crate) fn decided(&self) -> bool {
        let f = self.found;
        f & (P_HIGH
            | P_ODD_LETTER
            | P_CUE_LETTER
            | P_CASE
            | P_ODD_CYRILLIC
            | P_CYRILLIC_ODD
            | P_CAPS
            | S_BOX)
            != 0
            || f & S_IDEOGRAPH != 0 && f & P_RUN_START != 0
    }

    /// The gate after a character outside ASCII that the scan passed over unread inside a run
    /// of the gate-quiet characters of mode 3 ([`GateQuiet`]): in a run (so that a CJK character
    /// after it is passed unread too, as [`SKIPPED`]), with an earlier role whose pairs with any
    /// character of the mode add only [`S_IDEOGRAPH`], which the line has already.
    #[inline(always)]
    pub(crate) fn after_unread(&mut self) {
        self.prev = SKIPPED.first;
    }

    /// True when a run of the gate-quiet characters of `mode` (and ASCII) may follow the
    /// character scanned last without adding a sign.
    #[inline(always)]
    pub(crate) fn may_skip(&self, q: &GateQuiet, mode: usize) -> bool {
        self.prev & q.entry[mode] == 0
    }
}

/// A character of the upper half of windows-1252 (not the no-break space).
const HIGH: u16 = 1;
/// ... that stands for a different letter in windows-1250 or ISO-8859-2.
const CENTRAL: u16 = 2;
/// A letter of the judge's words that windows-1252 lacks.
const OUTSIDE_1252: u16 = 4;
/// A Cyrillic letter.
const CYRILLIC: u16 = 8;
/// An upper-case letter.
const UPPER: u16 = 16;
/// A sign that is not common punctuation: not ASCII, not a letter or ideograph, and with a
/// [`symbol_cost`] of 8 bits or more.
const ODD: u16 = 32;
/// Box drawing and blocks.
const BOX: u16 = 64;
/// A CJK character.
const IDEOGRAPH: u16 = 128;
/// A lower-case letter.
const LOWER: u16 = 256;
/// A character whose bytes in GBK, Big5, Shift_JIS or EUC-KR start a UTF-8 sequence: the
/// first character of a run of UTF-8 read as that encoding ([`starts_utf8`]).
const UTF8_START: u16 = 512;
/// A sign or capital that KOI8 or IBM866 make of a windows-1251 apostrophe or dash
/// ([`super::punctuation::is_cue_sign`]).
const CUE: u16 = 1024;
/// The roles [`crate::repair::fastpath::lines`] gives a character it skips without reading it
/// (CJK ideographs, Hangul and the like, never the first of a run): whatever signs such a
/// character could give.
pub(crate) const SKIPPED: Roles = Roles {
    first: P_ODD_CYRILLIC | SEEN,
    second: P_CYRILLIC_ODD | S_IDEOGRAPH,
};

/// The class of `c`, computed.
pub(crate) fn compute_class(c: char) -> u16 {
    if c.is_ascii() {
        return 0;
    }
    let mut class = 0;
    let (word, cyrillic, ideograph) = word_cyrillic_ideograph(c);
    let byte = latin_byte_quick(c);
    if c != '\u{A0}' && byte.is_some() {
        class |= HIGH;
        if central_differs(c) {
            class |= CENTRAL;
        }
    }
    if byte.is_none() && word {
        class |= OUTSIDE_1252;
    }
    if cyrillic {
        class |= CYRILLIC;
    }
    if c.is_uppercase() {
        class |= UPPER;
    }
    if c.is_lowercase() {
        class |= LOWER;
    }
    if !word && !ideograph && symbol_cost(c) >= 8.0 {
        class |= ODD;
    }
    if ('\u{2500}'..='\u{25A0}').contains(&c) {
        class |= BOX;
    }
    if ideograph {
        class |= IDEOGRAPH;
    }
    if starts_utf8(c) {
        class |= UTF8_START;
    }
    if super::punctuation::is_cue_sign(c) {
        class |= CUE;
    }
    class
}

/// True when the bytes of `c` in GBK, Big5, Shift_JIS or EUC-KR (one of the sequences that
/// decode to it) begin a valid UTF-8 sequence: a lead byte, and a continuation byte if there
/// is a second. The first look of [`super::utf8_units`] refuses a run whose first character
/// fails this, so a line none of whose runs begins with such a character has no UTF-8 read as
/// a CJK encoding. Built by decoding the few sequences that qualify.
pub(crate) fn starts_utf8(c: char) -> bool {
    // One bit per code point up to the largest character of the set (the fastpath's table
    // asks for every BMP code point: a bit test, not a search).
    static SET: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    let set = SET.get_or_init(|| {
        use encoding_rs::{BIG5, EUC_KR, GBK, SHIFT_JIS};
        let mut set = Vec::new();
        let mut out = [0u8; 16];
        for enc in [GBK, BIG5, SHIFT_JIS, EUC_KR] {
            let mut one_char = |bytes: &[u8]| {
                let mut decoder = enc.new_decoder_without_bom_handling();
                let (result, read, written) =
                    decoder.decode_to_utf8_without_replacement(bytes, &mut out, true);
                if result != encoding_rs::DecoderResult::InputEmpty || read != bytes.len() {
                    return;
                }
                if let Ok(s) = std::str::from_utf8(&out[..written]) {
                    let mut chars = s.chars();
                    if let (Some(ch), None) = (chars.next(), chars.next()) {
                        let n = ch as usize;
                        if set.len() <= n / 64 {
                            set.resize(n / 64 + 1, 0u64);
                        }
                        set[n / 64] |= 1 << (n % 64);
                    }
                }
            };
            for lead in 0xC2..=0xF4u8 {
                one_char(&[lead]);
                for trail in 0x80..=0xBFu8 {
                    one_char(&[lead, trail]);
                }
            }
        }
        set
    });
    let n = c as usize;
    !c.is_ascii() && set.get(n / 64).is_some_and(|w| w & (1 << (n % 64)) != 0)
}

/// True when the windows-1252 character `c` stands for a different letter in windows-1250 or
/// ISO-8859-2 (è for č, õ for ő, ³ for ł...).
fn central_differs(c: char) -> bool {
    static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = Vec::new();
        for b in 0x80..=0xFFu8 {
            let byte = [b];
            let first = |enc: &'static encoding_rs::Encoding| {
                enc.decode_without_bom_handling_and_without_replacement(&byte)
                    .and_then(|s| s.chars().next())
            };
            // The characters a windows-1252 or Latin-1 reading gives for this byte.
            let readings = [Some(b as char), first(encoding_rs::WINDOWS_1252)];
            for enc in [encoding_rs::WINDOWS_1250, encoding_rs::ISO_8859_2] {
                if let Some(d) = first(enc).filter(|d| d.is_alphabetic()) {
                    t.extend(readings.iter().flatten().filter(|&&r| r != d));
                }
            }
        }
        t.sort_unstable();
        t.dedup();
        t
    });
    table.binary_search(&c).is_ok()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The gate as first written, one character class at a time: the reference the bit masks
    /// of [`Gate`] must agree with.
    fn reference(line: &str) -> Signs {
        let mut s = Signs::default();
        let (mut central, mut outside, mut ideograph, mut run_start) = (false, false, false, false);
        let mut prev = 0u16;
        let mut caps = 0;
        let mut in_run = false;
        for c in line.chars() {
            if c.is_ascii() {
                if prev & (HIGH | ODD) == HIGH | ODD && c.is_ascii_alphabetic() {
                    s.latin_runs = true;
                }
                if prev & CUE != 0 && c.is_ascii_alphabetic() {
                    s.latin_cue = true;
                }
                (prev, caps, in_run) = (0, 0, false);
                continue;
            }
            let class = compute_class(c);
            if class & HIGH != 0 && prev & HIGH != 0 {
                s.latin_runs = true;
            }
            central |= class & CENTRAL != 0;
            outside |= class & OUTSIDE_1252 != 0;
            ideograph |= class & IDEOGRAPH != 0;
            run_start |= !in_run && class & UTF8_START != 0;
            if class & CYRILLIC != 0 && class & UPPER != 0 {
                caps += 1;
                if caps >= 3 || prev & (CYRILLIC | LOWER) == CYRILLIC | LOWER {
                    s.cyrillic = true;
                }
            } else {
                caps = 0;
            }
            if (class & CYRILLIC != 0 && prev & ODD != 0)
                || (class & ODD != 0 && prev & CYRILLIC != 0)
                || class & BOX != 0
            {
                s.cyrillic = true;
            }
            (prev, in_run) = (class, true);
        }
        s.latin_letters = central && !outside;
        s.cjk = ideograph && run_start;
        s
    }

    /// [`corpus_lines`] and every line of every file under tests/data (the corpora, the ftfy
    /// cases, the uchardet texts), for the tests of the pass's shortcuts.
    pub(crate) fn corpus_and_test_data_lines() -> Vec<String> {
        fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("a directory").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    out.extend(text.lines().map(str::to_string));
                }
            }
        }
        let mut lines = corpus_lines();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data"),
            &mut lines,
        );
        lines
    }

    /// The legacy and the mojibake corpora's intact sentences.
    const INTACT: [&str; 2] = [
        include_str!("../../../tests/data/legacy/intact.jsonl"),
        include_str!("../../../tests/data/corpus/intact.jsonl"),
    ];

    /// The legacy and the mojibake corpora's damaged sentences.
    const DAMAGED: [&str; 2] = [
        include_str!("../../../tests/data/legacy/damaged.jsonl"),
        include_str!("../../../tests/data/corpus/damaged.jsonl"),
    ];

    /// The field `key` of each JSON line of `file`.
    fn field_lines<'a>(file: &'a str, key: &'a str) -> impl Iterator<Item = String> + 'a {
        file.lines().map(move |l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            v[key].as_str().expect("a string").to_string()
        })
    }

    /// The intact sentences of the legacy and the mojibake corpora.
    pub(crate) fn intact_corpus_lines() -> impl Iterator<Item = String> {
        INTACT
            .into_iter()
            .flat_map(|file| field_lines(file, "text"))
    }

    pub(crate) fn corpus_lines() -> Vec<String> {
        let mut lines = Vec::new();
        for (intact, damaged) in INTACT.into_iter().zip(DAMAGED) {
            lines.extend(field_lines(intact, "text"));
            lines.extend(field_lines(damaged, "damaged"));
        }
        lines.extend(
            [
                "вОЛГА СССР ООН",
                "РФ и США",
                "x╔═╗",
                "Ж☃",
                "☃Ж",
                "Жא",
                "天Ж",
                "Ж天",
                "中Ж文",
                "¡¯a",
                "a ¡b",
                "见 浣犲ソ",
                "浣犲ソ",
                "€\u{1F600}",
                "\u{20000}\u{20001}",
                "Patel and D▓Alia",
                "Patel and DТAlia",
                "Hubli√Dharwad, ЖТa",
                "Т-shirt",
            ]
            .map(str::to_string),
        );
        lines
    }

    #[test]
    fn masks_agree_with_the_reference() {
        for line in corpus_lines() {
            assert_eq!(Signs::of(&line), reference(&line), "{line:?}");
        }
    }

    /// The scan of all text flags every line that has a sign (and may flag more).
    #[test]
    fn the_fast_scan_flags_every_line_with_a_sign() {
        use crate::repair::fastpath::{Scan, lines};
        for line in corpus_lines() {
            let flagged = lines(&line).iter().any(|(_, s)| s.has(Scan::LEGACY));
            assert!(flagged || Signs::of(&line).none(), "{line:?}");
        }
        // CJK text with nothing in it for the gate is not flagged.
        assert!(!Scan::of("你好，这是日本語").has(Scan::LEGACY));
        assert!(!Scan::of("Straße und Café").has(Scan::LEGACY));
        assert!(Scan::of("Größe").has(Scan::LEGACY)); // öß could be GBK read as Latin-1
        // A windows-1251 apostrophe read as KOI8-R or IBM866 before a letter.
        assert!(Signs::of("Patel and D▓Alia").latin_cue);
        assert!(Signs::of("Patel and DТAlia").latin_cue);
        assert!(Scan::of("Patel and DТAlia").has(Scan::LEGACY));
        assert!(!Signs::of("Т-shirt, Москва").latin_cue);
    }
}
