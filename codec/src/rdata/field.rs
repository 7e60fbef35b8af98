//! Field codecs: how one RDATA field is read, written and presented. A record
//! type is a list of fields, each with its codec (see `rdata_struct!`).

use core::fmt;
use core::net::{Ipv4Addr, Ipv6Addr};

use crate::error::{DecodeError, EncodeError, TextError};
use crate::iana::Rtype;
use crate::name::{Name, NameRules};
use crate::present;
use crate::text::Fields;
use crate::wire::{Reader, Writer};

/// Reads, writes and presents a value of type `T` as one RDATA field.
pub(crate) trait Codec<'a, T> {
    fn decode(r: &mut Reader<'a>) -> Result<T, DecodeError>;
    fn encode(v: &T, w: &mut Writer<'_>) -> Result<(), EncodeError>;
    fn present(v: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result;
    /// Presents the field after the separator `sep` (a space, or nothing for
    /// the first field). Lists that may be empty override this to write their
    /// own separators, so an empty list leaves no trailing space.
    fn present_field(v: &T, sep: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(sep)?;
        Self::present(v, f)
    }
    /// Reads the field's presentation form from `t` and writes its wire form
    /// to `w` (see `crate::text`): at least what `present` writes, and what
    /// dnspython writes for the field.
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError>;
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
            fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
                let v: $t = t.decimal()?;
                Ok(w.$get(v)?)
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
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        let text = t.token()?.text;
        t.expect("bad IPv4 address");
        let octets = crate::text::ipv4::parse_ipv4(text).ok_or(TextError::BadField)?;
        Ok(w.bytes(&octets)?)
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
        present::write_ipv6(f, v)
    }
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        let text = t.token()?.text;
        t.expect("bad IPv6 address");
        let octets = crate::text::ipv6::parse_ipv6(text).ok_or(TextError::BadField)?;
        Ok(w.bytes(&octets)?)
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
            fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
                let name = t.name()?;
                Ok(w.name(&name.as_name(), $rules)?)
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
    LowerName => NameRules::LOWER;
    /// A name never compressed and never lowercased.
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
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        let mut buf = [0u8; 255];
        let n = t.char_string(&mut buf)?;
        Ok(w.u8_prefixed(buf.get(..n).unwrap_or(&[]))?)
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
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        let token = t.token()?;
        crate::text::unescape_each(token.text, |b| Ok(w.u8(b)?))
    }
}

