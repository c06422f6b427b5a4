//! Training the spin model with linfa on SemEval-2023 Task 3
//! (`spinsift train`), and evaluating it (`spinsift eval --spin`).
//!
//! Per label, one-vs-rest: the hashed features most associated with the label
//! (a t statistic on their values, among features seen in at least 3 paragraphs) are kept,
//! positives are repeated to weight rare techniques up, and linfa fits an
//! L2-regularised logistic regression. Five-fold cross-validation grouped by
//! article gives out-of-fold scores, on which small calibration regressions
//! (score, length, article mean — for paragraphs and, from the span files, for
//! single sentences) and per-label thresholds are fitted. Reported figures are
//! cross-fitted: calibration and thresholds applied to a fold were chosen on
//! the other folds.

// Training: native tooling behind the `train` feature, never in the .wasm.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use linfa::prelude::*;
use linfa_logistic::LogisticRegression;
use ndarray::{Array1, Array2, ShapeBuilder};

use crate::segment;
use crate::semeval::{self, Article, LANGUAGES};
use crate::sift::dict::FastMap;
use crate::spin::features::{self, Features, HASH_BITS, Lexicons};
use crate::spin::labels::{FRAMES, GENRES, TECHNIQUES};
use crate::spin::model::{Calibration, Head, Label, LangParams, SpinModel, ln_words};

/// Number of paragraph-level labels: the techniques and "any".
pub const NP: usize = TECHNIQUES.len() + 1;

/// Document labels (frames, genre) are fitted on 1,251 articles, not 20,207
/// paragraphs: with the paragraphs' alpha (0.25) and 60 iterations they were
/// over-regularised and far from converged. Measured with 2,000 features per
/// document label (frames micro-F1 / genre macro-F1, cross-validated, all
/// languages, on float-weight scores before CV used the quantised weights): alpha 0.25, 60 iterations 0.571 / 0.524; 200 iterations
/// 0.577 / 0.517; alpha 0.05: 60 it. 0.580 / 0.512, 200 it. 0.585 / 0.535,
/// 500 it. 0.588 / 0.535; alpha 0.02, 500 or 1,000 it. 0.597 / 0.514; 0.03,
/// 500 it. 0.593; 0.01, 1,000 it. 0.593 / 0.496; 0.1, 300 it. 0.589 / 0.528;
/// 1.0, 300 it. 0.543 / 0.537. Frames and genre are separate heads, so each
/// takes its best: 0.02 for frames, 0.05 for genre, 500 iterations.
const FRAME_ALPHA: f32 = 0.02;
/// See [`FRAME_ALPHA`].
const GENRE_ALPHA: f32 = 0.05;
/// See [`FRAME_ALPHA`].
const DOC_ITERATIONS: u64 = 500;

/// Arguments of `spinsift train`.
#[derive(clap::Args, Debug, Clone)]
pub struct SpinTrainArgs {
    /// The SemEval-2023 Task 3 folder (one sub-folder per language).
    #[arg(long, default_value = "../shared/corpus/propaganda/semeval2023")]
    pub data: PathBuf,
    /// Where to write the model file.
    #[arg(long, default_value = "data/models/spin.model")]
    pub out: PathBuf,
    /// Folds of the article-grouped cross-validation.
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    /// Features kept per label (t-statistic ranking); bounds the model size
    /// (measured: 600, 800 and 1,500 give the same French figure ±0.003).
    #[arg(long, default_value_t = 800)]
    pub features: usize,
    /// Features kept per document label (frames, genres). Measured, frames /
    /// genre CV, with alpha 0.25 and 60 iterations: 800 → 0.562/0.512, 2,000
    /// → 0.571/0.524, 4,000 → 0.585/0.545 (+58 KB gzipped), 12,000 →
    /// 0.595/0.538 (+250 KB). With the document labels' own alpha and
    /// iterations (see `FRAME_ALPHA`): 2,000 → 0.597/0.535, but its larger
    /// weights compress worse (+1 KB gzipped); 1,900 keeps the .wasm within
    /// its 600 KB gzipped budget.
    #[arg(long, default_value_t = 1900)]
    pub doc_features: usize,
    /// L2 regularisation strength (linfa's `alpha`, ≈ 1/C) of the paragraph
    /// labels (techniques, "any").
    #[arg(long, default_value_t = 0.25)]
    pub alpha: f32,
    /// L-BFGS iterations per paragraph-label regression. 60 → 200, on
    /// quantised-weight CV: French micro-F1 / macro-F1 0.371 / 0.140 →
    /// 0.379 / 0.146; dev micro-F1 en 0.187 → 0.198, ge 0.381 → 0.401, po
    /// 0.260 → 0.265, it 0.463 → 0.462, ru 0.344 → 0.331. The model is 1 KB
    /// larger gzipped; training takes ~3× longer.
    #[arg(long, default_value_t = 200)]
    pub iterations: u64,
    /// L2 strength of the frame labels (trained on whole articles).
    #[arg(long, default_value_t = FRAME_ALPHA)]
    pub frame_alpha: f32,
    /// L2 strength of the genre labels (trained on whole articles).
    #[arg(long, default_value_t = GENRE_ALPHA)]
    pub genre_alpha: f32,
    /// L-BFGS iterations per document-label regression (frames, genre).
    #[arg(long, default_value_t = DOC_ITERATIONS)]
    pub doc_iterations: u64,
    /// Largest factor by which a rare label's positives are repeated.
    #[arg(long, default_value_t = 4)]
    pub max_repeat: usize,
    /// Scale features by their inverse document frequency (TF-IDF-like;
    /// measured: no gain, so off by default).
    #[arg(long, default_value_t = false, action = clap::ArgAction::Set)]
    pub idf: bool,
    /// Also train on the dev gold of the languages that have it (the dev
    /// figures of `spinsift eval --spin` are then no longer held out).
    #[arg(long)]
    pub with_dev: bool,
    /// Skip cross-validation (no calibration, thresholds or metrics: for
    /// timing experiments only).
    #[arg(long)]
    pub no_cv: bool,
    /// Reuse the out-of-fold scores cached under `target/` by an earlier run
    /// with the same settings (to iterate on calibration and thresholds).
    /// Paragraph and document scores are cached apart: a change to the
    /// document labels' settings refits only those (~4 minutes, not ~22).
    #[arg(long)]
    pub reuse_oof: bool,
    /// Stop after the cross-validated report (no final fit, no model written).
    #[arg(long)]
    pub decide_only: bool,
}

/// A paragraph or sentence with its labels.
struct Unit {
    doc: usize,
    words: usize,
    feats: Features,
    /// Bit `i` for technique `i`; bit 23 for "any".
    y: u32,
}

/// An article with its document labels.
struct Doc {
    lang: usize,
    feats: Features,
    frames: u16,
    genre: Option<usize>,
}

struct Data {
    docs: Vec<Doc>,
    paragraphs: Vec<Unit>,
    sentences: Vec<Unit>,
    /// The last `label_only` docs are dev articles with genre or frame
    /// labels only (no paragraph labels).
    label_only: usize,
}

fn mask(names: &[String]) -> u32 {
    let mut y = 0;
    for n in names {
        if let Some(i) = crate::spin::labels::technique(n) {
            y |= 1 << i;
        }
    }
    if y != 0 {
        y |= 1 << TECHNIQUES.len();
    }
    y
}

fn words(text: &str) -> usize {
    let mut v = Vec::new();
    segment::tokens(text, 0, &mut v);
    v.len()
}

/// Paragraph units of one article from its subtask-3 lines; when spans are
/// given, sentence units too.
fn article_units(
    a: &Article,
    doc: usize,
    lines: &[(usize, Vec<String>)],
    spans: Option<&[semeval::TechniqueSpan]>,
    lx: &Lexicons,
    data: &mut Data,
) {
    for (n, labels) in lines {
        let Some(text) = a.line(*n) else { continue };
        if text.trim().is_empty() {
            continue;
        }
        data.paragraphs.push(Unit {
            doc,
            words: words(text),
            feats: features::extract(text, lx, false),
            y: mask(labels),
        });
        let Some(spans) = spans else { continue };
        let base = a.lines[n - 1].0;
        for s in segment::sentences(text) {
            let (start, end) = (base + s.start, base + s.end);
            let names: Vec<String> = spans
                .iter()
                .filter(|t| t.start < end && t.end > start)
                .map(|t| t.technique.clone())
                .collect();
            let st = &text[s.start..s.end];
            data.sentences.push(Unit {
                doc,
                words: words(st),
                feats: features::extract(st, lx, false),
                y: mask(&names),
            });
        }
    }
}

