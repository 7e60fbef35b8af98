#![no_main]
//! Differential decoding: every input is decoded by dnswire and by dnsbox, an
//! independent decoder, and the two must agree (both reject, or both accept
//! with the same header, questions and records) unless the disagreement is one
//! of the known, justified differences listed in `known_difference` and in
//! `fuzz/README.md`.

#[path = "../decode_diff/compare.rs"]
mod compare;

use compare::{hex, known_difference, ours, peer};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let a = ours(data);
    let b = peer(data);
    let agree = match (&a, &b) {
        (Ok((x, _)), Ok(y)) => x == y,
        (Err(_), Err(_)) => true,
        _ => false,
    };
    if !agree && known_difference(data, &a, &b).is_none() {
        panic!("decoders disagree on {}\ndnswire: {a:?}\ndnsbox:  {b:?}", hex(data));
    }
});
