//! Line rules for chrome. Each rule is a small function with a stable name; [`classify`] runs
//! them in order and returns the name of the first that matches.

use super::chars::{is_alphanumeric, is_numeric};
use super::stoplists::{FastMap, FastSet};
use std::sync::OnceLock;

use regex::Regex;

/// A rule: true when the (trimmed, non-empty) line is chrome.
type Rule = fn(&Line) -> bool;

/// The rules, in the order they are tried: `(name, rule)`.
const RULES: &[(&str, Rule)] = &[
    // Each of the copyright literals has one of these bytes: `y` `Y` (copyright), `v` `V`
    // (reserved), `(` ((c)), A9 (© C2 A9, Щ D0 A9), 89 (版 E7 89 88, щ D1 89), E8 (著).
    ("copyright", |l| {
        l.has_any(b"yYvV(\xA9\x89\xE8") && is_copyright(l.text)
    }),
    // The separators' first bytes: `>`; `»` C2 BB; `›` `→` E2 ...
    ("breadcrumb", |l| {
        l.has_any(b">\xC2\xE2") && is_breadcrumb(l.text)
    }),
    // `|`; `·` C2 B7; `•` E2 80 A2.
    ("menu", |l| l.has_any(b"|\xC2\xE2") && is_menu(l.text)),
    ("controls", |l| is_controls(l.text)),
    ("phrase", is_phrase),
    ("dateline", |l| {
        l.has_any(b"0123456789") && is_dateline(l.text)
    }),
];

/// Rules that give way between content lines (a date under an embedded post, inside the
/// article, stays).
pub const WEAK_RULES: &[&str] = &["dateline"];

/// A line as the rules see it: the trimmed text and the phrase tables it matches (looked up
/// once for all rules).
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// The trimmed line.
    pub text: &'a str,
    /// The phrase tables (chrome phrases, comment markers, related headings) the line matches.
    phrases: u8,
    /// The bytes that occur in the line, as a 256-bit set.
    bytes: [u64; 4],
}

impl<'a> Line<'a> {
    /// Prepare `text` (trimmed) for the rules.
    pub fn new(text: &'a str) -> Line<'a> {
        let text = text.trim();
        let mut bytes = [0u64; 4];
        for &b in text.as_bytes() {
            bytes[usize::from(b >> 6)] |= 1 << (b & 63);
        }
        Line {
            text,
            phrases: PhraseTable::get().phrases_of(text),
            bytes,
        }
    }

    /// True when one of `bytes` occurs in the line (a quick test before a rule's own: a rule
    /// that needs a separator character cannot match a line without its first byte).
    pub fn has_any(&self, bytes: &[u8]) -> bool {
        bytes
            .iter()
            .any(|&b| self.bytes[usize::from(b >> 6)] & (1 << (b & 63)) != 0)
    }
}

/// The name of the rule that classifies `line` as chrome, or `None` for content.
///
/// ```
/// use textmend::strip::rules::classify;
/// assert_eq!(classify("Copyright 2014 Example Ltd. All rights reserved."), Some("copyright"));
/// assert_eq!(classify("Current Position >> News >> Activities"), Some("breadcrumb"));
/// assert_eq!(classify("Add to Favorites | Chinese"), Some("menu"));
/// assert_eq!(classify("Back Print Close"), Some("controls"));
/// assert_eq!(classify("Introduction"), None);
/// ```
pub fn classify(line: &str) -> Option<&'static str> {
    classify_line(&Line::new(line))
}

/// Like [`classify`], for a line already prepared.
pub fn classify_line(line: &Line) -> Option<&'static str> {
    if line.text.is_empty() {
        return None;
    }
    RULES
        .iter()
        .find(|(_, rule)| rule(line))
        .map(|(name, _)| *name)
}

