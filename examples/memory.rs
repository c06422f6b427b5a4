//! Peak heap memory of `sift`, `sift_html` and `analyze`, per input byte:
//!   cargo run --release --example memory -- [FILE] [MB]
//! FILE defaults to the bundled fixtures' clean articles, repeated with numbered paragraphs
//! (repeats would be sifted away as duplicates) up to MB megabytes (8).
//! A counting allocator records the high-water mark above what was live
//! before each call.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator, only counting sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(now, Relaxed);
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Relaxed);
        // SAFETY: as above.
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Peak bytes allocated while `f` runs (and what it returns stays live).
fn peak<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let out = f();
    (PEAK.load(Relaxed) - base, out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let file = args.next().filter(|a| a != "-");
    let mb: usize = args.next().map_or(Ok(8), |a| a.parse())?;
    let text = match file {
        Some(f) => std::fs::read_to_string(f)?,
        None => {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
            let mut paras = Vec::new();
            for e in std::fs::read_dir(dir)? {
                let t = std::fs::read_to_string(e?.path().join("expected.txt"))?;
                paras.extend(t.split("\n\n").map(str::to_owned));
            }
            let mut text = String::new();
            for n in 0.. {
                if text.len() >= mb << 20 {
                    break;
                }
                let p = &paras[n % paras.len()];
                text.push_str(&format!("{p} ({n})\n\n"));
            }
            text
        }
    };
    let analyzer = spinsift::spin::default_analyzer()?;
    let html = format!(
        "<html><body><article><p>{}</p></article></body></html>",
        text.replace("\n\n", "</p><p>")
    );
    // Warm: lazily built tables are not the input's cost.
    let _ = analyzer.analyze("Un texte. Another one.");
    let _ = spinsift::sift_html("<p>x</p>");
    let per_byte = |n: usize, len: usize| n as f64 / len as f64;
    let (s, _) = peak(|| spinsift::sift(&text));
    let (h, _) = peak(|| spinsift::sift_html(&html));
    let (a, r) = peak(|| analyzer.analyze(&text));
    println!(
        "input {:.1} MB text, {:.1} MB html; peak heap per input byte:",
        text.len() as f64 / 1e6,
        html.len() as f64 / 1e6
    );
    println!("  sift      {:5.1}x", per_byte(s, text.len()));
    println!("  sift_html {:5.1}x", per_byte(h, html.len()));
    println!(
        "  analyze   {:5.1}x ({} sentences)",
        per_byte(a, text.len()),
        r.sentences.len()
    );
    Ok(())
}
