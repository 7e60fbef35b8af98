//! The two responses from the documents this project comes from, as dig printed
//! them (`MSG SIZE rcvd: 86` and `109`): built byte for byte, decoded, displayed
//! and followed through their CNAME chains.

mod common;
use common::{hex, squash};
use dnswire::*;

/// `dig service1.acmeltd.co.uk CNAME`: 86 octets.
const SERVICE1: &str = "
60b0818000010001000000010873657276696365310761636d656c746402636f02756b000005
0001c00c000500010000003c001708736572766963653106726567696f6e0470726f64c01500
00291000000000000000";

/// `dig service2.acmeltd.co.uk A`: 109 octets.
const SERVICE2: &str = "
4ff0818000010002000000010873657276696365320761636d656c746402636f02756b000001
0001c00c0005000100000036001e08736572766963653206726567696f6e0470726f640462726b
7202696f00c034000100010000012c00040a0a0a0a0000291000000000000000";

fn name(text: &str) -> NameBuf {
    NameBuf::from_text(text).unwrap()
}

fn response_header(id: u16) -> Header {
    Header { id, flags: Flags::default().with_qr(true).with_rd(true).with_ra(true), ..Header::default() }
}

fn edns_4096() -> Edns<'static> {
    Edns { udp_payload_size: 4096, ..Edns::default() }
}

#[test]
fn builds_service1_byte_for_byte() {
    let (q, target) = (name("service1.acmeltd.co.uk."), name("service1.region.prod.acmeltd.co.uk."));
    let mut buf = [0u8; 512];
    let mut b = MessageBuilder::new(&mut buf, response_header(24752)).unwrap();
    b.question(&Question { qname: q.as_name(), qtype: Rtype::CNAME, qclass: Class::IN }).unwrap();
    b.answer(&Record { name: q.as_name(), class: Class::IN, ttl: 60, data: RData::Cname(target.as_name()) }).unwrap();
    b.edns(&edns_4096()).unwrap();
    let wire = b.finish().unwrap();
    assert_eq!(wire.len(), 86);
    assert_eq!(wire, &hex(SERVICE1)[..]);
}

#[test]
fn builds_service2_byte_for_byte() {
    let (q, target) = (name("service2.acmeltd.co.uk."), name("service2.region.prod.brkr.io."));
    let mut buf = [0u8; 512];
    let mut b = MessageBuilder::new(&mut buf, response_header(20464)).unwrap();
    b.question(&Question { qname: q.as_name(), qtype: Rtype::A, qclass: Class::IN }).unwrap();
    b.answer(&Record { name: q.as_name(), class: Class::IN, ttl: 54, data: RData::Cname(target.as_name()) }).unwrap();
    b.answer(&Record { name: target.as_name(), class: Class::IN, ttl: 300, data: RData::A([10, 10, 10, 10].into()) }).unwrap();
    b.edns(&edns_4096()).unwrap();
    let wire = b.finish().unwrap();
    assert_eq!(wire.len(), 109);
    assert_eq!(wire, &hex(SERVICE2)[..]);
}

#[test]
fn decodes_and_displays_like_dig() {
    let wire = hex(SERVICE1);
    let msg = Message::decode(&wire).unwrap();
    let text = msg.to_string();
    let lines: Vec<String> = text.lines().map(squash).collect();
    // The lines dig printed for this message.
    for expected in [
        ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 24752",
        ";; flags: qr rd ra; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1",
        "; EDNS: version: 0, flags:; udp: 4096",
        ";service1.acmeltd.co.uk. IN CNAME",
        "service1.acmeltd.co.uk. 60 IN CNAME service1.region.prod.acmeltd.co.uk.",
    ] {
        assert!(lines.iter().any(|l| l == expected), "missing {expected:?} in\n{text}");
    }
    let wire = hex(SERVICE2);
    let text = Message::decode(&wire).unwrap().to_string();
    let lines: Vec<String> = text.lines().map(squash).collect();
    for expected in [
        ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 20464",
        ";; flags: qr rd ra; QUERY: 1, ANSWER: 2, AUTHORITY: 0, ADDITIONAL: 1",
        ";service2.acmeltd.co.uk. IN A",
        "service2.acmeltd.co.uk. 54 IN CNAME service2.region.prod.brkr.io.",
        "service2.region.prod.brkr.io. 300 IN A 10.10.10.10",
    ] {
        assert!(lines.iter().any(|l| l == expected), "missing {expected:?} in\n{text}");
    }
}

