//! IPv6 addresses in text (RFC 4291 §2.2), read in one pass over the
//! octets. It accepts exactly what `core::net::Ipv6Addr`'s parser accepts
//! (groups of one to four hex digits, one `::` standing for at least one
//! zero group, a dotted IPv4 address for the last two groups), for a
//! fraction of its work.

use super::ipv4;

/// The sixteen octets of the address `text`, or `None`.
pub(crate) fn parse_ipv6(text: &str) -> Option<[u8; 16]> {
    let bytes = text.as_bytes();
    let mut groups = [0u16; 8];
    let head = read_groups(bytes, 0, &mut groups);
    let end = if head.count == 8 {
        head.end
    } else {
        // Fewer than eight groups: `::` must follow, and an IPv4 address
        // may only end the address.
        if head.ipv4 || bytes.get(head.end..head.end.checked_add(2)?) != Some(b"::") {
            return None;
        }
        let mut tail = [0u16; 7];
        let room = 7usize.checked_sub(head.count)?;
        let tail_groups = tail.get_mut(..room)?;
        let read = read_groups(bytes, head.end.checked_add(2)?, tail_groups);
        let from = 8usize.checked_sub(read.count)?;
        groups.get_mut(from..)?.copy_from_slice(tail.get(..read.count)?);
        read.end
    };
    if end != bytes.len() {
        return None;
    }
    let mut octets = [0u8; 16];
    for (pair, group) in octets.chunks_exact_mut(2).zip(groups) {
        pair.copy_from_slice(&group.to_be_bytes());
    }
    Some(octets)
}

/// What [`read_groups`] read.
struct Groups {
    count: usize,
    /// The last two were an IPv4 address (which ends the reading).
    ipv4: bool,
    /// Where the reading stopped.
    end: usize,
}

/// Reads up to `groups.len()` groups from `at`, apart by `:`, stopping
/// before the first that does not read (its `:` left unread).
fn read_groups(bytes: &[u8], at: usize, groups: &mut [u16]) -> Groups {
    let limit = groups.len();
    let mut end = at;
    let mut count = 0usize;
    while count < limit {
        let start = if count == 0 { Some(end) } else { colon(bytes, end) };
        let Some(start) = start else { break };
        let (group, digits) = hex_run(bytes, start);
        let after = start.saturating_add(digits);
        // An IPv4 address starts with one to three digits, then a dot: the
        // hex digits read are those digits when a dot follows them.
        let dotted = digits <= 3 && bytes.get(after) == Some(&b'.');
        if dotted
            && count.saturating_add(1) < limit
            && let Some((v4, after)) = ipv4_prefix(bytes, start)
        {
            let [a, b, c, d] = v4;
            if let Some(two) = groups.get_mut(count..count.saturating_add(2)) {
                two.copy_from_slice(&[u16::from_be_bytes([a, b]), u16::from_be_bytes([c, d])]);
            }
            return Groups { count: count.saturating_add(2), ipv4: true, end: after };
        }
        if digits == 0 || digits > 4 {
            break;
        }
        if let Some(slot) = groups.get_mut(count) {
            *slot = group;
        }
        end = after;
        count = count.saturating_add(1);
    }
    Groups { count, ipv4: false, end }
}

/// Past a `:` at `at`.
fn colon(bytes: &[u8], at: usize) -> Option<usize> {
    (bytes.get(at) == Some(&b':')).then(|| at.saturating_add(1))
}

/// The value of the hex digits at `at` and how many they are, counting
/// no further than five (more than a group holds).
fn hex_run(bytes: &[u8], at: usize) -> (u16, usize) {
    let mut value = 0u16;
    let mut digits = 0usize;
    for &b in bytes.get(at..).unwrap_or(&[]).iter().take(5) {
        let d = match b {
            b'0'..=b'9' => b.wrapping_sub(b'0'),
            b'a'..=b'f' => b.wrapping_sub(b'a').wrapping_add(10),
            b'A'..=b'F' => b.wrapping_sub(b'A').wrapping_add(10),
            _ => break,
        };
        value = value.wrapping_shl(4) | u16::from(d);
        digits = digits.saturating_add(1);
    }
    (value, digits)
}

/// An IPv4 address at the start of `bytes[at..]` (what follows it is not
/// looked at), and where it ends.
fn ipv4_prefix(bytes: &[u8], at: usize) -> Option<([u8; 4], usize)> {
    let rest = bytes.get(at..)?;
    // The longest run of digits and dots, then the four parts it must start with.
    let mut end = 0usize;
    let mut parts = 0usize;
    let mut digits = 0usize;
    for &b in rest {
        if b.is_ascii_digit() {
            digits = digits.saturating_add(1);
            if digits > 3 {
                return None;
            }
        } else if b == b'.' && parts < 3 && digits > 0 {
            parts = parts.saturating_add(1);
            digits = 0;
        } else {
            break;
        }
        end = end.saturating_add(1);
    }
    if parts != 3 || digits == 0 {
        return None;
    }
    let text = core::str::from_utf8(rest.get(..end)?).ok()?;
    Some((ipv4::parse_ipv4(text)?, at.checked_add(end)?))
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use core::net::Ipv6Addr;
    use std::string::String;

    fn agrees(text: &str) {
        let expected = text.parse::<Ipv6Addr>().ok().map(|a| a.octets());
        assert_eq!(parse_ipv6(text), expected, "{text:?}");
    }

    #[test]
    fn agrees_with_the_standard_parser() {
        for text in [
            "::",
            "::1",
            "1::",
            "2001:db8::25",
            "2001:db8:d485:586e::1f0",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7",
            "1::2::3",
            ":::",
            ":1::",
            "1::2:",
            "12345::",
            "::12345",
            "0000:0:00:000::",
            "::1.2.3.4",
            "::ffff:1.2.3.4",
            "1:2:3:4:5:6:1.2.3.4",
            "1:2:3:4:5:6:7:1.2.3.4",
            "1.2.3.4",
            "1.2.3.4::",
            "::1.2.3.4:1",
            "::01.2.3.4",
            "::256.1.1.1",
            "::1.2.3",
            "::1.2.3.4.5",
            "::1234.5.6.7",
            "1:2:3:4:5:1.2.3.4",
            "1::1.2.3.4",
            "g::",
            "::FFFF",
            "::fFfF",
            " ::1",
            "::1 ",
            "",
            ":",
            "1:",
            ":1",
            "1::2:3:4:5:6:7",
            "1::2:3:4:5:6:7:8",
            "::0.0.0.0",
            "1:2:3:4:5:6::1.2.3.4",
            "1:2:3:4:5::1.2.3.4",
            "::1.2.3.04",
            "::1.2..3",
            "::.1.2.3",
            "::1.2.3.",
            "::1.2.3.4.",
        ] {
            agrees(text);
        }
    }

    /// Texts made of pieces that meet every rule, each compared with the
    /// standard library's reading.
    #[test]
    fn agrees_with_the_standard_parser_on_many_texts() {
        let pieces = ["0", "1", "ff", "1234", "12345", "::", ":", "1.2.3.4", "01.2.3.4", "255.1.1.1", ".", "a"];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..200_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut text = String::new();
            let mut s = seed;
            for _ in 0..(s % 12) {
                s /= 12;
                text.push_str(pieces[(s % pieces.len() as u64) as usize]);
                s = s.rotate_left(7) ^ seed;
            }
            agrees(&text);
        }
    }
}
