//! Line rules: phrase dictionaries and shapes. Each rule is tied to fixtures
//! that show it firing and not firing (see the tests at the bottom and
//! `tests/fixtures/`). Rules are anchored to the whole line, its start, or a
//! short line, never to a bare word anywhere in prose.

use super::dates;
use super::dict::{CONTAINS_WORDS, COOKIE_WORDS, Dict, LEAD_WORDS, Lexicon, Mode, PhraseHit};
use crate::normalize::Key;
use crate::result::Category;

/// A rule's decision about one line.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// What kind of junk.
    pub category: Category,
    /// Which rule fired.
    pub rule: &'static str,
    /// Probability that dropping the line is right.
    pub confidence: f32,
    /// The line opens an end-of-article region (`Related Articles`, …).
    pub marker: bool,
    /// Metadata the line carries.
    pub meta: Meta,
}

/// Metadata found inside a junk line.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Meta {
    /// Nothing.
    #[default]
    None,
    /// A date; `update` for modified/updated lines.
    Date {
        /// ISO 8601.
        iso: String,
        /// Last-modified rather than published.
        update: bool,
        /// Author named in the same line (`Posted by X on …`).
        author: Option<String>,
    },
    /// An author from a byline.
    Author(String),
    /// The last segment of a breadcrumb (often the title).
    Crumb(String),
}

pub(crate) fn verdict(category: Category, rule: &'static str, confidence: f32) -> Verdict {
    Verdict {
        category,
        rule,
        confidence,
        marker: false,
        meta: Meta::None,
    }
}

/// Whether byte offset `at` of `text` sits inside an open quotation: a
/// phrase there is quoted — a mention, not junk ("« Ce site utilise des
/// cookies » est devenu la phrase la plus lue du web").
fn inside_quote(text: &str, at: usize) -> bool {
    let mut depth = 0i32;
    let mut straight = false;
    for c in text.get(..at).unwrap_or(text).chars() {
        match c {
            '«' | '“' | '„' | '‹' | '「' | '『' => depth += 1,
            '»' | '”' | '›' | '」' | '』' => depth = (depth - 1).max(0),
            '"' => straight = !straight,
            _ => {}
        }
    }
    depth > 0 || straight
}

/// Ends like a sentence.
pub fn ends_sentence(text: &str) -> bool {
    text.trim_end().chars().last().is_some_and(|c| {
        matches!(
            c,
            '.' | '!' | '?' | '…' | '"' | '”' | '»' | '\'' | '’' | ')' | ';' | '。' | '！' | '？'
        )
    })
}

/// Looks like running prose rather than a heading, teaser or label.
pub fn is_prose(text: &str, words: usize) -> bool {
    (words >= 12 && ends_sentence(text) && !text.ends_with("(+)")) || words >= 40
}

/// Applies every line rule to one line. `text` is the trimmed line, `key`
/// its folded key, `cookie` whether a word of a cookie topic is in it
/// ([`WordStats::cookie`](super::dict::WordStats::cookie)).
pub fn apply(text: &str, key: &Key, cookie: bool, dict: &Dict, lx: &Lexicon) -> Option<Verdict> {
    let words: Vec<&str> = key.word_iter().collect();
    shape(text, &words, lx)
        .or_else(|| commenter(text, words.len()))
        .or_else(|| phrases(text, key, cookie, words.len(), dict))
        .or_else(|| byline(text, &words, lx))
        .or_else(|| credit(text, &key.key, &words, lx))
        .or_else(|| caption(text, &words))
        .or_else(|| dateline(text, &key.key, &words, lx))
        .or_else(|| breadcrumb(text))
        .or_else(|| taxonomy(text, words.len(), lx))
}

/// `Tags: Brexit, EU, Trade` or `Kategorie: News`: a label of
/// `data/lexicon/taxonomy.txt`, a colon, then a short list (at most eight
/// words, no sentence end), as blogs and news sites print under the text.
fn taxonomy(text: &str, words: usize, lx: &Lexicon) -> Option<Verdict> {
    if words > 12 {
        return None;
    }
    let (label, rest) = text.split_once(':')?;
    let rest = rest.trim();
    let label_words = label.split_whitespace().count();
    let ok = (1..=3).contains(&label_words)
        && !rest.is_empty()
        && rest.split_whitespace().count() <= 8
        // `Main article: Rust (programming language)`: a closing bracket
        // ends a title, not a sentence.
        && (!ends_sentence(rest) || rest.ends_with(')'))
        && lx.taxonomy.contains(&crate::normalize::fold(label));
    ok.then(|| verdict(Category::Navigation, "shape:taxonomy", 0.9))
}

/// How PHP's error messages open (`display_errors` left on in production).
const PHP_ERRORS: [&str; 6] = [
    "Warning: ",
    "Notice: ",
    "Deprecated: ",
    "Fatal error: ",
    "Parse error: ",
    "Strict Standards: ",
];

