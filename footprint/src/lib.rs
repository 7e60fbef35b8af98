//! Shared glue of the footprint binaries: the input buffer (in RAM, read
//! through `black_box`, so the compiler cannot know its contents), the
//! volatile sink, and a fixed-size `core::fmt::Write` buffer.
#![no_std]

use core::ptr::{addr_of, addr_of_mut};

/// The message to decode, as a receive buffer would hold it. In .bss, so it
/// adds nothing to .text or .rodata, and opaque to the optimiser.
static mut RX: [u8; 512] = [0; 512];
static mut RX_LEN: usize = 0;
/// Where the results go; written with volatile stores.
static mut SINK: u32 = 0;
static mut TX: [u8; 512] = [0; 512];

/// The received message.
pub fn input() -> &'static [u8] {
    // SAFETY: single-threaded bare-metal program, nothing else writes RX.
    let buf: &'static [u8; 512] = unsafe { &*addr_of!(RX) };
    let len = unsafe { core::ptr::read_volatile(addr_of!(RX_LEN)) }.min(512);
    core::hint::black_box(&buf[..len])
}

/// The transmit buffer.
pub fn output() -> &'static mut [u8; 512] {
    // SAFETY: single-threaded, called once per iteration and not aliased.
    core::hint::black_box(unsafe { &mut *addr_of_mut!(TX) })
}

/// Publishes a result.
pub fn sink(v: u32) {
    // SAFETY: a plain static written from one thread.
    unsafe { core::ptr::write_volatile(addr_of_mut!(SINK), v) }
}

/// A fixed buffer for `core::fmt`.
pub struct FixedBuf<const N: usize> {
    pub buf: [u8; N],
    pub len: usize,
}

impl<const N: usize> FixedBuf<N> {
    pub const fn new() -> Self {
        Self { buf: [0; N], len: 0 }
    }
}

impl<const N: usize> core::fmt::Write for FixedBuf<N> {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        let end = self.len.checked_add(s.len()).filter(|&e| e <= N).ok_or(core::fmt::Error)?;
        self.buf[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

use dnswire::{Message, Name, RData, Record};

fn name(n: &Name<'_>) -> u32 {
    n.labels().map(|l| l.len() as u32).sum()
}

fn sum(b: &[u8]) -> u32 {
    b.iter().map(|&x| u32::from(x)).sum()
}

/// Touches every typed field of the common types (the decoder itself
/// validates every type's RDATA).
pub fn touch(d: &RData<'_>) -> u32 {
    match d {
        RData::A(a) => sum(&a.octets()),
        RData::Aaaa(a) => sum(&a.octets()),
        RData::Ns(n) | RData::Cname(n) | RData::Ptr(n) => name(n),
        #[cfg(feature = "all-types")]
        RData::Dname(n) => name(n),
        RData::Soa(s) => name(&s.mname) ^ name(&s.rname) ^ s.serial ^ s.refresh ^ s.retry ^ s.expire ^ s.minimum,
        RData::Mx(m) => u32::from(m.preference) ^ name(&m.exchange),
        RData::Txt(t) => t.iter().map(|s| s.len() as u32).sum(),
        RData::Srv(s) => u32::from(s.priority) ^ u32::from(s.weight) ^ u32::from(s.port) ^ name(&s.target),
        #[cfg(feature = "all-types")]
        RData::Dnskey(k) => u32::from(k.flags) ^ u32::from(k.algorithm) ^ k.public_key.len() as u32,
        #[cfg(feature = "all-types")]
        RData::Rrsig(s) => u32::from(s.type_covered.0) ^ s.original_ttl ^ s.expiration ^ s.inception ^ u32::from(s.key_tag) ^ name(&s.signer) ^ s.signature.len() as u32,
        #[cfg(feature = "all-types")]
        RData::Ds(d) => u32::from(d.key_tag) ^ u32::from(d.digest_type) ^ d.digest.len() as u32,
        #[cfg(feature = "all-types")]
        RData::Nsec(n) => name(&n.next) ^ n.types.iter().map(|t| u32::from(t.0)).sum::<u32>(),
        #[cfg(feature = "all-types")]
        RData::Nsec3(n) => u32::from(n.iterations) ^ n.salt.len() as u32 ^ n.next_hashed_owner.len() as u32 ^ n.types.iter().map(|t| u32::from(t.0)).sum::<u32>(),
        RData::Unknown { data, .. } => data.len() as u32,
        _ => 1,
    }
}

fn record(r: &Record<'_>) -> u32 {
    name(&r.name) ^ r.ttl ^ u32::from(r.rtype().0) ^ touch(&r.data)
}

/// Decodes `wire` and walks every question and record.
#[inline(never)]
pub fn decode_walk(wire: &[u8]) -> u32 {
    let Ok(msg) = Message::decode(wire) else { return 0 };
    let mut s = u32::from(msg.header().id);
    for q in msg.questions() {
        s ^= name(&q.qname) ^ u32::from(q.qtype.0);
    }
    for r in msg.answers().chain(msg.authority()).chain(msg.additional()) {
        s = s.rotate_left(3) ^ record(&r);
    }
    if let Some(e) = msg.edns() {
        s ^= u32::from(e.udp_payload_size);
    }
    s
}

/// Builds `qname IN A` with EDNS (payload 1232, DO, the given options) into
/// `buf` with `encode_query`, which writes the OPT record in place.
#[inline(never)]
pub fn build_query(id: u16, qname: Name<'_>, options: &[dnswire::EdnsOption<'_>], buf: &mut [u8]) -> usize {
    use dnswire::{Class, Edns, EdnsFlags, EdnsOptions, Flags, Header, Question, Rtype};
    let header = Header { id, flags: Flags::default().with_rd(true), ..Header::default() };
    let question = Question { qname, qtype: Rtype::A, qclass: Class::IN };
    let edns = Edns { udp_payload_size: 1232, extended_rcode: 0, version: 0, flags: EdnsFlags(0).with_dnssec_ok(true), options: EdnsOptions::from_slice(options) };
    dnswire::encode_query(buf, header, &question, Some(&edns)).map_or(0, |w| w.len())
}

/// Decodes `wire` and encodes it again with compression into `buf`.
#[inline(never)]
pub fn reencode(wire: &[u8], buf: &mut [u8]) -> usize {
    match Message::decode(wire) {
        Ok(msg) => msg.encode_into(buf, true).unwrap_or(0),
        Err(_) => 0,
    }
}
