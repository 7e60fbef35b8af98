//! Display-then-parse identity over the conformance corpus: every record of
//! `conformance-vectors/types/*.hex` is presented with `{}`, parsed back with
//! `dnswire::text::parse_rdata`, and must give the same RDATA octets; the
//! whole record, presented as dig prints it and read with
//! `dnswire::text::parse_record`, must give the same record. No type is left
//! out: class ANY and NONE records of UPDATE messages (with RDATA or none)
//! and the `\#` form of opaque RDATA included.

use std::collections::BTreeMap;

use dnswire::text::{parse_rdata, parse_record};
use dnswire::{Message, RData, Section};

#[test]
fn display_then_parse_is_identity_for_every_type() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../conformance-vectors/types");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "hex"));
    files.sort();
    assert!(!files.is_empty(), "no vectors in {dir}");
    let mut checked = BTreeMap::<String, usize>::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        for hm in dnswire_harness::hexfile::parse(&text).unwrap() {
            let Ok(msg) = Message::decode(&hm.data) else { continue };
            for section in [Section::Answer, Section::Authority, Section::Additional] {
                for record in msg.records(section) {
                    let shown = record.data.to_string();
                    let at = format!("{}:{}: {} {} {}", path.display(), hm.line, record.class, record.rtype(), shown);
                    let mut expected = [0u8; 65535];
                    let n = record.data.to_wire(&mut expected).unwrap();
                    let mut out = [0u8; 65535];
                    let m = parse_rdata(record.rtype(), record.class, &shown, Some(&record.name), &mut out).unwrap_or_else(|e| panic!("{at}: {e}"));
                    assert_eq!(&out[..m], &expected[..n], "{at}");
                    let line = record.to_string();
                    let parsed = parse_record(&line, None, 0, &mut out).unwrap_or_else(|e| panic!("{at}: {line}: {e}"));
                    assert_eq!(parsed.record(), record, "{at}: {line}");
                    let kind = match record.data {
                        RData::Empty(_) => format!("{} {} (empty)", record.class, record.rtype()),
                        RData::Unknown { .. } => format!("{} (opaque)", record.rtype()),
                        _ => record.rtype().to_string(),
                    };
                    *checked.entry(kind).or_default() += 1;
                }
            }
        }
    }
    eprintln!("round-tripped: {checked:?}");
    // The types the corpus was written to cover, each at least once.
    for kind in [
        "A",
        "AAAA",
        "AMTRELAY",
        "APL",
        "CAA",
        "CERT",
        "CSYNC",
        "DNSKEY",
        "DS",
        "HINFO",
        "HIP",
        "HTTPS",
        "IPSECKEY",
        "LOC",
        "MX",
        "NAPTR",
        "NS",
        "NSEC",
        "NSEC3",
        "NSEC3PARAM",
        "RRSIG",
        "SIG",
        "SOA",
        "SRV",
        "SVCB",
        "TKEY",
        "TSIG",
        "TXT",
        "URI",
        "WKS",
        "ANY A (empty)",
        "NONE A (empty)",
    ] {
        assert!(checked.contains_key(kind), "no {kind} record in the corpus; round-tripped: {checked:?}");
    }
}
