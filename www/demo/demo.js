// The demo page: paste or drop an article, see it sifted and scored.
// Everything from the article is put into the page with textContent or
// attributes, never as markup: article text is untrusted.
import { init, Analyzer } from "./pkg/index.js";
import { EXPLAIN } from "./techniques.js";

const $ = (id) => document.getElementById(id);
const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};
const pct = (p) => `${Math.round(p * 100)}%`;

let analyzer;
const status = (msg) => { $("status").textContent = msg; };

async function start() {
  try {
    await init(new URL("./pkg/spinsift_bg.wasm", import.meta.url));
    analyzer = new Analyzer();
    $("analyse").disabled = false;
    $("analyse").textContent = "Analyse";
    status("Ready.");
  } catch (e) {
    status(`Could not load spinsift: ${e.message}`);
  }
}

function looksLikeHtml(s) {
  return /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype html|html|head|body)[\s>]/i.test(s);
}

function analyse() {
  const input = $("text").value;
  if (!input.trim()) {
    status("Paste some text or HTML first.");
    return;
  }
  const kind = $("kind").value;
  const html = kind === "html" || (kind === "auto" && looksLikeHtml(input));
  const t0 = performance.now();
  let a;
  try {
    a = html ? analyzer.analyzeHtml(input) : analyzer.analyze(input);
  } catch (e) {
    status(`Error: ${e.message}`);
    return;
  }
  const ms = performance.now() - t0;
  render(a, a.sift.source ?? input);
  status(`${html ? "HTML page" : "Text"} analysed in ${ms.toFixed(1)} ms.`);
}

function render(a, src) {
  $("output").hidden = false;
  $("score").textContent = a.reliable ? a.score.toFixed(2) : "–";
  const facts = $("facts");
  facts.replaceChildren();
  const m = a.sift.metadata;
  const fact = (k, v) => { if (v) { facts.append(el("dt", null, k), el("dd", null, v)); } };
  fact("title", m.title);
  fact("author", m.author);
  fact("published", m.published);
  fact("updated", m.modified);
  fact("site", m.site_name);
  fact("language", a.lang ?? m.lang);
  fact("reliable", a.reliable ? "yes" : "no — too short or an unsupported language");
  renderArticle(a, src);
  renderTechniques(a);
  renderBars($("frames"), [...a.frames].sort((x, y) => y.p - x.p));
  renderBars($("genre"), a.genre);
  const junk = $("junk");
  junk.replaceChildren();
  for (const r of a.sift.removed) {
    const li = el("li");
    li.append(el("span", "cat", r.category), document.createTextNode(r.text.length > 140 ? `${r.text.slice(0, 140)}…` : r.text));
    li.title = `rule: ${r.rule}`;
    junk.append(li);
  }
  if (!a.sift.removed.length) junk.append(el("li", null, "Nothing removed."));
  $("explain").hidden = true;
}

// The page text in order: kept blocks (with sentence highlights) and removed
// junk (struck through, labelled), both placed by their spans in `src`.
function renderArticle(a, src) {
  const pieces = [
    ...a.sift.blocks.map((b) => ({ start: b.span.start, end: b.span.end, block: b })),
    ...a.sift.removed.map((r) => ({ start: r.span.start, end: r.span.end, junk: r })),
  ].sort((x, y) => x.start - y.start || x.end - y.end);
  const article = $("article");
  article.replaceChildren();
  for (const p of pieces) {
    if (p.junk) {
      const d = el("del", "junk");
      d.dataset.category = p.junk.category;
      d.append(el("span", "label", p.junk.category.replace("_", " ")), document.createTextNode(src.slice(p.start, p.end)));
      article.append(d);
      continue;
    }
    const div = el("div", `b ${p.block.kind}`);
    let at = p.start;
    for (const s of a.sentences.filter((s) => s.span.start >= p.start && s.span.end <= p.end)) {
      if (s.span.start > at) div.append(document.createTextNode(src.slice(at, s.span.start)));
      div.append(sentence(s, src));
      at = s.span.end;
    }
    if (at < p.end) div.append(document.createTextNode(src.slice(at, p.end)));
    article.append(div);
  }
}

