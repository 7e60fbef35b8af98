//! IPv4 / IPv6 headers (via etherparse) and fragment reassembly.

use std::collections::HashMap;
use std::net::IpAddr;

use etherparse::{IpNumber, Ipv6ExtensionSlice, LaxIpSlice};

use super::Skip;

/// The parts of an IP packet this reader uses.
pub(super) struct IpPacket<'a> {
    pub src: IpAddr,
    pub dst: IpAddr,
    /// Protocol of the payload, after any IPv6 extension headers.
    pub protocol: IpNumber,
    pub payload: &'a [u8],
    /// The payload was cut by the capture's snap length.
    pub incomplete: bool,
    /// Set when the payload is one fragment of a larger datagram.
    pub fragment: Option<Fragment>,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Fragment {
    pub id: u32,
    /// Byte offset of this fragment in the datagram's payload.
    pub offset: usize,
    pub more: bool,
}

pub(super) fn parse(packet: &[u8]) -> Result<IpPacket<'_>, Skip> {
    // Lax parsing keeps snap-length-cut packets, so their ports can still be read.
    let (ip, ext_error) = LaxIpSlice::from_slice(packet).map_err(|_| Skip::BadHeader)?;
    if ext_error.is_some() {
        return Err(Skip::BadHeader);
    }
    let payload = ip.payload();
    let fragment = match &ip {
        _ if !payload.fragmented => None,
        LaxIpSlice::Ipv4(v4) => {
            let header = v4.header();
            Some(Fragment {
                id: header.identification().into(),
                offset: header.fragments_offset().byte_offset().into(),
                more: header.more_fragments(),
            })
        }
        LaxIpSlice::Ipv6(v6) => v6.extensions().clone().into_iter().find_map(|ext| match ext {
            Ipv6ExtensionSlice::Fragment(f) if f.is_fragmenting_payload() => {
                Some(Fragment { id: f.identification(), offset: f.fragment_offset().byte_offset().into(), more: f.more_fragments() })
            }
            _ => None,
        }),
    };
    if payload.fragmented && fragment.is_none() {
        return Err(Skip::BadHeader);
    }
    Ok(IpPacket {
        src: ip.source_addr(),
        dst: ip.destination_addr(),
        protocol: payload.ip_number,
        payload: payload.payload,
        incomplete: payload.incomplete,
        fragment,
    })
}

/// Bytes held for all incomplete datagrams together; past it a datagram is dropped.
const MAX_BUFFERED: usize = 16 << 20;
/// Largest IP payload a fragment may reach (no jumbograms).
const MAX_DATAGRAM: usize = 65_535;

/// Source, destination, protocol and identification: what RFC 791 keys fragments by.
type Key = (IpAddr, IpAddr, IpNumber, u32);

/// Fragments waiting for the rest of their datagram, in any arrival order.
#[derive(Default)]
pub(super) struct Fragments {
    pending: HashMap<Key, Datagram>,
    buffered: usize,
    /// Fragment packets thrown away (inconsistent, or over the memory bound).
    dropped: u64,
}

#[derive(Default)]
struct Datagram {
    data: Vec<u8>,
    /// Byte ranges received, sorted and merged.
    have: Vec<(usize, usize)>,
    /// Known once the last fragment (no "more fragments" flag) is seen.
    len: Option<usize>,
    packets: u64,
}

impl Fragments {
    /// Adds one fragment; returns the datagram's payload once it is complete.
    pub(super) fn add(&mut self, ip: &IpPacket<'_>, fragment: Fragment) -> Option<Vec<u8>> {
        let key = (ip.src, ip.dst, ip.protocol, fragment.id);
        let (start, end) = (fragment.offset, fragment.offset + ip.payload.len());
        let datagram = self.pending.entry(key).or_default();
        datagram.packets += 1;
        let consistent = end <= MAX_DATAGRAM
            && match datagram.len {
                Some(len) => end <= len && (fragment.more || end == len),
                None => fragment.more || datagram.data.len() <= end,
            };
        let grow = end.saturating_sub(datagram.data.len());
        if !consistent || self.buffered + grow > MAX_BUFFERED {
            self.drop(&key);
            return None;
        }
        self.buffered += grow;
        if grow > 0 {
            datagram.data.resize(end, 0);
        }
        datagram.data[start..end].copy_from_slice(ip.payload);
        if !fragment.more {
            datagram.len = Some(end);
        }
        datagram.have.push((start, end));
        datagram.have.sort_unstable();
        datagram.have.dedup_by(|next, prev| {
            let overlaps = next.0 <= prev.1;
            if overlaps {
                prev.1 = prev.1.max(next.1);
            }
            overlaps
        });
        let complete = datagram.len.is_some_and(|len| datagram.have == [(0, len)]);
        if !complete {
            return None;
        }
        let datagram = self.pending.remove(&key)?;
        self.buffered -= datagram.data.len();
        Some(datagram.data)
    }

    fn drop(&mut self, key: &Key) {
        if let Some(datagram) = self.pending.remove(key) {
            self.buffered -= datagram.data.len();
            self.dropped += datagram.packets;
        }
    }

    /// Number of fragment packets that never became a datagram.
    pub(super) fn finish(self) -> u64 {
        self.dropped + self.pending.values().map(|d| d.packets).sum::<u64>()
    }
}
