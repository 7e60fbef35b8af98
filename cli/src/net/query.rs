//! A dig-style stub resolver: builds one query with the codec's
//! [`MessageBuilder`], sends it over UDP (retrying over TCP when the answer is
//! truncated) or TCP, waits like dig does, prints the answer in dig's layout
//! and follows the CNAME chain of the answer section.
//!
//! ```text
//! dnswire query [@SERVER] [-p PORT] NAME [TYPE] [CLASS] [+OPTION...]
//! ```

use std::fmt::Write as _;
use std::io;
use std::net::{IpAddr, SocketAddr, TcpStream, UdpSocket};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use dnswire::{
    ChainEnd, Class, Edns, EdnsFlags, EdnsOption, EdnsOptions, EncodeError, Flags, Header, Message, MessageBuilder, NameBuf, OptionCode, Question,
    RData, Record, Rtype, rdata::Soa,
};

use super::dig_text::{self, Show};
use super::random::SecureRandom;
use super::{QuestionKey, message_id, name_text, set_message_id, write_framed};

/// The CNAME hops [`chain_summary`] follows at most.
pub const MAX_CHAIN_HOPS: usize = 16;

/// One query: where to, what, and how (dig's defaults unless said otherwise).
#[derive(Clone, Debug)]
pub struct QueryConfig {
    /// The server (dig's `@SERVER` and `-p PORT`).
    pub server: SocketAddr,
    /// The name asked about.
    pub qname: NameBuf,
    /// The type asked for.
    pub qtype: Rtype,
    /// The class asked for.
    pub qclass: Class,
    /// RD (`+[no]rec`; on by default).
    pub recursion: bool,
    /// AD in the query (`+[no]adflag`; on by default, as in dig).
    pub ad: bool,
    /// CD (`+[no]cdflag`).
    pub cd: bool,
    /// Send an OPT record (`+[no]edns`; on by default).
    pub edns: bool,
    /// The UDP payload size offered (`+bufsize=N`; 1232 by default).
    pub bufsize: u16,
    /// DO (`+dnssec`).
    pub dnssec: bool,
    /// A fresh 8-octet client cookie (`+cookie`).
    pub cookie: bool,
    /// An empty NSID option (`+nsid`).
    pub nsid: bool,
    /// A CLIENT-SUBNET option (`+subnet=ADDR/LEN`).
    pub subnet: Option<(IpAddr, u8)>,
    /// Query over TCP from the start (`+tcp`, `+vc`).
    pub tcp: bool,
    /// Keep a truncated UDP answer instead of retrying over TCP (`+ignore`).
    pub ignore_tc: bool,
    /// How long to wait for each try (`+timeout=N` seconds; 5 by default).
    pub timeout: Duration,
    /// How many times to send over UDP (`+tries=N`, or `+retry=N` for N+1; 3 by default).
    pub tries: u32,
    /// For IXFR, the serial the client has (`ixfr=N`), sent in the
    /// authority section's SOA (RFC 1995 §3).
    pub ixfr_serial: u32,
    /// Only IPv4 (`-4`) or only IPv6 (`-6`) servers.
    pub family: Option<Family>,
}

/// An address family `-4` or `-6` holds the query to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// `-4`.
    V4,
    /// `-6`.
    V6,
}

impl Family {
    fn admits(self, ip: IpAddr) -> bool {
        matches!((self, ip), (Self::V4, IpAddr::V4(_)) | (Self::V6, IpAddr::V6(_)))
    }
}

impl QueryConfig {
    /// A query for `qname` `qtype` IN to `server`, with dig's defaults.
    pub fn new(server: SocketAddr, qname: NameBuf, qtype: Rtype) -> Self {
        Self {
            server,
            qname,
            qtype,
            qclass: Class::IN,
            recursion: true,
            ad: true,
            cd: false,
            edns: true,
            bufsize: 1232,
            dnssec: false,
            cookie: false,
            nsid: false,
            subnet: None,
            tcp: false,
            ignore_tc: false,
            timeout: Duration::from_secs(5),
            tries: 3,
            ixfr_serial: 0,
            family: None,
        }
    }

    /// The question as a key to match responses with.
    pub fn key(&self) -> QuestionKey {
        QuestionKey { name: self.qname.clone(), qtype: self.qtype, qclass: self.qclass }
    }
}

/// The transport an answer came over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transport {
    /// UDP.
    Udp,
    /// TCP.
    Tcp,
}

/// A query's answer and how it was obtained.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// The query as sent.
    pub query: Vec<u8>,
    /// The response accepted: the query's id and question, QR set, and decodable.
    pub response: Vec<u8>,
    /// The transport of the accepted response.
    pub transport: Transport,
    /// The UDP answer had TC set and the query was repeated over TCP.
    pub retried_over_tcp: bool,
    /// Messages received and ignored: a wrong id or question, not a response,
    /// or not decodable.
    pub ignored: u32,
    /// UDP sends made (1 unless a try timed out).
    pub udp_tries: u32,
    /// The time from sending (the last try) to the accepted answer.
    pub elapsed: Duration,
    /// The server asked.
    pub server: SocketAddr,
}

