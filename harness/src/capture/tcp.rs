//! TCP stream reassembly and DNS-over-TCP framing (2-byte length prefix,
//! RFC 1035 section 4.2.2, RFC 7766).

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;

use etherparse::TcpSlice;

/// Out-of-order bytes one stream may hold while waiting for a gap to fill.
const MAX_PENDING_STREAM: usize = 1 << 20;
/// Out-of-order bytes all streams together may hold.
const MAX_PENDING_TOTAL: usize = 64 << 20;

/// One direction of a connection: (sender, receiver).
type Key = (SocketAddr, SocketAddr);

/// All TCP streams of a capture, each direction reassembled on its own.
#[derive(Default)]
pub(super) struct Streams {
    streams: HashMap<Key, Stream>,
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
    /// Segments that arrived after a gap, by stream offset.
    pending: BTreeMap<u64, Vec<u8>>,
    pending_len: usize,
    /// In-order bytes of a message not yet complete.
    buf: Vec<u8>,
    /// A gap was given up on: the framing after it is lost.
    broken: bool,
}

impl Stream {
    fn new(start_seq: u32) -> Self {
        Self {
            start_seq,
            next_seq: start_seq,
            next_offset: 0,
            pending: BTreeMap::new(),
            pending_len: 0,
            buf: Vec::new(),
            broken: false,
        }
    }

    fn append(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
        self.next_offset += bytes.len() as u64;
        // Sequence numbers wrap at 2^32; offsets do not.
        self.next_seq = self.next_seq.wrapping_add(bytes.len() as u32);
    }

    /// Emits every complete length-prefixed message at the front of the buffer.
    fn frame(&mut self, emit: &mut impl FnMut(Vec<u8>)) {
        let mut at = 0;
        while let Some(&[hi, lo]) = self.buf.get(at..at + 2) {
            let end = at + 2 + usize::from(u16::from_be_bytes([hi, lo]));
            let Some(message) = self.buf.get(at + 2..end) else {
                break;
            };
            emit(message.to_vec());
            at = end;
        }
        self.buf.drain(..at);
    }
}

impl Streams {
    /// Feeds one segment from `key.0` to `key.1`; `emit` gets each message it completes.
    pub(super) fn segment(&mut self, key: Key, tcp: &TcpSlice<'_>, mut emit: impl FnMut(Vec<u8>)) {
        // The SYN itself takes one sequence number.
        let seq = tcp.sequence_number().wrapping_add(tcp.syn().into());
        if tcp.syn() && self.streams.get(&key).is_some_and(|s| s.start_seq != seq) {
            // A new initial sequence number: the 4-tuple was reused by a new connection.
            let old = self.streams.remove(&key);
            self.close(old);
        }
        let payload = tcp.payload();
        if payload.is_empty() && !tcp.syn() {
            return;
        }
        // Without a SYN the stream starts at the first segment seen.
        let stream = self.streams.entry(key).or_insert_with(|| Stream::new(seq));
        if stream.broken {
            self.gap_bytes += payload.len() as u64;
            return;
        }
        let ahead = seq.wrapping_sub(stream.next_seq) as i32;
        if ahead > 0 {
            let len = payload.len();
            if stream.pending_len + len > MAX_PENDING_STREAM
                || self.pending_total + len > MAX_PENDING_TOTAL
            {
                // The gap is not going to fill within bounds: drop what waits on it.
                self.gap_bytes += (stream.pending_len + len) as u64;
                self.unfinished_bytes += stream.buf.len() as u64;
                self.pending_total -= stream.pending_len;
                *stream = Stream {
                    broken: true,
                    ..Stream::new(seq)
                };
                return;
            }
            let slot = stream
                .pending
                .entry(stream.next_offset + ahead as u64)
                .or_default();
            if slot.len() < len {
                stream.pending_len += len - slot.len();
                self.pending_total += len - slot.len();
                *slot = payload.to_vec();
            }
            return;
        }
        // At or before the next expected byte: skip what was already received.
        let seen = ahead.unsigned_abs() as usize;
        if seen >= payload.len() {
            return;
        }
        stream.append(&payload[seen..]);
        while let Some(entry) = stream.pending.first_entry() {
            if *entry.key() > stream.next_offset {
                break;
            }
            let (offset, bytes) = entry.remove_entry();
            stream.pending_len -= bytes.len();
            self.pending_total -= bytes.len();
            if let Some(new) = bytes.get((stream.next_offset - offset) as usize..) {
                stream.append(new);
            }
        }
        stream.frame(&mut emit);
    }

    fn close(&mut self, stream: Option<Stream>) {
        if let Some(stream) = stream {
            self.unfinished_bytes += stream.buf.len() as u64;
            self.gap_bytes += stream.pending_len as u64;
            self.pending_total -= stream.pending_len;
        }
    }

    /// Ends every stream: returns (bytes after gaps that never filled, bytes of unfinished messages).
    pub(super) fn finish(mut self) -> (u64, u64) {
        for stream in std::mem::take(&mut self.streams).into_values() {
            self.close(Some(stream));
        }
        (self.gap_bytes, self.unfinished_bytes)
    }
}
