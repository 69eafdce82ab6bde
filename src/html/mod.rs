//! HTML in, main content out.
//!
//! `textmend clean` on a page recognised as HTML by its first bytes ([`is_html`]) runs:
//!
//! 1. [`crate::decode`]: decode by the page's BOM, `--encoding`, `<meta>` declaration, or detection;
//! 2. [`prescan`] and [`parse`]: a cheap tag pre-scan (depth cap, nothing that is never shown),
//!    then an HTML5 parse (html5ever) into an arena tree;
//! 3. [`prune`] and [`score`]: drop what is never content (scripts, styles, forms' controls,
//!    hidden blocks), structural chrome (`nav`, `header`, `footer`, `aside`, their ARIA roles,
//!    blocks whose class names chrome), choose the main content by text density, link density
//!    and structure, and drop widgets inside it;
//! 4. [`render`]: plain text, Markdown or a cleaned HTML fragment, in document order;
//!
//! then the text stages (repair, strip, normalize) run on the result as on any text, and their
//! [`Changes`](crate::Changes) record starts from the extracted text. What extraction dropped
//! is recorded separately in an [`Extraction`]: each dropped element, the rule that dropped it
//! (a [`Reason::Chrome`](crate::Reason::Chrome) such as `chrome(html_nav)`) and how much text
//! it held.
//!
//! ```
//! let page = b"<!doctype html><title>T</title><nav><a href=/>Home</a> <a href=/n>News</a></nav>
//!   <article><h1>Rain</h1><p>It rained all day, and the river rose by two metres overnight,
//!   flooding the lower town.</p></article><footer>(c) 2024 Example</footer>";
//! let doc = textmend::process(page, textmend::Mode::Clean, &textmend::Config::default()).unwrap();
//! assert_eq!(doc.output, "Rain\n\nIt rained all day, and the river rose by two metres overnight, flooding the lower town.\n");
//! let ex = doc.extraction.unwrap();
//! assert!(ex.dropped.iter().any(|d| d.reason.to_string() == "chrome(html_nav)"));
//! ```

pub mod parse;
pub mod prescan;
pub mod prune;
pub mod render;
pub mod score;

use serde::Serialize;

use crate::changes::Reason;
use crate::config::{Config, HtmlConfig};
use crate::decode::DecodeError;
use crate::{Document, clean, fix_text, normalize};
pub use render::Format;

/// What extraction did to a page: the containers it kept and everything it dropped.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extraction {
    /// The page's headline when the main containers did not include it (the first `h1` whose
    /// text is part of the page's `<title>`); put before the main content when
    /// `HtmlConfig::headline` is set.
    pub title: Option<String>,
    /// The main containers, described as `tag#id.class`.
    pub main: Vec<String>,
    /// The dropped elements, in the order they were dropped.
    pub dropped: Vec<Dropped>,
    /// Invalid byte sequences replaced by U+FFFD while decoding the page.
    pub invalid_bytes: usize,
}

/// One dropped element.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dropped {
    /// The element, described as `tag#id.class`.
    pub element: String,
    /// Why, e.g. `chrome(html_nav)`, `chrome(html_link_density)`, `chrome(html_no_main_content)`.
    pub reason: Reason,
    /// Characters of text it held (spaces excluded).
    pub chars: usize,
}

/// True when `bytes` start like an HTML document (the WHATWG MIME sniffing patterns: after
/// optional BOM and whitespace, `<!DOCTYPE HTML`, `<html`, `<head`, `<body`, `<script`,
/// `<div`, `<p`, `<table`, `<!--`...), like XHTML (`<?xml` followed by an `<html` tag), or
/// has a line starting with `<!DOCTYPE html` or `<html` in its first KiB.
///
/// ```
/// assert!(textmend::html::is_html(b"\xef\xbb\xbf  <!DOCTYPE html><p>x"));
/// assert!(textmend::html::is_html(b"<HTML lang=en>"));
/// assert!(!textmend::html::is_html(b"<notes> are not html"));
/// assert!(!textmend::html::is_html(b"plain text <p>"));
/// assert!(textmend::html::is_html(b"Warning: x.php line 3\n<!DOCTYPE html>\n<p>"));
/// ```
pub fn is_html(bytes: &[u8]) -> bool {
    const TAGS: &[&[u8]] = &[
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<script",
        b"<iframe",
        b"<h1",
        b"<div",
        b"<font",
        b"<table",
        b"<a",
        b"<style",
        b"<title",
        b"<b",
        b"<body",
        b"<br",
        b"<p",
        b"<meta",
        b"<link",
    ];
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes)
        && enc != encoding_rs::UTF_8
    {
        // UTF-16: look at the start of the decoded text.
        let head = &bytes[..bytes.len().min(2048) & !1];
        let (text, _) = enc.decode_with_bom_removal(head);
        return !text.starts_with('\u{feff}') && is_html(text.as_bytes());
    }
    let b = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let start = b
        .iter()
        .position(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
        .unwrap_or(b.len());
    let b = &b[start..];
    if b.starts_with(b"<!--") {
        return true;
    }
    if b.starts_with(b"<?xml") {
        let head = &b[..b.len().min(1024)];
        return head.windows(5).any(|w| w.eq_ignore_ascii_case(b"<html"));
    }
    let starts_with_tag = |b: &[u8], t: &[u8]| {
        b.len() > t.len()
            && b[..t.len()].eq_ignore_ascii_case(t)
            && matches!(
                b[t.len()],
                b' ' | b'>' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/'
            )
    };
    if TAGS.iter().any(|t| starts_with_tag(b, t)) {
        return true;
    }
    // A page saved with a line of junk before it (a server warning, a scraper's header): a
    // line of the first KiB that starts with the doctype or the html tag.
    b[..b.len().min(1024)]
        .split(|&c| c == b'\n')
        .skip(1)
        .map(|line| line.trim_ascii_start())
        .any(|line| starts_with_tag(line, b"<!doctype html") || starts_with_tag(line, b"<html"))
}

