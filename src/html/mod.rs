//! HTML in: find the article in a page, then sift it like plain text.
//!
//! 1. [`dom`] — html5ever's spec-compliant tree builder into a flat arena;
//! 2. [`meta`] — `<title>`, Open Graph, `article:*`, JSON-LD, `<time>`, `lang`;
//! 3. [`blocks`] — visible text flattened into blocks, with link density,
//!    shape and the junk hints of their ancestors ([`hints`]);
//! 4. [`extract`] — the article container (maximum subtree value) and the
//!    blocks dropped by the DOM: consent walls, share bars, related links…;
//! 5. the plain-text [`Sifter`] over the remaining blocks, for junk that only
//!    its text gives away (datelines, credits, "Lire aussi" …).
//!
//! Spans of blocks and removals point into [`SiftResult::source`]: the page's
//! visible text, one block per line.

pub mod blocks;
pub mod dom;
pub mod extract;
pub mod hints;
pub mod meta;

use std::sync::OnceLock;

use crate::result::{BlockKind, Category, Removed, SiftResult, Span};
use crate::sift::rules::Meta;
use crate::{Error, Sifter};
use blocks::Shape;
use dom::Dom;
use hints::Hints;

/// Words of article text past which its detected language outweighs the
/// page's declared one.
const LANG_OVERRIDE_WORDS: usize = 50;

fn builtin_hints() -> Result<&'static Hints, Error> {
    static HINTS: OnceLock<Result<Hints, Error>> = OnceLock::new();
    HINTS
        .get_or_init(Hints::builtin)
        .as_ref()
        .map_err(Clone::clone)
}

/// Readability's "is this page worth reading" test, on spinsift's blocks: the
/// page has some paragraphs of prose outside junk-hinted containers, or says
/// it is an article (`og:type`, JSON-LD).
pub fn is_probably_article(html: &str) -> bool {
    if crate::input::check_size(html.len()).is_err() {
        return false;
    }
    let Ok(hints) = builtin_hints() else {
        return false;
    };
    let dom = Dom::parse(html);
    let w = blocks::walk(&dom, hints);
    let mut score = 0f32;
    for b in &w.blocks {
        // Readability counts text length with spaces.
        let len = b.text.chars().count();
        if b.hint.is_some() || len < 140 || extract::prose(b) == 0.0 {
            continue;
        }
        score += ((len - 140) as f32).sqrt();
    }
    // A page that declares itself an article needs less prose to be believed.
    score > 20.0 || (score > 8.0 && declares_article(&dom))
}

/// `og:type` says article, or JSON-LD names an article type.
fn declares_article(dom: &Dom) -> bool {
    dom.descendants(dom::DOCUMENT).any(|id| {
        let Some(e) = dom.element(id) else {
            return false;
        };
        match e.html_name() {
            Some("meta") => {
                e.attr("property")
                    .is_some_and(|p| p.eq_ignore_ascii_case("og:type"))
                    && e.attr("content")
                        .is_some_and(|c| c.eq_ignore_ascii_case("article"))
            }
            Some("script") => {
                e.attr("type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"))
                    && meta::text_of(dom, id).contains("Article\"")
            }
            _ => false,
        }
    })
}

