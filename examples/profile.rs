//! Rough phase timings on ~1 MB of text: `cargo run --release --example profile`.
use std::time::Instant;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut text = String::new();
    for e in std::fs::read_dir(dir).unwrap() {
        text.push_str(&std::fs::read_to_string(e.unwrap().path().join("input.txt")).unwrap());
        text.push_str("\n\n");
    }
    let big = text.repeat(1_000_000 / text.len() + 1);
    let full = spinsift::Sifter::new().unwrap();
    let rules = spinsift::Sifter::builder()
        .classifier(false)
        .build()
        .unwrap();
    let lx = spinsift::sift::dict::Lexicon::builtin();
    for _ in 0..2 {
        let t = Instant::now();
        let lines = spinsift::normalize::lines(&big);
        let keys: Vec<_> = lines
            .iter()
            .map(|l| spinsift::normalize::key(l.text))
            .collect();
        let t1 = t.elapsed();
        let t = Instant::now();
        let st = full.line_states(&big);
        let t2 = t.elapsed();
        let t = Instant::now();
        let p = full.model().unwrap().predict(&st);
        let t3 = t.elapsed();
        let t = Instant::now();
        let _ = spinsift::lang::detect(&big, &lx);
        let t4 = t.elapsed();
        let t = Instant::now();
        let r1 = rules.sift(&big);
        let t5 = t.elapsed();
        let t = Instant::now();
        let r2 = full.sift(&big);
        let t6 = t.elapsed();
        println!(
            "{} MB, {} lines: normalize+keys {t1:?}, line_states {t2:?}, predict {t3:?}, lang {t4:?}, sift rules-only {t5:?}, sift full {t6:?} ({} {} {} {})",
            big.len() / 1_000_000,
            lines.len(),
            keys.len(),
            p.len(),
            r1.blocks.len(),
            r2.blocks.len()
        );
    }
}