/// Folded words of rights notices, in the supported languages.
const RIGHTS_WORDS: [&str; 14] = [
    "rights",
    "copyright",
    "copyrighted",
    "reserved",
    "rechte",
    "urheberrecht",
    "droits",
    "reproduction",
    "derechos",
    "diritti",
    "riservati",
    "prawa",
    "zastrzezone",
    "права",
];

/// Markup debris, site tags, durations and counters.
fn shape(text: &str, w: &[&str], lx: &Lexicon) -> Option<Verdict> {
    // `[]`, `|`, `()`, `•` — no letter or digit at all, and short.
    if w.is_empty() {
        return (text.chars().count() <= 12)
            .then(|| verdict(Category::EmptyMarkup, "shape:empty", 0.99));
    }
    // `ttn-fr-34`: one lower-case ASCII token of hyphenated parts with a digit.
    if !text.contains(char::is_whitespace)
        && text.len() <= 32
        && text.contains('-')
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && text.bytes().any(|b| b.is_ascii_digit())
        && text.bytes().any(|b| b.is_ascii_lowercase())
        && !text.starts_with('-')
    {
        return Some(verdict(Category::SiteTag, "shape:site_tag", 0.95));
    }
    // `Warning: … in /var/www/…/functions.php on line 42`: a server's error
    // message printed into the page.
    if PHP_ERRORS.iter().any(|p| text.starts_with(p))
        && text.contains(" on line ")
        && text.contains(".php")
    {
        return Some(verdict(Category::EmptyMarkup, "shape:php_error", 0.95));
    }
    // Durations and counters are at most four words.
    if w.len() > 4 {
        return None;
    }
    let nums: Vec<Option<u32>> = w.iter().map(|s| s.parse::<u32>().ok()).collect();
    let is_num = |i: usize| nums.get(i).copied().flatten();
    // `0:47`, `1:02:33`, `Video 0:47`, `2:13 min`: a duration alone.
    let core: Vec<(usize, &str)> = w
        .iter()
        .copied()
        .enumerate()
        .filter(|&(_, s)| {
            !matches!(
                s,
                "video" | "vidéo" | "min" | "mins" | "play" | "watch" | "lecture"
            )
        })
        .collect();
    if (2..=3).contains(&core.len())
        && core
            .iter()
            .all(|&(i, s)| is_num(i).is_some() && s.len() <= 2)
        && core
            .iter()
            .skip(1)
            .all(|&(i, s)| s.len() == 2 && is_num(i).is_some_and(|n| n < 60))
        && text.contains(':')
        && text.chars().count() <= 20
    {
        return Some(verdict(Category::Media, "shape:duration", 0.95));
    }
    // `1/6`, `1 of 6`, `Bild 1 von 6`: a gallery counter.
    let counter = |a: usize, b: usize| match (is_num(a), is_num(b)) {
        (Some(x), Some(y)) => x >= 1 && x <= y && y <= 500,
        _ => false,
    };
    let sep_words = ["of", "sur", "von", "de", "di", "z", "van", "из", "от"];
    let lead =
        usize::from(w.len() > 2 && w.first().is_some_and(|f| lx.credit_prefixes.contains(*f)));
    if (w.len() == 2 + lead && text.contains('/') && counter(lead, lead + 1))
        || (w.len() == 3 + lead
            && w.get(lead + 1).is_some_and(|s| sep_words.contains(s))
            && counter(lead, lead + 2))
    {
        return Some(verdict(Category::Media, "shape:counter", 0.95));
    }
    None
}

/// `jdoe says:` / `Marie a dit :` — the header of one comment.
fn commenter(text: &str, words: usize) -> Option<Verdict> {
    const SAYS: [&str; 9] = [
        "says:",
        "said:",
        "wrote:",
        "a dit :",
        "a dit:",
        "sagt:",
        "schreibt:",
        "dice:",
        "написал:",
    ];
    if words > 6 || !text.ends_with(':') {
        return None;
    }
    let lower = text.to_lowercase();
    SAYS.iter()
        .any(|s| lower.ends_with(s))
        .then(|| verdict(Category::Comments, "comments:author", 0.9))
}

