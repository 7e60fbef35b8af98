#!/usr/bin/env python3
"""Regenerates the conformance vectors of conformance-vectors/types/ and rfc/.

Every message is built from presentation text (or, where the RFC gives wire
bytes, from those bytes) with dnspython as the encoder, using fixed ids and
TTLs, so the output is deterministic.  Each .hex file is then decoded by
../reference/dnsref.py into <name>.expected.jsonl.  The generator checks that
every message decodes (ok:true) except those marked as expected rejections,
and fails loudly if dnspython disagrees.

    python3 conformance-vectors/types/make_vectors.py [--check]

--check regenerates into memory and reports files that would change.
"""
import io
import os
import struct
import subprocess
import sys
import tempfile

import dns.edns
import dns.flags
import dns.message
import dns.name
import dns.opcode
import dns.rcode
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rrset
import dns.tokenizer
import dns.update
import dns.version

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.dirname(HERE)
DNSREF = os.path.join(BASE, "reference", "dnsref.py")
PINNED = "2.7.0"
ROOT = dns.name.root


# --------------------------------------------------------------------------
# Building blocks
# --------------------------------------------------------------------------

def name(text):
    return dns.name.from_text(text, origin=ROOT)


def rdata(rdclass, rdtype, text):
    if text.startswith("\\#"):  # RFC 3597 generic text: decode the bytes without an origin
        data = dns.rdata.GenericRdata.from_text(rdclass, rdtype, dns.tokenizer.Tokenizer(text)).data
        return dns.rdata.from_wire(rdclass, rdtype, data, 0, len(data))
    return dns.rdata.from_text(rdclass, rdtype, text, origin=ROOT, relativize=False)


def rr(line, update=False):
    """Parses "owner ttl class type [rdata]" into an RRset holding one RR.

    A missing rdata gives an RR with empty RDATA.  In UPDATE messages a class
    of ANY or NONE becomes dnspython's "deleting" class (the wire class) and
    the RDATA, if any, is read as class IN."""
    parts = line.split(None, 4)
    owner, ttl = name(parts[0]), int(parts[1])
    rdclass = dns.rdataclass.from_text(parts[2])
    rdtype = dns.rdatatype.from_text(parts[3])
    deleting = None
    if update and rdclass in (dns.rdataclass.ANY, dns.rdataclass.NONE):
        deleting, rdclass = rdclass, dns.rdataclass.IN
    rrset = dns.rrset.RRset(owner, rdclass, rdtype, deleting=deleting)
    if len(parts) > 4:
        rrset.add(rdata(rdclass, rdtype, parts[4]), ttl)
    else:
        rrset.update_ttl(ttl)
    return rrset


def wire_rr(owner, ttl, rdclass, rdtype, rdata_wire):
    """Builds one RR from its RDATA bytes (used when the RFC gives bytes)."""
    rd = dns.rdata.from_wire(dns.rdataclass.from_text(rdclass),
                             dns.rdatatype.from_text(rdtype), rdata_wire, 0,
                             len(rdata_wire))
    rrset = dns.rrset.RRset(name(owner), rd.rdclass, rd.rdtype)
    rrset.add(rd, ttl)
    return rrset


def build(id, question=(), answer=(), authority=(), additional=(),
          flags="QR AA", opcode="QUERY", rcode="NOERROR", edns=None,
          compress=True, tail=()):
    """Builds a message and returns its wire form.

    question: "name type [class]" strings; answer/authority/additional: RR
    lines (see rr()) or RRsets.  edns: None or a dict for Message.use_edns
    (edns, ednsflags, payload, options).  compress=False lays the message out
    without name compression (names and RDATA still encoded by dnspython).
    tail: extra RRsets appended after the OPT record (e.g. a TSIG)."""
    is_update = opcode == "UPDATE"
    msg = dns.update.UpdateMessage(id=id) if is_update else dns.message.Message(id=id)
    msg.flags = dns.flags.from_text(flags) if flags else 0
    msg.set_opcode(int(opcode) if opcode.isdigit() else dns.opcode.from_text(opcode))
    for q in question:
        parts = q.split()
        rdclass = dns.rdataclass.from_text(parts[2]) if len(parts) > 2 else dns.rdataclass.IN
        msg.sections[0].append(dns.rrset.RRset(name(parts[0]), rdclass,
                                               dns.rdatatype.from_text(parts[1])))
    for index, records in ((1, answer), (2, authority), (3, additional)):
        for r in records:
            msg.sections[index].append(r if isinstance(r, dns.rrset.RRset) else rr(r, is_update))
    if edns is not None:
        msg.use_edns(**edns)
    msg.set_rcode(int(rcode) if rcode.isdigit() else dns.rcode.from_text(rcode))
    if compress and not tail:
        return msg.to_wire()
    return _layout(msg, compress, tail)


def _layout(msg, compress, tail):
    """Lays out a message section by section (optionally without compression)."""
    sections = [list(msg.sections[0]), list(msg.sections[1]), list(msg.sections[2]),
                list(msg.sections[3]) + ([msg.opt] if msg.opt else []) + list(tail)]
    counts = [len(sections[0])] + [sum(max(1, len(r)) for r in s) for s in sections[1:]]
    out = io.BytesIO()
    out.write(struct.pack("!HH4H", msg.id, msg.flags, *counts))
    table = {} if compress else None
    for i, section in enumerate(sections):
        for rrset in section:
            if i == 0:
                rrset.name.to_wire(out, table)
                out.write(struct.pack("!HH", rrset.rdtype, rrset.rdclass))
            else:
                rrset.to_wire(out, table)  # writes the deleting class if set
    return out.getvalue()


def hexwire(text):
    return bytes.fromhex("".join(text.split()))


def generic(hextext):
    """RFC 3597 generic RDATA text for the given hex digits."""
    data = hexwire(hextext)
    return "\\# %d %s" % (len(data), data.hex()) if data else "\\# 0"


class VectorFile:
    def __init__(self, path, title):
        self.path, self.title, self.items = path, title, []

    def add(self, comment, wire, ok=True):
        self.items.append((comment, wire, ok))

    def text(self):
        lines = ["# " + line for line in self.title.strip().splitlines()]
        lines.append("# Generated by conformance-vectors/types/make_vectors.py; "
                     "expectations in the .expected.jsonl beside this file.")
        for comment, wire, ok in self.items:
            lines.append("")
            lines.append("# " + comment + ("" if ok else " [expected: rejected]"))
            lines.append(wire.hex())
        return "\n".join(lines) + "\n"


def answer_for(vf, id, comment, qname, qtype, records, **kw):
    """Adds a response to "qname qtype" whose answer holds records."""
    vf.add(comment, build(id, [qname + " " + qtype], records, **kw))


# --------------------------------------------------------------------------
# types/: one group of record types per file
# --------------------------------------------------------------------------
# "example zone" below is dnspython's own test zone (tests/example in the
# dnspython repository) read with $ORIGIN example.; its records are used as
# presentation text.

def types_basic():
    vf = VectorFile("types/basic.hex", """
Common record types (RFC 1035 and successors): A, AAAA, NS, CNAME, DNAME,
PTR, MX, SOA, TXT, CAA, SRV, HINFO, RP, NAPTR.""")
    i = 0x1000
    answer_for(vf, i + 1, "A: 0.0.0.0, 255.255.255.255 (example zone a01/a02), several A in one RRset, "
               "a duplicate RR kept twice", "e.example.", "A", [
                   "a01.example. 3600 IN A 0.0.0.0", "a02.example. 3600 IN A 255.255.255.255",
                   "e.example. 300 IN A 73.80.65.49", "e.example. 300 IN A 73.80.65.50",
                   "e.example. 300 IN A 73.80.65.52", "e.example. 300 IN A 73.80.65.52"])
    answer_for(vf, i + 2, "AAAA: all-ones, ::1 (example zone), v4-mapped, documentation, link-local "
               "and zero addresses", "aaaa01.example.", "AAAA", [
                   "aaaa01.example. 3600 IN AAAA ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                   "aaaa02.example. 3600 IN AAAA ::1",
                   "aaaa03.example. 3600 IN AAAA ::ffff:192.0.2.1",
                   "aaaa04.example. 3600 IN AAAA 2001:db8:0:0:1:0:0:1",
                   "aaaa05.example. 3600 IN AAAA fe80::1:2:3:4",
                   "aaaa06.example. 3600 IN AAAA ::"])
    vf.add("NS referral with glue (example zone apex NS and glue A records)",
           build(i + 3, ["www.example. A"], [],
                 ["example. 300 IN NS ns1.example.", "example. 300 IN NS ns2.example."],
                 ["ns1.example. 300 IN A 10.53.0.1", "ns2.example. 300 IN A 10.53.0.2",
                  "ns2.example. 300 IN AAAA 2001:db8::53"], flags="QR"))
    answer_for(vf, i + 4, "CNAME: absolute target, target in the zone, root target "
               "(example zone cname01-03) and a CNAME chain ending in an A", "b.example.", "A", [
                   "b.example. 300 IN CNAME cname01.example.",
                   "cname01.example. 3600 IN CNAME cname-target.",
                   "cname02.example. 3600 IN CNAME cname-target.example.",
                   "cname03.example. 3600 IN CNAME .",
                   "cname-target. 60 IN A 192.0.2.7"])
    answer_for(vf, i + 5, "DNAME with synthesized CNAME (RFC 6672), DNAME to the root "
               "(example zone dname01-03)", "x.dname01.example.", "A", [
                   "dname01.example. 3600 IN DNAME dname-target.",
                   "x.dname01.example. 3600 IN CNAME x.dname-target.",
                   "dname02.example. 3600 IN DNAME dname-target.example.",
                   "dname03.example. 3600 IN DNAME ."])
    answer_for(vf, i + 6, "PTR: IPv4 and IPv6 reverse names (example zone ptr01)",
               "1.2.0.192.in-addr.arpa.", "PTR", [
                   "1.2.0.192.in-addr.arpa. 3600 IN PTR example.",
                   "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa. "
                   "3600 IN PTR host.example."])
    answer_for(vf, i + 7, "MX: preference 10 (example zone mx01/mx02), null MX 0 . (RFC 7505), "
               "preference 65535", "mx01.example.", "MX", [
                   "mx01.example. 3600 IN MX 10 mail.example.",
                   "mx02.example. 3600 IN MX 10 .",
                   "mx03.example. 3600 IN MX 0 .",
                   "mx04.example. 3600 IN MX 65535 mail.example."])
    answer_for(vf, i + 8, "SOA (example zone apex) and an SOA with all-ones counters",
               "example.", "SOA", [
                   "example. 300 IN SOA ns1.example. hostmaster.example. 1 2000 2000 1814400 3600",
                   "example2. 300 IN SOA . . 4294967295 4294967295 4294967295 4294967295 4294967295"])
    vf.add("NXDOMAIN with the zone SOA in the authority section (RFC 2308 negative answer)",
           build(i + 9, ["nonexistent.example. A"], [],
                 ["example. 3600 IN SOA ns1.example. hostmaster.example. 1 2000 2000 1814400 3600"],
                 rcode="NXDOMAIN"))
    answer_for(vf, i + 10, "TXT: example zone txt01-txt15 (several strings, spaces, \\010, escaped "
               "quotes, ';', backslash)", "txt.example.", "TXT", [
                   'txt01.example. 3600 IN TXT "foo"',
                   'txt02.example. 3600 IN TXT "foo" "bar"',
                   'txt05.example. 3600 IN TXT "foo bar"',
                   'txt08.example. 3600 IN TXT "foo\\010bar"',
                   'txt11.example. 3600 IN TXT "\\"foo\\""',
                   'txt13.example. 3600 IN TXT foo',
                   'txt14.example. 3600 IN TXT "foo;"',
                   'txt15.example. 3600 IN TXT "bar\\\\;"'])
    answer_for(vf, i + 11, "TXT edge cases: one empty string, several empty strings, bytes 0x00, "
               "0x7f and above 0x7f, a 255-octet string, UTF-8 text", "txt.example.", "TXT", [
                   'txt20.example. 3600 IN TXT ""',
                   'txt21.example. 3600 IN TXT "" "" ""',
                   'txt22.example. 3600 IN TXT "\\000\\127\\128\\255"',
                   'txt23.example. 3600 IN TXT "' + "x" * 255 + '"',
                   'txt24.example. 3600 IN TXT "caf\\195\\169" "\\226\\130\\172"',
                   'txt25.example. 3600 IN TXT "tab\\009and newline\\010"'])
    answer_for(vf, i + 12, "CAA: example zone caa01-06 (issue, iodef, parameters, critical flag with "
               "an unknown tag) plus issuewild and issue \";\"", "caa.example.", "CAA", [
                   'caa01.example. 3600 IN CAA 0 issue "ca.example.net"',
                   'caa02.example. 3600 IN CAA 0 iodef "mailto:security@example.com"',
                   'caa03.example. 3600 IN CAA 0 iodef "http://iodef.example.com/"',
                   'caa04.example. 3600 IN CAA 0 issue "ca.example.net; account=230123"',
                   'caa05.example. 3600 IN CAA 0 issue "ca.example.net; policy=ev"',
                   'caa06.example. 3600 IN CAA 128 tbs "Unknown"',
                   'caa07.example. 3600 IN CAA 0 issuewild "ca.example.org"',
                   'caa08.example. 3600 IN CAA 0 issue ";"',
                   'caa09.example. 3600 IN CAA 0 issue ""'])
    answer_for(vf, i + 13, "SRV: example zone srv01/srv02 (all-zero with root target, all-ones) and an "
               "RFC 2782 style record", "_sip._tcp.example.", "SRV", [
                   "srv01.example. 3600 IN SRV 0 0 0 .",
                   "srv02.example. 3600 IN SRV 65535 65535 65535 old-slow-box.example.com.",
                   "_sip._tcp.example. 3600 IN SRV 10 60 5060 bigbox.example."])
    answer_for(vf, i + 14, "HINFO: example zone hinfo01/02 and empty strings", "hinfo.example.", "HINFO", [
        'hinfo01.example. 3600 IN HINFO "Generic PC clone" "NetBSD-1.4"',
        'hinfo02.example. 3600 IN HINFO "PC" "NetBSD"',
        'hinfo03.example. 3600 IN HINFO "" ""'])
    answer_for(vf, i + 15, "RP: example zone rp01/rp02 (root names)", "rp.example.", "RP", [
        "rp01.example. 3600 IN RP mbox-dname.example. txt-dname.example.",
        "rp02.example. 3600 IN RP . ."])
    answer_for(vf, i + 16, "NAPTR: example zone naptr01/02 (empty strings, root replacement) and the "
               "RFC 3403 section 6.2 E2U example", "naptr.example.", "NAPTR", [
                   'naptr01.example. 3600 IN NAPTR 0 0 "" "" "" .',
                   'naptr02.example. 3600 IN NAPTR 65535 65535 "blurgh" "blorf" "blegh" foo.',
                   'naptr03.example. 3600 IN NAPTR 100 10 "u" "E2U+sip" '
                   '"!^.*$!sip:information@foo.se!i" .',
                   'naptr04.example. 3600 IN NAPTR 100 50 "a" "z3950+N2L+N2C" "" '
                   'cidserver.example.com.'])
    vf.add("Answer, authority and additional sections together, without name compression",
           build(i + 17, ["www.example. A"], ["www.example. 300 IN A 192.0.2.80"],
                 ["example. 300 IN NS ns1.example."], ["ns1.example. 300 IN A 10.53.0.1"],
                 compress=False))
    vf.add("Query (not a response): one question, RD set, no records",
           build(i + 18, ["www.example. A"], flags="RD"))
    return vf


