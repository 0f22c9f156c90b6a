#!/bin/sh
# Benchmark: builds Vitrine (Release, no sanitizers) in build/bench, writes a
# synthetic data set 10 times larger than the snapshot into a temporary dir
# (toolchain/gen-synthetic.py), prints the table of medians with the budgets
# (toolchain/bench.py: among others, --dump-stats with two feeds stalled
# after their headers, the CPU of a refresh in which one feed changed), then the idle kiosk's CPU and wake-ups per second
# on X11 and on the KMS/DRM code path (toolchain/bench-idle-cpu.sh).
#   toolchain/bench.sh [DATA_DIR] [RUNS]     (default: ../shared/data, 15)
# Run it on a quiet machine: other load shows up in every figure.
set -eu
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
runs=${2:-15}
if [ ! -f "$data/betagouv/startups.json" ]; then
    echo "bench.sh: no snapshot at $data (expected betagouv/startups.json)" >&2
    exit 2
fi
./toolchain/deps.sh --test
cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DVITRINE_SANITIZE=OFF >/dev/null
cmake --build build/bench -j2 --target vitrine bench_core bench_screens make_posters \
    bench_refresh >/dev/null
synth=$(mktemp -d)
trap 'rm -rf "$synth"' EXIT INT TERM
python3 toolchain/gen-synthetic.py "$data" "$synth" --factor 10
echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)," \
    "$(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo)," \
    "$(. /etc/os-release && echo "$PRETTY_NAME")"
python3 toolchain/bench.py build/bench/vitrine build/bench/tests/bench/bench_core \
    "$data" "$synth" --runs "$runs" --screens build/bench/tests/bench/bench_screens \
    --make-posters build/bench/tests/slides/make_posters \
    --refresh build/bench/tests/bench/bench_refresh
# The idle kiosk: CPU, and the loop's wake-ups per second on X11 and on the
# KMS/DRM code path (budget: 2 per second).
./toolchain/bench-idle-cpu.sh 10
