// init() from bytes leaves the global `Response` alone (in node its first
// touch loads the fetch implementation: tens of ms of a cold start), takes a
// promise of bytes, can be retried after a failure, and concurrent calls
// share one instance. (node --test runs each file in its own process.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

let touched = 0;
const real = Object.getOwnPropertyDescriptor(globalThis, "Response");
Object.defineProperty(globalThis, "Response", {
  configurable: true,
  get() {
    touched++;
    return real.get ? real.get.call(globalThis) : real.value;
  },
});
const { init, analyze, version } = await import("spinsift");
const wasm = () => readFile(new URL(import.meta.resolve("spinsift/wasm")));

test("init with bytes that are not a module rejects, and can be retried", async () => {
  await assert.rejects(init(new Uint8Array([0, 97, 115, 109, 9, 9])), WebAssembly.CompileError);
  assert.throws(() => version(), /call `await init\(\)`/);
});

test("concurrent init calls with a promise of bytes share one instance", async () => {
  const bytes = wasm();
  await Promise.all([init(bytes), init(bytes)]);
  await init(await bytes); // already initialised: a no-op
  assert.match(version(), /^\d+\.\d+\.\d+/);
  assert.equal(analyze("Le conseil a voté mardi la fermeture du pont.").lang, "fr");
});

test("init from bytes never read the global Response", () => {
  assert.equal(touched, 0);
  Object.defineProperty(globalThis, "Response", real);
});
