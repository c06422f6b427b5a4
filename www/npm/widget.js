// <spin-sift>: the embeddable widget. One module tag adds it to a page:
//
//   <script type="module" src="https://your.cdn/spinsift/widget.js"></script>
//   <spin-sift for="#article" mode="badge" threshold="0.5"></spin-sift>
//
// or wrap the article: <spin-sift mode="highlight"><article>…</article></spin-sift>.
//
// It reads the article's text, runs spinsift in this tab (WebAssembly, no
// network), and shows a badge with the score, a panel with the techniques,
// frames, genre, highlighted sentences and the stripped junk, and highlights
// on the article itself through the CSS Custom Highlight API — never by
// rewriting the host page's text (where the API is missing, boxes are drawn
// over the text in the widget's own shadow root). Every string from the
// article reaches the page as a text node.
//
// Attributes (mirrored as properties): for, mode (badge | panel | highlight),
// threshold (0–1), wasm (URL of the .wasm, default: beside this file).
// Events (bubbling, composed): spinsift:ready, spinsift:result, spinsift:error.
// Styling: ::part(badge), ::part(panel), ::part(mark) and the custom
// properties --spinsift-accent, --spinsift-bg, --spinsift-fg, --spinsift-mark.
import { init, Analyzer } from "./index.js";

const HIGHLIGHT = "spinsift";
const MODES = ["badge", "panel", "highlight"];
let analyzerPromise;

function analyzer(wasmUrl) {
  analyzerPromise ??= init(wasmUrl ?? new URL("./spinsift_bg.wasm", import.meta.url)).then(() => new Analyzer());
  return analyzerPromise;
}

const BLOCK = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "DD", "DIV", "DL", "DT", "FIELDSET", "FIGCAPTION", "FIGURE",
  "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR", "LI", "MAIN", "NAV", "OL", "P", "PRE",
  "SECTION", "TABLE", "TD", "TH", "TR", "UL", "BR",
]);
const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "IFRAME", "BUTTON", "SELECT", "TEXTAREA", "SPIN-SIFT"]);

/** The element's visible text, blocks separated by blank lines, with a map
 * from text offsets back to DOM text nodes (for ranges). */
export function readText(root) {
  let text = "";
  const map = []; // { start, node }
  const walk = (node) => {
    for (let n = node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === Node.TEXT_NODE) {
        if (!n.data.trim()) {
          if (text && !text.endsWith(" ") && !text.endsWith("\n")) text += " ";
          continue;
        }
        map.push({ start: text.length, node: n, raw: n.data });
        // Line breaks inside a paragraph's source are spaces on screen; one
        // character for one keeps offsets aligned with the node's.
        text += n.data.replace(/[\t\n\r\f\v]/g, " ");
      } else if (n.nodeType === Node.ELEMENT_NODE && !SKIP.has(n.tagName.toUpperCase())) {
        if (n.hidden || n.getAttribute("aria-hidden") === "true") continue;
        const block = BLOCK.has(n.tagName.toUpperCase());
        if (block && text && !text.endsWith("\n\n")) text += "\n\n";
        walk(n);
        if (block && text && !text.endsWith("\n\n")) text += "\n\n";
      }
    }
  };
  walk(root);
  return { text, map };
}

/** A DOM Range for [start, end) of the text readText produced. */
function rangeFor(map, start, end) {
  const locate = (at, isEnd) => {
    let lo = 0;
    let hi = map.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (map[mid].start <= at - (isEnd ? 1 : 0)) lo = mid; else hi = mid - 1;
    }
    const seg = map[lo];
    if (!seg) return null;
    return { node: seg.node, offset: Math.max(0, Math.min(seg.raw.length, at - seg.start)) };
  };
  const a = locate(start, false);
  const b = locate(end, true);
  if (!a || !b) return null;
  const r = document.createRange();
  try {
    r.setStart(a.node, a.offset);
    r.setEnd(b.node, b.offset);
  } catch {
    return null;
  }
  return r;
}

