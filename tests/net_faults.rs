//! The forwarder and the stub resolver against a misbehaving upstream and
//! hostile clients, all on loopback: a scripted fake upstream that is
//! silent, answers with the wrong id or question, garbage, a cut-off
//! message, a bad TCP length prefix, closes mid-frame, dribbles, answers
//! twice, header-only or oversized; and clients that dribble (slowloris),
//! idle, open many connections from one address or flood malformed queries.
//!
//! Each test asserts its outcome and that a legitimate client is still served
//! within a generous bound. Timeouts are set small so the suite stays short.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use common::plain_query;
use dnswire::{Message, NameBuf, Rcode, Rtype};
use dnswire_cli::net::forward::{ForwardConfig, Forwarder};
use dnswire_cli::net::query::{self, QueryConfig, QueryError};
use dnswire_cli::net::{read_framed, take_frames, write_framed};

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
    /// Over UDP, one datagram to the query's source from another port of
    /// the upstream's address: right id and question, wrong source.
    SendFromElsewhere(Vec<u8>),
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
                    match step {
                        Step::Send(d) => {
                            let _ = udp.send_to(&d, src);
                        }
                        Step::SendFromElsewhere(d) => {
                            let other = UdpSocket::bind("127.0.0.1:0").unwrap();
                            let _ = other.send_to(&d, src);
                        }
                        _ => {}
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
                    Step::SendFromElsewhere(_) => {}
                }
            }
        }
    }
}

// ------------------------------------------------------------- messages ---

fn name(text: &str) -> NameBuf {
    NameBuf::from_text(text).unwrap()
}

