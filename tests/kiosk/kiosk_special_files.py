#!/usr/bin/env python3
"""The real kiosk with FIFOs where its files should be: it never waits on
one, shows its slides, and SIGTERM ends it within a second.

A FIFO with no writer blocks whoever opens it for reading, for good; the
kiosk only reads regular files (fileio_open_regular), so each one below is
refused at once with a line naming its path, and the data falls back as for
any unusable copy:
  live feeds: <cache_dir>/startups.cache a FIFO (logged at start, the demo
    data stands in), the authors feed's url a FIFO and the incubators'
    a directory (each refresh fails naming it, the demo data stays);
  --data DIR: betagouv/startups.json a FIFO (the demo data at start; R and
    SIGUSR1 read the dir again on the reader's thread and keep the data on
    screen, naming the FIFO; once a real file is back, new data); then
    SIGHUP with the configuration file turned into a FIFO: refused, the
    previous kiosk settings kept, the slides still turning.
Each run ends with SIGTERM: exit status 0 within EXIT_WITHIN_S, the FIFOs
still in place (the time is printed).

usage: kiosk_special_files.py VITRINE EMULATOR FIXTURES
Exit 0 pass, 1 fail."""
import os
import re
import shutil
import signal
import sys

from kioskrun import Kiosk, check, run_in_tmp, write_config

EXIT_WITHIN_S = 1.0  # the kiosk's promise for SIGTERM
FEEDS_WAIT_S = 30.0  # first refresh within 5 s of start (REFRESH_START_JITTER_MS), sanitizers


def stop(k, what):
    rc, took = k.exit_time(signal.SIGTERM)
    check(rc == 0, "%s: SIGTERM: exit status %r, want 0" % (what, rc))
    check(took < EXIT_WITHIN_S, "%s: SIGTERM took %.2f s to end the kiosk" % (what, took))
    check(k.find(r"info kiosk: stopped$"), "%s: SIGTERM did not go through the loop" % what)
    print("%s: SIGTERM ended the kiosk in %.0f ms with the FIFOs in place" % (what, took * 1e3))


def live_feeds(binary, emulator, tmp):
    cache, files = os.path.join(tmp, "cache"), os.path.join(tmp, "feeds")
    os.makedirs(cache)
    os.makedirs(os.path.join(files, "incubators.json"))  # a directory
    cached, authors = os.path.join(cache, "startups.cache"), os.path.join(files, "authors.json")
    os.mkfifo(cached)
    os.mkfifo(authors)
    config = os.path.join(tmp, "live.json")
    write_config(config, cache, {"startups": "https://127.0.0.1:9/startups.json",
                                 "authors": authors,
                                 "incubators": os.path.join(files, "incubators.json")})
    k = Kiosk(binary, emulator, tmp, ["--config", config, "--offline"])
    try:
        k.wait_for(r"^error cache: \[startups\] %s: not a regular file \(a FIFO\): ignored$"
                   % re.escape(cached))
        k.wait_for(r"^info kiosk: bundled demo data first")
        m = k.wait_for(r"^info kiosk: slide 1/\d+ ")
        k.wait_for(r"^info kiosk: slide 2/\d+ ", m)  # turning, not stuck
        k.wait_for(r"\[authors\] %s: not a regular file \(a FIFO\); no cached copy"
                   % re.escape(authors), timeout=FEEDS_WAIT_S)
        k.wait_for(r"\[incubators\] %s: not a regular file \(a directory\)"
                   % re.escape(os.path.join(files, "incubators.json")), timeout=FEEDS_WAIT_S)
        stop(k, "live feeds")
    finally:
        k.close()


def data_dir(binary, emulator, tmp, fixtures):
    data = os.path.join(tmp, "data")
    shutil.copytree(os.path.join(fixtures, "data"), data)
    startups = os.path.join(data, "betagouv", "startups.json")
    saved = os.path.join(tmp, "startups.json")
    shutil.move(startups, saved)
    os.mkfifo(startups)
    config = os.path.join(tmp, "data.json")
    write_config(config, os.path.join(tmp, "cache"))
    k = Kiosk(binary, emulator, tmp, ["--config", config, "--data", data, "--now", "2024-06-01"])
    try:
        k.wait_for(r"^error datadir: %s: not a regular file \(a FIFO\); showing the built-in data"
                   % re.escape(startups))
        m = k.wait_for(r"^info kiosk: slide 1/\d+ ")
        k.proc.send_signal(signal.SIGUSR1)
        m = k.wait_for(r"^error kiosk: refresh \(SIGUSR1\): %s: not a regular file \(a FIFO\); "
                       r"keeping the data on screen$" % re.escape(startups), m)
        k.wait_for(r"^info kiosk: slide \d+/\d+ ", m)  # still turning
        os.remove(startups)
        shutil.move(saved, startups)
        k.proc.send_signal(signal.SIGUSR1)
        m = k.wait_for(r"^info kiosk: new data on screen", m)
        os.mkfifo(startups + ".fifo")  # a FIFO under the next read's feet
        os.replace(startups + ".fifo", startups)
        # The configuration file becomes a FIFO: SIGHUP refuses it.
        os.remove(config)
        os.mkfifo(config)
        k.proc.send_signal(signal.SIGHUP)
        m = k.wait_for(r"^error config: config: %s: not a regular file \(a FIFO\); keeping the "
                       r"previous kiosk settings$" % re.escape(config), m)
        k.wait_for(r"^info kiosk: slide \d+/\d+ ", m)
        stop(k, "--data DIR")
    finally:
        k.close()


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 2
    binary, emulator, fixtures = sys.argv[1:]

    def body(tmp):
        live_feeds(binary, emulator, tmp)
        data_dir(binary, emulator, tmp, fixtures)
        return ("2 passed, 0 failed: FIFOs as the cache, a local feed, a data dir file and the "
                "configuration file")
    return run_in_tmp("vitrine-special-", body)


if __name__ == "__main__":
    sys.exit(main())
