//! A DNS forwarder: takes queries from clients over UDP and TCP, sends each
//! to one upstream server under a fresh random id, and answers the client
//! with the upstream's response under the client's id, re-encoded with the
//! codec's truncating builder to fit the client's UDP payload size.
//!
//! Threads, no async runtime:
//!
//! - the UDP loop reads client datagrams, answers malformed ones with FORMERR
//!   and forwards the rest over one UDP socket connected to the upstream;
//! - the upstream reader matches each upstream response to its pending query
//!   by the fresh id *and* the question, and answers the client;
//! - the sweeper answers SERVFAIL for queries the upstream left unanswered;
//! - the TCP acceptor starts a thread per client connection, which reads
//!   length-prefixed queries (several per connection) and forwards them over
//!   its own TCP connection to the upstream, answering in full.
//!
//! Nothing read from the network is trusted: every datagram and frame is
//! decoded by the codec before use, raw octets are read with `get`, and no
//! input makes a thread panic.

use std::collections::HashMap;
use std::io::{self, Read};
use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use dnswire::{Edns, Header, Message, MessageBuilder, Opcode, Question, Rcode};

use super::{QuestionKey, Rng, header_only_response, message_id, read_framed, set_message_id, take_frames, write_framed};

/// The largest number of queries waiting for the upstream at once; past it
/// new queries get SERVFAIL (fresh ids stay easy to find below 65536).
pub const MAX_PENDING: usize = 32_768;

/// How often the loops look at the stop flag.
const POLL: Duration = Duration::from_millis(200);

/// The forwarder's settings.
#[derive(Clone, Debug)]
pub struct ForwardConfig {
    /// Where to listen, UDP and TCP on the same port (port 0: any free port).
    pub listen: SocketAddr,
    /// The server to forward to (UDP and TCP).
    pub upstream: SocketAddr,
    /// How long a query waits for the upstream before the client gets SERVFAIL.
    pub upstream_timeout: Duration,
    /// How long a client's TCP connection may stay idle.
    pub tcp_idle: Duration,
    /// The most client TCP connections served at once; more are closed at once.
    pub max_tcp_clients: usize,
}

impl ForwardConfig {
    /// Listens on `listen`, forwards to `upstream`, with the default timeouts
    /// (upstream 4 s, TCP idle 10 s, 128 TCP clients).
    pub fn new(listen: SocketAddr, upstream: SocketAddr) -> Self {
        Self { listen, upstream, upstream_timeout: Duration::from_secs(4), tcp_idle: Duration::from_secs(10), max_tcp_clients: 128 }
    }
}

/// The forwarder's counters.
#[derive(Debug, Default)]
pub struct Stats {
    /// Datagrams received from clients.
    pub udp_queries: AtomicU64,
    /// Messages received from clients over TCP.
    pub tcp_queries: AtomicU64,
    /// Client messages dropped without an answer (too short, or responses).
    pub dropped: AtomicU64,
    /// Malformed client messages answered with FORMERR.
    pub formerr: AtomicU64,
    /// Client messages of another opcode than QUERY, answered with NOTIMP.
    pub notimp: AtomicU64,
    /// Queries sent to the upstream.
    pub forwarded: AtomicU64,
    /// Upstream responses passed on to clients.
    pub answered: AtomicU64,
    /// Responses re-encoded with records dropped to fit the client's size.
    pub truncated: AtomicU64,
    /// Upstream messages matching no pending query (id or question), or malformed.
    pub unmatched: AtomicU64,
    /// Queries sent to the upstream a second time over UDP, unanswered after
    /// a third of the upstream timeout (a datagram may have been lost).
    pub resent: AtomicU64,
    /// Queries the upstream did not answer in time (answered SERVFAIL).
    pub timeouts: AtomicU64,
    /// Queries answered SERVFAIL because the upstream could not be reached
    /// or its response could not be passed on.
    pub servfail: AtomicU64,
}

/// A copy of the counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatsSnapshot {
    /// See [`Stats::udp_queries`].
    pub udp_queries: u64,
    /// See [`Stats::tcp_queries`].
    pub tcp_queries: u64,
    /// See [`Stats::dropped`].
    pub dropped: u64,
    /// See [`Stats::formerr`].
    pub formerr: u64,
    /// See [`Stats::notimp`].
    pub notimp: u64,
    /// See [`Stats::forwarded`].
    pub forwarded: u64,
    /// See [`Stats::answered`].
    pub answered: u64,
    /// See [`Stats::truncated`].
    pub truncated: u64,
    /// See [`Stats::unmatched`].
    pub unmatched: u64,
    /// See [`Stats::resent`].
    pub resent: u64,
    /// See [`Stats::timeouts`].
    pub timeouts: u64,
    /// See [`Stats::servfail`].
    pub servfail: u64,
}

