#!/usr/bin/env python3
"""Posters that fit a small board, in the running kiosk (SDL's offscreen
driver, 480x270): a posters folder holding what make_posters writes (a
6300x6300 PNG of 115 KB, a JPEG whose header claims 6000x4500 for the data
of 400x300, a 4000x3000 phone photo) and two more copies of the photo, with
kiosk.posters_max_bytes at 1 MiB (each photo takes 380 KB at 360x270):

- the PNG is refused before decoding with one line naming it, its size and
  the size to export it at; the lying JPEG is refused with one line;
- the photo and its first copy are shown ("slide N/M poster-photo"); the
  last copy is left out with one line naming it, over the posters' budget;
- no refused file is ever shown, over a whole rotation.

usage: kiosk_posters.py VITRINE EMULATOR MAKE_POSTERS
Exit 0 pass, 1 fail."""
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys

import kioskrun
from kioskrun import Kiosk, check


def body(tmp):
    binary, emulator, make_posters = sys.argv[1], sys.argv[2], sys.argv[3]
    posters = os.path.join(tmp, "affiches")
    os.makedirs(posters)
    made = subprocess.run(shlex.split(emulator) + [make_posters, posters], capture_output=True,
                          text=True, timeout=300)
    check(made.returncode == 0, "make_posters: %s" % made.stderr.strip())
    shutil.copy(os.path.join(posters, "photo.jpg"), os.path.join(posters, "photo2.jpg"))
    shutil.copy(os.path.join(posters, "photo.jpg"), os.path.join(posters, "photo3.jpg"))
    cfg = os.path.join(tmp, "vitrine.json")
    kioskrun.write_config(cfg, os.path.join(tmp, "cache"), posters_max_bytes=1 << 20)
    with open(cfg) as f:
        doc = json.load(f)
    doc["posters_dir"] = posters
    with open(cfg, "w") as f:
        json.dump(doc, f)
    k = Kiosk(binary, emulator, tmp, ["--config", cfg, "--offline"])
    try:
        first = k.wait_for(r"slide (\d+)/\d+ poster-photo$", timeout=120)
        k.wait_for(r"slide \d+/\d+ poster-photo2$", timeout=120)
        # A whole rotation after the photo: back to it.
        k.wait_for(r"slide \d+/\d+ poster-photo$", since=first, timeout=120)
        log = k.log()
        big = [ln for ln in log if "big.png" in ln]
        check(len(big) == 1 and big[0].startswith("warn posters: ") and
              big[0].endswith("/big.png: 6300x6300 pixels (39.7 megapixels decoded), more than "
                              "the 8.3 of kiosk.poster_max_pixels; export it at 270x270; "
                              "left out"),
              "the 6300x6300 PNG is refused with one line naming its size and the size to "
              "export it at: %s" % big)
        liar = [ln for ln in log if "liar.jpg" in ln]
        check(len(liar) == 1 and "cannot decode (its data disagrees with its header)" in liar[0]
              and liar[0].endswith("; left out"),
              "the lying JPEG is refused with one line: %s" % liar)
        over = [ln for ln in log if "photo3.jpg" in ln]
        check(len(over) == 1 and re.search(
            r"^warn posters: 1 poster\(s\) left out, over the 1\.0 MiB the posters may take "
            r"\(kiosk\.posters_max_bytes; 0\.7 MiB taken\): .*/photo3\.jpg: 360x270 on screen "
            r"\(0\.4 MiB\)$", over[0]),
            "the photo over the posters' budget is left out with one line: %s" % over)
        shown = set(re.findall(r"slide \d+/\d+ (poster-\S+)$", "\n".join(log), re.M))
        check(shown == {"poster-photo", "poster-photo2"},
              "only the photo and its first copy are shown: %s" % sorted(shown))
        rc, _ = k.exit_time(signal.SIGTERM)
        check(rc == 0, "SIGTERM: exit %r" % rc)
    finally:
        k.close()
    return "kiosk_posters: the photo shown, the large PNG, the lying JPEG and the poster " \
           "over the budget refused: ok"


if __name__ == "__main__":
    sys.exit(kioskrun.run_in_tmp("vitrine-posters-", body))
