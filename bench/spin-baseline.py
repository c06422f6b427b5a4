#!/usr/bin/env python3
"""spinsift vs a scikit-learn TF-IDF logistic regression on SemEval-2023 Task 3
subtask 3 (persuasion techniques per paragraph), side by side.

Both are trained on exactly the same data: the train split of all six
languages (spinsift's shipped model: `spinsift train`). Printed: micro and
macro F1 on every dev set with published gold (en, ge, it, po, ru), and the
French figure estimated by 5-fold cross-validation grouped by article (the
French dev gold is withheld), for which spinsift's figure comes from its model
header (cross-fitted the same way during `spinsift train`).

Usage: python3 bench/spin-baseline.py [--corpus ../shared/corpus] [--skip-cv]
Needs: pip install scikit-learn; a built `target/release/spinsift`
(cargo build --release). Takes ~15 minutes on 2 cores (the baseline's
French cross-validation dominates).
"""
import argparse, os, subprocess, sys, tempfile, time
import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer

LANGS = ["en", "fr", "ge", "it", "po", "ru"]
DEV = ["en", "ge", "it", "po", "ru"]
TECHNIQUES = """Name_Calling-Labeling Guilt_by_Association Doubt Appeal_to_Hypocrisy
Questioning_the_Reputation Flag_Waving Appeal_to_Authority Appeal_to_Popularity
Appeal_to_Values Appeal_to_Fear-Prejudice Causal_Oversimplification False_Dilemma-No_Choice
Consequential_Oversimplification Straw_Man Red_Herring Whataboutism Slogans
Conversation_Killer Appeal_to_Time Loaded_Language Obfuscation-Vagueness-Confusion
Exaggeration-Minimisation Repetition""".split()


def read_articles(d):
    out = {}
    for f in os.listdir(d):
        if f.startswith("article") and f.endswith(".txt"):
            with open(os.path.join(d, f), encoding="utf-8") as fh:
                out[f[7:-4]] = fh.read().split("\n")
    return out


def read_labels(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            p = line.rstrip("\n").split("\t")
            if len(p) < 2 or not p[0].strip():
                continue
            labels = [x for x in (p[2] if len(p) > 2 else "").split(",") if x.strip()]
            rows.append((p[0], int(p[1]), labels))
    return rows


def units(root, lang, split):
    arts = read_articles(f"{root}/{lang}/{split}-articles")
    rows = read_labels(f"{root}/{lang}/{split}-labels-subtask-3.txt")
    return [(a, n, arts[a][n - 1], labels) for a, n, labels in rows if arts[a][n - 1].strip()]


def f1s(gold, pred):
    """Micro-F1 and macro-F1 (over techniques present in the gold)."""
    tp = (pred & gold).sum(0)
    fp = (pred & ~gold).sum(0)
    fn = (~pred & gold).sum(0)
    micro = 2 * tp.sum() / max(1, 2 * tp.sum() + fp.sum() + fn.sum())
    present = (tp + fn) > 0
    per = np.where(tp > 0, 2 * tp / np.maximum(1, 2 * tp + fp + fn), 0.0)
    return micro, per[present].mean() if present.any() else 0.0


class Baseline:
    """TF-IDF word 1-2-grams and character 3-5-grams, one-vs-rest logistic
    regression with balanced class weights, threshold 0.5."""

    def fit(self, texts, y):
        self.w = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True).fit(texts)
        self.c = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=3,
                                 sublinear_tf=True, max_features=200000).fit(texts)
        x = self.x(texts)
        keep = y.sum(0) > 0
        self.keep = keep
        self.m = OneVsRestClassifier(
            LogisticRegression(C=4, solver="liblinear", class_weight="balanced"), n_jobs=2
        ).fit(x, y[:, keep])
        return self

    def x(self, texts):
        return hstack([self.w.transform(texts), self.c.transform(texts)]).tocsr()

    def predict(self, texts):
        out = np.zeros((len(texts), len(self.keep)), dtype=bool)
        out[:, self.keep] = self.m.predict_proba(self.x(texts)) >= 0.5
        return out


