//! How much a piece of text looks like mojibake.
//!
//! The detector is data (`data/badness.txt`, taken from ftfy by Robyn Speer): named categories
//! of the few hundred characters that UTF-8 mojibake is made of (`c1`, `bad`, `currency`,
//! `lower_accented`, `box`...), and rules, each a short sequence of categories that is far more
//! likely to be mojibake than intended text, such as a lowercase accented letter followed by a
//! currency sign. [`badness`] counts rule matches; [`is_bad`] says whether there is one.
//!
//! The same data gives a cheap prefilter: every rule needs two adjacent characters of given
//! categories (its *anchor pair*) or a C1 control, so [`Pairs`] flags a text without running
//! the expression over it.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

const DATA: &str = include_str!("../../data/badness.txt");

/// The parsed data file.
struct Data {
    categories: HashMap<String, String>,
    rules: Vec<String>,
    clues: HashMap<String, String>,
}

fn data() -> &'static Data {
    static DATA_CELL: OnceLock<Data> = OnceLock::new();
    DATA_CELL.get_or_init(|| {
        let mut d = Data {
            categories: HashMap::new(),
            rules: Vec::new(),
            clues: HashMap::new(),
        };
        for line in DATA.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (kind, rest) = line.split_once(' ').expect("badness.txt: kind");
            match kind {
                "rule" => d.rules.push(rest.to_string()),
                "category" | "clue" => {
                    let (name, chars) = rest.split_once(' ').expect("badness.txt: name");
                    let map = if kind == "category" {
                        &mut d.categories
                    } else {
                        &mut d.clues
                    };
                    map.insert(name.to_string(), chars.to_string());
                }
                other => panic!("badness.txt: unknown line kind {other}"),
            }
        }
        d
    })
}

/// Replace every `{name}` in `template` with the characters of category `name`.
fn expand(template: &str, names: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(template.len() * 4);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        // `\x{20}` is an escape, not a category.
        if rest[..open].ends_with("\\x") {
            let close = rest[open..].find('}').unwrap() + open;
            out.push_str(&rest[..=close]);
            rest = &rest[close + 1..];
            continue;
        }
        let close = rest[open..].find('}').unwrap() + open;
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        out.push_str(
            names
                .get(name)
                .unwrap_or_else(|| panic!("unknown category {name}")),
        );
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

fn badness_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let d = data();
        let alternatives: Vec<String> = d
            .rules
            .iter()
            .map(|r| format!("(?:{})", expand(r, &d.categories)))
            .collect();
        Regex::new(&alternatives.join("|")).expect("badness rules compile")
    })
}

/// The number of suspicious sequences in `text` (0 for text that does not look like mojibake).
///
/// ```
/// use textmend::repair::badness::badness;
/// assert_eq!(badness("Le café est prêt."), 0);
/// assert!(badness("Le cafÃ© est prÃªt.") > 0);
/// ```
pub fn badness(text: &str) -> usize {
    if !may_match(text) {
        return 0;
    }
    badness_re().find_iter(text).count()
}

/// True when `text` holds at least one suspicious sequence.
///
/// ```
/// use textmend::repair::badness::is_bad;
/// assert!(!is_bad("NÃO SÃO PAULO"));
/// assert!(is_bad("â€œquotedâ€\u{9d}"));
/// ```
pub fn is_bad(text: &str) -> bool {
    may_match(text) && badness_re().is_match(text)
}

/// [`is_bad`] of a text known to hold an anchor pair of a rule or a C1 control (its
/// [`Matched::may_be_bad`], or that of a prefix of it, holds): the prefilter, which would walk
/// the text again to find what is known, is skipped. (The prefilter only says no where no rule
/// can match, so the answer is `is_bad`'s.)
pub(crate) fn is_bad_past_prefilter(text: &str) -> bool {
    debug_assert!(may_match(text));
    badness_re().is_match(text)
}

/// The prefilter at byte speed: false when no rule can match `text` (no anchor pair of
/// [`Pairs`] and no C1 control).
#[inline]
fn may_match(text: &str) -> bool {
    super::fastpath::first_suspicious(text.as_bytes(), Pairs::get()).is_some()
}

/// The UTF-8 clue category `name` as a regex class body.
pub(crate) fn clue(name: &str) -> &'static str {
    data().clues.get(name).map(String::as_str).unwrap_or("")
}

