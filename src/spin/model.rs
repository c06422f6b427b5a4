//! Stage 6 — **score**: the spin model file and its sparse dot product.
//!
//! A model file is a text header (`key value` lines, human-readable: format,
//! feature settings, labels, thresholds, calibration, training data and its
//! terms, cross-validated metrics, a hash) followed by `body <bytes>` and a
//! binary body: per label a dequantisation scale and a bias, then the kept
//! features' ids (delta-encoded varints), their entry counts (varints), every
//! entry's label byte and every entry's `i8` weight, stream after stream.
//! Scoring is a hash lookup per feature and a few multiply-adds: no linfa,
//! no `rand`, nothing allocated per feature.

// Indices: `Reader::bytes` checks lengths before it slices; label ids in
// the body are checked against the label count on load; calibrations are
// length-checked when parsed; slots are masked to the table size.
#![allow(clippy::indexing_slicing)]

use super::features::{Features, SETTINGS};
use crate::Error;

/// The format version this code reads and writes.
pub const FORMAT: &str = "spinsift-spin 2";

/// Which part of the output a label belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Head {
    /// A technique, scored per paragraph or sentence.
    Technique,
    /// "Uses at least one technique", per paragraph or sentence.
    Any,
    /// A frame, scored on the whole document.
    Frame,
    /// A genre, scored on the whole document.
    Genre,
}

impl Head {
    /// Whether the head is scored on paragraphs and sentences (techniques
    /// and "any") rather than on the whole document (frames and genres).
    pub fn per_unit(self) -> bool {
        matches!(self, Head::Technique | Head::Any)
    }
}

/// Which labels a raw score is computed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every label.
    All,
    /// The heads scored per paragraph or sentence ([`Head::per_unit`]).
    Units,
    /// The heads scored on the whole document (frames, genres).
    Document,
}

/// Per-label calibration: `p = σ(a·z + b·ln(1+words) + c·doc_mean_z + d)`,
/// where `z` is the raw linear score and `doc_mean_z` its mean over the
/// document's paragraphs (the article's overall tone).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Calibration {
    /// Weight of the raw score.
    pub a: f32,
    /// Weight of the unit's log length in words.
    pub b: f32,
    /// Weight of the document mean of the raw score.
    pub c: f32,
    /// Intercept.
    pub d: f32,
}

impl Label {
    /// Paragraph threshold and calibration for `lang` (the defaults when
    /// the model has none for it).
    pub fn params(&self, lang: Option<&str>) -> (f32, &Calibration) {
        match lang.and_then(|l| self.langs.iter().find(|p| p.lang == l)) {
            Some(p) => (p.threshold, &p.paragraph),
            None => (self.threshold, &self.paragraph),
        }
    }

    /// Sentence threshold and calibration for `lang`.
    pub fn sentence_params(&self, lang: Option<&str>) -> (f32, &Calibration) {
        match lang.and_then(|l| self.langs.iter().find(|p| p.lang == l)) {
            Some(p) => (p.sentence_threshold, &p.sentence),
            None => (self.sentence_threshold, &self.sentence),
        }
    }
}

impl Calibration {
    /// The calibrated probability.
    pub fn p(&self, z: f32, words: usize, doc_mean: f32) -> f32 {
        sigmoid(self.log_odds(z, ln_words(words), doc_mean))
    }

    /// The calibrated log-odds, from `ln_words` = [`ln_words`]`(words)`:
    /// a unit scored for every label computes it once.
    pub fn log_odds(&self, z: f32, ln_words: f32, doc_mean: f32) -> f32 {
        self.a * z + self.b * ln_words + self.c * doc_mean + self.d
    }
}

/// `ln(1 + words)`, the length term of a [`Calibration`].
pub fn ln_words(words: usize) -> f32 {
    (1.0 + words as f32).ln()
}

/// The logistic function: log-odds to probability.
pub fn sigmoid(t: f32) -> f32 {
    1.0 / (1.0 + (-t).exp())
}