impl Sifter {
    /// Finds the article in an HTML page and sifts it.
    ///
    /// The result's `source` is the page's visible text, one block per line;
    /// `span`s point into it. Metadata comes from the page (`<meta>`, JSON-LD,
    /// `<time>`, `lang`) and, where the page is silent, from the junk.
    pub fn sift_html(&self, html: &str) -> SiftResult {
        if crate::input::check_size(html.len()).is_err() {
            return SiftResult::default();
        }
        let Ok(hints) = builtin_hints() else {
            return SiftResult::default();
        };
        let dom = Dom::parse(html);
        let page_meta = meta::extract(&dom, self.lexicon());
        let w = blocks::walk(&dom, hints);
        let sel = extract::select(&dom, &w, &page_meta);

        // The page as text, and the candidate lines for the text sifter.
        let mut source = String::new();
        let mut starts = Vec::with_capacity(w.blocks.len());
        let mut cand = String::new();
        let mut cand_lines: Vec<(usize, usize)> = Vec::new(); // (cand start, source start)
        for (i, b) in w.blocks.iter().enumerate() {
            if i > 0 {
                source.push('\n');
            }
            starts.push(source.len());
            if sel.drops.get(i).is_some_and(Option::is_none) {
                if !cand.is_empty() {
                    cand.push('\n');
                }
                cand_lines.push((cand.len(), source.len()));
                cand.push_str(&b.text);
            }
            source.push_str(&b.text);
        }
        let to_source = |at: usize| {
            let k = cand_lines
                .partition_point(|&(c, _)| c <= at)
                .saturating_sub(1);
            cand_lines.get(k).map_or(at, |&(c, s)| s + (at - c))
        };
        // Rules only: the DOM has already told content from furniture, and the
        // line classifier (trained on flattened pages) costs recall here. Each
        // line stays one block (never joined as hard-wrapped text: a block's
        // span must not cover the dropped lines between; found by fuzzing).
        let mut r = self.sift_with(&cand, crate::sift::Input::DomBlocks);
        let shape_of = |src_start: usize| {
            let k = starts
                .partition_point(|&s| s <= src_start)
                .saturating_sub(1);
            w.blocks.get(k).map(|b| b.shape)
        };
        for b in &mut r.blocks {
            b.span = Span {
                start: to_source(b.span.start),
                end: to_source(b.span.end),
            };
            let is_title = sel
                .title
                .is_some_and(|t| starts.get(t) == Some(&b.span.start));
            if is_title {
                b.kind = BlockKind::Title;
            } else if b.kind == BlockKind::Title && sel.title.is_some() {
                b.kind = demoted_title(&b.text);
            }
            if b.kind != BlockKind::Title {
                if let Some(k) = shape_kind(shape_of(b.span.start)) {
                    b.kind = k;
                }
            }
        }
        if sel.title.is_none() {
            prefer_heading_title(&mut r.blocks, shape_of);
        }
        for x in &mut r.removed {
            x.span = Span {
                start: to_source(x.span.start),
                end: to_source(x.span.end),
            };
        }
        // Furniture outside the article says what it is through the line
        // rules where it can (a copyright line is legal, not just furniture).
        // Bylines and datelines the DOM dropped still carry the author and
        // dates.
        let mut drops = sel.drops.clone();
        let mut found = crate::Metadata::default();
        for (d, b) in drops.iter_mut().zip(&w.blocks) {
            let Some(d) = d.as_mut().filter(|d| match d.category {
                Category::Boilerplate | Category::BylineStub | Category::Dateline => true,
                // Only what could be a footer's rights line: menus are many
                // short links, and asking the rules about each costs time.
                Category::Navigation => b.text.len() >= 30 || b.text.contains('©'),
                _ => false,
            }) else {
                continue;
            };
            let Some(v) = self.line_verdict(&b.text) else {
                // A byline element with a bare name (`Odile Marsh, Lantern
                // Weekly`): its hint says what the line rules cannot.
                if d.category == Category::BylineStub {
                    if let Some(name) = crate::sift::rules::byline_name(&b.text) {
                        found.author.get_or_insert_with(|| name.to_string());
                    }
                }
                continue;
            };
            // A footer is hinted as navigation, but its copyright line is
            // legal.
            if d.category == Category::Boilerplate
                || (d.category == Category::Navigation && v.category == Category::Legal)
            {
                d.category = v.category;
            }
            match v.meta {
                Meta::Date {
                    iso,
                    update,
                    author,
                } => {
                    let slot = if update {
                        &mut found.modified
                    } else {
                        &mut found.published
                    };
                    slot.get_or_insert(iso);
                    if let Some(a) = author {
                        found.author.get_or_insert(a);
                    }
                }
                Meta::Author(a) => {
                    found.author.get_or_insert(a);
                }
                _ => {}
            }
        }
        // DOM removals: runs of one drop (category, rule, element) together.
        let mut i = 0;
        while let Some(&drop) = drops.get(i) {
            let Some(d) = drop else {
                i += 1;
                continue;
            };
            let run = drops.iter().skip(i).take_while(|&&x| x == Some(d)).count();
            let last = i + run - 1;
            let (Some(&start), Some(&last_start), Some(last_block)) =
                (starts.get(i), starts.get(last), w.blocks.get(last))
            else {
                break;
            };
            let j = i + run;
            let span = Span {
                start,
                end: last_start + last_block.text.len(),
            };
            r.removed.push(Removed {
                category: d.category,
                text: source[span.start..span.end].to_string(),
                span,
                rule: d.rule.to_string(),
                confidence: if d.rule == "html:outside" { 0.8 } else { 0.9 },
            });
            i = j;
        }
        crate::order::sort_by_key(&mut r.removed, |x| x.span.start as u64);
        let m = &mut r.metadata;
        let text_meta = std::mem::take(m);
        *m = page_meta.metadata;
        m.title = m.title.take().or(text_meta.title);
        m.author = m.author.take().or(text_meta.author).or(found.author);
        m.published = m
            .published
            .take()
            .or(text_meta.published)
            .or(found.published);
        m.modified = m.modified.take().or(text_meta.modified).or(found.modified);
        // The page's declared language, unless the article's own text says
        // otherwise at length: templates keep `lang="en"` on every page, and
        // some sites publish in two languages under one declaration.
        let words = r.text.split_whitespace().take(LANG_OVERRIDE_WORDS).count();
        m.lang = match (m.lang.take(), text_meta.lang) {
            (Some(d), Some(t)) if d != t && words >= LANG_OVERRIDE_WORDS => Some(t),
            (d, t) => d.or(t),
        };
        r.source = Some(source);
        r
    }
}