impl Outcome {
    /// The response, decoded (it was checked when accepted).
    pub fn message(&self) -> Result<Message<'_>, dnswire::DecodeError> {
        Message::decode(&self.response)
    }
}

/// Why a query got no answer.
#[derive(Debug)]
pub enum QueryError {
    /// The query could not be built (a name, bufsize or option the builder refused).
    Build(EncodeError),
    /// A socket error (connection refused, unreachable...).
    Io(io::Error),
    /// No acceptable answer within the tries.
    Timeout {
        /// Tries made.
        tries: u32,
        /// Messages ignored while waiting.
        ignored: u32,
    },
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Build(e) => write!(f, "cannot build the query: {e}"),
            Self::Io(e) => write!(f, "communications error: {e}"),
            Self::Timeout { tries, ignored } => {
                write!(f, "connection timed out; no servers could be reached ({tries} tries")?;
                if *ignored > 0 {
                    write!(f, ", {ignored} mismatched or malformed messages ignored")?;
                }
                f.write_str(")")
            }
        }
    }
}

impl std::error::Error for QueryError {}

impl From<io::Error> for QueryError {
    fn from(e: io::Error) -> Self {
        Self::Io(e)
    }
}

/// Builds the query message with `id`, and `cookie` as the client cookie
/// when `cfg.cookie` asks for one.
pub fn build_query(cfg: &QueryConfig, id: u16, cookie: [u8; 8]) -> Result<Vec<u8>, EncodeError> {
    let flags = Flags::default().with_rd(cfg.recursion).with_ad(cfg.ad).with_cd(cfg.cd);
    let mut buf = vec![0u8; 512];
    let mut b = MessageBuilder::new(&mut buf, Header { id, flags, ..Header::default() })?;
    b.question(&Question { qname: cfg.qname.as_name(), qtype: cfg.qtype, qclass: cfg.qclass })?;
    if cfg.qtype == Rtype::IXFR {
        // The version the client has, as an SOA with only the serial set, as dig sends it.
        let root = NameBuf::root();
        let soa = Soa { mname: root.as_name(), rname: root.as_name(), serial: cfg.ixfr_serial, refresh: 0, retry: 0, expire: 0, minimum: 0 };
        b.authority(&Record { name: cfg.qname.as_name(), class: cfg.qclass, ttl: 0, data: RData::Soa(soa) })?;
    }
    let subnet = cfg.subnet.map(|(addr, len)| client_subnet_data(addr, len));
    if cfg.edns {
        let mut options: Vec<EdnsOption<'_>> = Vec::new();
        if cfg.nsid {
            options.push(EdnsOption { code: OptionCode::NSID, data: &[] });
        }
        if cfg.cookie {
            options.push(EdnsOption { code: OptionCode::COOKIE, data: &cookie });
        }
        if let Some(data) = &subnet {
            options.push(EdnsOption { code: OptionCode::CLIENT_SUBNET, data });
        }
        let edns = Edns {
            udp_payload_size: cfg.bufsize,
            flags: EdnsFlags::default().with_dnssec_ok(cfg.dnssec),
            options: EdnsOptions::from_slice(&options),
            ..Edns::default()
        };
        b.edns(&edns)?;
    }
    let len = b.finish()?.len();
    buf.truncate(len);
    Ok(buf)
}

/// The data of a CLIENT-SUBNET option (RFC 7871 §6): family, source prefix,
/// scope 0, and the address octets the prefix needs, bits past it cleared.
pub fn client_subnet_data(addr: IpAddr, prefix: u8) -> Vec<u8> {
    let (family, octets, max): (u16, Vec<u8>, u8) = match addr {
        IpAddr::V4(a) => (1, a.octets().to_vec(), 32),
        IpAddr::V6(a) => (2, a.octets().to_vec(), 128),
    };
    let prefix = prefix.min(max);
    let mut data = family.to_be_bytes().to_vec();
    data.extend_from_slice(&[prefix, 0]);
    let keep = usize::from(prefix.div_ceil(8));
    let mut address: Vec<u8> = octets.into_iter().take(keep).collect();
    let used = prefix % 8;
    if used != 0
        && let Some(last) = address.last_mut()
    {
        *last &= 0xFFu8 << (8 - used);
    }
    data.extend_from_slice(&address);
    data
}

