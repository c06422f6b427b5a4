//! Stage 3 — **sift**: decide, line by line, what is article and what is junk.
//!
//! 1. [`rules`]: phrase dictionaries ([`dict`]) and shapes (tags, durations,
//!    counters, credits, datelines, bylines, breadcrumbs) — high precision.
//! 2. Position: an end-of-article marker (`Related Articles`, `A NE PAS
//!    MANQUER`, `Lire aussi`) opens a tail whose short teaser lines are junk
//!    until prose resumes.
//! 3. Duplicates of earlier lines, and a lone author name next to a dateline.
//! 4. [`classify`]: a logistic line classifier (jusText-like features plus the
//!    rule hits of the line and its neighbours) for what no rule decided. It
//!    only drops a line when it is confident, and never drops prose unless it is
//!    very confident: dropping a real paragraph is the worst failure.
//! 5. A comment section after the article (`Comments`, `34 responses to “…”`)
//!    is dropped whole, readers' prose included.
//! 6. Layout: the title, block kinds, the output text and the metadata.

// No indexing here or in `dict`, `dates` and `rules` (the crate denies it);
// `classify` allows it for its feature rows and says why.

pub mod classify;
pub mod dates;
pub mod dict;
pub mod rules;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::normalize::{self, Key, Line};
use crate::result::{Block, BlockKind, Category, Metadata, Removed, SiftResult, Span};
use dict::{Dict, Lexicon};
use rules::{Meta, Verdict};

/// Options for a [`Sifter`], as plain data (what the JS `options` object and the
/// CLI map to).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct SiftOptions {
    /// Categories never removed (their lines are kept as content).
    pub keep: Vec<Category>,
    /// Restrict phrase dictionaries to these ISO 639-1 languages (all when empty).
    pub languages: Vec<String>,
    /// Use the line classifier for lines no rule decides (default true).
    pub classifier: bool,
    /// Drop a line the classifier scores below this probability of being
    /// content (default from the model file).
    pub threshold: Option<f32>,
}

impl Default for SiftOptions {
    fn default() -> Self {
        SiftOptions {
            keep: Vec::new(),
            languages: Vec::new(),
            classifier: true,
            threshold: None,
        }
    }
}

/// What [`Sifter::sift_with`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Input {
    /// Article text as scrapers leave it.
    Text,
    /// The HTML path's kept DOM blocks, one per line.
    #[cfg(feature = "html")]
    DomBlocks,
}

/// Builds a [`Sifter`] with custom phrase lists, kept categories or languages.
#[derive(Debug, Clone, Default)]
pub struct SifterBuilder {
    options: SiftOptions,
    extra: Vec<(Category, String)>,
    model: Option<classify::LineModel>,
}

impl SifterBuilder {
    /// Adds a phrase list in the `data/phrases` syntax for `category`.
    pub fn phrases(mut self, category: Category, text: impl Into<String>) -> Self {
        self.extra.push((category, text.into()));
        self
    }

    /// Never removes lines of `category`.
    pub fn keep(mut self, category: Category) -> Self {
        self.options.keep.push(category);
        self
    }

    /// Restricts the phrase dictionaries to these languages (ISO 639-1).
    pub fn languages<S: AsRef<str>>(mut self, langs: &[S]) -> Self {
        self.options.languages = langs.iter().map(|s| s.as_ref().to_string()).collect();
        self
    }

    /// Turns the line classifier on or off.
    pub fn classifier(mut self, on: bool) -> Self {
        self.options.classifier = on;
        self
    }

    /// Sets the classifier's drop threshold (probability of content).
    pub fn threshold(mut self, p: f32) -> Self {
        self.options.threshold = Some(p);
        self
    }

    /// Uses a custom line model instead of the built-in one.
    pub fn model(mut self, model: classify::LineModel) -> Self {
        self.model = Some(model);
        self
    }

    /// Keeps every category: nothing is removed (a baseline for evaluation).
    pub fn keep_all(mut self) -> Self {
        self.options.keep = Category::ALL.to_vec();
        self.options.classifier = false;
        self
    }

    /// Applies a whole [`SiftOptions`].
    pub fn options(mut self, options: SiftOptions) -> Self {
        self.options = options;
        self
    }

