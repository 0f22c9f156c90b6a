#!/usr/bin/env python3
"""Drives the real vitrine program (the real deck of slides) in its own Xvfb
with real key events (xdotool) and real signals, and checks what a person
would see: slide changes in the log, pause holding, the help overlay on
screen, the pause and pin marks covering nothing of the slide, a fade
ending on the new slide alone, the overview's labels and thumbnails (30
slides), the kiosk lock, clean exits, configuration and data reloads, the
opening hours, live feeds read from local files, and the display going away
(the window destroyed, the X server killed: one line of the kiosk's own).

Every run is sealed off from the user's machine and from the network: a
--config in a temp dir whose cache_dir is a temp dir and whose feed urls are
"" (bundled demo data) or local files, XDG_CACHE_HOME / XDG_CONFIG_HOME in
temp dirs, and --data DIR (a copy of fixtures/data) for the data scenarios.

The kiosk config restricts the playlist to a few slides with short
durations so each scenario takes seconds. fixtures/data has no coach (no
member with a "coach" mission), so the real "coaching" slide has no data
there (deck_slide_has_data: slides_coaching needs active coaches) and the
playlist must skip it.

usage: kiosk_display.py BINARY FIXTURES OUTDIR SCENARIO
Exit 0 pass, 1 fail, 77 skip (no Xvfb / xdotool / xwd)."""
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib

SKIP = 77
WAIT_S = 10.0      # upper bound for anything expected to happen
FEEDS_WAIT_S = 90.0  # first fetch of every feed: within 5 s, plus a loaded CI (ASan, -j2)
EXIT_WAIT_S = 5.0  # upper bound for the process to exit
SIZE = (1280, 720)
KEY_YELLOW = (255, 214, 102)  # help overlay: colour of the key names


class Failure(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failure(what)


class Xvfb:
    def __init__(self):
        r, w = os.pipe()
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(w), "-screen", "0", "%dx%dx24" % SIZE,
             "-nolisten", "tcp"], pass_fds=(w,), stderr=subprocess.DEVNULL)
        os.close(w)
        with os.fdopen(r) as f:
            num = f.readline().strip()
        check(num.isdigit(), "Xvfb did not report a display number")
        self.display = ":" + num

    def close(self):
        self.proc.terminate()
        self.proc.wait(timeout=EXIT_WAIT_S)