/// A copyright or all-rights-reserved line, short enough not to be a paragraph about copyright.
fn is_copyright(line: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?i)^\W*(copyright\b|©|\(c\)\s*\d{4})|all rights reserved|版权所有|著作権|все права защищены")
            .expect("copyright regex")
    });
    // One pass over the line for the literals the rule needs (most lines have none).
    static LITERALS: OnceLock<Regex> = OnceLock::new();
    let literals = LITERALS.get_or_init(|| {
        Regex::new("opyright|OPYRIGHT|©|\\(c\\)|\\(C\\)|eserved|ESERVED|版权所有|著作権|права защищены|ПРАВА ЗАЩИЩЕНЫ")
            .expect("copyright literals")
    });
    literals.is_match(line) && word_count(line) <= 30 && re.is_match(line)
}

/// A trail of three or more short items joined by `>>`, `>`, `»`, `›` or `→`.
fn is_breadcrumb(line: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    if !line.contains(['>', '»', '›', '→']) {
        return false;
    }
    let re = RE.get_or_init(|| Regex::new(r"\s*(?:>>|»|›|→|>)\s*").expect("breadcrumb regex"));
    let parts: Vec<&str> = re.split(line).map(str::trim).collect();
    parts.len() >= 3
        && parts.iter().filter(|p| !p.is_empty()).count() >= 3
        && parts.iter().all(|p| is_short_item(p, 6))
}

/// Two or more short items separated by `|`, `·` or `•`.
fn is_menu(line: &str) -> bool {
    if !line.contains(['|', '·', '•']) {
        return false;
    }
    let parts: Vec<&str> = line
        .split(['|', '·', '•'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    line.contains(['|', '·', '•']) && parts.len() >= 2 && parts.iter().all(|p| is_short_item(p, 4))
}

/// A line made only of page-control words (print, share, back, close...).
fn is_controls(line: &str) -> bool {
    if line.len() > 80 {
        return false;
    }
    let vocab = controls();
    let mut buf = String::new();
    let mut known = |w: &str| vocab.contains(w, &mut buf);
    if line.len() <= 40 && known(line) {
        return true;
    }
    let mut words = line
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | '/' | '[' | ']'))
        .filter(|w| !w.is_empty());
    let mut n = 0;
    let all = words.all(|w| {
        n += 1;
        known(w)
    });
    all && n >= 2
}

/// A known chrome phrase from `data/chrome_phrases.txt` (cookie notices, share and follow
/// prompts, "related articles", "advertisement"...), in many languages. The line is compared
/// after [`normalize_line`]; an entry ending in ` *` matches a line of at most 12 words that
/// starts with it.
///
/// ```
/// use textmend::strip::rules::classify;
/// assert_eq!(classify("Читайте также:"), Some("phrase"));
/// assert_eq!(classify("Share this article on Facebook"), Some("phrase"));
/// assert_eq!(classify("ADVERTISEMENT"), Some("phrase"));
/// ```
fn is_phrase(line: &Line) -> bool {
    line.phrases & PHRASE != 0
}

/// A heading that opens a comment section (`data/comment_markers.txt`): "Comments",
/// "12 responses to ...", "Leave a reply", "Комментарии", "评论"... The strip stage ends the main
/// content at the first such line after it has begun.
///
/// ```
/// use textmend::strip::rules::is_comments_marker;
/// assert!(is_comments_marker("34 responses to “We needed to win this game”"));
/// assert!(is_comments_marker("Комментарии (5)"));
/// assert!(!is_comments_marker("Comments on the draft law were due in May, as the ministry said."));
/// ```
pub fn is_comments_marker(line: &str) -> bool {
    is_comments_marker_line(&Line::new(line))
}

/// Like [`is_comments_marker`], for a line already prepared.
pub fn is_comments_marker_line(line: &Line) -> bool {
    line.phrases & COMMENTS != 0
}

