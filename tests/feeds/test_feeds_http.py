#!/usr/bin/env python3
"""Feed tests against a real HTTP server on 127.0.0.1 (feedserver.py).

Runs the real vitrine executable: `vitrine --dump-stats --config C` with C
pointing every feed at the local server, then replays each failure the
issue lists (errors, stalls, drips, oversize, truncated, bad JSON, wrong
shape, hostile redirects, a connection reset in the middle of a body,
server gone). After each one it asserts that the cache still holds the last
good bytes, that the statistics printed are unchanged and that the exit
status is 0 (real data from the cache). Feeds are fetched in parallel: two
feeds stalled after their headers cost one low-speed timeout, not two.

usage: test_feeds_http.py VITRINE EMULATOR FIXTURES ASSETS
(EMULATOR: the cross-compilation emulator command, "" for native builds)
"""

import shlex
import json
import os
import socket
import subprocess
import sys
import tempfile
import time

from feedserver import FeedServer

FEEDS = ["startups", "authors", "incubators", "defis", "personnes"]
NOW = "2024-01-01"
RUN_TIMEOUT_S = 60  # one vitrine run; the slowest scenario needs about 10 s
# Margins wide enough for a loaded machine and a sanitizer build: a good
# fetch of a few KB must never trip them; the failure scenarios set their own.
FAST_LIMITS = {"connect_timeout_s": 3, "timeout_s": 10, "low_speed_limit_bps": 50,
               "low_speed_time_s": 3, "max_bytes": 100000}

failures = []
checks = []


def check(cond, what):
    checks.append(what)
    if not cond:
        failures.append(what)
        print("FAIL " + what, file=sys.stderr)
    return cond


class Env:
    def __init__(self, vitrine, fixtures, assets, tmp):
        self.vitrine, self.fixtures, self.assets, self.tmp = vitrine, fixtures, assets, tmp
        self.cache_dir = os.path.join(tmp, "cache")

    def config(self, urls, name="vitrine.json", **limits):
        feeds = {}
        for feed in FEEDS:
            feeds[feed] = dict(FAST_LIMITS, url=urls[feed])
            feeds[feed].update(limits)
        path = os.path.join(self.tmp, name)
        with open(path, "w") as f:
            json.dump({"cache_dir": self.cache_dir, "feeds": feeds}, f)
        return path

    def run(self, config, *extra):
        env = dict(os.environ, XDG_CACHE_HOME=os.path.join(self.tmp, "xdg-cache"),
                   XDG_CONFIG_HOME=os.path.join(self.tmp, "xdg-config"))
        p = subprocess.run(self.vitrine + ["--dump-stats", "--config", config, "--now", NOW,
                            *extra], capture_output=True, text=True, timeout=RUN_TIMEOUT_S,
                           env=env, cwd=self.tmp)
        return p.returncode, p.stdout, p.stderr

    def cache_bodies(self):
        out = {}
        for feed in FEEDS:
            path = os.path.join(self.cache_dir, feed + ".cache")
            if os.path.exists(path):
                with open(path, "rb") as f:
                    out[feed] = f.read().split(b"\n", 1)[1]
        return out


def closed_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def first_fetch_then_304(env, srv, cfg):
    rc, out, err = env.run(cfg)
    check(rc == 0, "first run exits 0 (got %d): %s" % (rc, err))
    reqs = srv.take_requests()
    check(sorted(r["feed"] for r in reqs) == sorted(FEEDS), "first run requests every feed")
    check(all(r["status"] == 200 for r in reqs), "first run gets 200s")
    check(all("if-none-match" not in r["headers"] for r in reqs), "first run is unconditional")
    check(all(r["headers"].get("user-agent", "").startswith("Vitrine/") for r in reqs),
          "User-Agent names Vitrine")
    cached = env.cache_bodies()
    for feed in FEEDS:
        check(cached.get(feed) == srv.body(feed), "cache holds the %s body" % feed)
    check(json.loads(out)["products"]["total"] == 3, "statistics come from the fetched data")

    rc2, out2, err2 = env.run(cfg)
    reqs = srv.take_requests()
    check(rc2 == 0 and out2 == out, "second run: same statistics, exit 0")
    check(len(reqs) == len(FEEDS) and all(r["status"] == 304 for r in reqs),
          "second run gets 304s: %s" % [r["status"] for r in reqs])
    check(all(r["headers"].get("if-none-match") for r in reqs), "second run sends If-None-Match")
    check("not refreshed" not in err2, "no warning when everything is fresh: " + err2)
    return out, cached


