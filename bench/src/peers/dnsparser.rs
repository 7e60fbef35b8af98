//! dns-parser 0.8: decode only (its `Builder` makes queries without EDNS and
//! cannot encode responses). Names are read through `Display`, the only way
//! it exposes their labels.
use std::fmt::Write;

use dns_parser::{Packet, RData, ResourceRecord};

use crate::{Input, Job, Op};

fn name(n: &dns_parser::Name<'_>, buf: &mut String) -> u64 {
    buf.clear();
    let _ = write!(buf, "{n}");
    buf.len() as u64
}

fn record(r: &ResourceRecord<'_>, buf: &mut String) -> u64 {
    name(&r.name, buf)
        + u64::from(r.ttl)
        + match &r.data {
            RData::A(a) => a.0.octets().iter().map(|&b| u64::from(b)).sum(),
            RData::AAAA(a) => a.0.octets().iter().map(|&b| u64::from(b)).sum(),
            RData::CNAME(n) => name(&n.0, buf),
            RData::NS(n) => name(&n.0, buf),
            RData::PTR(n) => name(&n.0, buf),
            RData::MX(m) => u64::from(m.preference) + name(&m.exchange, buf),
            RData::SOA(s) => {
                name(&s.primary_ns, buf) + name(&s.mailbox, buf) + u64::from(s.serial) + u64::from(s.refresh) + u64::from(s.retry) + u64::from(s.expire)
                    + u64::from(s.minimum_ttl)
            }
            RData::SRV(s) => u64::from(s.priority) + u64::from(s.weight) + u64::from(s.port) + name(&s.target, buf),
            RData::TXT(t) => t.iter().map(|s| s.len() as u64).sum(),
            RData::Unknown(d) => d.len() as u64,
        }
}

pub fn walk(m: &[u8]) -> Option<u64> {
    let p = Packet::parse(m).ok()?;
    let mut buf = String::new();
    let mut s = u64::from(p.header.id);
    for q in &p.questions {
        s += name(&q.qname, &mut buf) + q.qtype as u64;
    }
    for r in p.answers.iter().chain(&p.nameservers).chain(&p.additional) {
        s += record(r, &mut buf);
    }
    if let Some(o) = &p.opt {
        s += u64::from(o.udp);
    }
    Some(s)
}

pub fn job(op: Op, input: &Input) -> Option<Job> {
    match op {
        Op::Decode => super::decode_job(&input.messages, walk),
        _ => None,
    }
}
