//! The other typed records: DANE and key material (TLSA, SMIMEA, SSHFP,
//! OPENPGPKEY, CERT, DHCID), ILNP (NID, L32, L64, LP), EUI48/EUI64, URI, KX,
//! and the RFC 1183 and RFC 1706 types (X25, ISDN, GPOS, NSAP).

use core::fmt;
use core::net::Ipv4Addr;

use super::field::{Addr, BareString, Base64Rest, CharString, Codec, DecompressName, HexChunked, Int, Locator64, LowerName, OptCharString};
use super::rdata_struct;
use crate::error::{DecodeError, EncodeError, TextError};
use crate::name::Name;
use crate::present;
use crate::text::Fields;
use crate::wire::{Reader, Writer};

rdata_struct! {
    /// A certificate association: TLSA (RFC 6698 §2.1) and SMIMEA (RFC 8162
    /// §2, same format).
    pub struct Tlsa<'a> {
        /// Certificate usage (0 PKIX-TA ... 3 DANE-EE).
        pub usage: u8 => Int,
        /// Selector (0 full certificate, 1 SubjectPublicKeyInfo).
        pub selector: u8 => Int,
        /// Matching type (0 exact, 1 SHA-256, 2 SHA-512).
        pub matching_type: u8 => Int,
        /// The certificate association data, lowercase hex.
        pub data: &'a [u8] => HexChunked,
    }
}

rdata_struct! {
    /// An SSH host key fingerprint (RFC 4255 §3.1).
    pub struct Sshfp<'a> {
        /// The key algorithm (1 RSA, 2 DSA, 3 ECDSA, 4 Ed25519...).
        pub algorithm: u8 => Int,
        /// The fingerprint type (1 SHA-1, 2 SHA-256).
        pub fp_type: u8 => Int,
        /// The fingerprint, lowercase hex.
        pub fingerprint: &'a [u8] => HexChunked,
    }
}

rdata_struct! {
    /// A certificate or CRL (RFC 4398 §2). dnspython presents the type and
    /// algorithm by mnemonic where it has one.
    pub struct Cert<'a> {
        /// The certificate type (1 PKIX, 3 PGP, 253 URI, 254 OID...).
        pub cert_type: u16 => CertType,
        /// The key tag of the key, as in DNSKEY.
        pub key_tag: u16 => Int,
        /// The DNSSEC algorithm number.
        pub algorithm: u8 => AlgorithmName,
        /// The certificate, base64.
        pub certificate: &'a [u8] => Base64Rest,
    }
}

/// CERT certificate types, presented as dnspython's mnemonics (RFC 4398 §2.1).
pub(crate) struct CertType;

const CERT_TYPES: &[(u16, &str)] =
    &[(1, "PKIX"), (2, "SPKI"), (3, "PGP"), (4, "IPKIX"), (5, "ISPKI"), (6, "IPGP"), (7, "ACPKIX"), (8, "IACPKIX"), (253, "URI"), (254, "OID")];

/// DNSSEC algorithm numbers, presented as dnspython's mnemonics (the IANA
/// DNS Security Algorithm Numbers registry; used by CERT, RFC 4398 §2.2).
pub(crate) struct AlgorithmName;

const ALGORITHMS: &[(u8, &str)] = &[
    (1, "RSAMD5"),
    (2, "DH"),
    (3, "DSA"),
    (4, "ECC"),
    (5, "RSASHA1"),
    (6, "DSANSEC3SHA1"),
    (7, "RSASHA1NSEC3SHA1"),
    (8, "RSASHA256"),
    (10, "RSASHA512"),
    (12, "ECCGOST"),
    (13, "ECDSAP256SHA256"),
    (14, "ECDSAP384SHA384"),
    (15, "ED25519"),
    (16, "ED448"),
    (252, "INDIRECT"),
    (253, "PRIVATEDNS"),
    (254, "PRIVATEOID"),
];

/// The IANA registry's own spellings, where dnspython's differ (RFC 5155 §2
/// writes `DSA-NSEC3-SHA1`, RFC 5933 `ECC-GOST`): read, never written.
const ALGORITHM_ALIASES: &[(u8, &str)] = &[(6, "DSA-NSEC3-SHA1"), (7, "RSASHA1-NSEC3-SHA1"), (12, "ECC-GOST")];

