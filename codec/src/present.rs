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
    write_escaped(f, s)?;
    f.write_char('"')
}

/// Writes the inside of a quoted character-string: `"` and `\\` escaped,
/// octets outside printable ASCII as `\DDD`.
pub(crate) fn write_escaped(f: &mut dyn Write, s: &[u8]) -> fmt::Result {
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
    Ok(())
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

/// Writes octets as base64 with padding (RFC 4648 §4).
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

/// Writes `text` (ASCII) split into runs of `chunk` characters separated by
/// single spaces, as dnspython's `_wordbreak` does; `chunk == 0` means no breaks.
struct Chunked<'f> {
    out: &'f mut dyn Write,
    chunk: usize,
    col: usize,
}

impl Write for Chunked<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for c in s.chars() {
            if self.chunk != 0 && self.col == self.chunk {
                self.out.write_char(' ')?;
                self.col = 0;
            }
            self.out.write_char(c)?;
            self.col = self.col.saturating_add(1);
        }
        Ok(())
    }
}

/// Writes lowercase hex broken into groups of `chunk` digits (0: one group).
pub(crate) fn write_hex_chunked(f: &mut dyn Write, data: &[u8], chunk: usize) -> fmt::Result {
    write_hex(&mut Chunked { out: f, chunk, col: 0 }, data)
}

/// Writes base64 broken into groups of `chunk` characters (0: one group).
pub(crate) fn write_base64_chunked(f: &mut dyn Write, data: &[u8], chunk: usize) -> fmt::Result {
    write_base64(&mut Chunked { out: f, chunk, col: 0 }, data)
}

/// Writes octets as base32hex (RFC 4648 §7), lowercase, without padding (the
/// NSEC3 next hashed owner name, RFC 5155 §3.3).
pub(crate) fn write_base32hex(f: &mut dyn Write, data: &[u8]) -> fmt::Result {
    const ALPHABET: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
    let mut acc: u16 = 0;
    let mut bits: u32 = 0;
    for &b in data {
        acc = (acc << 8) | u16::from(b);
        bits = bits.saturating_add(8);
        while bits >= 5 {
            bits = bits.saturating_sub(5);
            let v = usize::from((acc >> bits) & 31);
            f.write_char(char::from(ALPHABET.get(v).copied().unwrap_or(b'0')))?;
        }
        acc &= (1u16 << bits).saturating_sub(1);
    }
    if bits > 0 {
        let v = usize::from((acc << 5u32.saturating_sub(bits)) & 31);
        f.write_char(char::from(ALPHABET.get(v).copied().unwrap_or(b'0')))?;
    }
    Ok(())
}

/// Writes a character-string unquoted (as dnspython prints GPOS strings),
/// escaping what would break it into tokens: `\`, `"`, `;`, `(` and `)` with a
/// backslash, space and octets outside printable ASCII as `\DDD`, and an empty
/// string as `""`.
pub(crate) fn write_raw(f: &mut dyn Write, s: &[u8]) -> fmt::Result {
    if s.is_empty() {
        return f.write_str("\"\"");
    }
    for &b in s {
        match b {
            b'\\' | b'"' | b';' | b'(' | b')' => {
                f.write_char('\\')?;
                f.write_char(char::from(b))?;
            }
            0x21..=0x7E => f.write_char(char::from(b))?,
            _ => write_decimal_escape(f, b)?,
        }
    }
    Ok(())
}

/// Writes a POSIX time as `YYYYMMDDHHMMSS` in UTC (RFC 4034 §3.2).
pub(crate) fn write_sig_time(f: &mut dyn Write, secs: u32) -> fmt::Result {
    let (y, mo, d, h, mi, s) = civil(u64::from(secs)).ok_or(fmt::Error)?;
    write!(f, "{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}")
}

