#!/usr/bin/env python3
"""Figures that agree: the deck rendered on the real snapshot (../shared/data),
checked from the slides' own texts (their text alternative, the
slide-NN-name.txt files `--render-slides` writes beside the PNGs).

- A figure shown on two slides has one value (the same label on two slides
  of the network: "81 coachs en activité" on the overview and the coaching
  slide), and it is the value of `--dump-stats` on the same data and date:
  products active and in all, launched this year, members, coaches, coached
  products, the EIG challenges, fellows, mentors, administrations, each
  promotion's challenges and fellows.
- A chart's parts add up to the total the deck shows, or the slide says why:
  products by phase to the products; domaines, statuses and employers to
  the members and coaches; the fellows by profile to the fellows; the
  promotions' fellows to the fellows plus those who took part in two
  promotions, which the promotions slide states; incubators' active products
  to the active products plus the co-incubated ones counted once per
  incubator, which the incubators slide states.
- With a focus incubator, its own slides agree with the network's incubator
  bar and with each other.
First the hand-made edge fixture, whose charts do not add up (a fellow in
two promotions, one in none, fellows without a profile, a co-incubated
product): each slide says why, in so many words. Then the snapshot; skips
(exit 77) with a message when it is absent.

Usage: test_figures_agree.py VITRINE EMULATOR SHARED_DATA_DIR EDGE_FIXTURE_DIR"""
import glob
import json
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from vitrinerun import SKIP, Vitrine  # noqa: E402

NOW = "2026-08-20"
FOCUS = "anct"
# A number as fmt_int writes it: digits grouped by a narrow no-break space.
NUM = r"(\d{1,3}(?:[\u202f\u00a0]\d{3})*)"
FIGURE = re.compile(r"^" + NUM + r" (.+)$")
BAR = re.compile(r"^(.+) : " + NUM + r"(?: \(.*\))?$")
ACTIVE_PHASES = ["Investigation", "Construction", "Accélération", "Consolidation", "Opéré"]


def num(s):
    return int(re.sub(r"[\u202f\u00a0]", "", s))


def render(v, out, data, config=None):
    args = ["--render-slides", out, "--data", data, "--now", NOW]
    if config:
        args += ["--config", config]
    rc, _, err = v.run(*args, timeout=600,
                       env={"XDG_CONFIG_HOME": os.devnull, "XDG_CACHE_HOME": os.devnull})
    if rc != 0:
        raise AssertionError("--render-slides: exit %d: %s" % (rc, err))
    slides = {}
    for path in sorted(glob.glob(os.path.join(out, "slide-*.txt"))):
        name = re.sub(r"^slide-\d+-", "", os.path.basename(path))[:-4]
        with open(path, encoding="utf-8") as f:
            slides[name] = [plain(ln) for ln in f.read().splitlines()]
    return slides


def plain(line):
    """A line's French typography (typo.h) undone where this test's patterns
    use plain characters: "Designers : 42", "d'intérêt", "« Opéré »"."""
    line = re.sub("[\u202f\u00a0]([;:!?])", r" \1", line).replace("\u2019", "'")
    return line.replace("\u00ab\u00a0", "\u00ab ").replace("\u00a0\u00bb", " \u00bb")


def figures(lines):
    """{label: value} of the lines "N label"."""
    out = {}
    for ln in lines:
        m = FIGURE.match(ln)
        if m:
            out[m.group(2)] = num(m.group(1))
    return out


def bars(lines):
    """[(label, value)] of the lines "label : N" (a bar, a legend row)."""
    return [(m.group(1), num(m.group(2))) for m in map(BAR.match, lines) if m]


def figure(v, slides, slide, label, want, what):
    got = figures(slides.get(slide, [])).get(label)
    v.check(got == want, "%s: \"%s\" shows %r, --dump-stats %r (%s)" % (slide, label, got, want,
                                                                       what))
    return got


