#!/usr/bin/env python3
"""Fonts that always fit: with DejaVu Sans alone standing in for Inter.

The font lookup points at a folder holding DejaVu Sans and DejaVu Sans Bold
alone (VITRINE_FONT_DIR):
1. --render-slides at 1920x1080, 1280x720, 1080x1920 and 3840x2160, on the
   built-in data and on ../shared/data (when present): every slide written,
   0 layout problems, and one line says which font stands in for Inter.
2. --status says it too (whether a kiosk runs or not).
3. Inter Regular without Inter Bold (when Inter is installed): the line
   names the bold alone. With the system's fonts (Inter installed): no line.

Usage: test_fallback_fonts.py VITRINE EMULATOR REAL_DATA_DIR"""
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from vitrinerun import SKIP, Vitrine  # noqa: E402

DEJAVU = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
          "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"]
INTER = "/usr/share/fonts/opentype/inter/Inter-Regular.otf"
SIZES = ["1920x1080", "1280x720", "1080x1920", "3840x2160"]
NOW = "2026-08-20"  # no emoji on the spotlight: DejaVu alone has none
BOTH = ("warn fonts: Inter and Inter Bold not found; DejaVu Sans and DejaVu Sans Bold stand in "
        "(install fonts-inter)")
BOLD = "warn fonts: Inter Bold not found; DejaVu Sans Bold stands in (install fonts-inter)"


def font_folder(d, paths):
    os.makedirs(d)
    for p in paths:
        os.symlink(p, os.path.join(d, os.path.basename(p)))
    return d


def env_for(tmp, font_dir):
    """Empty configuration and cache: without --data the built-in data shows."""
    env = {"XDG_CONFIG_HOME": os.path.join(tmp, "config"),
           "XDG_CACHE_HOME": os.path.join(tmp, "cache"),
           "XDG_RUNTIME_DIR": os.path.join(tmp, "run"), "SDL_VIDEODRIVER": "offscreen"}
    if font_dir:
        env["VITRINE_FONT_DIR"] = font_dir
    else:
        env["VITRINE_FONT_DIR"] = ""
    return env


def render(v, tmp, name, data, size, font_dir):
    out = os.path.join(tmp, name)
    args = ["--render-slides", out, "--size", size, "--now", NOW] + (["--data", data] if data else [])
    rc, stdout, err = v.run(*args, timeout=600, env=env_for(tmp, font_dir))
    m = re.search(r"wrote (\d+) of (\d+) slides.*?(\d+) layout problem", stdout)
    return rc, m, err


def every_size_fits(v, tmp, real, font_dir):
    sources = [("built-in", None)]
    if os.path.exists(os.path.join(real, "betagouv/startups.json")):
        sources.append(("shared", real))
    else:
        print("%s absent: the built-in data only" % real)
    for name, data in sources:
        for size in SIZES:
            rc, m, err = render(v, tmp, "%s-%s" % (name, size), data, size, font_dir)
            what = "DejaVu alone, %s data, %s" % (name, size)
            v.check(rc == 0 and m is not None, "%s: exit %d: %s" % (what, rc, err[-400:]))
            if m:
                v.check(m.group(1) == m.group(2) and int(m.group(2)) >= 10,
                        "%s: wrote %s of %s slides" % (what, m.group(1), m.group(2)))
                v.check(m.group(3) == "0", "%s: %s layout problem(s): %s"
                        % (what, m.group(3), "\n".join(l for l in err.splitlines()
                                                        if "layout" in l)[-800:]))
            v.check(err.count(BOTH) == 1, "%s: the missing-font line once: %s" % (what, err[-400:]))


def status_says_it(v, tmp, font_dir):
    rc, out, err = v.run("--status", env=env_for(tmp, font_dir))
    v.check(BOTH in err, "--status: the missing-font line: exit %d %r" % (rc, err))


def inter_bold_alone_missing(v, tmp):
    if not os.path.exists(INTER):
        print("%s absent (fonts-inter): part 3 skipped" % INTER)
        return
    d = font_folder(os.path.join(tmp, "fonts-inter-regular"), [INTER] + DEJAVU)
    rc, m, err = render(v, tmp, "inter-regular", None, "1280x720", d)
    v.check(rc == 0 and m and m.group(3) == "0" and BOLD in err and BOTH not in err,
            "Inter Regular alone: exit %d, the bold's line: %s" % (rc, err[-400:]))
    rc, m, err = render(v, tmp, "system", None, "1280x720", None)
    v.check(rc == 0 and "warn fonts:" not in err, "system fonts: no line: %s" % err[-400:])


def main():
    v = Vitrine(sys.argv)
    real = v.rest[0]
    missing = [p for p in DEJAVU if not os.path.exists(p)]
    if missing:
        print("SKIPPED: %s absent (fonts-dejavu-core)" % missing)
        sys.exit(SKIP)
    with tempfile.TemporaryDirectory() as tmp:
        d = font_folder(os.path.join(tmp, "fonts-dejavu"), DEJAVU)
        every_size_fits(v, tmp, real, d)
        status_says_it(v, tmp, d)
        inter_bold_alone_missing(v, tmp)
    v.report()


if __name__ == "__main__":
    main()
