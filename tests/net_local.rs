//! The stub resolver (`query`), the forwarder (`forward`) and the load client
//! (`load`) against an in-process fake upstream: a UDP and TCP server on
//! 127.0.0.1 answering from canned responses built with the codec. No real
//! DNS server is needed; everything stays on loopback.
//!
//! The fake upstream's names:
//!
//! | name | answer |
//! | --- | --- |
//! | `www.example.test` A | one A record |
//! | `service2.acmeltd.co.uk` A | CNAME to `service2.region.prod.brkr.io`, A 10.10.10.10 |
//! | `hop1.example.test` A | a 3-CNAME chain across zones to an A record |
//! | `loop1.example.test` | a 3-CNAME loop, SERVFAIL |
//! | `deadend.example.test` | a CNAME to a name with no records |
//! | `nx.example.test` | NXDOMAIN |
//! | `big.example.test` TXT | 20 TXT records (~2.9 KB): TC over UDP when over the client's size, whole over TCP |
//! | `wide.example.test` A | 40 A records (~700 octets), sent whole over UDP whatever the client's size |
//! | `mismatch.example.test` | four wrong messages (another id, another question, a query, garbage), then the answer |
//! | `silent.example.test` | nothing |
//! | `lossy.example.test` A | nothing the first time it is asked, an A record the second |
//! | `*.load.test` A | an A record; `swap.load.test` is answered with another question |
//!
//! Over UDP it answers in batches, in reverse order of arrival, so answers
//! overtake each other.

mod common;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use dnswire::{Message, NameBuf, Rcode, Rtype};
use dnswire_cli::net::forward::{ForwardConfig, Forwarder, fit_response};
use dnswire_cli::net::load::{self, LoadConfig};
use dnswire_cli::net::query::{self, QueryConfig, QueryError, Transport};
use dnswire_cli::net::{Rng, read_framed, write_framed};
use common::{plain_query, response};

// ------------------------------------------------------------ fake upstream ---

/// (lowercase qname, id, over TCP) of every query the fake upstream received.
type Seen = Arc<Mutex<Vec<(String, u16, bool)>>>;

struct Fake {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    seen: Seen,
    threads: Vec<JoinHandle<()>>,
}

impl Fake {
    fn start() -> Fake {
        let (udp, tcp) = loop {
            let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
            if let Ok(tcp) = TcpListener::bind(udp.local_addr().unwrap()) {
                break (udp, tcp);
            }
        };
        let addr = udp.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let mut threads = Vec::new();
        let (s, v) = (stop.clone(), seen.clone());
        threads.push(std::thread::spawn(move || fake_udp(&udp, &s, &v)));
        let (s, v) = (stop.clone(), seen.clone());
        tcp.set_nonblocking(true).unwrap();
        threads.push(std::thread::spawn(move || fake_tcp(&tcp, &s, &v)));
        Fake { addr, stop, seen, threads }
    }

    fn seen_for(&self, name: &str) -> Vec<(u16, bool)> {
        self.seen.lock().unwrap().iter().filter(|(n, _, _)| n == name).map(|(_, id, tcp)| (*id, *tcp)).collect()
    }
}

impl Drop for Fake {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

fn record(msg: &Message<'_>, seen: &Mutex<Vec<(String, u16, bool)>>, tcp: bool) {
    if let Some(q) = msg.question() {
        seen.lock().unwrap().push((q.qname.to_string().to_ascii_lowercase(), msg.header().id, tcp));
    }
}

fn fake_udp(sock: &UdpSocket, stop: &AtomicBool, seen: &Mutex<Vec<(String, u16, bool)>>) {
    let mut buf = vec![0u8; 65535];
    while !stop.load(Ordering::Relaxed) {
        sock.set_read_timeout(Some(Duration::from_millis(100))).unwrap();
        let mut batch = Vec::new();
        while batch.len() < 16 {
            match sock.recv_from(&mut buf) {
                Ok((n, src)) => batch.push((buf[..n].to_vec(), src)),
                Err(_) => break,
            }
            sock.set_read_timeout(Some(Duration::from_millis(1))).unwrap();
        }
        // Answer the batch last-first.
        for (wire, src) in batch.into_iter().rev() {
            let Ok(msg) = Message::decode(&wire) else { continue };
            record(&msg, seen, false);
            for answer in answers_for(&msg, false) {
                let _ = sock.send_to(&answer, src);
            }
        }
    }
}

fn fake_tcp(listener: &TcpListener, stop: &Arc<AtomicBool>, seen: &Seen) {
    while !stop.load(Ordering::Relaxed) {
        match listener.accept() {
            Ok((mut stream, _)) => {
                let seen = seen.clone();
                std::thread::spawn(move || {
                    stream.set_nonblocking(false).unwrap();
                    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                    while let Ok(Some(wire)) = read_framed(&mut stream) {
                        let Ok(msg) = Message::decode(&wire) else { return };
                        record(&msg, &seen, true);
                        for answer in answers_for(&msg, true) {
                            if write_framed(&mut stream, &answer).is_err() {
                                return;
                            }
                        }
                    }
                });
            }
            Err(_) => std::thread::sleep(Duration::from_millis(5)),
        }
    }
}

/// A TC response: the question (and OPT) only.
fn truncated(query: &Message<'_>) -> Vec<u8> {
    let mut wire = response(query, Rcode::NOERROR, &[], &[], None);
    wire[2] |= 0x02; // TC
    wire
}

fn lines(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|s| s.to_string()).collect()
}

