#!/usr/bin/env python3
"""Summarise the recorded server captures: print SUMMARY.md to stdout.

    summarize.py CAPTURES_DIR

Reads every <capture>.expected.jsonl in CAPTURES_DIR (written by
../reference/dnsref.py), counts messages per capture (ok vs rejected by
dnspython, queries vs responses, transports, opcodes, rcodes, EDNS options,
record types) and records the versions of the servers and tools used.
Exits non-zero if a capture and its expected file disagree on the message
count reported by tshark.
"""
import collections
import glob
import json
import os
import subprocess
import sys

import dns.version

CAPTURES = ["bind.pcap", "knot.pcapng", "nsd.pcap", "unbound.pcapng"]
SECTIONS = ("answer", "authority", "additional")
EDNS_NAMES = {3: "NSID", 8: "ECS", 9: "EXPIRE", 10: "COOKIE", 11: "KEEPALIVE",
              12: "PADDING", 15: "EDE"}


def version(cmd):
    try:
        out = subprocess.run(cmd, shell=True, capture_output=True, text=True,
                             timeout=10)
        text = (out.stdout or out.stderr).strip().splitlines()
        return text[0].strip() if text else "?"
    except Exception as e:  # pragma: no cover
        return "? (%s)" % e


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def fmt_counter(c, limit=None):
    items = sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0])))
    if limit:
        items = items[:limit]
    return ", ".join("%s %d" % kv for kv in items)


def main():
    d = sys.argv[1]
    rows = []
    all_types = collections.Counter()
    per_types = {}
    problems = []
    rejected = []
    for cap in CAPTURES:
        exp = os.path.join(d, cap + ".expected.jsonl")
        if not os.path.exists(exp):
            problems.append("%s: no expected file" % cap)
            continue
        msgs = load(exp)
        c = collections.Counter()
        opc, rc, tr, eo, types, qtypes = (collections.Counter() for _ in range(6))
        for m in msgs:
            tr[m["transport"]] += 1
            if not m["ok"]:
                c["rejected"] += 1
                rejected.append("%s frame %d: %s" % (cap, m["frame"], m["error"]))
                continue
            c["ok"] += 1
            c["response" if "qr" in m["flags"] else "query"] += 1
            opc[m["opcode"]] += 1
            if "qr" in m["flags"]:
                rc[m["rcode"]] += 1
            if m["edns"]:
                c["edns"] += 1
                for o in m["edns"]["options"]:
                    eo[EDNS_NAMES.get(o["code"], str(o["code"]))] += 1
            if "tc" in m["flags"]:
                c["tc"] += 1
            for q in m["question"]:
                qtypes[q["type"]] += 1
            for s in SECTIONS:
                for rr in m[s]:
                    types[rr["type"]] += 1
        # cross-check the message count with tshark's own count of DNS PDUs
        try:
            out = subprocess.run(
                ["tshark", "-r", os.path.join(d, cap), "-Y", "dns and not icmp",
                 "-o", "tcp.desegment_tcp_streams:TRUE", "-T", "fields", "-e", "dns.id"],
                capture_output=True, text=True, timeout=120).stdout
            tshark_n = sum(len(l.split(",")) for l in out.splitlines() if l.strip())
        except Exception:
            tshark_n = None
        if tshark_n is not None and tshark_n != len(msgs):
            problems.append("%s: tshark counts %s DNS messages, expected file has %d"
                            % (cap, tshark_n, len(msgs)))
        size = os.path.getsize(os.path.join(d, cap))
        rows.append((cap, len(msgs), c, tr, opc, rc, eo, size))
        per_types[cap] = (types, qtypes)
        all_types.update(types)

    p = print
    p("# Server-recorded conformance vectors: summary")
    p()
    p("Written by `record.sh` (via `summarize.py`). Captures and their expected")
    p("decodings are in `captures/`.")
    p()
    p("## Messages per capture")
    p()
    p("| capture | size (bytes) | messages | ok | rejected | queries | responses | UDP | TCP | with EDNS | TC set |")
    p("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    tot = collections.Counter()
    for cap, n, c, tr, *_rest, size in rows:
        p("| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d |" % (
            cap, size, n, c["ok"], c["rejected"], c["query"], c["response"],
            tr["udp"], tr["tcp"], c["edns"], c["tc"]))
        tot.update(c)
        tot["n"] += n
        tot["udp"] += tr["udp"]
        tot["tcp"] += tr["tcp"]
        tot["size"] += size
    p("| **total** | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d |" % (
        tot["size"], tot["n"], tot["ok"], tot["rejected"], tot["query"],
        tot["response"], tot["udp"], tot["tcp"], tot["edns"], tot["tc"]))
    p()
    p("## Opcodes, response codes, EDNS options")
    p()
    p("| capture | opcodes | rcodes (responses) | EDNS options (queries and responses) |")
    p("| --- | --- | --- | --- |")
    for cap, n, c, tr, opc, rc, eo, size in rows:
        p("| %s | %s | %s | %s |" % (cap, fmt_counter(opc), fmt_counter(rc), fmt_counter(eo)))
    p()
    p("## Record types seen (answer, authority, additional; RR count)")
    p()
    for cap in per_types:
        types, qtypes = per_types[cap]
        p("- **%s** (%d types): %s" % (cap, len(types), ", ".join(sorted(types))))
    p()
    p("All captures together: %d record types: %s" % (len(all_types), ", ".join(sorted(all_types))))
    p()
    p("Question types asked: %s" % ", ".join(sorted(set().union(*(q for _, q in per_types.values())))))
    p()
    p("## Messages dnspython rejects")
    p()
    if rejected:
        for r in rejected:
            p("- %s" % r)
    else:
        p("None.")
    p()
    if problems:
        p("## Problems")
        p()
        for r in problems:
            p("- %s" % r)
        p()
    p("## Versions used")
    p()
    for label, cmd in [("BIND", "named -v"), ("Knot", "knotd --version"), ("NSD", "nsd -v 2>&1"),
                       ("Unbound", "unbound -V"), ("dig", "dig -v 2>&1"), ("kdig", "kdig --version"),
                       ("tshark", "tshark --version"), ("Debian", ". /etc/os-release; echo $PRETTY_NAME")]:
        p("- %s: `%s`" % (label, version(cmd)))
    p("- dnspython: `%s`" % dns.version.version)
    p("- Python: `%s`" % sys.version.split()[0])
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
