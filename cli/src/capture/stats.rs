//! Counts of what was read but yielded no DNS message.

use std::fmt;

use super::Skip;

/// Packets skipped, per reason, plus TCP stream bytes that never formed a message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SkipStats {
    /// Link type this reader does not decode.
    pub unsupported_link: u64,
    /// Link layer carries something other than IPv4/IPv6 (ARP, LLC, ...).
    pub not_ip: u64,
    /// IP carries something other than UDP/TCP (ICMP, ...).
    pub not_udp_tcp: u64,
    /// UDP/TCP with neither port among the DNS ports asked for.
    pub other_port: u64,
    /// Packet cut by the capture's snap length before its payload ended.
    pub truncated: u64,
    /// Malformed link, IP, UDP or TCP header, or one whose lengths overrun the packet.
    pub bad_header: u64,
    /// IP fragments whose datagram never completed (or was dropped to bound memory).
    pub fragment_incomplete: u64,
    /// Last record of the file cut off in the middle.
    pub cut_short: u64,
    /// UDP datagram on a DNS port with nothing in it.
    pub empty_payload: u64,
    /// Tunnels nested deeper than this reader follows.
    pub too_deep: u64,
    /// TCP stream bytes never captured: holes that never filled, skipped over.
    pub tcp_gap_bytes: u64,
    /// TCP bytes of messages left incomplete by a hole that never filled or by
    /// the end of their stream.
    pub tcp_unfinished_bytes: u64,
}

impl SkipStats {
    /// Number of packets skipped (the byte counters are not packets and are not included).
    pub fn total(&self) -> u64 {
        self.packet_counts().iter().map(|(n, _)| n).sum()
    }

    pub(super) fn add(&mut self, skip: Skip) {
        *match skip {
            Skip::UnsupportedLink => &mut self.unsupported_link,
            Skip::NotIp => &mut self.not_ip,
            Skip::NotUdpTcp => &mut self.not_udp_tcp,
            Skip::OtherPort => &mut self.other_port,
            Skip::Truncated => &mut self.truncated,
            Skip::BadHeader => &mut self.bad_header,
            Skip::CutShort => &mut self.cut_short,
            Skip::EmptyPayload => &mut self.empty_payload,
            Skip::TooDeep => &mut self.too_deep,
        } += 1;
    }

    fn packet_counts(&self) -> [(u64, &'static str); 10] {
        [
            (self.other_port, "other port"),
            (self.not_udp_tcp, "not UDP/TCP"),
            (self.not_ip, "not IP"),
            (self.unsupported_link, "unsupported link type"),
            (self.truncated, "truncated"),
            (self.bad_header, "bad header"),
            (self.fragment_incomplete, "incomplete fragment"),
            (self.cut_short, "file cut short"),
            (self.empty_payload, "empty payload"),
            (self.too_deep, "tunnels too deep"),
        ]
    }
}

/// `"5 packets skipped: 3 other port, 2 truncated; 40 TCP bytes unfinished"`.
impl fmt::Display for SkipStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.total();
        write!(f, "{total} packet{} skipped", if total == 1 { "" } else { "s" })?;
        let mut sep = ": ";
        for (n, reason) in self.packet_counts().into_iter().filter(|(n, _)| *n > 0) {
            write!(f, "{sep}{n} {reason}")?;
            sep = ", ";
        }
        if self.tcp_gap_bytes > 0 {
            write!(f, "; {} TCP bytes missing", self.tcp_gap_bytes)?;
        }
        if self.tcp_unfinished_bytes > 0 {
            write!(f, "; {} TCP bytes unfinished", self.tcp_unfinished_bytes)?;
        }
        Ok(())
    }
}
