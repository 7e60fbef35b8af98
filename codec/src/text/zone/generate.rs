//! BIND's `$GENERATE range owner [ttl] [class] type rdata`: one record for
//! each value of `range` (`start-stop[/step]`), with `$` in the owner and
//! the RDATA replaced by the value. `${offset[,width[,base]]}` adds
//! `offset`, pads with zeros to `width` and writes the value in `base`:
//! `d` decimal, `o` octal, `x`/`X` hexadecimal, `n`/`N` nibbles (hex digits
//! least significant first, a dot between them, for `ip6.arpa`; the width
//! counts the dots). `$$` and `\$` are a `$`.

/// The most records one `$GENERATE` gives unless the reader is told fewer
/// ([`ZoneReader::with_generate_limit`](super::ZoneReader::with_generate_limit)):
/// every address of a /16.
pub const MAX_GENERATE: u32 = 65_536;

/// The largest start, stop or step (BIND's: below 2^31).
const RANGE_MAX: u32 = (1 << 31) - 1;

/// `start-stop[/step]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Range {
    pub(super) start: u32,
    pub(super) stop: u32,
    pub(super) step: u32,
}

fn decimal(text: &str) -> Option<u32> {
    crate::present::parse_decimal(text).and_then(|v| u32::try_from(v).ok()).filter(|&v| v <= RANGE_MAX)
}

impl Range {
    /// Parses `start-stop[/step]`; `None` unless `start <= stop` and
    /// `step >= 1`.
    pub(super) fn parse(text: &str) -> Option<Self> {
        let (start, rest) = text.split_once('-')?;
        let (stop, step) = match rest.split_once('/') {
            Some((stop, step)) => (stop, decimal(step)?),
            None => (rest, 1),
        };
        let range = Self { start: decimal(start)?, stop: decimal(stop)?, step };
        (range.start <= range.stop && range.step >= 1).then_some(range)
    }

    /// How many values the range has.
    pub(super) fn count(&self) -> u32 {
        self.stop.saturating_sub(self.start).checked_div(self.step).unwrap_or(0).saturating_add(1)
    }
}

/// Why a template did not expand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ExpandError {
    /// A malformed `${...}`, or a negative value.
    Modifier,
    /// The output buffer is full.
    NoSpace,
}

/// Output into a buffer, from an offset.
pub(super) struct Out<'o> {
    pub(super) buf: &'o mut [u8],
    pub(super) len: usize,
}

impl Out<'_> {
    pub(super) fn push(&mut self, b: u8) -> Result<(), ExpandError> {
        crate::work::step();
        *self.buf.get_mut(self.len).ok_or(ExpandError::NoSpace)? = b;
        self.len = self.len.checked_add(1).ok_or(ExpandError::NoSpace)?;
        Ok(())
    }

    pub(super) fn extend(&mut self, bytes: &[u8]) -> Result<(), ExpandError> {
        bytes.iter().try_for_each(|&b| self.push(b))
    }
}

/// Writes `template` with every substitution made for `value`. Comments
/// (`;` outside quotes, to the end of the line) are copied as they are.
pub(super) fn expand(template: &[u8], value: u32, out: &mut Out<'_>) -> Result<(), ExpandError> {
    let mut i = 0usize;
    let (mut quoted, mut comment) = (false, false);
    while let Some(&b) = template.get(i) {
        i = i.saturating_add(1);
        match b {
            b'\n' => comment = false,
            _ if comment => {}
            b'\\' => {
                // An escape, `\$` included, is the text reader's to resolve.
                out.push(b)?;
                if let Some(&next) = template.get(i) {
                    out.push(next)?;
                    i = i.saturating_add(1);
                }
                continue;
            }
            b'"' => quoted = !quoted,
            b';' if !quoted => comment = true,
            b'$' => {
                match template.get(i) {
                    Some(b'$') => {
                        i = i.saturating_add(1);
                        out.push(b'$')?;
                    }
                    Some(b'{') => {
                        let body_start = i.saturating_add(1);
                        let body = template.get(body_start..).unwrap_or(&[]);
                        let len = body.iter().position(|&c| c == b'}').ok_or(ExpandError::Modifier)?;
                        let body = body.get(..len).unwrap_or(&[]);
                        i = body_start.saturating_add(len).saturating_add(1);
                        substitute(body, value, out)?;
                    }
                    _ => write_value(u64::from(value), 0, b'd', out)?,
                }
                continue;
            }
            _ => {}
        }
        out.push(b)?;
    }
    Ok(())
}

