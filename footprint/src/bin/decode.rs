//! (a) Decode a response and walk every record, typed.
#![no_std]
#![no_main]

use panic_halt as _;

#[cortex_m_rt::entry]
fn main() -> ! {
    loop {
        dnswire_footprint::sink(dnswire_footprint::decode_walk(dnswire_footprint::input()));
    }
}
