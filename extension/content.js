// Injected into the analysed tab: draws highlights for the flagged sentences
// with the CSS Custom Highlight API (the page's DOM is never rewritten) and
// shows a tooltip (technique, cue words) when the pointer is over one. All
// text goes into the tooltip as text nodes.
(() => {
  if (window.__spinsift) return;
  const HL = "spinsift-extension"; // apart from the <spin-sift> widget's
  const state = (window.__spinsift = { marks: [], ranges: [] });

  const style = new CSSStyleSheet();
  style.replaceSync(`::highlight(${HL}) { background-color: rgba(255, 196, 0, .45); }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, style];

  const host = document.createElement("spinsift-tooltip");
  const shadow = host.attachShadow({ mode: "open" });
  const tip = document.createElement("div");
  const css = document.createElement("style");
  tip.className = "tip";
  css.textContent = `.tip { position: fixed; z-index: 2147483647; max-width: 360px; padding: 8px 10px; border-radius: 8px;
    font: 13px/1.4 system-ui, sans-serif; background: #1d1d21; color: #ececf0; box-shadow: 0 4px 16px rgba(0,0,0,.3); pointer-events: none; }
    .tip[hidden] { display: none; } p { margin: 0; } b { color: #ffd15c; }`;
  tip.hidden = true;
  shadow.append(css, tip);
  document.documentElement.append(host);

  // The page's text with a map back to its text nodes; white space collapsed
  // the way spinsift's page text collapses it.
  function index() {
    const nodes = [];
    let text = "";
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement?.closest("script,style,noscript,template,spinsift-tooltip") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (let i = 0; i < n.data.length; i++) {
        const c = n.data[i];
        if (/\s/.test(c)) {
          if (text && !text.endsWith(" ")) { text += " "; nodes.push([n, i]); }
        } else {
          text += c;
          nodes.push([n, i]);
        }
      }
      if (text && !text.endsWith(" ")) { text += " "; nodes.push([n, n.data.length]); }
    }
    return { text, nodes };
  }

  function highlight(marks) {
    const { text, nodes } = index();
    const ranges = [];
    let from = 0;
    for (const m of marks) {
      const needle = m.text.replace(/\s+/g, " ").trim();
      let at = text.indexOf(needle, from);
      if (at < 0) at = text.indexOf(needle);
      if (at < 0 || !needle) continue;
      from = at + needle.length;
      const [sn, so] = nodes[at];
      const [en, eo] = nodes[at + needle.length - 1];
      const r = document.createRange();
      r.setStart(sn, so);
      r.setEnd(en, Math.min(eo + 1, en.data.length));
      r.spinsift = m;
      ranges.push(r);
    }
    state.marks = marks;
    state.ranges = ranges;
    CSS.highlights.set(HL, new Highlight(...ranges));
    return ranges.length;
  }

  document.addEventListener("mousemove", (e) => {
    const pos = document.caretRangeFromPoint?.(e.clientX, e.clientY);
    const r = pos && state.ranges.find((r) => r.isPointInRange(pos.startContainer, pos.startOffset));
    if (!r) { tip.hidden = true; return; }
    tip.replaceChildren();
    const m = r.spinsift;
    for (const t of m.techniques.length ? m.techniques : [{ name: "Any technique", p: m.p, cues: [] }]) {
      const line = document.createElement("p");
      const name = document.createElement("b");
      name.textContent = `${t.name.replaceAll("_", " ")} ${Math.round(t.p * 100)}%`;
      line.append(name);
      if (t.cues.length) line.append(document.createTextNode(` — ${t.cues.map((c) => `“${c}”`).join(", ")}`));
      tip.append(line);
    }
    tip.style.left = `${Math.min(e.clientX + 12, innerWidth - 380)}px`;
    tip.style.top = `${e.clientY + 16}px`;
    tip.hidden = false;
  }, { passive: true });

  chrome.runtime.onMessage.addListener((msg, _sender, reply) => {
    if (msg?.type === "spinsift:highlight") reply({ highlighted: highlight(msg.marks) });
  });
})();
