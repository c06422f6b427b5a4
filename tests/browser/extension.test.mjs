// The extension loaded unpacked in Debian's Chromium (--headless=new).
// First as shipped: the toolbar action is clicked on a local article page
// (DevTools' Extensions.triggerAction, the browser's own click path, so the
// click grants activeTab; headless Chromium draws no toolbar to click), and
// the badge and highlights appear. Then the popup's report in detail: the
// popup page is opened for the tab (popup.html?tab=ID) from a copy of the
// extension with host access to 127.0.0.1 only, standing in for that grant.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdir, mkdtemp, readFile, writeFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { execFileSync, spawn } from "node:child_process";
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

test("clicking the toolbar action on an article (shipped extension, activeTab only): badge and highlights", async () => {
  const ext = new URL(".cache/extension/chrome/", root).pathname;
  const profile = await mkdtemp(join(tmpdir(), "spinsift-click-"));
  // DevTools over a port (Playwright's own launch disables extension debugging).
  const proc = spawn("/usr/bin/chromium", [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--enable-unsafe-extension-debugging", "--remote-debugging-port=0",
    `--user-data-dir=${profile}`, `--disable-extensions-except=${ext}`, `--load-extension=${ext}`, "about:blank",
  ], { stdio: ["ignore", "ignore", "pipe"] });
  try {
    const ws = await new Promise((ok, fail) => {
      let err = "";
      proc.stderr.on("data", (d) => {
        err += d;
        const m = err.match(/DevTools listening on (ws:\S+)/);
        if (m) ok(m[1]);
      });
      proc.on("exit", () => fail(new Error(`chromium exited: ${err}`)));
    });
    const browser = await chromium.connectOverCDP(ws);
    const ctx = browser.contexts()[0];
    const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent("serviceworker"));
    const id = new URL(sw.url()).host;
    assert.equal((await sw.evaluate(() => chrome.permissions.getAll())).origins.length, 0, "no host access before the click");
    await sw.evaluate(() => chrome.storage.sync.set({ threshold: 0 }));
    const page = await ctx.newPage();
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    // A whole news page written for the project: consent wall, menus, article.
    await page.goto(`${server.url}/samples/en-consent-wall.html`);
    const cdp = await browser.newBrowserCDPSession();
    const { targetInfos } = await cdp.send("Target.getTargets", { filter: [{ type: "tab" }] });
    const tab = targetInfos.find((t) => t.url === page.url());
    await cdp.send("Extensions.triggerAction", { id, targetId: tab.targetId });
    const tabId = await sw.evaluate(async (url) => (await chrome.tabs.query({ url })).at(0)?.id, page.url());
    let badge = "";
    for (let i = 0; i < 60 && !badge; i++) {
      badge = await sw.evaluate((t) => chrome.action.getBadgeText({ tabId: t }), tabId);
      if (!badge) await new Promise((r) => setTimeout(r, 500));
    }
    assert.match(badge, /^\d{1,3}$/, "the badge shows the score");
    await page.waitForFunction(() => (CSS.highlights.get("spinsift-extension")?.size ?? 0) >= 3, null, { timeout: 30000 });
    for (const u of requests) assert.ok(u.startsWith(server.url), u);
    await page.screenshot({ path: new URL("extension-click.png", shots).pathname, fullPage: true });
    await browser.close();
  } finally {
    proc.kill();
  }
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
  assert.match(await popup.textContent("#techniques li"),
    /^[A-Z][\w -]+ — \d+ · |^None above threshold; most likely: [A-Z][\w -]+ \d+%/);
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