const STYLE = `
:host { --spinsift-accent: #3550c9; --spinsift-bg: #fff; --spinsift-fg: #1d1d1f; --spinsift-muted: #66666b;
  --spinsift-line: #e3e0d8; --spinsift-mark: rgba(255, 196, 0, .45);
  display: block; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--spinsift-fg); }
@media (prefers-color-scheme: dark) {
  :host { --spinsift-bg: #1d1d21; --spinsift-fg: #ececf0; --spinsift-muted: #a0a0a8; --spinsift-line: #2e2e33; --spinsift-accent: #8ea2ff; }
}
.badge { all: unset; display: inline-flex; gap: 8px; align-items: center; cursor: pointer; border: 1px solid var(--spinsift-line);
  background: var(--spinsift-bg); border-radius: 999px; padding: 4px 12px 4px 6px; }
.badge[hidden] { display: none; }
.badge:focus-visible, button:focus-visible { outline: 2px solid var(--spinsift-accent); outline-offset: 2px; }
.dot { display: inline-grid; place-items: center; min-width: 36px; height: 28px; border-radius: 999px; color: #fff;
  background: var(--spinsift-accent); font-weight: 700; font-variant-numeric: tabular-nums; padding: 0 6px; }
.panel { margin-top: 8px; background: var(--spinsift-bg); border: 1px solid var(--spinsift-line); border-radius: 12px; padding: 12px 16px; max-width: 640px; }
.panel[hidden] { display: none; }
.panel h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--spinsift-muted); margin: 12px 0 6px; }
.panel h2:first-of-type { margin-top: 0; }
.head { display: flex; justify-content: space-between; align-items: baseline; gap: 8px; }
.close { all: unset; cursor: pointer; color: var(--spinsift-muted); padding: 0 4px; border-radius: 4px; }
ul { margin: 0; padding-left: 18px; }
li { margin: 2px 0; }
.muted { color: var(--spinsift-muted); }
.bar { display: grid; grid-template-columns: 12em 1fr 3em; gap: 8px; align-items: center; font-size: 13px; }
.bar > span:first-child { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.bar .t { background: var(--spinsift-line); height: 6px; border-radius: 3px; overflow: hidden; }
.bar .f { background: var(--spinsift-accent); height: 100%; }
@media (prefers-reduced-motion: no-preference) { .bar .f { transition: width .3s ease; } }
.sent { font-style: italic; }
.cue { font-weight: 700; font-style: normal; }
.junk { overflow-wrap: anywhere; }
.junk b { color: #b3261e; }
.overlay { position: absolute; inset: 0 auto auto 0; pointer-events: none; }
.overlay div { position: absolute; background: var(--spinsift-mark); border-radius: 2px; }
.err { color: #b3261e; }
`;

class SpinSift extends HTMLElement {
  static get observedAttributes() { return ["for", "mode", "threshold", "wasm"]; }

  constructor() {
    super();
    this.attachShadow({ mode: "open" });
    this.result = null;
    this._ranges = [];
  }

  // Attributes mirrored as properties.
  get for() { return this.getAttribute("for") ?? ""; }
  set for(v) { this.setAttribute("for", v); }
  get mode() { const m = this.getAttribute("mode"); return MODES.includes(m) ? m : "badge"; }
  set mode(v) { this.setAttribute("mode", v); }
  get threshold() { const t = Number.parseFloat(this.getAttribute("threshold")); return Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0.5; }
  set threshold(v) { this.setAttribute("threshold", String(v)); }
  get wasm() { return this.getAttribute("wasm") ?? ""; }
  set wasm(v) { this.setAttribute("wasm", v); }

  connectedCallback() {
    if (!this.shadowRoot.firstChild) this._build();
    this._schedule();
  }

  disconnectedCallback() {
    this._clearHighlights();
  }

  attributeChangedCallback() {
    if (this.isConnected && this.shadowRoot.firstChild) this._schedule();
  }

  /** Analyse again (after the article changed). */
  refresh() { return this._run(); }

  _schedule() {
    cancelAnimationFrame(this._raf);
    this._raf = requestAnimationFrame(() => this._run());
  }

  _emit(name, detail) {
    this.dispatchEvent(new CustomEvent(`spinsift:${name}`, { detail, bubbles: true, composed: true }));
  }

  _target() {
    if (this.for) return document.querySelector(this.for);
    if (this.firstElementChild) return this;
    return document.querySelector("article, main, [role=main]");
  }