    /// Compiles the dictionaries and loads the model.
    ///
    /// # Errors
    /// [`Error::Data`] for a malformed phrase list or model,
    /// [`Error::InvalidOption`] for a threshold outside [0, 1].
    pub fn build(self) -> Result<Sifter, Error> {
        if let Some(t) = self.options.threshold {
            if !(0.0..=1.0).contains(&t) {
                return Err(Error::InvalidOption(format!(
                    "threshold {t} is not in [0, 1]"
                )));
            }
        }
        let mut files: Vec<(Category, &str, &str)> = dict::BUILTIN_PHRASES
            .iter()
            .map(|(c, t)| (*c, *t, c.name()))
            .collect();
        for (c, t) in &self.extra {
            files.push((*c, t.as_str(), "custom phrases"));
        }
        let dict = Dict::build(&files, &self.options.languages)?;
        // A rules-only sifter needs no model (training builds one).
        let model = match self.model {
            Some(m) => Some(m),
            None if self.options.classifier => Some(classify::LineModel::builtin()?),
            None => None,
        };
        let lexicon = Lexicon::builtin();
        Ok(Sifter {
            vocab: dict::Vocab::new(&lexicon, &dict),
            dict,
            lexicon,
            model,
            options: self.options,
        })
    }
}

/// A reusable sifter: dictionaries compiled and model loaded once.
#[derive(Debug, Clone)]
pub struct Sifter {
    dict: Dict,
    lexicon: Lexicon,
    vocab: dict::Vocab,
    model: Option<classify::LineModel>,
    options: SiftOptions,
}

/// What the sifter knows about one line while deciding.
#[derive(Debug, Clone)]
pub struct LineState<'a> {
    /// The line.
    pub line: Line<'a>,
    /// Its folded key.
    pub key: Key,
    /// Share of its words that are stop words ([`dict::WordStats::stop_share`]).
    pub stop_share: f32,
    /// The rule verdict, if any rule fired.
    pub verdict: Option<Verdict>,
    /// Probability of content from the classifier (1.0 when not run).
    pub p_content: f32,
}

impl Sifter {
    /// A builder with default options.
    pub fn builder() -> SifterBuilder {
        SifterBuilder::default()
    }

    /// A sifter with default options.
    ///
    /// # Errors
    /// Only if the built-in data is corrupt, which the tests rule out.
    pub fn new() -> Result<Sifter, Error> {
        Sifter::builder().build()
    }

    /// The options this sifter was built with.
    pub fn options(&self) -> &SiftOptions {
        &self.options
    }

    /// The word lists the rules and features use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The line model in use (`None` for a rules-only sifter).
    pub fn model(&self) -> Option<&classify::LineModel> {
        self.model.as_ref()
    }