/// Dictionary phrases (see `data/phrases/README.md` for the placement modes).
fn phrases(text: &str, key: &Key, cookie: bool, words: usize, dict: &Dict) -> Option<Verdict> {
    let hits = dict.hits(key, cookie);
    if hits.is_empty() {
        return None;
    }
    let quoted = |start: usize| inside_quote(text, key.source_start(start));
    // Cookie banners need topic + evidence: the unquoted topic phrases,
    // the first of which is the topic.
    let cookie = |h: &PhraseHit, mode: Mode| {
        dict.phrases
            .get(h.phrase)
            .is_some_and(|p| p.category == Category::CookieBanner && p.mode == mode)
    };
    let topics: Vec<_> = hits
        .iter()
        .filter(|h| cookie(h, Mode::Contains) && !quoted(h.start))
        .collect();
    if let Some(t) = topics.first() {
        let evidence = hits.iter().any(|h| cookie(h, Mode::Evidence));
        let opens = key
            .key
            .get(..t.start)
            .unwrap_or_default()
            .split(' ')
            .filter(|s| !s.is_empty())
            .count()
            <= 3;
        // Consent texts run long (GDPR notices of 100+ words); a long one
        // needs the topic to open it *and* a second cookie phrase.
        let topics = topics.len();
        if (evidence && words <= 80)
            || (opens && (words <= 40 || (topics >= 2 && words <= COOKIE_WORDS)))
        {
            return Some(verdict(Category::CookieBanner, "phrase:cookie", 0.97));
        }
    }
    let mut best: Option<Verdict> = None;
    for h in &hits {
        let Some(p) = dict.phrases.get(h.phrase) else {
            continue;
        };
        let whole = h.start == 0 && h.end == key.key.len();
        let fires = match p.mode {
            Mode::Line => whole,
            Mode::Prefix => {
                // "Lire aussi : <teaser>" or a short prompt; never running
                // prose that merely starts with the words ("Lire aussi
                // attentivement chaque bannière prendrait…").
                let end = key.source_end(h.end.saturating_sub(1));
                let colon = text.get(end..).is_some_and(|rest| {
                    rest.trim_start()
                        .starts_with([':', '»', '›', '|', '-', '–'])
                });
                h.start == 0 && (words <= 12 || colon || !is_prose(text, words))
            }
            Mode::Lead => h.start == 0 && words <= LEAD_WORDS,
            Mode::Contains => {
                p.category != Category::CookieBanner && words <= CONTAINS_WORDS && !quoted(h.start)
            }
            Mode::Evidence => false,
        };
        if !fires || (p.mode != Mode::Line && quoted(h.start)) {
            continue;
        }
        let better = match &best {
            None => true,
            Some(b) => p.marker && !b.marker,
        };
        if better {
            let (rule, conf) = match p.mode {
                Mode::Line => ("phrase:line", 0.97),
                Mode::Prefix => ("phrase:prefix", 0.9),
                Mode::Lead => ("phrase:lead", 0.9),
                _ => ("phrase:contains", 0.85),
            };
            let mut v = verdict(p.category, rule, conf);
            v.marker = p.marker;
            best = Some(v);
        }
    }
    best
}

/// The person's name a byline element holds when it says no more than
/// that, maybe with its publication: `Odile Marsh, Lantern Weekly`,
/// `Jane Roe | Reuters` → the name. The HTML path asks this of elements its
/// hints call bylines; the text path needs `By`/`Par` to know one.
#[cfg(feature = "html")]
pub(crate) fn byline_name(text: &str) -> Option<&str> {
    let (name, rest) = match text.split_once([',', '|', '·']) {
        Some((n, r)) => (n.trim(), r.trim()),
        None => (text.trim(), ""),
    };
    let capital =
        |w: Option<&str>| w.is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    (is_name(name, 2..=5)
        && capital(name.split_whitespace().next())
        && capital(name.split_whitespace().last())
        && rest.split_whitespace().count() <= 6
        && !rest.chars().any(|c| c.is_ascii_digit()))
    .then_some(name)
}

/// Whether `s` is a name of so many words: every word [`name_like`].
fn is_name(s: &str, words: std::ops::RangeInclusive<usize>) -> bool {
    words.contains(&s.split_whitespace().count()) && s.split_whitespace().all(name_like)
}

