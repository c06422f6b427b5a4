//! Main-content selection: which blocks are the article.
//!
//! Every block gets a value: its non-link characters when it reads like prose,
//! minus its length when it is link-heavy or under a junk hint, a small
//! penalty otherwise. Blocks of an element are contiguous in document order, so
//! an element's total is a difference of prefix sums, and the article is the
//! element with the largest total: the smallest container holding the prose
//! and little else (a maximum-subtree-sum; Readability and trafilatura score
//! containers in the same spirit). Sibling containers that are prose too
//! (articles split across `<div>`s) join it.

// Indices: block indices run over `w.blocks`, and every per-block vector
// here (`drops`, `value`, `starts` …) is built with its length; `NodeId`s
// come from the `Dom` arena.
#![allow(clippy::indexing_slicing)]

use super::blocks::{Shape, TextBlock, Walk};
use super::dom::{Dom, NodeId};
use super::meta::PageMeta;
use crate::result::Category;

/// Why a block is not content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Drop {
    /// Category reported.
    pub category: Category,
    /// Rule reported (`html:class`, `html:outside`, …).
    pub rule: &'static str,
    /// The hinted element the block sits in (blocks of one element are
    /// reported together).
    pub node: Option<NodeId>,
}

/// The decision for every block of a [`Walk`].
#[derive(Debug)]
pub struct Selection {
    /// `None` = content candidate (the text sifter still looks at it).
    pub drops: Vec<Option<Drop>>,
    /// The chosen container.
    pub container: Option<NodeId>,
    /// The headline's block.
    pub title: Option<usize>,
}

/// Characters of prose a block contributes (0 when it does not read as prose).
pub fn prose(b: &TextBlock) -> f32 {
    let ld = b.link_density();
    if matches!(b.shape, Shape::Heading(_)) || ld >= 0.4 {
        return 0.0;
    }
    let sentence = b
        .text
        .trim_end_matches(['"', '\'', '»', '”', ')', ' '])
        .ends_with(['.', '!', '?', '…', '。', '！', '？', ':']);
    if b.chars >= 100 || (b.chars >= 40 && sentence) {
        b.chars as f32 * (1.0 - ld)
    } else {
        0.0
    }
}

fn squash_lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The block holding the headline: the first heading whose folded text
/// matches the page's title (one containing the other, most of its length),
/// or the page's only `<h1>`.
fn title_block(w: &Walk, title: Option<&str>) -> Option<usize> {
    let heading = |b: &TextBlock| matches!(b.shape, Shape::Heading(l) if l <= 3);
    if let Some(t) = title
        .map(|t| crate::normalize::key(t).key)
        .filter(|t| t.len() >= 8)
    {
        let found = w.blocks.iter().position(|b| {
            if !heading(b) || b.text.len() > 4 * t.len() {
                return false;
            }
            let h = crate::normalize::key(&b.text).key;
            let (short, long) = if h.len() <= t.len() {
                (&h, &t)
            } else {
                (&t, &h)
            };
            // An `<h1>` may carry half of a two-line headline.
            let share = if b.shape == Shape::Heading(1) { 3 } else { 6 };
            long.contains(short.as_str()) && short.len() * 10 >= long.len() * share
        });
        if found.is_some() {
            return found;
        }
    }
    let mut h1 = w
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.shape == Shape::Heading(1));
    match (h1.next(), h1.next()) {
        (Some((i, _)), None) => Some(i),
        _ => None,
    }
}

/// Categories that name small items: a hinted element holding more text than
/// this is not one (a `wp-caption` left unclosed swallows the article).
const SMALL_ITEM_CHARS: u32 = 400;

fn small_item(c: Category) -> bool {
    matches!(
        c,
        Category::Media
            | Category::Credit
            | Category::BylineStub
            | Category::Dateline
            | Category::SiteTag
            | Category::Breadcrumb
    )
}