/// Log-odds below which a probability is surely under `threshold`: its
/// logit less a margin far wider than rounding (`-inf` when every
/// probability may reach it). Lets a decision skip the `exp` of clear misses.
pub fn clear_miss_below(threshold: f32) -> f32 {
    if threshold <= 0.0 {
        f32::NEG_INFINITY
    } else if threshold >= 1.0 {
        // A probability rounds to 1 only far above log-odds 0.
        0.0
    } else {
        (threshold / (1.0 - threshold)).ln() - 1e-3
    }
}

/// A label's decision parameters for one language.
#[derive(Debug, Clone, PartialEq)]
pub struct LangParams {
    /// ISO 639-1 code.
    pub lang: String,
    /// Decision threshold for paragraphs and documents.
    pub threshold: f32,
    /// Decision threshold for single sentences.
    pub sentence_threshold: f32,
    /// Paragraph (and document) calibration.
    pub paragraph: Calibration,
    /// Sentence calibration.
    pub sentence: Calibration,
}

/// One label of the model.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// Name as in SemEval-2023 (`any` for the any-technique head).
    pub name: String,
    /// Its head.
    pub head: Head,
    /// Decision threshold on the calibrated probability of a paragraph or
    /// document.
    pub threshold: f32,
    /// Decision threshold on the calibrated probability of a sentence.
    pub sentence_threshold: f32,
    /// Calibration for paragraphs (and documents, for frames and genres).
    pub paragraph: Calibration,
    /// Calibration for single sentences.
    pub sentence: Calibration,
    /// Per-language overrides of the four above (languages seen in training).
    pub langs: Vec<LangParams>,
    /// Dequantisation scale of this label's weights.
    pub scale: f32,
    /// Intercept of the raw score.
    pub bias: f32,
}

/// A trained spin model.
#[derive(Debug, Clone, PartialEq)]
pub struct SpinModel {
    /// The labels, in file order.
    pub labels: Vec<Label>,
    /// Header lines `(key, value)` as in the file, for reporting.
    pub header: Vec<(String, String)>,
    ids: Vec<u32>,
    starts: Vec<u32>,
    entries: Vec<(u8, i8)>,
    /// The weights of the per-unit heads, looked up for every paragraph and
    /// sentence: half the model's features carry document weights only, and
    /// a table without them turns more lookups away, sooner.
    units: Table,
    /// The weights of the document heads, looked up once per document.
    document: Table,
}

/// A lookup table over the features that carry weights for some labels.
#[derive(Debug, Clone, PartialEq)]
struct Table {
    ids: Vec<u32>,
    /// Per id, its entries' range in the model's `entries`.
    ranges: Vec<(u32, u32)>,
    /// Open-addressing index: `(id, position in ids)`, `id` `u32::MAX` when
    /// empty. Every feature of every text is looked up, so this beats a
    /// binary search; holding the id in the slot saves a second memory
    /// access per probe.
    slots: Vec<(u32, u32)>,
    /// One bit per hash of the kept ids (32 KB, cache-resident): most of a
    /// text's features are not in the model, and this turns them away
    /// before the larger slot table is touched. A fixed size: indexing it
    /// needs no bounds check.
    seen: Box<[u64; SEEN_WORDS]>,
}

impl Table {
    /// The features with entries in `range(k)` (empty ranges left out).
    fn new(ids: &[u32], range: impl Fn(usize) -> (u32, u32)) -> Table {
        let (mut kept, mut ranges) = (Vec::with_capacity(ids.len()), Vec::with_capacity(ids.len()));
        for (k, &id) in ids.iter().enumerate() {
            let r = range(k);
            if r.1 > r.0 {
                kept.push(id);
                ranges.push(r);
            }
        }
        let (slots, seen) = index(&kept);
        Table {
            ids: kept,
            ranges,
            slots,
            seen,
        }
    }

