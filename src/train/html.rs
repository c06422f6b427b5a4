//! `spinsift eval --html`: main-content extraction on the shared boilerplate
//! benchmarks (AEB and trafilatura's evaluation set), with pinned floors.

// Evaluation: native tooling behind the `train` feature, never in the .wasm.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::time::Instant;

use serde::Deserialize;

use super::{prf, snippet_hits, squash};
use crate::Sifter;
use crate::result::{BlockKind, SiftResult};

/// Pinned floors for the HTML gates: raise them when the figures improve.
pub mod floors {
    /// AEB's own F1 (4-gram shingles, per-page normalised).
    pub const AEB_F1: f64 = 0.965;
    /// Snippet F1 on the trafilatura set.
    pub const SNIPPET_F1: f64 = 0.91;
}

/// Reads a gzipped file as text (lossy: a few pages are not UTF-8).
pub fn read_gz(path: &Path) -> Result<String, String> {
    let f = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(f)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// The article body as the benchmarks want it: every kept block but the title
/// (their gold bodies exclude headlines).
pub fn body(r: &SiftResult) -> String {
    r.blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Title)
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// AEB's per-page true positives, false positives and false negatives over
/// 4-gram shingles, normalised to sum to 1 (as its `evaluate.py`).
pub fn shingle_counts(got: &str, want: &str) -> (f64, f64, f64) {
    fn shingles<'a>(w: &'a [&'a str]) -> HashMap<&'a [&'a str], i64> {
        let mut m = HashMap::new();
        let n = w.len().saturating_sub(3).max(1);
        for i in 0..n {
            let s = &w[i..(i + 4).min(w.len())];
            if !s.is_empty() {
                *m.entry(s).or_insert(0) += 1;
            }
        }
        m
    }
    let (gw, ww) = (words(got), words(want));
    let (g, w) = (shingles(&gw), shingles(&ww));
    let (mut tp, mut fp, mut fn_) = (0i64, 0i64, 0i64);
    for (k, &c) in &g {
        let t = w.get(k).copied().unwrap_or(0);
        tp += c.min(t);
        fp += (c - t).max(0);
    }
    for (k, &t) in &w {
        fn_ += (t - g.get(k).copied().unwrap_or(0)).max(0);
    }
    let s = (tp + fp + fn_) as f64;
    if s == 0.0 {
        return (0.0, 0.0, 0.0);
    }
    (tp as f64 / s, fp as f64 / s, fn_ as f64 / s)
}

/// AEB's F1: from the mean of per-page precision and of per-page recall.
pub fn aeb_f1(counts: &[(f64, f64, f64)]) -> (f64, f64, f64) {
    let prec: Vec<f64> = counts
        .iter()
        .filter(|c| c.0 + c.1 > 0.0)
        .map(|&(tp, fp, fn_)| {
            if fp == 0.0 && fn_ == 0.0 {
                1.0
            } else {
                tp / (tp + fp)
            }
        })
        .collect();
    let rec: Vec<f64> = counts
        .iter()
        .filter(|c| c.0 + c.2 > 0.0)
        .map(|&(tp, fp, fn_)| {
            if fp == 0.0 && fn_ == 0.0 {
                1.0
            } else {
                tp / (tp + fn_)
            }
        })
        .collect();
    let p = prec.iter().sum::<f64>() / prec.len().max(1) as f64;
    let r = rec.iter().sum::<f64>() / rec.len().max(1) as f64;
    (
        p,
        r,
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
    )
}

#[derive(Deserialize)]
struct AebTruth {
    #[serde(rename = "articleBody")]
    article_body: String,
}

/// One page of the trafilatura set.
#[derive(Deserialize, Clone)]
pub struct TrafPage {
    /// The page's URL (the key in `evaldata.json`).
    #[serde(skip)]
    pub url: String,
    /// File name in trafilatura's own repository (not the stored name).
    pub file: String,
    /// Snippets that must appear.
    #[serde(rename = "with")]
    pub with_: Vec<String>,
    /// Snippets that must not.
    pub without: Vec<String>,
}

fn unescape_basic(s: &str) -> String {
    s.replace("&amp;", "&")
}

fn norm_url(u: &str) -> String {
    let u = u
        .trim_start_matches("http://")
        .trim_start_matches("https://");
    let u = u.strip_prefix("www.").unwrap_or(u);
    u.trim_end_matches('/').to_string()
}

/// Pairs the stored pages with their evaluation entries: by file name
/// (`<file>.gz`), then — a few are stored under a hash — by a URL in the page
/// equal to the entry's, then by the entry's `with` snippets found in the
/// page's text.
pub fn match_trafilatura(dir: &Path) -> Result<Vec<(String, String, TrafPage)>, String> {
    let mut data: HashMap<String, TrafPage> = serde_json::from_str(
        &std::fs::read_to_string(dir.join("evaldata.json")).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    for (u, p) in &mut data {
        p.url.clone_from(u);
    }
    let by_file: HashMap<String, &String> = data
        .iter()
        .map(|(u, p)| (format!("{}.gz", p.file), u))
        .collect();
    let by_url: HashMap<String, &String> = data.keys().map(|u| (norm_url(u), u)).collect();
    let mut files: Vec<_> = std::fs::read_dir(dir.join("html"))
        .map_err(|e| e.to_string())?
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut pages: Vec<(String, String)> = Vec::new();
    for f in &files {
        pages.push((
            f.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
            read_gz(f)?,
        ));
    }
    let mut out = Vec::new();
    let mut used: std::collections::HashSet<&String> = Default::default();
    let mut left = Vec::new();
    for (name, html) in &pages {
        if let Some(u) = by_file.get(name) {
            used.insert(u);
            out.push((name.clone(), html.clone(), data[*u].clone()));
        }
    }
    for (name, html) in &pages {
        if by_file.contains_key(name) {
            continue;
        }
        let mut found: Vec<&String> = Vec::new();
        for (i, _) in html.match_indices("http") {
            let rest = &html[i..];
            let end = rest
                .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>'))
                .unwrap_or(rest.len());
            if let Some(u) = by_url.get(&norm_url(&unescape_basic(&rest[..end]))) {
                if !found.contains(u) {
                    found.push(u);
                }
            }
        }
        match found.as_slice() {
            [u] if !used.contains(u) => {
                used.insert(u);
                out.push((name.clone(), html.clone(), data[*u].clone()));
            }
            _ => left.push((name, html)),
        }
    }
    let texts: Vec<String> = left
        .iter()
        .map(|(_, h)| squash(&crate::sift_html(h).source.unwrap_or_default()))
        .collect();
    let mut taken = vec![false; left.len()];
    for (u, p) in &data {
        if used.contains(u) {
            continue;
        }
        let best = (0..left.len()).filter(|&i| !taken[i]).max_by_key(|&i| {
            p.with_
                .iter()
                .filter(|s| texts[i].contains(&squash(s)))
                .count()
        });
        if let Some(i) = best {
            taken[i] = true;
            out.push((left[i].0.clone(), left[i].1.clone(), p.clone()));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// Runs the HTML gates; returns whether every floor holds.
pub fn eval_html(corpus: &Path, verbose: bool, traf_map: Option<&Path>) -> Result<bool, String> {
    let sifter = Sifter::new().map_err(|e| e.to_string())?;
    let aeb = corpus.join("boilerplate/aeb");
    let truth: HashMap<String, AebTruth> = serde_json::from_str(
        &std::fs::read_to_string(aeb.join("ground-truth.json")).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();
    let mut counts = Vec::new();
    let mut bot = 0.0;
    let mut ms = Vec::new();
    for id in &ids {
        let html = read_gz(&aeb.join("html").join(format!("{id}.html.gz")))?;
        let t = Instant::now();
        let r = sifter.sift_html(&html);
        ms.push(t.elapsed().as_secs_f64() * 1e3);
        let got = body(&r);
        let want = &truth[*id].article_body;
        let c = shingle_counts(&got, want);
        let b = super::bot_f1(&got, want);
        if verbose {
            let p = c.0 / (c.0 + c.1).max(1e-9);
            let rc = c.0 / (c.0 + c.2).max(1e-9);
            println!("  aeb {}  P {p:.3} R {rc:.3} BoT {b:.3}", &id[..12]);
        }
        counts.push(c);
        bot += b;
    }
    let (p, r, f) = aeb_f1(&counts);
    ms.sort_by(f64::total_cmp);
    let med = ms.get(ms.len() / 2).copied().unwrap_or(0.0);
    println!(
        "aeb ({} pages): AEB F1 {f:.4} (P {p:.4} R {r:.4}), bag-of-tokens F1 {:.4}, median {med:.2} ms/page native; floor {}",
        ids.len(),
        bot / ids.len().max(1) as f64,
        floors::AEB_F1
    );

    let traf = match_trafilatura(&corpus.join("boilerplate/trafilatura"))?;
    if let Some(path) = traf_map {
        let map: HashMap<&str, &str> = traf
            .iter()
            .map(|(f, _, p)| (f.as_str(), p.url.as_str()))
            .collect();
        std::fs::write(
            path,
            serde_json::to_string_pretty(&map).map_err(|e| e.to_string())?,
        )
        .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let mut counts = (0, 0, 0);
    for (name, html, page) in &traf {
        let (tp, fp, fn_) =
            snippet_hits(&body(&sifter.sift_html(html)), &page.with_, &page.without);
        if verbose && (fp > 0 || fn_ > 0) {
            println!("  traf {name} ({}) missed {fn_} leaked {fp}", page.file);
        }
        counts = (counts.0 + tp, counts.1 + fp, counts.2 + fn_);
    }
    let (sp, sr, sf) = prf(counts.0, counts.1, counts.2);
    println!(
        "trafilatura set ({} pages): snippet P {sp:.4} R {sr:.4} F1 {sf:.4}; floor {}",
        traf.len(),
        floors::SNIPPET_F1
    );
    Ok(f >= floors::AEB_F1 && sf >= floors::SNIPPET_F1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingles_follow_aeb() {
        let c = shingle_counts("a b c d e", "a b c d e");
        assert_eq!(c, (1.0, 0.0, 0.0));
        let c = shingle_counts("a b c d", "a b c d e");
        // got {abcd}, want {abcd, bcde}: tp 1, fn 1.
        assert_eq!(c, (0.5, 0.0, 0.5));
        let (p, r, f) = aeb_f1(&[(0.5, 0.0, 0.5), (1.0, 0.0, 0.0)]);
        assert_eq!((p, r), (1.0, 0.75));
        assert!((f - 2.0 * 0.75 / 1.75).abs() < 1e-12);
    }
}
