//! dnsbox 0.0.3 without its `std`/`alloc` features: the lazy `Message::parse`
//! view (sections, names and RDATA decoded as they are read), typed `RData`,
//! and `MessageBuilder` over a caller's buffer, compressing names.
use dnsbox::edns::{Cookie, Edns, OptHeader};
use dnsbox::rdata::RData;
use dnsbox::{Class, Message, MessageBuilder, Name, NameBuf, Question, Record, Rtype, Section};

use super::{COOKIE, QID, QNAME, Walked, opaque};
use crate::{Input, Job, Op};

fn name(n: &Name<'_>) -> u64 {
    n.labels().map(|l| l.len() as u64).sum()
}

fn octets(o: &[u8]) -> u64 {
    o.iter().map(|&b| u64::from(b)).sum()
}

fn types(t: &dnsbox::rdata::TypeBitmap<'_>) -> u64 {
    t.iter().map(|t| u64::from(t.get())).sum()
}

fn rdata(rtype: Rtype, d: &RData<'_>) -> u64 {
    match d {
        RData::A(a) => octets(&a.addr.octets()),
        RData::Aaaa(a) => octets(&a.addr.octets()),
        RData::Ns(n) => name(&n.nsdname),
        RData::Cname(n) => name(&n.cname),
        RData::Ptr(n) => name(&n.ptrdname),
        RData::Dname(n) => name(&n.target),
        RData::Soa(s) => {
            name(&s.mname) + name(&s.rname) + u64::from(s.serial) + u64::from(s.refresh) + u64::from(s.retry) + u64::from(s.expire) + u64::from(s.minimum)
        }
        RData::Mx(m) => u64::from(m.preference) + name(&m.exchange),
        RData::Txt(t) => t.strings().map(|s| s.len() as u64).sum(),
        RData::Spf(t) => t.strings().map(|s| s.len() as u64).sum(),
        RData::Srv(s) => u64::from(s.priority) + u64::from(s.weight) + u64::from(s.port) + name(&s.target),
        RData::Dnskey(k) => u64::from(k.flags) + u64::from(k.protocol) + u64::from(k.algorithm.get()) + k.public_key.len() as u64,
        RData::Cdnskey(k) => u64::from(k.flags) + u64::from(k.protocol) + u64::from(k.algorithm.get()) + k.public_key.len() as u64,
        RData::Key(k) => u64::from(k.flags) + u64::from(k.protocol) + u64::from(k.algorithm.get()) + k.public_key.len() as u64,
        RData::Rrsig(s) => {
            u64::from(s.type_covered.get()) + u64::from(s.algorithm.get()) + u64::from(s.labels) + u64::from(s.original_ttl) + u64::from(s.expiration)
                + u64::from(s.inception) + u64::from(s.key_tag) + name(&s.signer_name) + s.signature.len() as u64
        }
        RData::Ds(x) => u64::from(x.key_tag) + u64::from(x.algorithm.get()) + u64::from(x.digest_type.get()) + x.digest.len() as u64,
        RData::Cds(x) => u64::from(x.key_tag) + u64::from(x.algorithm.get()) + u64::from(x.digest_type.get()) + x.digest.len() as u64,
        RData::Nsec(n) => name(&n.next_domain_name) + types(&n.types),
        RData::Nsec3(n) => {
            u64::from(n.hash_algorithm.get()) + u64::from(n.flags) + u64::from(n.iterations) + n.salt.len() as u64 + n.next_hashed_owner.len() as u64
                + types(&n.types)
        }
        RData::Nsec3param(n) => u64::from(n.hash_algorithm.get()) + u64::from(n.flags) + u64::from(n.iterations) + n.salt.len() as u64,
        RData::Unknown(u) => opaque(rtype.get(), u.data().len()),
        _ => 1,
    }
}

/// The EDNS fields every walk reads: payload size and each option's length.
fn edns(rr: &Record<'_>) -> Option<u64> {
    let e = Edns::from_record(rr).ok()?;
    Some(u64::from(e.udp_payload_size()) + e.raw_options().map(|o| o.data.len() as u64).sum::<u64>())
}

