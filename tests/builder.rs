//! The builder's contract: section order, atomic pushes, truncation, the
//! uncompressed mode and UPDATE messages.

mod common;
use dnswire::*;

fn name(text: &str) -> NameBuf {
    NameBuf::from_text(text).unwrap()
}

fn a_record(owner: &NameBuf, last: u8) -> Record<'_> {
    Record { name: owner.as_name(), class: Class::IN, ttl: 300, data: RData::A([192, 0, 2, last].into()) }
}

fn query(qname: &NameBuf) -> Question<'_> {
    Question { qname: qname.as_name(), qtype: Rtype::A, qclass: Class::IN }
}

#[test]
fn sections_in_order_only() {
    let owner = name("example.");
    let mut buf = [0u8; 512];
    let mut b = MessageBuilder::new(&mut buf, Header::default()).unwrap();
    b.additional(&a_record(&owner, 1)).unwrap();
    assert_eq!(b.answer(&a_record(&owner, 2)), Err(EncodeError::MisplacedSection));
    assert_eq!(b.question(&query(&owner)), Err(EncodeError::MisplacedSection));
    let opt = Record { name: Name::ROOT, class: Class(512), ttl: 0, data: RData::Unknown { rtype: Rtype::OPT, data: &[] } };
    assert_eq!(b.additional(&opt), Err(EncodeError::MisplacedSection));
    b.edns(&Edns::default()).unwrap();
    assert_eq!(b.edns(&Edns::default()), Err(EncodeError::MisplacedSection));
    let wire = b.finish().unwrap();
    let msg = Message::decode(wire).unwrap();
    assert_eq!(msg.additional().count(), 1);
    assert_eq!(msg.edns_index(), Some(1));
}

#[test]
fn a_failed_push_changes_nothing() {
    let owner = name("www.example.");
    // Header 12 + question 21 + two compressed A records of 16.
    let mut buf = [0u8; 65];
    let mut b = MessageBuilder::new(&mut buf, Header::default()).unwrap();
    b.question(&query(&owner)).unwrap();
    b.answer(&a_record(&owner, 1)).unwrap();
    let before = b.len();
    let long = name("a-long-name-that-cannot-fit.example.");
    assert_eq!(b.answer(&a_record(&long, 2)), Err(EncodeError::NoSpace));
    assert_eq!(b.len(), before);
    // The compressor forgot the failed name: this still fits and decodes.
    b.answer(&a_record(&owner, 3)).unwrap();
    let wire = b.finish().unwrap();
    let msg = Message::decode(wire).unwrap();
    let got: Vec<_> = msg.answers().map(|r| r.data).collect();
    assert_eq!(got, [RData::A([192, 0, 2, 1].into()), RData::A([192, 0, 2, 3].into())]);
}

#[test]
fn truncation_drops_whole_rrsets_and_keeps_opt() {
    let (first, second) = (name("one.example."), name("two.example."));
    // Header 12 + question 17 + OPT 11 = 40; each A record here is 16 octets
    // after the first, which spells out `two.example.` once.
    let mut buf = [0u8; 110];
    let mut b = MessageBuilder::new(&mut buf, Header::default()).unwrap();
    b.set_truncating(true);
    b.question(&query(&first)).unwrap();
    b.edns(&Edns::default()).unwrap();
    b.answer(&a_record(&first, 1)).unwrap();
    b.answer(&a_record(&first, 2)).unwrap();
    b.answer(&a_record(&second, 3)).unwrap();
    b.answer(&a_record(&second, 4)).unwrap();
    b.answer(&a_record(&second, 5)).unwrap(); // does not fit: the whole `two` RRset goes
    b.additional(&a_record(&first, 9)).unwrap(); // dropped after truncation
    assert!(b.is_truncated());
    let wire = b.finish().unwrap();
    let msg = Message::decode(wire).unwrap();
    assert!(msg.header().flags.tc());
    assert_eq!(msg.answers().count(), 2);
    assert!(msg.answers().all(|r| r.name == first.as_name()));
    assert_eq!(msg.additional().count(), 0);
    assert_eq!(msg.edns().unwrap().udp_payload_size, 1232);
    assert_eq!(msg.question().unwrap().qname, first.as_name());
}

