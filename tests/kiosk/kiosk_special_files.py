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
  status files: status_file a FIFO and metrics_file a device node (a
    copy of /dev/null made with mknod when root, else a symbolic link to
    /dev/null): each refused with one line naming it and what it is, never
    replaced (the same inode, the same type), no temporary file left, while
    the slides turn and the kiosk tries again at each one.
Each run ends with SIGTERM: exit status 0 within EXIT_WITHIN_S, the FIFOs
still in place (the time is printed).

usage: kiosk_special_files.py VITRINE EMULATOR FIXTURES
Exit 0 pass, 1 fail."""
import os
import re
import shutil
import signal
import stat
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


def device_node(path):
    """A character device 1,3 (what /dev/null is) at path when root, else a
    symbolic link to /dev/null: either way the test never writes to the
    real one. Returns what lstat must keep finding there."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        return "not a regular file (a character device)"
    except PermissionError:
        os.symlink("/dev/null", path)
        return "a symbolic link to /dev/null, not a regular file (a character device)"


def identity(path):
    st = os.lstat(path)
    return st.st_ino, st.st_mode, st.st_rdev


def status_files(binary, emulator, tmp):
    run, textfile = os.path.join(tmp, "run"), os.path.join(tmp, "textfile")
    os.makedirs(run)
    os.makedirs(textfile)
    status, metrics = os.path.join(run, "status.json"), os.path.join(textfile, "vitrine.prom")
    os.mkfifo(status)
    kind = device_node(metrics)
    before = {path: identity(path) for path in (status, metrics)}
    config = os.path.join(tmp, "status.json")
    write_config(config, os.path.join(tmp, "cache"),
                 files={"status_file": status, "metrics_file": metrics})
    k = Kiosk(binary, emulator, tmp, ["--config", config, "--offline"])
    try:
        m = k.wait_for(r"^info kiosk: slide 1/\d+ ")
        for n in (2, 3):  # a write tried at each slide change
            m = k.wait_for(r"^info kiosk: slide %d/\d+ " % n, m)
        for what, path, why in (("status", status, "not a regular file (a FIFO)"),
                                ("metrics", metrics, kind)):
            lines = [line for line in k.log() if path in line]
            want = "warn kiosk: %s file not written: %s: %s" % (what, path, why)
            check(len(lines) == 1 and lines[0].startswith(want),
                  "%s: want one line starting %r, got %r" % (what, want, lines))
            check(identity(path) == before[path], "%s: %s was replaced" % (what, path))
        for d in (run, textfile):
            left = [n for n in os.listdir(d) if ".tmp-" in n]
            check(not left, "temporary files left in %s: %s" % (d, left))
        stop(k, "status files")
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
        status_files(binary, emulator, tmp)
        return ("3 passed, 0 failed: FIFOs as the cache, a local feed, a data dir file and the "
                "configuration file; a FIFO and a device as the status and metrics files")
    return run_in_tmp("vitrine-special-", body)


if __name__ == "__main__":
    sys.exit(main())
