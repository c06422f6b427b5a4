//! Stage 5 — **features**: the one feature extractor for spin, used by
//! training and by the runtime alike, so the two cannot drift.
//!
//! A text becomes a sparse vector of three groups:
//! - words: folded unigrams and bigrams, hashed (FNV-1a) into `2^HASH_BITS`;
//! - characters: 3- to 5-grams inside each padded word (` word `), hashed, so
//!   inflections and related languages share evidence;
//! - cues: a handful of named counts — `!`, `?`, quotes and scare quotes, all
//!   caps, and hits in the per-language lexicons under `data/spin/`.
//!
//! Words and characters are weighted `1 + ln tf` and L2-normalised per group;
//! the model file records [`SETTINGS`] and refuses to load with other ones.

// Indices: token indices come from the token vectors they index, and
// `bounds` holds every word boundary plus the end.
#![allow(clippy::indexing_slicing)]

use crate::Span;
use crate::normalize::strip_diacritic;
use crate::segment;
use crate::sift::dict::{FastMap, entries};

/// Hashed features live in `[0, 2^HASH_BITS)`; cue features above.
pub const HASH_BITS: u32 = 22;
/// Shortest and longest character n-gram.
pub const CHAR_NGRAMS: (usize, usize) = (3, 5);
/// The settings string written to, and checked against, model files.
pub const SETTINGS: &str =
    "words 1-2, chars 3-5 in padded words, fnv1a 22 bits, l2 per group, cues v1";

/// Names of the cue features; feature id `(1 << HASH_BITS) + index`.
pub const CUES: [&str; 11] = [
    "exclamation",
    "question",
    "quote",
    "scare_quote",
    "all_caps",
    "intensifier",
    "absolute",
    "second_person",
    "first_plural",
    "number",
    "log_words",
];

/// The id of cue `i`.
pub const fn cue_id(i: usize) -> u32 {
    (1 << HASH_BITS) + i as u32
}

/// The per-language cue lexicons, as one map from a folded word to its cue
/// bits (one lookup per token, not one per lexicon).
#[derive(Debug, Clone, Default)]
pub struct Lexicons {
    bits: FastMap<String, u16>,
}

impl Lexicons {
    /// The lexicons under `data/spin/`, all languages merged.
    pub fn builtin() -> Lexicons {
        let mut bits: FastMap<String, u16> = FastMap::default();
        for (cue, text) in [
            (
                5,
                include_str!(concat!(env!("OUT_DIR"), "/data/spin/intensifiers.txt")),
            ),
            (
                6,
                include_str!(concat!(env!("OUT_DIR"), "/data/spin/absolutes.txt")),
            ),
            (
                7,
                include_str!(concat!(env!("OUT_DIR"), "/data/spin/second_person.txt")),
            ),
            (
                8,
                include_str!(concat!(env!("OUT_DIR"), "/data/spin/first_plural.txt")),
            ),
        ] {
            for (_, _, line) in entries(text) {
                for w in line.split_whitespace() {
                    *bits.entry(fold_word(w)).or_default() |= 1 << cue;
                }
            }
        }
        Lexicons { bits }
    }

    /// The cue bits (5..=8) of folded word `w`.
    fn bits(&self, w: &str) -> u16 {
        self.bits.get(w).copied().unwrap_or(0)
    }
}

/// Lower case, common diacritics removed.
pub fn fold_word(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    fold_into(w, &mut out);
    out
}

/// [`fold_word`], appended to `out`.
fn fold_into(w: &str, out: &mut String) {
    // Most tokens are ASCII, and lower-cased ASCII has no diacritics.
    if w.is_ascii() {
        out.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    out.extend(w.chars().flat_map(char::to_lowercase).map(strip_diacritic));
}

/// A text as a sparse vector, and where each feature came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    /// `(feature id, value)`, sorted by id, ids unique.
    pub values: Vec<(u32, f32)>,
    /// `(feature id, source span)` for every occurrence (only when asked for):
    /// a word, a bigram, or the word a character n-gram or cue came from.
    pub origins: Vec<(u32, Span)>,
    /// Number of word tokens.
    pub words: usize,
}

