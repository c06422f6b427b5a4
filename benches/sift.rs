//! Native speed, criterion: `sift` on the five shared seed articles (or the
//! fixtures when ../shared is absent), and on 100 KB and 1 MB of distinct
//! article text in one call (the seeds, then the SemEval-2023 dev articles
//! language by language, as `bench/run.py` passes them to the wasm benchmark;
//! the fixtures repeated when ../shared is absent); `analyze` on a
//! 5,000-character article and ten times it; loading the model; `sift_html`
//! on the golden pages and on one page at 1× and 10× size.
//! `cargo bench --bench sift`; `python3 bench/run.py` reads the results.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The `.txt` files of `dir` (or, with `name`, that file in each of its
/// sub-folders), read in path order; empty when `dir` is absent.
fn dir_files(dir: &Path, name: Option<&str>) -> Vec<String> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .map(|p| if let Some(n) = name { p.join(n) } else { p })
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v.iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

fn articles() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let from_seeds = dir_files(&root.join("../shared/corpus/seeds"), None);
    if from_seeds.is_empty() {
        dir_files(&root.join("tests/fixtures"), Some("input.txt"))
    } else {
        from_seeds
    }
}

/// The seeds, then the SemEval-2023 dev articles of every language, in
/// `bench/run.py`'s order; empty when ../shared is absent.
fn long_texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut out = dir_files(&root.join("seeds"), None);
    for lang in ["en", "fr", "ge", "it", "po", "ru"] {
        let dir = root
            .join("propaganda/semeval2023")
            .join(lang)
            .join("dev-articles");
        out.extend(dir_files(&dir, None));
    }
    out
}

/// Whole texts joined by blank lines until `bytes` is reached: distinct
/// text, as a long real input is, rather than five articles repeated, whose
/// lines after the first copy all take the `duplicate` path (measured: the
/// distinct text takes 1.07× the repeated one's time natively).
fn joined(texts: &[String], bytes: usize) -> String {
    let mut out = String::new();
    for t in texts.iter().cycle().take(texts.len() * (bytes / 1000 + 1)) {
        if out.len() >= bytes {
            break;
        }
        out.push_str(t);
        out.push_str("\n\n");
    }
    out
}

fn bench(c: &mut Criterion) {
    let sifter = spinsift::Sifter::new().unwrap();
    let docs = articles();
    let total: usize = docs.iter().map(String::len).sum();
    let mut g = c.benchmark_group("sift");
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("seeds (5 articles)", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| sifter.sift(black_box(d)).text.len())
                .sum::<usize>()
        })
    });
    // Distinct text where ../shared has it; the fixtures (cycled) otherwise.
    let mut long = long_texts();
    if long.is_empty() {
        long = docs.clone();
    }
    g.sample_size(10);
    for (name, bytes) in [("100 KB text", 100_000), ("1 MB text", 1_000_000)] {
        let text = joined(&long, bytes);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| sifter.sift(black_box(&text)).text.len())
        });
    }
    g.finish();

    // Spin: analyze() (sifting included) on a ~5,000-character article built
    // from the same texts, and loading the model.
    let mut article = String::new();
    for d in &docs {
        for p in d.split('\n').filter(|p| p.len() > 80) {
            if article.len() + p.len() < 5000 {
                article.push_str(p);
                article.push_str("\n\n");
            }
        }
    }
    let an = spinsift::spin::default_analyzer().unwrap();
    let mut g = c.benchmark_group("spin");
    g.throughput(Throughput::Bytes(article.len() as u64));
    g.bench_function("analyze 5,000-char article", |b| {
        b.iter(|| an.analyze(black_box(&article)).sentences.len())
    });
    // Ten times the text: cost linear in size (bench/run.py prints the ratio).
    let article10 = article.repeat(10);
    g.throughput(Throughput::Bytes(article10.len() as u64));
    g.sample_size(20);
    g.bench_function("analyze 50,000-char text", |b| {
        b.iter(|| an.analyze(black_box(&article10)).sentences.len())
    });
    g.finish();
    let mut g = c.benchmark_group("model");
    g.bench_function("load model", |b| {
        b.iter(|| spinsift::spin::model::SpinModel::builtin().unwrap().size())
    });
    g.finish();

    // HTML: the golden pages (written for the project), one at a time, and a
    // 10x bigger page to show cost linear in size.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages");
    let mut pages: Vec<String> = std::fs::read_dir(&root)
        .map(|d| {
            d.flatten()
                .filter_map(|e| std::fs::read(e.path().join("source.html")).ok())
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .collect()
        })
        .unwrap_or_default();
    pages.sort();
    let total: usize = pages.iter().map(String::len).sum();
    let mut g = c.benchmark_group("sift_html");
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function(format!("{} golden pages", pages.len()), |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|p| spinsift::sift_html(black_box(p)).blocks.len())
                .sum::<usize>()
        })
    });
    let body: String = pages.iter().map(|p| p.replace("</html>", "")).collect();
    for times in [1usize, 10] {
        let page = format!("<html><body>{}</body></html>", body.repeat(times * 10));
        g.throughput(Throughput::Bytes(page.len() as u64));
        g.bench_function(format!("{} KB page", page.len() / 1024), |b| {
            b.iter(|| spinsift::sift_html(black_box(&page)).blocks.len())
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