/// A heading that opens a list of links to other pages (`data/related_headings.txt`): "Related
/// articles", "Most read", "Читайте также", "相关新闻"...
///
/// ```
/// use textmend::strip::rules::is_related_heading;
/// assert!(is_related_heading("You may also like"));
/// assert!(is_related_heading("Most read in world news"));
/// assert!(!is_related_heading("Related work on this question began in 1990."));
/// ```
pub fn is_related_heading(line: &str) -> bool {
    is_related_heading_line(&Line::new(line))
}

/// Like [`is_related_heading`], for a line already prepared.
pub fn is_related_heading_line(line: &Line) -> bool {
    line.phrases & RELATED != 0
}

/// Phrase tables a line can match, as bits of [`Line::phrases`].
const PHRASE: u8 = 1;
const COMMENTS: u8 = 2;
const RELATED: u8 = 4;

/// Whole-line phrases and line prefixes of every phrase file, normalized with
/// [`normalize_line`], each with the bits of the files that hold it.
struct PhraseTable {
    whole: FastMap<String, u8>,
    prefixes: FastMap<String, u8>,
    /// Bit `n` is set when some prefix is `n` bytes long (`n` < 64).
    prefix_lengths: u64,
    /// The first word of every entry.
    first_words: FastSet<String>,
    /// Bytes of the longest of them.
    first_word_max: usize,
}

/// Bytes of the longest first word of a phrase table entry that is kept.
const FIRST_WORD_MAX: usize = 64;

impl PhraseTable {
    /// The table of `data/chrome_phrases.txt`, `data/comment_markers.txt` and
    /// `data/related_headings.txt`.
    fn get() -> &'static PhraseTable {
        static TABLE: OnceLock<PhraseTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            let mut table = PhraseTable {
                whole: FastMap::default(),
                prefixes: FastMap::default(),
                prefix_lengths: 0,
                first_words: FastSet::default(),
                first_word_max: 0,
            };
            for (file, bit) in [
                (include_str!("../../data/chrome_phrases.txt"), PHRASE),
                (include_str!("../../data/comment_markers.txt"), COMMENTS),
                (include_str!("../../data/related_headings.txt"), RELATED),
            ] {
                for entry in data_lines(file) {
                    let (map, text) = match entry.strip_suffix(" *") {
                        Some(p) => (&mut table.prefixes, p),
                        None => (&mut table.whole, entry),
                    };
                    *map.entry(normalize_line(text)).or_default() |= bit;
                }
            }
            for key in table.whole.keys().chain(table.prefixes.keys()) {
                let first = key.split(' ').next().unwrap_or_default();
                table.first_words.insert(first.to_string());
            }
            table.first_word_max = table.first_words.iter().map(String::len).max().unwrap_or(0);
            assert!(
                table.first_word_max <= FIRST_WORD_MAX,
                "a phrase's first word is over {FIRST_WORD_MAX} bytes"
            );
            for key in table.prefixes.keys() {
                table.prefix_lengths |= 1u64.checked_shl(key.len() as u32).unwrap_or(0);
            }
            table
        })
    }

    /// The bits of the tables `line` (trimmed) matches: a phrase is short, so only a line of
    /// at most 12 spaces and 120 characters is compared, after [`normalize_line`] and without
    /// a trailing count ("Comments (12)" is "comments").
    fn phrases_of(&self, line: &str) -> u8 {
        // Most lines start with a word no entry starts with: they are not normalized whole.
        let mut first = [0u8; FIRST_WORD_MAX];
        let mut len = 0;
        let mut fits = true;
        normalized_chars_while(line, |c| {
            if c == ' ' {
                return false;
            }
            fits = len + c.len_utf8() <= self.first_word_max;
            if fits {
                len += c.encode_utf8(&mut first[len..]).len();
            }
            fits
        });
        let first = std::str::from_utf8(&first[..len]).unwrap_or_default();
        if !fits || !self.first_words.contains(first) {
            return 0;
        }
        let short = line.len() <= 480
            && line.bytes().filter(|&b| b == b' ').count() <= 12
            && line.chars().count() <= 120;
        if !short {
            return 0;
        }
        let mut norm = normalize_line(line);
        if norm.ends_with(" 0") {
            norm.truncate(norm.len() - 2);
        }
        self.lookup(&norm)
    }

    /// The bits of the tables in which `norm` (a normalized line of at most 12 words) is a
    /// whole phrase or starts with a prefix.
    fn lookup(&self, norm: &str) -> u8 {
        if norm.is_empty() {
            return 0;
        }
        let whole = self.whole.get(norm).copied().unwrap_or(0);
        norm.match_indices(' ')
            .map(|(k, _)| &norm[..k])
            .chain([norm])
            .filter(|p| p.len() >= 64 || self.prefix_lengths & (1 << p.len()) != 0)
            .filter_map(|p| self.prefixes.get(p))
            .fold(whole, |bits, b| bits | b)
    }
}