/// Sequences that look like UTF-8 read as a single-byte code page: a lead character followed by
/// the right number of continuation characters, repeated (ftfy's `UTF8_DETECTOR_RE` without its
/// look-behind, which [`utf8_sequences`] applies).
fn utf8_detector() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let c = data();
        let cont = &c.clues["utf8_continuation"];
        // The space stands for a byte A0 that became one, and the transcoder restores at
        // most one per sequence: a lead followed by two or more spaces is no sequence (else
        // `мир   ã\u{81}“` swallows the spaces into a span that cannot be fixed, where
        // `мир ã\u{81}“` leaves them out).
        let one = cont.replacen("\\x{20}", "", 1);
        assert_ne!(&one, cont, "the continuation clue holds the space");
        let pattern = format!(
            "(?:[{f2}][{cont}]|[{f3}](?:[{cont}][{one}]|[{one}] )\
             |[{f4}](?:[{cont}][{one}]{{2}}|[{one}] [{one}]|[{one}]{{2}} ))+",
            f2 = c.clues["utf8_first_of_2"],
            f3 = c.clues["utf8_first_of_3"],
            f4 = c.clues["utf8_first_of_4"],
        );
        Regex::new(&pattern).expect("utf-8 detector compiles")
    })
}

fn strict_continuation() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!("^[{}]$", clue("utf8_continuation_strict"))).expect("class compiles")
    })
}

/// Byte ranges of `text` that look like UTF-8 mojibake and do not directly follow a
/// continuation character (so that a few characters in the middle of a large garble are not
/// "fixed" on their own).
///
/// ```
/// use textmend::repair::badness::utf8_sequences;
/// let t = "caf\u{e9} and cafÃ©";
/// let r = utf8_sequences(t);
/// assert_eq!(&t[r[0].clone()], "Ã©");
/// ```
pub fn utf8_sequences(text: &str) -> Vec<std::ops::Range<usize>> {
    let re = utf8_detector();
    let strict = strict_continuation();
    let mut out = Vec::new();
    let mut pos = 0;
    while pos <= text.len() {
        let Some(m) = re.find_at(text, pos) else {
            break;
        };
        let prev = text[..m.start()].chars().next_back();
        if let Some(p) = prev {
            let mut buf = [0u8; 4];
            if strict.is_match(p.encode_utf8(&mut buf)) {
                // The look-behind fails here: try again one character later.
                pos = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
        }
        out.push(m.range());
        pos = if m.end() > m.start() {
            m.end()
        } else {
            m.end() + 1
        };
    }
    out
}

/// One element of a rule, as far as the prefilter needs it.
#[derive(Debug, Clone)]
enum Atom {
    /// A set of characters (ranges), possibly negated.
    Set(Vec<(char, char)>, bool),
    /// Anything else (`\s`, `\w`, `.`, `^`): never part of an anchor pair.
    Other,
}

impl Atom {
    fn contains(&self, c: char) -> bool {
        match self {
            Atom::Set(ranges, negated) => ranges.iter().any(|&(a, b)| a <= c && c <= b) != *negated,
            Atom::Other => false,
        }
    }
    /// Set `bit` in `table[cp]` for every code point `cp` below the table's end that the
    /// atom contains: the same as calling [`Atom::contains`] on each, walking the atom's
    /// ranges instead of testing every code point against every range.
    fn mark(&self, table: &mut [u64], bit: u64) {
        let Atom::Set(ranges, negated) = self else {
            return;
        };
        let end = table.len() as u32;
        let mut inside = vec![false; table.len()];
        for &(a, b) in ranges {
            for cp in (a as u32)..=(b as u32).min(end.saturating_sub(1)) {
                inside[cp as usize] = true;
            }
        }
        for (cp, slot) in table.iter_mut().enumerate() {
            if inside[cp] != *negated && char::from_u32(cp as u32).is_some() {
                *slot |= bit;
            }
        }
    }

    fn has_ascii(&self) -> bool {
        match self {
            Atom::Set(ranges, negated) => *negated || ranges.iter().any(|&(a, _)| a.is_ascii()),
            Atom::Other => true,
        }
    }
}

/// Read one character of a rule, decoding `\x{HEX}` and `\xHH`.
fn read_char(chars: &mut std::iter::Peekable<std::str::Chars>) -> Option<char> {
    let c = chars.next()?;
    if c != '\\' {
        return Some(c);
    }
    match chars.next()? {
        'x' => {
            let mut hex = String::new();
            if chars.peek() == Some(&'{') {
                chars.next();
                for h in chars.by_ref() {
                    if h == '}' {
                        break;
                    }
                    hex.push(h);
                }
            } else {
                hex.push(chars.next()?);
                hex.push(chars.next()?);
            }
            char::from_u32(u32::from_str_radix(&hex, 16).ok()?)
        }
        other => Some(other),
    }
}

/// Split an expanded rule into atoms. `?` makes the previous atom [`Atom::Other`].
fn atoms(rule: &str) -> Vec<Atom> {
    let mut out = Vec::new();
    let mut chars = rule.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            '[' => {
                chars.next();
                let negated = chars.peek() == Some(&'^');
                if negated {
                    chars.next();
                }
                let mut ranges = Vec::new();
                while chars.peek().is_some_and(|&c| c != ']') {
                    let a = read_char(&mut chars).unwrap();
                    if chars.peek() == Some(&'-') {
                        chars.next();
                        let b = read_char(&mut chars).unwrap();
                        ranges.push((a, b));
                    } else {
                        ranges.push((a, a));
                    }
                }
                chars.next();
                out.push(Atom::Set(ranges, negated));
            }
            '\\' => {
                let mut probe = chars.clone();
                probe.next();
                if probe.peek() == Some(&'x') {
                    let ch = read_char(&mut chars).unwrap();
                    out.push(Atom::Set(vec![(ch, ch)], false));
                } else {
                    chars.next();
                    chars.next();
                    out.push(Atom::Other);
                }
            }
            '?' | '*' => {
                chars.next();
                if let Some(last) = out.last_mut() {
                    *last = Atom::Other;
                }
            }
            '.' | '^' => {
                chars.next();
                out.push(Atom::Other);
            }
            _ => {
                chars.next();
                out.push(Atom::Set(vec![(c, c)], false));
            }
        }
    }
    out
}

