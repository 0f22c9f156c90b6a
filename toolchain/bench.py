#!/usr/bin/env python3
"""Measures Vitrine and prints the benchmark table (medians), with each
figure's budget. Called by toolchain/bench.sh, which builds the binaries and
the synthetic data set:

    bench.py VITRINE BENCH_CORE REAL_DIR SYNTH_DIR [--runs N]

Rows that need the screens or the kiosk are measured only when the binary
does the job (the mode exits 0 and writes its output); otherwise they read
"n/a (not built)". Nothing is estimated: a figure is measured or absent."""
import argparse
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
KIOSK_WARMUP_S = 2.0   # start-up and first slide before the CPU window
KIOSK_WINDOW_S = 5.0   # CPU measured over this window on the first slide
NA = "n/a (not built)"


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


def kiosk(vitrine, data):
    """CPU % and peak RSS of the kiosk on its first slide, or None when the
    binary has no kiosk mode (it exits at once)."""
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_RENDER_DRIVER="software")
    p = subprocess.Popen([vitrine, "--data", data, "--now", NOW, "--size", SIZE, "--windowed",
                          "--verbose"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         env=env)
    try:
        time.sleep(KIOSK_WARMUP_S)
        if p.poll() is not None:
            return None
        tick = os.sysconf("SC_CLK_TCK")

        def cpu_ticks():
            with open(f"/proc/{p.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return int(fields[11]) + int(fields[12])  # utime + stime

        c0, t0 = cpu_ticks(), time.monotonic()
        time.sleep(KIOSK_WINDOW_S)
        cpu = (cpu_ticks() - c0) / tick / (time.monotonic() - t0) * 100
        with open(f"/proc/{p.pid}/status") as f:
            hwm = int(re.search(r"VmHWM:\s+(\d+)", f.read()).group(1)) / 1024.0
    finally:
        p.send_signal(signal.SIGTERM)
        try:
            _, err = p.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
            _, err = p.communicate()
    log = err.decode(errors="replace")
    # Figures the kiosk reports itself with --verbose, when it does.
    first = re.search(r"first frame (?:at|after) ([0-9.]+) ?ms", log)
    frames = [float(x) for x in re.findall(r"\bframe ([0-9.]+) ?ms", log)]
    return {"cpu": cpu, "rss": hwm, "first": float(first.group(1)) if first else None,
            "frame": statistics.median(frames) if frames else None}


def fmt(v, unit, digits=1):
    return NA if v is None else f"{v:.{digits}f} {unit}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("vitrine")
    ap.add_argument("bench_core")
    ap.add_argument("real")
    ap.add_argument("synth")
    ap.add_argument("--runs", type=int, default=15)
    a = ap.parse_args()

    dump = lambda d: [a.vitrine, "--dump-stats", "--data", d, "--now", NOW]  # noqa: E731
    real_ms, real_rss = runs(dump(a.real), a.runs)
    synth_ms, synth_rss = runs(dump(a.synth), max(3, a.runs // 3))
    cr, cs = core(a.bench_core, a.real, a.runs), core(a.bench_core, a.synth, max(3, a.runs // 3))
    help_text = subprocess.run([a.vitrine, "--help"], capture_output=True, text=True).stdout
    slides = render_slides(a.vitrine, a.real, 3) if "--render-slides" in help_text else None
    k = kiosk(a.vitrine, a.real)
    k = k or {"cpu": None, "rss": None, "first": None, "frame": None}

    mb = lambda b: b / 1e6  # noqa: E731
    rows = [
        ("whole process --dump-stats", "<= 60 ms (6 MB)", fmt(real_ms, "ms"), fmt(synth_ms, "ms")),
        ("  of which parse (5 feeds + local)", "", fmt(cr["parse_ms"], "ms"),
         fmt(cs["parse_ms"], "ms")),
        ("  of which statistics", "", fmt(cr["stats_ms"], "ms", 2), fmt(cs["stats_ms"], "ms", 2)),
        ("  of which JSON output", "", fmt(cr["json_ms"], "ms", 2), fmt(cs["json_ms"], "ms", 2)),
        ("peak RSS, --dump-stats", "", fmt(real_rss, "MiB"), fmt(synth_rss, "MiB")),
        ("cold slide render 1080p (mean, incl. PNG)", "<= 30 ms",
         fmt(slides[0] if slides else None, "ms"), ""),
        ("steady frame 1080p, software renderer", "<= 8 ms", fmt(k["frame"], "ms"), ""),
        ("process start to first frame (cache)", "<= 250 ms", fmt(k["first"], "ms"), ""),
        ("peak RSS, kiosk 1080p", "<= 64 MB", fmt(k["rss"], "MiB"), ""),
        ("CPU, static slide", "<= 1 %", fmt(k["cpu"], "%", 2), ""),
    ]
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
    print(f"runs: {a.runs} on the snapshot, {max(3, a.runs // 3)} on the synthetic set; "
          f"slides: {slides[1] if slides else 0}")


if __name__ == "__main__":
    sys.exit(main())
