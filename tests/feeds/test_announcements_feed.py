#!/usr/bin/env python3
"""The announcements feed (feeds.announcements.url) against a real HTTP
server on 127.0.0.1 (feedserver.py): fetched, validated and cached like
every other feed, shown as a slide from the cache, also with the server
gone; a body whose every entry is bad, or a server error, keeps the last
good copy; the feed never changes --dump-stats' exit status; an entry's url
is only a QR code (a file:// url is refused with its index and key); more
than 16 entries: the others left out, said in one line naming the feed.

usage: test_announcements_feed.py VITRINE EMULATOR FIXTURES ASSETS
Exit 0 pass, 1 fail."""
import glob
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

from feedserver import FeedServer

FEEDS = ["startups", "authors", "incubators", "defis", "personnes"]
NOW = "2024-01-01"
RUN_TIMEOUT_S = 60
LIMITS = {"connect_timeout_s": 3, "timeout_s": 10, "max_bytes": 100000}
GOOD = [{"title": "Journée portes ouvertes", "text": "Venez rencontrer les équipes au 5e étage.",
         "from": "2023-12-31", "to": "2024-01-02", "url": "https://beta.gouv.fr/incubateurs"},
        {"title": "Plus tard", "text": "Pas encore", "from": "2024-02-01", "to": "2024-02-02"}]

checks, failures = [], []


def check(cond, what):
    checks.append(what)
    if not cond:
        failures.append(what)
        print("FAIL " + what, file=sys.stderr)
    return cond


class Env:
    def __init__(self, vitrine, tmp, srv):
        self.vitrine, self.tmp, self.srv = vitrine, tmp, srv
        self.cache_dir = os.path.join(tmp, "cache")
        self.config = os.path.join(tmp, "vitrine.json")
        feeds = {f: dict(LIMITS, url=srv.url(f)) for f in FEEDS}
        feeds["announcements"] = dict(LIMITS, url=srv.url("announcements"))
        with open(self.config, "w") as f:
            json.dump({"cache_dir": self.cache_dir, "feeds": feeds}, f)

    def run(self, *args):
        env = dict(os.environ, XDG_CACHE_HOME=os.path.join(self.tmp, "xdg-cache"),
                   XDG_CONFIG_HOME=os.path.join(self.tmp, "xdg-config"),
                   SDL_VIDEODRIVER="offscreen")
        p = subprocess.run(self.vitrine + list(args) + ["--config", self.config, "--now", NOW],
                           capture_output=True, text=True, timeout=RUN_TIMEOUT_S, env=env,
                           cwd=self.tmp)
        return p.returncode, p.stdout, p.stderr

    def cached(self):
        path = os.path.join(self.cache_dir, "announcements.cache")
        if not os.path.exists(path):
            return None
        with open(path, "rb") as f:
            return f.read().split(b"\n", 1)[1]

    def slides(self, name):
        out = os.path.join(self.tmp, name)
        shutil.rmtree(out, ignore_errors=True)
        rc, stdout, err = self.run("--render-slides", out, "--size", "1280x720")
        check(rc == 0, "%s: --render-slides exits 0 (%d: %s)" % (name, rc, err.strip()))
        return [os.path.basename(p) for p in glob.glob(os.path.join(out, "*announcement*.png"))]


def main():
    vitrine, emulator, fixtures, _assets = sys.argv[1:5]
    with tempfile.TemporaryDirectory(prefix="vitrine-announcements-") as tmp:
        served = os.path.join(tmp, "served")
        shutil.copytree(fixtures, served)
        with open(os.path.join(served, "announcements.json"), "w", encoding="utf-8") as f:
            json.dump(GOOD, f, ensure_ascii=False)
        srv = FeedServer(served)
        with srv:
            env = Env(shlex.split(emulator) + [os.path.abspath(vitrine)], tmp, srv)
            rc, out, err = env.run("--dump-stats")
            check(rc == 0, "first fetch: exit 0 (%d: %s)" % (rc, err.strip()))
            check("announcements" not in out, "--dump-stats prints no announcement")
            good = env.cached()
            check(good is not None and json.loads(good) == GOOD,
                  "the announcements body is cached as served")
            shown = env.slides("online")
            check(len(shown) == 1, "one announcement inside its window: %s" % shown)

            srv.bodies["announcements"] = json.dumps(
                [{"title": "x", "text": "y", "from": "2024-01-01", "to": "2024-01-02",
                  "url": "file:///etc/passwd"}]).encode()
            rc, out, err = env.run("--dump-stats")
            check(rc == 0, "an all-bad announcements body does not change the exit status (%d)"
                  % rc)
            check("[announcements]" in err and "announcements[0].url" in err,
                  "the refused body is one line naming the entry and its key: %s" % err.strip())
            check(env.cached() == good, "an all-bad body keeps the last good copy")

            del srv.bodies["announcements"]
            srv.modes["announcements"] = "500"
            rc, out, err = env.run("--dump-stats")
            check(rc == 0, "a failing announcements feed does not change the exit status (%d)"
                  % rc)
            check("[announcements] not refreshed (HTTP 500)" in err,
                  "a failing announcements feed is one line: %s" % err.strip())
            check(env.cached() == good, "a server error keeps the last good copy")
            srv.modes["announcements"] = "etag"

            # More than ANNOUNCE_MAX: the first 16 kept, the others named in
            # one line of the feed's own (it once said "(null)": the feed
            # has no file name to give).
            srv.bodies["announcements"] = json.dumps(
                [dict(GOOD[0], title="Annonce %d" % i) for i in range(20)]).encode()
            rc, out, err = env.run("--dump-stats")
            check(rc == 0, "20 announcements: exit 0 (%d: %s)" % (rc, err.strip()))
            check("(null)" not in err, "no log line prints a NULL string: %s" % err.strip())
            check("warn feeds: [announcements] 4 announcement(s) beyond the first 16 left out"
                  in err, "the announcements left out are one line naming the feed: %s"
                  % err.strip())

            srv.bodies["announcements"] = b"[]"
            rc, out, err = env.run("--dump-stats")
            check(rc == 0 and env.cached() == b"[]", "no announcement today is a good body")
            check(env.slides("empty") == [], "an empty list shows no announcement")
            del srv.bodies["announcements"]
            rc, out, err = env.run("--dump-stats")
            check(rc == 0 and env.cached() == good, "the announcements come back")
        # The server is gone: the cached copy is still shown.
        shown = env.slides("offline")
        check(len(shown) == 1, "with the server gone the announcement is shown from the cache")
        rc, out, err = env.run("--dump-stats")
        check(rc == 0, "server gone: exit 0 from the caches (%d)" % rc)
    print("%d passed, %d failed" % (len(checks) - len(failures), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
