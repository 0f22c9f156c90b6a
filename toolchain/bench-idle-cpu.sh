#!/bin/sh
# Benchmark: what an idle kiosk costs, on a Release build of the real
# program showing the demo data (--data assets/demo: offline, no feeds
# thread), over SECONDS (20 by default):
# - CPU on a paused slide and while rotating (12 s slides), from
#   /proc/PID/stat (utime + stime), in Xvfb; percent of one core;
# - wake-ups per second of the kiosk's loop (the main thread's voluntary
#   context switches, /proc/PID/task/PID/status) on a paused slide, on X11
#   (Xvfb) and on the KMS/DRM code path: SDL's offscreen driver has, like
#   KMS/DRM in SDL 2.26, no blocking event wait, so the loop sleeps in the
#   same waker (app/kiosk/waker.c). Budget: at most 2 per second.
#   toolchain/bench-idle-cpu.sh [SECONDS]
set -eu
cd "$(dirname "$0")/.."
secs=${1:-20}
cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DVITRINE_SANITIZE=OFF >/dev/null
cmake --build build/bench -j2 --target vitrine >/dev/null
bin=build/bench/vitrine
cfg=$(mktemp)
tmp=$(mktemp -d) # cache_dir and XDG dirs: never the user's files
echo "{\"cache_dir\": \"$tmp/cache\", \"kiosk\": {}}" >"$cfg"
export XDG_CACHE_HOME="$tmp/xdg-cache" XDG_CONFIG_HOME="$tmp/xdg-config"
Xvfb -displayfd 4 -screen 0 1920x1080x24 -nolisten tcp 4>"$cfg.display" 2>/dev/null &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$cfg" "$cfg.display" "$tmp"' EXIT
i=0; while [ ! -s "$cfg.display" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
export DISPLAY=":$(cat "$cfg.display")"
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
sleeps() { awk '/^voluntary_ctxt_switches/ {print $2}' "/proc/$1/task/$1/status"; }
measure() { # pid label
    a=$(ticks "$1"); sleep "$secs"; b=$(ticks "$1")
    hz=$(getconf CLK_TCK)
    awk -v a="$a" -v b="$b" -v hz="$hz" -v s="$secs" -v l="$2" \
        'BEGIN { printf "%-40s %6.2f %% of one core (%d ticks in %d s)\n", l, (b - a) * 100 / hz / s, b - a, s }'
}
measure_wakeups() { # pid label
    a=$(sleeps "$1"); sleep "$secs"; b=$(sleeps "$1")
    awk -v a="$a" -v b="$b" -v s="$secs" -v l="$2" \
        'BEGIN { printf "%-40s %6.2f wake-ups/s (%d in %d s; budget 2/s)\n", l, (b - a) / s, b - a, s }'
}
"$bin" --config "$cfg" --data assets/demo 2>/dev/null &
pid=$!
sleep 3
measure "$pid" "rotating (12 s slides):"
win=$(xdotool search --sync --name '^Vitrine$' | head -1)
xdotool windowfocus --sync "$win" key space
sleep 1
measure "$pid" "paused slide:"
measure_wakeups "$pid" "idle loop, X11 (paused slide):"
kill -TERM "$pid"; wait "$pid"

# The KMS/DRM code path: no display needed, and no keyboard to press Space
# on: slides of an hour stand for the paused slide (no rotation deadline).
echo "{\"cache_dir\": \"$tmp/cache\", \"kiosk\": {\"slide_duration_s\": 3600}}" >"$cfg"
SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software "$bin" --config "$cfg" --data assets/demo \
    --windowed 2>/dev/null &
pid=$!
sleep 3
measure_wakeups "$pid" "idle loop, KMS/DRM path (offscreen):"
kill -TERM "$pid"; wait "$pid"
