#!/usr/bin/env python3
"""vitrine --check-config as an operator uses it: the whole file is checked,
the kiosk's part included, and the first bad key is named; a mistyped key
anywhere is reported, with the key it is closest to.

usage: test_check_config.py VITRINE EMULATOR"""
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vitrinerun import Vitrine  # noqa: E402


def check_file(v, tmp, doc):
    path = os.path.join(tmp, "vitrine.json")
    with open(path, "w") as f:
        json.dump(doc, f)
    env = {"XDG_CONFIG_HOME": os.path.join(tmp, "xdg"), "XDG_CACHE_HOME": os.path.join(tmp, "c")}
    return v.run("--check-config", "--config", path, env=env)


def bad_settings_exit_2(v, tmp):
    cases = [
        ({"kiosk": {"transition": "wipe"}}, "kiosk.transition"),
        ({"kiosk": {"slide_duration_s": -1}}, "kiosk.slide_duration_s"),
        ({"kiosk": {"playlist": [{"slide": "overview", "duration_s": "long"}]}},
         "kiosk.playlist[0].duration_s"),
        ({"kiosk": {"playlist": [{"slide": "no-such-slide"}]}}, "kiosk.playlist[0].slide"),
        ({"kiosk": {"playlist": ["overview", {"slide": "team"}]}}, "kiosk.playlist[1].slide"),
        ({"feeds": {"startups": {"min_records_percent": 120}}},
         "feeds.startups.min_records_percent"),
        # Two bad keys, one per part: the file's first is named.
        ({"kiosk": {"transition": 3}, "feeds": {"authors": {"timeout_s": "soon"}}},
         "kiosk.transition"),
    ]
    for doc, key in cases:
        rc, out, err = check_file(v, tmp, doc)
        lines = [l for l in err.splitlines() if l.strip()]
        v.check(rc == 2, "%s: exit %d, want 2 (%s)" % (key, rc, err.strip()))
        v.check(len(lines) == 1 and key in lines[0] and "vitrine.json" in lines[0],
                "%s: want one line naming the file and the key, got %r" % (key, lines))
        v.check(out == "", "%s: nothing on stdout for a bad file" % key)


def known_slides_pass(v, tmp):
    rc, _, err = check_file(v, tmp, {"kiosk": {"playlist": ["spotlight", {"slide": "team-2"},
                                                             {"slide": "eig", "enabled": False}]}})
    v.check(rc == 0, "a playlist of known slides is OK: %d %s" % (rc, err))


def typos_are_reported(v, tmp):
    doc = {"cache_dri": "/tmp/x", "feeds": {"startup": {}, "authors": {"tmeout_s": 3}},
           "kiosk": {"transtion": "fade", "playlist": [{"slide": "overview", "duraton_s": 4}]}}
    rc, out, err = check_file(v, tmp, doc)
    v.check(rc == 0, "typos only: exit %d, want 0 (unknown keys are ignored): %s" % (rc, err))
    for key, near in [("cache_dri", "cache_dir"), ("feeds.startup", "startups"),
                      ("feeds.authors.tmeout_s", "timeout_s"), ("kiosk.transtion", "transition"),
                      ("kiosk.playlist[0].duraton_s", "duration_s")]:
        v.check(any("unknown key '%s'" % key in l and "did you mean '%s'" % near in l
                    for l in err.splitlines()),
                "typo %s reported with '%s': %s" % (key, near, err))
    v.check("configuration OK" in err and "5 warning(s) above" in err,
            "the summary says there were warnings: %s" % err)
    rc, out, err = check_file(v, tmp, {"kiosk": {"zzzzzzzz": 1}})
    v.check(rc == 0 and "unknown key 'kiosk.zzzzzzzz' (ignored)" in err and "did you" not in err,
            "no suggestion when nothing is close: %s" % err)


def main():
    v = Vitrine(sys.argv)
    with tempfile.TemporaryDirectory(prefix="vitrine-check-") as tmp:
        bad_settings_exit_2(v, tmp)
        known_slides_pass(v, tmp)
        typos_are_reported(v, tmp)
    return v.report()


if __name__ == "__main__":
    sys.exit(main())