#[test]
fn truncating_in_additional_does_not_set_tc() {
    let owner = name("example.");
    let mut buf = [0u8; 60];
    let mut b = MessageBuilder::new(&mut buf, Header::default()).unwrap();
    b.set_truncating(true);
    b.question(&query(&owner)).unwrap();
    b.answer(&a_record(&owner, 1)).unwrap();
    for i in 0..10 {
        b.additional(&a_record(&name("glue.example."), i)).unwrap();
    }
    let wire = b.finish().unwrap();
    let msg = Message::decode(wire).unwrap();
    assert!(!msg.header().flags.tc());
    assert_eq!(msg.answers().count(), 1);
}

#[test]
fn uncompressed_mode_spells_every_name() {
    let owner = name("www.example.");
    let mut buf = [0u8; 512];
    let mut b = MessageBuilder::new_uncompressed(&mut buf, Header::default()).unwrap();
    b.question(&query(&owner)).unwrap();
    b.answer(&a_record(&owner, 1)).unwrap();
    let wire = b.finish().unwrap();
    assert_eq!(wire.len(), 12 + 17 + 13 + 10 + 4);
    Message::decode(wire).unwrap();
}

#[test]
fn compression_keeps_case_exactly() {
    let (upper, lower) = (name("WWW.Example."), name("www.example."));
    let mut buf = [0u8; 512];
    let mut b = MessageBuilder::new(&mut buf, Header::default()).unwrap();
    b.question(&query(&upper)).unwrap();
    b.answer(&a_record(&lower, 1)).unwrap();
    let wire = b.finish().unwrap();
    let msg = Message::decode(wire).unwrap();
    assert_eq!(msg.answers().next().unwrap().name.to_string(), "www.example.");
    assert_eq!(msg.question().unwrap().qname.to_string(), "WWW.Example.");
}

#[test]
fn update_message_round_trip() {
    // RFC 2136: zone example. SOA; prerequisite "name in use" (class ANY, type
    // ANY, empty RDATA); update: delete an RRset (class ANY, empty), add an A.
    let zone = name("example.");
    let host = name("host.example.");
    let flags = Flags::default().with_opcode(Opcode::UPDATE);
    let mut buf = [0u8; 512];
    let mut b = MessageBuilder::new(&mut buf, Header { id: 9, flags, ..Header::default() }).unwrap();
    b.question(&Question { qname: zone.as_name(), qtype: Rtype::SOA, qclass: Class::IN }).unwrap();
    b.answer(&Record { name: host.as_name(), class: Class::ANY, ttl: 0, data: RData::Empty(Rtype::ANY) }).unwrap();
    b.authority(&Record { name: host.as_name(), class: Class::ANY, ttl: 0, data: RData::Empty(Rtype::AAAA) }).unwrap();
    b.authority(&Record { name: host.as_name(), class: Class::NONE, ttl: 0, data: RData::A([192, 0, 2, 1].into()) }).unwrap();
    b.authority(&a_record(&host, 2)).unwrap();
    let wire = b.finish().unwrap().to_vec();
    let msg = Message::decode(&wire).unwrap();
    assert_eq!(msg.opcode(), Opcode::UPDATE);
    let updates: Vec<_> = msg.authority().collect();
    assert_eq!(updates[0].data, RData::Empty(Rtype::AAAA));
    // Class NONE still types its RDATA by the zone's class.
    assert_eq!(updates[1].data, RData::A([192, 0, 2, 1].into()));
    let text = msg.to_string();
    assert!(text.contains(";; flags:; ZONE: 1, PREREQ: 1, UPDATE: 3, ADDITIONAL: 0"), "{text}");
    assert!(text.contains(";; ZONE SECTION:\n;example.\t\tIN\tSOA"), "{text}");
    assert!(text.contains(";; PREREQUISITE SECTION:\nhost.example.\t0\tANY\tANY\n"), "{text}");
    assert!(text.contains(";; UPDATE SECTION:\n"), "{text}");
    let mut again = [0u8; 512];
    let n = msg.encode_into(&mut again, true).unwrap();
    assert_eq!(&again[..n], &wire[..]);
}

