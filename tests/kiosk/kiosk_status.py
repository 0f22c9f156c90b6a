#!/usr/bin/env python3
"""The status file and the metrics file of the real kiosk, end to end.

Starts vitrine (SDL's offscreen driver, software renderer: no display) with
a configuration in a temp dir that sets status_file and metrics_file, feeds
read from local files (startups, authors: fresh), a feed whose file is
missing (incubators: demo, with the reason) and bundled ones (defis,
personnes: the real EIG copy, "bundled"). Then checks what an operator would:
  - `vitrine --status --config FILE` exits 0 and prints the kiosk's pid, the
    slide the log's last "slide N/M name" line names, and every feed with
    the state it has (fresh once the files are read, bundled, demo);
  - the metrics file holds a vitrine_feed_up line per feed (1 for the fresh
    ones and the bundled EIG copy, 0 for the others), the slide counter and the build info; both
    files are mode 0644 and no temporary file is left next to them;
  - the slide counter moves from one --status to a later one;
  - after SIGTERM, --status exits 1 with one line naming the pid that has
    exited; with the status file gone, one line naming the path;
  - a kiosk outside its opening hours says "screen": "off" and
    vitrine_screen_on 0;
  - with its wall clock set back an hour under it (shim_clock, preloaded:
    the system's clock is not touched), started_at and
    vitrine_start_time_seconds stay as they were and no age is negative
    (age_s, vitrine_feed_age_seconds: the feeds were fetched "later" than
    the new now); set forward two hours, started_at follows the step (a Pi
    whose clock NTP sets after the kiosk started). Skipped under an
    emulator (a host library cannot be preloaded there).

usage: kiosk_status.py VITRINE EMULATOR FIXTURES SHIM_CLOCK
Exit 0 pass, 1 fail."""
import calendar
import json
import os
import re
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time

WAIT_S = 60.0  # a sanitizer build, or qemu in the cross stage
EXIT_WAIT_S = 10.0
CLOCK_SCALE = 6  # the first kiosk's clock: STATUS_METRICS_MIN_INTERVAL_S is 10 s real
METRICS_WAIT_S = 60 // CLOCK_SCALE + WAIT_S  # then a loaded machine
STARTED_AT_STEP_S = 2  # kiosk.c: a smaller move of the clock is rounding, not a step
FEEDS = ("startups", "authors", "incubators", "defis", "personnes")
SLIDE = re.compile(r"^info kiosk: slide (\d+)/(\d+) (\S+)$")


class Failure(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failure(what)


class Run:
    def __init__(self, binary, emulator, tmp):
        self.argv0 = shlex.split(emulator) + [binary]
        self.env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_RENDER_DRIVER="software",
                        XDG_CACHE_HOME=os.path.join(tmp, "xdg-cache"),
                        XDG_CONFIG_HOME=os.path.join(tmp, "xdg-config"),
                        XDG_RUNTIME_DIR=os.path.join(tmp, "xdg-runtime"),
                        ASAN_OPTIONS="detect_leaks=0")
        for name in ("CACHE_DIRECTORY", "RUNTIME_DIRECTORY"):  # systemd's, would win
            self.env.pop(name, None)

    def status(self, config):
        p = subprocess.run(self.argv0 + ["--status", "--config", config], env=self.env,
                           capture_output=True, text=True, timeout=WAIT_S)
        return p.returncode, p.stdout, p.stderr


