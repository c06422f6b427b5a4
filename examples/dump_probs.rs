// TEMPORARY (not committed): dev-set calibrated paragraph probabilities.
use spinsift::spin::{Analyzer, labels::TECHNIQUES, model::SpinModel};
use std::io::Write;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let mut m = SpinModel::from_bytes(&std::fs::read(&path).unwrap()).unwrap();
    for l in &mut m.labels {
        l.threshold = -1.0;
        for x in &mut l.langs {
            x.threshold = -1.0;
        }
    }
    let an = Analyzer::new(m).unwrap();
    let root = std::path::Path::new("../shared/corpus/propaganda/semeval2023");
    let mut out = std::io::BufWriter::new(std::fs::File::create("/tmp/exp/dev.tsv").unwrap());
    for code in ["en", "ge", "it", "po", "ru"] {
        let dir = root.join(code);
        let gold = spinsift::semeval::read_paragraph_labels(&dir.join("dev-labels-subtask-3.txt"))
            .unwrap();
        let arts = spinsift::semeval::read_articles(&dir.join("dev-articles")).unwrap();
        for a in &arts {
            let rows: Vec<_> = gold
                .iter()
                .filter(|g| g.0 == a.id)
                .filter(|g| a.line(g.1).is_some_and(|l| !l.trim().is_empty()))
                .collect();
            let texts: Vec<&str> = rows.iter().filter_map(|g| a.line(g.1)).collect();
            let lang = an.detect_lang(&a.text);
            for (g, s) in rows
                .iter()
                .zip(an.score_paragraphs(&texts, lang.as_deref()))
            {
                let mut p = vec![0f32; TECHNIQUES.len()];
                for (t, q) in &s.techniques {
                    p[*t] = *q;
                }
                let y: Vec<usize> =
                    g.2.iter()
                        .filter_map(|n| TECHNIQUES.iter().position(|t| t.0 == n))
                        .collect();
                let ys: Vec<String> = y.iter().map(|i| i.to_string()).collect();
                let ps: Vec<String> = p.iter().map(|x| format!("{x:.5}")).collect();
                writeln!(
                    out,
                    "{code}\t{}\t{}\t{}\t{}",
                    a.id,
                    lang.as_deref().unwrap_or("-"),
                    ys.join(","),
                    ps.join(",")
                )
                .unwrap();
            }
        }
    }
}
