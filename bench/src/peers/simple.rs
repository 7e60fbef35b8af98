use std::borrow::Cow;

use simple_dns::rdata::{OPTCode, RData, OPT};
use simple_dns::{Name, Packet, PacketFlag, Question, ResourceRecord, CLASS, QCLASS, QTYPE, TYPE};

use super::{COOKIE, QID, QNAME, Walked, opaque};
use crate::{Input, Job, Op};

fn name(n: &Name<'_>) -> u64 {
    n.as_bytes().map(|l| l.len() as u64).sum()
}

fn rdata(d: &RData<'_>) -> u64 {
    match d {
        RData::A(a) => a.address.to_be_bytes().iter().map(|&b| u64::from(b)).sum(),
        RData::AAAA(a) => a.address.to_be_bytes().iter().map(|&b| u64::from(b)).sum(),
        RData::NS(n) => name(&n.0),
        RData::CNAME(n) => name(&n.0),
        RData::PTR(n) => name(&n.0),
        RData::SOA(s) => name(&s.mname) + name(&s.rname) + u64::from(s.serial) + u64::from(s.refresh as u32) + u64::from(s.retry as u32) + u64::from(s.expire as u32) + u64::from(s.minimum),
        RData::MX(m) => u64::from(m.preference) + name(&m.exchange),
        // `iter_raw` splits each string at its first '=' (counted back here) and
        // skips strings that are empty or start with '=' (a documented difference).
        RData::TXT(t) => t.iter_raw().map(|(k, v)| (k.len() + v.map_or(0, |v| v.len() + 1)) as u64).sum(),
        RData::SRV(s) => u64::from(s.priority) + u64::from(s.weight) + u64::from(s.port) + name(&s.target),
        RData::DNSKEY(k) => u64::from(k.flags) + u64::from(k.protocol) + u64::from(k.algorithm) + k.public_key.len() as u64,
        RData::RRSIG(s) => {
            u64::from(s.type_covered) + u64::from(s.algorithm) + u64::from(s.labels) + u64::from(s.original_ttl) + u64::from(s.signature_expiration)
                + u64::from(s.signature_inception) + u64::from(s.key_tag) + name(&s.signer_name) + s.signature.len() as u64
        }
        RData::DS(x) => u64::from(x.key_tag) + u64::from(x.algorithm) + u64::from(x.digest_type) + x.digest.len() as u64,
        RData::NSEC(n) => name(&n.next_name) + n.type_bit_maps.iter().map(|b| window_types(b.window_block, &b.bitmap)).sum::<u64>(),
        RData::NULL(rtype, n) => opaque(*rtype, n.get_data().len()),
        _ => 1,
    }
}

/// The sum of the type numbers of one window of a type bitmap (RFC 4034
/// section 4.1.2), which simple-dns hands over undecoded.
fn window_types(window: u8, bitmap: &[u8]) -> u64 {
    let mut s = 0;
    for (i, &octet) in bitmap.iter().enumerate() {
        for bit in 0..8 {
            if octet & (0x80 >> bit) != 0 {
                s += u64::from(window) * 256 + i as u64 * 8 + bit;
            }
        }
    }
    s
}

fn record(r: &ResourceRecord<'_>) -> u64 {
    name(&r.name) + u64::from(r.ttl) + u64::from(u16::from(r.rdata.type_code())) + rdata(&r.rdata)
}

pub fn walk(m: &[u8]) -> Option<Walked> {
    let p = Packet::parse(m).ok()?;
    let mut w = Walked::new(p.id());
    for q in &p.questions {
        w.question(name(&q.qname) + u64::from(u16::from(q.qtype)));
    }
    for r in p.answers.iter().chain(&p.name_servers).chain(&p.additional_records) {
        w.record(record(r));
    }
    if let Some(o) = p.opt() {
        w.edns(u64::from(o.udp_packet_size) + o.opt_codes.iter().map(|c| c.data.len() as u64).sum::<u64>());
    }
    Some(w)
}

fn query(qname: &Name<'static>) -> Option<usize> {
    let mut p = Packet::new_query(QID);
    p.set_flags(PacketFlag::RECURSION_DESIRED);
    p.questions.push(Question::new(qname.clone(), QTYPE::TYPE(TYPE::A), QCLASS::CLASS(CLASS::IN), false));
    // simple-dns has no setter for the DO bit.
    *p.opt_mut() = Some(OPT { opt_codes: vec![OPTCode { code: 10, data: Cow::Borrowed(&COOKIE) }], udp_packet_size: 1232, version: 0 });
    Some(p.build_bytes_vec_compressed().ok()?.len())
}

pub fn job(op: Op, input: &Input) -> Option<Job> {
    let msgs = input.messages.clone();
    match op {
        Op::Decode => super::decode_job(&msgs, walk),
        Op::Encode => {
            let parsed: Vec<Packet<'static>> = msgs.iter().map(|m| Packet::parse(m).ok()).collect::<Option<_>>()?;
            for p in &parsed {
                p.build_bytes_vec_compressed().ok()?;
            }
            Some(Box::new(move || parsed.iter().map(|p| p.build_bytes_vec_compressed().map_or(0, |v| v.len()) as u64).sum()))
        }
        Op::Query => {
            let qname = Name::new_unchecked(QNAME.trim_end_matches('.'));
            query(&qname)?;
            Some(Box::new(move || query(&qname).unwrap_or(0) as u64))
        }
        Op::Roundtrip => {
            let rt = |m: &[u8]| Packet::parse(m).ok()?.build_bytes_vec_compressed().ok().map(|v| v.len());
            for m in &msgs {
                rt(m)?;
            }
            Some(Box::new(move || msgs.iter().map(|m| rt(m).unwrap_or(0) as u64).sum()))
        }
    }
}