/// The prefilter: for each rule, its anchor pair (the first two adjacent atoms whose first has
/// no ASCII character), and for each code page, the pair (character of a UTF-8 lead byte,
/// character of a continuation byte). Text in which no adjacent pair of characters matches an
/// anchor pair, and that holds no C1 control, matches no rule and holds no UTF-8 read as a
/// code page.
///
/// The masks are computed by `Pairs::compute` from `data/badness.txt` and the code pages, and
/// shipped in `data/generated/pairs-*.bin` (see [`crate::generated`]).
pub struct Pairs {
    /// First-role mask of each code point below [`TABLE_END`] (u64 little-endian).
    first: &'static [[u8; 8]],
    /// Second-role mask of each code point below [`TABLE_END`] (u64 little-endian).
    second: &'static [[u8; 8]],
    /// First-role and second-role masks of the few characters above the table.
    high: Vec<(char, u64, u64)>,
    /// Second-role mask of every other character above the table (from negated sets).
    high_second: u64,
    /// The bit of the first code page's pair (the rules' pairs come before).
    page_shift: u32,
}

/// What [`Pairs::matched`] found in a text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Matched {
    /// The union of the masks of every adjacent pair.
    pairs: u64,
    /// The text holds a C1 control.
    c1: bool,
    /// The first bit of the code pages' pairs.
    page_shift: u32,
    /// The code pages that have every character outside ASCII of the text walked (bit `i`:
    /// the page at index `i` of [`code_pages`](super::codepages::code_pages)).
    pages: u32,
}

impl Matched {
    /// True when nothing was found: no rule matches, no code page reads a UTF-8 sequence.
    pub fn is_empty(&self) -> bool {
        self.pairs == 0 && !self.c1
    }

    /// True when a badness rule may match (a rule's anchor pair or a C1 control).
    pub fn may_be_bad(&self) -> bool {
        self.c1 || self.pairs & ((1u64 << self.page_shift) - 1) != 0
    }

    /// True when the text holds a (lead byte, continuation byte) pair of the code page at
    /// `index` of [`code_pages`](super::codepages::code_pages): without one, the text encoded in
    /// that code page holds no multi-byte UTF-8 sequence.
    pub fn has_sequence_of(&self, index: usize) -> bool {
        self.pairs & (1u64 << (self.page_shift as usize + index)) != 0
    }

