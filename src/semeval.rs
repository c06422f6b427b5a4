//! Reading and writing the SemEval-2023 Task 3 layout (articles, labels of
//! subtasks 1–3, technique spans), with its quirks handled:
//! - line numbers are 1-based and count blank lines; the title is line 1;
//! - span offsets are Unicode code points into the whole article file, and in
//!   every non-English language about a quarter of span ends stop one
//!   character early, mid-word: ends are extended to the word boundary;
//! - articles are the unit of every split, never paragraphs.

// The SemEval loader: native tooling behind the `cli` feature, never in
// the .wasm.
#![allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// One article file.
#[derive(Debug, Clone)]
pub struct Article {
    /// The id from `article<ID>.txt`.
    pub id: String,
    /// The whole file.
    pub text: String,
    /// Byte span of each line (1-based line `n` is `lines[n - 1]`).
    pub lines: Vec<(usize, usize)>,
}

impl Article {
    /// Line `n` (1-based), or `None` past the end.
    pub fn line(&self, n: usize) -> Option<&str> {
        let (s, e) = *self.lines.get(n.checked_sub(1)?)?;
        Some(&self.text[s..e])
    }
}

fn io_err(path: &Path, e: impl std::fmt::Display) -> String {
    format!("{}: {e}", path.display())
}

/// Reads every `article<ID>.txt` of `dir`, sorted by id.
///
/// # Errors
/// A message naming the unreadable file.
pub fn read_articles(dir: &Path) -> Result<Vec<Article>, String> {
    let mut out = Vec::new();
    let entries = fs::read_dir(dir).map_err(|e| io_err(dir, e))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let Some(name) = p.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        // `article<ID>.txt` with an alphanumeric id; not the span files
        // (`article<ID>-labels-subtask-3.txt`) should they sit alongside.
        let Some(id) = name
            .strip_prefix("article")
            .and_then(|n| n.strip_suffix(".txt"))
            .filter(|id| !id.is_empty() && id.chars().all(char::is_alphanumeric))
        else {
            continue;
        };
        let text = fs::read_to_string(&p).map_err(|e| io_err(&p, e))?;
        let mut lines = Vec::new();
        let mut start = 0;
        for l in text.split('\n') {
            let end = start + l.len();
            let trimmed = l.strip_suffix('\r').map_or(end, |t| start + t.len());
            lines.push((start, trimmed));
            start = end + 1;
        }
        out.push(Article {
            id: id.to_string(),
            text,
            lines,
        });
    }
    Ok(out)
}

/// Subtask 1 and 2 labels: `ID<TAB>label[,label…]`.
///
/// # Errors
/// A message naming the file.
pub fn read_doc_labels(path: &Path) -> Result<HashMap<String, Vec<String>>, String> {
    let text = fs::read_to_string(path).map_err(|e| io_err(path, e))?;
    let mut out = HashMap::new();
    for l in text.lines().filter(|l| !l.trim().is_empty()) {
        let (id, labels) = l.split_once('\t').unwrap_or((l, ""));
        out.insert(id.trim().to_string(), split_labels(labels));
    }
    Ok(out)
}

fn split_labels(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect()
}

/// Subtask 3 labels: `ID<TAB>line<TAB>technique[,technique…]`, in file order.
///
/// # Errors
/// A message naming the file and line that is malformed.
pub fn read_paragraph_labels(path: &Path) -> Result<Vec<(String, usize, Vec<String>)>, String> {
    let text = fs::read_to_string(path).map_err(|e| io_err(path, e))?;
    let mut out = Vec::new();
    for (i, l) in text.lines().enumerate() {
        if l.trim().is_empty() {
            continue;
        }
        let mut f = l.split('\t');
        let id = f.next().unwrap_or("").trim();
        let line = f.next().and_then(|n| n.trim().parse::<usize>().ok());
        let Some(line) = line.filter(|&n| n > 0) else {
            return Err(format!(
                "{}:{}: expected ID<TAB>line<TAB>labels",
                path.display(),
                i + 1
            ));
        };
        out.push((id.to_string(), line, split_labels(f.next().unwrap_or(""))));
    }
    Ok(out)
}

