//! Stage 4 — **segment**: sentences and word tokens, by Unicode rules
//! (UAX #29 through `unicode-segmentation`), with the few repairs news text
//! needs: abbreviations and initials do not end a sentence, and French/Italian
//! elisions (`l'homme`, `dell'Europa`) split into two words.

use crate::Span;
use unicode_segmentation::UnicodeSegmentation;

/// Words after which a full stop rarely ends a sentence (folded, no dot).
const ABBREVIATIONS: [&str; 34] = [
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "vs", "etc", "no", "nr", "art", "gen",
    "col", "lt", "sgt", "gov", "sen", "rep", "mme", "mlle", "mgr", "hr", "fr", "dott", "sig",
    "ing", "avv", "dz", "ul", "tzn", "np", "im",
];

/// Sentences of `text` as byte spans, trimmed of surrounding white space; never
/// empty, in order, not overlapping.
pub fn sentences(text: &str) -> Vec<Span> {
    if is_one_sentence(text) {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Vec::new();
        }
        let lead = text.len() - text.trim_start().len();
        return vec![Span {
            start: lead,
            end: lead + trimmed.len(),
        }];
    }
    uax29_sentences(text)
}

/// True when UAX #29 can find no sentence boundary inside `text`: no
/// terminator or paragraph separator, except a final run of terminators,
/// closing quotes or brackets, and spaces. A third of an article's blocks
/// (headings, short paragraphs, list items) are one sentence, and this
/// check costs a fraction of running the segmenter. Characters outside the
/// few ranges known here send the text to the segmenter.
fn is_one_sentence(text: &str) -> bool {
    let mut chars = text.chars();
    // The body: characters that are never a terminator nor a separator
    // (tested against the segmenter below).
    let first_other = loop {
        match chars.next() {
            None => return true,
            Some(c) if is_plain(c) => {}
            Some(c) => break c,
        }
    };
    // The tail: terminators, then closing marks, then spaces.
    let mut tail = std::iter::once(first_other).chain(chars).peekable();
    let mut terminators = 0;
    while tail.next_if(|c| matches!(c, '.' | '!' | '?')).is_some() {
        terminators += 1;
    }
    while tail
        .next_if(|c| matches!(c, '"' | '\'' | ')' | ']' | '»' | '”' | '’'))
        .is_some()
    {}
    while tail.next_if(|c| matches!(c, ' ' | '\u{a0}')).is_some() {}
    terminators > 0 && tail.next().is_none()
}

/// Letters, digits and punctuation of the Latin and Cyrillic ranges that
/// are neither sentence terminators nor separators in UAX #29.
fn is_plain(c: char) -> bool {
    match c {
        ' '..='~' => !matches!(c, '.' | '!' | '?'),
        '\t' => true,
        '\u{a0}'..='\u{36f}' | '\u{400}'..='\u{4ff}' => true,
        '\u{2010}'..='\u{2027}' => c != '\u{2024}',
        _ => false,
    }
}

/// [`sentences`] by the segmenter itself.
fn uax29_sentences(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut glue = false;
    for (start, s) in text.split_sentence_bound_indices() {
        let trimmed = s.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = s.len() - s.trim_start().len();
        let span = Span {
            start: start + lead,
            end: start + lead + trimmed.len(),
        };
        match out.last_mut() {
            Some(last) if glue => last.end = span.end,
            _ => out.push(span),
        }
        glue = ends_with_abbreviation(trimmed);
    }
    out
}

