//! Baseline: the runtime (vector table, reset handler, panic handler) and the
//! input/sink glue, with no DNS code. Subtract it from the others.
#![no_std]
#![no_main]

use panic_halt as _;

#[cortex_m_rt::entry]
fn main() -> ! {
    loop {
        let input = dnswire_footprint::input();
        dnswire_footprint::sink(input.len() as u32);
    }
}
