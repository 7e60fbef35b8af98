//! The forwarder's TCP side: a thread per client connection reads
//! length-prefixed queries under a frame deadline, an idle bound and a
//! lifetime; each query goes upstream over TCP in a thread of its own, so
//! pipelined queries are handled concurrently and each answer is written as
//! soon as it is ready (RFC 7766 §6.2.1.1).

use std::collections::HashMap;
use std::io::{self, Read};
use std::net::{IpAddr, Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use dnswire::{Flags, Message};

use super::{Outgoing, POLL, Shared, Verdict, bump, client_answer, judge, lock, servfail};
use crate::net::random::SecureRandom;
use crate::net::{deadline, is_timeout, message_id, read_framed_by, take_frames, time_left, write_framed};

/// Octets read from a client at a time.
const CHUNK: usize = 4096;

/// The stack of a connection's or an exchange's thread: their buffers live on
/// the heap, and up to `max_tcp_clients` times `max_tcp_inflight` of them may
/// run at once.
const STACK: usize = 256 * 1024;

/// The client connections open, in all and per address.
#[derive(Default)]
pub(super) struct TcpSide {
    per_address: Mutex<HashMap<IpAddr, usize>>,
    open: AtomicUsize,
}

impl TcpSide {
    /// Client connections open now.
    pub(super) fn open(&self) -> usize {
        self.open.load(Ordering::Acquire)
    }
}

/// A client connection's place under the caps, given back when dropped
/// (when the connection and its last exchange have ended).
struct Slot {
    shared: Arc<Shared>,
    ip: IpAddr,
}

impl Slot {
    /// A place for a connection from `ip`, if the caps allow one.
    fn take(shared: &Arc<Shared>, ip: IpAddr) -> Option<Self> {
        let mut per = lock(&shared.tcp.per_address);
        let from_ip = per.get(&ip).copied().unwrap_or(0);
        if shared.tcp.open() >= shared.cfg.max_tcp_clients || from_ip >= shared.cfg.max_tcp_per_address {
            return None;
        }
        per.insert(ip, from_ip.saturating_add(1));
        shared.tcp.open.fetch_add(1, Ordering::AcqRel);
        Some(Self { shared: Arc::clone(shared), ip })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut per = lock(&self.shared.tcp.per_address);
        if let Some(n) = per.get_mut(&self.ip) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                per.remove(&self.ip);
            }
        }
        self.shared.tcp.open.fetch_sub(1, Ordering::AcqRel);
    }
}

/// What a connection's reader and its exchanges share.
struct Conn {
    /// The write side; one answer written at a time.
    writer: Mutex<TcpStream>,
    /// The connection's queries at the upstream now.
    inflight: AtomicUsize,
    /// Upstream connections a finished exchange left open, for the next one.
    idle_upstreams: Mutex<Vec<TcpStream>>,
    _slot: Slot,
}

impl Conn {
    /// Writes one answer; on failure (a client not reading for too long, or
    /// gone) closes the connection.
    fn answer(&self, wire: &[u8]) {
        let mut w = lock(&self.writer);
        if write_framed(&mut *w, wire).is_err() {
            let _ = w.shutdown(Shutdown::Both);
        }
    }
}