    /// Position of feature `id` in `ids`. Inlined: it runs for every
    /// feature of every unit, and wasm builds otherwise keep it a call.
    #[inline(always)]
    fn find(&self, id: u32) -> Option<usize> {
        let b = seen_bit(id);
        if self.seen[b >> 6] >> (b & 63) & 1 == 0 {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut at = slot_of(id, mask);
        loop {
            let (slot, k) = *self.slots.get(at)?;
            if slot == u32::MAX {
                return None;
            }
            if slot == id {
                return Some(k as usize);
            }
            at = (at + 1) & mask;
        }
    }

    fn entries_at<'e>(&self, k: usize, entries: &'e [(u8, i8)]) -> &'e [(u8, i8)] {
        let (a, b) = self.ranges[k];
        &entries[a as usize..b as usize]
    }

    /// Adds `f`'s quantised dot product with each label's weights to `acc`
    /// (one slot per possible `u8` label: indexing it needs no bounds check,
    /// in the innermost loop of scoring).
    fn accumulate(&self, f: &Features, entries: &[(u8, i8)], acc: &mut [f32; 256]) {
        for &(id, v) in &f.values {
            if let Some(k) = self.find(id) {
                for &(l, q) in self.entries_at(k, entries) {
                    acc[usize::from(l)] += v * f32::from(q);
                }
            }
        }
    }
}

/// FNV-1a, 64-bit, over bytes: the checksum of the body.
pub fn fnv64(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn err(line: usize, message: impl Into<String>) -> Error {
    Error::Data {
        source: "spin model".into(),
        line,
        message: message.into(),
    }
}

fn parse_head(s: &str) -> Option<Head> {
    Some(match s {
        "technique" => Head::Technique,
        "any" => Head::Any,
        "frame" => Head::Frame,
        "genre" => Head::Genre,
        _ => return None,
    })
}

fn head_name(h: Head) -> &'static str {
    match h {
        Head::Technique => "technique",
        Head::Any => "any",
        Head::Frame => "frame",
        Head::Genre => "genre",
    }
}

fn parse_cal(s: &str) -> Option<Calibration> {
    let v: Vec<f32> = s
        .split(',')
        .map(|x| x.trim().parse().ok())
        .collect::<Option<_>>()?;
    (v.len() == 4 && v.iter().all(|x| x.is_finite())).then(|| Calibration {
        a: v[0],
        b: v[1],
        c: v[2],
        d: v[3],
    })
}

fn cal_text(c: &Calibration) -> String {
    format!("{},{},{},{}", c.a, c.b, c.c, c.d)
}

/// `<threshold> <sentence threshold> <paragraph cal> <sentence cal>`, the
/// tail of `label` and `lang` header lines.
fn parse_decision(f: &[&str]) -> Option<(f32, f32, Calibration, Calibration)> {
    Some((
        f.first()?.parse().ok()?,
        f.get(1)?.parse().ok()?,
        parse_cal(f.get(2)?)?,
        parse_cal(f.get(3)?)?,
    ))
}

fn decision_text(th: f32, sth: f32, p: &Calibration, s: &Calibration) -> String {
    format!("{th} {sth} {} {}", cal_text(p), cal_text(s))
}

struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn bytes(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.data.len());
        let end = end.ok_or_else(|| err(0, "body is truncated"))?;
        let s = &self.data[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn f32(&mut self) -> Result<f32, Error> {
        let b = self.bytes(4)?;
        let v = f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        if v.is_finite() {
            Ok(v)
        } else {
            Err(err(0, "body holds a non-finite number"))
        }
    }
    fn varint(&mut self) -> Result<u32, Error> {
        let mut v: u64 = 0;
        for shift in (0..35).step_by(7) {
            let b = self.bytes(1)?[0];
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return u32::try_from(v).map_err(|_| err(0, "varint out of range"));
            }
        }
        Err(err(0, "varint too long"))
    }
}

fn slot_of(id: u32, mask: usize) -> usize {
    (id.wrapping_mul(0x9e37_79b1) >> 7) as usize & mask
}

const SEEN_BITS: u32 = 18;
const SEEN_WORDS: usize = 1 << (SEEN_BITS - 6);

fn seen_bit(id: u32) -> usize {
    (id.wrapping_mul(0x85eb_ca6b) >> (32 - SEEN_BITS)) as usize
}

