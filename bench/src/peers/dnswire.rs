use dnswire::{Class, Edns, EdnsFlags, EdnsOption, EdnsOptions, Flags, Header, Message, MessageBuilder, Name, NameBuf, OptionCode, Question, RData, Record, Rtype};

use super::{COOKIE, QID, QNAME, Walked, opaque};
use crate::{Input, Job, Op};

fn name(n: &Name<'_>) -> u64 {
    n.labels().map(|l| l.len() as u64).sum()
}

fn rdata(rtype: Rtype, d: &RData<'_>) -> u64 {
    match d {
        RData::A(a) => a.octets().iter().map(|&b| u64::from(b)).sum(),
        RData::Aaaa(a) => a.octets().iter().map(|&b| u64::from(b)).sum(),
        RData::Ns(n) | RData::Cname(n) | RData::Ptr(n) | RData::Dname(n) => name(n),
        RData::Soa(s) => name(&s.mname) + name(&s.rname) + u64::from(s.serial) + u64::from(s.refresh) + u64::from(s.retry) + u64::from(s.expire) + u64::from(s.minimum),
        RData::Mx(m) => u64::from(m.preference) + name(&m.exchange),
        RData::Txt(t) | RData::Spf(t) => t.iter().map(|s| s.len() as u64).sum(),
        RData::Srv(s) => u64::from(s.priority) + u64::from(s.weight) + u64::from(s.port) + name(&s.target),
        RData::Dnskey(k) | RData::Cdnskey(k) | RData::Key(k) => u64::from(k.flags) + u64::from(k.protocol) + u64::from(k.algorithm) + k.public_key.len() as u64,
        RData::Rrsig(s) => {
            u64::from(s.type_covered.0) + u64::from(s.algorithm) + u64::from(s.labels) + u64::from(s.original_ttl) + u64::from(s.expiration)
                + u64::from(s.inception) + u64::from(s.key_tag) + name(&s.signer) + s.signature.len() as u64
        }
        RData::Ds(d) | RData::Cds(d) => u64::from(d.key_tag) + u64::from(d.algorithm) + u64::from(d.digest_type) + d.digest.len() as u64,
        RData::Nsec(n) => name(&n.next) + n.types.iter().map(|t| u64::from(t.0)).sum::<u64>(),
        RData::Nsec3(n) => {
            u64::from(n.hash_algorithm) + u64::from(n.flags) + u64::from(n.iterations) + n.salt.len() as u64 + n.next_hashed_owner.len() as u64
                + n.types.iter().map(|t| u64::from(t.0)).sum::<u64>()
        }
        RData::Nsec3param(n) => u64::from(n.hash_algorithm) + u64::from(n.flags) + u64::from(n.iterations) + n.salt.len() as u64,
        RData::Unknown { data, .. } => opaque(rtype.0, data.len()),
        _ => 1,
    }
}

fn record(r: &Record<'_>) -> u64 {
    name(&r.name) + u64::from(r.ttl) + u64::from(r.rtype().0) + rdata(r.rtype(), &r.data)
}

pub fn walk(m: &[u8]) -> Option<Walked> {
    let msg = Message::decode(m).ok()?;
    let mut w = Walked::new(msg.header().id);
    for q in msg.questions() {
        w.question(name(&q.qname) + u64::from(q.qtype.0));
    }
    for r in msg.answers().chain(msg.authority()).chain(msg.additional()) {
        w.record(record(&r));
    }
    if let Some(e) = msg.edns() {
        w.edns(u64::from(e.udp_payload_size) + e.options.iter().map(|o| o.data.len() as u64).sum::<u64>());
    }
    Some(w)
}

/// The message as dnswire's own decoded values.
struct Parts {
    header: Header,
    questions: Vec<Question<'static>>,
    sections: [Vec<Record<'static>>; 3],
    edns: Option<Edns<'static>>,
}

fn parts(m: &'static [u8]) -> Option<Parts> {
    let msg = Message::decode(m).ok()?;
    Some(Parts {
        header: msg.header(),
        questions: msg.questions().collect(),
        sections: [msg.answers().collect(), msg.authority().collect(), msg.additional().collect()],
        edns: msg.edns(),
    })
}

fn encode(p: &Parts, buf: &mut [u8]) -> Option<usize> {
    let mut b = MessageBuilder::new(buf, p.header).ok()?;
    for q in &p.questions {
        b.question(q).ok()?;
    }
    if let Some(e) = &p.edns {
        b.edns(e).ok()?;
    }
    for r in &p.sections[0] {
        b.answer(r).ok()?;
    }
    for r in &p.sections[1] {
        b.authority(r).ok()?;
    }
    for r in &p.sections[2] {
        b.additional(r).ok()?;
    }
    Some(b.finish().ok()?.len())
}

static OPTIONS: [EdnsOption<'static>; 1] = [EdnsOption { code: OptionCode::COOKIE, data: &COOKIE }];

pub fn query(qname: &NameBuf, buf: &mut [u8]) -> Option<usize> {
    let header = Header { id: QID, flags: Flags::default().with_rd(true), ..Header::default() };
    let mut b = MessageBuilder::new(buf, header).ok()?;
    b.question(&Question { qname: qname.as_name(), qtype: Rtype::A, qclass: Class::IN }).ok()?;
    b.edns(&Edns {
        udp_payload_size: 1232,
        extended_rcode: 0,
        version: 0,
        flags: EdnsFlags(0).with_dnssec_ok(true),
        options: EdnsOptions::from_slice(&OPTIONS),
    })
    .ok()?;
    Some(b.finish().ok()?.len())
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
            let qname = NameBuf::from_text(QNAME).ok()?;
            let mut buf = [0u8; 512];
            query(&qname, &mut buf)?;
            Some(Box::new(move || query(&qname, &mut buf).unwrap_or(0) as u64))
        }
        Op::Roundtrip => {
            let mut buf = vec![0u8; 65535];
            let rt = move |m: &[u8], buf: &mut [u8]| Message::decode(m).ok()?.encode_into(buf, true).ok();
            for m in &msgs {
                rt(m, &mut buf)?;
            }
            Some(Box::new(move || msgs.iter().map(|m| rt(m, &mut buf).unwrap_or(0) as u64).sum()))
        }
    }
}
