#!/usr/bin/env python3
"""The bundled EIG programme data (assets/eig), end to end.

1. With no configuration, no network and an empty cache, `--dump-stats
   --offline` reports the programme's real figures from the copy built into
   the binary (71 challenges, 128 fellows, 138 mentors) and no line says demo
   data stood in for defis or personnes; the EIG slides' footer names the
   source, the licence and the date (checked by screens_deck_demo, in
   process).
2. When ../shared/data is present: toolchain/make-eig-bundle.py run into a
   temp dir gives the committed files byte for byte, and the bundled figures
   equal those of `--dump-stats --data ../shared/data` (eig section).

Usage: test_eig_bundle.py VITRINE EMULATOR REPO_ROOT REAL_DATA_DIR"""
import filecmp
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from vitrinerun import Vitrine  # noqa: E402

NOW = "2026-08-20"


def bundled_stats(v, tmp):
    env = {"XDG_CONFIG_HOME": os.path.join(tmp, "config"),
           "XDG_CACHE_HOME": os.path.join(tmp, "cache")}
    rc, out, err = v.run("--dump-stats", "--offline", "--now", NOW, env=env)
    v.check(rc == 3, "exit 3: the beta.gouv.fr feeds have only their demo data (got %d)" % rc)
    for feed in ("defis", "personnes"):
        v.check("[%s]" % feed not in err, "no line about %s: %s" % (feed, err))
    v.check(err.count("demo data used") == 3, "three demo lines, betagouv's: %s" % err)
    eig = json.loads(out)["eig"]
    v.check((eig["projects"], eig["fellows"], eig["mentors"]) == (71, 128, 138),
            "the programme's figures: %s" % {k: eig[k] for k in ("projects", "fellows", "mentors")})
    return eig


def same_as_source(v, root, real, eig, tmp):
    out = os.path.join(tmp, "eig")
    p = subprocess.run([sys.executable, os.path.join(root, "toolchain", "make-eig-bundle.py"),
                        os.path.join(real, "eig"), out], capture_output=True, text=True)
    v.check(p.returncode == 0, "make-eig-bundle.py: %s" % p.stderr)
    for name in ("defis.json", "personnes.json"):
        v.check(filecmp.cmp(os.path.join(out, name), os.path.join(root, "assets", "eig", name),
                            shallow=False), "assets/eig/%s: not what the script makes" % name)
    rc, text, err = v.run("--dump-stats", "--data", real, "--now", NOW)
    v.check(rc == 0, "--data %s: exit %d: %s" % (real, rc, err))
    if rc == 0:
        v.check(json.loads(text)["eig"] == eig, "bundled eig figures differ from the source's")


def main():
    v = Vitrine(sys.argv)
    root, real = v.rest[0], v.rest[1]
    with tempfile.TemporaryDirectory(prefix="vitrine-eig-") as tmp:
        eig = bundled_stats(v, tmp)
        if os.path.isfile(os.path.join(real, "eig", "defis.json")):
            same_as_source(v, root, real, eig, tmp)
        else:
            print("SKIPPED (regeneration): %s is absent" % real)
    v.report()


if __name__ == "__main__":
    main()
