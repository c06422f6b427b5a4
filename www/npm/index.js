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

function ensureReady() {
  if (!ready) throw new Error("spinsift: call `await init()` before using the API");
}

export async function init(source) {
  if (!ready) {
    await (source === undefined ? wbgInit() : wbgInit({ module_or_path: source }));
    ready = true;
  }
}

export function initSync(module) {
  if (!ready) {
    wbgInitSync({ module });
    ready = true;
  }
}

export function sift(text, options) {
  ensureReady();
  return wbgSift(text, options);
}

export function siftHtml(html, options) {
  ensureReady();
  return wbgSiftHtml(html, options);
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
    return this.inner.sift(text);
  }
  siftHtml(html) {
    return this.inner.siftHtml(html);
  }
  free() {
    this.inner.free();
  }
}

export function analyze(text, options) {
  ensureReady();
  return wbgAnalyze(text, options);
}

export class Analyzer {
  constructor(model, options) {
    ensureReady();
    this.inner = new WbgAnalyzer(model, options);
  }
  analyze(text) {
    return this.inner.analyze(text);
  }
  analyzeHtml(html) {
    return this.inner.analyzeHtml(html);
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
