#!/bin/sh
# Quick start, command 2: installs what is missing, builds Vitrine with
# AddressSanitizer + UndefinedBehaviorSanitizer and -Werror, runs every
# test with ctest, then a short run of every fuzz target (FUZZ_SECONDS each,
# 15 by default; 0 skips them). .ci/run calls exactly this.
set -eu
cd "$(dirname "$0")/.."
./toolchain/deps.sh --test
jobs=$(nproc)
cmake -S . -B build/test -DCMAKE_BUILD_TYPE=Debug -DVITRINE_SANITIZE=ON -DVITRINE_WERROR=ON >/dev/null
cmake --build build/test -j"$jobs"
(cd build/test && ctest --output-on-failure -j"$jobs" --timeout 600)
fuzz_seconds=${FUZZ_SECONDS:-15}
if [ "$fuzz_seconds" -gt 0 ]; then
    ./toolchain/fuzz.sh "$fuzz_seconds"
fi
