//! A DNS forwarder: takes queries from clients over UDP and TCP, sends each
//! to one upstream server, and answers the client with the upstream's
//! response under the client's id, re-encoded with the codec's truncating
//! builder to fit the client's UDP payload size.
//!
//! Threads and readiness polling (`mio`), no async runtime:
//!
//! - the UDP loop reads client datagrams, answers malformed ones with FORMERR
//!   and forwards the rest ([`udp`]);
//! - the upstream loop waits on a pool of UDP sockets toward the upstream and
//!   matches each response to its pending query;
//! - the sweeper resends a query once and answers SERVFAIL for queries the
//!   upstream left unanswered;
//! - the TCP acceptor starts a thread per client connection, which reads
//!   length-prefixed queries and starts an exchange per query, each answered
//!   as soon as it completes ([`tcp`]).
//!
//! What it defends against (RFC 5452, RFC 7766 §6.2.1.1):
//!
//! - off-path spoofing: each UDP query leaves from one of many sockets, each
//!   on a port the OS picked, chosen at random, under an id from the OS
//!   CSPRNG; an answer counts only from the upstream's address and port, with
//!   the query's id and its question (optionally the exact case of a name
//!   whose letters' case was randomized, the 0x20 bits);
//! - slow peers: every upstream exchange ends by one deadline, a client's
//!   query frame must arrive whole within a bound from its first octet, and
//!   a connection has an idle bound and a lifetime;
//! - resource exhaustion: connections are capped in all and per client
//!   address, queries at the upstream per connection and per address, and
//!   the octets all waiting queries hold by one budget.
//!
//! Nothing read from the network is trusted: every datagram and frame is
//! decoded by the codec before use, raw octets are read with `get`, and no
//! input makes a thread panic.

mod tcp;
mod udp;

use std::fmt;
use std::io;
use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use dnswire::{Edns, Header, Message, MessageBuilder, Name, NameBuf, Opcode, Question, Rcode};

use super::random::SecureRandom;
use super::{HEADER_LEN, QuestionKey, header_only_response, randomize_case, set_message_id};

/// The largest number of UDP queries waiting for the upstream at once; past
/// it new queries get SERVFAIL.
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
    /// How long one exchange with the upstream may take in all before the
    /// client gets SERVFAIL: over UDP from the first send (the resend
    /// included), over TCP the connect, the send and the whole answer.
    pub upstream_timeout: Duration,
    /// How long a client's TCP connection may stay open with no query of its
    /// own at the upstream and no frame half-read.
    pub tcp_idle: Duration,
    /// How long a client's query frame may take to arrive, from its first
    /// octet; also how long writing an answer to the client may take.
    pub tcp_frame: Duration,
    /// The longest a client's TCP connection stays open, busy or not.
    pub tcp_lifetime: Duration,
    /// The most client TCP connections served at once; more are closed at once.
    pub max_tcp_clients: usize,
    /// The most TCP connections from one client address at once.
    pub max_tcp_per_address: usize,
    /// The most queries of one TCP connection at the upstream at once; more
    /// get SERVFAIL.
    pub max_tcp_inflight: usize,
    /// The most UDP queries of one client address at the upstream at once;
    /// more get SERVFAIL.
    pub max_udp_per_address: usize,
    /// UDP sockets toward the upstream, each bound to a port the OS picks;
    /// each query leaves from one chosen at random.
    pub udp_sockets: usize,
    /// Octets all queries waiting for the upstream may hold (their copy for
    /// the resend or the TCP exchange, and their bookkeeping); past it new
    /// queries get SERVFAIL.
    pub pending_budget: usize,
    /// Randomize the case of the letters of the query name sent upstream and
    /// take only an answer with the same case (0x20). The client still sees
    /// its own spelling.
    pub randomize_case: bool,
}

