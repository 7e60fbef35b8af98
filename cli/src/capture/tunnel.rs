//! Tunnels: the packet carried inside IP-in-IP, GRE, VXLAN and Geneve.

use etherparse::{EtherType, IpNumber};

use super::{Skip, link};

/// Tunnels a packet may be wrapped in, one inside the other, before it is given up on.
pub(super) const MAX_DEPTH: usize = 4;

const VXLAN_PORT: u16 = 4789;
const GENEVE_PORT: u16 = 6081;

/// GRE / Geneve protocol types beyond the ether types `link` knows.
const TRANSPARENT_ETHERNET: u16 = 0x6558;
const GRE_PPP: u16 = 0x880b;

/// The IP packet tunnelled in an IP payload of protocol `protocol`, if this is
/// a tunnel at all (`Ok(None)` means: an ordinary transport payload). UDP
/// tunnels are recognised by their destination port, unless one of the ports
/// is a DNS port asked for.
pub(super) fn inner<'a>(protocol: IpNumber, payload: &'a [u8], dns_ports: &[u16]) -> Result<Option<&'a [u8]>, Skip> {
    match protocol {
        IpNumber::IPV4 | IpNumber::IPV6 => Ok(Some(payload)),
        IpNumber::GRE => gre(payload).map(Some),
        IpNumber::UDP => {
            let Some(&[s0, s1, d0, d1, ..]) = payload.get(..8) else {
                return Ok(None);
            };
            let (sport, dport) = (u16::from_be_bytes([s0, s1]), u16::from_be_bytes([d0, d1]));
            if dns_ports.contains(&sport) || dns_ports.contains(&dport) {
                return Ok(None);
            }
            // The UDP length is not checked: a datagram cut by the snap length still
            // yields its inner headers, and the inner IP header knows its own length.
            let body = &payload[8..];
            match dport {
                VXLAN_PORT => vxlan(body).map(Some),
                GENEVE_PORT => geneve(body).map(Some),
                _ => Ok(None),
            }
        }
        _ => Ok(None),
    }
}

fn be16(bytes: &[u8], at: usize) -> Result<u16, Skip> {
    match bytes.get(at..at + 2) {
        Some(&[hi, lo]) => Ok(u16::from_be_bytes([hi, lo])),
        _ => Err(Skip::BadHeader),
    }
}

/// GRE (RFC 2784 / 2890, and the enhanced GRE of PPTP, RFC 2637).
fn gre(packet: &[u8]) -> Result<&[u8], Skip> {
    let flags = be16(packet, 0)?;
    let protocol = be16(packet, 2)?;
    let (checksum, routing, key, sequence) = (flags & 0x8000 != 0, flags & 0x4000 != 0, flags & 0x2000 != 0, flags & 0x1000 != 0);
    let mut len = 4;
    match flags & 0x0007 {
        0 => {
            if routing {
                // Source routing (RFC 1701): obsolete, and never seen around DNS.
                return Err(Skip::NotIp);
            }
            len += 4 * (usize::from(checksum) + usize::from(key) + usize::from(sequence));
        }
        1 => {
            // Enhanced GRE: the key (payload length, call id) is always there,
            // then the sequence and acknowledgment numbers when flagged.
            let ack = flags & 0x0080 != 0;
            if checksum || routing || !key {
                return Err(Skip::BadHeader);
            }
            len += 4 * (1 + usize::from(sequence) + usize::from(ack));
        }
        _ => return Err(Skip::BadHeader),
    }
    let rest = packet.get(len..).ok_or(Skip::BadHeader)?;
    by_protocol(protocol, rest)
}

/// VXLAN (RFC 7348): flags (with the I bit), reserved, VNI, reserved; then Ethernet.
fn vxlan(packet: &[u8]) -> Result<&[u8], Skip> {
    let frame = packet.get(8..).ok_or(Skip::BadHeader)?;
    link::ethernet(frame)
}

/// Geneve (RFC 8926): version and option length, flags, protocol type, VNI; options.
fn geneve(packet: &[u8]) -> Result<&[u8], Skip> {
    let first = *packet.first().ok_or(Skip::BadHeader)?;
    if first >> 6 != 0 {
        return Err(Skip::BadHeader);
    }
    let len = 8 + 4 * usize::from(first & 0x3f);
    let protocol = be16(packet, 2)?;
    let rest = packet.get(len..).ok_or(Skip::BadHeader)?;
    by_protocol(protocol, rest)
}

/// The IP packet behind a GRE / Geneve protocol type (an ether type, or one of a few more).
fn by_protocol(protocol: u16, rest: &[u8]) -> Result<&[u8], Skip> {
    match protocol {
        TRANSPARENT_ETHERNET => link::ethernet(rest),
        GRE_PPP => link::ppp(rest),
        _ => link::by_ether_type(EtherType(protocol), rest),
    }
}
