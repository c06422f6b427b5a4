//! The line classifier: jusText-like features of a line, its neighbours and the
//! rules that fired around it, scored by two stacked logistic regressions
//! trained with linfa (`spinsift train-lines`, feature `train`).
//!
//! Stage 1 scores each line from its own and its neighbours' features. Stage 2
//! adds the stage-1 probabilities of the surrounding lines (window means), so a
//! short line inside the article and the same line inside a menu come out
//! differently. At run time both are a dot product: no linfa in the `.wasm`.
//!
//! [`features`] is the one feature extractor, used by training and inference
//! alike, so the two cannot drift; the model file lists the feature names and
//! loading refuses a file whose names differ.

// Indices: feature rows have the model's width, checked when the model
// is parsed; line indices come from the states they index.
#![allow(clippy::indexing_slicing)]

use super::dict::FastMap;
use super::{LineState, rules};
use crate::{Error, normalize};

/// Names of the stage-1 features, in order.
pub const STAGE1: [&str; 43] = [
    "log_chars",
    "log_words",
    "stop_density",
    "stop_weighted",
    "ends_sentence",
    "digit_ratio",
    "upper_ratio",
    "capitalised_words",
    "special_chars",
    "url",
    "commas_per_word",
    "very_short",
    "rule_hit",
    "rule_marker",
    "ends_colon",
    "short_with_digits",
    "paren_count_end",
    "prose",
    "after_marker",
    "bullet",
    "prev2_log_chars",
    "prev2_stop_weighted",
    "prev2_ends_sentence",
    "prev2_rule_hit",
    "prev1_log_chars",
    "prev1_stop_weighted",
    "prev1_ends_sentence",
    "prev1_rule_hit",
    "next1_log_chars",
    "next1_stop_weighted",
    "next1_ends_sentence",
    "next1_rule_hit",
    "next2_log_chars",
    "next2_stop_weighted",
    "next2_ends_sentence",
    "next2_rule_hit",
    "win5_stop_weighted",
    "win5_log_chars",
    "win5_rule_hit",
    "position",
    "position_sq",
    "log_chars_minus_median",
    "repeated",
];

/// Number of stage-1 features.
pub const N1: usize = STAGE1.len();
/// Number of stage-2 features.
pub const N2: usize = N1 + STAGE2_EXTRA.len();

/// Names of the extra stage-2 features, appended to [`STAGE1`].
pub const STAGE2_EXTRA: [&str; 104] = [
    "p1",
    "p1_win1",
    "p1_win3",
    "p1_win10",
    "p1_win30",
    "p1_mean_before",
    "p1_mean_after",
    "p1_max",
    "p1_bin0",
    "p1_bin1",
    "p1_bin2",
    "p1_bin3",
    "p1_bin4",
    "p1_bin5",
    "p1_win1_bin0",
    "p1_win1_bin1",
    "p1_win1_bin2",
    "p1_win1_bin3",
    "p1_win1_bin4",
    "p1_win1_bin5",
    "p1_win3_bin0",
    "p1_win3_bin1",
    "p1_win3_bin2",
    "p1_win3_bin3",
    "p1_win3_bin4",
    "p1_win3_bin5",
    "p1_win10_bin0",
    "p1_win10_bin1",
    "p1_win10_bin2",
    "p1_win10_bin3",
    "p1_win10_bin4",
    "p1_win10_bin5",
    "chars_bin0",
    "chars_bin1",
    "chars_bin2",
    "chars_bin3",
    "chars_bin4",
    "chars_bin5",
    "stop_weighted_bin0",
    "stop_weighted_bin1",
    "stop_weighted_bin2",
    "stop_weighted_bin3",
    "stop_weighted_bin4",
    "stop_weighted_bin5",
    "p1_win30_bin0",
    "p1_win30_bin1",
    "p1_win30_bin2",
    "p1_win30_bin3",
    "p1_win30_bin4",
    "p1_win30_bin5",
    "p1_mean_before_bin0",
    "p1_mean_before_bin1",
    "p1_mean_before_bin2",
    "p1_mean_before_bin3",
    "p1_mean_before_bin4",
    "p1_mean_before_bin5",
    "p1_mean_after_bin0",
    "p1_mean_after_bin1",
    "p1_mean_after_bin2",
    "p1_mean_after_bin3",
    "p1_mean_after_bin4",
    "p1_mean_after_bin5",
    "position_bin0",
    "position_bin1",
    "position_bin2",
    "position_bin3",
    "position_bin4",
    "position_bin5",
    "chars0_x_win3_0",
    "chars0_x_win3_1",
    "chars0_x_win3_2",
    "chars0_x_win3_3",
    "chars0_x_win3_4",
    "chars0_x_win3_5",
    "chars1_x_win3_0",
    "chars1_x_win3_1",
    "chars1_x_win3_2",
    "chars1_x_win3_3",
    "chars1_x_win3_4",
    "chars1_x_win3_5",
    "chars2_x_win3_0",
    "chars2_x_win3_1",
    "chars2_x_win3_2",
    "chars2_x_win3_3",
    "chars2_x_win3_4",
    "chars2_x_win3_5",
    "chars3_x_win3_0",
    "chars3_x_win3_1",
    "chars3_x_win3_2",
    "chars3_x_win3_3",
    "chars3_x_win3_4",
    "chars3_x_win3_5",
    "chars4_x_win3_0",
    "chars4_x_win3_1",
    "chars4_x_win3_2",
    "chars4_x_win3_3",
    "chars4_x_win3_4",
    "chars4_x_win3_5",
    "chars5_x_win3_0",
    "chars5_x_win3_1",
    "chars5_x_win3_2",
    "chars5_x_win3_3",
    "chars5_x_win3_4",
    "chars5_x_win3_5",
];

