//! Responses started from a query, extended response codes, TCP framing and
//! matching an answer to its query. Expected octets are laid out by hand
//! from RFC 1035 §4.1, RFC 6891 §6.1 and RFC 3225 §3.

extern crate std;
use std::vec;
use std::vec::Vec;

use crate::{
    Class, Edns, EdnsFlags, EdnsOption, EdnsOptions, EncodeError, Flags, Header, Message, MessageBuilder, NameBuf, OptionCode, Question, RData,
    Rcode, Record, Rtype,
};

/// `example. A IN`, with `flags`, id 0xabcd, and an OPT record if given.
fn query<'b>(buf: &'b mut [u8], flags: u16, edns: Option<&Edns<'_>>) -> Message<'b> {
    let name = NameBuf::from_text("example.").unwrap();
    let q = Question { qname: name.as_name(), qtype: Rtype::A, qclass: Class::IN };
    let wire = crate::encode_query(buf, Header { id: 0xabcd, flags: Flags(flags), ..Header::default() }, &q, edns).unwrap();
    Message::decode(wire).unwrap()
}

const QUESTION: &[u8] = b"\x07example\x00\x00\x01\x00\x01";

#[test]
fn response_copies_id_rd_cd_and_question_and_sets_qr() {
    let mut qbuf = [0u8; 64];
    // RD (0x0100), AD (0x0020) and CD (0x0010) set in the query.
    let query = query(&mut qbuf, 0x0130, None);
    let mut buf = [0u8; 64];
    let wire = MessageBuilder::response_to(&mut buf, &query, 1232).unwrap().finish().unwrap();
    // QR | RD | CD = 0x8110; AD is the responder's to set, not copied.
    let mut expected = b"\xab\xcd\x81\x10\x00\x01\x00\x00\x00\x00\x00\x00".to_vec();
    expected.extend_from_slice(QUESTION);
    assert_eq!(wire, &expected[..]);
}

#[test]
fn response_copies_the_opcode() {
    let mut qbuf = [0u8; 64];
    // Opcode NOTIFY (4) is 0x2000 in the flags; with AA as NOTIFY sends it.
    let query = query(&mut qbuf, 0x2400, None);
    let mut buf = [0u8; 64];
    let wire = MessageBuilder::response_to(&mut buf, &query, 1232).unwrap().finish().unwrap();
    assert_eq!(&wire[2..4], b"\xa0\x00");
}

#[test]
fn response_echoes_edns_with_its_own_size_and_the_do_bit() {
    let mut qbuf = [0u8; 64];
    let cookie = [EdnsOption { code: OptionCode::COOKIE, data: &[1, 2, 3, 4, 5, 6, 7, 8] }];
    let asked = Edns { udp_payload_size: 4096, flags: EdnsFlags(0x8000), options: EdnsOptions::from_slice(&cookie), ..Edns::default() };
    let query = query(&mut qbuf, 0x0100, Some(&asked));
    let mut buf = [0u8; 128];
    let wire = MessageBuilder::response_to(&mut buf, &query, 1232).unwrap().finish().unwrap();
    // Root owner, TYPE 41, CLASS 1232 (0x04d0), TTL: extended rcode 0,
    // version 0, DO set; RDLENGTH 0: the query's cookie is not echoed.
    let mut expected = b"\xab\xcd\x81\x00\x00\x01\x00\x00\x00\x00\x00\x01".to_vec();
    expected.extend_from_slice(QUESTION);
    expected.extend_from_slice(b"\x00\x00\x29\x04\xd0\x00\x00\x80\x00\x00\x00");
    assert_eq!(wire, &expected[..]);
}

#[test]
fn response_without_do_in_the_query_has_do_clear() {
    let mut qbuf = [0u8; 64];
    let asked = Edns { udp_payload_size: 512, ..Edns::default() };
    let query = query(&mut qbuf, 0, Some(&asked));
    let mut buf = [0u8; 128];
    let wire = MessageBuilder::response_to(&mut buf, &query, 4000).unwrap().finish().unwrap();
    assert_eq!(&wire[wire.len() - 11..], b"\x00\x00\x29\x0f\xa0\x00\x00\x00\x00\x00\x00");
}

#[test]
fn response_to_a_query_without_edns_has_no_opt_record() {
    let mut qbuf = [0u8; 64];
    let query = query(&mut qbuf, 0, None);
    let mut buf = [0u8; 128];
    let wire = MessageBuilder::response_to(&mut buf, &query, 1232).unwrap().finish().unwrap();
    assert_eq!(&wire[10..12], b"\x00\x00");
    assert_eq!(wire.len(), 12 + QUESTION.len());
}

