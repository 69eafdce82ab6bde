//! Character-level repairs: HTML character references in text that is not HTML, terminal
//! escapes, C1 controls, stray control characters, and the optional cleanups (straight quotes,
//! Latin ligatures, fullwidth forms). One function per repair, each proposing [`Edit`]s.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use super::codepages::code_page;
use crate::changes::{Edit, Reason};
use crate::config::RepairConfig;

/// The shipped table of named character references (see [`crate::generated`]): an entry per
/// name, sorted by name (the start of the name and the start of its characters in the text,
/// u32 little-endian; a last entry holds the text's length twice), and the text.
const ENTITIES: [(&str, &[u8]); 2] = [
    (
        "html-entities-index.bin",
        include_bytes!("../../data/generated/html-entities-index.bin"),
    ),
    (
        "html-entities-text.bin",
        include_bytes!("../../data/generated/html-entities-text.bin"),
    ),
];

/// The characters of the named character reference `name` (without `&` and `;`), read from
/// the shipped table by binary search.
fn entity(name: &str) -> Option<&'static str> {
    let [(index_name, index), (_, text)] = ENTITIES;
    let (entries, []) = index.as_chunks::<8>() else {
        panic!(
            "data/generated/{index_name} is malformed: run `cargo run --release --example gen_tables`"
        )
    };
    let at = |e: &[u8; 8], half: usize| {
        u32::from_le_bytes(e[4 * half..4 * half + 4].try_into().expect("four bytes")) as usize
    };
    let names = entries.len().checked_sub(1)?;
    let n = entries[..names]
        .binary_search_by(|e| {
            let name_of = text.get(at(e, 0)..at(e, 1)).unwrap_or_default();
            name_of.cmp(name.as_bytes())
        })
        .ok()?;
    let chars = text.get(at(&entries[n], 1)..at(&entries[n + 1], 0))?;
    std::str::from_utf8(chars).ok()
}

/// The named character references computed from `data/html-entities.txt`, as the bytes of
/// the files of [`ENTITIES`]: the HTML5 names with `;`, and all-caps versions of lower-case
/// names.
fn compute_entities() -> [Vec<u8>; 2] {
    let mut named = HashMap::new();
    let mut legacy = Vec::new();
    for line in include_str!("../../data/html-entities.txt").lines() {
        if line.starts_with('#') {
            continue;
        }
        let (name, hex) = line.split_once('\t').unwrap();
        let chars: String = hex
            .split(' ')
            .map(|h| char::from_u32(u32::from_str_radix(h, 16).unwrap()).unwrap())
            .collect();
        match name.strip_suffix(';') {
            Some(n) => {
                named.insert(n.to_string(), chars);
            }
            None => legacy.push(name.to_string()),
        }
    }
    // All-caps versions of lower-case names (P&EACUTE;REZ), unless that is a name itself or
    // starts with a legacy name that browsers would decode without its ';'.
    // (Entity names are ASCII: a byte test tells lower case, and a name starts with a
    // legacy name when one of its prefixes is one.)
    let legacy_set: std::collections::HashSet<&str> = legacy.iter().map(|l| l.as_str()).collect();
    let uppers: Vec<(String, String)> = named
        .iter()
        .filter(|(n, _)| !n.bytes().any(|b| b.is_ascii_uppercase()))
        .map(|(n, c)| (n.to_ascii_uppercase(), c.to_uppercase()))
        .filter(|(u, _)| {
            !named.contains_key(u) && !(1..=u.len()).any(|k| legacy_set.contains(&u[..k]))
        })
        .collect();
    named.extend(uppers);
    let mut named: Vec<(String, String)> = named.into_iter().collect();
    named.sort_unstable();
    let (mut index, mut text) = (Vec::new(), Vec::new());
    let offset = |text: &Vec<u8>| {
        u32::try_from(text.len())
            .expect("a small table")
            .to_le_bytes()
    };
    for (name, chars) in named {
        index.extend(offset(&text));
        text.extend(name.as_bytes());
        index.extend(offset(&text));
        text.extend(chars.as_bytes());
    }
    index.extend(offset(&text));
    index.extend(offset(&text));
    [index, text]
}

