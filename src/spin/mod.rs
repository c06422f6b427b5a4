//! Spin: persuasion techniques, frames and genre, with the labels of
//! SemEval-2023 Task 3 ([`labels`]).
//!
//! [`analyze`] sifts the text, then scores every content block (paragraph)
//! and every sentence with the linear [`model::SpinModel`] over the features
//! of [`features`]. Everything here is a dot product over a few thousand
//! weights; training lives in `train::spin` (feature `train`).

// Indices: label indices come from the model's own label list (mapped
// in `Analyzer::new`), and per-label vectors are sized by it.
#![allow(clippy::indexing_slicing)]

pub mod features;
pub mod labels;
pub mod model;

use serde::{Deserialize, Serialize};

use crate::result::{BlockKind, SiftResult, Span};
use crate::{Error, Sifter, order, segment};
use features::{CUES, Features, HASH_BITS, Lexicons, Tokens};
use model::{Calibration, Head, Scope, SpinModel};

/// Languages the model was trained on (ISO 639-1).
pub const TRAINED_LANGUAGES: [&str; 6] = ["en", "fr", "de", "it", "pl", "ru"];

/// Fewer words than this and a result is flagged unreliable.
pub const MIN_WORDS: usize = 40;

/// Most cues reported per technique and sentence.
pub const MAX_CUES: usize = 3;

/// A word or n-gram that pushed a decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cue {
    /// The text, as in the input.
    pub text: String,
    /// Where it is (bytes in Rust, UTF-16 code units in JS).
    pub span: Span,
    /// Its share of the raw score (positive: towards the technique).
    pub weight: f32,
}

/// A technique found in a sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TechniqueHit {
    /// SemEval-2023 name, e.g. `Loaded_Language`.
    pub name: String,
    /// Its family, e.g. `Manipulative_Wording`.
    pub family: String,
    /// Calibrated probability that the sentence uses it.
    pub p: f32,
    /// What pushed the decision most, strongest first.
    pub cues: Vec<Cue>,
}

/// One sentence of the sifted article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    /// Where it is in the input.
    pub span: Span,
    /// Calibrated probability that it uses at least one technique.
    pub p: f32,
    /// Techniques above their threshold, most probable first.
    pub techniques: Vec<TechniqueHit>,
}

/// A technique over the whole document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TechniqueScore {
    /// SemEval-2023 name.
    pub name: String,
    /// Its family.
    pub family: String,
    /// Probability that the document uses it: the highest paragraph probability.
    pub p: f32,
    /// Number of sentences where it is above threshold.
    pub count: usize,
}

/// A label with a probability (frames, genres).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelScore {
    /// SemEval-2023 name.
    pub name: String,
    /// Probability.
    pub p: f32,
}

/// What [`analyze`] returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Analysis {
    /// Detected language (ISO 639-1), if any.
    pub lang: Option<String>,
    /// False when the text is too short or its language is not one the model
    /// was trained on: the figures are then a guess.
    pub reliable: bool,
    /// The document spin score in [0, 1]: the expected share of its sentences
    /// that use at least one technique (mean of the sentences' calibrated
    /// probabilities).
    pub score: f32,
    /// Every technique, most probable first.
    pub techniques: Vec<TechniqueScore>,
    /// Sentences in reading order.
    pub sentences: Vec<Sentence>,
    /// The 14 frames, most probable first; independent probabilities.
    pub frames: Vec<LabelScore>,
    /// Opinion / reporting / satire, most likely first: calibrated
    /// probabilities reweighted against the majority genre, summing to 1.
    pub genre: Vec<LabelScore>,
    /// The sifted article the scores are about.
    pub sift: SiftResult,
}

impl Analysis {
    /// Converts every offset to UTF-16 code units of `input` (for JavaScript).
    pub fn into_utf16(mut self, input: &str) -> Analysis {
        // HTML input: spans point into the page's text, not the markup.
        let source = self.sift.source.take();
        let base = source.as_deref().unwrap_or(input);
        let mut spans: Vec<&mut Span> = Vec::new();
        for s in &mut self.sentences {
            spans.push(&mut s.span);
            for t in &mut s.techniques {
                for c in &mut t.cues {
                    spans.push(&mut c.span);
                }
            }
        }
        crate::offsets::spans_to_utf16(base, &mut spans);
        self.sift.source = source;
        self.sift = self.sift.into_utf16(input);
        self
    }
}

