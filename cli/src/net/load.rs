//! A UDP load client: many queries in flight, every answer checked against
//! the id and question it must answer, with loss, mix-ups and latency
//! percentiles reported.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::io;
use std::net::{SocketAddr, UdpSocket};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use dnswire::{Class, Message, NameBuf, Rcode, Rtype};

use super::query::{QueryConfig, build_query};
use super::{QuestionKey, Rng, message_id, set_message_id};

/// A load run's settings.
#[derive(Clone, Debug)]
pub struct LoadConfig {
    /// The server to load.
    pub server: SocketAddr,
    /// Queries to send in all.
    pub queries: u64,
    /// Queries in flight at once (over all sockets).
    pub concurrency: usize,
    /// The questions, asked in turn.
    pub names: Vec<(NameBuf, Rtype)>,
    /// How long to wait for an answer before counting the query lost.
    pub timeout: Duration,
    /// UDP sockets, each in its own thread with its share of the queries.
    pub sockets: usize,
}

impl LoadConfig {
    /// `queries` queries for `names` to `server`, 64 in flight, 2 s timeout, one socket.
    pub fn new(server: SocketAddr, queries: u64, names: Vec<(NameBuf, Rtype)>) -> Self {
        Self { server, queries, concurrency: 64, names, timeout: Duration::from_secs(2), sockets: 1 }
    }
}

/// What a load run saw.
#[derive(Clone, Debug, Default)]
pub struct LoadReport {
    /// Queries sent.
    pub sent: u64,
    /// Answers with the right id and question.
    pub answered: u64,
    /// Queries without an answer in time.
    pub lost: u64,
    /// Answers that came after their query was counted lost.
    pub late: u64,
    /// Messages with an id no query had, or with another question than the
    /// query of their id: answers mixed up.
    pub mismatched: u64,
    /// Undecodable messages, messages that are not responses, and socket errors.
    pub errors: u64,
    /// Answers with TC set.
    pub truncated: u64,
    /// Answers per rcode.
    pub rcodes: BTreeMap<u16, u64>,
    /// Wall time of the run.
    pub elapsed: Duration,
    /// Latency of each answer in microseconds, sorted.
    pub latencies_us: Vec<u32>,
    /// Queries in flight at once, and sockets (for the report).
    pub concurrency: usize,
    /// Sockets used.
    pub sockets: usize,
}

impl LoadReport {
    /// Answers per second over the whole run.
    pub fn qps(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 { self.answered as f64 / secs } else { 0.0 }
    }

    /// The latency at or below which `p` percent of the answers came.
    pub fn percentile(&self, p: f64) -> Duration {
        let n = self.latencies_us.len();
        if n == 0 {
            return Duration::ZERO;
        }
        let rank = ((p / 100.0) * n as f64).ceil() as usize;
        let idx = rank.clamp(1, n).saturating_sub(1);
        Duration::from_micros(u64::from(self.latencies_us.get(idx).copied().unwrap_or(0)))
    }

    /// Whether the run passed: no more than `max_lost` lost, nothing mixed up, no errors.
    pub fn passed(&self, max_lost: u64) -> bool {
        self.lost <= max_lost && self.mismatched == 0 && self.errors == 0 && self.answered.saturating_add(self.lost) == self.sent
    }

