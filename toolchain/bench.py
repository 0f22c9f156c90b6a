#!/usr/bin/env python3
"""Measures Vitrine and prints the benchmark table (medians), with each
figure's budget. Called by toolchain/bench.sh, which builds the binaries and
the synthetic data set:

    bench.py VITRINE BENCH_CORE REAL_DIR SYNTH_DIR [--runs N] [--screens BENCH_SCREENS]

Screens rows come from bench_screens (software renderer into a surface, as
the kiosk draws; no display). Kiosk rows run the real program at 1920x1080
on a cache filled from REAL_DIR (a --dump-stats run with local-path feeds),
--offline, under Xvfb when it is installed (SDL's dummy driver otherwise):
start to first frame from its "first frame after N ms" line, peak RSS
(VmHWM) after rotating through every slide, peak RSS online (feeds served
by a local HTTP server) across a refresh that brings new bytes for every
feed, CPU on a static slide. A figure
that cannot be measured reads "n/a"; nothing is estimated.

"CPU, a refresh with FEED changed" is tests/bench/bench_refresh: the fetch
thread of a real feeds layer, every feed served over HTTP by FeedServer
(unchanged ones answer 304), FEED given new bytes before each refresh; the
whole process's user + system CPU from the request to the snapshot taken.

"Two stalled feeds" times --dump-stats against tests/feeds/feedserver.py
while two feeds stall after their headers until the low-speed limit
(STALL_LOW_SPEED_S) stops them and the other three answer: the feeds are
fetched in parallel, so about one stall (one after the other: two)."""
import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

NOW = "2026-08-20"
SIZE = "1920x1080"
KIOSK_WARMUP_S = 3.0   # start-up and first slide before the CPU window
KIOSK_WINDOW_S = 20.0  # CPU measured over this window on a static slide
ROTATION_S = 30.0      # 1 s slides: every slide drawn at least once (peak RSS)
ONLINE_SETTLE_S = 10.0  # online run: start-up refresh, then the refresh measured
FIRST_FRAME_RUNS = 7   # starts timed to the first frame
BUSY_RUNS = 3          # online runs whose longest display-thread stretch is measured
BUSY_REFRESHES = 3     # refreshes with new data, then as many answered by 304s
BUSY_SETTLE_S = 4.0    # slides and fades after each refresh
BUSY_WAIT_S = 120.0
START_TIMEOUT_S = 30.0
FEED_PATHS = {"startups": "betagouv/startups.json", "authors": "betagouv/authors.json",
              "incubators": "betagouv/incubators.json", "defis": "eig/defis.json",
              "personnes": "eig/personnes.json"}
NA = "n/a (not built)"
STALL_LOW_SPEED_S = 3  # "two stalled feeds": low_speed_time_s of every feed
STALLED = ("startups", "authors")
POSTERS_RUNS = 3  # offline rotations without and with the posters of make_posters
OVERVIEW_OPENS = 9  # the overview opened (G) and closed (Esc) this many times
# "A refresh with one feed changed": the feed, and the CPU ms the whole
# process took for it on 2026-12-07 (before each body was parsed once:
# every feed parsed again), the budget being a third of it.
REFRESH_FEEDS = {"startups": 96.5, "authors": 87.3}


def run_once(argv, env=None):
    """Wall ms and peak RSS (MiB) of one run; raises on a non-zero exit."""
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(p.pid, 0)
    ms = (time.perf_counter() - t0) * 1e3
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)}: exit {p.returncode}: {err.strip()[:200]}")
    return ms, usage.ru_maxrss / 1024.0


