#!/usr/bin/env python3
"""Every speed figure in one run: spinsift natively (criterion, and per item),
the wasm build in node and in headless Chromium (cold start, then per item),
and the peers on the same inputs, as ratios.

    python3 bench/run.py                 # installs what is missing; ~15 minutes
    python3 bench/run.py --quick         # 40 items per corpus, 1 round, no criterion

Corpora (from ../shared; the run stops with a message without it):
- text: the five seed articles and the SemEval-2023 dev articles (six
  languages), for `sift` and `analyze`;
- HTML: the AEB and trafilatura-set pages, for `sift_html`.
Peers: trafilatura and readability-lxml (Python) and @mozilla/readability with
jsdom (node) extract the same pages; a scikit-learn TF-IDF logistic regression
(bench/spin-baseline.py's, trained on the same SemEval train split) scores the
same articles, vectorising and predicting one article at a time.
Every per-item time is that item's fastest of --rounds runs; one item at a
time, one thread. Results also land in .cache/bench/results.json.
"""
import argparse
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "bench"
sys.path.insert(0, str(ROOT / "bench"))
import extract  # noqa: E402  (bench/extract.py: corpus loading, peers, scores)


def sh(cmd, **kw):
    kw.setdefault("cwd", ROOT)
    return subprocess.run(cmd, check=True, **kw)