/// A DNSSEC algorithm in decimal or by mnemonic (RFC 4034 §2.2, §3.2, §5.3).
pub(crate) fn parse_algorithm(text: &str) -> Result<u8, TextError> {
    present::parse_named(text, ALGORITHMS).or_else(|e| match e {
        TextError::UnknownMnemonic => present::parse_named(text, ALGORITHM_ALIASES),
        e => Err(e),
    })
}

/// A DNSSEC algorithm number presented in decimal, as dnspython and the
/// RFCs' examples write it in DNSKEY, RRSIG and DS, and read by mnemonic as
/// well (RFC 4034 §2.2, §3.2, §5.3 allow `RSASHA1` for 5...).
pub(crate) struct AlgorithmNumber;

impl<'a> Codec<'a, u8> for AlgorithmNumber {
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
        let text = t.token()?.text;
        t.expect("unknown DNSSEC algorithm");
        Ok(w.u8(parse_algorithm(text)?)?)
    }
}

/// Presents `v` by its mnemonic in `table`, or in decimal.
fn write_named<T: PartialEq + fmt::Display>(f: &mut fmt::Formatter<'_>, table: &[(T, &str)], v: &T) -> fmt::Result {
    match table.iter().find(|(k, _)| k == v) {
        Some((_, name)) => f.write_str(name),
        None => write!(f, "{v}"),
    }
}

impl<'a> Codec<'a, u16> for CertType {
    fn decode(r: &mut Reader<'a>) -> Result<u16, DecodeError> {
        r.u16()
    }
    fn encode(v: &u16, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u16(*v)
    }
    fn present(v: &u16, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_named(f, CERT_TYPES, v)
    }
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        Ok(w.u16(present::parse_named(t.token()?.text, CERT_TYPES)?)?)
    }
}

impl<'a> Codec<'a, u8> for AlgorithmName {
    fn decode(r: &mut Reader<'a>) -> Result<u8, DecodeError> {
        r.u8()
    }
    fn encode(v: &u8, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u8(*v)
    }
    fn present(v: &u8, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_named(f, ALGORITHMS, v)
    }
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        let text = t.token()?.text;
        t.expect("unknown DNSSEC algorithm");
        Ok(w.u8(parse_algorithm(text)?)?)
    }
}

rdata_struct! {
    /// A uniform resource identifier (RFC 7553 §4.5).
    pub struct Uri<'a> {
        /// Lower values are tried first.
        pub priority: u16 => Int,
        /// Relative weight among equal priorities.
        pub weight: u16 => Int,
        /// The URI, the rest of the RDATA, presented quoted; never empty
        /// (RFC 7553 §4.4).
        pub target: &'a [u8] => UriTarget,
    }
}

rdata_struct! {
    /// An ILNP node identifier (NID, RFC 6742 §2.1) or 64-bit locator (L64,
    /// RFC 6742 §2.3), presented as four groups of hex.
    pub struct Nid {
        /// Lower values are preferred.
        pub preference: u16 => Int,
        /// The 64-bit value.
        pub value: [u8; 8] => Locator64,
    }
}

rdata_struct! {
    /// A 32-bit ILNP locator (RFC 6742 §2.2), presented like an IPv4 address.
    pub struct L32 {
        /// Lower values are preferred.
        pub preference: u16 => Int,
        /// The locator.
        pub locator: Ipv4Addr => Addr,
    }
}

rdata_struct! {
    /// An ILNP locator pointer (RFC 6742 §2.4). The name is never compressed
    /// on encode, but decompressed on decode, since dnspython and others
    /// compress it.
    pub struct Lp<'a> {
        /// Lower values are preferred.
        pub preference: u16 => Int,
        /// A name with L32 or L64 records.
        pub fqdn: Name<'a> => DecompressName,
    }
}

rdata_struct! {
    /// A key exchanger (RFC 2230 §3); the name is never compressed and is
    /// lowercased in canonical form (RFC 4034 §6.2).
    pub struct Kx<'a> {
        /// Lower values are preferred.
        pub preference: u16 => Int,
        /// The key exchanger.
        pub exchanger: Name<'a> => LowerName,
    }
}

rdata_struct! {
    /// An ISDN address and optional subaddress (RFC 1183 §3.2).
    pub struct Isdn<'a> {
        /// The ISDN number.
        pub address: &'a [u8] => CharString,
        /// The subaddress, if present.
        pub subaddress: Option<&'a [u8]> => OptCharString,
    }
}

