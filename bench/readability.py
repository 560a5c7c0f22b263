#!/usr/bin/env python3
"""ketnoi's article extraction against Mozilla Readability, side by side in one run.

usage: bench/readability.py [--build build-perf] [--reps 5] [--out FILE]

Pages: the dev pages (/work/shared/eval/dev/docs, gold in ../gold) and examples/*.{txt,html}
(gold in examples/gold). Both extractors get the same pages in one run: ketnoi through
`clean_bench --compare` (ingest::ParsePage + clean::Clean from bytes), Readability through
tools/readability/run.js (JSDOM parse + Readability.parse; .txt pages wrapped one <p> per
line). Per page the median over --reps runs is kept; the table sums the medians. Body F1 uses
the scorer's own tokenization and gold body slice (shared/eval/score.py).
"""
import argparse
import importlib.util
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.environ.get("KETNOI_SHARED_DIR", "/work/shared")


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", os.path.join(SHARED, "eval", "score.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def pages():
    """(page path, gold path) pairs."""
    out = []
    dev = os.path.join(SHARED, "eval", "dev")
    for d, g in ((os.path.join(dev, "docs"), os.path.join(dev, "gold")),
                 (os.path.join(ROOT, "examples"), os.path.join(ROOT, "examples", "gold"))):
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            stem, ext = os.path.splitext(name)
            gold = os.path.join(g, stem + ".json")
            if ext in (".txt", ".html") and os.path.exists(gold):
                out.append((os.path.join(d, name), gold))
    return out


def f1(score, raw, gold, body):
    g = json.load(open(gold, encoding="utf-8"))
    gb = score.body_slice(raw, g.get("body_first_sentence"), g.get("body_last_sentence"))
    if gb is None:
        return None
    gt, st = score.tokens(gb), score.tokens(body)
    ov = score.multiset_overlap(gt, st)
    p = ov / len(st) if st else 0.0
    r = ov / len(gt) if gt else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2] if xs else float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--out")
    args = ap.parse_args()
    score = load_scorer()
    pairs = pages()
    files = [p for p, _ in pairs]
    ours = json.loads(subprocess.run([os.path.join(args.build, "clean_bench"), "--compare",
                                      "--reps", str(args.reps)] + files, check=True,
                                     capture_output=True, text=True).stdout)
    theirs = json.loads(subprocess.run(["node", os.path.join(ROOT, "tools", "readability", "run.js"),
                                        "--reps", str(args.reps)] + files, check=True,
                                       capture_output=True, text=True).stdout)
    rows = ["| page | ketnoi ms | Readability ms | speed ratio | ketnoi body F1 | Readability body F1 |",
            "|---|---:|---:|---:|---:|---:|"]
    tot = {"k": 0.0, "r": 0.0}
    f = {"k": [], "r": []}
    ratios = []
    for path, gold in pairs:
        raw = open(path, encoding="utf-8", errors="replace").read()
        k, r = ours.get(path, {"body": "", "ms": 0}), theirs.get(path, {"body": "", "ms": 0})
        fk, fr = f1(score, raw, gold, k["body"]), f1(score, raw, gold, r["body"])
        tot["k"] += k["ms"]
        tot["r"] += r["ms"]
        if k["ms"] > 0:
            ratios.append(r["ms"] / k["ms"])
        if fk is not None:
            f["k"].append(fk)
            f["r"].append(fr)
        fmt = lambda x: "n/a" if x is None else f"{x:.3f}"
        rows.append(f"| {os.path.basename(path)} | {k['ms']:.2f} | {r['ms']:.2f} | "
                    f"{r['ms'] / k['ms'] if k['ms'] else 0:.0f}x | {fmt(fk)} | {fmt(fr)} |")
    mean = lambda xs: sum(xs) / len(xs) if xs else float("nan")
    rows.append(f"| **all {len(pairs)} pages** | {tot['k']:.1f} | {tot['r']:.1f} | "
                f"{tot['r'] / tot['k']:.0f}x (median per page {median(ratios):.0f}x) | "
                f"{mean(f['k']):.3f} | {mean(f['r']):.3f} |")
    table = "\n".join(rows)
    print(table)
    if args.out:
        with open(args.out, "w") as fh:
            fh.write(table + "\n")


if __name__ == "__main__":
    main()
