//! The JavaScript bindings: a thin layer that converts types, offsets and
//! errors, and nothing else. Every function returns a `Result`, so a problem
//! becomes a JS `Error` instead of a trap that would kill the module.
//!
//! Offsets in results are UTF-16 code units, as JS strings index them.
//! Kept blocks come without their `text`, which `www/npm/index.js` (the
//! package's entry point) slices from the result's `text` at `out`.

use wasm_bindgen::prelude::*;

use crate::{SiftOptions, Sifter as CoreSifter};

fn js_error(message: impl std::fmt::Display) -> JsError {
    JsError::new(&message.to_string())
}

fn options_from(value: JsValue) -> Result<SiftOptions, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(SiftOptions::default());
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| js_error(format!("invalid options: {e}")))
}

/// A result (offsets already in UTF-16) as a plain JS object.
fn to_js(value: &impl serde::Serialize) -> Result<JsValue, JsError> {
    let ser = serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true);
    value.serialize(&ser).map_err(js_error)
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Why a piece of text was dropped. */
export type Category =
  | "cookie_banner" | "related" | "promo" | "site_tag" | "breadcrumb" | "byline_stub"
  | "credit" | "media" | "dateline" | "empty_markup" | "share" | "advertisement"
  | "navigation" | "legal" | "comments" | "duplicate" | "boilerplate";
/** What a kept block is. */
export type BlockKind = "title" | "heading" | "paragraph" | "quote" | "list_item";
/** A half-open range in UTF-16 code units (JS string indices). */
export interface Span { start: number; end: number; }
/** Kept content, verbatim. `span` indexes the input, `out` indexes `SiftResult.text`. */
export interface Block { kind: BlockKind; text: string; span: Span; out: Span; confidence: number; }
/** Dropped junk, with the rule that fired. */
export interface Removed { category: Category; text: string; span: Span; rule: string; confidence: number; }
/** Metadata recovered from the junk and the layout (and, for HTML, the page's
 * `<meta>`, JSON-LD, `<time>` and `lang`); ISO 8601 dates. */
export interface Metadata {
  title: string | null; author: string | null; published: string | null;
  modified: string | null; lang: string | null;
  /** HTML input: the publication's name. */
  site_name?: string;
  /** HTML input: the canonical URL. */
  url?: string;
  /** HTML input: the page's summary. */
  description?: string;
}
/** The result of `sift` and `siftHtml`. */
export interface SiftResult {
  text: string; blocks: Block[]; removed: Removed[]; metadata: Metadata;
  /** `siftHtml` only: the page's visible text, one block per line; `span`s index it. */
  source?: string;
}
/** A word or n-gram that pushed a decision, with its share of the score. */
export interface Cue { text: string; span: Span; weight: number; }
/** A technique used in a sentence (SemEval-2023 Task 3 names). */
export interface TechniqueHit { name: string; family: string; p: number; cues: Cue[]; }
/** A sentence: probability of using any technique, and the techniques above threshold. */
export interface Sentence { span: Span; p: number; techniques: TechniqueHit[]; }
/** A technique over the document: highest paragraph probability, sentences above threshold. */
export interface TechniqueScore { name: string; family: string; p: number; count: number; }
/** A frame or genre with its probability. */
export interface LabelScore { name: string; p: number; }
/** The result of `analyze`. `score` is the expected share of sentences using a technique. */
export interface Analysis {
  lang: string | null; reliable: boolean; score: number;
  techniques: TechniqueScore[]; sentences: Sentence[];
  frames: LabelScore[]; genre: LabelScore[];
  /** The sifted article the scores are about. */
  sift: SiftResult;
}
/** Options for `sift` and `new Sifter`. */
export interface SiftOptions {
  /** Categories never removed. */
  keep?: Category[];
  /** Restrict phrase dictionaries to these ISO 639-1 languages. */
  languages?: string[];
  /** Use the line classifier (default true). */
  classifier?: boolean;
  /** Drop a line scored below this probability of content (default: the model's). */
  threshold?: number;
}
"#;

/// A reusable sifter: dictionaries compiled and model loaded once.
#[wasm_bindgen]
pub struct Sifter {
    /// `None`: the default sifter, built once and shared with the free
    /// functions and default analyzers (building one is most of a cold start).
    inner: Option<CoreSifter>,
}

impl Sifter {
    fn get(&self) -> Result<&CoreSifter, JsError> {
        match &self.inner {
            Some(s) => Ok(s),
            None => crate::try_default_sifter().map_err(js_error),
        }
    }
}

/// A sifter for `options`: `None` (the shared default) when they are the
/// defaults.
fn sifter_for(options: JsValue) -> Result<Option<CoreSifter>, JsError> {
    let options = options_from(options)?;
    if options == SiftOptions::default() {
        return Ok(None);
    }
    CoreSifter::builder()
        .options(options)
        .build()
        .map(Some)
        .map_err(js_error)
}

/// Runs `f` with the sifter for `options` (the shared default, or a one-off).
fn with_sifter<R>(options: JsValue, f: impl FnOnce(&CoreSifter) -> R) -> Result<R, JsError> {
    match sifter_for(options)? {
        Some(s) => Ok(f(&s)),
        None => Ok(f(crate::try_default_sifter().map_err(js_error)?)),
    }
}