  _build() {
    const style = document.createElement("style");
    style.textContent = STYLE;
    const badge = document.createElement("button");
    badge.className = "badge";
    badge.part = "badge";
    badge.type = "button";
    badge.setAttribute("aria-expanded", "false");
    badge.append(Object.assign(document.createElement("span"), { className: "dot", textContent: "…" }),
      Object.assign(document.createElement("span"), { className: "label", textContent: "spin" }));
    badge.addEventListener("click", () => this._toggle());
    const panel = document.createElement("section");
    panel.className = "panel";
    panel.part = "panel";
    panel.hidden = true;
    panel.setAttribute("aria-label", "spinsift analysis");
    panel.addEventListener("keydown", (e) => { if (e.key === "Escape") { this._toggle(false); badge.focus(); } });
    const overlay = document.createElement("div");
    overlay.className = "overlay";
    overlay.part = "mark";
    const slot = document.createElement("slot");
    this.shadowRoot.append(style, badge, panel, overlay, slot);
    this._badge = badge;
    this._panel = panel;
    this._overlay = overlay;
  }

  _toggle(open = this._panel.hidden) {
    this._panel.hidden = !open;
    this._badge.setAttribute("aria-expanded", String(open));
  }

  async _run() {
    const target = this._target();
    if (!target) {
      this._fail(new Error(`spinsift: no article found (for="${this.for}")`));
      return;
    }
    let an;
    try {
      an = await analyzer(this.wasm || undefined);
      if (!this._ready) {
        this._ready = true;
        this._emit("ready", {});
      }
    } catch (e) {
      this._fail(e);
      return;
    }
    const { text, map } = readText(target);
    let a;
    try {
      a = an.analyze(text);
    } catch (e) {
      this._fail(e);
      return;
    }
    this.result = a;
    this._render(a, text);
    this._highlight(a, map);
    this._emit("result", a);
  }

  _fail(e) {
    const dot = this._badge?.querySelector(".dot");
    if (dot) dot.textContent = "!";
    if (this._panel) {
      this._panel.replaceChildren(Object.assign(document.createElement("p"), { className: "err", textContent: String(e.message ?? e) }));
    }
    this._emit("error", { message: String(e.message ?? e) });
  }

  // A sentence is flagged when the model names a technique in it, or when its
  // probability of using any technique reaches the threshold.
  _flagged(a) {
    return a.sentences.filter((s) => s.techniques.length > 0 || s.p >= this.threshold);
  }

