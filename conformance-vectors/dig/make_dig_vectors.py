#!/usr/bin/env python3
"""Record what dig prints for conformance-vector responses.

For each response chosen from the bundled vectors (every response with one
question in types/ and rfc/, and from the server captures one response per
distinct question), a local UDP responder answers dig's query with that
response (its id set to dig's), and dig's whole output is kept with the
octets that were sent. dnswire's tests parse dig's text back into a message
and compare it with those octets (tests/message_text.rs): dig, not dnswire,
wrote the text.

Usage: make_dig_vectors.py > dig.txt   (needs dig from bind9-dnsutils and dnspython)
       make_dig_vectors.py --kdig > kdig.txt   (kdig from knot-dnsutils instead)
"""
import json
import pathlib
import socket
import subprocess
import sys
import threading

import dns.message
import dns.opcode

HERE = pathlib.Path(__file__).resolve().parent
CV = HERE.parent


def hex_messages(path):
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield bytes.fromhex(line.replace(" ", ""))


def capture_messages(path):
    for line in path.read_text().splitlines():
        e = json.loads(line)
        if e.get("ok"):
            yield bytes.fromhex(e["wire"])


def usable(wire):
    """A response dig can be made to ask for: one question, opcode QUERY."""
    try:
        msg = dns.message.from_wire(wire, ignore_trailing=False)
    except Exception:
        return None
    if not msg.flags & 0x8000 or msg.opcode() != dns.opcode.QUERY or len(msg.question) != 1:
        return None
    if len(wire) > 65000:
        return None
    q = msg.question[0]
    return q.name.to_text(), q.rdclass, q.rdtype


def responses():
    seen = set()
    for sub in ("types", "rfc"):
        for path in sorted((CV / sub).glob("*.hex")):
            if path.name == "malformed.hex":
                continue
            for wire in hex_messages(path):
                if usable(wire):
                    yield f"{sub}/{path.name}", wire
    for path in sorted((CV / "servers" / "captures").glob("*.expected.jsonl")):
        for wire in capture_messages(path):
            q = usable(wire)
            if q and q not in seen:
                seen.add(q)
                yield f"servers/captures/{path.name.split('.')[0]}", wire


def serve_once(sock, wire, sent):
    try:
        data, peer = sock.recvfrom(65535)
    except TimeoutError:  # dig went to TCP (a truncated answer, a transfer)
        return
    reply = data[:2] + wire[2:]
    sock.sendto(reply, peer)
    sent.append(reply)


def main():
    import dns.rdataclass
    import dns.rdatatype
    kdig = "--kdig" in sys.argv[1:]
    if kdig:
        version = subprocess.run(["kdig", "-V"], capture_output=True, text=True).stdout.strip()
    else:
        version = subprocess.run(["dig", "-v"], capture_output=True, text=True).stderr.strip()
    print(f";; Recorded by conformance-vectors/dig/make_dig_vectors.py with {version}")
    count = 0
    for source, wire in responses():
        name, rdclass, rdtype = usable(wire)
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind(("127.0.0.1", 0))
        sock.settimeout(5)
        port = sock.getsockname()[1]
        sent = []
        t = threading.Thread(target=serve_once, args=(sock, wire, sent))
        t.start()
        if kdig:
            cmd = ["kdig", "@127.0.0.1", "-p", str(port), "+retry=0", "+timeout=3", "+ignore", "+norec", "+nocookie",
                   "-c", dns.rdataclass.to_text(rdclass), "-q", name, "-t", dns.rdatatype.to_text(rdtype)]
        else:
            cmd = ["dig", "@127.0.0.1", "-p", str(port), "+tries=1", "+time=3", "+ignore", "+norec", "+nocookie",
                   "-c", dns.rdataclass.to_text(rdclass), "-q", name, "-t", dns.rdatatype.to_text(rdtype)]
        out = subprocess.run(cmd, capture_output=True, text=True)
        t.join()
        sock.close()
        if not sent or out.returncode != 0 or ";; ->>HEADER<<-" not in out.stdout:
            print(f"skipped {source}: {out.stdout[-200:]!r} {out.stderr[-200:]!r}", file=sys.stderr)
            continue
        print(f";; ==== {source}")
        print(f";; wire: {sent[0].hex()}")
        sys.stdout.write(out.stdout)
        count += 1
    print(f"{count} vectors", file=sys.stderr)


if __name__ == "__main__":
    main()
