// The popup: asks the background to analyse the current tab (the click on the
// toolbar button grants activeTab), then shows the full report. Article text
// is put in with textContent only.
const $ = (id) => document.getElementById(id);
const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};
const pct = (p) => `${Math.round(p * 100)}%`;
const name = (n) => n.replaceAll("_", " ");

function bars(box, items) {
  for (const it of items) {
    const row = el("div", "bar");
    const t = el("div", "t");
    const f = el("div", "f");
    f.style.width = pct(it.p);
    t.append(f);
    row.append(el("span", null, name(it.name)), t, el("span", "muted", pct(it.p)));
    row.title = `${name(it.name)}: ${pct(it.p)}`; // the whole name of a cut label
    box.append(row);
  }
}

function render(r) {
  $("status").hidden = true;
  $("report").hidden = false;
  $("score").textContent = r.reliable ? r.score.toFixed(2) : "–";
  const m = r.metadata;
  $("meta").textContent = [m.title, m.author, m.published, m.site_name, r.lang, r.selection ? "selection" : ""]
    .filter(Boolean).join(" · ");
  for (const t of r.techniques) {
    const li = el("li");
    li.append(el("strong", null, name(t.name)), document.createTextNode(` — ${t.count} · ${name(t.family)}`));
    $("techniques").append(li);
  }
  if (!r.techniques.length) {
    const likely = (r.likely ?? []).map((t) => `${name(t.name)} ${pct(t.p)}`);
    $("techniques").append(el("li", "muted", likely.length ? `None above threshold; most likely: ${likely.join(", ")}.` : "None above threshold."));
  }
  bars($("frames"), [...r.frames].sort((a, b) => b.p - a.p).slice(0, 6));
  bars($("genre"), r.genre);
  for (const s of r.marks) {
    const li = el("li");
    li.append(el("span", null, s.text), el("br"),
      el("small", "muted", s.techniques.map((t) => `${name(t.name)} ${pct(t.p)}${t.cues.length ? ` (${t.cues.join(", ")})` : ""}`).join("; ") || `any technique ${pct(s.p)}`));
    $("sentences").append(li);
  }
  if (!r.marks.length) $("sentences").append(el("li", "muted", "None."));
  for (const j of r.removed) {
    const li = el("li");
    li.append(el("b", null, j.category), document.createTextNode(` ${j.text.length > 100 ? `${j.text.slice(0, 100)}…` : j.text}`));
    $("junk").append(li);
  }
  if (!r.removed.length) $("junk").append(el("li", "muted", "Nothing."));
}

async function main() {
  // ?tab=ID analyses that tab (the end-to-end tests open the popup as a page).
  const fromQuery = Number.parseInt(new URLSearchParams(location.search).get("tab"), 10);
  const tabId = Number.isInteger(fromQuery) ? fromQuery : (await chrome.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId === undefined) {
    $("status").textContent = "No tab to analyse.";
    return;
  }
  const res = await chrome.runtime.sendMessage({ type: "spinsift:analyze", tabId });
  if (!res?.ok) {
    $("status").textContent = `Cannot analyse this page: ${res?.error ?? "no answer"}`;
    $("status").className = "err";
    return;
  }
  render(res.report);
}
main();
