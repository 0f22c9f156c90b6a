#!/usr/bin/env python3
"""The architecture of README "Architecture", checked on the sources.

The build already refuses an #include that goes against the layers (each
folder sees only the public headers of the folders it links). This checks
what the build cannot see:
  - app/ has the folders of the README and no other (no grab-bag app/core);
  - no folder of app/ holds more than 12 .c files;
  - SDL is included only in the screen layers (render, slides, kiosk) and
    main.c; curl in one file (app/feeds/fetch.c); cJSON in one folder
    (app/json);
  - every header of include/vitrine/ belongs to a module (a .c of the same
    name) and is used by another folder than its own: a header only its
    own folder uses sits next to its sources;
  - no module outside app/base defines its own FNV-1a, mkdir -p or
    monotonic clock (one copy of each helper, in base);
  - no banned C function (sprintf, strcpy, strcat, atoi, strtok...): they
    cannot say when something does not fit.
Usage: check_architecture.py ROOT, or check_architecture.py --self-test
(the checks run on a small tree that breaks each rule once, and must report
every break).
"""
import os
import re
import sys

FOLDERS = ["base", "model", "stats", "design", "kiosk/policy", "json", "feeds", "cli",
           "render", "slides", "kiosk"]
SCREEN = {"render", "slides", "kiosk", "main.c"}
MAX_C_FILES = 12
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)
# What a second copy of a base helper looks like.
HELPER_COPIES = {
    "FNV-1a (base/hash.c)": re.compile(r"1099511628211|0x100000001b3", re.I),
    "mkdir -p (fileio_mkdirs)": re.compile(r"\bmkdir\s*\("),
    "the monotonic clock (vclock_system_ms)": re.compile(r"clock_gettime\s*\(\s*CLOCK_MONOTONIC"),
}
HELPER_HOMES = {"base"}
BANNED = re.compile(r"\b(sprintf|vsprintf|strcpy|strcat|atoi|atol|strtok|gets)\s*\(")

problems = []


def folder_of(rel):
    """app/kiosk/policy/x.c -> kiosk/policy; app/main.c -> main.c."""
    parts = rel.split("/")[1:]
    if len(parts) == 1:
        return parts[0]
    if parts[0] == "kiosk" and parts[1] == "policy":
        return "kiosk/policy"
    return parts[0]


def sources(root):
    out = {}
    for base, _, files in os.walk(os.path.join(root, "app")):
        for f in files:
            if f.endswith((".c", ".h")):
                path = os.path.join(base, f)
                out[os.path.relpath(path, root)] = open(path, encoding="utf-8").read()
    return out


def check_folders(root, files):
    present = sorted({folder_of(r) for r in files} - {"main.c"})
    for f in present:
        if f not in FOLDERS:
            problems.append(f"app/{f}: not a folder of the architecture ({', '.join(FOLDERS)})")
    for f in FOLDERS:
        n = sum(1 for r in files if r.endswith(".c") and folder_of(r) == f)
        if n == 0:
            problems.append(f"app/{f}: missing")
        if n > MAX_C_FILES:
            problems.append(f"app/{f}: {n} .c files (at most {MAX_C_FILES}: split it)")


def check_libraries(files, headers):
    everything = dict(files)
    everything.update(headers)
    for rel, text in everything.items():
        owner = folder_of(rel) if rel.startswith("app/") else headers_owner.get(rel)
        for inc in INCLUDE.findall(text):
            if inc.startswith("SDL2/") and owner not in SCREEN:
                problems.append(f"{rel}: includes <{inc}> outside render, slides, kiosk, main.c")
            if inc.startswith("SDL2/SDL_ttf") and owner != "render":
                problems.append(f"{rel}: includes <{inc}>: SDL_ttf belongs to app/render")
            if inc.startswith("curl/") and rel != "app/feeds/fetch.c":
                problems.append(f"{rel}: includes <{inc}>: curl belongs to app/feeds/fetch.c")
            if inc.startswith("cjson/") and owner != "json":
                problems.append(f"{rel}: includes <{inc}>: cJSON belongs to app/json")