const SOA: &str = "example.test. 300 IN SOA ns1.example.test. hostmaster.example.test. 1 7200 900 1209600 300";

fn answers_for(query: &Message<'_>, tcp: bool) -> Vec<Vec<u8>> {
    let Some(q) = query.question() else { return vec![] };
    let name = q.qname.to_string().to_ascii_lowercase();
    let ok = |answers: Vec<String>| vec![response(query, Rcode::NOERROR, &answers, &[], None)];
    match name.as_str() {
        "www.example.test." => ok(lines(&["www.example.test. 300 IN A 192.0.2.1"])),
        "service2.acmeltd.co.uk." => ok(lines(&[
            "service2.acmeltd.co.uk. 54 IN CNAME service2.region.prod.brkr.io.",
            "service2.region.prod.brkr.io. 300 IN A 10.10.10.10",
        ])),
        "hop1.example.test." => ok(lines(&[
            "hop1.example.test. 300 IN CNAME start.other.test.",
            // The chain's records out of order: it is followed by name, not position.
            "middle.other.test. 300 IN CNAME www.example.test.",
            "start.other.test. 300 IN CNAME middle.other.test.",
            "www.example.test. 300 IN A 192.0.2.80",
            "www.example.test. 300 IN A 192.0.2.81",
        ])),
        "loop1.example.test." => {
            let loop_records = lines(&[
                "loop1.example.test. 300 IN CNAME loop2.example.test.",
                "loop2.example.test. 300 IN CNAME loop3.example.test.",
                "loop3.example.test. 300 IN CNAME loop1.example.test.",
            ]);
            vec![response(query, Rcode::SERVFAIL, &loop_records, &[], None)]
        }
        "deadend.example.test." => {
            vec![response(query, Rcode::NOERROR, &lines(&["deadend.example.test. 300 IN CNAME www.dead.example.test."]), &[], None)]
        }
        "nx.example.test." => vec![response(query, Rcode::NXDOMAIN, &[], &lines(&[SOA]), None)],
        "big.example.test." => {
            let records: Vec<String> = (1..=20)
                .map(|i| format!("big.example.test. 300 IN TXT \"record-{i:02} {}\"", char::from(b'a' + i as u8).to_string().repeat(120)))
                .collect();
            let full = response(query, Rcode::NOERROR, &records, &[], None);
            let limit = query.edns().map_or(512, |e| usize::from(e.udp_payload_size.max(512)));
            if !tcp && full.len() > limit { vec![truncated(query)] } else { vec![full] }
        }
        "wide.example.test." => {
            let records: Vec<String> = (1..=40).map(|i| format!("wide.example.test. 300 IN A 192.0.2.{i}")).collect();
            ok(records)
        }
        "mismatch.example.test." => {
            let good = response(query, Rcode::NOERROR, &lines(&["mismatch.example.test. 300 IN A 192.0.2.9"]), &[], None);
            let mut wrong_id = good.clone();
            wrong_id[1] ^= 0x5A;
            let wrong_question = response(query, Rcode::NOERROR, &lines(&["other.example.test. 300 IN A 192.0.2.66"]), &[], Some("other.example.test."));
            let mut not_a_response = good.clone();
            not_a_response[2] &= 0x7F;
            let mut garbage = good[..2].to_vec();
            garbage.extend_from_slice(&[0xFF; 7]);
            vec![wrong_id, wrong_question, not_a_response, garbage, good]
        }
        "silent.example.test." => vec![],
        "lossy.example.test." => {
            // Every other query is "lost" on the way.
            static ASKED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
            if ASKED.fetch_add(1, Ordering::Relaxed) % 2 == 0 {
                vec![]
            } else {
                ok(lines(&["lossy.example.test. 300 IN A 192.0.2.77"]))
            }
        }
        "swap.load.test." => {
            vec![response(query, Rcode::NOERROR, &lines(&["host1.load.test. 300 IN A 192.0.2.1"]), &[], Some("host1.load.test."))]
        }
        n if n.ends_with(".load.test.") => ok(vec![format!("{n} 300 IN A 192.0.2.{}", n.len())]),
        _ => vec![response(query, Rcode::NXDOMAIN, &[], &lines(&[SOA]), None)],
    }
}

