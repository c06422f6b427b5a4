//! Page metadata: `<title>`, `<meta>` (Open Graph, `article:*`, Dublin Core,
//! Parse.ly), JSON-LD (`NewsArticle` and kin), `<time datetime>`,
//! `rel=author`, `<html lang>` and the canonical URL.

use serde_json::Value;

use super::dom::{DOCUMENT, Dom, NodeData, NodeId};
use crate::result::Metadata;

/// Text of the element's text children, white space collapsed.
pub fn text_of(dom: &Dom, id: NodeId) -> String {
    let mut s = String::new();
    for d in dom.descendants(id) {
        if let Some(NodeData::Text(t)) = dom.node(d).map(|n| &n.data) {
            s.push_str(t);
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Default)]
struct Found {
    meta: Vec<(String, String)>,
    title: Option<String>,
    canonical: Option<String>,
    rel_author: Option<String>,
    time: Option<String>,
    lang: Option<String>,
    ld: Vec<Value>,
    h1: Option<String>,
}

impl Found {
    fn meta(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| {
            self.meta
                .iter()
                .find(|(n, v)| n == k && !v.trim().is_empty())
                .map(|(_, v)| v.trim().to_string())
        })
    }
}

/// The first JSON-LD object that describes an article.
fn ld_article(values: &[Value]) -> Option<&serde_json::Map<String, Value>> {
    const TYPES: &[&str] = &[
        "NewsArticle",
        "Article",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "Report",
        "ScholarlyArticle",
        "TechArticle",
        "SocialMediaPosting",
    ];
    let mut stack: Vec<&Value> = values.iter().collect();
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(a) => stack.extend(a.iter().rev()),
            Value::Object(o) => {
                let is_article = match o.get("@type") {
                    Some(Value::String(t)) => TYPES.contains(&t.as_str()),
                    Some(Value::Array(ts)) => ts
                        .iter()
                        .any(|t| t.as_str().is_some_and(|t| TYPES.contains(&t))),
                    _ => false,
                };
                if is_article {
                    return Some(o);
                }
                if let Some(g) = o.get("@graph") {
                    stack.push(g);
                }
            }
            _ => {}
        }
    }
    None
}

fn ld_string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(|x| ld_string(Some(x))).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        Value::Object(o) => ld_string(o.get("name")),
        _ => None,
    }
}

/// `2023-09-16T14:31:00+02:00` is kept as the page gives it; anything else
/// that the dateline parser understands becomes `YYYY-MM-DD[THH:MM]`.
fn date(s: &str, lx: &crate::sift::dict::Lexicon) -> Option<String> {
    let s = s.trim();
    // `YYYY-MM-DD` opens it.
    let iso = s.as_bytes().get(..10).is_some_and(|b| {
        b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
    });
    if iso {
        return Some(s.chars().take(40).collect());
    }
    let key = crate::normalize::key(s);
    let words: Vec<&str> = key.key.split(' ').collect();
    crate::sift::dates::parse(&words, lx).map(|d| d.iso())
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with('/')
}

/// What the page says about itself.
#[derive(Debug, Default)]
pub struct PageMeta {
    /// Title, author, dates, language, site, URL, description.
    pub metadata: Metadata,
    /// JSON-LD `articleBody`, when the page gives one: a strong hint of which
    /// blocks are the article.
    pub article_body: Option<String>,
}