/// Whether a word of the original text looks like part of a name.
fn name_like(word: &str) -> bool {
    let mut cs = word.chars();
    let Some(first) = cs.next() else { return false };
    (first.is_uppercase()
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.')))
        || matches!(
            word,
            "de" | "van"
                | "von"
                | "der"
                | "da"
                | "di"
                | "le"
                | "la"
                | "du"
                | "and"
                | "et"
                | "und"
                | "y"
                | "e"
                | "i"
                | "и"
        )
}

/// `par` alone, or `By Jane Doe` / `par Jean Dupont, à Kiev`.
fn byline(text: &str, w: &[&str], lx: &Lexicon) -> Option<Verdict> {
    let first = *w.first()?;
    if w.len() == 1 && lx.byline.contains(first) {
        return Some(verdict(Category::BylineStub, "byline:stub", 0.97));
    }
    let by_len = if w.len() > 2 && w.starts_with(&["written", "by"]) {
        2
    } else if lx.byline.contains(first) {
        1
    } else {
        return None;
    };
    // `Von Jonas Behrendt · 19.05.2026, 11:00 Uhr`: a byline, then a date.
    // ` - ` too (`By Justine Coleman - 11/18/19 11:04 PM EST`), not a bare
    // hyphen: names have them.
    let split = text
        .split_once(['·', '•', '|', '—', '–'])
        .or_else(|| text.split_once(" - "));
    if let Some((head, tail)) = split {
        let key = crate::normalize::key(tail);
        let tw: Vec<&str> = key.key.split(' ').filter(|s| !s.is_empty()).collect();
        if let (
            Some(date),
            Some(Verdict {
                meta: Meta::Author(a),
                ..
            }),
        ) = (
            dates::parse_with(&tw, lx, true),
            byline(
                head.trim(),
                w.get(..w.len().min(head.split_whitespace().count()))
                    .unwrap_or_default(),
                lx,
            ),
        ) {
            let mut v = verdict(Category::BylineStub, "byline:name-date", 0.93);
            v.meta = Meta::Date {
                iso: date.iso(),
                update: false,
                author: Some(a),
            };
            return Some(v);
        }
    }
    // A sentence is no byline; what follows a separator may end like one
    // (`By Tom Ashdown | Comments (14)`).
    if w.len() > 8 || ends_sentence(split.map_or(text, |(head, _)| head)) {
        return None;
    }
    let orig: Vec<&str> = text.split_whitespace().skip(by_len).collect();
    let name: Vec<&str> = orig
        .iter()
        .take_while(|s| !s.ends_with(',') && !s.ends_with('|'))
        .copied()
        .chain(
            orig.iter()
                .find(|s| s.ends_with(','))
                .map(|s| s.trim_end_matches(',')),
        )
        .take(4)
        .collect();
    if name.is_empty()
        || !name.iter().all(|s| name_like(s))
        || !name
            .first()
            .is_some_and(|n| n.starts_with(char::is_uppercase))
    {
        return None;
    }
    let mut v = verdict(Category::BylineStub, "byline:name", 0.9);
    v.meta = Meta::Author(name.join(" "));
    Some(v)
}

/// `© ANP / EPA`, `ANP/EPA`, `Photo: Twitter / @astraiaintel`.
fn credit(text: &str, key: &str, w: &[&str], lx: &Lexicon) -> Option<Verdict> {
    let copyright =
        text.starts_with('©') || text.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("(c)"));
    // `© 2022, Example News. All rights reserved. …`: past a credit's
    // length, a line that opens with © and speaks of rights is a rights
    // notice (without such a word it is a credit glued to a caption or a
    // paragraph: `© Agency The minister said …`).
    if copyright && (16..=60).contains(&w.len()) && w.iter().any(|x| RIGHTS_WORDS.contains(x)) {
        return Some(verdict(Category::Legal, "legal:copyright", 0.9));
    }
    if w.len() > 15 {
        return None;
    }
    if copyright {
        return Some(verdict(Category::Credit, "credit:copyright", 0.95));
    }
    // A credit prefix followed by a colon (or ellipsis) and a short source.
    let prefix_len = (1..=w.len().min(3))
        .rev()
        .find(|&n| {
            // `w` are the words of the key, so its first n words are a prefix of it.
            let len = w.iter().take(n).map(|s| s.len()).sum::<usize>() + n - 1;
            key.get(..len)
                .is_some_and(|k| lx.credit_prefixes.contains(k))
        })
        .unwrap_or(0);
    if prefix_len > 0 && w.len() <= 10 {
        let rest = text
            .char_indices()
            .find(|&(_, c)| matches!(c, ':' | '…' | '©' | '|'))
            .map(|(i, _)| &text[..i]);
        let prefix_before_colon =
            rest.is_some_and(|r| crate::normalize::fold(r).split(' ').count() == prefix_len);
        let dots = text.contains("...")
            && crate::normalize::fold(text.split("...").next().unwrap_or(""))
                .split(' ')
                .count()
                == prefix_len;
        if prefix_before_colon || dots {
            return Some(verdict(Category::Credit, "credit:prefix", 0.93));
        }
        // `Photo by Kirk Irwin/Getty Images`, `Image copyright Reuters`.
        if w.len() <= 8
            && w.get(prefix_len)
                .is_some_and(|x| matches!(*x, "by" | "copyright" | "courtesy"))
            && !ends_sentence(text)
        {
            return Some(verdict(Category::Credit, "credit:prefix", 0.9));
        }
    }
    // Agency names only, with separators.
    if w.len() <= 8 && lx.all_agencies(w) && !ends_sentence(text) {
        return Some(verdict(Category::Credit, "credit:agency", 0.9));
    }
    // An agency and its photographer: `PAP/ Rafał Guz`, `Hector Andrade |
    // Agencia UNO`.
    if w.len() <= 6 && !ends_sentence(text) {
        if let Some((a, b)) = text.split_once(['/', '|']) {
            let agency = |s: &str| {
                let k = crate::normalize::fold(s);
                let words: Vec<&str> = k.split(' ').filter(|x| !x.is_empty()).collect();
                lx.all_agencies(&words)
            };
            let name = |s: &str| is_name(s, 1..=3);
            if (agency(a) && name(b)) || (name(a) && agency(b)) {
                return Some(verdict(Category::Credit, "credit:agency", 0.85));
            }
        }
    }
    None
}

