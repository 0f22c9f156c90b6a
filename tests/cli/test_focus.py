#!/usr/bin/env python3
"""focus_incubator, end to end on the real binary.

On the hand-made fixture (always) and the real snapshot (when present):
1. --check-config with an id close to a real one exits 2 with one line
   naming it and the closest known ids; with a known id it exits 0; with no
   data yet (empty cache, demo data) it says it could not check and exits 0.
2. --render-slides with a known id writes more slides than without: the
   incubator's own (incubator-phases, incubator-teams, incubator-newest,
   after the overview), and the spotlight shows one of its products.
3. An id the data does not know at render time: one warning line (not one a
   rebuild), and the network's slides only.

Usage: test_focus.py VITRINE EMULATOR FIXTURE_DATA_DIR REAL_DATA_DIR"""
import json
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from vitrinerun import Vitrine  # noqa: E402

NOW = "2024-06-30"
SPOT = re.compile(r"^debug deck: spotlight: .* \(id (.+)\)$", re.M)


def write(path, doc):
    with open(path, "w") as f:
        json.dump(doc, f)
    return path


def incubator_products(data, inc):
    with open(os.path.join(data, "betagouv", "startups.json"), encoding="utf-8") as f:
        doc = json.load(f)
    out = set()
    for p in doc["data"]:
        if not isinstance(p, dict):
            continue
        rel = p.get("relationships") or {}
        ids = [(rel.get("incubator") or {}).get("data") or {}]
        ids += ((rel.get("incubators") or {}).get("data") or [])
        if any(isinstance(i, dict) and i.get("id", "").split("/")[-1] == inc for i in ids):
            out.add(p.get("id"))
    return out


def check_config(v, tmp, data, known, typo, closest):
    env = {"XDG_CONFIG_HOME": os.path.join(tmp, "cfg"), "XDG_CACHE_HOME": os.path.join(tmp, "c")}
    bad = write(os.path.join(tmp, "typo.json"), {"focus_incubator": typo})
    rc, _, err = v.run("--check-config", "--config", bad, "--data", data, env=env)
    lines = [l for l in err.splitlines() if "focus_incubator" in l]
    v.check(rc == 2 and len(lines) == 1, "%s: typo: exit %d, %r" % (data, rc, err))
    v.check(lines and "'%s'" % typo in lines[0] and closest in lines[0].split("closest:")[-1],
            "%s: the line names %r and the closest id %r: %r" % (data, typo, closest, lines))
    good = write(os.path.join(tmp, "good.json"), {"focus_incubator": known})
    rc, out, err = v.run("--check-config", "--config", good, "--data", data, env=env)
    v.check(rc == 0 and json.loads(out)["focus_incubator"] == known,
            "%s: known id: exit %d %s" % (data, rc, err))
    rc, _, err = v.run("--check-config", "--config", bad, env=env)  # empty cache: demo data
    v.check(rc == 0 and "not checked" in err, "no data yet: exit %d, %r" % (rc, err))


def render(v, tmp, name, data, cfg):
    out = os.path.join(tmp, name)
    rc, text, err = v.run("--render-slides", out, "--config", cfg, "--data", data, "--now", NOW,
                          "--size", "1280x720", "--verbose", timeout=300)
    v.check(rc == 0 and " 0 layout problem(s)" in text, "%s: %d %s %s" % (name, rc, text, err[-300:]))
    files = sorted(f for f in os.listdir(out) if f.endswith(".png")) if rc == 0 else []
    return files, err


def check_render(v, tmp, data, known):
    base, _ = render(v, tmp, "none", data, write(os.path.join(tmp, "none.json"), {}))
    cfg = write(os.path.join(tmp, "focus.json"), {"focus_incubator": known})
    files, err = render(v, tmp, "focus", data, cfg)
    own = [f for f in files if "-incubator-" in f]
    v.check(len(files) > len(base), "%s: %d slides with the focus, %d without" % (
        data, len(files), len(base)))
    v.check([re.sub(r"^slide-\d+-", "", f) for f in own] ==
            ["incubator-phases.png", "incubator-teams.png", "incubator-newest.png"][:len(own)]
            and len(own) >= 2, "%s: the incubator's slides: %s" % (data, own))
    v.check(files and files[0].endswith("-overview.png") and own and own[0].startswith("slide-02-"),
            "%s: after the overview: %s" % (data, files[:4]))
    spot = SPOT.findall(err)
    mine = incubator_products(data, known)
    v.check(len(spot) == 1 and spot[0] in mine, "%s: spotlight %s among %s's products" % (
        data, spot, known))
    gone = write(os.path.join(tmp, "gone.json"), {"focus_incubator": "no-such-incubator"})
    files2, err2 = render(v, tmp, "gone", data, gone)
    v.check(err2.count("focus_incubator 'no-such-incubator' is not an incubator") == 1,
            "%s: one line for an unknown id: %r" % (data, err2[-500:]))
    v.check(len(files2) == len(base), "%s: the network's slides only" % data)


def main():
    v = Vitrine(sys.argv)
    fixture, real = v.rest[0], v.rest[1]
    with tempfile.TemporaryDirectory(prefix="vitrine-focus-") as tmp:
        check_config(v, tmp, fixture, "inc-a", "inc-x", "inc-a")
        check_render(v, tmp, fixture, "inc-a")
        if os.path.isfile(os.path.join(real, "betagouv", "startups.json")):
            os.mkdir(os.path.join(tmp, "real"))
            check_config(v, os.path.join(tmp, "real"), real, "anct", "ANCTT", "anct")
            check_render(v, os.path.join(tmp, "real"), real, "anct")
        else:
            print("SKIPPED (real data): %s is absent; the fixture was checked" % real)
    v.report()


if __name__ == "__main__":
    main()