/// The bit filter over `ids` (see `Table::seen`).
fn seen_filter(ids: &[u32]) -> Box<[u64; SEEN_WORDS]> {
    let mut bits = Box::new([0u64; SEEN_WORDS]);
    for &id in ids {
        let b = seen_bit(id);
        bits[b >> 6] |= 1 << (b & 63);
    }
    bits
}

/// Builds the open-addressing index of `ids`, at most half full, and the
/// bit filter in front of it.
fn index(ids: &[u32]) -> (Vec<(u32, u32)>, Box<[u64; SEEN_WORDS]>) {
    let size = (ids.len() * 2).next_power_of_two().max(16);
    let mut slots = vec![(u32::MAX, 0); size];
    for (k, &id) in ids.iter().enumerate() {
        let mut at = slot_of(id, size - 1);
        while slots[at].0 != u32::MAX {
            at = (at + 1) & (size - 1);
        }
        slots[at] = (id, k as u32);
    }
    (slots, seen_filter(ids))
}

fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// One label's weights as a model file stores them: a dequantisation scale
/// and `i8` weights (`max |w|` maps to 127; weights that round to 0 are
/// dropped). Training scores its held-out folds with these, so the
/// cross-validated figures are those of the weights that ship.
pub fn quantize(weights: &[(u32, f32)]) -> (f32, Vec<(u32, i8)>) {
    let max = weights.iter().map(|x| x.1.abs()).fold(0f32, f32::max);
    let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
    let q = weights
        .iter()
        .map(|&(id, x)| (id, (x / scale).round().clamp(-127.0, 127.0) as i8))
        .filter(|e| e.1 != 0)
        .collect();
    (scale, q)
}

impl SpinModel {
    /// The model shipped in `data/models/spin.model`.
    ///
    /// # Errors
    /// [`Error::Data`] if the embedded file is corrupt.
    pub fn builtin() -> Result<SpinModel, Error> {
        SpinModel::from_bytes(include_bytes!("../../data/models/spin.model"))
    }