/// Reads a signature time (RFC 4034 §3.2): decimal seconds since 1970 that
/// fit 32 bits, or `YYYYMMDDHHmmSS` in UTC, a real date of any year, taken
/// modulo 2^32 as the field's serial arithmetic does (RFC 4034 §3.1.5): BIND
/// prints a time far from now in the nearest such era (`19691231235959` for
/// 2^32 - 1), and reads any year so, a leap second (`60`) included.
pub(crate) fn parse_sig_time(text: &str) -> Option<u32> {
    if text.len() <= 10 {
        return parse_decimal(text).and_then(|v| u32::try_from(v).ok());
    }
    if text.len() != 14 {
        return None;
    }
    let field = |from: usize, to: usize| text.get(from..to).and_then(parse_decimal);
    let (y, mo, d) = (field(0, 4)?, field(4, 6)?, field(6, 8)?);
    let (h, mi, s) = (field(8, 10)?, field(10, 12)?, field(12, 14)?);
    if !(1..=12).contains(&mo) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let leap = |y: u64| y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
    const MONTH_DAYS: [i64; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let month_days = |m: u64| {
        let days = MONTH_DAYS.get(usize::try_from(m.checked_sub(1)?).ok()?).copied()?;
        Some(if m == 2 && leap(y) { days.saturating_add(1) } else { days })
    };
    if d < 1 || i64::try_from(d).ok()? > month_days(mo)? {
        return None;
    }
    let days = days_from_civil(i64::try_from(y).ok()?, i64::try_from(mo).ok()?, i64::try_from(d).ok()?)?;
    let clock = i64::try_from(h.checked_mul(3600)?.checked_add(mi.checked_mul(60)?)?.checked_add(s)?).ok()?;
    let secs = days.checked_mul(86400)?.checked_add(clock)?;
    u32::try_from(secs.checked_rem_euclid(1i64 << 32)?).ok()
}

/// Days from 1970-01-01 to the date (negative before it), in closed form
/// (the days-from-civil algorithm of H. Hinnant, the inverse of [`civil`]):
/// no loop over the years between.
fn days_from_civil(y: i64, m: i64, d: i64) -> Option<i64> {
    // Years start in March, so that February's leap day ends them.
    let y = if m <= 2 { y.checked_sub(1)? } else { y };
    let era = y.checked_div_euclid(400)?;
    let yoe = y.checked_sub(era.checked_mul(400)?)?;
    let mp = if m > 2 { m.checked_sub(3)? } else { m.checked_add(9)? };
    let doy = mp.checked_mul(153)?.checked_add(2)?.checked_div(5)?.checked_add(d)?.checked_sub(1)?;
    let doe = yoe.checked_mul(365)?.checked_add(yoe.checked_div(4)?)?.checked_sub(yoe.checked_div(100)?)?.checked_add(doy)?;
    era.checked_mul(146_097)?.checked_add(doe)?.checked_sub(719_468)
}

/// Splits seconds since 1970 into UTC date and time (the days-to-civil
/// algorithm of H. Hinnant, for non-negative days).
fn civil(secs: u64) -> Option<(u64, u64, u64, u64, u64, u64)> {
    let days = secs.checked_div(86400)?;
    let rem = secs.checked_rem(86400)?;
    let z = days.checked_add(719_468)?;
    let era = z.checked_div(146_097)?;
    let doe = z.checked_sub(era.checked_mul(146_097)?)?;
    let yoe =
        doe.checked_sub(doe.checked_div(1460)?)?.checked_add(doe.checked_div(36524)?)?.checked_sub(doe.checked_div(146_096)?)?.checked_div(365)?;
    let doy = doe.checked_sub(yoe.checked_mul(365)?.checked_add(yoe.checked_div(4)?)?.checked_sub(yoe.checked_div(100)?)?)?;
    let mp = doy.checked_mul(5)?.checked_add(2)?.checked_div(153)?;
    let d = doy.checked_sub(mp.checked_mul(153)?.checked_add(2)?.checked_div(5)?)?.checked_add(1)?;
    let m = if mp < 10 { mp.checked_add(3)? } else { mp.checked_sub(9)? };
    let y = yoe.checked_add(era.checked_mul(400)?)?.checked_add(u64::from(m <= 2))?;
    let h = rem.checked_div(3600)?;
    let mi = rem.checked_rem(3600)?.checked_div(60)?;
    let s = rem.checked_rem(60)?;
    Some((y, m, d, h, mi, s))
}

/// Writes an IPv6 address as dnspython does: RFC 5952 form, except that an
/// IPv4-compatible address (96 zero bits, then a non-zero 7th group) keeps its
/// dotted tail (`::192.0.2.1`).
pub(crate) fn write_ipv6(f: &mut dyn Write, addr: &core::net::Ipv6Addr) -> fmt::Result {
    let seg = addr.segments();
    if seg.get(..6).is_some_and(|s| s.iter().all(|&g| g == 0)) && seg.get(6).is_some_and(|&g| g != 0) {
        let [.., a, b, c, d] = addr.octets();
        return write!(f, "::{a}.{b}.{c}.{d}");
    }
    write!(f, "{addr}")
}

/// A writer that backslash-escapes `"` and `\\` on their way through (the
/// second escaping pass of a quoted SVCB alpn value, RFC 9460 Appendix A.1).
pub(crate) struct EscapeQuotes<'f> {
    /// Where the escaped text goes.
    pub(crate) out: &'f mut dyn Write,
}

impl Write for EscapeQuotes<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for c in s.chars() {
            if c == '"' || c == '\\' {
                self.out.write_char('\\')?;
            }
            self.out.write_char(c)?;
        }
        Ok(())
    }
}

