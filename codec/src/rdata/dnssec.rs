//! The DNSSEC types: keys (DNSKEY, CDNSKEY, KEY), signatures (RRSIG, SIG),
//! delegation signers (DS, CDS, DLV, TA), denial of existence (NSEC, NSEC3,
//! NSEC3PARAM), CSYNC and ZONEMD.

use super::bitmap::TypeBitmap;
use core::fmt;

use super::field::{Base64Rest, Codec, DecompressName, HashedOwner, HexChunked, Int, LowerName, PlainName, Salt, SigTime, TypeCode};
use super::misc::AlgorithmNumber;
use super::rdata_struct;
use crate::error::{DecodeError, EncodeError};
use crate::iana::Rtype;
use crate::name::Name;
use crate::wire::{Reader, Writer};

rdata_struct! {
    /// A public key: DNSKEY (RFC 4034 §2.1), CDNSKEY (RFC 7344 §3.2) and KEY
    /// (RFC 2535 §3.1, same format). dnspython breaks the base64 key into
    /// groups of 32 characters.
    pub struct Dnskey<'a> {
        /// Bit 7 (256) is the zone key flag, bit 15 (1) the secure entry point.
        pub flags: u16 => Int,
        /// Always 3 (RFC 4034 §2.1.2).
        pub protocol: u8 => Int,
        /// The key's algorithm (DNS Security Algorithm Numbers registry).
        pub algorithm: u8 => AlgorithmNumber,
        /// The public key, in the algorithm's format.
        pub public_key: &'a [u8] => Base64Rest,
    }
}

rdata_struct! {
    /// A signature over an RRset (RFC 4034 §3.1). The signer's name is never
    /// compressed and is lowercased in canonical form (RFC 4034 §3.1.7, §6.2).
    pub struct Rrsig<'a> {
        /// The type of the RRset covered.
        pub type_covered: Rtype => TypeCode,
        /// The signing algorithm.
        pub algorithm: u8 => AlgorithmNumber,
        /// The number of labels in the original owner name, `*` not counted.
        pub labels: u8 => Int,
        /// The TTL of the covered RRset as in the zone.
        pub original_ttl: u32 => Int,
        /// Not valid after this time (seconds since 1970, serial arithmetic).
        pub expiration: u32 => SigTime,
        /// Not valid before this time.
        pub inception: u32 => SigTime,
        /// The key tag of the signing key (RFC 4034 Appendix B).
        pub key_tag: u16 => Int,
        /// The zone that signed.
        pub signer: Name<'a> => LowerName,
        /// The signature.
        pub signature: &'a [u8] => Base64Rest,
    }
}

rdata_struct! {
    /// The original DNSSEC signature (RFC 2535 §4.1, SIG(0) of RFC 2931), in
    /// the RRSIG format. The signer may be compressed by old senders, so it is
    /// decompressed on decode (RFC 3597 §4) but never compressed on encode.
    pub struct Sig<'a> {
        /// The type of the RRset covered (0 for SIG(0)).
        pub type_covered: Rtype => TypeCode,
        /// The signing algorithm.
        pub algorithm: u8 => AlgorithmNumber,
        /// The number of labels in the original owner name.
        pub labels: u8 => Int,
        /// The original TTL.
        pub original_ttl: u32 => Int,
        /// Not valid after this time.
        pub expiration: u32 => SigTime,
        /// Not valid before this time.
        pub inception: u32 => SigTime,
        /// The key tag of the signing key.
        pub key_tag: u16 => Int,
        /// The signer.
        pub signer: Name<'a> => DecompressName,
        /// The signature.
        pub signature: &'a [u8] => Base64Rest,
    }
}

