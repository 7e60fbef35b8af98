//! domain 0.12 (default-features = false, no allocator): (b) build a query with
//! EDNS into a fixed `octseq::Array`, with the allocation-free StaticCompressor.
#![no_std]
#![no_main]

use domain::base::iana::{Class, OptionCode, Rtype};
use domain::base::message_builder::{MessageBuilder, StaticCompressor};
use domain::base::name::Name;
use domain::dep::octseq::{self, Array, OctetsBuilder};
use panic_halt as _;

#[inline(never)]
fn query(cookie: &[u8], qname: &[u8]) -> Option<usize> {
    let name = Name::from_octets(qname).ok()?;
    let mut b = MessageBuilder::from_target(StaticCompressor::new(Array::<512>::new())).ok()?;
    b.header_mut().set_id(0x2a2a);
    b.header_mut().set_rd(true);
    let mut q = b.question();
    q.push((&name, Rtype::A, Class::IN)).ok()?;
    let mut ad = q.additional();
    ad.opt(|o| {
        o.set_udp_payload_size(1232);
        o.set_dnssec_ok(true);
        o.push_raw_option(OptionCode::COOKIE, cookie.len() as u16, |t| t.append_slice(cookie)).map_err(|_| octseq::ShortBuf)
    })
    .ok()?;
    let out = ad.finish();
    let wire = out.as_ref();
    dnswire_footprint::output()[..wire.len()].copy_from_slice(wire);
    Some(wire.len())
}

#[cortex_m_rt::entry]
fn main() -> ! {
    loop {
        let input = dnswire_footprint::input();
        let (cookie, qname) = input.split_at(input.len().min(8));
        dnswire_footprint::sink(query(cookie, qname).unwrap_or(0) as u32);
    }
}
