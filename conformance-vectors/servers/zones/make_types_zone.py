#!/usr/bin/env python3
"""Write types.test.zone from types.test.zone.in.

The .in file gives every record in its mnemonic presentation form.  BIND
9.18, Knot 3.2 and NSD 4.6 do not all parse every mnemonic, so records of the
types in GENERIC (or lines marked ';generic') are rewritten in RFC 3597
form (TYPEnnn \\# len hex) with dnspython; the wire data is the same and
all three servers load the one zone file.  The presentation form is kept as
a comment above each rewritten record.
"""
import re
import sys

import dns.name
import dns.rdata
import dns.rdataclass
import dns.rdatatype

# Types that Knot 3.2 or NSD 4.6 does not parse by mnemonic (BIND 9.18 parses
# them all):
#   AMTRELAY (Knot, NSD)  AVC (Knot)  DLV (Knot)  GPOS (Knot, NSD)
#   HIP (Knot, NSD)  ISDN (Knot)  NINFO (Knot, NSD)  NSAP (Knot)
#   NSAP-PTR (Knot, NSD)  PX (Knot)  RESINFO (Knot, NSD)  WALLET (Knot, NSD)
#   WKS (Knot)  X25 (Knot)  MB, MG, MR (Knot)  TA, DOA (Knot, NSD)
# EID and NIMLOC (neither) are written as TYPEnnn in the .in file already;
# the SVCB record with the dohpath key (Knot) is marked ';generic'.
GENERIC = {
    "AMTRELAY", "AVC", "DLV", "GPOS", "HIP", "NINFO", "NSAP", "NSAP-PTR",
    "PX", "RESINFO", "WALLET", "WKS", "X25", "ISDN",
    "MB", "MG", "MR", "TA", "DOA",
}
# Types dnspython has no rdata class for: encode by hand.
CODES = {"MB": 7, "MG": 8, "MR": 9, "TA": 32768, "DOA": 259}

origin = dns.name.from_text("types.test.")


def names_wire(text):
    out = b""
    for tok in text.split():
        out += dns.name.from_text(tok, origin).to_wire()
    return out


def generic(rtype, rdata):
    if rtype in ("MB", "MG", "MR"):
        wire = names_wire(rdata)
    elif rtype == "TA":
        ds = dns.rdata.from_text("IN", "DS", rdata, origin)
        wire = ds.to_wire()
    elif rtype == "DOA":
        # DOA: enterprise(4) type(4) location(1) media-type(string) data(b64)
        ent, typ, loc, media, data = rdata.split()
        import base64
        media = media.strip('"').encode()
        wire = (int(ent).to_bytes(4, "big") + int(typ).to_bytes(4, "big")
                + int(loc).to_bytes(1, "big") + bytes([len(media)]) + media
                + base64.b64decode(data))
    else:
        rd = dns.rdata.from_text("IN", rtype, rdata, origin)
        wire = rd.to_wire(origin=origin)
    code = CODES.get(rtype) or dns.rdatatype.from_text(rtype)
    return "TYPE%d \\# %d %s" % (code, len(wire), wire.hex())


REC = re.compile(r"^(\S+\s+)(?:(\d+)\s+)?(?:IN\s+)?([A-Z][A-Z0-9-]*)\s+(.*?)\s*(;generic)?$")

out = []
for line in open(sys.argv[1] if len(sys.argv) > 1 else "types.test.zone.in"):
    line = line.rstrip("\n")
    m = REC.match(line)
    if m and not line.startswith((";", "$")):
        owner, ttl, rtype, rdata, mark = m.groups()
        rdata = rdata.strip()
        if rdata.startswith("(") and rdata.endswith(")"):
            rdata = rdata[1:-1].strip()
        if rtype in GENERIC or mark:
            out.append("; %s%s %s" % (owner, rtype, rdata))
            out.append("%s%s%s" % (owner, (ttl + " ") if ttl else "", generic(rtype, rdata)))
            continue
    out.append(line)
sys.stdout.write("\n".join(out) + "\n")
