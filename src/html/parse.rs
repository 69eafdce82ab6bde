//! HTML5 parsing into a flat arena tree.
//!
//! html5ever does the parsing (the WHATWG tree-construction algorithm, so malformed and
//! truncated markup is repaired exactly as a browser would); this module only supplies the
//! tree it builds into. Nodes live in one `Vec` and point at each other by index, so the tree
//! has no recursion anywhere: building, walking and dropping a page nested 100,000 levels deep
//! uses no stack beyond a constant.

use std::borrow::Cow;
use std::cell::RefCell;

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, LocalName, Namespace, QualName, ns};

/// Index of a node in a [`Dom`].
pub type NodeId = usize;

/// Marks "no node" in the link fields.
const NONE: usize = usize::MAX;

/// What a node is.
#[derive(Debug, Clone)]
pub enum NodeData {
    /// The document root (index 0), or a template's contents.
    Document,
    /// An element with its name and attributes.
    Element {
        /// Namespace (HTML, SVG, MathML).
        ns: Namespace,
        /// Local name, lower case for HTML elements.
        name: LocalName,
        /// Attributes in source order.
        attrs: Vec<(LocalName, StrTendril)>,
    },
    /// A run of text (adjacent text is merged).
    Text(StrTendril),
    /// Comments, doctypes and processing instructions: kept only as placeholders.
    Other,
}

/// One node and its links.
#[derive(Debug, Clone)]
pub struct Node {
    /// What it is.
    pub data: NodeData,
    parent: usize,
    first_child: usize,
    last_child: usize,
    prev: usize,
    next: usize,
}

/// A parsed document: node 0 is the document.
#[derive(Debug, Default)]
pub struct Dom {
    nodes: Vec<Node>,
}

fn opt(i: usize) -> Option<NodeId> {
    (i != NONE).then_some(i)
}

impl Dom {
    /// Parse `html` as a whole document. Never fails: any input gives a tree.
    ///
    /// ```
    /// use textmend::html::parse::Dom;
    /// let dom = Dom::parse("<p>one<p>two");
    /// let body = dom.find_element(0, "body").unwrap();
    /// assert_eq!(dom.children(body).count(), 2);
    /// ```
    pub fn parse(html: &str) -> Dom {
        let sink = Sink {
            dom: RefCell::new(Dom {
                nodes: vec![Node::new(NodeData::Document)],
            }),
        };
        let html = prepare(html, MAX_DEPTH);
        html5ever::parse_document(sink, Default::default()).one(html.as_ref())
    }

    /// The node `id`.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    /// Number of nodes (including detached ones).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// True when the arena holds nothing but the document node.
    pub fn is_empty(&self) -> bool {
        self.nodes.len() <= 1
    }

    /// The parent of `id`.
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        opt(self.nodes[id].parent)
    }

    /// The children of `id`, in order.
    pub fn children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let mut cur = self.nodes[id].first_child;
        std::iter::from_fn(move || {
            let c = opt(cur)?;
            cur = self.nodes[c].next;
            Some(c)
        })
    }

    /// The first child of `id`.
    pub fn first_child(&self, id: NodeId) -> Option<NodeId> {
        opt(self.nodes[id].first_child)
    }

    /// The sibling after `id`.
    pub fn next_sibling(&self, id: NodeId) -> Option<NodeId> {
        opt(self.nodes[id].next)
    }

    /// The local name of an HTML element (`None` for other nodes and foreign elements
    /// are reported with their local name too).
    pub fn name(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id].data {
            NodeData::Element { name, .. } => Some(name),
            _ => None,
        }
    }

    /// The value of attribute `attr` of element `id`.
    pub fn attr(&self, id: NodeId, attr: &str) -> Option<&str> {
        match &self.nodes[id].data {
            NodeData::Element { attrs, .. } => {
                attrs.iter().find(|(n, _)| &**n == attr).map(|(_, v)| &**v)
            }
            _ => None,
        }
    }

    /// The text of a text node.
    pub fn text(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id].data {
            NodeData::Text(t) => Some(t),
            _ => None,
        }
    }

    /// Every node under `root` (itself included) in document order, without recursion.
    pub fn descendants(&self, root: NodeId) -> Descendants<'_> {
        Descendants {
            dom: self,
            root,
            next: Some(root),
        }
    }

    /// The first element named `name` under `root`, in document order.
    pub fn find_element(&self, root: NodeId, name: &str) -> Option<NodeId> {
        self.descendants(root).find(|&n| self.name(n) == Some(name))
    }

    /// The node after `id` in document order, skipping the subtree of `id` when `skip` is set,
    /// staying under `root`.
    pub fn next_in_order(&self, id: NodeId, root: NodeId, skip: bool) -> Option<NodeId> {
        if !skip && let Some(c) = opt(self.nodes[id].first_child) {
            return Some(c);
        }
        let mut cur = id;
        while cur != root {
            if let Some(n) = opt(self.nodes[cur].next) {
                return Some(n);
            }
            cur = opt(self.nodes[cur].parent)?;
        }
        None
    }

    fn push(&mut self, data: NodeData) -> NodeId {
        self.nodes.push(Node::new(data));
        self.nodes.len() - 1
    }

    fn detach(&mut self, id: NodeId) {
        let Node {
            parent, prev, next, ..
        } = self.nodes[id];
        if parent == NONE {
            return;
        }
        if prev != NONE {
            self.nodes[prev].next = next;
        } else {
            self.nodes[parent].first_child = next;
        }
        if next != NONE {
            self.nodes[next].prev = prev;
        } else {
            self.nodes[parent].last_child = prev;
        }
        let n = &mut self.nodes[id];
        n.parent = NONE;
        n.prev = NONE;
        n.next = NONE;
    }

    fn append_child(&mut self, parent: NodeId, child: NodeId) {
        self.detach(child);
        let last = self.nodes[parent].last_child;
        self.nodes[child].parent = parent;
        self.nodes[child].prev = last;
        if last != NONE {
            self.nodes[last].next = child;
        } else {
            self.nodes[parent].first_child = child;
        }
        self.nodes[parent].last_child = child;
    }

    fn insert_before(&mut self, sibling: NodeId, child: NodeId) {
        self.detach(child);
        let parent = self.nodes[sibling].parent;
        let prev = self.nodes[sibling].prev;
        self.nodes[child].parent = parent;
        self.nodes[child].prev = prev;
        self.nodes[child].next = sibling;
        self.nodes[sibling].prev = child;
        if prev != NONE {
            self.nodes[prev].next = child;
        } else if parent != NONE {
            self.nodes[parent].first_child = child;
        }
    }

    /// Append text to the text node `id` if it is one; true when it was.
    fn extend_text(&mut self, id: usize, text: &str) -> bool {
        if let Some(NodeData::Text(t)) = self.nodes.get_mut(id).map(|n| &mut n.data) {
            t.push_slice(text);
            true
        } else {
            false
        }
    }
}

