//! The DOM flattened into text blocks: the visible text of the page, one block
//! per paragraph-like element, each with its link share, its shape and the
//! junk hints of its ancestors.

use super::dom::{DOCUMENT, Dom, NodeData, NodeId};
use super::hints::{Hint, Hints, combine};
use crate::result::Category;
use crate::sift::dict::FastMap;

/// What element a block comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `<p>`, a `<div>`'s own text, anything else.
    Paragraph,
    /// `<h1>`…`<h6>` (the level).
    Heading(u8),
    /// `<li>`, `<dt>`, `<dd>`.
    ListItem,
    /// Inside `<blockquote>`.
    Quote,
    /// A line of `<pre>`.
    Pre,
    /// A table cell.
    Cell,
    /// `<figcaption>`.
    Caption,
}

/// One block of visible text.
#[derive(Debug, Clone)]
pub struct TextBlock {
    /// Text with white space collapsed as a browser renders it.
    pub text: String,
    /// Characters (not counting collapsed white space).
    pub chars: u32,
    /// Characters inside links.
    pub link_chars: u32,
    /// The innermost block-level element holding the text.
    pub owner: NodeId,
    /// What it is.
    pub shape: Shape,
    /// Innermost junk hint above it (index into [`Walk::chain`]).
    pub hint: Option<u32>,
}

impl TextBlock {
    /// Share of characters inside links, 0–1.
    pub fn link_density(&self) -> f32 {
        self.link_chars as f32 / self.chars.max(1) as f32
    }
}

/// A junk-hinted element and the hinted element above it.
#[derive(Debug, Clone)]
pub struct ChainNode {
    /// The element.
    pub node: NodeId,
    /// What its hint says.
    pub category: Category,
    /// Where the hint came from: `class`, `role` or `tag`.
    pub source: &'static str,
    /// The next hinted element above it.
    pub parent: Option<u32>,
    /// It holds an embedded post (a tweet, an Instagram or TikTok post): a
    /// quotation the article makes, not a share bar or a media widget.
    pub embeds_post: bool,
}

/// The classes the platforms' embed codes give the quoted post's element
/// (`<blockquote class="twitter-tweet">`, …): the post's text is in it.
const EMBEDDED_POST_CLASSES: [&str; 5] = [
    "twitter-tweet",
    "twitter-tweet-rendered",
    "instagram-media",
    "tiktok-embed",
    "bluesky-embed",
];

/// Result of [`walk`].
#[derive(Debug, Default)]
pub struct Walk {
    /// Blocks in document order.
    pub blocks: Vec<TextBlock>,
    /// Elements in document order (pre-order).
    pub order: Vec<NodeId>,
    /// Blocks of each element: `range[id] = (first, end)` (indices into `blocks`).
    pub range: Vec<(u32, u32)>,
    /// Junk-hinted elements, parents before children.
    pub chain: Vec<ChainNode>,
    /// Elements whose class or id says "content".
    pub content: Vec<NodeId>,
    /// Elements marked `itemprop="articleBody"` (schema.org microdata).
    pub article_body: Vec<NodeId>,
}

/// Elements that start a new block of text (CSS `display: block` and kin).
fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
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
            | "menu"
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

struct Frame {
    id: NodeId,
    exit: bool,
    chain: bool,
    link: bool,
    block: bool,
    shape: Option<Shape>,
    pre: bool,
}

impl Frame {
    /// A node not yet entered: its exit flags are set when it is.
    fn enter(id: NodeId) -> Frame {
        Frame {
            id,
            exit: false,
            chain: false,
            link: false,
            block: false,
            shape: None,
            pre: false,
        }
    }
}

struct Builder {
    blocks: Vec<TextBlock>,
    cur: String,
    chars: u32,
    link_chars: u32,
    space: bool,
}

impl Builder {
    fn flush(&mut self, owner: NodeId, shape: Shape, hint: Option<u32>) {
        if self.chars > 0 {
            self.blocks.push(TextBlock {
                text: std::mem::take(&mut self.cur),
                chars: self.chars,
                link_chars: self.link_chars,
                owner,
                shape,
                hint,
            });
        }
        self.cur.clear();
        self.chars = 0;
        self.link_chars = 0;
        self.space = false;
    }