/// Sends the query and waits for its answer, as dig does: over UDP up to
/// `tries` times, each try waiting `timeout` and ignoring messages that do not
/// answer it (wrong id or question, not a response, not decodable, no
/// question at all); a truncated answer is asked again over TCP unless
/// `ignore_tc`. With `tcp`, over TCP from the start (up to `tries`
/// connections).
///
/// Against off-path spoofing (RFC 5452): each try leaves from a fresh socket
/// on a port the OS picks, under a fresh id from the OS CSPRNG, and only a
/// datagram from the server's address and port is looked at. Each TCP
/// exchange (connect, send, the whole answer) ends by one deadline, however
/// slowly the server dribbles its octets.
pub fn run(cfg: &QueryConfig) -> Result<Outcome, QueryError> {
    let mut rng = SecureRandom::new();
    let mut cookie = [0u8; 8];
    rng.fill(&mut cookie)?;
    let mut query = build_query(cfg, 0, cookie).map_err(QueryError::Build)?;
    let key = cfg.key();
    if cfg.tcp {
        let mut last = None;
        let mut ignored = 0u32;
        for _ in 0..cfg.tries.max(1) {
            let id = rng.u16()?;
            set_message_id(&mut query, id);
            match exchange_tcp(cfg.server, &query, id, &key, cfg.timeout) {
                Ok((response, n, elapsed)) => {
                    return Ok(Outcome {
                        query,
                        response,
                        transport: Transport::Tcp,
                        retried_over_tcp: false,
                        ignored: ignored.saturating_add(n),
                        udp_tries: 0,
                        elapsed,
                        server: cfg.server,
                    });
                }
                Err(TcpFailure { error, ignored: n }) => {
                    ignored = ignored.saturating_add(n);
                    last = Some(error);
                }
            }
        }
        return Err(match last {
            Some(QueryError::Timeout { .. }) | None => QueryError::Timeout { tries: cfg.tries.max(1), ignored },
            Some(e) => e,
        });
    }
    let udp = exchange_udp(cfg, &mut query, &key, &mut rng)?;
    let truncated = Message::decode(&udp.response).is_ok_and(|m| m.header().flags.tc());
    if truncated && !cfg.ignore_tc {
        // The same id as the truncated answer's, as dig does.
        return match exchange_tcp(cfg.server, &query, udp.id, &key, cfg.timeout) {
            Ok((response, n, elapsed)) => Ok(Outcome {
                query,
                response,
                transport: Transport::Tcp,
                retried_over_tcp: true,
                ignored: udp.ignored.saturating_add(n),
                udp_tries: udp.tries,
                elapsed,
                server: cfg.server,
            }),
            Err(TcpFailure { error, .. }) => Err(error),
        };
    }
    Ok(Outcome {
        query,
        response: udp.response,
        transport: Transport::Udp,
        retried_over_tcp: false,
        ignored: udp.ignored,
        udp_tries: udp.tries,
        elapsed: udp.elapsed,
        server: cfg.server,
    })
}

struct UdpAnswer {
    response: Vec<u8>,
    /// The id of the try answered.
    id: u16,
    ignored: u32,
    tries: u32,
    elapsed: Duration,
}

/// Whether `wire` answers the query `id` for `key`.
fn accept(wire: &[u8], id: u16, key: &QuestionKey) -> bool {
    message_id(wire) == Some(id) && Message::decode(wire).is_ok_and(|m| key.answered_by(&m))
}

/// Up to `tries` UDP tries, each from a fresh socket under a fresh id
/// (written into `query`, which ends up holding the last try's).
fn exchange_udp(cfg: &QueryConfig, query: &mut [u8], key: &QuestionKey, rng: &mut SecureRandom) -> Result<UdpAnswer, QueryError> {
    let tries = cfg.tries.max(1);
    let mut ignored = 0u32;
    let mut buf = vec![0u8; 65535];
    let mut last_error = None;
    for attempt in 1..=tries {
        let id = rng.u16()?;
        set_message_id(query, id);
        // A socket of its own per try: a port the OS picks at random, which a
        // spoofer must guess along with the id. Connected, so the kernel drops
        // datagrams from other sources and a refused port shows as an error.
        let sock = UdpSocket::bind(super::unspecified_for(&cfg.server))?;
        sock.connect(cfg.server)?;
        let sent_at = Instant::now();
        if let Err(e) = sock.send(query) {
            last_error = Some(e);
            continue;
        }
        let deadline = super::deadline(sent_at, cfg.timeout);
        while let Ok(left) = super::time_left(deadline) {
            sock.set_read_timeout(Some(left))?;
            match sock.recv_from(&mut buf) {
                Ok((n, from)) => {
                    let wire = buf.get(..n).unwrap_or(&[]);
                    if from == cfg.server && accept(wire, id, key) {
                        return Ok(UdpAnswer { response: wire.to_vec(), id, ignored, tries: attempt, elapsed: sent_at.elapsed() });
                    }
                    ignored = ignored.saturating_add(1);
                }
                Err(e) if super::is_timeout(&e) => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    // A refused port: this try has failed; the next one may
                    // find the server up.
                    last_error = Some(e);
                    std::thread::sleep(left.min(Duration::from_millis(200)));
                    break;
                }
            }
        }
    }
    match last_error {
        Some(e) if ignored == 0 => Err(QueryError::Io(e)),
        _ => Err(QueryError::Timeout { tries, ignored }),
    }
}

struct TcpFailure {
    error: QueryError,
    ignored: u32,
}

