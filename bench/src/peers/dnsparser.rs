//! dns-parser 0.8: decode only (its `Builder` makes queries without EDNS and
//! cannot encode responses). Names are read through `Display`, the only way
//! it exposes their labels.
use std::fmt::Write;

use dns_parser::{Packet, RData, ResourceRecord};

use super::Walked;
use crate::{Input, Job, Op};

/// The sum of label lengths: the text length without the dots between labels
/// (a label holding a dot itself would be miscounted; the corpus has none).
fn name(n: &dns_parser::Name<'_>, buf: &mut String) -> u64 {
    buf.clear();
    let _ = write!(buf, "{n}");
    buf.bytes().filter(|&b| b != b'.').count() as u64
}

fn record(r: &ResourceRecord<'_>, buf: &mut String) -> u64 {
    // dns-parser keeps no type number: each typed variant adds its own, and
    // RDATA it does not type (`Unknown`) has lost its type (a documented difference).
    name(&r.name, buf)
        + u64::from(r.ttl)
        + match &r.data {
            RData::A(a) => 1 + a.0.octets().iter().map(|&b| u64::from(b)).sum::<u64>(),
            RData::AAAA(a) => 28 + a.0.octets().iter().map(|&b| u64::from(b)).sum::<u64>(),
            RData::CNAME(n) => 5 + name(&n.0, buf),
            RData::NS(n) => 2 + name(&n.0, buf),
            RData::PTR(n) => 12 + name(&n.0, buf),
            RData::MX(m) => 15 + u64::from(m.preference) + name(&m.exchange, buf),
            RData::SOA(s) => {
                6 + name(&s.primary_ns, buf) + name(&s.mailbox, buf) + u64::from(s.serial) + u64::from(s.refresh) + u64::from(s.retry)
                    + u64::from(s.expire) + u64::from(s.minimum_ttl)
            }
            RData::SRV(s) => 33 + u64::from(s.priority) + u64::from(s.weight) + u64::from(s.port) + name(&s.target, buf),
            RData::TXT(t) => 16 + t.iter().map(|s| s.len() as u64).sum::<u64>(),
            RData::Unknown(_) => 1,
        }
}

/// The data lengths of the EDNS options, which dns-parser leaves undecoded.
fn option_lengths(mut data: &[u8]) -> u64 {
    let mut s = 0;
    while let [_, _, hi, lo, rest @ ..] = data {
        let len = usize::from(u16::from_be_bytes([*hi, *lo])).min(rest.len());
        s += len as u64;
        data = &rest[len..];
    }
    s
}

pub fn walk(m: &[u8]) -> Option<Walked> {
    let p = Packet::parse(m).ok()?;
    let mut buf = String::new();
    let mut w = Walked::new(p.header.id);
    for q in &p.questions {
        w.question(name(&q.qname, &mut buf) + q.qtype as u64);
    }
    for r in p.answers.iter().chain(&p.nameservers).chain(&p.additional) {
        w.record(record(r, &mut buf));
    }
    if let Some(o) = &p.opt {
        let options = match o.data {
            RData::Unknown(d) => option_lengths(d),
            _ => 0,
        };
        w.edns(u64::from(o.udp) + options);
    }
    Some(w)
}

pub fn job(op: Op, input: &Input) -> Option<Job> {
    match op {
        Op::Decode => super::decode_job(&input.messages, walk),
        _ => None,
    }
}