// --------------------------------------------------------------- helpers ---

fn name(text: &str) -> NameBuf {
    NameBuf::from_text(text).unwrap()
}

fn cfg(fake: &Fake, qname: &str, qtype: Rtype) -> QueryConfig {
    let mut c = QueryConfig::new(fake.addr, name(qname), qtype);
    c.timeout = Duration::from_secs(2);
    c
}

/// A forwarder to `upstream` that gives up on the upstream after 1 s, with
/// 64 upstream sockets (tests run side by side under the descriptor limit).
fn forwarder(upstream: SocketAddr) -> Forwarder {
    let mut c = ForwardConfig::new("127.0.0.1:0".parse().unwrap(), upstream);
    c.upstream_timeout = Duration::from_secs(1);
    c.udp_sockets = 64;
    Forwarder::start(c).unwrap()
}

fn client() -> UdpSocket {
    let s = UdpSocket::bind("127.0.0.1:0").unwrap();
    s.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
    s
}

/// Sends a datagram and returns the answer, or `None` after `wait`.
fn udp_ask(sock: &UdpSocket, to: SocketAddr, wire: &[u8], wait: Duration) -> Option<Vec<u8>> {
    sock.send_to(wire, to).unwrap();
    udp_next(sock, wait)
}

fn udp_next(sock: &UdpSocket, wait: Duration) -> Option<Vec<u8>> {
    sock.set_read_timeout(Some(wait)).unwrap();
    let mut buf = vec![0u8; 65535];
    sock.recv(&mut buf).ok().map(|n| buf[..n].to_vec())
}

fn tcp_connect(to: SocketAddr) -> TcpStream {
    let s = TcpStream::connect(to).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s
}

fn summary(outcome: &query::Outcome) -> String {
    query::chain_summary(&outcome.message().unwrap()).unwrap()
}

// ----------------------------------------------------------------- query ---

#[test]
fn query_follows_the_chain() {
    let fake = Fake::start();
    let outcome = query::run(&cfg(&fake, "service2.acmeltd.co.uk", Rtype::A)).unwrap();
    assert_eq!(outcome.transport, Transport::Udp);
    assert_eq!(summary(&outcome), ";; CHAIN: service2.acmeltd.co.uk -> service2.region.prod.brkr.io -> A 10.10.10.10");
    let text = query::render(&outcome);
    assert!(text.contains(";; ->>HEADER<<- opcode: QUERY, status: NOERROR"), "{text}");
    assert!(text.contains("service2.region.prod.brkr.io.\t300\tIN\tA\t10.10.10.10"), "{text}");

    let outcome = query::run(&cfg(&fake, "hop1.example.test", Rtype::A)).unwrap();
    assert_eq!(
        summary(&outcome),
        ";; CHAIN: hop1.example.test -> start.other.test -> middle.other.test -> www.example.test -> A 192.0.2.80, 192.0.2.81"
    );
}

#[test]
fn query_reports_loops_dead_ends_and_nxdomain() {
    let fake = Fake::start();
    let loop_answer = query::run(&cfg(&fake, "loop1.example.test", Rtype::A)).unwrap();
    assert_eq!(
        summary(&loop_answer),
        ";; CHAIN: loop1.example.test -> loop2.example.test -> loop3.example.test -> LOOP: loop3.example.test points back to loop1.example.test"
    );
    let dead = query::run(&cfg(&fake, "deadend.example.test", Rtype::A)).unwrap();
    assert_eq!(
        summary(&dead),
        ";; CHAIN: deadend.example.test -> www.dead.example.test -> DEAD END: no A records at www.dead.example.test (NOERROR)"
    );
    let nx = query::run(&cfg(&fake, "nx.example.test", Rtype::A)).unwrap();
    assert_eq!(summary(&nx), ";; CHAIN: nx.example.test -> no A records (NXDOMAIN)");
    // Asking for the CNAME itself ends the chain at once.
    let cname = query::run(&cfg(&fake, "loop1.example.test", Rtype::CNAME)).unwrap();
    assert!(summary(&cname).starts_with(";; CHAIN: loop1.example.test -> CNAME loop2.example.test."), "{}", summary(&cname));
}

