//! The text forms of the record types: the RFCs' examples parse to the wire
//! octets the RFCs give (RFC 4034 §4.3, RFC 9460 Appendix D) or, where an
//! RFC shows only the text, to the octets dnspython 2.7.0 encodes for it;
//! malformed text gives a typed error where it stands.

extern crate std;

use std::vec::Vec;

use super::{parse_rdata, parse_record};
use crate::error::{TextError, TextErrorAt};
use crate::iana::{Class, Rtype};
use crate::rdata::RData;

fn hex(text: &str) -> Vec<u8> {
    let digits: Vec<u8> = text.bytes().filter(u8::is_ascii_hexdigit).collect();
    digits.chunks(2).map(|p| u8::from_str_radix(core::str::from_utf8(p).unwrap(), 16).unwrap()).collect()
}

fn parse(rtype: Rtype, text: &str) -> Result<Vec<u8>, TextErrorAt> {
    let mut out = std::vec![0u8; 65535];
    let n = parse_rdata(rtype, Class::IN, text, None, &mut out)?;
    out.truncate(n);
    Ok(out)
}

fn err(rtype: Rtype, text: &str) -> (TextError, usize) {
    let e = parse(rtype, text).unwrap_err();
    (e.error, e.column)
}

/// The key of RFC 4025 §3.3 and its octets.
const IPSECKEY_KEY: &str = "AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==";
const IPSECKEY_KEY_HEX: &str = "010351537986ed35533b6064478eeeb27b5bd74dae149b6e81ba3a0521af82ab7801";

