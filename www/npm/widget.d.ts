import type { Analysis } from "./index.js";

/** `<spin-sift>`: badge, panel and highlights for an article on the page. */
export declare class SpinSift extends HTMLElement {
  /** CSS selector of the article (default: the wrapped content, else `article, main`). */
  for: string;
  /** `badge` (default), `panel` (open) or `highlight` (marks on the article, no badge). */
  mode: "badge" | "panel" | "highlight";
  /** Sentences whose probability of using any technique reaches this are highlighted and listed,
   * besides those the model names a technique in (default 0.5). */
  threshold: number;
  /** URL of `spinsift_bg.wasm` (default: beside `widget.js`). */
  wasm: string;
  /** The last analysis (offsets into the article's text as the widget read it). */
  readonly result: Analysis | null;
  /** Analyse again, after the article changed. */
  refresh(): Promise<void>;
}

/** The element's visible text, blocks separated by blank lines, with a map back to its text nodes. */
export declare function readText(root: Element): { text: string; map: { start: number; node: Text; raw: string }[] };

declare global {
  interface HTMLElementTagNameMap { "spin-sift": SpinSift; }
  interface HTMLElementEventMap {
    "spinsift:ready": CustomEvent<Record<string, never>>;
    "spinsift:result": CustomEvent<Analysis>;
    "spinsift:error": CustomEvent<{ message: string }>;
  }
}