def json_of(cmd):
    return json.loads(sh(cmd, capture_output=True, text=True).stdout)


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(open("/proc/meminfo").readline().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    rustc = sh(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    chromium = sh(["chromium", "--version"], capture_output=True, text=True).stdout.strip()
    return f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; {rustc}; node {sh(['node', '--version'], capture_output=True, text=True).stdout.strip()}; {chromium}"


def semeval_articles(corpus):
    root = corpus / "propaganda" / "semeval2023"
    out = []
    for lang in ["en", "fr", "ge", "it", "po", "ru"]:
        d = root / lang / "dev-articles"
        if d.is_dir():
            out += [p.read_text(encoding="utf-8") for p in sorted(d.glob("*.txt"))]
    return out


def criterion():
    """Runs `cargo bench --bench sift`; returns {"group/bench": (median ns, bytes per iteration or None)}."""
    started = time.time()
    sh(["cargo", "bench", "--quiet", "--bench", "sift", "--", "--warm-up-time", "1",
        "--measurement-time", "4"], stdout=subprocess.DEVNULL)
    out = {}
    for est in (ROOT / "target" / "criterion").glob("*/*/new/estimates.json"):
        if est.stat().st_mtime < started:
            continue  # a benchmark of an earlier run that no longer exists
        bench = json.loads((est.parent / "benchmark.json").read_text())
        median = json.loads(est.read_text())["median"]["point_estimate"]
        tp = bench.get("throughput") or {}
        out[f"{bench['group_id']}/{bench['function_id']}"] = (median, tp.get("Bytes"))
    return out


def sklearn_per_article(corpus, articles, rounds):
    """The scikit-learn baseline: trained once (cached), then vectorise +
    predict per article, its paragraphs as the units it was trained on."""
    extract.ensure_python([("sklearn", "scikit-learn")])
    import pickle
    spec = importlib.util.spec_from_file_location("spin_baseline", ROOT / "bench" / "spin-baseline.py")
    sb = importlib.util.module_from_spec(spec)
    sys.modules["spin_baseline"] = sb  # so that pickle finds the Baseline class
    spec.loader.exec_module(sb)
    cached = CACHE / "sklearn-baseline.pickle"
    if cached.exists():
        base = pickle.loads(cached.read_bytes())
    else:
        from sklearn.preprocessing import MultiLabelBinarizer
        root = str(corpus / "propaganda" / "semeval2023")
        units = [u for lang in sb.LANGS for u in sb.units(root, lang, "train")]
        mlb = MultiLabelBinarizer(classes=sb.TECHNIQUES)
        t = time.time()
        base = sb.Baseline().fit([u[2] for u in units], mlb.fit_transform([u[3] for u in units]))
        print(f"[bench] scikit-learn baseline trained in {time.time() - t:.0f} s", file=sys.stderr)
        base.m.n_jobs = 1  # time one thread, as everything else here
        cached.write_bytes(pickle.dumps(base))
    docs = [{"id": i, "paras": [p for p in a.split("\n") if p.strip()] or [""]}
            for i, a in enumerate(articles)]

    def score(d):
        base.predict(d["paras"])

    extract.ROUNDS = rounds
    _, ms = extract.run_python(score, docs)
    return summary(ms)


def peers_extract(pages, rounds, names):
    extract.ROUNDS = rounds
    path = extract.write_pages(pages)
    out = {}
    for name in names:
        print(f"[bench] {name} on {len(pages)} pages …", file=sys.stderr)
        _, ms = extract.extractor(name, None)(pages, path)
        out[name] = summary(ms)
    return out


def summary(ms):
    """Median and p95 of per-item times, as bench/extract.py reports them."""
    ms = sorted(ms)
    return {"p50_ms": statistics.median(ms), "p95_ms": ms[int(0.95 * (len(ms) - 1))], "n": len(ms)}


def fmt(ms):
    return "—" if ms is None else (f"{ms:.2f}" if ms < 100 else f"{ms:.0f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--rounds", type=int, default=3, help="runs per item; its fastest counts")
    ap.add_argument("--quick", action="store_true", help="40 items per corpus, 1 round, no criterion")
    args = ap.parse_args()
    if not (args.corpus / "boilerplate" / "aeb").exists():
        print(f"skipped: {args.corpus} not found (the shared corpus sits beside the checkout)")
        return 0
    rounds = 1 if args.quick else args.rounds
    limit = 20 if args.quick else None  # per boilerplate set
    CACHE.mkdir(parents=True, exist_ok=True)

    # Set-up: every build and install the run needs.
    # The CLI with `eval` (extract.load asks it for the trafilatura map): built
    # here every time, since `cargo bench` rebuilds it without `train`.
    sh(["cargo", "build", "--release", "--quiet", "--features", "train", "--bin", "spinsift",
        "--example", "bench_corpus"])
    sh(["bash", "scripts/build-pkg.sh"], stdout=subprocess.DEVNULL)
    sh(["bash", "scripts/setup.sh", "--browser"], stdout=subprocess.DEVNULL)
    sh(["npm", "install", "--silent", "--no-audit", "--no-fund"], cwd=ROOT / "tests" / "browser")
    extract.ensure_python([("trafilatura", "trafilatura"), ("readability", "readability-lxml"),
                           ("lxml_html_clean", "lxml_html_clean")])
    extract.ensure_node()

    cli = ROOT / "target" / "release" / "spinsift"
    aeb, traf = extract.load(args.corpus, limit, cli)
    pages = aeb + traf
    seeds = [p.read_text(encoding="utf-8") for p in sorted((args.corpus / "seeds").glob("*.txt"))]
    articles = semeval_articles(args.corpus)
    if args.quick:
        articles = articles[:40]
    corpus = {"texts": seeds + articles, "seeds": len(seeds),
              "pages": [{"id": p["id"], "html": p["html"]} for p in pages], "articles": articles}
    corpus_path = CACHE / "corpus.json"
    corpus_path.write_text(json.dumps(corpus))

    results = {"machine": machine(), "rounds": rounds}
    print("[bench] native, per item …", file=sys.stderr)
    results["native"] = json_of([str(ROOT / "target/release/examples/bench_corpus"), str(corpus_path), str(rounds)])
    print("[bench] wasm in node …", file=sys.stderr)
    results["node"] = json_of(["node", "bench/wasm-bench.mjs", str(corpus_path), str(rounds)])
    print("[bench] wasm in Chromium …", file=sys.stderr)
    results["chromium"] = json_of(["node", "bench/browser-bench.mjs", str(corpus_path), str(rounds)])
    results["peers"] = peers_extract(pages, rounds, ["trafilatura", "readability-lxml", "readability.js"])
    print("[bench] scikit-learn baseline …", file=sys.stderr)
    results["peers"]["scikit-learn"] = sklearn_per_article(args.corpus, articles, rounds)
    if not args.quick:
        print("[bench] criterion …", file=sys.stderr)
        results["criterion"] = criterion()
    (CACHE / "results.json").write_text(json.dumps(results, indent=1))
    report(results, len(corpus["texts"]), len(pages), len(articles))
    return 0


def report(r, n_texts, n_pages, n_articles):
    nat, node, chrome, peers = r["native"], r["node"], r["chromium"], r["peers"]
    print(f"\nMachine: {r['machine']}")
    print(f"Inputs: {n_texts} texts (seeds + SemEval dev articles), {n_pages} pages (AEB + trafilatura set), "
          f"{n_articles} articles for analyze; each item's fastest of {r['rounds']} runs.\n")
    print("| per item | native p50 / p95 ms | wasm, node p50 / p95 ms | wasm, Chromium p50 / p95 ms |")
    print("|---|---|---|---|")
    rows = [("sift (text)", "sift"), ("sift_html (page)", "sift_html"), ("analyze (article)", "analyze")]
    for label, k in rows:
        cells = [f"{fmt(x[k]['p50_ms'])} / {fmt(x[k]['p95_ms'])} ({x[k]['mb_per_s']:.1f} MB/s)" for x in (nat, node, chrome)]
        print(f"| {label} | " + " | ".join(cells) + " |")
    c = r.get("criterion") or {}
    mb = c.get("sift/1 MB text")
    cells = [f"{fmt(mb[0] / 1e6)} ms ({mb[1] / 1e6 / (mb[0] / 1e9):.1f} MB/s, criterion)" if mb else "—"]
    cells += [f"{fmt(x['sift_1mb']['ms'])} ms ({x['sift_1mb']['mb_per_s']:.1f} MB/s) fastest, "
              f"{fmt(x['sift_1mb']['median_ms'])} median of 10" if "sift_1mb" in x else "—"
              for x in (node, chrome)]
    print("| `sift`, 1 MB of distinct article text (seeds + SemEval dev articles) in one call | " + " | ".join(cells) + " |")
    cells = [f"{fmt(x['analyze']['per_5000_chars_p50_ms'])} / {fmt(x['analyze']['per_5000_chars_p95_ms'])}" for x in (nat, node, chrome)]
    print("| analyze, per 5,000 characters | " + " | ".join(cells) + " |")
    print(f"| cold start: init + model + sifter | {fmt(nat['cold']['cold_ms'])} (model + sifter) | "
          f"{fmt(node['cold']['cold_ms'])} (read {fmt(node['cold']['read_ms'])}, init {fmt(node['cold']['init_ms'])}, model {fmt(node['cold']['model_ms'])}) | "
          f"{fmt(chrome['cold']['cold_ms'])} (fetch + compile {fmt(chrome['cold']['init_ms'])}, model {fmt(chrome['cold']['model_ms'])}; median of 5 fresh profiles) |")
    print(f"| then the first `analyze` (builds the default sifter, compiles what it runs) | — | "
          f"{fmt(node['cold']['first_analyze_ms'])} | {fmt(chrome['cold']['first_analyze_ms'])} |")

    print("\n| peer, same inputs | p50 / p95 ms | spinsift native ÷ | spinsift wasm (node) ÷ | spinsift wasm (Chromium) ÷ |")
    print("|---|---|---|---|---|")
    for name in ["trafilatura", "readability-lxml", "readability.js", "scikit-learn"]:
        p = peers[name]
        k = "analyze" if name == "scikit-learn" else "sift_html"
        what = "score an article" if name == "scikit-learn" else "extract a page"
        ratio = lambda x: f"{p['p50_ms'] / x[k]['p50_ms']:.1f}× faster"  # noqa: E731
        print(f"| {name} ({what}) | {fmt(p['p50_ms'])} / {fmt(p['p95_ms'])} | {ratio(nat)} | {ratio(node)} | {ratio(chrome)} |")

    c = r.get("criterion")
    if c:
        print("\n| criterion (native) | median | throughput |")
        print("|---|---|---|")
        for k, (ns, b) in sorted(c.items()):
            tp = f"{b / (ns / 1e9) / 2**20:.1f} MiB/s" if b else "—"
            print(f"| {k} | {ns / 1e6:.3f} ms | {tp} |")
        print("\nLinear cost (10× input → time ratio; ≤ 12 expected):")
        pairs = [("sift/100 KB text", "sift/1 MB text"),
                 ("spin/analyze 5,000-char article", "spin/analyze 50,000-char text")]
        html = sorted((k for k in c if k.startswith("sift_html/") and k.endswith(" KB page")),
                      key=lambda k: int(k.split("/")[1].split()[0]))
        if len(html) == 2:
            pairs.append(tuple(html))
        for a, b in pairs:
            if a in c and b in c:
                print(f"- {a} → {b}: {c[b][0] / c[a][0]:.2f}× time for {c[b][1] / c[a][1]:.1f}× bytes")

    print("\nTargets: extraction ≥ 10× faster than trafilatura per page "
          f"(wasm in node: {peers['trafilatura']['p50_ms'] / node['sift_html']['p50_ms']:.1f}×, "
          f"Chromium: {peers['trafilatura']['p50_ms'] / chrome['sift_html']['p50_ms']:.1f}×); "
          f"analyze ≤ 2 ms per 5,000 characters in wasm (node {fmt(node['analyze']['per_5000_chars_p50_ms'])}, "
          f"Chromium {fmt(chrome['analyze']['per_5000_chars_p50_ms'])}); "
          f"cold start ≤ 50 ms in Chromium ({fmt(chrome['cold']['cold_ms'])}).")


if __name__ == "__main__":
    sys.exit(main())