def one_value_per_label(v, slides):
    """The same label on two slides of the network shows one value."""
    seen = {}
    for name, lines in slides.items():
        if name.startswith("incubator-"):  # one incubator's, not the network's
            continue
        for label, value in figures(lines).items():
            seen.setdefault(label, {})[name] = value
    for label, where in seen.items():
        v.check(len(set(where.values())) == 1, "\"%s\" differs between slides: %s" % (label, where))


def products(v, slides, s):
    p = s["products"]
    figure(v, slides, "overview", "produits actifs", p["active"], "active products")
    launched = p["launched_by_year"].get(NOW[:4], 0)
    # From July the overview headlines the year so far, said partial (stats.h).
    figure(v, slides, "overview", "produits lancés en %s (au 20 août)" % NOW[:4], launched,
           "launched this year")
    phases = slides.get("products-by-phase", [])
    m = re.match(NUM + " produits actifs sur " + NUM, phases[1] if len(phases) > 1 else "")
    v.check(m and (num(m.group(1)), num(m.group(2))) == (p["active"], p["total"]),
            "products-by-phase subtitle: %r, want %d active of %d" % (phases[1:2], p["active"],
                                                                       p["total"]))
    b = bars(phases)
    v.check(sum(n for _, n in b) == p["total"], "products-by-phase: bars add up to %d, not %d" %
            (sum(n for _, n in b), p["total"]))
    v.check(sum(n for k, n in b if k in ACTIVE_PHASES) == p["active"],
            "products-by-phase: active phases add up to the active products")
    year = [ln for ln in slides.get("launches-per-year", []) if ln.startswith(NOW[:4] + " : ")]
    v.check(year and re.search(r"\(entrée en construction\) %d\b" % launched, year[0]),
            "launches-per-year: %s, want %d launched (the overview's)" % (year, launched))
    incubators(v, slides, p)
    rate = [ln for ln in slides.get("overview", []) if "pérennisés" in ln]
    v.check(rate and any(ln.startswith(rate[0].split(" des ")[0] + " taux de pérennisation")
                         for ln in slides.get("quality", [])),
            "the perennisation rate of the overview is the quality slide's")


def incubators(v, slides, p):
    lines = slides.get("incubators", [])
    b = bars(lines)
    total = sum(n for _, n in b)
    active = p["active"]
    want = sum(i["active"] for i in p["by_incubator"].values())
    v.check(total == want, "incubators: bars add up to %d, --dump-stats' incubators %d" %
            (total, want))
    m = re.search(r"\(" + NUM + " incubateurs\\)", lines[1] if len(lines) > 1 else "")
    shown = sum(num(re.match(NUM, k).group(1)) if re.match(NUM + " autres", k) else 1
                for k, _ in b)
    v.check(m and num(m.group(1)) == shown == sum(1 for i in p["by_incubator"].values()
                                                  if i["active"] > 0),
            "incubators: the subtitle's count is the incubators charted")
    if total != active:  # a total that is not the sum of its parts says why
        why = [ln for ln in lines if "co-incub" in ln]
        v.check(why and re.search(r"\b%s\b" % fmt(total), why[0]) and
                re.search(r"\b%s\b" % fmt(active), why[0]),
                "incubators: bars add up to %d, not the %d active products, and no line says "
                "why (co-incubated products, both figures)" % (total, active))


def fmt(n):
    s = "%d" % n
    return re.sub(r"(\d)(?=(\d{3})+$)", "\\1\u202f", s)


