//! A flat, index-linked DOM built by html5ever's spec-compliant tree builder.
//!
//! Why not `markup5ever_rcdom`: its `Rc` nodes drop recursively (a 100,000-deep
//! page overflows the stack) and cost an allocation per node. Here nodes live
//! in one `Vec`, link by index, and every walk in this crate is iterative.

// Indices: a `NodeId` is only ever made by this arena (`Dom::parse`
// pushes a node and hands out its index), so `nodes[id]` is in range.
#![allow(clippy::indexing_slicing)]

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use html5ever::interface::ElemName;
use html5ever::interface::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{Attribute, LocalName, Namespace, QualName, ns, parse_document};

/// Index of a node in [`Dom::nodes`].
pub type NodeId = usize;

/// The document node's id.
pub const DOCUMENT: NodeId = 0;

/// Deepest element nesting passed to the tree builder. Its scope checks walk
/// the stack of open elements, so 100,000 nested `<div>`s cost 10¹⁰ steps;
/// Chromium caps its parser's depth at 512 for the same reason, and so do we.
pub const MAX_DEPTH: usize = 512;

/// Elements that never hold content, or whose end tag the parser infers: they
/// do not deepen the tree in the count below.
fn shallow(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
            | "param"
            | "keygen"
            | "p"
            | "li"
            | "dt"
            | "dd"
            | "option"
            | "optgroup"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "tfoot"
            | "rb"
            | "rt"
            | "rtc"
            | "rp"
            | "colgroup"
            | "caption"
            | "html"
            | "head"
            | "body"
    )
}

/// Drops the start and end tags nested deeper than `max` (a linear scan that
/// reads tags naively: comments and `<script>` bodies are skipped, everything
/// else counted). Text is kept, so a pathological page flattens instead of
/// taking quadratic time. Pages under the limit come back untouched.
pub fn limit_depth(html: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let b = html.as_bytes();
    let name_at = |mut i: usize| {
        let start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
            i += 1;
        }
        (start, i)
    };
    let mut depth = 0usize;
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let lt = i + off;
        i = lt + 1;
        if html[lt..].starts_with("<!--") {
            i = html[lt..].find("-->").map_or(b.len(), |e| lt + e + 3);
            continue;
        }
        let close = b.get(i) == Some(&b'/');
        let (ns, ne) = name_at(if close { i + 1 } else { i });
        if ne == ns || !b[ns].is_ascii_alphabetic() {
            continue;
        }
        // Lower-cased on the stack: one allocation per tag is what a page
        // of thousands of tags cannot afford in wasm. Longer names are in no
        // list below.
        let mut buf = [0u8; 16];
        let raw = &b[ns..ne];
        let name = if raw.len() <= buf.len() {
            for (d, s) in buf.iter_mut().zip(raw) {
                *d = s.to_ascii_lowercase();
            }
            std::str::from_utf8(&buf[..raw.len()]).unwrap_or("")
        } else {
            ""
        };
        let gt = html[ne..].find('>').map_or(b.len(), |e| ne + e + 1);
        i = gt;
        if !close && matches!(name, "script" | "style" | "textarea" | "title" | "xmp") {
            // The raw text runs to `</name`, in any case.
            let mut j = gt;
            i = b.len();
            while let Some(e) = html.get(j..).and_then(|r| r.find("</")) {
                let at = j + e + 2;
                if b.get(at..at + name.len())
                    .is_some_and(|t| t.eq_ignore_ascii_case(name.as_bytes()))
                {
                    i = j + e;
                    break;
                }
                j = at;
            }
            continue;
        }
        if shallow(name) || (!close && b[..gt].ends_with(b"/>")) {
            continue;
        }
        let drop = if close {
            let d = depth > max;
            depth = depth.saturating_sub(1);
            d
        } else {
            depth += 1;
            depth > max
        };
        if drop {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..lt]);
            copied = gt.min(b.len());
        }
    }
    match out {
        None => std::borrow::Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied..]);
            std::borrow::Cow::Owned(o)
        }
    }
}

