//! Encodings documents declare: the HTML `<meta charset>` / `http-equiv` found by the WHATWG
//! prescan of the first 1024 bytes, and the XML declaration.

use super::codec::{Codec, UTF_8};
use super::labels;

/// How many bytes the prescan looks at (WHATWG: 1024).
pub const PRESCAN: usize = 1024;

/// The encoding `bytes` declare, by an XML declaration at the start or an HTML `<meta>` in the
/// first 1024 bytes. Labels textmend does not know are ignored. As in the WHATWG rules, a
/// declared UTF-16 means UTF-8 (the bytes are ASCII-compatible since the declaration was read)
/// and x-user-defined means windows-1252.
///
/// ```
/// use textmend::decode::declared::sniff;
/// assert_eq!(sniff(b"<html><head><meta charset=\"gbk\">").unwrap().name(), "GBK");
/// assert_eq!(sniff(b"<?xml version='1.0' encoding='Shift_JIS'?><a/>").unwrap().name(), "Shift_JIS");
/// assert_eq!(sniff(b"<p>no declaration</p>"), None);
/// ```
pub fn sniff(bytes: &[u8]) -> Option<Codec> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let label = xml_declaration(head).or_else(|| prescan(head))?;
    let codec = labels::lookup(&label)?;
    Some(match codec.name() {
        "UTF-16LE" | "UTF-16BE" | "UTF-32LE" | "UTF-32BE" => UTF_8,
        "x-user-defined" => Codec::Whatwg(encoding_rs::WINDOWS_1252),
        _ => codec,
    })
}

/// The `encoding` pseudo-attribute of an XML declaration at the very start of `head`.
fn xml_declaration(head: &[u8]) -> Option<String> {
    let rest = head.strip_prefix(b"<?xml")?;
    if !rest.first().is_some_and(|b| b.is_ascii_whitespace()) {
        return None;
    }
    let end = find(rest, b"?>")?;
    let decl = &rest[..end];
    let at = find(decl, b"encoding")?;
    let mut p = Parser {
        s: decl,
        i: at + b"encoding".len(),
    };
    p.skip_ws();
    if p.peek()? != b'=' {
        return None;
    }
    p.i += 1;
    p.skip_ws();
    let quote = p.peek().filter(|q| *q == b'"' || *q == b'\'')?;
    p.i += 1;
    let start = p.i;
    let len = decl[start..].iter().position(|&b| b == quote)?;
    Some(String::from_utf8_lossy(&decl[start..start + len]).into_owned())
}

/// The WHATWG "prescan a byte stream to determine its encoding" over `head`: the first
/// `<meta>` with a usable `charset`, or `http-equiv="content-type"` with a charset in
/// `content`. Comments and other tags are skipped.
fn prescan(head: &[u8]) -> Option<String> {
    let mut p = Parser { s: head, i: 0 };
    while p.i < head.len() {
        let rest = &head[p.i..];
        if rest.starts_with(b"<!--") {
            p.i += 4;
            match find(&head[p.i..], b"-->") {
                Some(n) => p.i += n + 3,
                None => return None,
            }
        } else if starts_with_ci(rest, b"<meta")
            && rest
                .get(5)
                .is_some_and(|&b| b.is_ascii_whitespace() || b == b'/')
        {
            p.i += 5;
            if let Some(label) = meta(&mut p) {
                return Some(label);
            }
        } else if rest.len() > 1
            && rest[0] == b'<'
            && (rest[1].is_ascii_alphabetic()
                || (rest[1] == b'/' && rest.get(2).is_some_and(u8::is_ascii_alphabetic)))
        {
            // Skip the tag name, then its attributes.
            while p.i < head.len() && !head[p.i].is_ascii_whitespace() && head[p.i] != b'>' {
                p.i += 1;
            }
            while p.attribute().is_some() {}
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            match find(rest, b">") {
                Some(n) => p.i += n + 1,
                None => return None,
            }
        } else {
            p.i += 1;
        }
    }
    None
}

/// The attributes of one `<meta>` tag (the parser is after `<meta`): the charset it declares.
fn meta(p: &mut Parser) -> Option<String> {
    let mut got_pragma = false;
    let mut need_pragma: Option<bool> = None;
    let mut charset: Option<String> = None;
    let mut seen = Vec::new();
    while let Some((name, value)) = p.attribute() {
        if seen.contains(&name) {
            continue;
        }
        seen.push(name.clone());
        match name.as_str() {
            "http-equiv" if value.eq_ignore_ascii_case("content-type") => got_pragma = true,
            "content" if charset.is_none() => {
                if let Some(c) = charset_in_content(&value) {
                    charset = Some(c);
                    need_pragma = Some(true);
                }
            }
            "charset" => {
                charset = Some(value);
                need_pragma = Some(false);
            }
            _ => {}
        }
    }
    match need_pragma {
        Some(true) if !got_pragma => None,
        Some(_) => charset.filter(|c| labels::lookup(c).is_some()),
        None => None,
    }
}