const BASE: usize = 20;

// Byte classes of `ASCII_CLASS`, one bit each.
const DIGIT: u8 = 1;
const UPPER: u8 = 2;
const LOWER: u8 = 4;
const COMMA: u8 = 8;
const SPECIAL: u8 = 16;
const SPACE: u8 = 32;

/// Classes of the ASCII bytes for [`Scan::of`]. Spaces are those of
/// `char::is_whitespace`: space and `\t \n \x0B \x0C \r`.
const ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'0'..=b'9' => DIGIT,
            b'A'..=b'Z' => UPPER,
            b'a'..=b'z' => LOWER,
            b',' | b';' | b':' => COMMA,
            b'|' | b'@' => SPECIAL,
            b' ' | b'\t'..=b'\r' => SPACE,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// Per byte, what an ASCII byte adds to the digit, upper-case, letter and
/// comma counts, in four lanes of 12 bits (one addition counts all four),
/// and its class bits above them (`SCAN_CLASS`); 0 for non-ASCII bytes.
const SCAN: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 128 {
        let c = ASCII_CLASS[b];
        t[b] = (c & DIGIT != 0) as u64
            | ((c & UPPER != 0) as u64) << 12
            | ((c & (UPPER | LOWER) != 0) as u64) << 24
            | ((c & COMMA != 0) as u64) << 36
            | (c as u64) << SCAN_CLASS;
        b += 1;
    }
    t
};

/// Where the class bits of a [`SCAN`] entry start.
const SCAN_CLASS: u32 = 48;
/// Most bytes a 12-bit lane can count before it is flushed.
const LANE_MAX: usize = 4095;

/// What one pass over a line's characters counts for [`base_features`].
#[derive(Default)]
struct Scan {
    chars: usize,
    digits: usize,
    upper: usize,
    letters: usize,
    /// `,`, `;` and `:`.
    commas: usize,
    /// Whitespace-separated tokens, as `split_whitespace` gives them.
    tokens: usize,
    /// Tokens whose first character is upper case.
    caps: usize,
    /// Any of `|`, `»`, `›`, `©`, `@`.
    special: bool,
    in_token: bool,
}

