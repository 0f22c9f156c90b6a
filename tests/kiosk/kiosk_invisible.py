#!/usr/bin/env python3
"""Never invisible: the real vitrine started as over SSH (no DISPLAY, no
WAYLAND_DISPLAY, no SDL_VIDEODRIVER) on a machine where it can open no DRM
device must exit non-zero with one line saying what it tried, instead of
running on SDL's offscreen driver with nothing on the screen. With
SDL_VIDEODRIVER=offscreen (asked for: the tests, headless runs) it runs.

usage: kiosk_invisible.py VITRINE EMULATOR
Exit 0 pass, 1 fail, 77 skip (a DRM device this user can open: the kiosk
would really show on it)."""
import glob
import json
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import time

SKIP = 77
EXIT_WAIT_S = 60  # a refused start ends in well under a second; ASan, qemu: margin
RUN_WAIT_S = 60


def fail(what):
    print("FAIL: " + what)
    sys.exit(1)


def usable_drm_device():
    for card in glob.glob("/dev/dri/card*"):
        try:
            os.close(os.open(card, os.O_RDWR))
            return card
        except OSError:
            pass
    return None


def environment(tmp, **extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER", "CACHE_DIRECTORY",
                        "RUNTIME_DIRECTORY")}
    env.update(XDG_CACHE_HOME=os.path.join(tmp, "xdg-cache"),
               XDG_CONFIG_HOME=os.path.join(tmp, "xdg-config"),
               XDG_RUNTIME_DIR=tmp, SDL_RENDER_DRIVER="software",
               ASAN_OPTIONS="detect_leaks=0")
    env.update(extra)
    return env


def main():
    vitrine, emulator = sys.argv[1], shlex.split(sys.argv[2])
    card = usable_drm_device()
    if card:
        print("SKIP: %s opens here: the kiosk would show on it" % card)
        return SKIP
    with tempfile.TemporaryDirectory(prefix="vitrine-invisible-") as tmp:
        cfg = os.path.join(tmp, "vitrine.json")
        with open(cfg, "w") as f:
            json.dump({"cache_dir": os.path.join(tmp, "cache"),
                       "feeds": {n: {"url": ""} for n in
                                 ("startups", "authors", "incubators", "defis", "personnes")}},
                      f)
        argv = emulator + [vitrine, "--config", cfg, "--offline"]
        t0 = time.monotonic()
        try:
            p = subprocess.run(argv, env=environment(tmp), capture_output=True, text=True,
                               timeout=EXIT_WAIT_S)
        except subprocess.TimeoutExpired:
            fail("still running %d s after start with no display: it runs unseen" % EXIT_WAIT_S)
        errors = [l for l in p.stderr.splitlines() if l.startswith("vitrine: ")]
        if p.returncode == 0:
            fail("exit status 0 with no display")
        if len(errors) != 1:
            fail("expected one 'vitrine: ' line, got %r" % errors)
        line = errors[0]
        for part in ("display", "DISPLAY is not set", "WAYLAND_DISPLAY is not set", "/dev/dri",
                     "SDL_VIDEODRIVER=offscreen"):
            if part not in line:
                fail("the line does not say %r: %s" % (part, line))
        print("refused in %.1f s, exit %d: %s" % (time.monotonic() - t0, p.returncode, line))

        # Asked for: runs as before (the display tests rely on it).
        k = subprocess.Popen(argv, env=environment(tmp, SDL_VIDEODRIVER="offscreen"),
                             stderr=subprocess.PIPE, text=True)
        end = time.monotonic() + RUN_WAIT_S
        seen = False
        for line in k.stderr:
            if "first frame after" in line:
                seen = True
                break
            if time.monotonic() > end:
                break
        if not seen:
            k.kill()
            fail("SDL_VIDEODRIVER=offscreen: no first frame")
        k.send_signal(signal.SIGTERM)
        k.stderr.read()
        if k.wait(EXIT_WAIT_S) != 0:
            fail("SDL_VIDEODRIVER=offscreen: exit status %d after SIGTERM" % k.returncode)
    print("1 passed, 0 failed: no display means a clear exit, not an invisible kiosk")
    return 0


if __name__ == "__main__":
    sys.exit(main())