    /// The report, a few lines.
    pub fn render(&self, server: SocketAddr) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let mut out = String::new();
        let _ = writeln!(out, "load: {} queries to {server}, {} in flight, {} socket(s)", self.sent, self.concurrency, self.sockets);
        let _ = writeln!(
            out,
            "answered {}, lost {}, mismatched {}, late {}, errors {}, truncated {}",
            self.answered, self.lost, self.mismatched, self.late, self.errors, self.truncated
        );
        let rcodes: Vec<String> = self.rcodes.iter().map(|(r, n)| format!("{} {n}", Rcode(*r))).collect();
        let _ = writeln!(out, "rcodes: {}", if rcodes.is_empty() { "none".to_string() } else { rcodes.join(", ") });
        let _ = writeln!(out, "{} answers in {:.2} s: {:.0} queries/s", self.answered, self.elapsed.as_secs_f64(), self.qps());
        let _ = writeln!(
            out,
            "latency: p50 {:.3} ms, p90 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
            ms(self.percentile(50.0)),
            ms(self.percentile(90.0)),
            ms(self.percentile(99.0)),
            ms(self.percentile(100.0))
        );
        out
    }

    fn merge(&mut self, other: LoadReport) {
        self.sent += other.sent;
        self.answered += other.answered;
        self.lost += other.lost;
        self.late += other.late;
        self.mismatched += other.mismatched;
        self.errors += other.errors;
        self.truncated += other.truncated;
        for (r, n) in other.rcodes {
            *self.rcodes.entry(r).or_default() += n;
        }
        self.latencies_us.extend(other.latencies_us);
    }
}

/// The questions of the conformance zones (`conformance-vectors/servers/zones`)
/// that a resolver over them answers at once: addresses, mail, services,
/// CNAME chains within and across zones, signed data, NXDOMAIN and NODATA.
pub fn builtin_names() -> Vec<(NameBuf, Rtype)> {
    let list: &[(&str, Rtype)] = &[
        ("www.example.test", Rtype::A),
        ("www.example.test", Rtype::AAAA),
        ("example.test", Rtype::SOA),
        ("example.test", Rtype::NS),
        ("example.test", Rtype::MX),
        ("example.test", Rtype::TXT),
        ("mx1.example.test", Rtype::A),
        ("mail.example.test", Rtype::A),
        ("_sip._tcp.example.test", Rtype::SRV),
        ("hop1.example.test", Rtype::A),
        ("xzone.example.test", Rtype::A),
        ("back.other.test", Rtype::A),
        ("www.nsec.test", Rtype::A),
        ("www.nsec3.test", Rtype::A),
        ("www.ed25519.test", Rtype::A),
        ("nonexistent.nsec.test", Rtype::A),
        ("nxdomain.other.test", Rtype::A),
        ("www.example.test", Rtype::MX),
        ("tonodata.example.test", Rtype::A),
        ("a.types.test", Rtype::A),
    ];
    list.iter().filter_map(|(n, t)| NameBuf::from_text(n).ok().map(|n| (n, *t))).collect()
}

/// Reads questions from text: one per line, `NAME [TYPE]` (A by default);
/// blank lines and `#` comments skipped.
pub fn parse_names(text: &str) -> Result<Vec<(NameBuf, Rtype)>, String> {
    let mut names = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("");
        let mut words = line.split_whitespace();
        let Some(name) = words.next() else { continue };
        let qname = NameBuf::from_text(name).map_err(|e| format!("line {}: bad name {name}: {e}", n + 1))?;
        let qtype = match words.next() {
            Some(t) => Rtype::from_mnemonic(t).ok_or_else(|| format!("line {}: unknown type {t}", n + 1))?,
            None => Rtype::A,
        };
        names.push((qname, qtype));
    }
    Ok(names)
}

/// Runs the load: `sockets` threads, each keeping its share of `concurrency`
/// queries in flight on its own UDP socket until its share of `queries` is
/// sent and every one is answered or timed out.
pub fn run(cfg: &LoadConfig) -> io::Result<LoadReport> {
    if cfg.names.is_empty() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "no names to ask"));
    }
    let sockets = cfg.sockets.clamp(1, 64);
    let per_socket = cfg.concurrency.max(1).div_ceil(sockets).max(1);
    let start = Instant::now();
    let mut handles = Vec::new();
    for i in 0..sockets {
        let share = cfg.queries / sockets as u64 + u64::from((i as u64) < cfg.queries % sockets as u64);
        let cfg = cfg.clone();
        handles.push(std::thread::spawn(move || worker(&cfg, share, per_socket, i)));
    }
    let mut report = LoadReport { concurrency: per_socket * sockets, sockets, ..LoadReport::default() };
    for h in handles {
        let part = h.join().map_err(|_| io::Error::other("a load thread panicked"))??;
        report.merge(part);
    }
    report.elapsed = start.elapsed();
    report.latencies_us.sort_unstable();
    Ok(report)
}

