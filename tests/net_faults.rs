//! The forwarder and the stub resolver against a misbehaving upstream and
//! hostile clients, all on loopback: a scripted fake upstream that is
//! silent, answers with the wrong id or question, garbage, a cut-off
//! message, a bad TCP length prefix, closes mid-frame, dribbles, answers
//! twice, header-only or oversized; and clients that dribble (slowloris),
//! idle, open many connections from one address or flood malformed queries.
//!
//! Each test asserts its outcome and that a legitimate client is still served
//! within a generous bound. Timeouts are set small so the suite stays short.

use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use dnswire::{Class, Edns, Flags, Header, Message, MessageBuilder, NameBuf, Question, Rcode, Rtype, text};
use dnswire_harness::net::forward::{ForwardConfig, Forwarder};
use dnswire_harness::net::query::{self, QueryConfig, QueryError};
use dnswire_harness::net::{read_framed, take_frames, write_framed};

// ------------------------------------------------------- scripted upstream ---

/// One thing the fake upstream does in answer to a query.
enum Step {
    /// Over UDP one datagram; over TCP these octets as they are (frame them
    /// with [`framed`]).
    Send(Vec<u8>),
    /// Waits (over TCP; the connection stays open).
    Pause(Duration),
    /// Closes the TCP connection.
    Close,
}

/// What the upstream does with a query (decoded), over TCP when the flag is set.
type Script = Arc<dyn Fn(&Message<'_>, bool) -> Vec<Step> + Send + Sync>;

struct Upstream {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    /// Source ports of the UDP queries, in order of arrival.
    udp_ports: Arc<Mutex<Vec<u16>>>,
    /// The queries received (UDP and TCP), as sent.
    queries: Arc<Mutex<Vec<Vec<u8>>>>,
    threads: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Upstream {
    fn start(script: impl Fn(&Message<'_>, bool) -> Vec<Step> + Send + Sync + 'static) -> Upstream {
        let script: Script = Arc::new(script);
        let (udp, tcp) = loop {
            let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
            if let Ok(tcp) = TcpListener::bind(udp.local_addr().unwrap()) {
                break (udp, tcp);
            }
        };
        let up = Upstream {
            addr: udp.local_addr().unwrap(),
            stop: Arc::new(AtomicBool::new(false)),
            udp_ports: Arc::default(),
            queries: Arc::default(),
            threads: Arc::default(),
        };
        let (stop, ports, queries, s) = (up.stop.clone(), up.udp_ports.clone(), up.queries.clone(), script.clone());
        let udp_thread = std::thread::spawn(move || {
            udp.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
            let mut buf = vec![0u8; 65535];
            while !stop.load(Ordering::Relaxed) {
                let Ok((n, src)) = udp.recv_from(&mut buf) else { continue };
                ports.lock().unwrap().push(src.port());
                queries.lock().unwrap().push(buf[..n].to_vec());
                let Ok(msg) = Message::decode(&buf[..n]) else { continue };
                for step in s(&msg, false) {
                    if let Step::Send(d) = step {
                        let _ = udp.send_to(&d, src);
                    }
                }
            }
        });
        let (stop, queries, threads) = (up.stop.clone(), up.queries.clone(), up.threads.clone());
        tcp.set_nonblocking(true).unwrap();
        let tcp_thread = std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let Ok((stream, _)) = tcp.accept() else {
                    std::thread::sleep(Duration::from_millis(5));
                    continue;
                };
                let (stop, queries, script) = (stop.clone(), queries.clone(), script.clone());
                threads.lock().unwrap().push(std::thread::spawn(move || serve_tcp(stream, &stop, &queries, &script)));
            }
        });
        up.threads.lock().unwrap().extend([udp_thread, tcp_thread]);
        up
    }

    fn ports(&self) -> Vec<u16> {
        self.udp_ports.lock().unwrap().clone()
    }

    fn queries(&self) -> Vec<Vec<u8>> {
        self.queries.lock().unwrap().clone()
    }
}

