import type { SiftResult, SiftOptions, Analysis } from "./spinsift.js";
export type {
  Category, BlockKind, Span, Block, Removed, Metadata, SiftResult, SiftOptions,
  Cue, TechniqueHit, Sentence, TechniqueScore, LabelScore, Analysis,
} from "./spinsift.js";

/** What `init` accepts: a URL or path, bytes, a fetch `Response`, or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Loads the WebAssembly module; call (and await) once before anything else. */
export function init(source?: InitInput | Promise<InitInput>): Promise<void>;
/** Synchronous init from bytes or a compiled module (workers, node). */
export function initSync(module: BufferSource | WebAssembly.Module): void;
/** Sifts article text. Offsets are UTF-16 code units. */
export function sift(text: string, options?: SiftOptions): SiftResult;
/**
 * Finds the article in an HTML page (markup as a string), then sifts it.
 * `result.source` is the page's visible text, one block per line; every `span`
 * indexes it (UTF-16 code units). Metadata also comes from the page's `<meta>`,
 * JSON-LD, `<time>` and `lang`.
 */
export function siftHtml(html: string, options?: SiftOptions): SiftResult;
/** A cheap check, before the full work, that a page holds an article. */
export function isProbablyArticle(html: string): boolean;
/** A reusable sifter: build once, sift many. */
export class Sifter {
  constructor(options?: SiftOptions);
  sift(text: string): SiftResult;
  /** As the free function `siftHtml`. */
  siftHtml(html: string): SiftResult;
  /** Frees the wasm memory held by this sifter. */
  free(): void;
}
/**
 * Sifts, then scores persuasion techniques, frames and genre. Offsets are UTF-16
 * code units. A whole HTML page (doctype, `<html>`, `<head>` or `<body>` first)
 * has its article found first; spans then index `result.sift.source`.
 */
export function analyze(text: string, options?: SiftOptions): Analysis;
/** A reusable analyzer; `model` is a custom spin model file (checked on load). */
export class Analyzer {
  constructor(model?: Uint8Array, options?: SiftOptions);
  analyze(text: string): Analysis;
  /** Finds the article in `html` (page or fragment), then analyzes it; spans index `result.sift.source`. */
  analyzeHtml(html: string): Analysis;
  /** Frees the wasm memory held by this analyzer. */
  free(): void;
}
/** The package version. */
export function version(): string;
export default init;
