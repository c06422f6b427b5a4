//! HTML input: hostile and odd pages give a result, never a panic or a hang;
//! invisible content stays out; the CLI decodes declared charsets.

use std::process::Command;

fn spans_ok(r: &spinsift::SiftResult) {
    let src = r.source.as_deref().unwrap_or("");
    for b in &r.blocks {
        assert_eq!(&src[b.span.start..b.span.end], b.text);
    }
    for x in &r.removed {
        assert_eq!(&src[x.span.start..x.span.end], x.text);
    }
}

const BODY: &str = "<p>The council voted on Tuesday to close the old bridge, citing safety reports from its engineers and a survey of the piers.</p>";

#[test]
fn malformed_markup_recovers() {
    for html in [
        "",
        "<",
        "<<<>>>",
        "</div></div></p>",
        "<p>unclosed <b>bold <i>both</b> italic",
        "<table><p>misplaced</p><td>cell</table>",
        "<div class=\"x\" id='y' data-z=w =broken attr>text",
        "<!-- never closed comment <p>hidden",
        "<![CDATA[ x ]]><?php echo 1; ?>",
        "&amp; &notanentity; &#x110000; &#0; &#55296;",
        "<html><body><html><body>twice</body></html>",
    ] {
        let r = spinsift::sift_html(html);
        spans_ok(&r);
        let _ = spinsift::is_probably_article(html);
    }
    let r = spinsift::sift_html(&format!("<div><span>{BODY}"));
    assert!(r.text.contains("citing safety reports"), "{:?}", r.text);
}

#[test]
fn binary_garbage_and_nul_bytes() {
    let garbage: String = (0u32..50_000)
        .filter_map(|i| char::from_u32((i.wrapping_mul(2_654_435_761)) % 0x11_0000))
        .collect();
    spans_ok(&spinsift::sift_html(&garbage));
    let with_nul = format!("<p>a\0b</p>{BODY}\0");
    let r = spinsift::sift_html(&with_nul);
    spans_ok(&r);
    assert!(r.text.contains("old bridge"));
}

#[test]
fn invisible_content_stays_out() {
    let html = format!(
        "<html><head><title>T</title><style>p {{ color: red }} .secret {{}}</style></head><body>\
         <script>document.write('script text')</script>\
         <template><p>template text that is long enough to be a paragraph of prose, really.</p></template>\
         <svg><text>svg text</text><title>svg title</title></svg>\
         <math><mi>math text</mi></math>\
         <iframe src=x>iframe text</iframe>\
         <div hidden><p>hidden text that is long enough to be a paragraph of prose, really.</p></div>\
         <div style=\"display: none\">display none text</div>\
         <div aria-hidden=\"true\">aria hidden text</div>\
         <noscript><p>Noscript prose is shown when scripts are off, as the article sometimes is.</p></noscript>\
         {BODY}</body></html>"
    );
    let r = spinsift::sift_html(&html);
    let src = r.source.clone().unwrap_or_default();
    for hidden in [
        "color: red",
        "script text",
        "template text",
        "svg text",
        "svg title",
        "math text",
        "iframe text",
        "hidden text",
        "display none",
        "aria hidden",
    ] {
        assert!(!src.contains(hidden), "{hidden:?} leaked into {src:?}");
    }
    assert!(src.contains("Noscript prose"));
    assert!(r.text.contains("old bridge"));
}

#[test]
fn frames_and_framesets_give_an_empty_result() {
    let r = spinsift::sift_html(
        "<html><frameset cols=\"50%,50%\"><frame src=a.html><frame src=b.html></frameset></html>",
    );
    assert!(r.text.is_empty());
    assert!(!spinsift::is_probably_article(
        "<frameset><frame src=a></frameset>"
    ));
}

#[test]
fn deep_nesting_is_linear_and_keeps_the_text() {
    // 100,000 nested elements of several kinds; the text at the bottom survives.
    for open in [
        "<div>",
        "<section><span>",
        "<b>",
        "<table><tr><td>",
        "<a href=x>",
        "<ul><li>",
    ] {
        let html = open.repeat(100_000 / open.matches('<').count()) + BODY;
        let r = spinsift::sift_html(&html);
        spans_ok(&r);
        assert!(
            r.source.as_deref().unwrap_or("").contains("old bridge"),
            "{open}"
        );
    }
}

#[test]
fn twenty_megabyte_page() {
    let para = format!("<div class=\"c\">{BODY}<a href=\"/x\">More</a></div>\n");
    let html = format!(
        "<html><body><h1>Big page</h1>{}</body></html>",
        para.repeat((20 * 1024 * 1024usize).div_ceil(para.len()))
    );
    assert!(html.len() >= 20 * 1024 * 1024);
    let r = spinsift::sift_html(&html);
    spans_ok(&r);
    assert!(r.text.contains("old bridge"));
    // Repeats of one paragraph are reported as duplicates, once each.
    assert!(
        r.removed
            .iter()
            .any(|x| x.category == spinsift::Category::Duplicate)
    );
    // Above the input limit: an empty result, not an allocation storm.
    let huge = "x".repeat(spinsift::input::MAX_INPUT_BYTES + 1);
    assert!(spinsift::sift_html(&huge).text.is_empty());
}

