//! An edge responder's core: a query in, a response out, cut to the size
//! the client can take. The response starts from the query (id, opcode, RD,
//! CD, question, EDNS echoed with the responder's own size), and when
//! records do not fit, whole RRsets go and TC is set (RFC 2181 §9), so a
//! client never sees half an RRset: here the two-record CAA RRset does not
//! fit in 512 octets and neither of its records is sent.
//!
//! Run with `cargo run --example edge_responder`.

use dnswire::{Class, Edns, Error, Flags, Header, Message, MessageBuilder, NameBuf, Question, Rcode, Rtype, encode_query, text};

/// The zone, in master-file form, read record by record at each lookup.
const ZONE: &[&str] = &[
    "example. 3600 IN SOA ns.example. hostmaster.example. 1 7200 3600 1209600 300",
    "example. 3600 IN A 192.0.2.1",
    "example. 3600 IN AAAA 2001:db8::1",
    concat!(
        "example. 3600 IN CAA 0 issue \"ca-one.example; account=",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789\""
    ),
    concat!(
        "example. 3600 IN CAA 0 issue \"ca-two.example; account=",
        "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210",
        "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210",
        "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210fe\""
    ),
];

/// The largest UDP response this responder sends (DNS Flag Day 2020).
const OUR_PAYLOAD: u16 = 1232;

/// Answers `query` into `out` and returns the response.
fn respond<'b>(query: &[u8], out: &'b mut [u8]) -> Result<&'b mut [u8], Error> {
    let query = Message::decode(query)?;
    // The size the client can take over UDP: 512 without EDNS (RFC 1035
    // §4.2.1), else its own size, within ours (RFC 6891 §6.2.5).
    let limit = query.edns().map_or(512, |e| e.udp_payload_size.clamp(512, OUR_PAYLOAD));
    let (out, _) = out.split_at_mut(usize::from(limit).min(out.len()));
    let mut response = MessageBuilder::response_to(out, &query, OUR_PAYLOAD)?;
    response.set_flags(response.flags().with_aa(true));
    response.set_truncating(true);
    if query.edns().is_some_and(|e| e.version > 0) {
        // RFC 6891 §6.1.3: only version 0 is spoken here.
        response.set_rcode(Rcode::BADVERS)?;
        return Ok(response.finish()?);
    }
    let Some(question) = query.question() else {
        response.set_rcode(Rcode::FORMERR)?;
        return Ok(response.finish()?);
    };
    let mut rdata = [0u8; 512];
    let mut owner_exists = false;
    for line in ZONE {
        let record = text::parse_record(line, None, 3600, &mut rdata)?;
        if record.owner.as_name() != question.qname {
            continue;
        }
        owner_exists = true;
        if record.data.rtype() == question.qtype {
            response.answer(&record.record())?;
        }
    }
    if !owner_exists {
        // RFC 2308 §3: NXDOMAIN with the zone's SOA for negative caching.
        response.set_rcode(Rcode::NXDOMAIN)?;
        let soa = ZONE.first().map(|line| text::parse_record(line, None, 3600, &mut rdata)).transpose()?;
        if let Some(soa) = soa {
            response.authority(&soa.record())?;
        }
    }
    Ok(response.finish()?)
}

/// A query for `name` `qtype`, with EDNS of `payload` octets and `version`
/// when `payload` is given.
fn ask<'b>(buf: &'b mut [u8], name: &str, qtype: Rtype, payload: Option<u16>, version: u8) -> Result<&'b mut [u8], Error> {
    let qname = NameBuf::from_text(name)?;
    let question = Question { qname: qname.as_name(), qtype, qclass: Class::IN };
    let header = Header { id: 0x0d0e, flags: Flags::default().with_rd(true), ..Header::default() };
    let edns = payload.map(|udp_payload_size| Edns { udp_payload_size, version, ..Edns::default() });
    Ok(encode_query(buf, header, &question, edns.as_ref())?)
}

fn main() -> Result<(), Error> {
    let cases = [
        ("example.", Rtype::A, Some(1232), 0),
        ("example.", Rtype::CAA, None, 0),
        ("example.", Rtype::CAA, Some(1232), 0),
        ("nowhere.example.", Rtype::A, Some(1232), 0),
        ("example.", Rtype::A, Some(1232), 1),
    ];
    for (name, qtype, payload, version) in cases {
        let mut query_buf = [0u8; 512];
        let query = ask(&mut query_buf, name, qtype, payload, version)?;
        let mut out = [0u8; 1232];
        let response = respond(query, &mut out)?;
        let decoded = Message::decode(response)?;
        let query = Message::decode(query)?;
        let edns = payload.map_or("no EDNS".to_string(), |p| format!("EDNS {p} octets, version {version}"));
        println!(";; {name} {qtype}, {edns}: {} octets, answers the query: {}", response.len(), decoded.answers_query(&query));
        println!("{decoded}");
    }
    Ok(())
}