class Kiosk:
    def __init__(self, binary, display, args, home):
        env = dict(os.environ, DISPLAY=display, SDL_RENDER_DRIVER="software",
                   SDL_VIDEODRIVER="x11",
                   # Never the user's files: config search path, cache dir
                   # and Mesa's shader cache all point into the temp dir.
                   XDG_CACHE_HOME=os.path.join(home, "xdg-cache"),
                   XDG_CONFIG_HOME=os.path.join(home, "xdg-config"),
                   XDG_RUNTIME_DIR=home,  # the status file
                   # At exit libdbus and Mesa (loaded by SDL's x11 driver)
                   # leave allocations LeakSanitizer reports, and Mesa's JIT
                   # frames make those reports unattributable (its slow
                   # unwinder can even deadlock in them). Only leak checking
                   # is off: ASan and UBSan still stop on any error of ours,
                   # and our leaks are checked by the unit and render tests.
                   ASAN_OPTIONS="detect_leaks=0")
        env.pop("CACHE_DIRECTORY", None)  # systemd's, would win over XDG
        env.pop("RUNTIME_DIRECTORY", None)
        self.display = display
        self.env = env
        self.proc = subprocess.Popen([binary] + args, env=env, stderr=subprocess.PIPE,
                                     text=True)
        self.lines = []
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.window = None

    def _read(self):
        for line in self.proc.stderr:
            sys.stderr.write("  | " + line)
            with self.lock:
                self.lines.append(line.rstrip("\n"))

    def mark(self):
        with self.lock:
            return len(self.lines)

    def wait_for(self, pattern, since=0, timeout=WAIT_S):
        rx = re.compile(pattern)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.lock:
                for i in range(since, len(self.lines)):
                    if rx.search(self.lines[i]):
                        return i + 1
            check(self.proc.poll() is None, "vitrine exited while waiting for " + pattern)
            time.sleep(0.05)
        raise Failure("no log line matching %r within %.0f s" % (pattern, timeout))

    def frame_after(self, since):
        """Waits for a frame presented after log line `since`, whole (the
        overview's thumbnails all drawn): the kiosk logs it (debug, hence
        --verbose) once the frame is on screen, so a screenshot taken then
        shows what the lines before `since` announced, however slow the
        machine."""
        return self.wait_for(r"^debug kiosk: frame presented$", since)

    def wait_until(self, what, pred, timeout=WAIT_S):
        """Polls pred() until it is true, while the kiosk runs."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if pred():
                return
            check(self.proc.poll() is None, "vitrine exited while waiting for " + what)
            time.sleep(0.1)
        raise Failure("not seen within %.0f s: %s" % (timeout, what))

    def lines_since(self, since, pattern):
        rx = re.compile(pattern)
        with self.lock:
            return [l for l in self.lines[since:] if rx.search(l)]

    def xdo(self, *args):
        return subprocess.run(["xdotool"] + list(args), env=self.env, check=True,
                              capture_output=True, text=True, timeout=WAIT_S).stdout

    def keys(self, *names):
        if self.window is None:
            self.window = self.xdo("search", "--sync", "--name", "^Vitrine$").split()[0]
        self.xdo("windowfocus", "--sync", self.window)
        for name in names:
            self.xdo("key", name)
            time.sleep(0.15)

    def signal(self, sig):
        self.proc.send_signal(sig)

    def wait_exit(self):
        try:
            return self.proc.wait(timeout=EXIT_WAIT_S)
        except subprocess.TimeoutExpired:
            raise Failure("vitrine did not exit within %.0f s" % EXIT_WAIT_S)

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def screenshot(display, outdir, name):
    """Root window as rows of (r, g, b), via xwd; also saved as PNG."""
    raw = subprocess.run(["xwd", "-root", "-silent", "-display", display], check=True,
                         capture_output=True, timeout=WAIT_S).stdout
    hdr = struct.unpack(">25I", raw[:100])
    header_size, width, height = hdr[0], hdr[4], hdr[5]
    byte_order, bpp, bpl, ncolors = hdr[7], hdr[11], hdr[12], hdr[19]
    check(bpp == 32, "unexpected xwd depth %d" % bpp)
    masks = hdr[14:17]
    data = raw[header_size + ncolors * 12:]
    fmt = "<I" if byte_order == 0 else ">I"
    shifts = [(m & -m).bit_length() - 1 for m in masks]
    rows = []
    for y in range(height):
        row = []
        base = y * bpl
        for x in range(width):
            (p,) = struct.unpack_from(fmt, data, base + 4 * x)
            row.append(tuple((p & m) >> s for m, s in zip(masks, shifts)))
        rows.append(row)
    write_png(os.path.join(outdir, name), rows)
    return rows


def write_png(path, rows):
    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body +
                struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
    h, w = len(rows), len(rows[0])
    raw = b"".join(b"\0" + bytes(c for px in row for c in px) for row in rows)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


# The real deck's slides (app/slides/deck.c catalog, then the team pages).
ALL_SLIDES = ["overview", "products-by-phase", "launches-per-year", "incubators", "quality",
              "spotlight", "community-domains", "community-status", "newcomers", "coaching",
              "coaching-market", "coaching-budget", "eig", "eig-promotions", "eig-profiles",
              "eig-published", "certification"] + ["team-%d" % i for i in range(1, 7)]
# The scenarios' playlist: "coaching" has no data in fixtures/data, so three
# slides are shown, in this order.
PLAYLIST = ["overview", "products-by-phase", "coaching", "eig"]
NOW = "2025-01-01"  # fixed date for the --data fixtures
FEEDS = ("startups", "authors", "incubators", "defis", "personnes")


def only(shown):
    """A kiosk.playlist showing only `shown` (in that order): the playlist
    appends unlisted deck slides, so every other one is listed disabled."""
    return list(shown) + [{"slide": s, "enabled": False} for s in ALL_SLIDES if s not in shown]


def write_config(path, cache_dir, kiosk, feeds=None, **top):
    """A configuration that never touches the network: feeds are "" (the
    bundled demo data) unless local file paths are given."""
    feeds = feeds or {name: "" for name in FEEDS}
    with open(path, "w") as f:
        json.dump(dict({"cache_dir": cache_dir,
                        "feeds": {name: {"url": url} for name, url in feeds.items()},
                        "kiosk": kiosk}, **top), f)


FAST = {"slide_duration_s": 1, "transition_ms": 200, "burn_in_shift_px": 0,
        "playlist": only(PLAYLIST)}


def scenario_rotate(ctx):
    k = ctx.start_data(dict(FAST))
    i = k.wait_for(r"^info kiosk: slide 1/3 overview$")
    i = k.wait_for(r"^info kiosk: slide 2/3 products-by-phase$", i)
    i = k.wait_for(r"^info kiosk: slide 3/3 eig$", i)  # coaching has no data
    k.wait_for(r"^info kiosk: slide 1/3 overview$", i)
    shown = {l.rsplit(" ", 1)[1] for l in k.lines_since(0, r"kiosk: slide \d+/\d+ ")}
    check("coaching" not in shown, "a slide without data was shown")
    check(shown == {"overview", "products-by-phase", "eig"},
          "slides outside the configured playlist were shown: %s" % sorted(shown))
    k.signal(signal.SIGTERM)
    check(k.wait_exit() == 0, "SIGTERM: exit status not 0")
    k.wait_for(r"SIGTERM received")


def scenario_spotlight(ctx):
    """Another product in the spotlight at each turn of the playlist (the
    date is fixed with --now: only the cycle moves it). The bundled demo
    data: fixtures/data has a single active product."""
    k = ctx.start(dict(FAST, playlist=only(["overview", "spotlight"])), ["--now", NOW])
    i = k.wait_for(r"^info deck: spotlight: .* \(cycle 1\)$", timeout=FEEDS_WAIT_S)
    i = k.wait_for(r"^info deck: spotlight: .* \(cycle 2\)$", i, timeout=FEEDS_WAIT_S)
    k.wait_for(r"^info deck: spotlight: .* \(cycle 3\)$", i, timeout=FEEDS_WAIT_S)
    names = [l.split("spotlight: ", 1)[1].rsplit(" (cycle", 1)[0]
             for l in k.lines_since(0, r"^info deck: spotlight: ")]
    check(len(set(names[:3])) == 3, "the spotlight did not change at each cycle: %s" % names)
    k.signal(signal.SIGTERM)
    check(k.wait_exit() == 0, "SIGTERM: exit status not 0")


def scenario_sigpipe(ctx):
    """SIGPIPE (a peer hanging up under TLS, a closed pipe) never ends the
    kiosk: it keeps changing slides, and SIGTERM still ends it cleanly."""
    k = ctx.start_data(dict(FAST))
    i = k.wait_for(r"^info kiosk: slide 2/3 products-by-phase$")
    k.signal(signal.SIGPIPE)
    k.wait_for(r"^info kiosk: slide 1/3 overview$", i)
    check(k.proc.poll() is None, "the kiosk died of SIGPIPE")
    k.signal(signal.SIGTERM)
    check(k.wait_exit() == 0, "SIGTERM: exit status not 0")


GONE = r"^error kiosk: the display is gone \(its X server closed the connection, or the window " \
       r"was destroyed\): the process ends$"


def gone(k, what):
    """The kiosk ended with a status that is not 0 (Xlib's exit), and its
    own line said so, once."""
    rc = k.wait_exit()
    k.reader.join(timeout=WAIT_S)
    lines = k.lines_since(0, GONE)
    check(rc not in (0, None) and rc > 0, "%s: exit status %r, want a failure (not 0, not a "
          "signal)" % (what, rc))
    check(len(lines) == 1, "%s: want one line of the kiosk's saying so, got %r" % (what, lines))


def scenario_displaygone(ctx):
    """The window destroyed by another client, then, with another kiosk,
    the X server killed: each time Xlib ends the process from inside SDL
    (status 1, after its own message), and the kiosk's line says why."""
    k = ctx.start_data(dict(FAST))
    k.wait_for(r"^info kiosk: slide 2/3 products-by-phase$")
    window = k.xdo("search", "--sync", "--name", "^Vitrine$").split()[0]
    k.xdo("windowclose", window)  # XDestroyWindow from another connection
    gone(k, "window destroyed")
    k = ctx.start_data(dict(FAST))
    k.wait_for(r"^info kiosk: slide 2/3 products-by-phase$")
    ctx.xvfb.proc.kill()
    ctx.xvfb.proc.wait(timeout=EXIT_WAIT_S)
    gone(k, "X server killed")


def scenario_keys(ctx):
    # Slides last 3 s, so eig (third) is not reached by rotation before
    # the first key; after any key a slide holds for 60 s.
    k = ctx.start_data(dict(FAST, slide_duration_s=3, resume_after_s=60))
    k.wait_for(r"slide 1/3 overview$")
    m = k.mark()
    k.keys("3")
    m = k.wait_for(r"slide 3/3 eig$", m)
    k.keys("Left")
    m = k.wait_for(r"slide 2/3 products-by-phase$", m)
    k.keys("Right")
    m = k.wait_for(r"slide 3/3 eig$", m)
    k.keys("Home")
    m = k.wait_for(r"slide 1/3 overview$", m)
    k.keys("Next")  # PageDown
    m = k.wait_for(r"slide 2/3 products-by-phase$", m)
    k.keys("space")
    m = k.wait_for(r"kiosk: paused", m)
    time.sleep(4)  # longer than a slide: the pause must hold
    check(not k.lines_since(m, r"^info kiosk: slide "), "slide changed while paused")
    k.keys("space")
    k.wait_for(r"kiosk: resumed", m)
    k.wait_for(r"slide 3/3 eig$", m)  # rotation goes on after resuming
    k.signal(signal.SIGINT)
    check(k.wait_exit() == 0, "SIGINT: exit status not 0")


def yellow_pixels(rows, box):
    x0, y0, x1, y1 = box
    n = 0
    for y in range(y0, y1, 2):
        for x in range(x0, x1, 2):
            r, g, b = rows[y][x]
            n += abs(r - KEY_YELLOW[0]) < 40 and abs(g - KEY_YELLOW[1]) < 40 and b < 150
    return n


def scenario_help(ctx):
    k = ctx.start_data(dict(FAST, pause_timeout_s=0))
    k.wait_for(r"slide 1/3 overview$")
    k.keys("space")  # hold overview so both screenshots show the same slide
    m = k.wait_for(r"kiosk: paused")
    k.frame_after(m)
    before = screenshot(k.display, ctx.outdir, "help-before.png")
    k.keys("h")
    m = k.wait_for(r"help shown", m)
    k.frame_after(m)
    after = screenshot(k.display, ctx.outdir, "help-shown.png")
    w, h = SIZE
    centre = (w // 5, h // 5, w * 4 // 5, h * 4 // 5)
    check(yellow_pixels(before, centre) == 0, "key colour on screen before the help")
    check(yellow_pixels(after, centre) > 200, "help overlay text not on screen")
    # Left of the panel the paused slide stays visible, dimmed: darker than
    # before, not black, and following it (a dark pixel stays darker).
    strip = [(x, y) for y in range(h // 4, h * 3 // 4, 8) for x in range(0, w // 20, 8)]
    check(any(before[y][x] != (0, 0, 0) for x, y in strip), "no slide on screen before the help")
    check(all(sum(after[y][x]) <= sum(before[y][x]) * 0.5 + 3 for x, y in strip),
          "screen around the help not dimmed")
    check(any(after[y][x] != (0, 0, 0) for x, y in strip), "slide gone around the help")
    check_panel_opaque(after, before)
    k.keys("Escape")
    m = k.wait_for(r"help hidden", m)
    k.frame_after(m)
    gone = screenshot(k.display, ctx.outdir, "help-closed.png")
    check(yellow_pixels(gone, centre) == 0, "help still on screen after Esc")
    check(k.proc.poll() is None, "Esc with the help open must not quit")
    # Over another slide the panel's background is the same colour.
    k.keys("2")
    m = k.wait_for(r"slide 2/3 products-by-phase$", m)
    k.keys("F1")
    m = k.wait_for(r"help shown", m)
    k.frame_after(m)
    other = screenshot(k.display, ctx.outdir, "help-shown-2.png")
    check_panel_opaque(other, gone)
    k.signal(signal.SIGTERM)
    check(k.wait_exit() == 0, "exit status not 0")


PANEL = (10, 14, 40)  # the help panel's background


def check_panel_opaque(rows, behind):
    """The help panel's background is its own colour wherever no text is,
    whatever the slide behind: the right part of its middle (past the
    longest line) is uniformly PANEL, where the slide was not."""
    w, h = SIZE
    box = [(x, y) for y in range(h * 3 // 10, h * 7 // 10, 6)
           for x in range(w * 71 // 100, w * 78 // 100, 6)]
    panel = [p for p in box if rows[p[1]][p[0]] == PANEL]
    check(len(panel) >= len(box) * 0.9,
          "help panel not opaque: %d of %d pixels are its colour" % (len(panel), len(box)))
    check(any(behind[y][x] != PANEL for x, y in box), "slide behind the panel is its colour")


def frame_box(rows, colour=KEY_YELLOW):
    """Bounding box of the pixels of that colour, or None."""
    xs, ys = [], []
    for y in range(0, len(rows), 2):
        for x in range(0, len(rows[0]), 2):
            r, g, b = rows[y][x]
            if abs(r - colour[0]) < 12 and abs(g - colour[1]) < 12 and abs(b - colour[2]) < 12:
                xs.append(x)
                ys.append(y)
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def scenario_overview(ctx):
    playlist = ["overview", "products-by-phase", "eig", "community-domains", "incubators"]
    k = ctx.start_data(dict(FAST, slide_duration_s=2, resume_after_s=60,
                            playlist=only(playlist)))
    k.wait_for(r"slide 1/5 overview$")
    k.keys("Home")  # the first slide, held (it may have gone on meanwhile)
    time.sleep(0.5)
    m = k.mark()
    k.keys("g")
    m = k.wait_for(r"^info kiosk: overview shown$", m)
    k.frame_after(m)  # thumbnails are drawn a few per frame: the first whole one
    rows = screenshot(k.display, ctx.outdir, "overview-shown.png")
    sel = frame_box(rows)
    check(sel is not None, "no selection frame on the overview")
    w, h = SIZE
    check(sel[0] < w // 2 and sel[1] < h // 2, "selection not on the first cell: %s" % (sel,))
    time.sleep(4)  # two slides' durations: no rotation under the overview
    check(not k.lines_since(m, r"^info kiosk: slide "), "rotation went on under the overview")
    m2 = k.mark()
    k.keys("Right")
    k.frame_after(m2)
    moved = screenshot(k.display, ctx.outdir, "overview-moved.png")
    sel2 = frame_box(moved)
    check(sel2 is not None and sel2[0] > sel[2], "Right did not move the selection: %s -> %s"
          % (sel, sel2))
    k.keys("Return")
    m = k.wait_for(r"^info kiosk: overview hidden$", m)
    m = k.wait_for(r"^info kiosk: slide 2/5 products-by-phase$", m)
    # Down then Up comes back; Down from the last row goes round; Esc closes.
    k.keys("Tab", "Down", "Up", "Left", "Return")
    m = k.wait_for(r"overview shown", m)
    m = k.wait_for(r"overview hidden$", m)
    m = k.wait_for(r"slide 1/5 overview$", m)
    k.keys("g")
    m = k.wait_for(r"overview shown", m)
    k.keys("Escape")
    m = k.wait_for(r"overview hidden$", m)
    check(k.proc.poll() is None, "Esc closing the overview must not quit")
    k.signal(signal.SIGTERM)
    check(k.wait_exit() == 0, "exit status not 0")

    # Unattended: it closes by itself after resume_after_s without a key.
    k2 = ctx.start_data(dict(FAST, slide_duration_s=2, resume_after_s=2))
    k2.wait_for(r"slide 1/3 overview$")
    k2.keys("g")
    m = k2.wait_for(r"overview shown")
    m = k2.wait_for(r"^info kiosk: overview hidden \(no key for 2 s\)$", m, timeout=6)
    k2.wait_for(r"kiosk: slide 2/3 ", m)  # rotation goes on
    k2.signal(signal.SIGTERM)
    check(k2.wait_exit() == 0, "exit status not 0")


def changed_pixels(before, after):
    """(x, y) of every pixel that differs between two screenshots."""
    return [(x, y) for y, (rb, ra) in enumerate(zip(before, after)) if rb != ra
            for x, (pb, pa) in enumerate(zip(rb, ra)) if pb != pa]


FOOTER = (246, 246, 246)  # the footer band's background (theme: panel)


def check_marks_cover_nothing(before, after, what):
    """The marks drawn between before and after sit on the footer band's
    own background: every pixel they changed was that colour (no text of
    the footer, nothing of the title or the content), and they show."""
    changed = changed_pixels(before, after)
    check(changed, "%s: nothing on screen changed" % what)
    covered = [p for p in changed if before[p[1]][p[0]] != FOOTER]
    check(not covered, "%s: the mark covers %d pixel(s) of the slide, e.g. at %s" % (
        what, len(covered), covered[:3]))
    w, h = SIZE
    title = [p for p in changed if p[1] < h // 4]
    check(not title, "%s: the title's pixels changed, e.g. at %s" % (what, title[:3]))


# Every deck slide with data in fixtures/data (coaching has none), then
# posters to make 30 slides: file names and the titles the overview gives
# them.
WITH_DATA = [s for s in ALL_SLIDES if s not in ("coaching", "team-4", "team-5", "team-6")]
POSTERS = {"01-demo-day.png": "Demo Day", "02_journee-portes-ouvertes.png":
           "Journee Portes Ouvertes", "atelier-accessibilite.png": "Atelier Accessibilite",
           "2026-bilan-annuel-des-startups-d-etat.png": "Bilan Annuel des Startups d\u2019Etat",
           "welcome.png": "Welcome", "05-hackathon.png": "Hackathon",
           "06-forum-des-communs.png": "Forum des Communs", "07_visite.png": "Visite",
           "08-rencontre-produits.png": "Rencontre Produits", "09-meetup-design.png":
           "Meetup Design", "10-fete-de-fin-d-annee.png": "Fete de Fin d\u2019Annee"}
READABLE = 0.022  # of the short side: the overview's labels (2.5 %, a long title 2.2 %)
LABEL = re.compile(r"^debug overview: label (\d+)/(\d+) at (\d+) px: (.*)$")


def scenario_overview30(ctx):
    """30 slides in the overview: every label is the slide's whole title on
    up to two lines, or cut after more than its first word; at least
    READABLE of the short side; posters by a title made from their file
    name; every thumbnail drawn (the log says how long it took)."""
    posters = os.path.join(ctx.tmp, "posters")
    os.makedirs(posters)
    for i, name in enumerate(POSTERS):
        write_png(os.path.join(posters, name), [[(20 * i, 0, 145)] * 32 for _ in range(18)])
    k = ctx.start_data(dict(FAST, slide_duration_s=60, resume_after_s=60,
                            playlist=only(WITH_DATA)), posters_dir=posters)
    k.wait_for(r"slide 1/30 overview$", timeout=FEEDS_WAIT_S)
    m = k.mark()
    k.keys("g")
    m = k.wait_for(r"^info kiosk: overview shown$", m)
    done = k.wait_for(r"^info overview: 30 thumbnails drawn in \d+ ms$", m, timeout=FEEDS_WAIT_S)
    k.frame_after(done)
    screenshot(k.display, ctx.outdir, "overview-30.png")
    labels = [LABEL.match(l).groups() for l in k.lines_since(m, LABEL.pattern)]
    check(len(labels) == 30, "want 30 labels logged, got %d" % len(labels))
    titles = set(POSTERS.values())
    w, h = SIZE
    for pos, n, px, shown in labels:
        check(int(px) >= READABLE * min(w, h), "label %s at %s px, under %.0f %% of the short "
              "side" % (pos, px, READABLE * 100))
        text = shown.replace(" / ", " ")
        check(shown.count(" / ") <= 1, "label %s on more than two lines: %r" % (pos, shown))
        if text.endswith("\u2026"):
            check(len(text[:-1].split()) >= 2, "label %s cut to one word: %r" % (pos, shown))
        titles.discard(text)
    check(not titles, "posters without their title from the file name: %s" % sorted(titles))
    took = k.lines_since(m, r"^info overview: 30 thumbnails drawn in")[0]
    print("overview30: " + took.split(": ", 1)[1])
    k.signal(signal.SIGTERM)
    check(k.wait_exit() == 0, "exit status not 0")


def scenario_pin(ctx):
    # Slides long enough that none changes under the screenshots.
    k = ctx.start_data(dict(FAST, slide_duration_s=60, resume_after_s=60, pause_timeout_s=0))
    m = k.wait_for(r"slide 1/3 overview$")
    k.keys("Right")  # products-by-phase: a title and a long source line
    m = k.wait_for(r"slide 2/3 products-by-phase$", m)
    k.keys("h", "Escape")  # a frame of the slide at rest, the transition long over
    m = k.wait_for(r"help hidden", m)
    k.frame_after(m)
    before = screenshot(k.display, ctx.outdir, "pin-before.png")
    k.keys("p")
    m = k.wait_for(r"^info kiosk: pinned$", m)
    k.frame_after(m)
    pinned = screenshot(k.display, ctx.outdir, "pin-shown.png")
    check_marks_cover_nothing(before, pinned, "pin")
    w, h = SIZE
    check(yellow_pixels(pinned, (0, h * 7 // 8, w, h)) > 5, "no pin mark in the footer band")
    k.keys("space")
    m = k.wait_for(r"kiosk: paused", m)
    k.frame_after(m)
    both = screenshot(k.display, ctx.outdir, "pin-paused.png")
    check_marks_cover_nothing(before, both, "pin and pause")
    check(changed_pixels(pinned, both), "no pause mark")
    k.keys("space")
    m = k.wait_for(r"kiosk: resumed", m)
    k.signal(signal.SIGTERM)
    check(k.wait_exit() == 0, "exit status not 0")

    k = ctx.start_data(dict(FAST, slide_duration_s=2, resume_after_s=1, pause_timeout_s=1))
    m = k.wait_for(r"slide 1/3 overview$")
    k.keys("p")
    m = k.wait_for(r"^info kiosk: pinned$", m)
    k.keys("space", "space")  # a pause and its timeout do not end a pin
    time.sleep(6)  # three durations
    check(not k.lines_since(m, r"^info kiosk: slide "), "slide changed while pinned")
    k.keys("Right")  # navigation works, the pin stays
    m = k.wait_for(r"slide 2/3 products-by-phase$", m)
    time.sleep(4)
    check(not k.lines_since(m, r"^info kiosk: slide "), "slide changed while pinned after Right")
    k.keys("p")
    m = k.wait_for(r"^info kiosk: unpinned$", m)
    m = k.wait_for(r"slide 3/3 eig$", m)  # rotation resumes
    k.keys("p")
    m = k.wait_for(r"^info kiosk: pinned$", m)
    k.keys("Home")  # Home unpins
    m = k.wait_for(r"^info kiosk: unpinned$", m)
    k.wait_for(r"slide 1/3 overview$", m)
    k.signal(signal.SIGTERM)
    check(k.wait_exit() == 0, "exit status not 0")


def scenario_fade(ctx):
    """After a fade the screen is the new slide alone: the slide drawn at
    rest (a frame of its own, after the help closed over it) is taken
    first; then a fade away and one back to it end on exactly those
    pixels, without a faint copy of the slide faded out."""
    k = ctx.start_data(dict(FAST, slide_duration_s=60, resume_after_s=60, transition="fade",
                            transition_ms=300))
    m = k.wait_for(r"slide 1/3 overview$")
    k.keys("Right")
    m = k.wait_for(r"slide 2/3 products-by-phase$", m)
    k.keys("h", "Escape")
    m = k.wait_for(r"help hidden", m)
    k.frame_after(m)
    alone = screenshot(k.display, ctx.outdir, "fade-alone.png")
    k.keys("Left")
    m = k.wait_for(r"slide 1/3 overview$", m)
    k.keys("Right")
    m = k.wait_for(r"slide 2/3 products-by-phase$", m)
    last = [None]

    def settled():
        last[0] = screenshot(k.display, ctx.outdir, "fade-after.png")
        return last[0] == alone
    try:
        k.wait_until("the slide alone after its fade", settled, timeout=WAIT_S)
    except Failure:
        diff = changed_pixels(alone, last[0])
        near_white = [p for p in diff if min(last[0][p[1]][p[0]]) >= 250]
        raise Failure("after the fade, %d pixel(s) differ from the slide alone (%d near white, "
                      "a faint copy of the previous slide), e.g. %s" % (
                          len(diff), len(near_white), [(p, last[0][p[1]][p[0]])
                                                       for p in diff[:3]]))
    k.signal(signal.SIGTERM)
    check(k.wait_exit() == 0, "exit status not 0")


def scenario_lock(ctx):
    k = ctx.start_data(dict(FAST))
    k.wait_for(r"slide 1/3 overview$")
    m = k.mark()
    k.keys("q", "ctrl+q", "Escape", "Escape")
    ignored = m
    for _ in range(3):  # each key's line, however late it comes
        ignored = k.wait_for(r"quit key ignored: kiosk lock is on", ignored)
    check(k.proc.poll() is None, "a quit key stopped the kiosk with the lock on")
    check(len(k.lines_since(m, r"quit key ignored: kiosk lock is on")) == 3,
          "expected 3 'quit key ignored' lines (q, ctrl+q, Esc twice)")
    k.wait_for(r"^info kiosk: slide ", m)  # still rotating
    k.signal(signal.SIGTERM)
    check(k.wait_exit() == 0, "exit status not 0")

    k2 = ctx.start_data(dict(FAST, allow_quit=True))
    k2.wait_for(r"slide 1/3 overview$")
    k2.keys("q")
    check(k2.wait_exit() == 0, "q with allow_quit: exit status not 0")
    k2.wait_for(r"quit key pressed: exiting")


def scenario_reload(ctx):
    k = ctx.start_data(dict(FAST))
    k.wait_for(r"slide 2/3 products-by-phase$")
    # New order, overview disabled: two slides, eig first.
    ctx.write(dict(FAST, playlist=only(["eig", "products-by-phase"])))
    m = k.mark()
    k.signal(signal.SIGHUP)
    m = k.wait_for(r"SIGHUP received", m)
    m = k.wait_for(r"kiosk settings reloaded", m)
    m = k.wait_for(r"slide \d/2 eig$", m)
    k.wait_for(r"slide \d/2 products-by-phase$", m)
    check(not k.lines_since(m, r"slide \d/\d overview$"), "disabled slide shown after reload")
    ctx.write(dict(FAST, transition="wipe"))
    m = k.mark()
    k.signal(signal.SIGHUP)
    m = k.wait_for(r"error config: .*kiosk\.transition: .*keeping the previous", m)
    # Still rotating with the last good settings (two slides).
    k.wait_for(r"slide \d/2 (eig|products-by-phase)$", m)
    k.signal(signal.SIGTERM)
    check(k.wait_exit() == 0, "exit status not 0")


def scenario_data(ctx):
    # products-by-phase needs products: it goes when startups.json has none.
    playlist = ["overview", "eig", "community-domains", "products-by-phase"]
    k = ctx.start_data(dict(FAST, slide_duration_s=2, playlist=only(playlist)))
    k.wait_for(r"data from .* \(offline\)")
    k.wait_for(r"slide 4/4 products-by-phase$")
    startups = os.path.join(ctx.data, "betagouv", "startups.json")
    with open(startups, "w") as f:
        f.write('{"data": "broken"')
    m = k.mark()
    k.signal(signal.SIGUSR1)
    m = k.wait_for(r"refresh \(SIGUSR1\): .*startups.json.*keeping the data on screen", m)
    k.wait_for(r"slide \d/4 ", m)  # nothing lost
    with open(startups, "w") as f:
        f.write('{"data": []}')
    m = k.mark()
    k.keys("r")
    m = k.wait_for(r"new data on screen", m)
    k.wait_for(r"slide \d/3 ", m)  # no products now: products-by-phase skipped
    check(not k.lines_since(m, r"slide \d/\d products-by-phase$"),
          "a slide without data was shown after the reload")
    k.signal(signal.SIGTERM)
    check(k.wait_exit() == 0, "exit status not 0")


def check_command_process(kiosk_pid):
    """A display command gets stdin, stdout and stderr only (not the
    kiosk's X11 socket, feed connections or files) and SIGPIPE at its
    default (the kiosk ignores it, an ignored signal survives exec)."""
    children = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open("/proc/%s/stat" % pid) as f:
                stat = f.read()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == kiosk_pid:
            children.append(pid)
    check(children, "the display command is not running")
    for pid in children:
        fds = sorted(int(fd) for fd in os.listdir("/proc/%s/fd" % pid))
        check(fds == [0, 1, 2], "display command %s inherited file descriptors %s" % (pid, fds))
        with open("/proc/%s/status" % pid) as f:
            ignored = int(re.search(r"^SigIgn:\s*([0-9a-f]+)$", f.read(), re.M).group(1), 16)
        check(not ignored & (1 << (signal.SIGPIPE - 1)), "display command runs with SIGPIPE ignored")


def scenario_schedule(ctx):
    # Closed every day: black screen from the start; a key wakes it briefly.
    k = ctx.start_data(dict(FAST, schedule={"mon-sun": "off"}, wake_on_key_s=2,
                            display_off_command="echo display-off-command-ran >&2; exec sleep 5"))
    m = k.wait_for(r"^info kiosk: screen off by schedule$")
    k.wait_for(r"display-off-command-ran", m)
    check_command_process(k.proc.pid)
    k.frame_after(m)
    rows = screenshot(k.display, ctx.outdir, "schedule-off.png")
    w, h = SIZE
    check(all(rows[y][x] == (0, 0, 0) for y in range(0, h, 40) for x in range(0, w, 40)),
          "screen not black outside opening hours")
    k.keys("Right")
    m = k.wait_for(r"key pressed outside opening hours", m)
    m = k.wait_for(r"screen on by schedule", m)
    k.frame_after(m)
    rows = screenshot(k.display, ctx.outdir, "schedule-woken.png")
    check(rows[h // 2][w // 2] != (0, 0, 0), "a key did not wake the screen")
    k.wait_for(r"screen off by schedule", m)  # back to sleep by itself
    k.signal(signal.SIGTERM)
    check(k.wait_exit() == 0, "exit status not 0")


def scenario_feeds(ctx):
    # Live feeds from local files (no --data): the startups and authors
    # files hold one record each (fixtures/data), unlike the bundled demo
    # data, so the log shows which data came in.
    files = os.path.join(ctx.tmp, "feeds")
    os.makedirs(files)
    sources = {"startups": (ctx.fixtures, "data/betagouv/startups.json"),
               "authors": (ctx.fixtures, "data/betagouv/authors.json"),
               "incubators": (ctx.demo, "betagouv/incubators.json"),
               "defis": (ctx.demo, "eig/defis.json"),
               "personnes": (ctx.demo, "eig/personnes.json")}
    urls = {}
    for name, (root, rel) in sources.items():
        urls[name] = os.path.join(files, name + ".json")
        shutil.copyfile(os.path.join(root, rel), urls[name])
    k = ctx.start(dict(FAST, playlist=only(["overview", "eig"])), feeds=urls)
    k.wait_for(r"bundled demo data first: no cached copy yet")  # an empty cache at first
    k.wait_for(r"^info feeds: \[startups\] new data: 1 records", timeout=FEEDS_WAIT_S)
    k.wait_for(r"^info feeds: \[authors\] new data: 1 records", timeout=FEEDS_WAIT_S)
    m = k.wait_for(r"^info kiosk: new data on screen \(fresh\)$", timeout=FEEDS_WAIT_S)
    # The EIG feeds show their bundled real copy until read: "fresh" may come
    # before their files are.
    for name in FEEDS:
        k.wait_for(r"^info feeds: \[%s\] new data: " % name, timeout=FEEDS_WAIT_S)
    for name in FEEDS:
        check(len(k.lines_since(0, r"^info feeds: \[%s\] new data: " % name)) == 1,
              "feed %s not read once from its file" % name)
        check(os.path.isfile(os.path.join(ctx.cache, name + ".cache")),
              "feed %s not cached in cache_dir" % name)
    check(not k.lines_since(0, r"^(warn|error) feeds"), "a feed reported a problem")
    m = k.wait_for(r"^info kiosk: slide 1/2 overview$", m)  # rotating on the new data
    k.wait_for(r"^info kiosk: slide 2/2 eig$", m)
    k.signal(signal.SIGTERM)
    check(k.wait_exit() == 0, "SIGTERM: exit status not 0")
    k.wait_for(r"SIGTERM received")


class Context:
    def __init__(self, binary, fixtures, outdir, display, tmp):
        self.binary, self.fixtures, self.outdir = binary, fixtures, outdir
        self.demo = os.path.normpath(os.path.join(fixtures, "..", "..", "..", "assets", "demo"))
        self.display, self.tmp = display, tmp
        self.config = os.path.join(tmp, "vitrine.json")
        self.cache = os.path.join(tmp, "cache")
        self.data = os.path.join(tmp, "data")
        self.feeds = None
        self.kiosks = []

    def write(self, kiosk_cfg, **top):
        write_config(self.config, self.cache, kiosk_cfg, self.feeds, **top)

    def start(self, kiosk_cfg, extra=(), feeds=None, **top):
        self.feeds = feeds
        self.write(kiosk_cfg, **top)
        k = Kiosk(self.binary, self.display,
                  ["--config", self.config, "--size", "%dx%d" % SIZE, "--verbose"] + list(extra),
                  self.tmp)
        self.kiosks.append(k)
        return k

    def start_data(self, kiosk_cfg, **top):
        """The kiosk on a fresh copy of fixtures/data (--data: no feeds
        thread; R and SIGUSR1 reload the files)."""
        shutil.rmtree(self.data, ignore_errors=True)
        shutil.copytree(os.path.join(self.fixtures, "data"), self.data)
        return self.start(kiosk_cfg, ["--data", self.data, "--now", NOW], **top)


def main():
    if len(sys.argv) != 5:
        print(__doc__)
        return 2
    binary, fixtures, outdir, name = sys.argv[1:]
    for tool in ("Xvfb", "xdotool", "xwd"):
        if not shutil.which(tool):
            print("SKIP: %s not installed (run toolchain/deps.sh --test)" % tool)
            return SKIP
    scenario = globals().get("scenario_" + name)
    if not scenario:
        print("unknown scenario " + name)
        return 2
    os.makedirs(outdir, exist_ok=True)
    xvfb = Xvfb()
    tmp = tempfile.mkdtemp(prefix="vitrine-kiosk-")
    ctx = Context(binary, fixtures, outdir, xvfb.display, tmp)
    ctx.xvfb = xvfb  # displaygone kills it
    try:
        scenario(ctx)
        print("1 passed, 0 failed: kiosk display scenario " + name)
        return 0
    except Failure as e:
        print("FAIL %s: %s" % (name, e))
        return 1
    finally:
        for k in ctx.kiosks:
            k.close()
        xvfb.close()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
