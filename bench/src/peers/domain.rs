use domain::base::iana::{Class, OptionCode, Rtype};
use domain::base::message_builder::{MessageBuilder, StaticCompressor};
use domain::base::name::{Name, ParsedName};
use domain::base::opt::UnknownOptData;
use domain::base::{Message, Question, Record};
use domain::dep::octseq::OctetsBuilder;
use domain::rdata::AllRecordData;

use super::{COOKIE, QID, QNAME, Walked, opaque};
use crate::{Input, Job, Op};

type PName<'a> = ParsedName<&'a [u8]>;
type Data<'a> = AllRecordData<&'a [u8], PName<'a>>;

fn name(n: &PName<'_>) -> u64 {
    n.iter().map(|l| l.len() as u64).sum()
}

fn rdata(rtype: Rtype, d: &Data<'_>) -> u64 {
    match d {
        AllRecordData::A(a) => a.addr().octets().iter().map(|&b| u64::from(b)).sum(),
        AllRecordData::Aaaa(a) => a.addr().octets().iter().map(|&b| u64::from(b)).sum(),
        AllRecordData::Ns(n) => name(n.nsdname()),
        AllRecordData::Cname(n) => name(n.cname()),
        AllRecordData::Ptr(n) => name(n.ptrdname()),
        AllRecordData::Dname(n) => name(n.dname()),
        AllRecordData::Soa(s) => {
            name(s.mname()) + name(s.rname()) + u64::from(s.serial().into_int()) + u64::from(s.refresh().as_secs()) + u64::from(s.retry().as_secs())
                + u64::from(s.expire().as_secs()) + u64::from(s.minimum().as_secs())
        }
        AllRecordData::Mx(m) => u64::from(m.preference()) + name(m.exchange()),
        AllRecordData::Txt(t) => t.iter().map(|s| s.len() as u64).sum(),
        AllRecordData::Srv(s) => u64::from(s.priority()) + u64::from(s.weight()) + u64::from(s.port()) + name(s.target()),
        AllRecordData::Dnskey(k) => u64::from(k.flags()) + u64::from(k.protocol()) + u64::from(k.algorithm().to_int()) + k.public_key().len() as u64,
        AllRecordData::Cdnskey(k) => u64::from(k.flags()) + u64::from(k.protocol()) + u64::from(k.algorithm().to_int()) + k.public_key().len() as u64,
        AllRecordData::Rrsig(s) => {
            u64::from(s.type_covered().to_int()) + u64::from(s.algorithm().to_int()) + u64::from(s.labels()) + u64::from(s.original_ttl().as_secs())
                + u64::from(s.expiration().into_int()) + u64::from(s.inception().into_int()) + u64::from(s.key_tag()) + name(s.signer_name())
                + s.signature().len() as u64
        }
        AllRecordData::Ds(d) => u64::from(d.key_tag()) + u64::from(d.algorithm().to_int()) + u64::from(d.digest_type().to_int()) + d.digest().len() as u64,
        AllRecordData::Cds(d) => u64::from(d.key_tag()) + u64::from(d.algorithm().to_int()) + u64::from(d.digest_type().to_int()) + d.digest().len() as u64,
        AllRecordData::Nsec(n) => name(n.next_name()) + n.types().iter().map(|t| u64::from(t.to_int())).sum::<u64>(),
        AllRecordData::Nsec3(n) => {
            u64::from(n.hash_algorithm().to_int()) + u64::from(n.flags()) + u64::from(n.iterations()) + n.salt().as_slice().len() as u64
                + n.next_owner().as_slice().len() as u64 + n.types().iter().map(|t| u64::from(t.to_int())).sum::<u64>()
        }
        AllRecordData::Nsec3param(n) => u64::from(n.hash_algorithm().to_int()) + u64::from(n.flags()) + u64::from(n.iterations()) + n.salt().as_slice().len() as u64,
        AllRecordData::Unknown(u) => opaque(rtype.to_int(), u.data().len()),
        _ => 1,
    }
}

pub fn walk(m: &[u8]) -> Option<Walked> {
    let msg = Message::from_octets(m).ok()?;
    let mut w = Walked::new(msg.header().id());
    for q in msg.question() {
        let q = q.ok()?;
        w.question(name(q.qname()) + u64::from(q.qtype().to_int()));
    }
    let mut section = Some(msg.answer().ok()?);
    while let Some(cur) = section {
        let mut recs = cur.limit_to::<Data<'_>>();
        for r in &mut recs {
            let r = r.ok()?;
            // domain yields OPT as a record; it is read here as EDNS (payload
            // size in the class field, then the options), as the others do.
            if let AllRecordData::Opt(o) = r.data() {
                let options = o.iter::<UnknownOptData<&[u8]>>().map(|x| x.map_or(0, |x| x.as_slice().len() as u64)).sum::<u64>();
                w.edns(u64::from(r.class().to_int()) + options);
                continue;
            }
            w.record(name(r.owner()) + u64::from(r.ttl().as_secs()) + u64::from(r.rtype().to_int()) + rdata(r.rtype(), r.data()));
        }
        section = cur.next_section().ok()?;
    }
    Some(w)
}

