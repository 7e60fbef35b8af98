//! Host identity protocol: HIP (RFC 8005).

use core::fmt;

use super::field::{Codec, PlainName};
use crate::error::{DecodeError, EncodeError, TextError};
use crate::name::{Name, NameRules};
use crate::present;
use crate::text::Fields;
use crate::wire::{Reader, Writer};

/// A host identity (RFC 8005 §5): the HIT, the public key and the
/// rendezvous servers. Presented as dnspython does (RFC 8005 §6):
/// `algorithm hit key [servers...]`, the HIT in lowercase hex and the key in
/// base64 in one piece.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hip<'a> {
    /// The public key algorithm (IANA IPSECKEY algorithm numbers).
    pub algorithm: u8,
    /// The host identity tag, at most 255 octets.
    pub hit: &'a [u8],
    /// The host identity public key, at most 65535 octets.
    pub public_key: &'a [u8],
    /// The rendezvous servers, each uncompressed (RFC 8005 §5).
    pub servers: NameList<'a>,
}

impl<'a> Codec<'a, Hip<'a>> for Hip<'a> {
    fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let hit_len = r.u8()?;
        let algorithm = r.u8()?;
        let key_len = r.u16()?;
        let hit = r.bytes(usize::from(hit_len))?;
        let public_key = r.bytes(usize::from(key_len))?;
        let servers = NameList::from_wire(r.rest())?;
        Ok(Self { algorithm, hit, public_key, servers })
    }
    fn encode(v: &Self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u8(u8::try_from(v.hit.len()).map_err(|_| EncodeError::RdataTooLong)?)?;
        w.u8(v.algorithm)?;
        w.u16(u16::try_from(v.public_key.len()).map_err(|_| EncodeError::RdataTooLong)?)?;
        w.bytes(v.hit)?;
        w.bytes(v.public_key)?;
        for server in v.servers.iter() {
            w.name(&server, NameRules::PLAIN)?;
        }
        Ok(())
    }
    fn present(v: &Self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", v.algorithm)?;
        present::write_hex(f, v.hit)?;
        f.write_str(" ")?;
        present::write_base64(f, v.public_key)?;
        for server in v.servers.iter() {
            write!(f, " {server}")?;
        }
        Ok(())
    }
    /// `algorithm hit key [servers...]`: the HIT one token of hex, the key
    /// one token of base64.
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        let algorithm: u8 = t.decimal()?;
        // The HIT and key lengths come first on the wire: patched once known.
        let head = w.len;
        w.bytes(&[0; 4])?;
        crate::text::hex_into(t.token()?.text, |_| false, w)?;
        let hit_len = w.len.checked_sub(head).and_then(|n| n.checked_sub(4)).ok_or(TextError::NoSpace)?;
        let hit_len = u8::try_from(hit_len).map_err(|_| TextError::StringTooLong)?;
        let key_start = w.len;
        t.base64_token(w)?;
        let key_len = w.len.checked_sub(key_start).ok_or(TextError::NoSpace)?;
        let key_len = u16::try_from(key_len).map_err(|_| TextError::StringTooLong)?;
        w.patch_u16(head, u16::from_be_bytes([hit_len, algorithm]))?;
        w.patch_u16(head.checked_add(2).ok_or(TextError::NoSpace)?, key_len)?;
        while !t.is_empty() {
            <PlainName as Codec<'a, Name<'a>>>::parse(t, w)?;
        }
        Ok(())
    }
}

impl fmt::Display for Hip<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        <Self as Codec<'_, Self>>::present(self, f)
    }
}

/// Uncompressed names one after another to the end of the RDATA (the HIP
/// rendezvous servers), kept as validated wire octets and iterated without
/// allocation. Comparison is by name, ASCII case-insensitive.
///
/// ```
/// use dnswire::rdata::NameList;
/// let list = NameList::from_wire(b"\x03rvs\x07example\x00\x00").unwrap();
/// assert_eq!(list.iter().count(), 2);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct NameList<'a> {
    wire: &'a [u8],
}

impl<'a> NameList<'a> {
    /// Validates uncompressed names filling `wire` exactly; a compression
    /// pointer is [`DecodeError::ForbiddenCompression`].
    ///
    /// # Errors
    /// [`DecodeError::ForbiddenCompression`] for a pointer, and the errors of
    /// [`Name::from_wire`](crate::Name::from_wire) for a malformed name.
    pub fn from_wire(wire: &'a [u8]) -> Result<Self, DecodeError> {
        let mut r = Reader::within(wire, 0, wire.len(), DecodeError::NameUnterminated);
        while !r.is_empty() {
            r.name(NameRules::PLAIN)?;
        }
        Ok(Self { wire })
    }

    /// The names' wire form.
    pub fn as_wire(&self) -> &'a [u8] {
        self.wire
    }

    /// Whether there are no names.
    pub fn is_empty(&self) -> bool {
        self.wire.is_empty()
    }

    /// The names in order.
    pub fn iter(&self) -> NameListIter<'a> {
        NameListIter { r: Reader::within(self.wire, 0, self.wire.len(), DecodeError::NameUnterminated) }
    }
}

impl PartialEq for NameList<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for NameList<'_> {}

/// The names of a [`NameList`].
#[derive(Clone, Debug)]
pub struct NameListIter<'a> {
    r: Reader<'a>,
}

impl<'a> Iterator for NameListIter<'a> {
    type Item = Name<'a>;

    fn next(&mut self) -> Option<Name<'a>> {
        if self.r.is_empty() {
            return None;
        }
        self.r.name(NameRules::PLAIN).ok()
    }
}
