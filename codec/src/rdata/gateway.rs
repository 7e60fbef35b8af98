//! The types with a typed gateway: IPSECKEY (RFC 4025) and AMTRELAY
//! (RFC 8777). The gateway's (relay's) form is given by a type octet earlier
//! in the RDATA: none, IPv4, IPv6 or an uncompressed name.

use core::fmt;
use core::net::{Ipv4Addr, Ipv6Addr};

use super::field::{Addr, Codec, PlainName};
use crate::error::{DecodeError, EncodeError, TextError};
use crate::name::Name;
use crate::present;
use crate::text::Fields;
use crate::wire::{Reader, Writer};

/// The gateway of an IPSECKEY (RFC 4025 §2.3, §2.5) or the relay of an
/// AMTRELAY (RFC 8777 §4.2, §4.3). A name is never compressed nor lowercased.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gateway<'a> {
    /// Type 0: no gateway, presented as `.`.
    None,
    /// Type 1: an IPv4 address.
    Ipv4(Ipv4Addr),
    /// Type 2: an IPv6 address.
    Ipv6(Ipv6Addr),
    /// Type 3: a domain name, uncompressed on the wire.
    Name(Name<'a>),
}

impl<'a> Gateway<'a> {
    /// The gateway (relay) type octet: 0 none, 1 IPv4, 2 IPv6, 3 name.
    pub fn type_code(&self) -> u8 {
        match self {
            Self::None => 0,
            Self::Ipv4(_) => 1,
            Self::Ipv6(_) => 2,
            Self::Name(_) => 3,
        }
    }

    /// Reads a gateway of type `kind`; a type above 3 is
    /// [`DecodeError::InvalidValue`], a compressed name
    /// [`DecodeError::ForbiddenCompression`].
    fn decode(kind: u8, r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(match kind {
            0 => Self::None,
            1 => Self::Ipv4(Ipv4Addr::from(r.array::<4>()?)),
            2 => Self::Ipv6(Ipv6Addr::from(r.array::<16>()?)),
            3 => Self::Name(<PlainName as Codec<'a, Name<'a>>>::decode(r)?),
            _ => return Err(DecodeError::InvalidValue),
        })
    }

    /// Reads the gateway (relay) type, which must be 0 to 3.
    fn parse_type(t: &mut Fields<'_, '_>) -> Result<u8, TextError> {
        let kind: u8 = t.decimal()?;
        if kind > 3 { Err(TextError::BadField) } else { Ok(kind) }
    }

    /// Reads a gateway of type `kind` (0 to 3): `.` for none, an address
    /// or a name, and writes it.
    fn parse(kind: u8, t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        match kind {
            0 => {
                if t.token()?.text == "." {
                    Ok(())
                } else {
                    Err(TextError::BadField)
                }
            }
            1 => <Addr as Codec<'a, Ipv4Addr>>::parse(t, w),
            2 => <Addr as Codec<'a, Ipv6Addr>>::parse(t, w),
            _ => <PlainName as Codec<'a, Name<'a>>>::parse(t, w),
        }
    }

    fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        match self {
            Self::None => Ok(()),
            Self::Ipv4(a) => w.bytes(&a.octets()),
            Self::Ipv6(a) => w.bytes(&a.octets()),
            Self::Name(n) => <PlainName as Codec<'a, Name<'a>>>::encode(n, w),
        }
    }
}

impl fmt::Display for Gateway<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::None => f.write_str("."),
            Self::Ipv4(a) => write!(f, "{a}"),
            Self::Ipv6(a) => present::write_ipv6(f, a),
            Self::Name(n) => write!(f, "{n}"),
        }
    }
}

/// An IPsec keying record (RFC 4025 §2.1): precedence, gateway type,
/// algorithm, gateway and public key. Presented as dnspython does:
/// `precedence type algorithm gateway key`, the key in base64 groups of 32
/// characters, and a space before the key even when it is empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ipseckey<'a> {
    /// Lower values are preferred (RFC 4025 §2.2).
    pub precedence: u8,
    /// The public key algorithm (0 none, 1 DSA, 2 RSA, 3 ECDSA; RFC 4025 §2.4).
    pub algorithm: u8,
    /// The gateway (RFC 4025 §2.5); its type octet comes from the variant.
    pub gateway: Gateway<'a>,
    /// The public key, the rest of the RDATA (RFC 4025 §2.6).
    pub public_key: &'a [u8],
}

impl<'a> Codec<'a, Ipseckey<'a>> for Ipseckey<'a> {
    fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let precedence = r.u8()?;
        let kind = r.u8()?;
        let algorithm = r.u8()?;
        let gateway = Gateway::decode(kind, r)?;
        Ok(Self { precedence, algorithm, gateway, public_key: r.rest() })
    }
    fn encode(v: &Self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u8(v.precedence)?;
        w.u8(v.gateway.type_code())?;
        w.u8(v.algorithm)?;
        v.gateway.encode(w)?;
        w.bytes(v.public_key)
    }
    fn present(v: &Self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {} {} ", v.precedence, v.gateway.type_code(), v.algorithm, v.gateway)?;
        present::write_base64_chunked(f, v.public_key, 32)
    }
    /// `precedence type algorithm gateway [key]`: the key may be left out,
    /// and must be with algorithm 0, "no key is present" (RFC 4025 §2.4).
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        let precedence: u8 = t.decimal()?;
        let kind = Gateway::parse_type(t)?;
        let algorithm: u8 = t.decimal()?;
        w.bytes(&[precedence, kind, algorithm])?;
        Gateway::parse(kind, t, w)?;
        if algorithm == 0 && !t.is_empty() {
            t.token()?;
            return Err(TextError::ExtraToken);
        }
        t.base64_rest(w)
    }
}

impl fmt::Display for Ipseckey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        <Self as Codec<'_, Self>>::present(self, f)
    }
}

/// An AMT relay (RFC 8777 §4): precedence, the discovery-optional bit and
/// the 7-bit relay type in one octet, then the relay. Presented as
/// `precedence D type relay` (RFC 8777 §4.3), D as 0 or 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Amtrelay<'a> {
    /// Lower values are preferred (RFC 8777 §4.2.1).
    pub precedence: u8,
    /// The D bit: the relay may be used without discovery (RFC 8777 §4.2.2).
    pub discovery_optional: bool,
    /// The relay (RFC 8777 §4.2.3, §4.2.4); its type comes from the variant.
    pub relay: Gateway<'a>,
}

impl<'a> Codec<'a, Amtrelay<'a>> for Amtrelay<'a> {
    fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let precedence = r.u8()?;
        let d_type = r.u8()?;
        let relay = Gateway::decode(d_type & 0x7F, r)?;
        Ok(Self { precedence, discovery_optional: d_type & 0x80 != 0, relay })
    }
    fn encode(v: &Self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u8(v.precedence)?;
        w.u8(v.relay.type_code() | if v.discovery_optional { 0x80 } else { 0 })?;
        v.relay.encode(w)
    }
    fn present(v: &Self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {} {}", v.precedence, u8::from(v.discovery_optional), v.relay.type_code(), v.relay)
    }
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        let precedence: u8 = t.decimal()?;
        let discovery_optional: u8 = t.decimal()?;
        if discovery_optional > 1 {
            return Err(TextError::BadNumber);
        }
        let kind = Gateway::parse_type(t)?;
        w.bytes(&[precedence, (discovery_optional << 7) | kind])?;
        Gateway::parse(kind, t, w)
    }
}

impl fmt::Display for Amtrelay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        <Self as Codec<'_, Self>>::present(self, f)
    }
}
