// Nothing leaves the machine: every script shipped in the npm package, the
// demo site and both extension builds is scanned for network APIs and remote
// URLs; the few allowed uses (each loads a file of the package itself) must be
// exactly where expected. The extension holds no permission it does not use.
// (The browser tests also record every request the demo, widget and extension
// make and check it stays on the local test server.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const SHIPPED = ["pkg", ".cache/site", ".cache/extension/chrome", ".cache/extension/firefox"];

async function files(dir, exts) {
  const out = [];
  for (const e of await readdir(join(root, dir), { withFileTypes: true, recursive: true })) {
    const path = join(e.parentPath ?? e.path, e.name);
    // The demo's sample articles are data shown as text, not code.
    if (e.isFile() && exts.some((x) => e.name.endsWith(x)) && !path.includes("/samples/")) out.push(path);
  }
  return out;
}

// Code without its comments (line comments starting a line, and block
// comments), so that documentation URLs do not count and code does.
const code = (src) => src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");

const NETWORK = /\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts|RTCPeerConnection|WebTransport)\b|\bhttps?:\/\/|\bwss?:\/\//g;

// Each allowed use: the file (by name), the exact text around it, and why.
const ALLOWED = [
  // wasm-bindgen's init: fetches the package's own .wasm (a URL relative to
  // the module unless the caller passes one).
  { file: "spinsift.js", match: "fetch(module_or_path)" },
  { file: "spinsift.js", match: "typeof Request === 'function' && module_or_path instanceof Request" },
  { file: "spinsift.js", match: "module_or_path instanceof URL" },
  { file: "spinsift.js", match: "Response === 'function' && module instanceof Response" },
  { file: "spinsift.js", match: "WebAssembly.instantiateStreaming === 'function'" },
  { file: "spinsift.js", match: "throw new Error(`failed to fetch Wasm:" },
  // The demo loads its bundled sample articles, same origin.
  { file: "demo.js", match: "fetch(new URL(`./samples/" },
  // The extension's options name the hosts auto-analysis may be granted
  // (optional_host_permissions, asked for by the user's click).
  { file: "options.js", match: 'const HOSTS = { origins: ["http://*/*", "https://*/*"] };' },
];

test("shipped scripts use no network API beyond loading their own files", async () => {
  const found = [];
  let scanned = 0;
  for (const dir of SHIPPED) {
    for (const f of await files(dir, [".js", ".mjs", ".html"])) {
      scanned++;
      const src = code(await readFile(f, "utf8"));
      const name = f.split("/").pop();
      for (const line of src.split("\n")) {
        if (!NETWORK.test(line)) continue;
        NETWORK.lastIndex = 0;
        const ok = ALLOWED.some((a) => a.file === name && line.includes(a.match));
        if (!ok) found.push(`${relative(root, f)}: ${line.trim().slice(0, 160)}`);
      }
    }
  }
  assert.ok(scanned >= 15, `scanned ${scanned} files: build the package, demo and extension first`);
  assert.deepEqual(found, [], "network use outside the allowed list");
});

test("the allowed network uses are still where the list says (the list cannot rot)", async () => {
  for (const a of ALLOWED) {
    const hits = [];
    for (const dir of SHIPPED) {
      for (const f of await files(dir, [".js"])) {
        if (f.endsWith(`/${a.file}`) && (await readFile(f, "utf8")).includes(a.match)) hits.push(f);
      }
    }
    assert.ok(hits.length > 0, `${a.file}: ${a.match}`);
  }
});

test("the .wasm imports nothing that can reach the network", async () => {
  const bytes = await readFile(join(root, "pkg/spinsift_bg.wasm"));
  const mod = await WebAssembly.compile(bytes);
  const imports = WebAssembly.Module.imports(mod).map((i) => i.name);
  assert.ok(imports.length > 0);
  // Its imports are wasm-bindgen's shims for the JS values it handles.
  const bad = imports.filter((n) => /fetch|xhr|request|socket|beacon|worker|eval/i.test(n));
  assert.deepEqual(bad, []);
});

test("the extension asks for no permission it does not use", async () => {
  for (const browser of ["chrome", "firefox"]) {
    const dir = join(root, ".cache/extension", browser);
    const m = JSON.parse(await readFile(join(dir, "manifest.json"), "utf8"));
    const js = (await Promise.all((await files(`.cache/extension/${browser}`, [".js"]))
      .filter((f) => !f.includes("/pkg/"))
      .map((f) => readFile(f, "utf8")))).join("\n");
    assert.deepEqual([...m.permissions].sort(), ["activeTab", "scripting", "storage"], browser);
    assert.equal(m.host_permissions, undefined, `${browser}: no host permissions`);
    // activeTab: the toolbar click grants the current tab, which the worker scripts.
    assert.match(js, /chrome\.scripting\.executeScript\(/);
    assert.match(js, /chrome\.storage\.sync\.(get|set)\(/);
    // Optional hosts are requested only when the user turns auto-analysis on.
    assert.deepEqual(m.optional_host_permissions, ["http://*/*", "https://*/*"]);
    assert.match(js, /chrome\.permissions\.request\(HOSTS\)/);
    assert.equal(m.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
    if (browser === "firefox") {
      assert.deepEqual(m.browser_specific_settings.gecko.data_collection_permissions, { required: ["none"] });
    }
  }
});
