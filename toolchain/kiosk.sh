#!/bin/sh
# Quick start, command 1: installs what is missing, builds Vitrine (Release)
# and starts the kiosk. Extra arguments go to vitrine (e.g. --windowed).
set -eu
cd "$(dirname "$0")/.."
./toolchain/deps.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DVITRINE_TESTS=OFF >/dev/null
cmake --build build/release -j"$(nproc)"
exec build/release/vitrine "$@"
