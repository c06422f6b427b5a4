//! Time per stage of the HTML path over a folder of pages (`.html` or
//! `.html.gz` is not read here: pass plain `.html` files).
//!   cargo run --release --example html_stages -- DIR
use std::time::Instant;

use spinsift::html::{blocks, dom::Dom, extract, hints::Hints, meta};

fn main() {
    let dir = std::env::args().nth(1).expect("usage: html_stages DIR");
    let mut pages = Vec::new();
    for e in std::fs::read_dir(dir).expect("read dir").flatten() {
        if let Ok(s) = std::fs::read_to_string(e.path()) {
            pages.push(s);
        }
    }
    let hints = Hints::builtin().expect("hints");
    let sifter = spinsift::default_sifter();
    let mut t = [0f64; 5];
    for p in &pages {
        let a = Instant::now();
        let dom = Dom::parse(p);
        let b = Instant::now();
        let m = meta::extract(&dom, sifter.lexicon());
        let c = Instant::now();
        let w = blocks::walk(&dom, &hints);
        let d = Instant::now();
        let _ = extract::select(&dom, &w, &m);
        let e = Instant::now();
        let _ = sifter.sift_html(p);
        let f = Instant::now();
        for (i, (x, y)) in [(a, b), (b, c), (c, d), (d, e), (e, f)].iter().enumerate() {
            t[i] += (*y - *x).as_secs_f64() * 1e3;
        }
    }
    let n = pages.len() as f64;
    for (name, v) in ["parse", "meta", "walk", "select", "whole sift_html"]
        .iter()
        .zip(t)
    {
        println!("{name:<16} {:.3} ms/page", v / n);
    }
}
