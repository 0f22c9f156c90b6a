#!/usr/bin/env python3
# Independent reference implementation of shared/docs/metrics.md, written
# from the document alone (never from the C code) to serve as a test oracle
# for tests/cli/test_real_data.py.
"""Independent reference implementation of the statistics of shared/docs/metrics.md.

Usage: python3 reference_stats.py DATA_DIR YYYY-MM-DD

DATA_DIR layout: betagouv/startups.json, betagouv/authors.json,
betagouv/incubators.json (optional, unused), eig/defis.json, eig/personnes.json.
Prints the `--dump-stats` JSON contract (as_of, products, community, coaching, eig)
with json.dumps(sort_keys=True, ensure_ascii=False).

Written from metrics.md and the data README only (no look at any C code).
Standard library only.

AMBIGUITIES AND THE CHOICES MADE HERE (most literal reading of metrics.md)
--------------------------------------------------------------------------
Dates
 A1. A date is a JSON string whose first 10 characters match [0-9]{4}-[0-9]{2}-[0-9]{2}
     (ASCII digits only) and form a real calendar date (datetime.date accepts it; so year
     0000 is rejected). Anything after the 10th character is ignored, whatever it is
     ("2023-01-05junk" is 2023-01-05). Leading blanks are NOT stripped (" 2023-01-05" is
     "no date"). Non-strings are "no date".
 A2. A date > D is treated exactly like "no date" everywhere (also for mission ends and
     event dates). For mission ends this changes nothing (an absent end means open-ended).
     An unparsable end (e.g. "n/a") is "no date", hence counts as an empty end: the mission
     is open-ended.
 A3. The as-of argument must be exactly YYYY-MM-DD (10 characters, valid date); otherwise
     the script exits with status 2.

Input robustness
 A4. A missing or unparsable feed file is an empty feed. betagouv/incubators.json is never
     used: metrics.md takes incubator titles from startups.json `included` only.
 A5. startups.json: a JSON object -> its `data` (list) and `included` (list); a bare JSON
     array is accepted as the `data` list with no `included`. A startup record is used
     only if it is an object with a string `id` and an `attributes` object.
     Duplicate startup ids are counted as separate products in every product figure
     (coached_products, being "distinct products", counts distinct ids).
 A6. authors.json: a JSON array of members (a JSON object is accepted: its values are the
     members). A member is used only if it is an object with a string `id`. Duplicate member
     ids are counted separately. A mission is used only if it is an object; its `startups`
     and the member's top-level `startups` are used only when they are arrays, and only
     their string elements.
 A7. defis.json / personnes.json: object keyed by name (values used) or array; entries that
     are not objects are skipped, including for `projects` (so `projects` counts object
     entries only).

Products
 A8. Phase name: a non-empty string is used raw (no trimming, case-sensitive; a name made of
     blanks is kept as is). Missing, null, non-string or "" -> "unknown". Phases that are not
     objects are skipped. Active / perennisation / launched comparisons use the raw name
     exactly (case-sensitive), so "Construction" is not "construction".
 A9. national_impact_by_year counts EVENTS (a product with two national_impact events in a
     year adds 2), for existing products only. fast_laureates also requires the product to
     exist at D ("left out of every product figure"). Event names compared exactly.
 A10. Incubators: relationships.incubators.data is used when it is a non-empty array; then
     only its entries that are objects with a non-empty string `id` are taken, and there is
     NO fallback to relationships.incubator even when none of the entries is usable (the list
     is not "missing or empty"). When relationships.incubators (or its data) is missing,
     not an object / not an array, or an empty array -> the single relationships.incubator.
     data.id (if a non-empty string). The "/incubateurs/" prefix is stripped (once, only as
     a prefix) from every id, in relationships and in `included`, whatever the API version.
     An id that is empty after stripping is ignored.
 A11. Incubator title: the first `included` entry (an object, any `type`) whose stripped
     string id equals the incubator id AND whose attributes.title is a string; that string is
     used raw (even if empty). Otherwise the title is the id.
 A12. by_incubator holds one entry per incubator with total > 0; its `active` may be 0 (the
     entry is a record, not a count map).
 A13. "non-blank string" (repository / stats_url) = a string for which str.strip() (Python
     Unicode whitespace) is non-empty. Rates: one entry per current phase name present among
     existing products (the `unknown` bucket included), value = count / products (float).

Community
 A14. domaine: html.unescape (Python HTML5 rules, including entities without ';') of the
     string value. A member whose domaine is missing, non-string or empty (after decoding)
     is NOT counted in by_domaine (metrics.md defines no `unknown` for domaine), but is still
     counted in `active` and elsewhere. "Coaching" is matched exactly (case-sensitive) on the
     decoded value.
 A15. status: a non-empty string is used raw; missing, null, non-string or "" -> "unknown".
     A status made only of blanks is kept raw.
 A16. Missions whose start is "no date" or after D are ignored everywhere (including the
     choice of the latest-starting active mission and of the first mission).
 A17. retention_12m: D - 365 days and first start + 365 days are plain calendar-day
     arithmetic (datetime.timedelta(days=365)). If D - 365 days is before 0001-01-01, the
     cohort is empty. "has a mission active at T" considers all the member's usable missions
     (the first mission included).

Coaching
 A18. Employer key: strip surrounding blanks (str.strip()), then remove every leading "/"
     and any blanks that follow them, i.e. the key neither starts with a blank or "/" nor
     ends with a blank (k = s.strip(); while k starts with "/": k = k[1:].strip()),
     then str.lower(). Empty result, missing or non-string employer -> "unknown".
     The employer comes from the latest-starting active mission (ties: later in the array),
     the same mission as by_status.
 A19. coached_products: names are compared to product ids exactly (no trimming, case-
     sensitive). A name counts if at least one product record with that id exists at D and
     is active at D. Only ACTIVE missions' `startups` are used, plus the top-level `startups`
     of the (active) coach.

EIG
 A20. promotion: a non-empty string is used raw (no trimming; "" -> absent); a JSON integer
     (not a boolean) -> its decimal string; a JSON float with an integral value (4.0) -> "4";
     anything else -> absent. Défis with an absent promotion count in `projects`, `fellows`,
     `mentors`, `administrations` but in no promotion entry.
 A21. year: the smallest JSON integer (not boolean; integral floats accepted as integers) among
     a promotion's défis; strings like "2019" are not integers. null when none.
 A22. promotions sort: by year ascending with null years LAST, then by promotion string
     (Python code-point order, equal to UTF-8 byte order).
 A23. Names in eigs/mentors: only string elements of arrays; stripped (str.strip()); blank ones
     ignored; distinct is exact (case-sensitive) after stripping. administrations: string
     values, stripped, non-blank, distinct exact.
 A24. by_profile: one count per fellow (a distinct name of the défis' eigs, A23), under the
     `profil` of the personnes.json entry of that name. The entry's name is its key (object)
     or its string `title`, else `name` (array), stripped; a blank name is no entry; when two
     entries share a name the last one counts. The profil is stripped; missing, null or
     blank-only -> "unknown"; an entry whose profil is another JSON type is skipped (as if
     absent). No entry -> "unknown". People named in no défi's eigs are not counted.
 A25. fellows_in_several_promotions: fellows named in the eigs of défis of two or more
     distinct promotions (A20's strings: 1 and "1" are one promotion).
"""

