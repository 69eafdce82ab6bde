//! Pruning: elements that are never main content, each dropped by a named rule.
//!
//! Rules look at one element (its tag, ARIA role, visibility, class and id words). Structural
//! chrome (navigation, headers, footers, asides, and blocks whose class says so) is kept when
//! it holds most of the page's prose: some sites wrap the whole page in one of those.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::parse::{Dom, NodeId};

/// What the words of a class or id say about a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    /// Page chrome: prune, unless it holds most of the page's prose.
    Chrome,
    /// Page chrome that never wraps a page (comments, share bars): prune.
    ChromeAlways,
    /// Less likely to be content.
    Negative,
    /// More likely to be content.
    Positive,
}

/// The class/id vocabulary from `data/html_class_words.txt`.
fn words() -> &'static HashMap<&'static str, WordKind> {
    static WORDS: OnceLock<HashMap<&'static str, WordKind>> = OnceLock::new();
    WORDS.get_or_init(|| {
        include_str!("../../data/html_class_words.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let (word, kind) = l.split_once('\t')?;
                let kind = match kind.trim() {
                    "chrome" => WordKind::Chrome,
                    "chrome-always" => WordKind::ChromeAlways,
                    "negative" => WordKind::Negative,
                    _ => WordKind::Positive,
                };
                Some((word.trim(), kind))
            })
            .collect()
    })
}

/// Look up one lower-case token: whole-word first, then (for tokens of 5+ letters) the longest
/// listed word of 4+ letters it starts with.
fn token_kind(token: &str) -> Option<WordKind> {
    let w = words();
    if let Some(k) = w.get(token) {
        return Some(*k);
    }
    (4..token.len())
        .rev()
        .filter(|&i| token.is_char_boundary(i))
        .find_map(|i| w.get(&token[..i]).copied())
}

/// The kinds of the words in a class or id value.
///
/// ```
/// use textmend::html::prune::{class_kinds, WordKind};
/// assert!(class_kinds("site-sidebar").contains(&WordKind::Chrome));
/// assert!(class_kinds("relatedArticles").contains(&WordKind::ChromeAlways));
/// assert!(class_kinds("article-body").contains(&WordKind::Positive));
/// assert!(class_kinds("headline").is_empty());
/// ```
pub fn class_kinds(value: &str) -> Vec<WordKind> {
    let mut kinds = Vec::new();
    let mut token = String::new();
    let mut prev_lower = false;
    let flush = |token: &mut String, kinds: &mut Vec<WordKind>| {
        if !token.is_empty() {
            if let Some(k) = token_kind(token) {
                kinds.push(k);
            }
            token.clear();
        }
    };
    for c in value.chars() {
        if !c.is_ascii_alphabetic() {
            flush(&mut token, &mut kinds);
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower {
            flush(&mut token, &mut kinds);
        }
        prev_lower = c.is_ascii_lowercase();
        token.push(c.to_ascii_lowercase());
    }
    flush(&mut token, &mut kinds);
    kinds
}

/// The kinds of the words in the class and id of element `id`.
pub fn element_kinds(dom: &Dom, id: NodeId) -> Vec<WordKind> {
    let mut k = dom.attr(id, "class").map(class_kinds).unwrap_or_default();
    if let Some(v) = dom.attr(id, "id") {
        k.extend(class_kinds(v));
    }
    k
}

/// Elements whose content is never shown as text, or is a control, not prose.
///
/// ```
/// use textmend::html::prune::invisible_tag;
/// assert_eq!(invisible_tag("script"), Some("html_script"));
/// assert_eq!(invisible_tag("p"), None);
/// ```
pub fn invisible_tag(name: &str) -> Option<&'static str> {
    Some(match name {
        "script" => "html_script",
        "style" => "html_style",
        "noscript" => "html_noscript",
        "template" => "html_template",
        "svg" => "html_svg",
        "math" => "html_math",
        "head" => "html_head",
        "iframe" | "frame" | "frameset" | "object" | "embed" | "applet" => "html_embed",
        "canvas" | "video" | "audio" | "map" | "picture" => "html_media",
        "button" | "input" | "select" | "textarea" | "option" | "datalist" | "label"
        | "fieldset" | "output" | "progress" | "meter" => "html_form_control",
        "dialog" => "html_dialog",
        _ => return None,
    })
}

/// Structural chrome by tag: `nav`, `header`, `footer`, `aside`, `menu`.
///
/// ```
/// use textmend::html::prune::chrome_tag;
/// assert_eq!(chrome_tag("nav"), Some("html_nav"));
/// assert_eq!(chrome_tag("article"), None);
/// ```
pub fn chrome_tag(name: &str) -> Option<&'static str> {
    Some(match name {
        "nav" => "html_nav",
        "header" => "html_header",
        "footer" => "html_footer",
        "aside" => "html_aside",
        "menu" => "html_menu",
        _ => return None,
    })
}

/// Structural chrome by ARIA role.
///
/// ```
/// use textmend::html::prune::chrome_role;
/// assert_eq!(chrome_role("navigation"), Some("html_role_navigation"));
/// assert_eq!(chrome_role("main"), None);
/// ```
pub fn chrome_role(role: &str) -> Option<&'static str> {
    Some(match role.trim().to_ascii_lowercase().as_str() {
        "navigation" => "html_role_navigation",
        "banner" => "html_role_banner",
        "contentinfo" => "html_role_contentinfo",
        "complementary" => "html_role_complementary",
        "search" => "html_role_search",
        "menu" | "menubar" => "html_role_menu",
        "toolbar" => "html_role_toolbar",
        "dialog" | "alertdialog" => "html_role_dialog",
        "tablist" => "html_role_tablist",
        _ => return None,
    })
}

/// True when the element is hidden: `hidden`, `aria-hidden="true"`, or an inline style with
/// `display: none` or `visibility: hidden`.
pub fn is_hidden(dom: &Dom, id: NodeId) -> bool {
    if dom.attr(id, "hidden").is_some() {
        return true;
    }
    if dom
        .attr(id, "aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    dom.attr(id, "style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Why element `id` is never content (rules that hold whatever its size), if it is not.
pub fn always_drop(dom: &Dom, id: NodeId, name: &str) -> Option<&'static str> {
    if let Some(rule) = invisible_tag(name) {
        return Some(rule);
    }
    if is_hidden(dom, id) && name != "body" && name != "html" {
        return Some("html_hidden");
    }
    None
}

/// Why element `id` is structural chrome, if it is: the rule's name and whether the rule holds
/// however much prose the element holds (else the caller keeps elements holding most of it).
pub fn chrome(
    dom: &Dom,
    id: NodeId,
    name: &str,
    use_classes: bool,
) -> Option<(&'static str, bool)> {
    if matches!(name, "body" | "html" | "main" | "article") {
        return None;
    }
    if let Some(rule) = chrome_tag(name) {
        return Some((rule, false));
    }
    if let Some(rule) = dom.attr(id, "role").and_then(chrome_role) {
        return Some((rule, false));
    }
    if use_classes && name != "a" {
        let kinds = element_kinds(dom, id);
        if !kinds.contains(&WordKind::Positive) {
            if kinds.contains(&WordKind::ChromeAlways) {
                return Some(("html_class", true));
            }
            if kinds.contains(&WordKind::Chrome) {
                return Some(("html_class", false));
            }
        }
    }
    None
}