/// Extract the main content of `html` as `format`, with the record of what was dropped.
///
/// When the main content found is very short, extraction runs again without the class and id
/// rules (some sites name their article container with a chrome word) and keeps the longer
/// result. When the main content does not include the page's headline, the record names it
/// and, with `config.headline`, it is put first. A page with no main content gives an empty string and a
/// `chrome(html_no_main_content)` entry.
pub fn extract(html: &str, config: &HtmlConfig) -> (String, Extraction) {
    let format = config.format;
    let dom = parse::Dom::parse(html);
    let mut sel = score::select(&dom, score::Options { use_classes: true });
    let mut text = render::render(&dom, &sel.main, &sel, format);
    if text_weight(&text) < 200.0 {
        let sel2 = score::select(&dom, score::Options { use_classes: false });
        let text2 = render::render(&dom, &sel2.main, &sel2, format);
        if text_weight(&text2) > 3.0 * text_weight(&text).max(1.0) {
            sel = sel2;
            text = text2;
        }
    }
    let mut ex = Extraction {
        main: sel.main.iter().map(|&m| describe(&dom, m)).collect(),
        ..Extraction::default()
    };
    if !text.trim().is_empty()
        && let Some(h1) = headline(&dom, &sel)
    {
        let title = render::render(&dom, &[h1], &sel, format);
        ex.title = Some(title.trim().to_string());
        if config.headline {
            text = title + "\n" + &text;
        }
    }
    for d in &sel.drops {
        ex.dropped.push(Dropped {
            element: describe(&dom, d.node),
            reason: Reason::chrome(d.rule),
            chars: chars(&dom, d.node, &sel),
        });
    }
    if text.trim().is_empty() {
        text.clear();
        let body = dom.find_element(0, "body").unwrap_or(0);
        ex.main.clear();
        ex.dropped.push(Dropped {
            element: describe(&dom, body),
            reason: Reason::chrome("html_no_main_content"),
            chars: chars(&dom, body, &sel),
        });
    }
    (text, ex)
}

fn text_weight(s: &str) -> f32 {
    s.chars().map(score::char_weight).sum()
}

/// The page's headline when the main content does not include it: the first `h1` whose text
/// is part of the document's `<title>` (which usually adds the site's name to it).
fn headline(dom: &parse::Dom, sel: &score::Selection) -> Option<parse::NodeId> {
    let in_main = sel.main.iter().any(|&m| {
        dom.descendants(m)
            .any(|n| dom.name(n) == Some("h1") && !sel.is_dropped(n))
    });
    if in_main {
        return None;
    }
    let norm = |s: String| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let text_of = |id| norm(dom.descendants(id).filter_map(|n| dom.text(n)).collect());
    let title = text_of(dom.find_element(0, "title")?);
    let body = dom.find_element(0, "body")?;
    dom.descendants(body)
        .filter(|&n| dom.name(n) == Some("h1"))
        .find(|&h| {
            let t = text_of(h);
            t.chars().count() >= 8 && title.contains(&t)
        })
}

/// Characters of kept text under `id` (itself dropped or not).
fn chars(dom: &parse::Dom, id: parse::NodeId, sel: &score::Selection) -> usize {
    let mut n = 0;
    let mut cur = Some(id);
    while let Some(c) = cur {
        if let Some(t) = dom.text(c) {
            n += t.chars().filter(|c| !c.is_whitespace()).count();
        }
        cur = dom.next_in_order(c, id, c != id && sel.is_dropped(c));
    }
    n
}

/// `tag#id.class1.class2` for an element (`#document` for the root).
fn describe(dom: &parse::Dom, id: parse::NodeId) -> String {
    let Some(name) = dom.name(id) else {
        return "#document".into();
    };
    let mut s = name.to_string();
    if let Some(i) = dom.attr(id, "id").filter(|i| !i.trim().is_empty()) {
        s.push('#');
        s.push_str(i.trim());
    }
    for c in dom.attr(id, "class").unwrap_or("").split_ascii_whitespace() {
        s.push('.');
        s.push_str(c);
    }
    s
}

/// The whole pipeline for an HTML page: decode, extract, then the text stages.
pub fn process(bytes: &[u8], config: &Config) -> Result<Document, DecodeError> {
    let decoded = crate::decode_with(bytes, &config.decode)?;
    let format = config.html.format;
    let (text, mut extraction) = extract(&decoded.text, &config.html);
    extraction.invalid_bytes = decoded.invalid_offsets.len();
    let fixed = match format {
        Format::Text | Format::Markdown => {
            // The DOM stages removed the chrome with better evidence than lines have: the
            // line rules would take table rows (`a | b | c`) and short list items for menus.
            let mut c = config.clone();
            c.strip.enabled = false;
            clean(&text, &c)
        }
        Format::Html => {
            // The fragment is HTML: its character references are markup, not damage.
            let mut c = config.clone();
            c.repair.unescape_html = false;
            let mut fixed = fix_text(&text, &c);
            fixed.text = normalize::normalize(fixed.text, &c.normalize, &mut fixed.changes);
            fixed
        }
    };
    Ok(Document {
        input: text,
        output: fixed.text,
        encoding: decoded.encoding,
        source: decoded.source,
        declared: decoded.declared,
        overridden: decoded.overridden,
        changes: fixed.changes,
        extraction: Some(extraction),
    })
}
