#!/usr/bin/env python3
"""Writes to persistent storage are bounded: an hour of kiosk time.

The real kiosk (SDL's offscreen driver) runs with 1 s slides, a clock
VITRINE_CLOCK_SCALE times faster (an hour in 30 s), a --data snapshot
whose feed states never change, a status file and a metrics file; shim_writes, preloaded,
logs every rename, which is how both files are replaced. Then:
  - the status file (meant for a tmpfs such as /run) follows the slides:
    hundreds of writes;
  - the metrics file (persistent storage: a Pi's SD card) is written once
    at the start and not again before the hour's heartbeat, whatever the
    slides do: at most 2 writes in the simulated hour
    (STATUS_METRICS_HEARTBEAT_S);
  - after the heartbeat its slide counter has moved on (the file is not
    stale), and it carries vitrine_display_busy_max_seconds.
Skipped under an emulator (a host library cannot be preloaded there).

usage: kiosk_writes.py VITRINE EMULATOR SHIM_WRITES FIXTURES
Exit 0 pass, 1 fail, 77 skip."""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kioskrun import SKIP, Kiosk, check, run_in_tmp, write_config  # noqa: E402

SCALE = 120  # an hour of kiosk time in 30 s
HOUR_S = 3600
HEARTBEAT_S = 3600  # status.h: STATUS_METRICS_HEARTBEAT_S
WAIT_S = 120.0  # a sanitizer build on a loaded machine


def writes(log_path, target):
    try:
        with open(log_path) as f:
            return sum(1 for line in f if line.rstrip("\n") == target)
    except FileNotFoundError:
        return 0


def metric(path, name):
    with open(path) as f:
        for line in f:
            if line.startswith(name + " "):
                return float(line.split()[1])
    return None


def body(binary, shim, fixtures, tmp):
    status = os.path.join(tmp, "run", "status.json")
    metrics = os.path.join(tmp, "lib", "vitrine.prom")
    log = os.path.join(tmp, "renames.log")
    config = os.path.join(tmp, "vitrine.json")
    write_config(config, os.path.join(tmp, "cache"),
                 files={"status_file": status, "metrics_file": metrics},
                 transition="none")
    # --data: a snapshot read once, whose feed states never change.
    kiosk = Kiosk(binary, "", tmp, ["--config", config, "--data", os.path.join(fixtures, "data")],
                  env={"LD_PRELOAD": shim, "VITRINE_TEST_WRITES_LOG": log,
                       "VITRINE_CLOCK_SCALE": str(SCALE),
                       "ASAN_OPTIONS": "detect_leaks=0:verify_asan_link_order=0"},
                  echo=False)
    try:
        kiosk.wait_for(r"first frame after", timeout=WAIT_S)
        kiosk.wait_until("the metrics file", lambda: writes(log, metrics) >= 1, WAIT_S)
        started = time.monotonic()
        # Most of the hour, in kiosk time: the slides change, the metrics stay.
        kiosk.wait_until("slide changes in the status file",
                         lambda: writes(log, status) >= 200, WAIT_S)
        before_hour = (HEARTBEAT_S - 120) / SCALE
        while time.monotonic() - started < before_hour:
            check(kiosk.proc.poll() is None, "vitrine exited during the hour")
            time.sleep(0.2)
        early = writes(log, metrics)
        check(early == 1, "metrics file written %d times in the first %d s of kiosk time "
              "(expected 1: nothing but the slides changed)" % (early, HEARTBEAT_S - 120))
        counter_then = metric(metrics, "vitrine_slide_changes_total")
        # The heartbeat, then the end of the hour.
        kiosk.wait_until("the metrics file's heartbeat", lambda: writes(log, metrics) >= 2,
                         WAIT_S)
        counter_now = metric(metrics, "vitrine_slide_changes_total")
        check(counter_now is not None and counter_then is not None and counter_now > counter_then,
              "the heartbeat carries the slide counter on (%r, then %r)" % (counter_then,
                                                                           counter_now))
        check(metric(metrics, "vitrine_display_busy_max_seconds") is not None,
              "vitrine_display_busy_max_seconds in the metrics file")
        hour = writes(log, metrics)
        slides = writes(log, status)
        check(hour <= 2, "metrics file written %d times in the hour (at most 2)" % hour)
        check(slides >= 200, "status file written %d times (it follows the slides)" % slides)
        rc, _ = kiosk.exit_time(15, timeout=30.0)
        check(rc == 0, "vitrine exited with status %d" % rc)
        busy = re.search(r'"display_busy_max_s":\s*([0-9.e-]+)', open(status).read())
        check(busy is not None, "display_busy_max_s in the status file")
        return ("an hour of 1 s slides: status file written %d times, metrics file %d times"
                % (slides, hour))
    finally:
        kiosk.close()


def main():
    binary, emulator, shim, fixtures = sys.argv[1:5]
    if emulator:
        print("SKIP: a host library cannot be preloaded under the emulator")
        return SKIP
    return run_in_tmp("vitrine-writes-", lambda tmp: body(binary, shim, fixtures, tmp))


if __name__ == "__main__":
    sys.exit(main())
