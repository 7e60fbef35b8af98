//! domain 0.12 (default-features = false, no allocator): (a) decode a response
//! and walk every record typed through `AllRecordData` with `ParsedName`.
#![no_std]
#![no_main]

use domain::base::{Message, ParsedName};
use domain::rdata::AllRecordData;
use panic_halt as _;

type N<'a> = ParsedName<&'a [u8]>;

fn name(n: &N<'_>) -> u32 {
    n.iter().map(|l| l.len() as u32).sum()
}

fn touch(d: &AllRecordData<&[u8], N<'_>>) -> u32 {
    match d {
        AllRecordData::A(a) => a.addr().octets().iter().map(|&b| u32::from(b)).sum(),
        AllRecordData::Aaaa(a) => a.addr().octets().iter().map(|&b| u32::from(b)).sum(),
        AllRecordData::Ns(n) => name(n.nsdname()),
        AllRecordData::Cname(n) => name(n.cname()),
        AllRecordData::Ptr(n) => name(n.ptrdname()),
        AllRecordData::Soa(s) => name(s.mname()) ^ name(s.rname()) ^ s.serial().into_int() ^ s.refresh().as_secs() ^ s.minimum().as_secs(),
        AllRecordData::Mx(m) => u32::from(m.preference()) ^ name(m.exchange()),
        AllRecordData::Txt(t) => t.iter().map(|s| s.len() as u32).sum(),
        AllRecordData::Srv(s) => u32::from(s.port()) ^ name(s.target()),
        AllRecordData::Dnskey(k) => u32::from(k.flags()) ^ k.public_key().len() as u32,
        AllRecordData::Rrsig(s) => u32::from(s.key_tag()) ^ s.expiration().into_int() ^ name(s.signer_name()) ^ s.signature().len() as u32,
        AllRecordData::Ds(d) => u32::from(d.key_tag()) ^ d.digest().len() as u32,
        AllRecordData::Nsec(n) => name(n.next_name()) ^ n.types().iter().map(|t| u32::from(t.to_int())).sum::<u32>(),
        AllRecordData::Nsec3(n) => u32::from(n.iterations()) ^ n.types().iter().map(|t| u32::from(t.to_int())).sum::<u32>(),
        _ => 1,
    }
}

#[inline(never)]
fn walk(wire: &[u8]) -> Option<u32> {
    let msg = Message::from_octets(wire).ok()?;
    let mut s = u32::from(msg.header().id());
    for q in msg.question() {
        let q = q.ok()?;
        s ^= name(q.qname());
    }
    let mut section = Some(msg.answer().ok()?);
    while let Some(cur) = section {
        for r in cur.limit_to::<AllRecordData<&[u8], N<'_>>>() {
            let r = r.ok()?;
            s = s.rotate_left(3) ^ name(r.owner()) ^ r.ttl().as_secs() ^ touch(r.data());
        }
        section = cur.next_section().ok()?;
    }
    Some(s)
}

#[cortex_m_rt::entry]
fn main() -> ! {
    loop {
        dnswire_footprint::sink(walk(dnswire_footprint::input()).unwrap_or(0));
    }
}