#[test]
fn reencodes_both_to_the_same_octets() {
    for seed in [SERVICE1, SERVICE2] {
        let wire = hex(seed);
        let msg = Message::decode(&wire).unwrap();
        let mut buf = [0u8; 512];
        let n = msg.encode_into(&mut buf, true).unwrap();
        assert_eq!(&buf[..n], &wire[..]);
        let n = msg.encode_into(&mut buf, false).unwrap();
        let flat = Message::decode(&buf[..n]).unwrap();
        assert!(n > wire.len());
        assert!(flat.answers().eq(msg.answers()));
        assert_eq!(flat.edns(), msg.edns());
    }
}

#[test]
fn cname_chains() {
    // service2: answered through one hop.
    let wire = hex(SERVICE2);
    let msg = Message::decode(&wire).unwrap();
    let q = msg.question().unwrap();
    let chain = msg.cname_chain(q.qname, Rtype::A, 8);
    assert_eq!(chain.end, ChainEnd::Answered);
    assert_eq!(chain.hops, 1);
    assert_eq!(chain.last.to_string(), "service2.region.prod.brkr.io.");
    let a: Vec<_> = chain.answers().collect();
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].data, RData::A([10, 10, 10, 10].into()));
    assert_eq!(msg.cname_chain(q.qname, Rtype::A, 0).end, ChainEnd::TooLong);

    // service1 asked for A: the CNAME leads nowhere (the SERVFAIL upstream case).
    let wire = hex(SERVICE1);
    let msg = Message::decode(&wire).unwrap();
    let q = msg.question().unwrap();
    let chain = msg.cname_chain(q.qname, Rtype::A, 8);
    assert_eq!(chain.end, ChainEnd::DeadEnd);
    assert_eq!(chain.hops, 1);
    assert_eq!(chain.last.to_string(), "service1.region.prod.acmeltd.co.uk.");
    // Asked for the CNAME itself: answered with no hop.
    assert_eq!(msg.cname_chain(q.qname, Rtype::CNAME, 8).end, ChainEnd::Answered);
}

#[test]
fn cname_chain_out_of_order_and_loop() {
    let (a, b, c) = (name("a.example."), name("b.example."), name("c.example."));
    let build = |records: &[(&NameBuf, &NameBuf)], with_a: bool| -> Vec<u8> {
        let mut buf = [0u8; 1024];
        let mut m = MessageBuilder::new(&mut buf, response_header(1)).unwrap();
        m.question(&Question { qname: a.as_name(), qtype: Rtype::A, qclass: Class::IN }).unwrap();
        for (from, to) in records {
            m.answer(&Record { name: from.as_name(), class: Class::IN, ttl: 1, data: RData::Cname(to.as_name()) }).unwrap();
        }
        if with_a {
            m.answer(&Record { name: c.as_name(), class: Class::IN, ttl: 1, data: RData::A([192, 0, 2, 7].into()) }).unwrap();
        }
        m.finish().unwrap().to_vec()
    };
    // Hops listed in reverse order still resolve.
    let wire = build(&[(&b, &c), (&a, &b)], true);
    let msg = Message::decode(&wire).unwrap();
    let chain = msg.cname_chain(a.as_name(), Rtype::A, 8);
    assert_eq!((chain.end, chain.hops), (ChainEnd::Answered, 2));
    let steps: Vec<String> = chain.steps().map(|r| r.to_string()).collect();
    assert_eq!(steps, ["a.example.\t1\tIN\tCNAME\tb.example.", "b.example.\t1\tIN\tCNAME\tc.example."]);
    // a -> b -> c -> a loops.
    let wire = build(&[(&a, &b), (&b, &c), (&c, &a)], false);
    let msg = Message::decode(&wire).unwrap();
    assert_eq!(msg.cname_chain(a.as_name(), Rtype::A, 100).end, ChainEnd::Loop);
}
