//! Link layers: strips the link header of each supported link type down to the IP packet.

use etherparse::{EtherType, Ethernet2HeaderSlice, SingleVlanHeaderSlice};

use super::Skip;

// LINKTYPE_* values from https://www.tcpdump.org/linktypes.html
const NULL: u16 = 0;
const ETHERNET: u16 = 1;
const FDDI: u16 = 10;
const RAW_BSD: u16 = 12; // DLT_RAW on most BSDs when written as a link type
const RAW_OPENBSD: u16 = 14;
const RAW: u16 = 101;
const LOOP: u16 = 108;
const LINUX_SLL: u16 = 113;
const IPV4: u16 = 228;
const IPV6: u16 = 229;
const LINUX_SLL2: u16 = 276;

const ARPHRD_NETLINK: u16 = 824;
const PPPOE_SESSION: EtherType = EtherType(0x8864);
const PPP_IPV4: u16 = 0x0021;
const PPP_IPV6: u16 = 0x0057;

/// The IP packet inside one link-layer frame.
pub(super) fn ip_packet(linktype: u16, frame: &[u8]) -> Result<&[u8], Skip> {
    match linktype {
        ETHERNET => ethernet(frame),
        // Frame control (1), destination (6), source (6), then 802.2 LLC.
        FDDI => llc(frame.get(13..).ok_or(Skip::BadHeader)?),
        // Cooked captures are parsed by hand: etherparse 0.21 has no SLL2 and rejects SLL
        // frames from ARPHRD_NONE / ARPHRD_LOOPBACK interfaces, common in "any" captures.
        // SLL: packet type (2), ARPHRD type (2), address length (2), address (8), protocol (2).
        LINUX_SLL => cooked(frame, 16, 2, 14),
        // SLL2: protocol (2), reserved (2), ifindex (4), ARPHRD type (2), packet type,
        // address length, address (8).
        LINUX_SLL2 => cooked(frame, 20, 8, 0),
        NULL | LOOP => {
            // A 4-byte address family: host byte order for NULL, network order for LOOP.
            let Some(&[a, b, c, d]) = frame.get(..4) else {
                return Err(Skip::BadHeader);
            };
            let family = match linktype {
                NULL if a != 0 || b != 0 => u32::from_le_bytes([a, b, c, d]),
                _ => u32::from_be_bytes([a, b, c, d]),
            };
            // AF_INET is 2 everywhere; AF_INET6 is 10 (Linux), 24 (Net/OpenBSD), 28 (FreeBSD), 30 (Darwin).
            match family {
                2 | 10 | 24 | 28 | 30 => Ok(&frame[4..]),
                _ => Err(Skip::NotIp),
            }
        }
        RAW | RAW_BSD | RAW_OPENBSD | IPV4 | IPV6 => Ok(frame),
        _ => Err(Skip::UnsupportedLink),
    }
}

/// The IP packet in an Ethernet II frame.
pub(super) fn ethernet(frame: &[u8]) -> Result<&[u8], Skip> {
    let eth = Ethernet2HeaderSlice::from_slice(frame).map_err(|_| Skip::BadHeader)?;
    by_ether_type(eth.ether_type(), &frame[eth.slice().len()..])
}

/// The IP packet behind an 802.2 LLC header: only SNAP (DSAP and SSAP 0xaa,
/// unnumbered information) with an ether type carries IP.
fn llc(frame: &[u8]) -> Result<&[u8], Skip> {
    match frame.get(..8) {
        // OUI 0 (RFC 1042 encapsulation), then the ether type.
        Some(&[0xaa, 0xaa, 0x03, 0, 0, 0, hi, lo]) => by_ether_type(EtherType(u16::from_be_bytes([hi, lo])), &frame[8..]),
        Some(_) => Err(Skip::NotIp),
        None => Err(Skip::BadHeader),
    }
}

/// The IP packet in a PPP frame: optional address and control bytes, then a
/// one- or two-byte protocol number.
pub(super) fn ppp(frame: &[u8]) -> Result<&[u8], Skip> {
    let frame = frame.strip_prefix(&[0xff, 0x03]).unwrap_or(frame);
    let (protocol, rest) = match frame {
        // Protocol field compression: an odd first byte is the whole number.
        [first, rest @ ..] if first & 1 == 1 => (u16::from(*first), rest),
        [hi, lo, rest @ ..] => (u16::from_be_bytes([*hi, *lo]), rest),
        _ => return Err(Skip::BadHeader),
    };
    match protocol {
        PPP_IPV4 | PPP_IPV6 => Ok(rest),
        _ => Err(Skip::NotIp),
    }
}

fn cooked(frame: &[u8], header_len: usize, arphrd_at: usize, protocol_at: usize) -> Result<&[u8], Skip> {
    let header = frame.get(..header_len).ok_or(Skip::BadHeader)?;
    let be16 = |at: usize| u16::from_be_bytes([header[at], header[at + 1]]);
    // Netlink frames carry a netlink protocol number, not an ether type.
    if be16(arphrd_at) == ARPHRD_NETLINK {
        return Err(Skip::NotIp);
    }
    by_ether_type(EtherType(be16(protocol_at)), &frame[header_len..])
}

/// The IP packet behind an ether type, stepping over 802.1Q / 802.1ad VLAN tags
/// and PPPoE session headers.
pub(super) fn by_ether_type(mut ether_type: EtherType, mut rest: &[u8]) -> Result<&[u8], Skip> {
    loop {
        match ether_type {
            EtherType::VLAN_TAGGED_FRAME | EtherType::PROVIDER_BRIDGING | EtherType::VLAN_DOUBLE_TAGGED_FRAME => {
                let vlan = SingleVlanHeaderSlice::from_slice(rest).map_err(|_| Skip::BadHeader)?;
                ether_type = vlan.ether_type();
                rest = &rest[vlan.slice().len()..];
            }
            // Version/type, code, session id, length (6 bytes), then PPP without address and control.
            PPPOE_SESSION => return ppp(rest.get(6..).ok_or(Skip::BadHeader)?),
            EtherType::IPV4 | EtherType::IPV6 => return Ok(rest),
            _ => return Err(Skip::NotIp),
        }
    }
}
