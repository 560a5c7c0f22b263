#!/usr/bin/env python3
"""SQLite vs PostgreSQL, side by side in one run: ingest throughput and query latency.

usage: bench/backends.py --pg postgresql://USER@HOST:PORT/DB [--build build] [--size 500]
                         [--jobs 1] [--queries 5] [--out FILE]

Generates the same pages as bench/macro.py (gen_pages.py, seed 7), ingests them with
`ketnoi ingest` into a fresh SQLite file and into the PostgreSQL database given (its public
schema is emptied first: give a scratch database, e.g. from tools/pg-test-cluster.sh), then
times the first query (which indexes the queued documents: search drains the queue) and
`search`, `entity`, `events`, `match` p50/p99 per CLI call on both, next to `stats` (process
start and lexicon load, which every call pays). CPU is the ketnoi process alone: on
PostgreSQL the server's own CPU is not in it, so compare wall times on an idle machine.
"""
import argparse
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import macro  # noqa: E402  (corpus, run, pct, latency, query lists)

ENTITIES = ["Samsung", "Viettel", "Việt Nam", "Japan"]


def reset_pg(url):
    psql = shutil.which("psql") or next(
        (os.path.join(d, "psql") for d in sorted(os.listdir("/usr/lib/postgresql"), reverse=True)
         for d in [os.path.join("/usr/lib/postgresql", d, "bin")]
         if os.path.exists(os.path.join(d, "psql"))), None)
    if psql is None:
        raise SystemExit("no psql (apt-get install postgresql-client)")
    subprocess.run([psql, url, "-q", "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public"],
                   check=True, stdout=subprocess.DEVNULL)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pg", required=True)
    ap.add_argument("--build", default="build")
    ap.add_argument("--size", type=int, default=500)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--queries", type=int, default=5)
    ap.add_argument("--out")
    args = ap.parse_args()
    binary = os.path.join(args.build, "ketnoi")
    pages, nbytes = macro.corpus(args.build, args.size)
    sqlite_db = os.path.join(args.build, "bench-backends.db")
    rows = ["| backend | ingest wall s | docs/s (wall) | ingest CPU s (client) | first query "
            "(indexes) wall s | stats p50/p99 ms | search p50/p99 ms | entity p50/p99 ms | "
            "events p50/p99 ms | match p50/p99 ms |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, db in (("SQLite", sqlite_db), ("PostgreSQL", args.pg)):
        if db == args.pg:
            reset_pg(db)
            wall, cpu, _, rc = macro.run([binary, "--db", db, "ingest", "--jobs",
                                          str(args.jobs), pages])
            if rc != 0:
                raise SystemExit(f"ingest into PostgreSQL failed ({rc})")
        else:
            wall, cpu, _ = macro.ingest(binary, pages, db, args.jobs)
        first, _, _, _ = macro.run([binary, "--db", db, "search", "hợp tác"])
        lat = [macro.latency(binary, db, [["stats"]], args.queries),
               macro.latency(binary, db, [["search", q] for q in macro.SEARCHES], args.queries),
               macro.latency(binary, db, [["entity", e] for e in ENTITIES], args.queries),
               macro.latency(binary, db, [["events", "--type", t] for t in
                                          ("agreement_signed", "visit")], args.queries),
               macro.latency(binary, db, [["match", q] for q in macro.NEEDS], args.queries)]
        cells = " | ".join("n/a" if x is None else f"{x[0]:.0f} / {x[1]:.0f}" for x in lat)
        rows.append(f"| {name} | {wall:.1f} | {args.size / wall:.0f} | {cpu:.1f} | {first:.2f} "
                    f"| {cells} |")
    out = f"{args.size} pages ({nbytes / 1e6:.1f} MB), --jobs {args.jobs}\n\n" + "\n".join(rows)
    print(out)
    if args.out:
        with open(args.out, "w") as f:
            f.write(out + "\n")


if __name__ == "__main__":
    main()
