#!/usr/bin/env bash
# Builds the dnswire firmware for a Cortex-M3 and runs it on QEMU's
# lm3s6965evb board (256 KiB flash, 64 KiB RAM). Exits with the firmware's
# status: 0 when every vector passed.
#
#   firmware/run.sh              build, check the defmt build, run
#   FW_TIMEOUT=300 firmware/run.sh
#
# CARGO_TARGET_DIR is honoured (default: firmware/target).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
target=thumbv7m-none-eabi
timeout_s="${FW_TIMEOUT:-180}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$here/target}"

# --- what it needs -----------------------------------------------------------
if command -v rustup >/dev/null 2>&1; then
    for t in "$target" thumbv7em-none-eabihf; do
        rustup target list --installed | grep -qx "$t" || rustup target add "$t"
    done
fi
if ! command -v qemu-system-arm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qemu-system-arm >/dev/null
    else
        echo "run.sh: qemu-system-arm is missing; install it (Debian: sudo apt-get install qemu-system-arm) or run as root" >&2
        exit 2
    fi
fi

# --- build -------------------------------------------------------------------
cd "$here"
# The vectors file is committed; warn if it no longer matches the .hex files.
if command -v python3 >/dev/null 2>&1; then
    tmp="$(mktemp)"
    cp src/vectors.rs "$tmp"
    python3 gen_vectors.py >/dev/null
    if ! cmp -s src/vectors.rs "$tmp"; then
        echo "run.sh: note: src/vectors.rs regenerated from conformance-vectors (commit it)" >&2
    fi
    rm -f "$tmp"
fi

echo "== build: codec with defmt (thumbv7em-none-eabihf, library)"
(cd "$root" && cargo build --quiet -p dnswire --target thumbv7em-none-eabihf --features defmt)
echo "== build: firmware with the codec's defmt impls (not run)"
cargo build --quiet --release --features defmt
echo "== build: firmware ($target, release: opt-level s, LTO, panic=abort)"
cargo build --quiet --release
elf="$CARGO_TARGET_DIR/$target/release/dnswire-firmware"

# Section sizes from the ELF (no ARM binutils needed).
python3 - "$elf" <<'PY' || true
import struct, sys
data = open(sys.argv[1], "rb").read()
shoff, = struct.unpack_from("<I", data, 0x20)
shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x2E)
secs = [struct.unpack_from("<IIIIIIIIII", data, shoff + i * shentsize) for i in range(shnum)]
strtab = secs[shstrndx][4]
name = lambda off: data[strtab + off:data.index(b"\0", strtab + off)].decode()
size = {name(s[0]): s[5] for s in secs}
flash = sum(size.get(n, 0) for n in (".vector_table", ".text", ".rodata", ".data"))
print(f"== image: .text {size.get('.text', 0)} B, .rodata {size.get('.rodata', 0)} B, "
      f".data {size.get('.data', 0)} B, .bss {size.get('.bss', 0)} B; flash {flash} of 262144 B")
PY

# --- run ---------------------------------------------------------------------
echo "== run: qemu-system-arm -machine lm3s6965evb (timeout ${timeout_s}s)"
set +e
timeout "$timeout_s" qemu-system-arm -cpu cortex-m3 -machine lm3s6965evb -nographic \
    -semihosting-config enable=on,target=native -kernel "$elf" \
    2> >(grep -v '^Timer with period zero' >&2)
status=$?
set -e
if [ "$status" = 124 ]; then
    echo "run.sh: the firmware did not finish within ${timeout_s}s" >&2
fi
exit "$status"
