#!/usr/bin/env python3
"""Macro benchmarks: whole-pipeline ingest throughput, memory, database size and growth.

usage: bench/macro.py [--build build] [--sizes 1000,10000] [--jobs 1,2] [--out FILE]

For each corpus size, generates pages with bench/gen_pages.py (fixed seed, cached under
build/bench-pages/N), ingests them into a fresh SQLite database with `ketnoi ingest` at each
worker count, and records wall time, documents/s, MB/s, peak resident memory (from
getrusage of the child) and database bytes per document. Prints a Markdown table (and writes
it to --out) for docs/PERFORMANCE.md.
"""
import argparse
import os
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def corpus(build, n):
    d = os.path.join(build, "bench-pages", str(n))
    stamp = os.path.join(d, ".done")
    if not os.path.exists(stamp):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_pages.py"), "--count", str(n),
                        "--out", d, "--seed", "7"], check=True)
        open(stamp, "w").close()
    total = 0
    for root, _, files in os.walk(d):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files if not f.startswith("."))
    return d, total


def ingest(binary, pages, db, jobs):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([binary, "ingest", "--db", db, "--jobs", str(jobs), pages], check=True,
                   stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss * 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--out")
    args = ap.parse_args()
    binary = os.path.join(args.build, "ketnoi")
    rows = ["| documents | jobs | wall s | docs/s | MB/s | CPU s/1k docs | peak RSS MB | DB bytes/doc |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n in [int(x) for x in args.sizes.split(",")]:
        pages, nbytes = corpus(args.build, n)
        for jobs in [int(x) for x in args.jobs.split(",")]:
            db = os.path.join(args.build, f"bench-{n}.db")
            wall, cpu, rss = ingest(binary, pages, db, jobs)
            size = os.path.getsize(db) + (os.path.getsize(db + "-wal") if os.path.exists(db + "-wal") else 0)
            rows.append(f"| {n} | {jobs} | {wall:.1f} | {n / wall:.0f} | {nbytes / wall / 1e6:.1f} | "
                        f"{cpu / n * 1000:.2f} | {rss / 1e6:.0f} | {size / n:.0f} |")
            print(rows[-1], flush=True)
    table = "\n".join(rows)
    print(table)
    if args.out:
        with open(args.out, "w") as f:
            f.write(table + "\n")


if __name__ == "__main__":
    main()
