#!/usr/bin/env python3
"""Independent reference decoder for the dnswire conformance vectors.

Decodes DNS messages with dnspython (pinned in requirements.txt) and prints one
JSON object per message (JSON Lines).  Inputs are hex vector files (.hex) or
packet captures (.pcap/.pcapng/.cap); captures are dissected by tshark, never by
the project's own code.  See README.md beside this file for the output format.

    dnsref.py [-o OUT] [--port N]... FILE...
    dnsref.py --self-test
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import dns.edns
import dns.flags
import dns.message
import dns.opcode
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.version

PINNED = "2.7.0"
DEFAULT_PORTS = (53, 5353, 5355)
# tshark names the DNS dissector differently on the mDNS and LLMNR ports.
DNS_LAYERS = ("dns", "mdns", "llmnr")
HEADER_FLAGS = [("qr", 0x8000), ("aa", 0x0400), ("tc", 0x0200), ("rd", 0x0100),
                ("ra", 0x0080), ("z", 0x0040), ("ad", 0x0020), ("cd", 0x0010)]


def flag_list(flags):
    return [name for name, bit in HEADER_FLAGS if flags & bit]


def edns_json(msg):
    if msg.opt is None:
        return None
    eflags = msg.ednsflags & 0xFFFF
    names = ["do"] if eflags & dns.flags.DO else []
    if eflags & ~dns.flags.DO:
        names.append("0x%04x" % (eflags & ~dns.flags.DO))
    return {"version": msg.edns, "flags": names, "udp": msg.payload,
            "options": [{"code": int(o.otype), "data": o.to_wire().hex()}
                        for o in msg.options]}


def rr_json(rrset, rd):
    # In UPDATE messages dnspython stores the zone class in rdclass and the
    # class found on the wire (ANY or NONE) in rrset.deleting.
    rdclass = rrset.deleting if rrset.deleting is not None else rrset.rdclass
    wire = rd.to_wire() if rd is not None else b""
    text = rd.to_text() if wire else ""
    return {"name": rrset.name.to_text(), "ttl": rrset.ttl,
            "class": dns.rdataclass.to_text(rdclass),
            "type": dns.rdatatype.to_text(rrset.rdtype),
            "rdata": text, "rdata_wire": wire.hex()}


def section_json(rrsets):
    out = []
    for rrset in rrsets:
        if len(rrset) == 0:  # RR with empty RDATA (UPDATE class ANY/NONE)
            out.append(rr_json(rrset, None))
        for rd in rrset:
            out.append(rr_json(rrset, rd))
    return out


def decode(wire):
    """Decode one message; returns the dict of fields after "ok"."""
    msg = dns.message.from_wire(wire, keyring=False, one_rr_per_rrset=True,
                                ignore_trailing=False, raise_on_truncation=False,
                                continue_on_error=False)
    sec = msg.sections  # UPDATE: zone, prerequisite, update, additional
    question = [{"name": r.name.to_text(),
                 "class": dns.rdataclass.to_text(r.rdclass),
                 "type": dns.rdatatype.to_text(r.rdtype)} for r in sec[0]]
    answer, authority = section_json(sec[1]), section_json(sec[2])
    additional = section_json(sec[3])
    if msg.tsig is not None:  # always the last RR of the additional section
        additional.extend(section_json([msg.tsig]))
    counts = [int.from_bytes(wire[i:i + 2], "big") for i in (4, 6, 8, 10)]
    got = [len(question), len(answer), len(authority),
           len(additional) + (1 if msg.opt is not None else 0)]
    if got != counts:
        raise AssertionError("dnsref: section sizes %s != header counts %s" % (got, counts))
    return {"id": msg.id, "opcode": dns.opcode.to_text(msg.opcode()),
            "rcode": dns.rcode.to_text(msg.rcode()), "flags": flag_list(msg.flags),
            "edns": edns_json(msg), "question": question, "answer": answer,
            "authority": authority, "additional": additional}


def record(frame, transport, wire, comment=None):
    obj = {"frame": frame, "transport": transport}
    if comment is not None:
        obj["comment"] = comment
    obj["wire"] = wire.hex()
    try:
        fields = decode(wire)
    except Exception as e:  # dnspython rejected the message
        if isinstance(e, AssertionError):
            print("warning: frame %s: %s" % (frame, e), file=sys.stderr)
        obj.update(ok=False, error="%s: %s" % (type(e).__name__, e))
    else:
        obj["ok"] = True
        obj.update(fields)
    return obj


def read_hex(path):
    """Yields (line number, wire bytes, comment) for each message line."""
    comments = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            s = line.strip()
            if not s:
                comments = []
            elif s.startswith("#"):
                comments.append(s.lstrip("#").strip())
            else:
                digits = "".join(s.split())
                try:
                    wire = bytes.fromhex(digits)
                except ValueError:
                    sys.exit("%s:%d: not a hex message" % (path, lineno))
                yield lineno, wire, " ".join(c for c in comments if c)
                comments = []


def _one(value):
    return value[-1] if isinstance(value, list) else value


def read_capture(path, ports):
    """Yields (frame number, transport, wire) per DNS message found by tshark."""
    cmd = ["tshark", "-n", "-r", path, "-o", "tcp.desegment_tcp_streams:TRUE",
           "-o", "ip.defragment:TRUE", "-T", "json", "-x", "--no-duplicate-keys",
           "-Y", " || ".join(DNS_LAYERS)]
    for port in ports:
        if port not in DEFAULT_PORTS:
            cmd += ["-d", "udp.port==%d,dns" % port, "-d", "tcp.port==%d,dns" % port]
    try:
        res = subprocess.run(cmd, capture_output=True)
    except FileNotFoundError:
        sys.exit("tshark not found: apt-get install -y tshark")
    try:
        # A capture cut short in its last packet makes tshark exit non-zero
        # after printing every whole packet; those are still taken.
        packets = json.loads(res.stdout or b"[]")
    except json.JSONDecodeError:
        sys.exit("tshark failed on %s: %s" % (path, res.stderr.decode(errors="replace")))
    if res.returncode != 0:
        sys.stderr.write("tshark on %s: %s\n" % (path, res.stderr.decode(errors="replace").strip()))
    for pkt in packets:
        layers = pkt["_source"]["layers"]
        if "icmp" in layers or "icmpv6" in layers:
            continue  # DNS quoted inside an ICMP error is not a message
        transport = "tcp" if "tcp" in layers else "udp" if "udp" in layers else None
        if transport is None:
            continue
        tl = _one(layers[transport])
        if not {int(tl[transport + ".srcport"]), int(tl[transport + ".dstport"])} & set(ports):
            continue
        frame = int(_one(layers["frame"])["frame.number"])
        for name in DNS_LAYERS:
            raws = layers.get(name + "_raw")
            if raws is None:
                continue
            if not isinstance(raws[0], list):
                raws = [raws]
            for raw in raws:
                wire = bytes.fromhex(raw[0])
                if transport == "tcp":
                    wire = wire[2:]  # tshark includes the 2-byte length prefix
                yield frame, transport, wire


def process(paths, ports, out):
    for path in paths:
        if path.endswith(".hex"):
            for lineno, wire, comment in read_hex(path):
                out.write(json.dumps(record(lineno, "hex", wire, comment),
                                     separators=(",", ":")) + "\n")
        else:
            for frame, transport, wire in read_capture(path, ports):
                out.write(json.dumps(record(frame, transport, wire),
                                     separators=(",", ":")) + "\n")


def _pcap(payloads):
    """Builds a minimal Ethernet/IPv4 pcap (used by --self-test only)."""
    import struct
    out = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)
    for i, (proto, sport, dport, seq, flags, data) in enumerate(payloads):
        if proto == 17:
            l4 = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
        else:
            l4 = struct.pack("!HHIIBBHHH", sport, dport, seq, 1, 0x50, flags,
                             65535, 0, 0) + data
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), i, 0, 64, proto, 0,
                         bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
        s = sum(struct.unpack("!10H", ip))
        s = (s & 0xFFFF) + (s >> 16)
        ip = ip[:10] + struct.pack("!H", ~s & 0xFFFF) + ip[12:]
        frame = b"\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02\x08\x00" + ip + l4
        out += struct.pack("<IIII", i, 0, len(frame), len(frame)) + frame
    return out


def self_test():
    import dns.rrset
    import dns.tsigkeyring
    import dns.update
    q = dns.message.make_query("MiXeD.example.", "A", want_dnssec=True, id=4660)
    r = dns.message.make_response(q)
    r.use_edns(0, dns.flags.DO, 1232)
    for _ in range(2):  # a duplicate RR must be kept
        r.answer.append(dns.rrset.from_text("MiXeD.example.", 300, "IN", "A", "192.0.2.1"))
    r.answer.append(dns.rrset.from_text("MiXeD.example.", 300, "IN", "TXT", '"a b" ""'))
    r.set_rcode(dns.rcode.BADVERS)
    upd = dns.update.UpdateMessage("example.", id=7)
    upd.present("a.example.")
    upd.delete("b.example.", "A")
    upd.delete("c.example.", "A", "192.0.2.9")
    upd.add("d.example.", 60, "AAAA", "2001:db8::1")
    upd.use_tsig(dns.tsigkeyring.from_text({"k.": "c2VjcmV0"}), "k.")
    rw, uw = r.to_wire(), upd.to_wire()
    with tempfile.TemporaryDirectory() as tmp:
        hexfile = os.path.join(tmp, "t.hex")
        with open(hexfile, "w") as f:
            f.write("# resp\n# two lines\n%s\n\n%s\n%s\n%s\n" % (
                " ".join(rw[i:i + 8].hex() for i in range(0, len(rw), 8)),
                uw.hex(), rw.hex() + "00", rw[:11].hex()))
        res = [json.loads(line) for line in subprocess.run(
            [sys.executable, __file__, hexfile], capture_output=True, check=True,
            text=True).stdout.splitlines()]
    a, u, trail, short = res
    assert a["frame"] == 3 and a["comment"] == "resp two lines" and a["wire"] == rw.hex()
    assert a["ok"] and a["id"] == 4660 and a["rcode"] == "BADVERS", a
    assert a["flags"] == ["qr", "rd"] and a["edns"]["flags"] == ["do"], a
    assert [x["rdata"] for x in a["answer"]] == ["192.0.2.1", "192.0.2.1", '"a b" ""']
    assert a["answer"][0]["rdata_wire"] == "c0000201" and a["question"][0]["name"] == "MiXeD.example."
    assert u["ok"] and u["opcode"] == "UPDATE" and u["comment"] == "", u
    assert [(x["class"], x["rdata"]) for x in u["authority"]] == [
        ("ANY", ""), ("NONE", "192.0.2.9"), ("IN", "2001:db8::1")], u
    assert u["answer"][0]["class"] == "ANY" and u["additional"][-1]["type"] == "TSIG", u
    assert not trail["ok"] and trail["error"].startswith("TrailingJunk"), trail
    assert not short["ok"] and short["error"].startswith("ShortHeader"), short
    print("hex decoding: ok")
    try:
        subprocess.run(["tshark", "-v"], capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        print("tshark not installed: capture test skipped")
        return
    qw = q.to_wire()
    tcp = len(qw).to_bytes(2, "big") + qw + len(rw).to_bytes(2, "big") + rw
    frames = [(17, 1111, 53, 0, 0, qw), (17, 53, 1111, 0, 0, rw),
              (6, 2222, 53, 100, 0x02, b""), (6, 2222, 53, 101, 0x18, tcp[:20]),
              (6, 2222, 53, 121, 0x18, tcp[20:]), (17, 5353, 5353, 0, 0, rw),
              (17, 1111, 5300, 0, 0, rw), (17, 1111, 8053, 0, 0, rw)]
    with tempfile.TemporaryDirectory() as tmp:
        cap = os.path.join(tmp, "t.pcap")
        with open(cap, "wb") as f:
            f.write(_pcap(frames))
        res = [json.loads(line) for line in subprocess.run(
            [sys.executable, __file__, "--port", "8053", cap], capture_output=True,
            check=True, text=True).stdout.splitlines()]
    got = [(x["frame"], x["transport"], x["wire"]) for x in res]
    assert got == [(1, "udp", qw.hex()), (2, "udp", rw.hex()), (5, "tcp", qw.hex()),
                   (5, "tcp", rw.hex()), (6, "udp", rw.hex()), (8, "udp", rw.hex())], got
    assert all(x["ok"] for x in res)
    print("capture extraction: ok")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", metavar="FILE")
    ap.add_argument("-o", "--output", help="write JSON Lines here instead of stdout")
    ap.add_argument("--port", type=int, action="append", default=[],
                    help="also decode this UDP/TCP port as DNS (repeatable)")
    ap.add_argument("--self-test", action="store_true")
    args = ap.parse_args()
    if dns.version.version != PINNED:
        print("warning: dnspython %s installed, vectors are pinned to %s"
              % (dns.version.version, PINNED), file=sys.stderr)
    if args.self_test:
        self_test()
        return
    if not args.files:
        ap.error("no input files")
    ports = sorted(set(DEFAULT_PORTS) | set(args.port))
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            process(args.files, ports, out)
    else:
        process(args.files, ports, sys.stdout)


if __name__ == "__main__":
    main()
