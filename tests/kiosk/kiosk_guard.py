#!/usr/bin/env python3
"""A running kiosk and the plausibility guard, as an operator meets them.

Starts vitrine on SDL's offscreen driver with the startups and authors
feeds on the local feed server (tests/feeds/feedserver.py, 127.0.0.1; ETag
and 304), a refresh every 10 s, a status file and a metrics file. Checks:
  - a feed that does not change (the server answers 304) is not "old":
    `fetched_at` in `vitrine --status` advances at every refresh, its state
    stays "fresh", and no slide is laid out again for it;
  - a startups body whose phase names come in capitals is held: --status
    says "held" with the field in last_error and held_at set (its badge
    drawn without a new layout of the slides), the metrics
    file has vitrine_feed_held{feed="startups"} 1, the kiosk logs one
    warning naming the field, no new data is laid out, the cache file is
    byte for byte the same and the body waits as startups.held;
  - `vitrine --accept startups` (with the kiosk's configuration) says it
    told the running kiosk, which takes the body in at once (its log says
    so, its slides are laid out with it), and --status says "fresh" with
    accepted_at set and no held_at.

usage: kiosk_guard.py VITRINE EMULATOR FEEDS_DIR (tests/feeds)
Exit 0 pass, 1 fail."""
import json
import os
import re
import shlex
import signal
import subprocess
import sys

from kioskrun import Failure, Kiosk, check, kiosk_env, run_in_tmp

WAIT_S = 60.0  # a sanitizer build, or qemu in the cross stage
REFRESH_S = 10  # the smallest refresh_interval_s


class Env:
    def __init__(self, argv0, tmp):
        self.argv0, self.env = argv0, kiosk_env(tmp)

    def run(self, config, *args):
        p = subprocess.run(self.argv0 + ["--config", config] + list(args), env=self.env,
                           capture_output=True, text=True, timeout=WAIT_S)
        return p.returncode, p.stdout, p.stderr

    def status(self, config):
        rc, out, _ = self.run(config, "--status")
        return json.loads(out) if rc == 0 else None

    def status_when(self, kiosk, config, what, test, timeout=WAIT_S):
        """The first --status document whose startups feed passes test."""
        def doc():
            s = self.status(config)
            return s if s and test(s["feeds"]["startups"]) else None
        return kiosk.wait_until(what, doc, timeout)


def unchanged_feed_is_not_old(env, kiosk, config, srv):
    def both_fresh():
        doc = env.status(config)
        fresh = doc and all(doc["feeds"][f]["state"] == "fresh" for f in ("startups", "authors"))
        return doc if fresh else None
    first = kiosk.wait_until("startups and authors fresh in --status", both_fresh, WAIT_S)
    t0 = first["feeds"]["startups"]["fetched_at"]
    # The fetched data's slides are laid out off the display thread and
    # taken a moment later: the 304s count from the first one on, a refresh
    # interval after the data came.
    mark = kiosk.wait_for(r"feeds: \[startups\] not modified \(304\)", since=kiosk.mark(),
                          timeout=WAIT_S + 2 * REFRESH_S) - 1
    srv.take_requests()
    for _ in range(2):  # two refreshes that bring nothing new
        prev = t0
        doc = env.status_when(kiosk, config, "fetched_at moving past %s" % prev,
                              lambda f: f["fetched_at"] > prev, WAIT_S + 2 * REFRESH_S)
        t0 = doc["feeds"]["startups"]["fetched_at"]
        check(doc["feeds"]["startups"]["state"] == "fresh", "state %r after a 304" %
              doc["feeds"]["startups"]["state"])
        check(0 <= doc["feeds"]["startups"]["age_s"] <= REFRESH_S + 5,
              "age_s %r after a 304" % doc["feeds"]["startups"]["age_s"])
    reqs = [r for r in srv.take_requests() if r["feed"] == "startups"]
    check(reqs and all(r["status"] == 304 for r in reqs),
          "the refreshes were 304s: %s" % [r["status"] for r in reqs])
    check(kiosk.find(r"new data on screen|slides laid out \((new data|feed states)\)",
                     since=mark) is None, "no slide laid out again for a 304")


def capitals(body):
    doc = json.loads(body)
    for rec in doc["data"]:
        for ph in rec["attributes"].get("phases") or []:
            ph["name"] = ph["name"].upper()
    return json.dumps(doc).encode()


def cache_file(tmp, name):
    path = os.path.join(tmp, "cache", name)
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        return f.read()