impl Stats {
    /// The counters now.
    pub fn snapshot(&self) -> StatsSnapshot {
        let g = |c: &AtomicU64| c.load(Ordering::Relaxed);
        StatsSnapshot {
            udp_queries: g(&self.udp_queries),
            tcp_queries: g(&self.tcp_queries),
            dropped: g(&self.dropped),
            formerr: g(&self.formerr),
            notimp: g(&self.notimp),
            forwarded: g(&self.forwarded),
            answered: g(&self.answered),
            truncated: g(&self.truncated),
            unmatched: g(&self.unmatched),
            resent: g(&self.resent),
            timeouts: g(&self.timeouts),
            servfail: g(&self.servfail),
        }
    }
}

fn bump(counter: &AtomicU64) {
    counter.fetch_add(1, Ordering::Relaxed);
}

/// A query sent upstream over UDP, waiting for its answer.
struct Pending {
    client: SocketAddr,
    client_id: u16,
    key: QuestionKey,
    /// The largest response the client takes over UDP.
    limit: usize,
    /// The client's EDNS payload size, if it sent an OPT record.
    client_edns: Option<u16>,
    /// The client's RD and CD bits, for a SERVFAIL of our own.
    flags: dnswire::Flags,
    /// The query as sent upstream (under its fresh id), for the resend.
    query: Vec<u8>,
    /// When to send it again if no answer came; `None` once resent.
    resend_at: Option<Instant>,
    deadline: Instant,
}

struct Shared {
    cfg: ForwardConfig,
    stop: AtomicBool,
    stats: Stats,
    pending: Mutex<HashMap<u16, Pending>>,
    /// The clients' UDP socket.
    client: UdpSocket,
    /// The UDP socket connected to the upstream.
    upstream: UdpSocket,
    tcp_clients: AtomicUsize,
}

impl Shared {
    fn pending(&self) -> MutexGuard<'_, HashMap<u16, Pending>> {
        // A poisoned lock means a thread panicked while holding it; the map
        // is still consistent (every change is one insert or remove).
        self.pending.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A running forwarder. Dropping it stops it.
pub struct Forwarder {
    addr: SocketAddr,
    shared: Arc<Shared>,
    threads: Vec<JoinHandle<()>>,
}

impl Forwarder {
    /// Binds UDP and TCP on `cfg.listen` (the same port for both; with port 0
    /// a free port) and starts the threads.
    pub fn start(cfg: ForwardConfig) -> io::Result<Self> {
        let (client, listener) = bind_pair(cfg.listen)?;
        let addr = client.local_addr()?;
        let upstream = UdpSocket::bind(super::unspecified_for(&cfg.upstream))?;
        upstream.connect(cfg.upstream)?;
        for sock in [&client, &upstream] {
            sock.set_read_timeout(Some(POLL))?;
        }
        let shared = Arc::new(Shared {
            cfg,
            stop: AtomicBool::new(false),
            stats: Stats::default(),
            pending: Mutex::new(HashMap::new()),
            client,
            upstream,
            tcp_clients: AtomicUsize::new(0),
        });
        let mut threads = Vec::new();
        let spawn = |name: &str, f: Box<dyn FnOnce() + Send>| std::thread::Builder::new().name(name.to_string()).spawn(f);
        let s = Arc::clone(&shared);
        threads.push(spawn("forward-udp", Box::new(move || udp_loop(&s)))?);
        let s = Arc::clone(&shared);
        threads.push(spawn("forward-upstream", Box::new(move || upstream_loop(&s)))?);
        let s = Arc::clone(&shared);
        threads.push(spawn("forward-sweep", Box::new(move || sweep_loop(&s)))?);
        let s = Arc::clone(&shared);
        threads.push(spawn("forward-tcp", Box::new(move || accept_loop(&s, &listener)))?);
        Ok(Self { addr, shared, threads })
    }

    /// The address listened on (UDP and TCP).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The counters now.
    pub fn stats(&self) -> StatsSnapshot {
        self.shared.stats.snapshot()
    }

