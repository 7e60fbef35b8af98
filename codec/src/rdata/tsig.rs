//! Transaction signatures and keys: TSIG (RFC 8945) and TKEY (RFC 2930).

use core::fmt;

use super::field::{Codec, DecompressName, Int};
use super::rdata_struct;
use crate::error::{DecodeError, EncodeError, TextError};
use crate::iana::Rcode;
use crate::name::Name;
use crate::present;
use crate::text::Fields;
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

/// A transaction key (RFC 2930 §2). Presented as dnspython does:
/// `algorithm inception expiration mode error key [other]`, times and error
/// in decimal, key and other data in base64 without their lengths; an empty
/// key followed by other data is shown as `""`, so the text stays readable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tkey<'a> {
    /// The algorithm (`gss-tsig.`), decompressed when a sender compressed it (it should not).
    pub algorithm: Name<'a>,
    /// Start of the key's validity, seconds since the epoch.
    pub inception: u32,
    /// End of the key's validity.
    pub expiration: u32,
    /// The key agreement mode (RFC 2930 §2.5).
    pub mode: u16,
    /// The error code.
    pub error: u16,
    /// The key data.
    pub key: &'a [u8],
    /// Other data, shown only when present.
    pub other: &'a [u8],
}

impl<'a> Codec<'a, Tkey<'a>> for Tkey<'a> {
    fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Ok(Self {
            algorithm: <DecompressName as Codec<'a, Name<'a>>>::decode(r)?,
            inception: r.u32()?,
            expiration: r.u32()?,
            mode: r.u16()?,
            error: r.u16()?,
            key: r.u16_prefixed()?,
            other: r.u16_prefixed()?,
        })
    }
    fn encode(v: &Self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        <DecompressName as Codec<'a, Name<'a>>>::encode(&v.algorithm, w)?;
        w.u32(v.inception)?;
        w.u32(v.expiration)?;
        w.u16(v.mode)?;
        w.u16(v.error)?;
        w.u16_prefixed(v.key)?;
        w.u16_prefixed(v.other)
    }
    fn present(v: &Self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {} {} {}", v.algorithm, v.inception, v.expiration, v.mode, v.error)?;
        if !v.key.is_empty() {
            f.write_str(" ")?;
            present::write_base64(f, v.key)?;
        } else if !v.other.is_empty() {
            f.write_str(" \"\"")?;
        }
        if !v.other.is_empty() {
            f.write_str(" ")?;
            present::write_base64(f, v.other)?;
        }
        Ok(())
    }
    /// The times in decimal or as `YYYYMMDDHHmmSS`, the error by number or
    /// mnemonic. Then dnspython's form: the key one token, other data the
    /// rest, both optional; or BIND's: each as its length and base64, as in
    /// TSIG.
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        <DecompressName as Codec<'a, Name<'a>>>::parse(t, w)?;
        for _ in 0..2 {
            let secs = present::parse_sig_time(t.token()?.text).ok_or(TextError::BadNumber)?;
            w.u32(secs)?;
        }
        let mode: u16 = t.decimal()?;
        w.u16(mode)?;
        <TsigError as Codec<'a, u16>>::parse(t, w)?;
        // BIND's form if it reads to the end. Its lengths are plain decimal
        // (no leading zero), so dnswire's own text, at most two tokens of
        // base64 after the error, never reads as BIND's.
        let (tokens, at) = (t.tokens.clone(), w.checkpoint());
        let mut counted = || -> Result<(), TextError> {
            for _ in 0..2 {
                let plain = t.tokens.peek().ok().flatten().is_some_and(|n| n.text == "0" || !n.text.starts_with('0'));
                if !plain {
                    return Err(TextError::BadNumber);
                }
                <CountedBase64 as Codec<'a, &'a [u8]>>::parse(t, w)?;
            }
            if t.is_empty() { Ok(()) } else { Err(TextError::ExtraToken) }
        };
        if counted().is_ok() {
            return Ok(());
        }
        t.tokens = tokens;
        w.rollback(at);
        let key_at = w.len;
        w.u16(0)?;
        if !t.is_empty() {
            t.base64_token(w)?;
        }
        patch_length(w, key_at)?;
        let other_at = w.len;
        w.u16(0)?;
        t.base64_rest(w)?;
        patch_length(w, other_at)
    }
}

/// Writes the length of what follows the two octets at `at`, into them.
fn patch_length(w: &mut Writer<'_>, at: usize) -> Result<(), TextError> {
    let len = w.len.checked_sub(at).and_then(|n| n.checked_sub(2)).ok_or(TextError::NoSpace)?;
    Ok(w.patch_u16(at, u16::try_from(len).map_err(|_| TextError::StringTooLong)?)?)
}

impl fmt::Display for Tkey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        <Self as Codec<'_, Self>>::present(self, f)
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
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        // Up to 2^48 - 1: 15 digits, more than `Fields::decimal` reads.
        let text = t.token()?.text;
        let v = text
            .bytes()
            .try_fold(0u64, |acc, b| {
                let d = u64::from(b.checked_sub(b'0').filter(|d| *d < 10)?);
                acc.checked_mul(10)?.checked_add(d)
            })
            .filter(|&v| !text.is_empty() && v >> 48 == 0)
            .ok_or(TextError::BadNumber)?;
        let [_, _, rest @ ..] = v.to_be_bytes();
        Ok(w.bytes(&rest)?)
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
    /// The length, then one token of base64 of that many octets unless the
    /// length is 0.
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        let len: u16 = t.decimal()?;
        w.u16(len)?;
        if len == 0 {
            return Ok(());
        }
        let start = w.len;
        t.base64_token(w)?;
        if w.len.checked_sub(start) != Some(usize::from(len)) {
            return Err(TextError::BadField);
        }
        Ok(())
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
    /// By mnemonic (`BADSIG` too) or number.
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        let text = t.token()?.text;
        let rcode = if text.eq_ignore_ascii_case("BADSIG") { Some(Rcode(16)) } else { Rcode::from_mnemonic(text) };
        Ok(w.u16(rcode.ok_or(TextError::UnknownMnemonic)?.0)?)
    }
}