    /// The code pages (bit `i`: the page at index `i` of
    /// [`code_pages`](super::codepages::code_pages)) of which the text holds a (lead byte,
    /// continuation byte) pair ([`Matched::has_sequence_of`] of each).
    pub(crate) fn sequence_pages(&self) -> u32 {
        let n = super::codepages::code_pages().len();
        (self.pairs >> self.page_shift) as u32 & ((1u32 << n) - 1)
    }

    /// True when a code page with a sequence pair in the text ([`Matched::sequence_pages`])
    /// cannot encode the whole of `text` (the text this was found in, walked whole): one of
    /// them lacks one of its characters, or it holds a byte 0x1A (which no page encodes).
    pub(crate) fn a_sequence_page_cannot_encode(&self, text: &str) -> bool {
        let sequences = self.sequence_pages();
        sequences != 0
            && (sequences & !self.pages != 0 || memchr::memchr(0x1A, text.as_bytes()).is_some())
    }

    /// True when what was found is a whole match of a rule by itself, so that the text is bad
    /// ([`is_bad`]) without the expression: a C1 control (the rule of one atom, the C1
    /// controls), or the anchor pair of a rule that is its anchor pair and nothing more (two
    /// sets of characters, such as `[{box}][{end_punctuation}]`, [`rules_of_their_pair`]).
    /// Held to the expression by `a_rule_of_its_pair_alone_is_a_match`.
    pub(crate) fn is_a_match(&self) -> bool {
        let (c1_rule, pair_rules) = rules_of_their_pair();
        self.c1 && c1_rule || self.pairs & pair_rules != 0
    }
}

/// True when `rule` (a template of `badness.txt`) holds nothing outside its sets (`[...]`,
/// whose `{name}`s are categories) but literal characters: no escape, class, quantifier,
/// alternation, group or assertion, which [`atoms`] reads only as far as the prefilter needs.
fn literal(rule: &str) -> bool {
    let mut in_set = false;
    rule.chars().all(|c| match c {
        '[' if !in_set => {
            in_set = true;
            true
        }
        ']' if in_set => {
            in_set = false;
            true
        }
        _ => in_set || !"\\|()+*?{}$^.[]".contains(c),
    })
}

/// Which rules match exactly where their anchor pair is found: whether a rule is the C1
/// controls alone (`[\x{80}-\x{9F}]`, what [`Matched`]'s `c1` records), and the anchor bits
/// (see [`anchors`]) of the rules made of their anchor pair alone, two sets of characters
/// neither negated (the pair masks tell membership of such sets exactly; a rule with context,
/// such as `\s[{upper_accented}][{currency}]`, is not one).
fn rules_of_their_pair() -> (bool, u64) {
    static RULES: OnceLock<(bool, u64)> = OnceLock::new();
    *RULES.get_or_init(|| {
        let d = data();
        let (mut c1_rule, mut pair_rules) = (false, 0u64);
        // (The anchor bits count the rules with a pair, in order, as `anchors` does.)
        let mut bit = 0;
        for rule in &d.rules {
            let a = atoms(&expand(rule, &d.categories));
            let plain = |atom: &Atom| matches!(atom, Atom::Set(_, false));
            let has_pair = (0..a.len().saturating_sub(1))
                .any(|i| matches!(a[i], Atom::Set(_, false)) && !a[i].has_ascii());
            if !has_pair {
                c1_rule |=
                    matches!(&a[..], [Atom::Set(r, false)] if r[..] == [('\u{80}', '\u{9f}')]);
                continue;
            }
            if a.len() == 2 && plain(&a[0]) && !a[0].has_ascii() && plain(&a[1]) && literal(rule) {
                pair_rules |= 1 << bit;
            }
            bit += 1;
        }
        (c1_rule, pair_rules)
    })
}

/// Code points below this have a direct entry in the prefilter tables.
pub const TABLE_END: u32 = 0x2600;

