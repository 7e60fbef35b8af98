//! The hostile-input suite: one case per class of malformed message, each
//! asserting the exact `DecodeError` variant, each built from commented bytes
//! and naming its precedent: the RFC 9267 anti-pattern or the CVE of a stack
//! that got it wrong (AMNESIA:33, NAME:WRECK, Ripple20 and others). Then the
//! hostile but valid inputs, which must decode, and the encode side.

mod common;
use common::hex;
use dnswire::*;

fn rejects(wire_hex: &str, expected: DecodeError) {
    let wire = hex(wire_hex);
    assert_eq!(Message::decode(&wire).unwrap_err(), expected, "{wire_hex}");
}

/// A query header with the given counts.
fn header(qd: u16, an: u16, ns: u16, ar: u16) -> String {
    format!("1234 0100 {qd:04x} {an:04x} {ns:04x} {ar:04x}")
}

const Q_EXAMPLE: &str = "07 6578616d706c65 00  0001 0001"; // example. A IN

/// RFC 1035 §4.1.1: the header is 12 octets.
#[test]
fn short_header() {
    rejects("", DecodeError::Truncated);
    rejects("1234 0100 0000 0000 0000 00", DecodeError::Truncated);
}

/// CVE-2020-25109 (Nut/OS, AMNESIA:33): counts not checked against the data;
/// RFC 9267 §6.
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

/// RFC 9267 §3 and §4; GHSA-64m3-gx4j-jq98 (Nut/OS: no check for the
/// terminating zero); RFC 6891 §5 retired the extended label types.
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

/// RFC 9267 §2; CVE-2020-24338 (picoTCP: pointer offsets not checked against
/// the data), CVE-2020-25767 (NicheStack: forward pointers), CVE-2017-12995
/// (tcpdump: pointer loop).
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