def last_modified(env, srv, cfg, baseline, cached):
    srv.modes = {f: "lastmod" for f in FEEDS}
    for feed in FEEDS:  # a first fetch from a server that only sends Last-Modified
        os.unlink(os.path.join(env.cache_dir, feed + ".cache"))
    rc, out, _ = env.run(cfg)
    srv.take_requests()
    rc2, out2, _ = env.run(cfg)
    reqs = srv.take_requests()
    check(rc == 0 and rc2 == 0 and out == baseline and out2 == baseline,
          "Last-Modified runs keep the statistics")
    check(all(r["headers"].get("if-modified-since") for r in reqs),
          "If-Modified-Since sent from the stored Last-Modified")
    check(all(r["status"] == 304 for r in reqs), "Last-Modified revalidation gets 304s")
    check(env.cache_bodies() == cached, "Last-Modified: cache unchanged")


def cache_files(env):
    out = {}
    for feed in FEEDS:
        st = os.stat(os.path.join(env.cache_dir, feed + ".cache"))
        out[feed] = (st.st_ino, st.st_mtime_ns, st.st_size)
    return out


def same_body_new_etag(env, srv, cfg, baseline, cached):
    """A server that hands out a new ETag for the same bytes: no cache write."""
    before = cache_files(env)
    time.sleep(0.05)  # a rewrite would show in mtime_ns
    srv.modes = {f: "newetag" for f in FEEDS}
    rc, out, err = env.run(cfg)
    reqs = srv.take_requests()
    check(all(r["status"] == 200 for r in reqs) and len(reqs) == len(FEEDS),
          "[new etag] every feed got 200 with the same bytes")
    check(rc == 0 and out == baseline, "[new etag] same statistics (%d): %s" % (rc, err))
    check(cache_files(env) == before, "[new etag] cache files untouched (inode, mtime, size)")
    check(env.cache_bodies() == cached, "[new etag] cache holds the same bodies")
    srv.modes = {}


def with_dates_as_ddmmyyyy(body):
    doc = json.loads(body)
    for p in doc["data"]:
        for ph in p["attributes"].get("phases", []):
            y, m, d = ph["start"].split("-")
            ph["start"] = "%s/%s/%s" % (d, m, y)
    return json.dumps(doc).encode()


def with_one_record(body):
    doc = json.loads(body)
    doc["data"] = doc["data"][:1]
    return json.dumps(doc).encode()


def collapse_refused(env, srv, cfg, baseline, cached):
    """Bodies that parse but would collapse the figures keep the last good copy."""
    cases = [("dates as DD/MM/YYYY", with_dates_as_ddmmyyyy, "not refreshed",
              "lack a phase with a valid start date"),
             ("a single record", with_one_record, "new body held as implausible",
              "products.total would fall from 3 to 1")]
    for name, change, said, words in cases:
        srv.bodies["startups"] = change(srv.body("startups"))
        rc, out, err = env.run(cfg)
        srv.take_requests()
        tag = "[%s] " % name
        check(rc == 0 and out == baseline, tag + "statistics unchanged (%d)" % rc)
        check(env.cache_bodies() == cached, tag + "cache still holds the last good copy")
        lines = [l for l in err.splitlines() if l.startswith("vitrine: [startups] " + said)]
        check(len(lines) == 1 and words in lines[0], tag + "stderr says why: %s" % err)
        del srv.bodies["startups"]


def read_only_runner(env, ro_dir):
    """A way to run vitrine with ro_dir read-only: a read-only bind mount in a
    mount namespace of its own as root, the permissions otherwise. None when
    neither works here."""
    if os.geteuid() != 0:
        os.chmod(ro_dir, 0o555)
        return lambda argv: argv
    probe = ["unshare", "-m", "sh", "-c",
             'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && ! touch "$1/.probe"',
             "sh", ro_dir]
    if subprocess.run(probe, capture_output=True).returncode != 0:
        return None
    script = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && shift && exec "$@"'
    return lambda argv: ["unshare", "-m", "sh", "-c", script, "sh", ro_dir] + argv


