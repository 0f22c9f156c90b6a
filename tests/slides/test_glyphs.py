#!/usr/bin/env python3
"""No empty boxes, no invalid UTF-8 out, end to end on the real binary.

1. Feed strings with bytes that are not UTF-8 (F5..FF, overlong forms,
   surrogates, sequences cut short), in values and in keys: --dump-stats
   prints valid UTF-8 (Python's strict decode), each bad part replaced by
   U+FFFD exactly as Python's decode(errors="replace") replaces it.
2. Product names and pitches with an emoji and Greek, Cyrillic, Arabic and
   Hebrew text, on every product (so whatever the spotlight shows): every
   slide renders with 0 layout problems, missing glyphs included.
3. A name in a script no font has (CJK, with the fonts looked up in a
   folder without a CJK font): shown as a placeholder, one layout problem
   per character, and the run still succeeds; with WenQuanYi Micro Hei in
   the folder, drawn, 0 layout problems.
4. The real snapshot (when present) on a day its spotlight shows a pitch
   with an emoji: 0 layout problems.

Usage: test_glyphs.py VITRINE EMULATOR DEMO_DATA_DIR REAL_DATA_DIR"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from vitrinerun import SKIP, Vitrine  # noqa: E402

SYMBOLA = "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"  # fonts-symbola

# Bad parts, each followed by what Python (and Vitrine) makes of it.
BAD = b"\xf5\xff \xc0\xaf \xe0\x80\xaf \xed\xa0\x80 \xf4\x90\x80\x80 \xf8\x88\x80\x80\x80 \xe2\x82"
WORLD = " \U0001F680 \u039a\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1, \u041f\u0440\u0438\u0432\u0435\u0442, " \
        "\u0645\u0631\u062d\u0628\u0627 \u0628\u0643\u0645, \u05e9\u05dc\u05d5\u05dd \U0001F3E1"
NAMES = [" \u0395\u03bb\u03bb\u03ac\u03b4\u03b1", " \u041c\u043e\u0441\u043a\u0432\u0430",
         " \u0645\u0631\u062d\u0628\u0627", " \u05e9\u05dc\u05d5\u05dd", " \U0001F680"]
TOKYO = "\u6771\u4eac"  # CJK: in no font of the chain
REAL_EMOJI_DAY = "2027-03-19"  # the real snapshot's spotlight: Covoiturage, pitch with U+1F698


FONTS = ["/usr/share/fonts/opentype/inter/Inter-Regular.otf",
         "/usr/share/fonts/opentype/inter/Inter-Bold.otf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", SYMBOLA]
WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"  # fonts-wqy-microhei


def font_folder(d, paths):
    """A VITRINE_FONT_DIR holding links to the installed files of paths."""
    os.makedirs(d)
    for p in paths:
        if os.path.exists(p):
            os.symlink(p, os.path.join(d, os.path.basename(p)))
    return d


def run_raw(v, *args, font_dir=None):
    env = dict(os.environ, XDG_CONFIG_HOME=os.devnull, XDG_CACHE_HOME=os.devnull)
    if font_dir:
        env["VITRINE_FONT_DIR"] = font_dir
    p = subprocess.run(v.emulator + [v.binary] + list(args), capture_output=True, timeout=300,
                       env=env)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def patch(path, old, new, count=1):
    with open(path, "rb") as f:
        body = f.read()
    assert body.count(old) >= count, "%s: %r not found" % (path, old)
    with open(path, "wb") as f:
        f.write(body.replace(old, new))


def bad_bytes_data(demo, d):
    shutil.copytree(demo, d, ignore=shutil.ignore_patterns("*.md"))
    title = b"Lab " + BAD + b" d\xc3\xa9mo Sant\xc3\xa9"
    for feed in ("betagouv/incubators.json", "betagouv/startups.json"):  # both carry titles
        patch(os.path.join(d, feed), b'"Lab d\xc3\xa9mo Sant\xc3\xa9"', b'"' + title + b'"')
    patch(os.path.join(d, "betagouv/authors.json"), b'"domaine": "Design"',
          b'"domaine": "Design ' + BAD + b'"')
    patch(os.path.join(d, "eig/personnes.json"), b'"Camille Martin (d\xc3\xa9mo)": {',
          b'"Camille ' + BAD + b'": {')
    patch(os.path.join(d, "eig/personnes.json"), b'"profil": "Designer"',
          b'"profil": "Designer \xfe\xfe"')
    return title.decode("utf-8", "replace")


def dump_stats_is_valid_utf8(v, demo, tmp):
    d = os.path.join(tmp, "bad-bytes")
    want_title = bad_bytes_data(demo, d)
    rc, out, err = run_raw(v, "--dump-stats", "--data", d, "--now", "2024-06-30")
    v.check(rc == 0, "--dump-stats on bad bytes: exit %d %r" % (rc, err[:300]))
    try:
        text = out.decode("utf-8")  # strict
    except UnicodeDecodeError as e:
        v.check(False, "--dump-stats output is not valid UTF-8: %s" % e)
        return d
    stats = json.loads(text)
    titles = [i.get("title") for i in stats["products"]["by_incubator"].values()]
    v.check(want_title in titles, "incubator title cleaned as Python does: %r in %r"
            % (want_title, titles))
    domains = json.dumps(stats["community"]["by_domaine"], ensure_ascii=False)
    v.check(("Design " + BAD.decode("utf-8", "replace")) in domains,
            "domaine cleaned as Python does: %r" % domains[:300])
    v.check(text.count("\ufffd") >= 3, "U+FFFD in the output")
    return d


def world_data(demo, d, extra_name=""):
    shutil.copytree(demo, d, ignore=shutil.ignore_patterns("*.md"))
    path = os.path.join(d, "betagouv/startups.json")
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    for i, p in enumerate(doc["data"]):
        a = p["attributes"]
        a["pitch"] += WORLD
        a["name"] += NAMES[i % len(NAMES)] + extra_name
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)


def problems(out):
    m = re.search(r"(\d+) layout problem\(s\)", out)
    return int(m.group(1)) if m else -1


def render(v, d, out_dir, now, size="1920x1080", font_dir=None):
    rc, out, err = run_raw(v, "--render-slides", out_dir, "--data", d, "--size", size,
                           "--now", now, font_dir=font_dir)
    out = out.decode("utf-8")
    pngs = [f for f in os.listdir(out_dir) if f.endswith(".png")] if rc == 0 else []
    return rc, problems(out), pngs, err


def no_empty_boxes(v, demo, tmp):
    d = os.path.join(tmp, "world")
    world_data(demo, d)
    for now in ("2026-08-20", "2026-08-21", "2026-08-22"):
        for size in ("1920x1080", "1080x1920"):
            rc, n, pngs, err = render(v, d, os.path.join(tmp, "out-%s-%s" % (now, size)), now, size)
            v.check(rc == 0 and n == 0 and len(pngs) >= 10,
                    "emoji and non-Latin names, %s %s: exit %d, %d problem(s), %d PNGs: %s"
                    % (now, size, rc, n, len(pngs), err[-600:]))
            v.check("no font has" not in err, "no character left out: %s" % err[-300:])
    # The bad bytes data renders too: U+FFFD is drawn (DejaVu Sans has it).
    rc, n, pngs, err = render(v, os.path.join(tmp, "bad-bytes"), os.path.join(tmp, "out-bad"),
                              "2026-08-20")
    v.check(rc == 0 and n == 0, "bad bytes render: exit %d, %d problem(s): %s"
            % (rc, n, err[-600:]))


def missing_glyphs_are_counted(v, demo, tmp):
    d = os.path.join(tmp, "cjk")
    world_data(demo, d, " " + TOKYO)
    no_cjk = font_folder(os.path.join(tmp, "fonts-no-cjk"), FONTS)
    rc, n, pngs, err = render(v, d, os.path.join(tmp, "out-cjk"), "2026-08-20", font_dir=no_cjk)
    v.check(rc == 0 and len(pngs) >= 10, "CJK: exit %d: %s" % (rc, err[-300:]))
    # The spotlight's title: two characters, each one problem.
    v.check(n >= 2 and n % 2 == 0, "CJK: 2 problems per name shown, got %d" % n)
    v.check("no font has" in err and "U+6771" in err and "placeholder" in err,
            "CJK: logged: %s" % err[-300:])
    v.check("install fonts-wqy-microhei" in err, "CJK: the package named: %s" % err[-300:])
    if not os.path.exists(WQY):
        print("%s is absent (fonts-wqy-microhei): the CJK font's case skipped" % WQY)
        return
    cjk = font_folder(os.path.join(tmp, "fonts-cjk"), FONTS + [WQY])
    rc, n, pngs, err = render(v, d, os.path.join(tmp, "out-cjk-font"), "2026-08-20",
                              font_dir=cjk)
    v.check(rc == 0 and n == 0 and "no font has" not in err,
            "CJK with WenQuanYi Micro Hei: exit %d, %d problem(s): %s" % (rc, n, err[-300:]))


def real_snapshot(v, real, tmp):
    if not os.path.exists(os.path.join(real, "betagouv/startups.json")):
        print("real snapshot absent (%s): part 4 skipped" % real)
        return
    rc, n, pngs, err = render(v, real, os.path.join(tmp, "out-real"), REAL_EMOJI_DAY)
    v.check(rc == 0 and n == 0 and len(pngs) >= 10,
            "real snapshot on %s: exit %d, %d problem(s): %s" % (REAL_EMOJI_DAY, rc, n, err[-600:]))


def main():
    v = Vitrine(sys.argv)
    demo, real = v.rest[0], v.rest[1]
    if not os.path.exists(SYMBOLA):
        print("SKIPPED: %s is absent (install fonts-symbola: toolchain/deps.sh)" % SYMBOLA)
        sys.exit(SKIP)
    with tempfile.TemporaryDirectory() as tmp:
        dump_stats_is_valid_utf8(v, demo, tmp)
        no_empty_boxes(v, demo, tmp)
        missing_glyphs_are_counted(v, demo, tmp)
        real_snapshot(v, real, tmp)
    v.report()


if __name__ == "__main__":
    main()
