#!/usr/bin/env python3
"""Only regular files are read: the commands never wait on a FIFO and
refuse anything else with one line naming the path.

  --check-config --config F, F a FIFO (no writer: an open for reading
    would wait for good), a directory, /dev/null (a character device), a
    unix socket: exit 2, one stderr line naming F and what it is; a
    symbolic link to a regular file is read (exit 0). ./vitrine.json a
    FIFO, found by the search order: the same refusal.
  --dump-stats --offline with <cache_dir>/startups.cache a FIFO and the
    authors feed's url a FIFO: finishes, one line naming each FIFO, the
    bundled demo data stands in for both (exit 3, the statistics printed).
  --dump-stats --data DIR with DIR/eig/defis.json a FIFO: exit 2, one line
    naming it.
Every command has TIMEOUT_S to finish: a read of a FIFO never would.

usage: test_special_files.py VITRINE EMULATOR FIXTURES_DATA
Exit 0 pass, 1 fail."""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile

from vitrinerun import Vitrine

TIMEOUT_S = 30  # a sanitizer build, or qemu; a FIFO read would wait for ever


def run(v, args, cwd=None, env=None):
    full = dict(os.environ)
    full.update(env or {})
    try:
        p = subprocess.run(v.emulator + [v.binary] + args, capture_output=True, text=True,
                           timeout=TIMEOUT_S, cwd=cwd, env=full)
    except subprocess.TimeoutExpired:
        return None, "", "(still running after %d s)" % TIMEOUT_S
    return p.returncode, p.stdout, p.stderr


def lines_naming(err, path):
    return [line for line in err.splitlines() if path + ":" in line]


def refused(v, path, kind, cwd=None, args=None):
    rc, _, err = run(v, args or ["--check-config", "--config", path], cwd=cwd,
                     env={"XDG_CONFIG_HOME": cwd or "/nonexistent", "HOME": "/nonexistent"})
    lines = err.strip().splitlines()
    v.check(rc == 2, "--check-config on %s: exit %r, want 2 (%s)" % (kind, rc, err.strip()))
    v.check(len(lines) == 1 and lines[0].endswith("%s: not a regular file (%s)" % (path, kind)),
            "--check-config on %s: want one line naming %s, got %r" % (kind, path, err))


def check_config(v, tmp):
    fifo = os.path.join(tmp, "vitrine.json")
    os.mkfifo(fifo)
    refused(v, fifo, "a FIFO")
    refused(v, tmp, "a directory")
    refused(v, "/dev/null", "a character device")
    sock_path = os.path.join(tmp, "config.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(sock_path)
    sock.listen(1)
    try:
        refused(v, sock_path, "a socket")
    finally:
        sock.close()
    # Found by the search order (./vitrine.json first), not named.
    refused(v, "vitrine.json", "a FIFO", cwd=tmp, args=["--check-config"])
    real = os.path.join(tmp, "real.json")
    with open(real, "w") as f:
        json.dump({"kiosk": {"slide_duration_s": 7}}, f)
    link = os.path.join(tmp, "link.json")
    os.symlink(real, link)
    rc, out, err = run(v, ["--check-config", "--config", link])
    v.check(rc == 0 and json.loads(out or "{}").get("kiosk", {}).get("slide_duration_s") == 7,
            "--check-config on a symbolic link to a file: exit %r: %s" % (rc, err.strip()))


def dump_feeds(v, tmp):
    cache = os.path.join(tmp, "cache")
    os.makedirs(cache)
    cached, authors = os.path.join(cache, "startups.cache"), os.path.join(tmp, "authors.json")
    os.mkfifo(cached)
    os.mkfifo(authors)
    config = os.path.join(tmp, "feeds.json")
    with open(config, "w") as f:
        json.dump({"cache_dir": cache, "status_file": "",
                   "feeds": {"startups": {"url": "https://127.0.0.1:9/startups.json"},
                             "authors": {"url": authors}}}, f)
    rc, out, err = run(v, ["--dump-stats", "--offline", "--config", config, "--now",
                           "2024-06-01"])
    v.check(rc == 3, "--dump-stats with FIFOs: exit %r, want 3 (demo data): %s" % (rc, err))
    for path in (cached, authors):
        named = lines_naming(err, path)
        v.check(len(named) == 1 and "not a regular file (a FIFO)" in named[0],
                "--dump-stats: want one line naming %s as a FIFO, got %r" % (path, err))
    for feed in ("startups", "authors"):
        v.check("[%s] demo data used" % feed in err, "%s: the demo data did not stand in" % feed)
    try:
        stats = json.loads(out)
    except ValueError:
        stats = None
    v.check(isinstance(stats, dict) and stats, "--dump-stats printed no statistics: %r" % out[:200])


def dump_data_dir(v, tmp, fixtures_data):
    data = os.path.join(tmp, "data")
    shutil.copytree(fixtures_data, data)
    defis = os.path.join(data, "eig", "defis.json")
    os.remove(defis)
    os.mkfifo(defis)
    rc, out, err = run(v, ["--dump-stats", "--data", data, "--now", "2024-06-01"])
    named = lines_naming(err, defis)  # the edge fixtures warn about other files
    v.check(rc == 2 and out == "", "--dump-stats --data with a FIFO: exit %r, want 2" % rc)
    v.check(len(named) == 1 and named[0].endswith("%s: not a regular file (a FIFO)" % defis),
            "--dump-stats --data: want one line naming %s, got %r" % (defis, err))


def main():
    v = Vitrine(sys.argv)
    if len(v.rest) != 1:
        print(__doc__)
        return 2
    tmp = tempfile.mkdtemp(prefix="vitrine-special-")
    try:
        for name, case in (("config", lambda d: check_config(v, d)),
                           ("feeds", lambda d: dump_feeds(v, d)),
                           ("data", lambda d: dump_data_dir(v, d, v.rest[0]))):
            os.makedirs(os.path.join(tmp, name))
            case(os.path.join(tmp, name))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    v.report()


if __name__ == "__main__":
    sys.exit(main())
