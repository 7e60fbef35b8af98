//! The forwarder's UDP side: client datagrams in, queries out over a pool of
//! upstream sockets (each on a port the OS picked, one chosen at random per
//! query, under an id from the OS CSPRNG), answers matched by socket, source,
//! id and question.

use std::collections::HashMap;
use std::io;
use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::time::{Duration, Instant};

use dnswire::{Flags, Message};
use mio::{Events, Interest, Poll, Token};

use super::{Outgoing, POLL, Shared, bump, client_answer, client_limit, judge, lock, servfail};
use crate::net::random::SecureRandom;
use crate::net::{QuestionKey, message_id};

/// How often the sweeper looks for queries to resend or give up on.
const SWEEP: Duration = Duration::from_millis(50);

/// Socket errors in a row after which the upstream loop leaves a socket
/// for the next readiness event.
const MAX_ERRORS_PER_TURN: u32 = 16;

/// Draws of a socket and id before giving up on finding a free pair (the
/// table is far from full long before this matters).
const DRAWS: usize = 64;

/// A query sent upstream over UDP, waiting for its answer. Keeps the query
/// itself (its octets as sent) for the resend, charged to the pending budget.
struct Pending {
    client: SocketAddr,
    client_id: u16,
    /// The largest response the client takes over UDP.
    limit: usize,
    /// The client's EDNS payload size, if it sent an OPT record.
    client_edns: Option<u16>,
    /// The client's RD and CD bits, for a SERVFAIL of our own.
    flags: Flags,
    query: Outgoing,
    /// When to send it again if no answer came; `None` once resent.
    resend_at: Option<Instant>,
    deadline: Instant,
    /// Octets charged to the pending budget.
    cost: usize,
}

/// The queries waiting, by (upstream socket, id), and how many each client
/// address has.
#[derive(Default)]
struct Table {
    waiting: HashMap<(usize, u16), Pending>,
    per_address: HashMap<IpAddr, usize>,
}

impl Table {
    fn insert(&mut self, at: (usize, u16), p: Pending) {
        *self.per_address.entry(p.client.ip()).or_insert(0) += 1;
        self.waiting.insert(at, p);
    }

    fn remove(&mut self, at: &(usize, u16)) -> Option<Pending> {
        let p = self.waiting.remove(at)?;
        let ip = p.client.ip();
        if let Some(n) = self.per_address.get_mut(&ip) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.per_address.remove(&ip);
            }
        }
        Some(p)
    }
}

/// The UDP sockets and the waiting queries.
pub(super) struct UdpSide {
    /// The clients' socket.
    client: UdpSocket,
    /// Sockets connected to the upstream, each bound to a port the OS chose.
    pool: Vec<mio::net::UdpSocket>,
    table: std::sync::Mutex<Table>,
}

impl UdpSide {
    /// The side around the clients' socket, with `cfg.udp_sockets` upstream
    /// sockets registered with the returned poller.
    pub(super) fn new(client: UdpSocket, cfg: &super::ForwardConfig) -> io::Result<(Self, Poll)> {
        let poll = Poll::new()?;
        let mut pool = Vec::with_capacity(cfg.udp_sockets.max(1));
        for i in 0..cfg.udp_sockets.max(1) {
            // Port 0: the OS picks an ephemeral port (at random on Linux).
            let std_sock = UdpSocket::bind(crate::net::unspecified_for(&cfg.upstream))?;
            // Connected: the kernel delivers only the upstream's datagrams.
            std_sock.connect(cfg.upstream)?;
            std_sock.set_nonblocking(true)?;
            let mut sock = mio::net::UdpSocket::from_std(std_sock);
            poll.registry().register(&mut sock, Token(i), Interest::READABLE)?;
            pool.push(sock);
        }
        Ok((Self { client, pool, table: std::sync::Mutex::new(Table::default()) }, poll))
    }

    /// Queries waiting now.
    pub(super) fn pending_count(&self) -> usize {
        lock(&self.table).waiting.len()
    }
}

/// Reads client datagrams until stopped.
pub(super) fn client_loop(s: &Shared) {
    let mut rng = SecureRandom::new();
    let mut buf = vec![0u8; 65535];
    while !s.stop.load(std::sync::atomic::Ordering::Relaxed) {
        let (n, src) = match s.udp.client.recv_from(&mut buf) {
            Ok(got) => got,
            // A timeout (to look at the stop flag), an ICMP error for an
            // earlier reply, or the like: keep serving.
            Err(_) => continue,
        };
        bump(&s.stats.udp_queries);
        let wire = buf.get(..n).unwrap_or(&[]);
        match judge(wire, &s.stats) {
            super::Verdict::Drop => {}
            super::Verdict::Reply(answer) => {
                let _ = s.udp.client.send_to(&answer, src);
            }
            super::Verdict::Forward(msg) => forward(s, &mut rng, &msg, src),
        }
    }
}