impl Drop for Upstream {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // The acceptor may add a thread while stopping: take them until none are left.
        loop {
            let Some(t) = self.threads.lock().unwrap().pop() else { break };
            let _ = t.join();
        }
    }
}

fn serve_tcp(mut stream: TcpStream, stop: &AtomicBool, queries: &Mutex<Vec<Vec<u8>>>, script: &Script) {
    stream.set_nonblocking(false).unwrap();
    stream.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !stop.load(Ordering::Relaxed) {
        match stream.read(&mut chunk) {
            Ok(0) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(_) => continue,
        }
        for frame in take_frames(&mut buf) {
            queries.lock().unwrap().push(frame.clone());
            let Ok(msg) = Message::decode(&frame) else { continue };
            for step in script(&msg, true) {
                match step {
                    Step::Send(d) => {
                        if stream.write_all(&d).is_err() {
                            return;
                        }
                    }
                    Step::Pause(d) => {
                        let until = Instant::now() + d;
                        while Instant::now() < until {
                            if stop.load(Ordering::Relaxed) {
                                return;
                            }
                            std::thread::sleep(Duration::from_millis(10));
                        }
                    }
                    Step::Close => return,
                }
            }
        }
    }
}

// ------------------------------------------------------------- messages ---

fn name(text: &str) -> NameBuf {
    NameBuf::from_text(text).unwrap()
}

/// A query with `id` and RD, and EDNS with `bufsize` if given.
fn plain_query(id: u16, qname: &str, qtype: Rtype, bufsize: Option<u16>) -> Vec<u8> {
    let mut buf = vec![0u8; 512];
    let qname = name(qname);
    let mut b = MessageBuilder::new(&mut buf, Header { id, flags: Flags::default().with_rd(true), ..Header::default() }).unwrap();
    b.question(&Question { qname: qname.as_name(), qtype, qclass: Class::IN }).unwrap();
    if let Some(size) = bufsize {
        b.edns(&Edns { udp_payload_size: size, ..Edns::default() }).unwrap();
    }
    let len = b.finish().unwrap().len();
    buf.truncate(len);
    buf
}

/// A response to `query` (its id and question as received) with `rcode` and
/// the records given in zone-file text.
fn reply(query: &Message<'_>, rcode: Rcode, records: &[String]) -> Vec<u8> {
    let h = query.header();
    let flags = Flags::default().with_qr(true).with_rd(h.flags.rd()).with_ra(true).with_rcode(rcode);
    let mut buf = vec![0u8; 65535];
    let mut b = MessageBuilder::new(&mut buf, Header { id: h.id, flags, ..Header::default() }).unwrap();
    b.question(&query.question().unwrap()).unwrap();
    let mut rdata = [0u8; 1024];
    for line in records {
        let rec = text::parse_record(line, None, 300, &mut rdata).unwrap();
        b.answer(&rec.record()).unwrap();
    }
    if query.edns().is_some() {
        b.edns(&Edns::default()).unwrap();
    }
    let len = b.finish().unwrap().len();
    buf.truncate(len);
    buf
}

/// The usual answer: one A record for the question's name.
fn good(query: &Message<'_>) -> Vec<u8> {
    let q = query.question().unwrap();
    reply(query, Rcode::NOERROR, &[format!("{} 300 IN A 192.0.2.1", q.qname)])
}

/// A header-only response (no question) with `id` and `rcode`, as RFC 1035
/// lays out the header: QR, RD, RA, the rcode in the low four bits.
fn header_only(id: u16, rcode: u8) -> Vec<u8> {
    let [a, b] = id.to_be_bytes();
    vec![a, b, 0x81, 0x80 | rcode, 0, 0, 0, 0, 0, 0, 0, 0]
}

/// A message with its two-octet length prefix.
fn framed(msg: &[u8]) -> Vec<u8> {
    let mut out = (msg.len() as u16).to_be_bytes().to_vec();
    out.extend_from_slice(msg);
    out
}

/// Steps sending `octets` one at a time, `every` apart.
fn dribble(octets: &[u8], every: Duration) -> Vec<Step> {
    octets.iter().flat_map(|o| [Step::Send(vec![*o]), Step::Pause(every)]).collect()
}