impl ForwardConfig {
    /// Listens on `listen`, forwards to `upstream`, with the defaults:
    /// upstream exchange 4 s; TCP idle 10 s, frame 2 s, lifetime 120 s; 128
    /// TCP clients, 16 per address, 16 queries in flight per connection;
    /// 4096 UDP queries in flight per address; 1024 upstream UDP sockets; a
    /// 16 MiB budget for waiting queries; no 0x20.
    pub fn new(listen: SocketAddr, upstream: SocketAddr) -> Self {
        Self {
            listen,
            upstream,
            upstream_timeout: Duration::from_secs(4),
            tcp_idle: Duration::from_secs(10),
            tcp_frame: Duration::from_secs(2),
            tcp_lifetime: Duration::from_secs(120),
            max_tcp_clients: 128,
            max_tcp_per_address: 16,
            max_tcp_inflight: 16,
            max_udp_per_address: 4096,
            udp_sockets: 1024,
            pending_budget: 16 << 20,
            randomize_case: false,
        }
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
    /// Upstream messages matching no pending query (source, id or
    /// question, or no question at all), or malformed.
    pub unmatched: AtomicU64,
    /// Queries sent to the upstream a second time over UDP, unanswered after
    /// a third of the upstream timeout (a datagram may have been lost).
    pub resent: AtomicU64,
    /// Queries the upstream did not answer in time (answered SERVFAIL).
    pub timeouts: AtomicU64,
    /// Queries answered SERVFAIL because the upstream could not be reached,
    /// its response could not be passed on, or a limit was reached (timeouts
    /// are counted apart).
    pub servfail: AtomicU64,
    /// Queries refused (SERVFAIL) because a limit was reached: the pending
    /// budget, the pending count, or a per-address or per-connection cap.
    pub over_limit: AtomicU64,
    /// Client TCP connections closed at once (too many in all or from the address).
    pub tcp_refused: AtomicU64,
    /// Client TCP connections closed for a frame too slow, idleness or age.
    pub tcp_expired: AtomicU64,
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
    /// See [`Stats::over_limit`].
    pub over_limit: u64,
    /// See [`Stats::tcp_refused`].
    pub tcp_refused: u64,
    /// See [`Stats::tcp_expired`].
    pub tcp_expired: u64,
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
            over_limit: g(&self.over_limit),
            tcp_refused: g(&self.tcp_refused),
            tcp_expired: g(&self.tcp_expired),
        }
    }
}

impl fmt::Display for StatsSnapshot {
    /// One line, `name value` pairs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "queries udp {} tcp {}, forwarded {}, answered {}, truncated {}, resent {}, timeouts {}, servfail {}, \
             formerr {}, notimp {}, dropped {}, unmatched {}, over-limit {}, tcp-refused {}, tcp-expired {}",
            self.udp_queries,
            self.tcp_queries,
            self.forwarded,
            self.answered,
            self.truncated,
            self.resent,
            self.timeouts,
            self.servfail,
            self.formerr,
            self.notimp,
            self.dropped,
            self.unmatched,
            self.over_limit,
            self.tcp_refused,
            self.tcp_expired
        )
    }
}

fn bump(counter: &AtomicU64) {
    counter.fetch_add(1, Ordering::Relaxed);
}

/// What the threads share.
struct Shared {
    cfg: ForwardConfig,
    stop: AtomicBool,
    stats: Stats,
    /// Octets charged to [`ForwardConfig::pending_budget`] now.
    pending_octets: AtomicUsize,
    udp: udp::UdpSide,
    tcp: tcp::TcpSide,
}

impl Shared {
    /// Charges `octets` to the pending budget, if they fit.
    fn reserve(&self, octets: usize) -> bool {
        self.pending_octets
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| used.checked_add(octets).filter(|n| *n <= self.cfg.pending_budget))
            .is_ok()
    }

    /// Gives `octets` back to the pending budget.
    fn release(&self, octets: usize) {
        let _ = self.pending_octets.fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| Some(used.saturating_sub(octets)));
    }
}

/// Takes a lock even if a thread panicked while holding it: every change
/// made under these locks leaves the data consistent.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A running forwarder. Dropping it stops it.
pub struct Forwarder {
    addr: SocketAddr,
    shared: Arc<Shared>,
    threads: Vec<JoinHandle<()>>,
}

