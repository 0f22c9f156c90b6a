#!/usr/bin/env python3
"""The operator's content in the running kiosk (SDL's offscreen driver, a
clock 20 times faster starting at 11:59 UTC, TZ=UTC):

- an announcement of the configuration for two minutes comes into the
  playlist when its window opens and leaves it when it closes by itself,
  without a restart (log: "announcement '...' starts: shown", a "slide N/M
  announcement" line, "ends: no longer shown", then no announcement
  slide). The window is set (SIGHUP) once the kiosk runs, a few minutes of
  its clock ahead of it, so that a slow start (qemu, a loaded machine)
  cannot let the kiosk begin inside it; a reload that still comes too late
  (the announcement shown with no "starts" line) is tried again further
  ahead;
- a poster of posters_dir is shown ("slide N/M poster-welcome"); one added
  to the folder is shown from a later rotation; a corrupt one is refused
  with one line naming it, once, however many rotations look at the folder;
- SIGTERM ends the kiosk with exit 0.

usage: kiosk_operator.py VITRINE EMULATOR
Exit 0 pass, 1 fail."""
import calendar
import json
import os
import shutil
import signal
import struct
import sys
import time
import zlib

import kioskrun
from kioskrun import Kiosk, check

SCALE = 20
START = calendar.timegm((2026, 12, 7, 11, 59, 0))
TITLE = "Bienvenue au Demo Day"
ATTEMPTS = 4
STARTS = r"announcement '%s' starts: shown" % TITLE
SHOWN = r"slide \d+/\d+ announcement$"


def png(path, w, h, rgb):
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))
    raw = b"".join(b"\0" + bytes(rgb) * w for _ in range(h))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def write_window(cfg, doc, t_from):
    """The announcement from t_from (unix seconds, a whole minute) for two
    minutes, in the configuration file."""
    fmt = "%Y-%m-%dT%H:%M"
    doc["announcements"] = [{"title": TITLE, "text": "À 14 h, auditorium.",
                             "from": time.strftime(fmt, time.gmtime(t_from)),
                             "to": time.strftime(fmt, time.gmtime(t_from + 120)),
                             "url": "https://beta.gouv.fr/"}]
    with open(cfg, "w") as f:
        json.dump(doc, f)


def open_window(k, cfg, doc, started):
    """Sets the window a few minutes of the kiosk's clock ahead and returns
    the log index of its "starts" line. The clock's time is over-estimated
    (counted from before the process started), so the window is never
    behind it; should the reload still land inside it, it is set again
    further ahead."""
    for attempt in range(ATTEMPTS):
        ahead = START + SCALE * (time.monotonic() - started)
        t_from = (int(ahead) // 60 + 2 + 2 * attempt) * 60
        write_window(cfg, doc, t_from)
        m = k.mark()
        k.proc.send_signal(signal.SIGHUP)
        reloaded = k.wait_for(r"kiosk settings reloaded", m, timeout=120)
        first = k.wait_until("the announcement's start", lambda: (
            k.find(STARTS, reloaded) or k.find(SHOWN, reloaded)), timeout=120)
        if k.find(STARTS, reloaded) == first:
            # Shown after its start is right (and may already be logged).
            shown = k.find(SHOWN, m)
            check(shown is None or shown > first, "an announcement shown before its window")
            return first
        sys.stderr.write("reload inside the window (attempt %d): again further ahead\n"
                         % (attempt + 1))
    raise kioskrun.Failure("the kiosk never reloaded before the window opened")


def body(tmp):
    binary, emulator = sys.argv[1], sys.argv[2]
    posters = os.path.join(tmp, "affiches")
    os.makedirs(posters)
    png(os.path.join(posters, "welcome.png"), 160, 90, (0, 0, 145))
    with open(os.path.join(posters, "broken.jpg"), "wb") as f:
        f.write(b"\xff\xd8\xff\xe0 not really a JPEG")
    cfg = os.path.join(tmp, "vitrine.json")
    kioskrun.write_config(cfg, os.path.join(tmp, "cache"))
    with open(cfg) as f:
        doc = json.load(f)
    doc["announcements"] = []
    doc["posters_dir"] = posters
    with open(cfg, "w") as f:
        json.dump(doc, f)
    os.environ.update(TZ="UTC", VITRINE_CLOCK_SCALE=str(SCALE), VITRINE_CLOCK_START=str(START))
    started = time.monotonic()  # before the kiosk's clock starts
    k = Kiosk(binary, emulator, tmp, ["--config", cfg])
    try:
        k.wait_for(r"slide \d+/\d+ poster-welcome$", timeout=120)
        starts = open_window(k, cfg, doc, started)
        k.wait_for(SHOWN, since=starts, timeout=60)
        png(os.path.join(posters, "zz-second.png"), 90, 160, (220, 20, 30))
        k.wait_for(r"slide \d+/\d+ poster-zz-second$", since=starts, timeout=60)
        ends = k.wait_for(r"announcement '%s' ends: no longer shown" % TITLE, since=starts,
                          timeout=60)
        k.wait_for(r"slide \d+/\d+ poster-welcome$", since=ends, timeout=60)  # a whole rotation
        k.wait_for(r"slide \d+/\d+ poster-welcome$", since=k.mark(), timeout=60)
        check(not k.find(SHOWN, since=ends + 1), "no announcement after its window")
        broken = [ln for ln in k.log() if "broken.jpg" in ln]
        check(len(broken) <= 2 and all("left out" in ln for ln in broken) and broken,
              "the corrupt poster is refused with one line per change of the folder: %s" % broken)
        rc, took = k.exit_time(signal.SIGTERM)
        check(rc == 0, "SIGTERM: exit %r" % rc)
    finally:
        k.close()
    return "kiosk_operator: announcement window edges, posters added and refused: ok"


if __name__ == "__main__":
    sys.exit(kioskrun.run_in_tmp("vitrine-operator-", body))