/// The normal upstream: the usual answer to everything.
fn normal(q: &Message<'_>, _tcp: bool) -> Vec<Step> {
    vec![Step::Send(if_tcp_framed(good(q), _tcp))]
}

fn if_tcp_framed(msg: Vec<u8>, tcp: bool) -> Vec<u8> {
    if tcp { framed(&msg) } else { msg }
}

// -------------------------------------------------------------- clients ---

fn udp_client() -> UdpSocket {
    UdpSocket::bind("127.0.0.1:0").unwrap()
}

fn udp_ask(sock: &UdpSocket, to: SocketAddr, wire: &[u8], wait: Duration) -> Option<Vec<u8>> {
    sock.send_to(wire, to).unwrap();
    udp_next(sock, wait)
}

fn udp_next(sock: &UdpSocket, wait: Duration) -> Option<Vec<u8>> {
    sock.set_read_timeout(Some(wait)).unwrap();
    let mut buf = vec![0u8; 65535];
    sock.recv(&mut buf).ok().map(|n| buf[..n].to_vec())
}

fn decode(wire: &[u8]) -> Message<'_> {
    Message::decode(wire).unwrap()
}

/// The generous bound within which a legitimate client must be answered.
const SERVED_WITHIN: Duration = Duration::from_secs(10);

/// A legitimate UDP client asks `www.ok.test` and must get the usual answer in time.
fn assert_udp_served(fwd: SocketAddr) {
    let sock = udp_client();
    let start = Instant::now();
    let answer = udp_ask(&sock, fwd, &plain_query(0x600D, "www.ok.test", Rtype::A, Some(1232)), SERVED_WITHIN).expect("a UDP answer");
    let msg = decode(&answer);
    assert_eq!((msg.header().id, msg.rcode(), msg.answers().count()), (0x600D, Rcode::NOERROR, 1));
    assert!(start.elapsed() < SERVED_WITHIN);
}

/// A legitimate TCP client (from `from`, or any local address) must get the usual answer in time.
fn assert_tcp_served(fwd: SocketAddr) {
    let start = Instant::now();
    let mut s = TcpStream::connect_timeout(&fwd, SERVED_WITHIN).unwrap();
    s.set_read_timeout(Some(SERVED_WITHIN)).unwrap();
    write_framed(&mut s, &plain_query(0x7CB, "tcp.ok.test", Rtype::A, None)).unwrap();
    let answer = read_framed(&mut s).unwrap().expect("a TCP answer");
    let msg = decode(&answer);
    assert_eq!((msg.header().id, msg.rcode(), msg.answers().count()), (0x7CB, Rcode::NOERROR, 1));
    assert!(start.elapsed() < SERVED_WITHIN);
}

/// A forwarder to `upstream` with the default settings but a 1 s upstream timeout.
fn forwarder(upstream: SocketAddr) -> Forwarder {
    let mut c = ForwardConfig::new("127.0.0.1:0".parse().unwrap(), upstream);
    c.upstream_timeout = Duration::from_secs(1);
    Forwarder::start(c).unwrap()
}

// --------------------------------------------- acceptance: RFC 5452 (forward) ---

#[test]
fn forward_sends_each_query_from_a_random_source_port() {
    let up = Upstream::start(normal);
    let fwd = forwarder(up.addr);
    let sock = udp_client();
    for i in 0..40u16 {
        let answer = udp_ask(&sock, fwd.local_addr(), &plain_query(i, &format!("n{i}.ok.test"), Rtype::A, None), SERVED_WITHIN).unwrap();
        assert_eq!(decode(&answer).header().id, i);
    }
    let ports = up.ports();
    assert_eq!(ports.len(), 40);
    let distinct: std::collections::HashSet<_> = ports.iter().collect();
    assert!(distinct.len() >= 30, "{} distinct source ports of 40: {ports:?}", distinct.len());
}

