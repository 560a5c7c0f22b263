#!/usr/bin/env python3
"""Search and matchmaking latency p50/p99 on an existing database.

usage: bench/query_latency.py --db COPY.db [--build build] [--queries 10] [--http] [--out FILE]

Runs bench/macro.py's query lists (SEARCHES, NEEDS) against a database that is already
there (e.g. a 100k-document one), so nothing is ingested:
  * CLI: `ketnoi search` / `ketnoi match` as processes, next to `ketnoi stats` (process start
    and lexicon load, the floor every CLI call pays) — macro.py's latency();
  * --http: the same queries through one `ketnoi serve` process (/api/search, /api/match):
    the query's own cost, without process start.
Each query runs --queries times after one untimed warm-up pass. Give it a COPY: opening a
database drains its search queue and may migrate it.
"""
import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from macro import NEEDS, SEARCHES, latency, pct  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_latency(binary, db, reps):
    port = free_port()
    server = subprocess.Popen([binary, "--db", db, "serve", "--port", str(port), "--quiet",
                               "--web", ""], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 600  # opening a big database may take a while
        while True:
            try:
                urllib.request.urlopen(base + "/api/stats", timeout=600).read()
                break
            except OSError:
                if server.poll() is not None or time.time() > deadline:
                    raise SystemExit("ketnoi serve did not start: " + server.stderr.read().decode())
                time.sleep(0.2)

        def timed(paths):
            for path in paths:  # warm-up
                urllib.request.urlopen(base + path, timeout=600).read()
            walls = []
            for _ in range(reps):
                for path in paths:
                    t0 = time.perf_counter()
                    body = urllib.request.urlopen(base + path, timeout=600).read()
                    walls.append((time.perf_counter() - t0) * 1000)
                    json.loads(body)
            return pct(walls, 50), pct(walls, 99)

        q = urllib.parse.quote
        search = timed([f"/api/search?q={q(s)}" for s in SEARCHES])
        match = timed([f"/api/match?need={q(n)}" for n in NEEDS])
        return search, match
    finally:
        server.terminate()
        server.wait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True, help="a COPY of the database to query")
    ap.add_argument("--build", default=os.path.join(os.path.dirname(HERE), "build"))
    ap.add_argument("--queries", type=int, default=10, help="repetitions of each query")
    ap.add_argument("--http", action="store_true", help="also time through `ketnoi serve`")
    ap.add_argument("--out")
    args = ap.parse_args()
    binary = os.path.join(args.build, "ketnoi")
    docs = subprocess.run([binary, "--db", args.db, "stats", "--json"], capture_output=True,
                          text=True, check=True)
    n = json.loads(docs.stdout)["documents"]
    fmt = lambda x: "n/a" if x is None else f"{x[0]:.0f} / {x[1]:.0f}"
    fmt1 = lambda x: f"{x[0]:.1f} / {x[1]:.1f}"
    rows = ["| documents | how | startup (stats) p50/p99 ms | search p50/p99 ms | "
            "match p50/p99 ms |", "|---:|---|---:|---:|---:|"]
    latency(binary, args.db, [["search", s] for s in SEARCHES] + [["match", m] for m in NEEDS], 1)
    st = latency(binary, args.db, [["stats"]], args.queries)
    se = latency(binary, args.db, [["search", s] for s in SEARCHES], args.queries)
    ma = latency(binary, args.db, [["match", m] for m in NEEDS], args.queries)
    rows.append(f"| {n} | CLI process | {fmt(st)} | {fmt(se)} | {fmt(ma)} |")
    print(rows[-1], flush=True)
    if args.http:
        hs, hm = http_latency(binary, args.db, args.queries)
        rows.append(f"| {n} | HTTP, in-process | — | {fmt1(hs)} | {fmt1(hm)} |")
        print(rows[-1], flush=True)
    text = "\n".join(rows)
    print(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