fn load(args: &SpinTrainArgs, lx: &Lexicons) -> Result<Data, String> {
    let mut data = Data {
        docs: Vec::new(),
        paragraphs: Vec::new(),
        sentences: Vec::new(),
        label_only: 0,
    };
    // Genre and frame labels of dev articles (the subtask-1 and -2 label
    // files cover 209 and 7 of them), appended after every train article so
    // that the articles' fold assignment, and with it every paragraph's
    // out-of-fold score, stays what it was.
    let mut label_only = Vec::new();
    for (li, code) in LANGUAGES.iter().enumerate() {
        let lang = semeval::load_language(&args.data, code)?;
        let doc_labels = |id: &str| {
            let frames = lang.frames.get(id).map_or(0u16, |f| {
                f.iter()
                    .filter_map(|n| FRAMES.iter().position(|x| x == n))
                    .fold(0, |m, i| m | 1 << i)
            });
            let genre = lang
                .genre
                .get(id)
                .and_then(|g| g.first())
                .and_then(|g| GENRES.iter().position(|x| x == g));
            (frames, genre)
        };
        for a in &lang.dev {
            if let (frames, genre) = doc_labels(&a.id)
                && (frames != 0 || genre.is_some())
            {
                label_only.push(Doc {
                    lang: li,
                    feats: features::extract(&a.text, lx, false),
                    frames,
                    genre,
                });
            }
        }
        let mut by_article: HashMap<&str, Vec<(usize, Vec<String>)>> = HashMap::new();
        for (id, n, labels) in &lang.paragraphs {
            by_article
                .entry(id.as_str())
                .or_default()
                .push((*n, labels.clone()));
        }
        for a in &lang.train {
            let doc = data.docs.len();
            let (frames, genre) = doc_labels(&a.id);
            data.docs.push(Doc {
                lang: li,
                feats: features::extract(&a.text, lx, false),
                frames,
                genre,
            });
            let lines = by_article.get(a.id.as_str()).map_or(&[][..], |v| &v[..]);
            let spans = lang.spans.get(&a.id).map(|v| &v[..]);
            article_units(a, doc, lines, spans, lx, &mut data);
        }
        if args.with_dev {
            if let Some(gold) = &lang.dev_paragraphs {
                let mut by_article: HashMap<&str, Vec<(usize, Vec<String>)>> = HashMap::new();
                for (id, n, labels) in gold {
                    by_article
                        .entry(id.as_str())
                        .or_default()
                        .push((*n, labels.clone()));
                }
                for a in &lang.dev {
                    let Some(lines) = by_article.get(a.id.as_str()) else {
                        continue;
                    };
                    let doc = data.docs.len();
                    data.docs.push(Doc {
                        lang: li,
                        feats: features::extract(&a.text, lx, false),
                        frames: 0,
                        genre: None,
                    });
                    article_units(a, doc, lines, None, lx, &mut data);
                }
            }
        }
    }
    data.label_only = label_only.len();
    data.docs.append(&mut label_only);
    Ok(data)
}

/// A fitted linear scorer over the full hashed feature space.
#[derive(Clone, Default)]
struct Linear {
    weights: Vec<(u32, f32)>,
    bias: f32,
}

impl Linear {
    /// The weights as the model file will hold them (see
    /// [`crate::spin::model::quantize`]).
    fn quantized(&self) -> Linear {
        let (scale, q) = crate::spin::model::quantize(&self.weights);
        Linear {
            weights: q
                .into_iter()
                .map(|(id, w)| (id, f32::from(w) * scale))
                .collect(),
            bias: self.bias,
        }
    }

