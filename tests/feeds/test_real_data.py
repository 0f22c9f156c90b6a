#!/usr/bin/env python3
"""The real snapshots (../shared/data) served over HTTP on 127.0.0.1 give
exactly the statistics that `--data DIR` gives: the feed path (fetch,
validate, cache, rebuild from the cache) changes nothing. Exits 77 (skip)
when the snapshots are absent.

usage: test_real_data.py VITRINE SHARED_DATA
"""

import shlex
import json
import os
import subprocess
import sys
import tempfile

from feedserver import FeedServer

SKIP = 77
NOW = "2026-08-20"
RELPATHS = {"startups": "betagouv", "authors": "betagouv", "incubators": "betagouv",
            "defis": "eig", "personnes": "eig"}


def main():
    vitrine, emulator, data = sys.argv[1:4]
    if not os.path.isfile(os.path.join(data, "betagouv", "startups.json")):
        print("SKIP: real data snapshots not found in %s" % data)
        return SKIP
    with tempfile.TemporaryDirectory(prefix="vitrine-real-") as tmp:
        srv = FeedServer(data)
        srv.bodies = {}
        for feed, sub in RELPATHS.items():
            with open(os.path.join(data, sub, feed + ".json"), "rb") as f:
                srv.bodies[feed] = f.read()
        with srv:
            cfg = os.path.join(tmp, "c.json")
            with open(cfg, "w") as f:
                json.dump({"cache_dir": os.path.join(tmp, "cache"),
                           "feeds": {k: {"url": srv.url(k), "timeout_s": 60}
                                     for k in RELPATHS}}, f)
            run = shlex.split(emulator) + [vitrine, "--dump-stats", "--now", NOW]
            fed = subprocess.run(run + ["--config", cfg], capture_output=True, text=True,
                                 timeout=120)
            ref = subprocess.run(run + ["--data", data], capture_output=True, text=True,
                                 timeout=120)
    ok = fed.returncode == 0 and ref.returncode == 0 and fed.stdout == ref.stdout
    if not ok:
        print("FAIL: feeds rc=%d, data dir rc=%d\n%s" % (fed.returncode, ref.returncode,
                                                         fed.stderr), file=sys.stderr)
    else:
        print("ok: %d bytes of statistics identical" % len(fed.stdout))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
