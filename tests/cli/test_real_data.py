#!/usr/bin/env python3
"""The real snapshot (../shared/data), when present: the C statistics must
equal an independent Python implementation of metrics.md
(tests/tools/reference_stats.py, written from the document alone) at many
dates, in the v2.7 shape and converted to the v2.6 and v2.5 shapes; and hold
the invariants (sum of by_phase = total, active <= total...). Skips with a
visible message when the snapshot is absent.

Usage: test_real_data.py VITRINE EMULATOR SHARED_DATA_DIR REFERENCE_SCRIPT"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from vitrinerun import SKIP, Vitrine

DATES = ["2014-06-01", "2018-01-01", "2020-06-15", "2023-03-01", "2026-08-20", "2035-01-01"]


def to_old_shape(src, dst):
    """v2.5/v2.6: no relationships.incubators; ids carry /incubateurs/."""
    shutil.copytree(src, dst)
    path = os.path.join(dst, "betagouv", "startups.json")
    doc = json.load(open(path, encoding="utf-8"))
    for rec in doc["data"]:
        rel = rec.get("relationships", {})
        rel.pop("incubators", None)
        inc = rel.get("incubator", {}).get("data")
        if inc:
            inc["id"] = "/incubateurs/" + inc["id"]
    for inc in doc.get("included", []):
        inc["id"] = "/incubateurs/" + inc["id"]
    json.dump(doc, open(path, "w", encoding="utf-8"), ensure_ascii=False)


def normalise(x):
    if isinstance(x, float):
        return round(x, 12)
    if isinstance(x, dict):  # employer_names: an extra key of ours
        return {k: normalise(v) for k, v in x.items() if k != "employer_names"}
    if isinstance(x, list):
        return [normalise(v) for v in x]
    return x


def differences(a, b, path=""):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                yield "%s/%s only in %s" % (path, k, "reference" if k not in a else "vitrine")
            else:
                yield from differences(a[k], b[k], path + "/" + k)
    elif a != b:
        yield "%s: vitrine %r, reference %r" % (path, a, b)


def invariants(v, s, where):
    p, c = s["products"], s["community"]
    v.check(sum(p["by_phase"].values()) == p["total"], where + ": sum by_phase = total")
    v.check(0 <= p["active"] <= p["total"], where + ": active <= total")
    v.check(all(0 <= i["active"] <= i["total"] for i in p["by_incubator"].values()),
            where + ": incubator active <= total")
    v.check(sum(c["by_domaine"].values()) == c["active"] == sum(c["by_status"].values()),
            where + ": domaines and statuses add up to active members")
    co = s["coaching"]
    v.check(sum(co["by_employer"].values()) == co["active_coaches"] <= c["active"],
            where + ": employers add up to active coaches")
    v.check(co["coached_products"] <= p["active"], where + ": coached <= active products")
    for r in [p["perennisation_rate"], c["retention_12m"]] + \
            list(p["open_source_rate_by_phase"].values()):
        v.check(r is None or 0 <= r <= 1, where + ": rate in [0, 1]")
    e = s["eig"]
    v.check(sum(x["projects"] for x in e["promotions"]) <= e["projects"], where + ": promotions")
    v.check(sum(e["by_profile"].values()) == e["fellows"], where + ": profiles add up to fellows")



def main():
    v = Vitrine(sys.argv)
    data, reference = v.rest
    if not os.path.isfile(os.path.join(data, "betagouv", "startups.json")):
        print("SKIPPED: %s absent: the real-data test needs the shared snapshots" % data)
        sys.exit(SKIP)
    with tempfile.TemporaryDirectory() as tmp:
        old = os.path.join(tmp, "v26")
        to_old_shape(data, old)
        for shape, d in (("v2.7", data), ("v2.6", old)):
            for date in DATES:
                got, _ = v.dump(d, date)
                where = "%s %s" % (shape, date)
                invariants(v, got, where)
                ref = json.loads(subprocess.run([sys.executable, reference, d, date],
                                                capture_output=True, check=True).stdout)
                diffs = list(differences(normalise(got), normalise(ref)))
                v.check(not diffs, "%s: differs from the reference: %s" % (where, diffs[:5]))
        # The 2026-08-20 snapshot's own headline figures.
        s, _ = v.dump(data, "2026-08-20")
        v.check(s["community"]["active"] == 1360, "1 360 active members on 2026-08-20")
        v.check(round(s["community"]["retention_12m"], 3) == 0.726, "72,6 % retention")
        e = s["eig"]
        v.check((e["fellows"], sum(e["by_profile"].values()), e["fellows_in_several_promotions"],
                 sum(p["fellows"] for p in e["promotions"])) == (128, 128, 3, 131),
                "128 fellows by profile, 3 in two promotions: 131 promotion seats")
    v.report()


if __name__ == "__main__":
    main()
