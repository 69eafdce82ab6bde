//! Rendering the main content as plain text, Markdown or a cleaned HTML fragment.
//!
//! The walk is iterative (enter/leave events over parent and sibling links), so any depth is
//! fine. Whitespace follows HTML's rules: runs collapse to one space except inside `pre`;
//! blocks are separated by a blank line, list items and table rows by a line break.

use super::parse::{Dom, NodeData, NodeId};
use super::score::{Selection, is_block, is_heading};

/// The output format of `clean` for HTML input.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (the default).
    #[default]
    Text,
    /// Markdown: headings, lists, emphasis, links, tables, code.
    Markdown,
    /// A cleaned HTML fragment with only structural and phrase tags.
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    None,
    Space,
    Line,
    Para,
}

struct Writer<'a> {
    dom: &'a Dom,
    format: Format,
    out: String,
    pending: Break,
    /// Markup to write before the next character (list bullets, heading marks, opening
    /// emphasis), so that empty elements leave nothing.
    prefix: String,
    /// The pending space stands for whitespace that held a line break.
    seg_break: bool,
    pre: usize,
    lists: Vec<(bool, usize)>,
    cells: usize,
    header_row: Option<usize>,
}

impl Writer<'_> {
    fn brk(&mut self, b: Break) {
        self.pending = self.pending.max(b);
    }

    /// Write pending breaks and prefix before content.
    fn flush(&mut self) {
        self.flush_before(None);
    }

    /// Write pending breaks and prefix before content starting with `next`. A line break in
    /// the source between two Chinese or Japanese characters is no space (CSS Text 3's segment
    /// break rule: those scripts do not separate words with spaces).
    fn flush_before(&mut self, next: Option<char>) {
        if !self.out.is_empty() {
            match self.pending {
                Break::None => {}
                Break::Space => {
                    let joined = self.seg_break
                        && self.prefix.is_empty()
                        && next.is_some_and(no_space_script)
                        && self.out.chars().next_back().is_some_and(no_space_script);
                    if !joined && !self.out.ends_with([' ', '\n']) {
                        self.out.push(' ');
                    }
                }
                Break::Line => self.out.push('\n'),
                Break::Para => self.out.push_str("\n\n"),
            }
        }
        self.pending = Break::None;
        self.seg_break = false;
        let prefix = std::mem::take(&mut self.prefix);
        self.out.push_str(&prefix);
    }

    fn text(&mut self, t: &str) {
        if self.pre > 0 {
            self.flush();
            if self.format == Format::Html {
                escape_into(&mut self.out, t);
            } else {
                self.out.push_str(t);
            }
            return;
        }
        let mut rest = t;
        while !rest.is_empty() {
            let word_start = rest
                .find(|c: char| !c.is_ascii_whitespace())
                .unwrap_or(rest.len());
            if word_start > 0 {
                self.brk(Break::Space);
                self.seg_break |= rest[..word_start].contains('\n');
                rest = &rest[word_start..];
                continue;
            }
            let word_end = rest
                .find(|c: char| c.is_ascii_whitespace())
                .unwrap_or(rest.len());
            let word = &rest[..word_end];
            rest = &rest[word_end..];
            self.flush_before(word.chars().next());
            match self.format {
                Format::Html => escape_into(&mut self.out, word),
                Format::Markdown => markdown_escape_into(&mut self.out, word),
                Format::Text => self.out.push_str(word),
            }
        }
    }

    /// Markup that goes right before the element's first character.
    fn open_inline(&mut self, s: &str) {
        self.prefix.push_str(s);
    }

    /// Close inline markup opened with `open_inline`: if nothing was written since, the
    /// opening is taken back instead.
    fn close_inline(&mut self, open: &str, close: &str) {
        if self.prefix.ends_with(open) {
            let l = self.prefix.len() - open.len();
            self.prefix.truncate(l);
        } else {
            let space = self.pending;
            self.pending = Break::None;
            self.out.push_str(close);
            self.pending = space;
        }
    }

    fn enter(&mut self, id: NodeId) {
        let dom = self.dom;
        let Some(name) = dom.name(id) else {
            if let Some(t) = dom.text(id) {
                self.text(t);
            }
            return;
        };
        if name == "br" {
            self.brk(Break::Line);
            if self.format == Format::Html {
                self.flush();
                self.out.push_str("<br>");
            }
            return;
        }
        if name == "pre" {
            self.pre += 1;
        }
        match self.format {
            Format::Text => self.enter_text(name),
            Format::Markdown => self.enter_markdown(id, name),
            Format::Html => self.enter_html(id, name),
        }
    }

    fn leave(&mut self, id: NodeId) {
        let Some(name) = self.dom.name(id) else {
            return;
        };
        if name == "pre" {
            self.pre = self.pre.saturating_sub(1);
        }
        match self.format {
            Format::Text => {
                if is_block(name) {
                    self.brk(block_break(name));
                }
            }
            Format::Markdown => self.leave_markdown(id, name),
            Format::Html => self.leave_html(id, name),
        }
        if matches!(name, "ul" | "ol") {
            self.lists.pop();
        }
    }

    fn enter_text(&mut self, name: &str) {
        if matches!(name, "td" | "th") {
            if self.cells > 0 {
                self.brk(Break::Space);
                self.prefix.push_str("| ");
            }
            self.cells += 1;
        } else if name == "tr" {
            self.cells = 0;
            self.brk(Break::Line);
        } else if is_block(name) {
            self.brk(block_break(name));
        }
    }

    fn enter_markdown(&mut self, id: NodeId, name: &str) {
        match name {
            _ if is_heading(name) => {
                self.brk(Break::Para);
                let level = usize::from(name.as_bytes()[1] - b'0');
                self.prefix = format!("{} ", "#".repeat(level));
            }
            "ul" | "ol" => {
                self.brk(if self.lists.is_empty() {
                    Break::Para
                } else {
                    Break::Line
                });
                self.lists.push((name == "ol", 0));
            }
            "li" => {
                self.brk(Break::Line);
                let depth = self.lists.len().saturating_sub(1);
                let marker = match self.lists.last_mut() {
                    Some((true, n)) => {
                        *n += 1;
                        format!("{n}. ")
                    }
                    _ => "- ".to_string(),
                };
                self.prefix = format!("{}{marker}", "  ".repeat(depth));
            }
            "blockquote" => {
                self.brk(Break::Para);
                self.prefix = "> ".into();
            }
            "pre" => {
                self.brk(Break::Para);
                self.prefix = "```\n".into();
            }
            "tr" => {
                self.brk(Break::Line);
                self.cells = 0;
                self.prefix = "| ".into();
            }
            "td" | "th" => {
                if self.cells > 0 {
                    self.brk(Break::Space);
                    self.prefix.push_str("| ");
                }
                self.cells += 1;
            }
            "em" | "i" | "cite" => self.open_inline("*"),
            "strong" | "b" => self.open_inline("**"),
            "code" if self.pre == 0 => self.open_inline("`"),
            "a" if link_target(self.dom, id).is_some() => self.open_inline("["),
            _ if is_block(name) => self.brk(block_break(name)),
            _ => {}
        }
    }

    fn leave_markdown(&mut self, id: NodeId, name: &str) {
        match name {
            "em" | "i" | "cite" => self.close_inline("*", "*"),
            "strong" | "b" => self.close_inline("**", "**"),
            "code" if self.pre == 0 => self.close_inline("`", "`"),
            "a" => {
                if let Some(href) = link_target(self.dom, id) {
                    self.close_inline("[", &format!("]({href})"));
                }
            }
            "pre" => {
                if !self.prefix.is_empty() {
                    self.prefix.clear();
                } else {
                    if !self.out.ends_with('\n') {
                        self.out.push('\n');
                    }
                    self.out.push_str("```");
                }
                self.brk(Break::Para);
            }
            "tr" => {
                if self.prefix.is_empty() {
                    self.out.push_str(" |");
                    let is_header = self
                        .dom
                        .children(id)
                        .any(|c| self.dom.name(c) == Some("th"));
                    if self.header_row.is_none() {
                        self.header_row = Some(self.cells);
                        if is_header || self.cells > 0 {
                            self.out.push('\n');
                            self.out.push_str(&"| --- ".repeat(self.cells.max(1)));
                            self.out.push('|');
                        }
                    }
                }
                self.prefix.clear();
                self.brk(Break::Line);
            }
            "table" => {
                self.header_row = None;
                self.brk(Break::Para);
            }
            _ if is_block(name) => {
                if !matches!(name, "li" | "td" | "th") {
                    self.prefix.clear();
                }
                self.brk(block_break(name));
            }
            _ => {}
        }
    }

    fn enter_html(&mut self, id: NodeId, name: &str) {
        let Some(tag) = html_tag(name) else {
            if is_block(name) {
                self.brk(Break::Line);
            }
            return;
        };
        if is_block(name) {
            self.brk(Break::Line);
            self.flush();
        } else {
            // Inline tags open lazily, so that an empty one leaves nothing.
            self.flush_space_only();
        }
        let open = html_open(self.dom, id, tag);
        if is_block(name) {
            self.out.push_str(&open);
        } else {
            self.prefix.push_str(&open);
        }
    }

    fn flush_space_only(&mut self) {
        if self.pending == Break::Space && !self.out.is_empty() && !self.out.ends_with(['\n', ' '])
        {
            self.out.push(' ');
            self.pending = Break::None;
        }
    }

    fn leave_html(&mut self, id: NodeId, name: &str) {
        let Some(tag) = html_tag(name) else {
            if is_block(name) {
                self.brk(Break::Line);
            }
            return;
        };
        let close = format!("</{tag}>");
        if is_block(name) {
            self.pending = Break::None;
            self.prefix.clear();
            self.out.push_str(&close);
            self.brk(Break::Line);
        } else {
            let open = html_open(self.dom, id, tag);
            self.close_inline(&open, &close);
        }
    }
}

