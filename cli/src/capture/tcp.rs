//! TCP stream reassembly and DNS-over-TCP framing (2-byte length prefix,
//! RFC 1035 section 4.2.2, RFC 7766).
//!
//! Segments after a hole wait for it to fill. A hole is given up on once it is
//! certain not to fill: the receiver acknowledged bytes past its start (so they
//! will never be retransmitted), the data waiting behind it outgrows its bound,
//! or the stream ends (a new connection on the same 4-tuple, or the end of the
//! file). Framing then resumes at the first segment after the hole: senders of
//! DNS over TCP usually start a segment at a message boundary, and Wireshark
//! resumes there too.

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;

use etherparse::TcpSlice;

/// Out-of-order bytes one stream may hold while waiting for a gap to fill.
const MAX_PENDING_STREAM: usize = 1 << 20;
/// Out-of-order bytes all streams together may hold.
const MAX_PENDING_TOTAL: usize = 64 << 20;

/// One direction of a connection: (sender, receiver).
pub(super) type Key = (SocketAddr, SocketAddr);

/// All TCP streams of a capture, each direction reassembled on its own.
#[derive(Default)]
pub(super) struct Streams {
    streams: HashMap<Key, Stream>,
    counts: Counts,
}

#[derive(Default)]
struct Counts {
    pending_total: usize,
    gap_bytes: u64,
    unfinished_bytes: u64,
}

struct Stream {
    /// Sequence number of the first stream byte: SYN + 1, or the first segment seen.
    start_seq: u32,
    /// Sequence number and stream offset of the next in-order byte.
    next_seq: u32,
    next_offset: u64,
    /// Segments that arrived after a gap, by stream offset, with their packet numbers.
    pending: BTreeMap<u64, (u64, Vec<u8>)>,
    pending_len: usize,
    /// In-order bytes of a message not yet complete.
    buf: Vec<u8>,
    /// Highest acknowledgment number the receiver sent (by the sender's sequence space).
    acked: Option<u32>,
}

/// Where messages go: stream direction, packet number that completed it, message.
pub(super) trait Emit: FnMut(Key, u64, Vec<u8>) {}
impl<F: FnMut(Key, u64, Vec<u8>)> Emit for F {}

impl Stream {
    fn new(start_seq: u32) -> Self {
        Self { start_seq, next_seq: start_seq, next_offset: 0, pending: BTreeMap::new(), pending_len: 0, buf: Vec::new(), acked: None }
    }

    /// Signed distance from the next expected byte to `seq` (sequence numbers wrap at 2^32).
    fn ahead(&self, seq: u32) -> i32 {
        seq.wrapping_sub(self.next_seq) as i32
    }

    fn advance(&mut self, len: u64) {
        self.next_offset += len;
        // Sequence numbers wrap at 2^32; offsets do not.
        self.next_seq = self.next_seq.wrapping_add(len as u32);
    }

    fn append(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
        self.advance(bytes.len() as u64);
    }

    /// Emits every complete length-prefixed message at the front of the buffer.
    fn frame(&mut self, key: Key, frame: u64, emit: &mut impl Emit) {
        let mut at = 0;
        while let Some(&[hi, lo]) = self.buf.get(at..at + 2) {
            let end = at + 2 + usize::from(u16::from_be_bytes([hi, lo]));
            let Some(message) = self.buf.get(at + 2..end) else {
                break;
            };
            emit(key, frame, message.to_vec());
            at = end;
        }
        self.buf.drain(..at);
    }

    /// Appends the waiting segments the in-order data now reaches. Messages they
    /// complete belong to packet `frame`, or with `None` to each segment's own packet.
    fn drain_pending(&mut self, counts: &mut Counts, key: Key, frame: Option<u64>, emit: &mut impl Emit) {
        while let Some(entry) = self.pending.first_entry() {
            if *entry.key() > self.next_offset {
                break;
            }
            let (offset, (own_frame, bytes)) = entry.remove_entry();
            self.pending_len -= bytes.len();
            counts.pending_total -= bytes.len();
            if let Some(new) = bytes.get((self.next_offset - offset) as usize..) {
                self.append(new);
            }
            self.frame(key, frame.unwrap_or(own_frame), emit);
        }
    }