fn worker(cfg: &LoadConfig, share: u64, concurrency: usize, index: usize) -> io::Result<LoadReport> {
    let sock = UdpSocket::bind(super::unspecified_for(&cfg.server))?;
    sock.connect(cfg.server)?;
    let mut rng = Rng::from_entropy();
    // One prepared query per question; only the id changes.
    let mut templates = Vec::new();
    let mut keys = Vec::new();
    for (name, qtype) in &cfg.names {
        let q = QueryConfig::new(cfg.server, name.clone(), *qtype);
        let wire = build_query(&q, 0, [0; 8]).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e.to_string()))?;
        templates.push(wire);
        keys.push(QuestionKey { name: name.clone(), qtype: *qtype, qclass: Class::IN });
    }
    let mut report = LoadReport::default();
    // id -> (question index, sent at)
    let mut inflight: HashMap<u16, (usize, Instant)> = HashMap::with_capacity(concurrency * 2);
    // Ids of queries counted lost: never used again in this run, so a late
    // answer cannot pass for the answer to a newer query.
    let mut retired: HashSet<u16> = HashSet::new();
    let mut next_name = index;
    let mut buf = vec![0u8; 65535];
    let mut last_sweep = Instant::now();
    while report.sent < share || !inflight.is_empty() {
        while inflight.len() < concurrency && report.sent < share {
            if inflight.len() + retired.len() >= 65_000 {
                break;
            }
            let mut id = rng.next_u16();
            while inflight.contains_key(&id) || retired.contains(&id) {
                id = rng.next_u16();
            }
            let which = next_name % templates.len();
            next_name = next_name.wrapping_add(1);
            let Some(template) = templates.get_mut(which) else { break };
            set_message_id(template, id);
            report.sent += 1;
            match sock.send(template) {
                Ok(_) => {
                    inflight.insert(id, (which, Instant::now()));
                }
                Err(_) => report.errors += 1,
            }
        }
        if inflight.is_empty() {
            if report.sent < share {
                // Every id is taken by a query counted lost: stop here.
                report.errors += share - report.sent;
                report.sent = share;
            }
            continue;
        }
        let oldest = inflight.values().map(|(_, t)| *t).min().unwrap_or_else(Instant::now);
        let wait =
            super::deadline(oldest, cfg.timeout).saturating_duration_since(Instant::now()).clamp(Duration::from_millis(1), Duration::from_millis(50));
        sock.set_read_timeout(Some(wait))?;
        match sock.recv(&mut buf) {
            Ok(n) => check_answer(buf.get(..n).unwrap_or(&[]), &mut inflight, &retired, &keys, &mut report),
            Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut | io::ErrorKind::Interrupted) => {}
            Err(_) => report.errors += 1,
        }
        if last_sweep.elapsed() >= Duration::from_millis(10) {
            last_sweep = Instant::now();
            let now = Instant::now();
            let expired: Vec<u16> = inflight.iter().filter(|(_, (_, t))| now.duration_since(*t) >= cfg.timeout).map(|(id, _)| *id).collect();
            for id in expired {
                inflight.remove(&id);
                retired.insert(id);
                report.lost += 1;
            }
        }
    }
    Ok(report)
}

