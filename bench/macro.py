#!/usr/bin/env python3
"""Macro benchmarks: whole-pipeline ingest throughput, memory, database size, growth, query
latency and a profile.

usage: bench/macro.py [--build build] [--sizes 1000,10000] [--jobs 1,2] [--queries 20]
                      [--profile 200] [--pages DIR] [--baseline OTHER_KETNOI] [--out FILE]

For each corpus size, generates pages with bench/gen_pages.py (fixed seed, cached under
BUILD/bench-pages/N) or, with --pages DIR, takes the first N files of DIR; ingests them into
a fresh SQLite database with `ketnoi ingest` at each worker count, and records wall time, CPU time (user+sys of that child alone, via wait4),
documents/s, MB/s, peak resident memory and database bytes per document. The growth column
is CPU per document relative to the smallest size (target: <= 1.5 at 100k).
--baseline OTHER: the same ingests with another binary (e.g. a build of the previous commit)
in the same run, and a table of CPU-per-document ratios.
Then, on each size's database: `ketnoi search` and `ketnoi match` latency p50/p99 over a
fixed query list (each query --queries times; the first search, which indexes the whole
database for full-text search, is timed on its own), next to `ketnoi stats` (the process start
and lexicon load every CLI call pays) so the query's own cost is the difference.
--profile N: `perf record` of an N-page ingest at 1 job and the top functions (self time).
Prints Markdown tables (and writes them to --out) for docs/PERFORMANCE.md. The machine is
shared: compare CPU seconds, not wall seconds, when it is loaded.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

SEARCHES = ["bán dẫn", "trí tuệ nhân tạo", "半导体", "人工智能", "semiconductors",
            "green hydrogen", "Samsung", "Viettel", "\"chip design\"", "hợp tác"]
NEEDS = ["đào tạo thiết kế chip", "chip design training", "人工智能 合作",
         "renewable energy partner", "năng lượng tái tạo"]


def corpus(build, n, pages_dir=None):
    """The first n pages: generated (seed 7) and cached, or the first n files (sorted paths)
    of an existing corpus, linked into a cache folder so that one directory holds exactly n."""
    name = str(n) if pages_dir is None else f"{n}-of-{os.path.basename(os.path.normpath(pages_dir))}"
    d = os.path.join(build, "bench-pages", name)
    stamp = os.path.join(d, ".done")
    if not os.path.exists(stamp):
        if pages_dir is None:
            subprocess.run([sys.executable, os.path.join(HERE, "gen_pages.py"), "--count", str(n),
                            "--out", d, "--seed", "7"], check=True)
        else:
            files = sorted(os.path.join(root, f) for root, _, fs in os.walk(pages_dir)
                           for f in fs if not f.startswith("."))
            if len(files) < n:
                raise SystemExit(f"{pages_dir}: {len(files)} pages, {n} asked")
            os.makedirs(d, exist_ok=True)
            for i, f in enumerate(files[:n]):  # 1,000 links a folder, like gen_pages.py
                sub = os.path.join(d, f"{i // 1000:04d}")
                os.makedirs(sub, exist_ok=True)
                os.symlink(os.path.abspath(f), os.path.join(sub, os.path.basename(f)))
        open(stamp, "w").close()
    total = 0
    for root, _, files in os.walk(d):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files if not f.startswith("."))
    return d, total


def run(cmd):
    """Runs cmd; returns (wall s, cpu s, peak RSS bytes, returncode) of that child alone."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss * 1024, os.waitstatus_to_exitcode(status)


def ingest(binary, pages, db, jobs):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    wall, cpu, rss, rc = run([binary, "--db", db, "ingest", "--jobs", str(jobs), pages])
    if rc != 0:
        raise SystemExit(f"ingest failed ({rc}): {binary} --db {db} ingest {pages}")
    return wall, cpu, rss


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def latency(binary, db, argv_list, reps):
    """p50 and p99 of wall ms, then of CPU ms (what a loaded machine does not distort)."""
    walls, cpus = [], []
    for _ in range(reps):
        for argv in argv_list:
            wall, cpu, _, rc = run([binary, "--db", db] + argv)
            if rc not in (0, 1):  # 1 = no results is fine; a crash is not
                return None
            walls.append(wall * 1000)
            cpus.append(cpu * 1000)
    return pct(walls, 50), pct(walls, 99), pct(cpus, 50), pct(cpus, 99)