class Kiosk:
    def __init__(self, run, config, **env):
        self.proc = subprocess.Popen(run.argv0 + ["--config", config, "--windowed",
                                                  "--size", "640x360"],
                                     env=dict(run.env, **env), stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines = []
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stderr:
            sys.stderr.write("  | " + line)
            with self.lock:
                self.lines.append(line.rstrip("\n"))

    def last_slide(self):
        with self.lock:
            for line in reversed(self.lines):
                m = SLIDE.match(line)
                if m:
                    return int(m.group(1)), int(m.group(2)), m.group(3)
        return None

    def wait(self, what, pred, timeout=WAIT_S):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            got = pred()
            if got:
                return got
            check(self.proc.poll() is None, "vitrine exited while waiting for " + what)
            time.sleep(0.1)
        raise Failure("not seen within %.0f s: %s" % (timeout, what))


def write_config(tmp, fixtures, **kiosk):
    files = os.path.join(tmp, "feeds")
    os.makedirs(files)
    urls = {"incubators": os.path.join(files, "missing-incubators.json"),
            "defis": "", "personnes": ""}
    for name in ("startups", "authors"):
        urls[name] = os.path.join(files, name + ".json")
        shutil.copyfile(os.path.join(fixtures, "data", "betagouv", name + ".json"), urls[name])
    config = os.path.join(tmp, "vitrine.json")
    with open(config, "w") as f:
        json.dump({"cache_dir": "cache", "status_file": "run/status.json",
                   "metrics_file": "textfile/vitrine.prom",
                   "feeds": {name: {"url": url} for name, url in urls.items()},
                   "kiosk": dict({"slide_duration_s": 2, "transition_ms": 100,
                                  "burn_in_shift_px": 0}, **kiosk)}, f)
    return config


def status_json(run, config):
    rc, out, err = run.status(config)
    check(rc == 0, "--status exit %d while the kiosk runs: %s" % (rc, err.strip()))
    try:
        return json.loads(out)
    except ValueError as e:
        raise Failure("--status did not print JSON (%s): %r" % (e, out[:200]))


def feeds_read(run, config):
    if run.status(config)[0] != 0:
        return None  # before the first slide: no status file yet
    doc = status_json(run, config)
    feeds = doc["feeds"]
    tried = "missing-incubators.json" in (feeds["incubators"]["last_error"] or "")
    fresh = feeds["startups"]["state"] == "fresh" and feeds["authors"]["state"] == "fresh"
    return doc if fresh and tried else None  # every feed read (or tried) once


def same_slide(kiosk, run, config):
    """--status while the log's last slide line stays the same (a slide may
    change during the call: then try again). The kiosk logs a slide before
    it writes the file; the pause lets this script's reader catch up."""
    for _ in range(10):
        before = kiosk.last_slide()
        doc = status_json(run, config)
        time.sleep(0.3)
        if before and kiosk.last_slide() == before:
            return before, doc
    raise Failure("the slide kept changing during --status")


def check_status(kiosk, run, config):
    doc = kiosk.wait("startups and authors fresh, incubators tried, in --status",
                     lambda: feeds_read(run, config))
    (index, count, name), doc = same_slide(kiosk, run, config)
    check(doc["pid"] == kiosk.proc.pid, "pid %r, the kiosk is %d" % (doc["pid"], kiosk.proc.pid))
    slide = {k: doc["slide"].get(k) for k in ("index", "count", "name")}
    check(slide == {"index": index, "count": count, "name": name},
          "status slide %r, the log says %d/%d %s" % (doc["slide"], index, count, name))
    # The slide's text alternative: its title and texts, as drawn.
    alt = doc["slide"].get("alt") or {}
    check(alt.get("title") and alt.get("texts") and alt["title"] in alt["texts"],
          "status slide without its text alternative: %r" % alt)
    check(doc["screen"] == "on" and doc["paused"] is False, "screen or paused wrong")
    check(doc["slide_changes"] >= 1, "slide_changes %r" % doc["slide_changes"])
    check(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", doc["updated_at"]),
          "updated_at not ISO 8601 UTC: %r" % doc["updated_at"])
    want = {"startups": "fresh", "authors": "fresh", "incubators": "demo", "defis": "bundled",
            "personnes": "bundled"}
    for feed, state in want.items():
        got = doc["feeds"][feed]
        check(got["state"] == state, "%s: state %r, want %r" % (feed, got["state"], state))
        if state == "fresh":
            check(got["fetched_at"] and isinstance(got["age_s"], int) and got["age_s"] >= 0
                  and got["last_error"] is None, "%s: %r" % (feed, got))
        else:
            check(got["fetched_at"] is None and got["age_s"] is None, "%s: %r" % (feed, got))
    check("missing-incubators.json" in (doc["feeds"]["incubators"]["last_error"] or ""),
          "incubators: last_error does not name the missing file: %r" % doc["feeds"]["incubators"])
    return doc


def check_files(tmp):
    status, metrics = os.path.join(tmp, "run", "status.json"), os.path.join(tmp, "textfile",
                                                                          "vitrine.prom")
    for path in (status, metrics):
        mode = stat.S_IMODE(os.stat(path).st_mode)
        check(mode == 0o644, "%s: mode %o, want 644" % (path, mode))
    # The metrics file lives on persistent storage: a change waits up to
    # STATUS_METRICS_MIN_INTERVAL_S (60 s of the kiosk's clock, 10 s real
    # here) after the write at the start.
    ups = {feed: 1 if feed in ("startups", "authors", "defis", "personnes") else 0  # EIG: bundled
           for feed in FEEDS}
    end = time.monotonic() + METRICS_WAIT_S
    while True:
        with open(metrics) as f:
            text = f.read()
        missing = [feed for feed, up in ups.items() if not re.search(
            r'^vitrine_feed_up\{feed="%s"\} %d$' % (feed, up), text, re.M)]
        if not missing or time.monotonic() > end:
            break
        time.sleep(0.5)
    for feed in missing:
        raise Failure("metrics: no 'vitrine_feed_up{feed=\"%s\"} %d' line within %d s"
                      % (feed, ups[feed], METRICS_WAIT_S))
    check(re.search(r"^vitrine_slide_changes_total [1-9]\d*$", text, re.M), "no slide counter")
    check(re.search(r'^vitrine_build_info\{version="[^"]+"\} 1$', text, re.M), "no build info")
    check(re.search(r"^# TYPE vitrine_slide_changes_total counter$", text, re.M), "no TYPE line")
    for d in (os.path.dirname(status), os.path.dirname(metrics)):
        left = [n for n in os.listdir(d) if ".tmp-" in n]
        check(not left, "temporary files left in %s: %s" % (d, left))


def check_gone(kiosk, run, config, tmp):
    kiosk.proc.send_signal(signal.SIGTERM)
    try:
        check(kiosk.proc.wait(timeout=EXIT_WAIT_S) == 0, "SIGTERM: exit status not 0")
    except subprocess.TimeoutExpired:
        raise Failure("the kiosk did not exit after SIGTERM")
    rc, out, err = run.status(config)
    lines = err.strip().splitlines()
    check(rc == 1 and out == "", "--status after SIGTERM: exit %d, stdout %r" % (rc, out[:80]))
    check(len(lines) == 1 and "pid %d " % kiosk.proc.pid in lines[0] and "exited" in lines[0],
          "--status after SIGTERM: want one line naming pid %d, got %r" % (kiosk.proc.pid, err))
    os.remove(os.path.join(tmp, "run", "status.json"))
    rc, out, err = run.status(config)
    lines = err.strip().splitlines()
    check(rc == 1 and len(lines) == 1 and "run/status.json does not exist" in lines[0],
          "--status with no file: exit %d, %r" % (rc, err))


def check_screen_off(run, tmp, fixtures):
    config = write_config(tmp, fixtures, schedule={"mon-sun": "off"})
    kiosk = Kiosk(run, config)
    try:
        def off():
            rc, out, _ = run.status(config)
            return rc == 0 and json.loads(out)["screen"] == "off"
        kiosk.wait("screen off in --status", off)
        with open(os.path.join(tmp, "textfile", "vitrine.prom")) as f:
            check(re.search(r"^vitrine_screen_on 0$", f.read(), re.M), "metrics: screen not off")
        kiosk.proc.send_signal(signal.SIGTERM)
        check(kiosk.proc.wait(timeout=EXIT_WAIT_S) == 0, "SIGTERM: exit status not 0")
    finally:
        if kiosk.proc.poll() is None:
            kiosk.proc.kill()
            kiosk.proc.wait()


def iso_s(text):
    return calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%M:%SZ"))


def metric(tmp, name):
    with open(os.path.join(tmp, "textfile", "vitrine.prom")) as f:
        return [int(v) for v in re.findall(r"^%s(?:\{[^}]*\})? (-?\d+)$" % name, f.read(), re.M)]


def written_after_shift(run, config, before, shift):
    """The status once the kiosk wrote it with the shifted clock: its
    updated_at moved by about shift from before's."""
    doc = status_json(run, config)
    moved = iso_s(doc["updated_at"]) - iso_s(before["updated_at"])
    return doc if abs(moved - shift) < 600 else None


def check_clock_steps(run, tmp, fixtures, shim):
    config = write_config(tmp, fixtures)
    shift_file = os.path.join(tmp, "clock-shift")
    with open(shift_file, "w") as f:
        f.write("0")
    kiosk = Kiosk(run, config, LD_PRELOAD=shim, VITRINE_TEST_CLOCK_SHIFT=shift_file,
                  # the shim comes before the sanitizer's runtime
                  ASAN_OPTIONS="detect_leaks=0:verify_asan_link_order=0")
    try:
        first = kiosk.wait("startups and authors fresh, in --status", lambda: feeds_read(run, config))
        started, start_metric = first["started_at"], metric(tmp, "vitrine_start_time_seconds")
        for step, started_moves in ((-3600, False), (7200, True)):
            with open(shift_file, "w") as f:
                f.write(str(step))
            doc = kiosk.wait("a status written after the clock moved by %+d s" % step,
                             lambda: written_after_shift(run, config, first, step))
            moved = iso_s(doc["started_at"]) - iso_s(started)
            if started_moves:  # from the real start: the estimate rounds to whole seconds
                check(abs(moved - step) <= STARTED_AT_STEP_S,
                      "clock %+d s: started_at moved by %d s, want %d" % (step, moved, step))
            else:
                check(moved == 0, "clock %+d s: started_at moved by %d s (%s -> %s)" %
                      (step, moved, started, doc["started_at"]))
                check(metric(tmp, "vitrine_start_time_seconds") == start_metric,
                      "clock %+d s: vitrine_start_time_seconds %r, was %r" %
                      (step, metric(tmp, "vitrine_start_time_seconds"), start_metric))
            ages = {f: v["age_s"] for f, v in doc["feeds"].items() if v["age_s"] is not None}
            check(ages and all(a >= 0 for a in ages.values()),
                  "clock %+d s: negative or no age_s: %r" % (step, ages))
            metric_ages = metric(tmp, "vitrine_feed_age_seconds")
            check(metric_ages and all(a >= 0 for a in metric_ages),
                  "clock %+d s: vitrine_feed_age_seconds %r" % (step, metric_ages))
            print("clock %+d s: started_at %s, ages %r" % (step, doc["started_at"], ages))
        kiosk.proc.send_signal(signal.SIGTERM)
        check(kiosk.proc.wait(timeout=EXIT_WAIT_S) == 0, "SIGTERM: exit status not 0")
    finally:
        if kiosk.proc.poll() is None:
            kiosk.proc.kill()
            kiosk.proc.wait()


def main():
    if len(sys.argv) != 5:
        print(__doc__)
        return 2
    binary, emulator, fixtures, shim = sys.argv[1:]
    tmp = tempfile.mkdtemp(prefix="vitrine-status-")
    run = Run(binary, emulator, tmp)
    kiosk = None
    try:
        # The kiosk's clock 6 times faster (VITRINE_CLOCK_SCALE), slides of 12 s
        # of it (2 s real): the metrics file, rewritten at most once a minute
        # of that clock, shows the fetched feeds within 10 s, not 60.
        config = write_config(tmp, fixtures, slide_duration_s=CLOCK_SCALE * 2)
        kiosk = Kiosk(run, config, VITRINE_CLOCK_SCALE=str(CLOCK_SCALE))
        doc = check_status(kiosk, run, config)
        first = doc["slide_changes"]
        kiosk.wait("the slide counter moving",
                   lambda: status_json(run, config)["slide_changes"] > first)
        check_files(tmp)
        check_gone(kiosk, run, config, tmp)
        shutil.rmtree(os.path.join(tmp, "feeds"))
        check_screen_off(run, tmp, fixtures)
        shutil.rmtree(os.path.join(tmp, "feeds"))
        if emulator.strip():
            print("clock steps skipped: a host library cannot be preloaded under an emulator")
        else:
            check_clock_steps(run, tmp, fixtures, shim)
        print("1 passed, 0 failed: status file, --status and metrics of the running kiosk")
        return 0
    except Failure as e:
        print("FAIL: %s" % e)
        return 1
    finally:
        if kiosk and kiosk.proc.poll() is None:
            kiosk.proc.kill()
            kiosk.proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