def held_body(env, kiosk, config, srv, tmp):
    cached = cache_file(tmp, "startups.cache")
    mark = kiosk.mark()
    srv.bodies["startups"] = capitals(srv.body("startups"))
    kiosk.proc.send_signal(signal.SIGUSR1)
    doc = env.status_when(kiosk, config, "startups held in --status",
                          lambda f: f["state"] == "held")
    feed = doc["feeds"]["startups"]
    check("phases[].name" in (feed["last_error"] or ""), "last_error names the field: %r" % feed)
    check(feed["held_at"] is not None and feed["accepted_at"] is None, "held_at set: %r" % feed)
    kiosk.wait_for(r"^warn feeds: \[startups\] new body held as implausible: phases\[\]\.name",
                   since=mark, timeout=WAIT_S)
    # The metrics file (persistent storage) follows within
    # STATUS_METRICS_MIN_INTERVAL_S (60 s) of its last write.
    def held_metric():
        with open(os.path.join(tmp, "metrics.prom")) as f:
            return re.search(r'^vitrine_feed_held\{feed="startups"\} 1$', f.read(), re.M)
    kiosk.wait_until("vitrine_feed_held{feed=\"startups\"} 1 in the metrics file", held_metric,
                     60 + WAIT_S)
    check(kiosk.find(r"new data on screen", since=mark) is None, "a held body is never shown")
    # The badge "MISE À JOUR SUSPENDUE" comes with the footers' state alone:
    # nothing is laid out again for it (deck_set_states).
    check(kiosk.find(r"slides laid out \(feed states\)", since=mark) is None,
          "the held state's badge without a new layout")
    check(cache_file(tmp, "startups.cache") == cached, "cache file byte for byte the same")
    check((cache_file(tmp, "startups.held") or b"").endswith(srv.body("startups")),
          "the body waits as startups.held")


def accepted(env, kiosk, config, srv, tmp):
    mark = kiosk.mark()
    rc, out, err = env.run(config, "--accept", "startups")
    check(rc == 0, "--accept exit %d: %s" % (rc, err))
    check("the running kiosk (pid %d) shows it now" % kiosk.proc.pid in out,
          "--accept told the kiosk: %r" % out)
    kiosk.wait_for(r"\[startups\] a new last good copy in the cache folder \(accepted with "
                   r"vitrine --accept\): shown", since=mark, timeout=WAIT_S)
    kiosk.wait_for(r"new data on screen", since=mark, timeout=WAIT_S)
    doc = env.status_when(kiosk, config, "startups fresh again", lambda f: f["state"] == "fresh")
    feed = doc["feeds"]["startups"]
    check(feed["accepted_at"] is not None and feed["held_at"] is None,
          "accepted_at set, held_at null: %r" % feed)
    check(cache_file(tmp, "startups.held") is None, "no held body left")
    check((cache_file(tmp, "startups.cache") or b"").endswith(srv.body("startups")),
          "the accepted body is the cached copy")


def scenario(binary, emulator, feeds_dir, tmp):
    sys.path.insert(0, feeds_dir)
    from feedserver import FeedServer  # noqa: E402 (tests/feeds)
    env = Env(shlex.split(emulator) + [binary], tmp)
    with FeedServer(os.path.join(feeds_dir, "fixtures")) as srv:
        config = os.path.join(tmp, "vitrine.json")
        feeds = {f: {"url": srv.url(f), "refresh_interval_s": REFRESH_S}
                 for f in ("startups", "authors")}
        feeds.update({f: {"url": ""} for f in ("incubators", "defis", "personnes")})
        with open(config, "w") as f:
            json.dump({"cache_dir": os.path.join(tmp, "cache"),
                       "status_file": os.path.join(tmp, "run", "status.json"),
                       "metrics_file": os.path.join(tmp, "metrics.prom"),
                       "feeds": feeds,
                       "kiosk": {"slide_duration_s": 3, "transition": "none"}}, f)
        kiosk = Kiosk(binary, emulator, tmp, ["--config", config, "--verbose"], echo=False)
        try:
            unchanged_feed_is_not_old(env, kiosk, config, srv)
            held_body(env, kiosk, config, srv, tmp)
            accepted(env, kiosk, config, srv, tmp)
            rc, _ = kiosk.exit_time(signal.SIGTERM, timeout=WAIT_S)
            check(rc == 0, "SIGTERM: exit status %r" % rc)
        except Failure as e:
            raise Failure("%s\n  %s" % (e, "\n  ".join(kiosk.log()[-30:])))
        finally:
            kiosk.close()
    return "ok: unchanged feeds stay fresh, a held body waits, --accept takes it in"


def main():
    binary, emulator, feeds_dir = sys.argv[1:4]
    return run_in_tmp("vitrine-guard-kiosk-",
                      lambda tmp: scenario(binary, emulator, feeds_dir, tmp))


if __name__ == "__main__":
    sys.exit(main())