#[test]
fn non_ascii_offsets_in_the_page_text() {
    let html = "<html><body><h1>Ça déménage 🚚</h1><p>Ünïcödé everywhere: the council voted 🗳 on Tuesday to close the old bridge, citing safety reports.</p></body></html>";
    let r = spinsift::sift_html(html);
    spans_ok(&r);
    let u = r.clone().into_utf16(html);
    let src16: Vec<u16> = r.source.as_deref().unwrap().encode_utf16().collect();
    for b in &u.blocks {
        let t: Vec<u16> = b.text.encode_utf16().collect();
        assert_eq!(&src16[b.span.start..b.span.end], &t[..]);
    }
}

/// A template's `lang="en"` on a German article: the article's own text
/// decides when it is long enough; a short one keeps the declared language.
#[test]
fn article_text_outweighs_a_template_language() {
    let german = "<p>Der Gemeinderat hat am Dienstag beschlossen, die alte Brücke über den Fluss zu schließen, weil die Ingenieure in ihren Berichten vor Rissen in den Pfeilern gewarnt hatten.</p><p>Die Sanierung soll im Frühjahr beginnen und nach Angaben der Stadt etwa zwei Jahre dauern; bis dahin fahren die Busse über die neue Umleitung im Norden der Stadt, und Fußgänger nutzen eine provisorische Fähre.</p><p>Die Anwohner hatten seit Jahren auf eine Entscheidung gedrängt und begrüßen den Beschluss, auch wenn die Umwege für viele Pendler länger werden.</p>";
    let page = |lang: &str, body: &str| {
        format!(
            "<html lang=\"{lang}\"><head><title>Brücke</title></head><body><article><h1>Brücke gesperrt</h1>{body}</article></body></html>"
        )
    };
    let r = spinsift::sift_html(&page("en", german));
    assert_eq!(r.metadata.lang.as_deref(), Some("de"));
    let r = spinsift::sift_html(&page("de", german));
    assert_eq!(r.metadata.lang.as_deref(), Some("de"));
    // Too little text to overrule the page.
    let r = spinsift::sift_html(&page("de", BODY));
    assert_eq!(r.metadata.lang.as_deref(), Some("de"));
}

#[test]
fn analyze_takes_a_page() {
    let html = format!(
        "<!DOCTYPE html><html lang=en><head><title>Bridge</title></head><body><nav><a href=/>Home</a></nav>\
         <h1>Bridge closes</h1>{}</body></html>",
        BODY.repeat(3)
            .replace("Tuesday", "Tuesday, shockingly and disgracefully,")
    );
    let a = spinsift::spin::analyze(&html).unwrap();
    let src = a.sift.source.as_deref().expect("page text");
    for s in &a.sentences {
        assert!(src.get(s.span.start..s.span.end).is_some());
    }
    assert!(!a.sentences.is_empty());
    assert!(a.sift.removed.iter().any(|x| x.text == "Home"));
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_spinsift"))
}

#[test]
fn cli_reads_declared_charsets_and_formats() {
    let dir = std::env::temp_dir().join(format!("spinsift-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("latin1.html");
    let mut bytes = b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title></head><body><h1>Caf\xe9 ouvert</h1><p>Le caf\xe9 de la place rouvre apr\xe8s trois mois de travaux, avec une terrasse agrandie et des horaires \xe9largis.</p><ul><li>Lundi \x96 vendredi</li></ul></body></html>".to_vec();
    bytes.extend_from_slice(b"\n");
    std::fs::write(&page, &bytes).unwrap();
    let out = bin()
        .args(["sift", "--format", "markdown"])
        .arg(&page)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("# Café ouvert"), "{md}");
    assert!(md.contains("rouvre après trois mois"), "{md}");
    assert!(md.contains("- Lundi – vendredi"), "{md}");

    // --text forces plain text: the markup is then just text.
    let out = bin()
        .args(["sift", "--text", "--format", "json"])
        .arg(&page)
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "windows-1252 bytes as text must be refused"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("UTF-8"));

    // --explain shows a decision per block.
    let out = bin()
        .args(["sift", "--explain"])
        .arg(&page)
        .output()
        .unwrap();
    let explain = String::from_utf8(out.stdout).unwrap();
    assert!(
        explain.contains("headline") && explain.contains("candidate"),
        "{explain}"
    );

    // Batch mode takes {"id", "html"} lines.
    let lines = format!(
        "{}\n{}\n",
        serde_json::json!({"id": 1, "html": format!("<body><h1>One</h1>{BODY}</body>")}),
        serde_json::json!({"id": 2, "text": "Just text.\n\nAnother paragraph of text here."})
    );
    let jsonl = dir.join("pages.jsonl");
    std::fs::write(&jsonl, lines).unwrap();
    let out = bin()
        .args(["sift", "--jsonl", "--timings"])
        .arg(&jsonl)
        .output()
        .unwrap();
    let rows: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2);
    assert!(rows[0]["text"].as_str().unwrap().contains("old bridge"));
    assert!(rows[0]["ms"].as_f64().unwrap() >= 0.0);
    std::fs::remove_dir_all(&dir).ok();
}

