// The service worker (Chrome) / background script (Firefox): the only place
// spinsift's WebAssembly runs (Chrome applies a page's CSP to wasm inside
// content scripts). Content scripts only collect the page's HTML or the
// selection and draw highlights. No network requests; results stay in memory.
import { init, Analyzer, isProbablyArticle } from "./pkg/index.js";

let analyzerPromise;
const analyzer = () =>
  (analyzerPromise ??= init(chrome.runtime.getURL("pkg/spinsift_bg.wasm")).then(() => new Analyzer()));
const results = new Map(); // tab id → last report (memory only)

export const DEFAULTS = { threshold: 0.5, techniques: [], auto: false };
const options = () => chrome.storage.sync.get(DEFAULTS);

/** Collects the tab's page (or its selection), analyses it, badges the action
 * and highlights the flagged sentences. Returns the report for the popup. */
async function analyzeTab(tabId, html) {
  let page = { html, selection: "" };
  if (html === undefined) {
    const [{ result }] = await chrome.scripting.executeScript({
      target: { tabId },
      func: () => ({ html: document.documentElement.outerHTML, selection: String(getSelection() ?? "") }),
    });
    page = result;
  }
  const an = await analyzer();
  const useSelection = page.selection.trim().length >= 200;
  const a = useSelection ? an.analyze(page.selection) : an.analyzeHtml(page.html);
  const source = a.sift.source ?? page.selection;
  const opts = await options();
  const shown = (s) =>
    (s.techniques.length > 0 || s.p >= opts.threshold) &&
    (!opts.techniques.length || s.techniques.some((t) => opts.techniques.includes(t.name)));
  const marks = a.sentences.filter(shown).map((s) => ({
    text: source.slice(s.span.start, s.span.end),
    p: s.p,
    techniques: s.techniques.map((t) => ({ name: t.name, family: t.family, p: t.p, cues: t.cues.map((c) => c.text) })),
  }));
  await chrome.action.setBadgeBackgroundColor({ tabId, color: "#3550c9" });
  await chrome.action.setBadgeText({ tabId, text: a.reliable ? String(Math.round(a.score * 100)) : "?" });
  await chrome.scripting.executeScript({ target: { tabId }, files: ["content.js"] });
  await chrome.tabs.sendMessage(tabId, { type: "spinsift:highlight", marks });
  const report = {
    score: a.score, reliable: a.reliable, lang: a.lang, selection: useSelection,
    metadata: a.sift.metadata, techniques: a.techniques.filter((t) => t.count > 0),
    // What the model leans to when no sentence names a technique (most
    // probable first, document level).
    likely: a.techniques.slice(0, 3).map((t) => ({ name: t.name, p: t.p })),
    frames: a.frames, genre: a.genre, marks,
    removed: a.sift.removed.map((r) => ({ category: r.category, text: r.text, rule: r.rule })),
  };
  results.set(tabId, report);
  return report;
}

chrome.runtime.onMessage.addListener((msg, sender, reply) => {
  if (msg?.type === "spinsift:analyze") {
    analyzeTab(msg.tabId).then((r) => reply({ ok: true, report: r }), (e) => reply({ ok: false, error: String(e.message ?? e) }));
    return true;
  }
  if (msg?.type === "spinsift:last") {
    reply(results.get(msg.tabId) ?? null);
    return false;
  }
  if (msg?.type === "spinsift:auto" && sender.tab?.id !== undefined) {
    // Auto-analysis (opt-in in the options, with host permission): only pages
    // that look like articles.
    analyzer()
      .then(() => (isProbablyArticle(msg.html) ? analyzeTab(sender.tab.id, msg.html) : null))
      .catch(() => {});
    return false;
  }
  return false;
});

chrome.tabs.onRemoved.addListener((tabId) => results.delete(tabId));
