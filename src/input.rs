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

#[cfg(test)]
mod tests {
    use super::*;

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
