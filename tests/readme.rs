//! The README's example is executed: its input, run through the real CLI,
//! must print exactly the output the README shows, and the removed categories
//! and metadata it lists.
#![cfg(feature = "cli")]

use std::process::Command;

/// The lines of the README's first ```text block.
fn example() -> Vec<String> {
    let readme = include_str!("../README.md");
    let start = readme
        .find("```text\n")
        .expect("README has a ```text example")
        + 8;
    let end = start + readme[start..].find("```").expect("closed block");
    readme[start..end].lines().map(str::to_string).collect()
}

/// The lines between the prompt line `prompt` and the next prompt.
fn after(lines: &[String], prompt: &str) -> Vec<String> {
    let i = lines
        .iter()
        .position(|l| l == prompt)
        .unwrap_or_else(|| panic!("README lacks {prompt:?}"));
    lines[i + 1..]
        .iter()
        .take_while(|l| !l.starts_with("$ "))
        .cloned()
        .collect()
}

#[test]
fn readme_example_is_what_the_cli_prints() {
    let lines = example();
    let input = after(&lines, "$ cat article.txt").join("\n");
    let want = after(&lines, "$ spinsift sift article.txt");
    let dir = std::env::temp_dir().join(format!("spinsift-readme-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("article.txt");
    std::fs::write(&file, input.trim_end()).unwrap();
    let exe = env!("CARGO_BIN_EXE_spinsift");
    let out = Command::new(exe)
        .args(["sift"])
        .arg(&file)
        .output()
        .unwrap();
    let got = String::from_utf8(out.stdout).unwrap();
    assert_eq!(got.trim_end(), want.join("\n").trim_end());

    let json = Command::new(exe)
        .args(["sift", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    let r: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let cats: Vec<&str> = r["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["category"].as_str().unwrap())
        .collect();
    let listed = after(
        &lines,
        "$ spinsift sift --format json article.txt   # abridged",
    )
    .join("\n");
    assert!(
        listed.contains(&format!("\"removed\":  {}", cats.join(", "))),
        "README lists other categories than {cats:?}"
    );
    for field in ["title", "author", "modified", "lang"] {
        let v = r["metadata"][field].as_str().unwrap();
        assert!(
            listed.contains(&format!("\"{field}\": \"{v}\"")),
            "README metadata {field} ≠ {v}"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}
