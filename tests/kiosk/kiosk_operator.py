#!/usr/bin/env python3
"""The operator's content in the running kiosk (SDL's offscreen driver, a
clock 20 times faster starting at 11:59 UTC, TZ=UTC):

- an announcement of the configuration from 12:00 to 12:02 comes into the
  playlist at 12:00 and leaves it at 12:02 by itself, without a restart
  (log: "announcement '...' starts: shown", a "slide N/M announcement"
  line, "ends: no longer shown", then no announcement slide);
- a poster of posters_dir is shown ("slide N/M poster-welcome"); one added
  to the folder is shown from a later rotation; a corrupt one is refused
  with one line naming it, once, however many rotations look at the folder;
- SIGTERM ends the kiosk with exit 0.

usage: kiosk_operator.py VITRINE EMULATOR
Exit 0 pass, 1 fail."""
import calendar
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
# Two minutes of kiosk time (6 s) before the window: a loaded machine's
# start-up fits in them; nothing else depends on how fast it runs.
START = calendar.timegm((2026, 12, 7, 11, 58, 0))
TITLE = "Bienvenue au Demo Day"


def png(path, w, h, rgb):
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))
    raw = b"".join(b"\0" + bytes(rgb) * w for _ in range(h))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def body(tmp):
    binary, emulator = sys.argv[1], sys.argv[2]
    posters = os.path.join(tmp, "affiches")
    os.makedirs(posters)
    png(os.path.join(posters, "welcome.png"), 160, 90, (0, 0, 145))
    with open(os.path.join(posters, "broken.jpg"), "wb") as f:
        f.write(b"\xff\xd8\xff\xe0 not really a JPEG")
    cfg = os.path.join(tmp, "vitrine.json")
    kioskrun.write_config(cfg, os.path.join(tmp, "cache"))
    import json
    with open(cfg) as f:
        doc = json.load(f)
    doc["announcements"] = [{"title": TITLE, "text": "À 14 h, auditorium.",
                             "from": "2026-12-07T12:00", "to": "2026-12-07T12:02",
                             "url": "https://beta.gouv.fr/"}]
    doc["posters_dir"] = posters
    with open(cfg, "w") as f:
        json.dump(doc, f)
    os.environ.update(TZ="UTC", VITRINE_CLOCK_SCALE=str(SCALE), VITRINE_CLOCK_START=str(START))
    k = Kiosk(binary, emulator, tmp, ["--config", cfg])
    try:
        k.wait_for(r"slide \d+/\d+ poster-welcome$", timeout=60)
        starts = k.wait_for(r"announcement '%s' starts: shown" % TITLE, timeout=60)
        first = k.find(r"slide \d+/\d+ announcement$")
        check(first is None or first > starts, "no announcement before 12:00")
        k.wait_for(r"slide \d+/\d+ announcement$", since=starts, timeout=60)
        png(os.path.join(posters, "zz-second.png"), 90, 160, (220, 20, 30))
        k.wait_for(r"slide \d+/\d+ poster-zz-second$", since=starts, timeout=60)
        ends = k.wait_for(r"announcement '%s' ends: no longer shown" % TITLE, since=starts,
                          timeout=60)
        k.wait_for(r"slide \d+/\d+ poster-welcome$", since=ends, timeout=60)  # a whole rotation
        k.wait_for(r"slide \d+/\d+ poster-welcome$", since=k.mark(), timeout=60)
        check(not k.find(r"slide \d+/\d+ announcement$", since=ends + 1),
              "no announcement after 12:02")
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