    /// Queries waiting for the upstream's answer now.
    pub fn pending(&self) -> usize {
        self.shared.pending().len()
    }

    /// Runs until the threads end (they do not, unless stopped).
    pub fn wait(mut self) {
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }

    fn shutdown(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the acceptor with a connection of our own.
        let mut wake = self.addr;
        if wake.ip().is_unspecified() {
            wake.set_ip(if wake.is_ipv4() { [127, 0, 0, 1].into() } else { std::net::Ipv6Addr::LOCALHOST.into() });
        }
        let _ = TcpStream::connect_timeout(&wake, Duration::from_secs(1));
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

impl Drop for Forwarder {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Binds a UDP socket and a TCP listener on the same address; with port 0,
/// tries a few free UDP ports until TCP can have the same one.
fn bind_pair(listen: SocketAddr) -> io::Result<(UdpSocket, TcpListener)> {
    let mut last = None;
    for _ in 0..20 {
        let udp = UdpSocket::bind(listen)?;
        match TcpListener::bind(udp.local_addr()?) {
            Ok(tcp) => return Ok((udp, tcp)),
            Err(e) if listen.port() == 0 => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::new(io::ErrorKind::AddrInUse, "no port free for both UDP and TCP")))
}

/// What to do with a client's message.
enum Verdict<'a> {
    /// Forward it.
    Forward(Message<'a>),
    /// Answer with these octets (FORMERR or NOTIMP, header only).
    Reply(Vec<u8>),
    /// Say nothing.
    Drop,
}

/// Judges a client's message: fewer than 2 octets or a response (QR set) is
/// dropped; an undecodable message, or one without exactly one question, gets
/// FORMERR and another opcode than QUERY NOTIMP, header only with the id
/// echoed; a well-formed query is forwarded.
fn judge<'a>(wire: &'a [u8], stats: &Stats) -> Verdict<'a> {
    if wire.len() < 2 || wire.get(2).is_some_and(|f| f & 0x80 != 0) {
        bump(&stats.dropped);
        return Verdict::Drop;
    }
    let Ok(msg) = Message::decode(wire) else {
        bump(&stats.formerr);
        return Verdict::Reply(header_only_response(wire, Rcode::FORMERR));
    };
    if msg.opcode() != Opcode::QUERY {
        bump(&stats.notimp);
        return Verdict::Reply(header_only_response(wire, Rcode::NOTIMP));
    }
    if msg.header().qdcount != 1 {
        bump(&stats.formerr);
        return Verdict::Reply(header_only_response(wire, Rcode::FORMERR));
    }
    Verdict::Forward(msg)
}

/// The largest UDP response a client takes: its EDNS payload size (at least
/// 512), or 512 without EDNS (RFC 6891 §6.2.3, RFC 1035 §4.2.1).
pub fn client_limit(query: &Message<'_>) -> usize {
    query.edns().map_or(512, |e| usize::from(e.udp_payload_size.max(512)))
}

/// The upstream's response under `client_id`, fitted into `limit` octets: as
/// it is when it fits, else re-encoded with the codec's truncating builder
/// (whole RRsets dropped from the end, TC set when an answer or authority
/// RRset went, the OPT record kept). Returns the octets and whether anything
/// was dropped.
pub fn fit_response(response: &Message<'_>, client_id: u16, limit: usize) -> Result<(Vec<u8>, bool), dnswire::EncodeError> {
    let wire = response.as_bytes();
    if wire.len() <= limit {
        let mut out = wire.to_vec();
        set_message_id(&mut out, client_id);
        return Ok((out, false));
    }
    let mut buf = vec![0u8; limit.min(dnswire::MAX_MESSAGE_LEN)];
    let header = Header { id: client_id, ..response.header() };
    let mut b = MessageBuilder::new(&mut buf, header)?;
    b.set_truncating(true);
    for q in response.questions() {
        b.question(&q)?;
    }
    if let Some(edns) = response.edns() {
        b.edns(&edns)?;
    }
    for r in response.answers() {
        b.answer(&r)?;
    }
    for r in response.authority() {
        b.authority(&r)?;
    }
    for r in response.additional() {
        b.additional(&r)?;
    }
    let dropped = b.is_truncated();
    let len = b.finish()?.len();
    buf.truncate(len);
    Ok((buf, dropped))
}

/// A SERVFAIL of our own for a query: the client's id, RD and CD, RA, the
/// question, and an OPT record if the client sent one.
fn servfail(client_id: u16, flags: dnswire::Flags, key: &QuestionKey, client_edns: Option<u16>) -> Vec<u8> {
    let out = dnswire::Flags::default().with_qr(true).with_rd(flags.rd()).with_cd(flags.cd()).with_ra(true).with_rcode(Rcode::SERVFAIL);
    let mut buf = vec![0u8; 512];
    let built = (|| {
        let mut b = MessageBuilder::new(&mut buf, Header { id: client_id, flags: out, ..Header::default() })?;
        b.question(&Question { qname: key.name.as_name(), qtype: key.qtype, qclass: key.qclass })?;
        if client_edns.is_some() {
            b.edns(&Edns::default())?;
        }
        b.finish().map(|w| w.len())
    })();
    match built {
        Ok(len) => {
            buf.truncate(len);
            buf
        }
        Err(_) => Header { id: client_id, flags: out, ..Header::default() }.to_bytes().to_vec(),
    }
}

fn udp_loop(s: &Shared) {
    let mut rng = Rng::from_entropy();
    let mut buf = vec![0u8; 65535];
    while !s.stop.load(Ordering::Relaxed) {
        let (n, src) = match s.client.recv_from(&mut buf) {
            Ok(got) => got,
            Err(e) if is_timeout(&e) || e.kind() == io::ErrorKind::Interrupted => continue,
            // An ICMP error for an earlier reply, or the like: keep serving.
            Err(_) => continue,
        };
        bump(&s.stats.udp_queries);
        let wire = buf.get(..n).unwrap_or(&[]);
        match judge(wire, &s.stats) {
            Verdict::Drop => {}
            Verdict::Reply(answer) => {
                let _ = s.client.send_to(&answer, src);
            }
            Verdict::Forward(msg) => forward_udp(s, &mut rng, &msg, src),
        }
    }
}

fn forward_udp(s: &Shared, rng: &mut Rng, msg: &Message<'_>, src: SocketAddr) {
    let Some(q) = msg.question() else { return };
    let key = QuestionKey::of(&q);
    let client_id = msg.header().id;
    let pending = Pending {
        client: src,
        client_id,
        key,
        limit: client_limit(msg),
        client_edns: msg.edns().map(|e| e.udp_payload_size),
        flags: msg.header().flags,
        query: Vec::new(),
        resend_at: Some(super::deadline(Instant::now(), s.cfg.upstream_timeout / 3)),
        deadline: super::deadline(Instant::now(), s.cfg.upstream_timeout),
    };
    let mut out = msg.as_bytes().to_vec();
    let fresh = {
        let mut map = s.pending();
        if map.len() >= MAX_PENDING {
            None
        } else {
            let mut id = rng.next_u16();
            while map.contains_key(&id) {
                id = rng.next_u16();
            }
            set_message_id(&mut out, id);
            map.insert(id, Pending { query: out.clone(), ..pending });
            Some(id)
        }
    };
    let Some(fresh) = fresh else {
        bump(&s.stats.servfail);
        let answer = servfail(client_id, msg.header().flags, &QuestionKey::of(&q), msg.edns().map(|e| e.udp_payload_size));
        let _ = s.client.send_to(&answer, src);
        return;
    };
    if s.upstream.send(&out).is_ok() {
        bump(&s.stats.forwarded);
        return;
    }
    if let Some(p) = s.pending().remove(&fresh) {
        bump(&s.stats.servfail);
        let _ = s.client.send_to(&servfail(p.client_id, p.flags, &p.key, p.client_edns), p.client);
    }
}

fn upstream_loop(s: &Shared) {
    let mut buf = vec![0u8; 65535];
    while !s.stop.load(Ordering::Relaxed) {
        let n = match s.upstream.recv(&mut buf) {
            Ok(n) => n,
            // Timeouts, and a refused port while the upstream is down: the
            // sweeper answers those queries.
            Err(_) => continue,
        };
        let wire = buf.get(..n).unwrap_or(&[]);
        let (Some(id), Ok(msg)) = (message_id(wire), Message::decode(wire)) else {
            bump(&s.stats.unmatched);
            continue;
        };
        let pending = {
            let mut map = s.pending();
            match map.get(&id) {
                Some(p) if p.key.answered_by(&msg) => map.remove(&id),
                _ => None,
            }
        };
        let Some(p) = pending else {
            bump(&s.stats.unmatched);
            continue;
        };
        let answer = match fit_response(&msg, p.client_id, p.limit) {
            Ok((answer, dropped)) => {
                if dropped {
                    bump(&s.stats.truncated);
                }
                bump(&s.stats.answered);
                answer
            }
            Err(_) => {
                bump(&s.stats.servfail);
                servfail(p.client_id, p.flags, &p.key, p.client_edns)
            }
        };
        let _ = s.client.send_to(&answer, p.client);
    }
}

fn sweep_loop(s: &Shared) {
    while !s.stop.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(50));
        let now = Instant::now();
        let (expired, resend): (Vec<Pending>, Vec<Vec<u8>>) = {
            let mut map = s.pending();
            let ids: Vec<u16> = map.iter().filter(|(_, p)| p.deadline <= now).map(|(id, _)| *id).collect();
            let expired = ids.iter().filter_map(|id| map.remove(id)).collect();
            // Once, like a stub resolver's retry: the same id, so either
            // answer is taken.
            let resend = map
                .values_mut()
                .filter(|p| p.resend_at.is_some_and(|at| at <= now))
                .map(|p| {
                    p.resend_at = None;
                    p.query.clone()
                })
                .collect();
            (expired, resend)
        };
        for query in resend {
            if s.upstream.send(&query).is_ok() {
                bump(&s.stats.resent);
            }
        }
        for p in expired {
            bump(&s.stats.timeouts);
            let _ = s.client.send_to(&servfail(p.client_id, p.flags, &p.key, p.client_edns), p.client);
        }
    }
}