/// Sends one client query upstream, or answers SERVFAIL when a limit is
/// reached or it cannot be sent.
fn forward(s: &Shared, rng: &mut SecureRandom, msg: &Message<'_>, src: SocketAddr) {
    let Some(q) = msg.question() else { return };
    let key = QuestionKey::of(&q);
    let client_id = msg.header().id;
    let flags = msg.header().flags;
    let client_edns = msg.edns().map(|e| e.udp_payload_size);
    let refuse = |s: &Shared, over_limit: bool| {
        if over_limit {
            bump(&s.stats.over_limit);
        }
        bump(&s.stats.servfail);
        let _ = s.udp.client.send_to(&servfail(client_id, flags, &key, client_edns), src);
    };
    let Ok(query) = Outgoing::new(msg, key.clone(), 0, s.cfg.randomize_case, rng) else {
        return refuse(s, false);
    };
    let cost = std::mem::size_of::<Pending>().saturating_add(query.wire.len());
    let now = Instant::now();
    let mut pending = Pending {
        client: src,
        client_id,
        limit: client_limit(msg),
        client_edns,
        flags,
        query,
        resend_at: Some(crate::net::deadline(now, s.cfg.upstream_timeout / 3)),
        deadline: crate::net::deadline(now, s.cfg.upstream_timeout),
        cost,
    };
    let (at, wire) = {
        let mut table = lock(&s.udp.table);
        if table.waiting.len() >= super::MAX_PENDING || table.per_address.get(&src.ip()).is_some_and(|n| *n >= s.cfg.max_udp_per_address) {
            drop(table);
            return refuse(s, true);
        }
        let Some(at) = free_slot(&table, rng, s.udp.pool.len()) else {
            drop(table);
            return refuse(s, true);
        };
        if !s.reserve(cost) {
            drop(table);
            return refuse(s, true);
        }
        crate::net::set_message_id(&mut pending.query.wire, at.1);
        let wire = pending.query.wire.clone();
        table.insert(at, pending);
        (at, wire)
    };
    let sent = s.udp.pool.get(at.0).is_some_and(|sock| sock.send(&wire).is_ok());
    if sent {
        bump(&s.stats.forwarded);
        return;
    }
    let removed = lock(&s.udp.table).remove(&at);
    if let Some(p) = removed {
        s.release(p.cost);
        bump(&s.stats.servfail);
        let _ = s.udp.client.send_to(&servfail(p.client_id, p.flags, &p.query.key, p.client_edns), p.client);
    }
}

/// A random upstream socket and id not in use, if one turns up in a few draws.
fn free_slot(table: &Table, rng: &mut SecureRandom, sockets: usize) -> Option<(usize, u16)> {
    for _ in 0..DRAWS {
        let at = (rng.below(sockets).ok()?, rng.u16().ok()?);
        if !table.waiting.contains_key(&at) {
            return Some(at);
        }
    }
    None
}

/// Waits on the upstream sockets and passes matching answers on, until stopped.
pub(super) fn upstream_loop(s: &Shared, mut poll: Poll) {
    let mut events = Events::with_capacity(256);
    let mut buf = vec![0u8; 65535];
    while !s.stop.load(std::sync::atomic::Ordering::Relaxed) {
        if poll.poll(&mut events, Some(POLL)).is_err() {
            // EINTR: look at the stop flag and wait again.
            continue;
        }
        for event in events.iter() {
            let index = event.token().0;
            let Some(sock) = s.udp.pool.get(index) else { continue };
            // Edge-triggered: read until the socket is empty. Other errors
            // (a refused port reported by ICMP) are one-shot; a run of them
            // ends the turn rather than spin.
            let mut errors = 0u32;
            while errors < MAX_ERRORS_PER_TURN {
                match sock.recv_from(&mut buf) {
                    Ok((n, from)) => take_answer(s, index, from, buf.get(..n).unwrap_or(&[])),
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                    Err(_) => errors = errors.saturating_add(1),
                }
            }
        }
    }
}

/// Matches one upstream datagram to its pending query and answers the client.
fn take_answer(s: &Shared, index: usize, from: SocketAddr, wire: &[u8]) {
    let (true, Some(id), Ok(msg)) = (from == s.cfg.upstream, message_id(wire), Message::decode(wire)) else {
        bump(&s.stats.unmatched);
        return;
    };
    let pending = {
        let mut table = lock(&s.udp.table);
        match table.waiting.get(&(index, id)) {
            Some(p) if p.query.answered_by(&msg) => table.remove(&(index, id)),
            _ => None,
        }
    };
    let Some(p) = pending else {
        bump(&s.stats.unmatched);
        return;
    };
    s.release(p.cost);
    let answer = client_answer(&s.stats, &msg, p.client_id, &p.query.key, p.limit).unwrap_or_else(|| {
        bump(&s.stats.servfail);
        servfail(p.client_id, p.flags, &p.query.key, p.client_edns)
    });
    let _ = s.udp.client.send_to(&answer, p.client);
}

/// Resends queries once and answers SERVFAIL for those past their deadline, until stopped.
pub(super) fn sweep_loop(s: &Shared) {
    while !s.stop.load(std::sync::atomic::Ordering::Relaxed) {
        std::thread::sleep(SWEEP);
        let now = Instant::now();
        let (expired, resend): (Vec<Pending>, Vec<(usize, Vec<u8>)>) = {
            let mut table = lock(&s.udp.table);
            let gone: Vec<(usize, u16)> = table.waiting.iter().filter(|(_, p)| p.deadline <= now).map(|(at, _)| *at).collect();
            let expired = gone.iter().filter_map(|at| table.remove(at)).collect();
            // Once, like a stub resolver's retry: the same socket and id, so
            // either answer is taken.
            let resend = table
                .waiting
                .iter_mut()
                .filter(|(_, p)| p.resend_at.is_some_and(|t| t <= now))
                .map(|(at, p)| {
                    p.resend_at = None;
                    (at.0, p.query.wire.clone())
                })
                .collect();
            (expired, resend)
        };
        for (index, wire) in resend {
            if s.udp.pool.get(index).is_some_and(|sock| sock.send(&wire).is_ok()) {
                bump(&s.stats.resent);
            }
        }
        for p in expired {
            s.release(p.cost);
            bump(&s.stats.timeouts);
            let _ = s.udp.client.send_to(&servfail(p.client_id, p.flags, &p.query.key, p.client_edns), p.client);
        }
    }
}