/// Declares a codec for the rest of the RDATA, presented by `$present`.
macro_rules! rest_codec {
    ($($(#[$m:meta])* $codec:ident => $present:expr, parse $parse:expr;)*) => {$(
        $(#[$m])*
        pub(crate) struct $codec;

        impl<'a> Codec<'a, &'a [u8]> for $codec {
            fn decode(r: &mut Reader<'a>) -> Result<&'a [u8], DecodeError> {
                Ok(r.rest())
            }
            fn encode(v: &&'a [u8], w: &mut Writer<'_>) -> Result<(), EncodeError> {
                w.bytes(v)
            }
            fn present(v: &&'a [u8], f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let present: fn(&mut fmt::Formatter<'_>, &[u8]) -> fmt::Result = $present;
                present(f, v)
            }
            fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
                let parse: fn(&mut Fields<'_, '_>, &mut Writer<'_>) -> Result<(), TextError> = $parse;
                parse(t, w)
            }
        }
    )*};
}

rest_codec! {
    /// The rest of the RDATA as base64 in groups of 32 characters, as dnspython
    /// presents keys, signatures and certificates.
    /// Every type that has it (keys, signatures, certificates) needs some
    /// data: the text may not leave it out (RFC 4034 §2.2, §3.2; RFC 4398
    /// §2.2). The wire decoder still takes an empty one: no RFC asks a
    /// receiver to refuse it, and verifying a signature or key fails anyway.
    Base64Rest => |f, v| present::write_base64_chunked(f, v, 32), parse |t, w| some_octets(t, w, |t, w| t.base64_rest(w));
    /// The rest of the RDATA as base64 in one piece (OPENPGPKEY, RFC 7929 §2.3).
    /// The rest of the RDATA as lowercase hex in groups of 128 digits (digests,
    /// fingerprints, TLSA data). The text must give some: DS (RFC 4034 §5.3),
    /// SSHFP (RFC 4255 §3.2), TLSA (RFC 6698 §2.2), ZONEMD (RFC 8976 §2.3).
    /// On the wire DS and ZONEMD digests are checked by their digest type
    /// (`dnssec.rs`); SSHFP and TLSA data are left to their users.
    HexChunked => |f, v| present::write_hex_chunked(f, v, 128), parse |t, w| some_octets(t, w, |t, w| t.hex_rest(w).map(|_| ()));
    /// The rest of the RDATA as `0x` and hex (NSAP, RFC 1706 §5).
    NsapHex => |f, v| {
        f.write_str("0x")?;
        present::write_hex(f, v)
    }, parse |t, w| {
        // dnspython: `0x`, then hex digits that dots may group.
        let text = t.token()?.text;
        let digits = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")).ok_or(TextError::BadField)?;
        crate::text::hex_into(digits, |c| c == b'.', w)
    };
}

/// Base64 data, the rest of the RDATA, of at least `MIN` octets on the wire
/// and in text, presented in groups of `CHUNK` characters (0: one piece).
/// OPENPGPKEY holds one key, never nothing (RFC 7929 §2.1); DHCID is never
/// empty either (RFC 4701 §3.3 lays out 3 octets of type codes before the
/// digest, but Knot and dnspython take a single octet, so only emptiness
/// is refused).
pub(crate) struct Base64AtLeast<const MIN: usize, const CHUNK: usize>;

impl<'a, const MIN: usize, const CHUNK: usize> Codec<'a, &'a [u8]> for Base64AtLeast<MIN, CHUNK> {
    fn decode(r: &mut Reader<'a>) -> Result<&'a [u8], DecodeError> {
        let data = r.rest();
        if data.len() < MIN { Err(DecodeError::InvalidValue) } else { Ok(data) }
    }
    fn encode(v: &&'a [u8], w: &mut Writer<'_>) -> Result<(), EncodeError> {
        if v.len() < MIN {
            return Err(EncodeError::InvalidValue);
        }
        w.bytes(v)
    }
    fn present(v: &&'a [u8], f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if CHUNK == 0 { present::write_base64(f, v) } else { present::write_base64_chunked(f, v, CHUNK) }
    }
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        some_octets(t, w, |t, w| t.base64_rest(w))
    }
}

/// Runs `parse`, then fails with [`TextError::MissingToken`] if it wrote
/// nothing: data the presentation form requires.
fn some_octets(
    t: &mut Fields<'_, '_>,
    w: &mut Writer<'_>,
    parse: impl FnOnce(&mut Fields<'_, '_>, &mut Writer<'_>) -> Result<(), TextError>,
) -> Result<(), TextError> {
    let before = w.len;
    parse(t, w)?;
    if w.len == before { Err(TextError::MissingToken) } else { Ok(()) }
}

/// A 32-bit time in seconds, presented in decimal, read also with BIND's
/// units like a TTL (`1d 1h`, `2w`): the SOA timers, as every zone reader
/// takes them (RFC 2308 §4 gives the SOA MINIMUM as a TTL).
pub(crate) struct Seconds;

impl<'a> Codec<'a, u32> for Seconds {
    fn decode(r: &mut Reader<'a>) -> Result<u32, DecodeError> {
        r.u32()
    }
    fn encode(v: &u32, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u32(*v)
    }
    fn present(v: &u32, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{v}")
    }
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        let text = t.token()?.text;
        t.expect("bad TTL");
        Ok(w.u32(crate::text::parse_ttl(text)?)?)
    }
}