/// A line reduced to what identifies it across pages: lower case, every number made `0`,
/// punctuation and symbols dropped, words joined by single spaces.
///
/// ```
/// use textmend::strip::rules::normalize_line;
/// assert_eq!(normalize_line("  Posted: 12 March 2019 | 3 Comments "), "posted 0 march 0 0 comments");
/// assert_eq!(normalize_line("Читайте ТАКЖЕ:"), "читайте также");
/// ```
pub fn normalize_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    normalized_chars(line, |c| out.push(c));
    out
}

/// The characters of [`normalize_line`]`(line)`, one by one, without building the string (for
/// fingerprints).
pub fn normalized_chars(line: &str, mut emit: impl FnMut(char)) {
    normalized_chars_while(line, |c| {
        emit(c);
        true
    });
}

/// Like [`normalized_chars`], until `emit` returns false.
fn normalized_chars_while(line: &str, mut emit: impl FnMut(char) -> bool) {
    let mut any = false;
    let mut space = false;
    let mut digit = false;
    for c in line.chars() {
        if is_alphanumeric(c) {
            if space && any && !emit(' ') {
                return;
            }
            if is_numeric(c) {
                if !digit || space {
                    if !emit('0') {
                        return;
                    }
                    any = true;
                }
                digit = true;
            } else {
                digit = false;
                if c.is_ascii() {
                    if !emit(c.to_ascii_lowercase()) {
                        return;
                    }
                    any = true;
                } else {
                    for l in c.to_lowercase() {
                        if !emit(l) {
                            return;
                        }
                        any = true;
                    }
                }
            }
            space = false;
        } else if c == '\'' || c == '’' {
            // Apostrophes join: "don't" and "dont" are one word.
        } else {
            space = true;
        }
    }
}

/// A short line that is a date, a time or a publication stamp ("Published 18 November 2019",
/// "Nov. 18, 2019 7:04 pm ET", "2019-11-13T23:06:00+01:00", "2019年11月20日 10:43"): at most ten
/// words, no sentence end, a number and a month name (`data/months.txt`) or a numeric date.
///
/// ```
/// use textmend::strip::rules::classify;
/// assert_eq!(classify("Published 18 November 2019"), Some("dateline"));
/// assert_eq!(classify("20 ноября 2019, 10:43"), Some("dateline"));
/// assert_eq!(classify("2019年11月20日 10:43"), Some("dateline"));
/// assert_eq!(classify("Palm Bay 18 22 13 17 — 70"), None);
/// assert_eq!(classify("The vote is set for May 3."), None);
/// ```
pub fn is_dateline(line: &str) -> bool {
    static NUMERIC: OnceLock<Regex> = OnceLock::new();
    if line.len() > 120 || !line.bytes().any(|b| b.is_ascii_digit()) || word_count(line) > 10 {
        return false;
    }
    if super::features::sentence_end(line) && !line.ends_with(':') {
        return false;
    }
    // Every numeric date has a separator: `-`, `.`, `/` or `月`.
    if !line.bytes().any(|b| matches!(b, b'-' | b'.' | b'/')) && !line.contains('月') {
        return is_month_line(line);
    }
    let numeric = NUMERIC.get_or_init(|| {
        Regex::new(r"\b\d{4}[-./]\d{1,2}[-./]\d{1,2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{4}\b|\d{4}年\d{1,2}月|\d{1,2}月\d{1,2}日")
            .expect("numeric date regex")
    });
    numeric.is_match(line) || is_month_line(line)
}