/// (source, type, text as the source writes it, RDATA in hex).
const RFC_EXAMPLES: &[(&str, Rtype, &str, &str)] = &[
    // RFC 4034 §3.3; octets from dnspython. Times as dates, then as seconds
    // (RFC 4034 §3.2).
    (
        "RFC 4034 §3.3",
        Rtype::RRSIG,
        "A 5 3 86400 20030322173103 (
        20030220173103 2642 example.com.
        oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTr
        PYGv07h108dUKGMeDPKijVCHX3DDKdfb+v6o
        B9wfuh3DTJXUAfI/M0zmO/zz8bW0Rznl8O3t
        GNazPwQKkRN20XPXV6nwwfoXmJQbsLNrLfkG
        J5D6fwFm8nN+6pBzeDQfsS3Ap3o= )",
        "00010503000151803e7c9dd73e5510d70a52076578616d706c6503636f6d00a090755ba58d1affa576f4375831b4310920e481218d18a9f164eb3d81afd3b875d3c75428631e0cf2a28d50875f70c329d7dbfafea807dc1fba1dc34c95d401f23f334ce63bfcf3f1b5b44739e5f0eded18d6b33f040a911376d173d757a9f0c1fa1798941bb0b36b2df9062790fa7f0166f2737eea907378341fb12dc0a77a",
    ),
    (
        "RFC 4034 §3.2",
        Rtype::RRSIG,
        "A 5 3 86400 1048354263 1045762263 2642 example.com. oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTrPYGv07h108dUKGMeDPKijVCHX3DDKdfb+v6oB9wfuh3DTJXUAfI/M0zmO/zz8bW0Rznl8O3tGNazPwQKkRN20XPXV6nwwfoXmJQbsLNrLfkGJ5D6fwFm8nN+6pBzeDQfsS3Ap3o=",
        "00010503000151803e7c9dd73e5510d70a52076578616d706c6503636f6d00a090755ba58d1affa576f4375831b4310920e481218d18a9f164eb3d81afd3b875d3c75428631e0cf2a28d50875f70c329d7dbfafea807dc1fba1dc34c95d401f23f334ce63bfcf3f1b5b44739e5f0eded18d6b33f040a911376d173d757a9f0c1fa1798941bb0b36b2df9062790fa7f0166f2737eea907378341fb12dc0a77a",
    ),
    // RFC 4034 §4.3: the RFC's own octets; the types in another order too.
    (
        "RFC 4034 §4.3",
        Rtype::NSEC,
        "host.example.com. ( A MX RRSIG NSEC TYPE1234 )",
        "04 68 6f 73 74
         07 65 78 61 6d 70 6c 65
         03 63 6f 6d 00
         00 06 40 01 00 00 00 03
         04 1b 00 00 00 00 00 00
         00 00 00 00 00 00 00 00
         00 00 00 00 00 00 00 00
         00 00 00 00 20",
    ),
    (
        "RFC 4034 §4.3",
        Rtype::NSEC,
        "host.example.com. TYPE1234 nsec MX A rrsig",
        "04686f7374076578616d706c6503636f6d00 0006400100000003 041b000000000000000000000000000000000000000000000000000020",
    ),
    // RFC 5155 Appendix A; octets from dnspython. The last has no types.
    (
        "RFC 5155 App. A",
        Rtype::NSEC3,
        "1 1 12 aabbccdd ( 2t7b4g4vsa5smi47k61mv5bv1a22bojr MX DNSKEY NS SOA NSEC3PARAM RRSIG )",
        "0101000c04aabbccdd14174eb2409fe28bcb4887a1836f957f0a8425e27b000722010000000290",
    ),
    (
        "RFC 5155 App. A",
        Rtype::NSEC3,
        "1 1 12 aabbccdd ( 2vptu5timamqttgl4luu9kg21e0aor3s A RRSIG )",
        "0101000c04aabbccdd1417f3df17b2b2adaef615257de4d2020b80ac6c7c0006400000000002",
    ),
    (
        "RFC 5155 App. A",
        Rtype::NSEC3,
        "1 1 12 aabbccdd ( B4UM86EGHHDS6NEA196SMVMLO4ORS995 NS DS RRSIG )",
        "0101000c04aabbccdd14593d6419d08c5bc35dca0a4dcb7ed5c131be25250006200000000012",
    ),
    (
        "RFC 5155 App. A",
        Rtype::NSEC3,
        "1 1 12 aabbccdd ( k8udemvp1j2f7eg6jebps17vp3n8i58h )",
        "0101000c04aabbccdd14a23cd75bf90cc4f3ba069b979e04ffc8ee891511",
    ),
    ("RFC 5155 App. A", Rtype::NSEC3PARAM, "1 0 12 aabbccdd", "0100000c04aabbccdd"),
    // RFC 1876 §4; octets from dnspython.
    ("RFC 1876 §4", Rtype::LOC, "42 21 54 N 71 06 18 W -24m 30m", "0033161389172dd070be15f000988d20"),
    ("RFC 1876 §4", Rtype::LOC, "( 42 21 43.952 N 71 5 6.344 W\n -24m 1m 200m )", "001224138917069070bf2dd800988d20"),
    ("RFC 1876 §4", Rtype::LOC, "52 14 05 N 00 08 50 E 10m", "001216138b3556c88008165000989a68"),
    ("RFC 1876 §4", Rtype::LOC, "32 7 19 S 116 2 25 E 10m", "00121613791b7d2898e6486800989a68"),
    ("RFC 1876 §4", Rtype::LOC, "42 21 28.764 N 71 00 51.617 W -44m 2000m", "002516138916cb3c70c310df00988550"),
    // RFC 3123 §8; octets from dnspython.
    ("RFC 3123 §8", Rtype::APL, "1:192.168.32.0/21 !1:192.168.38.0/28", "00011503c0a82000011c83c0a826"),
    ("RFC 3123 §8", Rtype::APL, "1:192.168.42.0/26 1:192.168.42.64/26 1:192.168.42.128/25", "00011a03c0a82a00011a04c0a82a4000011904c0a82a80"),
    ("RFC 3123 §8", Rtype::APL, "1:127.0.0.1/32 1:172.16.64.0/22", "000120047f00000100011603ac1040"),
    ("RFC 3123 §8", Rtype::APL, "1:224.0.0.0/4 2:FF00:0:0:0:0:0:0:0/8", "00010401e000020801ff"),
    // RFC 9460 Appendix D.1 and D.2: the RFC's own octets.
    ("RFC 9460 D.1", Rtype::HTTPS, "0 foo.example.com.", "00 00 03 66 6f 6f 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00"),
    ("RFC 9460 D.2", Rtype::SVCB, "1 .", "00 01 00"),
    ("RFC 9460 D.2", Rtype::SVCB, "16 foo.example.com. port=53", "00 10 03 66 6f 6f 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 00 03 00 02 00 35"),
    (
        "RFC 9460 D.2",
        Rtype::SVCB,
        "1 foo.example.com. key667=hello",
        "00 01 03 66 6f 6f 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 02 9b 00 05 68 65 6c 6c 6f",
    ),
    (
        "RFC 9460 D.2",
        Rtype::SVCB,
        r#"1 foo.example.com. key667="hello\210qoo""#,
        "00 01 03 66 6f 6f 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 02 9b 00 09 68 65 6c 6c 6f d2 71 6f 6f",
    ),
    (
        "RFC 9460 D.2",
        Rtype::SVCB,
        r#"1 foo.example.com. (
                      ipv6hint="2001:db8::1,2001:db8::53:1"
                      )"#,
        "00 01 03 66 6f 6f 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 00 06 00 20
         20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01
         20 01 0d b8 00 00 00 00 00 00 00 00 00 53 00 01",
    ),
    (
        "RFC 9460 D.2",
        Rtype::SVCB,
        r#"1 example.com. (
                      ipv6hint="2001:db8:122:344::192.0.2.33"
                      )"#,
        "00 01 07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 00 06 00 10 20 01 0d b8 01 22 03 44 00 00 00 00 c0 00 02 21",
    ),
    (
        "RFC 9460 D.2",
        Rtype::SVCB,
        "16 foo.example.org. (
                      alpn=h2,h3-19 mandatory=ipv4hint,alpn
                      ipv4hint=192.0.2.1
                      )",
        "00 10 03 66 6f 6f 07 65 78 61 6d 70 6c 65 03 6f 72 67 00
         00 00 00 04 00 01 00 04
         00 01 00 09 02 68 32 05 68 33 2d 31 39
         00 04 00 04 c0 00 02 01",
    ),
    (
        "RFC 9460 D.2",
        Rtype::SVCB,
        r#"16 foo.example.org. alpn="f\\\\oo\\,bar,h2""#,
        "00 10 03 66 6f 6f 07 65 78 61 6d 70 6c 65 03 6f 72 67 00 00 01 00 0c 08 66 5c 6f 6f 2c 62 61 72 02 68 32",
    ),
    (
        "RFC 9460 D.2",
        Rtype::SVCB,
        r"16 foo.example.org. alpn=f\\\092oo\092,bar,h2",
        "00 10 03 66 6f 6f 07 65 78 61 6d 70 6c 65 03 6f 72 67 00 00 01 00 0c 08 66 5c 6f 6f 2c 62 61 72 02 68 32",
    ),
];