/// Teaser cards: a small element whose heading is a link (another article's
/// headline) holds that article's teaser — byline, date, summary — not ours.
fn teasers(dom: &Dom, w: &Walk, drops: &mut [Option<Drop>]) {
    for (i, b) in w.blocks.iter().enumerate() {
        if !matches!(b.shape, Shape::Heading(_)) || b.link_density() < 0.8 || b.chars < 15 {
            continue;
        }
        let drop = Drop {
            category: Category::Related,
            rule: "html:teaser",
            node: None,
        };
        drops[i].get_or_insert(drop);
        // The card: the largest ancestor of the heading that stays small and
        // holds no other heading.
        let mut card = None;
        let mut at = dom.nodes[b.owner].parent;
        while let Some(id) = at {
            let (a, e) = (w.range[id].0 as usize, w.range[id].1 as usize);
            let chars: u32 = w.blocks[a..e].iter().map(|x| x.chars).sum();
            let headings = w.blocks[a..e]
                .iter()
                .filter(|x| matches!(x.shape, Shape::Heading(_)))
                .count();
            if e - a > 6 || chars > 700 || headings > 1 {
                break;
            }
            card = Some((a, e));
            at = dom.nodes[id].parent;
        }
        if let Some((a, e)) = card {
            for d in &mut drops[a..e] {
                d.get_or_insert(drop);
            }
        }
    }
}

/// Headings of junk sections and calls to action after the article.
///
/// A heading whose section (up to the next kept heading or prose) was all
/// dropped heads that junk ("Ähnliche Beiträge" over a link list); short lines
/// after the last paragraph of prose that do not read as a sentence — or ask
/// the reader something — are the page's, not the author's, when they are few.
fn trim_edges(w: &Walk, good: &[f32], drops: &mut [Option<Drop>]) {
    let n = w.blocks.len();
    let kept = |drops: &[Option<Drop>], i: usize| drops[i].is_none();
    let is_heading = |b: &TextBlock| {
        matches!(b.shape, Shape::Heading(_)) || (b.chars <= 60 && b.text.trim_end().ends_with(':'))
    };
    for i in 0..n {
        if !kept(drops, i) || !is_heading(&w.blocks[i]) {
            continue;
        }
        let mut next_drop = None;
        let mut orphan = false;
        for j in i + 1..n {
            match drops[j] {
                Some(d) => {
                    next_drop.get_or_insert(d);
                    orphan = true;
                }
                None => {
                    if is_heading(&w.blocks[j]) || good[j] > 0.0 {
                        orphan = orphan && is_heading(&w.blocks[j]);
                    } else {
                        orphan = false;
                    }
                    break;
                }
            }
            if j == n - 1 {
                break;
            }
        }
        // Ran off the end with only drops after it: orphan too.
        if let (true, Some(d)) = (orphan, next_drop) {
            drops[i] = Some(Drop {
                category: if d.category == Category::Boilerplate {
                    Category::Related
                } else {
                    d.category
                },
                rule: "html:junk-heading",
                node: None,
            });
        }
    }
    let Some(last_prose) = (0..n).rev().find(|&i| kept(drops, i) && good[i] > 0.0) else {
        return;
    };
    // A long run of short lines after the prose is a list (tour dates, a
    // table of results): the article's. Sign-offs and prompts come few.
    let trailing = (last_prose + 1..n).filter(|&i| kept(drops, i)).count();
    if trailing > 4 {
        return;
    }
    for i in last_prose + 1..n {
        let b = &w.blocks[i];
        if !kept(drops, i) {
            continue;
        }
        let t = b.text.trim_end();
        let sentence =
            t.ends_with(['.', '!', '…', '"', '»', '”', ')']) && t.split_whitespace().count() >= 4;
        // List items are the article's (opening hours, a closing list).
        if b.chars < 100 && b.shape != Shape::ListItem && (!sentence || t.ends_with('?')) {
            drops[i] = Some(Drop {
                category: Category::Boilerplate,
                rule: "html:tail",
                node: None,
            });
        }
    }
}

// Weights, set on the shared benchmark halves (`spinsift eval --html`).
/// Value per non-link character of a short `<p>` or list item without links:
/// authors mean paragraphs, and menus are lists of links.
const SHORT_P: f32 = 0.5;
/// Share of the page's prose that must follow a headline for it to anchor.
const PROSE_AFTER_TITLE: f32 = 0.3;
/// Penalty per character of prose an element skips after the headline.
const SKIPPED_PROSE: f32 = 0.25;
/// Bonus per non-link character of an `itemprop="articleBody"` element.
const ARTICLE_BODY: f32 = 0.5;
/// A later sibling worth this share of the container's value joins it.
const SIBLING_SHARE: f32 = 0.3;
/// Bonus per character of prose of an element whose class says content.
const CONTENT_CLASS: f32 = 0.2;

