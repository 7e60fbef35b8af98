//! Lists of character-strings (TXT, SPF): read from the wire or given by the
//! caller as a slice, iterated the same way, without allocation.

use core::fmt;

use super::field::Codec;
use crate::error::{DecodeError, EncodeError};
use crate::present;
use crate::wire::{Reader, Writer};

/// One or more character-strings (RFC 1035 §3.3.14). Each holds any octets, up
/// to 255; empty strings are allowed.
///
/// ```
/// use dnswire::rdata::CharStrings;
/// let strings: &[&[u8]] = &[b"v=spf1", b"", b"-all"];
/// let txt = CharStrings::from_slice(strings);
/// assert_eq!(txt.iter().count(), 3);
/// ```
#[derive(Clone, Copy)]
pub struct CharStrings<'a> {
    repr: Repr<'a>,
}

#[derive(Clone, Copy)]
enum Repr<'a> {
    /// Validated wire form: length-prefixed strings.
    Wire(&'a [u8]),
    /// The caller's strings.
    List(&'a [&'a [u8]]),
}

impl<'a> CharStrings<'a> {
    /// Strings given by the caller. Encoding fails with
    /// [`EncodeError::RdataTooLong`] if one is over 255 octets, and with
    /// [`EncodeError::InvalidValue`] if the list is empty.
    pub const fn from_slice(strings: &'a [&'a [u8]]) -> Self {
        Self { repr: Repr::List(strings) }
    }

    /// The strings in order.
    pub fn iter(&self) -> CharStringIter<'a> {
        CharStringIter(match self.repr {
            Repr::Wire(wire) => IterRepr::Wire(Reader::new(wire)),
            Repr::List(list) => IterRepr::List(list.iter()),
        })
    }
}

/// Iterator over [`CharStrings`].
#[derive(Clone, Debug)]
pub struct CharStringIter<'a>(IterRepr<'a>);

#[derive(Clone, Debug)]
enum IterRepr<'a> {
    Wire(Reader<'a>),
    List(core::slice::Iter<'a, &'a [u8]>),
}

impl<'a> Iterator for CharStringIter<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        crate::work::step();
        match &mut self.0 {
            IterRepr::Wire(r) if r.is_empty() => None,
            IterRepr::Wire(r) => r.u8_prefixed().ok(),
            IterRepr::List(it) => it.next().copied(),
        }
    }
}

impl PartialEq for CharStrings<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for CharStrings<'_> {}

impl fmt::Debug for CharStrings<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CharStrings({self})")
    }
}

impl fmt::Display for CharStrings<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sep = "";
        for s in self.iter() {
            f.write_str(sep)?;
            present::write_quoted(f, s)?;
            sep = " ";
        }
        Ok(())
    }
}

impl<'a> Codec<'a, CharStrings<'a>> for CharStrings<'a> {
    fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let start = r.pos;
        if r.is_empty() {
            return Err(DecodeError::InvalidValue);
        }
        while !r.is_empty() {
            crate::work::step();
            r.u8_prefixed()?;
        }
        let wire = r.msg.get(start..r.pos).ok_or(DecodeError::RdataLength)?;
        Ok(Self { repr: Repr::Wire(wire) })
    }

    fn encode(v: &Self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        let mut any = false;
        for s in v.iter() {
            w.u8_prefixed(s)?;
            any = true;
        }
        if any { Ok(()) } else { Err(EncodeError::InvalidValue) }
    }

    fn present(v: &Self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(v, f)
    }

    /// One or more character-strings, quoted or not, to the end of the record.
    fn parse(t: &mut crate::text::Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), crate::error::TextError> {
        let mut buf = [0u8; 255];
        loop {
            crate::work::step();
            let n = t.char_string(&mut buf)?;
            w.u8_prefixed(buf.get(..n).unwrap_or(&[]))?;
            if t.is_empty() {
                return Ok(());
            }
        }
    }
}