/// The opening tag of `tag` for element `id` (links keep their `href`).
fn html_open(dom: &Dom, id: NodeId, tag: &str) -> String {
    let mut open = format!("<{tag}");
    if tag == "a"
        && let Some(href) = link_target(dom, id)
    {
        open.push_str(" href=\"");
        escape_into(&mut open, href);
        open.push('"');
    }
    open.push('>');
    open
}

/// Chinese and Japanese characters (ideographs, kana, CJK and fullwidth punctuation), whose
/// words are not separated by spaces. Hangul is not among them: Korean uses spaces.
fn no_space_script(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3190..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFF60
        | 0x20000..=0x3FFFF)
}

/// The tag an element keeps in the cleaned HTML fragment (`None`: unwrapped).
fn html_tag(name: &str) -> Option<&str> {
    Some(match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" | "ul" | "ol" | "li" | "dl" | "dt" | "dd"
        | "blockquote" | "pre" | "table" | "thead" | "tbody" | "tfoot" | "tr" | "td" | "th"
        | "caption" | "figure" | "figcaption" | "em" | "strong" | "code" | "a" | "sub" | "sup" => {
            name
        }
        "i" | "cite" => "em",
        "b" => "strong",
        _ => return None,
    })
}

fn block_break(name: &str) -> Break {
    match name {
        "li" | "dt" | "dd" | "tr" => Break::Line,
        "td" | "th" => Break::Space,
        _ => Break::Para,
    }
}

