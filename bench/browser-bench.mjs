// The wasm build in headless Chromium (Debian's, through playwright-core from
// tests/browser): cold start in fresh browser profiles (median of 5), then the
// per-item benchmark of bench/wasm-core.mjs on CORPUS.json. Prints JSON.
//   node bench/browser-bench.mjs CORPUS.json [ROUNDS]
// (after scripts/build-pkg.sh and `npm install` in tests/browser)
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { serve, CHROMIUM_ARGS } from "../tests/browser/serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const require = createRequire(join(root, "tests/browser/package.json"));
const { chromium } = require("playwright-core");
const [corpusPath, rounds = "3"] = process.argv.slice(2);
const corpusDir = dirname(corpusPath);

// Cold starts on a plain server, as a page meets them; the per-item run on a
// cross-origin isolated one, for 5 µs timer steps instead of 100 µs.
const roots = { "/pkg/": join(root, "pkg"), "/bench/": here, "/": corpusDir };
const server = await serve(roots);
const isolated = await serve(roots, { isolate: true });
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
async function once(query, { url } = server) {
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${url}/bench/browser.html${query}`);
    await page.waitForFunction(() => window.benchResult, null, { timeout: 1_800_000, polling: 500 });
    const r = await page.evaluate(() => window.benchResult);
    if (r.error) throw new Error(r.error);
    if (url === isolated.url && !r.isolated) throw new Error("the page is not cross-origin isolated: timers have 100 µs steps");
    return r;
  } finally {
    await browser.close();
  }
}

const colds = [];
for (let i = 0; i < 5; i++) colds.push((await once("?cold=only")).cold);
const full = await once(`?rounds=${rounds}`, isolated);
const med = (k) => colds.map((c) => c[k]).sort((a, b) => a - b)[2];
full.cold = Object.fromEntries(Object.keys(colds[0]).map((k) => [k, med(k)]));
full.cold.runs = colds.map((c) => Math.round(c.cold_ms * 10) / 10);
server.close();
isolated.close();
console.log(JSON.stringify(full, null, 1));
