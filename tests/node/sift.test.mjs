// The npm package as a user gets it: imported through its `exports` map.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { init, sift, siftHtml, isProbablyArticle, Sifter, analyze, Analyzer, version } from "spinsift";

test("API before init gives a clear error", () => {
  assert.throws(() => sift("x"), /call `await init\(\)`/);
  assert.throws(() => siftHtml("<p>x</p>"), /call `await init\(\)`/);
});

test("init from bytes resolved through the ./wasm export", async () => {
  const bytes = await readFile(new URL(import.meta.resolve("spinsift/wasm")));
  await init(bytes);
  assert.match(version(), /^\d+\.\d+\.\d+/);
});

const article = [
  "Accueil » Monde » Un pont fermé à Zürich",
  "",
  "Un pont fermé à Zürich",
  "",
  "par",
  "",
  "Le conseil municipal a voté mardi la fermeture du vieux pont, invoquant des rapports de sécurité inquiétants 😟 publiés la semaine dernière.",
  "",
  "« Nous n'avions pas le choix », a déclaré la maire lors d'une conférence de presse très suivie par les habitants du quartier.",
  "",
  "Publié: 03.02.2024 à 09:15 heures",
  "© AFP / Reuters",
  "ttn-fr-12",
].join("\n");

test("sift removes junk with categories, recovers metadata, keeps content verbatim", () => {
  const r = sift(article);
  assert.deepEqual(r.removed.map((x) => x.category), ["breadcrumb", "byline_stub", "dateline", "credit", "site_tag"]);
  assert.equal(r.metadata.title, "Un pont fermé à Zürich");
  assert.equal(r.metadata.published, "2024-02-03T09:15");
  assert.equal(r.metadata.lang, "fr");
  assert.equal(r.blocks[0].kind, "title");
  assert.ok(r.text.includes("rapports de sécurité inquiétants 😟 publiés"));
});

test("offsets are UTF-16 code units into the JS strings", () => {
  const r = sift(article);
  for (const b of r.blocks) {
    assert.equal(article.slice(b.span.start, b.span.end), b.text);
    assert.equal(r.text.slice(b.out.start, b.out.end), b.text);
  }
  for (const x of r.removed) assert.equal(article.slice(x.span.start, x.span.end), x.text);
  // Blocks carry their fields in the order of the Rust and CLI results (the
  // wrapper rebuilds them with the text the wasm leaves out).
  assert.deepEqual(Object.keys(r.blocks[0]), ["kind", "text", "span", "out", "confidence"]);
});

test("Sifter class with options; bad options are a clear error", () => {
  const s = new Sifter({ keep: ["credit"], classifier: false });
  const r = s.sift(article);
  assert.ok(r.text.includes("© AFP / Reuters"));
  s.free();
  assert.throws(() => new Sifter({ keep: ["nonsense"] }), /invalid options/);
  assert.throws(() => new Sifter({ threshold: 2 }), /threshold/);
});

test("hostile input: empty, lone surrogates, NUL, binary-ish garbage", () => {
  assert.equal(sift("").text, "");
  assert.equal(sift("   \n\n\t").blocks.length, 0);
  const lone = "Le texte\uD800 continue ici avec une phrase assez longue pour être un paragraphe complet.\n\uDC00";
  const r = sift(lone);
  for (const b of r.blocks) assert.equal(typeof b.text, "string");
  let garbage = "";
  for (let i = 0; i < 5000; i++) garbage += String.fromCharCode((i * 7919) % 65536);
  assert.equal(typeof sift(garbage + "\u0000").text, "string");
});

const loaded = [
  "Édito 😡 : la honte",
  "",
  "Ces traîtres corrompus détruisent notre grande nation ! Ils mentent, toujours, et le peuple le sait. Qui peut encore croire ces « experts » vendus ?",
  "",
  "Le conseil municipal a adopté mardi le budget de 2024, qui prévoit 3,2 millions d'euros pour la rénovation des écoles primaires.",
].join("\n");

