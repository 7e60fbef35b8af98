//! Packet-capture reader: turns pcap / pcapng files into the DNS messages
//! they carry (UDP datagrams and length-prefixed DNS-over-TCP messages).
//!
//! Framing is done by `pcap-parser`, headers by `etherparse`; this module adds
//! link-type dispatch, tunnels, IP fragment reassembly and TCP stream reassembly.

mod file;
mod ip;
mod link;
mod stats;
mod tcp;
#[cfg(test)]
mod tests;
mod time;
mod tunnel;

use std::borrow::Cow;
use std::fmt;
use std::net::SocketAddr;

use etherparse::{IpNumber, TcpSlice, UdpSlice};

pub use stats::SkipStats;
pub use time::CaptureTime;

/// Ports treated as DNS when the caller has no better idea: DNS, mDNS, LLMNR.
pub const DEFAULT_PORTS: [u16; 3] = [53, 5353, 5355];

/// How a message travelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Transport {
    Udp,
    Tcp,
}

/// One DNS message found in a capture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CapturedMessage {
    /// 1-based packet number (as Wireshark counts) of the packet that
    /// completed the message.
    pub frame: u64,
    /// When that packet was captured, if the file says.
    pub time: Option<CaptureTime>,
    pub transport: Transport,
    pub src: SocketAddr,
    pub dst: SocketAddr,
    /// The DNS message; for TCP without its 2-byte length prefix.
    pub data: Vec<u8>,
}

/// Everything read from one capture file.
#[derive(Clone, Debug, Default)]
pub struct Capture {
    /// Messages in file order of the packet that completed each of them.
    pub messages: Vec<CapturedMessage>,
    pub skipped: SkipStats,
}

/// The file is not a capture, or its framing is corrupt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaptureError {
    /// Neither a pcap nor a pcapng magic number at the start.
    NotCapture,
    /// A record or block that cannot be framed.
    Corrupt {
        /// Byte offset of the bad record or block.
        offset: usize,
        /// Number of packets read before it.
        packets: u64,
        detail: String,
    },
}

impl fmt::Display for CaptureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotCapture => f.write_str("not a pcap or pcapng file"),
            Self::Corrupt { offset, packets, detail } => write!(f, "corrupt capture at byte {offset} (after {packets} packets): {detail}"),
        }
    }
}

impl std::error::Error for CaptureError {}

/// Why a packet yielded no message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Skip {
    UnsupportedLink,
    NotIp,
    NotUdpTcp,
    OtherPort,
    Truncated,
    BadHeader,
    CutShort,
    EmptyPayload,
    TooDeep,
}

/// Reads every DNS message on `ports` (either end) from a pcap or pcapng file.
pub fn read_capture(file_bytes: &[u8], ports: &[u16]) -> Result<Capture, CaptureError> {
    let mut reader = Reader { ports, ..Reader::default() };
    let ending = file::read_records(file_bytes, |record| reader.record(&record))?;
    if ending == file::Ending::CutShort {
        reader.capture.skipped.add(Skip::CutShort);
    }
    Ok(reader.finish())
}

#[derive(Default)]
struct Reader<'p> {
    ports: &'p [u16],
    fragments: ip::Fragments,
    streams: tcp::Streams,
    capture: Capture,
    /// Each packet's capture time, by frame number less one.
    times: Vec<Option<CaptureTime>>,
}

