#!/usr/bin/env python3
"""Worst-case stack depth from a Thumb-2 disassembly (llvm-objdump -d --demangle).

Per function, the frame is what its prologue reserves: `push {..}` (4 bytes a
register), `vpush {..}` (4 bytes an s-register, 8 a d-register) and
`sub sp, #N` / `sub.w sp, sp, #N` (also `subw`). Calls are `bl`/`blx <sym>` and
tail branches `b`/`b.w <sym>` to another function's start (counted as calls:
an upper bound). The worst case from an entry is its frame plus the deepest
callee, over the acyclic call graph; a cycle (recursion) or an indirect call
(`blx rN`) is reported, since its depth cannot be bounded statically.

usage: stack.py DISASSEMBLY ENTRY_SUBSTRING [ENTRY_SUBSTRING...]
"""
import re
import sys
from functools import lru_cache

text = open(sys.argv[1]).read().splitlines()
funcs, order = {}, []
cur = None
head = re.compile(r"^([0-9a-f]+) <(.+)>:$")
for line in text:
    m = head.match(line)
    if m:
        cur = m.group(2)
        funcs[cur] = {"frame": 0, "calls": set(), "indirect": False, "addr": int(m.group(1), 16)}
        order.append(cur)
        continue
    if cur is None or "\t" not in line:
        continue
    parts = line.split("\t")
    ins = [p.strip() for p in parts if p.strip()]
    # ins: [addr:, bytes..., mnemonic, operands...]
    mn_idx = next((i for i, p in enumerate(ins) if re.match(r"^[a-z][a-z0-9.]*$", p) and i > 0 and not re.match(r"^[0-9a-f]{2,8}( [0-9a-f]{2,8})*$", p)), None)
    if mn_idx is None:
        continue
    mn = ins[mn_idx]
    ops = " ".join(ins[mn_idx + 1:])
    f = funcs[cur]
    if mn in ("push", "push.w", "stmdb", "stmdb.w") and ("sp!" in ops or mn.startswith("push")):
        regs = re.search(r"\{(.*)\}", ops)
        if regs:
            n = 0
            for r in regs.group(1).split(","):
                r = r.strip()
                if "-" in r:
                    a, b = r.split("-")
                    n += int(b.strip()[1:]) - int(a.strip()[1:]) + 1
                else:
                    n += 1
            f["frame"] += 4 * n
    elif mn in ("vpush", "vpush.64", "vpush.32", "vstmdb"):
        regs = re.search(r"\{(.*)\}", ops)
        if regs:
            for r in regs.group(1).split(","):
                r = r.strip()
                size = 8 if r.startswith("d") else 4
                if "-" in r:
                    a, b = r.split("-")
                    f["frame"] += size * (int(b.strip()[1:]) - int(a.strip()[1:]) + 1)
                else:
                    f["frame"] += size
    elif mn in ("sub", "sub.w", "subw") and re.match(r"^sp,\s*(sp,\s*)?#", ops):
        f["frame"] += int(re.search(r"#(0x[0-9a-f]+|\d+)", ops).group(1), 0)
    elif mn in ("bl", "blx", "b", "b.w") or mn.startswith("b.") and False:
        t = re.search(r"<([^>+]+)>", ops)
        if t and t.group(1) != cur and t.group(1) in funcs or (t and t.group(1) != cur and mn in ("bl", "blx")):
            f["calls"].add(t.group(1))
        elif mn == "blx" and re.match(r"^r\d+|^lr", ops):
            f["indirect"] = True
    if mn == "blx" and re.match(r"^(r\d+|lr|ip)$", ops.strip()):
        f["indirect"] = True

notes = set()

def depth(fn, stack=()):
    if fn in stack:
        notes.add(f"recursion through {fn}")
        return 0, [fn + " (cycle)"]
    f = funcs.get(fn)
    if f is None:
        return 0, [fn + " (unknown)"]
    if f["indirect"]:
        notes.add(f"indirect call in {fn}")
    best, path = 0, []
    for c in f["calls"]:
        d, p = depth(c, stack + (fn,))
        if d > best:
            best, path = d, p
    return f["frame"] + best, [f"{fn} ({f['frame']} B)"] + path

for want in sys.argv[2:]:
    cands = [n for n in order if want in n]
    if not cands:
        print(f"{want}: not found")
        continue
    name = cands[0]
    notes.clear()
    d, path = depth(name)
    print(f"{want}: {d} bytes worst case")
    for p in path:
        print(f"    {p}")
    for n in sorted(notes):
        print(f"    note: {n} (not bounded by this analysis)")
