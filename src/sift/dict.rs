//! Phrase dictionaries and lexicons, parsed from the data files under `data/`
//! and compiled once into one Aho-Corasick automaton over folded line keys.

use std::collections::{HashMap, HashSet};

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, Input, MatchKind, PatternID};

use crate::Error;
use crate::normalize::{Key, fold};
use crate::result::Category;

/// How a phrase must sit in a line to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `=`: the whole line.
    Line,
    /// `^`: the start of a short line.
    Prefix,
    /// `^^`: the start of a line of up to [`LEAD_WORDS`] words, even one that
    /// reads as prose: calls to action no article sentence opens with ("If
    /// you enjoyed reading this post, would you consider …").
    Lead,
    /// `*`: anywhere in a short line.
    Contains,
    /// `+`: evidence only (consent actions for cookie banners).
    Evidence,
}

/// Longest line a `^^` phrase drops.
pub const LEAD_WORDS: usize = 40;

/// Longest line (in words) where a `*` phrase other than a cookie topic
/// counts anywhere in it.
pub const CONTAINS_WORDS: usize = 12;

/// Longest line (in words) a cookie topic phrase can make a banner.
pub const COOKIE_WORDS: usize = 160;

/// One dictionary entry.
#[derive(Debug, Clone)]
pub struct Phrase {
    /// Category of the file it came from.
    pub category: Category,
    /// Placement rule.
    pub mode: Mode,
    /// True for end-of-article markers (`=!`).
    pub marker: bool,
    /// Language group (`*` for any).
    pub lang: String,
}

/// A phrase found in a line key, at word boundaries.
#[derive(Debug, Clone, Copy)]
pub struct PhraseHit {
    /// Index into [`Dict::phrases`].
    pub phrase: usize,
    /// Byte range in the key.
    pub start: usize,
    /// End of the byte range in the key.
    pub end: usize,
}

/// The built-in phrase files, in the order their categories take precedence.
pub const BUILTIN_PHRASES: [(Category, &str); 9] = [
    (
        Category::CookieBanner,
        include_str!(concat!(env!("OUT_DIR"), "/data/phrases/cookie_banner.txt")),
    ),
    (
        Category::Related,
        include_str!(concat!(env!("OUT_DIR"), "/data/phrases/related.txt")),
    ),
    (
        Category::Promo,
        include_str!(concat!(env!("OUT_DIR"), "/data/phrases/promo.txt")),
    ),
    (
        Category::Comments,
        include_str!(concat!(env!("OUT_DIR"), "/data/phrases/comments.txt")),
    ),
    (
        Category::Share,
        include_str!(concat!(env!("OUT_DIR"), "/data/phrases/share.txt")),
    ),
    (
        Category::Advertisement,
        include_str!(concat!(env!("OUT_DIR"), "/data/phrases/advertisement.txt")),
    ),
    (
        Category::Legal,
        include_str!(concat!(env!("OUT_DIR"), "/data/phrases/legal.txt")),
    ),
    (
        Category::Navigation,
        include_str!(concat!(env!("OUT_DIR"), "/data/phrases/navigation.txt")),
    ),
    (
        Category::Dateline,
        include_str!(concat!(env!("OUT_DIR"), "/data/phrases/dateline.txt")),
    ),
];

/// Walks a data file: yields `(1-based line, language, entry)` for every
/// non-comment line, tracking `@lang` groups.
pub(crate) fn entries(text: &str) -> impl Iterator<Item = (usize, String, &str)> {
    let mut lang = String::from("*");
    text.lines().enumerate().filter_map(move |(i, raw)| {
        let line = raw.split(" #").next().unwrap_or("").trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        if let Some(l) = line.strip_prefix('@') {
            lang = l.trim().to_string();
            return None;
        }
        Some((i + 1, lang.clone(), line))
    })
}

/// All phrases, compiled.
#[derive(Debug, Clone)]
pub struct Dict {
    /// Entries, indexed by automaton pattern id.
    pub phrases: Vec<Phrase>,
    // The contiguous NFA directly, not `AhoCorasick`: the latter keeps all
    // three automaton kinds (and their Debug output) behind a `dyn`, some
    // 20 KB of .wasm for a choice made once.
    automaton: NFA,
    /// The longest word of every cookie topic phrase: a line without any
    /// of them holds no topic, and needs no search for one (see [`Vocab`]).
    anchors: Vec<String>,
}

