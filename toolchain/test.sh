#!/bin/sh
# Quick start, command 2: installs what is missing, builds Vitrine with
# AddressSanitizer + UndefinedBehaviorSanitizer and -Werror, and runs every
# test with ctest. .ci/run calls exactly this.
# Then, on a machine that is not itself an arm64 one, the Raspberry Pi stage:
# cross-builds for each target in VITRINE_CROSS (default: aarch64-linux-gnu;
# arm-linux-gnueabihf also works; empty: skip) and runs every test that needs
# no display under qemu-user (toolchain/cross-test.sh).
set -eu
cd "$(dirname "$0")/.."
./toolchain/deps.sh --test
jobs=$(nproc)
cmake -S . -B build/test -DCMAKE_BUILD_TYPE=Debug -DVITRINE_SANITIZE=ON -DVITRINE_WERROR=ON >/dev/null
cmake --build build/test -j"$jobs"
(cd build/test && ctest --output-on-failure -j"$jobs" --timeout 600)

cross=${VITRINE_CROSS-aarch64-linux-gnu}
[ "$(dpkg --print-architecture)" = arm64 ] && cross=$(echo "$cross" | sed 's/aarch64-linux-gnu//')
for triplet in $cross; do
    ./toolchain/cross-test.sh "$triplet"
done
