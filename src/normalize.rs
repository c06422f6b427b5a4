//! Stage 2 — **normalize**: split the input into lines and build the folded
//! keys that every rule matches against.
//!
//! Content is never rewritten: a [`Line`] keeps the byte span of its trimmed
//! text in the original input, and the output copies that slice verbatim. Only
//! the *keys* are folded (lower case, no diacritics, punctuation as spaces) so
//! that `A NE PAS MANQUER`, `À ne pas manquer :` and `à ne pas  manquer` match one
//! phrase.

/// One non-blank line of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    /// The line without surrounding white space, BOM or zero-width characters.
    pub text: &'a str,
    /// Byte offset of `text` in the input.
    pub start: usize,
    /// True when a blank line (or the start of input) precedes this line.
    pub gap_before: bool,
}

impl Line<'_> {
    /// Byte offset just past `text` in the input.
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// Characters trimmed from line edges besides white space: the BOM and the
/// zero-width family scrapers leave behind.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{00AD}'
    )
}

/// Lower-case Latin-1 letters (à … ÿ, not ÷): alphabetic, lower case and
/// their own lower case, known without the Unicode tables — the bulk of
/// accented text in western languages, on the hot paths of sifting.
#[inline]
pub(crate) fn is_latin1_lower(c: char) -> bool {
    ('\u{e0}'..='\u{ff}').contains(&c) && c != '\u{f7}'
}

/// Dashes, quotation marks, bullets and ellipses (U+2010 … U+2027): neither
/// letters, digits, white space nor invisible, known without the Unicode
/// tables.
#[inline]
pub(crate) fn is_common_punct(c: char) -> bool {
    ('\u{2010}'..='\u{2027}').contains(&c)
}

fn is_trimmable(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Splits `input` into its non-blank lines, in order, joining the lines of
/// hard-wrapped paragraphs into one (see [`unwrap_paragraphs`]). Linear in
/// input size.
pub fn lines<'a>(input: &'a str) -> Vec<Line<'a>> {
    unwrap_paragraphs(input, physical_lines(input))
}

/// The wrap width of hard-wrapped text (mail, newsletters, plain-text
/// archives), or `None`. Text counts as wrapped when at least six lines of 20+
/// characters exist, the longest tenth of them is at most 100 characters,
/// and two thirds of them fall within 20 characters below that width — a
/// page of menus and one-line paragraphs never looks like that.
fn wrap_width(lines: &[Line<'_>]) -> Option<usize> {
    let mut lens: Vec<usize> = lines
        .iter()
        .map(|l| l.text.chars().count())
        .filter(|&n| n >= 20)
        .collect();
    if lens.len() < 6 {
        return None;
    }
    lens.sort_unstable();
    let width = *lens.get(lens.len() * 9 / 10)?;
    let near = lens
        .iter()
        .filter(|&&n| n + 20 >= width && n <= width + 2)
        .count();
    (width <= 100 && near * 3 >= lens.len() * 2).then_some(width)
}

/// Joins the lines of hard-wrapped paragraphs, so that a paragraph is one
/// unit for the rules and one block in the output, its text still the verbatim
/// slice of the input (inner line breaks included). A line continues the one
/// before when no blank line separates them, the one before reaches near the
/// wrap width, and neither is a list item.
fn unwrap_paragraphs<'a>(input: &'a str, lines: Vec<Line<'a>>) -> Vec<Line<'a>> {
    let Some(width) = wrap_width(&lines) else {
        return lines;
    };
    let bullet = |t: &str| t.starts_with(['-', '•', '*', '–', '·', '>']);
    let mut out: Vec<Line<'a>> = Vec::with_capacity(lines.len());
    let mut last_len = 0usize;
    for line in lines {
        let len = line.text.chars().count();
        if let Some(prev) = out.last_mut() {
            if !line.gap_before
                && last_len + 20 >= width
                && !bullet(line.text)
                && !bullet(prev.text)
            {
                prev.text = &input[prev.start..line.end()];
                last_len = len;
                continue;
            }
        }
        last_len = len;
        out.push(line);
    }
    out
}

/// The first bytes of the line breaks [`physical_lines`] knows.
// In range: `b` < 256, the table's length.
#[allow(clippy::indexing_slicing)]
const BREAK_START: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = matches!(b, 0x0A..=0x0D | 0xC2 | 0xE2);
        b += 1;
    }
    t
};