impl Dict {
    /// Parses phrase files `(category, text, source name)`, keeping only
    /// phrases of `langs` (all when empty) and never those of `skip`.
    ///
    /// # Errors
    /// [`Error::Data`] for a line without a valid mode.
    pub fn build(files: &[(Category, &str, &str)], langs: &[String]) -> Result<Dict, Error> {
        let mut phrases = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        for (category, text, source) in files {
            for (line, lang, entry) in entries(text) {
                if !langs.is_empty() && lang != "*" && !langs.contains(&lang) {
                    continue;
                }
                let (head, phrase) = entry.split_once(' ').unwrap_or((entry, ""));
                let (mode, marker) = match head {
                    "=" => (Mode::Line, false),
                    "=!" => (Mode::Line, true),
                    "^" => (Mode::Prefix, false),
                    "^^" => (Mode::Lead, false),
                    "*" => (Mode::Contains, false),
                    "+" => (Mode::Evidence, false),
                    _ => {
                        return Err(Error::Data {
                            source: (*source).to_string(),
                            line,
                            message: format!(
                                "expected one of = =! ^ ^^ * + before the phrase, got {head:?}"
                            ),
                        });
                    }
                };
                let folded = fold(phrase);
                if folded.is_empty() {
                    return Err(Error::Data {
                        source: (*source).to_string(),
                        line,
                        message: "empty phrase".into(),
                    });
                }
                // Padded with spaces, and so is the key searched: a match
                // then starts and ends on word boundaries by construction,
                // and short phrases (`ad`, `ok`) are no longer found inside
                // every word that contains them, to be filtered out after.
                patterns.push(format!(" {folded} "));
                phrases.push(Phrase {
                    category: *category,
                    mode,
                    marker,
                    lang,
                });
            }
        }
        // A cookie topic's longest word is the one least likely in a line
        // that does not hold it.
        let mut anchors = Vec::new();
        for (p, pattern) in phrases.iter().zip(&patterns) {
            if p.category == Category::CookieBanner && p.mode == Mode::Contains {
                let longest = pattern.split(' ').rev().max_by_key(|w| w.len());
                anchors.extend(longest.map(str::to_string));
            }
        }
        let automaton = NFA::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|e| Error::Data {
                source: "phrases".into(),
                line: 0,
                message: e.to_string(),
            })?;
        Ok(Dict {
            anchors,
            automaton,
            phrases,
        })
    }

    /// The phrase occurrences in `key`, at word boundaries, that the line
    /// rules can act on: all of them in a line of up to [`CONTAINS_WORDS`]
    /// words, or of up to [`COOKIE_WORDS`] if `cookie` (one of its words is
    /// a cookie topic's, [`WordStats::cookie`]): cookie topics and evidence
    /// count anywhere in such a line. In other lines, only those at the
    /// start (`=`, `^`, `^^`): no other could fire, and searching the whole
    /// of every paragraph for them was a sixth of sifting.
    pub fn hits(&self, key: &Key, cookie: bool) -> Vec<PhraseHit> {
        let words = key.words();
        let whole = words <= CONTAINS_WORDS || (cookie && words <= COOKIE_WORDS);
        // ` key `: padded as the patterns are, so that a match starts and
        // ends on word boundaries.
        let bytes = key.key.as_bytes();
        let padded = || {
            std::iter::once(b' ')
                .chain(bytes.iter().copied())
                .chain(std::iter::once(b' '))
        };
        // ` phrase ` at `s..e` of ` key ` is `phrase` at `s..e - 2` of `key`.
        let hit = |phrase: PatternID, start: usize, end: usize| PhraseHit {
            phrase: phrase.as_usize(),
            start,
            end: end.saturating_sub(2),
        };
        if !whole {
            return self.hits_at_start(padded(), hit);
        }
        let padded: Vec<u8> = padded().collect();
        // Standard match semantics and an unanchored search: neither can fail.
        let Ok(found) = self
            .automaton
            .try_find_overlapping_iter(Input::new(&padded))
        else {
            return Vec::new();
        };
        found
            .map(|m| hit(m.pattern(), m.start(), m.end()))
            .collect()
    }

    /// The hits of [`Dict::hits`] that start at the start of `padded`, in
    /// the order the overlapping search gives them. The walk follows the
    /// trie from the anchored start and ends where the line leaves it, a
    /// few bytes in (no deeper than the longest pattern), instead of an
    /// overlapping search over the line's head, which has no anchored mode.
    fn hits_at_start(
        &self,
        padded: impl Iterator<Item = u8>,
        hit: impl Fn(PatternID, usize, usize) -> PhraseHit,
    ) -> Vec<PhraseHit> {
        let a = &self.automaton;
        let mut out = Vec::new();
        let Ok(mut sid) = a.start_state(Anchored::Yes) else {
            return out;
        };
        for (i, b) in padded.enumerate() {
            sid = a.next_state(Anchored::Yes, sid, b);
            if a.is_dead(sid) {
                break;
            }
            if !a.is_match(sid) {
                continue;
            }
            // A state's matches include those of its suffixes (failure
            // links): only the patterns as long as the walk start at 0.
            for k in 0..a.match_len(sid) {
                let p = a.match_pattern(sid, k);
                if a.pattern_len(p) == i + 1 {
                    out.push(hit(p, 0, i + 1));
                }
            }
        }
        out
    }
}