def types_names():
    vf = VectorFile("types/names.hex", """
Domain name edge cases (RFC 1035 sections 2.3.4, 3.1, 4.1.4; RFC 2181 section 11;
RFC 4343 case preservation): mixed case, escaped special characters, binary
labels, maximum label and name lengths, compression against names that differ
only in case.""")
    i = 0x1100
    label63 = "a" * 63
    long_name = ".".join(["b" * 63, "c" * 63, "d" * 63, "e" * 61]) + "."  # 255 octets on the wire
    assert len(name(long_name).to_wire()) == 255
    answer_for(vf, i + 1, "MiXeD case owner, question and RDATA names (case preserved, RFC 4343)",
               "MiXeD.ExAmPlE.", "MX", [
                   "MiXeD.ExAmPlE. 300 IN MX 10 MaIl.ExAmPlE.",
                   "MiXeD.ExAmPlE. 300 IN MX 20 mail2.EXAMPLE."])
    vf.add("Names differing only in case: dnspython compresses the later ones against the "
           "first spelling, so the wire (and the decoded names) keep the first case",
           build(i + 2, ["WWW.Example.COM. A"], [
               "www.example.com. 300 IN A 192.0.2.1", "Www.Example.Com. 300 IN A 192.0.2.2"]))
    vf.add("The same names without compression: each keeps its own case",
           build(i + 3, ["WWW.Example.COM. A"], [
               "www.example.com. 300 IN A 192.0.2.1", "Www.Example.Com. 300 IN A 192.0.2.2"],
               compress=False))
    answer_for(vf, i + 4, "Escaped dot inside a label (a\\.b is one label), escaped backslash, and a "
               "space (printed \\032)", "a\\.b.example.", "TXT", [
                   'a\\.b.example. 300 IN TXT "one label a.b"',
                   'back\\\\slash.example. 300 IN TXT "backslash"',
                   'with\\032space.example. 300 IN TXT "space"',
                   'dot\\.\\.dot.example. 300 IN CNAME target\\.with\\.dots.example.'])
    answer_for(vf, i + 5, "Characters dnspython escapes with a backslash: \" ( ) ; @ $",
               "q\\\"uote.example.", "A", [
                   'q\\"uote.example. 300 IN A 192.0.2.1',
                   'p\\(ar\\)en.example. 300 IN A 192.0.2.2',
                   'semi\\;colon.example. 300 IN A 192.0.2.3',
                   'at\\@sign.example. 300 IN A 192.0.2.4',
                   'dollar\\$.example. 300 IN A 192.0.2.5'])
    answer_for(vf, i + 6, "Binary labels (RFC 2181 section 11): NUL, control bytes, DEL, bytes above "
               "0x7F, UTF-8 of an IDN label", "\\000.example.", "A", [
                   "\\000.example. 300 IN A 192.0.2.1",
                   "\\001\\031\\127.example. 300 IN A 192.0.2.2",
                   "\\128\\200\\255.example. 300 IN A 192.0.2.3",
                   "caf\\195\\169.example. 300 IN A 192.0.2.4",
                   "a\\000b.example. 300 IN A 192.0.2.5"])
    answer_for(vf, i + 7, "A 63-octet label (the maximum, RFC 1035 section 2.3.4)",
               label63 + ".example.", "A", [label63 + ".example. 300 IN A 192.0.2.63",
                                            "x.example. 300 IN CNAME " + label63 + ".example."])
    answer_for(vf, i + 8, "A 255-octet name (the maximum, RFC 1035 section 2.3.4) as owner, question "
               "and CNAME target", long_name, "A", [
                   long_name + " 300 IN A 192.0.2.255",
                   "short.example. 300 IN CNAME " + long_name])
    vf.add("The 255-octet name without compression", build(
        i + 9, [long_name + " A"], [long_name + " 300 IN A 192.0.2.255"], compress=False))
    answer_for(vf, i + 10, "Root name as question and owner; wildcard owner *.example. and a label '*' "
               "inside a name", ".", "NS", [
                   ". 518400 IN NS a.root-servers.net.",
                   "*.example. 300 IN MX 10 mail.example.",
                   "a.*.example. 300 IN A 192.0.2.42"])
    answer_for(vf, i + 11, "Underscore labels (RFC 8552) and digits-only and hyphen labels",
               "_dmarc.example.", "TXT", [
                   '_dmarc.example. 300 IN TXT "v=DMARC1; p=none"',
                   '_25._tcp.mail.example. 300 IN TXT "x"',
                   '123.456.example. 300 IN TXT "digits"',
                   '-hy-phen-.example. 300 IN TXT "hyphens"'])
    answer_for(vf, i + 12, "Many names sharing suffixes (deep compression chains: pointer to a name "
               "that itself ends in a pointer)", "a.b.c.d.example.", "NS", [
                   "a.b.c.d.example. 300 IN NS ns.a.b.c.d.example.",
                   "b.c.d.example. 300 IN NS ns.b.c.d.example.",
                   "c.d.example. 300 IN NS x.a.b.c.d.example.",
                   "d.example. 300 IN NS ns.c.d.example.",
                   "example. 300 IN NS example."])
    return vf


def types_dnssec():
    vf = VectorFile("types/dnssec.hex", """
DNSSEC and key/fingerprint record types: DNSKEY, CDNSKEY, RRSIG, DS, CDS, DLV,
NSEC, NSEC3, NSEC3PARAM, ZONEMD, CSYNC, DHCID, HIP, IPSECKEY, SSHFP, TLSA,
SMIMEA, OPENPGPKEY, CERT.""")
    i = 0x1200
    key = ("AQMFD5raczCJHViKtLYhWGz8hMY9UGRuniJDBzC7w0aRyzWZriO6i2odGWWQVucZqKVsENW91IOW4vqud"
           "ngPZsY3GvQ/xVA8/7pyFj6b7Esga60zyGW6LFe9r8n6paHrlG5ojqf0BaqHT+8=")
    ed = "l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4="  # 32-octet Ed25519 key (RFC 8080 style)
    answer_for(vf, i + 1, "DNSKEY: example zone dnskey01 (flags 512, protocol 255) and dnskey02 "
               "(257 3 RSAMD5), an Ed25519 ZSK, and flags 0", "example.", "DNSKEY", [
                   "dnskey01.example. 3600 IN DNSKEY 512 255 1 " + key,
                   "dnskey02.example. 3600 IN DNSKEY 257 3 1 " + key,
                   "example. 3600 IN DNSKEY 256 3 15 " + ed,
                   "example. 3600 IN DNSKEY 0 3 13 " + key])
    answer_for(vf, i + 2, "CDNSKEY: a key and the RFC 8078 section 4 delete form 0 3 0 AA==",
               "example.", "CDNSKEY", [
                   "example. 3600 IN CDNSKEY 257 3 15 " + ed,
                   "example. 3600 IN CDNSKEY 0 3 0 AA=="])
    answer_for(vf, i + 3, "RRSIG: example zone rrsig01 (covers NSEC) and RRSIGs covering A, a type "
               "number and a 2106 expiry", "rrsig01.example.", "RRSIG", [
                   "rrsig01.example. 3600 IN RRSIG NSEC 1 3 3600 20200101000000 20030101000000 "
                   "2143 foo.example. MxFcby9k/yvedMfQgKzhH5er0Mu/vILz45IkskceFGgiWCn/GxHhai6V"
                   "AuHAoNUz4YoU1tVfSCSqQYn6//11U6Nld80jEeC8aTrO+KKmCaY=",
                   "www.example. 300 IN RRSIG A 13 2 300 20250101000000 20240101000000 "
                   "12345 example. " + ed + ed,
                   "www.example. 300 IN RRSIG TYPE1234 8 2 0 21060207062815 19700101000000 "
                   "65535 . AA=="])
    answer_for(vf, i + 4, "DS: example zone ds01 (SHA-1), SHA-256, SHA-384 digests",
               "example.", "DS", [
                   "ds01.example. 3600 IN DS 12345 3 1 123456789abcdef67890123456789abcdef67890",
                   "example. 3600 IN DS 2371 13 2 "
                   "1F987CC6583E92DF0890718C42D3432B4C5E7C2E7E5A8C6C2D4B7E3F8D4B5E6F",
                   "example. 3600 IN DS 65535 14 4 " + "ab" * 48])
    answer_for(vf, i + 5, "CDS and DLV: example zone cds01/dlv01 and the RFC 8078 CDS delete form "
               "0 0 0 00", "example.", "CDS", [
                   "cds01.example. 3600 IN CDS 12345 3 1 123456789abcdef67890123456789abcdef67890",
                   "example. 3600 IN CDS 0 0 0 00",
                   "dlv01.example. 3600 IN DLV 12345 3 1 123456789abcdef67890123456789abcdef67890"])
    answer_for(vf, i + 6, "NSEC: example zone nsec01-03 (TYPE1234, NSAP-PTR, TYPE65535 in the "
               "bitmap), an empty bitmap and a bitmap spanning windows 0, 1 and 255",
               "nsec01.example.", "NSEC", [
                   "nsec01.example. 3600 IN NSEC a.secure.example. A MX RRSIG NSEC TYPE1234",
                   "nsec02.example. 3600 IN NSEC . NSAP-PTR NSEC",
                   "nsec03.example. 3600 IN NSEC . NSEC TYPE65535",
                   "nsec04.example. 3600 IN NSEC nsec05.example.",
                   "nsec05.example. 3600 IN NSEC nsec06.example. A CAA TYPE65280 TYPE65535"])
    answer_for(vf, i + 7, "NSEC3: example zone nsec301/302 (salt and empty salt '-'), opt-out flag "
               "clear, empty bitmap", "example.", "NSEC3", [
                   "nsec301.example. 3600 IN NSEC3 1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr "
                   "MX DNSKEY NS SOA NSEC3PARAM RRSIG",
                   "nsec302.example. 3600 IN NSEC3 1 1 12 - 2t7b4g4vsa5smi47k61mv5bv1a22bojr "
                   "MX DNSKEY NS SOA NSEC3PARAM RRSIG",
                   "nsec303.example. 3600 IN NSEC3 1 0 0 - 2t7b4g4vsa5smi47k61mv5bv1a22bojr",
                   "nsec304.example. 3600 IN NSEC3 1 0 65535 ff 0p9mhaveqvm6t7vbl5lop2u3t2rp3tom A"])
    answer_for(vf, i + 8, "NSEC3PARAM: example zone nsec3param01/02 and 1 0 0 -", "example.",
               "NSEC3PARAM", [
                   "example. 300 IN NSEC3PARAM 1 1 12 aabbccdd",
                   "example. 300 IN NSEC3PARAM 1 1 12 -",
                   "example. 300 IN NSEC3PARAM 1 0 0 -"])
    answer_for(vf, i + 9, "ZONEMD: SHA-384 digest (RFC 8976 appendix A.1 style), SHA-512 and a "
               "private scheme", "example.", "ZONEMD", [
                   "example. 86400 IN ZONEMD 2018031900 1 1 c68090d90a7aed716bc459f9340e3d7c1370d4d2"
                   "4b7e2fc3a1ddc0b9a87153b9a9713b3c9ae5cc27777f98b8e730044c",
                   "example. 86400 IN ZONEMD 2018031900 1 2 " + "0123456789abcdef" * 8,
                   "example. 86400 IN ZONEMD 4294967295 240 240 " + "ff" * 12])
    answer_for(vf, i + 10, "CSYNC: example zone csync0 and RFC 7477 section 2.3 (66 3 A NS AAAA)",
               "example.", "CSYNC", [
                   "csync0.example. 3600 IN CSYNC 12345 0 A MX RRSIG NSEC TYPE1234",
                   "example. 3600 IN CSYNC 66 3 A NS AAAA"])
    answer_for(vf, i + 11, "DHCID: example zone dhcid01-03 (RFC 4701 section 3.6 examples)",
               "example.", "DHCID", [
                   "dhcid01.example. 3600 IN DHCID AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=",
                   "dhcid02.example. 3600 IN DHCID AAEBOSD+XR3Os/0LozeXVqcNc7FwCfQdWL3b/NaiUDlW2No=",
                   "dhcid03.example. 3600 IN DHCID AAABxLmlskllE0MVjd57zHcWmEH3pCQ6VytcKD//7es/deY="])
    hip_key = ("AwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+CI6zBCQTdtWsuxKbWIy87UOoJ"
               "TwkUs7lBu+Upr1gsNrut79ryra+bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4"
               "BcelrTI3rMXdXF5D")
    answer_for(vf, i + 12, "HIP: example zone hip01-03 (no, one and two rendezvous servers)",
               "example.", "HIP", [
                   "hip01.example. 3600 IN HIP 2 200100107B1A74DF365639CC39F1D578 " + hip_key,
                   "hip02.example. 3600 IN HIP 2 200100107B1A74DF365639CC39F1D578 " + hip_key
                   + " rvs.example.com.",
                   "hip03.example. 3600 IN HIP 2 200100107B1A74DF365639CC39F1D578 " + hip_key
                   + " rvs1.example.com. rvs2.example.com."])
    ipk = "AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="
    answer_for(vf, i + 13, "IPSECKEY: example zone ipseckey01-05 (gateway types 0-3, RFC 4025 "
               "section 3.3 examples) and one without a key (built from RDATA bytes)", "example.", "IPSECKEY", [
                   "ipseckey01.example. 3600 IN IPSECKEY 10 1 2 192.0.2.38 " + ipk,
                   "ipseckey02.example. 3600 IN IPSECKEY 10 0 2 . " + ipk,
                   "ipseckey03.example. 3600 IN IPSECKEY 10 3 2 mygateway.example.com. " + ipk,
                   "ipseckey04.example. 3600 IN IPSECKEY 10 2 2 2001:0DB8:0:8002::2000:1 " + ipk,
                   "ipseckey05.example. 3600 IN IPSECKEY 10 3 2 mygateway2.example. " + ipk,
                   wire_rr("ipseckey06.example.", 3600, "IN", "IPSECKEY", hexwire("0a0100c0000203"))])
    answer_for(vf, i + 14, "SSHFP: example zone sshfp1 (SHA-1) and SHA-256 (RFC 6594), Ed25519 "
               "(RFC 7479)", "host.example.", "SSHFP", [
                   "sshfp1.example. 3600 IN SSHFP 1 1 aa549bfe898489c02d1715d97d79c57ba2fa76ab",
                   "host.example. 3600 IN SSHFP 3 2 " + "0123456789abcdef" * 4,
                   "host.example. 3600 IN SSHFP 4 2 a87f1b687ac0e57d2a081a2f282672334d90ed316d2b818ca9"
                   "580ea384d92401"])
    answer_for(vf, i + 15, "TLSA: example zone tlsa1-3 (SHA-256, SHA-512 digests) and 100 octets of full data (printed in two chunks)",
               "_443._tcp.www.example.", "TLSA", [
                   "tlsa1.example. 3600 IN TLSA 3 1 1 a9cdf989b504fe5dca90c0d2167b6550570734f7c763e0"
                   "9fdf88904e06157065",
                   "tlsa2.example. 3600 IN TLSA 1 0 1 efddf0d915c7bdc5782c0881e1b2a95ad099fbdd06d7b1"
                   "f77982d9364338d955",
                   "tlsa3.example. 3600 IN TLSA 1 0 2 81ee7f6c0ecc6b09b7785a9418f54432de630dd54dc6ee9e"
                   "3c49de547708d236d4c413c3e97e44f969e635958aa410495844127c04883503e5b024cf7a8f6a94",
                   "tlsa4.example. 3600 IN TLSA 3 0 0 " + bytes(range(100)).hex()])
    answer_for(vf, i + 16, "SMIMEA (RFC 8162) with a SHA-256 digest", "smimea.example.", "SMIMEA", [
        "smimea.example. 3600 IN SMIMEA 3 1 1 D2ABDE240D7CD3EE6B4B28C54DF034B97983A1D16E8A410E4561CB"
        "106618E971"])
    answer_for(vf, i + 17, "OPENPGPKEY (RFC 7929): a short key blob", "openpgpkey.example.",
               "OPENPGPKEY", ["openpgpkey.example. 3600 IN OPENPGPKEY mDMEV/fnvBY="])
    answer_for(vf, i + 18, "CERT: example zone cert01 (mnemonic PRIVATEOID), PKIX (RFC 4398) and "
               "numeric type/algorithm", "cert.example.", "CERT", [
                   "cert01.example. 3600 IN CERT 65534 65535 PRIVATEOID MxFcby9k/yvedMfQgKzhH5er0Mu/"
                   "vILz45IkskceFGgiWCn/GxHhai6VAuHAoNUz4YoU1tVfSCSqQYn6//11U6Nld80jEeC8aTrO+KKmCaY=",
                   "cert02.example. 3600 IN CERT PKIX 0 0 MIIB",
                   "cert03.example. 3600 IN CERT 3 12345 8 AQID"])
    return vf