def community(v, slides, s):
    c, co = s["community"], s["coaching"]
    figure(v, slides, "overview", "membres actifs", c["active"], "active members")
    figure(v, slides, "community-status", "membres actifs", c["active"], "active members")
    dom = slides.get("community-domains", [])
    v.check(len(dom) > 1 and dom[1].startswith(fmt(c["active"]) + " membres actifs"),
            "community-domains: subtitle %r, want %d members" % (dom[1:2], c["active"]))
    v.check(sum(n for _, n in bars(dom)) == c["active"], "community-domains: bars add up to the "
            "active members")
    v.check(sum(n for _, n in bars(slides.get("community-status", []))) == c["active"],
            "community-status: statuses add up to the active members")
    for ln in slides.get("newcomers", []):
        m = re.match(r"^(\d{4}) : " + NUM + r" \((.*)\)$", ln)
        if m:
            parts = [num(x) for x in re.findall(NUM + r"(?=,|$)", m.group(3))]
            want = sum(c["new_by_year"].get(m.group(1), {}).values())
            v.check(num(m.group(2)) == sum(parts) == want,
                    "newcomers %s: %s, parts %s, --dump-stats %d" % (m.group(1), m.group(2),
                                                                     parts, want))
    figure(v, slides, "overview", "coachs en activité", co["active_coaches"], "active coaches")
    figure(v, slides, "coaching", "coachs en activité", co["active_coaches"], "active coaches")
    figure(v, slides, "coaching", "produits actifs accompagnés", co["coached_products"],
           "coached products")
    v.check(sum(n for _, n in bars(slides.get("coaching", []))) == co["active_coaches"],
            "coaching: employers add up to the active coaches")


def eig(v, slides, s):
    e = s["eig"]
    figure(v, slides, "overview", "défis relevés par des entrepreneurs d'intérêt général",
           e["projects"], "EIG challenges")
    figure(v, slides, "eig", "défis relevés", e["projects"], "EIG challenges")
    figure(v, slides, "eig", "mentors dans les administrations", e["mentors"], "mentors")
    figure(v, slides, "eig", "administrations partenaires", e["administrations"], "administrations")
    fellows = figure(v, slides, "eig", "entrepreneurs d'intérêt général", e["fellows"], "fellows")
    # The profiles: their total is the fellows, and their bars add up to it.
    prof = slides.get("eig-profiles", [])
    figure(v, slides, "eig-profiles", "entrepreneurs d'intérêt général", fellows, "fellows")
    v.check(sum(n for _, n in bars(prof)) == fellows,
            "eig-profiles: profiles add up to %d, not the %r fellows" %
            (sum(n for _, n in bars(prof)), fellows))
    v.check(sum(e.get("by_profile", {}).values()) == e["fellows"],
            "--dump-stats: by_profile adds up to fellows")
    v.check(not any(k.lower() == "unknown" for k, _ in bars(prof)),
            "eig-profiles: the profile not given is named in French")
    # The promotions: each as --dump-stats; their fellows add up to the
    # fellows plus the repeats, which the slide states.
    promo = slides.get("eig-promotions", [])
    rows = [re.match(r"^(.+) : Défis " + NUM + ", Entrepreneurs " + NUM + "$", ln) for ln in promo]
    rows = [(m.group(1), num(m.group(2)), num(m.group(3))) for m in rows if m]
    want = [(p["projects"], p["fellows"]) for p in e["promotions"]]
    v.check([r[1:] for r in rows] == want, "eig-promotions: %s, --dump-stats %s" % (rows, want))
    repeats = e.get("fellows_in_several_promotions")
    figure(v, slides, "eig-promotions", "entrepreneurs d'intérêt général", fellows, "fellows")
    said = [re.match(NUM + r" entrepreneurs? (?:a|ont) participé à (deux|plusieurs) promotions",
                     ln) for ln in promo]
    said = [num(m.group(1)) for m in said if m]
    v.check(said == [repeats], "eig-promotions: states %s fellows in two promotions, "
            "--dump-stats %r" % (said, repeats))
    v.check(repeats is not None and fellows is not None and
            sum(r[2] for r in rows) == fellows + repeats,
            "eig-promotions: %d seats for %r fellows and %r repeats" %
            (sum(r[2] for r in rows), fellows, repeats))
    # The snapshot's own: 128 fellows, 3 of them in two promotions (131 seats).
    v.check(e["fellows"] == 128 and repeats == 3, "the snapshot's EIG: 128 fellows, 3 repeats")