/// A response to `query` (its id and question as received) with `rcode` and
/// the records given in zone-file text.
fn reply(query: &Message<'_>, rcode: Rcode, records: &[String]) -> Vec<u8> {
    common::response(query, rcode, records, &[], None)
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
fn normal(q: &Message<'_>, tcp: bool) -> Vec<Step> {
    vec![Step::Send(if_tcp_framed(good(q), tcp))]
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

/// A legitimate TCP client (from 127.0.0.1) must get the usual answer in time.
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

/// Settings with short bounds for the tests: upstream 1 s; TCP idle 1 s,
/// frame 1 s, lifetime 5 s; 64 upstream sockets.
fn short(upstream: SocketAddr) -> ForwardConfig {
    let mut c = ForwardConfig::new("127.0.0.1:0".parse().unwrap(), upstream);
    c.upstream_timeout = Duration::from_secs(1);
    c.tcp_idle = Duration::from_secs(1);
    c.tcp_frame = Duration::from_secs(1);
    c.tcp_lifetime = Duration::from_secs(5);
    c.udp_sockets = 64;
    c
}

/// An upstream answering names that start with `fault` with `fault`'s
/// steps, everything else normally.
fn faulty(fault: impl Fn(&Message<'_>, bool) -> Vec<Step> + Send + Sync + 'static) -> Upstream {
    Upstream::start(
        move |q, tcp| if q.question().unwrap().qname.to_string().to_ascii_lowercase().starts_with("fault") { fault(q, tcp) } else { normal(q, tcp) },
    )
}

/// Asks `fault.ok.test` A over UDP and returns the one answer.
fn ask_fault_udp(fwd: &Forwarder, bufsize: Option<u16>) -> Vec<u8> {
    let sock = udp_client();
    udp_ask(&sock, fwd.local_addr(), &plain_query(0xFA17, "fault.ok.test", Rtype::A, bufsize), SERVED_WITHIN).expect("an answer")
}

/// Asks `fault.ok.test` A over TCP and returns the one answer.
fn ask_fault_tcp(fwd: &Forwarder) -> Vec<u8> {
    let mut s = TcpStream::connect(fwd.local_addr()).unwrap();
    s.set_read_timeout(Some(SERVED_WITHIN)).unwrap();
    write_framed(&mut s, &plain_query(0xFA17, "fault.ok.test", Rtype::A, None)).unwrap();
    read_framed(&mut s).unwrap().expect("an answer")
}

fn rcode_of(wire: &[u8]) -> (u16, Rcode) {
    let msg = decode(wire);
    (msg.header().id, msg.rcode())
}

/// A TCP connection to `to` from `from` (another loopback address than the
/// legitimate clients' 127.0.0.1, so per-address caps tell them apart).
fn connect_from(from: &str, to: SocketAddr) -> TcpStream {
    let sock = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    sock.bind(&format!("{from}:0").parse::<SocketAddr>().unwrap().into()).unwrap();
    sock.connect(&to.into()).unwrap();
    sock.into()
}

/// Whether the peer closes `s` (end of stream or reset) before `within`;
/// anything it sends meanwhile is counted into `octets`.
fn closed_within(mut s: &TcpStream, within: Duration, octets: &mut usize) -> bool {
    let until = Instant::now() + within;
    let mut buf = [0u8; 1024];
    while let Some(left) = until.checked_duration_since(Instant::now()) {
        s.set_read_timeout(Some(left.max(Duration::from_millis(1)))).unwrap();
        match s.read(&mut buf) {
            Ok(0) => return true,
            Ok(n) => *octets += n,
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => return false,
            Err(_) => return true,
        }
    }
    false
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
    let up = Upstream::start(|q, tcp| {
        if q.question().unwrap().qname.to_string().starts_with("spoofed") {
            vec![Step::Send(if_tcp_framed(header_only(q.header().id, 3), tcp))]
        } else {
            normal(q, tcp)
        }
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

// ------------------------------------------------------ upstream faults (UDP) ---

#[test]
fn silent_upstream_gets_the_client_a_servfail() {
    let up = faulty(|_, _| vec![]);
    let fwd = Forwarder::start(short(up.addr)).unwrap();
    assert_eq!(rcode_of(&ask_fault_udp(&fwd, None)), (0xFA17, Rcode::SERVFAIL));
    assert_eq!((fwd.stats().timeouts, fwd.stats().resent), (1, 1));
    assert_eq!((fwd.pending(), fwd.pending_octets()), (0, 0), "the budget is given back");
    assert_udp_served(fwd.local_addr());
}

#[test]
fn answer_with_the_wrong_id_is_not_taken() {
    let up = faulty(|q, tcp| {
        let mut wrong = good(q);
        wrong[0] ^= 0x80;
        vec![Step::Send(if_tcp_framed(wrong, tcp))]
    });
    let fwd = Forwarder::start(short(up.addr)).unwrap();
    assert_eq!(rcode_of(&ask_fault_udp(&fwd, None)), (0xFA17, Rcode::SERVFAIL));
    assert_eq!(fwd.stats().unmatched, 2, "the answer to the query and to its resend");
    assert_udp_served(fwd.local_addr());
}

#[test]
fn answer_with_the_wrong_question_is_not_taken() {
    let up = faulty(|q, tcp| {
        let other = plain_query(q.header().id, "other.ok.test", Rtype::A, None);
        vec![Step::Send(if_tcp_framed(good(&decode(&other)), tcp))]
    });
    let fwd = Forwarder::start(short(up.addr)).unwrap();
    assert_eq!(rcode_of(&ask_fault_udp(&fwd, None)), (0xFA17, Rcode::SERVFAIL));
    assert!(fwd.stats().unmatched >= 1);
    assert_udp_served(fwd.local_addr());
}

#[test]
fn answer_from_another_port_is_not_taken() {
    // Right id and question, from 127.0.0.1 but not the upstream's port.
    let up = faulty(|q, _| vec![Step::SendFromElsewhere(reply(q, Rcode::NXDOMAIN, &[]))]);
    let fwd = Forwarder::start(short(up.addr)).unwrap();
    assert_eq!(rcode_of(&ask_fault_udp(&fwd, None)), (0xFA17, Rcode::SERVFAIL));
    assert_udp_served(fwd.local_addr());
}

#[test]
fn garbage_from_upstream_is_not_taken() {
    let up = faulty(|q, tcp| {
        let [a, b] = q.header().id.to_be_bytes();
        let mut junk = vec![a, b, 0x81, 0x80, 0, 1, 0, 1];
        junk.extend_from_slice(&[0xC0; 40]);
        vec![Step::Send(if_tcp_framed(junk, tcp))]
    });
    let fwd = Forwarder::start(short(up.addr)).unwrap();
    assert_eq!(rcode_of(&ask_fault_udp(&fwd, None)), (0xFA17, Rcode::SERVFAIL));
    assert!(fwd.stats().unmatched >= 1);
    assert_udp_served(fwd.local_addr());
}

#[test]
fn cut_off_answer_is_not_taken() {
    // The answer's last 5 octets (part of the A record) missing.
    let up = faulty(|q, tcp| {
        let mut cut = good(q);
        cut.truncate(cut.len() - 5);
        vec![Step::Send(if_tcp_framed(cut, tcp))]
    });
    let fwd = Forwarder::start(short(up.addr)).unwrap();
    assert_eq!(rcode_of(&ask_fault_udp(&fwd, None)), (0xFA17, Rcode::SERVFAIL));
    assert!(fwd.stats().unmatched >= 1);
    assert_udp_served(fwd.local_addr());
}

#[test]
fn answer_sent_twice_reaches_the_client_once() {
    let up = faulty(|q, _| vec![Step::Send(good(q)), Step::Send(good(q))]);
    let fwd = Forwarder::start(short(up.addr)).unwrap();
    let sock = udp_client();
    let answer = udp_ask(&sock, fwd.local_addr(), &plain_query(0x7777, "fault.ok.test", Rtype::A, None), SERVED_WITHIN).unwrap();
    assert_eq!(rcode_of(&answer), (0x7777, Rcode::NOERROR));
    assert_eq!(udp_next(&sock, Duration::from_millis(500)), None, "a second answer reached the client");
    assert_eq!((fwd.stats().answered, fwd.stats().unmatched), (1, 1));
    assert_udp_served(fwd.local_addr());
}

#[test]
fn oversized_answer_is_cut_to_the_clients_size() {
    // 100 A records (about 1.7 KB) whatever the query offered.
    let up = faulty(|q, tcp| {
        let records: Vec<String> = (0..100).map(|i| format!("fault.ok.test. 300 IN A 192.0.2.{i}")).collect();
        vec![Step::Send(if_tcp_framed(reply(q, Rcode::NOERROR, &records), tcp))]
    });
    let fwd = Forwarder::start(short(up.addr)).unwrap();
    // No EDNS: 512 octets at most, TC set, the RRset dropped whole.
    let small = ask_fault_udp(&fwd, None);
    let msg = decode(&small);
    assert!(small.len() <= 512 && msg.header().flags.tc() && msg.answers().count() == 0, "{} octets", small.len());
    // Over TCP: all of it.
    let whole = ask_fault_tcp(&fwd);
    assert_eq!(decode(&whole).answers().count(), 100);
    assert_udp_served(fwd.local_addr());
}

// ------------------------------------------------------ upstream faults (TCP) ---

#[test]
fn tcp_length_prefix_longer_than_the_message_gets_a_servfail() {
    // The prefix announces 1000 octets; the message (about 50) follows, then nothing.
    let up = faulty(|q, tcp| {
        let msg = good(q);
        let mut wire = 1000u16.to_be_bytes().to_vec();
        wire.extend_from_slice(&msg);
        vec![Step::Send(if tcp { wire } else { msg }), Step::Pause(Duration::from_secs(30))]
    });
    let fwd = Forwarder::start(short(up.addr)).unwrap();
    assert_eq!(rcode_of(&ask_fault_tcp(&fwd)), (0xFA17, Rcode::SERVFAIL));
    assert_eq!(fwd.stats().timeouts, 1);
    assert_tcp_served(fwd.local_addr());
}

#[test]
fn tcp_upstream_closing_mid_frame_gets_a_servfail() {
    let up = faulty(|q, tcp| {
        let whole = framed(&good(q));
        vec![Step::Send(if tcp { whole[..whole.len() / 2].to_vec() } else { good(q) }), Step::Close]
    });
    let fwd = Forwarder::start(short(up.addr)).unwrap();
    assert_eq!(rcode_of(&ask_fault_tcp(&fwd)), (0xFA17, Rcode::SERVFAIL));
    let stats = fwd.stats();
    assert_eq!((stats.servfail, stats.timeouts), (1, 0), "a closed connection is a failure, not a timeout: {stats:?}");
    assert_tcp_served(fwd.local_addr());
}

#[test]
fn tcp_header_only_answer_is_not_taken() {
    let up = faulty(|q, tcp| vec![Step::Send(if_tcp_framed(header_only(q.header().id, 3), tcp))]);
    let fwd = Forwarder::start(short(up.addr)).unwrap();
    assert_eq!(rcode_of(&ask_fault_tcp(&fwd)), (0xFA17, Rcode::SERVFAIL));
    assert_eq!(fwd.stats().unmatched, 1);
    assert_tcp_served(fwd.local_addr());
}

#[test]
fn pipelined_queries_are_answered_as_they_complete() {
    // `fault.ok.test` is answered after 1.5 s, everything else at once.
    let up = faulty(|q, tcp| vec![Step::Pause(Duration::from_millis(1500)), Step::Send(if_tcp_framed(good(q), tcp))]);
    let mut cfg = short(up.addr);
    cfg.upstream_timeout = Duration::from_secs(5);
    let fwd = Forwarder::start(cfg).unwrap();
    let mut s = TcpStream::connect(fwd.local_addr()).unwrap();
    s.set_read_timeout(Some(SERVED_WITHIN)).unwrap();
    let mut both = framed(&plain_query(1, "fault.ok.test", Rtype::A, None));
    both.extend_from_slice(&framed(&plain_query(2, "quick.ok.test", Rtype::A, None)));
    s.write_all(&both).unwrap();
    let first = read_framed(&mut s).unwrap().unwrap();
    let second = read_framed(&mut s).unwrap().unwrap();
    assert_eq!((rcode_of(&first), rcode_of(&second)), ((2, Rcode::NOERROR), (1, Rcode::NOERROR)), "the quick answer waited for the slow one");
}

// ------------------------------------------------------------------ 0x20 ---

#[test]
fn case_randomization_goes_upstream_and_the_client_sees_its_own_spelling() {
    // Echoes the question as received.
    let up = Upstream::start(normal);
    let mut cfg = short(up.addr);
    cfg.randomize_case = true;
    let fwd = Forwarder::start(cfg).unwrap();
    let sock = udp_client();
    let spelling = "MixedCase.Example.Ok.Test";
    for i in 0..20u16 {
        let answer = udp_ask(&sock, fwd.local_addr(), &plain_query(i, spelling, Rtype::A, None), SERVED_WITHIN).unwrap();
        let msg = decode(&answer);
        assert_eq!((msg.header().id, msg.rcode()), (i, Rcode::NOERROR));
        assert_eq!(msg.question().unwrap().qname.to_string(), format!("{spelling}."), "the client's spelling, octet for octet");
    }
    // 21 letters: each query's spelling upstream is random; twenty of them all
    // the client's own would happen with probability 2^-420.
    let client_wire = name(spelling);
    let sent: std::collections::HashSet<Vec<u8>> = up.queries().iter().map(|q| q[12..12 + client_wire.as_wire().len()].to_vec()).collect();
    assert!(sent.len() > 10, "{} spellings", sent.len());
    assert!(sent.iter().all(|n| n.eq_ignore_ascii_case(client_wire.as_wire())));
}

#[test]
fn case_randomization_refuses_an_answer_in_another_case() {
    // Answers with the question's name lowercased, as a spoofer who does not
    // know the random case would have to guess it.
    let up = faulty(|q, tcp| {
        let lower = q.question().unwrap().qname.to_string().to_ascii_lowercase();
        let query = plain_query(q.header().id, &lower, Rtype::A, None);
        vec![Step::Send(if_tcp_framed(good(&decode(&query)), tcp))]
    });
    let mut cfg = short(up.addr);
    cfg.randomize_case = true;
    let fwd = Forwarder::start(cfg).unwrap();
    let sock = udp_client();
    // Letters enough that the random case is all lowercase with probability 2^-22.
    let q = plain_query(0x2020, "faultfaultfault.ok.test", Rtype::A, None);
    let answer = udp_ask(&sock, fwd.local_addr(), &q, SERVED_WITHIN).unwrap();
    assert_eq!(rcode_of(&answer), (0x2020, Rcode::SERVFAIL));
    assert!(fwd.stats().unmatched >= 1);
    assert_udp_served(fwd.local_addr());
}

// ------------------------------------------------------------ limits ---

#[test]
fn pending_budget_refuses_queries_past_it() {
    let up = faulty(|_, _| vec![]);
    // What one waiting query costs: asked of a forwarder with room to spare.
    let probe = Forwarder::start(short(up.addr)).unwrap();
    let sock = udp_client();
    sock.send_to(&plain_query(9, "fault9.ok.test", Rtype::A, None), probe.local_addr()).unwrap();
    let until = Instant::now() + SERVED_WITHIN;
    while probe.pending() == 0 && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(10));
    }
    let cost = probe.pending_octets();
    assert!(cost > 0 && cost < 4096, "{cost} octets for one query");
    drop(probe);

    let mut cfg = short(up.addr);
    cfg.pending_budget = 2 * cost;
    let fwd = Forwarder::start(cfg).unwrap();
    for id in 0..5u16 {
        sock.send_to(&plain_query(id, &format!("fault{id}.ok.test"), Rtype::A, None), fwd.local_addr()).unwrap();
    }
    let answers: Vec<(u16, Rcode)> = (0..5).map(|_| rcode_of(&udp_next(&sock, SERVED_WITHIN).unwrap())).collect();
    assert!(answers.iter().all(|(_, r)| *r == Rcode::SERVFAIL), "{answers:?}");
    let stats = fwd.stats();
    assert_eq!((stats.over_limit, stats.timeouts), (3, 2), "{stats:?}");
    assert_eq!(fwd.pending_octets(), 0);
    assert_udp_served(fwd.local_addr());
}

#[test]
fn udp_queries_per_address_are_capped() {
    let up = faulty(|_, _| vec![]);
    let mut cfg = short(up.addr);
    cfg.max_udp_per_address = 3;
    let fwd = Forwarder::start(cfg).unwrap();
    let sock = udp_client();
    for id in 0..8u16 {
        sock.send_to(&plain_query(id, &format!("fault{id}.ok.test"), Rtype::A, None), fwd.local_addr()).unwrap();
    }
    for _ in 0..8 {
        assert_eq!(rcode_of(&udp_next(&sock, SERVED_WITHIN).unwrap()).1, Rcode::SERVFAIL);
    }
    assert_eq!((fwd.stats().over_limit, fwd.stats().timeouts), (5, 3));
    assert_udp_served(fwd.local_addr());
}

#[test]
fn tcp_queries_in_flight_per_connection_are_capped() {
    let up = faulty(|_, _| vec![Step::Pause(Duration::from_secs(30))]);
    let mut cfg = short(up.addr);
    cfg.max_tcp_inflight = 2;
    let fwd = Forwarder::start(cfg).unwrap();
    let mut s = TcpStream::connect(fwd.local_addr()).unwrap();
    s.set_read_timeout(Some(SERVED_WITHIN)).unwrap();
    let mut all = Vec::new();
    for id in 0..5u16 {
        all.extend_from_slice(&framed(&plain_query(id, &format!("fault{id}.ok.test"), Rtype::A, None)));
    }
    s.write_all(&all).unwrap();
    let answers: Vec<(u16, Rcode)> = (0..5).map(|_| rcode_of(&read_framed(&mut s).unwrap().unwrap())).collect();
    assert!(answers.iter().all(|(_, r)| *r == Rcode::SERVFAIL), "{answers:?}");
    let stats = fwd.stats();
    assert_eq!((stats.over_limit, stats.timeouts), (3, 2), "{stats:?}");
    assert_tcp_served(fwd.local_addr());
}

// ------------------------------------------------------- hostile clients ---

#[test]
fn slowloris_clients_are_cut_off_and_others_served() {
    let up = Upstream::start(normal);
    let mut cfg = short(up.addr);
    // Only the frame bound can cut them off.
    cfg.tcp_idle = Duration::from_secs(60);
    cfg.tcp_lifetime = Duration::from_secs(60);
    let fwd = Forwarder::start(cfg).unwrap();
    // Eight connections from 127.0.0.2, each dribbling a query one octet
    // every 300 ms (its 35 octets would take 10 s; a frame gets 1 s).
    let attackers: Vec<_> = (0..8)
        .map(|_| {
            let to = fwd.local_addr();
            std::thread::spawn(move || {
                let mut s = connect_from("127.0.0.2", to);
                let query = framed(&plain_query(0x5105, "slow.ok.test", Rtype::A, None));
                let mut answered = 0usize;
                for octet in &query {
                    if s.write_all(&[*octet]).is_err() {
                        return (true, answered);
                    }
                    if closed_within(&s, Duration::from_millis(300), &mut answered) {
                        return (true, answered);
                    }
                }
                (false, answered)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    assert_tcp_served(fwd.local_addr());
    assert_udp_served(fwd.local_addr());
    for a in attackers {
        assert_eq!(a.join().unwrap(), (true, 0), "a dribbling client was not cut off, or got an answer");
    }
    assert_eq!(fwd.stats().tcp_expired, 8);
}

#[test]
fn idle_connections_are_closed() {
    let up = Upstream::start(normal);
    let mut cfg = short(up.addr);
    // Only the idle bound can close them in time.
    cfg.tcp_lifetime = Duration::from_secs(60);
    let fwd = Forwarder::start(cfg).unwrap();
    let idle: Vec<TcpStream> = (0..10).map(|_| connect_from("127.0.0.2", fwd.local_addr())).collect();
    assert_tcp_served(fwd.local_addr());
    for s in &idle {
        let mut octets = 0;
        assert!(closed_within(s, SERVED_WITHIN, &mut octets), "an idle connection stayed open");
        assert_eq!(octets, 0);
    }
    assert_eq!(fwd.stats().tcp_expired, 10);
    assert_tcp_served(fwd.local_addr());
}

#[test]
fn connections_per_address_are_capped() {
    let up = Upstream::start(normal);
    let mut cfg = short(up.addr);
    cfg.max_tcp_per_address = 4;
    cfg.tcp_idle = Duration::from_secs(5);
    let fwd = Forwarder::start(cfg).unwrap();
    let conns: Vec<TcpStream> = (0..12).map(|_| connect_from("127.0.0.2", fwd.local_addr())).collect();
    // Refused connections are closed at once; the kept ones stay open.
    let closed = conns
        .iter()
        .filter(|s| {
            let mut octets = 0;
            closed_within(s, Duration::from_millis(300), &mut octets)
        })
        .count();
    assert_eq!(closed, 8);
    assert_eq!(fwd.stats().tcp_refused, 8);
    // Another address is served meanwhile.
    assert_tcp_served(fwd.local_addr());
    drop(conns);
}

#[test]
fn a_busy_connection_ends_at_its_lifetime() {
    let up = Upstream::start(normal);
    let mut cfg = short(up.addr);
    cfg.tcp_lifetime = Duration::from_millis(1500);
    let fwd = Forwarder::start(cfg).unwrap();
    let mut s = connect_from("127.0.0.2", fwd.local_addr());
    s.set_read_timeout(Some(SERVED_WITHIN)).unwrap();
    // A query every 100 ms, each answered: never idle, never slow.
    let mut answered = 0u32;
    for id in 0..100u16 {
        if write_framed(&mut s, &plain_query(id, "busy.ok.test", Rtype::A, None)).is_err() {
            break;
        }
        match read_framed(&mut s) {
            Ok(Some(_)) => answered += 1,
            _ => break,
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!((1..100).contains(&answered), "{answered} answered: the connection was never closed");
    assert_eq!(fwd.stats().tcp_expired, 1);
    assert_tcp_served(fwd.local_addr());
}

#[test]
fn malformed_flood_gets_formerr_and_others_are_served() {
    let up = Upstream::start(normal);
    let fwd = Forwarder::start(short(up.addr)).unwrap();
    let mut s = connect_from("127.0.0.2", fwd.local_addr());
    s.set_read_timeout(Some(SERVED_WITHIN)).unwrap();
    // 500 frames in one write: a header announcing a question that is not there.
    let mut flood = Vec::new();
    for id in 0..500u16 {
        let [a, b] = id.to_be_bytes();
        flood.extend_from_slice(&framed(&[a, b, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]));
    }
    let udp = udp_client();
    for id in 0..500u16 {
        let [a, b] = id.to_be_bytes();
        udp.send_to(&[a, b, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0], fwd.local_addr()).unwrap();
    }
    s.write_all(&flood).unwrap();
    for id in 0..500u16 {
        let answer = read_framed(&mut s).unwrap().unwrap();
        assert_eq!(rcode_of(&answer), (id, Rcode::FORMERR));
    }
    assert_tcp_served(fwd.local_addr());
    assert_udp_served(fwd.local_addr());
    assert!(fwd.stats().formerr >= 500);
    assert_eq!(up.queries().len(), 2, "only the two good queries went upstream");
}

// -------------------------------------------------------- the command line ---

#[test]
fn forward_command_prints_its_counters_on_sigusr1_and_sigterm() {
    let up = Upstream::start(normal);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dnswire"))
        .args(["forward", "--listen", "127.0.0.1:0", "--upstream", &up.addr.to_string(), "--0x20", "--udp-sockets", "32"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(child.stdout.take().unwrap()));
    let first = lines.next().unwrap().unwrap();
    let addr: SocketAddr = first.strip_prefix("forwarding on ").and_then(|r| r.split(' ').next()).unwrap().parse().unwrap();
    let settings = lines.next().unwrap().unwrap();
    assert!(settings.contains(&format!("listening on udp {addr} and tcp {addr}")) && settings.contains("0x20 on"), "{settings}");
    assert_udp_served(addr);
    let pid = child.id().to_string();
    let kill = |signal: &str| assert!(std::process::Command::new("kill").args([signal, &pid]).status().unwrap().success());
    kill("-USR1");
    let counters = lines.next().unwrap().unwrap();
    assert!(counters.starts_with("counters: queries udp 1 tcp 0, forwarded 1, answered 1,"), "{counters}");
    kill("-TERM");
    let last = lines.next().unwrap().unwrap();
    assert!(last.starts_with("counters: "), "{last}");
    assert!(child.wait().unwrap().success());
}
