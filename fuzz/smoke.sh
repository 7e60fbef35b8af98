#!/usr/bin/env bash
# CI smoke fuzzing: runs every fuzz target for SECONDS each (default 30).
#
#   fuzz/smoke.sh 60
#
# Needs a nightly toolchain; without one it prints "SKIPPED: no nightly
# toolchain" and exits 0. Installs cargo-fuzz when nightly is there and
# cargo-fuzz is not. New corpus entries go to a scratch directory, so the
# committed corpus in fuzz/corpus/ stays as it is; a crash is saved under
# fuzz/artifacts/<target>/ and makes the script exit non-zero (copy it to
# fuzz/regressions/<target>/ to keep it as a test).
set -euo pipefail
secs="${1:-30}"
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

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
status=0
for target in $(cargo +nightly fuzz list); do
    echo "=== fuzz $target for ${secs}s"
    mkdir -p "$scratch/$target" "corpus/$target"
    if cargo +nightly fuzz run -O "$target" "$scratch/$target" "corpus/$target" -- \
        -max_total_time="$secs" -print_final_stats=1 >"$scratch/$target.log" 2>&1; then
        grep -E '^(#[0-9]+[[:space:]]+DONE|Done |stat::number_of_executed_units)' "$scratch/$target.log" || true
        echo "$target: ok"
    else
        tail -n 60 "$scratch/$target.log"
        echo "$target: CRASH (input saved under fuzz/artifacts/$target/)"
        status=1
    fi
done
exit "$status"