#[test]
fn query_retries_truncated_answers_over_tcp() {
    let fake = Fake::start();
    let outcome = query::run(&cfg(&fake, "big.example.test", Rtype::TXT)).unwrap();
    assert!(outcome.retried_over_tcp);
    assert_eq!(outcome.transport, Transport::Tcp);
    let msg = outcome.message().unwrap();
    assert!(!msg.header().flags.tc());
    assert_eq!(msg.answers().count(), 20);
    assert!(query::render(&outcome).starts_with(";; Truncated, retrying in TCP mode.\n"));
    assert_eq!(fake.seen_for("big.example.test.").iter().map(|(_, tcp)| *tcp).collect::<Vec<_>>(), [false, true]);
    // The same id over both transports, as dig does.
    let ids: Vec<u16> = fake.seen_for("big.example.test.").iter().map(|(id, _)| *id).collect();
    assert_eq!(ids[0], ids[1]);

    // +ignore keeps the truncated answer; +tcp goes to TCP at once.
    let mut c = cfg(&fake, "big.example.test", Rtype::TXT);
    c.ignore_tc = true;
    let kept = query::run(&c).unwrap();
    assert!(kept.message().unwrap().header().flags.tc() && kept.transport == Transport::Udp && !kept.retried_over_tcp);
    c.ignore_tc = false;
    c.tcp = true;
    let direct = query::run(&c).unwrap();
    assert!(direct.transport == Transport::Tcp && !direct.retried_over_tcp);
    assert_eq!(direct.message().unwrap().answers().count(), 20);
    // A payload size large enough: no truncation over UDP.
    let mut c = cfg(&fake, "big.example.test", Rtype::TXT);
    c.bufsize = 4096;
    assert_eq!(query::run(&c).unwrap().transport, Transport::Udp);
}

#[test]
fn query_ignores_messages_that_do_not_answer_it() {
    let fake = Fake::start();
    let outcome = query::run(&cfg(&fake, "mismatch.example.test", Rtype::A)).unwrap();
    assert_eq!(outcome.ignored, 4, "another id, another question, a query and garbage are ignored");
    let msg = outcome.message().unwrap();
    assert_eq!(msg.header().id, u16::from_be_bytes([outcome.query[0], outcome.query[1]]));
    assert_eq!(summary(&outcome), ";; CHAIN: mismatch.example.test -> A 192.0.2.9");
    // Over TCP as well.
    let mut c = cfg(&fake, "mismatch.example.test", Rtype::A);
    c.tcp = true;
    let outcome = query::run(&c).unwrap();
    assert_eq!((outcome.ignored, outcome.transport), (4, Transport::Tcp));
}

#[test]
fn query_times_out_after_its_tries() {
    let fake = Fake::start();
    let mut c = cfg(&fake, "silent.example.test", Rtype::A);
    c.timeout = Duration::from_millis(300);
    c.tries = 2;
    let start = Instant::now();
    match query::run(&c) {
        Err(QueryError::Timeout { tries: 2, .. }) => {}
        other => panic!("expected a timeout after 2 tries, got {other:?}"),
    }
    assert!(start.elapsed() >= Duration::from_millis(600), "{:?}", start.elapsed());
    assert_eq!(fake.seen_for("silent.example.test.").len(), 2);
    // Nothing listening: an error, not an answer.
    let closed = UdpSocket::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let mut c = QueryConfig::new(closed, name("www.example.test"), Rtype::A);
    c.timeout = Duration::from_millis(200);
    c.tries = 1;
    assert!(query::run(&c).is_err());
}

