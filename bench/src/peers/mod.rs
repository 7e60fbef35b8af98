//! One module per peer, each with `job(op, input)` and `walk(bytes)`.

pub mod dnsbox;
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

/// What one walk over a message saw: the records walked (OPT is EDNS, not a
/// record) and a checksum over the same fields in every peer, so that peers
/// can be compared message by message (see `crate::agreement`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Walked {
    pub records: u64,
    pub sum: u64,
}

impl Walked {
    /// Starts a walk at the message ID.
    pub fn new(id: u16) -> Self {
        Walked { records: 0, sum: u64::from(id) }
    }

    /// Adds one question's fields.
    pub fn question(&mut self, v: u64) {
        self.sum = self.sum.wrapping_add(v);
    }

    /// Adds one record's fields.
    pub fn record(&mut self, v: u64) {
        self.records += 1;
        self.sum = self.sum.wrapping_add(v);
    }

    /// Adds the EDNS fields: payload size and the length of each option's data.
    pub fn edns(&mut self, v: u64) {
        self.sum = self.sum.wrapping_add(v);
    }
}

/// The record types whose RDATA fields the walk touches; any other type adds 1
/// whether the peer types it or keeps it opaque, so that a peer knowing fewer
/// types does not differ where no peer reads fields anyway.
pub const WALKED_TYPES: [u16; 20] = [
    1,  // A
    2,  // NS
    5,  // CNAME
    6,  // SOA
    12, // PTR
    15, // MX
    16, // TXT
    25, // KEY
    28, // AAAA
    33, // SRV
    39, // DNAME
    43, // DS
    46, // RRSIG
    47, // NSEC
    48, // DNSKEY
    50, // NSEC3
    51, // NSEC3PARAM
    59, // CDS
    60, // CDNSKEY
    99, // SPF
];

/// The value of RDATA the peer keeps opaque: its length for a walked type (the
/// peer cannot type it: a documented difference), else 1 like any unwalked type.
pub fn opaque(rtype: u16, len: usize) -> u64 {
    if WALKED_TYPES.contains(&rtype) { len as u64 } else { 1 }
}

/// The walk of `peer` over `m`, `None` if the peer fails to decode it.
pub fn walk(peer: &str, m: &[u8]) -> Option<Walked> {
    match peer {
        "dnswire" => dnswire::walk(m),
        "dnsbox" => dnsbox::walk(m),
        "domain" => domain::walk(m),
        "hickory-proto" => hickory::walk(m),
        "simple-dns" => simple::walk(m),
        "dns-parser" => dnsparser::walk(m),
        _ => None,
    }
}

/// Whether `peer` decodes (and walks) `m`.
pub fn decodes(peer: &str, m: &[u8]) -> bool {
    walk(peer, m).is_some()
}

/// Runs `walk` over every message; `None` if any fails.
pub(crate) fn all(msgs: &[&'static [u8]], walk: fn(&[u8]) -> Option<Walked>) -> Option<u64> {
    let mut s = 0u64;
    for m in msgs {
        let w = walk(m)?;
        s = s.wrapping_add(w.sum).wrapping_add(w.records);
    }
    Some(s)
}

/// The decode job from a walk function, after checking every message decodes.
pub(crate) fn decode_job(msgs: &[&'static [u8]], walk: fn(&[u8]) -> Option<Walked>) -> Option<crate::Job> {
    all(msgs, walk)?;
    let msgs = msgs.to_vec();
    Some(Box::new(move || all(&msgs, walk).unwrap_or(0)))
}