/// Accepts client connections until stopped.
pub(super) fn accept_loop(s: &Arc<Shared>, listener: &TcpListener) {
    for conn in listener.incoming() {
        if s.stop.load(Ordering::Relaxed) {
            break;
        }
        let stream = match conn {
            Ok(stream) => stream,
            Err(_) => {
                // Out of descriptors, or the like: do not spin.
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
        };
        let Ok(peer) = stream.peer_addr() else { continue };
        let Some(slot) = Slot::take(s, peer.ip()) else {
            bump(&s.stats.tcp_refused);
            continue; // dropped: closes the connection
        };
        let shared = Arc::clone(s);
        let spawned = std::thread::Builder::new().name("forward-tcp-client".into()).stack_size(STACK).spawn(move || serve(&shared, stream, slot));
        if spawned.is_err() {
            bump(&s.stats.tcp_refused);
        }
    }
}

/// Why a connection ended.
enum End {
    /// The client closed it, an error, or the forwarder stops.
    Closed,
    /// A frame too slow, idle too long, or open too long.
    Expired,
}

/// Serves one client connection: reads queries, starts an exchange for each.
fn serve(s: &Arc<Shared>, mut stream: TcpStream, slot: Slot) {
    let _ = stream.set_nodelay(true);
    let Ok(writer) = stream.try_clone() else { return };
    // A client that does not read its answers holds a writer this long at most.
    if writer.set_write_timeout(Some(s.cfg.tcp_frame)).is_err() {
        return;
    }
    let conn = Arc::new(Conn { writer: Mutex::new(writer), inflight: AtomicUsize::new(0), idle_upstreams: Mutex::new(Vec::new()), _slot: slot });
    let mut rng = SecureRandom::new();
    let opened = Instant::now();
    let close_at = deadline(opened, s.cfg.tcp_lifetime);
    let mut buf: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; CHUNK];
    // When the frame begun must be whole; `None` between frames.
    let mut frame_by: Option<Instant> = None;
    let mut idle_since = opened;
    let end = loop {
        if s.stop.load(Ordering::Relaxed) {
            break End::Closed;
        }
        let now = Instant::now();
        if conn.inflight.load(Ordering::Acquire) > 0 {
            idle_since = now;
        }
        let idle_end = deadline(idle_since, s.cfg.tcp_idle);
        let next = match frame_by {
            Some(by) => by.min(close_at),
            None => idle_end.min(close_at),
        };
        let Some(wait) = next.checked_duration_since(now).filter(|d| !d.is_zero()) else { break End::Expired };
        if stream.set_read_timeout(Some(wait.min(POLL))).is_err() {
            break End::Closed;
        }
        match stream.read(&mut chunk) {
            Ok(0) => break End::Closed,
            Ok(n) => buf.extend_from_slice(chunk.get(..n).unwrap_or(&[])),
            Err(e) if is_timeout(&e) || e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => break End::Closed,
        }
        let frames = take_frames(&mut buf);
        let now = Instant::now();
        if !frames.is_empty() {
            frame_by = None;
            idle_since = now;
        }
        // The octets left over begin the next frame.
        if !buf.is_empty() && frame_by.is_none() {
            frame_by = Some(deadline(now, s.cfg.tcp_frame));
        }
        for frame in frames {
            bump(&s.stats.tcp_queries);
            match judge(&frame, &s.stats) {
                Verdict::Drop => {}
                Verdict::Reply(answer) => conn.answer(&answer),
                Verdict::Forward(msg) => start_exchange(s, &conn, &mut rng, &msg),
            }
        }
    };
    match end {
        // Half-closed by the client: the exchanges under way still answer;
        // the socket closes with the last of them.
        End::Closed => {}
        End::Expired => {
            bump(&s.stats.tcp_expired);
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

/// What an exchange thread needs of the client's query.
struct Exchange {
    query: Outgoing,
    id: u16,
    client_id: u16,
    flags: Flags,
    client_edns: Option<u16>,
    cost: usize,
}

/// Starts the exchange for one query in a thread of its own, or answers
/// SERVFAIL when the connection's cap or the pending budget is reached.
fn start_exchange(s: &Arc<Shared>, conn: &Arc<Conn>, rng: &mut SecureRandom, msg: &Message<'_>) {
    let Some(q) = msg.question() else { return };
    let key = crate::net::QuestionKey::of(&q);
    let client_id = msg.header().id;
    let flags = msg.header().flags;
    let client_edns = msg.edns().map(|e| e.udp_payload_size);
    let refused = |over_limit: bool| {
        if over_limit {
            bump(&s.stats.over_limit);
        }
        bump(&s.stats.servfail);
        conn.answer(&servfail(client_id, flags, &key, client_edns));
    };
    let Ok(id) = rng.u16() else { return refused(false) };
    let Ok(query) = Outgoing::new(msg, key.clone(), id, s.cfg.randomize_case, rng) else { return refused(false) };
    let cost = std::mem::size_of::<Exchange>().saturating_add(query.wire.len());
    if conn.inflight.fetch_add(1, Ordering::AcqRel) >= s.cfg.max_tcp_inflight {
        conn.inflight.fetch_sub(1, Ordering::AcqRel);
        return refused(true);
    }
    if !s.reserve(cost) {
        conn.inflight.fetch_sub(1, Ordering::AcqRel);
        return refused(true);
    }
    let job = Exchange { query, id, client_id, flags, client_edns, cost };
    let (shared, c) = (Arc::clone(s), Arc::clone(conn));
    let spawned = std::thread::Builder::new().name("forward-tcp-exchange".into()).stack_size(STACK).spawn(move || {
        let answer = exchange(&shared, &c, &job);
        c.answer(&answer);
        shared.release(job.cost);
        c.inflight.fetch_sub(1, Ordering::AcqRel);
    });
    if spawned.is_err() {
        s.release(cost);
        conn.inflight.fetch_sub(1, Ordering::AcqRel);
        refused(false);
    }
}

/// Asks the upstream over TCP and returns the client's answer or a SERVFAIL.
fn exchange(s: &Shared, conn: &Conn, job: &Exchange) -> Vec<u8> {
    let by = deadline(Instant::now(), s.cfg.upstream_timeout);
    match ask_upstream(s, conn, job, by) {
        Ok(response) => {
            if let Ok(msg) = Message::decode(&response)
                && let Some(answer) = client_answer(&s.stats, &msg, job.client_id, &job.query.key, dnswire::MAX_MESSAGE_LEN)
            {
                return answer;
            }
            bump(&s.stats.servfail);
        }
        Err(e) if is_timeout(&e) => bump(&s.stats.timeouts),
        Err(_) => bump(&s.stats.servfail),
    }
    servfail(job.client_id, job.flags, &job.query.key, job.client_edns)
}

/// Sends the query over a kept upstream connection or a new one and reads
/// until its answer, all by `by`. A kept connection the upstream closed
/// meanwhile is replaced once.
fn ask_upstream(s: &Shared, conn: &Conn, job: &Exchange, by: Instant) -> io::Result<Vec<u8>> {
    for attempt in 0..2 {
        let kept = lock(&conn.idle_upstreams).pop();
        let reused = kept.is_some();
        let mut up = match kept {
            Some(up) => up,
            None => {
                let up = TcpStream::connect_timeout(&s.cfg.upstream, time_left(by)?)?;
                let _ = up.set_nodelay(true);
                up
            }
        };
        match one_exchange(s, &mut up, job, by) {
            Ok(answer) => {
                let mut idle = lock(&conn.idle_upstreams);
                if idle.len() < s.cfg.max_tcp_inflight {
                    idle.push(up);
                }
                return Ok(answer);
            }
            Err(e) if reused && attempt == 0 && !is_timeout(&e) => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("upstream connection lost"))
}

/// One query and its answer on `up`, by `by`: messages with another id or
/// question are skipped.
fn one_exchange(s: &Shared, up: &mut TcpStream, job: &Exchange, by: Instant) -> io::Result<Vec<u8>> {
    up.set_write_timeout(Some(time_left(by)?))?;
    write_framed(up, &job.query.wire)?;
    bump(&s.stats.forwarded);
    loop {
        let msg = read_framed_by(up, by)?.ok_or(io::ErrorKind::UnexpectedEof)?;
        if message_id(&msg) == Some(job.id) && Message::decode(&msg).is_ok_and(|m| job.query.answered_by(&m)) {
            return Ok(msg);
        }
        bump(&s.stats.unmatched);
    }
}
