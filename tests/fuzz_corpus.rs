//! Replays the fuzzers' kept corpora (`fuzz/corpus/<target>/`) and every
//! input that once crashed a target (`fuzz/regressions/<target>/`) through
//! the same property checks the fuzz targets run (`fuzz/checks.rs`), so a
//! regression fails `cargo test` without a fuzzing toolchain.

#[allow(dead_code)]
#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut n = 0;
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
        paths.sort();
        for p in paths {
            let data = std::fs::read(&p).unwrap();
            // A failing check panics; say which file did it.
            let r = std::panic::catch_unwind(|| check(&data));
            assert!(r.is_ok(), "{target}: {} fails its check", p.display());
            n += 1;
        }
    }
    n
}

#[test]
fn sift_corpus() {
    assert!(
        replay("sift", checks::sift) > 0,
        "fuzz/corpus/sift is empty"
    );
}

#[test]
fn sift_html_corpus() {
    assert!(
        replay("sift_html", checks::sift_html) > 0,
        "fuzz/corpus/sift_html is empty"
    );
}

#[test]
fn analyze_corpus() {
    assert!(
        replay("analyze", checks::analyze) > 0,
        "fuzz/corpus/analyze is empty"
    );
}

#[test]
fn model_corpus() {
    assert!(
        replay("model", checks::model) > 0,
        "fuzz/corpus/model is empty"
    );
}