/// What a line's words are, by one lookup each (see [`Vocab`]).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct WordStats {
    /// Stop words of any language among them.
    pub stops: usize,
    /// Whether one of them is a cookie topic's anchor ([`Dict::hits`]).
    pub cookie: bool,
}

impl WordStats {
    /// Share of the key's `words` that are stop words (0 for none): prose is
    /// dense in them, menus are not.
    pub fn stop_share(&self, words: usize) -> f32 {
        if words == 0 {
            0.0
        } else {
            self.stops as f32 / words as f32
        }
    }
}

/// Every word the rules and features look up, with what it is: the features
/// count stop words, and the phrase search needs a cookie topic's anchor
/// word before it reads a long line to its end. One lookup per word of the
/// input, keyed by the word's bytes packed into an integer: hashing and
/// comparing strings was an eighth of sifting.
#[derive(Debug, Clone, Default)]
pub struct Vocab {
    /// Words of up to 16 bytes (all stop words, most anchors), packed.
    short: PackedWords,
    /// Longer words (German compounds among the cookie anchors).
    long: FastMap<String, u8>,
}

const STOP: u8 = 1;
const ANCHOR: u8 = 2;

/// The bytes of a word of at most 16 bytes, little-endian in an integer
/// (zero-padded: no word holds a NUL byte, so lengths cannot collide).
fn pack(w: &[u8]) -> Option<u128> {
    let mut b = [0u8; 16];
    b.get_mut(..w.len())?.copy_from_slice(w);
    Some(u128::from_le_bytes(b))
}

/// [`pack`] of `text[at..at + len]`, by one 16-byte load and a mask where
/// the text goes on that far (a copy of `len` bytes costs more).
fn pack_at(text: &[u8], at: usize, len: usize) -> Option<u128> {
    match text
        .get(at..at + 16)
        .and_then(|b| <[u8; 16]>::try_from(b).ok())
    {
        Some(b) if len < 16 => Some(u128::from_le_bytes(b) & ((1u128 << (8 * len)) - 1)),
        Some(b) if len == 16 => Some(u128::from_le_bytes(b)),
        _ => pack(text.get(at..at + len)?),
    }
}

/// Packed words and their flags in an open-addressing table (linear
/// probing, at most half full; 0, no word's packing, marks a free slot). A
/// generic hash map for these keys cost 2 KB more of `.wasm` than this.
#[derive(Debug, Clone, Default)]
struct PackedWords {
    slots: Vec<(u128, u8)>,
}

