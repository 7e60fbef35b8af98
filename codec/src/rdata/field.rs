//! Field codecs: how one RDATA field is read, written and presented. A record
//! type is a list of fields, each with its codec (see `rdata_struct!`).

use core::fmt;
use core::net::{Ipv4Addr, Ipv6Addr};

use crate::error::{DecodeError, EncodeError};
use crate::name::{Name, NameRules};
use crate::present;
use crate::wire::{Reader, Writer};

/// Reads, writes and presents a value of type `T` as one RDATA field.
pub(crate) trait Codec<'a, T> {
    fn decode(r: &mut Reader<'a>) -> Result<T, DecodeError>;
    fn encode(v: &T, w: &mut Writer<'_>) -> Result<(), EncodeError>;
    fn present(v: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result;
}

/// Integers in network order, presented in decimal.
pub(crate) struct Int;

macro_rules! int_codec {
    ($($t:ty => $get:ident),*) => {$(
        impl<'a> Codec<'a, $t> for Int {
            fn decode(r: &mut Reader<'a>) -> Result<$t, DecodeError> {
                r.$get()
            }
            fn encode(v: &$t, w: &mut Writer<'_>) -> Result<(), EncodeError> {
                w.$get(*v)
            }
            fn present(v: &$t, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{v}")
            }
        }
    )*};
}

int_codec!(u8 => u8, u16 => u16, u32 => u32);

/// IPv4 and IPv6 addresses.
pub(crate) struct Addr;

impl<'a> Codec<'a, Ipv4Addr> for Addr {
    fn decode(r: &mut Reader<'a>) -> Result<Ipv4Addr, DecodeError> {
        Ok(Ipv4Addr::from(r.array::<4>()?))
    }
    fn encode(v: &Ipv4Addr, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.bytes(&v.octets())
    }
    fn present(v: &Ipv4Addr, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{v}")
    }
}

impl<'a> Codec<'a, Ipv6Addr> for Addr {
    fn decode(r: &mut Reader<'a>) -> Result<Ipv6Addr, DecodeError> {
        Ok(Ipv6Addr::from(r.array::<16>()?))
    }
    fn encode(v: &Ipv6Addr, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.bytes(&v.octets())
    }
    fn present(v: &Ipv6Addr, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{v}")
    }
}

macro_rules! name_codec {
    ($($(#[$m:meta])* $codec:ident => $rules:expr;)*) => {$(
        $(#[$m])*
        pub(crate) struct $codec;

        impl<'a> Codec<'a, Name<'a>> for $codec {
            fn decode(r: &mut Reader<'a>) -> Result<Name<'a>, DecodeError> {
                r.name($rules)
            }
            fn encode(v: &Name<'a>, w: &mut Writer<'_>) -> Result<(), EncodeError> {
                w.name(v, $rules)
            }
            fn present(v: &Name<'a>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{v}")
            }
        }
    )*};
}

name_codec! {
    /// A name in RDATA of an RFC 1035 type.
    CompressedName => NameRules::COMPRESSED;
    /// A name receivers decompress and senders never compress.
    DecompressName => NameRules::DECOMPRESS_LOWER;
    /// A name never compressed, lowercased in canonical form.
    #[allow(dead_code)]
    LowerName => NameRules::LOWER;
    /// A name never compressed and never lowercased.
    #[allow(dead_code)]
    PlainName => NameRules::PLAIN;
}

/// One character-string (RFC 1035 §3.3), presented in quotes.
pub(crate) struct CharString;

impl<'a> Codec<'a, &'a [u8]> for CharString {
    fn decode(r: &mut Reader<'a>) -> Result<&'a [u8], DecodeError> {
        r.u8_prefixed()
    }
    fn encode(v: &&'a [u8], w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u8_prefixed(v)
    }
    fn present(v: &&'a [u8], f: &mut fmt::Formatter<'_>) -> fmt::Result {
        present::write_quoted(f, v)
    }
}

/// The rest of the RDATA as hex (RFC 3597 style, lowercase).
#[allow(dead_code)]
pub(crate) struct HexRest;

impl<'a> Codec<'a, &'a [u8]> for HexRest {
    fn decode(r: &mut Reader<'a>) -> Result<&'a [u8], DecodeError> {
        Ok(r.rest())
    }
    fn encode(v: &&'a [u8], w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.bytes(v)
    }
    fn present(v: &&'a [u8], f: &mut fmt::Formatter<'_>) -> fmt::Result {
        present::write_hex(f, v)
    }
}

/// The rest of the RDATA as one quoted string (the CAA value).
pub(crate) struct QuotedRest;

impl<'a> Codec<'a, &'a [u8]> for QuotedRest {
    fn decode(r: &mut Reader<'a>) -> Result<&'a [u8], DecodeError> {
        Ok(r.rest())
    }
    fn encode(v: &&'a [u8], w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.bytes(v)
    }
    fn present(v: &&'a [u8], f: &mut fmt::Formatter<'_>) -> fmt::Result {
        present::write_quoted(f, v)
    }
}