/// One TCP exchange: connect, send, read messages until one answers the
/// query, all within `timeout` from the start.
fn exchange_tcp(server: SocketAddr, query: &[u8], id: u16, key: &QuestionKey, timeout: Duration) -> Result<(Vec<u8>, u32, Duration), TcpFailure> {
    let fail = |error: QueryError, ignored: u32| TcpFailure { error, ignored };
    let start = Instant::now();
    let deadline = super::deadline(start, timeout);
    let mut stream = TcpStream::connect_timeout(&server, timeout).map_err(|e| fail(timeout_or_io(e, 0), 0))?;
    let _ = stream.set_nodelay(true);
    let left = super::time_left(deadline).map_err(|e| fail(timeout_or_io(e, 0), 0))?;
    stream.set_write_timeout(Some(left)).map_err(|e| fail(e.into(), 0))?;
    write_framed(&mut stream, query).map_err(|e| fail(timeout_or_io(e, 0), 0))?;
    let mut ignored = 0u32;
    loop {
        match super::read_framed_by(&mut stream, deadline) {
            Ok(Some(msg)) => {
                if accept(&msg, id, key) {
                    return Ok((msg, ignored, start.elapsed()));
                }
                ignored = ignored.saturating_add(1);
            }
            Ok(None) => {
                let e = io::Error::new(io::ErrorKind::UnexpectedEof, "the server closed the connection without an answer");
                return Err(fail(QueryError::Io(e), ignored));
            }
            Err(e) => return Err(fail(timeout_or_io(e, ignored), ignored)),
        }
    }
}

fn timeout_or_io(e: io::Error, ignored: u32) -> QueryError {
    if super::is_timeout(&e) { QueryError::Timeout { tries: 1, ignored } } else { QueryError::Io(e) }
}

/// The CNAME chain of the answer section for the (first) question, as one
/// line:
///
/// - `;; CHAIN: a.example -> b.example -> A 192.0.2.1, 192.0.2.2`
/// - `;; CHAIN: a.example -> b.example -> DEAD END: no A records at b.example (NOERROR)`
/// - `;; CHAIN: a.example -> no A records (NXDOMAIN)` (no CNAME at all)
/// - `;; CHAIN: l1.example -> l2.example -> LOOP: l2.example points back to l1.example`
/// - `;; CHAIN: ... -> TOO LONG: more than 16 CNAMEs`
///
/// `None` when the message has no question.
pub fn chain_summary(msg: &Message<'_>) -> Option<String> {
    let q = msg.question()?;
    let chain = msg.cname_chain(q.qname, q.qtype, MAX_CHAIN_HOPS);
    let mut line = format!(";; CHAIN: {}", name_text(&q.qname));
    for step in chain.steps() {
        if let RData::Cname(target) = step.data {
            let _ = write!(line, " -> {}", name_text(&target));
        }
    }
    let last = name_text(&chain.last);
    match chain.end {
        ChainEnd::Answered => {
            let records: Vec<_> = chain.answers().collect();
            let same_type = records.windows(2).all(|w| w.first().map(|r| r.rtype()) == w.get(1).map(|r| r.rtype()));
            let shown = 5;
            line.push_str(" -> ");
            for (i, r) in records.iter().take(shown).enumerate() {
                if i > 0 {
                    line.push_str(", ");
                }
                if i == 0 || !same_type {
                    let _ = write!(line, "{} ", r.rtype());
                }
                let _ = write!(line, "{}", r.data);
            }
            if records.len() > shown {
                let _ = write!(line, ", ... ({} records)", records.len());
            }
        }
        ChainEnd::DeadEnd if chain.hops == 0 => {
            let _ = write!(line, " -> no {} records ({})", q.qtype, msg.rcode());
        }
        ChainEnd::DeadEnd => {
            let _ = write!(line, " -> DEAD END: no {} records at {last} ({})", q.qtype, msg.rcode());
        }
        ChainEnd::Loop => {
            let back = msg
                .answers()
                .find_map(|r| match r.data {
                    RData::Cname(target) if r.name == chain.last => Some(name_text(&target)),
                    _ => None,
                })
                .unwrap_or_default();
            let _ = write!(line, " -> LOOP: {last} points back to {back}");
        }
        ChainEnd::TooLong => {
            let _ = write!(line, " -> TOO LONG: more than {MAX_CHAIN_HOPS} CNAMEs");
        }
    }
    Some(line)
}

/// The answer as dig prints it by default (without the CNAME chain line).
pub fn render(outcome: &Outcome) -> String {
    render_with(outcome, &Show::default(), true, false)
}

/// The answer in dig's layout with the parts `show` asks for, then the query
/// time, server and size (`+stats`), and with `chain` the CNAME chain
/// summary. `rd_sent`: the query asked for recursion.
pub fn render_with(outcome: &Outcome, show: &Show, rd_sent: bool, chain: bool) -> String {
    let mut out = String::new();
    if outcome.retried_over_tcp && !show.short {
        out.push_str(";; Truncated, retrying in TCP mode.\n");
    }
    match outcome.message() {
        Ok(msg) => {
            out.push_str(&dig_text::message(&msg, show, rd_sent));
            if show.stats && !show.short {
                let _ = writeln!(out, ";; Query time: {} msec", outcome.elapsed.as_millis());
                let proto = if outcome.transport == Transport::Tcp { "TCP" } else { "UDP" };
                write_server(&mut out, outcome.server, proto);
                let _ = writeln!(out, ";; MSG SIZE  rcvd: {}\n", outcome.response.len());
            }
            if chain && let Some(chain) = chain_summary(&msg) {
                let _ = writeln!(out, "{chain}");
            }
        }
        Err(e) => {
            let _ = writeln!(out, ";; malformed answer: {e}");
        }
    }
    out
}