import datetime
import html
import json
import os
import re
import sys

_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
ACTIVE_PHASES = frozenset(
    ["investigation", "construction", "acceleration", "consolidation", "opere"])
PERENNIAL_PHASES = frozenset(["consolidation", "transfere", "opere"])
ONE_YEAR = datetime.timedelta(days=365)
INC_PREFIX = "/incubateurs/"


# ----------------------------------------------------------------- helpers
def parse_date(v):
    """Feed date -> datetime.date or None ("no date")."""
    if not isinstance(v, str):
        return None
    s = v[:10]
    if len(s) != 10 or not _DATE_RE.fullmatch(s):
        return None
    try:
        return datetime.date(int(s[0:4]), int(s[5:7]), int(s[8:10]))
    except ValueError:
        return None


def date_by(v, D):
    """Date started by D (<= D), else None (future dates ignored as if absent)."""
    d = parse_date(v)
    if d is None or d > D:
        return None
    return d


def year_key(d):
    return "%04d" % d.year


def load_json(path):
    try:
        with open(path, "r", encoding="utf-8") as f:
            return json.load(f)
    except Exception:
        return None


def as_list(v):
    return v if isinstance(v, list) else []


def as_dict(v):
    return v if isinstance(v, dict) else {}


def records(v):
    """Object keyed by name -> its values; array -> its elements; dict entries only."""
    if isinstance(v, dict):
        seq = list(v.values())
    elif isinstance(v, list):
        seq = v
    else:
        seq = []
    return [r for r in seq if isinstance(r, dict)]


