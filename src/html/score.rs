//! Choosing the main content: text density, link density and structure.
//!
//! The method is Readability's, made iterative and language-neutral: every paragraph-like
//! block with enough text gives points (for its length and its commas) to its parent and,
//! less, to its ancestors up to five levels; an ancestor's points are scaled down by its link
//! density and moved by the words of its class and id. The best-scoring block is the main
//! container; siblings that score well, or are plain prose paragraphs, join it. Inside it,
//! lists, tables and divisions that look like link farms or widgets are dropped.
//!
//! Lengths are counted in characters that carry text, with a CJK, kana or Hangul character
//! counting as three, so that the thresholds mean the same amount of prose in every script.

use super::parse::{Dom, NodeData, NodeId};
use super::prune::{self, WordKind};

/// Where a dropped subtree was, and by which rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drop {
    /// The root of the dropped subtree.
    pub node: NodeId,
    /// The rule's stable name, e.g. `html_nav`.
    pub rule: &'static str,
}

/// The result of scoring: the main content and everything dropped on the way.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// The main containers, in document order (empty when the page has no main content).
    pub main: Vec<NodeId>,
    /// For each node, the rule that dropped it (set on subtree roots only).
    pub dropped: Vec<Option<&'static str>>,
    /// The dropped subtrees, in the order they were dropped.
    pub drops: Vec<Drop>,
}

impl Selection {
    /// True when `id` (the root of a subtree being walked) was dropped.
    pub fn is_dropped(&self, id: NodeId) -> bool {
        self.dropped.get(id).is_some_and(Option::is_some)
    }
}

/// Options of the selection.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Prune blocks whose class or id names chrome (menus, share bars, comments...).
    pub use_classes: bool,
}

/// Elements that start a new block of text.
pub fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    )
}

/// `h1` to `h6`.
pub fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// How much text a character carries: 0 for spaces, 3 for CJK, kana and Hangul, else 1.
pub fn char_weight(c: char) -> f32 {
    if c.is_whitespace() {
        0.0
    } else if matches!(c as u32,
        0x1100..=0x11FF | 0x2E80..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7FF
        | 0xF900..=0xFAFF | 0xFF66..=0xFF9F | 0x20000..=0x3FFFF)
    {
        3.0
    } else {
        1.0
    }
}

fn is_comma(c: char) -> bool {
    matches!(c, ',' | '，' | '、' | '،')
}

/// Per-node measures of the kept tree.
struct Stats {
    /// Text weight of the subtree.
    text: Vec<f32>,
    /// Text weight inside links.
    link: Vec<f32>,
    /// Commas in the subtree.
    commas: Vec<u32>,
    /// Text weight not inside a nested block (the block's own inline text).
    own: Vec<f32>,
    /// Counts of p, img, li descendants and embeds.
    p: Vec<u32>,
    img: Vec<u32>,
    li: Vec<u32>,
    /// Kept nodes in document order.
    order: Vec<NodeId>,
}

