//! Location and address-prefix types: LOC (RFC 1876) and APL (RFC 3123).

use core::fmt;
use core::net::{Ipv4Addr, Ipv6Addr};

use super::field::Codec;
use crate::error::{DecodeError, EncodeError, TextError};
use crate::present;
use crate::text::Fields;
use crate::wire::{Reader, Writer};

/// The equator and the prime meridian: 2^31 thousandths of a second of arc.
const LOC_ORIGIN: u32 = 0x8000_0000;
/// 90 degrees in thousandths of a second of arc.
const MAX_LATITUDE: u32 = 90 * 3_600_000;
/// 180 degrees in thousandths of a second of arc.
const MAX_LONGITUDE: u32 = 180 * 3_600_000;

/// A geographical location (RFC 1876 §2), version 0. The fields keep their
/// wire values; decoding checks them as dnspython does: the version is 0,
/// the latitude within 90° and the longitude within 180° of 2^31, and each
/// size or precision octet has a base and an exponent of at most 9
/// (otherwise [`DecodeError::InvalidValue`]).
///
/// Presented as dnspython does (RFC 1876 §3): `d m s.sss N|S d m s.sss E|W
/// altm`, then `sizem hpm vpm` unless all three are the defaults (1m,
/// 10000m, 10m).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Loc {
    /// The diameter of the sphere enclosing the entity, as base (high
    /// nibble) times ten to the exponent (low nibble) centimetres.
    pub size: u8,
    /// The horizontal precision, in the size's format.
    pub horizontal_precision: u8,
    /// The vertical precision, in the size's format.
    pub vertical_precision: u8,
    /// Thousandths of a second of arc, 2^31 at the equator, north above.
    pub latitude: u32,
    /// Thousandths of a second of arc, 2^31 at the prime meridian, east above.
    pub longitude: u32,
    /// Centimetres above a base 100,000 m below the WGS 84 spheroid.
    pub altitude: u32,
}

impl Loc {
    /// The size or precision octet `v` in centimetres, if its base and
    /// exponent are at most 9 (RFC 1876 §2).
    pub fn precision_cm(v: u8) -> Option<u64> {
        let (base, exp) = (v >> 4, v & 0x0F);
        if base > 9 || exp > 9 {
            return None;
        }
        10u64.checked_pow(u32::from(exp))?.checked_mul(u64::from(base))
    }

    fn valid(&self) -> bool {
        self.latitude.abs_diff(LOC_ORIGIN) <= MAX_LATITUDE
            && self.longitude.abs_diff(LOC_ORIGIN) <= MAX_LONGITUDE
            && [self.size, self.horizontal_precision, self.vertical_precision].iter().all(|&v| Self::precision_cm(v).is_some())
    }
}

/// Writes a coordinate as `d m s.sss H`, `H` being `pos` at or above 2^31.
fn write_coordinate(f: &mut fmt::Formatter<'_>, raw: u32, pos: char, neg: char) -> fmt::Result {
    let hemisphere = if raw >= LOC_ORIGIN { pos } else { neg };
    let ms = raw.abs_diff(LOC_ORIGIN);
    let degrees = ms.checked_div(3_600_000).unwrap_or(0);
    let minutes = ms.checked_rem(3_600_000).and_then(|v| v.checked_div(60_000)).unwrap_or(0);
    let seconds = ms.checked_rem(60_000).and_then(|v| v.checked_div(1000)).unwrap_or(0);
    let thousandths = ms.checked_rem(1000).unwrap_or(0);
    write!(f, "{degrees} {minutes} {seconds}.{thousandths:03} {hemisphere}")
}

/// Writes centimetres as metres with two decimals and an `m`.
fn write_metres(f: &mut fmt::Formatter<'_>, negative: bool, cm: u64) -> fmt::Result {
    let sign = if negative && cm != 0 { "-" } else { "" };
    let (m, rest) = (cm.checked_div(100).unwrap_or(0), cm.checked_rem(100).unwrap_or(0));
    write!(f, "{sign}{m}.{rest:02}m")
}

