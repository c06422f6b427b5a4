//! Golden whole pages: `tests/pages/<slug>/source.html` through `sift_html`
//! must give `expected.txt` (the clean article) and `expected.json` (the full
//! result). The pages are written for the project: several languages, consent
//! walls of different platforms, a results table whose rows carry data classes
//! (`player-2026-114`), a quoted tweet in a `social-media-embed` wrapper and a
//! comment thread that outweighs its article, and a
//! front page that is not an article.
//! After an intended behaviour change, regenerate and review the diff:
//!
//!     UPDATE_FIXTURES=1 cargo test --test pages

mod common;

use std::path::{Path, PathBuf};

fn pages() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("source.html").exists())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 6, "pages missing in {}", root.display());
    dirs
}

fn source(dir: &Path) -> String {
    let bytes = std::fs::read(dir.join("source.html")).unwrap();
    match String::from_utf8(bytes) {
        Ok(s) => s,
        // A legacy-encoded page: the CLI decodes it (tests/cli_html.rs).
        Err(e) => e.into_bytes().iter().map(|&b| char::from(b)).collect(),
    }
}

#[test]
fn golden_pages() {
    common::check_golden(&pages(), |dir| spinsift::sift_html(&source(dir)));
}

/// What every article page must show, whatever the golden files say: the
/// consent wall reported as such, every body paragraph kept verbatim, spans
/// that point at the right text, and the headline as the title.
#[test]
fn article_pages_keep_the_body_and_report_the_wall() {
    for dir in pages() {
        let slug = dir.file_name().unwrap().to_string_lossy().into_owned();
        let html = source(&dir);
        let r = spinsift::sift_html(&html);
        let src = r
            .source
            .as_deref()
            .expect("HTML results carry their source text");
        for b in &r.blocks {
            assert_eq!(&src[b.span.start..b.span.end], b.text, "{slug}");
            assert_eq!(&r.text[b.out.start..b.out.end], b.text, "{slug}");
        }
        for x in &r.removed {
            assert_eq!(&src[x.span.start..x.span.end], x.text, "{slug}");
        }
        if slug.contains("not-article") {
            assert!(!spinsift::is_probably_article(&html), "{slug}");
            continue;
        }
        assert!(spinsift::is_probably_article(&html), "{slug}");
        assert!(
            r.removed
                .iter()
                .any(|x| x.category == spinsift::Category::CookieBanner
                    && x.rule.starts_with("html:")),
            "{slug}: no consent wall reported"
        );
        let title = r.blocks.first().expect("blocks");
        assert_eq!(title.kind, spinsift::BlockKind::Title, "{slug}");
        assert_eq!(
            r.metadata.title.as_deref(),
            Some(title.text.as_str()),
            "{slug}"
        );
        // Every <p> of the body (the pages mark it) is kept, verbatim.
        let kept: Vec<&str> = r.blocks.iter().map(|b| b.text.as_str()).collect();
        for para in body_paragraphs(&html) {
            assert!(kept.contains(&para.as_str()), "{slug}: lost {para:?}");
        }
    }
}

/// The text of every plain `<p>` between the element marked `data-body` and
/// the comment `<!-- /body -->` (the pages mark their article body so this
/// test needs no parser of its own).
fn body_paragraphs(html: &str) -> Vec<String> {
    let start = html
        .find("data-body")
        .expect("page marks its body with data-body");
    let end = html[start..]
        .find("<!-- /body -->")
        .map_or(html.len(), |e| start + e);
    let region = &html[start..end];
    let mut out = Vec::new();
    let mut rest = region;
    while let Some(i) = rest.find("<p>") {
        let after = &rest[i + 3..];
        let j = after.find("</p>").unwrap_or(after.len());
        let text = after[..j].replace("&amp;", "&");
        if !text.contains('<') {
            out.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        rest = &after[j..];
    }
    out
}
