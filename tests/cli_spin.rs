//! The spin commands of the CLI: `spin` (text and JSON), and `semeval
//! predict` / `semeval eval` on a small SemEval-layout folder written here.
#![cfg(feature = "cli")]

use std::path::PathBuf;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_spinsift"))
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("spinsift-cli-spin-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

const ARTICLE: &str = "Ces traîtres nous mentent !\n\nIls détruisent notre pays, toujours, et le peuple le sait bien.\n\n\nLe conseil a voté mardi le budget de la commune.\n";

#[test]
fn spin_text_report_and_json() {
    let d = tmp("spin");
    let f = d.join("a.txt");
    std::fs::write(&f, ARTICLE).unwrap();
    let out = bin()
        .args(["spin", "--color", "never", "--all"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("spin 0."), "{text}");
    assert!(text.contains("genre") && text.contains("frames") && text.contains("sentences"));
    assert!(!text.contains('\x1b'), "no colour when asked for none");
    assert!(text.contains("Le conseil a voté mardi le budget de la commune."));
    let out = bin()
        .args(["spin", "--format", "json"])
        .arg(&f)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["lang"], "fr");
    assert_eq!(v["frames"].as_array().unwrap().len(), 14);
    let s = &v["sentences"][0]["span"];
    let (a, b) = (
        s["start"].as_u64().unwrap() as usize,
        s["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&ARTICLE[a..b], "Ces traîtres nous mentent !");
    // Invalid UTF-8: a message and exit code 2.
    std::fs::write(&f, b"abc\xff").unwrap();
    let out = bin().arg("spin").arg(&f).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("UTF-8"));
}

#[test]
fn semeval_predict_writes_every_non_empty_line_and_eval_scores_it() {
    let d = tmp("semeval");
    let arts = d.join("articles");
    std::fs::create_dir_all(&arts).unwrap();
    std::fs::write(arts.join("article101.txt"), ARTICLE).unwrap();
    std::fs::write(arts.join("notes.txt"), "not an article").unwrap();
    let pred = d.join("pred3.txt");
    let out = bin()
        .args(["semeval", "predict", "--task", "3", "--articles"])
        .arg(&arts)
        .arg("--out")
        .arg(&pred)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let p = std::fs::read_to_string(&pred).unwrap();
    let lines: Vec<Vec<&str>> = p.lines().map(|l| l.split('\t').collect()).collect();
    // Lines 1, 3 and 6 are the non-empty ones, the title included.
    assert_eq!(
        lines.iter().map(|l| l[1]).collect::<Vec<_>>(),
        ["1", "3", "6"]
    );
    assert!(lines.iter().all(|l| l.len() == 3 && l[0] == "101"));
    for task in ["1", "2"] {
        let out_file = d.join(format!("pred{task}.txt"));
        let out = bin()
            .args(["semeval", "predict", "--task", task, "--articles"])
            .arg(&arts)
            .arg("--out")
            .arg(&out_file)
            .output()
            .unwrap();
        assert!(out.status.success());
        let p = std::fs::read_to_string(&out_file).unwrap();
        let f: Vec<&str> = p.trim_end().split('\t').collect();
        assert_eq!(f[0], "101");
        assert!(!f[1].is_empty());
    }
    // Scoring: gold with two labels on line 3, one on line 6; a prediction
    // with one right and one wrong label: tp 1, fp 1, fn 2 → micro-F1 0.4.
    let gold = d.join("gold.txt");
    std::fs::write(
        &gold,
        "101\t1\t\n101\t3\tLoaded_Language,Name_Calling-Labeling\n101\t6\tDoubt\n",
    )
    .unwrap();
    let mine = d.join("mine.txt");
    std::fs::write(
        &mine,
        "101\t1\t\n101\t3\tLoaded_Language,Slogans\n101\t6\t\n",
    )
    .unwrap();
    let out = bin()
        .args(["semeval", "eval", "--task", "3", "--gold"])
        .arg(&gold)
        .arg("--pred")
        .arg(&mine)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("micro-F1 0.4000"), "{text}");
    assert!(text.contains("families:"), "{text}");
    // A missing folder is a clear error.
    let out = bin()
        .args([
            "semeval",
            "predict",
            "--task",
            "3",
            "--articles",
            "/nonexistent",
            "--out",
        ])
        .arg(d.join("x"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn spin_and_predict_take_a_model_file() {
    use spinsift::spin::model::SpinModel;
    let d = tmp("model");
    let f = d.join("a.txt");
    std::fs::write(&f, ARTICLE).unwrap();
    // A model that flags every technique everywhere: thresholds at zero.
    let builtin = SpinModel::builtin().unwrap();
    let mut m = builtin.clone();
    for l in &mut m.labels {
        l.threshold = 0.0;
        l.sentence_threshold = 0.0;
        for x in &mut l.langs {
            x.threshold = 0.0;
            x.sentence_threshold = 0.0;
        }
    }
    let path = d.join("all.model");
    std::fs::write(&path, m.to_bytes()).unwrap();
    let flagged = |model: Option<&PathBuf>| {
        let mut c = bin();
        c.args(["spin", "--format", "json"]);
        if let Some(p) = model {
            c.arg("--model").arg(p);
        }
        let out = c.arg(&f).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["techniques"].as_array().unwrap().len())
            .collect::<Vec<_>>()
    };
    let custom = flagged(Some(&path));
    assert!(custom.iter().all(|&n| n == 23), "{custom:?}");
    let default = flagged(None);
    assert!(default.iter().all(|&n| n < 23), "{default:?}");
    // The built-in model written out gives the built-in result.
    let same = d.join("same.model");
    std::fs::write(&same, builtin.to_bytes()).unwrap();
    assert_eq!(flagged(Some(&same)), default);
    // A damaged or missing file: a message naming the problem, exit 2.
    let bytes = builtin.to_bytes();
    let bad = d.join("bad.model");
    std::fs::write(&bad, &bytes[..bytes.len() - 100]).unwrap();
    for (p, why) in [
        (&bad, "bytes, header says"),
        (&d.join("missing.model"), "No such file"),
    ] {
        let out = bin()
            .args(["semeval", "predict", "--task", "3", "--articles"])
            .arg(&d)
            .arg("--out")
            .arg(d.join("pred.txt"))
            .arg("--model")
            .arg(p)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&*p.to_string_lossy()) && err.contains(why),
            "{err}"
        );
    }
}