SVCB_RFC9460_D = [
    # RFC 9460 appendix D.1 and D.2 (also dnspython tests/svcb_test_vectors.generic):
    # (description, presentation form given by the RFC, RDATA hex)
    ("D.1 AliasMode", "0 foo.example.com.", "0000 03666f6f076578616d706c6503636f6d00"),
    ("D.2 ServiceMode, use the owner name", "1 .", "0001 00"),
    ("D.2 ServiceMode, port only", "16 foo.example.com. port=53",
     "0010 03666f6f076578616d706c6503636f6d00 0003 0002 0035"),
    ("D.2 unregistered key, unquoted value", "1 foo.example.com. key667=hello",
     "0001 03666f6f076578616d706c6503636f6d00 029b 0005 68656c6c6f"),
    ("D.2 unregistered key, quoted value with a decimal escape",
     '1 foo.example.com. key667="hello\\210qoo"',
     "0001 03666f6f076578616d706c6503636f6d00 029b 0009 68656c6c6fd2716f6f"),
    ("D.2 two IPv6 hints", '1 foo.example.com. ipv6hint="2001:db8::1,2001:db8::53:1"',
     "0001 03666f6f076578616d706c6503636f6d00 0006 0020 20010db8000000000000000000000001"
     " 20010db8000000000000000000530001"),
    ("D.2 IPv6 hint with embedded IPv4 syntax", '1 example.com. ipv6hint="2001:db8:122:344::192.0.2.33"',
     "0001 076578616d706c6503636f6d00 0006 0010 20010db8012203440000 0000c0000221"),
    ("D.2 unsorted keys and mandatory list in presentation, sorted on the wire",
     "16 foo.example.org. (alpn=h2,h3-19 mandatory=ipv4hint,alpn ipv4hint=192.0.2.1)",
     "0010 03666f6f076578616d706c65036f726700 0000 0004 00010004 0001 0009 026832"
     " 0568332d3139 0004 0004 c0000201"),
    ("D.2 alpn value with an escaped comma and an escaped backslash",
     '16 foo.example.org. alpn="f\\\\\\\\oo\\\\,bar,h2"',
     "0010 03666f6f076578616d706c65036f726700 0001 000c 08665c6f6f2c626172 026832"),
]


def types_svcb():
    vf = VectorFile("types/svcb.hex", """
SVCB and HTTPS (RFC 9460): alias and service forms and every registered
SvcParamKey (mandatory, alpn, no-default-alpn, port, ipv4hint, ech, ipv6hint,
dohpath from RFC 9461, ohttp from RFC 9540) plus unregistered keys.""")
    i = 0x1300
    answer_for(vf, i + 1, "SVCB: every registered key in one record, plus an unregistered key with a "
               "value and one without", "_dns.resolver.example.", "SVCB", [
                   '_dns.resolver.example. 300 IN SVCB 1 dns.example. mandatory=alpn,port '
                   'alpn=h2,h3,dot no-default-alpn port=853 ipv4hint=192.0.2.1,192.0.2.2 '
                   'ech=AEP+DQA/BAAgACCW2/dfOBZAtQU55/py/BlhdRdaauPAkrERAUwppoeSEgAEAAEAAQAQY2QxLnRlc3Q'
                   'uZXhhbXBsZS5jb20AAA== ipv6hint=2001:db8::1,2001:db8::2 dohpath=/dns-query{?dns} '
                   'ohttp key65000=opaque key65535'])
    answer_for(vf, i + 2, "HTTPS: alias form, service form at the owner name, and alpn with "
               "escapes (RFC 9460 sections 2.1, 7.1, 9.1)", "www.example.", "HTTPS", [
                   "example. 300 IN HTTPS 0 svc.example.",
                   'svc.example. 300 IN HTTPS 1 . alpn=h3,h2 ipv4hint=192.0.2.80',
                   'svc.example. 300 IN HTTPS 2 svc2.example. alpn="h\\\\,2,h3" port=8443',
                   'svc.example. 300 IN HTTPS 3 . no-default-alpn alpn=custom',
                   "svc.example. 300 IN HTTPS 65535 ."])
    answer_for(vf, i + 3, "SVCB: mandatory listing several keys, ech empty-ish config, empty "
               "alpn-less key values", "svc.example.", "SVCB", [
                   'svc.example. 300 IN SVCB 1 . mandatory=alpn,ipv4hint,ipv6hint alpn=h2 '
                   'ipv4hint=192.0.2.1 ipv6hint=::1',
                   'svc.example. 300 IN SVCB 2 . key7="/q{?dns}"',
                   'svc.example. 300 IN SVCB 3 . key65280=\\000\\001\\255'])
    for n, (desc, text, hexrd) in enumerate(SVCB_RFC9460_D, 4):
        vf.add("SVCB RDATA from RFC 9460 appendix %s (wire bytes from the RFC): %s" % (desc, text),
               build(i + n, ["svc.example. SVCB"],
                     [wire_rr("svc.example.", 300, "IN", "SVCB", hexwire(hexrd))]))
    return vf


def types_misc():
    vf = VectorFile("types/misc.hex", """
Less common but implemented types: LOC, APL, EUI48, EUI64, L32, L64, LP, NID,
AMTRELAY, AVC, RESINFO, WALLET, NINFO, URI, SPF, AFSDB, KX, TKEY, and class CH A.""")
    i = 0x1400
    answer_for(vf, i + 1, "LOC: example zone loc01-05 (default and huge sizes, fractional seconds) "
               "and RFC 1876 section 4 style records (negative altitude, southern/western "
               "hemispheres, poles)", "loc.example.", "LOC", [
                   "loc01.example. 3600 IN LOC 60 9 0.000 N 24 39 0.000 E 10.00m 20m 2000m 20m",
                   "loc03.example. 3600 IN LOC 60 9 0.000 N 24 39 0.000 E 10.00m 90000000.00m 2000m 20m",
                   "loc04.example. 3600 IN LOC 60 9 1.5 N 24 39 0.000 E 10.00m 20m 2000m 20m",
                   "loc05.example. 3600 IN LOC 60 9 1.51 N 24 39 0.000 E 10.00m 20m 2000m 20m",
                   "loc08.example. 3600 IN LOC 0 9 1.000 S 24 39 0.000 E 10.00m 90000000.00m 2000.00m 20.00m",
                   "cambridge-net.kei.com. 3600 IN LOC 42 21 54 N 71 06 18 W -24m 30m",
                   "loiosh.kei.com. 3600 IN LOC 42 21 43.952 N 71 5 6.344 W -24m 1m 200m",
                   "pipex.net. 3600 IN LOC 52 14 05 N 00 08 50 E 10m",
                   "south.example. 3600 IN LOC 90 S 180 W -100000.00m 0m 0m 0m",
                   "north.example. 3600 IN LOC 90 N 180 E 42849672.95m 90000000m 90000000m 90000000m"])
    answer_for(vf, i + 2, "APL: example zone apl01/02 (negation, IPv6) plus an empty APL and "
               "zero-length prefixes (RFC 3123)", "apl.example.", "APL", [
                   "apl01.example. 3600 IN APL 1:192.168.32.0/21 !1:192.168.38.0/28",
                   "apl02.example. 3600 IN APL 1:224.0.0.0/4 2:FF00:0:0:0:0:0:0:0/8",
                   "apl03.example. 3600 IN APL",
                   "apl04.example. 3600 IN APL !2:2001:db8::/32 1:0.0.0.0/0 1:192.0.2.1/32"])
    answer_for(vf, i + 3, "EUI48 and EUI64 (RFC 7043 section 3.2 and 4.2 examples)", "host.example.",
               "EUI48", ["host.example. 86400 IN EUI48 00-00-5e-00-53-2a",
                         "host.example. 86400 IN EUI64 00-00-5e-ef-10-00-00-2a"])
    answer_for(vf, i + 4, "ILNP types NID, L32, L64, LP (RFC 6742 section 3 examples)",
               "host1.example.com.", "NID", [
                   "host1.example.com. 10800 IN NID 10 0014:4fff:ff20:ee64",
                   "host1.example.com. 10800 IN NID 20 0015:5fff:ff21:ee65",
                   "host1.example.com. 10800 IN L32 10 10.1.2.0",
                   "host1.example.com. 10800 IN L64 10 2001:0DB8:1140:1000",
                   "host1.example.com. 10800 IN LP 10 l64-subnet1.example.com.",
                   "host1.example.com. 10800 IN LP 20 l64-subnet2.example.com."])
    answer_for(vf, i + 5, "AMTRELAY: example zone amtrelay01-05 (no gateway, IPv4, IPv6, name; D bit)",
               "amtrelay.example.", "AMTRELAY", [
                   "amtrelay01.example. 3600 IN AMTRELAY 0 0 0 .",
                   "amtrelay02.example. 3600 IN AMTRELAY 0 1 0 .",
                   "amtrelay03.example. 3600 IN AMTRELAY 10 0 1 203.0.113.15",
                   "amtrelay04.example. 3600 IN AMTRELAY 10 0 2 2001:db8::15",
                   "amtrelay05.example. 3600 IN AMTRELAY 128 1 3 amtrelays.example.com."])
    answer_for(vf, i + 6, "TXT-like types: AVC (example zone avc01), RESINFO (RFC 9606 section 5 "
               "example), WALLET, NINFO, SPF (example zone spf)", "misc.example.", "AVC", [
                   'avc01.example. 3600 IN AVC "app-name:WOLFGANG|app-class:OAM|business=yes"',
                   'resolver.example. 7200 IN RESINFO qnamemin exterr=15,16,17 '
                   'infourl=https://resolver.example.com/guide',
                   'wallet.example. 3600 IN WALLET BTC 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
                   'ninfo.example. 3600 IN NINFO "status" ""',
                   'spf.example. 3600 IN SPF "v=spf1 mx -all"'])
    answer_for(vf, i + 7, "URI: example zone uri01/02 (RFC 7553 section 4.4 examples) and an empty target",
               "_ftp._tcp.example.", "URI", [
                   'uri01.example. 3600 IN URI 10 1 "ftp://ftp1.example.com/public"',
                   'uri02.example. 3600 IN URI 10 1 "http://www.example.com/path"',
                   'uri03.example. 3600 IN URI 65535 65535 "x"'])
    answer_for(vf, i + 8, "AFSDB and KX: example zone afsdb01/02, kx01/02 (root targets)",
               "afsdb.example.", "AFSDB", [
                   "afsdb01.example. 3600 IN AFSDB 0 hostname.example.",
                   "afsdb02.example. 3600 IN AFSDB 65535 .",
                   "kx01.example. 3600 IN KX 10 kdc.example.",
                   "kx02.example. 3600 IN KX 10 ."])
    answer_for(vf, i + 9, "TKEY (RFC 2930) with and without other data, as in a GSS-TSIG exchange",
               "gss.example.", "TKEY", [
                   "gss.example. 0 ANY TKEY gss-tsig. 1700000000 1700086400 3 0 YWJjZA==",
                   "gss.example. 0 ANY TKEY gss-tsig. 0 4294967295 2 17 AAAA AQID"])
    vf.add("Class CH (Chaosnet) A record: a domain and an octal address (RFC 1035 section 3.4.1 / "
           "dnspython's CH A), with a CH TXT version.bind answer",
           build(i + 10, ["version.bind. TXT CH"], [
               'version.bind. 0 CH TXT "9.18.0"',
               "ch-addr.example. 3600 CH A ch-addr.example. 1234"]))
    return vf