/// The named character references, computed and shipped, for [`crate::generated::files`].
pub(crate) fn generated_files() -> Vec<crate::generated::File> {
    crate::generated::paired(compute_entities(), &ENTITIES)
}

fn entity_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new("&#?[0-9A-Za-z]{1,24};").unwrap())
}

/// The text of a numeric character reference body (`#233`, `#xE9`), as browsers decode it.
fn numeric_reference(body: &str) -> Option<String> {
    let digits = body.strip_prefix('#')?;
    let n = match digits.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => digits.parse::<u32>().ok()?,
    };
    if n == 0 {
        return Some("\u{FFFD}".into());
    }
    if (0x80..=0x9F).contains(&n) {
        return Some(code_page("windows-1252")?.char(n as u8).to_string());
    }
    if (0xD800..=0xDFFF).contains(&n) || n > 0x10FFFF {
        return Some("\u{FFFD}".into());
    }
    let invalid = matches!(n, 0x1..=0x8 | 0xB | 0xE..=0x1F | 0x7F..=0x9F | 0xFDD0..=0xFDEF)
        || n & 0xFFFE == 0xFFFE;
    if invalid {
        return Some(String::new());
    }
    char::from_u32(n).map(String::from)
}

/// Decode HTML character references (`&amp;`, `&eacute;`, `&#8217;`, `P&EACUTE;REZ`) when the
/// text is not HTML (holds no `<`). Only references ending in `;` are decoded.
///
/// ```
/// use textmend::repair::chars::unescape_html;
/// use textmend::config::RepairConfig;
/// let edits = unescape_html("P&eacute;rez &amp; Co&#8217;s", &RepairConfig::default());
/// assert_eq!(edits.iter().map(|e| e.after.as_str()).collect::<Vec<_>>(), ["é", "&", "’"]);
/// assert!(unescape_html("<p>&amp;</p>", &RepairConfig::default()).is_empty());
/// ```
pub fn unescape_html(text: &str, _config: &RepairConfig) -> Vec<Edit> {
    if memchr::memchr(b'&', text.as_bytes()).is_none() {
        return Vec::new();
    }
    // Judged line by line, every line break counted (CR, U+2028... become `\n` later, and so
    // do line breaks hidden in mojibake), so that a second run sees the same lines.
    let mut edits = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}']) {
        let mut rest = piece;
        while !rest.is_empty() {
            let end = MOJIBAKE_BREAKS
                .iter()
                .filter_map(|b| rest.find(b).map(|i| i + b.len()))
                .min()
                .unwrap_or(rest.len());
            edits.extend(unescape_line(&rest[..end]).into_iter().map(|mut e| {
                e.range = e.range.start + start..e.range.end + start;
                e
            }));
            start += end;
            rest = &rest[end..];
        }
    }
    edits
}

/// The line breaks U+2028, U+2029 and U+0085 in UTF-8 read as windows-1252 or Latin-1: the
/// mojibake pass restores them after this pass has run.
const MOJIBAKE_BREAKS: [&str; 5] = ["â€¨", "â€©", "Â…", "â\u{80}¨", "â\u{80}©"];

/// Most levels of escaping undone (`&amp;amp;lt;` is three).
const ESCAPE_LEVELS: usize = 4;