impl Scan {
    /// One pass instead of four (characters, tokens, separators): ASCII
    /// bytes are classified directly, since most text is mostly ASCII and
    /// decoding every character was a tenth of sifting; others as `char`s.
    fn of(text: &str) -> Scan {
        let mut s = Scan::default();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // The ASCII bytes before the next non-ASCII one or the end.
            let n = s.ascii_bytes(bytes.get(i..).unwrap_or_default());
            i += n;
            if n > 0 {
                continue;
            }
            // Then the characters up to the next ASCII byte.
            let Some(rest) = text.get(i..) else { break };
            let other = rest.find(|c: char| c.is_ascii()).unwrap_or(rest.len());
            for c in rest.get(..other).unwrap_or_default().chars() {
                s.chars += 1;
                // Two common ranges need no Unicode tables.
                if normalize::is_latin1_lower(c) {
                    s.token(false, || false);
                    s.letters += 1;
                    continue;
                }
                if normalize::is_common_punct(c) {
                    s.token(false, || false);
                    continue;
                }
                s.token(c.is_whitespace(), || c.is_uppercase());
                if c.is_numeric() {
                    s.digits += 1;
                } else if c.is_alphabetic() {
                    s.letters += 1;
                    if c.is_uppercase() {
                        s.upper += 1;
                    }
                } else if matches!(c, '»' | '›' | '©') {
                    s.special = true;
                }
            }
            i += other;
        }
        s
    }

    /// Counts the leading ASCII bytes of `b` (at most `LANE_MAX`) one at a
    /// time; returns how many it read.
    fn ascii_bytes(&mut self, b: &[u8]) -> usize {
        let (mut packed, mut any) = (0u64, 0u64);
        let (mut tokens, mut caps) = (0u64, 0u64);
        let mut after_space = u64::from(!self.in_token);
        let mut n = 0;
        for &b in b.iter().take(LANE_MAX) {
            if b >= 0x80 {
                break;
            }
            let v = SCAN.get(usize::from(b)).copied().unwrap_or(0);
            packed = packed.wrapping_add(v);
            any |= v;
            let space = v >> (SCAN_CLASS + SPACE.trailing_zeros()) & 1;
            let start = after_space & (space ^ 1);
            tokens += start;
            caps += start & v >> (SCAN_CLASS + UPPER.trailing_zeros());
            after_space = space;
            n += 1;
        }
        self.in_token = after_space == 0;
        self.tokens += tokens as usize;
        self.caps += caps as usize;
        self.special |= any >> SCAN_CLASS & u64::from(SPECIAL) != 0;
        let lane = |k: u32| (packed >> (12 * k)) as usize & LANE_MAX;
        self.digits += lane(0);
        self.upper += lane(1);
        self.letters += lane(2);
        self.commas += lane(3);
        self.chars += n;
        n
    }

    /// Counts a token at its first character.
    fn token(&mut self, space: bool, upper: impl FnOnce() -> bool) {
        if space {
            self.in_token = false;
        } else if !self.in_token {
            self.in_token = true;
            self.tokens += 1;
            if upper() {
                self.caps += 1;
            }
        }
    }
}

fn base_features(s: &LineState<'_>, after_marker: bool) -> [f32; BASE] {
    let text = s.line.text;
    let n = s.key.words();
    let Scan {
        chars,
        digits,
        upper,
        letters,
        commas,
        tokens,
        caps,
        special,
        ..
    } = Scan::of(text);
    let sd = s.stop_share;
    let v = s.verdict.as_ref();
    let b = |x: bool| if x { 1.0 } else { 0.0 };
    [
        (chars as f32).ln_1p(),
        (n as f32).ln_1p(),
        sd,
        sd * n.min(30) as f32 / 30.0,
        b(rules::ends_sentence(text)),
        digits as f32 / chars.max(1) as f32,
        upper as f32 / letters.max(1) as f32,
        caps as f32 / tokens.max(1) as f32,
        b(special),
        b(text.contains("http") || text.contains("www.")),
        commas as f32 / n.max(1) as f32,
        b(chars < 20),
        b(v.is_some()),
        b(v.is_some_and(|v| v.marker)),
        b(text.ends_with(':')),
        b(digits > 0 && n <= 8),
        b(text.ends_with(')')
            && text
                .rsplit('(')
                .next()
                .is_some_and(|t| t.trim_end_matches(')').chars().all(|c| c.is_ascii_digit()))),
        b(rules::is_prose(text, n)),
        b(after_marker),
        b(text.starts_with(['-', '•', '*', '–', '·', '▪', '►'])),
    ]
}

