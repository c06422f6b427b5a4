//! # spinsift
//!
//! Strip scraping junk from news articles — and report what was removed, why,
//! and the metadata hidden in it — natively or in the browser (WebAssembly).
//!
//! ```
//! let r = spinsift::sift("Home » World » Big news\n\nBig news\n\npar\n\n\
//!     The council voted on Tuesday to close the old bridge, citing safety reports.\n\n\
//!     ttn-fr-34");
//! assert_eq!(r.metadata.title.as_deref(), Some("Big news"));
//! assert!(r.text.ends_with("citing safety reports."));
//! let cats: Vec<&str> = r.removed.iter().map(|x| x.category.name()).collect();
//! assert_eq!(cats, ["breadcrumb", "byline_stub", "site_tag"]);
//! ```
//!
//! ## Pipeline
//! Data flows one way through one module per stage:
//!
//! 1. [`input`] — bytes to `&str` (UTF-8 checked, BOM dropped, size bounded);
//!    for a page, `html` (feature `html`) parses it, reads its metadata and
//!    keeps the article's blocks ([`sift_html`]);
//! 2. [`normalize`] — lines with byte spans, and folded matching keys;
//! 3. [`sift`] — rules (phrase dictionaries, shapes), end-of-article regions,
//!    duplicates, then the line classifier for what rules leave open;
//! 4. [`segment`], [`spin`] — sentences, features and the spin model's scores;
//! 5. [`result`] — [`SiftResult`]: clean text, blocks, removals, metadata.
//!
//! Two ways in: the free function [`sift()`] with good defaults, and a
//! reusable [`Sifter`] built once with [`Sifter::builder()`] for custom phrase
//! lists, kept categories, languages or a custom line model.
//!
//! Offsets are byte offsets into the input in Rust; the wasm layer converts them
//! to UTF-16 code units ([`SiftResult::into_utf16`]).
//!
//! ## Features
//! - `cli` (default): the `spinsift` binary.
//! - `html` (default): HTML input (html5ever, serde_json for JSON-LD).
//! - `wasm`: JavaScript bindings (`src/wasm.rs`), for `wasm32-unknown-unknown`.
//! - `train`: training and evaluation with linfa (native only).

#![warn(missing_docs)]
// Nothing may panic across the wasm boundary (`panic = "abort"` would kill the
// caller's module): no unwrap, expect or panic in library code, and indexing
// only where a module states why its indices are in range (see the
// `allow(clippy::indexing_slicing)` at the top of those modules); the fuzz
// targets (fuzz/) exercise every entry point.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod error;
#[cfg(feature = "html")]
pub mod html;
pub mod input;
pub mod lang;
pub mod normalize;
pub mod offsets;
mod order;
pub mod result;
pub mod segment;
#[cfg(feature = "cli")]
pub mod semeval;
pub mod sift;
pub mod spin;
#[cfg(feature = "train")]
pub mod train;
#[cfg(feature = "wasm")]
pub mod wasm;

pub use error::Error;
pub use result::{Block, BlockKind, Category, Metadata, Removed, SiftResult, Span};
pub use sift::{SiftOptions, Sifter, SifterBuilder};

use std::sync::OnceLock;

/// The default sifter, built on first use; an error only if the built-in
/// data were corrupt (the test suite rules that out).
///
/// # Errors
/// [`Error::Data`] describing the corrupt built-in file.
pub fn try_default_sifter() -> Result<&'static Sifter, Error> {
    static SIFTER: OnceLock<Result<Sifter, Error>> = OnceLock::new();
    SIFTER
        .get_or_init(Sifter::new)
        .as_ref()
        .map_err(Clone::clone)
}

/// The default sifter, built on first use.
///
/// # Panics
/// Only if the built-in data are corrupt, which the test suite rules out.
pub fn default_sifter() -> &'static Sifter {
    match try_default_sifter() {
        Ok(s) => s,
        // Unreachable: the built-in files are compiled in, and
        // `sift::tests::builtin_data_parses` builds them.
        #[allow(clippy::panic)]
        Err(e) => panic!("spinsift: built-in data is corrupt: {e}"),
    }
}

/// Finds the article in an HTML page and sifts it with default options
/// (see [`Sifter::sift_html`]).
#[cfg(feature = "html")]
pub fn sift_html(html: &str) -> SiftResult {
    default_sifter().sift_html(html)
}

#[cfg(feature = "html")]
pub use html::is_probably_article;

/// Sifts article text with default options.
pub fn sift(text: &str) -> SiftResult {
    default_sifter().sift(text)
}
