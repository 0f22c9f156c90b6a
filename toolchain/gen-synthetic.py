#!/usr/bin/env python3
"""Writes a synthetic data dir N times larger than a real one, for the
benchmark (toolchain/bench.sh): every record is replicated N times with new
ids and names, its dates shifted back by a few weeks per copy, and the
references between feeds (mission -> product ids) renamed alike, so the
statistics do proportionally more of the same work.

    gen-synthetic.py SRC_DIR DST_DIR [--factor N]

DST_DIR must be outside the repository (a temporary directory): the real
snapshots and anything derived from them never go into the project."""
import argparse
import datetime
import json
import os
import sys

SHIFT_DAYS_PER_COPY = 23  # copy k is dated k * 23 days earlier
FEEDS = ["betagouv/startups.json", "betagouv/authors.json", "betagouv/incubators.json",
         "eig/defis.json", "eig/personnes.json"]


def shift(date, k):
    """'YYYY-MM-DD...' moved back k copies; anything else unchanged."""
    if not isinstance(date, str) or len(date) < 10 or k == 0:
        return date
    try:
        d = datetime.date.fromisoformat(date[:10])
    except ValueError:
        return date
    d -= datetime.timedelta(days=k * SHIFT_DAYS_PER_COPY)
    return d.isoformat() + date[10:]


def suffix(value, k, sep="--s"):
    return value if k == 0 or not isinstance(value, str) else f"{value}{sep}{k}"


def startups(doc, n):
    out = []
    for k in range(n):
        for rec in doc.get("data", []):
            r = json.loads(json.dumps(rec))
            r["id"] = suffix(r.get("id"), k)
            a = r.get("attributes") or {}
            a["name"] = suffix(a.get("name"), k, " ")
            for ph in a.get("phases") or []:
                ph["start"] = shift(ph.get("start"), k)
            for ev in a.get("events") or []:
                ev["date"] = shift(ev.get("date"), k)
            out.append(r)
    doc["data"] = out
    return doc


def authors(doc, n):
    out = []
    for k in range(n):
        for rec in doc:
            r = json.loads(json.dumps(rec))
            r["id"] = suffix(r.get("id"), k)
            r["fullname"] = suffix(r.get("fullname"), k, " ")
            r["startups"] = [suffix(s, k) for s in r.get("startups") or []]
            for mi in r.get("missions") or []:
                mi["start"] = shift(mi.get("start"), k)
                mi["end"] = shift(mi.get("end"), k)
                mi["startups"] = [suffix(s, k) for s in mi.get("startups") or []]
            out.append(r)
    return out


def keyed(doc, n):
    """Objects keyed by id or name (incubators, défis, personnes)."""
    if isinstance(doc, list):
        return [json.loads(json.dumps(r)) for _ in range(n) for r in doc]
    out = {}
    for k in range(n):
        for key, rec in doc.items():
            r = json.loads(json.dumps(rec))
            if isinstance(r, dict):
                for field in ("eigs", "mentors"):
                    if isinstance(r.get(field), list):
                        r[field] = [suffix(x, k, " #") for x in r[field]]
            out[suffix(key, k, " #")] = r
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--factor", type=int, default=10)
    args = ap.parse_args()
    repo = os.path.realpath(os.path.join(os.path.dirname(__file__), ".."))
    dst = os.path.realpath(args.dst)
    if dst == repo or dst.startswith(repo + os.sep):
        sys.exit(f"gen-synthetic.py: {args.dst} is inside the repository; use a temporary dir")
    if args.factor < 1:
        sys.exit("gen-synthetic.py: --factor must be >= 1")
    makers = {"startups": startups, "authors": authors}
    for rel in FEEDS:
        src = os.path.join(args.src, rel)
        if not os.path.exists(src):
            continue
        with open(src, encoding="utf-8") as f:
            doc = json.load(f)
        name = os.path.splitext(os.path.basename(rel))[0]
        doc = makers.get(name, keyed)(doc, args.factor)
        os.makedirs(os.path.join(dst, os.path.dirname(rel)), exist_ok=True)
        with open(os.path.join(dst, rel), "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