/// Chooses the article's blocks.
pub fn select(dom: &Dom, w: &Walk, page: &PageMeta) -> Selection {
    let n = w.blocks.len();
    let good: Vec<f32> = w.blocks.iter().map(prose).collect();
    let prefix = |f: &dyn Fn(usize) -> f32| {
        let mut p = vec![0f32; n + 1];
        for i in 0..n {
            p[i + 1] = p[i] + f(i);
        }
        p
    };
    let good_sum = prefix(&|i| good[i]);
    let char_sum = prefix(&|i| w.blocks[i].chars as f32);
    let text_sum = prefix(&|i| (w.blocks[i].chars - w.blocks[i].link_chars) as f32);
    let total = good_sum[n];
    let over = |p: &[f32], id: NodeId| {
        let (a, b) = w.range[id];
        p[b as usize] - p[a as usize]
    };

    // A headline with little prose after it is not the article's (a teaser
    // repeating the title further down): ignore it.
    let title = title_block(w, page.metadata.title.as_deref())
        .filter(|&t| good_sum[n] - good_sum[t] >= PROSE_AFTER_TITLE * total);

    // A junk hint counts unless the element holds most of the page's prose
    // (`<body class="has-sidebar">`) or, for small items, a lot of text.
    // Comments that start after the headline are not the article's wrapper,
    // however much they hold: a lively thread outweighs the article.
    let mut valid: Vec<Option<u32>> = Vec::with_capacity(w.chain.len());
    for (i, c) in w.chain.iter().enumerate() {
        let above = c.parent.and_then(|p| valid[p as usize]);
        let own = over(&good_sum, c.node);
        let wraps = c.category != Category::Comments
            || title.is_none_or(|t| w.range[c.node].0 as usize <= t);
        let mut ok = !(own >= 0.4 * total && own >= 300.0 && wraps);
        // `<div class="social-embed">` around a quoted tweet is the article's.
        if c.embeds_post && matches!(c.category, Category::Share | Category::Media) {
            ok = false;
        }
        if small_item(c.category) && over(&char_sum, c.node) > SMALL_ITEM_CHARS as f32 {
            ok = false;
        }
        valid.push(above.or(ok.then_some(i as u32)));
    }
    let junk = |b: &TextBlock| b.hint.and_then(|h| valid[h as usize]);

    // Blocks the page's JSON-LD `articleBody` contains are the article.
    let ld = page.article_body.as_deref().map(squash_lower);
    let in_ld: Vec<bool> = w
        .blocks
        .iter()
        .map(|b| {
            ld.as_ref()
                .is_some_and(|l| b.chars >= 30 && l.contains(&squash_lower(&b.text)))
        })
        .collect();

    let value: Vec<f32> = w
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            if junk(b).is_some() {
                -(b.chars as f32)
            } else if in_ld[i] {
                2.0 * b.chars as f32
            } else if good[i] > 0.0 {
                good[i]
            } else if b.link_density() >= 0.5 {
                // Links outweigh text by their excess: a menu (all links)
                // counts fully against, a headline link with its summary
                // sentence barely.
                -(b.chars as f32) * (2.0 * b.link_density() - 1.0)
            } else if b.link_density() < 0.3
                && (dom.tag(b.owner) == Some("p") || b.shape == Shape::ListItem)
            {
                SHORT_P * (b.chars - b.link_chars) as f32
            } else {
                // Short lines (labels, dates, headings) are neutral: the
                // blocks around them decide.
                0.0
            }
        })
        .collect();
    let value_sum = prefix(&|i| value[i]);
    let t0 = title.unwrap_or(0);

    // Only what follows the headline counts; prose an element would skip
    // between the headline and its start counts against it.
    let score = |id: NodeId| {
        let (a, b) = (w.range[id].0 as usize, w.range[id].1 as usize);
        if b <= t0 {
            return f32::NEG_INFINITY;
        }
        let from = a.max(t0);
        let mut s = value_sum[b] - value_sum[from];
        if a > t0 {
            s -= SKIPPED_PROSE * (good_sum[a] - good_sum[t0]);
        }
        s
    };
    let bonus = |id: NodeId| {
        let g = over(&good_sum, id);
        let mut b = 0.0;
        if w.article_body.contains(&id) {
            b += ARTICLE_BODY * over(&text_sum, id);
        }
        if w.content.contains(&id) && dom.tag(id) != Some("body") {
            b += CONTENT_CLASS * g;
        }
        b
    };

    let mut best: Option<(NodeId, f32)> = None;
    for &id in &w.order {
        if over(&good_sum, id) <= 0.0 && !w.article_body.contains(&id) {
            continue;
        }
        let v = score(id) + bonus(id);
        if best.is_none_or(|(_, bv)| v >= bv) {
            best = Some((id, v));
        }
    }

    let mut drops: Vec<Option<Drop>> = w
        .blocks
        .iter()
        .map(|b| {
            junk(b).map(|h| {
                let c = &w.chain[h as usize];
                Drop {
                    category: c.category,
                    rule: match c.source {
                        "tag" => "html:tag",
                        "role" => "html:role",
                        _ => "html:class",
                    },
                    node: Some(c.node),
                }
            })
        })
        .collect();

    let Some((container, _)) = best else {
        // No prose anywhere: nothing is an article, keep the page as text.
        return Selection {
            drops,
            container: None,
            title,
        };
    };
    let mut inside = vec![false; n];
    let mark = |inside: &mut Vec<bool>, id: NodeId| {
        let (a, b) = w.range[id];
        for x in &mut inside[a as usize..b as usize] {
            *x = true;
        }
    };
    mark(&mut inside, container);
    // Articles split across sibling elements (an ad slot between two halves):
    // a later sibling of the container, or of its parent, that is mostly prose
    // joins it.
    {
        let own =
            value_sum[w.range[container].1 as usize] - value_sum[w.range[container].0 as usize];
        let mut at = Some(container);
        for _ in 0..2 {
            let Some(c) = at else { break };
            let mut next = dom.nodes[c].next;
            while let Some(sib) = next {
                next = dom.nodes[sib].next;
                if dom.element(sib).is_none() {
                    continue;
                }
                let v = over(&value_sum, sib);
                let g = over(&good_sum, sib);
                if v >= SIBLING_SHARE * own && g >= 150.0 && v >= 0.5 * g {
                    mark(&mut inside, sib);
                }
            }
            at = dom.nodes[c].parent;
        }
    }
    if let Some(t) = title {
        inside[t] = true;
        // Between the headline and the body: the standfirst, bylines and
        // datelines (the text sifter takes the latter two out).
        let start = w.range[container].0 as usize;
        let between = t + 1..start.min(n).max(t + 1);
        for (b, inside) in w.blocks[between.clone()].iter().zip(&mut inside[between]) {
            if b.link_density() < 0.5 && !matches!(b.shape, Shape::Heading(_)) {
                *inside = true;
            }
        }
    }
    for (i, b) in w.blocks.iter().enumerate() {
        if drops[i].is_some() {
            continue;
        }
        if !inside[i] {
            drops[i] = Some(Drop {
                category: Category::Boilerplate,
                rule: "html:outside",
                node: None,
            });
        } else if title.is_some_and(|t| i < t) {
            drops[i] = Some(Drop {
                category: Category::Boilerplate,
                rule: "html:before-title",
                node: None,
            });
        } else if b.link_density() > 0.6
            && good[i] == 0.0
            && !in_ld[i]
            && !matches!(b.shape, Shape::Heading(_))
        {
            drops[i] = Some(Drop {
                category: if b.text.split_whitespace().count() >= 4 {
                    Category::Related
                } else {
                    Category::Navigation
                },
                rule: "html:links",
                node: None,
            });
        }
    }
    teasers(dom, w, &mut drops);
    trim_edges(w, &good, &mut drops);
    Selection {
        drops,
        container: Some(container),
        title,
    }
}
