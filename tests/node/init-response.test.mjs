// init() with a fetch Response (what `fetch(url)` gives in a browser).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { init, siftHtml } from "spinsift";

test("init accepts a Response", async () => {
  const bytes = await readFile(new URL(import.meta.resolve("spinsift/wasm")));
  await init(new Response(bytes, { headers: { "content-type": "application/wasm" } }));
  assert.ok(siftHtml("<!doctype html><body><h1>Titre</h1><p>Le conseil a voté mardi la fermeture du vieux pont, invoquant des rapports de sécurité.</p></body>").text.startsWith("Titre"));
});
