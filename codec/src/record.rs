//! Questions and resource records (RFC 1035 §4.1.2, §4.1.3).

use core::fmt;

use crate::error::{DecodeError, EncodeError};
use crate::iana::{Class, Rtype};
use crate::name::{Name, NameCache, NameRules};
use crate::rdata::RData;
use crate::wire::{Reader, Writer};

/// One entry of the question section (the zone section in UPDATE).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Question<'a> {
    /// The name asked about.
    pub qname: Name<'a>,
    /// The type asked for.
    pub qtype: Rtype,
    /// The class asked for.
    pub qclass: Class,
}

impl<'a> Question<'a> {
    pub(crate) fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let qname = r.name(NameRules::COMPRESSED)?;
        Self::after_name(r, qname)
    }

    pub(crate) fn decode_cached(r: &mut Reader<'a>, cache: &mut NameCache) -> Result<Self, DecodeError> {
        let qname = r.name_cached(cache)?;
        Self::after_name(r, qname)
    }

    #[inline(always)]
    fn after_name(r: &mut Reader<'a>, qname: Name<'a>) -> Result<Self, DecodeError> {
        let [t0, t1, c0, c1] = r.array::<4>()?;
        Ok(Self { qname, qtype: Rtype(u16::from_be_bytes([t0, t1])), qclass: Class(u16::from_be_bytes([c0, c1])) })
    }

    pub(crate) fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.name(&self.qname, NameRules::COMPRESSED)?;
        w.u16(self.qtype.0)?;
        w.u16(self.qclass.0)
    }
}

impl fmt::Display for Question<'_> {
    /// `name.\tCLASS\tTYPE`, as dig prints it after the `;`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\t\t{}\t{}", self.qname, self.qclass, self.qtype)
    }
}

/// A resource record. Its type is the type of its RDATA, so the two cannot
/// disagree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Record<'a> {
    /// The owner name.
    pub name: Name<'a>,
    /// The class.
    pub class: Class,
    /// Time to live, in seconds.
    pub ttl: u32,
    /// The typed RDATA.
    pub data: RData<'a>,
}

impl<'a> Record<'a> {
    /// The record type.
    pub fn rtype(&self) -> Rtype {
        self.data.rtype()
    }

    pub(crate) fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.name(&self.name, NameRules::COMPRESSED)?;
        w.u16(self.rtype().0)?;
        w.u16(self.class.0)?;
        w.u32(self.ttl)?;
        let len_at = w.len;
        w.u16(0)?;
        if let Err(e) = self.data.encode(w) {
            // Out of room: but RDATA too long for any record is the truer error.
            let mut measure = Writer::window(&mut [], 0);
            if e == EncodeError::NoSpace && self.data.encode(&mut measure).is_ok() && measure.len > usize::from(u16::MAX) {
                return Err(EncodeError::RdataTooLong);
            }
            return Err(e);
        }
        let rdlen = w.len.checked_sub(len_at).and_then(|n| n.checked_sub(2)).ok_or(EncodeError::NoSpace)?;
        w.patch_u16(len_at, u16::try_from(rdlen).map_err(|_| EncodeError::RdataTooLong)?)
    }
}

impl fmt::Display for Record<'_> {
    /// `owner TTL CLASS TYPE RDATA`, tab-separated as dig prints it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\t{}\t{}\t{}", self.name, self.ttl, self.class, self.rtype())?;
        if !matches!(self.data, RData::Empty(_)) {
            write!(f, "\t{}", self.data)?;
        }
        Ok(())
    }
}

impl RData<'_> {
    /// Writes the RDATA alone in uncompressed wire form, names in their original
    /// case, into `buf`; returns its length.
    ///
    /// # Errors
    /// [`EncodeError::NoSpace`] if `buf` is too small,
    /// [`EncodeError::InvalidValue`] or [`EncodeError::RdataTooLong`] for
    /// RDATA that has no wire form.
    pub fn to_wire(&self, buf: &mut [u8]) -> Result<usize, EncodeError> {
        let mut w = Writer::new(buf, false);
        self.encode(&mut w)?;
        Ok(w.len)
    }
}

#[cfg(feature = "defmt")]
#[cfg_attr(docsrs, doc(cfg(feature = "defmt")))]
impl defmt::Format for Question<'_> {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "{} {} {}", self.qname, self.qclass, self.qtype)
    }
}

#[cfg(feature = "defmt")]
#[cfg_attr(docsrs, doc(cfg(feature = "defmt")))]
impl defmt::Format for Record<'_> {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "{} {=u32} {} {}", self.name, self.ttl, self.class, self.data)
    }
}

#[cfg(feature = "defmt")]
#[cfg_attr(docsrs, doc(cfg(feature = "defmt")))]
impl defmt::Format for RData<'_> {
    /// The short form: the type mnemonic and the uncompressed RDATA length.
    fn format(&self, f: defmt::Formatter<'_>) {
        // A streaming writer with no window counts the octets and keeps none.
        let mut w = Writer::window(&mut [], 0);
        match self.encode(&mut w) {
            Ok(()) => defmt::write!(f, "{} ({=usize} octets)", self.rtype(), w.len),
            Err(e) => defmt::write!(f, "{} ({})", self.rtype(), e),
        }
    }
}