/// dig's `;; SERVER: 192.0.2.1#53(192.0.2.1) (UDP)` line.
fn write_server(out: &mut String, server: SocketAddr, proto: &str) {
    let ip = server.ip();
    let _ = writeln!(out, ";; SERVER: {ip}#{}({ip}) ({proto})", server.port());
}

/// A zone transfer as dig prints it: the records of every message, each in
/// dig's columns, then the statistics with the transfer's size.
pub fn render_transfer(transfer: &super::transfer::Transfer, show: &Show, server: SocketAddr) -> String {
    let mut out = String::new();
    // dig shows a transfer's records alone: no header, titles or question.
    let records = Show { comments: false, question: false, ..*show };
    for wire in &transfer.messages {
        if let Ok(msg) = Message::decode(wire) {
            out.push_str(&dig_text::message(&msg, &records, false));
        }
    }
    if transfer.verdict.is_err() {
        // dig's words; the reason goes to standard error.
        out.push_str("; Transfer failed.\n");
    }
    if show.stats && !show.short {
        let _ = writeln!(out, ";; Query time: {} msec", transfer.elapsed.as_millis());
        write_server(&mut out, server, "TCP");
        // The messages' octets without their TCP length prefixes, as dig counts them.
        let bytes: usize = transfer.messages.iter().map(Vec::len).sum();
        let _ = writeln!(out, ";; XFR size: {} records (messages {}, bytes {bytes})\n", transfer.records, transfer.messages.len());
    }
    out
}

/// A `query` command line: the query, how to print its answer, and a batch
/// file of more queries (`-f`).
#[derive(Clone, Debug)]
pub struct Command {
    /// The query.
    pub cfg: QueryConfig,
    /// The parts of the answer to print.
    pub show: Show,
    /// Print the CNAME chain summary (`+chain`, not in dig).
    pub chain: bool,
    /// `-f FILE`: one query per line, each line's arguments after the
    /// command line's.
    pub batch: Option<std::path::PathBuf>,
}

/// Why arguments were refused, told apart as dig's exit codes tell them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgError {
    /// A usage error: an unknown option, a missing value (dig's exit 1).
    Usage(String),
    /// A name that cannot be a domain name (dig's exit 10).
    BadName(String),
}

impl std::fmt::Display for ArgError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Usage(e) | Self::BadName(e) => f.write_str(e),
        }
    }
}

/// Parses dig-style arguments (see [`parse_command`]) into the query alone.
pub fn parse_args(args: &[String]) -> Result<QueryConfig, String> {
    parse_command(args).map(|c| c.cfg).map_err(|e| e.to_string())
}

