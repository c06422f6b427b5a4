//! Replays the fuzzers' kept corpora (`fuzz/corpus/<target>/`) and every
//! input that once crashed a target (`fuzz/regressions/<target>/`) through
//! the same property checks the fuzz targets run (`fuzz/checks.rs`), so a
//! regression fails `cargo test` without a fuzzing toolchain.

#[allow(dead_code)]
#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::Path;

/// Replays `target`'s kept inputs through `check`; an empty corpus fails
/// (the replay would prove nothing).
fn replay(target: &str, check: fn(&[u8])) {
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
    assert!(n > 0, "fuzz/corpus/{target} is empty");
}

// One test per target, so each fails on its own.

#[test]
fn sift_corpus() {
    replay("sift", checks::sift);
}

#[test]
fn sift_html_corpus() {
    replay("sift_html", checks::sift_html);
}

#[test]
fn analyze_corpus() {
    replay("analyze", checks::analyze);
}

#[test]
fn model_corpus() {
    replay("model", checks::model);
}
