#!/bin/sh
# Installs what cross-building Vitrine for a Raspberry Pi needs on a Debian 12
# (amd64) machine, and only what is missing. Works as root or through sudo.
#   toolchain/deps-cross.sh aarch64-linux-gnu     Pi 3/4/5, 64-bit Raspberry Pi OS
#   toolchain/deps-cross.sh arm-linux-gnueabihf   32-bit Raspberry Pi OS
# Raspberry Pi OS bookworm is Debian 12, so Debian's cross compiler and its
# multiarch -dev packages (libsdl2-dev:arm64 ...) give the exact libraries the
# Pi has. qemu-user runs the cross-built tests (see toolchain/<triplet>.cmake).
# apt-get update runs only when a package is missing, and once more only if
# the architecture was just added.
set -eu

usage="usage: toolchain/deps-cross.sh aarch64-linux-gnu|arm-linux-gnueabihf"
[ $# -eq 1 ] || { echo "$usage" >&2; exit 2; }
case "$1" in
aarch64-linux-gnu) arch=arm64 ;;
arm-linux-gnueabihf) arch=armhf ;;
arm64) set -- aarch64-linux-gnu; arch=arm64 ;;
armhf) set -- arm-linux-gnueabihf; arch=armhf ;;
*) echo "deps-cross.sh: unknown target '$1'; $usage" >&2; exit 2 ;;
esac
triplet=$1

# Host tools, then the target's libraries: every library the program links
# (libsystemd is optional: sd_notify for the systemd watchdog).
host_pkgs="gcc-$triplet libc6-dev-$arch-cross qemu-user cmake pkg-config file"
target_pkgs="libc6-dev libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libturbojpeg0-dev libxxhash-dev libcurl4-openssl-dev
libcjson-dev libqrencode-dev libsystemd-dev pkg-config"

missing=""
for p in $host_pkgs; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in *"install ok installed"*) ;; *) missing="$missing $p" ;; esac
done
for p in $target_pkgs; do
    status=$(dpkg-query -W -f='${Status}' "$p:$arch" 2>/dev/null || true)
    case "$status" in *"install ok installed"*) ;; *) missing="$missing $p:$arch" ;; esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1; then
    as_root="sudo"
else
    echo "deps-cross.sh: missing packages:$missing; run as root or install sudo" >&2
    exit 1
fi

# Other apt users on the machine (deps.sh in a parallel build) hold the lock
# for a while: wait for it rather than fail.
apt_wait="-o DPkg::Lock::Timeout=600"
update_tries=3
update_pause=15
export DEBIAN_FRONTEND=noninteractive
added_arch=no
if [ "$arch" != "$(dpkg --print-architecture)" ] &&
    ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
    echo "deps-cross.sh: adding the $arch architecture to dpkg" >&2
    $as_root dpkg --add-architecture "$arch"
    added_arch=yes
fi
# An architecture whose package lists cannot be fetched makes every later
# apt-get update on the machine fail: take it back out if we added it.
give_up() {
    if [ "$added_arch" = yes ]; then
        $as_root dpkg --remove-architecture "$arch" || true
    fi
    echo "deps-cross.sh: could not fetch the package lists for $arch" >&2
    exit 1
}
echo "deps-cross.sh: installing$missing" >&2
# A mirror caught mid-sync fails an update now and then: try a few times.
tries=0
# shellcheck disable=SC2086
until $as_root apt-get $apt_wait update -qq; do
    tries=$((tries + 1))
    [ "$tries" -lt "$update_tries" ] || give_up
    echo "deps-cross.sh: apt-get update failed, retrying in ${update_pause}s" >&2
    sleep "$update_pause"
done
# shellcheck disable=SC2086
$as_root apt-get $apt_wait install -y -qq --no-install-recommends $missing >/dev/null
