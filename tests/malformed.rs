//! Every class of malformed message the codec core rejects, each asserting the
//! exact `DecodeError` variant. Bytes are written one wire field per line.

mod common;
use common::hex;
use dnswire::{DecodeError, Message};

fn rejects(wire_hex: &str, expected: DecodeError) {
    let wire = hex(wire_hex);
    assert_eq!(Message::decode(&wire).unwrap_err(), expected, "{wire_hex}");
}

/// A query header with the given counts.
fn header(qd: u16, an: u16, ns: u16, ar: u16) -> String {
    format!("1234 0100 {qd:04x} {an:04x} {ns:04x} {ar:04x}")
}

const Q_EXAMPLE: &str = "07 6578616d706c65 00  0001 0001"; // example. A IN

#[test]
fn short_header() {
    rejects("", DecodeError::Truncated);
    rejects("1234 0100 0000 0000 0000 00", DecodeError::Truncated);
}

#[test]
fn counts_beyond_the_data() {
    rejects(&header(1, 0, 0, 0), DecodeError::NameUnterminated);
    rejects(&format!("{} {Q_EXAMPLE}", header(2, 0, 0, 0)), DecodeError::NameUnterminated);
    rejects(&format!("{} {Q_EXAMPLE}", header(1, 1, 0, 0)), DecodeError::NameUnterminated);
    rejects(&format!("{} {Q_EXAMPLE}", header(0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF)), DecodeError::NameUnterminated);
}

#[test]
fn fixed_fields_truncated() {
    rejects(&format!("{} 07 6578616d706c65 00 0001", header(1, 0, 0, 0)), DecodeError::Truncated);
    // Record: owner, type, class, then a TTL cut short.
    rejects(&format!("{} {Q_EXAMPLE} c00c 0001 0001 0000", header(1, 1, 0, 0)), DecodeError::Truncated);
}

#[test]
fn names() {
    // Label running past the end.
    rejects(&format!("{} 07 6578616d", header(1, 0, 0, 0)), DecodeError::Truncated);
    // Label types 01 and 10 (RFC 6891 §5 retired the extended label types).
    rejects(&format!("{} 41 00 0001 0001", header(1, 0, 0, 0)), DecodeError::BadLabelType);
    rejects(&format!("{} 81 00 0001 0001", header(1, 0, 0, 0)), DecodeError::BadLabelType);
    // 256 octets: four 63-octet labels (256 with lengths) and the root.
    let four = format!("{}{}", ("3f".to_string() + &"61".repeat(63)).repeat(4), "00");
    rejects(&format!("{} {four} 0001 0001", header(1, 0, 0, 0)), DecodeError::NameTooLong);
}

#[test]
fn pointers() {
    // To itself (RFC 9267 §2), into the header, forward, beyond the message.
    rejects(&format!("{} c00c 0001 0001", header(1, 0, 0, 0)), DecodeError::BadPointer);
    rejects(&format!("{} c002 0001 0001", header(1, 0, 0, 0)), DecodeError::BadPointer);
    rejects(&format!("{} c010 0001 0001 00", header(1, 0, 0, 0)), DecodeError::BadPointer);
    rejects(&format!("{} c0ff 0001 0001", header(1, 0, 0, 0)), DecodeError::BadPointer);
    // Truncated pointer: the message ends after its first octet.
    rejects(&format!("{} c0", header(1, 0, 0, 0)), DecodeError::Truncated);
    // A loop through a label: 01 61 then a pointer back to that label.
    rejects(&format!("{} 0161 c00c 0001 0001", header(1, 0, 0, 0)), DecodeError::BadPointer);
}

#[test]
fn rdata_lengths() {
    // RDLENGTH past the message.
    rejects(&format!("{} {Q_EXAMPLE} c00c 0001 0001 00000e10 0004 c000", header(1, 1, 0, 0)), DecodeError::RdataOverrun);
    // A with 0 and with 16 octets.
    rejects(&format!("{} {Q_EXAMPLE} c00c 0001 0001 00000e10 0000", header(1, 1, 0, 0)), DecodeError::RdataLength);
    rejects(
        &format!("{} {Q_EXAMPLE} c00c 0001 0001 00000e10 0010 {}", header(1, 1, 0, 0), "00".repeat(16)),
        DecodeError::RdataLength,
    );
    // A CNAME target crossing RDLENGTH: the name is 9 octets, RDLENGTH says 4
    // (ends after a label) or 5 (ends inside one).
    rejects(
        &format!("{} {Q_EXAMPLE} c00c 0005 0001 00000e10 0004 0377777703636f6d00", header(1, 1, 0, 0)),
        DecodeError::NameUnterminated,
    );
    rejects(
        &format!("{} {Q_EXAMPLE} c00c 0005 0001 00000e10 0005 0377777703636f6d00", header(1, 1, 0, 0)),
        DecodeError::RdataLength,
    );
    // MX: slack octets after the exchange.
    rejects(&format!("{} {Q_EXAMPLE} c00c 000f 0001 00000e10 0005 000a c00c ff", header(1, 1, 0, 0)), DecodeError::RdataLength);
    // MX: preference cut short.
    rejects(&format!("{} {Q_EXAMPLE} c00c 000f 0001 00000e10 0001 00", header(1, 1, 0, 0)), DecodeError::RdataLength);
    // TXT: a character-string longer than what is left.
    rejects(&format!("{} {Q_EXAMPLE} c00c 0010 0001 00000e10 0003 05 6162", header(1, 1, 0, 0)), DecodeError::FieldOverrun);
    // CAA: tag length past the RDATA.
    rejects(&format!("{} {Q_EXAMPLE} c00c 0101 0001 00000e10 0003 00 09 69", header(1, 1, 0, 0)), DecodeError::FieldOverrun);
    // CAA: empty tag (RFC 8659 §4.1).
    rejects(&format!("{} {Q_EXAMPLE} c00c 0101 0001 00000e10 0002 00 00", header(1, 1, 0, 0)), DecodeError::InvalidValue);
    // TXT with no string at all (RFC 1035 §3.3.14 asks for one or more).
    rejects(&format!("{} {Q_EXAMPLE} c00c 0010 0001 00000e10 0000", header(1, 1, 0, 0)), DecodeError::InvalidValue);
}

