//! Packet-capture reader: turns pcap / pcapng files into the DNS messages
//! they carry (UDP datagrams and length-prefixed DNS-over-TCP messages).
//!
//! Framing is done by `pcap-parser`, headers by `etherparse`; this module adds
//! link-type dispatch, IP fragment reassembly and TCP stream reassembly.

mod file;
mod ip;
mod link;
mod stats;
mod tcp;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::fmt;
use std::net::SocketAddr;

use etherparse::{IpNumber, TcpSlice, UdpSlice};

pub use stats::SkipStats;

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
            Self::Corrupt {
                offset,
                packets,
                detail,
            } => write!(
                f,
                "corrupt capture at byte {offset} (after {packets} packets): {detail}"
            ),
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
}

/// Reads every DNS message on `ports` (either end) from a pcap or pcapng file.
pub fn read_capture(file_bytes: &[u8], ports: &[u16]) -> Result<Capture, CaptureError> {
    let mut reader = Reader {
        ports,
        ..Reader::default()
    };
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
}

impl Reader<'_> {
    fn record(&mut self, record: &file::Record<'_>) {
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
        let ip = ip::parse(link::ip_packet(linktype, record.data)?)?;
        let payload = match ip.fragment {
            None => Cow::Borrowed(ip.payload),
            Some(_) if ip.incomplete => return Err(Skip::Truncated),
            Some(fragment) => match self.fragments.add(&ip, fragment) {
                Some(datagram) => Cow::Owned(datagram),
                None => return Ok(()),
            },
        };
        self.transport(record.frame, &ip, &payload)
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
        let messages = &mut self.capture.messages;
        let mut emit = |data: Vec<u8>| {
            messages.push(CapturedMessage {
                frame,
                transport,
                src,
                dst,
                data,
            });
        };
        match transport {
            Transport::Udp => {
                let udp = UdpSlice::from_slice(payload).map_err(|_| Skip::BadHeader)?;
                emit(udp.payload().to_vec());
            }
            Transport::Tcp => {
                let tcp = TcpSlice::from_slice(payload).map_err(|_| Skip::BadHeader)?;
                self.streams.segment((src, dst), &tcp, emit);
            }
        }
        Ok(())
    }

    fn finish(mut self) -> Capture {
        let skipped = &mut self.capture.skipped;
        skipped.fragment_incomplete += self.fragments.finish();
        let (gap, unfinished) = self.streams.finish();
        skipped.tcp_gap_bytes += gap;
        skipped.tcp_unfinished_bytes += unfinished;
        self.capture
    }
}