/// Splits `input` into its non-blank physical lines, in order.
pub(crate) fn physical_lines<'a>(input: &'a str) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    let mut gap = true;
    let mut line_start = 0;
    let push = |s: usize, e: usize, gap: &mut bool, out: &mut Vec<Line<'a>>| {
        let raw = &input[s..e];
        let lead = raw.len() - raw.trim_start_matches(is_trimmable).len();
        let text = raw.trim_matches(is_trimmable);
        if text.is_empty() {
            *gap = true;
        } else {
            out.push(Line {
                text,
                start: s + lead,
                gap_before: *gap,
            });
            *gap = false;
        }
    };
    // Bytes, not chars: the breaks are \n \r \x0B \x0C, U+0085 (C2 85) and
    // U+2028/9 (E2 80 A8/A9), and decoding every character to find them was
    // a twentieth of sifting.
    let b = input.as_bytes();
    let mut i = 0;
    // Skip to the next byte a break can start with: one table lookup per
    // byte instead of the comparisons of the match below.
    let next_break = |from: usize| {
        b.get(from..)?
            .iter()
            .position(|&c| BREAK_START.get(usize::from(c)) == Some(&true))
            .map(|skip| from + skip)
    };
    while let Some(at_break) = next_break(i) {
        i = at_break;
        let Some(&c) = b.get(i) else { break };
        let at = |k: usize| b.get(i + k).copied();
        let len = match c {
            b'\n' | 0x0B | 0x0C => 1,
            b'\r' if at(1) == Some(b'\n') => 2,
            b'\r' => 1,
            0xC2 if at(1) == Some(0x85) => 2,
            0xE2 if at(1) == Some(0x80) && matches!(at(2), Some(0xA8 | 0xA9)) => 3,
            _ => {
                i += 1;
                continue;
            }
        };
        push(line_start, i, &mut gap, &mut out);
        i += len;
        line_start = i;
    }
    push(line_start, input.len(), &mut gap, &mut out);
    out
}

/// A folded matching key for a piece of text, with a map back to it.
#[derive(Debug, Clone, Default)]
pub struct Key {
    /// Lower case, diacritics removed, every run of non-alphanumerics one space,
    /// no leading or trailing space.
    pub key: String,
    /// For each word of `key`: the byte range in the source text it came
    /// from, and where it starts in `key` (one entry per word, not per
    /// byte: keys of a 50 MB input stay small).
    spans: Vec<(u32, u32, u32)>,
}

impl Key {
    /// Number of words (space-separated runs) in the key.
    pub fn words(&self) -> usize {
        self.spans.len()
    }

    /// The words of `key`, as `key.split(' ')` gives them for a non-empty
    /// key (none for an empty one), without scanning it: lines are split
    /// into words by several rules, and scanning was a tenth of sifting.
    pub fn word_iter(&self) -> impl Iterator<Item = &str> + '_ {
        self.word_ranges()
            .map(|(a, b)| self.key.get(a..b).unwrap_or_default())
    }

    /// Byte range of each word in `key`.
    pub(crate) fn word_ranges(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let starts = self.spans.iter().map(|s| s.2 as usize);
        let ends = self
            .spans
            .iter()
            .skip(1)
            .map(|s| (s.2 as usize).saturating_sub(1))
            .chain(std::iter::once(self.key.len()));
        starts.zip(ends)
    }

    /// Index of the word that key byte `at` falls in (a space counts with
    /// the word before it).
    fn word_at(&self, at: usize) -> usize {
        self.spans
            .partition_point(|s| s.2 as usize <= at)
            .saturating_sub(1)
    }

    /// Source offset where the word containing key byte `at` starts.
    pub fn source_start(&self, at: usize) -> usize {
        self.spans.get(self.word_at(at)).map_or(0, |s| s.0 as usize)
    }

    /// Source offset just past the word containing key byte `at`.
    pub fn source_end(&self, at: usize) -> usize {
        self.spans.get(self.word_at(at)).map_or(0, |s| s.1 as usize)
    }
}