def types_obsolete():
    vf = VectorFile("types/obsolete.hex", """
Obsolete, experimental or historic types. dnspython implements WKS, GPOS, X25,
ISDN, RT, NSAP, NSAP-PTR, PX; it has no RDATA class for MD, MF, MB, MG, MR,
MINFO, NULL, SIG, KEY, NXT, A6, UNSPEC, TA and TYPE0, which it prints in the
RFC 3597 generic form \\# (those are written here as RFC 3597 generic text).""")
    i = 0x1500
    answer_for(vf, i + 1, "WKS: example zone wks01-03 (TCP and UDP bitmaps, port 65535)",
               "wks.example.", "WKS", [
                   "wks01.example. 3600 IN WKS 10.0.0.1 6 0 1 2 21 23",
                   "wks02.example. 3600 IN WKS 10.0.0.1 17 0 1 2 53",
                   "wks03.example. 3600 IN WKS 10.0.0.2 6 65535"])
    answer_for(vf, i + 2, "GPOS (example zone gpos01), X25 (x2501), ISDN (isdn01-04)",
               "gpos01.example.", "GPOS", [
                   'gpos01.example. 3600 IN GPOS "-22.6882" "116.8652" "250.0"',
                   'x2501.example. 3600 IN X25 "123456789"',
                   'isdn01.example. 3600 IN ISDN "isdn-address"',
                   'isdn02.example. 3600 IN ISDN "isdn-address" "subaddress"'])
    answer_for(vf, i + 3, "RT (example zone rt01/02), PX (px01/02)", "rt.example.", "RT", [
        "rt01.example. 3600 IN RT 0 intermediate-host.example.",
        "rt02.example. 3600 IN RT 65535 .",
        "px01.example. 3600 IN PX 65535 foo. bar.",
        "px02.example. 3600 IN PX 65535 . ."])
    answer_for(vf, i + 4, "NSAP (example zone nsap01/02, dotted and undotted text) and NSAP-PTR "
               "(nsap-ptr01)", "nsap.example.", "NSAP", [
                   "nsap01.example. 3600 IN NSAP 0x47000580005a0000000001e133ffffff00016100",
                   "nsap02.example. 3600 IN NSAP 0x47.000580005a0000000001e133ffffff000161.00",
                   "nsap-ptr01.example. 3600 IN NSAP-PTR foo.",
                   "nsap-ptr01.example. 3600 IN NSAP-PTR ."])
    answer_for(vf, i + 5, "RFC 1035 mail types MD, MF, MB, MG, MR (domain-name RDATA) and MINFO "
               "(two names); dnspython decodes them as generic RDATA", "mail.example.", "MB", [
                   "mail.example. 3600 IN MD " + generic(name("mail.example.").to_wire().hex()),
                   "mail.example. 3600 IN MF " + generic(name("mail.example.").to_wire().hex()),
                   "mail.example. 3600 IN MB " + generic(name("madname.example.").to_wire().hex()),
                   "mail.example. 3600 IN MG " + generic(name("mgmname.example.").to_wire().hex()),
                   "mail.example. 3600 IN MR " + generic(name("mrname.").to_wire().hex()),
                   "mail.example. 3600 IN MINFO " + generic("07726d61696c62780007656d61696c627800")])
    answer_for(vf, i + 6, "NULL (RFC 1035 section 3.3.10) with data and empty, generic", "null.example.",
               "NULL", ["null.example. 3600 IN NULL \\# 3 010203",
                        "null.example. 3600 IN NULL \\# 0"])
    answer_for(vf, i + 7, "SIG, KEY, NXT (RFC 2535) and A6 (RFC 2874), UNSPEC, TA and TYPE0: "
               "generic RDATA", "old.example.", "KEY", [
                   "old.example. 3600 IN KEY " + generic("010003050102"),
                   "old.example. 3600 IN SIG " + generic("0001 0503 00000e10 5e0be100 3e125380 085f 00 0102"),
                   "old.example. 3600 IN NXT " + generic("00 0004 62010080"),
                   "old.example. 3600 IN A6 " + generic("00 20010db8000000000000000000000001"),
                   "old.example. 3600 IN UNSPEC " + generic("abcd"),
                   "old.example. 3600 IN TA " + generic("3039080201"),
                   "old.example. 3600 IN TYPE0 " + generic("00")])
    return vf


def types_unknown():
    vf = VectorFile("types/unknown.hex", """
Unknown types and classes (RFC 3597): TYPEnnn and CLASSnnn, private-use and
reserved numbers, known types sent in the generic form, meta-types in questions.""")
    i = 0x1600
    answer_for(vf, i + 1, "Unknown types: example zone unknown2 (TYPE999), private use TYPE65280, "
               "TYPE65534, reserved TYPE65535, an empty TYPE4660", "unknown.example.", "TYPE999", [
                   "unknown2.example. 3600 IN TYPE999 \\# 8 0a0000010a000001",
                   "unknown.example. 3600 IN TYPE65280 \\# 4 deadbeef",
                   "unknown.example. 3600 IN TYPE65534 \\# 1 00",
                   "unknown.example. 3600 IN TYPE65535 \\# 2 ffff",
                   "unknown.example. 3600 IN TYPE4660 \\# 0"])
    answer_for(vf, i + 2, "Known type written in generic syntax (example zone unknown3: A \\# 4 "
               "7f000002) decodes as a normal A; MX and TXT likewise", "unknown3.example.", "A", [
                   "unknown3.example. 3600 IN A \\# 4 7f000002",
                   "unknown3.example. 3600 IN MX " + generic("000a 04 6d61696c 00"),
                   "unknown3.example. 3600 IN TXT \\# 4 03616263"])
    vf.add("Unknown classes: CLASS32 TYPE731 and CLASS65280; class HS (RFC 3597 section 5 style)",
           build(i + 3, ["a.example. TYPE731 CLASS32"], [
               "a.example. 3600 CLASS32 TYPE731 \\# 6 abcdef012345",
               "a.example. 3600 CLASS65280 TYPE1 \\# 4 c0000201",
               "b.example. 3600 HS TYPE62347 \\# 0",
               "c.example. 3600 HS TXT \\# 4 03616263"]))
    for n, qtype, qclass in ((4, "ANY", "IN"), (5, "AXFR", "IN"), (6, "IXFR", "IN"),
                             (7, "MAILB", "IN"), (8, "MAILA", "IN"), (9, "A", "ANY"),
                             (10, "A", "NONE"), (11, "TYPE0", "CLASS0"), (12, "TYPE65535", "CLASS65535")):
        vf.add("Question only: QTYPE %s, QCLASS %s (RFC 1035 section 3.2.3 / 3.2.5, RFC 6895)"
               % (qtype, qclass), build(i + n, ["query.example. %s %s" % (qtype, qclass)], flags="RD"))
    vf.add("Several questions in one message (QDCOUNT 3) and a duplicate question",
           build(i + 13, ["a.example. A", "a.example. AAAA", "a.example. A"], flags="RD"))
    vf.add("Header-only message: no question, no records (RFC 1035 section 4.1.1)",
           build(i + 14, [], flags="QR"))
    return vf


def types_edns():
    vf = VectorFile("types/edns.hex", """
EDNS(0) (RFC 6891): OPT pseudo-RR payload size, version, DO flag, extended
RCODE, and the registered options (NSID, DAU/DHU/N3U, ECS, EXPIRE, COOKIE,
KEEPALIVE, PADDING, CHAIN, KEY-TAG, EDE, REPORT-CHANNEL) plus unknown ones.""")
    i = 0x1700
    g = dns.edns.GenericOption
    q = ["www.example. A"]
    a = ["www.example. 300 IN A 192.0.2.1"]

    def e(n, comment, options=(), ednsflags=0, payload=1232, version=0, rcode="NOERROR",
          flags="QR AA", answer=a, ok=True):
        vf.add(comment, ok=ok, wire=build(i + n, q, answer, flags=flags, rcode=rcode,
                              edns=dict(edns=version, ednsflags=ednsflags, payload=payload,
                                        options=list(options))))
    e(1, "OPT without options, payload 1232", payload=1232)
    e(2, "OPT with the DO bit (RFC 3225) and payload 4096", ednsflags=dns.flags.DO, payload=4096)
    e(3, "OPT with payload 512 and 65535; unknown EDNS flag bits 0x4000 and 0x0001 set besides DO "
         "(RFC 6891 section 6.1.4: Z bits)", ednsflags=0xC001, payload=65535)
    e(4, "NSID (RFC 5001): empty request in a query", [g(3, b"")], flags="RD", answer=())
    e(5, "NSID (RFC 5001): server identifier in a response", [dns.edns.NSIDOption(b"ns1.example")])
    e(6, "DAU, DHU, N3U (RFC 6975) algorithm lists", [g(5, bytes([8, 13, 15])), g(6, bytes([1, 2, 4])),
                                                       g(7, bytes([1]))], ednsflags=dns.flags.DO)
    e(7, "EDNS Client Subnet (RFC 7871): IPv4 /24 scope 0 in a query",
      [dns.edns.ECSOption("192.0.2.0", 24, 0)], flags="RD", answer=())
    e(8, "EDNS Client Subnet (RFC 7871): IPv6 /56 with scope /48 in a response",
      [dns.edns.ECSOption("2001:db8:1234:5600::", 56, 48)])
    e(9, "EDNS Client Subnet with FAMILY 0, prefix 0 (used by some clients to opt out, RFC 7871 "
         "section 7.1.2 only defines prefix 0 with a real family); dnspython rejects family 0",
      [g(8, bytes([0, 0, 0, 0]))], flags="RD", answer=(), ok=False)
    e(10, "EDNS EXPIRE (RFC 7314): empty in a query, then a value in a response",
      [g(9, b"")], flags="RD", answer=())
    e(11, "EDNS EXPIRE (RFC 7314): 1209600 seconds", [g(9, struct.pack("!I", 1209600))])
    e(12, "COOKIE (RFC 7873): client cookie only", [dns.edns.CookieOption(bytes.fromhex(
        "2464c4abcf10c957"), b"")], flags="RD", answer=())
    e(13, "COOKIE (RFC 7873/9018): client and 16-octet server cookie", [dns.edns.CookieOption(
        bytes.fromhex("2464c4abcf10c957"), bytes.fromhex("0100000058f0a1c2c8bcf6a2b1b4a4fd"))])
    e(14, "COOKIE with a maximal 32-octet server cookie and BADCOOKIE extended rcode (23)",
      [dns.edns.CookieOption(bytes(range(8)), bytes(range(32)))], rcode="BADCOOKIE", answer=())
    e(15, "edns-tcp-keepalive (RFC 7828): empty in a query", [g(11, b"")], flags="RD", answer=())
    e(16, "edns-tcp-keepalive (RFC 7828): timeout 600 (60 s)", [g(11, struct.pack("!H", 600))])
    e(17, "Padding (RFC 7830): 12 zero octets, and an empty padding option",
      [g(12, bytes(12)), g(12, b"")])
    e(18, "CHAIN (RFC 7901): closest trust point example.", [g(13, name("example.").to_wire())],
      ednsflags=dns.flags.DO)
    e(19, "edns-key-tag (RFC 8145): two key tags", [g(14, struct.pack("!HH", 19036, 20326))],
      ednsflags=dns.flags.DO, flags="RD", answer=())
    e(20, "Extended DNS Error (RFC 8914): code 18 Prohibited without text",
      [dns.edns.EDEOption(18)], rcode="REFUSED", answer=())
    e(21, "Extended DNS Error (RFC 8914): code 6 DNSSEC Bogus with text, and a second EDE code 9 "
          "DNSKEY Missing", [dns.edns.EDEOption(6, "signature expired"), dns.edns.EDEOption(9, "")],
      rcode="SERVFAIL", answer=())
    e(22, "Extended DNS Error (RFC 8914): unassigned code 49152 with UTF-8 text",
      [dns.edns.EDEOption(49152, "caf\u00e9")], rcode="SERVFAIL", answer=())
    e(23, "Report-Channel (RFC 9567): agent domain", [dns.edns.ReportChannelOption(
        name("a01.agent.example."))], answer=())
    e(24, "Unknown option codes 65001 (with data) and 65535 (empty), plus option code 0",
      [g(65001, b"\x01\x02\x03"), g(65535, b""), g(0, b"\xff")])
    e(25, "Several options in one OPT, in wire order: NSID, ECS, COOKIE, EDE, padding",
      [dns.edns.NSIDOption(b"\x00\xff"), dns.edns.ECSOption("198.51.100.0", 22, 0),
       dns.edns.CookieOption(bytes(8), bytes(8)), dns.edns.EDEOption(3, "stale"), g(12, bytes(5))],
      ednsflags=dns.flags.DO)
    e(26, "EDNS version 1 in a query (RFC 6891 section 6.1.3)", version=1, flags="RD", answer=())
    e(27, "BADVERS response (extended rcode 16: upper bits 1 in OPT, header rcode 0), version 0",
      rcode="BADVERS", answer=())
    e(28, "Extended rcode using the maximum value 4095", rcode="4095", answer=())
    e(29, "Version 255, payload below 512 (RFC 6891 says treat as 512; decoded value is kept)",
      version=255, payload=100, answer=())
    vf.add("OPT record placed before other additional records (any position in the additional "
           "section is allowed)", _opt_first(i + 30))
    return vf