impl Features {
    /// The value of feature `id`, or 0.
    pub fn get(&self, id: u32) -> f32 {
        self.values
            .binary_search_by_key(&id, |&(i, _)| i)
            .map_or(0.0, |k| self.values[k].1)
    }
}

/// One byte of FNV-1a, 32-bit.
#[inline(always)]
fn fnv_step(h: u32, b: u8) -> u32 {
    (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
}

/// The FNV-1a state after the character n-grams' prefix `c`.
const NGRAM_SEED: u32 = (0x811c_9dc5 ^ b'c' as u32).wrapping_mul(0x0100_0193);

fn fnv(prefix: u8, parts: &[&str]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    let mut eat = |b: u8| h = fnv_step(h, b);
    eat(prefix);
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            eat(b' ');
        }
        p.bytes().for_each(&mut eat);
    }
    h & ((1 << HASH_BITS) - 1)
}

const QUOTES_OPEN: [char; 5] = ['"', '«', '“', '„', '‹'];

/// The characters the punctuation cues react to (every other character
/// leaves their state unchanged).
fn is_mark(c: char) -> bool {
    matches!(c, '!' | '?' | '"' | '«' | '»' | '“' | '”' | '„' | '‹' | '›')
}

/// Extracts the features of `text`; `origins` records their sources, for
/// explaining a score (it costs allocations the plain score does not need).
pub fn extract(text: &str, lx: &Lexicons, origins: bool) -> Features {
    Tokens::new(text, lx).features(
        &[Span {
            start: 0,
            end: text.len(),
        }],
        origins,
    )
}

/// A text's tokens with their hashed features, computed once: the features
/// of a paragraph, a sentence or a set of blocks of it then cost no new
/// tokenising, folding or hashing. `features(ranges)` equals `extract` of
/// the ranges' text joined by blank lines (tested below).
pub struct Tokens {
    spans: Vec<Span>,
    /// Every token folded, end to end; token `i` is
    /// `folded[folded_at[i]..folded_at[i + 1]]` (one buffer, not a string
    /// per token: a long text has millions).
    folded: String,
    folded_at: Vec<usize>,
    word: Vec<u32>,
    chars: Vec<u32>,
    char_start: Vec<usize>,
    /// Bit `k` set: the token is a hit of cue `k` (4..=9).
    cue_bits: Vec<u16>,
    /// `next_bigram[i]`: the hash of the bigram of tokens `i` and `i + 1`,
    /// which the paragraph, sentence and document passes all need.
    next_bigram: Vec<u32>,
    /// Every `!`, `?` and quotation mark of the text, with its byte offset:
    /// the punctuation cues read these, not every character, in each pass.
    marks: Vec<(usize, char)>,
}