impl<'a> Codec<'a, Loc> for Loc {
    fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let version = r.u8()?;
        let loc = Self {
            size: r.u8()?,
            horizontal_precision: r.u8()?,
            vertical_precision: r.u8()?,
            latitude: r.u32()?,
            longitude: r.u32()?,
            altitude: r.u32()?,
        };
        if version != 0 || !loc.valid() {
            return Err(DecodeError::InvalidValue);
        }
        Ok(loc)
    }
    fn encode(v: &Self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        if !v.valid() {
            return Err(EncodeError::InvalidValue);
        }
        w.u8(0)?;
        w.u8(v.size)?;
        w.u8(v.horizontal_precision)?;
        w.u8(v.vertical_precision)?;
        w.u32(v.latitude)?;
        w.u32(v.longitude)?;
        w.u32(v.altitude)
    }
    fn present(v: &Self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_coordinate(f, v.latitude, 'N', 'S')?;
        f.write_str(" ")?;
        write_coordinate(f, v.longitude, 'E', 'W')?;
        f.write_str(" ")?;
        // The altitude's base lies 100,000 m (10^7 cm) below the spheroid.
        const BASE: u32 = 10_000_000;
        write_metres(f, v.altitude < BASE, u64::from(v.altitude.abs_diff(BASE)))?;
        let cm = |p: u8| Self::precision_cm(p).unwrap_or(0);
        let (size, hp, vp) = (cm(v.size), cm(v.horizontal_precision), cm(v.vertical_precision));
        if (size, hp, vp) != (100, 1_000_000, 1000) {
            for p in [size, hp, vp] {
                f.write_str(" ")?;
                write_metres(f, false, p)?;
            }
        }
        Ok(())
    }
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        super::loc_text::parse(t, w)
    }
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        <Self as Codec<'_, Self>>::present(self, f)
    }
}

/// An address prefix list (RFC 3123 §4), kept as validated wire octets and
/// iterated without allocation.
///
/// Each item is checked as dnspython checks it: family 1 (IPv4) takes a
/// prefix of at most 32 and at most 4 address octets, family 2 (IPv6) at
/// most 128 and 16, any other family at most 63 address octets
/// ([`DecodeError::InvalidValue`] otherwise); an item running past the end
/// is [`DecodeError::FieldOverrun`].
///
/// ```
/// use dnswire::rdata::Apl;
/// // 1:192.0.2.0/24 !2:2001:db8::/32
/// let apl = Apl::from_wire(&[0, 1, 24, 3, 192, 0, 2, 0, 2, 32, 0x84, 0x20, 0x01, 0x0d, 0xb8]).unwrap();
/// assert_eq!(apl.iter().count(), 2);
/// assert_eq!(apl.to_string_buf::<64>().unwrap().as_str(), "1:192.0.2.0/24 !2:2001:db8::/32");
/// assert!(apl.to_string_buf::<16>().is_err()); // too long for 16 octets: an error, not a cut
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Apl<'a> {
    wire: &'a [u8],
}

/// One APL item (RFC 3123 §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AplItem<'a> {
    /// The address family (1 IPv4, 2 IPv6; IANA Address Family Numbers).
    pub family: u16,
    /// The prefix length in bits.
    pub prefix: u8,
    /// The N bit: the prefix is excluded (presented with `!`).
    pub negation: bool,
    /// The address part, trailing zero octets possibly left out.
    pub afd_part: &'a [u8],
}

impl AplItem<'_> {
    /// The largest address part and prefix dnspython accepts for a family.
    fn limits(family: u16) -> (usize, u8) {
        match family {
            1 => (4, 32),
            2 => (16, 128),
            _ => (63, u8::MAX),
        }
    }

    fn valid(&self) -> bool {
        let (max_len, max_prefix) = Self::limits(self.family);
        self.afd_part.len() <= max_len && self.prefix <= max_prefix
    }
}

impl fmt::Display for AplItem<'_> {
    /// `[!]family:address/prefix`. dnspython prints an unknown family's
    /// address as a Python bytes literal of its hex (`3:b'0a0b'/8`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negation {
            f.write_str("!")?;
        }
        write!(f, "{}:", self.family)?;
        match self.family {
            1 => {
                let mut a = [0u8; 4];
                a.iter_mut().zip(self.afd_part).for_each(|(d, s)| *d = *s);
                write!(f, "{}", Ipv4Addr::from(a))?;
            }
            2 => {
                let mut a = [0u8; 16];
                a.iter_mut().zip(self.afd_part).for_each(|(d, s)| *d = *s);
                present::write_ipv6(f, &Ipv6Addr::from(a))?;
            }
            _ => {
                f.write_str("b'")?;
                present::write_hex(f, self.afd_part)?;
                f.write_str("'")?;
            }
        }
        write!(f, "/{}", self.prefix)
    }
}

impl<'a> Apl<'a> {
    /// Validates a list of items in wire form, which it must fill exactly.
    ///
    /// # Errors
    /// [`DecodeError::FieldOverrun`] if an item runs past the end,
    /// [`DecodeError::InvalidValue`] for an address part or prefix longer than
    /// its family allows (4 octets and 32 bits for IPv4, 16 and 128 for IPv6).
    pub fn from_wire(wire: &'a [u8]) -> Result<Self, DecodeError> {
        let mut r = Reader::within(wire, 0, wire.len(), DecodeError::FieldOverrun);
        while !r.is_empty() {
            if !read_item(&mut r)?.valid() {
                return Err(DecodeError::InvalidValue);
            }
        }
        Ok(Self { wire })
    }