def _opt_first(id):
    msg = dns.message.Message(id=id)
    msg.flags = dns.flags.QR | dns.flags.AA
    msg.question.append(dns.rrset.RRset(name("www.example."), 1, 1))
    msg.use_edns(0, dns.flags.DO, 1232)
    opt = msg.opt
    msg.opt = None
    msg.additional.append(opt)  # written as an ordinary RRset, first in additional
    msg.additional.append(rr("ns1.example. 300 IN A 10.53.0.1"))
    return msg.to_wire()


def types_update():
    vf = VectorFile("types/update.hex", """
DNS UPDATE (RFC 2136): zone, prerequisite and update sections (decoded as
question, answer, authority), class ANY/NONE records with empty RDATA, and
update responses.  dnspython requires a zone section (one SOA-type entry) and
empty RDATA for class ANY and for every prerequisite.""")
    i = 0x1800
    up = dict(opcode="UPDATE", flags="")
    vf.add("Add records (RFC 2136 section 2.5.1): one A and one AAAA to zone example.",
           build(i + 1, ["example. SOA"], [], [
               "new.example. 3600 IN A 192.0.2.10", "new.example. 3600 IN AAAA 2001:db8::10"], **up))
    vf.add("Delete an RRset (class ANY, type A, TTL 0, empty RDATA; section 2.5.2)",
           build(i + 2, ["example. SOA"], [], ["old.example. 0 ANY A"], **up))
    vf.add("Delete all RRsets from a name (class ANY, type ANY; section 2.5.3)",
           build(i + 3, ["example. SOA"], [], ["old.example. 0 ANY ANY"], **up))
    vf.add("Delete an RR from an RRset (class NONE with RDATA; section 2.5.4)",
           build(i + 4, ["example. SOA"], [], ["old.example. 0 NONE A 192.0.2.11",
                                                 "old.example. 0 NONE MX 10 mail.example."], **up))
    vf.add("Prerequisites (section 2.4): RRset exists value-independent (ANY A), name in use "
           "(ANY ANY), RRset does not exist (NONE A), name not in use (NONE ANY), RRset exists "
           "value-dependent (IN A with RDATA)",
           build(i + 5, ["example. SOA"], [
               "a.example. 0 ANY A", "b.example. 0 ANY ANY", "c.example. 0 NONE A",
               "d.example. 0 NONE ANY", "e.example. 0 IN A 192.0.2.5"], [
               "f.example. 300 IN TXT \"added\""], **up))
    vf.add("Mixed update: prerequisite, delete RRset, delete RR, add (section 3.4 order)",
           build(i + 6, ["example. SOA"], ["host.example. 0 NONE ANY"], [
               "host.example. 0 ANY AAAA", "host.example. 0 NONE A 192.0.2.20",
               "host.example. 300 IN A 192.0.2.21", "host.example. 300 IN TXT \"v=1\""], **up))
    vf.add("Update carrying a TSIG record as the last additional RR (RFC 2136 section 3.8 / "
           "RFC 8945; the MAC is not verified by the reference decoder)",
           build(i + 7, ["example. SOA"], [], ["new.example. 300 IN A 192.0.2.30"],
                 tail=[rr("update-key.example. 0 ANY TSIG hmac-sha256. 1700000000 300 32 "
                          "uHmXBzMG8KlTsbWj41qZxCrqOWlA4ugOzaaQw3w1z0U= 6150 NOERROR 0")], **up))
    vf.add("Update response NOERROR (QR set, zone section echoed, sections empty)",
           build(i + 8, ["example. SOA"], opcode="UPDATE", flags="QR"))
    for n, rc in ((9, "YXDOMAIN"), (10, "YXRRSET"), (11, "NXRRSET"), (12, "NOTAUTH"),
                  (13, "NOTZONE")):
        vf.add("Update response with rcode %s (RFC 2136 section 2.2)" % rc,
               build(i + n, ["example. SOA"], opcode="UPDATE", flags="QR", rcode=rc))
    vf.add("Update in class CH zone with a NONE-class delete (RDATA decoded as zone class CH)",
           build(i + 14, ["example. SOA CH"], [], ["old.example. 0 NONE TXT \"x\""], **up))
    return vf


def types_notify():
    vf = VectorFile("types/notify.hex", """
NOTIFY (RFC 1996): opcode 4 queries with the SOA question and optional SOA
answer, and their responses.""")
    i = 0x1900
    vf.add("NOTIFY query (RFC 1996 section 3.7): AA set, QTYPE SOA, new SOA in the answer section",
           build(i + 1, ["example. SOA"], [
               "example. 300 IN SOA ns1.example. hostmaster.example. 2024010101 3600 900 1209600 300"],
                 opcode="NOTIFY", flags="AA"))
    vf.add("NOTIFY query without an answer section", build(i + 2, ["example. SOA"],
                                                            opcode="NOTIFY", flags="AA"))
    vf.add("NOTIFY response (QR, AA, question echoed)", build(i + 3, ["example. SOA"],
                                                             opcode="NOTIFY", flags="QR AA"))
    vf.add("NOTIFY response NOTIMP from a server that does not implement it",
           build(i + 4, ["example. SOA"], opcode="NOTIFY", flags="QR", rcode="NOTIMP"))
    vf.add("IQUERY opcode (1, obsolete since RFC 3425), header only",
           build(i + 5, [], opcode="IQUERY", flags=""))
    vf.add("STATUS opcode (2)", build(i + 6, [], opcode="STATUS", flags=""))
    vf.add("DSO opcode (6, RFC 8490) with no sections; dnspython has no name for it and prints 6",
           build(i + 7, [], opcode="6", flags=""))
    vf.add("Unassigned opcode 15 with QR set", build(i + 8, [], opcode="15", flags="QR"))
    return vf


# --------------------------------------------------------------------------
# rfc/: examples taken from the RFCs themselves
# --------------------------------------------------------------------------

def rfc1035():
    vf = VectorFile("rfc/rfc1035.hex", """
RFC 1035 (Domain names - implementation and specification): header, question,
the standard RR types of section 3.3 and message compression (section 4.1.4).""")
    i = 0x0400
    # Section 4.1.4: F.ISI.ARPA at one offset, FOO.F.ISI.ARPA as a label plus a
    # pointer to it, ARPA as a pointer into the middle of it, and the root.
    fig = hexwire(
        "0414 8400 0001 0003 0000 0000"
        "01 46 03 495349 04 41525041 00 0001 0001"          # offset 12: F.ISI.ARPA, A, IN
        "03 464f4f c00c 0001 0001 00000e10 0004 c0000201"   # FOO + pointer to F.ISI.ARPA
        "c012 0002 0001 00000e10 0002 c00c"                 # pointer to ARPA (offset 18), NS F.ISI.ARPA
        "00 0002 0001 00000e10 0002 c01c")                  # root, NS pointer to FOO.F.ISI.ARPA (offset 28)
    vf.add("Section 4.1.4 compression example (hand-laid): F.ISI.ARPA, FOO.F.ISI.ARPA as label + "
           "pointer, ARPA as a pointer into the middle of a name, the root; RDATA names are "
           "pointers too, one to a name that itself ends in a pointer", fig)
    names = ["FOO.F.ISI.ARPA. 3600 IN A 192.0.2.1", "ARPA. 3600 IN NS F.ISI.ARPA.",
             ". 3600 IN NS FOO.F.ISI.ARPA."]
    vf.add("Section 4.1.4 names compressed by dnspython", build(i + 1, ["F.ISI.ARPA. A"], names))
    vf.add("Section 4.1.4 names without compression", build(i + 2, ["F.ISI.ARPA. A"], names,
                                                             compress=False))
    vf.add("Section 4.1.1 header: standard query with RD, one question (section 4.1.2)",
           build(i + 3, ["www.example.com. A"], flags="RD"))
    vf.add("Section 4.1.1 header: response with QR AA TC RD RA set (truncated UDP response, no "
           "records)", build(i + 4, ["www.example.com. A"], flags="QR AA TC RD RA"))
    vf.add("Section 4.1.1 header: the Z bit (0x0040) set besides QR and RD",
           _with_flag_bits(build(i + 5, ["www.example.com. A"], flags="QR RD"), 0x0040))
    for n, rc in ((6, "FORMERR"), (7, "SERVFAIL"), (8, "NXDOMAIN"), (9, "NOTIMP"), (10, "REFUSED"),
                  (11, "15")):
        vf.add("Section 4.1.1 RCODE %s in a response" % rc,
               build(i + n, ["www.example.com. A"], flags="QR RD RA", rcode=rc))
    vf.add("Section 3.3 standard RRs in one answer: A, NS, CNAME, SOA, PTR, HINFO, MX, TXT",
           build(i + 12, ["example.com. ANY"], [
               "example.com. 86400 IN A 10.0.0.1",
               "example.com. 86400 IN NS VENERA.ISI.EDU.",
               "www.example.com. 86400 IN CNAME example.com.",
               "example.com. 86400 IN SOA VENERA.ISI.EDU. Action\\.domains.ISI.EDU. 20 7200 600 "
               "3600000 60",
               "1.0.0.10.IN-ADDR.ARPA. 86400 IN PTR example.com.",
               'example.com. 86400 IN HINFO "DEC-2060" "TOPS20"',
               "example.com. 86400 IN MX 10 VENERA.ISI.EDU.",
               'example.com. 86400 IN TXT "section 3.3.14"']))
    vf.add("Section 3.3.9/4.3.2 style referral: NS records in authority and glue A in additional "
           "(section 6.1 ISI.EDU zone data)",
           build(i + 13, ["VENERA.ISI.EDU. A"], [], [
               "ISI.EDU. 86400 IN NS VAXA.ISI.EDU.", "ISI.EDU. 86400 IN NS A.ISI.EDU."], [
               "VAXA.ISI.EDU. 86400 IN A 10.2.0.27", "VAXA.ISI.EDU. 86400 IN A 128.9.0.33",
               "A.ISI.EDU. 86400 IN A 26.3.0.103"], flags="QR RD"))
    vf.add("Section 3.3.13 SOA with the mailbox name containing an escaped dot "
           "(Action\\.domains.ISI.EDU.)", build(i + 14, ["ISI.EDU. SOA"], [
               "ISI.EDU. 86400 IN SOA VENERA.ISI.EDU. Action\\.domains.ISI.EDU. 20 7200 600 "
               "3600000 60"]))
    vf.add("Section 3.4.1 class CH A record (Chaosnet address) and a CH question",
           build(i + 15, ["MIT.EDU. A CH"], ["MIT.EDU. 3600 CH A MIT.EDU. 2420"]))
    return vf


def _with_flag_bits(wire, bits):
    flags = struct.unpack("!H", wire[2:4])[0] | bits
    return wire[:2] + struct.pack("!H", flags) + wire[4:]