/// `offset[,width[,base]]` applied to `value`.
fn substitute(body: &[u8], value: u32, out: &mut Out<'_>) -> Result<(), ExpandError> {
    let body = core::str::from_utf8(body).map_err(|_| ExpandError::Modifier)?;
    let mut parts = body.split(',');
    let offset = parts.next().ok_or(ExpandError::Modifier)?;
    let (negative, digits) = match offset.as_bytes().first() {
        Some(b'-') => (true, offset.get(1..).unwrap_or("")),
        Some(b'+') => (false, offset.get(1..).unwrap_or("")),
        _ => (false, offset),
    };
    let magnitude = crate::present::parse_decimal(digits).and_then(|v| i64::try_from(v).ok()).ok_or(ExpandError::Modifier)?;
    let offset = if negative { magnitude.checked_neg() } else { Some(magnitude) }.ok_or(ExpandError::Modifier)?;
    let width = match parts.next() {
        Some(w) => crate::present::parse_decimal(w).and_then(|v| usize::try_from(v).ok()).ok_or(ExpandError::Modifier)?,
        None => 0,
    };
    let base = match parts.next() {
        Some(b) => match b.as_bytes() {
            [c @ (b'd' | b'o' | b'x' | b'X' | b'n' | b'N')] => *c,
            _ => return Err(ExpandError::Modifier),
        },
        None => b'd',
    };
    if parts.next().is_some() {
        return Err(ExpandError::Modifier);
    }
    let value = i64::from(value).checked_add(offset).and_then(|v| u64::try_from(v).ok()).ok_or(ExpandError::Modifier)?;
    write_value(value, width, base, out)
}

