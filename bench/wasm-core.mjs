// The wasm benchmark itself, shared by node (bench/wasm-bench.mjs) and
// Chromium (bench/browser.html, driven by bench/browser-bench.mjs): the same
// code times the same calls in both.
//
// corpus: { texts: [string], pages: [{id, html}], articles: [string] }
// Returns plain numbers (ms) so the caller can print or serialise them.

const now = () => performance.now();

// Cold start: fetch or read the .wasm, compile and instantiate it, then load
// the spin model (new Analyzer) and make a Sifter; then, apart, the first
// analyze call. `source` is what init() takes (URL, bytes, Response…).
export async function coldStart(mod, source) {
  const t0 = now();
  await mod.init(source);
  const t1 = now();
  const analyzer = new mod.Analyzer();
  const t2 = now();
  const sifter = new mod.Sifter();
  const t3 = now();
  // The first call also builds the (shared, lazy) default sifter and
  // compiles the code it runs: reported apart, as the first result's delay.
  analyzer.analyze("Le conseil a voté mardi. Une décision honteuse, disent-ils !");
  const t4 = now();
  return {
    timings: { init_ms: t1 - t0, model_ms: t2 - t1, sifter_ms: t3 - t2, cold_ms: t3 - t0, first_analyze_ms: t4 - t3 },
    analyzer,
    sifter,
  };
}

// Per-item times: each item's fastest of `rounds` runs (single runs on a
// shared machine swing by a third), after one warm-up pass over a few items.
function perItem(fn, items, rounds) {
  for (const x of items.slice(0, 3)) fn(x);
  const best = items.map(() => Infinity);
  for (let r = 0; r < rounds; r++) {
    items.forEach((x, i) => {
      const t = now();
      fn(x);
      best[i] = Math.min(best[i], now() - t);
    });
  }
  return best;
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

function summary(ms, sizes) {
  const sorted = [...ms].sort((a, b) => a - b);
  const bytes = sizes.reduce((a, b) => a + b, 0);
  const total = ms.reduce((a, b) => a + b, 0);
  return {
    n: ms.length,
    p50_ms: quantile(sorted, 0.5),
    p95_ms: quantile(sorted, 0.95),
    mb_per_s: bytes / 1e6 / (total / 1e3),
  };
}

const utf8 = (s) => new TextEncoder().encode(s).length;

export function run({ analyzer, sifter }, corpus, rounds = 3) {
  const out = {};
  if (corpus.texts.length) {
    const ms = perItem((t) => sifter.sift(t), corpus.texts, rounds);
    out.sift = summary(ms, corpus.texts.map(utf8));
    // Throughput on one long text, as criterion's `sift/1 MB text`: the
    // texts in their order (seeds, then SemEval dev articles language by
    // language) joined by blank lines until 1,000,000 bytes, sifted in one
    // call. Distinct text, not the seeds repeated.
    let big = "";
    let bytes = 0;
    for (const t of corpus.texts) {
      if (bytes >= 1_000_000) break;
      big += t + "\n\n";
      bytes += utf8(t) + 2;
    }
    // One item, so more runs than the others get: its first calls after the
    // small texts swing by half (heap growth, GC), the fastest and the
    // median of ten are both reported.
    sifter.sift(big);
    const runs = [];
    for (let r = 0; r < Math.max(rounds, 10); r++) {
      const t = now();
      sifter.sift(big);
      runs.push(now() - t);
    }
    runs.sort((a, b) => a - b);
    const best = runs[0];
    const median = quantile(runs, 0.5);
    out.sift_1mb = { ms: best, median_ms: median, bytes, mb_per_s: bytes / 1e6 / (best / 1e3), median_mb_per_s: bytes / 1e6 / (median / 1e3) };
  }
  if (corpus.pages.length) {
    const ms = perItem((p) => sifter.siftHtml(p.html), corpus.pages, rounds);
    out.sift_html = summary(ms, corpus.pages.map((p) => utf8(p.html)));
  }
  if (corpus.articles.length) {
    const ms = perItem((t) => analyzer.analyze(t), corpus.articles, rounds);
    out.analyze = summary(ms, corpus.articles.map(utf8));
    // The target is per 5,000 characters: each article's time scaled to that
    // length (JS string length, as a page sees it), then the median.
    const per5k = ms.map((m, i) => (m * 5000) / Math.max(1, corpus.articles[i].length)).sort((a, b) => a - b);
    out.analyze.per_5000_chars_p50_ms = quantile(per5k, 0.5);
    out.analyze.per_5000_chars_p95_ms = quantile(per5k, 0.95);
  }
  return out;
}