#[test]
fn query_command_line() {
    let fake = Fake::start();
    let port = fake.addr.port().to_string();
    let bin = env!("CARGO_BIN_EXE_dnswire");
    let out = Command::new(bin).args(["query", "@127.0.0.1", "-p", &port, "service2.acmeltd.co.uk", "+nsid", "+cookie", "+subnet=192.0.2.0/24"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.lines().any(|l| l == ";; CHAIN: service2.acmeltd.co.uk -> service2.region.prod.brkr.io -> A 10.10.10.10"), "{stdout}");
    assert!(stdout.contains(&format!(";; SERVER: 127.0.0.1#{port}(127.0.0.1) (UDP)")), "{stdout}");

    let out = Command::new(bin).args(["query", "@127.0.0.1", "-p", &port, "silent.example.test", "+timeout=1", "+tries=1"]).output().unwrap();
    assert_eq!(out.status.code(), Some(9), "{}", String::from_utf8_lossy(&out.stdout));
    let out = Command::new(bin).args(["query", "@127.0.0.1", "www.example.test", "+nosuchoption"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}

// --------------------------------------------------------------- forward ---

#[test]
fn forward_answers_with_the_clients_id_under_fresh_upstream_ids() {
    let fake = Fake::start();
    let fwd = forwarder(fake.addr);
    let sock = client();
    for _ in 0..20 {
        let answer = udp_ask(&sock, fwd.local_addr(), &plain_query(0x1234, "www.example.test", Rtype::A, Some(1232)), Duration::from_secs(3)).unwrap();
        let msg = Message::decode(&answer).unwrap();
        assert_eq!(msg.header().id, 0x1234);
        assert_eq!(msg.answers().count(), 1);
        assert_eq!(msg.edns().map(|e| e.udp_payload_size), Some(1232));
    }
    let upstream_ids: Vec<u16> = fake.seen_for("www.example.test.").iter().map(|(id, _)| *id).collect();
    assert_eq!(upstream_ids.len(), 20);
    let distinct: std::collections::HashSet<_> = upstream_ids.iter().collect();
    assert!(distinct.len() >= 18, "fresh ids repeat: {upstream_ids:?}");
    assert!(upstream_ids.iter().filter(|id| **id == 0x1234).count() <= 1, "the client's id went upstream: {upstream_ids:?}");
}

#[test]
fn forward_truncates_for_small_clients_and_answers_whole_over_tcp() {
    let fake = Fake::start();
    let fwd = forwarder(fake.addr);
    let sock = client();
    // No EDNS: 512 octets. The upstream sends ~700, all 40 A records.
    let small = udp_ask(&sock, fwd.local_addr(), &plain_query(0x0202, "wide.example.test", Rtype::A, None), Duration::from_secs(3)).unwrap();
    assert!(small.len() <= 512, "{} octets", small.len());
    let msg = Message::decode(&small).unwrap();
    assert_eq!(msg.header().id, 0x0202);
    assert!(msg.header().flags.tc(), "TC must be set");
    assert_eq!(msg.answers().count(), 0, "the RRset is dropped whole");
    assert_eq!(msg.question().unwrap().qname, name("wide.example.test").as_name());
    assert!(msg.edns().is_none());
    // EDNS 1232: it fits.
    let large = udp_ask(&sock, fwd.local_addr(), &plain_query(0x0303, "wide.example.test", Rtype::A, Some(1232)), Duration::from_secs(3)).unwrap();
    let msg = Message::decode(&large).unwrap();
    assert!(!msg.header().flags.tc());
    assert_eq!(msg.answers().count(), 40);
    // TCP: the whole answer, for several queries on one connection, sent in one write.
    let mut tcp = tcp_connect(fwd.local_addr());
    let mut both = Vec::new();
    for (id, qname, qtype) in [(7u16, "wide.example.test", Rtype::A), (8, "big.example.test", Rtype::TXT), (9, "www.example.test", Rtype::A)] {
        let q = plain_query(id, qname, qtype, None);
        both.extend_from_slice(&(q.len() as u16).to_be_bytes());
        both.extend_from_slice(&q);
    }
    tcp.write_all(&both).unwrap();
    // Answered as each completes (RFC 7766 §6.2.1.1), so in any order.
    let mut counts: Vec<(u16, usize)> = (0..3)
        .map(|_| {
            let wire = read_framed(&mut tcp).unwrap().unwrap();
            let msg = Message::decode(&wire).unwrap();
            assert!(!msg.header().flags.tc());
            (msg.header().id, msg.answers().count())
        })
        .collect();
    counts.sort_unstable();
    assert_eq!(counts, [(7, 40), (8, 20), (9, 1)]);
    // Upstream was asked the TCP queries over TCP.
    assert!(fake.seen_for("big.example.test.").iter().all(|(_, tcp)| *tcp));
    assert!(fwd.stats().truncated >= 1);
}

#[test]
fn fit_response_drops_whole_rrsets_and_keeps_opt() {
    let fake_query = plain_query(1, "wide.example.test", Rtype::A, Some(1232));
    let query = Message::decode(&fake_query).unwrap();
    let full = answers_for(&query, false).remove(0);
    let msg = Message::decode(&full).unwrap();
    let (fits, dropped) = fit_response(&msg, 0xABCD, 1232).unwrap();
    assert!(!dropped);
    assert_eq!(&fits[2..], &full[2..]);
    assert_eq!(&fits[..2], &[0xAB, 0xCD]);
    let (cut, dropped) = fit_response(&msg, 0xABCD, 512).unwrap();
    assert!(dropped && cut.len() <= 512);
    let cut = Message::decode(&cut).unwrap();
    assert!(cut.header().flags.tc());
    assert_eq!((cut.answers().count(), cut.edns().map(|e| e.udp_payload_size)), (0, Some(1232)));
}

#[test]
fn forward_rejects_malformed_queries_and_survives_garbage() {
    let fake = Fake::start();
    let fwd = forwarder(fake.addr);
    let to = fwd.local_addr();
    let sock = client();
    let quiet = Duration::from_millis(300);
    // One octet: no id to echo, dropped.
    assert_eq!(udp_ask(&sock, to, &[0x42], quiet), None);
    // Shorter than a header: FORMERR, header only, id echoed.
    let answer_wait = Duration::from_secs(3);
    let short = udp_ask(&sock, to, &[0xAB, 0xCD, 0x01, 0x00, 0x00], answer_wait).unwrap();
    assert_eq!(short, [0xAB, 0xCD, 0x81, 0x01, 0, 0, 0, 0, 0, 0, 0, 0]);
    // A header announcing a question that is not there.
    let missing = udp_ask(&sock, to, &[0x11, 0x22, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0], answer_wait).unwrap();
    let msg = Message::decode(&missing).unwrap();
    assert_eq!((msg.header().id, msg.rcode(), msg.header().qdcount), (0x1122, Rcode::FORMERR, 0));
    assert!(msg.header().flags.qr() && msg.header().flags.rd());
    // Two questions.
    let mut two = plain_query(0x3344, "www.example.test", Rtype::A, None);
    two[5] = 2;
    two.extend_from_slice(&two.clone()[12..]);
    let msg_two = udp_ask(&sock, to, &two, answer_wait).unwrap();
    assert_eq!(Message::decode(&msg_two).unwrap().rcode(), Rcode::FORMERR);
    // A response sent to the forwarder: never answered.
    let mut resp = plain_query(0x5566, "www.example.test", Rtype::A, None);
    resp[2] |= 0x80;
    assert_eq!(udp_ask(&sock, to, &resp, quiet), None);
    // NOTIFY: NOTIMP.
    let mut notify = plain_query(0x7788, "example.test", Rtype::SOA, None);
    notify[2] = 0x20;
    let msg_notify = udp_ask(&sock, to, &notify, answer_wait).unwrap();
    assert_eq!(Message::decode(&msg_notify).unwrap().rcode(), Rcode::NOTIMP);

    // Random octets, and valid queries with random octets flipped.
    let mut rng = Rng::from_seed(0x5eed);
    let valid = plain_query(0x9999, "www.example.test", Rtype::A, Some(1232));
    for i in 0..3000 {
        let datagram: Vec<u8> = if i % 2 == 0 {
            let len = (rng.next_u64() % 600) as usize;
            let mut d = vec![0u8; len];
            rng.fill(&mut d);
            d
        } else {
            let mut d = valid.clone();
            for _ in 0..3 {
                let at = (rng.next_u64() as usize) % d.len();
                d[at] ^= (rng.next_u64() as u8) | 1;
            }
            d
        };
        sock.send_to(&datagram, to).unwrap();
        if i % 50 == 49 {
            // Paced, so the socket buffers keep up.
            std::thread::sleep(Duration::from_millis(2));
        }
    }
    // The same over TCP, then a good query on the same connection.
    let mut tcp = tcp_connect(to);
    for _ in 0..200 {
        let len = (rng.next_u64() % 100) as usize;
        let mut d = vec![0u8; len];
        rng.fill(&mut d);
        if len >= 3 {
            d[2] &= 0x7F; // a query, so it is answered
        }
        write_framed(&mut tcp, &d).unwrap();
        if len >= 2 {
            let answer = read_framed(&mut tcp).unwrap().unwrap();
            assert_eq!(&answer[..2], &d[..2], "the id is echoed");
        }
    }
    write_framed(&mut tcp, &plain_query(0x0101, "www.example.test", Rtype::A, None)).unwrap();
    let answer = read_framed(&mut tcp).unwrap().unwrap();
    let msg = Message::decode(&answer).unwrap();
    assert_eq!((msg.header().id, msg.answers().count()), (0x0101, 1));

    // Still serving UDP: ask, skipping the answers the garbage got.
    sock.send_to(&plain_query(0x4242, "www.example.test", Rtype::A, None), to).unwrap();
    let good = std::iter::from_fn(|| udp_next(&sock, Duration::from_secs(3))).find(|a| a[..2] == [0x42, 0x42]).expect("an answer");
    let msg = Message::decode(&good).unwrap();
    assert_eq!((msg.header().id, msg.rcode(), msg.answers().count()), (0x4242, Rcode::NOERROR, 1));
    let stats = fwd.stats();
    // At least the TCP garbage (about 196 frames of 2 octets or more) got FORMERR.
    assert!(stats.formerr > 150 && stats.dropped >= 2, "{stats:?}");
}

#[test]
fn forward_passes_only_the_real_answer_and_servfails_when_upstream_is_silent() {
    let fake = Fake::start();
    let fwd = forwarder(fake.addr);
    let sock = client();
    let answer = udp_ask(&sock, fwd.local_addr(), &plain_query(0x0A0A, "mismatch.example.test", Rtype::A, None), Duration::from_secs(3)).unwrap();
    let msg = Message::decode(&answer).unwrap();
    assert_eq!(msg.header().id, 0x0A0A);
    assert_eq!(query::chain_summary(&msg).unwrap(), ";; CHAIN: mismatch.example.test -> A 192.0.2.9");
    assert_eq!(udp_next(&sock, Duration::from_millis(300)), None, "one answer only");
    assert!(fwd.stats().unmatched >= 3, "{:?}", fwd.stats());

    let start = Instant::now();
    let answer = udp_ask(&sock, fwd.local_addr(), &plain_query(0x0B0B, "silent.example.test", Rtype::A, Some(1232)), Duration::from_secs(3)).unwrap();
    let msg = Message::decode(&answer).unwrap();
    assert_eq!((msg.header().id, msg.rcode()), (0x0B0B, Rcode::SERVFAIL));
    assert_eq!(msg.question().unwrap().qname, name("silent.example.test").as_name());
    assert!(msg.edns().is_some());
    assert!(start.elapsed() >= Duration::from_millis(950), "{:?}", start.elapsed());
    assert_eq!(fwd.stats().timeouts, 1);
    assert_eq!(fwd.pending(), 0);
}

#[test]
fn forward_resends_a_query_the_upstream_lost() {
    let fake = Fake::start();
    let fwd = forwarder(fake.addr);
    let sock = client();
    let start = Instant::now();
    let answer = udp_ask(&sock, fwd.local_addr(), &plain_query(0x0C0C, "lossy.example.test", Rtype::A, None), Duration::from_secs(3)).unwrap();
    let msg = Message::decode(&answer).unwrap();
    assert_eq!((msg.header().id, msg.rcode()), (0x0C0C, Rcode::NOERROR));
    assert_eq!(query::chain_summary(&msg).unwrap(), ";; CHAIN: lossy.example.test -> A 192.0.2.77");
    // Resent after a third of the 1 s upstream timeout, answered before it ran out.
    assert!(start.elapsed() < Duration::from_millis(950), "{:?}", start.elapsed());
    let seen = fake.seen_for("lossy.example.test.");
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(seen[0].0, seen[1].0, "the resend keeps the fresh id");
    let stats = fwd.stats();
    assert_eq!((stats.resent, stats.timeouts, stats.answered), (1, 0, 1), "{stats:?}");
}

#[test]
fn query_through_forward() {
    let fake = Fake::start();
    let fwd = forwarder(fake.addr);
    let mut c = QueryConfig::new(fwd.local_addr(), name("big.example.test"), Rtype::TXT);
    c.timeout = Duration::from_secs(3);
    let outcome = query::run(&c).unwrap();
    assert!(outcome.retried_over_tcp);
    assert_eq!(outcome.message().unwrap().answers().count(), 20);
    c.qname = name("service2.acmeltd.co.uk");
    c.qtype = Rtype::A;
    let outcome = query::run(&c).unwrap();
    assert_eq!(summary(&outcome), ";; CHAIN: service2.acmeltd.co.uk -> service2.region.prod.brkr.io -> A 10.10.10.10");
}

// ------------------------------------------------------------------ load ---

fn load_names(n: usize) -> Vec<(NameBuf, Rtype)> {
    (0..n).map(|i| (name(&format!("host{i}.load.test")), Rtype::A)).collect()
}

#[test]
fn load_through_forward_loses_and_mixes_nothing() {
    let fake = Fake::start();
    let fwd = forwarder(fake.addr);
    let mut c = LoadConfig::new(fwd.local_addr(), 5000, load_names(50));
    c.concurrency = 64;
    c.sockets = 2;
    let report = load::run(&c).unwrap();
    println!("{}", report.render(fwd.local_addr()));
    assert_eq!((report.sent, report.answered, report.lost, report.mismatched, report.errors), (5000, 5000, 0, 0, 0));
    assert!(report.passed(0));
    assert_eq!(report.rcodes.get(&0), Some(&5000));
    assert_eq!(report.latencies_us.len(), 5000);
    let stats = fwd.stats();
    assert_eq!((stats.answered, stats.unmatched, stats.timeouts), (5000, 0, 0), "{stats:?}");
    assert_eq!(fwd.pending(), 0);
}

#[test]
fn load_detects_mixed_up_and_lost_answers() {
    let fake = Fake::start();
    let mut names = load_names(1);
    names.push((name("swap.load.test"), Rtype::A));
    let mut c = LoadConfig::new(fake.addr, 200, names);
    c.timeout = Duration::from_millis(300);
    let report = load::run(&c).unwrap();
    assert_eq!(report.answered, 100);
    assert_eq!(report.mismatched, 100, "the answers with another question");
    assert_eq!(report.lost, 100, "their queries got no answer of their own");
    assert!(!report.passed(0));
    assert!(!report.passed(100), "mixed-up answers fail whatever the loss allowance");
    let text = report.render(fake.addr);
    assert!(text.contains("lost 100, mismatched 100"), "{text}");
}

#[test]
fn load_command_line() {
    let fake = Fake::start();
    let dir = std::env::temp_dir().join(format!("dnswire-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("names.txt");
    std::fs::write(&file, "# load names\nhost1.load.test A\nhost2.load.test\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dnswire"))
        .args(["load", "--server", &fake.addr.to_string(), "--queries", "500", "--concurrency", "16", "--names", file.to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("answered 500, lost 0, mismatched 0"), "{stdout}");
    assert!(stdout.contains("queries/s") && stdout.contains("p99"), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn forward_command_line_prints_its_address() {
    let fake = Fake::start();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dnswire"))
        .args(["forward", "--listen", "127.0.0.1:0", "--upstream", &fake.addr.to_string(), "--udp-sockets", "64"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    while stdout.read(&mut byte).unwrap_or(0) == 1 && byte[0] != b'\n' {
        line.push(byte[0]);
    }
    let line = String::from_utf8(line).unwrap();
    let addr: SocketAddr = line.strip_prefix("forwarding on ").and_then(|r| r.split(' ').next()).unwrap().parse().unwrap();
    assert_ne!(addr.port(), 0);
    assert!(line.ends_with(&format!("to {} (UDP and TCP)", fake.addr)), "{line}");
    let answer = udp_ask(&client(), addr, &plain_query(0x6060, "www.example.test", Rtype::A, None), Duration::from_secs(3));
    let _ = child.kill();
    let _ = child.wait();
    let msg_wire = answer.unwrap();
    let msg = Message::decode(&msg_wire).unwrap();
    assert_eq!((msg.header().id, msg.answers().count()), (0x6060, 1));
}

#[test]
fn forward_keeps_many_clients_apart() {
    // Eight clients asking different names at once through one forwarder,
    // each with eight queries in flight: each gets exactly the answers to
    // its own questions.
    let fake = Fake::start();
    let fwd = Arc::new(forwarder(fake.addr));
    let handles: Vec<_> = (0..8u16)
        .map(|c| {
            let to = fwd.local_addr();
            std::thread::spawn(move || {
                let sock = client();
                let mut expected = HashMap::new();
                let ask = |i: u16, expected: &mut HashMap<u16, String>| {
                    let id = c * 1000 + i;
                    let qname = format!("c{c}-{i}.load.test");
                    sock.send_to(&plain_query(id, &qname, Rtype::A, Some(1232)), to).unwrap();
                    expected.insert(id, qname);
                };
                for i in 0..8 {
                    ask(i, &mut expected);
                }
                for n in 0..50u16 {
                    let wire = udp_next(&sock, Duration::from_secs(3)).expect("an answer");
                    let msg = Message::decode(&wire).unwrap();
                    let qname = expected.remove(&msg.header().id).expect("an id of ours, once");
                    assert_eq!(msg.question().unwrap().qname, name(&qname).as_name());
                    assert_eq!(msg.answers().next().unwrap().name, name(&qname).as_name());
                    if n + 8 < 50 {
                        ask(n + 8, &mut expected);
                    }
                }
                assert!(expected.is_empty());
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(fwd.stats().answered, 400);
}