  _render(a, text) {
    const el = (tag, cls, txt) => {
      const e = document.createElement(tag);
      if (cls) e.className = cls;
      if (txt !== undefined) e.textContent = txt;
      return e;
    };
    const pct = (p) => `${Math.round(p * 100)}%`;
    this._badge.querySelector(".dot").textContent = a.reliable ? a.score.toFixed(2) : "–";
    this._badge.querySelector(".label").textContent = `spin${a.reliable ? "" : " (unreliable)"}`;
    this._badge.title = "Expected share of sentences using a persuasion technique";
    this._badge.hidden = this.mode === "highlight";
    const p = this._panel;
    p.replaceChildren();
    const head = el("div", "head");
    const close = el("button", "close", "×");
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", () => { this._toggle(false); this._badge.focus(); });
    head.append(el("strong", null, `Spin ${a.reliable ? a.score.toFixed(2) : "–"}`), close);
    p.append(head, el("div", "muted", "Expected share of sentences using a persuasion technique (a reading aid, not a verdict)."));
    p.append(el("h2", null, "Techniques"));
    const tl = el("ul");
    for (const t of a.techniques.filter((t) => t.count > 0).sort((x, y) => y.count - x.count)) {
      const li = el("li");
      li.append(el("strong", null, t.name.replaceAll("_", " ")), document.createTextNode(` — ${t.count} · ${t.family.replaceAll("_", " ")}`));
      tl.append(li);
    }
    // Nothing named in a sentence: say what the model leans to, with its
    // document-level probability, rather than an empty list.
    if (!tl.childElementCount) {
      // `a.techniques` come most probable first.
      const likely = a.techniques.slice(0, 3).map((t) => `${t.name.replaceAll("_", " ")} ${pct(t.p)}`);
      tl.append(el("li", "muted", likely.length ? `None above threshold; most likely: ${likely.join(", ")}.` : "None above threshold."));
    }
    p.append(tl);
    const bars = (title, items) => {
      p.append(el("h2", null, title));
      for (const it of items) {
        const row = el("div", "bar");
        const track = el("div", "t");
        const fill = el("div", "f");
        fill.style.width = pct(it.p);
        track.append(fill);
        row.append(el("span", null, it.name.replaceAll("_", " ")), track, el("span", "muted", pct(it.p)));
        // Long names (Legality_Constitutionality_and_jurisprudence) are cut
        // to one line; the whole name is the row's tooltip.
        row.title = `${it.name.replaceAll("_", " ")}: ${pct(it.p)}`;
        p.append(row);
      }
    };
    bars("Frames", [...a.frames].sort((x, y) => y.p - x.p).slice(0, 5));
    bars("Genre", a.genre);
    p.append(el("h2", null, "Sentences"));
    const sl = el("ul");
    for (const s of this._flagged(a)) {
      const li = el("li");
      const q = el("div", "sent");
      let at = s.span.start;
      const cues = s.techniques.flatMap((t) => t.cues).sort((x, y) => x.span.start - y.span.start);
      for (const c of cues) {
        if (c.span.start < at || c.span.end > s.span.end) continue;
        q.append(document.createTextNode(text.slice(at, c.span.start)), el("span", "cue", text.slice(c.span.start, c.span.end)));
        at = c.span.end;
      }
      q.append(document.createTextNode(text.slice(at, s.span.end)));
      const names = s.techniques.map((t) => `${t.name.replaceAll("_", " ")} ${pct(t.p)}`).join(", ");
      li.append(q, el("div", "muted", names || `any technique ${pct(s.p)}`));
      sl.append(li);
    }
    if (!sl.childElementCount) sl.append(el("li", "muted", "No sentence above the threshold."));
    p.append(sl);
    p.append(el("h2", null, "Stripped junk"));
    const jl = el("ul");
    for (const r of a.sift.removed) {
      const li = el("li", "junk");
      li.append(el("b", null, r.category), document.createTextNode(` ${r.text.length > 120 ? `${r.text.slice(0, 120)}…` : r.text}`));
      jl.append(li);
    }
    if (!jl.childElementCount) jl.append(el("li", "muted", "Nothing."));
    p.append(jl);
    // Panel mode opens it; switching to another mode closes it; otherwise
    // the reader's choice stands across refreshes.
    if (this.mode === "panel") this._toggle(true);
    else if (this._lastMode !== this.mode) this._toggle(false);
    this._lastMode = this.mode;
  }

  _clearHighlights() {
    if (globalThis.CSS?.highlights) CSS.highlights.delete(HIGHLIGHT);
    this._overlay?.replaceChildren();
    window.removeEventListener("resize", this._onResize);
  }

  _highlight(a, map) {
    this._clearHighlights();
    if (this.mode === "badge") return;
    const ranges = this._flagged(a).map((s) => rangeFor(map, s.span.start, s.span.end)).filter(Boolean);
    this._ranges = ranges;
    if (globalThis.CSS?.highlights && globalThis.Highlight) {
      ensureHighlightStyle();
      CSS.highlights.set(HIGHLIGHT, new Highlight(...ranges));
      return;
    }
    // Fallback: boxes over the text, drawn in our shadow root.
    this._onResize = () => this._drawBoxes();
    window.addEventListener("resize", this._onResize);
    this._drawBoxes();
  }

  _drawBoxes() {
    const o = this._overlay;
    o.replaceChildren();
    const base = this.getBoundingClientRect();
    for (const r of this._ranges) {
      for (const rect of r.getClientRects()) {
        const d = document.createElement("div");
        Object.assign(d.style, {
          left: `${rect.left - base.left}px`, top: `${rect.top - base.top}px`,
          width: `${rect.width}px`, height: `${rect.height}px`,
        });
        o.append(d);
      }
    }
  }
}

/** The ::highlight() rule must live in the document's styles (highlights paint
 * the host page's text); it is added once, as a constructed stylesheet. */
function ensureHighlightStyle() {
  if (ensureHighlightStyle.done) return;
  ensureHighlightStyle.done = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`::highlight(${HIGHLIGHT}) { background-color: var(--spinsift-mark, rgba(255, 196, 0, .45)); }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

if (!customElements.get("spin-sift")) customElements.define("spin-sift", SpinSift);
export { SpinSift };
