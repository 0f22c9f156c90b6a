#!/bin/sh
# Cross-builds Vitrine for a Raspberry Pi and runs every test that needs no
# display under qemu-user. Installs what is missing first (deps-cross.sh).
#   toolchain/cross-test.sh aarch64-linux-gnu    64-bit Raspberry Pi OS (arm64)
#   toolchain/cross-test.sh arm-linux-gnueabihf  32-bit Raspberry Pi OS (armhf)
#   toolchain/cross-test.sh --pi TRIPLET         builds everything (program and
#       tests), runs only the tests labelled `pi` under qemu (what differs on
#       the target: its ELF machine, the figures, dates past 2038, 64-bit
#       amounts; seconds instead of 5 to 11 minutes): test.sh's default
#   toolchain/cross-test.sh --build-only TRIPLET builds everything, runs nothing
# The executable to copy to the Pi is then build/cross-<triplet>/vitrine.
# No sanitizers here: the native stage of test.sh runs them, and ASan's
# shadow memory does not map under qemu-user.
set -eu
cd "$(dirname "$0")/.."

usage="usage: toolchain/cross-test.sh [--pi|--build-only] aarch64-linux-gnu|arm-linux-gnueabihf"
run=all
case "${1-}" in
--pi) run=pi; shift ;;
--build-only) run=none; shift ;;
esac
[ $# -eq 1 ] || { echo "$usage" >&2; exit 2; }
case "$1" in
aarch64-linux-gnu | arm64) triplet=aarch64-linux-gnu ;;
arm-linux-gnueabihf | armhf) triplet=arm-linux-gnueabihf ;;
*) echo "cross-test.sh: unknown target '$1'; $usage" >&2; exit 2 ;;
esac
build=build/cross-$triplet
jobs=$(nproc)

./toolchain/deps-cross.sh "$triplet"
echo "cross-test.sh: building $build for $triplet" >&2
cmake -S . -B "$build" -DCMAKE_TOOLCHAIN_FILE="$PWD/toolchain/$triplet.cmake" \
    -DCMAKE_BUILD_TYPE=Release -DVITRINE_SANITIZE=OFF -DVITRINE_WERROR=ON >/dev/null
cmake --build "$build" -j"$jobs"
file "$build/vitrine"
# What a copied binary needs on the Pi: the Debian package of each shared
# library it links (found through the target's multiarch libraries here).
pkgs=""
for so in $(readelf -d "$build/vitrine" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    for dir in /usr/lib/$triplet /lib/$triplet; do
        pkg=$(dpkg -S "$dir/$so" 2>/dev/null | sed -n '1s/:.*//p')
        [ -n "$pkg" ] || continue # merged /usr: dpkg knows one of the two paths
        case " $pkgs libc6 " in *" $pkg "*) ;; *) pkgs="$pkgs $pkg" ;; esac
        break
    done
done
echo "cross-test.sh: on the Pi, this binary needs: sudo apt install$pkgs fonts-inter fonts-dejavu-core fonts-symbola ca-certificates"
cd "$build"
case "$run" in
all) ctest --output-on-failure -j"$jobs" --timeout 600 -LE display ;;
pi) ctest --output-on-failure -j"$jobs" --timeout 600 -L pi ;;
none) ;;
esac