impl Stats {
    fn measure(dom: &Dom, root: NodeId, dropped: &[Option<&'static str>]) -> Stats {
        let n = dom.len();
        let mut s = Stats {
            text: vec![0.0; n],
            link: vec![0.0; n],
            commas: vec![0; n],
            own: vec![0.0; n],
            p: vec![0; n],
            img: vec![0; n],
            li: vec![0; n],
            order: Vec::new(),
        };
        let mut inline = vec![0.0f32; n];
        let mut cur = Some(root);
        while let Some(id) = cur {
            let skip = dropped[id].is_some();
            if !skip {
                s.order.push(id);
            }
            cur = dom.next_in_order(id, root, skip);
        }
        for &id in s.order.iter().rev() {
            match &dom.node(id).data {
                NodeData::Text(t) => {
                    let mut w = 0.0;
                    let mut c = 0;
                    for ch in t.chars() {
                        w += char_weight(ch);
                        c += u32::from(is_comma(ch));
                    }
                    s.text[id] = w;
                    s.commas[id] = c;
                    inline[id] = w;
                }
                NodeData::Element { name, .. } => {
                    let name: &str = name;
                    if name == "a" {
                        s.link[id] = s.text[id];
                    }
                    match name {
                        "p" => s.p[id] += 1,
                        "img" => s.img[id] += 1,
                        "li" => s.li[id] += 1,
                        _ => {}
                    }
                    if is_block(name) {
                        s.own[id] = inline[id];
                        inline[id] = 0.0;
                    }
                }
                _ => {}
            }
            if let Some(parent) = dom.parent(id) {
                s.text[parent] += s.text[id];
                s.link[parent] += s.link[id];
                s.commas[parent] += s.commas[id];
                s.p[parent] += s.p[id];
                s.img[parent] += s.img[id];
                s.li[parent] += s.li[id];
                inline[parent] += inline[id];
            }
        }
        s
    }

    fn link_density(&self, id: NodeId) -> f32 {
        if self.text[id] > 0.0 {
            self.link[id] / self.text[id]
        } else {
            0.0
        }
    }
}

/// +25 for each positive class/id word, −25 for negative and chrome ones (at most ±50).
fn class_weight(dom: &Dom, id: NodeId) -> f32 {
    let kinds = prune::element_kinds(dom, id);
    let pos = kinds.contains(&WordKind::Positive);
    let neg = kinds.iter().any(|k| *k != WordKind::Positive);
    25.0 * (f32::from(u8::from(pos)) - f32::from(u8::from(neg)))
}

/// Starting score of a candidate container by its tag.
fn tag_score(name: &str) -> f32 {
    match name {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// Mark the subtrees that are never content, then structural chrome, in `dropped`.
fn prune(dom: &Dom, body: NodeId, opts: Options, sel: &mut Selection) {
    let mut cur = Some(0);
    while let Some(id) = cur {
        let mut skip = false;
        if let Some(name) = dom.name(id)
            && let Some(rule) = prune::always_drop(dom, id, name)
        {
            sel.dropped[id] = Some(rule);
            sel.drops.push(Drop { node: id, rule });
            skip = true;
        }
        cur = dom.next_in_order(id, 0, skip);
    }
    let stats = Stats::measure(dom, body, &sel.dropped);
    let prose = stats.text[body] - stats.link[body];
    let mut cur = Some(body);
    while let Some(id) = cur {
        let mut skip = sel.dropped[id].is_some();
        if !skip
            && let Some(name) = dom.name(id)
            && let Some((rule, always)) = prune::chrome(dom, id, name, opts.use_classes)
            && (always || stats.text[id] - stats.link[id] <= 0.5 * prose)
        {
            sel.dropped[id] = Some(rule);
            sel.drops.push(Drop { node: id, rule });
            skip = true;
        }
        cur = dom.next_in_order(id, body, skip);
    }
}

/// Choose the main content of `dom`.
pub fn select(dom: &Dom, opts: Options) -> Selection {
    let mut sel = Selection {
        main: Vec::new(),
        dropped: vec![None; dom.len()],
        drops: Vec::new(),
    };
    let Some(body) = dom.find_element(0, "body") else {
        return sel;
    };
    prune(dom, body, opts, &mut sel);
    let stats = Stats::measure(dom, body, &sel.dropped);

    // Paragraph-like blocks give points to their ancestors.
    let mut score: Vec<f32> = vec![f32::NAN; dom.len()];
    let mut candidates = Vec::new();
    // The points of all paragraphs under a node, at any depth.
    let mut mass: Vec<f32> = vec![0.0; dom.len()];
    for &id in &stats.order {
        let Some(name) = dom.name(id) else { continue };
        if id == body {
            continue;
        }
        let len = match name {
            "p" | "pre" | "td" | "blockquote" => stats.text[id] - stats.link[id],
            // Items of lists and tables, and captions, are parts, not paragraphs.
            "li" | "dd" | "dt" | "th" | "tr" | "caption" | "figcaption" => continue,
            _ if is_block(name) && !name.starts_with('h') => stats.own[id],
            _ => continue,
        };
        if len < 25.0 {
            continue;
        }
        // A block of text split by `<br>` runs holds several paragraphs (Readability turns
        // them into `<p>`s); its length counts for each.
        let brs = if name == "p" {
            0
        } else {
            dom.children(id)
                .filter(|&c| dom.name(c) == Some("br"))
                .count()
        };
        let cap = 3.0 * (brs / 2).max(1) as f32;
        let points = 1.0 + stats.commas[id] as f32 + (len / 100.0).floor().min(cap);
        // Text mixed with blocks is a paragraph of its own block (Readability wraps it in a
        // `<p>`), so that block takes the points; a block of inline content alone is a
        // paragraph, and its parent takes them.
        let mixed = !matches!(name, "p" | "pre" | "td" | "blockquote") && has_block_child(dom, id);
        mass[id] += points;
        let mut anc = if mixed { Some(id) } else { dom.parent(id) };
        for level in 0..5 {
            let Some(a) = anc else { break };
            let Some(aname) = dom.name(a) else { break };
            if score[a].is_nan() {
                score[a] = tag_score(aname) + class_weight(dom, a);
                candidates.push(a);
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[a] += points / divider;
            if a == body {
                break;
            }
            anc = dom.parent(a);
        }
    }
    // Text outside any block (e.g. markup flattened for depth) leaves only the body.
    if candidates.is_empty() && stats.own[body] >= 25.0 {
        score[body] = 1.0;
        candidates.push(body);
    }
    for &c in &candidates {
        score[c] *= 1.0 - stats.link_density(c);
    }
    for &id in stats.order.iter().rev() {
        if let Some(p) = dom.parent(id) {
            mass[p] += mass[id];
        }
    }
    let prose_mass = |id: NodeId| mass[id] * (1.0 - stats.link_density(id));
    candidates.sort_by(|a, b| score[*b].total_cmp(&score[*a]));
    let Some(&first) = candidates.first() else {
        return sel;
    };
    let top = promote(dom, body, first, &candidates, &score);
    let top_score = if score[top].is_nan() { 0.0 } else { score[top] };

    // Siblings that belong with it.
    let parent = dom.parent(top).filter(|_| top != body);
    let main: Vec<NodeId> = match parent {
        None => vec![top],
        Some(p) => {
            let threshold = (top_score * 0.2).max(10.0);
            let top_class = dom.attr(top, "class").unwrap_or("");
            dom.children(p)
                .filter(|&s| sel.dropped[s].is_none())
                .filter(|&s| {
                    if s == top {
                        return true;
                    }
                    let Some(sname) = dom.name(s) else {
                        return false;
                    };
                    let bonus = if !top_class.is_empty() && dom.attr(s, "class") == Some(top_class)
                    {
                        top_score * 0.2
                    } else {
                        0.0
                    };
                    if !score[s].is_nan() && score[s] + bonus >= threshold {
                        return true;
                    }
                    // A sibling whose paragraphs lie deeper than the scores reach.
                    if stats.link_density(s) < 0.25
                        && prose_mass(s) >= (0.2 * prose_mass(top)).max(threshold)
                    {
                        return true;
                    }
                    if sname == "p" || (is_block(sname) && !has_block_child(dom, s)) {
                        let len = stats.text[s];
                        let ld = stats.link_density(s);
                        return (len > 80.0 && ld < 0.25)
                            || (len > 0.0 && len <= 80.0 && ld == 0.0 && ends_sentence(dom, s));
                    }
                    false
                })
                .collect()
        }
    };
    if stats.text[top] <= 0.0 {
        return sel;
    }
    for &m in &main {
        clean(dom, m, &stats, &score, &mut sel);
    }
    for &m in &main {
        drop_orphan_headings(dom, m, &stats, &mut sel);
    }
    sel.main = main;
    sel
}

/// Readability's moves up the tree: to the ancestor shared by several near-best candidates,
/// to a parent that scores higher, and past parents with a single child.
fn promote(dom: &Dom, body: NodeId, top: NodeId, candidates: &[NodeId], score: &[f32]) -> NodeId {
    let mut top = top;
    let top_score = score[top];
    let alternatives: Vec<NodeId> = candidates[1..candidates.len().min(5)]
        .iter()
        .copied()
        .filter(|&c| score[c] / top_score >= 0.75)
        .collect();
    if alternatives.len() >= 3 {
        let mut p = dom.parent(top);
        while let Some(a) = p {
            if a == body {
                break;
            }
            let contained = alternatives
                .iter()
                .filter(|&&c| ancestors(dom, c).any(|x| x == a))
                .count();
            if contained >= 3 {
                top = a;
                break;
            }
            p = dom.parent(a);
        }
    }
    let mut last = score[top];
    let threshold = last / 3.0;
    let mut p = dom.parent(top);
    while let Some(a) = p {
        if a == body {
            break;
        }
        if score[a].is_nan() {
            p = dom.parent(a);
            continue;
        }
        if score[a] < threshold {
            break;
        }
        if score[a] > last {
            top = a;
            break;
        }
        last = score[a];
        p = dom.parent(a);
    }
    while let Some(a) = dom.parent(top) {
        if a == body || dom.children(a).filter(|&c| dom.name(c).is_some()).count() != 1 {
            break;
        }
        top = a;
    }
    top
}

/// True when `id` has a child that is a block element.
fn has_block_child(dom: &Dom, id: NodeId) -> bool {
    dom.children(id).any(|c| dom.name(c).is_some_and(is_block))
}

fn ancestors(dom: &Dom, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
    std::iter::successors(dom.parent(id), |&n| dom.parent(n))
}

/// True when the text of `id` ends like a sentence.
fn ends_sentence(dom: &Dom, id: NodeId) -> bool {
    let last = dom
        .descendants(id)
        .filter_map(|n| dom.text(n))
        .filter(|t| !t.trim().is_empty())
        .last();
    last.is_some_and(|t| {
        t.trim_end()
            .ends_with(['.', '!', '?', '。', '！', '？', '」', '”', '"'])
    })
}

/// Drop, inside a main container, the blocks that look like widgets or link lists rather than
/// prose (Readability's conditional cleaning).
fn clean(dom: &Dom, root: NodeId, stats: &Stats, score: &[f32], sel: &mut Selection) {
    let prose = |id: NodeId| stats.text[id] - stats.link[id];
    let half = 0.5 * prose(root);
    let mut cur = dom.next_in_order(root, root, sel.dropped[root].is_some());
    while let Some(id) = cur {
        let mut skip = sel.dropped[id].is_some();
        if !skip
            && let Some(name) = dom.name(id)
            && prose(id) < half
            && let Some(rule) = widget(dom, id, name, stats, score)
        {
            sel.dropped[id] = Some(rule);
            sel.drops.push(Drop { node: id, rule });
            skip = true;
        }
        cur = dom.next_in_order(id, root, skip);
    }
}

/// Drop headings whose section was dropped: a heading followed (up to the next heading, in
/// its parent or, past its parent's end, in the ancestors' following siblings) by dropped
/// blocks and by no kept text, like "Related stories" over a removed link list.
fn drop_orphan_headings(dom: &Dom, root: NodeId, stats: &Stats, sel: &mut Selection) {
    let mut orphans = Vec::new();
    let mut cur = Some(root);
    while let Some(id) = cur {
        let skip = sel.dropped[id].is_some();
        if !skip && dom.name(id).is_some_and(is_heading) && is_orphan(dom, root, id, stats, sel) {
            orphans.push(id);
        }
        cur = dom.next_in_order(id, root, skip);
    }
    for id in orphans {
        sel.dropped[id] = Some("html_orphan_heading");
        sel.drops.push(Drop {
            node: id,
            rule: "html_orphan_heading",
        });
    }
}

fn is_orphan(dom: &Dom, root: NodeId, heading: NodeId, stats: &Stats, sel: &Selection) -> bool {
    let mut saw_dropped = false;
    let mut at = heading;
    loop {
        let mut sib = dom.next_sibling(at);
        while let Some(s) = sib {
            if sel.dropped[s].is_some() {
                saw_dropped |= stats.text[s] > 0.0 || dom.name(s).is_some();
            } else if dom.name(s).is_some_and(is_heading) {
                return saw_dropped;
            } else if stats.text[s] > 0.0 {
                return false;
            }
            sib = dom.next_sibling(s);
        }
        if at == root {
            return saw_dropped;
        }
        match dom.parent(at) {
            Some(p) if p != root => at = p,
            _ => return saw_dropped,
        }
    }
}

/// Why a block inside the main content is a widget, not prose, if it is.
fn widget(dom: &Dom, id: NodeId, name: &str, stats: &Stats, score: &[f32]) -> Option<&'static str> {
    let is_list = matches!(name, "ul" | "ol");
    if !matches!(
        name,
        "div" | "section" | "table" | "ul" | "ol" | "form" | "dl"
    ) {
        // Headings, paragraphs and other blocks whose class says byline, date, meta, tool...
        // (figure captions are kept whatever their class).
        if is_block(name)
            && !matches!(name, "figcaption" | "li" | "td" | "th" | "tr" | "dd" | "dt")
            && class_weight(dom, id) < 0.0
        {
            return Some("html_negative_class");
        }
        return None;
    }
    let weight = class_weight(dom, id);
    // A list's own negative starting score is not evidence against it; its class is.
    let own_score = if score[id].is_nan() {
        0.0
    } else {
        score[id].max(0.0)
    };
    if weight + own_score < 0.0 {
        return Some("html_negative_class");
    }
    if stats.commas[id] >= 10 {
        return None;
    }
    let p = stats.p[id] as f32;
    let img = stats.img[id] as f32;
    let li = stats.li[id] as f32 - 100.0;
    let len = stats.text[id];
    let ld = stats.link_density(id);
    if name == "table" {
        // Data tables hold short cells; only a table of links is a widget.
        return (weight < 25.0 && ld > 0.5).then_some("html_link_density");
    }
    let in_figure = ancestors(dom, id).any(|a| dom.name(a) == Some("figure"));
    if img > 1.0 && p / img < 0.5 && !in_figure {
        return Some("html_image_gallery");
    }
    if !is_list && li > p {
        return Some("html_list_block");
    }
    if !is_list
        && len < 25.0
        && (img == 0.0 || img > 2.0)
        && !in_figure
        && !dom
            .descendants(id)
            .any(|d| dom.name(d).is_some_and(is_heading))
    {
        return Some("html_short_block");
    }
    if (weight < 25.0 && ld > 0.2) || ld > 0.5 {
        return Some("html_link_density");
    }
    None
}