/// Analyzes text with the built-in sifter and model.
///
/// # Errors
/// [`Error::Data`] only if the built-in data were corrupt.
pub fn analyze(text: &str) -> Result<Analysis, Error> {
    Ok(default_analyzer()?.analyze(text))
}

/// The built-in analyzer, built on first use.
///
/// # Errors
/// [`Error::Data`] only if the built-in data were corrupt.
pub fn default_analyzer() -> Result<&'static Analyzer, Error> {
    static A: std::sync::OnceLock<Result<Analyzer, Error>> = std::sync::OnceLock::new();
    A.get_or_init(|| Analyzer::new(SpinModel::builtin()?))
        .as_ref()
        .map_err(Clone::clone)
}

/// The built-in analyzer when `model` is `None`, else one over the model file
/// at `model` (as written by `spinsift train --out`), for the CLI and for
/// comparing a freshly trained model with the shipped one.
///
/// # Errors
/// [`Error::Data`] when the file cannot be read or is not a valid model.
pub fn load_analyzer(
    model: Option<&std::path::Path>,
) -> Result<std::borrow::Cow<'static, Analyzer>, Error> {
    let Some(path) = model else {
        return default_analyzer().map(std::borrow::Cow::Borrowed);
    };
    let source = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::Data {
        source: source.clone(),
        line: 0,
        message: e.to_string(),
    })?;
    // The loader's errors say "spin model"; name the file instead.
    let named = |e: Error| match e {
        Error::Data { line, message, .. } => Error::Data {
            source: source.clone(),
            line,
            message,
        },
        other => other,
    };
    let model = SpinModel::from_bytes(&bytes).map_err(named)?;
    Ok(std::borrow::Cow::Owned(
        Analyzer::new(model).map_err(named)?,
    ))
}

/// A spin scorer: a model, the cue lexicons, and the sifter to run first.
#[derive(Debug, Clone)]
pub struct Analyzer {
    model: SpinModel,
    lexicons: Lexicons,
    sifter: Option<Sifter>,
    /// Indices of labels per head, in model order.
    techniques: Vec<(usize, usize)>,
    any: usize,
    frames: Vec<usize>,
    genres: Vec<usize>,
}

/// A feature occurrence that the model weighs (see `Analyzer::weighed`).
#[derive(Clone, Copy)]
struct Weighed {
    id: u32,
    /// Its place in the model.
    k: usize,
    span: Span,
    /// Its value in the sentence's vector.
    value: f32,
}

#[derive(Clone)]
struct Unit {
    words: usize,
    raw: Vec<f32>,
    /// The vector, kept for a sentence (explaining its hits needs it), not
    /// for the paragraphs, which are all held at once: a long text would
    /// keep a vector per paragraph.
    feats: Option<Features>,
}

impl Analyzer {
    /// An analyzer over `model`, using the default sifter.
    ///
    /// # Errors
    /// [`Error::Data`] when the model lacks a label spinsift needs.
    pub fn new(model: SpinModel) -> Result<Analyzer, Error> {
        let bad = |m: String| Error::Data {
            source: "spin model".into(),
            line: 0,
            message: m,
        };
        let mut techniques = Vec::new();
        let mut any = None;
        let mut frames = Vec::new();
        let mut genres = Vec::new();
        for (i, l) in model.labels.iter().enumerate() {
            match l.head {
                Head::Technique => {
                    let t = labels::technique(&l.name)
                        .ok_or_else(|| bad(format!("unknown technique {}", l.name)))?;
                    techniques.push((i, t));
                }
                Head::Any => any = Some(i),
                Head::Frame => frames.push(i),
                Head::Genre => genres.push(i),
            }
        }
        let any = any.ok_or_else(|| bad("no `any` label".into()))?;
        Ok(Analyzer {
            model,
            lexicons: Lexicons::builtin(),
            sifter: None,
            techniques,
            any,
            frames,
            genres,
        })
    }

