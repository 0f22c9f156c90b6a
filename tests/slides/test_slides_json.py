#!/usr/bin/env python3
"""slides.json, the text alternative `--render-slides DIR` writes beside the
PNGs, read as a screen reader, the incubator's website or a visitor would:

- every PNG written has its entry (file, name, title, subtitle, texts,
  figures), its texts are the lines of its .txt file, and each chart's
  figures carry a label, a value and the box their label was drawn in;
- French typography in every text (title, subtitle, texts, figures): no
  straight apostrophe (URLs and e-mail addresses aside), « and » with their
  no-break space inside, every ; : ! ? after a no-break space (U+00A0 or
  U+202F), no "5e" for 5ᵉ;
- honest time labels: a chart with a bar for the current year says it is
  partial ("2026, au 20 août"), a chart that shows fewer years than the
  same chart in landscape says from when ("Depuis 2019"), and on 1 March
  (--now 2027-03-01) the overview headlines no 0;
- no two figures' labels on a slide overlap or touch (the quality chart's
  "100 %100 %": a space at least between two);
Each check runs on the built-in data (assets/demo) and on the real snapshot
(../shared/data; skipped with a message when absent).

Usage: test_slides_json.py VITRINE EMULATOR DEMO_DIR SHARED_DATA_DIR"""
import glob
import json
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from vitrinerun import SKIP, Vitrine  # noqa: E402

NOW = "2026-08-20"
SIZES = ["1920x1080", "1080x1920"]


def render(v, out, data, now=NOW, size="1920x1080"):
    rc, _, err = v.run("--render-slides", out, "--data", data, "--now", now, "--size", size,
                       timeout=600,
                       env={"XDG_CONFIG_HOME": os.devnull, "XDG_CACHE_HOME": os.devnull})
    if rc != 0:
        raise AssertionError("--render-slides %s: exit %d: %s" % (data, rc, err))
    with open(os.path.join(out, "slides.json"), encoding="utf-8") as f:
        return json.load(f)["slides"]


def strings(slide):
    """Every French text of a slide: title, subtitle, texts, figures."""
    yield slide["title"]
    yield slide["subtitle"]
    yield from slide["texts"]
    for f in slide["figures"]:
        yield f["label"]
        yield f["text"]


ADDRESS = re.compile(r"\S*(?:://|@|www\.)\S*")
BARE_PUNCT = re.compile(r"(?<![\u00a0\u202f;:!?(\[])[;:!?]")
TIME = re.compile(r"\d:\d")


def typography(v, slides, what):
    for s in slides:
        for text in strings(s):
            t = ADDRESS.sub("", text)
            name = "%s %s: %r" % (what, s["file"], text)
            v.check("'" not in t, name + ": a straight apostrophe")
            v.check(not re.search("«(?!\u00a0)", t), name + ": « without its no-break space")
            v.check(not re.search("(?<!\u00a0)»", t), name + ": » without its no-break space")
            bare = [m.start() for m in BARE_PUNCT.finditer(t)
                    if not TIME.match(t, max(m.start() - 1, 0))]
            v.check(not bare, name + ": ; : ! ? without a no-break space before")
            v.check(not re.search(r"\b\d+(e|er|eme|ème)\b", t), name + ": an ordinal as \"5e\"")


def check_structure(v, out, slides, what):
    pngs = sorted(os.path.basename(p) for p in glob.glob(os.path.join(out, "slide-*.png")))
    v.check([s["file"] for s in slides] == pngs,
            "%s: slides.json lists %s, the PNGs are %s" % (what, [s["file"] for s in slides], pngs))
    for s in slides:
        name = "%s %s" % (what, s["file"])
        v.check(s["title"] != "", name + ": no title")
        with open(os.path.join(out, s["file"][:-4] + ".txt"), encoding="utf-8") as f:
            lines = f.read().splitlines()
        v.check(s["texts"] == lines, name + ": texts differ from the .txt file")
        for f in s["figures"]:
            ok = f["label"] and len(f["box"]) == 4 and (f["value"] is None or f["value"] >= 0)
            v.check(ok, "%s: figure %r incomplete" % (name, f))
    charts = [s for s in slides if any(f["value"] is not None for f in s["figures"])]
    v.check(len(charts) >= 5, "%s: only %d slides give their charts' figures" % (what, len(charts)))


