#!/usr/bin/env bash
# CI smoke fuzzing: runs every fuzz target for SECONDS each (default 30).
#
#   fuzz/smoke.sh 60
#
# Needs a nightly toolchain; without one it prints "SKIPPED: no nightly
# toolchain" and exits 0. Installs cargo-fuzz when nightly is there and
# cargo-fuzz is not. New corpus entries go to a scratch directory, so the
# committed corpus in fuzz/corpus/ stays as it is; a crash, a timeout or a
# slow input is saved under fuzz/artifacts/<target>/ and makes the script exit
# non-zero (copy it to fuzz/regressions/<target>/ to keep it as a test).
#
# Inputs go up to 65535 octets (a whole DNS message); one input taking more
# than UNIT_TIMEOUT seconds is a failure (a hang or superlinear work), and so
# is one reported slower than SLOW_UNIT seconds.
set -euo pipefail
secs="${1:-30}"
unit_timeout="${UNIT_TIMEOUT:-5}"
slow_unit="${SLOW_UNIT:-2}"
cd "$(dirname "$0")"

if ! command -v cargo >/dev/null 2>&1 || ! cargo +nightly --version >/dev/null 2>&1; then
    echo "SKIPPED: no nightly toolchain"
    exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz"
    cargo install cargo-fuzz --locked
fi

# The same build command as .clusterfuzzlite/build.sh.
cargo +nightly fuzz build -O

# Where each target's committed seeds are: decode_diff shares decode's (it
# reads the same inputs), so the replay test finds no corpus without a target.
seeds_of() {
    case "$1" in
        decode_diff) echo corpus/decode ;;
        *) echo "corpus/$1" ;;
    esac
}

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
status=0
for target in $(cargo +nightly fuzz list); do
    echo "=== fuzz $target for ${secs}s"
    seeds="$(seeds_of "$target")"
    mkdir -p "$scratch/$target" "$seeds" "artifacts/$target"
    if cargo +nightly fuzz run -O "$target" "$scratch/$target" "$seeds" -- \
        -max_total_time="$secs" -max_len=65535 -timeout="$unit_timeout" -rss_limit_mb=2048 \
        -report_slow_units="$slow_unit" -artifact_prefix="artifacts/$target/" \
        -print_final_stats=1 >"$scratch/$target.log" 2>&1; then
        grep -E '^(#[0-9]+[[:space:]]+DONE|Done |stat::number_of_executed_units)' "$scratch/$target.log" || true
        if grep -q '^Slowest unit:' "$scratch/$target.log"; then
            grep -A2 '^Slowest unit:' "$scratch/$target.log"
            echo "$target: SLOW (an input took over ${slow_unit}s; saved under fuzz/artifacts/$target/)"
            status=1
        else
            echo "$target: ok"
        fi
    else
        tail -n 60 "$scratch/$target.log"
        if grep -q 'ERROR: libFuzzer: timeout' "$scratch/$target.log"; then
            echo "$target: TIMEOUT (an input ran over ${unit_timeout}s; saved under fuzz/artifacts/$target/)"
        else
            echo "$target: CRASH (input saved under fuzz/artifacts/$target/)"
        fi
        status=1
    fi
done
exit "$status"
