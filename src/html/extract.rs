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

use super::blocks::{Shape, TextBlock, Walk};
use super::dom::{Dom, NodeId};
use crate::result::Category;

/// Why a block is not content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Drop {
    /// Category reported.
    pub category: Category,
    /// Rule reported (`html:class`, `html:outside`, …).
    pub rule: &'static str,
}

/// The decision for every block of a [`Walk`].
#[derive(Debug)]
pub struct Selection {
    /// `None` = content candidate (the text sifter still looks at it).
    pub drops: Vec<Option<Drop>>,
    /// The chosen container.
    pub container: Option<NodeId>,
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

/// Chooses the article's blocks.
pub fn select(dom: &Dom, w: &Walk) -> Selection {
    let n = w.blocks.len();
    let good: Vec<f32> = w.blocks.iter().map(prose).collect();
    let mut good_sum = vec![0f32; n + 1];
    for i in 0..n {
        good_sum[i + 1] = good_sum[i] + good[i];
    }
    let total = good_sum[n];
    let g = |id: NodeId| {
        let (a, b) = w.range[id];
        good_sum[b as usize] - good_sum[a as usize]
    };

    // A junk hint counts unless the element holds most of the page's prose
    // (`<body class="has-sidebar">`, `<div id="comments-enabled-article">`).
    let mut valid: Vec<Option<u32>> = Vec::with_capacity(w.chain.len());
    for (i, c) in w.chain.iter().enumerate() {
        let above = c.parent.and_then(|p| valid[p as usize]);
        let own = g(c.node);
        let ok = !(own >= 0.4 * total && own >= 300.0);
        valid.push(above.or(ok.then_some(i as u32)));
    }
    let junk = |b: &TextBlock| b.hint.and_then(|h| valid[h as usize]);

    let mut value_sum = vec![0f32; n + 1];
    for (i, b) in w.blocks.iter().enumerate() {
        let v = if junk(b).is_some() {
            -(b.chars as f32)
        } else if good[i] > 0.0 {
            good[i]
        } else if b.link_density() >= 0.5 {
            -(b.chars as f32)
        } else {
            -0.25 * b.chars as f32
        };
        value_sum[i + 1] = value_sum[i] + v;
    }
    let s = |id: NodeId| {
        let (a, b) = w.range[id];
        value_sum[b as usize] - value_sum[a as usize]
    };

    let mut best: Option<(NodeId, f32)> = None;
    for &id in &w.order {
        let v = s(id);
        if best.is_none_or(|(_, bv)| v >= bv) && g(id) > 0.0 {
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
                }
            })
        })
        .collect();

    let Some((container, score)) = best else {
        // No prose anywhere: nothing is an article, keep the page as text.
        return Selection {
            drops,
            container: None,
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
    if let Some(parent) = dom.nodes[container].parent {
        for sib in dom.children(parent) {
            if sib != container && dom.element(sib).is_some() && s(sib) >= (0.2 * score).max(200.0) {
                mark(&mut inside, sib);
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
            });
        } else if b.link_density() > 0.6 && good[i] == 0.0 && !matches!(b.shape, Shape::Heading(_)) {
            drops[i] = Some(Drop {
                category: if b.text.split_whitespace().count() >= 4 {
                    Category::Related
                } else {
                    Category::Navigation
                },
                rule: "html:links",
            });
        }
    }
    Selection {
        drops,
        container: Some(container),
    }
}
