#!/bin/sh
# Full soak of the real kiosk (tests/soak/soak.py): 10,000 slide changes and
# 1,002 refresh rounds (good, bad and unreachable feeds from a server on
# 127.0.0.1, 5 feeds each: 5,010 fetches), clock 40 times faster, under
# AddressSanitizer + LeakSanitizer + UBSan, with SDL's dummy video driver
# (no display). Passes with no leak, no sanitizer report, RSS growth under
# 1 MB after warm-up and the same open file descriptors. ctest runs the
# short form (soak_short); this is the long one, about 10 minutes.
#   toolchain/soak.sh [SLIDES] [REFRESHES]     (default: 10000 1002)
set -eu
cd "$(dirname "$0")/.."
slides=${1:-10000}
refreshes=${2:-1002}
./toolchain/deps.sh --test
# Optimised code with the sanitizers: the long run is the point, not the
# debugger.
cmake -S . -B build/soak -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVITRINE_SANITIZE=ON \
    -DVITRINE_TESTS=OFF >/dev/null
cmake --build build/soak -j2 --target vitrine >/dev/null
exec python3 tests/soak/soak.py build/soak/vitrine "" assets/demo \
    --slides "$slides" --refreshes "$refreshes" --scale 40 --deadline 3600
