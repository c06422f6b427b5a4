// init() with a compiled WebAssembly.Module (what a worker receives by postMessage).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { init, sift } from "spinsift";

test("init accepts a WebAssembly.Module", async () => {
  const module = await WebAssembly.compile(await readFile(new URL(import.meta.resolve("spinsift/wasm"))));
  await init(module);
  assert.equal(sift("par\n\nUn paragraphe de contenu assez long pour rester tel quel.").removed[0].category, "byline_stub");
});
