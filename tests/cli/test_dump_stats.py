#!/usr/bin/env python3
"""--dump-stats end to end on the real binary: the contract's keys, exit codes,
one-line errors naming the file, and hostile inputs of every kind (each must
exit 0 or 2 with a clear message; the sanitizer build turns any memory error
into a failure).

Usage: test_dump_stats.py VITRINE EMULATOR FIXTURES_DIR CLEAN_DATA_DIR
CLEAN_DATA_DIR: a data dir with no warnings (the demo data), the base that
each hostile case breaks one file of."""
import json
import os
import shutil
import sys
import tempfile

from vitrinerun import Vitrine

CONTRACT = {
    "products": ["total", "active", "by_phase", "launched_by_year", "national_impact_by_year",
                 "fast_laureates", "by_incubator", "perennisation_rate",
                 "open_source_rate_by_phase", "stats_page_rate_by_phase"],
    "community": ["active", "by_domaine", "by_status", "new_by_year", "retention_12m"],
    "coaching": ["active_coaches", "by_employer", "coached_products"],
    "eig": ["projects", "fellows", "mentors", "administrations", "promotions", "by_profile",
            "fellows_in_several_promotions"],
}


def contract_keys(v, fixtures):
    stats, err = v.dump(os.path.join(fixtures, "edge"), "2024-06-30")
    v.check(stats["as_of"] == "2024-06-30", "as_of")
    for section, keys in CONTRACT.items():
        for k in keys:
            v.check(k in stats.get(section, {}), "contract key %s.%s" % (section, k))
    v.check(stats["products"]["perennisation_rate"] == 0.75, "perennisation 0.75")
    v.check(all(p.keys() >= {"promotion", "year", "projects", "fellows"}
                for p in stats["eig"]["promotions"]), "promotion entries")
    # Skipped records: one warning line per feed, naming the file.
    lines = [l for l in err.splitlines() if l]
    v.check(len(lines) == 3 and all("skipped" in l and ".json" in l for l in lines),
            "one warning line per feed with skipped records: %r" % lines)
    again, _ = v.dump(os.path.join(fixtures, "edge"), "2024-06-30")
    v.check(again == stats, "same inputs give the same output")


def modes(v):
    rc, out, _ = v.run("--help")
    v.check(rc == 0 and "--dump-stats" in out, "--help")
    rc, out, _ = v.run("--version")
    v.check(rc == 0 and out.startswith("vitrine "), "--version")
    rc, _, err = v.run("--dump-stats", "--data", "x", "--now", "2024-02-30")
    v.check(rc == 2 and "--now" in err and len(err.splitlines()) == 1, "bad --now: %r" % err)
    rc, _, err = v.run("--bogus")
    v.check(rc == 2 and "--bogus" in err, "unknown option")


CLEAN = None  # set in main()


def copy_fixture(fixtures, tmp, name):
    d = os.path.join(tmp, name)
    shutil.copytree(CLEAN, d, ignore=shutil.ignore_patterns("*.md"))
    return d


def expect_one_line_error(v, d, path_part, what):
    rc, out, err = v.run("--dump-stats", "--data", d, "--now", "2024-06-30")
    lines = [l for l in err.splitlines() if l]
    v.check(rc == 2, "%s: exit %d (want 2), stderr %r" % (what, rc, err[:300]))
    v.check(out == "", "%s: nothing on stdout" % what)
    v.check(len(lines) == 1 and path_part in lines[0],
            "%s: one line naming %s, got %r" % (what, path_part, lines[:3]))


def missing_and_optional_files(v, fixtures, tmp):
    for rel in ("betagouv/startups.json", "betagouv/authors.json", "eig/defis.json",
                "eig/personnes.json"):
        d = copy_fixture(fixtures, tmp, "missing-" + rel.replace("/", "-"))
        os.remove(os.path.join(d, rel))
        expect_one_line_error(v, d, rel, "missing " + rel)
    d = copy_fixture(fixtures, tmp, "no-incubators")
    os.remove(os.path.join(d, "betagouv/incubators.json"))
    rc, out, _ = v.run("--dump-stats", "--data", d, "--now", "2024-06-30")
    v.check(rc == 0 and json.loads(out)["products"]["total"] > 0, "incubators.json is optional")
    rc, _, err = v.run("--dump-stats", "--data", os.path.join(tmp, "nowhere"))
    v.check(rc == 2 and "nowhere" in err, "missing data dir")