impl Tokens {
    /// Tokenises and hashes all of `text`.
    pub fn new(text: &str, lx: &Lexicons) -> Tokens {
        let mut spans = Vec::new();
        segment::tokens(text, 0, &mut spans);
        let mut folded = String::with_capacity(text.len());
        let mut folded_at = Vec::with_capacity(spans.len() + 1);
        for s in &spans {
            folded_at.push(folded.len());
            fold_into(&text[s.start..s.end], &mut folded);
        }
        folded_at.push(folded.len());
        let mut word = Vec::with_capacity(spans.len());
        let mut chars = Vec::with_capacity(spans.len() * 12);
        let mut char_start = Vec::with_capacity(spans.len() + 1);
        let mut cue_bits = Vec::with_capacity(spans.len());
        let mut padded = String::new();
        let mut bounds: Vec<usize> = Vec::with_capacity(32);
        for (i, span) in spans.iter().enumerate() {
            let w = &folded[folded_at[i]..folded_at[i + 1]];
            word.push(fnv(b'w', &[w]));
            char_start.push(chars.len());
            // Character n-grams of ` word `, hashed straight from the bytes.
            padded.clear();
            padded.push(' ');
            padded.push_str(w);
            padded.push(' ');
            let pb = padded.as_bytes();
            if padded.is_ascii() {
                // One byte per character: no character boundaries to find.
                for s in 0..pb.len() {
                    let mut h = NGRAM_SEED;
                    for (n, &b) in pb[s..].iter().take(CHAR_NGRAMS.1).enumerate() {
                        h = fnv_step(h, b);
                        if n + 1 >= CHAR_NGRAMS.0 {
                            chars.push(h & ((1 << HASH_BITS) - 1));
                        }
                    }
                }
            } else {
                bounds.clear();
                bounds.extend(padded.char_indices().map(|(k, _)| k));
                bounds.push(padded.len());
                let nchars = bounds.len() - 1;
                for s in 0..nchars {
                    // FNV is sequential: one pass from each start yields the 3-,
                    // 4- and 5-gram hashes (the values `fnv(b'c', …)` gives).
                    let mut h = NGRAM_SEED;
                    for n in 1..=CHAR_NGRAMS.1.min(nchars - s) {
                        for &b in &pb[bounds[s + n - 1]..bounds[s + n]] {
                            h = fnv_step(h, b);
                        }
                        if n >= CHAR_NGRAMS.0 {
                            chars.push(h & ((1 << HASH_BITS) - 1));
                        }
                    }
                }
            }
            let raw = &text[span.start..span.end];
            let mut bits = 0u16;
            // The lower-case test first: it rejects most words at their
            // first or second letter.
            if raw.chars().all(|c| !c.is_lowercase())
                && raw.chars().count() >= 3
                && raw.chars().any(char::is_alphabetic)
            {
                bits |= 1 << 4;
            }
            bits |= lx.bits(w);
            if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                bits |= 1 << 9;
            }
            cue_bits.push(bits);
        }
        char_start.push(chars.len());
        // Growth left up to half of these unused; later stages need the room
        // (a long text's vectors are of the same order).
        spans.shrink_to_fit();
        chars.shrink_to_fit();
        let mut tokens = Tokens {
            spans,
            folded,
            folded_at,
            word,
            chars,
            char_start,
            cue_bits,
            next_bigram: Vec::new(),
            marks: text.char_indices().filter(|&(_, c)| is_mark(c)).collect(),
        };
        tokens.next_bigram = (1..tokens.spans.len())
            .map(|j| tokens.bigram(j - 1, j))
            .collect();
        tokens
    }

    /// The bigram hash of tokens `i` and `j` (`j` follows `i` in a unit).
    fn bigram_of(&self, i: usize, j: usize) -> u32 {
        match self.next_bigram.get(i) {
            Some(&h) if j == i + 1 => h,
            _ => self.bigram(i, j),
        }
    }

    /// The tokens inside `ranges`: their indices and spans (borrowed for
    /// one range, the common case: a paragraph or a sentence).
    fn select(&self, ranges: &[Span]) -> (Vec<usize>, std::borrow::Cow<'_, [Span]>) {
        if let [range] = ranges {
            let r = self.inside(*range);
            let spans = self.spans.get(r.clone()).unwrap_or_default();
            return (r.collect(), std::borrow::Cow::Borrowed(spans));
        }
        let idx: Vec<usize> = ranges.iter().flat_map(|&r| self.inside(r)).collect();
        let spans = idx.iter().map(|&i| self.spans[i]).collect();
        (idx, std::borrow::Cow::Owned(spans))
    }

    /// Indices of the tokens inside `range`.
    fn inside(&self, range: Span) -> std::ops::Range<usize> {
        let a = self.spans.partition_point(|s| s.start < range.start);
        let b = self.spans.partition_point(|s| s.end <= range.end);
        a..b.max(a)
    }

    /// The features of the text in `ranges` (increasing, not overlapping),
    /// as if joined by blank lines; origin spans are offsets into the text.
    pub fn features(&self, ranges: &[Span], origins: bool) -> Features {
        let (idx, spans) = self.select(ranges);
        let mut out = Features::default();
        let mut word_ids: Vec<u32> = Vec::with_capacity(idx.len() * 2);
        let nchars = idx
            .iter()
            .map(|&i| self.char_start[i + 1] - self.char_start[i])
            .sum();
        let mut char_ids: Vec<u32> = Vec::with_capacity(nchars);
        let mut cue = [0f32; CUES.len()];
        for (k, &i) in idx.iter().enumerate() {
            word_ids.push(self.word[i]);
            if let Some(&j) = idx.get(k + 1) {
                word_ids.push(self.bigram_of(i, j));
            }
            char_ids.extend_from_slice(&self.chars[self.char_start[i]..self.char_start[i + 1]]);
            let bits = self.cue_bits[i];
            for (c, slot) in cue.iter_mut().enumerate().take(10).skip(4) {
                if bits >> c & 1 == 1 {
                    *slot += 1.0;
                }
            }
        }
        punctuation_cues(&self.marks, ranges, &spans, &mut cue, None);
        cue[10] = idx.len() as f32;
        out.words = idx.len();
        let mut words = Vec::new();
        let mut chars = Vec::new();
        push_group(&mut words, word_ids);
        push_group(&mut chars, char_ids);
        // Both runs are sorted: merge them (summing a word/character hash
        // collision); cue ids sort after every hashed id.
        out.values.reserve(words.len() + chars.len() + CUES.len());
        let (mut i, mut j) = (0, 0);
        while i < words.len() || j < chars.len() {
            let next = match (words.get(i), chars.get(j)) {
                (Some(a), Some(b)) if a.0 == b.0 => {
                    i += 1;
                    j += 1;
                    (a.0, a.1 + b.1)
                }
                (Some(a), Some(b)) if a.0 < b.0 => {
                    i += 1;
                    *a
                }
                (Some(a), None) => {
                    i += 1;
                    *a
                }
                (_, Some(b)) => {
                    j += 1;
                    *b
                }
                (None, None) => break,
            };
            out.values.push(next);
        }
        for (k, c) in cue.iter().enumerate() {
            if *c > 0.0 {
                out.values.push((cue_id(k), (1.0 + c).ln()));
            }
        }
        if origins {
            out.origins = self.origins(ranges);
            crate::order::sort_by_key(&mut out.origins, |&(id, s)| {
                crate::order::pair_key(id as usize, s.start)
            });
        }
        out
    }

    fn bigram(&self, i: usize, j: usize) -> u32 {
        let word = |k: usize| &self.folded[self.folded_at[k]..self.folded_at[k + 1]];
        fnv(b'b', &[word(i), word(j)])
    }

    /// Every feature occurrence in `ranges` with its source span, in text
    /// order (unsorted, hashed and cue features alike): what explaining a
    /// score needs, without building the vector again.
    pub fn origins(&self, ranges: &[Span]) -> Vec<(u32, Span)> {
        let (idx, spans) = self.select(ranges);
        let mut out = Vec::with_capacity(idx.len() * 14);
        for (k, &i) in idx.iter().enumerate() {
            let span = self.spans[i];
            out.push((self.word[i], span));
            if let Some(&j) = idx.get(k + 1) {
                let end = self.spans[j].end;
                out.push((
                    self.bigram_of(i, j),
                    Span {
                        start: span.start,
                        end,
                    },
                ));
            }
            let cs = &self.chars[self.char_start[i]..self.char_start[i + 1]];
            out.extend(cs.iter().map(|&id| (id, span)));
            let bits = self.cue_bits[i];
            out.extend(
                (4..10)
                    .filter(|c| bits >> c & 1 == 1)
                    .map(|c| (cue_id(c), span)),
            );
        }
        punctuation_cues(
            &self.marks,
            ranges,
            &spans,
            &mut [0.0; CUES.len()],
            Some(&mut out),
        );
        out
    }
}

