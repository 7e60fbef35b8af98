//! The multi-field types of RFC 1035 and the other early RFCs, and CAA.

use core::fmt;

use super::field::{CharString, Codec, CompressedName, DecompressName, Int, QuotedRest, Seconds};
use super::rdata_struct;
use crate::error::{DecodeError, EncodeError};
use crate::name::Name;
use crate::wire::{Reader, Writer};

rdata_struct! {
    /// Start of a zone of authority (RFC 1035 §3.3.13).
    pub struct Soa<'a> {
        /// The primary name server.
        pub mname: Name<'a> => CompressedName,
        /// The mailbox of the person responsible, as a name.
        pub rname: Name<'a> => CompressedName,
        /// The zone's version (serial-number arithmetic, RFC 1982).
        pub serial: u32 => Int,
        /// Seconds before secondaries refresh.
        pub refresh: u32 => Seconds,
        /// Seconds before a failed refresh is retried.
        pub retry: u32 => Seconds,
        /// Seconds after which an unrefreshed zone expires.
        pub expire: u32 => Seconds,
        /// The negative-caching TTL (RFC 2308 §4).
        pub minimum: u32 => Seconds,
    }
}

rdata_struct! {
    /// Mail exchange (RFC 1035 §3.3.9).
    pub struct Mx<'a> {
        /// Lower values are preferred.
        pub preference: u16 => Int,
        /// The mail host.
        pub exchange: Name<'a> => CompressedName,
    }
}

rdata_struct! {
    /// Host information (RFC 1035 §3.3.2).
    pub struct Hinfo<'a> {
        /// The CPU type.
        pub cpu: &'a [u8] => CharString,
        /// The operating system.
        pub os: &'a [u8] => CharString,
    }
}

rdata_struct! {
    /// Mailbox information (RFC 1035 §3.3.7).
    pub struct Minfo<'a> {
        /// The mailbox responsible for the list.
        pub rmailbx: Name<'a> => CompressedName,
        /// The mailbox for errors.
        pub emailbx: Name<'a> => CompressedName,
    }
}

rdata_struct! {
    /// Responsible person (RFC 1183 §2.2).
    pub struct Rp<'a> {
        /// The mailbox, as a name.
        pub mbox: Name<'a> => DecompressName,
        /// A name with TXT records about the person.
        pub txt: Name<'a> => DecompressName,
    }
}

rdata_struct! {
    /// AFS database location (RFC 1183 §1).
    pub struct Afsdb<'a> {
        /// The service subtype.
        pub subtype: u16 => Int,
        /// The server.
        pub hostname: Name<'a> => DecompressName,
    }
}

rdata_struct! {
    /// Route through (RFC 1183 §3.3).
    pub struct Rt<'a> {
        /// Lower values are preferred.
        pub preference: u16 => Int,
        /// The intermediate host.
        pub host: Name<'a> => DecompressName,
    }
}

rdata_struct! {
    /// X.400 mail mapping (RFC 2163 §4).
    pub struct Px<'a> {
        /// Lower values are preferred.
        pub preference: u16 => Int,
        /// The RFC 822 part of the mapping.
        pub map822: Name<'a> => DecompressName,
        /// The X.400 part of the mapping.
        pub mapx400: Name<'a> => DecompressName,
    }
}

rdata_struct! {
    /// Service location (RFC 2782).
    pub struct Srv<'a> {
        /// Lower values are tried first.
        pub priority: u16 => Int,
        /// Relative weight among equal priorities.
        pub weight: u16 => Int,
        /// The service's port.
        pub port: u16 => Int,
        /// The host; `.` means the service is not offered.
        pub target: Name<'a> => DecompressName,
    }
}

rdata_struct! {
    /// Naming authority pointer (RFC 3403 §4.1).
    pub struct Naptr<'a> {
        /// Processing order, lowest first.
        pub order: u16 => Int,
        /// Preference among equal orders.
        pub preference: u16 => Int,
        /// Flags controlling the rewriting (`S`, `A`, `U`, `P`).
        pub flags: &'a [u8] => CharString,
        /// The services offered down this path.
        pub services: &'a [u8] => CharString,
        /// A substitution expression.
        pub regexp: &'a [u8] => CharString,
        /// The next name to query when `regexp` is empty.
        pub replacement: Name<'a> => DecompressName,
    }
}

rdata_struct! {
    /// Certification authority authorization (RFC 8659 §4.1).
    pub struct Caa<'a> {
        /// Bit 0 (128) is the issuer-critical flag.
        pub flags: u8 => Int,
        /// The property tag (`issue`, `issuewild`, `iodef`...): one or more ASCII
        /// letters and digits.
        pub tag: &'a [u8] => CaaTag,
        /// The property value.
        pub value: &'a [u8] => QuotedRest,
    }
}

rdata_struct! {
    /// A Chaosnet address (type A in class CH): the Chaosnet domain and a 16-bit
    /// address, presented in octal.
    pub struct ChA<'a> {
        /// The Chaosnet domain.
        pub domain: Name<'a> => CompressedName,
        /// The 16-bit Chaosnet address.
        pub address: u16 => Octal,
    }
}

/// A 16-bit number presented in octal.
pub(crate) struct Octal;

impl<'a> Codec<'a, u16> for Octal {
    fn decode(r: &mut Reader<'a>) -> Result<u16, DecodeError> {
        r.u16()
    }
    fn encode(v: &u16, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u16(*v)
    }
    fn present(v: &u16, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{v:o}")
    }
    fn parse(t: &mut crate::text::Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), crate::error::TextError> {
        let text = t.token()?.text;
        let bad = crate::error::TextError::BadNumber;
        if !text.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
            return Err(bad);
        }
        Ok(w.u16(u16::from_str_radix(text, 8).map_err(|_| bad)?)?)
    }
}

/// The CAA tag: a non-empty run of ASCII letters and digits (RFC 8659 §4.1).
pub(crate) struct CaaTag;

impl<'a> Codec<'a, &'a [u8]> for CaaTag {
    fn decode(r: &mut Reader<'a>) -> Result<&'a [u8], DecodeError> {
        let tag = r.u8_prefixed()?;
        if tag.is_empty() || !tag.iter().all(u8::is_ascii_alphanumeric) {
            return Err(DecodeError::InvalidValue);
        }
        Ok(tag)
    }
    fn encode(v: &&'a [u8], w: &mut Writer<'_>) -> Result<(), EncodeError> {
        if v.is_empty() || !v.iter().all(u8::is_ascii_alphanumeric) {
            return Err(EncodeError::InvalidValue);
        }
        w.u8_prefixed(v)
    }
    fn present(v: &&'a [u8], f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for &b in *v {
            fmt::Write::write_char(f, char::from(b))?;
        }
        Ok(())
    }
    fn parse(t: &mut crate::text::Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), crate::error::TextError> {
        let mut buf = [0u8; 255];
        let n = t.char_string(&mut buf)?;
        let tag = buf.get(..n).unwrap_or(&[]);
        if tag.is_empty() || !tag.iter().all(u8::is_ascii_alphanumeric) {
            return Err(crate::error::TextError::BadField);
        }
        Ok(w.u8_prefixed(tag)?)
    }
}
