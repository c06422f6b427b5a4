//! Shared by the golden-file tests (tests/fixtures.rs, tests/pages.rs).

use std::path::{Path, PathBuf};

/// Runs `sift` on every golden folder and compares its text and JSON with
/// `expected.txt` and `expected.json`; with `UPDATE_FIXTURES` set, writes
/// them instead (review the diff).
pub fn check_golden(dirs: &[PathBuf], sift: impl Fn(&Path) -> spinsift::SiftResult) {
    let update = std::env::var_os("UPDATE_FIXTURES").is_some();
    let mut failures = Vec::new();
    for dir in dirs {
        let r = sift(dir);
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