/// One node and its links.
#[derive(Debug)]
pub struct Node {
    /// Parent, `None` for the document and for detached nodes.
    pub parent: Option<NodeId>,
    /// First child.
    pub first_child: Option<NodeId>,
    /// Last child.
    pub last_child: Option<NodeId>,
    /// Previous sibling.
    pub prev: Option<NodeId>,
    /// Next sibling.
    pub next: Option<NodeId>,
    /// What the node is.
    pub data: NodeData,
}

/// Node payloads. Comments, doctypes and processing instructions carry
/// nothing: the extractor never reads them.
#[derive(Debug)]
pub enum NodeData {
    /// The document root (also a template's contents).
    Document,
    /// Text.
    Text(StrTendril),
    /// An element.
    Element(Element),
    /// A comment, doctype or processing instruction.
    Other,
}

/// An element: its name and attributes.
#[derive(Debug)]
pub struct Element {
    /// Qualified name (namespace tells HTML from SVG and MathML).
    pub name: QualName,
    /// Attributes, in source order.
    pub attrs: Vec<Attribute>,
    template_contents: Option<NodeId>,
    mathml_annotation_xml_integration_point: bool,
}

impl Element {
    /// The value of attribute `name` (no namespace), if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name.ns.is_empty() && &*a.name.local == name)
            .map(|a| &*a.value)
    }

    /// The local name when the element is in the HTML namespace.
    pub fn html_name(&self) -> Option<&str> {
        (self.name.ns == ns!(html)).then_some(&*self.name.local)
    }
}

/// A parsed document.
#[derive(Debug)]
pub struct Dom {
    /// Every node; [`DOCUMENT`] first.
    pub nodes: Vec<Node>,
}

impl Dom {
    /// Parses `html` as a whole document (never fails: HTML has no syntax errors,
    /// only recoveries).
    pub fn parse(html: &str) -> Dom {
        let html = limit_depth(html, MAX_DEPTH);
        let sink = Sink {
            nodes: RefCell::new(vec![Node::new(NodeData::Document)]),
            quirks: Cell::new(QuirksMode::NoQuirks),
        };
        // Scripting off: `<noscript>` content is parsed as markup, as a
        // browser without JavaScript shows it (Blogger and others put the
        // article there and render it from a script otherwise).
        let mut opts = html5ever::ParseOpts::default();
        opts.tree_builder.scripting_enabled = false;
        parse_document(sink, opts).one(StrTendril::from_slice(&html))
    }

    /// The node at `id` (`None` for an id from another tree).
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id)
    }

    /// The element at `id`, if it is one.
    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.nodes.get(id)?.data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The HTML local name of `id` when it is an HTML element.
    pub fn tag(&self, id: NodeId) -> Option<&str> {
        self.element(id).and_then(Element::html_name)
    }

    /// Children of `id`, in order.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            dom: self,
            next: self.nodes.get(id).and_then(|n| n.first_child),
        }
    }

    /// Nodes under `root` (itself included) in document order, iteratively.
    pub fn descendants(&self, root: NodeId) -> Descendants<'_> {
        Descendants {
            dom: self,
            root,
            next: Some(root),
        }
    }

    /// The next node after `id` in document order that is not inside `id`.
    pub fn next_outside(&self, id: NodeId, root: NodeId) -> Option<NodeId> {
        let mut at = id;
        loop {
            if at == root {
                return None;
            }
            let n = &self.nodes[at];
            if let Some(next) = n.next {
                return Some(next);
            }
            at = n.parent?;
        }
    }

    /// The first element named `tag` (HTML namespace) in document order.
    pub fn find(&self, tag: &str) -> Option<NodeId> {
        self.descendants(DOCUMENT)
            .find(|&id| self.tag(id) == Some(tag))
    }
}

