#!/usr/bin/env bash
# One long fuzz run per target, each to a fixed number of executions:
#
#   fuzz/long-run.sh RUNS MAX_LEN TARGET...     e.g. fuzz/long-run.sh 100000000 4096 decode text
#
# Builds without a sanitizer (the codec is `forbid(unsafe_code)`, and every
# property is checked by a panic, which needs none) for speed, into its own
# target directory so the AddressSanitizer builds of smoke.sh stay. Each target
# starts from its committed seeds (read-only) and writes new inputs to
# $OUT/new/<target>; libFuzzer's log goes to $OUT/<target>.log, and the last
# lines (executions, features, crash or not) to standard output. A crash, a
# timeout (-timeout=5) or running out of memory stops that target's run and
# leaves the input under artifacts/<target>/.
set -euo pipefail
runs="$1"; max_len="$2"; shift 2
cd "$(dirname "$0")"
out="${OUT:-/tmp/dnswire-long-run}"
build_dir="${TARGET_DIR:-target-nosan}"
cargo +nightly fuzz build -O -s none --target-dir "$build_dir" >/dev/null
bin="$build_dir/x86_64-unknown-linux-gnu/release"
for target in "$@"; do
    seeds="corpus/$target"
    [ "$target" = decode_diff ] && seeds=corpus/decode
    mkdir -p "$out/new/$target" "artifacts/$target"
    status=0
    "$bin/$target" "$out/new/$target" "$seeds" -runs="$runs" -max_len="$max_len" \
        -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="artifacts/$target/" >"$out/$target.log" 2>&1 || status=$?
    echo "=== $target (exit $status, $(date -u +%H:%M))"
    grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)|^Done|^#[0-9]+ +DONE|ERROR|SUMMARY' "$out/$target.log" | tail -8
done