def profile(binary, build, n, top=25):
    if not shutil.which("perf"):
        return "perf is not installed"
    pages, _ = corpus(build, n)
    db = os.path.join(build, "bench-profile.db")
    data = os.path.join(build, "bench-profile.perf")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    subprocess.run(["perf", "record", "-q", "-e", "cpu-clock", "-F", "999", "-o", data, binary,
                    "--db", db, "ingest", "--jobs", "1", pages], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rep = subprocess.run(["perf", "report", "-i", data, "--no-children", "--sort", "dso,symbol",
                          "--stdio", "-g", "none"], capture_output=True, text=True).stdout
    rows = ["| self % | where | function |", "|---:|---|---|"]
    for line in rep.splitlines():
        parts = line.split()
        if len(parts) < 4 or not parts[0].endswith("%"):
            continue
        sym = " ".join(parts[3:])
        sym = sym.replace("std::__cxx11::basic_string<char, std::char_traits<char>, "
                          "std::allocator<char> >", "string")
        rows.append(f"| {parts[0]} | {parts[1]} | `{sym[:110]}` |")
        if len(rows) >= top + 2:
            break
    return "\n".join(rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--queries", type=int, default=10, help="repetitions of each query")
    ap.add_argument("--profile", type=int, default=0, help="pages in the profiled run (0: none)")
    ap.add_argument("--pages", help="take the first N pages of this corpus instead of generating")
    ap.add_argument("--baseline", help="another ketnoi binary, run side by side on the same pages")
    ap.add_argument("--out")
    args = ap.parse_args()
    binary = os.path.join(args.build, "ketnoi")
    binaries = [("current", binary)] + ([("baseline", args.baseline)] if args.baseline else [])
    out = []
    rows = ["| binary | documents | jobs | wall s | docs/s (wall) | MB/s (wall) | CPU ms/doc | "
            "docs/s per CPU s | MB/s per CPU s | growth (CPU/doc vs first) | peak RSS MB | "
            "DB bytes/doc |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    ratio_rows = ["| documents | jobs | baseline CPU ms/doc | current CPU ms/doc | speed-up |",
                  "|---:|---:|---:|---:|---:|"]
    qrows = ["| documents | first search s wall / CPU (FTS index build) | stats (startup) p50/p99 "
             "ms | search p50/p99 ms | match p50/p99 ms |", "|---:|---:|---:|---:|---:|"]
    base = {}
    for n in [int(x) for x in args.sizes.split(",")]:
        pages, nbytes = corpus(args.build, n, args.pages)
        db1 = None
        for jobs in [int(x) for x in args.jobs.split(",")]:
            per_doc_of = {}
            # The baseline first: the current binary then runs on pages the baseline already
            # pulled into the page cache, never the other way round.
            for label, exe in reversed(binaries):
                db = os.path.join(args.build, f"bench-{n}-j{jobs}-{label}.db")
                wall, cpu, rss = ingest(exe, pages, db, jobs)
                size = sum(os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s))
                per_doc = cpu / n
                per_doc_of[label] = per_doc
                base.setdefault((label, jobs), per_doc)
                rows.append(f"| {label} | {n} | {jobs} | {wall:.1f} | {n / wall:.0f} | "
                            f"{nbytes / wall / 1e6:.2f} | {per_doc * 1000:.2f} | {n / cpu:.0f} | "
                            f"{nbytes / cpu / 1e6:.2f} | {per_doc / base[(label, jobs)]:.2f} | "
                            f"{rss / 1e6:.0f} | {size / n:.0f} |")
                print(rows[-1], flush=True)
                if label == "current":
                    db1 = db1 or db
            if args.baseline:
                b, c = per_doc_of["baseline"], per_doc_of["current"]
                ratio_rows.append(f"| {n} | {jobs} | {b * 1000:.2f} | {c * 1000:.2f} | {b / c:.2f}x |")
                print(ratio_rows[-1], flush=True)
        if args.queries > 0 and db1:
            # The first query drains the search queue: it indexes every ingested document.
            first, first_cpu, _, _ = run([binary, "--db", db1, "search", SEARCHES[0]])
            st = latency(binary, db1, [["stats"]], args.queries)
            se = latency(binary, db1, [["search", q] for q in SEARCHES], args.queries)
            ma = latency(binary, db1, [["match", q] for q in NEEDS], args.queries)
            fmt = lambda x: ("n/a" if x is None else
                             f"{x[0]:.0f} / {x[1]:.0f} (CPU {x[2]:.0f} / {x[3]:.0f})")
            qrows.append(f"| {n} | {first:.1f} / {first_cpu:.1f} | {fmt(st)} | {fmt(se)} | "
                         f"{fmt(ma)} |")
            print(qrows[-1], flush=True)
    out.append("\n".join(rows))
    if args.baseline:
        out.append("\n".join(ratio_rows))
    if args.queries > 0:
        out.append("\n".join(qrows))
    if args.profile > 0:
        out.append(profile(binary, args.build, args.profile))
    text = "\n\n".join(out)
    print(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
