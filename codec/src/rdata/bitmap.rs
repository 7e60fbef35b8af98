//! Type bitmaps (RFC 4034 §4.1.2): the set of types at an NSEC, NSEC3 or CSYNC
//! owner, kept as validated wire octets and iterated without allocation.

use core::fmt;

use super::field::Codec;
use crate::error::{DecodeError, EncodeError, TextError};
use crate::iana::Rtype;
use crate::text::{Fields, Token, Tokens};
use crate::wire::{Reader, Writer};

/// A type bitmap: windows in strictly increasing order, each with 1 to 32
/// bitmap octets (RFC 4034 §4.1.2, RFC 5155 §3.2.1, RFC 7477 §2.1.1). It fills
/// the rest of the RDATA and may be empty.
///
/// ```
/// use dnswire::{Rtype, rdata::TypeBitmap};
/// // Window 0: A (1), MX (15).
/// let types = TypeBitmap::from_wire(&[0, 2, 0x40, 0x01]).unwrap();
/// assert!(types.iter().eq([Rtype::A, Rtype::MX]));
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct TypeBitmap<'a> {
    wire: &'a [u8],
}

impl<'a> TypeBitmap<'a> {
    /// Validates a bitmap in wire form, which it must fill exactly.
    ///
    /// # Errors
    /// [`DecodeError::InvalidTypeBitmap`] for windows out of order or a
    /// window length outside 1..=32 or past the end (RFC 4034 §4.1.2).
    pub fn from_wire(wire: &'a [u8]) -> Result<Self, DecodeError> {
        let mut r = Reader::new(wire);
        let mut last: Option<u8> = None;
        while !r.is_empty() {
            crate::work::step();
            let window = r.u8().map_err(|_| DecodeError::InvalidTypeBitmap)?;
            let len = r.u8().map_err(|_| DecodeError::InvalidTypeBitmap)?;
            if last.is_some_and(|l| window <= l) || !(1..=32).contains(&len) {
                return Err(DecodeError::InvalidTypeBitmap);
            }
            r.bytes(usize::from(len)).map_err(|_| DecodeError::InvalidTypeBitmap)?;
            last = Some(window);
        }
        Ok(Self { wire })
    }

    /// The bitmap's wire form.
    pub fn as_wire(&self) -> &'a [u8] {
        self.wire
    }

    /// The types in increasing order.
    pub fn iter(&self) -> TypeBitmapIter<'a> {
        TypeBitmapIter { windows: Windows { rest: self.wire }, current: None }
    }

    /// Whether `rtype` is in the set.
    pub fn contains(&self, rtype: Rtype) -> bool {
        self.iter().any(|t| t == rtype)
    }
}

/// One window: its number and bitmap octets.
#[derive(Clone, Debug)]
struct Windows<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Windows<'a> {
    type Item = (u8, &'a [u8]);

    fn next(&mut self) -> Option<(u8, &'a [u8])> {
        crate::work::step();
        let (&window, tail) = self.rest.split_first()?;
        let (&len, tail) = tail.split_first()?;
        let bits = tail.get(..usize::from(len))?;
        self.rest = tail.get(usize::from(len)..).unwrap_or(&[]);
        Some((window, bits))
    }
}

/// Iterator over the types of a [`TypeBitmap`].
#[derive(Clone, Debug)]
pub struct TypeBitmapIter<'a> {
    windows: Windows<'a>,
    /// The current window, its bits, and the next bit index to look at.
    current: Option<(u8, &'a [u8], u16)>,
}

impl Iterator for TypeBitmapIter<'_> {
    type Item = Rtype;

    fn next(&mut self) -> Option<Rtype> {
        loop {
            crate::work::step();
            match &mut self.current {
                None => {
                    let (window, bits) = self.windows.next()?;
                    self.current = Some((window, bits, 0));
                }
                Some((window, bits, index)) => {
                    let i = *index;
                    let octet = bits.get(usize::from(i >> 3));
                    let Some(&octet) = octet else {
                        self.current = None;
                        continue;
                    };
                    *index = i.saturating_add(1);
                    if octet & (0x80 >> (i & 7)) != 0 {
                        return Some(Rtype(u16::from(*window) << 8 | i));
                    }
                }
            }
        }
    }
}

impl fmt::Debug for TypeBitmap<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl fmt::Display for TypeBitmap<'_> {
    /// The types as mnemonics, each preceded by a space: a window with no bit
    /// set still adds its space, as dnspython does.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (window, bits) in (Windows { rest: self.wire }) {
            f.write_str(" ")?;
            let mut sep = "";
            for (i, &octet) in (0u16..).zip(bits) {
                for bit in 0..8u16 {
                    if octet & (0x80 >> bit) != 0 {
                        let t = Rtype(u16::from(window) << 8 | i << 3 | bit);
                        write!(f, "{sep}{t}")?;
                        sep = " ";
                    }
                }
            }
        }
        Ok(())
    }
}

impl<'a> Codec<'a, TypeBitmap<'a>> for TypeBitmap<'a> {
    fn decode(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        Self::from_wire(r.rest())
    }
    fn encode(v: &Self, w: &mut Writer<'_>) -> Result<(), EncodeError> {
        w.bytes(v.wire)
    }
    fn present(v: &Self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(v, f)
    }
    fn present_field(v: &Self, _sep: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(v, f)
    }
    /// The rest of the tokens, types by mnemonic or `TYPEnnn` in any order
    /// (repeats allowed, none at all too), written as the minimal bitmap.
    fn parse(t: &mut Fields<'_, '_>, w: &mut Writer<'_>) -> Result<(), TextError> {
        // Every type first, so an unknown one is reported where it stands.
        let start = t.tokens.clone();
        while let Some(token) = t.tokens.next_token()? {
            type_of(token)?;
        }
        // Then one window per pass over the types, in increasing order: each
        // pass gathers the lowest window above the last one written.
        let mut last: Option<u8> = None;
        loop {
            let mut tokens: Tokens<'_> = start.clone();
            let mut current: Option<u8> = None;
            let mut bits = [0u8; 32];
            while let Some(token) = tokens.next_token()? {
                let [window, low] = type_of(token)?.0.to_be_bytes();
                if last.is_some_and(|l| window <= l) || current.is_some_and(|c| window > c) {
                    continue;
                }
                if current != Some(window) {
                    current = Some(window);
                    bits = [0; 32];
                }
                if let Some(octet) = bits.get_mut(usize::from(low >> 3)) {
                    *octet |= 0x80 >> (low & 7);
                }
            }
            let Some(window) = current else { return Ok(()) };
            // At least one bit is set, so the length is 1 to 32.
            let len = bits.iter().rposition(|&b| b != 0).map_or(1, |i| i.saturating_add(1));
            w.u8(window)?;
            w.u8(u8::try_from(len).map_err(|_| TextError::BadField)?)?;
            w.bytes(bits.get(..len).unwrap_or(&[]))?;
            last = Some(window);
        }
    }
}

/// A type in a bitmap's text.
fn type_of(token: Token<'_>) -> Result<Rtype, TextError> {
    Rtype::from_mnemonic(token.text).ok_or(TextError::UnknownMnemonic)
}
