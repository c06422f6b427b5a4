//! Fuzz target: see `checks::sift_html` for the properties checked.
#![no_main]
#[allow(dead_code)] // each target uses one of the checks
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::sift_html(data));