    /// Uses `sifter` instead of the default one.
    pub fn with_sifter(mut self, sifter: Sifter) -> Analyzer {
        self.sifter = Some(sifter);
        self
    }

    /// The language of `text` as the sifter detects it (ISO 639-1).
    pub fn detect_lang(&self, text: &str) -> Option<String> {
        crate::lang::detect(text, self.lexicon())
    }

    /// The model.
    pub fn model(&self) -> &SpinModel {
        &self.model
    }

    /// The word lists of the sifter in use.
    fn lexicon(&self) -> &crate::sift::dict::Lexicon {
        match &self.sifter {
            Some(s) => s.lexicon(),
            None => crate::default_sifter().lexicon(),
        }
    }

    fn sift(&self, text: &str) -> SiftResult {
        match &self.sifter {
            Some(s) => s.sift(text),
            None => crate::sift(text),
        }
    }

    /// Sifts `text`, then scores it. A whole HTML page (doctype, `<html>`,
    /// `<head>` or `<body>` first) goes through [`Analyzer::analyze_html`].
    pub fn analyze(&self, text: &str) -> Analysis {
        #[cfg(feature = "html")]
        if crate::input::looks_like_html(text) {
            return self.analyze_html(text);
        }
        let sift = self.sift(text);
        self.analyze_sifted(text, sift)
    }

    /// Finds the article in an HTML page, sifts it, then scores it. Spans in
    /// the analysis point into the result's `sift.source` (the page's text).
    #[cfg(feature = "html")]
    pub fn analyze_html(&self, html: &str) -> Analysis {
        let sift = match &self.sifter {
            Some(s) => s.sift_html(html),
            None => crate::sift_html(html),
        };
        let source = sift.source.clone().unwrap_or_default();
        self.analyze_sifted(&source, sift)
    }