rdata_struct! {
    /// A delegation signer: DS (RFC 4034 §5.1), CDS (RFC 7344 §3.1), DLV
    /// (RFC 4431 §2) and TA (same format). The digest is lowercase hex.
    pub struct Ds<'a> {
        /// The key tag of the referenced DNSKEY.
        pub key_tag: u16 => Int,
        /// The referenced key's algorithm.
        pub algorithm: u8 => AlgorithmNumber,
        /// The digest algorithm (1 SHA-1, 2 SHA-256, 4 SHA-384...).
        pub digest_type: u8 => Int,
        /// The digest of the owner name and DNSKEY RDATA.
        pub digest: &'a [u8] => HexChunked,
    }
    check digest_fits_type;
}

/// A digest type's fixed length must match the digest (SHA-1 RFC 3658 §2.4,
/// SHA-256 RFC 4509 §2.2, GOST RFC 5933 §4, SHA-384 RFC 6605 §2). Type 0 is
/// reserved, but for the CDS delete request `0 0 0 00` (RFC 8078 §4), which
/// [`DsOnly`] refuses in DS, DLV and TA. Other types carry digests of any length.
fn digest_fits_type(ds: &Ds<'_>) -> Result<(), super::CheckFailed> {
    let expected = match ds.digest_type {
        0 => return if ds.digest == [0] { Ok(()) } else { Err(super::CheckFailed) },
        1 => 20,
        2 | 3 => 32,
        4 => 48,
        _ => return Ok(()),
    };
    if ds.digest.len() == expected { Ok(()) } else { Err(super::CheckFailed) }
}

rdata_struct! {
    /// The next owner name in canonical order and the types at this one
    /// (RFC 4034 §4.1). The next name is never compressed nor lowercased
    /// (RFC 6840 §5.1).
    pub struct Nsec<'a> {
        /// The next owner name in the zone.
        pub next: Name<'a> => PlainName,
        /// The types present at the owner.
        pub types: TypeBitmap<'a> => TypeBitmap<'a>,
    }
}

rdata_struct! {
    /// Hashed authenticated denial of existence (RFC 5155 §3.2).
    pub struct Nsec3<'a> {
        /// The hash algorithm (1 is SHA-1).
        pub hash_algorithm: u8 => Int,
        /// Bit 7 (1) is opt-out.
        pub flags: u8 => Int,
        /// Additional hash iterations.
        pub iterations: u16 => Int,
        /// The salt, presented as hex or `-` when empty.
        pub salt: &'a [u8] => Salt,
        /// The next hashed owner name, at least one octet, presented in
        /// unpadded base32hex (lowercase, as dnspython prints it).
        pub next_hashed_owner: &'a [u8] => HashedOwner,
        /// The types present at the original owner name.
        pub types: TypeBitmap<'a> => TypeBitmap<'a>,
    }
}

rdata_struct! {
    /// The NSEC3 parameters of a zone (RFC 5155 §4.2).
    pub struct Nsec3param<'a> {
        /// The hash algorithm.
        pub hash_algorithm: u8 => Int,
        /// Flags; all zero in NSEC3PARAM.
        pub flags: u8 => Int,
        /// Additional hash iterations.
        pub iterations: u16 => Int,
        /// The salt, presented as hex or `-` when empty.
        pub salt: &'a [u8] => Salt,
    }
}

rdata_struct! {
    /// Child-to-parent synchronisation (RFC 7477 §2.1).
    pub struct Csync<'a> {
        /// The SOA serial the data was taken at.
        pub serial: u32 => Int,
        /// Bit 15 (1) is immediate, bit 14 (2) soaminimum.
        pub flags: u16 => Int,
        /// The types to synchronise.
        pub types: TypeBitmap<'a> => TypeBitmap<'a>,
    }
}

rdata_struct! {
    /// A message digest over a zone (RFC 8976 §2).
    pub struct Zonemd<'a> {
        /// The SOA serial of the zone digested.
        pub serial: u32 => Int,
        /// The scheme (1 is SIMPLE).
        pub scheme: u8 => Int,
        /// The hash algorithm (1 SHA-384, 2 SHA-512).
        pub hash_algorithm: u8 => Int,
        /// The digest, lowercase hex.
        pub digest: &'a [u8] => HexChunked,
    }
}

