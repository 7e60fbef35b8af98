//! Hex, base64 and base32hex text to octets (RFC 4648), written straight to
//! the RDATA being built.

use crate::error::TextError;
use crate::wire::Writer;

/// Hex digits to octets, skipping the octets `skip` accepts.
pub(crate) fn hex_into(text: &str, skip: impl Fn(u8) -> bool, w: &mut Writer<'_>) -> Result<(), TextError> {
    let mut high: Option<u8> = None;
    for c in text.bytes().filter(|&c| !skip(c)) {
        let v = char::from(c).to_digit(16).and_then(|v| u8::try_from(v).ok()).ok_or(TextError::BadField)?;
        high = match high {
            None => Some(v),
            Some(h) => {
                w.u8((h << 4) | v)?;
                None
            }
        };
    }
    if high.is_some() { Err(TextError::BadField) } else { Ok(()) }
}

/// A base64 decoder (RFC 4648 §4, padding required) fed one token at a time,
/// since spaces may split the text anywhere.
#[derive(Default)]
pub(crate) struct Base64 {
    acc: u32,
    bits: u32,
    chars: usize,
    pad: usize,
}

/// The value of a base64 digit (RFC 4648 §4), not the pad.
fn sextet(c: u8) -> Option<u32> {
    let v = match c {
        b'A'..=b'Z' => c.wrapping_sub(b'A'),
        b'a'..=b'z' => c.wrapping_sub(b'a').wrapping_add(26),
        b'0'..=b'9' => c.wrapping_sub(b'0').wrapping_add(52),
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

impl Base64 {
    /// Decodes the characters of `text`, writing each whole octet to `w`.
    pub(crate) fn feed(&mut self, text: &str, w: &mut Writer<'_>) -> Result<(), TextError> {
        let mut bytes = text.as_bytes();
        // Between groups and before any pad, four digits make three octets
        // at once; a pad or a bad octet goes the slow way, below.
        if self.bits == 0 && self.pad == 0 {
            while let Some((&[a, b, c, d], rest)) = bytes.split_first_chunk::<4>() {
                let (Some(a), Some(b), Some(c), Some(d)) = (sextet(a), sextet(b), sextet(c), sextet(d)) else { break };
                let [_, x, y, z] = ((a << 18) | (b << 12) | (c << 6) | d).to_be_bytes();
                w.bytes(&[x, y, z])?;
                self.chars = self.chars.saturating_add(4);
                bytes = rest;
            }
        }
        for &c in bytes {
            self.chars = self.chars.saturating_add(1);
            if c == b'=' {
                self.pad = self.pad.saturating_add(1);
                continue;
            }
            let v = sextet(c).ok_or(TextError::BadField)?;
            if self.pad > 0 {
                return Err(TextError::BadField);
            }
            self.acc = (self.acc << 6) | v;
            self.bits = self.bits.saturating_add(6);
            if self.bits >= 8 {
                self.bits = self.bits.saturating_sub(8);
                w.u8(u8::try_from((self.acc >> self.bits) & 0xFF).unwrap_or(0))?;
            }
            self.acc &= (1u32 << self.bits).saturating_sub(1);
        }
        Ok(())
    }

    /// Checks that the characters fed make whole groups of four, padded
    /// canonically (the bits left over are zero).
    pub(crate) fn finish(&self) -> Result<(), TextError> {
        if !self.chars.is_multiple_of(4) || self.pad > 2 || self.acc != 0 {
            return Err(TextError::BadField);
        }
        Ok(())
    }
}

/// The value of a base32hex digit (RFC 4648 §7), either case.
fn base32hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c.wrapping_sub(b'0')),
        b'a'..=b'v' => Some(c.wrapping_sub(b'a').wrapping_add(10)),
        b'A'..=b'V' => Some(c.wrapping_sub(b'A').wrapping_add(10)),
        _ => None,
    }
}