impl PackedWords {
    fn new(words: &[(u128, u8)]) -> PackedWords {
        let mut t = PackedWords {
            slots: vec![(0, 0); (2 * words.len()).next_power_of_two().max(2)],
        };
        for &(k, f) in words {
            if let Some(slot) = t.find(k).and_then(|i| t.slots.get_mut(i)) {
                *slot = (k, slot.1 | f);
            }
        }
        t
    }

    /// The slot holding `k`, or the free one where it would go.
    fn find(&self, k: u128) -> Option<usize> {
        let mask = self.slots.len().wrapping_sub(1);
        let h = (k as u64 ^ (k >> 64) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut i = (h >> 32) as usize & mask;
        // Bounded by the table's size: it is never full.
        for _ in 0..self.slots.len() {
            let &(key, _) = self.slots.get(i)?;
            if key == k || key == 0 {
                return Some(i);
            }
            i = (i + 1) & mask;
        }
        None
    }

    fn get(&self, k: u128) -> u8 {
        self.find(k)
            .and_then(|i| self.slots.get(i))
            .map_or(0, |&(key, f)| if key == k { f } else { 0 })
    }
}

impl Vocab {
    /// The stop words of `lx` and the cookie anchors of `dict`.
    pub fn new(lx: &Lexicon, dict: &Dict) -> Vocab {
        let mut short = Vec::new();
        let mut long: FastMap<String, u8> = FastMap::default();
        let flags = lx
            .stopwords
            .iter()
            .map(|w| (w, STOP))
            .chain(dict.anchors.iter().map(|w| (w, ANCHOR)));
        for (w, f) in flags {
            match pack(w.as_bytes()) {
                Some(k) => short.push((k, f)),
                None => {
                    let old = long.get(w).copied().unwrap_or(0);
                    long.insert(w.clone(), old | f);
                }
            }
        }
        Vocab {
            short: PackedWords::new(&short),
            long,
        }
    }

    /// What the words of `key` are.
    pub fn stats(&self, key: &Key) -> WordStats {
        let mut s = WordStats::default();
        let text = key.key.as_bytes();
        for (a, b) in key.word_ranges() {
            let f = match pack_at(text, a, b - a) {
                Some(k) => self.short.get(k),
                None => key
                    .key
                    .get(a..b)
                    .and_then(|w| self.long.get(w))
                    .copied()
                    .unwrap_or(0),
            };
            s.stops += usize::from(f & STOP != 0);
            s.cookie |= f & ANCHOR != 0;
        }
        s
    }
}

/// Hash maps and sets keyed by words, lines and class names: foldhash
/// (already in the build through whatlang) with a fixed seed. Lookups happen
/// for every word and line of the input, SipHash's DoS resistance buys
/// nothing for them, and a fixed seed keeps output deterministic.
pub type FastMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;
/// A set hashed as [`FastMap`] is.
pub type FastSet<K> = HashSet<K, foldhash::fast::FixedState>;

/// A set of words.
pub type WordSet = FastSet<String>;

/// The word lists under `data/lexicon/`.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Folded month name → month number.
    pub months: FastMap<String, u8>,
    /// Folded dateline label → true when it announces an update.
    pub dateline: Vec<(String, bool)>,
    /// Words that open a byline.
    pub byline: WordSet,
    /// Folded credit prefixes (`photo`, `foto`, …).
    pub credit_prefixes: WordSet,
    /// Nouns of counted comment headers (`comments` in `12 Comments`).
    pub comment_nouns: WordSet,
    /// Words after the noun in a titled comment header (`to` in `34
    /// responses to “…”`).
    pub comment_links: WordSet,
    /// Folded labels of category and tag lines (`tags`, `kategorie`).
    pub taxonomy: WordSet,
    /// Folded agency and platform names, split in words.
    pub agencies: Vec<Vec<String>>,
    /// Stop words of every language.
    pub stopwords: WordSet,
    /// Stop words by language, for telling the language of a document.
    pub stopwords_by_lang: Vec<(String, WordSet)>,
    /// Stop words of exactly one language → that language's index in
    /// `stopwords_by_lang` (`dans` is French only; `de` is in four).
    pub stopword_owner: FastMap<String, u8>,
}