def rfc2181():
    vf = VectorFile("rfc/rfc2181.hex", """
RFC 2181 (Clarifications to the DNS specification): TTL range, binary labels,
RRsets whose RRs carry different TTLs.""")
    i = 0x0500
    base = build(i + 1, ["ttl.example. A"], ["ttl.example. 300 IN A 192.0.2.1"])
    vf.add("Section 8: TTL with the most significant bit set (0x80000000); dnspython treats it as "
           "zero, as section 8 says", base[:-10] + struct.pack("!I", 0x80000000) + base[-6:])
    vf.add("Section 8: TTL 2147483647 (the maximum) and 0",
           build(i + 2, ["ttl.example. A"], ["ttl.example. 2147483647 IN A 192.0.2.1",
                                             "ttl.example. 0 IN A 192.0.2.2"]))
    vf.add("Section 5.2: RRs of one RRset with different TTLs (deprecated, but must decode; each RR "
           "keeps its own TTL in the output)", build(i + 3, ["ttl.example. A"], [
               "ttl.example. 300 IN A 192.0.2.1", "ttl.example. 600 IN A 192.0.2.2"]))
    vf.add("Section 11: any binary string is a valid label", build(i + 4, ["\\000\\255\\032.example. TXT"], [
        '\\000\\255\\032.example. 300 IN TXT "binary label"']))
    return vf


def rfc3597():
    vf = VectorFile("rfc/rfc3597.hex", """
RFC 3597 (Handling of unknown DNS RR types): section 5 examples and
well-known types carried as opaque data.""")
    i = 0x0600
    vf.add("Section 5 example: a.example. CLASS32 TYPE731 \\# 6 abcd ef 01 23 45",
           build(i + 1, ["a.example. TYPE731 CLASS32"], [
               "a.example. 3600 CLASS32 TYPE731 \\# 6 abcdef012345"]))
    vf.add("Section 5 example: b.example. HS TYPE62347 \\# 0 (empty RDATA)",
           build(i + 2, ["b.example. TYPE62347 HS"], ["b.example. 3600 HS TYPE62347 \\# 0"]))
    vf.add("Section 5 examples: e.example. IN A \\# 4 0A000001 and CLASS1 TYPE1 10.0.0.2 (a known "
           "type in generic form decodes as that type)", build(i + 3, ["e.example. A"], [
               "e.example. 3600 IN A \\# 4 0A000001", "e.example. 3600 CLASS1 TYPE1 10.0.0.2"]))
    vf.add("Section 4: an unknown type whose RDATA looks like a compressed name is not "
           "decompressed (stays opaque)", build(i + 4, ["x.example. TYPE65400"], [
               "x.example. 3600 IN TYPE65400 \\# 2 c00c"]))
    return vf


def rfc4034():
    vf = VectorFile("rfc/rfc4034.hex", """
RFC 4034 (Resource Records for the DNS Security Extensions): the examples of
sections 2.3 (DNSKEY), 3.3 (RRSIG), 4.3 (NSEC) and 5.4 (DS).""")
    i = 0x0700
    vf.add("Section 2.3 DNSKEY example (256 3 5, key tag 2642)", build(i + 1, ["example.com. DNSKEY"], [
        "example.com. 86400 IN DNSKEY 256 3 5 AQPSKmynfzW4kyBv015MUG2DeIQ3Cbl+BBZH4b/0PY1kxkmvHjcZ"
        "c8nokfzj31GajIQKY+5CptLr3buXA10hWqTkF7H6RfoRqXQeogmMHfpftf6zMv1LyBUgia7za6ZEzOJBOztyvhjL"
        "742iU/TpPSEDhm2SNKLijfUppn1UaNvv4w=="]))
    vf.add("Section 3.3 RRSIG example (covers A, algorithm 5, labels 3) with the A record it signs",
           build(i + 2, ["host.example.com. A"], [
               "host.example.com. 86400 IN A 192.0.2.1",
               "host.example.com. 86400 IN RRSIG A 5 3 86400 20030322173103 20030220173103 2642 "
               "example.com. oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTrPYGv07h108dUKGMeDPKijVCHX3DDKdfb+v6o"
               "B9wfuh3DTJXUAfI/M0zmO/zz8bW0Rznl8O3tGNazPwQKkRN20XPXV6nwwfoXmJQbsLNrLfkGJ5D6fwFm8nN+"
               "6pBzeDQfsS3Ap3o="], flags="QR AA", edns=dict(edns=0, ednsflags=dns.flags.DO,
                                                            payload=4096)))
    vf.add("Section 4.3 NSEC example (alfa.example.com. to host.example.com., A MX RRSIG NSEC "
           "TYPE1234)", build(i + 3, ["alfa.example.com. NSEC"], [
               "alfa.example.com. 86400 IN NSEC host.example.com. A MX RRSIG NSEC TYPE1234"]))
    vf.add("Section 5.4 DS example: dskey.example.com. DNSKEY (key id 60485) and its DS",
           build(i + 4, ["dskey.example.com. DS"], [
               "dskey.example.com. 86400 IN DS 60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118",
               "dskey.example.com. 86400 IN DNSKEY 256 3 5 AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJ"
               "aNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6D"
               "hweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw=="]))
    vf.add("Section 4.1.2 NSEC bitmap: the section 4.3 bitmap expressed as raw RDATA bytes "
           "(window 0 length 6: A MX RRSIG NSEC; window 4 length 27: TYPE1234)",
           build(i + 5, ["alfa.example.com. NSEC"], [wire_rr(
               "alfa.example.com.", 86400, "IN", "NSEC",
               name("host.example.com.").to_wire() + hexwire(
                   "0006 40010000 0003 041b 000000000000000000000000000000000000000000000000000020"))]))
    return vf


NSEC3_CHAIN = [
    # RFC 5155 appendix A: (owner hash, next hash, types); every record 1 1 12 aabbccdd.
    ("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom", "2t7b4g4vsa5smi47k61mv5bv1a22bojr",
     "MX DNSKEY NS SOA NSEC3PARAM RRSIG"),
    ("2t7b4g4vsa5smi47k61mv5bv1a22bojr", "2vptu5timamqttgl4luu9kg21e0aor3s", "A RRSIG"),
    ("2vptu5timamqttgl4luu9kg21e0aor3s", "35mthgpgcu1qg68fab165klnsnk3dpvl", "MX RRSIG"),
    ("35mthgpgcu1qg68fab165klnsnk3dpvl", "b4um86eghhds6nea196smvmlo4ors995", "NS DS RRSIG"),
    ("b4um86eghhds6nea196smvmlo4ors995", "gjeqe526plbf1g8mklp59enfd789njgi", "MX RRSIG"),
    ("gjeqe526plbf1g8mklp59enfd789njgi", "ji6neoaepv8b5o6k4ev33abha8ht9fgc", "HINFO A AAAA RRSIG"),
    ("ji6neoaepv8b5o6k4ev33abha8ht9fgc", "k8udemvp1j2f7eg6jebps17vp3n8i58h", ""),
    ("k8udemvp1j2f7eg6jebps17vp3n8i58h", "kohar7mbb8dc2ce8a9qvl8hon4k53uhi", ""),
    ("kohar7mbb8dc2ce8a9qvl8hon4k53uhi", "q04jkcevqvmu85r014c7dkba38o0ji5r", "A RRSIG"),
    ("q04jkcevqvmu85r014c7dkba38o0ji5r", "r53bq7cc2uvmubfu5ocmm6pers9tk9en", "A RRSIG"),
    ("r53bq7cc2uvmubfu5ocmm6pers9tk9en", "t644ebqk9bibcna874givr6joj62mlhv", "MX RRSIG"),
    ("t644ebqk9bibcna874givr6joj62mlhv", "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom", "HINFO A AAAA RRSIG"),
]


def nsec3(owner_hash):
    for owner, nxt, types in NSEC3_CHAIN:
        if owner == owner_hash:
            return ("%s.example. 3600 IN NSEC3 1 1 12 aabbccdd %s %s" % (owner, nxt, types)).strip()
    raise KeyError(owner_hash)


def rfc5155():
    vf = VectorFile("rfc/rfc5155.hex", """
RFC 5155 (DNSSEC Hashed Authenticated Denial of Existence): the NSEC3 chain of
the appendix A example zone and the appendix B responses (RRSIGs left out).""")
    i = 0x0800
    soa = "example. 3600 IN SOA ns1.example. bugs.x.w.example. 1 3600 300 3600000 3600"
    vf.add("Appendix A: the whole NSEC3 chain of the example zone (opt-out set, empty type maps "
           "for empty non-terminals) and its NSEC3PARAM",
           build(i + 1, ["example. NSEC3PARAM"], ["example. 3600 IN NSEC3PARAM 1 0 12 aabbccdd"]
                 + [nsec3(o) for o, _, _ in NSEC3_CHAIN], edns=dict(edns=0, ednsflags=dns.flags.DO,
                                                                  payload=4096)))
    vf.add("Appendix B.1 name error: a.c.x.w.example. A, NXDOMAIN with SOA and three NSEC3 "
           "(closest encloser, next closer cover, wildcard cover)",
           build(i + 2, ["a.c.x.w.example. A"], [], [
               soa, nsec3("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom"), nsec3("b4um86eghhds6nea196smvmlo4ors995"),
               nsec3("35mthgpgcu1qg68fab165klnsnk3dpvl")], rcode="NXDOMAIN",
                 edns=dict(edns=0, ednsflags=dns.flags.DO, payload=4096)))
    vf.add("Appendix B.2 no data error: ns1.example. MX, NOERROR with SOA and the matching NSEC3",
           build(i + 3, ["ns1.example. MX"], [], [soa, nsec3("2t7b4g4vsa5smi47k61mv5bv1a22bojr")],
                 edns=dict(edns=0, ednsflags=dns.flags.DO, payload=4096)))
    vf.add("Appendix B.2.1 no data for an empty non-terminal: y.w.example. A",
           build(i + 4, ["y.w.example. A"], [], [soa, nsec3("ji6neoaepv8b5o6k4ev33abha8ht9fgc")],
                 edns=dict(edns=0, ednsflags=dns.flags.DO, payload=4096)))
    vf.add("Appendix B.3 referral to an opt-out unsigned zone: mc.c.example. MX, NS in authority "
           "with two NSEC3 and glue", build(i + 5, ["mc.c.example. MX"], [], [
               "c.example. 3600 IN NS ns1.c.example.", "c.example. 3600 IN NS ns2.c.example.",
               nsec3("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom"), nsec3("35mthgpgcu1qg68fab165klnsnk3dpvl")], [
               "ns1.c.example. 3600 IN A 192.0.2.7", "ns2.c.example. 3600 IN A 192.0.2.8"],
               flags="QR", edns=dict(edns=0, ednsflags=dns.flags.DO, payload=4096)))
    vf.add("Appendix B.4 wildcard expansion: a.z.w.example. MX answered from *.w.example.",
           build(i + 6, ["a.z.w.example. MX"], ["a.z.w.example. 3600 IN MX 1 ai.example."], [
               "example. 3600 IN NS ns1.example.", "example. 3600 IN NS ns2.example.",
               nsec3("q04jkcevqvmu85r014c7dkba38o0ji5r")], [
               "ai.example. 3600 IN A 192.0.2.9", "ai.example. 3600 IN AAAA 2001:db8::f00:baa9"],
               edns=dict(edns=0, ednsflags=dns.flags.DO, payload=4096)))
    return vf


def rfc6891():
    vf = VectorFile("rfc/rfc6891.hex", """
RFC 6891 (EDNS(0)): the OPT pseudo-RR (section 6.1), extended RCODE and
version (6.1.3), option encoding (6.1.2).""")
    i = 0x0900
    q = ["example.com. A"]
    vf.add("Section 6.1.2/6.1.3: query with OPT, payload 4096, version 0, DO clear, no options",
           build(i + 1, q, flags="RD", edns=dict(edns=0, payload=4096)))
    vf.add("Section 6.1.3: response with extended RCODE BADVERS (16) for a version 1 query",
           build(i + 2, q, flags="QR RD", rcode="BADVERS", edns=dict(edns=0, payload=4096)))
    vf.add("Section 6.1.2: option encoding, three options including an unknown code with a "
           "zero-length value", build(i + 3, q, ["example.com. 300 IN A 192.0.2.1"], flags="QR RD RA",
                                      edns=dict(edns=0, payload=1232, options=[
                                          dns.edns.GenericOption(3, b"ns"),
                                          dns.edns.GenericOption(65500, b""),
                                          dns.edns.GenericOption(12, bytes(4))])))
    vf.add("Section 7: truncated UDP response with TC and OPT only",
           build(i + 4, q, flags="QR TC RD RA", edns=dict(edns=0, payload=512)))
    vf.add("Section 6.1.3: extended RCODE bits combined with a header RCODE (rcode 3841 = "
           "0xF01: upper 0xF0, lower 0x1)", build(i + 5, q, flags="QR", rcode="3841",
                                                  edns=dict(edns=0, payload=1232)))
    return vf


def rfc7871():
    vf = VectorFile("rfc/rfc7871.hex", """
RFC 7871 (Client Subnet in DNS Queries): ECS option (code 8) with FAMILY,
SOURCE PREFIX-LENGTH, SCOPE PREFIX-LENGTH and a truncated ADDRESS (section 6).""")
    i = 0x0A00
    ecs = dns.edns.ECSOption
    g = dns.edns.GenericOption
    q = ["www.example.com. A"]
    a = ["www.example.com. 300 IN A 192.0.2.80"]
    for n, (desc, opt, resp) in enumerate([
            ("Section 7.1.1: query with IPv4 /24 (the recommended default), scope 0",
             ecs("198.51.100.0", 24, 0), False),
            ("Section 7.2.1: response echoing /24 with scope /24", ecs("198.51.100.0", 24, 24), True),
            ("Section 7.2.1: response with scope /16, shorter than the source prefix",
             ecs("198.51.100.0", 24, 16), True),
            ("Section 7.1.1: query with IPv6 /56", ecs("2001:db8:a:b00::", 56, 0), False),
            ("Section 7.1.2: source prefix 0 (client asks not to use its address), scope 0",
             ecs("0.0.0.0", 0, 0), False),
            ("Section 6: full-length /32 IPv4 address (four ADDRESS octets)",
             ecs("192.0.2.1", 32, 0), False),
            ("Section 6: full-length /128 IPv6 address", ecs("2001:db8::1", 128, 128), True),
            ("Section 6: /20 prefix: ADDRESS truncated to 3 octets, last octet 0x90 keeps 4 bits",
             g(8, hexwire("0001 14 00 c63390")), False),
            ("Section 7.2.1: response scope longer than the source prefix (/24 source, /32 scope) "
             "is still decodable", g(8, hexwire("0001 18 20 c63364")), True),
    ], 1):
        vf.add(desc, build(i + n, q, a if resp else [], flags="QR RD RA" if resp else "RD",
                           edns=dict(edns=0, payload=1232, options=[opt])))
    return vf


