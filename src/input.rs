//! Stage 1 — **input**: turn what the caller hands us into a `&str` we can trust.
//!
//! The CLI reads bytes; invalid UTF-8 is reported with the byte offset of the
//! first bad sequence instead of being replaced silently, because a scraper that
//! produced Latin-1 should be told so rather than get mojibake back.

use crate::Error;

/// Upper bound on accepted input, in bytes. Larger inputs are refused with
/// [`Error::TooLarge`] rather than tying up a browser tab.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Decodes `bytes` as UTF-8, dropping a leading byte-order mark.
///
/// # Errors
/// [`Error::InvalidUtf8`] with the offset of the first invalid byte, or
/// [`Error::TooLarge`] above [`MAX_INPUT_BYTES`].
pub fn decode(bytes: &[u8]) -> Result<&str, Error> {
    check_size(bytes.len())?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        offset: e.valid_up_to(),
    })
}

/// Refuses inputs above [`MAX_INPUT_BYTES`].
///
/// # Errors
/// [`Error::TooLarge`] when `len` exceeds the limit.
pub fn check_size(len: usize) -> Result<(), Error> {
    if len > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            len,
            max: MAX_INPUT_BYTES,
        });
    }
    Ok(())
}

/// Whether `text` is an HTML page rather than article text: it opens (after
/// white space and comments) with a doctype, `<html>`, `<head>` or `<body>`.
/// A fragment such as `<p>…</p>` is not taken for a page.
pub fn looks_like_html(text: &str) -> bool {
    let mut t = text.trim_start_matches(['\u{feff}', ' ', '\t', '\n', '\r']);
    // Comments and an XML declaration may come first; look a few deep only.
    for _ in 0..8 {
        if let Some(rest) = t.strip_prefix("<!--") {
            t = rest.split_once("-->").map_or("", |(_, r)| r).trim_start();
        } else if let Some(rest) = t.strip_prefix("<?") {
            t = rest.split_once("?>").map_or("", |(_, r)| r).trim_start();
        } else {
            break;
        }
    }
    let head: String = t.chars().take(14).collect::<String>().to_ascii_lowercase();
    ["<!doctype html", "<html", "<head", "<body"]
        .iter()
        .any(|p| head.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_pages_from_text() {
        assert!(looks_like_html("<!DOCTYPE html><p>x"));
        assert!(looks_like_html("\n <!-- saved --> <html lang=fr>"));
        assert!(looks_like_html("<?xml version=\"1.0\"?>\n<html>"));
        assert!(!looks_like_html("<p>Just a fragment</p>"));
        assert!(!looks_like_html("Home » World\n\nBig news"));
        assert!(!looks_like_html(""));
    }

    #[test]
    fn strips_bom_and_reports_bad_bytes() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap(), "abc");
        assert_eq!(
            decode(b"ab\xFFc").unwrap_err(),
            Error::InvalidUtf8 { offset: 2 }
        );
        assert_eq!(decode(b"").unwrap(), "");
    }
}
