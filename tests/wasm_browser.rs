//! The wasm bindings in headless Chromium (wasm-bindgen-test with
//! `WASM_BINDGEN_USE_BROWSER=1`; see `scripts/test.sh`).
#![cfg(all(target_arch = "wasm32", feature = "wasm"))]

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(v: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(v.clone(), |acc, k| {
        js_sys::Reflect::get(&acc, &JsValue::from_str(k)).unwrap()
    })
}

#[wasm_bindgen_test]
fn sift_in_the_browser_with_utf16_offsets() {
    let input = "Accueil » Monde » Zürich 😀\n\nZürich 😀 ferme son vieux pont\n\npar\n\nLe conseil municipal a voté mardi la fermeture du vieux pont, invoquant des rapports de sécurité.\n\nttn-fr-3";
    let r = spinsift::wasm::sift(input, JsValue::UNDEFINED)
        .map_err(JsValue::from)
        .unwrap();
    let removed = js_sys::Array::from(&get(&r, &["removed"]));
    let cats: Vec<String> = removed
        .iter()
        .map(|x| get(&x, &["category"]).as_string().unwrap())
        .collect();
    assert_eq!(cats, ["breadcrumb", "byline_stub", "site_tag"]);
    assert_eq!(
        get(&r, &["metadata", "title"]).as_string().unwrap(),
        "Zürich 😀 ferme son vieux pont"
    );
    // UTF-16 offsets: slicing the input at `span` and the result's text at
    // `out` give the same block text.
    assert_same_blocks(&r, &js_sys::JsString::from(input));
}

/// Every block of `r` reads the same in `source` (at `span`) as in `r.text`
/// (at `out`); the bindings leave `text` out of blocks (the JS wrapper puts
/// it back from those slices).
fn assert_same_blocks(r: &JsValue, source: &js_sys::JsString) {
    let text = js_sys::JsString::from(get(r, &["text"]));
    let blocks = js_sys::Array::from(&get(r, &["blocks"]));
    assert!(blocks.length() > 0);
    for b in blocks.iter() {
        let at = |k: &str| {
            (
                get(&b, &[k, "start"]).as_f64().unwrap() as u32,
                get(&b, &[k, "end"]).as_f64().unwrap() as u32,
            )
        };
        let ((s, e), (os, oe)) = (at("span"), at("out"));
        assert!(e > s);
        assert_eq!(source.slice(s, e), text.slice(os, oe));
        assert!(get(&b, &["text"]).is_undefined());
    }
}

#[wasm_bindgen_test]
fn bad_options_are_errors_not_traps() {
    let opts = js_sys::JSON::parse(r#"{"threshold": 7}"#).unwrap();
    assert!(spinsift::wasm::Sifter::new(opts).is_err());
    let opts = js_sys::JSON::parse(r#"{"keep": ["credit"], "classifier": false}"#).unwrap();
    let s = spinsift::wasm::Sifter::new(opts)
        .map_err(JsValue::from)
        .unwrap();
    let r = s
        .sift("© AFP\n\nUne phrase de contenu assez longue pour être gardée telle quelle.")
        .map_err(JsValue::from)
        .unwrap();
    assert!(get(&r, &["text"]).as_string().unwrap().contains("© AFP"));
}

#[wasm_bindgen_test]
fn analyze_in_the_browser_with_utf16_offsets() {
    let input = "Édito 😡 : la honte\n\nCes traîtres corrompus détruisent notre grande nation ! \
                 Ils mentent, toujours, et le peuple le sait. Qui peut encore croire ces « experts » vendus ?\n\n\
                 Le conseil municipal a adopté mardi le budget de 2024, qui prévoit 3,2 millions d'euros pour les écoles.";
    let a = spinsift::wasm::analyze(input, JsValue::UNDEFINED)
        .map_err(JsValue::from)
        .unwrap();
    let score = get(&a, &["score"]).as_f64().unwrap();
    assert!((0.0..=1.0).contains(&score));
    assert_eq!(get(&a, &["lang"]).as_string().unwrap(), "fr");
    assert_eq!(js_sys::Array::from(&get(&a, &["frames"])).length(), 14);
    let js_input = js_sys::JsString::from(input);
    let sentences = js_sys::Array::from(&get(&a, &["sentences"]));
    assert!(sentences.length() >= 4);
    for s in sentences.iter() {
        let (b, e) = (
            get(&s, &["span", "start"]).as_f64().unwrap() as u32,
            get(&s, &["span", "end"]).as_f64().unwrap() as u32,
        );
        let text = js_input.slice(b, e).as_string().unwrap();
        assert_eq!(text.trim(), text);
        for t in js_sys::Array::from(&get(&s, &["techniques"])).iter() {
            for c in js_sys::Array::from(&get(&t, &["cues"])).iter() {
                let (cb, ce) = (
                    get(&c, &["span", "start"]).as_f64().unwrap() as u32,
                    get(&c, &["span", "end"]).as_f64().unwrap() as u32,
                );
                assert_eq!(
                    js_input.slice(cb, ce),
                    get(&c, &["text"]).as_string().unwrap()
                );
            }
        }
    }
    // A custom model that is not a model is an error, not a trap.
    let junk = js_sys::Uint8Array::from(&b"not a model"[..]);
    assert!(spinsift::wasm::Analyzer::new(junk.into(), JsValue::UNDEFINED).is_err());
}

#[wasm_bindgen_test]
fn sift_html_in_the_browser() {
    let page = "<!DOCTYPE html><html lang=de><head><title>Brücke zu | Blatt</title></head><body>\
        <div id=usercentrics-root><p>Wir verwenden Cookies, um Inhalte zu personalisieren.</p></div>\
        <nav><a href=/>Start</a></nav><h1>Brücke zu</h1>\
        <p>Der Stadtrat hat am Dienstag beschlossen, die alte Brücke 🌉 wegen Sicherheitsbedenken zu schließen, sagte die Bürgermeisterin.</p>\
        </body></html>";
    let r = spinsift::wasm::sift_html(page, JsValue::UNDEFINED)
        .map_err(JsValue::from)
        .unwrap();
    assert_same_blocks(&r, &js_sys::JsString::from(get(&r, &["source"])));
    assert!(
        get(&r, &["text"])
            .as_string()
            .unwrap()
            .contains("Brücke 🌉 wegen")
    );
    let removed = js_sys::Array::from(&get(&r, &["removed"]));
    assert!(
        removed
            .iter()
            .any(|x| get(&x, &["category"]).as_string().as_deref() == Some("cookie_banner"))
    );
    assert!(!spinsift::wasm::is_probably_article(page));
}