/// The anchor pairs of the prefilter: for each badness rule, its first two-atom step with a
/// non-ASCII first atom; then, for each code page, a lead byte's character followed by a
/// continuation byte's (UTF-8 read as that code page).
fn anchors() -> Vec<(Atom, Atom)> {
    let d = data();
    let mut anchors: Vec<(Atom, Atom)> = Vec::new();
    for rule in &d.rules {
        let a = atoms(&expand(rule, &d.categories));
        let pair = (0..a.len().saturating_sub(1))
            .find(|&i| matches!(a[i], Atom::Set(_, false)) && !a[i].has_ascii())
            .map(|i| (a[i].clone(), a[i + 1].clone()));
        match pair {
            Some(p) => anchors.push(p),
            // A rule of one atom (C1 controls): handled by `is_c1` in the scan.
            None => assert!(a.len() == 1, "rule without an anchor pair: {rule}"),
        }
    }
    // UTF-8 read as a code page: a lead byte's character followed by a continuation byte's.
    for cp in super::codepages::code_pages() {
        let set = |bytes: std::ops::RangeInclusive<u8>| {
            Atom::Set(bytes.map(|b| cp.char(b)).map(|c| (c, c)).collect(), false)
        };
        anchors.push((set(0xC2..=0xF4), set(0x80..=0xBF)));
    }
    assert!(anchors.len() <= 64, "too many rules for a u64 mask");
    anchors
}

/// The shipped masks of [`Pairs`], by file name: the first-role and the second-role masks of
/// each code point below [`TABLE_END`] (u64 little-endian), and the rest: the second-role mask
/// of other characters above the table (u64), the bit of the first code page's pair (u32),
/// then each character above the table with masks (code point as u32, first-role and
/// second-role masks as u64, little-endian).
const SHIPPED_PAIRS: [(&str, &[u8]); 3] = [
    (
        "pairs-first.bin",
        include_bytes!("../../data/generated/pairs-first.bin"),
    ),
    (
        "pairs-second.bin",
        include_bytes!("../../data/generated/pairs-second.bin"),
    ),
    (
        "pairs-high.bin",
        include_bytes!("../../data/generated/pairs-high.bin"),
    ),
];

impl Pairs {
    /// The shipped masks, checked for shape.
    fn load() -> Pairs {
        let [first, second, high] = SHIPPED_PAIRS.map(|(_, bytes)| bytes);
        Pairs::from_bytes(first, second, high)
    }

    /// The masks as computed now rather than shipped, for computing the tables that are built
    /// from them (their bytes are leaked: for the table generator and tests only).
    pub(crate) fn computed() -> Pairs {
        let [first, second, high] = Pairs::compute().map(|b| &*Vec::leak(b));
        Pairs::from_bytes(first, second, high)
    }

