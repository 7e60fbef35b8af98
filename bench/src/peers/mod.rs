//! One module per peer, each with `job(op, input)` and `decodes(bytes)`.

pub mod dnsparser;
pub mod dnswire;
pub mod domain;
pub mod hickory;
pub mod simple;

/// The cookie sent in the EDNS query of every peer.
pub const COOKIE: [u8; 8] = [0x24, 0xa5, 0xac, 0x3b, 0x6e, 0x1f, 0x00, 0x01];
/// The query name, as text.
pub const QNAME: &str = "www.example.com.";
pub const QID: u16 = 0x2a2a;

/// Whether `peer` decodes (and walks) `m`.
pub fn decodes(peer: &str, m: &[u8]) -> bool {
    match peer {
        "dnswire" => dnswire::walk(m).is_some(),
        "domain" => domain::walk(m).is_some(),
        "hickory-proto" => hickory::walk(m).is_some(),
        "simple-dns" => simple::walk(m).is_some(),
        "dns-parser" => dnsparser::walk(m).is_some(),
        _ => false,
    }
}

/// Runs `walk` over every message; `None` if any fails.
pub(crate) fn all(msgs: &[&'static [u8]], walk: fn(&[u8]) -> Option<u64>) -> Option<u64> {
    let mut s = 0u64;
    for m in msgs {
        s = s.wrapping_add(walk(m)?);
    }
    Some(s)
}

/// The decode job from a walk function, after checking every message decodes.
pub(crate) fn decode_job(msgs: &[&'static [u8]], walk: fn(&[u8]) -> Option<u64>) -> Option<crate::Job> {
    all(msgs, walk)?;
    let msgs = msgs.to_vec();
    Some(Box::new(move || all(&msgs, walk).unwrap_or(0)))
}