fn is_timeout(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut)
}

fn accept_loop(s: &Arc<Shared>, listener: &TcpListener) {
    for conn in listener.incoming() {
        if s.stop.load(Ordering::Relaxed) {
            break;
        }
        let Ok(stream) = conn else { continue };
        if s.tcp_clients.load(Ordering::Relaxed) >= s.cfg.max_tcp_clients {
            continue; // dropped: closes the connection
        }
        s.tcp_clients.fetch_add(1, Ordering::Relaxed);
        let shared = Arc::clone(s);
        let spawned = std::thread::Builder::new().name("forward-tcp-client".into()).spawn(move || {
            tcp_client(&shared, stream);
            shared.tcp_clients.fetch_sub(1, Ordering::Relaxed);
        });
        if spawned.is_err() {
            s.tcp_clients.fetch_sub(1, Ordering::Relaxed);
        }
    }
}

/// Serves one client connection: length-prefixed queries, answered in order.
fn tcp_client(s: &Shared, mut stream: TcpStream) {
    let mut rng = Rng::from_entropy();
    let mut upstream: Option<TcpStream> = None;
    let _ = stream.set_nodelay(true);
    if stream.set_read_timeout(Some(POLL)).is_err() || stream.set_write_timeout(Some(s.cfg.tcp_idle)).is_err() {
        return;
    }
    let mut buf = Vec::new();
    let mut chunk = vec![0u8; 16384];
    let mut idle_since = Instant::now();
    while !s.stop.load(Ordering::Relaxed) {
        match stream.read(&mut chunk) {
            Ok(0) => return,
            Ok(n) => {
                buf.extend_from_slice(chunk.get(..n).unwrap_or(&[]));
                idle_since = Instant::now();
            }
            Err(e) if is_timeout(&e) || e.kind() == io::ErrorKind::Interrupted => {
                if idle_since.elapsed() >= s.cfg.tcp_idle {
                    return;
                }
                continue;
            }
            Err(_) => return,
        }
        for frame in take_frames(&mut buf) {
            bump(&s.stats.tcp_queries);
            let answer = match judge(&frame, &s.stats) {
                Verdict::Drop => continue,
                Verdict::Reply(answer) => answer,
                Verdict::Forward(msg) => forward_tcp(s, &mut rng, &mut upstream, &msg),
            };
            if write_framed(&mut stream, &answer).is_err() {
                return;
            }
            idle_since = Instant::now();
        }
    }
}