#[test]
fn truncated_response_keeps_its_opt_record() {
    let mut qbuf = [0u8; 64];
    let query = query(&mut qbuf, 0x0100, Some(&Edns::default()));
    // Header, question, OPT, and room for two compressed A records of 16
    // octets each: a three-record RRset does not fit and goes whole.
    let mut buf = [0u8; 12 + 13 + 11 + 2 * 16];
    let mut b = MessageBuilder::response_to(&mut buf, &query, 1232).unwrap();
    b.set_truncating(true);
    let owner = NameBuf::from_text("example.").unwrap();
    for last in 1..=3u8 {
        let record = Record { name: owner.as_name(), class: Class::IN, ttl: 60, data: RData::A([192, 0, 2, last].into()) };
        b.answer(&record).unwrap();
    }
    let wire = b.finish().unwrap();
    let msg = Message::decode(wire).unwrap();
    assert!(msg.header().flags.tc());
    assert_eq!(msg.header().ancount, 0);
    assert_eq!(msg.edns().map(|e| e.udp_payload_size), Some(1232));
}

#[test]
fn response_with_no_room_for_the_question_is_no_space() {
    let mut qbuf = [0u8; 64];
    let query = query(&mut qbuf, 0, None);
    let mut buf = [0u8; 12 + 12];
    assert_eq!(MessageBuilder::response_to(&mut buf, &query, 1232).err(), Some(EncodeError::NoSpace));
}

/// A response with an OPT record staged before the answer section and `rcode` set.
fn with_rcode(buf: &mut [u8], rcode: Rcode) -> Result<&mut [u8], EncodeError> {
    let mut b = MessageBuilder::new(buf, Header { id: 1, flags: Flags::default().with_qr(true), ..Header::default() })?;
    b.edns(&Edns::default())?;
    b.set_rcode(rcode)?;
    b.finish()
}

#[test]
fn badvers_goes_into_the_opt_record() {
    // RFC 6891 §6.1.3: BADVERS is 16, 0x010: upper eight bits 0x01, lower four 0.
    let mut buf = [0u8; 64];
    let wire = with_rcode(&mut buf, Rcode::BADVERS).unwrap();
    assert_eq!(wire, b"\x00\x01\x80\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x29\x04\xd0\x01\x00\x00\x00\x00\x00");
}

#[test]
fn badcookie_is_split_between_header_and_opt_record() {
    // RFC 7873 §8: BADCOOKIE is 23, 0x017: header 7, OPT 0x01.
    let mut buf = [0u8; 64];
    let wire = with_rcode(&mut buf, Rcode::BADCOOKIE).unwrap();
    assert_eq!(wire[3] & 0x0f, 7);
    assert_eq!(wire[12 + 5], 0x01);
}

#[test]
fn extended_rcode_is_joined_on_read() {
    // Header rcode 7, OPT extended rcode 1: (1 << 4) | 7 = 23, BADCOOKIE.
    let wire = b"\x00\x01\x80\x07\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x29\x04\xd0\x01\x00\x00\x00\x00\x00";
    assert_eq!(Message::decode(wire).unwrap().rcode(), Rcode::BADCOOKIE);
}

#[test]
fn extended_rcode_in_an_opt_record_of_the_additional_section() {
    let mut buf = [0u8; 64];
    let mut b = MessageBuilder::new(&mut buf, Header::default()).unwrap();
    let owner = NameBuf::from_text("a.").unwrap();
    b.additional(&Record { name: owner.as_name(), class: Class::IN, ttl: 0, data: RData::A([192, 0, 2, 1].into()) }).unwrap();
    b.edns(&Edns::default()).unwrap();
    b.set_rcode(Rcode::BADKEY).unwrap(); // 17 = 0x011
    let wire = b.finish().unwrap();
    // Header, then a. A (3 + 10 + 4 octets), then the OPT record.
    let opt = &wire[12 + 17..];
    assert_eq!(&opt[..7], b"\x00\x00\x29\x04\xd0\x01\x00");
    assert_eq!(wire[3] & 0x0f, 1);
}

#[test]
fn set_rcode_replaces_the_extended_rcode_the_opt_record_was_given() {
    let mut buf = [0u8; 64];
    let mut b = MessageBuilder::new(&mut buf, Header::default()).unwrap();
    b.edns(&Edns { extended_rcode: 5, ..Edns::default() }).unwrap();
    b.set_rcode(Rcode::NXDOMAIN).unwrap();
    let wire = b.finish().unwrap();
    assert_eq!((wire[3] & 0x0f, wire[12 + 5]), (3, 0));
}

#[test]
fn extended_rcode_without_edns_is_an_error() {
    let mut buf = [0u8; 64];
    let mut b = MessageBuilder::new(&mut buf, Header::default()).unwrap();
    b.set_rcode(Rcode::BADVERS).unwrap();
    assert_eq!(b.finish().err(), Some(EncodeError::RcodeNeedsEdns));
}

#[test]
fn plain_rcode_without_edns_is_fine() {
    let mut buf = [0u8; 64];
    let mut b = MessageBuilder::new(&mut buf, Header::default()).unwrap();
    b.set_rcode(Rcode::REFUSED).unwrap();
    assert_eq!(b.finish().unwrap(), b"\x00\x00\x00\x05\x00\x00\x00\x00\x00\x00\x00\x00");
}