/// KEY (RFC 2535 §3.1): a [`Dnskey`] whose flags may say "no key" (both top
/// bits set, 0xC000, §3.1.2), and then the record stops after the algorithm:
/// the text may leave the key out only then (a key given anyway is read, as
/// Knot reads it).
pub(crate) struct KeyRecord;

impl<'a> Codec<'a, Dnskey<'a>> for KeyRecord {
    fn decode(r: &mut Reader<'a>) -> Result<Dnskey<'a>, DecodeError> {
        <Dnskey<'a> as Codec<'a, Dnskey<'a>>>::decode(r)
    }
    fn encode(v: &Dnskey<'a>, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        <Dnskey<'a> as Codec<'a, Dnskey<'a>>>::encode(v, w)
    }
    fn present(v: &Dnskey<'a>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        <Dnskey<'a> as Codec<'a, Dnskey<'a>>>::present(v, f)
    }
    fn parse(t: &mut crate::text::Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), crate::error::TextError> {
        let flags: u16 = t.decimal()?;
        w.u16(flags)?;
        <Int as Codec<'a, u8>>::parse(t, w)?;
        <AlgorithmNumber as Codec<'a, u8>>::parse(t, w)?;
        if flags & 0xC000 == 0xC000 && t.is_empty() {
            return Ok(());
        }
        <Base64Rest as Codec<'a, &'a [u8]>>::parse(t, w)
    }
}

/// DS, DLV and TA: a [`Ds`] whose digest type is not the reserved 0.
pub(crate) struct DsOnly;

impl<'a> Codec<'a, Ds<'a>> for DsOnly {
    fn decode(r: &mut Reader<'a>) -> Result<Ds<'a>, DecodeError> {
        let ds = <Ds<'a> as Codec<'a, Ds<'a>>>::decode(r)?;
        if ds.digest_type == 0 {
            return Err(DecodeError::InvalidValue);
        }
        Ok(ds)
    }
    fn encode(v: &Ds<'a>, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        if v.digest_type == 0 {
            return Err(EncodeError::InvalidValue);
        }
        <Ds<'a> as Codec<'a, Ds<'a>>>::encode(v, w)
    }
    fn present(v: &Ds<'a>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        <Ds<'a> as Codec<'a, Ds<'a>>>::present(v, f)
    }
    fn parse(t: &mut crate::text::Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), crate::error::TextError> {
        <Ds<'a> as Codec<'a, Ds<'a>>>::parse(t, w)
    }
}

/// ZONEMD with the field rules of RFC 8976: scheme and hash algorithm 0 are
/// reserved (§5.2, §5.3), a SHA-384 digest (algorithm 1) is 48 octets and a
/// SHA-512 one (algorithm 2) 64 (§2.2.3), and no digest is shorter than 12
/// octets (§2.2.4). Unassigned and private-use values are left to verifiers,
/// which skip what they do not support (§4).
pub(crate) struct ZonemdChecked;

impl ZonemdChecked {
    fn valid(v: &Zonemd<'_>) -> bool {
        let length_ok = match v.hash_algorithm {
            1 => v.digest.len() == 48,
            2 => v.digest.len() == 64,
            _ => v.digest.len() >= 12,
        };
        v.scheme != 0 && v.hash_algorithm != 0 && length_ok
    }
}

impl<'a> Codec<'a, Zonemd<'a>> for ZonemdChecked {
    fn decode(r: &mut Reader<'a>) -> Result<Zonemd<'a>, DecodeError> {
        let v = <Zonemd<'a> as Codec<'a, Zonemd<'a>>>::decode(r)?;
        if Self::valid(&v) { Ok(v) } else { Err(DecodeError::InvalidValue) }
    }
    fn encode(v: &Zonemd<'a>, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        if !Self::valid(v) {
            return Err(EncodeError::InvalidValue);
        }
        <Zonemd<'a> as Codec<'a, Zonemd<'a>>>::encode(v, w)
    }
    fn present(v: &Zonemd<'a>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        <Zonemd<'a> as Codec<'a, Zonemd<'a>>>::present(v, f)
    }
    fn parse(t: &mut crate::text::Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), crate::error::TextError> {
        <Zonemd<'a> as Codec<'a, Zonemd<'a>>>::parse(t, w)
    }
}

