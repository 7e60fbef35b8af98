//! Text every other zone reader takes or refuses, read the same way. Each
//! test names the RFC; expected octets come from the RFC or from dnspython
//! 2.7.0 (`dns.rdata.from_text(...).to_wire()`).

extern crate std;

use std::vec::Vec;

use super::parse_rdata;
use crate::error::TextError;
use crate::iana::{Class, Rtype};

fn hex(text: &str) -> Vec<u8> {
    let digits: Vec<u8> = text.bytes().filter(u8::is_ascii_hexdigit).collect();
    digits.chunks(2).map(|p| u8::from_str_radix(core::str::from_utf8(p).unwrap(), 16).unwrap()).collect()
}

fn parse(rtype: Rtype, text: &str) -> Result<Vec<u8>, TextError> {
    let mut out = std::vec![0u8; 65535];
    let n = parse_rdata(rtype, Class::IN, text, None, &mut out).map_err(|e| e.error)?;
    out.truncate(n);
    Ok(out)
}

fn reads_as(rtype: Rtype, text: &str, octets: &str) {
    assert_eq!(parse(rtype, text), Ok(hex(octets)), "{rtype} {text}");
}

const RRSIG_SIGNATURE: &str = "oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTrPYGv07h108dUKGMeDPKijVCHX3DDKdfb+v6oB9wfuh3DTJXUAfI/M0zmO/zz8bW0Rznl8O3tGNazPwQKkRN20XPXV6nwwfoXmJQbsLNrLfkGJ5D6fwFm8nN+6pBzeDQfsS3Ap3o=";

// RFC 4034 §2.2, §3.2, §5.3: the algorithm field may be a mnemonic.

#[test]
fn dnskey_algorithm_by_mnemonic() {
    reads_as(Rtype::DNSKEY, "256 3 RSASHA256 AQPJ////4Q==", "010003080103c9ffffffe1");
    reads_as(Rtype::DNSKEY, "257 3 ecdsap256sha256 AQPJ////4Q==", "0101030d0103c9ffffffe1");
}

#[test]
fn cdnskey_algorithm_by_mnemonic() {
    reads_as(Rtype::CDNSKEY, "257 3 RSAMD5 AQPJ////4Q==", "010103010103c9ffffffe1");
}

#[test]
fn rrsig_algorithm_by_mnemonic() {
    let text = std::format!("A RSASHA1 3 86400 20030322173103 20030220173103 2642 example.com. {RRSIG_SIGNATURE}");
    let octets = parse(Rtype::RRSIG, &text).unwrap();
    assert_eq!(octets[..4], hex("00010503"), "RFC 4034 §3.3's record, algorithm 5");
}

#[test]
fn ds_and_cds_algorithm_by_mnemonic() {
    reads_as(Rtype::DS, "60485 RSASHA1 1 2BB183AF5F22588179A53B0A98631FAD1A292118", "ec4505012bb183af5f22588179a53b0a98631fad1a292118");
    reads_as(Rtype::CDS, "60485 ECDSAP384SHA384 1 2BB183AF5F22588179A53B0A98631FAD1A292118", "ec450e012bb183af5f22588179a53b0a98631fad1a292118");
}

#[test]
fn algorithm_by_the_registry_spelling() {
    // The IANA registry (RFC 5155 §2, RFC 5933) spells 6, 7 and 12 with
    // hyphens; octets by hand, as Knot reads them.
    reads_as(Rtype::DNSKEY, "256 3 RSASHA1-NSEC3-SHA1 AA==", "01000307 00");
    reads_as(Rtype::CERT, "0 0 DSA-NSEC3-SHA1 AA==", "00000000 06 00");
    reads_as(Rtype::CERT, "0 0 ECC-GOST AA==", "00000000 0c 00");
}

#[test]
fn unknown_algorithm_mnemonic() {
    assert_eq!(parse(Rtype::DNSKEY, "256 3 RSASHA3 AA=="), Err(TextError::UnknownMnemonic));
}

// SOA timers with TTL units, as RFC 2308 §4 reads the MINIMUM as a TTL and
// every zone reader takes them (dnspython's octets).

#[test]
fn soa_timers_with_units() {
    reads_as(
        Rtype::SOA,
        "ns.example. host.example. 1 1d 1h 1m 1s",
        "026e73076578616d706c650004686f7374076578616d706c6500 00000001 00015180 00000e10 0000003c 00000001",
    );
    reads_as(
        Rtype::SOA,
        "ns.example. host.example. 2007120710 1w2d3h4m5s 2w 1h30m 0",
        "026e73076578616d706c650004686f7374076578616d706c6500 77a23b46 000c08a5 00127500 00001518 00000000",
    );
}