/// Sorts hashed ids (< 2^22) by least-significant-digit radix passes:
/// linear, and faster than a comparison sort for the hundreds to thousands
/// of ids of a sentence, paragraph or article. Each pass costs its bucket
/// count plus two reads of the data, so short inputs take three 8-bit passes
/// and long ones two 11-bit passes.
fn radix_sort(ids: &mut Vec<u32>) {
    const { assert!(HASH_BITS <= 22) };
    if ids.len() < 64 {
        ids.sort_unstable();
    } else if ids.len() < 4096 {
        radix_passes::<8>(ids, 3);
    } else {
        radix_passes::<11>(ids, 2);
    }
}

fn radix_passes<const BITS: u32>(ids: &mut Vec<u32>, passes: u32) {
    let buckets = 1usize << BITS;
    let mut tmp = vec![0u32; ids.len()];
    let mut count = vec![0u32; buckets];
    for pass in 0..passes {
        let shift = pass * BITS;
        count.fill(0);
        for &x in ids.iter() {
            count[(x >> shift) as usize & (buckets - 1)] += 1;
        }
        let mut at = 0;
        for c in count.iter_mut() {
            let n = *c;
            *c = at;
            at += n;
        }
        for &x in ids.iter() {
            let b = (x >> shift) as usize & (buckets - 1);
            tmp[count[b] as usize] = x;
            count[b] += 1;
        }
        std::mem::swap(ids, &mut tmp);
    }
}

