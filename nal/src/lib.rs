//! A DNS stub resolver implementing [`embedded_nal_async::Dns`] over any
//! [`UdpStack`], with the dnswire codec and fixed buffers on the stack: no
//! heap, no `std`.
//!
//! The resolver sends one query (A or AAAA, with EDNS, RD set) to one
//! recursive server and takes as its answer the first reply that matches
//! the query's id and question, coming from the server's address (the
//! socket is connected, so the stack drops datagrams from elsewhere).
//! Replies that do not match are ignored, up to [`MAX_IGNORED`]; CNAME
//! chains are followed up to [`MAX_HOPS`].
//!
//! # Timeouts
//!
//! The resolver never gives up on its own: a lost query or reply leaves
//! [`Dns::get_host_by_name`] waiting. Bound each call with the executor's
//! timer, e.g. `embassy_time::with_timeout(Duration::from_secs(2), ...)`,
//! and retry if you wish (a retry sends a new query with a new id).
//!
//! # Ids
//!
//! The query id is the only defence of a stub resolver against off-path
//! forgery (RFC 5452), so it comes from the caller's random source: a
//! closure returning a fresh random `u16` per query (a hardware RNG, or a
//! CSPRNG seeded from one). `no_std` has no OS randomness to draw on.

#![no_std]
#![forbid(unsafe_code)]

use core::fmt::Write;
use core::net::{IpAddr, SocketAddr};

use dnswire::{ChainEnd, Class, Edns, Flags, Header, Message, NameBuf, Question, RData, Rcode, Rtype, encode_query};
use embedded_nal_async::{AddrType, ConnectedUdp, Dns, UdpStack};

/// How many CNAME hops are followed before giving up.
pub const MAX_HOPS: usize = 8;

/// How many non-matching datagrams (wrong id or question, undecodable) one
/// query tolerates before giving up: bounds the work a flood can cause.
pub const MAX_IGNORED: usize = 16;

/// The largest reply read: the EDNS payload size advertised (RFC 6891
/// §6.2.5's 1232 octets); a longer reply is cut and ignored.
pub const REPLY_BUF: usize = 1232;

/// Why a lookup failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error<E> {
    /// The UDP stack failed to open, send or receive.
    Stack(E),
    /// The host name is not a valid domain name.
    BadName,
    /// The query did not fit its buffer (cannot happen for valid names).
    Encode,
    /// The name does not exist (NXDOMAIN).
    NxDomain,
    /// The server answered with another error code (SERVFAIL, REFUSED, ...).
    Server(Rcode),
    /// The name exists but has no address of the asked type.
    NoAddress,
    /// The CNAME chain looped, was too long or broke off.
    Chain(ChainEnd),
    /// More than [`MAX_IGNORED`] replies did not match the query.
    TooManyForgeries,
    /// The host name found does not fit the caller's buffer.
    BufferTooSmall,
}

/// A stub resolver asking `server` over `stack`, with ids from `next_id`.
pub struct Resolver<S, R> {
    stack: S,
    server: SocketAddr,
    next_id: R,
}

impl<S: UdpStack, R: Fn() -> u16> Resolver<S, R> {
    /// A resolver sending its queries to the recursive server `server`
    /// (usually port 53), with ids drawn from `next_id`.
    pub fn new(stack: S, server: SocketAddr, next_id: R) -> Self {
        Self { stack, server, next_id }
    }

    /// The first address of `rtype` (A or AAAA) for `host`.
    async fn lookup(&self, host: &str, rtype: Rtype) -> Result<IpAddr, Error<S::Error>> {
        let qname = NameBuf::from_text(host).map_err(|_| Error::BadName)?;
        self.exchange(&qname, rtype, read_address).await
    }

    /// Sends the query for `qname` `rtype` and reads the first matching
    /// reply with `read`.
    async fn exchange<T>(
        &self,
        qname: &NameBuf,
        rtype: Rtype,
        read: impl FnOnce(&Message<'_>, &Question<'_>) -> Result<T, Error<S::Error>>,
    ) -> Result<T, Error<S::Error>> {
        let header = Header { id: (self.next_id)(), flags: Flags::default().with_rd(true), ..Header::default() };
        let question = Question { qname: qname.as_name(), qtype: rtype, qclass: Class::IN };
        let mut query_buf = [0u8; 512];
        let query_wire = encode_query(&mut query_buf, header, &question, Some(&Edns::default())).map_err(|_| Error::Encode)?;
        let query = Message::decode(query_wire).map_err(|_| Error::Encode)?;

        let (_, mut socket) = self.stack.connect(self.server).await.map_err(Error::Stack)?;
        socket.send(query.as_bytes()).await.map_err(Error::Stack)?;
        let mut reply_buf = [0u8; REPLY_BUF];
        for _ in 0..=MAX_IGNORED {
            let len = socket.receive_into(&mut reply_buf).await.map_err(Error::Stack)?;
            let Some(wire) = reply_buf.get(..len) else { continue };
            let Ok(reply) = Message::decode(wire) else { continue };
            if reply.answers_query(&query) {
                return read(&reply, &question);
            }
        }
        Err(Error::TooManyForgeries)
    }
}