/// The `href` of a link worth keeping (not a script or an in-page anchor).
fn link_target(dom: &Dom, id: NodeId) -> Option<&str> {
    let href = dom.attr(id, "href")?.trim();
    let lower = href.get(..11).unwrap_or(href).to_ascii_lowercase();
    (!href.is_empty() && !href.starts_with('#') && !lower.starts_with("javascript:"))
        .then_some(href)
}

/// Escape, with a backslash, the characters that would start Markdown markup inside text
/// (backslash, asterisk, underscore, backtick, square brackets), and a `#` that would start
/// a heading.
fn markdown_escape_into(out: &mut String, s: &str) {
    let at_line_start = out.is_empty() || out.ends_with('\n');
    for (i, c) in s.char_indices() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']') || (c == '#' && i == 0 && at_line_start)
        {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Escape `&`, `<`, `>` and `"` for HTML.
pub(crate) fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

/// Render the kept content of `roots` (in order) as `format`. The result has no leading or
/// trailing blank lines; it is not yet whitespace-normalized.
pub fn render(dom: &Dom, roots: &[NodeId], sel: &Selection, format: Format) -> String {
    let mut w = Writer {
        dom,
        format,
        out: String::new(),
        pending: Break::None,
        prefix: String::new(),
        seg_break: false,
        pre: 0,
        lists: Vec::new(),
        cells: 0,
        header_row: None,
    };
    let kept = |id: NodeId| !sel.is_dropped(id) && !matches!(dom.node(id).data, NodeData::Other);
    let first_kept = |mut c: Option<NodeId>| {
        while let Some(id) = c {
            if kept(id) {
                return Some(id);
            }
            c = dom.next_sibling(id);
        }
        None
    };
    for &root in roots {
        if !kept(root) {
            continue;
        }
        w.brk(Break::Para);
        let mut id = root;
        'walk: loop {
            w.enter(id);
            if let Some(c) = first_kept(dom.first_child(id)) {
                id = c;
                continue;
            }
            loop {
                w.leave(id);
                if id == root {
                    break 'walk;
                }
                if let Some(n) = first_kept(dom.next_sibling(id)) {
                    id = n;
                    break;
                }
                match dom.parent(id) {
                    Some(p) => id = p,
                    None => break 'walk,
                }
            }
        }
    }
    let mut out = w.out;
    out.truncate(out.trim_end().len());
    if !out.is_empty() {
        out.push('\n');
    }
    out
}
