//! The next name and types of the original DNSSEC: NXT (RFC 2535 §5),
//! obsolete (RFC 3755), read and written so old zones and captures still
//! decode.

use core::fmt;

use super::field::{Codec, DecompressName};
use super::rdata_struct;
use crate::error::{DecodeError, EncodeError, TextError};
use crate::iana::Rtype;
use crate::name::Name;
use crate::text::Fields;
use crate::wire::{Reader, Writer};

rdata_struct! {
    /// The next owner name and the types at this one (RFC 2535 §5.2). The
    /// name may be compressed by old senders (RFC 3597 §4 lists NXT).
    pub struct Nxt<'a> {
        /// The next owner name in the zone.
        pub next: Name<'a> => DecompressName,
        /// One bit per type from 0 to 127, type 0's bit first.
        pub types: &'a [u8] => NxtTypes,
    }
}

/// The NXT type bitmap (RFC 2535 §5.2): at most 16 octets (types 0 to 127),
/// bit 0 clear (set, it would announce another format), presented as the
/// types' mnemonics.
pub(crate) struct NxtTypes;

/// The most octets the bitmap has: types up to 127.
const MAX_OCTETS: usize = 16;

fn valid(bits: &[u8]) -> bool {
    bits.len() <= MAX_OCTETS && bits.first().is_none_or(|b| b & 0x80 == 0)
}

impl<'a> Codec<'a, &'a [u8]> for NxtTypes {
    fn decode(r: &mut Reader<'a>) -> Result<&'a [u8], DecodeError> {
        let bits = r.rest();
        if valid(bits) { Ok(bits) } else { Err(DecodeError::InvalidValue) }
    }
    fn encode(v: &&'a [u8], w: &mut Writer<'_>) -> Result<(), EncodeError> {
        if !valid(v) {
            return Err(EncodeError::InvalidValue);
        }
        w.bytes(v)
    }
    fn present(v: &&'a [u8], f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Self::present_field(v, "", f)
    }
    fn present_field(v: &&'a [u8], sep: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sep = sep;
        for (i, &octet) in (0u16..).zip(v.iter()) {
            for bit in 0..8u16 {
                if octet & (0x80 >> bit) != 0 {
                    write!(f, "{sep}{}", Rtype(i.saturating_mul(8).saturating_add(bit)))?;
                    sep = " ";
                }
            }
        }
        Ok(())
    }
    /// The rest of the tokens, types by mnemonic in any order, each from 1 to
    /// 127; the bitmap up to the highest (RFC 2535 §5.2).
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        let mut bits = [0u8; MAX_OCTETS];
        let mut len = 0usize;
        while let Some(token) = t.tokens.next_token()? {
            let rtype = Rtype::from_mnemonic(token.text).ok_or(TextError::UnknownMnemonic)?;
            let n = usize::from(rtype.0);
            if n == 0 || n >= MAX_OCTETS.saturating_mul(8) {
                return Err(TextError::BadField);
            }
            let octet = bits.get_mut(n >> 3).ok_or(TextError::BadField)?;
            *octet |= 0x80 >> (n & 7);
            len = len.max((n >> 3).saturating_add(1));
        }
        Ok(w.bytes(bits.get(..len).unwrap_or(&[]))?)
    }
}