/// Folds `text` into a [`Key`].
pub fn key(text: &str) -> Key {
    // Built as bytes: an ASCII run is then lower-cased as it is copied, in
    // one pass instead of a copy and a second pass (a tenth of folding).
    let mut k = KeyBuf {
        key: Vec::with_capacity(text.len()),
        // About one word per six bytes of prose: most lines then never
        // reallocate (growing from empty cost 4 % of sifting). Capped, so
        // that a long line without spaces (CJK, garbage) reserves little.
        spans: Vec::with_capacity((text.len() / 6 + 1).min(4096)),
        in_word: false,
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if !b.is_ascii_alphanumeric() {
                // Punctuation and apostrophes separate words: "l'armée" →
                // "l armee", which is how the phrase files are folded too.
                k.in_word = false;
                i += 1;
                continue;
            }
            // Fast path, most text being ASCII: a run of letters and digits
            // is lower-cased as it is copied, a table lookup per byte.
            // The word is opened (or continued) before the run's end is
            // known, so that its separating space precedes the copied bytes.
            k.extend_word(i, i + 1);
            let mut end = i;
            while let Some(&f) = bytes.get(end).and_then(|&c| ASCII_FOLD.get(usize::from(c))) {
                if f == 0 {
                    break;
                }
                k.key.push(f);
                end += 1;
            }
            if let Some(last) = k.spans.last_mut() {
                last.1 = end as u32;
            }
            i = end;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        let end = i + c.len_utf8();
        if is_common_punct(c) {
            k.in_word = false;
        } else if is_latin1_lower(c) {
            k.extend_word(i, end);
            k.push(strip_diacritic(c));
        } else if c.is_alphanumeric() {
            k.extend_word(i, end);
            for l in c.to_lowercase() {
                k.push(strip_diacritic(l));
            }
        } else if !is_invisible(c) {
            k.in_word = false;
        }
        i = end;
    }
    Key {
        // Only whole characters were pushed: the conversion cannot fail.
        key: String::from_utf8(k.key).unwrap_or_default(),
        spans: k.spans,
    }
}

/// ASCII letters and digits, lower-cased; 0 for every other byte.
// In range: `b` < 128 < 256, the table's length.
#[allow(clippy::indexing_slicing)]
const ASCII_FOLD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            t[b] = (b as u8).to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// A [`Key`] being built.
struct KeyBuf {
    key: Vec<u8>,
    spans: Vec<(u32, u32, u32)>,
    in_word: bool,
}

impl KeyBuf {
    /// Source bytes `start..end` continue the current word, or open one.
    fn extend_word(&mut self, start: usize, end: usize) {
        if self.in_word {
            if let Some(last) = self.spans.last_mut() {
                last.1 = end as u32;
            }
        } else {
            if !self.key.is_empty() {
                self.key.push(b' ');
            }
            self.spans
                .push((start as u32, end as u32, self.key.len() as u32));
            self.in_word = true;
        }
    }

    fn push(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.key
            .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
}

/// Folds one phrase from a data file the same way lines are folded.
pub fn fold(text: &str) -> String {
    key(text).key
}

/// Maps common Latin letters with diacritics to their base letter, so phrase
/// files need not list every spelling (`à ne pas manquer` / `A NE PAS MANQUER`).
pub(crate) fn strip_diacritic(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ą' | 'ā' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ę' | 'ē' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => 'u',
        'ý' | 'ÿ' => 'y',
        'ł' => 'l',
        'ś' | 'š' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ř' => 'r',
        'ё' => 'е',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_free_ranges_are_what_the_tables_say() {
        for c in (0..=0x2fff_u32).filter_map(char::from_u32) {
            if is_latin1_lower(c) {
                assert!(
                    c.is_alphabetic() && c.is_lowercase() && !c.is_uppercase(),
                    "{c:?}"
                );
                assert!(!c.is_numeric() && !c.is_whitespace(), "{c:?}");
                assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "{c:?}");
            }
            if is_common_punct(c) {
                assert!(!c.is_alphanumeric() && !c.is_whitespace(), "{c:?}");
                assert!(!is_invisible(c) && !c.is_uppercase(), "{c:?}");
                assert!(!matches!(c, '»' | '›' | '©'), "{c:?}");
            }
        }
    }