def read_only_cache(env, srv, baseline):
    """Good copies in a cache directory that cannot be written: read, and
    new data shown from memory; never the demo data."""
    ro_dir = os.path.join(env.tmp, "ro-cache")
    os.makedirs(ro_dir)
    for feed in FEEDS:
        with open(os.path.join(env.cache_dir, feed + ".cache"), "rb") as f:
            data = f.read()
        with open(os.path.join(ro_dir, feed + ".cache"), "wb") as f:
            f.write(data)
    wrap = read_only_runner(env, ro_dir)
    if wrap is None:
        print("SKIP read-only cache: no read-only bind mount possible here (root, no mount)",
              file=sys.stderr)
        return
    cfg = env.config({f: srv.url(f) for f in FEEDS}, "ro.json")
    with open(cfg) as f:
        doc = json.load(f)
    doc["cache_dir"] = ro_dir
    with open(cfg, "w") as f:
        json.dump(doc, f)
    before = {f: os.stat(os.path.join(ro_dir, f + ".cache")).st_mtime_ns for f in FEEDS}
    saved, env.vitrine = env.vitrine, wrap(env.vitrine)
    try:
        rc, out, err = env.run(cfg, "--offline")
        check(rc == 0 and out == baseline and "demo" not in err,
              "[read-only cache] offline: the real figures from the copies (%d): %s" % (rc, err))
        with open(os.path.join(env.fixtures, "startups_v2.json"), "rb") as f:
            srv.bodies["startups"] = f.read()
        rc, out, err = env.run(cfg)
        srv.take_requests()
        check(rc == 0 and json.loads(out)["products"]["total"] == 4,
              "[read-only cache] online: the new data is shown (%d): %s" % (rc, err))
        warned = [l for l in err.splitlines() if "not kept on disk" in l]
        check(any("[startups]" in l for l in warned) and "demo" not in err,
              "[read-only cache] says the new data is not kept on disk: %s" % err)
    finally:
        env.vitrine = saved
        srv.bodies.clear()
        if os.geteuid() != 0:
            os.chmod(ro_dir, 0o755)
    after = {f: os.stat(os.path.join(ro_dir, f + ".cache")).st_mtime_ns for f in FEEDS}
    check(after == before, "[read-only cache] the copies are untouched")


def gzip_transfer(env, srv, cfg, baseline, cached):
    srv.modes = {f: "gzip" for f in FEEDS}
    rc, out, err = env.run(cfg)
    reqs = srv.take_requests()
    check(all("gzip" in r["headers"].get("accept-encoding", "") for r in reqs),
          "Accept-Encoding offers gzip")
    check(all(r["status"] == 200 for r in reqs), "gzip bodies served")
    check(rc == 0 and out == baseline, "gzip: same statistics (%d) %s" % (rc, err))
    check(env.cache_bodies() == cached, "gzip: the cache holds the decoded bodies")


# (mode, feeds it applies to, expected words in each warning line, limits)
FAILURES = [
    ("500", FEEDS, "HTTP 500", {}),
    ("404", FEEDS, "HTTP 404", {}),
    ("stall", ["startups"], "timed out", {"low_speed_time_s": 60, "timeout_s": 1}),
    ("drip", ["startups"], "too slow", {"timeout_s": 20}),
    ("toobig", ["startups", "authors"], "max_bytes", {}),
    ("toobig-chunked", ["startups", "authors"], "max_bytes", {}),
    ("truncated", FEEDS, "transfer closed", {}),
    ("truncated-unsized", FEEDS, "rejected body", {}),
    # Ours on curl 7 (which gives only CURLE_OUT_OF_MEMORY); curl >= 8.6
    # says "Rejected N bytes header" itself.
    ("bigheader", ["authors"], "header", {}),
    ("invalid", FEEDS, "rejected body", {}),
    ("wrongshape", FEEDS, "rejected body", {}),
    ("redirect-file", FEEDS, "only http and https are allowed", {}),
    ("http09", FEEDS, "not an HTTP response", {}),
    ("redirect-loop", ["startups"], "redirects", {}),
    ("reset", FEEDS, "reset", {}),
]
# Two feeds stall after their headers: each stops on the low-speed limit.
# In parallel the run lasts about one stall; one after the other it would
# last two, which STALL_MAX_RATIO rejects with room for a slow machine.
STALLED = ["startups", "authors"]
STALL_LIMITS = {"low_speed_time_s": 4, "timeout_s": 30}
STALL_MAX_RATIO = 1.6