pub fn walk(m: &[u8]) -> Option<Walked> {
    let msg = Message::parse(m).ok()?;
    let mut w = Walked::new(msg.id());
    for q in msg.questions() {
        let q = q.ok()?;
        w.question(name(&q.name()) + u64::from(q.qtype().get()));
    }
    // One pass over the three sections; the OPT record is read as EDNS where
    // the walk meets it instead of in a second pass (`Message::edns`).
    for r in msg.records() {
        let (_, r) = r.ok()?;
        let rtype = r.rtype();
        if rtype == Rtype::OPT {
            w.edns(edns(&r)?);
            continue;
        }
        let data = r.data().ok()?;
        w.record(name(&r.name()) + u64::from(r.ttl()) + u64::from(rtype.get()) + rdata(rtype, &data));
    }
    Some(w)
}

/// The message as dnsbox's own decoded values.
struct Parts {
    header: dnsbox::Header,
    questions: Vec<Question<'static>>,
    records: Vec<(Section, Record<'static>, RData<'static>)>,
}

fn parts(m: &'static [u8]) -> Option<Parts> {
    let msg = Message::parse(m).ok()?;
    let questions = msg.questions().collect::<Result<Vec<_>, _>>().ok()?;
    let mut records = Vec::new();
    for r in msg.records() {
        let (section, r) = r.ok()?;
        records.push((section, r, r.data().ok()?));
    }
    Some(Parts { header: msg.header(), questions, records })
}

fn encode(p: &Parts, buf: &mut [u8]) -> Option<usize> {
    let mut b = MessageBuilder::new(buf).ok()?;
    b.set_id(p.header.id);
    b.set_flags(p.header.flags);
    for q in &p.questions {
        b.push_question(q.name(), q.qtype(), q.qclass()).ok()?;
    }
    for (section, r, data) in &p.records {
        b.push_record(*section, r.name(), r.class(), r.ttl(), data).ok()?;
    }
    Some(b.finish().len())
}

fn roundtrip(m: &[u8], buf: &mut [u8]) -> Option<usize> {
    let msg = Message::parse(m).ok()?;
    let mut b = MessageBuilder::new(buf).ok()?;
    b.set_id(msg.id());
    b.set_flags(msg.flags());
    for q in msg.questions() {
        b.copy_question(&q.ok()?).ok()?;
    }
    for r in msg.records() {
        let (section, r) = r.ok()?;
        b.copy_record(section, &r).ok()?;
    }
    Some(b.finish().len())
}

fn query(qname: &NameBuf, buf: &mut [u8]) -> Option<usize> {
    let mut b = MessageBuilder::query(buf, QID, qname, Rtype::A, Class::IN).ok()?;
    b.push_edns(OptHeader::new(1232).with_dnssec_ok(true), &Cookie::client_only(COOKIE)).ok()?;
    Some(b.finish().len())
}

pub fn job(op: Op, input: &Input) -> Option<Job> {
    let msgs = input.messages.clone();
    match op {
        Op::Decode => super::decode_job(&msgs, walk),
        Op::Encode => {
            let parts: Vec<Parts> = msgs.iter().map(|m| parts(m)).collect::<Option<_>>()?;
            let mut buf = vec![0u8; 65535];
            for p in &parts {
                encode(p, &mut buf)?;
            }
            Some(Box::new(move || parts.iter().map(|p| encode(p, &mut buf).unwrap_or(0) as u64).sum()))
        }
        Op::Query => {
            let qname: NameBuf = QNAME.parse().ok()?;
            let mut buf = [0u8; 512];
            query(&qname, &mut buf)?;
            Some(Box::new(move || query(&qname, &mut buf).unwrap_or(0) as u64))
        }
        Op::Roundtrip => {
            let mut buf = vec![0u8; 65535];
            for m in &msgs {
                roundtrip(m, &mut buf)?;
            }
            Some(Box::new(move || msgs.iter().map(|m| roundtrip(m, &mut buf).unwrap_or(0) as u64).sum()))
        }
    }
}