def check_helpers(files):
    for rel, text in files.items():
        if folder_of(rel) in HELPER_HOMES:
            continue
        code = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        for what, pattern in HELPER_COPIES.items():
            if pattern.search(code):
                problems.append(f"{rel}: a copy of {what}: call the one in app/base")


def check_banned(files):
    for rel, text in files.items():
        code = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        for m in BANNED.finditer(code):
            problems.append(f"{rel}: calls {m.group(1)}(): use snprintf / strtol")


headers_owner = {}


def check_public_headers(root, files):
    inc_dir = os.path.join(root, "include", "vitrine")
    modules = {}
    for rel in files:
        if rel.endswith(".c"):
            modules[os.path.basename(rel)[:-2]] = folder_of(rel)
    headers = {}
    for h in sorted(os.listdir(inc_dir)):
        rel = f"include/vitrine/{h}"
        headers[rel] = open(os.path.join(inc_dir, h), encoding="utf-8").read()
        owner = modules.get(h[:-2])
        if owner is None:
            problems.append(f"{rel}: no module of that name in app/")
        headers_owner[rel] = owner
    for rel, owner in headers_owner.items():
        name = os.path.basename(rel)
        users = {folder_of(r) for r, t in files.items() if f'"vitrine/{name}"' in INCLUDE.findall(t)
                 or f"vitrine/{name}" in INCLUDE.findall(t)}
        users |= {headers_owner[r] for r, t in headers.items() if f"vitrine/{name}" in
                  INCLUDE.findall(t)}
        users.discard(owner)
        users.discard(None)
        if not users:
            problems.append(f"{rel}: used by app/{owner} only: it belongs next to its sources")
    return headers


def check(root):
    problems.clear()
    headers_owner.clear()
    files = sources(root)
    if os.path.isdir(os.path.join(root, "app", "core")):
        problems.append("app/core exists: a grab-bag folder is two folders")
    check_folders(root, files)
    headers = check_public_headers(root, files)
    check_libraries(files, headers)
    check_helpers(files)
    check_banned(files)
    return len(files) + len(headers)


# The self-test's tree: one file per rule broken, and what must be said.
BROKEN = {
    "app/core/grab.c": "",
    "app/base/ok.c": "",
    "app/stats/stats.c": '#include <SDL2/SDL.h>\n',
    "app/slides/deck.c": '#include <SDL2/SDL_ttf.h>\n#include <cjson/cJSON.h>\n',
    "app/feeds/cache.c": '#include <curl/curl.h>\nstatic int m(void) { return mkdir("x", 0); }\n',
    "app/render/fonts.c": "unsigned long h = 1099511628211ULL;\n",
    "app/cli/cli.c": "static int n(const char *s) { return atoi(s); }\n",
    "include/vitrine/stats.h": "",
    "include/vitrine/orphan.h": "",
}
MUST_SAY = ["app/core exists", "app/stats/stats.c: includes <SDL2/SDL.h>",
            "SDL_ttf belongs to app/render", "cJSON belongs to app/json",
            "curl belongs to app/feeds/fetch.c", "a copy of mkdir -p", "a copy of FNV-1a",
            "include/vitrine/orphan.h: no module", "include/vitrine/stats.h: used by app/stats only",
            "app/model: missing", "app/cli/cli.c: calls atoi()"]


def self_test():
    import tempfile
    with tempfile.TemporaryDirectory() as root:
        for rel, text in BROKEN.items():
            os.makedirs(os.path.join(root, os.path.dirname(rel)), exist_ok=True)
            with open(os.path.join(root, rel), "w", encoding="utf-8") as f:
                f.write(text)
        for i in range(MAX_C_FILES + 1):
            open(os.path.join(root, "app", "base", f"m{i}.c"), "w").close()
        check(root)
        said = "\n".join(problems)
        missed = [m for m in MUST_SAY + ["app/base: 14 .c files"] if m not in said]
    for m in missed:
        print("architecture self-test: not reported: " + m)
    print(f"{len(MUST_SAY) + 1 - len(missed)} passed, {len(missed)} failed")
    return 1 if missed else 0


def main():
    if sys.argv[1] == "--self-test":
        return self_test()
    checks = check(sys.argv[1])
    for p in problems:
        print("architecture: " + p)
    print(f"{checks - len(problems)} passed, {len(problems)} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