/// Media nouns whose `noun:` opens a caption (`Image: The minister
/// arrives …`); shorter lines after such a prefix are credits (see
/// [`credit`]).
const CAPTION_NOUNS: [&str; 10] = [
    "photo", "photos", "image", "images", "picture", "video", "foto", "fotos", "bild", "фото",
];

/// A caption of a picture or video: `Image caption …` and `Media caption …`
/// (the BBC's labels), or a media noun and a colon before more than a
/// credit's ten words.
fn caption(text: &str, w: &[&str]) -> Option<Verdict> {
    // A quoted label is a mention (`« Image caption » …`).
    if w.len() > 60 || !text.starts_with(char::is_alphabetic) {
        return None;
    }
    let labelled = w.len() > 2
        && matches!(w.first(), Some(&"image" | &"media"))
        && w.get(1) == Some(&"caption");
    let noun = w.len() > 10
        && w.first().is_some_and(|f| CAPTION_NOUNS.contains(f))
        && text
            .split_once(':')
            .is_some_and(|(head, _)| head.split_whitespace().count() == 1);
    (labelled || noun).then(|| verdict(Category::Media, "media:caption", 0.9))
}

/// `Publié: 16.09.2023 à 14:31 heures`, `Updated November 19, 2019`, or a
/// date standing alone.
fn dateline(text: &str, joined: &str, w: &[&str], lx: &Lexicon) -> Option<Verdict> {
    // Every date we parse has a four-digit year, and a label with a time
    // alone is a short line: cheap tests first, every line passes here.
    let has_year = w
        .iter()
        .any(|s| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()));
    if w.is_empty() || w.len() > 18 || (!has_year && w.len() > 9) {
        return None;
    }
    let label = lx.dateline.iter().find(|(l, _)| {
        joined.starts_with(l.as_str()) && joined.as_bytes().get(l.len()).is_none_or(|&b| b == b' ')
    });
    if !has_year {
        // `Updated at 1:23 p.m.`: a label and a time, no date to recover.
        let (l, _) = label?;
        let rest = w
            .get(l.split(' ').count().min(w.len())..)
            .unwrap_or_default();
        let rest = rest.strip_prefix(&["at"]).unwrap_or(rest);
        return dates::is_time(rest).then(|| verdict(Category::Dateline, "dateline:time", 0.9));
    }
    let date = dates::parse(w, lx)?;
    let date_words = 3 + usize::from(date.time.is_some()) * 2;
    let filler = w
        .iter()
        .filter(|s| !(s.len() == 4 && s.ends_with('m') && dates::is_minutes(s)))
        .filter(|s| {
            !matches!(
                **s,
                "at" | "a"
                    // `segunda-feira, 22 de janeiro de 2018 às 0:13`
                    | "as"
                    | "feira"
                    | "um"
                    | "uhr"
                    | "heures"
                    | "h"
                    | "am"
                    | "pm"
                    | "on"
                    | "le"
                    | "el"
                    | "il"
                    | "de"
                    | "del"
                    | "of"
                    | "alle"
                    | "o"
                    | "godz"
                    | "в"
                    | "est"
                    | "edt"
                    | "pst"
                    | "cet"
                    | "cest"
                    | "utc"
                    | "gmt"
            )
        })
        .count();
    let (update, author) = match label {
        Some((l, u)) => {
            // `Posted by Jane Doe on …`
            let rest: &[&str] = w.get(l.split(' ').count()..).unwrap_or_default();
            let author = (rest.first() == Some(&"by")).then(|| {
                rest.iter()
                    .skip(1)
                    .take_while(|s| {
                        !matches!(**s, "on" | "le" | "am" | "el" | "il")
                            && s.parse::<u32>().is_err()
                    })
                    .copied()
                    .collect::<Vec<_>>()
            });
            (*u, author.filter(|a| !a.is_empty() && a.len() <= 4))
        }
        None if filler <= date_words + 1 => (false, None),
        // `2 de octubre de 2025 por Lucía Ferrer`: a date, then a byline.
        None => {
            let by = w.iter().rposition(|s| lx.byline.contains(*s))?;
            let name = w.len() - by - 1;
            if name == 0 || name > 4 || filler > date_words + 2 + name {
                return None;
            }
            // The name as written, not folded.
            let orig: Vec<&str> = text.split_whitespace().collect();
            let name: Vec<&str> = orig
                .get(orig.len().saturating_sub(name)..)
                .unwrap_or_default()
                .to_vec();
            if !name.iter().all(|s| name_like(s)) {
                return None;
            }
            (false, Some(name))
        }
    };
    let mut v = verdict(
        Category::Dateline,
        if label.is_some() {
            "dateline:label"
        } else {
            "dateline:date"
        },
        0.93,
    );
    v.meta = Meta::Date {
        iso: date.iso(),
        update,
        author: author.map(|a| a.join(" ")),
    };
    Some(v)
}