/// See [`Dom::children`].
pub struct Children<'a> {
    dom: &'a Dom,
    next: Option<NodeId>,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = self.next?;
        self.next = self.dom.nodes[id].next;
        Some(id)
    }
}

/// See [`Dom::descendants`].
pub struct Descendants<'a> {
    dom: &'a Dom,
    root: NodeId,
    next: Option<NodeId>,
}

impl Descendants<'_> {
    /// Skips the subtree of the node last returned.
    pub fn skip_subtree(&mut self, last: NodeId) {
        self.next = self.dom.next_outside(last, self.root);
    }
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = self.next?;
        self.next = match self.dom.nodes[id].first_child {
            Some(c) => Some(c),
            None => self.dom.next_outside(id, self.root),
        };
        Some(id)
    }
}

impl Node {
    fn new(data: NodeData) -> Node {
        Node {
            parent: None,
            first_child: None,
            last_child: None,
            prev: None,
            next: None,
            data,
        }
    }
}

struct Sink {
    nodes: RefCell<Vec<Node>>,
    quirks: Cell<QuirksMode>,
}

/// An element name handed to the tree builder (atoms clone cheaply).
#[derive(Debug)]
pub struct Name(QualName);

impl ElemName for Name {
    fn ns(&self) -> &Namespace {
        &self.0.ns
    }
    fn local_name(&self) -> &LocalName {
        &self.0.local
    }
}

