#!/usr/bin/env python3
"""A burst of refresh requests is one refresh; and a running kiosk whose
feed server resets every connection in the middle of a body keeps running, keeps its last good data on screen and
on disk, and says so (--status: the feeds are failing, their data from the
good round).

Starts the local feed server (tests/feeds/feedserver.py, 127.0.0.1) in its
normal mode, starts vitrine on SDL's offscreen driver with every feed on
that server, waits for the fresh data on screen, sends ten SIGUSR1 while
one feed takes a second to answer and checks that each feed was asked
once; then switches every feed to
"reset" (half the body, then a TCP reset), asks for a refresh (SIGUSR1) and
checks: one "Connection reset" failure per feed, the process still running
and still changing slides, no new data laid out, the cache files byte for
byte as they were, `vitrine --status` reporting every feed "failing" with
its reason, and a clean exit 0 on SIGTERM.

usage: kiosk_feed_reset.py VITRINE EMULATOR FEEDS_DIR (tests/feeds)
Exit 0 pass, 1 fail."""
import glob
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
FEEDS = ("startups", "authors", "incubators", "defis", "personnes")


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

    def wait(self, pattern, n=1, since=0, timeout=WAIT_S):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.count(pattern, since) >= n:
                return
            check(self.proc.poll() is None, "vitrine exited while waiting for %r" % pattern)
            time.sleep(0.05)
        raise Failure("no %d log line(s) matching %r within %.0f s" % (n, pattern, timeout))

    def tail(self):
        with self.lock:
            return "\n  ".join(self.lines[-30:])


def cache_files(cache_dir):
    out = {}
    for path in sorted(glob.glob(os.path.join(cache_dir, "*"))):
        with open(path, "rb") as f:
            out[os.path.basename(path)] = f.read()
    return out


BURST = 10


def burst_is_one_refresh(k, server):
    """Ten SIGUSR1 over half a second while the requested refresh is pending
    (startups takes a second to answer, the others answer at once): one
    request per feed."""
    server.take_requests()
    server.modes["startups"] = "slow"
    mark = k.mark()
    for _ in range(BURST):
        k.proc.send_signal(signal.SIGUSR1)
        time.sleep(0.05)
    k.wait(r"refresh requested", 1, mark)
    time.sleep(3.0)  # the slow answers, and any second round they would set off
    asked = {}
    for r in server.take_requests():
        asked[r["feed"]] = asked.get(r["feed"], 0) + 1
    check(asked == {n: 1 for n in FEEDS},
          "a burst of %d SIGUSR1 asked each feed once, got %s" % (BURST, asked))
    for n in FEEDS:
        server.modes[n] = "etag"


def run(vitrine, emulator, feeds_dir, tmp):
    sys.path.insert(0, feeds_dir)
    from feedserver import FeedServer  # noqa: E402 (the feed tests' server)

    with FeedServer(os.path.join(feeds_dir, "fixtures")) as server:
        cache = os.path.join(tmp, "cache")
        cfg = os.path.join(tmp, "vitrine.json")
        with open(cfg, "w") as f:
            json.dump({"cache_dir": cache, "status_file": os.path.join(tmp, "status.json"),
                       "feeds": {n: {"url": server.url(n), "refresh_interval_s": 86400,
                                     "retry_min_s": 86400, "retry_max_s": 86400,
                                     "timeout_s": 10, "connect_timeout_s": 2}
                                 for n in FEEDS},
                       "kiosk": {"slide_duration_s": 1, "transition_ms": 100}}, f)
        env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_RENDER_DRIVER="software",
                   XDG_CACHE_HOME=os.path.join(tmp, "xdg-cache"),
                   XDG_CONFIG_HOME=os.path.join(tmp, "xdg-config"),
                   XDG_RUNTIME_DIR=tmp, ASAN_OPTIONS="detect_leaks=0")
        for name in ("CACHE_DIRECTORY", "RUNTIME_DIRECTORY"):
            env.pop(name, None)
        argv0 = shlex.split(emulator) + [vitrine]
        k = Kiosk(argv0 + ["--config", cfg, "--windowed", "--size", "640x360", "--verbose"], env)
        try:
            k.wait(r"^info kiosk: new data on screen \(fresh\)$")
            # The EIG feeds show their bundled copy (real data, "bundled")
            # until fetched: "fresh" may come before their copies are kept.
            deadline = time.monotonic() + WAIT_S
            while len(cache_files(cache)) < len(FEEDS) and time.monotonic() < deadline:
                time.sleep(0.1)
            good = cache_files(cache)
            check(len(good) == len(FEEDS), "expected a cached copy per feed, got %s" % sorted(good))
            burst_is_one_refresh(k, server)
            for n in FEEDS:
                server.modes[n] = "reset"
            server.take_requests()
            mark = k.mark()
            on_screen = k.count(r"new data on screen", 0)
            k.proc.send_signal(signal.SIGUSR1)
            k.wait(r"\[\w+\] .*[Rr]eset.*; keeping the last good copy$", len(FEEDS), mark)
            slides = k.count(r"^info kiosk: slide \d+/\d+ ", 0)
            k.wait(r"^info kiosk: slide \d+/\d+ ", slides + 2)  # still rotating
            check(k.proc.poll() is None, "the kiosk died after the resets")
            check(k.count(r"new data on screen", 0) == on_screen,
                  "a reset body was laid out as new data")
            check(cache_files(cache) == good, "a cache file changed after the resets")
            st = subprocess.run(argv0 + ["--status", "--config", cfg], env=env,
                                capture_output=True, text=True, timeout=WAIT_S)
            check(st.returncode == 0, "--status: exit %d: %s" % (st.returncode, st.stderr))
            feeds = json.loads(st.stdout)["feeds"]
            for n in FEEDS:
                check(feeds[n]["state"] == "failing" and feeds[n]["last_error"],
                      "--status: %s is %s" % (n, feeds[n]))
            k.proc.send_signal(signal.SIGTERM)
            rc = k.proc.wait(timeout=WAIT_S)
            check(rc == 0, "exit status %d after SIGTERM" % rc)
        except Failure:
            print("kiosk log, last lines:\n  " + k.tail())
            raise
        finally:
            if k.proc.poll() is None:
                k.proc.kill()
                k.proc.wait()


def main():
    vitrine, emulator, feeds_dir = sys.argv[1:4]
    with tempfile.TemporaryDirectory(prefix="vitrine-reset-") as tmp:
        try:
            run(vitrine, emulator, feeds_dir, tmp)
        except Failure as e:
            print("FAIL: %s" % e)
            return 1
    print("2 passed, 0 failed: a burst of SIGUSR1 is one refresh; resets mid-body leave the "
          "kiosk running on its last good data")
    return 0


if __name__ == "__main__":
    sys.exit(main())
