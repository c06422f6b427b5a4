// The npm package as a user gets it: `npm pack`, installed from the tarball
// into a fresh project, imported in node, and bundled by vite@7 into a page
// checked in Chromium. The project lives under .cache/ (node_modules reused).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdir, rm, writeFile, readdir } from "node:fs/promises";
import { chromium } from "playwright-core";
import { serve, CHROMIUM_ARGS } from "./serve.mjs";

const root = new URL("../../", import.meta.url);
const proj = new URL(".cache/npm-pack-project/", root);
const run = (cmd, args, cwd = proj) => execFileSync(cmd, args, { cwd: new URL(cwd).pathname, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
let tarball;

before(async () => {
  await mkdir(proj, { recursive: true });
  for (const f of await readdir(proj)) if (f.endsWith(".tgz")) await rm(new URL(f, proj));
  tarball = run("npm", ["pack", new URL("pkg/", root).pathname, "--pack-destination", proj.pathname, "--silent"]).trim().split("\n").pop();
  await writeFile(new URL("package.json", proj), JSON.stringify({ private: true, type: "module" }, null, 2));
  run("npm", ["install", "--no-audit", "--no-fund", "--silent", `./${tarball}`, "vite@7"]);
});

test("the tarball holds what package.json promises, nothing else", () => {
  const files = run("tar", ["-tzf", tarball]).trim().split("\n").map((f) => f.replace(/^package\//, "")).sort();
  for (const f of ["index.js", "index.d.ts", "widget.js", "widget.d.ts", "spinsift.js", "spinsift_bg.wasm", "package.json", "README.md"]) {
    assert.ok(files.includes(f), `${f} in ${files}`);
  }
  assert.ok(!files.some((f) => f.includes("node_modules") || f.endsWith(".rs")), files.join(", "));
});

test("imported in node from the installed package", () => {
  const out = run("node", ["--input-type=module", "-e", `
    import { readFile } from "node:fs/promises";
    import { init, sift, siftHtml, version } from "spinsift";
    try { sift("x"); } catch (e) { console.log("before init:", e.message); }
    await init(await readFile(new URL(import.meta.resolve("spinsift/wasm"))));
    const r = siftHtml("<!doctype html><body><nav><a href=/>Home</a></nav><h1>Title here</h1><p>The council voted on Tuesday to close the old bridge, citing safety reports from engineers.</p></body>");
    console.log(JSON.stringify({ v: version(), text: r.text, cats: r.removed.map((x) => x.category) }));
  `]);
  assert.match(out, /before init: spinsift: call `await init\(\)`/);
  const r = JSON.parse(out.trim().split("\n").pop());
  assert.match(r.v, /^\d+\.\d+\.\d+$/);
  assert.ok(r.text.startsWith("Title here"));
  assert.deepEqual(r.cats, ["navigation"]);
});

test("bundled by vite@7 into a page that works in Chromium", async () => {
  await mkdir(new URL("src/", proj), { recursive: true });
  await writeFile(new URL("index.html", proj), `<!doctype html><html><head><meta charset="utf-8"><title>vite + spinsift</title></head>
<body><pre id="out">…</pre><script type="module" src="/src/main.js"></script></body></html>`);
  await writeFile(new URL("src/main.js", proj), `import { init, analyze } from "spinsift";
import wasmUrl from "spinsift/wasm?url";
await init(wasmUrl);
const a = analyze("Ces traîtres corrompus détruisent notre grande nation ! Qui peut encore croire ces « experts » vendus ?\\n\\nLe conseil municipal a adopté mardi le budget de 2024, qui prévoit 3,2 millions d'euros pour les écoles.");
document.getElementById("out").textContent = JSON.stringify({ lang: a.lang, sentences: a.sentences.length, frames: a.frames.length });
`);
  run("npx", ["vite", "build", "--logLevel", "error"]);
  const server = await serve(new URL("dist/", proj).pathname);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => document.getElementById("out").textContent.startsWith("{"));
    const r = JSON.parse(await page.textContent("#out"));
    assert.equal(r.lang, "fr");
    assert.equal(r.frames, 14);
    assert.ok(r.sentences >= 3);
  } finally {
    await browser.close();
    server.close();
  }
});