HOSTILE = {
    "truncated": lambda good: good[: len(good) // 2],
    "empty": lambda good: b"",
    "not-json": lambda good: b"<html><body>502 Bad Gateway</body></html>",
    "binary": lambda good: bytes(range(256)) * 64,
    "wrong-top-level": lambda good: b'"just a string"',
    "deep-nesting": lambda good: b"[" * 200000 + b"]" * 200000,
    "trailing-garbage": lambda good: good + b"\n}}}",
    "utf16": lambda good: good.decode("utf-8").encode("utf-16"),
}

TYPE_CONFUSION = {
    "betagouv/startups.json": b'{"data":[{"id":{},"attributes":[]},{"id":"a","attributes":'
                              b'{"phases":[{"name":7,"start":[]}],"events":{"x":1}}},'
                              b'{"id":"b","attributes":{"phases":[{"name":"construction",'
                              b'"start":"9999-99-99"},{"name":"opere","start":"2020-01-01"}]}}],'
                              b'"included":{"a":1}}',
    "betagouv/authors.json": b'[{"id":"a","missions":[{"start":"2020-01-01","end":"0000-00-00",'
                             b'"status":5,"employer":null}]},{"id":"b","domaine":"&#99999999;",'
                             b'"missions":[{"start":"2020-02-31"}]}]',
    "eig/defis.json": b'{"a":{"promotion":1e308,"year":-5,"eigs":[null,{},"x"]},"b":[]}',
    "eig/personnes.json": b'{"a":{"profil":["Mentor"]},"b":{"profil":"Designer"}}',
}


def hostile_inputs(v, fixtures, tmp):
    for rel in ("betagouv/startups.json", "betagouv/authors.json", "eig/defis.json",
                "eig/personnes.json", "betagouv/incubators.json"):
        good = open(os.path.join(CLEAN, rel), "rb").read()
        for kind, make in HOSTILE.items():
            d = copy_fixture(fixtures, tmp, "%s-%s" % (kind, rel.replace("/", "-")))
            with open(os.path.join(d, rel), "wb") as f:
                f.write(make(good))
            expect_one_line_error(v, d, rel, "%s %s" % (kind, rel))
    for rel, body in TYPE_CONFUSION.items():
        d = copy_fixture(fixtures, tmp, "types-" + rel.replace("/", "-"))
        with open(os.path.join(d, rel), "wb") as f:
            f.write(body)
        rc, out, err = v.run("--dump-stats", "--data", d, "--now", "2024-06-30")
        v.check(rc == 0 and json.loads(out)["as_of"] == "2024-06-30",
                "type confusion in %s: exit %d %r" % (rel, rc, err[:300]))
        v.check(rel in err or rel.startswith("eig/personnes"), "warning names %s: %r" % (rel, err))


def huge_inputs(v, fixtures, tmp):
    # A 20 MB string field: accepted, capped, bounded memory.
    d = copy_fixture(fixtures, tmp, "huge-string")
    with open(os.path.join(d, "betagouv/authors.json"), "wb") as f:
        f.write(b'[{"id":"x","fullname":"' + b"a" * (20 << 20) + b'","missions":[]}]')
    rc, out, err = v.run("--dump-stats", "--data", d, "--now", "2024-06-30")
    v.check(rc == 0, "20 MB string: exit %d %r" % (rc, err[:200]))
    # A file over the 64 MB limit (sparse): rejected without reading it.
    d = copy_fixture(fixtures, tmp, "too-large")
    with open(os.path.join(d, "betagouv/startups.json"), "wb") as f:
        f.truncate(65 << 20)
    expect_one_line_error(v, d, "startups.json", "65 MB file")
    # A directory where a file should be.
    d = copy_fixture(fixtures, tmp, "dir-not-file")
    os.remove(os.path.join(d, "eig/defis.json"))
    os.mkdir(os.path.join(d, "eig/defis.json"))
    expect_one_line_error(v, d, "defis.json", "directory instead of file")


def main():
    global CLEAN
    v = Vitrine(sys.argv)
    fixtures, CLEAN = v.rest[0], v.rest[1]
    with tempfile.TemporaryDirectory() as tmp:
        contract_keys(v, fixtures)
        modes(v)
        missing_and_optional_files(v, fixtures, tmp)
        hostile_inputs(v, fixtures, tmp)
        huge_inputs(v, fixtures, tmp)
    v.report()


if __name__ == "__main__":
    main()