impl Lexicon {
    /// The built-in lexicons.
    pub fn builtin() -> Lexicon {
        let mut lx = Lexicon::default();
        for (_, _, e) in entries(include_str!(concat!(
            env!("OUT_DIR"),
            "/data/lexicon/months.txt"
        ))) {
            if let Some((n, name)) = e.split_once(' ') {
                if let Ok(n) = n.parse() {
                    lx.months.insert(fold(name), n);
                }
            }
        }
        for (_, _, e) in entries(include_str!(concat!(
            env!("OUT_DIR"),
            "/data/lexicon/dateline.txt"
        ))) {
            match e.strip_prefix("+ ") {
                Some(label) => lx.dateline.push((fold(label), true)),
                None => lx.dateline.push((fold(e), false)),
            }
        }
        // Longest label first, so "mis a jour le" wins over "mis a jour".
        crate::order::sort_by_key_desc(&mut lx.dateline, |(l, _)| l.len() as u64);
        for (_, _, e) in entries(include_str!(concat!(
            env!("OUT_DIR"),
            "/data/lexicon/byline.txt"
        ))) {
            lx.byline.insert(fold(e));
        }
        for (_, _, e) in entries(include_str!(concat!(
            env!("OUT_DIR"),
            "/data/lexicon/credit.txt"
        ))) {
            if let Some(p) = e.strip_prefix("prefix ") {
                lx.credit_prefixes.insert(fold(p));
            } else if let Some(a) = e.strip_prefix("agency ") {
                lx.agencies
                    .push(fold(a).split(' ').map(str::to_string).collect());
            }
        }
        crate::order::sort_by_key_desc(&mut lx.agencies, |a| a.len() as u64);
        for (_, _, e) in entries(include_str!(concat!(
            env!("OUT_DIR"),
            "/data/lexicon/comment_count.txt"
        ))) {
            if let Some(w) = e.strip_prefix("noun ") {
                lx.comment_nouns.insert(fold(w));
            } else if let Some(w) = e.strip_prefix("link ") {
                lx.comment_links.insert(fold(w));
            }
        }
        for (_, _, e) in entries(include_str!(concat!(
            env!("OUT_DIR"),
            "/data/lexicon/taxonomy.txt"
        ))) {
            lx.taxonomy.insert(fold(e));
        }
        let mut by_lang: Vec<(String, WordSet)> = Vec::new();
        for (_, lang, e) in entries(include_str!(concat!(
            env!("OUT_DIR"),
            "/data/lexicon/stopwords.txt"
        ))) {
            let set: WordSet = e.split_whitespace().map(fold).collect();
            lx.stopwords.extend(set.iter().cloned());
            match by_lang.iter_mut().find(|(l, _)| *l == lang) {
                Some((_, s)) => s.extend(set),
                None => by_lang.push((lang, set)),
            }
        }
        // u8, as `months`: one map type less in the .wasm (1.4 KB gzipped).
        for (i, (_, set)) in (0u8..).zip(&by_lang) {
            for w in set {
                if by_lang.iter().filter(|(_, o)| o.contains(w)).count() == 1 {
                    lx.stopword_owner.insert(w.clone(), i);
                }
            }
        }
        lx.stopwords_by_lang = by_lang;
        lx
    }

