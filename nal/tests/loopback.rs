//! The resolver against a UDP server on 127.0.0.1 played by a thread, over
//! a small blocking std adapter of the embedded-nal-async traits.

// A std test: a failure is a panic, and the fixed buffers are indexed directly.
#![allow(clippy::std_instead_of_core, clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, UdpSocket};
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

use dnswire::{Class, Message, MessageBuilder, NameBuf, RData, Rcode, Record};
use dnswire_nal::{Error, Resolver};
use embedded_nal_async::{AddrType, ConnectedUdp, Dns, UdpStack, UnconnectedUdp};

/// An io error for the embedded-io traits.
#[derive(Debug)]
struct IoError(std::io::ErrorKind);

impl embedded_io::Error for IoError {
    fn kind(&self) -> embedded_io::ErrorKind {
        embedded_io::ErrorKind::Other
    }
}

impl std::fmt::Display for IoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl std::error::Error for IoError {}

impl From<std::io::Error> for IoError {
    fn from(e: std::io::Error) -> Self {
        Self(e.kind())
    }
}

/// A std UDP stack: blocking sockets, so each future is ready at its first
/// poll. Only `connect` is used by the resolver.
struct StdStack;

/// A connected std socket; the kernel drops datagrams from other sources.
struct Connected(UdpSocket);

/// The unconnected variants, never built here.
struct Unbound;

impl ConnectedUdp for Connected {
    type Error = IoError;
    async fn send(&mut self, data: &[u8]) -> Result<(), IoError> {
        self.0.send(data)?;
        Ok(())
    }
    async fn receive_into(&mut self, buffer: &mut [u8]) -> Result<usize, IoError> {
        Ok(self.0.recv(buffer)?)
    }
}

impl UnconnectedUdp for Unbound {
    type Error = IoError;
    async fn send(&mut self, _: SocketAddr, _: SocketAddr, _: &[u8]) -> Result<(), IoError> {
        Err(IoError(std::io::ErrorKind::Unsupported))
    }
    async fn receive_into(&mut self, _: &mut [u8]) -> Result<(usize, SocketAddr, SocketAddr), IoError> {
        Err(IoError(std::io::ErrorKind::Unsupported))
    }
}

impl UdpStack for StdStack {
    type Error = IoError;
    type Connected = Connected;
    type UniquelyBound = Unbound;
    type MultiplyBound = Unbound;
    async fn connect_from(&self, local: SocketAddr, remote: SocketAddr) -> Result<(SocketAddr, Connected), IoError> {
        let socket = UdpSocket::bind(local)?;
        socket.connect(remote)?;
        // A lost datagram fails the test instead of hanging it.
        socket.set_read_timeout(Some(Duration::from_secs(5)))?;
        Ok((socket.local_addr()?, Connected(socket)))
    }
    async fn bind_single(&self, _: SocketAddr) -> Result<(SocketAddr, Unbound), IoError> {
        Err(IoError(std::io::ErrorKind::Unsupported))
    }
    async fn bind_multiple(&self, _: SocketAddr) -> Result<Unbound, IoError> {
        Err(IoError(std::io::ErrorKind::Unsupported))
    }
}

/// Runs a future whose every await is ready at once (blocking io).
fn run<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(out) => out,
        Poll::Pending => panic!("the std adapter never returns Pending"),
    }
}

/// What the server puts in its one reply.
#[derive(Clone, Copy)]
enum Reply {
    /// `host.test.` A 192.0.2.1 or AAAA 2001:db8::1, as asked.
    Address,
    /// `www.test.` CNAME `mid.test.` CNAME `host.test.` A 192.0.2.7.
    Chain,
    /// NXDOMAIN, no records.
    NxDomain,
    /// First a reply with the id off by one (the resolver must skip it),
    /// then the right one: A 192.0.2.9.
    WrongIdFirst,
    /// PTR `host.test.` for the reverse names of 192.0.2.1 and 2001:db8::1
    /// (written out by hand, RFC 1035 §3.5 and RFC 3596 §2.5), REFUSED for
    /// any other name.
    Ptr,
}