rdata_struct! {
    /// A geographical position, obsolete (RFC 1712 §3). dnspython prints the
    /// three strings unquoted.
    pub struct Gpos<'a> {
        /// Degrees, negative south.
        pub longitude: &'a [u8] => BareString,
        /// Degrees, negative west.
        pub latitude: &'a [u8] => BareString,
        /// Metres.
        pub altitude: &'a [u8] => BareString,
    }
}

/// GPOS with the field rules of RFC 1712 §3: each string a decimal real
/// number (an optional sign, digits with at most one point, no exponent), the
/// first within -90..90 degrees and the second within -180..180.
pub(crate) struct GposChecked;

impl GposChecked {
    fn valid(v: &Gpos<'_>) -> bool {
        decimal_within(v.longitude, Some(90)) && decimal_within(v.latitude, Some(180)) && decimal_within(v.altitude, None)
    }
}

/// Whether `s` is a decimal real number as RFC 1712 writes them (`[+-]`,
/// digits, at most one point, at least one digit, no exponent) whose
/// magnitude is at most `limit`. Compared exactly, digit by digit: no
/// floating point in the decoder.
fn decimal_within(s: &[u8], limit: Option<u32>) -> bool {
    let unsigned = match s.split_first() {
        Some((b'+' | b'-', rest)) => rest,
        _ => s,
    };
    let (whole, fraction) = match unsigned.iter().position(|&c| c == b'.') {
        Some(at) => (unsigned.get(..at).unwrap_or(&[]), unsigned.get(at.saturating_add(1)..).unwrap_or(&[])),
        None => (unsigned, &[][..]),
    };
    if (whole.is_empty() && fraction.is_empty()) || !whole.iter().chain(fraction).all(u8::is_ascii_digit) {
        return false;
    }
    let Some(limit) = limit else { return true };
    // The whole part; past u32::MAX it is past every limit.
    let mut value: Option<u32> = Some(0);
    for &d in whole {
        value = value.and_then(|v| v.checked_mul(10)).and_then(|v| v.checked_add(u32::from(d.wrapping_sub(b'0'))));
    }
    match value {
        Some(v) => v < limit || (v == limit && fraction.iter().all(|&d| d == b'0')),
        None => false,
    }
}

impl<'a> Codec<'a, Gpos<'a>> for GposChecked {
    fn decode(r: &mut Reader<'a>) -> Result<Gpos<'a>, DecodeError> {
        let v = <Gpos<'a> as Codec<'a, Gpos<'a>>>::decode(r)?;
        if Self::valid(&v) { Ok(v) } else { Err(DecodeError::InvalidValue) }
    }
    fn encode(v: &Gpos<'a>, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        if !Self::valid(v) {
            return Err(EncodeError::InvalidValue);
        }
        <Gpos<'a> as Codec<'a, Gpos<'a>>>::encode(v, w)
    }
    fn present(v: &Gpos<'a>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        <Gpos<'a> as Codec<'a, Gpos<'a>>>::present(v, f)
    }
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        <Gpos<'a> as Codec<'a, Gpos<'a>>>::parse(t, w)
    }
}

/// The URI target: the rest of the RDATA, which must not be empty (RFC 7553
/// §4.4), presented quoted.
pub(crate) struct UriTarget;

impl<'a> Codec<'a, &'a [u8]> for UriTarget {
    fn decode(r: &mut Reader<'a>) -> Result<&'a [u8], DecodeError> {
        let target = r.rest();
        if target.is_empty() {
            return Err(DecodeError::InvalidValue);
        }
        Ok(target)
    }
    fn encode(v: &&'a [u8], w: &mut Writer<'_>) -> Result<(), EncodeError> {
        if v.is_empty() {
            return Err(EncodeError::InvalidValue);
        }
        w.bytes(v)
    }
    fn present(v: &&'a [u8], f: &mut fmt::Formatter<'_>) -> fmt::Result {
        present::write_quoted(f, v)
    }
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        // One character-string, quoted or not, of any length.
        let start = w.len;
        crate::text::unescape_each(t.token()?.text, |b| Ok(w.u8(b)?))?;
        if w.len == start { Err(TextError::BadField) } else { Ok(()) }
    }
}
