//! Class, id, role and tag hints, from `data/html/hints.txt`.

use crate::sift::dict::FastMap;

use crate::Error;
use crate::result::Category;

/// What a hint says about an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// Looks like the article.
    Content,
    /// Junk of this category.
    Junk(Category),
    /// Furniture dropped without a report (scripts, forms' widgets, media).
    Skip,
}

/// The parsed hint tables.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    exact: FastMap<String, Hint>,
    prefix: FastMap<String, Hint>,
    /// Bit `n` set when some prefix entry is `n` bytes long (n < 64).
    prefix_lens: u64,
    roles: FastMap<String, Hint>,
    tags: FastMap<String, Hint>,
}

const BUILTIN: &str = include_str!(concat!(env!("OUT_DIR"), "/data/html/hints.txt"));

impl Hints {
    /// The built-in tables.
    ///
    /// # Errors
    /// [`Error::Data`] when a line names an unknown category.
    pub fn builtin() -> Result<Hints, Error> {
        Hints::parse(BUILTIN)
    }

    /// Parses the `hints.txt` format.
    ///
    /// # Errors
    /// [`Error::Data`] when a line names an unknown category or lacks a colon.
    pub fn parse(text: &str) -> Result<Hints, Error> {
        let mut h = Hints::default();
        for (no, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |why: &str| Error::Data {
                source: "hints.txt".into(),
                line: no + 1,
                message: why.into(),
            };
            let (head, list) = line.split_once(':').ok_or_else(|| bad("no colon"))?;
            let (table, name) = match head.split_once(' ') {
                Some((t, n)) => (Some(t), n),
                None => (None, head),
            };
            let hint = match name {
                "content" => Hint::Content,
                "skip" => Hint::Skip,
                n => Hint::Junk(Category::from_name(n).ok_or_else(|| bad("unknown category"))?),
            };
            for word in list.split_whitespace() {
                let word = word.to_ascii_lowercase();
                match table {
                    Some("role") => {
                        h.roles.insert(word, hint);
                    }
                    Some("tag") => {
                        h.tags.insert(word, hint);
                    }
                    Some(_) => return Err(bad("unknown table")),
                    None => match word.strip_suffix('*') {
                        Some(p) => {
                            if p.len() < 64 {
                                h.prefix_lens |= 1 << p.len();
                            }
                            h.prefix.insert(p.to_string(), hint);
                        }
                        None => {
                            h.exact.insert(word, hint);
                        }
                    },
                }
            }
        }
        Ok(h)
    }

    /// The hint of an element's tag name, if any.
    pub fn tag(&self, tag: &str) -> Option<Hint> {
        self.tags.get(tag).copied()
    }

    /// The hint of a `role` attribute value.
    pub fn role(&self, role: &str) -> Option<Hint> {
        role.split_ascii_whitespace()
            .find_map(|r| self.roles.get(&r.to_ascii_lowercase()).copied())
    }

    /// The hint of `class` and `id` values together: content when some token
    /// says content, else junk when some token is junk.
    pub fn names(&self, class: &str, id: &str) -> Option<Hint> {
        combine(self.value(class), self.value(id))
    }

    /// The hint of one `class` or `id` value: `(content, first junk)`.
    pub fn value(&self, value: &str) -> (bool, Option<Hint>) {
        let mut junk = None;
        let mut content = false;
        let mut note = |h: Option<Hint>| match h {
            Some(Hint::Content) => content = true,
            Some(h @ Hint::Junk(_)) => {
                junk.get_or_insert(h);
            }
            _ => {}
        };
        let toks = tokens(value);
        let mut joined = String::new();
        let mut prev: Option<&str> = None;
        for t in &toks {
            note(self.word(t));
            // `read-more`, `lire-aussi`: entries may name two tokens joined.
            if let Some(p) = prev {
                joined.clear();
                joined.push_str(p);
                joined.push_str(t);
                note(self.word(&joined));
            }
            prev = Some(t);
        }
        (content, junk)
    }

    fn word(&self, w: &str) -> Option<Hint> {
        if let Some(h) = self.exact.get(w) {
            return Some(*h);
        }
        // Prefix entries: look up the prefixes of the lengths entries have.
        (1..w.len().min(63) + 1)
            .filter(|&n| self.prefix_lens & (1 << n) != 0 && w.is_char_boundary(n))
            .find_map(|n| self.prefix.get(&w[..n]).copied())
    }
}

/// Content wins over junk; class before id.
pub fn combine(class: (bool, Option<Hint>), id: (bool, Option<Hint>)) -> Option<Hint> {
    if class.0 || id.0 {
        Some(Hint::Content)
    } else {
        class.1.or(id.1)
    }
}

/// Lowercase tokens of a class or id value: split at non-alphanumerics and at
/// camelCase humps; digits-only tokens are dropped.
fn tokens(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in value.chars() {
        if !c.is_alphanumeric() {
            push(&mut out, &mut cur);
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower {
            push(&mut out, &mut cur);
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_lowercase());
    }
    push(&mut out, &mut cur);
    out
}

fn push(out: &mut Vec<String>, cur: &mut String) {
    if !cur.is_empty() && !cur.bytes().all(|b| b.is_ascii_digit()) {
        out.push(std::mem::take(cur));
    }
    cur.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_hints_read_like_the_file() {
        // build.rs embeds the file without its comments.
        let file = Hints::parse(include_str!("../../data/html/hints.txt")).unwrap();
        let embedded = Hints::builtin().unwrap();
        assert!(BUILTIN.len() < include_str!("../../data/html/hints.txt").len());
        for map in [
            (&file.exact, &embedded.exact),
            (&file.prefix, &embedded.prefix),
            (&file.roles, &embedded.roles),
            (&file.tags, &embedded.tags),
        ] {
            assert_eq!(map.0, map.1);
        }
        assert_eq!(file.prefix_lens, embedded.prefix_lens);
    }

    #[test]
    fn tokens_split_camel_case_and_separators() {
        assert_eq!(
            tokens("article-body__Text shareButtons"),
            ["article", "body", "text", "share", "buttons"]
        );
        assert_eq!(
            tokens("sp_message_container_12345"),
            ["sp", "message", "container"]
        );
    }

    #[test]
    fn names_resolve_junk_and_content() {
        let h = Hints::builtin().unwrap();
        assert_eq!(
            h.names("", "onetrust-banner-sdk"),
            Some(Hint::Junk(Category::CookieBanner))
        );
        assert_eq!(
            h.names("qc-cmp2-container", ""),
            Some(Hint::Junk(Category::CookieBanner))
        );
        assert_eq!(
            h.names("read-more", ""),
            Some(Hint::Junk(Category::Related))
        );
        assert_eq!(
            h.names("social-share-bar", ""),
            Some(Hint::Junk(Category::Share))
        );
        assert_eq!(h.names("article-body", ""), Some(Hint::Content));
        // A WordPress post element carries tag classes: content wins.
        assert_eq!(
            h.names("post type-post tag-politics", "post-12"),
            Some(Hint::Content)
        );
        assert_eq!(
            h.names("", "comments"),
            Some(Hint::Junk(Category::Comments))
        );
        assert_eq!(h.names("headline", ""), None);
        assert_eq!(h.role("navigation"), Some(Hint::Junk(Category::Navigation)));
        assert_eq!(h.tag("script"), Some(Hint::Skip));
    }
}
