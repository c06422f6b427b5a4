// The wasm build in node: cold start, then per-item times for sift, siftHtml
// and analyze on a corpus (bench/run.py writes it from ../shared; without an
// argument, the project's own fixtures and golden pages). Prints JSON.
//   node bench/wasm-bench.mjs [CORPUS.json] [ROUNDS]     (after scripts/build-pkg.sh)
import { readFile, readdir } from "node:fs/promises";
import { coldStart, run } from "./wasm-core.mjs";

const root = new URL("../", import.meta.url);
const [corpusPath, rounds = "3"] = process.argv.slice(2);

async function ownCorpus() {
  const texts = [];
  for (const d of (await readdir(new URL("tests/fixtures/", root))).sort()) {
    texts.push(await readFile(new URL(`tests/fixtures/${d}/input.txt`, root), "utf8"));
  }
  const pages = [];
  for (const d of (await readdir(new URL("tests/pages/", root))).sort()) {
    pages.push({ id: d, html: await readFile(new URL(`tests/pages/${d}/source.html`, root), "utf8") });
  }
  return { texts, pages, articles: texts };
}

const corpus = corpusPath ? JSON.parse(await readFile(corpusPath, "utf8")) : await ownCorpus();
const mod = await import(new URL("pkg/index.js", root));
// Node has no fetch of file: URLs; reading the bytes is its "fetch".
const t0 = performance.now();
const bytes = await readFile(new URL("pkg/spinsift_bg.wasm", root));
const read_ms = performance.now() - t0;
const cold = await coldStart(mod, bytes);
cold.timings.cold_ms += read_ms;
cold.timings.read_ms = read_ms;
const results = run(cold, corpus, Number(rounds));
console.log(JSON.stringify({ runtime: `node ${process.version}`, cold: cold.timings, ...results }, null, 1));