/// Forwards one query over the connection's TCP connection to the upstream
/// (opened on first use, opened again once if it has broken) and returns the
/// full answer under the client's id, or a SERVFAIL.
fn forward_tcp(s: &Shared, rng: &mut Rng, upstream: &mut Option<TcpStream>, msg: &Message<'_>) -> Vec<u8> {
    let client_id = msg.header().id;
    let flags = msg.header().flags;
    let client_edns = msg.edns().map(|e| e.udp_payload_size);
    let Some(key) = msg.question().map(|q| QuestionKey::of(&q)) else {
        return header_only_response(msg.as_bytes(), Rcode::FORMERR);
    };
    let fresh = rng.next_u16();
    let mut out = msg.as_bytes().to_vec();
    set_message_id(&mut out, fresh);
    for attempt in 0..2 {
        let reused = upstream.is_some();
        match tcp_exchange(s, upstream, &out, fresh, &key) {
            Ok(response) => {
                if let Ok(resp) = Message::decode(&response)
                    && let Ok((answer, _)) = fit_response(&resp, client_id, dnswire::MAX_MESSAGE_LEN)
                {
                    bump(&s.stats.answered);
                    return answer;
                }
                break;
            }
            Err(e) => {
                *upstream = None;
                // A kept connection the upstream has closed meanwhile: once more
                // on a new one. A timeout is final.
                if !(reused && attempt == 0 && !is_timeout(&e)) {
                    if is_timeout(&e) {
                        bump(&s.stats.timeouts);
                    }
                    break;
                }
            }
        }
    }
    bump(&s.stats.servfail);
    servfail(client_id, flags, &key, client_edns)
}

