// The widget on a host page, in Debian's Chromium: badge and panel appear, the
// host page's text is unchanged, highlights come from the Custom Highlight API,
// article text containing markup stays inert.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { chromium } from "playwright-core";
import { serve, CHROMIUM_ARGS } from "./serve.mjs";

const root = new URL("../../", import.meta.url);
const shots = new URL("tests/screenshots/", root);
let server, browser;

before(async () => {
  await mkdir(shots, { recursive: true });
  server = await serve({ "/": new URL(".cache/site/", root).pathname, "/test/": new URL("tests/browser/pages/", root).pathname });
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function open(path, options = {}) {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1400 }, ...options });
  const dialogs = [];
  const requests = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  page.on("request", (r) => requests.push(r.url()));
  await page.addInitScript(() => {
    window.__events = [];
    for (const n of ["spinsift:ready", "spinsift:result", "spinsift:error"]) {
      document.addEventListener(n, (e) => window.__events.push([n, e.target.getAttribute("mode")]));
    }
  });
  await page.goto(`${server.url}${path}`);
  return { page, dialogs, requests };
}

test("badge and panel appear; host text unchanged; events bubble out of the shadow root", async () => {
  const { page, dialogs, requests } = await open("/test/widget-host.html");
  const hostBefore = await page.evaluate(() => document.getElementById("story").innerHTML);
  await page.waitForFunction(() => window.__events.filter((e) => e[0] === "spinsift:result").length >= 2);
  const badge = await page.evaluate(() => document.querySelector("spin-sift").shadowRoot.querySelector("[part=badge] .dot").textContent);
  assert.match(badge, /^\d\.\d\d$/);
  const panel = page.locator("spin-sift[mode=panel] >> css=[part=panel]");
  assert.equal(await panel.isVisible(), true);
  const panelText = await panel.textContent();
  for (const h of ["Techniques", "Frames", "Genre", "Sentences", "Stripped junk"]) assert.ok(panelText.includes(h), h);
  // The technique list is never bare: techniques named in sentences, or the
  // model's most likely ones with their document-level probability.
  const firstTechnique = await panel.locator("ul").first().locator("li").first().textContent();
  assert.match(firstTechnique, /^[A-Z][\w -]+ — \d+ · |^None above threshold; most likely: [A-Z][\w -]+ \d+%/);
  // The article's markup-looking text is shown as text, never parsed.
  assert.equal(await page.evaluate(() => document.querySelector("spin-sift").shadowRoot.querySelectorAll("img").length), 0);
  assert.equal(await page.evaluate(() => document.querySelectorAll("img").length), 0);
  assert.deepEqual(dialogs, []);
  // The host page is untouched; highlights live in CSS.highlights.
  assert.equal(await page.evaluate(() => document.getElementById("story").innerHTML), hostBefore);
  const marks = await page.evaluate(() => CSS.highlights.get("spinsift")?.size ?? 0);
  assert.ok(marks >= 1, "some sentence highlighted");
  // Highlight mode shows no badge.
  assert.equal(await page.locator("#marks >> css=[part=badge]").isVisible(), false);
  const events = await page.evaluate(() => window.__events.map((e) => e[0]));
  assert.ok(events.includes("spinsift:ready"));
  for (const u of requests) assert.ok(u.startsWith(server.url), u);
  await page.screenshot({ path: new URL("widget-panel.png", shots).pathname, fullPage: true });
  await page.close();
});

test("attributes are mirrored as properties; keyboard opens and closes the panel", async () => {
  const { page } = await open("/test/widget-host.html");
  await page.waitForFunction(() => document.querySelector("spin-sift").result);
  const props = await page.evaluate(() => {
    const w = document.querySelector("spin-sift");
    w.mode = "badge";
    w.threshold = 0.7;
    return [w.getAttribute("mode"), w.getAttribute("threshold"), w.for, w.mode, w.threshold];
  });
  assert.deepEqual(props, ["badge", "0.7", "#story", "badge", 0.7]);
  await page.evaluate(() => document.querySelector("spin-sift").refresh());
  const panel = page.locator("spin-sift[mode=badge] >> css=[part=panel]");
  const badge = page.locator("spin-sift[mode=badge] >> css=[part=badge]");
  await badge.focus();
  await page.keyboard.press("Enter");
  assert.equal(await panel.isVisible(), true);
  assert.equal(await badge.getAttribute("aria-expanded"), "true");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Escape");
  assert.equal(await panel.isVisible(), false);
  await page.close();
});

test("a missing article is a spinsift:error, not an exception", async () => {
  const { page } = await open("/test/widget-host.html");
  await page.waitForFunction(() => document.querySelector("spin-sift").result);
  const err = await page.evaluate(() => new Promise((ok) => {
    const w = document.createElement("spin-sift");
    w.setAttribute("for", "#nope");
    w.addEventListener("spinsift:error", (e) => ok(e.detail.message));
    document.body.append(w);
  }));
  assert.match(err, /no article found/);
  await page.close();
});

test("dark colour scheme and reduced motion render", async () => {
  const { page } = await open("/test/widget-host.html", { colorScheme: "dark", reducedMotion: "reduce" });
  await page.waitForFunction(() => document.querySelector("spin-sift").result);
  const bg = await page.evaluate(() => getComputedStyle(document.querySelector("spin-sift").shadowRoot.querySelector("[part=panel]")).backgroundColor);
  assert.equal(bg, "rgb(29, 29, 33)");
  await page.screenshot({ path: new URL("widget-dark.png", shots).pathname, fullPage: true });
  await page.close();
});

test("without the Custom Highlight API, boxes are drawn in the widget's shadow root", async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
  await page.addInitScript(() => { delete window.Highlight; });
  await page.goto(`${server.url}/test/widget-host.html`);
  await page.waitForFunction(() => document.getElementById("marks").result);
  const before = await page.evaluate(() => document.getElementById("story").innerHTML);
  const boxes = await page.evaluate(() => document.getElementById("marks").shadowRoot.querySelectorAll(".overlay div").length);
  assert.ok(boxes >= 3, `${boxes} boxes`);
  assert.equal(await page.evaluate(() => document.getElementById("story").innerHTML), before);
  await page.close();
});