#[test]
fn soa_serial_takes_no_units() {
    assert_eq!(parse(Rtype::SOA, "ns.example. host.example. 1d 1 1 1 1"), Err(TextError::BadNumber));
}

// Keys, signatures, digests and data the RFCs' presentation forms require.

#[test]
fn dnskey_without_key() {
    // RFC 4034 §2.2: the public key field is required.
    assert_eq!(parse(Rtype::DNSKEY, "256 3 8"), Err(TextError::MissingToken));
    assert_eq!(parse(Rtype::CDNSKEY, "256 3 8"), Err(TextError::MissingToken));
}

#[test]
fn key_without_key() {
    // RFC 2535 §3.1.2: a key is left out only when the flags say "no key"
    // (0xC000). Octets by hand; Knot's for a key given anyway.
    assert_eq!(parse(Rtype::KEY, "0 3 8"), Err(TextError::MissingToken));
    reads_as(Rtype::KEY, "49152 3 0", "c000 03 00");
    reads_as(Rtype::KEY, "65535 255 255 AA==", "ffff ff ff 00");
    reads_as(Rtype::KEY, "256 3 RSASHA1 AQID", "0100 03 05 010203");
}

#[test]
fn rrsig_without_signature() {
    // RFC 4034 §3.2.
    assert_eq!(parse(Rtype::RRSIG, "A 5 3 86400 20030322173103 20030220173103 2642 example.com."), Err(TextError::MissingToken));
}

#[test]
fn cert_without_certificate() {
    // RFC 4398 §2.2.
    assert_eq!(parse(Rtype::CERT, "1 0 0"), Err(TextError::MissingToken));
}

#[test]
fn ds_without_digest() {
    // RFC 4034 §5.3.
    assert_eq!(parse(Rtype::DS, "60485 5 1"), Err(TextError::MissingToken));
}

#[test]
fn sshfp_without_fingerprint() {
    // RFC 4255 §3.2.
    assert_eq!(parse(Rtype::SSHFP, "1 1"), Err(TextError::MissingToken));
}

#[test]
fn tlsa_without_data() {
    // RFC 6698 §2.2.
    assert_eq!(parse(Rtype::TLSA, "3 1 1"), Err(TextError::MissingToken));
}

#[test]
fn zonemd_without_digest() {
    // RFC 8976 §2.3.
    assert_eq!(parse(Rtype::ZONEMD, "2021071219 1 1"), Err(TextError::MissingToken));
}

#[test]
fn openpgpkey_without_key() {
    // RFC 7929 §2.3.
    assert_eq!(parse(Rtype::OPENPGPKEY, ""), Err(TextError::MissingToken));
}

#[test]
fn dhcid_without_digest() {
    // RFC 4701 §3.3 (and §3.5: at least the two type fields).
    assert_eq!(parse(Rtype::DHCID, ""), Err(TextError::MissingToken));
}

// Values out of range are refused, not changed.

#[test]
fn loc_size_and_precisions_at_most_90000000_m() {
    // RFC 1876 §3: siz, hp, vp in [0 .. 90000000.00] m; the largest is 9e9 cm
    // (octet 0x99, RFC 1876 §2); dnspython's octets for the largest.
    reads_as(Rtype::LOC, "0 0 0 N 0 0 0 E 0 90000000 90000000 90000000.00m", "00999999800000008000000000989680");
    for text in ["0 0 0 N 0 0 0 E 0 90000000.01", "0 0 0 N 0 0 0 E 0 1 90000001", "0 0 0 N 0 0 0 E 0 1 1 90000000.01m"] {
        assert_eq!(parse(Rtype::LOC, text), Err(TextError::BadNumber), "{text}");
    }
}

#[test]
fn locator_group_that_lost_a_digit() {
    // RFC 6742 §2.3.3 writes four digits a group; BIND leaves leading zeros
    // out. `000` is neither.
    assert_eq!(parse(Rtype::L64, "0 0000:0000:0000:000"), Err(TextError::BadField));
    assert_eq!(parse(Rtype::NID, "10 0014:4fff:ff20:0ee"), Err(TextError::BadField));
    reads_as(Rtype::NID, "10 14:4fff:ff20:ee64", "000a 0014 4fff ff20 ee64");
    reads_as(Rtype::L64, "10 2001:db8:1140:0", "000a 2001 0db8 1140 0000");
}

// SVCB (RFC 9460 Appendix A): char-string escapes first, then in a
// value-list only `\,` and `\\`; parameters that are not self-consistent.

