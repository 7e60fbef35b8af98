#!/usr/bin/env bash
# Repeatable instruction counts: runs `report --instructions N` under callgrind,
# counting only inside `dnswire_bench_measured` (one dump per job), and prints
# instructions per message per peer as a markdown table.
#   bench/instructions.sh [N] [REPORT ARGS...]  (N repetitions per single-message job; default 20;
#   e.g. `--only dnswire --input corpus` narrows the run, see `report --help`)
set -euo pipefail
cd "$(dirname "$0")"
N="${1:-20}"
shift || true
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
if ! command -v valgrind >/dev/null; then
    echo "valgrind missing: installing it (Debian package)" >&2
    apt-get update -qq && apt-get install -y -qq valgrind >&2
fi
cargo build --release --bin report >&2
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$OUT/cg.out" \
    --toggle-collect=dnswire_bench_measured --dump-after=dnswire_bench_measured \
    --dump-instr=no --compress-strings=no \
    "$CARGO_TARGET_DIR/release/report" --instructions "$N" "$@" > "$OUT/jobs.tsv" 2> "$OUT/valgrind.log" || {
    cat "$OUT/valgrind.log" >&2; exit 1; }
python3 - "$OUT" <<'PY'
import glob, os, re, sys
out = sys.argv[1]
jobs = [l.rstrip("\n").split("\t")[1:] for l in open(os.path.join(out, "jobs.tsv")) if l.startswith("JOB\t")]
dumps = sorted((f for f in glob.glob(os.path.join(out, "cg.out.*")) if re.search(r"\.\d+$", f)), key=lambda f: int(f.rsplit(".", 1)[1]))
if len(dumps) < len(jobs):
    sys.exit(f"expected {len(jobs)} callgrind dumps, found {len(dumps)}")
def total(f):
    for line in open(f):
        if line.startswith("totals:") or line.startswith("summary:"):
            return int(line.split()[1])
    return 0
table = {}
order_in, order_op = [], []
peers = ["dnswire", "dnsbox", "domain", "hickory-proto", "simple-dns", "dns-parser", "byte checksum"]
for (inp, op, peer, msgs), f in zip(jobs, dumps):
    table[(inp, op, peer)] = total(f) / int(msgs)
    if inp not in order_in: order_in.append(inp)
    if op not in order_op: order_op.append(op)
for op in order_op:
    print(f"\n### {op}: instructions per message (ratio = peer / dnswire)\n")
    print("| input | " + " | ".join(peers) + " |")
    print("|---|" + "---:|" * len(peers))
    for inp in order_in:
        if not any((inp, op, p) in table for p in peers):
            continue
        d = table.get((inp, op, "dnswire"))
        cells = []
        for p in peers:
            v = table.get((inp, op, p))
            if v is None: cells.append("n/a")
            elif p == "dnswire" or not d: cells.append(f"{v:,.0f}")
            else: cells.append(f"{v:,.0f} ({v/d:.1f}x)")
        print(f"| {inp} | " + " | ".join(cells) + " |")
PY