    /// The masks in the bytes of the files of [`SHIPPED_PAIRS`], checked for shape.
    fn from_bytes(first: &'static [u8], second: &'static [u8], high: &'static [u8]) -> Pairs {
        use crate::generated::le_u64;
        let [(first_name, _), (second_name, _), (high_name, _)] = SHIPPED_PAIRS;
        let stale = |name: &str| -> ! {
            panic!(
                "data/generated/{name} is malformed: run `cargo run --release --example gen_tables`"
            )
        };
        let table = |bytes: &'static [u8], name: &str| match bytes.as_chunks::<8>() {
            (t, []) if t.len() == TABLE_END as usize => t,
            _ => stale(name),
        };
        let (first, second) = (table(first, first_name), table(second, second_name));
        let Some((head, entries)) = high.split_at_checked(12) else {
            stale(high_name)
        };
        let (entries, []) = entries.as_chunks::<20>() else {
            stale(high_name)
        };
        let high = entries
            .iter()
            .map(|e| {
                let cp = u32::from_le_bytes([e[0], e[1], e[2], e[3]]);
                let c = char::from_u32(cp).unwrap_or_else(|| stale(high_name));
                (c, le_u64(e, 4), le_u64(e, 12))
            })
            .collect();
        Pairs {
            first,
            second,
            high,
            high_second: le_u64(head, 0),
            page_shift: u32::from_le_bytes([head[8], head[9], head[10], head[11]]),
        }
    }

    /// The masks computed from the badness rules and the code pages, as the bytes of the files
    /// of [`SHIPPED_PAIRS`].
    fn compute() -> [Vec<u8>; 3] {
        let anchors = anchors();
        let page_shift = (anchors.len() - super::codepages::code_pages().len()) as u32;
        let mut first = vec![0u64; TABLE_END as usize];
        let mut second = vec![0u64; TABLE_END as usize];
        for (i, (a, b)) in anchors.iter().enumerate() {
            a.mark(&mut first, 1 << i);
            b.mark(&mut second, 1 << i);
        }
        let mut high_second = 0u64;
        for (i, (_, b)) in anchors.iter().enumerate() {
            if matches!(b, Atom::Set(_, true)) {
                high_second |= 1 << i;
            }
        }
        let mut high: Vec<(char, u64, u64)> = Vec::new();
        for (a, b) in &anchors {
            for atom in [a, b] {
                if let Atom::Set(ranges, false) = atom {
                    for &(x, y) in ranges {
                        for cp in (x as u32).max(TABLE_END)..=(y as u32) {
                            if let Some(c) = char::from_u32(cp)
                                && !high.iter().any(|&(h, _, _)| h == c)
                            {
                                high.push((c, 0, 0));
                            }
                        }
                    }
                }
            }
        }
        for entry in &mut high {
            for (i, (a, b)) in anchors.iter().enumerate() {
                if a.contains(entry.0) {
                    entry.1 |= 1 << i;
                }
                if b.contains(entry.0) {
                    entry.2 |= 1 << i;
                }
            }
        }
        let bytes = |t: Vec<u64>| t.iter().flat_map(|m| m.to_le_bytes()).collect();
        let mut rest = high_second.to_le_bytes().to_vec();
        rest.extend(page_shift.to_le_bytes());
        for (c, f, s) in high {
            rest.extend((c as u32).to_le_bytes());
            rest.extend(f.to_le_bytes());
            rest.extend(s.to_le_bytes());
        }
        [bytes(first), bytes(second), rest]
    }

    /// The masks, computed and shipped, for [`crate::generated::files`].
    pub(crate) fn generated_files() -> Vec<crate::generated::File> {
        crate::generated::paired(Pairs::compute(), &SHIPPED_PAIRS)
    }

    /// First-role mask of a code point below [`TABLE_END`].
    #[inline(always)]
    pub(crate) fn first_table(&self, cp: u32) -> u64 {
        u64::from_le_bytes(self.first[cp as usize])
    }

    /// Second-role mask of a code point below [`TABLE_END`].
    #[inline(always)]
    pub(crate) fn second_table(&self, cp: u32) -> u64 {
        u64::from_le_bytes(self.second[cp as usize])
    }

    /// The bits of the rules' anchor pairs (the code pages' pairs come after them).
    #[cfg(test)]
    pub(crate) fn rule_bits(&self) -> u64 {
        (1u64 << self.page_shift) - 1
    }

    /// The shared prefilter.
    pub fn get() -> &'static Pairs {
        static PAIRS: OnceLock<Pairs> = OnceLock::new();
        PAIRS.get_or_init(Pairs::load)
    }

    /// First-role mask of `c`.
    #[inline]
    pub fn first(&self, c: char) -> u64 {
        let cp = c as u32;
        if cp < TABLE_END {
            u64::from_le_bytes(self.first[cp as usize])
        } else {
            self.high_lookup(c).map_or(0, |(f, _)| f)
        }
    }

    /// Second-role mask of `c`.
    #[inline]
    pub fn second(&self, c: char) -> u64 {
        let cp = c as u32;
        if cp < TABLE_END {
            u64::from_le_bytes(self.second[cp as usize])
        } else {
            self.high_lookup(c).map_or(0, |(_, s)| s) | self.high_second
        }
    }

    #[cold]
    fn high_lookup(&self, c: char) -> Option<(u64, u64)> {
        self.high
            .iter()
            .find(|&&(h, _, _)| h == c)
            .map(|&(_, f, s)| (f, s))
    }

    /// Every anchor pair of `text` (rules' and code pages'), and whether it holds a C1 control.
    ///
    /// ```
    /// use textmend::repair::badness::Pairs;
    /// let m = Pairs::get().matched("ђурђевак і Україна");
    /// assert!(!m.may_be_bad());
    /// assert!(Pairs::get().matched("cafÃ©").may_be_bad());
    /// assert!(Pairs::get().matched("Ελληνικά").is_empty());
    /// ```
    pub fn matched(&self, text: &str) -> Matched {
        let (pairs, c1, pages) = super::fastpath::pair_masks_and_pages(text.as_bytes(), self);
        Matched {
            pairs,
            c1,
            page_shift: self.page_shift,
            pages,
        }
    }

    /// [`Pairs::matched`] of `text`, or of a prefix of it that may already match a rule: the
    /// walk stops at the first rule's anchor pair or C1 control. The second value is true when
    /// the walk reached the end (the answer is then `matched(text)`); when it is false,
    /// [`Matched::may_be_bad`] holds for the prefix, so for `text`.
    pub(crate) fn matched_until_bad(&self, text: &str) -> (Matched, bool) {
        let rules = (1u64 << self.page_shift) - 1;
        let (pairs, c1, whole, pages) =
            super::fastpath::pair_masks_until(text.as_bytes(), self, rules);
        let matched = Matched {
            pairs,
            c1,
            page_shift: self.page_shift,
            pages,
        };
        (matched, whole)
    }

    /// True when `text` may match a rule: it holds a C1 control or an anchor pair.
    ///
    /// ```
    /// use textmend::repair::badness::Pairs;
    /// assert!(!Pairs::get().may_be_bad("Ελληνικά, русский, 中文, café"));
    /// assert!(Pairs::get().may_be_bad("cafÃ©"));
    /// ```
    pub fn may_be_bad(&self, text: &str) -> bool {
        let mut prev_first = 0u64;
        for c in text.chars() {
            if ('\u{80}'..='\u{9f}').contains(&c) || prev_first & self.second(c) != 0 {
                return true;
            }
            prev_first = if c.is_ascii() { 0 } else { self.first(c) };
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_of_its_pair_alone_is_a_match() {
        let (c1_rule, pair_rules) = rules_of_their_pair();
        assert!(c1_rule);
        assert!(pair_rules.count_ones() >= 10, "{pair_rules:b}");
        // Every character of every category (and ASCII, and some others), in every pair: a
        // pair that `is_a_match` takes for a match is one for the expression.
        let d = data();
        let mut alphabet: Vec<char> = (' '..='~')
            .chain(['\u{a0}', 'é', 'я', '中', '😀'])
            .collect();
        for name in d.categories.keys() {
            if let [Atom::Set(ranges, _)] =
                &atoms(&expand(&format!("[{{{name}}}]"), &d.categories))[..]
            {
                for &(a, b) in ranges {
                    alphabet.extend((a..=b).take(400));
                }
            }
        }
        alphabet.sort_unstable();
        alphabet.dedup();
        let (mut matches, mut bad) = (0, 0);
        for &x in &alphabet {
            for &y in &alphabet {
                let text = format!("{x}{y}");
                let found = Pairs::get().matched(&text).is_a_match();
                let is = badness_re().is_match(&text);
                assert!(!found || is, "{text:?}");
                matches += usize::from(found);
                bad += usize::from(is);
            }
        }
        // (Most pairs the expression finds bad are such matches.)
        assert!(matches * 2 > bad, "{matches} of {bad}");
    }

    #[test]
    fn every_rule_compiles_and_has_an_anchor() {
        let _ = badness_re();
        let _ = Pairs::get();
        assert!(data().rules.len() > 30);
    }

    #[test]
    fn tables_marked_by_ranges_equal_every_code_point_tested() {
        let pairs = Pairs::get();
        let anchors = anchors();
        for cp in 0..TABLE_END {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let (mut first, mut second) = (0u64, 0u64);
            for (i, (a, b)) in anchors.iter().enumerate() {
                if a.contains(c) {
                    first |= 1 << i;
                }
                if b.contains(c) {
                    second |= 1 << i;
                }
            }
            assert_eq!(pairs.first_table(cp), first, "first role of {c:?}");
            assert_eq!(pairs.second_table(cp), second, "second role of {c:?}");
        }
    }

    #[test]
    fn prefilter_sees_what_the_rules_see() {
        for s in [
            "â€œ",
            "Ã ",
            "xÂ ",
            "œ.",
            "Р\u{98}С",
            "вЂ",
            "√≠",
            "Ã¼",
            "\u{85}",
            "Β¢Γ",
        ] {
            assert!(is_bad(s), "{s}");
            assert!(Pairs::get().may_be_bad(s), "{s}");
        }
    }
}
