#!/usr/bin/env python3
"""Checks examples/gold/*.json against the pages in examples/ (see shared eval FORMAT.md).

usage: check_gold.py [EXAMPLES_DIR] [--score]

For every gold file: JSON parses; the page exists (.txt/.html, 2-8 KB, UTF-8, NFC); the title
occurs in the page; date is YYYY-MM-DD or null; body_first/last sentences occur in that order;
every surface string and event evidence occurs inside the body; no surface belongs to two
entities of a document; event participants/places name entities of the file; field ids and event
types are valid; a gold name keeps one entity kind across all files. With --score, also runs the
shared scorer of the gold against itself (with the gold body filled in) and requires 1.0
everywhere. Exit status 1 when anything fails.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

SHARED = os.environ.get("KETNOI_SHARED_DIR", "/work/shared")
KINDS = ("organizations", "persons", "places")
EVENT_TYPES = {"mou_signed", "agreement_signed", "meeting", "visit", "dialogue", "proposal",
               "training_program", "investment", "conference", "other"}
PLACE_TYPES = {"country", "city", "region", "other"}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def nfc(s):
    return unicodedata.normalize("NFC", s)


def load_fields():
    """Field ids from the shared fields.txt, or None (no field check) when it is absent."""
    try:
        with open(os.path.join(SHARED, "eval", "fields.txt"), encoding="utf-8") as f:
            return {line.strip() for line in f if line.strip()}
    except OSError:
        print(f"note: {SHARED}/eval/fields.txt not found; field ids not checked")
        return None


def find_page(ex_dir, stem):
    for ext in (".txt", ".html", ".htm"):
        p = os.path.join(ex_dir, stem + ext)
        if os.path.isfile(p):
            return p
    return None


def check_doc(ex_dir, fn, valid_fields, kind_of_name, errors):
    stem = fn[:-5]
    def err(msg):
        errors.append(f"{stem}: {msg}")
    try:
        with open(os.path.join(ex_dir, "gold", fn), encoding="utf-8") as f:
            g = json.load(f)
    except (OSError, ValueError) as e:
        err(f"bad JSON: {e}")
        return None
    page = find_page(ex_dir, stem)
    if not page:
        err("no page file")
        return None
    raw_bytes = open(page, "rb").read()
    if not 2048 <= len(raw_bytes) <= 8192:
        err(f"page size {len(raw_bytes)} bytes not in 2-8 KB")
    try:
        raw = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as e:
        err(f"page not UTF-8: {e}")
        return None
    if nfc(raw) != raw:
        err("page is not NFC")
    if g.get("id") not in (None, stem):
        err(f"id {g.get('id')!r} != stem")
    if g.get("language") not in ("vi", "zh", "en"):
        err(f"bad language {g.get('language')!r}")
    if not g.get("title") or g["title"] not in raw:
        err(f"title not in page: {g.get('title')!r}")
    d = g.get("date")
    if d is not None and not DATE_RE.match(d):
        err(f"bad date {d!r}")
    first, last = g.get("body_first_sentence", ""), g.get("body_last_sentence", "")
    i = raw.find(first) if first else -1
    j = raw.find(last, i) if (last and i >= 0) else -1
    if i < 0:
        err(f"body_first_sentence not found: {first[:60]!r}")
    if j < 0:
        err(f"body_last_sentence not found after first: {last[:60]!r}")
    body = raw[i:j + len(last)] if i >= 0 and j >= 0 else raw
    names = {}
    seen_surface = {}
    for kind in KINDS:
        for e in g.get(kind, []):
            name = e.get("name")
            if not name:
                err(f"{kind} entry without name")
                continue
            if name in names:
                err(f"duplicate name {name!r}")
            names[name] = kind
            prev = kind_of_name.setdefault(name, kind)
            if prev != kind:
                err(f"{name!r} is {kind} here but {prev} elsewhere")
            if not e.get("surface"):
                err(f"{name!r} has no surface")
            for s in e.get("surface", []):
                if s not in body:
                    err(f"surface not in body: {s!r} ({name})")
                key = " ".join(nfc(s).casefold().split())
                if key in seen_surface and seen_surface[key] != name:
                    err(f"surface {s!r} shared by {name!r} and {seen_surface[key]!r}")
                seen_surface[key] = name
            if kind == "places" and e.get("type") not in PLACE_TYPES:
                err(f"bad place type for {name!r}: {e.get('type')!r}")
            if kind == "persons":
                if not isinstance(e.get("roles"), list):
                    err(f"{name!r} roles must be a list")
                for r in e.get("roles", []):
                    if r not in body:
                        err(f"role not in body: {r!r} ({name})")
    for fld in g.get("fields", []):
        if valid_fields is not None and fld not in valid_fields and not fld.startswith("other:"):
            err(f"bad field {fld!r}")
    for k, ev in enumerate(g.get("events", [])):
        if ev.get("type") not in EVENT_TYPES:
            err(f"event {k}: bad type {ev.get('type')!r}")
        if not ev.get("participants"):
            err(f"event {k}: no participants")
        for p in ev.get("participants", []):
            if p not in names:
                err(f"event {k}: participant {p!r} not an entity of this file")
        pl = ev.get("place")
        if pl is not None and names.get(pl) != "places":
            err(f"event {k}: place {pl!r} not a place of this file")
        ed = ev.get("date")
        if ed is not None and not DATE_RE.match(ed):
            err(f"event {k}: bad date {ed!r}")
        for fld in ev.get("fields", []):
            if valid_fields is not None and fld not in valid_fields and not fld.startswith("other:"):
                err(f"event {k}: bad field {fld!r}")
        evid = ev.get("evidence", "")
        if not evid or evid not in body:
            err(f"event {k}: evidence not in body: {evid[:60]!r}")
    g["body"] = body
    return g


def self_score(ex_dir, docs):
    """Scores gold against itself (gold body filled in); every metric must be 1.0."""
    with tempfile.TemporaryDirectory() as tmp:
        for stem, g in docs.items():
            with open(os.path.join(tmp, stem + ".json"), "w", encoding="utf-8") as f:
                json.dump(g, f, ensure_ascii=False)
        out = subprocess.run([sys.executable, os.path.join(SHARED, "eval", "score.py"),
                              os.path.join(ex_dir, "gold"), tmp, ex_dir, "--json"],
                             capture_output=True, text=True, check=False)
    try:
        res = json.loads(out.stdout)
    except ValueError:
        return {}, [f"score.py failed: {out.stderr.strip().splitlines()[-1:]}"]
    bad = []
    for k, v in res.items():
        vals = v if isinstance(v, list) else [v]
        if any(abs(x - 1.0) > 1e-9 for x in vals):
            bad.append(f"score {k} = {v}")
    return res, bad


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    args = [a for a in argv[1:] if not a.startswith("--")]
    ex_dir = args[0] if args else os.path.join(here, "..", "examples")
    valid_fields = load_fields()
    errors, docs, kind_of_name = [], {}, {}
    for fn in sorted(os.listdir(os.path.join(ex_dir, "gold"))):
        if fn.endswith(".json"):
            g = check_doc(ex_dir, fn, valid_fields, kind_of_name, errors)
            if g is not None:
                docs[fn[:-5]] = g
    langs = {}
    for g in docs.values():
        langs[g.get("language")] = langs.get(g.get("language"), 0) + 1
    n_events = sum(len(g.get("events", [])) for g in docs.values())
    n_ents = sum(len(g.get(k, [])) for g in docs.values() for k in KINDS)
    print(f"{len(docs)} gold files {langs}, {n_ents} entities, {n_events} events")
    # The scorer assumes well-formed gold, so it only runs once the checks above pass.
    if ("--score" in argv and docs and not errors
            and os.path.exists(os.path.join(SHARED, "eval", "score.py"))):
        res, bad = self_score(ex_dir, docs)
        errors += bad
        print(f"self-score overall = {res.get('overall')}")
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
