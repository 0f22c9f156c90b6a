#!/usr/bin/env python3
"""The plausibility guard over HTTP (issue 21, README "Cache"): bodies that
parse but would show wrong figures are held, not shown, and the operator
takes one in with `vitrine --accept FEED`.

For a data set (a generated one of 40 products, always; the real snapshot
of ../shared/data when it is there) served by a local HTTP server, after a
good copy was cached, each of these startups bodies is refused:
  - phase names in capitals (CONSTRUCTION): a change of form;
  - the dates of 49 % of the records reformatted as DD/MM/YYYY;
  - no `relationships` (no incubator);
  - one record, served from a new url (the guard holds whatever the url).
For each: `--dump-stats` exits 0 with the figures of the last good copy,
the cache file is byte for byte the same, stderr has one line naming the
field or the figure, and the body is kept as `startups.held`. Then
`vitrine --accept startups` makes the last held body the cached copy (and
the figures follow it), and a second --accept finds nothing to accept.
Run as root, --accept writes as the cache folder's owner. A few words typed by hand (`Construction` in two records) pass. A cached copy
larger than a max_bytes lowered since is still shown, with one line.

usage: test_guard_http.py VITRINE EMULATOR FIXTURES SHARED_DATA
"""

import json
import os
import shlex
import subprocess
import sys
import tempfile

from feedserver import FeedServer

FEEDS = ["startups", "authors", "incubators", "defis", "personnes"]
RUN_TIMEOUT_S = 120
PHASES = ["investigation", "construction", "acceleration", "consolidation", "opere",
          "abandon", "transfere"]

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL " + what, file=sys.stderr)
    return cond


def generated_startups():
    """40 products of 5 incubators, dated phases: a network large enough for
    shares and halves to mean something."""
    data = []
    for i in range(40):
        phases = [{"name": "investigation", "start": "2019-%02d-01" % (i % 12 + 1)},
                  {"name": PHASES[i % len(PHASES)], "start": "2021-%02d-15" % (i % 12 + 1)}]
        inc = "inc-%d" % (i % 5)
        data.append({"id": "p%02d" % i, "type": "startup",
                     "attributes": {"name": "Produit %d" % i, "pitch": "", "phases": phases},
                     "relationships": {"incubator": {"data": {"type": "incubator", "id": inc}},
                                       "incubators": {"data": [{"type": "incubator",
                                                                "id": inc}]}}})
    included = [{"id": "inc-%d" % k, "type": "incubator",
                 "attributes": {"title": "Incubateur %d" % k}} for k in range(5)]
    return json.dumps({"data": data, "included": included}).encode()


def transform(body, change):
    doc = json.loads(body)
    change(doc["data"])
    return json.dumps(doc, ensure_ascii=False).encode()


def capitals(data):
    for rec in data:
        for ph in rec["attributes"].get("phases") or []:
            ph["name"] = ph["name"].upper()