def boxes_apart(v, slides, what):
    """Drawn value labels (w > 0) neither overlap nor touch: side by side, a
    space's width at least between them (a fifth of the line's height)."""
    for s in slides:
        drawn = [f for f in s["figures"] if f["box"][2] > 0]
        for i, a in enumerate(drawn):
            for b in drawn[i + 1:]:
                ax, ay, aw, ah = a["box"]
                bx, by, bw, bh = b["box"]
                space = 0.2 * min(ah, bh)
                apart = (ax + aw + space <= bx or bx + bw + space <= ax or ay + ah <= by or
                         by + bh <= ay)
                v.check(apart, "%s %s: value labels %r and %r touch (%s, %s)" %
                        (what, s["file"], a["text"], b["text"], a["box"], b["box"]))


YEAR = re.compile(r"^(\d{4})(?: · |$)")
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre"]


def years_of(slide):
    return sorted({int(m.group(1)) for f in slide["figures"] for m in [YEAR.match(f["label"])] if m})


def partial_years(v, slides, now, what):
    """The current year's bars say they are partial: "2026, au 20 août"."""
    y, m, d = (int(x) for x in now.split("-"))
    day = "1\u1d49\u02b3" if d == 1 else str(d)
    want = "%d, au %s %s" % (y, day, MONTHS[m - 1])
    charts = [s for s in slides if y in years_of(s)]
    v.check(len(charts) >= 1, "%s: %d charts of years with %d" % (what, len(charts), y))
    for s in charts:
        v.check(any(want in t for t in s["texts"]),
                "%s %s: the %d bars are not said partial (%r)" % (what, s["file"], y, want))


def years_shown(v, by_size, what):
    """A chart showing fewer years than in landscape says from when."""
    wide = {s["name"]: years_of(s) for s in by_size[SIZES[0]]}
    for size in SIZES[1:]:
        for s in by_size[size]:
            ys, all_years = years_of(s), wide.get(s["name"], [])
            if ys and all_years and ys[0] > all_years[0]:
                v.check(any("Depuis %d" % ys[0] in t for t in s["texts"]),
                        "%s %s %s: shows %d-%d of %d-%d without saying so" %
                        (what, size, s["file"], ys[0], ys[-1], all_years[0], all_years[-1]))


def no_headline_zero(v, data, what, tmp, now):
    slides = render(v, os.path.join(tmp, "%s-%s" % (what, now)), data, now=now)
    overview = [s for s in slides if s["name"] == "overview"]
    v.check(len(overview) == 1, "%s %s: no overview" % (what, now))
    for s in overview:
        zeros = [f["label"] for f in s["figures"] if f["text"] == "0"]
        v.check(not zeros, "%s --now %s: the overview headlines 0 for %s" % (what, now, zeros))


def check_data(v, data, what, tmp):
    by_size = {}
    for size in SIZES:
        out = os.path.join(tmp, "%s-%s" % (what, size))
        slides = by_size[size] = render(v, out, data, size=size)
        name = "%s %s" % (what, size)
        check_structure(v, out, slides, name)
        typography(v, slides, name)
        boxes_apart(v, slides, name)
        partial_years(v, slides, NOW, name)
    years_shown(v, by_size, what)
    no_headline_zero(v, data, what, tmp, "2027-03-01")


def main():
    v = Vitrine(sys.argv)
    demo, shared = v.rest[0], v.rest[1]
    with tempfile.TemporaryDirectory() as tmp:
        check_data(v, demo, "demo", tmp)
        real = shared if os.path.isdir(os.path.join(shared, "betagouv")) else None
        if real:
            check_data(v, real, "real", tmp)
        else:
            print("SKIPPED: the real snapshot (%s) is absent; built-in data checked" % shared)
    if not real and not v.failures:
        print("%d passed on the built-in data; the real snapshot skipped" % v.checks)
        sys.exit(SKIP)
    v.report()


if __name__ == "__main__":
    main()