    fn score(&self, f: &Features) -> f32 {
        // Both sorted by id: merge.
        let (mut i, mut j, mut z) = (0, 0, self.bias);
        while i < self.weights.len() && j < f.values.len() {
            match self.weights[i].0.cmp(&f.values[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    z += self.weights[i].1 * f.values[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        z
    }
}

/// How one kind of label is fitted: features kept, L2 strength, iterations.
#[derive(Clone, Copy)]
struct FitPlan {
    keep: usize,
    alpha: f32,
    iterations: u64,
}

impl SpinTrainArgs {
    fn paragraph_fit(&self) -> FitPlan {
        FitPlan {
            keep: self.features,
            alpha: self.alpha,
            iterations: self.iterations,
        }
    }

    fn frame_fit(&self) -> FitPlan {
        FitPlan {
            keep: self.doc_features,
            alpha: self.frame_alpha,
            iterations: self.doc_iterations,
        }
    }

    fn genre_fit(&self) -> FitPlan {
        FitPlan {
            alpha: self.genre_alpha,
            ..self.frame_fit()
        }
    }
}

/// Fits one label: t-statistic feature selection, positives repeated, linfa.
fn fit_label(
    rows: &[&Features],
    y: &[bool],
    fit: FitPlan,
    args: &SpinTrainArgs,
) -> Result<Linear, String> {
    let keep = fit.keep;
    let n = rows.len();
    let pos = y.iter().filter(|&&b| b).count();
    if pos == 0 || pos == n {
        // Nothing to learn: a constant scorer.
        let p = (pos as f32 + 0.5) / (n as f32 + 1.0);
        return Ok(Linear {
            weights: Vec::new(),
            bias: (p / (1.0 - p)).ln(),
        });
    }
    // Per feature and class: rows present, sum and sum of squares of values.
    let mut st: FastMap<u32, [f64; 6]> = FastMap::default();
    for (r, &yy) in rows.iter().zip(y) {
        let o = if yy { 0 } else { 3 };
        for &(id, v) in &r.values {
            let e = st.entry(id).or_default();
            e[o] += 1.0;
            e[o + 1] += f64::from(v);
            e[o + 2] += f64::from(v) * f64::from(v);
        }
    }
    let (nf, pf) = (n as f64, pos as f64);
    let negf = nf - pf;
    // Rank by a t statistic on the (normalised) values, zeros included.
    // Presence tests (χ²) favour frequent words, because paragraphs with a
    // technique are longer and contain more of everything; normalised values
    // do not grow with length, so the t statistic favours telling words.
    let mut ranked: Vec<(f64, u32)> = st
        .iter()
        .filter(|(id, e)| e[0] + e[3] >= 3.0 || **id >= 1 << HASH_BITS)
        .map(|(&id, e)| {
            if id >= 1 << HASH_BITS {
                return (f64::INFINITY, id);
            }
            let (m1, m0) = (e[1] / pf, e[4] / negf);
            let v1 = (e[2] / pf - m1 * m1).max(0.0);
            let v0 = (e[5] / negf - m0 * m0).max(0.0);
            let se = (v1 / pf + v0 / negf).sqrt().max(1e-9);
            (((m1 - m0) / se).abs(), id)
        })
        .collect();
    ranked.sort_unstable_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    ranked.truncate(keep);
    let mut cols: Vec<u32> = ranked.iter().map(|r| r.1).collect();
    cols.sort_unstable();
    // IDF as a per-feature scale (folded into the exported weights, so the
    // runtime is unchanged): under L2 regularisation, rare features are then
    // penalised less than ubiquitous ones, as with TF-IDF.
    let idf: Vec<f32> = cols
        .iter()
        .map(|id| {
            if !args.idf || *id >= 1 << HASH_BITS {
                return 1.0;
            }
            let df = st.get(id).map_or(0.0, |e| e[0] + e[3]);
            ((nf + 1.0) / (df + 1.0)).ln() as f32 + 1.0
        })
        .collect();
    let col_of: FastMap<u32, usize> = cols.iter().enumerate().map(|(i, &id)| (id, i)).collect();

    let repeat = ((n - pos) / pos).clamp(1, args.max_repeat.max(1));
    let total = n + pos * (repeat - 1);
    // Column-major: linfa's gradient is `xᵀ·r` (a matrix-vector product that
    // ndarray runs row by row), contiguous only in this layout; `x·w` goes
    // through the matrix-matrix kernel, fast in either layout.
    let mut x = Array2::<f32>::zeros((total, cols.len()).f());
    let mut t = Vec::with_capacity(total);
    let mut row = 0;
    for (r, &yy) in rows.iter().zip(y) {
        let times = if yy { repeat } else { 1 };
        for _ in 0..times {
            for &(id, v) in &r.values {
                if let Some(&c) = col_of.get(&id) {
                    x[[row, c]] = v * idf[c];
                }
            }
            t.push(usize::from(yy));
            row += 1;
        }
    }
    let ds = Dataset::new(x, Array1::from(t));
    let started = Instant::now();
    let model = LogisticRegression::default()
        .alpha(fit.alpha)
        .max_iterations(fit.iterations)
        .fit(&ds)
        .map_err(|e| format!("linfa: {e}"))?;
    let sign = super::orientation(model.labels().pos.class) as f32;
    if std::env::var_os("SPINSIFT_TRAIN_VERBOSE").is_some() {
        eprintln!(
            "  fit {total}x{} in {:.1}s",
            cols.len(),
            started.elapsed().as_secs_f32()
        );
    }
    let w = model.params();
    Ok(Linear {
        weights: cols
            .iter()
            .enumerate()
            .map(|(i, &id)| (id, sign * w[i] * idf[i]))
            .collect(),
        bias: sign * model.intercept(),
    })
}

/// Weight of the macro-F1 term next to micro-F1 when the paragraph technique
/// thresholds are chosen (not frames', not sentences'; `SPINSIFT_MACRO_WEIGHT`
/// overrides it, for experiments). Measured on the shipped model's
/// out-of-fold scores, French CV micro / macro and German dev: 0 → 0.379 /
/// 0.146, ge 0.401 / 0.143; 0.3 → 0.377 / 0.175, ge 0.382 / 0.161; 1.0 →
/// 0.367 / 0.192, ge 0.377 / 0.166 (every language: README).
pub const MACRO_WEIGHT: f64 = 0.0;

fn macro_weight() -> f64 {
    std::env::var("SPINSIFT_MACRO_WEIGHT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(MACRO_WEIGHT)
}

/// Sentence thresholds maximise micro-F-beta with this beta: the techniques
/// shown on a sentence are for a reader, who is better served by fewer,
/// surer flags than by the recall-heavy paragraph thresholds that maximise
/// SemEval's micro-F1.
pub const SENTENCE_BETA: f64 = 0.5;

/// Calibration sets: one per training language, then the pooled default
/// (for any other language).
pub const NL: usize = LANGUAGES.len() + 1;

/// Fits a calibration: a logistic regression over the used columns of `x`
/// plus a one-hot of the language, so slopes are shared and each language
/// gets its own intercept (its base rate). Index `LANGUAGES.len()` is the
/// pooled default: the count-weighted mean intercept.
fn fit_cal(x: &[[f32; 3]], lang: &[usize], y: &[bool], use_cols: [bool; 3]) -> [Calibration; NL] {
    let n = x.len();
    let pos = y.iter().filter(|&&b| b).count();
    if pos == 0 || pos == n {
        let p = (pos as f32 + 0.5) / (n as f32 + 1.0);
        let c = Calibration {
            d: (p / (1.0 - p)).ln(),
            ..Calibration::default()
        };
        return [c; NL];
    }
    let cols: Vec<usize> = (0..3).filter(|&j| use_cols[j]).collect();
    let w = cols.len() + LANGUAGES.len();
    let xa = Array2::from_shape_fn((n, w), |(i, j)| {
        if j < cols.len() {
            f64::from(x[i][cols[j]])
        } else {
            f64::from(u8::from(lang[i] == j - cols.len()))
        }
    });
    let ds = Dataset::new(
        xa,
        Array1::from(y.iter().map(|&b| usize::from(b)).collect::<Vec<_>>()),
    );
    let Ok(m) = LogisticRegression::default()
        .alpha(1e-2)
        .max_iterations(300)
        .fit(&ds)
    else {
        return [unit_cal(); NL];
    };
    let sign = super::orientation(m.labels().pos.class);
    let mut base = Calibration::default();
    for (k, &j) in cols.iter().enumerate() {
        let v = (sign * m.params()[k]) as f32;
        match j {
            0 => base.a = v,
            1 => base.b = v,
            _ => base.c = v,
        }
    }
    let intercept = (sign * m.intercept()) as f32;
    let mut out = [base; NL];
    let mut counts = [0usize; LANGUAGES.len()];
    lang.iter().for_each(|&l| counts[l] += 1);
    let mut pooled = 0.0;
    for l in 0..LANGUAGES.len() {
        let e = (sign * m.params()[cols.len() + l]) as f32;
        out[l].d = intercept + e;
        pooled += out[l].d * counts[l] as f32 / n as f32;
    }
    out[LANGUAGES.len()].d = pooled;
    out
}

/// Runs `f` over `0..n` on two threads (this machine has two cores).
fn parallel<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get().min(4));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut out: Vec<(usize, T)> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if i >= n {
                            break mine;
                        }
                        mine.push((i, f(i)));
                    }
                })
            })
            .collect();
        hs.into_iter()
            .flat_map(|h| h.join().expect("training thread panicked"))
            .collect()
    });
    out.sort_by_key(|x| x.0);
    out.into_iter().map(|x| x.1).collect()
}

/// All label models of one training set: paragraph labels, frames, genres.
struct Fitted {
    paragraph: Vec<Linear>,
    frames: Vec<Linear>,
    genres: Vec<Linear>,
}