    /// Parses and checks a model file: format, feature settings, labels,
    /// calibration, body length and hash.
    ///
    /// # Errors
    /// [`Error::Data`] saying what is wrong.
    pub fn from_bytes(data: &[u8]) -> Result<SpinModel, Error> {
        let mut header = Vec::new();
        let mut at = 0;
        let mut line_no = 0;
        let body_len = loop {
            let nl = data[at..]
                .iter()
                .position(|&b| b == b'\n')
                .ok_or_else(|| err(line_no, "no `body` line: not a spin model"))?;
            let line = std::str::from_utf8(&data[at..at + nl])
                .map_err(|_| err(line_no + 1, "header is not UTF-8"))?;
            at += nl + 1;
            line_no += 1;
            if line_no == 1 {
                if line != FORMAT {
                    return Err(err(1, format!("expected `{FORMAT}`, found `{line}`")));
                }
                continue;
            }
            if line.trim().is_empty() {
                continue;
            }
            // Comments (`# …`) are kept, so that writing a model back gives
            // the same file.
            let (k, v) = line.split_once(' ').unwrap_or((line, ""));
            if k == "body" {
                break v
                    .parse::<usize>()
                    .map_err(|_| err(line_no, "bad body length"))?;
            }
            header.push((k.to_string(), v.to_string()));
        };
        let get = |key: &str| -> Result<&str, Error> {
            header
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
                .ok_or_else(|| err(0, format!("header lacks `{key}`")))
        };
        if get("features")? != SETTINGS {
            return Err(err(
                0,
                format!(
                    "feature settings differ: file has `{}`, code has `{SETTINGS}`",
                    get("features")?
                ),
            ));
        }
        let body = &data[at..];
        if body.len() != body_len {
            return Err(err(
                line_no,
                format!("body is {} bytes, header says {body_len}", body.len()),
            ));
        }
        let want = get("hash")?;
        let got = format!("{:016x}", fnv64(body));
        if want != got {
            return Err(err(0, format!("hash mismatch: header {want}, body {got}")));
        }

        let mut labels = Vec::new();
        for (k, v) in &header {
            if k != "label" {
                continue;
            }
            // label <name> <head> <threshold> <sentence threshold>
            //       <paragraph cal> <sentence cal>
            let f: Vec<&str> = v.split_whitespace().collect();
            let bad = || err(0, format!("bad label line `{v}`"));
            if f.len() != 6 {
                return Err(bad());
            }
            let (threshold, sentence_threshold, paragraph, sentence) =
                parse_decision(&f[2..]).ok_or_else(bad)?;
            labels.push(Label {
                name: f[0].to_string(),
                head: parse_head(f[1]).ok_or_else(bad)?,
                threshold,
                sentence_threshold,
                paragraph,
                sentence,
                langs: Vec::new(),
                scale: 0.0,
                bias: 0.0,
            });
        }
        for (k, v) in &header {
            if k != "lang" {
                continue;
            }
            // lang <iso> <label> <threshold> <sentence threshold>
            //      <paragraph cal> <sentence cal>
            let f: Vec<&str> = v.split_whitespace().collect();
            let bad = || err(0, format!("bad lang line `{v}`"));
            if f.len() != 6 {
                return Err(bad());
            }
            let (threshold, sentence_threshold, paragraph, sentence) =
                parse_decision(&f[2..]).ok_or_else(bad)?;
            let p = LangParams {
                lang: f[0].to_string(),
                threshold,
                sentence_threshold,
                paragraph,
                sentence,
            };
            let l = labels
                .iter_mut()
                .find(|l| l.name == f[1])
                .ok_or_else(|| err(0, format!("lang line for unknown label `{}`", f[1])))?;
            l.langs.push(p);
        }
        if labels.is_empty() || labels.len() > 256 {
            return Err(err(0, "a model needs 1 to 256 labels"));
        }
        if labels
            .windows(2)
            .any(|w| !w[0].head.per_unit() && w[1].head.per_unit())
        {
            return Err(err(
                0,
                "technique and any labels must come before frame and genre labels",
            ));
        }
        let mut r = Reader { data: body, at: 0 };
        if r.varint()? as usize != labels.len() {
            return Err(err(0, "body and header disagree on the labels"));
        }
        for l in &mut labels {
            l.scale = r.f32()?;
            l.bias = r.f32()?;
        }
        let n = r.varint()? as usize;
        if n > body.len() {
            return Err(err(0, "feature count exceeds the body"));
        }
        let mut ids = Vec::with_capacity(n);
        let mut prev: Option<u32> = None;
        for _ in 0..n {
            let d = r.varint()?;
            let id = match prev {
                None => d,
                Some(p) => p
                    .checked_add(d)
                    .filter(|_| d > 0)
                    .ok_or_else(|| err(0, "feature ids are not increasing"))?,
            };
            ids.push(id);
            prev = Some(id);
        }
        // Entry counts per feature, then every entry's label, then every
        // entry's weight: four homogeneous streams compress better than
        // interleaved records (format 2; 16 KB less gzipped than format 1).
        let mut starts = Vec::with_capacity(n + 1);
        let mut total = 0usize;
        for _ in 0..n {
            starts.push(total as u32);
            total += r.varint()? as usize;
            if total > body.len() {
                return Err(err(0, "entry count exceeds the body"));
            }
        }
        let labels_of = r.bytes(total)?;
        let weights = r.bytes(total)?;
        let mut entries = Vec::with_capacity(total);
        for (&l, &w) in labels_of.iter().zip(weights) {
            if usize::from(l) >= labels.len() {
                return Err(err(0, "weight for an unknown label"));
            }
            entries.push((l, w as i8));
        }
        starts.push(total as u32);
        if r.at != body.len() {
            return Err(err(0, "trailing bytes after the body"));
        }
        Ok(SpinModel::assemble(labels, header, ids, starts, entries))
    }

