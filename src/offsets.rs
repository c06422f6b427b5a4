//! Byte offsets (Rust) to UTF-16 code-unit offsets (JavaScript strings).

use crate::result::Span;

/// Converts byte offsets into `text` to UTF-16 offsets, in place, in one pass
/// over `text` (offsets are sorted first, so the cost is linear plus the sort).
/// Offsets must fall on char boundaries; ones past the end clamp to the end.
pub fn to_utf16(text: &str, offsets: &mut [&mut usize]) {
    crate::order::sort_by_key(offsets, |o| **o as u64);
    let bytes = text.as_bytes();
    let (mut at, mut units) = (0usize, 0usize);
    for o in offsets.iter_mut() {
        let end = (**o).min(bytes.len());
        if let Some(run) = bytes.get(at..end) {
            units += utf16_len(run);
            at = end;
        }
        **o = units;
    }
}

/// UTF-16 length of whole UTF-8 characters, counted on bytes: every byte but
/// a continuation byte starts a character (one unit), and a four-byte lead
/// starts one outside the BMP (a second unit). Decoding characters with
/// `char_indices` instead was 7 % of sifting 1 MB in node (CPU profile).
fn utf16_len(run: &[u8]) -> usize {
    run.iter()
        .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum()
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

    #[test]
    fn agrees_with_encode_utf16_at_every_boundary() {
        let text = "Ça «marche» — 東京 😀𝄞 ok\u{200B}ё!";
        let mut offs: Vec<usize> = text.char_indices().map(|(i, _)| i).rev().collect();
        offs.push(text.len() + 3);
        let mut want: Vec<usize> = offs
            .iter()
            .map(|&o| text.get(..o).unwrap_or(text).encode_utf16().count())
            .collect();
        let mut refs: Vec<&mut usize> = offs.iter_mut().collect();
        to_utf16(text, &mut refs);
        want.sort_unstable();
        offs.sort_unstable();
        assert_eq!(offs, want);
    }
}
