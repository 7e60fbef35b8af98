//! EDNS options print as dig prints them. The expected lines are dig 9.18's own
//! output (`dig +nocookie` against a loopback responder that answered with these
//! options), so they come from outside dnswire.

use dnswire::{Edns, EdnsFlags, EdnsOptions, OptionCode, OptionData};

fn hex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

fn check(options_hex: &str, dig: &[&str]) {
    let wire = hex(options_hex);
    let edns = Edns { udp_payload_size: 1232, flags: EdnsFlags(0x8000), options: EdnsOptions::from_wire(&wire).unwrap(), ..Edns::default() };
    let text = edns.to_string();
    let ours: Vec<&str> = text.lines().collect();
    assert_eq!(ours, dig);
}

/// NSID, CLIENT-SUBNET (v4, v6), COOKIE, EDE (with and without text), EXPIRE,
/// TCP KEEPALIVE, PADDING, CHAIN, KEY-TAG, DAU, DHU, N3U, Report-Channel,
/// ZONEVERSION and an unassigned code.
const OPTIONS_1: &str = "000300096770646e732d7366630008000700011800c000020008000b0002380020010db8000000000a00140102030405060708c8a2b85a65a5a4c700000000000f00020012000f000800066e6f206b65790009000400093a8000090000000b0002012c000b0000000c000400000000000d0009076578616d706c6500000e00043039303900050003080d0f00060002010200070001010012000f056167656e74076578616d706c6500001300060200abcdef01fde90002abcd";
const DIG_1: &[&str] = &[
    "; EDNS: version: 0, flags: do; udp: 1232",
    "; NSID: 67 70 64 6e 73 2d 73 66 63 (\"gpdns-sfc\")",
    "; CLIENT-SUBNET: 192.0.2.0/24/0",
    "; CLIENT-SUBNET: 2001:db8::/56/0",
    "; COOKIE: 0102030405060708c8a2b85a65a5a4c700000000",
    "; EDE: 18 (Prohibited)",
    "; EDE: 6 (DNSSEC Bogus): (no key)",
    "; EXPIRE: 604800 (1 week)",
    "; EXPIRE:",
    "; TCP KEEPALIVE: 30.0 secs",
    "; TCP KEEPALIVE:",
    "; PAD: (4 bytes)",
    "; OPT=13: 07 65 78 61 6d 70 6c 65 00 (\".example.\")",
    "; KEY-TAG: 12345, 12345",
    "; OPT=5: 08 0d 0f (\"...\")",
    "; OPT=6: 01 02 (\"..\")",
    "; OPT=7: 01 (\".\")",
    "; OPT=18: 05 61 67 65 6e 74 07 65 78 61 6d 70 6c 65 00 (\".agent.example.\")",
    "; OPT=19: 02 00 ab cd ef 01 (\"......\")",
    "; OPT=65001: ab cd (\"..\")",
];

/// EXPIRE spans, empty KEEPALIVE/PAD/NSID, a lone client COOKIE.
const OPTIONS_2: &str = "0009000400015fcd00090004001275000009000400000e100009000400001c9a0009000400000000000b00020005000b0002ffff000f0002ffff000f0002001e000f0002001f000c0000000e0002000100030000000a00080102030405060708";
const DIG_2: &[&str] = &[
    "; EDNS: version: 0, flags: do; udp: 1232",
    "; EXPIRE: 90061 (1 day 1 hour 1 minute 1 second)",
    "; EXPIRE: 1209600 (2 weeks)",
    "; EXPIRE: 3600 (1 hour)",
    "; EXPIRE: 7322 (2 hours 2 minutes 2 seconds)",
    "; EXPIRE: 0 (0 seconds)",
    "; TCP KEEPALIVE: 0.5 secs",
    "; TCP KEEPALIVE: 6553.5 secs",
    "; EDE: 65535",
    "; EDE: 30",
    "; EDE: 31",
    "; PAD:",
    "; KEY-TAG: 1",
    "; NSID:",
    "; COOKIE: 0102030405060708",
];

