#!/bin/sh
# Benchmark: CPU used by the kiosk on a paused slide and while rotating
# (12 s slides), measured from /proc/PID/stat (utime + stime) over 20 s in
# Xvfb, on a Release build of the real program showing the demo data
# (--data assets/demo: offline, no feeds thread). Prints percent of one core.
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
exec 3>&1
Xvfb -displayfd 4 -screen 0 1920x1080x24 -nolisten tcp 4>"$cfg.display" 2>/dev/null &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$cfg" "$cfg.display" "$tmp"' EXIT
i=0; while [ ! -s "$cfg.display" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
export DISPLAY=":$(cat "$cfg.display")"
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
measure() { # pid label
    a=$(ticks "$1"); sleep "$secs"; b=$(ticks "$1")
    hz=$(getconf CLK_TCK)
    awk -v a="$a" -v b="$b" -v hz="$hz" -v s="$secs" -v l="$2" \
        'BEGIN { printf "%-28s %6.2f %% of one core (%d ticks in %d s)\n", l, (b - a) * 100 / hz / s, b - a, s }'
}
"$bin" --config "$cfg" --data assets/demo 2>/dev/null &
pid=$!
sleep 3
measure "$pid" "rotating (12 s slides):"
win=$(xdotool search --sync --name '^Vitrine$' | head -1)
xdotool windowfocus --sync "$win" key space
sleep 1
measure "$pid" "paused slide:"
kill -TERM "$pid"; wait "$pid"
