//! Compares two spin model files on the SemEval-2023 dev articles: how often
//! their frame sets, genres and sentence technique decisions agree.
//!   cargo run --release --example compare_models -- A.model B.model
use spinsift::spin::{Analyzer, model::SpinModel};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let ma = SpinModel::from_bytes(&std::fs::read(&args[0]).unwrap()).unwrap();
    let thr: std::collections::HashMap<String, f32> = ma
        .labels
        .iter()
        .map(|l| (l.name.clone(), l.threshold))
        .collect();
    let mb = SpinModel::from_bytes(&std::fs::read(&args[1]).unwrap()).unwrap();
    let (a, b) = (Analyzer::new(ma).unwrap(), Analyzer::new(mb).unwrap());
    let root = "../shared/corpus/propaganda/semeval2023";
    let (mut docs, mut frame_same, mut genre_same, mut fa, mut fb, mut fboth) = (0, 0, 0, 0, 0, 0);
    let (mut sents, mut sent_same) = (0, 0);
    for lang in ["en", "fr", "ge", "it", "po", "ru"] {
        let Ok(rd) = std::fs::read_dir(format!("{root}/{lang}/dev-articles")) else {
            continue;
        };
        for e in rd {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            let (x, y) = (a.analyze(&text), b.analyze(&text));
            let set = |r: &spinsift::spin::Analysis| -> Vec<String> {
                r.frames
                    .iter()
                    .filter(|f| f.p >= thr[&f.name])
                    .map(|f| f.name.clone())
                    .collect()
            };
            let (sx, sy) = (set(&x), set(&y));
            docs += 1;
            frame_same += usize::from(sx == sy);
            fa += sx.len();
            fb += sy.len();
            fboth += sx.iter().filter(|f| sy.contains(f)).count();
            genre_same +=
                usize::from(x.genre.first().map(|g| &g.name) == y.genre.first().map(|g| &g.name));
            for (s, t) in x.sentences.iter().zip(&y.sentences) {
                sents += 1;
                let n = |s: &spinsift::spin::Sentence| {
                    s.techniques
                        .iter()
                        .map(|t| t.name.clone())
                        .collect::<Vec<_>>()
                };
                sent_same += usize::from(n(s) == n(t));
            }
        }
    }
    println!(
        "docs {docs}: identical frame sets {:.3}, frame F1 of B vs A {:.3}, same genre {:.3}; sentences {sents}: identical techniques {:.3}",
        frame_same as f64 / docs as f64,
        2.0 * fboth as f64 / (fa + fb) as f64,
        genre_same as f64 / docs as f64,
        sent_same as f64 / sents as f64
    );
}
