#!/usr/bin/env python3
"""The spotlight's QR code, read back from the rendered PNG by zbarimg.

For the demo data (always) and the real snapshot (when present), at
1920x1080 and 1280x720 and on two days (two products): `--render-slides
--verbose` names the product in the spotlight (`spotlight: NAME (id ID)`)
and the code it drew (`QR code of N modules, M px a module, S px a side`);
zbarimg decodes the spotlight PNG to https://beta.gouv.fr/startups/ID.html,
ID is a product of the data, the side is at least 12 % of the screen's
short side (a phone at 1.5 m), and the quiet zone of the standard (4
modules a side) is in it. A slide without a code decodes to nothing.

Usage: test_qr.py VITRINE EMULATOR DEMO_DATA_DIR REAL_DATA_DIR"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from vitrinerun import SKIP, Vitrine  # noqa: E402

SIZES = [(1920, 1080), (1280, 720)]
DAYS = ["2026-08-20", "2026-08-21"]
MIN_SIDE = 0.12  # of the short side
QUIET = 4  # modules, ISO/IEC 18004
SPOT = re.compile(r"^debug deck: spotlight: (.*) \(id (.+)\)$", re.M)
CODE = re.compile(r"^debug canvas: \[spotlight\] QR code of (\d+) modules, (\d+) px a module, "
                  r"(\d+) px a side at \(\d+, \d+\): (\S+)$", re.M)


def zbar(png):
    p = subprocess.run(["zbarimg", "--raw", "-q", png], capture_output=True, timeout=60)
    return p.returncode, p.stdout.decode("utf-8", "replace").strip()


def product_ids(data):
    with open(os.path.join(data, "betagouv", "startups.json"), encoding="utf-8") as f:
        return {p["id"] for p in json.load(f)["data"]}


def one_render(v, data, out, size, day, ids):
    w, h = size
    rc, _, err = v.run("--render-slides", out, "--data", data, "--now", day,
                       "--size", "%dx%d" % size, "--verbose", timeout=300,
                       env={"XDG_CONFIG_HOME": os.devnull, "XDG_CACHE_HOME": os.devnull})
    where = "%s %dx%d %s" % (os.path.basename(data.rstrip("/")), w, h, day)
    v.check(rc == 0, "%s: --render-slides exit %d: %s" % (where, rc, err[-400:]))
    spot, code = SPOT.findall(err), CODE.findall(err)
    v.check(len(spot) == 1 and len(code) == 1, "%s: one spotlight and one code logged: %s %s"
            % (where, spot, code))
    if len(spot) != 1 or len(code) != 1:
        return None
    pid = spot[0][1]
    modules, module_px, side, text = (int(code[0][0]), int(code[0][1]), int(code[0][2]),
                                      code[0][3])
    url = "https://beta.gouv.fr/startups/%s.html" % pid
    v.check(pid in ids, "%s: %r is a product of the data" % (where, pid))
    v.check(text == url, "%s: code for %r, want %r" % (where, text, url))
    v.check(side == (modules + 2 * QUIET) * module_px,
            "%s: side %d px is not (%d + 2 x %d) modules of %d px" % (where, side, modules, QUIET,
                                                                      module_px))
    v.check(side >= MIN_SIDE * min(w, h), "%s: side %d px < %.0f %% of %d" % (
        where, side, 100 * MIN_SIDE, min(w, h)))
    png = [f for f in os.listdir(out) if f.endswith("-spotlight.png")]
    v.check(len(png) == 1, "%s: one spotlight PNG: %s" % (where, png))
    if png:
        rc, got = zbar(os.path.join(out, png[0]))
        v.check(rc == 0 and got == url, "%s: zbarimg read %r (exit %d), want %r" % (
            where, got, rc, url))
    overview = [f for f in os.listdir(out) if f.endswith("-overview.png")]
    if overview:
        rc, got = zbar(os.path.join(out, overview[0]))
        v.check(rc != 0 and got == "", "%s: the overview has no code, zbarimg read %r" % (where, got))
    return pid


def check_data(v, data, tmp):
    ids = product_ids(data)
    for size in SIZES:
        shown = set()
        for day in DAYS:
            out = os.path.join(tmp, "%s-%dx%d-%s" % (os.path.basename(data.rstrip("/")), size[0],
                                                     size[1], day))
            pid = one_render(v, data, out, size, day, ids)
            shown.add(pid)
            shutil.rmtree(out, ignore_errors=True)
        v.check(len(shown) == len(DAYS), "another day, another product: %s" % shown)


def main():
    v = Vitrine(sys.argv)
    demo, real = v.rest[0], v.rest[1]
    if not shutil.which("zbarimg"):
        print("SKIPPED: zbarimg is missing (zbar-tools; toolchain/deps.sh --test installs it)")
        sys.exit(SKIP)
    with tempfile.TemporaryDirectory(prefix="vitrine-qr-") as tmp:
        check_data(v, demo, tmp)
        if os.path.isfile(os.path.join(real, "betagouv", "startups.json")):
            check_data(v, real, tmp)
        else:
            print("SKIPPED (real data): %s is absent; the demo data was checked" % real)
    v.report()


if __name__ == "__main__":
    main()