    /// Scores an already sifted text (`sift` must come from `text`).
    pub fn analyze_sifted(&self, text: &str, sift: SiftResult) -> Analysis {
        let blocks: Vec<Span> = sift
            .blocks
            .iter()
            .filter(|b| b.kind != BlockKind::Heading || b.text.len() > 60)
            .map(|b| b.span)
            .collect();
        // Tokenised and hashed once; paragraphs, sentences and the document
        // are then assembled from the same tokens.
        let tk = Tokens::new(text, &self.lexicons);
        let paragraphs: Vec<Unit> = blocks.iter().map(|&s| self.unit(&tk, s, false)).collect();
        let mean = self.mean_raw(&paragraphs);
        let total_words: usize = paragraphs.iter().map(|p| p.words).sum();
        let lang = sift.metadata.lang.clone();
        let reliable = total_words >= MIN_WORDS
            && lang
                .as_deref()
                .is_some_and(|l| TRAINED_LANGUAGES.contains(&l));

        let lg = lang.as_deref();
        // Each technique's calibrations for this language, looked up once.
        let para: Vec<&Calibration> = self
            .techniques
            .iter()
            .map(|&(li, _)| self.model.labels[li].params(lg).1)
            .collect();
        let sent: Vec<(f32, f32, &Calibration)> = self
            .techniques
            .iter()
            .map(|&(li, _)| {
                let (threshold, cal) = self.model.labels[li].sentence_params(lg);
                (threshold, model::clear_miss_below(threshold), cal)
            })
            .collect();
        let (_, any) = self.model.labels[self.any].sentence_params(lg);
        // A technique's document probability is its best paragraph's; the
        // logistic function is monotone, so the best log-odds gives it.
        let mut doc_t = vec![f32::NEG_INFINITY; labels::TECHNIQUES.len()];
        for p in &paragraphs {
            let lw = model::ln_words(p.words);
            for (&(li, t), cal) in self.techniques.iter().zip(&para) {
                doc_t[t] = doc_t[t].max(cal.log_odds(p.raw[li], lw, mean[li]));
            }
        }
        // (`max(0.0)`: no paragraph, or a NaN score, gives 0 as before.)
        let doc_p: Vec<f32> = doc_t.iter().map(|&t| model::sigmoid(t).max(0.0)).collect();
        let mut counts = vec![0usize; labels::TECHNIQUES.len()];
        let mut sentences = Vec::new();
        for (b, para) in blocks.iter().zip(&paragraphs) {
            let btext = &text[b.start..b.end];
            for s in segment::sentences(btext) {
                let span = Span {
                    start: b.start + s.start,
                    end: b.start + s.end,
                };
                // A one-sentence paragraph (common in news) is its own
                // sentence: the same span gives the same unit, so reuse it.
                let owned;
                let u = if span == *b {
                    para
                } else {
                    owned = self.unit(&tk, span, true);
                    &owned
                };
                let lw = model::ln_words(u.words);
                let p = model::sigmoid(any.log_odds(u.raw[self.any], lw, mean[self.any]));
                let mut hits = Vec::new();
                // Sources are only needed to explain a hit: found once per
                // sentence, for every technique it explains.
                let mut weighed = None;
                for (&(li, t), &(threshold, miss_below, cal)) in self.techniques.iter().zip(&sent) {
                    let z = cal.log_odds(u.raw[li], lw, mean[li]);
                    if z < miss_below {
                        continue;
                    }
                    let l = &self.model.labels[li];
                    let pt = model::sigmoid(z);
                    if pt >= threshold {
                        let weighed = weighed.get_or_insert_with(|| self.weighed(&tk, span, u));
                        counts[t] += 1;
                        hits.push(TechniqueHit {
                            name: l.name.clone(),
                            family: labels::family_of(t).to_string(),
                            p: pt,
                            cues: self.cues(text, span, weighed, li),
                        });
                    }
                }
                order::sort_by_key_desc(&mut hits, |h| order::f32_key(h.p));
                sentences.push(Sentence {
                    span,
                    p,
                    techniques: hits,
                });
            }
        }
        let score = if sentences.is_empty() {
            0.0
        } else {
            sentences.iter().map(|s| s.p).sum::<f32>() / sentences.len() as f32
        };
        let mut techniques: Vec<TechniqueScore> = self
            .techniques
            .iter()
            .map(|&(li, t)| TechniqueScore {
                name: self.model.labels[li].name.clone(),
                family: labels::family_of(t).to_string(),
                p: doc_p[t],
                count: counts[t],
            })
            .collect();
        order::sort_by_key_desc(&mut techniques, |t| order::f32_key(t.p));

        // Frames and genre: the whole sifted article as one document.
        let all: Vec<Span> = sift.blocks.iter().map(|b| b.span).collect();
        let (frames, genre) = if all.is_empty() {
            (Vec::new(), Vec::new())
        } else {
            self.document_labels_of(&tk.features(&all, false), lg)
        };
        let frames = frames.into_iter().map(|f| f.0).collect();
        Analysis {
            lang,
            reliable,
            score,
            techniques,
            sentences,
            frames,
            genre,
            sift,
        }
    }

    /// Per label, the mean raw score of the document's paragraphs (the
    /// article's tone, an input of the calibrations).
    fn mean_raw(&self, paragraphs: &[Unit]) -> Vec<f32> {
        let mut mean = vec![0f32; self.model.labels.len()];
        for p in paragraphs {
            for (m, r) in mean.iter_mut().zip(&p.raw) {
                *m += r / paragraphs.len() as f32;
            }
        }
        mean
    }

    fn unit(&self, tk: &Tokens, span: Span, keep: bool) -> Unit {
        let feats = tk.features(&[span], false);
        Unit {
            words: feats.words,
            raw: self.model.raw_for(&feats, Scope::Units),
            feats: keep.then_some(feats),
        }
    }

