//! Language identification for `metadata.lang`, by whatlang (trigram profiles)
//! with a stop-word vote as a fallback for short or unreliable text.

use crate::sift::dict::Lexicon;

/// ISO 639-3 (whatlang) → ISO 639-1.
#[cfg(feature = "lang-detect")]
const CODES: [(&str, &str); 40] = [
    ("eng", "en"),
    ("fra", "fr"),
    ("deu", "de"),
    ("spa", "es"),
    ("ita", "it"),
    ("nld", "nl"),
    ("pol", "pl"),
    ("por", "pt"),
    ("rus", "ru"),
    ("ukr", "uk"),
    ("ces", "cs"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("hrv", "hr"),
    ("srp", "sr"),
    ("bul", "bg"),
    ("ron", "ro"),
    ("hun", "hu"),
    ("fin", "fi"),
    ("swe", "sv"),
    ("dan", "da"),
    ("nob", "nb"),
    ("est", "et"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("ell", "el"),
    ("tur", "tr"),
    ("ara", "ar"),
    ("heb", "he"),
    ("pes", "fa"),
    ("hin", "hi"),
    ("ben", "bn"),
    ("cmn", "zh"),
    ("jpn", "ja"),
    ("kor", "ko"),
    ("vie", "vi"),
    ("tha", "th"),
    ("ind", "id"),
    ("cat", "ca"),
    ("afr", "af"),
];

/// Detects the main language of `text` (ISO 639-1), or `None` when there is too
/// little text to tell.
pub fn detect(text: &str, lx: &Lexicon) -> Option<String> {
    // A kilobyte decides (trigram profiles settle within a few hundred
    // characters); more only costs time, per article.
    let mut end = text.len().min(1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if sample.split_whitespace().count() < 3 {
        return None;
    }
    #[cfg(feature = "lang-detect")]
    if let Some(info) = whatlang::detect(sample) {
        if info.is_reliable() || info.confidence() > 0.5 {
            let code = info.lang().code();
            if let Some((_, two)) = CODES.iter().find(|(three, _)| *three == code) {
                return Some((*two).to_string());
            }
        }
    }
    stopword_vote(sample, lx)
}

/// The language whose stop words cover most of the sample's words.
fn stopword_vote(sample: &str, lx: &Lexicon) -> Option<String> {
    let key = crate::normalize::fold(sample);
    let words: Vec<&str> = key.split(' ').collect();
    let (lang, hits) = lx
        .stopwords_by_lang
        .iter()
        .map(|(l, set)| (l, words.iter().filter(|w| set.contains(**w)).count()))
        .max_by_key(|(_, n)| *n)?;
    (hits * 10 >= words.len()).then(|| lang.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_common_languages_and_declines_tiny_text() {
        let lx = Lexicon::builtin();
        let cases = [
            (
                "Le gouvernement a annoncé mardi une nouvelle réforme des retraites qui sera présentée au parlement.",
                "fr",
            ),
            (
                "The government announced on Tuesday a new pension reform that will be presented to parliament.",
                "en",
            ),
            (
                "Die Regierung hat am Dienstag eine neue Rentenreform angekündigt, die dem Parlament vorgelegt wird.",
                "de",
            ),
            (
                "Правительство во вторник объявило о новой пенсионной реформе, которая будет представлена парламенту.",
                "ru",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(detect(text, &lx).as_deref(), Some(want), "{text}");
        }
        assert_eq!(detect("ok", &lx), None);
    }
}