/// A teaser card flattened without a separator: a Title-Case headline glued
/// to its summary sentence (`Tape Gaffe Ends Hamlin's Title RunDenny
/// Hamlin's championship run was foiled by the tale of the tape.`). Brand
/// names (`MacBook`, `McDonald`, `iPhone`) and German gender forms
/// (`LehrerInnen`) are not glue; the headline must be five or more words,
/// four in five capitalised, and the rest a sentence of six or more.
pub fn glued_teaser(text: &str) -> Option<Verdict> {
    // Every line of a text passes here: cheap tests first (a sentence end,
    // then a glue point somewhere in the line), before splitting words. The
    // ends are fewer than `ends_sentence` takes: a deal line ending in
    // `(Originally $159)` is no summary sentence.
    let ends_sentence = text
        .trim_end()
        .ends_with(['.', '!', '?', '…', '"', '”', '»']);
    // The glue sits in the first 25 words: the first 300 bytes hold them in
    // any headline worth the name.
    let lead = text
        .as_bytes()
        .get(..text.len().min(300))
        .unwrap_or_default();
    if !ends_sentence || glue_in(lead).is_none() {
        return None;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    for (k, w) in words.iter().enumerate().take(25) {
        let Some(cut) = glue_in(w.as_bytes()) else {
            continue;
        };
        let (left, right) = w.split_at(cut);
        let head = k + 1;
        let tail = words.len() - k;
        let brand = ["Mc", "Mac", "i", "e"].iter().any(|p| left.ends_with(p))
            || right.starts_with("In") && (right == "In" || right.starts_with("Innen"));
        let capitalised = words
            .iter()
            .take(k)
            .chain([&left])
            .filter(|x| {
                x.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            })
            .count();
        let ok =
            head >= 5 && tail >= 6 && !brand && capitalised * 5 >= head * 4 && !left.ends_with('.');
        return ok.then(|| verdict(Category::Related, "shape:glued_teaser", 0.8));
    }
    None
}

/// Where bytes are two words glued together: a lower-case letter, digit or
/// closing punctuation, then an upper-case letter that opens a word
/// (`RunDenny`, `250,000The`, `Rise?Violence`; not an apostrophe: `O'Neill`).
/// The upper-case test comes first: it fails on almost every byte of prose.
fn glue_in(b: &[u8]) -> Option<usize> {
    b.windows(3)
        .position(|t| {
            let &[p, c, n] = t else { return false };
            c.is_ascii_uppercase()
                && n.is_ascii_lowercase()
                && (p.is_ascii_lowercase() || p.is_ascii_digit() || b"?!)".contains(&p))
        })
        .map(|i| i + 1)
}

/// Whether a breadcrumb separator can end the first part of `text`. That
/// part is a section name (at most two words) or a home link (at most 32
/// bytes), so in prose the scan stops at the third word past byte 32 instead
/// of reading the paragraph (it did, a fortieth of sifting). Bytes, not
/// characters: `»` ends in 0xBB, `›` in 0xBA, `→` in 0x92; other characters
/// that do only cost the full test.
fn early_separator(text: &str) -> bool {
    let (mut words, mut in_word) = (0, false);
    for (i, b) in text.bytes().enumerate() {
        if matches!(b, b'>' | 0xBB | 0xBA | 0x92) {
            return true;
        }
        let space = b.is_ascii_whitespace();
        if !space && !in_word {
            words += 1;
            if words > 2 && i > 32 {
                return false;
            }
        }
        in_word = !space;
    }
    false
}

/// `Home » MONDE » Titre`.
fn breadcrumb(text: &str) -> Option<Verdict> {
    if !early_separator(text) {
        return None;
    }
    let seps = ['»', '›', '→', '>'];
    let parts: Vec<&str> = text.split(|c| seps.contains(&c)).map(str::trim).collect();
    if parts.len() < 2 || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    // Folded only when short enough to be one of the names below (a French
    // quotation closing with `»` has a sentence for its first part).
    let first = parts
        .first()
        .filter(|p| p.len() <= 32)
        .map(|p| crate::normalize::fold(p))
        .unwrap_or_default();
    let home = matches!(
        first.as_str(),
        "home"
            | "accueil"
            | "startseite"
            | "inicio"
            | "portada"
            | "home page"
            | "homepage"
            | "главная"
            | "strona glowna"
            | "start"
            | "pagina inicial"
    );
    // Section names are short and capitalised: "MONDE", "Regional", "Politik".
    let short_head = parts
        .first()
        .is_some_and(|p| p.split_whitespace().nth(2).is_none())
        && parts.iter().take(parts.len() - 1).all(|p| {
            p.split_whitespace().nth(3).is_none()
                && p.starts_with(|c: char| c.is_uppercase() || c.is_numeric())
        });
    // `Opinion » Editorials`: two section names, with a separator prose
    // does not use between capitalised words; the last is no headline.
    let sections = parts.len() == 2
        && !text.contains(['>', '→'])
        && parts.iter().all(|p| {
            p.split_whitespace().nth(2).is_none()
                && p.starts_with(char::is_uppercase)
                && !p.ends_with(['.', '!', '?', ':'])
        });
    if !(home || (parts.len() >= 3 && short_head) || sections) {
        return None;
    }
    let mut v = verdict(Category::Breadcrumb, "breadcrumb", 0.95);
    if let Some(last) = parts.last().filter(|_| !sections || home) {
        v.meta = Meta::Crumb((*last).to_string());
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::key;

    fn category(line: &str) -> Option<&'static str> {
        let files: Vec<_> = super::super::dict::BUILTIN_PHRASES
            .iter()
            .map(|(c, t)| (*c, *t, c.name()))
            .collect();
        let dict = Dict::build(&files, &[]).unwrap();
        let lx = Lexicon::builtin();
        let k = key(line);
        let cookie = super::super::dict::Vocab::new(&lx, &dict).stats(&k).cookie;
        apply(line, &k, cookie, &dict, &lx).map(|v| v.category.name())
    }

    #[cfg(feature = "html")]
    #[test]
    fn byline_elements_give_their_name() {
        assert_eq!(
            byline_name("Odile Marsh, Lantern Weekly"),
            Some("Odile Marsh")
        );
        assert_eq!(
            byline_name("Jane van der Berg | Reuters"),
            Some("Jane van der Berg")
        );
        assert_eq!(byline_name("Charlie Wood"), Some("Charlie Wood"));
        assert_eq!(byline_name("Share this article"), None);
        assert_eq!(byline_name("Odile Marsh, 17.11.2026, 07:05"), None);
        assert_eq!(byline_name("Politics"), None);
    }

    #[test]
    fn glued_teasers_and_their_near_misses() {
        let fires = [
            "Tape Gaffe Ends Hamlin's Title RunDenny Hamlin's championship run was foiled by the tale of the tape.",
            "Is Violence In Sports On The Rise?Violence is part of the game in many sports, and it grows.",
            "Michigan To Mail Redistricting Panel Applications To 250,000The state will mail them this week.",
        ];
        for line in fires {
            assert_eq!(
                glued_teaser(line).map(|v| v.rule),
                Some("shape:glued_teaser"),
                "{line}"
            );
        }
        let misses = [
            // Brands, names and gender forms are not glue.
            "The New Apple MacBook Pro Costs More than the old one did last year.",
            "New York City Police Commissioner James O'Neill also spoke out on Tuesday evening.",
            "Die Neuen Regeln Für Alle LehrerInnen treten im kommenden Schuljahr in Kraft.",
            // A short headline, or no sentence after the glue.
            "Big NewsThe council voted on Tuesday to close the old bridge.",
            "New Price Drop: 2019 Apple Watch Series 3 WirelessEarphones for $139 (Originally $159)",
            // Ordinary prose.
            "The council voted on Tuesday to close the old bridge, citing safety reports.",
        ];
        for line in misses {
            assert_eq!(glued_teaser(line), None, "{line}");
        }
    }

    /// Each rule with a line it must fire on and a near miss it must not.
    #[test]
    fn rules_fire_and_do_not_fire() {
        let cases: [(&str, Option<&str>); 80] = [
            (
                "Main article: Rust (programming language)",
                Some("navigation"),
            ),
            ("Siehe auch: Liste der Brücken in Köln", Some("navigation")),
            (
                "Main article: the treaty, signed in Rome yesterday, runs to forty pages.",
                None,
            ),
            ("Photo by Kirk Irwin/Getty Images", Some("credit")),
            ("Image copyright Getty Images", Some("credit")),
            (
                "Photos by the readers who joined the march were on show.",
                None,
            ),
            (
                "Image caption Scooter Braun has managed several singers",
                Some("media"),
            ),
            (
                "Media caption The minister speaking on Tuesday",
                Some("media"),
            ),
            (
                "Image: The minister arrives at the summit in Brussels on Tuesday morning with aides",
                Some("media"),
            ),
            (
                "« Image caption » is what the BBC prints under a picture",
                None,
            ),
            (
                "Image quality matters: the new camera takes sharper pictures in poor light than the old one.",
                None,
            ),
            ("Video shows dramatic rescue of kidnapped girl", None),
            ("[]", Some("empty_markup")),
            ("|", Some("empty_markup")),
            ("ttn-fr-34", Some("site_tag")),
            ("covid 19", None),
            ("0:47", Some("media")),
            ("Video 1:02:33", Some("media")),
            ("14 h 30 de débat", None),
            ("1/6", Some("media")),
            ("Bild 2 von 9", Some("media")),
            ("7/3", None),
            ("© ANP / EPA", Some("credit")),
            ("ANP/EPA", Some("credit")),
            ("Photo: Twitter / @astraiaintel", Some("credit")),
            ("Photo de famille au sommet de l'OTAN hier soir", None),
            ("PAP/ Rafał Guz", Some("credit")),
            ("Hector Andrade | Agencia UNO", Some("credit")),
            ("Reuters / Ipsos poll shows a tie", None),
            ("Paris / Berlin", None),
            (
                "© 2022, Example News. This article is the copyrighted property of Example News. Written permission must be obtained before reprint.",
                Some("legal"),
            ),
            (
                "Warning: Creating default object from empty value in /var/www/html/wp-includes/functions.php on line 42",
                Some("empty_markup"),
            ),
            (
                "Warning: the bridge on line 4 of the tram network is closed.",
                None,
            ),
            ("par", Some("byline_stub")),
            ("By Jamelle Bouie", Some("byline_stub")),
            ("Par ailleurs, la directrice a démissionné.", None),
            ("De Gaulle avait prévenu les alliés", None),
            ("Publié: 16.09.2023 à 14:31 heures", Some("dateline")),
            ("November 19, 2019 at 6:34 am", Some("dateline")),
            ("Updated at 1:23 p.m.", Some("dateline")),
            ("17 April 2012 • 2:54pm", Some("dateline")),
            ("Updated at 2:54pm", Some("dateline")),
            ("5 min read", Some("dateline")),
            ("Tags: Brexit, EU, Trade", Some("navigation")),
            ("Kategorie: News", Some("navigation")),
            ("Category 4: the storm that changed everything", None),
            ("Topics: we discussed the bridge.", None),
            ("Lesezeit: 3 Minuten", Some("dateline")),
            (
                "We read the report in five minutes, then read it again.",
                None,
            ),
            (
                "Le puede interesar: el Congreso aprobó la reforma",
                Some("promo"),
            ),
            ("Updated at 1:23 p.m., the minister resigned.", None),
            (
                "By Justine Coleman - 11/18/19 11:04 PM EST",
                Some("byline_stub"),
            ),
            ("By then - 11/18/19 - the vote was over", None),
            ("By Tom Ashdown | Comments (14)", Some("byline_stub")),
            ("By Tom Ashdown, the ferry came back (again).", None),
            (
                "segunda-feira, 22 de janeiro de 2018 às 0:13",
                Some("dateline"),
            ),
            (
                "Na segunda-feira, 22 de janeiro de 2018, o piloto venceu em Goiânia.",
                None,
            ),
            (
                "Le 16 septembre 2023, les troupes ont franchi le fleuve près de la ville.",
                None,
            ),
            ("Home » MONDE » Poutine isolé", Some("breadcrumb")),
            ("Il a dit » non » puis est parti", None),
            ("Opinion » Editorials", Some("breadcrumb")),
            ("Bilan » positif, selon la ministre", None),
            ("Sport › Football", Some("breadcrumb")),
            (
                "This website uses cookies to improve your experience. We'll assume you're ok with this, but you can opt-out if you wish. Accept Read More",
                Some("cookie_banner"),
            ),
            (
                "« Ce site utilise des cookies » est devenu la phrase la plus lue du web",
                None,
            ),
            ("Related Articles", Some("related")),
            ("A NE PAS MANQUER", Some("promo")),
            ("Lire aussi : Sécheresse record dans le Jura", Some("promo")),
            (
                "Lire aussi attentivement chaque bannière prendrait, selon leurs calculs, près de deux semaines de travail à temps plein par an.",
                None,
            ),
            ("Vous avez trouvé une erreur? Signalez-la", Some("promo")),
            ("Mehr zum Thema", Some("related")),
            // `^^`: a call to action drops even when it reads as prose, up
            // to a length no such prompt reaches.
            (
                "If you enjoyed reading this post, would you consider supporting our work? Just click here and give what you can.",
                Some("promo"),
            ),
            (
                "If you enjoyed reading this post, you will like the sequel even more: the author spent another three years in the archives of the port authority, reading the harbour master's letters one by one, and found the name of the ship that brought the first cargo of coffee to the city.",
                None,
            ),
            ("Share this article", Some("share")),
            ("Anzeige", Some("advertisement")),
            ("Читайте также", Some("related")),
            ("thelastchargersfan says:", Some("comments")),
            ("Obama says he will veto the bill", None),
            (
                "This website uses cookies to improve your experience while you navigate through the website. Out of these cookies, the cookies that are categorized as necessary are stored on your browser as they are essential for the working of basic functionalities of the website. We also use third-party cookies that help us analyze and understand how you use this website. These cookies will be stored in your browser only with your consent. You also have the option to opt-out of these cookies. But opting out of some of these cookies may have an effect on your browsing experience.",
                Some("cookie_banner"),
            ),
            (
                "Les cookies au chocolat de ma grand-mère sont les meilleurs du monde, et elle utilise des cookies du commerce pour comparer chaque année lors de la fête du village depuis trente ans déjà.",
                None,
            ),
        ];
        for (line, want) in cases {
            assert_eq!(category(line), want, "{line:?}");
        }
    }
}