fn check_answer(wire: &[u8], inflight: &mut HashMap<u16, (usize, Instant)>, retired: &HashSet<u16>, keys: &[QuestionKey], report: &mut LoadReport) {
    let Some(id) = message_id(wire) else {
        report.errors += 1;
        return;
    };
    let Ok(msg) = Message::decode(wire) else {
        report.errors += 1;
        return;
    };
    if !msg.header().flags.qr() {
        report.errors += 1;
        return;
    }
    let Some((which, sent_at)) = inflight.get(&id).copied() else {
        if retired.contains(&id) {
            report.late += 1;
        } else {
            report.mismatched += 1;
        }
        return;
    };
    let Some(key) = keys.get(which) else { return };
    if !key.answered_by(&msg) {
        // The right id with another question: a mixed-up answer. The query
        // stays in flight: its own answer may still come.
        report.mismatched += 1;
        return;
    }
    inflight.remove(&id);
    report.answered += 1;
    let us = u32::try_from(sent_at.elapsed().as_micros()).unwrap_or(u32::MAX);
    report.latencies_us.push(us);
    if msg.header().flags.tc() {
        report.truncated += 1;
    }
    *report.rcodes.entry(msg.rcode().0).or_default() += 1;
}

/// The command-line arguments of `load`.
#[derive(clap::Args, Debug)]
pub struct LoadArgs {
    /// The server to load.
    #[arg(long, value_name = "ADDR:PORT")]
    pub server: SocketAddr,
    /// Queries to send.
    #[arg(long, default_value_t = 100_000)]
    pub queries: u64,
    /// Queries in flight at once.
    #[arg(long, default_value_t = 64)]
    pub concurrency: usize,
    /// A file of questions, `NAME [TYPE]` per line (default: built-in names of
    /// the conformance zones).
    #[arg(long, value_name = "FILE")]
    pub names: Option<PathBuf>,
    /// Lost queries tolerated (UDP may lose some); mixed-up answers never are.
    #[arg(long, default_value_t = 0)]
    pub max_lost: u64,
    /// Milliseconds to wait for an answer before counting the query lost.
    #[arg(long, default_value_t = 2000)]
    pub timeout_ms: u64,
    /// UDP sockets (each in its own thread).
    #[arg(long, default_value_t = 1)]
    pub sockets: usize,
}

/// `dnswire load`: prints the report; exits 1 if more than
/// `--max-lost` queries were lost or any answer was mixed up or malformed.
pub fn main(args: LoadArgs) -> ExitCode {
    let names = match &args.names {
        Some(path) => match std::fs::read_to_string(path).map_err(|e| e.to_string()).and_then(|t| parse_names(&t)) {
            Ok(n) => n,
            Err(e) => {
                eprintln!("dnswire load: {}: {e}", path.display());
                return ExitCode::from(2);
            }
        },
        None => builtin_names(),
    };
    let cfg = LoadConfig {
        server: args.server,
        queries: args.queries,
        concurrency: args.concurrency,
        names,
        timeout: Duration::from_millis(args.timeout_ms.max(1)),
        sockets: args.sockets,
    };
    match run(&cfg) {
        Ok(report) => {
            print!("{}", report.render(cfg.server));
            if report.passed(args.max_lost) { ExitCode::SUCCESS } else { ExitCode::FAILURE }
        }
        Err(e) => {
            eprintln!("dnswire load: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles() {
        let report = LoadReport { latencies_us: (1..=100).collect(), ..LoadReport::default() };
        assert_eq!(report.percentile(50.0), Duration::from_micros(50));
        assert_eq!(report.percentile(99.0), Duration::from_micros(99));
        assert_eq!(report.percentile(100.0), Duration::from_micros(100));
        assert_eq!(LoadReport::default().percentile(50.0), Duration::ZERO);
    }

    #[test]
    fn names_file() {
        let names = parse_names("# questions\nwww.example.test\nexample.test MX # mail\n\n").unwrap();
        assert_eq!(names.len(), 2);
        assert_eq!(names.get(1).map(|n| n.1), Some(Rtype::MX));
        assert!(parse_names("a.test BOGUS").is_err());
        assert_eq!(builtin_names().len(), 20);
    }
}
