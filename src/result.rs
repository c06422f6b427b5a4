//! Stage 7 — **result**: the serializable types every interface returns.
//!
//! Rust offsets are byte offsets into `&str`s; [`SiftResult::into_utf16`]
//! converts them to UTF-16 code units for JavaScript.

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)`: bytes in Rust, UTF-16 code units in JS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Span {
    /// First unit.
    pub start: usize,
    /// One past the last unit.
    pub end: usize,
}

/// Why a piece of text was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Category {
    /// Cookie / consent banners.
    CookieBanner,
    /// "Related articles" headings and the teaser lines under them.
    Related,
    /// Read-also, don't-miss, subscribe, newsletter, report-an-error prompts.
    Promo,
    /// Site/section tags such as `ttn-fr-34`.
    SiteTag,
    /// `Home » World » …`.
    Breadcrumb,
    /// A byline line (`By Jane Doe`) or its orphaned stub (`par`).
    BylineStub,
    /// Photo and agency credits (`© ANP / EPA`, `Photo: Reuters`).
    Credit,
    /// Video durations, gallery counters, media captions.
    Media,
    /// Published / updated lines.
    Dateline,
    /// Markup left over as text: `[]`, a lone `|`.
    EmptyMarkup,
    /// Share buttons and prompts.
    Share,
    /// Advertisement labels.
    Advertisement,
    /// Menus, skip links, log-in links, pagination.
    Navigation,
    /// Copyright, terms, privacy and imprint lines.
    Legal,
    /// Comment-section headers and comment metadata.
    Comments,
    /// A repeat of the title or of an earlier paragraph.
    Duplicate,
    /// Page furniture recognised by the line classifier without a more
    /// specific rule.
    Boilerplate,
}

impl Category {
    /// Every category, in declaration order.
    pub const ALL: [Category; 17] = [
        Category::CookieBanner,
        Category::Related,
        Category::Promo,
        Category::SiteTag,
        Category::Breadcrumb,
        Category::BylineStub,
        Category::Credit,
        Category::Media,
        Category::Dateline,
        Category::EmptyMarkup,
        Category::Share,
        Category::Advertisement,
        Category::Navigation,
        Category::Legal,
        Category::Comments,
        Category::Duplicate,
        Category::Boilerplate,
    ];

    /// The snake_case name used in JSON and in phrase file names.
    pub fn name(self) -> &'static str {
        match self {
            Category::CookieBanner => "cookie_banner",
            Category::Related => "related",
            Category::Promo => "promo",
            Category::SiteTag => "site_tag",
            Category::Breadcrumb => "breadcrumb",
            Category::BylineStub => "byline_stub",
            Category::Credit => "credit",
            Category::Media => "media",
            Category::Dateline => "dateline",
            Category::EmptyMarkup => "empty_markup",
            Category::Share => "share",
            Category::Advertisement => "advertisement",
            Category::Navigation => "navigation",
            Category::Legal => "legal",
            Category::Comments => "comments",
            Category::Duplicate => "duplicate",
            Category::Boilerplate => "boilerplate",
        }
    }

    /// Parses a snake_case name.
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.name() == name)
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What a kept block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// The article's headline.
    Title,
    /// A subheading.
    Heading,
    /// Body text.
    Paragraph,
    /// A paragraph that is entirely a quotation.
    Quote,
    /// A bulleted or numbered item.
    ListItem,
}

/// A piece of content that was kept, verbatim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// The text, exactly as in the input (outer white space trimmed).
    ///
    /// Not serialised when the `wasm` feature is built for wasm32: the
    /// bindings leave it out and the npm wrapper restores it as
    /// `text.slice(out.start, out.end)`.
    // Decoding it from wasm memory a second time, beside `text`, cost ~7 %
    // of sifting 1 MB in node.
    #[cfg_attr(all(feature = "wasm", target_arch = "wasm32"), serde(skip_serializing))]
    pub text: String,
    /// Where it is in the input.
    pub span: Span,
    /// Where it is in [`SiftResult::text`].
    pub out: Span,
    /// Probability, in [0, 1], that the block is content (the classifier's
    /// score; 1.0 without the classifier). Below the model's threshold the
    /// sifter was unsure and kept it anyway (precision first).
    pub confidence: f32,
}

/// A piece of junk that was dropped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Removed {
    /// What kind of junk.
    pub category: Category,
    /// The text, exactly as in the input.
    pub text: String,
    /// Where it is in the input.
    pub span: Span,
    /// Which rule fired (`phrase`, `shape:duration`, `tail`, `classifier`, …).
    pub rule: String,
    /// Probability, in [0, 1], that dropping it was right.
    pub confidence: f32,
}

/// Metadata recovered from the junk and the layout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Metadata {
    /// The headline.
    pub title: Option<String>,
    /// The author, from a byline.
    pub author: Option<String>,
    /// First publication, ISO 8601 (`2023-09-16T14:31` or `2023-09-16`).
    pub published: Option<String>,
    /// Last update, ISO 8601.
    pub modified: Option<String>,
    /// ISO 639-1 code of the main language, when it can be told.
    pub lang: Option<String>,
    /// The publication's name (HTML input: `og:site_name`, JSON-LD publisher).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// The canonical URL (HTML input).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The page's summary (HTML input: `og:description`, `<meta name=description>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Everything [`crate::sift`] returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SiftResult {
    /// The clean article: kept blocks, verbatim, separated by blank lines.
    pub text: String,
    /// The kept blocks, in order.
    pub blocks: Vec<Block>,
    /// The dropped pieces, in input order.
    pub removed: Vec<Removed>,
    /// Recovered metadata.
    pub metadata: Metadata,
    /// For HTML input: the page's visible text, one block per line, that the
    /// `span`s of blocks and removals point into (the input itself for text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl SiftResult {
    /// Converts every span from byte offsets to UTF-16 code-unit offsets, for
    /// JavaScript: `span`s against `input`, `out` spans against `self.text`.
    pub fn into_utf16(mut self, input: &str) -> SiftResult {
        let mut in_spans: Vec<&mut Span> = Vec::new();
        let mut out_spans: Vec<&mut Span> = Vec::new();
        for b in &mut self.blocks {
            in_spans.push(&mut b.span);
            out_spans.push(&mut b.out);
        }
        for r in &mut self.removed {
            in_spans.push(&mut r.span);
        }
        let input = self.source.as_deref().unwrap_or(input);
        crate::offsets::spans_to_utf16(input, &mut in_spans);
        crate::offsets::spans_to_utf16(&self.text, &mut out_spans);
        self
    }
}
