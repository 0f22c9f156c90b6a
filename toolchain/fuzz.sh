#!/bin/sh
# Builds the libFuzzer targets of tests/fuzz with clang (ASan + UBSan) in
# build/fuzz and runs each one, one after the other, for a fixed time.
#   toolchain/fuzz.sh [SECONDS] [TARGET...]     (default: 20 s, every target)
# Seeds: tests/fuzz/corpus/<target>/ and tests/fuzz/regressions/<target>/
# (read only). What the fuzzer learns goes to build/fuzz/work/<target>/, so
# a longer run picks up where the last one stopped. Exits non-zero when a
# target crashes or breaks an invariant; the crashing input is kept in
# build/fuzz/artifacts/<target>/: fix the cause, then add the input to
# tests/fuzz/regressions/<target>/ so that ctest replays it for ever.
set -eu
cd "$(dirname "$0")/.."

seconds=${1:-20}
[ $# -gt 0 ] && shift
case "$seconds" in *[!0-9]* | "") echo "fuzz.sh: '$seconds' is not a number of seconds" >&2; exit 2 ;; esac
targets=${*:-"startups authors incubators defis personnes announcements local cli text config config_kiosk imagehead"}

RSS_LIMIT_MB=1024  # per target process; libFuzzer stops (and fails) above it
INPUT_TIMEOUT_S=10 # one input taking longer is a hang, reported as a failure

./toolchain/deps.sh --test
build=build/fuzz
cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DVITRINE_FUZZ=ON -DVITRINE_TESTS=OFF >/dev/null
cmake --build "$build" -j2 >/dev/null

# Longest input tried, and dictionary, per target.
max_len_of() {
    case "$1" in cli) echo 1024 ;; text | config | config_kiosk | imagehead) echo 4096 ;; *) echo 16384 ;; esac
}
dict_of() {
    case "$1" in cli) echo tests/fuzz/cli.dict ;; text) echo tests/fuzz/text.dict ;;
    config | config_kiosk) echo tests/fuzz/config.dict ;; imagehead) echo tests/fuzz/imagehead.dict ;;
    *) echo tests/fuzz/feeds.dict ;; esac
}

failed=""
for t in $targets; do
    exe="$build/tests/fuzz/fuzz_$t"
    if [ ! -x "$exe" ]; then
        echo "fuzz.sh: no target '$t' (see tests/fuzz/CMakeLists.txt)" >&2
        exit 2
    fi
    work="$build/work/$t"
    art="$build/artifacts/$t"
    log="$build/logs/$t.log"
    mkdir -p "$work" "$art" "$(dirname "$log")"
    status=0
    "$exe" -max_total_time="$seconds" -max_len="$(max_len_of "$t")" \
        -rss_limit_mb="$RSS_LIMIT_MB" -timeout="$INPUT_TIMEOUT_S" -dict="$(dict_of "$t")" \
        -artifact_prefix="$art/" -print_final_stats=1 \
        "$work" "tests/fuzz/corpus/$t" "tests/fuzz/regressions/$t" >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
    if [ "$status" -eq 0 ]; then
        printf 'fuzz %-11s ok    %8s runs in %ss, %s\n' "$t" "${runs:-?}" "$seconds" "$cov"
    else
        printf 'fuzz %-11s FAIL  (exit %s), log: %s\n' "$t" "$status" "$log"
        grep -E 'ERROR|SUMMARY|invariant violated|runtime error|Test unit written' "$log" | head -n 8
        failed="$failed $t"
    fi
done
if [ -n "$failed" ]; then
    echo "fuzz.sh: failed:$failed (crashing inputs in $build/artifacts/)" >&2
    exit 1
fi
