// spinsift: the public entry point. `init()` must run (once) before the other
// functions; it accepts what wasm-bindgen's init takes: a URL, bytes, a
// Response or a WebAssembly.Module (default: the .wasm beside this file).
import wbgInit, {
  initSync as wbgInitSync,
  sift as wbgSift,
  siftHtml as wbgSiftHtml,
  isProbablyArticle as wbgIsProbablyArticle,
  Sifter as WbgSifter,
  analyze as wbgAnalyze,
  Analyzer as WbgAnalyzer,
  version as wbgVersion,
} from "./spinsift.js";

let ready = false;
let pending;

function ensureReady() {
  if (!ready) throw new Error("spinsift: call `await init()` before using the API");
}

// Concurrent calls share the first one's work (and its source).
export function init(source) {
  if (ready) return Promise.resolve();
  pending ??= load(source).then(
    () => {
      ready = true;
    },
    (e) => {
      pending = undefined;
      throw e;
    },
  );
  return pending;
}

async function load(source) {
  source = await source;
  if (source instanceof WebAssembly.Module || source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    // Bytes or a compiled module skip wasm-bindgen's loader, which tests
    // `instanceof Response` first: in node, the first touch of the global
    // `Response` loads its fetch implementation, 20–35 ms, most of a cold
    // start. Compiling stays asynchronous; instantiating a compiled module
    // synchronously is fine on a browser's main thread (limit: 8 MB).
    const module = source instanceof WebAssembly.Module ? source : await WebAssembly.compile(source);
    wbgInitSync({ module });
  } else {
    await (source === undefined ? wbgInit() : wbgInit({ module_or_path: source }));
  }
}

export function initSync(module) {
  if (!ready) {
    wbgInitSync({ module });
    ready = true;
  }
}

// The wasm leaves each kept block's text out of its results: it is the slice
// of `text` at the block's `out` span, and decoding it from wasm memory a
// second time cost ~7 % of sifting 1 MB in node. It is put back here, in
// the field order of the Rust and CLI results.
function withBlockText(r) {
  const text = r.text;
  r.blocks = r.blocks.map(({ kind, span, out, confidence }) => ({
    kind,
    text: text.slice(out.start, out.end),
    span,
    out,
    confidence,
  }));
  return r;
}

function analysisWithBlockText(a) {
  withBlockText(a.sift);
  return a;
}

export function sift(text, options) {
  ensureReady();
  return withBlockText(wbgSift(text, options));
}

export function siftHtml(html, options) {
  ensureReady();
  return withBlockText(wbgSiftHtml(html, options));
}

export function isProbablyArticle(html) {
  ensureReady();
  return wbgIsProbablyArticle(html);
}

export class Sifter {
  constructor(options) {
    ensureReady();
    this.inner = new WbgSifter(options);
  }
  sift(text) {
    return withBlockText(this.inner.sift(text));
  }
  siftHtml(html) {
    return withBlockText(this.inner.siftHtml(html));
  }
  free() {
    this.inner.free();
  }
}

export function analyze(text, options) {
  ensureReady();
  return analysisWithBlockText(wbgAnalyze(text, options));
}

export class Analyzer {
  constructor(model, options) {
    ensureReady();
    this.inner = new WbgAnalyzer(model, options);
  }
  analyze(text) {
    return analysisWithBlockText(this.inner.analyze(text));
  }
  analyzeHtml(html) {
    return analysisWithBlockText(this.inner.analyzeHtml(html));
  }
  free() {
    this.inner.free();
  }
}

export function version() {
  ensureReady();
  return wbgVersion();
}

export default init;