/// The number of octets unpadded base32hex `text` stands for, if its length
/// is one a whole number of octets gives (RFC 4648 §6: 0, 2, 4, 5 or 7
/// characters past the last group of eight).
pub(crate) fn base32hex_len(text: &str) -> Option<usize> {
    let n = text.len();
    matches!(n % 8, 0 | 2 | 4 | 5 | 7).then(|| n.checked_mul(5).map(|b| b / 8)).flatten()
}

/// Unpadded base32hex, either case (the NSEC3 next hashed owner name, RFC
/// 5155 §3.3), to octets; the bits left over must be zero.
pub(crate) fn base32hex_into(text: &str, w: &mut Writer<'_>) -> Result<(), TextError> {
    base32hex_len(text).ok_or(TextError::BadField)?;
    let (mut acc, mut bits) = (0u16, 0u32);
    for c in text.bytes() {
        let v = base32hex_digit(c).ok_or(TextError::BadField)?;
        acc = (acc << 5) | u16::from(v);
        bits = bits.saturating_add(5);
        if bits >= 8 {
            bits = bits.saturating_sub(8);
            w.u8(u8::try_from((acc >> bits) & 0xFF).unwrap_or(0))?;
        }
        acc &= (1u16 << bits).saturating_sub(1);
    }
    if acc != 0 { Err(TextError::BadField) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::string::String;

    fn base32hex(text: &str) -> Result<([u8; 16], usize), TextError> {
        let mut buf = [0u8; 16];
        let mut w = Writer::new(&mut buf, false);
        base32hex_into(text, &mut w)?;
        let n = w.len;
        Ok((buf, n))
    }

    /// `tokens` fed one after the other, as spaces split base64 in RDATA.
    fn base64(tokens: &[&str]) -> Result<std::vec::Vec<u8>, TextError> {
        let mut buf = [0u8; 16];
        let mut w = Writer::new(&mut buf, false);
        let mut b64 = Base64::default();
        for t in tokens {
            b64.feed(t, &mut w)?;
        }
        b64.finish()?;
        let n = w.len;
        Ok(buf[..n].to_vec())
    }

    /// RFC 4648 §10's vectors, whole and split at every point.
    #[test]
    fn base64_rfc_4648_section_10_split_anywhere() {
        for (out, text) in
            [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")]
        {
            assert_eq!(base64(&[text]).as_deref(), Ok(out.as_bytes()), "{text}");
            for cut in 0..=text.len() {
                assert_eq!(base64(&[&text[..cut], &text[cut..]]).as_deref(), Ok(out.as_bytes()), "{text} cut at {cut}");
            }
        }
    }

    #[test]
    fn base64_refuses_digits_after_a_pad_and_bad_octets() {
        assert_eq!(base64(&["Zm9vYg=a"]), Err(TextError::BadField));
        assert_eq!(base64(&["Zm9v", "Y*=="]), Err(TextError::BadField));
        assert_eq!(base64(&["Zm9vYg="]), Err(TextError::BadField));
    }

    #[test]
    fn base32hex_rfc_4648_section_10() {
        // The RFC's vectors, padding removed, in both cases.
        for (out, text) in
            [("", ""), ("f", "CO"), ("fo", "CPNG"), ("foo", "CPNMU"), ("foob", "CPNMUOG"), ("fooba", "CPNMUOJ1"), ("foobar", "CPNMUOJ1E8")]
        {
            for text in [text.to_ascii_lowercase(), String::from(text)] {
                let (buf, n) = base32hex(&text).unwrap();
                assert_eq!(&buf[..n], out.as_bytes(), "{text}");
                assert_eq!(base32hex_len(&text), Some(out.len()));
            }
        }
        assert_eq!(base32hex("CPN").map(|_| ()), Err(TextError::BadField), "3 characters make no whole octet");
        assert_eq!(base32hex("CP").map(|_| ()), Err(TextError::BadField), "bits left over");
        assert_eq!(base32hex("CW").map(|_| ()), Err(TextError::BadField), "not base32hex");
        assert_eq!(base32hex("CO======").map(|_| ()), Err(TextError::BadField), "padding");
    }
}