/// True when a word of `line` is a month name (`data/months.txt`).
fn is_month_line(line: &str) -> bool {
    static MONTHS: OnceLock<Vocabulary> = OnceLock::new();
    let months = MONTHS.get_or_init(|| Vocabulary::new(include_str!("../../data/months.txt")));
    let mut buf = String::new();
    super::stoplists::words(line).any(|w| months.contains(w, &mut buf))
}

/// A menu or trail item: at most `max_words` words and no sentence end.
fn is_short_item(item: &str, max_words: usize) -> bool {
    word_count(item) <= max_words && !item.ends_with(['.', '!', '?', '。', '！', '？'])
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// The page-control vocabulary from `data/controls.txt`.
fn controls() -> &'static Vocabulary {
    static SET: OnceLock<Vocabulary> = OnceLock::new();
    SET.get_or_init(|| Vocabulary::new(include_str!("../../data/controls.txt")))
}

/// The entries of a data file (lower case), looked up in lower case.
struct Vocabulary {
    entries: FastSet<&'static str>,
    /// Characters in the longest entry.
    longest: usize,
}

impl Vocabulary {
    fn new(file: &'static str) -> Vocabulary {
        let entries: FastSet<&'static str> = data_lines(file).collect();
        let longest = entries.iter().map(|e| e.chars().count()).max().unwrap_or(0);
        Vocabulary { entries, longest }
    }

    /// True when `text` lower-cased (character by character, into `buf`) is an entry.
    ///
    /// Lower-casing never makes a text shorter in characters, so a text longer than the
    /// longest entry is none, and an ASCII text is lower-cased by bytes.
    fn contains(&self, text: &str, buf: &mut String) -> bool {
        if text.len() > 4 * self.longest || text.chars().count() > self.longest {
            return false;
        }
        buf.clear();
        if text.is_ascii() {
            buf.push_str(text);
            buf.make_ascii_lowercase();
        } else {
            buf.extend(text.chars().flat_map(char::to_lowercase));
        }
        self.entries.contains(buf.as_str())
    }
}

/// The entries of a data file: non-empty lines that are not `#` comments, trimmed.
pub fn data_lines(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_compared_in_lower_case() {
        for line in [
            "BACK PRINT",
            "Назад Печать",
            "НАЗАД / ЗАКРЫТЬ",
            "Schließen",
            "ZURÜCK",
        ] {
            assert_eq!(classify(line), Some("controls"), "{line}");
        }
        assert_eq!(classify("Back Print Everything"), None);
    }

    #[test]
    fn only_lines_with_a_separator_are_menus_or_trails() {
        let line = Line::new("Home » News » World");
        assert!(line.has_any(b"\xC2") && !line.has_any(b"|>"));
        assert_eq!(classify_line(&line), Some("breadcrumb"));
        assert_eq!(classify("Home → News → World"), Some("breadcrumb"));
        assert_eq!(classify("News · Sport"), Some("menu"));
        assert_eq!(classify("News Sport"), None);
    }

    #[test]
    fn content_lines_stay() {
        for line in [
            "We believe that NGOs can play a unique role in building bridges.",
            "I. Governments and NGOs carry out various kinds of exchange activities.",
            "Results",
            "x > 3 and y > 4 and z > 5 in every case we tested, which is why we stopped.",
            "Print",
        ] {
            if line == "Print" {
                // A lone control word is chrome.
                assert_eq!(classify(line), Some("controls"));
            } else {
                assert_eq!(classify(line), None, "{line}");
            }
        }
    }
}