/// A technique span, in bytes of the article file.
#[derive(Debug, Clone, PartialEq)]
pub struct TechniqueSpan {
    /// Technique name.
    pub technique: String,
    /// First byte.
    pub start: usize,
    /// One past the last byte, extended to the end of a cut word.
    pub end: usize,
}

/// Reads `<dir>/article<ID>-labels-subtask-3.txt` for `article`, converting
/// code-point offsets to bytes and extending ends cut mid-word.
///
/// # Errors
/// A message naming the file.
pub fn read_spans(dir: &Path, article: &Article) -> Result<Vec<TechniqueSpan>, String> {
    let path = dir.join(format!("article{}-labels-subtask-3.txt", article.id));
    if !path.exists() {
        return Ok(Vec::new());
    }
    let text = fs::read_to_string(&path).map_err(|e| io_err(&path, e))?;
    // Code point index → byte offset.
    let bytes: Vec<usize> = article
        .text
        .char_indices()
        .map(|(b, _)| b)
        .chain([article.text.len()])
        .collect();
    let mut out = Vec::new();
    for l in text.lines() {
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let (Ok(s), Ok(e)) = (f[2].trim().parse::<usize>(), f[3].trim().parse::<usize>()) else {
            continue;
        };
        if s >= e || e >= bytes.len() {
            continue;
        }
        let start = bytes[s];
        let mut end = bytes[e];
        // A span that stops mid-word ends at the word's end.
        let prev_alnum = article.text[..end]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        if prev_alnum {
            end += article.text[end..]
                .char_indices()
                .find(|&(_, c)| !c.is_alphanumeric())
                .map_or(article.text.len() - end, |(i, _)| i);
        }
        out.push(TechniqueSpan {
            technique: f[1].trim().to_string(),
            start,
            end,
        });
    }
    Ok(out)
}

/// One language folder of the corpus.
#[derive(Debug, Clone)]
pub struct Language {
    /// Folder name: `en`, `fr`, `ge`, `it`, `po`, `ru`.
    pub code: String,
    /// Training articles.
    pub train: Vec<Article>,
    /// Subtask 1 labels (genre) of the training articles.
    pub genre: HashMap<String, Vec<String>>,
    /// Subtask 2 labels (frames) of the training articles.
    pub frames: HashMap<String, Vec<String>>,
    /// Subtask 3 labels (techniques per paragraph) of the training articles.
    pub paragraphs: Vec<(String, usize, Vec<String>)>,
    /// Technique spans of the training articles, by article id.
    pub spans: HashMap<String, Vec<TechniqueSpan>>,
    /// Dev articles.
    pub dev: Vec<Article>,
    /// Dev gold for subtask 3, where published (not for French).
    pub dev_paragraphs: Option<Vec<(String, usize, Vec<String>)>>,
}

/// The six languages of the task.
pub const LANGUAGES: [&str; 6] = ["en", "fr", "ge", "it", "po", "ru"];

/// ISO 639-1 code of a task language folder.
pub fn iso(code: &str) -> &str {
    match code {
        "ge" => "de",
        "po" => "pl",
        c => c,
    }
}

