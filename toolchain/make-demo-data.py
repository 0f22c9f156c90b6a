#!/usr/bin/env python3
"""Writes the bundled demo data set (assets/demo/) used when there is no
network and no cache yet: a small, fictional, hand-tuned data set in the
feeds' own shapes. Every product and person is invented and labelled demo.
Deterministic: the same script writes the same bytes.

Usage: toolchain/make-demo-data.py [ASSETS_DIR]   (default: assets/)
"""
import json
import os
import random
import sys

NOTE = ("Données de démonstration fictives (Vitrine). Aucun produit ni aucune "
        "personne réels : affichées avec le badge « démo » tant qu'aucune donnée "
        "réelle n'est disponible.")

INCUBATORS = [
    ("demo-dinum", "Incubateur démo de la DINUM"),
    ("demo-territoires", "Incubateur démo des Territoires"),
    ("demo-ecologie", "Fabrique démo de l'Écologie"),
    ("demo-sante", "Lab démo Santé"),
    ("demo-justice", "Incubateur démo de la Justice"),
]

PRODUCTS = [
    "Aide Vélo", "Mon Dossier Simple", "Carte des Communs", "Rendez-vous Mairie",
    "Cantine Locale", "Signal Route", "Emploi Proche", "Dossier Unique", "Eau Claire",
    "Recycle Facile", "Santé Proche", "Justice Claire", "Stage Facile", "Énergie Maison",
    "Tri Malin", "Logement Juste", "Bibliothèque Ouverte", "Alerte Crue", "Médiation Rapide",
    "Transport Solidaire", "Compte Asso", "Sport Pour Tous", "Forêt Vivante",
    "Aidants Connect Démo", "Budget Commune", "Marché Local", "Archives Faciles",
    "Permis Express", "Air Pur", "Vigie Sols", "Parcours Jeunes", "Collecte Déchets",
]

PITCHES = [
    "Aider chacun à trouver la bonne aide en quelques clics.",
    "Simplifier une démarche administrative du quotidien.",
    "Donner aux agents un outil simple pour mieux servir le public.",
    "Rendre visibles des données publiques utiles à tous.",
]

FIRST = ["Camille", "Dominique", "Alex", "Claude", "Sacha", "Morgan", "Charlie", "Lou",
         "Noa", "Eden", "Andréa", "Maxime", "Yanis", "Inès", "Léa", "Hugo", "Zoé", "Jules",
         "Chloé", "Nour"]
LAST = ["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Garnier", "Roux", "Fontaine",
        "Chevalier", "Blanc", "Girard", "Bonnet", "Lambert", "Faure", "Mercier"]
DOMAINES = ["Développement", "Développement", "Développement", "Design", "Produit",
            "Intraprenariat", "Déploiement", "Data", "Coaching", "Animation", "Autre"]
EMPLOYERS = {"independent": ["Malt", "Freelance", "Scopyleft démo"],
             "service": ["Agence démo", "Octo", "Numa"],
             "admin": ["DINUM", "Ministère démo", "Collectivité démo"]}
COACH_EMPLOYERS = ["NUMA", "Numa", "Dynergie", "OCTO", "Octo", "Malt", ""]


def iso(y, m, d):
    return "%04d-%02d-%02d" % (y, m, d)


