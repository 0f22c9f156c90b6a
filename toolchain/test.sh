#!/bin/sh
# Quick start, command 2: installs what is missing, builds Vitrine with
# AddressSanitizer + UndefinedBehaviorSanitizer and -Werror, and runs every
# test with ctest. .ci/run calls exactly this.
set -eu
cd "$(dirname "$0")/.."
./toolchain/deps.sh --test
jobs=$(nproc)
cmake -S . -B build/test -DCMAKE_BUILD_TYPE=Debug -DVITRINE_SANITIZE=ON -DVITRINE_WERROR=ON >/dev/null
cmake --build build/test -j"$jobs"
cd build/test
ctest --output-on-failure -j"$jobs" --timeout 600
