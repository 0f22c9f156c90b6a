#!/bin/sh
# Before/after check for changes that must not change what Vitrine shows:
# builds BASE (a git revision, default HEAD, i.e. the last commit) in a
# throw-away worktree and the working tree as it is, both in Release, then
# compares byte for byte what the two programs write:
#   - `--render-slides` at 1280x720, 1920x1080, 3840x2160 and 1080x1920, from
#     the embedded demo data (empty cache and configuration) and from DATA;
#   - `--dump-stats` on assets/demo and DATA at several dates, and offline on
#     the embedded defaults (stdout and exit status).
# Prints one line per comparison and exits 1 when anything differs.
#   toolchain/compare-outputs.sh [BASE] [DATA]    (DATA: ../shared/data)
# DATA absent: only the demo comparisons run (said on the first line).
set -eu
cd "$(dirname "$0")/.."
base=${1:-HEAD}
data=${2:-../shared/data}
work=build/compare
sizes="1280x720 1920x1080 3840x2160 1080x1920"
dates="2020-01-01 2024-12-31 2026-08-20"

./toolchain/deps.sh
rev=$(git rev-parse --verify "$base^{commit}")
rm -rf "$work"
mkdir -p "$work"
git worktree add --detach "$work/base-src" "$rev" >/dev/null 2>&1
trap 'git worktree remove --force "$work/base-src" >/dev/null 2>&1 || true' EXIT

build() { # src dir
    cmake -S "$1" -B "$2" -DCMAKE_BUILD_TYPE=Release -DVITRINE_TESTS=OFF >/dev/null
    cmake --build "$2" -j"$(nproc)" >/dev/null
}
build "$work/base-src" "$work/base"
build . "$work/head"

if [ -f "$data/betagouv/startups.json" ]; then
    have_data=1
else
    have_data=0
    echo "compare: $data absent: real-data comparisons skipped"
fi

# run SIDE NAME ARGS...: runs one side's vitrine in an empty home (no
# configuration, no cache); its stdout and exit status go to
# $work/out/SIDE/NAME/, and an argument @OUT@ names that directory (for
# --render-slides).
run() {
    side=$1 name=$2
    shift 2
    out="$top/$work/out/$side/$name"
    home="$top/$work/home/$side/$name"
    mkdir -p "$out" "$home/config" "$home/cache"
    for arg; do
        shift
        [ "$arg" = @OUT@ ] && arg="$out/png"
        set -- "$@" "$arg"
    done
    rc=0
    (cd "$home" && HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
        "$top/$work/$side/vitrine" "$@" >"$out/stdout" 2>/dev/null) || rc=$?
    echo "$rc" >"$out/status"
}

both() { # NAME ARGS... (paths in ARGS absolute)
    run base "$@"
    run head "$@"
}

top=$(pwd)
data_abs=""
[ "$have_data" = 1 ] && data_abs=$(cd "$data" && pwd)
for size in $sizes; do
    both "render-demo-$size" --render-slides @OUT@ --size "$size" --now 2026-08-20
    if [ "$have_data" = 1 ]; then
        both "render-data-$size" --render-slides @OUT@ --size "$size" --now 2026-08-20 \
            --data "$data_abs"
    fi
done
for d in $dates; do
    both "stats-demo-$d" --dump-stats --data "$top/assets/demo" --now "$d"
    if [ "$have_data" = 1 ]; then
        both "stats-data-$d" --dump-stats --data "$data_abs" --now "$d"
    fi
done
both "stats-offline" --dump-stats --offline --now 2026-08-20

# The summary line of --render-slides names its output directory, which
# differs between the sides: compare it with the directory left out.
for side in base head; do
    for f in "$top/$work/out/$side"/render-*/stdout; do
        sed -i "s# to $top/$work/out/$side/# to OUT/#" "$f"
    done
done

status=0
for dir in "$work/out/base"/*; do
    name=$(basename "$dir")
    files=$(find "$dir" -type f | wc -l)
    if diff -r "$dir" "$work/out/head/$name" >/dev/null 2>&1; then
        echo "same      $name ($files files)"
    else
        echo "DIFFERENT $name"
        status=1
    fi
done
[ "$status" = 0 ] && echo "compare: every output of $(git rev-parse --short "$rev") and the working tree is byte-identical"
exit $status