    /// The occurrences in `span` of features the model weighs, with their
    /// place in the model and value in the sentence's vector, sorted by
    /// feature and position (most of a sentence's features are not in the
    /// model: they explain nothing). A paragraph's vector is rebuilt here.
    fn weighed(&self, tk: &Tokens, span: Span, u: &Unit) -> Vec<Weighed> {
        let rebuilt;
        let feats = match &u.feats {
            Some(f) => f,
            None => {
                rebuilt = tk.features(&[span], false);
                &rebuilt
            }
        };
        let mut out: Vec<Weighed> = tk
            .origins(&[span])
            .into_iter()
            .filter_map(|(id, span)| {
                self.model.find(id).map(|k| Weighed {
                    id,
                    k,
                    span,
                    value: feats.get(id),
                })
            })
            .collect();
        order::sort_by_key(&mut out, |o| order::pair_key(o.id as usize, o.span.start));
        out
    }

    /// The spans whose features added most to label `li`'s raw score: each
    /// feature's contribution is split over its occurrences, summed per span;
    /// word and bigram spans win over character n-grams of the same word.
    /// Every span lies inside `unit`.
    fn cues(&self, text: &str, unit: Span, origins: &[Weighed], li: usize) -> Vec<Cue> {
        // Shares summed per span in the order they come. A token's span
        // recurs for its word, each of its character n-grams and its cues;
        // at most two spans start at one offset (a token or mark, and a
        // bigram or quotation), so `at` finds a span's entry without a sort.
        let mut merged: Vec<(Span, f32)> = Vec::new();
        let mut at = vec![[usize::MAX; 2]; unit.end.saturating_sub(unit.start) + 1];
        let mut add = |span: Span, share: f32| {
            let slots = at.get_mut(span.start.wrapping_sub(unit.start));
            let found = match &slots {
                Some(s) if s.contains(&usize::MAX) => s
                    .iter()
                    .copied()
                    .find(|&k| merged.get(k).is_some_and(|m| m.0 == span)),
                // A third span at one offset, or one outside `unit` (never,
                // by construction): a linear search.
                _ => merged.iter().position(|m| m.0 == span),
            };
            match found {
                Some(k) => merged[k].1 += share,
                None => {
                    if let Some(free) = slots.and_then(|s| s.iter_mut().find(|k| **k == usize::MAX))
                    {
                        *free = merged.len();
                    }
                    merged.push((span, share));
                }
            }
        };
        let mut i = 0;
        while i < origins.len() {
            let Weighed { id, k, value, .. } = origins[i];
            let mut j = i;
            while j < origins.len() && origins[j].id == id {
                j += 1;
            }
            let w = self.model.weight_at(k, li);
            if w != 0.0 {
                let share = w * value / (j - i) as f32;
                // Cue counts (length, numbers) explain nothing to a reader.
                let skip = id >= 1 << HASH_BITS
                    && matches!(
                        CUES[(id - (1 << HASH_BITS)) as usize],
                        "log_words" | "number"
                    );
                if !skip {
                    for o in &origins[i..j] {
                        add(o.span, share);
                    }
                }
            }
            i = j;
        }
        order::sort_by_key(&mut merged, |x| order::pair_key(x.0.start, x.0.end));
        // Function words carry length and style, but explain nothing to a
        // reader: a cue needs a content word, or is punctuation (`!`, quotes).
        let lx = self.lexicon();
        let telling = |s: &Span| {
            let t = &text[s.start..s.end];
            let mut words = Vec::new();
            segment::tokens(t, 0, &mut words);
            words.is_empty()
                || words.iter().any(|w| {
                    let w = &t[w.start..w.end];
                    w.chars().count() >= 3
                        && !w.chars().all(|c| c.is_ascii_digit())
                        && !lx.stopwords.contains(&crate::normalize::fold(w))
                })
        };
        merged.retain(|m| m.1 > 0.0);
        order::sort_by_key_desc(&mut merged, |m| order::f32_key(m.1));
        let mut out: Vec<Cue> = Vec::new();
        for (s, w) in merged {
            if out.len() == MAX_CUES {
                break;
            }
            // One cue per stretch of text: skip spans overlapping a stronger
            // one. `telling` runs last, on the few strongest candidates only.
            let t = &text[s.start..s.end];
            if out
                .iter()
                .any(|c| (c.span.start < s.end && s.start < c.span.end) || c.text == t)
                || !telling(&s)
            {
                continue;
            }
            out.push(Cue {
                text: text[s.start..s.end].to_string(),
                span: s,
                weight: w,
            });
        }
        out
    }

