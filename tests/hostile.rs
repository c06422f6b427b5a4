//! Hostile input, one test per kind the hardening issue lists, each through
//! every entry point (`sift`, `sift_html`, `analyze`): a result or a clear
//! error, never a panic or a hang. (Bytes on the CLI: tests/robustness.rs.) The span
//! properties are the fuzz targets' (`fuzz/checks.rs`).

#[allow(dead_code)]
#[path = "../fuzz/checks.rs"]
mod checks;

use spinsift::spin::Analyzer;
use spinsift::spin::model::SpinModel;

/// Every entry point on `input`, with the fuzz targets' checks.
fn everywhere(input: &str) {
    checks::sift(input.as_bytes());
    checks::sift_html(input.as_bytes());
    checks::analyze(input.as_bytes());
}

#[test]
fn empty_and_whitespace_only() {
    for input in [
        "",
        " ",
        "\n\n\r\n",
        "\t \u{A0}\u{2009}\u{3000}",
        "\u{FEFF}",
        "\u{200B}\u{200D}",
    ] {
        everywhere(input);
        assert!(spinsift::sift(input).blocks.is_empty(), "{input:?}");
        assert!(spinsift::sift_html(input).blocks.is_empty(), "{input:?}");
        let a = spinsift::spin::analyze(input).unwrap();
        assert!(
            a.sentences.is_empty() && !a.reliable && a.score == 0.0,
            "{input:?}"
        );
    }
}

#[test]
fn fifty_megabytes_of_text() {
    // 50 MB of distinct article-like paragraphs (repeated ones would go as
    // duplicates): sifted whole, under the 64 MB input bound. analyze on
    // 50 MB runs in the wasm build (tests/node/large.test.mjs): a debug
    // build here would take minutes.
    let mut text = String::with_capacity(50_100_000);
    let mut n = 0;
    while text.len() < 50_000_000 {
        n += 1;
        text.push_str(&format!(
            "Le conseil municipal a voté, lors de sa séance numéro {n}, la fermeture du vieux pont, invoquant des rapports de sécurité.\n\n"
        ));
    }
    let r = spinsift::sift(&text);
    assert_eq!(r.blocks.len(), n);
    let last = r.blocks.last().unwrap();
    assert_eq!(&text[last.span.start..last.span.end], last.text);
}

#[test]
fn five_megabyte_single_line() {
    let line = "mot ".repeat(1_250_000);
    everywhere(&line);
    let r = spinsift::sift(&line);
    assert_eq!(r.blocks.len(), 1);
    let html = format!("<p>{line}</p>");
    assert_eq!(spinsift::sift_html(&html).blocks.len(), 1);
}

#[test]
fn hundred_thousand_deep_nesting() {
    let html = format!(
        "{}<p>Deep inside, the article's only paragraph is long enough to count as prose.</p>{}",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    everywhere(&html);
    assert!(spinsift::sift_html(&html).text.contains("Deep inside"));
    let spans = "<span>".repeat(100_000);
    everywhere(&spans);
}

#[test]
fn binary_garbage_and_nul_bytes() {
    // Pseudo-random bytes, read as UTF-8 the way the CLI and the JS layer see
    // them (lossy), plus NULs inside words, lines and markup.
    let mut x: u32 = 0x1234_5678;
    let bytes: Vec<u8> = (0..200_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    checks::sift(&bytes);
    checks::sift_html(&bytes);
    checks::analyze(&bytes);
    everywhere(
        "Un\0paragraphe\0avec des NUL au milieu des mots, assez long pour compter.\n\n\0\0\0",
    );
    everywhere("<p>NUL\0in markup</p><\0div>\0</p>");
}

#[test]
fn rtl_emoji_and_cjk_without_spaces() {
    let text = "مرحبا بالعالم هذا نص عربي طويل بما يكفي ليكون فقرة كاملة في المقال، ويتحدث عن الاقتصاد.\n\n\
                שלום עולם, זהו משפט בעברית שנכתב מימין לשמאל עם פיסוק.\n\n\
                😀😀😀 🇫🇷👨‍👩‍👧‍👦 emoji ZWJ sequences 🏳️‍🌈\n\n\
                这是一个没有空格的中文段落它应该被完整保留而不是被删除因为它是文章的正文内容。\n\n\
                日本語の文章も空白なしで書かれていますが、記事の本文として残るべきです。";
    everywhere(text);
    let r = spinsift::sift(text);
    assert!(r.text.contains("这是一个没有空格的中文段落"));
    assert!(r.text.contains("שלום עולם"));
    let html = format!(
        "<article><p>{}</p></article>",
        text.replace("\n\n", "</p><p>")
    );
    everywhere(&html);
    let a = spinsift::spin::analyze(text).unwrap();
    let js = a.into_utf16(text);
    let units = text.encode_utf16().count();
    assert!(js.sentences.iter().all(|s| s.span.end <= units));
}

#[test]
fn truncated_and_corrupted_models_are_errors() {
    let good = SpinModel::builtin().unwrap().to_bytes();
    // Truncated anywhere: header, body line, body.
    for cut in [0, 1, 15, 100, good.len() / 3, good.len() - 1] {
        let e = SpinModel::from_bytes(&good[..cut]).unwrap_err();
        assert!(!e.to_string().is_empty());
    }
    // One flipped byte in the body: the hash catches it.
    let mut bad = good.clone();
    let last = bad.len() - 10;
    bad[last] ^= 0x55;
    assert!(
        SpinModel::from_bytes(&bad)
            .unwrap_err()
            .to_string()
            .contains("hash")
    );
    // Not a model at all.
    assert!(SpinModel::from_bytes(b"\x89PNG\r\n\x1a\n").is_err());
    assert!(SpinModel::from_bytes(&[0xff; 1000]).is_err());
    // Corrupted, then resealed (hash and length recomputed) so the body
    // parser itself meets the damage: an error or a working model.
    for at in [0usize, 7, 100, 1000, 5000] {
        let mut v = good.clone();
        let body = v.len() - at - 1;
        v[body] = v[body].wrapping_add(0x80);
        checks::model(&v);
    }
    // And the good bytes still load and score.
    let an = Analyzer::new(SpinModel::from_bytes(&good).unwrap()).unwrap();
    assert!(an.analyze("Un texte.").score.is_finite());
}

// Invalid UTF-8 on the CLI: tests/robustness.rs (`cli_reports_invalid_utf8_and_missing_files`).