/// True when `s` ends with an initial (`J.`), an abbreviation (`Dr.`) or a
/// number followed by a dot in a date (`16.`), where the dot is no full stop.
fn ends_with_abbreviation(s: &str) -> bool {
    let Some(body) = s.strip_suffix('.') else {
        return false;
    };
    let last = body
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let n = last.chars().count();
    if n == 0 {
        return false;
    }
    if n == 1 && last.chars().all(char::is_uppercase) {
        return true;
    }
    if last.chars().all(|c| c.is_ascii_digit()) && n <= 2 {
        return true;
    }
    let lower = last.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Word tokens of `text` (letters or digits), as byte spans offset by `base`.
/// Apostrophes inside a word split it (`l'homme` → `l`, `homme`), so elided
/// articles and the word they precede become separate tokens.
pub fn tokens(text: &str, base: usize, out: &mut Vec<Span>) {
    words(text, &mut |start, w| {
        let mut from = 0;
        for (i, c) in w.char_indices() {
            if c == '\'' || c == '\u{2019}' {
                if i > from {
                    out.push(Span {
                        start: base + start + from,
                        end: base + start + i,
                    });
                }
                from = i + c.len_utf8();
            }
        }
        if from < w.len() {
            out.push(Span {
                start: base + start + from,
                end: base + start + w.len(),
            });
        }
    });
}

/// The words of `text` (UAX #29 word segments holding a letter or digit),
/// line by line: UAX #29 always breaks around line breaks, so lines are
/// segmented apart. A line made of the characters [`word_class`] knows is
/// segmented here, in one pass; any other goes to the segmenter, whose
/// table lookups cost several times more per character.
fn words<'t>(text: &'t str, f: &mut impl FnMut(usize, &'t str)) {
    let mut classes: Vec<(usize, Wb)> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        classes.clear();
        let known = line.char_indices().try_for_each(|(i, c)| {
            classes.push((i, word_class(c)?));
            Some(())
        });
        if known.is_none() {
            for (start, w) in line.unicode_word_indices() {
                f(at + start, w);
            }
        } else {
            let end_of = |k: usize| classes.get(k).map_or(line.len(), |c| c.0);
            let is = |k: usize, set: &[Wb]| classes.get(k).is_some_and(|c| set.contains(&c.1));
            let core = [Wb::Letter, Wb::Numeric, Wb::ExtendNumLet];
            let mut k = 0;
            while k < classes.len() {
                if !is(k, &core) {
                    k += 1;
                    continue;
                }
                let (first, mut last) = (k, k);
                loop {
                    if is(last + 1, &core) {
                        // WB5, WB8–WB10, WB13a, WB13b.
                        last += 1;
                    } else if (is(last, &[Wb::Letter])
                        && is(last + 1, &[Wb::MidLetter, Wb::MidNumLet, Wb::Quote])
                        && is(last + 2, &[Wb::Letter]))
                        || (is(last, &[Wb::Numeric])
                            && is(last + 1, &[Wb::MidNum, Wb::MidNumLet, Wb::Quote])
                            && is(last + 2, &[Wb::Numeric]))
                    {
                        // WB6–WB7, WB11–WB12.
                        last += 2;
                    } else {
                        break;
                    }
                }
                if (first..=last).any(|m| is(m, &[Wb::Letter, Wb::Numeric])) {
                    let start = end_of(first);
                    f(
                        at + start,
                        line.get(start..end_of(last + 1)).unwrap_or_default(),
                    );
                }
                k = last + 1;
            }
        }
        at += line.len();
    }
}

/// UAX #29 word-break classes, as far as [`words`] needs them.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Wb {
    Letter,
    Numeric,
    ExtendNumLet,
    MidLetter,
    MidNum,
    MidNumLet,
    Quote,
    /// Breaks on both sides and is neither a letter nor a digit.
    Other,
}

