// spinsift: the public entry point. `init()` must run (once) before the other
// functions; it accepts what wasm-bindgen's init takes: a URL, bytes, a
// Response or a WebAssembly.Module (default: the .wasm beside this file).
import wbgInit, { initSync as wbgInitSync, sift as wbgSift, Sifter as WbgSifter, version as wbgVersion } from "./spinsift.js";

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

export class Sifter {
  constructor(options) {
    ensureReady();
    this.inner = new WbgSifter(options);
  }
  sift(text) {
    return this.inner.sift(text);
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