/// The charset in a `content` attribute such as `text/html; charset=gbk`.
fn charset_in_content(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let mut from = 0;
    while let Some(n) = lower[from..].find("charset") {
        let mut rest = lower[from + n + 7..].trim_start();
        if let Some(r) = rest.strip_prefix('=') {
            rest = r.trim_start();
            let value = if let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
                let inner = &rest[1..];
                inner.split(q).next().filter(|_| inner.contains(q))?
            } else {
                rest.split(|c: char| c == ';' || c.is_ascii_whitespace())
                    .next()
                    .unwrap_or("")
            };
            return (!value.is_empty()).then(|| value.to_string());
        }
        from += n + 7;
    }
    None
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.i += 1;
        }
    }

    /// The WHATWG "get an attribute" step: the next attribute's lower-cased name and value, or
    /// `None` at the end of the tag (the parser is then after its `>`).
    fn attribute(&mut self) -> Option<(String, String)> {
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_whitespace() || b == b'/')
        {
            self.i += 1;
        }
        match self.peek() {
            None => return None,
            Some(b'>') => {
                self.i += 1;
                return None;
            }
            _ => {}
        }
        let mut name = Vec::new();
        while let Some(b) = self.peek() {
            if (b == b'=' && !name.is_empty()) || b.is_ascii_whitespace() || b == b'/' || b == b'>'
            {
                break;
            }
            name.push(b.to_ascii_lowercase());
            self.i += 1;
        }
        let name = String::from_utf8_lossy(&name).into_owned();
        self.skip_ws();
        if self.peek() != Some(b'=') {
            return Some((name, String::new()));
        }
        self.i += 1;
        self.skip_ws();
        let mut value = Vec::new();
        match self.peek() {
            Some(q @ (b'"' | b'\'')) => {
                self.i += 1;
                while let Some(b) = self.peek() {
                    self.i += 1;
                    if b == q {
                        break;
                    }
                    value.push(b.to_ascii_lowercase());
                }
            }
            _ => {
                while let Some(b) = self.peek() {
                    if b.is_ascii_whitespace() || b == b'>' {
                        break;
                    }
                    value.push(b.to_ascii_lowercase());
                    self.i += 1;
                }
            }
        }
        Some((name, String::from_utf8_lossy(&value).into_owned()))
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

fn starts_with_ci(hay: &[u8], prefix: &[u8]) -> bool {
    hay.len() >= prefix.len() && hay[..prefix.len()].eq_ignore_ascii_case(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(bytes: &[u8]) -> Option<&'static str> {
        sniff(bytes).map(Codec::name)
    }

    #[test]
    fn meta_charset_and_http_equiv() {
        assert_eq!(name(b"<META CHARSET=windows-1251>"), Some("windows-1251"));
        assert_eq!(
            name(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-kr\">"),
            Some("EUC-KR")
        );
        // content without http-equiv is not a declaration
        assert_eq!(name(b"<meta content=\"text/html; charset=euc-kr\">"), None);
        // attribute order does not matter
        assert_eq!(
            name(b"<meta content='text/html;charset=Shift_JIS' http-equiv='content-type'>"),
            Some("Shift_JIS")
        );
    }

    #[test]
    fn comments_and_other_tags_are_skipped() {
        assert_eq!(
            name(b"<!-- <meta charset=gbk> --><meta charset=big5>"),
            Some("Big5")
        );
        assert_eq!(
            name(b"<div title='<meta charset=gbk>'><meta charset=koi8-r>"),
            Some("KOI8-R")
        );
    }

    #[test]
    fn only_the_first_1024_bytes_count() {
        let mut doc = vec![b' '; 1100];
        doc.extend_from_slice(b"<meta charset=gbk>");
        assert_eq!(name(&doc), None);
    }

    #[test]
    fn utf16_declared_in_ascii_bytes_means_utf8() {
        assert_eq!(name(b"<meta charset=utf-16>"), Some("UTF-8"));
    }

    #[test]
    fn unknown_labels_are_ignored() {
        assert_eq!(name(b"<meta charset=bogus><meta charset=gbk>"), Some("GBK"));
        assert_eq!(name(b"<?xml version=\"1.0\" encoding=\"bogus\"?>"), None);
    }

    #[test]
    fn aliases_work_in_declarations() {
        assert_eq!(name(b"<meta charset=cp852>"), Some("IBM852"));
    }
}
