#!/usr/bin/env python3
"""Expected records of each zone file here, read by dnspython (not dnswire).

For every *.zone, *.zone.in and *.zone.signed file, writes
expected/<file>.records: one line per RRset record, sorted, as
`owner-wire-hex class type ttl rdata-wire-hex` (owner lowercased; names in
RDATA uncompressed, case kept), and `! LINE` for each record dnspython
cannot read (a type it has no reader for, such as MINFO or KEY, or data it
refuses); the test leaves those lines out of the comparison.
types.test.zone.in is left out: it is make_types_zone.py's input, with
mnemonics dnspython does not know. The zone's name is the file name up to
`.zone`. tests/zone_files.rs reads each file with `dnswire zone` and
compares.

Usage: python3 make_zone_expected.py   (dnspython 2.7.0)
"""
import pathlib

import dns.exception
import dns.name
import dns.zone

HERE = pathlib.Path(__file__).resolve().parent


def generic_record(row, origin, text):
    """A `TYPEnnn \\# len hex` line dnspython's zone reader fails on (its
    AMTRELAY reader cannot take a name from generic data), read by hand: the
    octets are in the line itself."""
    words = row.split(";")[0].split()
    if "\\#" not in words:
        return None
    at = words.index("\\#")
    owner = dns.name.from_text(words[0], origin)
    rdtype = words[at - 1]
    assert rdtype.startswith("TYPE"), row
    ttl = int(words[1]) if words[1].isdigit() else int(text.split("$TTL")[1].split()[0])
    return f"{owner.to_wire().lower().hex()} 1 {int(rdtype[4:])} {ttl} {''.join(words[at + 2:])}"


def main():
    out_dir = HERE / "expected"
    out_dir.mkdir(exist_ok=True)
    for path in sorted(HERE.iterdir()):
        if not (path.name.endswith(".zone") or path.name.endswith(".zone.in") or path.name.endswith(".zone.signed")):
            continue
        if path.name == "types.test.zone.in":
            continue
        origin = dns.name.from_text(path.name.split(".zone")[0])
        text = path.read_text()
        lines = []
        # A record dnspython refuses is listed as `! LINE` and left out.
        while True:
            try:
                zone = dns.zone.from_text(text, origin=origin, check_origin=False, filename=str(path))
                break
            except dns.exception.SyntaxError as e:
                line = int(str(e).split(":")[1])
                if f"! {line}" in lines:
                    raise
                rows = text.split("\n")
                # After a generic record, dnspython counts the line after it.
                if "non-absolute" in str(e):
                    line -= 1
                    while line > 1 and "\\#" not in rows[line - 1].split(";")[0]:
                        line -= 1
                generic = generic_record(rows[line - 1], origin, text)
                lines.append(generic or f"! {line}")
                rows[line - 1] = ";" + rows[line - 1]
                text = "\n".join(rows)
        for name, node in zone.nodes.items():
            owner = name.derelativize(origin).to_wire().lower().hex()
            for rdataset in node.rdatasets:
                for rdata in rdataset:
                    lines.append(f"{owner} {rdataset.rdclass} {rdataset.rdtype} {rdataset.ttl} {rdata.to_wire(origin=origin).hex()}")
        lines.sort()
        (out_dir / f"{path.name}.records").write_text("".join(l + "\n" for l in lines))
        print(f"{path.name}: {len(lines)} records")


if __name__ == "__main__":
    main()
