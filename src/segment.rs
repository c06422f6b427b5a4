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
    for (start, w) in text.unicode_word_indices() {
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
    }
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
