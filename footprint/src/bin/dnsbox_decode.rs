//! dnsbox 0.0.3 (default-features = false, no allocator): (a) decode a response
//! and walk every record typed, through its lazy `Message::parse` view and `RData`.
#![no_std]
#![no_main]

use dnsbox::edns::Edns;
use dnsbox::rdata::RData;
use dnsbox::{Message, Name, Rtype};
use panic_halt as _;

fn name(n: &Name<'_>) -> u32 {
    n.labels().map(|l| l.len() as u32).sum()
}

fn touch(d: &RData<'_>) -> u32 {
    match d {
        RData::A(a) => a.addr.octets().iter().map(|&b| u32::from(b)).sum(),
        RData::Aaaa(a) => a.addr.octets().iter().map(|&b| u32::from(b)).sum(),
        RData::Ns(n) => name(&n.nsdname),
        RData::Cname(n) => name(&n.cname),
        RData::Ptr(n) => name(&n.ptrdname),
        RData::Soa(s) => name(&s.mname) ^ name(&s.rname) ^ s.serial ^ s.refresh ^ s.minimum,
        RData::Mx(m) => u32::from(m.preference) ^ name(&m.exchange),
        RData::Txt(t) => t.strings().map(|s| s.len() as u32).sum(),
        RData::Srv(s) => u32::from(s.port) ^ name(&s.target),
        RData::Dnskey(k) => u32::from(k.flags) ^ k.public_key.len() as u32,
        RData::Rrsig(s) => u32::from(s.key_tag) ^ s.expiration ^ name(&s.signer_name) ^ s.signature.len() as u32,
        RData::Ds(d) => u32::from(d.key_tag) ^ d.digest.len() as u32,
        RData::Nsec(n) => name(&n.next_domain_name) ^ n.types.iter().map(|t| u32::from(t.get())).sum::<u32>(),
        RData::Nsec3(n) => u32::from(n.iterations) ^ n.types.iter().map(|t| u32::from(t.get())).sum::<u32>(),
        _ => 1,
    }
}

#[inline(never)]
fn walk(wire: &[u8]) -> Option<u32> {
    let msg = Message::parse(wire).ok()?;
    let mut s = u32::from(msg.id());
    for q in msg.questions() {
        let q = q.ok()?;
        s ^= name(&q.name());
    }
    for r in msg.records() {
        let (_, r) = r.ok()?;
        if r.rtype() == Rtype::OPT {
            s ^= u32::from(Edns::from_record(&r).ok()?.udp_payload_size());
            continue;
        }
        s = s.rotate_left(3) ^ name(&r.name()) ^ r.ttl() ^ touch(&r.data().ok()?);
    }
    Some(s)
}

#[cortex_m_rt::entry]
fn main() -> ! {
    loop {
        dnswire_footprint::sink(walk(dnswire_footprint::input()).unwrap_or(0));
    }
}
