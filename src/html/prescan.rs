//! The pre-scan before parsing: a cheap pass over the tags that keeps the parser's work
//! linear and small. It caps nesting depth (the tree builder's scope checks cost O(depth) per
//! tag) and removes what is never shown nor read (comments, script/style/SVG content,
//! attributes the extraction does not use).

use std::borrow::Cow;

/// The deepest element nesting handed to the parser. Browsers cap it too (Blink at 512):
/// the tree builder's scope checks walk the stack of open elements, so nesting n deep costs
/// O(n²). Real pages stay far below this.
pub const MAX_DEPTH: usize = 512;

/// Elements that never have content (their start tag opens nothing).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "basefont", "bgsound", "frame",
];

/// Elements whose end tag is optional and that close themselves inside tables and selects:
/// they do not deepen the tree.
const SELF_CLOSING: &[&str] = &[
    "option", "optgroup", "tr", "td", "th", "rb", "rt", "rp", "rtc", "tbody", "thead", "tfoot",
    "colgroup", "caption",
];

/// Elements whose content is raw text: tags inside them are not tags.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Raw-text elements whose content is never shown.
const NEVER_SHOWN: &[&str] = &["script", "style", "xmp", "iframe", "noembed", "noframes"];

/// Prepare markup for the parser with a cheap tag scan: drop the start tags (and matching end
/// tags) that would nest elements deeper than `max`, keeping their text; drop comments, the
/// content of scripts, styles and inline SVG, and the attributes the extraction never reads
/// (none of it is ever shown; skipping it cuts the tokenizer's work by more than half on
/// typical pages). Markup with none of these is returned as it is, without copying.
///
/// ```
/// use textmend::html::prescan::prepare;
/// assert_eq!(prepare("<b><i>x</i></b>", 1), "<b>x</b>");
/// assert_eq!(prepare("<b><i>x</i></b>", 2), "<b><i>x</i></b>");
/// assert_eq!(prepare("<script>if (a<b) f()</script><p>x", 9), "<script></script><p>x");
/// assert_eq!(prepare("<p>a<!-- note -->b<svg><path d=M0/></svg>", 9), "<p>ab<svg></svg>");
/// assert_eq!(prepare("<a data-x='1>2' href=/a class=\"c\">x</a>", 9), "<a href=/a class=\"c\">x</a>");
/// ```
pub fn prepare(html: &str, max: usize) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut open: Vec<TagName> = Vec::new();
    let mut excess = 0usize;
    let mut cut: Vec<std::ops::Range<usize>> = Vec::new();
    let mut pos = 0;
    while let Some(off) = memchr::memchr(b'<', &b[pos..]) {
        let lt = pos + off;
        let rest = &b[lt + 1..];
        let close =
            |from: usize| memchr::memchr(b'>', &b[from..]).map_or(b.len(), |e| from + e + 1);
        if rest.starts_with(b"!--") {
            // Comments are never shown: the tokenizer need not read them.
            pos = memchr::memmem::find(&b[lt + 4..], b"-->").map_or(b.len(), |e| lt + 4 + e + 3);
            cut.push(lt..pos);
            continue;
        }
        let end_tag = rest.first() == Some(&b'/');
        let name_start = lt + 1 + usize::from(end_tag);
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
            .count();
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            pos = lt + 1;
            continue;
        }
        let name = TagName::new(&b[name_start..name_start + name_len]);
        let n_before = cut.len();
        let tag_end = if end_tag {
            close(name_start + name_len)
        } else {
            start_tag_attributes(b, name_start + name_len, &mut cut)
        };
        pos = tag_end;
        if name.is_in(VOID) || name.is_in(SELF_CLOSING) {
            continue;
        }
        if end_tag {
            if excess > 0 {
                excess -= 1;
                cut.push(lt..tag_end);
            } else if let Some(i) = open.iter().rposition(|n| *n == name) {
                open.truncate(i);
            }
            continue;
        }
        if name.is_in(RAW_TEXT) {
            let raw = &b[name_start..name_start + name_len];
            let rest = &b[pos..];
            let content_end = memchr::memmem::find_iter(rest, b"</")
                .find(|&i| {
                    rest.get(i + 2..i + 2 + raw.len())
                        .is_some_and(|n| n.eq_ignore_ascii_case(raw))
                })
                .map_or(b.len(), |i| pos + i);
            // Scripts and styles are never shown: the tokenizer need not read them.
            if name.is_in(NEVER_SHOWN) && content_end > pos {
                cut.push(pos..content_end);
            }
            pos = content_end;
            continue;
        }
        if b[..tag_end].ends_with(b"/>") {
            continue;
        }
        // Inline SVG (icons, charts) is never text: keep the empty element, skip its content.
        if name.is_in(&["svg"]) {
            let rest = &b[tag_end..];
            if let Some(end) = memchr::memmem::find_iter(rest, b"</").find(|&i| {
                rest.get(i + 2..i + 5)
                    .is_some_and(|n| n.eq_ignore_ascii_case(b"svg"))
            }) {
                let content = &rest[..end];
                // Nested <svg> would make the first </svg> the wrong one: leave such content.
                if memchr::memmem::find(content, b"<svg").is_none() {
                    cut.push(tag_end..tag_end + end);
                    pos = tag_end + end;
                }
            }
        }
        if open.len() >= max {
            excess += 1;
            cut.truncate(n_before);
            cut.push(lt..tag_end);
        } else {
            // `<li>` after an open `<li>` (likewise p, dt, dd) closes it, as the parser does.
            if name.is_in(&["li", "p", "dt", "dd"]) && open.last() == Some(&name) {
                open.pop();
            }
            open.push(name);
        }
    }
    if cut.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for r in cut {
        out.push_str(&html[at..r.start]);
        at = r.end;
    }
    out.push_str(&html[at..]);
    Cow::Owned(out)
}

