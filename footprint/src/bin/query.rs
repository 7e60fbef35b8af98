//! (b) Build a query with EDNS. The name arrives in wire form in the input
//! buffer (validated by `Name::from_wire`); the option is a client cookie.
#![no_std]
#![no_main]

use dnswire::{EdnsOption, Name, OptionCode};
use panic_halt as _;

#[cortex_m_rt::entry]
fn main() -> ! {
    loop {
        let input = dnswire_footprint::input();
        let (cookie, qname) = input.split_at(input.len().min(8));
        let n = match Name::from_wire(qname) {
            Ok(name) => {
                let opts = [EdnsOption { code: OptionCode::COOKIE, data: cookie }];
                dnswire_footprint::build_query(0x2a2a, name, &opts, dnswire_footprint::output())
            }
            Err(_) => 0,
        };
        dnswire_footprint::sink(n as u32);
    }
}
