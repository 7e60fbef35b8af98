//! Service binding: SVCB and HTTPS (RFC 9460). The parameters are kept as
//! validated wire octets and iterated without allocation.

use core::fmt::{self, Write};
use core::net::{Ipv4Addr, Ipv6Addr};

use super::field::{Codec, Int, PlainName};
use crate::error::{DecodeError, EncodeError, TextError};
use crate::iana::SvcParamKey;
use crate::name::Name;
use crate::present;
use crate::text::Fields;
use crate::wire::{Reader, Writer};

/// A service binding: SVCB (RFC 9460 §2.2) and HTTPS (RFC 9460 §9). The
/// target is never compressed nor lowercased (RFC 9460 §2.2); AliasMode
/// (priority 0) carries no parameters (RFC 9460 §2.4.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Svcb<'a> {
    /// 0 is AliasMode; anything else is ServiceMode, lower first.
    pub priority: u16,
    /// The alias target or the service's host (`.` for the owner).
    pub target: Name<'a>,
    /// The service parameters, keys in increasing order.
    pub params: SvcParams<'a>,
}

impl<'a> Codec<'a, Svcb<'a>> for Svcb<'a> {
    fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let priority = <Int as Codec<'a, u16>>::decode(r)?;
        let target = <PlainName as Codec<'a, Name<'a>>>::decode(r)?;
        let params = SvcParams::decode(r)?;
        if priority == 0 && !params.wire.is_empty() {
            return Err(DecodeError::InvalidSvcParams);
        }
        Ok(Self { priority, target, params })
    }
    fn encode(v: &Self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u16(v.priority)?;
        <PlainName as Codec<'a, Name<'a>>>::encode(&v.target, w)?;
        w.bytes(v.params.wire)
    }
    fn present(v: &Self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", v.priority, v.target)?;
        SvcParams::present_field(&v.params, " ", f)
    }
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        let priority: u16 = t.decimal()?;
        w.u16(priority)?;
        <PlainName as Codec<'a, Name<'a>>>::parse(t, w)?;
        if priority == 0 && !t.is_empty() {
            // AliasMode carries no parameters (RFC 9460 §2.4.2).
            t.token()?;
            return Err(TextError::BadField);
        }
        <SvcParams<'a> as Codec<'a, SvcParams<'a>>>::parse(t, w)
    }
}

impl fmt::Display for Svcb<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        <Self as Codec<'_, Self>>::present(self, f)
    }
}

/// The SvcParams of an SVCB or HTTPS record (RFC 9460 §2.2): keys strictly
/// increasing, each value well-formed for its key. They fill the rest of the
/// RDATA and may be empty.
///
/// ```
/// use dnswire::rdata::{SvcParamKey, SvcParams};
/// // port=853
/// let params = SvcParams::from_wire(&[0, 3, 0, 2, 0x03, 0x55]).unwrap();
/// let p = params.iter().next().unwrap();
/// assert_eq!((p.key, p.value), (SvcParamKey::PORT, &[0x03, 0x55][..]));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SvcParams<'a> {
    wire: &'a [u8],
}

/// One service parameter: its key and its value octets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SvcParam<'a> {
    /// The key.
    pub key: SvcParamKey,
    /// The value in wire form, already validated for the key.
    pub value: &'a [u8],
}

impl<'a> SvcParams<'a> {
    /// Validates parameters in wire form, which they must fill exactly:
    /// [`DecodeError::InvalidSvcParams`] for keys out of order, a malformed
    /// value or a mandatory key that is absent, [`DecodeError::FieldOverrun`] for a value length past the end.
    ///
    /// # Errors
    /// As said above.
    pub fn from_wire(wire: &'a [u8]) -> Result<Self, DecodeError> {
        let mut r = Reader::within(wire, 0, wire.len(), DecodeError::InvalidSvcParams);
        let mut last: Option<u16> = None;
        while !r.is_empty() {
            crate::work::step();
            let key = r.u16()?;
            let value = r.u16_prefixed()?;
            if last.is_some_and(|l| key <= l) || !value_ok(SvcParamKey(key), value) {
                return Err(DecodeError::InvalidSvcParams);
            }
            last = Some(key);
        }
        let params = Self { wire };
        // no-default-alpn without alpn is not self-consistent (RFC 9460
        // §7.1.1, §2.4.3): the client would have no protocol left.
        if params.iter().any(|p| p.key == SvcParamKey::NO_DEFAULT_ALPN) && !params.iter().any(|p| p.key == SvcParamKey::ALPN) {
            return Err(DecodeError::InvalidSvcParams);
        }
        // Every key listed in mandatory must be present (RFC 9460 §8). Both
        // lists are strictly increasing, so one merge walk checks them all.
        if let Some(m) = params.iter().find(|p| p.key == SvcParamKey::MANDATORY) {
            let mut present = params.iter().map(|p| p.key.0);
            for k in m.value.chunks(2) {
                crate::work::step();
                let k = u16::from_be_bytes([k.first().copied().unwrap_or(0), k.get(1).copied().unwrap_or(0)]);
                if present.find(|&p| p >= k) != Some(k) {
                    return Err(DecodeError::InvalidSvcParams);
                }
            }
        }
        Ok(params)
    }

    /// The parameters' wire form.
    pub fn as_wire(&self) -> &'a [u8] {
        self.wire
    }

    /// The parameters in key order.
    pub fn iter(&self) -> SvcParamIter<'a> {
        SvcParamIter { r: Reader::new(self.wire) }
    }
}