impl Forwarder {
    /// Binds UDP and TCP on `cfg.listen` (the same port for both; with port 0
    /// a free port) and the upstream sockets, and starts the threads.
    ///
    /// Each upstream socket and client connection is a descriptor: the
    /// process's soft descriptor limit is raised to its hard limit first.
    pub fn start(cfg: ForwardConfig) -> io::Result<Self> {
        // Best effort: without it, binding the pool reports the shortage.
        let _ = rlimit::increase_nofile_limit(u64::MAX);
        let (client, listener) = bind_pair(cfg.listen)?;
        let addr = client.local_addr()?;
        client.set_read_timeout(Some(POLL))?;
        let (udp, poll) = udp::UdpSide::new(client, &cfg)?;
        let shared = Arc::new(Shared {
            cfg,
            stop: AtomicBool::new(false),
            stats: Stats::default(),
            pending_octets: AtomicUsize::new(0),
            udp,
            tcp: tcp::TcpSide::default(),
        });
        let mut threads = Vec::new();
        let spawn = |name: &str, f: Box<dyn FnOnce() + Send>| std::thread::Builder::new().name(name.to_string()).spawn(f);
        let s = Arc::clone(&shared);
        threads.push(spawn("forward-udp", Box::new(move || udp::client_loop(&s)))?);
        let s = Arc::clone(&shared);
        threads.push(spawn("forward-upstream", Box::new(move || udp::upstream_loop(&s, poll)))?);
        let s = Arc::clone(&shared);
        threads.push(spawn("forward-sweep", Box::new(move || udp::sweep_loop(&s)))?);
        let s = Arc::clone(&shared);
        threads.push(spawn("forward-tcp", Box::new(move || tcp::accept_loop(&s, &listener)))?);
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

    /// UDP queries waiting for the upstream's answer now.
    pub fn pending(&self) -> usize {
        self.shared.udp.pending_count()
    }

    /// Octets charged to the pending budget now (UDP and TCP queries at the upstream).
    pub fn pending_octets(&self) -> usize {
        self.shared.pending_octets.load(Ordering::Acquire)
    }

    /// Client TCP connections open now.
    pub fn tcp_clients(&self) -> usize {
        self.shared.tcp.open()
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

/// A client's query as it goes upstream, and what checking its answer needs.
struct Outgoing {
    /// The query's octets under a fresh id (and with the name's case
    /// randomized under 0x20).
    wire: Vec<u8>,
    /// The question as the client spelled it.
    key: QuestionKey,
    /// The question as sent, when its case was randomized: the answer must
    /// carry exactly this spelling.
    sent: Option<QuestionKey>,
}

impl Outgoing {
    /// The client's query `msg` under `id`; with `randomize`, the letters of
    /// the name get a random case (when the name is uncompressed right after
    /// the header, as a query's always is in practice).
    fn new(msg: &Message<'_>, key: QuestionKey, id: u16, randomize: bool, rng: &mut SecureRandom) -> io::Result<Self> {
        let mut wire = msg.as_bytes().to_vec();
        set_message_id(&mut wire, id);
        let mut sent = None;
        let name_len = key.name.as_wire().len();
        if randomize
            && let Some(name) = wire.get_mut(HEADER_LEN..HEADER_LEN.saturating_add(name_len))
            && name.eq_ignore_ascii_case(key.name.as_wire())
        {
            randomize_case(name, rng)?;
            if let Ok(spelled) = Name::from_wire(name) {
                sent = Some(QuestionKey { name: NameBuf::from_name(&spelled), qtype: key.qtype, qclass: key.qclass });
            }
        }
        Ok(Self { wire, key, sent })
    }

    /// Whether `response` answers this query (its id is checked by the caller).
    fn answered_by(&self, response: &Message<'_>) -> bool {
        match &self.sent {
            Some(sent) => sent.answered_exactly_by(response),
            None => self.key.answered_by(response),
        }
    }
}

/// The client's answer from the upstream's `response` (already matched):
/// the client's spelling of the name put back, its id, fitted into `limit`
/// octets. `None` when it cannot be re-encoded.
fn client_answer(stats: &Stats, response: &Message<'_>, client_id: u16, client_spelling: &QuestionKey, limit: usize) -> Option<Vec<u8>> {
    let respelled;
    let response = if response.as_bytes().get(HEADER_LEN..HEADER_LEN.saturating_add(client_spelling.name.as_wire().len()))
        == Some(client_spelling.name.as_wire())
    {
        *response
    } else {
        let mut wire = response.as_bytes().to_vec();
        super::respell_question(&mut wire, client_spelling.name.as_wire());
        respelled = wire;
        Message::decode(&respelled).ok()?
    };
    let (answer, dropped) = fit_response(&response, client_id, limit).ok()?;
    if dropped {
        bump(&stats.truncated);
    }
    bump(&stats.answered);
    Some(answer)
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

/// The command-line arguments of `forward`.
#[derive(clap::Args, Debug)]
pub struct ForwardArgs {
    /// Address to listen on, UDP and TCP (port 0: any free port, printed at start).
    #[arg(long, value_name = "ADDR:PORT")]
    pub listen: SocketAddr,
    /// The server to forward to.
    #[arg(long, value_name = "ADDR:PORT")]
    pub upstream: SocketAddr,
    /// Milliseconds one exchange with the upstream may take before the client gets SERVFAIL.
    #[arg(long, default_value_t = 4000)]
    pub timeout_ms: u64,
    /// Randomize the case of query names sent upstream (0x20) and take only answers with the same case.
    #[arg(long = "0x20")]
    pub randomize_case: bool,
    /// Milliseconds a client's TCP connection may stay idle.
    #[arg(long, default_value_t = 10_000)]
    pub tcp_idle_ms: u64,
    /// Milliseconds a client's query frame may take to arrive, from its first octet.
    #[arg(long, default_value_t = 2_000)]
    pub tcp_frame_ms: u64,
    /// Milliseconds a client's TCP connection may stay open in all.
    #[arg(long, default_value_t = 120_000)]
    pub tcp_lifetime_ms: u64,
    /// Client TCP connections served at once.
    #[arg(long, default_value_t = 128)]
    pub max_tcp_clients: usize,
    /// Client TCP connections from one address at once.
    #[arg(long, default_value_t = 16)]
    pub max_tcp_per_address: usize,
    /// UDP sockets toward the upstream, each on a port the OS picks.
    #[arg(long, default_value_t = 1024)]
    pub udp_sockets: usize,
    /// MiB all queries waiting for the upstream may hold.
    #[arg(long, default_value_t = 16)]
    pub pending_budget_mib: usize,
}

impl ForwardArgs {
    /// The settings these arguments ask for.
    pub fn config(&self) -> ForwardConfig {
        let ms = |v: u64| Duration::from_millis(v.max(1));
        let mut cfg = ForwardConfig::new(self.listen, self.upstream);
        cfg.upstream_timeout = ms(self.timeout_ms);
        cfg.randomize_case = self.randomize_case;
        cfg.tcp_idle = ms(self.tcp_idle_ms);
        cfg.tcp_frame = ms(self.tcp_frame_ms);
        cfg.tcp_lifetime = ms(self.tcp_lifetime_ms);
        cfg.max_tcp_clients = self.max_tcp_clients.max(1);
        cfg.max_tcp_per_address = self.max_tcp_per_address.max(1);
        cfg.udp_sockets = self.udp_sockets.max(1);
        cfg.pending_budget = self.pending_budget_mib.saturating_mul(1 << 20);
        cfg
    }
}

/// `dnswire forward`: prints `forwarding on ADDR to UPSTREAM (UDP and
/// TCP)` and its settings, serves until SIGINT or SIGTERM, and prints its
/// counters then and on SIGUSR1.
pub fn main(args: ForwardArgs) -> ExitCode {
    use signal_hook::consts::{SIGINT, SIGTERM, SIGUSR1};
    use std::io::Write;
    let cfg = args.config();
    // Before starting: a signal right after the first line must find the handlers.
    let mut signals = match signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGUSR1]) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("dnswire forward: cannot handle signals: {e}");
            return ExitCode::FAILURE;
        }
    };
    let f = match Forwarder::start(cfg.clone()) {
        Ok(f) => f,
        Err(e) => {
            eprintln!(
                "dnswire forward: cannot listen on {} or open the {} upstream sockets: {e} \
                 (fewer with --udp-sockets, or raise the descriptor limit: ulimit -n)",
                args.listen, cfg.udp_sockets
            );
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout();
    let _ = writeln!(out, "forwarding on {} to {} (UDP and TCP)", f.local_addr(), cfg.upstream);
    let _ = writeln!(
        out,
        "listening on udp {addr} and tcp {addr}; {} upstream UDP sockets; 0x20 {}; upstream timeout {} ms; \
         TCP idle {} ms, frame {} ms, lifetime {} ms, {} clients, {} per address",
        cfg.udp_sockets,
        if cfg.randomize_case { "on" } else { "off" },
        cfg.upstream_timeout.as_millis(),
        cfg.tcp_idle.as_millis(),
        cfg.tcp_frame.as_millis(),
        cfg.tcp_lifetime.as_millis(),
        cfg.max_tcp_clients,
        cfg.max_tcp_per_address,
        addr = f.local_addr(),
    );
    let _ = out.flush();
    for signal in signals.forever() {
        let _ = writeln!(out, "counters: {}", f.stats());
        let _ = out.flush();
        if signal != SIGUSR1 {
            break;
        }
    }
    drop(f);
    ExitCode::SUCCESS
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