#[test]
#[cfg(all(feature = "dnssec", feature = "svcb", feature = "tsig", feature = "keys", feature = "extra", feature = "legacy"))]
fn rfc_examples_parse_to_their_wire_form() {
    for &(source, rtype, text, wire) in RFC_EXAMPLES {
        let got = parse(rtype, text).unwrap_or_else(|e| panic!("{source}: {rtype} {text}: {e}"));
        assert_eq!(got, hex(wire), "{source}: {rtype} {text}");
    }
    // RFC 4025 §3.3; octets from dnspython.
    for (text, head) in [
        ("( 10 1 2\n 192.0.2.38\n KEY )", "0a0102c0000226"),
        ("( 10 0 2\n .\n KEY )", "0a0002"),
        ("( 10 1 2\n 192.0.2.3\n KEY )", "0a0102c0000203"),
        ("( 10 3 2\n mygateway.example.com.\n KEY )", "0a0302096d7967617465776179076578616d706c6503636f6d00"),
        ("( 10 2 2\n 2001:0DB8:0:8002::2000:1\n KEY )", "0a020220010db8000080020000000020000001"),
    ] {
        let text = text.replace("KEY", IPSECKEY_KEY);
        let got = parse(Rtype::IPSECKEY, &text).unwrap_or_else(|e| panic!("RFC 4025 §3.3: {text}: {e}"));
        assert_eq!(got, hex(&std::format!("{head}{IPSECKEY_KEY_HEX}")), "RFC 4025 §3.3: {text}");
    }
}

/// RFC 9460 Appendix D.3: each is refused with a typed error at the
/// parameter at fault (or, for a mandatory key that is absent, by the wire
/// decoder's check, column 0).
#[test]
#[cfg(feature = "svcb")]
fn rfc_9460_failure_cases_are_refused() {
    let svcb = |text: &str| err(Rtype::SVCB, text);
    assert_eq!(svcb("1 foo.example.com. (\n key123=abc key123=def\n )"), (TextError::BadField, 33), "key given twice");
    for key in ["mandatory", "alpn", "port", "ipv4hint", "ipv6hint"] {
        assert_eq!(svcb(&std::format!("1 foo.example.com. {key}")), (TextError::MissingToken, 19), "{key} without a value");
    }
    assert_eq!(svcb("1 foo.example.com. no-default-alpn=abc"), (TextError::BadField, 19), "no-default-alpn with a value");
    assert_eq!(svcb("1 foo.example.com. mandatory=key123"), (TextError::BadField, 0), "a mandatory key absent");
    assert_eq!(svcb("1 foo.example.com. mandatory=mandatory"), (TextError::BadField, 19), "mandatory listed as mandatory");
    assert_eq!(svcb("1 foo.example.com. (\n mandatory=key123,key123 key123=abc\n )"), (TextError::BadField, 22), "a mandatory key twice");
}