    /// Builds a model from float weights (training): `weights[label]` is a
    /// list of `(feature id, weight)`; they are quantised to `i8` per label.
    /// `labels` list the per-unit heads (techniques, any) first, as a model
    /// file must.
    pub fn from_weights(
        labels: Vec<Label>,
        header: Vec<(String, String)>,
        weights: &[Vec<(u32, f32)>],
    ) -> SpinModel {
        let mut labels = labels;
        let mut all: Vec<(u32, u8, i8)> = Vec::new();
        for (li, (l, w)) in labels.iter_mut().zip(weights).enumerate() {
            let (scale, q) = quantize(w);
            l.scale = scale;
            all.extend(q.into_iter().map(|(id, q)| (id, li as u8, q)));
        }
        all.sort_unstable();
        let mut ids = Vec::new();
        let mut starts = Vec::new();
        let mut entries = Vec::new();
        for (id, l, q) in all {
            if ids.last() != Some(&id) {
                ids.push(id);
                starts.push(entries.len() as u32);
            }
            entries.push((l, q));
        }
        starts.push(entries.len() as u32);
        SpinModel::assemble(labels, header, ids, starts, entries)
    }

    /// The model with its two lookup tables.
    fn assemble(
        labels: Vec<Label>,
        header: Vec<(String, String)>,
        ids: Vec<u32>,
        starts: Vec<u32>,
        entries: Vec<(u8, i8)>,
    ) -> SpinModel {
        // Per feature, its per-unit entries come first: entries are sorted
        // by label, and labels list the per-unit heads first (checked on
        // load; training writes them so).
        let units = labels.iter().take_while(|l| l.head.per_unit()).count();
        let mid: Vec<u32> = starts
            .windows(2)
            .map(|w| {
                let n = entries[w[0] as usize..w[1] as usize]
                    .iter()
                    .take_while(|e| usize::from(e.0) < units)
                    .count();
                w[0] + n as u32
            })
            .collect();
        let units = Table::new(&ids, |k| (starts[k], mid[k]));
        let document = Table::new(&ids, |k| (mid[k], starts[k + 1]));
        SpinModel {
            labels,
            header,
            ids,
            starts,
            entries,
            units,
            document,
        }
    }