function sentence(s, src) {
  const span = el("span", "s");
  const cues = s.techniques.flatMap((t) => t.cues).sort((x, y) => x.span.start - y.span.start);
  let at = s.span.start;
  for (const c of cues) {
    if (c.span.start < at || c.span.end > s.span.end) continue;
    if (c.span.start > at) span.append(document.createTextNode(src.slice(at, c.span.start)));
    span.append(el("b", "cue", src.slice(c.span.start, c.span.end)));
    at = c.span.end;
  }
  if (at < s.span.end) span.append(document.createTextNode(src.slice(at, s.span.end)));
  if (s.techniques.length) {
    span.classList.add("hit");
    span.style.setProperty("--a", (0.15 + 0.6 * s.p).toFixed(2));
    span.tabIndex = 0;
    span.title = s.techniques.map((t) => `${t.name.replaceAll("_", " ")} (${pct(t.p)})`).join(", ");
    const show = () => explain(s, src);
    span.addEventListener("click", show);
    span.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); show(); } });
  }
  return span;
}

function explain(s, src) {
  const box = $("explain");
  box.replaceChildren(el("h3", null, "Why this sentence"), el("p", "sent", src.slice(s.span.start, s.span.end)));
  for (const t of s.techniques) {
    const p = el("p");
    p.append(el("strong", null, `${t.name.replaceAll("_", " ")} — ${pct(t.p)}`), el("br"),
      document.createTextNode(EXPLAIN[t.name] ?? ""), el("br"));
    if (t.cues.length) p.append(document.createTextNode(`Words that pushed it: ${t.cues.map((c) => `“${c.text}”`).join(", ")}`));
    box.append(p);
  }
  box.hidden = false;
}

function renderTechniques(a) {
  const ol = $("techniques");
  ol.replaceChildren();
  const found = a.techniques.filter((t) => t.count > 0).sort((x, y) => y.count - x.count || y.p - x.p);
  for (const t of found) {
    const li = el("li");
    li.append(el("strong", null, t.name.replaceAll("_", " ")), document.createTextNode(` — ${t.count} sentence${t.count > 1 ? "s" : ""} `),
      el("span", "fam", `(${t.family.replaceAll("_", " ")})`));
    li.title = EXPLAIN[t.name] ?? "";
    ol.append(li);
  }
  // Nothing named in a sentence: say what the model leans to (document-level
  // probabilities, most probable first) rather than leave the list bare.
  if (!found.length) {
    const likely = a.techniques.slice(0, 3).map((t) => `${t.name.replaceAll("_", " ")} ${pct(t.p)}`);
    ol.append(el("li", "muted", likely.length ? `None above threshold; most likely: ${likely.join(", ")}.` : "None above threshold."));
  }
}

function renderBars(box, items) {
  box.replaceChildren();
  for (const it of items) {
    const row = el("div", "bar");
    const track = el("div", "track");
    const fill = el("div", "fill");
    track.append(fill);
    row.append(el("span", "name", it.name.replaceAll("_", " ")), track, el("span", "pct", pct(it.p)));
    row.title = `${it.name}: ${pct(it.p)}`;
    box.append(row);
    requestAnimationFrame(() => { fill.style.width = pct(it.p); });
  }
}

async function loadSample(name) {
  const res = await fetch(new URL(`./samples/${name}`, import.meta.url));
  $("text").value = await res.text();
  $("kind").value = "auto";
  if (analyzer) analyse();
}

function readFile(file) {
  const r = new FileReader();
  r.onload = () => {
    $("text").value = String(r.result);
    $("kind").value = /\.html?$/i.test(file.name) ? "html" : "auto";
    if (analyzer) analyse();
  };
  r.readAsText(file);
}

$("analyse").addEventListener("click", analyse);
$("text").addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) analyse(); });
$("show-junk").addEventListener("change", (e) => $("article").classList.toggle("show-junk", e.target.checked));
$("file").addEventListener("change", (e) => { if (e.target.files[0]) readFile(e.target.files[0]); });
for (const b of document.querySelectorAll("[data-sample]")) b.addEventListener("click", () => loadSample(b.dataset.sample));
const drop = document.querySelector(".drop");
drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (e) => {
  e.preventDefault();
  drop.classList.remove("over");
  if (e.dataTransfer.files[0]) readFile(e.dataTransfer.files[0]);
});
start();
