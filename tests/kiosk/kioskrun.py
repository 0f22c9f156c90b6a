"""The real kiosk on SDL's offscreen driver (software renderer: no display
needed), sealed off from the user's files: shared by kiosk_special_files.py
and kiosk_early_signals.py. Its stderr is read line by line on a thread;
wait_for() finds a log line, exit_time() measures how long a signal takes
to end the process."""
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

SKIP = 77
FEEDS = ("startups", "authors", "incubators", "defis", "personnes")


class Failure(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failure(what)


def kiosk_env(tmp):
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_RENDER_DRIVER="software",
               XDG_CACHE_HOME=os.path.join(tmp, "xdg-cache"),
               XDG_CONFIG_HOME=os.path.join(tmp, "xdg-config"),
               XDG_RUNTIME_DIR=os.path.join(tmp, "xdg-runtime"),
               # The deadline's _exit and the tests' kills skip LeakSanitizer
               # anyway; the unit tests check our leaks.
               ASAN_OPTIONS="detect_leaks=0")
    for name in ("CACHE_DIRECTORY", "RUNTIME_DIRECTORY"):  # systemd's, would win
        env.pop(name, None)
    return env


def write_config(path, cache_dir, feeds=None, files=None, **kiosk):
    """A configuration that never touches the network: every feed is ""
    (the bundled demo data) unless feeds gives a local path; no status file
    unless files gives status_file (and metrics_file)."""
    urls = {name: "" for name in FEEDS}
    urls.update(feeds or {})
    with open(path, "w") as f:
        json.dump(dict({"cache_dir": cache_dir, "status_file": "",
                        "feeds": {name: {"url": url} for name, url in urls.items()},
                        "kiosk": dict({"slide_duration_s": 1, "transition_ms": 100,
                                       "burn_in_shift_px": 0}, **kiosk)}, **(files or {})), f)


class Kiosk:
    def __init__(self, binary, emulator, tmp, args, echo=True, env=None):
        self.proc = subprocess.Popen(shlex.split(emulator) + [binary, "--windowed", "--size",
                                                                 "480x270"] + list(args),
                                     env=dict(kiosk_env(tmp), **(env or {})), stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.echo = echo
        self.lines = []
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stderr:
            if self.echo:
                sys.stderr.write("  | " + line)
            with self.lock:
                self.lines.append(line.rstrip("\n"))

    def log(self):
        with self.lock:
            return list(self.lines)

    def mark(self):
        with self.lock:
            return len(self.lines)

    def find(self, pattern, since=0):
        rx = re.compile(pattern)
        with self.lock:
            for i in range(since, len(self.lines)):
                if rx.search(self.lines[i]):
                    return i + 1
        return None

    def wait_for(self, pattern, since=0, timeout=30.0):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            found = self.find(pattern, since)
            if found:
                return found
            check(self.proc.poll() is None,
                  "vitrine exited (status %r) while waiting for %r" % (self.proc.returncode,
                                                                       pattern))
            time.sleep(0.02)
        raise Failure("no log line matching %r within %.0f s" % (pattern, timeout))

    def wait_until(self, what, pred, timeout=30.0):
        """pred()'s first true value, polled while the kiosk runs."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            got = pred()
            if got:
                return got
            check(self.proc.poll() is None,
                  "vitrine exited (status %r) while waiting for %s" % (self.proc.returncode, what))
            time.sleep(0.1)
        raise Failure("not seen within %.0f s: %s" % (timeout, what))

    def exit_time(self, sig, timeout=10.0):
        """Sends sig and returns (exit status, seconds until the process
        ended); kills it and fails when it outlives timeout."""
        t0 = time.monotonic()
        self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.close()
            raise Failure("%s did not end vitrine within %.0f s" % (signal.Signals(sig).name,
                                                                   timeout))
        took = time.monotonic() - t0
        self.reader.join(timeout=5)  # the last lines
        return rc, took

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def run_in_tmp(prefix, body):
    """A test's main: body(tmp) in a temporary directory removed after it,
    returning the summary line; exit status 0, or 1 with "FAIL: why"."""
    tmp = tempfile.mkdtemp(prefix=prefix)
    try:
        print(body(tmp))
        return 0
    except Failure as e:
        print("FAIL: %s" % e)
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
