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

use common::{plain_query, response};
use dnswire::{Message, NameBuf, Rcode, Rtype};
use dnswire_cli::net::forward::{ForwardConfig, Forwarder, fit_response};
use dnswire_cli::net::load::{self, LoadConfig};
use dnswire_cli::net::query::{self, QueryConfig, QueryError, Transport};
use dnswire_cli::net::{Rng, read_framed, write_framed};

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
        if let Some(edns) = msg.edns() {
            let codes = edns.options.iter().map(|o| o.code.0).collect();
            EDNS_SEEN.lock().unwrap().push((q.qname.to_string().to_ascii_lowercase(), edns.flags.dnssec_ok(), codes));
        }
    }
}

/// (lowercase qname, DO bit, option codes) of every query with an OPT record.
static EDNS_SEEN: Mutex<Vec<(String, bool, Vec<u16>)>> = Mutex::new(Vec::new());

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

const XFR_SOA: &str = "xfr.example.test. 300 IN SOA ns1.example.test. hostmaster.example.test. 3 7200 900 1209600 300";

const SOA: &str = "example.test. 300 IN SOA ns1.example.test. hostmaster.example.test. 1 7200 900 1209600 300";

fn answers_for(query: &Message<'_>, tcp: bool) -> Vec<Vec<u8>> {
    let Some(q) = query.question() else { return vec![] };
    let name = q.qname.to_string().to_ascii_lowercase();
    let ok = |answers: Vec<String>| vec![response(query, Rcode::NOERROR, &answers, &[], None)];
    match name.as_str() {
        "www.example.test." => ok(lines(&["www.example.test. 300 IN A 192.0.2.1"])),
        "service2.acmeltd.co.uk." => {
            ok(lines(&["service2.acmeltd.co.uk. 54 IN CNAME service2.region.prod.brkr.io.", "service2.region.prod.brkr.io. 300 IN A 10.10.10.10"]))
        }
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
            let wrong_question =
                response(query, Rcode::NOERROR, &lines(&["other.example.test. 300 IN A 192.0.2.66"]), &[], Some("other.example.test."));
            let mut not_a_response = good.clone();
            not_a_response[2] &= 0x7F;
            let mut garbage = good[..2].to_vec();
            garbage.extend_from_slice(&[0xFF; 7]);
            vec![wrong_id, wrong_question, not_a_response, garbage, good]
        }
        "silent.example.test." => vec![],
        "opts.example.test." => ok(lines(&["opts.example.test. 300 IN A 192.0.2.7"])),
        "norecursion.example.test." => {
            let mut wire = response(query, Rcode::NOERROR, &lines(&["norecursion.example.test. 300 IN A 192.0.2.8"]), &[], None);
            wire[3] &= !0x80; // RA off
            vec![wire]
        }
        "1.2.0.192.in-addr.arpa." => ok(lines(&["1.2.0.192.in-addr.arpa. 300 IN PTR a.example.test."])),
        n if n.ends_with(".ip6.arpa.") => ok(vec![format!("{n} 300 IN PTR www.example.test.")]),
        // A zone of three records in two messages; IXFR from serial 1 to 3
        // in one (RFC 1995 §7's layout). Transfers come over TCP only.
        "xfr.example.test." if tcp && q.qtype == Rtype::AXFR => {
            let first = response(
                query,
                Rcode::NOERROR,
                &lines(&[XFR_SOA, "xfr.example.test. 300 IN NS ns1.example.test.", "a.xfr.example.test. 300 IN A 192.0.2.1"]),
                &[],
                None,
            );
            let second = response(query, Rcode::NOERROR, &lines(&["txt.xfr.example.test. 300 IN TXT \"hello\"", XFR_SOA]), &[], None);
            vec![first, second]
        }
        "xfr.example.test." if tcp && q.qtype == Rtype::IXFR => {
            let old = "xfr.example.test. 300 IN SOA ns1.example.test. hostmaster.example.test. 1 7200 900 1209600 300";
            ok(lines(&[XFR_SOA, old, "a.xfr.example.test. 300 IN A 192.0.2.1", XFR_SOA, "a.xfr.example.test. 300 IN A 192.0.2.2", XFR_SOA]))
        }
        // A transfer that does not open with the SOA.
        "badxfr.example.test." if tcp => ok(lines(&["a.badxfr.example.test. 300 IN A 192.0.2.1"])),
        "lossy.example.test." => {
            // Every other query is "lost" on the way.
            static ASKED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
            if ASKED.fetch_add(1, Ordering::Relaxed).is_multiple_of(2) { vec![] } else { ok(lines(&["lossy.example.test. 300 IN A 192.0.2.77"])) }
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
    // The owner is past dig's TTL column (24): one space, as dig prints it.
    assert!(text.contains("\nservice2.region.prod.brkr.io. 300 IN\tA\t10.10.10.10\n"), "{text}");

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
    let out = Command::new(bin)
        .args(["query", "@127.0.0.1", "-p", &port, "service2.acmeltd.co.uk", "+nsid", "+cookie", "+subnet=192.0.2.0/24", "+chain"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.lines().any(|l| l == ";; CHAIN: service2.acmeltd.co.uk -> service2.region.prod.brkr.io -> A 10.10.10.10"), "{stdout}");
    assert!(stdout.contains(&format!(";; SERVER: 127.0.0.1#{port}(127.0.0.1) (UDP)")), "{stdout}");

    let out = Command::new(bin).args(["query", "@127.0.0.1", "-p", &port, "silent.example.test", "+timeout=1", "+tries=1"]).output().unwrap();
    assert_eq!(out.status.code(), Some(9), "{}", String::from_utf8_lossy(&out.stdout));
    let out = Command::new(bin).args(["query", "@127.0.0.1", "www.example.test", "+nosuchoption"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}

// ------------------------------------------------------ query: dig idioms ---
//
// The expected layouts are dig 9.18's (bind9-dnsutils 9.18.49) for answers of
// the same shape: owners padded with tabs to column 24 (one space when past
// it), TTL, class, type and RDATA at 32, 40 and 48; the parts each `+` option
// turns on or off; the exit codes of dig's manual.

/// Runs `dnswire query @127.0.0.1 -p PORT ARGS...` against `fake`: the exit
/// code and standard output.
fn dig_like(fake: &Fake, args: &[&str]) -> (i32, String) {
    let port = fake.addr.port().to_string();
    let out =
        Command::new(env!("CARGO_BIN_EXE_dnswire")).args(["query", "@127.0.0.1", "-p", &port, "+timeout=2", "+tries=1"]).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap())
}

/// The output with the id and query time (which vary) written as `X`.
fn masked(text: &str) -> String {
    text.lines()
        .map(|l| {
            if let Some(at) = l.find(", id: ") {
                format!("{}, id: X", &l[..at])
            } else if l.starts_with(";; Query time: ") {
                ";; Query time: X msec".to_string()
            } else {
                l.to_string()
            }
        })
        .map(|l| l + "\n")
        .collect()
}

#[test]
fn query_default_output_is_laid_out_as_dig() {
    let fake = Fake::start();
    let (code, out) = dig_like(&fake, &["www.example.test"]);
    assert_eq!(code, 0);
    let port = fake.addr.port();
    let expected = format!(
        ";; Got answer:\n\
         ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: X\n\
         ;; flags: qr rd ra; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1\n\
         \n\
         ;; OPT PSEUDOSECTION:\n\
         ; EDNS: version: 0, flags:; udp: 1232\n\
         ;; QUESTION SECTION:\n\
         ;www.example.test.\t\tIN\tA\n\
         \n\
         ;; ANSWER SECTION:\n\
         www.example.test.\t300\tIN\tA\t192.0.2.1\n\
         \n\
         ;; Query time: X msec\n\
         ;; SERVER: 127.0.0.1#{port}(127.0.0.1) (UDP)\n\
         ;; MSG SIZE  rcvd: 61\n\
         \n"
    );
    assert_eq!(masked(&out), expected);
}

#[test]
fn query_short_prints_the_answer_data_alone() {
    let fake = Fake::start();
    let (code, out) = dig_like(&fake, &["+short", "service2.acmeltd.co.uk"]);
    assert_eq!((code, out.as_str()), (0, "service2.region.prod.brkr.io.\n10.10.10.10\n"));
}

#[test]
fn query_multi_soa_one_field_a_line() {
    let fake = Fake::start();
    // dig 9.18.49's `+multi +noall +authority` for the same SOA served by
    // BIND, captured with `cat -A`.
    let expected = "example.test.\t\t300 IN SOA ns1.example.test. hostmaster.example.test. (\n\
                    \t\t\t\t1          ; serial\n\
                    \t\t\t\t7200       ; refresh (2 hours)\n\
                    \t\t\t\t900        ; retry (15 minutes)\n\
                    \t\t\t\t1209600    ; expire (2 weeks)\n\
                    \t\t\t\t300        ; minimum (5 minutes)\n\
                    \t\t\t\t)\n";
    assert_eq!(dig_like(&fake, &["+multi", "+noall", "+authority", "nx.example.test"]), (0, expected.to_string()));
}

#[test]
fn query_multi_packs_other_lines() {
    let fake = Fake::start();
    // dig 9.18.49's `+multi +noall +question +answer` for the same A record
    // served by BIND, captured with `cat -A`.
    let expected = ";www.example.test.\tIN A\nwww.example.test.\t300 IN A 192.0.2.1\n";
    assert_eq!(dig_like(&fake, &["+multi", "+noall", "+question", "+answer", "www.example.test"]), (0, expected.to_string()));
}

#[test]
fn query_reverse_v4() {
    let fake = Fake::start();
    let (code, out) = dig_like(&fake, &["-x", "192.0.2.1", "+noall", "+answer"]);
    // 22 columns of owner: one tab to 24.
    assert_eq!((code, out.as_str()), (0, "1.2.0.192.in-addr.arpa.\t300\tIN\tPTR\ta.example.test.\n"));
}

#[test]
fn query_reverse_v6() {
    let fake = Fake::start();
    let (code, out) = dig_like(&fake, &["-x", "2001:db8::80", "+noall", "+question", "+answer"]);
    // RFC 3596 §2.5: 32 nibbles, last first. Past every column: spaces.
    let name = "0.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.";
    assert_eq!((code, out), (0, format!(";{name} IN PTR\n{name} 300 IN PTR www.example.test.\n")));
}

#[test]
fn query_noall_with_one_section() {
    let fake = Fake::start();
    assert_eq!(dig_like(&fake, &["+noall", "+answer", "www.example.test"]).1, "www.example.test.\t300\tIN\tA\t192.0.2.1\n");
    assert_eq!(dig_like(&fake, &["+noall", "+question", "www.example.test"]).1, ";www.example.test.\t\tIN\tA\n");
    // A 13-column owner: two tabs.
    assert_eq!(
        dig_like(&fake, &["+noall", "+authority", "nx.example.test"]).1,
        "example.test.\t\t300\tIN\tSOA\tns1.example.test. hostmaster.example.test. 1 7200 900 1209600 300\n"
    );
    // The OPT record is no additional record: nothing.
    assert_eq!(dig_like(&fake, &["+noall", "+additional", "www.example.test"]).1, "");
    assert_eq!(dig_like(&fake, &["+noall", "www.example.test"]).1, "");
}

#[test]
fn query_all_undoes_noall() {
    let fake = Fake::start();
    let (_, out) = dig_like(&fake, &["+noall", "+all", "www.example.test"]);
    assert!(out.starts_with(";; Got answer:\n") && out.contains(";; ANSWER SECTION:\n") && out.contains(";; MSG SIZE  rcvd: 61\n"), "{out}");
}

#[test]
fn query_section_toggles() {
    let fake = Fake::start();
    let (_, out) = dig_like(&fake, &["+noquestion", "www.example.test"]);
    assert!(!out.contains("QUESTION") && !out.contains(";www.example.test.") && out.contains(";; ANSWER SECTION:\n"), "{out}");
    let (_, out) = dig_like(&fake, &["+noanswer", "www.example.test"]);
    assert!(!out.contains("ANSWER SECTION") && !out.contains("192.0.2.1") && out.contains(";; QUESTION SECTION:\n"), "{out}");
    let (_, out) = dig_like(&fake, &["+noauthority", "nx.example.test"]);
    assert!(!out.contains("AUTHORITY SECTION") && !out.contains("SOA"), "{out}");
    let (_, out) = dig_like(&fake, &["+noall", "+answer", "+additional", "+authority", "nx.example.test"]);
    assert!(out.starts_with("example.test.\t\t300\tIN\tSOA\t"), "{out}");
}

#[test]
fn query_nocomments_keeps_records_and_stats() {
    let fake = Fake::start();
    let (_, out) = dig_like(&fake, &["+nocomments", "www.example.test"]);
    let port = fake.addr.port();
    let expected = format!(
        ";www.example.test.\t\tIN\tA\n\
         www.example.test.\t300\tIN\tA\t192.0.2.1\n\
         ;; Query time: X msec\n\
         ;; SERVER: 127.0.0.1#{port}(127.0.0.1) (UDP)\n\
         ;; MSG SIZE  rcvd: 61\n\
         \n"
    );
    assert_eq!(masked(&out), expected);
}

#[test]
fn query_comments_alone_are_the_header_and_opt() {
    let fake = Fake::start();
    let (_, out) = dig_like(&fake, &["+noall", "+comments", "www.example.test"]);
    let expected = ";; Got answer:\n\
         ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: X\n\
         ;; flags: qr rd ra; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1\n\
         \n\
         ;; OPT PSEUDOSECTION:\n\
         ; EDNS: version: 0, flags:; udp: 1232\n";
    assert_eq!(masked(&out), expected);
}

#[test]
fn query_recursion_not_offered_gets_dig_warning() {
    let fake = Fake::start();
    let warning = ";; flags: qr rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1\n;; WARNING: recursion requested but not available\n\n";
    let (_, out) = dig_like(&fake, &["norecursion.example.test"]);
    assert!(out.contains(warning), "{out}");
    // Not asked for, not missed.
    assert!(!dig_like(&fake, &["+norec", "norecursion.example.test"]).1.contains("WARNING"));
    // Offered.
    assert!(!dig_like(&fake, &["www.example.test"]).1.contains("WARNING"));
}

#[test]
fn query_stats_toggle() {
    let fake = Fake::start();
    let (_, out) = dig_like(&fake, &["+nostats", "www.example.test"]);
    assert!(!out.contains(";; Query time") && !out.contains(";; SERVER") && out.ends_with("192.0.2.1\n\n"), "{out}");
    let (_, out) = dig_like(&fake, &["+noall", "+stats", "www.example.test"]);
    let port = fake.addr.port();
    assert_eq!(masked(&out), format!(";; Query time: X msec\n;; SERVER: 127.0.0.1#{port}(127.0.0.1) (UDP)\n;; MSG SIZE  rcvd: 61\n\n"));
}

#[test]
fn query_q_and_t_name_the_question() {
    let fake = Fake::start();
    assert_eq!(dig_like(&fake, &["-q", "www.example.test", "-t", "A", "+short"]), (0, "192.0.2.1\n".to_string()));
    // A name that reads as a type is still the name after -q.
    assert_eq!(dig_like(&fake, &["-q", "mx", "+noall", "+question"]).1, ";mx.\t\t\t\tIN\tA\n");
}

#[test]
fn query_address_families() {
    let fake = Fake::start();
    assert_eq!(dig_like(&fake, &["-4", "+short", "www.example.test"]), (0, "192.0.2.1\n".to_string()));
    // The server is IPv4: -6 cannot use it.
    assert_eq!(dig_like(&fake, &["-6", "www.example.test"]).0, 1);
    assert_eq!(dig_like(&fake, &["-4", "-6", "www.example.test"]).0, 1);
}

#[test]
fn query_tcp_goes_over_tcp() {
    let fake = Fake::start();
    let (code, out) = dig_like(&fake, &["+tcp", "www.example.test"]);
    assert_eq!(code, 0);
    assert!(out.contains(&format!(";; SERVER: 127.0.0.1#{}(127.0.0.1) (TCP)\n", fake.addr.port())), "{out}");
    assert!(fake.seen_for("www.example.test.").iter().all(|&(_, tcp)| tcp));
}

#[test]
fn query_edns_options_are_sent() {
    let fake = Fake::start();
    let (code, _) = dig_like(&fake, &["+dnssec", "+nsid", "+cookie", "+subnet=192.0.2.0/24", "opts.example.test"]);
    assert_eq!(code, 0);
    let seen = EDNS_SEEN.lock().unwrap();
    let (_, dnssec_ok, codes) = seen.iter().find(|(n, _, _)| n == "opts.example.test.").expect("the query came");
    assert!(dnssec_ok);
    // NSID 3, COOKIE 10, CLIENT-SUBNET 8 (IANA).
    assert_eq!(codes, &[3, 10, 8]);
}

#[test]
fn query_exit_codes_are_dig_codes() {
    let fake = Fake::start();
    assert_eq!(dig_like(&fake, &["www.example.test"]).0, 0);
    assert_eq!(dig_like(&fake, &["+nosuchoption", "www.example.test"]).0, 1);
    assert_eq!(dig_like(&fake, &["-f", "/nonexistent/dnswire-batch"]).0, 8);
    assert_eq!(dig_like(&fake, &["silent.example.test"]).0, 9);
    // An empty label: not a legal name.
    assert_eq!(dig_like(&fake, &["a..example.test"]).0, 10);
    // 64 octets in a label.
    assert_eq!(dig_like(&fake, &[&format!("{}.test", "a".repeat(64))]).0, 10);
}

#[test]
fn query_batch_file_runs_each_line() {
    let fake = Fake::start();
    let path = std::env::temp_dir().join(format!("dnswire-batch-{}", std::process::id()));
    std::fs::write(&path, "www.example.test\n\n-x 192.0.2.1\n").unwrap();
    let out = dig_like(&fake, &["+short", "-f", path.to_str().unwrap()]);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(out, (0, "192.0.2.1\na.example.test.\n".to_string()));
}

#[test]
fn query_axfr_goes_over_tcp_and_prints_every_message() {
    let fake = Fake::start();
    let (code, out) = dig_like(&fake, &["xfr.example.test", "AXFR"]);
    assert_eq!(code, 0, "{out}");
    let port = fake.addr.port();
    // The two messages' sizes, names compressed after their first writing:
    // header 12, question 18 + 4, SOA 2 + 10 + (6 + 13 + 20), NS 2 + 10 + 2,
    // A 4 + 10 + 4, OPT 11: 128; then header, question, TXT 6 + 10 + 6,
    // SOA 51, OPT: 118.
    let expected = format!(
        "xfr.example.test.\t300\tIN\tSOA\tns1.example.test. hostmaster.example.test. 3 7200 900 1209600 300\n\
         xfr.example.test.\t300\tIN\tNS\tns1.example.test.\n\
         a.xfr.example.test.\t300\tIN\tA\t192.0.2.1\n\
         txt.xfr.example.test.\t300\tIN\tTXT\t\"hello\"\n\
         xfr.example.test.\t300\tIN\tSOA\tns1.example.test. hostmaster.example.test. 3 7200 900 1209600 300\n\
         ;; Query time: X msec\n\
         ;; SERVER: 127.0.0.1#{port}(127.0.0.1) (TCP)\n\
         ;; XFR size: 5 records (messages 2, bytes {})\n\
         \n",
        128 + 118
    );
    assert_eq!(masked(&out), expected);
    assert!(fake.seen_for("xfr.example.test.").iter().all(|&(_, tcp)| tcp));
}

#[test]
fn query_ixfr_reads_to_the_closing_soa() {
    let fake = Fake::start();
    let (code, out) = dig_like(&fake, &["+noall", "+answer", "xfr.example.test", "ixfr=1"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.lines().count(), 6, "{out}");
    assert!(out.lines().next().unwrap().contains("\tSOA\tns1.example.test. hostmaster.example.test. 3 "), "{out}");
}

#[test]
fn query_transfer_without_leading_soa_fails() {
    let fake = Fake::start();
    let (code, out) = dig_like(&fake, &["badxfr.example.test", "AXFR"]);
    assert_eq!(code, 9, "{out}");
    // dig's line (the reason goes to standard error).
    assert!(out.starts_with("a.badxfr.example.test.\t300\tIN\tA\t192.0.2.1\n; Transfer failed.\n"), "{out}");
}

// --------------------------------------------------------------- forward ---

#[test]
fn forward_answers_with_the_clients_id_under_fresh_upstream_ids() {
    let fake = Fake::start();
    let fwd = forwarder(fake.addr);
    let sock = client();
    for _ in 0..20 {
        let answer =
            udp_ask(&sock, fwd.local_addr(), &plain_query(0x1234, "www.example.test", Rtype::A, Some(1232)), Duration::from_secs(3)).unwrap();
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