/// References of one line that holds no `<` (a `<` suggests HTML, where they belong), undoing
/// repeated escaping (`&amp;lt;` → `<`) while the result holds no `<`, so that a second run
/// finds nothing more to decode.
fn unescape_line(text: &str) -> Vec<Edit> {
    let edits = unescape_once(text);
    if edits.is_empty() {
        return edits;
    }
    let mut decoded = apply(text, &edits);
    let mut levels = 1;
    while levels < ESCAPE_LEVELS {
        let more = unescape_once(&decoded);
        if more.is_empty() {
            break;
        }
        decoded = apply(&decoded, &more);
        levels += 1;
    }
    if levels == 1 {
        return edits;
    }
    // One edit over the span that changed.
    let prefix = text
        .bytes()
        .zip(decoded.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let mut prefix = prefix.min(text.len()).min(decoded.len());
    while !text.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let suffix = text[prefix..]
        .bytes()
        .rev()
        .zip(decoded[prefix..].bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let mut suffix = suffix;
    while !text.is_char_boundary(text.len() - suffix) {
        suffix -= 1;
    }
    vec![Edit::new(
        prefix..text.len() - suffix,
        &decoded[prefix..decoded.len() - suffix],
        Reason::HtmlEntity,
    )]
}

/// `text` with `edits` (sorted, non-overlapping) applied.
fn apply(text: &str, edits: &[Edit]) -> String {
    crate::changes::splice(
        text,
        edits.iter().map(|e| (e.range.clone(), e.after.as_str())),
    )
}

/// One level of references of a line that holds no `<`.
fn unescape_once(text: &str) -> Vec<Edit> {
    if memchr::memchr(b'&', text.as_bytes()).is_none()
        || memchr::memchr(b'<', text.as_bytes()).is_some()
    {
        return Vec::new();
    }
    entity_re()
        .find_iter(text)
        .filter_map(|m| {
            let body = &m.as_str()[1..m.len() - 1];
            let after = match entity(body) {
                Some(s) => s.to_string(),
                None => numeric_reference(body)?,
            };
            Some(Edit::new(m.range(), after, Reason::HtmlEntity))
        })
        .collect()
}

fn ansi_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\x1b\[([0-9;]*)([a-zA-Z])").unwrap())
}

/// Remove terminal escape sequences (ANSI colours and cursor codes).
///
/// ```
/// use textmend::repair::chars::remove_terminal_escapes;
/// use textmend::config::RepairConfig;
/// let edits = remove_terminal_escapes("\x1b[36;44mblue\x1b[0m", &RepairConfig::default());
/// assert_eq!(edits.len(), 2);
/// ```
pub fn remove_terminal_escapes(text: &str, _config: &RepairConfig) -> Vec<Edit> {
    if memchr::memchr(0x1B, text.as_bytes()).is_none() {
        return Vec::new();
    }
    ansi_re()
        .find_iter(text)
        .map(|m| Edit::new(m.range(), "", Reason::TerminalEscape))
        .collect()
}

/// Replace C1 controls (U+0080–U+009F) with the windows-1252 characters they stand for, as
/// browsers do. Undefined windows-1252 bytes stay, and so do, with the legacy pass on, C1
/// controls that a CJK encoding read as Latin-1 explains as well (`legacy::c1_held`).
///
/// ```
/// use textmend::repair::chars::fix_c1_controls;
/// use textmend::config::RepairConfig;
/// let edits = fix_c1_controls("\u{93}quoted\u{94}", &RepairConfig::default());
/// assert_eq!(edits[0].after, "“");
/// ```
pub fn fix_c1_controls(text: &str, config: &RepairConfig) -> Vec<Edit> {
    let cp1252 = code_page("windows-1252").unwrap();
    let mut edits = each_char(text, &[0xC2], |c| {
        if !('\u{80}'..='\u{9f}').contains(&c) {
            return None;
        }
        let after = cp1252.char(c as u32 as u8);
        (after != c).then(|| (after.to_string(), Reason::C1Control))
    });
    // With the legacy pass on, C1 controls that a CJK encoding read as Latin-1 explains as well
    // as windows-1252 does are left as they are (see `legacy::c1_held`).
    if config.fix_legacy && !edits.is_empty() {
        let held = super::legacy::c1_held_in(text);
        edits.retain(|e| !super::legacy::is_held(&held, &e.range));
    }
    edits
}

/// Remove control characters with no meaning in text: C0 controls other than tab, line feed,
/// form feed and carriage return, DEL, deprecated Arabic format controls (U+206A–U+206F), the
/// byte order mark and interlinear annotation characters (U+FFF9–U+FFFC).
///
/// ```
/// use textmend::repair::chars::remove_control_chars;
/// use textmend::config::RepairConfig;
/// assert_eq!(remove_control_chars("a\u{0}b\u{feff}\tc", &RepairConfig::default()).len(), 2);
/// ```
pub fn remove_control_chars(text: &str, _config: &RepairConfig) -> Vec<Edit> {
    let mut edits = Vec::new();
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let len = match b {
            0x00..=0x08 | 0x0B | 0x0E..=0x1F | 0x7F => 1,
            0xE2 if bytes[i + 1] == 0x81 && (0xAA..=0xAF).contains(&bytes[i + 2]) => 3,
            0xEF if bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF => 3,
            0xEF if bytes[i + 1] == 0xBF && (0xB9..=0xBC).contains(&bytes[i + 2]) => 3,
            _ => continue,
        };
        edits.push(Edit::new(i..i + len, "", Reason::ControlChar));
    }
    edits
}

/// The characters [`remove_control_chars`] removes (kept as the reference definition).
#[cfg(test)]
fn is_removed_control(c: char) -> Option<(String, Reason)> {
    {
        matches!(c,
            '\u{0}'..='\u{8}' | '\u{b}' | '\u{e}'..='\u{1f}' | '\u{7f}'
            | '\u{206a}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffc}')
        .then(|| (String::new(), Reason::ControlChar))
    }
}

/// Make curly quotes straight: ‘ ’ ‚ ‛ ʼ become `'`, “ ” „ ‟ become `"` (optional).
///
/// ```
/// use textmend::repair::chars::uncurl_quotes;
/// use textmend::config::RepairConfig;
/// let edits = uncurl_quotes("“here’s”", &RepairConfig::default());
/// assert_eq!(edits.len(), 3);
/// ```
pub fn uncurl_quotes(text: &str, _config: &RepairConfig) -> Vec<Edit> {
    each_char(text, &[0xE2, 0xCA], |c| match c {
        '\u{2bc}' | '\u{2018}'..='\u{201b}' => Some(("'".into(), Reason::UncurlQuotes)),
        '\u{201c}'..='\u{201f}' => Some(("\"".into(), Reason::UncurlQuotes)),
        _ => None,
    })
}

fn ligature_table() -> &'static HashMap<char, &'static str> {
    static TABLE: OnceLock<HashMap<char, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../../data/ligatures.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| {
                let (c, letters) = l.split_once('\t').unwrap();
                (c.chars().next().unwrap(), letters)
            })
            .collect()
    })
}