#[test]
fn opt_record() {
    const OPT: &str = "00 0029 1000 00000000 0000";
    rejects(&format!("{} {Q_EXAMPLE} {OPT}", header(1, 1, 0, 0)), DecodeError::OptMisplaced);
    rejects(&format!("{} {Q_EXAMPLE} {OPT}", header(1, 0, 1, 0)), DecodeError::OptMisplaced);
    rejects(&format!("{} {Q_EXAMPLE} {OPT} {OPT}", header(1, 0, 0, 2)), DecodeError::DuplicateOpt);
    rejects(&format!("{} {Q_EXAMPLE} c00c 0029 1000 00000000 0000", header(1, 0, 0, 1)), DecodeError::OptOwnerNotRoot);
    // An option whose length runs past the OPT RDATA.
    rejects(&format!("{} {Q_EXAMPLE} 00 0029 1000 00000000 0006 000a 0008 0102", header(1, 0, 0, 1)), DecodeError::OptionOverrun);
    // The same OPT is fine on its own.
    let ok = hex(&format!("{} {Q_EXAMPLE} {OPT}", header(1, 0, 0, 1)));
    assert_eq!(Message::decode(&ok).unwrap().edns().unwrap().udp_payload_size, 4096);
}

#[test]
fn trailing_data() {
    rejects(&format!("{} {Q_EXAMPLE} 00", header(1, 0, 0, 0)), DecodeError::TrailingData);
}

#[test]
fn oversized_message() {
    let mut wire = hex(&header(0, 0, 0, 0));
    wire.resize(65536, 0);
    assert_eq!(Message::decode(&wire).unwrap_err(), DecodeError::MessageTooLong);
}

#[test]
fn tcp_frame() {
    let framed = hex(&format!("0011 {}", header(0, 0, 0, 0)));
    assert_eq!(Message::decode_tcp(&framed).unwrap_err(), DecodeError::FrameTruncated);
    let framed = hex(&format!("000c {} ff", header(0, 0, 0, 0)));
    let (msg, rest) = Message::decode_tcp(&framed).unwrap();
    assert_eq!((msg.header().id, rest), (0x1234, &[0xff][..]));
}

#[test]
fn compression_only_where_permitted() {
    // An RDATA name with a pointer in a type that decompresses (MX): fine.
    let ok = hex(&format!("{} {Q_EXAMPLE} c00c 000f 0001 00000e10 0004 000a c00c", header(1, 1, 0, 0)));
    Message::decode(&ok).unwrap();
}

#[test]
fn hostile_but_valid() {
    // A pointer as the last two octets of the message.
    let ok = hex(&format!("{} {Q_EXAMPLE} c00c 0002 0001 00000e10 0002 c00c", header(1, 1, 0, 0)));
    Message::decode(&ok).unwrap();
    // A response with no question; unknown type and class; label octets that
    // are dots, NULs and high bytes.
    let ok = hex(&format!("{} 04 2e00ff41 00 ff00 0fff 00000000 0002 abcd", header(0, 1, 0, 0)));
    let msg = Message::decode(&ok).unwrap();
    let r = msg.answers().next().unwrap();
    assert_eq!(r.to_string(), "\\.\\000\\255A.\t0\tCLASS4095\tTYPE65280\t\\# 2 abcd");
    // A 255-octet name (three 63-octet labels, one 61-octet label, the root).
    let name = format!("{}{}00", ("3f".to_string() + &"61".repeat(63)).repeat(3), "3d".to_string() + &"62".repeat(61));
    let ok = hex(&format!("{} {name} 0001 0001", header(1, 0, 0, 0)));
    assert_eq!(Message::decode(&ok).unwrap().question().unwrap().qname.wire_len(), 255);
}

#[test]
fn ds_digest_length_follows_its_type() {
    // DS, key tag 1, algorithm 8, digest type 2 (SHA-256, RFC 4509 §2.2) with a
    // 20-octet digest: the length of SHA-1, not SHA-256.
    let ds = |rtype: &str, rest: &str| {
        let len = rest.split_whitespace().map(|w| w.len() / 2).sum::<usize>();
        format!("{} {Q_EXAMPLE} c00c {rtype} 0001 00000e10 {len:04x} {rest}", header(1, 1, 0, 0))
    };
    rejects(&ds("002b", &format!("0001 08 02 {}", "ab".repeat(20))), DecodeError::InvalidValue);
    Message::decode(&hex(&ds("002b", &format!("0001 08 02 {}", "ab".repeat(32))))).unwrap();
    // The CDS delete request `0 0 0 00` (RFC 8078 §4) is valid in CDS only.
    Message::decode(&hex(&ds("003b", "0000 00 00 00"))).unwrap();
    rejects(&ds("002b", "0000 00 00 00"), DecodeError::InvalidValue);
}