/// Loads one language folder under `root` (`…/semeval2023`).
///
/// # Errors
/// A message naming what is missing or malformed.
pub fn load_language(root: &Path, code: &str) -> Result<Language, String> {
    let dir = root.join(code);
    let train = read_articles(&dir.join("train-articles"))?;
    let span_dir = dir.join("train-labels-subtask-3-spans");
    let mut spans = HashMap::new();
    for a in &train {
        spans.insert(a.id.clone(), read_spans(&span_dir, a)?);
    }
    let dev_gold = dir.join("dev-labels-subtask-3.txt");
    Ok(Language {
        code: code.to_string(),
        genre: read_doc_labels(&dir.join("train-labels-subtask-1.txt"))?,
        frames: read_doc_labels(&dir.join("train-labels-subtask-2.txt"))?,
        paragraphs: read_paragraph_labels(&dir.join("train-labels-subtask-3.txt"))?,
        spans,
        dev: read_articles(&dir.join("dev-articles"))?,
        dev_paragraphs: if dev_gold.exists() {
            Some(read_paragraph_labels(&dev_gold)?)
        } else {
            None
        },
        train,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_bytes_and_cut_words_are_completed() {
        let dir = std::env::temp_dir().join(format!("spinsift-semeval-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let text = "Titre élevé\n\nUn «traître» absolu ici.\n";
        fs::write(dir.join("article7.txt"), text).unwrap();
        // Code points: "traître" is at 17..24; the second span ends 1 early.
        fs::write(
            dir.join("article7-labels-subtask-3.txt"),
            "7\tName_Calling-Labeling\t17\t24\n7\tLoaded_Language\t26\t30\n",
        )
        .unwrap();
        let arts = read_articles(&dir).unwrap();
        assert_eq!(arts[0].line(3), Some("Un «traître» absolu ici."));
        assert_eq!(arts[0].line(2), Some(""));
        let s = read_spans(&dir, &arts[0]).unwrap();
        assert_eq!(&text[s[0].start..s[0].end], "traître");
        assert_eq!(&text[s[1].start..s[1].end], "absolu");
        fs::remove_dir_all(&dir).unwrap();
    }
}

/// Per-label counts and the F1 figures of a labels file against gold.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// `(label, tp, fp, fn)` for every label of the label set, in its order.
    pub labels: Vec<(String, usize, usize, usize)>,
    /// Items in the gold file.
    pub items: usize,
}

/// F1 from counts (0 without true positives).
pub fn f1(tp: usize, fp: usize, fn_: usize) -> f64 {
    if tp == 0 {
        0.0
    } else {
        2.0 * tp as f64 / (2 * tp + fp + fn_) as f64
    }
}

impl Scores {
    /// Micro-F1 over all labels.
    pub fn micro_f1(&self) -> f64 {
        let (tp, fp, fn_) = self
            .labels
            .iter()
            .fold((0, 0, 0), |a, l| (a.0 + l.1, a.1 + l.2, a.2 + l.3));
        f1(tp, fp, fn_)
    }

    /// Macro-F1 over the labels that occur in the gold.
    pub fn macro_f1(&self) -> f64 {
        let f: Vec<f64> = self
            .labels
            .iter()
            .filter(|l| l.1 + l.3 > 0)
            .map(|l| f1(l.1, l.2, l.3))
            .collect();
        if f.is_empty() {
            0.0
        } else {
            f.iter().sum::<f64>() / f.len() as f64
        }
    }

    /// F1 of one label.
    pub fn f1(&self, label: &str) -> Option<f64> {
        self.labels
            .iter()
            .find(|l| l.0 == label)
            .map(|l| f1(l.1, l.2, l.3))
    }
}

/// Scores predictions against gold, item by item (`(id, line)`; line 0 for
/// document labels), over `label_set`; `map` renames labels first (e.g.
/// technique → family), `None` drops one. Items missing from the
/// predictions count as predicting nothing.
pub fn score(
    gold: &[(String, usize, Vec<String>)],
    pred: &[(String, usize, Vec<String>)],
    label_set: &[&str],
    map: &dyn Fn(&str) -> Option<String>,
) -> Scores {
    let index: HashMap<(&str, usize), &Vec<String>> = pred
        .iter()
        .map(|(id, n, l)| ((id.as_str(), *n), l))
        .collect();
    let mut counts: Vec<(String, usize, usize, usize)> = label_set
        .iter()
        .map(|l| ((*l).to_string(), 0, 0, 0))
        .collect();
    let set = |labels: &[String]| -> Vec<String> {
        let mut v: Vec<String> = labels.iter().filter_map(|l| map(l)).collect();
        v.sort();
        v.dedup();
        v
    };
    for (id, n, g) in gold {
        let g = set(g);
        let p = index.get(&(id.as_str(), *n)).map_or(Vec::new(), |p| set(p));
        for c in &mut counts {
            match (p.contains(&c.0), g.contains(&c.0)) {
                (true, true) => c.1 += 1,
                (true, false) => c.2 += 1,
                (false, true) => c.3 += 1,
                _ => {}
            }
        }
    }
    Scores {
        labels: counts,
        items: gold.len(),
    }
}
