//! dnsbox 0.0.3 (default-features = false, no allocator): (b) build a query
//! with EDNS into a fixed buffer with `MessageBuilder`.
#![no_std]
#![no_main]

use dnsbox::edns::{OptHeader, RawOption};
use dnsbox::{Class, MessageBuilder, Name, Rtype};
use panic_halt as _;

#[inline(never)]
fn query(cookie: &[u8], qname: &[u8]) -> Option<usize> {
    let name = Name::from_wire(qname).ok()?;
    let out = dnswire_footprint::output();
    let mut b = MessageBuilder::query(&mut out[..], 0x2a2a, name, Rtype::A, Class::IN).ok()?;
    let option = RawOption { code: dnsbox::edns::OptionCode::COOKIE, data: cookie };
    b.push_edns(OptHeader::new(1232).with_dnssec_ok(true), &option).ok()?;
    Some(b.finish().len())
}

#[cortex_m_rt::entry]
fn main() -> ! {
    loop {
        let input = dnswire_footprint::input();
        let (cookie, qname) = input.split_at(input.len().min(8));
        dnswire_footprint::sink(query(cookie, qname).unwrap_or(0) as u32);
    }
}