/// The reverse names `Reply::Ptr` knows.
const REVERSE_NAMES: [&str; 2] = ["1.2.0.192.in-addr.arpa.", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa."];

fn record<'a>(name: &'a NameBuf, data: RData<'a>) -> Record<'a> {
    Record { name: name.as_name(), class: Class::IN, ttl: 60, data }
}

/// Serves one query on a fresh 127.0.0.1 socket; returns its address and
/// the thread, joined by the caller.
fn serve(reply: Reply) -> (SocketAddr, thread::JoinHandle<()>) {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    socket.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let addr = socket.local_addr().unwrap();
    let handle = thread::spawn(move || {
        let mut query_buf = [0u8; 512];
        let (len, client) = socket.recv_from(&mut query_buf).unwrap();
        let query = Message::decode(&query_buf[..len]).unwrap();
        let qtype = query.question().unwrap().qtype;
        let (host, mid, www) =
            (NameBuf::from_text("host.test.").unwrap(), NameBuf::from_text("mid.test.").unwrap(), NameBuf::from_text("www.test.").unwrap());
        let mut out = [0u8; 512];
        if let Reply::WrongIdFirst = reply {
            let mut forged_query = query_buf;
            forged_query[1] = forged_query[1].wrapping_add(1);
            let forged_query = Message::decode(&forged_query[..len]).unwrap();
            let mut b = MessageBuilder::response_to(&mut out, &forged_query, 1232).unwrap();
            b.answer(&record(&host, RData::A(Ipv4Addr::new(198, 51, 100, 66)))).unwrap();
            socket.send_to(b.finish().unwrap(), client).unwrap();
        }
        let mut b = MessageBuilder::response_to(&mut out, &query, 1232).unwrap();
        match reply {
            Reply::Address if qtype == dnswire::Rtype::AAAA => {
                b.answer(&record(&host, RData::Aaaa(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)))).unwrap()
            }
            Reply::Address => b.answer(&record(&host, RData::A(Ipv4Addr::new(192, 0, 2, 1)))).unwrap(),
            Reply::Chain => {
                b.answer(&record(&www, RData::Cname(mid.as_name()))).unwrap();
                b.answer(&record(&mid, RData::Cname(host.as_name()))).unwrap();
                b.answer(&record(&host, RData::A(Ipv4Addr::new(192, 0, 2, 7)))).unwrap();
            }
            Reply::NxDomain => b.set_rcode(Rcode::NXDOMAIN).unwrap(),
            Reply::Ptr => {
                let qname = query.question().unwrap().qname;
                if REVERSE_NAMES.iter().any(|known| NameBuf::from_text(known).unwrap().as_name() == qname) {
                    b.answer(&Record { name: qname, class: Class::IN, ttl: 60, data: RData::Ptr(host.as_name()) }).unwrap();
                } else {
                    b.set_rcode(Rcode::REFUSED).unwrap();
                }
            }
            Reply::WrongIdFirst => b.answer(&record(&host, RData::A(Ipv4Addr::new(192, 0, 2, 9)))).unwrap(),
        }
        socket.send_to(b.finish().unwrap(), client).unwrap();
    });
    (addr, handle)
}

fn reverse(addr: IpAddr, result: &mut [u8]) -> Result<usize, Error<IoError>> {
    let (server, handle) = serve(Reply::Ptr);
    let resolver = Resolver::new(StdStack, server, || 0x4a1f);
    let outcome = run(resolver.get_host_by_address(addr, result));
    handle.join().unwrap();
    outcome
}

fn resolve(reply: Reply, host: &str, addr_type: AddrType) -> Result<IpAddr, Error<IoError>> {
    let (server, handle) = serve(reply);
    let resolver = Resolver::new(StdStack, server, || 0x4a1f);
    let result = run(resolver.get_host_by_name(host, addr_type));
    handle.join().unwrap();
    result
}

#[test]
fn a_record() {
    let addr = resolve(Reply::Address, "host.test", AddrType::IPv4).unwrap();
    assert_eq!(addr, IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1)));
}

#[test]
fn aaaa_record() {
    let addr = resolve(Reply::Address, "host.test.", AddrType::IPv6).unwrap();
    assert_eq!(addr, IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)));
}

#[test]
fn cname_chain_followed() {
    let addr = resolve(Reply::Chain, "www.test.", AddrType::IPv4).unwrap();
    assert_eq!(addr, IpAddr::V4(Ipv4Addr::new(192, 0, 2, 7)));
}

#[test]
fn nxdomain_is_an_error() {
    let err = resolve(Reply::NxDomain, "host.test.", AddrType::IPv4).unwrap_err();
    assert!(matches!(err, Error::NxDomain), "{err:?}");
}

#[test]
fn wrong_id_reply_ignored() {
    let addr = resolve(Reply::WrongIdFirst, "host.test.", AddrType::IPv4).unwrap();
    assert_eq!(addr, IpAddr::V4(Ipv4Addr::new(192, 0, 2, 9)));
}

#[test]
fn reverse_ipv4() {
    let mut out = [0u8; 255];
    let len = reverse(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1)), &mut out).unwrap();
    assert_eq!(&out[..len], b"host.test");
}

#[test]
fn reverse_ipv6() {
    let mut out = [0u8; 255];
    let len = reverse(IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)), &mut out).unwrap();
    assert_eq!(&out[..len], b"host.test");
}

#[test]
fn reverse_name_too_long_for_buffer() {
    // "host.test." needs 10 octets while written.
    let mut out = [0u8; 6];
    let err = reverse(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1)), &mut out).unwrap_err();
    assert!(matches!(err, Error::BufferTooSmall), "{err:?}");
}