def spinsift_predict(binary, root, lang):
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as tmp:
        subprocess.run([binary, "semeval", "predict", "--task", "3", "--articles",
                        f"{root}/{lang}/dev-articles", "--out", tmp.name], check=True,
                       stderr=subprocess.DEVNULL)
        return {(a, n): labels for a, n, labels in read_labels(tmp.name)}


def header_metric(model, lang, key):
    with open(model, "rb") as fh:
        for raw in fh:
            line = raw.decode("utf-8", "replace").strip()
            if line.startswith("body "):
                break
            f = line.split()
            if len(f) > 3 and f[0] == "metric" and f[1] == "cv" and f[2] == lang:
                kv = dict(zip(f[3::2], f[4::2]))
                return float(kv[key])
    return float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default="../shared/corpus")
    ap.add_argument("--binary", default="target/release/spinsift")
    ap.add_argument("--model", default="data/models/spin.model")
    ap.add_argument("--skip-cv", action="store_true", help="skip the baseline's French CV")
    args = ap.parse_args()
    root = f"{args.corpus}/propaganda/semeval2023"
    if not os.path.isdir(root):
        print(f"skipped: {root} not found (the shared corpus sits beside the checkout)")
        return 0
    mlb = MultiLabelBinarizer(classes=TECHNIQUES)
    train = {l: units(root, l, "train") for l in LANGS}
    all_train = [u for l in LANGS for u in train[l]]
    t0 = time.time()
    base = Baseline().fit([u[2] for u in all_train], mlb.fit_transform([u[3] for u in all_train]))
    print(f"baseline trained on {len(all_train)} paragraphs in {time.time() - t0:.0f}s", file=sys.stderr)

    rows = []
    for lang in DEV:
        dev = units(root, lang, "dev")
        gold = mlb.transform([u[3] for u in dev]).astype(bool)
        bp = base.predict([u[2] for u in dev])
        sp = spinsift_predict(args.binary, root, lang)
        spm = mlb.transform([[x for x in sp.get((u[0], u[1]), []) if x in TECHNIQUES] for u in dev]).astype(bool)
        rows.append((lang, "dev", len(dev), f1s(gold, bp), f1s(gold, spm)))

    fr = train["fr"]
    others = [u for l in LANGS if l != "fr" for u in train[l]]
    if args.skip_cv:
        bcv = (float("nan"), float("nan"))
    else:
        gold = mlb.transform([u[3] for u in fr]).astype(bool)
        pred = np.zeros_like(gold)
        for k, (tr, te) in enumerate(GroupKFold(5).split(fr, groups=[u[0] for u in fr])):
            t = time.time()
            fit_units = [fr[i] for i in tr] + others
            m = Baseline().fit([u[2] for u in fit_units], mlb.transform([u[3] for u in fit_units]))
            pred[te] = m.predict([fr[i][2] for i in te])
            print(f"baseline French CV fold {k + 1}/5: {time.time() - t:.0f}s", file=sys.stderr)
        bcv = f1s(gold, pred)
    scv = (header_metric(args.model, "fr", "techniques_micro_f1"),
           header_metric(args.model, "fr", "techniques_macro_f1"))
    rows.append(("fr", "5-fold CV", len(fr), bcv, scv))

    print("SemEval-2023 subtask 3, paragraph-level F1 (trained on the train split of all six languages)")
    print(f"{'lang':<5} {'set':<10} {'lines':>6} | {'sklearn µF1':>11} {'MF1':>6} | {'spinsift µF1':>12} {'MF1':>6} | beats")
    worse = 0
    for lang, s, n, (bm, bM), (sm, sM) in rows:
        beats = sm > bm and sM > bM
        worse += 0 if beats or np.isnan(bm) else 1
        print(f"{lang:<5} {s:<10} {n:>6} | {bm:>11.3f} {bM:>6.3f} | {sm:>12.3f} {sM:>6.3f} | "
              f"{'yes' if beats else ('n/a' if np.isnan(bm) else 'NO')}")
    return 1 if worse else 0


if __name__ == "__main__":
    sys.exit(main())