/// Stage-1 feature rows for every line (row-major, `STAGE1.len()` per line).
pub fn features(states: &[LineState<'_>]) -> Vec<[f32; N1]> {
    let n = states.len();
    let mut after = false;
    let base: Vec<[f32; BASE]> = states
        .iter()
        .map(|s| {
            let f = base_features(s, after);
            after |= s.verdict.as_ref().is_some_and(|v| v.marker);
            f
        })
        .collect();
    let mut sorted: Vec<f32> = base.iter().map(|b| b[0]).collect();
    crate::order::sort_by_key(&mut sorted, |&x| crate::order::f32_key(x));
    let median = sorted.get(n / 2).copied().unwrap_or(0.0);
    let mut counts: FastMap<&str, u32> = FastMap::default();
    for s in states {
        *counts.entry(s.key.key.as_str()).or_default() += 1;
    }
    // Prefix sums for window means of (stop_weighted, log_chars, rule_hit).
    let mut cs = vec![[0f32; 3]; n + 1];
    for i in 0..n {
        for (k, f) in [3, 0, 12].into_iter().enumerate() {
            cs[i + 1][k] = cs[i][k] + base[i][f];
        }
    }
    (0..n)
        .map(|i| {
            let mut f = [0f32; N1];
            f[..BASE].copy_from_slice(&base[i]);
            let mut k = BASE;
            for d in [-2isize, -1, 1, 2] {
                let j = i as isize + d;
                if j >= 0 && (j as usize) < n {
                    let nb = &base[j as usize];
                    f[k..k + 4].copy_from_slice(&[nb[0], nb[3], nb[4], nb[12]]);
                }
                k += 4;
            }
            let (lo, hi) = (i.saturating_sub(5), (i + 6).min(n));
            for w in 0..3 {
                f[k + w] = (cs[hi][w] - cs[lo][w]) / (hi - lo) as f32;
            }
            k += 3;
            let pos = i as f32 / n as f32;
            f[k] = pos;
            f[k + 1] = pos * pos;
            f[k + 2] = base[i][0] - median;
            f[k + 3] = if counts.get(states[i].key.key.as_str()).copied().unwrap_or(0) > 1 {
                1.0
            } else {
                0.0
            };
            f
        })
        .collect()
}

/// Stage-2 rows: stage-1 rows plus window statistics of the stage-1
/// probabilities `p1`.
pub fn stage2_features<'a>(
    f1: &'a [[f32; N1]],
    p1: &'a [f32],
) -> impl Iterator<Item = [f32; N2]> + 'a {
    let n = p1.len();
    let mut cs = vec![0f64; n + 1];
    for i in 0..n {
        cs[i + 1] = cs[i] + f64::from(p1[i]);
    }
    let max = p1.iter().copied().fold(0f32, f32::max);
    let win = move |cs: &[f64], i: usize, r: usize| {
        let (lo, hi) = (i.saturating_sub(r), (i + r + 1).min(n));
        ((cs[hi] - cs[lo]) / (hi - lo) as f64) as f32
    };
    // Rows are produced lazily: inference scores them one at a time instead of
    // holding a matrix of the whole input.
    (0..n).map(move |i| {
        let mut f = [0f32; N2];
        f[..N1].copy_from_slice(&f1[i]);
        f[N1] = p1[i];
        f[N1 + 1] = win(&cs, i, 1);
        f[N1 + 2] = win(&cs, i, 3);
        f[N1 + 3] = win(&cs, i, 10);
        f[N1 + 4] = win(&cs, i, 30);
        f[N1 + 5] = if i > 0 {
            (cs[i] / i as f64) as f32
        } else {
            0.0
        };
        f[N1 + 6] = if i + 1 < n {
            ((cs[n] - cs[i + 1]) / (n - i - 1) as f64) as f32
        } else {
            0.0
        };
        f[N1 + 7] = max;
        // Piecewise versions of the strongest signals: one-hot bins let
        // the linear model fit non-linear shapes.
        let p_bins = P_EDGES;
        for (k, v) in [f[N1], f[N1 + 1], f[N1 + 2], f[N1 + 3]]
            .into_iter()
            .enumerate()
        {
            f[N1 + 8 + k * 6 + bin(v, &p_bins)] = 1.0;
        }
        // ln(1 + chars) at 10, 20, 40, 80, 160 characters.
        f[N1 + 32 + bin(f1[i][0], &CHAR_EDGES)] = 1.0;
        f[N1 + 38 + bin(f1[i][3], &STOP_EDGES)] = 1.0;
        for (k, v) in [f[N1 + 4], f[N1 + 5], f[N1 + 6], f1[i][39]]
            .into_iter()
            .enumerate()
        {
            f[N1 + 44 + k * 6 + bin(v, &p_bins)] = 1.0;
        }
        // Length × context: a short line inside the article and the same
        // line among menus are different cells.
        let cb = bin(f1[i][0], &CHAR_EDGES);
        f[N1 + 68 + cb * 6 + bin(f[N1 + 2], &p_bins)] = 1.0;
        f
    })
}

