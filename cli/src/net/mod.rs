//! DNS over the network with the codec: a dig-style stub resolver
//! ([`query`]), a UDP and TCP forwarder ([`forward`]) and a UDP load client
//! ([`load`]). Plain std threads and sockets, no async runtime.
//!
//! Everything read from the network goes through [`dnswire::Message::decode`]
//! before it is looked at; raw octets are only ever read with `get`, so no
//! input can make these modules panic.

pub mod dig_multi;
pub mod dig_text;
pub mod forward;
pub mod load;
pub mod query;
pub mod random;
pub mod transfer;

use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, ToSocketAddrs};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use dnswire::{Class, Header, Message, Name, NameBuf, Question, Rcode, Rtype};

/// A xorshift64* generator, seeded from `/dev/urandom` (or the clock and a
/// counter where that cannot be read), for the load client's ids and for
/// tests. Not cryptographic: anything an attacker must not guess (the ids,
/// ports and cookies of `query` and `forward`) comes from
/// [`random::SecureRandom`] instead.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator seeded from the system's entropy.
    pub fn from_entropy() -> Self {
        let mut seed = [0u8; 8];
        let from_os = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut seed)).is_ok();
        let mut s = u64::from_le_bytes(seed);
        if !from_os || s == 0 {
            static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
            let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
            let count = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            s ^= (nanos as u64) ^ count.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ u64::from(std::process::id());
        }
        Self::from_seed(s)
    }

    /// A generator with a fixed seed (0 is replaced: xorshift needs a non-zero state).
    pub fn from_seed(seed: u64) -> Self {
        Self(if seed == 0 { 0x2545_F491_4F6C_DD1D } else { seed })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A random 16-bit value (the high bits, the best ones of xorshift*).
    pub fn next_u16(&mut self) -> u16 {
        (self.next_u64() >> 48) as u16
    }

    /// Fills `buf` with random octets.
    pub fn fill(&mut self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            let bytes = self.next_u64().to_le_bytes();
            for (d, s) in chunk.iter_mut().zip(bytes) {
                *d = s;
            }
        }
    }
}

/// An owned question, to match a response against the query it answers.
/// Names compare ASCII case-insensitively.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionKey {
    /// The name asked about.
    pub name: NameBuf,
    /// The type asked for.
    pub qtype: Rtype,
    /// The class asked for.
    pub qclass: Class,
}

impl QuestionKey {
    /// The key of a question.
    pub fn of(q: &Question<'_>) -> Self {
        Self { name: NameBuf::from_name(&q.qname), qtype: q.qtype, qclass: q.qclass }
    }

    /// Whether `q` is this question.
    pub fn matches(&self, q: &Question<'_>) -> bool {
        self.qtype == q.qtype && self.qclass == q.qclass && self.name.as_name() == q.qname
    }

    /// Whether `response` answers this question: QR set and the same single
    /// question, the name compared ASCII case-insensitively. A message without
    /// a question (the header-only FORMERR some servers send) answers nothing:
    /// it carries nothing an off-path attacker would have to guess but the id.
    pub fn answered_by(&self, response: &Message<'_>) -> bool {
        let h = response.header();
        h.flags.qr() && h.qdcount == 1 && response.question().is_some_and(|q| self.matches(&q))
    }

    /// [`answered_by`](Self::answered_by), and the name written at the start
    /// of the question with exactly this name's case (0x20 matching): the
    /// octets right after the header are the name's uncompressed wire form.
    pub fn answered_exactly_by(&self, response: &Message<'_>) -> bool {
        let name = self.name.as_wire();
        self.answered_by(response) && response.as_bytes().get(HEADER_LEN..HEADER_LEN.saturating_add(name.len())) == Some(name)
    }

    /// `name TYPE` (class too when not IN), the name without its final dot.
    pub fn describe(&self) -> String {
        let name = name_text(&self.name.as_name());
        if self.qclass == Class::IN { format!("{name} {}", self.qtype) } else { format!("{name} {} {}", self.qclass, self.qtype) }
    }
}

/// The octets of a DNS header; the question starts right after.
pub const HEADER_LEN: usize = 12;

