// 50 MB through the wasm build (the browser's limits, not the native ones):
// sift and analyze give a result, and the module still works afterwards
// (an out-of-memory abort would leave it dead). Native: tests/hostile.rs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { init, sift, analyze } from "spinsift";

function fiftyMegabytes() {
  // Distinct article-like paragraphs: repeated ones would go as duplicates.
  const parts = [];
  let len = 0;
  for (let n = 0; len < 50_000_000; n++) {
    const p = `Le conseil municipal a voté, lors de sa séance numéro ${n}, la fermeture du vieux pont, invoquant des rapports « alarmants » ! Une décision honteuse, disent-ils.\n\n`;
    parts.push(p);
    len += Buffer.byteLength(p);
  }
  return { text: parts.join(""), paragraphs: parts.length };
}

test("50 MB of text: sift and analyze give a result; the module survives", { timeout: 600_000 }, async () => {
  await init(await readFile(new URL(import.meta.resolve("spinsift/wasm"))));
  const { text, paragraphs } = fiftyMegabytes();
  const s = sift(text);
  assert.equal(s.blocks.length, paragraphs);
  const t0 = performance.now();
  const a = analyze(text);
  console.log(`analyze: ${(performance.now() - t0) / 1000} s, ${a.sentences.length} sentences`);
  assert.equal(a.sentences.length, paragraphs * 2);
  const last = a.sentences.at(-1);
  assert.equal(text.slice(last.span.start, last.span.end), "Une décision honteuse, disent-ils.");
  assert.ok(a.score > 0 && a.score <= 1);
  // Still alive, and a small call still works.
  assert.equal(sift("Un paragraphe assez long pour être gardé tel quel, avec du contenu.").blocks.length, 1);
});