def nonblank(v):
    return isinstance(v, str) and v.strip() != ""


def inc(m, k, n=1):
    m[k] = m.get(k, 0) + n


def strip_inc_prefix(i):
    if i.startswith(INC_PREFIX):
        return i[len(INC_PREFIX):]
    return i


def is_int_number(v):
    if isinstance(v, bool):
        return False
    if isinstance(v, int):
        return True
    if isinstance(v, float):
        return v.is_integer()
    return False


# ----------------------------------------------------------------- products
def phase_name(p):
    n = p.get("name")
    if isinstance(n, str) and n != "":
        return n
    return "unknown"


def current_phase(attrs, D):
    best = None
    best_start = None
    for p in as_list(attrs.get("phases")):
        if not isinstance(p, dict):
            continue
        s = date_by(p.get("start"), D)
        if s is None:
            continue
        if best_start is None or s >= best_start:   # ties: later in the array
            best, best_start = p, s
    return None if best is None else phase_name(best)


def product_incubators(rec):
    rel = as_dict(rec.get("relationships"))
    ids = []
    incs = rel.get("incubators")
    lst = incs.get("data") if isinstance(incs, dict) else None
    if isinstance(lst, list) and len(lst) > 0:
        for e in lst:
            if isinstance(e, dict) and isinstance(e.get("id"), str):
                ids.append(e["id"])
    else:
        one = rel.get("incubator")
        data = one.get("data") if isinstance(one, dict) else None
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            ids.append(data["id"])
    out = []
    for i in ids:
        i = strip_inc_prefix(i)
        if i != "" and i not in out:
            out.append(i)
    return out


def compute_products(startups_doc, D):
    if isinstance(startups_doc, dict):
        data = as_list(startups_doc.get("data"))
        included = as_list(startups_doc.get("included"))
    elif isinstance(startups_doc, list):
        data, included = startups_doc, []
    else:
        data, included = [], []

    titles = {}
    for e in included:
        if not isinstance(e, dict) or not isinstance(e.get("id"), str):
            continue
        i = strip_inc_prefix(e["id"])
        t = as_dict(e.get("attributes")).get("title")
        if isinstance(t, str) and i not in titles:
            titles[i] = t

    total = active = fast = 0
    by_phase, launched, nat, by_inc = {}, {}, {}, {}
    repo_cnt, stats_cnt = {}, {}
    P = A = 0
    active_ids = set()

    for rec in data:
        if not isinstance(rec, dict) or not isinstance(rec.get("id"), str):
            continue
        attrs = rec.get("attributes")
        if not isinstance(attrs, dict):
            continue
        cur = current_phase(attrs, D)
        if cur is None:
            continue  # does not exist at D
        total += 1
        is_active = cur in ACTIVE_PHASES
        if is_active:
            active += 1
            active_ids.add(rec["id"])
        inc(by_phase, cur)
        if cur in PERENNIAL_PHASES:
            P += 1
        elif cur == "abandon":
            A += 1

        first_constr = None
        for p in as_list(attrs.get("phases")):
            if not isinstance(p, dict) or p.get("name") != "construction":
                continue
            s = date_by(p.get("start"), D)
            if s is not None and (first_constr is None or s < first_constr):
                first_constr = s
        if first_constr is not None:
            inc(launched, year_key(first_constr))

        has_fast = False
        for ev in as_list(attrs.get("events")):
            if not isinstance(ev, dict):
                continue
            name = ev.get("name")
            if name not in ("national_impact", "fast"):
                continue
            d = date_by(ev.get("date"), D)
            if d is None:
                continue
            if name == "national_impact":
                inc(nat, year_key(d))
            else:
                has_fast = True
        if has_fast:
            fast += 1

        for i in product_incubators(rec):
            e = by_inc.get(i)
            if e is None:
                e = by_inc[i] = {"title": titles.get(i, i), "active": 0, "total": 0}
            e["total"] += 1
            if is_active:
                e["active"] += 1

        if nonblank(attrs.get("repository")):
            inc(repo_cnt, cur)
        if nonblank(attrs.get("stats_url")):
            inc(stats_cnt, cur)

    os_rate = {ph: repo_cnt.get(ph, 0) / n for ph, n in by_phase.items()}
    st_rate = {ph: stats_cnt.get(ph, 0) / n for ph, n in by_phase.items()}
    return {
        "total": total,
        "active": active,
        "by_phase": by_phase,
        "launched_by_year": launched,
        "national_impact_by_year": nat,
        "fast_laureates": fast,
        "by_incubator": by_inc,
        "perennisation_rate": (P / (P + A)) if (P + A) > 0 else None,
        "open_source_rate_by_phase": os_rate,
        "stats_page_rate_by_phase": st_rate,
    }, active_ids


