#!/usr/bin/env bash
# Builds the footprint binaries for thumbv7em-none-eabihf (opt-level "s", LTO,
# panic = "abort", codegen-units = 1, no allocator) twice: with the core record
# types alone (`--no-default-features`, copied to NAME-core) and with every
# type (the default). Prints .text/.rodata of each, the domain 0.12 and dnsbox
# 0.0.3 comparisons where they build, and the worst-case stack of decode and
# encode from the call graph (tools/stack.py).
#   footprint/measure.sh
set -euo pipefail
cd "$(dirname "$0")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
TARGET=thumbv7em-none-eabihf
OUT="$CARGO_TARGET_DIR/$TARGET/release"

if ! rustup target list --installed 2>/dev/null | grep -qx "$TARGET"; then
    rustup target add "$TARGET"
fi
SIZE=""
for t in llvm-size rust-size arm-none-eabi-size; do
    if command -v "$t" >/dev/null; then SIZE="$t"; break; fi
done
OBJDUMP=""
for t in llvm-objdump arm-none-eabi-objdump; do
    if command -v "$t" >/dev/null; then OBJDUMP="$t"; break; fi
done
if [ -z "$SIZE" ] || [ -z "$OBJDUMP" ]; then
    echo "no size/objdump tool: installing Debian's binutils-arm-none-eabi" >&2
    apt-get update -qq && apt-get install -y -qq binutils-arm-none-eabi >&2
    SIZE=arm-none-eabi-size; OBJDUMP=arm-none-eabi-objdump
fi

cargo build --release --bins --no-default-features >&2
for bin in decode query all; do cp "$OUT/$bin" "$OUT/$bin-core"; done
cargo build --release --bins >&2
DOMAIN=yes
if ! cargo build --release --bins --features domain >&2 2> "$CARGO_TARGET_DIR/domain-build.log"; then
    DOMAIN=no
fi
DNSBOX=yes
if ! cargo build --release --bins --features dnsbox 2> "$CARGO_TARGET_DIR/dnsbox-build.log" >&2; then
    DNSBOX=no
fi

sec() { "$SIZE" -A "$1" | awk -v s="$2" '$1 == s { print $2 }'; }
row() {
    local bin="$1" what="$2" text rodata
    text=$(sec "$OUT/$bin" .text); rodata=$(sec "$OUT/$bin" .rodata)
    printf '| %s | %s | %s | %s | %.2f |\n' "$bin" "$what" "${text:-0}" "${rodata:-0}" "$(awk -v t="${text:-0}" -v b="$BASE_TEXT" 'BEGIN { print (t - b) / 1024 }')"
}
BASE_TEXT=$(sec "$OUT/empty" .text)
echo "| binary | what | .text (B) | .rodata (B) | .text minus runtime (KiB) |"
echo "|---|---|---:|---:|---:|"
row empty "runtime baseline: cortex-m-rt, panic-halt, input/sink glue"
row decode-core "(a) dnswire, core types only: decode a response, walk all records typed"
row query-core "(b) dnswire, core types only: build a query with EDNS"
row all-core "(c) dnswire, core types only: decode, walk, re-encode compressed, query, display"
row decode "(a) dnswire: decode a response, walk all records typed"
row query "(b) dnswire: build a query with EDNS"
row all "(c) dnswire: decode, walk, re-encode compressed, query, display all types"
if [ "$DOMAIN" = yes ]; then
    row domain_decode "domain 0.12, no alloc: decode, walk all records typed"
    row domain_query "domain 0.12, no alloc: build a query with EDNS"
else
    echo
    echo "domain 0.12 did not build without an allocator; see $CARGO_TARGET_DIR/domain-build.log"
fi
if [ "$DNSBOX" = yes ]; then
    row dnsbox_decode "dnsbox 0.0.3, no alloc: decode, walk all records typed"
    row dnsbox_query "dnsbox 0.0.3, no alloc: build a query with EDNS"
else
    echo
    echo "dnsbox 0.0.3 did not build without an allocator; see $CARGO_TARGET_DIR/dnsbox-build.log"
fi

echo
echo "Worst-case stack (bytes), from the call graph of the (c) binary, core types only:"
"$OBJDUMP" -d --demangle --no-show-raw-insn "$OUT/all-core" > "$CARGO_TARGET_DIR/all-core.dis" 2>/dev/null
python3 tools/stack.py "$CARGO_TARGET_DIR/all-core.dis" "dnswire::message::Message::decode::" "dnswire_footprint::decode_walk" "dnswire_footprint::build_query" "dnswire_footprint::reencode"
echo "Worst-case stack (bytes), from the call graph of the (c) binary, every type:"
"$OBJDUMP" -d --demangle --no-show-raw-insn "$OUT/all" > "$CARGO_TARGET_DIR/all.dis" 2>/dev/null
python3 tools/stack.py "$CARGO_TARGET_DIR/all.dis" "dnswire::message::Message::decode::" "dnswire_footprint::decode_walk" "dnswire_footprint::build_query" "dnswire_footprint::reencode"
if [ "$DOMAIN" = yes ]; then
    "$OBJDUMP" -d --demangle --no-show-raw-insn "$OUT/domain_decode" > "$CARGO_TARGET_DIR/domain_decode.dis" 2>/dev/null
    echo "domain:"
    python3 tools/stack.py "$CARGO_TARGET_DIR/domain_decode.dis" "domain_decode::walk"
fi
if [ "$DNSBOX" = yes ]; then
    "$OBJDUMP" -d --demangle --no-show-raw-insn "$OUT/dnsbox_decode" > "$CARGO_TARGET_DIR/dnsbox_decode.dis" 2>/dev/null
    echo "dnsbox:"
    python3 tools/stack.py "$CARGO_TARGET_DIR/dnsbox_decode.dis" "dnsbox_decode::walk"
fi