/// The extractor's decision for every block of a page, one line each — why a
/// paragraph went missing, for `spinsift sift --html --explain`.
pub fn explain(html: &str) -> String {
    let Ok(hints) = builtin_hints() else {
        return String::new();
    };
    let dom = Dom::parse(html);
    let page = meta::extract(&dom, crate::default_sifter().lexicon());
    let w = blocks::walk(&dom, hints);
    let sel = extract::select(&dom, &w, &page);
    let mut out = String::new();
    if let Some(c) = sel.container.and_then(|c| dom.element(c)) {
        out.push_str(&format!(
            "container <{} class={:?} id={:?}>, headline block {:?}\n",
            c.html_name().unwrap_or("?"),
            c.attr("class").unwrap_or(""),
            c.attr("id").unwrap_or(""),
            sel.title
        ));
    }
    for (i, b) in w.blocks.iter().enumerate() {
        let decision = match sel.drops.get(i).copied().flatten() {
            Some(d) => format!("{} {}", d.category, d.rule),
            None if sel.title == Some(i) => "headline".to_string(),
            None => "candidate".to_string(),
        };
        let owner = dom.element(b.owner).map_or(String::new(), |e| {
            format!(
                "{}.{}",
                e.html_name().unwrap_or("?"),
                e.attr("class").unwrap_or("")
            )
        });
        let text: String = b.text.chars().take(80).collect();
        let owner: String = owner.chars().take(30).collect();
        out.push_str(&format!(
            "{i:>5} {decision:<28} {:>4.2} {owner:<30} {text}\n",
            b.link_density()
        ));
    }
    out
}

/// What the text sifter's title guess is when the page has a better title:
/// a sentence is a paragraph, anything else a heading.
fn demoted_title(text: &str) -> BlockKind {
    if crate::sift::rules::ends_sentence(text) {
        BlockKind::Paragraph
    } else {
        BlockKind::Heading
    }
}

/// The kind an element's shape gives its block, when the shape says one
/// (a heading, list item or quotation; other blocks keep the sifter's kind).
fn shape_kind(shape: Option<Shape>) -> Option<BlockKind> {
    match shape? {
        Shape::Heading(_) => Some(BlockKind::Heading),
        Shape::ListItem => Some(BlockKind::ListItem),
        Shape::Quote => Some(BlockKind::Quote),
        _ => None,
    }
}

/// Without a title the page names, the text sifter guesses one: the last
/// short line before the first paragraph of prose. In a page, a heading
/// before that line is the better title (the guess is often the article's
/// short first paragraph, which must stay in the body).
fn prefer_heading_title(blocks: &mut [crate::Block], shape_of: impl Fn(usize) -> Option<Shape>) {
    let Some(t) = blocks.iter().position(|b| b.kind == BlockKind::Title) else {
        return;
    };
    let Some(t_block) = blocks.get(t) else {
        return;
    };
    if matches!(shape_of(t_block.span.start), Some(Shape::Heading(_))) {
        return;
    }
    let before = || blocks.iter().take(t);
    let heading = before()
        .position(|b| matches!(shape_of(b.span.start), Some(Shape::Heading(1))))
        .or_else(|| {
            before().position(|b| matches!(shape_of(b.span.start), Some(Shape::Heading(_))))
        });
    if let Some(h) = heading {
        if let Some(b) = blocks.get_mut(h) {
            b.kind = BlockKind::Title;
        }
        if let Some(b) = blocks.get_mut(t) {
            // (Not a heading: that returned above.)
            b.kind = shape_kind(shape_of(b.span.start)).unwrap_or_else(|| demoted_title(&b.text));
        }
    }
}