/// The page names no title (its `<title>` is the wiki path): the `<h1>` is
/// the title, and the short opening paragraph under it stays in the body.
#[test]
fn a_heading_is_the_title_before_a_short_first_paragraph() {
    let html = "<html><head><title>Guide/Download - Wiki</title></head><body>\
        <h1>Downloading the tool</h1>\
        <p>Before you start, you will need the tool on your computer.</p>\
        <p>Check whether you already have an up to date version installed by entering its name in a command line window, and read what it prints before going on.</p>\
        <p>If you need to install it, you may as well download the most recent stable version, which is the one with the highest number that is not marked as a preview.</p>\
        </body></html>";
    let r = spinsift::sift_html(html);
    let kinds: Vec<(spinsift::BlockKind, &str)> =
        r.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
    assert_eq!(
        kinds[0],
        (spinsift::BlockKind::Title, "Downloading the tool")
    );
    assert_eq!(
        kinds[1],
        (
            spinsift::BlockKind::Paragraph,
            "Before you start, you will need the tool on your computer."
        )
    );
}

/// Live commentary is the article, though its entries are "comments".
#[test]
fn live_match_commentary_is_content() {
    let entries: String = (0..6)
        .map(|i| {
            format!(
                "<div class=\"live-match-comment\"><span class=\"live-match-comment-time\">{}'</span>\
                 <p class=\"live-match-comment-body\">Minute {i}: the home side press high again and win a corner, but the header from the edge of the box goes just wide of the far post.</p></div>",
                80 + i
            )
        })
        .collect();
    let html = format!(
        "<html><head><title>Live: Lorient - Lyon</title></head><body><nav><a href=/>Home</a></nav>\
         <main><h1>Lorient - Lyon, live</h1>{entries}</main>\
         <div class=\"comments\"><p>Reader comment: what a boring match this was, honestly, I left at half time.</p></div></body></html>"
    );
    let r = spinsift::sift_html(&html);
    let kept = r
        .blocks
        .iter()
        .filter(|b| b.text.starts_with("Minute "))
        .count();
    assert_eq!(kept, 6, "{:#?}", r.blocks);
    assert!(
        r.removed
            .iter()
            .any(|x| x.text.starts_with("Reader comment"))
    );
}

/// Short class prefixes of consent platforms are not taken alone: Joomla's
/// `sp-column` and AEM's `cmp-text` hold articles; Sourcepoint's
/// `sp_message_container` is still a consent banner.
#[test]
fn framework_classes_are_not_consent_banners() {
    let para = "<p>The council voted on Tuesday to close the old bridge, citing safety reports from engineers who had found cracks in two of its piers last spring.</p>";
    let html = format!(
        "<html><head><title>Bridge</title></head><body>\
         <div class=\"sp-column\"><div class=\"cmp-text\">{para}{para}</div></div>\
         <div id=\"sp_message_container_123\"><p>We and our partners use cookies to personalise ads. Accept all or manage your choices.</p></div>\
         </body></html>"
    );
    let r = spinsift::sift_html(&html);
    assert!(
        r.blocks
            .iter()
            .any(|b| b.text.starts_with("The council voted")),
        "{:#?}",
        r
    );
    assert!(
        r.removed
            .iter()
            .any(|x| x.category == spinsift::Category::CookieBanner
                && x.text.starts_with("We and our partners"))
    );
}

/// A heading's id is an anchor made from its text, not a hint: "Share
/// prices fall" stays though `share*` marks share bars.
#[test]
fn heading_ids_are_anchors_not_hints() {
    let para = "<p>The council voted on Tuesday to close the old bridge, citing safety reports from engineers who had found cracks in two of its piers last spring.</p>";
    let html = format!(
        "<html><head><title>Markets</title></head><body><article><h1>Markets today</h1>{para}\
         <h2 id=\"share-prices-fall\">Share prices fall after the vote</h2>{para}</article></body></html>"
    );
    let r = spinsift::sift_html(&html);
    assert!(
        r.blocks
            .iter()
            .any(|b| b.text == "Share prices fall after the vote"),
        "{:#?}",
        r.removed
    );
}
