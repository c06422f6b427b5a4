//! Byte offsets (Rust) to UTF-16 code-unit offsets (JavaScript strings).

use crate::result::Span;

/// Converts byte offsets into `text` to UTF-16 offsets, in place, in one pass
/// over `text` (offsets are sorted first, so the cost is linear plus the sort).
/// Offsets must fall on char boundaries; ones past the end clamp to the end.
pub fn to_utf16(text: &str, offsets: &mut [&mut usize]) {
    crate::order::sort_by_key(offsets, |o| **o as u64);
    let mut units = 0usize;
    let mut chars = text.char_indices().peekable();
    for o in offsets.iter_mut() {
        while let Some(&(i, c)) = chars.peek() {
            if i >= **o {
                break;
            }
            units += c.len_utf16();
            chars.next();
        }
        **o = units;
    }
}

/// Converts a set of spans from bytes to UTF-16 units.
pub fn spans_to_utf16(text: &str, spans: &mut [&mut Span]) {
    let mut offs: Vec<&mut usize> = Vec::with_capacity(spans.len() * 2);
    for s in spans.iter_mut() {
        let Span { start, end } = &mut **s;
        offs.push(start);
        offs.push(end);
    }
    to_utf16(text, &mut offs);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_astral_and_accented_text() {
        let text = "é😀a«b»";
        // bytes: é=2, 😀=4, a=1, «=2, b=1, »=2 ; utf16: 1, 2, 1, 1, 1, 1
        let (mut a, mut b, mut c, mut d) = (0, 2, 6, 7);
        to_utf16(text, &mut [&mut c, &mut a, &mut d, &mut b]);
        assert_eq!((a, b, c, d), (0, 1, 3, 4));
        let mut end = text.len();
        to_utf16(text, &mut [&mut end]);
        assert_eq!(end, text.encode_utf16().count());
    }
}