/// `value` in `base`, zero-padded to `width` characters.
fn write_value(value: u64, width: usize, base: u8, out: &mut Out<'_>) -> Result<(), ExpandError> {
    let (radix, digits): (u64, &[u8; 16]) = match base {
        b'o' => (8, b"0123456789abcdef"),
        b'x' | b'n' => (16, b"0123456789abcdef"),
        b'X' | b'N' => (16, b"0123456789ABCDEF"),
        _ => (10, b"0123456789abcdef"),
    };
    let digit = |v: u64| -> Result<u8, ExpandError> {
        let i = usize::try_from(v.checked_rem(radix).ok_or(ExpandError::Modifier)?).map_err(|_| ExpandError::Modifier)?;
        digits.get(i).copied().ok_or(ExpandError::Modifier)
    };
    if matches!(base, b'n' | b'N') {
        // Least significant nibble first, a dot after each but the last;
        // the width counts the dots.
        let (mut v, mut left) = (value, width);
        loop {
            out.push(digit(v)?)?;
            v >>= 4;
            left = left.saturating_sub(1);
            if left > 0 || v != 0 {
                out.push(b'.')?;
                left = left.saturating_sub(1);
            }
            if v == 0 && left == 0 {
                return Ok(());
            }
        }
    }
    // A u64 has at most 22 octal digits.
    let mut reversed = [0u8; 22];
    let mut n = 0usize;
    let mut v = value;
    loop {
        *reversed.get_mut(n).ok_or(ExpandError::Modifier)? = digit(v)?;
        n = n.saturating_add(1);
        v = v.checked_div(radix).unwrap_or(0);
        if v == 0 {
            break;
        }
    }
    for _ in n..width {
        out.push(b'0')?;
    }
    for &d in reversed.get(..n).unwrap_or(&[]).iter().rev() {
        out.push(d)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::string::String;

    fn expanded(template: &str, value: u32) -> Result<String, ExpandError> {
        let mut buf = [0u8; 128];
        let mut out = Out { buf: &mut buf, len: 0 };
        expand(template.as_bytes(), value, &mut out)?;
        let len = out.len;
        Ok(String::from_utf8(buf[..len].to_vec()).unwrap())
    }

    /// BIND's ARM: without a step, the step is 1.
    #[test]
    fn range_without_a_step() {
        assert_eq!(Range::parse("1-127"), Some(Range { start: 1, stop: 127, step: 1 }));
    }

    /// 30, 32, 34, 36, 38.
    #[test]
    fn range_with_a_step() {
        assert_eq!(Range::parse("30-38/2"), Some(Range { start: 30, stop: 38, step: 2 }));
        assert_eq!(Range::parse("30-38/2").map(|r| r.count()), Some(5));
    }

    #[test]
    fn the_widest_range_counts_two_to_the_31() {
        assert_eq!(Range::parse("0-2147483647").map(|r| r.count()), Some(1 << 31));
    }

    #[test]
    fn a_range_backwards_is_refused() {
        assert_eq!(Range::parse("5-4"), None);
    }

    #[test]
    fn a_step_of_zero_is_refused() {
        assert_eq!(Range::parse("1-4/0"), None);
    }

    #[test]
    fn a_value_from_two_to_the_31_is_refused() {
        assert_eq!(Range::parse("0-2147483648"), None);
    }

    /// BIND's ARM: `${-20,3,d}` subtracts 20 and pads to 3 digits.
    #[test]
    fn offset_width_and_decimal() {
        assert_eq!(expanded("${-20,3,d}", 25).as_deref(), Ok("005"));
    }

    #[test]
    fn plain_dollar_is_the_value() {
        assert_eq!(expanded("host$.example.", 7).as_deref(), Ok("host7.example."));
    }

    /// 8 is 10 in octal.
    #[test]
    fn octal() {
        assert_eq!(expanded("${0,0,o}", 8).as_deref(), Ok("10"));
    }

    /// 255 is ff, padded to four digits.
    #[test]
    fn hexadecimal_lower_case() {
        assert_eq!(expanded("${0,4,x}", 255).as_deref(), Ok("00ff"));
    }

    #[test]
    fn hexadecimal_upper_case() {
        assert_eq!(expanded("${0,0,X}", 255).as_deref(), Ok("FF"));
    }

    /// 0x12: nibbles least significant first, dot-separated.
    #[test]
    fn nibbles() {
        assert_eq!(expanded("${0,0,n}", 0x12).as_deref(), Ok("2.1"));
    }

    /// The width counts the dots: 3 pads 0x1 to two nibbles (`1`, `.`, `0`).
    #[test]
    fn nibbles_padded() {
        assert_eq!(expanded("${0,3,n}", 1).as_deref(), Ok("1.0"));
    }

    #[test]
    fn nibbles_upper_case() {
        assert_eq!(expanded("${0,0,N}", 0xab).as_deref(), Ok("B.A"));
    }

    #[test]
    fn dollar_dollar_is_a_dollar() {
        assert_eq!(expanded("a$$b", 1).as_deref(), Ok("a$b"));
    }

    /// `\$` stays an escape for the text reader, which reads it as `$`.
    #[test]
    fn escaped_dollar_is_left_to_the_text_reader() {
        assert_eq!(expanded("a\\$b", 1).as_deref(), Ok("a\\$b"));
    }

    #[test]
    fn comments_are_not_expanded() {
        assert_eq!(expanded("x$ ; ${bad\ny$", 1).as_deref(), Ok("x1 ; ${bad\ny1"));
    }

    #[test]
    fn an_unclosed_modifier_is_refused() {
        assert_eq!(expanded("${1,2", 1), Err(ExpandError::Modifier));
    }

    #[test]
    fn an_unknown_base_is_refused() {
        assert_eq!(expanded("${0,0,z}", 1), Err(ExpandError::Modifier));
    }

    #[test]
    fn a_negative_value_is_refused() {
        assert_eq!(expanded("${-2}", 1), Err(ExpandError::Modifier));
    }

    #[test]
    fn an_output_too_long_is_no_space() {
        assert_eq!(expanded("${0,200,d}", 1), Err(ExpandError::NoSpace));
    }
}