/// Bin edges of probabilities and positions.
const P_EDGES: [f32; 5] = [0.1, 0.25, 0.5, 0.75, 0.9];
/// Bin edges of ln(1 + chars): 10, 20, 40, 80, 160 characters.
const CHAR_EDGES: [f32; 5] = [2.4, 3.0, 3.7, 4.4, 5.1];
/// Bin edges of the weighted stop-word density.
const STOP_EDGES: [f32; 5] = [0.02, 0.05, 0.1, 0.2, 0.3];

/// Index of the bin of `v` among ascending `edges` (0..=edges.len()).
fn bin(v: f32, edges: &[f32]) -> usize {
    edges.iter().take_while(|&&e| v >= e).count()
}

/// One standardised logistic regression: `σ(b + Σ wᵢ (xᵢ − μᵢ) / σᵢ)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Logistic {
    /// Intercept.
    pub bias: f32,
    /// Per feature: mean, standard deviation, weight.
    pub terms: Vec<(f32, f32, f32)>,
}

impl Logistic {
    /// Probability of the positive class (content) for one row.
    pub fn prob(&self, x: &[f32]) -> f32 {
        let z = self.bias
            + self
                .terms
                .iter()
                .zip(x)
                .map(|(&(m, s, w), &v)| w * (v - m) / s)
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// The same function with the standardisation folded into the weights
    /// (`b' = b − Σ wᵢμᵢ/σᵢ`, `wᵢ' = wᵢ/σᵢ`): a multiply-add per feature
    /// instead of a subtraction and a division, for scoring many rows.
    fn folded(&self) -> Folded {
        let mut bias = f64::from(self.bias);
        let w = self
            .terms
            .iter()
            .map(|&(m, s, w)| {
                bias -= f64::from(w) * f64::from(m) / f64::from(s);
                w / s
            })
            .collect();
        Folded {
            bias: bias as f32,
            w,
        }
    }
}

/// A [`Logistic`] with its standardisation folded in (see [`Logistic::folded`]).
struct Folded {
    bias: f32,
    w: Vec<f32>,
}

impl Folded {
    fn prob(&self, x: &[f32]) -> f32 {
        let z = self.bias + self.w.iter().zip(x).map(|(w, v)| w * v).sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }
}

/// The two-stage line model and the header of the file it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct LineModel {
    /// Stage-1 regression over [`STAGE1`].
    pub stage1: Logistic,
    /// Stage-2 regression over [`STAGE1`] + [`STAGE2_EXTRA`].
    pub stage2: Logistic,
    /// Default drop threshold on the probability of content.
    pub threshold: f32,
    /// Header lines (`key value`), for reporting.
    pub header: Vec<(String, String)>,
}

/// The format version this code reads and writes.
pub const FORMAT: &str = "spinsift-lines 1";