def failure_keeps_last_good(env, srv, urls, baseline, cached, mode, feeds, words, limits):
    cfg = env.config(urls, "fail-%s.json" % mode, **limits)
    srv.modes = {f: (mode if f in feeds else "etag") for f in FEEDS}
    rc, out, err = env.run(cfg)
    reqs = srv.take_requests()
    tag = "[%s] " % mode
    if os.environ.get("VERBOSE"): print(tag, err, file=sys.stderr)
    check(rc == 0, tag + "exit 0 from the cache (got %d)" % rc)
    check(out == baseline, tag + "statistics unchanged")
    check(env.cache_bodies() == cached, tag + "cache still holds the last good copy")
    for feed in feeds:
        lines = [l for l in err.splitlines() if l.startswith("vitrine: [%s] not refreshed" % feed)]
        check(len(lines) == 1 and words in lines[0],
              tag + "one warning naming %s and '%s': %s" % (feed, words, lines or err))
    if mode == "bigheader":
        check("memory" not in err, tag + "a header over curl's limit is not 'out of memory'")
    if mode == "http09":
        check("only http and https" not in err, tag + "a broken reply is not called a refused scheme")
    if mode == "redirect-file":
        check(all(r["path"] == "/%s.json" % r["feed"] for r in reqs), tag + "file:// not followed")
    if mode == "redirect-loop":
        loops = [r for r in reqs if r["path"].startswith("/loop/")]
        check(len(loops) == 3, tag + "at most 3 redirects followed (got %d)" % len(loops))


def stalls_do_not_add_up(env, srv, urls, baseline, cached):
    stall_s = STALL_LIMITS["low_speed_time_s"]
    cfg = env.config(urls, "stalls.json", **STALL_LIMITS)
    srv.modes = {f: "headers-stall" for f in STALLED}
    t0 = time.monotonic()
    rc, out, err = env.run(cfg)
    elapsed = time.monotonic() - t0
    reqs = srv.take_requests()
    tag = "[two stalls] "
    if os.environ.get("VERBOSE"): print(tag, "%.2f s" % elapsed, err, file=sys.stderr)
    bound = STALL_MAX_RATIO * stall_s
    check(elapsed < bound, tag + "one stall's wait, not two: %.1f s (< %.1f s)" % (elapsed, bound))
    check(elapsed >= 0.9 * stall_s, tag + "the stalls did stall: %.1f s" % elapsed)
    check(rc == 0 and out == baseline, tag + "exit 0, same statistics (%d): %s" % (rc, err))
    check(env.cache_bodies() == cached, tag + "cache still holds the last good copies")
    warned = [l for l in err.splitlines() if "not refreshed" in l]
    check(len(warned) == len(STALLED) and
          all(any(l.startswith("vitrine: [%s] not refreshed" % f) and "too slow" in l
                  for l in warned) for f in STALLED),
          tag + "one 'too slow' warning per stalled feed and none for the others: %s" % warned)
    fresh = {r["feed"]: r["status"] for r in reqs if r["feed"] not in STALLED}
    check(fresh == {f: 304 for f in FEEDS if f not in STALLED},
          tag + "the other feeds were revalidated: %s" % fresh)
    srv.modes = {}


def redirect_followed(env, srv, cfg, baseline):
    srv.modes = {f: "redirect-ok" for f in FEEDS}
    rc, out, err = env.run(cfg)
    srv.take_requests()
    check(rc == 0 and out == baseline and "not refreshed" not in err,
          "an http redirect within the limit is followed: " + err)


def new_data_then_server_gone(env, srv, cfg, urls):
    srv.modes = {}
    with open(os.path.join(env.fixtures, "startups_v2.json"), "rb") as f:
        srv.bodies["startups"] = f.read()
    rc, out, _ = env.run(cfg)
    srv.take_requests()
    check(rc == 0 and json.loads(out)["products"]["total"] == 4, "new data replaces the old")
    check(env.cache_bodies()["startups"] == srv.bodies["startups"], "cache holds the new copy")
    gone = {f: "http://127.0.0.1:%d/%s.json" % (closed_port(), f) for f in FEEDS}
    rc2, out2, err2 = env.run(env.config(gone, "gone.json"))
    check(rc2 == 0 and out2 == out, "server gone: same statistics from the cache, exit 0")
    check(err2.count("not refreshed") == len(FEEDS), "server gone: one warning per feed")
    srv.bodies.clear()
    return out


