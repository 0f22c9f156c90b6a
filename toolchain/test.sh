#!/bin/sh
# Quick start, command 2: installs what is missing, builds Vitrine with
# AddressSanitizer + UndefinedBehaviorSanitizer and -Werror, and runs every
# test with ctest. .ci/run calls exactly this. Then:
# - a short run of every fuzz target (FUZZ_SECONDS each, 15 by default;
#   0 skips them);
# - on a machine that is not itself a Pi (arm64, armhf), the Raspberry Pi
#   stage: cross-builds for each target in VITRINE_CROSS (default:
#   aarch64-linux-gnu; arm-linux-gnueabihf also works; empty: skip) and runs
#   every test that needs no display under qemu-user (toolchain/cross-test.sh).
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

# On the Pi itself the native suite above already ran on the target.
cross=${VITRINE_CROSS-aarch64-linux-gnu}
case "$(dpkg --print-architecture)" in arm64 | armhf) cross="" ;; esac
for triplet in $cross; do
    ./toolchain/cross-test.sh "$triplet"
done