/// FNV-1a, 64-bit: the checksum of the model body.
pub fn fnv64(data: &str) -> u64 {
    data.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

impl LineModel {
    /// The model shipped in `data/models/lines.model`.
    ///
    /// # Errors
    /// [`Error::Data`] if the embedded file is corrupt.
    pub fn builtin() -> Result<LineModel, Error> {
        LineModel::parse(include_str!(concat!(
            env!("OUT_DIR"),
            "/data/models/lines.model"
        )))
    }

    /// Parses and checks a model file: format line, feature names, hash.
    ///
    /// # Errors
    /// [`Error::Data`] naming the line that is wrong.
    pub fn parse(text: &str) -> Result<LineModel, Error> {
        let err = |line: usize, message: String| Error::Data {
            source: "line model".into(),
            line,
            message,
        };
        let mut header = Vec::new();
        let mut body_start = None;
        let mut format_ok = false;
        for (i, l) in text.lines().enumerate() {
            if l.starts_with('#') || l.trim().is_empty() {
                continue;
            }
            if l.starts_with("stage") {
                body_start = Some(i);
                break;
            }
            if l == FORMAT {
                format_ok = true;
                continue;
            }
            let (k, v) = l
                .split_once(' ')
                .ok_or_else(|| err(i + 1, "expected `key value`".into()))?;
            header.push((k.to_string(), v.to_string()));
        }
        if !format_ok {
            return Err(err(
                0,
                format!("not a line model: expected a `{FORMAT}` line"),
            ));
        }
        let body_start = body_start.ok_or_else(|| err(0, "no stage lines".into()))?;
        let body: String = text
            .lines()
            .skip(body_start)
            .map(|l| format!("{l}\n"))
            .collect();
        let get = |k: &str| header.iter().find(|(h, _)| h == k).map(|(_, v)| v.as_str());
        let want = get("hash").ok_or_else(|| err(0, "missing hash".into()))?;
        let have = format!("{:016x}", fnv64(&body));
        if want != have {
            return Err(err(
                0,
                format!(
                    "hash mismatch: header says {want}, body hashes to {have} (file edited or truncated)"
                ),
            ));
        }
        let threshold: f32 = get("threshold")
            .and_then(|t| t.parse().ok())
            .filter(|t: &f32| (0.0..=1.0).contains(t))
            .ok_or_else(|| err(0, "missing or invalid threshold".into()))?;
        let mut stages = [
            Logistic {
                bias: 0.0,
                terms: Vec::new(),
            },
            Logistic {
                bias: 0.0,
                terms: Vec::new(),
            },
        ];
        let names2: Vec<&str> = STAGE1.iter().chain(STAGE2_EXTRA.iter()).copied().collect();
        for (i, l) in text.lines().enumerate().skip(body_start) {
            if l.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = l.split_whitespace().collect();
            let stage = match f.first() {
                Some(&"stage1") => 0,
                Some(&"stage2") => 1,
                _ => return Err(err(i + 1, "expected stage1 or stage2".into())),
            };
            let num = |s: Option<&&str>| -> Result<f32, Error> {
                s.and_then(|s| s.parse::<f32>().ok())
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| err(i + 1, "expected a finite number".into()))
            };
            if f.get(1) == Some(&"bias") {
                stages[stage].bias = num(f.get(2))?;
                continue;
            }
            let names: &[&str] = if stage == 0 { &STAGE1 } else { &names2 };
            let idx = stages[stage].terms.len();
            if f.get(1).copied() != names.get(idx).copied() {
                return Err(err(
                    i + 1,
                    format!(
                        "feature {idx} of {} should be {:?}, found {:?}",
                        f[0],
                        names.get(idx),
                        f.get(1)
                    ),
                ));
            }
            let (m, s, w) = (num(f.get(2))?, num(f.get(3))?, num(f.get(4))?);
            if s <= 0.0 {
                return Err(err(i + 1, "standard deviation must be positive".into()));
            }
            stages[stage].terms.push((m, s, w));
        }
        if stages[0].terms.len() != STAGE1.len() || stages[1].terms.len() != names2.len() {
            return Err(err(0, "model is missing features (truncated?)".into()));
        }
        let [stage1, stage2] = stages;
        Ok(LineModel {
            stage1,
            stage2,
            threshold,
            header,
        })
    }

    /// Serialises the model with a header; the hash is computed here.
    pub fn to_text(&self, header: &[(String, String)]) -> String {
        let mut body = String::new();
        let names2: Vec<&str> = STAGE1.iter().chain(STAGE2_EXTRA.iter()).copied().collect();
        for (si, (st, names)) in [(&self.stage1, &STAGE1[..]), (&self.stage2, &names2[..])]
            .into_iter()
            .enumerate()
        {
            body.push_str(&format!("stage{} bias {}\n", si + 1, st.bias));
            for (n, (m, s, w)) in names.iter().zip(&st.terms) {
                body.push_str(&format!("stage{} {n} {m} {s} {w}\n", si + 1));
            }
        }
        let mut out = String::new();
        out.push_str("# spinsift line model: two stacked logistic regressions over the features in src/sift/classify.rs.\n");
        out.push_str("# GENERATED BY: cargo run --release --features train -- train-lines --data ../shared/corpus/boilerplate/plaintext/plaintext_eval.jsonl --out data/models/lines.model\n");
        out.push_str("# Body lines: stageN <feature> <mean> <std> <weight>. Do not edit: the hash below is checked on load.\n");
        out.push_str(FORMAT);
        out.push('\n');
        for (k, v) in header {
            out.push_str(&format!("{k} {v}\n"));
        }
        out.push_str(&format!("threshold {}\n", self.threshold));
        out.push_str(&format!("hash {:016x}\n", fnv64(&body)));
        out.push_str(&body);
        out
    }

    /// Probability of content for every line.
    pub fn predict(&self, states: &[LineState<'_>]) -> Vec<f32> {
        let f1 = features(states);
        let (s1, s2) = (self.stage1.folded(), self.stage2.folded());
        let p1: Vec<f32> = f1.iter().map(|x| s1.prob(x)).collect();
        stage2_features(&f1, &p1).map(|x| s2.prob(&x)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`Scan::of`] one character at a time, without byte tables or lanes.
    fn scan_by_chars(text: &str) -> [usize; 8] {
        let mut s = Scan::default();
        for c in text.chars() {
            s.chars += 1;
            if c.is_ascii() {
                let class = ASCII_CLASS[c as usize];
                s.digits += usize::from(class & DIGIT != 0);
                s.upper += usize::from(class & UPPER != 0);
                s.letters += usize::from(class & (UPPER | LOWER) != 0);
                s.commas += usize::from(class & COMMA != 0);
                s.special |= class & SPECIAL != 0;
                s.token(class & SPACE != 0, || class & UPPER != 0);
            } else if normalize::is_latin1_lower(c) {
                s.token(false, || false);
                s.letters += 1;
            } else if normalize::is_common_punct(c) {
                s.token(false, || false);
            } else {
                s.token(c.is_whitespace(), || c.is_uppercase());
                if c.is_numeric() {
                    s.digits += 1;
                } else if c.is_alphabetic() {
                    s.letters += 1;
                    s.upper += usize::from(c.is_uppercase());
                } else {
                    s.special |= matches!(c, '»' | '›' | '©');
                }
            }
        }
        fields(&s)
    }

    fn fields(s: &Scan) -> [usize; 8] {
        [
            s.chars,
            s.digits,
            s.upper,
            s.letters,
            s.commas,
            s.tokens,
            s.caps,
            usize::from(s.special),
        ]
    }

    #[test]
    fn scan_counts_as_one_character_at_a_time() {
        // Every ASCII byte class, spaces of each kind, and non-ASCII letters,
        // digits, spaces and punctuation; ASCII runs longer than a lane
        // counts (4,095 bytes) before it is flushed.
        let alphabet: Vec<char> =
            "aZ9 \t\n\r\x0b\x0c,;:|@.!-'\"AbcdefXYZ0123é É»›©Ж ж١\u{a0}\u{2009}—’€"
                .chars()
                .collect();
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut texts: Vec<String> = vec![
            String::new(),
            "a".repeat(5000),
            "Ab ".repeat(1400),
            "Le Conseil, à Paris : « 12 votes » — fin.".repeat(90),
        ];
        for _ in 0..3000 {
            let len = next(40) + next(2) * next(3000);
            // Mostly ASCII, as articles are, so that whole words occur.
            let ascii = next(4) > 0;
            texts.push(
                (0..len)
                    .map(|_| {
                        let k = if ascii {
                            next(26)
                        } else {
                            next(alphabet.len())
                        };
                        alphabet[k]
                    })
                    .collect(),
            );
        }
        for t in &texts {
            assert_eq!(fields(&Scan::of(t)), scan_by_chars(t), "{t:?}");
        }
    }
}
