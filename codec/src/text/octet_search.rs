//! Searches over text eight octets at a time, for the scanners' runs of
//! octets that need no look one by one (the words of a record, the inside
//! of a quoted string, a statement up to its first special octet).

const ONES: u64 = u64::from_le_bytes([0x01; 8]);
const HIGH: u64 = u64::from_le_bytes([0x80; 8]);

/// The high bit of each octet of `v` below `n` (at most 127) is set, and
/// maybe of some octets above such an octet; no other.
fn below(v: u64, n: u8) -> u64 {
    v.wrapping_sub(ONES.wrapping_mul(u64::from(n))) & !v & HIGH
}

/// The high bit of each octet of `v` equal to `b` is set, and maybe of some
/// octets above such an octet; no other.
pub(crate) fn equal(v: u64, b: u8) -> u64 {
    below(v ^ ONES.wrapping_mul(u64::from(b)), 1)
}

/// The high bit of each octet of `v` in `from..from + 2` is set (and maybe
/// of some above one).
pub(crate) fn pair(v: u64, from: u8) -> u64 {
    below(v ^ ONES.wrapping_mul(u64::from(from)), 2)
}

/// The high bit of each octet of `v` below `n` is set (and maybe of some
/// above one).
pub(crate) fn less(v: u64, n: u8) -> u64 {
    below(v, n)
}

/// How many octets at the start of `bytes`, in whole groups of eight, hold
/// none that `marks` marks (`marks` may mark others too, never miss one):
/// the octets a scanner may pass over without looking.
pub(crate) fn unmarked(bytes: &[u8], marks: impl Fn(u64) -> u64) -> usize {
    let mut skipped = 0usize;
    for chunk in bytes.chunks_exact(8) {
        let v = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]));
        if marks(v) != 0 {
            break;
        }
        skipped = skipped.saturating_add(8);
    }
    skipped
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every octet value at every place of a group: the octet sought is
    /// always marked, and the lowest mark is always a true one.
    #[test]
    fn marks_miss_nothing_and_the_lowest_is_true() {
        for place in 0..8usize {
            for value in 0..=255u8 {
                let mut octets = [b'a'; 8];
                if let Some(slot) = octets.get_mut(place) {
                    *slot = value;
                }
                let v = u64::from_le_bytes(octets);
                for (marks, hit) in [(equal(v, b'"'), value == b'"'), (pair(v, b'('), value == b'(' || value == b')'), (less(v, 0x21), value < 0x21)]
                {
                    let lowest = marks.trailing_zeros() / 8;
                    if hit {
                        assert_eq!(lowest as usize, place, "{value:#x} at {place}");
                    } else {
                        assert_eq!(marks, 0, "{value:#x} at {place}");
                    }
                }
            }
        }
    }

    #[test]
    fn unmarked_stops_at_the_group_with_a_mark() {
        let text = b"abcdefghijklmnop\"rstuvwxyz";
        assert_eq!(unmarked(text, |v| equal(v, b'"')), 16);
        assert_eq!(unmarked(b"abcdefg\"", |v| equal(v, b'"')), 0);
        assert_eq!(unmarked(b"abcdefgh", |v| equal(v, b'"')), 8);
        assert_eq!(unmarked(b"abc", |v| equal(v, b'"')), 0);
    }
}