/// What dnswire and dnspython print beyond the RFC examples: quoted and
/// unquoted values, keys in any order, generic keys, escapes.
#[test]
#[cfg(feature = "svcb")]
fn svcb_parameters() {
    let svcb = |text: &str| parse(Rtype::SVCB, text).map(|w| w[3..].to_vec());
    let h2 = hex("0001 0003 026832");
    assert_eq!(svcb("1 . alpn=h2"), Ok(h2.clone()));
    assert_eq!(svcb("1 . alpn=\"h2\""), Ok(h2.clone()));
    assert_eq!(err(Rtype::SVCB, "1 . ALPN=h2"), (TextError::UnknownMnemonic, 4), "keys are lowercase (RFC 9460 §2.1)");
    assert_eq!(svcb("1 . key1=\"\\002h2\""), Ok(h2), "the generic form of a known key is its wire form");
    assert_eq!(svcb("1 . key667"), Ok(hex("029b 0000")));
    assert_eq!(svcb("1 . key667=\"\""), Ok(hex("029b 0000")));
    assert_eq!(svcb("1 . key65535 no-default-alpn alpn=h3"), Ok(hex("0001 0003 026833 0002 0000 ffff 0000")), "sorted on write");
    assert_eq!(svcb("1 . ohttp port=\"853\""), Ok(hex("0003 0002 0355 0008 0000")));
    assert_eq!(svcb("1 . dohpath=/dns-query{?dns}"), Ok(hex("0007 0010 2f646e732d71756572797b3f646e737d")));
    assert_eq!(svcb("1 . ech=AQID"), Ok(hex("0005 0003 010203")));
    assert_eq!(err(Rtype::SVCB, "1 . ech"), (TextError::MissingToken, 4), "an ECHConfigList is never empty");
    assert_eq!(svcb("1 . ipv4hint=192.0.2.1,192.0.2.2"), Ok(hex("0004 0008 c0000201 c0000202")));
    assert_eq!(
        svcb("1 . key258=c key513=aa key257 key256=bbb"),
        Ok(hex("0100 0003 626262 0101 0000 0102 0001 63 0201 0002 6161")),
        "sorted within and across high octets"
    );
    assert_eq!(svcb("1 . mandatory=key513,key256 key513 key256"), Ok(hex("0000 0004 0100 0201 0100 0000 0201 0000")));
    assert_eq!(
        svcb("1 . mandatory=port,alpn,key13 key13 port=1 alpn=x"),
        Ok(hex("0000 0006 0001 0003 000d 0001 0002 0178 0003 0002 0001 000d 0000"))
    );
    // An alpn-id with octets outside printable ASCII, as dnswire prints it.
    assert_eq!(svcb(r#"1 . alpn="a\\001\\\\\\,\"""#), Ok(hex("0001 0006 05 6101 5c 2c 22")));
    // Malformed parameters, each where it stands.
    let bad = |text: &str| err(Rtype::SVCB, text);
    assert_eq!(bad("1 . port=53 port=54"), (TextError::BadField, 12));
    assert_eq!(bad("1 . alpn=h2 key1=h3"), (TextError::BadField, 12), "alpn twice, by name and number");
    assert_eq!(bad("1 . foo=bar"), (TextError::UnknownMnemonic, 4));
    assert_eq!(bad("1 . key0667=x"), (TextError::UnknownMnemonic, 4), "leading zero");
    assert_eq!(bad("1 . key65536=x"), (TextError::UnknownMnemonic, 4));
    assert_eq!(bad("1 . =x"), (TextError::UnknownMnemonic, 4));
    assert_eq!(bad("1 . alpn= \"h2\""), (TextError::BadField, 10), "space after the =");
    assert_eq!(bad("1 . alpn="), (TextError::MissingToken, 9));
    assert_eq!(bad("1 . \"alpn=h2\""), (TextError::BadField, 4));
    assert_eq!(bad("1 . alpn=h2,,h3"), (TextError::BadField, 4), "empty alpn-id");
    assert_eq!(bad("1 . alpn=\"\""), (TextError::BadField, 4));
    assert_eq!(bad("1 . alpn=a\\\\0"), (TextError::BadEscape, 4), "a cut \\DDD in the list");
    assert_eq!(bad("1 . port=65536"), (TextError::BadNumber, 4));
    assert_eq!(bad("1 . port=1234,5678"), (TextError::BadNumber, 4));
    assert_eq!(bad("1 . ipv4hint=192.0.2.1,"), (TextError::BadField, 4));
    assert_eq!(bad("1 . ipv6hint=192.0.2.1"), (TextError::BadField, 4));
    assert_eq!(bad("1 . ech=b25l,Li4u"), (TextError::BadField, 4));
    assert_eq!(bad("1 . mandatory=alpn,alpn alpn=h2"), (TextError::BadField, 4));
    assert_eq!(bad("1 . mandatory=alpn,ALPN alpn=h2"), (TextError::UnknownMnemonic, 4), "keys are lowercase");
    assert_eq!(bad("1 . mandatory=bogus"), (TextError::UnknownMnemonic, 4));
    assert_eq!(bad("0 . port=53"), (TextError::BadField, 4), "parameters in AliasMode");
}

#[test]
#[cfg(feature = "dnssec")]
fn type_bitmaps_signatures_and_hashes() {
    assert_eq!(parse(Rtype::NSEC, ". A A MX"), Ok(hex("00 0002 4001")), "a type twice");
    assert_eq!(parse(Rtype::NSEC, "."), Ok(hex("00")), "no types");
    assert_eq!(
        parse(Rtype::NSEC, ". TYPE65535 TYPE0 CAA"),
        Ok(hex("00 000180 0101 40 ff20 0000000000000000000000000000000000000000000000000000000000000001"))
    );
    assert_eq!(parse(Rtype::CSYNC, "66 3 A NS AAAA"), Ok(hex("00000042 0003 0004 6000 0008")));
    assert_eq!(err(Rtype::NSEC, ". A BOGUS MX"), (TextError::UnknownMnemonic, 4));
    assert_eq!(err(Rtype::NSEC, ". A TYPE65536"), (TextError::UnknownMnemonic, 4));
    let rrsig = |times: &str| err(Rtype::RRSIG, &std::format!("A 5 3 86400 {times} 2642 example. AQID"));
    assert_eq!(rrsig("20030230173103 20030220173103"), (TextError::BadField, 12), "30 February");
    assert_eq!(rrsig("20031301173103 1"), (TextError::BadField, 12), "month 13");
    assert_eq!(rrsig("20030322173103 20030322246000"), (TextError::BadField, 27), "hour 24");
    assert_eq!(rrsig("4294967296 1"), (TextError::BadField, 12));
    assert_eq!(rrsig("2003032217310 1"), (TextError::BadField, 12));
    assert_eq!(err(Rtype::RRSIG, "BOGUS 5 3 86400 1 1 2642 example. AQID"), (TextError::UnknownMnemonic, 0));
    // Times in other eras, as BIND prints them (modulo 2^32).
    let times = |text: &str| parse(Rtype::RRSIG, text).map(|w| w[8..16].to_vec());
    assert_eq!(times("TYPE1234 8 2 0 19691231235959 19700101000000 65535 . AA=="), Ok(hex("ffffffff 00000000")));
    assert_eq!(times("A 8 2 0 21060207062816 21060207062815 1 . AA=="), Ok(hex("00000000 ffffffff")));
    assert_eq!(parse(Rtype::SIG, "TYPE0 1 3 3600 20200101000000 20030101000000 2143 foo. AQID").map(|w| w[..2].to_vec()), Ok(hex("0000")));
    let nsec3 = |hash: &str| err(Rtype::NSEC3, &std::format!("1 0 0 - {hash}"));
    assert_eq!(nsec3("2vptu5timamqttgl4luu9kg21e0aor3"), (TextError::BadField, 8), "31 characters make no whole octets");
    assert_eq!(nsec3("2u"), (TextError::BadField, 8), "bits left over");
    assert_eq!(nsec3("2vptu5timamqttgl4luu9kg21e0aor3w"), (TextError::BadField, 8), "not base32hex");
    assert_eq!(nsec3("2t======"), (TextError::BadField, 8), "padding");
    assert_eq!(nsec3("\"\""), (TextError::BadField, 8), "empty");
    assert_eq!(parse(Rtype::NSEC3, "1 0 0 - 2s"), Ok(hex("01 00 0000 00 01 17")));
}

#[test]
#[cfg(feature = "extra")]
fn loc_text() {
    // The defaults (1m 10000m 10m) and each precision given in turn; the
    // octets from dnspython.
    assert_eq!(parse(Rtype::LOC, "42 N 71 W 0"), parse(Rtype::LOC, "42 0 0.000 N 71 0 0 W 0.00m 1m 10000m 10m"));
    assert_eq!(parse(Rtype::LOC, "42 21 54 N 71 06 18 W 1.1 2.2 3.3 4.4"), Ok(hex("0022324289172dd070be15f0009896ee")));
    assert_eq!(parse(Rtype::LOC, "90 0 0.000 N 180 W -100000m 0m 90000000.00m"), Ok(hex("00009913934fd90059604e0000000000")));
    assert_eq!(parse(Rtype::LOC, "0 S 0 E 42849672.95m").map(|w| w[12..].to_vec()), Ok(hex("ffffffff")));
    let bad = |text: &str| err(Rtype::LOC, text);
    assert_eq!(bad("91 N 0 E 0m"), (TextError::BadNumber, 0));
    assert_eq!(bad("90 0 0.001 N 0 E 0m"), (TextError::BadNumber, 11), "north of 90");
    assert_eq!(bad("0 60 N 0 E 0m"), (TextError::BadNumber, 2), "60 minutes");
    assert_eq!(bad("0 0 60 N 0 E 0m"), (TextError::BadNumber, 4), "60 seconds");
    assert_eq!(bad("0 0 1.2345 N 0 E 0m"), (TextError::BadNumber, 4), "four decimals");
    assert_eq!(bad("0.5 N 0 E 0m"), (TextError::BadNumber, 0));
    assert_eq!(bad("0 n 0 E 0m"), (TextError::BadNumber, 2), "hemisphere in lowercase");
    assert_eq!(bad("0 0 0 X 0 E 0m"), (TextError::BadField, 6));
    assert_eq!(bad("0 N 181 E 0m"), (TextError::BadNumber, 4));
    assert_eq!(bad("0 N 0 E -100000.01m"), (TextError::BadNumber, 8), "below the base");
    assert_eq!(bad("0 N 0 E 42849672.96m"), (TextError::BadNumber, 8));
    assert_eq!(bad("0 N 0 E 1.123m"), (TextError::BadNumber, 8), "three decimals");
    assert_eq!(bad("0 N 0 E 0m 100000000m"), (TextError::BadNumber, 11), "size of 10^10 cm");
    assert_eq!(bad("0 N 0 E 0m -1m"), (TextError::BadNumber, 11));
    assert_eq!(bad("0 N 0 E 0m 1m 1m 1m 1m"), (TextError::ExtraToken, 20));
    assert_eq!(bad("0 N 0 E"), (TextError::MissingToken, 7));
}

#[test]
#[cfg(all(feature = "extra", feature = "legacy", feature = "keys"))]
fn apl_wks_cert_uri_text() {
    assert_eq!(parse(Rtype::APL, ""), Ok(Vec::new()));
    assert_eq!(
        parse(Rtype::APL, "1:192.0.2.0/24 !2:2001:db8::/32 3:0a0b00/8 !4:b'0c'/1"),
        Ok(hex("0001 18 03 c00002 0002 20 84 20010db8 0003 08 02 0a0b 0004 01 81 0c"))
    );
    assert_eq!(parse(Rtype::APL, "1:0.0.0.0/0 2:::/0"), Ok(hex("0001 00 00 0002 00 00")));
    assert_eq!(parse(Rtype::APL, "3:b'0a0b00'/8 5:b''/0"), Ok(hex("0003 08 03 0a0b00 0005 00 00")), "as printed: the octets exactly");
    let apl = |text: &str| err(Rtype::APL, text);
    assert_eq!(apl("1:192.0.2.0/24 1:192.0.2.0/33"), (TextError::BadNumber, 15));
    assert_eq!(apl("2:::/129"), (TextError::BadNumber, 0));
    assert_eq!(apl("1:192.0.2/24"), (TextError::BadField, 0));
    assert_eq!(apl("1-192.0.2.0/24"), (TextError::BadField, 0));
    assert_eq!(apl("1:192.0.2.0"), (TextError::BadField, 0));
    assert_eq!(apl("x:00/8"), (TextError::BadNumber, 0));
    assert_eq!(apl("3:0g/8"), (TextError::BadField, 0));
    assert_eq!(apl(&std::format!("3:{}/8", "ab".repeat(64))), (TextError::BadField, 0), "64 octets");

    // WKS: protocols and services by number or name, ports in any order.
    assert_eq!(parse(Rtype::WKS, "10.0.0.1 TCP smtp http domain"), Ok(hex("0a000001 06 0000004000000400000080")));
    assert_eq!(parse(Rtype::WKS, "10.0.0.1 udp ntp 53"), Ok(hex("0a000001 11 00000000000004000000000000000010")));
    assert_eq!(parse(Rtype::WKS, "10.0.0.1 6"), Ok(hex("0a000001 06")));
    assert_eq!(parse(Rtype::WKS, "10.0.0.1 6 65535 0").map(|w| (w.len(), w[5], w[w.len() - 1])), Ok((5 + 8192, 0x80, 0x01)));
    assert_eq!(err(Rtype::WKS, "10.0.0.1 tcp 65536"), (TextError::BadNumber, 13));
    assert_eq!(err(Rtype::WKS, "10.0.0.1 tcp 25 nosuchservice"), (TextError::UnknownMnemonic, 16));
    assert_eq!(err(Rtype::WKS, "10.0.0.1 sctp 25"), (TextError::UnknownMnemonic, 9));

    // CERT: type and algorithm by number or mnemonic (octets from dnspython).
    assert_eq!(parse(Rtype::CERT, "1 0 rsasha256 AAAA"), Ok(hex("0001 0000 08 000000")));
    assert_eq!(parse(Rtype::CERT, "URI 1 253 AQ ID"), Ok(hex("00fd 0001 fd 010203")));
    assert_eq!(err(Rtype::CERT, "X509 0 8 AAAA"), (TextError::UnknownMnemonic, 0));
    assert_eq!(err(Rtype::CERT, "1 0 RSA AAAA"), (TextError::UnknownMnemonic, 4));
    assert_eq!(err(Rtype::CERT, "1 0 256 AAAA"), (TextError::BadNumber, 4));
    assert_eq!(err(Rtype::CERT, "1 0 8 AAA"), (TextError::BadField, 6));

    // NID and L64 groups without their leading zeros, as BIND prints them.
    assert_eq!(parse(Rtype::NID, "10 14:4fff:ff20:ee64"), Ok(hex("000a 00144fffff20ee64")));
    assert_eq!(parse(Rtype::L64, "10 2001:db8:1140:1000"), Ok(hex("000a 20010db811401000")));
    assert_eq!(err(Rtype::NID, "10 14:4fff:ff20"), (TextError::BadField, 3));
    assert_eq!(err(Rtype::NID, "10 14:4fff:ff20:ee641"), (TextError::BadField, 3));
    assert_eq!(err(Rtype::NID, "10 14:4fff::ee64"), (TextError::BadField, 3));
    assert_eq!(err(Rtype::EUI48, "0-00-5e-00-53-2a"), (TextError::BadField, 0));

    assert_eq!(parse(Rtype::URI, "10 1 ftp://x"), Ok(hex("000a 0001 6674703a2f2f78")));
    assert_eq!(parse(Rtype::URI, r#"10 1 "a\"b c""#), Ok(hex("000a 0001 6122622063")));
    assert_eq!(err(Rtype::URI, r#"10 1 """#), (TextError::BadField, 5));
    assert_eq!(err(Rtype::URI, "10 1"), (TextError::MissingToken, 4));
}

#[test]
#[cfg(all(feature = "keys", feature = "extra", feature = "tsig"))]
fn gateway_hip_tsig_tkey_text() {
    // IPSECKEY: the key may be left out; the gateway must fit its type.
    assert_eq!(parse(Rtype::IPSECKEY, "10 0 2 ."), Ok(hex("0a0002")));
    assert_eq!(parse(Rtype::IPSECKEY, "10 0 2 . AQ ID"), Ok(hex("0a0002 010203")));
    assert_eq!(err(Rtype::IPSECKEY, "10 0 2 foo. AQID"), (TextError::BadField, 7));
    assert_eq!(err(Rtype::IPSECKEY, "10 1 2 . AQID"), (TextError::BadField, 7));
    assert_eq!(err(Rtype::IPSECKEY, "10 2 2 192.0.2.1 AQID"), (TextError::BadField, 7));
    assert_eq!(err(Rtype::IPSECKEY, "10 4 2 . AQID"), (TextError::BadField, 3));
    assert_eq!(err(Rtype::IPSECKEY, "10 3 2 gw AQID"), (TextError::RelativeName, 7));
    // AMTRELAY: the D bit is 0 or 1, the type 0 to 3 (octets from dnspython).
    assert_eq!(parse(Rtype::AMTRELAY, "10 1 0 ."), Ok(hex("0a80")));
    assert_eq!(parse(Rtype::AMTRELAY, "128 1 3 amtrelays.example.com."), Ok(hex("80 83 09616d7472656c617973076578616d706c6503636f6d00")));
    assert_eq!(err(Rtype::AMTRELAY, "10 2 0 ."), (TextError::BadNumber, 3));
    assert_eq!(err(Rtype::AMTRELAY, "10 1 127 ."), (TextError::BadField, 5));
    assert_eq!(err(Rtype::AMTRELAY, "10 1 1 2001:db8::1"), (TextError::BadField, 7));
    // HIP: the HIT in hex (either case), the key one token of base64.
    assert_eq!(parse(Rtype::HIP, "2 AB AQID"), Ok(hex("01 02 0003 ab 010203")));
    assert_eq!(parse(Rtype::HIP, "2 ab AQID rvs. rvs2."), Ok(hex("01 02 0003 ab 010203 03727673 00 0472767332 00")));
    assert_eq!(err(Rtype::HIP, "2 abc AQID"), (TextError::BadField, 2));
    assert_eq!(err(Rtype::HIP, "2 ab AQ ID"), (TextError::BadField, 5), "the key in one token");
    assert_eq!(err(Rtype::HIP, &std::format!("2 {} AQID", "ab".repeat(256))), (TextError::StringTooLong, 2));
    assert_eq!(err(Rtype::HIP, "2 ab"), (TextError::MissingToken, 4));
    // TSIG: lengths with their data, the error by number or mnemonic
    // (octets from dnspython).
    let tsig = |text: &str| parse(Rtype::TSIG, text);
    assert_eq!(
        tsig("hmac-sha256. 1700000000 300 3 AQID 6150 BADTIME 3 AQID"),
        Ok(hex("0b686d61632d73686132353600 00006553f100 012c 0003010203 1806 0012 0003010203"))
    );
    assert_eq!(
        tsig("hmac-sha256. 1700000000 300 3 AQID 6150 16 0"),
        Ok(hex("0b686d61632d73686132353600 00006553f100 012c 0003010203 1806 0010 0000"))
    );
    assert_eq!(tsig("hmac-sha256. 281474976710655 300 0 6150 BADSIG 0"), Ok(hex("0b686d61632d73686132353600 ffffffffffff 012c 0000 1806 0010 0000")));
    assert_eq!(err(Rtype::TSIG, "hmac-sha256. 281474976710656 300 0 1 0 0"), (TextError::BadNumber, 13));
    assert_eq!(err(Rtype::TSIG, "hmac-sha256. 1 300 4 AQID 1 0 0"), (TextError::BadField, 21), "length and MAC differ");
    assert_eq!(err(Rtype::TSIG, "hmac-sha256. 1 300 0 1 NOSUCHRCODE 0"), (TextError::UnknownMnemonic, 23));
    // TKEY: key one token, other data the rest, either may be absent; times
    // in seconds or as dates.
    let tkey = |text: &str| parse(Rtype::TKEY, text).map(|w| w[10..].to_vec());
    assert_eq!(tkey("gss-tsig. 1 2 3 4"), Ok(hex("00000001 00000002 0003 0004 0000 0000")));
    assert_eq!(tkey("gss-tsig. 1 2 3 BADKEY AAAA AQ ID"), Ok(hex("00000001 00000002 0003 0011 0003 000000 0003 010203")));
    assert_eq!(tkey("gss-tsig. 19700101000001 2 3 0 \"\" AQID"), Ok(hex("00000001 00000002 0003 0000 0000 0003 010203")));
    assert_eq!(err(Rtype::TKEY, "gss-tsig. 1 2 3 4 AQ"), (TextError::BadField, 18));
    // As BIND prints it: lengths before the key and the other data.
    assert_eq!(tkey("gss-tsig. 1700000000 1700086400 3 NOERROR 4 YWJjZA== 0"), Ok(hex("6553f100 65554280 0003 0000 0004 61626364 0000")));
    assert_eq!(tkey("gss-tsig. 1 2 3 0 0 3 AQID"), Ok(hex("00000001 00000002 0003 0000 0000 0003 010203")));
    assert_eq!(tkey("gss-tsig. 1 2 3 0 0 0"), Ok(hex("00000001 00000002 0003 0000 0000 0000")));
    // Base64 made of digits stays dnspython's form: BIND's lengths have no
    // leading zero, and need more tokens.
    assert_eq!(tkey("gss-tsig. 1 2 3 0 0000 0000"), Ok(hex("00000001 00000002 0003 0000 0003 d34d34 0003 d34d34")));
    assert_eq!(tkey("gss-tsig. 1 2 3 0 1234 AAAA"), Ok(hex("00000001 00000002 0003 0000 0003 d76df8 0003 000000")));
}

/// Class ANY and NONE records of UPDATE messages (RFC 2136 §2.4, §2.5), as
/// the codec prints them: no RDATA, or the zone class's form of it.
#[test]
#[cfg(all(feature = "legacy", feature = "tsig"))]
fn update_classes() {
    let mut buf = [0u8; 512];
    let rec = parse_record("old.example.\t0\tANY\tA", None, 0, &mut buf).unwrap();
    assert_eq!((rec.class, rec.data), (Class::ANY, RData::Empty(Rtype::A)));
    let rec = parse_record("old.example. 0 NONE ANY", None, 0, &mut buf).unwrap();
    assert_eq!((rec.class, rec.data), (Class::NONE, RData::Empty(Rtype::ANY)));
    let rec = parse_record("old.example. 0 NONE A 192.0.2.11", None, 0, &mut buf).unwrap();
    assert_eq!((rec.class, rec.data), (Class::NONE, RData::A(core::net::Ipv4Addr::new(192, 0, 2, 11))));
    let rec = parse_record("old.example. 0 NONE MX 10 mail.example.", None, 0, &mut buf).unwrap();
    assert!(matches!(rec.data, RData::Mx(_)), "{:?}", rec.data);
    // A CH zone's A record: a name and an octal address.
    let rec = parse_record("old.example. 0 NONE A ch-addr.example. 1234", None, 0, &mut buf).unwrap();
    assert!(matches!(rec.data, RData::ChA(_)), "{:?}", rec.data);
    let rec = parse_record("old.example. 0 NONE A \\# 4 c000020b", None, 0, &mut buf).unwrap();
    assert_eq!(rec.data, RData::Unknown { rtype: Rtype::A, data: &[192, 0, 2, 11] });
    let rec = parse_record("k. 0 ANY TSIG hmac-sha256. 1700000000 300 0 6150 NOERROR 0", None, 0, &mut buf).unwrap();
    assert!(matches!(rec.data, RData::Tsig(_)), "{:?}", rec.data);
    let e = parse_record("old.example. 0 NONE A 192.0.2.256", None, 0, &mut buf).unwrap_err();
    assert_eq!((e.error, e.column), (TextError::BadField, 22), "the IN reading's error");
    let mut out = [0u8; 16];
    assert_eq!(parse_rdata(Rtype::A, Class::ANY, "", None, &mut out), Ok(0));
    assert_eq!(parse_rdata(Rtype::NS, Class::NONE, "  ; nothing", None, &mut out), Ok(0));
}

/// RFC 8976 §2.2.2 to §2.2.4: the ZONEMD text the wire decoder refuses is
/// refused as text too (reserved scheme or hash algorithm 0, a digest whose
/// length does not fit SHA-384 or SHA-512, a digest under 12 octets).
#[test]
#[cfg(feature = "dnssec")]
fn zonemd_field_rules_apply_to_text() {
    let digest = |n: usize| "ab".repeat(n);
    for text in [
        std::format!("2018031900 0 1 {}", digest(48)),
        std::format!("2018031900 1 0 {}", digest(48)),
        std::format!("2018031900 1 1 {}", digest(47)),
        std::format!("2018031900 1 2 {}", digest(48)),
        std::format!("2018031900 240 240 {}", digest(11)),
    ] {
        assert_eq!(err(Rtype::ZONEMD, &text), (TextError::BadField, 0), "{text}");
    }
    assert!(parse(Rtype::ZONEMD, &std::format!("2018031900 1 2 {}", digest(64))).is_ok());
}

/// RFC 1712 §3: GPOS strings that are not decimal numbers in range are
/// refused as text as on the wire.
#[test]
#[cfg(feature = "legacy")]
fn gpos_field_rules_apply_to_text() {
    for text in ["91 0 0", "0 -180.5 0", "0 0 1e3", "abc 0 0", "0 0 \"\""] {
        assert_eq!(err(Rtype::GPOS, text), (TextError::BadField, 0), "{text}");
    }
    assert_eq!(parse(Rtype::GPOS, "-90 180 .5"), Ok(hex("03 2d3930 03 313830 02 2e35")));
}