#[test]
fn notify_and_unknown_opcodes_decode() {
    for opcode in [Opcode::NOTIFY, Opcode(3), Opcode(15)] {
        let mut buf = [0u8; 64];
        let flags = Flags::default().with_opcode(opcode).with_aa(true);
        let b = MessageBuilder::new(&mut buf, Header { id: 1, flags, ..Header::default() }).unwrap();
        let wire = b.finish().unwrap();
        let msg = Message::decode(wire).unwrap();
        assert_eq!(msg.opcode(), opcode);
        assert!(msg.to_string().starts_with(&format!(";; ->>HEADER<<- opcode: {opcode},")));
    }
}

#[test]
fn extended_rcode_joins_opt_bits() {
    let mut buf = [0u8; 64];
    let flags = Flags::default().with_qr(true).with_rcode(Rcode::BADVERS);
    let mut b = MessageBuilder::new(&mut buf, Header { id: 1, flags, ..Header::default() }).unwrap();
    b.edns(&Edns { extended_rcode: (Rcode::BADVERS.0 >> 4) as u8, ..Edns::default() }).unwrap();
    let msg = Message::decode(b.finish().unwrap()).unwrap();
    assert_eq!(msg.rcode(), Rcode::BADVERS);
    assert!(msg.to_string().contains("status: BADVERS"));
}

#[test]
fn count_and_size_limits() {
    let owner = name("example.");
    let mut buf = [0u8; 11];
    assert_eq!(MessageBuilder::new(&mut buf, Header::default()).err(), Some(EncodeError::NoSpace));
    let too_long = [b'x'; 256];
    let strings: [&[u8]; 1] = [&too_long];
    let mut buf = [0u8; 1024];
    let mut b = MessageBuilder::new(&mut buf, Header::default()).unwrap();
    let txt = Record { name: owner.as_name(), class: Class::IN, ttl: 0, data: RData::Txt(rdata::CharStrings::from_slice(&strings)) };
    assert_eq!(b.answer(&txt), Err(EncodeError::RdataTooLong));
    assert!(b.is_empty());
}

#[test]
fn padding_rounds_up_to_the_block() {
    let qname = name("www.example.com.");
    for (block, size) in [(QUERY_PADDING_BLOCK, 128), (RESPONSE_PADDING_BLOCK, 468)] {
        let mut buf = [0u8; 1232];
        let mut b = MessageBuilder::new(&mut buf, Header::default()).unwrap();
        b.set_padding(block);
        b.edns(&Edns::default()).unwrap();
        b.question(&query(&qname)).unwrap();
        let wire = b.finish().unwrap();
        assert_eq!(wire.len(), size);
        let msg = Message::decode(wire).unwrap();
        let pad = msg.edns().unwrap().options.get(OptionCode::PADDING).unwrap();
        assert!(pad.iter().all(|&b| b == 0));
        assert_eq!(msg.edns().unwrap().options.iter().next().unwrap().typed(), OptionData::Padding(size - 12 - 21 - 15));
    }
    // A buffer smaller than the block: padded to its end.
    let mut buf = [0u8; 100];
    let mut b = MessageBuilder::new(&mut buf, Header::default()).unwrap();
    b.set_padding(QUERY_PADDING_BLOCK);
    b.edns(&Edns::default()).unwrap();
    b.question(&query(&qname)).unwrap();
    assert_eq!(b.finish().unwrap().len(), 100);
    // Padding needs the OPT record written last.
    let mut buf = [0u8; 512];
    let mut b = MessageBuilder::new(&mut buf, Header::default()).unwrap();
    b.set_padding(QUERY_PADDING_BLOCK);
    assert_eq!(b.finish().err(), Some(EncodeError::MisplacedSection));
}