type Rec<'a> = Record<PName<'a>, Data<'a>>;

struct Parts {
    msg: &'static Message<&'static [u8]>,
    questions: Vec<Question<PName<'static>>>,
    sections: [Vec<Rec<'static>>; 3],
}

fn parts(m: &'static [u8]) -> Option<Parts> {
    // Leaked (set-up only) so the parsed records can borrow it for 'static.
    let msg: &'static Message<&'static [u8]> = Box::leak(Box::new(Message::from_octets(m).ok()?));
    let questions = msg.question().collect::<Result<Vec<_>, _>>().ok()?;
    let (_, an, ns, ar) = msg.sections().ok()?;
    let collect = |s: domain::base::message::RecordSection<'static, &'static [u8]>| -> Option<Vec<Rec<'static>>> {
        s.limit_to::<Data<'static>>().collect::<Result<Vec<_>, _>>().ok()
    };
    Some(Parts { msg, questions, sections: [collect(an)?, collect(ns)?, collect(ar)?] })
}

fn encode(p: &Parts) -> Option<usize> {
    let mut b = MessageBuilder::from_target(StaticCompressor::new(Vec::with_capacity(512))).ok()?;
    *b.header_mut() = p.msg.header();
    let mut q = b.question();
    for x in &p.questions {
        q.push(x).ok()?;
    }
    let mut a = q.answer();
    for r in &p.sections[0] {
        a.push(r).ok()?;
    }
    let mut ns = a.authority();
    for r in &p.sections[1] {
        ns.push(r).ok()?;
    }
    let mut ad = ns.additional();
    for r in &p.sections[2] {
        ad.push(r).ok()?;
    }
    Some(ad.finish().as_slice().len())
}

fn roundtrip(m: &[u8]) -> Option<usize> {
    let msg = Message::from_octets(m).ok()?;
    let mut b = MessageBuilder::from_target(StaticCompressor::new(Vec::with_capacity(512))).ok()?;
    *b.header_mut() = msg.header();
    let mut q = b.question();
    for x in msg.question() {
        q.push(x.ok()?).ok()?;
    }
    let (_, an, ns, ar) = msg.sections().ok()?;
    let mut a = q.answer();
    for r in an.limit_to::<Data<'_>>() {
        a.push(r.ok()?).ok()?;
    }
    let mut nsb = a.authority();
    for r in ns.limit_to::<Data<'_>>() {
        nsb.push(r.ok()?).ok()?;
    }
    let mut ad = nsb.additional();
    for r in ar.limit_to::<Data<'_>>() {
        ad.push(r.ok()?).ok()?;
    }
    Some(ad.finish().as_slice().len())
}

fn query(qname: &Name<Vec<u8>>) -> Option<usize> {
    let mut b = MessageBuilder::from_target(StaticCompressor::new(Vec::with_capacity(512))).ok()?;
    b.header_mut().set_id(QID);
    b.header_mut().set_rd(true);
    let mut q = b.question();
    q.push((qname, Rtype::A, Class::IN)).ok()?;
    let mut ad = q.additional();
    ad.opt(|o| {
        o.set_udp_payload_size(1232);
        o.set_dnssec_ok(true);
        // A Vec target cannot fail to grow; only a too-long option fails.
        let _ = o.push_raw_option(OptionCode::COOKIE, COOKIE.len() as u16, |t| t.append_slice(&COOKIE));
        Ok(())
    })
    .ok()?;
    Some(ad.finish().as_slice().len())
}

pub fn job(op: Op, input: &Input) -> Option<Job> {
    let msgs = input.messages.clone();
    match op {
        Op::Decode => super::decode_job(&msgs, walk),
        Op::Encode => {
            let parts: Vec<Parts> = msgs.iter().map(|m| parts(m)).collect::<Option<_>>()?;
            for p in &parts {
                encode(p)?;
            }
            Some(Box::new(move || parts.iter().map(|p| encode(p).unwrap_or(0) as u64).sum()))
        }
        Op::Query => {
            let qname: Name<Vec<u8>> = QNAME.parse().ok()?;
            query(&qname)?;
            Some(Box::new(move || query(&qname).unwrap_or(0) as u64))
        }
        Op::Roundtrip => {
            for m in &msgs {
                roundtrip(m)?;
            }
            Some(Box::new(move || msgs.iter().map(|m| roundtrip(m).unwrap_or(0) as u64).sum()))
        }
    }
}
