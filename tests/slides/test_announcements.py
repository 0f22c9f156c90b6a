#!/usr/bin/env python3
"""The operator's own slides through the real program's --render-slides:

- announcements of the configuration: with one inside its window and one
  outside on --now's day, exactly one announcement slide is written, and
  its QR code (zbarimg) decodes to its url; a window's edge is exact to the
  minute (--now DATE THH:MM); a bad entry is skipped with one line naming
  its index and key, and is an error (exit 2) for --check-config;
- posters: a folder with one good image, a corrupt file, a truncated PNG
  and a 20000x20000 PNG bomb of about 1 MB: one poster slide, one stderr
  line naming each refused file, exit 0, and a peak RSS far below the
  bomb's decoded size (1.6 GB); the poster is letterboxed on the theme's
  background, never stretched; one under half the stage shown at twice its
  size, no more, with a line saying it is small.

usage: test_announcements.py VITRINE EMULATOR DEMO_DATA_DIR"""
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from vitrinerun import SKIP, Vitrine  # noqa: E402

URL = "https://beta.gouv.fr/evenements/demo-day"
SIZE = (1280, 720)
BG = (255, 255, 255)  # THEME_BG
RED = (220, 20, 30)
BOMB_SIDE = 20000


def png_bytes(w, h, rows):
    """A PNG (8-bit RGB) from a row generator; compressed as it goes."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))
    z = zlib.compressobj(9)
    idat = bytearray()
    for row in rows:
        idat += z.compress(b"\0" + row)
    idat += z.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", bytes(idat)) + chunk(b"IEND", b""))


def png_pixels(path):
    """(w, h, rows of RGB tuples) of an 8-bit RGB or RGBA PNG, any filter."""
    with open(path, "rb") as f:
        data = f.read()
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    bpp = 4 if ctype == 6 else 3
    raw, stride, prev, rows = zlib.decompress(idat), w * bpp, bytearray(w * bpp), []
    for y in range(h):
        ft, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if ft == 1:
                line[i] = (line[i] + a) & 255
            elif ft == 2:
                line[i] = (line[i] + b) & 255
            elif ft == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ft == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(w)])
        prev = line
    return w, h, rows


def zbar(png):
    p = subprocess.run(["zbarimg", "--raw", "-q", png], capture_output=True, timeout=60)
    return p.stdout.decode("utf-8", "replace").strip()


def write_config(tmp, announcements, posters_dir=""):
    path = os.path.join(tmp, "vitrine.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"cache_dir": os.path.join(tmp, "cache"), "announcements": announcements,
                   "posters_dir": posters_dir}, f, ensure_ascii=False)
    return path


def render(v, tmp, cfg, data, now, name):
    out = os.path.join(tmp, name)
    rc, stdout, err = v.run("--render-slides", out, "--config", cfg, "--data", data, "--now", now,
                            "--size", "%dx%d" % SIZE, env={"SDL_VIDEODRIVER": "offscreen"})
    files = sorted(f for f in os.listdir(out) if f.endswith(".png")) \
        if os.path.isdir(out) else []
    return rc, stdout, err, out, files


def announcements(v, tmp, data):
    inside = {"title": "Bienvenue au Demo Day", "text": "Présentations à 14 h, auditorium.",
              "from": "2026-12-06", "to": "2026-12-08", "url": URL, "duration_s": 20}
    outside = {"title": "Plus tard", "text": "En janvier", "from": "2027-01-10",
               "to": "2027-01-11"}
    bad = {"title": "Mauvaise", "text": "x", "from": "2026-12-07", "to": "demain"}
    cfg = write_config(tmp, [inside, outside, bad])
    rc, stdout, err, out, files = render(v, tmp, cfg, data, "2026-12-07", "announce")
    v.check(rc == 0, "--render-slides with announcements exits 0 (%d: %s)" % (rc, err))
    shown = [f for f in files if re.match(r"slide-\d\d-announcement\.png$", f)]
    v.check(len(shown) == 1, "exactly one announcement slide: %s" % files)
    v.check(", 0 layout problem(s)" in stdout, "no layout problem: %s" % stdout.strip())
    if shown:
        got = zbar(os.path.join(out, shown[0]))
        v.check(got == URL, "its QR code decodes to its url (%r)" % got)
        v.check(int(shown[0][6:8]) == len(files), "the announcement comes after the others")
    lines = [ln for ln in err.splitlines() if "announcements[2].to" in ln]
    v.check(len(lines) == 1 and "skipped" in lines[0],
            "the bad entry is one line naming its index and key: %s" % err)
    rc, _, err = v.run("--check-config", "--config", cfg)
    v.check(rc == 2 and "announcements[2].to" in err.splitlines()[-1],
            "--check-config: a bad announcement exits 2 naming it (%d: %s)" % (rc, err))
    # A window to the minute: on until 17:59, off from 18:00.
    timed = dict(inside, **{"from": "2026-12-07T09:00", "to": "2026-12-07T18:00"})
    cfg = write_config(tmp, [timed])
    for now, want in [("2026-12-07T08:59", 0), ("2026-12-07T09:00", 1), ("2026-12-07T17:59", 1),
                      ("2026-12-07T18:00", 0)]:
        rc, _, err, _, files = render(v, tmp, cfg, data, now, "edge-" + now[-5:].replace(":", ""))
        n = len([f for f in files if f.endswith("-announcement.png")])
        v.check(rc == 0 and n == want, "at %s: %d announcement slide(s), want %d" % (now, n, want))
    rc, _, err = v.run("--check-config", "--config", cfg)
    v.check(rc == 0, "--check-config accepts good announcements (%d: %s)" % (rc, err))
    # The poster's colour names one of the theme's; the event's date is a date.
    good = dict(inside, color="red", when="2026-12-10T14:30")
    for key, value in [("color", "violet"), ("color", 3), ("when", "jeudi")]:
        cfg = write_config(tmp, [good, dict(good, **{key: value})])
        rc, _, err = v.run("--check-config", "--config", cfg)
        last = err.strip().splitlines()[-1] if err.strip() else ""
        v.check(rc == 2 and "announcements[1]." + key in last and "\n" not in last,
                "--check-config: %s %r is one line naming the key (%d: %s)" % (key, value, rc, err))
        if key == "color":
            v.check('"blue"' in last, "the line names the theme's colours: %s" % last)
    cfg = write_config(tmp, [good])
    rc, _, err = v.run("--check-config", "--config", cfg)
    v.check(rc == 0, "--check-config accepts a colour and a date (%d: %s)" % (rc, err))
    # A text longer than the screen holds at the smallest size: cut on a
    # word with an ellipsis, one log line, no layout problem.
    # (long words: one a line, more lines than a text may have)
    text = " ".join(["intercommunalités-départementales-régionales"] * 24)
    cfg = write_config(tmp, [dict(good, text=text)])
    rc, stdout, err, out, files = render(v, tmp, cfg, data, "2026-12-07", "long")
    txt = [f for f in files if f.endswith("-announcement.png")]
    v.check(rc == 0 and ", 0 layout problem(s)" in stdout, "a long text: no layout problem")
    v.check("cut with an ellipsis" in err, "a long text cut says so in one line: %s" % err)
    if txt:
        with open(os.path.join(out, txt[0][:-4] + ".txt"), encoding="utf-8") as f:
            read = f.read()
        v.check("\u2026" in read and text not in read, "the text drawn ends with an ellipsis")


def make_posters(folder):
    os.makedirs(folder)
    w, h = 800, 200  # 4:1, red on the left half, blue on the right (over half the stage)
    row = bytes(RED) * (w // 2) + bytes((0, 0, 145)) * (w // 2)
    with open(os.path.join(folder, "Demo Day.png"), "wb") as f:
        f.write(png_bytes(w, h, (row for _ in range(h))))
    small = bytes((0, 0, 145)) * 200
    with open(os.path.join(folder, "petite.png"), "wb") as f:  # under half the stage
        f.write(png_bytes(200, 100, (small for _ in range(100))))
    with open(os.path.join(folder, "corrupt.png"), "wb") as f:
        f.write(os.urandom(4096))
    good = png_bytes(w, h, (row for _ in range(h)))
    with open(os.path.join(folder, "truncated.png"), "wb") as f:
        f.write(good[:len(good) // 2])
    zero = bytes(BOMB_SIDE * 3)
    bomb = png_bytes(BOMB_SIDE, BOMB_SIDE, (zero for _ in range(BOMB_SIDE)))
    with open(os.path.join(folder, "bomb.png"), "wb") as f:
        f.write(bomb)
    return len(bomb)


def posters(v, tmp, data):
    folder = os.path.join(tmp, "affiches")
    bomb_size = make_posters(folder)
    v.check(bomb_size < 2 << 20, "the bomb is small on disk (%d bytes)" % bomb_size)
    cfg = write_config(tmp, [], "affiches")
    out = os.path.join(tmp, "posters")
    argv = v.emulator + [v.binary, "--render-slides", out, "--config", cfg, "--data", data,
                         "--now", "2026-12-07", "--size", "%dx%d" % SIZE]
    with tempfile.TemporaryFile() as so, tempfile.TemporaryFile() as se:
        proc = subprocess.Popen(argv, stdout=so, stderr=se,
                                env=dict(os.environ, SDL_VIDEODRIVER="offscreen"))
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak, not the others'
        proc.returncode = os.waitstatus_to_exitcode(status)
        so.seek(0)
        se.seek(0)
        stdout, err = so.read().decode(), se.read().decode()
    rc, peak_kib = proc.returncode, usage.ru_maxrss
    files = sorted(f for f in os.listdir(out) if f.endswith(".png")) \
        if os.path.isdir(out) else []
    v.check(rc == 0, "--render-slides with posters exits 0 (%d: %s)" % (rc, err))
    shown = [f for f in files if "-poster" in f]
    small = [f for f in shown if f.endswith("-poster-petite.png")]
    shown = [f for f in shown if f not in small]
    v.check(shown and len(shown) == 1 and shown[0].endswith("-poster-demo-day.png"),
            "one poster slide, named after its file: %s" % shown)
    v.check(len(small) == 1, "the small poster has its slide: %s" % files)
    for name in ("corrupt.png", "truncated.png", "bomb.png"):
        lines = [ln for ln in err.splitlines() if name in ln]
        v.check(len(lines) == 1, "one stderr line names %s: %s" % (name, lines))
    v.check("megapixels" in err, "the bomb is refused for its size, read from its header")
    decoded_kib = BOMB_SIDE * BOMB_SIDE * 4 // 1024
    v.check(0 < peak_kib < decoded_kib // 4,
            "peak RSS %d MiB, far below the bomb's %d MiB decoded" % (peak_kib // 1024,
                                                                    decoded_kib // 1024))
    if shown:
        w, h, rows = png_pixels(os.path.join(out, shown[0]))
        v.check((w, h) == SIZE, "the poster slide is %dx%d" % (w, h))
        # 800x200 fitted into 1280x720: 1280x320, centred: bands of 200 rows.
        v.check(rows[100][640] == BG and rows[620][640] == BG,
                "letterboxed on the background above and below")
        v.check(rows[360][300] == RED and rows[360][980] == (0, 0, 145),
                "the image whole, left half red and right half blue: %s %s"
                % (rows[360][300], rows[360][980]))
        v.check(rows[205][640] != BG and rows[514][640] != BG and rows[195][640] == BG,
                "never stretched: the image is 320 rows high (%s %s %s)"
                % (rows[195][640], rows[205][640], rows[514][640]))
    if small:
        small_poster(v, out, small[0])


def small_poster(v, out, png):
    """A 200x100 poster on a 1280x720 stage: shown at twice its size
    (400x200), no more, centred above a line that says it is small."""
    w, h, rows = png_pixels(os.path.join(out, png))
    blue = (0, 0, 145)
    cols = [x for x in range(w) if rows[h // 2 - 40][x] == blue]
    lines = [y for y in range(h) if rows[y][w // 2] == blue]
    v.check(len(cols) == 400 and len(lines) == 200,
            "the small poster at twice its size: %dx%d, want 400x200" % (len(cols), len(lines)))
    v.check(cols and abs((cols[0] + cols[-1]) / 2 - w / 2) <= 1,
            "centred across the stage (%s..%s)" % (cols[:1], cols[-1:]))
    with open(os.path.join(out, png[:-4] + ".txt"), encoding="utf-8") as f:
        text = f.read()
    v.check("Affiche de 200 \u00d7 100 px" in text and "1280 \u00d7 720" in text,
            "a line says it is small and the size to export it at: %r" % text)


def main():
    v = Vitrine(sys.argv)
    data = v.rest[0]
    if subprocess.run(["which", "zbarimg"], capture_output=True).returncode != 0:
        print("SKIP: zbarimg (zbar-tools) is not installed")
        return SKIP
    with tempfile.TemporaryDirectory(prefix="vitrine-announce-") as tmp:
        announcements(v, tmp, data)
        posters(v, tmp, data)
    v.report()


if __name__ == "__main__":
    sys.exit(main())
