//! Golden whole-article fixtures: `tests/fixtures/<slug>/input.txt` sifted
//! must give `expected.txt` (the clean text) and `expected.json` (the full
//! result). After an intended behaviour change, regenerate and review the diff:
//!
//!     UPDATE_FIXTURES=1 cargo test --test fixtures

use std::path::Path;

#[test]
fn golden_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 5, "fixtures missing in {}", root.display());
    let mut failures = Vec::new();
    for dir in dirs {
        let input = std::fs::read_to_string(dir.join("input.txt")).unwrap();
        let r = spinsift::sift(&input);
        let json = serde_json::to_string_pretty(&r).unwrap() + "\n";
        let text = r.text.clone() + "\n";
        if update {
            std::fs::write(dir.join("expected.txt"), &text).unwrap();
            std::fs::write(dir.join("expected.json"), &json).unwrap();
            continue;
        }
        let want_text = std::fs::read_to_string(dir.join("expected.txt")).unwrap_or_default();
        let want_json = std::fs::read_to_string(dir.join("expected.json")).unwrap_or_default();
        if text != want_text {
            failures.push(format!(
                "{}: text differs\n--- expected\n{want_text}--- got\n{text}",
                dir.display()
            ));
        } else if json != want_json {
            failures.push(format!(
                "{}: json differs (run with UPDATE_FIXTURES=1 and review the diff)",
                dir.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
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
