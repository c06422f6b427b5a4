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
    // UTF-16 offsets: slicing the JS string with them gives the block text.
    let js_input = js_sys::JsString::from(input);
    for b in js_sys::Array::from(&get(&r, &["blocks"])).iter() {
        let (s, e) = (
            get(&b, &["span", "start"]).as_f64().unwrap(),
            get(&b, &["span", "end"]).as_f64().unwrap(),
        );
        assert_eq!(
            js_input.slice(s as u32, e as u32),
            get(&b, &["text"]).as_string().unwrap()
        );
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
