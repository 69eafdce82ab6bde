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
        let html = super::prescan::prepare(html, super::prescan::MAX_DEPTH);
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
        assert!(depth > crate::html::prescan::MAX_DEPTH / 2);
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