/// A record type number, presented as its mnemonic (RRSIG type covered).
pub(crate) struct TypeCode;

impl<'a> Codec<'a, Rtype> for TypeCode {
    fn decode(r: &mut Reader<'a>) -> Result<Rtype, DecodeError> {
        Ok(Rtype(r.u16()?))
    }
    fn encode(v: &Rtype, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u16(v.0)
    }
    fn present(v: &Rtype, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{v}")
    }
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        let text = t.token()?.text;
        t.expect("unknown record type");
        let rtype = Rtype::from_mnemonic(text).ok_or(TextError::UnknownMnemonic)?;
        Ok(w.u16(rtype.0)?)
    }
}

/// A signature time, seconds since 1970 presented as `YYYYMMDDHHMMSS`
/// (RFC 4034 §3.2).
pub(crate) struct SigTime;

impl<'a> Codec<'a, u32> for SigTime {
    fn decode(r: &mut Reader<'a>) -> Result<u32, DecodeError> {
        r.u32()
    }
    fn encode(v: &u32, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u32(*v)
    }
    fn present(v: &u32, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        present::write_sig_time(f, *v)
    }
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        // Decimal seconds are allowed too (RFC 4034 §3.2).
        let text = t.token()?.text;
        t.expect("bad timestamp, expected YYYYMMDDHHmmSS or seconds since 1970");
        let secs = present::parse_sig_time(text).ok_or(TextError::BadField)?;
        Ok(w.u32(secs)?)
    }
}

/// The NSEC3 salt: one length octet, presented as hex or `-` when empty
/// (RFC 5155 §3.3).
pub(crate) struct Salt;

impl<'a> Codec<'a, &'a [u8]> for Salt {
    fn decode(r: &mut Reader<'a>) -> Result<&'a [u8], DecodeError> {
        r.u8_prefixed()
    }
    fn encode(v: &&'a [u8], w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u8_prefixed(v)
    }
    fn present(v: &&'a [u8], f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if v.is_empty() { f.write_str("-") } else { present::write_hex(f, v) }
    }
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        let text = t.token()?.text;
        if text == "-" {
            return Ok(w.u8(0)?);
        }
        let len = u8::try_from(text.len().checked_div(2).unwrap_or(0)).map_err(|_| TextError::StringTooLong)?;
        w.u8(len)?;
        crate::text::hex_into(text, |_| false, w)
    }
}

/// The NSEC3 next hashed owner name: one length octet (at least 1), presented
/// in base32hex (RFC 5155 §3.2, §3.3).
pub(crate) struct HashedOwner;

impl<'a> Codec<'a, &'a [u8]> for HashedOwner {
    fn decode(r: &mut Reader<'a>) -> Result<&'a [u8], DecodeError> {
        let hash = r.u8_prefixed()?;
        if hash.is_empty() {
            return Err(DecodeError::InvalidValue);
        }
        Ok(hash)
    }
    fn encode(v: &&'a [u8], w: &mut Writer<'_>) -> Result<(), EncodeError> {
        if v.is_empty() {
            return Err(EncodeError::InvalidValue);
        }
        w.u8_prefixed(v)
    }
    fn present(v: &&'a [u8], f: &mut fmt::Formatter<'_>) -> fmt::Result {
        present::write_base32hex(f, v)
    }
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        let text = t.token()?.text;
        let len = crate::text::base32hex_len(text).filter(|&n| n > 0).ok_or(TextError::BadField)?;
        w.u8(u8::try_from(len).map_err(|_| TextError::StringTooLong)?)?;
        crate::text::base32hex_into(text, w)
    }
}

/// A character-string presented bare (GPOS, RFC 1712 §3).
pub(crate) struct BareString;

impl<'a> Codec<'a, &'a [u8]> for BareString {
    fn decode(r: &mut Reader<'a>) -> Result<&'a [u8], DecodeError> {
        r.u8_prefixed()
    }
    fn encode(v: &&'a [u8], w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u8_prefixed(v)
    }
    fn present(v: &&'a [u8], f: &mut fmt::Formatter<'_>) -> fmt::Result {
        present::write_raw(f, v)
    }
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        <CharString as Codec<'a, &'a [u8]>>::parse(t, w)
    }
}