# ----------------------------------------------------------------- community
def status_of(m):
    s = m.get("status")
    if isinstance(s, str) and s != "":
        return s
    return "unknown"


def employer_key(m):
    e = m.get("employer")
    if not isinstance(e, str):
        return "unknown"
    k = e.strip()
    while k.startswith("/"):
        k = k[1:].strip()
    k = k.lower()
    return k if k != "" else "unknown"


def usable_missions(member, D):
    """[(mission, start, end)] for missions with a start date <= D, in array order."""
    out = []
    for m in as_list(member.get("missions")):
        if not isinstance(m, dict):
            continue
        s = date_by(m.get("start"), D)
        if s is None:
            continue
        e = date_by(m.get("end"), D)  # future / unparsable end -> absent (open)
        out.append((m, s, e))
    return out


def active_at(ms, T):
    return ms[1] <= T and (ms[2] is None or ms[2] >= T)


def compute_community(authors_doc, D, active_product_ids):
    if isinstance(authors_doc, list):
        members = authors_doc
    elif isinstance(authors_doc, dict):
        members = list(authors_doc.values())
    else:
        members = []

    active = 0
    by_domaine, by_status, new_by_year = {}, {}, {}
    cohort = retained = 0
    try:
        cutoff = D - ONE_YEAR
    except OverflowError:
        cutoff = None
    coaches = 0
    by_employer = {}
    coached = set()

    for mem in members:
        if not isinstance(mem, dict) or not isinstance(mem.get("id"), str):
            continue
        ms = usable_missions(mem, D)
        dom = mem.get("domaine")
        dom = html.unescape(dom) if isinstance(dom, str) else None

        act = [x for x in ms if active_at(x, D)]
        if act:
            active += 1
            if dom:
                inc(by_domaine, dom)
            latest = None
            for x in act:
                if latest is None or x[1] >= latest[1]:  # ties: later in array
                    latest = x
            inc(by_status, status_of(latest[0]))
            if dom == "Coaching":
                coaches += 1
                inc(by_employer, employer_key(latest[0]))
                names = []
                for x in act:
                    names.extend(as_list(x[0].get("startups")))
                names.extend(as_list(mem.get("startups")))
                for n in names:
                    if isinstance(n, str) and n in active_product_ids:
                        coached.add(n)

        first = None
        for x in ms:
            if first is None or x[1] < first[1]:  # ties: earlier in array
                first = x
        if first is not None:
            y = new_by_year.setdefault(year_key(first[1]), {})
            inc(y, status_of(first[0]))
            if cutoff is not None and first[1] <= cutoff:
                cohort += 1
                T = first[1] + ONE_YEAR
                if any(active_at(x, T) for x in ms):
                    retained += 1

    community = {
        "active": active,
        "by_domaine": by_domaine,
        "by_status": by_status,
        "new_by_year": new_by_year,
        "retention_12m": (retained / cohort) if cohort > 0 else None,
    }
    coaching = {
        "active_coaches": coaches,
        "by_employer": by_employer,
        "coached_products": len(coached),
    }
    return community, coaching


