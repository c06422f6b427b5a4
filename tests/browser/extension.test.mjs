// The extension loaded unpacked in Debian's Chromium (--headless=new): on a
// local article page, the action's popup analyses the tab, the badge shows the
// score, highlights appear on the page (through CSS.highlights, the page's DOM
// untouched), and the popup shows the report. Headless Chromium has no toolbar
// to click, so the test opens the popup page for the tab (popup.html?tab=ID)
// and, standing in for the activeTab grant a click gives, loads a copy of the
// extension with host access to 127.0.0.1 only.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdir, mkdtemp, readFile, writeFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { serve } from "./serve.mjs";

const root = new URL("../../", import.meta.url);
const shots = new URL("tests/screenshots/", root);
let server, context, extId, dir;

before(async () => {
  await mkdir(shots, { recursive: true });
  dir = await mkdtemp(join(tmpdir(), "spinsift-ext-"));
  await cp(new URL(".cache/extension/chrome/", root).pathname, join(dir, "ext"), { recursive: true });
  const manifest = JSON.parse(await readFile(join(dir, "ext", "manifest.json"), "utf8"));
  manifest.host_permissions = ["http://127.0.0.1/*"];
  await writeFile(join(dir, "ext", "manifest.json"), JSON.stringify(manifest));
  server = await serve({ "/": new URL(".cache/site/", root).pathname, "/test/": new URL("tests/browser/pages/", root).pathname });
  context = await chromium.launchPersistentContext(join(dir, "profile"), {
    executablePath: "/usr/bin/chromium",
    headless: false,
    args: [
      "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", `--disable-extensions-except=${join(dir, "ext")}`, `--load-extension=${join(dir, "ext")}`,
    ],
  });
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  extId = new URL(sw.url()).host;
});

after(async () => {
  await context?.close();
  server?.close();
});

test("the shipped manifest: MV3, no broad host permission, wasm CSP", async () => {
  const m = JSON.parse(await readFile(new URL("extension/manifest.json", root), "utf8"));
  assert.equal(m.manifest_version, 3);
  assert.deepEqual(m.permissions.sort(), ["activeTab", "scripting", "storage"]);
  assert.equal(m.host_permissions, undefined);
  assert.match(m.content_security_policy.extension_pages, /'wasm-unsafe-eval'/);
  const ff = JSON.parse(await readFile(new URL(".cache/extension/firefox/manifest.json", root), "utf8"));
  assert.deepEqual(ff.background.scripts, ["background.js"]);
  assert.deepEqual(ff.browser_specific_settings.gecko.data_collection_permissions, { required: ["none"] });
  const zips = await readdir(new URL("target/extension/", root));
  assert.ok(zips.some((z) => z.includes("chrome")) && zips.some((z) => z.includes("firefox")), zips.join(", "));
});

test("the Firefox build passes Mozilla's addons-linter: no error, no warning", () => {
  const out = execFileSync(new URL("tests/browser/node_modules/.bin/addons-linter", root).pathname,
    ["--output", "json", new URL(".cache/extension/firefox/", root).pathname], { encoding: "utf8" });
  const r = JSON.parse(out);
  assert.deepEqual(r.summary, { errors: 0, notices: 0, warnings: 0 }, JSON.stringify([...r.errors, ...r.warnings, ...r.notices]));
});

test("popup analyses the tab: badge, highlights with tooltips, report", async () => {
  const article = await context.newPage();
  const requests = [];
  context.on("request", (r) => requests.push(r.url()));
  await article.goto(`${server.url}/test/widget-host.html`);
  const before = await article.evaluate(() => document.getElementById("story").innerHTML);
  const sw = context.serviceWorkers()[0];
  const tabId = await sw.evaluate(async (url) => (await chrome.tabs.query({ url })).at(0)?.id, article.url());
  assert.ok(Number.isInteger(tabId));
  // Make every sentence count (the options page's threshold).
  await sw.evaluate(() => chrome.storage.sync.set({ threshold: 0 }));
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extId}/popup.html?tab=${tabId}`);
  await popup.waitForSelector("#report:not([hidden])", { timeout: 30000 });
  assert.match(await popup.textContent("#score"), /^\d\.\d\d$/);
  assert.ok((await popup.$$eval("#frames .bar", (b) => b.length)) >= 5);
  assert.ok((await popup.$$eval("#sentences li", (l) => l.length)) >= 3);
  assert.ok((await popup.textContent("#sentences")).includes("<img src=x onerror=alert(1)>"), "hostile text shown as text");
  assert.equal(await popup.$$eval("#sentences img", (i) => i.length), 0);
  const badge = await sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
  assert.match(badge, /^\d{1,3}$/);
  const marks = await article.evaluate(() => CSS.highlights.get("spinsift-extension")?.size ?? 0);
  assert.ok(marks >= 3, `${marks} highlights`);
  assert.equal(await article.evaluate(() => document.getElementById("story").innerHTML), before);
  // A tooltip when the pointer rests on a highlighted sentence.
  await article.bringToFront();
  const first = article.locator("#story p").first();
  await first.scrollIntoViewIfNeeded();
  const box = await first.boundingBox();
  await article.mouse.move(box.x + 5, box.y + 5);
  await article.mouse.move(box.x + 40, box.y + 12, { steps: 5 });
  await article.waitForFunction(() => !document.querySelector("spinsift-tooltip")?.shadowRoot.querySelector(".tip").hidden);
  const tip = await article.evaluate(() => document.querySelector("spinsift-tooltip").shadowRoot.querySelector(".tip").textContent);
  assert.match(tip, /%/);
  await article.screenshot({ path: new URL("extension-page.png", shots).pathname, fullPage: true });
  await popup.screenshot({ path: new URL("extension-popup.png", shots).pathname, fullPage: true });
  for (const u of requests) assert.ok(u.startsWith(server.url) || u.startsWith("chrome-extension://"), u);
});

test("options page stores only the options", async () => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extId}/options.html`);
  await page.fill("#threshold", "0.7");
  await page.dispatchEvent("#threshold", "change");
  await page.check("#techs input[value=Loaded_Language]");
  await page.waitForFunction(() => document.getElementById("saved").textContent === "Saved.");
  const sw = context.serviceWorkers()[0];
  const stored = await sw.evaluate(async () => ({ sync: await chrome.storage.sync.get(null), local: await chrome.storage.local.get(null) }));
  assert.equal(stored.sync.threshold, 0.7);
  assert.deepEqual(stored.sync.techniques, ["Loaded_Language"]);
  assert.deepEqual(Object.keys(stored.sync).sort(), ["techniques", "threshold"]);
  assert.deepEqual(stored.local, {});
});