def phases_for(rng, i):
    """A plausible phase history ending in a varied current phase."""
    y = 2017 + i % 9 if i < 27 else 2026  # the last ones are young products
    m = 1 + (i * 5) % 12 if i < 27 else 1 + i % 5
    path = [("investigation", 0), ("construction", 5), ("acceleration", 14)]
    endings = [[], [("consolidation", 30)], [("transfere", 36)], [("abandon", 20)],
               [("opere", 28)]]
    if i % 7 == 3:
        path = [("investigation", 0), ("abandon-investigation", 4)]
    elif i % 5 == 4:
        path = path[:2]
    else:
        path = path + endings[(i // 2) % len(endings)]
    out = []
    for name, months in path:
        total = (m - 1) + months
        yy, mm = y + total // 12, 1 + total % 12
        if (yy, mm) > (2026, 6):
            break
        out.append({"name": name, "start": iso(yy, mm, 1 + (i * 3) % 27), "end": ""})
    return out or [{"name": "investigation", "start": iso(2026, 3, 2), "end": ""}]


def startups(rng):
    data = []
    for i, name in enumerate(PRODUCTS):
        sid = "demo-" + str(i + 1)
        phases = phases_for(rng, i)
        events = []
        if i % 4 == 1 and len(phases) >= 3:
            events.append({"name": "national_impact", "date": phases[2]["start"], "comment": ""})
        if i % 6 == 2:
            events.append({"name": "fast", "date": phases[-1]["start"], "comment": ""})
        inc = INCUBATORS[i % len(INCUBATORS)][0]
        rel = {"incubator": {"data": {"type": "incubator", "id": inc}},
               "incubators": {"data": [{"type": "incubator", "id": inc}]}}
        if i % 11 == 5:  # a co-incubated product
            rel["incubators"]["data"].append(
                {"type": "incubator", "id": INCUBATORS[(i + 1) % len(INCUBATORS)][0]})
        data.append({
            "id": sid, "type": "startup",
            "attributes": {
                "name": name + " (démo)",
                "pitch": PITCHES[i % len(PITCHES)],
                "stats_url": "https://example.org/%s/stats" % sid if i % 3 else "",
                "repository": "https://example.org/%s.git" % sid if i % 2 == 0 else None,
                "events": events, "phases": phases,
            },
            "relationships": rel,
        })
    included = [{"id": i, "type": "incubator", "attributes": {"title": t}}
                for i, t in INCUBATORS]
    return {"meta": {"demo": True, "note": NOTE}, "data": data, "included": included}


def authors(rng, n_products):
    people = []
    for i in range(100):
        first, last = FIRST[i % len(FIRST)], LAST[(i * 7) % len(LAST)]
        domaine = DOMAINES[(i * 3) % len(DOMAINES)]
        status = ["independent", "admin", "service"][(i // 2) % 3]
        y, m = 2016 + i % 10, 1 + (i * 7) % 12
        missions = []
        n = 1 + i % 3
        for k in range(n):
            sy = min(y + 2 * k, 2026)
            start = iso(sy, m, 1 + i % 27)
            last = k == n - 1
            if i % 5 == 0 and k == 0:  # a short first mission: not retained
                end = iso(sy, min(m + 6, 12), 28)
            elif not last or i % 3 == 0:
                end = iso(min(sy + 1, 2026), 6 if sy + 1 >= 2026 else 12, 30)
            else:
                end = ""
            employer = (COACH_EMPLOYERS[i % len(COACH_EMPLOYERS)] if domaine == "Coaching"
                        else EMPLOYERS[status][(i + k) % 3])
            missions.append({"start": start, "end": end, "status": status,
                             "employer": employer,
                             "startups": ["demo-" + str(1 + (i + k) % n_products)]})
        people.append({"id": "demo.%d" % (i + 1), "fullname": "%s %s" % (first, last),
                       "role": domaine, "domaine": domaine, "link": "",
                       "missions": missions})
    return people


def eig():
    admins = ["Ministère démo de la Culture", "Agence démo de l'Eau",
              "Direction démo des Routes", "Cour démo des Comptes", "Hôpital démo"]
    defis, personnes = {}, {}
    k = 0
    for promo, year in (("1", 2017), ("2", 2018), ("3", 2019), ("dig", 2019)):
        for j in range(2):
            name = "Défi démo %s-%d" % (promo, j + 1)
            eigs = []
            for _ in range(2 + (k % 2)):
                who = "%s %s (démo)" % (FIRST[(k * 3) % len(FIRST)], LAST[k % len(LAST)])
                eigs.append(who)
                personnes[who] = {"profil": ["Développeur", "Designer", "Data scientist"][k % 3],
                                  "programme": "EIG", "annees": [year], "defis": [name]}
                k += 1
            mentor = "Mentor %d (démo)" % (len(defis) + 1)
            personnes[mentor] = {"profil": "Mentor", "programme": "EIG", "annees": [year],
                                 "defis": [name]}
            defis[name] = {"title": name, "promotion": promo if promo == "dig" else int(promo),
                           "year": year, "administration": admins[len(defis) % len(admins)],
                           "eigs": eigs, "mentors": [mentor], "description": NOTE}
    return defis, personnes


def write(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "assets"
    rng = random.Random(2026)
    demo = os.path.join(root, "demo")
    write(os.path.join(demo, "betagouv", "startups.json"), startups(rng))
    write(os.path.join(demo, "betagouv", "authors.json"), authors(rng, len(PRODUCTS)))
    write(os.path.join(demo, "betagouv", "incubators.json"),
          {i: {"title": t, "startups": []} for i, t in INCUBATORS})
    defis, personnes = eig()
    write(os.path.join(demo, "eig", "defis.json"), defis)
    write(os.path.join(demo, "eig", "personnes.json"), personnes)


if __name__ == "__main__":
    main()