    /// Whether the words `w` (folded) are all agency names, greedily.
    pub fn all_agencies(&self, w: &[&str]) -> bool {
        let mut i = 0;
        while i < w.len() {
            let Some(a) = self.agencies.iter().find(|a| {
                w.get(i..).is_some_and(|rest| {
                    rest.len() >= a.len() && a.iter().zip(rest).all(|(x, y)| x == y)
                })
            }) else {
                return false;
            };
            i += a.len();
        }
        !w.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::key;

    /// build.rs embeds the data files without comments: the parsers must
    /// read the same entries, on the same lines, from both; and every list
    /// under `data/` must be embedded.
    #[test]
    fn embedded_data_files_read_like_the_files() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let out = std::path::Path::new(env!("OUT_DIR")).join("data");
        let read = |p: &std::path::Path| std::fs::read_to_string(p).unwrap();
        for dir in ["lexicon", "phrases", "spin"] {
            let mut lists: Vec<_> = std::fs::read_dir(src.join(dir))
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .filter(|n| n.to_string_lossy().ends_with(".txt"))
                .collect();
            lists.sort();
            assert!(!lists.is_empty());
            for name in lists {
                let (file, embedded) = (
                    read(&src.join(dir).join(&name)),
                    read(&out.join(dir).join(&name)),
                );
                assert!(embedded.len() < file.len(), "{name:?}: comments left");
                assert_eq!(
                    entries(&file).collect::<Vec<_>>(),
                    entries(&embedded).collect::<Vec<_>>(),
                    "{name:?}"
                );
            }
        }
        let lines = include_str!("../../data/models/lines.model");
        assert_eq!(
            crate::sift::classify::LineModel::parse(lines).unwrap(),
            crate::sift::classify::LineModel::builtin().unwrap()
        );
    }

    fn builtin() -> Dict {
        let files: Vec<_> = BUILTIN_PHRASES
            .iter()
            .map(|(c, t)| (*c, *t, c.name()))
            .collect();
        Dict::build(&files, &[]).unwrap()
    }

    #[test]
    fn phrases_parse_and_match_on_word_boundaries() {
        let d = builtin();
        assert!(d.phrases.len() > 300, "{}", d.phrases.len());
        let hits = d.hits(&key("A NE PAS MANQUER"), false);
        assert!(hits.iter().any(|h| d.phrases[h.phrase].marker));
        // "ok" must not fire inside "book".
        assert!(d.hits(&key("facebook book"), false).iter().all(|h| {
            let p = &d.phrases[h.phrase];
            p.mode == Mode::Line || h.start == 0
        }));
    }

    /// A line longer than `CONTAINS_WORDS` words is searched whole only
    /// when one of its words is a cookie topic's anchor; otherwise only at
    /// its start. Every hit the rules can act on is still found: those of a
    /// short line, those at the start, and cookie topics and evidence.
    #[test]
    fn long_lines_are_searched_where_a_phrase_can_fire() {
        let d = builtin();
        let v = Vocab::new(&Lexicon::builtin(), &d);
        let all = |k: &Key| {
            let padded = format!(" {} ", k.key);
            let found = d.automaton.try_find_overlapping_iter(Input::new(&padded));
            let mut v: Vec<_> = found
                .unwrap()
                .map(|m| (m.pattern().as_usize(), m.start(), m.end() - 2))
                .collect();
            v.sort_unstable();
            v
        };
        let cookie = |phrase: usize, modes: &[Mode]| {
            let p = &d.phrases[phrase];
            p.category == Category::CookieBanner && modes.contains(&p.mode)
        };
        // Cookie evidence only counts next to a topic.
        let can_fire = |k: &Key, full: &[(usize, usize, usize)], h: &(usize, usize, usize)| {
            let topic = full.iter().any(|t| cookie(t.0, &[Mode::Contains]));
            k.words() <= CONTAINS_WORDS
                || h.1 == 0
                || (topic
                    && k.words() <= COOKIE_WORDS
                    && cookie(h.0, &[Mode::Contains, Mode::Evidence]))
        };
        for line in [
            "Lire aussi : la réforme des retraites expliquée en dix points, avec nos cartes et graphiques",
            "Ce site utilise des cookies pour mesurer l'audience et vous proposer des contenus ; en savoir plus ou tout accepter",
            "We use cookies to improve your experience. By continuing to use this site you accept, or read more about it here.",
            "Le ministre a répété mardi que le gouvernement ne reculerait pas, même si l'opposition demande un vote : en savoir plus.",
            "ok en savoir plus",
        ] {
            let k = key(line);
            let full = all(&k);
            let mut got: Vec<_> = d
                .hits(&k, v.stats(&k).cookie)
                .into_iter()
                .map(|h| (h.phrase, h.start, h.end))
                .collect();
            got.sort_unstable();
            let needed: Vec<_> = full
                .iter()
                .filter(|h| can_fire(&k, &full, h))
                .copied()
                .collect();
            assert!(
                needed.iter().all(|h| got.contains(h)),
                "{line}: {got:?} lacks some of {needed:?}"
            );
            assert!(got.iter().all(|h| full.contains(h)), "{line}");
        }
        // The anchors are the cookie topics' longest words; stop words are
        // counted in the same lookup.
        let k = key("Nous utilisons des cookies sur ce site");
        let s = v.stats(&k);
        assert!(s.cookie);
        assert!(s.stops >= 3, "{s:?}");
        assert!(!v.stats(&key("Le conseil a voté mardi")).cookie);
    }