    /// The file bytes: header (with body length and hash) and body.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut body = Vec::new();
        put_varint(&mut body, self.labels.len() as u32);
        for l in &self.labels {
            body.extend(l.scale.to_le_bytes());
            body.extend(l.bias.to_le_bytes());
        }
        put_varint(&mut body, self.ids.len() as u32);
        let mut prev = 0;
        for (i, &id) in self.ids.iter().enumerate() {
            put_varint(&mut body, if i == 0 { id } else { id - prev });
            prev = id;
        }
        for w in self.starts.windows(2) {
            put_varint(&mut body, w[1] - w[0]);
        }
        body.extend(self.entries.iter().map(|e| e.0));
        body.extend(self.entries.iter().map(|e| e.1 as u8));
        let mut out = format!("{FORMAT}\n");
        for (k, v) in &self.header {
            if !matches!(k.as_str(), "features" | "label" | "lang" | "hash") {
                out.push_str(&format!("{k} {v}\n"));
            }
        }
        out.push_str(&format!("features {SETTINGS}\n"));
        for l in &self.labels {
            out.push_str(&format!(
                "label {} {} {}\n",
                l.name,
                head_name(l.head),
                decision_text(l.threshold, l.sentence_threshold, &l.paragraph, &l.sentence)
            ));
        }
        for l in &self.labels {
            for p in &l.langs {
                out.push_str(&format!(
                    "lang {} {} {}\n",
                    p.lang,
                    l.name,
                    decision_text(p.threshold, p.sentence_threshold, &p.paragraph, &p.sentence)
                ));
            }
        }
        out.push_str(&format!("hash {:016x}\n", fnv64(&body)));
        out.push_str(&format!("body {}\n", body.len()));
        let mut bytes = out.into_bytes();
        bytes.extend(body);
        bytes
    }

    /// Number of kept features and of weights.
    pub fn size(&self) -> (usize, usize) {
        (self.ids.len(), self.entries.len())
    }

    /// A header value.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.header
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Position of feature `id` among the per-unit heads' features (for
    /// [`Self::weight_at`]): explanations are of techniques.
    pub(crate) fn find(&self, id: u32) -> Option<usize> {
        self.units.find(id)
    }

    /// Raw linear scores `z` of every label for `f` (one per label).
    pub fn raw(&self, f: &Features) -> Vec<f32> {
        self.raw_for(f, Scope::All)
    }

    /// Raw linear scores `z` for `f` of the labels in `scope`; the others
    /// are left at their intercept (a paragraph needs no frame score, and a
    /// document no technique score).
    pub fn raw_for(&self, f: &Features, scope: Scope) -> Vec<f32> {
        let mut acc = [0f32; 256];
        if scope != Scope::Document {
            self.units.accumulate(f, &self.entries, &mut acc);
        }
        if scope != Scope::Units {
            self.document.accumulate(f, &self.entries, &mut acc);
        }
        acc.iter()
            .zip(&self.labels)
            .map(|(a, l)| a * l.scale + l.bias)
            .collect()
    }

    /// The weight of feature `id` for `label` (0 when pruned).
    pub fn weight(&self, id: u32, label: usize) -> f32 {
        let Some(l) = self.labels.get(label) else {
            return 0.0;
        };
        let table = if l.head.per_unit() {
            &self.units
        } else {
            &self.document
        };
        table
            .find(id)
            .map_or(0.0, |k| self.weight_in(table, k, label))
    }

    /// The weight for the per-unit head `label` of the feature at `k` (from
    /// [`Self::find`]).
    pub(crate) fn weight_at(&self, k: usize, label: usize) -> f32 {
        self.weight_in(&self.units, k, label)
    }

    /// The weight for `label` of the feature at `k` of `table`.
    fn weight_in(&self, table: &Table, k: usize, label: usize) -> f32 {
        table
            .entries_at(k, &self.entries)
            .iter()
            .find(|e| usize::from(e.0) == label)
            .map_or(0.0, |e| f32::from(e.1) * self.labels[label].scale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clear_misses_are_misses_and_near_misses_are_not_skipped() {
        for &threshold in &[-0.5, 0.0, 1e-6, 0.01, 0.2, 0.5, 0.73, 0.999, 1.0, 2.0] {
            let below = clear_miss_below(threshold);
            let logit = (threshold / (1.0 - threshold)).ln();
            for k in -4000..4000 {
                let z = k as f32 * 0.01;
                if z < below {
                    assert!(sigmoid(z) < threshold, "{threshold} {z}");
                }
            }
            // The skip never reaches a log-odds that could be a hit.
            if threshold > 0.0 && threshold < 1.0 {
                assert!(below < logit && logit - below < 0.01, "{threshold}");
            }
        }
    }

    fn tiny() -> SpinModel {
        let cal = Calibration {
            a: 1.0,
            b: 0.0,
            c: 0.0,
            d: 0.0,
        };
        let label = |name: &str, head| Label {
            name: name.into(),
            head,
            threshold: 0.5,
            sentence_threshold: 0.4,
            paragraph: cal,
            sentence: cal,
            langs: vec![LangParams {
                lang: "fr".into(),
                threshold: 0.25,
                sentence_threshold: 0.2,
                paragraph: cal,
                sentence: cal,
            }],
            scale: 1.0,
            bias: -0.5,
        };
        SpinModel::from_weights(
            vec![
                label("Doubt", Head::Technique),
                label("any", Head::Any),
                label("Security_and_defense", Head::Frame),
            ],
            vec![("data".into(), "unit test".into())],
            &[
                vec![(7, 2.0), (300, -1.0)],
                vec![(7, 0.5), (1 << 22, 1.0)],
                vec![(7, 1.0), (500, 4.0)],
            ],
        )
    }

    fn sample() -> Features {
        Features {
            values: vec![(7, 1.0), (300, 0.5), (500, 0.25), (999, 3.0)],
            ..Features::default()
        }
    }

    #[test]
    fn quantises_to_i8_and_drops_what_rounds_to_zero() {
        let (scale, q) = quantize(&[(1, -2.54), (2, 1.0), (3, 0.009), (4, 0.011)]);
        assert!((scale - 0.02).abs() < 1e-6);
        // The largest |w| maps to ±127; 0.009 rounds to 0 and is dropped,
        // 0.011 to 1 and is kept.
        assert_eq!(q, vec![(1, -127), (2, 50), (4, 1)]);
        assert_eq!(quantize(&[]), (1.0, Vec::new()));
    }

    #[test]
    fn round_trips_and_scores_by_dot_product() {
        let m = tiny();
        let bytes = m.to_bytes();
        let back = SpinModel::from_bytes(&bytes).unwrap();
        assert_eq!(back.labels, m.labels);
        assert_eq!(back.size(), (4, 6));
        assert_eq!(back.meta("data"), Some("unit test"));
        let z = back.raw(&sample());
        assert!((z[0] - (2.0 - 0.5 - 0.5)).abs() < 0.02, "{z:?}");
        assert!((z[1] - (0.5 - 0.5)).abs() < 0.02, "{z:?}");
        assert!((z[2] - (1.0 + 1.0 - 0.5)).abs() < 0.02, "{z:?}");
        assert!((back.weight(300, 0) + 1.0).abs() < 0.01);
        assert_eq!(back.weight(300, 1), 0.0);
        assert!((back.weight(500, 2) - 4.0).abs() < 0.05);
    }

    #[test]
    fn scopes_score_their_own_labels_only() {
        let m = tiny();
        let all = m.raw(&sample());
        let units = m.raw_for(&sample(), Scope::Units);
        let doc = m.raw_for(&sample(), Scope::Document);
        // Each scope's labels score as in the full product, bit for bit;
        // the others stay at their intercept.
        assert_eq!(units[..2], all[..2]);
        assert_eq!(doc[2], all[2]);
        assert_eq!((units[2], doc[0], doc[1]), (-0.5, -0.5, -0.5));
    }

    #[test]
    fn document_labels_before_technique_labels_are_refused() {
        let cal = Calibration::default();
        let label = |name: &str, head| Label {
            name: name.into(),
            head,
            threshold: 0.5,
            sentence_threshold: 0.5,
            paragraph: cal,
            sentence: cal,
            langs: Vec::new(),
            scale: 1.0,
            bias: 0.0,
        };
        let m = SpinModel::from_weights(
            vec![
                label("Economic", Head::Frame),
                label("Doubt", Head::Technique),
            ],
            Vec::new(),
            &[vec![(7, 1.0)], vec![(7, 1.0)]],
        );
        let e = SpinModel::from_bytes(&m.to_bytes())
            .unwrap_err()
            .to_string();
        assert!(e.contains("must come before"), "{e}");
    }

    #[test]
    fn corrupt_files_are_refused_with_a_reason() {
        let bytes = tiny().to_bytes();
        let msg = |b: &[u8]| SpinModel::from_bytes(b).unwrap_err().to_string();
        assert!(msg(b"").contains("not a spin model"));
        assert!(msg(b"spinsift-lines 1\nbody 0\n").contains("expected"));
        // Truncated body.
        assert!(msg(&bytes[..bytes.len() - 3]).contains("bytes"));
        // One flipped bit in the body.
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(msg(&flipped).contains("hash"));
        // Other feature settings.
        let text = String::from_utf8_lossy(&bytes).replace("chars 3-5", "chars 2-4");
        let mut other = text.as_bytes().to_vec();
        other.truncate(text.find("\nbody ").unwrap());
        assert!(SpinModel::from_bytes(&other).is_err());
        // Garbage never panics.
        for n in 0..bytes.len() {
            let _ = SpinModel::from_bytes(&bytes[..n]);
        }
    }

    #[test]
    fn builtin_model_loads_and_has_every_label() {
        let m = SpinModel::builtin().unwrap();
        for (t, _) in crate::spin::labels::TECHNIQUES {
            assert!(m.labels.iter().any(|l| l.name == t), "{t}");
        }
        assert_eq!(
            m.labels.iter().filter(|l| l.head == Head::Frame).count(),
            14
        );
        assert_eq!(m.labels.iter().filter(|l| l.head == Head::Genre).count(), 3);
        assert!(m.meta("terms").is_some_and(|t| t.contains("SemEval-2023")));
        // Reader and writer agree byte for byte on the shipped file.
        assert_eq!(m.to_bytes(), include_bytes!("../../data/models/spin.model"));
    }
}