/// Parses dig-style arguments: `@SERVER`, `-p PORT`, `-t TYPE`, `-c CLASS`,
/// `-q NAME`, `-x ADDR`, `-4`, `-6`, `-f FILE`, `+[no]OPTION[=VALUE]`, and
/// words: a type or class mnemonic (or `ixfr=SERIAL`) where one is still
/// missing, else the name. Without a server, the first nameserver of
/// /etc/resolv.conf; without a name, `.` NS; without a type, A.
pub fn parse_command(args: &[String]) -> Result<Command, ArgError> {
    let usage = ArgError::Usage;
    let mut server: Option<String> = None;
    let mut port: u16 = 53;
    let mut name: Option<String> = None;
    let mut qtype: Option<Rtype> = None;
    let mut qclass: Option<Class> = None;
    let mut cfg = QueryConfig::new(SocketAddr::from(([127, 0, 0, 1], 53)), NameBuf::root(), Rtype::A);
    let mut cmd = Command { cfg: cfg.clone(), show: Show::default(), chain: false, batch: None };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if let Some(s) = arg.strip_prefix('@') {
            server = Some(s.to_string());
        } else if let Some(opt) = arg.strip_prefix('+') {
            if !output_option(&mut cmd, opt) {
                plus_option(&mut cfg, opt).map_err(usage)?;
            }
        } else if matches!(arg.as_str(), "-4" | "-6") {
            let family = if arg == "-4" { Family::V4 } else { Family::V6 };
            if cfg.family.is_some_and(|f| f != family) {
                return Err(usage("only one of -4 and -6 allowed".to_string()));
            }
            cfg.family = Some(family);
        } else if matches!(arg.as_str(), "-p" | "-t" | "-c" | "-q" | "-x" | "-f") {
            let value = it.next().ok_or_else(|| usage(format!("{arg} needs a value")))?;
            match arg.as_str() {
                "-p" => port = value.parse().map_err(|_| usage(format!("bad port: {value}")))?,
                "-t" => qtype = Some(type_word(&mut cfg, value).ok_or_else(|| usage(format!("unknown type: {value}")))?),
                "-c" => qclass = Some(Class::from_mnemonic(value).ok_or_else(|| usage(format!("unknown class: {value}")))?),
                "-q" => name = Some(value.clone()),
                "-x" => {
                    let ip: IpAddr = value.parse().map_err(|_| usage(format!("invalid IP address {value}")))?;
                    name = Some(reverse_name(ip));
                    qtype = qtype.or(Some(Rtype::PTR));
                }
                _ => cmd.batch = Some(value.into()),
            }
        } else if let Some(p) = arg.strip_prefix("-p").filter(|p| !p.is_empty()) {
            port = p.parse().map_err(|_| usage(format!("bad port: {p}")))?;
        } else if arg.starts_with('-') && arg.len() > 1 {
            return Err(usage(format!("unknown option: {arg}")));
        } else if let (None, Some(t)) = (qtype, Some(arg).filter(|a| name.is_some() || looks_like_type(a)).and_then(|a| type_word(&mut cfg, a))) {
            qtype = Some(t);
        } else if let (None, Some(c)) = (qclass, Class::from_mnemonic(arg).filter(|_| name.is_some())) {
            qclass = Some(c);
        } else if name.is_none() {
            name = Some(arg.clone());
        } else {
            return Err(usage(format!("unexpected argument: {arg}")));
        }
    }
    let name_given = name.is_some();
    cfg.qname = match name {
        Some(n) => NameBuf::from_text(&n).map_err(|e| ArgError::BadName(format!("'{n}' is not a legal name ({e})")))?,
        None => NameBuf::root(),
    };
    cfg.qtype = qtype.unwrap_or(if name_given { Rtype::A } else { Rtype::NS });
    cfg.qclass = qclass.unwrap_or(Class::IN);
    cfg.server = match server {
        Some(s) => resolve_server(&s, port, cfg.family).map_err(|e| usage(format!("bad server {s}: {e}")))?,
        None => SocketAddr::new(super::system_nameserver(), port),
    };
    if let Some(family) = cfg.family.filter(|f| !f.admits(cfg.server.ip())) {
        return Err(usage(format!("{} is not an {} address", cfg.server.ip(), if family == Family::V4 { "IPv4" } else { "IPv6" })));
    }
    cmd.cfg = cfg;
    Ok(cmd)
}

/// The server's address, of `family` when one is asked for.
fn resolve_server(text: &str, port: u16, family: Option<Family>) -> io::Result<SocketAddr> {
    use std::net::ToSocketAddrs;
    let Some(family) = family else { return super::resolve_server(text, port) };
    let first = super::resolve_server(text, port)?;
    if family.admits(first.ip()) || text.parse::<IpAddr>().is_ok() {
        return Ok(first);
    }
    (text, port)
        .to_socket_addrs()?
        .find(|a| family.admits(a.ip()))
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, format!("{text}: no address of that family")))
}

/// The name `-x` asks about: the address's labels reversed under
/// in-addr.arpa (RFC 1035 §3.5) or its nibbles under ip6.arpa (RFC 3596 §2.5).
pub fn reverse_name(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, d] = v4.octets();
            format!("{d}.{c}.{b}.{a}.in-addr.arpa.")
        }
        IpAddr::V6(v6) => {
            let mut name = String::new();
            for octet in v6.octets().iter().rev() {
                let _ = write!(name, "{:x}.{:x}.", octet & 0x0F, octet >> 4);
            }
            name.push_str("ip6.arpa.");
            name
        }
    }
}

/// A type word: a mnemonic, `TYPEnnn`, or dig's `ixfr=SERIAL` (which also
/// sets the serial the client has).
fn type_word(cfg: &mut QueryConfig, word: &str) -> Option<Rtype> {
    if let Some((kind, serial)) = word.split_once('=')
        && kind.eq_ignore_ascii_case("ixfr")
    {
        cfg.ixfr_serial = serial.parse().ok()?;
        return Some(Rtype::IXFR);
    }
    Rtype::from_mnemonic(word)
}

/// A word taken as a type even before the name: the common mnemonics (as in
/// `dig MX example.com`), the generic `TYPEnnn` form and `ixfr=SERIAL`.
fn looks_like_type(word: &str) -> bool {
    let upper = word.to_ascii_uppercase();
    upper.starts_with("TYPE")
        || upper.starts_with("IXFR=")
        || matches!(
            upper.as_str(),
            "A" | "AAAA"
                | "MX"
                | "NS"
                | "SOA"
                | "TXT"
                | "CNAME"
                | "PTR"
                | "SRV"
                | "ANY"
                | "DNSKEY"
                | "DS"
                | "RRSIG"
                | "CAA"
                | "HTTPS"
                | "SVCB"
                | "AXFR"
                | "IXFR"
        )
}

