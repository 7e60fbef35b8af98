use hickory_proto::dnssec::rdata::DNSSECRData;
use hickory_proto::dnssec::PublicKey;
use hickory_proto::op::{Edns, Message, Query};
use hickory_proto::rr::rdata::opt::EdnsOption;
use hickory_proto::rr::{Name, RData, Record, RecordType};

use super::{COOKIE, QID, QNAME, Walked, opaque};
use crate::{Input, Job, Op};

fn name(n: &Name) -> u64 {
    n.iter().map(|l| l.len() as u64).sum()
}

fn rdata(rtype: RecordType, d: &RData) -> u64 {
    match d {
        RData::A(a) => a.0.octets().iter().map(|&b| u64::from(b)).sum(),
        RData::AAAA(a) => a.0.octets().iter().map(|&b| u64::from(b)).sum(),
        RData::NS(n) => name(&n.0),
        RData::CNAME(n) => name(&n.0),
        RData::PTR(n) => name(&n.0),
        RData::SOA(s) => {
            name(&s.mname) + name(&s.rname) + u64::from(s.serial) + u64::from(s.refresh as u32) + u64::from(s.retry as u32) + u64::from(s.expire as u32) + u64::from(s.minimum)
        }
        RData::MX(m) => u64::from(m.preference) + name(&m.exchange),
        RData::TXT(t) => t.txt_data.iter().map(|s| s.len() as u64).sum(),
        RData::SRV(s) => u64::from(s.priority) + u64::from(s.weight) + u64::from(s.port) + name(&s.target),
        RData::DNSSEC(d) => match d {
            DNSSECRData::DNSKEY(k) => u64::from(k.flags()) + u64::from(u8::from(k.public_key().algorithm())) + k.public_key().public_bytes().len() as u64,
            DNSSECRData::RRSIG(s) => {
                let i = s.input();
                u64::from(u16::from(i.type_covered)) + u64::from(u8::from(i.algorithm)) + u64::from(i.num_labels) + u64::from(i.original_ttl)
                    + u64::from(i.sig_expiration.get()) + u64::from(i.sig_inception.get()) + u64::from(i.key_tag) + name(&i.signer_name)
                    + s.sig().len() as u64
            }
            // hickory keeps no protocol field (RFC 4034 fixes it at 3): a documented difference.
            DNSSECRData::CDNSKEY(k) => {
                u64::from(k.flags()) + k.algorithm().map_or(0, |a| u64::from(u8::from(a))) + k.public_key().map_or(0, |p| p.public_bytes().len() as u64)
            }
            DNSSECRData::KEY(k) => {
                u64::from(k.flags()) + u64::from(u8::from(k.protocol())) + u64::from(u8::from(k.algorithm())) + k.public_key().len() as u64
            }
            DNSSECRData::CDS(x) => {
                u64::from(x.key_tag()) + x.algorithm().map_or(0, |a| u64::from(u8::from(a))) + u64::from(u8::from(x.digest_type())) + x.digest().len() as u64
            }
            DNSSECRData::NSEC3PARAM(n) => u64::from(u8::from(n.hash_algorithm())) + u64::from(n.flags()) + u64::from(n.iterations()) + n.salt().len() as u64,
            DNSSECRData::DS(x) => u64::from(x.key_tag()) + u64::from(u8::from(x.algorithm())) + u64::from(u8::from(x.digest_type())) + x.digest().len() as u64,
            DNSSECRData::NSEC(n) => name(n.next_domain_name()) + n.type_bit_maps().map(|t| u64::from(u16::from(t))).sum::<u64>(),
            DNSSECRData::NSEC3(n) => {
                u64::from(u8::from(n.hash_algorithm())) + u64::from(n.flags()) + u64::from(n.iterations()) + n.salt().len() as u64
                    + n.next_hashed_owner_name().len() as u64 + n.type_bit_maps().map(|t| u64::from(u16::from(t))).sum::<u64>()
            }
            _ => 1,
        },
        RData::Unknown { rdata, .. } => opaque(u16::from(rtype), rdata.anything.len()),
        _ => 1,
    }
}

fn record(r: &Record) -> u64 {
    name(&r.name) + u64::from(r.ttl) + u64::from(u16::from(r.record_type())) + rdata(r.record_type(), &r.data)
}

pub fn walk(m: &[u8]) -> Option<Walked> {
    let msg = Message::from_vec(m).ok()?;
    let mut w = Walked::new(msg.metadata.id);
    for q in &msg.queries {
        w.question(name(q.name()) + u64::from(u16::from(q.query_type())));
    }
    for r in msg.answers.iter().chain(&msg.authorities).chain(&msg.additionals) {
        w.record(record(r));
    }
    if let Some(e) = &msg.edns {
        w.edns(u64::from(e.max_payload()) + e.options().options.iter().map(|(_, o)| u64::from(o.len())).sum::<u64>());
    }
    Some(w)
}

fn query(qname: &Name) -> Option<usize> {
    let mut msg = Message::query();
    msg.metadata.id = QID;
    msg.metadata.recursion_desired = true;
    msg.add_query(Query::query(qname.clone(), RecordType::A));
    let mut edns = Edns::new();
    edns.set_max_payload(1232);
    edns.set_dnssec_ok(true);
    edns.options_mut().insert(EdnsOption::Unknown(10, COOKIE.to_vec()));
    msg.set_edns(edns);
    Some(msg.to_vec().ok()?.len())
}

pub fn job(op: Op, input: &Input) -> Option<Job> {
    let msgs = input.messages.clone();
    match op {
        Op::Decode => super::decode_job(&msgs, walk),
        Op::Encode => {
            let parsed: Vec<Message> = msgs.iter().map(|m| Message::from_vec(m).ok()).collect::<Option<_>>()?;
            for p in &parsed {
                p.to_vec().ok()?;
            }
            Some(Box::new(move || parsed.iter().map(|p| p.to_vec().map_or(0, |v| v.len()) as u64).sum()))
        }
        Op::Query => {
            let qname = Name::from_ascii(QNAME).ok()?;
            query(&qname)?;
            Some(Box::new(move || query(&qname).unwrap_or(0) as u64))
        }
        Op::Roundtrip => {
            let rt = |m: &[u8]| Message::from_vec(m).ok()?.to_vec().ok().map(|v| v.len());
            for m in &msgs {
                rt(m)?;
            }
            Some(Box::new(move || msgs.iter().map(|m| rt(m).unwrap_or(0) as u64).sum()))
        }
    }
}
