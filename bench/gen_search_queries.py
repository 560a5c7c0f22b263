#!/usr/bin/env python3
"""The search latency query set (bench/search_queries.tsv) for bench/search_bench.cc.

usage: gen_search_queries.py [--out bench/search_queries.tsv]

Deterministic: names and topics are the ones bench/gen_pages.py writes pages about (its
organizations, persons, places and fields in vi / zh / en), plus every 25th keyword of
data/fields.tsv, combinations (a field and a place, two fields, quoted phrases), words
no page holds, and the same kinds of queries with the filters the CLI and the API take
(language, date range, source). One query per line: text, lang, from, to, source
(tab-separated, empty when unset).
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from gen_pages import FIELDS, ORGS, PERSONS, PLACES  # noqa: E402

LANGS = ["vi", "zh", "en"]


def lexicon_keywords():
    path = os.path.join(os.path.dirname(HERE), "data", "fields.tsv")
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("field\t"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                rows.append(parts[2])
    return rows[::25]


def queries():
    out = []
    plain = lambda text: out.append((text, "", "", "", ""))
    for names in ORGS + PLACES + FIELDS:
        for name in names:
            plain(name)
    for person in PERSONS:
        for name in person[:3]:
            plain(name)
    for keyword in lexicon_keywords():
        plain(keyword)
    for i, field in enumerate(FIELDS):  # a field and a place, two fields, a quoted phrase
        place = PLACES[i % len(PLACES)]
        other = FIELDS[(i + 1) % len(FIELDS)]
        for lang in range(3):
            plain(f"{field[lang]} {place[lang]}")
        plain(f"{field[2]} {other[2]}")
        plain(f'"{field[i % 3]}"')
    for word in ["blockchain", "lượng tử", "量子计算", "zebrafish", "ôn đới"]:  # rare or absent
        plain(word)
    dates = [("2024", ""), ("", "2020"), ("2022-03", "2022-09"), ("2025-06-01", "2025-06-30")]
    for i, names in enumerate(ORGS[:8] + FIELDS):
        lang = i % 3
        d_from, d_to = dates[i % len(dates)]
        out.append((names[lang], LANGS[lang], "", "", ""))
        out.append((names[(lang + 1) % 3], "", d_from, d_to, ""))
        out.append((names[(lang + 2) % 3], LANGS[(lang + 2) % 3], d_from, d_to, ""))
        out.append((names[lang], "", "", "", f"/{i:04d}/"))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(HERE, "search_queries.tsv"))
    args = ap.parse_args()
    rows = queries()
    with open(args.out, "w", encoding="utf-8") as f:
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"{len(rows)} queries -> {args.out}")


if __name__ == "__main__":
    main()