#[wasm_bindgen]
impl Sifter {
    /// `new Sifter(options?)`: `{keep?: Category[], languages?: string[],
    /// classifier?: boolean, threshold?: number}`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "SiftOptions | undefined")] options: JsValue,
    ) -> Result<Sifter, JsError> {
        Ok(Sifter {
            inner: sifter_for(options)?,
        })
    }

    /// Sifts article text; offsets in UTF-16 code units.
    #[wasm_bindgen(unchecked_return_type = "SiftResult")]
    pub fn sift(&self, text: &str) -> Result<JsValue, JsError> {
        crate::input::check_size(text.len()).map_err(js_error)?;
        to_js(&self.get()?.sift(text).into_utf16(text))
    }

    /// Finds the article in an HTML page and sifts it; spans index
    /// `result.source` (the page's text), in UTF-16 code units.
    #[wasm_bindgen(js_name = siftHtml, unchecked_return_type = "SiftResult")]
    pub fn sift_html(&self, html: &str) -> Result<JsValue, JsError> {
        crate::input::check_size(html.len()).map_err(js_error)?;
        to_js(&self.get()?.sift_html(html).into_utf16(html))
    }
}

/// `siftHtml(html, options?)`: finds the article in an HTML page, then sifts
/// it. `span`s index `result.source`, the page's visible text.
#[wasm_bindgen(js_name = siftHtml, unchecked_return_type = "SiftResult")]
pub fn sift_html(
    html: &str,
    #[wasm_bindgen(unchecked_param_type = "SiftOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    crate::input::check_size(html.len()).map_err(js_error)?;
    let r = with_sifter(options, |s| s.sift_html(html))?;
    to_js(&r.into_utf16(html))
}

/// `isProbablyArticle(html)`: a cheap check, before the full work, that the
/// page holds an article (some paragraphs of prose outside page furniture).
#[wasm_bindgen(js_name = isProbablyArticle)]
pub fn is_probably_article(html: &str) -> bool {
    crate::html::is_probably_article(html)
}

/// `sift(text, options?)`: sifts article text with a one-off sifter (build a
/// `Sifter` to reuse one).
#[wasm_bindgen(unchecked_return_type = "SiftResult")]
pub fn sift(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "SiftOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    crate::input::check_size(text.len()).map_err(js_error)?;
    let r = with_sifter(options, |s| s.sift(text))?;
    to_js(&r.into_utf16(text))
}

/// `analyze(text, options?)`: sifts the text (options as for `sift`), then
/// scores persuasion techniques, frames and genre with the built-in model.
/// A whole HTML page (doctype, `<html>`, `<head>` or `<body>` first) has its
/// article found first; spans then index `result.sift.source`.
#[wasm_bindgen(unchecked_return_type = "Analysis")]
pub fn analyze(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "SiftOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    crate::input::check_size(text.len()).map_err(js_error)?;
    let an = crate::spin::default_analyzer().map_err(js_error)?;
    let analysis = with_sifter(options, |sifter| {
        if crate::input::looks_like_html(text) {
            let sifted = sifter.sift_html(text);
            let source = sifted.source.clone().unwrap_or_default();
            an.analyze_sifted(&source, sifted)
        } else {
            an.analyze_sifted(text, sifter.sift(text))
        }
    })?;
    to_js(&analysis.into_utf16(text))
}

/// A reusable analyzer, optionally with a custom model file.
#[wasm_bindgen]
pub struct Analyzer {
    inner: crate::spin::Analyzer,
}

#[wasm_bindgen]
impl Analyzer {
    /// `new Analyzer(model?, options?)`: `model` is the bytes of a spin model
    /// file (`Uint8Array`), checked on load; without it, the built-in model.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | undefined")] model: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SiftOptions | undefined")] options: JsValue,
    ) -> Result<Analyzer, JsError> {
        let m = if model.is_undefined() || model.is_null() {
            crate::spin::model::SpinModel::builtin().map_err(js_error)?
        } else {
            let bytes = js_sys::Uint8Array::new(&model).to_vec();
            crate::spin::model::SpinModel::from_bytes(&bytes).map_err(js_error)?
        };
        let mut inner = crate::spin::Analyzer::new(m).map_err(js_error)?;
        if let Some(sifter) = sifter_for(options)? {
            inner = inner.with_sifter(sifter);
        }
        Ok(Analyzer { inner })
    }

    /// Sifts and scores `text` (a whole HTML page has its article found
    /// first); offsets in UTF-16 code units.
    #[wasm_bindgen(unchecked_return_type = "Analysis")]
    pub fn analyze(&self, text: &str) -> Result<JsValue, JsError> {
        crate::input::check_size(text.len()).map_err(js_error)?;
        to_js(&self.inner.analyze(text).into_utf16(text))
    }

    /// Finds the article in `html` (a page or a fragment), sifts and scores
    /// it; spans index `result.sift.source`.
    #[wasm_bindgen(js_name = analyzeHtml, unchecked_return_type = "Analysis")]
    pub fn analyze_html(&self, html: &str) -> Result<JsValue, JsError> {
        crate::input::check_size(html.len()).map_err(js_error)?;
        to_js(&self.inner.analyze_html(html).into_utf16(html))
    }
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