    /// Runs the rules on every line and returns the per-line states, before
    /// the classifier and layout passes. Exposed for training and evaluation.
    pub fn line_states<'a>(&self, input: &'a str) -> Vec<LineState<'a>> {
        self.states_of(normalize::lines(input), true)
    }

    /// `text`: the input is flattened text, where a teaser card's headline
    /// and summary can arrive glued together (DOM blocks never do).
    fn states_of<'a>(&self, lines: Vec<normalize::Line<'a>>, text: bool) -> Vec<LineState<'a>> {
        let mut states: Vec<LineState<'a>> = lines
            .into_iter()
            .map(|line| {
                let key = normalize::key(line.text);
                let words = self.vocab.stats(&key);
                let verdict =
                    rules::apply(line.text, &key, words.cookie, &self.dict, &self.lexicon)
                        .or_else(|| text.then(|| rules::glued_teaser(line.text)).flatten());
                LineState {
                    stop_share: words.stop_share(key.words()),
                    line,
                    key,
                    verdict,
                    p_content: 1.0,
                }
            })
            .collect();
        tail_regions(&mut states);
        duplicates(&mut states);
        lone_author(&mut states);
        states
    }

    /// What the line rules say about one line of text, if anything (the HTML
    /// path names furniture the DOM dropped, and reads bylines and datelines).
    #[cfg(feature = "html")]
    pub(crate) fn line_verdict(&self, line: &str) -> Option<Verdict> {
        let key = normalize::key(line);
        let cookie = self.vocab.stats(&key).cookie;
        rules::apply(line, &key, cookie, &self.dict, &self.lexicon)
    }

    /// Sifts article text.
    pub fn sift(&self, input: &str) -> SiftResult {
        self.sift_with(input, Input::Text)
    }

    /// Sifts text, or the HTML path's kept blocks (one per line). Those are
    /// already blocks: no hard-wrapped lines to join into paragraphs, and no
    /// line classifier (the DOM has told content from furniture already).
    pub(crate) fn sift_with(&self, input: &str, kind: Input) -> SiftResult {
        if crate::input::check_size(input.len()).is_err() {
            return SiftResult::default();
        }
        let (mut states, classifier) = match kind {
            Input::Text => (self.line_states(input), self.options.classifier),
            #[cfg(feature = "html")]
            Input::DomBlocks => (
                self.states_of(normalize::physical_lines(input), false),
                false,
            ),
        };
        if let Some(model) = self.model.as_ref().filter(|_| classifier) {
            self.classify_open_lines(model, &mut states);
        }
        comment_section(&mut states, &self.lexicon);
        for s in &mut states {
            if s.verdict
                .as_ref()
                .is_some_and(|v| self.options.keep.contains(&v.category))
            {
                s.verdict = None;
            }
        }
        self.assemble(&states)
    }

    /// Scores every line with the classifier and drops the ones no rule
    /// decided and the model is confident are junk.
    fn classify_open_lines(&self, model: &classify::LineModel, states: &mut [LineState<'_>]) {
        let p = model.predict(states);
        let threshold = self.options.threshold.unwrap_or(model.threshold);
        let kept: Vec<usize> = (0..states.len())
            .filter(|&i| states.get(i).is_some_and(|s| s.verdict.is_none()))
            .collect();
        let kept_states: Vec<&LineState<'_>> = kept.iter().filter_map(|&i| states.get(i)).collect();
        let title = title_index(&kept_states).and_then(|t| kept.get(t).copied());
        // Articles open with their headline; a menu's first item is a word or
        // two. (The benchmark's gold bodies exclude headlines, so the model
        // learned to drop them: precision first.)
        let opening = kept.first().copied().filter(|_| {
            kept_states
                .first()
                .is_some_and(|s| (4..=30).contains(&s.key.words()) && !s.line.text.ends_with(':'))
        });
        // Prose: sentence-shaped, or running text (20+ words, a fifth of them
        // function words) whatever its last character.
        let prose: Vec<bool> = kept_states
            .iter()
            .map(|s| {
                let words = s.key.words();
                rules::is_prose(s.line.text, words) || (words >= 20 && s.stop_share >= 0.2)
            })
            .collect();
        for (s, p) in states.iter_mut().zip(&p) {
            s.p_content = *p;
        }
        let is_prose = |k: usize| prose.get(k).copied().unwrap_or(false);
        let mut list = IntroducedList::default();
        for (k, &i) in kept.iter().enumerate() {
            let Some(s) = states.get(i) else { continue };
            let p = s.p_content;
            // No line dropped by a rule in between.
            let adjacent = k.checked_sub(1).and_then(|j| kept.get(j)) == Some(&i.wrapping_sub(1));
            if list.item(s, adjacent && !is_prose(k)) {
                continue;
            }
            // A heading between prose and a list it introduces (`The Doobie
            // Brothers Tour Dates`, then `June 9 – West Palm Beach, FL @ …`):
            // the next lines adjacent, short, not prose, of one shape and
            // with fields (see `IntroducedList::structured`).
            let text = s.line.text;
            if adjacent
                && k.checked_sub(1).is_some_and(is_prose)
                && s.key.words() <= 12
                && !rules::ends_sentence(text)
                && !text.ends_with(':')
            {
                let item = |d: usize| {
                    kept.get(k + d)
                        .filter(|&&j| j == i + d && !is_prose(k + d))
                        .and_then(|&j| states.get(j))
                        .map(|n| n.line.text)
                        .filter(|t| t.len() <= 160 && IntroducedList::structured(t))
                        .map(IntroducedList::shape)
                };
                let first = item(1);
                if first.is_some() && (2..=IntroducedList::MIN_HEADED).all(|d| item(d) == first) {
                    list.items = Some(0);
                    continue;
                }
            }
            if p >= threshold || Some(i) == title || Some(i) == opening {
                list.open_after(s);
                continue;
            }
            let words = s.key.words();
            let before = k.checked_sub(1).is_some_and(is_prose);
            let after = is_prose(k + 1);
            // A sentence right after prose continues the article; a short line
            // between two paragraphs is a subheading.
            let continues = before && words >= 4 && rules::ends_sentence(s.line.text);
            let subheading = before && after && words <= 12;
            // Prose and its kin need a far more confident classifier.
            if (is_prose(k) || continues || subheading) && p >= threshold * 0.25 {
                list.open_after(s);
                continue;
            }
            decide(
                states,
                i,
                rules::verdict(Category::Boilerplate, "classifier", 1.0 - p),
            );
        }
    }

    fn assemble(&self, states: &[LineState<'_>]) -> SiftResult {
        let mut meta = Metadata::default();
        let mut removed = Vec::new();
        let mut crumb = None;
        for s in states {
            let Some(v) = &s.verdict else { continue };
            match &v.meta {
                Meta::Date {
                    iso,
                    update,
                    author,
                } => {
                    let slot = if *update {
                        &mut meta.modified
                    } else {
                        &mut meta.published
                    };
                    slot.get_or_insert_with(|| iso.clone());
                    if let Some(a) = author {
                        meta.author.get_or_insert_with(|| a.clone());
                    }
                }
                Meta::Author(a) => {
                    meta.author.get_or_insert_with(|| a.clone());
                }
                Meta::Crumb(c) => {
                    crumb.get_or_insert_with(|| c.clone());
                }
                Meta::None => {}
            }
            removed.push(Removed {
                category: v.category,
                text: s.line.text.to_string(),
                span: Span {
                    start: s.line.start,
                    end: s.line.end(),
                },
                rule: v.rule.to_string(),
                confidence: v.confidence,
            });
        }
        let kept: Vec<&LineState<'_>> = states.iter().filter(|s| s.verdict.is_none()).collect();
        let title_idx = title_index(&kept);
        let mut text = String::new();
        let mut blocks = Vec::with_capacity(kept.len());
        for (i, s) in kept.iter().enumerate() {
            let next_prose = kept
                .get(i + 1)
                .is_some_and(|n| rules::is_prose(n.line.text, n.key.words()));
            let kind = if Some(i) == title_idx {
                BlockKind::Title
            } else {
                block_kind(s.line.text, s.key.words(), next_prose)
            };
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let start = text.len();
            text.push_str(s.line.text);
            blocks.push(Block {
                kind,
                text: s.line.text.to_string(),
                span: Span {
                    start: s.line.start,
                    end: s.line.end(),
                },
                out: Span {
                    start,
                    end: text.len(),
                },
                confidence: s.p_content,
            });
        }
        meta.title = title_idx
            .and_then(|i| kept.get(i))
            .map(|s| s.line.text.to_string())
            .or(crumb);
        meta.lang = crate::lang::detect(&text, &self.lexicon);
        SiftResult {
            text,
            blocks,
            removed,
            metadata: meta,
            source: None,
        }
    }
}

/// The headline among the kept lines: the last short line before the first
/// prose paragraph (kickers and video titles come before it), or a first line
/// much shorter than the paragraph after it.
fn title_index(kept: &[&LineState<'_>]) -> Option<usize> {
    let first_prose = kept
        .iter()
        .position(|s| rules::is_prose(s.line.text, s.key.words()))
        .unwrap_or(kept.len());
    kept.get(..first_prose)
        .unwrap_or_default()
        .iter()
        .rposition(|s| s.key.words() <= 30 && s.key.words() >= 2)
        .filter(|_| first_prose < kept.len())
        .or_else(|| {
            // A headline that ends with a period still reads as one when it
            // opens the text and the next block is much longer.
            let (a, b) = (kept.first()?, kept.get(1)?);
            (a.key.words() <= 25 && b.line.text.len() > 2 * a.line.text.len()).then_some(0)
        })
}

fn block_kind(text: &str, words: usize, next_prose: bool) -> BlockKind {
    let t = text.trim_start();
    let bullet = ["- ", "• ", "* ", "– ", "· ", "▪ ", "► "]
        .iter()
        .any(|b| t.starts_with(b))
        || {
            // `1. ` or `12) `: one or two digits, then the first `.` or `)`
            // (looked for in the first three bytes only: lines are long).
            let b = t.as_bytes();
            let sep = b.iter().take(3).position(|&c| c == b'.' || c == b')');
            sep.is_some_and(|k| {
                k >= 1
                    && b.get(..k).is_some_and(|n| n.iter().all(u8::is_ascii_digit))
                    && b.get(k + 1) == Some(&b' ')
            })
        };
    if bullet {
        return BlockKind::ListItem;
    }
    let opens = t.starts_with(['«', '“', '"', '„']);
    let closes = t
        .trim_end_matches(['.', ',', ';'])
        .ends_with(['»', '”', '"', '“']);
    if opens && closes && words >= 3 {
        return BlockKind::Quote;
    }
    if words <= 15 && !rules::ends_sentence(t) && next_prose {
        return BlockKind::Heading;
    }
    BlockKind::Paragraph
}

/// Gives line `i` its verdict (the classifier's, a position's, a repeat's).
fn decide(states: &mut [LineState<'_>], i: usize, v: Verdict) {
    if let Some(s) = states.get_mut(i) {
        s.verdict = Some(v);
    }
}

/// After an end-of-article marker, short teaser lines are junk until prose
/// resumes. After a promo prompt that is not a marker (`Lire toutes les
/// nouvelles…`), teasers are junk only when no prose follows at all.
fn tail_regions(states: &mut [LineState<'_>]) {
    // `prose_after[i]`: a kept prose line at `i` or later (`false` past the end).
    let mut any = false;
    let mut prose_after: Vec<bool> = states
        .iter()
        .rev()
        .map(|s| {
            any = any || (s.verdict.is_none() && rules::is_prose(s.line.text, s.key.words()));
            any
        })
        .collect();
    prose_after.reverse();
    let n = states.len();
    // (category, marker, teasers still allowed while prose follows)
    let mut tail: Option<(Category, bool, usize)> = None;
    for i in 0..n {
        let Some(s) = states.get(i) else { break };
        if let Some(v) = &s.verdict {
            if v.marker {
                // "Lire aussi" / "A NE PAS MANQUER" introduce one link; "Related
                // Articles" and comment headers a whole block.
                let budget = if v.category == Category::Promo {
                    1
                } else {
                    usize::MAX
                };
                tail = Some((v.category, true, budget));
            } else if v.category == Category::Promo && v.rule == "phrase:prefix" {
                tail = Some((Category::Related, false, 0));
            }
            continue;
        }
        let Some((category, marker, budget)) = tail else {
            continue;
        };
        if rules::is_prose(s.line.text, s.key.words()) {
            // Comments are prose too: the thread goes on while commenter
            // headers ("jdoe says:") keep appearing around it.
            let near = states.get(i.saturating_sub(4)..(i + 5).min(n));
            let thread = category == Category::Comments
                && near.unwrap_or_default().iter().any(|t| {
                    t.verdict
                        .as_ref()
                        .is_some_and(|v| v.rule == "comments:author")
                });
            if !thread {
                tail = None;
                continue;
            }
        }
        let at_end = !prose_after.get(i + 1).copied().unwrap_or(false);
        if at_end || (marker && budget > 0) {
            if !at_end {
                tail = Some((category, marker, budget - 1));
            }
            let confidence = if marker { 0.85 } else { 0.8 };
            decide(states, i, rules::verdict(category, "tail", confidence));
        }
    }
}

/// A copy of the line just before it, or of the headline further down, is a
/// duplicate. Other repeats stay: recipes, lists and quoted passages repeat
/// lines legitimately, and the reference articles keep them.
fn duplicates(states: &mut [LineState<'_>]) {
    let head = states
        .iter()
        .take(12)
        .enumerate()
        .find(|(_, s)| s.verdict.is_none() && s.key.words() >= 2)
        .map(|(i, s)| (i, s.key.key.clone()));
    let mut prev: Option<usize> = None;
    for i in 0..states.len() {
        let Some(s) = states.get(i) else { break };
        if s.verdict.is_some() {
            continue;
        }
        let key = &s.key.key;
        let repeat_prev = prev
            .and_then(|p| states.get(p))
            .is_some_and(|p| p.key.key == *key)
            && key.len() >= 12;
        let repeat_title = head.as_ref().is_some_and(|(h, k)| *h != i && k == key);
        if repeat_prev || repeat_title {
            decide(
                states,
                i,
                rules::verdict(Category::Duplicate, "duplicate", 0.9),
            );
        } else {
            prev = Some(i);
        }
    }
}

/// A list that a kept line ending with a colon introduces (`The 2020 tour
/// dates:`, then `June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL`…):
/// its items stay however little they look like prose — the classifier
/// drops such lines, a menu's look — while they follow one another, are
/// short and not prose, and keep the first item's shape (see
/// [`IntroducedList::shape`]). A page's furniture after the list (`Seite
/// drucken`) breaks the shape. On the plain-text sets: `noisy` +0.0026,
/// `noisy_trim` +0.0024, snippets +0.0015 (no junk snippet kept).
#[derive(Default)]
struct IntroducedList {
    /// Items so far, once a list is open.
    items: Option<usize>,
    shape: [u8; 2],
}

impl IntroducedList {
    /// Longest list kept this way: past it, the lines are more likely a
    /// page's link farm than the article's list.
    const MAX_ITEMS: usize = 60;

    /// The kinds of a line's first two words (number, capitalised, lower
    /// case, other): `June 9 --` and `Nr. 34 vom` are (capitalised, number).
    fn shape(text: &str) -> [u8; 2] {
        let mut kinds = text.split_whitespace().map(|w| match w.chars().next() {
            Some(c) if c.is_numeric() => 1,
            Some(c) if c.is_uppercase() => 2,
            Some(c) if c.is_alphabetic() => 3,
            _ => 4,
        });
        [kinds.next().unwrap_or(0), kinds.next().unwrap_or(0)]
    }

    /// Whether `s` is the open list's next item; closes the list when not.
    /// `follows`: `s` comes right after the previous line and is not prose.
    fn item(&mut self, s: &LineState<'_>, follows: bool) -> bool {
        // Most lines are read with no list open: nothing to compute then.
        let Some(n) = self.items else {
            return false;
        };
        let text = s.line.text;
        if !follows || text.len() > 160 || text.ends_with(':') {
            self.items = None;
            return false;
        }
        let shape = Self::shape(text);
        self.items = match n {
            0 => {
                self.shape = shape;
                Some(1)
            }
            n if n < Self::MAX_ITEMS && shape == self.shape => Some(n + 1),
            _ => None,
        };
        self.items.is_some()
    }

    /// Items a heading must be followed by to open a list (more than a
    /// menu's heading and two links), each structured and of one shape.
    const MIN_HEADED: usize = 4;

    /// An item with fields: a separator (`–`, `—`, `@`, `|`, `(`) after its
    /// first word (`June 9 – Tampa, FL @ …`,
    /// `England (Group A): 10th appearance`); a menu's line has none. Not a
    /// colon: teasers under `Most read` often have one (`Budget: what …`).
    fn structured(text: &str) -> bool {
        text.split_once(' ').is_some_and(|(_, rest)| {
            rest.chars()
                .any(|c| matches!(c, '–' | '—' | '@' | '|' | '('))
        })
    }

    /// Opens a list after a kept line of four words or more ending with a
    /// colon.
    fn open_after(&mut self, s: &LineState<'_>) {
        if s.line.text.ends_with(':') && s.key.words() >= 4 {
            self.items = Some(0);
        }
    }
}

/// A comment section after the article: from its header (`Comments`, `Leave
/// a Reply`, `34 responses to “…”`) to the end, lines are readers' posts and
/// the page's furniture, prose included (the tail rule stops at prose). Only
/// when the header follows the start of the article's core (see
/// [`core_start`]), with at least 400 characters of kept text before it and,
/// unless the header names what it responds to, 30 % of the kept text — a
/// `Comments` link under the lede is no header.
fn comment_section(states: &mut [LineState<'_>], lx: &Lexicon) {
    let kept = |s: &LineState<'_>| {
        if s.verdict.is_none() {
            s.line.text.len()
        } else {
            0
        }
    };
    let total: usize = states.iter().map(kept).sum();
    let core = core_start(states);
    let mut before = 0;
    let Some(header) = states.iter().enumerate().position(|(i, s)| {
        let found = before >= 400
            && i > core
            && comment_header(s, lx).is_some_and(|titled| titled || before * 10 >= total * 3);
        before += kept(s);
        found
    }) else {
        return;
    };
    for s in states.iter_mut().skip(header) {
        if s.verdict.is_none() {
            s.verdict = Some(rules::verdict(Category::Comments, "comments:section", 0.8));
        }
    }
}

/// Where the article's core starts: the run of lines with the largest sum of
/// `ln(1 + chars) · (p − ½)`, `p` the classifier's probability of content
/// for kept lines and 0 for dropped ones (a maximum-sum segment). A page
/// can put comments or teasers above the article; a comment header there
/// ends nothing.
fn core_start(states: &[LineState<'_>]) -> usize {
    let (mut sum, mut low, mut low_at) = (0f32, 0f32, 0);
    let (mut best, mut start) = (f32::MIN, 0);
    for (i, s) in states.iter().enumerate() {
        if sum < low {
            (low, low_at) = (sum, i);
        }
        let p = if s.verdict.is_none() {
            s.p_content
        } else {
            0.0
        };
        sum += (s.line.text.len() as f32).ln_1p() * (p - 0.5);
        if sum - low > best {
            (best, start) = (sum - low, low_at);
        }
    }
    start
}

/// Whether a line heads a comment section, and if so whether it names what
/// the comments respond to: a comments marker of the phrase lists, a count
/// (`12 Comments`, `Comments (74)`; nouns and link words in
/// `data/lexicon/comment_count.txt`), or a titled count (`34 responses to
/// “…”`, `5 thoughts on “…”`: WordPress's heading, found nowhere else). Not
/// `Add a comment`: Q&A sites put that link under every answer, and the next
/// answer is content.
fn comment_header(s: &LineState<'_>, lx: &Lexicon) -> Option<bool> {
    if s.verdict
        .as_ref()
        .is_some_and(|v| v.marker && v.category == Category::Comments)
    {
        return (s.key.key != "add a comment").then_some(false);
    }
    let (nouns, links) = (&lx.comment_nouns, &lx.comment_links);
    let is_count = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    let mut w = s.key.word_iter();
    match (w.next(), w.next(), w.next()) {
        (Some(a), Some(b), None) => ((is_count(a) && nouns.contains(b))
            || (nouns.contains(a) && is_count(b)))
        .then_some(false),
        (Some(a), Some(b), Some(c)) => {
            (is_count(a) && nouns.contains(b) && links.contains(c) && s.key.words() <= 16)
                .then_some(true)
        }
        _ => None,
    }
}

/// A bare name (2–4 capitalised words) right next to a dateline or credit is
/// the byline: `Chiara Schlenz` under `Photo: …`.
fn lone_author(states: &mut [LineState<'_>]) {
    for i in 0..states.len() {
        let Some(s) = states.get(i) else { break };
        if s.verdict.is_some() {
            continue;
        }
        let text = s.line.text;
        // Counted first (without collecting: this runs on every line, and
        // most lines are longer than a name).
        if !(2..=4).contains(&text.split_whitespace().take(5).count()) {
            continue;
        }
        let name = text.split_whitespace().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .skip(1)
                    .all(|c| c.is_lowercase() || c == '-' || c == '\'')
        });
        if !name {
            continue;
        }
        let near = |j: Option<usize>| {
            j.and_then(|j| states.get(j))
                .and_then(|s| s.verdict.as_ref())
                .is_some_and(|v| {
                    matches!(
                        v.category,
                        Category::Dateline | Category::Credit | Category::Media
                    )
                })
        };
        if near(i.checked_sub(1)) || near(Some(i + 1)) {
            let mut v = rules::verdict(Category::BylineStub, "byline:adjacent", 0.7);
            v.meta = Meta::Author(text.to_string());
            decide(states, i, v);
        }
    }
}