/// Split Latin ligatures and digraph characters into their letters: ﬁ → fi, ĳ → ij (optional).
///
/// ```
/// use textmend::repair::chars::fix_latin_ligatures;
/// use textmend::config::RepairConfig;
/// assert_eq!(fix_latin_ligatures("ﬂuﬃ", &RepairConfig::default())[1].after, "ffi");
/// ```
pub fn fix_latin_ligatures(text: &str, _config: &RepairConfig) -> Vec<Edit> {
    let table = ligature_table();
    each_char(text, &[0xC4, 0xC5, 0xC7, 0xEF], |c| {
        table.get(&c).map(|l| (l.to_string(), Reason::Ligature))
    })
}

fn width_table() -> &'static HashMap<char, String> {
    static TABLE: OnceLock<HashMap<char, String>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../../data/width-map.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| {
                let (c, to) = l.split_once('\t').unwrap();
                let c = char::from_u32(u32::from_str_radix(c, 16).unwrap()).unwrap();
                let to = to
                    .split(' ')
                    .map(|h| char::from_u32(u32::from_str_radix(h, 16).unwrap()).unwrap())
                    .collect();
                (c, to)
            })
            .collect()
    })
}

/// Make fullwidth Latin letters, digits and signs ASCII, and halfwidth forms (katakana,
/// Hangul) standard width, as ftfy's `fix_character_width` does (optional).
///
/// ```
/// use textmend::repair::chars::fix_fullwidth;
/// use textmend::config::RepairConfig;
/// let edits = fix_fullwidth("ＬＯＵＤ", &RepairConfig::default());
/// assert_eq!(edits[0].after, "L");
/// ```
pub fn fix_fullwidth(text: &str, _config: &RepairConfig) -> Vec<Edit> {
    let table = width_table();
    each_char(text, &[0xE3, 0xEF], |c| {
        if c.is_ascii() {
            return None;
        }
        table.get(&c).map(|s| (s.clone(), Reason::FullwidthLatin))
    })
}