#[test]
fn refuses_what_the_decoder_would_refuse() {
    let zone = name("example.");
    let host = name("host.example.");
    // An EDNS COOKIE of 4 octets (RFC 7873 §4 wants 8, or 16 to 40).
    let mut buf = [0u8; 512];
    let mut b = MessageBuilder::new(&mut buf, Header::default()).unwrap();
    let bad = [EdnsOption { code: OptionCode::COOKIE, data: &[1, 2, 3, 4] }];
    assert_eq!(b.edns(&Edns { options: EdnsOptions::from_slice(&bad), ..Edns::default() }), Err(EncodeError::InvalidValue));
    // UPDATE: the zone must be one SOA entry, records need it, class ANY has no RDATA.
    let flags = Flags::default().with_opcode(Opcode::UPDATE);
    let mut buf = [0u8; 512];
    let mut b = MessageBuilder::new(&mut buf, Header { flags, ..Header::default() }).unwrap();
    assert_eq!(b.answer(&a_record(&host, 1)), Err(EncodeError::MisplacedSection));
    assert_eq!(b.question(&query(&zone)), Err(EncodeError::InvalidValue));
    b.question(&Question { qname: zone.as_name(), qtype: Rtype::SOA, qclass: Class::IN }).unwrap();
    assert_eq!(b.question(&Question { qname: zone.as_name(), qtype: Rtype::SOA, qclass: Class::IN }), Err(EncodeError::MisplacedSection));
    let delete_with_data = Record { name: host.as_name(), class: Class::ANY, ttl: 0, data: RData::A([192, 0, 2, 1].into()) };
    assert_eq!(b.authority(&delete_with_data), Err(EncodeError::InvalidValue));
    let wire = b.finish().unwrap();
    Message::decode(wire).unwrap();
}

#[test]
fn tsig_stays_last_and_opt_goes_before_it() {
    let owner = name("example.");
    let key = name("key.example.");
    let alg = name("hmac-sha256.");
    let mut buf = [0u8; 512];
    let mut b = MessageBuilder::new(&mut buf, Header::default()).unwrap();
    b.question(&query(&owner)).unwrap();
    b.edns(&Edns::default()).unwrap();
    let tsig = rdata::Tsig { algorithm: alg.as_name(), time_signed: 1_700_000_000, fudge: 300, mac: &[7; 32], original_id: 0, error: 0, other: &[] };
    b.additional(&Record { name: key.as_name(), class: Class::ANY, ttl: 0, data: RData::Tsig(tsig) }).unwrap();
    assert_eq!(b.additional(&a_record(&owner, 1)), Err(EncodeError::MisplacedSection));
    let wire = b.finish().unwrap();
    let msg = Message::decode(wire).unwrap();
    assert_eq!(msg.edns_index(), Some(0));
    assert_eq!(msg.additional().last().unwrap().rtype(), Rtype::TSIG);
}

#[test]
fn a_message_fits_a_buffer_of_its_own_size() {
    // The compressed form is all that needs room: build the seed response
    // into exactly 86 octets.
    let (q, target) = (name("service1.acmeltd.co.uk."), name("service1.region.prod.acmeltd.co.uk."));
    let mut buf = [0u8; 86];
    let header = Header { id: 24752, flags: Flags(0x8180), ..Header::default() };
    let mut b = MessageBuilder::new(&mut buf, header).unwrap();
    b.question(&Question { qname: q.as_name(), qtype: Rtype::CNAME, qclass: Class::IN }).unwrap();
    b.edns(&Edns { udp_payload_size: 4096, ..Edns::default() }).unwrap();
    b.answer(&Record { name: q.as_name(), class: Class::IN, ttl: 60, data: RData::Cname(target.as_name()) }).unwrap();
    assert_eq!(b.finish().unwrap().len(), 86);
}

#[test]
fn tsig_shows_in_its_own_pseudo_section() {
    let owner = name("example.");
    let key = name("key.example.");
    let alg = name("hmac-sha256.");
    let mut buf = [0u8; 512];
    let mut b = MessageBuilder::new(&mut buf, Header { id: 6150, ..Header::default() }).unwrap();
    b.question(&query(&owner)).unwrap();
    let tsig =
        rdata::Tsig { algorithm: alg.as_name(), time_signed: 1_700_000_000, fudge: 300, mac: &[0; 4], original_id: 6150, error: 0, other: &[] };
    b.additional(&Record { name: key.as_name(), class: Class::ANY, ttl: 0, data: RData::Tsig(tsig) }).unwrap();
    let text = Message::decode(b.finish().unwrap()).unwrap().to_string();
    // As dig prints it: no ADDITIONAL SECTION, the TSIG record last.
    assert!(!text.contains(";; ADDITIONAL SECTION:"), "{text}");
    assert!(text.ends_with(";; TSIG PSEUDOSECTION:\nkey.example.\t0\tANY\tTSIG\thmac-sha256. 1700000000 300 4 AAAAAA== 6150 NOERROR 0\n"), "{text}");
}