/// Whether `value` is well-formed for `key` (RFC 9460 §7, §8; RFC 9540 §4 for
/// ohttp). Unknown keys take any octets, free-form values (ech, dohpath)
/// any but none.
fn value_ok(key: SvcParamKey, value: &[u8]) -> bool {
    match key {
        SvcParamKey::MANDATORY => {
            let mut last: Option<u16> = None;
            !value.is_empty()
                && value.len().is_multiple_of(2)
                && value.chunks(2).all(|k| {
                    let k = u16::from_be_bytes([k.first().copied().unwrap_or(0), k.get(1).copied().unwrap_or(0)]);
                    let ok = k != 0 && last.is_none_or(|l| k > l);
                    last = Some(k);
                    ok
                })
        }
        SvcParamKey::ALPN => {
            let mut r = Reader::new(value);
            !value.is_empty() && core::iter::from_fn(|| (!r.is_empty()).then(|| r.u8_prefixed())).all(|id| id.is_ok_and(|id| !id.is_empty()))
        }
        SvcParamKey::NO_DEFAULT_ALPN | SvcParamKey::OHTTP => value.is_empty(),
        SvcParamKey::PORT => value.len() == 2,
        SvcParamKey::IPV4HINT => !value.is_empty() && value.len().is_multiple_of(4),
        SvcParamKey::IPV6HINT => !value.is_empty() && value.len().is_multiple_of(16),
        // An ECHConfigList and a URI template are never empty
        // (draft-ietf-tls-svcb-ech §2, RFC 9461 §5).
        SvcParamKey::ECH | SvcParamKey::DOHPATH => !value.is_empty(),
        // TLS NamedGroups, two octets each (draft-ietf-tls-key-share-prediction §3).
        SvcParamKey::TLS_SUPPORTED_GROUPS => !value.is_empty() && value.len().is_multiple_of(2),
        _ => true,
    }
}

/// Iterator over [`SvcParams`].
#[derive(Clone, Debug)]
pub struct SvcParamIter<'a> {
    r: Reader<'a>,
}

impl<'a> Iterator for SvcParamIter<'a> {
    type Item = SvcParam<'a>;

    fn next(&mut self) -> Option<SvcParam<'a>> {
        crate::work::step();
        if self.r.is_empty() {
            return None;
        }
        let key = SvcParamKey(self.r.u16().ok()?);
        let value = self.r.u16_prefixed().ok()?;
        Some(SvcParam { key, value })
    }
}

impl fmt::Display for SvcParam<'_> {
    /// `key` or `key="value"`, as dnspython prints it: every value quoted,
    /// lists comma-separated (RFC 9460 Appendix A).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.key)?;
        if self.value.is_empty() {
            return Ok(());
        }
        f.write_str("=\"")?;
        match self.key {
            SvcParamKey::MANDATORY => {
                let mut sep = "";
                for k in self.value.chunks(2) {
                    let k = SvcParamKey(u16::from_be_bytes([k.first().copied().unwrap_or(0), k.get(1).copied().unwrap_or(0)]));
                    write!(f, "{sep}{k}")?;
                    sep = ",";
                }
            }
            SvcParamKey::ALPN => {
                let mut out = present::EscapeQuotes { out: f };
                let mut r = Reader::new(self.value);
                let mut sep = "";
                while let Ok(id) = r.u8_prefixed() {
                    out.write_str(sep)?;
                    present::write_alpn_id(&mut out, id)?;
                    sep = ",";
                }
            }
            SvcParamKey::PORT => {
                let port = u16::from_be_bytes([self.value.first().copied().unwrap_or(0), self.value.get(1).copied().unwrap_or(0)]);
                write!(f, "{port}")?;
            }
            SvcParamKey::IPV4HINT => {
                let mut sep = "";
                for a in self.value.chunks(4) {
                    let a: [u8; 4] = a.try_into().map_err(|_| fmt::Error)?;
                    write!(f, "{sep}{}", Ipv4Addr::from(a))?;
                    sep = ",";
                }
            }
            SvcParamKey::IPV6HINT => {
                let mut sep = "";
                for a in self.value.chunks(16) {
                    let a: [u8; 16] = a.try_into().map_err(|_| fmt::Error)?;
                    f.write_str(sep)?;
                    present::write_ipv6(f, &Ipv6Addr::from(a))?;
                    sep = ",";
                }
            }
            SvcParamKey::ECH => present::write_base64(f, self.value)?,
            SvcParamKey::TLS_SUPPORTED_GROUPS => {
                let mut sep = "";
                for g in self.value.chunks(2) {
                    let g = u16::from_be_bytes([g.first().copied().unwrap_or(0), g.get(1).copied().unwrap_or(0)]);
                    write!(f, "{sep}{g}")?;
                    sep = ",";
                }
            }
            _ => present::write_escaped(f, self.value)?,
        }
        f.write_str("\"")
    }
}

impl<'a> Codec<'a, SvcParams<'a>> for SvcParams<'a> {
    fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Self::from_wire(r.rest())
    }
    fn encode(v: &Self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.bytes(v.wire)
    }
    fn present(v: &Self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sep = "";
        for p in v.iter() {
            write!(f, "{sep}{p}")?;
            sep = " ";
        }
        Ok(())
    }
    fn present_field(v: &Self, sep: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in v.iter() {
            write!(f, "{sep}{p}")?;
        }
        Ok(())
    }
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        super::svcb_text::parse_params(t, w)
    }
}