/// `ln n`, from a table for small `n`: a text's repeated words and
/// character n-grams would otherwise call `ln` thousands of times.
fn ln(n: usize) -> f32 {
    static TABLE: std::sync::OnceLock<[f32; 64]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| std::array::from_fn(|k| (k as f32).ln()));
    match table.get(n) {
        Some(&x) => x,
        None => (n as f32).ln(),
    }
}

/// `1 + ln tf`, L2-normalised over the group.
fn push_group(values: &mut Vec<(u32, f32)>, mut ids: Vec<u32>) {
    radix_sort(&mut ids);
    values.reserve(ids.len());
    let start = values.len();
    let mut i = 0;
    while i < ids.len() {
        let mut j = i;
        while j < ids.len() && ids[j] == ids[i] {
            j += 1;
        }
        // `1 + ln tf`; most ids occur once, and ln 1 = 0 needs no call.
        let tf = j - i;
        values.push((ids[i], if tf == 1 { 1.0 } else { 1.0 + ln(tf) }));
        i = j;
    }
    let norm = values[start..]
        .iter()
        .map(|v| v.1 * v.1)
        .sum::<f32>()
        .sqrt();
    if norm > 0.0 {
        values[start..].iter_mut().for_each(|v| v.1 /= norm);
    }
}

