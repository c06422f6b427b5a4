//! Golden whole-article fixtures: `tests/fixtures/<slug>/input.txt` sifted
//! must give `expected.txt` (the clean text) and `expected.json` (the full
//! result). After an intended behaviour change, regenerate and review the diff:
//!
//!     UPDATE_FIXTURES=1 cargo test --test fixtures

mod common;

use std::path::Path;

#[test]
fn golden_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 5, "fixtures missing in {}", root.display());
    common::check_golden(&dirs, |dir| {
        spinsift::sift(&std::fs::read_to_string(dir.join("input.txt")).unwrap())
    });
}

/// Precision traps: prose that *talks about* cookies, newsletters or related
/// articles is content, every line of it.
#[test]
fn precision_traps_keep_every_line() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for slug in ["fr-precision-traps", "es-plain-article"] {
        let input = std::fs::read_to_string(root.join(slug).join("input.txt")).unwrap();
        let r = spinsift::sift(&input);
        assert!(r.removed.is_empty(), "{slug}: removed {:?}", r.removed);
        let lines: Vec<&str> = input.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(r.blocks.len(), lines.len(), "{slug}");
    }
}