def rfc8659():
    vf = VectorFile("rfc/rfc8659.hex", """
RFC 8659 (DNS Certification Authority Authorization): CAA examples of
sections 4.1-4.5.""")
    i = 0x0B00
    vf.add("Section 4.2 issue examples: single issuer, issuer with account parameter, and the "
           "empty issuer ';' forbidding issuance",
           build(i + 1, ["example.com. CAA"], [
               'example.com. 3600 IN CAA 0 issue "ca1.example.net"',
               'account.example.com. 3600 IN CAA 0 issue "ca1.example.net; account=230123"',
               'nocerts.example.com. 3600 IN CAA 0 issue ";"',
               'malformed.example.com. 3600 IN CAA 0 issue "%%%%%"']))
    vf.add("Section 4.3 issuewild with issue", build(i + 2, ["wild.example.com. CAA"], [
        'wild.example.com. 3600 IN CAA 0 issue "ca1.example.net"',
        'wild.example.com. 3600 IN CAA 0 issuewild "ca2.example.org"']))
    vf.add("Section 4.4 iodef with mailto: and https: URLs", build(i + 3, ["example.com. CAA"], [
        'example.com. 3600 IN CAA 0 iodef "mailto:security@example.com"',
        'example.com. 3600 IN CAA 0 iodef "https://iodef.example.com/"']))
    vf.add("Section 4.1 critical flag: issuer-critical bit (128) with an unknown tag 'tbs'",
           build(i + 4, ["example.com. CAA"], [
               'example.com. 3600 IN CAA 0 issue "ca.example.net"',
               'example.com. 3600 IN CAA 128 tbs "Unknown"']))
    vf.add("Section 4.1: tag of the maximum 15 characters, mixed-case tag, non-ASCII value",
           build(i + 5, ["example.com. CAA"], [
               'example.com. 3600 IN CAA 0 abcdefghijklmno "x"',
               'example.com. 3600 IN CAA 0 Issue "ca.example.net"',
               'example.com. 3600 IN CAA 0 issue "\\195\\169"']))
    return vf


def rfc9460():
    vf = VectorFile("rfc/rfc9460.hex", """
RFC 9460 (SVCB and HTTPS RRs), appendix D test vectors: the RFC's RDATA wire
bytes placed in SVCB and HTTPS responses.
Appendix D.3 failure cases are presentation-level and are not messages here:
a key given twice (key123=abc key123=def), keys that need a value given
without one (mandatory, alpn, port, ipv4hint, ipv6hint), no-default-alpn
with a value, mandatory naming an absent key or "mandatory" itself, and a
key repeated in mandatory.  Their wire-level counterparts that dnspython
rejects are in malformed.hex (RFC 9460 entries); dnspython accepts a repeated
SvcParamKey on the wire, so that one is absent.""")
    i = 0x0C00
    for n, (desc, text, hexrd) in enumerate(SVCB_RFC9460_D, 1):
        vf.add("Appendix %s: %s" % (desc, text), build(
            i + n, ["foo.example.com. SVCB"], [wire_rr("foo.example.com.", 300, "IN", "SVCB", hexwire(hexrd))]))
    for n, (desc, text, hexrd) in enumerate(SVCB_RFC9460_D[:4], 20):
        vf.add("Appendix %s as HTTPS (type 65): %s" % (desc, text), build(
            i + n, ["foo.example.com. HTTPS"],
            [wire_rr("foo.example.com.", 300, "IN", "HTTPS", hexwire(hexrd))]))
    vf.add("Section 2.4.2 / 7.1: an HTTPS alias at the apex plus a ServiceMode record in the "
           "additional section", build(i + 30, ["example.com. HTTPS"], [
               "example.com. 300 IN HTTPS 0 svc.example.net."], [], [
               'svc.example.net. 300 IN HTTPS 1 . alpn="h2,h3" ipv4hint=192.0.2.1 '
               'ipv6hint=2001:db8::1']))
    return vf


def rfc_small():
    """Files with a few examples each."""
    files = []
    vf = VectorFile("rfc/rfc1876.hex", "RFC 1876 (LOC): the section 4 examples.")
    vf.add("Section 4: cambridge-net.kei.com. and loiosh.kei.com. LOC examples",
           build(0x0D01, ["cambridge-net.kei.com. LOC"], [
               "cambridge-net.kei.com. 3600 IN LOC 42 21 54 N 71 06 18 W -24m 30m",
               "loiosh.kei.com. 3600 IN LOC 42 21 43.952 N 71 5 6.344 W -24m 1m 200m"]))
    vf.add("Section 4: pipex.net., curtin.edu.au. and rwy04L.logan-airport.boston. LOC examples",
           build(0x0D02, ["pipex.net. LOC"], [
               "pipex.net. 3600 IN LOC 52 14 05 N 00 08 50 E 10m",
               "curtin.edu.au. 3600 IN LOC 32 7 19 S 116 2 25 E 10m",
               "rwy04L.logan-airport.boston. 3600 IN LOC 42 21 28.764 N 71 00 51.617 W -44m 2000m"]))
    files.append(vf)
    vf = VectorFile("rfc/rfc4255.hex", "RFC 4255 (SSHFP): the section 3.3 example.")
    vf.add("Section 3.3: host.example. SSHFP 2 1 123456789abcdef67890123456789abcdef67890",
           build(0x0D11, ["host.example. SSHFP"], [
               "host.example. 3600 IN SSHFP 2 1 123456789abcdef67890123456789abcdef67890"]))
    files.append(vf)
    vf = VectorFile("rfc/rfc6698.hex", "RFC 6698 (DANE TLSA): the section 2.3 examples.")
    vf.add("Section 2.3: TLSA 0 0 1 (SHA-256 of a CA certificate) and 1 1 2 (SHA-512 of an "
           "end-entity public key)", build(0x0D21, ["_443._tcp.www.example.com. TLSA"], [
               "_443._tcp.www.example.com. 3600 IN TLSA 0 0 1 d2abde240d7cd3ee6b4b28c54df034b97983a1d16e"
               "8a410e4561cb106618e971",
               "_443._tcp.www.example.com. 3600 IN TLSA 1 1 2 92003ba34942dc74152e2f2c408d29eca5a520e7f2"
               "e06bb944f4dca346baf63c1b177615d466f6c4b71c216a50292bd58c9ebdd2f74e38fe51ffd48c43326cbc"]))
    files.append(vf)
    vf = VectorFile("rfc/rfc7043.hex", "RFC 7043 (EUI48 and EUI64): the sections 3.2 and 4.2 examples.")
    vf.add("Sections 3.2 and 4.2: host.example. EUI48 00-00-5e-00-53-2a and EUI64 "
           "00-00-5e-ef-10-00-00-2a", build(0x0D31, ["host.example. EUI48"], [
               "host.example. 86400 IN EUI48 00-00-5e-00-53-2a",
               "host.example. 86400 IN EUI64 00-00-5e-ef-10-00-00-2a"]))
    files.append(vf)
    return files


def rfc8945():
    import unittest.mock
    import dns.tsigkeyring
    vf = VectorFile("rfc/rfc8945.hex", """
RFC 8945 (TSIG): signed messages and TSIG error responses. The reference
decoder parses TSIG without verifying the MAC (dnspython keyring=False); the
TSIG RR is listed as the last additional record with TTL 0.""")
    i = 0x0E00
    keyring = dns.tsigkeyring.from_text({"tsig-key.example.": ("hmac-sha256",
                                                               "cGFzc3dvcmQxMjM0NTY3ODkwMTIzNDU2Nzg5MA==")})
    for n, alg in ((1, "hmac-sha256"), (2, "hmac-sha512"), (3, "hmac-sha1")):
        kr = dns.tsigkeyring.from_text({"tsig-key.example.": (alg, "c2VjcmV0LWtleS1ieXRlcw==")})
        msg = dns.message.make_query("www.example.", "A", id=i + n)
        msg.flags = dns.flags.RD
        msg.use_tsig(kr, "tsig-key.example.", fudge=300, algorithm=alg + ".")
        with unittest.mock.patch("time.time", return_value=1700000000):
            wire = msg.to_wire()
        vf.add("Section 4.2: query signed with %s by dnspython at time 1700000000, fudge 300" % alg,
               wire)
    msg = dns.message.make_query("example.", "SOA", id=i + 4)
    msg.use_edns(0, 0, 1232)
    msg.use_tsig(keyring, "tsig-key.example.", fudge=300)
    with unittest.mock.patch("time.time", return_value=1700000000):
        wire = msg.to_wire()
    vf.add("Section 4.2: signed query that also has an OPT record (TSIG follows OPT)", wire)
    tsig = "tsig-key.example. 0 ANY TSIG hmac-sha256. 1700000000 300 "
    vf.add("Section 5.3.2: BADKEY error response, empty MAC (dnspython prints the empty MAC as "
           "an empty field between two spaces)",
           build(i + 5, ["www.example. A"], flags="QR RD", rcode="NOTAUTH",
                 tail=[rr(tsig + '0 "" 4101 BADKEY 0')]))
    vf.add("Section 5.3.2: BADSIG error (TSIG error 16, printed BADSIG, not BADVERS)",
           build(i + 6, ["www.example. A"], flags="QR RD", rcode="NOTAUTH",
                 tail=[rr(tsig + '0 "" 4102 BADSIG 0')]))
    vf.add("Section 5.2.3: BADTIME error with the server time in Other Data (6 octets)",
           build(i + 7, ["www.example. A"], flags="QR RD", rcode="NOTAUTH",
                 tail=[rr(tsig + "32 uHmXBzMG8KlTsbWj41qZxCrqOWlA4ugOzaaQw3w1z0U= 4103 BADTIME 6 "
                          "AABlU/EA")]))
    vf.add("Section 4.3.1 / RFC 8945 section 6: unknown algorithm name and BADTRUNC error (22)",
           build(i + 8, ["www.example. A"], flags="QR RD", rcode="NOTAUTH",
                 tail=[rr("k. 0 ANY TSIG hmac-unknown.example. 281474976710655 65535 4 AAAAAA== "
                          "4104 BADTRUNC 0")]))
    return vf