fn tcp_exchange(s: &Shared, upstream: &mut Option<TcpStream>, query: &[u8], id: u16, key: &QuestionKey) -> io::Result<Vec<u8>> {
    let timeout = s.cfg.upstream_timeout;
    let deadline = super::deadline(Instant::now(), timeout);
    if upstream.is_none() {
        let conn = TcpStream::connect_timeout(&s.cfg.upstream, timeout)?;
        let _ = conn.set_nodelay(true);
        conn.set_write_timeout(Some(timeout))?;
        *upstream = Some(conn);
    }
    let conn = upstream.as_mut().ok_or_else(|| io::Error::other("no upstream connection"))?;
    write_framed(conn, query)?;
    bump(&s.stats.forwarded);
    loop {
        let left = deadline.checked_duration_since(Instant::now()).filter(|d| !d.is_zero()).ok_or(io::ErrorKind::TimedOut)?;
        conn.set_read_timeout(Some(left))?;
        let msg = read_framed(conn)?.ok_or(io::ErrorKind::UnexpectedEof)?;
        if message_id(&msg) == Some(id) && Message::decode(&msg).is_ok_and(|m| key.answered_by(&m)) {
            return Ok(msg);
        }
        bump(&s.stats.unmatched);
    }
}

/// The command-line arguments of `forward`.
#[derive(clap::Args, Debug)]
pub struct ForwardArgs {
    /// Address to listen on, UDP and TCP (port 0: any free port, printed at start).
    #[arg(long, value_name = "ADDR:PORT")]
    pub listen: SocketAddr,
    /// The server to forward to.
    #[arg(long, value_name = "ADDR:PORT")]
    pub upstream: SocketAddr,
    /// Milliseconds a query waits for the upstream before the client gets SERVFAIL.
    #[arg(long, default_value_t = 4000)]
    pub timeout_ms: u64,
}

/// `dnswire-harness forward`: prints `forwarding on ADDR to UPSTREAM` and
/// serves until killed.
pub fn main(args: ForwardArgs) -> ExitCode {
    let mut cfg = ForwardConfig::new(args.listen, args.upstream);
    cfg.upstream_timeout = Duration::from_millis(args.timeout_ms.max(1));
    match Forwarder::start(cfg) {
        Ok(f) => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "forwarding on {} to {} (UDP and TCP)", f.local_addr(), args.upstream);
            let _ = out.flush();
            drop(out);
            f.wait();
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("dnswire-harness forward: cannot listen on {}: {e}", args.listen);
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judge_survives_every_short_input() {
        let stats = Stats::default();
        for len in 0..12usize {
            let wire: Vec<u8> = (0..len).map(|i| i as u8).collect();
            match judge(&wire, &stats) {
                Verdict::Drop => assert!(len < 2),
                Verdict::Reply(r) => {
                    assert!(len >= 2);
                    assert_eq!(r.get(..2), wire.get(..2));
                    assert_eq!(r.len(), 12);
                }
                Verdict::Forward(_) => panic!("{len} octets forwarded"),
            }
        }
        // A response is never answered.
        assert!(matches!(judge(&[1, 2, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0], &stats), Verdict::Drop));
    }
}