    fn push_text(&mut self, text: &str, link: bool, pre: bool, ctx: (NodeId, Shape, Option<u32>)) {
        let is_space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c');
        if pre && text.contains('\n') {
            let mut lines = text.split('\n');
            if let Some(first) = lines.next() {
                self.push_text(first, link, false, ctx);
            }
            for line in lines {
                self.flush(ctx.0, ctx.1, ctx.2);
                self.push_text(line, link, false, ctx);
            }
            return;
        }
        // Word by word: HTML white space collapses to one space between words.
        for (k, word) in text.split(is_space).enumerate() {
            if k > 0 {
                self.space = self.chars > 0;
            }
            if word.is_empty() {
                continue;
            }
            if self.space {
                self.cur.push(' ');
                self.space = false;
            }
            self.cur.push_str(word);
            let n = word.chars().count() as u32;
            self.chars += n;
            if link {
                self.link_chars += n;
            }
        }
    }
}

fn hidden(dom: &Dom, id: NodeId) -> bool {
    let Some(e) = dom.element(id) else {
        return false;
    };
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    e.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Flattens the visible text under `<body>` into blocks.
pub fn walk(dom: &Dom, hints: &Hints) -> Walk {
    let root = dom.find("body").unwrap_or(DOCUMENT);
    let mut w = Walk {
        range: vec![(0, 0); dom.nodes.len()],
        ..Walk::default()
    };
    let mut b = Builder {
        blocks: Vec::new(),
        cur: String::new(),
        chars: 0,
        link_chars: 0,
        space: false,
    };
    let mut owners: Vec<NodeId> = vec![root];
    let mut shapes: Vec<Shape> = vec![Shape::Paragraph];
    let mut hint: Option<u32> = None;
    let mut links = 0u32;
    let mut class_cache: FastMap<&str, (bool, Option<Hint>)> = FastMap::default();
    let mut pre = 0u32;
    let mut stack = vec![Frame::enter(root)];
    while let Some(mut f) = stack.pop() {
        let ctx = |owners: &[NodeId], shapes: &[Shape], hint| {
            (
                owners.last().copied().unwrap_or(root),
                shapes.last().copied().unwrap_or(Shape::Paragraph),
                hint,
            )
        };
        if f.exit {
            let (o, s, h) = ctx(&owners, &shapes, hint);
            if f.block {
                b.flush(o, s, h);
                owners.pop();
            }
            if f.shape.is_some() {
                shapes.pop();
            }
            if f.chain {
                hint = hint.and_then(|i| w.chain.get(i as usize)?.parent);
            }
            if f.link {
                links -= 1;
            }
            if f.pre {
                pre -= 1;
            }
            if let Some(r) = w.range.get_mut(f.id) {
                r.1 = b.blocks.len() as u32;
            }
            continue;
        }
        let Some(node) = dom.node(f.id) else { continue };
        match &node.data {
            NodeData::Text(t) => {
                let c = ctx(&owners, &shapes, hint);
                b.push_text(t, links > 0, pre > 0, c);
                continue;
            }
            NodeData::Element(e) => {
                let Some(tag) = e.html_name() else { continue };
                if tag == "br" {
                    let (o, s, h) = ctx(&owners, &shapes, hint);
                    b.flush(o, s, h);
                    continue;
                }
                let tag_hint = hints.tag(tag);
                if tag_hint == Some(Hint::Skip) || hidden(dom, f.id) {
                    continue;
                }
                let role_hint = e.attr("role").and_then(|r| hints.role(r));
                // Pages repeat the same class list hundreds of times.
                let class = e.attr("class").unwrap_or("");
                let class_hint = match class_cache.get(class) {
                    Some(h) => *h,
                    None => {
                        let h = hints.value(class);
                        class_cache.insert(class, h);
                        h
                    }
                };
                // A heading's id is an anchor, often a slug of its own text
                // (`id="share-prices-fall"`, `nav_nur_die_folie`): not a hint.
                let shape = tag_shape(tag);
                let id_hint = if matches!(shape, Some(Shape::Heading(_))) {
                    (false, None)
                } else {
                    hints.value(e.attr("id").unwrap_or(""))
                };
                let name_hint = combine(class_hint, id_hint);
                // A table row is a record: its classes describe the data
                // (`player-2020-580`, `tag-row`), not page furniture.
                let name_hint = name_hint.filter(|h| tag != "tr" || !matches!(h, Hint::Junk(_)));
                // The most specific hint wins: `<nav class="breadcrumbs">` is a
                // breadcrumb before it is navigation.
                let (junk, source) = match (name_hint, role_hint, tag_hint) {
                    (Some(Hint::Junk(c)), _, _) => (Some(c), "class"),
                    (_, Some(Hint::Junk(c)), _) => (Some(c), "role"),
                    (_, _, Some(Hint::Junk(c))) => (Some(c), "tag"),
                    _ => (None, ""),
                };
                if name_hint == Some(Hint::Content) || role_hint == Some(Hint::Content) {
                    w.content.push(f.id);
                }
                if e.attr("itemprop").is_some_and(|p| {
                    p.split_ascii_whitespace()
                        .any(|p| p.eq_ignore_ascii_case("articleBody"))
                }) {
                    w.article_body.push(f.id);
                }
                f.block = is_block(tag);
                if f.block {
                    let (o, s, h) = ctx(&owners, &shapes, hint);
                    b.flush(o, s, h);
                    owners.push(f.id);
                }
                w.order.push(f.id);
                if let Some(r) = w.range.get_mut(f.id) {
                    r.0 = b.blocks.len() as u32;
                }
                if class
                    .split_ascii_whitespace()
                    .any(|c| EMBEDDED_POST_CLASSES.contains(&c))
                {
                    let mut up = hint;
                    while let Some(c) = up.and_then(|i| w.chain.get_mut(i as usize)) {
                        c.embeds_post = true;
                        up = c.parent;
                    }
                }
                if let Some(category) = junk {
                    w.chain.push(ChainNode {
                        node: f.id,
                        category,
                        source,
                        parent: hint,
                        embeds_post: false,
                    });
                    hint = Some(w.chain.len() as u32 - 1);
                    f.chain = true;
                }
                f.shape = shape;
                if let Some(s) = f.shape {
                    shapes.push(s);
                }
                f.link = tag == "a";
                links += u32::from(f.link);
                f.pre = tag == "pre" || tag == "textarea";
                pre += u32::from(f.pre);
            }
            NodeData::Document => {}
            NodeData::Other => continue,
        }
        f.exit = true;
        stack.push(f);
        let mut child = node.last_child;
        while let Some(c) = child {
            stack.push(Frame::enter(c));
            child = dom.node(c).and_then(|n| n.prev);
        }
    }
    let (o, s) = (owners.last().copied().unwrap_or(root), Shape::Paragraph);
    b.flush(o, s, hint);
    w.blocks = b.blocks;
    w
}

/// The shape an element gives the text inside it, if any.
fn tag_shape(tag: &str) -> Option<Shape> {
    match tag {
        "h1" => Some(Shape::Heading(1)),
        "h2" => Some(Shape::Heading(2)),
        "h3" => Some(Shape::Heading(3)),
        "h4" => Some(Shape::Heading(4)),
        "h5" => Some(Shape::Heading(5)),
        "h6" => Some(Shape::Heading(6)),
        "li" | "dt" | "dd" => Some(Shape::ListItem),
        "blockquote" => Some(Shape::Quote),
        "pre" => Some(Shape::Pre),
        "td" | "th" => Some(Shape::Cell),
        "figcaption" => Some(Shape::Caption),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<(String, Shape, Option<Category>)> {
        let dom = Dom::parse(html);
        let w = walk(&dom, &Hints::builtin().unwrap());
        w.blocks
            .iter()
            .map(|b| {
                (
                    b.text.clone(),
                    b.shape,
                    b.hint.map(|h| w.chain[h as usize].category),
                )
            })
            .collect()
    }

    #[test]
    fn blocks_follow_block_elements_and_collapse_space() {
        let t = texts(
            "<body><h1>Title  here</h1><div>Lead <b>bold</b>\n text<p>Para <a href=x>link</a></p>tail</div>\
             <script>var x=1</script><ul><li>one</li></ul><div hidden>secret</div>\
             <div class=share-bar>Share on X</div><p>a<br>b</p></body>",
        );
        let s: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            s,
            [
                "Title here",
                "Lead bold text",
                "Para link",
                "tail",
                "one",
                "Share on X",
                "a",
                "b"
            ]
        );
        assert_eq!(t[0].1, Shape::Heading(1));
        assert_eq!(t[4].1, Shape::ListItem);
        assert_eq!(t[5].2, Some(Category::Share));
    }

    #[test]
    fn link_density_counts_link_characters() {
        let dom = Dom::parse("<p>abcd <a href=x>efgh</a></p>");
        let w = walk(&dom, &Hints::builtin().unwrap());
        assert_eq!(w.blocks[0].chars, 8);
        assert_eq!(w.blocks[0].link_chars, 4);
    }
}