#[test]
fn rcode_over_twelve_bits_is_refused() {
    let mut buf = [0u8; 64];
    let mut b = MessageBuilder::new(&mut buf, Header::default()).unwrap();
    assert_eq!(b.set_rcode(Rcode(0x1000)), Err(EncodeError::InvalidValue));
}

#[test]
fn tcp_frame_has_the_length_prefix() {
    let mut buf = [0u8; 64];
    let mut b = MessageBuilder::new(&mut buf, Header { id: 0x0102, ..Header::default() }).unwrap();
    let name = NameBuf::from_text("example.").unwrap();
    b.question(&Question { qname: name.as_name(), qtype: Rtype::A, qclass: Class::IN }).unwrap();
    let framed = b.finish_tcp().unwrap();
    // RFC 1035 §4.2.2: two octets of length (12 + 13 = 25), then the message.
    let mut expected = b"\x00\x19\x01\x02\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00".to_vec();
    expected.extend_from_slice(QUESTION);
    assert_eq!(framed, &expected[..]);
}

#[test]
fn tcp_frame_needs_two_spare_octets() {
    let mut buf = [0u8; 13];
    let b = MessageBuilder::new(&mut buf, Header::default()).unwrap();
    assert_eq!(b.finish_tcp().err(), Some(EncodeError::NoSpace));
}

#[test]
fn tcp_frame_of_the_largest_buffer_fits() {
    // A 65537-octet buffer: the message may take 65535, the prefix the rest.
    let mut buf = [0u8; 65537];
    let mut b = MessageBuilder::new(&mut buf, Header::default()).unwrap();
    let owner = NameBuf::from_text("a.").unwrap();
    let data = [0u8; 65535 - 12 - 3 - 10];
    let big = Record { name: owner.as_name(), class: Class::IN, ttl: 0, data: RData::Unknown { rtype: Rtype(65280), data: &data } };
    b.answer(&big).unwrap();
    let framed = b.finish_tcp().unwrap();
    assert_eq!((framed.len(), &framed[..2]), (65537, &b"\xff\xff"[..]));
}

/// `reply` octets: id 0xabcd, `flags`, and one question `name` `qtype` IN.
fn reply(flags: &[u8; 2], name: &[u8], qtype: u8) -> Vec<u8> {
    let mut wire = vec![0xab, 0xcd, flags[0], flags[1], 0, 1, 0, 0, 0, 0, 0, 0];
    wire.extend_from_slice(name);
    wire.extend_from_slice(&[0, qtype, 0, 1]);
    wire
}

#[test]
fn answer_matches_its_query_whatever_the_case() {
    let mut qbuf = [0u8; 64];
    let query = query(&mut qbuf, 0x0100, None);
    let wire = reply(b"\x81\x80", b"\x07ExAmPlE\x00", 1);
    assert!(Message::decode(&wire).unwrap().answers_query(&query));
}

#[test]
fn answer_with_another_id_does_not_match() {
    let mut qbuf = [0u8; 64];
    let query = query(&mut qbuf, 0x0100, None);
    let mut wire = reply(b"\x81\x80", b"\x07example\x00", 1);
    wire[1] = 0xce;
    assert!(!Message::decode(&wire).unwrap().answers_query(&query));
}

#[test]
fn answer_without_qr_does_not_match() {
    let mut qbuf = [0u8; 64];
    let query = query(&mut qbuf, 0x0100, None);
    let wire = reply(b"\x01\x80", b"\x07example\x00", 1);
    assert!(!Message::decode(&wire).unwrap().answers_query(&query));
}

#[test]
fn answer_with_another_opcode_does_not_match() {
    let mut qbuf = [0u8; 64];
    let query = query(&mut qbuf, 0x0100, None);
    let wire = reply(b"\xa1\x80", b"\x07example\x00", 1); // opcode NOTIFY
    assert!(!Message::decode(&wire).unwrap().answers_query(&query));
}

#[test]
fn answer_for_another_type_does_not_match() {
    let mut qbuf = [0u8; 64];
    let query = query(&mut qbuf, 0x0100, None);
    let wire = reply(b"\x81\x80", b"\x07example\x00", 28);
    assert!(!Message::decode(&wire).unwrap().answers_query(&query));
}

#[test]
fn answer_for_another_name_does_not_match() {
    let mut qbuf = [0u8; 64];
    let query = query(&mut qbuf, 0x0100, None);
    let wire = reply(b"\x81\x80", b"\x07exampme\x00", 1);
    assert!(!Message::decode(&wire).unwrap().answers_query(&query));
}

#[test]
fn answer_without_a_question_does_not_match() {
    let mut qbuf = [0u8; 64];
    let query = query(&mut qbuf, 0x0100, None);
    let wire = b"\xab\xcd\x81\x81\x00\x00\x00\x00\x00\x00\x00\x00"; // FORMERR, header only
    assert!(!Message::decode(wire).unwrap().answers_query(&query));
}
