//! The properties the fuzz targets check, shared with `tests/fuzz_corpus.rs`,
//! which replays the kept corpora and crash reproducers under `cargo test`.
//! Each takes any bytes; a violated property panics.

use spinsift::spin::Analyzer;
use spinsift::spin::model::SpinModel;

/// Plain-text sifting: every kept block and every removal is a verbatim
/// slice of the input at its byte offsets, and UTF-16 offsets stay in range.
pub fn sift(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let r = spinsift::sift(&text);
    for b in &r.blocks {
        assert_eq!(text.get(b.span.start..b.span.end), Some(b.text.as_str()));
    }
    for x in &r.removed {
        assert!(text.get(x.span.start..x.span.end).is_some());
    }
    let units = text.encode_utf16().count();
    for b in &r.into_utf16(&text).blocks {
        assert!(b.span.start <= b.span.end && b.span.end <= units);
    }
}

/// HTML: any markup gives a result whose spans index the page text it
/// reports (`SiftResult::source`).
pub fn sift_html(data: &[u8]) {
    let html = String::from_utf8_lossy(data);
    let _ = spinsift::is_probably_article(&html);
    let r = spinsift::sift_html(&html);
    let source = r.source.as_deref().unwrap_or("");
    for b in &r.blocks {
        assert_eq!(source.get(b.span.start..b.span.end), Some(b.text.as_str()));
    }
    for x in &r.removed {
        assert!(source.get(x.span.start..x.span.end).is_some());
    }
}

/// Spin scoring: probabilities in [0, 1], sentence and cue spans inside the
/// text they index.
pub fn analyze(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let Ok(a) = spinsift::spin::analyze(&text) else {
        return;
    };
    assert!((0.0..=1.0).contains(&a.score), "score {}", a.score);
    let len = a.sift.source.as_deref().map_or(text.len(), str::len);
    for s in &a.sentences {
        assert!(s.span.start <= s.span.end && s.span.end <= len);
        assert!((0.0..=1.0).contains(&s.p), "p {}", s.p);
        for t in &s.techniques {
            for c in &t.cues {
                assert!(c.span.start <= c.span.end && c.span.end <= len);
            }
        }
    }
    let _ = a.into_utf16(&text);
}

/// Model loading: any bytes give a model or an error. The bytes are tried
/// as they are, then resealed (body length and hash recomputed), so that
/// mutations reach the body parser instead of all stopping at the checksum.
pub fn model(data: &[u8]) {
    load(data);
    if let Some(sealed) = reseal(data) {
        load(&sealed);
    }
}

fn load(data: &[u8]) {
    let Ok(model) = SpinModel::from_bytes(data) else {
        return;
    };
    let Ok(an) = Analyzer::new(model) else {
        return;
    };
    let a = an.analyze(
        "Les traîtres ont encore menti ! Tout le monde le sait, absolument tout le monde.",
    );
    assert!(a.score.is_finite());
}

fn reseal(data: &[u8]) -> Option<Vec<u8>> {
    let at = data.windows(6).position(|w| w == b"\nbody ")?;
    let nl = at + 1 + data.get(at + 1..)?.iter().position(|&b| b == b'\n')?;
    let body = data.get(nl + 1..)?;
    let header = std::str::from_utf8(data.get(..at)?).ok()?;
    let mut out = String::new();
    for line in header.lines().filter(|l| !l.starts_with("hash ")) {
        out.push_str(line);
        out.push('\n');
    }
    let hash = spinsift::spin::model::fnv64(body);
    out.push_str(&format!("hash {hash:016x}\nbody {}\n", body.len()));
    let mut v = out.into_bytes();
    v.extend_from_slice(body);
    Some(v)
}
