//! What each class of error says. The wording follows what named-checkzone
//! (BIND 9.18) and kzonecheck (Knot 3.2) print for the same record: the kind
//! of value that was wrong (`bad IPv4 address`, `bad TTL`, `expected a
//! number`), then the record type and field (`(MX preference)`).

extern crate std;
use std::string::String;

use super::parse_record;
use crate::NameBuf;

/// The message for one record of the zone `example.`.
fn reason(text: &str) -> String {
    let origin = NameBuf::from_text("example.").unwrap();
    let mut buf = [0u8; 512];
    let e = parse_record(text, Some(&origin.as_name()), 0, &mut buf).map(|_| ()).unwrap_err();
    std::format!("{}", e.reason())
}

/// named-checkzone: `bad dotted quad`; kzonecheck: `invalid IPv4 address`.
#[test]
fn a_bad_ipv4_address() {
    assert_eq!(reason("www A 192.0.2.300"), "bad IPv4 address");
}

/// named-checkzone: `bad IPv6 address`.
#[test]
fn a_bad_ipv6_address() {
    assert_eq!(reason("www AAAA 2001:db8::zz"), "bad IPv6 address");
}

/// kzonecheck: `invalid time unit`.
#[test]
fn a_bad_ttl() {
    assert_eq!(reason("www 1x A 192.0.2.1"), "bad TTL");
}

/// named-checkzone: `not a valid number`.
#[test]
fn a_word_where_a_number_goes() {
    assert_eq!(reason("www MX q mail"), "expected a number (MX preference)");
}

/// named-checkzone: `out of range`; kzonecheck: `number is bigger than 16 bits`.
#[test]
fn a_number_out_of_range() {
    assert_eq!(reason("www MX 70000 mail"), "number out of range (MX preference)");
}

/// named-checkzone: `unexpected end of input`.
#[test]
fn a_missing_field() {
    assert_eq!(reason("www MX 10"), "missing field (MX exchange)");
}

/// named-checkzone: `unknown RR type 'BOGUS'`.
#[test]
fn an_unknown_record_type() {
    assert_eq!(reason("www IN BOGUS x"), "unknown record type");
}

/// named-checkzone: `extra input text`.
#[test]
fn an_extra_field() {
    assert_eq!(reason("www A 192.0.2.1 extra"), "extra field");
}

/// named-checkzone: `bad base64 encoding`.
#[test]
#[cfg(feature = "dnssec")]
fn bad_base64() {
    assert_eq!(reason("@ DNSKEY 256 3 8 AQ=D"), "bad base64 encoding (DNSKEY public key)");
}

/// kzonecheck: `invalid hexadecimal character`.
#[test]
#[cfg(feature = "dnssec")]
fn bad_hex() {
    assert_eq!(reason("@ DS 1 13 2 abcx"), "bad hexadecimal (DS digest)");
}

/// kzonecheck: `invalid timestamp character`.
#[test]
#[cfg(feature = "dnssec")]
fn a_bad_signature_time() {
    assert_eq!(
        reason("@ RRSIG A 13 3 60 2003-01-01 20261201000000 1 example. AQID"),
        "bad timestamp, expected YYYYMMDDHHmmSS or seconds since 1970 (RRSIG expiration)"
    );
}

/// kzonecheck: `invalid algorithm`.
#[test]
#[cfg(feature = "dnssec")]
fn an_unknown_algorithm() {
    assert_eq!(reason("@ DNSKEY 256 3 RSA1 AQID"), "unknown DNSSEC algorithm (DNSKEY algorithm)");
}

/// A TTL field inside RDATA, as kzonecheck reads it: `invalid time unit`.
#[test]
fn a_bad_ttl_in_rdata() {
    assert_eq!(reason("@ SOA ns host 1 2 3 4 1x"), "bad TTL (SOA minimum)");
}