/// The options that choose what is printed; `false` when `opt` is not one.
fn output_option(cmd: &mut Command, opt: &str) -> bool {
    let (on, word) = match opt.strip_prefix("no") {
        Some(rest) => (false, rest),
        None => (true, opt),
    };
    let show = &mut cmd.show;
    match word {
        "all" => *show = Show { short: show.short, multi: show.multi, ..Show::all(on) },
        "comments" => show.comments = on,
        "question" => show.question = on,
        "answer" => show.answer = on,
        "authority" => show.authority = on,
        "additional" => show.additional = on,
        "stats" => show.stats = on,
        "short" => show.short = on,
        "multi" | "multiline" => show.multi = on,
        "chain" => cmd.chain = on,
        // dig's banner, which this tool does not print.
        "cmd" => {}
        _ => return false,
    }
    true
}

fn plus_option(cfg: &mut QueryConfig, opt: &str) -> Result<(), String> {
    let (key, value) = match opt.split_once('=') {
        Some((k, v)) => (k, Some(v)),
        None => (opt, None),
    };
    let (on, word) = match key.strip_prefix("no") {
        Some(rest) => (false, rest),
        None => (true, key),
    };
    let number = |v: Option<&str>| -> Result<u64, String> {
        let v = v.ok_or_else(|| format!("+{key} needs a value"))?;
        v.parse::<u64>().map_err(|_| format!("+{key}: bad number {v}"))
    };
    match word {
        "rec" | "recurse" => cfg.recursion = on,
        "dnssec" => cfg.dnssec = on,
        "tcp" | "vc" => cfg.tcp = on,
        "cookie" => cfg.cookie = on,
        "nsid" => cfg.nsid = on,
        "ignore" => cfg.ignore_tc = on,
        "edns" => cfg.edns = on,
        "cd" | "cdflag" => cfg.cd = on,
        "ad" | "adflag" => cfg.ad = on,
        "bufsize" if on => cfg.bufsize = u16::try_from(number(value)?).map_err(|_| "+bufsize: at most 65535".to_string())?,
        "timeout" if on => cfg.timeout = Duration::from_secs(number(value)?.max(1)),
        "tries" if on => cfg.tries = u32::try_from(number(value)?.max(1)).unwrap_or(u32::MAX),
        "retry" if on => cfg.tries = u32::try_from(number(value)?.saturating_add(1)).unwrap_or(u32::MAX),
        "subnet" if on => {
            let v = value.ok_or("+subnet needs ADDR/LEN")?;
            let (addr, len) = match v.split_once('/') {
                Some((a, l)) => (a, Some(l)),
                None => (v, None),
            };
            let addr: IpAddr = addr.parse().map_err(|_| format!("+subnet: bad address {addr}"))?;
            let max = if addr.is_ipv4() { 32 } else { 128 };
            let len = match len {
                Some(l) => l.parse::<u8>().ok().filter(|l| *l <= max).ok_or_else(|| format!("+subnet: bad prefix length {l}"))?,
                None => max,
            };
            cfg.subnet = Some((addr, len));
        }
        "subnet" => cfg.subnet = None,
        _ => return Err(format!("unknown option: +{opt}")),
    }
    Ok(())
}

/// The command-line arguments of `query`.
#[derive(clap::Args, Debug)]
pub struct QueryArgs {
    /// dig-style arguments: [@SERVER] [-p PORT] [-4|-6] [-q] NAME [-t] [TYPE] [CLASS] [-x ADDR]
    /// [-f FILE] [+short] [+[no]multi] [+[no]all] [+[no]question|answer|authority|additional|comments|stats]
    /// [+dnssec] [+tcp] [+cookie] [+subnet=ADDR/LEN] [+bufsize=N] [+nsid] [+[no]rec]
    /// [+timeout=N] [+tries=N] [+ignore] [+noedns] [+chain]; AXFR and IXFR (ixfr=SERIAL) go over TCP
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, value_name = "ARGS")]
    pub args: Vec<String>,
}

/// `dnswire query`, with dig's exit codes: 0 with an answer, 1 for bad
/// arguments, 8 when the batch file cannot be read, 9 when no answer came
/// (timeout, network error, a transfer cut short), 10 for a bad name.
pub fn main(args: QueryArgs) -> ExitCode {
    let cmd = match parse_command(&args.args) {
        Ok(cmd) => cmd,
        Err(e) => return refused(&e),
    };
    let Some(batch) = &cmd.batch else { return ExitCode::from(run_command(&cmd)) };
    let text = match std::fs::read_to_string(batch) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("dnswire query: cannot read {}: {e}", batch.display());
            return ExitCode::from(8);
        }
    };
    // Each line's arguments after the command line's (less `-f FILE`).
    let mut common: Vec<String> = Vec::new();
    let mut it = args.args.iter();
    while let Some(arg) = it.next() {
        if arg == "-f" {
            it.next();
        } else {
            common.push(arg.clone());
        }
    }
    let mut code = 0;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with(';')) {
        let mut line_args = common.clone();
        line_args.extend(line.split_whitespace().map(String::from));
        code = match parse_command(&line_args) {
            Ok(cmd) => run_command(&cmd),
            Err(e) => {
                eprintln!("dnswire query: {e}");
                exit_code(&e)
            }
        };
    }
    ExitCode::from(code)
}

