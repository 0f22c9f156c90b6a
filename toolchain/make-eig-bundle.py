#!/usr/bin/env python3
"""Builds the bundled EIG programme data (assets/eig/) from the programme
site's files in feed form (../shared/data/eig by default).

The Entrepreneurs d'intérêt général programme is over: its public site
(repository entrepreneur-interet-general/site-eig, Licence Ouverte / Open
Licence, last updated 5 September 2022) has no JSON feed and its content no
longer changes, so Vitrine ships a compact copy as its built-in EIG data.
Only the fields the statistics and the slides read are kept (metrics.md,
"EIG"): for a challenge its title, promotion, year, administration, fellows
(eigs) and mentors; for a person their name and profile. The output is
deterministic (sorted keys, one record per line): running this again on the
same input gives the same bytes, which a test checks.

Usage: toolchain/make-eig-bundle.py [EIG_DIR [OUT_DIR]]
"""
import json
import os
import sys

DEFI_FIELDS = ("title", "promotion", "year", "administration", "eigs", "mentors")
PERSON_FIELDS = ("title", "profil")


def compact(records, fields, what, path):
    if not isinstance(records, dict):
        sys.exit(f"{path}: expected an object of {what} keyed by name")
    out = {}
    for name, rec in records.items():
        if not isinstance(rec, dict):
            sys.exit(f"{path}: {name!r}: expected an object")
        out[name] = {k: rec[k] for k in fields if k in rec}
    return out


def dump(records, path):
    lines = [
        json.dumps(name, ensure_ascii=False) + ": " + json.dumps(rec, ensure_ascii=False, sort_keys=True)
        for name, rec in sorted(records.items())
    ]
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("{\n" + ",\n".join(lines) + "\n}\n")
    os.replace(tmp, path)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "data", "eig")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "assets", "eig")
    os.makedirs(out, exist_ok=True)
    for name, fields, what in (("defis.json", DEFI_FIELDS, "challenges"),
                               ("personnes.json", PERSON_FIELDS, "people")):
        path = os.path.join(src, name)
        try:
            with open(path, encoding="utf-8") as f:
                records = json.load(f)
        except (OSError, ValueError) as e:
            sys.exit(f"{path}: {e}")
        dump(compact(records, fields, what, path), os.path.join(out, name))
        print(f"{os.path.join(out, name)}: {len(records)} {what}")


if __name__ == "__main__":
    main()