#[test]
fn svcb_alpn_escapes_of_the_rfc() {
    // RFC 9460 Appendix D.2, Figure 8: the RFC's own octets.
    reads_as(
        Rtype::SVCB,
        r#"16 foo.example.org. alpn="f\\\\oo\\,bar,h2""#,
        "0010 03666f6f076578616d706c65036f726700 0001 000c 08665c6f6f2c626172 026832",
    );
    reads_as(
        Rtype::SVCB,
        r"16 foo.example.org. alpn=f\\\092oo\092,bar,h2",
        "0010 03666f6f076578616d706c65036f726700 0001 000c 08665c6f6f2c626172 026832",
    );
    // dnspython's octets: `\\` then `\092` make the list-level `\\`.
    reads_as(Rtype::SVCB, r"1 . alpn=foo\\\092,bar", "0001 00 0001 0009 04666f6f5c 03626172");
}

/// An alpn-id holding `,` and `"`: the value-list escapes only the comma
/// (RFC 9460 Appendix A.1), the quoting escapes the quote, so what is shown
/// reads back to the same octets.
#[test]
fn svcb_alpn_with_comma_and_quote_reads_back_from_its_display() {
    let wire = hex("0002 047376633200 0001 0006 05682c6f6f22");
    let mut r = crate::wire::Reader::new(&wire);
    let data = crate::RData::decode(Rtype::HTTPS, Class::IN, false, &mut r).unwrap();
    let shown = std::format!("{data}");
    assert_eq!(parse(Rtype::HTTPS, &shown), Ok(wire), "{shown}");
}

#[test]
fn svcb_alpn_backslash_before_another_character() {
    for text in [r"1 . alpn=a\\b", r"1 . alpn=a\\\b", r"1 . alpn=a\\092,b", r"1 . alpn=a\\"] {
        assert_eq!(parse(Rtype::SVCB, text), Err(TextError::BadEscape), "{text}");
    }
}

#[test]
fn svcb_escapes_in_keys_ports_and_addresses() {
    for text in [r"1 . mandatory=\alpn alpn=h2", r"1 . ipv4hint=1\.2.3.4", r"1 . ipv6hint=::1\,::2", r"1 . port=\053"] {
        assert_eq!(parse(Rtype::SVCB, text), Err(TextError::BadEscape), "{text}");
    }
}

#[test]
fn svcb_keys_are_lowercase() {
    // RFC 9460 §2.1: key = 1*63(ALPHA-LC / DIGIT / "-").
    assert_eq!(parse(Rtype::SVCB, "1 . PORT=0"), Err(TextError::UnknownMnemonic));
    assert_eq!(parse(Rtype::SVCB, "1 . Key65333=x"), Err(TextError::UnknownMnemonic));
}

#[test]
fn svcb_no_default_alpn_needs_alpn() {
    // RFC 9460 §7.1.1; dnspython refuses it too.
    assert_eq!(parse(Rtype::SVCB, "1 . no-default-alpn"), Err(TextError::BadField));
    reads_as(Rtype::SVCB, "1 . no-default-alpn alpn=h2", "0001 00 0001 0003 026832 0002 0000");
}

#[test]
fn svcb_ech_and_dohpath_need_a_value() {
    // An ECHConfigList is never empty (draft-ietf-tls-svcb-ech §2); a DoH
    // URI template holds at least `{?dns}` (RFC 9461 §5).
    for text in ["1 . ech", "1 . ech=", "1 . ech=\"\"", "1 . dohpath", "1 . dohpath=", "1 . dohpath=\"\""] {
        assert!(parse(Rtype::SVCB, text).is_err(), "{text}");
    }
}

#[test]
fn svcb_registered_keys_by_name() {
    // The IANA SvcParamKeys registry: 9 to 12. tls-supported-groups is a
    // list of TLS NamedGroups in decimal (draft-ietf-tls-key-share-prediction
    // §3): x25519 (29), secp256r1 (23).
    reads_as(Rtype::SVCB, "1 . tls-supported-groups=29,23", "0001 00 0009 0004 001d 0017");
    reads_as(Rtype::SVCB, "1 . docpath=\\000", "0001 00 000a 0001 00");
    reads_as(Rtype::SVCB, "1 . pvd", "0001 00 000b 0000");
    reads_as(Rtype::SVCB, "1 . oots=x", "0001 00 000c 0001 78");
    assert_eq!(parse(Rtype::SVCB, "1 . tls-supported-groups=x25519"), Err(TextError::BadNumber));
}

// Text forms other readers have: DSYNC (RFC 9859), NXT (RFC 2535), newer
// type mnemonics, WKS service names, the class CS.

