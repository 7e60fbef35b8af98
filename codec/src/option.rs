//! Typed EDNS(0) options: a view of each option's data by its code, and the
//! line dig prints for it in the OPT pseudo-section.

use core::fmt::{self, Write};
use core::net::{Ipv4Addr, Ipv6Addr};

use crate::edns::EdnsOption;
use crate::error::DecodeError;
use crate::iana::OptionCode;
use crate::name::Name;

/// An EDNS option's data, typed by its code. Options with no fixed format, or
/// whose data does not fit their format, are [`OptionData::Other`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OptionData<'a> {
    /// NSID (RFC 5001): the server's identifier (empty in a query).
    Nsid(&'a [u8]),
    /// CLIENT-SUBNET (RFC 7871 §6).
    ClientSubnet(ClientSubnet<'a>),
    /// COOKIE (RFC 7873 §4): the 8-octet client cookie and the server cookie
    /// (empty or 8 to 32 octets).
    Cookie {
        /// The client cookie.
        client: &'a [u8],
        /// The server cookie.
        server: &'a [u8],
    },
    /// Extended DNS Error (RFC 8914 §2).
    Ede {
        /// The INFO-CODE.
        info_code: u16,
        /// The EXTRA-TEXT.
        extra_text: &'a str,
    },
    /// Padding (RFC 7830): its length (the octets should be zero).
    Padding(usize),
    /// edns-tcp-keepalive (RFC 7828): the idle timeout in units of 100 ms,
    /// absent in queries.
    TcpKeepalive(Option<u16>),
    /// EXPIRE (RFC 7314): the zone's expire timer in seconds, absent in queries.
    Expire(Option<u32>),
    /// CHAIN (RFC 7901): the closest trust point the client already has.
    Chain(Name<'a>),
    /// edns-key-tag (RFC 8145 §4): the key tags of the trust anchors in use,
    /// as two-octet values.
    KeyTag(&'a [u8]),
    /// DAU, DHU or N3U (RFC 6975): algorithm numbers the client understands.
    Algorithms(&'a [u8]),
    /// Report-Channel (RFC 9567): the agent domain for error reports.
    ReportChannel(Name<'a>),
    /// ZONEVERSION (RFC 9660): empty in a query; the label count, type and
    /// version in a response.
    ZoneVersion(Option<ZoneVersion<'a>>),
    /// Any other option, or one whose data does not fit its format.
    Other(&'a [u8]),
}

/// The data of a CLIENT-SUBNET option, validated (RFC 7871 §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientSubnet<'a> {
    /// 1 for IPv4, 2 for IPv6.
    pub family: u16,
    /// Leftmost bits of the address the client offers.
    pub source_prefix: u8,
    /// Leftmost bits the answer covers (0 in queries).
    pub scope_prefix: u8,
    /// The address octets the source prefix needs, trailing bits zero.
    pub address: &'a [u8],
}

/// The data of a ZONEVERSION option in a response (RFC 9660 §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ZoneVersion<'a> {
    /// How many labels the zone's apex has.
    pub label_count: u8,
    /// The version type (0: the SOA serial).
    pub version_type: u8,
    /// The version octets.
    pub version: &'a [u8],
}

impl<'a> EdnsOption<'a> {
    /// The option's data typed by its code.
    ///
    /// ```
    /// use dnswire::{EdnsOption, OptionCode, OptionData};
    /// let ede = EdnsOption { code: OptionCode::EDE, data: b"\x00\x12" };
    /// assert_eq!(ede.typed(), OptionData::Ede { info_code: 18, extra_text: "" });
    /// ```
    pub fn typed(&self) -> OptionData<'a> {
        let data = self.data;
        let typed = match self.code {
            OptionCode::NSID => Some(OptionData::Nsid(data)),
            OptionCode::CLIENT_SUBNET => client_subnet(data).map(OptionData::ClientSubnet),
            OptionCode::COOKIE => {
                cookie_len_ok(data.len()).then(|| data.split_at_checked(8)).flatten().map(|(client, server)| OptionData::Cookie { client, server })
            }
            OptionCode::EDE => data.split_first_chunk::<2>().and_then(|(code, text)| {
                let extra_text = core::str::from_utf8(text).ok()?;
                Some(OptionData::Ede { info_code: u16::from_be_bytes(*code), extra_text })
            }),
            OptionCode::PADDING => Some(OptionData::Padding(data.len())),
            OptionCode::TCP_KEEPALIVE => match data {
                [] => Some(OptionData::TcpKeepalive(None)),
                [a, b] => Some(OptionData::TcpKeepalive(Some(u16::from_be_bytes([*a, *b])))),
                _ => None,
            },
            OptionCode::EXPIRE => match data {
                [] => Some(OptionData::Expire(None)),
                [a, b, c, d] => Some(OptionData::Expire(Some(u32::from_be_bytes([*a, *b, *c, *d])))),
                _ => None,
            },
            OptionCode::CHAIN => Name::from_wire(data).ok().map(OptionData::Chain),
            OptionCode::KEY_TAG => (!data.is_empty() && data.len().is_multiple_of(2)).then_some(OptionData::KeyTag(data)),
            OptionCode::DAU | OptionCode::DHU | OptionCode::N3U => Some(OptionData::Algorithms(data)),
            OptionCode::REPORT_CHANNEL => Name::from_wire(data).ok().map(OptionData::ReportChannel),
            OptionCode::ZONEVERSION => match data {
                [] => Some(OptionData::ZoneVersion(None)),
                [label_count, version_type, version @ ..] => {
                    Some(OptionData::ZoneVersion(Some(ZoneVersion { label_count: *label_count, version_type: *version_type, version })))
                }
                [_] => None,
            },
            _ => None,
        };
        typed.unwrap_or(OptionData::Other(data))
    }
}

fn client_subnet(data: &[u8]) -> Option<ClientSubnet<'_>> {
    let (&[f0, f1, source_prefix, scope_prefix], address) = data.split_first_chunk::<4>()?;
    let family = u16::from_be_bytes([f0, f1]);
    let max_bits = match family {
        1 => 32,
        2 => 128,
        _ => return None,
    };
    if source_prefix > max_bits || scope_prefix > max_bits || address.len() != usize::from(source_prefix.div_ceil(8)) {
        return None;
    }
    // Bits past the source prefix must be zero.
    let used = source_prefix % 8;
    if used != 0 && address.last().is_some_and(|&last| last & (0xFFu8 >> used) != 0) {
        return None;
    }
    Some(ClientSubnet { family, source_prefix, scope_prefix, address })
}

/// Checks an option's data against its definition where a malformed option
/// makes the message malformed: COOKIE (RFC 7873 §4), CLIENT-SUBNET (RFC 7871
/// §6) and EDE (RFC 8914 §2). Other options are kept as they are.
///
/// # Errors
/// [`DecodeError::InvalidOption`] for a malformed COOKIE, CLIENT-SUBNET or EDE.
pub fn validate_option(code: OptionCode, data: &[u8]) -> Result<(), DecodeError> {
    // The three checks alone, not `EdnsOption::typed`: a decoder or query
    // builder then links no parser of the other options.
    let valid = match code {
        OptionCode::COOKIE => cookie_len_ok(data.len()),
        OptionCode::CLIENT_SUBNET => client_subnet(data).is_some(),
        OptionCode::EDE => data.split_first_chunk::<2>().is_some_and(|(_, text)| is_utf8(text)),
        _ => true,
    };
    if valid { Ok(()) } else { Err(DecodeError::InvalidOption) }
}

/// Whether `text` is UTF-8 (RFC 3629 §4). The same answer as
/// `core::str::from_utf8(text).is_ok()` in a fifth of its code, whose fast
/// paths a decoder that checks a few octets of EDE text does not need.
fn is_utf8(text: &[u8]) -> bool {
    let mut octets = text.iter();
    while let Some(&lead) = octets.next() {
        // How many continuation octets follow, and the range of the first
        // (narrower after E0, ED, F0 and F4: no overlong forms, surrogates,
        // or code points past U+10FFFF).
        let (count, low, high) = match lead {
            0x00..=0x7F => continue,
            0xC2..=0xDF => (1, 0x80, 0xBF),
            0xE0 => (2, 0xA0, 0xBF),
            0xE1..=0xEC | 0xEE..=0xEF => (2, 0x80, 0xBF),
            0xED => (2, 0x80, 0x9F),
            0xF0 => (3, 0x90, 0xBF),
            0xF1..=0xF3 => (3, 0x80, 0xBF),
            0xF4 => (3, 0x80, 0x8F),
            _ => return false,
        };
        if !octets.next().is_some_and(|c| (low..=high).contains(c)) {
            return false;
        }
        for _ in 1..count {
            if !octets.next().is_some_and(|c| (0x80..=0xBF).contains(c)) {
                return false;
            }
        }
    }
    true
}

/// A client cookie alone, or with a server cookie of 8 to 32 octets (RFC 7873 §4).
fn cookie_len_ok(len: usize) -> bool {
    len == 8 || (16..=40).contains(&len)
}

/// The INFO-CODE names dig prints (RFC 8914 §4 and the IANA registry).
const EDE_NAMES: [&str; 25] = [
    "Other",
    "Unsupported DNSKEY Algorithm",
    "Unsupported DS Digest Type",
    "Stale Answer",
    "Forged Answer",
    "DNSSEC Indeterminate",
    "DNSSEC Bogus",
    "Signature Expired",
    "Signature Not Yet Valid",
    "DNSKEY Missing",
    "RRSIGs Missing",
    "No Zone Key Bit Set",
    "NSEC Missing",
    "Cached Error",
    "Not Ready",
    "Blocked",
    "Censored",
    "Filtered",
    "Prohibited",
    "Stale NXDOMAIN Answer",
    "Not Authoritative",
    "Not Supported",
    "No Reachable Authority",
    "Network Error",
    "Invalid Data",
];

impl fmt::Display for EdnsOption<'_> {
    /// The line dig prints in the OPT pseudo-section, without the leading `; `:
    /// `COOKIE: 0102...`, `CLIENT-SUBNET: 192.0.2.0/24/0`, `EDE: 18 (Prohibited)`,
    /// and `OPT=N: 01 02 ("..")` for options dig has no format for.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.typed() {
            OptionData::Nsid(data) => {
                f.write_str("NSID:")?;
                write_bytes_and_ascii(f, data)
            }
            OptionData::ClientSubnet(cs) => {
                f.write_str("CLIENT-SUBNET: ")?;
                if cs.family == 1 {
                    let mut a = [0u8; 4];
                    a.iter_mut().zip(cs.address).for_each(|(d, s)| *d = *s);
                    write!(f, "{}", Ipv4Addr::from(a))?;
                } else {
                    let mut a = [0u8; 16];
                    a.iter_mut().zip(cs.address).for_each(|(d, s)| *d = *s);
                    write!(f, "{}", Ipv6Addr::from(a))?;
                }
                write!(f, "/{}/{}", cs.source_prefix, cs.scope_prefix)
            }
            OptionData::Cookie { client, server } => {
                f.write_str("COOKIE: ")?;
                crate::present::write_hex(f, client)?;
                crate::present::write_hex(f, server)
            }
            OptionData::Ede { info_code, extra_text } => {
                write!(f, "EDE: {info_code}")?;
                if let Some(name) = EDE_NAMES.get(usize::from(info_code)) {
                    write!(f, " ({name})")?;
                }
                if !extra_text.is_empty() {
                    write!(f, ": ({extra_text})")?;
                }
                Ok(())
            }
            OptionData::Padding(0) => f.write_str("PAD:"),
            OptionData::Padding(n) => write!(f, "PAD: ({n} bytes)"),
            OptionData::TcpKeepalive(None) => f.write_str("TCP KEEPALIVE:"),
            OptionData::TcpKeepalive(Some(t)) => write!(f, "TCP KEEPALIVE: {}.{} secs", t / 10, t % 10),
            OptionData::Expire(None) => f.write_str("EXPIRE:"),
            OptionData::Expire(Some(secs)) => {
                write!(f, "EXPIRE: {secs} (")?;
                write_duration(f, secs)?;
                f.write_str(")")
            }
            OptionData::KeyTag(tags) => {
                f.write_str("KEY-TAG:")?;
                let mut sep = " ";
                for pair in tags.chunks_exact(2) {
                    let tag = pair.first_chunk::<2>().map_or(0, |b| u16::from_be_bytes(*b));
                    write!(f, "{sep}{tag}")?;
                    sep = ", ";
                }
                Ok(())
            }
            // dig has no format of its own for these: the generic one.
            OptionData::Chain(_) | OptionData::Algorithms(_) | OptionData::ReportChannel(_) | OptionData::ZoneVersion(_) | OptionData::Other(_) => {
                write!(f, "OPT={}:", self.code.0)?;
                write_bytes_and_ascii(f, self.data)
            }
        }
    }
}