impl Reader<'_> {
    fn record(&mut self, record: &file::Record<'_>) {
        self.times.push(record.time);
        if let Err(skip) = self.packet(record) {
            // Missing or ill-fitting data is the snap length's fault only if it cut the packet.
            let cut = record.data.len() < record.orig_len;
            let skip = match skip {
                Skip::Truncated | Skip::BadHeader if cut => Skip::Truncated,
                Skip::Truncated => Skip::BadHeader,
                other => other,
            };
            self.capture.skipped.add(skip);
        }
    }

    fn packet(&mut self, record: &file::Record<'_>) -> Result<(), Skip> {
        let linktype = record.linktype.ok_or(Skip::BadHeader)?;
        let mut packet = Cow::Borrowed(link::ip_packet(linktype, record.data)?);
        // Each round strips one IP header; tunnels make more rounds, up to a bound.
        for _ in 0..=tunnel::MAX_DEPTH {
            let inner = match &packet {
                Cow::Borrowed(bytes) => self.ip_packet(record.frame, bytes)?,
                // Inside a reassembled datagram: the inner packet must be copied out.
                Cow::Owned(bytes) => self.ip_packet(record.frame, bytes)?.map(|inner| Cow::Owned(inner.into_owned())),
            };
            match inner {
                Some(inner) => packet = inner,
                None => return Ok(()),
            }
        }
        Err(Skip::TooDeep)
    }

    /// Reads one IP packet: returns the packet it tunnels, if any, or hands its
    /// UDP / TCP payload on.
    fn ip_packet<'a>(&mut self, frame: u64, bytes: &'a [u8]) -> Result<Option<Cow<'a, [u8]>>, Skip> {
        let ip = ip::parse(bytes)?;
        let payload = match ip.fragment {
            None => Cow::Borrowed(ip.payload),
            Some(_) if ip.incomplete => return Err(Skip::Truncated),
            Some(fragment) => match self.fragments.add(&ip, fragment) {
                Some(datagram) => Cow::Owned(datagram),
                None => return Ok(None),
            },
        };
        let Some(inner) = tunnel::inner(ip.protocol, &payload, self.ports)? else {
            self.transport(frame, &ip, &payload)?;
            return Ok(None);
        };
        // Where the inner packet lies in the payload (it is a sub-slice of it).
        let start = inner.as_ptr().addr() - payload.as_ptr().addr();
        let range = start..start + inner.len();
        Ok(Some(match payload {
            Cow::Borrowed(payload) => Cow::Borrowed(&payload[range]),
            Cow::Owned(mut datagram) => {
                datagram.truncate(range.end);
                datagram.drain(..range.start);
                Cow::Owned(datagram)
            }
        }))
    }

    fn transport(&mut self, frame: u64, ip: &ip::IpPacket<'_>, payload: &[u8]) -> Result<(), Skip> {
        let transport = match ip.protocol {
            IpNumber::UDP => Transport::Udp,
            IpNumber::TCP => Transport::Tcp,
            _ => return Err(Skip::NotUdpTcp),
        };
        // Both UDP and TCP start with the two ports: filter before full parsing.
        let [s0, s1, d0, d1, ..] = *payload else {
            return Err(Skip::Truncated);
        };
        let (sport, dport) = (u16::from_be_bytes([s0, s1]), u16::from_be_bytes([d0, d1]));
        if !self.ports.contains(&sport) && !self.ports.contains(&dport) {
            return Err(Skip::OtherPort);
        }
        if ip.incomplete {
            return Err(Skip::Truncated);
        }
        let src = SocketAddr::new(ip.src, sport);
        let dst = SocketAddr::new(ip.dst, dport);
        match transport {
            Transport::Udp => {
                let udp = UdpSlice::from_slice(payload).map_err(|_| Skip::BadHeader)?;
                if udp.payload().is_empty() {
                    return Err(Skip::EmptyPayload);
                }
                self.capture.messages.push(CapturedMessage { frame, time: None, transport, src, dst, data: udp.payload().to_vec() });
            }
            Transport::Tcp => {
                let tcp = TcpSlice::from_slice(payload).map_err(|_| Skip::BadHeader)?;
                let messages = &mut self.capture.messages;
                self.streams.segment((src, dst), frame, &tcp, &mut tcp_emitter(messages));
            }
        }
        Ok(())
    }

    fn finish(mut self) -> Capture {
        let capture = &mut self.capture;
        capture.skipped.fragment_incomplete += self.fragments.finish();
        let (gap, unfinished) = self.streams.finish(&mut tcp_emitter(&mut capture.messages));
        capture.skipped.tcp_gap_bytes += gap;
        capture.skipped.tcp_unfinished_bytes += unfinished;
        // Messages after a TCP hole that was given up on come out late: put them in
        // place (the sort is stable, so messages of one packet keep their order).
        capture.messages.sort_by_key(|m| m.frame);
        for message in &mut capture.messages {
            let index = usize::try_from(message.frame.saturating_sub(1)).unwrap_or(usize::MAX);
            message.time = self.times.get(index).copied().flatten();
        }
        self.capture
    }
}

/// Turns the TCP reassembler's output into captured messages.
fn tcp_emitter(messages: &mut Vec<CapturedMessage>) -> impl tcp::Emit + '_ {
    |(src, dst): tcp::Key, frame: u64, data: Vec<u8>| {
        messages.push(CapturedMessage { frame, time: None, transport: Transport::Tcp, src, dst, data });
    }
}
