//! Well-known services, obsolete: WKS (RFC 1035 §3.4.2).

use core::fmt;
use core::net::Ipv4Addr;

use super::field::{Addr, Codec};
use super::rdata_struct;
use crate::error::{DecodeError, EncodeError, TextError};
use crate::present;
use crate::text::{Fields, Token};
use crate::wire::{Reader, Writer};

rdata_struct! {
    /// Well-known services, obsolete (RFC 1035 §3.4.2).
    pub struct Wks<'a> {
        /// The host's address.
        pub address: Ipv4Addr => Addr,
        /// The IP protocol number (6 TCP, 17 UDP).
        pub protocol: u8 => Protocol,
        /// One bit per port, port 0 first; presented as the port numbers.
        pub bitmap: &'a [u8] => WksPorts,
    }
}

/// An IP protocol number, presented in decimal and read in decimal or by
/// the names dnspython takes from the system's protocol table.
pub(crate) struct Protocol;

const PROTOCOLS: &[(u8, &str)] = &[(1, "icmp"), (6, "tcp"), (17, "udp")];

/// Well-known service names (IANA's service name and port registry, as in
/// `/etc/services`), which dnspython reads in place of port numbers.
const SERVICES: &[(u16, &str)] = &[
    (1, "tcpmux"),
    (7, "echo"),
    (9, "discard"),
    (13, "daytime"),
    (20, "ftp-data"),
    (21, "ftp"),
    (22, "ssh"),
    (23, "telnet"),
    (25, "smtp"),
    (37, "time"),
    (43, "whois"),
    (53, "domain"),
    (67, "bootps"),
    (68, "bootpc"),
    (69, "tftp"),
    (70, "gopher"),
    (79, "finger"),
    (80, "http"),
    (80, "www"),
    (88, "kerberos"),
    (110, "pop3"),
    (111, "sunrpc"),
    (113, "auth"),
    (119, "nntp"),
    (123, "ntp"),
    (143, "imap"),
    (143, "imap2"),
    (161, "snmp"),
    (179, "bgp"),
    (389, "ldap"),
    (443, "https"),
    (514, "syslog"),
    (587, "submission"),
    (993, "imaps"),
    (995, "pop3s"),
];

impl<'a> Codec<'a, u8> for Protocol {
    fn decode(r: &mut Reader<'a>) -> Result<u8, DecodeError> {
        r.u8()
    }
    fn encode(v: &u8, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u8(*v)
    }
    fn present(v: &u8, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{v}")
    }
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        Ok(w.u8(present::parse_named(t.token()?.text, PROTOCOLS)?)?)
    }
}

/// The WKS port bitmap, presented as the numbers of the set bits.
pub(crate) struct WksPorts;

fn port_of(token: Token<'_>) -> Result<u16, TextError> {
    present::parse_named(token.text, SERVICES)
}

/// Sets the bit of port `low` (0 to 255) in a block of 256 ports.
fn set_bit(bits: &mut [u8; 32], low: u8) {
    if let Some(octet) = bits.get_mut(usize::from(low >> 3)) {
        *octet |= 0x80 >> (low & 7);
    }
}

impl<'a> Codec<'a, &'a [u8]> for WksPorts {
    fn decode(r: &mut Reader<'a>) -> Result<&'a [u8], DecodeError> {
        Ok(r.rest())
    }
    fn encode(v: &&'a [u8], w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.bytes(v)
    }
    fn present(v: &&'a [u8], f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Self::present_field(v, "", f)
    }
    /// Each port after a separator, so no port leaves no trailing space.
    fn present_field(v: &&'a [u8], sep: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sep = sep;
        for (i, &octet) in (0u32..).zip(v.iter()) {
            for bit in 0..8u32 {
                if octet & (0x80 >> bit) != 0 {
                    write!(f, "{sep}{}", i.saturating_mul(8).saturating_add(bit))?;
                    sep = " ";
                }
            }
        }
        Ok(())
    }
    /// The rest of the tokens, ports by number or service name in any order
    /// (none at all too), written as the bitmap up to the highest port.
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        // Every port first, so a bad one is reported where it stands.
        let start = t.tokens.clone();
        while let Some(token) = t.tokens.next_token()? {
            port_of(token)?;
        }
        // Then 256 ports (32 octets) per pass, the lowest block above the
        // last one written. Zero octets are held back until an octet with a
        // bit set follows, so the bitmap ends at the highest port.
        let (mut next, mut zeros) = (0u8, 0usize);
        loop {
            let mut tokens = start.clone();
            let mut current: Option<(u8, [u8; 32])> = None;
            while let Some(token) = tokens.next_token()? {
                let [block, low] = port_of(token)?.to_be_bytes();
                match current {
                    _ if block < next => {}
                    Some((c, _)) if c < block => {}
                    Some((c, ref mut bits)) if c == block => set_bit(bits, low),
                    _ => {
                        let mut bits = [0u8; 32];
                        set_bit(&mut bits, low);
                        current = Some((block, bits));
                    }
                }
            }
            let Some((block, bits)) = current else { return Ok(()) };
            zeros = zeros.saturating_add(usize::from(block.saturating_sub(next)).saturating_mul(32));
            for octet in bits {
                if octet == 0 {
                    zeros = zeros.saturating_add(1);
                    continue;
                }
                for _ in 0..zeros {
                    w.u8(0)?;
                }
                w.u8(octet)?;
                zeros = 0;
            }
            let Some(after) = block.checked_add(1) else { return Ok(()) };
            next = after;
        }
    }
}
