// Throughput of the wasm build in node: the seeds (or fixtures) and ~1 MB.
//   node bench/wasm-bench.mjs        (after scripts/build-pkg.sh)
import { readFile, readdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import { init, Sifter } from "../pkg/index.js";

const root = new URL("../", import.meta.url);
const t0 = performance.now();
await init(await readFile(new URL("pkg/spinsift_bg.wasm", root)));
const sifter = new Sifter();
const coldMs = performance.now() - t0;

let docs = [];
const seeds = new URL("../shared/corpus/seeds/", root);
if (existsSync(seeds)) {
  for (const f of (await readdir(seeds)).filter((f) => f.endsWith(".txt")).sort()) docs.push(await readFile(new URL(f, seeds), "utf8"));
} else {
  const fx = new URL("tests/fixtures/", root);
  for (const d of (await readdir(fx)).sort()) docs.push(await readFile(new URL(`${d}/input.txt`, fx), "utf8"));
}
const bytes = (s) => Buffer.byteLength(s);
const total = docs.reduce((n, d) => n + bytes(d), 0);
function run(label, inputs, rounds) {
  const size = inputs.reduce((n, d) => n + bytes(d), 0);
  for (const d of inputs) sifter.sift(d); // warm-up
  const times = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    for (const d of inputs) sifter.sift(d);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const med = times[Math.floor(times.length / 2)];
  console.log(`${label.padEnd(22)} ${(size / 1e6).toFixed(2)} MB  median ${med.toFixed(2)} ms  ${(size / 1e6 / (med / 1000)).toFixed(1)} MB/s`);
}
console.log(`init + Sifter: ${coldMs.toFixed(1)} ms`);
run(`seeds (${docs.length} articles)`, docs, 50);
const big = docs.join("\n\n").repeat(Math.ceil(1e6 / total));
run("1 MB text", [big], 10);
run("10 MB text", [big.repeat(10)], 3);

// Spin scoring: model load, and analyze() on a 5,000-character article
// (sifting included), built from the same articles.
{
  const { Analyzer } = await import("../pkg/index.js");
  const t = performance.now();
  const an = new Analyzer();
  const loadMs = performance.now() - t;
  let article = "";
  for (const d of docs) {
    for (const para of d.split(/\n+/)) {
      if (para.length > 80 && article.length + para.length < 5000) article += para + "\n\n";
    }
  }
  an.analyze(article); // warm-up
  const times = [];
  for (let r = 0; r < 200; r++) {
    const t1 = performance.now();
    an.analyze(article);
    times.push(performance.now() - t1);
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.floor(times.length * q)].toFixed(2);
  console.log(`spin model load (new Analyzer): ${loadMs.toFixed(1)} ms`);
  console.log(`analyze ${article.length}-char article: median ${at(0.5)} ms, p95 ${at(0.95)} ms`);
}