    /// Paragraph-level decisions for already clean paragraphs (no sifting),
    /// as SemEval-2023 subtask 3 scores them: per paragraph, the probability
    /// of any technique and the techniques above threshold with their
    /// probability (indices into [`labels::TECHNIQUES`]).
    pub fn score_paragraphs(&self, paragraphs: &[&str], lang: Option<&str>) -> Vec<ParagraphScore> {
        let units: Vec<Unit> = paragraphs
            .iter()
            .map(|p| {
                let tk = Tokens::new(p, &self.lexicons);
                let all = Span {
                    start: 0,
                    end: p.len(),
                };
                self.unit(&tk, all, false)
            })
            .collect();
        let mean = self.mean_raw(&units);
        units
            .iter()
            .map(|u| {
                let (_, any) = self.model.labels[self.any].params(lang);
                let mut techniques: Vec<(usize, f32)> = self
                    .techniques
                    .iter()
                    .filter_map(|&(li, t)| {
                        let (threshold, cal) = self.model.labels[li].params(lang);
                        let p = cal.p(u.raw[li], u.words, mean[li]);
                        (p >= threshold).then_some((t, p))
                    })
                    .collect();
                order::sort_by_key_desc(&mut techniques, |t| order::f32_key(t.1));
                ParagraphScore {
                    p: any.p(u.raw[self.any], u.words, mean[self.any]),
                    techniques,
                }
            })
            .collect()
    }

    /// Frames (all 14, most probable first, with whether each is above its
    /// threshold) and genres (most probable first, summing to 1) of a
    /// document.
    pub fn document_labels(
        &self,
        text: &str,
        lang: Option<&str>,
    ) -> (Vec<(LabelScore, bool)>, Vec<LabelScore>) {
        if text.trim().is_empty() {
            return (Vec::new(), Vec::new());
        }
        self.document_labels_of(&features::extract(text, &self.lexicons, false), lang)
    }

    fn document_labels_of(
        &self,
        doc: &Features,
        lang: Option<&str>,
    ) -> (Vec<(LabelScore, bool)>, Vec<LabelScore>) {
        let raw = self.model.raw_for(doc, Scope::Document);
        let mut frames: Vec<(LabelScore, bool)> = self
            .frames
            .iter()
            .map(|&i| {
                let l = &self.model.labels[i];
                let (threshold, cal) = l.params(lang);
                let p = cal.p(raw[i], doc.words, 0.0);
                (
                    LabelScore {
                        name: l.name.clone(),
                        p,
                    },
                    p >= threshold,
                )
            })
            .collect();
        order::sort_by_key_desc(&mut frames, |f| order::f32_key(f.0.p));
        // A genre's threshold is the weight its probability gets (chosen in
        // training for macro-F1, so minority genres are not always outvoted).
        let g: Vec<f32> = self
            .genres
            .iter()
            .map(|&i| {
                // Genre calibrations weigh the article's length too.
                let (w, cal) = self.model.labels[i].params(lang);
                cal.p(raw[i], doc.words, 0.0) * w
            })
            .collect();
        let sum: f32 = g.iter().sum::<f32>().max(f32::MIN_POSITIVE);
        let mut genre: Vec<LabelScore> = self
            .genres
            .iter()
            .zip(&g)
            .map(|(&i, p)| LabelScore {
                name: self.model.labels[i].name.clone(),
                p: p / sum,
            })
            .collect();
        order::sort_by_key_desc(&mut genre, |g| order::f32_key(g.p));
        (frames, genre)
    }
}

/// A paragraph's decision (see [`Analyzer::score_paragraphs`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ParagraphScore {
    /// Probability that it uses any technique.
    pub p: f32,
    /// `(technique index, probability)` above threshold, most probable first.
    pub techniques: Vec<(usize, f32)>,
}
