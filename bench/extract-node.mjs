// Runs one extractor over pages in node and prints JSON lines {id, text, ms}.
//   node bench/extract-node.mjs spinsift|readability PAGES.jsonl
// PAGES.jsonl holds {id, html} per line (bench/extract.py writes it).
// `spinsift` is the wasm build (pkg/, after scripts/build-pkg.sh);
// `readability` is @mozilla/readability with jsdom (npm, installed by extract.py).
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

const [which, file] = process.argv.slice(2);
const pages = (await readFile(file, "utf8")).split("\n").filter(Boolean).map((l) => JSON.parse(l));
let run;
if (which === "spinsift") {
  const root = new URL("../", import.meta.url);
  const { init, Sifter } = await import(new URL("pkg/index.js", root));
  await init(await readFile(new URL("pkg/spinsift_bg.wasm", root)));
  const sifter = new Sifter();
  // The benchmarks' gold bodies exclude the headline.
  run = (html) => sifter.siftHtml(html).blocks.filter((b) => b.kind !== "title").map((b) => b.text).join("\n\n");
} else if (which === "readability") {
  const require = createRequire(process.env.BENCH_NODE_MODULES + "/");
  const { JSDOM, VirtualConsole } = require("jsdom");
  const { Readability } = require("@mozilla/readability");
  const quiet = new VirtualConsole();
  run = (html, url) => {
    const dom = new JSDOM(html, { url: url || "https://example.org/", virtualConsole: quiet });
    const a = new Readability(dom.window.document).parse();
    dom.window.close();
    return a ? a.textContent : "";
  };
} else {
  throw new Error(`unknown extractor ${which}`);
}
// Each page's time is its fastest of BENCH_ROUNDS runs (default 3): on a
// shared machine single runs swing by a third.
const rounds = Math.max(1, Number.parseInt(process.env.BENCH_ROUNDS ?? "3", 10) || 1);
for (const p of pages.slice(0, 3)) run(p.html, p.url); // warm-up (JIT)
const best = new Map();
const texts = new Map();
for (let r = 0; r < rounds; r++) {
  for (const p of pages) {
    const t = performance.now();
    let text = "";
    try {
      text = run(p.html, p.url);
    } catch (e) {
      text = "";
    }
    const ms = performance.now() - t;
    best.set(p.id, Math.min(ms, best.get(p.id) ?? Infinity));
    texts.set(p.id, text);
    if (which === "readability" && globalThis.gc && texts.size % 50 === 0) globalThis.gc();
  }
}
for (const p of pages) {
  process.stdout.write(JSON.stringify({ id: p.id, text: texts.get(p.id), ms: best.get(p.id) }) + "\n");
}