/// An optional trailing character-string (the ISDN subaddress, RFC 1183 §3.2).
pub(crate) struct OptCharString;

impl<'a> Codec<'a, Option<&'a [u8]>> for OptCharString {
    fn decode(r: &mut Reader<'a>) -> Result<Option<&'a [u8]>, DecodeError> {
        if r.is_empty() { Ok(None) } else { r.u8_prefixed().map(Some) }
    }
    fn encode(v: &Option<&'a [u8]>, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        match v {
            Some(s) => w.u8_prefixed(s),
            None => Ok(()),
        }
    }
    fn present(v: &Option<&'a [u8]>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match v {
            Some(s) => present::write_quoted(f, s),
            None => Ok(()),
        }
    }
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        if t.is_empty() { Ok(()) } else { <CharString as Codec<'a, &'a [u8]>>::parse(t, w) }
    }
    fn present_field(v: &Option<&'a [u8]>, sep: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match v {
            Some(s) => {
                f.write_str(sep)?;
                present::write_quoted(f, s)
            }
            None => Ok(()),
        }
    }
}

/// Fixed-size octets presented as hex pairs joined by `-` (EUI48, EUI64,
/// RFC 7043 §3.2, §4.2).
pub(crate) struct Eui;

/// Eight octets presented as four colon-separated groups of four hex digits
/// (NID and L64, RFC 6742 §2.1.2, §2.3.2).
pub(crate) struct Locator64;

impl<'a, const N: usize> Codec<'a, [u8; N]> for Eui {
    fn decode(r: &mut Reader<'a>) -> Result<[u8; N], DecodeError> {
        r.array()
    }
    fn encode(v: &[u8; N], w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.bytes(v)
    }
    fn present(v: &[u8; N], f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sep = "";
        for b in v {
            write!(f, "{sep}{b:02x}")?;
            sep = "-";
        }
        Ok(())
    }
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        groups(t.token()?.text, '-', N, 1, w)
    }
}

impl<'a> Codec<'a, [u8; 8]> for Locator64 {
    fn decode(r: &mut Reader<'a>) -> Result<[u8; 8], DecodeError> {
        r.array()
    }
    fn encode(v: &[u8; 8], w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.bytes(v)
    }
    fn present(v: &[u8; 8], f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sep = "";
        for pair in v.chunks(2) {
            f.write_str(sep)?;
            present::write_hex(f, pair)?;
            sep = ":";
        }
        Ok(())
    }
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        groups(t.token()?.text, ':', 4, 2, w)
    }
}

/// Exactly `count` groups of hex digits joined by `sep`, each of `width`
/// octets: two digits each for an EUI (RFC 7043 §3.2); four for a locator
/// (RFC 6742 §2.1.3, §2.3.3), or fewer without leading zeros as BIND prints
/// them (`14:4fff:ff20:ee64`). A group like `000` is neither: a digit was
/// lost, and other readers refuse it.
fn groups(text: &str, sep: char, count: usize, width: usize, w: &mut Writer<'_>) -> Result<(), TextError> {
    let mut n = 0usize;
    for group in text.split(sep) {
        let digits = group.len();
        let unpadded = digits == 1 || (digits < 4 && !group.starts_with('0'));
        let fits = if width == 1 { digits == 2 } else { digits == 4 || unpadded };
        if !fits || !group.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(TextError::BadField);
        }
        let v = u16::from_str_radix(group, 16).map_err(|_| TextError::BadField)?;
        let octets = v.to_be_bytes();
        w.bytes(octets.get(2usize.saturating_sub(width)..).unwrap_or(&[]))?;
        n = n.saturating_add(1);
    }
    if n == count { Ok(()) } else { Err(TextError::BadField) }
}
