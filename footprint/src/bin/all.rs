//! (c) Everything: decode and walk, re-encode with compression, build a query
//! from a name in text form, and display the whole message (dig style: every
//! type's presentation form) through core::fmt into a fixed buffer.
#![no_std]
#![no_main]

use core::fmt::Write;

use dnswire::{Message, NameBuf};
use dnswire_footprint::FixedBuf;
use panic_halt as _;

#[cortex_m_rt::entry]
fn main() -> ! {
    let mut text = FixedBuf::<2048>::new();
    loop {
        let input = dnswire_footprint::input();
        let mut s = dnswire_footprint::decode_walk(input);
        s ^= dnswire_footprint::reencode(input, dnswire_footprint::output()) as u32;
        if let Ok(msg) = Message::decode(input) {
            text.len = 0;
            let _ = write!(text, "{msg}");
            s ^= text.len as u32 ^ u32::from(text.buf[0]);
            if let Some(q) = msg.question() {
                // Name from presentation text, then a query for it.
                let shown = q.qname.to_string_buf::<256>();
                if let Some(name) = shown.ok().and_then(|s| NameBuf::from_text(s.as_str()).ok()) {
                    s ^= dnswire_footprint::build_query(7, name.as_name(), &[], dnswire_footprint::output()) as u32;
                }
            }
        }
        dnswire_footprint::sink(s);
    }
}