/// `[paragraphs, documents]` say which labels to fit: the paragraph labels
/// (techniques, "any"), the document labels (frames, genres), or both; a
/// cached run refits only what its cache does not hold.
fn fit_all(
    data: &Data,
    train_doc: &(dyn Fn(usize) -> bool + Sync),
    [paragraphs, documents]: [bool; 2],
    args: &SpinTrainArgs,
) -> Result<Fitted, String> {
    let units: Vec<&Unit> = data
        .paragraphs
        .iter()
        .filter(|u| train_doc(u.doc))
        .collect();
    let rows: Vec<&Features> = units.iter().map(|u| &u.feats).collect();
    let docs: Vec<&Doc> = (0..data.docs.len())
        .filter(|&d| train_doc(d))
        .map(|d| &data.docs[d])
        .collect();
    let drows: Vec<&Features> = docs.iter().map(|d| &d.feats).collect();
    let jobs: Vec<usize> = (0..NP + FRAMES.len() + GENRES.len())
        .filter(|&j| if j < NP { paragraphs } else { documents })
        .collect();
    let fitted = parallel(jobs.len(), |j| {
        let j = jobs[j];
        if j < NP {
            let y: Vec<bool> = units.iter().map(|u| u.y >> j & 1 == 1).collect();
            fit_label(&rows, &y, args.paragraph_fit(), args)
        } else if j < NP + FRAMES.len() {
            let f = j - NP;
            let (r, y): (Vec<&Features>, Vec<bool>) = docs
                .iter()
                .zip(&drows)
                .filter(|(d, _)| d.frames != 0)
                .map(|(d, r)| (*r, d.frames >> f & 1 == 1))
                .unzip();
            fit_label(&r, &y, args.frame_fit(), args)
        } else {
            let g = j - NP - FRAMES.len();
            let (r, y): (Vec<&Features>, Vec<bool>) = docs
                .iter()
                .zip(&drows)
                .filter(|(d, _)| d.genre.is_some())
                .map(|(d, r)| (*r, d.genre == Some(g)))
                .unzip();
            fit_label(&r, &y, args.genre_fit(), args)
        }
    });
    let mut fitted = fitted.into_iter().collect::<Result<Vec<_>, _>>()?;
    let (genres, frames) = if documents {
        (
            fitted.split_off(fitted.len() - GENRES.len()),
            fitted.split_off(fitted.len() - FRAMES.len()),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(Fitted {
        paragraph: fitted,
        frames,
        genres,
    })
}

/// Out-of-fold raw scores.
struct Oof {
    par: Vec<[f32; NP]>,
    sent: Vec<[f32; NP]>,
    frames: Vec<[f32; 14]>,
    genres: Vec<[f32; 3]>,
    fold_of_doc: Vec<usize>,
}

fn fold_of(doc: usize, folds: usize) -> usize {
    // A fixed permutation of articles (so folds mix languages and sources).
    ((doc as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 33) as usize % folds
}

fn score_all(m: &Fitted, data: &Data, pick: &dyn Fn(usize) -> bool, oof: &mut Oof) {
    // Held-out folds are scored with quantised weights, as shipped: with
    // float weights French CV micro-F1 read 0.006 higher than the model
    // file delivers.
    let q = |v: &[Linear]| v.iter().map(Linear::quantized).collect::<Vec<_>>();
    let m = &Fitted {
        paragraph: q(&m.paragraph),
        frames: q(&m.frames),
        genres: q(&m.genres),
    };
    for (i, u) in data.paragraphs.iter().enumerate() {
        if pick(u.doc) {
            for (l, lin) in m.paragraph.iter().enumerate() {
                oof.par[i][l] = lin.score(&u.feats);
            }
        }
    }
    for (i, u) in data.sentences.iter().enumerate() {
        if pick(u.doc) {
            for (l, lin) in m.paragraph.iter().enumerate() {
                oof.sent[i][l] = lin.score(&u.feats);
            }
        }
    }
    for (i, d) in data.docs.iter().enumerate() {
        if pick(i) {
            for (l, lin) in m.frames.iter().enumerate() {
                oof.frames[i][l] = lin.score(&d.feats);
            }
            for (l, lin) in m.genres.iter().enumerate() {
                oof.genres[i][l] = lin.score(&d.feats);
            }
        }
    }
}

/// Document mean of the raw paragraph scores, per label.
fn doc_means(data: &Data, par: &[[f32; NP]]) -> Vec<[f32; NP]> {
    let mut sum = vec![[0f32; NP]; data.docs.len()];
    let mut n = vec![0f32; data.docs.len()];
    for (u, z) in data.paragraphs.iter().zip(par) {
        n[u.doc] += 1.0;
        for l in 0..NP {
            sum[u.doc][l] += z[l];
        }
    }
    for (s, k) in sum.iter_mut().zip(&n) {
        if *k > 0.0 {
            s.iter_mut().for_each(|v| *v /= k);
        }
    }
    sum
}

/// F-beta from counts (beta < 1 favours precision).
fn fbeta(beta: f64, tp: usize, fp: usize, fn_: usize) -> f64 {
    let b2 = beta * beta;
    let tp = tp as f64;
    if tp == 0.0 {
        return 0.0;
    }
    (1.0 + b2) * tp / ((1.0 + b2) * tp + b2 * fn_ as f64 + fp as f64)
}

/// Per-label thresholds maximising the micro-F-beta over `labels`, plus
/// `macro_w` times each label's own F-beta share of a macro average
/// (coordinate ascent over a grid), given probabilities and gold bits.
fn choose_thresholds(
    p: &[Vec<f32>],
    y: &[u32],
    labels: &[usize],
    beta: f64,
    macro_w: f64,
) -> Vec<f32> {
    let grid: Vec<f32> = (2..=38).map(|k| k as f32 * 0.025).collect();
    // counts[label][grid] = (tp, fp, fn)
    let mut counts = vec![vec![(0usize, 0usize, 0usize); grid.len()]; labels.len()];
    for (pi, &yi) in p.iter().zip(y) {
        for (k, &l) in labels.iter().enumerate() {
            let gold = yi >> l & 1 == 1;
            for (g, &t) in grid.iter().enumerate() {
                let pred = pi[k] >= t;
                let c = &mut counts[k][g];
                match (pred, gold) {
                    (true, true) => c.0 += 1,
                    (true, false) => c.1 += 1,
                    (false, true) => c.2 += 1,
                    _ => {}
                }
            }
        }
    }
    let mut pick = vec![grid.len() / 2; labels.len()];
    for _ in 0..3 {
        for k in 0..labels.len() {
            let rest = (0..labels.len())
                .filter(|&j| j != k)
                .fold((0, 0, 0), |a, j| {
                    let c = counts[j][pick[j]];
                    (a.0 + c.0, a.1 + c.1, a.2 + c.2)
                });
            // Micro-F-beta, plus this label's own F-beta weighted by
            // `macro_w` / labels (its share of a macro average), so rare
            // labels are not silenced for a sliver of micro-F1.
            let objective = |g: usize| {
                let c = counts[k][g];
                fbeta(beta, rest.0 + c.0, rest.1 + c.1, rest.2 + c.2)
                    + macro_w * fbeta(beta, c.0, c.1, c.2) / labels.len() as f64
            };
            let best = (0..grid.len())
                .max_by(|&a, &b| objective(a).total_cmp(&objective(b)).then(b.cmp(&a)))
                .unwrap_or(0);
            pick[k] = best;
        }
    }
    pick.iter().map(|&g| grid[g]).collect()
}

/// Calibrations and thresholds fitted on the units of `keep`, per
/// language (`[..; NL]`, the last being the pooled default).
struct Decision {
    par: Vec<[Calibration; NL]>,
    sent: Vec<[Calibration; NL]>,
    frames: Vec<[Calibration; NL]>,
    genres: Vec<[Calibration; NL]>,
    thresholds: Vec<[f32; NL]>,
    sentence_thresholds: Vec<[f32; NL]>,
    frame_thresholds: Vec<[f32; NL]>,
    /// Per genre, the weight its probability gets before the argmax.
    genre_weights: [f32; 3],
}

type Keep<'a> = &'a (dyn Fn(usize) -> bool + Sync);

fn cal_rows(
    data: &Data,
    units: &[Unit],
    z: &[[f32; NP]],
    means: &[[f32; NP]],
    l: usize,
    keep: Keep,
) -> (Vec<[f32; 3]>, Vec<usize>, Vec<bool>) {
    let mut x = Vec::new();
    let mut lang = Vec::new();
    let mut y = Vec::new();
    for (u, z) in units.iter().zip(z) {
        if keep(u.doc) {
            x.push([z[l], (1.0 + u.words as f32).ln(), means[u.doc][l]]);
            lang.push(data.docs[u.doc].lang);
            y.push(u.y >> l & 1 == 1);
        }
    }
    (x, lang, y)
}

/// Share of the way each language's frame thresholds move towards the
/// pooled ones. A language has 150-250 articles for 14 thresholds, so its
/// own are noisy. Frames micro-F1 by cross-validation: own 0.590, halfway
/// 0.598 (0.7 of the way 0.600, not chosen by that figure); on the earlier
/// float-weight scores own 0.590, pooled 0.596, halfway 0.596. For
/// techniques, halfway gained 0.004 micro-F1 and lost 0.003 macro-F1: not
/// taken.
const FRAME_SHRINK: f32 = 0.5;

/// Moves each language's thresholds `share` of the way to the pooled one.
fn shrink(t: &mut [[f32; NL]], share: f32) {
    for row in t {
        let pooled = row[LANGUAGES.len()];
        for x in &mut row[..LANGUAGES.len()] {
            *x += share * (pooled - *x);
        }
    }
}

/// Thresholds per language (on that language's units) and pooled.
fn thresholds_by_lang(
    p: &[Vec<f32>],
    y: &[u32],
    lang: &[usize],
    labels: &[usize],
    beta: f64,
    macro_w: f64,
) -> Vec<[f32; NL]> {
    let mut out = vec![[0.5f32; NL]; labels.len()];
    // `l` indexes the inner arrays of `out`, not `out` itself.
    #[allow(clippy::needless_range_loop)]
    for l in 0..NL {
        let idx: Vec<usize> = (0..p.len())
            .filter(|&i| l == LANGUAGES.len() || lang[i] == l)
            .collect();
        if idx.is_empty() {
            continue;
        }
        let pp: Vec<Vec<f32>> = idx.iter().map(|&i| p[i].clone()).collect();
        let yy: Vec<u32> = idx.iter().map(|&i| y[i]).collect();
        for (k, t) in choose_thresholds(&pp, &yy, labels, beta, macro_w)
            .into_iter()
            .enumerate()
        {
            out[k][l] = t;
        }
    }
    out
}

fn decide(data: &Data, oof: &Oof, means: &[[f32; NP]], keep: Keep) -> Decision {
    let par: Vec<[Calibration; NL]> = parallel(NP, |l| {
        let (x, lang, y) = cal_rows(data, &data.paragraphs, &oof.par, means, l, keep);
        fit_cal(&x, &lang, &y, [true, true, true])
    });
    let sent: Vec<[Calibration; NL]> = parallel(NP, |l| {
        let (x, lang, y) = cal_rows(data, &data.sentences, &oof.sent, means, l, keep);
        fit_cal(&x, &lang, &y, [true, true, true])
    });
    let docs: Vec<usize> = (0..data.docs.len()).filter(|&d| keep(d)).collect();
    // Document labels are calibrated on their raw score and, for genres,
    // the article's length too (`ln(1 + words)`): genre macro-F1 0.533 ->
    // 0.548 by cross-validation (train articles only); for frames it cost
    // 0.003.
    let doc_cal =
        |label: &dyn Fn(usize) -> Option<bool>, z: &dyn Fn(usize) -> f32, length: bool| {
            let mut x = Vec::new();
            let mut lang = Vec::new();
            let mut y = Vec::new();
            for &d in &docs {
                if let Some(b) = label(d) {
                    x.push([z(d), ln_words(data.docs[d].feats.words), 0.0]);
                    lang.push(data.docs[d].lang);
                    y.push(b);
                }
            }
            fit_cal(&x, &lang, &y, [true, length, false])
        };
    let frames: Vec<[Calibration; NL]> = (0..FRAMES.len())
        .map(|f| {
            doc_cal(
                &|d| (data.docs[d].frames != 0).then(|| data.docs[d].frames >> f & 1 == 1),
                &|d| oof.frames[d][f],
                false,
            )
        })
        .collect();
    let genres: Vec<[Calibration; NL]> = (0..GENRES.len())
        .map(|g| {
            doc_cal(
                &|d| data.docs[d].genre.map(|x| x == g),
                &|d| oof.genres[d][g],
                true,
            )
        })
        .collect();
    // Thresholds: techniques jointly (micro-F1), "any" on its own.
    let mut p = Vec::new();
    let mut y = Vec::new();
    let mut lang = Vec::new();
    for (u, z) in data.paragraphs.iter().zip(&oof.par) {
        if keep(u.doc) {
            let li = data.docs[u.doc].lang;
            p.push(paragraph_probs(u, z, means, &par, li));
            y.push(u.y);
            lang.push(li);
        }
    }
    let tech: Vec<usize> = (0..TECHNIQUES.len()).collect();
    let mut thresholds = thresholds_by_lang(
        &p.iter()
            .map(|v| v[..TECHNIQUES.len()].to_vec())
            .collect::<Vec<_>>(),
        &y,
        &lang,
        &tech,
        1.0,
        macro_weight(),
    );
    thresholds.extend(thresholds_by_lang(
        &p.iter()
            .map(|v| vec![v[TECHNIQUES.len()]])
            .collect::<Vec<_>>(),
        &y,
        &lang,
        &[TECHNIQUES.len()],
        1.0,
        0.0,
    ));
    // Sentence thresholds, on sentence probabilities and span-derived labels.
    let mut p = Vec::new();
    let mut y = Vec::new();
    let mut lang = Vec::new();
    for (u, z) in data.sentences.iter().zip(&oof.sent) {
        if keep(u.doc) {
            let li = data.docs[u.doc].lang;
            p.push(paragraph_probs(u, z, means, &sent, li));
            y.push(u.y);
            lang.push(li);
        }
    }
    let mut sentence_thresholds = thresholds_by_lang(
        &p.iter()
            .map(|v| v[..TECHNIQUES.len()].to_vec())
            .collect::<Vec<_>>(),
        &y,
        &lang,
        &tech,
        SENTENCE_BETA,
        0.0,
    );
    sentence_thresholds.extend(thresholds_by_lang(
        &p.iter()
            .map(|v| vec![v[TECHNIQUES.len()]])
            .collect::<Vec<_>>(),
        &y,
        &lang,
        &[TECHNIQUES.len()],
        SENTENCE_BETA,
        0.0,
    ));
    let mut fp = Vec::new();
    let mut fy = Vec::new();
    let mut flang = Vec::new();
    for &d in &docs {
        if data.docs[d].frames != 0 {
            fp.push(frame_probs(&oof.frames[d], &frames, &data.docs[d]));
            fy.push(u32::from(data.docs[d].frames));
            flang.push(data.docs[d].lang);
        }
    }
    let mut frame_thresholds = thresholds_by_lang(
        &fp,
        &fy,
        &flang,
        &(0..FRAMES.len()).collect::<Vec<_>>(),
        1.0,
        0.0,
    );
    shrink(&mut frame_thresholds, FRAME_SHRINK);
    // Genre: the argmax of calibrated probabilities favours the majority
    // (opinion); weights on the two minority genres, chosen for macro-F1,
    // undo part of that.
    let gdocs: Vec<(usize, [f32; 3])> = docs
        .iter()
        .filter_map(|&d| {
            let g = data.docs[d].genre?;
            let p = genre_probs(&oof.genres[d], &genres, &data.docs[d]);
            Some((g, p))
        })
        .collect();
    let grid: Vec<f32> = (0..=16).map(|k| 0.5 + k as f32 * 0.25).collect();
    let mut genre_weights = [1.0f32; 3];
    let mut best = -1.0;
    for &w1 in &grid {
        for &w2 in &grid {
            let w = [1.0, w1, w2];
            let mut c = vec![(0, 0, 0); 3];
            for (g, p) in &gdocs {
                count(&mut c, 1 << genre_argmax(p, &w), 1 << g);
            }
            let m = micro_macro(&c).1;
            if m > best + 1e-9 {
                best = m;
                genre_weights = w;
            }
        }
    }
    Decision {
        par,
        sent,
        frames,
        genres,
        thresholds,
        sentence_thresholds,
        frame_thresholds,
        genre_weights,
    }
}

/// The genre with the highest weighted probability.
fn genre_argmax(p: &[f32; 3], w: &[f32; 3]) -> usize {
    (0..3)
        .max_by(|&a, &b| (p[a] * w[a]).total_cmp(&(p[b] * w[b])))
        .unwrap_or(0)
}

fn paragraph_probs(
    u: &Unit,
    z: &[f32; NP],
    means: &[[f32; NP]],
    cal: &[[Calibration; NL]],
    lang: usize,
) -> Vec<f32> {
    (0..NP)
        .map(|l| cal[l][lang].p(z[l], u.words, means[u.doc][l]))
        .collect()
}

/// Calibrated frame probabilities of a document, as `Analyzer` computes them.
fn frame_probs(z: &[f32; 14], cal: &[[Calibration; NL]], doc: &Doc) -> Vec<f32> {
    (0..FRAMES.len())
        .map(|f| cal[f][doc.lang].p(z[f], doc.feats.words, 0.0))
        .collect()
}

/// Calibrated genre probabilities of a document, as `Analyzer` computes them.
fn genre_probs(z: &[f32; 3], cal: &[[Calibration; NL]], doc: &Doc) -> [f32; 3] {
    [0, 1, 2].map(|g| cal[g][doc.lang].p(z[g], doc.feats.words, 0.0))
}

/// Counts per technique: `(tp, fp, fn)`.
pub type Counts = Vec<(usize, usize, usize)>;

/// Micro-F1, macro-F1 (over techniques present in the gold) of `counts`.
pub fn micro_macro(counts: &Counts) -> (f64, f64) {
    let t = counts
        .iter()
        .fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2));
    let present: Vec<f64> = counts
        .iter()
        .filter(|c| c.0 + c.2 > 0)
        .map(|c| semeval::f1(c.0, c.1, c.2))
        .collect();
    let macro_ = if present.is_empty() {
        0.0
    } else {
        present.iter().sum::<f64>() / present.len() as f64
    };
    (semeval::f1(t.0, t.1, t.2), macro_)
}

/// Adds one prediction to per-technique counts.
pub fn count(counts: &mut Counts, pred: u32, gold: u32) {
    for (i, c) in counts.iter_mut().enumerate() {
        match (pred >> i & 1 == 1, gold >> i & 1 == 1) {
            (true, true) => c.0 += 1,
            (true, false) => c.1 += 1,
            (false, true) => c.2 += 1,
            _ => {}
        }
    }
}

/// Trains, cross-validates, writes the model; prints a report.
///
/// # Errors
/// A message when the data cannot be read or a fit fails.
pub fn train(args: &SpinTrainArgs) -> Result<(), String> {
    let t0 = Instant::now();
    let lx = Lexicons::builtin();
    let data = load(args, &lx)?;
    eprintln!(
        "loaded {} articles, {} paragraphs, {} sentences in {:.1}s",
        data.docs.len(),
        data.paragraphs.len(),
        data.sentences.len(),
        t0.elapsed().as_secs_f32()
    );
    let folds = args.folds.max(2);
    let mut oof = Oof {
        par: vec![[0.0; NP]; data.paragraphs.len()],
        sent: vec![[0.0; NP]; data.sentences.len()],
        frames: vec![[0.0; 14]; data.docs.len()],
        genres: vec![[0.0; 3]; data.docs.len()],
        fold_of_doc: (0..data.docs.len()).map(|d| fold_of(d, folds)).collect(),
    };
    let mut metrics: Vec<(String, String)> = Vec::new();
    let mut decision = None;
    if !args.no_cv {
        let [par_cache, doc_cache] = oof_cache_paths(args, &data);
        let reuse = |path: &Path, rows: &mut [&mut [f32]]| {
            let hit = args.reuse_oof && load_oof(path, rows);
            if hit {
                eprintln!("reusing out-of-fold scores from {}", path.display());
            } else if args.reuse_oof {
                eprintln!("no usable out-of-fold cache at {}", path.display());
            }
            !hit
        };
        let fit_par = reuse(
            &par_cache,
            &mut [oof.par.as_flattened_mut(), oof.sent.as_flattened_mut()],
        );
        let fit_doc = reuse(
            &doc_cache,
            &mut [oof.frames.as_flattened_mut(), oof.genres.as_flattened_mut()],
        );
        if fit_par || fit_doc {
            for k in 0..folds {
                let t = Instant::now();
                let m = fit_all(
                    &data,
                    &|d| oof.fold_of_doc[d] != k,
                    [fit_par, fit_doc],
                    args,
                )?;
                let fold_of_doc = oof.fold_of_doc.clone();
                score_all(&m, &data, &|d| fold_of_doc[d] == k, &mut oof);
                eprintln!("fold {}/{folds}: {:.1}s", k + 1, t.elapsed().as_secs_f32());
            }
            save_oof(
                &par_cache,
                &[oof.par.as_flattened(), oof.sent.as_flattened()],
            );
            save_oof(
                &doc_cache,
                &[oof.frames.as_flattened(), oof.genres.as_flattened()],
            );
        }
        let means = doc_means(&data, &oof.par);
        // Cross-fitted evaluation: decisions for fold k come from the others.
        let mut par_counts = vec![vec![(0, 0, 0); TECHNIQUES.len()]; LANGUAGES.len()];
        let mut frame_counts = vec![vec![(0, 0, 0); FRAMES.len()]; LANGUAGES.len()];
        let mut genre_counts = vec![vec![(0, 0, 0); GENRES.len()]; LANGUAGES.len()];
        for k in 0..folds {
            let d = decide(&data, &oof, &means, &|doc| oof.fold_of_doc[doc] != k);
            for (u, z) in data.paragraphs.iter().zip(&oof.par) {
                if oof.fold_of_doc[u.doc] != k {
                    continue;
                }
                let lang = data.docs[u.doc].lang;
                let p = paragraph_probs(u, z, &means, &d.par, lang);
                let pred = (0..TECHNIQUES.len())
                    .filter(|&l| p[l] >= d.thresholds[l][lang])
                    .fold(0u32, |m, l| m | 1 << l);
                count(&mut par_counts[lang], pred, u.y);
            }
            for (di, doc) in data.docs.iter().enumerate() {
                if oof.fold_of_doc[di] != k {
                    continue;
                }
                if doc.frames != 0 {
                    let p = frame_probs(&oof.frames[di], &d.frames, doc);
                    let pred = (0..FRAMES.len())
                        .filter(|&f| p[f] >= d.frame_thresholds[f][doc.lang])
                        .fold(0u32, |m, f| m | 1 << f);
                    count(&mut frame_counts[doc.lang], pred, u32::from(doc.frames));
                }
                if let Some(g) = doc.genre {
                    let p = genre_probs(&oof.genres[di], &d.genres, doc);
                    let best = genre_argmax(&p, &d.genre_weights);
                    count(&mut genre_counts[doc.lang], 1 << best, 1 << g);
                }
            }
        }
        let sum = |c: &[Counts]| -> Counts {
            let mut t = vec![(0, 0, 0); c[0].len()];
            for l in c {
                for (a, b) in t.iter_mut().zip(l) {
                    *a = (a.0 + b.0, a.1 + b.1, a.2 + b.2);
                }
            }
            t
        };
        println!(
            "cross-validated ({folds} folds, grouped by article; calibration and thresholds cross-fitted)"
        );
        println!(
            "{:<8} {:>10} {:>10} {:>10} {:>10}",
            "lang", "tech µF1", "tech MF1", "frame µF1", "genre MF1"
        );
        let mut line = |code: &str, t: &Counts, f: &Counts, g: &Counts| {
            let (mi, ma) = micro_macro(t);
            let (fm, _) = micro_macro(f);
            let (_, gm) = micro_macro(g);
            println!("{code:<8} {mi:>10.3} {ma:>10.3} {fm:>10.3} {gm:>10.3}");
            metrics.push((
                "metric".into(),
                format!("cv {code} techniques_micro_f1 {mi:.4} techniques_macro_f1 {ma:.4} frames_micro_f1 {fm:.4} genre_macro_f1 {gm:.4}"),
            ));
        };
        for (li, code) in LANGUAGES.iter().enumerate() {
            line(code, &par_counts[li], &frame_counts[li], &genre_counts[li]);
        }
        let all_genres = sum(&genre_counts);
        line("all", &sum(&par_counts), &sum(&frame_counts), &all_genres);
        // Per genre, pooled: macro-F1 hides which genre fails (satire has
        // 71 of the 1,234 labelled articles, dev articles included).
        let per: Vec<String> = GENRES
            .iter()
            .zip(&all_genres)
            .map(|(name, &(tp, fp, fn_))| format!("{name} {:.3}", semeval::f1(tp, fp, fn_)))
            .collect();
        println!("genre F1, all languages: {}", per.join(", "));
        if std::env::var_os("SPINSIFT_TRAIN_VERBOSE").is_some() {
            let fr = &par_counts[1];
            for (i, c) in fr.iter().enumerate() {
                eprintln!(
                    "  fr {:<36} tp {:>4} fp {:>4} fn {:>4}",
                    TECHNIQUES[i].0, c.0, c.1, c.2
                );
            }
        }
        decision = Some(decide(&data, &oof, &means, &|_| true));
        if args.decide_only {
            return Ok(());
        }
    }
    let t = Instant::now();
    let fin = fit_all(&data, &|_| true, [true, true], args)?;
    eprintln!("final fit: {:.1}s", t.elapsed().as_secs_f32());
    let d = decision.unwrap_or_else(|| Decision {
        par: vec![[unit_cal(); NL]; NP],
        sent: vec![[unit_cal(); NL]; NP],
        frames: vec![[unit_cal(); NL]; FRAMES.len()],
        genres: vec![[unit_cal(); NL]; GENRES.len()],
        thresholds: vec![[0.5; NL]; NP],
        sentence_thresholds: vec![[0.5; NL]; NP],
        frame_thresholds: vec![[0.5; NL]; FRAMES.len()],
        genre_weights: [1.0; 3],
    });
    let mut labels = Vec::new();
    let mut weights = Vec::new();
    // One label: its default (pooled) decision, per-language ones, weights.
    let mut push = |name: &str,
                    head: Head,
                    th: &[f32; NL],
                    sth: &[f32; NL],
                    par: &[Calibration; NL],
                    sent: &[Calibration; NL],
                    lin: &Linear| {
        let dflt = LANGUAGES.len();
        // The header holds these as text: rounded, they take fewer bytes in
        // the .wasm (1.7 KB gzipped) and the decisions stay as chosen
        // (thresholds are on a 1/80 grid; 5 significant digits move a
        // calibrated probability by under 1e-4).
        let th = th.map(|x| round_sig(x, 4));
        let sth = sth.map(|x| round_sig(x, 4));
        let par = par.map(round_cal);
        let sent = sent.map(round_cal);
        labels.push(Label {
            name: name.to_string(),
            head,
            threshold: th[dflt],
            sentence_threshold: sth[dflt],
            paragraph: par[dflt],
            sentence: sent[dflt],
            langs: (0..dflt)
                .map(|l| LangParams {
                    lang: semeval::iso(LANGUAGES[l]).to_string(),
                    threshold: th[l],
                    sentence_threshold: sth[l],
                    paragraph: par[l],
                    sentence: sent[l],
                })
                .collect(),
            scale: 1.0,
            bias: lin.bias,
        });
        weights.push(lin.weights.clone());
    };
    for l in 0..NP {
        let (name, head) = TECHNIQUES
            .get(l)
            .map_or(("any", Head::Any), |t| (t.0, Head::Technique));
        push(
            name,
            head,
            &d.thresholds[l],
            &d.sentence_thresholds[l],
            &d.par[l],
            &d.sent[l],
            &fin.paragraph[l],
        );
    }
    for (f, name) in FRAMES.iter().enumerate() {
        let th = &d.frame_thresholds[f];
        let cal = &d.frames[f];
        push(name, Head::Frame, th, th, cal, cal, &fin.frames[f]);
    }
    for (g, name) in GENRES.iter().enumerate() {
        // For a genre, the "threshold" is the weight of its probability in
        // the argmax (see `Analyzer::document_labels`).
        let w = [d.genre_weights[g]; NL];
        let cal = &d.genres[g];
        push(name, Head::Genre, &w, &w, cal, cal, &fin.genres[g]);
    }
    let mut header = vec![
        ("#".to_string(), "Regenerate: cargo run --release --features train -- train (see MODEL.md)".to_string()),
        (
            "data".into(),
            format!(
                "SemEval-2023 Task 3 train ({}){}: {} articles (and the genre and frame labels of {} dev articles), {} paragraphs, {} sentences",
                LANGUAGES.join(" "),
                if args.with_dev { " + dev gold" } else { "" },
                data.docs.len() - data.label_only,
                data.label_only,
                data.paragraphs.len(),
                data.sentences.len()
            ),
        ),
        (
            "terms".into(),
            "trained on SemEval-2023 Task 3 data (Piskorski et al., 2023), released for research use; the data are not redistributed".into(),
        ),
        (
            "training".into(),
            format!(
                "linfa-logistic one-vs-rest, {} features per label (t statistic), {} per document label, idf {}, alpha {} (frames {}, genre {}), {} iterations ({} for document labels), positives repeated up to {}x, {} folds",
                args.features, args.doc_features, args.idf, args.alpha, args.frame_alpha, args.genre_alpha, args.iterations, args.doc_iterations, args.max_repeat, folds
            ),
        ),
    ];
    header.extend(metrics);
    let model = SpinModel::from_weights(labels, header, &weights);
    let bytes = model.to_bytes();
    let check =
        SpinModel::from_bytes(&bytes).map_err(|e| format!("written model does not load: {e}"))?;
    let (nf, nw) = check.size();
    std::fs::write(&args.out, &bytes).map_err(|e| format!("{}: {e}", args.out.display()))?;
    eprintln!(
        "wrote {} ({} bytes, {nf} features, {nw} weights) in {:.0}s total",
        args.out.display(),
        bytes.len(),
        t0.elapsed().as_secs_f32()
    );
    Ok(())
}

fn unit_cal() -> Calibration {
    Calibration {
        a: 1.0,
        ..Calibration::default()
    }
}

/// The SemEval-2023 folder under the shared corpus folder.
pub fn semeval_root(corpus: &Path) -> PathBuf {
    corpus.join("propaganda/semeval2023")
}

/// Pinned floors of the spin gates (`spinsift eval --spin --gate`): the
/// shipped model's figures, rounded down, so a regression fails. They are
/// not the targets (French 0.45 micro / 0.30 macro, frames 0.60,
/// genre 0.65), which this model does not reach; see MODEL.md.
pub mod floors {
    /// French techniques micro-F1, cross-validated on French train (the
    /// French dev gold is withheld), as recorded in the model header.
    pub const FR_CV_MICRO: f64 = 0.37;
    /// Techniques macro-F1, French cross-validation.
    pub const FR_CV_MACRO: f64 = 0.14;
    /// Techniques micro-F1 on each dev set with gold (en, ge, it, po, ru).
    pub const DEV_MICRO: [(&str, f64); 5] = [
        ("en", 0.19),
        ("ge", 0.39),
        ("it", 0.46),
        ("po", 0.26),
        ("ru", 0.33),
    ];
    /// Frames micro-F1, cross-validated, all languages (0.595 shipped).
    pub const FRAMES_MICRO: f64 = 0.59;
    /// Genre macro-F1, cross-validated, all languages (0.549 shipped).
    pub const GENRE_MACRO: f64 = 0.54;
}

/// A `metric cv <lang> key value …` figure from the model header.
pub fn header_metric(model: &SpinModel, lang: &str, key: &str) -> Option<f64> {
    model
        .header
        .iter()
        .filter(|(k, _)| k == "metric")
        .find_map(|(_, v)| {
            let f: Vec<&str> = v.split_whitespace().collect();
            if f.len() < 2 || f[0] != "cv" || f[1] != lang {
                return None;
            }
            f[2..]
                .chunks(2)
                .find(|c| c.len() == 2 && c[0] == key)
                .and_then(|c| c[1].parse().ok())
        })
}

/// Predicts subtask-3 labels for the listed lines of `articles`.
pub fn predict_lines(
    an: &crate::spin::Analyzer,
    articles: &[Article],
    gold: &[(String, usize, Vec<String>)],
) -> Vec<(String, usize, Vec<String>)> {
    let mut out = Vec::new();
    for a in articles {
        let lines: Vec<usize> = gold
            .iter()
            .filter(|g| g.0 == a.id)
            .map(|g| g.1)
            .filter(|&n| a.line(n).is_some_and(|l| !l.trim().is_empty()))
            .collect();
        let texts: Vec<&str> = lines.iter().filter_map(|&n| a.line(n)).collect();
        let lang = an.detect_lang(&a.text);
        for (n, s) in lines
            .iter()
            .zip(an.score_paragraphs(&texts, lang.as_deref()))
        {
            out.push((
                a.id.clone(),
                *n,
                s.techniques
                    .iter()
                    .map(|t| TECHNIQUES[t.0].0.to_string())
                    .collect(),
            ));
        }
    }
    out
}

/// Prints the spin figures: cross-validated (from the model header), dev
/// sets, propaganda sanity check, seed articles. Returns false when a
/// figure is below its floor.
///
/// # Errors
/// A message when the shared corpus cannot be read.
pub fn eval_spin(corpus: &Path, model: Option<&Path>) -> Result<bool, String> {
    use crate::spin::labels::{FAMILIES, family_of, technique};
    let an = crate::spin::load_analyzer(model).map_err(|e| e.to_string())?;
    let model = an.model();
    let mut ok = true;
    let mut check = |got: f64, floor: f64| {
        let pass = got >= floor;
        ok &= pass;
        format!(
            "{got:.3} (floor {floor:.2}{})",
            if pass { "" } else { ", FAILED" }
        )
    };
    println!("spin model: {}", model.meta("data").unwrap_or("?"));
    println!("cross-validated on train, grouped by article (from the model header):");
    println!(
        "{:<6} {:>9} {:>9} {:>10} {:>10}",
        "lang", "tech µF1", "tech MF1", "frames µF1", "genre MF1"
    );
    for code in LANGUAGES.iter().chain(&["all"]) {
        let g = |k: &str| header_metric(model, code, k).unwrap_or(f64::NAN);
        println!(
            "{code:<6} {:>9.3} {:>9.3} {:>10.3} {:>10.3}",
            g("techniques_micro_f1"),
            g("techniques_macro_f1"),
            g("frames_micro_f1"),
            g("genre_macro_f1")
        );
    }
    let fr = |k| header_metric(model, "fr", k).unwrap_or(0.0);
    println!(
        "gate: French CV techniques micro-F1 {}",
        check(fr("techniques_micro_f1"), floors::FR_CV_MICRO)
    );
    println!(
        "gate: French CV techniques macro-F1 {}",
        check(fr("techniques_macro_f1"), floors::FR_CV_MACRO)
    );
    let all = |k| header_metric(model, "all", k).unwrap_or(0.0);
    println!(
        "gate: frames CV micro-F1 {}",
        check(all("frames_micro_f1"), floors::FRAMES_MICRO)
    );
    println!(
        "gate: genre CV macro-F1 {}",
        check(all("genre_macro_f1"), floors::GENRE_MACRO)
    );

    let root = semeval_root(corpus);
    println!("dev sets (technique gold published; the technique heads never trained on them):");
    println!(
        "{:<6} {:>6} {:>9} {:>9} {:>11}",
        "lang", "lines", "tech µF1", "tech MF1", "family µF1"
    );
    let names: Vec<&str> = TECHNIQUES.iter().map(|t| t.0).collect();
    let mut pooled_gold = Vec::new();
    let mut pooled_pred = Vec::new();
    for (code, floor) in floors::DEV_MICRO {
        let dir = root.join(code);
        let gold = semeval::read_paragraph_labels(&dir.join("dev-labels-subtask-3.txt"))?;
        let arts = semeval::read_articles(&dir.join("dev-articles"))?;
        let pred = predict_lines(&an, &arts, &gold);
        let s = semeval::score(&gold, &pred, &names, &|l| Some(l.to_string()));
        let fam = semeval::score(&gold, &pred, &FAMILIES, &|l| {
            technique(l).map(|t| family_of(t).to_string())
        });
        println!(
            "{code:<6} {:>6} {:>9.3} {:>9.3} {:>11.3}",
            s.items,
            s.micro_f1(),
            s.macro_f1(),
            fam.micro_f1()
        );
        println!(
            "gate: {code} dev techniques micro-F1 {}",
            check(s.micro_f1(), floor)
        );
        let tag = |v: Vec<(String, usize, Vec<String>)>| {
            v.into_iter()
                .map(|(id, n, l)| (format!("{code}/{id}"), n, l))
                .collect::<Vec<_>>()
        };
        pooled_gold.extend(tag(gold));
        pooled_pred.extend(tag(pred));
    }
    let s = semeval::score(&pooled_gold, &pooled_pred, &names, &|l| Some(l.to_string()));
    println!("per technique, dev sets pooled (F1, gold count):");
    for l in &s.labels {
        println!(
            "  {:<36} {:>6.3} {:>6}",
            l.0,
            s.f1(&l.0).unwrap_or(0.0),
            l.1 + l.3
        );
    }

    // Sanity on real propaganda: pseudo-news against reporting articles.
    let ppn = corpus.join("propaganda/ppn/ppn_fr_en.jsonl");
    if let Ok(text) = std::fs::read_to_string(&ppn) {
        let mut scores: Vec<f32> = Vec::new();
        for l in text.lines() {
            let v: serde_json::Value = serde_json::from_str(l).map_err(|e| e.to_string())?;
            if v["lang"] == "fr" {
                let body = format!(
                    "{}\n\n{}",
                    v["title"].as_str().unwrap_or(""),
                    v["text"].as_str().unwrap_or("")
                );
                scores.push(an.analyze(&body).score);
            }
        }
        let fr = semeval::load_language(&root, "fr")?;
        let mut rep: Vec<f32> = Vec::new();
        let mut opi: Vec<f32> = Vec::new();
        for a in &fr.train {
            let g = fr
                .genre
                .get(&a.id)
                .and_then(|g| g.first())
                .map(String::as_str);
            let s = an.analyze(&a.text).score;
            match g {
                Some("reporting") => rep.push(s),
                Some("opinion") => opi.push(s),
                _ => {}
            }
        }
        let mean = |v: &[f32]| v.iter().sum::<f32>() / v.len().max(1) as f32;
        println!(
            "sanity: mean document score, French pseudo-news (ppn, {} articles) {:.3} vs SemEval French reporting ({} articles, seen in training) {:.3}, opinion ({}) {:.3}",
            scores.len(),
            mean(&scores),
            rep.len(),
            mean(&rep),
            opi.len(),
            mean(&opi)
        );
    }

    let seeds = corpus.join("seeds");
    if let Ok(rd) = std::fs::read_dir(&seeds) {
        let mut files: Vec<PathBuf> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        println!("seed articles:");
        for f in files {
            let text = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
            let a = an.analyze(&text);
            let top: Vec<String> = a
                .techniques
                .iter()
                .filter(|t| t.count > 0)
                .take(3)
                .map(|t| format!("{} ×{}", t.name, t.count))
                .collect();
            println!(
                "  {:<28} score {:.2}, {} sentences, genre {}, frame {}, top: {}",
                f.file_name().and_then(|n| n.to_str()).unwrap_or("?"),
                a.score,
                a.sentences.len(),
                a.genre.first().map_or("-", |g| g.name.as_str()),
                a.frames.first().map_or("-", |g| g.name.as_str()),
                if top.is_empty() {
                    "-".into()
                } else {
                    top.join(", ")
                }
            );
        }
    }
    Ok(ok)
}

/// `x` rounded to `digits` significant decimal digits.
fn round_sig(x: f32, digits: usize) -> f32 {
    format!("{x:.*e}", digits - 1).parse().unwrap_or(x)
}

fn round_cal(c: Calibration) -> Calibration {
    let r = |x| round_sig(x, 5);
    Calibration {
        a: r(c.a),
        b: r(c.b),
        c: r(c.c),
        d: r(c.d),
    }
}

/// The out-of-fold caches: paragraph and sentence scores, then document
/// scores, each keyed by the settings and data that make them, so that an
/// experiment on the document labels reuses the paragraph scores.
fn oof_cache_paths(args: &SpinTrainArgs, data: &Data) -> [PathBuf; 2] {
    // "q8": held-out folds scored with quantised weights (older caches
    // hold float scores).
    let common = format!(
        "q8 {} {} {} {} {}",
        args.idf,
        args.max_repeat,
        args.folds,
        args.with_dev,
        features::SETTINGS
    );
    let par = format!(
        "{common} {} {} {} {}",
        args.features,
        args.alpha,
        args.iterations,
        data.paragraphs.len()
    );
    let doc = format!(
        "{common} {} {} {} {} {}",
        args.doc_features,
        args.frame_alpha,
        args.genre_alpha,
        args.doc_iterations,
        data.docs.len()
    );
    let h = |k: &str| crate::spin::model::fnv64(k.as_bytes());
    [
        PathBuf::from(format!("target/spin-oof-par-{:016x}.bin", h(&par))),
        PathBuf::from(format!("target/spin-oof-doc-{:016x}.bin", h(&doc))),
    ]
}

fn save_oof(path: &Path, rows: &[&[f32]]) {
    let mut b: Vec<u8> = Vec::new();
    rows.iter()
        .for_each(|r| r.iter().for_each(|x| b.extend(x.to_le_bytes())));
    // A cache: failing to write it only costs time later.
    let _ = std::fs::write(path, b);
}

/// Fills `rows` from the cache at `path` if it holds exactly that many
/// scores.
fn load_oof(path: &Path, rows: &mut [&mut [f32]]) -> bool {
    let Ok(b) = std::fs::read(path) else {
        return false;
    };
    if b.len() != 4 * rows.iter().map(|r| r.len()).sum::<usize>() {
        return false;
    }
    let mut it = b
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]));
    for r in rows.iter_mut() {
        r.iter_mut().for_each(|x| *x = it.next().unwrap_or(0.0));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exported_decisions_are_rounded_to_short_decimals() {
        // A threshold on the grid prints as the grid's decimal.
        assert_eq!(round_sig(9.0 * 0.025, 4).to_string(), "0.225");
        assert_eq!(round_sig(-2.151_163_8, 5), -2.1512);
        let c = round_cal(Calibration {
            a: 0.636_407_7,
            b: -0.006_793_971,
            c: 0.0,
            d: 12.345_678,
        });
        assert_eq!((c.a, c.b, c.c, c.d), (0.63641, -0.006794, 0.0, 12.346));
    }

    #[test]
    fn an_out_of_fold_cache_of_another_size_is_not_used() {
        let path = std::env::temp_dir().join(format!("spinsift-oof-{}.bin", std::process::id()));
        save_oof(&path, &[&[1.0, 2.0, 3.0]]);
        let mut three = [0.0; 3];
        let mut two = [0.0; 2];
        assert!(!load_oof(&path, &mut [&mut two]));
        let (head, tail) = three.split_at_mut(1);
        assert!(load_oof(&path, &mut [head, tail]));
        assert_eq!(three, [1.0, 2.0, 3.0]);
        std::fs::remove_file(&path).unwrap();
        assert!(!load_oof(&path, &mut [&mut three]));
    }

    #[test]
    fn shrink_moves_language_thresholds_towards_the_pooled_one() {
        let mut t = vec![[0.2, 0.4, 0.3, 0.3, 0.3, 0.6, 0.4]];
        shrink(&mut t, 0.5);
        let want = [0.3, 0.4, 0.35, 0.35, 0.35, 0.5, 0.4];
        assert!(
            t[0].iter().zip(want).all(|(a, b)| (a - b).abs() < 1e-6),
            "{t:?}"
        );
        // Share 0 leaves a language's own thresholds alone.
        let mut u = vec![[0.1; NL]];
        u[0][0] = 0.9;
        shrink(&mut u, 0.0);
        assert_eq!(u[0][0], 0.9);
    }
}