#[test]
fn dsync_by_mnemonics() {
    // RFC 9859 §2.2's form; the octets Knot reads for it.
    reads_as(Rtype::DSYNC, "CDS NOTIFY 53 *._dsync.example.", "003b 01 0035 012a065f6473796e63076578616d706c6500");
    reads_as(Rtype::DSYNC, "CSYNC 1 5360 .", "003e 01 14f0 00");
    reads_as(Rtype::DSYNC, r"type59 0 0 \000\001\002\003\004\005\006\007\008\009.", "003b 00 0000 0a00010203040506070809 00");
}

#[test]
fn dsync_malformed() {
    assert_eq!(parse(Rtype::DSYNC, "JUNK NOTIFY 53 example.com."), Err(TextError::UnknownMnemonic));
    assert_eq!(parse(Rtype::DSYNC, "CDS JUNK 53 junk._dsync.example."), Err(TextError::UnknownMnemonic));
    assert_eq!(parse(Rtype::DSYNC, "CDS NOTIFY 65567 port.number.overflow."), Err(TextError::BadNumber));
    assert_eq!(parse(Rtype::DSYNC, "CDS"), Err(TextError::MissingToken));
    assert_eq!(parse(Rtype::DSYNC, r"\# 0"), Err(TextError::BadField));
}

#[test]
fn dsync_presents_as_rfc_9859_writes_it() {
    let mut out = std::vec![0u8; 64];
    let n = parse_rdata(Rtype::DSYNC, Class::IN, "CDS NOTIFY 5359 cds-scanner.example.net.", None, &mut out).unwrap();
    let data = crate::rdata::RData::decode(Rtype::DSYNC, Class::IN, false, &mut crate::wire::Reader::new(&out[..n])).unwrap();
    assert_eq!(std::format!("{data}"), "CDS NOTIFY 5359 cds-scanner.example.net.");
}

#[test]
fn nxt_of_rfc_2535() {
    // RFC 2535 §5.4: `big.foo.tld. NXT medium.foo.tld. A MX SIG NXT`; the
    // bitmap by hand: types 1, 15, 24 and 30 (§5.2).
    reads_as(Rtype::NXT, "medium.foo.tld. A MX SIG NXT", "066d656469756d03666f6f03746c6400 40 01 00 82");
    reads_as(Rtype::NXT, "medium.foo.tld.", "066d656469756d03666f6f03746c6400");
    assert_eq!(parse(Rtype::NXT, "medium.foo.tld. TYPE128"), Err(TextError::BadField));
    assert_eq!(parse(Rtype::NXT, "medium.foo.tld. TYPE0"), Err(TextError::BadField));
}

#[test]
fn newer_type_mnemonics() {
    // The IANA RR type registry.
    for (text, value) in [("HHIT", 67), ("BRID", 68), ("CLA", 263), ("IPN", 264), ("hhit", 67)] {
        assert_eq!(Rtype::from_mnemonic(text), Some(Rtype(value)), "{text}");
    }
    let mut buf = [0u8; 64];
    let rec = super::parse_record(r"x. IPN \# 8 0000000000000001", None, 0, &mut buf).unwrap();
    assert_eq!(rec.record().rtype(), Rtype(264));
}

#[test]
fn wks_service_names() {
    // dnspython's octets (ports 1 and 25).
    reads_as(Rtype::WKS, "192.0.2.1 TCP smtp tcpmux", "c0000201 06 40000040");
}

#[test]
fn class_cs() {
    // RFC 1035 §3.2.4: CS, the CSNET class, 2.
    let mut buf = [0u8; 64];
    let rec = super::parse_record("x. 60 CS TXT a", None, 0, &mut buf).unwrap();
    assert_eq!(rec.class, Class(2));
}

#[test]
fn ipseckey_algorithm_0_has_no_key() {
    // RFC 4025 §2.4: algorithm 0, "no key is present"; RFC 4025 §3.3's
    // record with algorithm 2 keeps its key.
    assert_eq!(parse(Rtype::IPSECKEY, "0 0 0 . AA=="), Err(TextError::ExtraToken));
    reads_as(Rtype::IPSECKEY, "0 0 0 .", "00 00 00");
    reads_as(
        Rtype::IPSECKEY,
        "10 1 2 192.0.2.38 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==",
        "0a 01 02 c0000226 010351537986ed35533b6064478eeeb27b5bd74dae149b6e81ba3a0521af82ab7801",
    );
}

#[test]
fn dhcid_and_openpgpkey_empty_in_generic_form() {
    // The wire rules apply to `\#` too (RFC 4701 §3.3, RFC 7929 §2.1).
    assert_eq!(parse(Rtype::DHCID, r"\# 0"), Err(TextError::BadField));
    assert_eq!(parse(Rtype::OPENPGPKEY, r"\# 0"), Err(TextError::BadField));
    reads_as(Rtype::DHCID, r"\# 1 00", "00");
}
