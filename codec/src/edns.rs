//! EDNS(0): the OPT pseudo-record (RFC 6891 §6).

use core::fmt;

use crate::error::{DecodeError, EncodeError};
use crate::iana::{OptionCode, Rtype};
use crate::option::validate_option;
use crate::wire::{Reader, Writer};

/// The OPT record's flags (RFC 6891 §6.1.4); bit 15 is DO (RFC 3225).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct EdnsFlags(pub u16);

impl EdnsFlags {
    /// DO: the requester understands DNSSEC.
    pub const fn dnssec_ok(self) -> bool {
        self.0 & 0x8000 != 0
    }

    /// Sets or clears DO.
    #[must_use]
    pub const fn with_dnssec_ok(self, on: bool) -> Self {
        if on { Self(self.0 | 0x8000) } else { Self(self.0 & 0x7FFF) }
    }
}

/// One EDNS option: its code and its data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EdnsOption<'a> {
    /// The option code.
    pub code: OptionCode,
    /// The option data.
    pub data: &'a [u8],
}

/// The options of an OPT record, from the wire or from the caller's slice.
#[derive(Clone, Copy)]
pub struct EdnsOptions<'a> {
    repr: Repr<'a>,
}

#[derive(Clone, Copy)]
enum Repr<'a> {
    Wire(&'a [u8]),
    List(&'a [EdnsOption<'a>]),
}

impl<'a> EdnsOptions<'a> {
    /// No options.
    pub const EMPTY: EdnsOptions<'static> = EdnsOptions { repr: Repr::List(&[]) };

    /// The caller's options.
    pub const fn from_slice(options: &'a [EdnsOption<'a>]) -> Self {
        Self { repr: Repr::List(options) }
    }

    /// Validates options in wire form (code, length, data; repeated), and the
    /// data of the options whose format is fixed (see [`validate_option`]).
    ///
    /// # Errors
    /// [`DecodeError::OptionOverrun`] if an option's length runs past `wire`,
    /// and [`validate_option`]'s errors.
    pub fn from_wire(wire: &'a [u8]) -> Result<Self, DecodeError> {
        let mut r = Reader::within(wire, 0, wire.len(), DecodeError::OptionOverrun);
        while !r.is_empty() {
            crate::work::step();
            let code = OptionCode(r.u16()?);
            let len = usize::from(r.u16()?);
            if len > r.remaining() {
                return Err(DecodeError::OptionOverrun);
            }
            validate_option(code, r.bytes(len)?)?;
        }
        Ok(Self { repr: Repr::Wire(wire) })
    }

    /// The options in order.
    pub fn iter(&self) -> EdnsOptionIter<'a> {
        EdnsOptionIter(match self.repr {
            Repr::Wire(w) => IterRepr::Wire(Reader::within(w, 0, w.len(), DecodeError::OptionOverrun)),
            Repr::List(l) => IterRepr::List(l.iter()),
        })
    }

    /// The first option with this code.
    pub fn get(&self, code: OptionCode) -> Option<&'a [u8]> {
        self.iter().find(|o| o.code == code).map(|o| o.data)
    }

    fn wire_len(&self) -> usize {
        self.iter().fold(0usize, |n, o| n.saturating_add(4).saturating_add(o.data.len()))
    }
}

/// Iterator over [`EdnsOptions`].
#[derive(Clone, Debug)]
pub struct EdnsOptionIter<'a>(IterRepr<'a>);

#[derive(Clone, Debug)]
enum IterRepr<'a> {
    Wire(Reader<'a>),
    List(core::slice::Iter<'a, EdnsOption<'a>>),
}

impl<'a> Iterator for EdnsOptionIter<'a> {
    type Item = EdnsOption<'a>;

    fn next(&mut self) -> Option<EdnsOption<'a>> {
        crate::work::step();
        match &mut self.0 {
            IterRepr::Wire(r) if r.is_empty() => None,
            IterRepr::Wire(r) => {
                let code = OptionCode(r.u16().ok()?);
                let data = r.u16_prefixed().ok()?;
                Some(EdnsOption { code, data })
            }
            IterRepr::List(it) => it.next().copied(),
        }
    }
}