/// The records of the question's type a matching reply gives, through its
/// CNAMEs (which also carry RFC 2317's classless reverse delegation).
fn chain_answers<'m, 'a, E>(reply: &'m Message<'a>, question: &Question<'a>) -> Result<dnswire::CnameChain<'m, 'a>, Error<E>> {
    match reply.rcode() {
        Rcode::NOERROR => {}
        Rcode::NXDOMAIN => return Err(Error::NxDomain),
        other => return Err(Error::Server(other)),
    }
    let chain = reply.cname_chain(question.qname, question.qtype, MAX_HOPS);
    match chain.end {
        ChainEnd::Answered => Ok(chain),
        // No CNAME and no record: NODATA, the name has no such address.
        ChainEnd::DeadEnd => Err(Error::NoAddress),
        end => Err(Error::Chain(end)),
    }
}

/// The first address a matching reply gives for the question, through its
/// CNAMEs.
fn read_address<E>(reply: &Message<'_>, question: &Question<'_>) -> Result<IpAddr, Error<E>> {
    let chain = chain_answers(reply, question)?;
    chain
        .answers()
        .find_map(|record| match record.data {
            RData::A(addr) => Some(IpAddr::V4(addr)),
            RData::Aaaa(addr) => Some(IpAddr::V6(addr)),
            _ => None,
        })
        .ok_or(Error::NoAddress)
}

impl<S: UdpStack, R: Fn() -> u16> Dns for Resolver<S, R> {
    type Error = Error<S::Error>;

    /// `AddrType::Either` asks for A, then AAAA when the name has no IPv4
    /// address.
    async fn get_host_by_name(&self, host: &str, addr_type: AddrType) -> Result<IpAddr, Self::Error> {
        match addr_type {
            AddrType::IPv4 => self.lookup(host, Rtype::A).await,
            AddrType::IPv6 => self.lookup(host, Rtype::AAAA).await,
            AddrType::Either => match self.lookup(host, Rtype::A).await {
                Err(Error::NoAddress) => self.lookup(host, Rtype::AAAA).await,
                other => other,
            },
        }
    }

    /// The PTR name of `addr`, without its final dot (`host.example`).
    async fn get_host_by_address(&self, addr: IpAddr, result: &mut [u8]) -> Result<usize, Self::Error> {
        let qname = reverse_name(addr)?;
        self.exchange(&qname, Rtype::PTR, |reply, question| {
            let chain = chain_answers(reply, question)?;
            let name = chain.answers().find_map(|record| if let RData::Ptr(name) = record.data { Some(name) } else { None });
            let name = name.ok_or(Error::NoAddress)?;
            let mut out = SliceWriter { buf: result, len: 0 };
            write!(out, "{name}").map_err(|_| Error::BufferTooSmall)?;
            // The root's "." stays; any other name loses its final dot.
            Ok(if out.len > 1 { out.len.saturating_sub(1) } else { out.len })
        })
        .await
    }
}

/// The reverse-mapping name of `addr` (RFC 1035 §3.5, RFC 3596 §2.5).
fn reverse_name<E>(addr: IpAddr) -> Result<NameBuf, Error<E>> {
    // 32 nibble labels of two octets, "ip6.arpa.": 73 octets at most.
    let mut buf = [0u8; 80];
    let mut out = SliceWriter { buf: &mut buf, len: 0 };
    let written = match addr {
        IpAddr::V4(v4) => {
            let [a, b, c, d] = v4.octets();
            write!(out, "{d}.{c}.{b}.{a}.in-addr.arpa.")
        }
        IpAddr::V6(v6) => v6
            .octets()
            .iter()
            .rev()
            .try_for_each(|octet| write!(out, "{:x}.{:x}.", octet & 0xf, octet >> 4))
            .and_then(|()| out.write_str("ip6.arpa.")),
    };
    written.map_err(|_| Error::Encode)?;
    let len = out.len;
    let text = buf.get(..len).and_then(|text| core::str::from_utf8(text).ok()).ok_or(Error::Encode)?;
    NameBuf::from_text(text).map_err(|_| Error::Encode)
}

/// `core::fmt` output into a fixed buffer; fails when it is full.
struct SliceWriter<'b> {
    buf: &'b mut [u8],
    len: usize,
}

impl Write for SliceWriter<'_> {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        let end = self.len.checked_add(s.len()).ok_or(core::fmt::Error)?;
        let slot = self.buf.get_mut(self.len..end).ok_or(core::fmt::Error)?;
        slot.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}