def malformed():
    vf = VectorFile("rfc/malformed.hex", """
Deliberately malformed messages that dnspython rejects (every one is checked
to be ok:false in malformed.expected.jsonl).  The comment names the rule broken.""")

    def h(qd=1, an=0, ns=0, ar=0, flags=0x8400, id=0xBAD0):
        return struct.pack("!6H", id, flags, qd, an, ns, ar)
    q = hexwire("076578616d706c65 00 0001 0001")  # example. A IN at offset 12

    def rrw(rdtype, rdata, owner=b"\xc0\x0c", rdclass=1, ttl=300, rdlen=None):
        return owner + struct.pack("!HHIH", rdtype, rdclass, ttl,
                                   len(rdata) if rdlen is None else rdlen) + rdata

    def opt(owner=b"\x00", opts=b"", rdlen=None):
        return owner + struct.pack("!HHIH", 41, 1232, 0, len(opts) if rdlen is None else rdlen) + opts
    tsig = rrw(250, b"", owner=name("k.").to_wire(), rdclass=255, ttl=0)
    svcb = lambda params: rrw(64, b"\x00\x01\x00" + params)
    cases = [
        ("RFC 1035 4.1.1: header shorter than 12 octets", h()[:11]),
        ("RFC 1035 4.1.1: QDCOUNT 1 but the message ends after the header", h()),
        ("RFC 1035 4.1.1: ANCOUNT 1 but no answer follows", h(an=1) + q),
        ("RFC 1035 4.1.3: RR header cut short", h(an=1) + q + b"\xc0\x0c\x00\x01\x00"),
        ("RFC 1035 4.1.2: question cut inside QTYPE", h() + b"\x00\x00"),
        ("RFC 1035 2.3.4 / RFC 6891 5: label type 0x40 (extended label, deprecated)",
         h() + b"\x41abc\x00\x00\x01\x00\x01"),
        ("RFC 1035 4.1.4: reserved label type 0x80", h() + b"\x81a\x00\x00\x01\x00\x01"),
        ("RFC 1035 4.1.4: compression pointer to itself (loop)", h() + b"\xc0\x0c\x00\x01\x00\x01"),
        ("RFC 1035 4.1.4: two labels pointing at each other (loop)",
         h(an=1) + q + b"\x01a\xc0\x1d" + struct.pack("!HHIH", 1, 1, 300, 4) + bytes(4)),
        ("RFC 1035 4.1.4: forward pointer (to a later offset; prior occurrence required)",
         h() + b"\xc0\x12\x00\x01\x00\x01\x01a\x00"),
        ("RFC 1035 4.1.4: pointer beyond the end of the message", h() + b"\xc0\xff\x00\x01\x00\x01"),
        ("RFC 1035 2.3.4: name longer than 255 octets", h() + (b"\x3f" + b"a" * 63) * 4 + b"\x00"
         + b"\x00\x01\x00\x01"),
        ("RFC 1035 2.3.4: name longer than 255 octets only after following a pointer",
         h(an=1) + (b"\x3f" + b"a" * 63) * 3 + b"\x00\x00\x01\x00\x01" + b"\x3f" + b"b" * 63
         + b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 300, 4) + bytes(4)),
        ("RFC 1035 2.3.4: label length runs past the end", h() + b"\x3f" + b"a" * 10),
        ("RFC 1035 4.1.3: RDLENGTH runs past the end of the message",
         h(an=1) + q + rrw(1, bytes(4), rdlen=10)),
        ("RFC 1035 3.4.1: A RDATA of 3 octets", h(an=1) + q + rrw(1, bytes(3))),
        ("RFC 1035 3.4.1: A RDATA of 5 octets", h(an=1) + q + rrw(1, bytes(5))),
        ("RFC 3596 2.2: AAAA RDATA of 4 octets", h(an=1) + q + rrw(28, bytes(4))),
        ("RFC 1035 3.3.14: TXT character-string longer than the RDATA",
         h(an=1) + q + rrw(16, b"\x05abc")),
        ("RFC 1035 3.3.14: TXT with empty RDATA (at least one string required)",
         h(an=1) + q + rrw(16, b"")),
        ("RFC 1035 3.3.13: SOA RDATA cut short", h(an=1) + q + rrw(6, bytes(6))),
        ("RFC 1035 3.3.9: MX RDATA of 1 octet", h(an=1) + q + rrw(15, b"\x00")),
        ("RFC 1035 3.3.11: NS name runs past RDLENGTH", h(an=1) + q + rrw(2, b"\x03abc")),
        ("RFC 1035 3.3.11: NS RDATA with bytes after the name", h(an=1) + q + rrw(2, b"\x03abc\x00\x00")),
        ("RFC 1035 3.3.2: HINFO with only one string", h(an=1) + q + rrw(13, b"\x02PC")),
        ("RFC 1035 4.1: trailing byte after the last section", h(an=1) + q + rrw(1, bytes(4)) + b"\x00"),
        ("RFC 6891 6.1.1: two OPT records", h(ar=2) + q + opt() + opt()),
        ("RFC 6891 6.1.1: OPT in the answer section", h(an=1) + q + opt()),
        ("RFC 6891 6.1.1: OPT in the authority section", h(ns=1) + q + opt()),
        ("RFC 6891 6.1.2: OPT owner name not the root", h(ar=1) + q + opt(b"\xc0\x0c")),
        ("RFC 6891 6.1.2: option length runs past the OPT RDATA",
         h(ar=1) + q + opt(opts=b"\x00\x0a\x00\x10\x01\x02")),
        ("RFC 6891 6.1.2: option header cut short", h(ar=1) + q + opt(opts=b"\x00\x0a\x00")),
        ("RFC 7873 4: COOKIE with a 7-octet client cookie", h(ar=1) + q + opt(opts=b"\x00\x0a\x00\x07"
                                                                            + bytes(7))),
        ("RFC 7873 4: COOKIE with a 7-octet server cookie", h(ar=1) + q + opt(opts=b"\x00\x0a\x00\x0f"
                                                                            + bytes(15))),
        ("RFC 7873 4: COOKIE with a 33-octet server cookie", h(ar=1) + q + opt(opts=b"\x00\x0a\x00\x29"
                                                                             + bytes(41))),
        ("RFC 8914 2: EDE option of 1 octet (INFO-CODE needs 2)", h(ar=1) + q + opt(
            opts=b"\x00\x0f\x00\x01\x00")),
        ("RFC 8914 2: EDE EXTRA-TEXT that is not UTF-8", h(ar=1) + q + opt(
            opts=b"\x00\x0f\x00\x03\x00\x01\xff")),
        ("RFC 7871 6: ECS source prefix 33 for IPv4", h(ar=1) + q + opt(
            opts=b"\x00\x08\x00\x08\x00\x01\x21\x00\xc0\x00\x02\x01")),
        ("RFC 7871 6: ECS ADDRESS longer than the source prefix needs (4 octets for /24)",
         h(ar=1) + q + opt(opts=b"\x00\x08\x00\x08\x00\x01\x18\x00\xc0\x00\x02\x00")),
        ("RFC 7871 6: ECS with unknown FAMILY 3", h(ar=1) + q + opt(
            opts=b"\x00\x08\x00\x04\x00\x03\x00\x00")),
        ("RFC 7871 6: ECS option cut after FAMILY", h(ar=1) + q + opt(opts=b"\x00\x08\x00\x02\x00\x01")),
        ("RFC 8945 5.1: TSIG that is not the last additional record", h(ar=2) + q + tsig + opt()),
        ("RFC 8945 5.1: TSIG in the answer section", h(an=1) + q + tsig),
        ("RFC 8945 4.2: TSIG with class IN instead of ANY",
         h(ar=1) + q + rrw(250, b"", owner=name("k.").to_wire(), rdclass=1, ttl=0)),
        ("RFC 8945 4.2: TSIG with empty RDATA", h(ar=1) + q + tsig),
        ("RFC 4034 4.1.2: NSEC type bitmap windows out of order",
         h(an=1) + q + rrw(47, b"\x00\x01\x01\x40\x00\x01\x40")),
        ("RFC 4034 4.1.2: NSEC bitmap window of length 0", h(an=1) + q + rrw(47, b"\x00\x00\x00")),
        ("RFC 4034 4.1.2: NSEC bitmap window of length 33", h(an=1) + q + rrw(47, b"\x00\x00\x21"
                                                                            + bytes(33))),
        ("RFC 4034 2.1: DNSKEY RDATA of 3 octets", h(an=1) + q + rrw(48, b"\x01\x00\x03")),
        ("RFC 4034 5.1: DS RDATA of 3 octets", h(an=1) + q + rrw(43, b"\x01\x00\x03")),
        ("RFC 4034 3.1: RRSIG RDATA cut short", h(an=1) + q + rrw(46, b"\x00\x01\x08\x02")),
        ("RFC 5155 3.2: NSEC3 salt length past the RDATA", h(an=1) + q + rrw(50, b"\x01\x00\x00\x0a\x09ab")),
        ("RFC 8659 4.1.1: CAA with an empty tag", h(an=1) + q + rrw(257, b"\x00\x00abc")),
        ("RFC 8659 4.1.1: CAA tag with a non-alphanumeric character", h(an=1) + q + rrw(
            257, b"\x00\x03a-bxyz")),
        ("RFC 8659 4.1.1: CAA tag length past the RDATA", h(an=1) + q + rrw(257, b"\x00\x10ab")),
        ("RFC 9460 2.2: SvcParamKeys not in strictly increasing order",
         h(an=1) + q + svcb(b"\x00\x03\x00\x02\x00\x35\x00\x01\x00\x03\x02h2")),
        ("RFC 9460 7.2: port value of 3 octets", h(an=1) + q + svcb(b"\x00\x03\x00\x03\x00\x35\x00")),
        ("RFC 9460 7.3: ipv4hint value of 5 octets", h(an=1) + q + svcb(b"\x00\x04\x00\x05" + bytes(5))),
        ("RFC 9460 7.3: ipv6hint value of 15 octets", h(an=1) + q + svcb(b"\x00\x06\x00\x0f" + bytes(15))),
        ("RFC 9460 7.1.1: alpn with an empty alpn-id", h(an=1) + q + svcb(b"\x00\x01\x00\x01\x00")),
        ("RFC 9460 7.1.1: no-default-alpn with a value",
         h(an=1) + q + svcb(b"\x00\x01\x00\x03\x02h2\x00\x02\x00\x01\x00")),
        ("RFC 9460 8: mandatory lists key 0 (mandatory itself)", h(an=1) + q + svcb(
            b"\x00\x00\x00\x02\x00\x00")),
        ("RFC 9460 8: mandatory names a key that is absent", h(an=1) + q + svcb(
            b"\x00\x00\x00\x02\x00\x03")),
        ("RFC 9460 8: mandatory value of odd length", h(an=1) + q + svcb(b"\x00\x00\x00\x01\x00")),
        ("RFC 9460 8: mandatory lists a key twice", h(an=1) + q + svcb(
            b"\x00\x00\x00\x04\x00\x03\x00\x03\x00\x03\x00\x02\x00\x35")),
        ("RFC 9460 2.2: SvcParamValue length past the RDATA", h(an=1) + q + svcb(
            b"\x00\x03\x00\x04\x00\x35")),
        ("RFC 9460 2.4.2: AliasMode (priority 0) with SvcParams", h(an=1) + q + rrw(
            64, b"\x00\x00\x00\x00\x03\x00\x02\x00\x35")),
        ("RFC 9460 2.2: SvcParamKey cut short", h(an=1) + q + svcb(b"\x00")),
        ("RFC 3123 4: APL prefix 33 for IPv4", h(an=1) + q + rrw(42, b"\x00\x01\x21\x04\xc0\x00\x02\x01")),
        ("RFC 3123 4: APL AFDLENGTH past the RDATA", h(an=1) + q + rrw(42, b"\x00\x01\x18\x05\xc0\x00\x02")),
        ("RFC 1876 2: LOC version 1", h(an=1) + q + rrw(29, b"\x01" + bytes(15))),
        ("RFC 1876 2: LOC RDATA cut short", h(an=1) + q + rrw(29, b"\x00" + bytes(10))),
        ("RFC 1876 2: LOC with latitude out of range (raw value 0, far below 90 degrees S)",
         h(an=1) + q + rrw(29, b"\x00\x12\x16\x13" + bytes(12))),
        ("RFC 7043 3.1: EUI48 of 5 octets", h(an=1) + q + rrw(108, bytes(5))),
        ("RFC 1035 3.4.2: WKS RDATA shorter than address and protocol", h(an=1) + q + rrw(
            11, b"\x0a\x00\x00")),
        ("RFC 4025 2.3: IPSECKEY gateway type 4 (undefined)", h(an=1) + q + rrw(
            45, b"\x0a\x04\x02\x01\x02")),
        ("RFC 8777 4.2.3: AMTRELAY relay type 4 (undefined)", h(an=1) + q + rrw(260, b"\x0a\x04")),
        ("RFC 2136 2.5.2: UPDATE delete RRset (class ANY) with non-empty RDATA",
         h(flags=0x2800, ns=1) + hexwire("076578616d706c6500 0006 0001") + rrw(1, bytes(4), rdclass=255,
                                                                             ttl=0)),
        ("RFC 2136 2.4: UPDATE prerequisite of class NONE with RDATA",
         h(flags=0x2800, an=1) + hexwire("076578616d706c6500 0006 0001") + rrw(1, bytes(4), rdclass=254,
                                                                             ttl=0)),
        ("RFC 2136 2.3: UPDATE with two zone entries", h(flags=0x2800, qd=2)
         + hexwire("076578616d706c650000060001") * 2),
        ("RFC 2136 2.3: UPDATE zone entry of type A (must be SOA)", h(flags=0x2800) + q),
        ("RFC 2136 2.3: UPDATE zone entry of class ANY", h(flags=0x2800) + hexwire(
            "076578616d706c6500 0006 00ff")),
        ("RFC 2136 2.3: UPDATE with an update RR but no zone section",
         h(flags=0x2800, qd=0, ns=1) + b"\x00" + struct.pack("!HHIH", 1, 1, 0, 4) + bytes(4)),
    ]
    for comment, wire in cases:
        vf.add(comment, wire, ok=False)
    return vf


# --------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------

def all_files():
    files = [types_basic(), types_names(), types_dnssec(), types_svcb(), types_misc(),
             types_obsolete(), types_unknown(), types_edns(), types_update(), types_notify(),
             rfc1035(), rfc2181(), rfc3597(), rfc4034(), rfc5155(), rfc6891(), rfc7871(),
             rfc8659(), rfc9460(), rfc8945(), malformed()]
    return files[:-2] + rfc_small() + files[-2:]


def run_dnsref(hex_path):
    res = subprocess.run([sys.executable, DNSREF, hex_path], capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit("dnsref.py failed on %s:\n%s" % (hex_path, res.stderr))
    if res.stderr.strip():
        print(res.stderr.strip(), file=sys.stderr)
    return res.stdout


def main():
    check = "--check" in sys.argv[1:]
    if dns.version.version != PINNED:
        sys.exit("dnspython %s installed; the vectors are pinned to %s (see "
                 "conformance-vectors/reference/requirements.txt)" % (dns.version.version, PINNED))
    changed, problems, total = [], [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for vf in all_files():
            text = vf.text()
            tmp_hex = os.path.join(tmp, os.path.basename(vf.path))
            with open(tmp_hex, "w") as f:
                f.write(text)
            expected = run_dnsref(tmp_hex)
            results = [__import__("json").loads(line) for line in expected.splitlines()]
            assert len(results) == len(vf.items), vf.path
            for (comment, _, ok), res in zip(vf.items, results):
                if res["ok"] != ok:
                    problems.append("%s line %d: expected ok=%s, dnspython says %s (%s)" % (
                        vf.path, res["frame"], ok, res["ok"], res.get("error", "")))
            total += len(results)
            hex_path = os.path.join(BASE, vf.path)
            exp_path = hex_path[:-4] + ".expected.jsonl"
            for path, content in ((hex_path, text), (exp_path, expected)):
                old = open(path).read() if os.path.exists(path) else None
                if old != content:
                    changed.append(os.path.relpath(path, BASE))
                    if not check:
                        os.makedirs(os.path.dirname(path), exist_ok=True)
                        with open(path, "w") as f:
                            f.write(content)
            print("%-28s %3d messages" % (vf.path, len(results)))
    print("%d messages in total" % total)
    for p in problems:
        print("PROBLEM:", p, file=sys.stderr)
    if check:
        for c in changed:
            print("would change:", c)
        sys.exit(1 if changed or problems else 0)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
