//! Spin analysis through the public API: scores, offsets, cues, bad input,
//! custom models, and the SemEval-format commands of the CLI. Texts are
//! written for these tests.

use spinsift::spin::{self, Analyzer, model::SpinModel};

const LOADED: &str = "Ces traîtres corrompus détruisent notre grande nation ! \
Ils mentent, toujours, et le peuple le sait. \
Qui peut encore croire ces « experts » vendus ? \
Il faut les chasser avant qu'il ne soit trop tard, sinon nos enfants paieront le prix de leur folie. \
Ce régime criminel et ses marionnettes terroristes massacrent sans pitié des innocents, dans une barbarie inouïe.";

const NEUTRAL: &str = "Le conseil municipal de Lorient a adopté mardi le budget de 2024. \
Il prévoit 3,2 millions d'euros pour la rénovation de deux écoles primaires. \
Les travaux commenceront en mars et dureront environ dix mois, selon la mairie. \
Le vote a réuni 27 voix pour et 6 abstentions.";

#[test]
fn loaded_text_scores_higher_than_plain_reporting() {
    let a = spin::analyze(LOADED).unwrap();
    let b = spin::analyze(NEUTRAL).unwrap();
    assert!(a.score > b.score + 0.15, "{} vs {}", a.score, b.score);
    assert!((0.0..=1.0).contains(&a.score) && (0.0..=1.0).contains(&b.score));
    assert_eq!(a.lang.as_deref(), Some("fr"));
    let names: Vec<&str> = a
        .techniques
        .iter()
        .filter(|t| t.count > 0)
        .map(|t| t.name.as_str())
        .collect();
    assert!(
        names.contains(&"Loaded_Language") || names.contains(&"Name_Calling-Labeling"),
        "{names:?}"
    );
    // Documents: 14 frames, 3 genres summing to 1.
    assert_eq!(a.frames.len(), 14);
    let g: f32 = a.genre.iter().map(|g| g.p).sum();
    assert!((g - 1.0).abs() < 1e-3);
}

#[test]
fn sentences_and_cues_point_into_the_input() {
    let text = format!("Titre : la colère\n\n{LOADED}\n\n{NEUTRAL}");
    let a = spin::analyze(&text).unwrap();
    assert!(a.sentences.len() >= 8, "{}", a.sentences.len());
    let mut cues = 0;
    for s in &a.sentences {
        let st = &text[s.span.start..s.span.end];
        assert_eq!(st, st.trim());
        assert!((0.0..=1.0).contains(&s.p));
        for t in &s.techniques {
            assert!(t.p >= 0.0 && t.p <= 1.0);
            for c in &t.cues {
                assert_eq!(&text[c.span.start..c.span.end], c.text);
                assert!(c.span.start >= s.span.start && c.span.end <= s.span.end);
                assert!(c.weight > 0.0);
                cues += 1;
            }
        }
    }
    assert!(cues > 0, "no cue explained any technique");
}

#[test]
fn utf16_offsets_for_javascript() {
    let text = format!("🔥🔥 Édito\n\n{LOADED}");
    let a = spin::analyze(&text).unwrap();
    let bytes = a.clone();
    let js = a.into_utf16(&text);
    let units: Vec<u16> = text.encode_utf16().collect();
    for (b, j) in bytes.sentences.iter().zip(&js.sentences) {
        let from_js = String::from_utf16(&units[j.span.start..j.span.end]).unwrap();
        assert_eq!(from_js, &text[b.span.start..b.span.end]);
        for (bt, jt) in b.techniques.iter().zip(&j.techniques) {
            for (bc, jc) in bt.cues.iter().zip(&jt.cues) {
                let c = String::from_utf16(&units[jc.span.start..jc.span.end]).unwrap();
                assert_eq!(c, bc.text);
            }
        }
    }
}

#[test]
fn empty_short_and_garbage_input() {
    let e = spin::analyze("").unwrap();
    assert_eq!(e.score, 0.0);
    assert!(e.sentences.is_empty() && e.frames.is_empty() && !e.reliable);
    let short = spin::analyze("Quelle honte !").unwrap();
    assert!(!short.reliable);
    let garbage: String = (0..20_000u32)
        .filter_map(|i| char::from_u32((i * 7919) % 0x2FFFF))
        .collect();
    let g = spin::analyze(&garbage).unwrap();
    assert!(g.score.is_finite());
    // Spanish is not a training language: a result, flagged unreliable.
    let es = spin::analyze(
        "El gobierno aprobó ayer una reforma que, según la oposición, \
         destruirá la economía del país. Los ciudadanos no lo permitirán jamás, \
         dijeron los portavoces, que llamaron traidores a los ministros. \
         La votación se repetirá el próximo martes en el Congreso de los Diputados.",
    )
    .unwrap();
    assert_eq!(es.lang.as_deref(), Some("es"));
    assert!(!es.reliable);
}

#[test]
fn custom_model_from_bytes() {
    let builtin = SpinModel::builtin().unwrap();
    let bytes = builtin.to_bytes();
    let again = SpinModel::from_bytes(&bytes).unwrap();
    let an = Analyzer::new(again).unwrap();
    assert_eq!(an.analyze(LOADED), spin::analyze(LOADED).unwrap());
    let mut broken = bytes.clone();
    broken.truncate(bytes.len() / 2);
    assert!(SpinModel::from_bytes(&broken).is_err());
}

#[test]
fn paragraph_scores_follow_the_model_thresholds() {
    let an = spin::default_analyzer().unwrap();
    let s = an.score_paragraphs(&[LOADED, NEUTRAL], Some("fr"));
    assert_eq!(s.len(), 2);
    assert!(s[0].p > s[1].p);
    assert!(s[0].techniques.len() >= s[1].techniques.len());
    for p in &s {
        assert!(p.techniques.windows(2).all(|w| w[0].1 >= w[1].1));
    }
}