/// Reads the page's metadata.
pub fn extract(dom: &Dom, lx: &crate::sift::dict::Lexicon) -> PageMeta {
    let mut f = Found::default();
    let mut it = dom.descendants(DOCUMENT);
    while let Some(id) = it.next() {
        let Some(e) = dom.element(id) else { continue };
        match e.html_name() {
            Some("html") => {
                f.lang = e.attr("lang").or(e.attr("xml:lang")).map(str::to_string);
            }
            Some("meta") => {
                let name = e.attr("property").or(e.attr("name")).or(e.attr("itemprop"));
                if let (Some(n), Some(c)) = (name, e.attr("content")) {
                    f.meta.push((n.to_ascii_lowercase(), c.to_string()));
                }
            }
            Some("title") if f.title.is_none() => f.title = Some(text_of(dom, id)),
            Some("link") => {
                let rel = e.attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") && f.canonical.is_none() {
                    f.canonical = e.attr("href").map(str::to_string);
                }
            }
            Some("a")
                if f.rel_author.is_none()
                    && e.attr("rel").is_some_and(|r| {
                        r.split_whitespace()
                            .any(|r| r.eq_ignore_ascii_case("author"))
                    }) =>
            {
                let t = text_of(dom, id);
                if !t.is_empty() && t.len() < 80 {
                    f.rel_author = Some(t);
                }
            }
            Some("time") if f.time.is_none() => f.time = e.attr("datetime").map(str::to_string),
            Some("h1") if f.h1.is_none() => {
                let t = text_of(dom, id);
                if !t.is_empty() {
                    f.h1 = Some(t);
                }
            }
            Some("script") => {
                if e.attr("type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"))
                {
                    if let Ok(v) = serde_json::from_str::<Value>(text_of(dom, id).as_str()) {
                        f.ld.push(v);
                    }
                }
                it.skip_subtree(id);
            }
            Some("style") | Some("svg") | Some("template") => it.skip_subtree(id),
            _ => {}
        }
    }
    let ld = ld_article(&f.ld);
    let ld_get = |k: &str| ld.and_then(|o| ld_string(o.get(k)));
    let site_name = f
        .meta(&["og:site_name", "application-name"])
        .or_else(|| ld.and_then(|o| ld_string(o.get("publisher"))));
    let title = f
        .meta(&[
            "og:title",
            "twitter:title",
            "dc.title",
            "parsely-title",
            "sailthru.title",
        ])
        .or_else(|| ld_get("headline"))
        .or_else(|| {
            f.title
                .as_deref()
                .map(|t| strip_site(t, site_name.as_deref()))
        })
        .or(f.h1.clone())
        .filter(|t| !t.is_empty());
    let author = ld_get("author")
        .or_else(|| {
            f.meta(&[
                "author",
                "article:author",
                "parsely-author",
                "sailthru.author",
                "dc.creator",
                "byl",
            ])
        })
        .filter(|a| !is_url(a))
        .or(f.rel_author.clone())
        .map(|a| {
            a.trim_start_matches("By ")
                .trim_start_matches("by ")
                .to_string()
        });
    let published = ld_get("datePublished")
        .or_else(|| {
            f.meta(&[
                "article:published_time",
                "og:article:published_time",
                "datepublished",
                "date",
                "pubdate",
                "publishdate",
                "dc.date",
                "dc.date.issued",
                "parsely-pub-date",
                "sailthru.date",
            ])
        })
        .or(f.time.clone())
        .and_then(|d| date(&d, lx));
    let modified = ld_get("dateModified")
        .or_else(|| {
            f.meta(&[
                "article:modified_time",
                "og:updated_time",
                "datemodified",
                "last-modified",
            ])
        })
        .and_then(|d| date(&d, lx));
    let url = f
        .canonical
        .clone()
        .or_else(|| f.meta(&["og:url"]))
        .or_else(|| ld_get("url"))
        .filter(|u| u.starts_with("http"));
    let lang = f
        .lang
        .clone()
        .or_else(|| f.meta(&["og:locale", "content-language", "dc.language"]))
        .or_else(|| ld_get("inLanguage"))
        .and_then(|l| {
            let p = l.split(['-', '_']).next()?.trim().to_ascii_lowercase();
            (p.len() == 2 || p.len() == 3).then_some(p)
        });
    let article_body = ld_get("articleBody").filter(|b| b.len() >= 200);
    let metadata = Metadata {
        title,
        author,
        published,
        modified,
        lang,
        site_name,
        url,
        description: f.meta(&["og:description", "description", "twitter:description"]),
    };
    PageMeta {
        metadata,
        article_body,
    }
}

/// `Big news | The Daily` → `Big news` (also ` - `, ` – `, ` — `, ` :: `).
fn strip_site(title: &str, site: Option<&str>) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let tail_is_site = site.is_some_and(|s| tail.trim().eq_ignore_ascii_case(s.trim()));
            if tail_is_site
                || (head.split_whitespace().count() >= 3 && tail.split_whitespace().count() <= 4)
            {
                return head.trim().to_string();
            }
        }
    }
    title.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_open_graph_json_ld_and_lang() {
        let html = r#"<html lang="fr-FR"><head><title>Le pont ferme | Le Quotidien</title>
            <meta property="og:site_name" content="Le Quotidien">
            <link rel="canonical" href="https://example.org/pont">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
              {"@type":"NewsArticle","headline":"Le pont ferme","author":[{"@type":"Person","name":"Jeanne Roux"}],
               "datePublished":"2023-09-16T14:31:00+02:00","dateModified":"2023-09-17"}]}</script>
            </head><body><h1>Le pont ferme</h1></body></html>"#;
        let dom = Dom::parse(html);
        let m = extract(&dom, &crate::sift::dict::Lexicon::builtin()).metadata;
        assert_eq!(m.title.as_deref(), Some("Le pont ferme"));
        assert_eq!(m.author.as_deref(), Some("Jeanne Roux"));
        assert_eq!(m.published.as_deref(), Some("2023-09-16T14:31:00+02:00"));
        assert_eq!(m.modified.as_deref(), Some("2023-09-17"));
        assert_eq!(m.lang.as_deref(), Some("fr"));
        assert_eq!(m.site_name.as_deref(), Some("Le Quotidien"));
        assert_eq!(m.url.as_deref(), Some("https://example.org/pont"));
    }

    #[test]
    fn title_falls_back_to_title_element_without_site_suffix() {
        let dom = Dom::parse("<title>Council closes the bridge - Daily News</title><p>x");
        let m = extract(&dom, &crate::sift::dict::Lexicon::builtin()).metadata;
        assert_eq!(m.title.as_deref(), Some("Council closes the bridge"));
        assert_eq!(m.published, None);
    }
}