    /// Gives up on the first hole: drops the unfinished message before it and
    /// resumes framing at the first segment after it.
    fn skip_hole(&mut self, counts: &mut Counts, key: Key, emit: &mut impl Emit) {
        let Some(&offset) = self.pending.keys().next() else {
            return;
        };
        counts.unfinished_bytes += self.buf.len() as u64;
        self.buf.clear();
        counts.gap_bytes += offset - self.next_offset;
        self.advance(offset - self.next_offset);
        self.drain_pending(counts, key, None, emit);
    }

    /// Skips every hole the receiver has acknowledged past: it never comes again.
    fn skip_acked_holes(&mut self, counts: &mut Counts, key: Key, emit: &mut impl Emit) {
        while !self.pending.is_empty() && self.acked.is_some_and(|ack| self.ahead(ack) > 0) {
            self.skip_hole(counts, key, emit);
        }
    }

    /// Ends the stream: every hole is final now.
    fn close(mut self, counts: &mut Counts, key: Key, emit: &mut impl Emit) {
        while !self.pending.is_empty() {
            self.skip_hole(counts, key, emit);
        }
        counts.unfinished_bytes += self.buf.len() as u64;
    }
}

impl Streams {
    /// Feeds one segment of packet `frame` from `key.0` to `key.1`; `emit` gets
    /// each message it completes (possibly of earlier packets, and of the other direction).
    pub(super) fn segment(&mut self, key: Key, frame: u64, tcp: &TcpSlice<'_>, emit: &mut impl Emit) {
        let counts = &mut self.counts;
        // The acknowledgment is about the opposite direction's bytes.
        if tcp.ack() {
            let back = (key.1, key.0);
            if let Some(stream) = self.streams.get_mut(&back) {
                let ack = tcp.acknowledgment_number();
                if stream.acked.is_none_or(|old| ack.wrapping_sub(old) as i32 > 0) {
                    stream.acked = Some(ack);
                    stream.skip_acked_holes(counts, back, emit);
                }
            }
        }
        // The SYN itself takes one sequence number.
        let seq = tcp.sequence_number().wrapping_add(tcp.syn().into());
        if tcp.syn() && self.streams.get(&key).is_some_and(|s| s.start_seq != seq) {
            // A new initial sequence number: the 4-tuple was reused by a new connection.
            if let Some(old) = self.streams.remove(&key) {
                old.close(counts, key, emit);
            }
        }
        let payload = tcp.payload();
        if payload.is_empty() && !tcp.syn() {
            return;
        }
        // Without a SYN the stream starts at the first segment seen.
        let stream = self.streams.entry(key).or_insert_with(|| Stream::new(seq));
        let ahead = stream.ahead(seq);
        if ahead > 0 {
            let len = payload.len();
            let slot = stream.pending.entry(stream.next_offset + ahead as u64).or_default();
            if slot.1.len() < len {
                stream.pending_len += len - slot.1.len();
                counts.pending_total += len - slot.1.len();
                *slot = (frame, payload.to_vec());
            }
            // Past the bounds the gap is not going to fill in time: resume after it.
            while stream.pending_len > MAX_PENDING_STREAM || counts.pending_total > MAX_PENDING_TOTAL {
                if stream.pending.is_empty() {
                    break;
                }
                stream.skip_hole(counts, key, emit);
            }
            stream.skip_acked_holes(counts, key, emit);
            return;
        }
        // At or before the next expected byte: skip what was already received.
        let seen = ahead.unsigned_abs() as usize;
        if seen >= payload.len() {
            return;
        }
        stream.append(&payload[seen..]);
        stream.frame(key, frame, emit);
        stream.drain_pending(counts, key, Some(frame), emit);
    }

    /// Ends every stream: returns (bytes missing from holes skipped over, bytes of
    /// messages left unfinished by a hole or by the end of their stream).
    pub(super) fn finish(mut self, emit: &mut impl Emit) -> (u64, u64) {
        for (key, stream) in std::mem::take(&mut self.streams) {
            stream.close(&mut self.counts, key, emit);
        }
        (self.counts.gap_bytes, self.counts.unfinished_bytes)
    }
}
