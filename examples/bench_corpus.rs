//! The native side of the wasm benchmark: per-item times for `sift`,
//! `sift_html` and `analyze` on the corpus `bench/run.py` writes, measured as
//! `bench/wasm-core.mjs` measures the wasm build (each item's fastest of
//! ROUNDS runs), so the rows compare. Prints JSON.
//!   cargo run --release --example bench_corpus -- CORPUS.json [ROUNDS]

use std::hint::black_box;
use std::time::Instant;

use serde_json::{Value, json};

fn per_item<T>(items: &[T], rounds: usize, mut f: impl FnMut(&T)) -> Vec<f64> {
    for x in items.iter().take(3) {
        f(x);
    }
    let mut best = vec![f64::INFINITY; items.len()];
    for _ in 0..rounds {
        for (x, b) in items.iter().zip(best.iter_mut()) {
            let t = Instant::now();
            f(x);
            *b = b.min(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    best
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    let i = ((q * sorted.len() as f64) as usize).min(sorted.len().saturating_sub(1));
    sorted.get(i).copied().unwrap_or(f64::NAN)
}

fn summary(ms: &[f64], bytes: usize) -> Value {
    let mut s = ms.to_vec();
    s.sort_by(f64::total_cmp);
    let total: f64 = ms.iter().sum();
    json!({
        "n": ms.len(),
        "p50_ms": quantile(&s, 0.5),
        "p95_ms": quantile(&s, 0.95),
        "mb_per_s": bytes as f64 / 1e6 / (total / 1e3),
    })
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x.as_str().map(str::to_owned))
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: bench_corpus CORPUS.json [ROUNDS]")?;
    let rounds: usize = args.next().map_or(Ok(3), |r| r.parse())?;
    let corpus: Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let texts = strings(&corpus["texts"]);
    let articles = strings(&corpus["articles"]);
    let pages: Vec<String> = corpus["pages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["html"].as_str().map(str::to_owned))
        .collect();

    let t = Instant::now();
    let model = spinsift::spin::model::SpinModel::builtin()?;
    let analyzer = spinsift::spin::Analyzer::new(model)?;
    let model_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let sifter = spinsift::Sifter::new()?;
    let sifter_ms = t.elapsed().as_secs_f64() * 1e3;

    let bytes = |v: &[String]| v.iter().map(String::len).sum::<usize>();
    let sift = per_item(&texts, rounds, |t| {
        black_box(sifter.sift(black_box(t)));
    });
    let html = per_item(&pages, rounds, |p| {
        black_box(sifter.sift_html(black_box(p)));
    });
    let analyze = per_item(&articles, rounds, |t| {
        black_box(analyzer.analyze(black_box(t)));
    });
    let mut per5k: Vec<f64> = analyze
        .iter()
        .zip(&articles)
        .map(|(ms, a)| ms * 5000.0 / a.encode_utf16().count().max(1) as f64)
        .collect();
    per5k.sort_by(f64::total_cmp);
    let mut a = summary(&analyze, bytes(&articles));
    a["per_5000_chars_p50_ms"] = json!(quantile(&per5k, 0.5));
    a["per_5000_chars_p95_ms"] = json!(quantile(&per5k, 0.95));
    let out = json!({
        "runtime": "native",
        "cold": { "model_ms": model_ms, "sifter_ms": sifter_ms, "cold_ms": model_ms + sifter_ms },
        "sift": summary(&sift, bytes(&texts)),
        "sift_html": summary(&html, bytes(&pages)),
        "analyze": a,
    });
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(())
}