def focus(v, slides, s):
    inc = s["products"]["by_incubator"][FOCUS]
    phases = slides.get("incubator-phases", [])
    figure(v, slides, "incubator-phases", "produits actifs", inc["active"], FOCUS + " active")
    figure(v, slides, "incubator-phases", "produits accompagnés en tout", inc["total"],
           FOCUS + " products")
    v.check(sum(n for _, n in bars(phases)) == inc["active"],
            "incubator-phases: phases add up to its active products")
    bar = [n for k, n in bars(slides.get("incubators", [])) if k == inc["title"]]
    v.check(bar == [inc["active"]], "incubators: %s's bar %s, its own slide %d" %
            (FOCUS, bar, inc["active"]))
    members = figures(phases).get("membres actifs sur ses produits")
    teams = slides.get("incubator-teams", [])
    v.check(members is not None and len(teams) > 1 and
            teams[1].endswith("(%s en tout)" % fmt(members)),
            "incubator-teams: its members in all are the incubator-phases' %r" % members)


def check_edge(v, edge):
    """The hand-made fixture, whose EIG has a fellow in two promotions, one
    in none, two without a profile, and a co-incubated product: what the
    slides say about each (computed by hand, tests/stats/test_stats.c)."""
    with tempfile.TemporaryDirectory() as tmp:
        rc, _, err = v.run("--render-slides", tmp, "--data", edge, "--now", "2024-06-30",
                           env={"XDG_CONFIG_HOME": os.devnull, "XDG_CACHE_HOME": os.devnull})
        v.check(rc == 0, "edge: --render-slides exits 0: %s" % err[-300:])
        slides = {re.sub(r"^slide-\d+-", "", os.path.basename(p))[:-4]:
                  [plain(ln) for ln in open(p, encoding="utf-8").read().splitlines()]
                  for p in glob.glob(os.path.join(tmp, "slide-*.txt"))}
    promo, prof = slides.get("eig-promotions", []), slides.get("eig-profiles", [])
    v.check("6 entrepreneurs d'intérêt général" in promo and
            "6 entrepreneurs d'intérêt général" in prof, "edge: 6 fellows on both EIG charts")
    v.check("1 entrepreneur a participé à deux promotions et compte dans chacune ; "
            "1 entrepreneur n'appartient à aucune promotion" in promo,
            "edge: the promotions say who is counted twice and who in none: %s" % promo[-5:])
    b = bars(prof)
    v.check(b[-1:] == [("Profil non renseigné", 2)] and sum(n for _, n in b) == 6,
            "edge: the profiles add up to 6, the unknown ones last and in French: %s" % b)
    v.check("5 au total pour 4 produits actifs : 1 produit co-incubé compte pour chacun de ses "
            "incubateurs" in slides.get("incubators", []),
            "edge: the incubators say why 5 for 4: %s" % slides.get("incubators", [])[-4:])


def check_deck(v, slides, s, where):
    before = v.failures
    v.check(len(slides) >= 15, "%s: %d slides" % (where, len(slides)))
    one_value_per_label(v, slides)
    products(v, slides, s)
    community(v, slides, s)
    eig(v, slides, s)
    print("%s: %d slides checked, %s" % (where, len(slides),
                                          "agree" if v.failures == before else "DISAGREE"))


def main():
    v = Vitrine(sys.argv)
    data, edge = (v.rest + ["", ""])[:2]
    check_edge(v, edge)
    if not all(os.path.isfile(os.path.join(data, f))
               for f in ("betagouv/startups.json", "betagouv/authors.json", "eig/defis.json",
                         "eig/personnes.json")):
        if v.failures:  # the fixture's part failed: that is no skip
            v.report()
        print("SKIPPED: %s absent: the figures test needs the real snapshot" % data)
        sys.exit(SKIP)
    s, _ = v.dump(data, NOW)
    with tempfile.TemporaryDirectory() as tmp:
        check_deck(v, render(v, os.path.join(tmp, "deck"), data), s, "deck")
        config = os.path.join(tmp, "focus.json")
        with open(config, "w", encoding="utf-8") as f:
            json.dump({"focus_incubator": FOCUS}, f)
        slides = render(v, os.path.join(tmp, "focus"), data, config)
        check_deck(v, slides, s, "deck with focus_incubator " + FOCUS)
        focus(v, slides, s)
    v.report()


if __name__ == "__main__":
    main()
