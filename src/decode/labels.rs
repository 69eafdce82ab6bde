//! Encoding labels: the WHATWG labels encoding_rs knows, plus the aliases of
//! `data/encoding-labels.txt` for names it lacks (latin-1, cp936, cp932, macroman, ibm852...).

use std::collections::HashMap;
use std::sync::OnceLock;

use encoding_rs::Encoding;

use super::codec::Codec;
use super::codepage;

const ALIASES: &str = include_str!("../../data/encoding-labels.txt");

/// The encoding a label names, or `None` when textmend cannot decode it (unknown labels, and
/// the WHATWG "replacement" encoding for ISO-2022-CN, HZ and the like).
///
/// ```
/// use textmend::decode::labels::lookup;
/// assert_eq!(lookup("Latin-1").unwrap().name(), "windows-1252");
/// assert_eq!(lookup("cp949").unwrap().name(), "EUC-KR");
/// assert_eq!(lookup("MacRoman").unwrap().name(), "macintosh");
/// assert_eq!(lookup("ibm_437").unwrap().name(), "IBM437");
/// assert!(lookup("klingon-8").is_none());
/// ```
pub fn lookup(label: &str) -> Option<Codec> {
    let label = label.trim().trim_matches(['"', '\'']);
    if let Some(codec) = whatwg(label) {
        return Some(codec);
    }
    let key = normalise(label);
    if let Some(target) = aliases().get(key.as_str()) {
        return by_name(target);
    }
    by_name(&key)
}

/// The encoding whose canonical name (as [`Codec::name`] gives it) is `name`.
pub fn by_name(name: &str) -> Option<Codec> {
    if let Some(cp) = codepage::by_name(name) {
        return Some(Codec::Table(cp));
    }
    match name.to_ascii_uppercase().as_str() {
        "UTF-32LE" => return Some(Codec::Utf32Le),
        "UTF-32BE" => return Some(Codec::Utf32Be),
        "ISO-2022-KR" => return Some(Codec::Iso2022Kr),
        _ => {}
    }
    whatwg(name)
}

fn whatwg(label: &str) -> Option<Codec> {
    Encoding::for_label_no_replacement(label.as_bytes()).map(Codec::Whatwg)
}

fn normalise(label: &str) -> String {
    label
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c == '_' || c == ' ' { '-' } else { c })
        .collect()
}

fn aliases() -> &'static HashMap<&'static str, &'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        ALIASES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split_ascii_whitespace();
                Some((f.next()?, f.next()?))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_alias_resolves() {
        for (label, target) in aliases() {
            let codec = lookup(label).unwrap_or_else(|| panic!("{label} -> {target}"));
            assert!(
                codec.name().eq_ignore_ascii_case(target),
                "{label}: {} != {target}",
                codec.name()
            );
        }
    }

    #[test]
    fn every_code_page_has_a_label() {
        for cp in codepage::all() {
            assert_eq!(lookup(cp.name), Some(Codec::Table(cp)));
        }
    }

    #[test]
    fn replacement_labels_are_refused() {
        assert!(lookup("hz-gb-2312").is_none());
        assert_eq!(lookup("iso-2022-kr"), Some(Codec::Iso2022Kr));
    }
}