/// TA (DNSSEC Trust Authorities, never standardised): the DS format without
/// the digest-length rules, which its few deployments did not follow.
pub(crate) struct AnyDigest;

impl<'a> Codec<'a, Ds<'a>> for AnyDigest {
    fn decode(r: &mut Reader<'a>) -> Result<Ds<'a>, DecodeError> {
        Ok(Ds { key_tag: r.u16()?, algorithm: r.u8()?, digest_type: r.u8()?, digest: r.rest() })
    }
    fn encode(v: &Ds<'a>, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u16(v.key_tag)?;
        w.u8(v.algorithm)?;
        w.u8(v.digest_type)?;
        w.bytes(v.digest)
    }
    fn present(v: &Ds<'a>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        <Ds<'a> as Codec<'a, Ds<'a>>>::present(v, f)
    }
    fn parse(t: &mut crate::text::Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), crate::error::TextError> {
        <Ds<'a> as Codec<'a, Ds<'a>>>::parse(t, w)
    }
}

/// Compares two 32-bit times in serial-number arithmetic (RFC 1982 §3.2, as
/// RFC 4034 §3.1.5 asks for signature times): `Some(Less)` when `a` comes
/// before `b`, `None` when the two are exactly 2^31 apart and the order is
/// undefined.
pub fn serial_cmp(a: u32, b: u32) -> Option<core::cmp::Ordering> {
    use core::cmp::Ordering;
    match b.wrapping_sub(a) {
        0 => Some(Ordering::Equal),
        0x8000_0000 => None,
        d if d < 0x8000_0000 => Some(Ordering::Less),
        _ => Some(Ordering::Greater),
    }
}

impl Rrsig<'_> {
    /// Whether `now` (seconds since 1970, modulo 2^32) lies within the
    /// signature's validity period, inception and expiration included, in
    /// serial-number arithmetic (RFC 4034 §3.1.5), so the check keeps working
    /// past 2106.
    ///
    /// ```
    /// # use dnswire::rdata::Rrsig;
    /// # use dnswire::{Name, Rtype};
    /// let sig = Rrsig { type_covered: Rtype::A, algorithm: 13, labels: 2, original_ttl: 300,
    ///     expiration: 5, inception: u32::MAX - 5, key_tag: 1, signer: Name::ROOT, signature: &[] };
    /// assert!(sig.valid_at(0)); // the period wraps past 2^32
    /// assert!(!sig.valid_at(6));
    /// ```
    pub fn valid_at(&self, now: u32) -> bool {
        use core::cmp::Ordering::{Equal, Less};
        let started = matches!(serial_cmp(self.inception, now), Some(Equal | Less));
        let not_over = matches!(serial_cmp(now, self.expiration), Some(Equal | Less));
        started && not_over
    }
}

#[cfg(test)]
mod serial_tests {
    use super::serial_cmp;
    use core::cmp::Ordering::{Equal, Greater, Less};

    #[test]
    fn rfc_1982_comparisons() {
        assert_eq!(serial_cmp(1, 2), Some(Less));
        assert_eq!(serial_cmp(2, 1), Some(Greater));
        assert_eq!(serial_cmp(7, 7), Some(Equal));
        // Wrapping: 2^32 - 1 comes before 0.
        assert_eq!(serial_cmp(u32::MAX, 0), Some(Less));
        assert_eq!(serial_cmp(0, 0x8000_0000), None);
        assert_eq!(serial_cmp(0, 0x7FFF_FFFF), Some(Less));
        assert_eq!(serial_cmp(0, 0x8000_0001), Some(Greater));
    }
}