fn exit_code(e: &ArgError) -> u8 {
    match e {
        ArgError::Usage(_) => 1,
        ArgError::BadName(_) => 10,
    }
}

fn refused(e: &ArgError) -> ExitCode {
    eprintln!("dnswire query: {e}");
    ExitCode::from(exit_code(e))
}

/// Runs one query (a transfer for AXFR and IXFR) and prints its answer;
/// returns the exit code.
fn run_command(cmd: &Command) -> u8 {
    use std::io::Write;
    let cfg = &cmd.cfg;
    let text = if matches!(cfg.qtype, Rtype::AXFR | Rtype::IXFR) {
        match super::transfer::run(cfg) {
            Ok(transfer) => {
                let text = render_transfer(&transfer, &cmd.show, cfg.server);
                let _ = std::io::stdout().lock().write_all(text.as_bytes());
                // Unlike dig, which exits 0 after a failed transfer: 9, as
                // for no answer, so that scripts notice.
                return match &transfer.verdict {
                    Ok(()) => 0,
                    Err(e) => {
                        eprintln!("dnswire query: transfer failed: {e}");
                        9
                    }
                };
            }
            Err(e) => Err(e),
        }
    } else {
        run(cfg).map(|outcome| render_with(&outcome, &cmd.show, cfg.recursion, cmd.chain))
    };
    match text {
        Ok(text) => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            0
        }
        Err(e) => {
            println!(";; {e} ({})", cfg.server);
            9
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn dig_arguments() {
        let cfg = parse_args(&args("@127.0.0.1 -p 5300 www.example.test AAAA +dnssec +tcp +norec +bufsize=4096 +timeout=2 +tries=1 +nsid +cookie"))
            .unwrap();
        assert_eq!(cfg.server, "127.0.0.1:5300".parse().unwrap());
        assert_eq!(cfg.qname.to_string(), "www.example.test.");
        assert_eq!(cfg.qtype, Rtype::AAAA);
        assert!(cfg.dnssec && cfg.tcp && !cfg.recursion && cfg.nsid && cfg.cookie);
        assert_eq!((cfg.bufsize, cfg.timeout, cfg.tries), (4096, Duration::from_secs(2), 1));
        let cfg = parse_args(&args("@::1 MX example.test +subnet=192.0.2.77/24 +retry=0")).unwrap();
        assert_eq!((cfg.qtype, cfg.tries), (Rtype::MX, 1));
        assert_eq!(cfg.subnet, Some(("192.0.2.77".parse().unwrap(), 24)));
        let cfg = parse_args(&args("@127.0.0.1 version.bind CH TXT")).unwrap();
        assert_eq!((cfg.qclass, cfg.qtype), (Class::CH, Rtype::TXT));
        let cfg = parse_args(&args("@127.0.0.1")).unwrap();
        assert_eq!((cfg.qname.to_string().as_str(), cfg.qtype), (".", Rtype::NS));
        assert!(parse_args(&args("@127.0.0.1 a.test +bogus")).is_err());
        assert!(parse_args(&args("@127.0.0.1 a.test +subnet=192.0.2.0/33")).is_err());
        assert!(parse_args(&args("@127.0.0.1 a.test b.test")).is_err());
    }

    #[test]
    fn subnet_option_data() {
        assert_eq!(client_subnet_data("192.0.2.77".parse().unwrap(), 24), [0, 1, 24, 0, 192, 0, 2]);
        assert_eq!(client_subnet_data("192.0.2.255".parse().unwrap(), 25), [0, 1, 25, 0, 192, 0, 2, 128]);
        assert_eq!(client_subnet_data("2001:db8::".parse().unwrap(), 0), [0, 2, 0, 0]);
    }

    #[test]
    fn query_has_the_options() {
        let mut cfg = parse_args(&args("@127.0.0.1 www.example.test +dnssec +nsid +cookie +subnet=192.0.2.0/24 +bufsize=4000")).unwrap();
        let wire = build_query(&cfg, 0xBEEF, [7; 8]).unwrap();
        let msg = Message::decode(&wire).unwrap();
        assert_eq!(msg.header().id, 0xBEEF);
        assert!(msg.header().flags.rd() && msg.header().flags.ad() && !msg.header().flags.qr());
        let edns = msg.edns().unwrap();
        assert_eq!(edns.udp_payload_size, 4000);
        assert!(edns.flags.dnssec_ok());
        let codes: Vec<_> = edns.options.iter().map(|o| o.code).collect();
        assert_eq!(codes, [OptionCode::NSID, OptionCode::COOKIE, OptionCode::CLIENT_SUBNET]);
        cfg.edns = false;
        let wire = build_query(&cfg, 1, [7; 8]).unwrap();
        assert!(Message::decode(&wire).unwrap().edns().is_none());
    }
}