/// Writes the name `spelling` over the question name at the start of `wire`,
/// when that name is there uncompressed and the same but for case (0x20:
/// the client gets its own spelling back). Returns whether it did.
pub fn respell_question(wire: &mut [u8], spelling: &[u8]) -> bool {
    let end = HEADER_LEN.saturating_add(spelling.len());
    match wire.get_mut(HEADER_LEN..end) {
        Some(name) if name.eq_ignore_ascii_case(spelling) => {
            name.copy_from_slice(spelling);
            true
        }
        _ => false,
    }
}

/// Flips the case of each letter of an uncompressed wire-form name at random
/// (the 0x20 bits of draft-vixie-dnsext-dns0x20). Length octets are below
/// 64, so never letters: only label octets change.
pub fn randomize_case(name: &mut [u8], rng: &mut random::SecureRandom) -> io::Result<()> {
    let mut bits = [0u8; 32];
    rng.fill(&mut bits)?;
    let mut at = 0usize;
    while let Some(&len) = name.get(at) {
        if len == 0 || len >= 0x40 {
            break;
        }
        let start = at.saturating_add(1);
        let end = start.saturating_add(usize::from(len));
        for i in start..end {
            let bit = bits.get(i / 8).is_some_and(|b| b >> (i % 8) & 1 == 1);
            if let Some(c) = name.get_mut(i)
                && c.is_ascii_alphabetic()
            {
                *c = if bit { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() };
            }
        }
        at = end;
    }
    Ok(())
}

/// The time left until `deadline`, or a `TimedOut` error once it has passed.
pub fn time_left(deadline: Instant) -> io::Result<Duration> {
    deadline.checked_duration_since(Instant::now()).filter(|d| !d.is_zero()).ok_or_else(|| io::Error::new(io::ErrorKind::TimedOut, "deadline passed"))
}

/// Reads one length-prefixed message from `stream`, all of it before
/// `deadline` whatever the pace of the octets: a peer sending one octet a
/// second cannot stretch the exchange. `None` at a clean end of stream.
pub fn read_framed_by(stream: &mut std::net::TcpStream, deadline: Instant) -> io::Result<Option<Vec<u8>>> {
    let stream: &std::net::TcpStream = stream;
    // `&TcpStream` reads too, so the timeout can be set between reads.
    let mut reader = stream;
    read_frame_with(&mut reader, || stream.set_read_timeout(Some(time_left(deadline)?)))
}

/// Whether an I/O error is a timeout (a read timeout shows as `WouldBlock` on Unix).
pub fn is_timeout(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut)
}

/// The id in the first two octets of a message, if it has them.
pub fn message_id(wire: &[u8]) -> Option<u16> {
    wire.first_chunk::<2>().map(|b| u16::from_be_bytes(*b))
}

/// Writes `id` into the first two octets of a message (nothing if it is shorter).
pub fn set_message_id(wire: &mut [u8], id: u16) {
    if let Some(b) = wire.first_chunk_mut::<2>() {
        *b = id.to_be_bytes();
    }
}

/// A header-only response (no question, no records) with `rcode`, echoing the
/// id and, when the query has its flags octets, its opcode and RD bit.
pub fn header_only_response(query: &[u8], rcode: Rcode) -> Vec<u8> {
    let id = message_id(query).unwrap_or(0);
    let flags = match query.get(2..4) {
        Some(&[f0, f1]) => dnswire::Flags(u16::from_be_bytes([f0, f1])),
        _ => dnswire::Flags::default(),
    };
    let out = dnswire::Flags::default().with_opcode(flags.opcode()).with_rd(flags.rd()).with_qr(true).with_rcode(rcode);
    Header { id, flags: out, ..Header::default() }.to_bytes().to_vec()
}

/// Writes one message with its two-octet length prefix (RFC 1035 §4.2.2), in
/// one write so the prefix and the message leave in the same segment.
pub fn write_framed(w: &mut impl Write, msg: &[u8]) -> io::Result<()> {
    let len = u16::try_from(msg.len()).map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "message longer than 65535 octets"))?;
    let mut framed = Vec::with_capacity(msg.len().saturating_add(2));
    framed.extend_from_slice(&len.to_be_bytes());
    framed.extend_from_slice(msg);
    w.write_all(&framed)?;
    w.flush()
}

