// The demo page as a person uses it, in Debian's Chromium: load a sample, see
// junk struck through and sentences highlighted; paste hostile text, nothing
// runs. Screenshots go to tests/screenshots/ (git-ignored).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { chromium } from "playwright-core";
import { serve, CHROMIUM_ARGS } from "./serve.mjs";

const root = new URL("../../", import.meta.url);
const shots = new URL("tests/screenshots/", root);
let server, browser, page;
const requests = [];
const dialogs = [];

before(async () => {
  await mkdir(shots, { recursive: true });
  server = await serve(new URL(".cache/site/", root).pathname);
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on("request", (r) => requests.push(r.url()));
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(`${server.url}/index.html`);
  await page.waitForSelector("#analyse:not([disabled])");
});

after(async () => {
  await browser?.close();
  server?.close();
});

test("a page sample: consent wall struck through, article kept, scores shown", async () => {
  await page.click("[data-sample='en-consent-wall.html']");
  await page.waitForSelector("#output:not([hidden]) .b.title");
  const title = await page.textContent(".article .b.title");
  assert.equal(title, "Harbour town votes to rebuild its sea wall");
  const cats = await page.$$eval(".article del.junk", (ds) => ds.map((d) => d.dataset.category));
  for (const c of ["cookie_banner", "navigation", "share", "comments"]) assert.ok(cats.includes(c), `${c} in ${cats}`);
  assert.equal(await page.$$eval("#frames .bar", (b) => b.length), 14);
  assert.equal(await page.$$eval("#genre .bar", (b) => b.length), 3);
  assert.match(await page.textContent("#facts"), /Priya Natarajan/);
  // Hiding the junk hides it.
  await page.uncheck("#show-junk");
  assert.equal(await page.isVisible(".article del.junk"), false);
  await page.check("#show-junk");
  await page.screenshot({ path: new URL("demo-page.png", shots).pathname, fullPage: true });
});

test("an editorial: highlighted sentences explain their technique and cues", async () => {
  await page.click("[data-sample='en-editorial.txt']");
  await page.waitForFunction(() => document.querySelector(".article .b.title")?.textContent.includes("bridge scandal"));
  const hits = await page.$$(".article .s.hit");
  assert.ok(hits.length >= 1, "some sentence is highlighted");
  await hits[0].click();
  const why = await page.textContent("#explain");
  assert.match(why, /Why this sentence/);
  // Never a bare list: techniques named in sentences, or what the model
  // leans to with its document-level probability.
  const first = await page.textContent("#techniques li");
  assert.match(first, /^[A-Z][\w -]+ — \d+ sentences? |^None above threshold; most likely: [A-Z][\w -]+ \d+%/);
  await page.screenshot({ path: new URL("demo-editorial.png", shots).pathname, fullPage: true });
});

test("pasted hostile markup stays text: no element, no script, no request", async () => {
  const hostile = [
    "A headline about an <img src=x onerror=alert(1)> exploit",
    "",
    "The council said <script>alert(2)</script> and <b onmouseover=alert(3)>bold</b> words appear as text in this paragraph, which is long enough to be kept as content.",
  ].join("\n");
  const before = requests.length;
  await page.fill("#text", hostile);
  await page.selectOption("#kind", "text");
  await page.click("#analyse");
  await page.waitForFunction(() => document.querySelector(".article")?.textContent.includes("onerror=alert(1)"));
  assert.equal(await page.$$eval(".article img, .article script, .article [onmouseover]", (e) => e.length), 0);
  assert.ok((await page.textContent(".article")).includes("<script>alert(2)</script>"));
  assert.deepEqual(dialogs, []);
  assert.deepEqual(requests.slice(before), [], "no request while analysing");
});

test("opening a file analyses it", async () => {
  await page.setInputFiles("#file", {
    name: "article.html",
    mimeType: "text/html",
    buffer: Buffer.from("<!doctype html><html><body><nav><a href=/>Start</a></nav><h1>Ein Dorf baut seine Schule selbst</h1><p>Weil der Landkreis kein Geld hatte, haben die Eltern in Oberried die Grundschule in drei Sommern selbst renoviert, mit Spenden und viel Eigenarbeit.</p></body></html>"),
  });
  await page.waitForFunction(() => document.querySelector(".article .b.title")?.textContent === "Ein Dorf baut seine Schule selbst");
  assert.ok((await page.textContent(".article")).includes("in drei Sommern selbst renoviert"));
  assert.match(await page.textContent("#status"), /HTML page analysed/);
});

test("dropping a file analyses it", async () => {
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(["Le port rouvre\n\nAprès six mois de travaux, le port de plaisance rouvre samedi avec cent places de plus et une nouvelle capitainerie.\n\nttn-fr-34"], "article.txt", { type: "text/plain" }));
    return dt;
  });
  await page.dispatchEvent(".drop", "drop", { dataTransfer });
  await page.waitForFunction(() => document.querySelector(".article .b.title")?.textContent === "Le port rouvre");
  const cats = await page.$$eval(".article del.junk", (ds) => ds.map((d) => d.dataset.category));
  assert.deepEqual(cats, ["site_tag"]);
});

test("the page fetched nothing but its own files", () => {
  for (const u of requests) assert.ok(u.startsWith(server.url), u);
});