    /// The list's wire form.
    pub fn as_wire(&self) -> &'a [u8] {
        self.wire
    }

    /// The items in order.
    pub fn iter(&self) -> AplIter<'a> {
        AplIter { r: Reader::within(self.wire, 0, self.wire.len(), DecodeError::FieldOverrun) }
    }

    /// Formats the list into a fixed-capacity string (presentation form).
    ///
    /// # Errors
    /// [`fmt::Error`] if the text does not fit in `N` octets: the list is
    /// never cut short.
    pub fn to_string_buf<const N: usize>(&self) -> Result<heapless::String<N>, fmt::Error> {
        let mut s = heapless::String::new();
        fmt::write(&mut s, format_args!("{self}"))?;
        Ok(s)
    }
}

fn read_item<'a>(r: &mut Reader<'a>) -> Result<AplItem<'a>, DecodeError> {
    let family = r.u16()?;
    let prefix = r.u8()?;
    let n_len = r.u8()?;
    let afd_part = r.bytes(usize::from(n_len & 0x7F))?;
    Ok(AplItem { family, prefix, negation: n_len & 0x80 != 0, afd_part })
}

/// The items of an [`Apl`].
#[derive(Clone, Debug)]
pub struct AplIter<'a> {
    r: Reader<'a>,
}

impl<'a> Iterator for AplIter<'a> {
    type Item = AplItem<'a>;

    fn next(&mut self) -> Option<AplItem<'a>> {
        if self.r.is_empty() {
            return None;
        }
        read_item(&mut self.r).ok()
    }
}

impl<'a> Codec<'a, Apl<'a>> for Apl<'a> {
    fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Self::from_wire(r.rest())
    }
    fn encode(v: &Self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.bytes(v.wire)
    }
    fn present(v: &Self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sep = "";
        for item in v.iter() {
            write!(f, "{sep}{item}")?;
            sep = " ";
        }
        Ok(())
    }
    /// The rest of the tokens, one item each (none at all too).
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        while let Some(token) = t.tokens.next_token()? {
            write_item(token.text, w)?;
        }
        Ok(())
    }
}

/// Writes one item given as `[!]family:address/prefix` (RFC 3123 §5), the
/// address's trailing zero octets left out (RFC 3123 §4), as dnspython
/// writes it. Another family's address is hex: bare, as dnspython reads it,
/// or as the `b'...'` dnspython and dnswire print, which gives the octets
/// exactly.
fn write_item(text: &str, w: &mut Writer<'_>) -> Result<(), TextError> {
    let (negation, text) = match text.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (family, rest) = text.split_once(':').ok_or(TextError::BadField)?;
    let family = present::parse_decimal(family).and_then(|v| u16::try_from(v).ok()).ok_or(TextError::BadNumber)?;
    let (address, prefix) = rest.rsplit_once('/').ok_or(TextError::BadField)?;
    let prefix = present::parse_decimal(prefix).and_then(|v| u8::try_from(v).ok()).ok_or(TextError::BadNumber)?;
    let (max_len, max_prefix) = AplItem::limits(family);
    if prefix > max_prefix {
        return Err(TextError::BadNumber);
    }
    let mut octets = [0u8; 63];
    let len = match family {
        1 => {
            let a: Ipv4Addr = address.parse().map_err(|_| TextError::BadField)?;
            octets.iter_mut().zip(a.octets()).for_each(|(d, s)| *d = s);
            4
        }
        2 => {
            let a: Ipv6Addr = address.parse().map_err(|_| TextError::BadField)?;
            octets.iter_mut().zip(a.octets()).for_each(|(d, s)| *d = s);
            16
        }
        _ => {
            let exact = address.strip_prefix("b'").and_then(|a| a.strip_suffix('\''));
            let mut scratch = Writer::new(&mut octets, false);
            crate::text::hex_into(exact.unwrap_or(address), |_| false, &mut scratch).map_err(|_| TextError::BadField)?;
            let len = scratch.len;
            if exact.is_some() {
                return write_afd(family, prefix, negation, octets.get(..len).unwrap_or(&[]), w);
            }
            len
        }
    };
    let afd = octets.get(..len.min(max_len)).unwrap_or(&[]);
    let afd = afd.get(..afd.iter().rposition(|&b| b != 0).map_or(0, |i| i.saturating_add(1))).unwrap_or(&[]);
    write_afd(family, prefix, negation, afd, w)
}

fn write_afd(family: u16, prefix: u8, negation: bool, afd: &[u8], w: &mut Writer<'_>) -> Result<(), TextError> {
    let n_len = u8::try_from(afd.len()).map_err(|_| TextError::BadField)?;
    w.u16(family)?;
    w.u8(prefix)?;
    w.u8(n_len | if negation { 0x80 } else { 0 })?;
    Ok(w.bytes(afd)?)
}

impl fmt::Display for Apl<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        <Self as Codec<'_, Self>>::present(self, f)
    }
}