def runs(argv, n, env=None):
    """Median wall ms and max peak RSS over n runs (one warm-up run first)."""
    run_once(argv, env)
    results = [run_once(argv, env) for _ in range(n)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def core(bench_core, data, n):
    out = subprocess.run([bench_core, data, "--runs", str(n), "--now", NOW], check=True,
                         capture_output=True, text=True).stdout
    return {k: float(v) for k, v in re.findall(r"^(\w+)=([0-9.]+)$", out, re.M)}


def render_slides(vitrine, data, n):
    """Mean ms per slide of --render-slides (PNG writing included), or None."""
    with tempfile.TemporaryDirectory() as out:
        argv = [vitrine, "--render-slides", out, "--data", data, "--now", NOW, "--size", SIZE]
        env = dict(os.environ, SDL_VIDEODRIVER="dummy")
        try:
            ms, rss = runs(argv, n, env)
        except RuntimeError:
            return None
        pngs = [f for f in os.listdir(out) if f.endswith(".png")]
        return (ms / len(pngs), len(pngs), rss) if pngs else None


def screens(bench_screens, data, runs):
    """Figures of bench_screens at 1920x1080, or None when not built."""
    if not bench_screens or not os.path.exists(bench_screens):
        return None
    out = subprocess.run([bench_screens, data, "--runs", str(runs), "--size", SIZE, "--now", NOW],
                         check=True, capture_output=True, text=True).stdout
    return {k: float(v) for k, v in re.findall(r"^(\w+)=([0-9.]+)$", out, re.M)}


def fill_cache(vitrine, data, tmp):
    """A cache dir filled from data (one --dump-stats with local-path feeds),
    and a kiosk configuration that reads it with http feeds, --offline."""
    cache = os.path.join(tmp, "cache")
    fill = os.path.join(tmp, "fill.json")
    with open(fill, "w") as f:
        json.dump({"cache_dir": cache, "feeds": {k: {"url": os.path.join(os.path.abspath(data), v)}
                                                  for k, v in FEED_PATHS.items()}}, f)
    subprocess.run([vitrine, "--dump-stats", "--config", fill, "--now", NOW], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def config(name, kiosk, base="http://127.0.0.1:9", **top):
        path = os.path.join(tmp, name)
        urls = {k: "%s/%s" % (base, v) for k, v in FEED_PATHS.items()}
        with open(path, "w") as f:
            json.dump(dict({"cache_dir": cache, "kiosk": kiosk,
                            "feeds": {k: {"url": u} for k, u in urls.items()}}, **top), f)
        return path
    return config


class FeedServer:
    """A copy of the data dir served over HTTP on 127.0.0.1 (Last-Modified,
    If-Modified-Since), in a thread; touch() changes every feed's bytes."""

    def __init__(self, data, tmp):
        import functools
        import http.server
        import threading
        self.root = os.path.join(tmp, "served")
        for rel in FEED_PATHS.values():
            os.makedirs(os.path.dirname(os.path.join(self.root, rel)), exist_ok=True)
            shutil.copyfile(os.path.join(data, rel), os.path.join(self.root, rel))

        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass
        handler = functools.partial(Quiet, directory=self.root)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def touch(self):
        for rel in FEED_PATHS.values():
            with open(os.path.join(self.root, rel), "a") as f:
                f.write("\n")  # new bytes, same data: every feed is new data

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def stalled_feeds(vitrine, data, n):
    """Median wall ms of --dump-stats while the STALLED feeds stall after
    their headers (feedserver.py "headers-stall") and the others answer,
    on a cache filled from data (so the run exits 0)."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests",
                                    "feeds"))
    import feedserver
    with tempfile.TemporaryDirectory() as tmp:
        fill_cache(vitrine, data, tmp)
        with feedserver.FeedServer(data) as srv:
            for feed, rel in FEED_PATHS.items():
                with open(os.path.join(data, rel), "rb") as f:
                    srv.bodies[feed] = f.read()
            srv.modes = {feed: "headers-stall" for feed in STALLED}
            cfg = os.path.join(tmp, "stalled.json")
            with open(cfg, "w") as f:
                json.dump({"cache_dir": os.path.join(tmp, "cache"),
                           "feeds": {k: {"url": srv.url(k), "low_speed_time_s": STALL_LOW_SPEED_S}
                                     for k in FEED_PATHS}}, f)
            ms, _ = runs([vitrine, "--dump-stats", "--config", cfg, "--now", NOW], n)
    return ms


def refresh_cpu(bench_refresh, data, feed, n):
    """CPU ms of the whole process for one refresh in which feed changed
    (tests/bench/bench_refresh: the feeds thread, every feed served over
    HTTP, the others answering 304), median of n; None when not built."""
    if not bench_refresh or not os.path.exists(bench_refresh):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        srv = FeedServer(data, tmp)
        try:
            cfg = os.path.join(tmp, "refresh.json")
            with open(cfg, "w") as f:
                json.dump({"cache_dir": os.path.join(tmp, "cache"),
                           "feeds": {k: {"url": "%s/%s" % (srv.base, v)}
                                     for k, v in FEED_PATHS.items()}}, f)
            out = subprocess.run([bench_refresh, cfg, os.path.join(srv.root, FEED_PATHS[feed]),
                                  "--runs", str(n)], check=True, capture_output=True,
                                 text=True).stdout
        finally:
            srv.close()
    m = re.search(r"^refresh_cpu_ms=([0-9.]+)$", out, re.M)
    return float(m.group(1)) if m else None


class Display:
    """Xvfb at 1920x1080 on a free display number when installed, else
    SDL's dummy driver; env() is the kiosk's environment."""

    def __init__(self):
        self.proc, self.name = None, "dummy"
        if shutil.which("Xvfb"):
            r, w = os.pipe()
            self.proc = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0",
                                          SIZE + "x24", "-nolisten", "tcp"], pass_fds=(w,),
                                         stderr=subprocess.DEVNULL)
            os.close(w)
            with os.fdopen(r) as f:
                self.display = ":" + f.readline().strip()
            self.name = "Xvfb"

    def env(self):
        env = dict(os.environ, SDL_RENDER_DRIVER="software")
        if self.proc:
            env["DISPLAY"] = self.display
        else:
            env["SDL_VIDEODRIVER"] = "dummy"
        return env

    def close(self):
        if self.proc:
            self.proc.terminate()
            self.proc.wait()


def start_kiosk(vitrine, config, env):
    argv = [vitrine, "--config", config, "--offline", "--now", NOW, "--verbose"]
    if env.get("SDL_VIDEODRIVER") == "dummy":
        argv += ["--windowed", "--size", SIZE]
    return subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)


def stop_kiosk(p):
    p.send_signal(signal.SIGTERM)
    try:
        p.wait(timeout=10)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()


def first_frame_ms(p):
    """Reads the log up to the first-frame line; its figure, or None."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        line = p.stderr.readline().decode(errors="replace")
        if not line:
            return None
        m = re.search(r"first frame after (\d+) ms", line)
        if m:
            return float(m.group(1))
    return None


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def vm_hwm_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmHWM:\s+(\d+)", f.read()).group(1)) / 1024.0


def online_refresh_hwm(vitrine, data, tmp, config, env):
    """Peak RSS of the kiosk as deployed: online (feeds from a local HTTP
    server), rotating 1 s slides, then one refresh (SIGUSR1) in which every
    feed brings new bytes: fetched, validated, cached, parsed into a new
    snapshot and laid out while the old one is on screen."""
    srv = FeedServer(data, tmp)
    try:
        argv = [vitrine, "--config", config("online.json", {"slide_duration_s": 1}, srv.base),
                "--now", NOW, "--verbose"]
        p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(ONLINE_SETTLE_S)  # start-up refresh (304s), every slide drawn
        srv.touch()
        p.send_signal(signal.SIGUSR1)
        time.sleep(ONLINE_SETTLE_S)
        hwm = vm_hwm_mib(p.pid)
        stop_kiosk(p)
        return hwm
    finally:
        srv.close()


def wait_log(path, pattern, n, what):
    """Until the log at path has n lines matching pattern (a bench, not a
    test: the bound only stops a run that went wrong)."""
    rx, deadline = re.compile(pattern), time.monotonic() + BUSY_WAIT_S
    while time.monotonic() < deadline:
        with open(path, errors="replace") as f:
            if sum(1 for line in f if rx.search(line)) >= n:
                return
        time.sleep(0.1)
    raise RuntimeError("bench: no %s within %.0f s (see %s)" % (what, BUSY_WAIT_S, path))


def online_busy_ms(vitrine, data, tmp, config, env):
    """The display thread's longest busy stretch (display_busy_max_s of the
    status file) over a kiosk run online with 2 s slides and fades: three
    refreshes (SIGUSR1) bringing new data to every feed, each waited for
    until its slides are on screen, and three answered by 304s."""
    srv = FeedServer(data, tmp)
    # The status file on a tmpfs, as under /run on a Pi (it is fsynced).
    run = tempfile.mkdtemp(dir="/dev/shm" if os.path.isdir("/dev/shm") else tmp)
    status, log = os.path.join(run, "status.json"), os.path.join(tmp, "busy.log")
    try:
        cfg = config("busy.json", {"slide_duration_s": 2, "transition": "fade"}, srv.base,
                     status_file=status)
        with open(log, "w") as err:
            p = subprocess.Popen([vitrine, "--config", cfg, "--now", NOW, "--verbose"],
                                 stdout=subprocess.DEVNULL, stderr=err, env=env)
        try:
            wait_log(log, r"first frame after", 1, "first frame")
            settled = r"feeds: \[startups\] (not modified|up to date|new data)"
            wait_log(log, settled, 1, "start-up refresh")
            on_screen = r"kiosk: new data on screen"
            with open(log, errors="replace") as f:
                shown = sum(1 for line in f if re.search(on_screen, line))
            for i in range(BUSY_REFRESHES):
                srv.touch()
                p.send_signal(signal.SIGUSR1)
                wait_log(log, on_screen, shown + i + 1, "new data on screen")
                time.sleep(BUSY_SETTLE_S)  # slides change with their fades meanwhile
            for i in range(BUSY_REFRESHES):
                p.send_signal(signal.SIGUSR1)
                wait_log(log, r"feeds: \[startups\] not modified \(304\)", i + 1, "304")
                time.sleep(BUSY_SETTLE_S)
            with open(status) as f:
                return json.load(f)["display_busy_max_s"] * 1e3
        finally:
            stop_kiosk(p)
    finally:
        srv.close()
        shutil.rmtree(run, ignore_errors=True)


def kiosk(vitrine, data, make_posters=None):
    """Start to first frame (median), peak RSS and static-slide CPU of the
    kiosk on a cache filled from data; None when there is no kiosk mode."""
    with tempfile.TemporaryDirectory() as tmp:
        config = fill_cache(vitrine, data, tmp)
        disp = Display()
        try:
            env = disp.env()
            firsts = []
            start_cfg = config("start.json", {})
            for _ in range(FIRST_FRAME_RUNS):
                p = start_kiosk(vitrine, start_cfg, env)
                firsts.append(first_frame_ms(p))
                stop_kiosk(p)
            if None in firsts:
                return None
            # Peak RSS: every slide rendered at least once, with fades.
            p = start_kiosk(vitrine, config("rotate.json", {"slide_duration_s": 1}), env)
            time.sleep(ROTATION_S)
            hwm = vm_hwm_mib(p.pid)
            stop_kiosk(p)
            online = online_refresh_hwm(vitrine, data, tmp, config, env)
            busy = statistics.median(online_busy_ms(vitrine, data, tmp, config, env)
                                     for _ in range(BUSY_RUNS))
            # CPU: one slide for an hour, measured after the warm-up.
            p = start_kiosk(vitrine, config("static.json", {"slide_duration_s": 3600}), env)
            time.sleep(KIOSK_WARMUP_S)
            tick = os.sysconf("SC_CLK_TCK")
            c0, t0 = cpu_ticks(p.pid), time.monotonic()
            time.sleep(KIOSK_WINDOW_S)
            cpu = (cpu_ticks(p.pid) - c0) / tick / (time.monotonic() - t0) * 100
            stop_kiosk(p)
            posters = posters_hwm(vitrine, make_posters, config, env, tmp,
                                  POSTERS_RUNS) if make_posters else None
            ovw = overview_ms(vitrine, config, env, tmp, OVERVIEW_OPENS)
        finally:
            disp.close()
    return {"cpu": cpu, "rss": hwm, "online": online, "busy": busy,
            "first": statistics.median(firsts), "display": disp.name, "posters": posters,
            "overview": ovw}


def overview_ms(vitrine, config, env, tmp, n):
    """Milliseconds from opening the overview (G, by xdotool) to its last
    thumbnail drawn, as the kiosk logs it, median of n openings on a
    static slide; and the display thread's longest busy stretch logged
    from the first opening on. (None, None) without Xvfb and xdotool."""
    if "DISPLAY" not in env or not shutil.which("xdotool"):
        return None, None
    log = os.path.join(tmp, "overview.log")
    cfg = config("overview.json", {"slide_duration_s": 3600, "resume_after_s": 3600})
    with open(log, "w") as err:
        p = subprocess.Popen([vitrine, "--config", cfg, "--offline", "--now", NOW, "--verbose"],
                             stdout=subprocess.DEVNULL, stderr=err, env=env)
    try:
        wait_log(log, r"first frame after", 1, "first frame")
        time.sleep(KIOSK_WARMUP_S)  # the start-up's own stretches are not the overview's

        def xdo(*args):
            return subprocess.run(["xdotool"] + list(args), env=env, check=True,
                                  capture_output=True, text=True, timeout=30).stdout
        window = xdo("search", "--sync", "--name", "^Vitrine$").split()[0]
        for i in range(n):
            xdo("windowfocus", "--sync", window, "key", "g")
            wait_log(log, r"overview: \d+ thumbnails drawn in", i + 1, "thumbnails")
            xdo("windowfocus", "--sync", window, "key", "Escape")
            wait_log(log, r"kiosk: overview hidden", i + 1, "overview closed")
        with open(log, errors="replace") as f:
            text = f.read()
        took = [float(m) for m in re.findall(r"thumbnails drawn in (\d+) ms", text)]
        after = text[text.index("overview shown"):]
        busy = [float(m) for m in re.findall(r"display thread busy ([0-9.]+) ms", after)]
        return statistics.median(took), max(busy) if busy else None
    finally:
        stop_kiosk(p)


def posters_hwm(vitrine, make_posters, config, env, tmp, n):
    """Peak RSS of the offline rotation (ROTATION_S of 1 s slides) without
    posters and with a posters folder holding what make_posters writes (a
    6300x6300 PNG of 115 KB, a JPEG whose header lies about its size, a
    4000x3000 photo), n runs of each, alternated: the medians, and whether
    every run with posters showed the photo and no other poster."""
    folder = os.path.join(tmp, "posters")
    os.makedirs(folder, exist_ok=True)
    subprocess.run([make_posters, folder], check=True, stdout=subprocess.DEVNULL)
    plain = config("plain.json", {"slide_duration_s": 1})
    with open(plain) as f:
        doc = json.load(f)
    doc["posters_dir"] = folder
    with_posters = os.path.join(tmp, "posters.json")
    with open(with_posters, "w") as f:
        json.dump(doc, f)
    without, withp, shown = [], [], True
    for _ in range(n):
        for cfg, out in ((plain, without), (with_posters, withp)):
            log = os.path.join(tmp, "posters.log")
            with open(log, "w") as err:
                argv = [vitrine, "--config", cfg, "--offline", "--now", NOW, "--verbose"]
                if env.get("SDL_VIDEODRIVER") == "dummy":
                    argv += ["--windowed", "--size", SIZE]
                p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=env)
                time.sleep(ROTATION_S)
                out.append(vm_hwm_mib(p.pid))
                stop_kiosk(p)
            if cfg == with_posters:
                with open(log) as f:
                    slides = set(re.findall(r"slide \d+/\d+ (poster-\S+)$", f.read(), re.M))
                shown = shown and slides == {"poster-photo"}
    return statistics.median(without), statistics.median(withp), shown


def fmt(v, unit, digits=1):
    return NA if v is None else f"{v:.{digits}f} {unit}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("vitrine")
    ap.add_argument("bench_core")
    ap.add_argument("real")
    ap.add_argument("synth")
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--screens", help="bench_screens executable")
    ap.add_argument("--make-posters", help="make_posters executable (tests/slides)")
    ap.add_argument("--refresh", help="bench_refresh executable")
    a = ap.parse_args()

    dump = lambda d: [a.vitrine, "--dump-stats", "--data", d, "--now", NOW]  # noqa: E731
    real_ms, real_rss = runs(dump(a.real), a.runs)
    synth_ms, synth_rss = runs(dump(a.synth), max(3, a.runs // 3))
    cr, cs = core(a.bench_core, a.real, a.runs), core(a.bench_core, a.synth, max(3, a.runs // 3))
    help_text = subprocess.run([a.vitrine, "--help"], capture_output=True, text=True).stdout
    slides = render_slides(a.vitrine, a.real, 3) if "--render-slides" in help_text else None
    sc = screens(a.screens, a.real, max(3, a.runs // 3)) or {}
    k = kiosk(a.vitrine, a.real, a.make_posters) or {
        "cpu": None, "rss": None, "online": None, "busy": None, "first": None, "display": "-",
        "posters": None, "overview": (None, None)}
    pw = k["posters"] or (None, None, False)
    stalled_ms = stalled_feeds(a.vitrine, a.real, max(3, a.runs // 3))
    refresh_ms = {feed: refresh_cpu(a.refresh, a.real, feed, a.runs) for feed in REFRESH_FEEDS}

    mb = lambda b: b / 1e6  # noqa: E731
    rows = [
        ("whole process --dump-stats", "<= 60 ms (6 MB)", fmt(real_ms, "ms"), fmt(synth_ms, "ms")),
        ("  of which parse (5 feeds + local)", "", fmt(cr["parse_ms"], "ms"),
         fmt(cs["parse_ms"], "ms")),
        ("  of which statistics", "", fmt(cr["stats_ms"], "ms", 2), fmt(cs["stats_ms"], "ms", 2)),
        ("  of which JSON output", "", fmt(cr["json_ms"], "ms", 2), fmt(cs["json_ms"], "ms", 2)),
        ("peak RSS, --dump-stats", "", fmt(real_rss, "MiB"), fmt(synth_rss, "MiB")),
        (f"two stalled feeds, --dump-stats (low_speed_time_s {STALL_LOW_SPEED_S})",
         f"~ {STALL_LOW_SPEED_S} s (serial: {2 * STALL_LOW_SPEED_S} s)",
         fmt(stalled_ms / 1e3, "s", 2), ""),
        ("slides laid out (deck_update, all slides)", "<= 30 ms",
         fmt(sc.get("update_ms"), "ms"), ""),
        ("  feed states alone (deck_set_states)", "",
         fmt(sc.get("states_ms"), "ms", 2), ""),
        ("  again, same deck (a refresh)", "", fmt(sc.get("update_again_ms"), "ms"), ""),
        ("cold slide render 1080p (slowest slide)", "<= 30 ms",
         fmt(sc.get("cold_max_ms"), "ms"), ""),
        ("  median slide", "", fmt(sc.get("cold_median_ms"), "ms"), ""),
        ("  slide change in rotation (slowest)", "", fmt(sc.get("rotation_max_ms"), "ms"), ""),
        ("--render-slides, per slide (incl. PNG)", "",
         fmt(slides[0] if slides else None, "ms"), ""),
        ("steady frame 1080p, software renderer", "<= 8 ms", fmt(sc.get("frame_ms"), "ms", 2),
         ""),
        ("  fade transition frame", "", fmt(sc.get("fade_frame_ms"), "ms", 2), ""),
        ("process start to first frame (cache)", "<= 250 ms", fmt(k["first"], "ms", 0), ""),
        ("peak RSS, kiosk 1080p, offline rotation", "<= 48 MiB", fmt(k["rss"], "MiB"), ""),
        ("  online, a refresh with new data", "<= 64 MiB", fmt(k["online"], "MiB"), ""),
        (f"  offline, {POSTERS_RUNS} runs, no posters", "", fmt(pw[0], "MiB"), ""),
        ("  with a 6300x6300 PNG, a lying JPEG, a 4000x3000 photo", "",
         fmt(pw[1], "MiB"), ""),
        ("    above the run without them" + ("" if pw[2] else " (PHOTO NOT SHOWN ALONE)"),
         "<= 16 MiB", fmt(pw[1] - pw[0] if pw[1] else None, "MiB"), ""),
        ("CPU, static slide", "<= 1 %", fmt(k["cpu"], "%", 2), ""),
        (f"display thread busy, longest ({BUSY_REFRESHES} new data, {BUSY_REFRESHES} 304s)",
         "<= 34 ms (2 frames)", fmt(k["busy"], "ms"), ""),
        (f"overview (G): every thumbnail drawn, 1080p ({OVERVIEW_OPENS} openings)", "<= 500 ms",
         fmt(k["overview"][0], "ms", 0), ""),
        ("  display thread busy, longest, overview open", "<= 34 ms (2 frames)",
         fmt(k["overview"][1], "ms"), ""),
    ] + [(f"CPU, a refresh with {feed} changed (process)", f"<= {before / 3:.1f} ms (1/3)",
          fmt(refresh_ms[feed], "ms"), "") for feed, before in REFRESH_FEEDS.items()]
    head = ("figure (median)", "budget",
            f"snapshot {mb(cr['bytes']):.1f} MB",
            f"synthetic {mb(cs['bytes']):.1f} MB")
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(4)]
    line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |"  # noqa
    print(line(head))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))
    ratio_b, ratio_t = cs["bytes"] / cr["bytes"], synth_ms / real_ms
    ratio_core = (cs["parse_ms"] + cs["stats_ms"]) / (cr["parse_ms"] + cr["stats_ms"])
    print(f"\nscaling: x{ratio_b:.1f} bytes -> x{ratio_t:.1f} whole process, "
          f"x{ratio_core:.1f} parse + statistics")
    print(f"runs: {a.runs} on the snapshot, {max(3, a.runs // 3)} on the synthetic set "
          f"and with two stalled feeds; "
          f"slides: {slides[1] if slides else 0}; kiosk display: {k['display']}")


if __name__ == "__main__":
    sys.exit(main())
