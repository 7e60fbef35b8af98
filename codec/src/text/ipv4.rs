//! IPv4 addresses in dotted-quad text, read in one pass over the octets.
//! It accepts exactly what `core::net::Ipv4Addr`'s parser accepts (four
//! decimal parts of one to three digits, each at most 255, no leading zero
//! but in `0` alone), for a fraction of its work.

/// The four octets of the address `text`, or `None`.
pub(crate) fn parse_ipv4(text: &str) -> Option<[u8; 4]> {
    let mut octets = [0u8; 4];
    let mut parts = text.as_bytes().split(|&b| b == b'.');
    for slot in &mut octets {
        *slot = part(parts.next()?)?;
    }
    if parts.next().is_some() {
        return None;
    }
    Some(octets)
}

/// One part: `0`, or one to three digits without a leading zero, at most 255.
fn part(digits: &[u8]) -> Option<u8> {
    if digits.is_empty() || digits.len() > 3 || (digits.len() > 1 && digits.first() == Some(&b'0')) {
        return None;
    }
    let value = digits.iter().try_fold(0u16, |acc, &b| {
        let d = b.checked_sub(b'0').filter(|d| *d < 10)?;
        acc.checked_mul(10)?.checked_add(u16::from(d))
    })?;
    u8::try_from(value).ok()
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use core::net::Ipv4Addr;
    use std::format;

    /// The standard library's parser is the reference: the same answer for
    /// well-formed addresses, and for each way of being malformed.
    #[test]
    fn agrees_with_the_standard_parser() {
        let cases = [
            "192.0.2.1",
            "0.0.0.0",
            "255.255.255.255",
            "1.2.3.4",
            "10.0.0.10",
            "256.0.0.1",
            "1.2.3",
            "1.2.3.4.5",
            "1.2.3.",
            ".1.2.3",
            "1..2.3",
            "01.2.3.4",
            "1.2.3.04",
            "1.2.3.00",
            "1.2.3.0000",
            "1.2.3.1000",
            "a.b.c.d",
            "1.2.3.4 ",
            " 1.2.3.4",
            "1.2.3.+4",
            "1.2.3.-4",
            "",
            ".",
            "...",
            "1.2.3.4a",
            "999.1.1.1",
            "1.2.3.٣",
            "0x1.2.3.4",
            "1.2.3.25a",
            "1.2.3.2550",
        ];
        for text in cases {
            let expected = text.parse::<Ipv4Addr>().ok().map(|a| a.octets());
            assert_eq!(parse_ipv4(text), expected, "{text:?}");
        }
    }

    /// Every value of one part, and with a leading zero or two.
    #[test]
    fn agrees_with_the_standard_parser_on_every_part() {
        for v in 0..1000u32 {
            for text in [format!("1.2.3.{v}"), format!("{v}.2.3.4"), format!("1.2.3.0{v}"), format!("1.2.3.00{v}")] {
                let expected = text.parse::<Ipv4Addr>().ok().map(|a| a.octets());
                assert_eq!(parse_ipv4(&text), expected, "{text:?}");
            }
        }
    }
}