/// Writes octets escaping `,` and `\\` with a backslash and octets outside
/// printable ASCII as `\DDD` (one alpn-id, RFC 9460 Appendix A.1: the
/// value-list escapes only those two; a `"` is escaped once, by the quoting
/// pass around the whole value).
pub(crate) fn write_alpn_id(f: &mut dyn Write, id: &[u8]) -> fmt::Result {
    for &b in id {
        match b {
            b',' | b'\\' => {
                f.write_char('\\')?;
                f.write_char(char::from(b))?;
            }
            0x20..=0x7E => f.write_char(char::from(b))?,
            _ => write_decimal_escape(f, b)?,
        }
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

/// A value by its mnemonic in `table` (ASCII case-insensitive) or in decimal.
pub(crate) fn parse_named<T: Copy + TryFrom<u64>>(text: &str, table: &[(T, &str)]) -> Result<T, TextError> {
    if let Some(v) = parse_decimal(text) {
        return T::try_from(v).map_err(|_| TextError::BadNumber);
    }
    table.iter().find(|(_, name)| name.eq_ignore_ascii_case(text)).map(|(v, _)| *v).ok_or(TextError::UnknownMnemonic)
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
        for (input, out) in
            [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")]
        {
            let mut s = String::new();
            write_base64(&mut s, input.as_bytes()).unwrap();
            assert_eq!(s, out);
        }
    }

    #[test]
    fn chunked_base32hex_and_times() {
        let mut s = String::new();
        write_base64_chunked(&mut s, b"foobarfoobar", 4).unwrap();
        assert_eq!(s, "Zm9v YmFy Zm9v YmFy");
        let mut s = String::new();
        write_base32hex(&mut s, b"foobar").unwrap();
        assert_eq!(s, "cpnmuoj1e8");
        let mut s = String::new();
        write_sig_time(&mut s, 1_577_836_800).unwrap();
        assert_eq!(s, "20200101000000");
        let mut s = String::new();
        write_sig_time(&mut s, u32::MAX).unwrap();
        assert_eq!(s, "21060207062815");
        let mut s = String::new();
        write_sig_time(&mut s, 951_782_400).unwrap();
        assert_eq!(s, "20000229000000");
    }

    /// The closed form against counting the days of every year and month
    /// between, for the first and last day of every month of every year.
    #[test]
    fn days_from_civil_counts_the_days_between() {
        let leap = |y: i64| y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        let month_days = |y: i64, m: i64| [31, if leap(y) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][(m - 1) as usize];
        let year_days = |y: i64| if leap(y) { 366 } else { 365 };
        let mut start_of_year: i64 = -(0..1970).map(year_days).sum::<i64>();
        for y in 0..=9999 {
            let mut start_of_month = start_of_year;
            for m in 1..=12 {
                assert_eq!(days_from_civil(y, m, 1), Some(start_of_month), "{y}-{m}-1");
                let last = month_days(y, m);
                assert_eq!(days_from_civil(y, m, last), Some(start_of_month + last - 1), "{y}-{m}-{last}");
                start_of_month += last;
            }
            start_of_year += year_days(y);
        }
    }

    #[test]
    fn signature_times_read_back() {
        // RFC 4034 §3.3: 20030322173103 and 20030220173103; the seconds from
        // Python's calendar.timegm.
        assert_eq!(parse_sig_time("20030322173103"), Some(1_048_354_263));
        assert_eq!(parse_sig_time("20030220173103"), Some(1_045_762_263));
        assert_eq!(parse_sig_time("1048354263"), Some(1_048_354_263));
        assert_eq!(parse_sig_time("19700101000000"), Some(0));
        assert_eq!(parse_sig_time("21060207062815"), Some(u32::MAX));
        assert_eq!(parse_sig_time("20000229000000"), Some(951_782_400));
        // The ends of the four-digit years, and a century that is not leap;
        // the seconds from GNU date.
        assert_eq!(parse_sig_time("00000301000000"), Some(((-62_162_035_200i64).rem_euclid(1 << 32)) as u32), "0000-03-01, as GNU date gives it");
        assert_eq!(parse_sig_time("99991231235959"), Some((253_402_300_799i64 % (1 << 32)) as u32), "9999-12-31, as GNU date gives it");
        assert_eq!(parse_sig_time("19000301000000"), Some(((-2_203_891_200i64).rem_euclid(1 << 32)) as u32), "1900 is not a leap year");
        // Other eras, as BIND prints times far from now: modulo 2^32.
        assert_eq!(parse_sig_time("19691231235959"), Some(u32::MAX));
        assert_eq!(parse_sig_time("21060207062816"), Some(0));
        assert_eq!(parse_sig_time("00010101000000"), Some(2_288_912_640), "-62135596800 modulo 2^32");
        assert_eq!(parse_sig_time("20161231235960"), Some(1_483_228_800), "a leap second");
        for bad in [
            "20030230173103",
            "21000229000000",
            "20031301000000",
            "20030001000000",
            "20030100000000",
            "20030101240000",
            "20030101236000",
            "20030101230061",
            "4294967296",
            "2003032217310",
            "",
            "2003-03-22T17",
            "-1",
        ] {
            assert_eq!(parse_sig_time(bad), None, "{bad}");
        }
        for secs in [0u32, 1, 951_782_400, 1_700_000_000, u32::MAX - 1, u32::MAX] {
            let mut s = String::new();
            write_sig_time(&mut s, secs).unwrap();
            assert_eq!(parse_sig_time(&s), Some(secs), "{s}");
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