/// The attributes the extraction reads; the others are dropped before parsing.
const KEPT_ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "role",
    "aria-hidden",
    "hidden",
    "style",
    "href",
];

/// Read a start tag's attributes from `from` (just after the tag name) as the tokenizer does
/// (quoted values may hold `>`), push the byte ranges of the attributes the extraction never
/// reads onto `cut`, and return the offset just past the tag's `>`.
fn start_tag_attributes(b: &[u8], from: usize, cut: &mut Vec<std::ops::Range<usize>>) -> usize {
    let ws = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    let mut i = from;
    loop {
        let attr_start = i;
        while i < b.len() && ws(b[i]) {
            i += 1;
        }
        match b.get(i) {
            None => return b.len(),
            Some(b'>') => return i + 1,
            Some(b'/') => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let name_start = i;
        i += 1; // the first character belongs to the name, even `=`
        while i < b.len() && !ws(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let name_end = i;
        let mut j = i;
        while j < b.len() && ws(b[j]) {
            j += 1;
        }
        if b.get(j) == Some(&b'=') {
            j += 1;
            while j < b.len() && ws(b[j]) {
                j += 1;
            }
            match b.get(j) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    j = memchr::memchr(q, &b[j + 1..]).map_or(b.len(), |e| j + 1 + e + 1);
                }
                _ => {
                    while j < b.len() && !ws(b[j]) && b[j] != b'>' {
                        j += 1;
                    }
                }
            }
            i = j;
        }
        let name = &b[name_start..name_end];
        if !KEPT_ATTRIBUTES
            .iter()
            .any(|k| k.as_bytes().eq_ignore_ascii_case(name))
        {
            cut.push(attr_start..i);
        }
    }
}

/// A tag name, lower-cased, in a fixed buffer (names longer than 16 bytes are cut, which
/// only makes distinct long custom-element names compare equal).
#[derive(Clone, Copy, PartialEq, Eq)]
struct TagName([u8; 16], u8);

impl TagName {
    fn new(raw: &[u8]) -> TagName {
        let mut buf = [0u8; 16];
        let n = raw.len().min(16);
        for (d, s) in buf.iter_mut().zip(&raw[..n]) {
            *d = s.to_ascii_lowercase();
        }
        TagName(buf, n as u8)
    }

    fn is_in(&self, list: &[&str]) -> bool {
        let name = &self.0[..usize::from(self.1)];
        list.iter().any(|n| n.as_bytes() == name)
    }
}