/// The class of `c` for the Latin, Cyrillic and common punctuation ranges,
/// or `None` (checked against the segmenter by the tests below).
fn word_class(c: char) -> Option<Wb> {
    Some(match c {
        'a'..='z' | 'A'..='Z' | 'ª' | 'µ' | 'º' => Wb::Letter,
        '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{f6}' | '\u{f8}'..='\u{24f}' => Wb::Letter,
        '\u{400}'..='\u{481}' | '\u{48a}'..='\u{4ff}' => Wb::Letter,
        '0'..='9' => Wb::Numeric,
        '_' | '\u{202f}' => Wb::ExtendNumLet,
        ':' | '·' | '\u{2027}' => Wb::MidLetter,
        ',' | ';' => Wb::MidNum,
        '.' | '\u{2018}' | '\u{2019}' | '\u{2024}' => Wb::MidNumLet,
        '\'' => Wb::Quote,
        // Soft hyphen and cedilla (they attach to the character before
        // them), superscripts and fractions (digits, but not UAX #29
        // numerics) are left to the segmenter.
        '\u{ad}' | '¸' | '²' | '³' | '¹' | '¼' | '½' | '¾' => return None,
        ' '..='~' | '\t' | '\n' | '\r' | '\u{a0}'..='\u{bf}' | '×' | '÷' => Wb::Other,
        '\u{2010}'..='\u{2026}' => Wb::Other,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        sentences(t).iter().map(|s| &t[s.start..s.end]).collect()
    }

    #[test]
    fn splits_sentences_but_not_after_initials_or_titles() {
        assert_eq!(
            sents("M. Dupont a parlé. Puis il est parti !  Vraiment ? Oui."),
            [
                "M. Dupont a parlé.",
                "Puis il est parti !",
                "Vraiment ?",
                "Oui."
            ]
        );
        assert_eq!(
            sents("Dr. Smith met J. R. Jones. They spoke."),
            ["Dr. Smith met J. R. Jones.", "They spoke."]
        );
        assert!(sents("   ").is_empty());
        assert_eq!(sents("Без точки"), ["Без точки"]);
    }

    #[test]
    fn plain_characters_never_end_a_sentence() {
        // A terminator, separator or anything the segmenter breaks after
        // would split "Ab<c> Cd" in two.
        let plain = (0..=0x2fff_u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_plain(c));
        let mut n = 0;
        for c in plain {
            let t = format!("Ab{c} Cd{c} ef");
            assert_eq!(
                t.split_sentence_bounds().count(),
                1,
                "{c:?} U+{:04X}",
                c as u32
            );
            n += 1;
        }
        assert!(n > 1000);
    }

    #[test]
    fn the_shortcut_agrees_with_the_segmenter() {
        // Every tail the shortcut accepts, and random texts over an alphabet
        // of letters, terminators, closers, spaces and separators.
        for tail in [
            ".",
            "!",
            "?!",
            "...",
            ".»",
            "!” ",
            ". ",
            ".’ ",
            "?) \u{a0}",
            ".\"'",
            "!]",
        ] {
            let t = format!("Le Dr Dupont a parlé de «cinq» choses{tail}");
            assert!(is_one_sentence(&t), "{t}");
            assert_eq!(sentences(&t), uax29_sentences(&t), "{t}");
        }
        let mut agreed = 0;
        for t in random_texts("aB é’«»\"'().!?;:,-–\n\u{a0}1A.", 0x2545_f491_4f6c_dd1d) {
            assert_eq!(sentences(&t), uax29_sentences(&t), "{t:?}");
            agreed += usize::from(is_one_sentence(&t));
        }
        assert!(agreed > 10_000, "{agreed}");
    }

    /// 200,000 pseudo-random texts of 0 to 11 characters of `alphabet`.
    fn random_texts(alphabet: &str, seed: u64) -> impl Iterator<Item = String> {
        let alphabet: Vec<char> = alphabet.chars().collect();
        let mut x = seed;
        (0..200_000).map(move |_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = (x % 12) as usize;
            (0..len)
                .map(|k| alphabet[((x >> (k * 5)) % alphabet.len() as u64) as usize])
                .collect()
        })
    }

    fn segmenter_words(t: &str) -> Vec<(usize, &str)> {
        t.split_inclusive('\n')
            .scan(0, |at, line| {
                let base = *at;
                *at += line.len();
                Some(line.unicode_word_indices().map(move |(s, w)| (base + s, w)))
            })
            .flatten()
            .collect()
    }

    fn fast_words(t: &str) -> Vec<(usize, &str)> {
        let mut v = Vec::new();
        words(t, &mut |s, w| v.push((s, w)));
        v
    }

    #[test]
    fn segmenting_line_by_line_is_segmenting_the_whole() {
        let t = "Un pont\r\nfermé à 10\u{202f}000 €.\n\n\u{301}déjà: l'homme, 3,5 km\n";
        assert_eq!(
            segmenter_words(t),
            t.unicode_word_indices().collect::<Vec<_>>()
        );
    }

    #[test]
    fn word_classes_agree_with_the_segmenter() {
        // Every character with a class, in every context the rules read.
        let known: Vec<char> = (0..=0x2fff_u32)
            .filter_map(char::from_u32)
            .filter(|&c| word_class(c).is_some())
            .collect();
        assert!(known.len() > 700, "{}", known.len());
        let mut bad = std::collections::BTreeSet::<String>::new();
        for &c in &known {
            for t in [
                format!("a{c}b"),
                format!("1{c}2"),
                format!("é{c}1"),
                format!("{c}a {c}"),
                format!("x{c}{c}z"),
                format!("_{c}_"),
                format!("{c}"),
            ] {
                if fast_words(&t) != segmenter_words(&t) {
                    bad.insert(format!("{c:?} U+{:04X} in {t:?}", c as u32));
                }
            }
        }
        assert!(bad.is_empty(), "{bad:?}");
        // Random texts over the classes' representatives.
        for t in random_texts("aZéж19_\u{202f}:·,;.’'\" -\n\t«»", 0x9e37_79b9_7f4a_7c15) {
            assert_eq!(fast_words(&t), segmenter_words(&t), "{t:?}");
        }
    }

    #[test]
    fn tokens_split_elisions_and_keep_byte_spans() {
        let t = "L’État, l'homme et «cinq» 2023 — déjà!";
        let mut v = Vec::new();
        tokens(t, 10, &mut v);
        let words: Vec<&str> = v.iter().map(|s| &t[s.start - 10..s.end - 10]).collect();
        assert_eq!(
            words,
            ["L", "État", "l", "homme", "et", "cinq", "2023", "déjà"]
        );
    }
}