/// One edit for each character `f` has a replacement for, looking only at characters whose
/// UTF-8 form starts with one of `leads` (found with memchr).
fn each_char(text: &str, leads: &[u8], f: impl Fn(char) -> Option<(String, Reason)>) -> Vec<Edit> {
    let bytes = text.as_bytes();
    let mut positions: Vec<usize> = Vec::new();
    for chunk in leads.chunks(3) {
        match *chunk {
            [a] => positions.extend(memchr::memchr_iter(a, bytes)),
            [a, b] => positions.extend(memchr::memchr2_iter(a, b, bytes)),
            [a, b, c] => positions.extend(memchr::memchr3_iter(a, b, c, bytes)),
            _ => unreachable!(),
        }
    }
    if leads.len() > 3 {
        positions.sort_unstable();
    }
    let mut edits = Vec::new();
    for i in positions {
        let Some(c) = text[i..].chars().next() else {
            continue;
        };
        if let Some((after, reason)) = f(c) {
            edits.push(Edit::new(i..i + c.len_utf8(), after, reason));
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_caps_entities() {
        let e = unescape_html(
            "P&EACUTE;REZ &ntilde; &NTILDE; &nTILDE;",
            &RepairConfig::default(),
        );
        let after: Vec<_> = e.iter().map(|e| e.after.as_str()).collect();
        assert_eq!(after, ["É", "ñ", "Ñ"]);
    }

    #[test]
    fn control_scan_matches_its_definition() {
        let text: String = (0u32..0x3000)
            .chain(0xFE00..0x10000)
            .filter_map(char::from_u32)
            .collect();
        let want: Vec<_> = text
            .char_indices()
            .filter(|&(_, c)| is_removed_control(c).is_some())
            .map(|(i, c)| i..i + c.len_utf8())
            .collect();
        let got: Vec<_> = remove_control_chars(&text, &RepairConfig::default())
            .into_iter()
            .map(|e| e.range)
            .collect();
        assert_eq!(got, want);
    }

    fn unescaped(text: &str) -> String {
        apply(text, &unescape_html(text, &RepairConfig::default()))
    }

    #[test]
    fn repeated_escaping_is_undone_until_the_line_is_markup() {
        assert_eq!(unescaped("a &amp;lt;b&amp;gt; x"), "a <b> x");
        assert_eq!(unescaped("&amp;amp;#233;t&amp;eacute;"), "été");
        // Once a level of decoding yields markup, the references left are markup's.
        assert_eq!(
            unescaped("&amp;lt;p&amp;gt;&amp;amp;#65279;"),
            "<p>&#65279;"
        );
        let once = unescaped("&amp;lt;p&amp;gt;&amp;amp;#65279;");
        assert_eq!(unescaped(&once), once);
    }

    #[test]
    fn a_line_break_in_mojibake_ends_the_line_judged() {
        // `â€¨` is U+2028 read as windows-1252; the mojibake pass restores it and the line-break
        // pass makes it `\n`, so the references stand on a line of their own.
        assert_eq!(unescaped("&amp; x â€¨ <b>"), "& x â€¨ <b>");
    }

    #[test]
    fn text_with_ampersands_but_no_references_is_left() {
        assert!(unescape_html("this&not that; AT&T", &RepairConfig::default()).is_empty());
    }
}