def dates_49(data):
    for rec in data[: len(data) * 49 // 100]:
        for ph in rec["attributes"].get("phases") or []:
            y, m, d = ph["start"][:10].split("-")
            ph["start"] = "%s/%s/%s" % (d, m, y)


def no_relationships(data):
    for rec in data:
        rec.pop("relationships", None)


def one_record(data):
    del data[1:]


def two_by_hand(data):
    for rec in data[:2]:
        for ph in rec["attributes"].get("phases") or []:
            ph["name"] = ph["name"].capitalize()


class Env:
    def __init__(self, argv0, tmp, srv):
        self.argv0, self.tmp, self.srv = argv0, tmp, srv
        self.cache_dir = os.path.join(tmp, "cache")
        self.env = dict(os.environ, XDG_CACHE_HOME=os.path.join(tmp, "xdg-cache"),
                        XDG_CONFIG_HOME=os.path.join(tmp, "xdg-config"),
                        XDG_RUNTIME_DIR=os.path.join(tmp, "xdg-runtime"))
        for name in ("CACHE_DIRECTORY", "RUNTIME_DIRECTORY"):
            self.env.pop(name, None)

    def config(self, startups_url, **startups):
        urls = {f: self.srv.url(f) for f in FEEDS}
        urls["startups"] = startups_url
        feeds = {f: {"url": u, "timeout_s": 60} for f, u in urls.items()}
        feeds["startups"].update(startups)
        path = os.path.join(self.tmp, "vitrine.json")
        with open(path, "w") as f:
            json.dump({"cache_dir": self.cache_dir, "feeds": feeds}, f)
        return path

    def run(self, config, *args):
        p = subprocess.run(self.argv0 + ["--config", config] + list(args), capture_output=True,
                           text=True, timeout=RUN_TIMEOUT_S, env=self.env, cwd=self.tmp)
        return p.returncode, p.stdout, p.stderr

    def dump(self, config):
        return self.run(config, "--dump-stats", "--now", "2026-08-20")

    def file(self, name):
        path = os.path.join(self.cache_dir, name)
        if not os.path.exists(path):
            return None
        with open(path, "rb") as f:
            return f.read()


def held_cases(env, tag, good_body):
    base_url = env.srv.url("startups")
    moved_url = base_url.replace("/startups.json", "/moved/startups.json")
    cases = [("capitals", capitals, base_url, "phases[].name"),
             ("49 % of dates as DD/MM/YYYY", dates_49, base_url, "phases[].start"),
             ("no relationships", no_relationships, base_url, "relationships.incubators"),
             ("one record from a new url", one_record, moved_url, "products.")]
    cfg = env.config(base_url)
    rc, baseline, err = env.dump(cfg)
    check(rc == 0, "%s: first run exits 0 (%d): %s" % (tag, rc, err))
    cached = env.file("startups.cache")
    check(cached is not None and cached.endswith(good_body), tag + ": the good copy is cached")
    held = None
    for name, change, url, words in cases:
        held = transform(good_body, change)
        env.srv.bodies["startups"] = held
        rc, out, err = env.dump(env.config(url))
        what = "%s [%s]" % (tag, name)
        check(rc == 0, "%s: exit 0 (%d): %s" % (what, rc, err))
        check(out == baseline, what + ": --dump-stats figures unchanged")
        check(env.file("startups.cache") == cached, what + ": cache file byte for byte unchanged")
        lines = [l for l in err.splitlines() if "[startups]" in l and "held" in l]
        check(len(lines) >= 1 and all(words in l for l in lines),
              "%s: a line naming %r: %r" % (what, words, err))
        check(len([l for l in err.splitlines() if l.startswith("vitrine: [startups]")]) == 1,
              what + ": one summary line for the feed: %r" % err)
        kept = env.file("startups.held")
        check(kept is not None and kept.endswith(held), what + ": the body is kept as held")
    return cfg, baseline, moved_url, held


NOBODY = 65534


def accept(env, tag, moved_url, held, baseline):
    cfg = env.config(moved_url)
    as_root = os.geteuid() == 0
    if as_root:  # the cache is the kiosk's user's; root runs --accept
        os.chmod(env.tmp, 0o755)  # as /var/cache is
        for name in [""] + os.listdir(env.cache_dir):
            os.chown(os.path.join(env.cache_dir, name), NOBODY, NOBODY)
    rc, out, err = env.run(cfg, "--accept", "startups")
    if as_root:
        st = os.stat(os.path.join(env.cache_dir, "startups.cache"))
        check(st.st_uid == NOBODY and st.st_gid == NOBODY,
              "%s: accepted by root, the copy is the cache's owner's (uid %d)" % (tag, st.st_uid))
    check(rc == 0 and "last good copy" in out, "%s: --accept exits 0 (%d): %r %r" %
          (tag, rc, out, err))
    check("no kiosk running" in out, tag + ": --accept says no kiosk runs: %r" % out)
    cached = env.file("startups.cache")
    check(cached is not None and cached.endswith(held), tag + ": the held body is cached now")
    check(env.file("startups.held") is None, tag + ": no held body left")
    meta = json.loads(cached.split(b"\n", 1)[0])
    check(isinstance(meta.get("accepted_at"), (int, float)), tag + ": marked accepted")
    rc, out, err = env.dump(cfg)
    check(rc == 0 and out != baseline, tag + ": the figures follow the accepted copy: " + err)
    check(json.loads(out)["products"]["total"] <= 1, tag + ": one product now")
    rc, out, err = env.run(cfg, "--accept", "startups")
    check(rc == 1 and "no held body" in err, "%s: nothing left to accept (%d): %r" % (tag, rc, err))
    rc, out, err = env.run(cfg, "--accept", "startup")
    check(rc == 2 and "no feed named 'startup'" in err, tag + ": unknown feed: %r" % err)


def by_hand_passes(env, tag, good_body):
    env.srv.bodies["startups"] = good_body
    cfg = env.config(env.srv.url("startups"))
    rc, _, err = env.dump(cfg)
    check(rc == 0, tag + ": back to the good body: " + err)
    typed = transform(good_body, two_by_hand)
    env.srv.bodies["startups"] = typed
    rc, out, err = env.dump(cfg)
    check(rc == 0 and "held" not in err, "%s: two names typed by hand pass: %s" % (tag, err))
    check(env.file("startups.cache").endswith(typed), tag + ": ... and are cached")


def lowered_max_bytes(env, tag):
    """A copy that was good when it was taken is still shown after max_bytes
    is lowered under its size, with one line saying so."""
    url = env.srv.url("startups")
    rc, before, _ = env.run(env.config(url), "--dump-stats", "--offline", "--now", "2026-08-20")
    rc, out, err = env.run(env.config(url, max_bytes=1024), "--dump-stats", "--offline",
                           "--now", "2026-08-20")
    check(rc == 0 and out == before, "%s: a copy over a lowered max_bytes is shown (%d): %s" %
          (tag, rc, err))
    lines = [l for l in err.splitlines() if "larger than max_bytes" in l]
    check(len(lines) == 1 and "[startups]" in lines[0], tag + ": one line says so: %r" % err)


def scenario(argv0, tag, bodies):
    with tempfile.TemporaryDirectory(prefix="vitrine-guard-") as tmp:
        srv = FeedServer(tmp)
        srv.bodies = dict(bodies)
        with srv:
            env = Env(argv0, tmp, srv)
            good = bodies["startups"]
            _, baseline, moved_url, held = held_cases(env, tag, good)
            accept(env, tag, moved_url, held, baseline)
            by_hand_passes(env, tag, good)
            lowered_max_bytes(env, tag)


def main():
    vitrine, emulator, fixtures, shared = sys.argv[1:5]
    argv0 = shlex.split(emulator) + [vitrine]
    bodies = {}
    for feed in FEEDS:
        with open(os.path.join(fixtures, feed + ".json"), "rb") as f:
            bodies[feed] = f.read()
    bodies["startups"] = generated_startups()
    scenario(argv0, "generated", bodies)
    real = os.path.join(shared, "betagouv", "startups.json")
    if os.path.isfile(real):
        for feed, sub in (("startups", "betagouv"), ("authors", "betagouv"),
                          ("incubators", "betagouv"), ("defis", "eig"), ("personnes", "eig")):
            with open(os.path.join(shared, sub, feed + ".json"), "rb") as f:
                bodies[feed] = f.read()
        scenario(argv0, "real", bodies)
    else:
        print("SKIP (part): real data snapshots not found in %s; generated data only" % shared)
    if failures:
        print("%d check(s) failed" % len(failures), file=sys.stderr)
        return 1
    print("ok: held, refused and accepted as documented")
    return 0


if __name__ == "__main__":
    sys.exit(main())