test("analyze scores sentences with UTF-16 offsets, frames and genre", () => {
  const a = analyze(loaded);
  assert.equal(a.lang, "fr");
  assert.ok(a.score >= 0 && a.score <= 1);
  assert.equal(a.frames.length, 14);
  assert.equal(a.genre.length, 3);
  assert.ok(Math.abs(a.genre.reduce((s, g) => s + g.p, 0) - 1) < 1e-3);
  assert.equal(a.techniques.length, 23);
  assert.ok(a.sentences.length >= 4);
  for (const s of a.sentences) {
    const text = loaded.slice(s.span.start, s.span.end);
    assert.equal(text, text.trim());
    for (const t of s.techniques) {
      assert.ok(typeof t.family === "string" && t.p >= 0 && t.p <= 1);
      for (const c of t.cues) assert.equal(loaded.slice(c.span.start, c.span.end), c.text);
    }
  }
  // The sifted article comes along, with the same offsets convention.
  assert.equal(a.sift.metadata.title, "Édito 😡 : la honte");
  assert.equal(a.sift.blocks[0].text, "Édito 😡 : la honte");
  for (const b of a.sift.blocks) assert.equal(loaded.slice(b.span.start, b.span.end), b.text);
});

test("Analyzer with the built-in model agrees with analyze; a broken model is an Error", () => {
  const an = new Analyzer();
  assert.deepEqual(an.analyze(loaded), analyze(loaded));
  an.free();
  assert.throws(() => new Analyzer(new TextEncoder().encode("spinsift-spin 1\nbody 3\nabc")), /spin model/);
  assert.deepEqual(analyze("").sentences, []);
});

const page = `<!DOCTYPE html><html lang="fr"><head><title>Un pont fermé à Zürich | Le Quotidien</title>
<meta property="og:site_name" content="Le Quotidien">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Un pont fermé à Zürich","author":{"name":"Léa Müller"},"datePublished":"2024-02-03T09:15:00+01:00"}</script>
</head><body>
<div id="didomi-notice"><p>Nous utilisons des cookies pour mesurer l'audience et personnaliser les contenus.</p><button>Accepter</button></div>
<nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
<article><h1>Un pont fermé à Zürich</h1>
<p>Le conseil municipal a voté mardi la fermeture du vieux pont, invoquant des rapports de sécurité inquiétants 😟 publiés la semaine dernière.</p>
<p>« Nous n'avions pas le choix », a déclaré la maire lors d'une conférence de presse très suivie par les habitants du quartier.</p>
<div class="share-buttons"><a href="#">Partager</a> <a href="#">Tweeter</a></div>
</article><footer>© Le Quotidien</footer></body></html>`;

test("siftHtml finds the article, reports the consent wall, reads the page's metadata", () => {
  const r = siftHtml(page);
  assert.equal(r.blocks[0].kind, "title");
  assert.equal(r.blocks[0].text, "Un pont fermé à Zürich");
  assert.ok(r.text.includes("inquiétants 😟 publiés"));
  assert.ok(!r.text.includes("Accueil"));
  const cats = r.removed.map((x) => x.category);
  for (const c of ["cookie_banner", "navigation", "share"]) assert.ok(cats.includes(c), `${c} in ${cats}`);
  assert.equal(r.metadata.author, "Léa Müller");
  assert.equal(r.metadata.published, "2024-02-03T09:15:00+01:00");
  assert.equal(r.metadata.site_name, "Le Quotidien");
  assert.equal(r.metadata.lang, "fr");
  // Spans are UTF-16 offsets into `source`, the page's text.
  for (const b of r.blocks) assert.equal(r.source.slice(b.span.start, b.span.end), b.text);
  for (const x of r.removed) assert.equal(r.source.slice(x.span.start, x.span.end), x.text);
  assert.equal(isProbablyArticle(page), false); // two paragraphs: too little prose
  assert.equal(isProbablyArticle(page.replace("</article>", "<p>" + "Une phrase de plus pour allonger l'article. ".repeat(30) + "</p></article>")), true);
  assert.equal(new Sifter().siftHtml(page).text, r.text);
});

test("analyze takes a whole page; spans index the page text", () => {
  const a = analyze(page);
  assert.ok(a.sift.source.length > 0);
  for (const s of a.sentences) {
    const text = a.sift.source.slice(s.span.start, s.span.end);
    assert.equal(text.trim(), text);
    assert.ok(text.length > 0);
  }
  const an = new Analyzer();
  assert.deepEqual(an.analyzeHtml(page).sentences, a.sentences);
});

test("hostile HTML: deep nesting, lone surrogates, garbage", () => {
  const deep = "<div>".repeat(100000) + "<p>fond du puits</p>";
  assert.ok(siftHtml(deep).source.includes("fond du puits"));
  const r = siftHtml("<p>\uD800 lone \uDFFF surrogates</p>");
  assert.ok(r.source.includes("lone"));
  siftHtml("<<<>>>\u0000</div></p>&#xD800;");
});