def offline_modes(env, srv, cfg, stats_now):
    rc, out, err = env.run(cfg, "--offline")
    reqs = [(r["feed"], r["path"], r["status"]) for r in srv.take_requests()]
    check(reqs == [], "--offline opens no connection: %s" % reqs)
    check(rc == 0 and out == stats_now and "offline" in err, "--offline uses the cache")
    empty = env.config({f: srv.url(f) for f in FEEDS}, "empty.json")
    with open(empty) as f:
        doc = json.load(f)
    doc["cache_dir"] = os.path.join(env.tmp, "empty-cache")
    with open(empty, "w") as f:
        json.dump(doc, f)
    rc, out, err = env.run(empty, "--offline")
    check(srv.take_requests() == [], "--offline with an empty cache opens no connection")
    check(rc == 3, "--offline with an empty cache exits 3 (got %d)" % rc)
    has_demo = os.path.isdir(os.path.join(env.assets, "demo", "betagouv"))
    if has_demo:
        check(err.count("demo data used") == 3, "says demo data was used: " + err)
    # The EIG feeds have the real copy built in: never demo, and their figures
    # are the programme's (assets/eig).
    check(err.count("bundled copy of the EIG programme site") == 2,
          "says the bundled EIG copy stands in: " + err)
    check("[defis] demo" not in err and "[personnes] demo" not in err, "no EIG demo line: " + err)
    eig = json.loads(out)["eig"]
    check((eig["projects"], eig["fellows"], eig["mentors"]) == (71, 128, 138),
          "bundled EIG figures: %s" % eig)
    check(json.loads(out)["as_of"] == NOW, "still prints statistics")


def corrupt_cache_ignored(env, srv, cfg):
    path = os.path.join(env.cache_dir, "authors.cache")
    with open(path, "rb") as f:
        data = f.read()
    with open(path, "wb") as f:
        f.write(data[:-20])  # truncated: size and checksum no longer match
    srv.modes = {}
    rc, out, err = env.run(cfg)
    reqs = {r["feed"]: r for r in srv.take_requests()}
    check("authors.cache" in err and "ignored" in err, "a truncated cache file is logged: " + err)
    check("if-none-match" not in reqs["authors"]["headers"],
          "no validators are sent for an ignored copy")
    check(rc == 0 and env.cache_bodies()["authors"] == srv.body("authors"),
          "the feed is fetched again and re-cached")


def corrupt_cache_same_size(env, srv, cfg):
    """A flipped byte keeps the size: only the checksum tells. The copy must
    not be trusted with a conditional request (a 304 would keep it)."""
    path = os.path.join(env.cache_dir, "startups.cache")
    with open(path, "rb") as f:
        data = bytearray(f.read())
    body_at = data.index(b"\n") + 1
    middle = body_at + (len(data) - body_at) // 2
    data[middle] = ord("X") if data[middle] != ord("X") else ord("Y")
    with open(path, "wb") as f:
        f.write(bytes(data))
    srv.modes = {}
    rc, out, err = env.run(cfg)
    reqs = {r["feed"]: r for r in srv.take_requests()}
    check("startups.cache" in err and "checksum" in err,
          "a corrupt cache file is logged: " + err)
    check("if-none-match" not in reqs["startups"]["headers"],
          "no validators are sent for a corrupt copy")
    check(rc == 0 and env.cache_bodies()["startups"] == srv.body("startups"),
          "the feed is fetched again and re-cached")


def bad_config(env):
    path = os.path.join(env.tmp, "bad.json")
    with open(path, "w") as f:
        json.dump({"feeds": {"authors": {"timeout_s": "soon"}}}, f)
    rc, _, err = env.run(path)
    check(rc == 2 and "feeds.authors.timeout_s" in err, "bad config exits 2 naming the key")


def main():
    vitrine, emulator, fixtures, assets = sys.argv[1:5]
    with tempfile.TemporaryDirectory(prefix="vitrine-feeds-") as tmp, \
            FeedServer(fixtures) as srv:
        env = Env(shlex.split(emulator) + [os.path.abspath(vitrine)], fixtures, assets, tmp)
        urls = {f: srv.url(f) for f in FEEDS}
        cfg = env.config(urls)
        baseline, cached = first_fetch_then_304(env, srv, cfg)
        last_modified(env, srv, cfg, baseline, cached)
        same_body_new_etag(env, srv, cfg, baseline, cached)
        collapse_refused(env, srv, cfg, baseline, cached)
        read_only_cache(env, srv, baseline)
        gzip_transfer(env, srv, cfg, baseline, cached)
        redirect_followed(env, srv, cfg, baseline)
        stalls_do_not_add_up(env, srv, urls, baseline, cached)
        for mode, feeds, words, limits in FAILURES:
            failure_keeps_last_good(env, srv, urls, baseline, cached, mode, feeds, words, limits)
        stats_now = new_data_then_server_gone(env, srv, cfg, urls)
        offline_modes(env, srv, cfg, stats_now)
        corrupt_cache_ignored(env, srv, cfg)
        corrupt_cache_same_size(env, srv, cfg)
        bad_config(env)
    print("%d check(s), %d failure(s)" % (len(checks), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