/// ` 67 70 ("gp")`: each octet in hex, then the printable ones in quotes.
fn write_bytes_and_ascii(f: &mut fmt::Formatter<'_>, data: &[u8]) -> fmt::Result {
    if data.is_empty() {
        return Ok(());
    }
    for &b in data {
        write!(f, " {b:02x}")?;
    }
    f.write_str(" (\"")?;
    for &b in data {
        f.write_char(if (0x20..0x7F).contains(&b) { char::from(b) } else { '.' })?;
    }
    f.write_str("\")")
}

/// `1 day 1 hour 1 minute 1 second`, as dig spells a time span.
fn write_duration(f: &mut fmt::Formatter<'_>, secs: u32) -> fmt::Result {
    if secs == 0 {
        return f.write_str("0 seconds");
    }
    let units: [(u32, &str); 5] = [(604_800, "week"), (86_400, "day"), (3_600, "hour"), (60, "minute"), (1, "second")];
    let mut left = secs;
    let mut sep = "";
    for (size, name) in units {
        let n = left.checked_div(size).unwrap_or(0);
        left = left.checked_rem(size).unwrap_or(0);
        if n > 0 {
            write!(f, "{sep}{n} {name}{}", if n == 1 { "" } else { "s" })?;
            sep = " ";
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::is_utf8;

    /// Every sequence of one to three octets, and four-octet sequences with
    /// every first two octets and the boundary values of the last two, are
    /// judged as `core::str::from_utf8` judges them (RFC 3629 §4).
    #[test]
    fn is_utf8_agrees_with_core() {
        let edges = [0x00u8, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF];
        for a in 0..=255u8 {
            assert_eq!(is_utf8(&[a]), core::str::from_utf8(&[a]).is_ok(), "{a:02x}");
            for b in 0..=255u8 {
                assert_eq!(is_utf8(&[a, b]), core::str::from_utf8(&[a, b]).is_ok(), "{a:02x}{b:02x}");
                for c in 0..=255u8 {
                    let s = [a, b, c];
                    assert_eq!(is_utf8(&s), core::str::from_utf8(&s).is_ok(), "{s:02x?}");
                }
                for c in edges {
                    for d in edges {
                        let s = [a, b, c, d];
                        assert_eq!(is_utf8(&s), core::str::from_utf8(&s).is_ok(), "{s:02x?}");
                    }
                }
            }
        }
    }

    #[test]
    fn ede_text_must_be_utf8() {
        use crate::{DecodeError, OptionCode, validate_option};
        assert_eq!(validate_option(OptionCode::EDE, b"\x00\x12caf\xc3\xa9"), Ok(()));
        assert_eq!(validate_option(OptionCode::EDE, b"\x00\x12caf\xc3"), Err(DecodeError::InvalidOption));
    }
}
