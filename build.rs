//! Embeds the data files under `data/` without their comments: a comment
//! line becomes an empty line (line numbers in error messages still match
//! the files), and `entries`-style lists lose their trailing ` # …` notes.
//! The files stay the reviewable source; the `.wasm` carries no prose
//! (about 1.5 KB gzipped of a 600 KB budget). Sources include them from
//! `concat!(env!("OUT_DIR"), "/data/…")`.
use std::{env, fs, path::Path};

/// Files read by `sift::dict::entries`, which also drops ` # …` tails.
const LISTS: &[&str] = &[
    "lexicon/byline.txt",
    "lexicon/comment_count.txt",
    "lexicon/credit.txt",
    "lexicon/dateline.txt",
    "lexicon/months.txt",
    "lexicon/stopwords.txt",
    "lexicon/taxonomy.txt",
    "phrases/advertisement.txt",
    "phrases/comments.txt",
    "phrases/cookie_banner.txt",
    "phrases/dateline.txt",
    "phrases/legal.txt",
    "phrases/navigation.txt",
    "phrases/promo.txt",
    "phrases/related.txt",
    "phrases/share.txt",
    "spin/absolutes.txt",
    "spin/first_plural.txt",
    "spin/intensifiers.txt",
    "spin/second_person.txt",
];

/// Files whose parsers skip whole `#` lines only.
const OTHERS: &[&str] = &["html/hints.txt", "models/lines.model"];

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("data");
    for (files, tails) in [(LISTS, true), (OTHERS, false)] {
        for f in files {
            let src = Path::new("data").join(f);
            println!("cargo::rerun-if-changed={}", src.display());
            let text =
                fs::read_to_string(&src).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
            let mut stripped = String::with_capacity(text.len());
            for line in text.lines() {
                let kept = if line.trim_start().starts_with('#') {
                    ""
                } else if tails {
                    line.split(" #").next().unwrap_or("").trim_end()
                } else {
                    line
                };
                stripped.push_str(kept);
                stripped.push('\n');
            }
            let dst = out.join(f);
            fs::create_dir_all(dst.parent().expect("a file has a folder"))
                .expect("OUT_DIR is writable");
            fs::write(&dst, stripped).expect("OUT_DIR is writable");
        }
    }
}
