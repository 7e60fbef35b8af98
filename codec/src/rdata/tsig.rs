//! Transaction signatures and keys: TSIG (RFC 8945) and TKEY (RFC 2930).

use core::fmt;

use super::field::{Codec, DecompressName, Int};
use super::rdata_struct;
use crate::error::{DecodeError, EncodeError};
use crate::iana::Rcode;
use crate::name::Name;
use crate::present;
use crate::wire::{Reader, Writer};

rdata_struct! {
    /// A transaction signature (RFC 8945 §4.2). It is the last record of the
    /// additional section, of class ANY and TTL 0.
    pub struct Tsig<'a> {
        /// The MAC algorithm (`hmac-sha256.`), decompressed when a sender compressed it (it should not).
        pub algorithm: Name<'a> => DecompressName,
        /// Seconds since the epoch when the message was signed (48 bits).
        pub time_signed: u64 => U48,
        /// Seconds of clock skew permitted.
        pub fudge: u16 => Int,
        /// The MAC, presented as its length and base64.
        pub mac: &'a [u8] => CountedBase64,
        /// The message's original id.
        pub original_id: u16 => Int,
        /// The extended rcode of TSIG processing (16 is BADSIG here).
        pub error: u16 => TsigError,
        /// Other data (the server's time with BADTIME), as its length and base64.
        pub other: &'a [u8] => CountedBase64,
    }
}

rdata_struct! {
    /// A transaction key (RFC 2930 §2).
    pub struct Tkey<'a> {
        /// The algorithm (`gss-tsig.`), decompressed when a sender compressed it (it should not).
        pub algorithm: Name<'a> => DecompressName,
        /// Start of the key's validity, seconds since the epoch.
        pub inception: u32 => Int,
        /// End of the key's validity.
        pub expiration: u32 => Int,
        /// The key agreement mode (RFC 2930 §2.5).
        pub mode: u16 => Int,
        /// The error code.
        pub error: u16 => Int,
        /// The key data, base64.
        pub key: &'a [u8] => PrefixedBase64,
        /// Other data, base64, shown only when present.
        pub other: &'a [u8] => PrefixedBase64,
    }
}

/// A 48-bit unsigned integer (the TSIG time).
pub(crate) struct U48;

impl<'a> Codec<'a, u64> for U48 {
    fn decode(r: &mut Reader<'a>) -> Result<u64, DecodeError> {
        let [a, b, c, d, e, f] = r.array::<6>()?;
        Ok(u64::from_be_bytes([0, 0, a, b, c, d, e, f]))
    }
    fn encode(v: &u64, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        let [hi0, hi1, rest @ ..] = v.to_be_bytes();
        if hi0 != 0 || hi1 != 0 {
            return Err(EncodeError::InvalidValue);
        }
        w.bytes(&rest)
    }
    fn present(v: &u64, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{v}")
    }
}

/// Octets with a two-octet length, presented as the length and base64.
pub(crate) struct CountedBase64;

impl<'a> Codec<'a, &'a [u8]> for CountedBase64 {
    fn decode(r: &mut Reader<'a>) -> Result<&'a [u8], DecodeError> {
        r.u16_prefixed()
    }
    fn encode(v: &&'a [u8], w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u16_prefixed(v)
    }
    fn present(v: &&'a [u8], f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", v.len())?;
        if !v.is_empty() {
            f.write_str(" ")?;
            present::write_base64(f, v)?;
        }
        Ok(())
    }
}

/// Octets with a two-octet length, presented as base64 alone.
pub(crate) struct PrefixedBase64;

impl<'a> Codec<'a, &'a [u8]> for PrefixedBase64 {
    fn decode(r: &mut Reader<'a>) -> Result<&'a [u8], DecodeError> {
        r.u16_prefixed()
    }
    fn encode(v: &&'a [u8], w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u16_prefixed(v)
    }
    fn present(v: &&'a [u8], f: &mut fmt::Formatter<'_>) -> fmt::Result {
        present::write_base64(f, v)
    }
}

/// The TSIG error: an rcode, where 16 means BADSIG (RFC 8945 §5.3.2).
pub(crate) struct TsigError;

impl<'a> Codec<'a, u16> for TsigError {
    fn decode(r: &mut Reader<'a>) -> Result<u16, DecodeError> {
        r.u16()
    }
    fn encode(v: &u16, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u16(*v)
    }
    fn present(v: &u16, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *v {
            16 => f.write_str("BADSIG"),
            other => write!(f, "{}", Rcode(other)),
        }
    }
}
