//! Presentation-form helpers shared by every type: escaping (RFC 1035 §5.1),
//! numbers, hex and base64. All write through `core::fmt`, with no heap.

use core::fmt::{self, Write};

use crate::error::TextError;

/// Writes one label, escaping the octets that are special in a name and every
/// octet outside printable ASCII as `\DDD`.
pub(crate) fn write_label(f: &mut dyn Write, label: &[u8]) -> fmt::Result {
    for &b in label {
        match b {
            b'"' | b'(' | b')' | b'.' | b';' | b'\\' | b'@' | b'$' => {
                f.write_char('\\')?;
                f.write_char(char::from(b))?;
            }
            0x21..=0x7E => f.write_char(char::from(b))?,
            _ => write_decimal_escape(f, b)?,
        }
    }
    Ok(())
}

fn write_decimal_escape(f: &mut dyn Write, b: u8) -> fmt::Result {
    let [h, t, o] = [b / 100, (b / 10) % 10, b % 10];
    f.write_char('\\')?;
    for d in [h, t, o] {
        f.write_char(char::from(b'0'.saturating_add(d)))?;
    }
    Ok(())
}

/// Writes a character-string in double quotes, escaping `"` and `\` and every
/// octet outside printable ASCII as `\DDD`.
pub(crate) fn write_quoted(f: &mut dyn Write, s: &[u8]) -> fmt::Result {
    f.write_char('"')?;
    for &b in s {
        match b {
            b'"' | b'\\' => {
                f.write_char('\\')?;
                f.write_char(char::from(b))?;
            }
            0x20..=0x7E => f.write_char(char::from(b))?,
            _ => write_decimal_escape(f, b)?,
        }
    }
    f.write_char('"')
}

/// Writes octets as lowercase hex, no separators.
pub(crate) fn write_hex(f: &mut dyn Write, data: &[u8]) -> fmt::Result {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for &b in data {
        let hi = DIGITS.get(usize::from(b >> 4)).copied().unwrap_or(b'0');
        let lo = DIGITS.get(usize::from(b & 0xF)).copied().unwrap_or(b'0');
        f.write_char(char::from(hi))?;
        f.write_char(char::from(lo))?;
    }
    Ok(())
}

/// Writes octets as uppercase hex, no separators (dig's style for RFC 3597 data
/// is lowercase; DS digests and similar are uppercase).
#[allow(dead_code)] // used by the DNSSEC types
pub(crate) fn write_hex_upper(f: &mut dyn Write, data: &[u8]) -> fmt::Result {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    for &b in data {
        let hi = DIGITS.get(usize::from(b >> 4)).copied().unwrap_or(b'0');
        let lo = DIGITS.get(usize::from(b & 0xF)).copied().unwrap_or(b'0');
        f.write_char(char::from(hi))?;
        f.write_char(char::from(lo))?;
    }
    Ok(())
}

/// Writes octets as base64 with padding (RFC 4648 §4).
#[allow(dead_code)] // used by the DNSSEC types
pub(crate) fn write_base64(f: &mut dyn Write, data: &[u8]) -> fmt::Result {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let sym = |v: u32| char::from(ALPHABET.get((v & 63) as usize).copied().unwrap_or(b'A'));
    for chunk in data.chunks(3) {
        let b0 = u32::from(chunk.first().copied().unwrap_or(0));
        let b1 = u32::from(chunk.get(1).copied().unwrap_or(0));
        let b2 = u32::from(chunk.get(2).copied().unwrap_or(0));
        let v = (b0 << 16) | (b1 << 8) | b2;
        f.write_char(sym(v >> 18))?;
        f.write_char(sym(v >> 12))?;
        f.write_char(if chunk.len() > 1 { sym(v >> 6) } else { '=' })?;
        f.write_char(if chunk.len() > 2 { sym(v) } else { '=' })?;
    }
    Ok(())
}

/// Reads the escape after a `\`: `\DDD` (three decimal digits, at most 255) or
/// `\X`. Returns the octet and how many input octets it used.
pub(crate) fn unescape(after_backslash: &[u8]) -> Result<(u8, usize), TextError> {
    match after_backslash {
        [a, b, c, ..] if a.is_ascii_digit() && b.is_ascii_digit() && c.is_ascii_digit() => {
            let digits = core::str::from_utf8(after_backslash.get(..3).unwrap_or(&[])).unwrap_or("");
            let v = parse_decimal(digits).and_then(|v| u8::try_from(v).ok()).ok_or(TextError::BadEscape)?;
            Ok((v, 3))
        }
        [a, ..] if a.is_ascii_digit() => Err(TextError::BadEscape),
        [x, ..] => Ok((*x, 1)),
        [] => Err(TextError::BadEscape),
    }
}

/// Parses a decimal number of at most 10 digits (no sign, no spaces).
pub(crate) fn parse_decimal(text: &str) -> Option<u64> {
    if text.is_empty() || text.len() > 10 {
        return None;
    }
    text.bytes().try_fold(0u64, |acc, b| {
        let d = u64::from(b.checked_sub(b'0').filter(|d| *d < 10)?);
        acc.checked_mul(10)?.checked_add(d)
    })
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::string::String;

    #[test]
    fn escapes_like_rfc_1035_section_5_1() {
        let mut s = String::new();
        write_label(&mut s, b"a.b\\c d\x00\xff").unwrap();
        assert_eq!(s, "a\\.b\\\\c\\032d\\000\\255");
        let mut s = String::new();
        write_quoted(&mut s, b"say \"hi\"\n").unwrap();
        assert_eq!(s, "\"say \\\"hi\\\"\\010\"");
    }

    #[test]
    fn base64_rfc_4648_section_10() {
        for (input, out) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")] {
            let mut s = String::new();
            write_base64(&mut s, input.as_bytes()).unwrap();
            assert_eq!(s, out);
        }
    }

    #[test]
    fn unescapes() {
        assert_eq!(unescape(b"065x"), Ok((b'A', 3)));
        assert_eq!(unescape(b".x"), Ok((b'.', 1)));
        assert_eq!(unescape(b"256"), Err(TextError::BadEscape));
        assert_eq!(unescape(b"12"), Err(TextError::BadEscape));
        assert_eq!(parse_decimal("4294967295"), Some(4294967295));
        assert_eq!(parse_decimal("1a"), None);
    }
}
