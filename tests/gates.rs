//! Quality gates on the shared corpora (../shared, beside the checkout). They
//! print their figures and fail below the floors pinned in `train::floors`.
//! Without ../shared they skip, saying so.
#![cfg(feature = "train")]

use std::path::{Path, PathBuf};

use spinsift::Sifter;
use spinsift::train;

fn corpus() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if p.join("seeds/gold.json").exists() {
        Some(p)
    } else {
        eprintln!(
            "SKIPPED: {} not found; the quality gates need the shared corpus beside the checkout",
            p.display()
        );
        None
    }
}

#[test]
fn seeds_gate_every_removal_keep_and_metadata() {
    let Some(c) = corpus() else { return };
    let r = train::eval_seeds(&Sifter::new().unwrap(), &c.join("seeds")).unwrap();
    println!(
        "seeds: removed {}/{}, kept {}/{}, metadata {}/{}",
        r.removed_ok, r.removed_total, r.kept_ok, r.kept_total, r.meta_ok, r.meta_total
    );
    assert_eq!(r.removed_total, 26);
    assert!(r.failures.is_empty(), "{:#?}", r.failures);
}

#[test]
fn plaintext_and_snippet_gates() {
    let Some(c) = corpus() else { return };
    let args = train::EvalArgs {
        corpus: c,
        gate: true,
        no_classifier: false,
        spin: false,
        model: None,
        html: false,
        verbose: false,
        traf_map: None,
    };
    let code = train::eval(&args).unwrap();
    assert_eq!(
        code,
        std::process::ExitCode::SUCCESS,
        "a figure fell below its floor (see the printed table)"
    );
}

#[test]
fn spin_gates_cv_dev_frames_genre() {
    let Some(c) = corpus() else { return };
    if !c.join("propaganda/semeval2023/fr").exists() {
        eprintln!("SKIPPED: SemEval-2023 data not found under {}", c.display());
        return;
    }
    let ok = train::spin::eval_spin(&c, None).unwrap();
    assert!(
        ok,
        "a spin figure fell below its floor (see the printed table)"
    );
}

#[test]
fn html_extraction_gates_aeb_and_trafilatura_set() {
    let Some(c) = corpus() else { return };
    if !c.join("boilerplate/aeb/ground-truth.json").exists() {
        eprintln!(
            "SKIPPED: boilerplate benchmarks not found under {}",
            c.display()
        );
        return;
    }
    let ok = train::html::eval_html(&c, false, None).unwrap();
    assert!(
        ok,
        "an HTML extraction figure fell below its floor (see the printed table)"
    );
}
