//! Hostile input: a result or a clear error, never a panic or a hang (the
//! issue's full list, through every entry point, is `tests/hostile.rs`).

use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn rtl_emoji_and_cjk_without_spaces() {
    let input = "مرحبا بالعالم هذا نص عربي طويل بما يكفي ليكون فقرة كاملة في المقال.\n\n😀😀😀 🇫🇷\n\n这是一个没有空格的中文段落它应该被完整保留而不是被删除因为它是文章的正文内容。";
    let r = spinsift::sift(input);
    for b in &r.blocks {
        assert_eq!(&input[b.span.start..b.span.end], b.text);
    }
    assert!(r.text.contains("这是一个没有空格的中文段落"));
    let utf16 = r.clone().into_utf16(input);
    let units: Vec<u16> = input.encode_utf16().collect();
    for b in &utf16.blocks {
        assert_eq!(
            String::from_utf16(&units[b.span.start..b.span.end]).unwrap(),
            b.text
        );
    }
}

#[test]
fn large_inputs_finish() {
    // 5 MB on one line, and ~8 MB of many short lines (50 MB runs in the
    // benchmark; here it would only slow the debug test run).
    let line = "word ".repeat(1_000_000);
    let r = spinsift::sift(&line);
    assert_eq!(r.blocks.len(), 1);
    let page = "Home\nMenu\nA real paragraph that goes on for a while, as article prose does, with commas.\n".repeat(90_000);
    let r = spinsift::sift(&page);
    assert!(!r.blocks.is_empty());
}

#[test]
fn too_large_input_is_an_error_not_a_hang() {
    let e = spinsift::input::check_size(spinsift::input::MAX_INPUT_BYTES + 1).unwrap_err();
    assert!(e.to_string().contains("limit"));
}

/// Runs the CLI with `args`, feeding `stdin`.
#[cfg(feature = "cli")]
fn cli_with_stdin(args: &[&str], stdin: &[u8]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_spinsift"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

#[cfg(feature = "cli")]
#[test]
fn cli_reports_invalid_utf8_and_missing_files() {
    let exe = env!("CARGO_BIN_EXE_spinsift");
    let out = cli_with_stdin(&["sift", "-"], b"caf\xE9 au lait\n");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not valid UTF-8") && err.contains("offset 3"),
        "{err}"
    );
    let out = cli_with_stdin(&["spin", "-"], b"Un caf\xE9 au lait.\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not valid UTF-8"));
    // A page declares its charset; one whose bytes lie still gives a result.
    let page = b"<html><head><meta charset=\"utf-8\"></head><body><p>Caf\xE9 \xFF\xFE cr\xE8me, a paragraph of prose long enough to be kept.</p></body></html>";
    let out = cli_with_stdin(&["sift", "--html", "-"], page);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("paragraph of prose"));

    let out = Command::new(exe)
        .args(["sift", "/nonexistent/file.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /nonexistent/file.txt"));
}

#[cfg(feature = "cli")]
#[test]
fn cli_formats_and_jsonl() {
    let exe = env!("CARGO_BIN_EXE_spinsift");
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/fr-junk-laden/input.txt"
    );
    let out = Command::new(exe)
        .args(["sift", "--format", "markdown", fixture])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.starts_with("# Inondations : la vallée de la Sorne sous l'eau\n"),
        "{md}"
    );
    assert!(md.contains("\n## Les dégâts\n"));

    let out = cli_with_stdin(
        &["sift", "--jsonl", "--format", "json"],
        b"{\"id\": 7, \"text\": \"par\\n\\nUn paragraphe.\"}\n{\"id\": \"b\"}\n",
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "a bad line makes the exit code non-zero"
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["id"], 7);
    assert_eq!(lines[0]["removed"][0]["category"], "byline_stub");
    assert_eq!(
        lines[1]["error"],
        "missing string field \"text\" or \"html\""
    );
}