/// Reads one length-prefixed message; `None` at a clean end of stream (before
/// the first octet of a prefix).
pub fn read_framed(r: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    read_frame_with(r, || Ok(()))
}

/// Reads one length-prefixed message, calling `before_read` before each read
/// (to set a timeout); `None` at a clean end of stream.
fn read_frame_with(r: &mut impl Read, mut before_read: impl FnMut() -> io::Result<()>) -> io::Result<Option<Vec<u8>>> {
    let mut prefix = [0u8; 2];
    match read_up_to(r, &mut prefix, &mut before_read)? {
        0 => return Ok(None),
        2 => {}
        _ => return Err(io::ErrorKind::UnexpectedEof.into()),
    }
    let mut msg = vec![0u8; usize::from(u16::from_be_bytes(prefix))];
    if read_up_to(r, &mut msg, &mut before_read)? < msg.len() {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(Some(msg))
}

/// Fills `buf` from `r` until it is full or the stream ends; how much it got.
fn read_up_to(r: &mut impl Read, buf: &mut [u8], before_read: &mut impl FnMut() -> io::Result<()>) -> io::Result<usize> {
    let mut got = 0usize;
    while let Some(rest) = buf.get_mut(got..).filter(|rest| !rest.is_empty()) {
        before_read()?;
        match r.read(rest) {
            Ok(0) => break,
            Ok(n) => got = got.saturating_add(n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

/// Takes every whole length-prefixed message off the front of `buf`, leaving
/// a partial one in place.
pub fn take_frames(buf: &mut Vec<u8>) -> Vec<Vec<u8>> {
    let mut frames = Vec::new();
    let mut at = 0usize;
    while let Some(&[l0, l1]) = buf.get(at..at.saturating_add(2)) {
        let start = at.saturating_add(2);
        let end = start.saturating_add(usize::from(u16::from_be_bytes([l0, l1])));
        let Some(frame) = buf.get(start..end) else { break };
        frames.push(frame.to_vec());
        at = end;
    }
    buf.drain(..at.min(buf.len()));
    frames
}

/// A name in presentation form without its final dot (`.` for the root).
pub fn name_text(name: &Name<'_>) -> String {
    let text = name.to_string();
    match text.strip_suffix('.') {
        Some(stripped) if !stripped.is_empty() => stripped.to_string(),
        _ => text,
    }
}

/// A server given as an address (`192.0.2.1`, `2001:db8::1`, `[2001:db8::1]`),
/// an address and port (`192.0.2.1:5353`, `[::1]:5353`), or a host name
/// (looked up with the system resolver); `port` applies where none is given.
pub fn resolve_server(text: &str, port: u16) -> io::Result<SocketAddr> {
    let bare = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')).unwrap_or(text);
    if let Ok(ip) = bare.parse::<IpAddr>() {
        return Ok(SocketAddr::new(ip, port));
    }
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Ok(addr);
    }
    (text, port).to_socket_addrs()?.next().ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, format!("{text}: no address")))
}

/// The first `nameserver` of `/etc/resolv.conf`, or 127.0.0.1 when there is none.
pub fn system_nameserver() -> IpAddr {
    std::fs::read_to_string("/etc/resolv.conf").ok().and_then(|text| first_nameserver(&text)).unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
}

/// The first `nameserver` line's address in resolv.conf text (a `%scope` suffix dropped).
pub fn first_nameserver(text: &str) -> Option<IpAddr> {
    text.lines().find_map(|line| {
        let mut words = line.split_whitespace();
        if words.next()? != "nameserver" {
            return None;
        }
        let addr = words.next()?;
        addr.split('%').next()?.parse().ok()
    })
}

/// `after` from `from`, or a day from `from` where that instant cannot be
/// represented (an absurd timeout must not make the time arithmetic panic).
pub fn deadline(from: Instant, after: Duration) -> Instant {
    from.checked_add(after).or_else(|| from.checked_add(Duration::from_secs(86_400))).unwrap_or(from)
}

/// The local address to bind a UDP socket talking to `peer` from.
pub fn unspecified_for(peer: &SocketAddr) -> SocketAddr {
    match peer {
        SocketAddr::V4(_) => SocketAddr::from(([0, 0, 0, 0], 0)),
        SocketAddr::V6(_) => SocketAddr::from(([0u16; 8], 0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_taken_whole() {
        let mut buf = vec![0, 2, 0xAA, 0xBB, 0, 0, 0, 3, 1];
        let frames = take_frames(&mut buf);
        assert_eq!(frames, vec![vec![0xAA, 0xBB], vec![]]);
        assert_eq!(buf, vec![0, 3, 1]);
        buf.extend_from_slice(&[2, 3]);
        assert_eq!(take_frames(&mut buf), vec![vec![1, 2, 3]]);
        assert!(buf.is_empty());
    }

    #[test]
    fn header_only_echoes_id_opcode_and_rd() {
        assert_eq!(header_only_response(&[0x12, 0x34, 0x01, 0x00, 9], Rcode::FORMERR), [0x12, 0x34, 0x81, 0x01, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(header_only_response(&[0xAB, 0xCD], Rcode::FORMERR), [0xAB, 0xCD, 0x80, 0x01, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(header_only_response(&[], Rcode::FORMERR).len(), 12);
    }

    #[test]
    fn respelling_puts_the_clients_case_back() {
        let mut wire = vec![0u8; 12];
        wire.extend_from_slice(b"\x03WwW\x02oK\x00\x00\x01\x00\x01");
        assert!(respell_question(&mut wire, b"\x03www\x02Ok\x00"));
        assert_eq!(&wire[12..], b"\x03www\x02Ok\x00\x00\x01\x00\x01");
        // Another name, or one longer than the message: left alone.
        assert!(!respell_question(&mut wire, b"\x03wwx\x02ok\x00"));
        assert!(!respell_question(&mut wire, b"\x03www\x02ok\x07example\x00"));
        assert_eq!(&wire[12..], b"\x03www\x02Ok\x00\x00\x01\x00\x01");
    }

    #[test]
    fn case_randomization_changes_letters_only() {
        let name = b"\x0aabcdefghij\x04a-1z\x00";
        let mut upper_seen = [false; 17];
        let mut lower_seen = [false; 17];
        let mut rng = random::SecureRandom::new();
        for _ in 0..64 {
            let mut n = *name;
            randomize_case(&mut n, &mut rng).unwrap();
            assert!(n.eq_ignore_ascii_case(name));
            assert_eq!((n[0], n[11], n[13], n[14], n[16]), (10, 4, b'-', b'1', 0), "only letters change");
            for (i, c) in n.iter().enumerate() {
                upper_seen[i] |= c.is_ascii_uppercase();
                lower_seen[i] |= c.is_ascii_lowercase();
            }
        }
        // Each letter came out in both cases (each miss has probability 2^-63).
        for i in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15] {
            assert!(upper_seen[i] && lower_seen[i], "octet {i}");
        }
    }

    #[test]
    fn resolv_conf_first_nameserver() {
        let text = "# comment\nsearch example\nnameserver fe80::1%eth0\nnameserver 192.0.2.1\n";
        assert_eq!(first_nameserver(text), Some("fe80::1".parse().unwrap()));
        assert_eq!(first_nameserver("domain x\n"), None);
    }

    #[test]
    fn servers_parse() {
        assert_eq!(resolve_server("127.0.0.1", 53).unwrap(), "127.0.0.1:53".parse().unwrap());
        assert_eq!(resolve_server("[::1]", 5353).unwrap(), "[::1]:5353".parse().unwrap());
        assert_eq!(resolve_server("127.0.0.1:5300", 53).unwrap(), "127.0.0.1:5300".parse().unwrap());
    }

    #[test]
    fn rng_varies() {
        let mut r = Rng::from_seed(1);
        let ids: std::collections::HashSet<u16> = (0..1000).map(|_| r.next_u16()).collect();
        assert!(ids.len() > 950, "{} distinct ids of 1000", ids.len());
        let (mut a, mut b) = (Rng::from_entropy(), Rng::from_entropy());
        assert_ne!(a.next_u64(), b.next_u64());
    }
}