/// RFC 9267 §5; CVE-2020-25108 (Nut/OS) and CVE-2020-25928 (NicheStack):
/// RDLENGTH not checked; CVE-2020-11901 (Treck, Ripple20).
#[test]
fn rdata_lengths() {
    // RDLENGTH past the message.
    rejects(&format!("{} {Q_EXAMPLE} c00c 0001 0001 00000e10 0004 c000", header(1, 1, 0, 0)), DecodeError::RdataOverrun);
    // A with 0 and with 16 octets.
    rejects(&format!("{} {Q_EXAMPLE} c00c 0001 0001 00000e10 0000", header(1, 1, 0, 0)), DecodeError::RdataLength);
    rejects(&format!("{} {Q_EXAMPLE} c00c 0001 0001 00000e10 0010 {}", header(1, 1, 0, 0), "00".repeat(16)), DecodeError::RdataLength);
    // A CNAME target crossing RDLENGTH: the name is 9 octets, RDLENGTH says 4
    // (ends after a label) or 5 (ends inside one).
    rejects(&format!("{} {Q_EXAMPLE} c00c 0005 0001 00000e10 0004 0377777703636f6d00", header(1, 1, 0, 0)), DecodeError::NameUnterminated);
    rejects(&format!("{} {Q_EXAMPLE} c00c 0005 0001 00000e10 0005 0377777703636f6d00", header(1, 1, 0, 0)), DecodeError::RdataLength);
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

/// RFC 6891 §6.1.1 (one OPT, in the additional section), §6.1.2 (root owner,
/// options within RDLENGTH).
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

/// RFC 9267 §6: octets past the last counted record.
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

/// RFC 1035 §4.2.2: the two-octet TCP length prefix.
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

/// Hostile but valid: all of these must decode.
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

/// RFC 9267 §2: pointer chains must be bounded (MAX_POINTERS per name); a
/// two-pointer cycle; a 256-octet name reached through pointers.
#[test]
fn pointer_chains_and_cycles() {
    // Built directly: header, a record of unknown type whose RDATA holds the
    // name "a." and then N pointers each to the one before, and a second
    // record whose owner is a pointer to the last link.
    let build = |links: usize| -> Vec<u8> {
        let mut w = hex("1234 8000 0000 0002 0000 0000");
        // Record 1: owner root, TYPE65280, class IN, TTL 0, RDLENGTH.
        w.extend_from_slice(&[0x00, 0xff, 0x00, 0x00, 0x01, 0, 0, 0, 0]);
        let rdlen = 3 + 2 * links;
        w.extend_from_slice(&(rdlen as u16).to_be_bytes());
        let first = w.len() as u16; // where "a." starts
        w.extend_from_slice(&[0x01, b'a', 0x00]);
        let mut prev = first;
        for _ in 0..links {
            let here = w.len() as u16;
            w.extend_from_slice(&(0xC000 | prev).to_be_bytes());
            prev = here;
        }
        // Record 2: owner = pointer to the last link, TYPE65280, empty RDATA.
        w.extend_from_slice(&(0xC000 | prev).to_be_bytes());
        w.extend_from_slice(&[0xff, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0]);
        w
    };
    // 127 links plus the owner's own pointer: 128 pointers, the most a name may hold.
    let ok = build(127);
    let msg = Message::decode(&ok).unwrap();
    assert_eq!(msg.answers().nth(1).unwrap().name.to_string(), "a.");
    // One more link: a long chain of backward pointers.
    assert_eq!(Message::decode(&build(128)).unwrap_err(), DecodeError::TooManyPointers);
    assert_eq!(Message::decode(&build(5000)).unwrap_err(), DecodeError::TooManyPointers);

    // Two pointers pointing at each other: the first points forward.
    rejects(&format!("{} c00e c00c 0001 0001", header(1, 0, 0, 0)), DecodeError::BadPointer);

    // 256 octets reached through a pointer: a 200-octet name in a TXT-like
    // unknown record, then an owner of 56 octets of labels and a pointer to it.
    let mut w = hex("1234 8000 0000 0002 0000 0000");
    w.extend_from_slice(&[0x00, 0xff, 0x00, 0x00, 0x01, 0, 0, 0, 0]);
    // 199 octets of labels (three of 63 plus one of 6) and the root: 200.
    let mut long = Vec::new();
    for _ in 0..3 {
        long.push(63u8);
        long.extend_from_slice(&[b'x'; 63]);
    }
    long.push(6);
    long.extend_from_slice(&[b'y'; 6]);
    long.push(0);
    assert_eq!(long.len(), 200);
    w.extend_from_slice(&(long.len() as u16).to_be_bytes());
    let target = w.len() as u16;
    w.extend_from_slice(&long);
    // Owner: 55 octets of labels (one of 54) + the 200-octet suffix = 255: fine.
    let owner = |len: u8| {
        let mut o = vec![len];
        o.extend(std::iter::repeat_n(b'z', len as usize));
        o.extend_from_slice(&(0xC000 | target).to_be_bytes());
        o
    };
    let mut fits = w.clone();
    fits.extend_from_slice(&owner(54));
    fits.extend_from_slice(&[0xff, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0]);
    assert_eq!(Message::decode(&fits).unwrap().answers().nth(1).unwrap().name.wire_len(), 255);
    let mut over = w;
    over.extend_from_slice(&owner(55));
    over.extend_from_slice(&[0xff, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0]);
    assert_eq!(Message::decode(&over).unwrap_err(), DecodeError::NameTooLong);
}

/// RFC 9460 §2.2: SvcParamKeys strictly increasing, values within RDLENGTH,
/// the target never compressed.
#[test]
fn svcb_params() {
    let svcb = |rdata: &str| {
        let len = hex(rdata).len();
        format!("{} {Q_EXAMPLE} c00c 0040 0001 00000e10 {len:04x} {rdata}", header(1, 1, 0, 0))
    };
    // priority 1, target ".", port=53 then alpn=h2: out of order.
    rejects(&svcb("0001 00  0003 0002 0035  0001 0003 026832"), DecodeError::InvalidSvcParams);
    // A key repeated.
    rejects(&svcb("0001 00  0003 0002 0035  0003 0002 0035"), DecodeError::InvalidSvcParams);
    // A value longer than what is left.
    rejects(&svcb("0001 00  0003 0009 0035"), DecodeError::FieldOverrun);
    // The target as a pointer to the question name.
    rejects(&svcb("0001 c00c  0003 0002 0035"), DecodeError::ForbiddenCompression);
    // In order: fine.
    Message::decode(&hex(&svcb("0001 00  0001 0003 026832  0003 0002 0035"))).unwrap();
}

/// RFC 9460 §7.1.1, §2.4.3: no-default-alpn without alpn is not
/// self-consistent; an empty ech (draft-ietf-tls-svcb-ech §2) or dohpath
/// (RFC 9461 §5) carries nothing a client could use.
#[test]
fn svcb_params_not_self_consistent() {
    let svcb = |rdata: &str| {
        let len = hex(rdata).len();
        format!("{} {Q_EXAMPLE} c00c 0040 0001 00000e10 {len:04x} {rdata}", header(1, 1, 0, 0))
    };
    rejects(&svcb("0001 00  0002 0000"), DecodeError::InvalidSvcParams);
    rejects(&svcb("0001 00  0005 0000"), DecodeError::InvalidSvcParams);
    rejects(&svcb("0001 00  0007 0000"), DecodeError::InvalidSvcParams);
    Message::decode(&hex(&svcb("0001 00  0001 0003 026832  0002 0000"))).unwrap();
}

/// RFC 4034 §4.1.2: bitmap windows in increasing order, of 1 to 32 octets.
#[test]
fn nsec_bitmaps() {
    let nsec = |bitmap: &str| {
        let rdata = format!("07 6578616d706c65 00 {bitmap}");
        let len = hex(&rdata).len();
        format!("{} {Q_EXAMPLE} c00c 002f 0001 00000e10 {len:04x} {rdata}", header(1, 1, 0, 0))
    };
    rejects(&nsec("00 00"), DecodeError::InvalidTypeBitmap);
    rejects(&nsec(&format!("00 21 {}", "00".repeat(33))), DecodeError::InvalidTypeBitmap);
    rejects(&nsec("01 01 40  00 01 40"), DecodeError::InvalidTypeBitmap);
    rejects(&nsec("00 01 40  00 01 40"), DecodeError::InvalidTypeBitmap);
    // Window 0: A (bit 1); window 1: CAA (257 = 256 + 1).
    Message::decode(&hex(&nsec("00 01 40  01 01 40"))).unwrap();
    // The next name compressed (RFC 4034 §4.1.1 forbids it).
    let len = 2 + 3;
    rejects(&format!("{} {Q_EXAMPLE} c00c 002f 0001 00000e10 {len:04x} c00c 000140", header(1, 1, 0, 0)), DecodeError::ForbiddenCompression);
}

/// More hostile but valid input: a 63-octet label and a response with only a
/// CNAME loop in it.
#[test]
fn long_label_and_cname_loop_decode() {
    let label = format!("3f{}", "61".repeat(63));
    let ok = hex(&format!("{} {label} 00 0001 0001", header(1, 0, 0, 0)));
    assert_eq!(Message::decode(&ok).unwrap().question().unwrap().qname.labels().next().unwrap().len(), 63);
    // a.example. CNAME b.example.; b.example. CNAME a.example.
    let ok =
        hex(&format!("{} {Q_EXAMPLE}  0161 c00c 0005 0001 00000e10 0004 0162 c00c  0162 c00c 0005 0001 00000e10 0004 0161 c00c", header(1, 2, 0, 0)));
    let msg = Message::decode(&ok).unwrap();
    let a = msg.answers().next().unwrap().name;
    assert_eq!(msg.cname_chain(a, Rtype::A, 16).end, ChainEnd::Loop);
}

/// The encode side: every failure is a typed error, never a corrupt message.
#[test]
fn encode_side() {
    // A name over 255 octets or a label over 63, from text.
    let long = format!("{}.", vec!["a".repeat(63); 4].join("."));
    assert_eq!(NameBuf::from_text(&long).unwrap_err(), TextError::NameTooLong);
    assert_eq!(NameBuf::from_text(&format!("{}.", "a".repeat(64))).unwrap_err(), TextError::LabelTooLong);
    // RDATA over 65535 octets (CVE-2020-1350, SIGRed, grew a length past 16 bits).
    let chunk = [b'x'; 255];
    let strings: Vec<&[u8]> = vec![&chunk[..]; 258]; // 258 * 256 = 66048
    let owner = NameBuf::from_text("example.").unwrap();
    let mut buf = vec![0u8; 70000];
    let mut b = MessageBuilder::new(&mut buf, Header::default()).unwrap();
    let txt = Record { name: owner.as_name(), class: Class::IN, ttl: 0, data: RData::Txt(rdata::CharStrings::from_slice(&strings)) };
    assert_eq!(b.answer(&txt), Err(EncodeError::RdataTooLong));
    assert!(b.is_empty());
    // A message larger than the buffer.
    let mut small = [0u8; 40];
    let mut b = MessageBuilder::new(&mut small, Header::default()).unwrap();
    let a = Record { name: owner.as_name(), class: Class::IN, ttl: 0, data: RData::A([192, 0, 2, 1].into()) };
    b.answer(&a).unwrap();
    assert_eq!(b.answer(&Record { ttl: 1, ..a }), Err(EncodeError::NoSpace));
    Message::decode(b.finish().unwrap()).unwrap();
    // Compression targets past 0x3FFF: names written there are spelled out,
    // never pointed at, and the message still decodes to what was pushed.
    let mut big = vec![0u8; 40000];
    let mut b = MessageBuilder::new(&mut big, Header::default()).unwrap();
    let filler = [0u8; 200];
    let names: Vec<NameBuf> = (0..120).map(|i| NameBuf::from_text(&format!("host{i}.example.")).unwrap()).collect();
    for n in &names {
        b.answer(&Record { name: n.as_name(), class: Class::IN, ttl: 0, data: RData::Unknown { rtype: Rtype(65280), data: &filler } }).unwrap();
    }
    for n in &names {
        b.answer(&Record { name: n.as_name(), class: Class::IN, ttl: 0, data: RData::A([192, 0, 2, 9].into()) }).unwrap();
    }
    let wire = b.finish().unwrap();
    assert!(wire.len() > 0x4000);
    let msg = Message::decode(wire).unwrap();
    let owners: Vec<String> = msg.answers().map(|r| r.name.to_string()).collect();
    let expected: Vec<String> = names.iter().chain(names.iter()).map(|n| n.to_string()).collect();
    assert_eq!(owners, expected);
}

/// RFC 1035 §4.2.2: a message is at most 65535 octets (its TCP length
/// prefix has 16 bits), whatever the buffer the builder is given.
#[test]
fn builder_caps_messages_at_65535_octets() {
    let filler = [0u8; 1000];
    let root = NameBuf::root();
    let record = Record { name: root.as_name(), class: Class::IN, ttl: 0, data: RData::Unknown { rtype: Rtype(65280), data: &filler } };
    // Each record takes 11 + 1000 octets: 64 fit after the header, not 65.
    let mut buf = vec![0u8; 100_000];
    let mut b = MessageBuilder::new(&mut buf, Header::default()).unwrap();
    for _ in 0..64 {
        b.answer(&record).unwrap();
    }
    assert_eq!(b.answer(&record), Err(EncodeError::NoSpace));
    let wire = b.finish().unwrap();
    assert_eq!(wire.len(), 12 + 64 * 1011);
    assert_eq!(Message::decode(wire).unwrap().answers().count(), 64);
}

/// The same limit in truncating mode (RFC 2181 §9): what does not fit in
/// 65535 octets is dropped and TC set, the OPT record kept (RFC 6891 §7).
#[test]
fn truncating_builder_caps_messages_at_65535_octets() {
    let filler = [0u8; 1000];
    let root = NameBuf::root();
    let mut buf = vec![0u8; 100_000];
    let mut b = MessageBuilder::new(&mut buf, Header::default()).unwrap();
    b.set_truncating(true);
    b.edns(&Edns::default()).unwrap();
    for i in 0..80u16 {
        // One RRset per record (types differ), so each is dropped alone.
        let record = Record { name: root.as_name(), class: Class::IN, ttl: 0, data: RData::Unknown { rtype: Rtype(65280 + i), data: &filler } };
        b.answer(&record).unwrap();
    }
    assert!(b.is_truncated());
    let wire = b.finish().unwrap();
    // 12 header + 11 OPT leave room for 64 records of 1011 octets.
    assert_eq!(wire.len(), 12 + 64 * 1011 + 11);
    let msg = Message::decode(wire).unwrap();
    assert!(msg.header().flags.tc());
    assert_eq!(msg.answers().count(), 64);
    assert!(msg.edns().is_some());
}

/// A question for example. and one answer record of type `rtype` (hex)
/// with the given RDATA.
fn one_answer(rtype: &str, rdata: &str) -> String {
    let len = rdata.split_whitespace().map(str::len).sum::<usize>() / 2;
    format!("{} {Q_EXAMPLE} c00c {rtype} 0001 00000e10 {len:04x} {rdata}", header(1, 1, 0, 0))
}

/// RFC 8976 §2.2.2 to §2.2.4 (and the registries of §5.2, §5.3, where 0 is
/// reserved): ZONEMD scheme and hash algorithm 0 are reserved, SHA-384
/// (algorithm 1) digests are 48 octets and SHA-512 (algorithm 2) ones 64, and
/// no digest is shorter than 12 octets. Unassigned and private values pass.
#[test]
fn zonemd_fields() {
    let zonemd = |scheme: u8, algorithm: u8, digest_len: usize| {
        one_answer("003f", &format!("78 48 b9 1c {scheme:02x} {algorithm:02x} {}", "ab".repeat(digest_len)))
    };
    rejects(&zonemd(0, 1, 48), DecodeError::InvalidValue);
    rejects(&zonemd(1, 0, 48), DecodeError::InvalidValue);
    rejects(&zonemd(1, 1, 47), DecodeError::InvalidValue);
    rejects(&zonemd(1, 1, 64), DecodeError::InvalidValue);
    rejects(&zonemd(1, 2, 48), DecodeError::InvalidValue);
    rejects(&zonemd(240, 240, 11), DecodeError::InvalidValue);
    for (scheme, algorithm, len) in [(1, 1, 48), (1, 2, 64), (240, 240, 12), (2, 3, 100), (1, 254, 32)] {
        Message::decode(&hex(&zonemd(scheme, algorithm, len))).unwrap();
    }
}

/// RFC 1712 §3: the three GPOS strings are decimal real numbers, the first
/// within -90..90 degrees, the second within -180..180.
#[test]
fn gpos_fields() {
    let gpos = |a: &str, b: &str, c: &str| {
        let string = |s: &str| format!("{:02x}{}", s.len(), s.bytes().map(|b| format!("{b:02x}")).collect::<String>());
        one_answer("001b", &format!("{} {} {}", string(a), string(b), string(c)))
    };
    rejects(&gpos("1x", "0", "0"), DecodeError::InvalidValue);
    rejects(&gpos("", "0", "0"), DecodeError::InvalidValue);
    rejects(&gpos("0", "0", "1e3"), DecodeError::InvalidValue);
    rejects(&gpos("0", "0", "."), DecodeError::InvalidValue);
    rejects(&gpos("0", "0", "-"), DecodeError::InvalidValue);
    rejects(&gpos("0", "1.2.3", "0"), DecodeError::InvalidValue);
    rejects(&gpos("nan", "0", "0"), DecodeError::InvalidValue);
    rejects(&gpos("90.5", "0", "0"), DecodeError::InvalidValue);
    rejects(&gpos("-91", "0", "0"), DecodeError::InvalidValue);
    rejects(&gpos("0", "180.01", "0"), DecodeError::InvalidValue);
    rejects(&gpos("0", "-181", "0"), DecodeError::InvalidValue);
    for (a, b, c) in [("-22.6882", "116.8652", "250.0"), ("90", "-180", ".5"), ("+0.", "180.000", "-12345678.9")] {
        Message::decode(&hex(&gpos(a, b, c))).unwrap();
    }
}

/// DSYNC (RFC 9859 §2.1): the target is never compressed. NXT (RFC 2535
/// §5.2): a bitmap of types 0 to 127 (16 octets at most), bit 0 clear.
#[test]
fn dsync_and_nxt_fields() {
    let record = |rtype: u16, rdata: &str| {
        let len = hex(rdata).len();
        format!("{} {Q_EXAMPLE} c00c {rtype:04x} 0001 00000e10 {len:04x} {rdata}", header(1, 1, 0, 0))
    };
    rejects(&record(66, "003b 01 0035 c00c"), DecodeError::ForbiddenCompression);
    Message::decode(&hex(&record(66, "003b 01 0035 00"))).unwrap();
    rejects(&record(30, "00 80"), DecodeError::InvalidValue);
    rejects(&record(30, "00 40000000000000000000000000000000 01"), DecodeError::InvalidValue);
    Message::decode(&hex(&record(30, "c00c 40010082"))).unwrap();
}

/// DHCID (RFC 4701 §3.3) and OPENPGPKEY (RFC 7929 §2.1, one key) are never
/// empty.
#[test]
fn dhcid_and_openpgpkey_data() {
    let record = |rtype: u16, rdata: &str| {
        let len = hex(rdata).len();
        format!("{} {Q_EXAMPLE} c00c {rtype:04x} 0001 00000e10 {len:04x} {rdata}", header(1, 1, 0, 0))
    };
    rejects(&record(49, ""), DecodeError::InvalidValue);
    rejects(&record(61, ""), DecodeError::InvalidValue);
    Message::decode(&hex(&record(49, "00"))).unwrap();
}