impl Node {
    fn new(data: NodeData) -> Node {
        Node {
            data,
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev: NONE,
            next: NONE,
        }
    }
}

/// Iterator over a subtree in document order; see [`Dom::descendants`].
pub struct Descendants<'a> {
    dom: &'a Dom,
    root: NodeId,
    next: Option<NodeId>,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let cur = self.next?;
        self.next = self.dom.next_in_order(cur, self.root, false);
        Some(cur)
    }
}

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
/// use textmend::html::parse::prepare;
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

/// The html5ever tree sink that builds a [`Dom`].
struct Sink {
    dom: RefCell<Dom>,
}

/// An element's name as html5ever asks for it.
#[derive(Debug)]
struct Name(QualName);

impl html5ever::tree_builder::ElemName for Name {
    fn ns(&self) -> &Namespace {
        &self.0.ns
    }
    fn local_name(&self) -> &LocalName {
        &self.0.local
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Dom;
    type ElemName<'a> = Name;

    fn finish(self) -> Dom {
        self.dom.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        0
    }

    fn elem_name(&self, target: &NodeId) -> Name {
        match &self.dom.borrow().nodes[*target].data {
            NodeData::Element { ns, name, .. } => {
                Name(QualName::new(None, ns.clone(), name.clone()))
            }
            _ => Name(QualName::new(None, ns!(), LocalName::from(""))),
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> NodeId {
        let attrs = attrs.into_iter().map(|a| (a.name.local, a.value)).collect();
        self.dom.borrow_mut().push(NodeData::Element {
            ns: name.ns,
            name: name.local,
            attrs,
        })
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.dom.borrow_mut().push(NodeData::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.dom.borrow_mut().push(NodeData::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let mut dom = self.dom.borrow_mut();
        match child {
            NodeOrText::AppendNode(n) => dom.append_child(*parent, n),
            NodeOrText::AppendText(t) => {
                let last = dom.nodes[*parent].last_child;
                if !dom.extend_text(last, &t) {
                    let n = dom.push(NodeData::Text(t));
                    dom.append_child(*parent, n);
                }
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.dom.borrow().nodes[*element].parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        // Template contents are never shown; give them a detached fragment.
        let _ = target;
        self.dom.borrow_mut().push(NodeData::Document)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut dom = self.dom.borrow_mut();
        match new_node {
            NodeOrText::AppendNode(n) => dom.insert_before(*sibling, n),
            NodeOrText::AppendText(t) => {
                let prev = dom.nodes[*sibling].prev;
                if !dom.extend_text(prev, &t) {
                    let n = dom.push(NodeData::Text(t));
                    dom.insert_before(*sibling, n);
                }
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, new: Vec<Attribute>) {
        let mut dom = self.dom.borrow_mut();
        if let NodeData::Element { attrs, .. } = &mut dom.nodes[*target].data {
            for a in new {
                if !attrs.iter().any(|(n, _)| *n == a.name.local) {
                    attrs.push((a.name.local, a.value));
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.dom.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut dom = self.dom.borrow_mut();
        while let Some(c) = opt(dom.nodes[*node].first_child) {
            dom.append_child(*new_parent, c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misnested_markup_is_repaired_like_a_browser() {
        let dom = Dom::parse("<p><b>bold<i>both</b>italic</i></p>");
        let text: String = dom.descendants(0).filter_map(|n| dom.text(n)).collect();
        assert_eq!(text, "boldbothitalic");
    }

    #[test]
    fn deep_nesting_builds_and_drops_without_recursion() {
        let html = "<div>".repeat(100_000) + "deep";
        let dom = Dom::parse(&html);
        let depth = {
            let leaf = dom.descendants(0).find(|&n| dom.text(n).is_some()).unwrap();
            std::iter::successors(Some(leaf), |&n| dom.parent(n)).count()
        };
        assert!(depth > MAX_DEPTH / 2);
    }

    #[test]
    fn deep_inline_and_table_nesting_is_flattened() {
        for open in [
            "<b>",
            "<span>",
            "<table><tr><td>",
            "<ul><li>",
            "<a href=x>",
            "<font>",
        ] {
            let html = open.repeat(100_000) + "deep";
            let dom = Dom::parse(&html);
            assert!(
                dom.descendants(0).any(|n| dom.text(n) == Some("deep")),
                "{open}"
            );
        }
    }
}