#[test]
fn forward_does_not_take_a_header_only_nxdomain() {
    // The id is right (the fake upstream knows it); only the question is missing.
    let up = Upstream::start(|q, tcp| if q.question().unwrap().qname.to_string().starts_with("spoofed") {
        vec![Step::Send(if_tcp_framed(header_only(q.header().id, 3), tcp))]
    } else {
        normal(q, tcp)
    });
    let fwd = forwarder(up.addr);
    let sock = udp_client();
    let answer = udp_ask(&sock, fwd.local_addr(), &plain_query(0x5150, "spoofed.ok.test", Rtype::A, None), SERVED_WITHIN).unwrap();
    let msg = decode(&answer);
    assert_eq!((msg.header().id, msg.rcode()), (0x5150, Rcode::SERVFAIL), "the header-only NXDOMAIN reached the client");
    assert!(fwd.stats().unmatched >= 1);
    assert_udp_served(fwd.local_addr());
}

#[test]
fn forward_servfails_a_dribbling_tcp_upstream_by_its_default_deadline() {
    // One octet a second of a proper answer: about a minute for the whole frame.
    let up = Upstream::start(|q, tcp| if tcp { dribble(&framed(&good(q)), Duration::from_secs(1)) } else { normal(q, tcp) });
    let fwd = Forwarder::start(ForwardConfig::new("127.0.0.1:0".parse().unwrap(), up.addr)).unwrap();
    let start = Instant::now();
    let mut s = TcpStream::connect(fwd.local_addr()).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write_framed(&mut s, &plain_query(0xD1B, "dribble.ok.test", Rtype::A, None)).unwrap();
    let answer = read_framed(&mut s).unwrap().unwrap();
    let msg = decode(&answer);
    assert_eq!((msg.header().id, msg.rcode()), (0xD1B, Rcode::SERVFAIL));
    assert!(start.elapsed() < SERVED_WITHIN, "{:?}", start.elapsed());
}

// ----------------------------------------------- acceptance: RFC 5452 (query) ---

fn query_cfg(server: SocketAddr, qname: &str) -> QueryConfig {
    let mut c = QueryConfig::new(server, name(qname), Rtype::A);
    c.timeout = Duration::from_millis(400);
    c
}

#[test]
fn query_sends_each_try_from_a_fresh_socket() {
    let up = Upstream::start(|_, _| vec![]);
    let mut c = query_cfg(up.addr, "silent.ok.test");
    c.tries = 3;
    assert!(matches!(query::run(&c), Err(QueryError::Timeout { tries: 3, .. })));
    let ports = up.ports();
    assert_eq!(ports.len(), 3);
    assert!(ports[0] != ports[1] && ports[1] != ports[2] && ports[0] != ports[2], "{ports:?}");
    // And a fresh id each time.
    let ids: std::collections::HashSet<_> = up.queries().iter().map(|q| u16::from_be_bytes([q[0], q[1]])).collect();
    assert!(ids.len() >= 2, "{ids:?}");
}

#[test]
fn query_ignores_a_header_only_answer() {
    let up = Upstream::start(|q, _| vec![Step::Send(header_only(q.header().id, 3))]);
    let mut c = query_cfg(up.addr, "spoofed.ok.test");
    c.tries = 1;
    match query::run(&c) {
        Err(QueryError::Timeout { ignored: 1, .. }) => {}
        other => panic!("the header-only NXDOMAIN was taken: {other:?}"),
    }
}

#[test]
fn query_bounds_a_dribbling_tcp_exchange_by_its_deadline() {
    let up = Upstream::start(|q, tcp| if tcp { dribble(&framed(&good(q)), Duration::from_millis(300)) } else { normal(q, tcp) });
    let mut c = query_cfg(up.addr, "dribble.ok.test");
    c.tcp = true;
    c.tries = 1;
    c.timeout = Duration::from_secs(1);
    let start = Instant::now();
    match query::run(&c) {
        Err(QueryError::Timeout { .. }) => {}
        other => panic!("expected a timeout, got {other:?}"),
    }
    // The frame needs about 15 s at this pace; the deadline is 1 s.
    assert!(start.elapsed() < Duration::from_secs(5), "{:?}", start.elapsed());
}