    #[test]
    fn vocab_counts_as_the_word_lists_say() {
        // Every stop word and anchor in a line (16-byte words at the packing
        // limit, longer ones through the string map), next to words in
        // neither list and words a letter short of listed ones.
        let lx = Lexicon::builtin();
        let mut d = builtin();
        d.anchors.push("datenschutzeinstellungen".into());
        d.anchors.push("abcdefghijklmnop".into());
        let v = Vocab::new(&lx, &d);
        let mut words: Vec<String> = lx.stopwords.iter().cloned().collect();
        words.extend(d.anchors.iter().cloned());
        let shorter = |w: &String| w.chars().skip(1).collect::<String>();
        words.extend(words.iter().map(shorter).collect::<Vec<_>>());
        words.extend(["zzz", "abcdefghijklmnopq", "abcdefghijklmno"].map(String::from));
        for chunk in words.chunks(7) {
            let line = chunk.join(" ");
            let k = key(&line);
            let want = WordStats {
                stops: k.word_iter().filter(|w| lx.stopwords.contains(*w)).count(),
                cookie: k.word_iter().any(|w| d.anchors.iter().any(|a| a == w)),
            };
            assert_eq!(v.stats(&k), want, "{line}");
        }
    }

    /// Phrases added through the builder bring their own anchors.
    #[test]
    fn custom_cookie_topics_are_found_in_long_lines() {
        let line = "Notre portail emploie des biscuits numériques afin de compter les visites et \
                    de retenir vos choix, comme la plupart des sites d'information du pays";
        let s = crate::Sifter::builder()
            .phrases(
                Category::CookieBanner,
                "@fr\n* emploie des biscuits numeriques\n",
            )
            .build()
            .unwrap();
        let out = s.sift(&format!(
            "{line}\n\nUn vrai paragraphe de l'article, assez long pour rester."
        ));
        assert!(
            out.removed
                .iter()
                .any(|r| r.category == Category::CookieBanner && r.text == line),
            "{:?}",
            out.removed
        );
    }

    #[test]
    fn bad_mode_is_a_data_error_with_a_line() {
        let e = Dict::build(&[(Category::Promo, "# c\n@en\n? nope\n", "x.txt")], &[]).unwrap_err();
        assert!(matches!(e, Error::Data { line: 3, .. }), "{e}");
    }

    #[test]
    fn lexicons_parse() {
        let lx = Lexicon::builtin();
        assert_eq!(lx.months.get("septembre"), Some(&9));
        assert_eq!(lx.months.get("декабря"), Some(&12));
        assert!(
            lx.dateline
                .iter()
                .any(|(l, u)| l == "derniere mise a jour" && *u)
        );
        assert!(lx.byline.contains("par"));
        assert!(lx.all_agencies(&["anp", "epa"]));
        assert!(lx.all_agencies(&["getty", "images"]));
        assert!(!lx.all_agencies(&["anp", "said"]));
        assert!(lx.stopwords.contains("les") && lx.stopwords.contains("the"));
        // `dans` is French only; `de` is in several lists, so no one's own.
        let fr = lx.stopwords_by_lang.iter().position(|(l, _)| l == "fr");
        assert_eq!(lx.stopword_owner.get("dans").map(|&i| usize::from(i)), fr);
        assert_eq!(lx.stopword_owner.get("de"), None);
        assert!(
            lx.comment_nouns.contains("kommentare") && lx.comment_nouns.contains("комментариев")
        );
        assert!(lx.comment_links.contains("sur") && !lx.comment_links.contains("kommentare"));
    }
}
