#!/bin/sh
# Installs the Debian 12 / Raspberry Pi OS bookworm packages Vitrine needs,
# and only those that are missing. Works as root or through sudo.
#   toolchain/deps.sh            build + run dependencies
#   toolchain/deps.sh --test     also what the tests need (Xvfb, xdotool, xwd, python3,
#                                zbarimg to read the QR codes back, clang for the fuzz
#                                targets, ThreadSanitizer's runtime, the recommended
#                                fonts: colour emoji, CJK)
#   toolchain/deps.sh --extra P  also package P (may repeat)
set -eu

# fonts-symbola: monochrome emoji and pictographs, the fallback for what Inter
# and DejaVu Sans lack (1.3 MB download, 3 MB on disk; see app/render/fonts.c).
# Recommended at run time, installed for the tests (screens_glyphs draws from
# them): fonts-noto-color-emoji (emoji in colour, 11 MB) and fonts-wqy-microhei
# (Chinese, Japanese, Korean, 5 MB).
pkgs="build-essential cmake pkg-config libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev libturbojpeg0-dev libxxhash-dev
libcurl4-openssl-dev libcjson-dev libqrencode-dev libsystemd-dev fonts-inter fonts-dejavu-core fonts-symbola
ca-certificates"
while [ $# -gt 0 ]; do
    case "$1" in
    --test) pkgs="$pkgs python3 xvfb xauth xdotool x11-utils x11-apps clang clang-format libclang-rt-14-dev
        zbar-tools libtsan2 fonts-noto-color-emoji fonts-wqy-microhei" ;;
    --extra) shift; pkgs="$pkgs $1" ;;
    *) echo "deps.sh: unknown option '$1'" >&2; exit 2 ;;
    esac
    shift
done

missing=""
for p in $pkgs; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in *"install ok installed"*) ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1; then
    as_root="sudo"
else
    echo "deps.sh: missing packages:$missing; run as root or install sudo" >&2
    exit 1
fi
echo "deps.sh: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# A mirror caught mid-sync or another apt user holding the lock: try again.
tries=0
until $as_root apt-get -o DPkg::Lock::Timeout=120 update -qq; do
    tries=$((tries + 1))
    [ "$tries" -ge 3 ] && { echo "deps.sh: apt-get update failed 3 times" >&2; exit 1; }
    sleep 10
done
# shellcheck disable=SC2086
$as_root apt-get -o DPkg::Lock::Timeout=120 install -y -qq --no-install-recommends $missing >/dev/null