/// The fixed part of a record as it stands on the wire, before its RDATA is
/// interpreted.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RawRecord<'a> {
    pub(crate) name: Name<'a>,
    pub(crate) rtype: Rtype,
    pub(crate) class: Class,
    pub(crate) ttl: u32,
    pub(crate) rdata_start: usize,
    pub(crate) rdata_end: usize,
}

impl<'a> RawRecord<'a> {
    /// Reads owner, type, class, TTL and RDLENGTH, and steps over the RDATA.
    /// Without a cache (a trusted reader steps over the owner).
    #[inline(always)]
    pub(crate) fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let name = r.name(NameRules::COMPRESSED)?;
        Self::after_name(r, name)
    }

    /// [`RawRecord::decode`] with owner names validated through `cache`.
    /// Inlined into its two loops (validation, iteration): the record is then
    /// built in registers rather than returned through memory.
    #[inline(always)]
    pub(crate) fn decode_cached(r: &mut Reader<'a>, cache: &mut NameCache) -> Result<Self, DecodeError> {
        let name = r.name_cached(cache)?;
        Self::after_name(r, name)
    }

    #[inline(always)]
    fn after_name(r: &mut Reader<'a>, name: Name<'a>) -> Result<Self, DecodeError> {
        // Type, class, TTL and RDLENGTH in one bounds check.
        let [t0, t1, c0, c1, l0, l1, l2, l3, d0, d1] = r.array::<10>()?;
        let rtype = Rtype(u16::from_be_bytes([t0, t1]));
        let class = Class(u16::from_be_bytes([c0, c1]));
        let ttl = u32::from_be_bytes([l0, l1, l2, l3]);
        let rdlen = usize::from(u16::from_be_bytes([d0, d1]));
        let rdata_start = r.pos;
        let rdata_end = rdata_start.checked_add(rdlen).ok_or(DecodeError::RdataOverrun)?;
        if rdata_end > r.end {
            return Err(DecodeError::RdataOverrun);
        }
        r.pos = rdata_end;
        Ok(Self { name, rtype, class, ttl, rdata_start, rdata_end })
    }

    /// The RDATA of an IN A or AAAA record of the right size, which is valid
    /// exactly then: the commonest records skip the type table this way.
    #[inline(always)]
    pub(crate) fn plain_address(&self, msg: &'a [u8]) -> Option<RData<'a>> {
        if self.class != Class::IN {
            return None;
        }
        let data = msg.get(self.rdata_start..self.rdata_end)?;
        match self.rtype {
            Rtype::A => <[u8; 4]>::try_from(data).ok().map(|a| RData::A(a.into())),
            Rtype::AAAA => <[u8; 16]>::try_from(data).ok().map(|a| RData::Aaaa(a.into())),
            _ => None,
        }
    }

    /// Validates the RDATA of the commonest types made of names and fixed
    /// fields (NS, CNAME, PTR, MX, SOA, RRSIG, DNSKEY, TXT) without building typed values, with
    /// its names read through `cache` (so a later pointer to them costs one
    /// lookup). `true` when the RDATA is one of these and valid; `false`
    /// leaves the verdict, and its exact error, to the typed decoder. The
    /// checks are exactly the typed decoder's: same names, same rules, the
    /// RDATA filled exactly.
    pub(crate) fn valid_common(&self, msg: &'a [u8], cache: &mut NameCache) -> bool {
        let (start, end) = (self.rdata_start, self.rdata_end);
        let name_at = |pos: usize, cache: &mut NameCache| {
            crate::name::read_with(msg, pos, end, DecodeError::RdataLength, true, Some(cache)).ok().map(|(_, next)| next)
        };
        match self.rtype {
            Rtype::NS | Rtype::CNAME | Rtype::PTR => name_at(start, cache) == Some(end),
            Rtype::MX => start.checked_add(2).filter(|&at| at <= end).and_then(|at| name_at(at, cache)) == Some(end),
            Rtype::SOA => name_at(start, cache).and_then(|next| name_at(next, cache)).and_then(|next| next.checked_add(20)) == Some(end),
            // Fixed fields, the signer (never compressed), the signature.
            #[cfg(feature = "dnssec")]
            Rtype::RRSIG => start
                .checked_add(18)
                .filter(|&at| at <= end)
                .is_some_and(|at| crate::name::read_with(msg, at, end, DecodeError::RdataLength, false, Some(cache)).is_ok()),
            // Flags, protocol, algorithm, then the key.
            #[cfg(feature = "dnssec")]
            Rtype::DNSKEY | Rtype::CDNSKEY | Rtype::KEY => start.checked_add(4).is_some_and(|at| at <= end),
            // At least one character-string; the strings fill the RDATA.
            Rtype::TXT => valid_strings(msg, start, end),
            #[cfg(feature = "legacy")]
            Rtype::SPF => valid_strings(msg, start, end),
            _ => false,
        }
    }

    /// A reader over exactly this record's RDATA.
    pub(crate) fn rdata_reader(&self, msg: &'a [u8], trusted: bool) -> Reader<'a> {
        let mut r = Reader::within(msg, self.rdata_start, self.rdata_end, DecodeError::RdataLength);
        r.trusted = trusted;
        r
    }

    /// Interprets the RDATA. In an UPDATE (`zone` is the zone's class), class
    /// ANY and NONE stand for the zone's class, so type-specific RDATA is still
    /// typed, and RDATA is empty where RFC 2136 §2.4 and §2.5 say so.
    pub(crate) fn record(&self, msg: &'a [u8], update: Option<UpdateSection>, trusted: bool) -> Result<Record<'a>, DecodeError> {
        let mut r = self.rdata_reader(msg, trusted);
        let meta = matches!(self.class, Class::ANY | Class::NONE);
        let (class, empty_allowed) = match update {
            Some(u) if meta => {
                let must_be_empty = self.class == Class::ANY || u.prerequisite;
                if must_be_empty && !r.is_empty() {
                    return Err(DecodeError::InvalidUpdate);
                }
                (u.zone_class, must_be_empty)
            }
            _ => (self.class, false),
        };
        let data = RData::decode(self.rtype, class, empty_allowed, &mut r)?;
        Ok(Record { name: self.name, class: self.class, ttl: self.ttl, data })
    }
}

/// Whether `msg[start..end]` is one or more character-strings filling it
/// exactly (TXT and the types in its form).
fn valid_strings(msg: &[u8], start: usize, end: usize) -> bool {
    let mut at = start;
    while at < end {
        crate::work::step();
        let Some(&len) = msg.get(at) else { return false };
        let Some(next) = at.checked_add(usize::from(len)).and_then(|n| n.checked_add(1)) else { return false };
        at = next;
    }
    start < end && at == end
}

/// Where a record of an UPDATE message stands (RFC 2136 §2).
#[derive(Clone, Copy, Debug)]
pub(crate) struct UpdateSection {
    pub(crate) zone_class: Class,
    pub(crate) prerequisite: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut must agree with the type table: on pseudo-random RDATA
    /// of each type it handles (octets likely to form names, pointers and
    /// lengths), `valid_common` accepts exactly what the typed decoder
    /// accepts, and the trusted reading then gives the same value.
    #[test]
    fn validation_shortcut_agrees_with_the_type_table() {
        let mut seed: u32 = 0x9e37_79b9;
        let mut next = move || {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (seed >> 24) as u8
        };
        let alphabet = [0x00, 0x00, 0x01, 0x02, 0x03, 0x05, 0x14, 0x3f, 0x61, 0x62, 0xc0, 0xc0, 0x0c, 0x0e, 0x10, 0x12];
        // Header, then `a.b.` at 12 for pointers to reach.
        let head = *b"\x12\x34\x81\x80\x00\x01\x00\x01\x00\x00\x00\x00\x01a\x01b\x00";
        #[cfg(all(feature = "dnssec", feature = "legacy"))]
        let types = [
            Rtype::NS,
            Rtype::CNAME,
            Rtype::PTR,
            Rtype::MX,
            Rtype::SOA,
            Rtype::RRSIG,
            Rtype::DNSKEY,
            Rtype::CDNSKEY,
            Rtype::KEY,
            Rtype::TXT,
            Rtype::SPF,
        ];
        // Without the dnssec group its types are opaque: the shortcut leaves them to the table.
        #[cfg(not(all(feature = "dnssec", feature = "legacy")))]
        let types = [Rtype::NS, Rtype::CNAME, Rtype::PTR, Rtype::MX, Rtype::SOA, Rtype::TXT];
        let mut accepted = 0;
        for round in 0..60_000usize {
            let rtype = types[round % types.len()];
            let mut m = [0u8; 64];
            m[..head.len()].copy_from_slice(&head);
            let len = usize::from(next() % 40);
            // Often a long run of fixed octets first, so SOA and RRSIG get past them.
            let fixed = if next() % 2 == 0 { usize::from(next() % 24) } else { 0 };
            for (i, b) in m.iter_mut().skip(head.len()).take(len).enumerate() {
                *b = if i < fixed { next() } else { alphabet[usize::from(next()) % alphabet.len()] };
            }
            let end = head.len() + len;
            let raw = RawRecord { name: Name::ROOT, rtype, class: Class::IN, ttl: 0, rdata_start: head.len(), rdata_end: end };
            let msg = &m[..end];
            let typed = raw.record(msg, None, false);
            let mut cache = NameCache::default();
            assert_eq!(raw.valid_common(msg, &mut cache), typed.is_ok(), "{rtype:?} {:02x?}", &msg[head.len()..]);
            if let Ok(typed) = typed {
                accepted += 1;
                assert_eq!(raw.record(msg, None, true).unwrap(), typed);
            }
        }
        // Most valid RDATA comes from the key types (any octets after four).
        let floor = if types.len() > 6 { 5_000 } else { 300 };
        assert!(accepted > floor, "only {accepted} valid RDATA generated");
    }
}
