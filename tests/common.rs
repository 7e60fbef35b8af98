//! Helpers shared by the integration tests.
#![allow(dead_code)]

/// Parses hex with whitespace and `#` comments (to the end of the line).
pub fn hex(text: &str) -> Vec<u8> {
    let digits: String = text.lines().map(|l| l.split('#').next().unwrap_or("")).flat_map(|l| l.chars().filter(|c| !c.is_whitespace())).collect();
    assert!(digits.len().is_multiple_of(2), "odd number of hex digits");
    (0..digits.len()).step_by(2).map(|i| u8::from_str_radix(&digits[i..i + 2], 16).unwrap()).collect()
}

/// Collapses runs of whitespace, so dig's tab layout compares with ours.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A query built with the codec: `id`, RD, and EDNS with `bufsize` if given.
pub fn plain_query(id: u16, qname: &str, qtype: dnswire::Rtype, bufsize: Option<u16>) -> Vec<u8> {
    use dnswire::{Class, Edns, Flags, Header, MessageBuilder, NameBuf, Question};
    let mut buf = vec![0u8; 512];
    let qname = NameBuf::from_text(qname).unwrap();
    let mut b = MessageBuilder::new(&mut buf, Header { id, flags: Flags::default().with_rd(true), ..Header::default() }).unwrap();
    b.question(&Question { qname: qname.as_name(), qtype, qclass: Class::IN }).unwrap();
    if let Some(size) = bufsize {
        b.edns(&Edns { udp_payload_size: size, ..Edns::default() }).unwrap();
    }
    let len = b.finish().unwrap().len();
    buf.truncate(len);
    buf
}

/// Builds a response to `query` with the records given in zone-file text
/// (absolute names), or for `question` instead of the query's.
pub fn response(query: &dnswire::Message<'_>, rcode: dnswire::Rcode, answers: &[String], authority: &[String], question: Option<&str>) -> Vec<u8> {
    use dnswire::{Edns, Flags, Header, MessageBuilder, NameBuf, Question, text};
    let h = query.header();
    let flags = Flags::default().with_qr(true).with_rd(h.flags.rd()).with_ra(true).with_rcode(rcode);
    let mut buf = vec![0u8; 65535];
    let mut b = MessageBuilder::new(&mut buf, Header { id: h.id, flags, ..Header::default() }).unwrap();
    let q = query.question().unwrap();
    let other = question.map(|n| NameBuf::from_text(n).unwrap());
    let qname = other.as_ref().map_or(q.qname, |n| n.as_name());
    b.question(&Question { qname, qtype: q.qtype, qclass: q.qclass }).unwrap();
    let mut rdata = [0u8; 1024];
    for line in answers {
        let rec = text::parse_record(line, None, 300, &mut rdata).unwrap();
        b.answer(&rec.record()).unwrap();
    }
    for line in authority {
        let rec = text::parse_record(line, None, 300, &mut rdata).unwrap();
        b.authority(&rec.record()).unwrap();
    }
    if query.edns().is_some() {
        b.edns(&Edns::default()).unwrap();
    }
    let len = b.finish().unwrap().len();
    buf.truncate(len);
    buf
}
