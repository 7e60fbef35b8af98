#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz build: the same `cargo fuzz build -O` that
# fuzz/smoke.sh runs (the base image's cargo is nightly and its RUSTFLAGS pick
# the sanitizer), then every target binary and its seed corpus into $OUT.
cd "$SRC/dnswire/fuzz"
cargo fuzz build -O
for target in $(cargo fuzz list); do
    cp "target/x86_64-unknown-linux-gnu/release/$target" "$OUT/"
    if [ -d "corpus/$target" ] && [ -n "$(ls -A "corpus/$target")" ]; then
        (cd "corpus/$target" && zip -q -j "$OUT/${target}_seed_corpus.zip" ./*)
    fi
done
