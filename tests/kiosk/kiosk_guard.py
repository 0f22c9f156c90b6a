#!/usr/bin/env python3
"""A running kiosk and the plausibility guard, as an operator meets them.

Starts vitrine on SDL's offscreen driver with the startups and authors
feeds on the local feed server (tests/feeds/feedserver.py, 127.0.0.1; ETag
and 304), a refresh every 10 s, a status file and a metrics file. Checks:
  - a feed that does not change (the server answers 304) is not "old":
    `fetched_at` in `vitrine --status` advances at every refresh, its state
    stays "fresh", and no slide is laid out again for it;
  - a startups body whose phase names come in capitals is held: --status
    says "held" with the field in last_error and held_at set, the metrics
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
import tempfile
import threading
import time

WAIT_S = 60.0  # a sanitizer build, or qemu in the cross stage
REFRESH_S = 10  # the smallest refresh_interval_s


class Failure(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failure(what)


class Kiosk:
    def __init__(self, argv, env):
        self.proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     text=True)
        self.lines, self.lock = [], threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stderr:
            with self.lock:
                self.lines.append(line.rstrip("\n"))

    def count(self, pattern, since=0):
        rx = re.compile(pattern)
        with self.lock:
            return sum(1 for l in self.lines[since:] if rx.search(l))

    def mark(self):
        with self.lock:
            return len(self.lines)

    def wait(self, pattern, since=0, timeout=WAIT_S):
        until(lambda: self.count(pattern, since) >= 1, "a log line matching %r" % pattern,
              self, timeout)

    def tail(self):
        with self.lock:
            return "\n  ".join(self.lines[-30:])


def until(pred, what, kiosk, timeout=WAIT_S):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = pred()
        if got:
            return got
        check(kiosk.proc.poll() is None, "vitrine exited while waiting for " + what)
        time.sleep(0.1)
    raise Failure("not seen within %.0f s: %s" % (timeout, what))


class Env:
    def __init__(self, argv0, tmp):
        self.argv0, self.tmp = argv0, tmp
        self.env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_RENDER_DRIVER="software",
                        XDG_CACHE_HOME=os.path.join(tmp, "xdg-cache"),
                        XDG_CONFIG_HOME=os.path.join(tmp, "xdg-config"),
                        XDG_RUNTIME_DIR=os.path.join(tmp, "xdg-runtime"),
                        ASAN_OPTIONS="detect_leaks=0")
        for name in ("CACHE_DIRECTORY", "RUNTIME_DIRECTORY"):
            self.env.pop(name, None)

    def run(self, config, *args):
        p = subprocess.run(self.argv0 + ["--config", config] + list(args), env=self.env,
                           capture_output=True, text=True, timeout=WAIT_S)
        return p.returncode, p.stdout, p.stderr

    def status(self, config):
        rc, out, _ = self.run(config, "--status")
        return json.loads(out) if rc == 0 else None


def startups_feed(status):
    return status["feeds"]["startups"] if status else None


def unchanged_feed_is_not_old(env, kiosk, config, srv):
    first = until(lambda: (startups_feed(env.status(config)) or {}).get("state") == "fresh"
                  and env.status(config), "startups fresh in --status", kiosk)
    t0 = first["feeds"]["startups"]["fetched_at"]
    mark = kiosk.mark()
    srv.take_requests()
    for _ in range(2):  # two refreshes that bring nothing new
        prev = t0
        doc = until(lambda: (lambda s: s if s and s["feeds"]["startups"]["fetched_at"] > prev
                             else None)(env.status(config)),
                    "fetched_at moving past %s" % prev, kiosk, timeout=WAIT_S + 2 * REFRESH_S)
        t0 = doc["feeds"]["startups"]["fetched_at"]
        check(doc["feeds"]["startups"]["state"] == "fresh", "state %r after a 304" %
              doc["feeds"]["startups"]["state"])
        check(0 <= doc["feeds"]["startups"]["age_s"] <= REFRESH_S + 5,
              "age_s %r after a 304" % doc["feeds"]["startups"]["age_s"])
    reqs = [r for r in srv.take_requests() if r["feed"] == "startups"]
    check(reqs and all(r["status"] == 304 for r in reqs),
          "the refreshes were 304s: %s" % [r["status"] for r in reqs])
    check(kiosk.count(r"new data on screen|slides rebuilt \((new data|feed states)\)",
                      since=mark) == 0, "no slide laid out again for a 304")


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
    shown = kiosk.count(r"new data on screen")
    mark = kiosk.mark()
    srv.bodies["startups"] = capitals(srv.body("startups"))
    kiosk.proc.send_signal(signal.SIGUSR1)
    doc = until(lambda: (lambda s: s if s and s["feeds"]["startups"]["state"] == "held"
                         else None)(env.status(config)), "startups held in --status", kiosk)
    feed = doc["feeds"]["startups"]
    check("phases[].name" in (feed["last_error"] or ""), "last_error names the field: %r" % feed)
    check(feed["held_at"] is not None and feed["accepted_at"] is None, "held_at set: %r" % feed)
    kiosk.wait(r"^warn feeds: \[startups\] new body held as implausible: phases\[\]\.name",
               since=mark)
    with open(os.path.join(tmp, "metrics.prom")) as f:
        check(re.search(r'^vitrine_feed_held\{feed="startups"\} 1$', f.read(), re.M),
              "metrics: vitrine_feed_held for startups is not 1")
    check(kiosk.count(r"new data on screen") == shown, "a held body is never shown")
    check(cache_file(tmp, "startups.cache") == cached, "cache file byte for byte the same")
    check((cache_file(tmp, "startups.held") or b"").endswith(srv.body("startups")),
          "the body waits as startups.held")


def accepted(env, kiosk, config, srv, tmp):
    mark = kiosk.mark()
    rc, out, err = env.run(config, "--accept", "startups")
    check(rc == 0, "--accept exit %d: %s" % (rc, err))
    check("the running kiosk (pid %d) shows it now" % kiosk.proc.pid in out,
          "--accept told the kiosk: %r" % out)
    kiosk.wait(r"\[startups\] a new last good copy in the cache folder \(accepted with vitrine "
               r"--accept\): shown", since=mark)
    kiosk.wait(r"new data on screen", since=mark)
    doc = until(lambda: (lambda s: s if s and s["feeds"]["startups"]["state"] == "fresh"
                         else None)(env.status(config)), "startups fresh again", kiosk)
    feed = doc["feeds"]["startups"]
    check(feed["accepted_at"] is not None and feed["held_at"] is None,
          "accepted_at set, held_at null: %r" % feed)
    check(cache_file(tmp, "startups.held") is None, "no held body left")
    check((cache_file(tmp, "startups.cache") or b"").endswith(srv.body("startups")),
          "the accepted body is the cached copy")


def main():
    vitrine, emulator, feeds_dir = sys.argv[1:4]
    sys.path.insert(0, feeds_dir)
    from feedserver import FeedServer  # noqa: E402 (tests/feeds)
    tmp = tempfile.mkdtemp(prefix="vitrine-guard-kiosk-")
    env = Env(shlex.split(emulator) + [vitrine], tmp)
    srv = FeedServer(os.path.join(feeds_dir, "fixtures"))
    kiosk = None
    try:
        with srv:
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
            kiosk = Kiosk(env.argv0 + ["--config", config, "--windowed", "--size", "640x360",
                                       "--verbose"], env.env)
            unchanged_feed_is_not_old(env, kiosk, config, srv)
            held_body(env, kiosk, config, srv, tmp)
            accepted(env, kiosk, config, srv, tmp)
            kiosk.proc.send_signal(signal.SIGTERM)
            check(kiosk.proc.wait(timeout=WAIT_S) == 0, "SIGTERM: exit status not 0")
        print("ok: unchanged feeds stay fresh, a held body waits, --accept takes it in")
        return 0
    except Failure as e:
        print("FAIL: %s\n  %s" % (e, kiosk.tail() if kiosk else ""))
        return 1
    finally:
        if kiosk and kiosk.proc.poll() is None:
            kiosk.proc.kill()
            kiosk.proc.wait()


if __name__ == "__main__":
    sys.exit(main())