/// `!`, `?`, quotes, and scare quotes (a quoted stretch of one to three
/// words), over the text of `ranges` read in order; `marks` are the text's
/// marks (see `Tokens::marks`), `spans` the tokens of those ranges, sorted.
fn punctuation_cues(
    marks: &[(usize, char)],
    ranges: &[Span],
    spans: &[Span],
    cue: &mut [f32; CUES.len()],
    mut origins: Option<&mut Vec<(u32, Span)>>,
) {
    let mut open: Option<(usize, char)> = None;
    for r in ranges {
        let from = marks.partition_point(|m| m.0 < r.start);
        let to = marks.partition_point(|m| m.0 < r.end);
        for &(i, c) in marks.get(from..to).unwrap_or_default() {
            let at = Span {
                start: i,
                end: i + c.len_utf8(),
            };
            let mut hit = |k: usize, span: Span| {
                cue[k] += 1.0;
                if let Some(o) = origins.as_deref_mut() {
                    o.push((cue_id(k), span));
                }
            };
            match c {
                '!' => hit(0, at),
                '?' => hit(1, at),
                _ => {}
            }
            let closes = match open {
                Some((_, '"')) => c == '"',
                Some((_, '«')) => c == '»',
                Some((_, '“')) | Some((_, '„')) => c == '”' || c == '“',
                Some((_, '‹')) => c == '›',
                _ => false,
            };
            if let (true, Some((from, _))) = (closes, open) {
                // Tokens strictly inside the quotes: two binary searches, so
                // many quotes in a long text stay linear.
                let first = spans.partition_point(|s| s.start <= from);
                let last = spans.partition_point(|s| s.end <= i);
                let inner = last.saturating_sub(first);
                let span = Span {
                    start: from,
                    end: at.end,
                };
                hit(2, span);
                if (1..=3).contains(&inner) {
                    hit(3, span);
                }
                open = None;
            } else if QUOTES_OPEN.contains(&c) {
                open = Some((i, c));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_normalised_and_cues_fire() {
        let lx = Lexicons::builtin();
        let f = extract("Vous êtes TOUJOURS «traîtres» ! Nous, jamais.", &lx, true);
        let ids: Vec<u32> = f.values.iter().map(|v| v.0).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]));
        for (k, name) in CUES.iter().enumerate() {
            let on = f.get(cue_id(k)) > 0.0;
            let want = matches!(
                *name,
                "exclamation"
                    | "quote"
                    | "scare_quote"
                    | "all_caps"
                    | "absolute"
                    | "second_person"
                    | "first_plural"
                    | "log_words"
            );
            assert_eq!(on, want, "{name}");
        }
        let w: f32 = f
            .values
            .iter()
            .filter(|v| v.0 < 1 << HASH_BITS)
            .map(|v| v.1 * v.1)
            .sum();
        // Two unit-norm groups (up to collisions).
        assert!((w - 2.0).abs() < 0.05, "{w}");
        // Origins point at real text.
        let t = "Vous êtes TOUJOURS «traîtres» ! Nous, jamais.";
        let word = fnv(b'w', &["toujours"]);
        let o = f.origins.iter().find(|o| o.0 == word).unwrap();
        assert_eq!(&t[o.1.start..o.1.end], "TOUJOURS");
    }

    #[test]
    fn ln_table_gives_ln() {
        for n in 0..300 {
            assert_eq!(ln(n).to_bits(), (n as f32).ln().to_bits(), "{n}");
        }
    }

    #[test]
    fn radix_sort_sorts() {
        // Every path: comparison sort, 8-bit and 11-bit passes.
        for n in [10u32, 300, 5000] {
            let mut v: Vec<u32> = (0..n)
                .map(|i| i.wrapping_mul(2_654_435_761) & ((1 << HASH_BITS) - 1))
                .chain([0, (1 << HASH_BITS) - 1, 0])
                .collect();
            let mut w = v.clone();
            w.sort_unstable();
            radix_sort(&mut v);
            assert_eq!(v, w, "{n}");
        }
    }

    #[test]
    fn char_ngrams_hash_like_the_reference() {
        let lx = Lexicons::builtin();
        let f = extract("Ärger", &lx, false);
        for g in [" ar", "arg", "rger", "ger ", "rger ", " arge"] {
            assert!(f.get(fnv(b'c', &[g])) > 0.0, "{g}");
        }
        // 3..=5-grams of " ärger " (7 chars): 5 + 4 + 3.
        let chars = f.values.len() - 2 /* unigram, log_words */;
        assert!(chars <= 12, "{chars}");
    }

    #[test]
    fn features_of_ranges_equal_extract_of_their_text() {
        let lx = Lexicons::builtin();
        let text = "Titre « choc » !\n\nIls MENTENT, toujours. Nous, jamais ? \"Vraiment\" dit-il.\n\nLe 3 mai, l'État paiera.";
        let tk = Tokens::new(text, &lx);
        let paras: Vec<Span> = {
            let mut v = Vec::new();
            let mut at = 0;
            for p in text.split("\n\n") {
                v.push(Span {
                    start: at,
                    end: at + p.len(),
                });
                at += p.len() + 2;
            }
            v
        };
        for (i, p) in paras.iter().enumerate() {
            let sub = &text[p.start..p.end];
            let mut want = extract(sub, &lx, true);
            for o in &mut want.origins {
                o.1.start += p.start;
                o.1.end += p.start;
            }
            assert_eq!(tk.features(&[*p], true), want, "paragraph {i}");
        }
        // Two blocks as one document: as if joined by a blank line.
        let joined = format!(
            "{}\n\n{}",
            &text[paras[0].start..paras[0].end],
            &text[paras[2].start..paras[2].end]
        );
        assert_eq!(
            tk.features(&[paras[0], paras[2]], false),
            extract(&joined, &lx, false)
        );
    }

    #[test]
    fn same_text_same_vector_and_empty_is_empty() {
        let lx = Lexicons::builtin();
        let a = extract("Ein Satz, noch ein Satz.", &lx, false);
        assert_eq!(a, extract("Ein Satz, noch ein Satz.", &lx, false));
        assert!(extract("", &lx, true).values.is_empty());
        assert!(extract(" \u{0} ", &lx, false).values.is_empty());
    }
}