impl PartialEq for EdnsOptions<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for EdnsOptions<'_> {}

impl fmt::Debug for EdnsOptions<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// The contents of the OPT pseudo-record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edns<'a> {
    /// The largest UDP payload the sender can receive (the OPT CLASS field).
    pub udp_payload_size: u16,
    /// The upper eight bits of the 12-bit rcode.
    pub extended_rcode: u8,
    /// The EDNS version (0 today).
    pub version: u8,
    /// DO and the reserved flag bits.
    pub flags: EdnsFlags,
    /// The options.
    pub options: EdnsOptions<'a>,
}

impl Default for Edns<'_> {
    /// EDNS version 0, 1232 octets (the DNS Flag Day 2020 size), no flags, no options.
    fn default() -> Self {
        Self { udp_payload_size: 1232, extended_rcode: 0, version: 0, flags: EdnsFlags(0), options: EdnsOptions::EMPTY }
    }
}

impl<'a> Edns<'a> {
    /// Reads the OPT record's class, TTL and RDATA.
    pub(crate) fn decode(class: u16, ttl: u32, rdata: &'a [u8]) -> Result<Self, DecodeError> {
        let [extended_rcode, version, f0, f1] = ttl.to_be_bytes();
        Ok(Self {
            udp_payload_size: class,
            extended_rcode,
            version,
            flags: EdnsFlags(u16::from_be_bytes([f0, f1])),
            options: EdnsOptions::from_wire(rdata)?,
        })
    }

    /// The size of the whole OPT record on the wire.
    pub fn wire_len(&self) -> usize {
        self.options.wire_len().saturating_add(11)
    }

    pub(crate) fn encode(&self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.u8(0)?;
        w.u16(Rtype::OPT.0)?;
        w.u16(self.udp_payload_size)?;
        w.bytes(&[self.extended_rcode, self.version])?;
        w.u16(self.flags.0)?;
        let rdlen = u16::try_from(self.options.wire_len()).map_err(|_| EncodeError::RdataTooLong)?;
        w.u16(rdlen)?;
        for o in self.options.iter() {
            w.u16(o.code.0)?;
            w.u16_prefixed(o.data)?;
        }
        Ok(())
    }
}

impl fmt::Display for Edns<'_> {
    /// dig's OPT pseudo-section lines: `; EDNS: version: 0, flags: do; udp: 1232`
    /// (`co` for bit 14, other flag bits as `MBZ: 0x0001,`)
    /// and one line per option.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "; EDNS: version: {}, flags:", self.version)?;
        if self.flags.dnssec_ok() {
            f.write_str(" do")?;
        }
        // CO: compact denial of existence OK (RFC 9824), as dig names it.
        if self.flags.0 & 0x4000 != 0 {
            f.write_str(" co")?;
        }
        f.write_str(";")?;
        let mbz = self.flags.0 & 0x3FFF;
        if mbz != 0 {
            write!(f, " MBZ: 0x{mbz:04x},")?;
        }
        write!(f, " udp: {}", self.udp_payload_size)?;
        for o in self.options.iter() {
            write!(f, "\n; {o}")?;
        }
        Ok(())
    }
}

#[cfg(feature = "defmt")]
#[cfg_attr(docsrs, doc(cfg(feature = "defmt")))]
impl defmt::Format for EdnsOption<'_> {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(f, "{} ({=usize} octets)", self.code, self.data.len())
    }
}

#[cfg(feature = "defmt")]
#[cfg_attr(docsrs, doc(cfg(feature = "defmt")))]
impl defmt::Format for Edns<'_> {
    fn format(&self, f: defmt::Formatter<'_>) {
        defmt::write!(
            f,
            "EDNS {{ version: {=u8}, udp: {=u16}, do: {=bool}, flags: {=u16:#06x}, extended_rcode: {=u8}, options: [",
            self.version,
            self.udp_payload_size,
            self.flags.dnssec_ok(),
            self.flags.0,
            self.extended_rcode
        );
        let mut sep = "";
        for o in self.options.iter() {
            defmt::write!(f, "{=str}{}", sep, o);
            sep = ", ";
        }
        defmt::write!(f, "] }}")
    }
}