impl Sink {
    fn push(&self, data: NodeData) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node::new(data));
        nodes.len() - 1
    }

    fn detach(nodes: &mut [Node], id: NodeId) {
        let (parent, prev, next) = {
            let n = &mut nodes[id];
            (n.parent.take(), n.prev.take(), n.next.take())
        };
        match next {
            Some(nx) => nodes[nx].prev = prev,
            None => {
                if let Some(p) = parent {
                    nodes[p].last_child = prev;
                }
            }
        }
        match prev {
            Some(pv) => nodes[pv].next = next,
            None => {
                if let Some(p) = parent {
                    nodes[p].first_child = next;
                }
            }
        }
    }

    fn append_child(nodes: &mut [Node], parent: NodeId, child: NodeId) {
        Self::detach(nodes, child);
        nodes[child].parent = Some(parent);
        match nodes[parent].last_child {
            Some(last) => {
                nodes[last].next = Some(child);
                nodes[child].prev = Some(last);
            }
            None => nodes[parent].first_child = Some(child),
        }
        nodes[parent].last_child = Some(child);
    }

    fn insert_before(nodes: &mut [Node], sibling: NodeId, child: NodeId) {
        Self::detach(nodes, child);
        let parent = nodes[sibling].parent;
        let prev = nodes[sibling].prev;
        nodes[child].parent = parent;
        nodes[child].next = Some(sibling);
        nodes[child].prev = prev;
        nodes[sibling].prev = Some(child);
        match prev {
            Some(pv) => nodes[pv].next = Some(child),
            None => {
                if let Some(p) = parent {
                    nodes[p].first_child = Some(child);
                }
            }
        }
    }

    /// Appends text to `previous` when it is a text node (the tree builder
    /// sends text in pieces), else makes a node.
    fn text_or_node(&self, child: NodeOrText<NodeId>, previous: Option<NodeId>) -> Option<NodeId> {
        match child {
            NodeOrText::AppendNode(id) => Some(id),
            NodeOrText::AppendText(text) => {
                let mut nodes = self.nodes.borrow_mut();
                if let Some(NodeData::Text(t)) = previous.map(|p| &mut nodes[p].data) {
                    t.push_tendril(&text);
                    return None;
                }
                nodes.push(Node::new(NodeData::Text(text)));
                Some(nodes.len() - 1)
            }
        }
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Dom;
    type ElemName<'a> = Name;

    fn finish(self) -> Dom {
        Dom {
            nodes: self.nodes.into_inner(),
        }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        DOCUMENT
    }

    fn elem_name(&self, target: &NodeId) -> Name {
        match &self.nodes.borrow()[*target].data {
            NodeData::Element(e) => Name(e.name.clone()),
            // The tree builder only asks about elements; answer harmlessly.
            _ => Name(QualName::new(None, ns!(), LocalName::from(""))),
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let template_contents = flags.template.then(|| self.push(NodeData::Document));
        self.push(NodeData::Element(Element {
            name,
            attrs,
            template_contents,
            mathml_annotation_xml_integration_point: flags.mathml_annotation_xml_integration_point,
        }))
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.push(NodeData::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.push(NodeData::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let last = self.nodes.borrow()[*parent].last_child;
        if let Some(id) = self.text_or_node(child, last) {
            Self::append_child(&mut self.nodes.borrow_mut(), *parent, id);
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        if self.nodes.borrow()[*element].parent.is_some() {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {
        let id = self.push(NodeData::Other);
        Self::append_child(&mut self.nodes.borrow_mut(), DOCUMENT, id);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        match &self.nodes.borrow()[*target].data {
            NodeData::Element(Element {
                template_contents: Some(c),
                ..
            }) => *c,
            // Not a template: hand back the node itself rather than panic.
            _ => *target,
        }
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.quirks.set(mode);
    }

    fn append_before_sibling(&self, sibling: &NodeId, child: NodeOrText<NodeId>) {
        let prev = self.nodes.borrow()[*sibling].prev;
        if let Some(id) = self.text_or_node(child, prev) {
            Self::insert_before(&mut self.nodes.borrow_mut(), *sibling, id);
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        if let NodeData::Element(e) = &mut self.nodes.borrow_mut()[*target].data {
            for a in attrs {
                if !e.attrs.iter().any(|x| x.name == a.name) {
                    e.attrs.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        Self::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut nodes = self.nodes.borrow_mut();
        let mut next = nodes[*node].first_child;
        while let Some(child) = next {
            next = nodes[child].next;
            Self::append_child(&mut nodes, *new_parent, child);
        }
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &NodeId) -> bool {
        matches!(
            &self.nodes.borrow()[*handle].data,
            NodeData::Element(Element {
                mathml_annotation_xml_integration_point: true,
                ..
            })
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(dom: &Dom) -> String {
        dom.descendants(DOCUMENT)
            .filter_map(|id| match &dom.nodes[id].data {
                NodeData::Text(t) => Some(&**t),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn parses_and_recovers() {
        let dom = Dom::parse("<p>one<p>two <b>bold<i>both</b> italic</i><table><td>cell");
        assert_eq!(text_of(&dom), "onetwo boldboth italiccell");
        let p: Vec<_> = dom
            .descendants(DOCUMENT)
            .filter(|&id| dom.tag(id) == Some("p"))
            .collect();
        assert_eq!(p.len(), 2);
        assert!(dom.find("td").is_some());
    }

    #[test]
    fn depth_is_capped_and_shallow_pages_untouched() {
        let page = "<div><p>a<p>b<ul><li>c<li>d</ul><br><img src=x></div>";
        assert!(matches!(
            limit_depth(page, 2),
            std::borrow::Cow::Borrowed(_)
        ));
        let deep = "<div>".repeat(5) + "x" + &"</div>".repeat(5);
        assert_eq!(limit_depth(&deep, 3), "<div><div><div>x</div></div></div>");
        // Tags inside scripts and comments are not counted.
        let s = "<script>var a = '<div><div><div><div>';</script><!-- <div><div><div><div> -->";
        assert!(matches!(limit_depth(s, 2), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_iterative() {
        let html = "<div>".repeat(20_000) + "deep" + &"</div>".repeat(20_000);
        let dom = Dom::parse(&html);
        assert_eq!(text_of(&dom), "deep");
    }
}