    #[test]
    fn word_iter_and_word_at_follow_the_key() {
        for t in [
            "",
            "ok",
            "L'armée a dit « non » — 12 fois…",
            "  a  b  ",
            "Ça, c'est ÉTÉ",
        ] {
            let k = key(t);
            let want: Vec<&str> = if k.key.is_empty() {
                vec![]
            } else {
                k.key.split(' ').collect()
            };
            assert_eq!(k.word_iter().collect::<Vec<_>>(), want, "{t:?}");
            for at in 0..=k.key.len() + 1 {
                let spaces = k.key.bytes().take(at).filter(|&b| b == b' ').count();
                assert_eq!(k.word_at(at), spaces, "{t:?} at {at}");
            }
        }
    }

    #[test]
    fn physical_lines_break_where_unicode_says() {
        let text = "a\nb\r\nc\rd\u{0B}e\u{0C}f\u{85}g\u{2028}h\u{2029}i \u{2027}é\r\n\r\nj";
        let lines: Vec<(&str, bool)> = physical_lines(text)
            .iter()
            .map(|l| (l.text, l.gap_before))
            .collect();
        let want: Vec<(&str, bool)> = "abcdefgh"
            .split("")
            .filter(|s| !s.is_empty())
            .map(|s| (s, s == "a"))
            .chain([("i \u{2027}é", false), ("j", true)])
            .collect();
        assert_eq!(lines, want);
        for l in physical_lines(text) {
            assert_eq!(&text[l.start..l.start + l.text.len()], l.text);
        }
    }

    #[test]
    fn splits_every_newline_style_and_keeps_spans() {
        let input = "\u{FEFF}Title\r\n\r\nPara\u{00A0}one \rtwo\u{2028}\u{200B}three\u{200B}\n";
        let ls = lines(input);
        let texts: Vec<_> = ls.iter().map(|l| l.text).collect();
        assert_eq!(texts, ["Title", "Para\u{00A0}one", "two", "three"]);
        for l in &ls {
            assert_eq!(&input[l.start..l.end()], l.text);
        }
        assert!(ls[0].gap_before && ls[1].gap_before && !ls[2].gap_before);
    }

    #[test]
    fn hard_wrapped_paragraphs_become_one_line_verbatim() {
        let para = "The council voted on Tuesday to close the old bridge over the river,\r\nciting safety reports that engineers had delivered the week before, and\r\nthe mayor said repairs would take at least two years to complete.";
        let input = format!(
            "Bridge closed\r\n\r\n{para}\r\n\r\n{para}\r\n\r\n- a list item that is\r\n- another list item here\r\nShare this article"
        );
        let ls = lines(&input);
        let texts: Vec<_> = ls.iter().map(|l| l.text).collect();
        assert_eq!(
            texts,
            [
                "Bridge closed",
                para,
                para,
                "- a list item that is",
                "- another list item here",
                "Share this article"
            ]
        );
        for l in &ls {
            assert_eq!(&input[l.start..l.end()], l.text);
        }
        // One-line paragraphs and menus are never joined.
        let page = "Home\nNews\nA paragraph that is long enough to count as one of the lines here.\nSports\nWeather";
        assert_eq!(lines(page).len(), 5);
    }

    #[test]
    fn empty_and_blank_inputs_have_no_lines() {
        assert!(lines("").is_empty());
        assert!(lines(" \n\r\n\u{00A0}\u{200B}\n").is_empty());
    }

    #[test]
    fn keys_fold_case_diacritics_and_punctuation() {
        assert_eq!(fold("À NE PAS MANQUER :"), "a ne pas manquer");
        assert_eq!(fold("Lire aussi »"), "lire aussi");
        assert_eq!(fold("L’armée d'Ukraine"), "l armee d ukraine");
        assert_eq!(fold("Zobacz także: Łódź"), "zobacz takze lodz");
        let k = key("« Ce site »");
        assert_eq!(k.key, "ce site");
        assert_eq!(k.source_start(0), 3); // "Ce" starts after "« " (2 + 1 bytes)
        assert_eq!(k.source_end(4), 10); // "site" is bytes 6..10, before " »"
        assert_eq!(k.words(), 2);
    }
}