/// Every EDE INFO-CODE from 0 to 29, and UTF-8 EXTRA-TEXT.
const OPTIONS_3: &str = "000f00020000000f00020001000f00020002000f00020003000f00020004000f00020005000f00020006000f00020007000f00020008000f00020009000f0002000a000f0002000b000f0002000c000f0002000d000f0002000e000f0002000f000f00020010000f00020011000f00020012000f00020013000f00020014000f00020015000f00020016000f00020017000f00020018000f00020019000f0002001a000f0002001b000f0002001c000f0002001d000f000c0003636166c3a9202271225c";
const DIG_3: &[&str] = &[
    "; EDNS: version: 0, flags: do; udp: 1232",
    "; EDE: 0 (Other)",
    "; EDE: 1 (Unsupported DNSKEY Algorithm)",
    "; EDE: 2 (Unsupported DS Digest Type)",
    "; EDE: 3 (Stale Answer)",
    "; EDE: 4 (Forged Answer)",
    "; EDE: 5 (DNSSEC Indeterminate)",
    "; EDE: 6 (DNSSEC Bogus)",
    "; EDE: 7 (Signature Expired)",
    "; EDE: 8 (Signature Not Yet Valid)",
    "; EDE: 9 (DNSKEY Missing)",
    "; EDE: 10 (RRSIGs Missing)",
    "; EDE: 11 (No Zone Key Bit Set)",
    "; EDE: 12 (NSEC Missing)",
    "; EDE: 13 (Cached Error)",
    "; EDE: 14 (Not Ready)",
    "; EDE: 15 (Blocked)",
    "; EDE: 16 (Censored)",
    "; EDE: 17 (Filtered)",
    "; EDE: 18 (Prohibited)",
    "; EDE: 19 (Stale NXDOMAIN Answer)",
    "; EDE: 20 (Not Authoritative)",
    "; EDE: 21 (Not Supported)",
    "; EDE: 22 (No Reachable Authority)",
    "; EDE: 23 (Network Error)",
    "; EDE: 24 (Invalid Data)",
    "; EDE: 25",
    "; EDE: 26",
    "; EDE: 27",
    "; EDE: 28",
    "; EDE: 29",
    "; EDE: 3 (Stale Answer): (café \"q\"\\)",
];

#[test]
fn options_print_as_dig_prints_them() {
    check(OPTIONS_1, DIG_1);
    check(OPTIONS_2, DIG_2);
    check(OPTIONS_3, DIG_3);
}

#[test]
fn typed_views() {
    let wire = hex(OPTIONS_1);
    let options = EdnsOptions::from_wire(&wire).unwrap();
    let typed: Vec<OptionData<'_>> = options.iter().map(|o| o.typed()).collect();
    assert_eq!(typed[0], OptionData::Nsid(b"gpdns-sfc"));
    match typed[1] {
        OptionData::ClientSubnet(cs) => assert_eq!((cs.family, cs.source_prefix, cs.scope_prefix, cs.address), (1, 24, 0, &[192, 0, 2][..])),
        other => panic!("{other:?}"),
    }
    assert!(matches!(typed[3], OptionData::Cookie { client, server } if client.len() == 8 && server.len() == 12));
    assert_eq!(typed[5], OptionData::Ede { info_code: 6, extra_text: "no key" });
    assert_eq!(typed[6], OptionData::Expire(Some(604800)));
    assert_eq!(typed[7], OptionData::Expire(None));
    assert_eq!(typed[8], OptionData::TcpKeepalive(Some(300)));
    assert_eq!(typed[10], OptionData::Padding(4));
    assert!(matches!(typed[11], OptionData::Chain(name) if name.to_string() == "example."));
    assert_eq!(typed[13], OptionData::Algorithms(&[8, 13, 15]));
    assert!(matches!(typed[16], OptionData::ReportChannel(name) if name.to_string() == "agent.example."));
    assert!(matches!(typed[17], OptionData::ZoneVersion(Some(v)) if v.label_count == 2 && v.version == [0xab, 0xcd, 0xef, 0x01]));
    assert_eq!(options.iter().last().unwrap().code, OptionCode(65001));
}