# ----------------------------------------------------------------- EIG
def promotion_of(d):
    p = d.get("promotion")
    if isinstance(p, str):
        return p if p != "" else None
    if is_int_number(p):
        return str(int(p))
    return None


def names_of(v):
    out = []
    for n in as_list(v):
        if isinstance(n, str):
            n = n.strip()
            if n:
                out.append(n)
    return out


def person_profiles(personnes_doc):
    """{name: profil or None} of personnes.json (A24)."""
    if isinstance(personnes_doc, dict):
        pairs = list(personnes_doc.items())
    elif isinstance(personnes_doc, list):
        pairs = [(r.get("title") if isinstance(r.get("title"), str) else r.get("name"), r)
                 for r in personnes_doc if isinstance(r, dict)]
    else:
        pairs = []
    out = {}
    for name, r in pairs:
        if not isinstance(r, dict) or not isinstance(name, str) or not name.strip():
            continue
        pr = r.get("profil")
        if pr is not None and not isinstance(pr, str):
            continue
        out[name.strip()] = pr.strip() if isinstance(pr, str) and pr.strip() else None
    return out


def compute_eig(defis_doc, personnes_doc):
    defis = records(defis_doc)
    fellows, mentors, admins = set(), set(), set()
    promos = {}
    fellow_promos = {}
    for d in defis:
        eigs = names_of(d.get("eigs"))
        fellows.update(eigs)
        mentors.update(names_of(d.get("mentors")))
        a = d.get("administration")
        if isinstance(a, str) and a.strip():
            admins.add(a.strip())
        p = promotion_of(d)
        if p is None:
            continue
        e = promos.setdefault(p, {"projects": 0, "fellows": set(), "year": None})
        e["projects"] += 1
        e["fellows"].update(eigs)
        for n in eigs:
            fellow_promos.setdefault(n, set()).add(p)
        y = d.get("year")
        if is_int_number(y):
            y = int(y)
            if e["year"] is None or y < e["year"]:
                e["year"] = y
    plist = [{"promotion": p, "year": e["year"], "projects": e["projects"],
              "fellows": len(e["fellows"])} for p, e in promos.items()]
    plist.sort(key=lambda x: (x["year"] is None, x["year"] if x["year"] is not None else 0,
                              x["promotion"]))
    profiles = person_profiles(personnes_doc)
    by_profile = {}
    for n in fellows:
        inc(by_profile, profiles.get(n) or "unknown")
    return {
        "projects": len(defis),
        "fellows": len(fellows),
        "mentors": len(mentors),
        "administrations": len(admins),
        "promotions": plist,
        "by_profile": by_profile,
        "fellows_in_several_promotions": sum(1 for ps in fellow_promos.values() if len(ps) > 1),
    }


# ----------------------------------------------------------------- main
def compute(data_dir, D):
    bg = os.path.join(data_dir, "betagouv")
    eg = os.path.join(data_dir, "eig")
    products, active_ids = compute_products(load_json(os.path.join(bg, "startups.json")), D)
    community, coaching = compute_community(
        load_json(os.path.join(bg, "authors.json")), D, active_ids)
    eig = compute_eig(load_json(os.path.join(eg, "defis.json")),
                      load_json(os.path.join(eg, "personnes.json")))
    return {"as_of": D.isoformat(), "products": products, "community": community,
            "coaching": coaching, "eig": eig}


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: %s DATA_DIR YYYY-MM-DD\n" % argv[0])
        return 2
    D = parse_date(argv[2]) if len(argv[2]) == 10 else None
    if D is None:
        sys.stderr.write("invalid date: %r\n" % argv[2])
        return 2
    out = compute(argv[1], D)
    sys.stdout.write(json.dumps(out, sort_keys=True, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
